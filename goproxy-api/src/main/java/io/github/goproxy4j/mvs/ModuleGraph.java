package io.github.goproxy4j.mvs;

import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoModSyntaxException;
import io.github.goproxy4j.modfile.GoWorkFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The module graph the go command builds for a main module: minimal version selection over the
 * requirements of the main module's go.mod and of the go.mod files of its dependencies, as
 * cmd/go's {@code mvs} and {@code modload} packages compute it for a given Go release.
 *
 * <p>Rules followed: graph pruning for a main module at {@code go 1.17} or later (a dependency's
 * own requirements are loaded only when that dependency's go.mod predates 1.17 — then its whole
 * subgraph is loaded unpruned — so the requirements of a pruned dependency appear in the graph
 * but their go.mod files are not read); unpruned loading below 1.17; the main module's
 * {@code replace} (a version-specific replacement wins over a path-wide one; a directory
 * replacement's go.mod is read through {@link ModuleSource#goModInDirectory}) and {@code exclude}
 * (an excluded requirement is dropped, from the main module's go.mod and from every dependency's,
 * as go 1.19 and later do); cycles; and from Go 1.21 the {@code go} and {@code toolchain} nodes
 * ({@code go@1.21.0 toolchain@go1.21.0}) that {@code go mod graph} prints. Workspaces (go.work,
 * {@link Builder#workspace}): every {@code use} directory's module is a main module, the graph is
 * loaded with workspace pruning (each main module's requirements, then the requirements of those
 * that minimal version selection upgraded), go.work's {@code replace} directives override the
 * modules' own (go's conflict errors), and the main modules come first in {@code go list -m all}
 * (in {@code use} order before Go 1.21, sorted by path from Go 1.21).
 *
 * <pre>{@code
 * GoModFile main = GoModFile.parseStrict("go.mod", Files.readAllBytes(dir.resolve("go.mod")), "1.27");
 * ModuleGraph g = ModuleGraph.builder().goRelease("1.27").mainModule(main).source(source).build();
 * System.out.print(g.listText());     // what `go list -m all` prints
 * System.out.print(g.graphText());    // what `go mod graph` prints
 * g.selected(ModulePath.parse("golang.org/x/text"));   // Optional[v0.14.0]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ModuleGraph {
  /** A node: a module path and version; the main module has version "". */
  record Node(String path, String version) {
    // equals and hashCode written out, with the values the generated ones have: a record's own are
    // bound on first call by an invokedynamic bootstrap (java.lang.runtime.ObjectMethods), which
    // costs a cold command-line JVM the set-up of its method handles per record class
    @Override
    public boolean equals(Object o) {
      return o instanceof Node && path.equals(((Node) o).path) && version.equals(((Node) o).version);
    }

    @Override
    public int hashCode() {
      return 31 * path.hashCode() + version.hashCode();
    }

    @Override
    public String toString() {
      return version.isEmpty() ? path : path + "@" + version;
    }
  }

  /**
   * A main module: the directory it is in and its go.mod. Outside a workspace there is one; in a
   * workspace, one per {@code use} directive of go.work.
   *
   * @param dir the module's directory, absolute in a workspace ({@code ""} when not given)
   * @param goMod its go.mod, parsed with {@link GoModFile#parseStrict}, with a {@code module} line
   */
  public record MainModule(String dir, GoModFile goMod) {
    /**
     * Validates the components.
     *
     * @param dir never {@code null}
     * @param goMod never {@code null}, with a {@code module} line
     */
    public MainModule {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(goMod, "goMod");
      if (goMod.module().isEmpty()) {
        throw new IllegalArgumentException(
            "go.mod file has no module declaration (a main module's go.mod needs a module line)");
      }
    }

    /**
     * Returns the module path.
     *
     * @return the path of the {@code module} line
     */
    public String path() {
      return goMod.module().orElseThrow();
    }
  }

  private enum Pruning { PRUNED, UNPRUNED, WORKSPACE }

  /** What modload keeps of one go.mod (modFileSummary). */
  private record Summary(GoModFile file, List<Node> require, Pruning pruning) {}

  private final String mainPath;
  private final String goVersion;
  private final GoModFile mainFile;
  private final List<Node> roots;
  private final Map<Node, List<Node>> required;
  private final Map<String, String> selected;
  private final Map<Node, GoModFile> goMods;
  private final Set<Node> goModsRead;
  private final Replacements replacements;
  private final List<MainModule> mainModules;
  private final List<Node> graphRoots;
  private final Set<String> mainPaths;
  private final boolean workspace;
  private final String goRelease;
  private final boolean rootsOnly;

  private ModuleGraph(Loader l) {
    this.workspace = l.workspace();
    this.goRelease = l.b.goRelease;
    this.mainPath = l.mainPath;
    this.goVersion = l.goVersion;
    this.mainFile = l.mainFile;
    this.roots = List.copyOf(l.roots);
    this.required = Collections.unmodifiableMap(l.required);
    this.selected = Collections.unmodifiableMap(l.selected);
    Map<Node, GoModFile> files = new HashMap<>();
    l.summaries.forEach((k, v) -> files.put(k, v.file()));
    this.goMods = Collections.unmodifiableMap(files);
    this.goModsRead = Set.copyOf(l.read);
    this.replacements = l.replacements;
    this.mainModules = List.copyOf(l.mains);
    this.graphRoots = List.copyOf(l.graphRoots);
    this.mainPaths = Set.copyOf(l.mainPaths);
    this.rootsOnly = l.rootsOnly;
  }

  /** A graph with the fields given: what {@link #convertedToPruned} derives from a loaded one. */
  private ModuleGraph(ModuleGraph from, String goVersion, List<Node> roots, Map<Node, List<Node>> required,
      Map<String, String> selected, boolean rootsOnly) {
    this.workspace = from.workspace;
    this.goRelease = from.goRelease;
    this.mainPath = from.mainPath;
    this.goVersion = goVersion;
    this.mainFile = from.mainFile;
    this.roots = List.copyOf(roots);
    this.required = Collections.unmodifiableMap(required);
    this.selected = Collections.unmodifiableMap(selected);
    this.goMods = from.goMods;
    this.goModsRead = from.goModsRead;
    this.replacements = from.replacements;
    this.mainModules = from.mainModules;
    this.graphRoots = from.graphRoots;
    this.mainPaths = from.mainPaths;
    this.rootsOnly = rootsOnly;
  }

  /**
   * Starts building a graph.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the inputs of a {@link ModuleGraph}. */
  public static final class Builder {
    private String goRelease = GoRelease.NEWEST;
    private GoModFile mainModule;
    private GoWorkFile workFile;
    private String workDir;
    private List<MainModule> workspaceModules;
    private ModuleSource source;
    private Predicate<ModuleVersion> haveGoModSum;
    private int parallelism = 16;
    private boolean modMode;
    private boolean rootsOnly;
    private String gotoolchain = "";

    private Builder() {}

    /**
     * Sets the GOTOOLCHAIN setting go started with, which its too-new errors name (Go 1.21 on: a
     * dependency whose go line, 1.21 or later, is newer than the release followed fails the graph
     * with {@code module m@v requires go >= V (running go R; GOTOOLCHAIN=local)}; see
     * {@link ModuleGraphException#tooNew()}). Default {@code ""}: not named, as for {@code auto}.
     *
     * @param setting the GOTOOLCHAIN value
     * @return this builder
     */
    public Builder gotoolchain(String setting) {
      this.gotoolchain = Objects.requireNonNull(setting, "setting");
      return this;
    }

    /**
     * Selects the Go release whose behaviour is followed.
     *
     * @param release {@code "1.19"} … {@code "1.27"}
     * @return this builder
     */
    public Builder goRelease(String release) {
      this.goRelease = Objects.requireNonNull(release, "release");
      return this;
    }

    /**
     * Sets the main module's go.mod, parsed with {@link GoModFile#parseStrict}.
     *
     * @param goMod the main module's go.mod, with a {@code module} line
     * @return this builder
     */
    public Builder mainModule(GoModFile goMod) {
      this.mainModule = Objects.requireNonNull(goMod, "goMod");
      this.workFile = null;
      return this;
    }

    /**
     * Builds the graph of a workspace instead of a single main module, as go does when it finds a
     * go.work file (go 1.18 and later): every {@code use} directory's module is a main module,
     * go.work's {@code replace} directives override the modules' own, and the graph is loaded
     * with workspace pruning. Directory replacements are then read through
     * {@link ModuleSource#goModInDirectory} relative to {@code workDir}.
     *
     * <pre>{@code
     * GoWorkFile work = GoWorkFile.parse("go.work", Files.readAllBytes(ws.resolve("go.work")), "1.27");
     * List<ModuleGraph.MainModule> mains = new ArrayList<>();
     * for (String use : work.uses()) {
     *   Path dir = ws.resolve(use).normalize();
     *   mains.add(new ModuleGraph.MainModule(dir.toString(),
     *       GoModFile.parseStrict("go.mod", Files.readAllBytes(dir.resolve("go.mod")), "1.27")));
     * }
     * ModuleGraph g = ModuleGraph.builder().goRelease("1.27").workspace(work, ws.toString(), mains)
     *     .source(source).build();
     * }</pre>
     *
     * @param work the parsed go.work
     * @param workDir the absolute directory of go.work
     * @param modules the main modules in {@code use} order, with absolute directories
     * @return this builder
     */
    public Builder workspace(GoWorkFile work, String workDir, List<MainModule> modules) {
      this.workFile = Objects.requireNonNull(work, "work");
      this.workDir = Objects.requireNonNull(workDir, "workDir");
      this.workspaceModules = List.copyOf(modules);
      this.mainModule = null;
      return this;
    }

    /**
     * Sets where dependency go.mod files come from.
     *
     * @param source the source, called from several threads
     * @return this builder
     */
    public Builder source(ModuleSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Makes a missing go.sum line for a dependency's go.mod an error before it is fetched, as go
     * does with {@code -mod=readonly} (its default): {@code missing go.sum entry for go.mod file}.
     *
     * @param haveGoModSum reports whether go.sum has the {@code path version/go.mod} line of a
     *     module version (the replacement's, for a replaced module)
     * @return this builder
     */
    public Builder requireGoModSums(Predicate<ModuleVersion> haveGoModSum) {
      this.haveGoModSum = Objects.requireNonNull(haveGoModSum, "haveGoModSum");
      return this;
    }

    /**
     * Follows {@code -mod=mod}: when the main module's requirements are not the versions the graph
     * selects, go updates them (in memory, for its answers) instead of failing with
     * {@code updates to go.mod needed}, which is its default ({@code -mod=readonly}).
     *
     * @param modMode whether to behave as with {@code -mod=mod}
     * @return this builder
     */
    public Builder modMode(boolean modMode) {
      this.modMode = modMode;
      return this;
    }

    /**
     * Loads only what go loads before it needs the whole graph (modload's loadModFile): the main
     * module's requirements, the roots, tidied first when they name a path twice; no dependency's
     * go.mod is read otherwise. {@link ModuleGraph#buildList()} is then the roots, each path at its highest
     * required version. go answers {@code go list -m path} from these alone when the main module
     * is pruned (go 1.17 or later) and requires {@code path} itself, and a {@code path@query}
     * (but {@code upgrade} and {@code patch}) pruned or not. In a workspace the roots are
     * the main modules (and the go and toolchain lines): go answers a main module or a query from
     * them without reading any go.mod.
     *
     * @param rootsOnly whether to stop at the roots
     * @return this builder
     */
    public Builder rootsOnly(boolean rootsOnly) {
      this.rootsOnly = rootsOnly;
      return this;
    }

    /**
     * Sets how many go.mod files are fetched at once (default 16).
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, not " + n);
      }
      this.parallelism = n;
      return this;
    }

    /**
     * Loads the dependency go.mod files the graph needs and selects versions.
     *
     * @return the graph
     * @throws ModuleGraphException with go's message when a go.mod cannot be loaded
     */
    public ModuleGraph build() throws ModuleGraphException {
      if (workFile == null) {
        Objects.requireNonNull(mainModule, "mainModule");
      }
      Objects.requireNonNull(source, "source");
      Loader l = new Loader(this);
      l.load();
      return new ModuleGraph(l);
    }
  }

  /** One graph as readModGraph builds it: mvs.Graph's requirement edges and selected versions. */
  private static final class Graph {
    final List<Node> roots;
    final Map<Node, List<Node>> required = new HashMap<>();
    final Map<String, String> selected = new HashMap<>();
    final Map<Node, String> errors = new HashMap<>();

    Graph(List<Node> roots) {
      this.roots = roots;
    }

    /** mvs.Graph.Require. */
    void require(Node m, List<Node> reqs) {
      required.put(m, reqs);
      for (Node dep : reqs) {
        String cur = selected.get(dep.path());
        if (cur == null || GoVersions.cmpVersion(dep.path(), cur, dep.version()) < 0) {
          selected.put(dep.path(), dep.version());
        }
      }
    }

    String selected(String path) {
      return selected.getOrDefault(path, "none");
    }

    /** mvs.NewGraph with several roots (the workspace modules): each root is selected at least at its version. */
    static Graph withRoots(List<Node> roots) {
      Graph g = new Graph(roots);
      for (Node m : roots) {
        String cur = g.selected.get(m.path());
        if (cur == null || GoVersions.cmpVersion(m.path(), cur, m.version()) < 0) {
          g.selected.put(m.path(), m.version());
        }
      }
      return g;
    }

    /** mvs.Graph.BuildList after the main module: the selected versions sorted by path. */
    List<Node> buildListAfterMain(String mainPath) {
      List<Node> list = new ArrayList<>();
      selected.forEach((p, v) -> {
        if (!p.equals(mainPath)) {
          list.add(new Node(p, v));
        }
      });
      list.sort(Comparator.comparing(Node::path));
      return list;
    }
  }

  /** The loading of one main module's graph: modload's loadModFile, expandGraph and readModGraph. */
  private static final class Loader {
    private final Builder b;
    private final int release;
    private final String mainPath;
    private final GoModFile mainFile;
    private final String goVersion;
    private final Node main;
    private final Set<Node> excluded = new HashSet<>();
    private final List<MainModule> mains = new ArrayList<>();
    private final Map<String, GoModFile> mainFiles = new HashMap<>();
    private final Set<String> mainPaths = new HashSet<>();
    private final List<String> workspaceErrors = new ArrayList<>();
    private Replacements replacements;
    private List<Node> graphRoots;
    private final Map<Node, CompletableFuture<Object>> cache = new ConcurrentHashMap<>();
    private final Map<Node, Summary> summaries = new java.util.concurrent.ConcurrentHashMap<>();
    /** The module versions whose go.mod the source returned (see {@link ModuleGraph#goModsRead()}). */
    private final Set<Node> read = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The modules whose go.mod failed with go's TooNewError, and its parts. */
    private final Map<Node, ModuleGraphException.TooNew> tooNew = new ConcurrentHashMap<>();
    private ExecutorService pool;
    // the result
    private List<Node> roots;
    private Map<Node, List<Node>> required;
    private Map<String, String> selected;
    private boolean rootsOnly;

    Loader(Builder b) throws ModuleGraphException {
      this.b = b;
      this.release = minor(b.goRelease);
      if (b.workFile != null) {
        mains.addAll(b.workspaceModules);
        for (MainModule m : mains) {
          // a later use directory of the same module path wins, as in modload's MainModuleSet maps
          mainFiles.put(m.path(), m.goMod());
          mainPaths.add(m.path());
        }
        this.mainFile = mains.isEmpty() ? null : mains.get(0).goMod();
        this.mainPath = mains.isEmpty() ? "" : mains.get(0).path();
        this.goVersion = b.workFile.goVersion().orElse("1.18");
      } else {
        this.mainFile = b.mainModule;
        this.mainPath = mainFile.module().orElseThrow(() -> new IllegalArgumentException(
            "go.mod file has no module declaration (the main module's go.mod needs a module line)"));
        this.goVersion = mainFile.goVersion().orElse("1.16");
        mains.add(new MainModule("", mainFile));
        mainFiles.put(mainPath, mainFile);
        mainPaths.add(mainPath);
        this.replacements = Replacements.of(mainFile);
      }
      this.main = new Node(mainPath, "");
      for (GoModFile f : mainFiles.values()) {
        for (GoModFile.Exclude x : f.excludes()) {
          excluded.add(new Node(x.path(), x.version()));
        }
      }
    }

    private boolean workspace() {
      return b.workFile != null;
    }

    private static int minor(String release) {
      return GoRelease.modelled(release).behaviourMinor();
    }

    private boolean goNodes() {
      return release >= 21;
    }

    private static void sortRoots(List<Node> roots) {
      roots.sort(Comparator.comparing(Node::path).thenComparing((x, y) -> GoVersions.modCompare(x.path(), x.version(),
          y.version())));
    }

    void load() throws ModuleGraphException {
      pool = Executors.newFixedThreadPool(Math.max(1, Math.min(b.parallelism, 64)), r -> {
        Thread t = new Thread(r, "goproxy4j-mvs");
        t.setDaemon(true);
        return t;
      });
      try {
        if (workspace()) {
          loadWorkspace();
        } else {
          graphRoots = List.of(main);
          loadUnderPool();
        }
      } finally {
        pool.shutdownNow();
      }
    }

    /** loadModFile, makeMainModules and readModGraph in workspace mode. */
    private void loadWorkspace() throws ModuleGraphException {
      replacements = Replacements.workspace(b.workFile, b.workDir, mains, workspaceErrors, release);
      if (!workspaceErrors.isEmpty()) {
        throw new ModuleGraphException(String.join("\ngo: ", workspaceErrors), null);
      }
      List<Node> rs = new ArrayList<>();
      List<Node> useOrder = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (MainModule m : mains) {
        if (seen.add(m.path())) {
          useOrder.add(new Node(m.path(), ""));
        }
      }
      rs.addAll(useOrder);
      if (goNodes()) {
        rs.add(new Node("go", goVersion));
        b.workFile.toolchain().ifPresent(t -> rs.add(new Node("toolchain", t)));
      }
      sortRoots(rs);
      // from Go 1.21 the graph's roots are the sorted requirement roots; before, the main modules in use order
      // (a workspace without modules has go's command-line-arguments module, which requires nothing, and
      // the local toolchain, which go prints nowhere)
      graphRoots = goNodes() ? List.copyOf(rs) : List.copyOf(useOrder);
      if (mains.isEmpty()) {
        rs.removeIf(n -> n.path().equals("toolchain"));
        graphRoots = List.copyOf(rs);
      }
      Graph g = Graph.withRoots(graphRoots);
      if (b.rootsOnly) {
        // loadModFile's workspace requirements: the main modules and the go and toolchain roots;
        // no module's go.mod is read
        finish(rs, g);
        rootsOnly = true;
        return;
      }
      Set<Map.Entry<Node, Pruning>> enqueued = new HashSet<>();
      Set<Node> loaded = new HashSet<>();
      List<Map.Entry<Node, Pruning>> wave = new ArrayList<>();
      for (Node r : rs) {
        enqueue(r, Pruning.WORKSPACE, enqueued, wave);
      }
      expand(g, wave, enqueued, loaded);
      // reload the dependencies of the workspace modules that are not at their selected versions
      Set<String> hasDepsInAll = new HashSet<>();
      rs.forEach(r -> hasDepsInAll.add(r.path()));
      Set<Node> seenNodes = new HashSet<>();
      while (true) {
        Set<Node> needs = new HashSet<>();
        for (String p : hasDepsInAll) {
          Node m = new Node(p, g.selected(p));
          if (!seenNodes.contains(m)) {
            needs.add(m);
            continue;
          }
          for (Node r : g.required.getOrDefault(m, List.of())) {
            Node s = new Node(r.path(), g.selected(r.path()));
            if (GoVersions.cmpVersion(r.path(), s.version(), r.version()) > 0 && !seenNodes.contains(s)) {
              needs.add(s);
            }
          }
        }
        if (needs.isEmpty()) {
          break;
        }
        wave = new ArrayList<>();
        for (Node m : needs) {
          enqueue(m, Pruning.WORKSPACE, enqueued, wave);
          seenNodes.add(m);
          hasDepsInAll.add(m.path());
        }
        expand(g, wave, enqueued, loaded);
      }
      if (!g.errors.isEmpty()) {
        throw graphError(g).withPartialGraph(snapshot(rs, g));
      }
      checkReplacementConflicts(g);
      finish(rs, g);
    }

    /**
     * replacementFrom's error (which go prints bare, once per lookup) for the first module version
     * of the graph, breadth-first, whose replacement two workspace modules disagree on.
     */
    private void checkReplacementConflicts(Graph g) throws ModuleGraphException {
      ArrayDeque<Node> queue = new ArrayDeque<>(graphRoots);
      Set<Node> seen = new HashSet<>(graphRoots);
      while (!queue.isEmpty()) {
        Node m = queue.poll();
        Optional<String> c = replacements.conflict(m.path(), m.version());
        if (c.isPresent()) {
          throw new ModuleGraphException(c.get(), null, false);
        }
        for (Node r : g.required.getOrDefault(m, List.of())) {
          if (!r.version().equals("none") && seen.add(r)) {
            queue.add(r);
          }
        }
      }
    }

    private static void enqueue(Node m, Pruning p, Set<Map.Entry<Node, Pruning>> enqueued,
        List<Map.Entry<Node, Pruning>> wave) {
      Map.Entry<Node, Pruning> k = Map.entry(m, p);
      if (!m.version().equals("none") && enqueued.add(k)) {
        wave.add(k);
      }
    }

    private void loadUnderPool() throws ModuleGraphException {
      List<Node> rs = new ArrayList<>();
      for (GoModFile.Require r : mainFile.requires()) {
        Node n = new Node(r.path(), r.version());
        if (!excluded.contains(n)) {
          rs.add(n);
        }
      }
      if (goNodes()) {
        rs.add(new Node("go", goVersion));
        mainFile.toolchain().ifPresent(t -> rs.add(new Node("toolchain", t)));
      }
      sortRoots(rs);
      Set<String> direct = new HashSet<>();
      for (GoModFile.Require r : mainFile.requires()) {
        if (!r.indirect()) {
          direct.add(r.path());
        }
      }
      if (goNodes()) {
        direct.add("go");
      }
      boolean pruned = GoVersions.compare(goVersion, "1.17") >= 0;
      List<Node> current = rs;
      Graph g = null;
      Graph rootsRead = null; // a graph updateRoots loaded (it read the go.mod files of its roots)
      if (hasRedundantRoot(current)) {
        List<Node> deduped = dedupeRoots(current);
        boolean upgraded = !allAtRootVersions(current, deduped);
        if (pruned && upgraded && !b.modMode) {
          // updatePrunedRoots: a root below another root of its path is an upgrade readonly refuses
          throw goModDirty();
        }
        if (pruned && (b.modMode || upgraded)) {
          // updatePrunedRoots without a graph: each path once at its highest root version, the
          // main module's path dropped (no go.mod is read for either)
          current = deduped;
        } else {
          g = readModGraph(current, pruned);
          current = updateRoots(current, g, pruned, direct);
          rootsRead = g;
          g = null;
        }
      }
      if (b.rootsOnly) {
        if (rootsRead == null && pruned && b.modMode && !allAtRootVersions(rs, current)) {
          // updatePrunedRoots loads the graph of roots it upgraded (their go.mod files are read),
          // and raises the roots again until each is selected
          rootsRead = readModGraph(current, true);
          if (!rootsRead.errors.isEmpty()) {
            throw graphError(rootsRead);
          }
          List<Node> raised = updateRoots(current, rootsRead, true, direct);
          if (!raised.equals(current)) {
            current = raised;
            rootsRead = readModGraph(current, true);
          }
        }
        // loadModFile's requirements and nothing more (pruned or not): the graph of the main module and its roots
        Graph r = new Graph(List.copyOf(current));
        r.selected.put(mainPath, "");
        r.require(main, r.roots);
        if (rootsRead != null) {
          // the roots' go.mod files were read (go keeps their checksums): their requirements, not selected
          for (Node n : current) {
            List<Node> req = rootsRead.required.get(n);
            if (req != null) {
              r.required.put(n, req);
            }
          }
        }
        finish(current, r);
        rootsOnly = true;
        return;
      }
      // expandGraph: its failures come with the graph as far as it loaded (go lists that graph's
      // modules before it reports the failure)
      if (g == null || !g.roots.equals(current)) {
        g = readModGraph(current, pruned);
      }
      if (!g.errors.isEmpty()) {
        throw graphError(g).withPartialGraph(snapshot(current, g));
      }
      if (!allRootsSelected(g)) {
        List<Node> updated;
        try {
          updated = updateRoots(current, g, pruned, direct);
        } catch (ModuleGraphException e) {
          // expandGraph returns the graph it had when the roots cannot be updated
          throw e.withPartialGraph(snapshot(current, g));
        }
        if (!updated.equals(current)) {
          current = updated;
          g = readModGraph(current, pruned);
          if (!g.errors.isEmpty()) {
            throw graphError(g).withPartialGraph(snapshot(current, g));
          }
        }
      }
      finish(current, g);
    }

    /** Sets the result. */
    private void finish(List<Node> rs, Graph g) {
      this.roots = rs;
      this.required = g.required;
      this.selected = g.selected;
    }

    /** The graph {@code g} loaded for the roots {@code rs}, complete or not, as a {@link ModuleGraph}. */
    private ModuleGraph snapshot(List<Node> rs, Graph g) {
      finish(rs, g);
      return new ModuleGraph(this);
    }

    private boolean hasRedundantRoot(List<Node> rs) {
      for (int i = 0; i < rs.size(); i++) {
        if (rs.get(i).path().equals(mainPath) || i > 0 && rs.get(i).path().equals(rs.get(i - 1).path())) {
          return true;
        }
      }
      return false;
    }

    /** Whether each root of {@code rs} but the main module's path is in {@code deduped} (no root was upgraded). */
    private boolean allAtRootVersions(List<Node> rs, List<Node> deduped) {
      for (Node n : rs) {
        if (!n.path().equals(mainPath) && !deduped.contains(n)) {
          return false;
        }
      }
      return true;
    }

    /** The sorted roots {@code rs} with each path once, at its highest version, and without the main module's path. */
    private List<Node> dedupeRoots(List<Node> rs) {
      List<Node> out = new ArrayList<>();
      for (Node n : rs) {
        if (n.path().equals(mainPath)) {
          continue;
        }
        if (!out.isEmpty() && out.get(out.size() - 1).path().equals(n.path())) {
          out.set(out.size() - 1, n); // sorted by version within a path: the last is the highest
        } else {
          out.add(n);
        }
      }
      return out;
    }

    private boolean allRootsSelected(Graph g) {
      for (Node m : g.required.get(main)) {
        if (!g.selected(m.path()).equals(m.version())) {
          return false;
        }
      }
      return true;
    }

    private ModuleGraphException goModDirty() {
      return ModuleGraphException.goModDirty();
    }

    /** updateRoots without packages to add: updatePrunedRoots or updateUnprunedRoots. */
    private List<Node> updateRoots(List<Node> rs, Graph g, boolean pruned, Set<String> direct)
        throws ModuleGraphException {
      if (!g.errors.isEmpty()) {
        throw graphError(g);
      }
      if (pruned) {
        List<Node> cur = rs;
        Graph mg = g;
        while (true) {
          List<Node> next = new ArrayList<>();
          Set<String> inRootPaths = new HashSet<>();
          inRootPaths.add(mainPath);
          boolean upgraded = false;
          for (Node m : cur) {
            if (!inRootPaths.add(m.path())) {
              continue;
            }
            String v = mg.selected(m.path());
            next.add(new Node(m.path(), v));
            if (!v.equals(m.version())) {
              upgraded = true;
            }
          }
          if (!upgraded) {
            // the roots may still have lost duplicates
            return next.equals(cur) ? cur : next;
          }
          if (!b.modMode) {
            throw goModDirty();
          }
          cur = next;
          mg = readModGraph(cur, true);
          if (!mg.errors.isEmpty()) {
            throw graphError(mg);
          }
        }
      }
      if (!b.modMode) {
        for (Node m : rs) {
          if (!m.version().equals(g.selected(m.path()))) {
            throw goModDirty();
          }
        }
        return rs;
      }
      List<String> rootPaths = new ArrayList<>();
      Set<String> inRootPaths = new HashSet<>();
      for (Node r : rs) {
        if (!inRootPaths.contains(r.path()) && g.selected(r.path()).equals(r.version())) {
          rootPaths.add(r.path());
          inRootPaths.add(r.path());
        }
      }
      List<Node> keep = g.buildListAfterMain(mainPath);
      for (Node m : keep) {
        if (direct.contains(m.path()) && inRootPaths.add(m.path())) {
          rootPaths.add(m.path());
        }
      }
      List<Node> min = req(keep, rootPaths);
      return min;
    }

    /** mvs.Req for the main module requiring {@code keep}: the minimal roots that keep the build list. */
    private List<Node> req(List<Node> keep, List<String> base) throws ModuleGraphException {
      // the build list of main → keep is keep itself (every entry is a selected version)
      Map<String, String> max = new HashMap<>();
      for (Node m : keep) {
        max.put(m.path(), m.version());
      }
      List<Node> postorder = new ArrayList<>();
      Map<Node, List<Node>> reqCache = new HashMap<>();
      reqCache.put(main, List.of());
      for (Node m : keep) {
        walkPostorder(m, reqCache, postorder);
      }
      Set<Node> have = new HashSet<>();
      List<Node> min = new ArrayList<>();
      Set<String> haveBase = new HashSet<>();
      for (String path : base) {
        if (!haveBase.add(path)) {
          continue;
        }
        Node m = new Node(path, max.getOrDefault(path, ""));
        min.add(m);
        walkHave(m, reqCache, have);
      }
      for (int i = postorder.size() - 1; i >= 0; i--) {
        Node m = postorder.get(i);
        if (!m.version().equals(max.get(m.path()))) {
          continue;
        }
        if (!have.contains(m)) {
          min.add(m);
          walkHave(m, reqCache, have);
        }
      }
      min.sort(Comparator.comparing(Node::path));
      return min;
    }

    private void walkPostorder(Node start, Map<Node, List<Node>> reqCache, List<Node> postorder)
        throws ModuleGraphException {
      // iterative depth-first walk with the recursion's post-order
      if (reqCache.containsKey(start)) {
        return;
      }
      ArrayDeque<Object[]> stack = new ArrayDeque<>();
      reqCache.put(start, required(start));
      stack.push(new Object[] {start, 0});
      while (!stack.isEmpty()) {
        Object[] top = stack.peek();
        Node m = (Node) top[0];
        int i = (Integer) top[1];
        List<Node> reqs = reqCache.get(m);
        if (i < reqs.size()) {
          top[1] = i + 1;
          Node r = reqs.get(i);
          if (!reqCache.containsKey(r)) {
            reqCache.put(r, required(r));
            stack.push(new Object[] {r, 0});
          }
        } else {
          stack.pop();
          postorder.add(m);
        }
      }
    }

    private static void walkHave(Node start, Map<Node, List<Node>> reqCache, Set<Node> have) {
      ArrayDeque<Node> stack = new ArrayDeque<>();
      stack.push(start);
      while (!stack.isEmpty()) {
        Node m = stack.pop();
        if (!have.add(m)) {
          continue;
        }
        List<Node> reqs = reqCache.getOrDefault(m, List.of());
        for (int i = reqs.size() - 1; i >= 0; i--) {
          stack.push(reqs.get(i));
        }
      }
    }

    /** mvsReqs.Required for a dependency. */
    private List<Node> required(Node m) throws ModuleGraphException {
      if (m.version().equals("none")) {
        return List.of();
      }
      Object o = join(summaryFuture(m));
      if (o instanceof Summary) {
        return ((Summary) o).require();
      }
      throw failure((String) o, m);
    }

    private CompletableFuture<Object> summaryFuture(Node m) {
      return cache.computeIfAbsent(m, k -> {
        b.source.loadQueued(k.path(), k.version());
        return CompletableFuture.supplyAsync(() -> {
          try {
            return summaryOrError(k);
          } finally {
            b.source.loadDone(k.path(), k.version());
          }
        }, pool);
      });
    }

    /**
     * Starts loading a node's go.mod and, as soon as it is read, those of the requirements the
     * walk of {@link #expand} will follow from it (like modload's loadQueue: no
     * level-by-level barrier). The states visited are exactly those of that walk (a set of node
     * and pruning pairs, whatever the order), so no go.mod is fetched that go would not fetch; the
     * walk then finds every summary ready or in flight and builds the graph in its own order.
     */
    private void prefetch(Node m, Pruning p, Set<Map.Entry<Node, Pruning>> started) {
      if (m.version().equals("none") || !started.add(Map.entry(m, p))) {
        return;
      }
      CompletableFuture<Object> f = summaryFuture(m);
      java.util.function.Consumer<Object> next = o -> {
        if (o instanceof Summary) {
          Summary s = (Summary) o;
          if (follows(p, s)) {
            for (Node r : s.require()) {
              prefetch(r, nextPruning(p, s), started);
            }
          }
        }
      };
      // Still loading: continue on the thread that finishes the load (no hand-off to another pool
      // thread per module). Already loaded: on the pool, so a walk over loaded summaries does not
      // recurse on this thread's stack.
      if (f.isDone()) {
        f.thenAcceptAsync(next, pool);
      } else {
        f.thenAccept(next);
      }
    }

    /** Whether the load queue follows the requirements of a module reached with pruning p. */
    private static boolean follows(Pruning p, Summary s) {
      return p != Pruning.PRUNED || s.pruning() == Pruning.UNPRUNED;
    }

    /** The pruning its requirements are loaded with. */
    private static Pruning nextPruning(Pruning p, Summary s) {
      return p == Pruning.UNPRUNED ? Pruning.UNPRUNED : s.pruning();
    }

    /** readModGraph for a single main module. */
    private Graph readModGraph(List<Node> rs, boolean prunedMain) throws ModuleGraphException {
      Graph g = new Graph(List.copyOf(rs));
      g.selected.put(mainPath, "");
      g.require(main, g.roots);
      Pruning pruning = prunedMain ? Pruning.PRUNED : Pruning.UNPRUNED;
      Set<Map.Entry<Node, Pruning>> enqueued = new HashSet<>();
      List<Map.Entry<Node, Pruning>> wave = new ArrayList<>();
      for (Node r : g.roots) {
        enqueue(r, pruning, enqueued, wave);
      }
      expand(g, wave, enqueued, new HashSet<>());
      return g;
    }

    /** readModGraph's load queue until idle: loads each enqueued go.mod, following requirements by pruning. */
    private void expand(Graph g, List<Map.Entry<Node, Pruning>> wave, Set<Map.Entry<Node, Pruning>> enqueued,
        Set<Node> loaded) throws ModuleGraphException {
      Set<Map.Entry<Node, Pruning>> started = ConcurrentHashMap.newKeySet();
      for (Map.Entry<Node, Pruning> e : wave) {
        prefetch(e.getKey(), e.getValue(), started);
      }
      while (!wave.isEmpty()) {
        for (Map.Entry<Node, Pruning> e : wave) {
          summaryFuture(e.getKey());
        }
        List<Map.Entry<Node, Pruning>> next = new ArrayList<>();
        for (Map.Entry<Node, Pruning> e : wave) {
          Node m = e.getKey();
          Object o = join(summaryFuture(m));
          if (!(o instanceof Summary)) {
            g.errors.put(m, (String) o);
            continue;
          }
          Summary s = (Summary) o;
          if (loaded.add(m)) {
            g.require(m, s.require());
          }
          Pruning p = e.getValue();
          if (follows(p, s)) {
            for (Node r : s.require()) {
              enqueue(r, nextPruning(p, s), enqueued, next);
            }
          }
        }
        wave = next;
      }
    }

    private static Object join(Future<Object> f) throws ModuleGraphException {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ModuleGraphException("interrupted while loading the module graph", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException) {
          throw (RuntimeException) c;
        }
        throw new ModuleGraphException(String.valueOf(c.getMessage()), c);
      }
    }

    /** goModSummary: the summary, or the error text (module.ModuleError form) for the failing module. */
    private Object summaryOrError(Node m) {
      if (m.path().equals("go")) {
        List<Node> req = GoVersions.compare(m.version(), "1.21") >= 0
            ? List.of(new Node("toolchain", "go" + m.version())) : List.of();
        return new Summary(null, req, Pruning.PRUNED);
      }
      if (m.path().equals("toolchain")) {
        return new Summary(null, List.of(), Pruning.PRUNED);
      }
      if (workspace() && m.version().isEmpty() && mainPaths.contains(m.path())) {
        return summarize(m, mainFiles.get(m.path()));
      }
      GoModFile.Replace rep = replacements.find(m.path(), m.version()).orElse(null);
      Node actual = rep == null ? m : new Node(rep.newPath(), rep.newVersion());
      byte[] data;
      try {
        if (actual.version().isEmpty()) {
          data = b.source.goModInDirectory(actual.path());
        } else {
          ModuleVersion mv = ModuleVersion.of(actual.path(), actual.version());
          if (b.haveGoModSum != null && !workspace() && !b.haveGoModSum.test(mv)) {
            // go1.19's goModSummary says only "missing go.sum entry"; go1.21 names the go.mod file
            return moduleError(m, actual, "missing go.sum entry" + (release < 21 ? "" : " for go.mod file")
                + "; to add it:\n\tgo mod download " + m.path());
          }
          data = b.source.goMod(mv);
          read.add(actual);
        }
      } catch (IOException | IllegalArgumentException e) {
        String msg = String.valueOf(e.getMessage());
        String prefix = actual + ": ";
        return moduleError(m, actual, msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg);
      }
      GoModFile f;
      try {
        f = GoModFile.parse("go.mod", data, b.goRelease);
      } catch (GoModSyntaxException e) {
        return moduleError(m, actual, "parsing go.mod: " + e.getMessage());
      }
      if (!actual.version().isEmpty()) {
        if (f.module().isEmpty()) {
          return moduleError(m, actual, "parsing go.mod: missing module line");
        }
        String declared = f.module().get();
        if (!declared.equals(m.path()) && !declared.equals(actual.path())) {
          return moduleError(m, actual, "parsing go.mod:\n\tmodule declares its path as: " + declared
              + "\n\t        but was required as: " + m.path());
        }
      }
      // rawGoModSummary, Go 1.21 on: a go line from 1.21 (GoStrictVersion) newer than the running go
      String gv = f.goVersion().orElse("");
      if (release >= 21 && !gv.isEmpty() && GoVersions.compare(gv, "1.21") >= 0
          && io.github.goproxy4j.internal.GoRelease.newerThanRunning(gv, b.goRelease)) {
        String what = "module " + actual;
        tooNew.put(m, new ModuleGraphException.TooNew(what, gv));
        return moduleError(m, actual, ModuleGraphException.tooNew(what, gv, b.goRelease, b.gotoolchain).getMessage());
      }
      return summarize(m, f);
    }

    /** summaryFromModFile less excluded requirements, with the go node from Go 1.21. */
    private Summary summarize(Node m, GoModFile f) {
      List<Node> req = new ArrayList<>();
      for (GoModFile.Require r : f.requires()) {
        Node n = new Node(r.path(), r.version());
        if (!excluded.contains(n)) {
          req.add(n);
        }
      }
      String gv = f.goVersion().orElse("");
      Pruning pruning = !gv.isEmpty() && GoVersions.compare(gv, "1.17") >= 0 ? Pruning.PRUNED : Pruning.UNPRUNED;
      if (goNodes() && !gv.isEmpty() && GoVersions.compare(gv, "1.21") >= 0) {
        req.add(new Node("go", gv));
      }
      Summary summary = new Summary(f, Collections.unmodifiableList(req), pruning);
      summaries.put(m, summary);
      return summary;
    }

    /** BuildListError's text for the module that failed: "m: err" or "m (replaced by actual): err". */
    private static String moduleError(Node m, Node actual, String err) {
      if (m.equals(actual)) {
        return actual + ": " + err;
      }
      return m + " (replaced by " + actual + "): " + err;
    }

    /** {@link #buildListError}'s failure, with the TooNewError it reports, if it does. */
    private ModuleGraphException graphError(Graph g) {
      Node[] failed = new Node[1];
      String text = buildListError(g, failed);
      return failure(text, failed[0]);
    }

    /** The graph's failure with go's {@code text}, reporting {@code failed}'s TooNewError when that is what failed. */
    private ModuleGraphException failure(String text, Node failed) {
      ModuleGraphException e = new ModuleGraphException(text, null);
      ModuleGraphException.TooNew t = failed == null ? null : tooNew.get(failed);
      return t == null ? e : e.withTooNew(t);
    }

    /**
     * mvs.BuildListError: the first failing module on a breadth-first walk, with the path to it
     * (that module in {@code failed[0]}).
     */
    private String buildListError(Graph g, Node[] failed) {
      Map<Node, Node> firstRequires = new HashMap<>();
      ArrayDeque<Node> queue = new ArrayDeque<>();
      for (Node r : graphRoots) {
        if (!firstRequires.containsKey(r)) {
          queue.add(r);
          firstRequires.put(r, null);
        }
      }
      while (!queue.isEmpty()) {
        Node m = queue.poll();
        if (g.errors.containsKey(m)) {
          List<Node> path = new ArrayList<>();
          for (Node x = m; x != null; x = firstRequires.get(x)) {
            path.add(x);
          }
          Collections.reverse(path);
          StringBuilder sb = new StringBuilder();
          int i = 0;
          while (i < path.size() && path.get(i).version().isEmpty()) {
            i++;
          }
          for (; i < path.size() - 1; i++) {
            sb.append(path.get(i)).append(" requires\n\t");
          }
          failed[0] = m;
          return sb.append(g.errors.get(m)).toString();
        }
        for (Node r : g.required.getOrDefault(m, List.of())) {
          if (!firstRequires.containsKey(r)) {
            firstRequires.put(r, m);
            queue.add(r);
          }
        }
      }
      Map.Entry<Node, String> any = g.errors.entrySet().iterator().next();
      failed[0] = any.getKey();
      return any.getValue();
    }
  }


  // ------------------------------------------------------------------ answers

  /**
   * Returns the main module's path (in a workspace: the first {@code use} directory's module).
   *
   * @return the path from the main module's {@code module} line
   */
  public String main() {
    return mainPath;
  }

  /**
   * Returns the main modules in go.work's {@code use} order (one outside a workspace), as
   * {@code go list -m} prints them.
   *
   * @return an unmodifiable list
   */
  public List<MainModule> mainModules() {
    return mainModules;
  }

  /**
   * Returns whether only the roots were loaded ({@link Builder#rootsOnly}): then {@link #buildList()} holds the main module's requirements and no dependency's
   * go.mod was read.
   *
   * @return whether this graph stops at the roots
   */
  public boolean isRootsOnly() {
    return rootsOnly;
  }

  /**
   * Returns the main modules in the order {@code go list -m all} prints them: in a workspace,
   * go.work's {@code use} order before Go 1.21 and sorted by path from Go 1.21; a module path that
   * two {@code use} directories declare appears once.
   *
   * @return an unmodifiable list
   */
  public List<MainModule> mainModulesInListOrder() {
    List<MainModule> out = new ArrayList<>();
    for (Node r : graphRoots) {
      if (r.version().isEmpty()) {
        MainModule last = null;
        for (MainModule m : mainModules) {
          if (m.path().equals(r.path())) {
            last = m;
          }
        }
        out.add(last);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Checks a workspace's replace directives as go's makeMainModules does before anything else
   * reads them (a graph load of the workspace runs the same check first): go.work must not
   * replace a workspace module at every version, a module must not be used twice (go1.21 on), and
   * two go.mod files must not replace one module version differently unless go.work replaces that
   * module. For callers that answer without loading the graph, such as a vendored workspace.
   *
   * <pre>{@code
   * ModuleGraph.checkWorkspace(work, ws.toString(), mains, "1.27");  // throws go's text
   * }</pre>
   *
   * @param work the parsed go.work
   * @param workDir the absolute directory of go.work
   * @param modules the main modules in {@code use} order, with absolute directories
   * @param goRelease the release whose rules apply
   * @throws ModuleGraphException go's text: the first conflicting replacement alone, else every
   *     other error, joined as go prints them
   */
  public static void checkWorkspace(GoWorkFile work, String workDir, List<MainModule> modules, String goRelease)
      throws ModuleGraphException {
    List<String> errors = new ArrayList<>();
    Replacements.workspace(Objects.requireNonNull(work, "work"), Objects.requireNonNull(workDir, "workDir"),
        List.copyOf(modules), errors, GoRelease.modelled(goRelease).behaviourMinor());
    if (!errors.isEmpty()) {
      throw new ModuleGraphException(String.join("\ngo: ", errors), null);
    }
  }

  /**
   * Returns the Go release whose behaviour the graph follows.
   *
   * @return for example {@code "1.27"}
   */
  public String goRelease() {
    return goRelease;
  }

  /**
   * Returns whether the graph is a workspace's (built from go.work).
   *
   * @return true for a workspace
   */
  public boolean isWorkspace() {
    return workspace;
  }

  /**
   * Returns the main module's go version as the go command uses it ({@code 1.16} when its go.mod
   * has no {@code go} line; in a workspace go.work's, {@code 1.18} when it has none).
   *
   * @return for example {@code "1.21.0"}
   */
  public String goVersion() {
    return goVersion;
  }

  /**
   * Returns the version of a root of the requirement graph that is no module: {@code go} (the
   * go version the graph needs, from Go 1.21: the main module's go line, raised under
   * {@code -mod=mod} to the highest go line a module of a pruned graph needs) or {@code toolchain}
   * (the main module's toolchain line). Empty before Go 1.21, in a workspace's graph without it,
   * and for another path.
   *
   * @param path {@code "go"} or {@code "toolchain"}
   * @return for example {@code "1.22"} or {@code "go1.22.3"}
   */
  public Optional<String> rootVersion(String path) {
    if (!path.equals("go") && !path.equals("toolchain")) {
      return Optional.empty();
    }
    for (Node n : roots) {
      if (n.path().equals(path)) {
        return Optional.of(n.version());
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the main module's go.mod (in a workspace: the first {@code use} directory's).
   *
   * @return the file given to the builder
   */
  public GoModFile mainGoMod() {
    return mainFile;
  }

  /**
   * Returns the selected module versions other than the main module, in the order of
   * {@code go list -m all} (which prints the main module first): sorted by path. The {@code go}
   * and {@code toolchain} nodes are not modules and are left out.
   *
   * @return an unmodifiable list
   */
  public List<ModuleVersion> buildList() {
    List<ModuleVersion> out = new ArrayList<>();
    for (Node n : sortedSelected()) {
      out.add(ModuleVersion.of(n.path(), n.version()));
    }
    return Collections.unmodifiableList(out);
  }

  private List<Node> sortedSelected() {
    List<Node> list = new ArrayList<>();
    selected.forEach((p, v) -> {
      if (!mainPaths.contains(p) && !p.equals("go") && !p.equals("toolchain")) {
        list.add(new Node(p, v));
      }
    });
    list.sort(Comparator.comparing(Node::path));
    return list;
  }

  /**
   * Returns the version minimal version selection chose for a module path.
   *
   * @param path a module path
   * @return the selected version; empty when the path is not in the graph or is the main module
   */
  public Optional<Version> selected(ModulePath path) {
    String v = selected.get(path.toString());
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(Version.parse(v));
  }

  /**
   * Returns the requirements of a module version as the graph holds them: its go.mod's
   * {@code require} lines less excluded versions, for the module versions whose go.mod was loaded.
   * With a pruned graph the requirements of most dependencies are not loaded: go neither reads
   * nor prints them.
   *
   * @param module a module version in the graph
   * @return the requirements in go.mod order, or empty when its go.mod was not loaded
   */
  public Optional<List<ModuleVersion>> requirements(ModuleVersion module) {
    List<Node> reqs = required.get(new Node(module.path().toString(), module.version().toString()));
    if (reqs == null) {
      return Optional.empty();
    }
    return Optional.of(modules(reqs));
  }

  /**
   * Returns the module versions whose go.mod requirements the graph holds (those mvs.Graph's
   * RequiredBy answers for, selected or not): what go keeps go.mod checksums for in go.sum and
   * go.work.sum. Main modules are left out; sorted by path, then version.
   *
   * @return an unmodifiable list
   */
  public List<ModuleVersion> loadedModules() {
    List<Node> nodes = new ArrayList<>();
    for (Node n : required.keySet()) {
      if (!n.version().isEmpty() && !n.version().equals("none") && !mainPaths.contains(n.path())) {
        nodes.add(n);
      }
    }
    nodes.sort(Comparator.comparing(Node::path).thenComparing(Node::version, Version::compare));
    return modules(nodes);
  }

  /**
   * Returns the module versions whose go.mod the load read from its {@link ModuleSource} (and the
   * source verified), whether the graph then holds its requirements or the module failed after
   * the read: a go.mod that does not parse, declares another path or needs a newer go. go keeps
   * the checksum of each such go.mod it checked, so go.sum may gain it even when the graph did
   * not load ({@code go mod download path} in a module requiring one, go1.21 on). Replacements
   * appear as their replacement version; directory replacements and main modules not at all.
   * Sorted by path, then version.
   *
   * @return an unmodifiable list
   */
  public List<ModuleVersion> goModsRead() {
    List<Node> nodes = new ArrayList<>(goModsRead);
    nodes.sort(Comparator.comparing(Node::path).thenComparing(Node::version, Version::compare));
    return modules(nodes);
  }

  /**
   * Returns the main module's requirements that the graph starts from (its go.mod's
   * {@code require} lines less excluded versions), sorted by path and version.
   *
   * @return an unmodifiable list
   */
  public List<ModuleVersion> mainRequirements() {
    return modules(roots);
  }

  private static List<ModuleVersion> modules(List<Node> nodes) {
    List<ModuleVersion> out = new ArrayList<>();
    for (Node n : nodes) {
      if (!n.path().equals("go") && !n.path().equals("toolchain") && !n.version().isEmpty()) {
        out.add(ModuleVersion.of(n.path(), n.version()));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the main module's {@code replace} directive that applies to a module version: the
   * one for exactly that version, else the one for every version of its path.
   *
   * @param module a module version
   * @return the directive, or empty when the module is not replaced
   */
  public Optional<GoModFile.Replace> replacement(ModuleVersion module) {
    return replacements.find(module.path().toString(), module.version().toString());
  }

  /**
   * Returns the directive that replaces every version of a module path (go's
   * {@code Replacement(path)} with no version), which makes go skip the path's retractions and
   * deprecation in {@code go list -m -u}.
   *
   * @param path a module path
   * @return the directive, or empty when the path is not replaced at every version
   */
  public Optional<GoModFile.Replace> pathReplacement(String path) {
    return replacements.find(path, "");
  }

  /**
   * Returns the versions of a module path that the build's {@code replace} directives name
   * ({@code ""} for a directive that replaces every version): what go adds to the versions a
   * query of the path sees (modload's replacementRepo).
   *
   * @param path a module path
   * @return the versions, in no particular order; empty when no directive names the path
   */
  public Set<String> replacedVersions(String path) {
    return Collections.unmodifiableSet(replacements.versionsOf(path));
  }

  /**
   * Returns the go.mod of a module version, if the graph loaded it (for a replaced module, the
   * replacement's go.mod).
   *
   * @param module a module version
   * @return the lax-parsed go.mod, or empty when it was not loaded
   */
  public Optional<GoModFile> goMod(ModuleVersion module) {
    return Optional.ofNullable(goMods.get(new Node(module.path().toString(), module.version().toString())));
  }

  /**
   * Returns the requirements go has after it adds the go line {@code goVersion} to a main go.mod
   * without one (modload's loadModFile under {@code -mod=mod}, for every command but
   * {@code mod graph} and {@code mod why}) and converts them to a pruned graph (convertPruning): the
   * roots are this unpruned graph's build list, every module a root, and from Go 1.21 the
   * {@code go} root at {@code goVersion}. Go reads no go.mod for the conversion beyond the ones
   * this graph loaded, and neither does this: the result is built from them. With
   * {@code loadGraph} it is the pruned graph go's readModGraph loads from those roots (what
   * {@code list -m all} and {@code mod download} go on with): each root's go.mod, and the
   * requirements of a root whose go.mod predates go 1.17 loaded unpruned, so
   * {@link #loadedModules()} drops a go.mod that only the unpruned graph read (a version no
   * longer selected, below a pruned module). Without it, the roots alone ({@link #isRootsOnly()}:
   * go loads the converted graph only where a command needs it, and keeps the roots' checksums
   * otherwise). The build list is this graph's either way.
   *
   * <pre>{@code
   * ModuleGraph unpruned = ModuleGraph.builder().goRelease("1.27").modMode(true).mainModule(noGoLine)
   *     .source(source).build();
   * unpruned.convertedToPruned("1.27.3", true).loadedModules();  // the go.mod sums go keeps
   * }</pre>
   *
   * @param goVersion the go line go adds (its release: {@code 1.19}, or {@code 1.27.3} from go1.21)
   * @param loadGraph whether the command loads the converted graph
   * @return the converted requirements
   * @throws IllegalStateException for a workspace's graph, or one loaded with only its roots
   *     (go converts after loading the whole unpruned graph)
   */
  public ModuleGraph convertedToPruned(String goVersion, boolean loadGraph) {
    if (workspace || rootsOnly) {
      throw new IllegalStateException("only a single main module's whole unpruned graph converts to a pruned one");
    }
    List<Node> rs = new ArrayList<>(sortedSelected());
    boolean goNodes = GoRelease.modelled(goRelease).behaviourMinor() >= 21;
    if (goNodes) {
      rs.add(new Node("go", goVersion));
      if (GoVersions.compare(goVersion, "1.21") >= 0) {
        rs.add(new Node("toolchain", "go" + goVersion));
      }
    }
    rs.sort(Comparator.comparing(Node::path));
    Node main = new Node(mainPath, "");
    Graph g = new Graph(rs);
    g.selected.put(mainPath, "");
    g.require(main, rs);
    if (loadGraph) {
      // readModGraph from the roots with pruning: a module reached pruned has its requirements in
      // the graph but not loaded, unless its own go.mod is unpruned; one reached unpruned has its
      // whole subgraph loaded
      Set<Map.Entry<Node, Boolean>> enqueued = new HashSet<>(); // (module, reached unpruned)
      ArrayDeque<Map.Entry<Node, Boolean>> queue = new ArrayDeque<>();
      for (Node r : rs) {
        if (enqueued.add(Map.entry(r, false))) {
          queue.add(Map.entry(r, false));
        }
      }
      while (!queue.isEmpty()) {
        Map.Entry<Node, Boolean> e = queue.poll();
        Node m = e.getKey();
        List<Node> reqs = convertedRequirements(m);
        if (reqs == null) {
          continue; // not loaded by this graph: cannot be reached from its build list
        }
        if (!g.required.containsKey(m)) {
          g.require(m, reqs);
        }
        boolean unprunedHere = e.getValue() || !prunedGoMod(m);
        if (unprunedHere) {
          for (Node r : reqs) {
            Map.Entry<Node, Boolean> next = Map.entry(r, unprunedHere);
            if (!r.version().equals("none") && enqueued.add(next)) {
              queue.add(next);
            }
          }
        }
      }
    }
    return new ModuleGraph(this, goVersion, rs, g.required, g.selected, !loadGraph);
  }

  /** A node's requirements for {@link #convertedToPruned}: the go and toolchain nodes' as go has them, others as loaded. */
  private List<Node> convertedRequirements(Node m) {
    if (m.path().equals("go")) {
      return GoVersions.compare(m.version(), "1.21") >= 0 ? List.of(new Node("toolchain", "go" + m.version()))
          : List.of();
    }
    if (m.path().equals("toolchain")) {
      return List.of();
    }
    return required.get(m);
  }

  /** Whether a loaded module's go.mod says go 1.17 or later (go's pruned modFileSummary); the go and toolchain nodes are. */
  private boolean prunedGoMod(Node m) {
    if (m.path().equals("go") || m.path().equals("toolchain")) {
      return true;
    }
    GoModFile f = goMods.get(m);
    String gv = f == null ? "" : f.goVersion().orElse("");
    return !gv.isEmpty() && GoVersions.compare(gv, "1.17") >= 0;
  }

  /**
   * Returns what {@code go list -m all} prints: the main module's path, then each selected module
   * as {@code path version}, with {@code  => replacement} when the main module replaces it.
   *
   * @return lines ending in {@code \n}
   */
  public String listText() {
    StringBuilder sb = new StringBuilder();
    for (MainModule m : mainModulesInListOrder()) {
      sb.append(m.path()).append('\n');
    }
    for (Node n : sortedSelected()) {
      sb.append(n.path()).append(' ').append(n.version());
      replacement(ModuleVersion.of(n.path(), n.version())).ifPresent(r -> {
        sb.append(" => ").append(r.newPath());
        if (!r.newVersion().isEmpty()) {
          sb.append(' ').append(r.newVersion());
        }
      });
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * Returns what {@code go mod graph} prints: a breadth-first walk from the main module; for each
   * module whose go.mod was loaded, one {@code module requirement} line per requirement, in
   * go.mod order (the main module's sorted).
   *
   * @return lines ending in {@code \n}
   */
  public String graphText() {
    StringBuilder sb = new StringBuilder();
    ArrayDeque<Node> queue = new ArrayDeque<>();
    Set<Node> enqueued = new HashSet<>();
    for (Node r : graphRoots) {
      if (enqueued.add(r)) {
        queue.add(r);
      }
    }
    while (!queue.isEmpty()) {
      Node m = queue.poll();
      for (Node r : required.getOrDefault(m, List.of())) {
        sb.append(m).append(' ').append(r).append('\n');
        if (!r.version().equals("none") && enqueued.add(r)) {
          queue.add(r);
        }
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "ModuleGraph{main=" + mainPath + ", go=" + goVersion + ", selected=" + (selected.size() - 1) + "}";
  }
}
