package io.github.goproxy4j.sumdb.tlog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The linear layout of a transparency log's stored hashes and the root computation, as in x/mod's
 * {@code tlog}: every node of the Merkle tree is stored once, in the order it is completed.
 *
 * <pre>{@code
 * long x = Tlog.storedHashIndex(0, 255);       // 502
 * Tlog.Position p = Tlog.splitStoredHashIndex(510);   // level 8, n 0
 * long count = Tlog.storedHashCount(1100);     // 2196
 * }</pre>
 */
public final class Tlog {
  private Tlog() {}

  /**
   * A node position: the level in the tree (0 = leaves) and the index within that level.
   *
   * @param level the level, 0 for leaves
   * @param n the index within the level
   */
  public record Position(int level, long n) {}

  /**
   * Returns the index in the stored-hash layout of the hash at {@code (level, n)}.
   *
   * @param level the level, 0 ≤ level ≤ 62
   * @param n the index within the level, n ≥ 0
   * @return the stored-hash index
   */
  public static long storedHashIndex(int level, long n) {
    if (level < 0 || level > 62 || n < 0) {
      throw new TlogFormatException("tlog: invalid inputs in StoredHashIndex(" + level + ", " + n + ")");
    }
    if (n > (Long.MAX_VALUE >> (level + 2))) {
      throw new TlogFormatException("tlog: StoredHashIndex(" + level + ", " + n + ") overflows");
    }
    long m = n;
    for (int l = level; l > 0; l--) {
      m = 2 * m + 1;
    }
    // Σ_k floor(m / 2^k) = 2m - popcount(m)
    return 2 * m - Long.bitCount(m) + level;
  }

  /**
   * The inverse of {@link #storedHashIndex}.
   *
   * @param index a stored-hash index, ≥ 0
   * @return the level and the index within that level
   */
  public static Position splitStoredHashIndex(long index) {
    if (index < 0) {
      throw new TlogFormatException("tlog: invalid inputs in SplitStoredHashIndex(" + index + ")");
    }
    long n = index / 2;
    long indexN = storedHashIndex(0, n);
    // indexN = 2n - popcount(n) ≤ index; advance while the next leaf starts at or before index.
    while (true) {
      long x = indexN + 1 + Long.numberOfTrailingZeros(n + 1);
      if (x > index) {
        break;
      }
      n++;
      indexN = x;
    }
    int level = (int) (index - indexN);
    return new Position(level, n >> level);
  }

  /**
   * Returns the number of stored hashes kept for a tree of {@code n} records.
   *
   * @param n the tree size, ≥ 0
   * @return the count, 0 for n = 0
   */
  public static long storedHashCount(long n) {
    if (n < 0) {
      throw new TlogFormatException("tlog: invalid inputs in StoredHashCount(" + n + ")");
    }
    if (n == 0) {
      return 0;
    }
    long count = storedHashIndex(0, n - 1) + 1;
    for (long i = n - 1; (i & 1) != 0; i >>= 1) {
      count++;
    }
    return count;
  }

  /**
   * Returns the hashes to append to the stored hashes when record {@code n} with the given text
   * is added: its record hash, then the hashes of every subtree it completes.
   *
   * @param n the record's index (the tree size before it is added)
   * @param data the record text
   * @param reader reads the existing stored hashes
   * @return the new hashes, in storage order
   * @throws IOException if the reader fails
   */
  public static List<Hash> storedHashes(long n, byte[] data, HashReader reader) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(reader, "reader");
    return storedHashesForRecordHash(n, Hash.ofRecord(data), reader);
  }

  /**
   * Like {@link #storedHashes} for a record whose hash is already known.
   *
   * @param n the record's index
   * @param h its record hash
   * @param reader reads the existing stored hashes
   * @return the new hashes, in storage order
   * @throws IOException if the reader fails
   */
  public static List<Hash> storedHashesForRecordHash(long n, Hash h, HashReader reader)
      throws IOException {
    Objects.requireNonNull(h, "h");
    Objects.requireNonNull(reader, "reader");
    if (n < 0) {
      throw new TlogFormatException("tlog: invalid inputs in StoredHashes(" + n + ")");
    }
    int m = Long.numberOfTrailingZeros(n + 1);
    long[] indexes = new long[m];
    for (int i = 0; i < m; i++) {
      indexes[m - 1 - i] = storedHashIndex(i, (n >> i) - 1);
    }
    List<Hash> old = read(reader, indexes);
    List<Hash> out = new ArrayList<>(m + 1);
    out.add(h);
    Hash cur = h;
    for (int i = 0; i < m; i++) {
      cur = Hash.ofNode(old.get(m - 1 - i), cur);
      out.add(cur);
    }
    return out;
  }

  /**
   * Computes the root hash of the tree of the first {@code n} records.
   *
   * @param n the tree size, ≥ 0
   * @param reader reads stored hashes
   * @return the root; {@link Hash#EMPTY_TREE} for n = 0
   * @throws IOException if the reader fails
   */
  public static Hash treeHash(long n, HashReader reader) throws IOException {
    Objects.requireNonNull(reader, "reader");
    if (n < 0) {
      throw new TlogFormatException("tlog: invalid inputs in TreeHash(" + n + ")");
    }
    if (n == 0) {
      return Hash.EMPTY_TREE;
    }
    long[] indexes = subTreeIndex(0, n);
    List<Hash> hashes = read(reader, indexes);
    return fold(hashes, 0, hashes.size());
  }

  static List<Hash> read(HashReader reader, long[] indexes) throws IOException {
    if (indexes.length == 0) {
      return List.of();
    }
    List<Hash> hashes = Objects.requireNonNull(reader, "reader").readHashes(indexes.clone());
    if (hashes == null || hashes.size() != indexes.length) {
      throw new TlogException("tlog: ReadHashes(" + indexes.length + " indexes) = "
          + (hashes == null ? 0 : hashes.size()) + " hashes");
    }
    for (Hash h : hashes) {
      if (h == null) {
        throw new TlogException("tlog: ReadHashes(" + indexes.length + " indexes) returned null");
      }
    }
    return hashes;
  }

  /** Largest power of two strictly less than n (n ≥ 2). */
  static long maxPow2Below(long n) {
    return Long.highestOneBit(n - 1);
  }

  /** The stored-hash indexes of the maximal complete subtrees covering [lo, hi). */
  static long[] subTreeIndex(long lo, long hi) {
    List<Long> need = new ArrayList<>();
    addSubTreeIndex(lo, hi, need);
    return toArray(need);
  }

  static void addSubTreeIndex(long lo, long hi, List<Long> need) {
    while (lo < hi) {
      long k = Long.highestOneBit(hi - lo);
      int level = Long.numberOfTrailingZeros(k);
      need.add(storedHashIndex(level, lo >> level));
      lo += k;
    }
  }

  static int subTreeCount(long lo, long hi) {
    int count = 0;
    while (lo < hi) {
      lo += Long.highestOneBit(hi - lo);
      count++;
    }
    return count;
  }

  /** Folds hashes[from, to) right to left with node(). */
  static Hash fold(List<Hash> hashes, int from, int to) {
    Hash h = hashes.get(to - 1);
    for (int i = to - 2; i >= from; i--) {
      h = Hash.ofNode(hashes.get(i), h);
    }
    return h;
  }

  static long[] toArray(List<Long> list) {
    long[] a = new long[list.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = list.get(i);
    }
    return a;
  }
}
