package io.github.goproxy4j.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.cli.template.ListVectors.Run;
import io.github.goproxy4j.cli.template.ListVectors.Vector;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Fmt}: the recorded runs that print through fmt (print, printf, println, html, js,
 * urlquery: verbs, flags, widths, bad verbs, missing and extra arguments, nil pointers, structs,
 * slices), and fmt's rules checked directly.
 */
class FmtTest {
  static Stream<Vector> printing() {
    return ListVectors.load(v -> v.template().matches(".*\\b(print|printf|println|html|js|urlquery)\\b.*")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("printing")
  void printsAsGo(Vector v) {
    assertEquals(new Run(v.out(), v.err(), v.status()), ListVectors.list(v.template(), v.release()));
  }

  private static List<GoValue> args(GoValue... a) {
    return Arrays.asList(a);
  }

  @Test
  void sprintfAsGo() {
    assertEquals("%!d(string=x) %!s(MISSING)", Fmt.sprintf("%d %s", args(GoValue.of("x"))));
    assertEquals("a%!(EXTRA int=3, bool=true)", Fmt.sprintf("a", args(GoValue.ofInt(3), GoValue.of(true))));
    assertEquals("%!(NOVERB)", Fmt.sprintf("%", args()));
    assertEquals("[a b] <nil>", Fmt.sprintf("%v %v", args(GoValue.strings(List.of("a", "b")), null)));
    assertEquals("[\"a\" \"b\"]", Fmt.sprintf("%q", args(GoValue.strings(List.of("a", "b")))));
    assertEquals("  -42|-0042|+7", Fmt.sprintf("%5d|%05d|%+d", args(GoValue.ofInt(-42), GoValue.ofInt(-42),
        GoValue.ofInt(7))));
  }

  /** Sprint puts a space between two operands when neither is a string; Sprintln always. */
  @Test
  void sprintSpacing() {
    assertEquals("1 2ab3", Fmt.sprint(args(GoValue.ofInt(1), GoValue.ofInt(2), GoValue.of("a"), GoValue.of("b"),
        GoValue.ofInt(3))));
    assertEquals("1 2 a\n", Fmt.sprintln(args(GoValue.ofInt(1), GoValue.ofInt(2), GoValue.of("a"))));
  }

  /** %v of a float64: the shortest digits, %e form below 1e-4 and from 1e21... as strconv's 'g' with -1 (from 1e6). */
  @Test
  void shortestFloats() {
    assertEquals("100000", Fmt.shortest(1e5));
    assertEquals("1e+06", Fmt.shortest(1e6));
    assertEquals("1.5e+08", Fmt.shortest(1.5e8));
    assertEquals("0.0001", Fmt.shortest(1e-4));
    assertEquals("1e-05", Fmt.shortest(1e-5));
    assertEquals("0.1", Fmt.shortest(0.1));
    assertEquals("-2.5", Fmt.shortest(-2.5));
  }
}
