package io.github.goproxy4j.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testkit.FakeGoProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension's builder: bad input is reported at the call, not when the fake starts; a
 * private fake (https, Basic credentials) as registered.
 */
class GoProxyExtensionTest {
  @RegisterExtension
  static final GoProxyExtension PRIVATE = GoProxyExtension.builder()
      .https().basicAuth("ci", "s3cret").module("corp.example/lib", "v1.0.0").build();

  /** The status of a GET over TLS trusting only the fake, with an Authorization or none. */
  static int get(FakeGoProxy proxy, String path, String authorization) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(proxy.url() + path));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return HttpClient.newBuilder().sslContext(proxy.sslContext()).build()
        .send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void servesHttpsAndRequiresTheCredentials(FakeGoProxy proxy) throws Exception {
    assertEquals("https", proxy.url().getScheme());
    assertEquals(200, get(proxy, "/corp.example/lib/@v/list", basic("ci", "s3cret")));
    assertEquals(401, get(proxy, "/corp.example/lib/@v/list", basic("ci", "wrong")));
    assertEquals(401, get(proxy, "/corp.example/lib/@v/list", null));
    assertTrue(proxy.environment().containsKey("SSL_CERT_FILE"));
    assertTrue(proxy.environment().containsKey("NETRC"));
    assertFalse((proxy + "" + proxy.requests().all() + proxy.requests().all().stream()
        .map(q -> q.headers()).toList()).contains("s3cret"));
  }

  @Test
  void credentialsAreCheckedAtTheCall() {
    GoProxyExtension.Builder b = GoProxyExtension.builder();
    assertThrows(IllegalArgumentException.class, () -> b.basicAuth("a:b", "pw"));
    assertThrows(IllegalArgumentException.class, () -> b.bearerToken(""));
    assertThrows(NullPointerException.class, () -> b.basicAuth("a", null));
  }

  @Test
  void moduleRejectsABadPathOrVersionAtTheCall() {
    GoProxyExtension.Builder b = GoProxyExtension.builder();
    IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
        () -> b.module("no-dot/m", "v1.0.0"));
    assertTrue(path.getMessage().contains("no-dot/m"), path.getMessage());
    IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
        () -> b.module("example.com/m", "v1.0.0", "1.0"));
    assertTrue(version.getMessage().contains("1.0"), version.getMessage());
    b.module("example.com/m", "v1.0.0").build();
  }
}
