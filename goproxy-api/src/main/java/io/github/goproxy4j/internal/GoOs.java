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
 * Go's {@code os.RemoveAll} as the go command uses it on module caches. Exported only to the other
 * goproxy4j modules; not API.
 */
public final class GoOs {
  private GoOs() {}

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
}
