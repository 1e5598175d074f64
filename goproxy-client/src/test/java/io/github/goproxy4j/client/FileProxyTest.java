package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code file://} proxies (a module cache's {@code cache/download} serves as a proxy) and
 * proxy URLs with a trailing slash, compared with the go command.
 */
class FileProxyTest {
  private static final ModuleVersion M = ModuleVersion.parse("example.com/m@v1.0.0");

  @TempDir Path tmp;

  @AfterEach
  void tearDown() throws IOException {
    GoOs.removeAll(tmp);
  }

  private GoProxyClient client(String goproxy, Path cache) {
    Map<String, String> vars = new HashMap<>();
    vars.put("GOPROXY", goproxy);
    vars.put("GOSUMDB", "off");
    vars.put("GOPATH", tmp.resolve("gopath").toString());
    return GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(cache).build();
  }

  @Test
  void aCacheServesAsFileProxyAndMissingFilesReadLikeGo() throws Exception {
    DownloadedModule first;
    try (TestProxy proxy = new TestProxy().module("example.com/m", "v1.0.0")) {
      try (GoProxyClient c = client(proxy.url() + "/", tmp.resolve("a"))) {
        first = c.download(M);
      }
      assertEquals(List.of("/example.com/m/@v/v1.0.0.info", "/example.com/m/@v/v1.0.0.mod",
          "/example.com/m/@v/v1.0.0.zip"), proxy.requests);
    }
    String fileProxy = tmp.resolve("a/cache/download").toUri().toString();
    try (GoProxyClient c = client(fileProxy, tmp.resolve("b"))) {
      assertEquals(first.zipHash(), c.download(M).zipHash());
      ModuleNotFoundException e = assertThrows(ModuleNotFoundException.class,
          () -> c.info(ModuleVersion.parse("example.com/m@v1.9.0")));
      GoTool.assumeGo();
      Map<String, String> env = GoTool.hermeticEnv(tmp);
      env.put("GOPROXY", fileProxy);
      env.put("GOMODCACHE", tmp.resolve("go").toString());
      Path work = Files.createDirectories(tmp.resolve("work"));
      GoTool.Result r = GoTool.run(work, env, 60, "mod", "download", "-json", "example.com/m@v1.9.0");
      assertEquals(new ObjectMapper().readTree(r.stdout()).get("Error").asText(), e.getMessage());
    }
  }
}
