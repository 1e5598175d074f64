package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ListModules} with the flags of {@code go list -m} that {@link ListFlags} carries, against
 * go1.19 and go1.27 on seeded universes ({@link GoModuleUniverse}, retractions and deprecations
 * included) made tidy by go: standard output, the error text and the exit status of {@code go
 * list -m -versions|-retracted [-u] [-e] [-json] args} must be go's, for arguments drawn from the seed's random
 * source (no argument, {@code all}, a {@code ...} pattern, modules of the build, modules of the
 * universe the build lacks, a path no proxy serves).
 */
class ListModulesTest {
  /** The argument lists one seed tries: drawn from the universe's module paths. */
  private static List<List<String>> argLists(SplittableRandom r, GoModuleUniverse u) {
    List<String> paths = new ArrayList<>(new TreeSet<>(u.modules.stream().map(FakeModule::path).toList()));
    List<List<String>> out = new ArrayList<>();
    out.add(List.of());
    out.add(List.of("all"));
    out.add(List.of("example.com/mod1..."));
    out.add(List.of("example.com/nosuch"));
    for (int i = 0; i < 3; i++) {
      List<String> args = new ArrayList<>();
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        args.add(paths.get(r.nextInt(paths.size())));
      }
      out.add(args);
    }
    return out;
  }

  /** What a test does in a tidy universe: the fixture, go's environment with its module cache, go. */
  private interface Body {
    void run(GoUniverseFixture f, Map<String, String> env, GoTool.Go go) throws Exception;
  }

  /** Runs {@code body} in the tidy universe of {@code seed} for {@code release}. */
  private static void inTidyUniverse(String release, long seed, Path tmp, Body body) throws Exception {
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      body.run(f, f.goEnv(f.tidyCache()), new GoTool.Go(f.go, release));
    }
  }

  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void versionsAsGo(String release, long seed, @TempDir Path tmp) throws Exception {
    inTidyUniverse(release, seed, tmp, (f, env, go) -> {
      int listed = 0;
      for (List<String> args : argLists(f.random, f.universe)) {
        ListFlags flags = ListFlags.builder().versions(true).updates(f.random.nextInt(3) == 0)
            .allowErrors(f.random.nextInt(3) == 0).build();
        GoTool.Result r = GoListM.assertSameAsGo(go, f.main, env, args, flags, f.random.nextBoolean(), f.context());
        listed += r.ok() && (r.stdout().contains(" v") || r.stdout().contains("\"Versions\"")) ? 1 : 0;
      }
      // the main module's path has no versions, so no argument and all fail: named modules list
      // theirs (unless go finds go.mod untidy, which fails every listing)
      if (f.go(f.main, env, "list", "-m", "all").ok()) {
        assertTrue(listed > 0, "no version list compared, seed=" + seed);
      }
    });
  }

  /**
   * {@code go list -m -retracted [-versions] [-u] [-json] args}: each listed version's
   * retraction ({@code (retracted)}, the Retracted field), the retracted versions in the version
   * lists; then in the vendor directory go made ({@code go mod vendor}), where go still looks the
   * retractions up, and with {@code GOFLAGS=-mod=vendor}, which go refuses with -retracted.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void retractedAsGo(String release, long seed, @TempDir Path tmp) throws Exception {
    inTidyUniverse(release, seed, tmp, (f, env, go) -> {
      int retracted = 0;
      List<List<String>> argLists = argLists(f.random, f.universe);
      for (List<String> args : argLists) {
        ListFlags flags = ListFlags.builder().retracted(true).versions(f.random.nextBoolean())
            .updates(f.random.nextInt(3) == 0).build();
        GoTool.Result r = GoListM.assertSameAsGo(go, f.main, env, args, flags, f.random.nextBoolean(), f.context());
        retracted += r.stdout().contains("retracted") ? 1 : 0;
      }
      GoTool.Result all = GoListM.assertSameAsGo(go, f.main, env, List.of("all"), ListFlags.builder().retracted(true)
          .build(), false, f.context());
      if (all.ok() && f.go(f.main, env, "list", "-m", "-u", "all").stdout().contains("(retracted)")) {
        assertTrue(all.stdout().contains("(retracted)"), "a retracted version -u shows, seed=" + seed);
      }
      if (!f.go(f.main, env, "mod", "vendor").ok()) {
        return;
      }
      for (String goflags : new String[] {"-modcacherw", "-modcacherw -mod=vendor"}) {
        env.put("GOFLAGS", goflags);
        for (List<String> args : argLists) {
          if (args.stream().noneMatch(a -> a.equals("all") || a.contains("..."))) {
            GoListM.assertSameAsGo(go, f.main, env, args, ListFlags.builder().retracted(true).build(),
                f.random.nextBoolean(), f.context() + " vendored");
          }
        }
      }
    });
  }

  /**
   * {@code go list -m} outside a module (an empty directory with no go.mod or go.work above it):
   * go's made-up main module {@code command-line-arguments} (its go line the running release's,
   * so the full release is given), {@code path@query} arguments, {@code -versions} of a path, a
   * path no proxy serves, and go's refusals ({@code all}, a pattern, {@code @upgrade}, a path
   * without {@code -versions}), under random {@code -u}, {@code -retracted}, {@code -versions},
   * {@code -e} and {@code -json}, with {@code GO111MODULE=auto|off} and GOFLAGS's
   * {@code -mod=mod|vendor} drawn at random; then the module cache that one listing fills, file
   * for file, each side with its own.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void outsideModuleAsGo(String release, long seed, @TempDir Path tmp) throws Exception {
    inTidyUniverse(release, seed, tmp, (f, env, go) -> {
      Path real = f.go.toRealPath();
      GoTool.Go full = GoTool.installed().stream().filter(g -> g.binary().equals(real)).findFirst().orElseThrow();
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      List<FakeModule> mods = f.universe.modules;
      String[] queries = {"latest", "upgrade", "v1", "<v1.1.0", ">=v0.1.0", "v9.9.9", "", ""};
      int listed = 0;
      // ten rounds, and more (up to 30) until one listing succeeds: every round compares (a failure
      // too), the success path must be among them (seed 11 drew ten failing rounds)
      for (int i = 0; i < 10 || listed == 0 && i < 30; i++) {
        List<String> args = new ArrayList<>();
        int shape = f.random.nextInt(8);
        if (shape == 0) {
          args.add(f.random.nextBoolean() ? "all" : "example.com/mod1...");
        } else if (shape == 1) {
          args.add(mods.get(f.random.nextInt(mods.size())).path());
        } else if (shape == 2) {
          args.add("example.com/nosuch" + (f.random.nextBoolean() ? "@latest" : ""));
        } else if (shape > 3) {
          for (int k = 1 + f.random.nextInt(2); k > 0; k--) {
            FakeModule m = mods.get(f.random.nextInt(mods.size()));
            String q = queries[f.random.nextInt(queries.length)];
            args.add(m.path() + "@" + (q.isEmpty() ? m.version() : q));
          }
        }
        Map<String, String> e = new HashMap<>(env);
        switch (f.random.nextInt(8)) {
          case 0 -> e.put("GO111MODULE", f.random.nextBoolean() ? "auto" : "off");
          case 1 -> e.put("GOFLAGS", (e.getOrDefault("GOFLAGS", "") + " -mod=vendor").trim());
          case 2 -> e.put("GOFLAGS", (e.getOrDefault("GOFLAGS", "") + " -mod=mod").trim());
          default -> { }
        }
        ListFlags flags = ListFlags.builder().updates(f.random.nextInt(3) == 0).retracted(f.random.nextInt(4) == 0)
            .versions(shape == 1 || shape == 2 || f.random.nextInt(4) == 0).allowErrors(f.random.nextInt(3) == 0)
            .build();
        GoTool.Result r = GoListM.assertSameAsGo(full, outside, e, args, flags, f.random.nextBoolean(),
            f.context() + " outside a module, GO111MODULE=" + e.get("GO111MODULE"));
        listed += r.ok() && !args.isEmpty() ? 1 : 0;
      }
      assertTrue(listed > 0, "no listing outside a module succeeded in 30 rounds, seed=" + seed);
      // the module cache one listing fills: go's and ours, each its own
      FakeModule m = mods.get(f.random.nextInt(mods.size()));
      List<String> args = List.of(m.path() + "@" + m.version(), mods.get(0).path() + "@latest");
      Map<String, String> theirs = f.goEnv(tmp.resolve("outside-go"), tmp.resolve("outside-go-cache"));
      f.go(outside, theirs, prepend(List.of("list", "-m", "-json", "-u"), args)).requireOk();
      Map<String, String> ours = f.goEnv(tmp.resolve("outside-ours"), tmp.resolve("outside-ours-cache"));
      try (GoProxyClient client = GoProxyClient.builder()
          .env(GoEnv.builder().environment(ours).noUserEnvFile().goVersion(full.release()).build()).build()) {
        client.listModules(outside, args, ListFlags.builder().updates(true).build(), w -> { });
      }
      assertEquals(ModDownloadTest.tree(tmp.resolve("outside-go-cache")),
          ModDownloadTest.tree(tmp.resolve("outside-ours-cache")), f.context() + " outside a module: " + args);
    });
  }

  private static String[] prepend(List<String> first, List<String> rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(rest);
    return all.toArray(new String[0]);
  }

  /**
   * {@code go list -m path@query} arguments ({@code latest}, {@code upgrade}, {@code patch}, a
   * version of the universe, a prefix, ranges, a version or revision no proxy has, a module no
   * proxy serves), mixed with a module path, under random {@code -u}, {@code -retracted},
   * {@code -versions} and {@code -json}: the resolved version, its Query, its go line, cached
   * files and sums, and go's error lines.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void queriesAsGo(String release, long seed, @TempDir Path tmp) throws Exception {
    inTidyUniverse(release, seed, tmp, (f, env, go) -> {
      List<FakeModule> mods = f.universe.modules;
      String[] queries = {"latest", "upgrade", "patch", "v1", "v0", "<v1.1.0", ">v1.0.0", ">=v0.1.0", "v9.9.9",
          "master", "", ""};
      for (int i = 0; i < 8; i++) {
        List<String> args = new ArrayList<>();
        for (int k = 1 + f.random.nextInt(2); k > 0; k--) {
          FakeModule m = mods.get(f.random.nextInt(mods.size()));
          String q = queries[f.random.nextInt(queries.length)];
          args.add(m.path() + "@" + (q.isEmpty() ? m.version() : q));
        }
        if (f.random.nextInt(4) == 0) {
          args.add(f.random.nextBoolean() ? "example.com/nosuch@latest" : mods.get(0).path());
        }
        ListFlags flags = ListFlags.builder().updates(f.random.nextInt(3) == 0).retracted(f.random.nextInt(3) == 0)
            .versions(f.random.nextInt(4) == 0).allowErrors(f.random.nextInt(3) == 0).build();
        GoListM.assertSameAsGo(go, f.main, env, args, flags, f.random.nextBoolean(), f.context());
      }
    });
  }

  /**
   * A {@code path@query} argument whose query fails, under {@code -u}: go's list still runs
   * addUpdate, addRetraction and addDeprecation on the failed module, whose version is the query,
   * so {@code d@v0} (d has no v0 version) gets the upgrade from v0, the retraction of v0.0.0 and
   * d's deprecation, {@code d@master} (no such revision) the deprecation only, and a module no
   * proxy has nothing (found by the soak of queriesAsGo: go1.19 and go1.27 seeds 7 and 20,
   * {@code mod7@v0}, {@code mod11/v2@v1}). {@code list -m -u -e [-json] [-retracted]}, go1.19,
   * go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1.19", "1.21", "1.27"})
  void failedQueryUnderUpdatesAsGo(String release, @TempDir Path tmp) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(release);
    io.github.goproxy4j.testkit.FakeGoProxy.Builder pb = io.github.goproxy4j.testkit.FakeGoProxy.builder();
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
      boolean last = v.equals("v1.2.0");
      pb.module(FakeModule.builder("example.com/d", v).goMod((last ? "// Deprecated: use e\n" : "")
          + "module example.com/d\n\ngo 1.17\n" + (last ? "\nretract v0.0.0 // never published\n" : ""))
          .file("d.go", "package d\n").build());
    }
    try (io.github.goproxy4j.testkit.FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n");
      Map<String, String> env = GoModuleUniverse.goEnv(proxy, tmp, tmp.resolve("cache"));
      List<String> args = List.of("example.com/d@v0", "example.com/d@master", "example.com/d@v1", "example.org/none@v1");
      for (boolean json : new boolean[] {false, true}) {
        GoListM.assertSameAsGo(go, main, env, args, ListFlags.builder().updates(true).allowErrors(true).build(), json,
            "failed queries");
        GoListM.assertSameAsGo(go, main, env, args, ListFlags.builder().updates(true).retracted(true).allowErrors(true)
            .build(), json, "failed queries");
      }
      GoListM.assertSameAsGo(go, main, env, args, ListFlags.builder().updates(true).build(), false, "failed queries");
    }
  }

  @org.junit.jupiter.api.Test
  void nullArgumentsAreNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    try (GoProxyClient client = GoProxyClient.builder()
        .env(io.github.goproxy4j.env.GoEnv.of(java.util.Map.of("GOPROXY", "off", "HOME", dir.toString(),
            "GOPATH", dir.resolve("gopath").toString())))
        .build()) {
      NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
          () -> client.listModules(dir, null, false, w -> { }));
      org.junit.jupiter.api.Assertions.assertEquals("args", e.getMessage());
      e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
          () -> client.listModules(dir, null, ListFlags.builder().build(), w -> { }));
      org.junit.jupiter.api.Assertions.assertEquals("args", e.getMessage());
    }
  }
}
