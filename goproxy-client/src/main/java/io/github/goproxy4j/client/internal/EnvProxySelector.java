package io.github.goproxy4j.client.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outgoing proxies from {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} (each also
 * in lower case; the upper-case name wins when both are non-empty), with the rules of Go's
 * golang.org/x/net/http/httpproxy: https requests use {@code HTTPS_PROXY}, http requests
 * {@code HTTP_PROXY}; a value without scheme means {@code http://}; {@code localhost} and
 * loopback addresses are never proxied; {@link NoProxy} exceptions apply; when
 * {@code REQUEST_METHOD} is set (a CGI environment) {@code HTTP_PROXY} is refused.
 *
 * <p>{@code java.net.http} ignores these variables unless told, which silently bypasses a
 * corporate proxy; this selector is what tells it. Only {@code http://} proxies can be used by
 * {@code java.net.http}: an {@code https://} or {@code socks5://} proxy makes the request fail
 * with a clear message instead of silently going direct.
 *
 * <pre>{@code
 * EnvProxySelector s = EnvProxySelector.fromEnvironment(Map.of("HTTPS_PROXY", "proxy.corp:3128"));
 * s.proxyFor(URI.create("https://proxy.golang.org/"))   // Optional[http://proxy.corp:3128]
 * }</pre>
 */
public final class EnvProxySelector extends ProxySelector {
  private final ProxyUrl httpProxy;
  private final ProxyUrl httpsProxy;
  private final NoProxy noProxy;
  private final boolean cgi;
  /** {@link #proxyFor}'s NO_PROXY answers by scheme and raw authority (at most 256). */
  private final Map<String, Boolean> useProxy = new ConcurrentHashMap<>();

  private EnvProxySelector(String http, String https, String noProxy, boolean cgi) {
    this.httpProxy = ProxyUrl.parse(http).orElse(null);
    this.httpsProxy = ProxyUrl.parse(https).orElse(null);
    this.noProxy = NoProxy.parse(noProxy);
    this.cgi = cgi;
  }

  /**
   * Reads the proxy variables from an environment map.
   *
   * @param env the environment variables
   * @return the selector
   */
  public static EnvProxySelector fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String rm = env.get("REQUEST_METHOD");
    return new EnvProxySelector(
        any(env, "HTTP_PROXY", "http_proxy"),
        any(env, "HTTPS_PROXY", "https_proxy"),
        any(env, "NO_PROXY", "no_proxy"),
        rm != null && !rm.isEmpty());
  }

  /**
   * Creates a selector from explicit values, as httpproxy.Config does.
   *
   * @param httpProxy the HTTP_PROXY value (may be empty)
   * @param httpsProxy the HTTPS_PROXY value (may be empty)
   * @param noProxy the NO_PROXY value (may be empty)
   * @param cgi whether REQUEST_METHOD is set
   * @return the selector
   */
  public static EnvProxySelector of(
      String httpProxy, String httpsProxy, String noProxy, boolean cgi) {
    return new EnvProxySelector(
        Objects.requireNonNull(httpProxy, "httpProxy"),
        Objects.requireNonNull(httpsProxy, "httpsProxy"),
        Objects.requireNonNull(noProxy, "noProxy"),
        cgi);
  }

  private static String any(Map<String, String> env, String upper, String lower) {
    String v = env.get(upper);
    if (v != null && !v.isEmpty()) {
      return v;
    }
    v = env.get(lower);
    return v == null ? "" : v;
  }

  /**
   * Returns the proxy a request to {@code uri} goes through (httpproxy's {@code proxyForURL}).
   *
   * @param uri the request URI
   * @return the proxy, or empty to connect directly
   * @throws IOException in a CGI environment when {@code HTTP_PROXY} would be used:
   *     {@code refusing to use HTTP_PROXY value in CGI environment; see
   *     golang.org/s/cgihttpproxy}
   */
  public Optional<ProxyUrl> proxyFor(URI uri) throws IOException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    ProxyUrl proxy = null;
    if (scheme.equals("https")) {
      proxy = httpsProxy;
    } else if (scheme.equals("http")) {
      proxy = httpProxy;
      if (proxy != null && cgi) {
        throw new IOException(
            "refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy");
      }
    }
    if (proxy == null) {
      return Optional.empty();
    }
    String authority = uri.getRawAuthority();
    // NO_PROXY's answer depends on the scheme and the authority only: remembered per pair, as a
    // graph load asks it for each of its hundreds of requests to one proxy host
    String key = authority == null ? null : scheme + "://" + authority;
    Boolean use = key == null ? null : useProxy.get(key);
    if (use == null) {
      String[] hp = HostPort.ofAuthority(authority);
      String host = NoProxy.idnaAscii(hp[0]);
      String port = hp[1].isEmpty() ? defaultPort(scheme) : hp[1];
      use = noProxy.useProxy(host, port);
      if (key != null && useProxy.size() < 256) {
        useProxy.put(key, use);
      }
    }
    return use ? Optional.of(proxy) : Optional.empty();
  }

  static String defaultPort(String scheme) {
    switch (scheme) {
      case "http":
        return "80";
      case "https":
        return "443";
      case "socks5":
        return "1080";
      default:
        return "";
    }
  }

  /**
   * Returns the JDK view of {@link #proxyFor}: an HTTP proxy or {@link Proxy#NO_PROXY}.
   * Unsupported proxy schemes and the CGI refusal give {@code NO_PROXY} here; the transport
   * checks {@link #proxyFor} first and fails the request instead.
   */
  @Override
  public List<Proxy> select(URI uri) {
    Objects.requireNonNull(uri, "uri");
    try {
      Optional<ProxyUrl> p = proxyFor(uri);
      if (p.isPresent() && p.get().scheme().equals("http") && p.get().hasValidPort()) {
        return List.of(p.get().toJdkProxy());
      }
    } catch (IOException e) {
      // the transport has refused the request already
    }
    return List.of(Proxy.NO_PROXY);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // nothing to remember: Go does not fail over between proxies either
  }

  @Override
  public String toString() {
    return "EnvProxySelector[http=" + httpProxy + ", https=" + httpsProxy + ", " + noProxy
        + (cgi ? ", cgi" : "") + "]";
  }

  /**
   * A proxy URL as httpproxy parses it. Its {@link #toString()} hides the password.
   *
   * @param scheme the scheme ({@code http}, {@code https}, {@code socks5}, or other)
   * @param userInfo the raw user info, or null
   * @param host the host name or IP literal (no brackets)
   * @param port the port, or empty for the scheme's default
   */
  public record ProxyUrl(String scheme, String userInfo, String host, String port) {
    /**
     * Validates the components.
     *
     * @param scheme the scheme
     * @param userInfo the raw user info or null
     * @param host the host
     * @param port the port or empty
     */
    public ProxyUrl {
      Objects.requireNonNull(scheme, "scheme");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(port, "port");
    }

    /**
     * Parses a proxy variable value: a URL, or {@code host[:port]} meaning {@code http://}.
     *
     * @param value the value
     * @return the URL, or empty when the value is empty or unusable (Go ignores those)
     */
    public static Optional<ProxyUrl> parse(String value) {
      if (value == null || value.isEmpty()) {
        return Optional.empty();
      }
      Optional<ProxyUrl> direct = parseUrl(value);
      if (direct.isPresent() && !direct.get().host().isEmpty()) {
        return direct;
      }
      Optional<ProxyUrl> withHttp = parseUrl("http://" + value);
      return withHttp.isPresent() ? withHttp : direct;
    }

    private static Optional<ProxyUrl> parseUrl(String s) {
      int colon = s.indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      String scheme = s.substring(0, colon);
      if (!Character.isLetter(scheme.charAt(0)) || scheme.charAt(0) >= 0x80) {
        return Optional.empty();
      }
      // loops, not streams: this runs when every client is built with a proxy variable set
      for (int i = 0; i < scheme.length(); i++) {
        char c = scheme.charAt(i);
        if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
          return Optional.empty();
        }
      }
      String rest = s.substring(colon + 1);
      if (!rest.startsWith("//")) {
        return Optional.of(new ProxyUrl(scheme.toLowerCase(java.util.Locale.ROOT), null, "", ""));
      }
      rest = rest.substring(2);
      int end = rest.length();
      for (int i = 0; i < rest.length(); i++) {
        char c = rest.charAt(i);
        if (c == '/' || c == '?' || c == '#') {
          end = i;
          break;
        }
      }
      String authority = rest.substring(0, end);
      for (int i = 0; i < authority.length(); i++) {
        char c = authority.charAt(i);
        if (c <= 0x20 || c == 0x7f) {
          return Optional.empty();
        }
      }
      int at = authority.lastIndexOf('@');
      String userInfo = at >= 0 ? authority.substring(0, at) : null;
      String hostPort = authority.substring(at + 1);
      String host = hostPort;
      String port = "";
      int c = hostPort.lastIndexOf(':');
      if (c >= 0 && c > hostPort.lastIndexOf(']')) {
        port = hostPort.substring(c + 1);
        host = hostPort.substring(0, c);
        for (int i = 0; i < port.length(); i++) {
          if (port.charAt(i) < '0' || port.charAt(i) > '9') {
            return Optional.empty();
          }
        }
      }
      if (host.startsWith("[")) {
        if (!host.endsWith("]")) {
          return Optional.empty();
        }
        host = host.substring(1, host.length() - 1);
      }
      return Optional.of(new ProxyUrl(
          scheme.toLowerCase(java.util.Locale.ROOT), userInfo, HostPort.percentDecode(host), port));
    }

    /**
     * Returns the port to connect to: the explicit one or the scheme's default.
     *
     * @return the port number
     */
    public int effectivePort() {
      String p = port.isEmpty() ? defaultPort(scheme) : port;
      try {
        return p.isEmpty() ? 80 : Integer.parseInt(p);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    /**
     * Returns whether the port is one a dial accepts (go's parsePort: 0 to 65535).
     *
     * @return false for a port such as {@code 99999}
     */
    public boolean hasValidPort() {
      int p = effectivePort();
      return p >= 0 && p <= 65535;
    }

    /**
     * Returns the user name and password from the user info, percent-decoded.
     *
     * @return {user, password}, or empty when the URL has no user info
     */
    public Optional<String[]> credentials() {
      if (userInfo == null) {
        return Optional.empty();
      }
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      String pass = colon < 0 ? "" : userInfo.substring(colon + 1);
      return Optional.of(new String[] {HostPort.percentDecode(user), HostPort.percentDecode(pass)});
    }

    Proxy toJdkProxy() {
      return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, effectivePort()));
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(scheme).append("://");
      if (userInfo != null) {
        int colon = userInfo.indexOf(':');
        sb.append(colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***").append('@');
      }
      sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
      if (!port.isEmpty()) {
        sb.append(':').append(port);
      }
      return sb.toString();
    }
  }
}
