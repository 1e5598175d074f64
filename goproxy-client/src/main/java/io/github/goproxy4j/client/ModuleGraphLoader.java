package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoDebugs;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.modfile.GoModEditor;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoModSyntaxException;
import io.github.goproxy4j.modfile.GoWorkFile;
import io.github.goproxy4j.modfile.VersionFixer;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.mvs.ModuleSource;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the module graph of a main module directory the way the go command does (modload's
 * LoadModFile + LoadModGraph): finds go.work as go does (GOWORK: unset or {@code auto} searches
 * upwards from the directory, {@code off} disables workspaces, else an absolute path) and then
 * loads the workspace (every {@code use} directory's go.mod, go.work.sum with each module's
 * go.sum), or else finds go.mod upwards from the directory, reads it strictly and
 * its go.sum; and fetches dependency go.mod files through {@link GoProxyClient}'s go.mod path
 * (each module's route, verified against that go.sum, else the checksum database, cached in
 * GOMODCACHE), many at once.
 */
final class ModuleGraphLoader {
  private ModuleGraphLoader() {}

  /**
   * A main module as read: its root, its go.mod (read from {@code goModFile}: root/go.mod, or
   * GOFLAGS -modfile's file) and the bytes it was read from (go's index.data: go writes go.mod only
   * while it still holds them), the go.sum lines read from {@code goSumFile} (with go1.22's error
   * for a malformed one, raised on the first checksum look-up as go does), and the version fixer
   * go.mod was read with (go's fixVersion: {@link MainGoModFixer}), to read it again with the same
   * answers before it is rewritten.
   */
  record MainModule(Path dir, GoModFile goMod, GoSumFiles.Read goSumRead, Path goModFile, Path goSumFile,
      byte[] goModData, VersionFixer goModFix) {
    GoSum goSum() {
      return goSumRead.sum();
    }
  }

  /** The nearest directory from {@code start} up that holds a go.mod file (go's findModuleRoot), empty when none does. */
  static Optional<Path> findModuleRoot(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    while (dir != null && !Files.isRegularFile(dir.resolve("go.mod"))) {
      dir = dir.getParent();
    }
    return Optional.ofNullable(dir);
  }

  /**
   * The main module's directory as modload.Init finds it: {@link #findModuleRoot(Path)}, except
   * that a go.mod in the system temp directory itself is ignored ({@link #isTempRoot}).
   */
  static Optional<Path> findModuleRoot(Path start, GoEnv env) {
    return findModuleRoot(start).filter(root -> !isTempRoot(root, env));
  }

  /**
   * go's system temp root rule (modload.Init, golang.org/issue/26708): when the nearest go.mod
   * from a directory up is in the system temp directory itself ({@code os.TempDir()}), go
   * ignores it, warns, and goes on as if there were no go.mod at all; a go.mod further up is not
   * looked for. Symbolic links count as go's {@code search.InDir} counts them.
   */
  private static boolean isTempRoot(Path root, GoEnv env) {
    Path t = Path.of(tempDir(env)).toAbsolutePath().normalize();
    if (root.equals(t)) {
      return true;
    }
    try {
      return root.toRealPath().equals(t.toRealPath());
    } catch (IOException | RuntimeException e) {
      return false; // the temp directory does not exist (or cannot be resolved): not the root
    }
  }

  /** go's {@code os.TempDir()} for the environment's operating system. */
  private static String tempDir(GoEnv env) {
    Map<String, String> vars = env.environment();
    if (env.os() == GoEnv.Os.WINDOWS) {
      // GetTempPath: TMP, TEMP, USERPROFILE, then the Windows directory
      for (String k : List.of("TMP", "TEMP", "USERPROFILE")) {
        String v = vars.getOrDefault(k, "");
        if (!v.isEmpty()) {
          return v;
        }
      }
      return vars.getOrDefault("SystemRoot", "C:\\Windows");
    }
    String v = vars.getOrDefault("TMPDIR", "");
    return v.isEmpty() ? "/tmp" : v;
  }

  /**
   * How a command sets modload up before {@code Init}, as go's commands set its
   * {@code ForceUseModules} and {@code RootMode}.
   */
  enum InitMode {
    /** {@code go list -m}: module mode as GO111MODULE says ({@code auto}: only with a go.mod or go.work). */
    LIST(false, false),
    /** {@code go mod download} and the library's loads: module mode forced, no main module needed. */
    MOD(true, false),
    /** {@code go mod graph} and {@code go mod verify}: module mode forced, a main module needed (NeedRoot). */
    MOD_NEEDS_ROOT(true, true);

    final boolean forcesModules;
    final boolean needsRoot;

    InitMode(boolean forcesModules, boolean needsRoot) {
      this.forcesModules = forcesModules;
      this.needsRoot = needsRoot;
    }
  }

  /**
   * What modload.Init prints and decides for a command: its warning lines (each with go's
   * {@code go: } prefix), then its failure, {@code null} when it goes on. Only the two rules about
   * where go.mod may not be are here (the system temp root, the first GOPATH entry); a missing
   * go.mod and GO111MODULE's refusals are reported where the main module is read.
   */
  record Init(List<String> warnings, ModuleGraphException failure) {
    Init {
      warnings = List.copyOf(warnings);
    }

    /** Throws {@link #failure()}, if any. */
    void raise() throws ModuleGraphException {
      if (failure != null) {
        throw failure;
      }
    }
  }

  /**
   * modload.Init's two go.mod placement rules for a command run in {@code start}, in go's order:
   * <ul>
   *   <li>outside a workspace, a go.mod found first in the system temp directory itself is
   *       ignored with a warning (golang.org/issue/26708); go1.21 and later then fail a command
   *       that needs a main module (that failure is {@link #findMainModule}'s), and under
   *       GO111MODULE=auto a listing stays in GOPATH mode;</li>
   *   <li>then, in module mode (a workspace, a module root found, or module mode forced), a go.mod
   *       in GOPATH's first entry: up to go1.21 a failure ({@code $GOPATH/go.mod exists but should
   *       not}, printed without {@code go: }); from go1.22 a warning, after which a command that
   *       needs a main module fails with go's no-main-modules error, even in a module or workspace,
   *       while the others go on with the module root found (GOPATH itself included).</li>
   * </ul>
   * A command that needs a main module and finds no go.mod fails before the GOPATH rule. Nothing
   * applies with GO111MODULE off or unknown (go stops before, or refuses, elsewhere).
   */
  static Init init(GoEnv env, Path start, InitMode mode) throws GoProxyException {
    String go111;
    try {
      go111 = go111Module(env);
    } catch (ModuleGraphException unknown) {
      return new Init(List.of(), null); // go fails on it before it looks for go.mod
    }
    if (go111.equals("off")) {
      return new Init(List.of(), null);
    }
    boolean mustUseModules = mode.forcesModules || !go111.equals("auto");
    String release = env.goVersion();
    int minor = GoRelease.modelled(release).behaviourMinor();
    List<String> warnings = new ArrayList<>();
    boolean workspace = findGoWork(start, env).isPresent();
    if (!workspace) {
      Optional<Path> root = findModuleRoot(start);
      if (root.isEmpty()) {
        if (mode.needsRoot || !mustUseModules) {
          return new Init(warnings, null); // no main module (go's error, where it is read), or GOPATH mode
        }
      } else if (isTempRoot(root.get(), env)) {
        warnings.add("go: warning: ignoring go.mod in system temp root " + tempDir(env));
        // go1.19 and go1.20 go on without a main module; the documented departure fails at the read
        if (mode.needsRoot && minor >= 21 || !mustUseModules) {
          return new Init(warnings, null);
        }
      }
    }
    Optional<String> gopath = gopathWithGoMod(env);
    if (gopath.isEmpty()) {
      return new Init(warnings, null);
    }
    if (minor < 22) {
      return new Init(warnings, new ModuleGraphException("$GOPATH/go.mod exists but should not", null, false));
    }
    warnings.add("go: warning: ignoring go.mod in $GOPATH " + gopath.get());
    ModuleGraphException noMain = mode.needsRoot
        ? new ModuleGraphException(ListModules.noMainModules(release, workspace), null) : null;
    return new Init(warnings, noMain);
  }

  /**
   * GOPATH's first entry as go names it, when it holds a go.mod (anything go's stat finds there,
   * following links: a directory named go.mod counts); empty when GOPATH or its first entry is
   * empty, or the entry is relative (go refuses a relative GOPATH it was given, and forgets one it
   * inferred from a relative home directory, before it gets here).
   */
  static Optional<String> gopathWithGoMod(GoEnv env) {
    List<String> list = env.gopathList();
    if (list.isEmpty() || list.get(0).isEmpty()) {
      return Optional.empty();
    }
    String first = list.get(0);
    try {
      Path dir = Path.of(first);
      return dir.isAbsolute() && Files.exists(dir.resolve("go.mod")) ? Optional.of(first) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty(); // not a path on this system: go's stat would not find it either
    }
  }

  /**
   * The warnings go's modload.Init prints for a command run in {@code start} ({@link #init}'s
   * lines): a go.mod ignored in the system temp root, from go1.22 a go.mod ignored in GOPATH.
   */
  static List<String> initWarnings(GoEnv env, Path start, InitMode mode) throws GoProxyException {
    return init(env, start, mode).warnings();
  }

  /**
   * modload.Init alone, in go's order, for a command that neither forces module mode nor needs a
   * main module (go list's RootMode AutoRoot; go mod edit, which never reads go.work, with GOWORK
   * off): GO111MODULE (an unknown value fails, {@code off} is GOPATH mode); in a workspace (go1.21
   * on) {@code -modfile} refused; outside one, without a go.mod {@code -modfile} refused and under
   * {@code auto} GOPATH mode; a go.mod in the system temp root ignored with a warning (under
   * {@code auto}, GOPATH mode); {@code -modfile} without {@code .mod} refused; in a workspace an
   * explicit {@code -mod} go does not take there (setDefaultBuildMod); a go.mod in GOPATH's first
   * entry a failure up to go1.21 ({@code $GOPATH/go.mod exists but should not}, bare), from go1.22
   * a warning.
   *
   * @param warnings receives go's warning lines as go prints them, before any failure
   * @return whether module mode is on after Init (go's cfg.ModulesEnabled)
   * @throws GoProxyException Init's failure, with go's text
   */
  static boolean initAlone(GoEnv env, Path start, java.util.function.Consumer<String> warnings)
      throws GoProxyException {
    String go111 = go111Module(env);
    if (go111.equals("off")) {
      return false;
    }
    boolean mustUseModules = !go111.equals("auto");
    int minor = minor(env.goVersion());
    Optional<String> modFile = modFile(env);
    boolean workspace = findGoWork(start, env).isPresent();
    if (workspace) {
      if (modFile.isPresent() && minor >= 21) {
        throw new ModuleGraphException("-modfile cannot be used in workspace mode", null);
      }
    } else {
      Optional<Path> root = findModuleRoot(start);
      if (root.isEmpty()) {
        refuseModFileOutsideModule(env);
        if (!mustUseModules) {
          return false;
        }
      } else if (isTempRoot(root.get(), env)) {
        warnings.accept("go: warning: ignoring go.mod in system temp root " + tempDir(env));
        if (!mustUseModules) {
          return false;
        }
      }
    }
    if (modFile.isPresent() && !modFile.get().endsWith(".mod")) {
      throw new ModuleGraphException("-modfile=" + modFile.get() + ": file does not have .mod extension", null);
    }
    if (workspace) {
      BuildMod.explicitInWorkspace(env);
    }
    Optional<String> gopath = gopathWithGoMod(env);
    if (gopath.isPresent()) {
      if (minor < 22) {
        throw new ModuleGraphException("$GOPATH/go.mod exists but should not", null, false);
      }
      warnings.accept("go: warning: ignoring go.mod in $GOPATH " + gopath.get());
    }
    return true;
  }

  /**
   * The lines go's requirementsFromModFiles prints for a single main module's go.mod (none in a
   * workspace): one for each requirement on a version the go.mod excludes, which the load leaves
   * out of the roots ({@code dropping} under {@code -mod=mod}, where the rewritten go.mod drops it
   * too; else {@code ignoring}).
   */
  static List<String> excludedRequirementWarnings(Mains mains, boolean modMode) {
    if (mains.module() == null) {
      return List.of();
    }
    GoModFile f = mains.module().goMod();
    List<String> lines = new ArrayList<>();
    for (GoModFile.Require r : f.requires()) {
      if (f.isExcluded(r.path(), r.version())) {
        lines.add("go: " + (modMode ? "dropping" : "ignoring") + " requirement on excluded version " + r.path() + " "
            + r.version());
      }
    }
    return lines;
  }

  /**
   * The paths go's requirementsFromModFiles marks direct for a main go.mod: those of its
   * requirements not marked {@code // indirect}, less a requirement on a version the go.mod
   * excludes (dropped before the direct paths are taken: its path is direct only if another
   * line requires it directly). What go lists as not {@code Indirect} and writes in the direct
   * block.
   */
  static Set<String> directPaths(GoModFile f) {
    Set<String> direct = new HashSet<>();
    for (GoModFile.Require r : f.requires()) {
      if (!r.indirect() && !f.isExcluded(r.path(), r.version())) {
        direct.add(r.path());
      }
    }
    return direct;
  }

  static MainModule findMainModule(GoProxyClient client, Path start, GoEnv env) throws GoProxyException {
    return findMainModule(client, start, env, false);
  }

  /**
   * {@link #findMainModule(GoProxyClient, Path, GoEnv)}; {@code vendor}: go.mod read while go's
   * mode is an explicit {@code -mod=vendor} (go list's), where fixVersion cannot query
   * ({@link MainGoModFixer#MainGoModFixer(GoProxyClient, GoSum, boolean)}).
   */
  static MainModule findMainModule(GoProxyClient client, Path start, GoEnv env, boolean vendor)
      throws GoProxyException {
    String release = env.goVersion();
    String gotoolchain = env.get("GOTOOLCHAIN");
    Path dir = findModuleRoot(start, env).orElse(null);
    if (dir == null) {
      if (findModuleRoot(start).isEmpty()) {
        refuseModFileOutsideModule(env); // (a go.mod ignored in the system temp root fails as not found)
      }
      throw new ModuleGraphException(
          "go.mod file not found in current directory or any parent directory; see 'go help modules'", null);
    }
    checkModFile(env, false);
    Path cwd = start.toAbsolutePath().normalize();
    Optional<String> modFile = modFile(env);
    // the file as go names it: as given (GOFLAGS -modfile, relative to the working directory), else
    // root/go.mod; go1.21 on shortens it (base.ShortPath)
    String given = modFilePath(modFile, dir);
    Path file = cwd.resolve(given);
    String name = modFile.isPresent() ? shortPath(cwd, given)
        : dir.equals(cwd) ? "go.mod" : dir.resolve("go.mod").toString();
    GoModFile goMod;
    byte[] data;
    try {
      // under go's shared lock, as modload's ReadModFile: go rewrites go.mod in place under its
      // exclusive lock, so an unlocked read can see a half-written file
      data = LockedFile.read(file);
    } catch (IOException e) {
      if (modFile.isPresent()) {
        throw new ModuleGraphException(openError(given, e), e); // only -modfile can name a missing file
      }
      throw new ModuleGraphException("reading " + name + ": " + e.getMessage(), e);
    }
    int minor = GoRelease.modelled(release).behaviourMinor();
    boolean checkGo = minor >= 21;
    Path goSum = goSumPath(modFile, cwd, dir);
    GoSumFiles.Read sums = GoSumFiles.read(goSum, release);
    VersionFixer fix = new MainGoModFixer(client, sums.sum(), vendor).fixer();
    try {
      // go1.19 names the file as modload does (root/go.mod, absolute) in each error line, under a bare "go.mod"
      goMod = GoModFile.parseStrict(minor < 21 ? given : name, data, release, fix);
    } catch (GoModSyntaxException e) {
      // go1.24+ readModFile: a go line too new for this go explains the errors better
      Optional<String> go = Optional.empty();
      try {
        go = GoModFile.parse(name, data).goVersion();
      } catch (IllegalArgumentException lax) {
        // not even the lax reader can read it
      }
      if (minor >= 24 && go.isPresent() && GoRelease.newerThanRunning(go.get(), release)) {
        throw ModuleGraphException.tooNew(name, go.get(), release, gotoolchain);
      }
      throw new ModuleGraphException("errors parsing " + (minor < 21 ? "go.mod" : name) + ":\n" + e.getMessage(), e);
    }
    if (checkGo && goMod.goVersion().isPresent() && GoRelease.newerThanRunning(goMod.goVersion().get(), release)) {
      // gover.TooNewError (go1.21 on). go switches toolchains at startup under GOTOOLCHAIN=auto,
      // before it loads anything; a caller does that with ToolchainSelection and
      // GoProxyClient.toolchainCommand (as the CLI does) and then follows the release switched
      // to. Loading without the switch reports what go reports when it may not switch.
      throw ModuleGraphException.tooNew(name, goMod.goVersion().get(), release, gotoolchain);
    }
    if (goMod.module().isEmpty()) {
      throw new ModuleGraphException("error reading " + name + ": missing module declaration. To specify the module"
          + " path:\n\tgo mod edit -module=example/mod", null);
    }
    // modload's loadModFile outside a workspace (go1.23 on): every godebug line checked, each error reported
    List<String> bad = new ArrayList<>();
    for (int i = 0; minor >= 23 && i < goMod.godebugs().size(); i++) {
      GoModFile.Godebug d = goMod.godebugs().get(i);
      int line = goMod.godebugLine(i);
      GoDebugs.check("godebug", d.key(), d.value(), release)
          .ifPresent(e -> bad.add("error loading go.mod:\n" + name + ":" + line + ": " + e));
    }
    if (!bad.isEmpty()) {
      throw new ModuleGraphException(String.join("\ngo: ", bad), null);
    }
    return new MainModule(dir, goMod, sums, file, goSum, data, fix);
  }

  /**
   * Loads the graph, going on from the errors go goes on from ({@link ModuleGraph#replacementErrors()}).
   *
   * @param modMode follow {@code -mod=mod} (else go's default, {@code -mod=readonly}: go.sum must
   *     have a line for every go.mod loaded, and the requirements must be consistent)
   * @param mode how the command sets module mode up ({@link #init})
   */
  static ModuleGraph load(GoProxyClient client, GoEnv env, Path start, boolean modMode, int parallelism,
      InitMode mode) throws GoProxyException {
    return loadBuild(client, env, start, modMode, parallelism, mode).graph();
  }

  /**
   * A loaded build: the graph, the go.sum lines it was verified with (the main module's go.sum,
   * or in a workspace go.work.sum and every module's go.sum) as they were read before the load,
   * in a workspace the modules' go.sum lines alone (else empty), the directory relative paths in
   * replacements are resolved against (the main module's, or go.work's), in a workspace the
   * go.work file ({@code null} outside one), the sum file go writes (go.work.sum; go.sum, or
   * GOFLAGS -modfile's {@code .sum}) and the go.mod go may rewrite (GOFLAGS -modfile's file; none
   * in a workspace or outside a module) with the bytes the load read from it.
   */
  record Build(ModuleGraph graph, GoSum goSum, GoSum moduleSums, Path baseDir, Path workFile, Path sumFile,
      Path goModFile, byte[] goModData, VersionFixer goModFix) {}

  /**
   * {@link #load}, keeping the go.sum lines and the base directory (list -m -json, mod download).
   */
  static Build loadBuild(GoProxyClient client, GoEnv env, Path start, boolean modMode, int parallelism,
      InitMode mode) throws GoProxyException {
    return loadBuild(client, env, readMains(client, env, start, mode), modMode, parallelism, false);
  }

  /**
   * The main module files as loadModFile reads them before it loads anything: go.work and each
   * of its modules' go.mod, or the one main module's go.mod (at most one of the two is set;
   * neither outside a module).
   */
  record Mains(MainModule module, Workspace workspace) {
    /** {@return the main modules, in go.work's use order; none outside a module} */
    List<ModuleGraph.MainModule> list() {
      if (workspace != null) {
        return workspace.mains();
      }
      return module == null ? List.of() : List.of(new ModuleGraph.MainModule(module.dir().toString(), module.goMod()));
    }

    /** {@return the build of these main modules with the graph {@code g} (complete, or as far as it loaded)} */
    Build build(ModuleGraph g) {
      return workspace != null
          ? new Build(g, workspace.goSum(), workspace.moduleSums(), workspace.workDir(), workspace.workFile(),
              Path.of(workspace.workFile() + ".sum"), null, null, null)
          : new Build(g, module.goSum(), GoSum.empty(), module.dir(), null, module.goSumFile(), module.goModFile(),
              module.goModData(), module.goModFix());
    }
  }

  /**
   * Finds and reads the main module files from {@code start} (GOWORK as go finds it), checked as
   * go checks them: first modload.Init's rules for a command set up as {@code mode} ({@link
   * #init}), whose warnings the caller prints.
   */
  static Mains readMains(GoProxyClient client, GoEnv env, Path start, InitMode mode) throws GoProxyException {
    initChecks(env, start, mode);
    return readMains(client, env, start, findGoWork(start, env));
  }

  /**
   * modload.Init's refusals (GO111MODULE off, GOFLAGS -modfile) and its failure ({@link #init}:
   * {@code $GOPATH/go.mod} up to go1.21, a main module needed from go1.22) for a command set up as
   * {@code mode} in {@code start}, before the main module is read.
   */
  static void initChecks(GoEnv env, Path start, InitMode mode) throws GoProxyException {
    refuseModulesOff(env);
    initModFileChecks(env, start);
    init(env, start, mode).raise();
  }

  /**
   * GOFLAGS's {@code -modfile}: the file go reads in place of the main module's go.mod (and, with
   * {@code .mod} cut, {@code .sum} appended, in place of go.sum), as given (relative to the
   * working directory); empty when unset. go still finds the module root by its go.mod.
   */
  static Optional<String> modFile(GoEnv env) {
    return env.goFlag("modfile").filter(f -> !f.isEmpty());
  }

  /**
   * modload.Init's refusal of {@code -modfile} where no module root is found (outside a module):
   * the file cannot say where the module is.
   */
  static void refuseModFileOutsideModule(GoEnv env) throws GoProxyException {
    if (modFile(env).isPresent()) {
      throw new ModuleGraphException("cannot find main module, but -modfile was set.\n"
          + "\t-modfile cannot be used to set the module root directory.", null);
    }
  }

  /**
   * {@link #refuseModFileOutsideModule} for a command that answers outside a module from
   * {@code start}: a go.mod ignored in the system temp root is no refusal (go warns and goes on
   * without a main module), only the file's extension is checked then.
   */
  static void refuseModFileOutsideModule(GoEnv env, Path start) throws GoProxyException {
    if (modFile(env).isEmpty()) {
      return;
    }
    if (findModuleRoot(start).isEmpty()) {
      refuseModFileOutsideModule(env);
    }
    checkModFile(env, false);
  }

  /**
   * modload.Init's refusals of {@code -modfile} ({@link #refuseModFileOutsideModule}, {@link
   * #checkModFile}), which come before its GOPATH rule ({@link #init}); they are made again where
   * the main module is read.
   */
  static void initModFileChecks(GoEnv env, Path start) throws GoProxyException {
    if (modFile(env).isEmpty()) {
      return;
    }
    boolean workspace = findGoWork(start, env).isPresent();
    if (!workspace && findModuleRoot(start, env).isEmpty()) {
      if (findModuleRoot(start).isEmpty()) {
        refuseModFileOutsideModule(env);
      }
      // else a go.mod ignored in the system temp root: a command that needs a main module fails
      // first, others check the extension as they answer outside a module
      // (refuseModFileOutsideModule(env, start))
      return;
    }
    checkModFile(env, workspace);
  }

  /**
   * modload.Init's checks of {@code -modfile} once the root is known: refused in workspace mode
   * (go1.21 on; go1.19 and go1.20 read the file for every workspace module), and the file must end
   * in {@code .mod}.
   */
  private static void checkModFile(GoEnv env, boolean workspace) throws GoProxyException {
    Optional<String> f = modFile(env);
    if (f.isEmpty()) {
      return;
    }
    if (workspace && minor(env.goVersion()) >= 21) {
      throw new ModuleGraphException("-modfile cannot be used in workspace mode", null);
    }
    if (!f.get().endsWith(".mod")) {
      throw new ModuleGraphException("-modfile=" + f.get() + ": file does not have .mod extension", null);
    }
  }

  /** modload's modFilePath as given: the -modfile file, else {@code root/go.mod}. */
  private static String modFilePath(Optional<String> modFile, Path root) {
    return modFile.orElse(root.resolve("go.mod").toString());
  }

  /** The go.sum that goes with {@link #modFilePath}: {@code .mod} cut, {@code .sum} appended. */
  private static Path goSumPath(Optional<String> modFile, Path cwd, Path root) {
    return modFile.map(f -> cwd.resolve(f.substring(0, f.length() - ".mod".length()) + ".sum"))
        .orElse(root.resolve("go.sum"));
  }

  /** GO111MODULE as modload.Init reads it: {@code ""}, {@code on}, {@code auto} or {@code off}; another value fails. */
  static String go111Module(GoEnv env) throws ModuleGraphException {
    String go111 = env.get("GO111MODULE");
    if (!go111.isEmpty() && !go111.equals("on") && !go111.equals("auto") && !go111.equals("off")) {
      throw new ModuleGraphException("unknown environment setting GO111MODULE=" + go111, null);
    }
    return go111;
  }

  /** modload.Init for a command that forces module mode: GO111MODULE off, or a value go does not know, fails. */
  static void refuseModulesOff(GoEnv env) throws ModuleGraphException {
    if (go111Module(env).equals("off")) {
      throw new ModuleGraphException("modules disabled by GO111MODULE=off; see 'go help modules'", null);
    }
  }

  /**
   * {@link #readMains(GoProxyClient, GoEnv, Path, InitMode)} without modload.Init's go.mod placement rules (the
   * caller applies them), with the go.work file {@link #findGoWork} found (empty: none). As go's
   * mod commands (which force module mode), GO111MODULE=off fails, and so does a value go does
   * not know.
   */
  static Mains readMains(GoProxyClient client, GoEnv env, Path start, Optional<Path> work)
      throws GoProxyException {
    return readMains(client, env, start, work, false);
  }

  /**
   * {@link #readMains(GoProxyClient, GoEnv, Path, Optional)}; {@code vendor}: the files read while
   * go's mode is an explicit {@code -mod=vendor} (go list's {@code -mod} flag or GOFLAGS's; the mod
   * commands have no {@code -mod}), where a version that is not canonical cannot be resolved.
   */
  static Mains readMains(GoProxyClient client, GoEnv env, Path start, Optional<Path> work, boolean vendor)
      throws GoProxyException {
    refuseModulesOff(env);
    String release = env.goVersion();
    if (work.isPresent()) {
      checkModFile(env, true);
      return new Mains(null, readWorkspace(client, release, env.get("GOTOOLCHAIN"), start, work.get(),
          modFile(env), vendor));
    }
    return new Mains(findMainModule(client, start, env, vendor), null);
  }

  /**
   * {@link #loadBuild(GoProxyClient, GoEnv, Path, boolean, int, InitMode)} on main module files
   * already read, or with {@code rootsOnly} only the roots of the main module (see
   * {@link ModuleGraph.Builder#rootsOnly}), going on from the errors go goes on from
   * ({@link ModuleGraph#replacementErrors()}: the caller reports them).
   */
  static Build loadBuild(GoProxyClient client, GoEnv env, Mains mains, boolean modMode, int parallelism,
      boolean rootsOnly) throws GoProxyException {
    return loadBuild(client, env, mains, modMode, parallelism, rootsOnly, "");
  }

  /**
   * {@link #loadBuild(GoProxyClient, GoEnv, Mains, boolean, int, boolean)}, the graph loaded as
   * {@code go mod graph -go=asGoVersion} loads it ({@link ModuleGraph.Builder#asGoVersion}) unless
   * {@code asGoVersion} is empty.
   */
  static Build loadBuild(GoProxyClient client, GoEnv env, Mains mains, boolean modMode, int parallelism,
      boolean rootsOnly, String asGoVersion) throws GoProxyException {
    String release = env.goVersion();
    if (mains.workspace() != null) {
      return loadWorkspace(client, env, mains, parallelism, rootsOnly, asGoVersion);
    }
    MainModule main = mains.module();
    ModFetch fetch = client.graphFetchWith(main.goSum());
    ModuleSource source = source(fetch, main.dir(), main.goSumRead().error());
    ModuleGraph.Builder b = ModuleGraph.builder().goRelease(release).gotoolchain(env.get("GOTOOLCHAIN"))
        .modMode(modMode).mainModule(main.goMod())
        .source(source).parallelism(parallelism).rootsOnly(rootsOnly).asGoVersion(asGoVersion);
    if (!modMode) {
      b.requireGoModSums(mv -> {
        GoSumLookupFailure.raise(main.goSumRead().error());
        return !main.goSum().goModHashes(mv).isEmpty();
      });
    }
    return mains.build(build(b, fetch));
  }

  /**
   * Dependency go.mod files through the client's verified fetch; a directory replacement's go.mod
   * read relative to {@code base} (the main module's directory, or go.work's in a workspace).
   */
  private static ModuleSource source(ModFetch fetch, Path base, ModuleGraphException goSumError) {
    return new ModuleSource() {
      @Override
      public byte[] goMod(ModuleVersion module) throws IOException {
        GoSumLookupFailure.raise(goSumError);
        return fetch.goMod(fetch.lookup().route(module.path()), module).data();
      }

      @Override
      public void loadQueued(String path, String version) {
        fetch.loadQueued(path);
      }

      @Override
      public void loadDone(String path, String version) {
        fetch.loadDone(path);
      }

      @Override
      public byte[] goModInDirectory(String directory) throws IOException {
        Path file = base.resolve(directory).resolve("go.mod");
        try {
          return LockedFile.read(file); // go's replacement go.mod read (lockedfile.Read)
        } catch (NoSuchFileException e) {
          throw new IOException("reading " + file + ": open " + file + ": no such file or directory", e);
        }
      }
    };
  }

  /**
   * go1.22's fatal error for a malformed go.sum, raised where the graph first looks up a checksum
   * and carried out of the graph's loader threads unwrapped (a checked exception from the source
   * would be reported as that module's error).
   */
  private static final class GoSumLookupFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GoSumLookupFailure(ModuleGraphException error) {
      super(error.getMessage(), error, false, false);
    }

    static void raise(ModuleGraphException error) {
      if (error != null) {
        throw new GoSumLookupFailure(error);
      }
    }
  }

  private static int minor(String release) {
    return GoRelease.modelled(release).behaviourMinor();
  }

  /** modload's FindGoWork: the go.work file the go command uses from {@code start}, if any. */
  static Optional<Path> findGoWork(Path start, GoEnv env) throws ModuleGraphException {
    String gowork = env.get("GOWORK");
    switch (gowork) {
      case "off":
        return Optional.empty();
      case "":
      case "auto":
        break;
      default:
        if (!Path.of(gowork).isAbsolute()) {
          if (minor(env.goVersion()) < 21) {
            throw new ModuleGraphException("the path provided to GOWORK must be an absolute path", null, false);
          }
          throw new ModuleGraphException("invalid GOWORK: not an absolute path", null);
        }
        return Optional.of(Path.of(gowork));
    }
    String goroot = env.get("GOROOT");
    Path dir = start.toAbsolutePath().normalize();
    while (true) {
      Path f = dir.resolve("go.work");
      if (Files.isRegularFile(f)) {
        return Optional.of(f);
      }
      Path parent = dir.getParent();
      if (parent == null) {
        return Optional.empty();
      }
      if (!goroot.isEmpty() && parent.equals(Path.of(goroot))) {
        // go does not cross GOROOT to find a go.work file
        return Optional.empty();
      }
      dir = parent;
    }
  }

  /** base.ShortPath of a path as given: a relative one stays as it is (filepath.Rel fails on it). */
  static String shortPath(Path cwd, String path) {
    return Path.of(path).isAbsolute() ? shortPath(cwd, Path.of(path)) : path;
  }

  /** base.ShortPath: the path relative to the working directory when that is shorter. */
  static String shortPath(Path cwd, Path path) {
    String rel = cwd.toAbsolutePath().normalize().relativize(path).toString();
    if (rel.isEmpty()) {
      rel = ".";
    }
    return rel.length() < path.toString().length() ? rel : path.toString();
  }

  /** The text of Go's *fs.PathError for a failed open. */
  private static String openError(String name, IOException e) {
    return GoOs.pathError("open", name, e);
  }

  /** loadModFile in workspace mode, then the graph. */
  private static Build loadWorkspace(GoProxyClient client, GoEnv env, Mains mains, int parallelism,
      boolean rootsOnly, String asGoVersion) throws GoProxyException {
    Workspace w = mains.workspace();
    if (w.graphError() != null) {
      throw w.graphError();
    }
    ModFetch fetch = client.graphFetchWith(w.goSum());
    ModuleSource source = source(fetch, w.workDir(), w.goSumRead().error());
    return mains.build(build(ModuleGraph.builder().goRelease(env.goVersion()).gotoolchain(env.get("GOTOOLCHAIN")).workspace(w.work(), w.workDir().toString(),
        w.mains()).source(source).parallelism(parallelism).rootsOnly(rootsOnly).asGoVersion(asGoVersion), fetch));
  }

  /**
   * Loads the graph, then waits for the {@code list} files of the modules whose go.mod it cached
   * (rewritten while it loaded), also when the load fails, so the cache ends as go leaves it.
   */
  private static ModuleGraph build(ModuleGraph.Builder b, ModFetch fetch) throws GoProxyException {
    ModuleGraph g;
    try {
      g = b.build();
    } catch (GoSumLookupFailure e) {
      fetch.flushVersionLists();
      throw (ModuleGraphException) e.getCause();
    } catch (GoProxyException | RuntimeException e) {
      try {
        fetch.flushVersionLists();
      } catch (GoProxyException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    fetch.flushVersionLists();
    return g;
  }

  /**
   * The main modules as {@code go list -m} without arguments reports them: loadModFile's reading
   * and checks of go.mod (or go.work and each use directory's go.mod, in use order), without
   * loading the module graph, so neither go.sum lines nor the network are needed.
   */
  static List<ModuleGraph.MainModule> mainModules(GoProxyClient client, GoEnv env, Path start)
      throws GoProxyException {
    return readMains(client, env, start, InitMode.MOD).list();
  }

  /**
   * go.work as loadModFile reads it: the file, its directory, the main modules and their go.sum
   * files with go.work.sum (as initGoSum reads them: every line, the first malformed file's
   * error raised on the first checksum look-up as go does).
   *
   * @param moduleSums the lines of the modules' go.sum files alone (go.work.sum is rewritten
   *     without their modules)
   * @param graphError the failure a graph load meets first (go1.19-go1.24: a module's go.mod that
   *     its lax re-read cannot parse), {@code null} when none
   */
  record Workspace(GoWorkFile work, Path workFile, Path workDir, List<ModuleGraph.MainModule> mains,
      GoSumFiles.Read goSumRead, GoSum moduleSums, ModuleGraphException graphError) {
    GoSum goSum() {
      return goSumRead.sum();
    }
  }

  /** loadModFile in workspace mode: go.work, each use directory's go.mod, the go.sum files. */
  private static Workspace readWorkspace(GoProxyClient client, String release, String gotoolchain, Path start,
      Path workFile, Optional<String> modFile, boolean vendor) throws GoProxyException {
    int minor = minor(release);
    Path cwd = start.toAbsolutePath().normalize();
    workFile = workFile.toAbsolutePath().normalize();
    Path workDir = workFile.getParent();
    String workShort = shortPath(cwd, workFile);
    byte[] data;
    try {
      data = Files.readAllBytes(workFile);
    } catch (IOException e) {
      if (minor < 21) {
        throw new ModuleGraphException("reading go.work: " + openError(workFile.toString(), e), e, false);
      }
      // go1.23's toolchain selection reads go.work first and names it as given (checked against go1.23)
      throw new ModuleGraphException("reading go.work: " + openError(minor < 24 ? workFile.toString() : workShort, e),
          e);
    }
    GoWorkFile work;
    try {
      work = GoWorkFile.parse(minor < 23 ? workFile.toString() : workShort, data, release);
    } catch (GoModSyntaxException e) {
      if (minor < 21) {
        throw new ModuleGraphException("reading go.work: " + e.getMessage(), e, false);
      }
      throw new ModuleGraphException((minor < 23 ? "reading go.work: " : "errors parsing go.work:\n") + e.getMessage(),
          e);
    }
    if (minor >= 21 && work.goVersion().isPresent() && GoRelease.newerThanRunning(work.goVersion().get(), release)) {
      throw ModuleGraphException.tooNew(workShort, work.goVersion().get(), release, gotoolchain);
    }
    List<Path> roots = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (int i = 0; i < work.uses().size(); i++) {
      String use = work.uses().get(i);
      Path root = Path.of(use).isAbsolute() ? Path.of(use).normalize() : workDir.resolve(use).normalize();
      if (!seen.add(root)) {
        String msg = "path " + root + " appears multiple times in workspace";
        if (minor < 21) {
          throw new ModuleGraphException("reading go.work: " + msg, null, false);
        }
        throw new ModuleGraphException(minor < 23 ? "reading go.work: " + msg
            : "error loading go.work:\n" + workShort + ":" + work.useLine(i) + ": " + msg, null);
      }
      roots.add(root);
    }
    for (int i = 0; minor >= 23 && i < work.godebugs().size(); i++) {
      GoModFile.Godebug d = work.godebugs().get(i);
      Optional<String> bad = GoDebugs.check("godebug", d.key(), d.value(), release);
      if (bad.isPresent()) {
        throw new ModuleGraphException("error loading go.work:\n" + workShort + ":" + work.godebugLine(i) + ": "
            + bad.get(), null);
      }
    }
    String workGo = work.goVersion().orElse("1.18");
    List<String> errors = new ArrayList<>();
    List<ModuleGraph.MainModule> mains = new ArrayList<>();
    // initGoSum's order: each workspace module's go.sum, then go.work.sum
    List<GoSumFiles.Read> moduleSums = new ArrayList<>();
    for (Path root : roots) {
      moduleSums.add(GoSumFiles.read(goSumPath(modFile, cwd, root), release)); // go1.19/1.20: -modfile's for each
    }
    GoSumFiles.Read modules = GoSumFiles.concat(moduleSums);
    GoSumFiles.Read sums = GoSumFiles.concat(List.of(modules, GoSumFiles.read(Path.of(workFile + ".sum"), release)));
    // go reads each module's go.mod with fixVersion too and never rewrites it
    VersionFixer fix = new MainGoModFixer(client, sums.sum(), vendor).fixer();
    ModuleGraphException graphError = null;
    for (Path root : roots) {
      Path goModPath = cwd.resolve(modFilePath(modFile, root));
      String rootShort = shortPath(cwd, root);
      String loadPrefix = "cannot load module " + rootShort + " listed in go.work file: ";
      GoModFile goMod;
      try {
        byte[] mod = LockedFile.read(goModPath); // as the main module's
        String name = minor < 21 ? modFilePath(modFile, root) : shortPath(cwd, goModPath);
        goMod = GoModFile.parseStrict(name, mod, release, fix);
        if (minor < 26 && goMod.needsFix()) {
          // go1.19-go1.24's graph reads a workspace module's requirements again, laxly and without a
          // fixer (rawGoModSummary; go1.26 uses the go.mod as fixed): v1.2 is v1.2.0 there, a branch fails
          try {
            List<GoModFile.Require> lax = GoModFile.parse(goModPath.toString(), mod, release).requires();
            goMod = GoModEditor.parse(name, mod, release, fix).setRequire(lax).file();
          } catch (GoModSyntaxException e) {
            if (graphError == null) {
              graphError = new ModuleGraphException("module " + goMod.module().orElse("") + ": parsing "
                  + shortPath(cwd, goModPath) + ": " + e.getMessage(), e);
            }
          }
        }
      } catch (IOException e) {
        if (minor < 21) {
          throw new ModuleGraphException(openError(modFilePath(modFile, root), e), e);
        }
        errors.add(loadPrefix + openError(shortPath(cwd, goModPath), e));
        continue;
      } catch (GoModSyntaxException e) {
        if (minor < 21) {
          throw new ModuleGraphException("errors parsing go.mod:\n" + e.getMessage(), e);
        }
        errors.add(loadPrefix + "errors parsing " + shortPath(cwd, goModPath) + ":\n" + e.getMessage());
        continue;
      }
      if (minor >= 21) {
        String mv = goMod.goVersion().orElse("1.16");
        if (GoRelease.compare(mv, workGo) > 0 && GoRelease.compare(mv, "1.21") >= 0) {
          // errWorkTooOld: "implicitly requires" from go1.23, "to download and use" from go1.27
          errors.add("module " + rootShort + " listed in go.work file requires go >= " + mv + ", but go.work "
              + (work.goVersion().isPresent() || minor < 23 ? "lists" : "implicitly requires") + " go " + workGo
              + (minor < 27 ? "; to update it:" : "; to download and use go " + mv + ":") + "\n\tgo work use");
          continue;
        }
      }
      if (goMod.module().isEmpty()) {
        String name = minor < 21 ? goModPath.toString() : shortPath(cwd, goModPath);
        errors.add("error reading " + name + ": missing module declaration. To specify the module"
            + " path:\n\tgo mod edit -module=example/mod");
        continue;
      }
      mains.add(new ModuleGraph.MainModule(root.toString(), goMod));
    }
    if (!errors.isEmpty()) {
      throw new ModuleGraphException(String.join("\ngo: ", errors), null);
    }
    return new Workspace(work, workFile, workDir, List.copyOf(mains), sums, modules.sum(), graphError);
  }
}
