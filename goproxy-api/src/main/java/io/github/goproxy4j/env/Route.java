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
 *
 * <p>A route of an invalid GOPROXY carries the list's error, as the go command fails each lookup
 * that walks its proxy list with it (GONOPROXY/GOPRIVATE modules too): {@link #proxies()} raises
 * it, and {@link ProxyWalk#tryProxies} fails with it before any request.
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
  /** go walks version control again as GOPROXY's own direct after its noproxy entry's not-found answer. */
  private final boolean retriesDirect;
  /** GOPROXY's parse error, raised by {@link #proxies()}; null when the list is valid. */
  private final GoEnvException proxyListError;
  /** The resolver's GOSUMDB (parsed once, when a route first needs it, as go parses it). */
  private final ProxyResolver resolver;
  /** {@link #explain()}, made on first use: a graph load resolves hundreds of routes, none explained. */
  private volatile String explanation;

  private Route(ProxyResolver resolver, String modulePath, List<ProxyEntry> proxies, String noProxyPattern,
      String noSumDbPattern, boolean sumdbForced, boolean sumdbOff, boolean isPrivate, boolean isInsecure) {
    this.resolver = resolver;
    this.modulePath = modulePath;
    this.proxies = proxies;
    this.noProxyPattern = noProxyPattern;
    this.noSumDbPattern = noSumDbPattern;
    this.sumdbForced = sumdbForced;
    this.sumdbOff = sumdbOff;
    this.isPrivate = isPrivate;
    this.isInsecure = isInsecure;
    this.proxyListError = resolver.proxyList().error;
    List<ProxyEntry> listed = resolver.proxyList().entries;
    this.retriesDirect = noProxyPattern != null && !listed.isEmpty()
        && listed.get(listed.size() - 1) instanceof ProxyEntry.Direct;
  }

  /** Builds the route from the resolver's settings (its checksum database and explanation on first use). */
  static Route of(ProxyResolver resolver, String modulePath, List<ProxyEntry> proxies,
      String noProxyPattern, String noSumDbPattern, boolean sumdbForced, boolean isPrivate,
      boolean isInsecure) {
    return new Route(resolver, modulePath, proxies, noProxyPattern, noSumDbPattern, sumdbForced,
        resolver.sumdbOff(), isPrivate, isInsecure);
  }

  /** GOSUMDB's database, null when it is off or invalid. */
  private ChecksumDb db() {
    return resolver.checksumDbOrNull();
  }

  /** GOSUMDB's parse error (compared by message), or null. */
  private GoEnvException dbError() {
    return resolver.checksumDbError();
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
   * @throws GoEnvException with Go's text when GOPROXY is invalid ({@code invalid proxy URL
   *     missing scheme: /tmp/px}, {@code invalid proxy URL scheme (must be https, http, file):
   *     ftp://host/x}, {@code GOPROXY list is not the empty string, but contains no entries}, ...):
   *     the go command fails every lookup of every module with it, GONOPROXY matches included
   */
  public List<ProxyEntry> proxies() {
    GoEnvException error = proxyListError;
    if (error != null) {
      throw new GoEnvException(error.getMessage(), error);
    }
    return proxies;
  }

  /**
   * Returns whether the go command asks version control for this module a second time after a
   * not-found answer: a GONOPROXY/GOPRIVATE match while GOPROXY lists {@code direct} (and is not
   * {@code direct} alone). go's proxy list then begins with its implicit {@code noproxy} entry,
   * which fetches a matching module from version control, and ends with GOPROXY's own
   * {@code direct}, which does so again as a repo of its own (the proxies between them refuse the
   * module as not found: {@code disabled by GOPRIVATE/GONOPROXY}); any other error of the first
   * attempt ends the walk. {@link #proxies()} stays {@code [direct]}, the one place the module is
   * fetched from; {@link ProxyWalk#tryProxies} calls it twice as go does, and the error reported
   * is the second attempt's.
   *
   * @return true if a not-found answer from version control is asked for again
   */
  public boolean retriesDirect() {
    return retriesDirect && proxyListError == null;
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
    GoEnvException error = dbError();
    if (error != null) {
      throw new GoEnvException(error.getMessage(), error);
    }
    return Optional.of(db());
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
   * @return true if no proxy is asked (false when GOPROXY is invalid: nothing is asked)
   */
  public boolean isDirectOnly() {
    return proxyListError == null && proxies.size() == 1 && proxies.get(0) instanceof ProxyEntry.Direct;
  }

  /**
   * Returns a short paragraph naming the settings and the pattern that decided this route, for
   * example {@code example.com/priv matches GOPRIVATE pattern example.com/* via GONOPROXY default
   * → fetched directly from version control; checksum database skipped (GONOSUMDB default)}.
   *
   * @return the explanation (URLs without passwords, as Go's {@code url.Redacted})
   */
  public String explain() {
    String e = explanation;
    if (e == null) {
      // a function of the route and its resolver, which do not change: racing threads agree
      e = Explainer.explain(resolver, this);
      explanation = e;
    }
    return e;
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
        && retriesDirect == r.retriesDirect
        && Objects.equals(db(), r.db())
        && Objects.equals(errorText(), r.errorText())
        && Objects.equals(proxyListErrorText(), r.proxyListErrorText())
        && Objects.equals(explain(), r.explain());
  }

  @Override
  public int hashCode() {
    return Objects.hash(modulePath, proxies, noProxyPattern, noSumDbPattern, db(), explain());
  }

  /** GOPROXY's parse error text, or null (the explanation's wording for it). */
  String proxyListErrorText() {
    GoEnvException error = proxyListError;
    return error == null ? null : error.getMessage();
  }

  private String errorText() {
    GoEnvException error = dbError();
    return error == null ? null : error.getMessage();
  }

  /** Returns a one-line summary without credentials. */
  @Override
  public String toString() {
    String db;
    if (!usesChecksumDb()) {
      db = "none";
    } else if (dbError() != null) {
      db = "invalid";
    } else {
      db = db().name();
    }
    return "Route[" + modulePath + " proxies=" + (proxyListError == null ? proxies : "invalid") + " checksumDb=" + db
        + (isPrivate ? " private" : "") + (isInsecure ? " insecure" : "") + "]";
  }
}
