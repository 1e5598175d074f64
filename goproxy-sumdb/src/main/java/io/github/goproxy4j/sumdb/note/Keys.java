package io.github.goproxy4j.sumdb.note;

import io.github.goproxy4j.internal.GoUnicode;
import io.github.goproxy4j.internal.GoUtf8;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Key names and key hashes, as x/mod's {@code note}. */
final class Keys {
  static final byte ALG_ED25519 = 1;

  private Keys() {}

  /** Go's isValidName: non-empty, valid UTF-8, no Go white space, no '+'. */
  static boolean isValidName(String name) {
    if (name == null || name.isEmpty() || !GoUtf8.validString(name) || name.indexOf('+') >= 0) {
      return false;
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (GoUnicode.isSpace(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /** First 4 bytes (big-endian) of SHA-256(name || "\n" || 0x01 || publicKey). */
  static int keyHash(String name, byte[] publicKey) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(name.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n');
      md.update(ALG_ED25519);
      md.update(publicKey);
      return ByteBuffer.wrap(md.digest()).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  /** Go's strconv.ParseUint(s, 16, 32) for an 8-character string; -1 on error. */
  static long parseHex8(String s) {
    if (s.length() != 8) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      char c = s.charAt(i);
      int d = c >= '0' && c <= '9' ? c - '0'
          : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
