package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.toolchain.GoToolchain;
import io.github.goproxy4j.toolchain.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Toolchains through the proxy (GoProxyClient.installToolchain, ToolchainInstaller) against the
 * real go1.27: go switches to a fake toolchain served by the testkit; go runs the toolchain we
 * installed offline from the shared cache; our unpacked tree and its modes equal go's; a tampered
 * toolchain is refused by both even with GONOSUMDB matching it.
 */
class ToolchainInstallerTest {
  private static final String NAME = "go1.99.1";

  @TempDir
  Path work;

  private FakeGoProxy proxy;

  @AfterEach
  void close() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    makeWritable(work);
  }

  /** The module cache is read-only, as go leaves it; @TempDir must be able to delete it. */
  private static void makeWritable(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isDirectory).forEach(d -> d.toFile().setWritable(true, true));
    }
  }

  private FakeGoProxy start(FakeGoProxy.Builder b) throws IOException {
    proxy = b.start();
    return proxy;
  }

  private static Platform host() {
    return Platform.current();
  }

  /** go's environment: the fake proxy and its sumdb, GOTOOLCHAIN as given, no -modcacherw. */
  private Map<String, String> goEnv(GoTool.Go go, Path gopath, String gotoolchain) {
    Map<String, String> env = go.hermeticEnv(work);
    env.put("GOPATH", gopath.toString());
    env.remove("GOMODCACHE");
    env.put("GOFLAGS", "");
    env.put("GOPROXY", proxy.url().toString());
    env.put("GOSUMDB", proxy.sumdbKey());
    env.put("GOTOOLCHAIN", gotoolchain);
    return env;
  }

  private GoProxyClient client(Map<String, String> env, String goVersion) {
    return GoProxyClient.builder()
        .env(GoEnv.builder().environment(env).noUserEnvFile().goVersion(goVersion).build())
        .build();
  }

  private Path dirFor(Path gopath) {
    GoToolchain t = GoToolchain.of(NAME, host());
    return gopath.resolve("pkg/mod/golang.org/toolchain@" + t.moduleVersion().version());
  }

  @Test
  void goSwitchesToAToolchainServedByTheTestkit() throws IOException {
    GoTool.Go go = GoTool.assumeRelease("1.27");
    start(FakeGoProxy.builder().module(FakeModule.toolchain(NAME, host().goos(), host().goarch())));
    Path gopath = work.resolve("gopath-go");
    GoTool.Result r = go.run(work, goEnv(go, gopath, NAME), 120, "version").requireOk();
    assertEquals("go version " + NAME + " " + host() + "\n", r.stdout());
    assertTrue(r.stderr().contains("go: downloading " + NAME + " (" + host() + ")"), r.stderr());
  }

  @Test
  void goRunsOurInstallOfflineAndTreesAndModesEqualGos() throws Exception {
    GoTool.Go go = GoTool.assumeRelease("1.27");
    start(FakeGoProxy.builder().module(FakeModule.toolchain(NAME, host().goos(), host().goarch())));

    // Ours, into a GOPATH that go then uses with GOPROXY=off.
    Path ours = work.resolve("gopath-ours");
    Map<String, String> env = goEnv(go, ours, NAME);
    Path goRoot;
    try (GoProxyClient c = client(env, go.release())) {
      goRoot = c.installToolchain(GoToolchain.of(NAME, host()));
    }
    assertEquals(dirFor(ours), goRoot);
    Map<String, String> offline = goEnv(go, ours, NAME);
    offline.put("GOPROXY", "off");
    GoTool.Result r = go.run(work, offline, 120, "env", "GOROOT").requireOk();
    assertEquals(NAME + " (fake toolchain): env GOROOT\nGOROOT=" + goRoot.toRealPath() + "\n", r.stdout());
    assertFalse(r.stderr().contains("downloading"), r.stderr());

    // go's own unpacking, into another GOPATH.
    Path theirs = work.resolve("gopath-go");
    go.run(work, goEnv(go, theirs, NAME), 120, "version").requireOk();
    assertEquals(tree(dirFor(theirs)), tree(goRoot));
    // the download cache as go's: modfetch.Download fetches the zip alone (no .info, no .mod)
    Path downloads = Path.of("pkg", "mod", "cache", "download", "golang.org", "toolchain", "@v");
    assertEquals(tree(theirs.resolve(downloads)), tree(ours.resolve(downloads)));
    assertEquals("r-xr-xr-x", mode(goRoot.resolve("bin/go")));
    assertEquals("r-xr-xr-x", mode(goRoot.resolve("lib/wasm/go_js_wasm_exec")));
    assertEquals("r--r--r--", mode(goRoot.resolve("lib/time/README")));
    assertEquals("r--r--r--", mode(goRoot.resolve("src/go.mod")));
  }

  @Test
  void tamperedToolchainIsRefusedByGoAndByUsEvenUnderGonosumdb() throws Exception {
    GoTool.Go go = GoTool.assumeRelease("1.27");
    GoToolchain t = GoToolchain.of(NAME, host());
    start(FakeGoProxy.builder().module(FakeModule.toolchain(NAME, host().goos(), host().goarch()))
        .sumdbWrongHash(GoToolchain.MODULE_PATH, t.moduleVersion().version().toString()));

    Path theirs = work.resolve("gopath-go");
    Map<String, String> goEnv = goEnv(go, theirs, NAME);
    goEnv.put("GONOSUMDB", "golang.org/toolchain");
    goEnv.put("GOPRIVATE", "golang.org");
    goEnv.put("GONOPROXY", "none.invalid");
    GoTool.Result r = go.run(work, goEnv, 120, "version");
    assertFalse(r.ok());
    assertTrue(r.stderr().contains("SECURITY ERROR"), r.stderr());
    assertFalse(Files.exists(dirFor(theirs)));

    Path ours = work.resolve("gopath-ours");
    Map<String, String> env = goEnv(go, ours, NAME);
    env.put("GONOSUMDB", "golang.org/toolchain");
    env.put("GOPRIVATE", "golang.org");
    env.put("GONOPROXY", "none.invalid");
    try (GoProxyClient c = client(env, go.release())) {
      ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> c.installToolchain(t));
      assertTrue(e.getMessage().contains("SECURITY ERROR"), e.getMessage());
      String goLine = r.stderr().lines().filter(l -> l.contains("checksum mismatch")).findFirst().orElse("");
      assertTrue(goLine.endsWith(e.getMessage().lines().filter(l -> l.contains("checksum mismatch"))
          .findFirst().orElse("?")), goLine + " vs " + e.getMessage());
    }
    assertFalse(Files.exists(dirFor(ours)));
  }

  @Test
  void gosumdbOffRefusesToolchainsAsGoDoes() throws Exception {
    GoTool.Go go = GoTool.assumeRelease("1.27");
    start(FakeGoProxy.builder().module(FakeModule.toolchain(NAME, host().goos(), host().goarch())));
    Path theirs = work.resolve("gopath-go");
    Map<String, String> goEnv = goEnv(go, theirs, NAME);
    goEnv.put("GOSUMDB", "off");
    GoTool.Result r = go.run(work, goEnv, 120, "version");
    assertFalse(r.ok());
    // go's checkSumDB words dbDial's refusal as the module's (module.VersionError)
    String want = GoToolchain.of(NAME, host()).moduleVersion() + ": verifying module: checksum database disabled by"
        + " GOSUMDB=off";
    assertTrue(r.stderr().contains("go: download " + NAME + ": " + want + "\n"), r.stderr());
    assertFalse(Files.exists(dirFor(theirs)));

    Path ours = work.resolve("gopath-ours");
    Map<String, String> env = goEnv(go, ours, NAME);
    env.put("GOSUMDB", "off");
    try (GoProxyClient c = client(env, "1.27")) {
      GoEnvException e = assertThrows(GoEnvException.class,
          () -> c.installToolchain(GoToolchain.of(NAME, host())));
      assertEquals(want, e.getMessage());
    }
    assertFalse(Files.exists(dirFor(ours)));
  }

  @Test
  void missingToolchainsAreReportedAsGoDoes() throws Exception {
    start(FakeGoProxy.builder().module(FakeModule.toolchain(NAME, host().goos(), host().goarch())));
    Map<String, String> env = Map.of("HOME", work.toString(), "GOPATH", work.resolve("gp").toString(),
        "GOPROXY", proxy.url().toString(), "GOSUMDB", proxy.sumdbKey());
    try (GoProxyClient c = client(env, "1.27")) {
      assertEquals("download go1.98.7 for " + host() + ": toolchain not available",
          assertThrows(ToolchainNotAvailableException.class,
              () -> c.installToolchain(GoToolchain.of("go1.98.7", host()))).getMessage());
      assertEquals("invalid toolchain: go1.22 is a language version but not a toolchain version (go1.22.x)",
          assertThrows(ToolchainNotAvailableException.class,
              () -> c.installToolchain(GoToolchain.of("go1.22", host()))).getMessage());
      assertEquals(List.of(GoToolchain.of(NAME, host())), c.toolchains(host()));
      assertEquals(List.of(), c.toolchains(new Platform("plan9", "arm")));
    }
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = root.relativize(p).toString();
        String kind = Files.isDirectory(p) ? "d" : "f" + Files.size(p);
        out.put(rel, kind + " " + mode(p));
      }
    }
    return out;
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
