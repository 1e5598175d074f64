package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.client.HttpSettings;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outgoing proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY through a loopback proxy. */
class ProxyTunnelTest {
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
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults());
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
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.19", HttpSettings.defaults());
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
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults())) {
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
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults())) {
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(URI.create("https://origin.test:" + origin.getPort() + "/"), Map.of()));
      assertTrue(e.getMessage().contains("Proxy Authentication Required"), e.getMessage());
    }
    assertEquals(0, origin.getRequestCount());
  }

  @Test
  void unsupportedProxySchemesFailInsteadOfGoingDirect() throws Exception {
    Map<String, String> env = Map.of("HTTPS_PROXY", "socks5://u:secret@127.0.0.1:1080");
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults())) {
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
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults())) {
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
