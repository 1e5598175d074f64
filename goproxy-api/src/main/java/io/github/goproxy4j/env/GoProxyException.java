package io.github.goproxy4j.env;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The base of every failure that involves fetching: a module that no proxy has, a proxy that
 * failed, a checksum that does not match. It records every attempt made, in order, so that a
 * caller can see which proxies were asked and what each answered.
 *
 * <pre>{@code
 * try {
 *   client.info(ModuleVersion.parse("example.com/m@v1.0.0"));
 * } catch (GoProxyException e) {
 *   e.attempts().forEach(a -> System.err.println(a.url() + " -> " + a.outcome()));
 * }
 * }</pre>
 *
 * <p>The message carries Go's text where Go has one. URLs in the message and in
 * {@link #attempts()} never contain credentials.
 */
public class GoProxyException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The attempts made, in order (an immutable list; transient data only). */
  @SuppressWarnings("serial") // List.copyOf results are serializable
  private final List<Attempt> attempts;

  /**
   * Creates the exception.
   *
   * @param message the message
   */
  public GoProxyException(String message) {
    this(message, null, List.of());
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message the message
   * @param cause the underlying failure, or null
   */
  public GoProxyException(String message, Throwable cause) {
    this(message, cause, List.of());
  }

  /**
   * Creates the exception with the attempts that led to it.
   *
   * @param message the message
   * @param cause the underlying failure, or null
   * @param attempts the requests made, in order
   */
  public GoProxyException(String message, Throwable cause, List<Attempt> attempts) {
    super(message, cause);
    this.attempts = List.copyOf(Objects.requireNonNull(attempts, "attempts"));
  }

  /**
   * Returns the requests made before this failure, in order.
   *
   * @return an immutable list, empty when no request was made
   */
  public List<Attempt> attempts() {
    return attempts;
  }

  /**
   * One request and what became of it.
   *
   * @param url the URL asked, without credentials ({@code "direct"} for version control)
   * @param status the HTTP status, or 0 when no answer was received
   * @param outcome a short description, for example {@code "404 Not Found"} or
   *     {@code "connection refused"}
   */
  public record Attempt(String url, int status, String outcome) {
    /**
     * Validates the components.
     *
     * @param url the URL asked
     * @param status the HTTP status or 0
     * @param outcome what happened
     */
    public Attempt {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
