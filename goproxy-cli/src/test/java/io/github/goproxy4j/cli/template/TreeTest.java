package io.github.goproxy4j.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.goproxy4j.cli.template.ListVectors.Vector;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Tree}: go's parse errors (recorded from go1.19, go1.21, go1.27), node texts and positions. */
class TreeTest {
  private static final Set<String> FUNCS = Set.of("printf", "len", "join", "eq");

  static Stream<Vector> parseErrors() {
    return ListVectors.load(ListVectors::parseError).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseErrors")
  void parseErrorsAsGo(Vector v) {
    Template.ParseException e = assertThrows(Template.ParseException.class, () -> Template.parse(v.template(), v.release()));
    assertEquals(v.err(), e.getMessage() + "\n");
    assertEquals(1, v.status());
  }

  @Test
  void nodesPrintAsGoPrintsThem() {
    Tree t = new Tree("{{$x := .Path | printf \"%s\" (len .A.B) | eq 'a' 0x1F}}{{if .X}}a{{else}}b{{end}}", 27, FUNCS);
    assertEquals("{{$x := .Path | printf \"%s\" (len .A.B) | eq 'a' 0x1F}}{{if .X}}a{{else}}b{{end}}", t.root.toString());
  }

  @Test
  void elseWithFromGo123() {
    String text = "{{with .A}}a{{else with .B}}b{{end}}";
    assertEquals("{{with .A}}a{{else}}{{with .B}}b{{end}}{{end}}", new Tree(text, 23, FUNCS).root.toString());
    Tree.ParseError e = assertThrows(Tree.ParseError.class, () -> new Tree(text, 21, FUNCS));
    assertEquals("template: main:1: unexpected <with> in else", e.getMessage());
  }

  @Test
  void locationsCountBytes() {
    Tree t = new Tree("é\n  ä{{.X}}", 27, FUNCS);
    Tree.Node action = t.root.nodes.get(1);
    // an action is where its pipeline starts, after {{; ä is two bytes, as in go's column
    assertEquals("main:2:6", t.location(action));
  }
}
