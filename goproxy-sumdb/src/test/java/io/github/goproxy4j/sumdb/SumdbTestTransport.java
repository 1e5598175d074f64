package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.env.Transport;
import java.io.IOException;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Transport} over {@link HttpURLConnection} for tests (java.base only). It refuses anything but loopback, and
 * counts requests per path so tests can assert how often each tile and lookup was fetched.
 */
final class SumdbTestTransport implements Transport {
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
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    c.setInstanceFollowRedirects(false);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(30_000);
    c.setUseCaches(false);
    headers.forEach(c::setRequestProperty);
    int status = c.getResponseCode();
    Map<String, List<String>> h = new java.util.HashMap<>();
    c.getHeaderFields().forEach((k, v) -> {
      if (k != null) {
        h.put(k, v);
      }
    });
    InputStream raw = status >= 400 ? c.getErrorStream() : c.getInputStream();
    InputStream body = new FilterInputStream(raw == null ? InputStream.nullInputStream() : raw) {
      private boolean eof;

      @Override
      public int read() throws IOException {
        int b = super.read();
        eof |= b < 0;
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        eof |= n < 0;
        return n;
      }

      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          if (!eof) {
            c.disconnect(); // never drain an endless body to reuse the connection
          }
        }
      }
    };
    return Response.of(status, h, body);
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
