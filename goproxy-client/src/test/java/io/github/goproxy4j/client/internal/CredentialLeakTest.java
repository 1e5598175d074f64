package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.client.HttpSettings;
import io.github.goproxy4j.env.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** No failure and no {@code toString()} shows a password, whichever way the request fails. */
class CredentialLeakTest {
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
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.19", fast)) {
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
    try (JdkHttpTransport t = JdkHttpTransport.create(proxied, "1.25", HttpSettings.defaults())) {
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
