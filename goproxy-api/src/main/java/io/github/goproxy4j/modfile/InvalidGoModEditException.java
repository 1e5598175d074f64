package io.github.goproxy4j.modfile;

/**
 * Thrown by {@link GoModEditor} when an edit's argument breaks one of x/mod's rules; the message
 * is x/mod's, for example {@code invalid language version "1.x"}.
 *
 * <pre>{@code
 * try {
 *   editor.go("bogus");
 * } catch (InvalidGoModEditException e) {
 *   e.getMessage();   // invalid language version "bogus"
 * }
 * }</pre>
 */
public class InvalidGoModEditException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message x/mod's message, naming the input and the rule it broke
   */
  public InvalidGoModEditException(String message) {
    super(message);
  }
}
