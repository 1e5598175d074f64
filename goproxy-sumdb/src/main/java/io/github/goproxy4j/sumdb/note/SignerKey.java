package io.github.goproxy4j.sumdb.note;

import io.github.goproxy4j.env.VerifierKey;
import io.github.goproxy4j.internal.GoBase64;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.NoteKeys;
import io.github.goproxy4j.sumdb.internal.Ed25519;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * An Ed25519 signer key in Go's format {@code PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>},
 * as x/mod's {@code note.NewSigner} and {@code GenerateKey}. Used to sign notes, for example by a
 * test checksum database. {@link #toString()} never shows the private key.
 *
 * <pre>{@code
 * SignerKey signer = SignerKey.generate("example.com/sumdb");
 * VerifierKey verifier = signer.verifierKey();       // give this to clients
 * String signed = Note.sign("go.sum database tree\n0\n...\n", signer);
 * }</pre>
 */
public final class SignerKey {
  private final String name;
  private final int keyHash;
  private final byte[] seed;
  private final byte[] publicKey;

  private SignerKey(String name, byte[] seed, byte[] publicKey) {
    this.name = name;
    this.seed = seed;
    this.publicKey = publicKey;
    byte[] algAndKey = new byte[1 + publicKey.length];
    algAndKey[0] = NoteKeys.ALG_ED25519;
    System.arraycopy(publicKey, 0, algAndKey, 1, publicKey.length);
    this.keyHash = NoteKeys.keyHash(name, algAndKey);
  }

  /**
   * Parses a signer key string, with Go's checks and error texts (which, as in Go, speak of a
   * "verifier"): {@code malformed verifier id}, {@code unknown verifier algorithm},
   * {@code invalid verifier hash}.
   *
   * @param skey {@code PRIVATE+KEY+name+hash+base64};
   *     {@code null} is rejected as malformed, with the exception below
   * @return the key
   * @throws NoteException with reason {@link NoteException.Reason#MALFORMED_KEY}
   */
  public static SignerKey parse(String skey) {
    if (skey == null) {
      throw bad("malformed verifier id", "null key");
    }
    String[] p = chop(skey);
    String priv1 = p[0];
    p = chop(p[1]);
    String priv2 = p[0];
    p = chop(p[1]);
    String name = p[0];
    p = chop(p[1]);
    String hash16 = p[0];
    long hash = NoteKeys.parseHash(hash16);
    byte[] key = GoBase64.decode(p[1]).orElse(null);
    if (!priv1.equals("PRIVATE") || !priv2.equals("KEY") || hash < 0 || key == null
        || !NoteKeys.isValidName(name) || key.length == 0) {
      throw bad("malformed verifier id", "not PRIVATE+KEY+<name>+<8 hex digits>+<base64>");
    }
    if (key[0] != NoteKeys.ALG_ED25519) {
      throw bad("unknown verifier algorithm", "algorithm " + (key[0] & 0xff) + " for key " + name);
    }
    if (key.length != 1 + Ed25519.KEY_SIZE) {
      throw bad("malformed verifier id", "key for " + name + " is " + (key.length - 1) + " bytes, want 32");
    }
    byte[] seed = Arrays.copyOfRange(key, 1, key.length);
    Arrays.fill(key, (byte) 0);
    SignerKey k = new SignerKey(name, seed, Ed25519.publicKeyOfSeed(seed));
    if (k.keyHash != (int) hash) {
      throw bad("invalid verifier hash", "key for " + name + " has hash " + k.keyHashHex() + ", not " + hash16);
    }
    return k;
  }

  private static NoteException bad(String go, String detail) {
    return new NoteException(NoteException.Reason.MALFORMED_KEY, go, detail, null);
  }

  private static String[] chop(String s) {
    int i = s.indexOf('+');
    return i < 0 ? new String[] {s, ""} : new String[] {s.substring(0, i), s.substring(i + 1)};
  }

  /**
   * Generates a new key with a strong random seed.
   *
   * @param name the key name (often the database's host name);
   *     {@code null} is rejected as malformed, with the exception below
   * @return the key
   * @throws NoteException {@code invalid signer} if the name is not valid
   */
  public static SignerKey generate(String name) {
    return generate(name, new SecureRandom());
  }

  /**
   * Generates a new key from the given randomness (32 bytes are drawn).
   *
   * @param name the key name; {@code null} is rejected as malformed, with the exception below
   * @param random the randomness
   * @return the key
   * @throws NoteException {@code invalid signer} if the name is not valid
   */
  public static SignerKey generate(String name, SecureRandom random) {
    if (!NoteKeys.isValidName(name)) {
      throw new NoteException(NoteException.Reason.INVALID_SIGNER, "invalid signer",
          "name " + GoQuote.quoteCut(name), null);
    }
    byte[] seed = Ed25519.newSeed(Objects.requireNonNull(random, "random"));
    return new SignerKey(name, seed, Ed25519.publicKeyOfSeed(seed));
  }

  /** {@return the key name} */
  public String name() {
    return name;
  }

  /** {@return the key hash (of the public key)} */
  public int keyHash() {
    return keyHash;
  }

  /** {@return the key hash as 8 lower-case hex digits} */
  public String keyHashHex() {
    return String.format("%08x", keyHash);
  }

  /** {@return a copy of the 32-byte Ed25519 public key} */
  public byte[] publicKeyBytes() {
    return publicKey.clone();
  }

  /**
   * Returns the matching verifier key ({@code name+hash+base64(0x01 || public key)}).
   *
   * @return the verifier key
   */
  public VerifierKey verifierKey() {
    return VerifierKey.of(name, publicKey);
  }

  /**
   * Returns the secret key string {@code PRIVATE+KEY+name+hash+base64}. Handle it as a secret.
   *
   * @return the encoded signer key
   */
  public String encoded() {
    byte[] k = new byte[1 + Ed25519.KEY_SIZE];
    k[0] = NoteKeys.ALG_ED25519;
    System.arraycopy(seed, 0, k, 1, Ed25519.KEY_SIZE);
    return "PRIVATE+KEY+" + name + "+" + keyHashHex() + "+" + GoBase64.encode(k);
  }

  /**
   * Signs bytes with this key.
   *
   * @param message the bytes
   * @return the 64-byte Ed25519 signature
   */
  public byte[] sign(byte[] message) {
    Objects.requireNonNull(message, "message");
    return Ed25519.sign(seed, message);
  }

  /** {@return the key name and hash only; never the private key} */
  @Override
  public String toString() {
    return "SignerKey[" + name + "+" + keyHashHex() + ", private key hidden]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignerKey && ((SignerKey) o).name.equals(name)
        && Arrays.equals(((SignerKey) o).publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(publicKey);
  }
}
