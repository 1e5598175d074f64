package io.github.goproxy4j.mvs;

import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoWorkFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
  private final List<String> replacementErrors;

  ModuleGraph(GraphLoader l) {
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
    this.replacementErrors = l.replacementErrors;
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
    this.replacementErrors = from.replacementErrors;
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
    String goRelease = GoRelease.NEWEST;
    GoModFile mainModule;
    GoWorkFile workFile;
    String workDir;
    List<MainModule> workspaceModules;
    ModuleSource source;
    Predicate<ModuleVersion> haveGoModSum;
    int parallelism = 16;
    boolean modMode;
    boolean rootsOnly;
    String gotoolchain = "";
    String asGoVersion = "";

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
      this.workspaceModules = List.copyOf(Objects.requireNonNull(modules, "modules"));
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
     * Loads the graph as {@code go mod graph -go=V} reports it (modload.LoadModGraph with a Go
     * version): the main module's requirements as its go.mod gives them, their roots never
     * updated to the versions the graph selects, and the graph unpruned when {@code V} is below
     * 1.17 (the main module's own pruning otherwise). From Go 1.21 a main module at go 1.21 or
     * later refuses a lower {@code V}: {@code requested Go version 1.17 cannot load module graph
     * (requires Go >= 1.21)}. Default {@code ""}: the graph go loads for its other commands.
     *
     * <pre>{@code
     * ModuleGraph g = ModuleGraph.builder().mainModule(mod).source(src).asGoVersion("1.16").build();
     * g.graphText();  // go mod graph -go=1.16
     * }</pre>
     *
     * @param goVersion a Go version ({@code 1.16}, {@code 1.21.3}), or {@code ""}
     * @return this builder
     */
    public Builder asGoVersion(String goVersion) {
      this.asGoVersion = Objects.requireNonNull(goVersion, "goVersion");
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
      GraphLoader l = new GraphLoader(this);
      l.load();
      return new ModuleGraph(l);
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
    Objects.requireNonNull(modules, "modules");
    Objects.requireNonNull(goRelease, "goRelease");
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
    Objects.requireNonNull(path, "path");
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
    Objects.requireNonNull(path, "path");
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
    Objects.requireNonNull(module, "module");
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
    Objects.requireNonNull(module, "module");
    return replacements.find(module.path().toString(), module.version().toString());
  }

  /**
   * Returns go's error for a lookup of a module version's replacement in a workspace whose
   * modules' go.mod files replace it differently: modload's replacementFrom, where a workspace
   * module's directive for exactly that version follows another module's directive (for the
   * version or the path) with a different replacement, and go.work does not replace it. go prints
   * it, without {@code go: }, each time it looks the replacement up (base.Errorf), takes the first
   * module's directive and goes on; the command then exits with status 1. Outside a workspace
   * there is no such error.
   *
   * <pre>{@code
   * g.replacementConflict(ModuleVersion.of("example.com/x", "v1.0.0")).ifPresent(System.err::println);
   * // conflicting replacements found for example.com/x@v1.0.0 in workspace modules defined by .../d/go.mod and .../b/go.mod
   * }</pre>
   *
   * @param module a module version
   * @return go's message, or empty when the lookup finds no conflict
   */
  public Optional<String> replacementConflict(ModuleVersion module) {
    Objects.requireNonNull(module, "module");
    return replacements.conflict(module.path().toString(), module.version().toString());
  }

  /**
   * Returns the errors the load printed and went on from, as go does: {@link #replacementConflict}
   * for each module version whose go.mod the load asked for (go's goModSummary looks the
   * replacement up first), breadth-first from the roots. A command that goes on from them (go
   * list -m, go mod graph) prints them first and exits with status 1.
   *
   * @return go's messages, without {@code go: }; empty outside a workspace or without conflicts
   */
  public List<String> replacementErrors() {
    return replacementErrors;
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
    Objects.requireNonNull(path, "path");
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
    Objects.requireNonNull(path, "path");
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
    Objects.requireNonNull(module, "module");
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
    Objects.requireNonNull(goVersion, "goVersion");
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
