package io.github.goproxy4j.client;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How the client talks HTTP: timeouts, redirects, outgoing proxy and TLS overrides. Immutable;
 * build one with {@link #builder()} or use {@link #defaults()}.
 *
 * <pre>{@code
 * HttpSettings http = HttpSettings.builder()
 *     .connectTimeout(Duration.ofSeconds(5))
 *     .readStallTimeout(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 *
 * <p><b>Timeouts differ from Go on purpose.</b> The go command sets no timeout on proxy
 * traffic once connected (net/http's DefaultTransport: 30 s to dial, 10 s for the TLS
 * handshake), so a server that stops answering hangs it forever. These settings are finite by
 * default:
 *
 * <ul>
 *   <li>{@link #connectTimeout()} (10 s): establishing the TCP connection (and the CONNECT tunnel
 *       through an outgoing proxy), and the TLS handshake for https, which java.net.http counts
 *       in the connection;
 *   <li>{@link #requestTimeout()} (5 min): from starting the request (connecting included)
 *       until the response headers arrive (a proxy such as proxy.golang.org may take minutes to
 *       answer for a module it has not seen before);
 *   <li>{@link #readStallTimeout()} (60 s): while a body is read, the longest wait for the next
 *       bytes;
 *   <li>{@link #bodyTimeout()} (1 h): the longest a whole body may take, from its headers to its
 *       last byte, so that a server dripping a module zip a few bytes at a time cannot hold a
 *       download open forever. Generous: a 500 MiB zip (go's limit) completes at 150 KB/s.
 * </ul>
 *
 * <p>Outgoing proxies come from {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY}
 * (and their lower-case forms) with the rules of Go's net/http unless {@link #proxySelector()} is
 * set. The trusted certificates are the JDK's plus those named by {@code SSL_CERT_FILE} and
 * {@code SSL_CERT_DIR} unless {@link #sslContext()} is set. Credentials are never part of these
 * settings: they come from {@code .netrc}, {@code GOAUTH} and URL user info, as for the go
 * command.
 */
public final class HttpSettings {
  private static final HttpSettings DEFAULTS = new Builder().build();

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration readStallTimeout;
  private final Duration bodyTimeout;
  private final int maxRedirects;
  private final String userAgent;
  private final boolean http2;
  private final ProxySelector proxySelector;
  private final SSLContext sslContext;

  private HttpSettings(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.readStallTimeout = b.readStallTimeout;
    this.bodyTimeout = b.bodyTimeout;
    this.maxRedirects = b.maxRedirects;
    this.userAgent = b.userAgent;
    this.http2 = b.http2;
    this.proxySelector = b.proxySelector;
    this.sslContext = b.sslContext;
  }

  /**
   * Returns the default settings: connect 10 s, response headers 5 min, body stall 60 s, whole
   * body 1 h, at most
   * 10 redirects, HTTP/2 over TLS, proxies from the environment, JDK plus {@code SSL_CERT_*}
   * trust.
   *
   * @return the defaults
   */
  public static HttpSettings defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a builder with the default values.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder that starts from these settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.readStallTimeout = readStallTimeout;
    b.bodyTimeout = bodyTimeout;
    b.maxRedirects = maxRedirects;
    b.userAgent = userAgent;
    b.http2 = http2;
    b.proxySelector = proxySelector;
    b.sslContext = sslContext;
    return b;
  }

  /**
   * Returns the time allowed to open a connection.
   *
   * @return a positive duration
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Returns the time allowed between sending a request and receiving its response headers.
   *
   * @return a positive duration
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * Returns the longest wait for the next bytes of a response body.
   *
   * @return a positive duration
   */
  public Duration readStallTimeout() {
    return readStallTimeout;
  }

  /**
   * Returns the longest time one response body may take in total (a zip download).
   *
   * @return a positive duration
   */
  public Duration bodyTimeout() {
    return bodyTimeout;
  }

  /**
   * Returns how many redirects one request may follow (Go: 10).
   *
   * @return a number from 0 up
   */
  public int maxRedirects() {
    return maxRedirects;
  }

  /**
   * Returns the {@code User-Agent} header value sent with every request.
   *
   * @return the user agent
   */
  public String userAgent() {
    return userAgent;
  }

  /**
   * Returns whether HTTP/2 is offered on TLS connections. Plain {@code http} always uses
   * HTTP/1.1 (no {@code h2c} upgrade), as Go does.
   *
   * @return true to negotiate HTTP/2 over TLS
   */
  public boolean http2() {
    return http2;
  }

  /**
   * Returns the proxy selector that replaces the {@code HTTPS_PROXY} / {@code HTTP_PROXY} /
   * {@code NO_PROXY} rules, if one was set.
   *
   * @return the override, or empty to follow the environment as Go does
   */
  public Optional<ProxySelector> proxySelector() {
    return Optional.ofNullable(proxySelector);
  }

  /**
   * Returns the TLS context that replaces the default trust (JDK trust store plus
   * {@code SSL_CERT_FILE} / {@code SSL_CERT_DIR}), if one was set.
   *
   * @return the override, or empty for the default
   */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  @Override
  public String toString() {
    return "HttpSettings[connectTimeout=" + connectTimeout
        + ", requestTimeout=" + requestTimeout
        + ", readStallTimeout=" + readStallTimeout
        + ", bodyTimeout=" + bodyTimeout
        + ", maxRedirects=" + maxRedirects
        + ", userAgent=" + userAgent
        + ", http2=" + http2
        + ", proxySelector=" + (proxySelector == null ? "environment" : "custom")
        + ", sslContext=" + (sslContext == null ? "default" : "custom") + "]";
  }

  /** Builds {@link HttpSettings}. Not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofMinutes(5);
    private Duration readStallTimeout = Duration.ofSeconds(60);
    private Duration bodyTimeout = Duration.ofHours(1);
    private int maxRedirects = 10;
    private String userAgent = "goproxy4j";
    private boolean http2 = true;
    private ProxySelector proxySelector;
    private SSLContext sslContext;

    private Builder() {}

    /**
     * Sets the time allowed to open a connection.
     *
     * @param connectTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the time allowed between sending a request and receiving its response headers.
     *
     * @param requestTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the longest wait for the next bytes of a response body.
     *
     * @param readStallTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public Builder readStallTimeout(Duration readStallTimeout) {
      this.readStallTimeout = positive(readStallTimeout, "readStallTimeout");
      return this;
    }

    /**
     * Sets the longest time one response body may take in total, from the response headers to
     * its last byte (for a module zip: the whole download).
     *
     * @param bodyTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public Builder bodyTimeout(Duration bodyTimeout) {
      this.bodyTimeout = positive(bodyTimeout, "bodyTimeout");
      return this;
    }

    /**
     * Sets how many redirects one request may follow.
     *
     * @param max from 0 (redirects are returned as answers) up to 100
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is outside 0..100
     */
    public Builder maxRedirects(int max) {
      if (max < 0 || max > 100) {
        throw new IllegalArgumentException("maxRedirects must be in 0..100, got " + max);
      }
      this.maxRedirects = max;
      return this;
    }

    /**
     * Sets the {@code User-Agent} header value.
     *
     * @param userAgent a non-blank value without line breaks
     * @return this builder
     * @throws IllegalArgumentException if the value is blank or contains control characters
     */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent");
      if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new IllegalArgumentException(
            "userAgent must be non-blank without control characters: \"" + userAgent + "\"");
      }
      this.userAgent = userAgent;
      return this;
    }

    /**
     * Sets whether HTTP/2 is offered on TLS connections (default true).
     *
     * @param enabled false to use HTTP/1.1 everywhere
     * @return this builder
     */
    public Builder http2(boolean enabled) {
      this.http2 = enabled;
      return this;
    }

    /**
     * Replaces the {@code HTTPS_PROXY} / {@code HTTP_PROXY} / {@code NO_PROXY} rules with a
     * selector of your own. Only HTTP proxies are supported by {@code java.net.http}.
     *
     * @param selector the selector, or null to follow the environment again
     * @return this builder
     */
    public Builder proxySelector(ProxySelector selector) {
      this.proxySelector = selector;
      return this;
    }

    /**
     * Replaces the default trust (JDK trust store plus {@code SSL_CERT_FILE} /
     * {@code SSL_CERT_DIR}) with a TLS context of your own.
     *
     * @param context the context, or null for the default
     * @return this builder
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the immutable settings
     */
    public HttpSettings build() {
      return new HttpSettings(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
