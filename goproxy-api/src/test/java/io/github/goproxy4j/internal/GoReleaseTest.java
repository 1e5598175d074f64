package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoReleaseTest {

  static Stream<Arguments> vectors() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (InputStream in = GoReleaseTest.class.getResourceAsStream("gover-vectors.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (!line.startsWith("#") && !line.isEmpty()) {
          String[] v = line.split("\t", -1);
          out.add(Arguments.of(String.join(" | ", v), v));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void goVectors(String name, String[] v) {
    switch (v[0]) {
      case "compare":
        assertEquals(Integer.parseInt(v[3]), GoRelease.compare(v[1], v[2]));
        assertEquals(-Integer.parseInt(v[3]), GoRelease.compare(v[2], v[1]));
        break;
      case "parse": {
        GoRelease r = GoRelease.parse(v[1]).orElseThrow();
        assertEquals(List.of(v[2], v[3], v[4], v[5], v[6]), r.components());
        assertEquals(v[1], r.toString());
        break;
      }
      case "lang":
        assertEquals(v[2], GoRelease.lang(v[1]));
        break;
      case "isLang":
        assertEquals(Boolean.parseBoolean(v[2]), GoRelease.isLang(v[1]));
        break;
      case "isValid":
        assertEquals(Boolean.parseBoolean(v[2]), GoRelease.isValid(v[1]));
        assertEquals(Boolean.parseBoolean(v[2]), GoRelease.parse(v[1]).isPresent());
        break;
      case "prev":
        assertEquals(v[2], GoRelease.prev(v[1]));
        break;
      case "fromToolchain":
        assertEquals(v[2], GoRelease.fromToolchain(v[1]));
        break;
      default:
        throw new AssertionError("unknown vector " + v[0]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "x", "01.2", "1.02", "1.2.03", "1.2.", "1.", ".1", "1.2RC1", "1.2-rc1",
      "1.2.3rc1", "1.2rc01", "go1.2", "v1.2", "1.2 ", " 1.2", "1.2.3.4", "1.2rc1x"})
  void invalid(String v) {
    assertFalse(GoRelease.isValid(v));
    assertEquals(0, GoRelease.compare(v, ""));
    assertEquals(-1, GoRelease.compare(v, "0"));
  }

  @Test
  void kindWithoutNumber() {
    // gover accepts a kind without a number: 1.21rc sorts before 1.21rc1.
    assertEquals(List.of("1", "21", "", "rc", ""), GoRelease.parse("1.21rc").orElseThrow().components());
    assertEquals(-1, GoRelease.compare("1.21rc", "1.21rc1"));
  }

  @Test
  void maxAndToolchainVersions() {
    assertEquals("1.21.0", GoRelease.max("1.21rc1", "1.21.0"));
    assertEquals("1.21", GoRelease.max("1.21", "x"));
    assertEquals("1.21.3", GoRelease.maybeToolchainVersion("go1.21.3"));
    assertEquals("1.21.3", GoRelease.maybeToolchainVersion("1.21.3"));
    assertEquals("", GoRelease.maybeToolchainVersion("v1.21.3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.19", "go1.19", "1.19.13", "1.21rc1", "go1.21.3", "1.25", "1.27", "1.27.0"})
  void modelledReleases(String v) {
    GoRelease r = GoRelease.modelled(v);
    assertFalse(r.isNewerThanModelled());
    assertEquals(v.replaceFirst("^go", ""), r.toString());
    assertEquals(Integer.parseInt(r.components().get(1)), r.behaviourMinor());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.28", "go1.28.1", "1.30rc2", "1.99999999999999999999"})
  void newerReleasesBehaveAsNewest(String v) {
    GoRelease r = GoRelease.modelled(v);
    assertTrue(r.isNewerThanModelled());
    assertEquals(27, r.behaviourMinor());
    assertTrue(r.atLeast(27));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.18", "1.18.10", "1", "1.0", "2.0", "", "x", "go", "1.x", "v1.21", "1.21-rc1"})
  void unsupported(String v) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoRelease.modelled(v));
    assertEquals("unsupported go version \"" + v + "\": must be a Go release 1.19 or later, such as 1.19,"
        + " 1.21.3, 1.22rc1 or 1.27 (1.19 to 1.27 are modelled)", e.getMessage());
  }

  @Test
  void atLeast() {
    assertTrue(GoRelease.modelled("1.24.0").atLeast(24));
    assertTrue(GoRelease.modelled("1.24rc1").atLeast(24));
    assertFalse(GoRelease.modelled("1.23.9").atLeast(24));
    assertTrue(GoRelease.modelled("1.100").atLeast(99));
  }

  @Test
  void includesFixByLine() {
    String[] fix = {"1.24.8", "1.25.2"};
    assertFalse(GoRelease.modelled("1.24.4").includesFix(fix));
    assertTrue(GoRelease.modelled("1.24.8").includesFix(fix));
    assertTrue(GoRelease.modelled("1.24").includesFix(fix));
    assertFalse(GoRelease.modelled("1.25.1").includesFix(fix));
    assertFalse(GoRelease.modelled("1.25rc2").includesFix(fix));
    assertTrue(GoRelease.modelled("1.26.0").includesFix(fix));
    assertTrue(GoRelease.modelled("1.26rc1").includesFix(fix));
    assertFalse(GoRelease.modelled("1.23.12").includesFix(fix));
    assertFalse(GoRelease.modelled("1.19").includesFix(fix));
    assertTrue(GoRelease.modelled("1.26").includesFix("1.26.0"));
    assertFalse(GoRelease.modelled("1.25.9").includesFix("1.26.0"));
  }

  static LongStream seeds() {
    return LongStream.of(1, 2, 3);
  }

  /** The order is antisymmetric and transitive over random releases, prereleases and patches. */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void orderIsConsistent(long seed) {
    Random rnd = new Random(seed);
    String[] kinds = {"alpha", "beta", "rc"};
    List<String> vs = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      String v = "1." + (18 + rnd.nextInt(5));
      int shape = rnd.nextInt(3);
      if (shape == 1) {
        v += "." + rnd.nextInt(3);
      } else if (shape == 2) {
        v += kinds[rnd.nextInt(3)] + (1 + rnd.nextInt(2));
      }
      vs.add(v);
    }
    for (String a : vs) {
      for (String b : vs) {
        assertEquals(-GoRelease.compare(a, b), GoRelease.compare(b, a), a + " vs " + b);
        String c = vs.get(rnd.nextInt(vs.size()));
        if (GoRelease.compare(a, b) <= 0 && GoRelease.compare(b, c) <= 0) {
          assertTrue(GoRelease.compare(a, c) <= 0, a + " <= " + b + " <= " + c);
        }
      }
    }
  }
}
