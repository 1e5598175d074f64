package io.github.goproxy4j.sumdb.tlog;

import io.github.goproxy4j.internal.GoBase64;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.zip.internal.DirHash;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A 32-byte SHA-256 hash in a transparency log: a record (leaf) hash, an interior node hash or a
 * tree root, as in x/mod's {@code tlog.Hash}. Its text form is standard padded base64.
 *
 * <pre>{@code
 * Hash leaf = Hash.ofRecord("hello world".getBytes(UTF_8));
 * Hash root = Hash.ofNode(leaf, leaf);
 * Hash same = Hash.parse(root.toString());
 * }</pre>
 */
public final class Hash {
  /** The size of a hash in bytes. */
  public static final int SIZE = 32;

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps 32 bytes (copied).
   *
   * @param bytes exactly {@link #SIZE} bytes
   * @return the hash
   * @throws TlogFormatException if the length is wrong
   */
  public static Hash of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != SIZE) {
      throw new TlogFormatException("malformed hash: " + bytes.length + " bytes, want " + SIZE);
    }
    return new Hash(bytes.clone());
  }

  /**
   * Reads the hash at {@code offset} of {@code data}.
   *
   * @param data bytes
   * @param offset where the 32 bytes start
   * @return the hash
   */
  public static Hash of(byte[] data, int offset) {
    Objects.requireNonNull(data, "data");
    if (offset < 0 || offset > data.length - SIZE) {
      throw new TlogFormatException("malformed hash: offset " + offset + " in " + data.length + " bytes");
    }
    return new Hash(Arrays.copyOfRange(data, offset, offset + SIZE));
  }

  /**
   * Parses the base64 form, as x/mod's {@code tlog.ParseHash} (padding required).
   *
   * @param s 44 characters of standard base64;
   *     {@code null} is rejected as malformed, with the exception below
   * @return the hash
   * @throws TlogFormatException {@code malformed hash} naming the input
   */
  public static Hash parse(String s) {
    byte[] b = GoBase64.decode(s).orElse(null);
    if (b == null || b.length != SIZE) {
      throw new TlogFormatException("malformed hash " + GoQuote.quoteCut(s));
    }
    return new Hash(b);
  }

  /**
   * The RFC 6962 leaf hash of a record: SHA-256(0x00 || data).
   *
   * @param data the record text
   * @return the record hash
   */
  public static Hash ofRecord(byte[] data) {
    Objects.requireNonNull(data, "data");
    MessageDigest md = sha256();
    md.update((byte) 0);
    md.update(data);
    return new Hash(md.digest());
  }

  /**
   * The RFC 6962 interior node hash: SHA-256(0x01 || left || right).
   *
   * @param left the left child
   * @param right the right child
   * @return the node hash
   */
  public static Hash ofNode(Hash left, Hash right) {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    MessageDigest md = sha256();
    md.update((byte) 1);
    md.update(left.bytes);
    md.update(right.bytes);
    return new Hash(md.digest());
  }

  /** The hash of the empty tree: SHA-256 of no bytes (x/mod since v0.19.0). */
  public static final Hash EMPTY_TREE = new Hash(sha256().digest());

  /** A fresh SHA-256 digest (the shared prototype copy: no provider look-up per tree hash). */
  static MessageDigest sha256() {
    return DirHash.sha256();
  }

  /** {@return a copy of the 32 bytes} */
  public byte[] bytes() {
    return bytes.clone();
  }

  void copyTo(byte[] dst, int offset) {
    System.arraycopy(bytes, 0, dst, offset, SIZE);
  }

  byte[] raw() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash && MessageDigest.isEqual(bytes, ((Hash) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** {@return the standard padded base64 form} */
  @Override
  public String toString() {
    return GoBase64.encode(bytes);
  }
}
