package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Lookup}, go's TryProxies over a GOPROXY list, against the go command. For each
 * combination of list shape, first proxy's answer and second proxy's answer, the
 * requests each proxy receives and the outcome (success, or go's error text) are the same for
 * the real go command and for this client.
 */
class LookupInteropTest {
  private static final String M = "example.com/m@v1.0.0";

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    String[] aFaults = {"404", "410", "403", "500", "204", "reset"};
    String[] shapes = {"A,B", "A|B", "A,off", "A|off", "A,direct"};
    for (String shape : shapes) {
      for (String a : aFaults) {
        String[] bs = shape.endsWith("B") ? new String[] {"ok", "404", "500"} : new String[] {"-"};
        for (String b : bs) {
          out.add(Arguments.of(shape + " A=" + a + " B=" + b, shape, a, b));
        }
      }
    }
    out.add(Arguments.of("A,B A=ok B=-", "A,B", "ok", "ok"));
    return out.stream();
  }

  private static FakeGoProxy start(String fault) throws IOException {
    FakeGoProxy.Builder b = FakeGoProxy.builder().noSumdb().module("example.com/m", "v1.0.0");
    if (!fault.equals("ok") && !fault.equals("-")) {
      for (String f : List.of("v1.0.0.info", "v1.0.0.mod", "v1.0.0.zip", "list")) {
        String path = "/example.com/m/@v/" + f;
        if (fault.equals("reset")) {
          b.fault(Fault.disconnectBeforeResponse().forPath(path));
        } else {
          int code = Integer.parseInt(fault);
          b.fault(Fault.status(code, code == 204 ? "" : "fault " + code + " for " + f + "\n")
              .forPath(path));
        }
      }
    }
    return b.start();
  }

  /** What one side did: the requests each server saw, and the outcome. */
  record Run(List<String> a, List<String> b, String outcome) {}

  private static String goproxy(String shape, FakeGoProxy a, FakeGoProxy b) {
    return shape.replace("A", a.url().toString()).replace("B", b.url().toString());
  }

  private static String outcome(String text, FakeGoProxy a, FakeGoProxy b) {
    return text.replace(a.url().toString(), "A").replace(b.url().toString(), "B");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void goAndClientAskTheSameProxiesAndAgree(String name, String shape, String aFault,
      String bFault, @TempDir Path tmp) throws Exception {
    GoTool.assumeGo();
    Run go;
    try (FakeGoProxy a = start(aFault); FakeGoProxy b = start(bFault)) {
      Map<String, String> env = GoTool.hermeticEnv(tmp);
      env.put("GOPROXY", goproxy(shape, a, b));
      env.put("GOMODCACHE", tmp.resolve("go-cache").toString());
      Path work = Files.createDirectories(tmp.resolve("work"));
      GoTool.Result r = GoTool.run(work, env, 60, "mod", "download", "-json", M);
      String outcome = "ok";
      if (!r.ok()) {
        JsonNode n = new ObjectMapper().readTree(r.stdout());
        outcome = n == null || n.get("Error") == null ? "error: " + r.stderr() : n.get("Error").asText();
      }
      go = new Run(a.requests().paths(), b.requests().paths(), outcome(outcome, a, b));
    }
    Run ours;
    try (FakeGoProxy a = start(aFault); FakeGoProxy b = start(bFault)) {
      Map<String, String> vars = new HashMap<>();
      vars.put("GOPROXY", goproxy(shape, a, b));
      vars.put("GOSUMDB", "off");
      vars.put("GOPATH", tmp.resolve("gopath").toString());
      String outcome = "ok";
      try (GoProxyClient c = GoProxyClient.builder().env(GoEnv.of(vars))
          .moduleCache(tmp.resolve("our-cache")).build()) {
        c.download(ModuleVersion.parse(M));
      } catch (IOException e) {
        outcome = e.getMessage();
      }
      ours = new Run(a.requests().paths(), b.requests().paths(), outcome(outcome, a, b));
    }
    // Per file, the same servers are asked in the same order.
    // (The JDK's HTTP client retries a GET once when a fresh connection closes before any
    // answer; go does not. That repeat of the same request to the same proxy is collapsed.)
    boolean reset = aFault.equals("reset");
    for (String f : List.of(".info", ".mod", ".zip", "/list")) {
      assertEquals(filter(go.a(), f, false), filter(ours.a(), f, reset), "requests to A for " + f);
      assertEquals(filter(go.b(), f, false), filter(ours.b(), f, false), "requests to B for " + f);
    }
    if (go.outcome().equals("ok") || ours.outcome().equals("ok")) {
      assertEquals(go.outcome(), ours.outcome());
    } else if (aFault.equals("reset") && !shape.contains("B") || shape.contains("direct")
        || aFault.equals("reset") && go.outcome().contains("Get \"")) {
      // Transport and version-control texts differ by design; both failed.
      assertEquals(go.outcome().isEmpty(), ours.outcome().isEmpty());
    } else {
      assertEquals(go.outcome(), ours.outcome());
    }
  }

  private static List<String> filter(List<String> requests, String suffix, boolean collapse) {
    List<String> out = new ArrayList<>();
    for (String r : requests) {
      if (r.endsWith(suffix) && !(collapse && !out.isEmpty() && out.get(out.size() - 1).equals(r))) {
        out.add(r);
      }
    }
    return out;
  }
}
