package io.github.goproxy4j.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.cli.template.ListVectors.Run;
import io.github.goproxy4j.cli.template.ListVectors.Vector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Template}: every recorded {@code go list -m -f} run (go1.19, go1.21, go1.27; 458
 * templates each: fields, pipelines, variables, if/with/range/else, break/continue, the
 * builtins, printf's verbs, trim markers, comments, quoted strings and character constants with
 * their escapes, {{define}}, {{block}} and {{template}}, parse and execution errors) gives go's
 * standard output, standard error and exit status; and what goproxy refuses.
 */
class TemplateTest {
  static Stream<Vector> vectors() {
    return ListVectors.load(v -> true).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void listsAsGo(Vector v) {
    assertEquals(new Run(v.out(), v.err(), v.status()), ListVectors.list(v.template(), v.release()));
  }

  @Test
  void vectorsCoverEachRelease() {
    List<Vector> all = ListVectors.load(v -> true);
    for (String r : List.of("1.19", "1.21", "1.27")) {
      assertEquals(458, all.stream().filter(v -> v.release().equals(r)).count(), r);
    }
    assertTrue(all.stream().filter(ListVectors::parseError).count() > 30);
    assertTrue(all.stream().filter(ListVectors::execError).count() > 60);
  }

  /**
   * List's context function without a build context, module's path@version without a build, addresses (%p; %#v, %d and a bad verb's value
   * of a module whose Replace is set: go prints the Replace pointer's address), %#w and the rest not
   * modelled: goproxy's refusal, not a wrong answer.
   */
  @Test
  void refusesWhatItDoesNotModel() {
    for (String t : List.of("{{\"\\xff\"}}", "{{printf \"%q\" \"a\\303\"}}", "{{define \"\\xff\"}}{{end}}")) {
      Template.Unsupported e = assertThrows(Template.Unsupported.class, () -> Template.parse(t, "1.27"));
      assertTrue(e.getMessage().endsWith(" in -f templates is not supported: goproxy does not do what go does with it"),
          e.getMessage());
    }
    for (String t : List.of("{{context}}", "{{module \"x@v1.0.0\"}}", "{{module \"x@latest\"}}", "{{printf \"%p\" .}}", "{{printf \"%#v\" .}}",
        "{{printf \"%#w\" .Path}}", "{{printf \"%w\" .}}", "{{printf \"%d\" .}}",
        "{{.Time.Month}}", "{{1i}}")) {
      Template.Unsupported e = assertThrows(Template.Unsupported.class,
          () -> Template.parse(t, "1.27").execute(ListVectors.modules().get(1)), t);
      assertTrue(e.getMessage().contains("is not supported"), e.getMessage());
    }
  }
}
