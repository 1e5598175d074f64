package io.github.goproxy4j.sumdb;

/**
 * A go.sum file that the go command would refuse. The message is Go's:
 * {@code malformed go.sum:\n<file>:<line>: wrong number of fields <n>}.
 */
public class GoSumFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final int line;

  /**
   * Creates the exception.
   *
   * @param fileName the file name used in the message
   * @param line the 1-based line number
   * @param message the full message
   */
  public GoSumFormatException(String fileName, int line, String message) {
    super(message);
    this.fileName = java.util.Objects.requireNonNull(fileName, "fileName");
    this.line = line;
  }

  /** {@return the file name used in the message} */
  public String fileName() {
    return fileName;
  }

  /** {@return the 1-based line number of the bad line} */
  public int line() {
    return line;
  }
}
