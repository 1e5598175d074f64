package io.github.goproxy4j.mvs;

import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoModSyntaxException;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.mvs.ModuleGraph.MainModule;
import io.github.goproxy4j.mvs.ModuleGraph.Node;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The loading of one main module's graph: modload's loadModFile, expandGraph and readModGraph. */
final class GraphLoader {
  /** How a go.mod's requirements are followed (modload's modPruning). */
  enum Pruning { PRUNED, UNPRUNED, WORKSPACE }

  /** What modload keeps of one go.mod (modFileSummary). */
  record Summary(GoModFile file, List<Node> require, Pruning pruning) {}

  final ModuleGraph.Builder b;
  private final int release;
  final String mainPath;
  final GoModFile mainFile;
  final String goVersion;
  private final Node main;
  private final Set<Node> excluded = new HashSet<>();
  final List<MainModule> mains = new ArrayList<>();
  private final Map<String, GoModFile> mainFiles = new HashMap<>();
  final Set<String> mainPaths = new HashSet<>();
  private final List<String> workspaceErrors = new ArrayList<>();
  Replacements replacements;
  List<Node> graphRoots;
  private final Map<Node, CompletableFuture<Object>> cache = new ConcurrentHashMap<>();
  final Map<Node, Summary> summaries = new java.util.concurrent.ConcurrentHashMap<>();
  /** The module versions whose go.mod the source returned (see {@link ModuleGraph#goModsRead()}). */
  final Set<Node> read = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The modules whose go.mod failed with go's TooNewError, and its parts. */
  private final Map<Node, ModuleGraphException.TooNew> tooNew = new ConcurrentHashMap<>();
  private ExecutorService pool;
  // the result
  List<Node> roots;
  Map<Node, List<Node>> required;
  Map<String, String> selected;
  boolean rootsOnly;
  /** What the load printed and went on from (see {@link ModuleGraph#replacementErrors()}). */
  List<String> replacementErrors = List.of();

  GraphLoader(ModuleGraph.Builder b) throws ModuleGraphException {
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

  boolean workspace() {
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
    if (!b.asGoVersion.isEmpty()) {
      checkAsGoVersion();
      if (GoVersions.compare(b.asGoVersion, "1.17") < 0) {
        // newRequirements(unpruned, ...) of a workspace's roots: not modelled
        throw new ModuleGraphException("goproxy4j does not load a workspace's module graph as go "
            + b.asGoVersion + " would (go mod graph -go below 1.17 in a workspace)", null);
      }
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
    replacementErrors = replacementErrors(g, loaded);
    if (!g.errors.isEmpty()) {
      throw graphError(g).withPartialGraph(snapshot(rs, g));
    }
    finish(rs, g);
  }

  /**
   * replacementFrom's error, which go prints (bare, base.Errorf) at each lookup of a module
   * version whose replacement two workspace modules disagree on, and goes on: the load's lookups,
   * one for each module version whose go.mod it asked for (goModSummary resolves the replacement
   * before it reads the go.mod, so a module that then failed counts), breadth-first.
   */
  private List<String> replacementErrors(Graph g, Set<Node> loaded) {
    List<String> out = new ArrayList<>();
    ArrayDeque<Node> queue = new ArrayDeque<>(graphRoots);
    Set<Node> seen = new HashSet<>(graphRoots);
    while (!queue.isEmpty()) {
      Node m = queue.poll();
      if (loaded.contains(m) || g.errors.containsKey(m)) {
        replacements.conflict(m.path(), m.version()).ifPresent(out::add);
      }
      for (Node r : g.required.getOrDefault(m, List.of())) {
        if (!r.version().equals("none") && seen.add(r)) {
          queue.add(r);
        }
      }
    }
    return List.copyOf(out);
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
    if (!b.asGoVersion.isEmpty()) {
      // LoadModGraph with a Go version: the roots as loadModFile left them, never expanded; the
      // graph unpruned below go 1.17 (newRequirements(unpruned, ...)), else as the main module's
      checkAsGoVersion();
      boolean asPruned = pruned && GoVersions.compare(b.asGoVersion, "1.17") >= 0;
      g = readModGraph(current, asPruned);
      if (!g.errors.isEmpty()) {
        throw graphError(g).withPartialGraph(snapshot(current, g));
      }
      finish(current, g);
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

  /**
   * LoadModGraph's check of its Go version (Go 1.21 on): a main module (or go.work) at go 1.21 or
   * later cannot be loaded as an older Go loads it.
   */
  private void checkAsGoVersion() throws ModuleGraphException {
    if (release >= 21 && GoRelease.compare(goVersion, "1.21") >= 0
        && GoRelease.compare(b.asGoVersion, goVersion) < 0) {
      throw new ModuleGraphException("requested Go version " + b.asGoVersion
          + " cannot load module graph (requires Go >= " + goVersion + ")", null);
    }
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
