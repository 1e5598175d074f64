package io.github.goproxy4j.env;

/**
 * A Go setting is invalid (for example a malformed {@code GOPROXY} or {@code GOSUMDB}).
 *
 * <p>Unchecked: it is a configuration error, raised at first use as the go command does, with
 * Go's message text (for example {@code invalid proxy URL missing scheme: example.com}).
 */
public class GoEnvException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message Go's message text
   */
  public GoEnvException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message Go's message text
   * @param cause the underlying problem
   */
  public GoEnvException(String message, Throwable cause) {
    super(message, cause);
  }
}
