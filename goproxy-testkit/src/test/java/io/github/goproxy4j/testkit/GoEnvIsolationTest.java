package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GoEnvIsolationTest {
  @Test
  void goEnvKeepsModuleCacheAndSumdbStateInAPrivateDirectoryDeletedOnClose() throws Exception {
    Path gopath;
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start()) {
      GoEnv env = proxy.goEnv();
      gopath = Path.of(env.get("GOPATH"));
      assertTrue(Files.isDirectory(gopath));
      assertEquals(gopath.resolve("pkg/mod"), env.modCacheDir());
      assertTrue(env.sumdbDir().startsWith(gopath), env.sumdbDir().toString());
      assertEquals(proxy.url().toString(), env.get("GOPROXY"));
      assertEquals(gopath, Path.of(proxy.goEnv().get("GOPATH")), "one private GOPATH per fake");
      Path readOnly = Files.createDirectories(env.modCacheDir().resolve("example.com/m@v1.0.0"));
      Files.writeString(readOnly.resolve("m.go"), "package m\n");
      readOnly.toFile().setWritable(false, false);
    }
    assertFalse(Files.exists(gopath), "close() deletes the private GOPATH, read-only trees included");
  }
}
