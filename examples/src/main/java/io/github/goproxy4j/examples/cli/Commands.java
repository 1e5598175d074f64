package io.github.goproxy4j.examples.cli;

import java.util.List;

/** The registry of {@code goproxy} commands, in the order {@code --help} lists them. */
final class Commands {
  private Commands() {}

  static List<Command> all() {
    return List.of(new ExplainCommand(), new ServeCommand(System.in));
  }
}
