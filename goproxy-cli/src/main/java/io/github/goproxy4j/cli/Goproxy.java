package io.github.goproxy4j.cli;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.internal.GoRelease;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code goproxy} command-line tool: answers a build engineer's daily questions about Go
 * modules with the same rules as the go command.
 *
 * <pre>{@code
 * java -jar goproxy-cli/target/goproxy.jar explain example.com/private/lib
 * ./goproxy doctor
 * ./goproxy probe --proxies https://proxy.golang.org,https://goproxy.io golang.org/x/mod
 * }</pre>
 *
 * <p>Every command reads the environment like go does, accepts {@code --help}, {@code --json}
 * and {@code --debug}, and exits non-zero with a one-line message on errors.
 *
 * <p>Adding a command: implement {@link Command} and list it in {@link Commands#all()}. A name
 * may have several words ({@code "mod graph"}): the longest registered name that the command
 * line starts with runs. Adding an option every command takes (such as {@code --go-version}):
 * add it to {@link #GLOBAL_VALUE_OPTIONS} or {@link #GLOBAL_FLAGS}; it may then stand before or
 * after the command name and commands read it from {@link Invocation#args()}.
 */
public final class Goproxy {
  /** Boolean options every command accepts. */
  static final Set<String> GLOBAL_FLAGS = Set.of("help", "json", "debug");

  /** Options with a value every command accepts. */
  static final Set<String> GLOBAL_VALUE_OPTIONS = Set.of("go-version");

  private final Map<String, Command> commands = new LinkedHashMap<>();
  private final int longestName;

  Goproxy(List<Command> all) {
    for (Command c : all) {
      if (commands.put(c.name(), c) != null) {
        throw new IllegalArgumentException("two commands named \"" + c.name() + "\"");
      }
    }
    // a loop, not a stream: this runs before every command, and the JVM's first lambda costs its
    // caller several milliseconds of cold bootstrap (the warm-up thread pays it instead)
    int longest = 1;
    for (String n : commands.keySet()) {
      longest = Math.max(longest, n.split(" ").length);
    }
    longestName = longest;
  }

  /** {@return the tool with all its commands} */
  static Goproxy standard() {
    return new Goproxy(Commands.all());
  }

  /**
   * Runs the tool and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    skipJnaLibrarySearch();
    int status = standard().run(List.of(args), System.out, System.err, System.getenv(), System.console() != null);
    System.out.flush();
    System.exit(status);
  }

  /**
   * JNA (the flock locks of the module cache) builds, on Linux, its search path for native
   * libraries by running {@code /sbin/ldconfig -p} when its NativeLibrary class initialises: a
   * process start that costs a command about 0.1 s of CPU. The tool loads only the C library,
   * which the system's dynamic loader finds by its name ({@code libc.so.6}) without that path;
   * setting JNA's platform path (here empty) skips the search. A value the user set is kept.
   */
  static void skipJnaLibrarySearch() {
    if (System.getProperty("jna.platform.library.path") == null) {
      System.setProperty("jna.platform.library.path", "");
    }
  }

  /**
   * Runs one command line.
   *
   * @param argv the arguments, command name first (global options may precede it)
   * @param out standard output
   * @param err standard error
   * @param environment the process environment
   * @param terminal whether output goes to an interactive terminal
   * @return the exit status: 0 success, 1 failure, 2 usage error
   */
  int run(List<String> argv, PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal) {
    List<String> leading = new ArrayList<>();
    String leadingChdir = null; // go -C dir list ...: go's -C before the command's name
    int i = 0;
    while (i < argv.size()) {
      if (leadingChdir == null && ChdirFlag.valueAt(argv, i) != null) {
        leadingChdir = ChdirFlag.valueAt(argv, i);
        i += ChdirFlag.width(argv, i);
        continue;
      }
      if (!isGlobalOption(argv.get(i)) || isHelp(argv.get(i))) {
        break;
      }
      String a = argv.get(i++);
      leading.add(a);
      if (takesSeparateValue(a) && i < argv.size()) {
        leading.add(argv.get(i++));
      }
    }
    List<String> rest = argv.subList(i, argv.size());
    String chdirInGroup = null; // go mod -C dir graph: -C after a group's name (go's lookupCmd stops there)
    if (leadingChdir == null && rest.size() > 2 && isGroup(rest.get(0)) && ChdirFlag.valueAt(rest, 1) != null) {
      leadingChdir = ChdirFlag.valueAt(rest, 1);
      chdirInGroup = rest.get(1);
      List<String> words = new ArrayList<>(rest);
      words.subList(1, 1 + ChdirFlag.width(rest, 1)).clear();
      rest = words;
    }
    if (rest.isEmpty() || isHelp(rest.get(0))) {
      Command c = rest.size() > 1 ? find(rest.subList(1, rest.size())) : null;
      if (c != null) {
        out.print(c.help());
        return 0;
      }
      out.print(overview());
      return rest.isEmpty() ? 2 : 0;
    }
    Command command = find(rest);
    boolean mirrorsGo = command != null && command.goUsage(GoRelease.NEWEST_MINOR) != null;
    if (command == null || leadingChdir != null && !mirrorsGo) {
      err.println("goproxy: unknown command \"" + (command == null ? unknownName(rest) : "-C")
          + "\"; run 'goproxy --help' for the list");
      return 2;
    }
    Set<String> flags = new HashSet<>(GLOBAL_FLAGS);
    flags.addAll(command.flagOptions());
    Set<String> withValue = new HashSet<>(GLOBAL_VALUE_OPTIONS);
    withValue.addAll(command.valueOptions());
    BuildFlags buildFlags = command.buildFlags();
    List<String> after = new ArrayList<>(rest.subList(command.name().split(" ").length, rest.size()));
    String chdir = leadingChdir;
    if (mirrorsGo && chdir == null && ChdirFlag.valueAt(after, 0) != null) {
      chdir = ChdirFlag.valueAt(after, 0);
      after.subList(0, ChdirFlag.width(after, 0)).clear();
    }
    List<String> commandArgs = new ArrayList<>(leading);
    commandArgs.addAll(after);
    String release = mirrorsGo ? release(commandArgs) : GoRelease.NEWEST;
    int minor = mirrorsGo ? minorOf(release) : -1;
    boolean debug = commandArgs.contains("--debug");
    boolean running = false;
    try {
      // go changes directory first of all (before its toolchain switch and its flag parsing)
      Path workDir = Path.of(environment.getOrDefault("PWD", System.getProperty("user.dir")));
      if (chdir != null) {
        if (chdirInGroup != null && minor < ChdirFlag.FIRST_MINOR) {
          String group = command.name().substring(0, command.name().indexOf(' '));
          err.println("go " + group + " " + chdirInGroup + ": unknown command");
          err.println("Run 'go help " + group + "' for usage.");
          return 2;
        }
        if (minor < ChdirFlag.FIRST_MINOR) {
          if (leadingChdir != null) {
            // go1.19's main parses its own flags before it looks the command up: go's whole usage
            err.print(ChdirFlag.GO119_MAIN_REFUSAL);
            return 2;
          }
          throw ChdirFlag.misplaced(minor, chdir);
        }
        workDir = ChdirFlag.chdir(workDir, environment.get("PWD"), chdir);
      }
      // go's flag package for a command that mirrors go (after GOFLAGS: below)
      Args args = command.goFlags() ? Args.goStyle(commandArgs)
          : buildFlags != null ? Args.parseGo(commandArgs, buildFlags, release)
          : Args.parse(commandArgs, withValue, flags);
      if (args.flag("help")) {
        out.print(command.help());
        return 0;
      }
      running = true;
      return command.run(new Invocation(args, out, err, environment, terminal, workDir));
    } catch (ChdirFlag.ChdirException e) {
      err.println(e.getMessage());
      return 1;
    } catch (GoFlagException e) {
      GoFlagException first = e;
      if (!running) {
        // go applies GOFLAGS to the command's flags before it parses the command line
        // (SetFromGOFLAGS, then Parse): a GOFLAGS failure is reported instead
        try {
          GoEnv env = GoEnv.builder().environment(environment).goVersion("1." + minor).build();
          env.goFlags();
          if (command.buildFlags() != null) {
            command.buildFlags().checkGoflags(env, release);
          }
          env.modCacheRw();
        } catch (GoFlagException g) {
          first = g;
        } catch (GoEnvException g) {
          if (!ModuleGraphCommands.isFlagFromGoflags(g)) {
            err.println("go: " + g.getMessage());
            return 1;
          }
          first = new GoFlagException("go: " + g.getMessage());
        }
      }
      // cmd/go's base.Command.Usage after a flag error (alone for -h: flag.ErrHelp)
      if (!first.isHelp()) {
        err.println(first.getMessage());
      }
      err.println("usage: " + command.goUsage(minor));
      err.println("Run 'go help " + command.name() + "' for details.");
      return 2;
    } catch (UsageException e) {
      err.println("goproxy " + command.name() + ": " + e.getMessage());
      err.println("usage: " + command.help().lines().findFirst().orElse(""));
      return 2;
    } catch (Exception | Error e) {
      if (debug) {
        e.printStackTrace(err);
      }
      err.println("goproxy " + command.name() + ": " + oneLine(e));
      return 1;
    }
  }

  /** The minor version of a release {@link #release} gives. */
  private static int minorOf(String release) {
    return GoRelease.modelled(release).behaviourMinor();
  }

  /**
   * The go release a command line follows ({@code --go-version}, the last one given, else the
   * newest), before the arguments are parsed: go's {@code -C} rules and its flags' checks depend
   * on it. A release that is not valid counts as the newest here (the command then fails on it).
   */
  static String release(List<String> words) {
    String release = GoRelease.NEWEST;
    for (int i = 0; i < words.size(); i++) {
      String a = words.get(i);
      if ((a.equals("--go-version") || a.equals("-go-version")) && i + 1 < words.size()) {
        release = words.get(++i);
      } else if (a.startsWith("--go-version=") || a.startsWith("-go-version=")) {
        release = a.substring(a.indexOf('=') + 1);
      }
    }
    try {
      GoRelease.modelled(release);
      return release;
    } catch (IllegalArgumentException e) {
      return GoRelease.NEWEST;
    }
  }

  private static boolean isHelp(String a) {
    return a.equals("--help") || a.equals("-h") || a.equals("help");
  }

  private static String optionName(String a) {
    String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
    int eq = body.indexOf('=');
    return eq < 0 ? body : body.substring(0, eq);
  }

  private static boolean isGlobalOption(String a) {
    if (!a.startsWith("-") || a.equals("-") || a.equals("--")) {
      return false;
    }
    String name = optionName(a);
    return GLOBAL_FLAGS.contains(name) || GLOBAL_VALUE_OPTIONS.contains(name);
  }

  private static boolean takesSeparateValue(String a) {
    return GLOBAL_VALUE_OPTIONS.contains(optionName(a)) && a.indexOf('=') < 0;
  }

  /** The command with the longest name that {@code words} starts with, or null. */
  private Command find(List<String> words) {
    for (int n = Math.min(longestName, words.size()); n > 0; n--) {
      Command c = commands.get(String.join(" ", words.subList(0, n)));
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** The words of an unknown command: two when the first names a group ({@code mod frob}). */
  private String unknownName(List<String> words) {
    return isGroup(words.get(0)) && words.size() > 1 && !words.get(1).startsWith("-")
        ? words.get(0) + " " + words.get(1) : words.get(0);
  }

  /** Whether {@code word} is the first word of a command with several ({@code mod}). */
  private boolean isGroup(String word) {
    String group = word + " ";
    for (String n : commands.keySet()) {
      if (n.startsWith(group)) {
        return true;
      }
    }
    return false;
  }

  private String overview() {
    StringBuilder b = new StringBuilder();
    b.append("goproxy: the Go module proxy protocol, the way the go command speaks it\n\n");
    b.append("usage: goproxy <command> [arguments] [--json] [--debug] [--go-version 1.X]\n\n"
        + "--go-version: follow that go release's behaviour (1.19 and later; default: the newest known)\n"
        + "-C dir: run in dir, as go's -C (go1.20 on): the first word after the name of a command that\n"
        + "mirrors go's (list, mod graph, mod download, mod verify, mod edit), or before it\n\n"
        + "commands:\n");
    int width = commands.keySet().stream().mapToInt(String::length).max().orElse(8) + 2;
    commands.values().forEach(c -> b.append("  ").append(pad(c.name(), width)).append(c.summary()).append('\n'));
    b.append("\nRun 'goproxy <command> --help' for a command's options.\n");
    return b.toString();
  }

  static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  /** The message of an exception, on one line (Go's multi-line messages are joined with "; "). */
  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return String.join("; ", Arrays.stream(m.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }
}
