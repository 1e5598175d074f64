package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of {@link PseudoVersion} over seeded random inputs (the seed is in the test name). */
class PseudoVersionPropertyTest {
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("io.github.goproxy4j.module.RandomInputs#seeds")
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
}
