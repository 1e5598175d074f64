package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.internal.PkgPattern;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.mvs.ModuleSource;
import io.github.goproxy4j.sumdb.GoSum;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code go list -m [-u] [-versions] [-retracted] [args]} (cmd/go's list command in module mode and modload's
 * ListModules): the main modules without arguments; else each argument in turn, {@code all} and
 * {@code ...} patterns matching the build list (a module once, a pattern that adds none warned
 * about), a module path its selected version; with {@code -versions} each listed module's
 * available versions (a path the build lacks listed without a version). The {@code -mod} mode decides how the build is
 * loaded ({@link BuildMod}); in vendor mode go answers from vendor/modules.txt and refuses
 * {@code all}, patterns and {@code -u}.
 */
final class ListModules {
  /**
   * The source of a graph that loads nothing (go's made-up command-line-arguments module, the
   * main modules' roots alone): a load would be a bug here.
   */
  private static final ModuleSource NO_LOADS = new ModuleSource() {
    @Override
    public byte[] goMod(ModuleVersion module) {
      throw new IllegalStateException("no requirement to load: " + module);
    }

    @Override
    public byte[] goModInDirectory(String directory) {
      throw new IllegalStateException("no replacement to load: " + directory);
    }
  };

  private static final String BYPASS = " using the vendor directory\n\t(Use -mod=mod or -mod=readonly to bypass.)";

  private ListModules() {}

  static List<ListedModule> list(GoProxyClient client, GoEnv env, Path dir, List<String> args, ListFlags flags,
      Consumer<String> warnings, int parallelism) throws GoProxyException {
    List<ListedModule> out = listModules(client, env, dir, args, flags, warnings, parallelism);
    Optional<String> modFile = ModuleGraphLoader.modFile(env);
    if (modFile.isEmpty() || ModuleGraphLoader.findGoWork(dir, env).isPresent()) {
      return out;
    }
    // GOFLAGS -modfile: the main module's GoMod is that file, as given (modload's modFilePath)
    List<ListedModule> named = new ArrayList<>(out.size());
    out.forEach(m -> named.add(m.main() ? m.withGoMod(modFile.get()) : m));
    return named;
  }

  /** modload.HasModRoot: the main module or workspace {@link #listModules} finds (module mode), none with GO111MODULE=off. */
  static boolean hasModRoot(GoEnv env, Path dir) throws ModuleGraphException {
    if (ModuleGraphLoader.go111Module(env).equals("off")) {
      return false;
    }
    return ModuleGraphLoader.findGoWork(dir, env).isPresent() || ModuleGraphLoader.findModuleRoot(dir, env).isPresent();
  }

  private static List<ListedModule> listModules(GoProxyClient client, GoEnv env, Path dir, List<String> args,
      ListFlags flags, Consumer<String> warnings, int parallelism) throws GoProxyException {
    // modload.Init: GO111MODULE; list does not force module mode, so "auto" needs a go.mod or go.work
    String go111 = ModuleGraphLoader.go111Module(env);
    Optional<Path> work = go111.equals("off") ? Optional.empty() : ModuleGraphLoader.findGoWork(dir, env);
    boolean outside = work.isEmpty() && ModuleGraphLoader.findModuleRoot(dir, env).isEmpty();
    // go refuses most -mod values in a workspace before it reads go.work's modules
    Optional<BuildMod> explicit = work.isPresent() ? BuildMod.explicitInWorkspace(env) : Optional.empty();
    if (flags.retracted() && BuildMod.modFlag(env).filter("vendor"::equals).isPresent()) {
      // go checks GOFLAGS's -mod before it reads go.mod (a vendor directory alone does not refuse it)
      throw new ModuleGraphException("go list -retracted cannot be used when vendoring is enabled", null, false);
    }
    if (!go111.equals("off")) {
      // modload.Init's warnings (a go.mod ignored in the system temp root or, from go1.22, in
      // GOPATH), then its failure ($GOPATH/go.mod up to go1.21), before the refusals below
      ModuleGraphLoader.Init init = ModuleGraphLoader.init(env, dir, ModuleGraphLoader.InitMode.LIST);
      init.warnings().forEach(warnings);
      if (init.failure() != null) {
        ModuleGraphLoader.initModFileChecks(env, dir); // Init refuses -modfile first
        init.raise();
      }
    }
    if (go111.equals("off") || go111.equals("auto") && outside) {
      // GOPATH mode
      if (flags.retracted()) {
        throw new ModuleGraphException("go list -retracted can only be used in module-aware mode", null, false);
      }
      throw new ModuleGraphException("list -m cannot be used with GO111MODULE=off", null);
    }
    if (outside) {
      ModuleGraphLoader.refuseModFileOutsideModule(env, dir);
      return outsideModule(client, env, dir, args, flags, parallelism);
    }
    // go.mod (or go.work and its modules) read once: the mode depends on it, the load uses it
    // an explicit -mod=vendor is go's mode while it reads go.mod: fixVersion cannot query then
    boolean vendorFlag = BuildMod.modFlag(env).filter("vendor"::equals).isPresent();
    ModuleGraphLoader.Mains mains = ModuleGraphLoader.readMains(client, env, dir, work, vendorFlag);
    BuildMod mod;
    if (mains.workspace() != null) {
      // makeMainModules checks the replace directives before go decides the mode (a vendor
      // directory's answers come without a graph load, which checks them too)
      ModuleGraphLoader.Workspace w = mains.workspace();
      ModuleGraph.checkWorkspace(w.work(), w.workDir().toString(), w.mains(), env.goVersion());
      mod = BuildMod.forWorkspace(env, explicit, mains.workspace().workDir(), mains.workspace().work().goVersion(),
          mains.list());
      if (mod.vendor()) {
        if (GoRelease.modelled(env.goVersion()).behaviourMinor() < 21) {
          // the workspace's one module and its vendor directory, as outside a workspace
          return vendorFinish(vendored(env, dir, mains.list().get(0), args, flags, mod), mains, flags, mod);
        }
        return vendorFinish(vendoredWorkspace(env, dir, mains.workspace(), args, flags, mod), mains, flags, mod);
      }
    } else {
      ModuleGraph.MainModule main = mains.list().get(0);
      mod = BuildMod.forModule(env, Path.of(main.dir()), main.goMod());
      ModuleGraphLoader.excludedRequirementWarnings(mains, mod.modMode()).forEach(warnings);
      if (mod.vendor()) {
        return vendorFinish(vendored(env, dir, main, args, flags, mod), mains, flags, mod);
      }
    }
    Set<String> excluded = ModuleLister.excluded(mains.list());
    if (args.isEmpty()) {
      String addedGo = addedGoLine(mains, mod, env.goVersion());
      ModuleGraphLoader.Build converted = !addedGo.isEmpty()
          ? ModuleGraphLoader.loadBuild(client, env, mains, true, parallelism, false)
          : rootsDiffer(mains, env.goVersion(), mod.modMode())
              // loadModFile's updateRoots before go lists the main module: commitRequirements writes
              // it (under -mod=mod) or fails (else)
              ? ModuleGraphLoader.loadBuild(client, env, mains, mod.modMode(), parallelism, true) : null;
      return finish(client, withGoLine(mainModules(mains.list()), addedGo), flags, excluded, p -> false, converted,
          false, Set.of(), mod, parallelism, null, PrintedErrors.NONE);
    }
    Answers a = answer(client, env, mains, mod, args, flags, warnings, parallelism);
    List<ListedModule> done = finish(client, a.modules(), flags, excluded, a.allReplaced(),
        a.graphError() == null ? a.build() : null, a.convertedGraph(), a.goModsRead(), mod, parallelism,
        a.graphError(), a.printed());
    if (a.graphError() != null && !flags.allowErrors()) {
      throw a.graphError();
    }
    return done;
  }

  /**
   * Whether loadModFile's requirements of a single main module differ from its go.mod's
   * before any graph is loaded: a path required twice, the main module's own path required, or a
   * requirement on an excluded version (all dropped from the roots, so go rewrites go.mod); from
   * go1.21 a toolchain line the go line implies, or older than go1.21 (go drops it). Outside
   * {@code -mod=mod} go keeps the roots as they are unless a path is required at two versions, so
   * the main module's own path and a path required twice at one version do not count there.
   */
  private static boolean rootsDiffer(ModuleGraphLoader.Mains mains, String release, boolean modMode) {
    if (mains.module() == null) {
      return false;
    }
    GoModFile f = mains.module().goMod();
    if (f.needsFix()) {
      return true; // fixVersion resolved a version: commitRequirements writes go.mod (or fails)
    }
    if (GoRelease.modelled(release).behaviourMinor() >= 21 && f.toolchain().isPresent()) {
      String t = f.toolchain().get();
      if (t.equals("go" + f.goVersion().orElse("")) || GoRelease.compare(GoRelease.fromToolchain(t), "1.21") < 0) {
        return true;
      }
    }
    Map<String, String> paths = new java.util.HashMap<>();
    for (GoModFile.Require r : f.requires()) {
      String other = paths.put(r.path(), r.version());
      boolean self = f.module().filter(r.path()::equals).isPresent();
      if (other != null && (modMode || !other.equals(r.version())) || self && modMode
          || f.isExcluded(r.path(), r.version())) {
        return true;
      }
    }
    return false;
  }

  /**
   * loadModFile under {@code -mod=mod} adds a go line to a go.mod without one (the running
   * release's) and converts the requirements to a pruned graph, which loads the whole graph; the
   * main module is listed with that go line, and go.mod is written with it ({@link GoModWriter}).
   *
   * @return the go line added, {@code ""} when none is
   */
  private static String addedGoLine(ModuleGraphLoader.Mains mains, BuildMod mod, String release) {
    boolean adds = mod.modMode() && mains.module() != null && mains.module().goMod().goVersion().isEmpty();
    return adds ? localGoVersion(release) : "";
  }

  /**
   * What modload's listModules answers for arguments in a main module or workspace, before the
   * flags' additions and the errors' report.
   *
   * @param build the build the answers were loaded from (a partial graph's when the graph failed)
   * @param modules each argument's modules, in order
   * @param goModsRead go.mod files the answers read beyond the graph's
   * @param graphError the graph's failure when go went on with the graph as far as it loaded, else {@code null}
   * @param printed the errors go printed at its lookups of replacements so far (and goes on printing)
   * @param allReplaced whether a main module replaces every version of a path
   * @param convertedGraph where loadModFile converted a go.mod without a go line, whether go then
   *     loads the graph of the converted requirements (which decides the go.sum lines it keeps)
   */
  record Answers(ModuleGraphLoader.Build build, List<ListedModule> modules, Set<ModuleVersion> goModsRead,
      ModuleGraphException graphError, Predicate<String> allReplaced, boolean convertedGraph,
      PrintedErrors printed) {}

  /**
   * modload's listModules for non-empty {@code args} in the main modules {@code mains} (not in
   * vendor mode): the build loaded (the roots alone when no argument needs the graph), then each
   * argument in turn, {@code all} and patterns matching the build list, a path its selected
   * version, a {@code path@query} queried; a pattern that adds none warned about.
   */
  static Answers answer(GoProxyClient client, GoEnv env, ModuleGraphLoader.Mains mains, BuildMod mod,
      List<String> args, ListFlags flags, Consumer<String> warnings, int parallelism) throws GoProxyException {
    boolean updates = flags.updates();
    Set<String> excluded = ModuleLister.excluded(mains.list());
    String release = env.goVersion();
    String addedGo = addedGoLine(mains, mod, release);
    boolean addsGoLine = !addedGo.isEmpty();
    boolean fullGraph = needsFullGraph(args, mains, excluded, release, flags.versions());
    ModuleGraphLoader.Build build;
    ModuleGraphException graphError = null;
    try {
      // the conversion of a go.mod without a go line loads the whole (unpruned) graph first
      build = ModuleGraphLoader.loadBuild(client, env, mains, mod.modMode(), parallelism, !fullGraph && !addsGoLine);
    } catch (ModuleGraphException e) {
      ModuleGraphException shown = e.isGoModDirty() ? new ModuleGraphException(mod.goModDirtyText(), e) : e;
      // the conversion of a go.mod without a go line fails outright when the graph does not load
      if (e.partialGraph().isEmpty() || addsGoLine) {
        throw shown;
      }
      // expandGraph's failure (a go.mod that did not load, go.mod needing updates): go lists the
      // graph it has, then reports the failure after each listed module's error
      graphError = shown;
      build = mains.build(e.partialGraph().get());
    }
    ModuleGraph g = build.graph();
    // go's errors at each lookup of a replacement two workspace modules disagree on: the load's first
    PrintedErrors printed = new PrintedErrors(g);
    ModuleLister lister = new ModuleLister(client, build, mod.modMode(), printed);
    // listModules' second pass: what each argument names, in order; the modules' information is
    // then looked up at once, for those only
    List<ListedModule> mainsListed = withGoLine(lister.mainModules(g), addedGo);
    List<Named> named = new ArrayList<>();
    Set<String> matched = new HashSet<>();
    boolean newWarning = GoRelease.modelled(release).behaviourMinor() >= 24;
    for (String a : args) {
      if (a.equals("all") || PkgPattern.isPattern(a)) {
        Predicate<String> match = a.equals("all") ? p -> true : PkgPattern.matcher(a);
        boolean any = false;
        boolean added = false;
        for (ListedModule m : mainsListed) {
          if (match.test(m.path())) {
            any = true;
            if (matched.add(m.path() + " ")) {
              named.add(new Answered(m));
              added = true;
            }
          }
        }
        for (ModuleVersion m : g.buildList()) {
          if (match.test(m.path().toString())) {
            any = true;
            if (matched.add(m.path() + " " + m.version())) {
              named.add(new LookUp(m, lister.rememberedGoLine(m)));
              added = true;
            }
          }
        }
        // to go1.23 a pattern matching only modules an earlier argument added is not warned about
        if (newWarning ? !added : !any) {
          warnings.accept("warning: pattern " + GoQuote.quote(a) + " matched no module dependencies");
        }
        continue;
      }
      int at = a.indexOf('@');
      if (at >= 0) {
        queried(client, lister, g, mainsListed, a.substring(0, at), a.substring(at + 1), flags, excluded,
            graphError != null).map(Answered::new).ifPresent(named::add);
        continue;
      }
      Optional<ListedModule> main = mainsListed.stream().filter(m -> m.path().equals(a)).findFirst();
      Optional<ModuleVersion> selected = main.isPresent() ? Optional.empty() : selected(g, a);
      if (main.isPresent()) {
        named.add(new Answered(main.get()));
      } else if (selected.isPresent()) {
        named.add(new LookUp(selected.get(), lister.rememberedGoLine(selected.get())));
      } else if (graphError != null) {
        continue; // go skips a module the incomplete graph lacks: its error is the graph's
      } else if (flags.versions()) {
        // go does not ask for @latest when the versions are what is asked for
        named.add(new Answered(pathOnly(a, "")));
      } else {
        named.add(new Answered(pathOnly(a, "module " + a + ": not a known dependency")));
      }
    }
    Set<ModuleVersion> distinct = new LinkedHashSet<>();
    for (Named n : named) {
      if (n instanceof LookUp l) {
        distinct.add(l.module());
      }
    }
    List<ModuleVersion> lookUp = new ArrayList<>(distinct);
    List<ListedModule> looked = lister.list(g, lookUp, updates, parallelism);
    Map<ModuleVersion, ListedModule> byVersion = new HashMap<>();
    for (int i = 0; i < lookUp.size(); i++) {
      byVersion.put(lookUp.get(i), looked.get(i));
    }
    List<ListedModule> out = new ArrayList<>();
    for (Named n : named) {
      out.add(n instanceof LookUp l ? remembering(byVersion.get(l.module()), l.goLine()) : ((Answered) n).module());
    }
    boolean convertedGraph = addsGoLine && convertedNeedsGraph(args, mains, g, release, flags.versions());
    return new Answers(build, out, lister.goModsRead(), graphError, p -> g.pathReplacement(p).isPresent(),
        convertedGraph, printed);
  }

  /**
   * go1.26's ParsePathVersion, which refuses a version that could pass for a flag or a path
   * (go1.25 not checked; go1.24.4 lacks it), for an argument that is neither {@code all} nor a pattern.
   */
  private static void refuseFlagLikeVersion(String arg, String release) throws ModuleGraphException {
    int at = arg.indexOf('@');
    if (GoRelease.modelled(release).behaviourMinor() >= 26 && at >= 0 && arg.length() > at + 1
        && (arg.charAt(at + 1) == '-' || arg.charAt(at + 1) == '/')) {
      throw new ModuleGraphException("invalid module version " + GoQuote.quote(arg.substring(at + 1)), null);
    }
  }

  /**
   * The go version go takes as its own where a go.mod has none to give (outside a module, the go
   * line it adds under {@code -mod=mod}): go1.19's LatestGoVersion, the release's language
   * version; from go1.21 gover.Local, the release as given.
   */
  static String localGoVersion(String release) {
    return GoRelease.modelled(release).behaviourMinor() < 21 ? GoRelease.lang(release) : release;
  }

  /** The path of the main module go makes up outside a module. */
  static final String COMMAND_LINE_ARGUMENTS = "command-line-arguments";

  /**
   * go list -m outside a module (module mode on, no go.mod or go.work from {@code dir} up): go's
   * made-up main module {@code command-line-arguments}, whose go line is the running release's
   * (its language version before go1.21, from go1.21 {@link GoEnv#goVersion()} as given, go's
   * gover.Local); {@code path@query} arguments answered as in a module that requires nothing; a
   * path with {@code -versions} listed with the proxy's versions; {@code all}, patterns,
   * {@code upgrade} and {@code patch} queries and a path without {@code -versions} refused. Go
   * writes no go.sum here: the module cache gains what the answers fetched and verified.
   */
  static List<ListedModule> outsideModule(GoProxyClient client, GoEnv env, Path dir, List<String> args,
      ListFlags flags, int parallelism) throws GoProxyException {
    String release = env.goVersion();
    BuildMod mod = BuildMod.outsideModule(env);
    if (mod.vendor()) {
      refuseInVendorMode(args, flags);
    }
    ListedModule main = new ListedModule(COMMAND_LINE_ARGUMENTS, "", true, false, localGoVersion(release),
        Optional.empty(), Optional.empty(), List.of(), "", "");
    if (args.isEmpty()) {
      return finish(client, List.of(main), flags, Set.of(), p -> false, null, false, Set.of(), mod, parallelism,
          null, PrintedErrors.NONE);
    }
    needsFullGraph(args, new ModuleGraphLoader.Mains(null, null), Set.of(), release, flags.versions());
    // the requirements of a module that requires nothing, and no go.sum: go's checksumOk holds
    // for every module (mustHaveSums is false without a module root), as under -mod=mod
    ModuleGraph g = ModuleGraph.builder().goRelease(release).modMode(true)
        .mainModule(GoModFile.parse("go.mod", "module " + COMMAND_LINE_ARGUMENTS + "\n"))
        .source(NO_LOADS).build();
    ModuleGraphLoader.Build build = new ModuleGraphLoader.Build(g, GoSum.empty(), GoSum.empty(),
        dir.toAbsolutePath().normalize(), null, null, null, null, null); // outside a module: no go.sum or go.mod to write
    ModuleLister lister = new ModuleLister(client, build, true, PrintedErrors.NONE);
    List<ListedModule> named = new ArrayList<>();
    for (String a : args) {
      int at = a.indexOf('@');
      if (at < 0) {
        // -versions: go lists the path without a version, then adds the proxy's versions
        named.add(pathOnly(a, ""));
      } else if (mod.vendor()) {
        named.add(vendorQuery(a, mod));
      } else {
        queried(client, lister, g, List.of(), a.substring(0, at), a.substring(at + 1), flags, Set.of(), false)
            .ifPresent(named::add);
      }
    }
    return finish(client, named, flags, Set.of(), p -> false, null, false, lister.goModsRead(), mod, parallelism,
        null, PrintedErrors.NONE);
  }

  /**
   * modload.Query as moduleInfo runs it for a module outside the build (go list's template
   * function {@code module "path@query"}), in the module mode go list has in {@code dir}: under
   * {@code -mod=vendor} go's errQueryDisabled (with the mode's reason), else Query with no current
   * version and every version allowed; a path a {@code replace} directive names through go's
   * replacementRepo ({@link #replacedQuery}).
   */
  static VersionInfo moduleInfoQuery(GoProxyClient client, GoEnv env, Path dir, String path, String query)
      throws GoProxyException {
    Optional<Path> work = ModuleGraphLoader.go111Module(env).equals("off") ? Optional.empty()
        : ModuleGraphLoader.findGoWork(dir, env);
    BuildMod mod;
    if (work.isEmpty() && ModuleGraphLoader.findModuleRoot(dir, env).isEmpty()) {
      mod = BuildMod.outsideModule(env);
    } else {
      boolean vendorFlag = BuildMod.modFlag(env).filter("vendor"::equals).isPresent();
      ModuleGraphLoader.Mains mains = ModuleGraphLoader.readMains(client, env, dir, work, vendorFlag);
      List<GoModFile.Replace> replaces = new ArrayList<>();
      mains.list().forEach(m -> replaces.addAll(m.goMod().replaces()));
      if (mains.workspace() != null) {
        ModuleGraphLoader.Workspace w = mains.workspace();
        replaces.addAll(w.work().replaces());
        mod = BuildMod.forWorkspace(env, BuildMod.explicitInWorkspace(env), w.workDir(), w.work().goVersion(),
            mains.list());
      } else {
        ModuleGraph.MainModule main = mains.list().get(0);
        mod = BuildMod.forModule(env, Path.of(main.dir()), main.goMod());
      }
      if (mod.vendor()) {
        throw new GoProxyException(cannotQueryInVendorMode(mod));
      }
      if ((query.equals("upgrade") || query.equals("patch"))
          && mains.list().stream().anyMatch(m -> m.path().equals(path))) {
        // queryProxy answers a main module's empty version, with a zero time
        return VersionInfo.of("", java.time.OffsetDateTime.parse("0001-01-01T00:00:00Z"), null);
      }
      if (replaces.stream().anyMatch(r -> r.oldPath().equals(path))) {
        return replacedQuery(client, env, dir, mains, path, query);
      }
    }
    if (mod.vendor()) {
      throw new GoProxyException(cannotQueryInVendorMode(mod));
    }
    return client.queryAllowingAll(ModulePath.parse(path), query);
  }

  /**
   * moduleInfo's Query of a path a replace directive of the main modules (or go.work) names: go's
   * replacementRepo, as {@code list -m path@query} sees it ({@link ModuleLister#queryAllowingAll}:
   * the directives' versions listed and resolvable without the proxy, a higher replaced version
   * winning {@code latest}), with every version allowed. Only the main modules' directives are
   * read (the graph's roots, no dependency's go.mod). Where two workspace modules replace a version
   * of the path differently (go prints that at each lookup) it is not modelled:
   * {@link UnsupportedOperationException}.
   */
  private static VersionInfo replacedQuery(GoProxyClient client, GoEnv env, Path dir, ModuleGraphLoader.Mains mains,
      String path, String query) throws GoProxyException {
    ModulePath p = ModulePath.parse(path);
    ModuleGraph.Builder b = ModuleGraph.builder().goRelease(env.goVersion()).modMode(true).rootsOnly(true).source(NO_LOADS);
    GoSum goSum;
    if (mains.workspace() != null) {
      ModuleGraphLoader.Workspace w = mains.workspace();
      b.workspace(w.work(), w.workDir().toString(), w.mains());
      goSum = w.goSumRead().sum();
    } else {
      b.mainModule(mains.module().goMod());
      goSum = mains.module().goSumRead().sum();
    }
    ModuleGraph g;
    try {
      g = b.build();
    } catch (ModuleGraphException | RuntimeException e) {
      throw new UnsupportedOperationException("a query of a path a replace directive names (" + path + ")", e);
    }
    for (String v : g.replacedVersions(path)) {
      if (!v.isEmpty() && g.replacementConflict(ModuleVersion.of(p, Version.parse(v))).isPresent()) {
        throw new UnsupportedOperationException("a query of a path workspace modules replace differently (" + path
            + ")");
      }
    }
    ModuleGraphLoader.Build build = new ModuleGraphLoader.Build(g, goSum, GoSum.empty(), replaceRelativeTo(env, dir),
        null, null, null, null, null);
    return new ModuleLister(client, build, true, PrintedErrors.NONE).queryAllowingAll(p, query);
  }

  /**
   * go's modfetch.GoMod of a canonical version as moduleInfo's rawGoModSummary reads it (for
   * go list's template function {@code module "path@version"}), in the module mode go list has in
   * {@code dir}: the cached go.mod, else the proxy's (cached then), each checked as go's checkGoMod
   * checks it: against the main modules' go.sum (go.work.sum and the modules' go.sum in a
   * workspace) first, which spares the checksum database, else against that database. A cached
   * go.mod whose check fails is fetched again; under {@code -mod=vendor}, which disables lookups,
   * the cache alone answers. The module line is not checked (rawGoModSummary does not).
   *
   * @throws io.github.goproxy4j.sumdb.ChecksumMismatchException where go.sum contradicts the go.mod
   *     (go's fatal {@code SECURITY ERROR}), or the checksum database does (go goes on without it)
   */
  static byte[] moduleInfoGoMod(GoProxyClient client, GoEnv env, Path dir, ModuleVersion module)
      throws GoProxyException {
    Optional<Path> work = ModuleGraphLoader.go111Module(env).equals("off") ? Optional.empty()
        : ModuleGraphLoader.findGoWork(dir, env);
    GoSum goSum = GoSum.empty(); // outside a module go has no go.sum file (initGoSum: none)
    boolean vendor;
    if (work.isEmpty() && ModuleGraphLoader.findModuleRoot(dir, env).isEmpty()) {
      vendor = BuildMod.outsideModule(env).vendor();
    } else {
      boolean vendorFlag = BuildMod.modFlag(env).filter("vendor"::equals).isPresent();
      ModuleGraphLoader.Mains mains = ModuleGraphLoader.readMains(client, env, dir, work, vendorFlag);
      if (mains.workspace() != null) {
        ModuleGraphLoader.Workspace w = mains.workspace();
        vendor = BuildMod.forWorkspace(env, BuildMod.explicitInWorkspace(env), w.workDir(), w.work().goVersion(),
            mains.list()).vendor();
        goSum = w.goSumRead().checked();
      } else {
        ModuleGraph.MainModule main = mains.list().get(0);
        vendor = BuildMod.forModule(env, Path.of(main.dir()), main.goMod()).vendor();
        goSum = mains.module().goSumRead().checked();
      }
    }
    ModFetch fetch = client.fetchWith(goSum);
    io.github.goproxy4j.env.Route route = fetch.lookup().route(module.path());
    if (vendor) {
      return fetch.cachedGoMod(route, module).orElseThrow(() -> new GoProxyException(module
          + ": module lookup disabled by -mod=vendor")).data();
    }
    return fetch.goMod(route, module).data();
  }

  /**
   * The directory go reads a relative directory replacement from (modload's replaceRelativeTo)
   * in {@code dir}: go.work's directory in a workspace, else the main module's root; outside a
   * module {@code dir} itself (no module root: go joins the path to nothing).
   */
  static Path replaceRelativeTo(GoEnv env, Path dir) throws GoProxyException {
    Optional<Path> work = ModuleGraphLoader.go111Module(env).equals("off") ? Optional.empty()
        : ModuleGraphLoader.findGoWork(dir, env);
    if (work.isPresent()) {
      return work.get().toAbsolutePath().normalize().getParent();
    }
    return ModuleGraphLoader.findModuleRoot(dir, env).orElse(dir.toAbsolutePath().normalize());
  }

  /** A {@code path@query} argument in vendor mode, where go cannot query: the module with go's error. */
  private static ListedModule vendorQuery(String arg, BuildMod mod) {
    int at = arg.indexOf('@');
    return failedQuery(arg.substring(0, at), arg.substring(at + 1), arg + ": " + cannotQueryInVendorMode(mod));
  }

  /** go's error for a look-up it cannot make in vendor mode, with the mode's reason. */
  private static String cannotQueryInVendorMode(BuildMod mod) {
    return "cannot query module due to -mod=vendor" + (mod.reason().isEmpty() ? "" : "\n\t(" + mod.reason() + ")");
  }

  /** A {@code path@query} argument that did not resolve: listed with the query as its version, and {@code error}. */
  private static ListedModule failedQuery(String path, String query, String error) {
    return new ListedModule(path, query, false, false, "", Optional.empty(), Optional.empty(), List.of(), "", error);
  }

  /** What an argument names: a module version of the build whose information is still to be looked up, or a module already answered. */
  private sealed interface Named permits LookUp, Answered {}

  /**
   * A module version of the build to look up, and the go line go's rawGoVersion held for it when
   * the argument was reached ({@link ModuleLister#rememberedGoLine}: a go.mod an earlier argument
   * read), "" for none.
   */
  private record LookUp(ModuleVersion module, String goLine) implements Named {}

  /**
   * moduleInfo's start: the go line rawGoVersion holds for the module version is its GoVersion
   * whether or not go.sum vouches for its go.mod; for a replaced version it is the replacement's
   * too (moduleInfo sets Replace.GoVersion from the replaced version's entry, and
   * completeFromModCache then reads no go.mod for it), and the module's from it.
   */
  private static ListedModule remembering(ListedModule m, String goLine) {
    if (goLine.isEmpty()) {
      return m;
    }
    ListedModule r = m.withGoVersion(goLine);
    return m.replace().isEmpty() ? r : r.withReplace(Optional.of(m.replace().get().withGoVersion(goLine)));
  }

  private record Answered(ListedModule module) implements Named {}

  /** The main modules with the go line go adds to a go.mod without one ({@code ""}: none added). */
  private static List<ListedModule> withGoLine(List<ListedModule> mains, String added) {
    return added.isEmpty() ? mains : mains.stream().map(m -> m.withGoVersion(added)).toList();
  }

  /** A module listed by its path alone (no version), with {@code error} ({@code ""}: none). */
  private static ListedModule pathOnly(String path, String error) {
    return new ListedModule(path, "", false, false, "", Optional.empty(), Optional.empty(), List.of(), "", error);
  }

  /** The version of {@code path} the graph selects (its roots', for a graph of roots only). */
  private static Optional<ModuleVersion> selected(ModuleGraph g, String path) {
    ModulePath p;
    try {
      p = ModulePath.parse(path);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return g.selected(p).map(v -> ModuleVersion.of(p, v));
  }

  /**
   * listModules' first pass: go's refusals of each argument in turn, and whether go needs the whole module
   * graph. It does for {@code all} and patterns, and for a path that is neither a main module nor
   * a requirement of the main module's go.mod; in a module below go 1.17 (unpruned) for every
   * path. Otherwise go answers from the roots alone (and reads no other go.mod). {@code excluded}:
   * the main modules' exclude lines ("path version"), whose requirements are no roots. Without a
   * main module (outside a module, or a workspace without modules) go refuses {@code all},
   * patterns, upgrade and patch queries, and a path without {@code -versions} ({@code versions}).
   */
  private static boolean needsFullGraph(List<String> args, ModuleGraphLoader.Mains mains, Set<String> excluded,
      String release, boolean versions) throws ModuleGraphException {
    Set<String> roots = new HashSet<>();
    boolean pruned = false;
    if (mains.module() != null) {
      GoModFile f = mains.module().goMod();
      pruned = GoRelease.compare(f.goVersion().orElse("1.16"), "1.17") >= 0;
      for (GoModFile.Require r : f.requires()) {
        if (!excluded.contains(r.path() + " " + r.version())) {
          roots.add(r.path());
        }
      }
    }
    return needsFullGraph(args, mains, roots, pruned, release, versions);
  }

  /**
   * {@link #needsFullGraph(List, ModuleGraphLoader.Mains, Set, String, boolean)} once loadModFile
   * converted a go.mod without a go line: the requirements are pruned, every module of the
   * unpruned graph's build list {@code g} a root.
   */
  private static boolean convertedNeedsGraph(List<String> args, ModuleGraphLoader.Mains mains, ModuleGraph g,
      String release, boolean versions) throws ModuleGraphException {
    Set<String> roots = new HashSet<>();
    g.buildList().forEach(m -> roots.add(m.path().toString()));
    return needsFullGraph(args, mains, roots, true, release, versions);
  }

  /** listModules' first pass with the roots' paths {@code roots}, {@code pruned} or not. */
  private static boolean needsFullGraph(List<String> args, ModuleGraphLoader.Mains mains, Set<String> roots,
      boolean pruned, String release, boolean versions) throws ModuleGraphException {
    boolean full = false;
    boolean hasModRoot = !mains.list().isEmpty();
    Set<String> mainPaths = new HashSet<>();
    mains.list().forEach(m -> mainPaths.add(m.path()));
    boolean workspace = mains.workspace() != null;
    for (String a : args) {
      if (a.contains("\\")) {
        throw new ModuleGraphException("module paths never use backslash", null);
      }
      if (a.startsWith("./") || a.startsWith("../") || a.equals(".") || a.equals("..")) {
        throw new ModuleGraphException("cannot use relative path " + a + " to specify module", null);
      }
      if (a.equals("all") || a.contains("...")) {
        full = true;
        if (!hasModRoot) {
          throw new ModuleGraphException("cannot match " + GoQuote.quote(a) + ": " + noMainModules(release, workspace),
              null);
        }
        continue;
      }
      refuseFlagLikeVersion(a, release);
      int at = a.indexOf('@');
      if (at >= 0) {
        // a query needs the graph only to upgrade from a version the roots do not select
        String path = a.substring(0, at);
        String q = a.substring(at + 1);
        boolean root = mainPaths.contains(path) || roots.contains(path);
        if ((q.equals("upgrade") || q.equals("patch")) && (!root || !workspace && !pruned)) {
          full = true;
          if (!hasModRoot) {
            throw new ModuleGraphException("cannot match " + GoQuote.quote(a) + ": "
                + noMainModules(release, workspace), null);
          }
        }
        continue;
      }
      boolean rootSelected = mainPaths.contains(a) || roots.contains(a) && !a.equals("go") && !a.equals("toolchain");
      if (!rootSelected || !workspace && !pruned) {
        full = true;
        if (!hasModRoot && !versions) {
          throw new ModuleGraphException("cannot match " + GoQuote.quote(a) + " without -versions or an explicit"
              + " version: " + noMainModules(release, workspace), null);
        }
      }
    }
    return full;
  }

  /**
   * go's NoMainModulesError: outside a module, and in a workspace without modules up to go1.24
   * (go1.26 names the workspace there; go1.25 not checked).
   */
  static String noMainModules(String release, boolean workspace) {
    return !workspace || GoRelease.modelled(release).behaviourMinor() < 26
        ? "go.mod file not found in current directory or any parent directory; see 'go help modules'"
        : "no modules were found in the current workspace; see 'go help work'";
  }

  /**
   * What go's ListModules adds to the listed modules for the flags ({@code -versions}), then, as
   * go's list command does, each module's error printed and the command failed if there is any
   * (without {@code -e}; with it the errors stay in the modules and go.sum's failure is dropped).
   *
   * @param allReplaced whether a main module replaces every version of a path
   * @param build the loaded build, {@code null} when the listing did not load it (or the graph failed)
   * @param convertedGraph where loadModFile converted a go.mod without a go line, whether the
   *     listing loaded the graph of the converted requirements
   * @param read go.mod files the listing already read beyond the graph's
   * @param graphError the graph's failure, reported after the modules' errors ({@code null}: none)
   * @param printed the errors go printed as it went on (before the modules' errors); with any, go
   *     exits with status 1 also under {@code -e}, after listing ({@link ListedWithErrorsException})
   */
  private static List<ListedModule> finish(GoProxyClient client, List<ListedModule> mods, ListFlags flags,
      Set<String> excluded, Predicate<String> allReplaced, ModuleGraphLoader.Build build, boolean convertedGraph,
      Set<ModuleVersion> read, BuildMod mod, int parallelism, ModuleGraphException graphError, PrintedErrors printed)
      throws GoProxyException {
    List<ListedModule> out = mods;
    Set<ModuleVersion> goModsRead = ConcurrentHashMap.newKeySet();
    goModsRead.addAll(read);
    // in a build its replace directives count (replacementRepo; a replaced latest version's
    // replacement's go.mod for the retractions)
    ModuleLister inBuild = build == null || !(flags.versions() || flags.retracted()) ? null
        : new ModuleLister(client, build, mod.modMode(), printed);
    if (flags.versions()) {
      ModuleLister.VersionsCheck versions = inBuild == null ? client::versions : inBuild::versions;
      out = ModuleLister.withVersions(versions, out, excluded, allReplaced, flags.retracted(), goModsRead, parallelism);
      if (GoRelease.modelled(client.goRelease()).behaviourMinor() >= 22) {
        // go1.22's addVersions merges the Origin with the version list's, which a proxy's list lacks
        out = out.stream().map(m -> m.withOrigin(Optional.empty())).toList();
      }
    }
    if (flags.retracted() && !flags.updates()) {
      // -u found the retractions already
      ModuleLister.RetractionCheck check = inBuild == null ? client::retraction : inBuild::retraction;
      out = ModuleLister.withRetractions(check, out, allReplaced, goModsRead, parallelism);
    }
    List<String> errors = new ArrayList<>();
    for (ListedModule m : out) {
      if (!m.error().isEmpty()) {
        errors.add(m.error());
      }
    }
    boolean commitsUnderU = GoRelease.modelled(client.goRelease()).behaviourMinor() < 21;
    if (build != null && (!flags.updates() || commitsUnderU)) {
      // go's ListModules commits the requirements unless -u (from go1.21): go.work.sum in a
      // workspace; go.sum under -mod=mod (and go.mod where GoModWriter.commit finds go would
      // rewrite it: a go line added, untidy requirements); in the readonly mode go
      // fails when go.sum should gain a line (a checksum a retraction check verified)
      boolean writes = build.workFile() != null || mod.modMode();
      printed.lookUpKeptSums(build); // keepSums (commitRequirements in a workspace)
      // loadModFile added a go line (and converted the graph): go writes go.mod first, and
      // go.sum only if that worked (go -e drops the failure, the modules are listed)
      boolean goModWritten = true;
      try {
        GoModWriter.commit(client, build, mod.modMode());
      } catch (GoProxyException e) {
        errors.add(e.getMessage());
        goModWritten = false;
      }
      if (goModWritten && (writes || !goModsRead.isEmpty())) {
        try {
          GoSumWriter.commit(client, build, List.of(), goModsRead, mod.modMode(), !writes, convertedGraph);
        } catch (ModuleGraphException e) {
          errors.add(e.getMessage());
        }
      }
    }
    List<String> lines = printed.lines();
    if (flags.allowErrors()) {
      if (!lines.isEmpty()) {
        throw new ListedWithErrorsException(String.join("\n", lines), out);
      }
      return out;
    }
    if (graphError != null && !errors.isEmpty()) {
      errors.add(graphError.getMessage());
    }
    if (!lines.isEmpty()) {
      // go's exit status is already 1: it prints the modules' errors after those, then exits
      List<String> all = new ArrayList<>(lines);
      errors.forEach(e -> all.add("go: " + GoStrings.logLine(e)));
      if (graphError != null && errors.isEmpty()) {
        all.add(graphError.goText()); // the graph's failure, last
      }
      throw new ModuleGraphException(String.join("\n", all), null, false);
    }
    failIfErrors(errors);
    return out;
  }

  /**
   * A {@code path@query} argument (modload's listModules): the query resolved from the version
   * the graph selects (for {@code upgrade} and {@code patch}), without excluded or retracted
   * versions unless {@code -retracted} or {@code -u} (or the query names a revision); the module at the
   * resolved version, its {@code Query} when that differs; a failure is the module's error,
   * listed with the query as its version.
   *
   * A main module's {@code upgrade} or {@code patch} is the main module itself (go's queryProxy
   * answers its empty version), listed with the query.
   *
   * @param mains the main modules as listed
   * @param incomplete whether go.mod needs updates: go skips an upgrade from an unknown version
   * @return the module, empty when go skips the argument
   */
  private static Optional<ListedModule> queried(GoProxyClient client, ModuleLister lister, ModuleGraph g,
      List<ListedModule> mains, String path, String vers, ListFlags flags, Set<String> excluded, boolean incomplete) {
    if (vers.equals("upgrade") || vers.equals("patch")) {
      for (ListedModule m : mains) {
        if (m.path().equals(path)) {
          return Optional.of(m.withQuery(vers));
        }
      }
    }
    Optional<Version> current = Optional.empty();
    try {
      current = g.selected(ModulePath.parse(path));
    } catch (IllegalArgumentException e) {
      // not a module path: nothing is selected, and the query says why
    }
    if (incomplete && current.isEmpty() && (vers.equals("upgrade") || vers.equals("patch"))) {
      return Optional.empty();
    }
    try {
      ModulePath p = ModulePath.parse(path);
      // go's list allows every version for a revision query (a complete version, a branch...) and
      // with -retracted, which -u implies: no exclusions, no retractions read
      QueryMatcher qm = QueryMatcher.parse(p, vers, current.map(Version::toString).orElse(""));
      boolean revisionQuery = qm.canStat || qm.revision;
      VersionInfo info = lister.query(p, vers, current, v -> excluded.contains(path + " " + v),
          flags.retracted() || flags.updates() || revisionQuery);
      ListedModule m = lister.queried(g, ModuleVersion.of(p, Version.parse(info.version())), flags.updates());
      return Optional.of((vers.equals(m.version()) ? m : m.withQuery(vers))
          .withOrigin(queryOrigin(revisionQuery, info, g.goRelease())));
    } catch (GoProxyException | IllegalArgumentException e) {
      String msg = String.valueOf(e.getMessage());
      // modinfoError: an error that names neither the module nor the query is put under both
      String text = msg.startsWith(path + "@") || msg.startsWith("module " + path + ":") ? msg
          : path + "@" + vers + ": " + msg;
      ListedModule failed = failedQuery(path, vers, text);
      // go's -u still runs addUpdate, addRetraction and addDeprecation on it, from the query as its version
      return Optional.of(flags.updates() ? lister.withStatus(g, failed) : failed);
    }
  }

  /**
   * The Origin go reports for a query's answer (list sets it from the query's result): the
   * resolved version's {@code .info} Origin up to go1.21; from go1.22, which merges it with the
   * version list's (which a proxy's list does not have), only for a query go answers with one
   * lookup of the version ({@code revisionQuery}: a complete version, or a revision).
   */
  private static Optional<VersionInfo.Origin> queryOrigin(boolean revisionQuery, VersionInfo info, String release) {
    return revisionQuery || GoRelease.modelled(release).behaviourMinor() < 22 ? info.origin() : Optional.empty();
  }

  /**
   * The end of a listing in vendor mode (which refuses {@code -u} and {@code -versions}): each
   * module's error printed and the listing failed if there is any; with {@code -retracted} go
   * cannot look the retractions up ({@code cannot query module due to -mod=vendor}) for any
   * listed version but one whose every version a main module replaces (with {@code -e} that
   * error is the module's, and nothing fails).
   */
  private static List<ListedModule> vendorFinish(List<ListedModule> mods, ModuleGraphLoader.Mains mains,
      ListFlags flags, BuildMod mod) throws ModuleGraphException {
    Set<String> wildcards = new HashSet<>();
    for (ModuleGraph.MainModule m : mains.list()) {
      m.goMod().replaces().stream().filter(r -> r.oldVersion().isEmpty()).forEach(r -> wildcards.add(r.oldPath()));
    }
    if (mains.workspace() != null) {
      mains.workspace().work().replaces().stream().filter(r -> r.oldVersion().isEmpty())
          .forEach(r -> wildcards.add(r.oldPath()));
    }
    List<String> errors = new ArrayList<>();
    List<ListedModule> out = new ArrayList<>();
    for (ListedModule m : mods) {
      String e = m.error();
      if (e.isEmpty() && flags.retracted() && !m.version().isEmpty() && !wildcards.contains(m.path())) {
        e = ModuleLister.retractionLoadingError(m.path(), m.version(), cannotQueryInVendorMode(mod));
      }
      if (!e.isEmpty()) {
        errors.add(e);
      }
      out.add(m.withError(e));
    }
    if (!flags.allowErrors()) {
      failIfErrors(errors);
    }
    return out;
  }

  static List<ListedModule> mainModules(List<ModuleGraph.MainModule> mains) {
    List<ListedModule> out = new ArrayList<>();
    for (ModuleGraph.MainModule m : mains) {
      out.add(ModuleLister.mainModule(m, Path.of(m.dir())));
    }
    return out;
  }

  /** go list -m in vendor mode: loadModFile's vendor checks, list's refusals, answers from modules.txt. */
  private static List<ListedModule> vendored(GoEnv env, Path dir, ModuleGraph.MainModule main, List<String> args,
      ListFlags flags, BuildMod mod) throws GoProxyException {
    Path root = Path.of(main.dir());
    Path cwd = dir.toAbsolutePath().normalize();
    String release = env.goVersion();
    GoModFile goMod = main.goMod();
    VendorList vendor = VendorList.read(root.resolve("vendor"),
        ModuleGraphLoader.shortPath(cwd, root.resolve("vendor").resolve("modules.txt")), release, env.get("GOTOOLCHAIN"));
    vendor.checkConsistency(goMod, root, ModuleGraphLoader.shortPath(cwd, root.resolve("go.mod")), release);
    vendor.checkRoots(goMod, mod.goModDirtyText());
    refuseInVendorMode(args, flags);
    return vendorAnswers(List.of(main), root, args, vendor, mod, new VendorGraph() {
      @Override
      public Optional<String> selected(String path) {
        return vendor.selected(goMod, path);
      }

      @Override
      public String[] replacement(String path, String version) {
        GoModFile.Replace r = VendorList.applied(goMod, path, version);
        return r == null ? null : new String[] {r.newPath(), r.newVersion()};
      }
    });
  }

  /** The graph initVendor builds, as list asks it about a module it names. */
  private interface VendorGraph {
    /** {@return the selected version of {@code path}, empty when the graph has none} */
    Optional<String> selected(String path);

    /** {@return the replacement's path and version, {@code null} when not replaced} */
    String[] replacement(String path, String version);
  }

  /**
   * list's answers in vendor mode: without arguments the main modules; else each named module
   * (a main module, or its selected version from modules.txt with its replacement, a directory
   * resolved against {@code root}), listed with go's error for each the graph lacks and for each
   * {@code path@query}, which go cannot query in vendor mode.
   */
  private static List<ListedModule> vendorAnswers(List<ModuleGraph.MainModule> mains, Path root, List<String> args,
      VendorList vendor, BuildMod mod, VendorGraph graph) throws ModuleGraphException {
    if (args.isEmpty()) {
      return mainModules(mains);
    }
    Set<String> direct = new HashSet<>();
    for (ModuleGraph.MainModule m : mains) {
      for (GoModFile.Require r : m.goMod().requires()) {
        if (!r.indirect()) {
          direct.add(r.path());
        }
      }
    }
    List<ListedModule> out = new ArrayList<>();
    for (String a : args) {
      if (a.indexOf('@') >= 0) {
        out.add(vendorQuery(a, mod));
        continue;
      }
      Optional<ModuleGraph.MainModule> main = mains.stream().filter(m -> m.path().equals(a)).findFirst();
      if (main.isPresent()) {
        out.add(ModuleLister.mainModule(main.get(), Path.of(main.get().dir())));
        continue;
      }
      Optional<String> v = graph.selected(a);
      if (v.isEmpty()) {
        out.add(pathOnly(a, "module " + a + ": can't resolve module" + BYPASS));
        continue;
      }
      String[] r = graph.replacement(a, v.get());
      out.add(vendoredModule(root, a, v.get(), !direct.contains(a), vendor, r == null ? null : r[0],
          r == null ? "" : r[1]));
    }
    return out;
  }

  /** list's refusals in vendor mode: {@code -versions}, {@code -u}, {@code all} and patterns. */
  private static void refuseInVendorMode(List<String> args, ListFlags flags) throws ModuleGraphException {
    if (flags.versions()) {
      throw new ModuleGraphException("can't determine available versions" + BYPASS, null);
    }
    if (flags.updates()) {
      throw new ModuleGraphException("can't determine available upgrades" + BYPASS, null);
    }
    for (String a : args) {
      if (a.equals("all")) {
        throw new ModuleGraphException("can't compute 'all'" + BYPASS, null);
      }
      if (PkgPattern.isPattern(a)) {
        throw new ModuleGraphException("can't match module patterns" + BYPASS, null);
      }
    }
  }

  /**
   * go list -m in a vendored workspace (go1.22's {@code go work vendor}): the workspace's
   * vendor/modules.txt checked against every module's go.mod and go.work, list's refusals,
   * answers from the unpruned workspace graph initVendor builds (each module's requirements and
   * the vendored modules).
   */
  private static List<ListedModule> vendoredWorkspace(GoEnv env, Path dir, ModuleGraphLoader.Workspace w,
      List<String> args, ListFlags flags, BuildMod mod) throws GoProxyException {
    Path cwd = dir.toAbsolutePath().normalize();
    Path vendorDir = w.workDir().resolve("vendor");
    VendorList vendor = VendorList.read(vendorDir, ModuleGraphLoader.shortPath(cwd, vendorDir.resolve("modules.txt")),
        env.goVersion(), env.get("GOTOOLCHAIN"));
    vendor.checkWorkspaceConsistency(w, cwd);
    refuseInVendorMode(args, flags);
    return vendorAnswers(w.mains(), w.workDir(), args, vendor, mod, new VendorGraph() {
      @Override
      public Optional<String> selected(String path) {
        return vendor.selectedInWorkspace(w, path);
      }

      @Override
      public String[] replacement(String path, String version) {
        VendorList.WorkspaceReplacement r = VendorList.replacementFrom(w, path, version);
        return r == null ? null : new String[] {r.newPath(), r.newVersion()};
      }
    });
  }

  /**
   * moduleInfo in vendor mode (no time, files or sums; the go line modules.txt records), replaced
   * by {@code newPath newVersion} ({@code newPath} null when
   * not replaced; a directory resolved against {@code root}).
   */
  private static ListedModule vendoredModule(Path root, String path, String version, boolean indirect,
      VendorList vendor, String newPath, String newVersion) {
    String goVersion = vendor.meta(path, version).goVersion();
    if (newPath == null) {
      return new ListedModule(path, version, false, indirect, goVersion, Optional.empty(), Optional.empty(),
          List.of(), "", "");
    }
    String rdir = "";
    String rgoMod = "";
    if (newVersion.isEmpty()) {
      Path d = root.resolve(newPath).normalize();
      rdir = d.toString();
      rgoMod = d.resolve("go.mod").toString();
    }
    ListedModule replace = new ListedModule(newPath, newVersion, false, false, goVersion, Optional.empty(),
        Optional.empty(), List.of(), "", "", Optional.empty(), rdir, rgoMod, "", "");
    return new ListedModule(path, version, false, indirect, goVersion, Optional.of(replace), Optional.empty(),
        List.of(), "", "");
  }

  /**
   * go prints every module's error, then exits: one exception whose go text holds them all. go's
   * log adds a newline to a line only when it lacks one (a checksum mismatch's text ends with
   * one), so one is taken off here and the lines joined with one.
   */
  private static void failIfErrors(List<String> errors) throws ModuleGraphException {
    if (!errors.isEmpty()) {
      List<String> lines = errors.stream().map(GoStrings::logLine).toList();
      throw new ModuleGraphException(String.join("\ngo: ", lines), null);
    }
  }
}
