package io.github.goproxy4j.sumdb.tlog;

import java.io.IOException;
import java.util.List;

/**
 * Fetches tiles for a {@link TileHashReader}, as x/mod's {@code tlog.TileReader}. The reader
 * asks for all tiles it needs in one call; only after authenticating them does it hand them to
 * {@link #saveTiles}, so an implementation that caches must cache only what it is given there.
 *
 * <pre>{@code
 * TileReader fromServer = new TileReader() {
 *   public int height() { return 8; }
 *   public List<byte[]> readTiles(List<Tile> tiles) throws IOException {
 *     List<byte[]> out = new ArrayList<>();
 *     for (Tile t : tiles) out.add(http.get(base + "/" + t.path()));
 *     return out;
 *   }
 * };
 * }</pre>
 */
public interface TileReader {
  /** {@return the tile height this reader serves (8 for the Go checksum database)} */
  int height();

  /**
   * Returns the data of each tile, in order. A tile may be served from a full tile cut to the
   * requested width.
   *
   * @param tiles the tiles wanted
   * @return one byte array of {@code width × 32} bytes per tile
   * @throws IOException when a tile cannot be fetched
   */
  List<byte[]> readTiles(List<Tile> tiles) throws IOException;

  /**
   * Called with tiles whose content has been authenticated against a signed tree; a cache may
   * store them. The default does nothing.
   *
   * @param tiles the tiles
   * @param data their data
   */
  default void saveTiles(List<Tile> tiles, List<byte[]> data) {}
}
