package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.internal.UnicodeTables;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.internal.Ed25519;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * go's {@code modfetch} as the client uses it: the versions, info, go.mod and zip of a module
 * over its route ({@link Lookup}), with the module cache in front as go's {@code cachingRepo}
 * has it, every go.mod and zip verified ({@link SumCheck}) before it is cached, and the zip put
 * into the cache by the {@link CacheWriter}. Each call resolves the module's route once.
 */
final class ModFetch {
  private static final Logger LOG = LoggerFactory.getLogger(GoProxyClient.class);

  private final Lookup lookup;
  private final SumCheck sums;
  private final ModuleCache cache;
  private final CacheWriter writer;
  private final String goVersion;
  private final Executor unzipHelpers;
  private final AtomicBoolean warmed = new AtomicBoolean();
  /**
   * Modules whose go.mod was cached and whose {@code list} waits for {@link #flushVersionLists}
   * (null: each go.mod rewrites its module's list at once, as go does).
   */
  private final Set<ModulePath> listsLater;

  ModFetch(Lookup lookup, SumCheck sums, ModuleCache cache, String goVersion, Executor unzipHelpers) {
    this(lookup, sums, cache, goVersion, unzipHelpers, false);
  }

  private ModFetch(Lookup lookup, SumCheck sums, ModuleCache cache, String goVersion, Executor unzipHelpers,
      boolean deferLists) {
    this.listsLater = deferLists ? ConcurrentHashMap.newKeySet() : null;
    this.lookup = lookup;
    this.sums = sums;
    this.cache = cache;
    this.goVersion = goVersion;
    this.unzipHelpers = unzipHelpers;
    this.writer = new CacheWriter(cache, goVersion, unzipHelpers);
  }

  /**
   * A fetch like this one that leaves each module's {@code list} file to
   * {@link #flushVersionLists}: a graph load caches several versions of most modules, and each
   * list rewrite is a locked open, a directory read and two truncations (most of a cold load's
   * kernel time was spent there). Not for downloads.
   */
  ModFetch deferringVersionLists() {
    return new ModFetch(lookup, sums, cache, goVersion, unzipHelpers, true);
  }

  /**
   * go's rewriteVersionList, once for each module whose go.mod this fetch cached since the last
   * flush (nothing when lists are not deferred).
   *
   * @throws GoProxyException if a list file cannot be written
   */
  void flushVersionLists() throws GoProxyException {
    if (listsLater == null) {
      return;
    }
    for (ModulePath path : List.copyOf(listsLater)) {
      listsLater.remove(path);
      try {
        cache.rewriteVersionList(path);
      } catch (IOException e) {
        throw new GoProxyException("writing " + cache.versionsDir(path).resolve("list") + ": " + e.getMessage(), e);
      }
    }
  }

  /** A verified go.mod and its hash (computed once). */
  record GoMod(byte[] data, ModuleHash hash) {}

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
    VersionInfo info = lookup.tryProxies(route, path, path + "@" + rev + ": ",
        repo -> repo.stat(rev));
    cacheInfo(path, info);
    return info;
  }

  /** go's cachingRepo.Stat on one repo (inside a walk): the cache, else the repo. */
  VersionInfo stat(Repo repo, ModulePath path, String rev) throws IOException {
    Optional<VersionInfo> cached = cachedInfo(path, rev);
    if (cached.isPresent()) {
      return cached.get();
    }
    VersionInfo info = repo.stat(rev);
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

  /**
   * The verified go.mod of a canonical version: from the cache (verified again, as go does),
   * else fetched, verified and cached.
   */
  GoMod goMod(Route route, ModuleVersion module) throws GoProxyException {
    Optional<byte[]> cached = cache.readGoMod(module);
    if (cached.isPresent()) {
      ModuleHash hash = ModuleHash.ofGoMod(cached.get());
      sums.goMod(route, module, hash);
      return new GoMod(cached.get(), hash);
    }
    String v = module.version().toString();
    byte[] data = lookup.tryProxies(route, module.path(), module + ": ", repo -> repo.goMod(v));
    ModuleHash hash = ModuleHash.ofGoMod(data);
    sums.goMod(route, module, hash);
    try {
      if (listsLater == null) {
        cache.writeGoMod(module, data);
      } else {
        cache.writeGoModOnly(module, data);
        listsLater.add(module.path());
      }
    } catch (IOException e) {
      throw new GoProxyException("writing " + cache.file(module, "mod") + ": " + e.getMessage(),
          e);
    }
    return new GoMod(data, hash);
  }

  /** {@link #goMod(Route, ModuleVersion)} with modload's check of the module line. */
  byte[] goMod(ModuleVersion module) throws GoProxyException {
    byte[] data = goMod(lookup.route(module.path()), module).data();
    checkModulePath(module, data);
    return data;
  }

  /**
   * go's {@code modfetch.Download}: info, go.mod (verified first), then the zip, verified,
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
    GoMod goMod = goMod(route, module);
    checkModulePath(module, goMod.data());
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
    DownloadedModule d = DownloadedModule.of(module, info, cache.file(module, "mod"),
        stored.zip(), stored.dir(), stored.zipHash(), goMod.hash());
    events.done(module, stored.dir());
    return d;
  }

  /**
   * Before the first downloads (once): loads on an idle helper thread what each download needs
   * once its first responses are in, which a cold JVM would otherwise load then, on every
   * download's critical path, while the other core waits. First the flock library (JNA): the
   * costliest (its set-up, which also runs {@code ldconfig -p}, took 200-300 ms of CPU in a cold
   * JVM, measured) and needed second, by the checksum database's state and cache reads right
   * after the go.mod arrives; last in the list it was still loading when the downloads got
   * there, and all of them waited for it. Then in the order a download needs them: the
   * {@code .info} JSON decoder, the JDK's Ed25519 (the checksum database's signed tree head:
   * 160-230 ms for the first verification in a cold JVM, 10-20 ms for the next, measured), the
   * go.mod parser and the zip rules' Unicode tables (a few hundred milliseconds of class
   * loading and initialisation, measured). A busy pool skips it. Nothing observable changes:
   * any failure is left for the real use to report.
   */
  void warmUp() {
    if (unzipHelpers == null || !warmed.compareAndSet(false, true)) {
      return;
    }
    try {
      unzipHelpers.execute(() -> {
        try {
          // the flock library first (see above), then in the order a download needs them
          LockedFile.mechanism();
          InfoJson.parse(WARM_UP_INFO);
          Ed25519.verify(RFC8032_KEY, new byte[0], RFC8032_SIGNATURE);
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

  /** RFC 8032 section 7.1, test 1: a public key and its signature of the empty message. */
  static final byte[] RFC8032_KEY =
      java.util.HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  static final byte[] RFC8032_SIGNATURE = java.util.HexFormat.of().parseHex(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

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
