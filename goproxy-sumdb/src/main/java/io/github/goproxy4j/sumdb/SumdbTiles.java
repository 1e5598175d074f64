package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.sumdb.tlog.Tile;
import io.github.goproxy4j.sumdb.tlog.TileReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tile source of one checksum database: go's order (cached exact tile, cached full tile cut
 * to width, remote exact tile, remote full tile cut to width), with downloads shared between
 * threads so that no tile is fetched twice by this process, and with only authenticated tiles
 * written to the cache ({@link #saveTiles}).
 *
 * <p>A download stays in memory until its tile has been authenticated and written to disk; after
 * that the disk copy is used. A check that fails forgets the unsaved tiles it read
 * ({@link Tracked#forgetUnsaved()}), so a tile that did not authenticate is fetched again by a
 * later lookup instead of failing every lookup for the client's lifetime.
 */
final class SumdbTiles implements TileReader {
  private static final Logger LOG = LoggerFactory.getLogger(SumdbTiles.class);

  private final SumdbStore store;
  private final SumdbHttp http;
  private final SumdbBase base;
  private final ConcurrentMap<String, CompletableFuture<byte[]>> downloads = new ConcurrentHashMap<>();
  private final Set<String> onDisk = ConcurrentHashMap.newKeySet();
  /** Runs parallel tile downloads; at most 16 threads, idle ones exit after a few seconds. */
  private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 16, 5, TimeUnit.SECONDS,
      new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "goproxy4j-sumdb-tiles");
        t.setDaemon(true);
        return t;
      });

  /** Where the database is reached; resolved lazily by the caller. */
  interface SumdbBase {
    URI get() throws GoProxyException;
  }

  SumdbTiles(SumdbStore store, SumdbHttp http, SumdbBase base) {
    this.store = store;
    this.http = http;
    this.base = base;
  }

  @Override
  public int height() {
    return Tile.SUMDB_HEIGHT;
  }

  /**
   * Reads the tiles, downloading those not on disk in parallel (as go does), each at most once
   * across all threads.
   */
  @Override
  public List<byte[]> readTiles(List<Tile> tiles) throws IOException {
    List<CompletableFuture<byte[]>> futures = new ArrayList<>(tiles.size());
    List<Runnable> mine = new ArrayList<>();
    for (Tile t : tiles) {
      futures.add(start(t, mine));
    }
    // Run our own downloads: all but the last on the pool, the last on this thread.
    for (int i = 0; i < mine.size(); i++) {
      Runnable task = mine.get(i);
      if (i == mine.size() - 1) {
        task.run();
      } else {
        try {
          pool.execute(task);
        } catch (RejectedExecutionException e) {
          task.run(); // pool saturated or closed: download here
        }
      }
    }
    List<byte[]> out = new ArrayList<>(tiles.size());
    for (CompletableFuture<byte[]> f : futures) {
      out.add(join(f).clone());
    }
    return out;
  }

  /**
   * Returns the tile's data: from a download in flight, from disk, or from a new download that is
   * added to {@code tasks} for the caller to run.
   */
  private CompletableFuture<byte[]> start(Tile tile, List<Runnable> tasks) {
    String path = tile.path();
    CompletableFuture<byte[]> f = downloads.get(path);
    if (f != null) {
      return f;
    }
    try {
      Optional<byte[]> cached = fromDisk(tile);
      if (cached.isPresent()) {
        return CompletableFuture.completedFuture(cached.get());
      }
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<byte[]> mine = new CompletableFuture<>();
    f = downloads.putIfAbsent(path, mine);
    if (f != null) {
      return f;
    }
    tasks.add(() -> {
      try {
        // Another thread may have saved the tile between our disk check and now.
        Optional<byte[]> again = fromDisk(tile);
        mine.complete(again.isPresent() ? again.get() : download(tile));
        if (again.isPresent()) {
          downloads.remove(path, mine);
        }
      } catch (IOException | RuntimeException e) {
        downloads.remove(path, mine);
        mine.completeExceptionally(e);
      }
    });
    return mine;
  }

  private static byte[] join(CompletableFuture<byte[]> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a tile");
    } catch (CancellationException e) {
      throw new IOException("tile download cancelled", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException) {
        throw rethrown((IOException) c);
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new IOException(c);
    }
  }

  /** A copy of a shared exception, so each waiting thread gets its own stack trace. */
  private static IOException rethrown(IOException e) {
    if (e instanceof GoProxyException) {
      GoProxyException g = (GoProxyException) e;
      return new GoProxyException(g.getMessage(), g, g.attempts());
    }
    return new IOException(e.getMessage(), e);
  }

  private Optional<byte[]> fromDisk(Tile tile) throws IOException {
    Optional<byte[]> exact = store.readCache(tile.path());
    if (exact.isPresent()) {
      onDisk.add(tile.path());
      return exact;
    }
    onDisk.remove(tile.path()); // removed behind our back (go clean -modcache)
    if (!tile.isFull()) {
      Optional<byte[]> full = store.readCache(tile.withWidth(1 << tile.height()).path());
      if (full.isPresent() && full.get().length >= tile.byteSize()) {
        return Optional.of(Arrays.copyOf(full.get(), tile.byteSize()));
      }
    }
    return Optional.empty();
  }

  private byte[] download(Tile tile) throws IOException {
    URI root = base.get();
    try {
      byte[] data = http.get(resolve(root, tile.path()), tile.byteSize());
      LOG.debug("downloaded {} ({} bytes)", tile.path(), data.length);
      return data;
    } catch (GoProxyException e) {
      if (tile.isFull()) {
        throw e;
      }
      Tile full = tile.withWidth(1 << tile.height());
      try {
        byte[] data = http.get(resolve(root, full.path()), full.byteSize());
        LOG.debug("downloaded {} for {}", full.path(), tile.path());
        if (data.length >= tile.byteSize()) {
          return Arrays.copyOf(data, tile.byteSize());
        }
      } catch (GoProxyException ignored) {
        // go reports the error of the exact tile
      }
      throw e;
    }
  }

  @Override
  public void saveTiles(List<Tile> tiles, List<byte[]> data) {
    for (int i = 0; i < tiles.size(); i++) {
      String path = tiles.get(i).path();
      if (onDisk.contains(path)) {
        continue;
      }
      if (store.writeCache(path, data.get(i))) {
        onDisk.add(path);
        CompletableFuture<byte[]> f = downloads.get(path);
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
          downloads.remove(path, f);
        }
      } else {
        // A cache that cannot be written only costs a later download; keep the tile in memory.
        LOG.debug("cannot cache {}", path);
      }
    }
  }

  /**
   * A view whose {@link TileReader#saveTiles} only collects: for checking a tree that has not been
   * accepted yet, so that tiles of a rejected (forked) tree never reach the cache.
   */
  Deferred deferred() {
    return new Deferred();
  }

  /** See {@link #deferred()}. */
  final class Deferred implements TileReader {
    private final List<Tile> tiles = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();

    @Override
    public int height() {
      return SumdbTiles.this.height();
    }

    @Override
    public List<byte[]> readTiles(List<Tile> wanted) throws IOException {
      return SumdbTiles.this.readTiles(wanted);
    }

    @Override
    public synchronized void saveTiles(List<Tile> t, List<byte[]> d) {
      tiles.addAll(t);
      data.addAll(d);
    }

    /** Saves what was collected, once the tree is accepted. */
    synchronized void commit() {
      SumdbTiles.this.saveTiles(tiles, data);
      tiles.clear();
      data.clear();
    }
  }

  /**
   * A view through {@code delegate} (this reader or a {@link Deferred} one) that remembers which
   * tiles it read, so that a check that fails can forget them.
   */
  Tracked tracked(TileReader delegate) {
    return new Tracked(delegate);
  }

  /** See {@link #tracked(TileReader)}. */
  final class Tracked implements TileReader {
    private final TileReader delegate;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    private Tracked(TileReader delegate) {
      this.delegate = delegate;
    }

    @Override
    public int height() {
      return delegate.height();
    }

    @Override
    public List<byte[]> readTiles(List<Tile> wanted) throws IOException {
      for (Tile t : wanted) {
        read.add(t.path());
      }
      return delegate.readTiles(wanted);
    }

    @Override
    public void saveTiles(List<Tile> t, List<byte[]> d) {
      delegate.saveTiles(t, d);
    }

    /**
     * Drops the finished in-memory downloads of the tiles read through this view (authenticated
     * tiles are on disk already): the check failed, so any of them may be what failed it.
     */
    void forgetUnsaved() {
      for (String path : read) {
        CompletableFuture<byte[]> f = downloads.get(path);
        if (f != null && f.isDone()) {
          downloads.remove(path, f);
        }
      }
    }
  }

  /** Forgets tiles held in memory (after close). */
  void clear() {
    pool.shutdown();
    downloads.clear();
  }

  static URI resolve(URI base, String path) {
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
  }
}
