package io.github.goproxy4j.cli;

/**
 * A flag the go command would refuse while it parses a command's flags (its flag package, or
 * GOFLAGS applied to the command): for a command that mirrors a go command
 * ({@link Command#goUsage(int)}) {@link Goproxy} prints the text, then go's usage lines
 * ({@code usage: go list ...}, {@code Run 'go help list' for details.}), exit status 2.
 */
final class GoFlagException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean help;

  /** @param text go's line, such as {@code flag provided but not defined: -C} */
  GoFlagException(String text) {
    this(text, false);
  }

  private GoFlagException(String text, boolean help) {
    super(text, null, false, false);
    this.help = help;
  }

  /**
   * go's flag.ErrHelp ({@code -h} or {@code -help} where a flag may stand): the usage lines
   * without a line before them.
   */
  static GoFlagException help() {
    return new GoFlagException("flag: help requested", true);
  }

  /** {@return whether this is {@link #help()}: no line of its own before the usage lines} */
  boolean isHelp() {
    return help;
  }
}
