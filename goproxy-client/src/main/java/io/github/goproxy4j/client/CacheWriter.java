package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.zip.ModuleZip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Puts a module version's zip and extracted tree into the {@link ModuleCache} with go's write
 * protocol ({@code modfetch.DownloadZip} and {@code download}): under the version's lock, stale
 * temporary files go, the zip is fetched into a new temporary file, checked (every entry under
 * {@code <path>@<version>/}), hashed and verified, and only then committed ({@code .ziphash},
 * then the rename); the tree is extracted behind the {@code .partial} marker. Nothing unverified
 * is ever left in the cache.
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
  Stored store(ModuleVersion module, ZipSource source, ZipCheck check) throws GoProxyException {
    Stored zip;
    try {
      zip = storeZip(module, source, check);
    } catch (GoProxyException e) {
      throw e;
    } catch (IOException e) {
      throw cacheError(module, e);
    }
    Path dir;
    try {
      dir = cache.extract(module, (z, target) -> ModuleZip.unzip(module, z, target, goVersion));
    } catch (GoProxyException e) {
      throw e;
    } catch (IOException e) {
      throw cacheError(module, e);
    } catch (IllegalArgumentException e) {
      throw new ProxyUnavailableException(e.getMessage(), e, List.of()); // x/mod's zip rules
    }
    return new Stored(zip.zip(), zip.zipHash(), dir, zip.downloaded());
  }

  private static GoProxyException cacheError(ModuleVersion module, IOException e) {
    return new GoProxyException(module + ": " + e.getMessage(), e);
  }

  /** go's DownloadZip: the verified zip hash, downloading only when needed. */
  @SuppressWarnings("try")
  private Stored storeZip(ModuleVersion module, ZipSource source, ZipCheck check)
      throws IOException {
    Path zip = cache.file(module, "zip");
    if (cache.zip(module).isPresent()) {
      Optional<ModuleHash> h = cache.readZipHash(module);
      if (h.isPresent()) {
        check.verify(h.get());
        return new Stored(zip, h.get(), null, false);
      }
    }
    try (ModuleCache.CacheLock ignored = cache.lock(module)) {
      boolean zipExists = Files.isRegularFile(zip);
      Optional<ModuleHash> existing = cache.readZipHash(module);
      if (zipExists && existing.isPresent()) {
        check.verify(existing.get());
        return new Stored(zip, existing.get(), null, false);
      }
      cache.deleteStaleTemps(module);
      if (zipExists) {
        ModuleHash h = hash(module, zip);
        check.verify(h);
        cache.writeZipHash(module, h);
        return new Stored(zip, h, null, false);
      }
      Path tmp = cache.newTempFile(module, "zip");
      boolean committed = false;
      try {
        source.fetchInto(tmp);
        checkPrefixes(module, tmp);
        ModuleHash h = hash(module, tmp);
        check.verify(h);
        cache.commitZip(module, tmp, h);
        committed = true;
        return new Stored(zip, h, null, true);
      } finally {
        if (!committed) {
          Files.deleteIfExists(tmp);
        }
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
    String prefix = module.path() + "@" + module.version() + "/";
    try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
      Enumeration<? extends ZipEntry> en = z.entries();
      while (en.hasMoreElements()) {
        String name = en.nextElement().getName();
        if (!name.startsWith(prefix)) {
          throw new ProxyUnavailableException("zip for " + module.path() + "@" + module.version()
              + " has unexpected file " + name, null, List.of());
        }
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
