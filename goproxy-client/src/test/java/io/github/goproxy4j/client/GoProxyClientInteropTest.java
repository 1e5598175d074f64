package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.testkit.ProxyRequest;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same modules downloaded by the real go command and by this client from the same proxy
 * give byte-identical module caches and the same go.sum hashes, and each side reuses the other's
 * cache without network.
 */
class GoProxyClientInteropTest {
  private static final List<String> MODULES = List.of(
      "example.com/m@v1.0.0", "example.com/m@v1.1.0", "example.com/m/v2@v2.0.0",
      "example.com/Upper@v1.0.0-RC1", "example.com/nested@v0.1.0");

  @TempDir Path tmp;
  FakeGoProxy proxy;

  @BeforeEach
  void setUp() throws IOException {
    proxy = FakeGoProxy.builder().noSumdb()
        .module(FakeModule.builder("example.com/m", "v1.0.0")
            .time(Instant.parse("2023-01-02T03:04:05Z"))
            .file("a.go", "package m\n\nconst V = \"v1.0.0\"\n").build())
        .module(FakeModule.builder("example.com/m", "v1.1.0")
            .info("{\"Version\":\"v1.1.0\",\"Time\":\"2023-02-03T04:05:06.789+02:00\"}")
            .file("a.go", "package m\n").file("LICENSE", "MIT\n")
            .file("sub/b.go", "package sub\n").build())
        .module("example.com/m/v2", "v2.0.0")
        .module("example.com/Upper", "v1.0.0-RC1")
        .module(FakeModule.builder("example.com/nested", "v0.1.0")
            .time(Instant.parse("2021-01-01T00:00:00Z"))
            .goMod("module example.com/nested\n\ngo 1.19\n")
            .file("x/y/z.go", "package z\n").file("README.md", "# hi\n").build())
        .start();
  }

  @AfterEach
  void tearDown() throws IOException {
    proxy.close();
    GoOs.removeAll(tmp);
  }

  private Map<String, String> goEnv(Path cache, String goproxy) {
    Map<String, String> env = GoTool.hermeticEnv(tmp);
    env.put("GOPROXY", goproxy);
    env.put("GOMODCACHE", cache.toString());
    env.put("GOFLAGS", "");
    return env;
  }

  private GoProxyClient client(Path cache, String goproxy) {
    Map<String, String> vars = new HashMap<>();
    vars.put("GOPROXY", goproxy);
    vars.put("GOSUMDB", "off");
    vars.put("GOPATH", tmp.resolve("gopath").toString());
    return GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(cache).build();
  }

  private List<JsonNode> goDownload(Path cache, String goproxy) throws IOException {
    Path work = Files.createDirectories(tmp.resolve("work"));
    List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
    args.addAll(MODULES);
    GoTool.Result r = GoTool.run(work, goEnv(cache, goproxy), 120, args.toArray(String[]::new));
    assertTrue(r.ok(), r.stderr() + r.stdout());
    List<JsonNode> out = new ArrayList<>();
    ObjectMapper om = new ObjectMapper();
    try (var p = om.createParser(r.stdout())) {
      var it = om.readValues(p, JsonNode.class);
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String rel = root.relativize(p).toString();
        if (rel.isEmpty() || rel.equals("cache/lock") || rel.endsWith(".lock")) {
          continue; // lock files: go creates cache/lock too; both create <v>.lock
        }
        String kind = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir " : "file ";
        String perm = p.startsWith(root.resolve("cache")) || rel.indexOf('@') < 0
            ? "" : PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        out.put(rel, kind + perm);
      }
    }
    return out;
  }

  @Test
  void sameCacheBytesAndSumsAndMutualReuse() throws Exception {
    GoTool.assumeGo();
    Path goCache = tmp.resolve("go-cache");
    Path ourCache = tmp.resolve("our-cache");
    List<JsonNode> goResults = goDownload(goCache, proxy.url().toString());
    List<DownloadedModule> ours;
    try (GoProxyClient c = client(ourCache, proxy.url().toString())) {
      ours = c.downloadAll(MODULES.stream().map(ModuleVersion::parse).toList());
    }
    // go.sum hashes: go's Sum/GoModSum equal ours.
    assertEquals(MODULES.size(), goResults.size());
    for (int i = 0; i < MODULES.size(); i++) {
      JsonNode g = goResults.get(i);
      DownloadedModule d = ours.get(i);
      assertEquals(g.get("Path").asText() + "@" + g.get("Version").asText(), d.module().toString());
      assertEquals(g.get("Sum").asText(), d.zipHash().toString());
      assertEquals(g.get("GoModSum").asText(), d.goModHash().toString());
      assertEquals(Path.of(g.get("Dir").asText()), goCache.resolve(ourCache.relativize(d.dir())));
    }
    // The same files, byte for byte, with the same read-only modes in extracted trees.
    Map<String, String> goTree = tree(goCache);
    Map<String, String> ourTree = tree(ourCache);
    goTree.keySet().removeIf(k -> k.startsWith("cache/download/sumdb"));
    assertEquals(goTree, ourTree);
    for (String rel : goTree.keySet()) {
      Path a = goCache.resolve(rel);
      if (Files.isRegularFile(a)) {
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(ourCache.resolve(rel)), rel);
      }
    }
    proxy.close();
    // go reuses our cache with GOPROXY=off, and we reuse go's with the proxy gone.
    List<JsonNode> fromOurs = goDownload(ourCache, "off");
    assertEquals(MODULES.size(), fromOurs.size());
    for (JsonNode n : fromOurs) {
      assertTrue(n.get("Error") == null, n.toString());
    }
    try (GoProxyClient c = client(goCache, "off")) {
      List<DownloadedModule> fromGo = c.downloadAll(MODULES.stream().map(ModuleVersion::parse).toList());
      for (int i = 0; i < MODULES.size(); i++) {
        assertEquals(ours.get(i).zipHash(), fromGo.get(i).zipHash());
      }
    }
  }

  /**
   * A module cache's {@code cache/download} serves as a {@code file://} proxy, a proxy URL may
   * end in a slash, and a missing file reads as go reports it.
   */
  @Test
  void aCacheServesAsFileProxyAndMissingFilesReadLikeGo() throws Exception {
    ModuleVersion m = ModuleVersion.parse("example.com/m@v1.0.0");
    DownloadedModule first;
    try (GoProxyClient c = client(tmp.resolve("a"), proxy.url() + "/")) {
      first = c.download(m);
    }
    assertEquals(List.of("/example.com/m/@v/v1.0.0.info", "/example.com/m/@v/v1.0.0.mod",
        "/example.com/m/@v/v1.0.0.zip"), proxy.requests().paths());
    String fileProxy = tmp.resolve("a/cache/download").toUri().toString();
    try (GoProxyClient c = client(tmp.resolve("b"), fileProxy)) {
      assertEquals(first.zipHash(), c.download(m).zipHash());
      ModuleNotFoundException e = assertThrows(ModuleNotFoundException.class,
          () -> c.info(ModuleVersion.parse("example.com/m@v1.9.0")));
      GoTool.assumeGo();
      Path work = Files.createDirectories(tmp.resolve("work"));
      GoTool.Result r = GoTool.run(work, goEnv(tmp.resolve("go"), fileProxy), 60, "mod",
          "download", "-json", "example.com/m@v1.9.0");
      assertEquals(new ObjectMapper().readTree(r.stdout()).get("Error").asText(), e.getMessage());
    }
  }

  /** The fake's environment for go: hermetic, then the fake's settings, then {@code extra}. */
  private static Map<String, String> privateEnv(Path home, FakeGoProxy p, Path cache) {
    Map<String, String> env = GoTool.hermeticEnv(home);
    env.putAll(p.environment());
    env.put("GOMODCACHE", cache.toString());
    env.put("GOFLAGS", "-mod=mod");
    return env;
  }

  /** A client of {@code go}'s release built from the same variables go ran with. */
  private static GoProxyClient privateClient(Map<String, String> env, GoTool.Go go) {
    GoEnv e = GoEnv.builder().environment(env).noUserEnvFile().goVersion(go.lang()).build();
    return GoProxyClient.builder().env(e).build();
  }

  /** go's one-line error ({@code go: } and a newline stripped) as our exception's message. */
  private static String goError(GoTool.Result r) {
    assertEquals(1, r.exitCode(), r.stdout());
    assertTrue(r.stderr().startsWith("go: ") && r.stderr().endsWith("\n"), r.stderr());
    return r.stderr().substring(4, r.stderr().length() - 1);
  }

  /**
   * A private proxy (FakeGoProxy over https with Basic credentials, trusted through
   * SSL_CERT_FILE, credentials in NETRC): go1.19, go1.21, go1.24 and go1.27 and this client,
   * each built from the same variables, download and verify (against the fake's sumdb) the same
   * modules into byte-identical caches and list the same versions; without the netrc and with a
   * wrong password both fail with go's text.
   */
  @Test
  void privateHttpsProxyWithNetrcAsGo() throws Exception {
    List<ModuleVersion> mvs = MODULES.stream().map(ModuleVersion::parse).toList();
    try (FakeGoProxy p = FakeGoProxy.builder().https().basicAuth("ci", "s3cret-pw")
        .module("example.com/m", "v1.0.0", "v1.1.0").module("example.com/m/v2", "v2.0.0")
        .module("example.com/Upper", "v1.0.0-RC1").module("example.com/nested", "v0.1.0")
        .start()) {
      // the fake's own GoEnv (its SSL_CERT_FILE and NETRC) is enough for the client
      try (GoProxyClient c = GoProxyClient.builder().env(p.goEnv()).build()) {
        assertEquals(List.of("v1.0.0", "v1.1.0"), c.versions(ModulePath.parse("example.com/m"))
            .stream().map(Version::toString).toList());
        c.download(mvs.get(0));
      }
      p.reset();
      for (GoTool.Go go : GoTool.releasesOf("1.19", "1.21", "1.24", "1.27")) {
        Path home = Files.createDirectories(tmp.resolve(go.lang()));
        Path goCache = home.resolve("go-cache");
        Path ourCache = home.resolve("our-cache");
        Path work = Files.createDirectories(home.resolve("work"));
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        args.addAll(MODULES);
        GoTool.Result r = go.run(work, privateEnv(home, p, goCache), 120,
            args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), go + ": " + r.stderr() + r.stdout());
        List<DownloadedModule> ours;
        try (GoProxyClient c = privateClient(privateEnv(home, p, ourCache), go)) {
          ours = c.downloadAll(mvs);
          GoTool.Result list = go.run(work, privateEnv(home, p, goCache), 120, "list", "-m",
              "-versions", "example.com/m");
          assertEquals(list.stdout(), "example.com/m " + String.join(" ",
              c.versions(ModulePath.parse("example.com/m")).stream().map(Version::toString)
                  .toList()) + "\n", go + ": " + list.stderr());
        }
        for (DownloadedModule d : ours) {
          assertTrue(r.stdout().contains("\"Sum\": \"" + d.zipHash() + "\""), go + " " + d);
        }
        assertSameDownloads(goCache, ourCache, go.toString(), 4 * MODULES.size());

        Map<String, String> none = privateEnv(home, p, home.resolve("c2"));
        none.remove("NETRC");
        Path wrongNetrc = home.resolve("wrong-netrc");
        Files.writeString(wrongNetrc, Files.readString(Path.of(p.environment().get("NETRC")))
            .replace("s3cret-pw", "wrong-pw"));
        Map<String, String> wrong = privateEnv(home, p, home.resolve("c3"));
        wrong.put("NETRC", wrongNetrc.toString());
        for (Map<String, String> env : List.of(none, wrong)) {
          String goList = goError(go.run(work, env, 120, "list", "-m", "-versions",
              "example.com/m"));
          String goDownload = goError(go.run(work, env, 120, "mod", "download",
              "example.com/m@v1.1.0"));
          assertTrue(goDownload.endsWith(": 401 Unauthorized\n\tserver response: unauthorized"),
              goDownload);
          try (GoProxyClient c = privateClient(env, go)) {
            GoProxyException e = assertThrows(GoProxyException.class,
                () -> c.versions(ModulePath.parse("example.com/m")));
            assertEquals(goList, e.getMessage(), go.toString());
            e = assertThrows(GoProxyException.class,
                () -> c.download(ModuleVersion.parse("example.com/m@v1.1.0")));
            assertEquals(goDownload, e.getMessage(), go.toString());
            assertFalse(e.toString().contains("s3cret-pw") || e.toString().contains("wrong-pw"));
          }
        }
        for (ProxyRequest q : p.requests().all()) {
          assertFalse(q.headers().toString().contains("s3cret"), q.headers().toString());
        }
        p.reset();
      }
    }
  }

  /**
   * A private proxy taking a bearer token that a GOAUTH command prints (go1.24 and later): go1.24
   * and go1.27 and this client, built from the same variables, download the same module with
   * the right token and fail alike with a wrong one. The URL line with a trailing slash is where
   * the releases differ (go1.24.4 matches nothing with it, go1.27 trims it), and the client
   * follows each.
   */
  @Test
  void privateHttpsProxyWithGoAuthCommandAsGo() throws Exception {
    List<GoTool.Go> gos = GoTool.releasesOf("1.24", "1.27");
    ModuleVersion m = ModuleVersion.parse("example.com/m@v1.1.0");
    try (FakeGoProxy p = FakeGoProxy.builder().https().bearerToken("tok-3f9a")
        .module("example.com/m", "v1.0.0", "v1.1.0").start()) {
      for (GoTool.Go go : gos) {
        Path home = Files.createDirectories(tmp.resolve(go.lang()));
        Path work = Files.createDirectories(home.resolve("work"));
        int n = 0;
        for (String token : List.of("tok-3f9a", "tok-wrong")) {
          for (String urlLine : List.of(p.url().toString(), p.url() + "/")) {
            Path script = home.resolve("auth" + n);
            Files.writeString(script, "#!/bin/sh\nprintf '%s\\n\\n%s\\n\\n' '" + urlLine
                + "' 'Authorization: Bearer " + token + "'\n");
            assertTrue(script.toFile().setExecutable(true));
            Map<String, String> goEnv = privateEnv(home, p, home.resolve("go" + n));
            goEnv.put("GOAUTH", script.toString());
            Map<String, String> ourEnv = privateEnv(home, p, home.resolve("our" + n));
            ourEnv.put("GOAUTH", script.toString());
            n++;
            GoTool.Result r = go.run(work, goEnv, 120, "mod", "download", "-json", m.toString());
            String what = go + " token " + token + " URL line " + urlLine;
            try (GoProxyClient c = privateClient(ourEnv, go)) {
              if (r.ok()) {
                assertTrue(r.stdout().contains("\"Sum\": \"" + c.download(m).zipHash() + "\""),
                    what + ": " + r.stdout());
              } else {
                String goErr = new ObjectMapper().readTree(r.stdout()).get("Error").asText();
                assertTrue(goErr.endsWith(": 401 Unauthorized\n\tserver response: unauthorized"),
                    what + ": " + goErr);
                GoProxyException e = assertThrows(GoProxyException.class, () -> c.download(m),
                    what);
                assertEquals(goErr, e.getMessage(), what);
              }
            }
            boolean expectOk = token.equals("tok-3f9a")
                && (go.minor() >= 27 || !urlLine.endsWith("/"));
            assertEquals(expectOk, r.ok(), what + ": " + r.stdout() + r.stderr());
          }
        }
        for (ProxyRequest q : p.requests().all()) {
          assertFalse(q.headers().toString().contains("tok-"), q.headers().toString());
        }
        p.reset();
      }
    }
  }

  /**
   * GOAUTH=git dir (go1.24 and later; go1.23 ignores it) against a private https proxy taking
   * Basic credentials,
   * trusted through SSL_CERT_FILE, no netrc: the credential helper named in the local config of a
   * git repository gives the right password, a wrong one, or nothing; or dir is no repository.
   * go1.24 and go1.27 and this client, built from the same variables, download the same module
   * into byte-identical caches exactly where the password is right, and fail with go's text
   * otherwise, with the same requests. A helper in the global config (HOME's .gitconfig) logs
   * git's calls: the same {@code get}s on both sides, and {@code erase} once go's validating HEAD
   * got a 401 (go's reject; go, exiting on the failure, may not get there). No password in our
   * texts.
   */
  @Test
  void privateHttpsProxyWithGoAuthGitAsGo() throws Exception {
    List<GoTool.Go> gos = GoTool.releasesOf("1.23", "1.24", "1.26", "1.27");
    ModuleVersion m = ModuleVersion.parse("example.com/m@v1.1.0");
    try (FakeGoProxy p = FakeGoProxy.builder().https().basicAuth("ci", "s3cret-pw")
        .module("example.com/m", "v1.0.0", "v1.1.0").start()) {
      for (GoTool.Go go : gos) {
        Path home = Files.createDirectories(tmp.resolve("git" + go.lang()));
        Path work = Files.createDirectories(home.resolve("work"));
        Path gitHome = Files.createDirectories(home.resolve("home"));
        Map<String, Path> dirs = new java.util.LinkedHashMap<>();
        dirs.put("right", gitRepo(home.resolve("right"), gitHome,
            "!f() { test \"$1\" = get && { echo username=ci; echo password=s3cret-pw; }; }; f"));
        dirs.put("wrong", gitRepo(home.resolve("wrong"), gitHome,
            "!f() { test \"$1\" = get && { echo username=ci; echo password=wrong-pw; }; }; f"));
        dirs.put("empty", gitRepo(home.resolve("empty"), gitHome, "!f() { :; }; f"));
        dirs.put("plain", Files.createDirectories(home.resolve("plain")));
        for (Map.Entry<String, Path> d : dirs.entrySet()) {
          String what = go + " GOAUTH=git " + d.getKey();
          Map<String, List<String>> logs = new HashMap<>();
          Map<String, List<String>> requests = new HashMap<>();
          GoTool.Result r = null;
          GoProxyException ours = null;
          for (String side : List.of("go", "ours")) {
            Path log = home.resolve(d.getKey() + "-" + side + ".log");
            Files.writeString(log, "");
            Files.writeString(gitHome.resolve(".gitconfig"), "[credential]\n\thelper = \"!f() {"
                + " echo \\\"$1\\\" >> '" + log + "'; }; f\"\n");
            Map<String, String> env = privateEnv(home, p, home.resolve(d.getKey() + "-" + side));
            env.remove("NETRC");
            env.put("GOAUTH", "git " + d.getValue());
            if (side.equals("go")) {
              r = go.run(work, env, 120, "mod", "download", "-json", m.toString());
            } else {
              try (GoProxyClient c = privateClient(env, go)) {
                if (r.ok()) {
                  assertTrue(r.stdout().contains("\"Sum\": \"" + c.download(m).zipHash() + "\""),
                      what + ": " + r.stdout());
                } else {
                  ours = assertThrows(GoProxyException.class, () -> c.download(m), what);
                }
              }
            }
            logs.put(side, waitForLog(log, logs.get("go")));
            requests.put(side, p.requests().all().stream()
                .map(q -> q.method() + " " + q.target() + " " + q.status()).toList());
            p.reset();
          }
          // go1.23 and earlier have no GOAUTH: git is never asked
          boolean git = go.minor() >= 24;
          assertEquals(git && d.getKey().equals("right"), r.ok(), what + ": " + r.stdout() + r.stderr());
          if (r.ok()) {
            assertSameDownloads(home.resolve(d.getKey() + "-go"), home.resolve(d.getKey() + "-ours"),
                what, 4);
          } else {
            String goErr = new ObjectMapper().readTree(r.stdout()).get("Error").asText();
            assertTrue(goErr.endsWith(": 401 Unauthorized\n\tserver response: unauthorized"),
                what + ": " + goErr);
            assertEquals(goErr, ours.getMessage(), what);
            assertFalse(ours.toString().contains("pw"), ours.toString());
          }
          // the same GETs; go's HEADs and its approve or reject run on a goroutine that go's exit
          // may cut short, so go's are a part of ours (which run to the end)
          String shown = what + ": go " + requests.get("go") + " " + logs.get("go") + " ours "
              + requests.get("ours") + " " + logs.get("ours");
          assertEquals(requests.get("go").stream().filter(q -> !q.startsWith("HEAD")).sorted()
              .toList(), requests.get("ours").stream().filter(q -> !q.startsWith("HEAD")).sorted()
              .toList(), shown);
          List<String> goHeads = requests.get("go").stream().filter(q -> q.startsWith("HEAD"))
              .toList();
          List<String> ourHeads = requests.get("ours").stream().filter(q -> q.startsWith("HEAD"))
              .toList();
          // the fake answers HEAD / with 405 when the credentials are right: three tries, then
          // neither approve nor reject; 401 with wrong ones: reject at once
          assertEquals(!git ? List.of() : switch (d.getKey()) {
            case "right" -> List.of("HEAD / 405", "HEAD / 405", "HEAD / 405");
            case "wrong" -> List.of("HEAD / 401");
            default -> List.of();
          }, ourHeads, shown);
          assertEquals(ourHeads.subList(0, goHeads.size()), goHeads, shown);
          assertEquals(logs.get("go").stream().filter("get"::equals).count(),
              logs.get("ours").stream().filter("get"::equals).count(), shown);
          assertEquals(!git ? List.of() : d.getKey().equals("wrong") ? List.of("get", "erase")
              : List.of("get"), logs.get("ours"), shown);
          assertTrue(logs.get("ours").containsAll(logs.get("go")), shown);
        }
        for (ProxyRequest q : p.requests().all()) {
          assertFalse(q.headers().toString().contains("pw"), q.headers().toString());
        }
        p.reset();
      }
    }
  }

  /** A git repository whose local config names the credential helper {@code helper}. */
  private static Path gitRepo(Path dir, Path gitHome, String helper) throws Exception {
    Files.createDirectories(dir);
    for (List<String> args : List.of(List.of("git", "init", "-q", "."),
        List.of("git", "config", "credential.helper", helper))) {
      ProcessBuilder pb = new ProcessBuilder(args).directory(dir.toFile()).inheritIO();
      pb.environment().put("HOME", gitHome.toString());
      assertEquals(0, pb.start().waitFor(), args.toString());
    }
    return dir;
  }

  /**
   * The lines of a helper's log once it stops growing; as long as {@code expected} has more lines
   * (go's side, whose approve or reject may still be running on our side), up to ten seconds.
   */
  private static List<String> waitForLog(Path log, List<String> expected) throws Exception {
    long end = System.nanoTime() + 10_000_000_000L;
    List<String> lines = Files.readAllLines(log);
    while (System.nanoTime() < end) {
      Thread.sleep(300);
      List<String> now = Files.readAllLines(log);
      if (now.equals(lines) && (expected == null || now.size() >= expected.size())) {
        return now;
      }
      lines = now;
    }
    return lines;
  }

  /** go's and our cache/download trees hold the same files (at least {@code atLeast}), byte for byte. */
  private static void assertSameDownloads(Path goCache, Path ourCache, String what, int atLeast)
      throws IOException {
    Path goDl = goCache.resolve("cache/download");
    Path ourDl = ourCache.resolve("cache/download");
    int compared = 0;
    try (Stream<Path> files = Files.walk(goDl)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = goDl.relativize(f).toString();
        if (rel.startsWith("sumdb/") || rel.endsWith(".lock")) {
          continue;
        }
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(ourDl.resolve(rel)),
            what + ": " + rel);
        compared++;
      }
    }
    assertTrue(compared >= atLeast, what + ": " + compared + " files");
  }

  /**
   * The GOAUTH retry (go1.24 and later): a command that prints the token only when go calls it
   * again with the URL after a 401 is handed the same response on standard input by go and by
   * this client (status line with the negotiated protocol, {@code HTTP/2.0} here, and the
   * headers; Date's value aside, and in sorted order: go writes them in map order), with the
   * same URL argument, and both then download.
   */
  @Test
  void goAuthRetryGetsTheResponseAsGoWritesIt() throws Exception {
    List<GoTool.Go> gos = GoTool.releasesOf("1.24", "1.27");
    ModuleVersion m = ModuleVersion.parse("example.com/m@v1.1.0");
    try (FakeGoProxy p = FakeGoProxy.builder().https().bearerToken("tok-3f9a")
        .module("example.com/m", "v1.1.0").start()) {
      for (GoTool.Go go : gos) {
        Path home = Files.createDirectories(tmp.resolve("retry" + go.lang()));
        Path work = Files.createDirectories(home.resolve("work"));
        Map<String, List<String>> logs = new HashMap<>();
        for (String side : List.of("go", "ours")) {
          Path log = home.resolve(side + ".log");
          Path script = home.resolve(side + "-auth");
          Files.writeString(script, "#!/bin/sh\nif [ $# -gt 0 ]; then echo \"ARG $*\" >> '" + log
              + "'; cat >> '" + log + "'; printf '%s\\n\\n%s\\n\\n' '" + p.url()
              + "' 'Authorization: Bearer tok-3f9a'; fi\n");
          assertTrue(script.toFile().setExecutable(true));
          Map<String, String> env = privateEnv(home, p, home.resolve(side + "-cache"));
          env.put("GOAUTH", script.toString());
          if (side.equals("go")) {
            GoTool.Result r = go.run(work, env, 120, "mod", "download", "-json", m.toString());
            assertEquals(0, r.exitCode(), go + ": " + r.stdout() + r.stderr());
          } else {
            try (GoProxyClient c = privateClient(env, go)) {
              c.download(m);
            }
          }
          List<String> lines = new ArrayList<>(Files.readAllLines(log));
          lines.replaceAll(l -> l.startsWith("Date: ") ? "Date: (now)" : l);
          logs.put(side, lines);
        }
        List<String> sortedGo = new ArrayList<>(logs.get("go"));
        List<String> sortedOurs = new ArrayList<>(logs.get("ours"));
        java.util.Collections.sort(sortedGo);
        java.util.Collections.sort(sortedOurs);
        assertEquals(sortedGo, sortedOurs, go + ": go " + logs.get("go") + " ours "
            + logs.get("ours"));
        assertEquals("ARG " + p.url() + "/example.com/m/@v/v1.1.0.info", logs.get("go").get(0));
        assertTrue(logs.get("go").contains("HTTP/2.0 401 Unauthorized"), logs.get("go").toString());
        p.reset();
      }
    }
  }

  /**
   * The certificate a private proxy's client must trust: given as an SSLContext through
   * HttpSettings (no SSL_CERT_FILE), the client reaches the fake; trusted by neither, go1.19,
   * go1.21, go1.24 and go1.27 and the client fail alike on the unknown authority (go1.20 on:
   * {@code tls: failed to verify certificate: x509: ...}).
   */
  @Test
  void privateHttpsProxyCertificateTrustAsGo() throws Exception {
    try (FakeGoProxy p = FakeGoProxy.builder().https().module("example.com/m", "v1.0.0")
        .start()) {
      for (GoTool.Go go : GoTool.releasesOf("1.19", "1.21", "1.24", "1.27")) {
        Path home = Files.createDirectories(tmp.resolve("trust" + go.lang()));
        Path work = Files.createDirectories(home.resolve("work"));
        Map<String, String> env = privateEnv(home, p, home.resolve("cache"));
        env.remove("SSL_CERT_FILE");
        GoEnv e = GoEnv.builder().environment(env).noUserEnvFile().goVersion(go.lang()).build();
        try (GoProxyClient c = GoProxyClient.builder().env(e)
            .httpSettings(HttpSettings.builder().sslContext(p.sslContext()).build()).build()) {
          assertEquals(List.of("v1.0.0"), c.versions(ModulePath.parse("example.com/m")).stream()
              .map(Version::toString).toList());
        }
        String goErr = goError(go.run(work, env, 120, "list", "-m", "-versions",
            "example.com/m"));
        try (GoProxyClient c = privateClient(env, go)) {
          GoProxyException x = assertThrows(GoProxyException.class,
              () -> c.versions(ModulePath.parse("example.com/m")));
          assertEquals(goErr, x.getMessage(), go.toString());
        }
      }
    }
  }

  /**
   * Credentials go sends over https only: a fake requiring Basic credentials over plain http,
   * with a netrc for it, gets none from go1.19, go1.24.4 or go1.27 (401), nor from the client,
   * which fails with go's text.
   */
  @Test
  void netrcCredentialsAreNotSentOverPlainHttpAsGo() throws Exception {
    try (FakeGoProxy p = FakeGoProxy.builder().basicAuth("ci", "s3cret-pw")
        .module("example.com/m", "v1.0.0").start()) {
      assertTrue(p.environment().containsKey("NETRC"), p.environment().toString());
      for (GoTool.Go go : GoTool.releasesOf("1.19", "1.24", "1.27")) {
        Path home = Files.createDirectories(tmp.resolve("plain" + go.lang()));
        Path work = Files.createDirectories(home.resolve("work"));
        Map<String, String> env = privateEnv(home, p, home.resolve("cache"));
        String goErr = goError(go.run(work, env, 120, "list", "-m", "-versions",
            "example.com/m"));
        assertTrue(goErr.endsWith("/example.com/m/@v/list: 401 Unauthorized\n\tserver response: "
            + "unauthorized"), go + ": " + goErr);
        try (GoProxyClient c = privateClient(env, go)) {
          GoProxyException x = assertThrows(GoProxyException.class,
              () -> c.versions(ModulePath.parse("example.com/m")));
          assertEquals(goErr, x.getMessage(), go.toString());
        }
        p.requests().assertAll("sent without credentials",
            q -> q.header("Authorization").isEmpty());
        p.reset();
      }
    }
  }

  /**
   * A private module behind a private proxy and outside the checksum database (GONOSUMDB):
   * go1.19 and go1.27 and the client download it from the https fake with the netrc and never
   * ask the fake's sumdb about it, while a module outside GONOSUMDB is looked up there by both.
   */
  @Test
  void privateModuleUnderGonosumdbAsGo() throws Exception {
    try (FakeGoProxy p = FakeGoProxy.builder().https().basicAuth("ci", "s3cret-pw")
        .module("corp.example/lib", "v1.0.0").module("example.com/pub", "v1.0.0").start()) {
      for (GoTool.Go go : GoTool.releasesOf("1.19", "1.27")) {
        Path home = Files.createDirectories(tmp.resolve("nosumdb" + go.lang()));
        Path work = Files.createDirectories(home.resolve("work"));
        for (String side : List.of("go", "ours")) {
          Map<String, String> env = privateEnv(home, p, home.resolve(side + "-cache"));
          env.put("GONOSUMDB", "corp.example");
          if (side.equals("go")) {
            GoTool.Result r = go.run(work, env, 120, "mod", "download", "-json",
                "corp.example/lib@v1.0.0", "example.com/pub@v1.0.0");
            assertEquals(0, r.exitCode(), go + ": " + r.stdout() + r.stderr());
          } else {
            try (GoProxyClient c = privateClient(env, go)) {
              c.downloadAll(List.of(ModuleVersion.parse("corp.example/lib@v1.0.0"),
                  ModuleVersion.parse("example.com/pub@v1.0.0")));
            }
          }
          String what = go + " " + side;
          assertEquals(List.of(), p.requests().matching(q -> q.path().startsWith("/sumdb/")
              && q.path().contains("corp.example")), what);
          assertEquals(1, p.requests().matching(q -> q.path().endsWith(
              "/lookup/example.com/pub@v1.0.0")).size(), what);
          p.requests().assertRequested("/corp.example/lib/@v/v1.0.0.zip");
          p.requests().assertAll("authorized", q -> q.status() == 200 || q.status() == 404);
          p.reset();
        }
      }
    }
  }
}
