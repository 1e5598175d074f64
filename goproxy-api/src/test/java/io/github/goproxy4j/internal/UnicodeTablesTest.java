package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our per-release Unicode data against the real go of each installed release, over every code
 * point: a Go program built by that release prints a digest per property and 4096-rune block;
 * a differing block is then fetched whole to name the first differing code point. Plus facts
 * measured with the real releases, which hold without go installed.
 */
class UnicodeTablesTest {
  private static final int BLOCK = 0x1000;

  @TempDir static Path work;

  /** Every installed go, one per release (the newest binary wins nothing: the first is kept). */
  static Stream<Path> installedGos() {
    Map<String, Path> byRelease = new LinkedHashMap<>();
    List<Path> candidates = new ArrayList<>();
    candidates.add(Paths.get("/usr/bin/go"));
    try (Stream<Path> dirs = Files.list(Paths.get("/usr/lib"))) {
      dirs.filter(d -> d.getFileName().toString().matches("go-1\\.\\d+"))
          .sorted()
          .forEach(d -> candidates.add(d.resolve("bin/go")));
    } catch (IOException e) {
      // no /usr/lib: only the go on PATH, if any
    }
    GoTool.goBinary().ifPresent(candidates::add);
    for (Path go : candidates) {
      if (Files.isExecutable(go)) {
        byRelease.putIfAbsent(goVersion(go), go);
      }
    }
    return byRelease.values().stream();
  }

  private static String goVersion(Path go) {
    return GoTool.exec(Paths.get("."), Map.of("PATH", "/usr/bin:/bin", "HOME", "/nonexistent"), 60, null,
        go.toString(), "env", "GOVERSION").requireOk().stdout().trim();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("installedGos")
  void everyCodePointAnswersAsTheRealGoOfThatRelease(Path go) throws IOException {
    String[] lines = run(buildOracle(go, null)).split("\n");
    String[] version = lines[0].split(" "); // version go1.21.13 15.0.0
    int minor = Integer.parseInt(version[1].replaceFirst("^go1\\.(\\d+).*$", "$1"));
    UnicodeTables t = UnicodeTables.forGoMinor(minor);
    assertEquals(version[2], t.unicodeVersion(), version[1] + ": unicode.Version");

    Map<String, IntUnaryOperator> ours = new LinkedHashMap<>();
    ours.put("IsLetter", r -> t.isLetter(r) ? 1 : 0);
    ours.put("IsPrint", r -> t.isPrint(r) ? 1 : 0);
    ours.put("IsGraphic", r -> t.isGraphic(r) ? 1 : 0);
    ours.put("IsSpace", r -> t.isSpace(r) ? 1 : 0);
    ours.put("strconv.IsPrint", r -> t.strconvIsPrint(r) ? 1 : 0);
    ours.put("SimpleFold", t::simpleFold);
    assertEquals(ours.size() + 1, lines.length, "oracle output:\n" + String.join("\n", lines));
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(" ");
      String name = f[0];
      IntUnaryOperator answer = ours.get(name);
      assertEquals(0x110, f.length - 1, name + ": number of blocks");
      for (int b = 0; b < 0x110; b++) {
        if (Long.parseUnsignedLong(f[b + 1], 16) != digest(answer, name.equals("SimpleFold"), b)) {
          String[] goValues = run(buildOracle(go, name + ":" + b)).split("\n");
          for (int k = 0; k < BLOCK; k++) {
            int r = b * BLOCK + k;
            int theirs = Integer.parseUnsignedInt(goValues[k], 16);
            if (theirs != answer.applyAsInt(r)) {
              fail(String.format("%s %s: first difference at U+%04X: go answers %x, our tables %x",
                  version[1], name, r, theirs, answer.applyAsInt(r)));
            }
          }
          fail(version[1] + " " + name + ": block " + b + " digest differs but no value does");
        }
      }
    }
    // SimpleFold orbits as x/mod uses them: following SimpleFold from r ends at the orbit's min.
    for (int r = 0; r <= 0x10FFFF; r++) {
      int min = r;
      for (int f = t.simpleFold(r); f != r; f = t.simpleFold(f)) {
        min = Math.min(min, f);
      }
      if (t.orbitMin(r) != min) {
        fail(String.format("%s: orbitMin(U+%04X) = U+%04X, orbit minimum U+%04X", version[1], r, t.orbitMin(r), min));
      }
    }
  }

  /** FNV-1a 64 of one block's answers, as unicode-oracle.go computes it. */
  private static long digest(IntUnaryOperator answer, boolean fourBytes, int block) {
    long h = 0xcbf29ce484222325L;
    for (int r = block * BLOCK; r < (block + 1) * BLOCK; r++) {
      int v = answer.applyAsInt(r);
      for (int k = 0; k < (fourBytes ? 4 : 1); k++) {
        h ^= (v >>> (8 * k)) & 0xFF;
        h *= 0x100000001b3L;
      }
    }
    return h;
  }

  /** Builds unicode-oracle.go with {@code go}; a non-null {@code block} ("NAME:N") asks for one block. */
  private static Path buildOracle(Path go, String block) throws IOException {
    String release = goVersion(go);
    Path dir = work.resolve(release);
    Files.createDirectories(dir);
    try (InputStream in = UnicodeTablesTest.class.getResourceAsStream("unicode-oracle.go")) {
      Files.write(dir.resolve("main.go"), in.readAllBytes());
    }
    Map<String, String> env = GoTool.hermeticEnv(dir);
    env.put("GO111MODULE", "off");
    Path bin = dir.resolve(block == null ? "unicode-oracle" : "unicode-oracle-block");
    GoTool.exec(dir, env, 300, null, go.toString(), "build", "-o", bin.toString(),
        "-ldflags=-X=main.block=" + (block == null ? "" : block), "main.go").requireOk();
    return bin;
  }

  /** Runs the oracle; it prints with Go's print builtin, to standard error. */
  private static String run(Path oracle) {
    return GoTool.exec(work, Map.of(), 120, null, oracle.toString()).requireOk().stderr();
  }

  // ---- facts measured with the real releases (hold without go installed) --------------------

  @Test
  void releasesMapToTheirUnicodeVersions() {
    assertEquals("13.0.0", UnicodeTables.forGoMinor(19).unicodeVersion());
    assertEquals("13.0.0", UnicodeTables.forGoMinor(20).unicodeVersion());
    for (int minor = 21; minor <= 26; minor++) {
      assertEquals("15.0.0", UnicodeTables.forGoMinor(minor).unicodeVersion(), "go1." + minor);
    }
    assertEquals("17.0.0", UnicodeTables.forGoMinor(27).unicodeVersion());
    assertEquals(27, UnicodeTables.newestGoMinor());
    assertEquals("17.0.0", UnicodeTables.newest().unicodeVersion());
    assertEquals("17.0.0", UnicodeTables.forGoMinor(40).unicodeVersion(), "newer than known: newest");
    assertEquals("15.0.0", UnicodeTables.forGoVersion("go1.21.3").unicodeVersion());
    assertEquals("17.0.0", UnicodeTables.forGoVersion("1.30").unicodeVersion());
  }

  @Test
  void everyModelledReleaseHasItsOwnData() {
    assertEquals(GoRelease.NEWEST_MINOR, UnicodeTables.newestGoMinor());
    String index;
    try (InputStream in = UnicodeTables.class.getResourceAsStream("unicode-releases.txt")) {
      index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int minor = GoRelease.OLDEST_MINOR; minor <= GoRelease.NEWEST_MINOR; minor++) {
      assertTrue(index.contains("\n" + minor + " unicode-"), "no data for go1." + minor + " in\n" + index);
    }
    assertThrows(IllegalArgumentException.class, () -> UnicodeTables.forGoVersion("1.18"));
  }

  @Test
  void u1c8aIsALetterFoldingToU1c89OnlyForGo127() {
    for (int minor : new int[] {19, 21, 26}) {
      UnicodeTables t = UnicodeTables.forGoMinor(minor);
      assertFalse(t.isLetter(0x1C8A), "go1." + minor);
      assertEquals(0x1C8A, t.simpleFold(0x1C8A), "go1." + minor);
    }
    UnicodeTables t = UnicodeTables.forGoMinor(27);
    assertTrue(t.isLetter(0x1C8A));
    assertEquals(0x1C8A, t.simpleFold(0x1C89));
    assertEquals(0x1C89, t.simpleFold(0x1C8A));
    assertEquals(0x1C89, t.orbitMin(0x1C8A));
  }

  @Test
  void u31350IsALetterForGo126AndGo127NotGo119() {
    assertFalse(UnicodeTables.forGoMinor(19).isLetter(0x31350));
    assertTrue(UnicodeTables.forGoMinor(26).isLetter(0x31350));
    assertTrue(UnicodeTables.forGoMinor(27).isLetter(0x31350));
  }

  @Test
  void asciiAndLatin1AnswerAsGoDefinesThem() {
    UnicodeTables t = UnicodeTables.newest();
    assertTrue(t.isPrint(' '));
    assertFalse(t.isPrint(0xA0)); // IsPrint admits only the ASCII space
    assertTrue(t.isGraphic(0xA0));
    assertTrue(t.isSpace(0x85));
    assertFalse(t.isSpace(0x200B));
    assertTrue(t.isSpace(0x3000));
    assertEquals('k', t.simpleFold('K'));
    assertEquals(0x212A, t.simpleFold('k'));
    assertEquals('K', t.simpleFold(0x212A));
    assertEquals('K', t.orbitMin(0x212A));
    assertEquals('S', t.orbitMin(0x17F));
    assertFalse(t.isLetter(-1));
    assertFalse(t.isPrint(0x110000));
    assertEquals(0x110000, t.simpleFold(0x110000));
  }

  @Test
  void dataFilesNameTheirSource() {
    for (String f : new String[] {"unicode-releases.txt", "unicode-13.0.0.txt", "unicode-15.0.0.txt", "unicode-17.0.0.txt"}) {
      try (InputStream in = UnicodeTables.class.getResourceAsStream(f)) {
        String head = new String(in.readNBytes(600), StandardCharsets.UTF_8);
        assertTrue(head.contains("BSD-3-Clause") && head.contains("Unicode License V3"), f + ":\n" + head);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
