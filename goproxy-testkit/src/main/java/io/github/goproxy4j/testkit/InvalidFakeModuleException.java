package io.github.goproxy4j.testkit;

/**
 * Thrown when module data given to a {@link FakeGoProxy} cannot be served: a malformed txtar
 * archive, a file that would make the module zip invalid, an unreadable GOPROXY-layout
 * directory entry. The message names the source (file name or module version), the line where
 * one applies, and the rule that was broken.
 *
 * <pre>{@code
 * try {
 *   FakeGoProxy.builder().txtar(Path.of("example.com_m_v1.0.0.txt")).start();
 * } catch (InvalidFakeModuleException e) {
 *   System.err.println(e.source() + ":" + e.line() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class InvalidFakeModuleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Where the bad data came from. */
  private final String source;

  /** The 1-based line of the problem, or 0. */
  private final int line;

  /**
   * Creates the exception.
   *
   * @param source the file name or module version the data came from
   * @param line the 1-based line number of the problem, or 0 when no line applies
   * @param message the full message (it already names the source and line)
   * @param cause the underlying failure, or null
   */
  public InvalidFakeModuleException(String source, int line, String message, Throwable cause) {
    super(message, cause);
    this.source = java.util.Objects.requireNonNull(source, "source");
    this.line = line;
  }

  /**
   * Returns where the bad data came from.
   *
   * @return a file name or a {@code path@version}
   */
  public String source() {
    return source;
  }

  /**
   * Returns the 1-based line number of the problem.
   *
   * @return the line, or 0 when no line applies
   */
  public int line() {
    return line;
  }
}
