package io.github.goproxy4j.sumdb.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file held open under the lock the go command takes on it (cmd/go/internal/lockedfile): an
 * exclusive lock for a file opened for writing, a shared one for a file opened for reading,
 * released by {@link #close()}. On Linux and macOS the lock is {@code flock(2)} on a descriptor of
 * its own (through JNA), so it excludes go and other processes, and two opens in this JVM (two
 * threads, two caches on one directory, a path through a symbolic link) exclude each other just
 * as two processes do; on Windows it is {@code LockFileEx} over the whole file, which is what
 * {@link FileChannel#lock} calls and what go calls.
 *
 * <p>Like go's locks these are not reentrant: a thread that opens a file it already holds
 * exclusively waits forever. Waiting cannot be interrupted.
 *
 * <pre>{@code
 * try (LockedFile lock = LockedFile.mutex(dir.resolve("v1.2.3.lock"))) {
 *   // the critical section go also guards with this file
 * }
 * byte[] sums = LockedFile.read(goSum);                      // shared lock while reading
 * LockedFile.transform(goSum, old -> merged(old));           // exclusive lock, edited in place
 * }</pre>
 *
 * <p>Exported only to the other goproxy4j modules; not API.
 */
public final class LockedFile implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(LockedFile.class);

  /** Whether locks are flock(2) through JNA (false: FileChannel.lock, plus in-JVM exclusion). */
  private static final boolean FLOCK;

  /**
   * In-JVM exclusion for the {@link FileChannel#lock} mechanism, which throws
   * {@code OverlappingFileLockException} instead of waiting when this JVM already holds a lock on
   * the file. Keyed by the file's real path; an entry lives only while some thread uses it.
   */
  private static final ConcurrentHashMap<Path, JvmLock> JVM_LOCKS = new ConcurrentHashMap<>();

  static {
    boolean flock = false;
    if (!Platform.isWindows() && !Boolean.getBoolean("goproxy4j.lockedfile.channel")) {
      if (Libc.UNAVAILABLE == null) {
        flock = true;
      } else {
        LOG.warn("cannot call flock(2), so locks on the module cache and go.sum do not exclude a"
            + " concurrently running go command: {}", Libc.UNAVAILABLE.toString());
      }
    }
    FLOCK = flock;
  }

  private final Path path;
  private final boolean exclusive;
  /** flock: the descriptor (-1 once closed). */
  private int fd;
  /** FileChannel.lock: the channel, its lock and the in-JVM lock. */
  private final FileChannel channel;
  private final FileLock fileLock;
  private final JvmLock jvmLock;
  private final long stamp;
  private boolean closed;

  private LockedFile(Path path, boolean exclusive, int fd) {
    this.path = path;
    this.exclusive = exclusive;
    this.fd = fd;
    this.channel = null;
    this.fileLock = null;
    this.jvmLock = null;
    this.stamp = 0;
  }

  private LockedFile(Path path, boolean exclusive, FileChannel channel, FileLock fileLock,
      JvmLock jvmLock, long stamp) {
    this.path = path;
    this.exclusive = exclusive;
    this.fd = -1;
    this.channel = channel;
    this.fileLock = fileLock;
    this.jvmLock = jvmLock;
    this.stamp = stamp;
  }

  /**
   * Reports how locks are taken: {@code "flock"} (Linux, macOS) or {@code "LockFileEx"}
   * (Windows, or where flock cannot be called).
   *
   * @return the mechanism
   */
  public static String mechanism() {
    return FLOCK ? "flock" : "LockFileEx";
  }

  /**
   * go's {@code lockedfile.Edit}: opens (creating it, mode {@code 0666} minus the umask, if
   * needed) for reading and writing under an exclusive lock.
   *
   * @param path the file; its directory must exist
   * @return the locked file
   * @throws IOException if it cannot be opened or locked
   */
  public static LockedFile edit(Path path) throws IOException {
    return open(path, true, true);
  }

  /**
   * go's {@code lockedfile.MutexAt(path).Lock()}: the file only serves as a lock.
   *
   * @param path the lock file; its directory must exist
   * @return the held lock; close it to release
   * @throws IOException if it cannot be opened or locked
   */
  public static LockedFile mutex(Path path) throws IOException {
    return edit(path);
  }

  /**
   * go's {@code modfetch.SideLock}: the module cache's {@code cache/lock}, which go takes, best
   * effort, before it rewrites go.mod or go.sum (the files' own locks are taken after it), "only
   * to exclude previous versions of the go command from making simultaneous edits".
   *
   * @param modCache the module cache (GOMODCACHE)
   * @return the held lock (close it to release), or {@code null} when it cannot be taken (go then
   *     goes on without it)
   */
  public static LockedFile sideLock(Path modCache) {
    try {
      Path lock = modCache.resolve("cache").resolve("lock");
      Files.createDirectories(lock.getParent());
      return mutex(lock);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * go's {@code lockedfile.Open}: opens an existing file for reading under a shared lock.
   *
   * @param path the file
   * @return the locked file
   * @throws NoSuchFileException if it does not exist
   * @throws IOException if it cannot be opened or locked
   */
  public static LockedFile openShared(Path path) throws IOException {
    return open(path, false, false);
  }

  /**
   * go's {@code lockedfile.Read}: the whole file, read under a shared lock.
   *
   * @param path the file
   * @return its bytes
   * @throws NoSuchFileException if it does not exist
   * @throws IOException if it cannot be read
   */
  public static byte[] read(Path path) throws IOException {
    try (LockedFile f = openShared(path)) {
      return f.readAll();
    }
  }

  /**
   * go's {@code lockedfile.Write}: replaces the file's content in place under an exclusive lock
   * (created if missing). A reader that locks sees the old or the new content, never a mix; one
   * that does not lock may see an empty file, which go's readers treat as missing.
   *
   * @param path the file; its directory must exist
   * @param data the new content
   * @throws IOException if it cannot be written
   */
  public static void write(Path path, byte[] data) throws IOException {
    try (LockedFile f = edit(path)) {
      f.truncate(0);
      f.writeAt(data, 0);
    }
  }

  /** Computes a file's new content from its old content. */
  @FunctionalInterface
  public interface Transformer {
    /**
     * Returns the new content.
     *
     * @param old the current content (empty for a new file)
     * @return the new content
     * @throws IOException to leave the file unchanged
     */
    byte[] apply(byte[] old) throws IOException;
  }

  /**
   * go's {@code lockedfile.Transform}: reads the file and rewrites it in place under one
   * exclusive lock, so concurrent updates (from go or this JVM) are serialized and none is lost.
   * A growing file gets its tail written first (running out of space fails before the old
   * content is touched); on a failed write the old content is put back.
   *
   * @param path the file; its directory must exist
   * @param t computes the new content from the old
   * @throws IOException if it cannot be read or written, or {@code t} throws
   */
  public static void transform(Path path, Transformer t) throws IOException {
    try (LockedFile f = edit(path)) {
      byte[] old = f.readAll();
      byte[] next = t.apply(old);
      f.replace(old, next);
    }
  }

  /**
   * go's rewrite of go.mod or go.sum: {@link #sideLock} on the module cache first (best effort),
   * then {@link #transform} under the file's own lock, then the side lock released. The one home
   * of that order for every go.mod/go.sum writer (the client's GoModWriter and GoSumWriter, the
   * CLI's {@code mod edit}).
   *
   * @param modCache the module cache whose side lock go takes, or {@code null} when go could not
   *     use it (its checkCacheDir failed: no side lock then)
   * @param path the file; its directory must exist
   * @param t computes the new content from the old
   * @throws IOException if the file cannot be read or written, or {@code t} throws
   */
  public static void transformUnderSideLock(Path modCache, Path path, Transformer t) throws IOException {
    LockedFile side = modCache == null ? null : sideLock(modCache);
    try {
      transform(path, t);
    } finally {
      if (side != null) {
        try {
          side.close();
        } catch (IOException e) {
          // releasing a best-effort lock: go ignores its unlock too
        }
      }
    }
  }

  /**
   * Rewrites the content in place, in go's order (see {@link #transform}).
   *
   * @param old the current content, as read under this lock
   * @param next the new content
   * @throws IOException if writing fails (the old content is restored where possible)
   */
  public void replace(byte[] old, byte[] next) throws IOException {
    if (Arrays.equals(old, next)) {
      return;
    }
    if (next.length > old.length) {
      try {
        writeAt(Arrays.copyOfRange(next, old.length, next.length), old.length);
      } catch (IOException e) {
        try {
          truncate(old.length);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
    try {
      if (next.length >= old.length) {
        writeAt(Arrays.copyOf(next, old.length), 0);
      } else {
        writeAt(next, 0);
        truncate(next.length);
      }
    } catch (IOException e) {
      try {
        writeAt(old, 0);
        truncate(old.length);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static LockedFile open(Path path, boolean write, boolean create) throws IOException {
    if (FLOCK) {
      return openFlock(path, write, create);
    }
    return openChannel(path, write, create);
  }

  private static LockedFile openFlock(Path path, boolean write, boolean create)
      throws IOException {
    String name = path.toString();
    int fd = -1;
    int flags = (write ? Libc.O_RDWR : Libc.O_RDONLY) | Libc.O_CLOEXEC;
    for (int attempt = 0; fd < 0; attempt++) {
      try {
        // go's OpenFile with O_CREATE in one call where the variadic open may be called so (a
        // missing file otherwise costs a failed open, its exception, a create and a second open)
        fd = create && Libc.CREATE_IN_OPEN ? Libc.open(name, flags | Libc.O_CREAT, 0666) : Libc.open(name, flags);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == Libc.ENOENT && create && attempt < 100) {
          // Create it through the JDK (mode 0666 minus the umask, as go's OpenFile), then open
          // it again: open(2) is only called with its two fixed arguments (see Libc).
          try {
            Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                .close();
          } catch (FileSystemException ignored) {
            // the directory vanished or the file is in the way: report open's error below
            if (!Files.isDirectory(path.getParent())) {
              throw error("open", path, e);
            }
          }
          continue;
        }
        throw error("open", path, e);
      }
    }
    int op = write ? Libc.LOCK_EX : Libc.LOCK_SH;
    try {
      while (true) {
        try {
          Libc.flock(fd, op);
          break;
        } catch (LastErrorException e) {
          if (e.getErrorCode() != Libc.EINTR) {
            throw error(write ? "Lock" : "RLock", path, e);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(fd);
      throw e;
    }
    return new LockedFile(path, write, fd);
  }

  /** The FileChannel.lock mechanism (package-private for tests on any platform). */
  static LockedFile openChannel(Path path, boolean write, boolean create)
      throws IOException {
    FileChannel ch = write
        ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
            create ? StandardOpenOption.CREATE : StandardOpenOption.READ)
        : FileChannel.open(path, StandardOpenOption.READ);
    JvmLock jvm = null;
    long stamp = 0;
    try {
      jvm = JvmLock.acquire(path.toRealPath());
      stamp = write ? jvm.lock.writeLock() : jvm.lock.readLock();
      FileLock fl = ch.lock(0, Long.MAX_VALUE, !write);
      return new LockedFile(path, write, ch, fl, jvm, stamp);
    } catch (IOException | RuntimeException e) {
      if (jvm != null) {
        if (stamp != 0) {
          jvm.lock.unlock(stamp);
        }
        jvm.release();
      }
      ch.close();
      throw e;
    }
  }

  /** A reference-counted in-JVM lock (see {@link #JVM_LOCKS}). */
  private static final class JvmLock {
    final Path key;
    final StampedLock lock = new StampedLock();
    int users;

    private JvmLock(Path key) {
      this.key = key;
    }

    static JvmLock acquire(Path key) {
      return JVM_LOCKS.compute(key, (k, v) -> {
        JvmLock l = v == null ? new JvmLock(k) : v;
        l.users++;
        return l;
      });
    }

    void release() {
      JVM_LOCKS.computeIfPresent(key, (k, v) -> --v.users == 0 ? null : v);
    }
  }

  /** The number of files this JVM tracks for the FileChannel.lock mechanism (for tests). */
  static int jvmLockCount() {
    return JVM_LOCKS.size();
  }

  private static IOException error(String op, Path path, LastErrorException e) {
    int errno = e.getErrorCode();
    String text = op + " " + path + ": " + strerror(e);
    if (errno == Libc.ENOENT) {
      NoSuchFileException x = new NoSuchFileException(path.toString(), null, text);
      x.initCause(e);
      return x;
    }
    if (errno == Libc.EACCES) {
      AccessDeniedException x = new AccessDeniedException(path.toString(), null, text);
      x.initCause(e);
      return x;
    }
    return new IOException(text, e);
  }

  /** JNA's message is "[errno] text"; go prints only the text. */
  private static String strerror(LastErrorException e) {
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf("] ");
    return m.startsWith("[") && i > 0 ? m.substring(i + 2) : m;
  }

  private static void closeQuietly(int fd) {
    try {
      Libc.close(fd);
    } catch (LastErrorException ignored) {
      // nothing to do
    }
  }

  /**
   * Returns the file this was opened on.
   *
   * @return the path as given
   */
  public Path path() {
    return path;
  }

  /**
   * Returns the current size.
   *
   * @return the size in bytes
   * @throws IOException if it cannot be determined
   */
  public long size() throws IOException {
    checkOpen();
    if (channel != null) {
      return channel.size();
    }
    try {
      return Libc.lseek(fd, 0, Libc.SEEK_END);
    } catch (LastErrorException e) {
      throw error("seek", path, e);
    }
  }

  /**
   * Reads the whole file.
   *
   * @return its bytes
   * @throws IOException if it cannot be read
   */
  public byte[] readAll() throws IOException {
    long size = size();
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("read " + path + ": file too large");
    }
    byte[] out = new byte[(int) size];
    int n = 0;
    while (true) {
      if (n == out.length) {
        // The file may have grown under a writer that does not lock: read on until EOF.
        byte[] probe = new byte[1];
        if (readAt(probe, 0, 1, n) <= 0) {
          return out;
        }
        out = Arrays.copyOf(out, Math.max(16, out.length * 2));
        out[n++] = probe[0];
        continue;
      }
      int r = readAt(out, n, out.length - n, n);
      if (r <= 0) {
        return Arrays.copyOf(out, n);
      }
      n += r;
    }
  }

  private int readAt(byte[] buf, int off, int len, long pos) throws IOException {
    checkOpen();
    if (channel != null) {
      return channel.read(ByteBuffer.wrap(buf, off, len), pos);
    }
    byte[] tmp = off == 0 ? buf : new byte[len];
    while (true) {
      try {
        long r = Libc.pread(fd, tmp, len, pos);
        if (tmp != buf && r > 0) {
          System.arraycopy(tmp, 0, buf, off, (int) r);
        }
        return (int) r;
      } catch (LastErrorException e) {
        if (e.getErrorCode() != Libc.EINTR) {
          throw error("read", path, e);
        }
      }
    }
  }

  /**
   * Writes bytes at a position (the file must have been opened for writing).
   *
   * @param data the bytes
   * @param pos the file position
   * @throws IOException if they cannot be written
   */
  public void writeAt(byte[] data, long pos) throws IOException {
    checkWritable();
    if (channel != null) {
      ByteBuffer b = ByteBuffer.wrap(data);
      long p = pos;
      while (b.hasRemaining()) {
        p += channel.write(b, p);
      }
      return;
    }
    int off = 0;
    while (off < data.length) {
      byte[] chunk = off == 0 ? data : Arrays.copyOfRange(data, off, data.length);
      try {
        long w = Libc.pwrite(fd, chunk, chunk.length, pos + off);
        off += (int) w;
      } catch (LastErrorException e) {
        if (e.getErrorCode() != Libc.EINTR) {
          throw error("write", path, e);
        }
      }
    }
  }

  /**
   * Truncates or extends (with zero bytes) the file to a size.
   *
   * @param size the new size
   * @throws IOException if it fails
   */
  public void truncate(long size) throws IOException {
    checkWritable();
    if (channel != null) {
      if (size <= channel.size()) {
        channel.truncate(size);
      } else {
        channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
      }
      return;
    }
    try {
      Libc.ftruncate(fd, size);
    } catch (LastErrorException e) {
      throw error("truncate", path, e);
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("use of closed file " + path);
    }
  }

  private void checkWritable() throws IOException {
    checkOpen();
    if (!exclusive) {
      throw new IOException("write " + path + ": file opened for reading");
    }
  }

  /**
   * Releases the lock and closes the file. Closing twice does nothing.
   *
   * @throws IOException if the lock cannot be released
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (channel != null) {
      try {
        try {
          fileLock.release();
        } finally {
          channel.close();
        }
      } finally {
        jvmLock.lock.unlock(stamp);
        jvmLock.release();
      }
      return;
    }
    int f = fd;
    fd = -1;
    try {
      // Unlock while the descriptor is still ours (closing would too; go does it explicitly).
      Libc.flock(f, Libc.LOCK_UN);
    } catch (LastErrorException e) {
      closeQuietly(f);
      throw error("Unlock", path, e);
    }
    try {
      Libc.close(f);
    } catch (LastErrorException e) {
      throw error("close", path, e);
    }
  }

  @Override
  public String toString() {
    return "LockedFile[" + path + (exclusive ? ", exclusive" : ", shared") + ", "
        + (closed ? "closed" : mechanism()) + "]";
  }
}
