package io.github.goproxy4j.mvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoWorkFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ModuleGraph} against the real go command (go1.19 and go1.27): seeded random module
 * universes served from a {@code file://} GOPROXY directory (go.mod files only: neither
 * {@code go list -m all} nor {@code go mod graph} needs zips). go settles each main module's
 * go.mod first ({@code -mod=mod} may update its requirements); then {@code go list -m all} and
 * {@code go mod graph} must equal {@link ModuleGraph#listText()} and {@link ModuleGraph#graphText()}
 * computed from the settled go.mod, byte for byte. More universes:
 * {@code -Dgoproxy4j.mvs.universes=N}.
 */
class ModuleGraphTest {
  private static final Path GO127 = Paths.get("/usr/lib/go-1.27/bin/go");

  static Stream<Arguments> universes() {
    int n = Integer.getInteger("goproxy4j.mvs.universes", 6);
    return LongStream.rangeClosed(1, n).boxed().flatMap(seed -> Stream.of(Arguments.of("1.19", seed),
        Arguments.of("1.27", seed)));
  }

  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("universes")
  void listAndGraphMatchGo(String release, long seed, @TempDir Path tmp) throws Exception {
    Path go = goFor(release);
    Universe u = Universe.generate(new SplittableRandom(seed), tmp.resolve("proxy"), tmp.resolve("main"));
    Map<String, String> env = GoTool.hermeticEnv(tmp);
    env.put("GOPROXY", tmp.resolve("proxy").toUri().toString());
    env.put("GOFLAGS", "-mod=mod -modcacherw");
    env.put("GONOSUMDB", "*");
    byte[] goMod = Files.readAllBytes(u.mainDir.resolve("go.mod"));
    String ctx = "seed=" + seed + " go.mod:\n" + new String(goMod, StandardCharsets.UTF_8);
    // go mod graph never writes go.mod; go list -m all with -mod=mod may: both answer for the original
    GoTool.Result graph = GoTool.exec(u.mainDir, env, 120, null, go.toString(), "mod", "graph");
    GoTool.Result list = GoTool.exec(u.mainDir, env, 120, null, go.toString(), "list", "-m", "all");
    if (!graph.ok()) {
      ModuleGraphException e = org.junit.jupiter.api.Assertions.assertThrows(ModuleGraphException.class,
          () -> graph(release, goMod, u), ctx);
      assertEquals(graph.stderr().trim(), "go: " + e.getMessage(), ctx);
      return;
    }
    list.requireOk();
    ModuleGraph g = graph(release, goMod, u);
    assertEquals(graph.stdout(), g.graphText(), ctx);
    assertEquals(list.stdout(), g.listText(), ctx);
  }

  private static ModuleGraph graph(String release, byte[] goMod, Universe u) throws ModuleGraphException {
    return ModuleGraph.builder().goRelease(release).modMode(true)
        .mainModule(GoModFile.parseStrict("go.mod", goMod, release))
        .source(u.source()).build();
  }

  private static Path goFor(String release) {
    GoTool.assumeGo();
    if (release.equals("1.19")) {
      return GoTool.goBinary().orElseThrow();
    }
    assumeTrue(Files.isExecutable(GO127), "SKIPPED: go1.27 is not installed at " + GO127);
    return GO127;
  }

  static Stream<Arguments> workspaces() {
    int n = Integer.getInteger("goproxy4j.mvs.workspaces", 8);
    return LongStream.rangeClosed(1, n).boxed().flatMap(seed -> Stream.of(Arguments.of("1.19", seed),
        Arguments.of("1.27", seed)));
  }

  /**
   * A seeded random workspace: the universe's main module and one or two more, each requiring,
   * excluding and replacing (by version or with a local directory) random modules, and a go.work
   * using them in random order with random {@code replace} directives of its own.
   */
  static String writeWorkspace(SplittableRandom r, String release, Universe u, Path ws) throws IOException {
    int n = u.paths.size();
    List<String> uses = new ArrayList<>(List.of("./m0"));
    for (int k = 1, c = 1 + r.nextInt(2); k <= c; k++) {
      u.writeMain(r, ws.resolve("m" + k), "example.com/main" + k);
      uses.add("./m" + k);
    }
    java.util.Collections.shuffle(uses, new java.util.Random(r.nextLong()));
    boolean needs121 = false;
    for (String use : uses) {
      needs121 |= Files.readString(ws.resolve(use).resolve("go.mod")).contains("\ngo 1.21\n");
    }
    StringBuilder work = new StringBuilder("go ");
    if (release.equals("1.19")) {
      work.append(r.nextBoolean() ? "1.18" : "1.19").append('\n');
    } else {
      work.append(needs121 ? (r.nextBoolean() ? "1.21" : "1.22.0") : new String[] {"1.18", "1.20", "1.21"}[r.nextInt(3)])
          .append('\n');
      if (r.nextInt(3) == 0) {
        work.append("\ntoolchain go1.22.3\n");
      }
    }
    if (r.nextBoolean()) {
      work.append("\nuse (\n");
      uses.forEach(x -> work.append('\t').append(x).append('\n'));
      work.append(")\n");
    } else {
      uses.forEach(x -> work.append("\nuse ").append(x).append('\n'));
    }
    for (int k = r.nextInt(3); k > 0; k--) {
      int j = r.nextInt(n);
      String old = u.paths.get(j) + (r.nextBoolean() ? " " + pick(r, u.versions.get(j)) : "");
      if (r.nextInt(3) > 0) {
        work.append("replace ").append(old).append(" => ").append(u.paths.get(j)).append(' ')
            .append(pick(r, u.versions.get(j))).append('\n');
      } else {
        Path local = Files.createDirectories(ws.resolve("wlocal" + j));
        int t = r.nextInt(n);
        Files.writeString(local.resolve("go.mod"), "module " + u.paths.get(j) + "\n\ngo 1.17\n\nrequire "
            + u.paths.get(t) + " " + pick(r, u.versions.get(t)) + "\n");
        work.append("replace ").append(old).append(" => ./wlocal").append(j).append('\n');
      }
    }
    Files.writeString(ws.resolve("go.work"), work);
    return work.toString();
  }

  private static String pick(SplittableRandom r, List<String> l) {
    return l.get(r.nextInt(l.size()));
  }

  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("workspaces")
  void workspaceListAndGraphMatchGo(String release, long seed, @TempDir Path tmp) throws Exception {
    Path go = goFor(release);
    SplittableRandom r = new SplittableRandom(seed);
    Path ws = tmp.resolve("ws");
    Universe u = Universe.generate(r, tmp.resolve("proxy"), ws.resolve("m0"));
    String work = writeWorkspace(r, release, u, ws);
    Map<String, String> env = GoTool.hermeticEnv(tmp);
    env.put("GOPROXY", tmp.resolve("proxy").toUri().toString());
    env.put("GONOSUMDB", "*");
    StringBuilder ctx = new StringBuilder("seed=" + seed + " go.work:\n" + work);
    GoWorkFile workFile = GoWorkFile.parse("go.work", work.getBytes(StandardCharsets.UTF_8), release);
    List<ModuleGraph.MainModule> mains = new ArrayList<>();
    for (String use : workFile.uses()) {
      Path dir = ws.resolve(use).normalize();
      String mod = Files.readString(dir.resolve("go.mod"));
      ctx.append(use).append("/go.mod:\n").append(mod);
      mains.add(new ModuleGraph.MainModule(dir.toString(), GoModFile.parseStrict("go.mod",
          mod.getBytes(StandardCharsets.UTF_8), release)));
    }
    GoTool.Result graph = GoTool.exec(ws, env, 120, null, go.toString(), "mod", "graph");
    GoTool.Result list = GoTool.exec(ws, env, 120, null, go.toString(), "list", "-m", "all");
    System.out.println("workspace go" + release + " seed=" + seed + (list.ok() ? " modules="
        + list.stdout().lines().count() + " edges=" + graph.stdout().lines().count() : " error=" + list.stderr().trim()));
    ModuleGraph.Builder b = ModuleGraph.builder().goRelease(release).workspace(workFile, ws.toString(), mains)
        .source(u.source(ws));
    if (!list.ok()) {
      ModuleGraphException e = org.junit.jupiter.api.Assertions.assertThrows(ModuleGraphException.class, b::build,
          ctx.toString());
      assertEquals(list.stderr().trim(), "go: " + e.getMessage(), ctx.toString());
      return;
    }
    graph.requireOk();
    ModuleGraph g = b.build();
    assertEquals(list.stdout(), g.listText(), ctx.toString());
    assertEquals(graph.stdout(), g.graphText(), ctx.toString());
  }

  @Test
  void prunedGraphLoadsOnlyTheMainModulesRequirements(@TempDir Path tmp) throws Exception {
    // a (go 1.17) requires b; b requires c: with a pruned main module b's go.mod is read but not c's
    Map<String, String> mods = Map.of(
        "example.com/a@v1.0.0", "module example.com/a\ngo 1.17\nrequire example.com/b v1.0.0\n",
        "example.com/b@v1.0.0", "module example.com/b\ngo 1.17\nrequire example.com/c v1.0.0\n");
    ModuleSource src = memory(mods);
    byte[] main = ("module example.com/m\ngo 1.17\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0 // indirect\n)\n")
        .getBytes(StandardCharsets.UTF_8);
    ModuleGraph g = ModuleGraph.builder().goRelease("1.19").mainModule(GoModFile.parseStrict("go.mod", main, "1.19"))
        .source(src).build();
    assertEquals("example.com/m\nexample.com/a v1.0.0\nexample.com/b v1.0.0\nexample.com/c v1.0.0\n", g.listText());
    assertEquals("example.com/m example.com/a@v1.0.0\nexample.com/m example.com/b@v1.0.0\n"
        + "example.com/a@v1.0.0 example.com/b@v1.0.0\nexample.com/b@v1.0.0 example.com/c@v1.0.0\n", g.graphText());
    assertEquals(Optional.empty(), g.requirements(ModuleVersion.of("example.com/c", "v1.0.0")));
    assertEquals(Optional.of(Version.parse("v1.0.0")), g.selected(ModulePath.parse("example.com/c")));
  }

  @Test
  void workspaceTypedAnswers() throws Exception {
    // z (go 1.17) requires a v1.0.0; b (go 1.16, unpruned) requires a v1.1.0 and c; go.work replaces c v1.0.0
    Map<String, String> mods = Map.of(
        "example.com/a@v1.0.0", "module example.com/a\ngo 1.17\n",
        "example.com/a@v1.1.0", "module example.com/a\ngo 1.17\nrequire example.com/d v1.0.0\n",
        "example.com/c@v1.2.0", "module example.com/c\ngo 1.17\n",
        "example.com/d@v1.0.0", "module example.com/d\ngo 1.17\n");
    GoModFile z = GoModFile.parseStrict("go.mod",
        "module example.com/z\ngo 1.17\nrequire example.com/a v1.0.0\n".getBytes(StandardCharsets.UTF_8), "1.27");
    GoModFile b = GoModFile.parseStrict("go.mod", ("module example.com/b\ngo 1.16\nrequire (\n\texample.com/a v1.1.0\n"
        + "\texample.com/c v1.0.0\n)\n").getBytes(StandardCharsets.UTF_8), "1.27");
    GoWorkFile work = GoWorkFile.parse("go.work", ("go 1.18\n\nuse ./z\nuse ./b\n\n"
        + "replace example.com/c v1.0.0 => example.com/c v1.2.0\n").getBytes(StandardCharsets.UTF_8), "1.27");
    for (String release : List.of("1.19", "1.27")) {
      ModuleGraph g = ModuleGraph.builder().goRelease(release)
          .workspace(work, "/ws", List.of(new ModuleGraph.MainModule("/ws/z", z), new ModuleGraph.MainModule("/ws/b", b)))
          .source(memory(mods)).build();
      assertTrue(g.isWorkspace());
      assertEquals("1.18", g.goVersion());
      assertEquals(List.of("example.com/z", "example.com/b"), paths(g.mainModules()));
      assertEquals(release.equals("1.19") ? List.of("example.com/z", "example.com/b")
          : List.of("example.com/b", "example.com/z"), paths(g.mainModulesInListOrder()));
      assertEquals(List.of(ModuleVersion.of("example.com/a", "v1.1.0"), ModuleVersion.of("example.com/c", "v1.0.0"),
          ModuleVersion.of("example.com/d", "v1.0.0")), g.buildList());
      assertEquals(Optional.of(Version.parse("v1.1.0")), g.selected(ModulePath.parse("example.com/a")));
      assertEquals(Optional.of(new GoModFile.Replace("example.com/c", "v1.0.0", "example.com/c", "v1.2.0")),
          g.replacement(ModuleVersion.of("example.com/c", "v1.0.0")));
      // a v1.1.0 was upgraded from z's requirement: its requirements are loaded (workspace pruning)
      assertEquals(Optional.of(List.of(ModuleVersion.of("example.com/d", "v1.0.0"))),
          g.requirements(ModuleVersion.of("example.com/a", "v1.1.0")));
      assertEquals("example.com/z example.com/a@v1.0.0\n", g.graphText().lines().filter(l -> l.startsWith("example.com/z "))
          .map(l -> l + "\n").reduce("", String::concat));
    }
  }

  /** checkWorkspace alone: what a graph load of the workspace would refuse first, with go's text. */
  @Test
  void checkWorkspaceRefusesWhatMakeMainModulesRefuses() throws Exception {
    GoModFile z = GoModFile.parseStrict("go.mod", ("module example.com/z\ngo 1.17\n"
        + "replace example.com/a v1.0.0 => ../r1\n").getBytes(StandardCharsets.UTF_8), "1.27");
    GoModFile b = GoModFile.parseStrict("go.mod", ("module example.com/b\ngo 1.17\n"
        + "replace example.com/a v1.0.0 => ../r2\n").getBytes(StandardCharsets.UTF_8), "1.27");
    List<ModuleGraph.MainModule> mains =
        List.of(new ModuleGraph.MainModule("/ws/z", z), new ModuleGraph.MainModule("/ws/b", b));
    GoWorkFile plain = GoWorkFile.parse("go.work", "go 1.22\nuse ./z\nuse ./b\n".getBytes(StandardCharsets.UTF_8), "1.27");
    ModuleGraphException e = assertThrows(ModuleGraphException.class,
        () -> ModuleGraph.checkWorkspace(plain, "/ws", mains, "1.27"));
    assertEquals("conflicting replacements for example.com/a@v1.0.0:\n\t/ws/r1\n\t/ws/r2\n"
        + "use \"go work edit -replace example.com/a@v1.0.0=[override]\" to resolve", e.getMessage());
    // go.work's own directive for the module settles it
    GoWorkFile settled = GoWorkFile.parse("go.work", ("go 1.22\nuse ./z\nuse ./b\n"
        + "replace example.com/a v1.0.0 => ./r3\n").getBytes(StandardCharsets.UTF_8), "1.27");
    ModuleGraph.checkWorkspace(settled, "/ws", mains, "1.27");
  }

  private static List<String> paths(List<ModuleGraph.MainModule> mains) {
    List<String> out = new ArrayList<>();
    mains.forEach(m -> out.add(m.path()));
    return out;
  }

  @Test
  void failureNamesTheChainOfRequirements() {
    Map<String, String> mods = Map.of(
        "example.com/a@v1.0.0", "module example.com/a\nrequire example.com/b v1.0.0\n",
        "example.com/b@v1.0.0", "module example.com/other\n");
    byte[] main = "module example.com/m\ngo 1.16\nrequire example.com/a v1.0.0\n".getBytes(StandardCharsets.UTF_8);
    ModuleGraphException e = org.junit.jupiter.api.Assertions.assertThrows(ModuleGraphException.class,
        () -> ModuleGraph.builder().goRelease("1.27").mainModule(GoModFile.parseStrict("go.mod", main, "1.27"))
            .source(memory(mods)).build());
    assertEquals("example.com/a@v1.0.0 requires\n\texample.com/b@v1.0.0: parsing go.mod:\n"
        + "\tmodule declares its path as: example.com/other\n\t        but was required as: example.com/b",
        e.getMessage());
  }

  @Test
  void failureKeepsTheGraphAsFarAsItLoaded() {
    // a requires b v1.0.0, whose go.mod cannot be had, and c; the main module also requires b v0.9.0
    Map<String, String> mods = Map.of(
        "example.com/a@v1.0.0", "module example.com/a\ngo 1.16\nrequire (\n\texample.com/b v1.0.0\n"
            + "\texample.com/c v1.0.0\n)\n",
        "example.com/b@v0.9.0", "module example.com/b\ngo 1.16\n",
        "example.com/c@v1.0.0", "module example.com/c\ngo 1.16\n");
    byte[] main = "module example.com/m\ngo 1.16\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v0.9.0\n)\n"
        .getBytes(StandardCharsets.UTF_8);
    ModuleGraphException e = org.junit.jupiter.api.Assertions.assertThrows(ModuleGraphException.class,
        () -> ModuleGraph.builder().goRelease("1.27").mainModule(GoModFile.parseStrict("go.mod", main, "1.27"))
            .source(memory(mods)).build());
    assertEquals("example.com/a@v1.0.0 requires\n\texample.com/b@v1.0.0: not found", e.getMessage());
    ModuleGraph g = e.partialGraph().orElseThrow();
    // the failed module is selected, without requirements; the others are as loaded
    assertEquals(List.of(ModuleVersion.of("example.com/a", "v1.0.0"), ModuleVersion.of("example.com/b", "v1.0.0"),
        ModuleVersion.of("example.com/c", "v1.0.0")), g.buildList());
    assertEquals(Optional.empty(), g.requirements(ModuleVersion.of("example.com/b", "v1.0.0")));
    assertEquals(Optional.of(List.of()), g.requirements(ModuleVersion.of("example.com/c", "v1.0.0")));
    assertTrue(!g.isRootsOnly());
    // a failure before any graph (a go.mod that declares another path, read first) has none
    byte[] bad = "module example.com/m\ngo 1.16\nrequire example.com/a v1.0.0\n".getBytes(StandardCharsets.UTF_8);
    ModuleGraphException first = org.junit.jupiter.api.Assertions.assertThrows(ModuleGraphException.class,
        () -> ModuleGraph.builder().goRelease("1.27").mainModule(GoModFile.parseStrict("go.mod", bad, "1.27"))
            .source(memory(Map.of())).build());
    assertTrue(first.partialGraph().isPresent(), "expandGraph's failure keeps the graph");
    assertEquals(List.of(ModuleVersion.of("example.com/a", "v1.0.0")), first.partialGraph().get().buildList());
  }

  @Test
  void rootsOnlyReadsNoDependencyGoMod() throws Exception {
    java.util.Set<String> read = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ModuleSource mem = memory(Map.of("example.com/a@v1.0.0", "module example.com/a\ngo 1.17\n",
        "example.com/b@v1.2.0", "module example.com/b\ngo 1.17\n"));
    ModuleSource counting = new ModuleSource() {
      @Override
      public byte[] goMod(ModuleVersion m) throws IOException {
        read.add(m.toString());
        return mem.goMod(m);
      }

      @Override
      public byte[] goModInDirectory(String directory) throws IOException {
        return mem.goModInDirectory(directory);
      }
    };
    byte[] main = ("module example.com/m\ngo 1.17\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.2.0 // indirect\n"
        + ")\nexclude example.com/c v1.0.0\nrequire example.com/c v1.0.0\n").getBytes(StandardCharsets.UTF_8);
    ModuleGraph g = ModuleGraph.builder().goRelease("1.27").mainModule(GoModFile.parseStrict("go.mod", main, "1.27"))
        .source(counting).rootsOnly(true).build();
    assertTrue(g.isRootsOnly());
    assertEquals(java.util.Set.of(), read);
    // the excluded requirement is no root
    assertEquals(List.of(ModuleVersion.of("example.com/a", "v1.0.0"), ModuleVersion.of("example.com/b", "v1.2.0")),
        g.buildList());
    assertEquals(Optional.of(Version.parse("v1.2.0")), g.selected(ModulePath.parse("example.com/b")));
    assertEquals(Optional.empty(), g.selected(ModulePath.parse("example.com/c")));
    // below go 1.17 (unpruned) too: loadModFile reads no dependency's go.mod (go list -m and
    // go mod download with only path@query arguments, none of them upgrade or patch)
    byte[] old = "module example.com/m\ngo 1.16\nrequire example.com/a v1.0.0\n".getBytes(StandardCharsets.UTF_8);
    ModuleGraph unpruned = ModuleGraph.builder().goRelease("1.27")
        .mainModule(GoModFile.parseStrict("go.mod", old, "1.27")).source(counting).rootsOnly(true).build();
    assertTrue(unpruned.isRootsOnly());
    assertEquals(java.util.Set.of(), read);
    assertEquals(List.of(ModuleVersion.of("example.com/a", "v1.0.0")), unpruned.buildList());
  }

  private static ModuleSource memory(Map<String, String> mods) {
    return new ModuleSource() {
      @Override
      public byte[] goMod(ModuleVersion m) throws IOException {
        String s = mods.get(m.path() + "@" + m.version());
        if (s == null) {
          throw new IOException(m.path() + "@" + m.version() + ": not found");
        }
        return s.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] goModInDirectory(String directory) throws IOException {
        throw new IOException("no directory " + directory);
      }
    };
  }

  /** A seeded random set of modules written as a GOPROXY directory, and a main module requiring some. */
  static final class Universe {
    final Path proxy;
    final Path mainDir;
    final List<String> paths;
    final List<List<String>> versions;

    private Universe(Path proxy, Path mainDir, List<String> paths, List<List<String>> versions) {
      this.proxy = proxy;
      this.mainDir = mainDir;
      this.paths = paths;
      this.versions = versions;
    }

    private static final String[] GO_LINES = {"", "1.14", "1.16", "1.17", "1.18", "1.20", "1.21.0", "1.22.0"};

    static Universe generate(SplittableRandom r, Path proxy, Path mainDir) throws IOException {
      int n = 12 + r.nextInt(20);
      List<String> paths = new ArrayList<>();
      List<List<String>> versions = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int kind = r.nextInt(8);
        String path = "example.com/mod" + i + (kind == 0 ? "/v2" : "");
        List<String> vs = new ArrayList<>();
        String major = kind == 0 ? "v2" : r.nextInt(4) == 0 ? "v0" : "v1";
        int count = 1 + r.nextInt(4);
        for (int k = 0; k < count; k++) {
          vs.add(major + "." + k + "." + r.nextInt(3));
        }
        if (kind == 1) {
          vs.add("v2.0.0+incompatible");
        }
        paths.add(path);
        versions.add(vs);
      }
      // go.mod files
      for (int i = 0; i < n; i++) {
        String path = paths.get(i);
        Path dir = proxy.resolve(ModulePath.parse(path).escaped()).resolve("@v");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("list"), String.join("\n", versions.get(i)) + "\n");
        for (String v : versions.get(i)) {
          StringBuilder mod = new StringBuilder("module ").append(path).append('\n');
          if (!v.endsWith("+incompatible")) {
            String goLine = GO_LINES[r.nextInt(GO_LINES.length)];
            if (!goLine.isEmpty()) {
              mod.append("\ngo ").append(goLine).append('\n');
            }
            int reqs = r.nextInt(4);
            for (int k = 0; k < reqs; k++) {
              int j = r.nextInt(n);
              if (j == i) {
                continue;
              }
              mod.append("require ").append(paths.get(j)).append(' ').append(pick(r, versions.get(j))).append('\n');
            }
          }
          Files.writeString(dir.resolve(Version.escape(v) + ".mod"), mod);
          Files.writeString(dir.resolve(Version.escape(v) + ".info"),
              "{\"Version\":\"" + v + "\",\"Time\":\"2019-01-01T00:00:00Z\"}\n");
        }
      }
      Universe u = new Universe(proxy, mainDir, paths, versions);
      u.writeMain(r, mainDir, "example.com/main");
      return u;
    }

    /** Writes a main module requiring, excluding and replacing random modules of the universe. */
    void writeMain(SplittableRandom r, Path mainDir, String modulePath) throws IOException {
      int n = paths.size();
      Files.createDirectories(mainDir);
      StringBuilder main = new StringBuilder("module ").append(modulePath).append("\n\ngo ")
          .append(new String[] {"1.16", "1.17", "1.21"}[r.nextInt(3)]).append('\n');
      int roots = 1 + r.nextInt(5);
      for (int k = 0; k < roots; k++) {
        int j = r.nextInt(n);
        main.append("require ").append(paths.get(j)).append(' ').append(pick(r, versions.get(j)))
            .append(r.nextBoolean() ? " // indirect" : "").append('\n');
      }
      if (r.nextInt(3) == 0) {
        int j = r.nextInt(n);
        main.append("exclude ").append(paths.get(j)).append(' ').append(pick(r, versions.get(j))).append('\n');
      }
      if (r.nextInt(2) == 0) {
        int j = r.nextInt(n);
        String old = paths.get(j) + (r.nextBoolean() ? " " + pick(r, versions.get(j)) : "");
        if (r.nextBoolean()) {
          main.append("replace ").append(old).append(" => ").append(paths.get(j)).append(' ')
              .append(pick(r, versions.get(j))).append('\n');
        } else {
          Path local = mainDir.resolve("local" + j);
          Files.createDirectories(local);
          int t = r.nextInt(n);
          Files.writeString(local.resolve("go.mod"), "module " + paths.get(j) + "\n\ngo 1.16\n\nrequire " + paths.get(t)
              + " " + pick(r, versions.get(t)) + "\n");
          main.append("replace ").append(old).append(" => ./local").append(j).append('\n');
        }
      }
      Files.writeString(mainDir.resolve("go.mod"), main);
    }

    ModuleSource source() {
      return source(mainDir);
    }

    /** The proxy's go.mod files; directory replacements relative to {@code base}. */
    ModuleSource source(Path base) {
      return new ModuleSource() {
        @Override
        public byte[] goMod(ModuleVersion m) throws IOException {
          return Files.readAllBytes(proxy.resolve(m.path().escaped()).resolve("@v")
              .resolve(m.version().escaped() + ".mod"));
        }

        @Override
        public byte[] goModInDirectory(String directory) throws IOException {
          return Files.readAllBytes(base.resolve(directory).resolve("go.mod"));
        }
      };
    }

    private static String pick(SplittableRandom r, List<String> l) {
      return l.get(r.nextInt(l.size()));
    }
  }

  @Test
  void universesAreNotTrivial(@TempDir Path tmp) throws IOException {
    Universe u = Universe.generate(new SplittableRandom(1), tmp.resolve("p"), tmp.resolve("m"));
    assertTrue(Files.readString(u.mainDir.resolve("go.mod")).contains("require"));
  }
}
