package io.github.goproxy4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small java.net.http client for tests (loopback only). */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  /** A response. */
  record Response(int status, String contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private Http() {}

  static Response get(FakeGoProxy proxy, String rawPath) {
    return get(URI.create(proxy.url() + rawPath));
  }

  static Response get(URI uri) {
    try {
      return send(uri);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Response send(URI uri) throws IOException {
    if (!"127.0.0.1".equals(uri.getHost()) && !"[::1]".equals(uri.getHost())) {
      throw new IllegalArgumentException("tests talk to loopback only: " + uri);
    }
    try {
      HttpResponse<byte[]> r = CLIENT.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
          r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
