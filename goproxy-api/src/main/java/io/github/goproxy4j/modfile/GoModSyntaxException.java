package io.github.goproxy4j.modfile;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when a go.mod file cannot be parsed. The message is exactly the error text of Go's
 * {@code modfile.ParseLax}: one line per error, each starting with the file name and line
 * ({@code go.mod:3: usage: require module/path v1.2.3}), and {@code :column} for lexical errors
 * ({@code go.mod:2:5: unexpected input character '\x01'}).
 */
public class GoModSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The file name used in messages. */
  private final String fileName;

  /** The line of the first error (1-based). */
  private final int line;

  /** Every error, one per line of the message (an unmodifiable copy, which serializes). */
  @SuppressWarnings("serial")
  private final List<String> errors;

  /**
   * Creates the exception.
   *
   * @param fileName the file name used in messages, never {@code null}
   * @param line the line of the first error (1-based; 0 when unknown)
   * @param errors the error lines, at least one
   */
  public GoModSyntaxException(String fileName, int line, List<String> errors) {
    super(String.join("\n", Objects.requireNonNull(errors, "errors")));
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.line = line;
    this.errors = List.copyOf(errors);
  }

  /**
   * Returns the file name the errors name.
   *
   * @return the file name, never {@code null}
   */
  public String fileName() {
    return fileName;
  }

  /**
   * Returns the line of the first error.
   *
   * @return a 1-based line number, or 0 when the error has no position
   */
  public int line() {
    return line;
  }

  /**
   * Returns each error, in file order, as Go prints it.
   *
   * @return an unmodifiable list with at least one element
   */
  public List<String> errors() {
    return errors;
  }
}
