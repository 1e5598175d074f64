package io.github.goproxy4j.testkit;

import java.nio.charset.StandardCharsets;

/** A response before faults are applied: status, content type, body. */
record Answer(int status, String contentType, byte[] body) {
  static final String TEXT = "text/plain; charset=utf-8";

  static Answer ok(String contentType, byte[] body) {
    return new Answer(200, contentType, body);
  }

  static Answer text(int status, String text) {
    return new Answer(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }
}
