package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.client.HttpSettings;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.Redaction;
import io.github.goproxy4j.internal.StatusText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Transport} of goproxy-client, behaving like the go command's HTTP layer
 * (cmd/go/internal/web and net/http). {@code https://} requests go through {@code java.net.http}
 * (HTTP/2 over TLS, as go negotiates it); plain {@code http://} requests, where go speaks HTTP/1.1
 * too, through {@link UrlConnectionHop} on {@code HttpURLConnection}, which costs a short-lived
 * process far less CPU than {@code java.net.http}'s asynchronous machinery, which runs as cold
 * code there (a cold {@code goproxy list -m all} against a loopback proxy: about 0.35 s of its
 * 2.9 s of CPU time). Everything below but the hop itself is shared by both:
 *
 * <ul>
 *   <li><b>Redirects</b> are followed here: 301, 302, 303, 307 and 308, at most
 *       {@link HttpSettings#maxRedirects()} (Go: "stopped after 10 redirects"); never from an
 *       https start to a non-https URL ("redirected from secure URL … to insecure URL …"); the
 *       {@code Authorization} header (netrc, GOAUTH) follows only to the same host or its
 *       subdomains, and URL user info to no other URL. A 3xx without {@code Location} is returned.
 *   <li><b>Credentials</b> ({@link GoAuth}): {@code .netrc} / {@code GOAUTH} per Go version on
 *       https; user info in the URL ({@code https://user:pass@host}) is sent as Basic auth unless
 *       netrc or GOAUTH already set {@code Authorization}; an {@code http://} URL with user info is
 *       refused: "refusing to pass credentials to insecure URL: http://user:xxxxx@host/…".
 *       Passwords never appear in messages: Go's {@code xxxxx} style in cmd/go messages, {@code
 *       ***} in transport errors ({@link Redaction}).
 *   <li><b>Outgoing proxies</b> from {@code HTTPS_PROXY} / {@code HTTP_PROXY} / {@code NO_PROXY}
 *       with Go's rules ({@link EnvProxySelector}), or {@link HttpSettings#proxySelector()}. User
 *       info in the proxy URL is sent pre-emptively as {@code Proxy-Authorization: Basic}. For
 *       https through a proxy that header goes on the CONNECT request, which the JDK refuses to do
 *       for Basic by default ({@code jdk.http.auth.tunneling.disabledSchemes=Basic} in
 *       {@code net.properties}). When an {@code HTTPS_PROXY} with credentials is configured and
 *       that system property is unset, {@link #create} sets it to the empty value, as Go sends
 *       such credentials too. The JDK reads the property once, when {@code java.net.http} is
 *       first used in the JVM: if another component used it earlier, start the JVM with
 *       {@code -Djdk.http.auth.tunneling.disabledSchemes=} (empty); otherwise the proxy's 407 is
 *       reported with that hint. Only {@code http://} proxies are possible with
 *       {@code java.net.http}; an {@code https://} or {@code socks5://} proxy fails the request
 *       with a clear message instead of silently going direct.
 *   <li><b>TLS</b>: the JDK trust store plus {@code SSL_CERT_FILE} / {@code SSL_CERT_DIR}
 *       ({@link TlsTrust}), or {@link HttpSettings#sslContext()}. HTTP/2 is negotiated over TLS;
 *       plain {@code http} always uses HTTP/1.1 (no {@code h2c} upgrade), as Go does. A server
 *       certificate go rejects fails with go's text of the request's go release: the unknown
 *       authority, and (with {@link TlsTrust}'s contexts, which keep the rejected chain; with another
 *       context when the JDK's PKIX validation failed) the leaf's validity period and host name,
 *       checked in go's order ({@link X509Verify}). A server that
 *       does not speak TLS fails with go's text, whatever the context ({@link
 *       FirstRecordContext}: {@code http: server gave HTTP response to HTTPS client}, {@code tls:
 *       first record does not look like a TLS handshake}, {@code EOF}, ...).
 *   <li><b>Timeouts</b>: see {@link HttpSettings}; go has none once connected (a TLS handshake
 *       that times out is go's {@code net/http: TLS handshake timeout}, told from a TCP connect
 *       by {@link FirstRecordContext#handshakeBegun}).
 *   <li><b>Bodies</b> are streamed with bounded memory, never buffered whole.
 *   <li><b>{@code file://}</b> URLs are read from disk: a missing file is a 404.
 * </ul>
 *
 * <pre>{@code
 * JdkHttpTransport t = JdkHttpTransport.create(System.getenv(), "1.27", HttpSettings.defaults());
 * try (Transport.Response r = t.get(URI.create("https://proxy.golang.org/golang.org/x/mod/@v/list"), Map.of())) {
 *   System.out.println(r.status());
 * }
 * }</pre>
 */
public final class JdkHttpTransport implements Transport, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdkHttpTransport.class);
  /** The JDK property that disables Basic credentials on CONNECT tunnels. */
  public static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";
  private static final AtomicBoolean TUNNELING_SET = new AtomicBoolean();

  /**
   * The HTTP clients are built on first use, one for http:// and one for https:// URLs: the TLS
   * trust (the JDK's roots plus SSL_CERT_FILE/SSL_CERT_DIR, as go reads them) costs a large part
   * of a command's start-up, a loopback or intranet proxy on http:// never needs it, and many
   * commands (explain, a graph from a warm cache, mod verify) send no request at all. Go loads
   * its roots on first use too.
   */
  private final LazyClient plainClient;
  private final LazyClient tlsClient;
  private final HttpSettings settings;
  private final EnvProxySelector envProxies;
  private final GoAuth auth;
  /** The minor number of the go release whose texts this transport prints. */
  private final int goMinor;
  /**
   * The variables that decide go's local time zone (TZ, ZONEINFO), in which go prints the current
   * time of an expiry error; read only when one is printed.
   */
  private final Map<String, String> zoneVars;
  private final boolean windows;
  private final ProxySelector selector;
  private final boolean urlConnectionForHttp;

  private JdkHttpTransport(LazyClient plainClient, LazyClient tlsClient, HttpSettings settings,
      EnvProxySelector envProxies, GoAuth auth, ProxySelector selector, boolean urlConnectionForHttp,
      int goMinor, Map<String, String> zoneVars, boolean windows) {
    this.goMinor = goMinor;
    this.zoneVars = zoneVars;
    this.windows = windows;
    this.selector = selector;
    this.urlConnectionForHttp = urlConnectionForHttp;
    this.plainClient = plainClient;
    this.tlsClient = tlsClient;
    this.settings = settings;
    this.envProxies = envProxies;
    this.auth = auth;
    auth.probeWith(this::head);
  }

  /**
   * Creates a transport for a Go settings snapshot: its process environment (proxy, TLS and
   * netrc variables), its {@code GOAUTH} (which may come from the go env file), its Go version and
   * OS.
   *
   * <pre>{@code
   * Transport t = JdkHttpTransport.create(GoEnv.fromSystem(), HttpSettings.defaults());
   * }</pre>
   *
   * @param env the Go settings
   * @param settings timeouts and overrides
   * @return the transport
   * @throws IllegalStateException if the TLS context cannot be built
   */
  public static JdkHttpTransport create(GoEnv env, HttpSettings settings) {
    Objects.requireNonNull(env, "env");
    Map<String, String> vars = new HashMap<>(env.environment());
    String goAuth = env.get("GOAUTH");
    if (goAuth != null && !goAuth.isEmpty()) {
      vars.put("GOAUTH", goAuth);
    }
    return create(vars, env.goVersion(), env.os() == GoEnv.Os.WINDOWS, settings, true);
  }

  /**
   * Creates a transport from environment variables (the process environment or a test map).
   *
   * @param env the variables: {@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY} (and lower
   *     case), {@code REQUEST_METHOD}, {@code SSL_CERT_FILE}, {@code SSL_CERT_DIR}, {@code NETRC},
   *     {@code HOME} / {@code USERPROFILE}, {@code GOAUTH}; missing ones are unset
   * @param goVersion the Go release whose rules apply ("1.19" … "1.27")
   * @param settings timeouts and overrides
   * @return the transport
   * @throws IllegalStateException if the TLS context cannot be built
   */
  public static JdkHttpTransport create(
      Map<String, String> env, String goVersion, HttpSettings settings) {
    return create(env, goVersion, settings, true);
  }

  /**
   * As {@link #create(Map, String, HttpSettings)}, choosing the hop for {@code http://} URLs.
   *
   * @param urlConnectionForHttp true for {@link UrlConnectionHop} (the default), false for
   *     {@code java.net.http} (tests run both)
   */
  static JdkHttpTransport create(Map<String, String> env, String goVersion, HttpSettings settings,
      boolean urlConnectionForHttp) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(goVersion, "goVersion");
    Objects.requireNonNull(settings, "settings");
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
    return create(env, goVersion, windows, settings, urlConnectionForHttp);
  }

  private static JdkHttpTransport create(Map<String, String> env, String goVersion, boolean windows,
      HttpSettings settings, boolean urlConnectionForHttp) {
    Objects.requireNonNull(settings, "settings");
    EnvProxySelector envProxies =
        settings.proxySelector().isPresent() ? null : EnvProxySelector.fromEnvironment(env);
    if (envProxies != null) {
      allowBasicTunnelingIfNeeded(envProxies);
    }
    ProxySelector selector = settings.proxySelector().orElse(envProxies);
    LazyClient tls = new LazyClient(settings, selector, env, true);
    LazyClient plain = new LazyClient(settings, selector, env, false);
    return new JdkHttpTransport(plain, tls, settings, envProxies, GoAuth.create(env, goVersion, windows),
        selector, urlConnectionForHttp, GoRelease.modelled(goVersion).behaviourMinor(),
        zoneVars(env), windows);
  }

  private static Map<String, String> zoneVars(Map<String, String> env) {
    Map<String, String> vars = new HashMap<>(2);
    for (String name : new String[] {"TZ", "ZONEINFO"}) {
      String v = env.get(name);
      if (v != null) {
        vars.put(name, v);
      }
    }
    return vars;
  }

  private static void allowBasicTunnelingIfNeeded(EnvProxySelector proxies) {
    URI probe = URI.create("https://goproxy4j.invalid/");
    Optional<EnvProxySelector.ProxyUrl> p;
    try {
      p = proxies.proxyFor(probe);
    } catch (IOException e) {
      return;
    }
    if (p.isPresent() && p.get().credentials().isPresent()
        && System.getProperty(TUNNELING_DISABLED_SCHEMES) == null
        && TUNNELING_SET.compareAndSet(false, true)) {
      System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
      LOG.info("HTTPS_PROXY has credentials: set {}= (empty) so that the JDK sends Basic"
          + " credentials on CONNECT, as Go does", TUNNELING_DISABLED_SCHEMES);
    }
  }

  /**
   * Returns the settings this transport was built with.
   *
   * @return the settings
   */
  public HttpSettings settings() {
    return settings;
  }

  @Override
  public Response get(URI uri, Map<String, String> headers) throws IOException {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      return FileFetch.get(uri);
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new GoProxyException("unsupported scheme: " + Redaction.redacted(uri));
    }
    if (scheme.equals("http") && uri.getRawUserInfo() != null) {
      throw new GoProxyException(
          "refusing to pass credentials to insecure URL: " + Redaction.redacted(uri));
    }
    Map<String, List<String>> credentials = auth.initialHeaders(uri);
    Hop r = follow(uri, headers, credentials);
    int status = r.status();
    if (scheme.equals("https") && status >= 400 && status < 500 && auth.retriesOn4xx()) {
      String statusLine = (r.http2() ? "HTTP/2.0" : "HTTP/1.1") + " " + status + " " + StatusText.of(status);
      Map<String, List<String>> h = r.headers();
      r.body().close();
      r = follow(uri, headers, auth.retryHeaders(uri, statusLine, h));
    }
    return Response.of(r.status(), r.headers(), r.body());
  }

  /** The answer to one request: status, protocol, headers, the streamed body. */
  private record Hop(int status, boolean http2, Map<String, List<String>> headers, InputStream body) {
    Optional<String> header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return Optional.of(e.getValue().get(0));
        }
      }
      return Optional.empty();
    }
  }

  private Hop follow(
      URI first, Map<String, String> headers, Map<String, List<String>> credentials)
      throws IOException {
    return follow(first, headers, credentials, false);
  }

  /**
   * go's HEAD request validating {@code git credential fill}'s credentials (GOAUTH=git): its
   * status, the body (none) closed.
   */
  private int head(URI uri, Map<String, List<String>> credentials) throws IOException {
    Hop r = follow(uri, Map.of(), credentials, true);
    r.body().close();
    return r.status();
  }

  private Hop follow(URI first, Map<String, String> headers,
      Map<String, List<String>> credentials, boolean head) throws IOException {
    URI cur = first;
    String initialAddr = null; // the first URL's address, needed only once a redirect is followed
    int requests = 0;
    String referer = null;
    boolean strip = false;
    while (true) {
      // net/http: once a redirect leaves the domain, sensitive headers stay stripped, even if a
      // later redirect comes back (go1.22.11+, CVE-2024-45336).
      if (requests > 0 && !strip) {
        if (initialAddr == null) {
          initialAddr = canonicalAddr(first);
        }
        strip = !isDomainOrSubdomain(canonicalAddr(cur), initialAddr);
      }
      Hop r = send(first, cur, strip ? withoutSensitive(headers) : headers,
          strip ? Map.of() : credentials, referer, head);
      requests++;
      int status = r.status();
      if (!isRedirect(status) || settings.maxRedirects() == 0) {
        return r;
      }
      Optional<String> loc = r.header("Location");
      if (loc.isEmpty()) {
        return r;
      }
      URI next;
      try {
        next = resolve(cur, loc.get());
      } catch (URISyntaxException | IllegalArgumentException e) {
        r.body().close();
        throw new GoProxyException("Get \"" + Redaction.netHttp(cur)
            + "\": failed to parse Location header \"" + Redaction.netHttpText(loc.get()) + "\"", e);
      }
      String nextScheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if ("https".equalsIgnoreCase(first.getScheme()) && !nextScheme.equals("https")) {
        r.body().close();
        throw new GoProxyException("Get \"" + Redaction.netHttpText(loc.get())
            + "\": redirected from secure URL " + Redaction.redacted(cur)
            + " to insecure URL " + Redaction.redacted(next));
      }
      if (requests >= settings.maxRedirects()) {
        r.body().close();
        throw new GoProxyException("Get \"" + Redaction.netHttpText(loc.get()) + "\": stopped after "
            + settings.maxRedirects() + " redirects");
      }
      if (!nextScheme.equals("http") && !nextScheme.equals("https")) {
        r.body().close();
        throw new GoProxyException("Get \"" + Redaction.netHttpText(loc.get())
            + "\": unsupported protocol scheme \"" + nextScheme + "\"");
      }
      drain(r.body());
      boolean downgrade = "https".equalsIgnoreCase(cur.getScheme()) && nextScheme.equals("http");
      referer = downgrade ? null : Redaction.withoutUserInfo(withoutFragment(cur)).toString();
      cur = next;
    }
  }

  private Hop send(URI first, URI uri, Map<String, String> headers,
      Map<String, List<String>> credentials, String referer, boolean head) throws IOException {
    String shown = Redaction.netHttp(uri);
    URI target = Redaction.withoutUserInfo(withoutFragment(uri));
    Map<String, List<String>> all = new LinkedHashMap<>();
    // a loop, not lambdas: the graph's threads send their first requests together, and each
    // thread linking a lambda at the same moment may spin a class of its own
    for (Map.Entry<String, String> e : headers.entrySet()) {
      List<String> values = all.get(e.getKey());
      if (values == null) {
        values = new ArrayList<>();
        all.put(e.getKey(), values);
      }
      values.add(e.getValue());
    }
    boolean hasAuth = false;
    for (Map.Entry<String, List<String>> e : credentials.entrySet()) {
      all.put(e.getKey(), e.getValue());
      hasAuth |= e.getKey().equalsIgnoreCase("Authorization");
    }
    hasAuth |= containsIgnoreCase(headers.keySet(), "Authorization");
    if (!hasAuth && uri.getRawUserInfo() != null) {
      String ui = uri.getRawUserInfo();
      int colon = ui.indexOf(':');
      String user = HostPort.percentDecode(colon < 0 ? ui : ui.substring(0, colon));
      String pass = colon < 0 ? "" : HostPort.percentDecode(ui.substring(colon + 1));
      all.put("Authorization", List.of(GoAuth.basic(user, pass)));
    }
    if (!containsIgnoreCase(all.keySet(), "User-Agent")) {
      all.put("User-Agent", List.of(settings.userAgent()));
    }
    if (referer != null) {
      all.put("Referer", List.of(referer));
    }
    // the hop's proxy (HttpURLConnection) when the environment chooses it: its answer here, not
    // asked again
    Proxy envVia = Proxy.NO_PROXY;
    if (envProxies != null) {
      Optional<EnvProxySelector.ProxyUrl> proxy;
      try {
        proxy = envProxies.proxyFor(uri);
      } catch (IOException e) {
        throw new GoProxyException("Get \"" + shown + "\": " + e.getMessage(), e);
      }
      if (proxy.isPresent()) {
        EnvProxySelector.ProxyUrl p = proxy.get();
        if (!p.scheme().equals("http")) {
          throw new GoProxyException("Get \"" + shown + "\": proxyconnect: the " + p.scheme()
              + " proxy " + p + " cannot be used by java.net.http, which supports only http://"
              + " proxies; use an http:// proxy or HttpSettings.proxySelector");
        }
        if (!p.hasValidPort()) {
          // go's dial parses the port before connecting: net.AddrError "invalid port"
          throw new GoProxyException("Get \"" + shown + "\": proxyconnect tcp: dial tcp: address "
              + p.port() + ": invalid port");
        }
        Optional<String[]> pc = p.credentials();
        if (pc.isPresent()) {
          all.put("Proxy-Authorization", List.of(GoAuth.basic(pc.get()[0], pc.get()[1])));
        }
        envVia = p.toJdkProxy();
      }
    }
    Duration requestTimeout = settings.requestTimeout();
    if (urlConnectionForHttp && "http".equalsIgnoreCase(uri.getScheme()) && !head) {
      if (target.getHost() == null || target.getHost().isEmpty()) {
        throw new GoProxyException("Get \"" + shown + "\": http: no Host in request URL");
      }
      UrlConnectionHop.checkHeaders(all);
      Proxy via = envProxies != null ? envVia : Proxy.NO_PROXY;
      if (envProxies == null && selector != null) {
        List<Proxy> ps = selector.select(target);
        if (!ps.isEmpty()) {
          via = ps.get(0);
        }
      }
      long start = System.nanoTime();
      UrlConnectionHop.Answer a = UrlConnectionHop.send(target, all, via, settings, shown,
          Redaction.redacted(uri));
      if (a != null) {
        return new Hop(a.status(), false, a.headers(), a.body());
      }
      // slower than the stall timeout, which bounds every read on that hop: the rest of the
      // request timeout on java.net.http
      requestTimeout = settings.requestTimeout().minusNanos(System.nanoTime() - start);
      if (requestTimeout.isNegative() || requestTimeout.isZero()) {
        requestTimeout = Duration.ofMillis(1);
      }
    }
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(target).timeout(requestTimeout);
      b = head ? b.method("HEAD", HttpRequest.BodyPublishers.noBody()) : b.GET();
    } catch (IllegalArgumentException e) {
      throw new GoProxyException("Get \"" + shown + "\": invalid URL: " + e.getMessage(), e);
    }
    if ("http".equalsIgnoreCase(uri.getScheme()) || !settings.http2()) {
      b.version(HttpClient.Version.HTTP_1_1);
    }
    try {
      for (Map.Entry<String, List<String>> e : all.entrySet()) {
        for (String v : e.getValue()) {
          b.header(e.getKey(), v);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("request header not allowed by java.net.http: "
          + Redaction.netHttpText(e.getMessage()), e);
    }
    HttpResponse<InputStream> r;
    // The handler must not capture this transport: the JDK 17 HttpClient keeps it reachable from
    // its selector thread, and through it the client facade, so the client would never be
    // collected and its thread and connections would outlive close() (found by the soak test).
    Duration stall = settings.readStallTimeout();
    Duration body = settings.bodyTimeout();
    String redacted = Redaction.redacted(uri);
    long started = System.nanoTime();
    try {
      r = httpClient(uri).send(b.build(), info -> new StreamingBody(stall, body, redacted));
    } catch (HttpConnectTimeoutException e) {
      // the JDK reports this too when the request timeout expires while still connecting, and
      // when it expires during the TLS handshake, which it counts in the connection
      if ("https".equalsIgnoreCase(uri.getScheme()) && tlsClient.handshakeBegun(target, started)) {
        throw handshakeTimeout(shown, settings, e);
      }
      throw connectTimeout(shown, uri, settings, e);
    } catch (HttpTimeoutException e) {
      throw headersTimeout(shown, settings, e);
    } catch (ConnectException e) {
      throw connectionRefused(shown, uri, e);
    } catch (SSLHandshakeException e) {
      String read = readError(e);
      if (read != null) {
        throw new GoProxyException("Get \"" + shown + "\": " + read, e);
      }
      String x509 = certificateError(e, target.getHost());
      if (x509 != null) {
        throw new GoProxyException("Get \"" + shown + "\": " + x509, e);
      }
      throw new GoProxyException("Get \"" + shown + "\": tls: " + Redaction.netHttpText(e.getMessage()), e);
    } catch (SSLException e) {
      String read = readError(e);
      String text = read != null ? read : e.getMessage() == null ? e.getClass().getSimpleName()
          : Redaction.netHttpText(e.getMessage());
      throw new GoProxyException("Get \"" + shown + "\": " + text, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted: Get \"" + shown + "\"");
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new GoProxyException("Get \"" + shown + "\": " + Redaction.netHttpText(msg), e);
    }
    if (r.statusCode() == 407 && "https".equalsIgnoreCase(uri.getScheme()) && envProxies != null) {
      Optional<EnvProxySelector.ProxyUrl> p = envProxies.proxyFor(uri);
      if (p.isPresent()) {
        if (r.body() != null) {
          r.body().close();
        }
        String hint = p.get().credentials().isPresent()
            && !"".equals(System.getProperty(TUNNELING_DISABLED_SCHEMES))
            ? "; the JDK did not send the Basic credentials of the proxy URL on CONNECT: start"
              + " the JVM with -D" + TUNNELING_DISABLED_SCHEMES + "= (empty)"
            : p.get().credentials().isPresent()
                ? "; the proxy rejected the credentials of " + p.get()
                : "; give credentials in the proxy URL, e.g. http://user:password@host:port";
        throw new GoProxyException(
            "Get \"" + shown + "\": proxyconnect: Proxy Authentication Required" + hint);
      }
    }
    InputStream in = r.body();
    return new Hop(r.statusCode(), r.version() == HttpClient.Version.HTTP_2, r.headers().map(),
        in != null ? in : InputStream.nullInputStream());
  }

  /**
   * go's text for a server certificate the JDK rejected or a fatal alert the server sent
   * ({@link TlsAlert}), or null when it is not one go words (then the JDK's message is shown). go checks the leaf's validity period, then the host name,
   * then the chain; the JDK checks the chain first and words each failure its own way
   * ({@code NotAfter: ...}, {@code No subject alternative names matching IP address ...}, {@code
   * PKIX path building failed}), so its message is neither go's text nor, when several checks
   * fail, go's first failure. The leaf comes from {@link PeerChainTrustManager} (the contexts
   * {@link TlsTrust} builds); with another context ({@link HttpSettings#sslContext()}, the JDK's
   * default kept for a client key store), whose trust managers nothing here can wrap, from the
   * JDK's own exception when its PKIX validation failed ({@code CertPathValidatorException}
   * carries the path it validated, the server's leaf first: an expired or not yet valid
   * certificate under a trusted root); a host name the JDK refused after a valid chain, or an
   * unknown authority, come with no certificate, and keep the JDK's text or the unknown authority.
   */
  private String certificateError(SSLHandshakeException e, String host) {
    PeerChainTrustManager.Rejected rejected = cause(e, PeerChainTrustManager.Rejected.class);
    X509Certificate leaf = rejected != null ? rejected.chain()[0] : validatedLeaf(e);
    if (leaf != null && host != null) {
      String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
          : host;
      String error = X509Verify.leafError(leaf, h, Instant.now(), goZone(), goMinor);
      if (error != null) {
        return verificationFailed(error, goMinor);
      }
    }
    if (cause(e, java.security.cert.CertPathBuilderException.class) != null) {
      return unknownAuthority(goMinor);
    }
    return TlsAlert.remoteError(e);
  }

  /**
   * The server's leaf certificate from the JDK's failed PKIX validation (its
   * CertPathValidatorException's path starts with the certificate the server sent first), or
   * null.
   */
  static X509Certificate validatedLeaf(Throwable e) {
    java.security.cert.CertPathValidatorException v =
        cause(e, java.security.cert.CertPathValidatorException.class);
    if (v == null || v.getCertPath() == null) {
      return null;
    }
    List<? extends java.security.cert.Certificate> path = v.getCertPath().getCertificates();
    return !path.isEmpty() && path.get(0) instanceof X509Certificate
        ? (X509Certificate) path.get(0) : null;
  }

  /** java.net.http's text when the server closes the connection during the handshake (SSLTube). */
  private static final String TERMINATED = "Remote host terminated the handshake";
  /** java.net.http's text when that close left part of a record unread (SSLFlowDelegate). */
  private static final String UNDERFLOW_EOF = "BUFFER_UNDERFLOW with EOF";
  /** The JDK's text for a close_notify alert before the handshake ended (sun.security.ssl). */
  private static final String CLOSE_NOTIFY = "Received close_notify during handshake";

  /**
   * go's text for what the server sent instead of TLS, or null: a first record go refuses ({@link
   * FirstRecordContext}: a plain-text port), or the end of the connection during the handshake.
   * go reads records with io.ReadFull, so a close between two records is {@code EOF} and a close
   * inside one (fewer than five bytes, or a header and part of its record) {@code unexpected
   * EOF} (crypto/tls's readRecordOrCCS, go1.19 to go1.27); java.net.http reports both as {@code
   * Remote host terminated the handshake}, the second with the cause {@code BUFFER_UNDERFLOW with
   * EOF, N bytes non decrypted.} (JDK 17 and 25). A close_notify alert is {@code EOF} to go
   * whenever it comes; the JDK refuses it during the handshake with {@code Received close_notify
   * during handshake} (JDK 25: {@code (unexpected_message) } before it).
   */
  static String readError(SSLException e) {
    FirstRecordContext.Refused refused = cause(e, FirstRecordContext.Refused.class);
    if (refused != null) {
      return refused.getMessage();
    }
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SSLException && CLOSE_NOTIFY.equals(TlsAlert.withoutAlertName(c.getMessage()))) {
        return "EOF";
      }
    }
    boolean terminated = false;
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (c instanceof SSLHandshakeException && TERMINATED.equals(m)) {
        terminated = true;
      } else if (terminated && m != null && m.startsWith(UNDERFLOW_EOF)) {
        return "unexpected EOF";
      } else if (terminated) {
        return null; // another cause: not the close alone
      }
    }
    return terminated ? "EOF" : null;
  }

  /** crypto/tls's wrapping of a verification error: CertificateVerificationError from go1.20. */
  static String verificationFailed(String x509, int goMinor) {
    return goMinor >= 20 ? "tls: failed to verify certificate: " + x509 : x509;
  }

  /**
   * go's local time zone under this transport's environment ({@link GoLocalZone}); where that
   * cannot be told (another system, ZONEINFO, a zone file of its own), the JVM's, which is the
   * system's when nothing overrides {@code user.timezone}.
   */
  private ZoneId goZone() {
    boolean linux = !windows && GoEnv.Os.current() == GoEnv.Os.LINUX;
    return (linux ? GoLocalZone.onLinux(zoneVars) : Optional.<ZoneId>empty()).orElseGet(ZoneId::systemDefault);
  }

  /**
   * go's text for a server certificate that no trusted root vouches for (the JDK: no
   * certification path could be built): crypto/x509's UnknownAuthorityError, which crypto/tls
   * wraps from go1.20 on.
   */
  static String unknownAuthority(int goMinor) {
    return verificationFailed("x509: certificate signed by unknown authority", goMinor);
  }

  private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static boolean containsIgnoreCase(Iterable<String> names, String name) {
    for (String k : names) {
      if (k.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** net/http's shouldCopyHeaderOnRedirect: these go only to the same domain or subdomains. */
  private static Map<String, String> withoutSensitive(Map<String, String> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      String lk = k.toLowerCase(Locale.ROOT);
      if (!lk.equals("authorization") && !lk.equals("www-authenticate") && !lk.equals("cookie")
          && !lk.equals("cookie2")) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static void drain(InputStream in) {
    try (in) {
      in.readNBytes(2 << 10);
    } catch (IOException e) {
      // the connection is not reused; nothing else to do
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static URI resolve(URI base, String location) throws URISyntaxException {
    URI loc = new URI(location);
    if (loc.isAbsolute()) {
      return loc;
    }
    URI b = base;
    if (b.getRawPath() == null || b.getRawPath().isEmpty()) {
      b = new URI(b.getScheme(), b.getRawAuthority(), "/", null, null);
    }
    return b.resolve(loc);
  }

  private static URI withoutFragment(URI u) {
    if (u.getRawFragment() == null) {
      return u;
    }
    String s = u.toString();
    return URI.create(s.substring(0, s.indexOf('#')));
  }

  /** go's error when no connection came within the timeouts. */
  static GoProxyException connectTimeout(String shown, URI uri, HttpSettings s, Exception cause) {
    return new GoProxyException("Get \"" + shown + "\": dial tcp " + hostPort(uri)
        + ": i/o timeout (no connection within the connect timeout "
        + Durations.go(s.connectTimeout()) + " or the request timeout "
        + Durations.go(s.requestTimeout()) + ")", cause);
  }

  /**
   * go's error when the TLS handshake did not end in time (net/http's TLSHandshakeTimeout, 10 s
   * in go's DefaultTransport; here the connect or the request timeout, which count the handshake
   * in the connection).
   */
  static GoProxyException handshakeTimeout(String shown, HttpSettings s, Exception cause) {
    return new GoProxyException("Get \"" + shown + "\": net/http: TLS handshake timeout (no"
        + " handshake within the connect timeout " + Durations.go(s.connectTimeout())
        + " or the request timeout " + Durations.go(s.requestTimeout()) + ")", cause);
  }

  /** The error when the response headers did not come within the request timeout. */
  static GoProxyException headersTimeout(String shown, HttpSettings s, Exception cause) {
    return new GoProxyException("Get \"" + shown + "\": timeout awaiting response headers"
        + " (request timeout " + Durations.go(s.requestTimeout()) + ")", cause);
  }

  /** go's error for a refused connection. */
  static GoProxyException connectionRefused(String shown, URI uri, Exception cause) {
    return new GoProxyException("Get \"" + shown + "\": dial tcp " + hostPort(uri)
        + ": connect: connection refused", cause);
  }

  private static String hostPort(URI u) {
    String[] hp = HostPort.ofAuthority(u.getRawAuthority());
    String port = hp[1].isEmpty() ? EnvProxySelector.defaultPort(u.getScheme()) : hp[1];
    String host = hp[0].indexOf(':') >= 0 ? "[" + hp[0] + "]" : hp[0];
    return host + ":" + port;
  }

  /** net/http's canonicalAddr: ASCII (IDNA) host and port, default port by scheme. */
  static String canonicalAddr(URI u) {
    String[] hp = HostPort.ofAuthority(u.getRawAuthority());
    String host = NoProxy.idnaAscii(hp[0]);
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String port = hp[1].isEmpty() ? EnvProxySelector.defaultPort(scheme) : hp[1];
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** net/http's isDomainOrSubdomain on canonical addresses. */
  static boolean isDomainOrSubdomain(String sub, String parent) {
    if (sub.equals(parent)) {
      return true;
    }
    return sub.endsWith(parent) && sub.length() > parent.length()
        && sub.charAt(sub.length() - parent.length() - 1) == '.';
  }

  private HttpClient httpClient(URI uri) {
    return ("http".equalsIgnoreCase(uri.getScheme()) ? plainClient : tlsClient).get();
  }

  /**
   * A {@code java.net.http} client built on first use (fields, not lambdas: every transport makes
   * two, on the cold path of a short command); closing one never built does nothing. With
   * {@code tls}, over the settings' TLS context or the trust {@link TlsTrust} reads; without, for
   * http:// only.
   */
  private static final class LazyClient {
    private final HttpSettings settings;
    private final ProxySelector selector;
    private final Map<String, String> env;
    private final boolean tls;
    private volatile HttpClient client;
    /** The context around the TLS client's, once built. */
    private volatile FirstRecordContext firstRecord;

    LazyClient(HttpSettings settings, ProxySelector selector, Map<String, String> env, boolean tls) {
      this.settings = settings;
      this.selector = selector;
      this.env = env;
      this.tls = tls;
    }

    private HttpClient build() {
      SSLContext ssl = null;
      if (tls) {
        try {
          ssl = settings.sslContext().isPresent() ? settings.sslContext().get() : TlsTrust.sslContext(env);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot build the TLS trust: " + e.getMessage(), e);
        }
      }
      HttpClient.Builder b = HttpClient.newBuilder()
          .connectTimeout(settings.connectTimeout())
          .followRedirects(HttpClient.Redirect.NEVER)
          .executor(Runnable::run)
          .proxy(selector)
          .version(settings.http2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
      if (ssl != null) {
        // go's texts for a server that does not speak TLS, whoever built the context
        FirstRecordContext wrapping = FirstRecordContext.wrap(ssl);
        firstRecord = wrapping;
        b.sslContext(wrapping);
      } else {
        // http:// only (this client never sees an https URL, and the JDK has no TLS proxies): a
        // context that does nothing, so building the client neither reads the trust store nor
        // loads the JSSE provider. Should TLS ever be attempted with it, it refuses.
        b.sslContext(new NoTlsContext()).sslParameters(new javax.net.ssl.SSLParameters());
      }
      return b.build();
    }

    /**
     * Whether every connection to {@code uri}'s host and port made since {@code sinceNanos} had
     * begun its TLS handshake ({@link FirstRecordContext#handshakeBegun}).
     */
    boolean handshakeBegun(URI uri, long sinceNanos) {
      FirstRecordContext f = firstRecord;
      String host = uri.getHost();
      if (f == null || host == null) {
        return false;
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = uri.getPort() < 0 ? 443 : uri.getPort();
      return Boolean.TRUE.equals(f.handshakeBegun(host, port, sinceNanos));
    }

    HttpClient get() {
      HttpClient c = client;
      if (c == null) {
        synchronized (this) {
          c = client;
          if (c == null) {
            c = build();
            client = c;
          }
        }
      }
      return c;
    }

    void close() {
      // java.net.http.HttpClient is AutoCloseable from Java 21; before, its threads end once it
      // is unreferenced.
      Object c = client;
      if (c instanceof AutoCloseable) {
        try {
          ((AutoCloseable) c).close();
        } catch (Exception e) {
          LOG.debug("closing the HTTP client failed", e);
        }
      }
    }
  }

  @Override
  public void close() {
    plainClient.close();
    tlsClient.close();
  }

  @Override
  public String toString() {
    return "JdkHttpTransport[" + settings + ", proxies="
        + (envProxies != null ? envProxies : "custom") + ", " + auth + "]";
  }
}
