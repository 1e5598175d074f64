package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.modfile.GoModEditor;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the main module's go.mod where go's commitRequirements does under {@code -mod=mod}: a
 * go.mod without a go line gains the running release's (modload's addGoStmt) and its requirements
 * become the converted pruned graph's roots, every module of the build list, those the go.mod did
 * not require directly marked {@code // indirect} in their own block (WriteGoMod's
 * SetRequireSeparateIndirect, then Cleanup); a go.mod with a go line is rewritten from the loaded
 * roots when they differ from it ({@link #updated}). Written with {@link GoModEditor} under go's lock.
 */
final class GoModWriter {
  private GoModWriter() {}

  /**
   * What go's commitRequirements writes to go.mod after a load in {@code -mod=mod} (for a single
   * main module), before go.sum is written.
   *
   * @param build the build loaded
   * @param modMode whether the load ran in go's {@code -mod=mod} mode
   */
  static void commit(GoProxyClient client, ModuleGraphLoader.Build build, boolean modMode) throws GoProxyException {
    if (build.workFile() != null) {
      return;
    }
    List<ModuleGraph.MainModule> mains = build.graph().mainModules();
    if (mains.size() != 1) {
      return;
    }
    if (!modMode) {
      checkReadonly(build);
      return;
    }
    if (mains.get(0).goMod().goVersion().isEmpty()) {
      addGoLine(client, build, mains.get(0), ListModules.localGoVersion(client.goRelease()));
    } else {
      commitRequirements(client, build);
    }
  }

  /**
   * Adds the go line {@code goLine} to the main module's go.mod and writes its requirements as go
   * does after converting the graph ({@link #write}).
   *
   * @param build the converted build (its build list is the new roots, its base directory the main module's)
   * @param main the main module as read before the conversion
   * @param goLine the go line go adds
   */
  private static void addGoLine(GoProxyClient client, ModuleGraphLoader.Build build, ModuleGraph.MainModule main,
      String goLine) throws GoProxyException {
    Path gomod = build.goModFile(); // go.mod, or the file GOFLAGS -modfile names (go leaves go.mod alone then)
    if (gomod == null) {
      return;
    }
    Set<String> direct = ModuleGraphLoader.directPaths(main.goMod());
    List<GoModFile.Require> roots = new ArrayList<>();
    for (ModuleVersion m : build.graph().buildList()) {
      String path = m.path().toString();
      roots.add(new GoModFile.Require(path, m.version().toString(), !direct.contains(path)));
    }
    String release = build.graph().goRelease();
    byte[] loaded = build.goModData(); // the bytes the load read (go's index.data)
    byte[] updated;
    try {
      GoModEditor e = parse(build, gomod.toString(), loaded, release).go(goLine);
      updated = setRequire(e, release, goLine, roots).cleanup().format();
    } catch (IllegalArgumentException e) {
      throw new GoProxyException("updating go.mod: " + e.getMessage(), e);
    }
    write(client, gomod, loaded, updated);
  }

  /**
   * commitRequirements outside {@code -mod=mod}: a go.mod with a go line that the loaded roots
   * would change (wrong {@code // indirect} marks aside, which go tolerates there) fails with go's
   * {@code updates to go.mod needed} (before go.sum is checked), as go does.
   */
  private static void checkReadonly(ModuleGraphLoader.Build build) throws ModuleGraphException {
    byte[] loaded = build.goModData();
    ModuleGraph g = build.graph();
    if (loaded == null || g.mainGoMod().goVersion().isEmpty()) {
      return;
    }
    GoModEditor e;
    try {
      e = parse(build, String.valueOf(build.goModFile()), loaded, g.goRelease());
    } catch (IllegalArgumentException bad) {
      return; // go read it before; nothing to compare
    }
    if (updated(e, g, false) != null) {
      throw ModuleGraphException.goModDirty();
    }
  }

  /**
   * commitRequirements after a load of a main module with a go line: go.mod is rewritten from the
   * loaded roots when it differs from them in what go's modFileIsDirty compares ({@link #updated}),
   * and left alone otherwise (a go.mod that differs only in layout).
   */
  private static void commitRequirements(GoProxyClient client, ModuleGraphLoader.Build build)
      throws GoProxyException {
    Path gomod = build.goModFile();
    byte[] loaded = build.goModData();
    if (gomod == null || loaded == null) {
      return;
    }
    ModuleGraph g = build.graph();
    byte[] updated;
    try {
      GoModEditor e = updated(parse(build, gomod.toString(), loaded, g.goRelease()), g, true);
      if (e == null) {
        return; // not dirty: go writes go.sum only
      }
      updated = e.format();
    } catch (IllegalArgumentException e) {
      throw new GoProxyException("updating go.mod: " + e.getMessage(), e);
    }
    write(client, gomod, loaded, updated);
  }

  /**
   * go.mod's bytes as the load read them, parsed as the load parsed them: with the same version
   * fixer (go's fixVersion, whose answers it remembers), so a version it resolved prints resolved.
   */
  private static GoModEditor parse(ModuleGraphLoader.Build build, String name, byte[] loaded, String release) {
    return build.goModFix() == null ? GoModEditor.parse(name, loaded, release)
        : GoModEditor.parse(name, loaded, release, build.goModFix());
  }

  /**
   * go's commitRequirements write: the side lock, then go.mod's own lock, under which the file is
   * written only if it still holds what the load read (another process's edit meanwhile is never
   * overwritten: go fails with "existing contents have changed since last read" instead), or left
   * alone if it holds the new content already.
   */
  private static void write(GoProxyClient client, Path gomod, byte[] loaded, byte[] updated)
      throws GoProxyException {
    try {
      LockedFile.transformUnderSideLock(client.moduleCache().sideLockRoot(), gomod, old -> {
        if (Arrays.equals(old, updated)) {
          return old;
        }
        if (!Arrays.equals(old, loaded)) {
          throw new IOException("existing contents have changed since last read");
        }
        return updated;
      });
    } catch (IOException e) {
      throw new GoProxyException("updating go.mod: " + e.getMessage(), e);
    }
  }

  /**
   * UpdateGoModFromReqs on the go.mod {@code e} holds: its requirements become the roots of
   * {@code g} (each marked {@code // indirect} unless the go.mod required its path directly, an
   * excluded requirement not counting), its go line the graph's go root (go1.21 on), its toolchain
   * line the toolchain root (go1.21 to go1.24: the running release when the go line changed and it
   * is newer) unless that is implied by the go line or older than go1.21 (go1.21 on); the require
   * blocks as the go line says (one list below go 1.17, else direct and indirect blocks), then
   * cleaned up.
   *
   * @param marks whether a changed {@code // indirect} mark makes go.mod dirty (under {@code -mod=mod})
   * @return the edited editor, {@code null} when the result is not dirty (modFileIsDirty: go would
   *     not write it)
   */
  static GoModEditor updated(GoModEditor e, ModuleGraph g, boolean marks) {
    GoModFile f = e.file();
    int minor = GoRelease.modelled(g.goRelease()).behaviourMinor();
    Set<String> direct = ModuleGraphLoader.directPaths(f);
    // index.require: one entry per path and version, the last line's mark
    Map<String, Boolean> before = new HashMap<>();
    for (GoModFile.Require r : f.requires()) {
      before.put(r.path() + "@" + r.version(), r.indirect());
    }
    List<GoModFile.Require> list = new ArrayList<>();
    // modFileIsDirty: fixVersion changed a version as the load read go.mod (index.dataNeedsFix)
    boolean dirty = g.mainGoMod().needsFix();
    for (ModuleVersion m : g.mainRequirements()) {
      String path = m.path().toString();
      GoModFile.Require r = new GoModFile.Require(path, m.version().toString(), !direct.contains(path));
      list.add(r);
      Boolean was = before.get(path + "@" + r.version());
      dirty |= was == null || marks && was != r.indirect();
    }
    dirty |= list.size() != before.size();
    String oldGo = f.goVersion().orElse("");
    String goVersion = minor >= 21 ? g.rootVersion("go").orElse(oldGo) : oldGo;
    if (!goVersion.equals(oldGo)) {
      dirty = true;
      e.go(goVersion);
    }
    if (minor >= 21) {
      String toolchain = g.rootVersion("toolchain").orElse("go" + goVersion);
      String local = g.goRelease();
      if (minor < 26 && !goVersion.equals(oldGo) && GoRelease.compare(goVersion, "1.21") >= 0
          && GoRelease.compare(local, GoRelease.fromToolchain(toolchain)) > 0 && !GoRelease.isLang(local)) {
        // go1.21 to go1.24 (not go1.26): a go line written records the running toolchain when newer
        toolchain = "go" + local;
      }
      String was = f.toolchain().orElse("");
      if (toolchain.equals("go" + goVersion) || GoRelease.compare(GoRelease.fromToolchain(toolchain), "1.21") < 0) {
        dirty |= !was.isEmpty();
        e.dropToolchain();
      } else {
        dirty |= !was.equals(toolchain);
        e.toolchain(toolchain);
      }
    }
    if (!dirty) {
      return null;
    }
    return setRequire(e, g.goRelease(), goVersion, list).cleanup();
  }

  /**
   * commitRequirements' choice of how the requirements are written, by the go line: one list
   * below go 1.17 (SetRequire), direct and indirect blocks apart from 1.17 (SetRequireSeparateIndirect),
   * and from go1.27 for a go line of 1.27 or later at most two blocks (SetRequireAtMostTwo,
   * gover.SimplifyRequireVersion).
   */
  private static GoModEditor setRequire(GoModEditor e, String release, String goVersion,
      List<GoModFile.Require> list) {
    if (GoRelease.compare(goVersion, "1.17") < 0) {
      return e.setRequire(list);
    }
    if (GoRelease.modelled(release).behaviourMinor() >= 27 && GoRelease.compare(goVersion, "1.27") >= 0) {
      return e.setRequireAtMostTwo(list);
    }
    return e.setRequireSeparateIndirect(list);
  }
}
