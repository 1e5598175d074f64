package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GoProxyClient#modDownload(Path)} against {@code go mod download} (no arguments) of go1.19
 * and go1.27 on seeded universes ({@link GoModuleUniverse}, main modules at go 1.16, 1.17 and
 * 1.19/1.21): each fills a fresh module cache from the tidy main module; the two caches must hold
 * the same files with the same bytes (info, mod, zip, ziphash, list, extracted trees), the tidy
 * go.sum must be left as it is, and the real go must then build the main module offline from our cache
 * ({@code GOFLAGS=-mod=mod GOPROXY=off go build ./...}).
 */
class ModDownloadTest {
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void downloadsWhatGoDownloadsAndGoBuildsOfflineFromIt(String release, long seed, @TempDir Path tmp)
      throws Exception {
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      Path main = f.main;
      String ctx = f.context();
      byte[] goSum = Files.readAllBytes(main.resolve("go.sum"));
      String goMod = Files.readString(main.resolve("go.mod"));
      // the client runs on a copy taken before go runs: go rewrites a go.mod it finds untidy after
      // its own tidy (go1.27 seeds 15 and 21), under the module cache's side lock
      Path ourMain = tmp.resolve("our-main");
      copyTree(main, ourMain);
      Path theirs = tmp.resolve("go-cache");
      f.go(main, f.goEnv(theirs), "mod", "download").requireOk();
      Path ours = tmp.resolve("our-cache");
      try (GoProxyClient c = f.client(ours)) {
        c.modDownload(ourMain);
      }
      assertEquals(Files.readString(main.resolve("go.mod")), Files.readString(ourMain.resolve("go.mod")), ctx);
      assertEquals(Files.readString(main.resolve("go.sum")), Files.readString(ourMain.resolve("go.sum")), ctx);
      if (goMod.equals(Files.readString(main.resolve("go.mod")))) {
        assertEquals(Arrays.toString(goSum), Arrays.toString(Files.readAllBytes(ourMain.resolve("go.sum"))),
            "a tidy go.sum is left as it is: " + ctx);
      }
      Map<String, String> ourTree = tree(ours);
      assertTrue(ourTree.keySet().stream().anyMatch(n -> n.endsWith(".zip")), "a zip was downloaded: " + ourTree);
      assertEquals(tree(theirs), ourTree, ctx);
      Map<String, String> offline = f.goEnv(ours);
      offline.put("GOPROXY", "off");
      offline.put("GOFLAGS", "-mod=mod -modcacherw");
      GoTool.Result build = f.go(main, offline, "build", "./...");
      assertEquals(0, build.exitCode(), ctx + build.stderr());
      assertFalse(build.stderr().contains("go: downloading"), build.stderr());
    }
  }

  /**
   * {@code go mod download -json} when some modules fail (testkit faults added to the proxy after
   * go made the main module tidy): one zip answered
   * 404, one zip corrupted, one {@code .info} answered 404. go prints every module's object, the
   * failed ones with their {@code Error} and the files it got before the failure, and exits 1;
   * {@link GoProxyClient#modDownloadResult} must give the same objects byte for byte.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void failedModulesAreReportedAsGoReportsThem(String release, long seed, @TempDir Path tmp) throws Exception {
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      List<String> zipped = new ArrayList<>();
      for (String line : Files.readAllLines(f.main.resolve("go.sum"))) {
        String[] field = line.split(" ");
        if (!field[1].endsWith("/go.mod")) {
          zipped.add(field[0] + "@" + field[1]);
        }
      }
      List<String> faulted = new ArrayList<>();
      Fault[] faults = {Fault.status(404, "not found").on(Endpoint.ZIP), Fault.corruptBody().on(Endpoint.ZIP),
          Fault.status(404, "not found").on(Endpoint.INFO)};
      for (Fault fault : faults) {
        if (zipped.isEmpty()) {
          break;
        }
        String[] mv = zipped.remove(f.random.nextInt(zipped.size())).split("@");
        f.proxy.addFault(fault.forModule(mv[0], mv[1]));
        faulted.add(mv[0] + "@" + mv[1]);
      }
      String ctx = f.context() + " faults on " + faulted;
      Path theirs = tmp.resolve("go-cache");
      GoTool.Result goRun = f.go(f.main, f.goEnv(theirs), "mod", "download", "-json");
      Path ours = tmp.resolve("our-cache");
      ModDownloadResult result;
      try (GoProxyClient c = f.client(ours)) {
        result = c.modDownloadResult(f.main);
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
      String ctx = f.context(w);
      Path theirs = tmp.resolve("go-cache");
      Path ours = tmp.resolve("our-cache");
      GoTool.Result r = f.go(theirWs, f.goEnv(theirs), "mod", "download", "-json");
      System.out.println("workspace mod download go" + release + " seed=" + seed + " exit=" + r.exitCode()
          + " go.work.sum=" + Files.exists(theirWs.resolve("go.work.sum")));
      if (!r.ok() && r.stdout().isEmpty()) {
        f.assertFailsAsGo(r, ours, c -> c.modDownloadResult(ourWs), ctx);
        return;
      }
      try (GoProxyClient c = f.client(ours)) {
        ModDownloadResult result = c.modDownloadResult(ourWs);
        StringBuilder json = new StringBuilder();
        result.modules().forEach(m -> json.append(m.toJson(release)));
        assertEquals(r.stdout().replace(theirs.toString(), ours.toString()).replace(theirWs.toString(),
            ourWs.toString()), json.toString(), ctx);
        assertEquals(r.exitCode(), result.failed() ? 1 : 0, ctx);
      }
      GoUniverseFixture.assertSameGoWorkSum(theirWs, ourWs, ctx);
    }
  }

  /**
   * {@link GoProxyClient#modDownload(Path)} writes go.mod and go.sum as {@code go mod download}
   * does (its mod commands run as {@code -mod=mod}): on a main module whose go.mod lost its go
   * line, go adds the line and rewrites the requirements, then downloads; both copies' go.mod and
   * go.sum must end with go's bytes, the same as {@link GoProxyClient#modDownloadResult(Path)}
   * leaves them.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("io.github.goproxy4j.client.GoModuleUniverse#releasesAndSeeds")
  void goModWithoutGoLineIsRewrittenAsGoDoes(String release, long seed, @TempDir Path tmp) throws Exception {
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      String start = GoModWriterTest.withoutGoLine(Files.readString(f.main.resolve("go.mod")));
      Path theirs = tmp.resolve("theirs");
      Path ours = tmp.resolve("ours");
      Path result = tmp.resolve("result");
      for (Path d : List.of(theirs, ours, result)) {
        copyTree(f.main, d);
        Files.writeString(d.resolve("go.mod"), start);
      }
      f.go(theirs, f.goEnv(tmp.resolve("go-cache")), "mod", "download").requireOk();
      // following go's full release: the go line go1.21 and later add is it
      try (GoProxyClient c = GoModWriterTest.modModClient(f, tmp.resolve("our-cache"))) {
        c.modDownload(ours);
      }
      try (GoProxyClient c = GoModWriterTest.modModClient(f, tmp.resolve("result-cache"))) {
        c.modDownloadResult(result);
      }
      for (String file : List.of("go.mod", "go.sum")) {
        String want = Files.readString(theirs.resolve(file));
        assertEquals(want, Files.readString(ours.resolve(file)), "modDownload: " + file + " " + f.context());
        assertEquals(want, Files.readString(result.resolve(file)), "modDownloadResult: " + file + " " + f.context());
      }
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
