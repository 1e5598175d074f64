package io.github.goproxy4j.client;

import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.internal.HttpError;
import io.github.goproxy4j.internal.StatusText;

/**
 * Go's view of an HTTP answer ({@code cmd/go/internal/web}): the status line as net/http shows
 * it, and the {@code reading <url>: <status>} message with the {@code server response:} detail
 * taken from short {@code text/plain} bodies.
 */
final class HttpStatus {
  private HttpStatus() {}

  /** The status as Go prints it: {@code "404 Not Found"}. */
  static String line(int status) {
    return StatusText.line(status);
  }

  static boolean isNotFound(int status) {
    return status == 404 || status == 410;
  }

  /**
   * Builds Go's message for a non-200 answer and consumes the body as needed.
   *
   * @param redactedUrl the request URL without credentials
   * @param response the answer
   * @return {@code reading <url>: <status>[\n\tserver response:…]}
   */
  static String message(String redactedUrl, Transport.Response response) {
    return HttpError.message(redactedUrl, response);
  }
}
