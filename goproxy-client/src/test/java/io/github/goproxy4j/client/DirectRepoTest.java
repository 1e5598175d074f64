package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.testkit.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DirectRepo} under a command's {@link Lookup}: go's Lookup wraps a direct repo (codeRepo)
 * in the same cachingRepo as a proxy's, so one run asks version control for a module's versions
 * (per query prefix), a revision's info, its latest and a version's go.mod once each, a failure as
 * well as an answer, and a zip each time. The {@link DirectFetcher} calls goproxy makes for one
 * client call, with {@code GOPROXY=direct}, are compared with the cachingRepo calls go makes for
 * the same command: go's {@code -x} request lines ({@code # get URL}) against a proxy serving the
 * same modules, since go's cachingRepo stands in front of both kinds of repo alike (the modules
 * here have no times and no pseudo-versions in their lists, so go's proxyRepo asks nothing of its
 * own: no {@code latestFromList}). The test's fetcher answers from that proxy, one request per
 * call, so the proxy's request journal is the multiset of fetcher calls. (go's git commands under
 * {@code -x} are not the observable: go's codehost layer caches again below the cachingRepo, per
 * remote and per revision, which a DirectFetcher does not model.)
 */
class DirectRepoTest {
  @TempDir Path tmp;

  @AfterEach
  void tearDown() throws IOException {
    GoOs.removeAll(tmp);
  }

  /** A DirectFetcher asking {@code proxy} one request per call (404/410: not found). */
  private static final class ProxyBackedFetcher implements DirectFetcher {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    ProxyBackedFetcher(FakeGoProxy proxy) {
      this.base = proxy.url().toString().replaceAll("/+$", "");
    }

    private byte[] get(String path, String what) throws IOException {
      HttpResponse<byte[]> r;
      try {
        r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (r.statusCode() == 404 || r.statusCode() == 410) {
        throw new ModuleNotFoundException(what + ": not found", null, List.of());
      }
      if (r.statusCode() != 200) {
        throw new IOException(what + ": status " + r.statusCode());
      }
      return r.body();
    }

    @Override
    public List<String> versions(ModulePath path) throws IOException {
      List<String> out = new ArrayList<>();
      for (String line : new String(get("/" + path + "/@v/list", path + " versions"), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(line.strip().split(" ")[0]);
        }
      }
      return out;
    }

    @Override
    public VersionInfo stat(ModulePath path, String revision) throws IOException {
      return info(get("/" + path + "/@v/" + revision + ".info", path + "@" + revision));
    }

    @Override
    public VersionInfo latest(ModulePath path) throws IOException {
      return info(get("/" + path + "/@latest", path + "@latest"));
    }

    private static VersionInfo info(byte[] data) throws IOException {
      try {
        return InfoJson.parse(data);
      } catch (InfoJson.MalformedInfoException e) {
        throw new IOException(e.getMessage(), e);
      }
    }

    @Override
    public byte[] goMod(ModuleVersion module) throws IOException {
      return get("/" + module.path() + "/@v/" + module.version() + ".mod", module.toString());
    }

    @Override
    public void zip(ModuleVersion module, Path target) throws IOException {
      Files.write(target, get("/" + module.path() + "/@v/" + module.version() + ".zip", module.toString()));
    }
  }

  /** One client call standing for one go command. */
  @FunctionalInterface
  private interface Call {
    void run(GoProxyClient client, Path dir) throws Exception;
  }

  /**
   * go1.19 (list; its mod download has no {@code -x}), go1.21 and go1.27: {@code list -m -u
   * -retracted} of two versions of a retracted and deprecated module and of queries of another
   * (update queries, retraction and deprecation checks reading one list and one latest go.mod),
   * {@code list -m -e -u} of three queries of a module that does not exist (go remembers the
   * failures), {@code list -m -versions} of two modules, and {@code mod download} of queries and
   * versions of three modules: the multiset of DirectFetcher calls is go's multiset of requests.
   * Each command with an empty module cache on each side.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void directRequestsOncePerCommandAsGo(String release) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(release);
    FakeGoProxy.Builder universe = FakeGoProxy.builder().noSumdb();
    universe.module(FakeModule.builder("example.com/a", "v1.0.0")
        .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.0.0\n").file("a.go", "package a\n").build());
    universe.module(FakeModule.builder("example.com/a", "v1.1.0")
        .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.1.0\n").file("a.go", "package a\n").build());
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0-pre")) {
      universe.module(FakeModule.builder("example.com/b", v).goMod("module example.com/b\n\ngo 1.16\n")
          .file("b.go", "package b\n").build());
    }
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
      universe.module(FakeModule.builder("example.com/r", v).goMod("// Deprecated: use example.com/b\nmodule example.com/r\n\ngo 1.16\n"
          + (v.equals("v1.2.0") ? "\nretract v1.1.0 // broken\n" : "")).file("r.go", "package r\n").build());
    }
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    ListFlags u = ListFlags.builder().updates(true).retracted(true).build();
    ListFlags ue = ListFlags.builder().updates(true).allowErrors(true).build();
    ListFlags versions = ListFlags.builder().versions(true).build();
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {new String[] {"list", "-m", "-u", "-retracted", "-x", "example.com/r@v1.0.0", "example.com/r@v1.1.0",
        "example.com/b@v1.0.0", "example.com/b@latest", "example.com/b@v1"},
        (Call) (c, d) -> c.listModules(d, List.of("example.com/r@v1.0.0", "example.com/r@v1.1.0", "example.com/b@v1.0.0",
            "example.com/b@latest", "example.com/b@v1"), u, w -> { })});
    cases.add(new Object[] {new String[] {"list", "-m", "-e", "-u", "-x", "example.com/nosuch@latest", "example.com/nosuch@>v0.1",
        "example.com/nosuch@v1.0.0"},
        (Call) (c, d) -> c.listModules(d, List.of("example.com/nosuch@latest", "example.com/nosuch@>v0.1",
            "example.com/nosuch@v1.0.0"), ue, w -> { })});
    cases.add(new Object[] {new String[] {"list", "-m", "-versions", "-x", "example.com/r", "example.com/b"},
        (Call) (c, d) -> c.listModules(d, List.of("example.com/r", "example.com/b"), versions, w -> { })});
    if (!release.equals("1.19")) {
      List<String> args = List.of("example.com/b@latest", "example.com/r@v1.0", "example.com/r@v1", "example.com/a@latest",
          "example.com/r@v1.1.0", "example.com/b@v1.1.0");
      List<String> argv = new ArrayList<>(List.of("mod", "download", "-json", "-x"));
      argv.addAll(args);
      cases.add(new Object[] {argv.toArray(new String[0]),
          (Call) (c, d) -> c.modDownloadResult(d, args, true, w -> { })});
    }
    List<String> differ = new ArrayList<>();
    try (FakeGoProxy proxy = universe.start()) {
      String prefix = proxy.url().toString().replaceAll("/+$", "");
      int n = 0;
      for (Object[] c : cases) {
        n++;
        String[] cmd = (String[]) c[0];
        Map<String, String> goEnv = go.hermeticEnv(tmp.resolve("go-" + n));
        goEnv.put("GOPROXY", prefix);
        goEnv.put("GOSUMDB", "off");
        GoTool.Result r = go.run(outside, goEnv, 120, cmd);
        List<String> theirs = getLines(r, prefix);
        Map<String, String> vars = new HashMap<>();
        vars.put("GOPROXY", "direct");
        vars.put("GOSUMDB", "off");
        vars.put("GOFLAGS", "-modcacherw");
        vars.put("GOPATH", tmp.resolve("ours-" + n).toString());
        GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion(release).build();
        String what = "go" + release + " " + String.join(" ", cmd);
        List<String> ours = fetcherCalls(proxy, env, tmp.resolve("ours-" + n + "/pkg/mod"), (Call) c[1], outside,
            what, r, differ);
        if (ours == null) {
          continue;
        }
        if (theirs.isEmpty() || !theirs.equals(ours)) {
          differ.add(what + ": go's " + theirs + "\n  goproxy's fetcher calls " + ours);
        }
      }
    }
    assertEquals(List.of(), differ, differ.size() + " of " + cases.size() + " differ");
  }

  /**
   * GONOPROXY/GOPRIVATE with a GOPROXY that lists {@code direct}: go's proxy list begins with its
   * implicit {@code noproxy} entry, which sends a matching module to version control, and ends with
   * GOPROXY's own {@code direct}, a second repo for the same module (modfetch/proxy.go proxyList and
   * TryProxies, repo.go lookup and lookupDirect, go1.19 to go1.27), so a not-found answer is asked
   * for again; an answer is asked for once. Observed with go itself: the module paths' go-get
   * lookups ({@code ?go-get=1}, through HTTP_PROXY to the fake proxy under GOINSECURE, its HTTPS
   * attempt refused) name the fake proxy as a {@code mod} repository, so go's version control
   * requests are {@code # get} lines of that proxy, and goproxy's fetcher asks the same proxy one
   * request per call. Per GOPROXY: {@code P,direct}, {@code P|direct} and {@code direct,} twice;
   * {@code P}, {@code off} and {@code direct} once (no direct entry after noproxy, or no noproxy
   * entry). Commands: {@code list -m -e -u} of queries of a module that does not exist, {@code list
   * -m -versions} of two modules, and (go1.21, go1.27) {@code mod download -json} of queries.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void noProxyAsksVersionControlAgainAsGo(String release) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(release);
    FakeGoProxy.Builder universe = FakeGoProxy.builder().noSumdb();
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0-pre")) {
      universe.module(FakeModule.builder("example.com/b", v).goMod("module example.com/b\n\ngo 1.16\n")
          .file("b.go", "package b\n").build());
    }
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
      universe.module(FakeModule.builder("example.com/r", v).goMod("module example.com/r\n\ngo 1.16\n"
          + (v.equals("v1.2.0") ? "\nretract v1.1.0 // broken\n" : "")).file("r.go", "package r\n").build());
    }
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    ListFlags ue = ListFlags.builder().updates(true).allowErrors(true).build();
    ListFlags versions = ListFlags.builder().versions(true).build();
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {new String[] {"list", "-m", "-e", "-u", "-x", "example.com/nosuch@latest",
        "example.com/nosuch@v1.0.0", "example.com/b@v1.5.0"},
        (Call) (c, d) -> c.listModules(d, List.of("example.com/nosuch@latest", "example.com/nosuch@v1.0.0",
            "example.com/b@v1.5.0"), ue, w -> { })});
    cases.add(new Object[] {new String[] {"list", "-m", "-versions", "-x", "example.com/r", "example.com/b"},
        (Call) (c, d) -> c.listModules(d, List.of("example.com/r", "example.com/b"), versions, w -> { })});
    if (!release.equals("1.19")) {
      List<String> args = List.of("example.com/b@latest", "example.com/r@v1.0", "example.com/r@v1.1.0");
      List<String> argv = new ArrayList<>(List.of("mod", "download", "-json", "-x"));
      argv.addAll(args);
      cases.add(new Object[] {argv.toArray(new String[0]),
          (Call) (c, d) -> c.modDownloadResult(d, args, true, w -> { })});
    }
    List<String> differ = new ArrayList<>();
    int compared = 0;
    try (FakeGoProxy proxy = universe.start()) {
      String prefix = proxy.url().toString().replaceAll("/+$", "");
      StringBuilder meta = new StringBuilder("<html><head>\n");
      for (String m : List.of("example.com/b", "example.com/r", "example.com/nosuch")) {
        meta.append("<meta name=\"go-import\" content=\"").append(m).append(" mod ").append(prefix).append("\">\n");
      }
      meta.append("</head></html>\n");
      // go's go-get lookup reaches the fake proxy as an absolute-form request (HTTP_PROXY)
      proxy.addFault(Fault.status(200, meta.toString()).on(Endpoint.OTHER));
      String unused = "https://unused.invalid";
      Map<String, Integer> timesForNotFound = new java.util.LinkedHashMap<>();
      timesForNotFound.put(unused + ",direct", 2);
      timesForNotFound.put(unused + "|direct", 2);
      timesForNotFound.put("direct,", 2);
      timesForNotFound.put(unused, 1);
      timesForNotFound.put("off", 1);
      timesForNotFound.put("direct", 1);
      int n = 0;
      for (Map.Entry<String, Integer> goproxy : timesForNotFound.entrySet()) {
        for (Object[] c : cases) {
          n++;
          String[] cmd = (String[]) c[0];
          Map<String, String> goEnv = go.hermeticEnv(tmp.resolve("go-" + n));
          goEnv.put("GOPROXY", goproxy.getKey());
          goEnv.put("GONOPROXY", "example.com");
          goEnv.put("GOINSECURE", "example.com");
          goEnv.put("HTTP_PROXY", prefix);
          goEnv.put("GOSUMDB", "off");
          GoTool.Result r = go.run(outside, goEnv, 120, cmd);
          List<String> theirs = getLines(r, prefix);
          Map<String, String> vars = new HashMap<>();
          vars.put("GOPROXY", goproxy.getKey());
          vars.put("GONOPROXY", "example.com");
          vars.put("GOSUMDB", "off");
          vars.put("GOFLAGS", "-modcacherw");
          vars.put("GOPATH", tmp.resolve("ours-" + n).toString());
          GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion(release).build();
          String what = "go" + release + " GOPROXY=" + goproxy.getKey() + " " + String.join(" ", cmd);
          List<String> ours = fetcherCalls(proxy, env, tmp.resolve("ours-" + n + "/pkg/mod"), (Call) c[1], outside,
              what, r, differ);
          if (ours == null) {
            continue;
          }
          compared++;
          if (theirs.isEmpty() || !theirs.equals(ours)) {
            differ.add(what + ": go's " + theirs + "\n  goproxy's fetcher calls " + ours);
          }
          if (cmd[2].equals("-e")) {
            // the not-found .info of example.com/nosuch@v1.0.0: asked once per version control repo
            long asked = theirs.stream().filter(p -> p.equals("/example.com/nosuch/@v/v1.0.0.info")).count();
            if (asked != goproxy.getValue()) {
              differ.add(what + ": go asked version control " + asked + " times for a missing version, expected "
                  + goproxy.getValue() + ":\n" + r.stderr());
            }
          }
        }
      }
    }
    assertEquals(List.of(), differ, differ.size() + " of " + compared + " differ");
  }

  /** The paths of go's {@code -x} {@code # get} lines of the fake proxy at {@code prefix}, sorted. */
  private static List<String> getLines(GoTool.Result r, String prefix) {
    List<String> gets = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^# get " + Pattern.quote(prefix) + "(\\S+)$").matcher(r.stderr());
    while (m.find()) {
      gets.add(m.group(1));
    }
    Collections.sort(gets);
    return gets;
  }

  /**
   * The request paths goproxy's fetcher (one request per call to {@code proxy}) makes for {@code
   * call}, sorted; {@code null}, with the failure added to {@code differ}, when goproxy fails.
   */
  private static List<String> fetcherCalls(FakeGoProxy proxy, GoEnv env, Path cache, Call call, Path outside,
      String what, GoTool.Result go, List<String> differ) {
    proxy.requests().clear();
    try (GoProxyClient client = GoProxyClient.builder().env(env).moduleCache(cache)
        .directFetcher(new ProxyBackedFetcher(proxy)).build()) {
      call.run(client, outside);
    } catch (Exception e) {
      differ.add(what + ": goproxy failed: " + e + "\n(go: exit " + go.exitCode() + ", " + go.stderr() + ")");
      return null;
    }
    List<String> ours = new ArrayList<>(proxy.requests().paths());
    Collections.sort(ours);
    return ours;
  }

  /**
   * A direct repo's failures, remembered once for the command, are seen by each caller with its
   * own context in front (go's modinfoError), and the errors a query makes itself over a direct
   * repo's answers keep their words: a fetcher failing {@code stat} is named by the query that
   * asked ({@code example.com/m@v1.0.0: boom}), a query no listed version matches fails as it
   * does through a proxy (the same type and text, not prefixed twice).
   */
  @org.junit.jupiter.api.Test
  void directFailuresCarryEachCallersContext() throws Exception {
    DirectFetcher fetcher = new DirectFetcher() {
      @Override
      public List<String> versions(ModulePath path) {
        return List.of("v1.0.0");
      }

      @Override
      public VersionInfo stat(ModulePath path, String revision) throws IOException {
        throw new IOException("boom " + revision);
      }

      @Override
      public VersionInfo latest(ModulePath path) throws IOException {
        throw new IOException("boom latest");
      }

      @Override
      public byte[] goMod(ModuleVersion module) throws IOException {
        throw new IOException("boom mod");
      }

      @Override
      public void zip(ModuleVersion module, Path target) throws IOException {
        throw new IOException("boom zip");
      }
    };
    Map<String, String> vars = new HashMap<>(Map.of("GOPROXY", "direct", "GOSUMDB", "off",
        "GOPATH", tmp.resolve("gopath").toString()));
    GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion("1.27").build();
    ModulePath m = ModulePath.parse("example.com/m");
    try (GoProxyClient c = GoProxyClient.builder().env(env).moduleCache(tmp.resolve("gopath/pkg/mod"))
        .directFetcher(fetcher).build()) {
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> c.query(m, "v1.0.0", java.util.Optional.empty()));
      assertEquals("example.com/m@v1.0.0: boom v1.0.0", e.getMessage());
      e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> c.query(m, "v2", java.util.Optional.empty()));
      // as the same query through a proxy that lists v1.0.0 fails
      try (FakeGoProxy proxy = FakeGoProxy.builder().noSumdb().module("example.com/m", "v1.0.0").start();
          GoProxyClient viaProxy = GoProxyClient.builder().env(GoEnv.builder().environment(Map.of("GOPROXY",
              proxy.url().toString(), "GOSUMDB", "off", "GOPATH", tmp.resolve("gopath2").toString())).noUserEnvFile()
              .goVersion("1.27").build()).moduleCache(tmp.resolve("gopath2/pkg/mod")).build()) {
        Exception p = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
            () -> viaProxy.query(m, "v2", java.util.Optional.empty()));
        assertEquals(p.getClass(), e.getClass());
        assertEquals(p.getMessage(), e.getMessage());
      }
      e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> c.latest(m));
      assertEquals("example.com/m@latest: boom v1.0.0", e.getMessage()); // latest from the list: its stat, named by this caller
    }
  }
}
