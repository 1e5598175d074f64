package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GoProxyClient#moduleGraph(Path)} against the real go command (go1.19 and go1.27) on
 * seeded random module universes served by the testkit with its checksum database: go makes each
 * main module tidy ({@code go mod tidy}); then {@code go list -m all}, {@code go list -m -u all}
 * (updates, retractions, deprecations) and {@code go mod graph}
 * must equal the loaded graph's texts byte for byte, and go must load the same graph offline
 * ({@code GOPROXY=off}) from the module cache the client filled. More universes:
 * {@code -Dgoproxy4j.mvs.universes=N}; a soak run's seeds and releases: {@link
 * io.github.goproxy4j.testing.SeedSweep}.
 */
class ModuleGraphLoaderTest {

  private static Path goFor(String release) {
    return GoModuleUniverse.goFor(release);
  }


  private static Map<String, String> goEnv(FakeGoProxy proxy, Path tmp, Path modCache) {
    return GoModuleUniverse.goEnv(proxy, tmp, modCache);
  }


  private static GoProxyClient client(FakeGoProxy proxy, Path tmp, String release) {
    return GoModuleUniverse.client(proxy, tmp, release, tmp.resolve("our-cache"));
  }


  /**
   * go rewrites go.mod in place under its lock ({@code go get}, {@code go mod tidy}:
   * lockedfile.Transform, a growing file's new tail first) and reads it under the shared lock
   * (modload's ReadModFile), so it never parses a half-written go.mod. A process holds go's lock
   * on a go.mod left torn (the tidy go.mod without its go line, as go adds one, then the tidy
   * file's last bytes) and writes the tidy go.mod on release: {@code go list -m all} waits and lists the
   * build, and so must the client's {@code listModules}, with the same modules.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.19, 20261206", "1.27, 20261206"})
  void goModReadWaitsWhileGoRewritesIt(String release, long seed, @TempDir Path tmp) throws Exception {
    assumeTrue(GoFlock.flockPlatform(), "SKIPPED: go locks go.mod with flock only on Linux and macOS");
    System.out.println("ModuleGraphLoaderTest go" + release + " seed=" + seed);
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      Path goMod = f.main.resolve("go.mod");
      String tidy = Files.readString(goMod);
      String goLine = tidy.substring(tidy.indexOf("\ngo ") + 1, tidy.indexOf('\n', tidy.indexOf("\ngo ") + 1) + 1);
      String old = tidy.replace(goLine, "");
      String torn = old + tidy.substring(old.length());
      String ctx = "go" + release + " seed=" + seed + " go.mod while go rewrites it:\n" + torn + "\n" + f.context();
      Path content = tmp.resolve("tidy.mod");
      Files.writeString(content, tidy);
      Path bin = GoFlock.binary();

      Files.writeString(goMod, torn);
      GoTool.Result listed;
      try (GoFlock.Holder go = GoFlock.hold(bin, goMod, content)) {
        listed = go.assertBlocksUntilReleased(() -> f.go(f.main, f.goEnv(tmp.resolve("go-cache")), "list", "-m", "all"));
      }
      assertEquals(0, listed.exitCode(), ctx + "\n" + listed.stderr());

      Files.writeString(goMod, torn);
      List<ListedModule> ours;
      try (GoProxyClient c = f.client(tmp.resolve("our-cache"));
          GoFlock.Holder go = GoFlock.hold(bin, goMod, content)) {
        ours = go.assertBlocksUntilReleased(() -> c.listModules(f.main, false));
      }
      StringBuilder text = new StringBuilder();
      ours.forEach(m -> text.append(m.path()).append(m.version().isEmpty() ? "" : " " + m.version()).append('\n'));
      assertEquals(listed.stdout(), text.toString(), ctx);
      assertEquals(tidy, Files.readString(goMod), ctx);
    }
  }

  /**
   * The seeded universes ({@link GoUniverseFixture#tidy}: a universe go cannot make tidy is
   * replaced by the seed's next one). When go then refuses its own tidy go.mod ({@code go list -m
   * all} fails: go1.27 seed 21's {@code updates to go.mod needed}), the client must fail with
   * go's text.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void listAndGraphMatchGoAndGoWorksOfflineFromOurCache(String release, long seed, @TempDir Path tmp)
      throws Exception {
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      Path main = f.main;
      Map<String, String> env = f.goEnv(tmp.resolve("go-cache"));
      String ctx = f.context();
      GoTool.Result listed = f.go(main, env, "list", "-m", "all");
      if (!listed.ok()) {
        System.out.println("ModuleGraphLoaderTest " + f.name() + ": go refuses its own tidy go.mod: "
            + listed.stderr().strip());
        f.assertFailsAsGo(listed, tmp.resolve("our-cache"), c -> c.moduleGraph(main), ctx);
        return;
      }
      String list = listed.stdout();
      String graph = f.go(main, env, "mod", "graph").requireOk().stdout();
      ModuleGraph g;
      try (GoProxyClient c = f.client(tmp.resolve("our-cache"))) {
        g = c.moduleGraph(main);
      }
      assertEquals(list, g.listText(), ctx);
      assertEquals(graph, g.graphText(), ctx);
      String listU = f.go(main, env, "list", "-m", "-u", "all").requireOk().stdout();
      StringBuilder ours = new StringBuilder();
      try (GoProxyClient c = f.client(tmp.resolve("our-cache"))) {
        c.listModules(main, true).forEach(m -> ours.append(m).append('\n'));
      }
      assertEquals(listU, ours.toString(), ctx);
      if (Boolean.getBoolean("goproxy4j.mvs.print")) {
        System.out.println(f.name() + "\n" + listU);
      }
      // go loads the same graph from the go.mod files the client cached, without any network
      Map<String, String> offline = f.goEnv(tmp.resolve("our-cache"));
      offline.put("GOPROXY", "off");
      String offGraph = f.go(main, offline, "mod", "graph").requireOk().stdout();
      assertEquals(graph, offGraph, ctx);
    }
  }

  @Test
  void listFilesAfterALoadAreTheOnesGoWrites(@TempDir Path tmp) throws Exception {
    Path go = goFor("1.27");
    // an unpruned graph: b is loaded at v1.0.0 (through c) and v1.1.0 (through a), never at v1.2.0
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.16\n\nrequire example.com/b v1.1.0\n").build())
        .module(FakeModule.builder("example.com/c", "v1.0.0")
            .goMod("module example.com/c\n\ngo 1.16\n\nrequire example.com/b v1.0.0\n").build());
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
      pb.module(FakeModule.builder("example.com/b", v).goMod("module example.com/b\n\ngo 1.16\n").build());
    }
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.16\n\nrequire (\n"
          + "\texample.com/a v1.0.0\n\texample.com/c v1.0.0\n)\n");
      Map<String, String> env = goEnv(proxy, tmp, tmp.resolve("go-cache"));
      env.put("GOFLAGS", "-mod=mod");
      String list = GoTool.exec(main, env, 120, null, go.toString(), "list", "-m", "all").requireOk().stdout();
      try (GoProxyClient c = client(proxy, tmp, "1.27")) {
        assertEquals(list, c.moduleGraph(main).listText());
      }
      for (String m : List.of("a", "b", "c")) {
        Path rel = Path.of("cache", "download", "example.com", m, "@v", "list");
        assertEquals(Files.readString(tmp.resolve("go-cache").resolve(rel)),
            Files.readString(tmp.resolve("our-cache").resolve(rel)), m);
      }
      assertEquals("v1.0.0\nv1.1.0\n",
          Files.readString(tmp.resolve("our-cache/cache/download/example.com/b/@v/list")));
    }
  }

  static Stream<Arguments> listSeeds() {
    return LongStream.range(0, 8).mapToObj(Arguments::of);
  }

  /**
   * After a load, successful or failed (a go.mod the proxy does not have), every module's
   * {@code list} names exactly its cached go.mod versions, as go's rewriteVersionList leaves it:
   * the rewrites a graph load puts off until a module's queued loads end are all done by then,
   * also those owed to loads that never ended. Unpruned graphs, so a module is loaded at several
   * versions, queued at different times.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("listSeeds")
  void everyListNamesTheCachedGoModsAfterALoad(long seed, @TempDir Path tmp) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 8;
    boolean bad = seed % 2 == 1;
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    for (int i = 0; i < n; i++) {
      for (int v = 0; v < 3; v++) {
        StringBuilder mod = new StringBuilder("module example.com/m" + i + "\n\ngo 1.16\n");
        for (int j = i + 1; j < n; j++) {
          if (rnd.nextInt(3) == 0) {
            mod.append("\nrequire example.com/m").append(j).append(" v1.").append(rnd.nextInt(3)).append(".0\n");
          }
        }
        if (bad && i == n - 2 && v == 2) {
          mod.append("\nrequire example.com/missing v1.0.0\n"); // the proxy has no such module
        }
        pb.module(FakeModule.builder("example.com/m" + i, "v1." + v + ".0").goMod(mod.toString()).build());
      }
    }
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      StringBuilder mod = new StringBuilder("module example.com/main\n\ngo 1.16\n");
      for (int i = 0; i < n; i++) {
        mod.append("\nrequire example.com/m").append(i).append(" v1.").append(bad && i == n - 2 ? 2 : rnd.nextInt(3))
            .append(".0\n");
      }
      Files.writeString(main.resolve("go.mod"), mod);
      try (GoProxyClient c = client(proxy, tmp, "1.27")) {
        if (bad) {
          assertThrows(GoProxyException.class, () -> c.modGraph(main));
        } else {
          c.modGraph(main);
        }
      }
      Path download = tmp.resolve("our-cache/cache/download/example.com");
      int mods = 0;
      for (int i = 0; i < n; i++) {
        Path dir = download.resolve("m" + i).resolve("@v");
        if (bad && !Files.exists(dir)) {
          continue; // the failed load never got to this module
        }
        List<String> cached = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
          files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".mod"))
              .forEach(f -> cached.add(f.substring(0, f.length() - ".mod".length())));
        }
        java.util.Collections.sort(cached); // v1.0.0 < v1.1.0 < v1.2.0 in either order
        mods += cached.size();
        assertEquals(String.join("", cached.stream().map(v -> v + "\n").toList()),
            Files.readString(dir.resolve("list")), "m" + i);
      }
      assertEquals(true, bad ? mods > 0 : mods > n, "go.mod files cached: " + mods);
    }
  }

  @Test
  void goSumLineRemovedOrWrongModuleLineFailLikeGo(@TempDir Path tmp) throws Exception {
    Path go = goFor("1.27");
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.21\n\nrequire example.com/b v1.0.0\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build())
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.21\n")
            .file("b.go", "package b\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/a\"\n\nfunc main() {}\n");
      Map<String, String> env = goEnv(proxy, tmp, tmp.resolve("go-cache"));
      GoTool.exec(main, env, 300, null, go.toString(), "mod", "tidy").requireOk();
      // remove the go.sum line of b's go.mod
      List<String> lines = new ArrayList<>(Files.readAllLines(main.resolve("go.sum")));
      lines.removeIf(l -> l.startsWith("example.com/b v1.0.0/go.mod "));
      Files.write(main.resolve("go.sum"), lines);
      assertSameFailure(go, main, env, proxy, tmp);
      // a main go.mod that does not parse
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.21\n\nrequire example.com/a\nfoo bar\n");
      assertSameFailure(go, main, env, proxy, tmp);
      // requirements not tidy: a root below the selected version
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.16\n\nrequire example.com/a v1.0.0\n");
      assertSameFailure(go, main, env, proxy, tmp);
    }
  }

  private static void assertSameFailure(Path go, Path main, Map<String, String> env, FakeGoProxy proxy, Path tmp)
      throws IOException {
    GoTool.Result r = GoTool.exec(main, env, 120, null, go.toString(), "list", "-m", "all");
    assertEquals(1, r.exitCode(), r.stdout());
    try (GoProxyClient c = client(proxy, tmp, "1.27")) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> c.moduleGraph(main));
      assertEquals(r.stderr().trim(), "go: " + e.getMessage());
    }
  }

  @Test
  void missingGoSumLineFailsBeforeFetching(@TempDir Path tmp) throws Exception {
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0").goMod("module example.com/a\n\ngo 1.17\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.0.0\n");
      try (GoProxyClient c = client(proxy, tmp, "1.27")) {
        Files.writeString(main.resolve("go.sum"), "");
        GoProxyException e = assertThrows(GoProxyException.class, () -> c.moduleGraph(main));
        assertEquals("example.com/a@v1.0.0: missing go.sum entry for go.mod file; to add it:\n"
            + "\tgo mod download example.com/a", e.getMessage());
      }
    }
  }

  /**
   * Workspaces: the universe's main module and one or two more (each made tidy by go with
   * {@code GOWORK=off}, some replacing a module in their go.mod), a go.work using them in random
   * order with random {@code replace} directives, found by go and by the client from the workspace
   * directory, from a module directory below it, or through an absolute GOWORK. {@code go list -m
   * all}, {@code go list -m -u all} and {@code go mod graph} must equal ours byte for byte (or
   * fail with go's text), and go must load the same graph offline from the cache the client
   * filled. Error cases are compared with go's text. More workspaces:
   * {@code -Dgoproxy4j.mvs.workspaces=N}.
   */
  @org.junit.jupiter.api.Nested
  class Workspaces {
    static Stream<Arguments> workspaces() {
      if (io.github.goproxy4j.testing.SeedSweep.active()) {
        return io.github.goproxy4j.testing.SeedSweep.releasesAndSeeds().map(Arguments::of);
      }
      int n = Integer.getInteger("goproxy4j.mvs.workspaces", 3);
      return LongStream.rangeClosed(1, n).boxed().flatMap(seed -> Stream.of(Arguments.of("1.19", seed),
          Arguments.of("1.27", seed)));
    }

    private GoProxyClient workspaceClient(FakeGoProxy proxy, Path tmp, String release, String gowork) {
      Map<String, String> vars = new HashMap<>(proxy.environment());
      vars.put("GOPATH", tmp.resolve("our-gopath").toString());
      vars.put("GOMODCACHE", tmp.resolve("our-cache").toString());
      if (gowork != null) {
        vars.put("GOWORK", gowork);
      }
      return GoProxyClient.builder().env(GoEnv.builder().environment(vars).noUserEnvFile().goVersion(release).build())
          .build();
    }

    @ParameterizedTest(name = "go{0} seed={1}")
    @MethodSource("workspaces")
    void workspaceListAndGraphMatchGo(String release, long seed, @TempDir Path tmp) throws Exception {
      Path go = goFor(release);
      SplittableRandom r = new SplittableRandom(seed);
      GoModuleUniverse u = new GoModuleUniverse(r, release);
      try (FakeGoProxy proxy = u.proxyBuilder().start()) {
        Map<String, String> env = goEnv(proxy, tmp, tmp.resolve("go-cache"));
        GoModuleUniverse.Workspace w = u.writeWorkspace(r, release, tmp.resolve("ws"), go, env);
        Path ws = w.dir();
        StringBuilder ctx = new StringBuilder("seed=" + seed + " " + w.description());
        // where go and the client start: the workspace, a module below it, or elsewhere with GOWORK
        int where = r.nextInt(3);
        Path cwd = where == 0 ? ws : where == 1 ? ws.resolve("m0") : Files.createDirectories(tmp.resolve("elsewhere"));
        String gowork = where == 2 ? ws.resolve("go.work").toString() : null;
        env.remove("GOWORK");
        if (gowork != null) {
          env.put("GOWORK", gowork);
        }
        GoTool.Result list = GoTool.exec(cwd, env, 120, null, go.toString(), "list", "-m", "all");
        System.out.println("workspace go" + release + " seed=" + seed + " from " + ws.relativize(cwd)
            + (list.ok() ? " modules=" + list.stdout().lines().count() : " error=" + list.stderr().trim()));
        try (GoProxyClient c = workspaceClient(proxy, tmp, release, gowork)) {
          if (!list.ok()) {
            // go list -m all's failure (go1.27 seed 29: a replacement two workspace modules
            // disagree on, which go prints at each lookup) is the listing's
            io.github.goproxy4j.mvs.ModuleGraphException e = assertThrows(
                io.github.goproxy4j.mvs.ModuleGraphException.class, () -> c.listModules(cwd, false), ctx.toString());
            assertEquals(list.stderr().trim(), e.goText(), ctx.toString());
            return;
          }
          ModuleGraph g = c.moduleGraph(cwd);
          assertEquals(list.stdout(), g.listText(), ctx.toString());
          String graph = GoTool.exec(cwd, env, 120, null, go.toString(), "mod", "graph").requireOk().stdout();
          assertEquals(graph, g.graphText(), ctx.toString());
          String listU = GoTool.exec(cwd, env, 120, null, go.toString(), "list", "-m", "-u", "all").requireOk()
              .stdout();
          StringBuilder ours = new StringBuilder();
          c.listModules(cwd, true).forEach(m -> ours.append(m).append('\n'));
          assertEquals(listU, ours.toString(), ctx.toString());
          // go loads the same graph from the go.mod files the client cached, without any network
          Map<String, String> offline = goEnv(proxy, tmp, tmp.resolve("our-cache"));
          offline.put("GOPROXY", "off");
          if (gowork != null) {
            offline.put("GOWORK", gowork);
          }
          String offGraph = GoTool.exec(cwd, offline, 120, null, go.toString(), "mod", "graph").requireOk().stdout();
          assertEquals(graph, offGraph, ctx.toString());
        }
      }
    }

    /** Every installed release: the error texts changed in 1.21, 1.23 and 1.24. */
    static Stream<Arguments> releases() {
      return GoTool.releases().map(Arguments::of);
    }

    /** go list -m all fails in {@code cwd}; the client's listModules fails with go's text. */
    private void assertSameWorkspaceFailure(String release, Path cwd, FakeGoProxy proxy, Path tmp, String gowork)
        throws IOException {
      Path go = GoTool.assumeRelease(release).binary();
      Map<String, String> env = goEnv(proxy, tmp, tmp.resolve("go-cache"));
      if (gowork != null) {
        env.put("GOWORK", gowork);
      }
      GoTool.Result r = GoTool.exec(cwd, env, 120, null, go.toString(), "list", "-m", "all");
      assertEquals(1, r.exitCode(), r.stdout());
      try (GoProxyClient c = workspaceClient(proxy, tmp, release, gowork)) {
        io.github.goproxy4j.mvs.ModuleGraphException e = assertThrows(
            io.github.goproxy4j.mvs.ModuleGraphException.class,
            () -> c.listModules(cwd, false));
        assertEquals(r.stderr().trim(), e.goText());
      }
    }

    private Path module(Path dir, String goMod) throws IOException {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("go.mod"), goMod);
      return dir;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void workspaceErrorsAreGos(GoTool.Go goRelease, @TempDir Path tmp) throws Exception {
      GoTool.assumeGo(goRelease);
      String release = goRelease.lang();
      try (FakeGoProxy proxy = FakeGoProxy.builder().start()) {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        module(ws.resolve("a"), "module example.com/a\n\ngo 1.18\n");
        module(ws.resolve("b"), "module example.com/b\n\ngo 1.18\n\nreplace example.com/x v1.0.0 => ./x\n");
        module(ws.resolve("c"), "module example.com/c\n\ngo 1.18\n\nreplace example.com/x v1.0.0 => ./x\n");
        Files.createDirectories(ws.resolve("nomod"));
        Path work = ws.resolve("go.work");
        // a use directory without go.mod
        Files.writeString(work, "go 1.18\n\nuse ./a\nuse ./nomod\n");
        assertSameWorkspaceFailure(release, ws, proxy, tmp, null);
        // the same directory used twice
        Files.writeString(work, "go 1.18\n\nuse ./a\nuse (\n\t./b\n\ta\n)\n");
        assertSameWorkspaceFailure(release, ws, proxy, tmp, null);
        // two go.mod files replacing the same module version differently (relative to each module)
        Files.writeString(work, "go 1.18\n\nuse ./b\nuse ./c\n");
        assertSameWorkspaceFailure(release, ws, proxy, tmp, null);
        // two go.mod files replacing x v1.0.0 with different directives (one for every version): go
        // prints its error (bare) at each lookup, goes on with d's directive and exits 1 (list -m
        // -e lists first; without -e go exits before listing)
        module(ws.resolve("d"), "module example.com/d\n\ngo 1.18\n\nrequire example.com/x v1.0.0\n\n"
            + "replace example.com/x => ../x\n");
        module(ws.resolve("x"), "module example.com/x\n");
        module(ws.resolve("b/x"), "module example.com/x\n");
        Files.writeString(work, "go 1.18\n\nuse ./d\nuse ./b\n");
        Path go = goRelease.binary();
        GoTool.Result conflict = GoTool.exec(ws, goEnv(proxy, tmp, tmp.resolve("go-cache")), 120, null, go.toString(),
            "list", "-m", "-e", "all");
        assertEquals(1, conflict.exitCode());
        try (GoProxyClient c = workspaceClient(proxy, tmp, release, null)) {
          ModuleGraph g = c.moduleGraph(ws);
          assertEquals(conflict.stdout(), g.listText());
          assertEquals(List.of(conflict.stderr().lines().findFirst().orElse("")), g.replacementErrors());
        }
        // the other way round, d's directive for every version after b's for v1.0.0: no conflict for go
        // (replacementFrom never records that the directive it found named the version); d's applies
        // (go1.19 seed 29 of workspaceListAndGraphMatchGo: the client failed where go listed)
        Files.writeString(work, "go 1.18\n\nuse ./b\nuse ./d\n");
        assertSameOutcome(goRelease, ws, proxy, tmp, "b's replace x v1.0.0 => ./x, then d's x => ../x");
        // go.work replacing a workspace module at every version
        Files.writeString(work, "go 1.18\n\nuse ./a\n\nreplace example.com/a => example.com/y v1.0.0\n");
        assertSameWorkspaceFailure(release, ws, proxy, tmp, null);
        // a go.work that does not parse
        Files.writeString(work, "go 1.18\n\nuse ./a\nrequire example.com/y v1.0.0\n");
        assertSameWorkspaceFailure(release, ws, proxy, tmp, null);
        // GOWORK not absolute, or naming a missing file
        Files.writeString(work, "go 1.18\n\nuse ./a\n");
        assertSameWorkspaceFailure(release, ws, proxy, tmp, "go.work");
        assertSameWorkspaceFailure(release, ws, proxy, tmp, tmp.resolve("missing.work").toString());
        // a go.work with no use directive: nothing to list; an empty graph
        Files.writeString(work, "go 1.18\n");
        assertSameWorkspaceFailure(release, ws, proxy, tmp, null);
        String graph = GoTool.exec(ws, goEnv(proxy, tmp, tmp.resolve("go-cache")), 120, null, go.toString(), "mod",
            "graph").requireOk().stdout();
        try (GoProxyClient c = workspaceClient(proxy, tmp, release, null)) {
          assertEquals(graph, c.moduleGraph(ws).graphText());
        }
      }
    }

    /**
     * go list -m all in {@code cwd} with GOTOOLCHAIN=local: the client, following the release's
     * exact version ({@code 1.27.3}), lists the same modules or fails with go's text.
     */
    private void assertSameOutcome(GoTool.Go g, Path cwd, FakeGoProxy proxy, Path tmp, String what)
        throws IOException {
      Map<String, String> env = goEnv(proxy, tmp, tmp.resolve("go-cache"));
      GoTool.Result r = GoTool.exec(cwd, env, 120, null, g.binary().toString(), "list", "-m", "all");
      Map<String, String> vars = new HashMap<>(proxy.environment());
      vars.put("GOPATH", tmp.resolve("our-gopath").toString());
      vars.put("GOMODCACHE", tmp.resolve("our-cache").toString());
      vars.put("GOTOOLCHAIN", "local");
      try (GoProxyClient c = GoProxyClient.builder()
          .env(GoEnv.builder().environment(vars).noUserEnvFile().goVersion(g.release()).build()).build()) {
        if (r.ok()) {
          assertEquals(r.stdout(), c.moduleGraph(cwd).listText(), g + " " + what);
        } else {
          io.github.goproxy4j.mvs.ModuleGraphException e = assertThrows(
              io.github.goproxy4j.mvs.ModuleGraphException.class, () -> c.moduleGraph(cwd), g + " " + what);
          assertEquals(r.stderr().trim(), e.goText(), g + " " + what);
        }
      }
    }

    /**
     * A go.work or go.mod whose go line is newer than the running go (refused from go1.21, named
     * as go names it from where it runs), and go.work godebug lines (from go1.23: unknown keys,
     * default= values, removed settings as each release's table has them), against every
     * installed release; and the main go.mod's godebug lines outside a workspace (every error).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void goWorkChecksAreGos(GoTool.Go g, @TempDir Path tmp) throws Exception {
      GoTool.assumeGo(g);
      try (FakeGoProxy proxy = FakeGoProxy.builder().start()) {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path a = module(ws.resolve("a"), "module example.com/a\n\ngo 1.18\n");
        Path work = ws.resolve("go.work");
        Files.writeString(work, "go 1.99\n\nuse ./a\n");
        assertSameOutcome(g, ws, proxy, tmp, "go.work go 1.99");
        assertSameOutcome(g, a, proxy, tmp, "go.work go 1.99 from a");
        Files.writeString(work, "go " + g.release() + "\n\nuse ./a\n");
        assertSameOutcome(g, ws, proxy, tmp, "go.work at the running release");
        for (String debug : List.of("panicnil=1", "foo=1", "default=go1.99", "default=go1.21", "default=1.21",
            "x509sha1=1", "x509sha1=0", "asynctimerchan=1", "asynctimerchan=0", "tlskyber=1")) {
          Files.writeString(work, "go 1.18\n\nuse ./a\n\ngodebug " + debug + "\n");
          assertSameOutcome(g, ws, proxy, tmp, "godebug " + debug);
        }
        Files.delete(work);
        for (String debugs : List.of("godebug panicnil=1\n", "godebug (\n\tfoo=1\n\tpanicnil=1\n\tdefault=go1.99\n)\n")) {
          Files.writeString(a.resolve("go.mod"), "module example.com/a\n\ngo 1.18\n\n" + debugs);
          assertSameOutcome(g, a, proxy, tmp, "go.mod " + debugs);
        }
        Files.writeString(a.resolve("go.mod"), "module example.com/a\n\ngo 1.99\n");
        assertSameOutcome(g, a, proxy, tmp, "go.mod go 1.99");
        Files.writeString(a.resolve("go.mod"), "module example.com/a\n\ngo 1.99\n\nfrobnicate\n");
        assertSameOutcome(g, a, proxy, tmp, "go.mod go 1.99 that does not parse");
      }
    }

    @Test
    void workspaceErrorsOfGo127(@TempDir Path tmp) throws Exception {
      try (FakeGoProxy proxy = FakeGoProxy.builder().start()) {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        module(ws.resolve("a"), "module example.com/a\n\ngo 1.18\n");
        module(ws.resolve("a2"), "module example.com/a\n\ngo 1.18\n");
        module(ws.resolve("sub/new"), "module example.com/new\n\ngo 1.22.0\n");
        Path work = ws.resolve("go.work");
        // one module path in two use directories (go1.19 lists it once)
        Files.writeString(work, "go 1.18\n\nuse ./a\nuse ./a2\n");
        assertSameWorkspaceFailure("1.27", ws, proxy, tmp, null);
        // a module needing a newer go than go.work's, with and without a go line; from below the workspace
        Files.writeString(work, "go 1.21\n\nuse ./a\nuse ./sub/new\n");
        assertSameWorkspaceFailure("1.27", ws, proxy, tmp, null);
        Files.writeString(work, "use ./a\nuse ./sub/new\n");
        assertSameWorkspaceFailure("1.27", ws.resolve("sub"), proxy, tmp, null);
        // a use directory's go.mod that does not parse
        Files.writeString(work, "go 1.22.0\n\nuse ./a\nuse ./sub/new\n");
        module(ws.resolve("a"), "module example.com/a\n\ngo 1.18\nfoo bar\n");
        assertSameWorkspaceFailure("1.27", ws.resolve("sub"), proxy, tmp, null);
      }
    }
  }

  /**
   * modload.Init's rule for a go.mod in GOPATH's first entry as {@link ModuleGraphLoader#init}
   * models it (goproxy-cli's {@code ModuleGraphCommandsTest.gopathGoModAsGo} compares the commands
   * with the real go): up to go1.21 a failure go prints without its prefix, for every command in
   * module mode but a NeedRoot one outside a module (which fails for the missing go.mod first);
   * from go1.22 a warning naming the entry as given, then for a NeedRoot command go's
   * no-main-modules error (go1.26's workspace text in a workspace). Nothing with GO111MODULE off,
   * for a listing under auto outside a module, when another entry than the first has the go.mod,
   * or for a relative entry; a directory named go.mod counts, as go's stat finds it.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.20", "1.21", "1.22", "1.25", "1.26", "1.27"})
  void gopathGoModRuleAsInit(String release, @TempDir Path tmp) throws Exception {
    Path gopath = Files.createDirectories(tmp.resolve("gp"));
    Files.writeString(gopath.resolve("go.mod"), "module example.com/gp\n");
    Path mod = Files.createDirectories(tmp.resolve("m/sub"));
    Files.writeString(tmp.resolve("m/go.mod"), "module example.com/m\n");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path ws = Files.createDirectories(tmp.resolve("ws/a"));
    Files.writeString(ws.resolve("go.mod"), "module example.com/a\n");
    Files.writeString(tmp.resolve("ws/go.work"), "go 1.18\n\nuse ./a\n");
    int minor = Integer.parseInt(release.substring(2));
    boolean fatal = minor < 22;
    String warning = "go: warning: ignoring go.mod in $GOPATH " + gopath + "/";
    GoEnv on = initEnv(release, "on", gopath + "/");
    for (ModuleGraphLoader.InitMode m : ModuleGraphLoader.InitMode.values()) {
      for (Path dir : List.of(mod, ws, gopath)) {
        ModuleGraphLoader.Init init = ModuleGraphLoader.init(on, dir, m);
        String what = m + " in " + tmp.relativize(dir);
        if (fatal) {
          assertEquals(List.of(), init.warnings(), what);
          assertEquals("$GOPATH/go.mod exists but should not", init.failure().goText(), what);
        } else {
          assertEquals(List.of(warning), init.warnings(), what);
          String noMain = dir == ws && minor >= 26 ? "no modules were found in the current workspace; see 'go help work'"
              : "go.mod file not found in current directory or any parent directory; see 'go help modules'";
          assertEquals(m.needsRoot ? "go: " + noMain : null, init.failure() == null ? null : init.failure().goText(),
              what);
        }
      }
      // outside a module: module mode, but a command needing a main module fails for that first
      ModuleGraphLoader.Init init = ModuleGraphLoader.init(on, outside, m);
      assertEquals(fatal || m.needsRoot ? List.of() : List.of(warning), init.warnings(), m + " outside");
      assertEquals(fatal && !m.needsRoot, init.failure() != null, m + " outside");
      // GOPATH mode: GO111MODULE off, or a listing under auto outside a module
      assertEquals(new ModuleGraphLoader.Init(List.of(), null),
          ModuleGraphLoader.init(initEnv(release, "off", gopath.toString()), mod, m), m + " GO111MODULE=off");
      ModuleGraphLoader.Init auto = ModuleGraphLoader.init(initEnv(release, "auto", gopath.toString()), outside, m);
      assertEquals(m == ModuleGraphLoader.InitMode.LIST || m.needsRoot, auto.warnings().isEmpty() && auto.failure() == null,
          m + " GO111MODULE=auto outside");
      // only the first entry counts, only an absolute one; anything named go.mod there does
      String relative = Path.of("").toAbsolutePath().relativize(gopath).toString(); // from the JVM's directory
      for (String list : List.of(outside + ":" + gopath, ":" + gopath, relative)) {
        assertEquals(new ModuleGraphLoader.Init(List.of(), null), ModuleGraphLoader.init(initEnv(release, "on", list),
            mod, m), m + " GOPATH=" + list);
      }
      Path dirGoMod = Files.createDirectories(tmp.resolve("gpdir/go.mod"));
      assertEquals(fatal || m.needsRoot, ModuleGraphLoader.init(initEnv(release, "on", dirGoMod.getParent().toString()),
          mod, m).failure() != null, m + " go.mod a directory");
    }
    // the commands read the main module after the rule: its failure, or the warnings' go-on
    try (GoProxyClient c = GoProxyClient.builder().env(on).build()) {
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> ModuleGraphLoader.readMains(c, on, mod, ModuleGraphLoader.InitMode.MOD_NEEDS_ROOT));
      assertEquals(fatal ? "$GOPATH/go.mod exists but should not"
          : "go: go.mod file not found in current directory or any parent directory; see 'go help modules'",
          ((io.github.goproxy4j.mvs.ModuleGraphException) e).goText());
      if (!fatal) {
        assertEquals("example.com/gp", ModuleGraphLoader.readMains(c, on, gopath, ModuleGraphLoader.InitMode.MOD)
            .list().get(0).goMod().module().orElseThrow());
      }
    }
  }

  private static GoEnv initEnv(String release, String go111, String gopath) {
    return GoEnv.builder().os(GoEnv.Os.LINUX).noUserEnvFile().goVersion(release)
        .environment(Map.of("GO111MODULE", go111, "GOPATH", gopath, "HOME", "/nonexistent", "TMPDIR", "/nonexistent"))
        .build();
  }
}
