package io.github.goproxy4j.client;

import io.github.goproxy4j.internal.GoOs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ModuleCache's locking: go's flock on {@code <v>.lock}, shared with go and across paths. */
@SuppressWarnings("try")
class ModuleCacheTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();
  private static final ModuleVersion M = ModuleVersion.parse("example.com/m@v1.0.0");

  @TempDir Path tmp;

  @AfterEach
  void tearDown() throws IOException {
    GoOs.removeAll(tmp);
  }

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  /**
   * A module cache go cannot use (cmd/go's checkCacheDir): GOMODCACHE and GOPATH unset, GOMODCACHE
   * relative, a root that is a file or under one. {@code problem()} gives go's reason; the cache
   * reads nothing and writes nothing (no relative directory appears); a missing root is created on
   * first use, as go's MkdirAll does.
   */
  @Test
  void aCacheGoCannotUseHoldsNothing() throws Exception {
    ModuleCache unset = ModuleCache.fromEnv(io.github.goproxy4j.env.GoEnv.builder()
        .environment(java.util.Map.of()).noUserEnvFile().build());
    assertEquals(java.util.Optional.of("module cache not found: neither GOMODCACHE nor GOPATH is set"),
        unset.problem());
    assertEquals("module cache not found: neither GOMODCACHE nor GOPATH is set",
        assertThrows(IllegalStateException.class, unset::root).getMessage());
    String rel = "goproxy4j-relative-" + System.nanoTime();
    ModuleCache relative = ModuleCache.fromEnv(io.github.goproxy4j.env.GoEnv.builder()
        .environment(java.util.Map.of("GOMODCACHE", rel)).noUserEnvFile().build());
    assertEquals(java.util.Optional.of("GOMODCACHE entry is relative; must be absolute path: \"" + rel + "\".\n"),
        relative.problem());
    Path file = Files.writeString(tmp.resolve("a-file"), "");
    assertEquals(java.util.Optional.of("could not create module cache: \"" + file + "\" is not a directory"),
        ModuleCache.at(file).problem());
    assertEquals(java.util.Optional.of("could not create module cache: stat " + file.resolve("sub") + ": not a directory"),
        ModuleCache.at(file.resolve("sub")).problem());
    byte[] goMod = "module example.com/m\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (ModuleCache c : java.util.List.of(unset, relative, ModuleCache.at(file))) {
      assertTrue(c.readInfo(M).isEmpty(), c.toString());
      assertTrue(c.readGoMod(M).isEmpty(), c.toString());
      assertTrue(c.zip(M).isEmpty(), c.toString());
      assertTrue(!c.isExtracted(M), c.toString());
      assertEquals(java.util.List.of(), c.cachedVersions(M.path()), c.toString());
      assertTrue(c.writeInfo(M.path(), VersionInfo.of("v1.0.0", java.time.OffsetDateTime.parse("2023-01-02T03:04:05Z"), null)).isEmpty(), c.toString());
      assertEquals(c.problem().orElseThrow(), assertThrows(IOException.class, () -> c.writeGoMod(M, goMod)).getMessage());
    }
    assertTrue(!Files.exists(Path.of(rel)), "nothing written relative to the current directory");
    // go keeps the checksum database's tiles below a relative GOMODCACHE, relative to its current
    // directory: the environment's PWD (the CLI's, after -C), else the process's; likewise the
    // relative default a relative HOME gives
    assertEquals(Path.of("/w", rel, "cache/download/sumdb"), ModuleCache.fromEnv(io.github.goproxy4j.env.GoEnv.builder()
        .environment(java.util.Map.of("GOMODCACHE", rel, "PWD", "/w")).noUserEnvFile().build()).sumdbTileDir());
    assertEquals(Path.of(rel, "cache/download/sumdb"), relative.sumdbTileDir());
    ModuleCache home = ModuleCache.fromEnv(io.github.goproxy4j.env.GoEnv.builder()
        .environment(java.util.Map.of("HOME", "rel/home", "PWD", "/w")).noUserEnvFile().build());
    assertEquals(java.util.Optional.of("GOMODCACHE entry is relative; must be absolute path: \"rel/home/go/pkg/mod\".\n"),
        home.problem());
    assertEquals(Path.of("/w/rel/home/go/pkg/mod/cache/download/sumdb"), home.sumdbTileDir());
    assertEquals(0L, Files.size(file));
    Path missing = tmp.resolve("a/b/modcache");
    assertEquals(java.util.Optional.empty(), ModuleCache.at(missing).problem());
    assertTrue(Files.isDirectory(missing), "created as go's checkCacheDir creates it");
  }

  /** Missing, torn and non-UTF-8 cache files read as not cached; written ones read back. */
  @Test
  void readsOfMissingOrBrokenFilesAreEmpty() throws Exception {
    ModuleCache cache = ModuleCache.at(tmp.resolve("modcache"));
    assertTrue(cache.readInfo(M).isEmpty());
    assertTrue(cache.readGoMod(M).isEmpty());
    assertEquals(java.util.List.of(), cache.cachedVersions(M.path()));
    cache.writeGoMod(M, "module example.com/m\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    cache.writeGoMod(ModuleVersion.parse("example.com/m@v1.10.0"), "module example.com/m\n".getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("module example.com/m\n", new String(cache.readGoMod(M).orElseThrow(),
        java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(java.util.List.of("v1.0.0", "v1.10.0"), cache.cachedVersions(M.path()));
    Files.writeString(cache.file(M, "info"), "{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-02T03:04:05Z\"}");
    assertEquals("v1.0.0", cache.readInfo(M).orElseThrow().version());
    Files.writeString(cache.file(M, "info"), "{");
    assertTrue(cache.readInfo(M).isEmpty());
    Path list = cache.versionsDir(M.path()).resolve("list");
    Files.write(list, new byte[] {'v', '1', '.', '0', '.', '0', '\n', 0, 0, '\n'});
    assertEquals(java.util.List.of("v1.0.0"), cache.cachedVersions(M.path()));
    Files.write(list, new byte[] {'v', '1', '.', '0', '.', '0', '\n', (byte) 0xff, '\n'});
    assertEquals(java.util.List.of(), cache.cachedVersions(M.path()));
  }

  /** A go process holding the version lock makes the cache wait (the JDK's fcntl lock did not). */
  @Test
  void versionLockWaitsWhileGoHoldsIt() throws Exception {
    assumeTrue(GoFlock.flockPlatform());
    GoTool.assumeGo();
    ModuleCache cache = ModuleCache.at(tmp.resolve("modcache"));
    Path lockFile = cache.file(M, "lock");
    Files.createDirectories(lockFile.getParent());
    try (GoFlock.Holder go = GoFlock.hold(GoFlock.binary(), lockFile, null)) {
      go.assertBlocksUntilReleased(() -> {
        cache.lock(M).close();
        return null;
      });
    }
  }

  /** While the cache holds the version lock, go cannot take it. */
  @Test
  void goWaitsWhileTheCacheHoldsTheLock() throws Exception {
    assumeTrue(GoFlock.flockPlatform());
    GoTool.assumeGo();
    ModuleCache cache = ModuleCache.at(tmp.resolve("modcache"));
    try (ModuleCache.CacheLock held = cache.lock(M)) {
      assertEquals("busy", GoFlock.probe(GoFlock.binary(), cache.file(M, "lock")));
    }
    assertEquals("free", GoFlock.probe(GoFlock.binary(), cache.file(M, "lock")));
  }

  /**
   * Defect 6: the same cache reached through a symbolic link is one lock; it used to throw
   * OverlappingFileLockException.
   */
  @Test
  void sameCacheThroughASymlinkWaitsInsteadOfFailing() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    ModuleCache a = ModuleCache.at(real);
    ModuleCache b = ModuleCache.at(link);
    ModuleCache.CacheLock held = a.lock(M);
    Future<?> other = POOL.submit(() -> {
      b.lock(M).close();
      return null;
    });
    try {
      assertThrows(TimeoutException.class, () -> other.get(500, TimeUnit.MILLISECONDS));
    } finally {
      held.close();
    }
    other.get(10, TimeUnit.SECONDS);
    assertTrue(Files.exists(a.file(M, "lock")));
  }

  @Test
  void nullArgumentsAreNamedAndWriteNothing() throws IOException {
    ModuleCache cache = ModuleCache.at(tmp.resolve("nulls"));
    ModuleVersion mv = ModuleVersion.parse("example.com/m@v1.0.0");
    String[][] cases = {{"goMod"}, {"suffix"}, {"module"}, {"path"}, {"info"}};
    java.util.List<org.junit.jupiter.api.function.Executable> calls = java.util.List.of(
        () -> cache.writeGoMod(mv, null),
        () -> cache.file(mv, null),
        () -> cache.extractedDir(null),
        () -> cache.versionsDir(null),
        () -> cache.writeInfo(mv.path(), null));
    for (int i = 0; i < cases.length; i++) {
      NullPointerException e = assertThrows(NullPointerException.class, calls.get(i));
      assertEquals(cases[i][0], e.getMessage());
    }
    assertTrue(!Files.exists(tmp.resolve("nulls")) || Files.walk(tmp.resolve("nulls")).noneMatch(Files::isRegularFile),
        "a refused write left a file in the cache");
  }
  /** Cached {@code Time} texts some releases decode and others do not (java.time's 18 hours apart). */
  private static final String[] CACHED_TIMES = {
      "2023-01-02T03:04:05Z", "2023-01-02T03:04:.5Z", "2023-01-02T03:04:05+-1:00", "2023-01-02T03:04:05+01:-5",
      "2023-01-02T03:04:05+01:61", "2023-01-02T03:04:05-00:99", "2023-01-02T03:04:05\\u005a",
      "\\u0032023-01-02T03:04:05Z", "2023-01-02T3:04:05,5Z", "2023-01-02T03:04:05.1234567891Z",
      "2023-02-30T03:04:05Z", "2023-01-02T03:04:05+00:00", "2023-01-02T03:04:05-18:00", "2023-01-02T03:04:05+1:00",
      "2023-01-02T03:04:05+1:-1", "2023-01-02T03:04:05.Z", "2023-01-02T03:04:,Z"};

  /**
   * A cached {@code .info} is decoded as the client's release decodes it (go's readDiskStat: a
   * file json.Unmarshal rejects is not cached): go downloads example.com/tN@v1.0.0 from the
   * testkit's FakeGoProxy, each cached {@code .info} is then rewritten with one of {@link
   * #CACHED_TIMES}, and with GOPROXY=off {@code go list -m -json tN@v1.0.0} and {@code go mod
   * download -json tN@v1.0.0} are compared with {@link GoProxyClient#info} of that release: the
   * cached time go lists is the client's, and go's refusal ({@code module lookup disabled by
   * GOPROXY=off}) the client's message, byte for byte.
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.21", "1.22", "1.23", "1.26", "1.27"})
  void cachedInfoDecodedAsTheReleaseAsGo(String lang, @TempDir Path work) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(lang);
    FakeGoProxy.Builder pb = FakeGoProxy.builder().noSumdb();
    for (int i = 0; i < CACHED_TIMES.length; i++) {
      pb.module(FakeModule.builder("example.com/t" + i, "v1.0.0").build());
    }
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    Path gomodcache = work.resolve("gomodcache");
    Map<String, String> vars = new HashMap<>();
    vars.put("GOPATH", work.resolve("gopath").toString());
    vars.put("GOMODCACHE", gomodcache.toString());
    vars.put("GOFLAGS", "-modcacherw");
    Map<String, String> goEnv = new HashMap<>(go.hermeticEnv(work));
    Path dir = Files.createDirectories(work.resolve("out"));
    try (FakeGoProxy proxy = pb.start()) {
      vars.putAll(proxy.environment());
      vars.put("GOFLAGS", "-modcacherw");
      goEnv.putAll(vars);
      for (int i = 0; i < CACHED_TIMES.length; i++) {
        go.run(dir, goEnv, 60, "mod", "download", "example.com/t" + i + "@v1.0.0").requireOk();
      }
    }
    vars.put("GOPROXY", "off");
    goEnv.put("GOPROXY", "off");
    int cached = 0;
    List<String> differ = new ArrayList<>();
    try (GoProxyClient client = GoProxyClient.builder()
        .env(GoEnv.builder().environment(vars).noUserEnvFile().goVersion(go.release()).build()).build()) {
      for (int i = 0; i < CACHED_TIMES.length; i++) {
        String m = "example.com/t" + i + "@v1.0.0";
        Files.writeString(gomodcache.resolve("cache/download/example.com/t" + i + "/@v/v1.0.0.info"),
            "{\"Version\":\"v1.0.0\",\"Time\":\"" + CACHED_TIMES[i] + "\"}");
        GoTool.Result list = go.run(dir, goEnv, 60, "list", "-m", "-json", m);
        GoTool.Result download = go.run(dir, goEnv, 60, "mod", "download", "-json", m);
        String ours;
        try {
          ours = "OK " + GoJson.formatTime(client.info(ModuleVersion.parse(m)).offsetTime());
        } catch (GoProxyException e) {
          ours = "ERR " + e.getMessage();
        }
        String theirs;
        if (list.ok()) {
          cached++;
          theirs = "OK " + json.readTree(list.stdout()).get("Time").asText();
          assertTrue(download.ok(), download.toString());
        } else {
          theirs = "ERR " + list.stderr().replaceFirst("^go: ", "").replaceFirst("\n$", "");
          assertEquals(theirs.substring(4), json.readTree(download.stdout()).get("Error").asText(), m);
        }
        if (!theirs.equals(ours)) {
          differ.add(CACHED_TIMES[i] + ": go " + theirs + ", goproxy " + ours);
        }
      }
    }
    System.out.println("go" + go.release() + ": " + CACHED_TIMES.length + " cached .info files, " + cached + " decoded");
    assertEquals(List.of(), differ);
    assertTrue(cached > 2 && cached < CACHED_TIMES.length, cached + " decoded");
  }
}
