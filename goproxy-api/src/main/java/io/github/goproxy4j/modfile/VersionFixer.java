package io.github.goproxy4j.modfile;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.module.Version;
import java.util.Objects;

/**
 * x/mod's {@code modfile.VersionFixer}: what the strict parse ({@link GoModFile#parseStrict(String,
 * byte[], String, VersionFixer)}) calls for each version it reads in {@code require}, {@code exclude}
 * and {@code replace} lines (both sides) and, with the {@code module} path, in {@code retract}
 * bounds; the version it returns replaces the one written (also in the file {@link GoModEditor}
 * prints). The go command reads its main modules' go.mod files with modload's {@code fixVersion}
 * ({@link #resolving}), which resolves a version that is not canonical semver ({@code v1.2}, a
 * branch, a commit) with a module query, and then rewrites go.mod (under {@code -mod=mod}) or fails
 * with "updates to go.mod needed".
 *
 * <pre>{@code
 * VersionFixer fix = VersionFixer.resolving((path, query) -> myQuery(path, query));
 * GoModFile main = GoModFile.parseStrict("go.mod", bytes, "1.27", fix);
 * main.needsFix();   // true when a version was resolved to another text
 * }</pre>
 */
@FunctionalInterface
public interface VersionFixer {
  /**
   * Returns the version to use for {@code version} of module {@code path}.
   *
   * @param path the module path as written (unquoted)
   * @param version the version as written (unquoted)
   * @return the version that replaces it
   * @throws Failure when the version cannot be fixed; the parse reports it on the directive's line
   */
  String fix(String path, String version) throws Failure;

  /**
   * modload's {@code fixVersion} around a module query: gopkg.in's old {@code -gopkgin-} version
   * prefix is cut; a module path that does not split into a prefix and a major version fails; a
   * canonical version is kept once it fits the path's major version; anything else (a prefix such
   * as {@code v1.2}, build metadata, a branch or commit name) is what {@code query} resolves.
   *
   * @param query go's {@code Query(path, version, "", nil)}: resolves a query with no version
   *     disallowed (neither excluded nor retracted)
   * @return the fixer
   */
  static VersionFixer resolving(VersionFixer query) {
    return new FixVersion(Objects.requireNonNull(query, "query"));
  }

  /**
   * Why a version could not be fixed, in one of the two shapes modfile.parseVersion reports: an
   * error about the module ({@code module.ModuleError}), printed after the directive and the path
   * ({@code require example.com/a: version "v9" invalid: ...}), or any other error, printed alone
   * after the file and line ({@code no matching versions for query "v9"}).
   */
  final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean aboutModule;

    private Failure(String message, boolean aboutModule) {
      super(message, null, false, false);
      this.aboutModule = aboutModule;
    }

    /**
     * A {@code module.ModuleError} whose error is {@code text} (already worded, such as
     * {@code reading https://...: 404 Not Found}).
     *
     * @param text the module error's inner error text
     * @return the failure
     */
    public static Failure aboutModule(String text) {
      return new Failure(Objects.requireNonNull(text, "text"), true);
    }

    /**
     * A {@code module.ModuleError} around {@code module.InvalidVersionError}: {@code version "V"
     * invalid: text} ({@code pseudo-version} for a pseudo-version).
     *
     * @param version the version the error is about
     * @param text the inner error text
     * @return the failure
     */
    public static Failure invalidVersion(String version, String text) {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(text, "text");
      boolean pseudo = Version.isValid(version) && Version.parse(version).isPseudo();
      return aboutModule((pseudo ? "pseudo-version " : "version ") + GoQuote.quote(version) + " invalid: " + text);
    }

    /**
     * Any other error, printed as it is.
     *
     * @param text the error text
     * @return the failure
     */
    public static Failure other(String text) {
      return new Failure(Objects.requireNonNull(text, "text"), false);
    }

    /** {@return whether go prints the directive and the module path before the message} */
    public boolean aboutModule() {
      return aboutModule;
    }
  }
}
