package io.github.goproxy4j.sumdb.tlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An in-memory transparency log for tests: records "leaf %d" unless given. */
final class MemLog {
  final List<Hash> stored = new ArrayList<>();
  long size;

  static MemLog ofLeaves(long n) {
    MemLog log = new MemLog();
    for (long i = 0; i < n; i++) {
      log.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
    }
    return log;
  }

  void add(byte[] record) {
    try {
      stored.addAll(Tlog.storedHashes(size, record, reader()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    size++;
  }

  HashReader reader() {
    return indexes -> {
      List<Hash> out = new ArrayList<>();
      for (long i : indexes) {
        out.add(stored.get((int) i));
      }
      return out;
    };
  }

  TreeHead tree() throws IOException {
    return new TreeHead(size, Tlog.treeHash(size, reader()));
  }

  /** A tile reader serving tiles built from this log, recording each request. */
  final class Tiles implements TileReader {
    final int height;
    final List<List<Tile>> calls = new ArrayList<>();
    final List<Tile> saved = new ArrayList<>();

    Tiles(int height) {
      this.height = height;
    }

    @Override
    public int height() {
      return height;
    }

    @Override
    public List<byte[]> readTiles(List<Tile> tiles) throws IOException {
      calls.add(List.copyOf(tiles));
      List<byte[]> out = new ArrayList<>();
      for (Tile t : tiles) {
        out.add(t.readTileData(reader()));
      }
      return out;
    }

    @Override
    public void saveTiles(List<Tile> tiles, List<byte[]> data) {
      saved.addAll(tiles);
    }
  }
}
