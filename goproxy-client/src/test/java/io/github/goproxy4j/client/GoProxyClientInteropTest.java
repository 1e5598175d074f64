package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same modules downloaded by the real go command and by this client from the same proxy
 * give byte-identical module caches and the same go.sum hashes, and each side reuses the other's
 * cache without network.
 */
class GoProxyClientInteropTest {
  private static final List<String> MODULES = List.of(
      "example.com/m@v1.0.0", "example.com/m@v1.1.0", "example.com/m/v2@v2.0.0",
      "example.com/Upper@v1.0.0-RC1", "example.com/nested@v0.1.0");

  @TempDir Path tmp;
  FakeGoProxy proxy;

  @BeforeEach
  void setUp() throws IOException {
    proxy = FakeGoProxy.builder().noSumdb()
        .module(FakeModule.builder("example.com/m", "v1.0.0")
            .time(Instant.parse("2023-01-02T03:04:05Z"))
            .file("a.go", "package m\n\nconst V = \"v1.0.0\"\n").build())
        .module(FakeModule.builder("example.com/m", "v1.1.0")
            .info("{\"Version\":\"v1.1.0\",\"Time\":\"2023-02-03T04:05:06.789+02:00\"}")
            .file("a.go", "package m\n").file("LICENSE", "MIT\n")
            .file("sub/b.go", "package sub\n").build())
        .module("example.com/m/v2", "v2.0.0")
        .module("example.com/Upper", "v1.0.0-RC1")
        .module(FakeModule.builder("example.com/nested", "v0.1.0")
            .time(Instant.parse("2021-01-01T00:00:00Z"))
            .goMod("module example.com/nested\n\ngo 1.19\n")
            .file("x/y/z.go", "package z\n").file("README.md", "# hi\n").build())
        .start();
  }

  @AfterEach
  void tearDown() throws IOException {
    proxy.close();
    ModuleCache.removeAll(tmp);
  }

  private Map<String, String> goEnv(Path cache, String goproxy) {
    Map<String, String> env = GoTool.hermeticEnv(tmp);
    env.put("GOPROXY", goproxy);
    env.put("GOMODCACHE", cache.toString());
    env.put("GOFLAGS", "");
    return env;
  }

  private GoProxyClient client(Path cache, String goproxy) {
    Map<String, String> vars = new HashMap<>();
    vars.put("GOPROXY", goproxy);
    vars.put("GOSUMDB", "off");
    vars.put("GOPATH", tmp.resolve("gopath").toString());
    return GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(cache).build();
  }

  private List<JsonNode> goDownload(Path cache, String goproxy) throws IOException {
    Path work = Files.createDirectories(tmp.resolve("work"));
    List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
    args.addAll(MODULES);
    GoTool.Result r = GoTool.run(work, goEnv(cache, goproxy), 120, args.toArray(String[]::new));
    assertTrue(r.ok(), r.stderr() + r.stdout());
    List<JsonNode> out = new ArrayList<>();
    ObjectMapper om = new ObjectMapper();
    try (var p = om.createParser(r.stdout())) {
      var it = om.readValues(p, JsonNode.class);
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String rel = root.relativize(p).toString();
        if (rel.isEmpty() || rel.equals("cache/lock") || rel.endsWith(".lock")) {
          continue; // lock files: go creates cache/lock too; both create <v>.lock
        }
        String kind = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir " : "file ";
        String perm = p.startsWith(root.resolve("cache")) || rel.indexOf('@') < 0
            ? "" : PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        out.put(rel, kind + perm);
      }
    }
    return out;
  }

  @Test
  void sameCacheBytesAndSumsAndMutualReuse() throws Exception {
    GoTool.assumeGo();
    Path goCache = tmp.resolve("go-cache");
    Path ourCache = tmp.resolve("our-cache");
    List<JsonNode> goResults = goDownload(goCache, proxy.url().toString());
    List<DownloadedModule> ours;
    try (GoProxyClient c = client(ourCache, proxy.url().toString())) {
      ours = c.downloadAll(MODULES.stream().map(ModuleVersion::parse).toList());
    }
    // go.sum hashes: go's Sum/GoModSum equal ours.
    assertEquals(MODULES.size(), goResults.size());
    for (int i = 0; i < MODULES.size(); i++) {
      JsonNode g = goResults.get(i);
      DownloadedModule d = ours.get(i);
      assertEquals(g.get("Path").asText() + "@" + g.get("Version").asText(), d.module().toString());
      assertEquals(g.get("Sum").asText(), d.zipHash().toString());
      assertEquals(g.get("GoModSum").asText(), d.goModHash().toString());
      assertEquals(Path.of(g.get("Dir").asText()), goCache.resolve(ourCache.relativize(d.dir())));
    }
    // The same files, byte for byte, with the same read-only modes in extracted trees.
    Map<String, String> goTree = tree(goCache);
    Map<String, String> ourTree = tree(ourCache);
    goTree.keySet().removeIf(k -> k.startsWith("cache/download/sumdb"));
    assertEquals(goTree, ourTree);
    for (String rel : goTree.keySet()) {
      Path a = goCache.resolve(rel);
      if (Files.isRegularFile(a)) {
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(ourCache.resolve(rel)), rel);
      }
    }
    proxy.close();
    // go reuses our cache with GOPROXY=off, and we reuse go's with the proxy gone.
    List<JsonNode> fromOurs = goDownload(ourCache, "off");
    assertEquals(MODULES.size(), fromOurs.size());
    for (JsonNode n : fromOurs) {
      assertTrue(n.get("Error") == null, n.toString());
    }
    try (GoProxyClient c = client(goCache, "off")) {
      List<DownloadedModule> fromGo = c.downloadAll(MODULES.stream().map(ModuleVersion::parse).toList());
      for (int i = 0; i < MODULES.size(); i++) {
        assertEquals(ours.get(i).zipHash(), fromGo.get(i).zipHash());
      }
    }
  }

  /**
   * A module cache's {@code cache/download} serves as a {@code file://} proxy, a proxy URL may
   * end in a slash, and a missing file reads as go reports it.
   */
  @Test
  void aCacheServesAsFileProxyAndMissingFilesReadLikeGo() throws Exception {
    ModuleVersion m = ModuleVersion.parse("example.com/m@v1.0.0");
    DownloadedModule first;
    try (GoProxyClient c = client(tmp.resolve("a"), proxy.url() + "/")) {
      first = c.download(m);
    }
    assertEquals(List.of("/example.com/m/@v/v1.0.0.info", "/example.com/m/@v/v1.0.0.mod",
        "/example.com/m/@v/v1.0.0.zip"), proxy.requests().paths());
    String fileProxy = tmp.resolve("a/cache/download").toUri().toString();
    try (GoProxyClient c = client(tmp.resolve("b"), fileProxy)) {
      assertEquals(first.zipHash(), c.download(m).zipHash());
      ModuleNotFoundException e = assertThrows(ModuleNotFoundException.class,
          () -> c.info(ModuleVersion.parse("example.com/m@v1.9.0")));
      GoTool.assumeGo();
      Path work = Files.createDirectories(tmp.resolve("work"));
      GoTool.Result r = GoTool.run(work, goEnv(tmp.resolve("go"), fileProxy), 60, "mod",
          "download", "-json", "example.com/m@v1.9.0");
      assertEquals(new ObjectMapper().readTree(r.stdout()).get("Error").asText(), e.getMessage());
    }
  }
}
