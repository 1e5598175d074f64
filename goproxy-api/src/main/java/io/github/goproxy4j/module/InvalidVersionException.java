package io.github.goproxy4j.module;

/**
 * Thrown when a version string is not valid Go semantic version, pseudo-version or escaped
 * version, or does not fit the module path it is used with.
 *
 * <p>The message is the one golang.org/x/mod gives, for example
 * {@code invalid version: unexpected character ...}, and always names the input.
 */
public class InvalidVersionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The rejected input, possibly {@code null}. */
  private final String input;

  /**
   * Creates the exception.
   *
   * @param input the rejected version (may be {@code null})
   * @param message the full message, naming the input and the rule it broke
   */
  public InvalidVersionException(String input, String message) {
    super(message);
    this.input = input;
  }

  /**
   * Returns the rejected input.
   *
   * @return the version as given, possibly {@code null}
   */
  public String input() {
    return input;
  }
}
