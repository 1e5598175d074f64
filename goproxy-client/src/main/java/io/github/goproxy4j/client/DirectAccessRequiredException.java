package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import java.util.List;
import java.util.Objects;

/**
 * The module must be fetched from its version-control repository ({@code direct}) and no
 * {@link DirectFetcher} is configured. The message and {@link #setting()} name the setting that
 * decided it: {@code GOPRIVATE} or {@code GONOPROXY} (the module matched a pattern) or
 * {@code GOPROXY} (the walk reached a {@code direct} entry).
 *
 * <pre>{@code
 * try {
 *   client.download(ModuleVersion.parse("corp.example/lib@v1.2.0"));
 * } catch (DirectAccessRequiredException e) {
 *   // e.setting() is "GOPRIVATE": configure a DirectFetcher, for example
 *   // GoProxyClient.builder().directFetcher(GoCommandDirectFetcher.create())
 * }
 * }</pre>
 */
public class DirectAccessRequiredException extends GoProxyException {
  private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * Creates the exception.
   *
   * @param message the message
   * @param setting the deciding setting ({@code GOPROXY}, {@code GONOPROXY} or
   *     {@code GOPRIVATE}); never {@code null}
   * @param attempts the requests made before, in order
   */
  public DirectAccessRequiredException(
      String message, String setting, List<GoProxyException.Attempt> attempts) {
    super(message, null, attempts);
    this.setting = Objects.requireNonNull(setting, "setting");
  }

  /**
   * Returns the setting that sent the module to version control.
   *
   * @return {@code "GOPROXY"}, {@code "GONOPROXY"} or {@code "GOPRIVATE"}
   */
  public String setting() {
    return setting;
  }
}
