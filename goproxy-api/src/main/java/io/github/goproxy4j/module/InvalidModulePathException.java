package io.github.goproxy4j.module;

/**
 * Thrown when a module path, import path or file path breaks one of Go's rules
 * ({@code module.CheckPath}, {@code CheckImportPath}, {@code CheckFilePath}).
 *
 * <p>The message is the one golang.org/x/mod gives, for example
 * {@code malformed module path "x": missing dot in first path element}.
 */
public class InvalidModulePathException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The rejected input, possibly {@code null}. */
  private final String input;

  /**
   * Creates the exception.
   *
   * @param input the rejected path (may be {@code null})
   * @param message the full message, naming the input and the rule it broke
   */
  public InvalidModulePathException(String input, String message) {
    super(message);
    this.input = input;
  }

  /**
   * Returns the rejected input.
   *
   * @return the path as given, possibly {@code null}
   */
  public String input() {
    return input;
  }
}
