package io.github.goproxy4j.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.VerifierKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server: prints GOPROXY and GOSUMDB, serves, stops when stdin closes. */
class StandaloneMainTest {
  @TempDir Path dir;

  private static final class Run {
    final PipedOutputStream stdin = new PipedOutputStream();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final CompletableFuture<Integer> code;

    Run(String... args) throws IOException {
      PipedInputStream in = new PipedInputStream(stdin);
      PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
      PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
      // on a thread of its own: it blocks on stdin until the test closes it, and on the common
      // pool (one worker on 2 cores) it would starve other asynchronous tasks
      code = CompletableFuture.supplyAsync(() -> StandaloneMain.run(args, in, o, e), task -> {
        Thread t = new Thread(task, "standalone-main");
        t.setDaemon(true);
        t.start();
      });
    }

    String line(String prefix) throws InterruptedException {
      for (int i = 0; i < 200; i++) {
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
          if (l.startsWith(prefix)) {
            return l.substring(prefix.length());
          }
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no " + prefix + " line; stderr: " + err);
    }
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesATxtarDirectoryUntilStdinCloses() throws Exception {
    Files.writeString(dir.resolve("example.com_m_v1.0.0.txt"),
        "-- .mod --\nmodule example.com/m\n-- .info --\n{\"Version\":\"v1.0.0\"}\n"
            + "-- go.mod --\nmodule example.com/m\n-- m.go --\npackage m\n");
    Files.writeString(dir.resolve("README.txt"), "not a module\n");
    Run run = new Run(dir.toString(), "--sumdb-name", "sum.standalone.test");
    String goproxy = run.line("GOPROXY=");
    String gosumdb = run.line("GOSUMDB=");
    assertTrue(goproxy.matches("http://127\\.0\\.0\\.1:\\d+"), goproxy);
    assertEquals("sum.standalone.test", VerifierKey.parse(gosumdb).name());
    assertEquals("v1.0.0\n", get(goproxy + "/example.com/m/@v/list").body());
    assertEquals(200, get(goproxy + "/sumdb/sum.standalone.test/supported").statusCode());
    assertTrue(run.err.toString(StandardCharsets.UTF_8).contains("skipped README.txt: "));
    run.stdin.close();
    assertEquals(0, run.code.get(30, TimeUnit.SECONDS));
    org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> get(goproxy + "/example.com/m/@v/list"));
  }

  @Test
  void servesAGoproxyLayoutDirectoryOnAGivenPort() throws Exception {
    Path v = Files.createDirectories(dir.resolve("example.com/m/@v"));
    Files.writeString(v.resolve("v1.0.0.mod"), "module example.com/m\n");
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run run = new Run(dir.toString(), "--port", String.valueOf(port));
    assertEquals("http://127.0.0.1:" + port, run.line("GOPROXY="));
    assertEquals("module example.com/m\n",
        get("http://127.0.0.1:" + port + "/example.com/m/@v/v1.0.0.mod").body());
    run.stdin.close();
    assertEquals(0, run.code.get(30, TimeUnit.SECONDS));
  }

  @Test
  void usageAndDataErrors() throws Exception {
    assertEquals(2, new Run().code.get(10, TimeUnit.SECONDS));
    assertEquals(2, new Run("--port", "x", dir.toString()).code.get(10, TimeUnit.SECONDS));
    assertEquals(2, new Run(dir.resolve("missing").toString()).code.get(10, TimeUnit.SECONDS));
    assertEquals(2, new Run(dir.toString(), "extra").code.get(10, TimeUnit.SECONDS));
    Files.writeString(dir.resolve("example.com_m_v1.0.0.txt"), "-- a --\n-- a --\n");
    Run bad = new Run(dir.toString());
    assertEquals(1, bad.code.get(30, TimeUnit.SECONDS));
    assertEquals("example.com_m_v1.0.0.txt:2: duplicate file \"a\" (first at line 1)\n",
        bad.err.toString(StandardCharsets.UTF_8));
    Run help = new Run("--help");
    assertEquals(0, help.code.get(10, TimeUnit.SECONDS));
    assertTrue(help.out.toString(StandardCharsets.UTF_8).startsWith("usage: "));
  }

  /**
   * {@code --https --basic-auth}: the printed SSL_CERT_FILE and NETRC lines are what go1.19 and
   * go1.27 need to list the private fake's versions; without the NETRC go gets the 401; nothing
   * printed holds the password.
   */
  @Test
  void servesAPrivateProxyToTheGoCommand() throws Exception {
    Files.writeString(dir.resolve("example.com_m_v1.0.0.txt"),
        "-- .mod --\nmodule example.com/m\n-- .info --\n{\"Version\":\"v1.0.0\"}\n"
            + "-- go.mod --\nmodule example.com/m\n-- m.go --\npackage m\n");
    Run run = new Run(dir.toString(), "--https", "--basic-auth", "ci:s3cret:pw");
    String goproxy = run.line("GOPROXY=");
    assertTrue(goproxy.matches("https://127\\.0\\.0\\.1:\\d+"), goproxy);
    java.util.Map<String, String> lines = new java.util.HashMap<>();
    for (String key : new String[] {"GOPROXY", "GOSUMDB", "SSL_CERT_FILE", "NETRC"}) {
      lines.put(key, run.line(key + "="));
    }
    assertTrue(Files.readString(Path.of(lines.get("NETRC"))).contains(" password s3cret:pw\n"));
    for (String release : new String[] {"1.19", "1.27"}) {
      io.github.goproxy4j.testing.GoTool.Go go =
          io.github.goproxy4j.testing.GoTool.assumeRelease(release);
      Path home = Files.createDirectories(dir.resolve("go" + release));
      java.util.Map<String, String> env = io.github.goproxy4j.testing.GoTool.hermeticEnv(home);
      env.putAll(lines);
      var r = go.run(home, env, 120, "list", "-m", "-versions", "example.com/m");
      assertEquals("example.com/m v1.0.0\n", r.stdout(), go + ": " + r.stderr());
      env.remove("NETRC");
      r = go.run(home, env, 120, "list", "-m", "-versions", "example.com/m");
      assertEquals("go: module example.com/m: reading " + goproxy
          + "/example.com/m/@v/list: 401 Unauthorized\n\tserver response: unauthorized\n",
          r.stderr(), go.toString());
    }
    run.stdin.close();
    assertEquals(0, run.code.get(30, TimeUnit.SECONDS));
    String printed = run.out.toString(StandardCharsets.UTF_8) + run.err;
    org.junit.jupiter.api.Assertions.assertFalse(printed.contains("s3cret"), printed);
    org.junit.jupiter.api.Assertions.assertFalse(Files.exists(Path.of(lines.get("NETRC"))));
  }

  @Test
  void badCredentialsAreUsageErrorsThatDoNotEchoThem() throws Exception {
    for (String[] args : new String[][] {
        {dir.toString(), "--basic-auth", "no-colon-s3cret"},
        {dir.toString(), "--basic-auth", "a:b", "--bearer-token", "t"},
        {dir.toString(), "--bearer-token", "s3cret with space"}}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = StandaloneMain.run(args, new java.io.ByteArrayInputStream(new byte[0]),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
      org.junit.jupiter.api.Assertions.assertFalse(
          err.toString(StandardCharsets.UTF_8).contains("s3cret"), err.toString());
    }
  }
}
