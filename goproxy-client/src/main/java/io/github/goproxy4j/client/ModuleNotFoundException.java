package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import java.util.List;

/**
 * No source has the requested module, version or file: every proxy asked answered 404 or 410
 * (or the walk ended at {@code off}), the go command's "not found" class of errors. It is an
 * {@link NotFoundException}, so a {@link DirectFetcher} that throws it lets a {@code ,}-separated
 * walk go on, as go does. The message
 * is the go command's, for example
 * {@code example.com/m@v1.0.0: reading https://proxy.example/example.com/m/@v/v1.0.0.info: 404 Not Found}.
 *
 * <pre>{@code
 * try {
 *   client.info(ModuleVersion.parse("example.com/m@v9.9.9"));
 * } catch (ModuleNotFoundException e) {
 *   System.err.println("no such version: " + e.getMessage());
 * }
 * }</pre>
 */
public class ModuleNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the go command's message
   * @param cause the underlying failure, or {@code null}
   * @param attempts the requests made, in order
   */
  public ModuleNotFoundException(
      String message, Throwable cause, List<GoProxyException.Attempt> attempts) {
    super(message, cause, attempts);
  }
}
