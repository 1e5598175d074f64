package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of {@link ModulePath} over seeded random inputs (the seed is in the test name). */
class ModulePathPropertyTest {
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("io.github.goproxy4j.module.RandomInputs#seeds")
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
}
