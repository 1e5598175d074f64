package io.github.goproxy4j.client;


import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VendorList} (with {@link BuildMod}'s choice of vendor mode) through
 * {@link GoProxyClient#listModules(Path, List, boolean, java.util.function.Consumer)} against every
 * installed go release: seeded random main modules (go lines on both sides of 1.14 and 1.17,
 * direct and indirect requirements, wildcard and versioned replacements by modules and
 * directories) with a vendor/modules.txt written as {@code go mod vendor} writes it, then
 * mutated as hand edits and stale vendor directories leave it (a lost {@code ## explicit}, a
 * changed version or replacement, an extra or unlisted module, a module without packages, a
 * {@code ## go} annotation newer than the release, lines go skips). {@code go list -m} with
 * random arguments must print what goproxy4j answers, or fail with the same text.
 * More cases: {@code -Dgoproxy4j.vendor.cases=N} per release.
 */
class VendorListTest {
  private static final List<String> POOL = List.of("example.com/a", "example.com/b", "example.com/c/v2",
      "golang.org/x/d", "example.com/e");

  static Stream<Arguments> cases() {
    int n = Integer.getInteger("goproxy4j.vendor.cases", 12);
    return GoTool.releases().flatMap(go -> LongStream.rangeClosed(1, n).mapToObj(seed -> Arguments.of(go, seed)));
  }

  /** One generated case: the files, GOFLAGS, the list arguments. */
  record Case(String goMod, String modulesTxt, String goflags, List<String> args, boolean updates) {
    @Override
    public String toString() {
      return "GOFLAGS=" + goflags + " go list -m" + (updates ? " -u " : " ") + String.join(" ", args)
          + "\n--- go.mod\n" + goMod + "--- vendor/modules.txt\n" + modulesTxt;
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("cases")
  void listInVendorModeAsGo(GoTool.Go go, long seed, @TempDir Path tmp) throws Exception {
    GoTool.assumeGo(go);
    Case c = generate(new SplittableRandom(seed), go.minor());
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), c.goMod());
    Files.createDirectories(main.resolve("vendor"));
    Files.writeString(main.resolve("vendor/modules.txt"), c.modulesTxt());
    Map<String, String> env = go.hermeticEnv(tmp);
    env.put("GOFLAGS", c.goflags());
    GoListM.assertSameAsGo(go, main, env, c.args(), c.updates(), "seed=" + seed + "\n" + c);
  }

  /** A main module as go.mod and a vendor/modules.txt for it, then mutations; random list arguments. */
  static Case generate(SplittableRandom r, int minor) {
    String[] goLines = {"1.13", "1.16", "1.17", "1.19"};
    String mainGo = goLines[r.nextInt(goLines.length)];
    // below 1.14 go uses the vendor directory only when told to
    String goflags = mainGo.equals("1.13") || r.nextBoolean() ? "-mod=vendor" : "";
    Map<String, String[]> req = new LinkedHashMap<>(); // path -> {version, "indirect"|""}
    for (String p : POOL) {
      if (r.nextInt(3) > 0) {
        req.put(p, new String[] {"v" + (p.endsWith("/v2") ? 2 : 1) + "." + r.nextInt(3) + ".0",
            r.nextInt(3) == 0 ? "indirect" : ""});
      }
    }
    // replacements: old path (version or "" for all) -> new path (version or "" for a directory)
    List<String[]> reps = new ArrayList<>();
    for (String p : POOL) {
      if (r.nextInt(4) == 0) {
        String oldV = req.containsKey(p) && r.nextBoolean() ? req.get(p)[0] : "";
        boolean dir = r.nextBoolean();
        reps.add(new String[] {p, oldV, dir ? "./local/" + p.replace('/', '_') : "example.com/fork",
            dir ? "" : "v1.0." + r.nextInt(2)});
      }
    }
    StringBuilder mod = new StringBuilder("module example.com/main\n\ngo " + mainGo + "\n");
    if (!req.isEmpty()) {
      mod.append("\nrequire (\n");
      req.forEach((p, v) -> mod.append('\t').append(p).append(' ').append(v[0])
          .append(v[1].isEmpty() ? "" : " // indirect").append('\n'));
      mod.append(")\n");
    }
    for (String[] rep : reps) {
      mod.append("\nreplace ").append(rep[0]).append(rep[1].isEmpty() ? "" : " " + rep[1]).append(" => ")
          .append(rep[2]).append(rep[3].isEmpty() ? "" : " " + rep[3]).append('\n');
    }
    // modules.txt as go mod vendor writes it for this go.mod, one block per requirement
    List<List<String>> blocks = new ArrayList<>();
    boolean annotate = mainGo.compareTo("1.14") >= 0;
    for (Map.Entry<String, String[]> e : req.entrySet()) {
      String p = e.getKey();
      String v = e.getValue()[0];
      String[] rep = applied(reps, p, v);
      List<String> b = new ArrayList<>();
      b.add("# " + p + " " + v + (rep == null ? "" : " => " + rep[2] + (rep[3].isEmpty() ? "" : " " + rep[3])));
      if (annotate) {
        b.add("## explicit" + (r.nextBoolean() ? "; go 1." + (11 + r.nextInt(6)) : ""));
      }
      b.add(r.nextInt(4) == 0 ? p + "/sub" : p);
      blocks.add(b);
    }
    for (String[] rep : reps) {
      if (!req.containsKey(rep[0]) || !rep[1].isEmpty() && !rep[1].equals(req.get(rep[0])[0])) {
        // a replacement of no vendored module: go records it on a line of its own
        blocks.add(new ArrayList<>(List.of("# " + rep[0] + (rep[1].isEmpty() ? "" : " " + rep[1]) + " => " + rep[2]
            + (rep[3].isEmpty() ? "" : " " + rep[3]))));
      }
    }
    int mutations = r.nextInt(3);
    for (int i = 0; i < mutations && !blocks.isEmpty(); i++) {
      List<String> b = blocks.get(r.nextInt(blocks.size()));
      switch (r.nextInt(8)) {
        case 0: // the explicit mark lost
          b.removeIf(l -> l.startsWith("## "));
          break;
        case 1: // another version vendored
          b.set(0, b.get(0).replaceFirst(" v(\\d)\\.\\d\\.0", " v$1.9.0"));
          break;
        case 2: // the replacement not (or no longer) recorded
          b.set(0, b.get(0).replaceFirst(" => .*", ""));
          break;
        case 3: // a replacement that go.mod does not have
          b.set(0, b.get(0).replaceFirst(" => .*", "") + " => example.com/other v1.2.3");
          break;
        case 4: // a module go.mod does not require
          blocks.add(new ArrayList<>(List.of("# example.com/extra v1.0.0", "## explicit", "example.com/extra")));
          break;
        case 5: // a module without packages
          b.removeIf(l -> !l.startsWith("#"));
          if (annotate && b.size() == 1 && r.nextBoolean()) {
            b.add("## explicit");
          }
          break;
        case 6: // a go annotation newer than every release
          b.add(Math.min(1, b.size()), "## explicit; go 1.99");
          break;
        default: // lines go skips
          b.add(r.nextBoolean() ? "# weird" : "#comment");
          break;
      }
    }
    StringBuilder txt = new StringBuilder();
    blocks.forEach(b -> b.forEach(l -> txt.append(l).append('\n')));
    List<String> args = new ArrayList<>();
    List<String> candidates = new ArrayList<>(POOL);
    candidates.addAll(List.of("example.com/main", "example.com/unknown", "example.com/extra"));
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      args.add(candidates.get(r.nextInt(candidates.size())));
    }
    if (r.nextInt(8) == 0) {
      args.add(r.nextBoolean() ? "all" : "example.com/...");
    }
    return new Case(mod.toString(), txt.toString(), goflags, args, r.nextInt(10) == 0);
  }

  /** The replacement go.mod applies to {@code path version}: the exact version's, else the wildcard. */
  private static String[] applied(List<String[]> reps, String path, String version) {
    String[] wildcard = null;
    for (String[] rep : reps) {
      if (rep[0].equals(path) && rep[1].equals(version)) {
        return rep;
      }
      if (rep[0].equals(path) && rep[1].isEmpty()) {
        wildcard = rep;
      }
    }
    return wildcard;
  }

  static Stream<Arguments> workspaceCases() {
    int n = Integer.getInteger("goproxy4j.vendor.workspaces", 2);
    return GoTool.releases().filter(go -> !go.isInstalled() || go.minor() >= 22)
        .flatMap(go -> LongStream.rangeClosed(1, n).mapToObj(seed -> Arguments.of(go, seed)));
  }

  /**
   * A vendored workspace (go1.22's {@code go work vendor}): two modules, one replacing a
   * dependency by a directory, go.work replacing another by a module version, vendored by go
   * itself; then, four times on a fresh copy, modules.txt, a go.mod or go.work edited as above,
   * and {@code go list -m} with random arguments compared with goproxy4j's answer.
   */
  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("workspaceCases")
  void listInVendoredWorkspaceAsGo(GoTool.Go go, long seed, @TempDir Path tmp) throws Exception {
    GoTool.assumeGo(go);
    SplittableRandom r = new SplittableRandom(seed);
    FakeGoProxy.Builder universe = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.1.0\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build())
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.16\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/b", "v1.1.0").goMod("module example.com/b\n\ngo 1.16\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/c", "v1.0.0").goMod("module example.com/c\n\ngo 1.17\n")
            .file("c.go", "package c\n").build())
        .module(FakeModule.builder("example.com/fork", "v1.0.0").goMod("module example.com/c\n\ngo 1.17\n")
            .file("c.go", "package c\n").build());
    try (FakeGoProxy proxy = universe.start()) {
      Path w = Files.createDirectories(tmp.resolve("w"));
      Path m1 = Files.createDirectories(w.resolve("m1"));
      Path m2 = Files.createDirectories(w.resolve("m2"));
      Path localB = Files.createDirectories(w.resolve("local/b"));
      Files.writeString(localB.resolve("go.mod"), "module example.com/b\n\ngo 1.16\n");
      Files.writeString(localB.resolve("b.go"), "package b\n");
      boolean dirReplace = r.nextBoolean();
      Files.writeString(m1.resolve("go.mod"), "module example.com/m1\n\ngo 1.22\n"
          + (dirReplace ? "\nreplace example.com/b => ../local/b\n" : ""));
      Files.writeString(m1.resolve("m1.go"), "package m1\n\nimport _ \"example.com/a\"\n");
      Files.writeString(m2.resolve("go.mod"), "module example.com/m2\n\ngo 1.22\n");
      Files.writeString(m2.resolve("m2.go"), "package m2\n\nimport _ \"example.com/c\"\n");
      boolean workReplace = r.nextBoolean();
      Files.writeString(w.resolve("go.work"), "go 1.22\n\nuse (\n\t./m1\n\t./m2\n)\n"
          + (workReplace ? "\nreplace example.com/c v1.0.0 => example.com/fork v1.0.0\n" : ""));
      Map<String, String> env = go.hermeticEnv(tmp);
      env.putAll(proxy.environment());
      env.put("GOFLAGS", "-modcacherw");
      Map<String, String> off = new HashMap<>(env);
      off.put("GOWORK", "off");
      for (Path m : List.of(m1, m2)) {
        go.run(m, off, 120, "mod", "tidy").requireOk();
      }
      go.run(w, env, 120, "work", "vendor").requireOk();
      for (int round = 1; round <= 4; round++) {
        listAfterEditsAsGo(go, r, env, copyTree(w, tmp.resolve("w" + round)), "seed=" + seed + " round " + round);
      }
    }
  }

  private static Path copyTree(Path from, Path to) throws java.io.IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return to;
  }

  private static void listAfterEditsAsGo(GoTool.Go go, SplittableRandom r, Map<String, String> env, Path w,
      String what) throws Exception {
    Path m1 = w.resolve("m1");
    Path m2 = w.resolve("m2");
    {
      Path txt = w.resolve("vendor/modules.txt");
      List<String> lines = new ArrayList<>(Files.readAllLines(txt));
      StringBuilder edits = new StringBuilder();
      int mutations = r.nextInt(3);
      for (int i = 0; i < mutations; i++) {
        int k = 1 + r.nextInt(Math.max(1, lines.size() - 1));
        switch (r.nextInt(5)) {
          case 0:
            edits.append("modules.txt: dropped line ").append(lines.get(k)).append('\n');
            lines.remove(k);
            break;
          case 1:
            lines.add(k, "# example.com/extra v1.0.0 => example.com/fork v1.0.0");
            edits.append("modules.txt: added a replacement\n");
            break;
          case 2:
            lines.replaceAll(l -> l.replace("v1.1.0", "v1.0.0"));
            edits.append("modules.txt: b at v1.0.0\n");
            break;
          case 3:
            Files.writeString(w.resolve("go.work"), Files.readString(w.resolve("go.work"))
                + "\nreplace example.com/a => ./local/b\n");
            edits.append("go.work: a replaced\n");
            break;
          default:
            Files.writeString(m2.resolve("go.mod"), Files.readString(m2.resolve("go.mod"))
                + "\nrequire example.com/b v1.0.0 // indirect\n");
            edits.append("m2/go.mod: requires b\n");
            break;
        }
      }
      Files.write(txt, lines);
      List<String> args = new ArrayList<>();
      List<String> candidates = List.of("example.com/a", "example.com/b", "example.com/c", "example.com/m1",
          "example.com/m2", "example.com/unknown");
      for (int i = r.nextInt(4); i > 0; i--) {
        args.add(candidates.get(r.nextInt(candidates.size())));
      }
      if (r.nextInt(6) == 0) {
        args.add("all");
      }
      boolean updates = r.nextInt(8) == 0;
      Map<String, String> listEnv = new HashMap<>(env);
      listEnv.put("GOPROXY", "off");
      listEnv.put("GOFLAGS", r.nextBoolean() ? "-mod=vendor" : "");
      Path cwd = r.nextBoolean() ? w : m1;
      GoListM.assertSameAsGo(go, cwd, listEnv, args, updates, what + "\n" + edits + "--- go.work\n"
          + Files.readString(w.resolve("go.work")) + "--- m1/go.mod\n" + Files.readString(m1.resolve("go.mod"))
          + "--- vendor/modules.txt\n" + Files.readString(txt));
    }
  }
}
