package io.github.goproxy4j.examples.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Clients aimed at exactly one proxy, for measuring and comparing proxies. */
final class Probes {
  private Probes() {}

  /**
   * A client that asks only {@code proxyUrl}, for every module (GONOPROXY=none), with its own
   * empty module cache so nothing is answered from disk.
   */
  static GoProxyClient singleProxyClient(GoEnv env, String proxyUrl, Optional<String> gosumdb) {
    Map<String, String> vars = new HashMap<>(env.environment());
    vars.put("GOPROXY", proxyUrl);
    vars.put("GONOPROXY", "none");
    vars.put("GOPRIVATE", "");
    vars.put("GOSUMDB", gosumdb.orElse("off"));
    return GoProxyClient.builder()
        .env(GoEnv.builder().environment(vars).noUserEnvFile().goVersion(env.goVersion()).build())
        .moduleCache(tempCache())
        .build();
  }

  static Path tempCache() {
    try {
      Path dir = Files.createTempDirectory("goproxy-probe");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
