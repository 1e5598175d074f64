package io.github.goproxy4j.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parsed command-line arguments: {@code --flag}, {@code --opt value}, {@code --opt=value}, positionals. */
final class Args {
  private final List<String> positional;
  private final Map<String, String> options;

  private Args(List<String> positional, Map<String, String> options) {
    this.positional = List.copyOf(positional);
    this.options = Map.copyOf(options);
  }

  /**
   * Parses {@code argv}.
   *
   * @param argv the arguments after the command name
   * @param withValue option names (without dashes) that take a value
   * @param flags boolean option names (without dashes)
   * @return the parsed arguments
   * @throws UsageException on an unknown option or a missing value
   */
  static Args parse(List<String> argv, Set<String> withValue, Set<String> flags) {
    List<String> pos = new ArrayList<>();
    Map<String, String> opts = new HashMap<>();
    boolean onlyPositional = false;
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (onlyPositional || !a.startsWith("-") || a.equals("-")) {
        pos.add(a);
        continue;
      }
      if (a.equals("--")) {
        onlyPositional = true;
        continue;
      }
      String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
      String value = null;
      int eq = body.indexOf('=');
      if (eq >= 0) {
        value = body.substring(eq + 1);
        body = body.substring(0, eq);
      }
      if (body.equals("h")) {
        body = "help";
      }
      if (withValue.contains(body)) {
        if (value == null) {
          if (i + 1 >= argv.size()) {
            throw new UsageException("option --" + body + " needs a value");
          }
          value = argv.get(++i);
        }
        opts.put(body, value);
      } else if (flags.contains(body)) {
        if (value != null) {
          throw new UsageException("option --" + body + " takes no value");
        }
        opts.put(body, "true");
      } else {
        throw new UsageException("unknown option " + a);
      }
    }
    return new Args(pos, opts);
  }

  List<String> positional() {
    return positional;
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }

  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }
}
