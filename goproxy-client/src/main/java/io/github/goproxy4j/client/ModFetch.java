package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.internal.GoPathError;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.UnicodeTables;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.internal.Ed25519;
import io.github.goproxy4j.zip.internal.DirHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * go's {@code modfetch} as the client uses it: the versions, info, go.mod and zip of a module
 * over its route ({@link Lookup}), with the module cache in front as go's {@code cachingRepo}
 * has it, every go.mod and zip verified ({@link SumCheck}) before it is cached, and the zip put
 * into the cache by the {@link CacheWriter}. Each call resolves the module's route once.
 */
final class ModFetch {
  private final Lookup lookup;
  private final SumCheck sums;
  private final ModuleCache cache;
  private final CacheWriter writer;
  private final String goVersion;
  /** {@link #goVersion}'s minor release, for what it decides on every cached file. */
  private final int goMinor;
  private final Executor unzipHelpers;
  private final Consumer<String> warnings;
  /**
   * For a {@code mod download} ({@link #recordingFailedDownloads}): how far each failed download
   * got, as go's DownloadModule fills its JSON as it goes: "" after the info, the go.mod's sum
   * after the go.mod. Null otherwise.
   */
  private final ConcurrentHashMap<ModuleVersion, String> failedDownloads;
  private final AtomicBoolean warmed = new AtomicBoolean();
  /**
   * Per module whose go.mod this fetch cached: whether a rewrite of its {@code list} by
   * {@link #listWriters} is waiting to start (null, as the next two: each go.mod rewrites its
   * module's list at once, as go does).
   */
  private final ConcurrentHashMap<ModulePath, AtomicBoolean> listWaiting;
  /** The list writes started by this fetch and not yet awaited by {@link #flushVersionLists}. */
  private final ConcurrentLinkedQueue<ListWrite> listWrites;
  private final Executor listWriters;
  /**
   * Per module path, for a deferring fetch: the graph's go.mod loads of it queued and not yet
   * done, and the module whose list waits for them to end (see {@link #loadQueued}).
   */
  private final ConcurrentHashMap<String, Pending> pending;

  /** A module's queued loads and its list rewrite waiting for them (guarded by the instance). */
  private static final class Pending {
    int loads;
    ModulePath owed;
  }

  /**
   * @param warnings receives the lines go prints on standard error as it goes on (a module cache
   *     write that failed)
   */
  ModFetch(Lookup lookup, SumCheck sums, ModuleCache cache, String goVersion, Executor unzipHelpers,
      Consumer<String> warnings) {
    this(lookup, sums, cache, goVersion, unzipHelpers, warnings, null, null);
  }

  private ModFetch(Lookup lookup, SumCheck sums, ModuleCache cache, String goVersion, Executor unzipHelpers,
      Consumer<String> warnings, Executor listWriters, ConcurrentHashMap<ModuleVersion, String> failedDownloads) {
    this.warnings = warnings;
    this.failedDownloads = failedDownloads;
    this.listWaiting = listWriters != null ? new ConcurrentHashMap<>() : null;
    this.listWrites = listWriters != null ? new ConcurrentLinkedQueue<>() : null;
    this.listWriters = listWriters;
    this.pending = listWriters != null ? new ConcurrentHashMap<>() : null;
    this.lookup = lookup;
    this.sums = sums;
    this.cache = cache;
    this.goVersion = goVersion;
    this.goMinor = GoRelease.modelled(goVersion).behaviourMinor();
    this.unzipHelpers = unzipHelpers;
    this.writer = new CacheWriter(cache, goVersion, unzipHelpers);
  }

  /**
   * A fetch like this one for a graph load: go rewrites a module's {@code list} after each go.mod
   * it caches, on the goroutine that fetched it; this fetch hands that rewrite to
   * {@code writers}, so the load goes on meanwhile (a new list is a new inode, on a cold load
   * mostly kernel time spent finding a free one), and coalesces the rewrites of a module asked
   * for while one is waiting to start. {@link #flushVersionLists} waits for them. The files end
   * as go leaves them. Not for downloads.
   */
  ModFetch deferringVersionLists(Executor writers) {
    return new ModFetch(lookup, sums, cache, goVersion, unzipHelpers, warnings,
        java.util.Objects.requireNonNull(writers), failedDownloads);
  }

  /**
   * A fetch like this one for one {@code mod download}, remembering how far each failed
   * {@link #download} got ({@link #failedAfter}).
   */
  ModFetch recordingFailedDownloads() {
    return new ModFetch(lookup, sums, cache, goVersion, unzipHelpers, warnings, listWriters,
        new ConcurrentHashMap<>());
  }

  /**
   * How far a failed {@link #download} of {@code module} got (a version two arguments name is
   * asked for twice): empty when it failed before its info was in hand (or nothing is recorded),
   * "" when it failed after the info, the go.mod's {@code h1:} sum when it failed after the go.mod
   * (at the zip).
   */
  Optional<String> failedAfter(ModuleVersion module) {
    return failedDownloads == null ? Optional.empty() : Optional.ofNullable(failedDownloads.get(module));
  }

  /**
   * A rewrite of one module's {@code list}; it clears the module's waiting flag before reading
   * the directory, so a go.mod cached after that read asks for another rewrite.
   */
  private final class ListWrite extends FutureTask<Void> {
    final ModulePath path;

    ListWrite(ModulePath path, AtomicBoolean waiting) {
      super(() -> {
        waiting.set(false);
        cache.rewriteVersionList(path);
        return null;
      });
      this.path = path;
    }
  }

  /**
   * The graph has queued a load of a go.mod of {@code path} (a deferring fetch; else nothing):
   * until it and the module's other queued loads are done, a go.mod of the module cached meanwhile
   * leaves the module's {@code list} rewrite to the last of them ({@link #loadDone}), once for
   * them all instead of once per go.mod. The graph queues a module's versions close together, so
   * a cold load rewrote about 390 lists for 390 go.mod files of 150 modules, now about 165; go
   * rewrites after each go.mod. The files end the same.
   */
  void loadQueued(String path) {
    if (pending == null) {
      return;
    }
    // get/putIfAbsent and, below, classes instead of lambdas: the graph's threads reach these
    // together at the start of a load, and each thread linking a lambda at the same moment may
    // spin a class of its own (a few milliseconds of cold code each)
    Pending p = pending.get(path);
    if (p == null) {
      p = putIfAbsent(pending, path, new Pending());
    }
    synchronized (p) {
      p.loads++;
    }
  }

  /** A load announced by {@link #loadQueued} has ended (however it ended). */
  void loadDone(String path) {
    Pending p = pending == null ? null : pending.get(path);
    if (p == null) {
      return;
    }
    ModulePath owed = null;
    synchronized (p) {
      if (p.loads > 0 && --p.loads == 0) {
        owed = p.owed;
        p.owed = null;
      }
    }
    if (owed != null) {
      rewriteSoon(owed);
    }
  }

  /** Notes a go.mod cached by a deferring fetch: its module's list is rewritten (soon). */
  private void cachedGoMod(ModulePath path) {
    Pending p = pending.get(path.toString());
    if (p != null) {
      synchronized (p) {
        if (p.loads > 0) {
          p.owed = path; // the last queued load of the module asks for the rewrite
          return;
        }
      }
    }
    rewriteSoon(path);
  }

  /** Starts a rewrite of a module's list on the writers, unless one is waiting to start. */
  private void rewriteSoon(ModulePath path) {
    AtomicBoolean waiting = listWaiting.get(path);
    if (waiting == null) {
      waiting = putIfAbsent(listWaiting, path, new AtomicBoolean());
    }
    if (waiting.compareAndSet(false, true)) {
      ListWrite w = new ListWrite(path, waiting);
      listWrites.add(w);
      try {
        listWriters.execute(w);
      } catch (RejectedExecutionException e) {
        // flushVersionLists runs it
      }
    }
  }

  /**
   * Waits for the {@code list} rewrites this fetch started (nothing when lists are not deferred),
   * doing those no writer has started yet itself: afterwards every cached go.mod is in its
   * module's list, as after go's rewriteVersionList.
   *
   * @throws GoProxyException if a list file cannot be written (the first failure)
   */
  void flushVersionLists() throws GoProxyException {
    if (listWrites == null) {
      return;
    }
    // rewrites still owed to loads that have not ended (a load that failed or was cut short)
    for (Pending p : pending.values()) {
      ModulePath owed;
      synchronized (p) {
        owed = p.owed;
        p.owed = null;
      }
      if (owed != null) {
        rewriteSoon(owed);
      }
    }
    GoProxyException failure = null;
    for (ListWrite w = listWrites.poll(); w != null; w = listWrites.poll()) {
      w.run(); // does nothing when a writer has it
      try {
        w.get();
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException) {
          throw (RuntimeException) c;
        }
        if (c instanceof Error) {
          throw (Error) c;
        }
        if (failure == null) {
          failure = new GoProxyException("writing " + cache.versionsDir(w.path).resolve("list") + ": "
              + c.getMessage(), c);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GoProxyException("interrupted while writing " + cache.versionsDir(w.path).resolve("list"), e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** A verified go.mod and its hash (computed once). */
  record GoMod(byte[] data, ModuleHash hash) {}

  /** The value {@code map} holds for {@code key}, {@code fresh} put there when it holds none (computeIfAbsent without a lambda: see {@link #loadQueued}). */
  private static <K, V> V putIfAbsent(ConcurrentMap<K, V> map, K key, V fresh) {
    V old = map.putIfAbsent(key, fresh);
    return old != null ? old : fresh;
  }

  /**
   * A repo's go.mod of one version (see {@link #loadQueued} on why not a lambda); {@link #fetched}
   * tells whether it asked the proxy, not a command's memo ({@link CachingRepo}): only then is
   * the module cache written, once per command as go's cachingRepo writes it.
   */
  private static final class GoModCall implements Lookup.RepoCall<byte[]>, Runnable {
    private final String version;
    private boolean fetched;

    GoModCall(String version) {
      this.version = version;
    }

    @Override
    public byte[] call(Repo repo) throws IOException {
      if (repo instanceof CachingRepo c) {
        return c.goMod(version, this);
      }
      fetched = true;
      return repo.goMod(version);
    }

    @Override
    public void run() {
      fetched = true;
    }
  }

  /** A repo's info of one revision, with {@link #fetched} as in {@link GoModCall}. */
  private static final class StatCall implements Lookup.RepoCall<VersionInfo>, Runnable {
    private final String rev;
    private boolean fetched;

    StatCall(String rev) {
      this.rev = rev;
    }

    @Override
    public VersionInfo call(Repo repo) throws IOException {
      if (repo instanceof CachingRepo c) {
        return c.stat(rev, this);
      }
      fetched = true;
      return repo.stat(rev);
    }

    @Override
    public void run() {
      fetched = true;
    }
  }

  Lookup lookup() {
    return lookup;
  }

  /** {@code @v/list}: the tagged versions, oldest first. */
  List<Version> versions(ModulePath path) throws GoProxyException {
    List<String> list = lookup.tryProxies(lookup.route(path), path, "module " + path + ": ",
        repo -> repo.versions().versions());
    List<Version> out = new ArrayList<>(list.size());
    for (String v : list) {
      out.add(Version.parse(v));
    }
    return List.copyOf(out);
  }

  /** The info of a version or revision: from the cache when canonical and present. */
  VersionInfo stat(ModulePath path, String rev) throws GoProxyException {
    Route route = lookup.route(path);
    return stat(route, path, rev);
  }

  private VersionInfo stat(Route route, ModulePath path, String rev) throws GoProxyException {
    Optional<VersionInfo> cached = cachedInfo(path, rev);
    if (cached.isPresent()) {
      return cached.get();
    }
    StatCall call = new StatCall(rev);
    VersionInfo info = lookup.tryProxies(route, path, path + "@" + rev + ": ", call);
    if (call.fetched) {
      cacheInfo(path, info);
    }
    return info;
  }

  /** go's cachingRepo.Stat on one repo (inside a walk): the cache, else the repo. */
  VersionInfo stat(Repo repo, ModulePath path, String rev) throws IOException {
    Optional<VersionInfo> cached = cachedInfo(path, rev);
    if (cached.isPresent()) {
      return cached.get();
    }
    StatCall call = new StatCall(rev);
    VersionInfo info = call.call(repo);
    if (call.fetched) {
      cacheInfo(path, info);
    }
    return info;
  }

  private Optional<VersionInfo> cachedInfo(ModulePath path, String rev) {
    if (!ProxyRepo.isCanonical(rev)) {
      return Optional.empty();
    }
    try {
      return cache.readInfo(ModuleVersion.of(path, Version.parse(rev)), goMinor);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private void cacheInfo(ModulePath path, VersionInfo info) {
    try {
      cache.writeInfo(path, info, goMinor);
    } catch (IOException e) {
      cacheWriteFailed("go: writing stat cache: ", e);
    }
  }

  /**
   * go's cachingRepo after a failed writeDiskStat or writeDiskGoMod: the command goes on, and the
   * failure is printed on standard error ({@code go: writing go.mod cache: mkdir /x/@v: not a
   * directory}) unless it is a read-only file system, which go passes over in silence.
   */
  private void cacheWriteFailed(String what, IOException e) {
    String reason = e instanceof GoPathError g ? g.reason()
        : e instanceof java.nio.file.FileSystemException f ? String.valueOf(f.getReason()) : "";
    if (!reason.equalsIgnoreCase("read-only file system")) {
      warnings.accept(what + e.getMessage());
    }
  }

  /**
   * The verified go.mod of a canonical version: from the cache (verified again, as go does),
   * else fetched, verified and cached. A cached go.mod whose check fails is taken as not cached,
   * as go's GoMod drops readDiskGoMod's error: it is fetched (walking GOPROXY, whose failure, an
   * invalid list's included, is then the one reported) and checked again, and not written over
   * the cached one (readDiskGoMod's failure names no file for writeDiskGoMod); but one go.sum
   * contradicts is go.sum's {@code SECURITY ERROR} at once (haveModSumLocked's base.Fatalf, which
   * no fetch follows).
   */
  GoMod goMod(Route route, ModuleVersion module) throws GoProxyException {
    Optional<GoMod> cached = cachedGoMod(route, module);
    if (cached.isPresent()) {
      return cached.get();
    }
    boolean failedCheck = cache.readGoMod(module).isPresent();
    String v = module.version().toString();
    GoModCall call = new GoModCall(v);
    byte[] data = lookup.tryProxies(route, module.path(), module + ": ", call);
    ModuleHash hash = ModuleHash.ofGoMod(data);
    sums.goMod(route, module, hash);
    if (!call.fetched || !cache.usable() || failedCheck) {
      // this command's memo answered (the cache was written when it was fetched), or go's
      // writeDiskGoMod writes nothing without a cache path (nor after a cached go.mod failed)
      return new GoMod(data, hash);
    }
    try {
      if (listWrites == null) {
        cache.writeGoMod(module, data);
      } else {
        cache.writeGoModOnly(module, data);
        cachedGoMod(module.path());
      }
    } catch (IOException e) {
      cacheWriteFailed("go: writing go.mod cache: ", e);
    }
    return new GoMod(data, hash);
  }

  /**
   * go's readDiskGoMod: the cached go.mod of a canonical version, verified as go's checkGoMod
   * verifies it (go.sum, else the checksum database); empty when it is not cached or its check
   * fails, but for go.sum contradicting it: that {@link ChecksumMismatchException} is thrown (go's
   * haveModSumLocked fails the command there).
   */
  Optional<GoMod> cachedGoMod(Route route, ModuleVersion module) throws ChecksumMismatchException {
    Optional<byte[]> cached = cache.readGoMod(module);
    if (cached.isPresent()) {
      ModuleHash hash = ModuleHash.ofGoMod(cached.get());
      try {
        sums.goMod(route, module, hash);
        return Optional.of(new GoMod(cached.get(), hash));
      } catch (ChecksumMismatchException e) {
        if (e.isGoSumMismatch()) {
          throw e;
        }
      } catch (GoProxyException | GoEnvException e) {
        // taken as not cached
      }
    }
    return Optional.empty();
  }

  /** {@link #goMod(Route, ModuleVersion)} with modload's check of the module line. */
  byte[] goMod(ModuleVersion module) throws GoProxyException {
    byte[] data = goMod(lookup.route(module.path()), module).data();
    checkModulePath(module, data);
    return data;
  }

  /**
   * go's {@code mod download} of one module (modload's DownloadModule): info, go.mod (verified
   * first, whatever module path it declares), then the zip ({@link #downloadZip}), verified,
   * committed and extracted by the {@link CacheWriter}. A version complete in the cache makes no
   * request.
   */
  DownloadedModule download(ModuleVersion module, ProgressEvents events)
      throws GoProxyException {
    if (!(cache.isExtracted(module) && cache.zip(module).isPresent())) {
      events.started(module);
    }
    Route route = lookup.route(module.path());
    VersionInfo info = stat(route, module.path(), module.version().toString());
    // go's InfoFile: the info fetched (nothing cached), then its cache path, which a cache go
    // cannot use does not have
    checkCacheUsable();
    // no module-line check, as modfetch.Download makes none: the proxy protocol cannot tell an
    // explicit go.mod from one the proxy made up, so go leaves that check to the module graph
    // (goModSummary, which also accepts the replaced path for a replacement) and to builds
    GoMod goMod;
    try {
      goMod = goMod(route, module);
    } catch (GoProxyException | RuntimeException e) {
      failedAfterStep(module, "");
      throw e;
    }
    CacheWriter.Stored stored;
    try {
      stored = storeZip(route, module, events);
    } catch (GoProxyException | RuntimeException e) {
      failedAfterStep(module, goMod.hash().toString());
      throw e;
    }
    DownloadedModule d = DownloadedModule.of(module, info, cache.file(module, "mod"),
        stored.zip(), stored.dir(), stored.zipHash(), goMod.hash());
    events.done(module, stored.dir());
    return d;
  }

  /**
   * go's {@code modfetch.Download} itself, as a toolchain switch runs it: the zip alone (no .info,
   * no .mod, so no {@code @v/list} either), verified against go.sum or the checksum database,
   * committed and extracted. A version complete in the cache makes no request.
   *
   * @return the extracted module directory
   */
  Path downloadZip(ModuleVersion module, ProgressEvents events) throws GoProxyException {
    checkCacheUsable(); // go's Download checks the cache directory first
    if (!(cache.isExtracted(module) && cache.zip(module).isPresent())) {
      events.started(module);
    }
    CacheWriter.Stored stored = storeZip(lookup.route(module.path()), module, events);
    events.done(module, stored.dir());
    return stored.dir();
  }

  private void failedAfterStep(ModuleVersion module, String goModSum) {
    if (failedDownloads != null) {
      failedDownloads.put(module, goModSum);
    }
  }

  /** go's checkCacheDir failure (the cache's {@link ModuleCache#problem()}) as the download's error. */
  private void checkCacheUsable() throws GoProxyException {
    cache.checkUsable(GoProxyException::new);
  }

  /** The zip fetched through the route, verified, committed and extracted (or found complete in the cache). */
  private CacheWriter.Stored storeZip(Route route, ModuleVersion module, ProgressEvents events)
      throws GoProxyException {
    String v = module.version().toString();
    CacheWriter.Stored stored = writer.store(module,
        tmp -> lookup.tryProxies(route, module.path(), module + ": ", repo -> {
          repo.zip(v, tmp, (received, total) -> events.bytes(module, received, total));
          return tmp;
        }),
        hash -> sums.zip(route, module, hash));
    if (stored.downloaded()) {
      events.verified(module, stored.zipHash().toString());
    }
    return stored;
  }

  /**
   * Before the first downloads (once): loads on an idle helper thread what each download needs
   * once its first responses are in, which a cold JVM would otherwise load then, on every
   * download's critical path, while the other core waits. The flock library (JNA), the costliest
   * (200-300 ms of CPU in a cold JVM, measured), is the client's own warm-up's ({@link
   * io.github.goproxy4j.client.internal.ColdStart}), started just before this on a thread of its
   * own. Here, first, SHA-256's update path ({@link DirHash#warmUp}): it only starts C2's
   * compilation, which then waits in the compiler's queue, so it goes first (a loaded cold run,
   * PrintCompilation: compiled at 1.2 s when first, 3.1 s when last in this list, 8.7 s without
   * it, when the zips' hashing began at 3.8-5.1 s). Then, in the order a download needs them:
   * the {@code .info} JSON decoder, the JDK's
   * Ed25519 (the checksum database's signed tree head: 160-230 ms for the first verification in
   * a cold JVM, 10-20 ms for the next, measured), the go.mod parser and the zip rules' Unicode
   * tables (a few hundred milliseconds of class loading and initialisation, measured). A busy
   * pool skips it. Nothing observable changes: any failure is left for the real use to report.
   */
  void warmUp() {
    if (unzipHelpers == null || !warmed.compareAndSet(false, true)) {
      return;
    }
    try {
      unzipHelpers.execute(() -> {
        try {
          DirHash.warmUp(); // first (see above)
          // in the order a download needs them
          InfoJson.parse(WARM_UP_INFO);
          Ed25519.verify(RFC8032_KEY, RFC8032_MESSAGE, RFC8032_SIGNATURE);
          GoModFile.parse("go.mod", WARM_UP_GO_MOD);
          UnicodeTables.forGoVersion(goVersion);
        } catch (RuntimeException | InfoJson.MalformedInfoException ignored) {
          // reported by the real use
        }
      });
    } catch (RejectedExecutionException busy) {
      // every helper is extracting: nothing to gain
    }
  }

  private static final byte[] WARM_UP_INFO =
      "{\"Version\":\"v1.0.0\",\"Time\":\"2019-01-02T03:04:05Z\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /**
   * RFC 8032 section 7.1, test 2: a public key, its one-byte message and the signature. Not test
   * 1: its empty message takes the digest's zero-length branch, which no tree head takes, and in
   * a cold JVM that made C2 throw away and compile again the SHA update path the downloads had
   * just warmed (an untaken-branch trap in {@code DigestBase.engineUpdate}, compilation log).
   */
  static final byte[] RFC8032_KEY =
      java.util.HexFormat.of().parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
  static final byte[] RFC8032_MESSAGE = {0x72};
  static final byte[] RFC8032_SIGNATURE = java.util.HexFormat.of().parseHex(
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

  private static final byte[] WARM_UP_GO_MOD =
      "module example.com/m\n\ngo 1.19\n\nrequire example.com/r v1.0.0 // indirect\n"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

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
}
