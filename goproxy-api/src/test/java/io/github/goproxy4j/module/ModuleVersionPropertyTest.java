package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of {@link ModuleVersion} over seeded random inputs (the seed is in the test name). */
class ModuleVersionPropertyTest {
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("io.github.goproxy4j.module.RandomInputs#seeds")
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
