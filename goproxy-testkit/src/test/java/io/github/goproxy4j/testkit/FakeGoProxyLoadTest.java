package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load: 16 concurrent clients send 10,000 requests in total (list, info, mod, zip, sumdb lookup
 * and tiles) to one fake on loopback; every answer must be the expected 200, within a bounded
 * time. Prints throughput and latency percentiles. Excluded from {@code mvn verify}; run with
 * {@code mvn -pl goproxy-testkit -am verify -Dsurefire.excludedGroups= -Dgroups=load}.
 */
@Tag("load")
class FakeGoProxyLoadTest {
  private static final int CLIENTS = 16;
  private static final int REQUESTS = 10_000;

  @Test
  void sixteenClientsTenThousandRequests() throws Exception {
    FakeGoProxy.Builder b = FakeGoProxy.builder();
    for (int i = 0; i < 20; i++) {
      b.module(FakeModule.builder("example.com/load" + i, "v1.0.0")
          .file("a.go", "package a\n\n// " + "x".repeat(4000) + "\n").build());
    }
    try (FakeGoProxy proxy = b.start()) {
      String sumdb = "/sumdb/" + proxy.sumdb().name();
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String m = "/example.com/load" + i;
        paths.addAll(List.of(m + "/@v/list", m + "/@v/v1.0.0.info", m + "/@v/v1.0.0.mod",
            m + "/@v/v1.0.0.zip", sumdb + "/lookup/example.com/load" + i + "@v1.0.0"));
      }
      paths.add(sumdb + "/tile/8/0/000.p/20");
      paths.add(sumdb + "/latest");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      long[] nanos = new long[REQUESTS];
      AtomicInteger next = new AtomicInteger();
      AtomicInteger errors = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        futures.add(pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < REQUESTS) {
            URI u = URI.create(proxy.url() + paths.get(i % paths.size()));
            long t0 = System.nanoTime();
            try {
              HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(u)
                  .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
              if (r.statusCode() != 200 || r.body().length == 0 && !u.getPath().endsWith("/list")) {
                errors.incrementAndGet();
              }
            } catch (Exception e) {
              errors.incrementAndGet();
            }
            nanos[i] = System.nanoTime() - t0;
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(180, TimeUnit.SECONDS);
      }
      long elapsed = System.nanoTime() - start;
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      Arrays.sort(nanos);
      double seconds = elapsed / 1e9;
      System.out.printf("load: %d requests, %d clients, %.2f s, %.0f req/s, p50 %.2f ms,"
              + " p99 %.2f ms, max %.2f ms, errors %d%n", REQUESTS, CLIENTS, seconds,
          REQUESTS / seconds, nanos[REQUESTS / 2] / 1e6, nanos[REQUESTS * 99 / 100] / 1e6,
          nanos[REQUESTS - 1] / 1e6, errors.get());
      assertEquals(0, errors.get());
      assertEquals(REQUESTS, proxy.requests().size());
      assertTrue(seconds < 120, "took " + seconds + " s");
    }
  }
}
