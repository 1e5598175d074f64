package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.client.HttpSettings;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed go command and this transport against the same loopback HTTPS server, trusted by
 * both through SSL_CERT_FILE: the same credentials on the wire, the same refusals, redirect limits
 * and proxy errors.
 */
class JdkHttpTransportInteropTest {
  private static final String INFO = "/example.com/m/@v/v1.0.0.info";

  @TempDir Path work;
  private final MockWebServer tls = new MockWebServer();
  private final MockWebServer plain = new MockWebServer();
  private final List<RecordedRequest> seen = new ArrayList<>();
  private TestCerts certs;
  private Function<RecordedRequest, MockResponse> answer = r -> new MockResponse(404,
      okhttp3.Headers.of(), "not found");

  @BeforeEach
  void start() throws Exception {
    GoTool.assumeGo();
    certs = TestCerts.shared();
    Dispatcher d = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        synchronized (seen) {
          seen.add(r);
        }
        return answer.apply(r);
      }
    };
    tls.setDispatcher(d);
    plain.setDispatcher(d);
    tls.useHttps(certs.serverContext().getSocketFactory());
    tls.start(InetAddress.getLoopbackAddress(), 0);
    plain.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    tls.close();
    plain.close();
  }

  private Map<String, String> env(String goproxy, String netrc) throws IOException {
    Map<String, String> env = GoTool.hermeticEnv(work);
    Files.createDirectories(work.resolve("home"));
    env.put("GOPROXY", goproxy);
    env.put("GOSUMDB", "off");
    env.put("SSL_CERT_FILE", certs.caPem.toString());
    if (netrc != null) {
      Path f = work.resolve("netrc");
      Files.writeString(f, netrc);
      env.put("NETRC", f.toString());
    }
    return env;
  }

  /** Runs go, returns its stderr and the requests it made (then forgets them). */
  private GoTool.Result go(Map<String, String> env) throws IOException {
    Path dir = Files.createDirectories(work.resolve("wd"));
    GoTool.Result r = GoTool.run(dir, env, 120, "mod", "download", "example.com/m@v1.0.0");
    assertFalse(r.ok(), "the server has no module");
    return r;
  }

  private List<RecordedRequest> takeSeen() {
    synchronized (seen) {
      List<RecordedRequest> copy = new ArrayList<>(seen);
      seen.clear();
      return copy;
    }
  }

  private void ours(Map<String, String> env, String url) throws IOException {
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.19", HttpSettings.defaults());
        Transport.Response r = t.get(URI.create(url), Map.of())) {
      r.body().readAllBytes();
    }
  }

  private static String authOf(List<RecordedRequest> rs) {
    return rs.isEmpty() ? "<no request>" : String.valueOf(rs.get(0).getHeaders().get("Authorization"));
  }

  @Test
  void sameAuthorizationOnTheWireAsGo() throws Exception {
    String base = "https://localhost:" + tls.getPort();
    String userBase = "https://gu:gp@localhost:" + tls.getPort();
    String[][] cases = {
      // GOPROXY, netrc
      {base, "machine localhost login nu password np\n"},
      {base, "machine localhost:" + tls.getPort() + " login nu password np\n"},
      {base, "machine other login nu password np\n"},
      {userBase, null},
      {userBase, "machine localhost login nu password np\n"},
    };
    for (String[] c : cases) {
      Map<String, String> env = env(c[0], c[1]);
      go(env);
      List<RecordedRequest> goReqs = takeSeen();
      assertEquals(INFO, goReqs.get(0).getTarget(), () -> goReqs.toString());
      ours(env, c[0] + INFO);
      List<RecordedRequest> ourReqs = takeSeen();
      assertEquals(authOf(goReqs), authOf(ourReqs), () -> "GOPROXY=" + c[0] + " netrc=" + c[1]);
    }
  }

  @Test
  void credentialsOverPlainHttpAreRefusedWithGoText() throws Exception {
    String goproxy = "http://gu:gp@127.0.0.1:" + plain.getPort();
    Map<String, String> env = env(goproxy, null);
    GoTool.Result r = go(env);
    String want = "refusing to pass credentials to insecure URL: http://gu:xxxxx@127.0.0.1:"
        + plain.getPort() + INFO;
    assertTrue(r.stderr().contains(want), r.stderr());
    assertTrue(takeSeen().isEmpty());
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.19", HttpSettings.defaults())) {
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(URI.create(goproxy + INFO), Map.of()));
      assertEquals(want, e.getMessage());
    }
    assertTrue(takeSeen().isEmpty());
  }

  @Test
  void redirectLimitAndDowngradeLikeGo() throws Exception {
    String base = "https://localhost:" + tls.getPort();
    answer = r -> {
      String t = r.getTarget();
      int n = t.startsWith("/loop") ? Integer.parseInt(t.substring(5)) : 0;
      if (t.equals(INFO)) {
        return new MockResponse.Builder().code(302).addHeader("Location", "/loop1").build();
      }
      if (t.startsWith("/loop")) {
        return new MockResponse.Builder().code(302).addHeader("Location", "/loop" + (n + 1)).build();
      }
      return new MockResponse(404, okhttp3.Headers.of(), "");
    };
    Map<String, String> env = env(base, null);
    GoTool.Result r = go(env);
    int goCount = takeSeen().size();
    assertTrue(r.stderr().contains("stopped after 10 redirects"), r.stderr());
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.19", HttpSettings.defaults())) {
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(URI.create(base + INFO), Map.of()));
      assertTrue(r.stderr().contains(e.getMessage()), e.getMessage() + " vs " + r.stderr());
    }
    assertEquals(goCount, takeSeen().size(), "requests made");

    String insecure = "http://127.0.0.1:" + plain.getPort() + INFO;
    answer = q -> q.getUrl().isHttps()
        ? new MockResponse.Builder().code(302).addHeader("Location", insecure).build()
        : new MockResponse(404, okhttp3.Headers.of(), "");
    r = go(env);
    assertEquals(1, takeSeen().size());
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.19", HttpSettings.defaults())) {
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> t.get(URI.create(base + INFO), Map.of()));
      assertTrue(r.stderr().contains(e.getMessage()), e.getMessage() + " vs " + r.stderr());
    }
    assertEquals(1, takeSeen().size());
  }

  @Test
  void invalidProxyPortFailsWithGoText() throws Exception {
    // A proxy is used for a non-loopback host only; the dial fails on the port, so nothing is
    // sent anywhere.
    String goproxy = "https://proxy.goproxy4j.invalid";
    Map<String, String> env = env(goproxy, null);
    env.put("HTTPS_PROXY", "http://127.0.0.1:99999");
    String ours;
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.27", HttpSettings.defaults())) {
      ours = assertThrows(GoProxyException.class,
          () -> t.get(URI.create(goproxy + INFO), Map.of())).getMessage();
    }
    List<Path> gos = installedGos();
    for (Path go : gos) {
      Path dir = Files.createDirectories(work.resolve("wd"));
      GoTool.Result r = GoTool.exec(dir, env, 120, null, go.toString(), "mod", "download",
          "example.com/m@v1.0.0");
      assertFalse(r.ok(), go + " downloaded through an invalid proxy");
      assertTrue(r.stderr().contains("example.com/m@v1.0.0: " + ours + "\n"),
          go + ": " + r.stderr() + " vs " + ours);
    }
    assertTrue(takeSeen().isEmpty());
  }

  /** The CA the bad-certificate tests' SSL_CERT_FILE trusts, and one nothing trusts. */
  private static final HeldCertificate CA = new HeldCertificate.Builder()
      .commonName("goproxy4j tls errors CA").certificateAuthority(0).build();
  private static final HeldCertificate OTHER_CA = new HeldCertificate.Builder()
      .commonName("goproxy4j untrusted CA").certificateAuthority(0).build();

  /** A server certificate signed by {@code ca}, valid from {@code from} to {@code to}. */
  private static HeldCertificate leaf(HeldCertificate ca, Duration from, Duration to,
      String... sans) {
    long now = System.currentTimeMillis();
    HeldCertificate.Builder b = new HeldCertificate.Builder().commonName("goproxy4j server")
        .signedBy(ca).validityInterval(now + from.toMillis(), now + to.toMillis());
    if (sans.length == 0) {
      b.commonName("localhost");
    }
    for (String san : sans) {
      b.addSubjectAlternativeName(san);
    }
    return b.build();
  }

  /** The current time go and we print in an expiry error, which differs between the two runs. */
  private static String maskNow(String s) {
    return s.replaceAll("current time \\S+ is", "current time NOW is");
  }

  /**
   * A private https proxy whose certificate go rejects before any chain is built: the host name
   * (no IP SANs reached by IP; other IP SANs, an IPv6 one printed as net.IP prints it; other DNS
   * names reached as localhost) and the validity period (expired, not yet valid), each checked
   * first as go does (an expired certificate for another host names its expiry; an untrusted one
   * for another host names the host), and what the JDK would accept (a trusted certificate that is
   * its own leaf, expired; a common name without SANs). go1.19, go1.21, go1.24 and go1.27 (from go1.20 after
   * {@code tls: failed to verify certificate: }) print {@code go: m@v: Get "url": <ours>} with
   * the transport's message of their release, the current time masked; its format is
   * X509VerifyTest's.
   */
  @Test
  void rejectedServerCertificateAsGo() throws Exception {
    Duration day = Duration.ofDays(1);
    long now = System.currentTimeMillis();
    // trusted as itself, which the JDK accepts without looking at its dates
    HeldCertificate expiredRoot = new HeldCertificate.Builder().commonName("goproxy4j expired")
        .addSubjectAlternativeName("127.0.0.1")
        .validityInterval(now - 2 * day.toMillis(), now - day.toMillis()).build();
    Path pem = work.resolve("ca.pem");
    Files.writeString(pem, CA.certificatePem() + expiredRoot.certificatePem());
    record Case(String host, HeldCertificate leaf, String want) {}
    List<Case> cases = List.of(
        new Case("127.0.0.1", leaf(CA, day.negated(), day, "localhost"),
            "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs"),
        new Case("127.0.0.1", leaf(CA, day.negated(), day, "10.0.0.1", "fd00:0:0:1:0:0:0:1",
            "localhost"), "x509: certificate is valid for 10.0.0.1, fd00:0:0:1::1, not 127.0.0.1"),
        new Case("localhost", leaf(CA, day.negated(), day, "example.org", "*.example.net",
            "127.0.0.1"), "x509: certificate is valid for example.org, *.example.net, not localhost"),
        new Case("127.0.0.1", leaf(CA, day.multipliedBy(-2), day.negated(), "127.0.0.1"),
            "x509: certificate has expired or is not yet valid: current time NOW is after "),
        new Case("127.0.0.1", leaf(CA, day, day.multipliedBy(2), "127.0.0.1"),
            "x509: certificate has expired or is not yet valid: current time NOW is before "),
        new Case("127.0.0.1", leaf(CA, day.multipliedBy(-2), day.negated(), "10.0.0.1"),
            "x509: certificate has expired or is not yet valid: current time NOW is after "),
        new Case("127.0.0.1", leaf(OTHER_CA, day.negated(), day, "localhost"),
            "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs"),
        new Case("127.0.0.1", expiredRoot,
            "x509: certificate has expired or is not yet valid: current time NOW is after "),
        // no SAN extension: the JDK matches the common name, go refuses
        new Case("localhost", leaf(CA, day.negated(), day),
            "x509: certificate relies on legacy Common Name field, use SANs instead"));
    List<GoTool.Go> gos = GoTool.releasesOf("1.19", "1.21", "1.24", "1.27");
    int compared = 0;
    for (Case c : cases) {
      try (MockWebServer server = new MockWebServer()) {
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(c.leaf())
            .build().sslSocketFactory());
        server.setDispatcher(new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            synchronized (seen) {
              seen.add(r);
            }
            return new MockResponse(404, okhttp3.Headers.of(), "not found");
          }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        String goproxy = "https://" + c.host() + ":" + server.getPort();
        Map<String, String> env = env(goproxy, null);
        env.put("SSL_CERT_FILE", pem.toString());
        for (GoTool.Go go : gos) {
          String ours;
          try (JdkHttpTransport t = JdkHttpTransport.create(env, go.lang(), HttpSettings.defaults())) {
            ours = assertThrows(GoProxyException.class,
                () -> t.get(URI.create(goproxy + INFO), Map.of())).getMessage();
          }
          String wrap = go.minor() >= 20 ? "tls: failed to verify certificate: " : "";
          String get = "Get \"" + goproxy + INFO + "\": ";
          assertTrue(maskNow(ours).startsWith(get + wrap + c.want()), go + ": " + ours);
          GoTool.Result r = go.run(Files.createDirectories(work.resolve("wd")), env, 120, "mod",
              "download", "example.com/m@v1.0.0");
          assertEquals(1, r.exitCode(), go + ": " + r);
          assertEquals("go: example.com/m@v1.0.0: " + maskNow(ours) + "\n", maskNow(r.stderr()),
              go + " " + c.host() + " " + c.want());
          compared++;
        }
      }
    }
    assertEquals(cases.size() * gos.size(), compared);
    assertTrue(takeSeen().isEmpty());
  }

  /**
   * The current time of an expiry error is printed in go's local zone ({@link GoLocalZone}: TZ
   * unset, /etc/localtime; a name, a {@code :name}, a zone file's path; an empty, unknown or
   * {@code UTC} name, UTC): for each TZ the offset the transport prints is go1.19's and go1.27's
   * (the clock's seconds may differ between the two runs, the offset may not).
   */
  @Test
  void expiryTimeInGosLocalZoneAsGo() throws Exception {
    List<GoTool.Go> gos = GoTool.releasesOf("1.19", "1.27");
    Duration day = Duration.ofDays(1);
    Path pem = work.resolve("ca.pem");
    Files.writeString(pem, CA.certificatePem());
    java.util.regex.Pattern offset =
        java.util.regex.Pattern.compile("current time \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\S*) is after ");
    List<String> zones = new ArrayList<>(java.util.Arrays.asList(
        null, "", "UTC", "Asia/Tokyo", ":America/St_Johns", "No/Such_Zone", "Etc/GMT+5"));
    if (Files.isRegularFile(Path.of("/usr/share/zoneinfo/Asia/Kolkata"))) {
      zones.add("/usr/share/zoneinfo/Asia/Kolkata");
    }
    int compared = 0;
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(new HandshakeCertificates.Builder()
          .heldCertificate(leaf(CA, day.multipliedBy(-2), day.negated(), "127.0.0.1"))
          .build().sslSocketFactory());
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      String goproxy = "https://127.0.0.1:" + server.getPort();
      for (String tz : zones) {
        Map<String, String> env = env(goproxy, null);
        env.put("SSL_CERT_FILE", pem.toString());
        env.remove("TZ");
        if (tz != null) {
          env.put("TZ", tz);
        }
        for (GoTool.Go go : gos) {
          String ours;
          try (JdkHttpTransport t = JdkHttpTransport.create(env, go.lang(), HttpSettings.defaults())) {
            ours = assertThrows(GoProxyException.class,
                () -> t.get(URI.create(goproxy + INFO), Map.of())).getMessage();
          }
          GoTool.Result r = go.run(Files.createDirectories(work.resolve("wd")), env, 120, "mod",
              "download", "example.com/m@v1.0.0");
          java.util.regex.Matcher mo = offset.matcher(ours);
          java.util.regex.Matcher mg = offset.matcher(r.stderr());
          assertTrue(mo.find(), go + " TZ=" + tz + ": " + ours);
          assertTrue(mg.find(), go + " TZ=" + tz + ": " + r);
          assertEquals(mg.group(1), mo.group(1), go + " TZ=" + tz + ": go " + r.stderr() + " ours " + ours);
          compared++;
        }
      }
    }
    assertEquals(zones.size() * gos.size(), compared);
    takeSeen();
  }

  /**
   * The same leaf failures with a caller's context ({@link HttpSettings#sslContext()}, trusting
   * the CA as go trusts it through SSL_CERT_FILE), whose trust managers the transport cannot
   * wrap: where the JDK's PKIX validation fails (an expired or not yet valid leaf under the
   * trusted CA, also for another host, which go names after the expiry), its exception carries
   * the validated path and the leaf's failure is go's text of go1.19, go1.21, go1.24 and go1.27.
   */
  @Test
  void rejectedServerCertificateWithCallersContextAsGo() throws Exception {
    Duration day = Duration.ofDays(1);
    Path pem = work.resolve("ca.pem");
    Files.writeString(pem, CA.certificatePem());
    HttpSettings settings = HttpSettings.builder().sslContext(new HandshakeCertificates.Builder()
        .addTrustedCertificate(CA.certificate()).build().sslContext()).build();
    record Case(HeldCertificate leaf, String want) {}
    List<Case> cases = List.of(
        new Case(leaf(CA, day.multipliedBy(-2), day.negated(), "127.0.0.1"),
            "x509: certificate has expired or is not yet valid: current time NOW is after "),
        new Case(leaf(CA, day, day.multipliedBy(2), "127.0.0.1"),
            "x509: certificate has expired or is not yet valid: current time NOW is before "),
        new Case(leaf(CA, day.multipliedBy(-2), day.negated(), "10.0.0.1"),
            "x509: certificate has expired or is not yet valid: current time NOW is after "));
    List<GoTool.Go> gos = GoTool.releasesOf("1.19", "1.21", "1.24", "1.27");
    int compared = 0;
    for (Case c : cases) {
      try (MockWebServer server = new MockWebServer()) {
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(c.leaf())
            .build().sslSocketFactory());
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        String goproxy = "https://127.0.0.1:" + server.getPort();
        Map<String, String> env = env(goproxy, null);
        env.put("SSL_CERT_FILE", pem.toString());
        Map<String, String> ours = new java.util.HashMap<>(env);
        ours.remove("SSL_CERT_FILE");
        for (GoTool.Go go : gos) {
          String msg;
          try (JdkHttpTransport t = JdkHttpTransport.create(ours, go.lang(), settings)) {
            msg = assertThrows(GoProxyException.class,
                () -> t.get(URI.create(goproxy + INFO), Map.of())).getMessage();
          }
          String wrap = go.minor() >= 20 ? "tls: failed to verify certificate: " : "";
          assertTrue(maskNow(msg).startsWith("Get \"" + goproxy + INFO + "\": " + wrap + c.want()),
              go + ": " + msg);
          GoTool.Result r = go.run(Files.createDirectories(work.resolve("wd")), env, 120, "mod",
              "download", "example.com/m@v1.0.0");
          assertEquals("go: example.com/m@v1.0.0: " + maskNow(msg) + "\n", maskNow(r.stderr()),
              go + " " + c.want());
          compared++;
        }
        assertEquals(0, server.getRequestCount());
      }
    }
    assertEquals(cases.size() * gos.size(), compared);
    // a host name refused after a valid chain: the JDK's exception has no certificate, its text
    // stays (go: "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any
    // IP SANs"), as DEVELOPING.md says; JDK 25 names its alert first
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(new HandshakeCertificates.Builder()
          .heldCertificate(leaf(CA, day.negated(), day, "localhost")).build().sslSocketFactory());
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      String url = "https://127.0.0.1:" + server.getPort() + INFO;
      try (JdkHttpTransport t = JdkHttpTransport.create(Map.of(), "1.27", settings)) {
        assertEquals("Get \"" + url + "\": tls: No subject alternative names matching IP address"
            + " 127.0.0.1 found", assertThrows(GoProxyException.class,
                () -> t.get(URI.create(url), Map.of())).getMessage()
                .replace("tls: (certificate_unknown) ", "tls: "));
      }
    }
  }

  /**
   * A server that answers every ClientHello with a fatal {@code handshake_failure} alert (a TLS
   * record written here, then the connection held until the client closes it, so that neither
   * side races a close): go1.19, go1.21, go1.24 and go1.27 print {@code remote error: tls:
   * handshake failure}, and so does the transport (the JDK: {@code Received fatal alert:
   * handshake_failure}).
   */
  @Test
  void serverAlertAsGo() throws Exception {
    List<GoTool.Go> gos = GoTool.releasesOf("1.19", "1.21", "1.24", "1.27");
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
        InetAddress.getByName("127.0.0.1"))) {
      Thread t = new Thread(() -> {
        while (!server.isClosed()) {
          try (java.net.Socket s = server.accept()) {
            java.io.InputStream in = s.getInputStream();
            byte[] header = in.readNBytes(5); // the ClientHello's record header
            if (header.length == 5) {
              in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
            }
            // alert record, TLS 1.2: level fatal (2), handshake_failure (40)
            s.getOutputStream().write(new byte[] {21, 3, 3, 0, 2, 2, 40});
            s.getOutputStream().flush();
            in.readAllBytes();
          } catch (IOException e) {
            // the next connection, or the server closed
          }
        }
      });
      t.setDaemon(true);
      t.start();
      String goproxy = "https://127.0.0.1:" + server.getLocalPort();
      Map<String, String> env = env(goproxy, null);
      for (GoTool.Go go : gos) {
        String ours;
        try (JdkHttpTransport tr = JdkHttpTransport.create(env, go.lang(), HttpSettings.defaults())) {
          ours = assertThrows(GoProxyException.class,
              () -> tr.get(URI.create(goproxy + INFO), Map.of())).getMessage();
        }
        assertEquals("Get \"" + goproxy + INFO + "\": remote error: tls: handshake failure", ours);
        GoTool.Result r = go.run(Files.createDirectories(work.resolve("wd")), env, 120, "mod",
            "download", "example.com/m@v1.0.0");
        assertEquals("go: example.com/m@v1.0.0: " + ours + "\n", r.stderr(), go.toString());
      }
    }
  }

  /**
   * What a server that does not speak TLS answers a ClientHello with (after reading it whole, so
   * that a close is a FIN, not a reset for unread bytes): its bytes, and whether it then closes
   * (else it waits for the client to close).
   */
  private record NotTls(String name, byte[] reply, boolean close, String want) {}

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * An https URL on a port that answers with something else than TLS: go1.19, go1.21, go1.24 and
   * go1.27 tell an HTTP response ({@code http: server gave HTTP response to HTTPS client}) from
   * other bytes ({@code tls: first record does not look like a TLS handshake}: an SSH banner, a
   * record of another type or of a version from 0x1000, which the JDK takes for a handshake
   * record) and an SSLv2 record (which the JDK waits for whole: here the server then waits too),
   * and a close before any record or a close_notify alert ({@code EOF}) from a close inside a
   * record ({@code unexpected EOF}); the JDK says {@code Unrecognized SSL message, plaintext
   * connection?}, {@code Remote host terminated the handshake} or {@code Received close_notify
   * during handshake} (or fails later on another text). go's stderr line is {@code go: m@v: } and
   * the transport's message.
   */
  @Test
  void plainTextPortAsGo() throws Exception {
    byte[] x16 = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    List<NotTls> cases = List.of(
        new NotTls("http", ("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close"
            + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), false,
            FirstRecordContext.HTTP_RESPONSE),
        new NotTls("http then close", "HTTP/1.0 400 Bad Request\r\n\r\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII), true,
            FirstRecordContext.HTTP_RESPONSE),
        new NotTls("ssh", "SSH-2.0-OpenSSH_9.2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            false, FirstRecordContext.NOT_TLS),
        new NotTls("application data record", concat(bytes(23, 3, 3, 0, 16), x16), false,
            FirstRecordContext.NOT_TLS),
        new NotTls("handshake record version 0x2000", concat(bytes(22, 0x20, 0, 0, 16), x16), false,
            FirstRecordContext.NOT_TLS),
        new NotTls("sslv2", concat(bytes(0x80, 0x2e, 1, 3, 1), x16), false,
            FirstRecordContext.SSLV2),
        new NotTls("close", new byte[0], true, "EOF"),
        // a close_notify alert, held or closed after: EOF to go whenever it comes
        new NotTls("close_notify", bytes(21, 3, 3, 0, 2, 1, 0), false, "EOF"),
        new NotTls("close_notify then close", bytes(21, 3, 3, 0, 2, 1, 0), true, "EOF"),
        // a warning alert (user_canceled) is skipped by both, then the close
        new NotTls("warning alert then close", bytes(21, 3, 3, 0, 2, 1, 90), true, "EOF"),
        new NotTls("close after 3 bytes", "HTT".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            true, "unexpected EOF"),
        new NotTls("close inside a record", bytes(22, 3, 3, 0, 0x40, 2), true, "unexpected EOF"));
    List<GoTool.Go> gos = GoTool.releasesOf("1.19", "1.21", "1.24", "1.27");
    int compared = 0;
    for (NotTls c : cases) {
      try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
          InetAddress.getByName("127.0.0.1"))) {
        Thread acceptor = new Thread(() -> {
          while (!server.isClosed()) {
            java.net.Socket s;
            try {
              s = server.accept();
            } catch (IOException e) {
              return;
            }
            Thread conn = new Thread(() -> answer(s, c));
            conn.setDaemon(true);
            conn.start();
          }
        }, "not-tls " + c.name());
        acceptor.setDaemon(true);
        acceptor.start();
        String goproxy = "https://127.0.0.1:" + server.getLocalPort();
        Map<String, String> env = env(goproxy, null);
        for (GoTool.Go go : gos) {
          String ours;
          try (JdkHttpTransport tr = JdkHttpTransport.create(env, go.lang(), HttpSettings.defaults())) {
            ours = assertThrows(GoProxyException.class,
                () -> tr.get(URI.create(goproxy + INFO), Map.of())).getMessage();
          }
          assertEquals("Get \"" + goproxy + INFO + "\": " + c.want(), ours, c.name());
          GoTool.Result r = go.run(Files.createDirectories(work.resolve("wd")), env, 120, "mod",
              "download", "example.com/m@v1.0.0");
          assertEquals("go: example.com/m@v1.0.0: " + ours + "\n", r.stderr(), go + " " + c.name());
          compared++;
        }
      }
    }
    assertEquals(cases.size() * gos.size(), compared);
  }

  /**
   * A server that accepts the connection and never answers the ClientHello: go1.19, go1.21,
   * go1.24 and go1.27 give up after their 10 s TLS handshake timeout with {@code net/http: TLS
   * handshake timeout}; the transport after its connect timeout (here 1 s), with go's text and
   * which of its timeouts it was. The go releases run at once.
   */
  @Test
  void silentServerAsGo() throws Exception {
    List<GoTool.Go> gos = GoTool.releasesOf("1.19", "1.21", "1.24", "1.27");
    List<java.net.Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
        InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            held.add(server.accept());
          } catch (IOException e) {
            return;
          }
        }
      }, "silent server");
      acceptor.setDaemon(true);
      acceptor.start();
      String goproxy = "https://127.0.0.1:" + server.getLocalPort();
      Map<String, String> env = env(goproxy, null);
      HttpSettings s = HttpSettings.builder().connectTimeout(Duration.ofSeconds(1)).build();
      String ours;
      try (JdkHttpTransport tr = JdkHttpTransport.create(env, "1.27", s)) {
        ours = assertThrows(GoProxyException.class,
            () -> tr.get(URI.create(goproxy + INFO), Map.of())).getMessage();
      }
      String go = "Get \"" + goproxy + INFO + "\": net/http: TLS handshake timeout";
      assertEquals(go + " (no handshake within the connect timeout 1s or the request timeout"
          + " 5m0s)", ours);
      List<java.util.concurrent.CompletableFuture<GoTool.Result>> runs = new ArrayList<>();
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(gos.size());
      try {
        for (GoTool.Go g : gos) {
          Path wd = Files.createDirectories(work.resolve("wd-" + g.lang()));
          runs.add(java.util.concurrent.CompletableFuture.supplyAsync(
              () -> g.run(wd, env, 120, "mod", "download", "example.com/m@v1.0.0"), pool));
        }
        for (int i = 0; i < gos.size(); i++) {
          assertEquals("go: example.com/m@v1.0.0: " + go + "\n", runs.get(i).get().stderr(),
              gos.get(i).toString());
        }
      } finally {
        pool.shutdownNow();
        synchronized (held) {
          for (java.net.Socket c : held) {
            c.close();
          }
        }
      }
    }
  }

  /**
   * The same through an outgoing proxy's CONNECT tunnel (HTTPS_PROXY; the proxy reaches the
   * origin, named origin.test, on loopback): go reports the TLS failure after the tunnel as it
   * is (net/http's dialConn does not wrap addTLS's error in {@code proxyconnect}), and so does
   * the transport, which reads the tunnel's first bytes as a connection's. go opens one tunnel;
   * java.net.http one too, but two for a close during the handshake (it retries a request whose
   * new connection closed before any byte).
   */
  @Test
  void plainTextPortThroughAProxyAsGo() throws Exception {
    List<NotTls> cases = List.of(
        new NotTls("http", "HTTP/1.1 400 Bad Request\r\n\r\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII), false,
            FirstRecordContext.HTTP_RESPONSE),
        new NotTls("ssh", "SSH-2.0-OpenSSH_9.2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            false, FirstRecordContext.NOT_TLS),
        new NotTls("close", new byte[0], true, "EOF"));
    List<GoTool.Go> gos = GoTool.releasesOf("1.19", "1.21", "1.24", "1.27");
    int compared = 0;
    for (NotTls c : cases) {
      try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
          InetAddress.getByName("127.0.0.1"));
          ConnectProxy proxy = new ConnectProxy(null)) {
        Thread acceptor = new Thread(() -> {
          while (!server.isClosed()) {
            java.net.Socket s;
            try {
              s = server.accept();
            } catch (IOException e) {
              return;
            }
            Thread conn = new Thread(() -> answer(s, c));
            conn.setDaemon(true);
            conn.start();
          }
        }, "not-tls " + c.name());
        acceptor.setDaemon(true);
        acceptor.start();
        String goproxy = "https://origin.test:" + server.getLocalPort();
        Map<String, String> env = env(goproxy, null);
        env.put("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port());
        for (GoTool.Go go : gos) {
          String ours;
          try (JdkHttpTransport tr = JdkHttpTransport.create(env, go.lang(), HttpSettings.defaults())) {
            ours = assertThrows(GoProxyException.class,
                () -> tr.get(URI.create(goproxy + INFO), Map.of())).getMessage();
          }
          assertEquals("Get \"" + goproxy + INFO + "\": " + c.want(), ours, c.name());
          int before = proxy.heads.size();
          GoTool.Result r = go.run(Files.createDirectories(work.resolve("wd")), env, 120, "mod",
              "download", "example.com/m@v1.0.0");
          assertEquals("go: example.com/m@v1.0.0: " + ours + "\n", r.stderr(), go + " " + c.name());
          assertEquals(before + 1, proxy.heads.size(), go + ": one tunnel");
          compared++;
        }
        // java.net.http tries a close during the handshake once more on a new connection
        assertEquals((c.close() ? 3 : 2) * gos.size(), proxy.heads.size(), c.name());
        for (String head : proxy.heads) {
          assertTrue(head.startsWith("CONNECT origin.test:" + server.getLocalPort() + " "), head);
        }
      }
    }
    assertEquals(cases.size() * gos.size(), compared);
  }

  /** Reads the ClientHello record, writes the case's reply, closes or waits for the client. */
  private static void answer(java.net.Socket s, NotTls c) {
    try (s) {
      s.setSoTimeout(60_000);
      java.io.InputStream in = s.getInputStream();
      byte[] header = in.readNBytes(5);
      if (header.length == 5) {
        in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
      }
      s.getOutputStream().write(c.reply());
      s.getOutputStream().flush();
      if (!c.close()) {
        in.readAllBytes();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** /usr/bin/go and every /usr/lib/go-1.N/bin/go that exists. */
  private static List<Path> installedGos() throws IOException {
    List<Path> gos = new ArrayList<>();
    GoTool.goBinary().ifPresent(gos::add);
    Path lib = Path.of("/usr/lib");
    if (Files.isDirectory(lib)) {
      try (var s = Files.newDirectoryStream(lib, "go-1.*")) {
        for (Path d : s) {
          Path go = d.resolve("bin/go");
          if (Files.isExecutable(go)) {
            gos.add(go);
          }
        }
      }
    }
    return gos;
  }
}
