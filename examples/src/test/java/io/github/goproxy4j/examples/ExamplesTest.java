package io.github.goproxy4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.client.DownloadedModule;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example against the testkit's fake proxy, so none of them can rot. */
class ExamplesTest {
  private static FakeGoProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    proxy = FakeGoProxy.builder()
        .module("example.com/lib", "v1.0.0", "v1.0.1", "v1.1.0", "v1.2.0")
        .module(FakeModule.builder("example.com/lib", "v1.3.0")
            .goMod("module example.com/lib\n\nretract v1.0.0 // leaks memory\nretract v1.3.0 // broken\n")
            .build())
        .module(FakeModule.builder("example.com/old", "v1.0.0")
            .goMod("// Deprecated: use example.com/lib instead.\nmodule example.com/old\n")
            .build())
        .start();
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static GoEnv env(Path work, String... extra) {
    Map<String, String> vars = new HashMap<>(proxy.environment());
    vars.put("GOPATH", work.resolve("gopath").toString());
    vars.put("GOMODCACHE", work.resolve("modcache").toString());
    vars.put("GOFLAGS", "-modcacherw");
    for (int i = 0; i < extra.length; i += 2) {
      vars.put(extra[i], extra[i + 1]);
    }
    return GoEnv.of(vars);
  }

  private static String capture(ThrowingConsumer<PrintStream> body) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      body.accept(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  interface ThrowingConsumer<T> {
    void accept(T t) throws Exception;
  }

  @Test
  void mainDemoShowsTheWholeProductAndRefusesTheTamperedModule(@TempDir Path work) throws Exception {
    String out = capture(o -> Main.run(o, work));
    assertTrue(out.contains("GOSUMDB="), out);
    assertTrue(out.contains("corp.example.com/secret"), out);
    assertTrue(out.contains("versions: v1.0.0 v1.1.0 v1.2.0"), out);
    assertTrue(out.contains("would pick v1.1.0"), out);
    assertTrue(out.contains("verified example.com/greetings/v2@v2.0.1 h1:"), out);
    assertTrue(out.contains("SECURITY ERROR"), out);
    assertTrue(out.contains("tampered zip left in the cache: no"), out);
    assertFalse(Files.exists(work.resolve("modcache/cache/download/example.com/tampered/@v/v1.0.0.zip")));
  }

  @Test
  void resolveForBuildToolSeparatesPrivateModules(@TempDir Path work) {
    String out = call(() -> capture(o -> ResolveForBuildTool.run(
        env(work, "GOPRIVATE", "*.corp.example"), List.of("example.com/lib", "git.corp.example/team/x"), o)));
    assertTrue(out.contains("example.com/lib: " + proxy.url().toString().replaceAll("/$", "")), out);
    assertTrue(out.contains("verify with " + FakeGoProxy.DEFAULT_SUMDB_NAME), out);
    assertTrue(out.contains("git.corp.example/team/x: direct; no checksum database; private"), out);
  }

  @Test
  void updateBotProposesUpgradeAndPatchAndReportsDeprecation(@TempDir Path work) throws Exception {
    String out = capture(o -> FetchMetadataForUpdateBot.run(env(work), "example.com/lib", "v1.0.0", o));
    assertEquals("example.com/lib v1.0.0: upgrade to v1.2.0 (2019-01-01T00:00:00Z), or patch to v1.0.1;"
        + " the current version is retracted: leaks memory", out.strip());
    String old = capture(o -> FetchMetadataForUpdateBot.run(env(work), "example.com/old", "v1.0.0", o));
    assertTrue(old.contains("up to date; module deprecated: use example.com/lib instead."), old);
  }

  @Test
  void verifyGoSumAcceptsHonestLinesAndFlagsAForgedOne(@TempDir Path work) throws Exception {
    GoEnv env = env(work);
    DownloadedModule m;
    try (GoProxyClient client = GoProxyClient.builder().env(env).build()) {
      m = client.download(ModuleVersion.of("example.com/lib", "v1.1.0"));
    }
    Path goSum = work.resolve("go.sum");
    Files.writeString(goSum, m.goSumLines());
    String ok = capture(o -> assertEquals(0, VerifyGoSum.run(env, goSum, o)));
    assertTrue(ok.contains("OK       example.com/lib v1.1.0"), ok);
    assertTrue(ok.contains("OK       example.com/lib v1.1.0/go.mod"), ok);

    String forged = m.goSumLines().replace(m.zipHash().toString(), "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    Files.writeString(goSum, forged);
    String bad = capture(o -> assertEquals(1, VerifyGoSum.run(env, goSum, o)));
    assertTrue(bad.contains("MISMATCH example.com/lib v1.1.0 "), bad);
  }

  @Test
  void cacheFilledFromJavaIsUsedByTheGoCommandOffline(@TempDir Path work) throws Exception {
    GoEnv env = env(work);
    DownloadedModule[] m = new DownloadedModule[1];
    String out = capture(o -> m[0] = ShareCacheWithGo.run(env, ModuleVersion.of("example.com/lib", "v1.2.0"), o));
    assertTrue(out.contains("cache/download/example.com/lib/@v/v1.2.0.zip"), out);
    GoTool.assumeGo();
    Map<String, String> goEnv = GoTool.hermeticEnv(work);
    goEnv.put("GOMODCACHE", work.resolve("modcache").toString());
    goEnv.put("GOPROXY", "off");
    goEnv.put("GOSUMDB", "off");
    GoTool.Result r = GoTool.run(work, goEnv, 120, "mod", "download", "-json", "example.com/lib@v1.2.0").requireOk();
    assertTrue(r.stdout().contains("\"Sum\": \"" + m[0].zipHash() + "\""), r.stdout());
    assertTrue(r.stdout().contains("\"Dir\": \"" + m[0].dir() + "\""), r.stdout());
  }

  private static <T> T call(java.util.concurrent.Callable<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
