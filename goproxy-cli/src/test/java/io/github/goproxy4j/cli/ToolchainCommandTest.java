package io.github.goproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.toolchain.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code goproxy toolchain} and {@code --go-version} against a testkit proxy serving a fake toolchain. */
class ToolchainCommandTest {
  @TempDir
  Path work;

  private FakeGoProxy proxy;

  @AfterEach
  void close() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    try (Stream<Path> s = Files.walk(work)) {
      s.filter(Files::isDirectory).forEach(d -> d.toFile().setWritable(true, true));
    }
  }

  private Map<String, String> env(String... extra) throws IOException {
    Platform host = Platform.current();
    if (proxy == null) {
      proxy = FakeGoProxy.builder().module(FakeModule.toolchain("go1.99.1", host.goos(), host.goarch())).start();
    }
    Map<String, String> vars = new HashMap<>(proxy.environment());
    vars.put("GOENV", "off");
    vars.put("HOME", work.toString());
    vars.put("GOPATH", work.resolve("gopath").toString());
    vars.remove("GOMODCACHE");
    vars.put("PATH", "");
    for (int i = 0; i < extra.length; i += 2) {
      vars.put(extra[i], extra[i + 1]);
    }
    return vars;
  }

  private static String[] run(Map<String, String> env, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Goproxy.standard().run(List.of(argv), o, e, env, false);
    }
    return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void installsANamedToolchainAndPrintsItsGoroot() throws Exception {
    Platform host = Platform.current();
    String[] r = run(env(), "toolchain", "go1.99.1");
    assertEquals("0", r[0], r[2]);
    Path goRoot = work.resolve("gopath/pkg/mod/golang.org/toolchain@v0.0.1-go1.99.1." + host.goos() + "-"
        + host.goarch());
    assertEquals(goRoot + "\n", r[1]);
    assertTrue(Files.isExecutable(goRoot.resolve("bin/go")));
  }

  @Test
  void gotoolchainSelectsWhenNoToolchainIsNamed() throws Exception {
    String[] r = run(env("GOTOOLCHAIN", "go1.99.1"), "toolchain", "--json");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("\"Toolchain\": \"go1.99.1\""), r[1]);
    assertTrue(r[1].contains("GOTOOLCHAIN=go1.99.1"), r[1]);
  }

  @Test
  void missingToolchainsAndOldReleasesAsGoSaysThem() throws Exception {
    Platform host = Platform.current();
    String[] r = run(env(), "toolchain", "go1.98.7");
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("download go1.98.7 for " + host + ": toolchain not available"), r[2]);
    // go1.20 knows no GOTOOLCHAIN: the local toolchain is selected.
    String[] local = run(env("GOTOOLCHAIN", "go1.99.1"), "toolchain", "--json", "--go-version", "1.20");
    assertEquals("0", local[0], local[2]);
    assertTrue(local[1].contains("\"Toolchain\": \"go1.20\""), local[1]);
    String[] bad = run(env(), "--go-version", "1.18", "toolchain");
    assertEquals("1", bad[0]);
    assertTrue(bad[2].contains("unsupported go version \"1.18\""), bad[2]);
  }
}
