package io.github.goproxy4j.client.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust like the go command's on Unix: the certificates in the PEM file named by
 * {@code SSL_CERT_FILE} and in every file of the {@code :}-separated directories named by
 * {@code SSL_CERT_DIR} are trusted, so a corporate CA that works for go works here. Unlike Go
 * (where these variables <em>replace</em> the system bundle) they are added to the JDK trust
 * store, which plays the role of the system bundle; and they are honoured on every OS.
 *
 * <p>PEM blocks are read as Go's {@code CertPool.AppendCertsFromPEM} reads them: only
 * {@code CERTIFICATE} blocks without headers, and blocks that do not parse are skipped.
 *
 * <pre>{@code
 * SSLContext ctx = TlsTrust.sslContext(Map.of("SSL_CERT_FILE", "/etc/corp/ca.pem"));
 * }</pre>
 */
public final class TlsTrust {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";

  /** Contexts by the extra certificates they trust: building one costs tens of milliseconds. */
  private static final Map<List<String>, SSLContext> CACHE = new java.util.HashMap<>();
  /** The context over the JDK's trust store alone (guarded by CACHE). */
  private static SSLContext jdkDefault;

  private TlsTrust() {}

  /**
   * Returns the certificates that {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR} name.
   *
   * @param env the environment
   * @return the certificates, possibly none
   */
  public static List<X509Certificate> extraCertificates(Map<String, String> env) {
    List<X509Certificate> out = new ArrayList<>();
    String file = env.get("SSL_CERT_FILE");
    if (file != null && !file.isEmpty()) {
      readInto(Path.of(file), out);
    }
    String dirs = env.get("SSL_CERT_DIR");
    if (dirs != null && !dirs.isEmpty()) {
      for (String d : dirs.split(":", -1)) {
        if (d.isEmpty()) {
          continue;
        }
        Path dir = Path.of(d);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
          List<Path> files = new ArrayList<>();
          ds.forEach(files::add);
          files.sort(null);
          for (Path f : files) {
            if (isSameDirSymlink(f)) {
              continue;
            }
            readInto(f, out);
          }
        } catch (IOException | RuntimeException e) {
          // Go skips directories it cannot read
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the TLS context to use: one trusting the JDK's roots when the environment names no
   * extra certificates, otherwise one trusting the JDK's roots plus the extra ones; either keeps a
   * rejected server's certificates for the error ({@link PeerChainTrustManager}). With no extra
   * certificates and a client key store named by the {@code javax.net.ssl.keyStore} system
   * property, the JDK's default context as it is ({@link SSLContext#getDefault()}), whose key
   * managers present that store's certificate: go has no client certificates for a proxy, but a
   * JVM set up for them keeps them, and a rejected server certificate is then go's text only for
   * an unknown authority or a failed PKIX validation (see {@link JdkHttpTransport}).
   *
   * @param env the environment
   * @return the context
   * @throws GeneralSecurityException if the JDK trust store cannot be read
   */
  public static SSLContext sslContext(Map<String, String> env) throws GeneralSecurityException {
    return sslContext(env, System.getProperty("javax.net.ssl.keyStore"));
  }

  /** {@link #sslContext(Map)} with the {@code javax.net.ssl.keyStore} property's value given. */
  static SSLContext sslContext(Map<String, String> env, String clientKeyStore) throws GeneralSecurityException {
    List<X509Certificate> extra = extraCertificates(env);
    if (extra.isEmpty() && clientKeyStore != null && !clientKeyStore.isEmpty()) {
      return SSLContext.getDefault();
    }
    if (extra.isEmpty()) {
      synchronized (CACHE) {
        if (jdkDefault == null) {
          TrustManagerFactory jdk =
              TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
          jdk.init((KeyStore) null);
          jdkDefault = context(jdk.getTrustManagers());
        }
        return jdkDefault;
      }
    }
    List<String> key = new ArrayList<>();
    for (X509Certificate c : extra) {
      try {
        key.add(Base64.getEncoder().encodeToString(c.getEncoded()));
      } catch (CertificateException e) {
        key.add(c.toString());
      }
    }
    synchronized (CACHE) {
      SSLContext cached = CACHE.get(key);
      if (cached != null) {
        return cached;
      }
    }
    SSLContext ctx = build(extra);
    synchronized (CACHE) {
      if (CACHE.size() >= 16) {
        CACHE.clear();
      }
      CACHE.put(key, ctx);
    }
    return ctx;
  }

  private static SSLContext build(List<X509Certificate> extra) throws GeneralSecurityException {
    TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((KeyStore) null);
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
    int n = 0;
    for (TrustManager tm : jdk.getTrustManagers()) {
      if (tm instanceof X509TrustManager) {
        for (X509Certificate c : ((X509TrustManager) tm).getAcceptedIssuers()) {
          ks.setCertificateEntry("jdk-" + n++, c);
        }
      }
    }
    for (X509Certificate c : extra) {
      ks.setCertificateEntry("env-" + n++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return context(tmf.getTrustManagers());
  }

  /**
   * A TLS context over the JDK's trust managers, each kept in a {@link PeerChainTrustManager} so
   * that a rejected server certificate can be reported with go's text.
   */
  private static SSLContext context(TrustManager[] jdk) throws GeneralSecurityException {
    TrustManager[] wrapped = new TrustManager[jdk.length];
    for (int i = 0; i < jdk.length; i++) {
      wrapped[i] = jdk[i] instanceof X509ExtendedTrustManager
          ? new PeerChainTrustManager((X509ExtendedTrustManager) jdk[i]) : jdk[i];
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, wrapped, null);
    return ctx;
  }

  /**
   * Parses the certificates of a PEM text with Go's AppendCertsFromPEM rules.
   *
   * @param pem the text
   * @return the certificates that parse
   */
  public static List<X509Certificate> parsePem(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    CertificateFactory cf;
    try {
      cf = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      return out;
    }
    int pos = 0;
    while (true) {
      int b = pem.indexOf(BEGIN, pos);
      if (b < 0) {
        return out;
      }
      int typeEnd = pem.indexOf("-----", b + BEGIN.length());
      if (typeEnd < 0) {
        return out;
      }
      String type = pem.substring(b + BEGIN.length(), typeEnd);
      String endMarker = END + type + "-----";
      int e = pem.indexOf(endMarker, typeEnd + 5);
      if (e < 0) {
        return out;
      }
      String body = pem.substring(typeEnd + 5, e);
      pos = e + endMarker.length();
      if (!type.equals("CERTIFICATE") || body.indexOf(':') >= 0) {
        continue;
      }
      try {
        byte[] der = Base64.getMimeDecoder().decode(body.trim());
        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
      } catch (IllegalArgumentException | CertificateException | ClassCastException ex) {
        // skipped, as Go skips certificates it cannot parse
      }
    }
  }

  private static void readInto(Path file, List<X509Certificate> out) {
    try {
      if (Files.size(file) > 64L << 20) {
        return;
      }
      out.addAll(parsePem(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)));
    } catch (IOException | RuntimeException e) {
      // unreadable files are skipped, as in Go
    }
  }

  private static boolean isSameDirSymlink(Path f) {
    if (!Files.isSymbolicLink(f)) {
      return false;
    }
    try {
      return !Files.readSymbolicLink(f).toString().contains("/");
    } catch (IOException e) {
      return false;
    }
  }
}
