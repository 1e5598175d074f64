package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code go list -m [-u] all} over a loaded {@link ModuleGraph} (modload's ListModules with
 * addUpdate, addRetraction and addDeprecation): the main module (in a workspace, every main
 * module in go's order), then every selected module with
 * its replacement; with {@code -u} the update query ({@code upgrade} from the selected version),
 * the retraction by the module's latest go.mod and its deprecation, for the module and for a
 * module-version replacement, many at once.
 */
final class ModuleLister {
  private final GoProxyClient client;

  ModuleLister(GoProxyClient client) {
    this.client = client;
  }

  List<ListedModule> list(ModuleGraph g, boolean updates, int parallelism) throws GoProxyException {
    if (g.isWorkspace() && g.mainModules().isEmpty()) {
      // go's NoMainModulesError for the pattern "all" (naming the workspace from Go 1.26; go1.25 not checked)
      throw new ModuleGraphException("cannot match \"all\": " + (GoRelease.modelled(g.goRelease()).behaviourMinor() < 26
          ? "go.mod file not found in current directory or any parent directory; see 'go help modules'"
          : "no modules were found in the current workspace; see 'go help work'"), null);
    }
    Set<String> direct = new HashSet<>();
    for (ModuleGraph.MainModule m : g.mainModules()) {
      for (GoModFile.Require r : m.goMod().requires()) {
        if (!r.indirect()) {
          direct.add(r.path());
        }
      }
    }
    List<ListedModule> out = new ArrayList<>();
    for (ModuleGraph.MainModule m : g.mainModulesInListOrder()) {
      out.add(new ListedModule(m.path(), "", true, false, m.goMod().goVersion().orElse("1.16"), Optional.empty(),
          Optional.empty(), List.of(), "", ""));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, 32)), r -> {
      Thread t = new Thread(r, "goproxy4j-list");
      t.setDaemon(true);
      return t;
    });
    try {
      List<CompletableFuture<ListedModule>> futures = new ArrayList<>();
      for (ModuleVersion m : g.buildList()) {
        futures.add(CompletableFuture.supplyAsync(() -> listed(g, m, direct.contains(m.path().toString()), updates),
            pool));
      }
      for (CompletableFuture<ListedModule> f : futures) {
        out.add(f.join());
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private ListedModule listed(ModuleGraph g, ModuleVersion m, boolean direct, boolean updates) {
    String goVersion = g.goMod(m).flatMap(GoModFile::goVersion).orElse("");
    Optional<ListedModule> replace = g.replacement(m).map(r -> {
      String rv = r.newVersion();
      Status s = updates && !rv.isEmpty() ? status(g, r.newPath(), rv) : Status.NONE;
      return new ListedModule(r.newPath(), rv, false, false, goVersion, Optional.empty(), s.update, s.retracted,
          s.deprecated, "");
    });
    Status s = updates ? status(g, m.path().toString(), m.version().toString()) : Status.NONE;
    return new ListedModule(m.path().toString(), m.version().toString(), false, !direct, goVersion, replace, s.update,
        replace.map(ListedModule::retracted).orElse(s.retracted), s.deprecated, s.error);
  }

  /** What -u adds to one module version. */
  private static final class Status {
    static final Status NONE = new Status();
    Optional<ListedModule> update = Optional.empty();
    List<String> retracted = List.of();
    String deprecated = "";
    String error = "";
  }

  private Status status(ModuleGraph g, String pathText, String version) {
    Status s = new Status();
    ModulePath path;
    try {
      path = ModulePath.parse(pathText);
    } catch (IllegalArgumentException e) {
      return s;
    }
    // addUpdate: Query(path, "upgrade", current)
    try {
      VersionInfo u = client.query(path, "upgrade", Optional.of(Version.parse(version)));
      if (Version.compare(u.version(), version) > 0) {
        s.update = Optional.of(new ListedModule(pathText, u.version(), false, false, "", Optional.empty(),
            Optional.empty(), List.of(), "", ""));
      }
    } catch (NotFoundException e) {
      // no matching version: no update
    } catch (GoProxyException | RuntimeException e) {
      s.error = String.valueOf(e.getMessage());
    }
    // addRetraction and addDeprecation: the module's latest go.mod, unless every version of it is replaced
    if (g.pathReplacement(pathText).isPresent()) {
      return s;
    }
    try {
      VersionInfo info = client.query(path, version, Optional.empty());
      info.retraction().ifPresent(r -> s.retracted = List.of(r.isEmpty() ? "retracted by module author" : r));
      s.deprecated = info.deprecation().orElse("");
    } catch (NotFoundException e) {
      // as in go: a module whose versions cannot be found is neither retracted nor deprecated
    } catch (GoProxyException | RuntimeException e) {
      if (s.error.isEmpty()) {
        s.error = String.valueOf(e.getMessage());
      }
    }
    return s;
  }
}
