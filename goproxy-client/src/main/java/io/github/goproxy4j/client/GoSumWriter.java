package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checksum file a go command that loaded the module graph updates (modload's
 * commitRequirements: modfetch's WriteGoSum with keepSums(addBuildListZipSums), the same rules
 * from go1.19 to go1.27 but for the go.mod sums of build-list modules, kept from go1.21 when
 * the main go line says go 1.21 or later or the mode is {@code -mod=mod}). In a workspace that is
 * go.work.sum (after {@code go list -m} without {@code -u}, {@code go mod download}); for a
 * single main module go.sum, written only under {@code -mod=mod} (with go's default readonly
 * mode a missing line fails the load instead). The file gains every checksum go had to verify
 * without finding it there (or, in a workspace, in a workspace module's go.sum), if go keeps it
 * (the go.mod sums of the go.mod files the graph loaded, the zip sums of the build list); it is
 * rewritten sorted, in a workspace without the modules a workspace module's go.sum already has,
 * and only when it gains a line. The sums go keeps come from the requirements it has at the end
 * (its keepSums walks those): after loadModFile added a go line to a main go.mod without one, the
 * converted pruned requirements ({@link ModuleGraph#convertedToPruned}), whose graph go loads only
 * for a command that needs it, while the checksums it verified are the whole unpruned graph's.
 */
final class GoSumWriter {
  private GoSumWriter() {}

  /**
   * Updates go.work.sum, or go.sum outside a workspace, after a command that loaded the graph.
   *
   * @param done the modules the command downloaded (their zip and go.mod sums), empty for
   *     {@code list -m}
   * @param modMode whether go runs with {@code -mod=mod}
   */
  static void write(GoProxyClient client, ModuleGraphLoader.Build build,
      List<ModDownloadResult.Module> done, boolean modMode) throws GoProxyException {
    commit(client, build, done, List.of(), modMode, false, true);
  }

  /**
   * {@link #write}, or with {@code readonly} (go's default mode outside a workspace) go's
   * {@code updates to go.sum needed, disabled by -mod=readonly} when go.sum would gain a line.
   *
   * @param checked go.mod files the command read and verified beyond the graph's (the latest
   *     go.mod a retraction check reads), whose sums go records as it records the graph's
   * @param convertedGraph where go converted a main go.mod without a go line: whether the command
   *     then loads the graph of the converted requirements (go's needFullGraph on them: {@code all},
   *     a pattern, an argument naming no root; {@code mod download} without arguments); ignored otherwise
   */
  static void commit(GoProxyClient client, ModuleGraphLoader.Build build, List<ModDownloadResult.Module> done,
      Collection<ModuleVersion> checked, boolean modMode, boolean readonly, boolean convertedGraph)
      throws GoProxyException {
    ModuleGraph loaded = build.graph(); // the go.mod files the command read (and verified)
    ModuleGraph g = requirements(client, build, modMode, convertedGraph); // those go keeps sums for
    boolean workspace = build.workFile() != null;
    Path sumFile = build.sumFile();
    String what = workspace ? "go.work.sum" : "go.sum";
    String release = g.goRelease();
    // what the files held when the command read them (the lines go's initGoSum uses; a malformed
    // file failed the load already from go1.22): they decide what is gained
    Set<String> inModules = new HashSet<>(); // "path version[/go.mod]" a workspace module's go.sum has
    GoSum moduleSums = build.moduleSums();
    for (String[] e : moduleSums.entries()) {
      inModules.add(e[0] + " " + e[1]);
    }
    Set<String> known = new HashSet<>(); // "path version[/go.mod] hash" in any of them
    Set<String> knownKeys = new HashSet<>(); // "path version[/go.mod]" with a hash in any of them
    GoSum existing = build.goSum();
    for (String[] e : existing.entries()) {
      knownKeys.add(e[0] + " " + e[1]);
      for (String h : existing.hashes(e[0], e[1])) {
        known.add(e[0] + " " + e[1] + " " + h);
      }
    }
    Set<String> keep = new HashSet<>();
    for (ModuleVersion m : g.loadedModules()) {
      ModDownload.resolved(g, m).ifPresent(r -> keep.add(r.path() + " " + r.version() + "/go.mod"));
    }
    // keepSums: without the graph loaded, the roots' go.mod sums in every release
    boolean buildListGoMods = g.isRootsOnly() || GoRelease.modelled(g.goRelease()).behaviourMinor() >= 21
        && (modMode || GoRelease.compare(g.goVersion(), "1.21") >= 0);
    for (ModuleVersion m : g.buildList()) {
      ModDownload.resolved(g, m).ifPresent(r -> {
        keep.add(r.path() + " " + r.version());
        if (buildListGoMods) {
          keep.add(r.path() + " " + r.version() + "/go.mod");
        }
      });
    }
    // a go.mod whose line these files already hold was verified against it, so it adds nothing;
    // the others are written with the hash this command verified, from memory as go writes its
    // goSum.m (not read back from the module cache, which may be unusable or have refused the file)
    Map<String, String> used = new LinkedHashMap<>();
    // a set: most of the graph's go.mod files are both loaded and read
    Set<ModuleVersion> goMods = new LinkedHashSet<>();
    for (ModuleVersion m : loaded.loadedModules()) {
      ModDownload.resolved(loaded, m).ifPresent(goMods::add);
    }
    goMods.addAll(loaded.goModsRead()); // also those that failed after go checked their sum
    goMods.addAll(checked);
    for (ModuleVersion r : goMods) {
      String key = r.path() + " " + r.version() + "/go.mod";
      if (keep.contains(key) && !knownKeys.contains(key)) {
        // none: the command did not verify it (not fetched), so go has no line for it either
        Optional<ModuleHash> h = client.verifiedGoMod(r);
        if (h.isPresent()) {
          used.put(key, h.get().toString());
        }
      }
    }
    for (ModDownloadResult.Module m : done) {
      if (!m.goModSum().isEmpty()) {
        used.put(m.path() + " " + m.version() + "/go.mod", m.goModSum());
      }
      if (!m.sum().isEmpty()) {
        used.put(m.path() + " " + m.version(), m.sum());
      }
    }
    List<String[]> gained = new ArrayList<>();
    used.forEach((k, h) -> {
      if (keep.contains(k) && !known.contains(k + " " + h)) {
        String[] pv = k.split(" ");
        gained.add(new String[] {pv[0], pv[1], h});
      }
    });
    if (gained.isEmpty()) {
      return;
    }
    if (readonly) {
      throw new ModuleGraphException("updates to go.sum needed, disabled by -mod=readonly", null);
    }
    // go's tidyGoSum: under the file's lock, the lines it holds now (another go may have added
    // some since the command read it) and the gained ones, sorted, without the modules' own.
    // Unlike go, a line another writer added meanwhile is kept even when this command checked it
    // and does not keep it (go leaves such a line out: GoSumWriterTest saw go1.19 drop the
    // client's go.mod line of a module it downloaded by argument). First, as go does, the module
    // cache's side lock (best effort: it only excludes old gos)
    try {
      LockedFile.transformUnderSideLock(client.moduleCache().sideLockRoot(), sumFile, old -> {
        // to go1.21 a malformed line and those after it are dropped, as go's rewrite drops them
        GoSum now = GoSumFiles.parse(sumFile.toString(), old, release).checked();
        GoSum.Builder out = GoSum.builder();
        for (String[] e : now.entries()) {
          for (String h : now.hashes(e[0], e[1])) {
            if (!inModules.contains(e[0] + " " + e[1])) {
              out.addLine(e[0], e[1], h);
            }
          }
        }
        for (String[] e : gained) {
          if (!inModules.contains(e[0] + " " + e[1]) && !now.hashes(e[0], e[1]).contains(e[2])) {
            out.addLine(e[0], e[1], e[2]);
          }
        }
        return out.build().format().getBytes(StandardCharsets.UTF_8);
      });
    } catch (ModuleGraphException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new GoProxyException("updating " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * The requirements commitRequirements hands to keepSums after a load: the build's graph, or,
   * where loadModFile added a go line (under {@code -mod=mod}, a single main module whose go.mod
   * has none), the converted pruned requirements, with their graph when {@code graphLoaded}.
   */
  private static ModuleGraph requirements(GoProxyClient client, ModuleGraphLoader.Build build, boolean modMode,
      boolean graphLoaded) {
    ModuleGraph g = build.graph();
    if (!modMode || build.workFile() != null || g.isWorkspace() || g.isRootsOnly()
        || g.mainGoMod().goVersion().isPresent()) {
      return g;
    }
    return g.convertedToPruned(ListModules.localGoVersion(client.goRelease()), graphLoaded);
  }
}
