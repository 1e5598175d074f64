package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.GoBase64;
import io.github.goproxy4j.internal.NoteKeys;
import java.util.Arrays;
import java.util.Objects;

/**
 * A checksum-database verifier key in the {@code name+hash+base64key} format of
 * golang.org/x/mod {@code sumdb/note}, parsed and hash-checked exactly as
 * {@code note.NewVerifier} does.
 *
 * <pre>{@code
 * VerifierKey key = VerifierKey.parse(
 *     "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
 * key.name();            // "sum.golang.org"
 * key.keyHash();         // 0x033de0ae
 * key.publicKeyBytes();  // the 32-byte Ed25519 public key
 * }</pre>
 *
 * <p>Rules (checked in Go's order): the string is cut at the first {@code +} (name) and the next
 * {@code +} (hash); the hash is exactly 8 hex digits (either case); the key is standard, padded
 * base64 (CR and LF inside it are skipped, as Go's decoder does); the name is non-empty, has no
 * {@code +} and no Go {@code unicode.IsSpace} rune; a failure there is
 * {@code malformed verifier id}. Then the hash must equal the first 4 bytes (big-endian) of
 * SHA-256(name + "\n" + keyBytes) ({@code invalid verifier hash}), the first key byte must be 1
 * = Ed25519 ({@code unknown verifier algorithm}) and 32 bytes must follow
 * ({@code malformed verifier id}).
 *
 * <p>Instances are immutable; {@code equals} compares name and key bytes.
 */
public final class VerifierKey {
  /** The only algorithm Go defines: Ed25519. */
  public static final int ALGORITHM_ED25519 = 1;

  private final String name;
  private final int keyHash;
  private final byte[] publicKey;

  private VerifierKey(String name, int keyHash, byte[] publicKey) {
    this.name = name;
    this.keyHash = keyHash;
    this.publicKey = publicKey;
  }

  /**
   * Parses a verifier key string as {@code note.NewVerifier} does.
   *
   * @param key the {@code name+hash+base64key} string; {@code null} is rejected as invalid, with the exception below
   * @return the key
   * @throws InvalidVerifierKeyException with Go's text when the key is rejected
   */
  public static VerifierKey parse(String key) {
    if (key == null) {
      throw new InvalidVerifierKeyException(InvalidVerifierKeyException.MALFORMED, "null");
    }
    int p1 = key.indexOf('+');
    String name = p1 < 0 ? key : key.substring(0, p1);
    String rest = p1 < 0 ? "" : key.substring(p1 + 1);
    int p2 = rest.indexOf('+');
    String hash16 = p2 < 0 ? rest : rest.substring(0, p2);
    String key64 = p2 < 0 ? "" : rest.substring(p2 + 1);
    long hash = NoteKeys.parseHash(hash16);
    byte[] bytes = GoBase64.decode(key64).orElse(null);
    if (hash < 0 || bytes == null || !NoteKeys.isValidName(name) || bytes.length == 0) {
      throw new InvalidVerifierKeyException(InvalidVerifierKeyException.MALFORMED, key);
    }
    if ((int) hash != NoteKeys.keyHash(name, bytes)) {
      throw new InvalidVerifierKeyException(InvalidVerifierKeyException.INVALID_HASH, key);
    }
    if (bytes[0] != ALGORITHM_ED25519) {
      throw new InvalidVerifierKeyException(InvalidVerifierKeyException.UNKNOWN_ALGORITHM, key);
    }
    if (bytes.length != 33) {
      throw new InvalidVerifierKeyException(InvalidVerifierKeyException.MALFORMED, key);
    }
    return new VerifierKey(name, (int) hash, Arrays.copyOfRange(bytes, 1, 33));
  }

  /**
   * Makes the verifier key for an Ed25519 public key (as {@code note.NewEd25519VerifierKey}).
   *
   * @param name the key name (rules as in {@link #parse(String)});
   *     {@code null} is rejected as invalid, with the exception below
   * @param ed25519PublicKey the 32-byte public key
   * @return the key
   * @throws InvalidVerifierKeyException if the name or key length is invalid
   */
  public static VerifierKey of(String name, byte[] ed25519PublicKey) {
    Objects.requireNonNull(ed25519PublicKey, "ed25519PublicKey");
    if (name == null || !NoteKeys.isValidName(name) || ed25519PublicKey.length != 32) {
      throw new InvalidVerifierKeyException(
          InvalidVerifierKeyException.MALFORMED, String.valueOf(name));
    }
    byte[] bytes = new byte[33];
    bytes[0] = ALGORITHM_ED25519;
    System.arraycopy(ed25519PublicKey, 0, bytes, 1, 32);
    return new VerifierKey(name, NoteKeys.keyHash(name, bytes), Arrays.copyOfRange(bytes, 1, 33));
  }

  /**
   * Returns whether the string would be accepted by {@link #parse(String)}.
   *
   * @param key a candidate key string, may be {@code null}
   * @return true if valid
   */
  public static boolean isValid(String key) {
    try {
      parse(key);
      return true;
    } catch (InvalidVerifierKeyException e) {
      return false;
    }
  }

  /**
   * Returns the key name, for example {@code sum.golang.org}.
   *
   * @return the name (also the checksum database's name)
   */
  public String name() {
    return name;
  }

  /**
   * Returns the key hash: the first 4 bytes of SHA-256(name + "\n" + 0x01 + key), big-endian.
   *
   * @return the hash as an int (compare unsigned; see {@link #keyHashUnsigned()})
   */
  public int keyHash() {
    return keyHash;
  }

  /**
   * Returns the key hash as an unsigned value.
   *
   * @return the hash in {@code [0, 2^32)}
   */
  public long keyHashUnsigned() {
    return Integer.toUnsignedLong(keyHash);
  }

  /**
   * Returns the signature algorithm byte.
   *
   * @return always {@link #ALGORITHM_ED25519}
   */
  public int algorithm() {
    return ALGORITHM_ED25519;
  }

  /**
   * Returns the raw Ed25519 public key.
   *
   * @return a fresh copy of the 32 key bytes (without the algorithm byte)
   */
  public byte[] publicKeyBytes() {
    return publicKey.clone();
  }

  /**
   * Returns the key in {@code name+hash+base64key} form (lower-case hash, padded base64).
   *
   * @return the key string
   */
  @Override
  public String toString() {
    byte[] bytes = new byte[33];
    bytes[0] = ALGORITHM_ED25519;
    System.arraycopy(publicKey, 0, bytes, 1, 32);
    return name + "+" + String.format("%08x", keyHash) + "+"
        + GoBase64.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifierKey
        && ((VerifierKey) o).name.equals(name)
        && Arrays.equals(((VerifierKey) o).publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(publicKey);
  }
}
