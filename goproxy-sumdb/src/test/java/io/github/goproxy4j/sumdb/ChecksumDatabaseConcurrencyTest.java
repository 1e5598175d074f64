package io.github.goproxy4j.sumdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.note.Note;
import io.github.goproxy4j.sumdb.tlog.TreeHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request counts and thread safety of {@link ChecksumDatabase}: 1,000 modules verified cold cost
 * exactly one request per lookup plus one per distinct tile; 16 threads share tiles and lookups
 * and leave a consistent cache, also while the log grows.
 */
class ChecksumDatabaseConcurrencyTest {
  static final String Z = "h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=";
  static final String M = "h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=";

  @TempDir Path tmp;

  ChecksumDatabase client(SumdbFakeDb fake, SumdbTestTransport transport) {
    return ChecksumDatabase.builder().checksumDb(fake.checksumDb()).transport(transport)
        .stateDir(tmp.resolve("state")).cacheDir(tmp.resolve("cache")).build();
  }

  static String path(int i) {
    return "example.com/mod" + i;
  }

  @Test
  void thousandModulesColdCostLookupsPlusDistinctTiles() throws Exception {
    try (SumdbFakeDb fake = new SumdbFakeDb(SumdbFakeDb.newKey())) {
      for (int i = 0; i < 1000; i++) {
        fake.add(path(i), "v1.0.0", Z, M);
      }
      SumdbTestTransport transport = new SumdbTestTransport();
      long t0 = System.nanoTime();
      try (ChecksumDatabase db = client(fake, transport)) {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          int first = t;
          futures.add(pool.submit(() -> {
            for (int i = first; i < 1000; i += 16) {
              ModuleVersion mv = ModuleVersion.of(path(i), "v1.0.0");
              db.verifyGoMod(mv, ModuleHash.parse(M));
              db.verifyZip(mv, ModuleHash.parse(Z));
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        pool.shutdown();
        assertEquals(transport.total(), db.requestCount());
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      Map<String, Integer> counts = transport.counts();
      long tiles = counts.keySet().stream().filter(p -> p.startsWith("/tile/")).count();
      assertEquals(1000, transport.lookupRequests());
      assertTrue(counts.values().stream().allMatch(n -> n == 1), "a path was requested twice: " + counts);
      assertEquals(1000 + tiles, transport.total());
      // Tree of 1000: full level-0 tiles 000..002, partial 003.p/232 and level-1 000.p/3.
      assertEquals(List.of("/tile/8/0/000", "/tile/8/0/001", "/tile/8/0/002", "/tile/8/0/003.p/232",
          "/tile/8/1/000.p/3"), counts.keySet().stream().filter(p -> p.startsWith("/tile/")).toList());
      System.out.println("sumdb cold verify (fake, 16 threads): 1000 modules, " + transport.total() + " requests ("
          + tiles + " tiles), " + ms + " ms");
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {20261126L})
  void sixteenThreadsShareTilesAndLeaveAConsistentCache(long seed) throws Exception {
    try (SumdbFakeDb fake = new SumdbFakeDb(SumdbFakeDb.newKey())) {
      int n = 400;
      for (int i = 0; i < n; i++) {
        fake.add(path(i), "v1.0.0", Z, M);
      }
      SumdbTestTransport transport = new SumdbTestTransport();
      // Two instances on the same directories, 8 threads each, every module looked up by all.
      try (ChecksumDatabase a = client(fake, transport); ChecksumDatabase b = client(fake, transport)) {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          ChecksumDatabase db = t % 2 == 0 ? a : b;
          Random r = new Random(seed * 31 + t);
          futures.add(pool.submit(() -> {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              order.add(i);
            }
            Collections.shuffle(order, r);
            for (int i : order) {
              ModuleVersion mv = ModuleVersion.of(path(i), "v1.0.0");
              SumdbLookup l = db.lookup(mv);
              assertEquals(i, l.recordId());
              db.verifyZip(mv, ModuleHash.parse(Z));
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        pool.shutdown();
      }
      Map<String, Integer> counts = transport.counts();
      // Per instance: each lookup once and each tile at most once; the two instances may overlap.
      assertTrue(counts.values().stream().allMatch(c -> c <= 2), counts.toString());
      assertTrue(transport.lookupRequests() <= 2 * n);
      assertCacheConsistent(fake);
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {7L})
  void threadsFollowAGrowingLog(long seed) throws Exception {
    try (SumdbFakeDb fake = new SumdbFakeDb(SumdbFakeDb.newKey())) {
      for (int i = 0; i < 100; i++) {
        fake.add(path(i), "v1.0.0", Z, M);
      }
      SumdbTestTransport transport = new SumdbTestTransport();
      AtomicBoolean done = new AtomicBoolean();
      try (ChecksumDatabase db = client(fake, transport)) {
        ExecutorService pool = Executors.newFixedThreadPool(17);
        Future<?> grower = pool.submit(() -> {
          for (int i = 100; i < 500 && !done.get(); i++) {
            fake.add(path(i), "v1.0.0", Z, M);
          }
          return null;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          Random r = new Random(seed * 131 + t);
          futures.add(pool.submit(() -> {
            for (int k = 0; k < 100; k++) {
              int i = r.nextInt((int) Math.min(fake.size(), 500));
              db.lookup(ModuleVersion.of(path(i), "v1.0.0"));
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        done.set(true);
        grower.get();
        pool.shutdown();
      }
      assertCacheConsistent(fake);
    }
  }

  /** Every cached lookup and tile is what the honest log serves; latest is a valid signed tree. */
  void assertCacheConsistent(SumdbFakeDb fake) throws Exception {
    Path root = tmp.resolve("cache/" + SumdbFakeDb.NAME);
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() > 0);
    for (Path f : files) {
      String rel = root.relativize(f).toString().replace('\\', '/');
      assertTrue(!rel.endsWith(".tmp"), "temporary file left: " + rel);
      byte[] data = Files.readAllBytes(f);
      if (rel.startsWith("tile/")) {
        assertArrayEquals(fake.tileData(rel), data, rel);
      } else {
        String body = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        String key = rel.substring("lookup/".length());
        // The record part is fixed; the signed tree in it is whichever was current then.
        String rec = new String(fake.lookupBody(key), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(rec.substring(0, rec.indexOf("\n\n") + 2), body.substring(0, body.indexOf("\n\n") + 2), rel);
      }
    }
    byte[] latest = Files.readAllBytes(tmp.resolve("state/" + SumdbFakeDb.NAME + "/latest"));
    Note note = Note.open(latest, List.of(fake.checksumDb().verifierKey()));
    TreeHead head = TreeHead.parse(note.text());
    assertEquals(fake.signedTree(head.size()), new String(latest, java.nio.charset.StandardCharsets.UTF_8));
  }
}
