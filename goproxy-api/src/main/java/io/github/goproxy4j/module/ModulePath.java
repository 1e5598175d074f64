package io.github.goproxy4j.module;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.UnicodeTables;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid Go module path, as {@code module.CheckPath} in golang.org/x/mod defines it: for
 * example {@code golang.org/x/mod}, {@code github.com/Azure/go-autorest/v14} or
 * {@code gopkg.in/yaml.v3}.
 *
 * <pre>{@code
 * ModulePath p = ModulePath.parse("github.com/Azure/azure-sdk/v2");
 * p.escaped();       // "github.com/!azure/azure-sdk/v2"  (as in proxy URLs)
 * p.majorSuffix();   // Optional[/v2]
 * p.prefix();        // "github.com/Azure/azure-sdk"
 * ModulePath.parse("x");   // InvalidModulePathException:
 *                          //   malformed module path "x": missing dot in first path element
 * }</pre>
 *
 * <p>{@link #toString()} is the path; {@link #equals(Object)} and {@link #hashCode()} compare
 * the path strings exactly (module paths are case-sensitive). Instances are immutable and
 * thread-safe.
 *
 * <p>Import paths and file paths inside module zips follow related rules, checked by
 * {@link #checkImportPath(String)} and {@link #checkFilePath(String)}.
 */
public final class ModulePath {
  private final String path;
  private final int prefixEnd; // path[prefixEnd:] is the major suffix ("" when none)
  private volatile String escaped;

  private ModulePath(String path, int prefixEnd) {
    this.path = path;
    this.prefixEnd = prefixEnd;
  }

  /**
   * Parses and checks a module path ({@code module.CheckPath}).
   *
   * <pre>{@code
   * ModulePath p = ModulePath.parse("golang.org/x/mod");
   * }</pre>
   *
   * @param path the module path
   * @return the module path
   * @throws InvalidModulePathException with x/mod's message, for example {@code malformed module
   *     path "example.com/foo/v1": invalid version}; also for {@code null}
   */
  public static ModulePath parse(String path) {
    if (path == null) {
      throw new InvalidModulePathException(null, "malformed module path null: empty string");
    }
    String reason = PathRules.checkModulePathReason(path);
    if (reason != null) {
      throw new InvalidModulePathException(
          path, "malformed module path " + GoQuote.quote(path) + ": " + reason);
    }
    return new ModulePath(path, PathRules.splitPathVersion(path));
  }

  /**
   * Tells whether {@code path} is a valid module path ({@code module.CheckPath} succeeds).
   *
   * @param path any string, may be {@code null}
   * @return whether {@link #parse(String)} would accept it
   */
  public static boolean isValid(String path) {
    return path != null && PathRules.checkModulePathReason(path) == null;
  }

  /**
   * Reverses {@link #escaped()} ({@code module.UnescapePath}) and checks the result.
   *
   * <pre>{@code
   * ModulePath.unescape("github.com/!azure/go-autorest");   // github.com/Azure/go-autorest
   * }</pre>
   *
   * @param escaped an escaped module path, as found in proxy URLs and the module cache;
   *     {@code null} is rejected as invalid, with the exception below
   * @return the module path
   * @throws InvalidModulePathException with x/mod's message, for example {@code invalid escaped
   *     module path "github.com/Azure"}
   */
  public static ModulePath unescape(String escaped) {
    if (escaped == null) {
      throw new InvalidModulePathException(null, "invalid escaped module path null");
    }
    String err = PathRules.unescapePathError(escaped);
    if (err != null) {
      throw new InvalidModulePathException(escaped, err);
    }
    String path = PathRules.unescapeString(escaped);
    return new ModulePath(path, PathRules.splitPathVersion(path));
  }

  /**
   * Escapes a module path string ({@code module.EscapePath}): checks it, then replaces each
   * upper-case letter by {@code !} and its lower-case form.
   *
   * <pre>{@code
   * ModulePath.escape("github.com/Azure/go-autorest");   // "github.com/!azure/go-autorest"
   * }</pre>
   *
   * @param path a module path; {@code null} is rejected as invalid, with the exception below
   * @return the escaped path
   * @throws InvalidModulePathException when {@code path} is not a valid module path
   */
  public static String escape(String path) {
    return parse(path).escaped();
  }

  /**
   * Checks an import path ({@code module.CheckImportPath}): like a module path, but without
   * the first-element and major-version rules, and {@code +} is allowed.
   *
   * <pre>{@code
   * ModulePath.checkImportPath("example.com/pkg/c++");   // ok
   * }</pre>
   *
   * @param path the import path; {@code null} is rejected as invalid, with the exception below
   * @throws InvalidModulePathException with x/mod's message, for example {@code malformed import
   *     path "a//b": double slash}
   */
  public static void checkImportPath(String path) {
    if (path == null) {
      throw new InvalidModulePathException(null, "malformed import path null: empty string");
    }
    String err = PathRules.checkImportPathError(path);
    if (err != null) {
      throw new InvalidModulePathException(path, err);
    }
  }

  /**
   * Checks a file path inside a module ({@code module.CheckFilePath}): slash-separated, with
   * a wider set of characters (including non-ASCII letters) but no Windows-reserved names.
   * Which non-ASCII characters are letters follows the newest Go release's Unicode tables; use
   * {@link #checkFilePath(String, String)} to follow another release.
   *
   * <pre>{@code
   * ModulePath.checkFilePath("internal/x.go");   // ok
   * ModulePath.checkFilePath("aux.go");          // throws: "aux" disallowed ... on Windows
   * }</pre>
   *
   * @param path the file path; {@code null} is rejected as invalid, with the exception below
   * @throws InvalidModulePathException with x/mod's message, for example {@code malformed file
   *     path "a/": trailing slash}
   */
  public static void checkFilePath(String path) {
    checkFilePath(path, UnicodeTables.newest());
  }

  /**
   * {@link #checkFilePath(String)} as a given Go release decides it: letters (and the quoting of
   * the message) follow that release's Unicode tables, as {@code GoEnv}'s {@code goVersion} does.
   * Unicode 16 made U+1C8A a letter; go1.27 has Unicode 17, go1.21 to go1.26 Unicode 15, so:
   *
   * <pre>{@code
   * String name = "a/" + Character.toString(0x1C8A) + ".go";
   * ModulePath.checkFilePath(name, "1.27");   // ok
   * ModulePath.checkFilePath(name, "1.26");   // throws: malformed file path ...: invalid char ...
   * }</pre>
   *
   * @param path the file path; {@code null} is rejected as invalid, with the exception below
   * @param goVersion the Go release, as {@code GoEnv.goVersion()} gives it ({@code "1.21"},
   *     {@code "1.21.3"}, {@code "go1.27"}); a release newer than the newest known follows the newest
   * @throws InvalidModulePathException with x/mod's message
   * @throws IllegalArgumentException when {@code goVersion} is not a Go release from 1.19 on
   */
  public static void checkFilePath(String path, String goVersion) {
    Objects.requireNonNull(goVersion, "goVersion");
    checkFilePath(path, UnicodeTables.forGoVersion(goVersion));
  }

  private static void checkFilePath(String path, UnicodeTables unicode) {
    if (path == null) {
      throw new InvalidModulePathException(null, "malformed file path null: empty string");
    }
    String err = PathRules.checkFilePathError(path, unicode);
    if (err != null) {
      throw new InvalidModulePathException(path, err);
    }
  }

  /**
   * Checks that a version fits a module path's major-version suffix ({@code
   * module.CheckPathMajor}): no suffix allows v0, v1 and {@code +incompatible}; {@code /vN} and
   * {@code .vN} need major version N; {@code gopkg.in/x.v1} also accepts {@code v0.0.0-}
   * pseudo-versions.
   *
   * <pre>{@code
   * ModulePath.checkPathMajor(Version.parse("v2.0.0"), ModulePath.parse("example.com/m/v2"));  // ok
   * }</pre>
   *
   * @param version the version
   * @param path the module path
   * @throws InvalidVersionException with x/mod's message, for example {@code version "v2.0.0"
   *     invalid: should be v0 or v1, not v2}; also when either argument is {@code null}
   */
  public static void checkPathMajor(Version version, ModulePath path) {
    if (version == null || path == null) {
      throw new InvalidVersionException(
          version == null ? null : version.toString(),
          "checkPathMajor needs a version and a module path, got " + version + " and " + path);
    }
    String v = version.toString();
    String reason = PathRules.checkPathMajorReason(v, path.path.substring(path.prefixEnd));
    if (reason != null) {
      throw new InvalidVersionException(v, PathRules.invalidVersion(v, reason));
    }
  }

  /**
   * Whether {@code version} fits this path's major-version suffix ({@code
   * module.MatchPathMajor}).
   *
   * @param version a version, may be {@code null} (which never matches, as checkPathMajor fails)
   * @return whether {@link #checkPathMajor(Version, ModulePath)} would succeed
   */
  public boolean matchesMajor(Version version) {
    return version != null
        && PathRules.checkPathMajorReason(version.toString(), path.substring(prefixEnd)) == null;
  }

  /**
   * The escaped form used in proxy URLs and cache paths ({@code module.EscapePath}).
   *
   * @return the path with each upper-case letter replaced by {@code !} and its lower-case form
   */
  public String escaped() {
    String e = escaped;
    if (e == null) {
      e = PathRules.escapeString(path); // a checked module path is ASCII without '!'
      escaped = e;
    }
    return e;
  }

  /**
   * The major-version suffix ({@code module.SplitPathVersion}'s pathMajor): {@code "/v2"} for
   * {@code example.com/m/v2}, {@code ".v1"} for {@code gopkg.in/yaml.v1}, {@code ".v2-unstable"}
   * for {@code gopkg.in/x.v2-unstable}; empty for paths without one.
   *
   * @return the suffix including its separator, if present
   */
  public Optional<String> majorSuffix() {
    return prefixEnd == path.length() ? Optional.empty() : Optional.of(path.substring(prefixEnd));
  }

  /**
   * The path without its major-version suffix ({@code module.SplitPathVersion}'s prefix):
   * {@code example.com/m} for {@code example.com/m/v2}.
   *
   * @return the prefix (the whole path when there is no suffix)
   */
  public String prefix() {
    return path.substring(0, prefixEnd);
  }

  /**
   * Compares the path strings exactly.
   *
   * @param o another object
   * @return whether {@code o} is a {@code ModulePath} with the same path
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof ModulePath && ((ModulePath) o).path.equals(path);
  }

  /**
   * The hash of the path string.
   *
   * @return {@code toString().hashCode()}
   */
  @Override
  public int hashCode() {
    return path.hashCode();
  }

  /**
   * The module path as given.
   *
   * @return the path
   */
  @Override
  public String toString() {
    return path;
  }
}
