package io.github.goproxy4j.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Go's {@code os.RemoveAll} and {@code os.MkdirAll} as the go command uses them on module caches.
 * Exported only to the other goproxy4j modules; not API.
 */
public final class GoOs {
  private GoOs() {}

  /**
   * The text of Go's {@code *fs.PathError} for a failed file operation: {@code open /x/go.mod: no
   * such file or directory}, {@code ...: permission denied}; other failures with the JDK's reason.
   *
   * @param op the operation as Go names it ({@code open}, {@code lstat})
   * @param name the file as Go would name it
   * @param e what failed
   * @return the text
   */
  public static String pathError(String op, String name, IOException e) {
    return GoPathError.of(op, name, e).getMessage();
  }

  /**
   * Deletes a file or directory tree, first making its directories writable again (the go command
   * leaves extracted modules read-only; {@code go clean -modcache} does the same). A missing path
   * is not an error; a link is deleted, not followed.
   *
   * @param path the file or tree to delete
   * @throws IOException if something in it cannot be deleted
   */
  public static void removeAll(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(path);
      return;
    }
    List<Path> all = new ArrayList<>();
    path.toFile().setWritable(true, true);
    try (Stream<Path> s = Files.walk(path)) {
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
  }

  /**
   * Go's {@code os.MkdirAll}: a stat first, so an existing directory costs one system call; else
   * the missing parents, then the directory (mode {@code 0777} minus the umask). Losing a race to
   * another creator is not an error.
   *
   * <p>Why not {@link Files#createDirectories}: on a missing parent it throws and catches two
   * exceptions per missing level (a failed mkdir, then an access check), which on a cold module
   * cache is every go.mod's directory. {@link java.io.File#isDirectory} and
   * {@link java.io.File#mkdir} report by return value; only a real failure goes through
   * {@link Files#createDirectory} again, for its exception.
   *
   * @param dir the directory
   * @throws IOException if it cannot be created, or a non-directory is in the way: a {@link GoPathError}
   *     with go's text ({@code mkdir /x: not a directory})
   */
  public static void mkdirAll(Path dir) throws IOException {
    java.io.File f = dir.toFile();
    if (f.isDirectory()) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      mkdirAll(parent);
    }
    if (!f.mkdir() && !f.isDirectory()) {
      try {
        Files.createDirectory(dir); // fails, with the reason
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // something that is not a directory: os.MkdirAll's ENOTDIR, naming it
        throw GoPathError.notADirectory("mkdir", dir.toString(), e);
      } catch (IOException e) {
        throw GoPathError.of("mkdir", dir.toString(), e);
      }
    }
  }
}
