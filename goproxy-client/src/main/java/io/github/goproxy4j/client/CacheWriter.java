package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.zip.InvalidModuleZipException;
import io.github.goproxy4j.zip.ModuleZip;
import io.github.goproxy4j.zip.internal.GoZipReader;
import io.github.goproxy4j.zip.internal.UnzipPass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;

/**
 * Puts a module version's zip and extracted tree into the {@link ModuleCache} the way go's
 * modfetch {@code Download} does ({@code DownloadZip}, then {@code unzip}), under go's own lock on
 * {@code <v>.lock} ({@code flock(2)}; see {@link ModuleCache#lock}), so that go, other processes
 * and other threads can fill one cache at the same time:
 *
 * <ul>
 *   <li>stale {@code <v>.zip*.tmp} files, stale {@code <dir>.tmp-*} trees and half-extracted
 *       trees (with {@code .partial}) are removed (only safe under the lock: their writers are
 *       gone); the zip is fetched into a new {@code <v>.zip<random>.tmp};
 *   <li>one pass over it ({@link UnzipPass}) checks it (every entry under
 *       {@code <path>@<version>/}, x/mod's zip rules for the goVersion), hashes it and extracts
 *       it into a private {@code <dir>.tmp-<random>} tree, inflating each entry once (go reads it
 *       three times: prefix check, hash, Unzip); a large zip is extracted on the other cores too
 *       ({@link #helperPool()});
 *   <li>only when the hash verifies (go.sum, then the checksum database) is anything committed,
 *       in go's order: {@code .ziphash} (in place under its own lock), the zip (rename), then
 *       the tree, made read-only and renamed into place at once.
 * </ul>
 *
 * <p>go extracts in place behind a {@code .partial} marker; the rename gives a reader (go
 * 1.14.2+ honouring {@code .partial}, or one that does not) the same guarantee, and this writer
 * honours the marker: a tree with {@code .partial} is half-extracted and removed under the lock.
 *
 * <p>Nothing unverified is ever left in the cache, and nothing another process may be writing is
 * removed except under the lock, as in go. A version already complete needs no lock (go's fast
 * paths), but its cached hash is verified again.
 */
final class CacheWriter {
  /** How many threads besides the caller's extract one large zip: the other cores. */
  static final int HELPERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);

  private final ModuleCache cache;
  /** The Go release whose zip rules (Unicode tables) apply: the env's goVersion. */
  private final String goVersion;
  private final Executor helpers;

  /**
   * @param helpers where extraction helpers run ({@link #helperPool()}); null for none
   */
  CacheWriter(ModuleCache cache, String goVersion, Executor helpers) {
    this.cache = cache;
    this.goVersion = goVersion;
    this.helpers = helpers;
  }

  /**
   * A pool for {@link UnzipPass}'s helpers: up to {@link #HELPERS} daemon threads, made on
   * demand and ended after a second idle; a task finding every thread busy is rejected at once
   * and cheaply (the extracting thread then does that work itself, asking again after each chunk
   * of entries), so a helper never waits in a queue while the zip it was meant for is long done.
   * Shut it down with the client.
   *
   * @return the pool
   */
  static ThreadPoolExecutor helperPool() {
    return new ThreadPoolExecutor(0, Math.max(1, HELPERS), 1, TimeUnit.SECONDS, new SynchronousQueue<>(),
        new GoProxyClient.DaemonThreads("goproxy4j-unzip-"), new Refuse());
  }

  /** The pool's rejection: {@link Busy} (a class, not a lambda: every client builds the pool). */
  private static final class Refuse implements RejectedExecutionHandler {
    @Override
    public void rejectedExecution(Runnable r, ThreadPoolExecutor pool) {
      throw new Busy();
    }
  }

  /**
   * The pool's refusal when every helper is busy (or it is shut down), without a stack trace: an
   * extraction asks again after each chunk of entries, and a stack walk per refusal would cost
   * more than the answer is worth.
   */
  private static final class Busy extends RejectedExecutionException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super("every unzip helper is busy");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
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
      // One hold of the lock for what go does in two (DownloadZip, then unzip). A lock that
      // cannot be taken fails the download with lockVersion's error as it is (no module prefix):
      // mkdir /x/@v: not a directory
      ModuleCache.CacheLock lock;
      try {
        lock = cache.lock(module);
      } catch (IOException e) {
        throw new GoProxyException(e.getMessage(), e);
      }
      try (lock) {
        return storeLocked(module, source, check, cached);
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
   * go's downloadZip and unzip, with the version lock held, in one pass over the zip: it is
   * checked, hashed and extracted into a private tree; only once the hash verifies are the
   * {@code .ziphash}, the zip and then the tree (one rename) committed. A zip go would keep but
   * not extract (it breaks x/mod's rules) is committed as go commits it, without a tree.
   *
   * @param verified a cached hash already verified before the lock was taken, if any
   */
  private Stored storeLocked(ModuleVersion module, ZipSource source, ZipCheck check,
      Optional<ModuleHash> verified) throws IOException {
    Path zip = cache.file(module, "zip");
    Path dir = cache.extractedDir(module);
    // Double-check: another process may have finished while we waited for the lock.
    boolean zipExists = Files.isRegularFile(zip);
    // Without the zip its hash is of no use (go's downloadZip likewise fetches the zip): the
    // usual cold-cache miss costs no failing open under a shared lock.
    Optional<ModuleHash> existing = zipExists ? cache.readZipHash(module) : Optional.empty();
    boolean haveZip = zipExists && existing.isPresent();
    if (haveZip) {
      if (!existing.equals(verified)) {
        check.verify(existing.get());
      }
      if (cache.isExtracted(module)) {
        return new Stored(zip, existing.get(), dir, false);
      }
    } else {
      GoOs.mkdirAll(zip.getParent()); // go's MkdirAll: a stat, where the directory (it holds the lock file) exists
      cache.deleteStaleTemps(module);
    }
    // Without the zip it is downloaded; with a zip whose ziphash was lost it is re-hashed
    // without downloading, as go does.
    Path tmpZip = zipExists ? null : cache.newTempFile(module, "zip");
    Path tree = null;
    try {
      if (tmpZip != null) {
        source.fetchInto(tmpZip);
      }
      Path src = zipExists ? zip : tmpZip;
      tree = cache.beginExtraction(module);
      UnzipPass.Result r = pass(module, src, tree, haveZip ? zip : null);
      if (r.unexpectedFile().isPresent() && !zipExists) {
        throw new ProxyUnavailableException("zip for " + module.path() + "@" + module.version()
            + " has unexpected file " + r.unexpectedFile().get(), null, List.of());
      }
      ModuleHash h;
      if (haveZip) {
        h = existing.get();
      } else {
        // No hash from the pass when x/mod's size limits refuse the zip: hash it as go does.
        h = r.hash().isPresent() ? ModuleHash.ofDigest(r.hash().get()) : hash(module, src);
        check.verify(h);
        cache.writeZipHash(module, h);
        if (tmpZip != null) {
          cache.commitZip(module, tmpZip);
          tmpZip = null;
        }
      }
      if (!r.extracted()) {
        throw new GoProxyException(module + ": unzip " + zip + ": " + unzipError(module, src, r));
      }
      cache.commitTree(module, tree, r.directories());
      return new Stored(zip, h, dir, !zipExists);
    } catch (IOException | RuntimeException | Error e) {
      // Nothing unverified stays: the temporary zip and tree go (a tree left by a failed
      // removal is removed by the next writer under the lock, as go does).
      try {
        if (tmpZip != null) {
          Files.deleteIfExists(tmpZip);
        }
        if (tree != null) {
          GoOs.removeAll(tree);
        }
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * The one pass. A zip that cannot be read fails as go's hashing fails, or, for a zip already
   * committed ({@code committedZip} not null), as go's Unzip fails.
   */
  private UnzipPass.Result pass(ModuleVersion module, Path zip, Path tree, Path committedZip)
      throws IOException {
    try {
      return UnzipPass.run(module, zip, tree, goVersion, helpers, HELPERS);
    } catch (GoZipReader.ZipError e) {
      if (committedZip != null) {
        throw new GoProxyException(module + ": unzip " + committedZip + ": " + e.getMessage(), e);
      }
      // modfetch's downloadZip returns archive/zip's and dirhash's errors bare
      throw new ProxyUnavailableException(zipError(e), e, List.of());
    }
  }

  /** x/mod's Unzip error for a zip the pass did not extract. */
  private String unzipError(ModuleVersion module, Path zip, UnzipPass.Result r) throws IOException {
    if (r.verdict() != null) {
      return r.verdict().error().orElseThrow();
    }
    // A cached zip with a foreign entry: the pass stopped at the prefix check; x/mod's check
    // gives Unzip's text.
    try {
      ModuleZip.check(module, zip, goVersion);
    } catch (InvalidModuleZipException e) {
      return e.getMessage();
    }
    throw new IllegalStateException("zip for " + module + " has unexpected file "
        + r.unexpectedFile().orElseThrow() + " but passes x/mod's check");
  }

  private static ModuleHash hash(ModuleVersion module, Path zip) throws GoProxyException {
    try {
      return ModuleHash.ofZip(zip);
    } catch (IOException e) {
      throw new ProxyUnavailableException(zipError(e), e, List.of());
    }
  }

  private static String zipError(IOException e) {
    if (e instanceof GoZipReader.ZipError) {
      return e.getMessage(); // already Go's text (zip: checksum error, unexpected EOF, ...)
    }
    return e instanceof ZipException ? "zip: not a valid zip file" : String.valueOf(e.getMessage());
  }
}
