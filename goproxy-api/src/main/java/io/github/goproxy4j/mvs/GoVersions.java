package io.github.goproxy4j.mvs;

import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.module.Version;

/**
 * modload's version order for graph nodes: gover.ModCompare (Go release order for the {@code go}
 * and {@code toolchain} nodes, semver for modules) and cmpVersion (the main module's empty
 * version above every other).
 */
final class GoVersions {
  private GoVersions() {}

  /** gover.Compare. */
  static int compare(String x, String y) {
    return GoRelease.compare(x, y);
  }

  /** gover.ModCompare: Go release order for {@code go} and {@code toolchain}, semver for modules. */
  static int modCompare(String path, String x, String y) {
    if (path.equals("go")) {
      return GoRelease.compare(x, y);
    }
    if (path.equals("toolchain")) {
      return GoRelease.compare(GoRelease.maybeToolchainVersion(x), GoRelease.maybeToolchainVersion(y));
    }
    return Version.compare(x, y);
  }

  /** modload's cmpVersion: the main module's empty version is greater than any other. */
  static int cmpVersion(String path, String v1, String v2) {
    if (v2.isEmpty()) {
      return v1.isEmpty() ? 0 : -1;
    }
    if (v1.isEmpty()) {
      return 1;
    }
    return modCompare(path, v1, v2);
  }
}
