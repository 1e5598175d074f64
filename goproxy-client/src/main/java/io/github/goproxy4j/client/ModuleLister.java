package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * modload's moduleInfo over a loaded {@link ModuleGraph} (with addUpdate, addRetraction and
 * addDeprecation), for {@code go list -m [-u]}: the main modules (in a workspace in go's order),
 * and the module versions asked for, each with its replacement; with {@code -u} the update query
 * ({@code upgrade} from the selected version), the retraction by the module's latest go.mod and
 * its deprecation, for the module and for a module-version replacement, many at once.
 */
final class ModuleLister {
  private final GoProxyClient client;
  private final ModuleGraphLoader.Build build;
  private final boolean checkSums;
  /** "path version" of every main module's exclude line: -u never offers them (go's CheckAllowed). */
  private final Set<String> excluded = new HashSet<>();
  /** The go.mod files read for go lines the graph did not load (checked, so go.sum may keep their lines). */
  private final Set<ModuleVersion> goModsRead = ConcurrentHashMap.newKeySet();
  /**
   * The go.mod files read while answering arguments (an argument's module, its query's retraction
   * check): go's rawGoVersion entries a later argument sees. Not those {@link #status} reads,
   * which go's addUpdate reads after every argument is answered.
   */
  private final Set<ModuleVersion> readForArguments = ConcurrentHashMap.newKeySet();
  /** {@link #buildQuery}'s answer once made (empty: the client's query is the same), {@code null} before. */
  private volatile Optional<Query> buildQuery;
  /** Where go's lookups of a replacement print what they find (two workspace modules disagreeing). */
  private final PrintedErrors printed;

  /**
   * @param build the loaded build: its go.sum lines decide (go's default -mod=readonly, outside a
   *     workspace from go1.21 on) whether a module's cached files and hashes are reported
   *     (modload's moduleInfo: checksumOk); its base directory resolves directory replacements
   * @param modMode whether go runs with {@code -mod=mod}, where go.sum decides nothing of that
   * @param printed receives the errors go prints at each lookup of a replacement (moduleInfo's,
   *     replacementRepo's Stat's, a latest version's)
   */
  ModuleLister(GoProxyClient client, ModuleGraphLoader.Build build, boolean modMode, PrintedErrors printed) {
    this.client = client;
    this.build = build;
    this.printed = printed;
    ModuleGraph g = build.graph();
    this.checkSums = !modMode && (!g.isWorkspace() || GoRelease.modelled(g.goRelease()).behaviourMinor() < 21);
    excluded.addAll(excluded(g.mainModules()));
  }

  /**
   * {@code GoProxyClient.query} in this build:
   * the latest go.mod a retraction check reads is verified against the build's go.sum lines
   * first, else the checksum database, as go's checkGoMod does (a main module's go.sum spares
   * the checksum database lookup), and counted among the go.mod files read (go.sum may keep its
   * line); the build's replace directives add versions as go's replacementRepo does.
   */
  VersionInfo query(ModulePath path, String q, Optional<Version> current, Predicate<String> excludedVersion,
      boolean allowAll) throws GoProxyException {
    return query(path, q, current, excludedVersion, allowAll, mv -> {
      goModsRead.add(mv);
      readForArguments.add(mv);
    });
  }

  /**
   * go's Query as moduleInfo runs it for a module outside the build ({@code module "path@query"}),
   * in this build: {@link Query#queryAllowingAll} with the build's replace directives (replacementRepo)
   * and go.sum lines.
   */
  VersionInfo queryAllowingAll(ModulePath path, String q) throws GoProxyException {
    Query inBuild = buildQuery();
    return inBuild == null ? client.queryAllowingAll(path, q) : inBuild.queryAllowingAll(path, q);
  }

  private VersionInfo query(ModulePath path, String q, Optional<Version> current, Predicate<String> excludedVersion,
      boolean allowAll, java.util.function.Consumer<ModuleVersion> goModRead) throws GoProxyException {
    Query inBuild = buildQuery();
    if (inBuild == null) {
      return client.query(path, q, current, excludedVersion, allowAll, goModRead);
    }
    return inBuild.query(path, q, current.map(Version::toString).orElse(""), excludedVersion, allowAll, goModRead);
  }

  /**
   * go's CheckRetractions of a module version in this build: the retract lines of its module's
   * latest go.mod, or of that latest version's replacement's when the build replaces it (go's
   * queryLatestVersionIgnoringRetractions loads the replacement: no retraction, no deprecation
   * unless the replacement's go.mod has them), verified as {@link #query} verifies.
   */
  Query.Retraction retraction(ModulePath path, String version) {
    Query inBuild = buildQuery();
    return inBuild == null ? client.retraction(path, version) : inBuild.retraction(path, version);
  }

  /**
   * go's versions for {@code -versions} in this build: its replace directives add the versions they
   * name (replacementRepo), and the retraction check reads a replaced latest version's replacement
   * ({@link #retraction}).
   */
  Query.Versions versions(ModulePath path, Predicate<String> excludedVersion, boolean withRetracted)
      throws GoProxyException {
    Query inBuild = buildQuery();
    return inBuild == null ? client.versions(path, excludedVersion, withRetracted)
        : inBuild.versions(path, excludedVersion, withRetracted);
  }

  /** go's list of a module's versions for {@code -versions}: {@link #versions} in a build, else the client's. */
  interface VersionsCheck {
    Query.Versions of(ModulePath path, Predicate<String> excludedVersion, boolean withRetracted)
        throws GoProxyException;
  }

  /**
   * The build's query, {@code null} when the client's is the same (no go.sum lines, no replace
   * directives); made once for all the modules listed (racing threads may each make one: they
   * are alike and hold no state of their own).
   */
  private Query buildQuery() {
    Optional<Query> q = buildQuery;
    if (q == null) {
      ModuleGraph g = build.graph();
      boolean replaces = g.isWorkspace() || g.mainModules().stream().anyMatch(m -> !m.goMod().replaces().isEmpty());
      q = build.goSum().entries().isEmpty() && !replaces ? Optional.empty()
          : Optional.of(new Query(client.fetchWith(build.goSum()), replaced()));
      buildQuery = q;
    }
    return q.orElse(null);
  }

  /**
   * completeFromModCache's Query of a version the proxy does not answer, in this build: a version
   * a replace directive names resolves through replacementRepo's Stat (its time zero, a
   * pseudo-version's own), as go lists it.
   */
  private Optional<VersionInfo> replacedVersionInfo(ModuleVersion mv) {
    Query inBuild = buildQuery();
    if (inBuild == null || build.graph().replacement(mv).isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(inBuild.query(mv.path(), mv.version().toString(), "", v -> false, true, goModsRead::add));
    } catch (GoProxyException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** go's CheckRetractions of one module version: {@link #retraction} in a build, else the client's. */
  interface RetractionCheck {
    Query.Retraction of(ModulePath path, String version);
  }

  /** The build's replace directives as a query sees them; a directory resolved against the build's base directory. */
  private Query.Replaced replaced() {
    ModuleGraph g = build.graph();
    return new Query.Replaced() {
      @Override
      public Set<String> versions(String path) {
        return g.replacedVersions(path);
      }

      @Override
      public Set<String> listedVersions(String path) {
        // replacementRepo.Versions reads each main module's index.replace: go.work's are not there
        Set<String> out = new HashSet<>();
        for (ModuleGraph.MainModule m : g.mainModules()) {
          m.goMod().replaces().stream().filter(r -> r.oldPath().equals(path)).forEach(r -> out.add(r.oldVersion()));
        }
        return out;
      }

      @Override
      public boolean statsReplacedVersions() {
        // replacementRepo.Stat's hasReplacements: a main module's index.replace, not go.work's
        return g.mainModules().stream().anyMatch(m -> !m.goMod().replaces().isEmpty());
      }

      @Override
      public Optional<GoModFile.Replace> find(String path, String version) {
        printed.lookUp(path, version);
        return directive(path, version);
      }

      @Override
      public Optional<GoModFile.Replace> findLatest(String path, String version) {
        printed.lookUpLatest(path, version);
        return directive(path, version);
      }

      private Optional<GoModFile.Replace> directive(String path, String version) {
        if (version.isEmpty()) {
          return g.pathReplacement(path);
        }
        try {
          return g.replacement(ModuleVersion.of(ModulePath.parse(path), Version.parse(version)));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }

      @Override
      public byte[] directoryGoMod(String dir) throws java.io.IOException {
        return LockedFile.read(build.baseDir().resolve(dir).resolve("go.mod")); // as go reads it: lockedfile.Read
      }
    };
  }

  /** "path version" of every exclude line of {@code mains}. */
  static Set<String> excluded(List<ModuleGraph.MainModule> mains) {
    Set<String> out = new HashSet<>();
    for (ModuleGraph.MainModule m : mains) {
      m.goMod().excludes().forEach(e -> out.add(e.path() + " " + e.version()));
    }
    return out;
  }

  /**
   * go's addRetraction for each module and its replacement ({@code -retracted} without
   * {@code -u}), many at once: the rationales of the retract lines of the module's latest go.mod
   * covering its version, none for a module whose every version is replaced ({@code
   * allReplaced}); a replaced module without its own takes its replacement's (go's moduleInfo).
   * When that go.mod cannot be loaded for another reason than that it does not exist, the module
   * (or its replacement) gets go's error for it if it has none yet.
   *
   * @param goModsRead receives each module version whose go.mod was read for the retractions
   */
  static List<ListedModule> withRetractions(RetractionCheck check, List<ListedModule> mods,
      Predicate<String> allReplaced, Set<ModuleVersion> goModsRead, int parallelism) {
    return inParallel(mods, m -> {
      Optional<ListedModule> r = m.replace().map(x -> retracted(x,
          retraction(check, x.path(), x.version(), allReplaced, goModsRead)));
      ListedModule own = retracted(m, retraction(check, m.path(), m.version(), allReplaced, goModsRead));
      List<String> top = !own.retracted().isEmpty() ? own.retracted()
          : r.map(ListedModule::retracted).orElse(List.of());
      return own.withRetracted(top).withReplace(r);
    }, parallelism);
  }

  /** {@code m} with the rationales of {@code r}, and its loading error when {@code m} has no error yet. */
  private static ListedModule retracted(ListedModule m, Optional<Query.Retraction> r) {
    if (r.isEmpty()) {
      return m.withRetracted(List.of());
    }
    ListedModule out = m.withRetracted(r.get().rationales());
    return out.error().isEmpty() && !r.get().loadError().isEmpty()
        ? out.withError(retractionLoadingError(m.path(), m.version(), r.get().loadError())) : out;
  }

  /** go's retractionLoadingError text. */
  static String retractionLoadingError(String path, String version, String why) {
    return "loading module retractions for " + path + "@" + version + ": " + why;
  }

  /** go's CheckRetractions for one module version: empty when there is nothing to check (no version, every version replaced, not a module path). */
  private static Optional<Query.Retraction> retraction(RetractionCheck check, String path, String version,
      Predicate<String> allReplaced, Set<ModuleVersion> goModsRead) {
    if (version.isEmpty() || allReplaced.test(path)) {
      return Optional.empty();
    }
    try {
      Query.Retraction r = check.of(ModulePath.parse(path), version);
      r.goModRead().ifPresent(goModsRead::add);
      return Optional.of(r);
    } catch (RuntimeException e) {
      return Optional.empty(); // not a module path go could look up: nothing retracts it
    }
  }

  /** {@code f} applied to each of {@code in} on a pool of {@code parallelism} threads, in order. */
  private static <T, R> List<R> inParallel(List<T> in, Function<T, R> f, int parallelism) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(Math.min(parallelism, 32), in.size())),
        new GoProxyClient.DaemonThreads("goproxy4j-list-"));
    try {
      List<CompletableFuture<R>> futures = new ArrayList<>();
      for (T t : in) {
        futures.add(CompletableFuture.supplyAsync(() -> f.apply(t), pool));
      }
      List<R> out = new ArrayList<>();
      for (CompletableFuture<R> future : futures) {
        out.add(future.join());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * go's addVersions for each module and its replacement ({@code -versions}), many at once: the
   * versions the module's route lists, without those a main module excludes ({@code excluded},
   * "path version") and, unless {@code withRetracted} or every version of the module is replaced
   * ({@code allReplaced}), those its latest go.mod retracts; a failure is the module's error
   * unless it has one already.
   *
   * @param goModsRead receives each module version whose go.mod was read for its retractions
   */
  static List<ListedModule> withVersions(VersionsCheck client, List<ListedModule> mods, Set<String> excluded,
      Predicate<String> allReplaced, boolean withRetracted, Set<ModuleVersion> goModsRead, int parallelism) {
    return inParallel(mods, m -> {
      ListedModule out = versionsOf(client, m, excluded, allReplaced, withRetracted, goModsRead);
      return out.withReplace(m.replace().map(r -> versionsOf(client, r, excluded, allReplaced, withRetracted,
          goModsRead)));
    }, parallelism);
  }

  private static ListedModule versionsOf(VersionsCheck client, ListedModule m, Set<String> excluded,
      Predicate<String> allReplaced, boolean withRetracted, Set<ModuleVersion> goModsRead) {
    String path = m.path();
    try {
      Query.Versions v = client.of(ModulePath.parse(path), x -> excluded.contains(path + " " + x),
          withRetracted || allReplaced.test(path));
      v.goModRead().ifPresent(goModsRead::add);
      return m.withVersions(v.list(), "");
    } catch (GoProxyException | RuntimeException e) {
      return m.withVersions(List.of(), Lookup.errorText(e));
    }
  }

  /** {@return the module versions whose go.mod this lister read (beyond the graph's), actual (not replaced)} */
  Set<ModuleVersion> goModsRead() {
    return Set.copyOf(goModsRead);
  }

  /** The main modules as go lists them, in go.work's use order. */
  List<ListedModule> mainModules(ModuleGraph g) {
    List<ListedModule> out = new ArrayList<>();
    for (ModuleGraph.MainModule m : g.mainModulesInListOrder()) {
      out.add(mainModule(m, m.dir().isEmpty() ? build.baseDir() : Path.of(m.dir())));
    }
    return out;
  }

  /**
   * modload's moduleInfo for each of {@code modules} (dependencies of {@code g}, not main
   * modules), looked up in parallel, in the order given: a lookup that fails (its info, or with
   * {@code updates} its update query) leaves go's text in {@link ListedModule#error()}.
   */
  List<ListedModule> list(ModuleGraph g, List<ModuleVersion> modules, boolean updates, int parallelism) {
    Set<String> direct = new HashSet<>();
    // modload's requirementsFromModFiles: in a workspace go1.19 to go1.22 mark nothing direct
    boolean noDirect = g.isWorkspace() && GoRelease.modelled(g.goRelease()).behaviourMinor() < 23;
    for (ModuleGraph.MainModule m : noDirect ? List.<ModuleGraph.MainModule>of() : g.mainModules()) {
      if (!g.isWorkspace()) {
        direct.addAll(ModuleGraphLoader.directPaths(m.goMod()));
        continue;
      }
      // directRequirements: a workspace module's excludes do not count
      for (GoModFile.Require r : m.goMod().requires()) {
        if (!r.indirect()) {
          direct.add(r.path());
        }
      }
    }
    return inParallel(modules, m -> listed(g, m, direct.contains(m.path().toString()), updates), parallelism);
  }

  /** A main module as go lists it: its path, directory, go.mod and go line (1.16 when it has none). */
  static ListedModule mainModule(ModuleGraph.MainModule m, Path root) {
    return new ListedModule(m.path(), "", true, false, m.goMod().goVersion().orElse("1.16"), Optional.empty(),
        Optional.empty(), List.of(), "", "", Optional.empty(), root.toString(), root.resolve("go.mod").toString(),
        "", "");
  }

  private ListedModule listed(ModuleGraph g, ModuleVersion m, boolean direct, boolean updates) {
    String goVersion = g.goMod(m).flatMap(GoModFile::goVersion).orElse("");
    printed.lookUp(m); // moduleInfo's Replacement
    Optional<GoModFile.Replace> r = g.replacement(m);
    if (r.isEmpty()) {
      return fromCache(m.path().toString(), m.version().toString(), !direct, goVersion, false,
          () -> updates ? status(g, m.path().toString(), m.version().toString()) : Status.NONE);
    }
    // go does not look up the replaced version's time; its files are the replacement's
    String rv = r.get().newVersion();
    ListedModule replace;
    if (rv.isEmpty()) {
      Path dir = build.baseDir().resolve(r.get().newPath()).normalize();
      if (goVersion.isEmpty()) {
        // completeFromModCache reads a directory replacement's go.mod whatever the graph loaded
        // (roots only, say): no checksum vouches for it
        goVersion = directoryGoLine(dir);
      }
      replace = new ListedModule(r.get().newPath(), "", false, false, goVersion, Optional.empty(), Optional.empty(),
          List.of(), "", "", Optional.empty(), dir.toString(), dir.resolve("go.mod").toString(), "", "");
    } else {
      boolean itself = r.get().newPath().equals(m.path().toString()) && rv.equals(m.version().toString());
      replace = fromCache(r.get().newPath(), rv, false, goVersion, !itself,
          () -> updates ? status(g, r.get().newPath(), rv) : Status.NONE);
    }
    Status s = updates ? status(g, m.path().toString(), m.version().toString()) : Status.NONE;
    // moduleInfo gives a replaced module its replacement's retraction; -u's addRetraction of the
    // module itself then replaces it when the module's latest go.mod retracts the version
    List<String> retracted = s.retracted.isEmpty() ? replace.retracted() : s.retracted;
    return new ListedModule(m.path().toString(), m.version().toString(), false, !direct, replace.goVersion(),
        Optional.of(replace), s.update, retracted, s.deprecated, s.error, Optional.empty(), replace.dir(),
        replace.goMod(), "", "");
  }

  /**
   * A {@code path@query} argument's module as go lists it (moduleInfo without requirements): the
   * resolved version, not its replacement, never indirect; its go line from the graph, else from
   * its go.mod, fetched and verified whatever go.sum holds.
   *
   */
  ListedModule queried(ModuleGraph g, ModuleVersion mv, boolean updates) {
    // the graph holds a replaced version's replacement's go.mod: go reads the version's own
    Optional<GoModFile> loaded = g.replacement(mv).isPresent() ? Optional.empty() : g.goMod(mv);
    String path = mv.path().toString();
    String version = mv.version().toString();
    return fromCache(path, version, false, loaded.flatMap(GoModFile::goVersion).orElse(""), false,
        () -> updates ? status(g, path, version) : Status.NONE, false);
  }

  private ListedModule fromCache(String pathText, String version, boolean indirect, String goVersion,
      boolean goVersionNeedsSum, Supplier<Status> s) {
    return fromCache(pathText, version, indirect, goVersion, goVersionNeedsSum, s, checkSums);
  }

  /**
   * modload's completeFromModCache for a module version: its time from its info (the module
   * cache, else its route), and, where go.sum has the hash (go's default -mod=readonly) or
   * {@code checkSums} is off, its go line when the graph did not load its go.mod, its cached
   * go.mod, its complete extracted directory and go.sum's hashes. What {@code -u} adds ({@code
   * status}) is asked after, as go's addUpdate, addRetraction and addDeprecation run once
   * moduleInfo is done: the version's {@code .info} is requested before an update query's
   * {@code @latest} could answer it (go's -x shows that order's requests).
   */
  private ListedModule fromCache(String pathText, String version, boolean indirect, String goVersion,
      boolean goVersionNeedsSum, Supplier<Status> status, boolean checkSums) {
    Optional<OffsetDateTime> time = Optional.empty();
    boolean numericZeroOffset = false;
    String error = "";
    String dir = "";
    String goModFile = "";
    String sum = "";
    String goModSum = "";
    ModuleVersion mv = null;
    try {
      mv = ModuleVersion.of(ModulePath.parse(pathText), Version.parse(version));
    } catch (IllegalArgumentException e) {
      error = e.getMessage();
    }
    if (mv != null) {
      try {
        VersionInfo info = client.queryInfo(mv);
        time = Optional.of(info.offsetTime());
        numericZeroOffset = info.numericZeroOffset();
      } catch (GoProxyException | RuntimeException e) {
        Optional<VersionInfo> replaced = replacedVersionInfo(mv);
        if (replaced.isPresent()) {
          time = Optional.of(replaced.get().offsetTime());
          numericZeroOffset = replaced.get().numericZeroOffset();
        } else {
          error = Lookup.errorText(e);
        }
      }
      GoSum goSum = build.goSum();
      List<String> goModHashes = goSum.goModHashes(mv);
      if (goVersion.isEmpty() && (!checkSums || !goModHashes.isEmpty())) {
        goVersion = goLineOf(mv);
      }
      if (checkSums && goModHashes.isEmpty()) {
        if (goVersionNeedsSum) {
          // a replacement's go line: go reads its go.mod only where go.sum vouches for it (the
          // graph's go line is recorded under the replacement, not the replaced module)
          goVersion = "";
        }
      } else {
        Path f = client.moduleCache().usable() ? client.moduleCache().file(mv, "mod") : null;
        if (f != null && Files.isRegularFile(f)) {
          goModFile = f.toString();
        }
        goModSum = recorded(goModHashes);
      }
      List<String> zipHashes = goSum.zipHashes(mv);
      if (!checkSums || !zipHashes.isEmpty()) {
        if (client.moduleCache().isExtracted(mv)) {
          dir = client.moduleCache().extractedDir(mv).toString();
        }
        sum = recorded(zipHashes);
      }
    }
    Status s = status.get();
    return new ListedModule(pathText, version, false, indirect, goVersion, Optional.empty(), s.update, s.retracted,
        s.deprecated, error.isEmpty() ? s.error : error, time, dir, goModFile, sum, goModSum, "", List.of(),
        Optional.empty(), numericZeroOffset);
  }

  /** The go line of the go.mod in a directory replacement's directory, {@code ""} when it has none or cannot be read. */
  private String directoryGoLine(Path dir) {
    try {
      // under go's shared lock, as every go.mod read (rawGoModData's lockedfile.Read)
      byte[] data = LockedFile.read(dir.resolve("go.mod"));
      return GoModFile.parse(dir.resolve("go.mod").toString(), data, build.graph().goRelease()).goVersion().orElse("");
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * modload's rawGoModSummary for a go.mod the graph did not load (a module a pruned module
   * requires): its go line, the go.mod fetched (verified and cached) when it is not cached yet;
   * "" when it cannot be had, as go ignores that error.
   */
  private String goLineOf(ModuleVersion mv) {
    try {
      ModFetch fetch = client.fetchWith(build.goSum());
      byte[] data = fetch.goMod(fetch.lookup().route(mv.path()), mv).data();
      goModsRead.add(mv);
      readForArguments.add(mv);
      // as the release reads a dependency's go.mod (go1.19 and go1.20 cut 1.21.0 to 1.21)
      return GoModFile.parse(mv + "/go.mod", data, build.graph().goRelease()).goVersion().orElse("");
    } catch (GoProxyException | RuntimeException e) {
      return "";
    }
  }

  /**
   * go's rawGoVersion for a version of the build at this point of a listing: the go line of its
   * go.mod when this lister has read it (an earlier argument's, listed without the build or with
   * {@code -mod=mod}; a query's retraction check of the latest version), which go remembers for
   * every later argument listing that version, where go.sum would not vouch for its go.mod (not
   * {@code -u}'s reads, which go makes after the arguments); "" when it has not been read or has
   * no go line, or goproxy could not cache its go.mod (the line is read back from the module cache).
   */
  String rememberedGoLine(ModuleVersion mv) {
    if (!readForArguments.contains(mv) || !client.moduleCache().usable()) {
      return "";
    }
    // the verified go.mod the read cached: no second fetch (nor checksum database lookup) for it
    Path f = client.moduleCache().file(mv, "mod");
    try {
      return GoModFile.parse(mv + "/go.mod", Files.readAllBytes(f), build.graph().goRelease()).goVersion().orElse("");
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }

  /** modfetch's RecordedSum: the one h1: hash go.sum holds, "" when its h1: lines conflict. */
  private static String recorded(List<String> hashes) {
    String found = "";
    for (String h : hashes) {
      if (h.startsWith("h1:")) {
        if (!found.isEmpty() && !found.equals(h)) {
          return "";
        }
        found = h;
      }
    }
    return found;
  }

  /**
   * What {@code -u} adds to a {@code path@query} argument whose query failed, listed with the query
   * as its version and the failure as its error: go's list runs addUpdate, addRetraction and
   * addDeprecation on every listed module, so a query that is a semantic version ({@code v1},
   * {@code v0}) gets the upgrade from it and its retraction, and any query the module's
   * deprecation (their own failures are dropped: the module has an error already).
   */
  ListedModule withStatus(ModuleGraph g, ListedModule failed) {
    Status s = status(g, failed.path(), failed.version());
    return new ListedModule(failed.path(), failed.version(), false, false, "", Optional.empty(), s.update,
        s.retracted, s.deprecated, failed.error());
  }

  /** What -u adds to one module version. */
  private static final class Status {
    static final Status NONE = new Status();
    Optional<ListedModule> update = Optional.empty();
    List<String> retracted = List.of();
    String deprecated = "";
    String error = "";
  }

  private Status status(ModuleGraph g, String pathText, String version) {
    Status s = new Status();
    ModulePath path;
    try {
      path = ModulePath.parse(pathText);
    } catch (IllegalArgumentException e) {
      return s;
    }
    // addUpdate: Query(path, "upgrade", current, CheckAllowed), in this build (its replace
    // directives add versions, its go.sum verifies the latest go.mod the retraction check reads)
    try {
      VersionInfo u = query(path, "upgrade", Optional.of(Version.parse(version)),
          v -> excluded.contains(pathText + " " + v), false, goModsRead::add);
      if (Version.compare(u.version(), version) > 0) {
        s.update = Optional.of(new ListedModule(pathText, u.version(), false, false, "", Optional.empty(),
            Optional.empty(), List.of(), "", "", Optional.of(u.offsetTime()), "", "", "", "", "", List.of(),
            Optional.empty(), u.numericZeroOffset()));
      }
    } catch (NotFoundException e) {
      // no matching version: no update
    } catch (GoProxyException | RuntimeException e) {
      s.error = Lookup.errorText(e);
    }
    // addRetraction and addDeprecation: the module's latest go.mod, unless every version of it is replaced
    if (g.pathReplacement(pathText).isPresent()) {
      return s;
    }
    Query.Retraction r = retraction(path, version);
    s.retracted = r.rationales();
    s.deprecated = r.deprecation();
    if (s.error.isEmpty() && !r.loadError().isEmpty()) {
      // addRetraction's error (addDeprecation's, from the same go.mod, would come after it)
      s.error = retractionLoadingError(pathText, version, r.loadError());
    }
    return s;
  }
}
