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
}
