package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

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

  /** {@return a fresh, empty module-cache directory inside the scratch directory} */
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

  /**
   * Deletes the scratch directory, deepest entries first. Probes fetch lists, infos and go.mod
   * files only, never extract a module, so nothing in it is read-only.
   */
  @Override
  public void close() throws IOException {
    try (Stream<Path> tree = Files.walk(scratch)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
