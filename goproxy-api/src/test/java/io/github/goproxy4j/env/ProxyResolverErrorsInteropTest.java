package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real go command (go1.19) and our resolver must reject the same GOPROXY and GOSUMDB values
 * with the same text (vectors 7-14, 18, 67-70, 78 of go-proxy-semantics §9). Values are set
 * through the env file, so quotes and carriage returns arrive exactly as written.
 */
class ProxyResolverErrorsInteropTest {
  static final String MODULE = "example.com/m";

  @ParameterizedTest(name = "GOPROXY={0}")
  @ValueSource(strings = {",", " ", ", ,|", "localhost", "noproxy", "Direct", "OFF", "ftp://x",
      "/abs/path", "file://localhost/srv/proxy", "file:rel", "file:/srv/p", "https://[::1",
      "\"https://a.example\"", "off,ftp://bad", "ftp://u:pw@x", "https://h:x/", "file:///srv?q",
      "http://127.0.0.1:9\r", "'http://127.0.0.1:9'", "HTTPS://x:1/,Off", "https://a b"})
  void goproxyErrors(String goproxy, @TempDir Path work) throws IOException {
    GoTool.assumeGo();
    Map<String, String> env = GoTool.hermeticEnv(work);
    env.remove("GOPROXY");
    Files.createDirectories(Path.of(env.get("GOENV")).getParent());
    Files.write(Path.of(env.get("GOENV")), ("GOPROXY=" + goproxy + "\n").getBytes(StandardCharsets.UTF_8));
    String goError = downloadError(work, env);
    GoEnv ours = GoEnv.builder().environment(env).goVersion("1.19").build();
    String expected;
    try {
      Route r = ProxyResolver.of(ours).resolve(MODULE);
      // Accepted by us: go must fail for a reason other than the GOPROXY syntax.
      assertTrue(r.proxies().size() > 0);
      expected = null;
    } catch (GoEnvException e) {
      expected = MODULE + "@v1.0.0: " + e.getMessage();
    }
    if (expected == null) {
      assertTrue(!goError.contains("invalid proxy URL") && !goError.contains("contains no entries")
          && !goError.contains("parse \""), goError);
    } else {
      assertEquals(expected, goError);
    }
  }

  @ParameterizedTest(name = "GOSUMDB={0}")
  @ValueSource(strings = {"a b c", "foo.example", " ", "sum.golang.org http://[x",
      "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
      "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"})
  void gosumdbErrors(String gosumdb, @TempDir Path work) throws IOException {
    GoTool.assumeGo();
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
      Map<String, String> env = GoTool.hermeticEnv(work);
      env.put("GOPROXY", "http://127.0.0.1:" + proxy.getPort());
      env.put("GOSUMDB", gosumdb);
      String goError = downloadError(work, env);
      Route r = ProxyResolver.of(GoEnv.builder().environment(env).goVersion("1.19").build()).resolve(MODULE);
      String ours = org.junit.jupiter.api.Assertions.assertThrows(GoEnvException.class, r::checksumDb).getMessage();
      assertTrue(goError.endsWith(": " + ours), "go: " + goError + "\nours: " + ours);
    }
  }

  /** Runs go mod download -json and returns the "Error" field. */
  private static String downloadError(Path work, Map<String, String> env) throws IOException {
    Path dir = work.resolve("run");
    Files.createDirectories(dir);
    GoTool.Result r = GoTool.run(dir, env, 60, "mod", "download", "-json", MODULE + "@v1.0.0");
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
