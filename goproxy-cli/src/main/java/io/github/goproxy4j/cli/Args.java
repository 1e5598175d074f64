package io.github.goproxy4j.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parsed command-line arguments: {@code --flag}, {@code --opt value}, {@code --opt=value}, positionals. */
final class Args {
  /** One option as given on the command line: its name (without dashes) and value ({@code "true"} for a flag). */
  record Given(String name, String value) {}

  private final List<String> positional;
  private final Map<String, String> options;
  private final List<Given> given;

  private Args(List<String> positional, Map<String, String> options, List<Given> given) {
    this.positional = List.copyOf(positional);
    this.options = Map.copyOf(options);
    this.given = List.copyOf(given);
  }

  /**
   * Parses {@code argv}.
   *
   * @param argv the arguments after the command name
   * @param withValue option names (without dashes) that take a value
   * @param flags boolean option names (without dashes)
   * @param goMinor for a command that mirrors a go command, the minor version of the go release
   *     followed: go's {@code -C} is then refused as go refuses it past the command's first flag
   *     ({@link ChdirFlag#misplaced}), and its flags end at its first argument, as go's flag
   *     package ends them (goproxy's own {@code --go-version} and {@code --debug} aside, taken
   *     after its arguments and after {@code --} too); -1 for a
   *     command of goproxy's own, whose options may follow its arguments
   * @return the parsed arguments
   * @throws UsageException on an unknown option or a missing value
   * @throws GoFlagException on a {@code -C} in a command that mirrors go
   */
  static Args parse(List<String> argv, Set<String> withValue, Set<String> flags, int goMinor) {
    return parse(argv, withValue, flags, Set.of(), goMinor);
  }

  /**
   * Parses {@code argv} with go's boolean flags too.
   *
   * @param argv the arguments after the command name
   * @param withValue option names (without dashes) that take a value
   * @param flags boolean option names (without dashes)
   * @param goBools boolean flags of go's ({@link Command#buildFlags()}): {@code -name} (value
   *     {@code true}) or {@code -name=value} as go's flag package takes them, the value kept as
   *     given for the command to check
   * @param goMinor as {@link #parse(List, Set, Set, int)}
   * @return the parsed arguments
   * @throws UsageException on an unknown option or a missing value
   * @throws GoFlagException on a {@code -C} in a command that mirrors go
   */
  static Args parse(List<String> argv, Set<String> withValue, Set<String> flags, Set<String> goBools, int goMinor) {
    List<String> pos = new ArrayList<>();
    Map<String, String> opts = new HashMap<>();
    List<Given> given = new ArrayList<>();
    boolean onlyPositional = false;
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      boolean own = goMinor >= 0 && goproxysOwn(a);
      if (!own && (onlyPositional || !a.startsWith("-") || a.equals("-"))) {
        pos.add(a);
        continue;
      }
      if (goMinor >= 0 && !pos.isEmpty() && !own) {
        // go's flag package stops at the first argument that is not a flag: what follows it,
        // a flag's look-alike or "--" too, is an argument (go list -m all -json: module -json)
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
      if (goMinor >= 0 && body.equals("C")) {
        throw ChdirFlag.misplaced(goMinor, value != null ? value : i + 1 < argv.size() ? argv.get(i + 1) : null);
      }
      if (withValue.contains(body)) {
        if (value == null) {
          if (i + 1 >= argv.size()) {
            if (goMinor >= 0 && !Goproxy.GLOBAL_VALUE_OPTIONS.contains(body)) {
              // a go flag's: refused after the flags before it are checked (missingValue)
              given.add(new Given(body, null));
              break;
            }
            throw new UsageException("option --" + body + " needs a value");
          }
          value = argv.get(++i);
        }
        opts.put(body, value);
        given.add(new Given(body, value));
      } else if (goBools.contains(body)) {
        opts.put(body, value == null ? "true" : value);
        given.add(new Given(body, value == null ? "true" : value));
      } else if (flags.contains(body)) {
        if (value != null) {
          throw new UsageException("option --" + body + " takes no value");
        }
        opts.put(body, "true");
        given.add(new Given(body, "true"));
      } else {
        throw new UsageException("unknown option " + a);
      }
    }
    return new Args(pos, opts, given);
  }

  /**
   * Whether {@code a} is one of goproxy's own options that go has no flag for
   * ({@code --go-version}, {@code --debug}), which a command that mirrors go takes after its
   * arguments too.
   */
  private static boolean goproxysOwn(String a) {
    if (!a.startsWith("-")) {
      return false;
    }
    String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
    int eq = body.indexOf('=');
    String name = eq >= 0 ? body.substring(0, eq) : body;
    return Goproxy.GLOBAL_VALUE_OPTIONS.contains(name) || name.equals("debug");
  }

  /**
   * The arguments of a command that parses Go's flags itself ({@link Command#goFlags()}): all
   * are positional but {@code --go-version V} (or {@code =V}), {@code --debug} and
   * {@code --help}/{@code -h}, wherever they stand.
   *
   * @param argv the arguments after the command name
   * @return the parsed arguments
   * @throws UsageException when {@code --go-version} has no value
   */
  static Args goStyle(List<String> argv) {
    List<String> pos = new ArrayList<>();
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--go-version") || a.equals("-go-version")) {
        if (i + 1 >= argv.size()) {
          throw new UsageException("option --go-version needs a value");
        }
        opts.put("go-version", argv.get(++i));
      } else if (a.startsWith("--go-version=") || a.startsWith("-go-version=")) {
        opts.put("go-version", a.substring(a.indexOf('=') + 1));
      } else if (a.equals("--debug")) {
        opts.put("debug", "true");
      } else if (a.equals("--help") || a.equals("-h") || a.equals("-help")) {
        opts.put("help", "true");
      } else {
        pos.add(a);
      }
    }
    return new Args(pos, opts, List.of());
  }

  List<String> positional() {
    return positional;
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }

  /**
   * {@return every option as given, in command-line order (a repeated one each time); none for
   * {@link #goStyle}. In a command that mirrors go, a last flag without the value it takes has a
   * null value ({@link #missingValue})}
   */
  List<Given> given() {
    return given;
  }

  /**
   * go's flag package on a last flag without its value ({@code go list -m -tags}), in a command
   * that mirrors go.
   *
   * @throws GoFlagException {@code flag needs an argument: -tags}
   */
  void missingValue() {
    for (Given g : given) {
      if (g.value() == null) {
        throw new GoFlagException("flag needs an argument: -" + g.name());
      }
    }
  }

  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }
}
