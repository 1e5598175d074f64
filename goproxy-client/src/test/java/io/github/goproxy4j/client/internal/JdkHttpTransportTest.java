package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.client.HttpSettings;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The transport against loopback servers: versions, timeouts, redirects, auth, files. These
 * tests run with {@code http://} URLs on {@link UrlConnectionHop}, the default; {@link
 * JdkHttpTransportJavaNetHttpTest} runs them again with {@code java.net.http} for them.
 */
@Isolated // timeouts of 300-600 ms against slow servers, measured: alone (junit-platform.properties)
class JdkHttpTransportTest {
  static TestCerts certs;

  private final MockWebServer plain = new MockWebServer();
  private final MockWebServer tls = new MockWebServer();
  private final MockWebServer tls2 = new MockWebServer();
  @TempDir Path tmp;

  @BeforeAll
  static void makeCerts() throws Exception {
    certs = TestCerts.shared();
  }

  @BeforeEach
  void start() throws Exception {
    plain.start(InetAddress.getLoopbackAddress(), 0);
    tls.useHttps(certs.serverContext().getSocketFactory());
    tls.start(InetAddress.getLoopbackAddress(), 0);
    tls2.useHttps(certs.serverContext().getSocketFactory());
    tls2.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    plain.close();
    tls.close();
    tls2.close();
  }

  /** Whether http:// URLs go through {@link UrlConnectionHop}. */
  boolean urlConnectionForHttp() {
    return true;
  }

  private JdkHttpTransport transport(String goVersion, HttpSettings s, String... kv) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("SSL_CERT_FILE", certs.caPem.toString());
    env.put("HOME", tmp.toString());
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return JdkHttpTransport.create(env, goVersion, s, urlConnectionForHttp());
  }

  private JdkHttpTransport transport(String... kv) {
    return transport("1.25", HttpSettings.defaults(), kv);
  }

  private static String body(Transport.Response r) throws IOException {
    try (r) {
      return new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).body(body).build();
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).addHeader("Location", location).build();
  }

  private static String basic(String u, String p) {
    return "Basic " + Base64.getEncoder().encodeToString((u + ":" + p).getBytes(StandardCharsets.UTF_8));
  }

  private URI tlsUri(MockWebServer s, String host, String path) {
    return URI.create("https://" + host + ":" + s.getPort() + path);
  }

  // ---- protocol versions

  @Test
  void plainHttpIsPinnedToHttp11WithoutH2cUpgrade() throws Exception {
    plain.enqueue(ok("hello"));
    try (JdkHttpTransport t = transport()) {
      assertEquals("hello", body(t.get(plain.url("/a").uri(), Map.of("X-Test", "1"))));
    }
    RecordedRequest rr = plain.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("HTTP/1.1", rr.getVersion());
    assertNull(rr.getHeaders().get("Upgrade"));
    assertNull(rr.getHeaders().get("HTTP2-Settings"));
    assertEquals("1", rr.getHeaders().get("X-Test"));
    assertEquals("goproxy4j", rr.getHeaders().get("User-Agent"));
  }

  /**
   * go sends no Accept header; HttpURLConnection would send its browser-style default
   * ({@code text/html, image/gif, image/jpeg, ...}), which a repository manager may answer with
   * an HTML page: a request carries either none or {@code *}{@code /*}, unless the caller set one.
   */
  @Test
  void noBrowserStyleAcceptHeader() throws Exception {
    plain.enqueue(ok("a"));
    plain.enqueue(ok("b"));
    try (JdkHttpTransport t = transport()) {
      assertEquals("a", body(t.get(plain.url("/a").uri(), Map.of())));
      assertEquals("b", body(t.get(plain.url("/b").uri(), Map.of("Accept", "application/json"))));
    }
    String accept = plain.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Accept");
    assertTrue(accept == null || accept.equals("*/*"), "Accept: " + accept);
    assertEquals("application/json", plain.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Accept"));
  }

  @Test
  void tlsNegotiatesHttp2AndCanBeToldNotTo() throws Exception {
    tls.enqueue(ok("h2"));
    tls.enqueue(ok("h1"));
    try (JdkHttpTransport t = transport()) {
      assertEquals("h2", body(t.get(tlsUri(tls, "localhost", "/"), Map.of())));
    }
    try (JdkHttpTransport t =
        transport("1.25", HttpSettings.builder().http2(false).build())) {
      assertEquals("h1", body(t.get(tlsUri(tls, "localhost", "/"), Map.of())));
    }
    assertEquals("HTTP/2", tls.takeRequest(5, TimeUnit.SECONDS).getVersion());
    assertEquals("HTTP/1.1", tls.takeRequest(5, TimeUnit.SECONDS).getVersion());
  }

  @Test
  void largeBodiesStreamByteExact() throws Exception {
    byte[] data = new byte[8 << 20];
    new Random(42).nextBytes(data);
    plain.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(data)).build());
    try (JdkHttpTransport t = transport();
        Transport.Response r = t.get(plain.url("/big.zip").uri(), Map.of())) {
      assertEquals(200, r.status());
      assertArrayEquals(data, r.body().readAllBytes());
    }
  }

  @Test
  void everyStatusIsAnAnswer() throws Exception {
    plain.enqueue(new MockResponse.Builder().code(404)
        .addHeader("Content-Type", "text/plain; charset=utf-8").body("not found: m@v9").build());
    plain.enqueue(new MockResponse.Builder().code(500).body("boom").build());
    try (JdkHttpTransport t = transport()) {
      try (Transport.Response r = t.get(plain.url("/x").uri(), Map.of())) {
        assertEquals(404, r.status());
        assertEquals("text/plain; charset=utf-8", r.header("content-type").orElseThrow());
        assertEquals("not found: m@v9", new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
      }
      try (Transport.Response r = t.get(plain.url("/y").uri(), Map.of())) {
        assertEquals(500, r.status());
      }
    }
  }

  /**
   * A context of the caller's ({@link HttpSettings#sslContext()}) with a client certificate: the
   * server that requires one gets it, and an https URL on a port that answers in plain HTTP fails
   * with go's text all the same (the transport wraps any context, {@link FirstRecordContext}).
   */
  @Test
  void callersContextKeepsItsClientCertificateAndGetsGoTextForAPlainPort() throws Exception {
    okhttp3.tls.HeldCertificate server = new okhttp3.tls.HeldCertificate.Builder()
        .commonName("goproxy4j mtls server").addSubjectAlternativeName("localhost").build();
    okhttp3.tls.HeldCertificate client = new okhttp3.tls.HeldCertificate.Builder()
        .commonName("goproxy4j client").build();
    javax.net.ssl.SSLContext callers = new okhttp3.tls.HandshakeCertificates.Builder()
        .heldCertificate(client).addTrustedCertificate(server.certificate()).build().sslContext();
    HttpSettings s = HttpSettings.builder().sslContext(callers).build();
    try (MockWebServer mtls = new MockWebServer();
        ServerSocket notTls = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        JdkHttpTransport t = transport("1.27", s)) {
      mtls.useHttps(new okhttp3.tls.HandshakeCertificates.Builder().heldCertificate(server)
          .addTrustedCertificate(client.certificate()).build().sslSocketFactory());
      mtls.requireClientAuth();
      mtls.start(InetAddress.getLoopbackAddress(), 0);
      mtls.enqueue(ok("v1.0.0\n"));
      assertEquals("v1.0.0\n", body(t.get(tlsUri(mtls, "localhost", "/m/@v/list"), Map.of())));
      RecordedRequest r = mtls.takeRequest();
      assertEquals(List.of(client.certificate()), r.getHandshake().peerCertificates());

      Thread answer = new Thread(() -> {
        try (Socket c = notTls.accept()) {
          InputStream in = c.getInputStream();
          byte[] header = in.readNBytes(5);
          if (header.length == 5) {
            in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
          }
          c.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          in.readAllBytes();
        } catch (IOException e) {
          // the client went away
        }
      });
      answer.setDaemon(true);
      answer.start();
      String url = "https://127.0.0.1:" + notTls.getLocalPort() + "/m/@v/list";
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(URI.create(url), Map.of()));
      assertEquals("Get \"" + url + "\": http: server gave HTTP response to HTTPS client",
          e.getMessage());
    }
  }

  // ---- timeouts

  @Test
  void headersSlowerThanTheStallTimeoutAreAwaitedForTheRequestTimeout() throws Exception {
    // a proxy may think for minutes before it answers; only the request timeout bounds that.
    // The HttpURLConnection hop gives up after the stall timeout and asks again on
    // java.net.http, so the server may see the request twice.
    plain.enqueue(new MockResponse.Builder().code(200).headersDelay(1200, TimeUnit.MILLISECONDS)
        .body("late").build());
    plain.enqueue(new MockResponse.Builder().code(200).headersDelay(1200, TimeUnit.MILLISECONDS)
        .body("late").build());
    HttpSettings s = HttpSettings.builder().readStallTimeout(Duration.ofMillis(300))
        .requestTimeout(Duration.ofSeconds(20)).build();
    try (JdkHttpTransport t = transport("1.25", s)) {
      assertEquals("late", body(t.get(plain.url("/slow").uri(), Map.of())));
    }
  }

  @Test
  void responseHeadersTimeout() throws Exception {
    plain.enqueue(ok("warm-up"));
    plain.enqueue(new MockResponse.Builder().code(200).headersDelay(4, TimeUnit.SECONDS)
        .body("late").build());
    HttpSettings s = HttpSettings.builder().requestTimeout(Duration.ofMillis(500)).build();
    try (JdkHttpTransport t = transport("1.25", s)) {
      // the first request opens the connection, so that the second one waits only for headers
      assertEquals("warm-up", body(t.get(plain.url("/warm").uri(), Map.of())));
      long start = System.nanoTime();
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(plain.url("/slow").uri(), Map.of()));
      assertTrue(e.getMessage().contains("timeout awaiting response headers"), e.getMessage());
      assertTrue(e.getMessage().startsWith("Get \"" + plain.url("/slow") + "\""), e.getMessage());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
    }
  }

  @Test
  void stalledBodyFailsAfterStallTimeout() throws Exception {
    plain.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[64 << 10]))
        .throttleBody(1024, 10, TimeUnit.SECONDS).build());
    HttpSettings s = HttpSettings.builder().readStallTimeout(Duration.ofMillis(400)).build();
    try (JdkHttpTransport t = transport("1.25", s);
        Transport.Response r = t.get(plain.url("/stall.zip").uri(), Map.of())) {
      assertEquals(200, r.status());
      InputStream in = r.body();
      long start = System.nanoTime();
      GoProxyException e = assertThrows(GoProxyException.class, in::readAllBytes);
      assertEquals("reading " + plain.url("/stall.zip") + ": no data received for 400ms"
          + " (read stall timeout)", e.getMessage());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }
  }

  @Test
  void bodyShorterThanItsContentLengthFails() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (Socket s = server.accept()) {
          InputStream in = s.getInputStream();
          StringBuilder head = new StringBuilder();
          while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
              return;
            }
            head.append((char) c);
          }
          s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
              .getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
        } catch (IOException e) {
          // the client sees the close
        }
      });
      t.start();
      URI u = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/m/@v/v1.0.0.zip");
      try (JdkHttpTransport tr = transport(); Transport.Response r = tr.get(u, Map.of())) {
        assertEquals(200, r.status());
        GoProxyException e = assertThrows(GoProxyException.class, () -> r.body().readAllBytes());
        assertTrue(e.getMessage().startsWith("reading " + u + ": "), e.getMessage());
      }
      t.join(5000);
    }
  }

  @Test
  void slowButLiveBodyIsNotAStall() throws Exception {
    plain.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[3000]))
        .throttleBody(500, 150, TimeUnit.MILLISECONDS).build());
    HttpSettings s = HttpSettings.builder().readStallTimeout(Duration.ofMillis(600)).build();
    try (JdkHttpTransport t = transport("1.25", s);
        Transport.Response r = t.get(plain.url("/slow.zip").uri(), Map.of())) {
      assertEquals(3000, r.body().readAllBytes().length);
    }
  }

  /**
   * https to a listener whose backlog is full: no TCP connection, so go's dial text (the
   * handshake never began; a handshake that times out is net/http's text,
   * JdkHttpTransportInteropTest.silentServerAsGo).
   */
  @Test
  void httpsConnectTimeoutIsADialTimeout() throws Exception {
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket f = new Socket();
          try {
            f.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
            fillers.add(f);
          } catch (IOException e) {
            f.close();
            break; // backlog is full: the next connect can only time out
          }
        }
        HttpSettings s = HttpSettings.builder().connectTimeout(Duration.ofMillis(300))
            .requestTimeout(Duration.ofSeconds(20)).build();
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        try (JdkHttpTransport t = transport("1.25", s)) {
          String url = "https://" + host + ":" + full.getLocalPort() + "/";
          GoProxyException e = assertThrows(GoProxyException.class, () -> t.get(
              URI.create(url), Map.of()));
          assertEquals("Get \"" + url + "\": dial tcp " + host + ":" + full.getLocalPort()
              + ": i/o timeout (no connection within the connect timeout 300ms or the request"
              + " timeout 20s)", e.getMessage());
        }
      } finally {
        for (Socket f : fillers) {
          f.close();
        }
      }
    }
  }

  @Test
  void connectTimeoutWhenTheListenerNeverAccepts() throws Exception {
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket f = new Socket();
          try {
            f.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
            fillers.add(f);
          } catch (IOException e) {
            f.close();
            break; // backlog is full: the next connect can only time out
          }
        }
        HttpSettings s = HttpSettings.builder().connectTimeout(Duration.ofMillis(300))
            .requestTimeout(Duration.ofSeconds(20)).build();
        try (JdkHttpTransport t = transport("1.25", s)) {
          long start = System.nanoTime();
          GoProxyException e = assertThrows(GoProxyException.class, () -> t.get(
              URI.create("http://127.0.0.1:" + full.getLocalPort() + "/"), Map.of()));
          assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), e.getMessage());
          assertTrue(e.getMessage().startsWith("Get \"http://127.0.0.1:" + full.getLocalPort()),
              e.getMessage());
        }
      } finally {
        for (Socket f : fillers) {
          f.close();
        }
      }
    }
  }

  @Test
  void connectionRefusedIsGoProxyException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (JdkHttpTransport t = transport()) {
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(URI.create("https://u:hunter2@127.0.0.1:" + port + "/m/@v/list"), Map.of()));
      assertEquals("Get \"https://u:***@127.0.0.1:" + port + "/m/@v/list\": dial tcp 127.0.0.1:"
          + port + ": connect: connection refused", e.getMessage());
    }
  }

  @Test
  void proxyPortOutOfRangeIsGoProxyExceptionWithGoText() throws Exception {
    // go1.19 and go1.27 print this for HTTPS_PROXY=http://127.0.0.1:99999 (the dial fails on the
    // port before any connection; JdkHttpTransportInteropTest compares with the installed go).
    try (JdkHttpTransport t = transport("HTTPS_PROXY", "http://127.0.0.1:99999")) {
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(URI.create("https://proxy.goproxy4j.invalid/m/@v/list"), Map.of()));
      assertEquals("Get \"https://proxy.goproxy4j.invalid/m/@v/list\": proxyconnect tcp: dial tcp:"
          + " address 99999: invalid port", e.getMessage());
    }
  }

  // ---- redirects

  @Test
  void followsNineRedirectsAndStopsAtTheTenthLikeGo() throws Exception {
    for (int i = 0; i < 9; i++) {
      plain.enqueue(redirect(i % 2 == 0 ? 302 : 301, "/r" + (i + 1)));
    }
    plain.enqueue(ok("done"));
    try (JdkHttpTransport t = transport()) {
      assertEquals("done", body(t.get(plain.url("/r0").uri(), Map.of())));
    }
    assertEquals(10, plain.getRequestCount());
    for (int i = 0; i < 10; i++) {
      plain.enqueue(redirect(307, "/s" + (i + 1)));
    }
    try (JdkHttpTransport t = transport()) {
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(plain.url("/s0").uri(), Map.of()));
      assertEquals("Get \"/s10\": stopped after 10 redirects", e.getMessage());
    }
    assertEquals(20, plain.getRequestCount());
  }

  @Test
  void redirectWithoutLocationIsReturned() throws Exception {
    plain.enqueue(new MockResponse.Builder().code(302).body("nowhere").build());
    try (JdkHttpTransport t = transport(); Transport.Response r = t.get(plain.url("/").uri(), Map.of())) {
      assertEquals(302, r.status());
    }
  }

  @Test
  void httpToHttpsRedirectIsFollowedWithTheTlsTrust() throws Exception {
    // http:// and https:// go through separate clients, each built on first use: the hop to
    // https must get the one that trusts SSL_CERT_FILE, then http:// works again.
    plain.enqueue(redirect(302, tlsUri(tls, "localhost", "/secure").toString()));
    tls.enqueue(ok("secure"));
    plain.enqueue(ok("plain again"));
    try (JdkHttpTransport t = transport()) {
      assertEquals("secure", body(t.get(plain.url("/start").uri(), Map.of())));
      assertEquals("plain again", body(t.get(plain.url("/again").uri(), Map.of())));
    }
    assertEquals("/secure", tls.takeRequest(5, TimeUnit.SECONDS).getTarget());
    assertEquals(2, plain.getRequestCount());
  }

  @Test
  void httpsToHttpRedirectIsRefused() throws Exception {
    String insecure = plain.url("/m/@v/list").toString();
    tls.enqueue(redirect(302, insecure));
    try (JdkHttpTransport t = transport()) {
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(tlsUri(tls, "localhost", "/m/@v/list"), Map.of()));
      assertEquals("Get \"" + insecure + "\": redirected from secure URL "
          + tlsUri(tls, "localhost", "/m/@v/list") + " to insecure URL " + insecure, e.getMessage());
    }
    assertEquals(0, plain.getRequestCount());
  }

  @Test
  void netrcCredentialsFollowOnlyToTheSameHost(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve(".netrc"), "machine localhost login nu password np\n");
    tls.enqueue(redirect(302, "/same-host"));
    tls.enqueue(redirect(302, tlsUri(tls2, "127.0.0.1", "/other-host").toString()));
    tls2.enqueue(ok("there"));
    try (JdkHttpTransport t = transport("1.19", HttpSettings.defaults(), "HOME", home.toString())) {
      assertEquals("there", body(t.get(tlsUri(tls, "localhost", "/start"),
          Map.of("Cookie", "c=1", "X-Other", "y"))));
    }
    assertEquals(basic("nu", "np"), tls.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
    RecordedRequest same = tls.takeRequest(5, TimeUnit.SECONDS);
    assertEquals(basic("nu", "np"), same.getHeaders().get("Authorization"));
    assertEquals(tlsUri(tls, "localhost", "/start").toString(), same.getHeaders().get("Referer"));
    assertEquals("c=1", same.getHeaders().get("Cookie"));
    RecordedRequest other = tls2.takeRequest(5, TimeUnit.SECONDS);
    assertNull(other.getHeaders().get("Authorization"));
    assertNull(other.getHeaders().get("Cookie"));
    assertEquals("y", other.getHeaders().get("X-Other"));
  }

  @Test
  void credentialsStayStrippedWhenARedirectChainComesBack(@TempDir Path home) throws Exception {
    // net/http since go1.22.11/1.23.5 (CVE-2024-45336): once a redirect left the domain,
    // sensitive headers are not sent again, even when a later redirect returns to the first host.
    // go1.19 still re-sent them; a security fix is never downgraded, so every goVersion strips.
    Files.writeString(home.resolve(".netrc"), "machine localhost login nu password np\n");
    tls.enqueue(redirect(302, tlsUri(tls2, "127.0.0.1", "/away").toString()));
    tls2.enqueue(redirect(302, tlsUri(tls, "localhost", "/back").toString()));
    tls.enqueue(ok("back"));
    try (JdkHttpTransport t = transport("1.19", HttpSettings.defaults(), "HOME", home.toString())) {
      assertEquals("back", body(t.get(tlsUri(tls, "localhost", "/start"),
          Map.of("Cookie", "c=1"))));
    }
    RecordedRequest first = tls.takeRequest(5, TimeUnit.SECONDS);
    assertEquals(basic("nu", "np"), first.getHeaders().get("Authorization"));
    assertEquals("c=1", first.getHeaders().get("Cookie"));
    RecordedRequest away = tls2.takeRequest(5, TimeUnit.SECONDS);
    assertNull(away.getHeaders().get("Authorization"));
    RecordedRequest back = tls.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("/back", back.getTarget());
    assertNull(back.getHeaders().get("Authorization"));
    assertNull(back.getHeaders().get("Cookie"));
  }

  // ---- credentials

  @Test
  void urlUserInfoIsBasicAuthAndNetrcOverridesIt(@TempDir Path home) throws Exception {
    tls.enqueue(ok("a"));
    tls.enqueue(ok("b"));
    try (JdkHttpTransport t = transport("1.19", HttpSettings.defaults(), "HOME", home.toString())) {
      assertEquals("a", body(t.get(tlsUri(tls, "u%40x:p%3Aw@localhost", "/"), Map.of())));
    }
    assertEquals(basic("u@x", "p:w"), tls.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
    Files.writeString(home.resolve(".netrc"), "machine localhost login nu password np\n");
    try (JdkHttpTransport t = transport("1.19", HttpSettings.defaults(), "HOME", home.toString())) {
      assertEquals("b", body(t.get(tlsUri(tls, "u:p@localhost", "/"), Map.of())));
    }
    assertEquals(basic("nu", "np"), tls.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
  }

  @Test
  void credentialsAreNeverSentOverPlainHttp(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve(".netrc"), "machine 127.0.0.1 login nu password np\n");
    plain.enqueue(ok("x"));
    try (JdkHttpTransport t = transport("1.19", HttpSettings.defaults(), "HOME", home.toString())) {
      URI withUser = URI.create("http://user:s3cret@127.0.0.1:" + plain.getPort() + "/m/@v/list");
      GoProxyException e = assertThrows(GoProxyException.class, () -> t.get(withUser, Map.of()));
      assertEquals("refusing to pass credentials to insecure URL: http://user:xxxxx@127.0.0.1:"
          + plain.getPort() + "/m/@v/list", e.getMessage());
      assertEquals(0, plain.getRequestCount());
      assertEquals("x", body(t.get(plain.url("/m/@v/list").uri(), Map.of())));
    }
    assertNull(plain.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
  }

  @Test
  void netrcPortMatchingFlippedIn124(@TempDir Path home) throws Exception {
    Path hostOnly = home.resolve("host-only");
    Files.writeString(hostOnly, "machine localhost login h password hp\n");
    Path withPort = home.resolve("with-port");
    Files.writeString(withPort, "machine localhost:" + tls.getPort() + " login p password pp\n");
    String[][] cases = {
      {"1.19", hostOnly.toString(), basic("h", "hp")},
      {"1.19", withPort.toString(), null},
      {"1.24", hostOnly.toString(), null},
      {"1.25", hostOnly.toString(), null},
      {"1.25", withPort.toString(), basic("p", "pp")},
    };
    for (String[] c : cases) {
      tls.enqueue(ok("ok"));
      try (JdkHttpTransport t = transport(c[0], HttpSettings.defaults(), "NETRC", c[1])) {
        assertEquals("ok", body(t.get(tlsUri(tls, "localhost", "/m/@v/list"), Map.of())));
      }
      assertEquals(c[2], tls.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"),
          () -> "go" + c[0] + " " + c[1]);
    }
  }

  // ---- file://

  @Test
  void fileUrlsServeFilesAnd404ForMissingOnes() throws Exception {
    Path dir = tmp.resolve("proxy/example.com/m/@v");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("list"), "v1.0.0\n");
    try (JdkHttpTransport t = transport()) {
      URI base = tmp.resolve("proxy").toUri();
      try (Transport.Response r = t.get(base.resolve("example.com/m/@v/list"), Map.of())) {
        assertEquals(200, r.status());
        assertEquals("v1.0.0\n", new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
      }
      try (Transport.Response r = t.get(base.resolve("example.com/m/@v/v9.0.0.info"), Map.of())) {
        assertEquals(404, r.status());
        assertEquals(0, r.body().readAllBytes().length);
      }
      // as in Go, only a missing file is a 404: ENOTDIR is an error
      GoProxyException notDir = assertThrows(GoProxyException.class,
          () -> t.get(base.resolve("example.com/m/@v/list/x"), Map.of()));
      assertEquals("open " + dir.resolve("list/x") + ": not a directory", notDir.getMessage());
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(URI.create("file://remote.example/x"), Map.of()));
      assertEquals("file URL specifies non-local host", e.getMessage());
    }
  }

  @Test
  void unsupportedSchemes() throws Exception {
    try (JdkHttpTransport t = transport()) {
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(URI.create("ftp://u:pw@example.com/x"), Map.of()));
      assertEquals("unsupported scheme: ftp://u:xxxxx@example.com/x", e.getMessage());
      assertFalse(t.toString().contains("pw"));
    }
  }
  /** Outgoing proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY through a loopback proxy. */
  @Nested
  class ThroughOutgoingProxies {
    static TestCerts certs;

    private final MockWebServer origin = new MockWebServer();
    private final MockWebServer plainOrigin = new MockWebServer();
    private final List<ConnectProxy> proxies = new ArrayList<>();

    @BeforeAll
    static void makeCerts() throws Exception {
      certs = TestCerts.shared();
    }

    @BeforeEach
    void start() throws Exception {
      origin.useHttps(certs.serverContext().getSocketFactory());
      origin.start(InetAddress.getLoopbackAddress(), 0);
      plainOrigin.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
      origin.close();
      plainOrigin.close();
      for (ConnectProxy p : proxies) {
        p.close();
      }
    }

    private ConnectProxy proxy(String requiredAuth) throws IOException {
      ConnectProxy p = new ConnectProxy(requiredAuth);
      proxies.add(p);
      return p;
    }

    private static String basic(String user, String pass) {
      return "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void httpsGoesThroughConnectTunnelFromHttpsProxy() throws Exception {
      ConnectProxy p = proxy(null);
      origin.enqueue(new MockResponse.Builder().code(200).body("v1.0.0\n").build());
      Map<String, String> env = Map.of(
          "HTTPS_PROXY", "127.0.0.1:" + p.port(), "SSL_CERT_FILE", certs.caPem.toString());
      try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults(), urlConnectionForHttp());
          Transport.Response r =
              t.get(URI.create("https://origin.test:" + origin.getPort() + "/m/@v/list"), Map.of())) {
        assertEquals(200, r.status());
        assertEquals("v1.0.0\n", new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
      }
      assertEquals(1, p.heads.size());
      assertTrue(p.heads.get(0).startsWith("CONNECT origin.test:" + origin.getPort() + " "),
          p.heads.get(0));
    }

    @Test
    void httpProxyGetsAbsoluteFormWithProxyAuthorizationAndOriginDoesNot() throws Exception {
      ConnectProxy p = proxy(basic("pu", "pp"));
      plainOrigin.enqueue(new MockResponse.Builder().code(200).body("ok").build());
      Map<String, String> env = Map.of(
          "http_proxy", "http://pu:pp@127.0.0.1:" + p.port(), "HTTPS_PROXY", "");
      try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.19", HttpSettings.defaults(), urlConnectionForHttp());
          Transport.Response r = t.get(
              URI.create("http://origin.test:" + plainOrigin.getPort() + "/x"), Map.of())) {
        assertEquals(200, r.status());
        assertEquals("ok", new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
      }
      assertTrue(p.heads.get(0).startsWith("GET http://origin.test:" + plainOrigin.getPort() + "/x "),
          p.heads.get(0));
      RecordedRequest rr = plainOrigin.takeRequest(5, TimeUnit.SECONDS);
      assertNull(rr.getHeaders().get("Proxy-Authorization"));
    }

    @Test
    void loopbackAndNoProxyHostsBypassTheProxy() throws Exception {
      ConnectProxy p = proxy(null);
      plainOrigin.enqueue(new MockResponse.Builder().code(200).body("direct").build());
      Map<String, String> env = Map.of(
          "HTTP_PROXY", "127.0.0.1:" + p.port(), "NO_PROXY", "origin.test");
      try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults(), urlConnectionForHttp())) {
        try (Transport.Response r =
            t.get(URI.create("http://127.0.0.1:" + plainOrigin.getPort() + "/"), Map.of())) {
          assertEquals(200, r.status());
        }
        // origin.test is in NO_PROXY: connected directly, so the (unresolvable) name fails.
        assertThrows(IOException.class,
            () -> t.get(URI.create("http://sub.origin.test:" + plainOrigin.getPort() + "/"), Map.of())
                .close());
      }
      assertTrue(p.heads.isEmpty(), p.heads::toString);
    }

    @Test
    void proxyDemandingCredentialsWithoutThemIsReportedClearly() throws Exception {
      ConnectProxy p = proxy(basic("pu", "pp"));
      Map<String, String> env = Map.of(
          "HTTPS_PROXY", "http://127.0.0.1:" + p.port(), "SSL_CERT_FILE", certs.caPem.toString());
      try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults(), urlConnectionForHttp())) {
        GoProxyException e = assertThrows(GoProxyException.class,
            () -> t.get(URI.create("https://origin.test:" + origin.getPort() + "/"), Map.of()));
        assertTrue(e.getMessage().contains("Proxy Authentication Required"), e.getMessage());
      }
      assertEquals(0, origin.getRequestCount());
    }

    @Test
    void unsupportedProxySchemesFailInsteadOfGoingDirect() throws Exception {
      Map<String, String> env = Map.of("HTTPS_PROXY", "socks5://u:secret@127.0.0.1:1080");
      try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults(), urlConnectionForHttp())) {
        GoProxyException e = assertThrows(GoProxyException.class,
            () -> t.get(URI.create("https://origin.test:" + origin.getPort() + "/"), Map.of()));
        assertTrue(e.getMessage().contains("socks5"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
      }
      assertEquals(0, origin.getRequestCount());
    }

    @Test
    void cgiEnvironmentRefusesHttpProxy() throws Exception {
      Map<String, String> env = Map.of("HTTP_PROXY", "127.0.0.1:9", "REQUEST_METHOD", "GET");
      try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults(), urlConnectionForHttp())) {
        GoProxyException e = assertThrows(GoProxyException.class,
            () -> t.get(URI.create("http://origin.test:" + plainOrigin.getPort() + "/"), Map.of()));
        assertEquals("Get \"http://origin.test:" + plainOrigin.getPort() + "/\": refusing to use"
            + " HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy", e.getMessage());
      }
    }

    /**
     * The proxy demands Basic credentials for CONNECT, given as {@code HTTPS_PROXY} user info. Run
     * in a fresh JVM, as an application would, because the JDK reads its tunnelling property at its
     * first use of java.net.http.
     */
    @Test
    void connectProxyDemandingBasicCredentialsFromHttpsProxyUserInfo() throws Exception {
      ConnectProxy p = proxy(basic("proxyuser", "proxy secret"));
      origin.enqueue(new MockResponse.Builder().code(200).body("tunnelled").build());
      String out = runTunnelMain(
          "https://origin.test:" + origin.getPort() + "/m/@v/list",
          "HTTPS_PROXY=http://proxyuser:proxy%20secret@127.0.0.1:" + p.port(),
          "SSL_CERT_FILE=" + certs.caPem);
      assertEquals("status=200 body=tunnelled", out.trim());
      assertTrue(p.heads.get(p.heads.size() - 1).contains(
          "Proxy-Authorization: " + basic("proxyuser", "proxy secret")), p.heads::toString);
      RecordedRequest rr = origin.takeRequest(5, TimeUnit.SECONDS);
      assertNull(rr.getHeaders().get("Proxy-Authorization"), "leaked to the origin");
    }

    private static String runTunnelMain(String... args) throws Exception {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(TunnelMain.class.getName());
      cmd.addAll(List.of(args));
      Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
      return out.lines().filter(l -> l.startsWith("status=") || l.startsWith("error="))
          .findFirst().orElse(out);
    }
  }

  /** No failure and no {@code toString()} shows a password, whichever way the request fails. */
  @Nested
  class Credentials {
    static final String SECRET = "Sup3rS3cr3tPw";

    private final MockWebServer plain = new MockWebServer();
    private final MockWebServer tls = new MockWebServer();
    private TestCerts certs;
    @TempDir Path tmp;

    @BeforeEach
    void start() throws Exception {
      certs = TestCerts.shared();
      plain.start(InetAddress.getLoopbackAddress(), 0);
      tls.useHttps(certs.serverContext().getSocketFactory());
      tls.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
      plain.close();
      tls.close();
    }

    private static void assertNoSecret(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        String m = String.valueOf(c.getMessage()) + " " + c;
        assertFalse(m.contains(SECRET), () -> "password leaked: " + m);
      }
    }

    private static void failsWithoutSecret(Executable e) {
      Throwable t = assertThrows(Throwable.class, e);
      assertNoSecret(t);
    }

    @Test
    void noFailureShowsThePassword() throws Exception {
      Path netrc = tmp.resolve("netrc");
      Files.writeString(netrc, "machine localhost login n password " + SECRET + "\n");
      Map<String, String> env = Map.of(
          "SSL_CERT_FILE", certs.caPem.toString(), "NETRC", netrc.toString(),
          "HTTPS_PROXY", "", "HTTP_PROXY", "");
      HttpSettings fast = HttpSettings.builder().requestTimeout(Duration.ofSeconds(3))
          .readStallTimeout(Duration.ofMillis(300)).build();
      String user = "u:" + SECRET + "@";
      List<String> seen = new ArrayList<>();
      try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.19", fast, urlConnectionForHttp())) {
        seen.add(t.toString());
        // plain http with user info
        failsWithoutSecret(() -> t.get(URI.create("http://" + user + "127.0.0.1:" + plain.getPort() + "/"), Map.of()));
        // connection refused
        failsWithoutSecret(() -> t.get(URI.create("https://" + user + "127.0.0.1:1/x"), Map.of()));
        // https -> http redirect whose Location carries credentials
        tls.enqueue(new MockResponse.Builder().code(302)
            .addHeader("Location", "http://" + user + "127.0.0.1:" + plain.getPort() + "/").build());
        failsWithoutSecret(() -> t.get(URI.create("https://" + user + "localhost:" + tls.getPort() + "/"), Map.of()));
        // stalled body
        tls.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[4096]))
            .throttleBody(1, 5, TimeUnit.SECONDS).build());
        try (Transport.Response r =
            t.get(URI.create("https://" + user + "localhost:" + tls.getPort() + "/stall"), Map.of())) {
          failsWithoutSecret(() -> r.body().readAllBytes());
          seen.add(r.toString());
        }
        // response headers too late
        tls.enqueue(new MockResponse.Builder().code(200).headersDelay(6, TimeUnit.SECONDS).build());
        failsWithoutSecret(() -> t.get(URI.create("https://" + user + "localhost:" + tls.getPort() + "/slow"), Map.of()));
        // unsupported scheme
        failsWithoutSecret(() -> t.get(URI.create("ftp://" + user + "h/x"), Map.of()));
      }
      Map<String, String> proxied = Map.of(
          "HTTPS_PROXY", "socks5://p:" + SECRET + "@127.0.0.1:9",
          "HTTP_PROXY", "http://p:" + SECRET + "@127.0.0.1:" + plain.getPort());
      try (JdkHttpTransport t = JdkHttpTransport.create(proxied, "1.25", HttpSettings.defaults(), urlConnectionForHttp())) {
        seen.add(t.toString());
        failsWithoutSecret(() -> t.get(URI.create("https://origin.test/x"), Map.of()));
      }
      seen.add(EnvProxySelector.fromEnvironment(proxied).toString());
      seen.add(Netrc.parse("machine h login l password " + SECRET).toString());
      seen.add(GoAuth.create(Map.of("NETRC", netrc.toString()), "1.25", false).toString());
      for (String s : seen) {
        assertFalse(s.contains(SECRET), s);
      }
      assertTrue(seen.size() >= 6);
      assertEquals(0, plain.getRequestCount(), "nothing reached the plain server");
    }
  }
}
