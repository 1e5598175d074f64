package io.github.goproxy4j.mvs;

import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoWorkFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code replace} directives that apply to a build, as modload's replacementFrom and
 * canonicalizeReplacePath resolve them: outside a workspace the main module's go.mod (a
 * version-specific directive wins over a path-wide one); in a workspace go.work's directives
 * first, then each workspace module's go.mod in {@code use} order (the last module that replaces
 * a module wins), with a directory replacement from a go.mod rewritten relative to go.work's
 * directory ({@code ./x}, {@code ../x}; before Go 1.22 {@code x}). Workspace modules themselves (at the empty version) are
 * never replaced.
 */
final class Replacements {
  /** The directives of one file: by exact module version, and for every version of a path. */
  private static final class Table {
    final String root;
    final Map<String, GoModFile.Replace> byPath = new HashMap<>();
    final Map<ModuleGraph.Node, GoModFile.Replace> byVersion = new HashMap<>();

    /** toReplaceMap: a module replaced twice must be replaced by the same thing. */
    Table(String root, List<GoModFile.Replace> replaces) throws ModuleGraphException {
      this.root = root;
      for (GoModFile.Replace r : replaces) {
        GoModFile.Replace prev = r.oldVersion().isEmpty() ? byPath.put(r.oldPath(), r)
            : byVersion.put(new ModuleGraph.Node(r.oldPath(), r.oldVersion()), r);
        if (prev != null && !target(prev.newPath(), prev.newVersion()).equals(target(r.newPath(), r.newVersion()))) {
          throw new ModuleGraphException("conflicting replacements for " + target(r.oldPath(), r.oldVersion())
              + ":\n\t" + target(prev.newPath(), prev.newVersion()) + "\n\t" + target(r.newPath(), r.newVersion()), null);
        }
      }
    }

    GoModFile.Replace find(String path, String version) {
      GoModFile.Replace r = byVersion.get(new ModuleGraph.Node(path, version));
      return r != null ? r : byPath.get(path);
    }
  }

  private final String workDir;
  private final Table work;
  private final List<Table> modules;
  private final Set<String> mainPaths;
  private final int release;

  private Replacements(String workDir, Table work, List<Table> modules, Set<String> mainPaths, int release) {
    this.release = release;
    this.workDir = workDir;
    this.work = work;
    this.modules = modules;
    this.mainPaths = mainPaths;
  }

  /** The single main module's directives. */
  static Replacements of(GoModFile main) throws ModuleGraphException {
    return new Replacements(null, null, List.of(new Table("", main.replaces())), Set.of(), 0);
  }

  /**
   * A workspace's directives, checked as modload's makeMainModules checks them: go.work must not
   * replace a workspace module at every version, and two go.mod files must not replace the same
   * module version differently unless go.work replaces that module.
   *
   * @param errors receives go's text of each non-fatal error (base.Errorf)
   * @throws ModuleGraphException on conflicting go.mod replacements (base.Fatalf)
   */
  static Replacements workspace(GoWorkFile workFile, String workDir, List<ModuleGraph.MainModule> mains,
      List<String> errors, int release) throws ModuleGraphException {
    // modload indexes each go.mod (toReplaceMap) before it reads go.work's directives
    List<Table> tables = new ArrayList<>();
    for (ModuleGraph.MainModule m : mains) {
      tables.add(new Table(m.dir(), m.goMod().replaces()));
    }
    Table work = new Table(workDir, workFile.replaces());
    Set<String> mainPaths = new HashSet<>();
    for (ModuleGraph.MainModule m : mains) {
      if (!mainPaths.add(m.path()) && release >= 21) {
        errors.add("module " + m.path() + " appears multiple times in workspace");
      }
    }
    Set<String> replacedByWork = new HashSet<>();
    Map<ModuleGraph.Node, String> seen = new HashMap<>();
    for (GoModFile.Replace r : workFile.replaces()) {
      if (mainPaths.contains(r.oldPath()) && r.oldVersion().isEmpty()) {
        errors.add("workspace module " + r.oldPath() + " is replaced at all versions in the go.work file. To fix,"
            + " remove the replacement from the go.work file or specify the version at which to replace the module.");
      }
      replacedByWork.add(r.oldPath());
      seen.put(new ModuleGraph.Node(r.oldPath(), r.oldVersion()), target(r.newPath(), r.newVersion()));
    }
    for (ModuleGraph.MainModule m : mains) {
      Set<ModuleGraph.Node> current = new HashSet<>();
      for (GoModFile.Replace r : m.goMod().replaces()) {
        if (replacedByWork.contains(r.oldPath())) {
          continue;
        }
        String newPath = r.newPath();
        if (r.newVersion().isEmpty() && !Path.of(newPath).isAbsolute()) {
          // relative to that go.mod's directory: made absolute so that two go.mod files compare
          newPath = Path.of(m.dir()).resolve(newPath).normalize().toString();
        }
        String target = target(newPath, r.newVersion());
        ModuleGraph.Node old = new ModuleGraph.Node(r.oldPath(), r.oldVersion());
        String prev = seen.get(old);
        if (prev != null && !current.contains(old) && !prev.equals(target)) {
          errors.add("conflicting replacements for " + old + ":\n\t" + prev + "\n\t" + target
              + "\nuse \"go work edit -replace " + old + "=[override]\" to resolve");
          throw new ModuleGraphException(String.join("\ngo: ", errors), null);
        }
        current.add(old);
        seen.put(old, target);
      }
    }
    return new Replacements(workDir, work, tables, mainPaths, release);
  }

  private static String target(String path, String version) {
    return version.isEmpty() ? path : path + "@" + version;
  }

  /**
   * replacementFrom's check across workspace modules, in {@code use} order: a go.mod whose
   * directive names the module version itself, after another go.mod's directive that applies to
   * it, with a different replacement. replacementFrom never records whether the directive it found
   * named the version, so a directive for every version coming after a version's is no conflict:
   * the later one applies ({@link #find}), as in go.
   *
   * @return go's message, or empty
   */
  Optional<String> conflict(String path, String version) {
    if (work == null || version.isEmpty() && mainPaths.contains(path) || work.find(path, version) != null) {
      return Optional.empty();
    }
    GoModFile.Replace found = null;
    String foundRoot = null;
    for (Table t : modules) {
      GoModFile.Replace r = t.find(path, version);
      if (r == null) {
        continue;
      }
      if (found != null && conflicts(found, r)) {
        return Optional.of("conflicting replacements found for " + target(path, version)
            + " in workspace modules defined by " + Path.of(foundRoot, "go.mod") + " and " + Path.of(t.root, "go.mod"));
      }
      found = r;
      foundRoot = t.root;
    }
    return Optional.empty();
  }

  /**
   * Whether {@code later}, found after {@code found} in a later workspace module's go.mod, is
   * replacementFrom's conflict: a directive for the version itself (one for every version never
   * is) with another replacement, compared as written.
   */
  private static boolean conflicts(GoModFile.Replace found, GoModFile.Replace later) {
    return !later.oldVersion().isEmpty()
        && !target(found.newPath(), found.newVersion()).equals(target(later.newPath(), later.newVersion()));
  }

  /**
   * The directive that applies to a module version, with a directory replacement from a
   * workspace module's go.mod rewritten relative to go.work's directory; where two modules'
   * directives conflict ({@link #conflict}), the earlier one, as go goes on with it.
   */
  Optional<GoModFile.Replace> find(String path, String version) {
    if (version.isEmpty() && mainPaths.contains(path)) {
      return Optional.empty();
    }
    if (work != null) {
      GoModFile.Replace r = work.find(path, version);
      if (r != null) {
        return Optional.of(r);
      }
    }
    GoModFile.Replace found = null;
    String foundRoot = null;
    for (Table t : modules) {
      GoModFile.Replace r = t.find(path, version);
      if (r != null) {
        if (found != null && conflicts(found, r)) {
          break; // replacementFrom's conflict: go reports it and takes the earlier module's directive
        }
        found = r;
        foundRoot = t.root;
      }
    }
    if (found == null) {
      return Optional.empty();
    }
    if (workDir == null || !found.newVersion().isEmpty() || Path.of(found.newPath()).isAbsolute()) {
      return Optional.of(found);
    }
    Path abs = Path.of(foundRoot).resolve(found.newPath()).normalize();
    String rel = Path.of(workDir).normalize().relativize(abs).toString();
    if (rel.isEmpty()) {
      rel = ".";
    }
    // Go 1.22 made the path a directory path (ToDirectoryPath); before, filepath.Rel's result as is
    boolean directory = rel.equals(".") || rel.equals("..") || rel.startsWith("../");
    String dir = release < 22 || directory ? rel : "./" + rel;
    return Optional.of(new GoModFile.Replace(found.oldPath(), found.oldVersion(), dir, ""));
  }

  /**
   * The versions of {@code path} the directives name ({@code ""} for one that replaces every
   * version), in every file that applies: what modload's replacementRepo adds to a query of the
   * path, and its highestReplaced.
   */
  Set<String> versionsOf(String path) {
    Set<String> out = new HashSet<>();
    List<Table> all = new ArrayList<>(modules);
    if (work != null) {
      all.add(work);
    }
    for (Table t : all) {
      if (t.byPath.containsKey(path)) {
        out.add("");
      }
      for (ModuleGraph.Node n : t.byVersion.keySet()) {
        if (n.path().equals(path)) {
          out.add(n.version());
        }
      }
    }
    return out;
  }
}
