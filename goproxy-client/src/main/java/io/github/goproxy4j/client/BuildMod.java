package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code -mod} mode a go command that loads packages or modules without updating go.mod runs
 * in ({@code go list}; modload's setDefaultBuildMod, cmd/go's {@code cfg.BuildMod}): GOFLAGS's
 * {@code -mod} when it sets one (in a workspace only {@code readonly}, from go1.22 also
 * {@code vendor}); else {@code vendor} when the main module has a vendor directory and says go
 * 1.14 or later (from go1.22 only when its modules.txt was made outside a workspace); else
 * {@code readonly}. The reason go records for the choice appears in its
 * {@code updates to go.mod needed} message.
 *
 * @param mode {@code mod}, {@code readonly} or {@code vendor}
 * @param explicit whether GOFLAGS set it
 * @param reason go's BuildModReason, {@code ""} when none
 */
record BuildMod(String mode, boolean explicit, String reason) {
  boolean vendor() {
    return mode.equals("vendor");
  }

  boolean modMode() {
    return mode.equals("mod");
  }

  /** go's text for requirements that are not the selected versions, under this mode. */
  String goModDirtyText() {
    if (explicit) {
      return "updates to go.mod needed, disabled by -mod=" + mode + "; to update it:\n\tgo mod tidy";
    }
    if (!reason.isEmpty()) {
      return "updates to go.mod needed, disabled by -mod=" + mode + "\n\t(" + reason + ")\n\tto update it:\n\tgo mod tidy";
    }
    return "updates to go.mod needed; to update it:\n\tgo mod tidy";
  }

  /** The mode outside a module (no go.mod or go.work): GOFLAGS's {@code -mod}, else {@code readonly}. */
  static BuildMod outsideModule(GoEnv env) throws GoProxyException {
    Optional<String> flag = modFlag(env);
    return flag.isPresent() && !flag.get().isEmpty() ? new BuildMod(flag.get(), true, "")
        : new BuildMod("readonly", false, "");
  }

  /** The mode outside a workspace, for the main module in {@code modRoot}. */
  static BuildMod forModule(GoEnv env, Path modRoot, GoModFile goMod) throws GoProxyException {
    Optional<String> flag = modFlag(env);
    if (flag.isPresent() && !flag.get().isEmpty()) {
      return new BuildMod(flag.get(), true, "");
    }
    Path vendorDir = modRoot.resolve("vendor");
    if (!Files.isDirectory(vendorDir)) {
      return new BuildMod("readonly", false, "");
    }
    int minor = GoRelease.modelled(env.goVersion()).behaviourMinor();
    Optional<String> go = goMod.goVersion();
    if (go.isEmpty() || GoRelease.compare(go.get(), "1.14") < 0) {
      if (minor < 22 || go.isPresent()) {
        // go1.22 on records no reason for a go.mod without a go line
        return new BuildMod("readonly", false, "Go version in go.mod is " + go.orElse("unspecified")
            + ", so vendor directory was not used.");
      }
      return new BuildMod("readonly", false, "");
    }
    if (minor >= 22 && modulesTextIsForWorkspace(vendorDir)) {
      return new BuildMod("readonly", false, "Outside workspace mode, but vendor directory is for a workspace.");
    }
    return new BuildMod("vendor", false, "Go version in go.mod is at least 1.14 and vendor directory exists.");
  }

  /**
   * The mode in a workspace: GOFLAGS's {@code -mod} must be {@code readonly} (or from go1.22
   * {@code vendor}); else from go1.22 {@code vendor} when go.work says go 1.14 or later and its
   * directory has a vendor directory made for a workspace ({@code go work vendor}).
   * Before go1.21 a workspace of one module takes that module's vendor directory as a single
   * main module would (setDefaultBuildMod looked at the only module root in either mode).
   *
   * @param explicit {@link #explicitInWorkspace}'s answer, which go gives before it reads the modules
   * @param mains the workspace's modules, in use order
   */
  static BuildMod forWorkspace(GoEnv env, Optional<BuildMod> explicit, Path workDir, Optional<String> workGo,
      List<ModuleGraph.MainModule> mains) throws GoProxyException {
    int minor = GoRelease.modelled(env.goVersion()).behaviourMinor();
    if (explicit.isPresent()) {
      return explicit.get();
    }
    if (minor < 21 && mains.size() == 1) {
      ModuleGraph.MainModule only = mains.get(0);
      return forModule(env, Path.of(only.dir()), only.goMod());
    }
    if (minor < 22) {
      return new BuildMod("readonly", false, "");
    }
    Path vendorDir = workDir.resolve("vendor");
    if (!Files.isDirectory(vendorDir) || workGo.isEmpty()) {
      return new BuildMod("readonly", false, "");
    }
    if (GoRelease.compare(workGo.get(), "1.14") < 0) {
      return new BuildMod("readonly", false, "Go version in go.work is " + workGo.get()
          + ", so vendor directory was not used.");
    }
    if (!modulesTextIsForWorkspace(vendorDir)) {
      return new BuildMod("readonly", false, "In workspace mode, but vendor directory is not for a workspace");
    }
    return new BuildMod("vendor", false, "Go version in go.work is at least 1.14 and vendor directory exists.");
  }

  /**
   * GOFLAGS's {@code -mod} in a workspace, which go checks when it starts (modload.Init), before
   * it reads go.work's modules: only {@code readonly} (from go1.22 also {@code vendor}), and any
   * other value refused before the value itself is checked.
   *
   * @return the explicit mode, empty when GOFLAGS sets none
   */
  static Optional<BuildMod> explicitInWorkspace(GoEnv env) throws GoProxyException {
    int minor = GoRelease.modelled(env.goVersion()).behaviourMinor();
    // go refuses a value other than readonly (or vendor) here before it checks that the value is a
    // mode at all, so GOFLAGS's value as written counts; a bare -mod fails earlier, when go parses
    // GOFLAGS (modFlag gives that error)
    Optional<String> flag = bareModFlag(env) ? modFlag(env) : explicitModValue(env);
    if (flag.isPresent()) {
      String m = flag.get();
      if (!m.equals("readonly") && (minor < 22 || !m.equals("vendor"))) {
        throw new ModuleGraphException("-mod may only be set to readonly" + (minor < 22 ? "" : " or vendor")
            + " when in workspace mode, but it is set to \"" + m + "\"\n\tRemove the -mod flag to use the default"
            + " readonly value," + (minor < 22 ? "" : " ") + "\n\tor set GOWORK=off to disable workspace mode.", null);
      }
      return Optional.of(new BuildMod(m, true, ""));
    }
    return Optional.empty();
  }

  /**
   * GOFLAGS's last {@code -mod} value once one of its {@code -mod} words had a non-empty value
   * (go's explicitStringFlag: an empty value after a non-empty one leaves the flag explicit, with
   * the empty value), else empty.
   */
  private static Optional<String> explicitModValue(GoEnv env) {
    boolean explicit = false;
    String last = "";
    for (String f : env.goFlags()) {
      String name = f.substring(f.startsWith("--") ? 2 : 1);
      if (name.startsWith("mod=")) {
        last = name.substring(4);
        explicit |= !last.isEmpty();
      }
    }
    return explicit ? Optional.of(last) : Optional.empty();
  }

  /** Whether GOFLAGS's last {@code -mod} has no value ({@link GoEnv#goFlag} answers {@code true} for it). */
  private static boolean bareModFlag(GoEnv env) {
    boolean bare = false;
    for (String f : env.goFlags()) {
      String name = f.substring(f.startsWith("--") ? 2 : 1);
      if (name.equals("mod")) {
        bare = true;
      } else if (name.startsWith("mod=")) {
        bare = false;
      }
    }
    return bare;
  }

  /** GOFLAGS's -mod; a bad value is go's error, which go prints without its {@code go: } prefix. */
  static Optional<String> modFlag(GoEnv env) throws ModuleGraphException {
    try {
      return env.modFlag();
    } catch (GoEnvException e) {
      if (e.getMessage().startsWith("-mod=")) {
        throw new ModuleGraphException(e.getMessage(), e, false);
      }
      throw e;
    }
  }

  /** Whether modules.txt's first line carries the {@code workspace} annotation (its first 512 bytes, as go reads). */
  private static boolean modulesTextIsForWorkspace(Path vendorDir) throws GoProxyException {
    byte[] head;
    try (InputStream in = Files.newInputStream(vendorDir.resolve("modules.txt"))) {
      head = in.readNBytes(512);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new ModuleGraphException("reading modules.txt for vendor directory: " + e.getMessage(), e);
    }
    String line = new String(head, StandardCharsets.UTF_8);
    int nl = line.indexOf('\n');
    if (nl >= 0) {
      line = line.substring(0, nl);
    }
    if (!line.startsWith("## ")) {
      return false;
    }
    for (String entry : line.substring(3).split(";", -1)) {
      if (GoStrings.trimSpace(entry).equals("workspace")) {
        return true;
      }
    }
    return false;
  }
}
