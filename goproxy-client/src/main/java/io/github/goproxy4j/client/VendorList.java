package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A main module's {@code vendor/modules.txt} as the go command reads it in vendor mode (modload's
 * readVendorList), its consistency check against go.mod (checkVendorConsistency) and the module
 * graph go builds from it (initVendor), for a single main module or (go1.22 on) a workspace
 * vendored with {@code go work vendor}. The rules are those of go1.19
 * to go1.27; where they changed, {@code release} picks them (an annotation {@code ## go X} newer
 * than the release is an error from go1.21; a replacement's go.mod is named relative to the
 * working directory from go1.22).
 */
final class VendorList {
  /** A module line's metadata: {@code ## explicit}, its replacement, {@code ## go X}. */
  record Meta(boolean explicit, String replacementPath, String replacementVersion, String goVersion) {
    Meta withExplicit() {
      return new Meta(true, replacementPath, replacementVersion, goVersion);
    }

    Meta withGo(String go) {
      return new Meta(explicit, replacementPath, replacementVersion, go);
    }

    Meta withReplacement(String path, String version) {
      return new Meta(explicit, path, version, goVersion);
    }

    boolean replaced() {
      return !replacementPath.isEmpty();
    }
  }

  private static final Meta NONE = new Meta(false, "", "", "");

  /** Modules that provide packages, in order of appearance, each the highest version seen so far. */
  private final List<String[]> list = new ArrayList<>();
  /** The modules marked replaced ({@code path version} or {@code path} for a wildcard). */
  private final List<String[]> replaced = new ArrayList<>();
  /** Path to the selected version of a module that provides packages. */
  private final Map<String, String> versions = new HashMap<>();
  /** "path version" (version empty for a wildcard) to metadata. */
  private final Map<String, Meta> meta = new LinkedHashMap<>();

  private VendorList() {}

  private static String key(String path, String version) {
    return path + " " + version;
  }

  /** The metadata of {@code path version} ({@code version} empty for a wildcard). */
  Meta meta(String path, String version) {
    return meta.getOrDefault(key(path, version), NONE);
  }

  /**
   * Reads {@code vendorDir/modules.txt}; a missing file is an empty list, as for go.
   *
   * @param name the file's name in go's messages ({@code vendor/modules.txt} relative to the
   *     working directory where that is shorter)
   */
  static VendorList read(Path vendorDir, String name, String release, String gotoolchain) throws GoProxyException {
    VendorList v = new VendorList();
    String text;
    try {
      text = new String(Files.readAllBytes(vendorDir.resolve("modules.txt")), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return v;
    } catch (IOException e) {
      throw new ModuleGraphException(e.getMessage(), e);
    }
    boolean checkGo = GoRelease.modelled(release).behaviourMinor() >= 21;
    String path = "";
    String version = "";
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("# ")) {
        String[] f = fields(line);
        if (f.length < 3) {
          continue;
        }
        int rest;
        if (Version.isValid(f[2])) {
          path = f[1];
          version = f[2];
          rest = 3;
        } else if (f[2].equals("=>")) {
          path = f[1];
          version = "";
          rest = 2;
        } else {
          path = "";
          version = "";
          continue;
        }
        int n = f.length - rest;
        if (n >= 2 && f[rest].equals("=>")) {
          Meta m = v.meta(path, version);
          if (n == 2) {
            v.meta.put(key(path, version), m.withReplacement(f[rest + 1], ""));
            v.replaced.add(new String[] {path, version});
          } else if (n == 3 && Version.isValid(f[rest + 2])) {
            v.meta.put(key(path, version), m.withReplacement(f[rest + 1], f[rest + 2]));
            v.replaced.add(new String[] {path, version});
          } else {
            v.meta.put(key(path, version), m);
          }
        }
        continue;
      }
      if (path.isEmpty()) {
        continue;
      }
      if (line.startsWith("## ")) {
        Meta m = v.meta(path, version);
        for (String entry : line.substring(3).split(";", -1)) {
          entry = GoStrings.trimSpace(entry);
          if (entry.equals("explicit")) {
            m = m.withExplicit();
          }
          if (entry.startsWith("go ")) {
            String go = entry.substring(3);
            m = m.withGo(go);
            if (checkGo && GoRelease.newerThanRunning(go, release)) {
              throw ModuleGraphException.tooNew(path + " in " + name, go, release, gotoolchain);
            }
          }
        }
        v.meta.put(key(path, version), m);
        continue;
      }
      String[] f = fields(line);
      if (f.length == 1 && importPath(f[0])) {
        String have = v.versions.get(path);
        if (have == null || Version.compare(have, version) < 0) {
          v.list.add(new String[] {path, version});
          v.versions.put(path, version);
        }
      }
    }
    return v;
  }

  private static boolean importPath(String p) {
    try {
      ModulePath.checkImportPath(p);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String[] fields(String line) {
    return GoStrings.fields(line).toArray(new String[0]);
  }

  /**
   * checkVendorConsistency for a single main module: go's {@code inconsistent vendoring} error
   * listing every disagreement between go.mod and modules.txt.
   *
   * @param modRoot the main module's directory
   * @param goModName the go.mod file's name in messages from go1.22 (base.ShortPath)
   */
  void checkConsistency(GoModFile goMod, Path modRoot, String goModName, String release) throws GoProxyException {
    boolean named = GoRelease.modelled(release).behaviourMinor() >= 22;
    String source = named ? goModName : "go.mod";
    check(List.of(goMod), goMod.replaces(), (path, version) -> {
      GoModFile.Replace r = applied(goMod, path, version);
      return r == null ? null : new Applied(r.newPath(), r.newPath(), r.newVersion(), source);
    }, modRoot, GoRelease.compare(goMod.goVersion().orElse(""), "1.14") < 0, !named, false);
  }

  /**
   * A replacement as checkVendorConsistency compares it with modules.txt.
   *
   * @param shownPath the replacement's path as its file spells it (in messages)
   * @param newPath the path compared with modules.txt (canonicalised in a workspace)
   * @param source the file's name in messages
   */
  private record Applied(String shownPath, String newPath, String newVersion, String source) {}

  /**
   * checkVendorConsistency's one walk, for a single main module or a workspace: every
   * requirement marked explicit, every replacement line's module recorded as replaced as it
   * applies, nothing marked explicit that no go.mod requires, nothing marked replaced that is
   * not; go's {@code inconsistent vendoring} error listing each.
   *
   * @param modFiles the main modules' go.mod files
   * @param replaceLines the replacement lines to check, in go's order (the modules', then go.work's)
   * @param replacement the replacement that applies to a module ({@code null} when none)
   * @param dir the directory named in the error
   * @param pre114 a single module's go.mod says go before 1.14, whose modules.txt lacked explicit
   *     marks, wildcard replacements and replacements of modules without packages
   * @param lineRules go1.21 and earlier (single module only): a replacement line is compared as
   *     written, not as it applies, and a modules.txt replacement that differs is reported from
   *     that side too
   * @param workspace the texts of a workspace ({@code a go.mod}, {@code the workspace}, {@code go
   *     work vendor})
   */
  private void check(
      List<GoModFile> modFiles,
      List<GoModFile.Replace> replaceLines,
      BiFunction<String, String, Applied> replacement,
      Path dir,
      boolean pre114,
      boolean lineRules,
      boolean workspace)
      throws GoProxyException {
    StringBuilder errs = new StringBuilder();
    Set<String> required = new HashSet<>();
    for (GoModFile goMod : modFiles) {
      for (GoModFile.Require r : goMod.requires()) {
        required.add(key(r.path(), r.version()));
        if (meta(r.path(), r.version()).explicit()) {
          continue;
        }
        if (!pre114) {
          err(errs, r.path(), r.version(), "is explicitly required in go.mod, but not marked as explicit in"
              + " vendor/modules.txt");
          continue;
        }
        String vv = versions.get(r.path());
        if (vv != null && !vv.equals(r.version())) {
          err(errs, r.path(), r.version(), "is explicitly required in go.mod, but vendor/modules.txt indicates "
              + r.path() + "@" + vv);
        }
      }
    }
    Set<String> seen = new HashSet<>();
    for (GoModFile.Replace r : replaceLines) {
      if (!seen.add(key(r.oldPath(), r.oldVersion()))) {
        continue;
      }
      Applied from = lineRules
          ? new Applied(r.newPath(), r.newPath(), r.newVersion(), "go.mod")
          : replacement.apply(r.oldPath(), r.oldVersion());
      Meta vr = meta(r.oldPath(), r.oldVersion());
      if (!vr.replaced()) {
        boolean omitted = pre114 && (r.oldVersion().isEmpty() || !r.oldVersion().equals(versions.get(r.oldPath())));
        // no replacement applies to a main module's own path in a workspace; modules.txt before
        // 1.14 omitted these
        if (from != null && !omitted) {
          err(errs, r.oldPath(), r.oldVersion(), "is replaced in " + from.source()
              + ", but not marked as replaced in vendor/modules.txt");
        }
      } else if (from == null || !vr.replacementPath().equals(from.newPath())
          || !vr.replacementVersion().equals(from.newVersion())) {
        err(errs, r.oldPath(), r.oldVersion(), "is replaced by "
            + (from == null ? "" : describe(from.shownPath(), from.newVersion())) + " in "
            + (from == null ? "" : from.source()) + ", but marked as replaced by "
            + describe(vr.replacementPath(), vr.replacementVersion()) + " in vendor/modules.txt");
      }
    }
    for (String[] m : list) {
      if (meta(m[0], m[1]).explicit() && !required.contains(key(m[0], m[1]))) {
        err(errs, m[0], m[1], "is marked as explicit in vendor/modules.txt, but not explicitly required in "
            + (workspace ? "a go.mod" : "go.mod"));
      }
    }
    for (String[] m : replaced) {
      Applied r = replacement.apply(m[0], m[1]);
      if (r == null) {
        err(errs, m[0], m[1], "is marked as replaced in vendor/modules.txt, but not replaced in "
            + (workspace ? "the workspace" : "go.mod"));
        continue;
      }
      Meta vr = meta(m[0], m[1]);
      if (lineRules && (!vr.replacementPath().equals(r.newPath()) || !vr.replacementVersion().equals(r.newVersion()))) {
        err(errs, m[0], m[1], "is marked as replaced by " + describe(vr.replacementPath(), vr.replacementVersion())
            + " in vendor/modules.txt, but replaced by " + describe(r.newPath(), r.newVersion()) + " in go.mod");
      }
    }
    if (errs.length() > 0) {
      throw new ModuleGraphException("inconsistent vendoring in " + dir + ":" + errs
          + "\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory,"
          + " run:\n\t\tgo " + (workspace ? "work" : "mod") + " vendor", null);
    }
  }

  /** modload.Replacement for one go.mod: the line for this exact version, else the path's wildcard. */
  static GoModFile.Replace applied(GoModFile goMod, String path, String version) {
    return applied(goMod.replaces(), path, version);
  }

  /** The line of {@code replaces} for this exact version, else the path's wildcard, else {@code null}. */
  private static GoModFile.Replace applied(List<GoModFile.Replace> replaces, String path, String version) {
    GoModFile.Replace wildcard = null;
    for (GoModFile.Replace r : replaces) {
      if (r.oldPath().equals(path)) {
        if (r.oldVersion().equals(version) && !version.isEmpty()) {
          return r;
        }
        if (r.oldVersion().isEmpty()) {
          wildcard = r;
        }
      }
    }
    return wildcard;
  }

  /**
   * A replacement as a workspace applies it (modload's replacementFrom and
   * canonicalizeReplacePath): go.work's line, else the last workspace module's that has one.
   *
   * @param replace the line
   * @param source the file it is in (go.work, or the module's go.mod)
   * @param newPath the replacement's path, a directory made relative to go.work's directory when
   *     a module's line names one relative to that module
   */
  record WorkspaceReplacement(GoModFile.Replace replace, Path source, String newPath) {
    String newVersion() {
      return replace.newVersion();
    }
  }

  /**
   * replacementFrom in a workspace: none for a main module's own path, go.work's line, else the
   * modules' (conflicting module lines, which go reports as it loads the graph, are not checked).
   */
  static WorkspaceReplacement replacementFrom(ModuleGraphLoader.Workspace w, String path, String version) {
    for (ModuleGraph.MainModule m : w.mains()) {
      if (version.isEmpty() && m.path().equals(path)) {
        return null;
      }
    }
    GoModFile.Replace r = applied(w.work().replaces(), path, version);
    if (r != null) {
      // go.work's lines are not canonicalised (canonicalizeReplacePath has no module root for them)
      return new WorkspaceReplacement(r, w.workFile(), r.newPath());
    }
    WorkspaceReplacement found = null;
    for (ModuleGraph.MainModule m : w.mains()) {
      GoModFile.Replace mr = applied(m.goMod().replaces(), path, version);
      if (mr != null) {
        String newPath = mr.newPath();
        if (mr.newVersion().isEmpty() && !Path.of(newPath).isAbsolute()) {
          Path rel = w.workDir().relativize(Path.of(m.dir()).resolve(newPath).normalize());
          String slash = rel.toString().replace(java.io.File.separatorChar, '/');
          newPath = slash.isEmpty() ? "." : slash.equals("..") || slash.startsWith("../") ? slash : "./" + slash;
        }
        found = new WorkspaceReplacement(mr, Path.of(m.dir(), "go.mod"), newPath);
      }
    }
    return found;
  }

  /**
   * checkVendorConsistency in a workspace (go1.22 on): every module's requirements and every
   * replacement of every module and of go.work as the workspace applies it.
   */
  void checkWorkspaceConsistency(ModuleGraphLoader.Workspace w, Path cwd) throws GoProxyException {
    List<GoModFile> modFiles = new ArrayList<>();
    List<GoModFile.Replace> lines = new ArrayList<>();
    for (ModuleGraph.MainModule m : w.mains()) {
      modFiles.add(m.goMod());
      lines.addAll(m.goMod().replaces());
    }
    lines.addAll(w.work().replaces());
    check(modFiles, lines, (path, version) -> {
      WorkspaceReplacement r = replacementFrom(w, path, version);
      return r == null ? null : new Applied(r.replace().newPath(), r.newPath(), r.newVersion(),
          ModuleGraphLoader.shortPath(cwd, r.source()));
    }, w.workDir(), false, false, true);
  }

  /**
   * The version initVendor's workspace graph selects for {@code path}: the highest of the
   * modules' requirements and the vendored modules (the workspace graph is not pruned).
   *
   * @return the version, or empty when the graph has no such module
   */
  Optional<String> selectedInWorkspace(ModuleGraphLoader.Workspace w, String path) {
    String v = null;
    for (ModuleGraph.MainModule m : w.mains()) {
      for (GoModFile.Require r : m.goMod().requires()) {
        if (r.path().equals(path) && (v == null || Version.compare(r.version(), v) > 0)) {
          v = r.version();
        }
      }
    }
    for (String[] m : list) {
      if (m[0].equals(path) && (v == null || Version.compare(m[1], v) > 0)) {
        v = m[1];
      }
    }
    return Optional.ofNullable(v);
  }

  private static String describe(String path, String version) {
    return version.isEmpty() ? path : path + "@" + version;
  }

  private static void err(StringBuilder errs, String path, String version, String detail) {
    errs.append("\n\t").append(describe(path, version)).append(": ").append(detail);
  }

  /**
   * initVendor's check for a pruned main module (go 1.17 or later): every vendored module must be
   * one of go.mod's requirements, at its version; go reports each one that is not, then
   * {@code updates to go.mod needed} ({@code dirtyText}, which depends on the -mod mode).
   */
  void checkRoots(GoModFile goMod, String dirtyText) throws GoProxyException {
    if (!pruned(goMod)) {
      return;
    }
    Map<String, String> roots = roots(goMod);
    List<String> bad = new ArrayList<>();
    for (String[] m : list) {
      if (!m[1].equals(roots.get(m[0]))) {
        bad.add("vendored module " + m[0] + "@" + m[1] + " should be required explicitly in go.mod");
      }
    }
    if (!bad.isEmpty()) {
      bad.add(dirtyText);
      throw new ModuleGraphException(String.join("\ngo: ", bad), null);
    }
  }

  private static boolean pruned(GoModFile goMod) {
    return GoRelease.compare(goMod.goVersion().orElse("1.16"), "1.17") >= 0;
  }

  private static Map<String, String> roots(GoModFile goMod) {
    Map<String, String> roots = new HashMap<>();
    for (GoModFile.Require r : goMod.requires()) {
      roots.merge(r.path(), r.version(), (a, b) -> Version.compare(a, b) >= 0 ? a : b);
    }
    return roots;
  }

  /**
   * The version initVendor's graph selects for {@code path}: in a pruned main module the go.mod
   * requirement (the graph is the main module and its requirements); below 1.17 the highest of
   * the requirement and the vendored modules.
   *
   * @return the version, or empty when the graph has no such module
   */
  Optional<String> selected(GoModFile goMod, String path) {
    String v = roots(goMod).get(path);
    if (!pruned(goMod)) {
      for (String[] m : list) {
        if (m[0].equals(path) && (v == null || Version.compare(m[1], v) > 0)) {
          v = m[1];
        }
      }
    }
    return Optional.ofNullable(v);
  }

  @Override
  public String toString() {
    return "VendorList" + Objects.toString(versions);
  }
}
