package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.io.IOException;
import io.github.goproxy4j.internal.AtomicFiles;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The on-disk state of one checksum database, in the go command's layout so that go and this
 * library share it:
 *
 * <ul>
 *   <li>the latest verified signed tree note in {@code <stateDir>/<name>/latest} (go:
 *       {@code $GOPATH/pkg/sumdb/<name>/latest});
 *   <li>verified lookup answers in {@code <cacheDir>/<name>/lookup/<epath>@<evers>} and
 *       authenticated tiles in {@code <cacheDir>/<name>/tile/8/<L>/<NNN>[.p/<W>]} (go:
 *       {@code $GOMODCACHE/cache/download/sumdb/...}).
 * </ul>
 *
 * <p>Every file is read and written under the lock go takes on it (cmd/go/internal/lockedfile,
 * {@link LockedFile}): a shared lock to read, an exclusive one to write in place, as go's
 * {@code ReadConfig}/{@code WriteConfig}/{@code ReadCache}/{@code WriteCache} do, so a reader
 * never sees a half-written file and go, other processes and other threads are serialized. An
 * empty file reads as missing, as in go. The {@code latest} file is compare-and-swapped inside its
 * lock: a writer whose view is out of date gets a conflict, merges the newer tree and tries again,
 * so the stored tree never goes backwards.
 */
final class SumdbStore {
  /** Local cache files larger than this are ignored (a lookup answer is far smaller). */
  static final int MAX_CACHE_FILE = 4 << 20;

  private final Path latestFile;
  private final Path cacheRoot;

  /**
   * Creates the store.
   *
   * @param stateDir the directory holding {@code <name>/latest}
   * @param cacheDir the directory holding {@code <name>/lookup/...} and {@code <name>/tile/...}
   * @param name the database name ({@code host[/path]}, already validated)
   */
  SumdbStore(Path stateDir, Path cacheDir, String name) {
    Path stateRoot = stateDir.toAbsolutePath().normalize();
    this.latestFile = under(stateRoot, name + "/latest");
    this.cacheRoot = under(cacheDir.toAbsolutePath().normalize(), name);
  }

  /** Returns the latest-tree file. */
  Path latestFile() {
    return latestFile;
  }

  /** Returns the directory under which lookup and tile files live. */
  Path cacheRoot() {
    return cacheRoot;
  }

  /**
   * Reads the stored latest signed tree note.
   *
   * @return its bytes, empty when there is none
   */
  byte[] readLatest() throws IOException {
    return readFile(latestFile).orElse(new byte[0]);
  }

  /**
   * Replaces the stored latest note by {@code newValue} if it still holds {@code oldValue} (or is
   * empty), as go's {@code WriteConfig} does.
   *
   * @return false on a write conflict (someone else stored a different note meanwhile)
   */
  boolean compareAndSwapLatest(byte[] oldValue, byte[] newValue) throws IOException {
    createParent(latestFile);
    try (LockedFile f = LockedFile.edit(latestFile)) {
      byte[] current = f.readAll();
      if (current.length != 0 && !Arrays.equals(current, oldValue)) {
        return false;
      }
      f.truncate(0);
      f.writeAt(newValue, 0);
      return true;
    }
  }

  /**
   * Reads a cache file.
   *
   * @param remotePath the path as requested from the server, for example {@code lookup/m@v1.0.0}
   *     or {@code tile/8/0/000.p/3} (no leading slash)
   * @return the bytes, or empty when absent, empty or unreadable (go's sumdb client fetches from
   *     the server whenever ReadCache fails: a module cache that is a file, say)
   */
  Optional<byte[]> readCache(String remotePath) {
    try {
      return readFile(under(cacheRoot, remotePath));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes a cache file in place under its lock, as go's {@code WriteCache}. Only verified data
   * may be passed.
   *
   * @param remotePath as for {@link #readCache(String)}
   * @param data the verified bytes
   * @return whether it was written; go's WriteCache reports no failure (an entry that cannot be
   *     written is fetched again when next needed)
   */
  boolean writeCache(String remotePath, byte[] data) {
    Path file = under(cacheRoot, remotePath);
    try {
      createParent(file);
      LockedFile.write(file, data);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** go's lockedfile.Read, with a size bound; empty (go: being created) reads as missing. */
  private static Optional<byte[]> readFile(Path file) throws IOException {
    try (LockedFile f = LockedFile.openShared(file)) {
      long size = f.size();
      if (size == 0 || size > MAX_CACHE_FILE) {
        return Optional.empty();
      }
      byte[] data = f.readAll();
      if (data.length == 0 || data.length > MAX_CACHE_FILE) {
        return Optional.empty();
      }
      return Optional.of(data);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static void createParent(Path file) throws IOException {
    Path dir = file.getParent();
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot create directory " + dir + ": a file is in the way", e);
    }
  }

  /** Resolves a slash-separated relative path under root, refusing anything that escapes it. */
  private static Path under(Path root, String relative) {
    Path p = root;
    for (String elem : relative.split("/", -1)) {
      if (elem.isEmpty() || elem.equals(".") || elem.equals("..") || elem.indexOf('\\') >= 0
          || elem.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("unsafe sumdb cache path \"" + relative + "\"");
      }
      p = p.resolve(elem);
    }
    if (!p.normalize().startsWith(root)) {
      throw new IllegalArgumentException("unsafe sumdb cache path \"" + relative + "\"");
    }
    return p;
  }
}
