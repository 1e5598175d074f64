package io.github.goproxy4j.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * Writes files so that they appear whole or not at all: the content goes to a temporary file in
 * the target's directory, which is then renamed over the target ({@code ATOMIC_MOVE}). On failure
 * the temporary file is deleted and the old target is untouched. The directory must exist.
 * Exported only to the other goproxy4j modules; not API.
 *
 * <pre>{@code
 * AtomicFiles.write(dir.resolve("go.sum"), bytes);
 * AtomicFiles.write(zip, out -> copy(in, out), AtomicFiles.Option.ATOMIC_ONLY);
 * }</pre>
 */
public final class AtomicFiles {
  private static final int BUFFER = 64 * 1024;

  private AtomicFiles() {}

  /** How a write may deviate from the default. */
  public enum Option {
    /**
     * Give the file mode {@code rw-r--r--} where the file system has POSIX permissions (Go's
     * {@code 0666} minus the usual umask) instead of the temporary file's {@code rw-------}.
     */
    READABLE_BY_ALL,
    /**
     * Fail with {@link AtomicMoveNotSupportedException} where the file system cannot rename
     * atomically, instead of falling back to a plain replacing move.
     */
    ATOMIC_ONLY
  }

  /** Content streamed into the temporary file. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the content.
     *
     * @param out the temporary file's stream (buffered; closed by the caller)
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code data} to {@code target} atomically.
   *
   * @param target the file to create or replace; its directory must exist
   * @param data the complete content
   * @param options deviations from the default
   * @throws IOException if writing or renaming fails; {@code target} is then untouched
   */
  public static void write(Path target, byte[] data, Option... options) throws IOException {
    write(target, out -> out.write(data), options);
  }

  /**
   * Writes what {@code content} produces to {@code target} atomically.
   *
   * @param target the file to create or replace; its directory must exist
   * @param content produces the complete content
   * @param options deviations from the default
   * @throws IOException if writing or renaming fails; {@code target} is then untouched
   */
  public static void write(Path target, Content content, Option... options) throws IOException {
    List<Option> opts = Arrays.asList(options);
    Path abs = target.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName() + ".", ".tmp");
    try {
      if (opts.contains(Option.READABLE_BY_ALL)
          && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), BUFFER)) {
        content.writeTo(out);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        if (opts.contains(Option.ATOMIC_ONLY)) {
          throw e;
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
