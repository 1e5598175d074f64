package io.github.goproxy4j.testkit;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The https mode's certificate: self-signed, made fresh for each fake, for {@code 127.0.0.1},
 * {@code ::1} and {@code localhost}, with no extended key usage and no basic constraints, so
 * that go (its file in {@code SSL_CERT_FILE}: a root that is also the leaf) and the JDK (a
 * trust manager holding only it) both accept it. Made with okhttp-tls, beside the MockWebServer
 * that serves it.
 */
final class ServerCertificate {
  /** Long enough for a standalone server left running over a weekend. */
  static final Duration VALIDITY = Duration.ofDays(30);

  private final HeldCertificate held;
  private final HandshakeCertificates server;
  private final HandshakeCertificates client;

  private ServerCertificate(HeldCertificate held) {
    this.held = held;
    this.server = new HandshakeCertificates.Builder().heldCertificate(held).build();
    this.client = new HandshakeCertificates.Builder()
        .addTrustedCertificate(held.certificate()).build();
  }

  static ServerCertificate generate() {
    return new ServerCertificate(new HeldCertificate.Builder()
        .commonName("goproxy4j-testkit")
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("::1")
        .addSubjectAlternativeName("localhost")
        .duration(VALIDITY.toMillis(), TimeUnit.MILLISECONDS)
        .build());
  }

  X509Certificate certificate() {
    return held.certificate();
  }

  /** The certificate alone, PEM-encoded (no private key). */
  String pem() {
    return held.certificatePem();
  }

  SSLSocketFactory serverSocketFactory() {
    return server.sslSocketFactory();
  }

  /** A client context that trusts this certificate and nothing else. */
  SSLContext clientContext() {
    return client.sslContext();
  }

  X509TrustManager trustManager() {
    return client.trustManager();
  }
}
