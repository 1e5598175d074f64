package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * {@code go mod download} without arguments in a main module (cmd/go's modcmd runDownload, the
 * same from go1.19 to go1.27): which module versions it downloads. A main module whose go.mod
 * declares go 1.17 or later requires every module providing a package it imports, so only its go.mod's requirements are
 * downloaded, at their selected versions; an older main module (or one without a go line) downloads the whole build list
 * ({@code all}), none if it requires nothing. A replaced module's replacement is downloaded
 * instead, a directory replacement not at all. go.sum is not written (golang.org/issue/45332). In
 * a workspace go downloads {@code all} and adds the checksums it verified to go.work.sum, as this does.
 */
final class ModDownload {
  private ModDownload() {}

  /** The module versions {@code go mod download} fetches for the loaded graph, in go's order. */
  static List<ModuleVersion> targets(ModuleGraph g) {
    List<ModuleVersion> listed = new ArrayList<>();
    GoModFile mf = g.isWorkspace() ? null : g.mainGoMod();
    Optional<String> go = mf == null ? Optional.empty() : mf.goVersion();
    if (mf == null) {
      listed.addAll(g.buildList()); // a workspace downloads "all"
    } else if (go.isEmpty() || GoRelease.compare(go.get(), "1.17") < 0) {
      if (!mf.requires().isEmpty()) {
        listed.addAll(g.buildList());
      }
    } else {
      for (GoModFile.Require r : mf.requires()) {
        ModulePath path = ModulePath.parse(r.path());
        Optional<Version> v = g.selected(path);
        v.ifPresent(version -> listed.add(ModuleVersion.of(path, version)));
      }
    }
    List<ModuleVersion> out = new ArrayList<>();
    for (ModuleVersion m : listed) {
      resolved(g, m).ifPresent(out::add);
    }
    return out;
  }

  /**
   * go's runDownload without arguments: every target downloaded (each verified against the go.sum
   * lines the build was loaded with, else the checksum database), a failure recorded in its
   * module's entry with the files go reports up to the step that failed.
   */
  static ModDownloadResult result(GoProxyClient client, ModuleGraphLoader.Build build) throws GoProxyException {
    ModuleGraph g = build.graph();
    if (!g.isWorkspace() && g.mainGoMod().requires().isEmpty()) {
      return new ModDownloadResult(List.of(), true);
    }
    List<ModuleVersion> targets = targets(g);
    List<Future<DownloadedModule>> futures = client.startAll(targets, client.fetchWith(build.goSum()));
    List<ModDownloadResult.Module> out = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      ModuleVersion m = targets.get(i);
      try {
        out.add(entry(client, GoProxyClient.await(futures.get(i))));
      } catch (GoProxyException | RuntimeException e) {
        out.add(failed(client.moduleCache(), m, String.valueOf(e.getMessage())));
      }
    }
    if (g.isWorkspace()) {
      writeWorkSum(client, build, out);
    }
    return new ModDownloadResult(out, false);
  }

  private static ModDownloadResult.Module entry(GoProxyClient client, DownloadedModule d) {
    ModuleVersion m = d.module();
    return new ModDownloadResult.Module(m.path().toString(), m.version().toString(), "",
        client.moduleCache().file(m, "info").toString(), d.goModFile().toString(), d.zip().toString(),
        d.dir().toString(), d.zipHash().toString(), d.goModHash().toString());
  }

  /**
   * modfetch's WriteGoSum after {@code go mod download} in a workspace (modload's commitRequirements
   * with keepSums(addBuildListZipSums); the same rules from go1.19 to go1.27 but for the go.mod
   * sums of build-list modules, kept from go1.21 when go.work says go 1.21 or later): go.work.sum
   * gains every checksum go had to verify without finding it in go.work.sum or a workspace
   * module's go.sum, if go keeps it (the go.mod sums of the go.mod files the graph loaded, the zip
   * sums of the build list); the file is rewritten sorted, without the modules a workspace
   * module's go.sum already has, and only when it gains a line.
   */
  private static void writeWorkSum(GoProxyClient client, ModuleGraphLoader.Build build,
      List<ModDownloadResult.Module> done) throws GoProxyException {
    ModuleGraph g = build.graph();
    Path workSum = Path.of(build.workFile() + ".sum");
    GoSum existing;
    Set<String> inModules = new HashSet<>(); // "path version[/go.mod]" a module's go.sum has
    Set<String> known = new HashSet<>(); // "path version[/go.mod] hash" in any of them
    try {
      existing = Files.isRegularFile(workSum) ? GoSum.read(workSum) : GoSum.empty();
      for (ModuleGraph.MainModule m : g.mainModules()) {
        Path sum = Path.of(m.dir(), "go.sum");
        if (Files.isRegularFile(sum)) {
          GoSum modSum = GoSum.read(sum);
          for (String[] e : modSum.entries()) {
            inModules.add(e[0] + " " + e[1]);
            modSum.hashes(e[0], e[1]).forEach(h -> known.add(e[0] + " " + e[1] + " " + h));
          }
        }
      }
    } catch (IOException e) {
      throw new GoProxyException("updating go.work.sum: " + e.getMessage(), e);
    }
    List<String[]> lines = new ArrayList<>();
    for (String[] e : existing.entries()) {
      for (String h : existing.hashes(e[0], e[1])) {
        known.add(e[0] + " " + e[1] + " " + h);
        lines.add(new String[] {e[0], e[1], h});
      }
    }
    Set<String> keep = new HashSet<>();
    for (ModuleVersion m : g.loadedModules()) {
      resolved(g, m).ifPresent(r -> keep.add(r.path() + " " + r.version() + "/go.mod"));
    }
    boolean buildListGoMods = GoRelease.modelled(g.goRelease()).behaviourMinor() >= 21
        && GoRelease.compare(g.goVersion(), "1.21") >= 0;
    for (ModuleVersion m : g.buildList()) {
      resolved(g, m).ifPresent(r -> {
        keep.add(r.path() + " " + r.version());
        if (buildListGoMods) {
          keep.add(r.path() + " " + r.version() + "/go.mod");
        }
      });
    }
    Map<String, String> used = new LinkedHashMap<>();
    for (ModuleVersion m : g.loadedModules()) {
      resolved(g, m).ifPresent(r -> {
        try {
          used.put(r.path() + " " + r.version() + "/go.mod",
              ModuleHash.ofGoMod(Files.readAllBytes(client.moduleCache().file(r, "mod"))).toString());
        } catch (IOException e) {
          // not cached: go did not check it either
        }
      });
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
    lines.addAll(gained);
    GoSum.Builder out = GoSum.builder();
    for (String[] e : lines) {
      if (!inModules.contains(e[0] + " " + e[1])) {
        out.addLine(e[0], e[1], e[2]);
      }
    }
    try {
      out.build().write(workSum);
    } catch (IOException e) {
      throw new GoProxyException("updating go.work.sum: " + e.getMessage(), e);
    }
  }

  /** modload's resolveReplacement: the module version whose files stand for {@code m}; empty for a directory. */
  private static Optional<ModuleVersion> resolved(ModuleGraph g, ModuleVersion m) {
    Optional<GoModFile.Replace> r = g.replacement(m);
    if (r.isEmpty()) {
      return Optional.of(m);
    }
    if (r.get().newVersion().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ModuleVersion.of(r.get().newPath(), r.get().newVersion()));
  }

  /**
   * A failed module as modcmd's DownloadModule leaves it: the info file once it is cached, then
   * the go.mod file and its hash once that is cached too (go stops at the first step that fails;
   * ours runs in the same order: info, go.mod, zip).
   */
  private static ModDownloadResult.Module failed(ModuleCache cache, ModuleVersion m, String error) {
    String info = "";
    String goMod = "";
    String goModSum = "";
    Path infoFile = cache.file(m, "info");
    if (Files.isRegularFile(infoFile)) {
      info = infoFile.toString();
      Path modFile = cache.file(m, "mod");
      try {
        goModSum = ModuleHash.ofGoMod(Files.readAllBytes(modFile)).toString();
        goMod = modFile.toString();
      } catch (IOException e) {
        // not cached: go stopped at the go.mod
      }
    }
    return new ModDownloadResult.Module(m.path().toString(), m.version().toString(), error, info, goMod, "", "", "",
        goModSum);
  }

  /**
   * Downloads the targets of a loaded build, each verified against the go.sum lines the build
   * was loaded with, else the checksum database.
   */
  static List<DownloadedModule> download(GoProxyClient client, ModuleGraphLoader.Build build)
      throws GoProxyException {
    List<DownloadedModule> done = client.downloadAll(targets(build.graph()), client.fetchWith(build.goSum()));
    if (build.graph().isWorkspace()) {
      List<ModDownloadResult.Module> entries = new ArrayList<>();
      done.forEach(d -> entries.add(entry(client, d)));
      writeWorkSum(client, build, entries);
    }
    return done;
  }
}
