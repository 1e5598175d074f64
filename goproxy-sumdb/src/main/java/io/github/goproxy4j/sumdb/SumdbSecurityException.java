package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.env.GoProxyException;

/**
 * The checksum database has been caught misbehaving: two correctly signed tree heads that cannot
 * both be true (a fork, or a smaller tree that is not a prefix of a larger one). The message
 * always starts with {@code SECURITY ERROR} and explains what was seen. Such a failure is never
 * downgraded or retried away.
 *
 * <pre>{@code
 * try {
 *   db.lookup(mv);
 * } catch (SumdbSecurityException e) {
 *   alertOperators(e.getMessage());   // "SECURITY ERROR\n..."
 * }
 * }</pre>
 */
public class SumdbSecurityException extends GoProxyException {
  private static final long serialVersionUID = 1L;

  /** The prefix of every message. */
  public static final String PREFIX = "SECURITY ERROR";

  /**
   * Creates the exception; {@code "SECURITY ERROR"} and a newline are prepended unless the message
   * already starts with it.
   *
   * @param message what was seen
   */
  public SumdbSecurityException(String message) {
    this(message, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was seen
   * @param cause the underlying failure, or null
   */
  public SumdbSecurityException(String message, Throwable cause) {
    super(prefixed(message), cause);
  }

  private static String prefixed(String message) {
    String m = message == null ? "" : message;
    return m.startsWith(PREFIX) ? m : PREFIX + "\n" + m;
  }
}
