package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    ModuleCache.removeAll(tmp);
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
    String os = System.getProperty("os.name");
    assumeTrue(os.startsWith("Linux") || os.startsWith("Mac"));
    GoTool.assumeGo();
    ExecutorService pool = Executors.newSingleThreadExecutor();
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
        go.awaitLocked();
        Future<DownloadedModule> d = pool.submit(() -> c.download(mv));
        assertThrows(TimeoutException.class, () -> d.get(700, TimeUnit.MILLISECONDS));
        assertFalse(Files.exists(cache.file(mv, "zip")));
        try (Stream<Path> s = Files.list(lockFile.getParent())) {
          assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList(),
              "no temporary zip before the lock is ours");
        }
        go.release();
        assertEquals(cache.extractedDir(mv), d.get(30, TimeUnit.SECONDS).dir());
        assertTrue(cache.isExtracted(mv));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
