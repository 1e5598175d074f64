package io.github.goproxy4j.sumdb.tlog;

import io.github.goproxy4j.internal.GoQuote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A tile of a transparency log, as x/mod's {@code tlog.Tile}: {@code width} consecutive hashes
 * at tree level {@code level × height}, starting at node {@code number × 2^height}. A tile with
 * {@code width = 2^height} is full; a smaller width is a partial tile. Level {@code -1} is a data
 * tile (the record texts). The checksum database uses height 8.
 *
 * <pre>{@code
 * Tile t = Tile.parse("tile/8/0/x001/234.p/5");   // height 8, level 0, number 1234, width 5
 * String path = t.path();                          // the same text
 * Tile leafTile = Tile.forIndex(8, Tlog.storedHashIndex(0, 1000));
 * }</pre>
 *
 * @param height the tile height H, 1 ≤ H ≤ 30
 * @param level the tile level L, -1 (data) ≤ L ≤ 63
 * @param number the tile number N within its level, ≥ 0
 * @param width the number of hashes W, 1 ≤ W ≤ 2^H
 */
public record Tile(int height, int level, long number, int width) {
  /** The tile height used by the Go checksum database. */
  public static final int SUMDB_HEIGHT = 8;

  /**
   * Validates the ranges.
   *
   * @param height the height
   * @param level the level
   * @param number the number
   * @param width the width
   */
  public Tile {
    if (height < 1 || height > 30 || level < -1 || level > 63 || number < 0 || width < 1
        || width > (1 << height)) {
      throw new TlogFormatException("invalid tile {H:" + height + " L:" + level + " N:" + number
          + " W:" + width + "}");
    }
  }

  /** {@return whether the tile holds all 2^H hashes} */
  public boolean isFull() {
    return width == (1 << height);
  }

  /** {@return whether this is a data tile (level -1)} */
  public boolean isData() {
    return level == -1;
  }

  /** {@return the size in bytes of a hash tile's data ({@code width × 32})} */
  public int byteSize() {
    return width * Hash.SIZE;
  }

  /**
   * Returns the same tile with another width.
   *
   * @param w the new width
   * @return the tile
   */
  public Tile withWidth(int w) {
    return new Tile(height, level, number, w);
  }

  /**
   * Returns the data tile (level -1) covering the same records as this level-0 tile.
   *
   * @return the data tile
   */
  public Tile dataTile() {
    return new Tile(height, -1, number, width);
  }

  /**
   * The tile's path, such as {@code tile/8/0/x123/456.p/7} or {@code tile/8/data/000}.
   *
   * @return the canonical path
   */
  public String path() {
    // Zero-padded by hand, not String.format: a cold JVM's first Formatter parses its pattern
    // with java.util.regex, and every checksum-database lookup of a bulk download names tiles
    // (47 of 3,635 CPU samples of a cold downloadAll went to Formatter, measured).
    StringBuilder n = new StringBuilder(24);
    threeDigits(n, number % 1000);
    for (long x = number; x >= 1000; ) {
      x /= 1000;
      StringBuilder elem = new StringBuilder(5).append('x');
      threeDigits(elem, x % 1000);
      n.insert(0, elem.append('/'));
    }
    String p = width != (1 << height) ? ".p/" + width : "";
    String l = level == -1 ? "data" : Integer.toString(level);
    return "tile/" + height + "/" + l + "/" + n + p;
  }

  /** Appends {@code v} (0 to 999) as three digits, as Go's {@code %03d}. */
  private static void threeDigits(StringBuilder b, long v) {
    b.append((char) ('0' + v / 100)).append((char) ('0' + v / 10 % 10)).append((char) ('0' + v % 10));
  }

  @Override
  public String toString() {
    return path();
  }

  // equals and hashCode written out, with the record's meaning: the generated ones link through
  // ObjectMethods.bootstrap on first use, and the first tile reads of a bulk download all make
  // that link at once in a cold JVM (seven bootstraps, 20-100 ms of CPU each, measured).
  @Override
  public boolean equals(Object o) {
    return o instanceof Tile && ((Tile) o).height == height && ((Tile) o).level == level
        && ((Tile) o).number == number && ((Tile) o).width == width;
  }

  @Override
  public int hashCode() {
    return ((height * 31 + level) * 31 + Long.hashCode(number)) * 31 + width;
  }

  /**
   * Parses a tile path; only the canonical form is accepted.
   *
   * @param path such as {@code tile/8/0/x001/234.p/5};
   *     {@code null} is rejected as malformed, with the exception below
   * @return the tile
   * @throws TlogFormatException {@code malformed tile path "<path>"}
   */
  public static Tile parse(String path) {
    if (path == null) {
      throw new TlogFormatException("malformed tile path null");
    }
    TlogFormatException bad = new TlogFormatException("malformed tile path " + GoQuote.quote(path));
    String[] f = path.split("/", -1);
    if (f.length < 4 || !f[0].equals("tile")) {
      throw bad;
    }
    int h = atoi(f[1]);
    boolean isData = f[2].equals("data");
    int l = isData ? 0 : atoi(f[2]);
    if (h < 1 || l < 0 || h > 30) {
      throw bad;
    }
    int w = 1 << h;
    int end = f.length;
    String lastN = f[end - 1];
    if (f[end - 2].endsWith(".p")) {
      int ww = atoi(f[end - 1]);
      if (ww <= 0 || ww >= w) {
        throw bad;
      }
      w = ww;
      lastN = f[end - 2].substring(0, f[end - 2].length() - 2);
      end--;
    }
    long n = 0;
    for (int i = 3; i < end; i++) {
      String s = i == end - 1 ? lastN : f[i];
      if (s.startsWith("x")) {
        s = s.substring(1);
      }
      int nn = atoi(s);
      if (nn < 0 || nn >= 1000 || n > (Long.MAX_VALUE - 999) / 1000) {
        throw bad;
      }
      n = n * 1000 + nn;
    }
    if (l > 63) {
      throw bad;
    }
    Tile t = new Tile(h, isData ? -1 : l, n, w);
    if (!path.equals(t.path())) {
      throw bad;
    }
    return t;
  }

  /** Go's strconv.Atoi on a short decimal: optional sign, digits; -1 (or a failure) as MIN. */
  private static int atoi(String s) {
    if (s.length() > 10) {
      return Integer.MIN_VALUE;
    }
    long v = Record.parseInt64(s);
    return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE + 1 ? Integer.MIN_VALUE : (int) v;
  }

  /**
   * Returns the smallest tile of the given height that holds the stored hash {@code index}: the
   * tile whose width just reaches it.
   *
   * @param height the tile height
   * @param index a stored-hash index
   * @return the tile
   */
  public static Tile forIndex(int height, long index) {
    if (height < 1 || height > 30) {
      throw new TlogFormatException("TileForIndex: invalid height " + height);
    }
    Tlog.Position p = Tlog.splitStoredHashIndex(index);
    int l = p.level() / height;
    int k = p.level() - l * height;
    long n = p.n();
    long tn = (n << k) >> height;
    long i = n - ((tn << height) >> k);
    return new Tile(height, l, tn, (int) ((i + 1) << k));
  }

  /** Byte range [start, end) of the hash for index within its minimal tile. */
  private static int[] rangeForIndex(int height, long index) {
    Tlog.Position p = Tlog.splitStoredHashIndex(index);
    int l = p.level() / height;
    int k = p.level() - l * height;
    long n = p.n();
    long tn = (n << k) >> height;
    long i = n - ((tn << height) >> k);
    return new int[] {(int) (i << k) * Hash.SIZE, (int) ((i + 1) << k) * Hash.SIZE};
  }

  /**
   * Returns the stored hash {@code index} computed from this tile's data.
   *
   * @param data the tile's bytes (at least {@code width × 32})
   * @param index a stored-hash index inside this tile
   * @return the hash
   * @throws TlogFormatException Go's {@code invalid tile}, {@code data len %d too short for tile}
   *     or {@code index %d is in %s not %s}
   */
  public Hash hashFromTile(byte[] data, long index) {
    Objects.requireNonNull(data, "data");
    if (level < 0) {
      throw new TlogFormatException("invalid tile " + path());
    }
    if (data.length < width * Hash.SIZE) {
      throw new TlogFormatException("data len " + data.length + " too short for tile " + path());
    }
    if (index < 0) {
      throw new TlogFormatException("index " + index + " is not a stored hash index");
    }
    Tile t1 = forIndex(height, index);
    if (level != t1.level || number != t1.number || width < t1.width) {
      throw new TlogFormatException("index " + index + " is in " + t1.path() + " not " + path());
    }
    int[] r = rangeForIndex(height, index);
    return tileHash(data, r[0], r[1]);
  }

  static Hash tileHash(byte[] data, int start, int end) {
    if (end - start == Hash.SIZE) {
      return Hash.of(data, start);
    }
    int mid = start + (end - start) / 2;
    return Hash.ofNode(tileHash(data, start, mid), tileHash(data, mid, end));
  }

  /**
   * Returns this tile's ancestor {@code k} tile levels up, with the width implied by a tree of
   * {@code treeSize} records (x/mod's {@code tileParent}); null when that tile is empty.
   */
  Tile parent(int k, long treeSize) {
    int l = level + k;
    long n = number >> (k * height);
    long w = 1L << height;
    long max = treeSize >> (l * height);
    if ((n << height) + w >= max) {
      if ((n << height) >= max) {
        return null;
      }
      w = max - (n << height);
    }
    return new Tile(height, l, n, (int) w);
  }

  /**
   * Returns the tile's data built from stored hashes: the {@code width} hashes at level
   * {@code level × height}, concatenated (x/mod's {@code ReadTileData}).
   *
   * @param reader reads stored hashes
   * @return {@code width × 32} bytes
   * @throws IOException if the reader fails
   */
  public byte[] readTileData(HashReader reader) throws IOException {
    if (level < 0) {
      throw new TlogFormatException("invalid tile " + path() + ": a data tile holds records");
    }
    long[] indexes = new long[width];
    long start = number << height;
    for (int i = 0; i < width; i++) {
      indexes[i] = Tlog.storedHashIndex(height * level, start + i);
    }
    List<Hash> hashes = Tlog.read(reader, indexes);
    byte[] out = new byte[width * Hash.SIZE];
    for (int i = 0; i < width; i++) {
      hashes.get(i).copyTo(out, i * Hash.SIZE);
    }
    return out;
  }

  /**
   * Returns the tiles that a tree of {@code newTreeSize} has and a tree of {@code oldTreeSize}
   * did not: every new full tile and, in each row, the partial tile at the new size (x/mod since
   * v0.17.0).
   *
   * @param height the tile height
   * @param oldTreeSize the old size
   * @param newTreeSize the new size ≥ old size
   * @return the tiles, row by row
   */
  public static List<Tile> newTiles(int height, long oldTreeSize, long newTreeSize) {
    if (height < 1 || height > 30 || oldTreeSize < 0 || newTreeSize < oldTreeSize) {
      throw new TlogFormatException("NewTiles: invalid inputs " + height + " " + oldTreeSize + " " + newTreeSize);
    }
    List<Tile> tiles = new ArrayList<>();
    for (int level = 0; level <= 63 && (newTreeSize >> (height * level)) > 0; level++) {
      long oldN = oldTreeSize >> (height * level);
      long newN = newTreeSize >> (height * level);
      if (oldN == newN) {
        continue;
      }
      for (long n = oldN >> height; n < (newN >> height); n++) {
        tiles.add(new Tile(height, level, n, 1 << height));
      }
      long n = newN >> height;
      long w = newN - (n << height);
      if (w > 0) {
        tiles.add(new Tile(height, level, n, (int) w));
      }
    }
    return tiles;
  }
}
