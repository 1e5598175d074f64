package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import java.util.List;

/**
 * A proxy failed in a way that is not "not found": a status other than 200, 404 and 410, a
 * connection refused or reset, a timeout, a truncated or oversized body, or a response the go
 * command would reject (malformed JSON, the wrong version in {@code .info}, the wrong module in
 * go.mod, a zip with unexpected files). Under a {@code ,} separator such a failure stops the
 * walk, as in go; under {@code |} the next proxy is tried first.
 *
 * <pre>{@code
 * try {
 *   client.versions(ModulePath.parse("example.com/m"));
 * } catch (ProxyUnavailableException e) {
 *   e.attempts().forEach(a -> System.err.println(a.url() + ": " + a.outcome()));
 * }
 * }</pre>
 */
public class ProxyUnavailableException extends GoProxyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the go command's message
   * @param cause the underlying failure, or {@code null}
   * @param attempts the requests made, in order
   */
  public ProxyUnavailableException(
      String message, Throwable cause, List<GoProxyException.Attempt> attempts) {
    super(message, cause, attempts);
  }
}
