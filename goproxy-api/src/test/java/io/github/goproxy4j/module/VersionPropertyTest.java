package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoUtf8;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of {@link Version} over seeded random inputs (the seed is in the test name). */
class VersionPropertyTest {
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("io.github.goproxy4j.module.RandomInputs#seeds")
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
  @MethodSource("io.github.goproxy4j.module.RandomInputs#seeds")
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
  @MethodSource("io.github.goproxy4j.module.RandomInputs#seeds")
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

  /** Version.sortStrings orders equal versions by Go's byte order of their strings (GoUtf8.compare). */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("io.github.goproxy4j.module.RandomInputs#seeds")
  void sortTieBreakIsGoByteOrder(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 3000; i++) {
      String a = RandomInputs.any(r);
      String b = r.nextInt(4) == 0 ? a : RandomInputs.maybeMutate(r, r.nextBoolean() ? a : RandomInputs.any(r));
      int want = Integer.signum(java.util.Arrays.compareUnsigned(XMod.encodeWtf8(a), XMod.encodeWtf8(b)));
      assertEquals(want, Integer.signum(GoUtf8.compare(a, b)), GoQuote.quote(a) + " vs " + GoQuote.quote(b));
    }
  }
}
