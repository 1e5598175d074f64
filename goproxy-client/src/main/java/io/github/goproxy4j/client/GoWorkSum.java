package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * go.work.sum as the go command updates it in a workspace after a command that loaded the module
 * graph ({@code go list -m} without {@code -u}, {@code go mod download}): modload's
 * commitRequirements, which in workspace mode is modfetch's WriteGoSum with
 * keepSums(addBuildListZipSums), the same rules from go1.19 to go1.27 but for the go.mod sums of
 * build-list modules, kept from go1.21 when go.work says go 1.21 or later. go.work.sum gains every
 * checksum go had to verify without finding it in go.work.sum or a workspace module's go.sum, if
 * go keeps it (the go.mod sums of the go.mod files the graph loaded, the zip sums of the build
 * list); the file is rewritten sorted, without the modules a workspace module's go.sum already
 * has, and only when it gains a line.
 */
final class GoWorkSum {
  private GoWorkSum() {}

  /**
   * Updates go.work.sum after a command that loaded the workspace's module graph.
   *
   * @param done the modules the command downloaded (their zip and go.mod sums), empty for
   *     {@code list -m}
   */
  static void write(GoProxyClient client, ModuleGraphLoader.Build build,
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
    for (String[] e : existing.entries()) {
      for (String h : existing.hashes(e[0], e[1])) {
        known.add(e[0] + " " + e[1] + " " + h);
      }
    }
    Set<String> keep = new HashSet<>();
    for (ModuleVersion m : g.loadedModules()) {
      ModDownload.resolved(g, m).ifPresent(r -> keep.add(r.path() + " " + r.version() + "/go.mod"));
    }
    boolean buildListGoMods = GoRelease.modelled(g.goRelease()).behaviourMinor() >= 21
        && GoRelease.compare(g.goVersion(), "1.21") >= 0;
    for (ModuleVersion m : g.buildList()) {
      ModDownload.resolved(g, m).ifPresent(r -> {
        keep.add(r.path() + " " + r.version());
        if (buildListGoMods) {
          keep.add(r.path() + " " + r.version() + "/go.mod");
        }
      });
    }
    Map<String, String> used = new LinkedHashMap<>();
    for (ModuleVersion m : g.loadedModules()) {
      ModDownload.resolved(g, m).ifPresent(r -> {
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
    // go's tidyGoSum: under the file's lock, the lines it holds now (another go may have added
    // some since it was read above) and the gained ones, sorted, without the modules' own
    try {
      LockedFile.transform(workSum, old -> {
        GoSum now = GoSum.parse(workSum.toString(), old);
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
    } catch (IOException | IllegalArgumentException e) {
      throw new GoProxyException("updating go.work.sum: " + e.getMessage(), e);
    }
  }
}
