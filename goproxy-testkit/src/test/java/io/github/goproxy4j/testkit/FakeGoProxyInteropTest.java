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
class FakeGoProxyInteropTest {
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
  void retractionsReachTheGoCommand() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module("example.com/r", "v1.0.0")
        .module(FakeModule.builder("example.com/r", "v1.1.0").retract("v1.0.0", "broken build")
            .build())
        .start()) {
      Path dir = module();
      GoTool.Result r = GoTool.run(dir, env(proxy), 120, "get", "example.com/r@v1.0.0");
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("go: warning: example.com/r@v1.0.0: retracted by module "
          + "author: broken build"), r.stderr());
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

  private static Path goTestdata(Path work) {
    GoTool.Result r = GoTool.run(work, GoTool.hermeticEnv(work), 60, "env", "GOROOT");
    Path dir = Path.of(r.stdout().trim(), "src/cmd/go/testdata/mod");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir),
        "the go command's test data is not installed at " + dir);
    return dir;
  }

  @Test
  void servesTheGoCommandsOwnTestData() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().allowInvalidZips()
        .txtarDirectory(goTestdata(work)).start()) {
      assertTrue(proxy.moduleVersions().size() > 100, proxy.moduleVersions().toString());
      Path dir = module();
      GoTool.Result r = GoTool.run(dir, env(proxy), 120, "get", "rsc.io/quote@v1.5.2");
      assertEquals(0, r.exitCode(), r.stderr());
      List<String> sums = goSumLines(dir);
      assertTrue(sums.size() >= 4, sums.toString());
      for (String line : sums) {
        String[] f = line.split(" ");
        String version = f[1].replace("/go.mod", "");
        String record = proxy.sumdb().record(f[0], version).orElseThrow();
        assertTrue(record.contains(line + "\n"), line + " not in " + record);
      }
      assertTrue(sums.stream().anyMatch(l -> l.startsWith("rsc.io/sampler v1.3.0 h1:")), sums.toString());
      // a deliberately bad zip from cmd/go's test data is rejected by go as it is there
      r = GoTool.run(dir, env(proxy), 120, "mod", "download", "rsc.io/badzip@v1.0.0");
      assertFalse(r.ok());
      assertTrue(r.stderr().contains("zip for rsc.io/badzip@v1.0.0 has unexpected file "
          + "rsc.io/badzip@v1.0.0.txt"), r.stderr());
    }
  }

  @Test
  void servesACopyOfARealModuleCache() throws IOException {
    Path first = work.resolve("first");
    Path second = work.resolve("second");
    List<String> sumsFromCode;
    try (FakeGoProxy proxy = FakeGoProxy.builder().module(m100())
        .module("example.com/other", "v0.1.0", "v0.2.0").start()) {
      Path dir = Files.createDirectories(first.resolve("mod"));
      Files.writeString(dir.resolve("go.mod"), "module example.com/tmp\n\ngo 1.19\n");
      Map<String, String> env = new HashMap<>(GoTool.hermeticEnv(first));
      env.putAll(proxy.environment());
      GoTool.Result r = GoTool.run(dir, env, 120, "get", "example.com/m@v1.0.0",
          "example.com/other@v0.2.0");
      assertEquals(0, r.exitCode(), r.stderr());
      sumsFromCode = goSumLines(dir);
    }
    Path cache = first.resolve("gopath/pkg/mod/cache/download");
    try (FakeGoProxy proxy = FakeGoProxy.builder().directory(cache).start()) {
      assertEquals(List.of("example.com/m@v1.0.0", "example.com/other@v0.2.0"),
          proxy.moduleVersions());
      Path dir = Files.createDirectories(second.resolve("mod"));
      Files.writeString(dir.resolve("go.mod"), "module example.com/tmp\n\ngo 1.19\n");
      Map<String, String> env = new HashMap<>(GoTool.hermeticEnv(second));
      env.putAll(proxy.environment());
      GoTool.Result r = GoTool.run(dir, env, 120, "get", "example.com/m@v1.0.0",
          "example.com/other@v0.2.0");
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals(sumsFromCode, goSumLines(dir));
    }
  }

  /** go's error line for a request the private fake refused. */
  private static String unauthorized(FakeGoProxy proxy, String what, String path) {
    return what + ": reading " + proxy.url() + path
        + ": 401 Unauthorized\n\tserver response: unauthorized";
  }

  private static void assertNoSecret(FakeGoProxy proxy, String secret) {
    assertFalse(proxy.toString().contains(secret), proxy.toString());
    for (ProxyRequest q : proxy.requests().all()) {
      assertFalse(q.toString().contains(secret) || q.headers().toString().contains(secret),
          q + " " + q.headers());
    }
  }

  /**
   * go1.19, go1.21, go1.24 and go1.27 reach the https fake with Basic credentials from the
   * netrc its environment names, trusting its certificate through SSL_CERT_FILE; without the
   * netrc, or with a wrong password, each fails with net/http's 401 and the fake's body.
   */
  @Test
  void privateProxyOverHttpsWithNetrc() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().https().basicAuth("ci", "s3cret-pw")
        .module(m100()).module("example.com/other", "v0.1.0", "v0.2.0").start()) {
      assertTrue(proxy.url().toString().startsWith("https://127.0.0.1:"), proxy.url().toString());
      String record = proxy.sumdb().record("example.com/m", "v1.0.0").orElseThrow();
      for (GoTool.Go go : GoTool.releasesOf("1.19", "1.21", "1.24", "1.27")) {
        Path home = Files.createDirectories(work.resolve(go.lang()));
        Path dir = Files.createDirectories(home.resolve("mod"));
        Files.writeString(dir.resolve("go.mod"), "module example.com/tmp\n\ngo 1.19\n");
        Map<String, String> env = new HashMap<>(GoTool.hermeticEnv(home));
        env.putAll(proxy.environment());
        env.put("GOFLAGS", "-mod=mod");
        GoTool.Result r = go.run(dir, env, 120, "mod", "download", "-json",
            "example.com/m@v1.0.0");
        assertEquals(0, r.exitCode(), go + ": " + r.stderr() + r.stdout());
        String zipSum = record.split("\n")[0].split(" ")[2];
        assertTrue(r.stdout().contains("\"Sum\": \"" + zipSum + "\""), go + ": " + r.stdout());
        r = go.run(dir, env, 120, "list", "-m", "-versions", "example.com/other");
        assertEquals("example.com/other v0.1.0 v0.2.0\n", r.stdout(), go + ": " + r.stderr());
        proxy.requests().assertAll("authorized", q -> q.status() == 200 || q.status() == 404);
        proxy.requests().assertAll("sent with Basic credentials",
            q -> q.header("Authorization").orElse("").equals("Basic xxxxx"));
        assertNoSecret(proxy, "s3cret-pw");

        String want = "go: " + unauthorized(proxy, "module example.com/other",
            "/example.com/other/@v/list") + "\n";
        Map<String, String> none = new HashMap<>(env);
        none.remove("NETRC");
        r = go.run(dir, none, 120, "list", "-m", "-versions", "example.com/other");
        assertEquals(1, r.exitCode(), go + ": " + r.stdout());
        assertEquals(want, r.stderr(), go.toString());
        Path wrong = home.resolve("wrong-netrc");
        Files.writeString(wrong, Files.readString(Path.of(env.get("NETRC")))
            .replace("s3cret-pw", "wrong-pw"));
        Map<String, String> wrongEnv = new HashMap<>(env);
        wrongEnv.put("NETRC", wrong.toString());
        r = go.run(dir, wrongEnv, 120, "mod", "download", "-json", "example.com/other@v0.1.0");
        assertEquals(1, r.exitCode(), go + ": " + r.stdout());
        assertTrue(r.stdout().contains("\"Error\": \"" + unauthorized(proxy,
            "example.com/other@v0.1.0", "/example.com/other/@v/v0.1.0.info")
            .replace("\n\t", "\\n\\t") + "\""), go + ": " + r.stdout());
        assertFalse(proxy.requests().matching(q -> q.status() == 401).isEmpty());
        assertNoSecret(proxy, "wrong-pw");
        proxy.reset();
      }
    }
  }

  /**
   * go1.24 and later take a bearer token from a GOAUTH command (a URL line, a blank line, the
   * header, a blank line), and fail with the 401 when it prints a wrong one.
   */
  @Test
  void privateProxyWithGoAuthBearerToken() throws IOException {
    List<GoTool.Go> gos = GoTool.releasesOf("1.24", "1.27");
    try (FakeGoProxy proxy = FakeGoProxy.builder().https().bearerToken("tok-3f9a")
        .module(m100()).start()) {
      assertFalse(proxy.environment().containsKey("NETRC"), proxy.environment().toString());
      for (GoTool.Go go : gos) {
        Path home = Files.createDirectories(work.resolve(go.lang()));
        Path dir = Files.createDirectories(home.resolve("mod"));
        Files.writeString(dir.resolve("go.mod"), "module example.com/tmp\n\ngo 1.19\n");
        Map<String, String> env = new HashMap<>(GoTool.hermeticEnv(home));
        env.putAll(proxy.environment());
        env.put("GOAUTH", goAuthCommand(home.resolve("wrong-auth"), proxy, "tok-wrong"));
        GoTool.Result r = go.run(dir, env, 120, "mod", "download", "example.com/m@v1.0.0");
        assertEquals("go: " + unauthorized(proxy, "example.com/m@v1.0.0",
            "/example.com/m/@v/v1.0.0.info") + "\n", r.stderr(), go.toString());
        env.put("GOAUTH", goAuthCommand(home.resolve("auth"), proxy, "tok-3f9a"));
        r = go.run(dir, env, 120, "mod", "download", "example.com/m@v1.0.0");
        assertEquals(0, r.exitCode(), go + ": " + r.stderr());
        proxy.requests().assertRequested("/example.com/m/@v/v1.0.0.zip");
        assertTrue(proxy.requests().matching(q -> q.status() == 200).stream()
            .allMatch(q -> q.header("Authorization").orElse("").equals("Bearer xxxxx")));
        assertNoSecret(proxy, "tok-3f9a");
        assertNoSecret(proxy, "tok-wrong");
        proxy.reset();
      }
    }
  }

  /**
   * A GOAUTH command: a script printing the proxy's URL line and a bearer token header. The URL
   * has no trailing slash: go1.24.4 keys credentials by the URL line as written and looks up
   * the request URL and its host only, so {@code https://127.0.0.1:port/} would match nothing
   * (go1.27 trims the slash).
   */
  static String goAuthCommand(Path script, FakeGoProxy proxy, String token) throws IOException {
    Files.writeString(script, "#!/bin/sh\nprintf '%s\\n\\n%s\\n\\n' '" + proxy.url()
        + "' 'Authorization: Bearer " + token + "'\n");
    script.toFile().setExecutable(true);
    return script.toString();
  }
}
