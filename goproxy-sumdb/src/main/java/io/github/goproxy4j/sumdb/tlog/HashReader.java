package io.github.goproxy4j.sumdb.tlog;

import java.io.IOException;
import java.util.List;

/**
 * Reads stored hashes by their index in the linear layout of {@link Tlog#storedHashIndex}, as
 * x/mod's {@code tlog.HashReader}. An implementation returns exactly one hash per index, in
 * order.
 *
 * <pre>{@code
 * List<Hash> stored = ...;  // every stored hash of a tree, in order
 * HashReader reader = indexes -> Arrays.stream(indexes).mapToObj(i -> stored.get((int) i)).toList();
 * Hash root = Tlog.treeHash(size, reader);
 * }</pre>
 */
@FunctionalInterface
public interface HashReader {
  /**
   * Returns the hashes at the given stored-hash indexes.
   *
   * @param indexes stored-hash indexes
   * @return one hash per index, in the same order
   * @throws IOException when the hashes cannot be read or fail authentication
   */
  List<Hash> readHashes(long[] indexes) throws IOException;
}
