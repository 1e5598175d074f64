package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.GoQuote;

/**
 * A verifier key string ({@code name+hash+base64key}) was rejected, for the same reason
 * golang.org/x/mod's {@code note.NewVerifier} rejects it.
 *
 * <p>{@link #goMessage()} is Go's text exactly ({@code malformed verifier id},
 * {@code invalid verifier hash} or {@code unknown verifier algorithm}); {@link #getMessage()}
 * adds the rejected input (keys are public, so this leaks nothing).
 */
public final class InvalidVerifierKeyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Go's text for a syntax error, a bad name or a wrong key length. */
  public static final String MALFORMED = "malformed verifier id";
  /** Go's text when the key hash does not match the name and key. */
  public static final String INVALID_HASH = "invalid verifier hash";
  /** Go's text when the algorithm byte is not 1 (Ed25519). */
  public static final String UNKNOWN_ALGORITHM = "unknown verifier algorithm";

  private final String goMessage;

  InvalidVerifierKeyException(String goMessage, String input) {
    super(goMessage + ": " + GoQuote.quoteCut(input));
    this.goMessage = goMessage;
  }

  /**
   * Returns Go's error text, without the input.
   *
   * @return {@link #MALFORMED}, {@link #INVALID_HASH} or {@link #UNKNOWN_ALGORITHM}
   */
  public String goMessage() {
    return goMessage;
  }
}
