package io.github.goproxy4j.sumdb;

/**
 * A string that is not an {@code h1:} module hash ({@code h1:} followed by the padded standard
 * base64 of 32 bytes). The message names the input.
 */
public class InvalidModuleHashException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, naming the input
   */
  public InvalidModuleHashException(String message) {
    super(message);
  }
}
