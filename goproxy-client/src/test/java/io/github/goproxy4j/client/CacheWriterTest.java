package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cache writer shares one module cache with the real go command, for real: go 1.27 and go
 * 1.19, two more JVMs running this client and threads of this JVM fill one GOMODCACHE at the same
 * time from a loopback fake proxy (with its checksum database), in random orders, round after
 * round. Afterwards every extracted tree hashes to the checksum database's h1, every zip and
 * ziphash agrees, nothing is left that go would not leave ({@code .partial}, {@code .tmp}, stale
 * trees, a held lock), and {@code go mod verify} with {@code GOPROXY=off} accepts the whole cache.
 */
class CacheWriterTest {
  private static final Path GO127 = Path.of("/usr/lib/go-1.27/bin/go");
  private static final Path GO119 = Path.of("/usr/bin/go");

  @TempDir Path tmp;

  @AfterEach
  void tearDown() throws IOException {
    GoOs.removeAll(tmp);
  }

  /** Child JVM: GOPROXY GOSUMDB GOMODCACHE GOPATH seed module@version... */
  public static void main(String[] args) throws Exception {
    Map<String, String> vars = new HashMap<>();
    vars.put("GOPROXY", args[0]);
    vars.put("GOSUMDB", args[1]);
    vars.put("GOMODCACHE", args[2]);
    vars.put("GOPATH", args[3]);
    List<ModuleVersion> mvs = new ArrayList<>();
    for (int i = 5; i < args.length; i++) {
      mvs.add(ModuleVersion.parse(args[i]));
    }
    Collections.shuffle(mvs, new Random(Long.parseLong(args[4])));
    try (GoProxyClient c = GoProxyClient.builder().env(GoEnv.of(vars)).parallelism(4).build()) {
      c.downloadAll(mvs);
    }
  }

  /** Modules with 1 to {@code bigFiles} files; every third one big. */
  private static FakeGoProxy proxy(int modules, int bigFiles) throws IOException {
    FakeGoProxy.Builder b = FakeGoProxy.builder();
    for (int m = 0; m < modules; m++) {
      String path = "example.com/share/m" + m;
      FakeModule.Builder mb = FakeModule.builder(path, "v1.0." + m)
          .goMod("module " + path + "\n\ngo 1.19\n");
      int files = m % 3 == 0 ? bigFiles : 1 + m;
      for (int i = 0; i < files; i++) {
        mb.file("p" + (i % 11) + "/q" + (i % 5) + "/f" + i + ".go",
            "package q" + (i % 5) + "\n\n// " + "data ".repeat(i % 400) + "\n");
      }
      b.module(mb.build());
    }
    return b.start();
  }

  private static List<String> versions(FakeGoProxy proxy) {
    List<String> out = new ArrayList<>(proxy.moduleVersions());
    Collections.sort(out);
    return out;
  }

  private Map<String, String> goEnv(FakeGoProxy proxy, Path go, Path cache) throws IOException {
    Map<String, String> env = GoTool.hermeticEnv(tmp);
    env.putAll(proxy.environment());
    env.put("GOMODCACHE", cache.toString());
    env.put("GOFLAGS", "");
    env.put("GOCACHE", tmp.resolve("gocache-" + go.getParent().getParent().getFileName()).toString());
    return env;
  }

  private void fillTogether(int rounds, int modules, int bigFiles, long seed) throws Exception {
    GoTool.assumeGo();
    List<Path> gos = Stream.of(GO127, GO119).filter(Files::isExecutable).toList();
    assumeTrue(!gos.isEmpty(), "SKIPPED: neither " + GO127 + " nor " + GO119 + " is installed");
    Random random = new Random(seed);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ExecutorService pool = Executors.newCachedThreadPool();
    try (FakeGoProxy proxy = proxy(modules, bigFiles)) {
      List<String> all = versions(proxy);
      Path gopath = tmp.resolve("gopath");
      for (int round = 0; round < rounds; round++) {
        Path cache = tmp.resolve("modcache" + round);
        Path work = Files.createDirectories(tmp.resolve("work"));
        List<CompletableFuture<String>> runs = new ArrayList<>();
        for (Path go : gos) {
          List<String> cmd = new ArrayList<>(List.of(go.toString(), "mod", "download"));
          List<String> order = new ArrayList<>(all);
          Collections.shuffle(order, random);
          cmd.addAll(order);
          Map<String, String> env = goEnv(proxy, go, cache);
          runs.add(CompletableFuture.supplyAsync(() -> {
            GoTool.Result r = GoTool.exec(work, env, 300, null, cmd.toArray(String[]::new));
            return r.ok() ? "" : go + " exited " + r.exitCode() + ":\n" + r.stderr();
          }, pool));
        }
        for (int j = 0; j < 2; j++) {
          List<String> cmd = new ArrayList<>(List.of(java, "-cp",
              System.getProperty("java.class.path"), CacheWriterTest.class.getName(),
              proxy.url().toString(), proxy.sumdbKey(), cache.toString(), gopath.toString(),
              Long.toString(random.nextLong())));
          cmd.addAll(all);
          Path log = tmp.resolve("child" + round + "-" + j + ".log");
          runs.add(CompletableFuture.supplyAsync(() -> {
            try {
              Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                  .redirectOutput(log.toFile()).start();
              if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "child JVM timed out";
              }
              return p.exitValue() == 0 ? "" : "child JVM exited " + p.exitValue() + ":\n"
                  + Files.readString(log);
            } catch (IOException | InterruptedException e) {
              return e.toString();
            }
          }, pool));
        }
        Map<String, String> vars = new HashMap<>(proxy.environment());
        vars.put("GOPATH", gopath.toString());
        vars.put("GOMODCACHE", cache.toString());
        List<ModuleVersion> mine = new ArrayList<>(all.stream().map(ModuleVersion::parse).toList());
        Collections.shuffle(mine, random);
        try (GoProxyClient c = GoProxyClient.builder().env(GoEnv.of(vars)).parallelism(4).build()) {
          c.downloadAll(mine);
        }
        for (CompletableFuture<String> r : runs) {
          assertEquals("", r.get(300, TimeUnit.SECONDS));
        }
        checkCache(proxy, cache, all);
        goModVerify(proxy, gos.get(0), cache, all);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every tree, zip and ziphash agrees with the checksum database; no leftovers, no held lock. */
  private static void checkCache(FakeGoProxy proxy, Path root, List<String> all) throws Exception {
    ModuleCache cache = ModuleCache.at(root);
    for (String s : all) {
      ModuleVersion mv = ModuleVersion.parse(s);
      String record = proxy.sumdb().record(mv.path().toString(), mv.version().toString())
          .orElseThrow();
      String want = record.split("\n")[0].split(" ")[2];
      assertTrue(cache.isExtracted(mv), s);
      assertEquals(want, ModuleHash.ofDir(cache.extractedDir(mv), s).toString(), s + " tree");
      assertEquals(want, ModuleHash.ofZip(cache.file(mv, "zip")).toString(), s + " zip");
      assertEquals(want, Files.readString(cache.file(mv, "ziphash")).strip(), s + " ziphash");
    }
    List<String> leftovers = new ArrayList<>();
    List<Path> locks = new ArrayList<>();
    try (Stream<Path> w = Files.walk(root)) {
      w.forEach(p -> {
        String n = p.getFileName().toString();
        if (n.endsWith(".tmp") || n.endsWith(".partial") || n.contains(".tmp-")) {
          leftovers.add(root.relativize(p).toString());
        }
        if (n.endsWith(".lock") || n.equals("lock")) {
          locks.add(p);
        }
      });
    }
    assertEquals(List.of(), leftovers);
    assertFalse(locks.isEmpty());
    for (Path lock : locks) {
      assertEquals("free", GoFlock.probe(GoFlock.binary(), lock), lock.toString());
    }
  }

  /** {@code GOPROXY=off go mod verify} in a module that requires everything accepts the cache. */
  private void goModVerify(FakeGoProxy proxy, Path go, Path cache, List<String> all)
      throws IOException {
    Path main = Files.createDirectories(tmp.resolve("main"));
    StringBuilder mod = new StringBuilder("module example.com/main\n\ngo 1.19\n\nrequire (\n");
    StringBuilder sum = new StringBuilder();
    for (String s : all) {
      ModuleVersion mv = ModuleVersion.parse(s);
      mod.append('\t').append(mv.path()).append(' ').append(mv.version()).append('\n');
      sum.append(proxy.sumdb().record(mv.path().toString(), mv.version().toString())
          .orElseThrow());
    }
    mod.append(")\n");
    Files.writeString(main.resolve("go.mod"), mod, StandardCharsets.UTF_8);
    Files.writeString(main.resolve("go.sum"), sum, StandardCharsets.UTF_8);
    Map<String, String> env = goEnv(proxy, go, cache);
    env.put("GOPROXY", "off");
    env.put("GOFLAGS", "-mod=mod");
    GoTool.Result r = GoTool.exec(main, env, 120, null, go.toString(), "mod", "verify");
    assertEquals("all modules verified\n", r.requireOk().stdout());
  }

  // ---------------------------------------------------------------- same bytes and modes as go

  /** One module with nested directories (the one pass creates each once). */
  private static FakeModule nested(String path, String version, int files) {
    FakeModule.Builder mb = FakeModule.builder(path, version)
        .goMod("module " + path + "\n\ngo 1.19\n");
    for (int i = 0; i < files; i++) {
      mb.file("a" + (i % 7) + "/b" + (i % 3) + "/c" + (i % 2) + "/f" + i + ".go",
          "package c" + (i % 2) + "\n\n// " + "x".repeat(i * 37 % 5000) + "\n");
    }
    mb.file("LICENSE", "license\n").file("top.go", "package m\n");
    return mb.build();
  }

  /**
   * Every path under a cache root with its type, mode and (for files) content, sorted; the
   * checksum database's state ({@code cache/download/sumdb}) is left out (go keeps tiles, the
   * client its own).
   */
  private static List<String> snapshot(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> w = Files.walk(root)) {
      for (Path p : (Iterable<Path>) w.sorted()::iterator) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.startsWith("cache/download/sumdb")) {
          continue;
        }
        String mode = PosixFilePermissions.toString(
            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(rel + " d" + mode);
        } else {
          out.add(rel + " -" + mode + " " + Files.size(p) + " "
              + Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))));
        }
      }
    }
    return out;
  }

  private static Path goBinary(String release) {
    Path go = release.equals("1.19") ? GO119 : GO127;
    assumeTrue(Files.isExecutable(go), "SKIPPED: " + go + " is not installed");
    return go;
  }

  private GoProxyClient client(FakeGoProxy proxy, Path cache, GoSum sum) {
    Map<String, String> vars = new HashMap<>(proxy.environment());
    vars.put("GOPATH", tmp.resolve("gopath").toString());
    GoProxyClient.Builder b = GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(cache);
    return sum == null ? b.build() : b.goSum(sum).build();
  }

  /**
   * go and the client fill two caches from one proxy: every file and directory has the same
   * bytes and the same mode (files 0444, directories 0555 after extraction, zip and ziphash
   * 0666 less the umask); again after the tree was removed (extracted from the cached zip, no
   * zip request) and after a crashed writer left a half tree behind {@code .partial}.
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.27"})
  void cacheHasGosBytesAndModes(String release) throws Exception {
    GoTool.assumeGo();
    Path go = goBinary(release);
    assumeTrue(System.getProperty("os.name").startsWith("Linux")
        || System.getProperty("os.name").startsWith("Mac"));
    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module(nested("example.com/nest", "v1.2.3", 60))
        .module(nested("example.com/Upper/x", "v0.0.0-20230102030405-abcdefabcdef", 5))
        .start()) {
      List<String> all = versions(proxy);
      Path goCache = tmp.resolve("gocache-mod");
      Path work = Files.createDirectories(tmp.resolve("work"));
      List<String> cmd = new ArrayList<>(List.of(go.toString(), "mod", "download"));
      cmd.addAll(all);
      GoTool.exec(work, goEnv(proxy, go, goCache), 120, null, cmd.toArray(String[]::new))
          .requireOk();
      List<String> want = snapshot(goCache);
      assertTrue(want.stream().anyMatch(l -> l.startsWith("example.com/nest@v1.2.3/a1/b1/c1 d")),
          String.join("\n", want));

      Path mine = tmp.resolve("client-mod");
      List<ModuleVersion> mvs = all.stream().map(ModuleVersion::parse).toList();
      try (GoProxyClient c = client(proxy, mine, null)) {
        c.downloadAll(mvs);
      }
      assertEquals(String.join("\n", want), String.join("\n", snapshot(mine)));

      // The tree lost: extracted again from the cached, verified zip.
      ModuleCache cache = ModuleCache.at(mine);
      ModuleVersion nest = ModuleVersion.parse("example.com/nest@v1.2.3");
      GoOs.removeAll(cache.extractedDir(nest));
      proxy.requests().clear();
      try (GoProxyClient c = client(proxy, mine, null)) {
        c.download(nest);
      }
      assertEquals(0, proxy.requests().count(Endpoint.ZIP));
      assertEquals(String.join("\n", want), String.join("\n", snapshot(mine)));

      // A writer died half-way (go's .partial protocol): the half tree is replaced.
      GoOs.removeAll(cache.extractedDir(nest));
      Files.createDirectories(cache.extractedDir(nest).resolve("a0"));
      Files.writeString(cache.extractedDir(nest).resolve("a0/junk.go"), "package junk\n");
      Files.writeString(cache.file(nest, "partial"), "");
      Path stale = Files.createDirectories(
          cache.extractedDir(nest).resolveSibling("nest@v1.2.3.tmp-12345/x"));
      assertFalse(cache.isExtracted(nest));
      try (GoProxyClient c = client(proxy, mine, null)) {
        c.download(nest);
      }
      assertFalse(Files.exists(stale.getParent()));
      assertEquals(String.join("\n", want), String.join("\n", snapshot(mine)));
    }
  }

  // ---------------------------------------------------------------- nothing unverified is seen

  /**
   * Runs {@code GOPROXY=off go mod verify} over {@code cache} again and again until {@code stop},
   * in a main module requiring {@code mv} (its go.mod pre-cached, go.sum from the checksum
   * database). go reads the cache without the lock, as any go command does: a half-extracted
   * tree that go takes for complete shows as "dir has been modified", a zip or tree without
   * ziphash as "missing ziphash". Returns every output that was not "all modules verified",
   * and the number of runs.
   */
  private CompletableFuture<List<String>> goWatching(Path go, FakeGoProxy proxy, Path cache,
      ModuleVersion mv, String goMod, AtomicBoolean stop, AtomicInteger runs) throws IOException {
    ModuleCache.at(cache).writeGoMod(mv, goMod.getBytes(StandardCharsets.UTF_8));
    Path main = Files.createDirectories(tmp.resolve("main-" + cache.getFileName()));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.19\n\nrequire "
        + mv.path() + " " + mv.version() + "\n");
    Files.writeString(main.resolve("go.sum"), proxy.sumdb().record(mv.path().toString(),
        mv.version().toString()).orElseThrow());
    Map<String, String> env = goEnv(proxy, go, cache);
    env.put("GOPROXY", "off");
    env.put("GOFLAGS", "-mod=mod");
    return CompletableFuture.supplyAsync(() -> {
      List<String> bad = new ArrayList<>();
      while (!stop.get()) {
        GoTool.Result r = GoTool.exec(main, env, 60, null, go.toString(), "mod", "verify");
        runs.incrementAndGet();
        if (!(r.ok() && r.stdout().equals("all modules verified\n"))) {
          bad.add(r.exitCode() + ": " + r.stdout() + r.stderr());
        }
      }
      return bad;
    }, WATCHERS);
  }

  /**
   * Polls {@code mv}'s tree in {@code cache} as fast as it can until {@code stop}: whenever the
   * directory exists with no {@code .partial} beside it (before and after looking), records how
   * many files it holds. A half tree shows as a smaller count.
   */
  private static CompletableFuture<java.util.Set<Long>> treeWatching(Path cache, ModuleVersion mv,
      AtomicBoolean stop) {
    Path dir = cache.resolve(mv.path() + "@" + mv.version());
    Path partial = cache.resolve("cache/download/" + mv.path() + "/@v/" + mv.version() + ".partial");
    return CompletableFuture.supplyAsync(() -> {
      java.util.Set<Long> seen = new java.util.TreeSet<>();
      while (!stop.get()) {
        if (!observeTree(dir, partial, seen)) {
          Thread.onSpinWait();
        }
      }
      // once more after the download: on a loaded machine this thread may not have run while the
      // tree was there, and a complete tree must then still be counted
      observeTree(dir, partial, seen);
      return seen;
    }, WATCHERS);
  }

  /** Counts the files of the tree in {@code dir} into {@code seen} when it is there; whether it was. */
  private static boolean observeTree(Path dir, Path partial, java.util.Set<Long> seen) {
    if (!Files.isDirectory(dir) || Files.exists(partial)) {
      return false;
    }
    long n;
    try (Stream<Path> w = Files.walk(dir)) {
      n = w.filter(Files::isRegularFile).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      n = -1; // vanished while walking
    }
    if (!Files.exists(partial)) {
      seen.add(n);
    }
    return true;
  }

  /** Threads of their own: the common pool may have a single thread on 2 cores. */
  private static final ExecutorService WATCHERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cache-watcher");
    t.setDaemon(true);
    return t;
  });

  private static final String BIG_GO_MOD = "module example.com/big\n\ngo 1.19\n";

  private static FakeGoProxy big;

  /** The newest installed go (go1.27 on CI); skipped without one, failed under requireGo. */
  private static Path newestGo() {
    GoTool.assumeGo();
    List<GoTool.Go> gos = GoTool.installed();
    assumeTrue(!gos.isEmpty(), "SKIPPED: no go release installed");
    return gos.get(gos.size() - 1).binary();
  }

  /** One proxy serving the big module, for the tests that watch the cache (built once). */
  private static synchronized FakeGoProxy bigModuleProxy() throws IOException {
    if (big == null) {
      big = newBigModuleProxy();
    }
    return big;
  }

  @AfterAll
  static synchronized void closeBigModuleProxy() {
    if (big != null) {
      big.close();
      big = null;
    }
  }

  private static FakeGoProxy newBigModuleProxy() throws IOException {
    FakeModule.Builder mb = FakeModule.builder("example.com/big", "v1.0.0").goMod(BIG_GO_MOD);
    for (int i = 0; i < 2000; i++) {
      mb.file("d" + (i % 40) + "/e" + (i % 9) + "/f" + i + ".go",
          "package e" + (i % 9) + "\n\n// " + "y".repeat(i % 700) + "\n");
    }
    return FakeGoProxy.builder().module(mb.build()).start();
  }

  /**
   * A zip whose hash does not match go.sum leaves nothing in the cache: no zip, no ziphash, no
   * tree, no temporary zip or tree, no {@code .partial}; while the client extracts and rejects
   * it again and again, a real go reading the same cache sees nothing downloaded at all.
   */
  @Test
  void zipNotMatchingGoSumLeavesNothingAndGoSeesNothing() throws Exception {
    Path go = newestGo();
    ModuleVersion mv = ModuleVersion.parse("example.com/big@v1.0.0");
    {
      FakeGoProxy proxy = bigModuleProxy();
      String record = proxy.sumdb().record("example.com/big", "v1.0.0").orElseThrow();
      String goModLine = record.split("\n")[1];
      GoSum wrong = GoSum.parse("example.com/big v1.0.0 h1:"
          + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" + goModLine + "\n");
      Path cache = tmp.resolve("modcache");
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger runs = new AtomicInteger();
      CompletableFuture<List<String>> watcher =
          goWatching(go, proxy, cache, mv, BIG_GO_MOD, stop, runs);
      CompletableFuture<java.util.Set<Long>> trees = treeWatching(cache, mv, stop);
      try (GoProxyClient c = client(proxy, cache, wrong)) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int attempts = 0;
        while (attempts < 2 || (runs.get() < 2 && System.nanoTime() < until)) {
          ChecksumMismatchException e =
              assertThrows(ChecksumMismatchException.class, () -> c.download(mv));
          assertTrue(e.getMessage().startsWith("verifying example.com/big@v1.0.0: checksum"
              + " mismatch\n\tdownloaded: " + record.split("\n")[0].split(" ")[2] + "\n"
              + "\tgo.sum:     h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\nSECURITY ERROR\n"),
              e.getMessage());
          attempts++;
        }
      } finally {
        stop.set(true);
      }
      assertEquals(List.of(), watcher.get(120, TimeUnit.SECONDS));
      assertTrue(runs.get() >= 2, "go ran " + runs.get() + " times");
      assertEquals(java.util.Set.of(), trees.get(10, TimeUnit.SECONDS), "trees seen");
      List<String> left = new ArrayList<>();
      try (Stream<Path> w = Files.walk(cache)) {
        w.map(p -> cache.relativize(p).toString().replace('\\', '/'))
            .filter(n -> !n.startsWith("cache/download/sumdb"))
            .forEach(left::add);
      }
      Collections.sort(left);
      assertEquals(List.of("", "cache", "cache/download", "cache/download/example.com",
          "cache/download/example.com/big", "cache/download/example.com/big/@v",
          "cache/download/example.com/big/@v/list", "cache/download/example.com/big/@v/v1.0.0.info",
          "cache/download/example.com/big/@v/v1.0.0.lock",
          "cache/download/example.com/big/@v/v1.0.0.mod", "example.com"), left);
    }
  }

  /**
   * While the client extracts a module of 2,000 files (one rename makes the tree appear), a
   * real go reading the same cache without the lock never takes a half tree for complete; round
   * after round on fresh caches.
   */
  @Test
  void goNeverSeesAHalfExtractedTree() throws Exception {
    Path go = newestGo();
    ModuleVersion mv = ModuleVersion.parse("example.com/big@v1.0.0");
    {
      FakeGoProxy proxy = bigModuleProxy();
      String record = proxy.sumdb().record("example.com/big", "v1.0.0").orElseThrow();
      int total = 0;
      for (int round = 0; round < 2; round++) {
        Path cache = tmp.resolve("modcache" + round);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<List<String>> watcher =
            goWatching(go, proxy, cache, mv, BIG_GO_MOD, stop, runs);
        CompletableFuture<java.util.Set<Long>> trees = treeWatching(cache, mv, stop);
        while (runs.get() == 0) {
          Thread.sleep(5); // go is watching before the download starts
        }
        try (GoProxyClient c = client(proxy, cache, GoSum.parse(record))) {
          c.download(mv);
          // go keeps watching the complete tree for a moment
          int after = runs.get();
          while (runs.get() < after + 1) {
            Thread.sleep(5);
          }
        } finally {
          stop.set(true);
        }
        assertEquals(List.of(), watcher.get(120, TimeUnit.SECONDS));
        assertEquals(java.util.Set.of(2001L), trees.get(10, TimeUnit.SECONDS), "trees seen");
        total += runs.get();
        assertEquals(record.split("\n")[0].split(" ")[2],
            ModuleHash.ofDir(ModuleCache.at(cache).extractedDir(mv), mv.toString()).toString());
      }
      assertTrue(total >= 4, "go ran " + total + " times");
    }
  }


  @Test
  void goAndClientsFillOneCacheAtTheSameTime() throws Exception {
    fillTogether(2, 6, 200, 20261205L);
  }

  @Tag("load")
  @Test
  void goAndClientsFillOneCacheAtTheSameTimeManyRounds() throws Exception {
    fillTogether(12, 20, 1500, System.nanoTime());
  }

  /** While a go process holds the version lock, a download waits, and then completes. */
  @Test
  void downloadWaitsWhileGoHoldsTheVersionLock() throws Exception {
    assumeTrue(GoFlock.flockPlatform());
    GoTool.assumeGo();
    try (FakeGoProxy proxy = proxy(1, 1)) {
      ModuleVersion mv = ModuleVersion.parse(versions(proxy).get(0));
      Path root = tmp.resolve("modcache");
      ModuleCache cache = ModuleCache.at(root);
      Path lockFile = cache.file(mv, "lock");
      Files.createDirectories(lockFile.getParent());
      Map<String, String> vars = new HashMap<>(proxy.environment());
      vars.put("GOPATH", tmp.resolve("gopath").toString());
      try (GoProxyClient c = GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(root).build();
          GoFlock.Holder go = GoFlock.hold(GoFlock.binary(), lockFile, null)) {
        DownloadedModule d = go.assertBlocksUntilReleased(() -> c.download(mv), () -> {
          assertFalse(Files.exists(cache.file(mv, "zip")));
          try (Stream<Path> s = Files.list(lockFile.getParent())) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList(),
                "no temporary zip before the lock is ours");
          }
        });
        assertEquals(cache.extractedDir(mv), d.dir());
        assertTrue(cache.isExtracted(mv));
      }
    }
  }
}
