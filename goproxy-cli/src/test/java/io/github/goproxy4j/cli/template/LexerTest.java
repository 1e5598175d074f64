package io.github.goproxy4j.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.cli.template.ListVectors.Run;
import io.github.goproxy4j.cli.template.ListVectors.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Lexer}: go's items, trim markers and comments, and go's lexing errors per release. */
class LexerTest {
  private static List<String> items(String text, int minor) {
    Lexer l = new Lexer(text, minor);
    List<String> out = new ArrayList<>();
    for (Lexer.Item i = l.nextItem(); ; i = l.nextItem()) {
      out.add(i.type() + ":" + i.val());
      if (i.type() == Lexer.Type.EOF || i.type() == Lexer.Type.ERROR) {
        return out;
      }
    }
  }

  @Test
  void trimMarkersEatTheSpaceBesideThem() {
    assertEquals(List.of("TEXT:a", "LEFT_DELIM:{{", "FIELD:.Path", "RIGHT_DELIM:}}", "TEXT:b", "EOF:"),
        items("a \n {{- .Path -}} \t b", 27));
    // a comment with trim markers leaves nothing; -3 is a number, not a marker
    assertEquals(List.of("TEXT:x", "TEXT:y", "EOF:"), items("x {{- /* c */ -}} y", 27));
    assertEquals(List.of("LEFT_DELIM:{{", "NUMBER:-3", "RIGHT_DELIM:}}", "EOF:"), items("{{-3}}", 27));
  }

  @Test
  void aStrayRightParenPerRelease() {
    // go1.19's lexer sent the paren (the parser then says: unexpected ")"), go1.20 on its error
    assertEquals(List.of("LEFT_DELIM:{{", "RIGHT_PAREN:)"), items("{{)}}", 19).subList(0, 2));
    assertEquals(List.of("LEFT_DELIM:{{", "ERROR:unexpected right paren"), items("{{)}}", 21));
  }

  @Test
  void itemsPrintAsInGoErrors() {
    assertEquals("\"0123456789\"...", new Lexer.Item(Lexer.Type.TEXT, 0, "0123456789abc", 1).toString());
    assertEquals("<if>", new Lexer.Item(Lexer.Type.IF, 0, "if", 1).toString());
    assertEquals("EOF", new Lexer.Item(Lexer.Type.EOF, 0, "", 1).toString());
    assertEquals("\"|\"", new Lexer.Item(Lexer.Type.PIPE, 0, "|", 1).toString());
  }

  static Stream<Vector> lexingErrors() {
    return ListVectors.load(v -> v.err().matches("(?s)template: main:\\d+: (unclosed|unterminated|bad number"
        + "|bad character|unexpected right paren|unrecognized|expected :=|comment ends).*")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lexingErrors")
  void lexingErrorsAsGo(Vector v) {
    assertEquals(new Run(v.out(), v.err(), v.status()), ListVectors.list(v.template(), v.release()));
  }
}
