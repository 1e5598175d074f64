package io.github.goproxy4j.examples.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.examples.Demo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Clients for measuring and comparing proxies, each with its own empty module cache (so nothing
 * is answered from disk) under one scratch directory that {@link #close()} deletes.
 */
final class Probes implements AutoCloseable {
  private final Path scratch;
  private int caches;

  Probes() throws IOException {
    scratch = Files.createTempDirectory("goproxy-probe");
  }

  /** @return a fresh, empty module-cache directory inside the scratch directory */
  synchronized Path newCache() {
    return scratch.resolve("cache-" + caches++);
  }

  /** A client with the environment's settings and an empty module cache. */
  GoProxyClient client(GoEnv env) {
    return GoProxyClient.builder().env(env).moduleCache(newCache()).build();
  }

  /**
   * A client that asks only {@code proxyUrl}, for every module (GONOPROXY=none), without
   * checksum verification (callers compare hashes with the database themselves).
   */
  GoProxyClient singleProxyClient(GoEnv env, String proxyUrl) {
    Map<String, String> vars = new HashMap<>(env.environment());
    vars.put("GOPROXY", proxyUrl);
    vars.put("GONOPROXY", "none");
    vars.put("GOPRIVATE", "");
    vars.put("GOSUMDB", "off");
    return client(GoEnv.builder().environment(vars).noUserEnvFile().goVersion(env.goVersion()).build());
  }

  static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  @Override
  public void close() throws IOException {
    Demo.deleteTree(scratch);
  }
}
