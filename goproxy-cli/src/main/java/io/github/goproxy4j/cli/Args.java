package io.github.goproxy4j.cli;

import io.github.goproxy4j.internal.GoRelease;
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
   * Parses the arguments of one of goproxy's own commands: options ({@code --flag}, {@code -flag},
   * {@code --opt value}, {@code --opt=value}) may stand before and after the arguments.
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
    List<Given> given = new ArrayList<>();
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
        given.add(new Given(body, value));
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
   * Parses the arguments of a command that mirrors a go command as go's flag package parses them
   * (after GOFLAGS, which the caller checks when this fails), stopping at the first refusal:
   * {@code -name}, {@code --name}, {@code -name=value}, and {@code -name value} for a flag that
   * is not boolean; the flags end at the first argument that is not one ({@code -} included; a
   * flag's look-alike after it is an argument) or after {@code --}; {@code ---x} or {@code -=x} is
   * {@code bad flag syntax}, a name the command does not define in the release {@code flag
   * provided but not defined: -x}, a value the flag refuses or a missing one go's other texts
   * ({@link BuildFlags#commandLineRefusal}). goproxy's own options aside: {@code --go-version V}
   * (or {@code =V}) and {@code --debug} anywhere, after the arguments and after {@code --} too;
   * {@code -h} or {@code -help} (with a value too) where go's flag package would take a flag is
   * go's flag.ErrHelp ({@link GoFlagException#help()}: go's usage lines, exit 2); {@code --help}
   * there ends the parse with goproxy's help (go prints its usage there too).
   *
   * @param argv the arguments after the command name
   * @param defined the command's flags ({@link Command#buildFlags()})
   * @param release the go release followed
   * @return the parsed arguments
   * @throws GoFlagException with go's text
   */
  static Args parseGo(List<String> argv, BuildFlags defined, String release) {
    int minor = GoRelease.modelled(release).behaviourMinor();
    List<String> pos = new ArrayList<>();
    Map<String, String> opts = new HashMap<>();
    List<Given> given = new ArrayList<>();
    boolean flagsEnded = false;
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      String own = goproxysOwn(a);
      if (own != null) {
        String value = a.indexOf('=') >= 0 ? a.substring(a.indexOf('=') + 1) : "true";
        if (own.equals("go-version") && a.indexOf('=') < 0) {
          if (i + 1 >= argv.size()) {
            throw new UsageException("option --go-version needs a value");
          }
          value = argv.get(++i);
        }
        opts.put(own, value);
        continue;
      }
      if (flagsEnded || a.length() < 2 || a.charAt(0) != '-') {
        flagsEnded = true; // go's flag package stops at the first argument: what follows is one too
        pos.add(a);
        continue;
      }
      int minuses = a.charAt(1) == '-' ? 2 : 1;
      if (a.equals("--")) {
        flagsEnded = true;
        continue;
      }
      String name = a.substring(minuses);
      if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
        throw new GoFlagException("bad flag syntax: " + a);
      }
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Boolean bool = defined.isBool(name, minor);
      if (bool == null) {
        if (name.equals("h") || name.equals("help")) {
          if (minuses == 1) {
            throw GoFlagException.help(); // go's flag.ErrHelp: the usage lines, exit 2
          }
          opts.put("help", "true"); // --help: goproxy's help (go's usage lines too)
          break;
        }
        throw new GoFlagException("flag provided but not defined: -" + name);
      }
      if (value == null) {
        if (bool) {
          value = "true";
        } else if (i + 1 < argv.size()) {
          value = argv.get(++i);
        } else {
          throw new GoFlagException("flag needs an argument: -" + name);
        }
      }
      Optional<String> refused = defined.commandLineRefusal(name, value, release);
      if (refused.isPresent()) {
        throw new GoFlagException(refused.get());
      }
      opts.put(name, value);
      given.add(new Given(name, value));
    }
    return new Args(pos, opts, given);
  }

  /**
   * The name of goproxy's own option {@code a} spells ({@code go-version}, {@code debug}: go has no
   * such flag), which a command that mirrors go takes after its arguments too; else null.
   */
  private static String goproxysOwn(String a) {
    if (!a.startsWith("-")) {
      return null;
    }
    String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
    int eq = body.indexOf('=');
    String name = eq >= 0 ? body.substring(0, eq) : body;
    return Goproxy.GLOBAL_VALUE_OPTIONS.contains(name) || name.equals("debug") && eq < 0 ? name : null;
  }

  /**
   * The arguments of a command that parses Go's flags itself ({@link Command#goFlags()}): all
   * are positional but {@code --go-version V} (or {@code =V}), {@code --debug} and
   * {@code --help}, wherever they stand.
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
      } else if (a.equals("--help")) {
        opts.put("help", "true"); // -h and -help are the command's (go's flag.ErrHelp where a flag may stand)
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
   * {@link #goStyle}; for {@link #parseGo}, go's flags only}
   */
  List<Given> given() {
    return given;
  }

  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }
}
