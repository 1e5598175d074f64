package io.github.goproxy4j.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.Fault;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The annotation form: modules, txtar resources and faults declared on the class. */
@WithFakeGoProxy(
    modules = {"example.com/m@v1.0.0", "example.com/m@v1.1.0"},
    txtar = "io/github/goproxy4j/testkit/junit5/example.com_t_v0.1.0.txt",
    faults = {
        @GoProxyFault(status = 502, body = "bad gateway", module = "example.com/m",
            version = "v1.0.0", endpoints = Endpoint.ZIP),
        @GoProxyFault(disconnect = GoProxyFault.Disconnect.BEFORE_RESPONSE,
            path = "/example.com/gone/*")},
    wrongSumdbHash = "example.com/t@v0.1.0",
    notFoundStatus = 410)
class WithFakeGoProxyTest {

  @Test
  void servesWhatTheAnnotationDeclares(FakeGoProxy proxy) throws Exception {
    assertEquals(200, GoProxyExtensionStaticTest.get(URI.create(proxy.url() + "/example.com/m/@v/list")));
    assertEquals(502, GoProxyExtensionStaticTest.get(URI.create(proxy.url()
        + "/example.com/m/@v/v1.0.0.zip")));
    assertEquals(200, GoProxyExtensionStaticTest.get(URI.create(proxy.url()
        + "/example.com/m/@v/v1.1.0.zip")));
    assertEquals(200, GoProxyExtensionStaticTest.get(URI.create(proxy.url()
        + "/example.com/t/@v/v0.1.0.zip")));
    assertEquals(410, GoProxyExtensionStaticTest.get(URI.create(proxy.url() + "/nope.example/@v/list")));
    assertThrows(IOException.class, () -> GoProxyExtensionStaticTest.get(URI.create(proxy.url()
        + "/example.com/gone/@v/list")));
    String record = proxy.sumdb().record("example.com/t", "v0.1.0").orElseThrow();
    proxy.requests().clear();
    String served = new String(HttpGet.bytes(URI.create(proxy.url() + "/sumdb/"
        + proxy.sumdb().name() + "/lookup/example.com/t@v0.1.0")), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(served.contains("example.com/t v0.1.0 h1:"));
    assertTrue(!served.contains(record.split("\n")[0]), "the zip hash must be wrong");
  }

  @Test
  void annotationFaultsConvert() {
    assertEquals(Fault.delay(java.time.Duration.ofMillis(5)).toString(),
        GoProxyExtension.fault(Inner.class.getAnnotation(WithFakeGoProxy.class).faults()[0])
            .toString());
    assertThrows(ExtensionConfigurationException.class, () -> GoProxyExtension.fault(
        Inner.class.getAnnotation(WithFakeGoProxy.class).faults()[1]));
  }

  @Test
  void annotationServesAPrivateProxy() throws Exception {
    FakeGoProxy.Builder b = FakeGoProxy.builder();
    GoProxyExtension.configure(b, Private.class.getAnnotation(WithFakeGoProxy.class),
        Private.class);
    try (FakeGoProxy proxy = b.start()) {
      assertEquals(200, GoProxyExtensionTest.get(proxy, "/example.com/m/@v/list",
          GoProxyExtensionTest.basic("ci", "pw:with:colons")));
      assertEquals(401, GoProxyExtensionTest.get(proxy, "/example.com/m/@v/list", null));
    }
    b = FakeGoProxy.builder();
    GoProxyExtension.configure(b, Bearer.class.getAnnotation(WithFakeGoProxy.class), Bearer.class);
    try (FakeGoProxy proxy = b.start()) {
      assertEquals(200, GoProxyExtensionTest.get(proxy, "/example.com/m/@v/list", "Bearer t0k"));
      assertEquals(401, GoProxyExtensionTest.get(proxy, "/example.com/m/@v/list", "Bearer t1k"));
    }
    ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
        () -> GoProxyExtension.configure(FakeGoProxy.builder(),
            NoColon.class.getAnnotation(WithFakeGoProxy.class), NoColon.class));
    assertEquals("@WithFakeGoProxy basicAuth: expected user:password (no ':' given)",
        e.getMessage());
  }

  @WithFakeGoProxy(modules = "example.com/m@v1.0.0", https = true, basicAuth = "ci:pw:with:colons")
  static class Private {}

  @WithFakeGoProxy(modules = "example.com/m@v1.0.0", https = true, bearerToken = "t0k")
  static class Bearer {}

  @WithFakeGoProxy(basicAuth = "no-password")
  static class NoColon {}

  @WithFakeGoProxy(faults = {@GoProxyFault(delayMillis = 5),
      @GoProxyFault(status = 500, disconnect = GoProxyFault.Disconnect.DURING_BODY)})
  static class Inner {}

  /** Reads a body. */
  static final class HttpGet {
    static byte[] bytes(URI uri) throws IOException, InterruptedException {
      return java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
          .send(java.net.http.HttpRequest.newBuilder(uri).build(),
              java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
    }
  }
}
