package io.github.goproxy4j.sumdb.note;

import java.util.Objects;

/**
 * One signature line of a note: {@code — <name> <base64>}, where the base64 decodes to the
 * 4-byte key hash followed by the signature, as x/mod's {@code note.Signature}.
 *
 * <pre>{@code
 * for (Signature s : note.signatures()) {
 *   System.out.println(s.name() + "+" + s.keyHashHex());
 * }
 * }</pre>
 *
 * @param name the signer's key name
 * @param keyHash the signer's key hash
 * @param base64 the signature as written (key hash and signature bytes, base64)
 */
public record Signature(String name, int keyHash, String base64) {
  /**
   * Validates the components.
   *
   * @param name the key name
   * @param keyHash the key hash
   * @param base64 the encoded signature
   */
  public Signature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(base64, "base64");
  }

  /** {@return the key hash as 8 lower-case hex digits} */
  public String keyHashHex() {
    return String.format("%08x", keyHash);
  }

  /** {@return {@code name+hash}, as Go names keys in messages} */
  public String keyId() {
    return name + "+" + keyHashHex();
  }
}
