package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.toolchain.ToolchainSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code go mod download} without arguments in a main module (cmd/go's modcmd runDownload, the
 * same from go1.19 to go1.27): which module versions it downloads. A main module whose go.mod
 * declares go 1.17 or later requires every module providing a package it imports, so only its go.mod's requirements are
 * downloaded, at their selected versions (also for a go.mod without a go line: go adds the running release's first);
 * an older main module downloads the whole build list
 * ({@code all}), none if it requires nothing. A replaced module's replacement is downloaded
 * instead, a directory replacement not at all. go.sum gains the go.mod checksums loading the graph
 * verified (go's WriteGoMod before it downloads), not the zips' (golang.org/issue/45332). In a
 * workspace go downloads {@code all} and adds the checksums it verified to go.work.sum, as this does.
 */
final class ModDownload {
  /** The mode of go's mod commands. */
  private static final BuildMod MOD_MODE = new BuildMod("mod", false, "");

  private ModDownload() {}

  /** The module versions {@code go mod download} fetches for the loaded graph, in go's order. */
  static List<ModuleVersion> targets(ModuleGraph g) {
    return modules(requirementTargets(g));
  }

  /**
   * One of go's download targets: the module version whose files stand for a listed module, or
   * ({@code module} null) the path of a requirement the build list lacks, which go lists as
   * {@code not a known dependency}.
   */
  private record Target(ModuleVersion module, String unknownPath) {}

  /** The module versions among {@code targets}, in their order. */
  private static List<ModuleVersion> modules(List<Target> targets) {
    List<ModuleVersion> out = new ArrayList<>();
    for (Target t : targets) {
      if (t.module() != null) {
        out.add(t.module());
      }
    }
    return out;
  }

  /**
   * What go's runDownload lists without arguments, in its order: a workspace's build list; for a
   * main module below go 1.17 its build list (none if it requires nothing); else each requirement's
   * path in go.mod order (the main module's own skipped) at its selected version (also for a
   * go.mod without a go line: go adds the running release's first). Each as the
   * {@link ModuleVersion} whose files stand for it ({@link #resolved}; none for a directory), or,
   * for a requirement that the build list lacks (one on an excluded version, also in a go.mod
   * without a go line, whose go.mod requirements go lists after adding the line), the path
   * itself (go lists it as {@code not a known dependency}).
   */
  private static List<Target> requirementTargets(ModuleGraph g) {
    GoModFile mf = g.isWorkspace() ? null : g.mainGoMod();
    Optional<String> go = mf == null ? Optional.empty() : mf.goVersion();
    List<Target> out = new ArrayList<>();
    if (mf == null || go.isPresent() && GoRelease.compare(go.get(), "1.17") < 0) {
      if (mf == null || !mf.requires().isEmpty()) {
        for (ModuleVersion m : g.buildList()) {
          resolved(g, m).ifPresent(r -> out.add(new Target(r, null)));
        }
      }
      return out;
    }
    for (GoModFile.Require r : mf.requires()) {
      if (r.path().equals(g.main())) {
        continue; // go lists the main module for its own path, and downloads no main module
      }
      ModulePath path = ModulePath.parse(r.path());
      Optional<Version> v = g.selected(path);
      if (v.isPresent()) {
        resolved(g, ModuleVersion.of(path, v.get())).ifPresent(m -> out.add(new Target(m, null)));
      } else {
        out.add(new Target(null, r.path())); // a requirement on an excluded version, the only one of its path
      }
    }
    return out;
  }

  /**
   * go's runDownload without arguments: every target downloaded (each verified against the go.sum
   * lines the build was loaded with, else the checksum database), a failure recorded in its
   * module's entry with the files go reports up to the step that failed. In a workspace, the
   * errors go printed as it went on ({@link ModDownloadResult#printedErrors()}: the load's
   * conflicting replacements, then the listing's lookup of each module of the build list), and
   * go.work.sum written after the downloads with {@code json} (keepSums looks the replacements up
   * again), without it only when nothing failed or was printed (go's ExitIfErrors comes first).
   *
   * @param json go's {@code -json}
   */
  static ModDownloadResult result(GoProxyClient client, GoEnv env, ModuleGraphLoader.Mains mains, boolean json,
      int parallelism) throws GoProxyException {
    ModuleGraphLoader.Build build;
    String graphError = "";
    Optional<ModDownloadResult.ToolchainSwitch> graphSwitch = Optional.empty();
    try {
      build = ModuleGraphLoader.loadBuild(client, env, mains, true, parallelism, false);
    } catch (ModuleGraphException e) {
      // where go lists "all" (ListModules), it goes on with the graph as far as it loaded; for a
      // main module at go 1.17 or later it loads the graph first and stops at its failure
      if (e.partialGraph().isEmpty() || !listsAll(mains)) {
        throw e;
      }
      build = mains.build(e.partialGraph().get());
      graphError = e.goText();
      graphSwitch = graphSwitch(client, env, e);
      if (graphSwitch.isPresent() && !graphSwitch.get().toolchain().isEmpty()) {
        // go switches first, after what the load printed
        return new ModDownloadResult(List.of(), false, "", Optional.empty(), graphSwitch,
            build.graph().replacementErrors());
      }
    }
    ModuleGraph g = build.graph();
    PrintedErrors printed = listed(g);
    if (!writeBeforeDownloads(client, build)) {
      return new ModDownloadResult(List.of(), true);
    }
    List<Target> slots = requirementTargets(g);
    List<ModuleVersion> targets = modules(slots);
    ModFetch fetch = client.fetchWith(build.goSum()).recordingFailedDownloads();
    List<Future<DownloadedModule>> futures = client.startAll(targets, fetch);
    List<ModDownloadResult.Module> out = new ArrayList<>();
    int i = 0;
    for (Target t : slots) {
      if (t.module() == null) {
        // a requirement the build list lacks (a version the go.mod excludes): go's listing error
        String path = t.unknownPath();
        out.add(new ModDownloadResult.Module(path, "", "module " + path + ": not a known dependency", "", "", "",
            "", "", ""));
        continue;
      }
      ModuleVersion m = t.module();
      try {
        client.checkProxyList(m);
      } catch (GoProxyException e) {
        // go lists each module (its modload.Query) before it downloads it; a module the listing
        // fails (an invalid GOPROXY) has its path, version and error alone, and is not downloaded
        out.add(new ModDownloadResult.Module(m.path().toString(), m.version().toString(), Lookup.errorText(e), "",
            "", "", "", "", ""));
        i++;
        continue;
      }
      try {
        out.add(entry(client, env, GoProxyClient.await(futures.get(i))));
      } catch (GoProxyException | RuntimeException e) {
        out.add(failed(client.moduleCache(), fetch, m, Lookup.errorText(e)));
      }
      i++;
    }
    Optional<ModDownloadResult.ToolchainSwitch> sw = g.isWorkspace() ? toolchainSwitch(client, env, out)
        : Optional.empty();
    if (sw.isPresent() && !sw.get().toolchain().isEmpty()) {
      // go execs the toolchain before writing go.work.sum
      return new ModDownloadResult(out, false, "", sw, graphSwitch, printed.lines());
    }
    if (g.isWorkspace() && writesAfterDownloads(json, out, printed)) {
      printed.lookUpKeptSums(build);
      GoSumWriter.write(client, build, out, true);
    }
    return new ModDownloadResult(out, false, graphError, sw, graphSwitch, printed.lines(), printed.keptSumsLines());
  }

  /**
   * The errors go printed as it went on once it listed a workspace's build list (ListModules of
   * {@code all}): the load's, then moduleInfo's lookup of each module's replacement; none
   * outside a workspace.
   */
  private static PrintedErrors listed(ModuleGraph g) {
    if (!g.isWorkspace()) {
      return PrintedErrors.NONE;
    }
    PrintedErrors printed = new PrintedErrors(g);
    g.buildList().forEach(printed::lookUp);
    return printed;
  }

  /**
   * Whether go goes on after the downloads to write go.sum (go.work.sum): with {@code -json}
   * always; without, go reports the failed modules and exits (ExitIfErrors) when one failed or
   * it printed an error as it went on.
   */
  private static boolean writesAfterDownloads(boolean json, List<ModDownloadResult.Module> out,
      PrintedErrors printed) {
    return json || printed.isEmpty() && out.stream().allMatch(m -> m.error().isEmpty());
  }

  /**
   * go's runDownload with {@code path@query} arguments outside a module (no go.mod or go.work from
   * {@code dir} up): each argument resolved as {@code go list -m} resolves it there (a failed
   * query listed with its error, {@code all}, patterns, {@code @upgrade}, {@code @patch} and a
   * bare path refused), then each resolved version downloaded, verified by the checksum database
   * and extracted, in argument order; nothing but the module cache is written. Without arguments
   * go refuses: no modules specified.
   */
  static ModDownloadResult outsideModule(GoProxyClient client, GoEnv env, Path dir, List<String> args,
      int parallelism) throws GoProxyException {
    ModuleGraphLoader.refuseModulesOff(env);
    ModuleGraphLoader.refuseModFileOutsideModule(env, dir);
    if (args.isEmpty()) {
      throw new ModuleGraphException("no modules specified (see 'go help mod download')", null);
    }
    List<ListedModule> infos = ListModules.outsideModule(client, env, dir, args,
        ListFlags.builder().allowErrors(true).build(), parallelism);
    List<ListedModule> tried = new ArrayList<>();
    List<ModuleVersion> targets = new ArrayList<>();
    for (ListedModule m : infos) {
      tried.add(m);
      if (m.error().isEmpty()) {
        targets.add(ModuleVersion.parse(m.path() + "@" + m.version()));
      }
    }
    List<ModDownloadResult.Module> out = downloadEach(client, env, tried, targets, GoSum.empty());
    return new ModDownloadResult(out, false, "", toolchainSwitch(client, env, out), Optional.empty());
  }

  /**
   * go's runDownload with {@code path@query} arguments in a main module or workspace (go runs its
   * mod commands with {@code -mod=mod}): {@code go: skipping download of ...} for each argument
   * naming a main module (its path, {@code @upgrade}, {@code @patch}); each argument answered as
   * modload's ListModules answers {@code go list -m} ({@code all} and patterns the build list, a
   * path its selected version, a query resolved from the selected version; a module the graph
   * lacks, a failed query, a failed info lookup each the module's error); each answer's
   * replacement downloaded instead (none for a directory or a main module), a queried version
   * as asked. Then go's WriteGoMod: go.sum (go.work.sum in a workspace) gains the checksums go
   * verified that it keeps (the go.mod sums of the graph, the go.mod and zip sums of the build
   * list: a module version outside the build list adds nothing); without {@code json} go exits
   * before that when a module failed. An incomplete graph's failure is reported after the
   * modules and go.sum's update, as is a failed update.
   *
   * @param json go's {@code -json}: go.sum is updated even when a module failed
   * @param warnings receives go's lines for standard error as they happen
   */
  static ModDownloadResult insideModule(GoProxyClient client, GoEnv env, ModuleGraphLoader.Mains mains,
      List<String> args, boolean json, Consumer<String> warnings, int parallelism) throws GoProxyException {
    for (ModuleGraph.MainModule main : mains.list()) {
      for (String arg : args) {
        if (arg.equals(main.path()) || arg.equals(main.path() + "@upgrade") || arg.equals(main.path() + "@patch")) {
          warnings.accept("go: skipping download of " + arg + " that resolves to the main module");
        }
      }
    }
    ListModules.Answers answers = ListModules.answer(client, env, mains, MOD_MODE, args, ListFlags.builder().build(),
        warnings, parallelism);
    // what go printed as the load and the listing went on (a workspace's conflicting replacements)
    PrintedErrors printed = answers.printed();
    // infosErr: a dependency needing a newer go makes go switch before it downloads anything
    Optional<ModDownloadResult.ToolchainSwitch> graphSwitch = answers.graphError() == null ? Optional.empty()
        : graphSwitch(client, env, answers.graphError());
    if (graphSwitch.isPresent() && !graphSwitch.get().toolchain().isEmpty()) {
      return new ModDownloadResult(List.of(), false, "", Optional.empty(), graphSwitch, printed.lines());
    }
    List<ListedModule> tried = new ArrayList<>();
    List<ModuleVersion> targets = new ArrayList<>();
    for (ListedModule m : answers.modules()) {
      ListedModule t = m.replace().orElse(m);
      if (t.version().isEmpty() && t.error().isEmpty()) {
        continue; // a main module, a directory replacement
      }
      tried.add(t);
      if (t.error().isEmpty()) {
        targets.add(ModuleVersion.of(ModulePath.parse(t.path()), Version.parse(t.version())));
      }
    }
    List<ModDownloadResult.Module> out = downloadEach(client, env, tried, targets, answers.build().goSum());
    Optional<ModDownloadResult.ToolchainSwitch> sw = toolchainSwitch(client, env, out);
    if (sw.isPresent() && !sw.get().toolchain().isEmpty()) {
      // go execs the toolchain before writing go.sum
      return new ModDownloadResult(out, false, "", sw, graphSwitch, printed.lines());
    }
    List<String> after = new ArrayList<>();
    if (writesAfterDownloads(json, out, printed)) {
      printed.lookUpKeptSums(answers.build()); // WriteGoMod's keepSums in a workspace
      try {
        GoModWriter.commit(client, answers.build(), true);
        GoSumWriter.commit(client, answers.build(), out, answers.goModsRead(), true, false, answers.convertedGraph());
      } catch (GoProxyException e) {
        after.add("go: " + e.getMessage());
      }
    }
    if (answers.graphError() != null) {
      after.add(answers.graphError().goText());
    }
    return new ModDownloadResult(out, false, String.join("\n", after), sw, graphSwitch, printed.lines(),
        printed.keptSumsLines());
  }

  /**
   * go's toolchain.Switcher after the downloads: for the module needing the newest go, what
   * {@link #toolchainSwitch(GoProxyClient, GoEnv, String, String)} decides.
   */
  private static Optional<ModDownloadResult.ToolchainSwitch> toolchainSwitch(GoProxyClient client, GoEnv env,
      List<ModDownloadResult.Module> out) {
    Optional<ModDownloadResult.Module> tooNew = ModDownloadResult.newestGoNeeded(out);
    if (tooNew.isEmpty()) {
      return Optional.empty();
    }
    return toolchainSwitch(client, env, tooNew.get().path() + "@" + tooNew.get().version(), tooNew.get().needsGo());
  }

  /** go's Switcher on infosErr: the switch for the graph's failure when it reports a TooNewError. */
  private static Optional<ModDownloadResult.ToolchainSwitch> graphSwitch(GoProxyClient client, GoEnv env,
      ModuleGraphException e) {
    Optional<ModuleGraphException.TooNew> t = e.tooNew();
    return t.isEmpty() ? Optional.empty() : toolchainSwitch(client, env, t.get().what(), t.get().goVersion());
  }

  /**
   * go's toolchain.Switcher.Switch for something needing Go {@code need} (Go 1.21 on, where
   * GOTOOLCHAIN allows auto or path switches; else empty): the toolchain NewerToolchain picks, or
   * go's text for why there is none.
   */
  static Optional<ModDownloadResult.ToolchainSwitch> toolchainSwitch(GoProxyClient client, GoEnv env, String what,
      String need) {
    String t = env.get("GOTOOLCHAIN");
    if (GoRelease.modelled(env.goVersion()).behaviourMinor() < 21
        || !(ToolchainSelection.hasAuto(t) || ToolchainSelection.hasPath(t))) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ModDownloadResult.ToolchainSwitch(what, need, client.newerToolchain(need), ""));
    } catch (GoProxyException e) {
      return Optional.of(new ModDownloadResult.ToolchainSwitch(what, need, "",
          "switching to go >= " + need + ": " + e.getMessage()));
    }
  }

  /**
   * Each of the modules a listing {@code tried} as go downloads it (a module with an error as it
   * is, the others from {@code targets}, in order, all started at once, verified against
   * {@code goSum}, else the checksum database), with its {@code Query} and {@code Origin}.
   */
  private static List<ModDownloadResult.Module> downloadEach(GoProxyClient client, GoEnv env, List<ListedModule> tried,
      List<ModuleVersion> targets, GoSum goSum) throws GoProxyException {
    ModFetch fetch = client.fetchWith(goSum).recordingFailedDownloads();
    List<Future<DownloadedModule>> futures = client.startAll(targets, fetch);
    List<ModDownloadResult.Module> out = new ArrayList<>();
    int next = 0;
    for (ListedModule m : tried) {
      ModDownloadResult.Module entry;
      if (!m.error().isEmpty()) {
        entry = new ModDownloadResult.Module(m.path(), m.version(), m.error(), "", "", "", "", "", "", "",
            Optional.empty(), false, "");
      } else {
        ModuleVersion mv = targets.get(next);
        try {
          entry = entry(client, env, GoProxyClient.await(futures.get(next)));
        } catch (GoProxyException | RuntimeException e) {
          entry = failed(client.moduleCache(), fetch, mv, Lookup.errorText(e));
        }
        next++;
      }
      out.add(entry.answering(m.query(), m.origin()));
    }
    return out;
  }

  /**
   * Whether go mod download lists {@code all} with the graph as far as it loaded: in a workspace,
   * or for a main module below go 1.17. A go.mod without a go line is not one: go adds the line
   * first (its mod commands run as {@code -mod=mod}) and converts the requirements to a pruned
   * graph, which fails outright when the graph does not load.
   */
  private static boolean listsAll(ModuleGraphLoader.Mains mains) {
    if (mains.workspace() != null) {
      return true;
    }
    Optional<String> go = mains.module().goMod().goVersion();
    return go.isPresent() && GoRelease.compare(go.get(), "1.17") < 0;
  }

  private static ModDownloadResult.Module entry(GoProxyClient client, DownloadedModule d) {
    ModuleVersion m = d.module();
    return new ModDownloadResult.Module(m.path().toString(), m.version().toString(), "",
        client.moduleCache().file(m, "info").toString(), d.goModFile().toString(), d.zip().toString(),
        d.dir().toString(), d.zipHash().toString(), d.goModHash().toString());
  }

  /**
   * A downloaded module's entry after modfetch.Download's last check (Go 1.21 on): the extracted
   * go.mod's go line (read as gover.GoModLookup reads it; a module without go.mod passes) newer
   * than the release followed is go's TooNewError. The module stays in the cache; its entry has
   * its files but no directory, as go reports it.
   */
  private static ModDownloadResult.Module entry(GoProxyClient client, GoEnv env, DownloadedModule d) {
    ModDownloadResult.Module done = entry(client, d);
    String release = env.goVersion();
    if (GoRelease.modelled(release).behaviourMinor() < 21) {
      return done;
    }
    byte[] data;
    try {
      data = Files.readAllBytes(d.dir().resolve("go.mod"));
    } catch (java.nio.file.NoSuchFileException e) {
      return done;
    } catch (IOException e) {
      // go's os.ReadFile error, in the module's entry
      return new ModDownloadResult.Module(done.path(), done.version(), GoOs.pathError("open", d.dir().resolve("go.mod").toString(), e),
          done.info(), done.goMod(), done.zip(), "", done.sum(), done.goModSum());
    }
    String go = GoRelease.goModLookup(data, "go");
    if (go.isEmpty() || !GoRelease.newerThanRunning(go, release)) {
      return done;
    }
    String what = done.path() + "@" + done.version();
    String error = ModuleGraphException.tooNew(what, go, release, env.get("GOTOOLCHAIN")).getMessage();
    return new ModDownloadResult.Module(done.path(), done.version(), error, done.info(), done.goMod(), done.zip(),
        "", done.sum(), done.goModSum(), "", Optional.empty(), true, go);
  }

  /** modload's resolveReplacement: the module version whose files stand for {@code m}; empty for a directory. */
  static Optional<ModuleVersion> resolved(ModuleGraph g, ModuleVersion m) {
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
   * A failed module as modcmd's DownloadModule leaves it: the info file's path once the info is
   * in hand, then the go.mod file's and its hash once that is too (go stops at the first step that
   * fails; ours runs in the same order: info, go.mod, zip). The paths are named whether or not
   * their files could be written, as go's CachePath names them.
   */
  private static ModDownloadResult.Module failed(ModuleCache cache, ModFetch fetch, ModuleVersion m, String error) {
    String info = "";
    String goMod = "";
    String goModSum = "";
    Optional<String> after = fetch.failedAfter(m);
    if (after.isPresent()) {
      info = cache.file(m, "info").toString();
      if (!after.get().isEmpty()) {
        goMod = cache.file(m, "mod").toString();
        goModSum = after.get();
      }
    }
    return new ModDownloadResult.Module(m.path().toString(), m.version().toString(), error, info, goMod, "", "", "",
        goModSum);
  }

  /**
   * go's runDownload without arguments before it downloads: nothing when a single main module
   * requires nothing (go says so and writes nothing; {@code false}), else WriteGoMod (go.mod and
   * go.sum, not in a workspace, whose go.work.sum is written after the downloads).
   *
   * @return whether there is anything to download
   */
  private static boolean writeBeforeDownloads(GoProxyClient client, ModuleGraphLoader.Build build)
      throws GoProxyException {
    ModuleGraph g = build.graph();
    if (g.isWorkspace()) {
      return true;
    }
    if (g.mainGoMod().requires().isEmpty()) {
      return false;
    }
    GoModWriter.commit(client, build, true);
    GoSumWriter.write(client, build, List.of(), true);
    return true;
  }

  /**
   * Downloads the targets of a loaded build, each verified against the go.sum lines the build
   * was loaded with, else the checksum database; go.mod and go.sum written first as
   * {@link #result} writes them (go's WriteGoMod), go.work.sum after the downloads. Where go
   * printed errors as it went on (a workspace's conflicting replacements), it downloads, then
   * exits with status 1 before it writes go.work.sum: those errors are the failure, after the
   * downloads.
   */
  static List<DownloadedModule> download(GoProxyClient client, ModuleGraphLoader.Build build)
      throws GoProxyException {
    if (!writeBeforeDownloads(client, build)) {
      return List.of(); // go: no module dependencies to download
    }
    PrintedErrors printed = listed(build.graph());
    List<DownloadedModule> done = client.downloadAll(targets(build.graph()), client.fetchWith(build.goSum()));
    if (!printed.isEmpty()) {
      throw new ModuleGraphException(String.join("\n", printed.lines()), null, false);
    }
    if (build.graph().isWorkspace()) {
      List<ModDownloadResult.Module> entries = new ArrayList<>();
      done.forEach(d -> entries.add(entry(client, d)));
      GoSumWriter.write(client, build, entries, true);
    }
    return done;
  }
}
