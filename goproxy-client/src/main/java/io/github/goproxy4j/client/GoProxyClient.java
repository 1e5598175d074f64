package io.github.goproxy4j.client;

import io.github.goproxy4j.env.ChecksumDb;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.ProxyWalk;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.sumdb.ChecksumDatabase;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.client.internal.JdkHttpTransport;
import io.github.goproxy4j.zip.ModuleZip;
import io.github.goproxy4j.zip.internal.GoZipReader;
import io.github.goproxy4j.zip.internal.ZipCheck;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
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
 * <p>Thread-safe: one client can serve many threads; concurrent downloads of the same version
 * are done once. Close it to release its threads and connections.
 */
public final class GoProxyClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GoProxyClient.class);

  private final ProxyResolver resolver;
  private final GoEnv env;
  private final Transport transport;
  private final boolean closeTransport;
  private final ModuleCache cache;
  private final GoSum goSum;
  private final ChecksumDatabase checksumDatabase;
  private final DirectFetcher directFetcher;
  private final int parallelism;
  private final ProgressListener listener;
  private final long maxZip;
  private final ConcurrentHashMap<String, ChecksumDatabase> databases = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ModuleVersion, CompletableFuture<DownloadedModule>> inflight =
      new ConcurrentHashMap<>();
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private GoProxyClient(Builder b) {
    this.resolver = b.resolver != null ? b.resolver : ProxyResolver.of(b.env);
    this.env = this.resolver.env();
    if (b.transport != null) {
      this.transport = b.transport;
      this.closeTransport = false;
    } else {
      this.transport = JdkHttpTransport.create(env, b.httpSettings);
      this.closeTransport = true;
    }
    this.cache = b.cache != null ? b.cache : ModuleCache.fromEnv(env);
    this.goSum = b.goSum;
    this.checksumDatabase = b.checksumDatabase;
    this.directFetcher = b.directFetcher;
    this.parallelism = b.parallelism;
    this.listener = b.listener;
    this.maxZip = b.maxZip;
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "goproxy4j-download-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
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

  // ------------------------------------------------------------------ versions and info

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
    List<String> list = walk(path, "module " + path + ": ", entry -> listOn(entry, path).versions());
    List<Version> out = new ArrayList<>(list.size());
    for (String v : list) {
      out.add(Version.parse(v));
    }
    return List.copyOf(out);
  }

  private VersionList.ListResult listOn(ProxyEntry entry, ModulePath path) throws IOException {
    if (entry instanceof ProxyEntry.Url) {
      return repo(entry, path).list();
    }
    List<String> versions = new ArrayList<>();
    for (String v : direct(path).versions(path)) {
      if (Version.isValid(v) && !Version.parse(v).isPseudo()) {
        versions.add(v);
      }
    }
    Version.sortStrings(versions);
    return new VersionList.ListResult(List.copyOf(versions), List.of());
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
    return stat(module.path(), module.version().toString());
  }

  private VersionInfo stat(ModulePath path, String rev) throws GoProxyException {
    Optional<VersionInfo> cached = cachedInfo(path, rev);
    if (cached.isPresent()) {
      return cached.get();
    }
    VersionInfo info = walk(path, path + "@" + rev + ": ", entry -> statOn(entry, path, rev));
    cacheInfo(path, info);
    return info;
  }

  private Optional<VersionInfo> cachedInfo(ModulePath path, String rev) {
    if (!ProxyRepo.isCanonical(rev)) {
      return Optional.empty();
    }
    try {
      return cache.readInfo(ModuleVersion.of(path, Version.parse(rev)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private void cacheInfo(ModulePath path, VersionInfo info) {
    try {
      cache.writeInfo(path, info);
    } catch (IOException e) {
      LOG.warn("go: writing stat cache: {}", e.getMessage());
    }
  }

  private VersionInfo statOn(ProxyEntry entry, ModulePath path, String rev) throws IOException {
    if (entry instanceof ProxyEntry.Url) {
      return repo(entry, path).stat(rev);
    }
    return direct(path).stat(path, rev);
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
    String cur = current.map(Version::toString).orElse("");
    QueryMatcher qm = QueryMatcher.parse(path, query, cur);
    Retractions retractions = new Retractions(path);
    VersionInfo info = walk(path, path + "@" + query + ": ",
        entry -> queryOn(entry, path, qm, retractions));
    return withStatus(path, info, retractions);
  }

  private VersionInfo withStatus(ModulePath path, VersionInfo info, Retractions r) {
    Optional<GoModFile> latestMod = r.latestGoMod();
    if (latestMod.isEmpty()) {
      return info;
    }
    GoModFile f = latestMod.get();
    Optional<String> retraction = Optional.empty();
    if (Version.isValid(info.version()) && f.isRetracted(info.version())) {
      retraction = Optional.of(f.retractionsOf(info.version()).stream()
          .map(GoModFile.Retraction::rationale).filter(s -> !s.isEmpty()).findFirst()
          .orElse(""));
    }
    return info.withStatus(retraction, f.deprecated());
  }

  /** Lazily loads the retractions of a module from its latest go.mod (go's CheckRetractions). */
  private final class Retractions {
    private final ModulePath path;
    private boolean loaded;
    private Optional<GoModFile> latest = Optional.empty();

    Retractions(ModulePath path) {
      this.path = path;
    }

    synchronized Optional<GoModFile> latestGoMod() {
      if (!loaded) {
        loaded = true;
        try {
          QueryMatcher qm = QueryMatcher.parse(path, "latest", "");
          VersionInfo l = walk(path, path + "@latest: ", entry -> queryOn(entry, path, qm, null));
          if (ProxyRepo.isCanonical(l.version())) {
            byte[] mod = goModVerified(ModuleVersion.of(path, Version.parse(l.version())));
            latest = Optional.of(GoModFile.parse("go.mod", mod));
          }
        } catch (IOException | RuntimeException e) {
          // As in go, retractions that cannot be loaded do not disallow any version.
          LOG.debug("loading module retractions for {}: {}", path, e.getMessage());
        }
      }
      return latest;
    }

    boolean allows(String v) {
      Optional<GoModFile> f = latestGoMod();
      return f.isEmpty() || !f.get().isRetracted(v);
    }
  }

  private VersionInfo queryOn(ProxyEntry entry, ModulePath path, QueryMatcher qm,
      Retractions retractions) throws IOException {
    String query = qm.query;
    if (qm.canStat || qm.revision) {
      try {
        return statCachedOn(entry, path, query);
      } catch (IOException queryErr) {
        String canonical = Version.isValid(query) ? Version.parse(query).canonical().toString()
            : "";
        if (!canonical.isEmpty() && !canonical.equals(query)) {
          try {
            return statCachedOn(entry, path, canonical);
          } catch (NotFoundException notFound) {
            throw queryErr;
          }
        }
        throw queryErr;
      }
    }
    VersionList.ListResult list = listOn(entry, path);
    List<String> releases = new ArrayList<>();
    List<String> prereleases = new ArrayList<>();
    boolean needIncompatible = qm.preferIncompatible;
    String lastCompatible = "";
    for (String v : list.versions()) {
      if (!qm.matches(v) || (retractions != null && !retractions.allows(v))) {
        continue;
      }
      if (!needIncompatible) {
        if (!v.endsWith("+incompatible")) {
          lastCompatible = v;
        } else if (!lastCompatible.isEmpty()) {
          if (hasGoMod(path, lastCompatible)) {
            break;
          }
          needIncompatible = true;
        }
      }
      if (Version.parse(v).isPrerelease()) {
        prereleases.add(v);
      } else {
        releases.add(v);
      }
    }
    String pick = null;
    if (qm.preferLower) {
      pick = !releases.isEmpty() ? releases.get(0)
          : !prereleases.isEmpty() ? prereleases.get(0) : null;
    } else {
      pick = !releases.isEmpty() ? releases.get(releases.size() - 1)
          : !prereleases.isEmpty() ? prereleases.get(prereleases.size() - 1) : null;
    }
    if (pick != null) {
      return lookup(entry, path, qm, pick);
    }
    if (qm.mayUseLatest) {
      VersionInfo latest = null;
      try {
        latest = latestOn(entry, path, list);
      } catch (NotFoundException e) {
        latest = null;
      }
      if (latest != null && qm.matches(latest.version())
          && (retractions == null || retractions.allows(latest.version()))) {
        return lookup(entry, path, qm, latest.version());
      }
    }
    if ((query.equals("upgrade") || query.equals("patch")) && !qm.current.isEmpty()
        && !qm.current.equals("none")) {
      return lookup(entry, path, qm, qm.current);
    }
    String suffix = (query.equals("upgrade") || query.equals("patch")) && !qm.current.isEmpty()
        && !qm.current.equals("none") ? " (current version is " + qm.current + ")" : "";
    throw new ProxyRepo.ModuleErrorFailure("module " + path + ": no matching versions for query "
        + InfoJson.goQuote(query) + suffix, null, List.of());
  }

  /** go's {@code @latest} step: the proxy's answer, else (on 404/410) the latest from the list. */
  private VersionInfo latestOn(ProxyEntry entry, ModulePath path, VersionList.ListResult list)
      throws IOException {
    if (!(entry instanceof ProxyEntry.Url)) {
      return direct(path).latest(path);
    }
    ProxyRepo repo = repo(entry, path);
    try {
      return repo.latest();
    } catch (NotFoundException e) {
      Optional<String> fromList = VersionList.latestFromList(list.lines());
      if (fromList.isEmpty()) {
        throw new ProxyRepo.ModuleErrorNotFound("module " + path + ": no commits", null,
            List.of());
      }
      return statCachedOn(entry, path, fromList.get());
    }
  }

  private VersionInfo lookup(ProxyEntry entry, ModulePath path, QueryMatcher qm, String v)
      throws IOException {
    VersionInfo rev = statCachedOn(entry, path, v);
    if ((qm.query.equals("upgrade") || qm.query.equals("patch"))
        && Version.isValid(qm.current) && Version.parse(qm.current).isPseudo()
        && !rev.offsetTime().equals(VersionInfo.ZERO_TIME)
        && rev.time().isBefore(VersionList.pseudoTime(qm.current).toInstant())) {
      return statCachedOn(entry, path, qm.current);
    }
    return rev;
  }

  private VersionInfo statCachedOn(ProxyEntry entry, ModulePath path, String rev)
      throws IOException {
    Optional<VersionInfo> cached = cachedInfo(path, rev);
    if (cached.isPresent()) {
      return cached.get();
    }
    VersionInfo info = statOn(entry, path, rev);
    cacheInfo(path, info);
    return info;
  }

  private boolean hasGoMod(ModulePath path, String version) throws GoProxyException {
    byte[] data = goModVerified(ModuleVersion.of(path, Version.parse(version)));
    String legacy = "module " + path + "\n";
    return !new String(data, StandardCharsets.UTF_8).equals(legacy);
  }

  // ------------------------------------------------------------------ go.mod

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
    byte[] data = goModVerified(checkCanonical(module));
    checkModulePath(module, data);
    return data;
  }

  private static ModuleVersion checkCanonical(ModuleVersion module) {
    Objects.requireNonNull(module, "module");
    if (!module.version().isCanonical()) {
      throw new IllegalArgumentException(module.path() + "@" + module.version()
          + ": non-canonical module version " + InfoJson.goQuote(module.version().toString()));
    }
    return module;
  }

  private byte[] goModVerified(ModuleVersion module) throws GoProxyException {
    Optional<byte[]> cached = cache.readGoMod(module);
    if (cached.isPresent()) {
      verify(module, true, ModuleHash.ofGoMod(cached.get()));
      return cached.get();
    }
    String v = module.version().toString();
    byte[] data = walk(module.path(), module + ": ", entry -> entry instanceof ProxyEntry.Url
        ? repo(entry, module.path()).goMod(v)
        : direct(module.path()).goMod(module));
    verify(module, true, ModuleHash.ofGoMod(data));
    try {
      cache.writeGoMod(module, data);
    } catch (IOException e) {
      throw new GoProxyException("writing " + cache.file(module, "mod") + ": " + e.getMessage(),
          e);
    }
    return data;
  }

  /** modload's check: {@code module declares its path as: X / but was required as: Y}. */
  static void checkModulePath(ModuleVersion module, byte[] data) throws GoProxyException {
    GoModFile f;
    try {
      f = GoModFile.parse("go.mod", data);
    } catch (IllegalArgumentException e) {
      throw new ProxyUnavailableException(module.path() + "@" + module.version()
          + ": parsing go.mod:\n\t" + e.getMessage(), e, List.of());
    }
    Optional<String> declared = f.module();
    if (declared.isEmpty()) {
      throw new ProxyUnavailableException(module.path() + "@" + module.version()
          + ": parsing go.mod: missing module line", null, List.of());
    }
    if (!declared.get().equals(module.path().toString())) {
      throw new ProxyUnavailableException(module.path() + "@" + module.version()
          + ": parsing go.mod:\n\tmodule declares its path as: " + declared.get()
          + "\n\t        but was required as: " + module.path(), null, List.of());
    }
  }

  // ------------------------------------------------------------------ verification

  private void verify(ModuleVersion module, boolean goMod, ModuleHash hash)
      throws GoProxyException {
    String path = module.path().toString();
    String version = module.version() + (goMod ? "/go.mod" : "");
    if (goSum != null && goSum.check(path, version, hash.toString())) {
      return;
    }
    Route route = resolver.resolve(module.path());
    Optional<ChecksumDb> db = route.checksumDb();
    if (db.isEmpty()) {
      return;
    }
    ChecksumDatabase database = database(db.get());
    if (goMod) {
      database.verifyGoMod(module, hash);
    } else {
      database.verifyZip(module, hash);
    }
  }

  private ChecksumDatabase database(ChecksumDb db) {
    if (checksumDatabase != null) {
      return checksumDatabase;
    }
    // The database is found through the GOPROXY list, whatever the module's own route: a module
    // that matches GONOPROXY (route [direct]) still has its checksums looked up via the proxies,
    // as the go command does (sumdb.go uses the proxy list, not the module's route).
    return databases.computeIfAbsent(db.name(), name -> ChecksumDatabase.builder()
        .checksumDb(db)
        .proxies(resolver.proxies())
        .transport(transport)
        .cacheDir(cache.root().resolve("cache").resolve("download").resolve("sumdb"))
        .stateDir(sumdbStateDir())
        .build());
  }

  private Path sumdbStateDir() {
    return env.sumdbDir();
  }

  // ------------------------------------------------------------------ download

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
    checkCanonical(module);
    checkOpen();
    CompletableFuture<DownloadedModule> mine = new CompletableFuture<>();
    CompletableFuture<DownloadedModule> running = inflight.putIfAbsent(module, mine);
    if (running != null) {
      return await(running);
    }
    try {
      DownloadedModule d = doDownload(module);
      mine.complete(d);
      return d;
    } catch (GoProxyException | RuntimeException e) {
      mine.completeExceptionally(e);
      notifyFailed(module, e);
      throw e;
    } finally {
      inflight.remove(module, mine);
    }
  }

  private static DownloadedModule await(Future<DownloadedModule> f) throws GoProxyException {
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

  private DownloadedModule doDownload(ModuleVersion module) throws GoProxyException {
    boolean complete = cache.isExtracted(module) && cache.zip(module).isPresent();
    if (!complete) {
      notify(l -> l.started(module));
    }
    VersionInfo info = stat(module.path(), module.version().toString());
    byte[] goMod = goModVerified(module);
    checkModulePath(module, goMod);
    ModuleHash goModHash = ModuleHash.ofGoMod(goMod);
    ModuleHash zipHash = downloadZip(module);
    Path dir;
    try {
      dir = cache.extract(module, (zip, target) -> ModuleZip.unzip(module, zip, target));
    } catch (GoProxyException e) {
      throw e;
    } catch (IOException e) {
      throw new GoProxyException(module + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ProxyUnavailableException(e.getMessage(), e, List.of());
    }
    DownloadedModule d = DownloadedModule.of(module, info, cache.file(module, "mod"),
        cache.file(module, "zip"), dir, zipHash, goModHash);
    notify(l -> l.done(module, dir));
    return d;
  }

  /** go's DownloadZip: returns the verified zip hash, downloading only when needed. */
  @SuppressWarnings("try")
  private ModuleHash downloadZip(ModuleVersion module) throws GoProxyException {
    try {
      if (cache.zip(module).isPresent()) {
        Optional<ModuleHash> h = cache.readZipHash(module);
        if (h.isPresent()) {
          verify(module, false, h.get());
          return h.get();
        }
      }
      try (ModuleCache.CacheLock ignored = cache.lock(module)) {
        Path zip = cache.file(module, "zip");
        boolean zipExists = Files.isRegularFile(zip);
        Optional<ModuleHash> existing = cache.readZipHash(module);
        if (zipExists && existing.isPresent()) {
          verify(module, false, existing.get());
          return existing.get();
        }
        cache.deleteStaleTemps(module);
        if (zipExists) {
          ModuleHash h = hashZip(module, zip);
          verify(module, false, h);
          cache.writeZipHash(module, h);
          return h;
        }
        Path tmp = cache.newTempFile(module, "zip");
        boolean committed = false;
        try {
          fetchZip(module, tmp);
          checkZipPrefixes(module, tmp);
          ModuleHash h = hashZip(module, tmp);
          verify(module, false, h);
          notify(l -> l.verified(module, h.toString()));
          cache.commitZip(module, tmp, h);
          committed = true;
          return h;
        } finally {
          if (!committed) {
            Files.deleteIfExists(tmp);
          }
        }
      }
    } catch (GoProxyException e) {
      throw e;
    } catch (IOException e) {
      throw new GoProxyException(module + ": " + e.getMessage(), e);
    }
  }

  private static ModuleHash hashZip(ModuleVersion module, Path zip) throws GoProxyException {
    try {
      return ModuleHash.ofZip(zip);
    } catch (IOException e) {
      throw new ProxyUnavailableException(module + ": " + zipError(e), e, List.of());
    }
  }

  private static String zipError(IOException e) {
    return e instanceof java.util.zip.ZipException ? "zip: not a valid zip file"
        : String.valueOf(e.getMessage());
  }

  private void fetchZip(ModuleVersion module, Path tmp) throws GoProxyException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(ch);
      String v = module.version().toString();
      walk(module.path(), module + ": ", entry -> {
        try {
          if (entry instanceof ProxyEntry.Url) {
            repo(entry, module.path()).zip(v, out,
                (received, total) -> notify(l -> l.bytes(module, received, total)));
          } else {
            out.flush();
            direct(module.path()).zip(module, tmp);
            ch.position(Files.size(tmp));
          }
          return Boolean.TRUE;
        } catch (IOException e) {
          // The next entry starts from an empty file, as in go.
          ch.truncate(0);
          ch.position(0);
          throw e;
        }
      });
    } catch (GoProxyException e) {
      throw e;
    } catch (IOException e) {
      throw new GoProxyException(module + ": " + e.getMessage(), e);
    }
  }

  /** Every entry must start with {@code <path>@<version>/} (not case-escaped), as in go. */
  private static void checkZipPrefixes(ModuleVersion module, Path zip) throws GoProxyException {
    try (GoZipReader z = GoZipReader.open(zip)) {
      Optional<GoZipReader.Entry> bad = ZipCheck.unexpectedFile(module, z);
      if (bad.isPresent()) {
        throw new ProxyUnavailableException("zip for " + module.path() + "@" + module.version()
            + " has unexpected file " + bad.get().name(), null, List.of());
      }
    } catch (GoProxyException e) {
      throw e;
    } catch (IOException e) {
      throw new ProxyUnavailableException(module + ": " + zipError(e), e, List.of());
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
    Objects.requireNonNull(modules, "modules");
    checkOpen();
    List<Future<DownloadedModule>> futures = new ArrayList<>();
    for (ModuleVersion m : modules) {
      Objects.requireNonNull(m, "module");
      futures.add(executor.submit(() -> download(m)));
    }
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

  // ------------------------------------------------------------------ the walk

  /**
   * One request over the route's entries, as go's TryProxies; exceptions mapped to ours. An
   * error that does not name the module yet gets {@code context} in front, as go's
   * modinfoError does.
   */
  private <T> T walk(ModulePath path, String context, ProxyWalk.ProxyCall<T> call)
      throws GoProxyException {
    checkOpen();
    Route route = resolver.resolve(path);
    try {
      return ProxyWalk.tryProxies(route, call);
    } catch (GoProxyException e) {
      Throwable c = e.getCause();
      if (c instanceof ChecksumMismatchException) {
        throw (ChecksumMismatchException) c;
      }
      String msg = e.getMessage();
      if (!(c instanceof ProxyRepo.ModuleError) && !(c instanceof DirectAccessRequiredException)
          && !(c instanceof ModuleNotFoundException) && !(c instanceof ProxyUnavailableException)) {
        msg = context + msg;
      }
      if (c instanceof DirectAccessRequiredException) {
        throw new DirectAccessRequiredException(msg,
            ((DirectAccessRequiredException) c).setting(), e.attempts());
      }
      if (e instanceof NotFoundException) {
        throw new ModuleNotFoundException(msg, c, e.attempts());
      }
      throw new ProxyUnavailableException(msg, c, e.attempts());
    }
  }

  private ProxyRepo repo(ProxyEntry entry, ModulePath path) {
    return new ProxyRepo(transport, (ProxyEntry.Url) entry, path, maxZip);
  }

  private DirectFetcher direct(ModulePath path) throws DirectAccessRequiredException {
    if (directFetcher != null) {
      return directFetcher;
    }
    Route route = resolver.resolve(path);
    String setting = "GOPROXY";
    if (route.isDirectOnly() && !resolver.env().get("GOPROXY").strip().equals("direct")) {
      String noproxy = resolver.env().source("GONOPROXY") == GoEnv.Source.DEFAULT
          ? "GOPRIVATE" : "GONOPROXY";
      setting = noproxy;
    }
    String why = setting.equals("GOPROXY")
        ? "GOPROXY lists \"direct\""
        : "the module path matches " + setting;
    throw new DirectAccessRequiredException("module " + path + ": must be fetched from version "
        + "control (" + why + "), and no DirectFetcher is configured", setting, List.of());
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("GoProxyClient is closed");
    }
  }

  private interface ListenerCall {
    void call(ProgressListener l);
  }

  private void notify(ListenerCall c) {
    if (listener == null) {
      return;
    }
    try {
      c.call(listener);
    } catch (RuntimeException e) {
      LOG.warn("progress listener failed", e);
    }
  }

  private void notifyFailed(ModuleVersion module, Exception e) {
    notify(l -> l.failed(module, e));
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
   * @throws io.github.goproxy4j.env.GoEnvException if GOSUMDB is invalid
   */
  public Optional<ChecksumDatabase> checksumDatabase(ModulePath path) {
    return resolver.resolve(path).checksumDb().map(this::database);
  }

  /** Stops the download threads and closes the transport the client created. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdownNow();
    databases.values().forEach(ChecksumDatabase::close);
    if (closeTransport && transport instanceof Closeable) {
      try {
        ((Closeable) transport).close();
      } catch (IOException e) {
        LOG.debug("closing transport", e);
      }
    }
  }

  @Override
  public String toString() {
    return "GoProxyClient[cache=" + cache.root() + ", parallelism=" + parallelism + "]";
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
