package io.github.goproxy4j.sumdb.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The few C library calls {@link LockedFile} needs on Linux and macOS, through JNA's direct
 * mapping: a file descriptor of our own (so {@code flock(2)} locks belong to it, as go's do), the
 * lock, and positional I/O on that descriptor.
 *
 * <p>Why not the JDK: {@code FileChannel.lock} is an {@code fcntl} record lock on Linux and macOS,
 * which does not exclude the {@code flock} locks the go command takes, and the JDK offers no way
 * to call {@code flock} or to reach a channel's descriptor.
 *
 * <p>{@code open} is variadic in C. The two-argument form (no {@code O_CREAT}) is passed the same
 * way by every ABI, so it is safe on Apple silicon too. The three-argument form with
 * {@code O_CREAT} (go's {@code OpenFile(name, O_RDWR|O_CREATE, 0666)} in one call) is used only
 * where a variadic {@code int} is passed exactly like a fixed one and {@code O_CREAT} is
 * {@code 0100}: Linux on x86-64 and AArch64 ({@link #CREATE_IN_OPEN}); elsewhere files are
 * created beforehand through the JDK.
 */
final class Libc {
  static final int O_RDONLY = 0;
  static final int O_RDWR = 2;
  /** O_CREAT on Linux x86-64 and AArch64 (only used where {@link #CREATE_IN_OPEN}). */
  static final int O_CREAT = 0100;
  static final int LOCK_SH = 1;
  static final int LOCK_EX = 2;
  static final int LOCK_NB = 4;
  static final int LOCK_UN = 8;
  static final int SEEK_END = 2;
  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EACCES = 13;
  static final int EWOULDBLOCK = Platform.isMac() ? 35 : 11;
  /** O_CLOEXEC: a child process (go run by a test, a direct fetch) must not inherit a lock. */
  static final int O_CLOEXEC;

  /** Whether {@code open(path, flags | O_CREAT, mode)} may be called (see the class comment). */
  static final boolean CREATE_IN_OPEN = Platform.isLinux()
      && (Platform.ARCH.equals("x86-64") || Platform.ARCH.equals("aarch64"));

  /** Why the library is not usable, or null. */
  static final Throwable UNAVAILABLE;

  static {
    int cloexec;
    if (Platform.isLinux() && !Platform.isSPARC() && !Platform.ARCH.startsWith("alpha")
        && !Platform.ARCH.startsWith("hppa")) {
      cloexec = 0x80000;
    } else if (Platform.isMac()) {
      cloexec = 0x1000000;
    } else if (Platform.isFreeBSD()) {
      cloexec = 0x100000;
    } else {
      cloexec = -1;
    }
    O_CLOEXEC = cloexec;
    Throwable why = null;
    if (cloexec < 0) {
      why = new UnsupportedOperationException("flock through JNA is not set up for "
          + Platform.RESOURCE_PREFIX);
    } else if (Native.LONG_SIZE != 8) {
      // off_t is 64 bits only on LP64 systems without large-file variants of the calls.
      why = new UnsupportedOperationException("flock through JNA needs a 64-bit platform");
    } else {
      try {
        Native.register(Libc.class, Platform.C_LIBRARY_NAME);
      } catch (LinkageError | RuntimeException e) {
        why = e;
      }
    }
    UNAVAILABLE = why;
  }

  private Libc() {}

  static native int open(String path, int flags) throws LastErrorException;

  /** {@code open} with a mode: only where {@link #CREATE_IN_OPEN}. */
  static native int open(String path, int flags, int mode) throws LastErrorException;

  static native int close(int fd) throws LastErrorException;

  static native int flock(int fd, int operation) throws LastErrorException;

  // size_t and ssize_t as Java long: 64 bits on the LP64 systems the class is used on (checked
  // above); a NativeLong result would cost a reflective constructor call per read or write
  static native long pread(int fd, byte[] buf, long count, long offset)
      throws LastErrorException;

  static native long pwrite(int fd, byte[] buf, long count, long offset)
      throws LastErrorException;

  static native int ftruncate(int fd, long length) throws LastErrorException;

  static native long lseek(int fd, long offset, int whence) throws LastErrorException;
}
