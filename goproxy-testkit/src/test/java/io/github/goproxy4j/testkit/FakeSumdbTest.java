package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.VerifierKey;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.note.Note;
import io.github.goproxy4j.sumdb.note.SignerKey;
import io.github.goproxy4j.sumdb.tlog.Hash;
import io.github.goproxy4j.sumdb.tlog.Record;
import io.github.goproxy4j.sumdb.tlog.RecordProof;
import io.github.goproxy4j.sumdb.tlog.Tile;
import io.github.goproxy4j.sumdb.tlog.TileHashReader;
import io.github.goproxy4j.sumdb.tlog.TileReader;
import io.github.goproxy4j.sumdb.tlog.TlogException;
import io.github.goproxy4j.sumdb.tlog.TreeHead;
import io.github.goproxy4j.sumdb.tlog.TreeProof;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake checksum database checked the way a client checks it: signatures with the verifier
 * key, record proofs and tree proofs through tiles fetched over HTTP.
 */
class FakeSumdbTest {
  private static final int MANY = 300; // more than one full tile of records
  private static FakeGoProxy proxy;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    FakeGoProxy.Builder b = FakeGoProxy.builder().module("example.com/m", "v1.0.0", "v1.1.0");
    for (int i = 0; i < MANY; i++) {
      b.module("example.com/many", "v1.0." + i);
    }
    proxy = b.start();
    base = "/sumdb/" + proxy.sumdb().name();
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @BeforeEach
  void honest() {
    proxy.reset();
  }

  private static TreeHead open(byte[] note) {
    Note n = Note.open(note, List.of(VerifierKey.parse(proxy.sumdbKey())));
    return TreeHead.parse(n.text());
  }

  private static TileHashReader tiles(TreeHead tree) {
    return new TileHashReader(tree, new TileReader() {
      @Override
      public int height() {
        return 8;
      }

      @Override
      public List<byte[]> readTiles(List<Tile> wanted) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Tile t : wanted) {
          Http.Response r = Http.send(java.net.URI.create(proxy.url() + base + "/" + t.path()));
          if (r.status() != 200) {
            throw new IOException(t.path() + ": " + r.status());
          }
          out.add(r.body());
        }
        return out;
      }
    });
  }

  /** Looks a module up and proves the record against the signed tree, as a client does. */
  private static String lookupAndProve(String path, String version) throws IOException {
    Http.Response r = Http.get(proxy, base + "/lookup/" + path + "@" + version);
    assertEquals(200, r.status(), r.text());
    assertEquals("text/plain; charset=UTF-8", r.contentType());
    Record rec = Record.parse(r.body());
    TreeHead tree = open(rec.rest());
    RecordProof.prove(tree.size(), rec.id(), tiles(tree))
        .check(tree.size(), tree.hash(), rec.id(), Hash.ofRecord(rec.text()));
    return rec.textString();
  }

  @Test
  void recordsHoldTheHashesOfWhatTheProxyServes() throws IOException {
    String text = lookupAndProve("example.com/m", "v1.1.0");
    byte[] zip = Http.get(proxy, "/example.com/m/@v/v1.1.0.zip").body();
    byte[] mod = Http.get(proxy, "/example.com/m/@v/v1.1.0.mod").body();
    assertEquals("example.com/m v1.1.0 " + ModuleHash.ofZip(zip) + "\n"
        + "example.com/m v1.1.0/go.mod " + ModuleHash.ofGoMod(mod) + "\n", text);
    assertEquals(text, proxy.sumdb().record("example.com/m", "v1.1.0").orElseThrow());
    assertEquals(MANY + 2, proxy.sumdb().treeSize());
    for (int i : new int[] {0, 255, 256, MANY - 1}) {
      assertTrue(lookupAndProve("example.com/many", "v1.0." + i)
          .startsWith("example.com/many v1.0." + i + " h1:"));
    }
  }

  @Test
  void latestIsTheSignedTree() {
    Http.Response r = Http.get(proxy, base + "/latest");
    assertEquals(200, r.status());
    TreeHead tree = open(r.body());
    assertEquals(MANY + 2, tree.size());
    assertEquals(proxy.sumdb().signedTree(), r.text());
    assertTrue(r.text().startsWith("go.sum database tree\n" + (MANY + 2) + "\n"), r.text());
  }

  @Test
  void partialTilesArePrefixesOfFullTiles() {
    byte[] full = Http.get(proxy, base + "/tile/8/0/000").body();
    assertEquals(256 * 32, full.length);
    byte[] part = Http.get(proxy, base + "/tile/8/0/000.p/10").body();
    assertArrayEquals(Arrays.copyOf(full, 10 * 32), part);
    int rest = MANY + 2 - 256;
    assertEquals(rest * 32, Http.get(proxy, base + "/tile/8/0/001.p/" + rest).body().length);
    assertEquals(404, Http.get(proxy, base + "/tile/8/0/001").status());
    assertEquals(404, Http.get(proxy, base + "/tile/8/0/001.p/" + (rest + 1)).status());
    assertEquals(32, Http.get(proxy, base + "/tile/8/1/000.p/1").body().length);
    assertEquals(404, Http.get(proxy, base + "/tile/8/1/000.p/2").status());
  }

  @Test
  void dataTilesAreRecordTextsWithoutIds() {
    String data = Http.get(proxy, base + "/tile/8/data/000.p/2").text();
    String r0 = proxy.sumdb().record("example.com/m", "v1.0.0").orElseThrow();
    String r1 = proxy.sumdb().record("example.com/m", "v1.1.0").orElseThrow();
    assertEquals(r0 + "\n" + r1 + "\n", data);
    String full = Http.get(proxy, base + "/tile/8/data/000").text();
    assertTrue(full.startsWith(data));
    assertEquals(256, full.split("\n\n").length);
  }

  @Test
  void badRequestsAnswer400Or404() {
    for (String[] c : new String[][] {
        {"/lookup/example.com/m@v1", "400", "invalid module@version syntax"},
        {"/lookup/example.com/m", "400", "invalid module@version syntax"},
        {"/lookup/example.com/M@v1.0.0", "400", "invalid escaped module path \"example.com/M\""},
        {"/lookup/example.com/m@v9.0.0", "404", "not found: example.com/m@v9.0.0"},
        {"/tile/8/0/x", "400", "invalid tile syntax"},
        {"/tile/8/0/0001", "400", "invalid tile syntax"},
        {"/tile/8/5/000", "404", "not found: tile beyond the tree"},
        {"/nothing", "404", "not found: "}}) {
      Http.Response r = Http.get(proxy, base + c[0]);
      assertEquals(Integer.parseInt(c[1]), r.status(), c[0]);
      assertTrue(r.text().startsWith(c[2]), c[0] + ": " + r.text());
    }
  }

  @Test
  void wrongHashServesAnotherZipHash() throws IOException {
    String honest = proxy.sumdb().record("example.com/m", "v1.0.0").orElseThrow();
    proxy.sumdb().serveWrongHash("example.com/m", "v1.0.0");
    String wrong = lookupAndProve("example.com/m", "v1.0.0"); // consistent with its own tree
    String[] h = honest.split("\n");
    String[] w = wrong.split("\n");
    assertNotEquals(h[0], w[0]);
    assertTrue(w[0].startsWith("example.com/m v1.0.0 h1:"));
    assertTrue(ModuleHash.isValid(w[0].substring(w[0].lastIndexOf(' ') + 1)));
    assertEquals(h[1], w[1]); // the go.mod line is unchanged
    assertThrows(IllegalArgumentException.class,
        () -> proxy.sumdb().serveWrongHash("example.com/nope", "v1.0.0"));
  }

  @Test
  void aForkIsInconsistentWithTheHonestTree() throws IOException {
    TreeHead before = open(Http.get(proxy, base + "/latest").body());
    proxy.sumdb().serveFork();
    TreeHead after = open(Http.get(proxy, base + "/latest").body());
    assertEquals(before.size() + 1, after.size());
    TlogException e = assertThrows(TlogException.class,
        () -> TreeProof.prove(after.size(), before.size(), tiles(after))
            .check(after.size(), after.hash(), before.size(), before.hash()));
    assertEquals("invalid transparency proof", e.getMessage());
    // records are still served and provable within the forked tree
    lookupAndProve("example.com/m", "v1.0.0");
  }

  @Test
  void aRollbackIsAnOlderConsistentTree() throws IOException {
    TreeHead full = open(Http.get(proxy, base + "/latest").body());
    proxy.sumdb().serveRollback(100);
    TreeHead old = open(Http.get(proxy, base + "/latest").body());
    assertEquals(100, old.size());
    assertEquals(100, proxy.sumdb().treeSize());
    // a record beyond the old tree is not found in it
    assertEquals(404, Http.get(proxy, base + "/lookup/example.com/many@v1.0." + (MANY - 1))
        .status());
    assertEquals(404, Http.get(proxy, base + "/tile/8/0/000.p/101").status());
    lookupAndProve("example.com/m", "v1.0.0");
    proxy.sumdb().serveHonest(); // the client kept the tiles of the full tree
    TreeProof.prove(full.size(), old.size(), tiles(full))
        .check(full.size(), full.hash(), old.size(), old.hash());
    // a rolled-back fork is a smaller tree that is not a prefix of the honest one
    proxy.sumdb().serveHonest();
    proxy.sumdb().serveFork();
    proxy.sumdb().serveRollback(full.size());
    TreeHead forked = open(Http.get(proxy, base + "/latest").body());
    assertEquals(full.size(), forked.size());
    assertNotEquals(full.hash(), forked.hash());
    assertThrows(IllegalArgumentException.class, () -> proxy.sumdb().serveRollback(-1));
  }

  @Test
  void aGivenSignerKeyNamesTheDatabase() throws IOException {
    SignerKey key = SignerKey.generate("sum.example.test/db");
    try (FakeGoProxy p = FakeGoProxy.builder().sumdbSignerKey(key)
        .module("example.com/m", "v1.0.0").start()) {
      assertEquals("sum.example.test/db", p.sumdb().name());
      assertEquals(key.verifierKey().toString(), p.sumdbKey());
      assertEquals(200, Http.get(p, "/sumdb/sum.example.test/db/supported").status());
      assertEquals(404, Http.get(p, "/sumdb/" + FakeGoProxy.DEFAULT_SUMDB_NAME + "/supported")
          .status());
      byte[] note = Http.get(p, "/sumdb/sum.example.test/db/latest").body();
      Note.open(note, List.of(VerifierKey.parse(p.sumdbKey())));
      assertTrue(new String(note, StandardCharsets.UTF_8).contains("\n\n\u2014 sum.example.test/db "));
    }
  }
}
