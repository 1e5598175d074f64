package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testing.SeedSweep;
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
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A seeded random Go module universe for differential tests against the go command: 10-24 modules
 * (some {@code /v2}, some {@code v0}) with 1-3 versions each, go directives on both sides of 1.17
 * and at 1.21+ (none above the release for go1.21 and later, which refuse them), deprecations, retractions, and requirements (cycles included) whose targets the
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
        if (newerThanGo121On(goLine, release)) {
          goLine = release + ".0"; // go1.21 on refuses a module needing a newer go (GOTOOLCHAIN=local)
        }
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

  /** go1.21 and later refuse a go line above their own: {@code goLine} is one, {@code release} such a go. */
  private static boolean newerThanGo121On(String goLine, String release) {
    return !goLine.isEmpty() && GoRelease.compare(release, "1.21") >= 0 && GoRelease.compare(goLine, release) > 0;
  }

  private static String pick(SplittableRandom r, List<String> l) {
    return l.get(r.nextInt(l.size()));
  }

  /**
   * {@code go mod tidy} in {@code dir}, as the universe's tests set a module up. go may refuse:
   * its {@code -compat} check (a go 1.17+ module whose graph go 1.16 would select differently:
   * go1.19's {@code but go 1.16 would select}, go1.27's {@code internal error: failed to diagnose
   * selected-version mismatch}). Such a refusal is go's, not the client's: it is printed ({@code
   * name}: the release and seed; go's message; the go.mod) and appended to {@code refusals}, and
   * go's own remedy is taken, {@code go mod tidy -compat=<the module's go line>}, which keeps the
   * module (its pruned graph differing from the unpruned one is what the client must get right).
   *
   * @return go's result: ok, or the remedy's refusal too
   */
  static GoTool.Result tidy(Path go, Path dir, Map<String, String> env, String name, StringBuilder refusals)
      throws IOException {
    String goMod = Files.readString(dir.resolve("go.mod"));
    Matcher goLine = Pattern.compile("(?m)^go (\\S+)$").matcher(goMod);
    List<String[]> tidies = new ArrayList<>();
    tidies.add(new String[] {"mod", "tidy"});
    if (goLine.find()) {
      tidies.add(new String[] {"mod", "tidy", "-compat=" + goLine.group(1)});
    }
    GoTool.Result tidied = null;
    for (String[] tidy : tidies) {
      String[] argv = new String[tidy.length + 1];
      argv[0] = go.toString();
      System.arraycopy(tidy, 0, argv, 1, tidy.length);
      tidied = GoTool.exec(dir, env, 300, null, argv);
      if (tidied.ok()) {
        if (tidy.length > 2) {
          System.out.println("GoModuleUniverse " + name + ": " + dir.getFileName() + " set up by go "
              + String.join(" ", tidy));
        }
        return tidied;
      }
      String refusal = name + ": go " + String.join(" ", tidy) + " in " + dir.getFileName() + " exited "
          + tidied.exitCode() + ":\n" + tidied.stderr().strip() + "\ngo.mod:\n" + goMod;
      System.out.println("GoModuleUniverse " + refusal.replace("\n", "\n  ") + "\n  (go's refusal, not the client's"
          + " failure)");
      refusals.append(refusal).append('\n');
    }
    return tidied;
  }

  /** A FakeGoProxy builder serving every module of the universe (add more before starting it). */
  FakeGoProxy.Builder proxyBuilder() {
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    modules.forEach(pb::module);
    return pb;
  }

  /**
   * The differential tests' parameters: go1.19 and go1.27 for seeds 1..N (N =
   * {@code -Dgoproxy4j.mvs.universes}, default 3), or a soak run's seeds and releases ({@link
   * SeedSweep}: {@code -Dgoproxy4j.sweep.seeds=FROM..TO -Dgoproxy4j.sweep.releases=1.21,1.24}).
   */
  static Stream<Arguments> releasesAndSeeds() {
    if (SeedSweep.active()) {
      return SeedSweep.releasesAndSeeds().map(Arguments::of);
    }
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

  /**
   * A workspace written by {@link #writeWorkspace}: its directory, the {@code use} directories
   * in go.work order, and a description (go.work and each go.mod) for assertion messages.
   */
  record Workspace(Path dir, List<String> uses, String description) {}

  /**
   * Writes a workspace into {@code ws}: this universe's main module as {@code m0} and one or two
   * more main modules requiring random versions of the universe's modules (maybe replacing one),
   * each made tidy by {@code go} with {@code GOWORK=off}; go.work uses them in random order, its
   * go line at least every module's (as {@code go work use} writes it), sometimes with a
   * toolchain line and up to two replacements.
   */
  Workspace writeWorkspace(SplittableRandom r, String release, Path ws, Path go, Map<String, String> goEnv)
      throws IOException {
    writeMain(ws.resolve("m0"));
    List<String> uses = new ArrayList<>(List.of("./m0"));
    for (int k = 1, c = 1 + r.nextInt(2); k <= c; k++) {
      writeOtherMain(r, release, ws.resolve("m" + k), "example.com/main" + k);
      uses.add("./m" + k);
    }
    Map<String, String> env = new HashMap<>(goEnv);
    env.put("GOWORK", "off");
    String workGo = release.equals("1.19") ? "1.19" : new String[] {"1.18", "1.21"}[r.nextInt(2)];
    for (String use : uses) {
      StringBuilder refusals = new StringBuilder();
      if (!tidy(go, ws.resolve(use), env, "go" + release + " workspace " + use, refusals).ok()) {
        throw new AssertionError("go cannot make workspace module " + use + " tidy; nothing compared:\n" + refusals);
      }
      Matcher m = Pattern.compile("\ngo (\\S+)\n").matcher(Files.readString(ws.resolve(use).resolve("go.mod")));
      if (m.find() && !release.equals("1.19") && GoRelease.compare(m.group(1), workGo) > 0) {
        workGo = m.group(1);
      }
    }
    Collections.shuffle(uses, new Random(r.nextLong()));
    StringBuilder work = new StringBuilder("go ").append(workGo).append("\n\n");
    if (!release.equals("1.19") && r.nextInt(3) == 0) {
      work.append("toolchain go1.23.4\n\n");
    }
    uses.forEach(x -> work.append("use ").append(x).append('\n'));
    for (int k = r.nextInt(3); k > 0; k--) {
      work.append(replaceLine(r));
    }
    Files.writeString(ws.resolve("go.work"), work);
    StringBuilder description = new StringBuilder("go.work:\n" + work);
    for (String use : uses) {
      description.append(use).append("/go.mod:\n").append(Files.readString(ws.resolve(use).resolve("go.mod")));
    }
    return new Workspace(ws, List.copyOf(uses), description.toString());
  }

  /** Another main module requiring random versions of the universe's modules, maybe replacing one. */
  private void writeOtherMain(SplittableRandom r, String release, Path dir, String path) throws IOException {
    Files.createDirectories(dir);
    StringBuilder mod = new StringBuilder("module ").append(path).append("\n\ngo ")
        .append(new String[] {"1.16", "1.17", release.equals("1.19") ? "1.19" : "1.21"}[r.nextInt(3)]).append('\n');
    StringBuilder src = new StringBuilder("package main\n\n");
    Set<String> roots = new LinkedHashSet<>();
    for (int k = 1 + r.nextInt(3); k > 0; k--) {
      FakeModule m = modules.get(r.nextInt(modules.size()));
      if (roots.add(m.path())) {
        mod.append("require ").append(m.path()).append(' ').append(m.version()).append('\n');
        src.append("import _ \"").append(m.path()).append("\"\n");
      }
    }
    if (r.nextBoolean()) {
      mod.append(replaceLine(r));
    }
    Files.writeString(dir.resolve("go.mod"), mod);
    Files.writeString(dir.resolve("main.go"), src.append("\nfunc main() {}\n"));
  }

  /** {@code replace P[ v] => P v2} for versions of one module of the universe. */
  private String replaceLine(SplittableRandom r) {
    FakeModule old = modules.get(r.nextInt(modules.size()));
    List<FakeModule> same = new ArrayList<>();
    modules.stream().filter(m -> m.path().equals(old.path())).forEach(same::add);
    FakeModule to = same.get(r.nextInt(same.size()));
    return "replace " + old.path() + (r.nextBoolean() ? " " + old.version() : "") + " => " + to.path() + " "
        + to.version() + "\n";
  }
}
