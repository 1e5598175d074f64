package io.github.goproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goproxy CLI, each command run against the testkit's fake proxy. */
class GoproxyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static FakeGoProxy proxy;

  @TempDir
  Path work;

  @BeforeAll
  static void start() throws Exception {
    proxy = FakeGoProxy.builder()
        .module("example.com/lib", "v1.0.0", "v1.1.0", "v1.2.0")
        .start();
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  record Run(int status, String out, String err) {}

  private Map<String, String> env(String... extra) {
    Map<String, String> vars = new HashMap<>(proxy.environment());
    vars.put("GOENV", "off");
    vars.put("GOPATH", work.resolve("gopath").toString());
    vars.put("GOMODCACHE", work.resolve("modcache").toString());
    vars.put("GOFLAGS", "-modcacherw");
    for (int i = 0; i < extra.length; i += 2) {
      vars.put(extra[i], extra[i + 1]);
    }
    return vars;
  }

  private Run run(Map<String, String> env, String... argv) {
    return run(Goproxy.standard(), env, argv);
  }

  private static Run run(Goproxy tool, Map<String, String> env, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = tool.run(List.of(argv), o, e, env, false);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryCommandAndEachCommandHasHelp() {
    Run r = run(env(), "--help");
    assertEquals(0, r.status());
    for (Command c : Commands.all()) {
      assertTrue(r.out().contains("  " + c.name() + " "), r.out());
      List<String> words = new java.util.ArrayList<>(List.of(c.name().split(" ")));
      words.add("--help");
      Run h = run(env(), words.toArray(String[]::new));
      assertEquals(0, h.status(), c.name());
      assertTrue(h.out().startsWith("goproxy " + c.name()), h.out());
    }
    assertEquals(2, run(env()).status());
  }

  @Test
  void unknownCommandsAndOptionsAreUsageErrors() {
    Run r = run(env(), "frobnicate");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("unknown command \"frobnicate\""), r.err());
    Run o = run(env(), "versions", "--frob", "example.com/lib");
    assertEquals(2, o.status());
    assertTrue(o.err().contains("unknown option --frob"), o.err());
    assertTrue(o.err().contains("usage: goproxy versions"), o.err());
  }

  /** A command that prints its name and arguments. */
  private record Echo(String name) implements Command {
    @Override
    public String summary() {
      return "echo " + name;
    }

    @Override
    public String help() {
      return "goproxy " + name + " [args]\n";
    }

    @Override
    public Set<String> flagOptions() {
      return Set.of("m");
    }

    @Override
    public int run(Invocation ctx) {
      ctx.out().println(name + " " + ctx.args().positional() + " m=" + ctx.args().flag("m") + " json=" + ctx.json());
      return 0;
    }
  }

  @Test
  void multiWordCommandsRunTheLongestRegisteredName() {
    Goproxy tool = new Goproxy(List.of(new Echo("list"), new Echo("mod graph"), new Echo("mod download")));
    assertEquals("mod graph [] m=false json=false\n", run(tool, env(), "mod", "graph").out());
    assertEquals("mod download [a@v1.0.0] m=false json=true\n",
        run(tool, env(), "mod", "download", "--json", "a@v1.0.0").out());
    assertEquals("list [all] m=true json=true\n", run(tool, env(), "--json", "list", "-m", "all").out());
    assertEquals("goproxy mod graph [args]\n", run(tool, env(), "help", "mod", "graph").out());
    assertEquals("goproxy mod graph [args]\n", run(tool, env(), "mod", "graph", "--help").out());
    Run overview = run(tool, env(), "--help");
    assertTrue(overview.out().contains("  mod graph     echo mod graph\n"), overview.out());

    Run unknown = run(tool, env(), "mod", "frob");
    assertEquals(2, unknown.status());
    assertEquals("goproxy: unknown command \"mod frob\"; run 'goproxy --help' for the list\n", unknown.err());
    assertEquals(2, run(tool, env(), "mod").status());
  }

  @Test
  void explainNamesTheProxyAndTheChecksumDatabase() throws Exception {
    Run r = run(env("GOPRIVATE", "corp.example/*"), "explain", "example.com/lib", "corp.example/x");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains(proxy.url().getHost()), r.out());
    assertTrue(r.out().contains("GOPRIVATE"), r.out());
    JsonNode json = JSON.readTree(run(env("GOPRIVATE", "corp.example/*"), "explain", "--json", "corp.example/x").out());
    assertEquals("corp.example/x", json.get(0).get("module").asText());
    assertEquals("direct", json.get(0).get("proxies").get(0).asText());
    assertTrue(json.get(0).get("private").asBoolean());
  }

  /** An invalid GOPROXY is each module's error (go fails every lookup with it), not explain's. */
  @Test
  void explainNamesAnInvalidGoproxyPerModule() throws Exception {
    Run r = run(env("GOPROXY", "ftp://x", "GOPRIVATE", "corp.example/*"), "explain", "example.com/lib", "corp.example/x");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("is invalid: invalid proxy URL scheme (must be https, http, file): ftp://x"), r.out());
    JsonNode json = JSON.readTree(run(env("GOPROXY", "ftp://x"), "explain", "--json", "example.com/lib").out());
    assertEquals("invalid proxy URL scheme (must be https, http, file): ftp://x",
        json.get(0).get("proxiesError").asText());
    assertTrue(json.get(0).get("proxies") == null, json.toString());
  }

  @Test
  void versionsLatestAndInfo() throws Exception {
    Run v = run(env(), "versions", "example.com/lib");
    assertEquals(0, v.status(), v.err());
    assertEquals(List.of("v1.0.0", "v1.1.0", "v1.2.0"), v.out().lines().toList());
    JsonNode vj = JSON.readTree(run(env(), "versions", "--json", "example.com/lib").out());
    assertEquals(3, vj.size());

    Run l = run(env(), "latest", "example.com/lib");
    assertEquals(0, l.status(), l.err());
    assertTrue(l.out().startsWith("v1.2.0  2019-01-01T00:00:00Z"), l.out());
    JsonNode lj = JSON.readTree(run(env(), "latest", "--json", "--query", "v1.1", "example.com/lib").out());
    assertEquals("v1.1.0", lj.get("Version").asText());

    Run lg = run(env(), "latest", "--json", "example.com/lib");
    assertEquals("{\n\t\"Version\": \"v1.2.0\",\n\t\"Time\": \"2019-01-01T00:00:00Z\"\n}\n", lg.out(),
        "go's json.MarshalIndent(v, \"\", \"\\t\") and a newline");

    Run i = run(env(), "info", "example.com/lib@v1.0.0");
    assertEquals(0, i.status(), i.err());
    assertTrue(i.out().startsWith("example.com/lib v1.0.0  2019-01-01T00:00:00Z"), i.out());
  }

  @Test
  void failuresAreOneLineWithoutStackTraceUnlessDebug() {
    Run r = run(env(), "versions", "example.com/missing");
    assertEquals(1, r.status());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("goproxy versions: "), r.err());
    assertTrue(r.err().contains("404 Not Found"), r.err());
    Run d = run(env(), "versions", "--debug", "example.com/missing");
    assertTrue(d.err().contains("\tat io.github.goproxy4j"), d.err());
    Run bad = run(env(), "versions", "Not A Path");
    assertEquals(1, bad.status());
    assertTrue(bad.err().contains("malformed module path \"Not A Path\""), bad.err());
  }

  @Test
  void downloadThenVerifyTheGoSumItProduced() throws Exception {
    Run d = run(env(), "download", "--json", "example.com/lib@v1.1.0", "example.com/lib@v1.2.0");
    assertEquals(0, d.status(), d.err());
    JsonNode dj = JSON.readTree(d.out());
    assertEquals(2, dj.size());
    StringBuilder goSum = new StringBuilder();
    for (JsonNode m : dj) {
      assertTrue(Files.isDirectory(Path.of(m.get("Dir").asText())));
      goSum.append(m.get("Path").asText()).append(' ').append(m.get("Version").asText()).append(' ')
          .append(m.get("Sum").asText()).append('\n');
      goSum.append(m.get("Path").asText()).append(' ').append(m.get("Version").asText()).append("/go.mod ")
          .append(m.get("GoModSum").asText()).append('\n');
    }
    Path file = work.resolve("go.sum");
    Files.writeString(file, goSum);
    Run ok = run(env(), "verify", file.toString());
    assertEquals(0, ok.status(), ok.out() + ok.err());
    assertTrue(ok.out().contains("all lines agree"), ok.out());

    Files.writeString(file, goSum.toString().replace(dj.get(0).get("Sum").asText(),
        "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    Run forged = run(env(), "verify", file.toString());
    assertEquals(1, forged.status(), forged.out());
    assertTrue(forged.out().contains("MISMATCH example.com/lib v1.1.0 "), forged.out());
  }

  /** A mistyped path used to verify nothing and report success, so a CI step passed silently. */
  @Test
  void verifyFailsOnAGoSumThatIsNotThere() {
    Path missing = work.resolve("no-such-dir").resolve("go.sum");
    Run r = run(env(), "verify", missing.toString());
    assertEquals(1, r.status(), r.out() + r.err());
    assertFalse(r.out().contains("all lines agree"), r.out());
    assertEquals("goproxy verify: open " + missing + ": no such file or directory\n", r.err());
  }

  @Test
  void doctorReportsIgnoredSettingsAndChecksTheProxyLive() throws Exception {
    Run healthy = run(env(), "doctor", "--module", "example.com/lib");
    assertEquals(0, healthy.status(), healthy.out() + healthy.err());
    assertTrue(healthy.out().contains("ok       proxy http://" + proxy.url().getHost()), healthy.out());
    assertTrue(healthy.out().contains("checksum database " + FakeGoProxy.DEFAULT_SUMDB_NAME + " verified"),
        healthy.out());

    Run misspelt = run(env("GONOSUMCHECK", "1"), "doctor", "--offline");
    assertTrue(misspelt.out().contains("GONOSUMCHECK"), misspelt.out());
    assertTrue(misspelt.out().contains("fix: "), misspelt.out());

    Run dead = run(env("GOPROXY", "http://127.0.0.1:9"), "doctor", "--module", "example.com/lib");
    assertEquals(1, dead.status(), dead.out());
    assertTrue(dead.out().contains("error    GOPROXY entry http://127.0.0.1:9"), dead.out());

    JsonNode json = JSON.readTree(run(env("GOPROXY", "ftp://x"), "doctor", "--json", "--offline").out());
    assertEquals("GOPROXY", json.get("findings").get(0).get("subject").asText());
  }

  @Test
  void probeFindsAStaleMirrorAndAHashThatDisagreesWithTheDatabase() throws Exception {
    try (FakeGoProxy mirror = FakeGoProxy.builder()
        .module("example.com/lib", "v1.0.0", "v1.1.0")
        .module(FakeModule.builder("example.com/tool", "v0.1.0").goMod("module example.com/tool // altered\n").build())
        .noSumdb()
        .start();
        FakeGoProxy origin = FakeGoProxy.builder()
            .module("example.com/lib", "v1.0.0", "v1.1.0", "v1.2.0")
            .module("example.com/tool", "v0.1.0")
            .start()) {
      Map<String, String> vars = new HashMap<>(env());
      vars.putAll(origin.environment());
      String proxies = origin.url() + "," + mirror.url();
      long scratchBefore = probeScratchDirs();
      Run r = run(vars, "probe", "--proxies", proxies, "--rounds", "2", "example.com/lib", "example.com/tool");
      assertEquals(1, r.status(), r.out() + r.err());
      assertTrue(r.out().contains("stale     " + mirror.url() + ": example.com/lib: @latest v1.1.0, another proxy has v1.2.0"),
          r.out());
      assertTrue(r.out().contains("MISMATCH  " + mirror.url() + ": example.com/tool@v0.1.0/go.mod"), r.out());
      assertFalse(r.out().contains("MISMATCH  " + origin.url()), r.out());
      assertEquals(scratchBefore, probeScratchDirs(), "probe deletes the module caches it measured with");
      JsonNode json = JSON.readTree(run(vars, "probe", "--json", "--proxies", proxies, "--rounds", "1",
          "example.com/lib").out());
      assertEquals(1.0, json.get(0).get("availability").asDouble());
      assertTrue(json.get(0).get("p95Millis").asLong() >= 0);
    }
  }

  @Test
  void probeNeverPrintsAProxyPassword() throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/lib", "v1.0.0").start()) {
      Map<String, String> vars = new HashMap<>(env());
      vars.putAll(proxy.environment());
      String hostPort = proxy.url().getAuthority();
      // from GOPROXY (http: go refuses to send the password) and from --proxies (connection refused)
      vars.put("GOPROXY", "http://alice:s3cret@" + hostPort + ",https://bob:hunter2@127.0.0.1:1");
      for (List<String> args : List.of(
          List.of("probe", "--rounds", "1", "example.com/lib"),
          List.of("probe", "--json", "--rounds", "1", "example.com/lib"),
          List.of("probe", "--debug", "--rounds", "1", "--proxies", "https://carol:pw4carol@127.0.0.1:1", "example.com/lib"))) {
        Run r = run(vars, args.toArray(String[]::new));
        String all = r.out() + r.err();
        for (String secret : List.of("s3cret", "hunter2", "pw4carol")) {
          assertFalse(all.contains(secret), args + " printed " + secret + ":\n" + all);
        }
        assertTrue(all.contains("alice:xxxxx@" + hostPort) || all.contains("carol:xxxxx@127.0.0.1:1"), args + ":\n" + all);
      }
    }
  }

  private static long probeScratchDirs() throws java.io.IOException {
    try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return dirs.filter(p -> p.getFileName().toString().startsWith("goproxy-probe")).count();
    }
  }

  @Test
  void serveStartsAProxyThatAnswersUntilStdinCloses() throws Exception {
    Path dir = Files.createDirectories(work.resolve("txtar"));
    Files.writeString(dir.resolve("example.com_hello_v1.0.0.txt"),
        "-- .mod --\nmodule example.com/hello\n-- .info --\n{\"Version\":\"v1.0.0\"}\n-- hello.go --\npackage hello\n");
    PipedOutputStream stdinWriter = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(stdinWriter);
    Goproxy tool = new Goproxy(List.of(new ServeCommand(stdin)));
    List<String> lines = new ArrayList<>();
    PipedOutputStream outWriter = new PipedOutputStream();
    PipedInputStream outReader = new PipedInputStream(outWriter);
    CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
      try (PrintStream o = new PrintStream(outWriter, true, StandardCharsets.UTF_8)) {
        return tool.run(List.of("serve", dir.toString()), o, new PrintStream(new ByteArrayOutputStream()), env(), false);
      }
    });
    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(outReader, StandardCharsets.UTF_8));
    lines.add(reader.readLine());
    lines.add(reader.readLine());
    assertTrue(lines.get(0).startsWith("GOPROXY=http://"), lines.toString());
    assertTrue(lines.get(1).startsWith("GOSUMDB="), lines.toString());
    URI list = URI.create(lines.get(0).substring("GOPROXY=".length()).replaceAll("/$", "") + "/example.com/hello/@v/list");
    HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(list).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, resp.statusCode());
    assertEquals("v1.0.0\n", resp.body());
    stdinWriter.close();
    assertEquals(0, status.get(30, TimeUnit.SECONDS));
  }

  /**
   * An https GOPROXY on a port that does not speak TLS (a plain HTTP server, an SSH banner, a
   * close after the ClientHello): goproxy's stdout, stderr (with {@code -x}'s {@code # get} lines)
   * and status equal go1.19's, go1.24's and go1.27's ({@code http: server gave HTTP response to
   * HTTPS client}, {@code tls: first record does not look like a TLS handshake}, {@code EOF}).
   */
  @Test
  void plainTextPortAsGo() throws Exception {
    List<io.github.goproxy4j.testing.GoTool.Go> gos = new ArrayList<>();
    gos.add(io.github.goproxy4j.testing.GoTool.assumeRelease("1.19"));
    io.github.goproxy4j.testing.GoTool.release("1.24").ifPresent(gos::add);
    gos.add(io.github.goproxy4j.testing.GoTool.assumeRelease("1.27"));
    Map<String, byte[]> replies = new java.util.LinkedHashMap<>();
    replies.put("http", "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    replies.put("ssh", "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
    replies.put("close", null);
    for (Map.Entry<String, byte[]> reply : replies.entrySet()) {
      try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
          java.net.InetAddress.getByName("127.0.0.1"))) {
        Thread acceptor = new Thread(() -> {
          while (!server.isClosed()) {
            try {
              java.net.Socket c = server.accept();
              Thread t = new Thread(() -> answerNotTls(c, reply.getValue()));
              t.setDaemon(true);
              t.start();
            } catch (java.io.IOException e) {
              return;
            }
          }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        for (io.github.goproxy4j.testing.GoTool.Go go : gos) {
          Path home = Files.createDirectories(work.resolve(go.lang() + "-" + reply.getKey()));
          Path dir = Files.createDirectories(home.resolve("m"));
          Files.writeString(dir.resolve("go.mod"), "module example.com/m\n\ngo 1.19\n");
          Map<String, String> goEnv = io.github.goproxy4j.testing.GoTool.hermeticEnv(home);
          goEnv.put("GOPROXY", "https://127.0.0.1:" + server.getLocalPort());
          goEnv.put("GOSUMDB", "off");
          goEnv.put("GOFLAGS", "-mod=mod");
          Map<String, String> ours = new HashMap<>();
          ours.put("GOENV", "off");
          ours.put("HOME", goEnv.get("HOME"));
          ours.put("PWD", dir.toString());
          ours.put("GOPATH", goEnv.get("GOPATH"));
          ours.put("GOMODCACHE", goEnv.getOrDefault("GOMODCACHE",
              Path.of(goEnv.get("GOPATH"), "pkg", "mod").toString()));
          for (String k : List.of("GOPROXY", "GOSUMDB", "GOFLAGS")) {
            ours.put(k, goEnv.get(k));
          }
          for (String[] cmd : List.of(new String[] {"mod", "download", "-x", "example.com/lib@v1.1.0"},
              new String[] {"list", "-m", "example.com/lib@v1.1.0"},
              new String[] {"list", "-m", "-versions", "example.com/lib"})) {
            var g = go.run(dir, goEnv, 120, cmd);
            Run theirs = new Run(g.exitCode(), g.stdout(), g.stderr());
            List<String> argv = new ArrayList<>(List.of(cmd));
            argv.addAll(List.of("--go-version", go.lang()));
            Run mine = run(ours, argv.toArray(String[]::new));
            String what = go + " " + String.join(" ", cmd) + " " + reply.getKey();
            assertEquals(theirs, mine, what);
            assertEquals(1, mine.status(), what);
          }
        }
      }
    }
  }

  /** Reads a ClientHello record, then writes {@code reply} and waits for the client, or closes. */
  private static void answerNotTls(java.net.Socket c, byte[] reply) {
    try (c) {
      c.setSoTimeout(60_000);
      java.io.InputStream in = c.getInputStream();
      byte[] header = in.readNBytes(5);
      if (header.length == 5) {
        in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
      }
      if (reply != null) {
        c.getOutputStream().write(reply);
        c.getOutputStream().flush();
        in.readAllBytes();
      }
    } catch (java.io.IOException e) {
      // the client went away
    }
  }

  /**
   * A private proxy (FakeGoProxy over https with Basic credentials; SSL_CERT_FILE and NETRC from
   * its environment): {@code list -m -versions} and {@code mod download -json} print what go1.19,
   * go1.24 and go1.27 print, byte for byte and with their exit status, with the netrc, without
   * it and with a wrong password (go's 401 line), with goproxy following each release.
   */
  @Test
  void privateProxyAsGo() throws Exception {
    List<io.github.goproxy4j.testing.GoTool.Go> gos = new ArrayList<>();
    gos.add(io.github.goproxy4j.testing.GoTool.assumeRelease("1.19"));
    io.github.goproxy4j.testing.GoTool.release("1.24").ifPresent(gos::add);
    gos.add(io.github.goproxy4j.testing.GoTool.assumeRelease("1.27"));
    try (FakeGoProxy p = FakeGoProxy.builder().https().basicAuth("ci", "s3cret-pw")
        .module("example.com/lib", "v1.0.0", "v1.1.0").start()) {
      Path wrongNetrc = work.resolve("wrong-netrc");
      Files.writeString(wrongNetrc, Files.readString(Path.of(p.environment().get("NETRC")))
          .replace("s3cret-pw", "wrong-pw"));
      for (io.github.goproxy4j.testing.GoTool.Go go : gos) {
        for (String netrc : new String[] {p.environment().get("NETRC"), null,
            wrongNetrc.toString()}) {
          Path home = Files.createDirectories(work.resolve(go.lang() + "-" + (netrc == null
              ? "none" : netrc.equals(wrongNetrc.toString()) ? "wrong" : "netrc")));
          Path dir = Files.createDirectories(home.resolve("m"));
          Files.writeString(dir.resolve("go.mod"), "module example.com/m\n\ngo 1.19\n");
          Map<String, String> goEnv = io.github.goproxy4j.testing.GoTool.hermeticEnv(home);
          goEnv.putAll(p.environment());
          goEnv.put("GOFLAGS", "-mod=mod");
          Map<String, String> ours = new HashMap<>(p.environment());
          ours.put("GOENV", "off");
          ours.put("PWD", dir.toString());
          ours.put("GOPATH", goEnv.get("GOPATH")); // the same paths in -json
          ours.put("GOFLAGS", "-mod=mod");
          if (netrc == null) {
            goEnv.remove("NETRC");
            ours.remove("NETRC");
          } else {
            goEnv.put("NETRC", netrc);
            ours.put("NETRC", netrc);
          }
          for (String[] cmd : List.of(new String[] {"list", "-m", "-versions", "example.com/lib"},
              new String[] {"mod", "download", "-json", "example.com/lib@v1.1.0"})) {
            var g = go.run(dir, goEnv, 120, cmd);
            Run theirs = new Run(g.exitCode(), g.stdout(), g.stderr());
            List<String> argv = new ArrayList<>(List.of(cmd));
            argv.addAll(List.of("--go-version", go.lang()));
            // goproxy after go, so that -json's paths exist for both (the same module cache)
            Run mine = run(ours, argv.toArray(String[]::new));
            String what = go + " " + String.join(" ", cmd) + " netrc=" + netrc;
            assertEquals(theirs, mine, what);
            assertEquals(netrc != null && !netrc.equals(wrongNetrc.toString()),
                theirs.status() == 0, what + ": " + theirs);
            assertFalse((mine.out() + mine.err()).contains("s3cret"), mine.toString());
          }
        }
      }
    }
  }
}
