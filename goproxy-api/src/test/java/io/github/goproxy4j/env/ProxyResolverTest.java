package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.module.ModulePath;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settings vectors of go-proxy-semantics.md §9 (numbers in the test names). */
class ProxyResolverTest {

  static ProxyResolver resolver(String... kv) {
    return ProxyResolver.of(GoEnv.of(map(kv)));
  }

  static Map<String, String> map(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static ProxyEntry url(String u, FallbackMode mode) {
    return new ProxyEntry.Url(URI.create(u), mode);
  }

  static final FallbackMode COMMA = FallbackMode.ON_NOT_FOUND;
  static final FallbackMode PIPE = FallbackMode.ON_ANY_ERROR;

  static List<ProxyEntry> proxies(String goproxy) {
    return resolver("GOPROXY", goproxy).resolve("example.com/x").proxies();
  }

  /** An invalid GOPROXY's error, as the route's {@code proxies()} raises it (resolving does not fail). */
  static String error(String goproxy) {
    Route route = resolver("GOPROXY", goproxy).resolve("example.com/x");
    return assertThrows(GoEnvException.class, route::proxies).getMessage();
  }

  @Test
  void v1_defaultOn119() {
    GoEnv env = GoEnv.builder().environment(Map.of()).noUserEnvFile().goVersion("1.19").build();
    assertEquals(List.of(url("https://proxy.golang.org", COMMA), ProxyEntry.DIRECT),
        ProxyResolver.of(env).resolve("golang.org/x/text").proxies());
  }

  @Test
  void v2_defaultFromGoEnvOn121(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve("go.env"),
        "# comment\nGOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\n");
    GoEnv env = GoEnv.builder().environment(Map.of()).noUserEnvFile().goRoot(root).goVersion("1.21").build();
    assertEquals(List.of(url("https://proxy.golang.org", COMMA), ProxyEntry.DIRECT),
        ProxyResolver.of(env).resolve("golang.org/x/text").proxies());
    assertEquals(GoEnv.Source.GOROOT_ENV_FILE, env.source("GOPROXY"));
  }

  @Test
  void v3_explicitGoRootWithoutGoEnvOn121(@TempDir Path root) {
    GoEnv env = GoEnv.builder().environment(Map.of()).noUserEnvFile().goRoot(root).goVersion("1.21").build();
    assertEquals("", env.get("GOPROXY"));
    GoEnvException e = assertThrows(GoEnvException.class,
        () -> ProxyResolver.of(env).resolve("golang.org/x/text").proxies());
    assertEquals("GOPROXY list is not the empty string, but contains no entries", e.getMessage());
    assertEquals("missing GOSUMDB", assertThrows(GoEnvException.class,
        () -> ProxyResolver.of(GoEnv.builder().environment(Map.of("GOPROXY", "direct"))
            .noUserEnvFile().goRoot(root).build()).resolve("golang.org/x/text").checksumDb())
        .getMessage());
  }

  @Test
  void v3_noGoInstalledUsesStandardGoEnv() {
    GoEnv env = GoEnv.builder().environment(Map.of()).noUserEnvFile().build();
    assertEquals("https://proxy.golang.org,direct", env.get("GOPROXY"));
    assertEquals("sum.golang.org", env.get("GOSUMDB"));
    assertEquals(GoEnv.Source.STANDARD_GO_ENV, env.source("GOPROXY"));
  }

  @Test
  void v4_emptyEnvVarFallsThroughToEnvFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("env");
    Files.writeString(file, "GOPROXY=https://a.example\n");
    for (String v : List.of("1.19", "1.25")) {
      GoEnv env = GoEnv.builder().environment(Map.of("GOPROXY", "")).userEnvFile(file).goVersion(v).build();
      assertEquals("https://a.example", env.get("GOPROXY"), v);
      assertEquals(GoEnv.Source.USER_ENV_FILE, env.source("GOPROXY"));
    }
  }

  @Test
  void v5_v6_emptyLineInUserFileDependsOnVersion(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("env");
    Files.writeString(file, "GOPROXY=\n");
    GoEnv old = GoEnv.builder().environment(Map.of()).userEnvFile(file).goVersion("1.19").build();
    assertEquals("https://proxy.golang.org,direct", old.get("GOPROXY"));
    GoEnv v120 = GoEnv.builder().environment(Map.of()).userEnvFile(file).goVersion("1.20").build();
    assertEquals("https://proxy.golang.org,direct", v120.get("GOPROXY"));
    GoEnv newer = GoEnv.builder().environment(Map.of()).userEnvFile(file).goVersion("1.21").build();
    assertEquals("", newer.get("GOPROXY"));
    assertEquals("GOPROXY list is not the empty string, but contains no entries",
        assertThrows(GoEnvException.class, () -> ProxyResolver.of(newer).resolve("a.example/m").proxies()).getMessage());
    assertTrue(newer.warnings().stream().anyMatch(w -> w.setting().equals("GOPROXY")
        && w.fix().contains("go env -u GOPROXY")), newer.warnings()::toString);
  }

  @ParameterizedTest(name = "v7 GOPROXY=\"{0}\"")
  @CsvSource(value = {"','", "' '", "', ,|'", "'|'", "'\t,\u3000'"}, quoteCharacter = '\'')
  void v7_noEntries(String goproxy) {
    assertEquals("GOPROXY list is not the empty string, but contains no entries", error(goproxy));
  }

  @ParameterizedTest(name = "GOPROXY={0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "localhost| invalid proxy URL missing scheme: localhost",          // 8
      "noproxy| invalid proxy URL missing scheme: noproxy",              // 9
      "Direct| invalid proxy URL missing scheme: Direct",                // 10
      "OFF| invalid proxy URL missing scheme: OFF",
      "ftp://x| invalid proxy URL scheme (must be https, http, file): ftp://x",   // 11
      "/abs/path| invalid proxy URL missing scheme: /abs/path",          // 12
      "file://localhost/srv/proxy| invalid file:// proxy URL with non-path elements: file://localhost/srv/proxy", // 13
      "file:rel| parse \"https://file:rel\": invalid port \":rel\" after host", // 14
      "https://[::1| parse \"https://[::1\": missing ']' in host",
      "\"https://a\"| parse \"\\\"https://a\\\"\": first path segment in URL cannot contain colon", // 78
      // Go prints the password here; we never print credentials.
      "https://u:secret@h:x/| parse \"https://u:xxxxx@h:x/\": invalid port \":x\" after host",
      "ftp://u:pw@x| invalid proxy URL scheme (must be https, http, file): ftp://u:xxxxx@x",
      "file:///srv?q| invalid file:// proxy URL with non-path elements: file:///srv?q",
  })
  void v8_to_v14_errors(String goproxy, String message) {
    assertEquals(message.strip(), error(goproxy));
  }

  @Test
  void v15_v16_hostLikeEntriesGetHttps() {
    assertEquals(List.of(url("https://proxy.example.com", COMMA)), proxies("proxy.example.com"));
    assertEquals(List.of(url("https://localhost:3000", COMMA)), proxies("localhost:3000"));
    assertEquals(List.of(url("https://a.example/sub/", COMMA)), proxies("a.example/sub/"));
    assertEquals(List.of(url("file:///srv/proxy", COMMA)), proxies("file:///srv/proxy"));
    assertEquals(List.of(url("HTTP://x.example", COMMA).equals(proxies("HTTP://x.example").get(0))
        ? url("HTTP://x.example", COMMA) : url("http://x.example", COMMA)), proxies("HTTP://x.example"));
  }

  @Test
  void v17_v18_parsingStopsAtDirectAndOff() {
    assertEquals(List.of(ProxyEntry.DIRECT), proxies("direct,ftp://bad"));
    assertEquals(List.of(ProxyEntry.OFF), proxies("off,ftp://bad"));
    assertEquals(List.of(url("https://a", COMMA), ProxyEntry.OFF), proxies("https://a,off,https://b"));
  }

  @Test
  void v19_trimmed() {
    assertEquals(List.of(url("https://a", COMMA), ProxyEntry.DIRECT), proxies(" https://a , direct "));
    assertEquals(List.of(url("https://a", COMMA)), proxies("https://a\r"));
  }

  @Test
  void v20_onlyTheSeparatorRightAfterAnEntryCounts() {
    assertEquals(List.of(url("https://a", PIPE), url("https://b", COMMA)), proxies("https://a|,https://b"));
    assertEquals(List.of(url("https://a", COMMA), url("https://b", COMMA)), proxies("https://a,|https://b"));
    assertEquals(List.of(url("https://a", PIPE), url("https://b", PIPE), ProxyEntry.DIRECT),
        proxies(",,https://a|https://b|direct|"));
  }

  @Test
  void v28_noNoproxyEntryWithoutGonoproxy() {
    ProxyResolver r = resolver("GOPROXY", "http://127.0.0.1:1");
    assertFalse(r.hasNoProxyEntry());
    assertEquals(List.of(url("http://127.0.0.1:1", COMMA)), r.resolve("example.com/x").proxies());
  }

  @Test
  void v29_v30_v31_gonoproxyGoesDirectEvenWithoutDirectOrWithOff() {
    assertEquals(List.of(ProxyEntry.DIRECT),
        resolver("GOPRIVATE", "example.com", "GOPROXY", "http://a.example").resolve("example.com/x").proxies());
    Route off = resolver("GOPROXY", "off", "GOPRIVATE", "example.com").resolve("example.com/x");
    assertEquals(List.of(ProxyEntry.DIRECT), off.proxies());
    assertTrue(off.isDirectOnly());
    assertEquals(List.of(ProxyEntry.OFF),
        resolver("GOPROXY", "off", "GOPRIVATE", "example.org").resolve("example.com/x").proxies());
  }

  @Test
  void v32_gonoproxyNoneSendsPrivateModulesToTheProxyButSkipsSumdb() {
    Route r = resolver("GOPRIVATE", "example.com", "GONOPROXY", "none", "GOPROXY", "https://a.example")
        .resolve("example.com/x");
    assertEquals(List.of(url("https://a.example", COMMA)), r.proxies());
    assertEquals(Optional.empty(), r.checksumDb());
    assertTrue(r.isPrivate());
    assertTrue(r.explain().contains("GONOSUMDB default"), r.explain());
  }

  @Test
  void v33_emptyGonoproxyIsUnset() {
    GoEnv env = GoEnv.of(map("GOPRIVATE", "example.com", "GONOPROXY", ""));
    assertEquals("example.com", env.get("GONOPROXY"));
    assertEquals("example.com", env.get("GONOSUMDB"));
    assertTrue(env.warnings().stream().anyMatch(w -> w.fix().contains("GONOPROXY=none")));
    assertEquals(List.of(ProxyEntry.DIRECT), ProxyResolver.of(env).resolve("example.com/x").proxies());
  }

  @Test
  void v67_to_v71_gosumdbForms() {
    ChecksumDb cn = resolver("GOSUMDB", "sum.golang.google.cn").resolve("a.example/m").checksumDb().orElseThrow();
    assertEquals("sum.golang.org", cn.name());
    assertEquals(Optional.of(URI.create("https://sum.golang.google.cn")), cn.url());
    assertEquals(ChecksumDb.SUM_GOLANG_ORG_KEY, cn.verifierKey().toString());
    assertEquals("invalid GOSUMDB: too many fields", sumdbError("a b c"));
    assertEquals("invalid GOSUMDB: malformed verifier id", sumdbError("foo.example"));
    assertEquals("missing GOSUMDB", sumdbError(" "));
    ChecksumDb custom = resolver("GOSUMDB", "sum.golang.org http://127.0.0.1:9/custom")
        .resolve("a.example/m").checksumDb().orElseThrow();
    assertEquals(Optional.of(URI.create("http://127.0.0.1:9/custom")), custom.url());
    ChecksumDb dflt = resolver().resolve("a.example/m").checksumDb().orElseThrow();
    assertEquals(Optional.empty(), dflt.url());
    assertEquals(URI.create("https://sum.golang.org"), dflt.directUrl());
    ChecksumDb own = resolver("GOSUMDB", VerifierKeyTest.PETER).resolve("a.example/m").checksumDb().orElseThrow();
    assertEquals("PeterNeumann", own.name());
    assertEquals("invalid GOSUMDB: invalid verifier hash",
        sumdbError(VerifierKeyTest.PETER.replace("c74f20a3", "c74f20a4")));
    assertEquals("invalid GOSUMDB URL: parse \"http://[x\": missing ']' in host",
        sumdbError("sum.golang.org http://[x"));
  }

  @Test
  void sumdbNameMustBeHostAndPath() {
    String key = VerifierKeyTest.keyFor("example.com/");
    assertTrue(sumdbError(key).startsWith("invalid sumdb name (must be host[/path]): example.com/ {Scheme:https"),
        sumdbError(key));
    String query = VerifierKeyTest.keyFor("example.com?x");
    assertEquals("invalid sumdb name (must be host[/path]): example.com?x {Scheme:https Opaque: User:<nil>"
        + " Host:example.com Path: RawPath: OmitHost:false ForceQuery:false RawQuery:x Fragment:"
        + " RawFragment:}", sumdbError(query));
    assertEquals("example.com/sumdb", resolver("GOSUMDB", VerifierKeyTest.keyFor("example.com/sumdb"))
        .resolve("a.example/m").checksumDb().orElseThrow().name());
  }

  static String sumdbError(String gosumdb) {
    Route r = resolver("GOSUMDB", gosumdb).resolve("a.example/m"); // resolve never fails for GOSUMDB
    assertTrue(r.usesChecksumDb());
    return assertThrows(GoEnvException.class, r::checksumDb).getMessage();
  }

  @Test
  void v76_gonosumdbAndOff() {
    assertEquals(Optional.empty(),
        resolver("GONOSUMDB", "example.com", "GOSUMDB", "a b c").resolve("example.com/x").checksumDb());
    assertEquals(Optional.empty(), resolver("GOSUMDB", "off").resolve("example.com/x").checksumDb());
    assertFalse(resolver("GOSUMDB", "off").resolve("example.com/x").usesChecksumDb());
  }

  @Test
  void v77_toolchainNeedsSumdbFrom121() {
    Route r = resolver("GOSUMDB", "off").resolve("golang.org/toolchain");
    assertEquals("checksum database disabled by GOSUMDB=off",
        assertThrows(GoEnvException.class, r::checksumDb).getMessage());
    GoEnv old = GoEnv.builder().environment(Map.of("GOSUMDB", "off")).noUserEnvFile().goVersion("1.20").build();
    assertEquals(Optional.empty(), ProxyResolver.of(old).resolve("golang.org/toolchain").checksumDb());
    assertEquals(Optional.empty(), resolver("GOSUMDB", "off", "GOPROXY", "file:///srv/p")
        .resolve("golang.org/toolchain").checksumDb());
    assertTrue(resolver("GONOSUMDB", "golang.org").resolve("golang.org/toolchain").checksumDb().isPresent());
  }

  @Test
  void v85_gonosumcheckHasNoEffect() {
    ProxyResolver r = resolver("GONOSUMCHECK", "*", "GONOVERIFY", "*");
    assertTrue(r.resolve("example.com/x").checksumDb().isPresent());
    assertEquals(2, r.env().warnings().stream().filter(w -> w.setting().startsWith("GONO")).count());
  }

  @Test
  void v86_goinsecureMarksButDoesNotChangeProxiesOrSumdb() {
    Route r = resolver("GOINSECURE", "example.com", "GOPROXY", "https://a.example").resolve("example.com/x");
    assertTrue(r.isInsecure());
    assertFalse(r.isPrivate());
    assertEquals(List.of(url("https://a.example", COMMA)), r.proxies());
    assertTrue(r.checksumDb().isPresent());
    assertTrue(r.explain().contains("GOINSECURE"), r.explain());
  }

  /**
   * go parses GOPROXY at the first lookup that walks it and fails each such lookup with the list's
   * error, GONOPROXY/GOPRIVATE modules' too (TryProxies comes before the noproxy check): the route
   * carries the error, its proxies() and a walk raise it with Go's text, and the rest of the route
   * (the checksum database, the private mark) is still answered.
   */
  @Test
  void invalidGoproxyIsEachRoutesErrorIncludingPrivateModules() throws Exception {
    ProxyResolver r = resolver("GOPROXY", "ftp://x", "GOPRIVATE", "example.com");
    String text = "invalid proxy URL scheme (must be https, http, file): ftp://x";
    for (Route route : List.of(r.resolve("example.com/x"), r.resolve(ModulePath.parse("golang.org/x/text")))) {
      assertEquals(text, assertThrows(GoEnvException.class, route::proxies).getMessage());
      assertFalse(route.isDirectOnly(), route.toString());
      assertTrue(route.toString().contains("proxies=invalid"), route.toString());
      assertTrue(route.explain().contains("is invalid: " + text), route.explain());
      java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
      GoProxyException walk = assertThrows(GoProxyException.class,
          () -> ProxyWalk.tryProxies(route, entry -> calls.incrementAndGet()));
      assertEquals(text, walk.getMessage());
      assertTrue(walk.getCause() instanceof GoEnvException, String.valueOf(walk.getCause()));
      assertEquals(List.of(), walk.attempts());
      assertEquals(0, calls.get());
    }
    assertTrue(r.resolve("example.com/x").isPrivate());
    assertFalse(r.resolve("example.com/x").checksumDb().isPresent()); // GONOSUMDB defaults to GOPRIVATE
    assertTrue(r.resolve("golang.org/x/text").checksumDb().isPresent());
    assertEquals(text, assertThrows(GoEnvException.class, r::proxies).getMessage());
    assertEquals(r.resolve("golang.org/x/text"), r.resolve("golang.org/x/text"));
    // the error is the list's: a valid list with the same routing is another route
    assertFalse(r.resolve("golang.org/x/text").equals(resolver("GOPROXY", "https://x", "GOPRIVATE", "example.com")
        .resolve("golang.org/x/text")));
  }

  /** go stops parsing GOPROXY at off and direct: a bad entry after them is never looked at. */
  @Test
  void badEntryAfterOffOrDirectIsNotAnError() {
    assertEquals(List.of(ProxyEntry.OFF), proxies("off,/tmp/px"));
    assertEquals(List.of(ProxyEntry.DIRECT), proxies("direct|ftp://x"));
    assertEquals("invalid proxy URL missing scheme: /tmp/px", error("https://a.example|/tmp/px,off"));
  }

  @Test
  void explainNamesVariablesAndPatterns() {
    ProxyResolver r = resolver("GOPRIVATE", "example.com/*", "GOPROXY", "https://u:pw@a.example|direct");
    String priv = r.resolve("example.com/priv").explain();
    assertEquals("example.com/priv matches GOPRIVATE pattern example.com/* via GONOPROXY default"
        + " → fetched directly from version control (GOPROXY is not used for it); checksum database"
        + " skipped (GONOSUMDB default: GOPRIVATE pattern example.com/*)", priv);
    String pub = r.resolve("golang.org/x/text").explain();
    assertTrue(pub.contains("proxy https://u:xxxxx@a.example, then on any error direct"), pub);
    assertFalse(pub.contains("pw"), pub);
    assertTrue(pub.contains("sum.golang.org"), pub);
    String own = resolver("GONOPROXY", "corp.example", "GONOSUMDB", "corp.example")
        .resolve("corp.example/m").explain();
    assertTrue(own.startsWith("corp.example/m matches GONOPROXY pattern corp.example → fetched directly"), own);
    assertTrue(own.contains("checksum database skipped (GONOSUMDB pattern corp.example)"), own);
    assertTrue(resolver("GOSUMDB", "off").resolve("a.example/m").explain().contains("GOSUMDB=off"));
    assertTrue(resolver("GOPROXY", "off", "GOPRIVATE", "x.example").resolve("x.example/m").explain()
        .contains("not even GOPROXY=off"));
  }

  @Test
  void credentialsNeverPrinted() {
    ProxyResolver r = resolver("GOPROXY", "https://user:hunter2@a.example/p,direct");
    Route route = r.resolve("golang.org/x/text");
    assertFalse(route.toString().contains("hunter2"), route.toString());
    assertFalse(route.explain().contains("hunter2"));
    assertFalse(r.toString().contains("hunter2"), r.toString());
    assertFalse(r.env().toString().contains("hunter2"), r.env().toString());
    assertEquals("https://user:hunter2@a.example/p",
        ((ProxyEntry.Url) route.proxies().get(0)).uri().toString());
    assertEquals("invalid proxy URL scheme (must be https, http, file): ftp://user:xxxxx@a.example",
        error("ftp://user:hunter2@a.example"));
    assertFalse(error("https://user:hunter2@[::1").contains("hunter2"));
  }
}
