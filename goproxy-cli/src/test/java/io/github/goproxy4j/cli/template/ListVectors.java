package io.github.goproxy4j.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.goproxy4j.client.ListedModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The {@code go list -m -f} runs recorded from go1.19, go1.21 and go1.27
 * ({@code list-f-vectors.jsonl}) and the same listing done with {@link Template} the way go list
 * does it: parse (an error ends it), then each module executed, a newline after each unless the
 * last byte written is one, an execution error ending it after the output written before it.
 */
final class ListVectors {
  private ListVectors() {}

  /** One recorded run. */
  record Vector(String release, String template, String out, String err, int status) {
    @Override
    public String toString() {
      return "go" + release + " " + template;
    }
  }

  /** A run's result. */
  record Run(String out, String err, int status) {}

  /** The two modules of the recorded runs: the main module and its dependency replaced by a directory. */
  static List<ListedModule> modules() {
    ListedModule main = new ListedModule("example.com/m", "", true, false, "1.17", Optional.empty(), Optional.empty(),
        List.of(), "", "", Optional.empty(), "/tmp/listf/m", "/tmp/listf/m/go.mod", "", "");
    ListedModule replacement = new ListedModule("./r", "", false, false, "1.16", Optional.empty(), Optional.empty(),
        List.of(), "", "", Optional.empty(), "/tmp/listf/m/r", "/tmp/listf/m/r/go.mod", "", "");
    ListedModule r = new ListedModule("example.com/r", "v1.0.0", false, false, "1.16", Optional.of(replacement),
        Optional.empty(), List.of(), "", "", Optional.empty(), "/tmp/listf/m/r", "/tmp/listf/m/r/go.mod", "", "");
    return List.of(main, r);
  }

  /**
   * The template function {@code module} in the recorded runs' build: its two modules as go list -m
   * lists them (the build list is the listing of all).
   */
  static Optional<ListedModule> moduleInfo(String path) {
    return modules().stream().filter(m -> m.path().equals(path)).findFirst();
  }

  /** The recorded runs that {@code keep} selects. */
  static List<Vector> load(Predicate<Vector> keep) {
    List<Vector> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        ListVectors.class.getResourceAsStream("list-f-vectors.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        JsonNode n = json.readTree(line);
        Vector v = new Vector(n.get("release").asText(), n.get("template").asText(), n.get("out").asText(),
            n.get("err").asText(), n.get("status").asInt());
        if (keep.test(v)) {
          out.add(v);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** go list -m -f over {@link #modules()} as goproxy does it; goproxy's refusals as status 2. */
  static Run list(String template, String release) {
    Template t;
    try {
      t = Template.parse(template, release);
    } catch (Template.ParseException e) {
      return new Run("", e.getMessage() + "\n", 1);
    }
    StringBuilder out = new StringBuilder();
    char last = '\n';
    for (ListedModule m : modules()) {
      String text;
      try {
        text = t.execute(m, ListVectors::moduleInfo);
      } catch (Template.ExecException e) {
        return new Run(out + e.output(), e.getMessage() + "\n", 1);
      }
      out.append(text);
      if (!text.isEmpty()) {
        last = text.charAt(text.length() - 1);
      }
      if (last != '\n') {
        out.append('\n');
        last = '\n';
      }
    }
    return new Run(out.toString(), "", 0);
  }

  /** Whether go's recorded run ended with an execution error (in "main" or a template it ran). */
  static boolean execError(Vector v) {
    return EXECUTING.matcher(v.err()).find();
  }

  private static final Pattern EXECUTING = Pattern.compile("^template: main:\\d+:\\d+: executing \"");

  /** Whether go's recorded run ended with a parse error. */
  static boolean parseError(Vector v) {
    return v.err().startsWith("template: main:") && !execError(v);
  }
}
