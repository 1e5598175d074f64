package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.Fault;
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

  /**
   * {@code go mod download -json} when some modules fail (testkit faults on a second proxy serving
   * the same universe, after go made the main module tidy through a clean one): one zip answered
   * 404, one zip corrupted, one {@code .info} answered 404. go prints every module's object, the
   * failed ones with their {@code Error} and the files it got before the failure, and exits 1;
   * {@link GoProxyClient#modDownloadResult} must give the same objects byte for byte.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void failedModulesAreReportedAsGoReportsThem(String release, long seed, @TempDir Path tmp) throws Exception {
    Path go = GoModuleUniverse.goFor(release);
    SplittableRandom r = new SplittableRandom(seed);
    GoModuleUniverse u = new GoModuleUniverse(r, release);
    Path main = u.writeMain(tmp.resolve("main"));
    try (FakeGoProxy clean = u.proxyBuilder().start()) {
      // its own GOPATH: the faulty proxy's checksum database has another key than the clean one's
      GoTool.exec(main, GoModuleUniverse.goEnv(clean, tmp.resolve("tidy"), tmp.resolve("tidy-cache")), 300, null,
          go.toString(), "mod", "tidy").requireOk();
    }
    List<String> zipped = new ArrayList<>();
    for (String line : Files.readAllLines(main.resolve("go.sum"))) {
      String[] f = line.split(" ");
      if (!f[1].endsWith("/go.mod")) {
        zipped.add(f[0] + "@" + f[1]);
      }
    }
    FakeGoProxy.Builder pb = u.proxyBuilder();
    List<String> faulted = new ArrayList<>();
    Fault[] faults = {Fault.status(404, "not found").on(Endpoint.ZIP), Fault.corruptBody().on(Endpoint.ZIP),
        Fault.status(404, "not found").on(Endpoint.INFO)};
    for (Fault f : faults) {
      if (zipped.isEmpty()) {
        break;
      }
      String[] mv = zipped.remove(r.nextInt(zipped.size())).split("@");
      pb.fault(f.forModule(mv[0], mv[1]));
      faulted.add(mv[0] + "@" + mv[1]);
    }
    String ctx = "go" + release + " seed=" + seed + " faults on " + faulted + " go.mod:\n"
        + Files.readString(main.resolve("go.mod"));
    try (FakeGoProxy proxy = pb.start()) {
      Path theirs = tmp.resolve("go-cache");
      GoTool.Result goRun = GoTool.exec(main, GoModuleUniverse.goEnv(proxy, tmp, theirs), 300, null, go.toString(),
          "mod", "download", "-json");
      Path ours = tmp.resolve("our-cache");
      ModDownloadResult result;
      try (GoProxyClient c = GoModuleUniverse.client(proxy, tmp, release, ours)) {
        result = c.modDownloadResult(main);
      }
      StringBuilder json = new StringBuilder();
      result.modules().forEach(m -> json.append(m.toJson(release)));
      assertEquals(goRun.stdout().replace(theirs.toString(), ours.toString()), json.toString(), ctx);
      assertEquals(goRun.exitCode(), result.failed() ? 1 : 0, ctx);
      assertFalse(result.noDependencies(), ctx);
    }
  }

  /**
   * {@code go mod download -json} in a workspace ({@link GoModuleUniverse#writeWorkspace}: go
   * downloads {@code all}): the same workspace is copied, go downloads in one copy and the client
   * in the other, each into a fresh module cache; the objects must be equal (paths renamed), and
   * so must go.work.sum (the checksums go had to verify beyond the modules' go.sum files), or
   * both must have none. A workspace go refuses to load fails with go's text.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void workspaceDownloadAndGoWorkSumAsGo(String release, long seed, @TempDir Path tmp) throws Exception {
    try (GoUniverseFixture f = GoUniverseFixture.start(release, seed, tmp)) {
      GoModuleUniverse.Workspace w = f.workspace();
      Path theirWs = w.dir();
      Path ourWs = tmp.resolve("ws-ours");
      copyTree(theirWs, ourWs);
      String ctx = "go" + release + " seed=" + seed + " " + w.description();
      Path theirs = tmp.resolve("go-cache");
      Path ours = tmp.resolve("our-cache");
      GoTool.Result r = f.go(theirWs, f.goEnv(theirs), "mod", "download", "-json");
      System.out.println("workspace mod download go" + release + " seed=" + seed + " exit=" + r.exitCode()
          + " go.work.sum=" + Files.exists(theirWs.resolve("go.work.sum")));
      try (GoProxyClient c = f.client(ours)) {
        if (!r.ok() && r.stdout().isEmpty()) {
          io.github.goproxy4j.mvs.ModuleGraphException e = org.junit.jupiter.api.Assertions.assertThrows(
              io.github.goproxy4j.mvs.ModuleGraphException.class, () -> c.modDownloadResult(ourWs), ctx);
          assertEquals(r.stderr().trim(), e.goText(), ctx);
          return;
        }
        ModDownloadResult result = c.modDownloadResult(ourWs);
        StringBuilder json = new StringBuilder();
        result.modules().forEach(m -> json.append(m.toJson(release)));
        assertEquals(r.stdout().replace(theirs.toString(), ours.toString()).replace(theirWs.toString(),
            ourWs.toString()), json.toString(), ctx);
        assertEquals(r.exitCode(), result.failed() ? 1 : 0, ctx);
      }
      Path theirSum = theirWs.resolve("go.work.sum");
      Path ourSum = ourWs.resolve("go.work.sum");
      assertEquals(Files.exists(theirSum) ? Files.readString(theirSum) : "(none)",
          Files.exists(ourSum) ? Files.readString(ourSum) : "(none)", ctx);
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(from)) {
      s.forEach(all::add);
    }
    for (Path p : all) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.copy(p, target);
      }
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
