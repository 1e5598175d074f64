package io.github.goproxy4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.Fault;
import io.github.goproxy4j.testkit.junit5.GoProxyExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Use case: testing your own Go-module tooling with the testkit. The extension starts a fake
 * proxy with a checksum database for the class, resets it between tests and injects it.
 */
class TestkitInJUnitExampleTest {
  @RegisterExtension
  static final GoProxyExtension GOPROXY = GoProxyExtension.builder()
      .module("example.com/m", "v1.0.0", "v1.1.0")
      .build();

  @Test
  void listsVersionsThroughTheFake(FakeGoProxy proxy, @TempDir Path cache) throws Exception {
    try (GoProxyClient client = GoProxyClient.builder().env(proxy.goEnv()).moduleCache(cache).build()) {
      List<Version> versions = client.versions(ModulePath.parse("example.com/m"));
      assertEquals(List.of(Version.parse("v1.0.0"), Version.parse("v1.1.0")), versions);
    }
    proxy.requests().assertRequested("/example.com/m/@v/list");
  }

  @Test
  void aFailingProxyIsReportedWithGoMessage(FakeGoProxy proxy, @TempDir Path cache) {
    proxy.addFault(Fault.status(500, "database on fire").forModule("example.com/m"));
    try (GoProxyClient client = GoProxyClient.builder().env(proxy.goEnv()).moduleCache(cache).build()) {
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> client.versions(ModulePath.parse("example.com/m")));
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("500 Internal Server Error"), e.getMessage());
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("server response: database on fire"),
          e.getMessage());
    }
  }
}
