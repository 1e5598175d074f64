package io.github.goproxy4j.cli;

import io.github.goproxy4j.internal.GoStrconv;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * go list's {@code -json} flag (cmd/go/internal/list's jsonFlag, go1.19 on): a boolean flag
 * whose value is either a bool ({@code -json}, {@code -json=false}: JSON output on or off, the
 * fields named so far kept) or a comma-separated list of the fields to print
 * ({@code -json=Path,Version}: JSON on, the fields added to those of earlier settings, an empty
 * name included). GOFLAGS's settings come first ({@link BuildFlags#effective}).
 *
 * @param on whether go lists JSON objects
 * @param fields the fields named; empty for every field
 */
record JsonFlag(boolean on, Set<String> fields) {
  JsonFlag {
    fields = Set.copyOf(fields);
  }

  /**
   * The flag after each of go's settings of {@code -json} in {@code settings}, in order.
   *
   * @param settings the command's flag settings ({@link BuildFlags#effective})
   * @return the flag's state
   */
  static JsonFlag of(List<Args.Given> settings) {
    boolean on = false;
    Set<String> fields = new LinkedHashSet<>();
    for (Args.Given g : settings) {
      if (!g.name().equals("json")) {
        continue;
      }
      Optional<Boolean> b = GoStrconv.parseBool(g.value());
      if (b.isPresent()) {
        on = b.get();
      } else {
        on = true;
        fields.addAll(List.of(g.value().split(",", -1)));
      }
    }
    return new JsonFlag(on, fields);
  }
}
