package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real go command of each installed release and our resolver with {@code goVersion} set to
 * that release must reject the same GOPROXY, GOSUMDB and GOFLAGS values with the same text
 * (vectors 7-14, 18, 67-70, 78 of go-proxy-semantics §9; docs/spec/go-releases.md §2-3). Values
 * are set through the env file, so quotes and carriage returns arrive exactly as written. The
 * values whose treatment changed between releases run against every installed release, the others
 * against the oldest and the newest.
 */
class SettingsErrorInteropTest {
  static final String MODULE = "example.com/m";

  static final List<String> GOPROXY_VALUES = List.of(",", " ", ", ,|", "localhost", "noproxy",
      "Direct", "OFF", "ftp://x", "/abs/path", "file://localhost/srv/proxy", "file:rel", "file:/srv/p",
      "https://[::1", "\"https://a.example\"", "off,ftp://bad", "ftp://u:pw@x", "https://h:x/",
      "file:///srv?q", "http://127.0.0.1:9\r", "'http://127.0.0.1:9'", "HTTPS://x:1/,Off", "https://a b");
  /** Values whose treatment changed between releases (net/url host rules). */
  static final List<String> GOPROXY_BY_RELEASE = List.of("http://::1:8080/x", "http://a:b:c/",
      "https://[1.2.3.4]/", "https://[x]/", "https://x[::1]:80/", "https://[1::2::3]/", "file://");

  static Stream<Arguments> goproxyCases() {
    List<Arguments> out = new ArrayList<>();
    GoTool.edgeReleases().forEach(go -> GOPROXY_VALUES.forEach(v -> out.add(Arguments.of(go, v))));
    GoTool.releases().forEach(go -> GOPROXY_BY_RELEASE.forEach(v -> out.add(Arguments.of(go, v))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} GOPROXY={1}")
  @MethodSource("goproxyCases")
  void goproxyErrors(GoTool.Go go, String goproxy, @TempDir Path work) throws IOException {
    GoTool.assumeGo(go);
    Map<String, String> env = go.hermeticEnv(work);
    env.remove("GOPROXY");
    Files.createDirectories(Path.of(env.get("GOENV")).getParent());
    Files.write(Path.of(env.get("GOENV")), ("GOPROXY=" + goproxy + "\n").getBytes(StandardCharsets.UTF_8));
    String goError = downloadError(go, work, env);
    GoEnv ours = GoEnv.builder().environment(env).goVersion(go.release()).build();
    String expected;
    try {
      Route r = ProxyResolver.of(ours).resolve(MODULE);
      // Accepted by us: go must fail for a reason other than the GOPROXY syntax.
      assertTrue(r.proxies().size() > 0);
      expected = null;
    } catch (GoEnvException e) {
      // A URL go accepts that java.net.URI cannot hold is refused by us with a message saying so.
      expected = e.getMessage().contains("is accepted by Go but cannot be represented") ? null
          : MODULE + "@v1.0.0: " + e.getMessage();
    }
    if (expected == null) {
      assertTrue(!goError.contains("invalid proxy URL") && !goError.contains("contains no entries")
          && !goError.contains("parse \""), goError);
    } else {
      assertEquals(expected, goError);
    }
  }

  static Stream<Arguments> gosumdbCases() {
    List<Arguments> out = new ArrayList<>();
    GoTool.edgeReleases().forEach(go -> List.of("a b c", "foo.example", " ", "sum.golang.org http://[x",
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "sum.golang.org http://a:b:c/").forEach(v -> out.add(Arguments.of(go, v))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} GOSUMDB={1}")
  @MethodSource("gosumdbCases")
  void gosumdbErrors(GoTool.Go go, String gosumdb, @TempDir Path work) throws IOException {
    GoTool.assumeGo(go);
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          String t = request.getTarget();
          if (t.endsWith(".info")) {
            return new MockResponse(200, Headers.of(), "{\"Version\":\"v1.0.0\"}");
          }
          if (t.endsWith(".mod")) {
            return new MockResponse(200, Headers.of(), "module " + MODULE + "\n");
          }
          return new MockResponse(404, Headers.of(), "not found");
        }
      });
      proxy.start();
      Map<String, String> env = go.hermeticEnv(work);
      env.put("GOPROXY", "http://127.0.0.1:" + proxy.getPort());
      env.put("GOSUMDB", gosumdb);
      String goError = downloadError(go, work, env);
      Route r = ProxyResolver.of(GoEnv.builder().environment(env).goVersion(go.release()).build()).resolve(MODULE);
      String ours = org.junit.jupiter.api.Assertions.assertThrows(GoEnvException.class, r::checksumDb).getMessage();
      assertTrue(goError.endsWith(": " + ours), "go: " + goError + "\nours: " + ours);
    }
  }

  static Stream<Arguments> goflagsCases() {
    List<Arguments> out = new ArrayList<>();
    GoTool.releases().forEach(go -> List.of("-nosuchflag", "modcacherw", "-modcacherw=maybe",
        "--nosuchflag=1", "-C=x", "-C", "-tool=x", "-ignore=x", "-fixtool=x", "'-ldflags=-s -w' -mod=mod",
        "'-ldflags=-s", "-test.skip=x", "-debug-runtime-trace=x").forEach(v -> out.add(Arguments.of(go, v))));
    return out.stream();
  }

  /** GOFLAGS is checked before any command runs; "go mod download" shows it first. */
  @ParameterizedTest(name = "{0} GOFLAGS={1}")
  @MethodSource("goflagsCases")
  void goflagsErrors(GoTool.Go go, String goflags, @TempDir Path work) throws IOException {
    GoTool.assumeGo(go);
    Map<String, String> env = go.hermeticEnv(work);
    env.put("GOFLAGS", goflags);
    Path dir = work.resolve("run");
    Files.createDirectories(dir);
    GoTool.Result r = go.run(dir, env, 60, "mod", "download", "-json", MODULE + "@v1.0.0");
    GoEnv ours = GoEnv.builder().environment(env).goVersion(go.release()).build();
    String expected;
    try {
      ours.goFlags();
      ours.modCacheRw();
      expected = null;
    } catch (GoEnvException e) {
      expected = "go: " + e.getMessage() + "\n";
    }
    if (expected == null) {
      assertTrue(!r.stderr().contains("GOFLAGS"), r.stderr());
    } else {
      assertTrue(r.stderr().startsWith(expected), "go: " + r.stderr() + "\nours: " + expected);
    }
  }

  /** Runs go mod download -json and returns the "Error" field. */
  private static String downloadError(GoTool.Go go, Path work, Map<String, String> env) throws IOException {
    Path dir = work.resolve("run");
    Files.createDirectories(dir);
    GoTool.Result r = go.run(dir, env, 60, "mod", "download", "-json", MODULE + "@v1.0.0");
    String out = r.stdout();
    int i = out.indexOf("\"Error\": \"");
    assertTrue(i >= 0, "no error from go:\n" + out + r.stderr());
    return jsonString(out, i + "\"Error\": \"".length());
  }

  private static String jsonString(String s, int start) {
    StringBuilder b = new StringBuilder();
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        char n = s.charAt(++i);
        switch (n) {
          case 'n': b.append('\n'); break;
          case 't': b.append('\t'); break;
          case 'r': b.append('\r'); break;
          case 'u': b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; break;
          default: b.append(n);
        }
      } else {
        b.append(c);
      }
    }
    throw new AssertionError("unterminated JSON string");
  }
}
