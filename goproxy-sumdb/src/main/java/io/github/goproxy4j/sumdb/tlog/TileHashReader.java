package io.github.goproxy4j.sumdb.tlog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads stored hashes of a signed tree from tiles and authenticates every tile against the tree's
 * root hash before returning anything, as x/mod's {@code tlog.TileHashReader}. An inclusion
 * check is "read the record's hash through a reader for the signed tree"; a consistency check is
 * "compute the old tree's hash through a reader for the new tree".
 *
 * <pre>{@code
 * TileHashReader r = new TileHashReader(signedTree, tileReader);
 * Hash leaf = r.readHashes(new long[] {Tlog.storedHashIndex(0, recordId)}).get(0);
 * Hash oldRoot = Tlog.treeHash(oldTree.size(), r);   // consistency with an older tree
 * }</pre>
 */
public final class TileHashReader implements HashReader {
  private final TreeHead tree;
  private final TileReader tiles;

  /**
   * Creates a reader.
   *
   * @param tree the signed tree head the tiles must match
   * @param tiles where tiles come from
   */
  public TileHashReader(TreeHead tree, TileReader tiles) {
    this.tree = Objects.requireNonNull(tree, "tree");
    this.tiles = Objects.requireNonNull(tiles, "tiles");
  }

  /**
   * Returns the tiles that {@link #readHashes} fetches, in order, for the given indexes.
   *
   * @param indexes stored-hash indexes
   * @return the tiles fetched in the single {@link TileReader#readTiles} call
   * @throws TlogException {@code indexes not in tree}
   */
  public List<Tile> plan(long[] indexes) throws TlogException {
    Objects.requireNonNull(indexes, "indexes");
    return new Plan(indexes).tiles;
  }

  private final class Plan {
    final List<Tile> tiles = new ArrayList<>();
    final Map<Tile, Integer> order = new HashMap<>();
    final long[] stx;
    final int[] stxOrder;
    final int[] indexOrder;
    /** The number of distinct tiles holding the tree's subtree roots (the first tiles). */
    final int stxTiles;

    Plan(long[] indexes) throws TlogException {
      int h = TileHashReader.this.tiles.height();
      if (h < 1 || h > 30) {
        throw new TlogException("invalid tile height " + h);
      }
      stx = tree.size() == 0 ? new long[0] : Tlog.subTreeIndex(0, tree.size());
      stxOrder = new int[stx.length];
      for (int i = 0; i < stx.length; i++) {
        Tile t = Tile.forIndex(h, stx[i]).parent(0, tree.size());
        Integer j = order.get(t);
        if (j == null) {
          j = tiles.size();
          order.put(t, j);
          tiles.add(t);
        }
        stxOrder[i] = j;
      }
      stxTiles = tiles.size();
      indexOrder = new int[indexes.length];
      long limit = tree.size() == 0 ? 0 : Tlog.storedHashIndex(0, tree.size());
      for (int i = 0; i < indexes.length; i++) {
        long x = indexes[i];
        if (x < 0 || x >= limit) {
          throw new TlogException("indexes not in tree");
        }
        Tile tile = Tile.forIndex(h, x);
        int k = 0;
        while (true) {
          Tile p = tile.parent(k, tree.size());
          Integer j = p == null ? null : order.get(p);
          if (j != null) {
            if (k == 0) {
              indexOrder[i] = j;
            }
            break;
          }
          k++;
          if (k > 64) {
            throw new IllegalStateException("bad math in tileHashReader: " + tree.size() + " " + x);
          }
        }
        for (k--; k >= 0; k--) {
          Tile p = tile.parent(k, tree.size());
          if (p == null || !p.isFull()) {
            throw new IllegalStateException("bad math in tileHashReader: " + tree.size() + " " + x + " " + p);
          }
          order.put(p, tiles.size());
          if (k == 0) {
            indexOrder[i] = tiles.size();
          }
          tiles.add(p);
        }
      }
    }
  }

  /**
   * Reads the hashes, fetching the needed tiles in one {@link TileReader#readTiles} call and
   * authenticating each against the tree before use; authenticated tiles are then passed to
   * {@link TileReader#saveTiles}.
   *
   * @param indexes stored-hash indexes, each inside the tree
   * @return the hashes, in order
   * @throws TlogException {@code indexes not in tree}, {@code TileReader returned bad result
   *     slice ...} (a tile of the wrong size) or {@code downloaded inconsistent tile}
   * @throws IOException if fetching fails
   */
  @Override
  public List<Hash> readHashes(long[] indexes) throws IOException {
    Objects.requireNonNull(indexes, "indexes");
    if (tree.size() == 0) {
      if (indexes.length == 0) {
        return List.of();
      }
      throw new TlogException("indexes not in tree");
    }
    Plan plan = new Plan(indexes);
    List<Tile> list = List.copyOf(plan.tiles);
    List<byte[]> data = tiles.readTiles(list);
    if (data == null || data.size() != list.size()) {
      throw new TlogException("TileReader returned bad result slice (len="
          + (data == null ? 0 : data.size()) + ", want " + list.size() + ")");
    }
    List<byte[]> copy = new ArrayList<>(data.size());
    for (int i = 0; i < list.size(); i++) {
      byte[] d = data.get(i);
      Tile t = list.get(i);
      if (d == null || d.length != t.byteSize()) {
        throw new TlogException("TileReader returned bad result slice (" + t.path() + " len="
            + (d == null ? 0 : d.length) + ", want " + t.byteSize() + ")");
      }
      copy.add(d.clone());
    }

    // Authenticate the tiles that hold the tree's complete subtrees against the root.
    int last = plan.stx.length - 1;
    Hash th = list.get(plan.stxOrder[last]).hashFromTile(copy.get(plan.stxOrder[last]), plan.stx[last]);
    for (int i = last - 1; i >= 0; i--) {
      Hash h = list.get(plan.stxOrder[i]).hashFromTile(copy.get(plan.stxOrder[i]), plan.stx[i]);
      th = Hash.ofNode(h, th);
    }
    if (!th.equals(tree.hash())) {
      throw new TlogException("downloaded inconsistent tile");
    }

    // Authenticate every other tile against its (already authenticated) parent. x/mod starts
    // this loop at the number of subtree indexes rather than the number of distinct tiles
    // holding them, which skips a tile whenever two subtree roots share a tile (a tampered full
    // tile is then accepted and saved); we check every tile.
    for (int i = plan.stxTiles; i < list.size(); i++) {
      Tile tile = list.get(i);
      Tile p = tile.parent(1, tree.size());
      Integer j = p == null ? null : plan.order.get(p);
      if (j == null) {
        throw new IllegalStateException("bad math in tileHashReader " + tree.size() + " "
            + Arrays.toString(indexes) + ": lost parent of " + tile);
      }
      Hash h = p.hashFromTile(copy.get(j), Tlog.storedHashIndex(p.level() * p.height(), tile.number()));
      if (!h.equals(Tile.tileHash(copy.get(i), 0, copy.get(i).length))) {
        throw new TlogException("downloaded inconsistent tile");
      }
    }

    tiles.saveTiles(list, copy);

    List<Hash> out = new ArrayList<>(indexes.length);
    for (int i = 0; i < indexes.length; i++) {
      int j = plan.indexOrder[i];
      out.add(list.get(j).hashFromTile(copy.get(j), indexes[i]));
    }
    return out;
  }
}
