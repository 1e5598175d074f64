package io.github.goproxy4j.sumdb.tlog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 6962 inclusion proof: the hashes that show record {@code n} is in a tree of size
 * {@code t}, listed from the leaf level upward, as x/mod's {@code tlog.RecordProof}.
 *
 * <pre>{@code
 * RecordProof p = RecordProof.prove(treeSize, n, hashReader);
 * p.check(treeSize, treeHash, n, Hash.ofRecord(recordText));   // throws TlogException if not
 * }</pre>
 *
 * @param hashes the proof hashes, leaf level first
 */
public record RecordProof(List<Hash> hashes) {
  /**
   * Copies the list.
   *
   * @param hashes the proof hashes
   */
  public RecordProof {
    hashes = List.copyOf(Objects.requireNonNull(hashes, "hashes"));
  }

  /**
   * Builds the proof that record {@code n} is in the tree of size {@code t}.
   *
   * @param t the tree size
   * @param n the record index, 0 ≤ n &lt; t
   * @param reader reads stored hashes of a tree of size ≥ t
   * @return the proof
   * @throws IOException if the reader fails
   * @throws TlogFormatException {@code tlog: invalid inputs in ProveRecord}
   */
  public static RecordProof prove(long t, long n, HashReader reader) throws IOException {
    Objects.requireNonNull(reader, "reader");
    if (t < 0 || n < 0 || n >= t) {
      throw new TlogFormatException("tlog: invalid inputs in ProveRecord");
    }
    List<Long> need = new ArrayList<>();
    indexes(0, t, n, need);
    if (need.isEmpty()) {
      return new RecordProof(List.of());
    }
    List<Hash> hashes = Tlog.read(reader, Tlog.toArray(need));
    List<Hash> proof = new ArrayList<>();
    int used = build(0, t, n, hashes, 0, proof);
    if (used != hashes.size()) {
      throw new IllegalStateException("tlog: bad index math in ProveRecord");
    }
    return new RecordProof(proof);
  }

  private static void indexes(long lo, long hi, long n, List<Long> need) {
    if (lo + 1 == hi) {
      return;
    }
    long k = Tlog.maxPow2Below(hi - lo);
    if (n < lo + k) {
      indexes(lo, lo + k, n, need);
      Tlog.addSubTreeIndex(lo + k, hi, need);
    } else {
      Tlog.addSubTreeIndex(lo, lo + k, need);
      indexes(lo + k, hi, n, need);
    }
  }

  /** Appends the proof for [lo,hi) to out, consuming hashes from pos; returns the new pos. */
  private static int build(long lo, long hi, long n, List<Hash> hashes, int pos, List<Hash> out) {
    if (lo + 1 == hi) {
      return pos;
    }
    long k = Tlog.maxPow2Below(hi - lo);
    Hash th;
    if (n < lo + k) {
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
   * Checks that this proof shows the record with hash {@code leaf} at index {@code n} in the
   * tree of size {@code t} with root {@code treeHash}.
   *
   * @param t the tree size
   * @param treeHash the tree's root hash
   * @param n the record index
   * @param leaf the record hash ({@link Hash#ofRecord})
   * @throws TlogException {@code invalid transparency proof}
   * @throws TlogFormatException {@code tlog: invalid inputs in CheckRecord}
   */
  public void check(long t, Hash treeHash, long n, Hash leaf) throws TlogException {
    if (t < 0 || n < 0 || n >= t) {
      throw new TlogFormatException("tlog: invalid inputs in CheckRecord");
    }
    Objects.requireNonNull(treeHash, "treeHash");
    Objects.requireNonNull(leaf, "leaf");
    Hash got = run(hashes.size(), 0, t, n, leaf);
    if (got == null || !got.equals(treeHash)) {
      throw new TlogException("invalid transparency proof");
    }
  }

  /** Evaluates the first len hashes of the proof over [lo,hi); null means the proof failed. */
  private Hash run(int len, long lo, long hi, long n, Hash leaf) {
    if (lo + 1 == hi) {
      return len == 0 ? leaf : null;
    }
    if (len == 0) {
      return null;
    }
    long k = Tlog.maxPow2Below(hi - lo);
    Hash last = hashes.get(len - 1);
    if (n < lo + k) {
      Hash th = run(len - 1, lo, lo + k, n, leaf);
      return th == null ? null : Hash.ofNode(th, last);
    }
    Hash th = run(len - 1, lo + k, hi, n, leaf);
    return th == null ? null : Hash.ofNode(last, th);
  }
}
