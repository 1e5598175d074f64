package io.github.goproxy4j.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Go's {@code *fs.PathError}: a failed file operation whose message is Go's text, {@code op path:
 * reason} ({@code mkdir /x/@v: not a directory}), the reason being Go's syscall.Errno text of what
 * the JDK reports. Exported only to the other goproxy4j modules; not API.
 */
public final class GoPathError extends IOException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  private GoPathError(String op, String path, String reason, Throwable cause) {
    super(op + " " + path + ": " + reason, cause);
    this.reason = reason;
  }

  /**
   * Go's error for {@code op} on {@code path} failing with the JDK's {@code e}.
   *
   * @param op the operation as Go names it ({@code open}, {@code mkdir}, {@code stat})
   * @param path the file as Go would name it
   * @param e what failed
   * @return the error
   */
  public static GoPathError of(String op, String path, IOException e) {
    return new GoPathError(op, path, reason(e), e);
  }

  /**
   * Go's {@code syscall.ENOTDIR} for {@code op} on {@code path}: os.MkdirAll's error for a path
   * that exists and is not a directory.
   *
   * @param op the operation
   * @param path the path
   * @param cause what the JDK reported
   * @return the error
   */
  public static GoPathError notADirectory(String op, String path, IOException cause) {
    return new GoPathError(op, path, "not a directory", cause);
  }

  /**
   * Returns Go's errno text of the failure ({@code not a directory}, {@code read-only file
   * system}).
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * Whether a path's nearest existing ancestor is not a directory: stat(2) then fails with ENOTDIR,
   * which JDK 25 reports as a {@link NoSuchFileException} (JDK 17 as a {@link FileSystemException}
   * "Not a directory"), where Go says {@code not a directory}.
   *
   * @param p the path that was not found
   * @return true when a file stands where a parent directory should
   */
  public static boolean underNonDirectory(java.nio.file.Path p) {
    for (java.nio.file.Path a = p.toAbsolutePath().getParent(); a != null; a = a.getParent()) {
      if (java.nio.file.Files.exists(a)) {
        return !java.nio.file.Files.isDirectory(a);
      }
    }
    return false;
  }

  /** Go's text of the errno behind a JDK file exception. */
  static String reason(IOException e) {
    if (e instanceof GoPathError g) {
      return g.reason;
    }
    if (e instanceof NoSuchFileException n) {
      return n.getFile() != null && underNonDirectory(java.nio.file.Path.of(n.getFile()))
          ? "not a directory" : "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isEmpty()) {
      // the C library's strerror text ("Not a directory"); Go's table has the same words in
      // lower case
      String r = f.getReason();
      return Character.toLowerCase(r.charAt(0)) + r.substring(1);
    }
    return String.valueOf(e.getMessage());
  }
}
