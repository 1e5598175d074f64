package io.github.goproxy4j.sumdb.tlog;

/**
 * Bad input to a transparency-log parser or function: a malformed tree note, tile path, hash or
 * record, or invalid proof inputs. The message carries Go's text (for example
 * {@code malformed tree note}) and names the input where it helps.
 */
public class TlogFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message Go's text, with detail
   */
  public TlogFormatException(String message) {
    super(message);
  }
}
