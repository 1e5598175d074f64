package io.github.goproxy4j.zip.internal;

import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.UnicodeTables;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.zip.FileError;
import io.github.goproxy4j.zip.ModuleZip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One pass over a downloaded module zip, for the module cache writer: the go command's prefix
 * check, x/mod's {@code CheckZip}, {@code dirhash.HashZip} and x/mod's {@code Unzip}, with every
 * entry inflated once. The go command does these in three passes (downloadZip's prefix check,
 * hashZip, then Unzip after verification); the verdicts and texts are the same, and nothing
 * becomes visible in the cache because the tree is written into a private directory that only
 * the caller renames into place, after verifying the hash.
 *
 * <p>Order of the steps, each stopping the pass:
 * <ol>
 *   <li>the zip's central directory cannot be read: {@link GoZipReader.ZipError} with Go's text
 *       (go: hashing the zip fails);
 *   <li>an entry lacks the {@code module@version/} prefix: {@link Result#unexpectedFile()} (go:
 *       {@code zip for <m@v> has unexpected file <name>}); nothing hashed or written;
 *   <li>a declared size breaks x/mod's limits (zip file, total, go.mod, LICENSE): the verdict
 *       with {@link ZipCheck.Verdict#sizesExceeded()}, no hash, nothing inflated or written (go
 *       would inflate it all to hash it, then refuse it in Unzip);
 *   <li>another CheckZip rule is broken (collision, bad path, ...): the hash and the invalid
 *       verdict, nothing written (go: hash, verify, then Unzip fails);
 *   <li>otherwise: every entry is inflated once, hashed and, if it is a file, written; an entry
 *       whose data disagrees with its header throws {@link GoZipReader.ZipError}.
 * </ol>
 *
 * <p>Extraction is shaped like go's: each directory is created once ({@code mkdir}, mode 0777
 * less the umask, as go's {@code MkdirAll}); each file is created with its final mode 0444 in the
 * {@code open} call itself ({@code O_CREAT|O_EXCL}, as x/mod's Unzip), written and closed, with
 * no further metadata calls. Making the directories read-only (go's {@code makeDirsReadOnly}:
 * each directory's mode less the write bits, children before parents) is left to the caller;
 * the module cache writer does it just before the rename, so that the tree appears with its
 * final modes. {@link Result#directories()} lists them so that it need not walk the tree.
 *
 * <p>Usage, as the module cache writer uses it:
 * <pre>{@code
 * Path tmpDir = ...;   // private, missing or empty, on the cache's file system
 * UnzipPass.Result r = UnzipPass.run(mv, tmpZip, tmpDir, env.goVersion());  // ZipError: zip unreadable
 * if (r.unexpectedFile().isPresent()) fail("zip for " + mv + " has unexpected file " + name);
 * if (r.hash().isEmpty()) fail(r.verdict().error());        // declared sizes too large
 * verify(ModuleHash.ofDigest(r.hash().get()));               // go.sum, then the checksum db
 * if (!r.extracted()) fail(r.verdict().error());             // CheckZip rule broken
 * commit(tmpZip, r.hash(), tmpDir, r.directories());         // rename into place, then read-only
 * }</pre>
 * On any failure the caller deletes {@code tmpDir}. Internal to goproxy4j.
 */
public final class UnzipPass {
  private static final int BUFFER = 64 * 1024;
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final FileAttribute<?>[] READ_ONLY = POSIX
      ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
          PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ))}
      : new FileAttribute<?>[0];
  private static final Set<OpenOption> CREATE_NEW =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private UnzipPass() {}

  /** What one pass found. */
  public static final class Result {
    private final String unexpectedFile;
    private final ZipCheck.Verdict verdict;
    private final byte[] hash;
    private final boolean extracted;
    private final List<Path> directories;

    Result(String unexpectedFile, ZipCheck.Verdict verdict, byte[] hash, boolean extracted, List<Path> directories) {
      this.unexpectedFile = unexpectedFile;
      this.verdict = verdict;
      this.hash = hash;
      this.extracted = extracted;
      this.directories = List.copyOf(directories);
    }

    /**
     * Returns the first entry outside the module's directory, if any.
     *
     * @return the name (as Go prints it) of the first entry without the {@code module@version/}
     *     prefix; when present nothing else was done and {@link #verdict()} is null
     */
    public Optional<String> unexpectedFile() {
      return Optional.ofNullable(unexpectedFile);
    }

    /** {@return x/mod's CheckZip verdict (null only when {@link #unexpectedFile()} is present)} */
    public ZipCheck.Verdict verdict() {
      return verdict;
    }

    /** {@return the 32-byte h1 digest of the zip; empty when the pass stopped before hashing} */
    public Optional<byte[]> hash() {
      return Optional.ofNullable(hash).map(byte[]::clone);
    }

    /** {@return whether the verdict was valid and every file was written into the directory} */
    public boolean extracted() {
      return extracted;
    }

    /**
     * Returns the directories the pass created.
     *
     * @return the directories created (the target first, parents before children); empty when
     *     nothing was extracted
     */
    public List<Path> directories() {
      return directories;
    }
  }

  /**
   * Runs the pass with the newest Go release's file-name rules.
   *
   * @param mv the module version (canonical version)
   * @param zip the downloaded zip
   * @param dir the private directory to extract into: missing or empty; created if missing
   * @return what was found; see the class comment for the order of the steps
   * @throws GoZipReader.ZipError with Go's text when the zip cannot be read or an entry's data
   *     disagrees with its header ({@link GoZipReader.ZipError#entry()} names it)
   * @throws IOException when reading the zip or writing the tree fails
   */
  public static Result run(ModuleVersion mv, Path zip, Path dir) throws IOException {
    return run(mv, zip, dir, GoRelease.NEWEST);
  }

  /**
   * Runs the pass with a given Go release's file-name rules (its Unicode tables decide letters,
   * case-fold collisions and quoting; {@code GoEnv}'s {@code goVersion}).
   *
   * @param mv the module version (canonical version)
   * @param zip the downloaded zip
   * @param dir the private directory to extract into: missing or empty; created if missing
   * @param goVersion the Go release, for example {@code "1.21"}
   * @return what was found; see the class comment for the order of the steps
   * @throws GoZipReader.ZipError with Go's text when the zip cannot be read or an entry's data
   *     disagrees with its header ({@link GoZipReader.ZipError#entry()} names it)
   * @throws IOException when reading the zip or writing the tree fails
   * @throws IllegalArgumentException when {@code goVersion} is not a Go release from 1.19 on
   */
  public static Result run(ModuleVersion mv, Path zip, Path dir, String goVersion) throws IOException {
    return run(mv, zip, dir, goVersion, null, 0);
  }

  /**
   * Runs the pass, extracting a large zip on up to {@code helpers} threads of {@code pool}
   * besides the calling thread. A helper task that {@code pool} rejects (all its threads busy)
   * is offered again each time the calling thread finishes a chunk of entries (so {@code pool}
   * should reject cheaply); one that starts late costs nothing: the calling thread does whatever
   * no helper took, and waits only for the entries a helper is writing. The result, the tree and the exception
   * thrown are those of a pass on one thread.
   *
   * @param mv the module version (canonical version)
   * @param zip the downloaded zip
   * @param dir the private directory to extract into: missing or empty; created if missing
   * @param goVersion the Go release, for example {@code "1.21"}
   * @param pool where helper tasks run, or null for none; it may reject them
   * @param helpers how many helper tasks to offer it at most
   * @return what was found; see the class comment for the order of the steps
   * @throws GoZipReader.ZipError with Go's text when the zip cannot be read or an entry's data
   *     disagrees with its header ({@link GoZipReader.ZipError#entry()} names the first such
   *     entry in directory order)
   * @throws IOException when reading the zip or writing the tree fails
   * @throws IllegalArgumentException when {@code goVersion} is not a Go release from 1.19 on
   */
  public static Result run(ModuleVersion mv, Path zip, Path dir, String goVersion, Executor pool, int helpers)
      throws IOException {
    UnicodeTables unicode = UnicodeTables.forGoVersion(goVersion);
    long zipSize = Files.size(zip);
    try (GoZipReader z = GoZipReader.open(zip)) {
      Optional<GoZipReader.Entry> bad = ZipCheck.unexpectedFile(mv, z);
      if (bad.isPresent()) {
        return new Result(bad.get().name(), null, null, false, List.of());
      }
      if (zipSize > ModuleZip.MAX_ZIP_FILE) {
        String msg = "module zip file is too large (" + zipSize + " bytes; limit is " + ModuleZip.MAX_ZIP_FILE + " bytes)";
        return new Result(null, new ZipCheck.Verdict(List.of(), List.<FileError>of(), msg, true), null, false, List.of());
      }
      ZipCheck.Verdict verdict = ZipCheck.check(mv, z, goVersion, unicode);
      if (verdict.sizesExceeded()) {
        return new Result(null, verdict, null, false, List.of());
      }
      if (!verdict.isValid()) {
        return new Result(null, verdict, DirHash.hashZip(z), false, List.of());
      }
      List<Path> dirs = new ArrayList<>();
      byte[] hash = new Extraction(z, ZipCheck.prefix(mv).length, dir, dirs, true, pool, helpers).run();
      return new Result(null, verdict, hash, true, dirs);
    }
  }

  /**
   * Writes the files of a zip that {@link ZipCheck#check} found valid into {@code dir} (missing
   * or empty), without hashing: x/mod's Unzip after its check.
   *
   * @param mv the module version
   * @param z the checked zip
   * @param dir the target directory
   * @throws GoZipReader.ZipError with Go's text when an entry's data disagrees with its header
   * @throws IOException when writing fails
   */
  public static void extract(ModuleVersion mv, GoZipReader z, Path dir) throws IOException {
    new Extraction(z, ZipCheck.prefix(mv).length, dir, new ArrayList<>(), false, null, 0).run();
  }

  /**
   * Hashing and writing the entries of a valid zip. The directories are made first, in
   * directory order, by the calling thread; then the entries are inflated, hashed and written in
   * chunks of consecutive entries, which the calling thread claims one after another and, given
   * helpers, so do up to {@code helpers} more threads (each with its own fork of the reader).
   * The caller never waits for a helper that has not started: it works through every chunk left
   * and then waits only for chunks a helper is still writing. The first failure in directory
   * order is the one thrown, as on one thread: chunks are claimed in order, and once one fails
   * no later chunk is claimed, while every earlier chunk is finished.
   */
  private static final class Extraction {
    /** Below this much declared content a zip is extracted on the calling thread alone. */
    static final long PARALLEL_MIN_BYTES = 4L << 20;
    /** A chunk ends after this much declared content ... */
    static final long CHUNK_BYTES = 1L << 20;
    /** ... or after this many entries. */
    static final int CHUNK_ENTRIES = 32;

    private final GoZipReader z;
    private final int prefixLen;
    private final Path root;
    private final List<Path> dirs;
    private final boolean hashing;
    private final Executor helperPool;
    private final int helpers;
    private final Set<String> made = new HashSet<>();
    private final List<GoZipReader.Entry> entries;
    private byte[][] digests;
    /** Per work item: the entry's index and, for a file, its target path (null: hash only). */
    private int[] work;
    private Path[] targets;
    /** Chunk k covers work[chunkStart[k]] up to work[chunkStart[k + 1]]. */
    private int[] chunkStart;

    // Shared between the caller and the helpers, guarded by this.
    private int nextChunk;
    private int inFlight;
    private int failedChunk = Integer.MAX_VALUE;
    private int failedItem = Integer.MAX_VALUE;
    private Throwable failure;

    // The calling thread's alone.
    /** How many helpers this zip can use, and how many the pool took. */
    private int wanted;
    private int offered;

    Extraction(GoZipReader z, int prefixLen, Path root, List<Path> dirs, boolean hashing,
        Executor helperPool, int helpers) {
      this.hashing = hashing;
      this.z = z;
      this.prefixLen = prefixLen;
      this.root = root;
      this.dirs = dirs;
      this.helperPool = helperPool;
      this.helpers = helperPool == null ? 0 : helpers;
      this.entries = z.entries();
    }

    byte[] run() throws IOException {
      // dirhash reads the last entry of each name; in a valid zip only directories repeat, so
      // only directory entries are looked up.
      Map<String, Integer> lastDir = new HashMap<>();
      for (int i = 0; i < entries.size(); i++) {
        GoZipReader.Entry e = entries.get(i);
        if (e.isDirectory()) {
          lastDir.put(e.name, i);
        }
      }
      if (!Files.isDirectory(root)) {
        Files.createDirectories(root);
      }
      dirs.add(root);
      made.add("");
      digests = new byte[entries.size()][];
      work = new int[entries.size()];
      targets = new Path[entries.size()];
      int n = 0;
      long bytes = 0;
      for (int i = 0; i < entries.size(); i++) {
        GoZipReader.Entry e = entries.get(i);
        if (last(lastDir, e, i) != i) {
          continue;
        }
        byte[] rest = e.rawNameFrom(prefixLen);
        boolean file = rest.length > 0 && rest[rest.length - 1] != '/';
        if (!file && !hashing) {
          continue;
        }
        if (file) {
          String name = GoZipReader.decodeName(rest);
          int slash = name.lastIndexOf('/');
          Path parent = slash < 0 ? root : mkdirs(name.substring(0, slash));
          targets[n] = parent.resolve(slash < 0 ? name : name.substring(slash + 1));
          bytes += Math.max(0, e.uncompressedSize);
        }
        work[n++] = i;
      }
      chunkStart = chunks(n);
      int chunks = chunkStart.length - 1;
      wanted = bytes < PARALLEL_MIN_BYTES ? 0 : Math.min(helpers, chunks - 1);
      offerHelp();
      int first = claim();
      if (first >= 0) {
        work(z, first, true);
      }
      awaitHelpers();
      if (failure != null) {
        rethrow(failure);
      }
      if (!hashing) {
        return null;
      }
      // The summary, in dirhash's order: every entry's name (duplicates too) with the digest of
      // the last entry of that name.
      Integer[] order = new Integer[entries.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> java.util.Arrays.compareUnsigned(entries.get(a).rawName, entries.get(b).rawName));
      DirHash.Summary summary = new DirHash.Summary();
      for (Integer i : order) {
        GoZipReader.Entry e = entries.get(i);
        summary.add(e.rawName, digests[last(lastDir, e, i)]);
      }
      return summary.digest();
    }

    /** The index of the last entry named as entry {@code i}, {@code e}. */
    private static int last(Map<String, Integer> lastDir, GoZipReader.Entry e, int i) {
      return e.isDirectory() ? lastDir.get(e.name) : i;
    }

    /** Chunk boundaries over the first {@code n} work items. */
    private int[] chunks(int n) {
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      long bytes = 0;
      int count = 0;
      for (int k = 0; k < n; k++) {
        bytes += Math.max(0, entries.get(work[k]).uncompressedSize);
        count++;
        if ((bytes >= CHUNK_BYTES || count >= CHUNK_ENTRIES) && k + 1 < n) {
          starts.add(k + 1);
          bytes = 0;
          count = 0;
        }
      }
      starts.add(n);
      int[] out = new int[starts.size()];
      for (int k = 0; k < out.length; k++) {
        out[k] = starts.get(k);
      }
      return out;
    }

    /**
     * Offers the pool as many helper tasks as this zip can still use. Called by the calling
     * thread at the start and after each chunk it finishes: a helper busy with another zip when
     * this one started joins once it is idle (a large zip that is the last one left in a bulk
     * download then still gets every core). A rejection means every helper is busy.
     */
    private void offerHelp() {
      while (offered < wanted) {
        synchronized (this) {
          if (failure != null || chunkStart.length - 1 - nextChunk < 2) {
            return; // at most the chunk the caller takes next is left
          }
        }
        try {
          helperPool.execute(this::help);
        } catch (RejectedExecutionException busy) {
          return; // no idle helper now; asked again after the next chunk
        }
        offered++;
      }
    }

    /** A helper thread: works with its own fork of the reader. */
    private void help() {
      // Claim before forking: a helper that starts after the work is done touches nothing.
      int first = claim();
      if (first < 0) {
        return;
      }
      try (GoZipReader fork = z.fork()) {
        work(fork, first, false);
      } catch (IOException | RuntimeException | Error e) {
        fail(Integer.MAX_VALUE, Integer.MAX_VALUE, e); // closing the fork cannot fail
      }
    }

    /**
     * Chunk {@code c} and then every further chunk this thread can claim; the calling thread
     * ({@code offering}) offers help again after each.
     */
    private void work(GoZipReader reader, int c, boolean offering) {
      byte[] buf = new byte[BUFFER];
      MessageDigest sha = hashing ? DirHash.sha256() : null;
      while (c >= 0 && work(reader, c, buf, sha)) {
        if (offering) {
          offerHelp();
        }
        c = claim();
      }
    }

    /** Does claimed chunk {@code c}; false if it failed (the failure is kept for {@link #run}). */
    private boolean work(GoZipReader reader, int c, byte[] buf, MessageDigest sha) {
      int k = chunkStart[c];
      try {
        for (; k < chunkStart[c + 1]; k++) {
          GoZipReader.Entry e = entries.get(work[k]);
          try {
            digests[work[k]] = targets[k] != null ? writeFile(reader, e, targets[k], buf, sha)
                : digest(reader, e, buf, sha);
          } catch (GoZipReader.ZipError ze) {
            throw ze.withEntry(e);
          }
        }
        done();
        return true;
      } catch (IOException | RuntimeException | Error e) {
        fail(c, k, e);
        return false;
      }
    }

    /** The next chunk to do, or -1 when none is left or one failed. */
    private synchronized int claim() {
      if (failure != null || nextChunk >= chunkStart.length - 1) {
        return -1;
      }
      inFlight++;
      return nextChunk++;
    }

    private synchronized void done() {
      inFlight--;
      notifyAll();
    }

    /** Keeps the failure earliest in directory order. */
    private synchronized void fail(int chunk, int item, Throwable t) {
      if (chunk != Integer.MAX_VALUE) {
        inFlight--;
      }
      if (failure == null || chunk < failedChunk || (chunk == failedChunk && item < failedItem)) {
        failure = t;
        failedChunk = chunk;
        failedItem = item;
      }
      notifyAll();
    }

    /**
     * Waits until no helper is writing (uninterruptibly: the caller removes the tree afterwards,
     * which must not race a helper still writing into it).
     */
    private synchronized void awaitHelpers() {
      boolean interrupted = false;
      while (inFlight > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    private static void rethrow(Throwable t) throws IOException {
      if (t instanceof IOException) {
        throw (IOException) t;
      }
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      throw (Error) t;
    }

    private static byte[] digest(GoZipReader reader, GoZipReader.Entry e, byte[] buf, MessageDigest sha)
        throws IOException {
      sha.reset();
      try (InputStream in = reader.open(e)) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          DirHash.update(sha, buf, 0, n);
        }
      }
      return sha.digest();
    }

    private static byte[] writeFile(GoZipReader reader, GoZipReader.Entry e, Path dst, byte[] buf,
        MessageDigest sha) throws IOException {
      if (sha != null) {
        sha.reset();
      }
      try (InputStream in = reader.open(e);
          FileChannel out = FileChannel.open(dst, CREATE_NEW, READ_ONLY)) {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        for (int n; (n = in.read(buf)) >= 0; ) {
          if (sha != null) {
            DirHash.update(sha, buf, 0, n);
          }
          bb.clear().limit(n);
          while (bb.hasRemaining()) {
            out.write(bb);
          }
        }
      }
      if (!POSIX) {
        dst.toFile().setReadOnly();
      }
      return sha != null ? sha.digest() : null;
    }

    /** Creates the directory {@code rel} (slash-separated, checked) and its parents, each once. */
    private Path mkdirs(String rel) throws IOException {
      Path p = root.resolve(rel);
      if (made.contains(rel)) {
        return p;
      }
      int slash = rel.lastIndexOf('/');
      if (slash >= 0) {
        mkdirs(rel.substring(0, slash));
      }
      Files.createDirectory(p);
      made.add(rel);
      dirs.add(p);
      return p;
    }
  }
}
