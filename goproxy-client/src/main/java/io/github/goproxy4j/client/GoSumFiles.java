package io.github.goproxy4j.client;

import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.GoSumFormatException;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The main modules' go.sum (and go.work.sum) files as the go command reads them when it first
 * needs a checksum (modfetch's initGoSum and readGoSum), which differs by release for a malformed
 * file: to go1.21 the parse error is dropped and the lines before the bad one are used (a later
 * write keeps only those); from go1.22 the first checksum go looks up fails with
 * {@code malformed go.sum:} (printed without {@code go: }), and a command that needs none, such
 * as {@code go list -m} or a build without dependencies, succeeds. {@link GoSum}'s own parser
 * refuses the file at once; these rules are the go command's, not the file format's.
 */
final class GoSumFiles {
  private GoSumFiles() {}

  /**
   * A file read: the lines go uses, and from go1.22 the error go fails with on its first
   * checksum look-up, or {@code null}.
   */
  record Read(GoSum sum, ModuleGraphException error) {
    /** {@return the lines} @throws ModuleGraphException go1.22's error for a malformed file */
    GoSum checked() throws ModuleGraphException {
      if (error != null) {
        throw error;
      }
      return sum;
    }
  }

  /**
   * Reads {@code file} (missing: empty) for a go command of {@code release}, under go's shared
   * lock on it (go's readGoSumFile uses lockedfile.Read): go rewrites go.sum in place under the
   * exclusive lock, new tail first, so a read without the lock can see the old head with the new
   * tail (a line missing, torn or repeated) and fail with a missing entry, a malformed file or a
   * checksum mismatch go never reports.
   */
  static Read read(Path file, String release) throws ModuleGraphException {
    byte[] data;
    try {
      data = LockedFile.read(file);
    } catch (NoSuchFileException e) {
      return new Read(GoSum.empty(), null);
    } catch (IOException e) {
      throw new ModuleGraphException("reading " + file + ": " + e.getMessage(), e);
    }
    return parse(file.toString(), data, release);
  }

  /**
   * {@code reads} as one, in order (initGoSum in a workspace: each module's go.sum, then
   * go.work.sum): every file's lines, and the first malformed file's error.
   */
  static Read concat(List<Read> reads) {
    GoSum.Builder sums = GoSum.builder();
    ModuleGraphException error = null;
    for (Read read : reads) {
      sums.addAll(read.sum());
      error = error != null ? error : read.error();
    }
    return new Read(sums.build(), error);
  }

  /**
   * Parses the content of {@code fileName}, as {@link #read}. go reads the bytes without
   * decoding them; a line that is not UTF-8 matches no module, so it is read here with the
   * replacement character for each bad sequence (which is not a space: the fields stay go's).
   */
  static Read parse(String fileName, byte[] data, String release) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      return new Read(GoSum.parse(fileName, text), null);
    } catch (GoSumFormatException e) {
      GoSum before = GoSum.parse(fileName, linesBefore(text, e.line()));
      if (GoRelease.modelled(release).behaviourMinor() < 22) {
        return new Read(before, null);
      }
      return new Read(before, new ModuleGraphException(e.getMessage(), e, false));
    }
  }

  /** The text of the lines before 1-based line {@code line}. */
  private static String linesBefore(String text, int line) {
    int end = 0;
    for (int n = 1; n < line && end < text.length(); n++) {
      int nl = text.indexOf('\n', end);
      end = nl < 0 ? text.length() : nl + 1;
    }
    return text.substring(0, end);
  }
}
