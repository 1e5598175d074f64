package io.github.goproxy4j.module;

import io.github.goproxy4j.testing.GoTool;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@code <Class>XModTest} checks of the x/mod functions its class answers: x/mod
 * v0.7.0's recorded answers ({@link XModVectors}) and the live x/mod on seeded random inputs
 * ({@link XModOracle}). Subclasses add the assertions of x/mod's own test tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class XModAgreementTest {
  private final String javaClass;

  /** @param javaClass the simple name of the Java class under test */
  XModAgreementTest(String javaClass) {
    this.javaClass = javaClass;
  }

  Stream<String> functions() {
    return XModVectors.functionsOf(javaClass).stream();
  }

  /** Every line of xmod-vectors.tsv for the class's functions: x/mod v0.7.0's answers. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void agreesWithXModVectors(String func) {
    XModVectors.assertAgree(func);
  }

  Stream<Long> seeds() {
    return XModOracle.seeds();
  }

  /** Seeded random and mutated inputs answered by the real x/mod (skipped without go and x/mod). */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void agreesWithXModOnRandomInputs(long seed) {
    GoTool.assumeXMod();
    XModOracle.assertAgree(seed, javaClass);
  }
}
