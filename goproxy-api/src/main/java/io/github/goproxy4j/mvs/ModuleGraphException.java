package io.github.goproxy4j.mvs;

import io.github.goproxy4j.env.GoProxyException;

/**
 * The module graph cannot be built: a go.mod that cannot be fetched or parsed, or declares
 * another module path, or the main module's requirements are inconsistent. The message is the
 * go command's text without its {@code go: } prefix, including the chain of requirements that
 * led to the failing module ({@code example.com/a@v1.0.0 requires\n\texample.com/b@v1.1.0: ...}).
 */
public class ModuleGraphException extends GoProxyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message go's text
   * @param cause the underlying failure, or {@code null}
   */
  public ModuleGraphException(String message, Throwable cause) {
    super(message, cause);
  }
}
