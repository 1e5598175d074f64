package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real go command against the fake: downloads, go.sum, security errors, faults. */
class GoInteropTest {
  @TempDir Path work;

  @BeforeAll
  static void needGo() {
    GoTool.assumeGo();
  }

  private static FakeModule m100() {
    return FakeModule.builder("example.com/m", "v1.0.0")
        .goMod("module example.com/m\n\ngo 1.19\n")
        .file("m.go", "package m\n\nfunc Hello() string { return \"hello\" }\n")
        .file("LICENSE", "public domain\n")
        .build();
  }

  private Map<String, String> env(FakeGoProxy proxy) {
    Map<String, String> env = new HashMap<>(GoTool.hermeticEnv(work));
    env.putAll(proxy.environment());
    return env;
  }

  private Path module() throws IOException {
    Path dir = work.resolve("tmpmod");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("go.mod"), "module example.com/tmp\n\ngo 1.19\n");
    return dir;
  }

  private static List<String> goSumLines(Path dir) throws IOException {
    return Files.readAllLines(dir.resolve("go.sum"), StandardCharsets.UTF_8);
  }

  @Test
  void goGetWritesTheSumdbRecordToGoSum() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module(m100())
        .module("example.com/other", "v0.1.0", "v0.2.0").start()) {
      Path dir = module();
      GoTool.Result r = GoTool.run(dir, env(proxy), 120, "get", "example.com/m@v1.0.0");
      assertEquals(0, r.exitCode(), r.stderr());
      String record = proxy.sumdb().record("example.com/m", "v1.0.0").orElseThrow();
      assertEquals(List.of(record.split("\n")), goSumLines(dir));
      proxy.requests().assertRequested("/sumdb/" + proxy.sumdb().name() + "/supported");
      proxy.requests().assertRequested(
          "/sumdb/" + proxy.sumdb().name() + "/lookup/example.com/m@v1.0.0");
      proxy.requests().assertRequested("/example.com/m/@v/v1.0.0.zip");
      // go also asks whether "example.com" is a module: 404, as from a real proxy
      proxy.requests().assertAll("answered 200 (or 404 for the example.com prefix)",
          q -> q.status() == 200 || q.path().equals("/example.com/@v/v1.0.0.info")
              && q.status() == 404);
    }
  }

  @Test
  void goModDownloadJsonReportsTheSums() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module(m100()).start()) {
      Path dir = module();
      GoTool.Result r = GoTool.run(dir, env(proxy), 120, "mod", "download", "-json",
          "example.com/m@v1.0.0");
      assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
      String[] record = proxy.sumdb().record("example.com/m", "v1.0.0").orElseThrow().split("\n");
      String zipSum = record[0].substring(record[0].lastIndexOf(' ') + 1);
      String modSum = record[1].substring(record[1].lastIndexOf(' ') + 1);
      assertTrue(r.stdout().contains("\"Sum\": \"" + zipSum + "\""), r.stdout());
      assertTrue(r.stdout().contains("\"GoModSum\": \"" + modSum + "\""), r.stdout());
    }
  }

  @Test
  void wrongHashIsASecurityError() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module(m100())
        .sumdbWrongHash("example.com/m", "v1.0.0").start()) {
      Path dir = module();
      GoTool.Result r = GoTool.run(dir, env(proxy), 120, "get", "example.com/m@v1.0.0");
      assertFalse(r.ok(), r.stderr());
      assertTrue(r.stderr().contains("verifying module: checksum mismatch"), r.stderr());
      assertTrue(r.stderr().contains("SECURITY ERROR\nThis download does NOT match the one "
          + "reported by the checksum server."), r.stderr());
    }
  }

  @Test
  void aForkAfterTheHonestTreeIsDetected() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module(m100())
        .module("example.com/other", "v0.1.0").start()) {
      Path dir = module();
      Map<String, String> env = env(proxy);
      assertEquals(0, GoTool.run(dir, env, 120, "get", "example.com/m@v1.0.0").exitCode());
      proxy.sumdb().serveFork();
      GoTool.Result r = GoTool.run(dir, env, 120, "get", "example.com/other@v0.1.0");
      assertFalse(r.ok(), r.stderr());
      assertTrue(r.stderr().contains("SECURITY ERROR\ngo.sum database server misbehavior "
          + "detected!"), r.stderr());
    }
  }

  @Test
  void aStatusFaultFailsLikeARealProxy() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module(m100())
        .fault(Fault.status(503, "maintenance window").on(Endpoint.ZIP)).start()) {
      Path dir = module();
      GoTool.Result r = GoTool.run(dir, env(proxy), 120, "mod", "download", "example.com/m@v1.0.0");
      assertFalse(r.ok(), r.stderr());
      assertTrue(r.stderr().contains("reading " + proxy.url()
          + "/example.com/m/@v/v1.0.0.zip: 503 Service Unavailable\n\tserver response: "
          + "maintenance window"), r.stderr());
    }
  }

  @Test
  void aDroppedConnectionFailsTheDownload() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module(m100())
        .fault(Fault.disconnectDuringBody().on(Endpoint.ZIP)).start()) {
      Path dir = module();
      GoTool.Result r = GoTool.run(dir, env(proxy), 120, "mod", "download", "example.com/m@v1.0.0");
      assertFalse(r.ok(), r.stderr());
      assertTrue(r.stderr().contains("example.com/m@v1.0.0"), r.stderr());
      assertTrue(r.stderr().contains("unexpected EOF"), r.stderr());
    }
  }

  @Test
  void listAndLatestWork() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module("example.com/other", "v0.1.0", "v0.2.0", "v0.3.0-rc.1").start()) {
      Path dir = module();
      GoTool.Result r = GoTool.run(dir, env(proxy), 120, "list", "-m", "-versions",
          "example.com/other");
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("example.com/other v0.1.0 v0.2.0 v0.3.0-rc.1", r.stdout().trim());
      r = GoTool.run(dir, env(proxy), 120, "get", "example.com/other");
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(Files.readString(dir.resolve("go.mod")).contains("example.com/other v0.2.0"));
      String lines = goSumLines(dir).stream().collect(Collectors.joining("\n"));
      assertTrue(lines.contains("example.com/other v0.2.0 h1:"), lines);
    }
  }
}
