package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against a loopback proxy that misbehaves in every way go has a rule for. */
class ClientFaultTest {
  private static final ModuleVersion M = ModuleVersion.parse("example.com/m@v1.0.0");
  private static final String BASE = "/example.com/m/@v/";

  @TempDir Path tmp;
  TestProxy proxy;
  Path cacheDir;

  @BeforeEach
  void setUp() {
    proxy = new TestProxy().module("example.com/m", "v1.0.0");
    cacheDir = tmp.resolve("modcache");
  }

  @AfterEach
  void tearDown() throws IOException {
    proxy.close();
    GoOs.removeAll(tmp);
  }

  private GoProxyClient.Builder builder(String goproxy) {
    Map<String, String> vars = new HashMap<>();
    vars.put("GOPROXY", goproxy);
    vars.put("GOSUMDB", "off");
    vars.put("GOPATH", tmp.resolve("gopath").toString());
    return GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(cacheDir)
        .httpSettings(HttpSettings.builder().requestTimeout(Duration.ofSeconds(2))
            .readStallTimeout(Duration.ofSeconds(2)).build());
  }

  private GoProxyClient client() {
    return builder(proxy.url()).build();
  }

  private void assertNothingCachedForZip() throws IOException {
    Path dir = cacheDir.resolve("cache/download/example.com/m/@v");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
        assertFalse(names.stream().anyMatch(n -> n.contains(".zip") || n.endsWith(".tmp")),
            "unexpected files " + names);
      }
    }
    assertFalse(Files.exists(cacheDir.resolve("example.com/m@v1.0.0")));
  }

  @Test
  void downloadWritesGoCacheLayout() throws Exception {
    try (GoProxyClient c = client()) {
      DownloadedModule d = c.download(M);
      Path v = cacheDir.resolve("cache/download/example.com/m/@v");
      assertEquals("{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-02T03:04:05Z\"}",
          Files.readString(v.resolve("v1.0.0.info")));
      assertEquals("module example.com/m\n", Files.readString(v.resolve("v1.0.0.mod")));
      assertEquals("v1.0.0\n", Files.readString(v.resolve("list")));
      String zipHash = ModuleHash.ofZip(v.resolve("v1.0.0.zip")).toString();
      assertEquals(zipHash, Files.readString(v.resolve("v1.0.0.ziphash")));
      assertTrue(Files.exists(v.resolve("v1.0.0.lock")));
      assertFalse(Files.exists(v.resolve("v1.0.0.partial")));
      Path dir = cacheDir.resolve("example.com/m@v1.0.0");
      assertEquals(dir, d.dir());
      assertTrue(Files.readString(dir.resolve("a.go")).contains("v1.0.0"));
      assertFalse(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)).contains("w"),
          "extracted tree must be read-only");
      assertFalse(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.go"))).contains("w"));
      assertEquals("example.com/m v1.0.0 " + zipHash + "\nexample.com/m v1.0.0/go.mod "
          + ModuleHash.ofGoMod("module example.com/m\n".getBytes(StandardCharsets.UTF_8)) + "\n",
          d.goSumLines());
      assertEquals(List.of(BASE + "v1.0.0.info", BASE + "v1.0.0.mod", BASE + "v1.0.0.zip"),
          proxy.requests);
    }
  }

  @Test
  void secondDownloadUsesTheCacheWithoutNetwork() throws Exception {
    try (GoProxyClient c = client()) {
      c.download(M);
    }
    proxy.close();
    try (GoProxyClient c = client()) {
      DownloadedModule d = c.download(M);
      assertTrue(Files.isDirectory(d.dir()));
      assertEquals("v1.0.0", c.info(M).version());
    }
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {201, 204, 301, 400, 401, 403, 404, 410, 418, 429, 500, 502, 503, 504})
  void everyStatusOtherThan200IsAnError(int status) throws Exception {
    MockResponse.Builder r = TestProxy.status(status);
    if (status == 301) {
      r.setHeader("Location", "/elsewhere");
      proxy.fault("/elsewhere", new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere").build());
    }
    proxy.fault(BASE + "v1.0.0.info", r.build());
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> c.info(M));
      if (status == 404 || status == 410) {
        assertInstanceOf(ModuleNotFoundException.class, e);
      } else {
        assertInstanceOf(ProxyUnavailableException.class, e);
      }
      if (status == 301) {
        // go prints the absolute URL of the last hop; the transport's text is checked there.
        assertTrue(e.getMessage().startsWith("example.com/m@v1.0.0: Get \""), e.getMessage());
        assertTrue(e.getMessage().endsWith("/elsewhere\": stopped after 10 redirects"), e.getMessage());
      } else {
        assertEquals("example.com/m@v1.0.0: reading " + proxy.url() + BASE + "v1.0.0.info: "
            + HttpStatus.line(status), e.getMessage());
      }
      assertFalse(e.attempts().isEmpty());
    }
  }

  @Test
  void shortPlainTextBodyIsShownAsServerResponse() throws Exception {
    proxy.fault(BASE + "v1.0.0.info", new MockResponse.Builder().code(403)
        .setHeader("Content-Type", "text/plain; charset=utf-8").body("blocked by policy\n").build());
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.info(M));
      assertEquals("example.com/m@v1.0.0: reading " + proxy.url() + BASE
          + "v1.0.0.info: 403 Forbidden\n\tserver response: blocked by policy", e.getMessage());
    }
  }

  @Test
  void resetConnectionIsAnError() throws Exception {
    proxy.fault(BASE + "v1.0.0.info", new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.info(M));
      assertTrue(e.getMessage().startsWith("example.com/m@v1.0.0: Get \"" + proxy.url()), e.getMessage());
    }
  }

  @Test
  void stalledResponseTimesOut() throws Exception {
    proxy.fault(BASE + "v1.0.0.info", new MockResponse.Builder().body("{}")
        .headersDelay(30, TimeUnit.SECONDS).build());
    try (GoProxyClient c = client()) {
      long t0 = System.nanoTime();
      assertThrows(ProxyUnavailableException.class, () -> c.info(M));
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(15));
    }
  }

  @Test
  void truncatedZipLeavesNothingInTheCache() throws Exception {
    byte[] zip = proxy.files.get(BASE + "v1.0.0.zip");
    proxy.fault(BASE + "v1.0.0.zip", new MockResponse.Builder()
        .setHeader("Content-Length", zip.length)
        .body(new Buffer().write(zip, 0, zip.length / 2))
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.download(M));
      assertTrue(e.getMessage().startsWith("example.com/m@v1.0.0: "), e.getMessage());
    }
    assertNothingCachedForZip();
  }

  @Test
  void oversizedZipIsRejected() throws Exception {
    try (GoProxyClient c = builder(proxy.url()).maxZipSize(64).build()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.download(M));
      assertEquals("example.com/m@v1.0.0: downloaded zip file too large", e.getMessage());
    }
    assertNothingCachedForZip();
  }

  @Test
  void malformedInfoJson() throws Exception {
    proxy.files.put(BASE + "v1.0.0.info", "{\"Version\":".getBytes(StandardCharsets.UTF_8));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.info(M));
      assertEquals("example.com/m@v1.0.0: invalid response from proxy \"" + proxy.url()
          + "\": unexpected end of JSON input", e.getMessage());
    }
  }

  @Test
  void wrongVersionInInfo() throws Exception {
    proxy.files.put(BASE + "v1.0.0.info", "{\"Version\":\"v1.0.1\"}".getBytes(StandardCharsets.UTF_8));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.info(M));
      assertEquals("example.com/m@v1.0.0: proxy returned info for version v1.0.1 instead of requested version",
          e.getMessage());
    }
  }

  @Test
  void wrongModuleInGoMod() throws Exception {
    proxy.files.put(BASE + "v1.0.0.mod", "module example.com/other\n".getBytes(StandardCharsets.UTF_8));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> c.download(M));
      assertEquals("example.com/m@v1.0.0: parsing go.mod:\n\tmodule declares its path as: "
          + "example.com/other\n\t        but was required as: example.com/m", e.getMessage());
    }
    assertNothingCachedForZip();
  }

  @Test
  void corruptedZip() throws Exception {
    proxy.files.put(BASE + "v1.0.0.zip", "this is not a zip".getBytes(StandardCharsets.UTF_8));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.download(M));
      assertEquals("example.com/m@v1.0.0: zip: not a valid zip file", e.getMessage());
    }
    assertNothingCachedForZip();
  }

  @Test
  void zipWithForeignPrefix() throws Exception {
    proxy.files.put(BASE + "v1.0.0.zip", TestProxy.zip("example.com/m@v1.0.0/",
        Map.of("go.mod", "module example.com/m\n")));
    byte[] bad = TestProxy.zip("example.com/M@v1.0.0/", Map.of("go.mod", "module example.com/m\n"));
    proxy.files.put(BASE + "v1.0.0.zip", bad);
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.download(M));
      assertEquals("zip for example.com/m@v1.0.0 has unexpected file example.com/M@v1.0.0/go.mod",
          e.getMessage());
    }
    assertNothingCachedForZip();
  }

  @Test
  void goModMismatchWithGoSumStopsBeforeTheZip() throws Exception {
    GoSum sum = GoSum.parse("example.com/m v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    try (GoProxyClient c = builder(proxy.url()).goSum(sum).build()) {
      ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> c.download(M));
      assertTrue(e.getMessage().startsWith("verifying example.com/m@v1.0.0/go.mod: checksum mismatch\n"
          + "\tdownloaded: h1:"), e.getMessage());
      assertTrue(e.getMessage().contains("\tgo.sum:     h1:AAAA"));
      assertTrue(e.getMessage().contains("SECURITY ERROR"));
    }
    assertEquals(List.of(), proxy.requestsMatching(".zip"));
    assertFalse(Files.exists(cacheDir.resolve("cache/download/example.com/m/@v/v1.0.0.mod")));
    assertNothingCachedForZip();
  }

  @Test
  void zipMismatchWithGoSumLeavesNoZip() throws Exception {
    GoSum sum = GoSum.parse("example.com/m v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    try (GoProxyClient c = builder(proxy.url()).goSum(sum).build()) {
      ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> c.download(M));
      assertTrue(e.getMessage().startsWith("verifying example.com/m@v1.0.0: checksum mismatch"));
    }
    assertNothingCachedForZip();
  }

  @Test
  void matchingGoSumIsAccepted() throws Exception {
    String zipHash;
    try (GoProxyClient c = client()) {
      zipHash = c.download(M).goSumLines();
    }
    GoOs.removeAll(cacheDir);
    try (GoProxyClient c = builder(proxy.url()).goSum(GoSum.parse(zipHash)).build()) {
      assertEquals(zipHash, c.download(M).goSumLines());
    }
  }

  @Test
  void upperCaseIsSentAsPercentEscapedBang() throws Exception {
    proxy.module("example.com/Upper", "v1.0.0-RC1");
    try (GoProxyClient c = client()) {
      DownloadedModule d = c.download(ModuleVersion.parse("example.com/Upper@v1.0.0-RC1"));
      assertTrue(proxy.requests.contains("/example.com/%21upper/@v/v1.0.0-%21r%21c1.zip"), proxy.requests.toString());
      assertEquals(cacheDir.resolve("example.com/!upper@v1.0.0-!r!c1"), d.dir());
      // Like go, the list file skips versions whose escaped name is not canonical semver.
      assertEquals("", Files.readString(cacheDir.resolve("cache/download/example.com/!upper/@v/list")));
    }
  }

  @Test
  void concurrentDownloadsOfOneVersionFetchTheZipOnce() throws Exception {
    try (GoProxyClient c = builder(proxy.url()).parallelism(8).build()) {
      List<DownloadedModule> all = c.downloadAll(java.util.Collections.nCopies(16, M));
      assertEquals(16, all.size());
      assertTrue(all.stream().allMatch(d -> d.equals(all.get(0))));
    }
    assertEquals(1, proxy.requestsMatching(".zip").size());
  }

  @Test
  void zipIsReusedAfterLostZipHash() throws Exception {
    try (GoProxyClient c = client()) {
      c.download(M);
    }
    Path v = cacheDir.resolve("cache/download/example.com/m/@v");
    String hash = Files.readString(v.resolve("v1.0.0.ziphash"));
    Files.delete(v.resolve("v1.0.0.ziphash"));
    proxy.requests.clear();
    try (GoProxyClient c = client()) {
      assertEquals(hash, c.download(M).zipHash().toString());
    }
    assertEquals(hash, Files.readString(v.resolve("v1.0.0.ziphash")));
    assertEquals(List.of(), proxy.requestsMatching(".zip"));
  }

  @Test
  void progressListenerSeesEveryStep() throws Exception {
    List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    ProgressListener l = new ProgressListener() {
      @Override
      public void started(ModuleVersion m) {
        events.add("started " + m);
      }

      @Override
      public void bytes(ModuleVersion m, long received, long total) {
        if (received == total) {
          events.add("bytes " + received);
        }
      }

      @Override
      public void verified(ModuleVersion m, String zipHash) {
        events.add("verified " + zipHash);
      }

      @Override
      public void done(ModuleVersion m, Path dir) {
        events.add("done " + dir.getFileName());
      }
    };
    try (GoProxyClient c = builder(proxy.url()).progressListener(l).build()) {
      DownloadedModule d = c.download(M);
      assertEquals(List.of("started " + M, "bytes " + proxy.files.get(BASE + "v1.0.0.zip").length,
          "verified " + d.zipHash(), "done m@v1.0.0"), events);
    }
  }

  @Test
  void goModBytesAreReturnedVerbatim() throws Exception {
    try (GoProxyClient c = client()) {
      assertArrayEquals("module example.com/m\n".getBytes(StandardCharsets.UTF_8), c.goMod(M));
    }
  }
}
