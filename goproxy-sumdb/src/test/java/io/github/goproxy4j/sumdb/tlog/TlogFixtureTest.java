package io.github.goproxy4j.sumdb.tlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.env.VerifierKey;
import io.github.goproxy4j.sumdb.note.Note;
import io.github.goproxy4j.sumdb.note.SignerKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tlog classes rebuild x/mod's fake sumdb fixture (spec §6.3), checked byte for byte. */
class TlogFixtureTest {
  static final Map<String, String> F = load();

  static Map<String, String> load() {
    try (InputStream in = TlogFixtureTest.class.getResourceAsStream("fixture-sumdb.txt")) {
      Map<String, String> m = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          int eq = line.indexOf('=');
          m.put(line.substring(0, eq), line.substring(eq + 1).replace("\\n", "\n"));
        }
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void treesNotesTilesAndLookupAreByteExact() throws IOException {
    SignerKey signer = SignerKey.parse(F.get("signer"));
    VerifierKey verifier = VerifierKey.parse(F.get("verifier"));
    assertEquals(verifier, signer.verifierKey());
    MemLog log = new MemLog();
    for (int n = 0; n <= 4; n++) {
      TreeHead tree = log.tree();
      assertEquals(F.get("root." + n), tree.hash().toString(), "root " + n);
      String signed = Note.sign(tree.format(), signer);
      assertEquals(tree.format() + "\n" + F.get("sig." + n) + "\n", signed, "signed tree " + n);
      Note opened = Note.open(signed, List.of(verifier));
      assertEquals(tree, TreeHead.parse(opened.text()));
      if (n > 0) {
        byte[] tile = new Tile(8, 0, 0, n).readTileData(log.reader());
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
          want.writeBytes(Hash.parse(F.get("recordHash." + i)).bytes());
        }
        assertArrayEquals(want.toByteArray(), tile, "tile/8/0/000.p/" + n);
      }
      if (n < 4) {
        byte[] record = bytes(F.get("record." + n));
        assertEquals(F.get("recordHash." + n), Hash.ofRecord(record).toString());
        log.add(record);
      }
    }
    // The legacy (x/mod <= v0.18) empty tree, signed: still exact.
    TreeHead legacy = new TreeHead(0, Hash.parse(F.get("root.0.legacy")));
    assertEquals(legacy.format() + "\n" + F.get("sig.0.legacy") + "\n", Note.sign(legacy.format(), signer));
  }

  @Test
  void firstLookupResponse() throws IOException {
    MemLog log = new MemLog();
    byte[] record = bytes(F.get("record.0"));
    log.add(record);
    SignerKey signer = SignerKey.parse(F.get("signer"));
    String response = new String(Record.format(0, record), StandardCharsets.UTF_8)
        + Note.sign(log.tree().format(), signer);
    assertEquals(F.get("lookup.quote.first"), response);
    Record parsed = Record.parse(bytes(response));
    assertEquals(0, parsed.id());
    assertArrayEquals(record, parsed.text());
    Note n = Note.open(parsed.rest(), List.of(VerifierKey.parse(F.get("verifier"))));
    TreeHead tree = TreeHead.parse(n.text());
    // Inclusion through authenticated tiles, as the go client does it.
    TileHashReader r = new TileHashReader(tree, log.new Tiles(8));
    assertEquals(Hash.ofRecord(parsed.text()), r.readHashes(new long[] {Tlog.storedHashIndex(0, parsed.id())}).get(0));
  }

  @Test
  void dataTileIsRecordsEachFollowedByNewline() {
    int len = 0;
    for (int i = 0; i < 3; i++) {
      len += bytes(F.get("record." + i)).length + 1;
    }
    assertEquals(Integer.parseInt(F.get("dataTile.3.length")), len);
  }

  @Test
  void realSumGolangOrgLookupVerifies() {
    Record r = Record.parse(bytes(F.get("realLookup")));
    assertEquals(34280611, r.id());
    assertEquals(F.get("realRecordHash"), Hash.ofRecord(r.text()).toString());
    Note n = Note.open(r.rest(), List.of(VerifierKey.parse(F.get("sumGolangOrg"))));
    TreeHead t = TreeHead.parse(n.text());
    assertEquals(35119576, t.size());
    assertEquals("wsMRe8ItLbtt7dNXFrBSnNrHQKXt78Vs8j/BvAbgfCk=", t.hash().toString());
    // The leaf sits at offset 163 of tile/8/0/x133/908.
    assertEquals("tile/8/0/x133/908.p/164", Tile.forIndex(8, Tlog.storedHashIndex(0, 34280611)).path());
  }
}
