package io.github.goproxy4j.cli;

/**
 * A flag the go command would refuse while it parses a command's flags (its flag package, or
 * GOFLAGS applied to the command): for a command that mirrors a go command
 * ({@link Command#goUsage(int)}) {@link Goproxy} prints the text, then go's usage lines
 * ({@code usage: go list ...}, {@code Run 'go help list' for details.}), exit status 2.
 */
final class GoFlagException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param text go's line, such as {@code flag provided but not defined: -C} */
  GoFlagException(String text) {
    super(text, null, false, false);
  }
}
