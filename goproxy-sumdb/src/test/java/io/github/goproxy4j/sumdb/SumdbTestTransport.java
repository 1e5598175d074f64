package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.env.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Transport} over {@code java.net.http} for tests. It refuses anything but loopback, and
 * counts requests per path so tests can assert how often each tile and lookup was fetched.
 */
final class SumdbTestTransport implements Transport {
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final ConcurrentMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  @Override
  public Response get(URI uri, Map<String, String> headers) throws IOException {
    String host = uri.getHost();
    if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))) {
      throw new IOException("test transport refuses non-loopback " + uri);
    }
    counts.computeIfAbsent(uri.getPath(), p -> new AtomicInteger()).incrementAndGet();
    total.incrementAndGet();
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    headers.forEach(req::header);
    try {
      HttpResponse<java.io.InputStream> r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
      Map<String, List<String>> h = r.headers().map();
      return Response.of(r.statusCode(), h, r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Total requests sent. */
  int total() {
    return total.get();
  }

  /** Requests per URL path. */
  Map<String, Integer> counts() {
    Map<String, Integer> m = new java.util.TreeMap<>();
    counts.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  /** Requests whose path contains {@code /tile/}. */
  int tileRequests() {
    return counts().entrySet().stream().filter(e -> e.getKey().contains("/tile/"))
        .mapToInt(Map.Entry::getValue).sum();
  }

  /** Requests whose path contains {@code /lookup/}. */
  int lookupRequests() {
    return counts().entrySet().stream().filter(e -> e.getKey().contains("/lookup/"))
        .mapToInt(Map.Entry::getValue).sum();
  }

  void reset() {
    counts.clear();
    total.set(0);
  }
}
