package io.github.goproxy4j.sumdb.tlog;

import io.github.goproxy4j.env.GoProxyException;

/**
 * Data read from a transparency log failed authentication: a tile that does not hash to the
 * signed tree ({@code downloaded inconsistent tile}), a tile of the wrong size, an index outside
 * the tree, or a proof that does not check ({@code invalid transparency proof}). The message is
 * Go's text.
 */
public class TlogException extends GoProxyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message Go's text
   */
  public TlogException(String message) {
    super(message);
  }
}
