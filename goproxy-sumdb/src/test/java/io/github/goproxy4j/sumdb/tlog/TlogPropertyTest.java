package io.github.goproxy4j.sumdb.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Proofs and tile authentication over random trees; every single-bit change must be caught. */
class TlogPropertyTest {
  static final int MAX = 5000;
  static final MemLog LOG = MemLog.ofLeaves(MAX);

  static Stream<Arguments> seeds() {
    return new Random(20261126).longs(40).mapToObj(Arguments::of);
  }

  static Hash leaf(long i) {
    return Hash.ofRecord(("leaf " + i).getBytes(StandardCharsets.UTF_8));
  }

  static Hash flip(Hash h, Random r) {
    byte[] b = h.bytes();
    b[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
    return Hash.of(b);
  }

  static long size(Random r) {
    // Favour small trees and powers of two (and their neighbours), where the edges are.
    switch (r.nextInt(3)) {
      case 0:
        return 1 + r.nextInt(40);
      case 1:
        long p = 1L << r.nextInt(12);
        return Math.max(1, Math.min(MAX, p + r.nextInt(3) - 1));
      default:
        return 1 + r.nextInt(MAX);
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void recordProofsVerifyAndAnyBitFlipFails(long seed) throws IOException {
    Random r = new Random(seed);
    long t = size(r);
    long n = (long) (r.nextDouble() * t);
    Hash th = Tlog.treeHash(t, LOG.reader());
    RecordProof p = RecordProof.prove(t, n, LOG.reader());
    p.check(t, th, n, leaf(n));
    assertThrows(TlogException.class, () -> p.check(t, th, n, flip(leaf(n), r)));
    assertThrows(TlogException.class, () -> p.check(t, flip(th, r), n, leaf(n)));
    if (!p.hashes().isEmpty()) {
      List<Hash> bad = new ArrayList<>(p.hashes());
      int i = r.nextInt(bad.size());
      bad.set(i, flip(bad.get(i), r));
      assertThrows(TlogException.class, () -> new RecordProof(bad).check(t, th, n, leaf(n)));
      List<Hash> shorter = new ArrayList<>(p.hashes());
      shorter.remove(shorter.size() - 1);
      assertThrows(TlogException.class, () -> new RecordProof(shorter).check(t, th, n, leaf(n)));
    }
    List<Hash> longer = new ArrayList<>(p.hashes());
    longer.add(th);
    assertThrows(TlogException.class, () -> new RecordProof(longer).check(t, th, n, leaf(n)));
    if (t > 1) {
      long other = (n + 1) % t;
      assertThrows(TlogException.class, () -> p.check(t, th, other, leaf(n)));
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void treeProofsVerifyAndAnyBitFlipFails(long seed) throws IOException {
    Random r = new Random(seed);
    long t = size(r);
    long n = 1 + (long) (r.nextDouble() * t);
    Hash th = Tlog.treeHash(t, LOG.reader());
    Hash h = Tlog.treeHash(n, LOG.reader());
    TreeProof p = TreeProof.prove(t, n, LOG.reader());
    p.check(t, th, n, h);
    assertThrows(TlogException.class, () -> p.check(t, flip(th, r), n, h));
    assertThrows(TlogException.class, () -> p.check(t, th, n, flip(h, r)));
    if (!p.hashes().isEmpty()) {
      List<Hash> bad = new ArrayList<>(p.hashes());
      int i = r.nextInt(bad.size());
      bad.set(i, flip(bad.get(i), r));
      assertThrows(TlogException.class, () -> new TreeProof(bad).check(t, th, n, h));
    }
    // A fork: the same size, a different history.
    if (n < t) {
      Hash forked = Tlog.treeHash(n, indexes -> {
        List<Hash> out = new ArrayList<>(LOG.reader().readHashes(indexes));
        out.set(0, flip(out.get(0), r));
        return out;
      });
      assertThrows(TlogException.class, () -> p.check(t, th, n, forked));
    }
  }

  /** Serves tiles from the log, optionally damaging one. */
  static final class Damaging implements TileReader {
    final MemLog.Tiles inner = LOG.new Tiles(8);
    final Random r;
    final int mode; // 0 = honest, 1 = flip a bit, 2 = truncate, 3 = extend
    int target = -1;

    Damaging(Random r, int mode) {
      this.r = r;
      this.mode = mode;
    }

    @Override
    public int height() {
      return 8;
    }

    @Override
    public List<byte[]> readTiles(List<Tile> tiles) throws IOException {
      List<byte[]> data = new ArrayList<>(inner.readTiles(tiles));
      if (mode != 0) {
        target = r.nextInt(tiles.size());
        byte[] d = data.get(target);
        if (mode == 1) {
          d[r.nextInt(d.length)] ^= (byte) (1 << r.nextInt(8));
        } else if (mode == 2) {
          data.set(target, java.util.Arrays.copyOf(d, d.length - 1 - r.nextInt(d.length)));
        } else {
          data.set(target, java.util.Arrays.copyOf(d, d.length + 32));
        }
      }
      return data;
    }

    @Override
    public void saveTiles(List<Tile> tiles, List<byte[]> data) {
      inner.saveTiles(tiles, data);
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void tilesAreAuthenticatedBeforeUse(long seed) throws IOException {
    Random r = new Random(seed);
    long t = size(r);
    long n = (long) (r.nextDouble() * t);
    TreeHead tree = new TreeHead(t, Tlog.treeHash(t, LOG.reader()));
    long[] idx = {Tlog.storedHashIndex(0, n)};
    assertEquals(leaf(n), new TileHashReader(tree, new Damaging(r, 0)).readHashes(idx).get(0));

    Damaging flipped = new Damaging(r, 1);
    TlogException e = assertThrows(TlogException.class, () -> new TileHashReader(tree, flipped).readHashes(idx));
    assertEquals("downloaded inconsistent tile", e.getMessage());
    assertTrue(flipped.inner.saved.isEmpty(), "nothing saved from a bad fetch");

    for (int mode : new int[] {2, 3}) {
      Damaging sized = new Damaging(r, mode);
      e = assertThrows(TlogException.class, () -> new TileHashReader(tree, sized).readHashes(idx));
      assertTrue(e.getMessage().startsWith("TileReader returned bad result slice ("), e.getMessage());
      assertTrue(sized.inner.saved.isEmpty());
    }

    // Consistency with an older tree, through the newer tree's tiles.
    long old = 1 + (long) (r.nextDouble() * t);
    assertEquals(Tlog.treeHash(old, LOG.reader()), Tlog.treeHash(old, new TileHashReader(tree, new Damaging(r, 0))));
    // A signed tree whose hash is not the log's: every read fails.
    TreeHead lie = new TreeHead(t, flip(tree.hash(), r));
    assertThrows(TlogException.class, () -> new TileHashReader(lie, new Damaging(r, 0)).readHashes(idx));
  }

  /**
   * Tree 2360: the five subtree roots live in two tiles, so x/mod (v0.7.0 and later) starts its
   * parent check at tile 5 of 3 and accepts a tampered full tile/8/0/008 (checked with x/mod:
   * ReadHashes returns the wrong leaf hash and SaveTiles persists the tile). We refuse it.
   */
  @Test
  void fullTileIsAuthenticatedWhenSubtreeRootsShareTiles() throws IOException {
    long t = 2360;
    TreeHead tree = new TreeHead(t, Tlog.treeHash(t, LOG.reader()));
    MemLog.Tiles honest = LOG.new Tiles(8);
    long[] idx = {Tlog.storedHashIndex(0, 2053)};
    assertEquals(List.of("tile/8/1/000.p/9", "tile/8/0/009.p/56", "tile/8/0/008"),
        new TileHashReader(tree, honest).plan(idx).stream().map(Tile::path).collect(java.util.stream.Collectors.toList()));
    TileReader tampered = new TileReader() {
      @Override
      public int height() {
        return 8;
      }

      @Override
      public List<byte[]> readTiles(List<Tile> tiles) throws IOException {
        List<byte[]> data = honest.readTiles(tiles);
        data.get(2)[5 * 32 + 3] ^= 1;
        return data;
      }

      @Override
      public void saveTiles(List<Tile> tiles, List<byte[]> data) {
        honest.saveTiles(tiles, data);
      }
    };
    TlogException e = assertThrows(TlogException.class, () -> new TileHashReader(tree, tampered).readHashes(idx));
    assertEquals("downloaded inconsistent tile", e.getMessage());
    assertTrue(honest.saved.isEmpty());
  }

  @Test
  void indexesOutsideTheTree() throws IOException {
    TreeHead tree = new TreeHead(10, Tlog.treeHash(10, LOG.reader()));
    TileHashReader r = new TileHashReader(tree, LOG.new Tiles(8));
    TlogException e = assertThrows(TlogException.class, () -> r.readHashes(new long[] {Tlog.storedHashIndex(0, 10)}));
    assertEquals("indexes not in tree", e.getMessage());
    assertThrows(TlogException.class, () -> r.readHashes(new long[] {-1}));
    assertThrows(TlogException.class,
        () -> new TileHashReader(new TreeHead(0, Hash.EMPTY_TREE), LOG.new Tiles(8)).readHashes(new long[] {0}));
  }

  @Test
  void proofInputsAreChecked() {
    assertThrows(TlogFormatException.class, () -> RecordProof.prove(5, 5, LOG.reader()));
    assertThrows(TlogFormatException.class, () -> TreeProof.prove(5, 0, LOG.reader()));
    assertThrows(TlogFormatException.class, () -> new RecordProof(List.of()).check(0, Hash.EMPTY_TREE, 0, leaf(0)));
    assertThrows(TlogFormatException.class, () -> new TreeProof(List.of()).check(3, Hash.EMPTY_TREE, 4, leaf(0)));
  }
}
