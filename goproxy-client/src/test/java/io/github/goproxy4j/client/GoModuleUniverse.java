package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A seeded random Go module universe for differential tests against the go command: 10-24 modules
 * (some {@code /v2}, some {@code v0}) with 1-3 versions each, go directives on both sides of 1.17
 * and at 1.21+, deprecations, retractions, and requirements (cycles included) whose targets the
 * module's package imports when they are higher-numbered (so the packages build) and leaves
 * unimported otherwise; plus a main module {@code example.com/main} whose {@code main.go} imports its
 * direct requirements (so {@code go build ./...} needs every module it reaches). The same seed and
 * release give the same universe.
 *
 * <pre>{@code
 * GoModuleUniverse u = new GoModuleUniverse(new SplittableRandom(seed), "1.27");
 * try (FakeGoProxy proxy = u.proxyBuilder().start()) {
 *   Path main = u.writeMain(tmp.resolve("main"));
 *   ...
 * }
 * }</pre>
 */
final class GoModuleUniverse {
  /** Every module version of the universe, in generation order. */
  final List<FakeModule> modules;
  /** The main module's go.mod (not yet tidy: let go run {@code go mod tidy}). */
  final String mainGoMod;
  /** The main module's main.go: package main importing its direct requirements. */
  final String mainGo;

  /**
   * Generates a universe.
   *
   * @param r the seeded random source
   * @param release the go release the main module is written for ("1.19" keeps its go line at or
   *     below 1.19)
   */
  GoModuleUniverse(SplittableRandom r, String release) {
    List<FakeModule> mods = new ArrayList<>();
    int n = 10 + r.nextInt(15);
    List<String> paths = new ArrayList<>();
    List<List<String>> versions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean v2 = r.nextInt(6) == 0;
      paths.add("example.com/mod" + i + (v2 ? "/v2" : ""));
      List<String> vs = new ArrayList<>();
      String major = v2 ? "v2" : r.nextInt(4) == 0 ? "v0" : "v1";
      for (int k = 0, c = 1 + r.nextInt(3); k < c; k++) {
        vs.add(major + "." + k + "." + r.nextInt(2));
      }
      versions.add(vs);
    }
    String[] goLines = {"", "1.16", "1.17", "1.20", "1.21.0", "1.22.0"};
    for (int i = 0; i < n; i++) {
      List<String> vs = versions.get(i);
      for (String v : vs) {
        boolean latest = v.equals(vs.get(vs.size() - 1));
        StringBuilder mod = new StringBuilder();
        if (latest && r.nextInt(5) == 0) {
          mod.append("// Deprecated: use something else\n");
        }
        mod.append("module ").append(paths.get(i)).append('\n');
        if (latest && vs.size() > 1 && r.nextInt(3) == 0) {
          mod.append("\n// broken\nretract ").append(vs.get(r.nextInt(vs.size() - 1))).append('\n');
        }
        String goLine = goLines[r.nextInt(goLines.length)];
        if (!goLine.isEmpty()) {
          mod.append("\ngo ").append(goLine).append('\n');
        }
        Set<String> imports = new LinkedHashSet<>();
        for (int k = r.nextInt(4); k > 0; k--) {
          int j = r.nextInt(n);
          if (j != i) {
            mod.append("require ").append(paths.get(j)).append(' ').append(pick(r, versions.get(j))).append('\n');
            if (j > i) {
              // packages import only higher-numbered modules (Go forbids import cycles); the
              // other requirements stay in go.mod unimported (requirement cycles are legal)
              imports.add(paths.get(j));
            }
          }
        }
        StringBuilder src = new StringBuilder("package mod").append(i).append("\n");
        imports.forEach(p -> src.append("\nimport _ \"").append(p).append("\"\n"));
        mods.add(FakeModule.builder(paths.get(i), v).goMod(mod.toString()).file("p.go", src.toString()).build());
      }
    }
    StringBuilder main = new StringBuilder("module example.com/main\n\ngo ")
        .append(new String[] {"1.16", "1.17", release.equals("1.19") ? "1.19" : "1.21"}[r.nextInt(3)]).append('\n');
    StringBuilder go = new StringBuilder("package main\n\n");
    Set<String> roots = new LinkedHashSet<>();
    for (int k = 1 + r.nextInt(4); k > 0; k--) {
      int j = r.nextInt(n);
      if (roots.add(paths.get(j))) {
        main.append("require ").append(paths.get(j)).append(' ').append(pick(r, versions.get(j))).append('\n');
        go.append("import _ \"").append(paths.get(j)).append("\"\n");
      }
    }
    go.append("\nfunc main() {}\n");
    this.modules = Collections.unmodifiableList(mods);
    this.mainGoMod = main.toString();
    this.mainGo = go.toString();
  }

  private static String pick(SplittableRandom r, List<String> l) {
    return l.get(r.nextInt(l.size()));
  }

  /** A FakeGoProxy builder serving every module of the universe (add more before starting it). */
  FakeGoProxy.Builder proxyBuilder() {
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    modules.forEach(pb::module);
    return pb;
  }

  /**
   * The differential tests' parameters: go1.19 and go1.27 for seeds 1..N (N =
   * {@code -Dgoproxy4j.mvs.universes}, default 3).
   */
  static Stream<Arguments> releasesAndSeeds() {
    int n = Integer.getInteger("goproxy4j.mvs.universes", 3);
    return LongStream.rangeClosed(1, n).boxed()
        .flatMap(seed -> Stream.of(Arguments.of("1.19", seed), Arguments.of("1.27", seed)));
  }

  /** The go release's binary: go1.19 is /usr/bin/go, others /usr/lib/go-1.N/bin/go; skips the test when absent. */
  static Path goFor(String release) {
    GoTool.assumeGo();
    if (release.equals("1.19")) {
      return GoTool.goBinary().orElseThrow();
    }
    Path go = Paths.get("/usr/lib/go-" + release + "/bin/go");
    Assumptions.assumeTrue(Files.isExecutable(go), "SKIPPED: go" + release + " is not installed at " + go);
    return go;
  }

  /** go's environment: hermetic, the proxy and its checksum database, {@code modCache} as GOMODCACHE. */
  static Map<String, String> goEnv(FakeGoProxy proxy, Path tmp, Path modCache) {
    Map<String, String> env = GoTool.hermeticEnv(tmp);
    env.putAll(proxy.environment());
    env.put("GOMODCACHE", modCache.toString());
    env.put("GOFLAGS", "-modcacherw");
    return env;
  }

  /** A client following {@code release} through the proxy, with {@code modCache} as GOMODCACHE. */
  static GoProxyClient client(FakeGoProxy proxy, Path tmp, String release, Path modCache) {
    Map<String, String> vars = new HashMap<>(proxy.environment());
    vars.put("GOPATH", tmp.resolve("our-gopath").toString());
    vars.put("GOMODCACHE", modCache.toString());
    vars.put("GOFLAGS", "-modcacherw");
    GoEnv env;
    try {
      env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion(release).build();
    } catch (IllegalArgumentException e) {
      // GoEnv does not know this release yet; module-graph rules have not changed since 1.21
      env = GoEnv.builder().environment(vars).noUserEnvFile().build();
    }
    return GoProxyClient.builder().env(env).build();
  }

  /** Writes go.mod and main.go of the main module into {@code dir} (created) and returns it. */
  Path writeMain(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("go.mod"), mainGoMod);
    Files.writeString(dir.resolve("main.go"), mainGo);
    return dir;
  }
}
