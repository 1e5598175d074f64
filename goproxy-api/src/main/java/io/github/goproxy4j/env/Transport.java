package io.github.goproxy4j.env;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one network operation the SDK needs: GET a URI. The checksum-database client and the
 * protocol client fetch through it; goproxy-client implements it on {@code java.net.http}, and
 * tests can implement it in memory.
 *
 * <pre>{@code
 * Transport inMemory = (uri, headers) ->
 *     Transport.Response.of(200, Map.of(), new ByteArrayInputStream("v1.0.0\n".getBytes(UTF_8)));
 * try (Transport.Response r = inMemory.get(URI.create("https://proxy.example/m/@v/list"), Map.of())) {
 *   r.body().readAllBytes();
 * }
 * }</pre>
 *
 * <p>Implementations return every HTTP status as a {@link Response} (a 404 is an answer, not an
 * exception) and throw {@link IOException} only when no answer was received. They must be
 * thread-safe.
 */
@FunctionalInterface
public interface Transport {

  /**
   * Sends a GET request.
   *
   * @param uri the absolute URI to fetch ({@code https}, {@code http} or {@code file})
   * @param headers extra request headers (may be empty)
   * @return the answer, whatever its status; the caller closes it
   * @throws IOException if no answer was received (connection refused, reset, timeout)
   */
  Response get(URI uri, Map<String, String> headers) throws IOException;

  /**
   * An answer to a GET: status, headers and a body stream that the caller must close.
   */
  final class Response implements Closeable {
    private final int status;
    private final Map<String, List<String>> headers;
    private final InputStream body;

    private Response(int status, Map<String, List<String>> headers, InputStream body) {
      this.status = status;
      TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      // a loop, not a lambda: several threads' first responses arrive together, and each thread
      // that links a lambda at the same time may spin a class of its own
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        copy.put(e.getKey(), List.copyOf(e.getValue()));
      }
      this.headers = java.util.Collections.unmodifiableMap(copy);
      this.body = body;
    }

    /**
     * Creates a response.
     *
     * @param status the HTTP status code
     * @param headers the response headers (names are matched case-insensitively)
     * @param body the body stream, owned by the response from now on
     * @return the response
     */
    public static Response of(int status, Map<String, List<String>> headers, InputStream body) {
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
      return new Response(status, headers, body);
    }

    /**
     * Returns the HTTP status code.
     *
     * @return the status, for example 200 or 404
     */
    public int status() {
      return status;
    }

    /**
     * Returns all headers, with case-insensitive names.
     *
     * @return an unmodifiable map
     */
    public Map<String, List<String>> headers() {
      return headers;
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, matched case-insensitively
     * @return the value, or empty if the header is absent
     */
    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Returns the body stream. It can be read once.
     *
     * @return the body
     */
    public InputStream body() {
      return body;
    }

    @Override
    public void close() throws IOException {
      body.close();
    }

    @Override
    public String toString() {
      return "Transport.Response[status=" + status + "]";
    }
  }
}
