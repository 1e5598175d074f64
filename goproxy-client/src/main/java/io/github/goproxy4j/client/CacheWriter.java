package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.zip.ModuleZip;
import io.github.goproxy4j.zip.internal.GoZipReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * Puts a module version's zip and extracted tree into the {@link ModuleCache} the way go's
 * modfetch {@code Download} does ({@code DownloadZip}, then {@code unzip}), under go's own lock on
 * {@code <v>.lock} ({@code flock(2)}; see {@link ModuleCache#lock}), so that go, other processes
 * and other threads can fill one cache at the same time:
 *
 * <ul>
 *   <li>zip: stale {@code <v>.zip*.tmp} files are removed (only safe under the lock: their
 *       writers are gone), the zip is fetched into a new {@code <v>.zip<random>.tmp}, checked
 *       (every entry under {@code <path>@<version>/}), hashed and verified, and only then
 *       committed ({@code .ziphash} written in place under its own lock, then the rename);
 *   <li>tree: stale {@code <dir>.tmp-*} and half-extracted trees are removed, {@code .partial}
 *       is created, the verified zip is extracted, {@code .partial} is removed.
 * </ul>
 *
 * <p>Nothing unverified is ever left in the cache, and nothing another process may be writing is
 * removed except under the lock, as in go. A version already complete needs no lock (go's fast
 * paths), but its cached hash is verified again.
 */
final class CacheWriter {
  private final ModuleCache cache;
  /** The Go release whose zip rules (Unicode tables) apply: the env's goVersion. */
  private final String goVersion;

  CacheWriter(ModuleCache cache, String goVersion) {
    this.cache = cache;
    this.goVersion = goVersion;
  }

  /** Fetches the zip into an existing empty file (replacing what an earlier attempt left). */
  @FunctionalInterface
  interface ZipSource {
    void fetchInto(Path target) throws GoProxyException;
  }

  /** Verifies a zip hash (go.sum, then the checksum database); throws if it does not match. */
  @FunctionalInterface
  interface ZipCheck {
    void verify(ModuleHash hash) throws GoProxyException;
  }

  /**
   * What {@link #store} left in the cache.
   *
   * @param zip the committed zip
   * @param zipHash its verified hash
   * @param dir the extracted tree
   * @param downloaded whether the zip was fetched now (false: it was in the cache)
   */
  record Stored(Path zip, ModuleHash zipHash, Path dir, boolean downloaded) {}

  /**
   * Makes sure the cache holds the verified zip and the extracted tree of {@code module},
   * fetching the zip from {@code source} only when the cache lacks it. A cached zip is verified
   * again with {@code check} (from its {@code .ziphash}, or re-hashed when that was lost).
   */
  @SuppressWarnings("try")
  Stored store(ModuleVersion module, ZipSource source, ZipCheck check) throws GoProxyException {
    Path zip = cache.file(module, "zip");
    Path dir = cache.extractedDir(module);
    try {
      // go's DownloadZip fast path (zip and ziphash exist: no lock), then checkMod.
      Optional<ModuleHash> cached = Optional.empty();
      if (Files.isRegularFile(zip)) {
        cached = cache.readZipHash(module);
        if (cached.isPresent()) {
          check.verify(cached.get());
          if (cache.isExtracted(module)) {
            return new Stored(zip, cached.get(), dir, false);
          }
        }
      }
      // One hold of the lock for what go does in two (DownloadZip, then unzip).
      try (ModuleCache.CacheLock lock = cache.lock(module)) {
        Stored stored = storeZipLocked(module, source, check, cached);
        cache.extractLocked(module, (z, target) -> ModuleZip.unzip(module, z, target, goVersion));
        return stored;
      }
    } catch (GoProxyException e) {
      throw e;
    } catch (IOException e) {
      throw new GoProxyException(module + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ProxyUnavailableException(e.getMessage(), e, List.of()); // x/mod's zip rules
    }
  }

  /**
   * go's downloadZip, with the version lock held.
   *
   * @param verified a cached hash already verified before the lock was taken, if any
   */
  private Stored storeZipLocked(ModuleVersion module, ZipSource source, ZipCheck check,
      Optional<ModuleHash> verified) throws IOException {
    Path zip = cache.file(module, "zip");
    Path dir = cache.extractedDir(module);
    // Double-check: another process may have finished while we waited for the lock.
    boolean zipExists = Files.isRegularFile(zip);
    Optional<ModuleHash> existing = cache.readZipHash(module);
    if (zipExists && existing.isPresent()) {
      if (!existing.equals(verified)) {
        check.verify(existing.get());
      }
      return new Stored(zip, existing.get(), dir, false);
    }
    Files.createDirectories(zip.getParent());
    cache.deleteStaleTemps(module);
    if (zipExists) {
      // The ziphash was lost: re-hash the zip without downloading, as go does.
      ModuleHash h = hash(module, zip);
      check.verify(h);
      cache.writeZipHash(module, h);
      return new Stored(zip, h, dir, false);
    }
    Path tmp = cache.newTempFile(module, "zip");
    boolean committed = false;
    try {
      source.fetchInto(tmp);
      checkPrefixes(module, tmp);
      ModuleHash h = hash(module, tmp);
      check.verify(h);
      cache.writeZipHash(module, h);
      cache.commitZip(module, tmp);
      committed = true;
      return new Stored(zip, h, dir, true);
    } finally {
      if (!committed) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static ModuleHash hash(ModuleVersion module, Path zip) throws GoProxyException {
    try {
      return ModuleHash.ofZip(zip);
    } catch (IOException e) {
      throw new ProxyUnavailableException(module + ": " + zipError(e), e, List.of());
    }
  }

  /** Every entry must start with {@code <path>@<version>/} (not case-escaped), as in go. */
  private static void checkPrefixes(ModuleVersion module, Path zip) throws GoProxyException {
    try (GoZipReader z = GoZipReader.open(zip)) {
      Optional<GoZipReader.Entry> bad = io.github.goproxy4j.zip.internal.ZipCheck.unexpectedFile(module, z);
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

  private static String zipError(IOException e) {
    return e instanceof ZipException ? "zip: not a valid zip file" : String.valueOf(e.getMessage());
  }
}
