package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.modfile.GoModEditor;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the main module's go.mod where go's commitRequirements does: under {@code -mod=mod} a
 * go.mod without a go line gains the running release's (modload's addGoStmt) and its requirements
 * become the converted pruned graph's roots, every module of the build list, those the go.mod did
 * not require directly marked {@code // indirect} in their own block (WriteGoMod's
 * SetRequireSeparateIndirect, then Cleanup). Written with {@link GoModEditor} under go's lock.
 */
final class GoModWriter {
  private GoModWriter() {}

  /**
   * What go's commitRequirements writes to go.mod after a load in {@code -mod=mod} (a go line
   * added to a single main module's go.mod that had none), before go.sum is written.
   *
   * @param build the build loaded
   * @param modMode whether the load ran in go's {@code -mod=mod} mode
   */
  static void commit(GoProxyClient client, ModuleGraphLoader.Build build, boolean modMode) throws GoProxyException {
    if (!modMode || build.workFile() != null) {
      return;
    }
    List<ModuleGraph.MainModule> mains = build.graph().mainModules();
    if (mains.size() == 1 && mains.get(0).goMod().goVersion().isEmpty()) {
      addGoLine(client, build, mains.get(0), ListModules.localGoVersion(client.goRelease()));
    }
  }

  /**
   * Adds the go line {@code goLine} to the main module's go.mod and writes its requirements as go
   * does after converting the graph, if go.mod still holds the bytes the load read; else fails with
   * go's "existing contents have changed since last read" (nothing written), as go does.
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
    Set<String> direct = new HashSet<>();
    for (GoModFile.Require r : main.goMod().requires()) {
      if (!r.indirect()) {
        direct.add(r.path());
      }
    }
    List<GoModFile.Require> roots = new ArrayList<>();
    for (ModuleVersion m : build.graph().buildList()) {
      String path = m.path().toString();
      roots.add(new GoModFile.Require(path, m.version().toString(), !direct.contains(path)));
    }
    String release = build.graph().goRelease();
    byte[] loaded = build.goModData(); // the bytes the load read (go's index.data)
    byte[] updated;
    try {
      updated = GoModEditor.parse(gomod.toString(), loaded, release).go(goLine).setRequireSeparateIndirect(roots)
          .cleanup().format();
    } catch (IllegalArgumentException e) {
      throw new GoProxyException("updating go.mod: " + e.getMessage(), e);
    }
    // go's commitRequirements: the side lock, then go.mod's own lock, under which the file is
    // written only if it still holds what the load read (another process's edit meanwhile is
    // never overwritten: go fails instead), or left alone if it holds the new content already
    LockedFile side = LockedFile.sideLock(client.moduleCache().root());
    try {
      LockedFile.transform(gomod, old -> {
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
    } finally {
      if (side != null) {
        try {
          side.close();
        } catch (IOException e) {
          // releasing a best-effort lock
        }
      }
    }
  }
}
