package io.github.goproxy4j.cli;

import java.util.Set;

/** One {@code goproxy} sub-command. */
interface Command {
  /** {@return the name typed on the command line: one word, or several for a group ({@code "mod graph"})} */
  String name();

  /** {@return a one-line summary for the command list} */
  String summary();

  /** {@return the usage line and a description, printed by {@code --help}} */
  String help();

  /** {@return option names that take a value} */
  default Set<String> valueOptions() {
    return Set.of();
  }

  /** {@return boolean option names beyond the global ones ({@link Goproxy#GLOBAL_FLAGS})} */
  default Set<String> flagOptions() {
    return Set.of();
  }

  /**
   * {@return the go build flags the command takes on its command line and from GOFLAGS (go
   * list's, the mod commands'), or null: {@link Goproxy} parses them and checks their values as go
   * does before the command runs}
   */
  default BuildFlags buildFlags() {
    return null;
  }

  /**
   * {@return whether the command parses its own arguments as Go's flag package does (single-dash
   * flags, repeated flags in order): it then finds them all in {@link Args#positional()}, but for
   * {@code --go-version}, {@code --debug} and {@code --help}}
   */
  default boolean goFlags() {
    return false;
  }

  /**
   * The usage line of the go command this command mirrors, as go prints it after a flag error
   * ({@code go list [-f format] ...}), or null for a command of goproxy's own. A command that
   * mirrors go takes go's {@code -C dir} ({@link ChdirFlag}) and reports go's flag errors
   * ({@link GoFlagException}) with go's usage lines.
   *
   * @param minor the minor version of the go release followed
   */
  default String goUsage(int minor) {
    return null;
  }

  /**
   * Runs the command.
   *
   * @param ctx the invocation
   * @return the exit status
   * @throws Exception any failure, reported in one line unless {@code --debug}
   */
  int run(Invocation ctx) throws Exception;
}
