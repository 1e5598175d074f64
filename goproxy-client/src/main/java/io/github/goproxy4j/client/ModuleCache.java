package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.sumdb.ModuleHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The module cache in the go command's {@code GOMODCACHE} layout, byte-compatible with what
 * go 1.19+ writes, so that go and this library can share one cache:
 *
 * <pre>
 * cache/download/&lt;escaped path&gt;/@v/list             versions with a .mod, sorted, one per line
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.info          JSON as go re-marshals it
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.mod           the go.mod, verified
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.zip           the module zip, verified
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.ziphash       "h1:…" with no newline
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.lock          lock file (empty)
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.partial       present only while extracting
 * &lt;escaped path&gt;@&lt;v&gt;/                                   the extracted tree, read-only
 * </pre>
 *
 * <pre>{@code
 * ModuleCache cache = ModuleCache.at(Path.of(System.getProperty("user.home"), "go/pkg/mod"));
 * ModuleVersion m = ModuleVersion.parse("golang.org/x/text@v0.3.7");
 * if (cache.isExtracted(m)) {
 *   System.out.println(cache.extractedDir(m));
 * }
 * }</pre>
 *
 * <p><b>Concurrency.</b> Every file appears whole or not at all: it is written to a
 * {@code <name><random>.tmp} file in the same directory and atomically renamed into place, as go
 * does. Downloads and extraction of one module version are serialized inside this JVM (across
 * all {@code ModuleCache} instances on the same directory) and, between JVMs running this
 * library, by a {@link FileChannel#lock() file lock} on {@code <v>.lock}. <b>The JDK cannot take
 * the {@code flock(2)} lock that go takes on that file</b>: on Linux, Java's locks are POSIX
 * {@code fcntl} record locks, which do not exclude {@code flock} locks. A go process and a JVM
 * working on the same version at the same moment therefore do not wait for each other; both
 * still write complete files by atomic rename, both write identical verified bytes, and an
 * extraction in progress is marked by {@code .partial}, so neither ever reads a torn file; the
 * worst case is duplicated work. The {@code list} file is rewritten in place (as go does) after a
 * zero-fill, so a torn write shows as NUL bytes that readers ignore.
 *
 * <p>Extracted trees are made read-only (directories {@code r-x}, files {@code r--}) unless
 * {@link #withWritableTrees(boolean)} is set, like go's {@code -modcacherw}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ModuleCache {
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS =
      new ConcurrentHashMap<>();
  private static final byte[] OLD_VGO_PREFIX = "//vgo 0.0.".getBytes(StandardCharsets.US_ASCII);

  private final Path root;
  private final boolean writableTrees;

  private ModuleCache(Path root, boolean writableTrees) {
    this.root = root;
    this.writableTrees = writableTrees;
  }

  /**
   * Returns the cache rooted at a directory (a {@code GOMODCACHE}).
   *
   * @param root the cache root; never {@code null}; need not exist yet
   * @return the cache
   */
  public static ModuleCache at(Path root) {
    Objects.requireNonNull(root, "root");
    return new ModuleCache(root.toAbsolutePath().normalize(), false);
  }

  /**
   * Returns the cache the go command would use with these settings ({@code GOMODCACHE}, by
   * default {@code GOPATH[0]/pkg/mod}); trees are left writable when {@code GOFLAGS} contains
   * {@code -modcacherw}.
   *
   * @param env the Go settings; never {@code null}
   * @return the cache
   * @throws io.github.goproxy4j.env.GoEnvException if GOMODCACHE is unset or relative
   */
  public static ModuleCache fromEnv(GoEnv env) {
    Objects.requireNonNull(env, "env");
    return at(env.modCacheDir()).withWritableTrees(env.modCacheRw());
  }

  /**
   * Returns a copy that leaves extracted trees writable ({@code true}, go's
   * {@code -modcacherw}) or makes them read-only ({@code false}, the default).
   *
   * @param writable whether extracted trees stay writable
   * @return a cache on the same directory
   */
  public ModuleCache withWritableTrees(boolean writable) {
    return new ModuleCache(root, writable);
  }

  /**
   * Returns the cache root.
   *
   * @return the absolute root directory
   */
  public Path root() {
    return root;
  }

  /**
   * Returns whether extracted trees are left writable.
   *
   * @return true for {@code -modcacherw} behaviour
   */
  public boolean writableTrees() {
    return writableTrees;
  }

  /**
   * Returns the {@code cache/download/<escaped path>/@v} directory of a module. Its layout is the
   * proxy protocol's, so {@code GOPROXY=file://<root>/cache/download} serves it.
   *
   * @param path the module path; never {@code null}
   * @return the directory (it may not exist)
   */
  public Path versionsDir(ModulePath path) {
    return root.resolve("cache").resolve("download").resolve(path.escaped()).resolve("@v");
  }

  /**
   * Returns the cache file of a module version with a suffix such as {@code "info"},
   * {@code "mod"}, {@code "zip"}, {@code "ziphash"}, {@code "lock"} or {@code "partial"}.
   *
   * @param module the module version; its version must be canonical
   * @param suffix the file suffix without the dot
   * @return the path (it may not exist)
   * @throws IllegalArgumentException {@code non-canonical module version "<v>"} if the version
   *     is not canonical
   */
  public Path file(ModuleVersion module, String suffix) {
    return versionsDir(module.path()).resolve(checkCanonical(module) + "." + suffix);
  }

  /**
   * Returns the directory a module version is extracted to: {@code <escaped path>@<escaped
   * version>} under the root.
   *
   * @param module the module version; its version must be canonical
   * @return the directory (it may not exist)
   */
  public Path extractedDir(ModuleVersion module) {
    return root.resolve(module.path().escaped() + "@" + checkCanonical(module));
  }

  private static String checkCanonical(ModuleVersion module) {
    Version v = module.version();
    if (!v.isCanonical()) {
      throw new IllegalArgumentException(
          "non-canonical module version " + InfoJson.goQuote(v.toString()));
    }
    return v.escaped();
  }

  // ---------------------------------------------------------------- .info

  /**
   * Reads a cached {@code .info}. A missing or corrupt file counts as not cached, as in go.
   *
   * @param module the module version
   * @return the info, or empty
   */
  public Optional<VersionInfo> readInfo(ModuleVersion module) {
    Path f = file(module, "info");
    try {
      return Optional.of(InfoJson.parse(Files.readAllBytes(f)));
    } catch (IOException | InfoJson.MalformedInfoException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes an {@code .info} under the info's own version, cleaned as go cleans it (no
   * {@code TagSum}/{@code TagPrefix}; no {@code Ref} for a pseudo-version) and re-marshalled.
   * Nothing is written when that version is not a canonical version of the module.
   *
   * @param path the module path
   * @param info the info
   * @return the file written, or empty when the version cannot be cached
   * @throws IOException if the file cannot be written
   */
  public Optional<Path> writeInfo(ModulePath path, VersionInfo info) throws IOException {
    if (!Version.isValid(info.version())) {
      return Optional.empty();
    }
    Version v = Version.parse(info.version());
    if (!v.isCanonical()) {
      return Optional.empty();
    }
    ModuleVersion mv;
    try {
      mv = ModuleVersion.of(path, v);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Path f = file(mv, "info");
    writeAtomically(f, cleanForCache(info).toJson().getBytes(StandardCharsets.UTF_8));
    return Optional.of(f);
  }

  static VersionInfo cleanForCache(VersionInfo info) {
    Optional<VersionInfo.Origin> o = info.origin();
    if (o.isEmpty()) {
      return VersionInfo.of(info.version(), info.offsetTime(), null);
    }
    VersionInfo.Origin x = o.get();
    boolean pseudo = Version.isValid(info.version()) && Version.parse(info.version()).isPseudo();
    return VersionInfo.of(info.version(), info.offsetTime(),
        new VersionInfo.Origin(x.vcs(), x.url(), x.subdir(), "", "", pseudo ? "" : x.ref(),
            x.hash(), x.repoSum()));
  }

  // ---------------------------------------------------------------- .mod and list

  /**
   * Reads a cached go.mod. A file written by pre-release vgo ({@code //vgo 0.0.} prefix) counts
   * as not cached, as in go. The caller re-verifies it against go.sum, as go does.
   *
   * @param module the module version
   * @return the bytes, or empty
   */
  public Optional<byte[]> readGoMod(ModuleVersion module) {
    try {
      byte[] data = Files.readAllBytes(file(module, "mod"));
      if (startsWith(data, OLD_VGO_PREFIX)) {
        return Optional.empty();
      }
      return Optional.of(data);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes a (verified) go.mod into the cache and rewrites the module's {@code list} file.
   *
   * @param module the module version
   * @param goMod the go.mod bytes
   * @return the file written
   * @throws IOException if it cannot be written
   */
  public Path writeGoMod(ModuleVersion module, byte[] goMod) throws IOException {
    Path f = file(module, "mod");
    writeAtomically(f, goMod);
    rewriteVersionList(f.getParent());
    return f;
  }

  /**
   * Returns the versions listed in a module's cached {@code list} file, in file order (go keeps
   * it sorted). Lines with NUL bytes (a torn write) are ignored.
   *
   * @param path the module path
   * @return the versions; empty when there is no list
   */
  public List<String> cachedVersions(ModulePath path) {
    try {
      String s = Files.readString(versionsDir(path).resolve("list"), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      for (String line : s.split("\n")) {
        String t = line.strip();
        if (!t.isEmpty() && t.indexOf('\0') < 0) {
          out.add(t);
        }
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  @SuppressWarnings("try")
  private void rewriteVersionList(Path dir) throws IOException {
    Path listFile = dir.resolve("list");
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(listFile, k -> new ReentrantLock());
    jvmLock.lock();
    try (FileChannel ch = FileChannel.open(listFile, StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      List<Version> versions = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.mod")) {
        for (Path p : ds) {
          String name = p.getFileName().toString();
          String v = name.substring(0, name.length() - ".mod".length());
          // Like go, the escaped file name itself must be a canonical version
          // (so versions with upper-case letters are never listed).
          if (!v.isEmpty() && Version.isValid(v) && Version.parse(v).isCanonical()) {
            versions.add(Version.parse(v));
          }
        }
      }
      versions.sort(Comparator.<Version>naturalOrder().thenComparing(Version::toString));
      StringBuilder b = new StringBuilder();
      for (Version v : versions) {
        b.append(v).append('\n');
      }
      byte[] want = b.toString().getBytes(StandardCharsets.UTF_8);
      if (ch.size() == want.length) {
        ByteBuffer old = ByteBuffer.allocate(want.length);
        while (old.hasRemaining() && ch.read(old, old.position()) > 0) {
          // read fully
        }
        if (Arrays.equals(old.array(), want)) {
          return;
        }
      }
      ch.truncate(0);
      // Reserve the final size zero-filled, then write: a torn write leaves NUL bytes.
      if (want.length > 0) {
        ch.write(ByteBuffer.wrap(new byte[] {0}), want.length - 1);
      }
      ByteBuffer buf = ByteBuffer.wrap(want);
      long pos = 0;
      while (buf.hasRemaining()) {
        pos += ch.write(buf, pos);
      }
    } finally {
      jvmLock.unlock();
    }
  }

  // ---------------------------------------------------------------- .zip and .ziphash

  /**
   * Returns the cached zip of a module version if both it and its {@code .ziphash} exist (go's
   * test for "already downloaded").
   *
   * @param module the module version
   * @return the zip file, or empty
   */
  public Optional<Path> zip(ModuleVersion module) {
    Path z = file(module, "zip");
    Path h = file(module, "ziphash");
    return Files.isRegularFile(z) && Files.isRegularFile(h) ? Optional.of(z) : Optional.empty();
  }

  /**
   * Reads a cached {@code .ziphash}. As in go, a value is usable only if it has no NUL byte and
   * is 47 characters long after trimming spaces; otherwise it counts as missing.
   *
   * @param module the module version
   * @return the hash, or empty
   * @throws IOException {@code unexpected ziphash: "<v>"} for a well-formed value that is not an
   *     {@code h1:} hash
   */
  public Optional<ModuleHash> readZipHash(ModuleVersion module) throws IOException {
    byte[] data;
    try {
      data = Files.readAllBytes(file(module, "ziphash"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    for (byte b : data) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    String s = new String(data, StandardCharsets.UTF_8).strip();
    if (s.length() != 47) {
      return Optional.empty();
    }
    if (!s.startsWith("h1:")) {
      throw new IOException("unexpected ziphash: " + InfoJson.goQuote(s));
    }
    try {
      return Optional.of(ModuleHash.parse(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Creates an empty temporary file beside a cache file ({@code <v>.<suffix><random>.tmp}), for
   * a download that will be {@linkplain #commitZip committed} or deleted.
   *
   * @param module the module version
   * @param suffix the suffix of the final file, for example {@code "zip"}
   * @return the new empty file
   * @throws IOException if it cannot be created
   */
  Path newTempFile(ModuleVersion module, String suffix) throws IOException {
    Path target = file(module, suffix);
    Files.createDirectories(target.getParent());
    return createTemp(target);
  }

  /**
   * Commits a verified zip: writes {@code <v>.ziphash} (no newline), then renames the temporary
   * zip to {@code <v>.zip}. Call only with the module's {@linkplain #lock lock} held.
   *
   * @param module the module version
   * @param tempZip a temporary file from {@link #newTempFile}, already verified
   * @param hash the zip's verified hash
   * @return the final zip path
   * @throws IOException if the files cannot be written
   */
  Path commitZip(ModuleVersion module, Path tempZip, ModuleHash hash) throws IOException {
    writeAtomically(file(module, "ziphash"), hash.toString().getBytes(StandardCharsets.US_ASCII));
    Path zip = file(module, "zip");
    move(tempZip, zip);
    return zip;
  }

  /**
   * Writes the {@code .ziphash} of a cached zip whose hash file was lost (go re-hashes the zip
   * in that case).
   *
   * @param module the module version
   * @param hash the verified hash
   * @throws IOException if it cannot be written
   */
  void writeZipHash(ModuleVersion module, ModuleHash hash) throws IOException {
    writeAtomically(file(module, "ziphash"), hash.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Deletes leftover {@code <v>.zip*.tmp} files of earlier runs. Call only with the lock held.
   *
   * @param module the module version
   */
  void deleteStaleTemps(ModuleVersion module) {
    Path z = file(module, "zip");
    String prefix = z.getFileName().toString();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(z.getParent())) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.startsWith(prefix) && n.endsWith(".tmp")) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // best effort, as in go
    }
  }

  // ---------------------------------------------------------------- extraction

  /**
   * Reports whether a module version is completely extracted: its directory exists, no
   * {@code .partial} marker exists, and its {@code .ziphash} exists (go's rule).
   *
   * @param module the module version
   * @return true if the extracted tree can be used
   */
  public boolean isExtracted(ModuleVersion module) {
    return Files.isDirectory(extractedDir(module), LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(file(module, "partial"), LinkOption.NOFOLLOW_LINKS)
        && Files.exists(file(module, "ziphash"));
  }

  /** Extracts a zip into a directory; supplied by the client (the zip rules live elsewhere). */
  @FunctionalInterface
  interface Unzipper {
    void unzip(Path zip, Path dir) throws IOException;
  }

  /**
   * Extracts the cached zip under the lock, as go does: stale {@code <dir>.tmp-*} and partial
   * trees are removed, {@code .partial} is created, the zip is extracted, {@code .partial} is
   * removed and the tree is made read-only (unless writable trees were asked for).
   */
  @SuppressWarnings("try")
  Path extract(ModuleVersion module, Unzipper unzipper) throws IOException {
    Path dir = extractedDir(module);
    try (CacheLock ignored = lock(module)) {
      if (isExtracted(module)) {
        return dir;
      }
      Path parent = dir.getParent();
      String tmpPrefix = dir.getFileName().toString() + ".tmp-";
      if (Files.isDirectory(parent)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
          for (Path p : ds) {
            if (p.getFileName().toString().startsWith(tmpPrefix)) {
              removeAll(p);
            }
          }
        }
      }
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        removeAll(dir);
      }
      Files.createDirectories(parent);
      Path partial = file(module, "partial");
      Files.createDirectories(partial.getParent());
      Files.write(partial, new byte[0]);
      try {
        unzipper.unzip(file(module, "zip"), dir);
      } catch (IOException | RuntimeException e) {
        try {
          removeAll(dir);
          Files.deleteIfExists(partial);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      Files.delete(partial);
      // Like go's MkdirAll(dir, 0777): the tree's root gets the mode of a fresh directory.
      setFreshDirMode(dir);
      if (!writableTrees) {
        makeDirsReadOnly(dir);
      }
      return dir;
    }
  }

  private static void setFreshDirMode(Path dir) throws IOException {
    Path probe = dir.resolveSibling(dir.getFileName() + ".tmp-mode"
        + ThreadLocalRandom.current().nextInt(1_000_000_000));
    try {
      Files.createDirectory(probe);
      Files.setPosixFilePermissions(dir, Files.getPosixFilePermissions(probe));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to match
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  private static void makeDirsReadOnly(Path dir) throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(dirs::add);
    }
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Path d = dirs.get(i);
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(d);
        perms.removeAll(EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
        Files.setPosixFilePermissions(d, perms);
      } catch (UnsupportedOperationException e) {
        d.toFile().setWritable(false, false);
      }
    }
  }

  /**
   * Deletes a directory tree written by an extraction, first making its directories writable
   * again (as {@code go clean -modcache} does). Missing paths are ignored.
   *
   * @param dir the tree to delete
   * @throws IOException if it cannot be deleted
   */
  static void removeAll(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      List<Path> all = new ArrayList<>();
      dir.toFile().setWritable(true, true);
      try (Stream<Path> s = Files.walk(dir)) {
        s.forEach(p -> {
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            p.toFile().setWritable(true, true);
          }
          all.add(p);
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      for (int i = all.size() - 1; i >= 0; i--) {
        Files.deleteIfExists(all.get(i));
      }
    } else {
      Files.deleteIfExists(dir);
    }
  }

  // ---------------------------------------------------------------- locking and writing

  /**
   * Takes the lock that serializes the download and extraction of one module version: an
   * in-JVM lock plus a file lock on {@code <v>.lock} (which excludes other JVMs using this
   * library, but not go's {@code flock}; see the class comment).
   *
   * @param module the module version
   * @return the held lock; close it to release
   * @throws IOException if the lock file cannot be created or locked
   */
  CacheLock lock(ModuleVersion module) throws IOException {
    Path lockFile = file(module, "lock");
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
    jvmLock.lock();
    if (jvmLock.getHoldCount() > 1) {
      return new CacheLock(jvmLock, null, null);
    }
    FileChannel ch = null;
    try {
      Files.createDirectories(lockFile.getParent());
      ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fl = ch.lock();
      return new CacheLock(jvmLock, ch, fl);
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        ch.close();
      }
      jvmLock.unlock();
      throw e;
    }
  }

  /** A held module-version lock; {@link #close()} releases it. */
  static final class CacheLock implements AutoCloseable {
    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private CacheLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
      this.jvmLock = jvmLock;
      this.channel = channel;
      this.fileLock = fileLock;
    }

    /**
     * Releases the lock.
     *
     * @throws IOException if the file lock cannot be released
     */
    @Override
    public void close() throws IOException {
      try {
        if (fileLock != null) {
          fileLock.release();
        }
        if (channel != null) {
          channel.close();
        }
      } finally {
        jvmLock.unlock();
      }
    }
  }

  /** Writes a file as go's writeDiskCache does: temp file in the same directory, then rename. */
  static void writeAtomically(Path target, byte[] data) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = createTemp(target);
    try {
      Files.write(tmp, data, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      move(tmp, target);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  private static Path createTemp(Path target) throws IOException {
    String base = target.getFileName().toString();
    for (int i = 0; ; i++) {
      Path p = target.resolveSibling(
          base + ThreadLocalRandom.current().nextInt(1_000_000_000) + ".tmp");
      try {
        return Files.createFile(p);
      } catch (FileAlreadyExistsException e) {
        if (i > 10_000) {
          throw e;
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "ModuleCache[" + root + (writableTrees ? ", writable trees" : "") + "]";
  }
}
