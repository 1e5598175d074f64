package io.github.goproxy4j.sumdb.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** x/mod's tlog vectors (tlog-vectors.txt), checked exactly. */
class TlogVectorsTest {
  /** One vector line: kind, arguments, expected. */
  record Vector(String kind, List<String> args, String want) {
    @Override
    public String toString() {
      return kind + " " + String.join(" ", args) + " = " + want;
    }
  }

  static List<Vector> vectors(String kind) {
    try (InputStream in = TlogVectorsTest.class.getResourceAsStream("tlog-vectors.txt")) {
      List<Vector> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int eq = line.indexOf(" = ");
        String lhs = eq < 0 ? line : line.substring(0, eq);
        String want = eq < 0 ? "" : line.substring(eq + 3);
        List<String> parts = new ArrayList<>(Arrays.asList(lhs.split(" ", -1)));
        String k = parts.remove(0);
        if (k.equals(kind)) {
          out.add(new Vector(k, parts, want));
        }
      }
      if (out.isEmpty()) {
        throw new IllegalStateException("no vectors of kind " + kind);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final MemLog LOG = MemLog.ofLeaves(70000);

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void storedHashIndex(Vector v) {
    int level = Integer.parseInt(v.args.get(0));
    String[] want = v.want.split(" ");
    if (v.args.get(1).equals("0..9")) {
      for (int n = 0; n < 10; n++) {
        assertEquals(Long.parseLong(want[n]), Tlog.storedHashIndex(level, n), "level " + level + " n " + n);
        assertEquals(new Tlog.Position(level, n), Tlog.splitStoredHashIndex(Long.parseLong(want[n])));
      }
    } else {
      assertEquals(Long.parseLong(want[0]), Tlog.storedHashIndex(level, Long.parseLong(v.args.get(1))));
    }
  }

  static List<Vector> storedHashIndex() {
    return vectors("index");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void split(Vector v) {
    String[] want = v.want.split(" ");
    assertEquals(new Tlog.Position(Integer.parseInt(want[0]), Long.parseLong(want[1])),
        Tlog.splitStoredHashIndex(Long.parseLong(v.args.get(0))));
  }

  static List<Vector> split() {
    return vectors("split");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void count(Vector v) {
    assertEquals(Long.parseLong(v.want), Tlog.storedHashCount(Long.parseLong(v.args.get(0))));
  }

  static List<Vector> count() {
    return vectors("count");
  }

  @Test
  void storedHashCountMatchesTheLog() {
    MemLog log = MemLog.ofLeaves(300);
    for (long n = 0; n <= 300; n++) {
      MemLog prefix = MemLog.ofLeaves(n);
      assertEquals(prefix.stored.size(), Tlog.storedHashCount(n), "n=" + n);
    }
    assertEquals(0, Tlog.storedHashCount(0));
    assertEquals(log.stored.size(), Tlog.storedHashIndex(0, 299) + 1 + 2); // 299 = 0b100101011
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void recordHash(Vector v) {
    assertEquals(v.want, Hash.ofRecord(String.join(" ", v.args).getBytes(StandardCharsets.UTF_8)).toString());
  }

  static List<Vector> recordHash() {
    return vectors("recordHash");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void treeHash(Vector v) throws IOException {
    assertEquals(v.want, Tlog.treeHash(Long.parseLong(v.args.get(0)), LOG.reader()).toString());
  }

  static List<Vector> treeHash() {
    return vectors("treeHash");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void proofs(Vector v) throws IOException {
    long t = Long.parseLong(v.args.get(0));
    long n = Long.parseLong(v.args.get(1));
    String got;
    if (v.kind.equals("proveRecord")) {
      RecordProof p = RecordProof.prove(t, n, LOG.reader());
      got = p.hashes().stream().map(Hash::toString).collect(Collectors.joining(" "));
      p.check(t, Tlog.treeHash(t, LOG.reader()), n, Hash.ofRecord(("leaf " + n).getBytes(StandardCharsets.UTF_8)));
    } else {
      TreeProof p = TreeProof.prove(t, n, LOG.reader());
      got = p.hashes().stream().map(Hash::toString).collect(Collectors.joining(" "));
      p.check(t, Tlog.treeHash(t, LOG.reader()), n, Tlog.treeHash(n, LOG.reader()));
    }
    assertEquals(v.want, got);
  }

  static Stream<Vector> proofs() {
    return Stream.concat(vectors("proveRecord").stream(), vectors("proveTree").stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void tilePath(Vector v) {
    Tile t = new Tile(Integer.parseInt(v.args.get(0)), Integer.parseInt(v.args.get(1)),
        Long.parseLong(v.args.get(2)), Integer.parseInt(v.args.get(3)));
    assertEquals(v.want, t.path());
    assertEquals(t, Tile.parse(v.want));
  }

  static List<Vector> tilePath() {
    return vectors("tilePath");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void badTilePath(Vector v) {
    TlogFormatException e = assertThrows(TlogFormatException.class, () -> Tile.parse(v.want));
    assertEquals("malformed tile path \"" + v.want + "\"", e.getMessage());
  }

  static List<Vector> badTilePath() {
    return vectors("badTilePath");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void plan(Vector v) throws IOException {
    long leaf = Long.parseLong(v.args.get(0));
    long size = Long.parseLong(v.args.get(1));
    List<String> want = Arrays.asList(v.want.split(" "));
    if (size > LOG.size) {
      // A real-size tree: check the plan only (no data to serve).
      TileHashReader r = new TileHashReader(new TreeHead(size, Hash.EMPTY_TREE), new MemLog().new Tiles(8));
      assertEquals(want, paths(r.plan(new long[] {Tlog.storedHashIndex(0, leaf)})));
      return;
    }
    MemLog.Tiles tiles = LOG.new Tiles(8);
    TreeHead tree = new TreeHead(size, Tlog.treeHash(size, LOG.reader()));
    TileHashReader r = new TileHashReader(tree, tiles);
    if (v.kind.equals("plan")) {
      Hash h = r.readHashes(new long[] {Tlog.storedHashIndex(0, leaf)}).get(0);
      assertEquals(Hash.ofRecord(("leaf " + leaf).getBytes(StandardCharsets.UTF_8)), h);
    } else {
      assertEquals(Tlog.treeHash(leaf, LOG.reader()), Tlog.treeHash(leaf, r));
    }
    assertEquals(1, tiles.calls.size(), "one ReadTiles call");
    assertEquals(want, paths(tiles.calls.get(0)));
    assertEquals(tiles.calls.get(0), tiles.saved, "every fetched tile saved after authentication");
  }

  static Stream<Vector> plan() {
    return Stream.concat(vectors("plan").stream(), vectors("planTreeHash").stream());
  }

  private static List<String> paths(List<Tile> tiles) {
    return tiles.stream().map(Tile::path).collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void newTiles(Vector v) {
    assertEquals(Integer.parseInt(v.want), Tile.newTiles(Integer.parseInt(v.args.get(0)),
        Long.parseLong(v.args.get(1)), Long.parseLong(v.args.get(2))).size());
  }

  static List<Vector> newTiles() {
    return vectors("newTiles");
  }
}
