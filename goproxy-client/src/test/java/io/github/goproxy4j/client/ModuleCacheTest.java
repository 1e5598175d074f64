package io.github.goproxy4j.client;

import io.github.goproxy4j.internal.GoOs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
