package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import java.util.List;

/**
 * The proxies do not have the requested toolchain for the platform: go's
 * {@code download go1.98.7 for linux/amd64: toolchain not available}, or, for a language version
 * such as {@code go1.22}, {@code invalid toolchain: go1.22 is a language version but not a
 * toolchain version (go1.22.x)}.
 */
public class ToolchainNotAvailableException extends ModuleNotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the go command's message
   * @param cause the not-found failure
   * @param attempts the requests made, in order
   */
  public ToolchainNotAvailableException(String message, Throwable cause,
      List<GoProxyException.Attempt> attempts) {
    super(message, cause, attempts);
  }
}
