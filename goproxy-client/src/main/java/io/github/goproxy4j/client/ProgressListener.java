package io.github.goproxy4j.client;

import io.github.goproxy4j.module.ModuleVersion;
import java.nio.file.Path;

/**
 * Receives progress events of downloads. Every method has an empty default, so implement only
 * what you need. Methods may be called from several threads at once (see
 * {@link GoProxyClient#downloadAll}) and must not block for long; exceptions they throw are
 * logged and ignored.
 *
 * <pre>{@code
 * GoProxyClient client = GoProxyClient.builder()
 *     .progressListener(new ProgressListener() {
 *       public void done(ModuleVersion m, Path dir) {
 *         System.out.println("ready: " + m + " in " + dir);
 *       }
 *     })
 *     .build();
 * }</pre>
 */
public interface ProgressListener {

  /**
   * A download of a module version started (it was not complete in the cache).
   *
   * @param module the module version
   */
  default void started(ModuleVersion module) {}

  /**
   * More of the zip arrived.
   *
   * @param module the module version
   * @param received bytes received so far from the current source
   * @param total the announced length, or -1 when unknown
   */
  default void bytes(ModuleVersion module, long received, long total) {}

  /**
   * The zip's hash was checked against go.sum and the checksum database (when they apply).
   *
   * @param module the module version
   * @param zipHash the verified {@code h1:} hash
   */
  default void verified(ModuleVersion module, String zipHash) {}

  /**
   * The module version is in the cache and extracted.
   *
   * @param module the module version
   * @param dir the extracted directory
   */
  default void done(ModuleVersion module, Path dir) {}

  /**
   * The download failed.
   *
   * @param module the module version
   * @param failure the exception the caller receives
   */
  default void failed(ModuleVersion module, Exception failure) {}
}
