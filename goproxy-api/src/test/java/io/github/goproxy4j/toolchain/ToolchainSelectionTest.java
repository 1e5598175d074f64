package io.github.goproxy4j.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolchainSelectionTest {
  private static final Path MOD = Path.of("/src/m/go.mod");

  private static String pick(String gotoolchain, String local, String gomod) {
    ToolchainSelection s = ToolchainSelection.select(gotoolchain, local, MOD,
        gomod == null ? null : gomod.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));
    return (s.isLocal() ? "local " : "") + s.toolchain() + (s.pathOnly() ? " path" : "");
  }

  @ParameterizedTest(name = "GOTOOLCHAIN={0} local={1} go.mod={2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "none", value = {
      "local            | go1.27.3 | module m\\ngo 1.30.0\\n              | local go1.27.3",
      "auto             | go1.27.3 | none                                 | local go1.27.3",
      "auto             | go1.27.3 | module m\\ngo 1.27.1\\n              | local go1.27.3",
      "auto             | go1.27.3 | module m\\ngo 1.28.1\\n              | go1.28.1",
      "auto             | go1.27.3 | module m\\ngo 1.28\\n                | go1.28.0",
      "auto             | go1.27.3 | module m\\ngo 1.28rc1\\n             | go1.28rc1",
      "auto             | go1.27.3 | module m\\ngo 1.27\\ntoolchain go1.29.2\\n | go1.29.2",
      "auto             | go1.27.3 | module m\\ngo 1.30.1\\ntoolchain go1.29.2\\n | go1.30.1",
      "auto             | go1.27.3 | module m\\ngo 1.21\\ntoolchain go1.27.3\\n | local go1.27.3",
      "auto             | go1.27.3 | module m\\ngo 1.21\\ntoolchain default\\n | local go1.27.3",
      "auto             | go1.27.3 | module m\\n  go   1.28.2  // comment\\n | go1.28.2",
      "auto             | go1.27.3 | module m\\ngo1.28.2\\n               | local go1.27.3",
      "path             | go1.27.3 | module m\\ngo 1.28.1\\n              | go1.28.1 path",
      "go1.99.1         | go1.27.3 | module m\\ngo 1.28.1\\n              | go1.99.1",
      "go1.26.0         | go1.27.3 | none                                 | go1.26.0",
      "go1.27.3         | go1.27.3 | none                                 | local go1.27.3",
      "go1.28.0+auto    | go1.27.3 | module m\\ngo 1.29.0\\n              | go1.29.0",
      "go1.28.0+auto    | go1.27.3 | module m\\ngo 1.27\\n                | go1.28.0",
      "go1.28.0+path    | go1.27.3 | module m\\ngo 1.21\\n                | go1.28.0 path",
      "local+auto       | go1.27.3 | module m\\ngo 1.29.0\\n              | go1.29.0",
      "go1.30.0+auto    | go1.27.3 | module m\\ngo 1.21\\ntoolchain default\\n | go1.30.0",
      "''               | go1.27.3 | module m\\ngo 1.30.0\\n              | local go1.27.3",
  })
  void selectsAsGoDoes(String gotoolchain, String local, String gomod, String expected) {
    assertEquals(expected, pick(gotoolchain.equals("''") ? "" : gotoolchain, local, gomod));
  }

  @Test
  void go121AcceptsAnEqualToolchainLine() {
    // go1.21 took a toolchain line >= its minimum; 1.22 on only a newer one (a custom
    // "go1.21.1-foo" minimum is kept when the file says go1.21.1).
    assertEquals("go1.21.1", pick("go1.21.1-foo+auto", "go1.21.13", "module m\ntoolchain go1.21.1\n"));
    assertEquals("go1.21.1-foo", pick("go1.21.1-foo+auto", "go1.22.12", "module m\ntoolchain go1.21.1\n"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "bash              | invalid GOTOOLCHAIN \"bash\"",
      "go1.x+auto        | invalid GOTOOLCHAIN \"go1.x+auto\": invalid minimum toolchain \"go1.x\"",
      "go1.22.0+foo      | invalid GOTOOLCHAIN \"go1.22.0+foo\": only version suffixes are +auto and +path",
      "local+            | invalid GOTOOLCHAIN \"local+\": only version suffixes are +auto and +path",
  })
  void invalidGotoolchain(String gotoolchain, String message) {
    assertEquals(message, assertThrows(InvalidToolchainException.class,
        () -> ToolchainSelection.select(gotoolchain, "go1.27.3", null, null)).getMessage());
  }

  @Test
  void invalidToolchainLine() {
    assertEquals("invalid toolchain \"1.28.0\" in /src/m/go.mod", assertThrows(InvalidToolchainException.class,
        () -> pick("auto", "go1.27.3", "module m\ntoolchain 1.28.0\n")).getMessage());
  }

  @Test
  void localToolchainNames() {
    assertEquals("go1.27.0", ToolchainSelection.localToolchain("1.27"));
    assertEquals("go1.27.3", ToolchainSelection.localToolchain("1.27.3"));
    assertEquals("go1.20", ToolchainSelection.localToolchain("1.20"));
    assertEquals("go1.22rc1", ToolchainSelection.localToolchain("go1.22rc1"));
  }

  @Test
  void forDirectoryFindsGoWorkThenGoMod(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(dir.resolve("a/go.mod"), "module m\ngo 1.28.4\n");
    GoEnv env = GoEnv.builder().environment(Map.of("HOME", dir.toString(), "GOTOOLCHAIN", "auto"))
        .noUserEnvFile().goVersion("1.27.3").build();
    ToolchainSelection s = ToolchainSelection.forDirectory(env, sub);
    assertEquals("go1.28.4", s.toolchain());
    assertEquals("1.28.4", s.release());
    assertEquals(Optional.of(dir.resolve("a/go.mod")), s.file());
    assertTrue(s.reason().contains("required by go line in"), s.reason());

    Files.writeString(dir.resolve("go.work"), "go 1.29.0\n");
    assertEquals("go1.29.0", ToolchainSelection.forDirectory(env, sub).toolchain());

    GoEnv off = GoEnv.builder().environment(Map.of("HOME", dir.toString(), "GOTOOLCHAIN", "auto", "GOWORK", "off"))
        .noUserEnvFile().goVersion("1.27.3").build();
    assertEquals("go1.28.4", ToolchainSelection.forDirectory(off, sub).toolchain());

    GoEnv old = GoEnv.builder().environment(Map.of("HOME", dir.toString(), "GOTOOLCHAIN", "auto"))
        .noUserEnvFile().goVersion("1.20").build();
    ToolchainSelection none = ToolchainSelection.forDirectory(old, sub);
    assertTrue(none.isLocal());
    assertFalse(none.file().isPresent());
  }

  /** go's own table for toolchain.newerToolchain (a data file with its source), every row. */
  @Test
  void newerToolchainAnswersGosTable() throws Exception {
    int rows = 0;
    try (java.io.InputStream in = ToolchainSelectionTest.class.getResourceAsStream("newer-toolchain-go-vectors.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        java.util.List<String> releases = f[1].equals("-") ? java.util.List.of() : java.util.List.of(f[1].split(" "));
        Optional<String> want = f[2].equals("-") ? Optional.empty() : Optional.of(f[2]);
        assertEquals(want, ToolchainSelection.newerToolchain(f[0], releases), line);
        rows++;
      }
    }
    assertEquals(31, rows, "rows read");
  }

  /** Families other than go's table: a lone prerelease family after a release, a release list of one. */
  @ParameterizedTest(name = "need {0} of [{1}]")
  @CsvSource(delimiter = '|', value = {
      "1.23   | 1.21.13 1.22.12 1.23.5 1.24.4      | go1.23.5",
      "1.24   | 1.21.13 1.22.12 1.23.5 1.24.4      | go1.24.4",
      "1.24.1 | 1.21.13 1.22.12 1.23.5 1.24.4      | go1.24.4",
      "1.22   | 1.21.13 1.22.12 1.23.5 1.24rc1     | go1.22.12",
      "1.24   | 1.21.13 1.22.12 1.23.5 1.24rc1     | go1.24rc1",
      "1.19   | 1.24.4                             | go1.24.4",
      "1.99   | 1.24.4                             | -",
  })
  void newerToolchainPrefersTheFamilyBeforeTheNewest(String need, String releases, String want) {
    assertEquals(want.equals("-") ? Optional.empty() : Optional.of(want),
        ToolchainSelection.newerToolchain(need, java.util.List.of(releases.trim().split(" +"))));
  }

  private static final String[] GOTOOLCHAIN_PIECES = {"auto", "local", "path", "+", "+", "go1.21", "go1.27.3",
      "go1.28.1", "go", "1.21", "", " ", "\u00e9", "\u0000", "-custom", "x".repeat(200), "go1.22rc1", "min", "\t"};
  private static final String[] GO_LINE_PIECES = {"1.21", "1.28.1", "1.x", "", "go1.29", "1.30rc1", "\u00e9",
      "1", "1.21.0.0", "-", "default", "go1.99-custom", "x".repeat(100)};

  static java.util.stream.LongStream seeds() {
    return java.util.stream.LongStream.rangeClosed(1, 30);
  }

  /**
   * select on seeded random GOTOOLCHAIN values and go.mod go/toolchain lines: a selection naming a
   * toolchain, or InvalidToolchainException quoting the value it refused; never anything else.
   */
  @ParameterizedTest(name = "seed={0}")
  @org.junit.jupiter.params.provider.MethodSource("seeds")
  void selectOnRandomInputRefusesWithGosMessageOrSelects(long seed) {
    System.out.println("ToolchainSelectionTest seed=" + seed);
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = 0; i < 200; i++) {
      StringBuilder g = new StringBuilder();
      for (int k = r.nextInt(4); k > 0; k--) {
        g.append(GOTOOLCHAIN_PIECES[r.nextInt(GOTOOLCHAIN_PIECES.length)]);
      }
      String gotoolchain = g.toString();
      String goLine = GO_LINE_PIECES[r.nextInt(GO_LINE_PIECES.length)];
      String toolchainLine = r.nextBoolean() ? "" : "toolchain " + GO_LINE_PIECES[r.nextInt(GO_LINE_PIECES.length)] + "\n";
      String gomod = r.nextInt(4) == 0 ? null : "module m\ngo " + goLine + "\n" + toolchainLine;
      String ctx = "seed=" + seed + " GOTOOLCHAIN=" + gotoolchain + " go.mod=" + gomod;
      try {
        ToolchainSelection s = ToolchainSelection.select(gotoolchain, "go1.27.3", MOD,
            gomod == null ? null : gomod.getBytes(StandardCharsets.UTF_8));
        assertTrue(s.toolchain().startsWith("go") || s.toolchain().contains("-go"), ctx + ": " + s);
        assertFalse(s.reason().isEmpty(), ctx);
      } catch (InvalidToolchainException e) {
        String m = e.getMessage();
        boolean named = m.startsWith("invalid GOTOOLCHAIN ") || m.startsWith("invalid toolchain ");
        assertTrue(named, ctx + ": " + m);
        boolean printable = gotoolchain.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (m.startsWith("invalid GOTOOLCHAIN ") && printable) {
          assertTrue(m.contains("\"" + gotoolchain + "\""), ctx + ": " + m);
        }
      } catch (RuntimeException e) {
        org.junit.jupiter.api.Assertions.fail(ctx + ": " + e, e);
      }
    }
  }
}
