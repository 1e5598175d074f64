package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.goproxy4j.testing.GoTool;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ModuleVersion} against golang.org/x/mod (module.Check): x/mod v0.7.0's recorded answers
 * ({@code xmod-vectors.tsv}, made by {@code tools/xmod-vectors}), x/mod's own test tables ({@code
 * xmod-test-tables.tsv}) and, where go and x/mod are installed, the live x/mod on seeded random
 * inputs.
 */
class ModuleVersionXModTest {
  static Stream<String> functions() {
    return XModVectors.functionsOf("ModuleVersion").stream();
  }

  /** Every line of xmod-vectors.tsv for this class's functions: x/mod v0.7.0's answers. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void agreesWithXModVectors(String func) {
    XModVectors.assertAgree(func);
  }

  static Stream<Long> seeds() {
    return XModOracle.seeds();
  }

  /** Seeded random and mutated inputs answered by the real x/mod (skipped without go and x/mod). */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void agreesWithXModOnRandomInputs(long seed) {
    GoTool.assumeXMod();
    XModOracle.assertAgree(seed, "ModuleVersion");
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void check() {
    for (List<String> r : XModTables.table("checkTests", 20)) {
      boolean ok = Boolean.parseBoolean(r.get(2));
      if (ok) {
        assertDoesNotThrow(() -> ModuleVersion.of(r.get(0), r.get(1)), r.toString());
      } else {
        assertThrows(IllegalArgumentException.class, () -> ModuleVersion.of(r.get(0), r.get(1)),
            r.toString());
      }
    }
  }
}
