package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.sumdb.GoSum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
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
 * addUpdate, addRetraction and addDeprecation): the main module, then every selected module with
 * its replacement; with {@code -u} the update query ({@code upgrade} from the selected version),
 * the retraction by the module's latest go.mod and its deprecation, for the module and for a
 * module-version replacement, many at once.
 */
final class ModuleLister {
  private final GoProxyClient client;
  private final ModuleGraphLoader.MainModule mainModule;

  /**
   * @param mainModule the main module the graph was loaded for: its directory and its go.sum,
   *     whose lines decide (in go's default -mod=readonly) whether a module's cached files and
   *     hashes are reported (modload's moduleInfo: checksumOk)
   */
  ModuleLister(GoProxyClient client, ModuleGraphLoader.MainModule mainModule) {
    this.client = client;
    this.mainModule = mainModule;
  }

  List<ListedModule> list(ModuleGraph g, boolean updates, int parallelism) throws GoProxyException {
    Set<String> direct = new HashSet<>();
    for (GoModFile.Require r : g.mainGoMod().requires()) {
      if (!r.indirect()) {
        direct.add(r.path());
      }
    }
    List<ListedModule> out = new ArrayList<>();
    Path root = mainModule.dir();
    out.add(new ListedModule(g.main(), "", true, false, g.mainGoMod().goVersion().orElse("1.16"), Optional.empty(),
        Optional.empty(), List.of(), "", "", Optional.empty(), root.toString(), root.resolve("go.mod").toString(), "",
        ""));
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
    Optional<GoModFile.Replace> r = g.replacement(m);
    if (r.isEmpty()) {
      Status s = updates ? status(m.path().toString(), m.version().toString()) : Status.NONE;
      return fromCache(m.path().toString(), m.version().toString(), !direct, goVersion, Optional.empty(), s);
    }
    // go does not look up the replaced version's time; its files are the replacement's
    String rv = r.get().newVersion();
    ListedModule replace;
    if (rv.isEmpty()) {
      Path dir = mainModule.dir().resolve(r.get().newPath()).normalize();
      replace = new ListedModule(r.get().newPath(), "", false, false, goVersion, Optional.empty(), Optional.empty(),
          List.of(), "", "", Optional.empty(), dir.toString(), dir.resolve("go.mod").toString(), "", "");
    } else {
      Status rs = updates ? status(r.get().newPath(), rv) : Status.NONE;
      replace = fromCache(r.get().newPath(), rv, false, goVersion, Optional.empty(), rs);
    }
    Status s = updates ? status(m.path().toString(), m.version().toString()) : Status.NONE;
    return new ListedModule(m.path().toString(), m.version().toString(), false, !direct, goVersion,
        Optional.of(replace), s.update, replace.retracted(), s.deprecated, s.error, Optional.empty(), replace.dir(),
        replace.goMod(), "", "");
  }

  /**
   * modload's completeFromModCache for a module version: its time from its info (the module
   * cache, else its route), and, where go.sum has the hash (go's default -mod=readonly), its
   * cached go.mod, its complete extracted directory and the go.sum hashes.
   */
  private ListedModule fromCache(String pathText, String version, boolean indirect, String goVersion,
      Optional<ListedModule> replace, Status s) {
    Optional<OffsetDateTime> time = Optional.empty();
    String error = "";
    String dir = "";
    String goModFile = "";
    String sum = "";
    String goModSum = "";
    ModuleVersion mv = null;
    try {
      mv = ModuleVersion.of(ModulePath.parse(pathText), Version.parse(version));
    } catch (IllegalArgumentException e) {
      error = e.getMessage();
    }
    if (mv != null) {
      try {
        time = Optional.of(client.info(mv).offsetTime());
      } catch (GoProxyException | RuntimeException e) {
        error = String.valueOf(e.getMessage());
      }
      GoSum goSum = mainModule.goSum();
      List<String> goModHashes = goSum.goModHashes(mv);
      if (!goModHashes.isEmpty()) {
        Path f = client.moduleCache().file(mv, "mod");
        if (Files.isRegularFile(f)) {
          goModFile = f.toString();
        }
        goModSum = recorded(goModHashes);
      }
      List<String> zipHashes = goSum.zipHashes(mv);
      if (!zipHashes.isEmpty()) {
        if (client.moduleCache().isExtracted(mv)) {
          dir = client.moduleCache().extractedDir(mv).toString();
        }
        sum = recorded(zipHashes);
      }
    }
    return new ListedModule(pathText, version, false, indirect, goVersion, replace, s.update, s.retracted,
        s.deprecated, error.isEmpty() ? s.error : error, time, dir, goModFile, sum, goModSum);
  }

  /** modfetch's RecordedSum: the one h1: hash go.sum holds, "" when its h1: lines conflict. */
  private static String recorded(List<String> hashes) {
    String found = "";
    for (String h : hashes) {
      if (h.startsWith("h1:")) {
        if (!found.isEmpty() && !found.equals(h)) {
          return "";
        }
        found = h;
      }
    }
    return found;
  }

  /** What -u adds to one module version. */
  private static final class Status {
    static final Status NONE = new Status();
    Optional<ListedModule> update = Optional.empty();
    List<String> retracted = List.of();
    String deprecated = "";
    String error = "";
  }

  private Status status(String pathText, String version) {
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
            Optional.empty(), List.of(), "", "", Optional.of(u.offsetTime()), "", "", "", ""));
      }
    } catch (NotFoundException e) {
      // no matching version: no update
    } catch (GoProxyException | RuntimeException e) {
      s.error = String.valueOf(e.getMessage());
    }
    // addRetraction and addDeprecation: the module's latest go.mod
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
