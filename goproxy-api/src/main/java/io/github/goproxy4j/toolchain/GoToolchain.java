package io.github.goproxy4j.toolchain;

import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.module.ModuleVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * A Go toolchain for one platform, as the go command downloads it (Go 1.21 on): the module
 * {@code golang.org/toolchain@v0.0.1-go1.X.Y.<goos>-<goarch>}.
 *
 * <pre>{@code
 * GoToolchain t = GoToolchain.of("go1.27.3", Platform.parse("linux/amd64"));
 * t.moduleVersion();   // golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64
 * t.version();         // "1.27.3"
 * }</pre>
 *
 * <p>Instances are immutable values.
 */
public final class GoToolchain {
  /** The module path of toolchain modules. */
  public static final String MODULE_PATH = "golang.org/toolchain";
  /** The version prefix of every toolchain module version ({@code v0.0.1}). */
  static final String MODULE_VERSION_PREFIX = "v0.0.1";

  private final String name;
  private final String version;
  private final Platform platform;

  private GoToolchain(String name, String version, Platform platform) {
    this.name = name;
    this.version = version;
    this.platform = platform;
  }

  /**
   * A toolchain by name ({@code go1.27.3}, {@code go1.22rc1}), for a platform.
   *
   * @param name the toolchain name: {@code go} and a Go version (gover.FromToolchain)
   * @param platform the platform
   * @return the toolchain
   * @throws IllegalArgumentException if {@code name} is not {@code go} followed by a Go version
   */
  public static GoToolchain of(String name, Platform platform) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(platform, "platform");
    String v = GoRelease.fromToolchain(name);
    if (v.isEmpty() || !name.equals("go" + v)) {
      throw new IllegalArgumentException("invalid toolchain name \"" + name
          + "\": want go and a Go version, such as go1.27.3");
    }
    return new GoToolchain(name, v, platform);
  }

  /**
   * Reads a toolchain module version (Go's dlToGo): {@code v0.0.1-go1.27.3.linux-amd64}.
   *
   * @param moduleVersion a version from {@code golang.org/toolchain/@v/list}
   * @return the toolchain, or empty when the version does not name one
   */
  public static Optional<GoToolchain> fromModuleVersion(String moduleVersion) {
    Objects.requireNonNull(moduleVersion, "moduleVersion");
    if (!moduleVersion.startsWith(MODULE_VERSION_PREFIX + "-")) {
      return Optional.empty();
    }
    String v = moduleVersion.substring(MODULE_VERSION_PREFIX.length() + 1);
    int dot = v.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String plat = v.substring(dot + 1);
    int dash = plat.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String name = v.substring(0, dot);
    try {
      return Optional.of(of(name, new Platform(plat.substring(0, dash), plat.substring(dash + 1))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The toolchain name.
   *
   * @return for example {@code go1.27.3}
   */
  public String name() {
    return name;
  }

  /**
   * The Go version the toolchain provides.
   *
   * @return for example {@code 1.27.3}
   */
  public String version() {
    return version;
  }

  /**
   * The platform.
   *
   * @return for example {@code linux/amd64}
   */
  public Platform platform() {
    return platform;
  }

  /**
   * The module version go downloads for this toolchain.
   *
   * @return {@code golang.org/toolchain@v0.0.1-<name>.<goos>-<goarch>}
   */
  public ModuleVersion moduleVersion() {
    return ModuleVersion.of(MODULE_PATH, MODULE_VERSION_PREFIX + "-" + name + "." + platform.goos()
        + "-" + platform.goarch());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GoToolchain && ((GoToolchain) o).name.equals(name)
        && ((GoToolchain) o).platform.equals(platform);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + platform.hashCode();
  }

  /** Returns {@code go1.27.3 (linux/amd64)}, as go prints it when downloading. */
  @Override
  public String toString() {
    return name + " (" + platform + ")";
  }
}
