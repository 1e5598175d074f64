package io.github.goproxy4j.internal;

import java.util.Base64;
import java.util.Optional;

/**
 * Go's {@code base64.StdEncoding}. {@link Base64#getDecoder()} alone cannot match it: Java accepts
 * missing padding and rejects {@code \r}/{@code \n}, Go requires padding and skips line breaks.
 * Exported only to the other goproxy4j modules; not API.
 */
public final class GoBase64 {
  private GoBase64() {}

  /**
   * Decodes standard base64 as Go's {@code base64.StdEncoding.DecodeString} does: padding is
   * required, {@code \r} and {@code \n} are skipped, anything else outside the alphabet fails.
   *
   * @param s the text
   * @return the bytes, or empty when Go would report an error
   */
  public static Optional<byte[]> decode(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String t = s;
    if (t.indexOf('\r') >= 0 || t.indexOf('\n') >= 0) {
      t = t.replace("\r", "").replace("\n", "");
    }
    if (t.length() % 4 != 0) {
      return Optional.empty();
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=';
      if (!ok) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Base64.getDecoder().decode(t));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Encodes standard padded base64.
   *
   * @param b the bytes
   * @return the text
   */
  public static String encode(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
