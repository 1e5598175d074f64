package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Go's TryProxies over real loopback HTTP: vectors 20-27 and 72-75 of go-proxy-semantics §9. */
class ProxyWalkTest {
  private final MockWebServer a = new MockWebServer();
  private final MockWebServer b = new MockWebServer();
  private final List<String> log = new ArrayList<>();

  /** GET over loopback: status and body. */
  private static Object[] get(URI uri) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(java.net.Proxy.NO_PROXY);
    c.setConnectTimeout(5000);
    c.setReadTimeout(5000);
    int code = c.getResponseCode();
    java.io.InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream();
    String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    c.disconnect();
    return new Object[] {code, body};
  }

  @BeforeEach
  void start() throws IOException {
    a.start();
    b.start();
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
  }

  private void answer(MockWebServer server, String name, int code) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        synchronized (log) {
          log.add(name + " " + request.getTarget());
        }
        return new MockResponse(code, Headers.of(), code == 200 ? "v1.0.0\n" : "error from " + name);
      }
    });
  }

  private String base(MockWebServer s) {
    return "http://127.0.0.1:" + s.getPort();
  }

  private Route route(String goproxy) {
    return ProxyResolver.of(GoEnv.of(Map.of("GOPROXY", goproxy))).resolve("example.com/m");
  }

  /** A minimal Go-like fetch: 200 is success, 404/410 not found, anything else an error. */
  private String list(ProxyEntry entry) throws IOException {
    if (entry instanceof ProxyEntry.Direct) {
      log.add("direct");
      throw new GoProxyException("example.com/m: unrecognized import path (direct fetch failed)");
    }
    URI uri = URI.create(((ProxyEntry.Url) entry).uri() + "/example.com/m/@v/list");
    Object[] r = get(uri);
    int code = (Integer) r[0];
    String msg = "reading " + uri + ": " + code;
    if (code == 200) {
      return (String) r[1];
    }
    List<GoProxyException.Attempt> at = List.of(new GoProxyException.Attempt(uri.toString(), code, msg));
    if (code == 404 || code == 410) {
      throw new NotFoundException(msg, null, at);
    }
    throw new GoProxyException(msg, null, at);
  }

  @Test
  void v20_pipeThenCommaFallsThrough_commaThenPipeStops() throws Exception {
    answer(a, "A", 500);
    answer(b, "B", 200);
    assertEquals("v1.0.0\n", walk(base(a) + "|," + base(b)));
    assertEquals(List.of("A /example.com/m/@v/list", "B /example.com/m/@v/list"), log);
    log.clear();
    GoProxyException e = assertThrows(GoProxyException.class, () -> ProxyWalk.tryProxies(route(base(a) + ",|" + base(b)), this::list));
    assertEquals(List.of("A /example.com/m/@v/list"), log);
    assertEquals("reading " + base(a) + "/example.com/m/@v/list: 500", e.getMessage());
  }

  @Test
  void v21_commaStopsOn500_v23_andOn204() throws Exception {
    answer(a, "A", 500);
    answer(b, "B", 200);
    assertThrows(GoProxyException.class, () -> walk(base(a) + "," + base(b)));
    answer(a, "A", 204);
    log.clear();
    GoProxyException e = assertThrows(GoProxyException.class, () -> walk(base(a) + "," + base(b)));
    assertEquals(List.of("A /example.com/m/@v/list"), log);
    assertTrue(e.getMessage().endsWith(": 204"), e.getMessage());
  }

  @Test
  void v22_pipeFallsThroughOn500() throws Exception {
    answer(a, "A", 500);
    answer(b, "B", 200);
    assertEquals("v1.0.0\n", walk(base(a) + "|" + base(b)));
  }

  @Test
  void bothNotFound_lastNotFoundWins() throws Exception {
    answer(a, "A", 404);
    answer(b, "B", 410);
    NotFoundException e = assertThrows(NotFoundException.class, () -> walk(base(a) + "," + base(b)));
    assertTrue(e.getMessage().startsWith("reading " + base(b)), e.getMessage());
    assertEquals(2, e.attempts().size());
    assertEquals(404, e.attempts().get(0).status());
    assertEquals(410, e.attempts().get(1).status());
  }

  @Test
  void v24_offAfterNotFound() throws Exception {
    answer(a, "A", 410);
    NotFoundException e = assertThrows(NotFoundException.class, () -> walk(base(a) + ",off"));
    assertEquals("module lookup disabled by GOPROXY=off", e.getMessage());
    assertEquals(List.of(base(a) + "/example.com/m/@v/list", "off"),
        e.attempts().stream().map(GoProxyException.Attempt::url).toList());
  }

  @Test
  void v25_proxyErrorBeatsLaterNotFound() throws Exception {
    answer(a, "A", 500);
    answer(b, "B", 404);
    GoProxyException e = assertThrows(GoProxyException.class, () -> walk(base(a) + "|" + base(b)));
    assertEquals(GoProxyException.class, e.getClass());
    assertTrue(e.getMessage().startsWith("reading " + base(a)), e.getMessage());
  }

  @Test
  void v26_directErrorIsReported() throws Exception {
    answer(a, "A", 404);
    GoProxyException e = assertThrows(GoProxyException.class, () -> walk(base(a) + ",direct"));
    assertTrue(e.getMessage().contains("direct fetch failed"), e.getMessage());
    assertEquals(List.of("A /example.com/m/@v/list", "direct"), log);
    assertEquals("direct", e.attempts().get(1).url());
  }

  @Test
  void v27_connectionRefusedStopsACommaList() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    answer(b, "B", 200);
    GoProxyException e = assertThrows(GoProxyException.class,
        () -> walk("http://127.0.0.1:" + closed + "," + base(b)));
    assertEquals(List.of(), log);
    assertEquals(1, e.attempts().size());
    assertEquals(0, e.attempts().get(0).status());
    assertInstanceOf(IOException.class, e.getCause());
    assertEquals("v1.0.0\n", walk("http://127.0.0.1:" + closed + "|" + base(b)));
  }

  @Test
  void offAloneAndPrivateDirect() throws Exception {
    NotFoundException off = assertThrows(NotFoundException.class, () -> walk("off"));
    assertEquals(ProxyWalk.PROXY_OFF_MESSAGE, off.getMessage());
    Route priv = ProxyResolver.of(GoEnv.of(Map.of("GOPROXY", "off", "GOPRIVATE", "example.com")))
        .resolve("example.com/m");
    GoProxyException e = assertThrows(GoProxyException.class, () -> ProxyWalk.tryProxies(priv, this::list));
    assertEquals(List.of("direct"), log);
    assertTrue(e.getMessage().contains("direct fetch failed"));
  }

  /**
   * go's proxyList puts its implicit noproxy entry first when GONOPROXY is set and GOPROXY is not
   * {@code direct} alone; for a matching module noproxy and a listed direct both fetch from version
   * control (modfetch/repo.go lookup, go1.19-go1.27), the proxies between them refuse it as not
   * found. So a not-found answer is asked for again, any other error ends the walk, and the second
   * attempt's error is reported.
   */
  @Test
  void noProxyMatchRetriesListedDirect() throws Exception {
    java.util.Map<String, Boolean> retries = new java.util.LinkedHashMap<>();
    retries.put(base(a) + ",direct", true);
    retries.put(base(a) + "|direct", true);
    retries.put("direct,", true);
    retries.put(" direct ,off", true);
    retries.put(base(a), false);
    retries.put(base(a) + ",off,direct", false);
    retries.put("off", false);
    retries.put("direct", false);
    retries.put("ftp://x,direct", false); // invalid: nothing is walked
    for (Map.Entry<String, Boolean> c : retries.entrySet()) {
      ProxyResolver r = ProxyResolver.of(GoEnv.of(Map.of("GOPROXY", c.getKey(), "GONOPROXY", "example.com")));
      assertEquals(c.getValue(), r.resolve("example.com/m").retriesDirect(), c.getKey());
      assertEquals(false, r.resolve("example.org/m").retriesDirect(), c.getKey());
    }
    Route route = ProxyResolver.of(GoEnv.of(Map.of("GOPROXY", base(a) + ",direct", "GOPRIVATE", "example.com")))
        .resolve("example.com/m");
    assertEquals(List.of(ProxyEntry.DIRECT), route.proxies());
    int[] n = {0};
    NotFoundException nf = assertThrows(NotFoundException.class, () -> ProxyWalk.tryProxies(route, e -> {
      assertEquals(ProxyEntry.DIRECT, e);
      throw new NotFoundException("unknown revision " + ++n[0]);
    }));
    assertEquals("unknown revision 2", nf.getMessage());
    assertEquals(2, nf.attempts().size());
    n[0] = 0;
    GoProxyException other = assertThrows(GoProxyException.class, () -> ProxyWalk.tryProxies(route, e -> {
      throw new GoProxyException("boom " + ++n[0]);
    }));
    assertEquals("boom 1", other.getMessage());
    n[0] = 0;
    assertEquals("v1", ProxyWalk.tryProxies(route, e -> {
      if (n[0]++ == 0) {
        throw new NotFoundException("not yet");
      }
      return "v1";
    }));
    assertEquals(List.of(), log); // the proxy is never asked for a GONOPROXY module
  }

  /** Sumdb discovery (vectors 72-75): direct/off count as not-found; not-found overall = go direct. */
  @Test
  void sumdbSupportedDiscovery() throws Exception {
    answer(a, "A", 404);
    answer(b, "B", 200);
    ProxyWalk.ProxyCall<URI> supported = entry -> {
      if (!(entry instanceof ProxyEntry.Url)) {
        throw new NotFoundException("no proxy");
      }
      URI u = URI.create(((ProxyEntry.Url) entry).uri() + "/sumdb/sum.golang.org/supported");
      int code = (Integer) get(u)[0];
      if (code == 200) {
        return URI.create(((ProxyEntry.Url) entry).uri() + "/sumdb/sum.golang.org");
      }
      if (code == 404 || code == 410) {
        throw new NotFoundException("reading " + u + ": " + code);
      }
      throw new GoProxyException("reading " + u + ": " + code);
    };
    assertEquals(URI.create(base(b) + "/sumdb/sum.golang.org"),
        uncheck(() -> ProxyWalk.tryProxies(route(base(a) + "," + base(b) + ",direct"), supported)));
    assertThrows(NotFoundException.class, () -> ProxyWalk.tryProxies(route(base(a) + ",direct"), supported));
    assertThrows(NotFoundException.class, () -> ProxyWalk.tryProxies(route("off"), supported));
    answer(a, "A", 500);
    GoProxyException e = assertThrows(GoProxyException.class,
        () -> ProxyWalk.tryProxies(route(base(a) + "," + base(b)), supported));
    assertEquals(GoProxyException.class, e.getClass());
  }

  private interface Io<T> {
    T get() throws IOException;
  }

  private static <T> T uncheck(Io<T> f) {
    try {
      return f.get();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private String walk(String goproxy) throws GoProxyException {
    return ProxyWalk.tryProxies(route(goproxy), this::list);
  }
}
