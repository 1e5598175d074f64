package io.github.goproxy4j.toolchain;

import java.util.Locale;
import java.util.Objects;

/**
 * A Go platform: {@code GOOS} and {@code GOARCH} ({@code linux/amd64}), as toolchain module
 * versions name it ({@code v0.0.1-go1.27.3.linux-amd64}).
 *
 * <pre>{@code
 * Platform here = Platform.current();           // from os.name and os.arch, e.g. linux/amd64
 * Platform mac = Platform.parse("darwin/arm64");
 * }</pre>
 *
 * @param goos Go's operating system name, for example {@code linux}, {@code darwin}, {@code windows}
 * @param goarch Go's architecture name, for example {@code amd64}, {@code arm64}, {@code 386}
 */
public record Platform(String goos, String goarch) {
  /**
   * Checks the names: lower-case letters and digits, as all of Go's are (no {@code -} or
   * {@code .}, which would make the toolchain module version ambiguous).
   *
   * @param goos the operating system
   * @param goarch the architecture
   * @throws IllegalArgumentException naming the bad part
   */
  public Platform {
    Objects.requireNonNull(goos, "goos");
    Objects.requireNonNull(goarch, "goarch");
    check("GOOS", goos);
    check("GOARCH", goarch);
  }

  private static void check(String what, String v) {
    if (v.isEmpty() || !v.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      throw new IllegalArgumentException("invalid " + what + " \"" + v
          + "\": must be lower-case letters and digits, as Go's names are (for example linux, amd64)");
    }
  }

  /**
   * Parses {@code goos/goarch}.
   *
   * @param platform for example {@code linux/amd64}
   * @return the platform
   * @throws IllegalArgumentException if {@code platform} is not {@code goos/goarch}
   */
  public static Platform parse(String platform) {
    Objects.requireNonNull(platform, "platform");
    String s = platform;
    int slash = s.indexOf('/');
    if (slash < 0 || s.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("invalid platform \"" + s + "\": want GOOS/GOARCH, such as linux/amd64");
    }
    return new Platform(s.substring(0, slash), s.substring(slash + 1));
  }

  /**
   * The platform this JVM runs on, from the system properties {@code os.name} and
   * {@code os.arch} mapped to Go's names.
   *
   * @return for example {@code linux/amd64} or {@code darwin/arm64}
   * @throws IllegalStateException if the JVM's OS or architecture has no Go name
   */
  public static Platform current() {
    return fromJvm(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /**
   * Maps the JVM's {@code os.name} and {@code os.arch} values to Go's names.
   *
   * @param osName for example {@code Linux}, {@code Mac OS X}, {@code Windows 11}
   * @param osArch for example {@code amd64}, {@code x86_64}, {@code aarch64}
   * @return the platform
   * @throws IllegalStateException if either has no Go name
   */
  public static Platform fromJvm(String osName, String osArch) {
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(osArch, "osArch");
    String n = osName.toLowerCase(Locale.ROOT);
    String goos;
    if (n.startsWith("linux")) {
      goos = "linux";
    } else if (n.startsWith("mac") || n.startsWith("darwin")) {
      goos = "darwin";
    } else if (n.startsWith("windows")) {
      goos = "windows";
    } else if (n.startsWith("freebsd")) {
      goos = "freebsd";
    } else if (n.startsWith("openbsd")) {
      goos = "openbsd";
    } else if (n.startsWith("netbsd")) {
      goos = "netbsd";
    } else if (n.startsWith("dragonfly")) {
      goos = "dragonfly";
    } else if (n.startsWith("sunos") || n.startsWith("solaris")) {
      goos = "solaris";
    } else if (n.startsWith("aix")) {
      goos = "aix";
    } else {
      throw new IllegalStateException("no Go GOOS for os.name \"" + osName + "\"; set the platform explicitly");
    }
    String goarch;
    switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64": case "x86_64": case "x64":
        goarch = "amd64";
        break;
      case "aarch64": case "arm64":
        goarch = "arm64";
        break;
      case "x86": case "i386": case "i486": case "i586": case "i686":
        goarch = "386";
        break;
      case "arm": case "arm32": case "armv7l": case "armv6l":
        goarch = "arm";
        break;
      case "ppc64le": case "ppc64": case "s390x": case "riscv64": case "mips64": case "mips64le":
      case "mips": case "mipsle":
        goarch = osArch.toLowerCase(Locale.ROOT);
        break;
      case "mips64el":
        goarch = "mips64le";
        break;
      case "mipsel":
        goarch = "mipsle";
        break;
      case "loongarch64":
        goarch = "loong64";
        break;
      default:
        throw new IllegalStateException("no Go GOARCH for os.arch \"" + osArch + "\"; set the platform explicitly");
    }
    return new Platform(goos, goarch);
  }

  /** Returns {@code goos/goarch}. */
  @Override
  public String toString() {
    return goos + "/" + goarch;
  }
}
