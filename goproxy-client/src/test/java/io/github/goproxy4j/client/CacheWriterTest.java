package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CacheWriter}'s write protocol under contention. Many downloaders on one module cache at once (threads of two client instances in this JVM,
 * and two more JVMs running this library): everyone succeeds and the cache holds only whole,
 * verified files (no temporary files, no partial trees, every zip matching its ziphash and its
 * extracted tree).
 */
class CacheWriterTest {
  private static final List<String> MODULES = List.of("example.com/c0@v1.0.0",
      "example.com/c1@v1.0.0", "example.com/c2@v1.0.0", "example.com/c3@v1.0.0");

  @TempDir Path tmp;

  @AfterEach
  void tearDown() throws IOException {
    ModuleCache.removeAll(tmp);
  }

  /** Child JVM entry: downloads the modules given after the proxy URL and the cache. */
  public static void main(String[] args) throws Exception {
    Map<String, String> vars = new HashMap<>();
    vars.put("GOPROXY", args[0]);
    vars.put("GOSUMDB", "off");
    vars.put("GOPATH", args[2]);
    List<ModuleVersion> mvs = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      mvs.add(ModuleVersion.parse(args[i]));
    }
    try (GoProxyClient c = GoProxyClient.builder().env(GoEnv.of(vars))
        .moduleCache(Path.of(args[1])).parallelism(4).build()) {
      c.downloadAll(mvs);
    }
  }

  @Test
  void manyDownloadersLeaveOnlyWholeVerifiedFiles() throws Exception {
    FakeGoProxy.Builder fake = FakeGoProxy.builder().noSumdb();
    for (String m : MODULES) {
      ModuleVersion mv = ModuleVersion.parse(m);
      FakeModule.Builder b = FakeModule.builder(mv.path().toString(), mv.version().toString());
      for (int i = 0; i < 200; i++) {
        b.file("p" + (i % 7) + "/f" + i + ".go", "package p\n// " + "x".repeat(i * 50) + "\n");
      }
      fake.module(b.build());
    }
    try (FakeGoProxy proxy = fake.start()) {
      Path cache = tmp.resolve("cache");
      List<ModuleVersion> mvs = MODULES.stream().map(ModuleVersion::parse).toList();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<Process> children = new ArrayList<>();
      for (int j = 0; j < 2; j++) {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
            CacheWriterTest.class.getName(), proxy.url().toString(), cache.toString(),
            tmp.resolve("gopath" + j).toString()));
        cmd.addAll(MODULES);
        children.add(new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child" + j + ".log").toFile()).start());
      }
      Map<String, String> vars = new HashMap<>();
      vars.put("GOPROXY", proxy.url().toString());
      vars.put("GOSUMDB", "off");
      vars.put("GOPATH", tmp.resolve("gopath").toString());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try (GoProxyClient a = GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(cache).build();
          GoProxyClient b = GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(cache).build()) {
        List<Future<DownloadedModule>> fs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          GoProxyClient c = i % 2 == 0 ? a : b;
          ModuleVersion mv = mvs.get(i % mvs.size());
          fs.add(pool.submit(() -> c.download(mv)));
        }
        for (Future<DownloadedModule> f : fs) {
          assertTrue(Files.isDirectory(f.get().dir()));
        }
      } finally {
        pool.shutdownNow();
      }
      for (int j = 0; j < children.size(); j++) {
        assertEquals(0, children.get(j).waitFor(), Files.readString(tmp.resolve("child" + j + ".log")));
      }
      ModuleCache mc = ModuleCache.at(cache);
      try (Stream<Path> s = Files.walk(cache)) {
        List<String> leftovers = s.map(Path::toString)
            .filter(p -> p.endsWith(".tmp") || p.endsWith(".partial") || p.contains(".tmp-")).toList();
        assertEquals(List.of(), leftovers);
      }
      for (ModuleVersion mv : mvs) {
        assertTrue(mc.isExtracted(mv), mv.toString());
        ModuleHash zip = ModuleHash.ofZip(mc.file(mv, "zip"));
        assertEquals(zip.toString(), Files.readString(mc.file(mv, "ziphash")));
        assertEquals(zip, ModuleHash.ofDir(mc.extractedDir(mv), mv.path() + "@" + mv.version()));
      }
    }
  }
}
