package io.github.goproxy4j.client;

import io.github.goproxy4j.client.internal.ColdStart;
import io.github.goproxy4j.client.internal.JdkHttpTransport;
import io.github.goproxy4j.client.internal.TracingTransport;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoVersionFlag;
import io.github.goproxy4j.toolchain.GoToolchain;
import io.github.goproxy4j.toolchain.Platform;
import io.github.goproxy4j.toolchain.ToolchainSelection;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.sumdb.ChecksumDatabase;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Fetches modules through Go module proxies exactly as the go command does: the same proxy
 * list and per-request fallback, the same requests, the same checks and error messages, the
 * same verification against go.sum and the checksum database, and the same module cache.
 *
 * <pre>{@code
 * try (GoProxyClient client = GoProxyClient.builder().env(GoEnv.fromSystem()).build()) {
 *   ModulePath text = ModulePath.parse("golang.org/x/text");
 *   VersionInfo latest = client.latest(text);
 *   DownloadedModule d = client.download(ModuleVersion.of(text, Version.parse(latest.version())));
 *   System.out.println(d.dir() + "\n" + d.goSumLines());
 * }
 * }</pre>
 *
 * <p><b>Flow of a download</b> (as in go): the version's {@code .info} and {@code .mod} are taken
 * from the module cache when present, otherwise fetched through the route's proxies; the go.mod
 * hash is checked against the {@linkplain Builder#goSum go.sum lines} and, when the route names
 * a checksum database, against that database before the zip is fetched; the zip is streamed to
 * a temporary file (at most 500 MiB), its entries are checked to start with
 * {@code <path>@<version>/}, it is hashed and checked the same way, and only then renamed into
 * the cache and extracted with x/mod's zip rules. A mismatch throws
 * {@link ChecksumMismatchException} with go's {@code SECURITY ERROR} text and leaves nothing in
 * the cache.
 *
 * <p><b>Failures</b> are {@link GoProxyException}s carrying every request made:
 * {@link ModuleNotFoundException} when every source said "not found",
 * {@link ProxyUnavailableException} for other proxy failures,
 * {@link DirectAccessRequiredException} when version control is needed and no
 * {@link DirectFetcher} is set, {@link ChecksumMismatchException} for verification failures.
 * Messages are go's.
 *
 * <p><b>Differences from go</b>: the HTTP layer has finite default timeouts (go has none and
 * can hang forever); list, {@code .info} and {@code .mod} bodies are limited to 32 MiB (go reads
 * them whole, unbounded); a download of a version also fetches its {@code .mod} before the zip,
 * so that the go.mod is verified first. Two differences come from {@code java.net.http}: the
 * status text in {@code reading <url>: <status>} is the standard one ({@code 500 Internal Server
 * Error}) where go, over HTTP/1.1, prints the server's own reason phrase; and the JDK repeats a
 * GET once when a new connection closes before any answer, where go asks once.
 *
 * <p><b>Requests per call</b>: a call that stands for a run of the go command ({@code listModules},
 * {@code moduleGraph}, {@code modDownloadResult}, {@code modGraph}, {@code query}, ...) asks each
 * proxy for a module's list (per query prefix), a version's info, its go.mod and {@code @latest}
 * at most once, a failure as well as an answer, as go's {@code cachingRepo} does for a run; the
 * next call asks again (beyond what the module cache holds), so a long-lived client sees what a
 * proxy publishes meanwhile, as the next run of go does.
 *
 * <p>Thread-safe: one client can serve many threads; concurrent downloads of the same version
 * are done once. Close it to release its threads and connections.
 */
public final class GoProxyClient implements AutoCloseable {
  private final ProxyResolver resolver;
  private final Transport transport;
  private final boolean closeTransport;
  /** {@link #transport}, or it traced as go's {@code -x} traces ({@link Builder#httpTrace}): what fetches use. */
  private final Transport traced;
  private final ModuleCache cache;
  private final SumCheck sums;
  private final ModFetch fetch;
  /** {@link Builder#warnings}' default: logged at WARN (a class, not a lambda: see ColdStart). */
  private static final class LoggedWarnings implements Consumer<String> {
    @Override
    public void accept(String line) {
      LoggerFactory.getLogger(GoProxyClient.class).warn("{}", line);
    }
  }

  /** Where go's go-on warnings go ({@link Builder#warnings}). */
  private final Consumer<String> warnings;
  private final Query query;
  private final ProgressEvents events;
  private final int parallelism;
  private final ConcurrentHashMap<ModuleVersion, CompletableFuture<DownloadedModule>> inflight =
      new ConcurrentHashMap<>();
  private final ExecutorService executor;
  /** Extra threads extracting one large zip on more than one core (see CacheWriter). */
  private final ThreadPoolExecutor unzipHelpers;
  private final AtomicBoolean closed;
  /** Whether this is one call's view of a client ({@link #perCommand}). */
  private final boolean perCommand;

  private GoProxyClient(Builder b) {
    this.resolver = b.resolver != null ? b.resolver : ProxyResolver.of(b.env);
    GoEnv env = resolver.env();
    if (b.transport != null) {
      this.transport = b.transport;
      this.closeTransport = false;
    } else {
      this.transport = JdkHttpTransport.create(env, b.httpSettings);
      this.closeTransport = true;
    }
    this.traced = b.httpTrace == null ? transport : new TracingTransport(transport, b.httpTrace);
    this.unzipHelpers = CacheWriter.helperPool();
    this.cache = b.cache != null ? b.cache : ModuleCache.fromEnv(env);
    this.sums = new SumCheck(b.goSum, b.checksumDatabase, resolver, traced, cache);
    this.warnings = b.warnings != null ? b.warnings : new LoggedWarnings();
    this.fetch = new ModFetch(new Lookup(resolver, traced, b.directFetcher, b.maxZip), sums,
        cache, env.goVersion(), unzipHelpers, warnings);
    this.query = new Query(fetch);
    this.events = new ProgressEvents(b.listener);
    this.parallelism = b.parallelism;
    this.executor = Executors.newFixedThreadPool(parallelism, new DaemonThreads("goproxy4j-download-"));
    this.closed = new AtomicBoolean();
    this.perCommand = false;
  }

  private GoProxyClient(GoProxyClient of) {
    this.resolver = of.resolver;
    this.transport = of.transport;
    this.closeTransport = false;
    this.traced = of.traced;
    this.cache = of.cache;
    this.sums = of.sums.perCommand();
    this.unzipHelpers = of.unzipHelpers;
    this.warnings = of.warnings;
    this.fetch = new ModFetch(of.fetch.lookup().perCommand(), sums, cache, resolver.env().goVersion(), unzipHelpers,
        warnings);
    this.query = new Query(fetch);
    this.events = of.events;
    this.parallelism = of.parallelism;
    this.executor = of.executor;
    this.closed = of.closed;
    this.perCommand = true;
  }

  /**
   * This client for one call that stands for one run of the go command (a list, a graph load, a
   * download of queries, a query): the same client but for its lookup, whose repos remember each
   * proxy's answers (and failures) for the call, as go's {@code cachingRepo} does for a run
   * ({@link Lookup#perCommand}), so each request go makes once is made once. Nothing is remembered
   * past the call: the next one asks the proxies again, as the next run of go does. A view's own
   * view is itself, so a call made inside another shares its memo.
   */
  private GoProxyClient perCommand() {
    return perCommand ? this : new GoProxyClient(this);
  }

  /**
   * Daemon threads named {@code prefix} and a number (a class, not a lambda: it is built with
   * every client, on the cold path of a short command).
   */
  static final class DaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger n = new AtomicInteger();

    DaemonThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  /**
   * Starts a builder. With no settings the client behaves like the go command on this machine
   * ({@link GoEnv#fromSystem()}, its GOMODCACHE, GOPROXY, GOSUMDB, …).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the module cache this client reads and writes.
   *
   * @return the cache
   */
  public ModuleCache moduleCache() {
    return cache;
  }

  /**
   * Lists a module's tagged versions ({@code @v/list}): go's rules (first field of each line,
   * valid semver, pseudo-versions dropped, kept as written, sorted by semver).
   *
   * @param path the module path
   * @return the versions, oldest first
   * @throws GoProxyException if no source answered
   */
  public List<Version> versions(ModulePath path) throws GoProxyException {
    Objects.requireNonNull(path, "path");
    checkOpen();
    return fetch.versions(path);
  }

  /**
   * Returns the info of a version or revision ({@code @v/<rev>.info}). A canonical version is
   * answered from the module cache when present, as go does; a fetched canonical info is
   * cached. A revision (branch, tag, commit) is passed to the proxy as written.
   *
   * @param module the module version
   * @return the info
   * @throws GoProxyException if no source has it
   */
  public VersionInfo info(ModuleVersion module) throws GoProxyException {
    Objects.requireNonNull(module, "module");
    checkOpen();
    return fetch.stat(module.path(), module.version().toString());
  }

  /**
   * {@link #info} as go's {@code modload.Query} of a canonical version answers it where go lists a
   * module ({@code go list -m}'s and {@code go mod download}'s info of each listed module): the
   * GOPROXY list is walked first, so an invalid GOPROXY fails it even when the module cache holds
   * the {@code .info} ({@link Lookup#checkProxyList}); GOPROXY=off still answers from the cache.
   */
  VersionInfo queryInfo(ModuleVersion module) throws GoProxyException {
    checkProxyList(module);
    return info(module);
  }

  /** {@link Lookup#checkProxyList} for a module go queries ({@link #queryInfo}) before it downloads it. */
  void checkProxyList(ModuleVersion module) throws GoProxyException {
    fetch.lookup().checkProxyList(module.path(), module + ": ");
  }

  /**
   * Resolves {@code latest} as go does ({@code go list -m path@latest}): the highest release in
   * {@code @v/list}, else the highest prerelease, else {@code @latest}, skipping versions
   * retracted by the latest go.mod.
   *
   * @param path the module path
   * @return the info, with retraction and deprecation status
   * @throws GoProxyException if it cannot be resolved
   */
  public VersionInfo latest(ModulePath path) throws GoProxyException {
    return query(path, "latest", Optional.empty());
  }

  /**
   * Resolves a version query with go's forms and order: {@code latest}, {@code upgrade},
   * {@code patch} (these two take the current version), {@code v1} / {@code v1.2} prefixes,
   * {@code <v}, {@code <=v}, {@code >v}, {@code >=v} ranges, an exact version (one
   * {@code .info} request), or a revision (branch, tag, commit hash). Versions retracted by the
   * module's latest go.mod are skipped except when named exactly; the result says whether it is
   * retracted and whether the module is deprecated.
   *
   * @param path the module path
   * @param query the query
   * @param current the version currently required, if any
   * @return the info of the selected version
   * @throws GoProxyException if it cannot be resolved ({@code no matching versions for query
   *     "<q>"} included)
   * @throws IllegalArgumentException for an invalid query, with go's message
   */
  public VersionInfo query(ModulePath path, String query, Optional<Version> current)
      throws GoProxyException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(current, "current");
    checkOpen();
    return perCommand().query.query(path, query, current.map(Version::toString).orElse(""));
  }

  /** {@link #query} never answering a version {@code excluded} names (go's CheckAllowed: a main module's excludes). */
  VersionInfo query(ModulePath path, String query, Optional<Version> current, Predicate<String> excluded)
      throws GoProxyException {
    return query(path, query, current, excluded, false);
  }

  /** {@link Query#query(ModulePath, String, String, Predicate, boolean)}: {@code allowAll} for {@code list -m -retracted path@query}. */
  VersionInfo query(ModulePath path, String query, Optional<Version> current, Predicate<String> excluded,
      boolean allowAll) throws GoProxyException {
    return query(path, query, current, excluded, allowAll, m -> { });
  }

  /** {@link Query#query(ModulePath, String, String, Predicate, boolean, Consumer)}: with the go.mod the retraction check read. */
  VersionInfo query(ModulePath path, String query, Optional<Version> current, Predicate<String> excluded,
      boolean allowAll, Consumer<ModuleVersion> goModRead) throws GoProxyException {
    checkOpen();
    return this.query.query(path, query, current.map(Version::toString).orElse(""), excluded, allowAll, goModRead);
  }

  /** {@link Query#queryAllowingAll}: moduleInfo's query of a module outside the build. */
  VersionInfo queryAllowingAll(ModulePath path, String query) throws GoProxyException {
    checkOpen();
    return this.query.queryAllowingAll(path, query);
  }

  /**
   * Resolves {@code query} as go's modload.ModuleInfo does for go list's template function
   * {@code module "path@query"} (moduleInfo of a module outside the build): modload.Query with no
   * current version and every version allowed (nothing excluded, no retraction read), in the
   * module mode {@code go list} has in {@code dir}. Unlike {@link #listModules(Path, List, ListFlags,
   * java.util.function.Consumer) list}'s {@code path@query}, a failure carries Query's own text:
   * under {@code -mod=vendor} {@code cannot query module due to -mod=vendor} (and the mode's
   * reason), with {@code GOPROXY=off} {@code module lookup disabled by GOPROXY=off}, with no
   * {@code path@query: } before them. A main module's {@code upgrade} or {@code patch} is its
   * empty version with a zero time, as go's queryProxy answers it. Where a {@code replace}
   * directive of the main modules (or go.work) names the path, go's replacementRepo answers as for
   * {@code list -m path@query}: the replaced versions listed and resolvable without the proxy
   * (time zero), a higher replaced version winning {@code latest}; go.sum's lines check what go.mod
   * the query reads. Only the version's {@code .info} is cached (a query that
   * lists versions reads the proxy's list, which go does not cache either).
   *
   * <pre>{@code
   * VersionInfo v = client.moduleInfoQuery(Path.of("."), "example.com/b", "v1.2");
   * }</pre>
   *
   * @param dir the directory go list runs in
   * @param path the module path
   * @param query the version or query
   * @return the resolved version's info
   * @throws GoProxyException Query's failure, with go's text (a version that matches nothing:
   *     {@code module path: no matching versions for query "v1.9"}, as list words it)
   * @throws IllegalArgumentException for a path that is no module path, or an invalid query
   * @throws UnsupportedOperationException where workspace modules' {@code replace} directives
   *     replace a version of the path differently (go prints that at each lookup: not modelled)
   */
  public VersionInfo moduleInfoQuery(Path dir, String path, String query) throws GoProxyException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    checkOpen();
    return ListModules.moduleInfoQuery(perCommand(), resolver.env(), dir, path, query);
  }

  /**
   * The go.mod of a canonical version as go list's template function {@code module
   * "path@version"} reads it for the go line (modload's rawGoModSummary through modfetch.GoMod),
   * also after the version's lookup failed, in the module mode {@code go list} has in {@code dir}:
   * the cached go.mod, else the proxy's (then cached), each checked as go's checkGoMod does:
   * against the main modules' go.sum lines first (go.work.sum and the modules' go.sum files in a
   * workspace), which spares the checksum database, else the checksum database. A cached go.mod
   * that fails its check is fetched again; under {@code -mod=vendor} the cache alone answers. The
   * module line is not checked.
   *
   * <pre>{@code
   * byte[] mod = client.moduleInfoGoMod(Path.of("."), ModuleVersion.of("example.com/b", "v1.2.0"));
   * }</pre>
   *
   * @param dir the directory go list runs in
   * @param module the module version; its version must be canonical
   * @return the go.mod's bytes
   * @throws ChecksumMismatchException where go.sum contradicts it (go's {@code SECURITY ERROR},
   *     which ends the go command) or the checksum database does
   * @throws GoProxyException where it cannot be had (go goes on without a go line)
   */
  public byte[] moduleInfoGoMod(Path dir, ModuleVersion module) throws GoProxyException {
    Objects.requireNonNull(dir, "dir");
    checkCanonical(module);
    checkOpen();
    return ListModules.moduleInfoGoMod(perCommand(), resolver.env(), dir, module);
  }

  /**
   * The go.work file go uses in {@code dir} (modload's FindGoWork: GOWORK, else the nearest
   * go.work from {@code dir} up, none under {@code GOWORK=off} or {@code GO111MODULE=off}).
   *
   * @param dir the directory a command runs in
   * @return the file, empty outside a workspace
   * @throws GoProxyException for a GOWORK go refuses (not absolute)
   */
  public Optional<Path> workspaceFile(Path dir) throws GoProxyException {
    Objects.requireNonNull(dir, "dir");
    checkOpen();
    GoEnv env = resolver.env();
    return ModuleGraphLoader.go111Module(env).equals("off") ? Optional.empty() : ModuleGraphLoader.findGoWork(dir, env);
  }

  /**
   * The directory go reads a relative directory replacement's go.mod from in {@code dir}
   * (modload's replaceRelativeTo): go.work's directory in a workspace, else the main module's
   * root, else (outside a module) {@code dir}.
   *
   * @param dir the directory a command runs in
   * @return the directory, absolute
   * @throws GoProxyException with go's text for a GOWORK go refuses
   */
  public Path replaceRelativeTo(Path dir) throws GoProxyException {
    Objects.requireNonNull(dir, "dir");
    checkOpen();
    return ListModules.replaceRelativeTo(resolver.env(), dir);
  }

  /** {@link Query#versions}: {@code go list -m -versions}' list of one module. */
  Query.Versions versions(ModulePath path, Predicate<String> excluded, boolean withRetracted) throws GoProxyException {
    checkOpen();
    return this.query.versions(path, excluded, withRetracted);
  }

  /** {@return the go release whose behaviour this client follows ({@link GoEnv#goVersion()})} */
  String goRelease() {
    return resolver.env().goVersion();
  }

  /** {@link Query#retraction}: {@code go list -m -retracted}'s check of one version. */
  Query.Retraction retraction(ModulePath path, String version) {
    checkOpen();
    return this.query.retraction(path, version);
  }

  /**
   * Returns the verified go.mod of a version ({@code @v/<v>.mod}); from the module cache when
   * present (re-verified), else fetched, verified and cached. The module line must declare the
   * requested path.
   *
   * @param module the module version; its version must be canonical
   * @return the bytes
   * @throws GoProxyException if it cannot be fetched, or does not verify
   *     ({@link ChecksumMismatchException}), or declares another module path
   */
  public byte[] goMod(ModuleVersion module) throws GoProxyException {
    checkCanonical(module);
    checkOpen();
    return fetch.goMod(module);
  }

  private static void checkCanonical(ModuleVersion module) {
    Objects.requireNonNull(module, "module");
    if (!module.version().isCanonical()) {
      throw new IllegalArgumentException(module.path() + "@" + module.version()
          + ": non-canonical module version " + InfoJson.goQuote(module.version().toString()));
    }
  }

  // ------------------------------------------------------------------ module graph

  /**
   * The hash of {@code module}'s go.mod this command verified (go's in-memory go.sum), for
   * {@link GoSumWriter}; empty when it verified none, and always outside a command's view.
   */
  Optional<ModuleHash> verifiedGoMod(ModuleVersion module) {
    return sums.verifiedGoMod(module);
  }

  /** The go.mod path verifying against other go.sum lines (a main module's): for ModuleGraphLoader. */
  ModFetch fetchWith(GoSum goSum) {
    return new ModFetch(fetch.lookup(), sums.withGoSum(goSum), cache, resolver.env().goVersion(),
        unzipHelpers, warnings);
  }

  /** {@link #fetchWith} for a graph load: the download pool, idle then, writes the list files. */
  ModFetch graphFetchWith(GoSum goSum) {
    return fetchWith(goSum).deferringVersionLists(executor);
  }

  /**
   * Loads the module graph of the main module in {@code dir} (or the nearest parent directory
   * with a go.mod) as the go command of {@link GoEnv#goVersion()} does for {@code go list -m all}
   * and {@code go mod graph}: the go.mod is read strictly, dependency go.mod files are fetched
   * through each module's route, verified against the module's go.sum (a missing line is go's
   * {@code missing go.sum entry for go.mod file} error) and the checksum database, and cached in
   * GOMODCACHE so that go can then work offline; the requirements must be consistent (else
   * {@code updates to go.mod needed}), as with go's default {@code -mod=readonly}.
   *
   * <pre>{@code
   * ModuleGraph g = client.moduleGraph(Path.of("."));
   * System.out.print(g.listText());    // byte-identical to `go list -m all`
   * }</pre>
   *
   * @param dir the main module's directory, or a directory below it
   * @return the graph; in a workspace whose modules' go.mod files replace one module version
   *     differently, go prints the load's {@link ModuleGraph#replacementErrors()} as it goes on
   *     with the earlier directive, and {@code go list -m all} then lists and exits with status 1
   * @throws GoProxyException with go's message when go.mod is missing or malformed or a go.mod
   *     cannot be fetched or verified ({@link io.github.goproxy4j.mvs.ModuleGraphException}), and
   *     up to go1.21 when GOPATH's first entry holds a go.mod ({@code $GOPATH/go.mod exists but
   *     should not}; see {@link #moduleModeWarnings(Path, boolean)})
   */
  public ModuleGraph moduleGraph(Path dir) throws GoProxyException {
    Objects.requireNonNull(dir, "dir");
    checkOpen();
    // what the graph's first fetches need, on another thread while go.mod and go.sum are read
    ColdStart.begin();
    return ModuleGraphLoader.load(perCommand(), resolver.env(), dir, false, parallelism, ModuleGraphLoader.InitMode.MOD);
  }

  /**
   * Lists the modules of the main module's build like {@code go list -m all}, or with
   * {@code updates} like {@code go list -m -u all}: the main module, then every selected module
   * (sorted by path) with its replacement; with updates also the newer version an
   * {@code upgrade} query finds, whether the module's latest go.mod retracts the selected version,
   * and its deprecation. Each element's {@code toString()} is go's line. In a workspace, as go
   * does, a listing without {@code updates} adds the checksums it had to verify beyond the
   * workspace's go.sum files to go.work.sum. Like go, this fails in vendor mode (a vendor
   * directory beside a go.mod at go 1.14 or later, or {@code GOFLAGS=-mod=vendor}); use
   * {@link #moduleGraph(Path)}, which does not consult the vendor directory, or set
   * {@code GOFLAGS=-mod=readonly}.
   *
   * <pre>{@code
   * client.listModules(Path.of("."), true).forEach(System.out::println);
   * }</pre>
   *
   * @param dir the main module's directory, or a directory below it
   * @param updates whether to query updates, retractions and deprecations ({@code -u})
   * @return the modules in go's order
   * @throws GoProxyException as {@link #moduleGraph(Path)}
   */
  public List<ListedModule> listModules(Path dir, boolean updates) throws GoProxyException {
    return listModules(dir, List.of("all"), updates, w -> {});
  }

  /**
   * Lists modules like {@code go list -m [-u] args}: without arguments the main module(s);
   * otherwise for each argument in turn, {@code all} or a {@code ...} pattern adds the modules of
   * the build it matches that no earlier one added (a pattern adding none is reported to
   * {@code warnings} with go's text), and a module path its selected version. The {@code -mod}
   * mode is go's for {@code go list}: GOFLAGS's {@code -mod}, else {@code vendor} when a vendor
   * directory sits beside a go.mod at go 1.14 or later; in vendor mode the answers come from
   * vendor/modules.txt (checked against go.mod as go checks it) and {@code all}, patterns and
   * {@code updates} fail with go's message. With {@code GOFLAGS=-mod=mod} the build is loaded as
   * go loads it (go.sum need not vouch for every go.mod: the checksum database does) and go.sum
   * gains the lines go adds, and go.mod is rewritten where go rewrites it: a go.mod without a go
   * line (the go line, the converted requirements), an untidy one (requirements raised to the
   * selected versions, duplicates merged, excluded versions dropped, from go1.21 the go line
   * raised); without {@code -mod=mod} such a go.mod fails with go's {@code updates to go.mod
   * needed}. As go, a path the main module's go.mod requires (at go 1.17 or later) is
   * answered from go.mod without loading the module graph.
   *
   * <pre>{@code
   * client.listModules(Path.of("."), List.of("golang.org/x/..."), false, System.err::println)
   *     .forEach(System.out::println);
   * }</pre>
   *
   * @param dir the main module's directory, or a directory below it
   * @param args go's arguments: {@code all}, patterns, module paths, {@code path@query}
   * @param updates whether to query updates, retractions and deprecations ({@code -u})
   * @param warnings receives go's warning lines
   * @return the modules in go's order
   * @throws GoProxyException as {@link #moduleGraph(Path)}; as {@code go list -m} without
   *     {@code -e}, for arguments naming no module of the build and for modules whose information
   *     (with {@code updates}, whose update) cannot be looked up, one exception whose {@link
   *     io.github.goproxy4j.mvs.ModuleGraphException#goText()} holds go's line for each, in order;
   *     when the module graph fails to load, those of the graph as far as it loaded, then the
   *     graph's failure (its {@link io.github.goproxy4j.mvs.ModuleGraphException#partialGraph()}
   *     in the cause)
   */
  public List<ListedModule> listModules(Path dir, List<String> args, boolean updates, Consumer<String> warnings)
      throws GoProxyException {
    return listModules(dir, args, ListFlags.builder().updates(updates).build(), warnings);
  }

  /**
   * Lists modules like {@code go list -m} with {@code flags} ({@code -u}, {@code -versions}):
   * {@link #listModules(Path, List, boolean, Consumer)}, and with {@code -versions} each listed
   * module's (and module replacement's) available versions as go lists them: the route's tagged
   * versions without those the module's latest go.mod retracts (unless a main module replaces
   * every version of it) or a main module excludes; a named module the build lacks is listed
   * with its versions instead of failing, and the main module's own versions are looked up too
   * (its path usually has none, which fails as it fails go). Print {@link
   * ListedModule#versionsText()} for go's {@code -versions} lines, {@link
   * ListedModule#toJson(String)} for {@code -json}. With {@code -e} ({@link
   * ListFlags.Builder#allowErrors}) a module that fails is listed with its {@link
   * ListedModule#error()} instead.
   *
   * <p>Outside a module (no go.mod or go.work from {@code dir} up, with GO111MODULE on or unset)
   * it answers as go does there: {@code path@query} arguments and {@code -versions} of a path
   * work (an update bot's {@code go list -m -json example.com/m@latest}); without arguments go's
   * made-up main module {@code command-line-arguments} is listed, whose go version is the
   * environment's {@link io.github.goproxy4j.env.GoEnv#goVersion()} (go prints its own full
   * release there from go1.21); {@code all}, patterns and a path without a version or
   * {@code -versions} fail with go's message; nothing is written but the module cache.
   *
   * <pre>{@code
   * ListFlags versions = ListFlags.builder().versions(true).build();
   * for (ListedModule m : client.listModules(dir, List.of("golang.org/x/text"), versions, w -> {})) {
   *   System.out.println(m.versionsText());   // golang.org/x/text v0.1.0 v0.2.0 ...
   * }
   * }</pre>
   *
   * @param dir the main module's directory, or a directory below it; any directory for queries
   * @param args go's arguments: {@code all}, patterns, module paths, {@code path@query}
   * @param flags the flags
   * @param warnings receives go's warning lines
   * @return the modules in go's order
   * @throws GoProxyException as {@link #listModules(Path, List, boolean, Consumer)}; a module
   *     whose versions cannot be listed fails the listing with go's line for it
   */
  public List<ListedModule> listModules(Path dir, List<String> args, ListFlags flags, Consumer<String> warnings)
      throws GoProxyException {
    checkOpen();
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(warnings, "warnings");
    ColdStart.begin();
    return List.copyOf(ListModules.list(perCommand(), resolver.env(), dir, args, flags, warnings, parallelism));
  }

  /**
   * Whether go finds a main module or a workspace for a command run in {@code dir} (cmd/go's
   * modload.HasModRoot, which go list and go mod download ask before they refuse {@code -reuse}
   * inside a module): never with GO111MODULE=off; else a go.work GOWORK names or go finds from
   * {@code dir} up, or a go.mod from {@code dir} up (one in the system temp directory itself
   * ignored, as go ignores it). Nothing is read but the file system's directory entries.
   *
   * <pre>{@code
   * if (client.hasModRoot(Path.of("."))) System.err.println("go list -reuse cannot be used inside a module");
   * }</pre>
   *
   * @param dir the directory a command runs in
   * @return whether go has a main module (or workspace) there
   * @throws GoProxyException with go's text for a GO111MODULE or GOWORK go refuses
   */
  public boolean hasModRoot(Path dir) throws GoProxyException {
    checkOpen();
    Objects.requireNonNull(dir, "dir");
    return ListModules.hasModRoot(resolver.env(), dir);
  }

  /**
   * go's module set-up (modload.Init) alone, as {@code go list} runs it in {@code dir} before
   * anything else of BuildInit (its {@code -mod} and {@code -p} checks), for a caller that
   * reports a refusal go makes after it: in go's order, GO111MODULE (an unknown value fails,
   * {@code off} is GOPATH mode); GOFLAGS's {@code -modfile} refused in a workspace (go1.21 on)
   * and where no go.mod is found; a go.mod in the system temp directory itself ignored with a
   * warning; {@code -modfile} without {@code .mod} refused; GOFLAGS's {@code -mod} in a workspace
   * refused unless go takes it there; a go.mod in GOPATH's first entry a failure up to go1.21
   * ({@code $GOPATH/go.mod exists but should not}), from go1.22 a warning. Under
   * {@code GO111MODULE=auto} no go.mod (or only the temp root's) is GOPATH mode. With GOWORK=off
   * in the client's environment this is also {@code go mod edit}'s set-up (it never reads
   * go.work). Nothing is read but directory entries and GOFLAGS; nothing is fetched.
   *
   * <pre>{@code
   * boolean modules = client.moduleInit(dir, System.err::println); // go: warning: ignoring go.mod in system temp root /tmp
   * }</pre>
   *
   * @param dir the directory a command runs in
   * @param warnings receives go's warning lines ({@code go: warning: ...}), before any failure
   * @return whether module mode is on after it (go's cfg.ModulesEnabled); false for GOPATH mode
   * @throws GoProxyException with go's text for what Init refuses
   *     ({@link io.github.goproxy4j.mvs.ModuleGraphException})
   */
  public boolean moduleInit(Path dir, Consumer<String> warnings) throws GoProxyException {
    checkOpen();
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(warnings, "warnings");
    return ModuleGraphLoader.initAlone(resolver.env(), dir, warnings);
  }

  /**
   * Lists the main module like {@code go list -m} without arguments, or in a workspace every
   * module go.work uses, in its order. Only go.mod (or go.work and its modules' go.mod files) is
   * read and checked, as go reads it; the module graph is not loaded, so neither go.sum lines
   * nor the network are needed.
   *
   * <pre>{@code
   * String path = client.mainModules(Path.of(".")).get(0).path();
   * }</pre>
   *
   * @param dir the main module's directory, or a directory below it
   * @return the main modules
   * @throws GoProxyException with go's message when go.mod or go.work is missing or malformed
   */
  public List<ListedModule> mainModules(Path dir) throws GoProxyException {
    checkOpen();
    Objects.requireNonNull(dir, "dir");
    return List.copyOf(ListModules.mainModules(ModuleGraphLoader.mainModules(perCommand(), resolver.env(), dir)));
  }

  /**
   * Downloads what {@code go mod download} without arguments downloads in the main module of
   * {@code dir}, as the go command of {@link GoEnv#goVersion()} does: for a main module at go 1.17
   * or later the modules its go.mod requires (at their selected versions), else the whole build
   * list; a replaced module's replacement instead (none for a directory). Every go.mod and zip is
   * verified against the main module's go.sum, else the checksum database. go.mod and go.sum are
   * written as go writes them there (its mod commands run as {@code -mod=mod}: a go.mod without a
   * go line gains one, go.sum the go.mod checksums it verified; in a workspace go.work.sum);
   * nothing is written when the main module requires nothing. Afterwards
   * {@code GOFLAGS=-mod=mod GOPROXY=off go build ./...} builds the main module from this cache.
   *
   * <pre>{@code
   * for (DownloadedModule d : client.modDownload(Path.of("."))) {
   *   System.out.println(d.module() + " " + d.dir());
   * }
   * }</pre>
   *
   * @param dir the main module's directory, or a directory below it
   * @return the downloaded modules in go's order (empty when there is nothing to download)
   * @throws GoProxyException as {@link #moduleGraph(Path)}, or the first failed download with
   *     the others suppressed; in a workspace whose modules replace one module version
   *     differently, after the downloads, with the errors go printed as it went on
   *     ({@link ModDownloadResult#printedErrors()}), go.work.sum not written (go's exit status 1)
   */
  public List<DownloadedModule> modDownload(Path dir) throws GoProxyException {
    Objects.requireNonNull(dir, "dir");
    checkOpen();
    ColdStart.begin();
    // go runs its mod commands with -mod=mod: go.sum need not vouch for every go.mod
    GoProxyClient call = perCommand();
    return ModDownload.download(call,
        ModuleGraphLoader.loadBuild(call, resolver.env(), dir, true, parallelism, ModuleGraphLoader.InitMode.MOD));
  }

  /**
   * {@code go mod download} without arguments (and its {@code -json} form) in the main module or
   * workspace of {@code dir}, as the go command of {@link GoEnv#goVersion()} does: the same
   * modules as {@link #modDownload(Path)}, but a module that fails does not stop the others; each
   * module's entry carries its files or go's error text. Where go downloads the whole build list
   * (a main module below go 1.17, a workspace), a module graph that does not load completely does
   * not stop it either: the modules of the graph as far as it loaded are tried, and the graph's
   * failure is {@link ModDownloadResult#graphError()}. Neither does a workspace whose modules'
   * go.mod files replace one module version differently: go prints the conflict at each lookup
   * ({@link ModDownloadResult#printedErrors()}), goes on with the earlier directive and exits with
   * status 1.
   *
   * <pre>{@code
   * ModDownloadResult r = client.modDownloadResult(Path.of("."));
   * r.printedErrors().forEach(System.err::println);
   * r.modules().forEach(m -> System.out.print(m.toJson("1.27")));
   * }</pre>
   *
   * @param dir the main module's directory, or a directory below it
   * @return every module go tries, in go's order
   * @throws GoProxyException as {@link #moduleGraph(Path)}
   */
  public ModDownloadResult modDownloadResult(Path dir) throws GoProxyException {
    return modDownloadResult(dir, true);
  }

  /** {@link #modDownloadResult(Path)}, or without go's {@code -json}. */
  private ModDownloadResult modDownloadResult(Path dir, boolean json) throws GoProxyException {
    Objects.requireNonNull(dir, "dir");
    checkOpen();
    ColdStart.begin();
    GoEnv env = resolver.env();
    GoProxyClient call = perCommand();
    return ModDownload.result(call, env, ModuleGraphLoader.readMains(call, env, dir, ModuleGraphLoader.InitMode.MOD),
        json, parallelism);
  }

  /**
   * {@code go mod download -json path@query...}, as the go command of {@link GoEnv#goVersion()}
   * does: {@link #modDownloadResult(Path, List, boolean, Consumer)} with {@code json} and go's
   * lines for standard error dropped.
   *
   * <pre>{@code
   * ModDownloadResult r = client.modDownloadResult(Path.of("/tmp/empty"), List.of("golang.org/x/text@latest"));
   * r.modules().forEach(m -> System.out.print(m.toJson("1.27")));   // go mod download -json
   * }</pre>
   *
   * @param dir a directory outside any module, or in a main module or workspace
   * @param args go's arguments
   * @return every module go tries, in argument order
   * @throws GoProxyException as {@link #modDownloadResult(Path, List, boolean, Consumer)}
   */
  public ModDownloadResult modDownloadResult(Path dir, List<String> args) throws GoProxyException {
    return modDownloadResult(dir, args, true, line -> { });
  }

  /**
   * {@code go mod download [-json] [args]}, as the go command of {@link GoEnv#goVersion()} does.
   * Without arguments: {@link #modDownloadResult(Path)}. Outside a module (no go.mod or go.work
   * from {@code dir} up), as a repository manager runs it in an empty directory: each
   * {@code path@query} argument resolved as go resolves it ({@code @latest}, {@code @v1.2.3},
   * {@code @v1}, {@code >v1.2.0}, a revision), then downloaded, verified by the checksum database
   * and extracted into the module cache go shares; nothing else is written. In a main module or
   * workspace the arguments are answered as {@code go list -m} answers them there ({@code all}
   * and patterns the build list, a path its selected version, a query from the selected version;
   * an argument naming a main module is skipped with go's warning), each answer's replacement
   * downloaded instead, and go.sum (go.work.sum in a workspace) gains the checksums go keeps: the
   * go.mod and zip sums of the build list's modules, the go.mod sums of the graph. Each module's
   * entry carries its files, its {@code Query} and the proxy's {@code Origin} as the release
   * reports them, or go's error text; go's lines for standard error (the skipped main module, a
   * pattern matching nothing) go to {@code warnings} as they happen.
   *
   * <pre>{@code
   * ModDownloadResult r = client.modDownloadResult(Path.of("."), List.of("golang.org/x/text"), false,
   *     System.err::println);                    // go mod download golang.org/x/text
   * r.modules().forEach(m -> { if (!m.error().isEmpty()) System.err.println("go: " + m.error()); });
   * }</pre>
   *
   * @param dir a directory outside any module, or in a main module or workspace
   * @param args go's arguments
   * @param json go's {@code -json}: in a module go.sum is updated for what was downloaded even
   *     when a module failed or go printed errors as it went on
   *     ({@link ModDownloadResult#printedErrors()}); without it go leaves go.sum (go.work.sum)
   *     alone then
   * @param warnings receives go's lines for standard error, without line ends
   * @return every module go tries, in argument order
   * @throws GoProxyException with go's text for an argument go refuses, or when the main module's
   *     graph does not load
   */
  public ModDownloadResult modDownloadResult(Path dir, List<String> args, boolean json, Consumer<String> warnings)
      throws GoProxyException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(warnings, "warnings");
    checkOpen();
    ColdStart.begin();
    GoEnv env = resolver.env();
    // modload.Init's refusals and failure ($GOPATH/go.mod up to go1.21) before the main module is read
    ModuleGraphLoader.initChecks(env, dir, ModuleGraphLoader.InitMode.MOD);
    Optional<Path> work = ModuleGraphLoader.findGoWork(dir, env);
    if (work.isPresent() || ModuleGraphLoader.findModuleRoot(dir, env).isPresent()) {
      if (args.isEmpty()) {
        return modDownloadResult(dir, json);
      }
      // the checks above made: the main module files read once
      GoProxyClient call = perCommand();
      return ModDownload.insideModule(call, env, ModuleGraphLoader.readMains(call, env, dir, work), args, json, warnings,
          parallelism);
    }
    return ModDownload.outsideModule(perCommand(), env, dir, args, parallelism);
  }

  /**
   * The warning lines go's module set-up prints on standard error before {@code go mod download}
   * (and before {@code go list -m}, for which {@link #listModules(Path, List, ListFlags, Consumer)}
   * passes them to its own warnings) run in {@code dir}: {@link #moduleModeWarnings(Path, boolean)}
   * for a command that does not need a main module.
   *
   * <pre>{@code
   * client.moduleModeWarnings(dir).forEach(System.err::println); // go: warning: ignoring go.mod in system temp root /tmp
   * }</pre>
   *
   * @param dir the directory a command runs in
   * @return go's lines, each with its {@code go: } prefix; usually empty
   * @throws GoProxyException when GOWORK is set to a relative path (go's error)
   */
  public List<String> moduleModeWarnings(Path dir) throws GoProxyException {
    return moduleModeWarnings(dir, false);
  }

  /**
   * The warning lines go's module set-up ({@code modload.Init}) prints on standard error before a
   * module command run in {@code dir}; a caller that shows go's output prints them first, then
   * runs the command, which fails where go's set-up fails. Two rules of where a go.mod may not be:
   * <ul>
   *   <li>a go.mod in the system temp directory itself ({@code $TMPDIR}, else {@code /tmp}) is
   *       ignored (golang.org/issue/26708), so {@code dir} counts as outside any module;</li>
   *   <li>a go.mod in GOPATH's first entry: up to go1.21 every command fails
   *       ({@code $GOPATH/go.mod exists but should not}, no warning); from go1.22 it is
   *       ignored with a warning, after which a command that needs a main module fails with
   *       go's no-main-modules error even inside a module or workspace, while the others go on
   *       (in GOPATH itself with its go.mod as the main module, as go does).</li>
   * </ul>
   * Then, in a single main module whose go.mod reads, one line for each requirement on a version
   * the go.mod excludes ({@code go: dropping requirement on excluded version <path> <version>}):
   * these commands load with {@code -mod=mod}, which leaves the requirement out (and
   * {@code mod download} drops it from go.mod, as go does).
   *
   * <pre>{@code
   * client.moduleModeWarnings(dir, true).forEach(System.err::println); // before go mod graph
   * System.out.print(client.modGraph(dir).graphText());
   * }</pre>
   *
   * @param dir the directory a command runs in
   * @param needsMainModule {@code true} for {@code go mod graph} and {@code go mod verify}
   *     ({@link #modGraph(Path)}, {@link #modVerify(Path)}), which need a main module and so fail
   *     before these rules outside one; {@code false} for {@code go mod download} and
   *     {@code go list -m}
   * @return go's lines, each with its {@code go: } prefix; usually empty
   * @throws GoProxyException when GOWORK is set to a relative path (go's error)
   */
  public List<String> moduleModeWarnings(Path dir, boolean needsMainModule) throws GoProxyException {
    Objects.requireNonNull(dir, "dir");
    checkOpen();
    ModuleGraphLoader.InitMode mode = needsMainModule ? ModuleGraphLoader.InitMode.MOD_NEEDS_ROOT
        : ModuleGraphLoader.InitMode.MOD;
    ModuleGraphLoader.Init init = ModuleGraphLoader.init(resolver.env(), dir, mode);
    if (init.failure() != null) {
      return init.warnings();
    }
    List<String> lines = new ArrayList<>(init.warnings());
    try {
      // the mod commands load with -mod=mod: go drops a requirement on an excluded version
      lines.addAll(ModuleGraphLoader.excludedRequirementWarnings(ModuleGraphLoader.readMains(perCommand(), resolver.env(), dir,
          mode), true));
    } catch (GoProxyException | RuntimeException e) {
      // the command fails on the main module files itself, before go would print these
    }
    return lines;
  }

  /**
   * Checks the module cache like {@code go mod verify} in the main module of {@code dir}: for
   * each module of the build list that is in GOMODCACHE, its zip and its extracted directory must
   * still hash to the {@code .ziphash} recorded at download. Returns the lines go prints on
   * standard error ({@code <path> <version>: dir has been modified (<dir>)}, {@code zip has been
   * modified (<zip>)}, {@code missing ziphash: ...}); empty means go's {@code all modules
   * verified}.
   *
   * <pre>{@code
   * List<String> problems = client.modVerify(Path.of("."));
   * if (problems.isEmpty()) System.out.println("all modules verified");
   * }</pre>
   *
   * @param dir the main module's directory, or a directory below it
   * @return the problems, in build-list order
   * @throws GoProxyException as {@link #modGraph(Path)}
   */
  public List<String> modVerify(Path dir) throws GoProxyException {
    return modVerify(dir, modGraph(dir));
  }

  /**
   * {@link #modVerify(Path)} of a graph {@link #modGraph(Path)} loaded: {@code go mod verify} is
   * go's graph load, then this. go prints the load's {@link ModuleGraph#replacementErrors()} (a
   * workspace whose modules replace one module version differently) first, then the problems, or
   * {@code all modules verified} on standard output when there are none; with either its exit
   * status is 1.
   *
   * <pre>{@code
   * ModuleGraph g = client.modGraph(Path.of("."));
   * g.replacementErrors().forEach(System.err::println);
   * List<String> problems = client.modVerify(Path.of("."), g);
   * if (problems.isEmpty()) System.out.println("all modules verified");
   * }</pre>
   *
   * @param dir the directory go runs in (where go reads a ziphash from {@code hash} when it has no
   *     usable module cache)
   * @param graph the graph of the main module or workspace
   * @return the problems, in build-list order
   */
  public List<String> modVerify(Path dir, ModuleGraph graph) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(graph, "graph");
    checkOpen();
    return ModVerify.verify(cache, graph, dir, parallelism);
  }

  /**
   * Loads the module graph as {@code go mod graph} does: like {@link #moduleGraph(Path)}, but
   * with the {@code -mod=mod} go gives its {@code mod} commands, so a go.sum without a line for
   * a go.mod the graph needs is not an error (the go.mod is verified against the checksum
   * database instead) and neither are requirements that disagree with the selected versions.
   *
   * <pre>{@code
   * System.out.print(client.modGraph(Path.of(".")).graphText());   // go mod graph
   * }</pre>
   *
   * @param dir the main module's directory, or a directory below it
   * @return the graph; go prints its {@link ModuleGraph#replacementErrors()} first (a workspace
   *     whose modules replace a module version differently) and exits with status 1
   * @throws GoProxyException as {@link #moduleGraph(Path)}, but for the go.sum and consistency checks;
   *     from go1.22 also with go's no-main-modules error, as {@code go mod graph} fails, when
   *     GOPATH's first entry holds a go.mod (see {@link #moduleModeWarnings(Path, boolean)})
   */
  public ModuleGraph modGraph(Path dir) throws GoProxyException {
    return modGraph(dir, "");
  }

  /**
   * Loads the module graph as {@code go mod graph -go=goVersion} reports it: as
   * {@link #modGraph(Path)}, but with the main module's requirements as its go.mod states them
   * (not updated to the versions the graph selects) and, for a version below 1.17, the graph
   * unpruned, as that go would load it ({@link ModuleGraph.Builder#asGoVersion}).
   *
   * <pre>{@code
   * System.out.print(client.modGraph(Path.of("."), "1.16").graphText());   // go mod graph -go=1.16
   * }</pre>
   *
   * @param dir the main module's directory, or a directory below it
   * @param goVersion a Go version in the followed release's go.mod syntax, no newer than that
   *     release ({@code 1.16}; from go1.21 also {@code 1.21.3}; a release followed without its
   *     patch, {@code 1.27}, takes any go1.27 version), or {@code ""} for {@link #modGraph(Path)}
   * @return the graph
   * @throws IllegalArgumentException when go would refuse {@code -go=goVersion}, with go's reason
   *     ({@code expecting a Go version like "1.27"}, {@code maximum supported Go version is 1.27})
   * @throws GoProxyException as {@link #modGraph(Path)}; from go1.21 a main module (or go.work) at
   *     go 1.21 or later refuses an older {@code goVersion}: {@code requested Go version 1.17
   *     cannot load module graph (requires Go >= 1.21)}
   */
  public ModuleGraph modGraph(Path dir, String goVersion) throws GoProxyException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(goVersion, "goVersion");
    checkOpen();
    GoEnv env = resolver.env();
    Optional<String> refused = GoVersionFlag.refusal(goVersion, env.goVersion());
    if (refused.isPresent()) {
      throw new IllegalArgumentException("invalid -go version " + GoQuote.quote(goVersion) + ": " + refused.get());
    }
    ColdStart.begin();
    GoProxyClient call = perCommand();
    return ModuleGraphLoader.loadBuild(call, env, ModuleGraphLoader.readMains(call, env, dir,
        ModuleGraphLoader.InitMode.MOD_NEEDS_ROOT), true, parallelism, false, goVersion).graph();
  }

  /**
   * Downloads, verifies, caches and extracts one module version, like
   * {@code go mod download path@version}. A version already complete in the cache (written by
   * this library or by go) is returned without network access, after re-verifying its hashes.
   *
   * @param module the module version; its version must be canonical
   * @return where it is and its hashes
   * @throws GoProxyException if it cannot be fetched or does not verify
   */
  public DownloadedModule download(ModuleVersion module) throws GoProxyException {
    ColdStart.begin();
    return download(module, fetch);
  }

  /** {@link #download(ModuleVersion)} verifying with {@code fetch}'s go.sum (a main module's). */
  private DownloadedModule download(ModuleVersion module, ModFetch fetch) throws GoProxyException {
    checkCanonical(module);
    checkOpen();
    CompletableFuture<DownloadedModule> mine = new CompletableFuture<>();
    CompletableFuture<DownloadedModule> running = inflight.putIfAbsent(module, mine);
    if (running != null) {
      return await(running);
    }
    try {
      DownloadedModule d = fetch.download(module, events);
      mine.complete(d);
      return d;
    } catch (GoProxyException | RuntimeException e) {
      mine.completeExceptionally(e);
      events.failed(module, e);
      throw e;
    } finally {
      inflight.remove(module, mine);
    }
  }

  /** Waits for one download, rethrowing its failure. */
  static DownloadedModule await(Future<DownloadedModule> f) throws GoProxyException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GoProxyException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof GoProxyException) {
        throw (GoProxyException) c;
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new GoProxyException(String.valueOf(c), c);
    }
  }

  /**
   * Downloads many module versions with bounded parallelism ({@link Builder#parallelism}).
   * Every version is attempted; if any failed, the first failure (in input order) is thrown
   * with the others attached as suppressed exceptions.
   *
   * @param modules the module versions
   * @return the results, in input order
   * @throws GoProxyException if any download failed
   */
  public List<DownloadedModule> downloadAll(Collection<ModuleVersion> modules)
      throws GoProxyException {
    return downloadAll(modules, fetch);
  }

  /** {@link #downloadAll(Collection)} verifying with {@code fetch}'s go.sum (a main module's). */
  List<DownloadedModule> downloadAll(Collection<ModuleVersion> modules, ModFetch fetch) throws GoProxyException {
    List<Future<DownloadedModule>> futures = startAll(modules, fetch);
    List<DownloadedModule> out = new ArrayList<>();
    GoProxyException first = null;
    RuntimeException firstRuntime = null;
    for (Future<DownloadedModule> f : futures) {
      try {
        out.add(await(f));
      } catch (GoProxyException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      } catch (RuntimeException e) {
        if (firstRuntime == null) {
          firstRuntime = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
    if (firstRuntime != null) {
      throw firstRuntime;
    }
    return List.copyOf(out);
  }

  /** Starts downloading every module with bounded parallelism; the futures in input order. */
  List<Future<DownloadedModule>> startAll(Collection<ModuleVersion> modules, ModFetch fetch) {
    Objects.requireNonNull(modules, "modules");
    checkOpen();
    if (!modules.isEmpty()) {
      ColdStart.begin();
      fetch.warmUp();
    }
    List<Future<DownloadedModule>> futures = new ArrayList<>();
    for (ModuleVersion m : modules) {
      Objects.requireNonNull(m, "module");
      futures.add(executor.submit(() -> download(m, fetch)));
    }
    return futures;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("GoProxyClient is closed");
    }
  }

  /**
   * Returns the checksum database this client verifies a module against: the one its route
   * names ({@code GOSUMDB}), reached through the proxies or directly as the go command would,
   * sharing this client's transport, tile cache and tree-head state. Empty when the module's
   * checksums are not verified ({@code GOSUMDB=off}, or {@code GONOSUMDB}/{@code GOPRIVATE}
   * match).
   *
   * <pre>{@code
   * client.checksumDatabase(ModulePath.parse("golang.org/x/mod"))
   *     .ifPresent(db -> db.verifyZip(module, ModuleHash.parse(goSumHash)));
   * }</pre>
   *
   * @param path the module path
   * @return the database, or empty when none applies
   * @throws io.github.goproxy4j.env.GoEnvException if GOSUMDB is invalid, or GOPATH's first entry
   *     (where the database's state is kept) is empty or relative
   */
  public Optional<ChecksumDatabase> checksumDatabase(ModulePath path) {
    Objects.requireNonNull(path, "path");
    return sums.database(resolver.resolve(path));
  }

  // ------------------------------------------------------------------ toolchains

  /**
   * Downloads and installs a Go toolchain as the go command does when GOTOOLCHAIN selects one
   * that is not in PATH (Go 1.21 on): the module
   * {@code golang.org/toolchain@v0.0.1-<name>.<goos>-<goarch>} is fetched through the route,
   * verified against the checksum database even when GONOSUMDB or GOPRIVATE match it (refused
   * under {@code GOSUMDB=off}; a go.sum line is not enough), extracted into the module cache, and
   * given go's execute bits ({@code pkg/tool}, {@code lib}'s {@code go_*_*_exec}, {@code bin/gofmt},
   * then {@code bin}). The go command then runs it from the shared cache without network access.
   *
   * <pre>{@code
   * Path goRoot = client.installToolchain(GoToolchain.of("go1.27.3", Platform.current()));
   * new ProcessBuilder(goRoot.resolve("bin/go").toString(), "version").inheritIO().start();
   * }</pre>
   *
   * @param toolchain the toolchain and platform
   * @return its GOROOT (the extracted module directory)
   * @throws ToolchainNotAvailableException go's {@code download go1.X.Y for goos/goarch: toolchain
   *     not available} (or its language-version message)
   * @throws GoProxyException {@code download go1.X.Y: ...} for any other failure; a checksum
   *     mismatch keeps its type (SECURITY ERROR), and nothing is left in the cache to run
   */
  public Path installToolchain(GoToolchain toolchain) throws GoProxyException {
    Objects.requireNonNull(toolchain, "toolchain");
    ColdStart.begin();
    checkOpen();
    ModuleVersion module = toolchain.moduleVersion();
    Path dir;
    try {
      // go's toolchain switch runs modfetch.Download: the zip alone, no .info nor .mod
      dir = fetch.downloadZip(module, events);
    } catch (GoProxyException e) {
      events.failed(module, e);
      throw ToolchainInstaller.downloadFailure(toolchain, e);
    } catch (RuntimeException e) {
      events.failed(module, e);
      throw e;
    }
    ToolchainInstaller.finish(toolchain, dir, GoRelease.modelled(resolver.env().goVersion()).atLeast(24));
    return dir;
  }

  /**
   * The go command a toolchain selection runs, found or installed as go's {@code toolchain.Exec}
   * finds or installs it before executing it (Go 1.21 on): a command named like the toolchain
   * ({@code go1.24.4}) on the environment's PATH first; else, unless GOTOOLCHAIN allows only PATH
   * ({@code path}, {@code go1.X.Y+path}), {@code bin/go} of the toolchain installed through the
   * proxy for this machine's platform ({@link #installToolchain}). A download that starts reports
   * {@link ProgressListener#started} first, where go prints
   * {@code go: downloading go1.24.4 (linux/amd64)}. What go runs next is that release: to answer
   * as it does, follow the selected release ({@code GoEnv.Builder.goVersion}) from here on.
   *
   * <pre>{@code
   * ToolchainSelection s = ToolchainSelection.forDirectory(env, Path.of("."));
   * Optional<Path> go = client.toolchainCommand(s);  // empty: the local toolchain runs
   * GoEnv switched = GoEnv.builder().environment(env.environment())
   *     .goVersion(s.release()).build();
   * }</pre>
   *
   * @param selection what {@link ToolchainSelection#forDirectory} or
   *     {@link ToolchainSelection#select} decided
   * @return the go executable to run, or empty when the selection is the local toolchain
   * @throws ToolchainNotAvailableException go's {@code cannot find "go1.X.Y" in PATH} (PATH only),
   *     {@code download go1.X.Y for goos/goarch: toolchain not available} or its
   *     language-version message
   * @throws GoProxyException as {@link #installToolchain}
   */
  public Optional<Path> toolchainCommand(ToolchainSelection selection) throws GoProxyException {
    Objects.requireNonNull(selection, "selection");
    if (selection.isLocal()) {
      return Optional.empty();
    }
    String name = selection.toolchain();
    Optional<Path> inPath = ToolchainInstaller.lookPath(resolver.env(), name);
    if (inPath.isPresent()) {
      return inPath;
    }
    if (selection.pathOnly()) {
      throw new ToolchainNotAvailableException("cannot find " + io.github.goproxy4j.internal.GoQuote.quote(name)
          + " in PATH", null, List.of());
    }
    GoToolchain t;
    try {
      t = GoToolchain.of(name, Platform.current());
    } catch (IllegalArgumentException e) {
      throw new ToolchainNotAvailableException("download " + name + " for " + Platform.current()
          + ": toolchain not available", e, List.of());
    }
    return Optional.of(installToolchain(t).resolve("bin").resolve("go"));
  }

  /**
   * The toolchain go switches to in the middle of a command when something it downloaded needs Go
   * {@code goVersion} or later (toolchain.NewerToolchain, Go 1.21 on; {@code go mod download
   * path@version} of a module whose go line is newer than the running release): under a
   * GOTOOLCHAIN that allows {@code auto} switches, chosen from the proxy's toolchains for this
   * platform, else from the {@code go1.X} commands on PATH, by
   * {@link ToolchainSelection#newerToolchain}. Run it with {@link #toolchainCommand} and a
   * selection of it ({@link ToolchainSelection#switchingTo}).
   *
   * <pre>{@code
   * String go = client.newerToolchain("1.24");   // "go1.24.4"
   * }</pre>
   *
   * @param goVersion the Go version needed
   * @return the toolchain name, for example {@code go1.24.4}
   * @throws ToolchainNotAvailableException go's {@code no releases found for go >= 1.99}
   * @throws GoProxyException when the proxy's toolchain list cannot be fetched (go's text)
   */
  public String newerToolchain(String goVersion) throws GoProxyException {
    Objects.requireNonNull(goVersion, "goVersion");
    checkOpen();
    List<String> releases = new ArrayList<>();
    if (ToolchainSelection.hasAuto(resolver.env().get("GOTOOLCHAIN"))) {
      for (GoToolchain t : toolchains(Platform.current())) {
        releases.add(t.version());
      }
    } else {
      releases.addAll(ToolchainInstaller.pathReleases(resolver.env()));
    }
    return ToolchainSelection.newerToolchain(goVersion, releases).orElseThrow(() ->
        new ToolchainNotAvailableException("no releases found for go >= " + goVersion, null, List.of()));
  }

  /**
   * go's toolchain.SwitchOrFatal on a failure (Go 1.21 on): when {@code failure} is or reports a
   * TooNewError ({@link ModuleGraphException#tooNew()}: a dependency's go line newer than the
   * release followed) and GOTOOLCHAIN allows switching, the toolchain go switches to, or go's
   * text for why there is none (go then prints the failure, that text, and exits 1). Empty when go
   * would only report the failure. {@code go mod download} does this when the main module's graph
   * does not load.
   *
   * <pre>{@code
   * try {
   *   client.modDownloadResult(dir);
   * } catch (ModuleGraphException e) {
   *   Optional<ModDownloadResult.ToolchainSwitch> s = client.toolchainSwitch(e);
   *   // s.get().toolchain(): run the command again as it (see ToolchainSelection.switchingTo)
   * }
   * }</pre>
   *
   * @param failure the failure
   * @return the switch go makes or tries, or empty
   */
  public Optional<ModDownloadResult.ToolchainSwitch> toolchainSwitch(ModuleGraphException failure) {
    Objects.requireNonNull(failure, "failure");
    checkOpen();
    Optional<ModuleGraphException.TooNew> t = failure.tooNew();
    return t.isEmpty() ? Optional.empty() : ModDownload.toolchainSwitch(perCommand(), resolver.env(), t.get().what(),
        t.get().goVersion());
  }

  /**
   * Lists the toolchains the proxies offer for a platform ({@code golang.org/toolchain/@v/list}),
   * oldest first in Go's version order.
   *
   * @param platform the platform, for example {@link Platform#current()}
   * @return the toolchains
   * @throws GoProxyException if the list cannot be fetched
   */
  public List<GoToolchain> toolchains(Platform platform) throws GoProxyException {
    Objects.requireNonNull(platform, "platform");
    List<GoToolchain> out = new ArrayList<>();
    for (Version v : versions(ModulePath.parse(GoToolchain.MODULE_PATH))) {
      GoToolchain.fromModuleVersion(v.toString())
          .filter(t -> t.platform().equals(platform))
          .ifPresent(out::add);
    }
    out.sort((a, b) -> GoRelease.compare(a.version(), b.version()));
    return List.copyOf(out);
  }

  /** Stops the download threads and closes the transport the client created. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdownNow();
    unzipHelpers.shutdown();
    sums.close();
    if (closeTransport && transport instanceof Closeable) {
      try {
        ((Closeable) transport).close();
      } catch (IOException e) {
        LoggerFactory.getLogger(GoProxyClient.class).debug("closing transport", e);
      }
    }
  }

  @Override
  public String toString() {
    return "GoProxyClient[cache=" + cache + ", parallelism=" + parallelism + "]";
  }

  // ------------------------------------------------------------------ builder

  /**
   * Configures a {@link GoProxyClient}. Every setting is optional.
   *
   * <pre>{@code
   * GoProxyClient client = GoProxyClient.builder()
   *     .env(GoEnv.of(Map.of("GOPROXY", "https://proxy.golang.org,direct")))
   *     .moduleCache(Path.of("/tmp/modcache"))
   *     .goSum(GoSum.parse(Files.readString(Path.of("go.sum"))))
   *     .parallelism(8)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private GoEnv env;
    private ProxyResolver resolver;
    private Transport transport;
    private HttpSettings httpSettings;
    private ModuleCache cache;
    private GoSum goSum;
    private ChecksumDatabase checksumDatabase;
    private DirectFetcher directFetcher;
    private int parallelism = 8;
    private ProgressListener listener;
    private long maxZip = ProxyRepo.MAX_ZIP;
    private Consumer<String> httpTrace;
    private Consumer<String> warnings;

    private Builder() {}

    /** Lowers go's 500 MiB zip limit (tests only). */
    Builder maxZipSize(long bytes) {
      this.maxZip = bytes;
      return this;
    }

    /**
     * Uses these Go settings (GOPROXY, GONOPROXY, GOSUMDB, GOMODCACHE, …). Default:
     * {@link GoEnv#fromSystem()}.
     *
     * @param env the settings
     * @return this builder
     */
    public Builder env(GoEnv env) {
      this.env = Objects.requireNonNull(env, "env");
      return this;
    }

    /**
     * Uses this resolver for routes instead of one built from {@link #env}.
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder resolver(ProxyResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Sets the HTTP settings (timeouts, proxy selector, TLS) of the built-in transport.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder httpSettings(HttpSettings settings) {
      this.httpSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Fetches through this transport instead of the built-in {@code java.net.http} one (tests,
     * custom stacks). The client does not close it.
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Traces each HTTP request to a proxy or a checksum database as the go command does under
     * {@code -x}: {@code # get URL} before it, then {@code # get URL: 200 OK (0.012s)} (the
     * status and the seconds until the headers came) or {@code # get URL: <error>}; passwords in
     * URLs become {@code xxxxx}, as go's {@code url.Redacted} prints them; {@code file://} URLs
     * are not traced. Lines come from the threads that fetch, without their newline. Default:
     * none. A checksum database given to {@link #checksumDatabase} keeps its own transport and is
     * not traced.
     *
     * <pre>{@code
     * GoProxyClient.builder().env(env).httpTrace(System.err::println).build();
     * }</pre>
     *
     * @param lines receives each trace line
     * @return this builder
     */
    public Builder httpTrace(Consumer<String> lines) {
      this.httpTrace = Objects.requireNonNull(lines, "lines");
      return this;
    }

    /**
     * Sends the lines the go command prints on standard error as it goes on: today a module cache
     * write that failed ({@code go: writing go.mod cache: mkdir /x/@v: not a directory}, {@code
     * go: writing stat cache: ...}; on a read-only file system go prints nothing, and neither
     * does this client). The fetch goes on, as go's does. Lines come from the threads that
     * fetch, without their newline. Default: logged at WARN.
     *
     * <pre>{@code
     * GoProxyClient.builder().env(env).warnings(System.err::println).build();
     * }</pre>
     *
     * @param lines receives each warning line
     * @return this builder
     */
    public Builder warnings(Consumer<String> lines) {
      this.warnings = Objects.requireNonNull(lines, "lines");
      return this;
    }

    /**
     * Uses this module cache directory (a GOMODCACHE). Default: the env's GOMODCACHE.
     *
     * @param root the cache root
     * @return this builder
     */
    public Builder moduleCache(Path root) {
      this.cache = ModuleCache.at(root);
      return this;
    }

    /**
     * Uses this module cache.
     *
     * @param cache the cache
     * @return this builder
     */
    public Builder moduleCache(ModuleCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Sets the go.sum lines every download must match: a listed {@code h1:} hash that differs
     * is a {@link ChecksumMismatchException}; a matching one skips the checksum database, as in
     * go.
     *
     * @param goSum the go.sum contents
     * @return this builder
     */
    public Builder goSum(GoSum goSum) {
      this.goSum = Objects.requireNonNull(goSum, "goSum");
      return this;
    }

    /**
     * Uses this checksum database for every module the route says to verify. Default: one per
     * GOSUMDB, built on first use, caching under the module cache like go.
     *
     * @param database the database client
     * @return this builder
     */
    public Builder checksumDatabase(ChecksumDatabase database) {
      this.checksumDatabase = Objects.requireNonNull(database, "database");
      return this;
    }

    /**
     * Fetches {@code direct} modules with this fetcher. Default: none, so they raise
     * {@link DirectAccessRequiredException}.
     *
     * @param fetcher the fetcher
     * @return this builder
     */
    public Builder directFetcher(DirectFetcher fetcher) {
      this.directFetcher = Objects.requireNonNull(fetcher, "fetcher");
      return this;
    }

    /**
     * Sets how many downloads {@link GoProxyClient#downloadAll} runs at once (default 8).
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1: " + n);
      }
      this.parallelism = n;
      return this;
    }

    /**
     * Receives download progress events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder progressListener(ProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     */
    public GoProxyClient build() {
      if (env == null) {
        env = GoEnv.fromSystem();
      }
      if (httpSettings == null) {
        httpSettings = HttpSettings.defaults();
      }
      return new GoProxyClient(this);
    }
  }
}
