package io.github.goproxy4j.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The key rules of x/mod's {@code sumdb/note} shared by verifier keys (goproxy-api's
 * {@code VerifierKey}) and signer keys and signatures (goproxy-sumdb's {@code note} package): key
 * names, the 8-hex-digit key hash field and the key hash itself. Exported only to the other
 * goproxy4j modules; not API.
 */
public final class NoteKeys {
  /** The only signature algorithm x/mod defines: Ed25519. */
  public static final byte ALG_ED25519 = 1;

  private NoteKeys() {}

  /**
   * x/mod's {@code isValidName}: non-empty, valid UTF-8, no Go white space and no {@code +}.
   *
   * @param name a key name; {@code null} is not valid
   * @return whether x/mod accepts it
   */
  public static boolean isValidName(String name) {
    if (name == null || name.isEmpty() || name.indexOf('+') >= 0 || !GoUtf8.validString(name)) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      // Every rune Go counts as space is in the BMP.
      if (GoUnicode.isSpace(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The key hash: the first 4 bytes, big-endian, of SHA-256(name + "\n" + key), where the key
   * starts with its algorithm byte (x/mod's {@code keyHash}).
   *
   * @param name the key name
   * @param algorithmAndKey the algorithm byte followed by the public key
   * @return the hash (compare unsigned)
   */
  public static int keyHash(String name, byte[] algorithmAndKey) {
    MessageDigest sha = io.github.goproxy4j.zip.internal.DirHash.sha256();
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
    sha.update(algorithmAndKey);
    byte[] sum = sha.digest();
    return ((sum[0] & 0xFF) << 24) | ((sum[1] & 0xFF) << 16) | ((sum[2] & 0xFF) << 8)
        | (sum[3] & 0xFF);
  }

  /**
   * The key hash field as x/mod reads it: {@code strconv.ParseUint(s, 16, 32)} of exactly 8 hex
   * digits (either case).
   *
   * @param s the field
   * @return the value in {@code [0, 2^32)}, or -1 when x/mod rejects the field
   */
  public static long parseHash(String s) {
    if (s.length() != 8) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      char c = s.charAt(i);
      int d = HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
      if (d < 0) {
        return -1;
      }
      v = v << 4 | d;
    }
    return v;
  }
}
