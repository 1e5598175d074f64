package io.github.goproxy4j.cli;

import io.github.goproxy4j.cli.template.Template;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.ListFlags;
import io.github.goproxy4j.client.ListedModule;
import io.github.goproxy4j.client.ListedWithErrorsException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.PkgPattern;
import io.github.goproxy4j.module.Version;
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
  /** list's flags under which a query allows every version, as moduleInfo's Query (allowed nil). */
  private static final ListFlags ALL_ALLOWED = ListFlags.builder().allowErrors(true).retracted(true).build();

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
   * {@code path@version} as moduleInfo answers it without the build. A canonical version: {@code
   * go list -m path@version}'s module (moduleInfo without the requirements too) where that lists it
   * without an error, a query or an Origin, for the version asked. Any other version is queried
   * (as {@code list -m -retracted}: every version allowed, as moduleInfo's Query with no allowed
   * function) and go then reads go.mod at a version (rawGoModData), which must be a semantic one:
   * go1.19-go1.21 the resolved version (the answer is moduleInfo of it), go1.22 on the version as
   * given (no go version, go.mod or directory then, for a version that is not canonical), and a
   * version that is no semantic version one is go's fatal {@code internal error}. A failed query is
   * the module's error as Query words it where list's text tells it (a no-match without list's
   * {@code module path: }, an error naming the module and no version); else empty (go's texts for
   * other failed lookups are its own), as for {@code upgrade} and {@code patch} up to
   * go1.21, which list would answer from the build's current version.
   */
  @Override
  public Optional<ListedModule> lookUpAt(String path, String version) {
    String arg = path + "@" + version;
    Optional<ListedModule> known = seen.get(arg);
    if (known == null) {
      known = version.isEmpty() ? unversioned(path)
          : Version.isValid(version) && Version.parse(version).isCanonical() ? canonical(path, version)
          : queried(path, version);
      seen.put(arg, known);
    }
    return known;
  }

  /**
   * {@code path@}: moduleInfo of a version-less module, a main module as it is listed, any other
   * path the module with that path alone, where rawGoModData reads the go.mod of a directory of that
   * name (relative to the main module, go.work's directory or, outside a module, the working
   * directory) and takes its go line when there is one: refused (empty) where such a go.mod exists.
   */
  private Optional<ListedModule> unversioned(String path) {
    List<ListedModule> mains;
    try {
      mains = client.mainModules(dir);
    } catch (GoProxyException | RuntimeException e) {
      mains = List.of(); // outside a module
    }
    List<Path> roots = new java.util.ArrayList<>(List.of(dir));
    for (ListedModule m : mains) {
      if (m.path().equals(path)) {
        return Optional.of(m);
      }
      if (!m.dir().isEmpty()) {
        roots.add(Path.of(m.dir()));
      }
    }
    try {
      Path named = Path.of(path);
      for (Path root : roots) {
        if (java.nio.file.Files.exists(root.resolve(named).resolve("go.mod"))) {
          return Optional.empty();
        }
      }
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
    return Optional.of(new ListedModule(path, "", false, false, "", Optional.empty(), Optional.empty(), List.of(),
        "", ""));
  }

  private Optional<ListedModule> canonical(String path, String version) {
    List<ListedModule> listed = list(path + "@" + version, PLAIN);
    return listed.size() == 1 && listed.get(0).error().isEmpty() && listed.get(0).query().isEmpty()
        && listed.get(0).origin().isEmpty() && listed.get(0).path().equals(path)
        && listed.get(0).version().equals(version) && listed.get(0).replace().isEmpty()
        ? Optional.of(listed.get(0)) : Optional.empty();
  }

  private Optional<ListedModule> queried(String path, String version) {
    boolean semver = Version.isValid(version);
    if (!semver && minor >= 22) {
      throw invalidSemver(path, version);
    }
    if (minor < 22 && (version.equals("upgrade") || version.equals("patch"))) {
      return Optional.empty();
    }
    List<ListedModule> listed = list(path + "@" + version, ALL_ALLOWED);
    if (listed.size() != 1 || !listed.get(0).path().equals(path)) {
      return Optional.empty();
    }
    ListedModule m = listed.get(0);
    if (!m.error().isEmpty()) {
      if (!semver) {
        throw invalidSemver(path, version); // the version stays as given
      }
      // list's modinfoError puts "module path: " before Query's NoMatchingVersionError, keeps an
      // error naming the module (a module.ModuleError) and puts "path@version: " before any other,
      // which goproxy cannot tell from a ModuleError naming the version: refused
      String named = "module " + path + ": ";
      if (!m.error().startsWith(named)) {
        return Optional.empty();
      }
      String error = m.error().startsWith(named + "no matching versions for query ")
          ? m.error().substring(named.length()) : m.error();
      return Optional.of(new ListedModule(path, version, false, false, "", Optional.empty(), Optional.empty(),
          List.of(), "", error));
    }
    if (!Version.isValid(m.version()) || !Version.parse(m.version()).isCanonical()) {
      return Optional.empty();
    }
    if (minor < 22) {
      return canonical(path, m.version());
    }
    return Optional.of(new ListedModule(path, m.version(), false, false, "", Optional.empty(), Optional.empty(),
        List.of(), "", "", m.time(), "", "", "", ""));
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
