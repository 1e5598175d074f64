package io.github.goproxy4j.env;

/**
 * When the go command moves past a GOPROXY entry to the next one. The separator written
 * <i>after</i> an entry decides: {@code ,} or {@code |}.
 *
 * <pre>{@code
 * // GOPROXY=https://a.example|https://b.example,direct
 * // a: ON_ANY_ERROR, b: ON_NOT_FOUND
 * }</pre>
 */
public enum FallbackMode {
  /** {@code ,}: try the next entry only after a 404/410 (not found). */
  ON_NOT_FOUND(','),
  /** {@code |}: try the next entry after any error (5xx, refused connection, timeout, ...). */
  ON_ANY_ERROR('|');

  private final char separator;

  FallbackMode(char separator) {
    this.separator = separator;
  }

  /**
   * Returns the separator that selects this mode in GOPROXY.
   *
   * @return {@code ','} or {@code '|'}
   */
  public char separator() {
    return separator;
  }
}
