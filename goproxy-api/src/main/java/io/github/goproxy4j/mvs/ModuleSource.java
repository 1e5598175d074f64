package io.github.goproxy4j.mvs;

import io.github.goproxy4j.module.ModuleVersion;
import java.io.IOException;

/**
 * Where {@link ModuleGraph} gets the go.mod files of dependencies: the function from a module
 * version to its go.mod that minimal version selection needs. The client implements it with
 * verified downloads; tests can implement it from memory. Implementations are called from several
 * threads at once.
 *
 * <pre>{@code
 * ModuleSource source = new ModuleSource() {
 *   public byte[] goMod(ModuleVersion m) throws IOException { return client.goMod(m); }
 *   public byte[] goModInDirectory(String dir) throws IOException {
 *     return Files.readAllBytes(mainDir.resolve(dir).resolve("go.mod"));
 *   }
 * };
 * }</pre>
 */
public interface ModuleSource {
  /**
   * Returns the go.mod file of a module version (for a replaced module: of its replacement).
   *
   * @param module a module version with a canonical version
   * @return the file's bytes
   * @throws IOException when it cannot be fetched or verified; the message is reported as go
   *     reports it, after {@code path@version: }
   */
  byte[] goMod(ModuleVersion module) throws IOException;

  /**
   * Returns the go.mod file in a directory that a {@code replace} directive names.
   *
   * @param directory the directory as written in the directive (relative to the main module's
   *     directory, or absolute)
   * @return the file's bytes
   * @throws IOException when it cannot be read; go reports {@code reading <dir>/go.mod: <reason>}
   */
  byte[] goModInDirectory(String directory) throws IOException;

  /**
   * A hint: the graph has queued the load of this module version's go.mod (its {@link #goMod}
   * call, or its replacement's, may follow); {@link #loadDone} follows once that load has ended,
   * however it ended. A source may put off work that the loads still queued would repeat (the
   * client rewrites a module's {@code list} file of cached versions once after its queued loads,
   * not after each). Called once per load, from any thread; the default does nothing.
   *
   * @param path the module path as required (before replacements)
   * @param version the version as required
   */
  default void loadQueued(String path, String version) {}

  /**
   * A hint: the load announced by {@link #loadQueued} has ended. The default does nothing.
   *
   * @param path the module path as required (before replacements)
   * @param version the version as required
   */
  default void loadDone(String path, String version) {}
}
