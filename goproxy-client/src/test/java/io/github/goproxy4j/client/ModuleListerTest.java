package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code go list -m -json all} and {@code go list -m -u -json all} (Time, Update, Indirect, Dir,
 * GoMod, GoVersion, Retracted, Deprecated, and from go1.23 Sum and GoModSum) from
 * {@link GoProxyClient#listModules} and {@link ListedModule#toJson(String)} against go1.19 and
 * go1.27 on seeded universes ({@link GoModuleUniverse}): go makes the main module tidy into a
 * module cache; our client lists first with that cache as GOMODCACHE (fetching the .info files it
 * lacks), then go lists with the same cache; the texts must be equal byte for byte.
 */
class ModuleListerTest {
  private static String ours(FakeGoProxy proxy, Path tmp, String release, Path cache, Path main, boolean updates)
      throws Exception {
    StringBuilder out = new StringBuilder();
    try (GoProxyClient c = GoModuleUniverse.client(proxy, tmp, release, cache)) {
      c.listModules(main, updates).forEach(m -> out.append(m.toJson(release)));
    }
    return out.toString();
  }

  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void jsonMatchesGoWithTheSameModuleCache(String release, long seed, @TempDir Path tmp) throws Exception {
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      // the cache go filled making the main module tidy
      Path cache = f.tidyCache();
      Map<String, String> env = f.goEnv(cache);
      String ctx = f.context();
      String oursJson = ours(f.proxy, tmp, release, cache, f.main, false);
      assertEquals(f.go(f.main, env, "list", "-m", "-json", "all").requireOk().stdout(), oursJson, ctx);
      assertEquals(f.go(f.main, env, "list", "-m", "-u", "-json", "all").requireOk().stdout(),
          ours(f.proxy, tmp, release, cache, f.main, true), ctx);
    }
  }

  /**
   * {@code go list -m [-u] -json all} in a workspace ({@link GoModuleUniverse#writeWorkspace})
   * with the module cache go filled making its modules tidy: go lists first (so that the files it
   * fetches are cached for both), then the client in a copy of the workspace taken before go ran;
   * a workspace go refuses to load fails with go's text. Both leave the same go.work.sum.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void workspaceJsonMatchesGo(String release, long seed, @TempDir Path tmp) throws Exception {
    try (GoUniverseFixture f = GoUniverseFixture.start(release, seed, tmp)) {
      GoModuleUniverse.Workspace w = f.workspace();
      Path cache = f.tidyCache();
      Map<String, String> env = f.goEnv(cache);
      String ctx = f.context(w);
      for (boolean updates : new boolean[] {false, true}) {
        // the client lists a copy taken before go runs: go writes go.work.sum as it lists, and what
        // it reports depends on the go.sum lines it started with
        Path ourWs = tmp.resolve("ws-ours-" + updates);
        ModDownloadTest.copyTree(w.dir(), ourWs);
        GoTool.Result r = updates ? f.go(w.dir(), env, "list", "-m", "-u", "-json", "all")
            : f.go(w.dir(), env, "list", "-m", "-json", "all");
        if (!r.ok()) {
          f.assertFailsAsGo(r, cache, c -> c.listModules(ourWs, updates), ctx);
          return;
        }
        assertEquals(r.stdout().replace(w.dir().toString(), ourWs.toString()),
            ours(f.proxy, tmp, release, cache, ourWs, updates), ctx + " -u=" + updates);
        // go.work.sum as go leaves it: the go.mod sums go verified beyond the modules' go.sum
        // files (none with -u, whose listing commits nothing)
        GoUniverseFixture.assertSameGoWorkSum(w.dir(), ourWs, ctx + " go.work.sum -u=" + updates);
      }
    }
  }

  /**
   * Replacements in the main module: a module replaced by another version of itself (a retracted
   * one, of a deprecated module), one replaced by a local directory; {@code -json} with and
   * without {@code -u} as go prints them (the replaced module without Time, Dir and GoMod from
   * the replacement).
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.27"})
  void replacementsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path go = GoModuleUniverse.goFor(release);
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.0.0\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build())
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.16\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/b", "v1.1.0").goMod("module example.com/b\n\ngo 1.17\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/b", "v1.2.0")
            .goMod("// Deprecated: no\nmodule example.com/b\n\ngo 1.17\n\nretract v1.1.0 // bad\n")
            .file("b.go", "package b\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Path local = Files.createDirectories(tmp.resolve("local"));
      Files.writeString(local.resolve("go.mod"), "module example.com/a\n\ngo 1.18\n\nrequire example.com/b v1.0.0\n");
      Files.writeString(local.resolve("a.go"), "package a\n\nimport _ \"example.com/b\"\n");
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.0.0\n\n"
          + "replace example.com/a => ../local\n\nreplace example.com/b v1.0.0 => example.com/b v1.1.0\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/a\"\n\nfunc main() {}\n");
      Path cache = tmp.resolve("cache");
      Map<String, String> env = GoModuleUniverse.goEnv(proxy, tmp, cache);
      GoTool.exec(main, env, 300, null, go.toString(), "mod", "tidy").requireOk();
      String ctx = "go" + release + " go.mod:\n" + Files.readString(main.resolve("go.mod"));
      String oursJson = ours(proxy, tmp, release, cache, main, false);
      assertEquals(GoTool.exec(main, env, 120, null, go.toString(), "list", "-m", "-json", "all").requireOk().stdout(),
          oursJson, ctx);
      assertEquals(GoTool.exec(main, env, 120, null, go.toString(), "list", "-m", "-u", "-json", "all").requireOk()
          .stdout(), ours(proxy, tmp, release, cache, main, true), ctx);
    }
  }

  /**
   * {@code go list -m [-u] -json all} with the main module excluding versions: an upgrade never
   * lands on an excluded version (go's CheckAllowed), it takes the next lower allowed one or none;
   * as go1.19 and go1.27 print it. Module d's {@code .info} carries an {@code Origin}: go prints
   * Origin only for {@code path@version} queries (and -versions, -reuse), never in these forms.
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.27"})
  void excludedVersionsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path go = GoModuleUniverse.goFor(release);
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    for (String v : new String[] {"v1.0.0", "v1.1.0", "v1.2.0"}) {
      pb.module(FakeModule.builder("example.com/b", v).goMod("module example.com/b\n\ngo 1.17\n")
          .file("b.go", "package b\n").build());
      pb.module(FakeModule.builder("example.com/c", v).goMod("module example.com/c\n\ngo 1.17\n")
          .file("c.go", "package c\n").build());
    }
    pb.txtar("example.com_d_v1.0.0.txt", "-- .info --\n{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-01T00:00:00Z\","
        + "\"Origin\":{\"VCS\":\"git\",\"URL\":\"https://example.com/d\",\"Ref\":\"refs/tags/v1.0.0\","
        + "\"Hash\":\"0123456789abcdef0123456789abcdef01234567\"}}\n"
        + "-- .mod --\nmodule example.com/d\n\ngo 1.17\n-- go.mod --\nmodule example.com/d\n\ngo 1.17\n"
        + "-- d.go --\npackage d\n");
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\n"
          + "require (\n\texample.com/b v1.0.0\n\texample.com/c v1.0.0\n\texample.com/d v1.0.0\n)\n\n"
          + "exclude example.com/b v1.2.0\n\nexclude (\n\texample.com/c v1.1.0\n\texample.com/c v1.2.0\n)\n");
      Files.writeString(main.resolve("main.go"),
          "package main\n\nimport (\n\t_ \"example.com/b\"\n\t_ \"example.com/c\"\n\t_ \"example.com/d\"\n)\n\n"
          + "func main() {}\n");
      Path cache = tmp.resolve("cache");
      Map<String, String> env = GoModuleUniverse.goEnv(proxy, tmp, cache);
      GoTool.exec(main, env, 300, null, go.toString(), "mod", "tidy").requireOk();
      String ctx = "go" + release + " go.mod:\n" + Files.readString(main.resolve("go.mod"));
      String goJson = GoTool.exec(main, env, 120, null, go.toString(), "list", "-m", "-json", "all").requireOk()
          .stdout();
      assertEquals(goJson, ours(proxy, tmp, release, cache, main, false), ctx);
      String oursU = ours(proxy, tmp, release, cache, main, true);
      assertEquals(GoTool.exec(main, env, 120, null, go.toString(), "list", "-m", "-u", "-json", "all").requireOk()
          .stdout(), oursU, ctx);
      assertEquals(true, oursU.contains("\"Version\": \"v1.1.0\""), "b's update is v1.1.0: " + oursU);
      // the Origin is served (go prints it for a query) but not part of these forms
      assertEquals(true, GoTool.exec(main, env, 120, null, go.toString(), "list", "-m", "-json",
          "example.com/d@v1.0.0").requireOk().stdout().contains("\"Origin\""), "d's Origin is served");
      assertEquals(false, goJson.contains("Origin") || oursU.contains("Origin"), goJson);
    }
  }

  /**
   * A module of the build whose go.mod the pruned graph never loaded (b, required only by the
   * go 1.17 module a, whose requirements are not expanded): go's completeFromModCache reads its
   * go line (rawGoModSummary, fetching the go.mod when it is not cached) only where go.sum
   * vouches for that go.mod; with the line in go.sum, {@code -json} prints b's GoVersion and
   * GoMod, without it neither (go.sum as tidy leaves it but for b's lines). A fresh module cache
   * for each side.
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.27"})
  void unloadedGoModIsReadWhereGoSumVouchesForIt(String release, @TempDir Path tmp) throws Exception {
    Path go = GoModuleUniverse.goFor(release);
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.0.0\n")
            .file("a.go", "package a\n").build())
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.18\n")
            .file("b.go", "package b\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.0.0\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/a\"\n\nfunc main() {}\n");
      Map<String, String> env = GoModuleUniverse.goEnv(proxy, tmp, tmp.resolve("tidy-cache"));
      GoTool.exec(main, env, 300, null, go.toString(), "mod", "tidy").requireOk();
      // tidy keeps b's go.mod line for go 1.16's sake (-compat); the graph does not need it
      StringBuilder withoutB = new StringBuilder();
      for (String line : Files.readAllLines(main.resolve("go.sum"))) {
        if (!line.startsWith("example.com/b ")) {
          withoutB.append(line).append('\n');
        }
      }
      String tidySum = withoutB.toString();
      // b's go.mod line as go computes it, outside the module
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      String bGoModSum = GoTool.exec(outside, env, 120, null, go.toString(), "mod", "download", "-json",
          "example.com/b@v1.0.0").requireOk().stdout().replaceAll("(?s).*\"GoModSum\": \"([^\"]+)\".*", "$1");
      int round = 0;
      for (String sum : new String[] {tidySum, tidySum + "example.com/b v1.0.0/go.mod " + bGoModSum + "\n"}) {
        round++;
        Files.writeString(main.resolve("go.sum"), sum);
        Path goCache = tmp.resolve("go-cache-" + round);
        Path ourCache = tmp.resolve("our-cache-" + round);
        String goJson = GoTool.exec(main, GoModuleUniverse.goEnv(proxy, tmp, goCache), 120, null, go.toString(),
            "list", "-m", "-json", "all").requireOk().stdout();
        String ctx = "go" + release + " go.sum:\n" + sum;
        assertEquals(goJson.replace(goCache.toString(), ourCache.toString()),
            ours(proxy, tmp, release, ourCache, main, false), ctx);
        assertEquals(round == 2, goJson.contains("\"GoVersion\": \"1.18\""), ctx + goJson);
      }
    }
  }

  /**
   * A module version replaced by another version of the module: go's moduleInfo gives it the
   * replacement's retraction, and {@code -u}'s addRetraction of the module itself overrides that
   * when the module's latest go.mod retracts the replaced version (found by the soak of
   * ModuleGraphLoaderTest's workspaces, go1.27 seed 15: the client printed the replacement's). r
   * v1.0.0 (retracted itself) => r v1.1.0 (not); s v1.0.0 (retracted) => s v1.1.0 (retracted, for
   * another reason); t v1.0.0 (not) => t v1.1.0 (retracted). And a replaced latest version: its
   * replacement's go.mod is the one the checks read (below), also for {@code -versions}, which
   * lists the versions the directives name. {@code list -m -u [-json] all}, {@code list -m
   * -retracted -json all} and {@code list -m -versions}, go1.19, go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.21", "1.27"})
  void replacedVersionsRetractionAsGo(String release, @TempDir Path tmp) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(release);
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    Map<String, String> latest = Map.of("r", "retract v1.0.0 // r's own\n",
        "s", "retract v1.0.0 // s's own\nretract v1.1.0 // s's replacement\n",
        "t", "retract v1.1.0 // t's replacement\n");
    StringBuilder requires = new StringBuilder();
    for (String m : List.of("r", "s", "t")) {
      String path = "example.com/" + m;
      for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
        pb.module(FakeModule.builder(path, v).goMod("module " + path + "\n\ngo 1.17\n"
            + (v.equals("v1.2.0") ? "\n" + latest.get(m) : "")).file(m + ".go", "package " + m + "\n").build());
      }
      requires.append("require ").append(path).append(" v1.0.0\n\nreplace ").append(path).append(" v1.0.0 => ")
          .append(path).append(" v1.1.0\n\n");
    }
    // q: its latest version v1.2.0 (deprecated, retracting v1.1.0) replaced by q v1.0.0: go's
    // retraction and deprecation checks read the replacement's go.mod (queryLatestVersionIgnoringRetractions),
    // so the required q v1.1.0 is neither (the soak's go1.27 workspace seed 43: the client read v1.2.0's)
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
      boolean last = v.equals("v1.2.0");
      pb.module(FakeModule.builder("example.com/q", v).goMod((last ? "// Deprecated: gone\n" : "")
          + "module example.com/q\n\ngo 1.17\n" + (last ? "\nretract v1.1.0 // bad\n" : ""))
          .file("q.go", "package q\n").build());
    }
    requires.append("require example.com/q v1.1.0\n\nreplace example.com/q v1.2.0 => example.com/q v1.0.0\n\n"
        + "replace example.com/q v1.5.0 => example.com/q v1.0.0\n"); // -versions lists v1.5.0 (replacementRepo)
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\n" + requires);
      Map<String, String> env = GoModuleUniverse.goEnv(proxy, tmp, tmp.resolve("cache"));
      go.run(main, env, 120, "mod", "download", "example.com/r", "example.com/s", "example.com/t", "example.com/q")
          .requireOk();
      String what = "go.mod:\n" + Files.readString(main.resolve("go.mod"));
      GoListM.assertSameAsGo(go, main, env, List.of("all"), ListFlags.builder().updates(true).build(), false, what);
      GoListM.assertSameAsGo(go, main, env, List.of("all"), ListFlags.builder().updates(true).build(), true, what);
      GoListM.assertSameAsGo(go, main, env, List.of("all"), ListFlags.builder().retracted(true).build(), true, what);
      GoListM.assertSameAsGo(go, main, env, List.of("example.com/q", "example.com/r"),
          ListFlags.builder().versions(true).build(), false, what);
    }
  }

  /** A proxy serving example.com/x v1.0.0 and v1.2.0 (go 1.17, package x), which workspaces replace. */
  private static FakeGoProxy.Builder xAtV100AndV120() {
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    for (String v : List.of("v1.0.0", "v1.2.0")) {
      pb.module(FakeModule.builder("example.com/x", v).goMod("module example.com/x\n\ngo 1.17\n")
          .file("x.go", "package x\n").build());
    }
    return pb;
  }

  /**
   * The versions {@code -versions} lists in a workspace: go's replacementRepo adds those the
   * workspace modules' go.mod files replace (a's {@code x v1.5.0}), not go.work's ({@code x
   * v1.9.0}); go1.19, go1.21 and go1.27. Fails where the go.work directive's version is listed (as
   * the client did once {@code -versions} took the directives' versions). And {@code x@v1.5.0},
   * {@code x@latest} (v1.5.0, the highest listed), with and without {@code -json}, in the workspace
   * and in a alone ({@code GOWORK=off}): go resolves the replaced version the proxy lacks through
   * replacementRepo's Stat, where the client failed on the proxy's 404 for its {@code .info}.
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.21", "1.27"})
  void workspaceReplacedVersionsAsGo(String release, @TempDir Path tmp) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(release);
    try (FakeGoProxy proxy = xAtV100AndV120().start()) {
      Path ws = Files.createDirectories(tmp.resolve("ws"));
      Path a = Files.createDirectories(ws.resolve("a"));
      Files.writeString(a.resolve("go.mod"), "module example.com/a\n\ngo 1.17\n\nrequire example.com/x v1.0.0\n\n"
          + "replace example.com/x v1.5.0 => example.com/x v1.0.0\n");
      Files.writeString(ws.resolve("go.work"), "go 1.18\n\nuse ./a\n\nreplace example.com/x v1.9.0 => example.com/x v1.0.0\n");
      Map<String, String> env = GoModuleUniverse.goEnv(proxy, tmp, tmp.resolve("cache"));
      go.run(a, env, 120, "mod", "download", "example.com/x").requireOk();
      GoListM.assertSameAsGo(go, ws, env, List.of("example.com/x"), ListFlags.builder().versions(true).build(), false,
          "go.work replacing x v1.9.0, a's go.mod x v1.5.0");
      // a version only a's directive names, the proxy lacking it: go resolves it (replacementRepo's Stat)
      for (boolean json : new boolean[] {false, true}) {
        for (String q : List.of("v1.5.0", "latest")) {
          GoListM.assertSameAsGo(go, ws, env, List.of("example.com/x@" + q), ListFlags.builder().build(), json,
              "go.work replacing x v1.9.0, a's go.mod x v1.5.0");
          Map<String, String> alone = new java.util.HashMap<>(env);
          alone.put("GOWORK", "off");
          GoListM.assertSameAsGo(go, a, alone, List.of("example.com/x@" + q), ListFlags.builder().build(), json,
              "a alone, its go.mod replacing x v1.5.0");
        }
      }
    }
  }

  /**
   * go.work's replace directives alone: go's lookupRepo wraps every path a directive names (go.work's
   * too: highestReplaced) in a replacementRepo, but its Versions adds only the versions the
   * workspace modules' go.mod files name, and its Stat answers a replaced version the proxy lacks
   * only when some workspace module's go.mod has a replace directive, for any path
   * (hasReplacements). go.work replaces {@code x v1.5.0} (the proxy has v1.0.0 and v1.2.0), {@code
   * y v1.5.0} and every version of {@code z} (the proxy has neither): {@code x@v1.5.0}, {@code
   * y@v1.5.0}, {@code y@latest} (replacementRepo's Latest names v1.5.0, its Stat refuses it), {@code
   * z@latest} (the pseudo-version below every real one), {@code x@latest}, with and without {@code
   * -json}, and {@code -versions x y z}, first with a's go.mod replacing nothing, then replacing an
   * unrelated module ({@code w v1.0.0}), then replacing x itself (a directive go.work's overrides,
   * which still counts): go1.19, go1.21, go1.27. Fails where the client resolved go.work's
   * replaced versions with no go.mod directive (as it did before it followed hasReplacements).
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.21", "1.27"})
  void workspaceGoWorkOnlyReplacedVersionsAsGo(String release, @TempDir Path tmp) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(release);
    try (FakeGoProxy proxy = xAtV100AndV120().start()) {
      Path ws = Files.createDirectories(tmp.resolve("ws"));
      Path a = Files.createDirectories(ws.resolve("a"));
      String aMod = "module example.com/a\n\ngo 1.17\n\nrequire example.com/x v1.0.0\n";
      Files.writeString(ws.resolve("go.work"), "go 1.18\n\nuse ./a\n\nreplace (\n"
          + "\texample.com/x v1.5.0 => example.com/x v1.0.0\n\texample.com/y v1.5.0 => example.com/x v1.0.0\n"
          + "\texample.com/z => example.com/x v1.0.0\n)\n");
      Map<String, String> env = GoModuleUniverse.goEnv(proxy, tmp, tmp.resolve("cache"));
      for (String replaces : List.of("", "\nreplace example.com/w v1.0.0 => example.com/x v1.0.0\n",
          "\nreplace example.com/x v1.5.0 => example.com/x v1.2.0\n")) {
        Files.writeString(a.resolve("go.mod"), aMod + replaces);
        Files.deleteIfExists(a.resolve("go.sum"));
        go.run(a, env, 120, "mod", "download", "example.com/x").requireOk();
        String what = "go.work replacing x v1.5.0, y v1.5.0, z; a's go.mod: " + (replaces.isEmpty() ? "none" : replaces);
        GoListM.assertSameAsGo(go, ws, env, List.of("example.com/x", "example.com/y", "example.com/z"),
            ListFlags.builder().versions(true).build(), false, what);
        for (boolean json : new boolean[] {false, true}) {
          for (String q : List.of("example.com/x@v1.5.0", "example.com/y@v1.5.0", "example.com/y@latest",
              "example.com/z@latest", "example.com/x@latest")) {
            GoListM.assertSameAsGo(go, ws, env, List.of(q), ListFlags.builder().build(), json, what);
          }
        }
      }
    }
  }
  /**
   * go's rawGoVersion across a listing's arguments: a go.mod one argument read (a {@code path@query}
   * argument's module, a query's retraction check of the latest version) gives its go line to a
   * later argument listing that version of the build, where go.sum (only a's go.mod line here)
   * would not vouch for its go.mod; an earlier argument does not see it. a v1.0.0 (go 1.17,
   * pruned) requires b v1.1.0, which the main module does not list: b v1.0.0 (go 1.18), b v1.1.0
   * (go 1.19). Then b v1.1.0 replaced by a directory (go 1.20): the remembered line is the
   * replacement's and the module's (moduleInfo sets Replace.GoVersion from the replaced version's
   * entry). {@code list -m -e -json}, go1.19, go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.21", "1.27"})
  void goLineRememberedAcrossArgumentsAsGo(String release, @TempDir Path tmp) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(release);
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.1.0\n").build())
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.18\n").build())
        .module(FakeModule.builder("example.com/b", "v1.1.0").goMod("module example.com/b\n\ngo 1.19\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Map<String, String> env = GoModuleUniverse.goEnv(proxy, tmp, tmp.resolve("cache"));
      Path out = Files.createDirectories(tmp.resolve("out"));
      String aSum = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          go.run(out, env, 120, "mod", "download", "-json", "example.com/a@v1.0.0").requireOk().stdout())
          .get("GoModSum").asText();
      Path main = Files.createDirectories(tmp.resolve("main"));
      String mainMod = "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.0.0\n";
      Files.writeString(main.resolve("go.sum"), "example.com/a v1.0.0/go.mod " + aSum + "\n");
      Path bdir = Files.createDirectories(main.resolve("bdir"));
      Files.writeString(bdir.resolve("go.mod"), "module example.com/b\n\ngo 1.20\n");
      List<List<String>> argLists = List.of(List.of("example.com/b@v1.1.0", "all", "example.com/b"),
          List.of("all", "example.com/b@v1.1.0", "example.com/b"), List.of("example.com/b@v1.1", "example.com/b"),
          List.of("example.com/b@v1.0.0", "all"), List.of("example.com/b@<v1.1.0", "example.com/b"),
          List.of("example.com/b@latest", "example.com/b"), List.of("example.com/b", "example.com/b@latest"));
      for (String replace : List.of("", "\nreplace example.com/b v1.1.0 => ./bdir\n")) {
        Files.writeString(main.resolve("go.mod"), mainMod + replace);
        for (List<String> args : argLists) {
          GoListM.assertSameAsGo(go, main, env, args, ListFlags.builder().allowErrors(true).build(), true,
              "go.mod: " + mainMod + replace);
        }
        // -u's update query of a failed argument (its retraction check reads b v1.1.0's go.mod) runs
        // after every argument is answered, as go's addUpdate
        GoListM.assertSameAsGo(go, main, env, List.of("example.com/b@v1.9", "example.com/b"),
            ListFlags.builder().allowErrors(true).updates(true).build(), true, "-u, go.mod: " + mainMod + replace);
      }
    }
  }
}
