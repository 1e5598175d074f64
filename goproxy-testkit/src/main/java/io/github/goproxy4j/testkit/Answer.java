package io.github.goproxy4j.testkit;

import io.github.goproxy4j.internal.StatusText;
import java.nio.charset.StandardCharsets;

/** A response before faults are applied: status, content type, body. */
record Answer(int status, String contentType, byte[] body) {
  static final String TEXT = "text/plain; charset=utf-8";

  static Answer ok(String contentType, byte[] body) {
    return new Answer(200, contentType, body);
  }

  /**
   * The status line Go's net/http server writes: {@code HTTP/1.1 503 Service Unavailable}, or
   * {@code HTTP/1.1 599 status code 599} for a code without a standard text.
   */
  static String statusLine(int code) {
    return "HTTP/1.1 " + StatusText.line(code);
  }

  static Answer text(int status, String text) {
    return new Answer(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }
}
