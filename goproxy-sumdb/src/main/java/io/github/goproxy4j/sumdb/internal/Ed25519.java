package io.github.goproxy4j.sumdb.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * Ed25519 with Go's 32-byte key encodings, on the JDK's provider.
 *
 * <p>A Go public key is the RFC 8032 encoding: the point's y coordinate, little-endian, with the
 * sign of x in the top bit of the last byte. The JDK's {@link EdECPoint} holds y as a
 * (big-endian) {@link BigInteger} and the x sign as a boolean, so the bytes are reversed and the
 * top bit moved. A Go private key string holds the 32-byte seed.
 */
public final class Ed25519 {
  /** Key and seed size in bytes. */
  public static final int KEY_SIZE = 32;
  /** Signature size in bytes. */
  public static final int SIGNATURE_SIZE = 64;

  private Ed25519() {}

  /**
   * Converts a 32-byte RFC 8032 public key to a JDK key.
   *
   * @param raw the encoded point
   * @return the key
   * @throws GeneralSecurityException if the JDK refuses it
   */
  public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    if (raw.length != KEY_SIZE) {
      throw new GeneralSecurityException("invalid public key size " + raw.length + ", expected 32");
    }
    byte[] be = new byte[KEY_SIZE];
    for (int i = 0; i < KEY_SIZE; i++) {
      be[i] = raw[KEY_SIZE - 1 - i];
    }
    boolean xOdd = (be[0] & 0x80) != 0;
    be[0] &= 0x7f;
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  /**
   * Converts a JDK public key to the 32-byte RFC 8032 encoding.
   *
   * @param key an Ed25519 key
   * @return the encoding
   */
  public static byte[] rawPublicKey(PublicKey key) {
    EdECPoint p = ((EdECPublicKey) key).getPoint();
    byte[] be = p.getY().toByteArray(); // big-endian, possibly with a leading 0 or shorter
    byte[] out = new byte[KEY_SIZE];
    for (int i = 0; i < KEY_SIZE && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    if (p.isXOdd()) {
      out[KEY_SIZE - 1] |= (byte) 0x80;
    }
    return out;
  }

  /**
   * Verifies a signature; any failure (bad key, bad encoding, wrong length) is {@code false}.
   *
   * @param publicKey the 32-byte public key
   * @param message the signed bytes
   * @param signature the 64-byte signature
   * @return whether it verifies
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != KEY_SIZE || signature.length != SIGNATURE_SIZE
        || (signature[63] & 0xe0) != 0) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey(publicKey));
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Signs a message with the key derived from a 32-byte seed (deterministic, as RFC 8032).
   *
   * @param seed the private seed
   * @param message the bytes to sign
   * @return the 64-byte signature
   */
  public static byte[] sign(byte[] seed, byte[] message) {
    try {
      PrivateKey key = KeyFactory.getInstance("Ed25519")
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * Derives the 32-byte public key of a seed.
   *
   * @param seed the private seed
   * @return the public key
   */
  public static byte[] publicKeyOfSeed(byte[] seed) {
    if (seed.length != KEY_SIZE) {
      throw new IllegalArgumentException("invalid seed size " + seed.length + ", expected 32");
    }
    // The JDK derives the public key only while generating a pair; feed it the seed as its
    // randomness (the generator draws exactly the 32 seed bytes).
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
      KeyPair pair = g.generateKeyPair();
      return rawPublicKey(pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 key derivation failed", e);
    }
  }

  /**
   * Generates a new seed.
   *
   * @param random the randomness
   * @return 32 random bytes
   */
  public static byte[] newSeed(SecureRandom random) {
    byte[] seed = new byte[KEY_SIZE];
    random.nextBytes(seed);
    return seed;
  }

  /** A "random" source that yields exactly the given bytes. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;
    private int pos;

    FixedRandom(byte[] bytes) {
      super(new byte[0]);
      this.bytes = bytes.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
      if (pos + out.length > bytes.length) {
        throw new IllegalStateException("Ed25519 key derivation drew more than the seed");
      }
      System.arraycopy(bytes, pos, out, 0, out.length);
      pos += out.length;
      Arrays.fill(bytes, 0, pos, (byte) 0);
    }
  }
}
