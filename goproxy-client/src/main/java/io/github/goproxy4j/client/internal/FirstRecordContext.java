package io.github.goproxy4j.client.internal;

import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.function.BiFunction;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A TLS context that judges the server's first record header as go does, around any other
 * context (the one {@link TlsTrust} builds, {@link io.github.goproxy4j.client.HttpSettings#sslContext()},
 * the JDK's default with its client key store): its engines are the wrapped context's, unchanged
 * in trust, keys, parameters and everything they send, except that the first five bytes the
 * server sends are read before the JDK's engine gets them.
 *
 * <p>An {@code https://} URL on a port that does not speak TLS: go's client reads the first record
 * header (crypto/tls's readRecordOrCCS) and stops there when its type is {@code 0x80} ({@code
 * tls: unsupported SSLv2 handshake received}), or when it is neither a handshake nor an alert or
 * its version is {@code 0x1000} or more ({@code tls: first record does not look like a TLS
 * handshake}; net/http's Client turns that into {@code http: server gave HTTP response to HTTPS
 * client} when the five bytes are {@code HTTP/}). The JDK says {@code Unrecognized SSL message,
 * plaintext connection?} for most such bytes whatever they are, waits for an SSLv2 record's
 * length, or takes some of them for a record and fails later with another text. Here the engine
 * looks at the same bytes the JDK's engine received, in the buffer java.net.http hands to {@link
 * SSLEngine#unwrap}, without consuming them, and refuses the ones go refuses with {@link
 * Refused}, whose message is go's text. Nothing else is read or sent: no second connection or
 * probe (which the server would see, and which could meet another server or another answer), so
 * the verdict is about the very bytes of the failed connection. The JDK could not complete a
 * handshake with such a first record either (a server's first record is its ServerHello, a
 * handshake record of a version below 0x1000), so the refusal changes the text, not the outcome.
 * What the server then sees is go's too, the connection closed without an alert (measured
 * against go1.27 and the JDK alone for an HTTP response), except for an SSLv2 record, for which
 * go first sends a {@code protocol_version} alert (the JDK alone waited for the rest of the
 * record).
 *
 * <p>The engines also tell a TLS handshake that timed out from a TCP connect that did, which
 * java.net.http's exception does not ({@link #handshakeBegun}).
 *
 * <p>Checked against go1.19, go1.21, go1.24 and go1.27 ({@code JdkHttpTransportInteropTest
 * .plainTextPortAsGo}, {@code plainTextPortThroughAProxyAsGo}, {@code silentServerAsGo});
 * crypto/tls's rule and texts and net/http's {@code HTTP/} check are the same in go1.19's and
 * go1.27's sources.
 */
final class FirstRecordContext extends SSLContext {
  /** The length of a TLS record header (crypto/tls's recordHeaderLen). */
  static final int HEADER_LENGTH = 5;
  /** net/http's ErrSchemeMismatch. */
  static final String HTTP_RESPONSE = "http: server gave HTTP response to HTTPS client";
  /** crypto/tls's RecordHeaderError for a first record that is not TLS. */
  static final String NOT_TLS = "tls: first record does not look like a TLS handshake";
  /** crypto/tls's RecordHeaderError for an SSLv2 record. */
  static final String SSLV2 = "tls: unsupported SSLv2 handshake received";

  /** The most handshakes remembered for {@link #handshakeBegun}. */
  private static final int ATTEMPTS = 256;

  private final SSLContext wrapped;
  private final Spi spi;

  private FirstRecordContext(Spi spi, SSLContext wrapped) {
    super(spi, wrapped.getProvider(), wrapped.getProtocol());
    this.wrapped = wrapped;
    this.spi = spi;
  }

  private FirstRecordContext(SSLContext wrapped) {
    this(new Spi(wrapped), wrapped);
  }

  /**
   * Whether the connections to {@code host:port} whose engines were made since {@code
   * sinceNanos} ({@link System#nanoTime()}) had begun their TLS handshakes: java.net.http makes a
   * connection's engine before it connects and first wraps with it (the ClientHello) once the TCP
   * connection, and the CONNECT tunnel through a proxy, is up. True when all of them had (a
   * timeout then stopped a handshake: go's {@code net/http: TLS handshake timeout}), false when
   * none had (it stopped the TCP connect), null when they differ or there were none: a request's
   * own connection is among them, but which one it is, nothing tells.
   *
   * @param host the host as in the URL (an IPv6 address without brackets)
   * @param port the port
   * @param sinceNanos when the request started
   * @return the answer, or null
   */
  Boolean handshakeBegun(String host, int port, long sinceNanos) {
    int begun = 0;
    int notBegun = 0;
    for (Attempt a : spi.attempts) {
      if (a.created - sinceNanos >= 0 && a.port == port && host.equalsIgnoreCase(a.host)) {
        if (a.began) {
          begun++;
        } else {
          notBegun++;
        }
      }
    }
    return begun > 0 && notBegun == 0 ? Boolean.TRUE
        : notBegun > 0 && begun == 0 ? Boolean.FALSE : null;
  }

  /** One engine's peer, when it was made, and whether it has begun its handshake. */
  private static final class Attempt {
    final String host;
    final int port;
    final long created = System.nanoTime();
    volatile boolean began;

    Attempt(String host, int port) {
      this.host = host == null ? "" : host;
      this.port = port;
    }
  }

  /**
   * Returns {@code context} with go's judgement of the server's first record header.
   *
   * @param context the context whose engines do the TLS
   * @return the wrapping context ({@code context} itself if it already is one)
   */
  static FirstRecordContext wrap(SSLContext context) {
    if (context == null) {
      throw new IllegalArgumentException("a context is required");
    }
    return context instanceof FirstRecordContext f ? f : new FirstRecordContext(context);
  }

  /** The context this one wraps. */
  SSLContext wrapped() {
    return wrapped;
  }

  /**
   * go's error for the first record header a TLS client reads from the server, or null when go
   * reads on (a handshake or alert record of a version below {@code 0x1000}).
   *
   * @param header the first five bytes the server sent
   * @return go's text, as net/http's Client reports it
   */
  static String firstRecordError(byte[] header) {
    if (header == null) {
      throw new IllegalArgumentException("a record header is required");
    }
    if (header.length < HEADER_LENGTH) {
      throw new IllegalArgumentException("a record header has " + HEADER_LENGTH + " bytes, not "
          + header.length);
    }
    int type = header[0] & 0xff;
    if (type == 0x80) {
      return SSLV2;
    }
    int version = (header[1] & 0xff) << 8 | (header[2] & 0xff);
    // record types: 21 alert, 22 handshake
    if ((type != 21 && type != 22) || version >= 0x1000) {
      return header[0] == 'H' && header[1] == 'T' && header[2] == 'T' && header[3] == 'P'
          && header[4] == '/' ? HTTP_RESPONSE : NOT_TLS;
    }
    return null;
  }

  /** The refusal of a first record go refuses; the message is go's text. */
  static final class Refused extends SSLException {
    private static final long serialVersionUID = 1L;

    Refused(String goText) {
      super(goText);
    }
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext wrapped;
    /** The newest engines' attempts, oldest first, at most {@link #ATTEMPTS}. */
    final java.util.concurrent.ConcurrentLinkedDeque<Attempt> attempts =
        new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger count =
        new java.util.concurrent.atomic.AtomicInteger();

    Spi(SSLContext wrapped) {
      this.wrapped = wrapped;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
        throws KeyManagementException {
      throw new KeyManagementException("the wrapped context is initialized already");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return wrapped.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return wrapped.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return new Engine(wrapped.createSSLEngine(), null);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      Attempt a = new Attempt(host, port);
      attempts.addLast(a);
      if (count.incrementAndGet() > ATTEMPTS && attempts.pollFirst() != null) {
        count.decrementAndGet();
      }
      return new Engine(wrapped.createSSLEngine(host, port), a);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return wrapped.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return wrapped.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return wrapped.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return wrapped.getSupportedSSLParameters();
    }
  }

  /**
   * The wrapped context's engine; the first {@link #unwrap} that has a whole record header in its
   * source, on a client engine, judges it (java.net.http unwraps from one buffer that holds what
   * the server sent and not yet consumed; the JDK's engine consumes nothing before it has a
   * header, so those are the first five bytes of the connection).
   */
  static final class Engine extends SSLEngine {
    private final SSLEngine jdk;
    private final Attempt attempt;
    private volatile boolean judged;

    Engine(SSLEngine jdk, Attempt attempt) {
      super(jdk.getPeerHost(), jdk.getPeerPort());
      this.jdk = jdk;
      this.attempt = attempt;
    }

    private void began() {
      if (attempt != null && !attempt.began) {
        attempt.began = true;
      }
    }

    private void judge(ByteBuffer src) throws Refused {
      if (judged || src == null || src.remaining() < HEADER_LENGTH) {
        return;
      }
      judged = true;
      if (!jdk.getUseClientMode()) {
        return;
      }
      byte[] header = new byte[HEADER_LENGTH];
      for (int i = 0; i < HEADER_LENGTH; i++) {
        header[i] = src.get(src.position() + i);
      }
      String error = firstRecordError(header);
      if (error != null) {
        throw new Refused(error);
      }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length)
        throws SSLException {
      judge(src);
      return jdk.unwrap(src, dsts, offset, length);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
      judge(src);
      return jdk.unwrap(src, dst);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts) throws SSLException {
      judge(src);
      return jdk.unwrap(src, dsts);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst)
        throws SSLException {
      began();
      return jdk.wrap(srcs, offset, length, dst);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
      began();
      return jdk.wrap(src, dst);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, ByteBuffer dst) throws SSLException {
      began();
      return jdk.wrap(srcs, dst);
    }

    @Override
    public String getPeerHost() {
      return jdk.getPeerHost();
    }

    @Override
    public int getPeerPort() {
      return jdk.getPeerPort();
    }

    @Override
    public Runnable getDelegatedTask() {
      return jdk.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
      jdk.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
      return jdk.isInboundDone();
    }

    @Override
    public void closeOutbound() {
      jdk.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
      return jdk.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return jdk.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
      return jdk.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
      jdk.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
      return jdk.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
      return jdk.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
      jdk.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
      return jdk.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
      return jdk.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
      jdk.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
      return jdk.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
      jdk.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
      return jdk.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
      jdk.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
      return jdk.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
      jdk.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
      return jdk.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
      jdk.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
      return jdk.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
      return jdk.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
      jdk.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
      return jdk.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
      return jdk.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(
        BiFunction<SSLEngine, java.util.List<String>, String> selector) {
      jdk.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, java.util.List<String>, String> getHandshakeApplicationProtocolSelector() {
      return jdk.getHandshakeApplicationProtocolSelector();
    }

    @Override
    public String toString() {
      return jdk.toString();
    }
  }
}
