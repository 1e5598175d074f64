package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate authority and a server certificate for {@code origin.test},
 * {@code localhost} and 127.0.0.1, made with the JDK's {@code keytool}.
 */
final class TestCerts {
  static final String PASS = "changeit";
  final Path dir;
  final Path caPem;
  final Path serverP12;

  private TestCerts(Path dir) {
    this.dir = dir;
    this.caPem = dir.resolve("ca.pem");
    this.serverP12 = dir.resolve("server.p12");
  }

  private static TestCerts shared;

  /** One CA and server certificate for the whole test JVM (keytool is slow to start). */
  static synchronized TestCerts shared() throws Exception {
    if (shared == null) {
      Path dir = Files.createTempDirectory("goproxy4j-certs");
      shared = create(dir);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (var s = Files.walk(dir)) {
          s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
          // best effort
        }
      }));
    }
    return shared;
  }

  static TestCerts create(Path dir) throws Exception {
    TestCerts c = new TestCerts(dir);
    Path ca = dir.resolve("ca.p12");
    Path serverPem = dir.resolve("server.pem");
    keytool(dir, null, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=goproxy4j test CA",
        "-ext", "bc:c", "-validity", "3", "-keystore", ca.toString(), "-storepass", PASS);
    keytool(dir, c.caPem, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
        "-storepass", PASS);
    keytool(dir, null, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname",
        "CN=origin.test", "-validity", "3", "-keystore", c.serverP12.toString(), "-storepass", PASS);
    Path csr = dir.resolve("server.csr");
    keytool(dir, csr, "-certreq", "-alias", "server", "-keystore", c.serverP12.toString(),
        "-storepass", PASS);
    keytool(dir, serverPem, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
        "-storepass", PASS, "-infile", csr.toString(), "-validity", "3",
        "-ext", "SAN=dns:origin.test,dns:localhost,ip:127.0.0.1");
    // Replace the self-signed server certificate by the chain the CA signed.
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(c.serverP12)) {
      ks.load(in, PASS.toCharArray());
    }
    Key key = ks.getKey("server", PASS.toCharArray());
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    Certificate leaf;
    Certificate root;
    try (InputStream a = Files.newInputStream(serverPem); InputStream b = Files.newInputStream(c.caPem)) {
      leaf = cf.generateCertificate(a);
      root = cf.generateCertificate(b);
    }
    ks.setKeyEntry("server", key, PASS.toCharArray(), new Certificate[] {leaf, root});
    try (java.io.OutputStream out = Files.newOutputStream(c.serverP12)) {
      ks.store(out, PASS.toCharArray());
    }
    return c;
  }

  SSLContext serverContext() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(serverP12)) {
      ks.load(in, PASS.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASS.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private static void keytool(Path dir, Path stdout, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectError(dir.resolve("keytool.err").toFile());
    if (stdout != null) {
      pb.redirectOutput(stdout.toFile());
    } else {
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    Process p = pb.start();
    int rc = p.waitFor();
    assertEquals(0, rc, () -> "keytool " + cmd + " failed: " + read(dir.resolve("keytool.err")));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
