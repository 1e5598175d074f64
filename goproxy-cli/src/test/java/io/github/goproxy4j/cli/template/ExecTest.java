package io.github.goproxy4j.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.cli.template.ListVectors.Run;
import io.github.goproxy4j.cli.template.ListVectors.Vector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Exec}: go's execution errors (recorded from go1.19, go1.21, go1.27: unknown fields, nil
 * pointers, wrong argument counts and types, comparisons, index, range over an integer from
 * go1.24) with the output written before them, and go's truth.
 */
class ExecTest {
  static Stream<Vector> execErrors() {
    return ListVectors.load(ListVectors::execError).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("execErrors")
  void execErrorsAsGo(Vector v) {
    assertEquals(new Run(v.out(), v.err(), v.status()), ListVectors.list(v.template(), v.release()));
  }

  @Test
  void truthIsGos() {
    assertFalse(Exec.isTrue(null));
    assertFalse(Exec.isTrue(GoValue.of("")));
    assertTrue(Exec.isTrue(GoValue.of("x")));
    assertFalse(Exec.isTrue(GoValue.ofInt(0)));
    assertFalse(Exec.isTrue(GoValue.strings(List.of())));
    assertTrue(Exec.isTrue(GoValue.strings(List.of(""))));
    assertFalse(Exec.isTrue(new GoValue(ModulePublic.TIME_PTR, null, false)));
  }

  /** and/or stop at the first argument that decides (go1.18 on): the failing call after it is not made (go1.19's runs). */
  @Test
  void andOrShortCircuit() {
    String err = "template: main:1:%d: executing \"main\" at <index .Versions 5>: error calling index: index out of range: 5\n";
    assertEquals(new Run("true\n", String.format(err, 12), 1), ListVectors.list("{{or .Main (index .Versions 5)}}", "1.19"));
    assertEquals(new Run("false\n", String.format(err, 19), 1),
        ListVectors.list("{{and (not .Main) (index .Versions 5)}}", "1.19"));
  }
}
