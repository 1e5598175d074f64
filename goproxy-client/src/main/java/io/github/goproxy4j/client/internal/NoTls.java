package io.github.goproxy4j.client.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context of the plain-http client: {@code java.net.http} needs one, and without it reads
 * the JDK trust store ({@code SSLContext.getDefault()}), which costs a fresh JVM a few hundred
 * milliseconds. This one trusts no certificate, so it could never complete a handshake; it is
 * only used for {@code http://} requests, which make none.
 */
final class NoTls {
  static final SSLContext CONTEXT = build();

  private NoTls() {}

  private static SSLContext build() {
    X509TrustManager none = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("no TLS on the plain-http client");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("no TLS on the plain-http client");
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(new KeyManager[0], new TrustManager[] {none}, null);
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS implementation", e);
    }
  }
}
