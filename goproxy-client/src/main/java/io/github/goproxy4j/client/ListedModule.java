package io.github.goproxy4j.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One module as {@code go list -m} reports it (cmd/go's modinfo.ModulePublic): the main module,
 * or a selected dependency with its replacement and, with {@code -u}, its available update,
 * retraction and deprecation. {@link #toString()} is go's text form.
 *
 * <pre>{@code
 * for (ListedModule m : client.listModules(Path.of("."), true)) {
 *   System.out.println(m);   // example.com/a v1.0.0 [v1.1.0] (deprecated)
 * }
 * }</pre>
 *
 * @param path the module path (for a directory replacement: the directory)
 * @param version the version, {@code ""} for the main module and directory replacements
 * @param main whether this is the main module
 * @param indirect whether the main module's go.mod does not require it directly
 * @param goVersion the go version its go.mod declares, {@code ""} when unknown
 * @param replace the replacement, when the main module replaces this module
 * @param update the newer version {@code -u} found, if any
 * @param retracted the retraction rationales ({@code -u}), empty when not retracted
 * @param deprecated the deprecation message ({@code -u}), {@code ""} when not deprecated
 * @param error the error go would print in brackets, {@code ""} when none
 */
public record ListedModule(String path, String version, boolean main, boolean indirect, String goVersion,
    Optional<ListedModule> replace, Optional<ListedModule> update, List<String> retracted, String deprecated,
    String error) {
  /**
   * Validates the components.
   *
   * @param path never {@code null}
   * @param version never {@code null}
   * @param main the flag
   * @param indirect the flag
   * @param goVersion never {@code null}
   * @param replace never {@code null}
   * @param update never {@code null}
   * @param retracted never {@code null}
   * @param deprecated never {@code null}
   * @param error never {@code null}
   */
  public ListedModule {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(goVersion, "goVersion");
    Objects.requireNonNull(replace, "replace");
    Objects.requireNonNull(update, "update");
    retracted = List.copyOf(retracted);
    Objects.requireNonNull(deprecated, "deprecated");
    Objects.requireNonNull(error, "error");
  }

  private String versionString() {
    return retracted.isEmpty() ? version : version + " (retracted)";
  }

  /**
   * Returns the line {@code go list -m} prints: {@code path version [update] (deprecated) =>
   * replacement}, with {@code (retracted)} after a retracted version and {@code [error]} at the end.
   *
   * @return the text, without a newline
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(path);
    if (!version.isEmpty()) {
      s.append(' ').append(versionString());
      update.ifPresent(u -> s.append(" [").append(u.versionString()).append(']'));
    }
    if (!deprecated.isEmpty()) {
      s.append(" (deprecated)");
    }
    replace.ifPresent(r -> {
      s.append(" => ").append(r.path);
      if (!r.version.isEmpty()) {
        s.append(' ').append(r.versionString());
        r.update.ifPresent(u -> s.append(" [").append(u.versionString()).append(']'));
      }
      if (!r.deprecated.isEmpty()) {
        s.append(" (deprecated)");
      }
    });
    if (!error.isEmpty()) {
      s.append(" [").append(error).append(']');
    }
    return s.toString();
  }
}
