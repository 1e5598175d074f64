package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each fault as an HTTP client observes it. */
class FaultTest {
  private static final FakeModule M = FakeModule.builder("example.com/m", "v1.0.0")
      .file("m.go", "package m\n\n// " + "padding ".repeat(200) + "\n").build();

  private static FakeGoProxy start(Fault... faults) throws IOException {
    FakeGoProxy.Builder b = FakeGoProxy.builder().module(M).module("example.com/n", "v1.0.0");
    for (Fault f : faults) {
      b.fault(f);
    }
    return b.start();
  }

  private static URI zip(FakeGoProxy p) {
    return URI.create(p.url() + "/example.com/m/@v/v1.0.0.zip");
  }

  @Test
  void statusWithTextBody() throws IOException {
    try (FakeGoProxy p = start(Fault.status(429, "slow down\nplease").on(Endpoint.ZIP))) {
      Http.Response r = Http.get(zip(p));
      assertEquals(429, r.status());
      assertEquals("text/plain; charset=utf-8", r.contentType());
      assertEquals("slow down\nplease", r.text());
      assertEquals(200, Http.get(p, "/example.com/m/@v/v1.0.0.mod").status());
      ProxyRequest logged = p.requests().all().get(0);
      assertEquals(429, logged.status());
      assertTrue(logged.fault().orElseThrow().contains("status 429"), logged.toString());
      assertTrue(p.requests().all().get(1).fault().isEmpty());
    }
  }

  @Test
  void timesLimitsAFault() throws IOException {
    try (FakeGoProxy p = start(Fault.status(503, "busy").forModule("example.com/m").times(2))) {
      assertEquals(503, Http.get(zip(p)).status());
      assertEquals(200, Http.get(p, "/example.com/n/@v/list").status()); // other module
      assertEquals(503, Http.get(p, "/example.com/m/@v/list").status());
      assertEquals(200, Http.get(zip(p)).status());
      p.reset(); // counters restart
      assertEquals(503, Http.get(zip(p)).status());
    }
  }

  @Test
  void aimingByPathPrefixModuleVersionAndEndpoint() throws IOException {
    try (FakeGoProxy p = start(
        Fault.status(500, "a").forPath("/example.com/n/*"),
        Fault.status(502, "b").forModule("example.com/m", "v1.0.0").on(Endpoint.INFO))) {
      assertEquals(500, Http.get(p, "/example.com/n/@v/list").status());
      assertEquals(500, Http.get(p, "/example.com/n/@v/v1.0.0.zip").status());
      assertEquals(502, Http.get(p, "/example.com/m/@v/v1.0.0.info").status());
      assertEquals(200, Http.get(p, "/example.com/m/@v/v1.0.0.mod").status());
      assertEquals(200, Http.get(p, "/example.com/m/@v/list").status());
    }
  }

  @Test
  void faultsAddedAtRunTimeAndCleared() throws IOException {
    try (FakeGoProxy p = start()) {
      assertEquals(200, Http.get(zip(p)).status());
      p.addFault(Fault.status(401, "who are you").forPath("/example.com/m/@v/v1.0.0.zip"));
      assertEquals(401, Http.get(zip(p)).status());
      p.reset();
      assertEquals(200, Http.get(zip(p)).status());
      p.addFault(Fault.status(403, "no"));
      p.clearFaults();
      assertEquals(200, Http.get(zip(p)).status());
    }
  }

  @Test
  void delay() throws IOException {
    try (FakeGoProxy p = start(Fault.delay(Duration.ofMillis(700)).on(Endpoint.ZIP))) {
      long t0 = System.nanoTime();
      assertEquals(200, Http.get(zip(p)).status());
      assertTrue(System.nanoTime() - t0 >= 700_000_000L);
      t0 = System.nanoTime();
      Http.get(p, "/example.com/m/@v/list");
      assertTrue(System.nanoTime() - t0 < 700_000_000L);
    }
  }

  @Test
  void disconnectBeforeResponse() throws IOException {
    try (FakeGoProxy p = start(Fault.disconnectBeforeResponse().on(Endpoint.ZIP))) {
      IOException e = assertThrows(IOException.class, () -> Http.send(zip(p)));
      assertTrue(e.getMessage().contains("received no bytes"), e.getMessage());
      // (the JDK client retries an idempotent GET once)
      p.requests().assertAll("unanswered", r -> r.status() == 0);
      p.clearFaults();
      assertEquals(200, Http.get(zip(p)).status()); // the server keeps serving
    }
  }

  @Test
  void disconnectAfterHeaders() throws IOException {
    try (FakeGoProxy p = start(Fault.disconnectAfterHeaders().on(Endpoint.ZIP))) {
      IOException e = assertThrows(IOException.class, () -> Http.send(zip(p)));
      assertTrue(e.getMessage().contains("bytes received: 0"), e.getMessage());
    }
  }

  @Test
  void disconnectDuringBody() throws IOException {
    try (FakeGoProxy p = start(Fault.disconnectDuringBody().on(Endpoint.ZIP))) {
      IOException e = assertThrows(IOException.class, () -> Http.send(zip(p)));
      int half = M.zip().length / 2;
      assertTrue(e.getMessage().contains("fixed content-length: " + M.zip().length
          + ", bytes received: " + half), e.getMessage());
    }
  }

  @Test
  void truncatedBodyIsAWellFormedShortResponse() throws IOException {
    try (FakeGoProxy p = start(Fault.truncateBody(100).on(Endpoint.ZIP))) {
      Http.Response r = Http.get(zip(p));
      assertEquals(200, r.status());
      assertArrayEquals(Arrays.copyOf(M.zip(), 100), r.body());
    }
  }

  @Test
  void corruptedZipHasOneInvertedByte() throws IOException {
    try (FakeGoProxy p = start(Fault.corruptBody().on(Endpoint.ZIP))) {
      byte[] got = Http.get(zip(p)).body();
      byte[] want = M.zip();
      assertEquals(want.length, got.length);
      int diffs = 0;
      for (int i = 0; i < want.length; i++) {
        if (want[i] != got[i]) {
          diffs++;
          assertEquals(want.length / 2, i);
          assertEquals((byte) ~want[i], got[i]);
        }
      }
      assertEquals(1, diffs);
    }
  }

  @Test
  void trickleSlowsTheBodyButDeliversIt() throws IOException {
    int size = M.zip().length;
    try (FakeGoProxy p = start(Fault.trickle(size / 4 + 1, Duration.ofMillis(200)).on(Endpoint.ZIP))) {
      long t0 = System.nanoTime();
      Http.Response r = Http.get(zip(p));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertArrayEquals(M.zip(), r.body());
      assertTrue(ms >= 600, "took " + ms + " ms");
    }
  }

  @Test
  void faultsApplyToSumdbEndpointsToo() throws IOException {
    try (FakeGoProxy p = start(Fault.status(410, "gone").on(Endpoint.SUMDB_LOOKUP))) {
      String base = "/sumdb/" + p.sumdb().name();
      assertEquals(200, Http.get(p, base + "/supported").status());
      assertEquals(410, Http.get(p, base + "/lookup/example.com/m@v1.0.0").status());
      assertEquals("example.com/m", p.requests().all().get(1).modulePath().orElseThrow());
    }
  }

  @Test
  void invalidFaultsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Fault.status(99, ""));
    assertThrows(IllegalArgumentException.class, () -> Fault.status(600, ""));
    assertThrows(IllegalArgumentException.class, () -> Fault.delay(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> Fault.truncateBody(-1));
    assertThrows(IllegalArgumentException.class, () -> Fault.trickle(0, Duration.ofMillis(1)));
    assertThrows(IllegalArgumentException.class, () -> Fault.trickle(1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Fault.corruptBody().times(0));
    assertThrows(IllegalArgumentException.class, () -> Fault.corruptBody().on());
    assertThrows(IllegalArgumentException.class, () -> Fault.corruptBody().forPath("x"));
    assertThrows(NullPointerException.class, () -> Fault.corruptBody().forModule(null));
    assertFalse(Fault.status(500, "x").toString().isEmpty());
  }

  /** A fault aimed at a path no request can name would never fire, and the test using it would pass. */
  @Test
  void forModuleRefusesAMalformedModulePath() {
    for (String bad : new String[] {"example.com/m ", "not a path", "", "example.com/m@v1.0.0", "/example.com/m"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Fault.status(500, "x").forModule(bad));
      assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> Fault.status(500, "x").forModule(bad, "v1.0.0"));
      assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
    }
    assertEquals("Fault[status 500 module=github.com/Foo/bar]", Fault.status(500, "x").forModule("github.com/Foo/bar").toString());
  }
}
