package io.github.goproxy4j.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.ChecksumDb;
import io.github.goproxy4j.env.FallbackMode;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.note.Note;
import io.github.goproxy4j.sumdb.tlog.TreeHead;
import io.github.goproxy4j.testing.GoTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with Go: our client verifies against a checksum database served by x/mod's own
 * {@code sumdb.Server} (the Go program {@code src/test/go/sumdbserver}), and the go command
 * accepts the state our client leaves (and we accept go's). Skipped when Go or x/mod is absent.
 */
class ChecksumDatabaseInteropTest {
  static final String NAME = "localhost.localdev/sumdb";
  @TempDir Path tmp;

  @BeforeEach
  void needGo() {
    GoTool.assumeXMod();
  }

  static String hash(int i, String salt) {
    byte[] d = new byte[32];
    for (int k = 0; k < 32; k++) {
      d[k] = (byte) (i * 31 + k * 7 + salt.hashCode());
    }
    return "h1:" + java.util.Base64.getEncoder().encodeToString(d);
  }

  static String path(int i) {
    return "example.com/Mod" + i; // upper case: escaped as !mod in URLs and cache files
  }

  ChecksumDatabase client(ChecksumDb db, List<ProxyEntry> proxies, SumdbTestTransport t) {
    return ChecksumDatabase.builder().checksumDb(db).proxies(proxies).transport(t)
        .stateDir(tmp.resolve("gopath/pkg/sumdb")).cacheDir(tmp.resolve("modcache/cache/download/sumdb"))
        .build();
  }

  @Test
  void verifiesThousandModulesAgainstXModServerWithOneRequestPerLookupAndTile() throws Exception {
    StringBuilder records = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      records.append(SumdbGoServer.block(path(i), "v1.0.0", hash(i, "zip"), hash(i, "mod")));
    }
    try (SumdbGoServer server = SumdbGoServer.start(tmp.resolve("srv"), null, null, records.toString())) {
      SumdbTestTransport transport = new SumdbTestTransport();
      ChecksumDb db = ChecksumDb.parse(server.vkey() + " " + server.url());
      long t0 = System.nanoTime();
      try (ChecksumDatabase c = client(db, List.of(), transport)) {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          int first = t;
          fs.add(pool.submit(() -> {
            for (int i = first; i < 1000; i += 16) {
              ModuleVersion mv = ModuleVersion.of(path(i), "v1.0.0");
              c.verifyGoMod(mv, ModuleHash.parse(hash(i, "mod")));
              c.verifyZip(mv, ModuleHash.parse(hash(i, "zip")));
              SumdbLookup l = c.lookup(mv);
              assertEquals(i, l.recordId());
            }
            return null;
          }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
        pool.shutdown();
        assertThrows(ChecksumMismatchException.class,
            () -> c.verifyZip(ModuleVersion.of(path(5), "v1.0.0"), ModuleHash.parse(hash(6, "zip"))));
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      Map<String, Integer> counts = transport.counts();
      long tiles = counts.keySet().stream().filter(p -> p.startsWith("/tile/")).count();
      assertTrue(counts.values().stream().allMatch(n -> n == 1), counts.toString());
      assertEquals(1000, transport.lookupRequests());
      assertEquals(1000 + tiles, transport.total());
      assertEquals(5, tiles, counts.keySet().stream().filter(p -> p.startsWith("/tile/")).toList().toString());
      assertTrue(Files.exists(tmp.resolve("modcache/cache/download/sumdb/" + NAME + "/lookup/example.com/!mod7@v1.0.0")));
      System.out.println("x/mod sumdb server: 1000 modules verified by 16 threads with "
          + transport.total() + " requests (" + tiles + " tiles) in " + ms + " ms");
    }
  }

  /** A GOPROXY directory with one module: .info, .mod and a zip in the module zip layout. */
  static void writeModule(Path proxyDir, String path, String version, String goFile) throws IOException {
    Path v = proxyDir.resolve(ModuleVersion.of(path, version).escapedPath()).resolve("@v");
    Files.createDirectories(v);
    String mod = "module " + path + "\n\ngo 1.16\n";
    Files.writeString(v.resolve(version + ".info"), "{\"Version\":\"" + version + "\",\"Time\":\"2020-01-01T00:00:00Z\"}\n");
    Files.writeString(v.resolve(version + ".mod"), mod);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(buf)) {
      String prefix = path + "@" + version + "/";
      z.putNextEntry(new ZipEntry(prefix + "go.mod"));
      z.write(mod.getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry(prefix + "hello.go"));
      z.write(goFile.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(v.resolve(version + ".zip"), buf.toByteArray());
    Files.writeString(v.resolve("list"), version + "\n");
  }

  Map<String, String> goEnv(SumdbGoServer server) {
    Map<String, String> env = GoTool.hermeticEnv(tmp.resolve("go"));
    env.put("GOPATH", tmp.resolve("gopath").toString());
    env.put("GOMODCACHE", tmp.resolve("modcache").toString());
    env.put("GOPROXY", server.proxyUrl().toString());
    env.put("GOSUMDB", server.vkey()); // no URL: found through the proxy's /sumdb/<name>/supported
    env.put("GONOSUMDB", "");
    env.put("GOPRIVATE", "");
    return env;
  }

  @Test
  void goCommandAndOurClientShareTheDatabaseState() throws Exception {
    Path proxyDir = tmp.resolve("proxy");
    writeModule(proxyDir, "example.com/hello", "v1.0.0", "package hello\n");
    writeModule(proxyDir, "example.com/World", "v1.2.0", "package world\n");
    writeModule(proxyDir, "example.com/third", "v0.1.0", "package third\n");
    StringBuilder filler = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      filler.append(SumdbGoServer.block(path(i), "v1.0.0", hash(i, "zip"), hash(i, "mod")));
    }
    try (SumdbGoServer server = SumdbGoServer.start(tmp.resolve("srv"), null, proxyDir,
        filler + "example.com/hello@v1.0.0\n\n")) {
      SumdbTestTransport transport = new SumdbTestTransport();
      List<ProxyEntry> proxies = List.of(new ProxyEntry.Url(server.proxyUrl(), FallbackMode.ON_NOT_FOUND));
      ChecksumDb db = ChecksumDb.parse(server.vkey());
      Path v = proxyDir.resolve("example.com/hello/@v");
      ModuleVersion hello = ModuleVersion.of("example.com/hello", "v1.0.0");
      SumdbLookup ours;
      // 1. Our client verifies hashes we computed against x/mod's records (computed by dirhash).
      try (ChecksumDatabase c = client(db, proxies, transport)) {
        c.verifyGoMod(hello, ModuleHash.ofGoMod(Files.readAllBytes(v.resolve("v1.0.0.mod"))));
        c.verifyZip(hello, ModuleHash.ofZip(v.resolve("v1.0.0.zip")));
        ours = c.lookup(hello);
      }
      assertEquals(1, transport.counts().get("/mod/sumdb/" + NAME + "/supported"));
      String ourLatest = Files.readString(tmp.resolve("gopath/pkg/sumdb/" + NAME + "/latest"));

      // 2. go uses our latest file and our cached lookup and tiles: no /lookup request for hello.
      int before = server.requests().size();
      GoTool.Result r = GoTool.run(tmp, goEnv(server), 120, "mod", "download", "-json", "example.com/hello@v1.0.0");
      r.requireOk();
      assertTrue(r.stdout().contains("\"Sum\": \"" + ours.zipHash() + "\""), r.stdout());
      assertTrue(r.stdout().contains("\"GoModSum\": \"" + ours.goModHash() + "\""), r.stdout());
      List<String> goRequests = server.requests().subList(before, server.requests().size());
      assertFalse(goRequests.stream().anyMatch(p -> p.contains("/lookup/")), goRequests.toString());
      assertFalse(goRequests.stream().anyMatch(p -> p.contains("/tile/")), goRequests.toString());
      assertEquals(ourLatest, Files.readString(tmp.resolve("gopath/pkg/sumdb/" + NAME + "/latest")));

      // 3. The log grows (the server adds World on go's lookup); go stores the newer tree.
      r = GoTool.run(tmp, goEnv(server), 120, "mod", "download", "-json", "example.com/World@v1.2.0");
      r.requireOk();
      String goLatest = Files.readString(tmp.resolve("gopath/pkg/sumdb/" + NAME + "/latest"));
      TreeHead goTree = TreeHead.parse(Note.open(goLatest, List.of(db.verifierKey())).text());
      assertEquals(302, goTree.size());

      // 4. A fresh client of ours starts from go's tree, checks the next one against it, and
      //    uses the tiles go cached.
      transport.reset();
      try (ChecksumDatabase c = client(db, proxies, transport)) {
        ModuleVersion world = ModuleVersion.of("example.com/World", "v1.2.0");
        SumdbLookup w = c.lookup(world);
        assertEquals(301, w.recordId());
        assertEquals(0, transport.total(), "go's cache was not reused: " + transport.counts());
        ModuleVersion third = ModuleVersion.of("example.com/third", "v0.1.0");
        Path tv = proxyDir.resolve("example.com/third/@v");
        c.verifyZip(third, ModuleHash.ofZip(tv.resolve("v0.1.0.zip")));
        assertEquals(303, c.latestTreeSize());
      }
      String newest = Files.readString(tmp.resolve("gopath/pkg/sumdb/" + NAME + "/latest"));
      assertEquals(303, TreeHead.parse(Note.open(newest, List.of(db.verifierKey())).text()).size());

      // 5. And go accepts the tree we stored (it checks it against its own cached tiles).
      r = GoTool.run(tmp, goEnv(server), 120, "mod", "download", "-json", "example.com/third@v0.1.0");
      r.requireOk();
      assertFalse(r.stderr().contains("SECURITY ERROR"), r.stderr());
    }
  }

  @Test
  void goAndWeBothRejectAForkAgainstTheStateWeStored() throws Exception {
    Path proxyDir = tmp.resolve("proxy");
    writeModule(proxyDir, "example.com/hello", "v1.0.0", "package hello\n");
    writeModule(proxyDir, "example.com/World", "v1.2.0", "package world\n");
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      a.append(SumdbGoServer.block(path(i), "v1.0.0", hash(i, "zip"), hash(i, "mod")));
      b.append(SumdbGoServer.block(path(i), "v1.0.0", hash(i, i == 7 ? "evil" : "zip"), hash(i, "mod")));
    }
    try (SumdbGoServer honest = SumdbGoServer.start(tmp.resolve("a"), null, proxyDir, a + "example.com/hello@v1.0.0\n\n");
        SumdbGoServer forked = SumdbGoServer.start(tmp.resolve("b"), honest.skey(), proxyDir, b + "example.com/hello@v1.0.0\n\n")) {
      SumdbTestTransport transport = new SumdbTestTransport();
      try (ChecksumDatabase c = client(ChecksumDb.parse(honest.vkey()),
          List.of(new ProxyEntry.Url(honest.proxyUrl(), FallbackMode.ON_NOT_FOUND)), transport)) {
        c.verifyZip(ModuleVersion.of("example.com/hello", "v1.0.0"),
            ModuleHash.ofZip(proxyDir.resolve("example.com/hello/@v/v1.0.0.zip")));
      }
      String stored = Files.readString(tmp.resolve("gopath/pkg/sumdb/" + NAME + "/latest"));
      // go, sent to the forked database, starts from the tree we stored and rejects the fork.
      GoTool.Result r = GoTool.run(tmp, goEnv(forked), 120, "mod", "download", "-json", "example.com/World@v1.2.0");
      assertFalse(r.ok(), r.stdout());
      String goOut = r.stdout() + r.stderr();
      assertTrue(goOut.contains("SECURITY ERROR\ngo.sum database server misbehavior detected!"), goOut);
      assertTrue(goOut.contains("old database:\n\t" + stored.replace("\n", "\n\t")), goOut);
      assertEquals(stored, Files.readString(tmp.resolve("gopath/pkg/sumdb/" + NAME + "/latest")));
      // And so do we, with the same two signed trees.
      try (ChecksumDatabase c = client(ChecksumDb.parse(forked.vkey()),
          List.of(new ProxyEntry.Url(forked.proxyUrl(), FallbackMode.ON_NOT_FOUND)), transport)) {
        SumdbSecurityException e = assertThrows(SumdbSecurityException.class,
            () -> c.lookup(ModuleVersion.of("example.com/World", "v1.2.0")));
        assertTrue(e.getMessage().startsWith("SECURITY ERROR\ngo.sum database server misbehavior detected!\n\n"
            + "old database:\n\t" + stored.replace("\n", "\n\t")), e.getMessage());
      }
    }
  }

  @Test
  void forkBetweenTwoXModServersWithTheSameKeyIsASecurityError() throws Exception {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      a.append(SumdbGoServer.block(path(i), "v1.0.0", hash(i, "zip"), hash(i, "mod")));
      b.append(SumdbGoServer.block(path(i), "v1.0.0", hash(i, i == 7 ? "evil" : "zip"), hash(i, "mod")));
    }
    b.append(SumdbGoServer.block(path(20), "v1.0.0", hash(20, "zip"), hash(20, "mod")));
    try (SumdbGoServer honest = SumdbGoServer.start(tmp.resolve("a"), null, null, a.toString());
        SumdbGoServer forked = SumdbGoServer.start(tmp.resolve("b"), honest.skey(), null, b.toString())) {
      assertEquals(honest.vkey(), forked.vkey());
      SumdbTestTransport transport = new SumdbTestTransport();
      try (ChecksumDatabase c = client(ChecksumDb.parse(honest.vkey() + " " + honest.url()), List.of(), transport)) {
        c.lookup(ModuleVersion.of(path(3), "v1.0.0"));
      }
      String stored = Files.readString(tmp.resolve("gopath/pkg/sumdb/" + NAME + "/latest"));
      try (ChecksumDatabase c = client(ChecksumDb.parse(forked.vkey() + " " + forked.url()), List.of(), transport)) {
        SumdbSecurityException e = assertThrows(SumdbSecurityException.class,
            () -> c.lookup(ModuleVersion.of(path(20), "v1.0.0")));
        assertTrue(e.getMessage().startsWith("SECURITY ERROR\ngo.sum database server misbehavior detected!\n\nold database:\n\t"
            + stored.replace("\n", "\n\t")), e.getMessage());
        assertTrue(e.getMessage().contains("The tree of size 21 just received does not extend the tree of size 20"),
            e.getMessage());
      }
      assertEquals(stored, Files.readString(tmp.resolve("gopath/pkg/sumdb/" + NAME + "/latest")));
    }
  }
}
