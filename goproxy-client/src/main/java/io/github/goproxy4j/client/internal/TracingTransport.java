package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.internal.Redaction;
import io.github.goproxy4j.internal.StatusText;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A transport that traces each GET as the go command does under {@code -x} (cmd/go/internal/web's
 * get): {@code # get URL} before the request, then {@code # get URL: 200 OK (0.012s)} with the
 * status and the seconds until the response's headers came, or {@code # get URL: <error>} when
 * the request failed; the URL as {@code url.Redacted} prints it (a password becomes
 * {@code xxxxx}), the one asked for (not where a redirect led). As in go, {@code file://} URLs
 * are not traced, a scheme go cannot fetch is traced as {@code # get URL: unsupported}, and
 * {@code http://} with credentials as {@code # get URL: insecure credentials}, without the
 * first line; the request itself is the wrapped transport's.
 *
 * <pre>{@code
 * Transport t = new TracingTransport(JdkHttpTransport.create(env, settings), System.err::println);
 * }</pre>
 */
public final class TracingTransport implements Transport {
  private final Transport delegate;
  private final Consumer<String> lines;

  /**
   * Traces the requests of {@code delegate}.
   *
   * @param delegate the transport that sends the requests
   * @param lines receives each trace line, without its newline (from the threads that send)
   */
  public TracingTransport(Transport delegate, Consumer<String> lines) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.lines = Objects.requireNonNull(lines, "lines");
  }

  /** {@return the transport that sends the requests} */
  public Transport delegate() {
    return delegate;
  }

  @Override
  public Response get(URI uri, Map<String, String> headers) throws IOException {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      return delegate.get(uri, headers);
    }
    String shown = Redaction.redacted(uri);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      lines.accept("# get " + shown + ": unsupported");
      return delegate.get(uri, headers);
    }
    if (scheme.equals("http") && uri.getRawUserInfo() != null) {
      lines.accept("# get " + shown + ": insecure credentials");
      return delegate.get(uri, headers);
    }
    long start = System.nanoTime();
    lines.accept("# get " + shown);
    Response r;
    try {
      r = delegate.get(uri, headers);
    } catch (IOException | RuntimeException e) {
      lines.accept("# get " + shown + ": " + e.getMessage());
      throw e;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    lines.accept("# get " + shown + ": " + StatusText.line(r.status())
        + String.format(Locale.ROOT, " (%.3fs)", seconds));
    return r;
  }

  @Override
  public String toString() {
    return "TracingTransport[" + delegate + "]";
  }
}
