package io.github.goproxy4j.sumdb.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tile arithmetic and x/mod's HashFromTile errors. */
class TileTest {
  static final MemLog LOG = MemLog.ofLeaves(1100);

  @Test
  void hashFromTileReadsEveryLevelInsideATile() throws IOException {
    Tile full = new Tile(8, 0, 0, 256);
    byte[] data = full.readTileData(LOG.reader());
    for (int level = 0; level <= 7; level++) {
      for (long n = 0; n < (256 >> level); n++) {
        long x = Tlog.storedHashIndex(level, n);
        assertEquals(LOG.stored.get((int) x), full.hashFromTile(data, x), "level " + level + " n " + n);
        Tile min = Tile.forIndex(8, x);
        assertEquals(0, min.level());
        assertEquals((n + 1) << level, min.width());
      }
    }
    // Level 8 lives in the next tile row.
    assertEquals(new Tile(8, 1, 0, 1), Tile.forIndex(8, Tlog.storedHashIndex(8, 0)));
  }

  @Test
  void hashFromTileErrors() throws IOException {
    Tile t = new Tile(8, 0, 0, 4);
    byte[] data = t.readTileData(LOG.reader());
    TlogFormatException e = assertThrows(TlogFormatException.class, () -> t.hashFromTile(new byte[100], 0));
    assertEquals("data len 100 too short for tile tile/8/0/000.p/4", e.getMessage());
    e = assertThrows(TlogFormatException.class, () -> t.hashFromTile(data, Tlog.storedHashIndex(0, 4)));
    assertEquals("index 7 is in tile/8/0/000.p/5 not tile/8/0/000.p/4", e.getMessage());
    e = assertThrows(TlogFormatException.class, () -> t.hashFromTile(data, Tlog.storedHashIndex(0, 300)));
    assertEquals("index " + Tlog.storedHashIndex(0, 300) + " is in tile/8/0/001.p/45 not tile/8/0/000.p/4", e.getMessage());
    assertThrows(TlogFormatException.class, () -> new Tile(8, -1, 0, 4).hashFromTile(data, 0));
    assertThrows(TlogFormatException.class, () -> new Tile(0, 0, 0, 1));
    assertThrows(TlogFormatException.class, () -> new Tile(8, 0, 0, 257));
    assertThrows(TlogFormatException.class, () -> new Tile(8, 0, -1, 1));
    assertEquals(Hash.ofRecord("leaf 2".getBytes(StandardCharsets.UTF_8)), t.hashFromTile(data, Tlog.storedHashIndex(0, 2)));
  }

  @Test
  void newTilesForTree1100() {
    // x/mod >= v0.17.0: full tiles 000-003, then the largest partial tile of each row.
    assertEquals("[tile/8/0/000, tile/8/0/001, tile/8/0/002, tile/8/0/003, tile/8/0/004.p/76, tile/8/1/000.p/4]",
        Tile.newTiles(8, 0, 1100).toString());
    assertEquals("[tile/8/0/004.p/77]", Tile.newTiles(8, 1100, 1101).toString());
  }

  /** Tiles are equal exactly when all four fields are (they key the tile cache and read plans). */
  @Test
  void equalityIsByAllFourFields() {
    Tile t = Tile.parse("tile/8/1/x001/234.p/5");
    assertEquals(new Tile(8, 1, 1234, 5), t);
    assertEquals(new Tile(8, 1, 1234, 5).hashCode(), t.hashCode());
    assertNotEquals(new Tile(8, 1, 1234, 6), t);
    assertNotEquals(new Tile(8, 1, 1235, 5), t);
    assertNotEquals(new Tile(8, 2, 1234, 5), t);
    assertNotEquals(new Tile(9, 1, 1234, 5), t);
    assertNotEquals(new Tile(8, -1, 1234, 5), t);
    assertNotEquals(t, "tile/8/1/x001/234.p/5");
    java.util.Set<Tile> set = new java.util.HashSet<>(java.util.List.of(t, new Tile(8, 1, 1234, 5), new Tile(8, 1, 1234, 6)));
    assertEquals(2, set.size());
  }

  @Test
  void dataTilePath() {
    assertEquals("tile/8/data/004.p/76", new Tile(8, 0, 4, 76).dataTile().path());
  }

  /**
   * Seeded: every tile's path is x/mod's (three-digit groups, {@code x} before all but the last,
   * {@code .p/W} for a partial tile) and parses back to the tile.
   */
  @Test
  void pathIsXmodsAndParsesBack() {
    long seed = Long.getLong("goproxy4j.seed", System.nanoTime());
    System.out.println("TileTest.pathIsXmodsAndParsesBack seed " + seed);
    java.util.Random r = new java.util.Random(seed);
    for (int i = 0; i < 2000; i++) {
      int h = 1 + r.nextInt(30);
      int level = r.nextInt(10);
      long number = switch (r.nextInt(4)) {
        case 0 -> r.nextInt(1000);
        case 1 -> r.nextInt(1_000_000);
        case 2 -> (long) r.nextInt(1000) * 1000; // a zero group
        default -> r.nextLong() >>> (1 + r.nextInt(62));
      };
      int width = 1 + r.nextInt(1 << Math.min(h, 12));
      if (width > (1 << h)) {
        width = 1 << h;
      }
      Tile t = new Tile(h, level, number, width);
      StringBuilder n = new StringBuilder(String.format("%03d", number % 1000));
      for (long x = number; x >= 1000; ) {
        x /= 1000;
        n.insert(0, String.format("x%03d/", x % 1000));
      }
      String expected = "tile/" + h + "/" + level + "/" + n + (width != (1 << h) ? ".p/" + width : "");
      assertEquals(expected, t.path(), "seed " + seed);
      assertEquals(t, Tile.parse(t.path()), "seed " + seed);
    }
  }
}
