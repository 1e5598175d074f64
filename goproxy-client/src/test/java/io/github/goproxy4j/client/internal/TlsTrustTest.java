package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.client.HttpSettings;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Transport;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loopback HTTPS server whose CA is trusted only through SSL_CERT_FILE / SSL_CERT_DIR. */
class TlsTrustTest {
  @TempDir Path tmp;
  private final MockWebServer tls = new MockWebServer();
  private TestCerts certs;

  @BeforeEach
  void start() throws Exception {
    certs = TestCerts.shared();
    tls.useHttps(certs.serverContext().getSocketFactory());
    tls.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    tls.close();
  }

  private int fetch(Map<String, String> env) throws Exception {
    tls.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults());
        Transport.Response r =
            t.get(URI.create("https://localhost:" + tls.getPort() + "/"), Map.of())) {
      return r.status();
    }
  }

  @Test
  void untrustedWithoutTheEnvironment() throws Exception {
    GoProxyException e = assertThrows(GoProxyException.class, () -> fetch(Map.of()));
    assertTrue(e.getMessage().startsWith("Get \"https://localhost:" + tls.getPort() + "/\": "),
        e.getMessage());
  }

  /**
   * A JVM with a client key store ({@code javax.net.ssl.keyStore}) keeps the JDK's default
   * context, whose key managers present it; without one, or with extra certificates from the
   * environment, the context is the client's own (keeping a rejected chain for go's texts).
   */
  @Test
  void jdkDefaultContextKeptForAClientKeyStore() throws Exception {
    assertSame(SSLContext.getDefault(), TlsTrust.sslContext(Map.of(), "/etc/client.p12"));
    assertNotSame(SSLContext.getDefault(), TlsTrust.sslContext(Map.of(), null));
    assertNotSame(SSLContext.getDefault(), TlsTrust.sslContext(Map.of(), ""));
    assertNotSame(SSLContext.getDefault(),
        TlsTrust.sslContext(Map.of("SSL_CERT_FILE", certs.caPem.toString()), "/etc/client.p12"));
  }

  @Test
  void trustedThroughSslCertFile() throws Exception {
    assertEquals(200, fetch(Map.of("SSL_CERT_FILE", certs.caPem.toString())));
  }

  @Test
  void trustedThroughSslCertDirAmongJunkAndSameDirSymlinks() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("certs"));
    Files.writeString(dir.resolve("junk.txt"), "not a certificate\n");
    Files.copy(certs.caPem, dir.resolve("corp-ca.pem"));
    Files.createSymbolicLink(dir.resolve("abcd1234.0"), Path.of("corp-ca.pem"));
    assertEquals(1, TlsTrust.extraCertificates(Map.of("SSL_CERT_DIR", dir.toString())).size(),
        "a symlink to a file in the same directory is not read twice");
    assertEquals(200, fetch(Map.of("SSL_CERT_DIR", tmp.resolve("missing") + ":" + dir)));
  }

  @Test
  void pemBlocksFollowAppendCertsFromPem() throws Exception {
    String ca = Files.readString(certs.caPem);
    String body = ca.substring(ca.indexOf('\n') + 1, ca.indexOf("-----END"));
    String withHeaders = "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\n" + body
        + "-----END CERTIFICATE-----\n";
    String otherType = "-----BEGIN PRIVATE KEY-----\n" + body + "-----END PRIVATE KEY-----\n";
    String broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    List<X509Certificate> got =
        TlsTrust.parsePem("intro text\n" + withHeaders + otherType + broken + ca + ca);
    assertEquals(2, got.size());
    assertEquals("CN=goproxy4j test CA", got.get(0).getSubjectX500Principal().getName());
  }
}
