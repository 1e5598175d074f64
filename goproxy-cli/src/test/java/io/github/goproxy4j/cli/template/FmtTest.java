package io.github.goproxy4j.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

  /**
   * Explicit argument indexes and {@code *} widths and precisions as fmt's doc has them: an index
   * selects the operand and the ones after it, a bad one is {@code %!v(BADINDEX)} for its verb, a
   * reordered call reports no EXTRA operands, a non-int {@code *} is {@code %!(BADWIDTH)} or
   * {@code %!(BADPREC)}, a negative width pads on the right.
   */
  @Test
  void argumentIndexesAndStars() {
    GoValue a = GoValue.of("a");
    GoValue b = GoValue.of("b");
    assertEquals("b a", Fmt.sprintf("%[2]s %[1]s", args(a, b)));
    assertEquals("a b", Fmt.sprintf("%[1]s %s", args(a, b)));
    assertEquals("%!s(BADINDEX)", Fmt.sprintf("%[3]s", args(a, b)));
    assertEquals("%!s(BADINDEX)", Fmt.sprintf("%[0]s", args(a)));
    assertEquals("%!d(BADINDEX)", Fmt.sprintf("%[1]2d", args(GoValue.ofInt(5))));
    assertEquals("2 %!d(MISSING)", Fmt.sprintf("%[2]d %d", args(GoValue.ofInt(1), GoValue.ofInt(2))));
    assertEquals("a%!(EXTRA string=b)", Fmt.sprintf("%s", args(a, b)));
    assertEquals("   42|42   |", Fmt.sprintf("%*d|%-*d|", args(GoValue.ofInt(5), GoValue.ofInt(42), GoValue.ofInt(5),
        GoValue.ofInt(42))));
    assertEquals("42   |", Fmt.sprintf("%*d|", args(GoValue.ofInt(-5), GoValue.ofInt(42))));
    assertEquals("%!(BADWIDTH)b|", Fmt.sprintf("%*s|", args(a, b)));
    assertEquals("%!(BADPREC)b|", Fmt.sprintf("%.*s|", args(a, b)));
    assertEquals("ab|", Fmt.sprintf("%.*s|", args(GoValue.ofInt(2), GoValue.of("abc"))));
    assertEquals("   7|", Fmt.sprintf("%[2]*[1]d|", args(GoValue.ofInt(7), GoValue.ofInt(4))));
    assertEquals("%!(NOVERB)", Fmt.sprintf("%[1]", args(a)));
    assertEquals("%!(BADWIDTH)1|", Fmt.sprintf("%*d|", args(GoValue.ofInt(10_000_001), GoValue.ofInt(1))));
  }

  /** {@code %#v}: Go syntax for the values a list template reaches, addresses refused. */
  @Test
  void goSyntax() {
    assertEquals("\"a\\\"b\"|true|-7|0x61|1.5", Fmt.sprintf("%#v|%#v|%#v|%#v|%#v", args(GoValue.of("a\"b"),
        GoValue.of(true), GoValue.ofInt(-7), new GoValue(GoValue.UINT8, 0x61L, false),
        new GoValue(GoValue.FLOAT64, 1.5, false))));
    assertEquals("[]string{\"a\", \"b\"}|[]string(nil)", Fmt.sprintf("%#v|%#v",
        args(GoValue.strings(List.of("a", "b")), GoValue.nilStrings())));
    // a nil *time.Time's GoString panics (fmt's <nil>); a nil pointer without GoString is typed
    assertEquals("<nil>|(*modinfo.ModulePublic)(nil)", Fmt.sprintf("%#v|%#v", args(
        new GoValue(ModulePublic.TIME_PTR, null, false), new GoValue(ModulePublic.pointerType(27), null, false))));
    assertEquals("time.Date(2023, time.April, 5, 6, 7, 8, 123400000, time.UTC)", Fmt.sprintf("%#v", args(
        ModulePublic.time(java.time.OffsetDateTime.parse("2023-04-05T06:07:08.1234Z")))));
    assertThrows(Template.Unsupported.class, () -> Fmt.sprintf("%#v", args(GoValue.strings(List.of()))));
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
