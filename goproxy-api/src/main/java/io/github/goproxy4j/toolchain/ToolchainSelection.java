package io.github.goproxy4j.toolchain;

import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which toolchain the go command runs, decided as {@code cmd/go/internal/toolchain.Select}
 * decides it (Go 1.21 on): GOTOOLCHAIN ({@code local}, {@code auto}, {@code path},
 * {@code go1.X.Y}, {@code go1.X.Y+auto}, {@code go1.X.Y+path}) against the {@code go} and
 * {@code toolchain} lines of the go.work or go.mod that governs a directory.
 *
 * <pre>{@code
 * GoEnv env = GoEnv.builder().goVersion("1.27.3").build();
 * ToolchainSelection s = ToolchainSelection.forDirectory(env, Path.of("."));
 * if (!s.isLocal()) {
 *   System.out.println("go would switch to " + s.toolchain() + " because " + s.reason());
 * }
 * }</pre>
 *
 * <p>The local toolchain is the release of {@link GoEnv#goVersion()}: {@code go1.27.3} for
 * {@code 1.27.3}; a language version from 1.21 on stands for its first release ({@code 1.27}
 * → {@code go1.27.0}), as Go releases are named since 1.21. Before 1.21 the go command knows no
 * GOTOOLCHAIN and always runs itself.
 *
 * @param toolchain the toolchain to run: the local one's name when {@link #isLocal()}
 * @param isLocal whether the local go command runs the command itself
 * @param pathOnly whether the toolchain may only be found in PATH (GOTOOLCHAIN {@code path} or
 *     {@code +path}), never downloaded
 * @param file the go.work or go.mod consulted, if any
 * @param reason why, in the words of go's {@code GODEBUG=toolchaintrace=1} output
 */
public record ToolchainSelection(String toolchain, boolean isLocal, boolean pathOnly,
    Optional<Path> file, String reason) {

  /**
   * Checks the components.
   *
   * @param toolchain the toolchain
   * @param isLocal whether it is the local one
   * @param pathOnly whether only PATH may provide it
   * @param file the file consulted
   * @param reason the explanation
   */
  public ToolchainSelection {
    Objects.requireNonNull(toolchain, "toolchain");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * The Go release of the selected toolchain, as {@code GoEnv.Builder.goVersion} takes it:
   * {@code 1.24.4} for {@code go1.24.4}, {@code 1.22.1} for {@code go1.22.1-custom}. After go
   * switches, that release answers the command; follow it to answer as it does.
   *
   * @return the release
   */
  public String release() {
    return GoRelease.fromToolchain(toolchain);
  }

  /**
   * Selects for the directory {@code dir}: finds the go.work (GOWORK, else the nearest
   * {@code go.work} above {@code dir}) or else the nearest {@code go.mod}, as the go command
   * does, and applies {@link #select(String, String, Path, byte[])}, showing file names relative to
   * {@code dir}. Where module mode will be off (GO111MODULE {@code off}, or {@code auto} outside
   * a module) go runs the local toolchain whatever GOTOOLCHAIN says, and so does this.
   *
   * @param env the settings (GOTOOLCHAIN, GOWORK) and the local release ({@code goVersion})
   * @param dir the working directory
   * @return the selection
   * @throws InvalidToolchainException with Go's message for a bad GOTOOLCHAIN, GOWORK or
   *     {@code toolchain} line
   * @throws IOException if the go.mod or go.work found cannot be read
   */
  public static ToolchainSelection forDirectory(GoEnv env, Path dir) throws IOException {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(dir, "dir");
    String local = localToolchain(env.goVersion());
    if (!GoRelease.modelled(env.goVersion()).atLeast(21)) {
      return new ToolchainSelection(local, true, false, Optional.empty(),
          "go" + env.goVersion() + " predates GOTOOLCHAIN (Go 1.21) and always runs itself");
    }
    Path abs = dir.toAbsolutePath().normalize();
    // modload.WillBeEnabled: go selects a toolchain only when module mode will be on: GO111MODULE
    // on or unset, or auto with a go.mod above the directory (from Go 1.27 also a go.work)
    String modules = env.get("GO111MODULE");
    boolean auto = modules.equals("auto");
    Path work = null;
    Path goMod = null;
    if (modules.isEmpty() || modules.equals("on") || auto) {
      work = findGoWork(env, abs);
      goMod = findUp(abs, "go.mod", null);
    }
    if (!(modules.isEmpty() || modules.equals("on"))
        && !(auto && (goMod != null || (work != null && GoRelease.modelled(env.goVersion()).atLeast(27))))) {
      return new ToolchainSelection(local, true, false, Optional.empty(),
          "module mode is off (GO111MODULE=" + modules + "): go runs the local toolchain " + local);
    }
    Path file = work != null ? work : goMod;
    // read as go reads it here (os.ReadFile, before any lock: toolchain.modGoToolchain)
    byte[] data = file == null ? null : Files.readAllBytes(file);
    return select(env.get("GOTOOLCHAIN"), local, file, data, abs);
  }

  /**
   * The local toolchain's name for a {@code goVersion}: {@code go1.27.3} for {@code 1.27.3},
   * {@code go1.27.0} for the language version {@code 1.27} (1.21 on), {@code go1.20} for
   * {@code 1.20}.
   *
   * @param goVersion a release as {@link GoEnv#goVersion()} returns it
   * @return the toolchain name
   */
  public static String localToolchain(String goVersion) {
    Objects.requireNonNull(goVersion, "goVersion");
    String v = goVersion.startsWith("go") ? goVersion.substring(2) : goVersion;
    if (GoRelease.isLang(v) && GoRelease.compare(v, "1.21") >= 0) {
      v += ".0";
    }
    return "go" + v;
  }

  /**
   * The selection of go's switch in the middle of a command (toolchain.Switcher.Switch, then
   * toolchain.Exec): {@code toolchain}, found in PATH, or, unless GOTOOLCHAIN allows only PATH,
   * downloaded. The toolchain switched to runs the command again without selecting once more.
   *
   * @param env the settings (GOTOOLCHAIN) and the local release
   * @param toolchain what {@link #newerToolchain} chose, for example {@code go1.24.4}
   * @param what what needs the newer go ({@code example.com/m@v1.0.0})
   * @param goVersion the Go version it needs
   * @return the selection, never local
   * @throws IllegalArgumentException when {@code toolchain} is not a toolchain name
   */
  public static ToolchainSelection switchingTo(GoEnv env, String toolchain, String what, String goVersion) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(goVersion, "goVersion");
    if (GoRelease.fromToolchain(Objects.requireNonNull(toolchain, "toolchain")).isEmpty()) {
      throw new IllegalArgumentException("invalid toolchain name " + quote(toolchain)
          + ": want go and a Go version, such as go1.27.3");
    }
    return new ToolchainSelection(toolchain, false, hasPath(env.get("GOTOOLCHAIN")), Optional.empty(),
        "go: " + what + " requires go >= " + goVersion + "; switching to " + toolchain);
  }

  /**
   * toolchain.HasAuto: whether a GOTOOLCHAIN setting allows switches to toolchains downloaded
   * through the proxy ({@code auto}, {@code go1.X.Y+auto}).
   *
   * @param gotoolchain the setting
   * @return whether it ends in auto
   */
  public static boolean hasAuto(String gotoolchain) {
    Objects.requireNonNull(gotoolchain, "gotoolchain");
    return gotoolchain.equals("auto") || gotoolchain.endsWith("+auto");
  }

  /**
   * toolchain.HasPath: whether a GOTOOLCHAIN setting allows switches to toolchains found in PATH
   * only ({@code path}, {@code go1.X.Y+path}).
   *
   * @param gotoolchain the setting
   * @return whether it ends in path
   */
  public static boolean hasPath(String gotoolchain) {
    Objects.requireNonNull(gotoolchain, "gotoolchain");
    return gotoolchain.equals("path") || gotoolchain.endsWith("+path");
  }

  /**
   * The toolchain go switches to in the middle of a command (toolchain.NewerToolchain, Go 1.21 on)
   * when something it downloaded needs Go {@code need} or later, as {@code go mod download
   * path@version} does for a module whose go line is newer than the running release: among the
   * available releases not older than {@code need}, the latest patch release of the language
   * version before the newest one, unless that newest family has only prereleases so far or is the
   * only one that qualifies; then the newest release. Only the latest release of each language
   * version counts.
   *
   * <pre>{@code
   * ToolchainSelection.newerToolchain("1.22", List.of("1.21.13", "1.22.0", "1.22.12", "1.23.5"));
   * // Optional[go1.22.12]: 1.23 is out, so the latest 1.22 is preferred
   * ToolchainSelection.newerToolchain("1.99", List.of("1.23.5"));  // empty: go's "no releases found for go >= 1.99"
   * }</pre>
   *
   * @param need the Go version required
   * @param releases the releases available, oldest first in Go's order ({@code 1.23.5}, no
   *     {@code go} prefix): the proxy's toolchains for this platform under GOTOOLCHAIN auto, the
   *     {@code go1.X} commands on PATH under {@code path}
   * @return the toolchain name ({@code go1.22.12}), or empty when none is new enough
   */
  public static Optional<String> newerToolchain(String need, List<String> releases) {
    Objects.requireNonNull(need, "need");
    Objects.requireNonNull(releases, "releases");
    String latest = "";
    for (int i = releases.size() - 1; i >= 0; i--) {
      String v = releases.get(i);
      if (GoRelease.compare(v, need) < 0) {
        break;
      }
      if (GoRelease.lang(latest).equals(GoRelease.lang(v))) {
        continue;
      }
      String newer = latest;
      latest = v;
      if (!newer.isEmpty() && !GoRelease.isPrerelease(newer)) {
        break; // latest is the last release of the family before a released newer one
      }
    }
    return latest.isEmpty() ? Optional.empty() : Optional.of("go" + latest);
  }

  /**
   * Go's {@code toolchain.Select} on given inputs.
   *
   * @param gotoolchain the GOTOOLCHAIN value ({@code ""} means: run the local toolchain, as go
   *     does when a packager deleted the line from go.env)
   * @param localToolchain the running toolchain, for example {@code go1.27.3}
   * @param file the go.work or go.mod consulted, or null (only used in messages)
   * @param fileContent its content, or null when there is none
   * @return the selection
   * @throws InvalidToolchainException with Go's message
   */
  public static ToolchainSelection select(String gotoolchain, String localToolchain, Path file,
      byte[] fileContent) {
    Objects.requireNonNull(gotoolchain, "gotoolchain");
    Objects.requireNonNull(localToolchain, "localToolchain");
    return select(gotoolchain, localToolchain, file, fileContent, Path.of("").toAbsolutePath());
  }

  /** {@link #select(String, String, Path, byte[])} with file names shown relative to {@code cwd}. */
  private static ToolchainSelection select(String gotoolchain, String localToolchain, Path file,
      byte[] fileContent, Path cwd) {
    Objects.requireNonNull(gotoolchain, "gotoolchain");
    Objects.requireNonNull(localToolchain, "localToolchain");
    String localVers = GoRelease.fromToolchain(localToolchain);
    if (localVers.isEmpty()) {
      throw new IllegalArgumentException("invalid local toolchain \"" + localToolchain
          + "\": want go and a Go version, such as go1.27.3");
    }
    Optional<Path> consulted = Optional.empty();
    if (gotoolchain.isEmpty()) {
      return new ToolchainSelection(localToolchain, true, false, consulted,
          "GOTOOLCHAIN is empty: go runs the local toolchain " + localToolchain);
    }
    String minToolchain = localToolchain;
    String minVers = localVers;
    String mode;
    String reason;
    if (gotoolchain.equals("auto") || gotoolchain.equals("path")) {
      mode = gotoolchain;
      reason = "go: default toolchain is the local " + localToolchain;
    } else {
      int plus = gotoolchain.indexOf('+');
      String min = plus < 0 ? gotoolchain : gotoolchain.substring(0, plus);
      String suffix = plus < 0 ? "" : gotoolchain.substring(plus + 1);
      if (!min.equals("local")) {
        String v = GoRelease.fromToolchain(min);
        if (v.isEmpty()) {
          if (plus >= 0) {
            throw new InvalidToolchainException("invalid GOTOOLCHAIN " + quote(gotoolchain)
                + ": invalid minimum toolchain " + quote(min));
          }
          throw new InvalidToolchainException("invalid GOTOOLCHAIN " + quote(gotoolchain));
        }
        minToolchain = min;
        minVers = v;
      }
      if (plus >= 0 && !suffix.equals("auto") && !suffix.equals("path")) {
        throw new InvalidToolchainException("invalid GOTOOLCHAIN " + quote(gotoolchain)
            + ": only version suffixes are +auto and +path");
      }
      mode = suffix;
      reason = "go: default toolchain set to " + minToolchain + " from GOTOOLCHAIN=" + gotoolchain;
    }
    String chosen = minToolchain;
    if ((mode.equals("auto") || mode.equals("path")) && fileContent != null) {
      consulted = Optional.ofNullable(file);
      String shown = file == null ? "go.mod" : shortPath(cwd, file);
      String modeFormat = gotoolchain.contains("+") ? "<name>+" + mode : mode;
      String goVers = GoRelease.goModLookup(fileContent, "go");
      String toolchain = GoRelease.goModLookup(fileContent, "toolchain");
      if (toolchain.equals("default")) {
        reason += "; " + shown + " says toolchain default";
      } else {
        if (!toolchain.isEmpty()) {
          String toolVers = GoRelease.fromToolchain(toolchain);
          if (toolVers.isEmpty() || (!toolchain.startsWith("go") && !toolchain.contains("-go"))) {
            throw new InvalidToolchainException("invalid toolchain " + quote(toolchain) + " in " + shown);
          }
          // go1.21 took a toolchain line not older than the minimum; 1.22 on only a newer one.
          int c = GoRelease.compare(toolVers, minVers);
          if (c > 0 || (c == 0 && GoRelease.lang(localVers).equals("1.21"))) {
            chosen = toolchain;
            minVers = toolVers;
            reason = "go: upgrading toolchain to " + toolchain + " (required by toolchain line in "
                + shown + "; upgrade allowed by GOTOOLCHAIN=" + modeFormat + ")";
          }
        }
        if (GoRelease.compare(goVers, minVers) > 0) {
          chosen = "go" + goVers;
          if (GoRelease.isLang(goVers) && GoRelease.compare(goVers, "1.21") >= 0) {
            chosen += ".0";
          }
          reason = "go: upgrading toolchain to " + chosen + " (required by go line in " + shown
              + "; upgrade allowed by GOTOOLCHAIN=" + modeFormat + ")";
        }
      }
    }
    boolean pathOnly = hasPath(gotoolchain);
    if (chosen.equals("local") || chosen.equals(localToolchain)) {
      return new ToolchainSelection(localToolchain, true, pathOnly, consulted,
          reason + "; go: using local toolchain " + localToolchain);
    }
    if (!chosen.startsWith("go1") && !chosen.contains("-go1")) {
      throw new InvalidToolchainException("invalid GOTOOLCHAIN " + quote(chosen));
    }
    return new ToolchainSelection(chosen, false, pathOnly, consulted, reason);
  }

  private static Path findGoWork(GoEnv env, Path dir) {
    String gowork = env.get("GOWORK");
    switch (gowork) {
      case "off":
        return null;
      case "":
      case "auto": {
        String root = env.get("GOROOT");
        return findUp(dir, "go.work", root.isEmpty() ? null : Path.of(root));
      }
      default: {
        Path p = Path.of(gowork);
        if (!p.isAbsolute()) {
          throw new InvalidToolchainException("invalid GOWORK: not an absolute path");
        }
        return Files.exists(p) ? p : null;
      }
    }
  }

  private static Path findUp(Path dir, String name, Path stopBefore) {
    Path d = dir;
    while (d != null) {
      Path f = d.resolve(name);
      if (Files.isRegularFile(f)) {
        if (name.equals("go.mod") && d.equals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
          return null; // go ignores a go.mod in the system temp root (golang.org/issue/26708)
        }
        return f;
      }
      Path parent = d.getParent();
      if (parent != null && parent.equals(stopBefore)) {
        return null;
      }
      d = parent;
    }
    return null;
  }

  /** base.ShortPath: relative to the working directory when that is shorter. */
  private static String shortPath(Path cwd, Path file) {
    try {
      String rel = cwd.relativize(file.toAbsolutePath()).toString();
      String abs = file.toString();
      return rel.length() < abs.length() ? rel : abs;
    } catch (IllegalArgumentException e) {
      return file.toString();
    }
  }

  private static String quote(String s) {
    return io.github.goproxy4j.internal.GoQuote.quote(s);
  }
}
