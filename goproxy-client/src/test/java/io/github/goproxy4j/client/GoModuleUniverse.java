package io.github.goproxy4j.client;

import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded random Go module universe for differential tests against the go command: 10-24 modules
 * (some {@code /v2}, some {@code v0}) with 1-3 versions each, go directives on both sides of 1.17
 * and at 1.21+, deprecations, retractions, and requirements whose targets the module's package
 * really imports; plus a main module {@code example.com/main} whose {@code main.go} imports its
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
            imports.add(paths.get(j));
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

  /** Writes go.mod and main.go of the main module into {@code dir} (created) and returns it. */
  Path writeMain(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("go.mod"), mainGoMod);
    Files.writeString(dir.resolve("main.go"), mainGo);
    return dir;
  }
}
