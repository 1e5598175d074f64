package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * go's verdict on the first record header (crypto/tls's readRecordOrCCS, net/http's {@code HTTP/}
 * check, go1.19 and go1.27), and the engine that applies it to the bytes the JDK's engine gets.
 * JdkHttpTransportInteropTest.plainTextPortAsGo compares the whole messages with go's.
 */
class FirstRecordContextTest {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void firstRecordAsGo() {
    // handshake and alert records of versions below 0x1000 are read on, whatever the version
    assertNull(FirstRecordContext.firstRecordError(bytes(22, 3, 3, 0, 0x7a)));
    assertNull(FirstRecordContext.firstRecordError(bytes(22, 3, 1, 0x40, 0)));
    assertNull(FirstRecordContext.firstRecordError(bytes(21, 3, 3, 0, 2)));
    assertNull(FirstRecordContext.firstRecordError(bytes(22, 0x0f, 0xff, 0, 1)));
    assertNull(FirstRecordContext.firstRecordError(bytes(22, 0, 0, 0, 0)));
    // from version 0x1000, or of another type: not TLS
    assertEquals(FirstRecordContext.NOT_TLS, FirstRecordContext.firstRecordError(bytes(22, 0x10, 0, 0, 1)));
    assertEquals(FirstRecordContext.NOT_TLS, FirstRecordContext.firstRecordError(bytes(21, 0x20, 3, 0, 2)));
    assertEquals(FirstRecordContext.NOT_TLS, FirstRecordContext.firstRecordError(bytes(20, 3, 3, 0, 1)));
    assertEquals(FirstRecordContext.NOT_TLS, FirstRecordContext.firstRecordError(bytes(23, 3, 3, 0, 16)));
    assertEquals(FirstRecordContext.NOT_TLS, FirstRecordContext.firstRecordError(bytes(0, 0, 0, 0, 0)));
    assertEquals(FirstRecordContext.NOT_TLS, FirstRecordContext.firstRecordError(ascii("SSH-2")));
    assertEquals(FirstRecordContext.NOT_TLS, FirstRecordContext.firstRecordError(ascii("<html")));
    // net/http: exactly "HTTP/"
    assertEquals(FirstRecordContext.HTTP_RESPONSE, FirstRecordContext.firstRecordError(ascii("HTTP/")));
    assertEquals(FirstRecordContext.HTTP_RESPONSE,
        FirstRecordContext.firstRecordError(ascii("HTTP/1.1 400 Bad Request")));
    assertEquals(FirstRecordContext.NOT_TLS, FirstRecordContext.firstRecordError(ascii("HTTP ")));
    assertEquals(FirstRecordContext.NOT_TLS, FirstRecordContext.firstRecordError(ascii("http/")));
    // SSLv2: the type byte alone
    assertEquals(FirstRecordContext.SSLV2, FirstRecordContext.firstRecordError(bytes(0x80, 0x2e, 1, 3, 1)));
    assertEquals(FirstRecordContext.SSLV2, FirstRecordContext.firstRecordError(bytes(0x80, 0, 0, 0, 0)));
    assertEquals(FirstRecordContext.NOT_TLS, FirstRecordContext.firstRecordError(bytes(0x81, 0, 0, 0, 0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FirstRecordContext.firstRecordError(ascii("HTTP")));
    assertEquals("a record header has 5 bytes, not 4", e.getMessage());
    assertEquals("a record header is required",
        assertThrows(IllegalArgumentException.class,
            () -> FirstRecordContext.firstRecordError(null)).getMessage());
  }

  private static SSLContext jdkContext() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, null, null);
    return ctx;
  }

  /** A client engine of the wrapping context that has sent its ClientHello. */
  private static SSLEngine helloSent(SSLContext ctx) throws Exception {
    SSLEngine e = ctx.createSSLEngine("127.0.0.1", 443);
    e.setUseClientMode(true);
    e.beginHandshake();
    ByteBuffer net = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
    SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), net);
    assertTrue(r.bytesProduced() > 0, "ClientHello: " + r);
    return e;
  }

  @Test
  void engineJudgesTheFirstFiveBytesWithoutConsumingThem() throws Exception {
    SSLContext ctx = FirstRecordContext.wrap(jdkContext());
    SSLEngine e = helloSent(ctx);
    ByteBuffer app = ByteBuffer.allocate(e.getSession().getApplicationBufferSize());
    // fewer than five: the JDK's engine waits for more, consuming nothing
    ByteBuffer start = ByteBuffer.wrap(ascii("HTT"));
    assertEquals(SSLEngineResult.Status.BUFFER_UNDERFLOW, e.unwrap(start, app).getStatus());
    assertEquals(0, start.position());
    ByteBuffer all = ByteBuffer.wrap(ascii("HTTP/1.1 400 Bad Request\r\n\r\n"));
    SSLException refused = assertThrows(SSLException.class, () -> e.unwrap(all, app));
    assertTrue(refused instanceof FirstRecordContext.Refused, refused.toString());
    assertEquals(FirstRecordContext.HTTP_RESPONSE, refused.getMessage());
    assertEquals(0, all.position());

    // the JDK's engine alone: its own words for the same bytes
    SSLEngine jdk = helloSent(jdkContext());
    SSLException plain = assertThrows(SSLException.class,
        () -> jdk.unwrap(ByteBuffer.wrap(ascii("HTTP/1.1 400 Bad Request\r\n\r\n")), app));
    assertFalse(plain instanceof FirstRecordContext.Refused);

    // an SSLv2 record, which the JDK's engine would wait for whole
    SSLEngine v2 = helloSent(ctx);
    ByteBuffer sslv2 = ByteBuffer.wrap(bytes(0x80, 0x2e, 1, 3, 1, 0, 0));
    assertEquals(FirstRecordContext.SSLV2,
        assertThrows(FirstRecordContext.Refused.class, () -> v2.unwrap(sslv2, app)).getMessage());
  }

  @Test
  void aTlsRecordGoesToTheJdkEngine() throws Exception {
    SSLEngine e = helloSent(FirstRecordContext.wrap(jdkContext()));
    ByteBuffer app = ByteBuffer.allocate(e.getSession().getApplicationBufferSize());
    // a fatal handshake_failure alert: read on, then the JDK's engine reports it
    ByteBuffer alert = ByteBuffer.wrap(bytes(21, 3, 3, 0, 2, 2, 40));
    SSLException jdk = assertThrows(SSLException.class, () -> e.unwrap(alert, app));
    assertFalse(jdk instanceof FirstRecordContext.Refused, jdk.toString());
    assertEquals("remote error: tls: handshake failure", TlsAlert.remoteError(jdk));
  }

  @Test
  void onlyAClientEngineIsJudged() throws Exception {
    SSLContext ctx = FirstRecordContext.wrap(TestCerts.shared().serverContext());
    SSLEngine server = ctx.createSSLEngine();
    server.setUseClientMode(false);
    ByteBuffer app = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
    SSLException e = assertThrows(SSLException.class,
        () -> server.unwrap(ByteBuffer.wrap(ascii("GET / HTTP/1.1\r\n\r\n")), app));
    assertFalse(e instanceof FirstRecordContext.Refused, e.toString());
  }

  /**
   * java.net.http makes a connection's engine before connecting and wraps the ClientHello once
   * connected: the engines to a host and port since a time tell a handshake that timed out from a
   * TCP connect that did, when they all agree.
   */
  @Test
  void handshakeBegunWhenEveryEngineSinceWrapped() throws Exception {
    FirstRecordContext ctx = FirstRecordContext.wrap(jdkContext());
    SSLEngine before = ctx.createSSLEngine("127.0.0.1", 8443);
    before.setUseClientMode(true);
    long since = System.nanoTime();
    assertNull(ctx.handshakeBegun("127.0.0.1", 8443, since), "no engine since");
    SSLEngine a = ctx.createSSLEngine("127.0.0.1", 8443);
    SSLEngine b = ctx.createSSLEngine("127.0.0.1", 8443);
    SSLEngine other = ctx.createSSLEngine("127.0.0.2", 8443);
    a.setUseClientMode(true);
    b.setUseClientMode(true);
    other.setUseClientMode(true);
    assertEquals(Boolean.FALSE, ctx.handshakeBegun("127.0.0.1", 8443, since));
    assertNull(ctx.handshakeBegun("127.0.0.1", 443, since));
    ByteBuffer net = ByteBuffer.allocate(a.getSession().getPacketBufferSize());
    a.wrap(ByteBuffer.allocate(0), net);
    assertNull(ctx.handshakeBegun("127.0.0.1", 8443, since), "one of two");
    b.wrap(ByteBuffer.allocate(0), net.clear());
    assertEquals(Boolean.TRUE, ctx.handshakeBegun("127.0.0.1", 8443, since));
    assertEquals(Boolean.TRUE, ctx.handshakeBegun("127.0.0.1", 8443, since), "asked again");
    assertEquals(Boolean.FALSE, ctx.handshakeBegun("127.0.0.2", 8443, since));
    // the engine made before the request started does not count
    assertEquals(Boolean.TRUE, ctx.handshakeBegun("127.0.0.1", 8443, since));
    // the newest 256 are kept
    for (int i = 0; i < 300; i++) {
      ctx.createSSLEngine("127.0.0.3", 1);
    }
    assertNull(ctx.handshakeBegun("127.0.0.1", 8443, since), "forgotten");
    assertEquals(Boolean.FALSE, ctx.handshakeBegun("127.0.0.3", 1, since));
  }

  @Test
  void theWrappedContextDecidesEverythingElse() throws Exception {
    SSLContext jdk = jdkContext();
    SSLContext ctx = FirstRecordContext.wrap(jdk);
    assertSame(ctx, FirstRecordContext.wrap(ctx));
    assertSame(jdk, ((FirstRecordContext) ctx).wrapped());
    assertEquals(jdk.getProtocol(), ctx.getProtocol());
    assertSame(jdk.getProvider(), ctx.getProvider());
    assertEquals(Arrays.asList(jdk.getDefaultSSLParameters().getProtocols()),
        Arrays.asList(ctx.getDefaultSSLParameters().getProtocols()));
    assertSame(jdk.getClientSessionContext(), ctx.getClientSessionContext());
    assertThrows(java.security.KeyManagementException.class, () -> ctx.init(null, null, null));
    SSLEngine e = ctx.createSSLEngine("proxy.example", 8443);
    assertEquals("proxy.example", e.getPeerHost());
    assertEquals(8443, e.getPeerPort());
    SSLParameters p = e.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
    e.setSSLParameters(p);
    assertEquals("HTTPS", e.getSSLParameters().getEndpointIdentificationAlgorithm());
    assertEquals(Arrays.asList("h2", "http/1.1"),
        Arrays.asList(e.getSSLParameters().getApplicationProtocols()));
    assertEquals("a context is required", assertThrows(IllegalArgumentException.class,
        () -> FirstRecordContext.wrap(null)).getMessage());
  }
}
