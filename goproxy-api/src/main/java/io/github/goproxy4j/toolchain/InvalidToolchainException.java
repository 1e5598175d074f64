package io.github.goproxy4j.toolchain;

/**
 * A GOTOOLCHAIN setting or a {@code toolchain} line the go command refuses, with Go's text
 * ({@code invalid GOTOOLCHAIN "x"}, {@code invalid toolchain "x" in go.mod}, ...).
 */
public class InvalidToolchainException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message Go's message without its {@code go: } prefix
   */
  public InvalidToolchainException(String message) {
    super(message);
  }
}
