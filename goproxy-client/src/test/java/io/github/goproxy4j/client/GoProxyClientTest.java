package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.Fault;
import io.github.goproxy4j.testkit.FakeGoProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GoProxyClient} against the testkit's {@link FakeGoProxy} on loopback. */
class GoProxyClientTest {
  private static final ModuleVersion M = ModuleVersion.parse("example.com/m@v1.0.0");

  @TempDir Path tmp;
  FakeGoProxy proxy;
  Path cacheDir;

  @BeforeEach
  void setUp() throws IOException {
    proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start();
    cacheDir = tmp.resolve("modcache");
  }

  @AfterEach
  void tearDown() throws IOException {
    proxy.close();
    ModuleCache.removeAll(tmp);
  }

  private GoProxyClient.Builder builder(HttpSettings http) {
    return GoProxyClient.builder().env(proxy.goEnv()).moduleCache(cacheDir).httpSettings(http);
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
  void aTricklingZipIsCutOffByTheBodyTimeout() throws Exception {
    // A live server dripping 8 bytes every 100 ms never trips the stall timeout; the whole-body
    // bound ends the download.
    proxy.addFault(Fault.trickle(8, Duration.ofMillis(100)).on(Endpoint.ZIP));
    HttpSettings http = HttpSettings.builder().readStallTimeout(Duration.ofSeconds(5))
        .bodyTimeout(Duration.ofMillis(700)).build();
    String zipUrl = proxy.url() + "/example.com/m/@v/v1.0.0.zip";
    try (GoProxyClient c = builder(http).build()) {
      long t0 = System.nanoTime();
      GoProxyException e = assertThrows(ProxyUnavailableException.class, () -> c.download(M));
      long took = System.nanoTime() - t0;
      assertTrue(e.getMessage().startsWith("example.com/m@v1.0.0: read \""), e.getMessage());
      assertTrue(e.getMessage().endsWith("\": reading " + zipUrl
          + ": body not complete after 700ms (body timeout)"), e.getMessage());
      assertTrue(took < TimeUnit.SECONDS.toNanos(4), "took " + took / 1_000_000 + " ms");
    }
    assertNothingCachedForZip();
  }
}
