package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.testing.RawZip;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.testkit.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GoProxyClient} against the testkit's {@link FakeGoProxy} on loopback: the cache layout,
 * every way a proxy can misbehave that go has a rule for, go.sum verification, direct mode and
 * progress. Expected texts are go's, written out.
 */
@Isolated // 2 s request and stall timeouts, trickling servers, measured durations: alone (junit-platform.properties)
class GoProxyClientTest {
  private static final ModuleVersion M = ModuleVersion.parse("example.com/m@v1.0.0");
  private static final String BASE = "/example.com/m/@v/";
  private static final FakeModule M_FAKE = FakeModule.builder("example.com/m", "v1.0.0")
      .time(java.time.Instant.parse("2023-01-02T03:04:05Z"))
      .file("a.go", "package m\n\nconst V = \"v1.0.0\"\n").build();

  @TempDir Path tmp;
  FakeGoProxy proxy;
  Path cacheDir;

  @BeforeEach
  void setUp() throws IOException {
    proxy = start(FakeGoProxy.builder().module(M_FAKE));
    cacheDir = tmp.resolve("modcache");
  }

  private static FakeGoProxy start(FakeGoProxy.Builder b) throws IOException {
    return b.noSumdb().start();
  }

  /** The same proxy again, now with these modules added. */
  private void restart(FakeGoProxy.Builder b) throws IOException {
    proxy.close();
    proxy = start(b);
  }

  @AfterEach
  void tearDown() throws IOException {
    proxy.close();
    GoOs.removeAll(tmp);
  }

  private GoProxyClient.Builder builder(HttpSettings http) {
    return GoProxyClient.builder().env(proxy.goEnv()).moduleCache(cacheDir).httpSettings(http);
  }

  private GoProxyClient.Builder builder() {
    return builder(HttpSettings.builder().requestTimeout(Duration.ofSeconds(2))
        .readStallTimeout(Duration.ofSeconds(2)).build());
  }

  private GoProxyClient client() {
    return builder().build();
  }

  private String url() {
    return proxy.url().toString();
  }

  private List<String> requested(Endpoint... kinds) {
    List<Endpoint> k = List.of(kinds);
    return proxy.requests().all().stream().filter(r -> k.contains(r.endpoint()))
        .map(r -> r.target()).toList();
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

  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.21", "1.22"})
  void aTricklingZipIsCutOffByTheBodyTimeout(String goVersion) throws Exception {
    // A live server dripping 8 bytes every 100 ms never trips the stall timeout; the whole-body
    // bound ends the download. go1.22 names the request URL in a body read error, go1.21
    // path.Join(GOPROXY entry, "@v/<v>.zip") (cmd/go/internal/modfetch/proxy.go).
    proxy.addFault(Fault.trickle(8, Duration.ofMillis(100)).on(Endpoint.ZIP));
    HttpSettings http = HttpSettings.builder().readStallTimeout(Duration.ofSeconds(5))
        .bodyTimeout(Duration.ofMillis(700)).build();
    Map<String, String> vars = new HashMap<>(proxy.environment());
    vars.put("GOPATH", tmp.resolve("gopath").toString());
    GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion(goVersion).build();
    String zipUrl = url() + "/example.com/m/@v/v1.0.0.zip";
    String named = goVersion.equals("1.22") ? zipUrl
        : "http:/" + url().substring("http://".length()) + "/@v/v1.0.0.zip";
    try (GoProxyClient c = GoProxyClient.builder().env(env).moduleCache(cacheDir)
        .httpSettings(http).build()) {
      long t0 = System.nanoTime();
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.download(M));
      long took = System.nanoTime() - t0;
      assertEquals("example.com/m@v1.0.0: read \"" + named + "\": reading " + zipUrl
          + ": body not complete after 700ms (body timeout)", e.getMessage());
      assertTrue(took < TimeUnit.SECONDS.toNanos(4), "took " + took / 1_000_000 + " ms");
    }
    assertNothingCachedForZip();
  }

  /** go.sum's hash of "module example.com/m\n" (dirhash Hash1 over one file go.mod). */
  private static final String GO_MOD_HASH = "h1:flS2VctbRrTv+sBE+VKgxx6hlkMGPVz9MGOmzMYFg3k=";

  @Test
  void downloadWritesGoCacheLayout() throws Exception {
    try (GoProxyClient c = client()) {
      DownloadedModule d = c.download(M);
      Path v = cacheDir.resolve("cache/download/example.com/m/@v");
      assertEquals("{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-02T03:04:05Z\"}",
          Files.readString(v.resolve("v1.0.0.info")));
      assertEquals("module example.com/m\n", Files.readString(v.resolve("v1.0.0.mod")));
      assertEquals("v1.0.0\n", Files.readString(v.resolve("list")));
      assertTrue(Files.exists(v.resolve("v1.0.0.lock")));
      assertFalse(Files.exists(v.resolve("v1.0.0.partial")));
      Path dir = cacheDir.resolve("example.com/m@v1.0.0");
      assertEquals(dir, d.dir());
      assertEquals("package m\n\nconst V = \"v1.0.0\"\n", Files.readString(dir.resolve("a.go")));
      assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
          "extracted tree must be read-only");
      assertEquals("r--r--r--",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.go"))));
      String zipHash = Files.readString(v.resolve("v1.0.0.ziphash"));
      assertTrue(zipHash.matches("h1:[A-Za-z0-9+/]{43}="), zipHash);
      assertEquals("example.com/m v1.0.0 " + zipHash + "\nexample.com/m v1.0.0/go.mod "
          + GO_MOD_HASH + "\n", d.goSumLines());
      assertEquals(List.of(BASE + "v1.0.0.info", BASE + "v1.0.0.mod", BASE + "v1.0.0.zip"),
          proxy.requests().paths());
    }
  }

  /**
   * Without a module cache go can use (here HOME, GOPATH and GOMODCACHE unset) the client is built
   * as go runs: go.mod and infos are fetched, verified and returned each time, nothing is cached,
   * and a download, which must store the module, fails with go's reason after the info request
   * (modcmd's DownloadModule: InfoFile asks the proxy first).
   */
  @Test
  void withoutAModuleCacheFetchesEachTimeAndDownloadsFail() throws Exception {
    Map<String, String> vars = new HashMap<>(proxy.environment());
    vars.remove("GOPATH");
    vars.remove("GOMODCACHE");
    GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().build();
    try (GoProxyClient c = GoProxyClient.builder().env(env).build()) {
      assertEquals(Optional.of("module cache not found: neither GOMODCACHE nor GOPATH is set"),
          c.moduleCache().problem());
      for (int i = 0; i < 2; i++) {
        assertEquals("module example.com/m\n", new String(c.goMod(M), StandardCharsets.UTF_8));
        assertEquals("v1.0.0", c.info(M).version());
      }
      GoProxyException e = assertThrows(GoProxyException.class, () -> c.download(M));
      assertEquals("module cache not found: neither GOMODCACHE nor GOPATH is set", e.getMessage());
      assertEquals(List.of(BASE + "v1.0.0.mod", BASE + "v1.0.0.info", BASE + "v1.0.0.mod", BASE + "v1.0.0.info",
          BASE + "v1.0.0.info"), proxy.requests().paths());
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

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(201, "201 Created"), Arguments.of(204, "204 No Content"),
        Arguments.of(301, "301 Moved Permanently"), Arguments.of(400, "400 Bad Request"),
        Arguments.of(401, "401 Unauthorized"), Arguments.of(403, "403 Forbidden"),
        Arguments.of(404, "404 Not Found"), Arguments.of(410, "410 Gone"),
        Arguments.of(418, "418 I'm a teapot"), Arguments.of(429, "429 Too Many Requests"),
        Arguments.of(500, "500 Internal Server Error"), Arguments.of(502, "502 Bad Gateway"),
        Arguments.of(503, "503 Service Unavailable"), Arguments.of(504, "504 Gateway Timeout"));
  }

  @ParameterizedTest(name = "status {0}")
  @MethodSource("statuses")
  void everyStatusOtherThan200IsAnError(int status, String line) throws Exception {
    // An empty body: no "server response" detail; a 301 without Location is an answer, as in go.
    proxy.addFault(Fault.status(status, "").forPath(BASE + "v1.0.0.info"));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> c.info(M));
      Class<? extends GoProxyException> type = status == 404 || status == 410
          ? ModuleNotFoundException.class : ProxyUnavailableException.class;
      assertEquals(type, e.getClass());
      assertEquals("example.com/m@v1.0.0: reading " + url() + BASE + "v1.0.0.info: " + line,
          e.getMessage());
      assertEquals(List.of(new GoProxyException.Attempt(url() + BASE + "v1.0.0.info", status,
          line)), e.attempts());
    }
  }

  @Test
  void shortPlainTextBodyIsShownAsServerResponse() throws Exception {
    proxy.addFault(Fault.status(403, "blocked by policy\n").forPath(BASE + "v1.0.0.info"));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.info(M));
      assertEquals("example.com/m@v1.0.0: reading " + url() + BASE
          + "v1.0.0.info: 403 Forbidden\n\tserver response: blocked by policy", e.getMessage());
    }
  }

  @Test
  void resetConnectionIsAnError() throws Exception {
    proxy.addFault(Fault.disconnectBeforeResponse().on(Endpoint.INFO));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.info(M));
      assertTrue(e.getMessage().startsWith("example.com/m@v1.0.0: Get \"" + url() + BASE
          + "v1.0.0.info\": "), e.getMessage());
    }
  }

  @Test
  void stalledResponseTimesOut() throws Exception {
    proxy.addFault(Fault.delay(Duration.ofSeconds(30)).on(Endpoint.INFO));
    try (GoProxyClient c = client()) {
      long t0 = System.nanoTime();
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.info(M));
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(15));
      assertEquals("example.com/m@v1.0.0: Get \"" + url() + BASE + "v1.0.0.info\": timeout"
          + " awaiting response headers (request timeout 2s)", e.getMessage());
    }
  }

  @Test
  void truncatedZipLeavesNothingInTheCache() throws Exception {
    proxy.addFault(Fault.disconnectDuringBody().on(Endpoint.ZIP));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.download(M));
      assertTrue(e.getMessage().startsWith("example.com/m@v1.0.0: "), e.getMessage());
    }
    assertNothingCachedForZip();
  }

  @Test
  void oversizedZipIsRejected() throws Exception {
    try (GoProxyClient c = builder().maxZipSize(64).build()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.download(M));
      assertEquals("example.com/m@v1.0.0: downloaded zip file too large", e.getMessage());
    }
    assertNothingCachedForZip();
  }

  @Test
  void malformedInfoJson() throws Exception {
    restart(FakeGoProxy.builder().module(
        FakeModule.builder("example.com/m", "v1.0.0").info("{\"Version\":").build()));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.info(M));
      assertEquals("example.com/m@v1.0.0: invalid response from proxy \"" + url()
          + "\": unexpected end of JSON input", e.getMessage());
    }
  }

  @Test
  void wrongVersionInInfo() throws Exception {
    restart(FakeGoProxy.builder().module(
        FakeModule.builder("example.com/m", "v1.0.0").info("{\"Version\":\"v1.0.1\"}").build()));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.info(M));
      assertEquals("example.com/m@v1.0.0: proxy returned info for version v1.0.1 instead of"
          + " requested version", e.getMessage());
    }
  }

  @Test
  void goModDeclaringAnotherPath() throws Exception {
    restart(FakeGoProxy.builder().module(FakeModule.builder("example.com/m", "v1.0.0")
        .goMod("module example.com/other\n").file("m.go", "package other\n").build()));
    try (GoProxyClient c = client()) {
      // goMod alone checks the module line (documented)
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.goMod(M));
      assertEquals("example.com/m@v1.0.0: parsing go.mod:\n\tmodule declares its path as: "
          + "example.com/other\n\t        but was required as: example.com/m", e.getMessage());
      // download is go mod download path@version, whose modfetch.Download checks no module line
      // (ModuleGraphCommandsTest.moduleDeclaringAnotherPathAsGo compares it with go)
      DownloadedModule d = c.download(M);
      assertEquals("module example.com/other\n", Files.readString(d.goModFile()));
      assertEquals("package other\n", Files.readString(d.dir().resolve("m.go")));
      assertTrue(Files.isRegularFile(d.zip()));
    }
  }

  @Test
  void corruptedZip() throws Exception {
    proxy.addFault(Fault.truncateBody(10).on(Endpoint.ZIP));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.download(M));
      assertEquals("zip: not a valid zip file", e.getMessage()); // bare, as go mod download prints it
    }
    assertNothingCachedForZip();
  }

  @Test
  void aCorruptEntryInALargeZipLeavesNothingBehind() throws Exception {
    // Over 4 MiB of content in many entries: extracted on more than one thread; the bad entry
    // is late in the zip, so other entries are written before it fails.
    Path v = Files.createDirectories(tmp.resolve("layout/example.com/m/@v"));
    Files.writeString(v.resolve("list"), "v1.0.0\n");
    Files.writeString(v.resolve("v1.0.0.info"), "{\"Version\":\"v1.0.0\"}");
    Files.writeString(v.resolve("v1.0.0.mod"), "module example.com/m\n");
    RawZip z = new RawZip();
    z.add("example.com/m@v1.0.0/go.mod", "module example.com/m\n");
    RawZip.Entry bad = null;
    for (int i = 0; i < 200; i++) {
      bad = z.add("example.com/m@v1.0.0/d" + (i % 7) + "/f" + i + ".txt", ("line " + i + "\n").repeat(4000));
    }
    bad.declaredCrc = 1L;
    z.write(v.resolve("v1.0.0.zip"));
    restart(FakeGoProxy.builder().directory(tmp.resolve("layout")));
    try (GoProxyClient c = client()) {
      assertThrows(ProxyUnavailableException.class, () -> c.download(M));
    }
    assertNothingCachedForZip();
    try (Stream<Path> s = Files.list(cacheDir.resolve("example.com"))) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString()).toList(), "no tree, not even a temporary one");
    }
  }

  /** A GOPROXY-layout directory with one version whose zip has entries under {@code prefix}. */
  private Path layoutWithZipPrefix(String prefix) throws IOException {
    Path v = Files.createDirectories(tmp.resolve("layout/example.com/m/@v"));
    Files.writeString(v.resolve("list"), "v1.0.0\n");
    Files.writeString(v.resolve("v1.0.0.info"), "{\"Version\":\"v1.0.0\"}");
    Files.writeString(v.resolve("v1.0.0.mod"), "module example.com/m\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry(prefix + "go.mod"));
      z.write("module example.com/m\n".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    Files.write(v.resolve("v1.0.0.zip"), out.toByteArray());
    return tmp.resolve("layout");
  }

  @Test
  void zipWithForeignPrefix() throws Exception {
    restart(FakeGoProxy.builder().directory(layoutWithZipPrefix("example.com/M@v1.0.0/")));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.download(M));
      assertEquals("zip for example.com/m@v1.0.0 has unexpected file example.com/M@v1.0.0/go.mod",
          e.getMessage());
    }
    assertNothingCachedForZip();
  }

  @Test
  void goModMismatchWithGoSumStopsBeforeTheZip() throws Exception {
    GoSum sum = GoSum.parse(
        "example.com/m v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    try (GoProxyClient c = builder().goSum(sum).build()) {
      ChecksumMismatchException e =
          assertThrows(ChecksumMismatchException.class, () -> c.download(M));
      assertEquals("verifying example.com/m@v1.0.0/go.mod: checksum mismatch\n"
          + "\tdownloaded: " + GO_MOD_HASH + "\n"
          + "\tgo.sum:     h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n"
          + "SECURITY ERROR\n"
          + "This download does NOT match an earlier download recorded in go.sum.\n"
          + "The bits may have been replaced on the origin server, or an attacker may\n"
          + "have intercepted the download attempt.\n\n"
          + "For more information, see 'go help module-auth'.\n", e.getMessage());
    }
    assertEquals(List.of(), requested(Endpoint.ZIP));
    assertFalse(Files.exists(cacheDir.resolve("cache/download/example.com/m/@v/v1.0.0.mod")));
    assertNothingCachedForZip();
  }

  @Test
  void zipMismatchWithGoSumLeavesNoZip() throws Exception {
    GoSum sum = GoSum.parse("example.com/m v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    try (GoProxyClient c = builder().goSum(sum).build()) {
      ChecksumMismatchException e =
          assertThrows(ChecksumMismatchException.class, () -> c.download(M));
      assertTrue(e.getMessage().startsWith("verifying example.com/m@v1.0.0: checksum mismatch\n"
          + "\tdownloaded: h1:"), e.getMessage());
      assertTrue(e.getMessage().contains(
          "\n\tgo.sum:     h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\nSECURITY ERROR\n"),
          e.getMessage());
    }
    assertNothingCachedForZip();
  }

  @Test
  void matchingGoSumIsAccepted() throws Exception {
    String lines;
    try (GoProxyClient c = client()) {
      lines = c.download(M).goSumLines();
    }
    GoOs.removeAll(cacheDir);
    try (GoProxyClient c = builder().goSum(GoSum.parse(lines)).build()) {
      assertEquals(lines, c.download(M).goSumLines());
    }
  }

  @Test
  void upperCaseIsSentAsPercentEscapedBang() throws Exception {
    restart(FakeGoProxy.builder().module(M_FAKE).module("example.com/Upper", "v1.0.0-RC1"));
    try (GoProxyClient c = client()) {
      DownloadedModule d = c.download(ModuleVersion.parse("example.com/Upper@v1.0.0-RC1"));
      assertEquals(List.of("/example.com/%21upper/@v/v1.0.0-%21r%21c1.zip"),
          requested(Endpoint.ZIP));
      assertEquals(cacheDir.resolve("example.com/!upper@v1.0.0-!r!c1"), d.dir());
      // Like go, the list file skips versions whose escaped name is not canonical semver.
      assertEquals("",
          Files.readString(cacheDir.resolve("cache/download/example.com/!upper/@v/list")));
    }
  }

  @Test
  void concurrentDownloadsOfOneVersionFetchTheZipOnce() throws Exception {
    try (GoProxyClient c = builder().parallelism(8).build()) {
      List<DownloadedModule> all = c.downloadAll(Collections.nCopies(16, M));
      assertEquals(16, all.size());
      assertTrue(all.stream().allMatch(d -> d.equals(all.get(0))));
    }
    assertEquals(1, proxy.requests().count(Endpoint.ZIP));
  }

  @Test
  void zipIsReusedAfterLostZipHash() throws Exception {
    try (GoProxyClient c = client()) {
      c.download(M);
    }
    Path v = cacheDir.resolve("cache/download/example.com/m/@v");
    String hash = Files.readString(v.resolve("v1.0.0.ziphash"));
    Files.delete(v.resolve("v1.0.0.ziphash"));
    proxy.requests().clear();
    try (GoProxyClient c = client()) {
      assertEquals(hash, c.download(M).zipHash().toString());
    }
    assertEquals(hash, Files.readString(v.resolve("v1.0.0.ziphash")));
    assertEquals(List.of(), requested(Endpoint.ZIP));
  }

  @Test
  void progressListenerSeesEveryStep() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
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
    try (GoProxyClient c = builder().progressListener(l).build()) {
      DownloadedModule d = c.download(M);
      assertEquals(List.of("started " + M, "bytes " + M_FAKE.zip().length,
          "verified " + d.zipHash(), "done m@v1.0.0"), events);
    }
  }

  @Test
  void goModBytesAreReturnedVerbatim() throws Exception {
    try (GoProxyClient c = client()) {
      assertArrayEquals("module example.com/m\n".getBytes(StandardCharsets.UTF_8), c.goMod(M));
    }
  }

  private GoProxyClient.Builder builder(Map<String, String> vars) {
    Map<String, String> all = new HashMap<>(vars);
    all.put("GOSUMDB", "off");
    all.put("GOPATH", tmp.resolve("gopath").toString());
    return GoProxyClient.builder().env(GoEnv.of(all)).moduleCache(cacheDir);
  }

  @Test
  void goproxyOffAnswersWhatTheCacheHolds() throws Exception {
    try (GoProxyClient c = builder(Map.of("GOPROXY", url())).build()) {
      c.download(M);
    }
    int requests = proxy.requests().size();
    try (GoProxyClient c = builder(Map.of("GOPROXY", "off")).build()) {
      // go's off entry is a cachingRepo: a canonical version's .info and .mod come from the cache
      assertEquals("v1.0.0", c.query(M.path(), "v1.0.0", Optional.empty()).version());
      assertEquals("v1.0.0", c.info(M).version());
      assertArrayEquals("module example.com/m\n".getBytes(StandardCharsets.UTF_8), c.goMod(M));
      // a query that needs the version list fails with go's errProxyOff
      GoProxyException e = assertThrows(GoProxyException.class,
          () -> c.query(M.path(), "latest", Optional.empty()));
      assertTrue(e.getMessage().endsWith("module lookup disabled by GOPROXY=off"), e.getMessage());
      assertThrows(GoProxyException.class, () -> c.info(ModuleVersion.parse("example.com/m@v1.1.0")));
    }
    assertEquals(requests, proxy.requests().size(), "no request with GOPROXY=off");
  }

  /**
   * An invalid GOPROXY fails each lookup as go's TryProxies does, not the client: building it
   * works; what go's modfetch reads from the module cache before it walks the list (a cached
   * version's info and go.mod, a whole download) is answered; a query walks the list first and so
   * fails even for a cached version; GOPRIVATE modules fail the same way. Each failure is a
   * {@link ProxyUnavailableException} with go's text after the lookup's module (as go prints
   * {@code go list -m example.com/a@v1.2.0}'s), the list's {@code GoEnvException} as its cause and
   * no attempt; nothing is requested.
   */
  @Test
  void invalidGoproxyFailsEachLookupNotTheClient() throws Exception {
    try (GoProxyClient c = builder(Map.of("GOPROXY", url())).build()) {
      c.download(M);
    }
    int requests = proxy.requests().size();
    String text = "invalid proxy URL missing scheme: /nonexistent/px";
    for (Map<String, String> vars : List.of(Map.of("GOPROXY", "/nonexistent/px"),
        Map.of("GOPROXY", "/nonexistent/px", "GOPRIVATE", "example.com"))) {
      try (GoProxyClient c = builder(vars).build()) {
        assertEquals("v1.0.0", c.info(M).version());
        assertArrayEquals("module example.com/m\n".getBytes(StandardCharsets.UTF_8), c.goMod(M));
        assertEquals(M, c.download(M).module());
        ProxyUnavailableException q = assertThrows(ProxyUnavailableException.class,
            () -> c.query(M.path(), "v1.0.0", Optional.empty()));
        assertEquals("example.com/m@v1.0.0: " + text, q.getMessage());
        assertTrue(q.getCause() instanceof io.github.goproxy4j.env.GoEnvException, String.valueOf(q.getCause()));
        assertEquals(text, q.getCause().getMessage());
        assertEquals(List.of(), q.attempts());
        ProxyUnavailableException i = assertThrows(ProxyUnavailableException.class,
            () -> c.info(ModuleVersion.parse("example.com/m@v1.1.0")));
        assertEquals("example.com/m@v1.1.0: " + text, i.getMessage());
        ProxyUnavailableException l = assertThrows(ProxyUnavailableException.class, () -> c.latest(M.path()));
        assertTrue(l.getMessage().endsWith(": " + text), l.getMessage());
        assertThrows(ProxyUnavailableException.class, () -> c.versions(M.path()));
      }
    }
    assertEquals(requests, proxy.requests().size(), "no request with an invalid GOPROXY");
  }

  @Test
  void withoutDirectFetcherTheDecidingSettingIsNamed() throws Exception {
    ModuleVersion repo = ModuleVersion.parse("example.com/repo.git@v1.0.0");
    try (GoProxyClient c = builder(Map.of("GOPROXY", "direct")).build()) {
      DirectAccessRequiredException e =
          assertThrows(DirectAccessRequiredException.class, () -> c.info(repo));
      assertEquals("GOPROXY", e.setting());
      assertEquals("module example.com/repo.git: must be fetched from version control (GOPROXY"
          + " lists \"direct\"), and no DirectFetcher is configured", e.getMessage());
    }
    try (GoProxyClient c =
        builder(Map.of("GOPROXY", url(), "GOPRIVATE", "example.com")).build()) {
      DirectAccessRequiredException e =
          assertThrows(DirectAccessRequiredException.class, () -> c.download(M));
      assertEquals("GOPRIVATE", e.setting());
      assertEquals("module example.com/m: must be fetched from version control (the module path"
          + " matches GOPRIVATE), and no DirectFetcher is configured", e.getMessage());
    }
    try (GoProxyClient c =
        builder(Map.of("GOPROXY", url(), "GONOPROXY", "example.com/m")).build()) {
      assertEquals("GONOPROXY", assertThrows(DirectAccessRequiredException.class,
          () -> c.versions(ModulePath.parse("example.com/m"))).setting());
    }
    // A proxy that has the module answers before direct is reached.
    try (GoProxyClient c = builder(Map.of("GOPROXY", url() + ",direct")).build()) {
      assertEquals("v1.0.0", c.info(M).version());
    }
    assertEquals(List.of(BASE + "v1.0.0.info"), proxy.requests().paths());
  }

  /**
   * go's $GOPATH/go.mod rule through the public entry points (the CLI's
   * {@code ModuleGraphCommandsTest.gopathGoModAsGo} compares them with the real go): go1.21 fails
   * every one in module mode without a warning; go1.22 warns (also where a command that needs a
   * main module fails, but not outside a module, where that command fails first), then
   * {@code modGraph}/{@code modVerify} fail with go's no-main-modules text while the listing and
   * GOPATH's own go.mod as the main module go on.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1.21", "1.22"})
  void gopathGoModIsRefusedOrIgnoredAsGo(String release) throws Exception {
    Path gopath = Files.createDirectories(tmp.resolve("gp"));
    Files.writeString(gopath.resolve("go.mod"), "module example.com/gp\n\ngo 1.17\n");
    Path mod = Files.createDirectories(tmp.resolve("m"));
    Files.writeString(mod.resolve("go.mod"), "module example.com/m\n\ngo 1.17\n");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Map<String, String> vars = new HashMap<>(proxy.goEnv().environment());
    vars.put("GOPATH", gopath.toString());
    vars.put("GO111MODULE", "on");
    GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion(release).build();
    try (GoProxyClient c = GoProxyClient.builder().env(env).moduleCache(cacheDir).build()) {
      String warning = "go: warning: ignoring go.mod in $GOPATH " + gopath;
      List<String> warned = new ArrayList<>();
      if (release.equals("1.21")) {
        assertEquals(List.of(), c.moduleModeWarnings(mod, true));
        String refused = "$GOPATH/go.mod exists but should not";
        for (Path dir : List.of(mod, gopath, outside)) {
          // outside a module the commands that need one fail for that first
          String needsRoot = dir == outside
              ? "go: go.mod file not found in current directory or any parent directory; see 'go help modules'" : refused;
          assertEquals(needsRoot, goText(() -> c.modGraph(dir)), dir.toString());
          assertEquals(needsRoot, goText(() -> c.modVerify(dir)), dir.toString());
          assertEquals(refused, goText(() -> c.listModules(dir, List.of(), ListFlags.none(), warned::add)));
          assertEquals(refused, goText(() -> c.modDownloadResult(dir, List.of("example.com/m@v1.0.0"), true,
              warned::add)));
        }
        assertEquals(List.of(), warned);
        return;
      }
      assertEquals(List.of(warning), c.moduleModeWarnings(mod, true));
      assertEquals(List.of(warning), c.moduleModeWarnings(mod));
      assertEquals(List.of(), c.moduleModeWarnings(outside, true));
      assertEquals(List.of(warning), c.moduleModeWarnings(outside));
      GoProxyException x = assertThrows(GoProxyException.class, () -> c.modGraph(mod));
      assertEquals("go.mod file not found in current directory or any parent directory; see 'go help modules'",
          x.getMessage());
      assertThrows(GoProxyException.class, () -> c.modVerify(gopath));
      assertEquals("example.com/m", c.listModules(mod, List.of(), ListFlags.none(), warned::add).get(0).path());
      assertEquals(List.of(warning), warned);
      assertEquals("example.com/gp", c.mainModules(gopath).get(0).path());
      assertEquals("v1.0.0", c.modDownloadResult(outside, List.of("example.com/m@v1.0.0")).modules().get(0).version());
    }
  }

  /**
   * moduleInfoQuery: modload.Query as moduleInfo runs it (go list's template function {@code
   * module "path@query"}; ModuleGraphCommandsTest compares the CLI's output and module cache with
   * go1.19-go1.27): no current version (upgrade is latest), every version allowed (no go.mod read
   * for retractions), Query's own texts: GOPROXY=off's and vendor mode's with no {@code path@query: }
   * before them; a main module's upgrade its empty version; a path a replace directive names through
   * go's replacementRepo. moduleInfoGoMod checks go.sum first. replaceRelativeTo: the main module's root from below it, the directory itself outside.
   */
  @Test
  void moduleInfoQueryAsGosModuleInfo() throws Exception {
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/m v1.0.0\n");
    Path sub = Files.createDirectories(main.resolve("sub"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    try (GoProxyClient c = client()) {
      assertEquals("v1.0.0", c.moduleInfoQuery(sub, "example.com/m", "upgrade").version());
      assertEquals(List.of(BASE + "list", BASE + "v1.0.0.info"), requested(Endpoint.LIST, Endpoint.INFO, Endpoint.MOD));
      assertEquals("", c.moduleInfoQuery(main, "example.com/main", "upgrade").version());
      assertEquals("0001-01-01T00:00Z", c.moduleInfoQuery(main, "example.com/main", "patch").offsetTime().toString());
      GoProxyException x = assertThrows(GoProxyException.class, () -> c.moduleInfoQuery(outside, "example.com/m", "v1.9"));
      assertEquals("module example.com/m: no matching versions for query \"v1.9\"", x.getMessage());
      assertEquals(main, c.replaceRelativeTo(sub));
      assertEquals(outside, c.replaceRelativeTo(outside));
      assertEquals(Optional.empty(), c.workspaceFile(sub));
      Files.writeString(main.resolve("go.work"), "go 1.18\n\nuse .\n");
      assertEquals(Optional.of(main.resolve("go.work")), c.workspaceFile(sub));
      Files.delete(main.resolve("go.work"));
    }
    Map<String, String> vars = new HashMap<>(proxy.goEnv().environment());
    vars.put("GOPROXY", "off");
    GoEnv off = GoEnv.builder().environment(vars).noUserEnvFile().build();
    try (GoProxyClient c = GoProxyClient.builder().env(off).moduleCache(cacheDir).build()) {
      assertEquals("v1.0.0", c.moduleInfoQuery(main, "example.com/m", "v1.0.0").version()); // the cache's .info
      GoProxyException x = assertThrows(GoProxyException.class, () -> c.moduleInfoQuery(main, "example.com/m", "v1.9.0"));
      assertEquals("module lookup disabled by GOPROXY=off", x.getMessage());
    }
    Files.createDirectories(main.resolve("vendor"));
    try (GoProxyClient c = client()) {
      GoProxyException x = assertThrows(GoProxyException.class, () -> c.moduleInfoQuery(sub, "example.com/m", "v1.0.0"));
      assertEquals("cannot query module due to -mod=vendor\n\t(Go version in go.mod is at least 1.14 and vendor "
          + "directory exists.)", x.getMessage());
    }
    Files.delete(main.resolve("vendor"));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nreplace example.com/m => ./m\n");
    try (GoProxyClient c = client()) {
      // replacementRepo: a path replaced at every version resolves a version the proxy lacks, at time zero
      VersionInfo replaced = c.moduleInfoQuery(main, "example.com/m", "v1.7.0");
      assertEquals("v1.7.0", replaced.version());
      assertEquals("0001-01-01T00:00Z", replaced.offsetTime().toString());
      assertEquals("v1.0.0", c.moduleInfoQuery(main, "example.com/m", "latest").version()); // the proxy's is higher
      assertThrows(IllegalArgumentException.class, () -> c.moduleInfoQuery(main, "nosuch", "v1.0.0"));
    }
    // moduleInfoGoMod: go.sum first (a mismatch is go.sum's SECURITY ERROR), else the checksum database
    ModuleVersion mv = ModuleVersion.of("example.com/m", "v1.0.0");
    Files.writeString(main.resolve("go.sum"), "example.com/m v1.0.0/go.mod "
        + io.github.goproxy4j.sumdb.ModuleHash.ofGoMod("module other\n".getBytes(StandardCharsets.UTF_8)) + "\n");
    try (GoProxyClient c = client()) {
      io.github.goproxy4j.sumdb.ChecksumMismatchException e = assertThrows(
          io.github.goproxy4j.sumdb.ChecksumMismatchException.class, () -> c.moduleInfoGoMod(main, mv));
      assertTrue(e.getMessage().startsWith("verifying example.com/m@v1.0.0/go.mod: checksum mismatch"), e.getMessage());
      assertTrue(e.isGoSumMismatch());
      assertEquals(c.goMod(mv).length, c.moduleInfoGoMod(outside, mv).length); // outside a module: no go.sum
    }
  }

  /**
   * {@code moduleInit}: modload.Init alone as go list runs it (the CLI's
   * {@code ModuleGraphCommandsTest.parallelismFlagAsGo} and {@code gopathGoModAsGo} compare what
   * follows it with the real go): a go.mod in the system temp root is warned about, then the
   * GOPATH rule (a failure in go1.21, a warning in go1.22); GOFLAGS's {@code -modfile} refused
   * outside a module and without {@code .mod}; under GO111MODULE=auto no go.mod is GOPATH mode,
   * off is GOPATH mode with nothing read; an unknown GO111MODULE fails.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1.21", "1.22"})
  void moduleInitAsGo(String release) throws Exception {
    Path gopath = Files.createDirectories(tmp.resolve("gp"));
    Path temp = Files.createDirectories(tmp.resolve("t"));
    Files.writeString(temp.resolve("go.mod"), "module example.com/t\n\ngo 1.17\n");
    Path inTemp = Files.createDirectories(temp.resolve("sub"));
    Path mod = Files.createDirectories(tmp.resolve("m"));
    Files.writeString(mod.resolve("go.mod"), "module example.com/m\n\ngo 1.17\n");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    java.util.function.BiFunction<String, String, GoProxyClient> client = (go111, goflags) -> {
      Map<String, String> vars = new HashMap<>(proxy.goEnv().environment());
      vars.put("GOPATH", gopath.toString());
      vars.put("TMPDIR", temp.toString());
      vars.put("GO111MODULE", go111);
      vars.put("GOFLAGS", goflags);
      return GoProxyClient.builder().env(GoEnv.builder().environment(vars).noUserEnvFile().goVersion(release).build())
          .moduleCache(cacheDir).build();
    };
    String tempWarning = "go: warning: ignoring go.mod in system temp root " + temp;
    List<String> warned = new ArrayList<>();
    try (GoProxyClient c = client.apply("on", "")) {
      assertTrue(c.moduleInit(mod, warned::add));
      assertTrue(c.moduleInit(inTemp, warned::add));
      assertTrue(c.moduleInit(outside, warned::add));
      assertEquals(List.of(tempWarning), warned);
      assertThrows(NullPointerException.class, () -> c.moduleInit(mod, null));
    }
    try (GoProxyClient c = client.apply("auto", "")) {
      warned.clear();
      assertFalse(c.moduleInit(outside, warned::add));
      assertFalse(c.moduleInit(inTemp, warned::add));
      assertTrue(c.moduleInit(mod, warned::add));
      assertEquals(List.of(tempWarning), warned);
    }
    try (GoProxyClient c = client.apply("off", "-modfile=x")) {
      assertFalse(c.moduleInit(outside, warned::add));
    }
    try (GoProxyClient c = client.apply("bogus", "")) {
      assertEquals("go: unknown environment setting GO111MODULE=bogus", goText(() -> c.moduleInit(mod, warned::add)));
    }
    try (GoProxyClient c = client.apply("on", "-modfile=x")) {
      assertEquals("go: cannot find main module, but -modfile was set.\n"
          + "\t-modfile cannot be used to set the module root directory.", goText(() -> c.moduleInit(outside, warned::add)));
      assertEquals("go: -modfile=x: file does not have .mod extension", goText(() -> c.moduleInit(mod, warned::add)));
    }
    Files.writeString(gopath.resolve("go.mod"), "module example.com/gp\n\ngo 1.17\n");
    try (GoProxyClient c = client.apply("on", "")) {
      warned.clear();
      if (release.equals("1.21")) {
        assertEquals("$GOPATH/go.mod exists but should not", goText(() -> c.moduleInit(inTemp, warned::add)));
        assertEquals(List.of(tempWarning), warned);
      } else {
        assertTrue(c.moduleInit(inTemp, warned::add));
        assertEquals(List.of(tempWarning, "go: warning: ignoring go.mod in $GOPATH " + gopath), warned);
      }
    }
  }

  /**
   * GOPATH whose first entry is empty ({@code :/x}): go has no checksum database state directory
   * then, which it needs only when it asks a checksum database; a client works as long as it does
   * not (it used to refuse to be built: {@code missing $GOPATH}); one that does fails with go's
   * text.
   */
  @Test
  void emptyFirstGopathEntryNeedsNoSumdbState() throws Exception {
    Map<String, String> vars = new HashMap<>(proxy.goEnv().environment());
    vars.put("GOPATH", ":" + tmp.resolve("gp"));
    GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().build();
    try (GoProxyClient c = GoProxyClient.builder().env(env).moduleCache(cacheDir).build()) {
      assertEquals(M, c.download(M).module());
    }
    // with a checksum database to ask, the check fails as go's does (ModuleGraphCommandsTest compares)
    try (FakeGoProxy withSumdb = FakeGoProxy.builder().module(M_FAKE).start()) {
      vars = new HashMap<>(withSumdb.goEnv().environment());
      vars.put("GOPATH", ":" + tmp.resolve("gp"));
      env = GoEnv.builder().environment(vars).noUserEnvFile().build();
      try (GoProxyClient c = GoProxyClient.builder().env(env).moduleCache(tmp.resolve("cache2")).build()) {
        GoProxyException e = assertThrows(GoProxyException.class, () -> c.download(M));
        assertEquals("example.com/m@v1.0.0: verifying go.mod: example.com/m@v1.0.0/go.mod: initializing sumdb.Client:"
            + " could not locate sumdb file: missing $GOPATH: ", e.getMessage());
      }
    }
  }

  /**
   * {@code modGraph(dir, goVersion)} refuses what go's {@code mod graph -go} flag refuses, in the
   * followed release's syntax, before it reads anything; {@code ""} is plain {@code modGraph}
   * (the graphs themselves: ModuleGraphCommandsTest.modGraphGoFlagAsGo against go). A release
   * followed without its patch ({@code 1.27}) takes every go1.27 version
   * (ModuleGraphCommandsTest.modGraphGoFlagWithLanguageReleaseAsGo).
   */
  @Test
  void modGraphRefusesGoVersionsGoRefuses() throws Exception {
    Path nowhere = tmp.resolve("no-module");
    for (String[] c : new String[][] {
        {"1.27", "x", "invalid -go version \"x\": expecting a Go version like \"1.27\""},
        {"1.27.3", "1.28", "invalid -go version \"1.28\": maximum supported Go version is 1.27.3"},
        {"1.27.3", "1.27.4", "invalid -go version \"1.27.4\": maximum supported Go version is 1.27.3"},
        {"1.27", "1.28rc1", "invalid -go version \"1.28rc1\": maximum supported Go version is 1.27"},
        {"1.19", "1.21.3", "invalid -go version \"1.21.3\": expecting a Go version like \"1.19\""},
        {"1.19.8", "1.20", "invalid -go version \"1.20\": maximum supported Go version is 1.19"}}) {
      Map<String, String> vars = new HashMap<>(proxy.goEnv().environment());
      GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion(c[0]).build();
      try (GoProxyClient client = GoProxyClient.builder().env(env).moduleCache(cacheDir).build()) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.modGraph(nowhere, c[1]));
        assertEquals(c[2], e.getMessage(), "go" + c[0]);
        // a version go takes goes on to the graph: here, go's no-main-module failure
        assertEquals(goText(() -> client.modGraph(nowhere)), goText(() -> client.modGraph(nowhere, "1.16")));
      }
    }
    // the release followed without a patch stands for any of its patch releases: each of its versions taken
    for (String v : List.of("1.27", "1.27rc1", "1.27.0", "1.27.9")) {
      GoEnv env = GoEnv.builder().environment(new HashMap<>(proxy.goEnv().environment())).noUserEnvFile()
          .goVersion("1.27").build();
      try (GoProxyClient client = GoProxyClient.builder().env(env).moduleCache(cacheDir).build()) {
        assertEquals(goText(() -> client.modGraph(nowhere)), goText(() -> client.modGraph(nowhere, v)), v);
      }
    }
  }

  /**
   * One {@code listModules} call with updates asks the proxy for each thing once, as one run of
   * {@code go list -m -u all} does (go's cachingRepo; ModuleGraphCommandsTest.requestsOncePerCommandAsGo
   * compares the requests with go's -x): a module's {@code @v/list} once though the update query and
   * the retraction and deprecation check each read it, a module without a tagged version's
   * {@code @latest} once and no {@code .info} after it, a version's {@code .info} and
   * {@code .mod} once. The next call of the same client asks again and sees what the proxy
   * published in between (a new version, the latest go.mod no longer retracting the selected
   * one), as the next run of go does.
   */
  @Test
  void listModulesWithUpdatesAsksEachRequestOncePerCall() throws Exception {
    String pseudo = "v0.0.0-20190101000000-abcdefabcdef";
    FakeModule p = FakeModule.builder("example.com/p", pseudo).goMod("module example.com/p\n\ngo 1.16\n").build();
    FakeModule m1 = FakeModule.builder("example.com/m", "v1.1.0")
        .goMod("// Deprecated: use example.com/n\nmodule example.com/m\n\ngo 1.16\n\nretract v1.0.0 // broken\n").build();
    FakeModule m2 = FakeModule.builder("example.com/m", "v1.2.0").goMod("module example.com/m\n\ngo 1.16\n").build();
    // v1.2.0 is published (listed) after the first call
    restart(FakeGoProxy.builder().module(M_FAKE).module(m1).module(m2).module(p)
        .fault(Fault.status(200, "v1.0.0\nv1.1.0\n").forPath("/example.com/m/@v/list")));
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire (\n\texample.com/m v1.0.0\n"
        + "\texample.com/p " + pseudo + "\n)\n");
    Map<String, String> vars = new HashMap<>(proxy.goEnv().environment());
    vars.put("GOFLAGS", "-mod=mod");
    GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().build();
    ListFlags u = ListFlags.builder().updates(true).build();
    try (GoProxyClient c = GoProxyClient.builder().env(env).moduleCache(cacheDir).build()) {
      List<ListedModule> listed = c.listModules(main, List.of("all"), u, w -> { });
      ListedModule m = listed.get(1);
      assertEquals("example.com/m v1.0.0 [v1.1.0] [retracted: broken] [deprecated: use example.com/n]"
          + " " + "example.com/p " + pseudo,
          m.path() + " " + m.version() + " [" + m.update().orElseThrow().version() + "] [retracted: "
          + String.join(", ", m.retracted()) + "] [deprecated: " + m.deprecated() + "] " + listed.get(2).path()
          + " " + listed.get(2).version());
      Map<String, Integer> once = new java.util.TreeMap<>();
      for (String path : List.of("/example.com/m/@v/list", "/example.com/m/@v/v1.0.0.info", "/example.com/m/@v/v1.0.0.mod",
          "/example.com/m/@v/v1.1.0.info", "/example.com/m/@v/v1.1.0.mod", "/example.com/p/@v/list", "/example.com/p/@latest",
          "/example.com/p/@v/" + pseudo + ".info", "/example.com/p/@v/" + pseudo + ".mod")) {
        once.put(path, 1);
      }
      Map<String, Integer> counted = new java.util.TreeMap<>();
      proxy.requests().paths().forEach(r -> counted.merge(r, 1, Integer::sum));
      assertEquals(once, counted, "the first call");
      // the proxy publishes v1.2.0, whose go.mod retracts nothing: the same client's next call sees it
      proxy.clearFaults();
      proxy.requests().clear();
      m = c.listModules(main, List.of("all"), u, w -> { }).get(1);
      assertEquals("example.com/m v1.0.0 [v1.2.0] [retracted: ] [deprecated: ]", m.path() + " " + m.version() + " ["
          + m.update().orElseThrow().version() + "] [retracted: " + String.join(", ", m.retracted()) + "] [deprecated: "
          + m.deprecated() + "]");
      counted.clear();
      proxy.requests().paths().forEach(r -> counted.merge(r, 1, Integer::sum));
      // the cached .info and .mod files answer the rest
      assertEquals(Map.of("/example.com/m/@v/list", 1, "/example.com/m/@v/v1.2.0.info", 1, "/example.com/m/@v/v1.2.0.mod", 1,
          "/example.com/p/@v/list", 1, "/example.com/p/@latest", 1), counted, "the second call");
    }
  }

  /**
   * A workspace whose modules' go.mod files replace one module version differently (d replaces
   * every version of x with y v1.1.0, b then x v1.0.0 with y v1.0.0): go prints modload's
   * conflict at each lookup of x v1.0.0's replacement, goes on with d's directive and exits with
   * status 1 (ModuleGraphCommandsTest's workspaceReplacementConflict*AsGo compare the CLI with the
   * real go). A library caller gets the graph and the downloads with those lines beside them:
   * the graph loads with the load's line; {@code mod download -json} downloads y v1.1.0, reports
   * the load's, the listing's and go.work.sum's two keepSums lookups and writes go.work.sum; without
   * {@code -json} two lines and no go.work.sum (go exits first); {@code modDownload} downloads,
   * then fails with those two; {@code modVerify} of the loaded graph finds nothing wrong. keepSums's two
   * lines are told apart ({@code keptSumsErrors}: go prints them after a failed toolchain switch's).
   */
  @Test
  void workspaceReplacementConflictIsReportedNotFatal() throws Exception {
    FakeGoProxy.Builder b = FakeGoProxy.builder();
    for (String p : List.of("example.com/x", "example.com/y")) {
      for (String v : List.of("v1.0.0", "v1.1.0")) {
        b.module(FakeModule.builder(p, v).goMod("module " + p + "\n\ngo 1.17\n").file("a.go", "package a\n").build());
      }
    }
    restart(b);
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Files.createDirectories(ws.resolve("d"));
    Files.createDirectories(ws.resolve("b"));
    Files.writeString(ws.resolve("d/go.mod"), "module example.com/d\n\ngo 1.17\n\nrequire example.com/x v1.0.0\n\n"
        + "replace example.com/x => example.com/y v1.1.0\n");
    Files.writeString(ws.resolve("b/go.mod"), "module example.com/b\n\ngo 1.17\n\n"
        + "replace example.com/x v1.0.0 => example.com/y v1.0.0\n");
    Files.writeString(ws.resolve("go.work"), "go 1.18\n\nuse ./d\nuse ./b\n");
    String conflict = "conflicting replacements found for example.com/x@v1.0.0 in workspace modules defined by "
        + ws.resolve("d/go.mod") + " and " + ws.resolve("b/go.mod");
    Path workSum = ws.resolve("go.work.sum");
    Map<String, String> vars = new HashMap<>(Map.of("GOPROXY", url(), "GOSUMDB", "off"));
    vars.put("GOPATH", tmp.resolve("gopath").toString());
    GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion("1.27").build();
    try (GoProxyClient c = GoProxyClient.builder().env(env).moduleCache(cacheDir).build()) {
      ModuleGraph g = c.moduleGraph(ws);
      // go1.27's go list -m -e all (without -e go exits after the lines, before listing)
      assertEquals("example.com/b\nexample.com/d\nexample.com/x v1.0.0 => example.com/y v1.1.0\n", g.listText());
      assertEquals(List.of(conflict), g.replacementErrors());
      assertEquals(List.of(conflict), c.modGraph(ws).replacementErrors());

      ModDownloadResult plain = c.modDownloadResult(ws, List.of(), false, line -> { });
      assertEquals(List.of(conflict, conflict), plain.printedErrors());
      assertEquals(List.of(), plain.keptSumsErrors(), "no go.work.sum written: no keepSums");
      assertEquals(List.of("example.com/y@v1.1.0"), plain.modules().stream()
          .map(m -> m.path() + "@" + m.version() + m.error()).toList());
      assertTrue(plain.failed());
      assertFalse(Files.exists(workSum), "go exits before it writes go.work.sum");

      ModDownloadResult json = c.modDownloadResult(ws);
      assertEquals(List.of(conflict, conflict, conflict, conflict), json.printedErrors());
      assertEquals(List.of(conflict, conflict), json.keptSumsErrors(), "go.work.sum's keepSums: the last two");
      assertEquals("", json.modules().get(0).error());
      assertEquals("", json.graphError());
      assertTrue(json.failed());
      assertEquals(List.of("example.com/y v1.1.0 " + json.modules().get(0).sum(),
          "example.com/y v1.1.0/go.mod " + json.modules().get(0).goModSum()), Files.readAllLines(workSum));
      assertEquals(List.of(conflict, conflict, conflict, conflict),
          c.modDownloadResult(ws, List.of("example.com/x"), true, line -> { }).printedErrors());
      assertEquals(List.of(), c.modVerify(ws, c.modGraph(ws)));
      Files.delete(workSum);

      io.github.goproxy4j.mvs.ModuleGraphException e = assertThrows(io.github.goproxy4j.mvs.ModuleGraphException.class,
          () -> c.modDownload(ws));
      assertEquals(conflict + "\n" + conflict, e.goText());
      assertFalse(Files.exists(workSum));
    }
  }

  /** go's text for the failure of {@code e}, which must fail with a {@link io.github.goproxy4j.mvs.ModuleGraphException}. */
  private static String goText(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(io.github.goproxy4j.mvs.ModuleGraphException.class, e).goText();
  }
}
