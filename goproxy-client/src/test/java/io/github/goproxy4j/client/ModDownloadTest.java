package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GoProxyClient#modDownload(Path)} against {@code go mod download} (no arguments) of go1.19
 * and go1.27 on seeded universes ({@link GoModuleUniverse}, main modules at go 1.16, 1.17 and
 * 1.19/1.21): each fills a fresh module cache from the tidy main module; the two caches must hold
 * the same files with the same bytes (info, mod, zip, ziphash, list, extracted trees), go.sum must
 * be left alone, and the real go must then build the main module offline from our cache
 * ({@code GOFLAGS=-mod=mod GOPROXY=off go build ./...}).
 */
class ModDownloadTest {
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void downloadsWhatGoDownloadsAndGoBuildsOfflineFromIt(String release, long seed, @TempDir Path tmp)
      throws Exception {
    Path go = GoModuleUniverse.goFor(release);
    GoModuleUniverse u = new GoModuleUniverse(new SplittableRandom(seed), release);
    try (FakeGoProxy proxy = u.proxyBuilder().start()) {
      Path main = u.writeMain(tmp.resolve("main"));
      GoTool.exec(main, GoModuleUniverse.goEnv(proxy, tmp, tmp.resolve("tidy-cache")), 300, null, go.toString(),
          "mod", "tidy").requireOk();
      String ctx = "go" + release + " seed=" + seed + " go.mod:\n" + Files.readString(main.resolve("go.mod"));
      byte[] goSum = Files.readAllBytes(main.resolve("go.sum"));
      Path theirs = tmp.resolve("go-cache");
      GoTool.exec(main, GoModuleUniverse.goEnv(proxy, tmp, theirs), 300, null, go.toString(), "mod", "download")
          .requireOk();
      Path ours = tmp.resolve("our-cache");
      try (GoProxyClient c = GoModuleUniverse.client(proxy, tmp, release, ours)) {
        c.modDownload(main);
      }
      assertEquals(Arrays.toString(goSum), Arrays.toString(Files.readAllBytes(main.resolve("go.sum"))),
          "go.sum is not written: " + ctx);
      Map<String, String> ourTree = tree(ours);
      assertTrue(ourTree.keySet().stream().anyMatch(f -> f.endsWith(".zip")), "a zip was downloaded: " + ourTree);
      assertEquals(tree(theirs), ourTree, ctx);
      Map<String, String> offline = GoModuleUniverse.goEnv(proxy, tmp, ours);
      offline.put("GOPROXY", "off");
      offline.put("GOFLAGS", "-mod=mod -modcacherw");
      GoTool.Result build = GoTool.exec(main, offline, 300, null, go.toString(), "build", "./...");
      assertEquals(0, build.exitCode(), ctx + build.stderr());
      assertFalse(build.stderr().contains("go: downloading"), build.stderr());
    }
  }

  /** Every file and directory under the cache with its content (a file's SHA-256 would do; text is clearer). */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.forEach(all::add);
    }
    for (Path p : all) {
      String rel = root.relativize(p).toString();
      if (Files.isDirectory(p)) {
        out.put(rel + "/", "");
      } else {
        byte[] b = Files.readAllBytes(p);
        out.put(rel, b.length + " " + Integer.toHexString(Arrays.hashCode(b)));
      }
    }
    return out;
  }
}
