package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.internal.GoRelease;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager, keeping the server's certificate chain on the exception when it
 * rejects one, so that {@link JdkHttpTransport} can word the failure as go does ({@link
 * X509Verify}): the JDK's {@code SSLHandshakeException} carries only its own message, and
 * java.net.http checks the host name inside the handshake (its {@code HTTPS} endpoint
 * identification), where nothing else sees the certificate.
 *
 * <p>A chain the JDK accepts is then checked as go checks its leaf first (crypto/x509's
 * Certificate.Verify, {@link X509Verify}): go rejects what the JDK lets through there, a trusted
 * certificate that is its own leaf past its validity period (the JDK's PKIXValidator returns a
 * chain that starts with a trust anchor unchecked) and a certificate without a SAN extension
 * whose subject's common name is the host (the JDK's HTTPS host name check falls back to it,
 * go since go1.17 does not). The host name is checked only where the JDK checks it, on an engine
 * with the {@code HTTPS} endpoint identification (java.net.http's, unless its
 * {@code jdk.internal.httpclient.disableHostnameVerification} is set).
 */
final class PeerChainTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager jdk;

  PeerChainTrustManager(X509ExtendedTrustManager jdk) {
    this.jdk = jdk;
  }

  /** The JDK's rejection of a server's chain, with that chain. */
  static final class Rejected extends CertificateException {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("serial") // never serialized: it lives inside one handshake's failure
    private final X509Certificate[] chain;

    Rejected(X509Certificate[] chain, CertificateException cause) {
      super(cause.getMessage(), cause);
      this.chain = chain.clone();
    }

    /** The server's certificates, leaf first (never empty: the JDK rejects an empty chain). */
    X509Certificate[] chain() {
      return chain.clone();
    }
  }

  private static Rejected rejected(X509Certificate[] chain, CertificateException e) {
    return chain == null || chain.length == 0 ? null : new Rejected(chain, e);
  }

  /** Rejects what go's leaf checks reject; {@code host} null: the validity period only. */
  private static void goLeafChecks(X509Certificate[] chain, String host) throws Rejected {
    if (chain == null || chain.length == 0) {
      return;
    }
    Instant now = Instant.now();
    String error = X509Verify.validityError(chain[0], now, ZoneOffset.UTC);
    if (error == null && host != null) {
      error = X509Verify.hostnameError(chain[0], host, GoRelease.NEWEST_MINOR);
    }
    if (error != null) {
      throw new Rejected(chain, new CertificateException(error));
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      jdk.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      Rejected r = rejected(chain, e);
      throw r != null ? r : e;
    }
    String host = null;
    if (engine != null && "HTTPS".equalsIgnoreCase(
        engine.getSSLParameters().getEndpointIdentificationAlgorithm())) {
      host = engine.getPeerHost();
    }
    goLeafChecks(chain, host);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    try {
      jdk.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      Rejected r = rejected(chain, e);
      throw r != null ? r : e;
    }
    goLeafChecks(chain, null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    try {
      jdk.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      Rejected r = rejected(chain, e);
      throw r != null ? r : e;
    }
    goLeafChecks(chain, null);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    jdk.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    jdk.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    jdk.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return jdk.getAcceptedIssuers();
  }
}
