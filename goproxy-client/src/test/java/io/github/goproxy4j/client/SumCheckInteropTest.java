package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SumCheck}: verification against a checksum database (the testkit's fake, reached
 * through the proxy's {@code /sumdb/<name>/supported}), compared with the go command on the same
 * fake.
 */
class SumCheckInteropTest {
  private static final ModuleVersion A = ModuleVersion.parse("example.com/a@v1.0.0");

  @TempDir Path tmp;

  @AfterEach
  void tearDown() throws IOException {
    GoOs.removeAll(tmp);
  }

  private GoProxyClient client(FakeGoProxy fake, Path cache, Map<String, String> extra) {
    Map<String, String> vars = new HashMap<>(fake.environment());
    vars.put("GOPATH", tmp.resolve("gopath").toString());
    vars.putAll(extra);
    return GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(cache).build();
  }

  private JsonNode goDownload(FakeGoProxy fake, Path cache, String module) throws IOException {
    Map<String, String> env = GoTool.hermeticEnv(tmp);
    env.putAll(fake.environment());
    env.put("GOMODCACHE", cache.toString());
    env.put("GOFLAGS", "");
    env.put("GOPATH", tmp.resolve("gopath-go").toString());
    Path work = Files.createDirectories(tmp.resolve("work"));
    GoTool.Result r = GoTool.run(work, env, 120, "mod", "download", "-json", module);
    return new ObjectMapper().readTree(r.stdout());
  }

  @Test
  void verifiesThroughTheDatabaseAndMatchesGo() throws Exception {
    GoTool.assumeGo();
    Path goCache = tmp.resolve("go");
    DownloadedModule d;
    Map<String, String> fakeEnv;
    try (FakeGoProxy fake = FakeGoProxy.builder().module("example.com/a", "v1.0.0", "v1.1.0").start()) {
      fakeEnv = fake.environment();
      Path ours = tmp.resolve("ours");
      try (GoProxyClient c = client(fake, ours, Map.of())) {
        d = c.download(A);
      }
      assertTrue(fake.requests().paths().stream().anyMatch(p -> p.contains("/sumdb/")),
          fake.requests().paths().toString());
      JsonNode go = goDownload(fake, tmp.resolve("go"), A.toString());
      assertEquals(go.get("Sum").asText(), d.zipHash().toString());
      assertEquals(go.get("GoModSum").asText(), d.goModHash().toString());
      // The module files are byte-identical to go's, sumdb lookups cached in the same place.
      try (Stream<Path> s = Files.walk(goCache.resolve("cache/download/example.com"))) {
        for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".lock")).toList()) {
          Path mine = ours.resolve(goCache.relativize(p));
          assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(mine), p.toString());
        }
      }
      assertTrue(Files.exists(ours.resolve("cache/download/sumdb/" + fake.sumdb().name()
          + "/lookup/example.com/a@v1.0.0")));
    }
    // With the fake gone, go's cache and go's sumdb state verify offline.
    Map<String, String> vars = new HashMap<>(fakeEnv);
    vars.put("GOPATH", tmp.resolve("gopath-go").toString());
    try (GoProxyClient c = GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(goCache).build()) {
      assertEquals(d.zipHash(), c.download(A).zipHash());
    }
  }

  @Test
  void wrongHashInTheDatabaseIsASecurityErrorLikeGo() throws Exception {
    GoTool.assumeGo();
    try (FakeGoProxy fake = FakeGoProxy.builder().module("example.com/a", "v1.0.0")
        .sumdbWrongHash("example.com/a", "v1.0.0").start()) {
      Path ours = tmp.resolve("ours");
      ChecksumMismatchException e;
      try (GoProxyClient c = client(fake, ours, Map.of())) {
        e = assertThrows(ChecksumMismatchException.class, () -> c.download(A));
      }
      assertTrue(e.getMessage().contains("SECURITY ERROR"), e.getMessage());
      assertFalse(Files.exists(ours.resolve("example.com/a@v1.0.0")));
      try (Stream<Path> s = Files.walk(ours)) {
        assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".zip")
            || p.toString().endsWith(".ziphash") || p.toString().endsWith(".tmp")).toList());
      }
      JsonNode go = goDownload(fake, tmp.resolve("go"), A.toString());
      String goError = go.get("Error").asText();
      assertTrue(goError.endsWith(e.getMessage()) || e.getMessage().endsWith(goError)
          || goError.contains(e.getMessage().split("\n")[0].replaceFirst("^.*?: verifying", "verifying")),
          "go: " + goError + "\nours: " + e.getMessage());
    }
  }

  @Test
  void goNoSumDbSkipsTheDatabase() throws Exception {
    try (FakeGoProxy fake = FakeGoProxy.builder().module("example.com/a", "v1.0.0")
        .sumdbWrongHash("example.com/a", "v1.0.0").start();
        GoProxyClient c = client(fake, tmp.resolve("ours"), Map.of("GONOSUMDB", "example.com"))) {
      c.download(A);
      assertFalse(fake.requests().paths().stream().anyMatch(p -> p.contains("/sumdb/")));
    }
  }
}
