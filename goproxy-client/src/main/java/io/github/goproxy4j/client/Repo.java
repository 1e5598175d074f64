package io.github.goproxy4j.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One module at one source (go's {@code modfetch.Repo}): the requests of the proxy protocol.
 * {@link ProxyRepo} asks a proxy, {@link DirectRepo} the configured {@link DirectFetcher}.
 *
 * <p>Every error a repo throws already names the module, as go's {@code module.ModuleError}
 * does; a not-found answer is a {@link io.github.goproxy4j.env.NotFoundException}.
 */
interface Repo {

  /** The answer to {@code @v/list} with go's rules applied. */
  VersionList.ListResult versions() throws IOException;

  /**
   * {@link #versions()} for a query of versions with {@code prefix} (go's {@code Versions(prefix)}):
   * the whole list still (the caller matches the prefix), but asked again for another prefix where
   * go's {@code cachingRepo} remembers a list per prefix ({@link CachingRepo}).
   */
  default VersionList.ListResult versions(String prefix) throws IOException {
    return versions();
  }

  /** The info of a version or revision ({@code @v/<rev>.info}). */
  VersionInfo stat(String rev) throws IOException;

  /**
   * The answer to {@code @latest}; empty when a proxy has none (404/410), in which case go takes
   * the latest version from the list.
   */
  Optional<VersionInfo> latest() throws IOException;

  /** The go.mod of a canonical version ({@code @v/<v>.mod}). */
  byte[] goMod(String version) throws IOException;

  /**
   * Writes the zip of a canonical version ({@code @v/<v>.zip}) into {@code target}, replacing
   * whatever an earlier attempt left there.
   */
  void zip(String version, Path target, Received received) throws IOException;

  /** Progress of a zip body. */
  @FunctionalInterface
  interface Received {
    void bytes(long received, long total);
  }
}
