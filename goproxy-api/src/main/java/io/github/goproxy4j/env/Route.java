package io.github.goproxy4j.env;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the go command may fetch one module from and how its checksums are verified: the
 * result of {@link ProxyResolver#resolve(String)}.
 *
 * <pre>{@code
 * Route route = ProxyResolver.fromSystem().resolve("example.com/private/lib");
 * route.proxies();     // e.g. [direct] when GOPRIVATE/GONOPROXY matches
 * route.checksumDb();  // empty when GOSUMDB=off or GONOSUMDB matches
 * System.out.println(route.explain());
 * }</pre>
 *
 * <p>An immutable value: two routes are equal when they route the same module the same way for
 * the same reasons (equal {@link #explain()} included).
 */
public final class Route {
  private final String modulePath;
  private final List<ProxyEntry> proxies;
  private final String noProxyPattern; // null when GONOPROXY does not match
  private final String noSumDbPattern; // null when GONOSUMDB does not match
  private final boolean sumdbForced; // golang.org/toolchain (1.21+)
  private final boolean sumdbOff;
  private final boolean isPrivate;
  private final boolean isInsecure;
  private final ChecksumDb checksumDb; // null when GOSUMDB is off or invalid
  private final GoEnvException checksumDbError; // GOSUMDB's parse error; compared by message
  private final String explanation;

  private Route(String modulePath, List<ProxyEntry> proxies, String noProxyPattern,
      String noSumDbPattern, boolean sumdbForced, boolean sumdbOff, boolean isPrivate,
      boolean isInsecure, ChecksumDb checksumDb, GoEnvException checksumDbError,
      String explanation) {
    this.modulePath = modulePath;
    this.proxies = proxies;
    this.noProxyPattern = noProxyPattern;
    this.noSumDbPattern = noSumDbPattern;
    this.sumdbForced = sumdbForced;
    this.sumdbOff = sumdbOff;
    this.isPrivate = isPrivate;
    this.isInsecure = isInsecure;
    this.checksumDb = checksumDb;
    this.checksumDbError = checksumDbError;
    this.explanation = explanation;
  }

  /** Builds the route and its explanation from the resolver's settings. */
  static Route of(ProxyResolver resolver, String modulePath, List<ProxyEntry> proxies,
      String noProxyPattern, String noSumDbPattern, boolean sumdbForced, boolean isPrivate,
      boolean isInsecure) {
    Route r = new Route(modulePath, proxies, noProxyPattern, noSumDbPattern, sumdbForced,
        resolver.sumdbOff(), isPrivate, isInsecure, resolver.checksumDbOrNull(),
        resolver.checksumDbError(), null);
    return new Route(modulePath, proxies, noProxyPattern, noSumDbPattern, sumdbForced,
        r.sumdbOff, isPrivate, isInsecure, r.checksumDb, r.checksumDbError,
        Explainer.explain(resolver, r));
  }

  /**
   * Returns the module path this route is for.
   *
   * @return the path as given to {@code resolve}
   */
  public String modulePath() {
    return modulePath;
  }

  /**
   * Returns the effective ordered GOPROXY list for this module: a GONOPROXY/GOPRIVATE match
   * gives {@code [direct]} (even under {@code GOPROXY=off} or with no {@code direct} entry, as
   * in Go); otherwise the parsed GOPROXY entries, ending at the first {@code off} or
   * {@code direct}.
   *
   * @return an immutable, non-empty list
   */
  public List<ProxyEntry> proxies() {
    return proxies;
  }

  /**
   * Returns the checksum database that verifies this module, as Go's {@code useSumDB} and
   * {@code dbDial} decide: empty when GOSUMDB is {@code off} or GONOSUMDB (default GOPRIVATE)
   * matches. Go only parses GOSUMDB when a module needs it, so an invalid GOSUMDB surfaces here
   * and not from {@link ProxyResolver#resolve(String)}.
   *
   * @return the database, or empty when checksums are not checked against one
   * @throws GoEnvException with Go's text for an invalid GOSUMDB ({@code missing GOSUMDB},
   *     {@code invalid GOSUMDB: malformed verifier id}, ...), or (1.21+, module
   *     {@code golang.org/toolchain} only) {@code checksum database disabled by GOSUMDB=off}
   */
  public Optional<ChecksumDb> checksumDb() {
    if (!usesChecksumDb()) {
      return Optional.empty();
    }
    if (checksumDbError != null) {
      throw new GoEnvException(checksumDbError.getMessage(), checksumDbError);
    }
    return Optional.of(checksumDb);
  }

  /**
   * Returns whether checksum verification against a database applies to this module
   * ({@link #checksumDb()} non-empty or throwing).
   *
   * @return true if the go command would consult GOSUMDB
   */
  public boolean usesChecksumDb() {
    return sumdbForced || (!sumdbOff && noSumDbPattern == null);
  }

  /**
   * Returns whether GOPRIVATE matches the module (it is private for GOVCS and the defaults of
   * GONOPROXY/GONOSUMDB).
   *
   * @return true if a GOPRIVATE pattern matches
   */
  public boolean isPrivate() {
    return isPrivate;
  }

  /**
   * Returns whether GOINSECURE matches the module. This affects only direct (version control)
   * fetches: the go-get meta lookup may fall back to http and skip certificate checks. It never
   * weakens GOPROXY URLs (an {@code https} proxy is always verified) and never disables the
   * checksum database.
   *
   * @return true if a GOINSECURE pattern matches
   */
  public boolean isInsecure() {
    return isInsecure;
  }

  /**
   * Returns whether the module is fetched directly from version control only (GONOPROXY match,
   * or a GOPROXY of just {@code direct}).
   *
   * @return true if no proxy is asked
   */
  public boolean isDirectOnly() {
    return proxies.size() == 1 && proxies.get(0) instanceof ProxyEntry.Direct;
  }

  /**
   * Returns a short paragraph naming the settings and the pattern that decided this route, for
   * example {@code example.com/priv matches GOPRIVATE pattern example.com/* via GONOPROXY default
   * → fetched directly from version control; checksum database skipped (GONOSUMDB default)}.
   *
   * @return the explanation (URLs without passwords, as Go's {@code url.Redacted})
   */
  public String explain() {
    return explanation;
  }

  String noProxyPattern() {
    return noProxyPattern;
  }

  String noSumDbPattern() {
    return noSumDbPattern;
  }

  boolean sumdbForced() {
    return sumdbForced;
  }

  boolean sumdbOff() {
    return sumdbOff;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Route)) {
      return false;
    }
    Route r = (Route) o;
    return modulePath.equals(r.modulePath) && proxies.equals(r.proxies)
        && Objects.equals(noProxyPattern, r.noProxyPattern)
        && Objects.equals(noSumDbPattern, r.noSumDbPattern)
        && sumdbForced == r.sumdbForced && sumdbOff == r.sumdbOff
        && isPrivate == r.isPrivate && isInsecure == r.isInsecure
        && Objects.equals(checksumDb, r.checksumDb)
        && Objects.equals(errorText(), r.errorText())
        && Objects.equals(explanation, r.explanation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(modulePath, proxies, noProxyPattern, noSumDbPattern, checksumDb,
        explanation);
  }

  private String errorText() {
    return checksumDbError == null ? null : checksumDbError.getMessage();
  }

  /** Returns a one-line summary without credentials. */
  @Override
  public String toString() {
    String db;
    if (!usesChecksumDb()) {
      db = "none";
    } else if (checksumDbError != null) {
      db = "invalid";
    } else {
      db = checksumDb.name();
    }
    return "Route[" + modulePath + " proxies=" + proxies + " checksumDb=" + db
        + (isPrivate ? " private" : "") + (isInsecure ? " insecure" : "") + "]";
  }
}
