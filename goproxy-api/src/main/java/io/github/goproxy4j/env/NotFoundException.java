package io.github.goproxy4j.env;

import java.util.List;

/**
 * A not-found answer in Go's sense ({@code errors.Is(err, fs.ErrNotExist)}): an HTTP 404 or
 * 410 from a proxy, a missing file under a {@code file://} proxy, {@code GOPROXY=off}, or a
 * direct-mode "unknown revision". On a {@code ,} GOPROXY list only these let the go command move
 * on to the next entry (see {@link ProxyWalk}).
 *
 * <pre>{@code
 * if (status == 404 || status == 410) {
 *   throw new NotFoundException("reading " + url + ": " + status + " Not Found");
 * }
 * }</pre>
 */
public class NotFoundException extends GoProxyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message Go's message text
   */
  public NotFoundException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message Go's message text
   * @param cause the underlying failure, or null
   */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the attempts that led to it.
   *
   * @param message Go's message text
   * @param cause the underlying failure, or null
   * @param attempts the requests made, in order
   */
  public NotFoundException(String message, Throwable cause, List<Attempt> attempts) {
    super(message, cause, attempts);
  }
}
