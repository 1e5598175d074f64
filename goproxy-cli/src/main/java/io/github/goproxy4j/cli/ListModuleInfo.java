package io.github.goproxy4j.cli;

import io.github.goproxy4j.cli.template.Template;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.ListFlags;
import io.github.goproxy4j.client.ListedModule;
import io.github.goproxy4j.client.ListedWithErrorsException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.client.ModuleCache;
import io.github.goproxy4j.client.VersionInfo;
import io.github.goproxy4j.internal.PkgPattern;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoModSyntaxException;
import io.github.goproxy4j.module.InvalidModulePathException;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * go list's template function {@code module} under {@code -m} (modload.ModuleInfo of a path): the
 * module of that path in the build, as {@code go list -m PATH} lists it without {@code -u},
 * {@code -versions} and {@code -retracted} (a main module; a selected module with its replacement,
 * its .info's version and time, its directory and go.mod in the module cache, its error), or none
 * when the build list lacks the path. Each path is looked up once a listing (go asks again for
 * each module, and gets the same answer), and not at all when the listing itself holds its
 * module as moduleInfo gives it ({@link #seed}). A {@code path@version} argument is answered outside
 * the build ({@link #lookUpAt}).
 */
final class ListModuleInfo implements Template.ModuleInfo {
  /** A failure of the lookup (go's base.Fatalf), thrown through the template's execution. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(GoProxyException cause) {
      super(cause.getMessage(), cause, false, false);
    }

    GoProxyException failure() {
      return (GoProxyException) getCause();
    }
  }

  private static final ListFlags PLAIN = ListFlags.builder().allowErrors(true).build();

  private final GoProxyClient client;
  private final Path dir;
  /** The go release's minor version. */
  private final int minor;
  private final Map<String, Optional<ListedModule>> seen = new HashMap<>();

  ListModuleInfo(GoProxyClient client, Path dir, int minor) {
    this.client = client;
    this.dir = dir;
    this.minor = minor;
  }

  /**
   * Takes the listing's own modules as the answers for their paths where they are what
   * moduleInfo gives: a listing of the build (no {@code path@version} argument, whose module is a
   * query's answer, not the build's) without {@code -u}, {@code -versions} or {@code -retracted}
   * (which add to what a listed module holds). go answers {@code module} from the build it has
   * loaded; asking the client again per path loads the build again each time (150 paths of
   * {@code all}: 4.3 s against go's 0.07 s, measured).
   *
   * @return this
   */
  ListModuleInfo seed(List<String> args, ListFlags flags, List<ListedModule> listed) {
    if (flags.updates() || flags.versions() || flags.retracted()) {
      return this;
    }
    for (String arg : args) {
      if (arg.indexOf('@') >= 0) {
        return this;
      }
    }
    for (ListedModule m : listed) {
      seen.putIfAbsent(m.path(), answer(m.path(), m));
    }
    return this;
  }

  @Override
  public Optional<ListedModule> lookUp(String path) {
    Optional<ListedModule> known = seen.get(path);
    if (known == null) {
      known = find(path);
      seen.put(path, known);
    }
    return known;
  }

  /**
   * {@code path@version} as moduleInfo answers it without the build: modload.Query with no current
   * version and every version allowed ({@link GoProxyClient#moduleInfoQuery}: under
   * {@code -mod=vendor} go's {@code cannot query module due to -mod=vendor}), then go.mod read at a
   * version (rawGoModData), which must be a semantic one: go1.19-go1.21 the resolved version (the
   * answer is moduleInfo of it, as {@code go list -m path@version} lists it), go1.22 on the version
   * as given (no go version, go.mod or directory then, for a version that is not canonical); a
   * version that is no semantic version is go's fatal {@code internal error}, after the query
   * (whose {@code .info} stays in the module cache). A failed query is the module's error in
   * Query's own words ({@link #failed}). Where a replace directive names the path the query is
   * go's replacementRepo's ({@link GoProxyClient#moduleInfoQuery}); where workspace modules
   * replace a version of it differently (not modelled) a canonical version is answered as
   * {@code go list -m path@version} lists it without an error, and empty (refused) otherwise. A main module's {@code upgrade} or
   * {@code patch} up to go1.21: {@link #mainModuleUpgrade}. A path that is no module path is
   * module.CheckPath's error.
   */
  @Override
  public Optional<ListedModule> lookUpAt(String path, String version) {
    String arg = path + "@" + version;
    Optional<ListedModule> known = seen.get(arg);
    if (known == null) {
      known = version.isEmpty() ? unversioned(path) : atVersion(path, version);
      seen.put(arg, known);
    }
    return known;
  }

  /**
   * {@code path@}: moduleInfo of a version-less module, a main module as it is listed, any other
   * path the module with that path alone and, where a directory of that name (absolute, or
   * relative to replaceRelativeTo: go.work's directory, else the main module's root, else the
   * working directory) holds a go.mod go can read and parse (laxly), its go line (rawGoModData, as
   * for a directory replacement).
   */
  private Optional<ListedModule> unversioned(String path) {
    List<ListedModule> mains;
    try {
      mains = client.mainModules(dir);
    } catch (GoProxyException | RuntimeException e) {
      mains = List.of(); // outside a module
    }
    for (ListedModule m : mains) {
      if (m.path().equals(path)) {
        return Optional.of(m);
      }
    }
    Path root;
    try {
      root = client.replaceRelativeTo(dir);
    } catch (GoProxyException e) {
      return Optional.empty();
    }
    return Optional.of(new ListedModule(path, "", false, false, directoryGoVersion(root, path), Optional.empty(),
        Optional.empty(), List.of(), "", ""));
  }

  /** rawGoModData of a version-less module outside a workspace's main modules: the go line of {@code root/path/go.mod}, if go can read and parse it. */
  private String directoryGoVersion(Path root, String path) {
    try {
      Path goMod = root.resolve(path).resolve("go.mod");
      if (java.nio.file.Files.isRegularFile(goMod)) {
        return GoModFile.parse("go.mod", java.nio.file.Files.readAllBytes(goMod), release()).goVersion().orElse("");
      }
    } catch (java.nio.file.InvalidPathException | java.io.IOException | GoModSyntaxException e) {
      // go ignores a go.mod it cannot read or parse here
    }
    return "";
  }

  /**
   * go1.19 and go1.21's moduleInfo of a main module's {@code upgrade} or {@code patch}, which the
   * query answers with the module's empty version and a zero time, outside a workspace: go1.19
   * reads go.mod of a directory named as the path (rawGoModData, as for {@code path@}) and keeps
   * the zero time; go1.21's rawGoModSummary panics, which text/template reports as the call's
   * error. In a workspace both read the module's own go.mod (rawGoModData: the main module's
   * root) for its go line. Empty (refused) for go1.20, not compared.
   */
  private Optional<ListedModule> mainModuleUpgrade(String path) {
    Path root;
    List<ListedModule> mains;
    boolean workspace;
    try {
      root = client.replaceRelativeTo(dir);
      mains = client.mainModules(dir);
      workspace = client.workspaceFile(dir).isPresent();
    } catch (GoProxyException | RuntimeException e) {
      return Optional.empty();
    }
    if (minor == 20) {
      return Optional.empty();
    }
    java.time.OffsetDateTime zero = java.time.OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC);
    if (workspace) {
      for (ListedModule m : mains) {
        if (m.path().equals(path) && !m.dir().isEmpty()) {
          return Optional.of(new ListedModule(path, "", false, false, directoryGoVersion(Path.of(m.dir()), "."),
              Optional.empty(), Optional.empty(), List.of(), "", "", Optional.of(zero), "", "", "", ""));
        }
      }
      return Optional.empty();
    }
    if (mains.size() != 1 || mains.get(0).dir().isEmpty() || !Path.of(mains.get(0).dir()).equals(root)) {
      return Optional.empty();
    }
    if (minor >= 21) {
      throw Template.moduleCallError("internal error: rawGoModSummary called on a main module");
    }
    return Optional.of(new ListedModule(path, "", false, false, directoryGoVersion(root, path), Optional.empty(),
        Optional.empty(), List.of(), "", "", Optional.of(zero), "", "", "", ""));
  }

  private Optional<ListedModule> atVersion(String path, String version) {
    boolean semver = Version.isValid(version);
    VersionInfo info;
    try {
      info = client.moduleInfoQuery(dir, path, version);
    } catch (GoProxyException e) {
      if (!semver) {
        throw invalidSemver(path, version); // the version stays as given
      }
      return Optional.of(failed(path, version, e.getMessage()));
    } catch (UnsupportedOperationException e) {
      // a path a replace directive names: go's replacementRepo answers; a canonical version as
      // list answers it, where that is without an error
      return semver && Version.parse(version).isCanonical() ? canonical(path, version) : Optional.empty();
    } catch (InvalidModulePathException e) {
      if (!semver) {
        throw invalidSemver(path, version);
      }
      // lookupRepo's module.CheckPath error; go.mod cannot be had at such a path
      return Optional.of(new ListedModule(path, version, false, false, "", Optional.empty(), Optional.empty(),
          List.of(), "", e.getMessage()));
    } catch (IllegalArgumentException e) {
      if (!semver) {
        throw invalidSemver(path, version); // whatever Query says, the version stays as given
      }
      return Optional.empty(); // an invalid query: goproxy's texts are not known to be go's
    }
    if (info.version().isEmpty() && minor < 22) {
      return mainModuleUpgrade(path);
    }
    String at = minor < 22 ? info.version() : version;
    if (!Version.isValid(at)) {
      throw invalidSemver(path, at);
    }
    if (Version.parse(at).isCanonical()) {
      return canonical(path, at);
    }
    return Optional.of(new ListedModule(path, info.version(), false, false, "", Optional.empty(), Optional.empty(),
        List.of(), "", "", Optional.of(info.offsetTime()), "", "", "", ""));
  }

  /**
   * A failed query of a semantic version: the module with the version as given and Query's error
   * (a no-match without list's {@code module path: }); for a canonical version go then reads its
   * go.mod all the same (from the module cache, else, but under {@code -mod=vendor}, which
   * disables lookups, from the proxy) for its go line, and names its go.mod and directory in the
   * module cache where they are there. That go.mod is checked as go's modfetch.GoMod checks it
   * ({@link GoProxyClient#moduleInfoGoMod}: go.sum, else the checksum database); where go.sum
   * contradicts it go stops with its {@code SECURITY ERROR} (printed bare, exit 1).
   */
  private ListedModule failed(String path, String version, String error) {
    String named = "module " + path + ": ";
    if (error.startsWith(named + "no matching versions for query ")) {
      error = error.substring(named.length());
    }
    String goVersion = "";
    String goMod = "";
    String moduleDir = "";
    ModuleVersion mv = null;
    try {
      mv = ModuleVersion.of(ModulePath.parse(path), Version.parse(version));
    } catch (IllegalArgumentException e) {
      // no module path (vendor mode's error comes first): go.mod cannot be had
    }
    if (mv != null && mv.version().isCanonical()) {
      ModuleCache cache = client.moduleCache();
      Optional<byte[]> data = Optional.empty();
      try {
        // checked against go.sum, else the checksum database, as go's modfetch.GoMod checks it
        data = Optional.of(client.moduleInfoGoMod(dir, mv));
      } catch (ChecksumMismatchException e) {
        if (e.isGoSumMismatch()) {
          // go.sum contradicts it: haveModSumLocked's base.Fatalf, printed bare (the text's own
          // newline ends it)
          String msg = e.getMessage();
          if (msg.endsWith("\n")) {
            msg = msg.substring(0, msg.length() - 1);
          }
          throw new Failure(new ModuleGraphException(msg, e, false));
        }
      } catch (GoProxyException | RuntimeException e) {
        // go ignores it: no go version
      }
      if (data.isPresent()) {
        try {
          goVersion = GoModFile.parse("go.mod", data.get(), release()).goVersion().orElse("");
        } catch (GoModSyntaxException e) {
          // no go version
        }
      }
      Path modFile = cache.file(mv, "mod");
      if (java.nio.file.Files.isRegularFile(modFile)) {
        goMod = modFile.toString();
      }
      if (cache.isExtracted(mv)) {
        moduleDir = cache.extractedDir(mv).toString();
      }
    }
    return new ListedModule(path, version, false, false, goVersion, Optional.empty(), Optional.empty(), List.of(),
        "", error, Optional.empty(), moduleDir, goMod, "", "");
  }

  /** moduleInfo of a canonical version the query answered, as {@code go list -m path@version} lists it. */
  private Optional<ListedModule> canonical(String path, String version) {
    List<ListedModule> listed = list(path + "@" + version, PLAIN);
    return listed.size() == 1 && listed.get(0).error().isEmpty() && listed.get(0).query().isEmpty()
        && listed.get(0).origin().isEmpty() && listed.get(0).path().equals(path)
        && listed.get(0).version().equals(version) && listed.get(0).replace().isEmpty()
        ? Optional.of(listed.get(0)) : Optional.empty();
  }

  private String release() {
    return "1." + minor;
  }

  /** rawGoModData's base.Fatalf for a version that is no semantic version. */
  private static Failure invalidSemver(String path, String version) {
    return new Failure(new GoProxyException(
        "internal error: " + path + "@" + version + ": unexpected invalid semantic version"));
  }

  private List<ListedModule> list(String arg, ListFlags flags) {
    try {
      return client.listModules(dir, List.of(arg), flags, warning -> { });
    } catch (GoProxyException e) {
      return List.of();
    }
  }

  private Optional<ListedModule> find(String path) {
    // go asks the build list for the path as it is: "all", a pattern or nothing are no module's
    // path there (go list -m would take them as arguments of another kind)
    if (path.isEmpty() || path.equals("all") || PkgPattern.isPattern(path)) {
      return Optional.empty();
    }
    List<ListedModule> listed;
    try {
      listed = client.listModules(dir, List.of(path), PLAIN, warning -> { });
    } catch (ListedWithErrorsException e) {
      listed = e.modules();
    } catch (GoProxyException e) {
      throw new Failure(e);
    }
    return listed.size() != 1 ? Optional.empty() : answer(path, listed.get(0));
  }

  /** {@code m}, listed for {@code path}, as moduleInfo's answer: none for a path the build lacks. */
  private static Optional<ListedModule> answer(String path, ListedModule m) {
    return m.error().equals("module " + path + ": not a known dependency") ? Optional.empty() : Optional.of(m);
  }
}
