package io.github.goproxy4j.cli;

import java.io.PrintStream;
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
 */
public final class Goproxy {
  private static final Set<String> COMMON_FLAGS = Set.of("help", "json", "debug");

  private final Map<String, Command> commands = new LinkedHashMap<>();

  Goproxy(List<Command> all) {
    for (Command c : all) {
      commands.put(c.name(), c);
    }
  }

  /** @return the tool with all its commands */
  static Goproxy standard() {
    return new Goproxy(Commands.all());
  }

  /**
   * Runs the tool and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int status = standard().run(List.of(args), System.out, System.err, System.getenv(), System.console() != null);
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs one command line.
   *
   * @param argv the arguments, command name first
   * @param out standard output
   * @param err standard error
   * @param environment the process environment
   * @param terminal whether output goes to an interactive terminal
   * @return the exit status: 0 success, 1 failure, 2 usage error
   */
  int run(List<String> argv, PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal) {
    if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h") || argv.get(0).equals("help")) {
      if (argv.size() > 1 && commands.containsKey(argv.get(1))) {
        out.print(commands.get(argv.get(1)).help());
        return 0;
      }
      out.print(overview());
      return argv.isEmpty() ? 2 : 0;
    }
    Command command = commands.get(argv.get(0));
    if (command == null) {
      err.println("goproxy: unknown command \"" + argv.get(0) + "\"; run 'goproxy --help' for the list");
      return 2;
    }
    Set<String> flags = new HashSet<>(COMMON_FLAGS);
    flags.addAll(command.flagOptions());
    boolean debug = argv.contains("--debug");
    try {
      Args args = Args.parse(argv.subList(1, argv.size()), command.valueOptions(), flags);
      if (args.flag("help")) {
        out.print(command.help());
        return 0;
      }
      return command.run(new Invocation(args, out, err, environment, terminal));
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

  private String overview() {
    StringBuilder b = new StringBuilder();
    b.append("goproxy: the Go module proxy protocol, the way the go command speaks it\n\n");
    b.append("usage: goproxy <command> [arguments] [--json] [--debug]\n\ncommands:\n");
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
