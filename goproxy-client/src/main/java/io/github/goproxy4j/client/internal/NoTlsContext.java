package io.github.goproxy4j.client.internal;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The {@link SSLContext} of the HTTP client that only ever sees {@code http://} URLs: an
 * {@code HttpClient} needs some context (without one it builds the JDK default, reading the trust
 * store), and the JDK's own {@code SSLContext.getInstance("TLS")} costs a cold command a
 * noticeable share of its CPU (loading the JSSE provider, computing its protocol and cipher-suite
 * tables). This one does nothing; any attempt at TLS with it fails with {@link
 * IllegalStateException}.
 */
final class NoTlsContext extends SSLContext {
  NoTlsContext() {
    super(new Spi(), null, "none");
  }

  private static final class Spi extends SSLContextSpi {
    private static IllegalStateException refused() {
      return new IllegalStateException("TLS is not available on the http:// client");
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
      throw refused();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refused();
    }
  }
}
