package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoUtf8;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the module model over seeded random inputs (the seed is in the test name). */
class ModulePropertiesTest {
  static LongStream seeds() {
    return LongStream.of(1, 2, 3, 0xC0FFEE);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void pathEscapingRoundTrips(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int valid = 0;
    for (int i = 0; i < 3000; i++) {
      String s = RandomInputs.validishPath(r);
      if (!ModulePath.isValid(s)) {
        continue;
      }
      valid++;
      ModulePath p = ModulePath.parse(s);
      String e = p.escaped();
      assertFalse(e.chars().anyMatch(c -> c >= 'A' && c <= 'Z'), e);
      assertEquals(p, ModulePath.unescape(e), s);
      assertEquals(s, p.prefix() + p.majorSuffix().orElse(""), s);
      assertEquals(p.escaped(), ModulePath.escape(s));
    }
    assertTrue(valid > 600, "generator produced too few valid paths: " + valid);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void versionEscapingRoundTrips(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 3000; i++) {
      String s = RandomInputs.any(r);
      String e;
      try {
        e = Version.escape(s);
      } catch (InvalidVersionException ex) {
        continue;
      }
      assertEquals(s, Version.unescape(e), s);
      if (Version.isValid(s)) {
        assertEquals(e, Version.parse(s).escaped());
      }
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void canonicalIsIdempotent(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 3000; i++) {
      String s = RandomInputs.version(r);
      if (!Version.isValid(s)) {
        continue;
      }
      Version v = Version.parse(s);
      Version c = v.canonical();
      assertTrue(c.isCanonical(), s);
      assertSame(c, c.canonical(), s);
      assertEquals(0, v.compareTo(c), s);
      assertEquals(v.isCanonical(), v.equals(c), s);
      assertEquals(v.isIncompatible(), c.isIncompatible(), s);
      assertEquals(c.semverCanonical(), Version.parse(c.semverCanonical()).semverCanonical());
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void compareIsATotalOrderConsistentWithCanonicalEquality(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Version> vs = new ArrayList<>();
    while (vs.size() < 200) {
      String s = r.nextInt(3) == 0 ? RandomInputs.pseudo(r) : RandomInputs.validishVersion(r);
      if (Version.isValid(s)) {
        vs.add(Version.parse(s));
      }
    }
    for (Version a : vs) {
      for (Version b : vs) {
        int ab = Integer.signum(a.compareTo(b));
        assertEquals(-ab, Integer.signum(b.compareTo(a)), a + " vs " + b);
        assertEquals(ab == 0, a.semverCanonical().equals(b.semverCanonical()), a + " vs " + b);
        assertEquals(ab, Version.compare(a.toString(), b.toString()), a + " vs " + b);
      }
    }
    for (int k = 0; k < 10_000; k++) {
      Version a = vs.get(r.nextInt(vs.size()));
      Version b = vs.get(r.nextInt(vs.size()));
      Version c = vs.get(r.nextInt(vs.size()));
      if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
        assertTrue(a.compareTo(c) <= 0, a + " <= " + b + " <= " + c);
      }
    }
    // Sorting agrees with pairwise comparison, and invalid strings sort first.
    List<String> strings = new ArrayList<>();
    vs.forEach(v -> strings.add(v.toString()));
    for (int k = 0; k < 50; k++) {
      strings.add(RandomInputs.maybeMutate(r, RandomInputs.version(r)));
    }
    Collections.shuffle(strings, new java.util.Random(seed));
    List<String> sorted = new ArrayList<>(strings);
    Version.sortStrings(sorted);
    assertEquals(new HashSet<>(strings), new HashSet<>(sorted));
    for (int k = 1; k < sorted.size(); k++) {
      String x = sorted.get(k - 1);
      String y = sorted.get(k);
      int c = Version.compare(x, y);
      assertTrue(c < 0 || (c == 0 && GoUtf8.compare(x, y) <= 0), x + " before " + y);
    }
    List<Version> sortedVersions = new ArrayList<>(vs);
    Version.sort(sortedVersions);
    for (int k = 1; k < sortedVersions.size(); k++) {
      assertTrue(sortedVersions.get(k - 1).compareTo(sortedVersions.get(k)) <= 0);
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void stringOrderIsGoByteOrder(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 3000; i++) {
      String a = RandomInputs.any(r);
      String b = r.nextInt(4) == 0 ? a : RandomInputs.maybeMutate(r, r.nextBoolean() ? a : RandomInputs.any(r));
      int want = Integer.signum(java.util.Arrays.compareUnsigned(XMod.encodeWtf8(a), XMod.encodeWtf8(b)));
      assertEquals(want, Integer.signum(GoUtf8.compare(a, b)), GoQuote.quote(a) + " vs " + GoQuote.quote(b));
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void pseudoVersionsRoundTrip(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 3000; i++) {
      String older = r.nextInt(3) == 0 ? "" : RandomInputs.validishVersion(r);
      if (!older.isEmpty() && !Version.isValid(older)) {
        continue;
      }
      String major = "v" + r.nextInt(4);
      Instant t = Instant.ofEpochSecond(r.nextLong(-62_135_596_800L, 253_402_300_799L));
      String rev = Long.toHexString(r.nextLong() >>> 16);
      PseudoVersion p = PseudoVersion.of(major, older, t, rev);
      assertTrue(p.version().isPseudo(), p.toString());
      assertTrue(p.version().isPrerelease(), p.toString());
      assertEquals(p, PseudoVersion.parse(p.toString()));
      assertEquals(t, p.time());
      assertEquals(rev, p.revision());
      if (older.isEmpty()) {
        assertEquals(major, p.version().major());
        assertFalse(p.base().isPresent());
      } else {
        Version o = Version.parse(older);
        assertEquals(o.semverCanonical() + o.build(), p.base().orElseThrow().toString(), older);
        assertTrue(p.version().compareTo(o) > 0, p + " > " + older);
      }
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void moduleVersionsRoundTrip(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int ok = 0;
    for (int i = 0; i < 3000; i++) {
      String path = RandomInputs.validishPath(r);
      String v = r.nextBoolean() ? RandomInputs.validishVersion(r) : RandomInputs.version(r);
      ModuleVersion mv;
      try {
        mv = ModuleVersion.of(path, v);
      } catch (InvalidModulePathException | InvalidVersionException e) {
        continue;
      }
      ok++;
      assertEquals(mv, ModuleVersion.parse(mv.toString()));
      assertEquals(mv.hashCode(), ModuleVersion.parse(mv.toString()).hashCode());
      assertTrue(mv.path().matchesMajor(mv.version()));
    }
    assertTrue(ok > 300, "too few valid module versions: " + ok);
  }
}
