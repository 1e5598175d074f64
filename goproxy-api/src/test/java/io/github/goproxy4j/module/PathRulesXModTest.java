package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.testing.GoTool;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PathRules} against golang.org/x/mod (module.SplitPathVersion and CheckPathMajor): x/mod
 * v0.7.0's recorded answers ({@code xmod-vectors.tsv}, made by {@code tools/xmod-vectors}),
 * x/mod's own test tables ({@code xmod-test-tables.tsv}) and, where go and x/mod are installed,
 * the live x/mod on seeded random inputs.
 */
class PathRulesXModTest {
  static Stream<String> functions() {
    return XModVectors.functionsOf("PathRules").stream();
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
    XModOracle.assertAgree(seed, "PathRules");
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void splitPathVersion() {
    for (List<String> r : XModTables.table("splitPathVersionTests", 8)) {
      String path = r.get(0) + r.get(1);
      assertEquals(r.get(0).length(), PathRules.splitPathVersion(path), path);
      ModulePath p = ModulePath.parse(path);
      assertEquals(r.get(0), p.prefix());
      assertEquals(r.get(1), p.majorSuffix().orElse(""));
    }
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void matchPathMajor() {
    for (List<String> r : XModTables.table("TestMatchPathMajor", 11)) {
      assertEquals(Boolean.parseBoolean(r.get(2)),
          PathRules.checkPathMajorReason(r.get(0), r.get(1)) == null, r.toString());
    }
  }
}
