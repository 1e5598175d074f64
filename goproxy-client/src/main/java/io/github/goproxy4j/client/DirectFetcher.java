package io.github.goproxy4j.client;

import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fetches modules straight from version control, for the {@code direct} entries of GOPROXY and
 * for modules that GOPRIVATE/GONOPROXY send there. The client still verifies what a fetcher
 * returns (go.sum, checksum database, zip rules) before anything enters the cache.
 *
 * <p>Without a fetcher the client throws {@link DirectAccessRequiredException}. The library
 * ships {@link GoCommandDirectFetcher}, which delegates to an installed go command.
 *
 * <pre>{@code
 * GoProxyClient client = GoProxyClient.builder()
 *     .directFetcher(GoCommandDirectFetcher.create())
 *     .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe. A missing module, version or revision must be
 * reported as {@link ModuleNotFoundException} (go's "not found" class, which lets a
 * {@code ,}-separated walk go on); any other failure as another
 * {@link io.github.goproxy4j.env.GoProxyException}.
 */
public interface DirectFetcher {

  /**
   * Lists the tagged versions of a module (no pseudo-versions), like {@code @v/list}.
   *
   * @param path the module path
   * @return the versions as written, in any order
   * @throws IOException if the repository cannot be read
   */
  List<String> versions(ModulePath path) throws IOException;

  /**
   * Resolves a version or any revision (branch, tag, commit hash), like {@code @v/<rev>.info}.
   *
   * @param path the module path
   * @param revision the version or revision
   * @return the info; its version is canonical
   * @throws IOException if it cannot be resolved
   */
  VersionInfo stat(ModulePath path, String revision) throws IOException;

  /**
   * Resolves the latest version (the newest commit when there are no tags), like
   * {@code @latest}.
   *
   * @param path the module path
   * @return the info
   * @throws IOException if it cannot be resolved
   */
  VersionInfo latest(ModulePath path) throws IOException;

  /**
   * Returns the go.mod of a version, like {@code @v/<v>.mod}.
   *
   * @param module the module version (canonical)
   * @return the go.mod bytes
   * @throws IOException if it cannot be read
   */
  byte[] goMod(ModuleVersion module) throws IOException;

  /**
   * Writes the module zip of a version to a file, like {@code @v/<v>.zip}.
   *
   * @param module the module version (canonical)
   * @param target the file to write (it exists and is empty)
   * @throws IOException if it cannot be produced
   */
  void zip(ModuleVersion module, Path target) throws IOException;
}
