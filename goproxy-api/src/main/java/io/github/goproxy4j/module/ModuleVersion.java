package io.github.goproxy4j.module;

import io.github.goproxy4j.internal.GoQuote;

/**
 * A module at a version, such as {@code golang.org/x/mod@v0.7.0}, checked with x/mod's
 * {@code module.Check}: the path is a valid module path, the version is valid semver, and the
 * version's major version agrees with the path's major-version suffix.
 *
 * <pre>{@code
 * ModuleVersion mv = ModuleVersion.of("github.com/Azure/go-autorest", "v14.2.0+incompatible");
 * mv.escapedPath();      // "github.com/!azure/go-autorest"
 * ModuleVersion.parse("example.com/m/v2@v2.1.0").version().major();   // "v2"
 * ModuleVersion.of("example.com/m", "v2.0.0");
 *   // InvalidVersionException: example.com/m@v2.0.0: invalid version: should be v0 or v1, not v2
 * }</pre>
 *
 * <p>The version need not be canonical ({@code v1.2} is accepted, as by {@code module.Check});
 * operations that need a canonical version (downloads, cache paths) check that themselves.
 *
 * <p>{@link #toString()} is {@code path@version}; {@link #equals(Object)} and
 * {@link #hashCode()} compare the path and the version strings exactly (so
 * {@code m@v1.2} differs from {@code m@v1.2.0}). Instances are immutable and thread-safe.
 */
public final class ModuleVersion {
  private final ModulePath path;
  private final Version version;

  private ModuleVersion(ModulePath path, Version version) {
    this.path = path;
    this.version = version;
  }

  /**
   * Checks and combines a module path and a version ({@code module.Check}).
   *
   * <pre>{@code
   * ModuleVersion mv = ModuleVersion.of("golang.org/x/mod", "v0.7.0");
   * }</pre>
   *
   * @param path the module path; {@code null} is rejected as invalid, with the exception below
   * @param version the version; {@code null} is rejected as invalid, with the exception below
   * @return the module version
   * @throws InvalidModulePathException if the path is invalid (x/mod's {@code malformed module
   *     path ...} message)
   * @throws InvalidVersionException if the version is not semver ({@code path@version: invalid
   *     version: not a semantic version}) or does not fit the path's major suffix ({@code
   *     path@version: invalid version: should be v2, not v1})
   */
  public static ModuleVersion of(String path, String version) {
    ModulePath p = ModulePath.parse(path);
    Version v = Version.tryParse(version);
    if (v == null) {
      throw new InvalidVersionException(
          version, path + "@" + version + ": invalid version: not a semantic version");
    }
    return of(p, v);
  }

  /**
   * Combines a module path and a version after checking that the version fits the path's
   * major-version suffix (the last step of {@code module.Check}).
   *
   * @param path the module path
   * @param version the version
   * @return the module version
   * @throws InvalidVersionException if the major versions disagree, with x/mod's message
   *     ({@code example.com/m/v2@v1.0.0: invalid version: should be v2, not v1}), or if either
   *     argument is {@code null}
   */
  public static ModuleVersion of(ModulePath path, Version version) {
    if (path == null || version == null) {
      throw new InvalidVersionException(
          version == null ? null : version.toString(),
          "module version needs a path and a version, got " + path + "@" + version);
    }
    String v = version.toString();
    String reason = PathRules.checkPathMajorReason(v, path.majorSuffix().orElse(""));
    if (reason != null) {
      throw new InvalidVersionException(v, path + "@" + v + ": invalid version: " + reason);
    }
    return new ModuleVersion(path, version);
  }

  /**
   * Parses {@code path@version} (split at the first {@code @}, which a module path cannot
   * contain) and checks it like {@link #of(String, String)}.
   *
   * <pre>{@code
   * ModuleVersion mv = ModuleVersion.parse("rsc.io/quote@v1.5.2");
   * }</pre>
   *
   * @param pathAtVersion the text, for example {@code rsc.io/quote@v1.5.2};
   *     {@code null} is rejected as invalid, with the exception below
   * @return the module version
   * @throws InvalidVersionException if there is no {@code @} or the version is invalid
   * @throws InvalidModulePathException if the path is invalid
   */
  public static ModuleVersion parse(String pathAtVersion) {
    int at = pathAtVersion == null ? -1 : pathAtVersion.indexOf('@');
    if (at < 0) {
      throw new InvalidVersionException(
          pathAtVersion,
          "malformed module version " + GoQuote.quote(pathAtVersion) + ": missing @version");
    }
    return of(pathAtVersion.substring(0, at), pathAtVersion.substring(at + 1));
  }

  /**
   * The module path.
   *
   * @return the path
   */
  public ModulePath path() {
    return path;
  }

  /**
   * The version, as given.
   *
   * @return the version
   */
  public Version version() {
    return version;
  }

  /**
   * The escaped module path, as in proxy URLs ({@code module.EscapePath}).
   *
   * @return {@code path().escaped()}
   */
  public String escapedPath() {
    return path.escaped();
  }

  /**
   * The escaped version, as in proxy URLs ({@code module.EscapeVersion}).
   *
   * @return {@code version().escaped()}
   */
  public String escapedVersion() {
    return version.escaped();
  }

  /**
   * Compares path and version strings exactly.
   *
   * @param o another object
   * @return whether {@code o} has the same path and the same version text
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ModuleVersion)) {
      return false;
    }
    ModuleVersion m = (ModuleVersion) o;
    return m.path.equals(path) && m.version.equals(version);
  }

  /**
   * A hash of the path and the version text.
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    return path.hashCode() * 31 + version.hashCode();
  }

  /**
   * The module version as {@code path@version}, like Go's {@code module.Version.String()}.
   *
   * @return {@code path@version}
   */
  @Override
  public String toString() {
    return path + "@" + version;
  }
}
