package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoEnv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy endpoints, as any HTTP client sees them. */
class FakeGoProxyTest {

  static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Test
  void servesListInfoModZipAndLatest() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/m", "v1.2.0")
            .goMod("module example.com/m\n\ngo 1.19\n")
            .file("m.go", "package m\n")
            .file("sub/s.go", "package sub\n")
            .time(Instant.parse("2023-04-05T06:07:08.9Z"))
            .build())
        .module("example.com/m", "v1.10.0-rc.1", "v1.1.0", "v0.0.0-20200101000000-abcdefabcdef")
        .start()) {
      Http.Response list = Http.get(proxy, "/example.com/m/@v/list");
      assertEquals(200, list.status());
      assertEquals("v1.1.0\nv1.2.0\nv1.10.0-rc.1\n", list.text());
      assertEquals("text/plain; charset=utf-8", list.contentType());

      Http.Response info = Http.get(proxy, "/example.com/m/@v/v1.2.0.info");
      assertEquals("{\"Version\":\"v1.2.0\",\"Time\":\"2023-04-05T06:07:08Z\"}\n", info.text());
      assertEquals("application/json", info.contentType());

      assertEquals("module example.com/m\n\ngo 1.19\n",
          Http.get(proxy, "/example.com/m/@v/v1.2.0.mod").text());

      Http.Response zip = Http.get(proxy, "/example.com/m/@v/v1.2.0.zip");
      assertEquals("application/zip", zip.contentType());
      assertEquals(Map.of(
          "example.com/m@v1.2.0/go.mod", "module example.com/m\n\ngo 1.19\n",
          "example.com/m@v1.2.0/m.go", "package m\n",
          "example.com/m@v1.2.0/sub/s.go", "package sub\n"), unzip(zip.body()));

      // the highest release, not the higher prerelease or the pseudo-version
      assertEquals("{\"Version\":\"v1.2.0\",\"Time\":\"2023-04-05T06:07:08Z\"}\n",
          Http.get(proxy, "/example.com/m/@latest").text());
      // pseudo-versions are served but not listed; their time comes from the version
      assertEquals("{\"Version\":\"v0.0.0-20200101000000-abcdefabcdef\",\"Time\":\"2020-01-01T00:00:00Z\"}\n",
          Http.get(proxy, "/example.com/m/@v/v0.0.0-20200101000000-abcdefabcdef.info").text());
    }
  }

  @Test
  void latestFallsBackToPrereleaseThenPseudo() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module("example.com/pre", "v0.1.0-alpha", "v0.2.0-beta", "v0.0.0-20220101000000-aaaaaaaaaaaa")
        .module("example.com/pseudo", "v0.0.0-20200101000000-aaaaaaaaaaaa",
            "v0.0.0-20210101000000-bbbbbbbbbbbb")
        .start()) {
      assertTrue(Http.get(proxy, "/example.com/pre/@latest").text().contains("v0.2.0-beta"));
      assertTrue(Http.get(proxy, "/example.com/pseudo/@latest").text()
          .contains("v0.0.0-20210101000000-bbbbbbbbbbbb"));
      assertEquals("", Http.get(proxy, "/example.com/pseudo/@v/list").text());
      assertEquals(200, Http.get(proxy, "/example.com/pseudo/@v/list").status());
    }
  }

  @Test
  void decodesPercentAndCaseEncoding() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module("github.com/Azure/Go-Rest", "v1.0.0-RC1").start()) {
      for (String p : List.of("/github.com/!azure/!go-!rest/@v/list",
          "/github.com/%21azure/%21go-%21rest/@v/list")) {
        Http.Response r = Http.get(proxy, p);
        assertEquals(200, r.status(), p);
        assertEquals("v1.0.0-RC1\n", r.text());
      }
      Http.Response zip = Http.get(proxy, "/github.com/%21azure/!go-!rest/@v/v1.0.0-%21r%21c1.zip");
      assertEquals(200, zip.status());
      // inside the zip the path and version are not escaped
      assertTrue(unzip(zip.body()).containsKey("github.com/Azure/Go-Rest@v1.0.0-RC1/go.mod"));
      ProxyRequest last = proxy.requests().all().get(2);
      assertEquals("/github.com/!azure/!go-!rest/@v/v1.0.0-!r!c1.zip", last.path());
      assertEquals("/github.com/%21azure/!go-!rest/@v/v1.0.0-%21r%21c1.zip", last.target());
      assertEquals("github.com/Azure/Go-Rest", last.modulePath().orElseThrow());
      assertEquals("v1.0.0-RC1", last.version().orElseThrow());
      assertEquals(Endpoint.ZIP, last.endpoint());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 410})
  void unknownModulesAndVersionsAreNotFoundWithATextBody(int status) throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0")
        .notFoundStatus(status).start()) {
      Http.Response r = Http.get(proxy, "/example.com/nope/@v/list");
      assertEquals(status, r.status());
      assertEquals("text/plain; charset=utf-8", r.contentType());
      assertEquals("not found: module example.com/nope: no matching versions", r.text());
      r = Http.get(proxy, "/example.com/m/@v/v9.9.9.info");
      assertEquals(status, r.status());
      assertEquals("not found: example.com/m@v9.9.9: invalid version: unknown revision v9.9.9",
          r.text());
      assertEquals(status, Http.get(proxy, "/example.com/m/@v/master.zip").status());
      assertEquals(status, Http.get(proxy, "/example.com/nope/@latest").status());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/example.com/M/@v/list",            // upper case in an escaped path
      "/example.com/m/@v/v1.0.0!.info",    // '!' not followed by a lower-case letter
      "/example.com/m/@v/v1.0.0-%ZZ.info", // bad percent-encoding
      "/example.com/m/@v/%ff%fe.mod",      // not UTF-8
      "/-x/@v/list",                       // invalid module path
      "/example.com/m/@v/v1.0.0-R.zip"})   // upper case in an escaped version
  void undecodableRequestsAreBadRequests(String path) throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start()) {
      Http.Response r = Http.raw(proxy, "GET", path);
      assertEquals(400, r.status(), r.text());
      assertEquals("text/plain; charset=utf-8", r.contentType());
      assertTrue(r.text().startsWith("bad request: "), r.text());
      assertFalse(r.text().contains("Exception"), r.text());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/example.com/m", "/example.com/m/@v/", "/example.com/m/@v/x/y.zip",
      "/sumdb/other.example/supported", "/favicon.ico", "/example.com/m/@v/.info"})
  void otherPathsAreNotFound(String path) throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start()) {
      Http.Response r = Http.get(proxy, path);
      assertEquals(404, r.status(), path + " " + r.text());
      assertEquals("text/plain; charset=utf-8", r.contentType());
    }
  }

  @Test
  void incompatibleVersionsHaveNoGoModInTheZip() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module("example.com/old", "v2.0.0+incompatible").start()) {
      assertEquals("module example.com/old\n",
          Http.get(proxy, "/example.com/old/@v/v2.0.0+incompatible.mod").text());
      assertEquals(Map.of("example.com/old@v2.0.0+incompatible/old.go", "package old\n"),
          unzip(Http.get(proxy, "/example.com/old/@v/v2.0.0+incompatible.zip").body()));
    }
  }

  @Test
  void retractionsAreAddedToGoMod() throws IOException {
    FakeModule m = FakeModule.builder("example.com/r", "v1.1.0")
        .retract("v1.0.0", "broken")
        .retract("[v0.1.0, v0.2.0]", "")
        .build();
    assertEquals("module example.com/r\n\nretract v1.0.0 // broken\nretract [v0.1.0, v0.2.0]\n",
        m.goMod());
    try (FakeGoProxy proxy = FakeGoProxy.builder().module(m).start()) {
      assertEquals(m.goMod(), Http.get(proxy, "/example.com/r/@v/v1.1.0.mod").text());
      assertEquals(m.goMod(), unzip(Http.get(proxy, "/example.com/r/@v/v1.1.0.zip").body())
          .get("example.com/r@v1.1.0/go.mod"));
    }
  }

  @Test
  void aVersionDefinedTwiceFailsAtStart() {
    FakeGoProxy.Builder b = FakeGoProxy.builder().module("example.com/m", "v1.0.0")
        .txtar("example.com_m_v1.0.0.txt", "-- .mod --\nmodule example.com/m\n");
    InvalidFakeModuleException e = assertThrows(InvalidFakeModuleException.class, b::start);
    assertEquals("example.com/m@v1.0.0 is defined twice: in example.com/m@v1.0.0 and in "
        + "example.com_m_v1.0.0.txt", e.getMessage());
  }

  @Test
  void nonGetMethodsAreRejected() throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start()) {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
          .send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(proxy.url() + "/example.com/m/@v/list"))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(405, r.statusCode());
      assertEquals(Endpoint.LIST, proxy.requests().all().get(0).endpoint());
      assertEquals("POST", proxy.requests().all().get(0).method());
    }
  }

  @Test
  void theJournalRecordsRequestsAndAnswers() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start()) {
      Http.get(proxy, "/example.com/m/@v/list");
      Http.get(proxy, "/example.com/m/@v/v2.0.0.info");
      Http.get(proxy, "/example.com/m/@v/v1.0.0.info?x=y");
      RequestJournal j = proxy.requests();
      assertEquals(3, j.size());
      assertEquals(List.of("/example.com/m/@v/list", "/example.com/m/@v/v2.0.0.info",
          "/example.com/m/@v/v1.0.0.info"), j.paths());
      assertEquals(List.of(200, 404, 200), j.all().stream().map(ProxyRequest::status).toList());
      assertEquals(2, j.count(Endpoint.INFO));
      assertEquals(1, j.count("/example.com/m/@v/list"));
      assertTrue(j.all().get(0).header("user-agent").orElseThrow().startsWith("Java-http-client"));
      assertTrue(j.all().get(0).header("HOST").isPresent());
      j.assertRequested("/example.com/m/@v/list");
      j.assertRequestedTimes("/example.com/m/@v/v1.0.0.info", 1);
      j.assertNotRequested("/example.com/m/@latest");
      AssertionError e = assertThrows(AssertionError.class,
          () -> j.assertRequested("/example.com/m/@latest"));
      assertTrue(e.getMessage().contains("GET /example.com/m/@v/v2.0.0.info info 404"),
          e.getMessage());
      assertThrows(AssertionError.class, () -> j.assertNotRequested("/example.com/m/@v/list"));
      assertThrows(AssertionError.class,
          () -> j.assertRequestedTimes("/example.com/m/@v/list", 2));
      assertThrows(AssertionError.class, () -> j.assertAll("ok", r -> r.status() == 200));
      j.clear();
      assertEquals(0, j.size());
    }
  }

  @Test
  void servesAGoproxyLayoutDirectory(@TempDir Path dir) throws IOException {
    FakeModule m = FakeModule.builder("example.com/Up", "v1.0.0").file("a.go", "package a\n")
        .build();
    Path v = Files.createDirectories(dir.resolve("example.com/!up/@v"));
    Files.writeString(v.resolve("list"), "v1.0.0\nv0.9.0\n");
    Files.writeString(v.resolve("v1.0.0.info"), "{\"Version\":\"v1.0.0\"}");
    Files.writeString(v.resolve("v1.0.0.mod"), m.goMod());
    Files.write(v.resolve("v1.0.0.zip"), m.zip());
    Files.writeString(v.resolve("v1.0.0.lock"), "");
    Files.writeString(v.resolve("v0.9.0.mod"), "module example.com/Up\n");
    Files.writeString(v.resolve("v0.9.0.ziphash"), "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    Files.createDirectories(dir.resolve("sumdb/sum.golang.org/lookup"));
    Files.writeString(dir.resolve("sumdb/sum.golang.org/lookup/x@v1.0.0"), "ignored");
    try (FakeGoProxy proxy = FakeGoProxy.builder().directory(dir).start()) {
      assertEquals("v1.0.0\nv0.9.0\n", Http.get(proxy, "/example.com/!up/@v/list").text());
      assertEquals("{\"Version\":\"v1.0.0\"}",
          Http.get(proxy, "/example.com/!up/@v/v1.0.0.info").text());
      assertArrayEquals(m.zip(), Http.get(proxy, "/example.com/!up/@v/v1.0.0.zip").body());
      assertEquals(404, Http.get(proxy, "/example.com/!up/@v/v0.9.0.zip").status());
      assertEquals(404, Http.get(proxy, "/example.com/!up/@v/v0.9.0.info").status());
      assertEquals(200, Http.get(proxy, "/example.com/!up/@v/v0.9.0.mod").status());
      assertEquals(List.of("example.com/Up@v0.9.0", "example.com/Up@v1.0.0"),
          proxy.moduleVersions());
      // the sumdb uses the .ziphash when the zip is absent
      String record = proxy.sumdb().record("example.com/Up", "v0.9.0").orElseThrow();
      assertTrue(record.startsWith(
          "example.com/Up v0.9.0 h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
          + "example.com/Up v0.9.0/go.mod h1:"), record);
    }
  }

  @Test
  void aLayoutDirectoryWithAnUndecodableNameFails(@TempDir Path dir) throws IOException {
    Path v = Files.createDirectories(dir.resolve("example.com/Bad/@v"));
    Files.writeString(v.resolve("v1.0.0.mod"), "module example.com/Bad\n");
    InvalidFakeModuleException e = assertThrows(InvalidFakeModuleException.class,
        () -> FakeGoProxy.builder().directory(dir).start());
    assertEquals("example.com/Bad/@v/v1.0.0.mod: invalid escaped module path \"example.com/Bad\"",
        e.getMessage());
  }

  @Test
  void environmentUsesOnlyTheFake() throws IOException {
    try (FakeGoProxy proxy = FakeGoProxy.builder().start()) {
      Map<String, String> env = proxy.environment();
      assertEquals(proxy.url().toString(), env.get("GOPROXY"));
      assertTrue(proxy.url().toString().matches("http://127\\.0\\.0\\.1:\\d+"), proxy.url().toString());
      assertEquals(proxy.sumdbKey(), env.get("GOSUMDB"));
      assertTrue(proxy.sumdbKey().startsWith(FakeGoProxy.DEFAULT_SUMDB_NAME + "+"));
      for (String k : List.of("GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE")) {
        assertEquals("", env.get(k), k);
        assertEquals("", proxy.goEnv().get(k), k);
      }
      assertEquals(proxy.url().toString(), proxy.goEnv().get("GOPROXY"));
      assertEquals(proxy.sumdbKey(), proxy.goEnv().get("GOSUMDB"));
    }
    try (FakeGoProxy proxy = FakeGoProxy.builder().noSumdb().start()) {
      assertEquals("off", proxy.environment().get("GOSUMDB"));
      assertThrows(IllegalStateException.class, proxy::sumdbKey);
      assertEquals(404, Http.get(proxy, "/sumdb/" + FakeGoProxy.DEFAULT_SUMDB_NAME
          + "/supported").status());
    }
  }

  @Test
  void answersWithoutNagleDelays() throws IOException {
    // MockWebServer writes headers and body separately: without TCP_NODELAY each response
    // waits for the client's delayed ACK (about 40 ms on Linux loopback), so 100 sequential
    // requests took 4 s or more.
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start()) {
      java.net.URI u = java.net.URI.create(proxy.url() + "/example.com/m/@v/v1.0.0.zip");
      Http.get(u);
      long t0 = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        assertEquals(200, Http.get(u).status());
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 3000, "100 sequential requests took " + ms + " ms");
    }
  }

  @Test
  void closeStopsTheServer() throws IOException {
    FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start();
    java.net.URI u = java.net.URI.create(proxy.url() + "/example.com/m/@v/list");
    assertEquals(200, Http.get(u).status());
    proxy.close();
    assertThrows(IOException.class, () -> Http.send(u));
  }

  @Test
  void goEnvKeepsModuleCacheAndSumdbStateInAPrivateDirectoryDeletedOnClose() throws Exception {
    Path gopath;
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start()) {
      GoEnv env = proxy.goEnv();
      gopath = Path.of(env.get("GOPATH"));
      assertTrue(Files.isDirectory(gopath));
      assertEquals(gopath.resolve("pkg/mod"), env.modCacheDir());
      assertTrue(env.sumdbDir().startsWith(gopath), env.sumdbDir().toString());
      assertEquals(proxy.url().toString(), env.get("GOPROXY"));
      assertEquals(gopath, Path.of(proxy.goEnv().get("GOPATH")), "one private GOPATH per fake");
      Path readOnly = Files.createDirectories(env.modCacheDir().resolve("example.com/m@v1.0.0"));
      Files.writeString(readOnly.resolve("m.go"), "package m\n");
      readOnly.toFile().setWritable(false, false);
    }
    assertFalse(Files.exists(gopath), "close() deletes the private GOPATH, read-only trees included");
  }

  @Test
  void builderNamesANullArgument() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> FakeGoProxy.builder().module("example.com/m", (String[]) null));
    assertEquals("versions", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> FakeGoProxy.builder().module((FakeModule) null));
    assertEquals("module", e.getMessage());
  }

  /** A java.net.http GET with the given trust and Authorization (null: none). */
  private static java.net.http.HttpResponse<String> getTls(javax.net.ssl.SSLContext ssl,
      java.net.URI uri, String authorization) throws Exception {
    java.net.http.HttpClient.Builder cb = java.net.http.HttpClient.newBuilder()
        .connectTimeout(java.time.Duration.ofSeconds(10));
    if (ssl != null) {
      cb.sslContext(ssl);
    }
    java.net.http.HttpRequest.Builder rb = java.net.http.HttpRequest.newBuilder(uri)
        .timeout(java.time.Duration.ofSeconds(30));
    if (authorization != null) {
      rb.header("Authorization", authorization);
    }
    return cb.build().send(rb.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void httpsWithBasicAuthAnswers401WithAChallengeAndServesTheRightCredentials() throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().https().basicAuth("ci", "pässwörd")
        .module("example.com/m", "v1.0.0").start()) {
      assertTrue(proxy.isHttps());
      assertEquals("https", proxy.url().getScheme());
      java.net.URI list = java.net.URI.create(proxy.url() + "/example.com/m/@v/list");
      var ok = getTls(proxy.sslContext(), list, basic("ci", "pässwörd"));
      assertEquals(200, ok.statusCode());
      assertEquals("v1.0.0\n", ok.body());
      for (String wrong : new String[] {null, basic("ci", "passwort"), basic("CI", "pässwörd"),
          basic("ci", "pässwörd") + "=", "Bearer passw0rd", "basic " + basic("ci", "pässwörd")
              .substring(6)}) {
        var r = getTls(proxy.sslContext(), list, wrong);
        assertEquals(401, r.statusCode(), String.valueOf(wrong));
        assertEquals("Basic realm=\"goproxy4j-testkit\"",
            r.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("unauthorized\n", r.body());
      }
      // the sumdb behind the proxy is just as private
      var sumdb = getTls(proxy.sslContext(), java.net.URI.create(proxy.url() + "/sumdb/"
          + proxy.sumdb().name() + "/supported"), null);
      assertEquals(401, sumdb.statusCode());
      List<ProxyRequest> rs = proxy.requests().all();
      assertEquals(List.of(200, 401, 401, 401, 401, 401, 401, 401),
          rs.stream().map(ProxyRequest::status).toList());
      assertEquals("Basic xxxxx", rs.get(0).header("Authorization").orElseThrow());
      assertEquals("Bearer xxxxx", rs.get(5).header("Authorization").orElseThrow());
      assertTrue(rs.get(1).header("Authorization").isEmpty());
      String all = rs + " " + rs.stream().map(ProxyRequest::headers).toList() + proxy
          + proxy.requests() + proxy.environment();
      for (String secret : new String[] {"pässwörd", basic("ci", "pässwörd")
          .substring(6), basic("ci", "passwort").substring(6)}) {
        assertFalse(all.contains(secret), all);
      }
      assertEquals("FakeGoProxy[" + proxy.url() + ", 1 module versions, Basic auth as ci]",
          proxy.toString());
    }
  }

  @Test
  void httpsCertificateIsTrustedOnlyWhereGiven() throws Exception {
    Path pem;
    try (FakeGoProxy proxy = FakeGoProxy.builder().https().module("example.com/m", "v1.0.0")
        .start()) {
      java.net.URI list = java.net.URI.create(proxy.url() + "/example.com/m/@v/list");
      assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> getTls(null, list, null));
      assertEquals(200, getTls(proxy.sslContext(), list, null).statusCode());
      // the PEM file SSL_CERT_FILE names holds the certificate the server presents
      pem = Path.of(proxy.environment().get("SSL_CERT_FILE"));
      assertEquals(proxy.certificatePem(), Files.readString(pem));
      var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
          .getInstance("X.509").generateCertificate(Files.newInputStream(pem));
      javax.net.ssl.X509TrustManager tm = proxy.trustManager();
      assertEquals(List.of(cert), List.of(tm.getAcceptedIssuers()));
      assertTrue(cert.getSubjectAlternativeNames().toString().contains("127.0.0.1"),
          cert.getSubjectAlternativeNames().toString());
      assertFalse(proxy.environment().containsKey("NETRC"));
    }
    assertFalse(Files.exists(pem), "close deletes the certificate file");
  }

  @Test
  void netrcHoldsTheCredentialsForHostAndForHostWithPort() throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().https().basicAuth("ci", "pw")
        .module("example.com/m", "v1.0.0").start()) {
      assertEquals("machine 127.0.0.1 login ci password pw\nmachine 127.0.0.1:"
          + proxy.url().getPort() + " login ci password pw\n",
          Files.readString(Path.of(proxy.environment().get("NETRC"))));
      assertEquals(proxy.environment().get("NETRC"), proxy.goEnv().get("NETRC"));
    }
    try (FakeGoProxy proxy = FakeGoProxy.builder().https().basicAuth("ci", "two words")
        .start()) {
      assertFalse(proxy.environment().containsKey("NETRC"), "a netrc cannot hold a space");
    }
    try (FakeGoProxy proxy = FakeGoProxy.builder().https().bearerToken("t0k").start()) {
      assertFalse(proxy.environment().containsKey("NETRC"));
      assertEquals("FakeGoProxy[" + proxy.url() + ", 0 module versions, Bearer token]",
          proxy.toString());
    }
  }

  @Test
  void credentialsAndPlainHttpMisuseAreRefusedClearly() throws Exception {
    assertEquals("a Basic user name cannot contain ':' (RFC 7617): the user given has one",
        assertThrows(IllegalArgumentException.class,
            () -> FakeGoProxy.builder().basicAuth("a:b", "secret")).getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FakeGoProxy.builder().bearerToken("has space"));
    assertFalse(e.getMessage().contains("has space"), e.getMessage());
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start()) {
      assertFalse(proxy.isHttps());
      assertEquals("this fake proxy serves plain http: build it with https()",
          assertThrows(IllegalStateException.class, proxy::certificatePem).getMessage());
      assertThrows(IllegalStateException.class, proxy::sslContext);
      assertFalse(proxy.environment().containsKey("SSL_CERT_FILE"));
    }
  }
}
