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

  /**
   * Sends a request target exactly as given (java.net.URI refuses malformed escapes), over a
   * plain socket to the fake's loopback port, and reads the answer to the end.
   */
  static Response raw(FakeGoProxy proxy, String method, String target) throws IOException {
    try (java.net.Socket s = new java.net.Socket(proxy.url().getHost(), proxy.url().getPort())) {
      s.setSoTimeout(30_000);
      String req = method + " " + target + " HTTP/1.1\r\nHost: " + proxy.url().getAuthority()
          + "\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
      java.io.InputStream in = s.getInputStream();
      java.io.ByteArrayOutputStream headBytes = new java.io.ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0) {
        headBytes.write(c);
        if (headBytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          break;
        }
      }
      String[] head = headBytes.toString(StandardCharsets.ISO_8859_1).trim().split("\r\n");
      String contentType = "";
      int length = 0;
      for (String h : head) {
        String lower = h.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("content-type:")) {
          contentType = h.substring("content-type:".length()).trim();
        } else if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(h.substring("content-length:".length()).trim());
        }
      }
      byte[] body = in.readNBytes(length);
      return new Response(Integer.parseInt(head[0].split(" ")[1]), contentType, body);
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
