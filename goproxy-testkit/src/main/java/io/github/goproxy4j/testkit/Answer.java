package io.github.goproxy4j.testkit;

import io.github.goproxy4j.internal.StatusText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A response before faults are applied: status, content type, and a body either in memory or,
 * for a zip served from disk, in a file that is streamed when the response is written (a
 * 400 MB zip is never held in memory whole).
 *
 * @param status the status code
 * @param contentType the Content-Type
 * @param body the body, or null when {@code file} holds it
 * @param file the file holding the body, or null
 */
record Answer(int status, String contentType, byte[] body, Path file) {
  static final String TEXT = "text/plain; charset=utf-8";

  Answer(int status, String contentType, byte[] body) {
    this(status, contentType, body, null);
  }

  static Answer ok(String contentType, byte[] body) {
    return new Answer(200, contentType, body);
  }

  static Answer okFile(String contentType, Path file) {
    return new Answer(200, contentType, null, file);
  }

  /** This answer with its body in memory (read from its file, if it has one). */
  Answer inMemory() throws IOException {
    return file == null ? this : new Answer(status, contentType, Files.readAllBytes(file));
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
