package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.testing.GoTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GoProxyClient#modVerify(Path)} against {@code go mod verify} of go1.19 and go1.27 on a
 * module cache go filled ({@code go mod tidy}, {@code go mod download}) for seeded universes, then
 * tampered step by step: a file of an extracted tree changed, a zip replaced by another valid zip,
 * a zip truncated, a ziphash deleted, a zip deleted while its tree stays. After each step go's
 * standard error lines (or its "all modules verified") must equal ours.
 */
class ModVerifyTest {
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void reportsWhatGoReportsAfterEachTampering(String release, long seed, @TempDir Path tmp) throws Exception {
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      Path main = f.main;
      Path cache = tmp.resolve("cache");
      Map<String, String> env = f.goEnv(cache);
      f.go(main, env, "mod", "download").requireOk();
      List<Path> zips = new ArrayList<>();
      try (Stream<Path> s = Files.walk(cache.resolve("cache/download"))) {
        s.filter(p -> p.toString().endsWith(".zip")).sorted().forEach(zips::add);
      }
      String ctx = "go" + release + " seed=" + seed;
      assertEquals(List.of(), assertSame(f, main, env, cache, ctx + " untouched"));
      for (int i = 0; i < zips.size(); i++) {
        Path zip = zips.get(i);
        Path dir = extractedDir(cache, zip);
        switch (i % 5) {
          case 0:
            Files.writeString(dir.resolve("p.go"), "// changed\n", StandardOpenOption.APPEND);
            break;
          case 1:
            Files.copy(zips.get((i + 1) % zips.size()), zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            break;
          case 2:
            byte[] b = Files.readAllBytes(zip);
            Files.write(zip, java.util.Arrays.copyOf(b, b.length / 2));
            break;
          case 3:
            Files.delete(zip.resolveSibling(zip.getFileName() + "hash"));
            break;
          default:
            Files.delete(zip);
            Files.writeString(dir.resolve("p.go"), "// changed\n", StandardOpenOption.APPEND);
            break;
        }
        List<String> problems = assertSame(f, main, env, cache, ctx + " step " + i + " on " + zip);
        assertEquals(i + 1, problems.size(), "every tampered module is reported: " + problems);
      }
    }
  }

  /**
   * {@code go mod verify} in a workspace ({@link GoModuleUniverse#writeWorkspace}) after go
   * downloaded it, untouched and with one extracted tree changed; a workspace go refuses to load
   * fails with go's text.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void workspaceAsGo(String release, long seed, @TempDir Path tmp) throws Exception {
    try (GoUniverseFixture f = GoUniverseFixture.start(release, seed, tmp)) {
      GoModuleUniverse.Workspace w = f.workspace();
      Path cache = tmp.resolve("cache");
      Map<String, String> env = f.goEnv(cache);
      String ctx = f.context(w);
      GoTool.Result dl = f.go(w.dir(), env, "mod", "download");
      if (!dl.ok()) {
        GoTool.Result r = f.go(w.dir(), env, "mod", "verify");
        f.assertFailsAsGo(r, cache, c -> c.modVerify(w.dir()), ctx);
        return;
      }
      assertSame(f, w.dir(), env, cache, ctx + " untouched");
      List<Path> zips = new ArrayList<>();
      try (Stream<Path> s = Files.walk(cache.resolve("cache/download"))) {
        s.filter(p -> p.toString().endsWith(".zip")).sorted().forEach(zips::add);
      }
      Path dir = extractedDir(cache, zips.get(f.random.nextInt(zips.size())));
      Files.writeString(dir.resolve("p.go"), "// changed\n", StandardOpenOption.APPEND);
      assertSame(f, w.dir(), env, cache, ctx + " " + dir + " changed");
    }
  }

  /** {@code cache/download/<path>/@v/<v>.zip} to {@code <path>@<v>}. */
  private static Path extractedDir(Path cache, Path zip) {
    Path rel = cache.resolve("cache/download").relativize(zip);
    String v = zip.getFileName().toString().replaceFirst("\\.zip$", "");
    return cache.resolve(rel.getParent().getParent().toString() + "@" + v);
  }

  /** go mod verify and the client's in {@code dir} with {@code cache}: the same lines and status. */
  private static List<String> assertSame(GoUniverseFixture f, Path dir, Map<String, String> env, Path cache,
      String ctx) throws Exception {
    GoTool.Result r = f.go(dir, env, "mod", "verify");
    List<String> problems;
    try (GoProxyClient c = f.client(cache)) {
      problems = c.modVerify(dir);
    }
    StringBuilder err = new StringBuilder();
    problems.forEach(p -> err.append(p).append('\n'));
    assertEquals(r.stderr(), err.toString(), ctx);
    assertEquals(r.stdout(), problems.isEmpty() ? "all modules verified\n" : "", ctx);
    assertEquals(r.exitCode(), problems.isEmpty() ? 0 : 1, ctx);
    return problems;
  }
}
