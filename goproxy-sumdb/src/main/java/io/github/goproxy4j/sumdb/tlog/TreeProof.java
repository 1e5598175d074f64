package io.github.goproxy4j.sumdb.tlog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 6962 consistency proof: the hashes that show the tree of size {@code n} is a prefix of
 * the tree of size {@code t}, as x/mod's {@code tlog.TreeProof}.
 *
 * <pre>{@code
 * TreeProof p = TreeProof.prove(newSize, oldSize, hashReader);
 * p.check(newSize, newHash, oldSize, oldHash);   // throws TlogException if not
 * }</pre>
 *
 * @param hashes the proof hashes
 */
public record TreeProof(List<Hash> hashes) {
  /**
   * Copies the list.
   *
   * @param hashes the proof hashes
   */
  public TreeProof {
    hashes = List.copyOf(Objects.requireNonNull(hashes, "hashes"));
  }

  /**
   * Builds the proof that the tree of size {@code n} is a prefix of the tree of size {@code t}.
   *
   * @param t the larger tree size
   * @param n the smaller tree size, 1 ≤ n ≤ t
   * @param reader reads stored hashes of a tree of size ≥ t
   * @return the proof
   * @throws IOException if the reader fails
   * @throws TlogFormatException {@code tlog: invalid inputs in ProveTree}
   */
  public static TreeProof prove(long t, long n, HashReader reader) throws IOException {
    Objects.requireNonNull(reader, "reader");
    if (t < 1 || n < 1 || n > t) {
      throw new TlogFormatException("tlog: invalid inputs in ProveTree");
    }
    List<Long> need = new ArrayList<>();
    indexes(0, t, n, need);
    if (need.isEmpty()) {
      return new TreeProof(List.of());
    }
    List<Hash> hashes = Tlog.read(reader, Tlog.toArray(need));
    List<Hash> proof = new ArrayList<>();
    int used = build(0, t, n, hashes, 0, proof);
    if (used != hashes.size()) {
      throw new IllegalStateException("tlog: bad index math in ProveTree");
    }
    return new TreeProof(proof);
  }

  private static void indexes(long lo, long hi, long n, List<Long> need) {
    if (n == hi) {
      if (lo != 0) {
        Tlog.addSubTreeIndex(lo, hi, need);
      }
      return;
    }
    long k = Tlog.maxPow2Below(hi - lo);
    if (n <= lo + k) {
      indexes(lo, lo + k, n, need);
      Tlog.addSubTreeIndex(lo + k, hi, need);
    } else {
      Tlog.addSubTreeIndex(lo, lo + k, need);
      indexes(lo + k, hi, n, need);
    }
  }

  private static int build(long lo, long hi, long n, List<Hash> hashes, int pos, List<Hash> out) {
    if (n == hi) {
      if (lo == 0) {
        return pos;
      }
      int c = Tlog.subTreeCount(lo, hi);
      out.add(Tlog.fold(hashes, pos, pos + c));
      return pos + c;
    }
    long k = Tlog.maxPow2Below(hi - lo);
    Hash th;
    if (n <= lo + k) {
      pos = build(lo, lo + k, n, hashes, pos, out);
      int c = Tlog.subTreeCount(lo + k, hi);
      th = Tlog.fold(hashes, pos, pos + c);
      pos += c;
    } else {
      int c = Tlog.subTreeCount(lo, lo + k);
      th = Tlog.fold(hashes, pos, pos + c);
      pos += c;
      pos = build(lo + k, hi, n, hashes, pos, out);
    }
    out.add(th);
    return pos;
  }

  /**
   * Checks that this proof shows the tree of size {@code n} with root {@code oldHash} is a prefix
   * of the tree of size {@code t} with root {@code treeHash}.
   *
   * @param t the larger tree size
   * @param treeHash its root hash
   * @param n the smaller tree size
   * @param oldHash its root hash
   * @throws TlogException {@code invalid transparency proof}
   * @throws TlogFormatException {@code tlog: invalid inputs in CheckTree}
   */
  public void check(long t, Hash treeHash, long n, Hash oldHash) throws TlogException {
    if (t < 1 || n < 1 || n > t) {
      throw new TlogFormatException("tlog: invalid inputs in CheckTree");
    }
    Objects.requireNonNull(treeHash, "treeHash");
    Objects.requireNonNull(oldHash, "oldHash");
    Hash[] r = run(hashes.size(), 0, t, n, oldHash);
    if (r == null || !r[1].equals(treeHash) || !r[0].equals(oldHash)) {
      throw new TlogException("invalid transparency proof");
    }
  }

  /** Returns {oldHash, newHash} for the first len proof hashes over [lo,hi), or null. */
  private Hash[] run(int len, long lo, long hi, long n, Hash old) {
    if (n == hi) {
      if (lo == 0) {
        return len == 0 ? new Hash[] {old, old} : null;
      }
      return len == 1 ? new Hash[] {hashes.get(0), hashes.get(0)} : null;
    }
    if (len == 0) {
      return null;
    }
    long k = Tlog.maxPow2Below(hi - lo);
    Hash last = hashes.get(len - 1);
    if (n <= lo + k) {
      Hash[] r = run(len - 1, lo, lo + k, n, old);
      return r == null ? null : new Hash[] {r[0], Hash.ofNode(r[1], last)};
    }
    Hash[] r = run(len - 1, lo + k, hi, n, old);
    return r == null ? null : new Hash[] {Hash.ofNode(last, r[0]), Hash.ofNode(last, r[1])};
  }
}
