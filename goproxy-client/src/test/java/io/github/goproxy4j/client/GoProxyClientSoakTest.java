package io.github.goproxy4j.client;

import io.github.goproxy4j.internal.GoOs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.testkit.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Soak: 16 threads download from the testkit proxy for a few minutes while a fault injector keeps
 * changing what goes wrong (connection resets, truncated and corrupted bodies, 5xx, delays, on
 * the proxy and on its checksum database). Afterwards: no cache entry fails its hash, no
 * temporary file or marker is left, every failure was a {@link GoProxyException} naming the module
 * with go's text, and the JVM has the threads and file descriptors it had before.
 *
 * <p>Outside {@code mvn verify} (tag {@code load}). Run with
 * {@code mvn -B -o -pl goproxy-client -am verify -Dmaven.javadoc.skip=true
 * -Dtest=GoProxyClientSoakTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsurefire.excludedGroups=benchmark -Dsoak.seconds=180}; the counts are printed to the test's
 * output file.
 */
// counts the JVM's threads and file descriptors: alone (junit-platform.properties)
@Isolated
@Tag("load")
class GoProxyClientSoakTest {
  private static final int THREADS = 16;
  private static final int MODULES = 24;
  private static final int CACHES = 4;

  @TempDir Path tmp;

  private static FakeGoProxy proxy() throws IOException {
    FakeGoProxy.Builder b = FakeGoProxy.builder();
    for (int m = 0; m < MODULES; m++) {
      String path = "example.com/soak/m" + m;
      FakeModule.Builder mb = FakeModule.builder(path, "v1." + (m % 3) + ".0")
          .goMod("module " + path + "\n\ngo 1.19\n");
      int files = m % 4 == 0 ? 400 : 1 + m * 3;
      for (int i = 0; i < files; i++) {
        mb.file("d" + (i % 7) + "/f" + i + ".go", "package d" + (i % 7) + "\n// "
            + "soak ".repeat(i % 300) + "\n");
      }
      b.module(mb.build());
    }
    return b.start();
  }

  private static Fault randomFault(Random r, List<String> modules) {
    Fault f;
    switch (r.nextInt(8)) {
      case 0: f = Fault.disconnectBeforeResponse(); break;
      case 1: f = Fault.disconnectAfterHeaders(); break;
      case 2: f = Fault.disconnectDuringBody(); break;
      case 3: f = Fault.truncateBody(r.nextInt(200)); break;
      case 4: f = Fault.corruptBody(); break;
      case 5: f = Fault.status(500 + r.nextInt(4), "soak: server trouble"); break;
      case 6: f = Fault.delay(Duration.ofMillis(50 + r.nextInt(1500))); break;
      default: f = Fault.status(429, "soak: slow down"); break;
    }
    Endpoint[] all = Endpoint.values();
    f = f.on(all[r.nextInt(all.length)]);
    if (r.nextBoolean()) {
      f = f.forModule(modules.get(r.nextInt(modules.size())).split("@")[0]);
    }
    return f.times(1 + r.nextInt(20));
  }

  private static long openFds() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  /** Thread names with digits removed, counted: what a leak consists of. */
  private static Map<String, Integer> threadNames() {
    Map<String, Integer> out = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      out.merge(t.getName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
    }
    return out;
  }

  /** Open descriptors by kind (socket, pipe, file directory). */
  private static Map<String, Integer> fdKinds() throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      for (Path p : s.toList()) {
        String target;
        try {
          target = Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
          continue;
        }
        String kind = target.contains(":[") ? target.substring(0, target.indexOf(":["))
            : target.startsWith("/") ? Path.of(target).getParent() + "/" : target;
        out.merge(kind, 1, Integer::sum);
      }
    }
    return out;
  }

  /** Threads of this JVM except the fake server's (OkHttp's idle ones linger for a minute). */
  private static int threads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.getName().startsWith("MockWebServer")).count();
  }

  @Test
  void sixteenThreadsUnderRandomFaults() throws Exception {
    long seconds = Long.getLong("soak.seconds", 180);
    long seed = Long.getLong("soak.seed", System.nanoTime());
    System.out.println("soak: seed=" + seed + " seconds=" + seconds);
    boolean procFs = Files.isDirectory(Path.of("/proc/self/fd"));
    try (FakeGoProxy proxy = proxy()) {
      List<String> modules = new ArrayList<>(proxy.moduleVersions());
      Collections.sort(modules);
      Path gopath = tmp.resolve("gopath");
      // Warm up: load every class and start the JDK's shared threads before counting.
      runClient(proxy, gopath, tmp.resolve("warmup"), modules.subList(0, 2));
      System.gc();
      long fdsBefore = procFs ? openFds() : -1;
      int threadsBefore = threads();

      Random faultRandom = new Random(seed);
      AtomicLong ok = new AtomicLong();
      Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
      List<String> wrong = Collections.synchronizedList(new ArrayList<>());
      AtomicLong generation = new AtomicLong();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
      List<Future<?>> workers = new ArrayList<>();
      workers.add(pool.submit(() -> {
        while (System.nanoTime() < end) {
          proxy.clearFaults();
          for (int i = faultRandom.nextInt(4); i > 0; i--) {
            proxy.addFault(randomFault(faultRandom, modules));
          }
          generation.incrementAndGet();
          Thread.sleep(400);
        }
        proxy.clearFaults();
        return null;
      }));
      for (int t = 0; t < THREADS; t++) {
        Random r = new Random(seed + 1 + t);
        workers.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            // Fresh caches every ~10 s keep the clients downloading.
            Path cache = tmp.resolve("gen" + generation.get() / 25).resolve("c" + r.nextInt(CACHES));
            List<String> pick = new ArrayList<>();
            for (int i = 1 + r.nextInt(4); i > 0; i--) {
              pick.add(modules.get(r.nextInt(modules.size())));
            }
            try (GoProxyClient c = client(proxy, gopath, cache)) {
              for (String m : pick) {
                try {
                  c.download(ModuleVersion.parse(m));
                  ok.incrementAndGet();
                } catch (GoProxyException e) {
                  String path = m.split("@")[0];
                  if (e.getMessage() == null || !e.getMessage().contains(path)) {
                    wrong.add("no module in message: " + e);
                  }
                  failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong())
                      .incrementAndGet();
                } catch (RuntimeException e) {
                  wrong.add(m + ": " + e);
                }
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get(seconds + 600, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));

      int entries = checkCaches(proxy, tmp);
      long fdsAfter = fdsBefore;
      int threadsAfter = threadsBefore;
      for (int i = 0; i < 60; i++) {
        System.gc();
        fdsAfter = procFs ? openFds() : -1;
        threadsAfter = threads();
        if (fdsAfter <= fdsBefore && threadsAfter <= threadsBefore) {
          break;
        }
        Thread.sleep(500);
      }
      System.out.println("soak: downloads ok=" + ok + " failed=" + new TreeMap<>(failures)
          + " verified cache entries=" + entries + " fds before/after=" + fdsBefore + "/"
          + fdsAfter + " threads before/after=" + threadsBefore + "/" + threadsAfter
          + " requests=" + proxy.requests().size());
      if (fdsAfter > fdsBefore || threadsAfter > threadsBefore) {
        System.out.println("soak: threads " + threadNames() + "\nsoak: fds " + fdKinds());
      }
      assertEquals(List.of(), wrong);
      assertTrue(ok.get() > 0);
      assertTrue(fdsAfter <= fdsBefore, "file descriptors leaked: " + fdsBefore + " -> " + fdsAfter);
      assertTrue(threadsAfter <= threadsBefore, "threads leaked: " + threadsBefore + " -> "
          + threadsAfter);
    } finally {
      GoOs.removeAll(tmp);
    }
  }

  private static GoProxyClient client(FakeGoProxy proxy, Path gopath, Path cache) {
    Map<String, String> vars = new TreeMap<>(proxy.environment());
    vars.put("GOPATH", gopath.toString());
    vars.put("GOMODCACHE", cache.toString());
    return GoProxyClient.builder().env(GoEnv.of(vars)).build();
  }

  private static void runClient(FakeGoProxy proxy, Path gopath, Path cache, List<String> mvs)
      throws GoProxyException {
    try (GoProxyClient c = client(proxy, gopath, cache)) {
      for (String m : mvs) {
        c.download(ModuleVersion.parse(m));
      }
    }
  }

  /** Every zip, ziphash and tree in every cache agrees with the checksum database. */
  private static int checkCaches(FakeGoProxy proxy, Path root) throws IOException {
    List<String> bad = new ArrayList<>();
    int entries = 0;
    List<Path> ziphashes;
    try (Stream<Path> w = Files.walk(root)) {
      ziphashes = w.filter(p -> p.getFileName().toString().endsWith(".ziphash")).toList();
    }
    try (Stream<Path> w = Files.walk(root)) {
      w.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tmp") || n.endsWith(".partial") || n.contains(".tmp-"))
          .forEach(n -> bad.add("leftover " + n));
    }
    for (Path zh : ziphashes) {
      Path vdir = zh.getParent();
      Path cacheRoot = vdir.getParent().getParent().getParent().getParent().getParent().getParent();
      String escapedPath = cacheRoot.resolve("cache/download").relativize(vdir.getParent())
          .toString().replace('\\', '/');
      String version = zh.getFileName().toString().replace(".ziphash", "");
      ModuleVersion mv = ModuleVersion.of(escapedPath, version);
      String want = proxy.sumdb().record(mv.path().toString(), version).orElseThrow()
          .split("\n")[0].split(" ")[2];
      ModuleCache cache = ModuleCache.at(cacheRoot);
      if (!Files.readString(zh).strip().equals(want)) {
        bad.add(mv + ": ziphash " + Files.readString(zh));
      }
      if (!ModuleHash.ofZip(cache.file(mv, "zip")).toString().equals(want)) {
        bad.add(mv + ": zip");
      }
      if (cache.isExtracted(mv)
          && !ModuleHash.ofDir(cache.extractedDir(mv), mv.toString()).toString().equals(want)) {
        bad.add(mv + ": tree");
      }
      entries++;
    }
    assertEquals(List.of(), bad);
    return entries;
  }
}
