package io.github.goproxy4j.client;

import io.github.goproxy4j.env.ChecksumDb;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ChecksumDatabase;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.toolchain.GoToolchain;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * go's {@code checkModSum}: a downloaded go.mod or zip hash is checked against the go.sum lines
 * the client was given, and, unless go.sum vouches for it, against the checksum database the
 * module's route names. A mismatch is a {@link io.github.goproxy4j.sumdb.ChecksumMismatchException}.
 */
final class SumCheck implements AutoCloseable {
  private final GoSum goSum; // null: no go.sum
  private final ChecksumDatabase fixed; // null: one per GOSUMDB, built on first use
  private final ProxyResolver resolver;
  private final Transport transport;
  private final Path tileCacheDir;
  private final ConcurrentHashMap<String, ChecksumDatabase> databases;
  /**
   * go's in-memory go.sum of one run (modfetch's goSum.m with its status): the go.mod hash of
   * each version this command verified, whether go.sum, the checksum database or nothing vouched
   * for it, so that {@link GoSumWriter} writes the lines go writes from memory, also where the
   * module cache could not keep the go.mod (an unusable cache, a failed write). Null outside one
   * command ({@link #perCommand}): a long-lived client remembers nothing.
   */
  private final ConcurrentHashMap<ModuleVersion, ModuleHash> verifiedGoMods;

  SumCheck(GoSum goSum, ChecksumDatabase fixed, ProxyResolver resolver, Transport transport,
      ModuleCache cache) {
    this.goSum = goSum;
    this.fixed = fixed;
    this.resolver = resolver;
    this.transport = transport;
    this.tileCacheDir = cache.sumdbTileDir();
    this.databases = new ConcurrentHashMap<>();
    this.verifiedGoMods = null;
  }

  private SumCheck(SumCheck base, GoSum goSum, ConcurrentHashMap<ModuleVersion, ModuleHash> verifiedGoMods) {
    this.goSum = goSum;
    this.fixed = base.fixed;
    this.resolver = base.resolver;
    this.transport = base.transport;
    this.tileCacheDir = base.tileCacheDir;
    this.databases = base.databases;
    this.verifiedGoMods = verifiedGoMods;
  }

  /**
   * These checks for one command (one run of go): the same go.sum lines and checksum databases,
   * and a fresh memory of the go.mod hashes verified ({@link #verifiedGoMod}), which the
   * command's {@link #withGoSum} copies share.
   */
  SumCheck perCommand() {
    return new SumCheck(this, goSum, new ConcurrentHashMap<>());
  }

  /**
   * The hash of {@code module}'s go.mod as this command verified it (go's goSum.m), empty when it
   * verified none (or outside a command).
   */
  Optional<ModuleHash> verifiedGoMod(ModuleVersion module) {
    return verifiedGoMods == null ? Optional.empty() : Optional.ofNullable(verifiedGoMods.get(module));
  }

  /**
   * The same checks with other go.sum lines (a main module's, for its module graph); the checksum
   * databases are shared with this instance, which stays their owner (closing the copy is not
   * needed).
   */
  SumCheck withGoSum(GoSum other) {
    return new SumCheck(this, other, verifiedGoMods);
  }

  /**
   * Whether go.sum may vouch for a module: never for a toolchain, which go always checks against
   * the checksum database (CVE-2026-94447, fixed in go1.26.9 and go1.27.2; applied for every
   * goVersion).
   */
  private boolean goSumVouches(ModuleVersion module) {
    return goSum != null && !module.path().toString().equals(GoToolchain.MODULE_PATH);
  }

  /** Checks the hash of a version's go.mod ({@code <path> <version>/go.mod h1:…}). */
  void goMod(Route route, ModuleVersion module, ModuleHash hash) throws GoProxyException {
    if (!goSumVouches(module) || !goSum.checkGoMod(module, hash)) {
      Optional<ChecksumDatabase> db = database(route, module, true);
      if (db.isPresent()) {
        db.get().verifyGoMod(module, hash);
      }
    }
    if (verifiedGoMods != null) {
      verifiedGoMods.put(module, hash); // go's addModSumLocked, after the checks passed
    }
  }

  /** Checks the hash of a version's zip ({@code <path> <version> h1:…}). */
  void zip(Route route, ModuleVersion module, ModuleHash hash) throws GoProxyException {
    if (!goSumVouches(module) || !goSum.checkZip(module, hash)) {
      Optional<ChecksumDatabase> db = database(route, module, false);
      if (db.isPresent()) {
        db.get().verifyZip(module, hash);
      }
    }
  }

  /**
   * {@link #database(Route)} for verifying {@code module}'s go.mod ({@code goMod}) or zip: where
   * GOPATH's first entry is empty go's checksum database client has nowhere to keep its state and
   * fails the check with its text (x/mod's client initialization, cmd/go's dbClient.ReadConfig).
   */
  private Optional<ChecksumDatabase> database(Route route, ModuleVersion module, boolean goMod)
      throws GoProxyException {
    String path = module.path().toString();
    String vers = module.version().toString();
    Optional<ChecksumDb> checksumDb;
    try {
      checksumDb = route.checksumDb();
    } catch (GoEnvException e) {
      // go's dbDial fails the lookup (missing or invalid GOSUMDB, a toolchain with GOSUMDB=off),
      // and checkSumDB words it as the module's: module.VersionError(mod, "verifying go.mod: ...")
      throw new GoEnvException(path + "@" + vers + ": verifying " + (goMod ? "go.mod" : "module") + ": "
          + e.getMessage(), e);
    }
    try {
      return checksumDb.map(this::database);
    } catch (GoEnvException e) {
      GoEnv env = resolver.env();
      List<String> gopath = env.gopathList();
      if (!gopath.isEmpty() && !gopath.get(0).isEmpty()) {
        throw e; // a relative entry: go refuses it at start-up
      }
      throw new GoProxyException(path + "@" + vers + ": verifying " + (goMod ? "go.mod" : "module") + ": " + path
          + "@" + (goMod ? vers + "/go.mod" : vers) + ": initializing sumdb.Client: could not locate sumdb file: "
          + "missing $GOPATH: " + goPathError(env), e);
    }
  }

  /**
   * go's cfg.GoPathError: why it has no GOPATH when it computed the default and found none (the
   * home variable unset, or its {@code go} directory being GOROOT); empty when GOPATH was given.
   */
  private static String goPathError(GoEnv env) {
    if (env.source("GOPATH") != GoEnv.Source.DEFAULT) {
      return "";
    }
    String home = env.os() == GoEnv.Os.WINDOWS ? "USERPROFILE" : env.os() == GoEnv.Os.PLAN9 ? "home" : "HOME";
    return env.environment().getOrDefault(home, "").isEmpty() ? home + " is not set" : "cannot set GOROOT as GOPATH";
  }

  /** The checksum database of a route; empty when its checksums are not verified. */
  Optional<ChecksumDatabase> database(Route route) {
    return route.checksumDb().map(this::database);
  }

  private ChecksumDatabase database(ChecksumDb db) {
    if (fixed != null) {
      return fixed;
    }
    // The database is found through the GOPROXY list, whatever the module's own route: a module
    // that matches GONOPROXY (route [direct]) still has its checksums looked up via the proxies,
    // as the go command does (sumdb.go uses the proxy list, not the module's route).
    // GOPATH[0]/pkg/sumdb is looked up (and an empty or relative GOPATH refused) on first use, as
    // go's sumdb client reads its config: a command that needs no checksum database works without
    return databases.computeIfAbsent(db.name(), name -> ChecksumDatabase.builder()
        .checksumDb(db)
        .proxies(resolver) // an invalid GOPROXY fails the first lookup the cache does not answer
        .transport(transport)
        .cacheDir(tileCacheDir)
        .stateDir(resolver.env().sumdbDir())
        .build());
  }

  /** Closes the databases this check built (not one given to the builder). */
  @Override
  public void close() {
    databases.values().forEach(ChecksumDatabase::close);
  }
}
