package io.github.goproxy4j.client.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Comparator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate authority and a server certificate for {@code origin.test},
 * {@code localhost} and 127.0.0.1, made with JDK APIs (the X.509 structure is DER-encoded here
 * and signed with {@code SHA256withECDSA}).
 */
final class TestCerts {
  private static final char[] PASS = "changeit".toCharArray();
  private static TestCerts shared;

  /** The CA certificate, PEM-encoded, for SSL_CERT_FILE / SSL_CERT_DIR. */
  final Path caPem;
  private final KeyStore serverKeys;

  private TestCerts(Path caPem, KeyStore serverKeys) {
    this.caPem = caPem;
    this.serverKeys = serverKeys;
  }

  /** One CA and server certificate for the whole test JVM. */
  static synchronized TestCerts shared() throws Exception {
    if (shared == null) {
      Path dir = Files.createTempDirectory("goproxy4j-certs");
      shared = create(dir);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (var s = Files.walk(dir)) {
          s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
          // best effort
        }
      }));
    }
    return shared;
  }

  static TestCerts create(Path dir) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ca = g.generateKeyPair();
    KeyPair server = g.generateKeyPair();
    byte[] caName = name("goproxy4j test CA");
    byte[] caExt = ext(oid(2, 5, 29, 19), true, seq(der(0x01, new byte[] {(byte) 0xff})));
    X509Certificate caCert = cert(1, caName, caName, ca.getPublic().getEncoded(), caExt, ca.getPrivate());
    byte[] san = seq(
        der(0x82, "origin.test".getBytes(StandardCharsets.US_ASCII)),
        der(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
        der(0x87, new byte[] {127, 0, 0, 1}));
    byte[] serverExt = ext(oid(2, 5, 29, 17), false, san);
    X509Certificate leaf = cert(2, caName, name("origin.test"), server.getPublic().getEncoded(),
        serverExt, ca.getPrivate());
    Path pem = dir.resolve("ca.pem");
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(caCert.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", server.getPrivate(), PASS, new Certificate[] {leaf, caCert});
    return new TestCerts(pem, ks);
  }

  SSLContext serverContext() throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(serverKeys, PASS);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private static X509Certificate cert(long serial, byte[] issuer, byte[] subject, byte[] spki,
      byte[] extensions, PrivateKey signer) throws Exception {
    byte[] sigAlg = seq(oid(1, 2, 840, 10045, 4, 3, 2));
    DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    byte[] validity = seq(
        der(0x17, now.minusDays(1).format(utc).getBytes(StandardCharsets.US_ASCII)),
        der(0x17, now.plusDays(3).format(utc).getBytes(StandardCharsets.US_ASCII)));
    byte[] tbs = seq(
        der(0xa0, der(0x02, new byte[] {2})),
        der(0x02, BigInteger.valueOf(serial).toByteArray()),
        sigAlg, issuer, validity, subject, spki,
        der(0xa3, seq(extensions)));
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(signer);
    s.update(tbs);
    byte[] sig = s.sign();
    byte[] bits = new byte[sig.length + 1];
    System.arraycopy(sig, 0, bits, 1, sig.length);
    byte[] cert = seq(tbs, sigAlg, der(0x03, bits));
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(cert));
  }

  private static byte[] name(String cn) {
    return seq(der(0x31, seq(oid(2, 5, 4, 3), der(0x0c, cn.getBytes(StandardCharsets.UTF_8)))));
  }

  private static byte[] ext(byte[] oid, boolean critical, byte[] value) {
    return critical
        ? seq(oid, der(0x01, new byte[] {(byte) 0xff}), der(0x04, value))
        : seq(oid, der(0x04, value));
  }

  private static byte[] oid(int... arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      int v = arcs[i];
      int shift = 28;
      while (shift > 0 && (v >>> shift) == 0) {
        shift -= 7;
      }
      for (; shift > 0; shift -= 7) {
        out.write(0x80 | ((v >>> shift) & 0x7f));
      }
      out.write(v & 0x7f);
    }
    return der(0x06, out.toByteArray());
  }

  private static byte[] seq(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return der(0x30, out.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 128) {
      out.write(n);
    } else if (n < 256) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >>> 8);
      out.write(n & 0xff);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
