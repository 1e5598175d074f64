package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * go's {@code modload/query.go}: resolves a version query ({@code latest}, {@code upgrade},
 * {@code patch}, prefixes, ranges, exact versions, revisions) against one module's versions on
 * each entry of its route ({@code queryProxy} inside TryProxies), skipping versions the latest
 * go.mod retracts, and reports the result's retraction and the module's deprecation.
 */
final class Query {
  private static final Logger LOG = LoggerFactory.getLogger(GoProxyClient.class);

  private final ModFetch fetch;
  private final Lookup lookup;
  private final Replaced replaced;

  Query(ModFetch fetch) {
    this(fetch, Replaced.NONE);
  }

  /** A query in a build whose main modules' {@code replace} directives are {@code replaced}. */
  Query(ModFetch fetch, Replaced replaced) {
    this.fetch = fetch;
    this.lookup = fetch.lookup();
    this.replaced = replaced;
  }

  /**
   * What the main modules' {@code replace} directives tell a query (modload's replacementRepo,
   * the same from go1.19 to go1.27): a path they name sees the versions they name too, a version
   * they replace resolves without the proxy, and a path replaced at every version has no
   * retractions.
   */
  interface Replaced {
    /** No directives: outside a module. */
    Replaced NONE = new Replaced() {
      @Override
      public Set<String> versions(String path) {
        return Set.of();
      }

      @Override
      public Optional<GoModFile.Replace> find(String path, String version) {
        return Optional.empty();
      }

      @Override
      public byte[] directoryGoMod(String dir) throws IOException {
        throw new IOException("no replacement directory " + dir);
      }
    };

    /** {@return the versions of {@code path} the directives name, {@code ""} for a path-wide one} */
    Set<String> versions(String path);

    /**
     * {@return the versions of {@code path} replacementRepo's Versions adds: those the main
     * modules' go.mod files name (not go.work's), {@code ""} for a path-wide one}
     */
    default Set<String> listedVersions(String path) {
      return versions(path);
    }

    /**
     * {@return whether replacementRepo's Stat may answer a replaced version the proxy lacks: some
     * main module's go.mod has a {@code replace} directive (for any path; go.work's do not count)}
     */
    default boolean statsReplacedVersions() {
      return true;
    }

    /** {@return the directive for {@code path@version}: the exact one, else the path-wide one ({@code version} "")} */
    Optional<GoModFile.Replace> find(String path, String version);

    /**
     * {@return {@link #find} for the latest version of {@code path} whose go.mod go reads for the
     * retractions (queryLatestVersionIgnoringRetractions, which go looks up once per path)}
     */
    default Optional<GoModFile.Replace> findLatest(String path, String version) {
      return find(path, version);
    }

    /** {@return the go.mod in a directory replacement's directory, as the directive names it} */
    byte[] directoryGoMod(String dir) throws IOException;
  }

  /** Resolves {@code query} for {@code path}; {@code current} is "" when nothing is required. */
  VersionInfo query(ModulePath path, String query, String current) throws GoProxyException {
    return query(path, query, current, v -> false);
  }

  /**
   * {@link #query(ModulePath, String, String)} where {@code excluded} versions are not allowed
   * either (go's CheckAllowed with the main modules' {@code exclude} lines).
   */
  VersionInfo query(ModulePath path, String query, String current, Predicate<String> excluded)
      throws GoProxyException {
    return query(path, query, current, excluded, false);
  }

  /**
   * {@link #query(ModulePath, String, String, Predicate)}; with {@code allowAll} no version is
   * disallowed, neither excluded nor retracted (go's nil AllowedFunc: {@code go list -m
   * -retracted path@query}, a revision query), and, as go then does, the module's latest go.mod
   * is not read for retractions: the result says nothing of them.
   */
  VersionInfo query(ModulePath path, String query, String current, Predicate<String> excluded, boolean allowAll)
      throws GoProxyException {
    return query(path, query, current, excluded, allowAll, m -> { });
  }

  /**
   * {@link #query(ModulePath, String, String, Predicate, boolean)}, telling {@code goModRead} the
   * version whose go.mod the retraction check read and verified (a checksum go may record in
   * go.sum), also when the query then fails.
   */
  VersionInfo query(ModulePath path, String query, String current, Predicate<String> excluded, boolean allowAll,
      Consumer<ModuleVersion> goModRead) throws GoProxyException {
    return query(path, query, current, excluded, allowAll, goModRead, path + "@" + query + ": ");
  }

  /**
   * modload.Query as go's moduleInfo runs it for a module outside the build (go list's template
   * function {@code module "path@query"}): no current version, every version allowed; a failure
   * of the proxy walk itself ({@code module lookup disabled by GOPROXY=off}) with Query's own
   * text, which list's modinfoError would put {@code path@query: } before.
   */
  VersionInfo queryAllowingAll(ModulePath path, String query) throws GoProxyException {
    return query(path, query, "", v -> false, true, m -> { }, "");
  }

  private VersionInfo query(ModulePath path, String query, String current, Predicate<String> excluded,
      boolean allowAll, Consumer<ModuleVersion> goModRead, String context) throws GoProxyException {
    QueryMatcher qm = QueryMatcher.parse(path, query, current);
    Route route = lookup.route(path);
    Retractions retractions = new Retractions(route, path);
    // checkRetractions: a path replaced at every version has none (no latest go.mod is read)
    boolean noRetractions = allowAll || replaced.find(path.toString(), "").isPresent();
    Retractions filter = noRetractions ? null : retractions;
    Predicate<String> disallowed = allowAll ? v -> false : excluded;
    try {
      VersionInfo info = lookup.tryProxies(route, path, context,
          repo -> queryProxy(route, repo, path, qm, filter, disallowed));
      return noRetractions ? info : withStatus(info, retractions);
    } finally {
      retractions.goModRead().ifPresent(goModRead);
    }
  }

  /**
   * go's {@code versions} for {@code go list -m -versions} (modload/mvs.go): the tagged versions
   * of the first route entry that answers, oldest first, without those {@code excluded} names nor,
   * unless {@code withRetracted}, those the latest go.mod retracts (go's CheckAllowed; with
   * {@code -retracted} CheckExclusions only). A latest go.mod that cannot be loaded (but for not
   * existing) fails the list, naming the first version it was to check, as go's versions does.
   */
  Versions versions(ModulePath path, Predicate<String> excluded, boolean withRetracted) throws GoProxyException {
    Route route = lookup.route(path);
    Retractions retractions = withRetracted ? null : new Retractions(route, path);
    List<String> list = lookup.tryProxies(route, path, "module " + path + ": ", repo -> {
      List<String> allowed = new ArrayList<>();
      for (String v : versions(repo, path, "").versions()) { // replacementRepo's, in a build
        if (excluded.test(v)) {
          continue;
        }
        if (retractions != null && !retractions.loadError().isEmpty()) {
          throw new GoProxyException(ModuleLister.retractionLoadingError(path.toString(), v, retractions.loadError()));
        }
        if (retractions == null || retractions.allows(v)) {
          allowed.add(v);
        }
      }
      return allowed;
    });
    return new Versions(List.copyOf(list), retractions == null ? Optional.empty() : retractions.goModRead());
  }

  /**
   * go's CheckRetractions and CheckDeprecation for one version ({@code go list -m -retracted},
   * {@code -u}): the rationales of the retract lines of the module's latest go.mod that cover
   * {@code version} ({@code retracted by module author} when none gives one), empty when none
   * does; the go.mod's deprecation; and why that go.mod could not be had, when the reason is not
   * that the module or a latest version does not exist (go ignores those, and reports the rest:
   * a proxy failure, a checksum mismatch).
   */
  Retraction retraction(ModulePath path, String version) {
    Retractions r = new Retractions(lookup.route(path), path);
    Optional<GoModFile> f = r.latestGoMod();
    List<String> rationales = f.flatMap(latest -> rationales(latest, version))
        .map(given -> given.isEmpty() ? List.of("retracted by module author") : given).orElse(List.of());
    return new Retraction(rationales, f.flatMap(GoModFile::deprecated).orElse(""), r.goModRead(), r.loadError());
  }

  /**
   * A version's retraction rationales (empty: not retracted), its module's deprecation ({@code ""}:
   * none), the go.mod read to find them, and why the latest go.mod could not be loaded ({@code ""}:
   * it was, or the module has no latest version), as go's text without the module version's prefix.
   */
  record Retraction(List<String> rationales, String deprecation, Optional<ModuleVersion> goModRead,
      String loadError) {}

  /**
   * A module's allowed versions, and the version whose go.mod was read (and verified) for its
   * retractions, if any: a checksum the go command may have to record.
   */
  record Versions(List<String> list, Optional<ModuleVersion> goModRead) {}

  /** The info with the findings of the latest go.mod: retraction of the version, deprecation. */
  private static VersionInfo withStatus(VersionInfo info, Retractions r) {
    Optional<GoModFile> latestMod = r.latestGoMod();
    if (latestMod.isEmpty()) {
      return info;
    }
    GoModFile f = latestMod.get();
    Optional<String> retraction = rationales(f, info.version()).map(all -> all.isEmpty() ? "" : all.get(0));
    return info.withStatus(retraction, f.deprecated());
  }

  /**
   * The non-empty rationales of the retract lines of {@code latest} that cover {@code version}
   * (go's CheckRetractions), empty when none covers it.
   */
  private static Optional<List<String>> rationales(GoModFile latest, String version) {
    if (!Version.isValid(version) || !latest.isRetracted(version)) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (GoModFile.Retraction r : latest.retractionsOf(version)) {
      if (!r.rationale().isEmpty()) {
        out.add(r.rationale());
      }
    }
    return Optional.of(List.copyOf(out));
  }

  /** go's NoMatchingVersionError: the module has versions, but none the query matches. */
  static final class NoMatchingVersionException extends GoProxyException {
    private static final long serialVersionUID = 1L;

    NoMatchingVersionException(String message) {
      super(message);
    }
  }

  /** Lazily loads the retractions of a module from its latest go.mod (go's CheckRetractions). */
  private final class Retractions {
    private final Route route;
    private final ModulePath path;
    private boolean loaded;
    private Optional<GoModFile> latest = Optional.empty();
    private Optional<ModuleVersion> latestVersion = Optional.empty();
    private String loadError = "";

    Retractions(Route route, ModulePath path) {
      this.route = route;
      this.path = path;
    }

    synchronized Optional<GoModFile> latestGoMod() {
      if (!loaded) {
        loaded = true;
        String prefix = path + "@latest: ";
        try {
          QueryMatcher qm = QueryMatcher.parse(path, "latest", "");
          VersionInfo l = lookup.tryProxies(route, path, prefix,
              repo -> queryProxy(route, repo, path, qm, null, v -> false));
          if (ProxyRepo.isCanonical(l.version())) {
            ModuleVersion mv = ModuleVersion.of(path, Version.parse(l.version()));
            // queryLatestVersionIgnoringRetractions: a replaced latest version's replacement
            Optional<GoModFile.Replace> r = replaced.findLatest(path.toString(), l.version());
            if (r.isPresent() && r.get().newVersion().isEmpty()) {
              latest = Optional.of(GoModFile.parse("go.mod", replaced.directoryGoMod(r.get().newPath())));
            } else {
              if (r.isPresent()) {
                mv = ModuleVersion.of(ModulePath.parse(r.get().newPath()), Version.parse(r.get().newVersion()));
              }
              prefix = mv + ": ";
              byte[] mod = fetch.goMod(lookup.route(mv.path()), mv).data();
              latestVersion = Optional.of(mv);
              latest = Optional.of(GoModFile.parse("go.mod", mod));
            }
          }
        } catch (IOException | RuntimeException e) {
          // As in go, retractions that cannot be loaded do not disallow any version (a query or
          // a version list goes on without them); what listed them reports why, unless the
          // module or a version of it does not exist
          String msg = String.valueOf(e.getMessage());
          // (a repo's failure reaches here as the cause of the route's, see Lookup.tryProxies)
          if (!(e instanceof NotFoundException) && !(e instanceof NoMatchingVersionException)
              && !(e.getCause() instanceof NoMatchingVersionException)) {
            // go reports the error without the module version it was loading (modload's
            // CheckRetractions unwraps the module.ModuleError)
            loadError = msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
          }
          LOG.debug("loading module retractions for {}: {}", path, msg);
        }
      }
      return latest;
    }

    /** {@return why the latest go.mod could not be loaded, {@code ""} when it was or the module has none} */
    synchronized String loadError() {
      latestGoMod();
      return loadError;
    }

    /** {@return the version whose go.mod was read, if one was} */
    synchronized Optional<ModuleVersion> goModRead() {
      return latestVersion;
    }

    boolean allows(String v) {
      Optional<GoModFile> f = latestGoMod();
      return f.isEmpty() || !f.get().isRetracted(v);
    }
  }

  /** go's queryProxy: the query on one repo; {@code retractions} null means none apply. */
  private VersionInfo queryProxy(Route route, Repo repo, ModulePath path, QueryMatcher qm,
      Retractions retractions, Predicate<String> excluded) throws IOException {
    String query = qm.query;
    if (qm.canStat || qm.revision) {
      try {
        return stat(repo, path, query);
      } catch (IOException queryErr) {
        String canonical = Version.isValid(query) ? Version.parse(query).canonical().toString()
            : "";
        if (!canonical.isEmpty() && !canonical.equals(query)) {
          try {
            return stat(repo, path, canonical);
          } catch (NotFoundException notFound) {
            throw queryErr;
          }
        }
        throw queryErr;
      }
    }
    VersionList.ListResult list = versions(repo, path, qm.prefix);
    List<String> releases = new ArrayList<>();
    List<String> prereleases = new ArrayList<>();
    boolean needIncompatible = qm.preferIncompatible;
    String lastCompatible = "";
    for (String v : list.versions()) {
      if (!qm.matches(v) || excluded.test(v) || (retractions != null && !retractions.allows(v))) {
        continue;
      }
      if (!needIncompatible) {
        if (!v.endsWith("+incompatible")) {
          lastCompatible = v;
        } else if (!lastCompatible.isEmpty()) {
          if (hasGoMod(route, path, lastCompatible)) {
            break;
          }
          needIncompatible = true;
        }
      }
      if (Version.parse(v).isPrerelease()) {
        prereleases.add(v);
      } else {
        releases.add(v);
      }
    }
    String pick;
    if (qm.preferLower) {
      pick = !releases.isEmpty() ? releases.get(0)
          : !prereleases.isEmpty() ? prereleases.get(0) : null;
    } else {
      pick = !releases.isEmpty() ? releases.get(releases.size() - 1)
          : !prereleases.isEmpty() ? prereleases.get(prereleases.size() - 1) : null;
    }
    if (pick != null) {
      return lookup(repo, path, qm, pick);
    }
    if (qm.mayUseLatest) {
      VersionInfo latest;
      try {
        latest = latest(repo, path, list);
      } catch (NotFoundException e) {
        latest = null;
      }
      if (latest != null && qm.matches(latest.version()) && !excluded.test(latest.version())
          && (retractions == null || retractions.allows(latest.version()))) {
        return lookup(repo, path, qm, latest.version());
      }
    }
    boolean hasCurrent = (query.equals("upgrade") || query.equals("patch"))
        && !qm.current.isEmpty() && !qm.current.equals("none");
    if (hasCurrent) {
      // upgrade and patch stay on the current version, if it is allowed
      if (excluded.test(qm.current)) {
        throw new GoProxyException(path + "@" + qm.current + ": excluded by go.mod");
      }
      if (retractions != null && !retractions.allows(qm.current)) {
        // go's ModuleRetractedError, as GoModFile words it
        String text = retractions.latestGoMod().flatMap(f -> f.retractionMessage(Version.parse(qm.current)))
            .orElse("retracted by module author");
        throw new GoProxyException(path + "@" + qm.current + ": " + text);
      }
      return lookup(repo, path, qm, qm.current);
    }
    throw new NoMatchingVersionException("module " + path + ": no matching versions for query "
        + InfoJson.goQuote(query));
  }

  /**
   * replacementRepo's Versions: the repo's versions (none when it has no such module) and the
   * versions the main modules' go.mod directives name for {@code path} with the query's {@code
   * prefix} (not pseudo-versions; not go.work's), sorted.
   */
  private VersionList.ListResult versions(Repo repo, ModulePath path, String prefix) throws IOException {
    Set<String> named = replaced.versions(path.toString());
    if (named.isEmpty()) {
      return repo.versions(prefix);
    }
    VersionList.ListResult list;
    try {
      list = repo.versions(prefix);
    } catch (NotFoundException e) {
      list = new VersionList.ListResult(List.of(), List.of());
    }
    java.util.TreeSet<String> all = new java.util.TreeSet<>(Version::compare);
    all.addAll(list.versions());
    int before = all.size();
    boolean added = false;
    for (String v : replaced.listedVersions(path.toString())) {
      if (!v.isEmpty() && v.startsWith(prefix) && Version.isValid(v) && !Version.parse(v).isPseudo()) {
        added |= !list.versions().contains(v);
        all.add(v);
      }
    }
    return added || all.size() != before ? new VersionList.ListResult(List.copyOf(all), list.lines()) : list;
  }

  /**
   * replacementRepo's Stat: the repo's answer; else, when some main module's go.mod has a replace
   * directive ({@link Replaced#statsReplacedVersions}), for a canonical version (with
   * {@code +incompatible} for a major version above 1 of a path without a major suffix) that a
   * directive replaces (go.work's too), that version, with no time (no request, nothing cached).
   */
  private VersionInfo stat(Repo repo, ModulePath path, String rev) throws IOException {
    try {
      return fetch.stat(repo, path, rev);
    } catch (IOException e) {
      if (replaced.versions(path.toString()).isEmpty() || !replaced.statsReplacedVersions() || !Version.isValid(rev)
          || !Version.parse(rev).isCanonical()) {
        throw e;
      }
      String v = rev;
      if (path.majorSuffix().isEmpty() && !v.contains("+")) {
        String major = Version.parse(v).major();
        if (!major.equals("v0") && !major.equals("v1")) {
          v += "+incompatible";
        }
      }
      if (replaced.find(path.toString(), v).isEmpty()) {
        throw e;
      }
      return replacementStat(v);
    }
  }

  /** replacementRepo's answer for a replaced version: the version, the time a pseudo-version names. */
  private static VersionInfo replacementStat(String v) {
    OffsetDateTime time = Version.parse(v).isPseudo() ? VersionList.pseudoTime(v) : VersionInfo.ZERO_TIME;
    return VersionInfo.of(v, time, null);
  }

  /**
   * replacementRepo's Latest: the repo's latest, unless the directives name a higher version of
   * {@code path} (a path-wide directive alone a pseudo-version below every real one), or the
   * repo has none.
   */
  private VersionInfo latest(Repo repo, ModulePath path, VersionList.ListResult list) throws IOException {
    Set<String> named = replaced.versions(path.toString());
    if (named.isEmpty()) {
      return repoLatest(repo, path, list);
    }
    String highest = "";
    for (String v : named) {
      if (highest.isEmpty() || !v.isEmpty() && Version.compare(v, highest) > 0) {
        highest = v;
      }
    }
    if (highest.isEmpty()) {
      String major = path.majorSuffix().map(m -> m.substring(1)).orElse("v0");
      highest = major + ".0.0-00010101000000-000000000000";
    }
    VersionInfo info;
    try {
      info = repoLatest(repo, path, list);
    } catch (IOException e) {
      return replacementStat(highest);
    }
    return Version.compare(highest, info.version()) > 0 ? replacementStat(highest) : info;
  }

  /** go's {@code @latest} step: the repo's answer, else the latest from the list. */
  private VersionInfo repoLatest(Repo repo, ModulePath path, VersionList.ListResult list)
      throws IOException {
    Optional<VersionInfo> latest = repo.latest();
    if (latest.isPresent()) {
      return latest.get();
    }
    Optional<String> fromList = VersionList.latestFromList(list.lines());
    if (fromList.isEmpty()) {
      throw new NotFoundException("module " + path + ": no commits");
    }
    return fetch.stat(repo, path, fromList.get());
  }

  private VersionInfo lookup(Repo repo, ModulePath path, QueryMatcher qm, String v)
      throws IOException {
    VersionInfo rev = stat(repo, path, v);
    if ((qm.query.equals("upgrade") || qm.query.equals("patch"))
        && Version.isValid(qm.current) && Version.parse(qm.current).isPseudo()
        && !rev.offsetTime().equals(VersionInfo.ZERO_TIME)
        && rev.time().isBefore(VersionList.pseudoTime(qm.current).toInstant())) {
      return stat(repo, path, qm.current);
    }
    return rev;
  }

  private boolean hasGoMod(Route route, ModulePath path, String version)
      throws GoProxyException {
    byte[] data = fetch.goMod(route, ModuleVersion.of(path, Version.parse(version))).data();
    String legacy = "module " + path + "\n";
    return !new String(data, StandardCharsets.UTF_8).equals(legacy);
  }
}
