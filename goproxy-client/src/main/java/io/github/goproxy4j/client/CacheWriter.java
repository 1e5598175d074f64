package io.github.goproxy4j.client;

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
 * The cache writer: fills a {@link ModuleCache} with one module version the way go's modfetch
 * {@code Download} does ({@code DownloadZip}, then {@code unzip}), under go's lock on
 * {@code <v>.lock}, so that go and other processes can fill the same cache at the same time.
 *
 * <p>The fetch pipeline supplies the bytes and the verification ({@link ZipSource}); this class
 * owns everything that touches the cache: the temporary file, the zip's check and hash, the
 * {@code .ziphash}, the rename, and the extraction with its {@code .partial} marker. Nothing
 * unverified ever becomes visible: the zip is renamed into place only after its hash verifies,
 * and the tree is extracted only from a verified zip.
 *
 * <pre>{@code
 * CacheWriter.Filled f = new CacheWriter(cache).download(mv, source);
 * f.dir();   // the extracted tree, complete
 * }</pre>
 */
final class CacheWriter {
  private final ModuleCache cache;

  CacheWriter(ModuleCache cache) {
    this.cache = cache;
  }

  /** What the fetch pipeline provides to fill one module version. */
  interface ZipSource {
    /**
     * Downloads the zip into an empty temporary file (go's TryProxies over {@code repo.Zip}),
     * leaving the file empty again before falling through to the next proxy.
     *
     * @param tempZip the file, beside the final zip
     * @throws IOException if no source has the zip
     */
    void fetch(Path tempZip) throws IOException;

    /**
     * Checks a zip hash against go.sum and the checksum database (go's {@code checkModSum});
     * called for cached hashes too.
     *
     * @param zipHash the hash
     * @throws IOException with go's text if it does not verify
     */
    void verify(ModuleHash zipHash) throws IOException;

    /**
     * Told when a freshly downloaded zip has verified (before it is committed).
     *
     * @param zipHash its hash
     */
    default void verifiedDownload(ModuleHash zipHash) {}
  }

  /** A module version complete in the cache. */
  record Filled(ModuleHash zipHash, Path zip, Path dir) {}

  /**
   * Returns the version's verified zip and extracted tree, downloading and extracting only what
   * is missing.
   *
   * @param module the module version (canonical)
   * @param source the fetch pipeline
   * @return the verified hash, the zip and the tree
   * @throws IOException if fetching, verifying or writing fails; nothing unverified is left
   */
  @SuppressWarnings("try")
  Filled download(ModuleVersion module, ZipSource source) throws IOException {
    Path zip = cache.file(module, "zip");
    Path dir = cache.extractedDir(module);
    // go's DownloadZip fast path: zip and ziphash exist, no lock needed; then checkMod.
    if (Files.isRegularFile(zip)) {
      Optional<ModuleHash> h = cache.readZipHash(module);
      if (h.isPresent()) {
        source.verify(h.get());
        if (cache.isExtracted(module)) {
          return new Filled(h.get(), zip, dir);
        }
      }
    }
    try (ModuleCache.CacheLock lock = cache.lock(module)) {
      ModuleHash h = downloadZipLocked(module, source);
      cache.extractLocked(module, (z, target) -> ModuleZip.unzip(module, z, target));
      return new Filled(h, zip, dir);
    }
  }

  /** go's downloadZip, with the version lock held. */
  private ModuleHash downloadZipLocked(ModuleVersion module, ZipSource source)
      throws IOException {
    Path zip = cache.file(module, "zip");
    // Double-check: another process may have finished while we waited for the lock.
    boolean zipExists = Files.isRegularFile(zip);
    Optional<ModuleHash> existing = cache.readZipHash(module);
    if (zipExists && existing.isPresent()) {
      source.verify(existing.get());
      return existing.get();
    }
    Files.createDirectories(zip.getParent());
    cache.deleteStaleTemps(module);
    if (zipExists) {
      // The ziphash was lost: re-hash the zip without downloading, as go does.
      ModuleHash h = hashZip(module, zip);
      source.verify(h);
      cache.writeZipHash(module, h);
      return h;
    }
    Path tmp = cache.newTempFile(module, "zip");
    boolean committed = false;
    try {
      source.fetch(tmp);
      checkZipPrefixes(module, tmp);
      ModuleHash h = hashZip(module, tmp);
      source.verify(h);
      source.verifiedDownload(h);
      cache.writeZipHash(module, h);
      cache.commitZip(module, tmp);
      committed = true;
      return h;
    } finally {
      if (!committed) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static ModuleHash hashZip(ModuleVersion module, Path zip) throws IOException {
    try {
      return ModuleHash.ofZip(zip);
    } catch (IOException e) {
      throw new ProxyUnavailableException(module + ": " + zipError(e), e, List.of());
    }
  }

  private static String zipError(IOException e) {
    return e instanceof ZipException ? "zip: not a valid zip file" : String.valueOf(e.getMessage());
  }

  /** Every entry must start with {@code <path>@<version>/} (not case-escaped), as in go. */
  private static void checkZipPrefixes(ModuleVersion module, Path zip) throws IOException {
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
    } catch (ProxyUnavailableException e) {
      throw e;
    } catch (IOException e) {
      throw new ProxyUnavailableException(module + ": " + zipError(e), e, List.of());
    }
  }
}
