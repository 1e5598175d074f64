package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.GoUrl;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModulePatterns;
import java.util.List;
import java.util.Objects;

/**
 * Decides, for each module, what the go command would do: which proxies in which order with
 * which fallback, whether it goes directly to version control, and which checksum database
 * verifies it (GOPROXY, GONOPROXY, GOPRIVATE, GONOSUMDB, GOSUMDB, GOINSECURE).
 *
 * <pre>{@code
 * ProxyResolver resolver = ProxyResolver.fromSystem();
 * Route route = resolver.resolve("github.com/acme/private-lib");
 * System.out.println(route.explain());
 * }</pre>
 *
 * <p>Patterns are compiled once here; {@link #resolve(String)} does no parsing and no regular
 * expression work. GOPROXY is parsed once. An invalid GOPROXY does not fail {@code resolve}: as
 * the go command parses its proxy list at the first lookup that walks it and fails each such
 * lookup with the list's error (while what the module cache holds is still read), the route
 * carries the error and {@link Route#proxies()} (so {@link ProxyWalk#tryProxies}) raises it, for
 * every module, GONOPROXY/GOPRIVATE ones included; {@link #proxies()} raises it too. Thread-safe.
 */
public final class ProxyResolver {
  private final GoEnv env;
  private final GoProxyList proxyList;
  private final boolean hasNoProxyEntry;
  private final ModulePatterns noProxy;
  private final ModulePatterns noSumDb;
  private final ModulePatterns privatePatterns;
  private final ModulePatterns insecure;
  private final boolean sumdbOff;
  /** GOSUMDB parsed (its key checked: SHA-256) on first use, as go parses it only when a module needs it. */
  private volatile ChecksumDbOrError checksumDb;
  private final boolean toolchainException;
  private final List<ProxyEntry> directOnly = List.of(ProxyEntry.DIRECT);
  private final boolean noProxySameAsPrivate;
  private final boolean noSumDbSameAsPrivate;
  private final boolean noSumDbSameAsNoProxy;

  private ProxyResolver(GoEnv env) {
    this.env = env;
    String goproxy = env.get("GOPROXY");
    String gonoproxy = env.get("GONOPROXY");
    GoUrl.Rules urlRules = env.urlRules();
    this.proxyList = GoProxyList.parse(goproxy, env.os(), urlRules);
    this.hasNoProxyEntry = !gonoproxy.isEmpty() && !goproxy.equals("direct");
    this.noProxy = ModulePatterns.parse(gonoproxy);
    this.noSumDb = ModulePatterns.parse(env.get("GONOSUMDB"));
    this.privatePatterns = ModulePatterns.parse(env.get("GOPRIVATE"));
    this.insecure = ModulePatterns.parse(env.get("GOINSECURE"));
    this.noProxySameAsPrivate = noProxy.equals(privatePatterns);
    this.noSumDbSameAsPrivate = noSumDb.equals(privatePatterns);
    this.noSumDbSameAsNoProxy = noSumDb.equals(noProxy);
    this.sumdbOff = env.get("GOSUMDB").equals("off");
    // 1.21+: golang.org/toolchain needs the sumdb unless GOPROXY is one file:// URL or
    // GIT_HTTP_USER_AGENT mentions proxy.golang.org.
    this.toolchainException = (goproxy.startsWith("file://") && goproxy.indexOf(',') < 0
        && goproxy.indexOf('|') < 0)
        || env.environment().getOrDefault("GIT_HTTP_USER_AGENT", "").contains("proxy.golang.org");
  }

  /**
   * Creates a resolver for the given settings.
   *
   * <pre>{@code
   * ProxyResolver r = ProxyResolver.of(GoEnv.of(Map.of("GOPRIVATE", "*.corp.example.com")));
   * }</pre>
   *
   * @param env the settings
   * @return the resolver
   */
  public static ProxyResolver of(GoEnv env) {
    return new ProxyResolver(Objects.requireNonNull(env, "env"));
  }

  /**
   * Creates a resolver for this process's settings ({@link GoEnv#fromSystem()}).
   *
   * @return the resolver
   */
  public static ProxyResolver fromSystem() {
    return of(GoEnv.fromSystem());
  }

  /**
   * Returns the settings this resolver applies.
   *
   * @return the snapshot
   */
  public GoEnv env() {
    return env;
  }

  /**
   * Resolves the route for a module.
   *
   * @param modulePath the module path
   * @return the route
   *     (for an invalid GOPROXY too: its {@link Route#proxies()} raises the error)
   */
  public Route resolve(ModulePath modulePath) {
    Objects.requireNonNull(modulePath, "modulePath");
    return resolve(modulePath.toString());
  }

  /**
   * Resolves the route for a module path.
   *
   * @param modulePath the module path (matched byte for byte; not validated here)
   * @return the route
   *     (for an invalid GOPROXY too: its {@link Route#proxies()} raises the error)
   */
  public Route resolve(String modulePath) {
    Objects.requireNonNull(modulePath, "modulePath");
    // GONOPROXY and GONOSUMDB usually both default to GOPRIVATE: match each distinct list once.
    String privateMatch = privatePatterns.isEmpty() ? null
        : privatePatterns.firstMatch(modulePath).orElse(null);
    String noProxyMatch = null;
    List<ProxyEntry> proxies = proxyList.entries;
    if (hasNoProxyEntry) {
      noProxyMatch = noProxySameAsPrivate ? privateMatch
          : noProxy.firstMatch(modulePath).orElse(null);
      if (noProxyMatch != null) {
        proxies = directOnly;
      }
    }
    String noSumDbMatch = noSumDb.isEmpty() ? null
        : noSumDbSameAsPrivate ? privateMatch
        : noSumDbSameAsNoProxy && hasNoProxyEntry ? noProxyMatch
        : noSumDb.firstMatch(modulePath).orElse(null);
    boolean forced = env.goMinor() >= 21 && !toolchainException
        && modulePath.equals("golang.org/toolchain");
    boolean insecureMatch = !insecure.isEmpty() && insecure.matches(modulePath);
    return Route.of(this, modulePath, proxies, noProxyMatch, noSumDbMatch, forced,
        privateMatch != null, insecureMatch);
  }

  /**
   * Returns the parsed GOPROXY list (without the per-module GONOPROXY rule).
   *
   * @return the entries
   * @throws GoEnvException with Go's message when GOPROXY is invalid ({@code invalid proxy URL
   *     missing scheme: /tmp/px}, {@code GOPROXY list is not the empty string, but contains no
   *     entries}, ...)
   */
  public List<ProxyEntry> proxies() {
    if (proxyList.error != null) {
      throw new GoEnvException(proxyList.error.getMessage(), proxyList.error);
    }
    return proxyList.entries;
  }

  boolean sumdbOff() {
    return sumdbOff;
  }


  ChecksumDb checksumDbOrNull() {
    return checksumDb().db;
  }

  GoEnvException checksumDbError() {
    return checksumDb().error;
  }

  /** GOSUMDB's database or its parse error (both null when it is off and not needed). */
  private record ChecksumDbOrError(ChecksumDb db, GoEnvException error) {}

  private ChecksumDbOrError checksumDb() {
    ChecksumDbOrError c = checksumDb;
    if (c == null) {
      c = parseChecksumDb();
    }
    return c;
  }

  /** Parses GOSUMDB once (routes compare their databases, so every caller gets the same one). */
  private synchronized ChecksumDbOrError parseChecksumDb() {
    ChecksumDbOrError c = checksumDb;
    if (c == null) {
      ChecksumDb db = null;
      GoEnvException err = null;
      if (!sumdbOff || env.goMinor() >= 21) {
        try {
          db = ChecksumDb.parse(env.get("GOSUMDB"), env.urlRules());
        } catch (GoEnvException e) {
          err = e;
        }
      }
      c = new ChecksumDbOrError(db, err);
      checksumDb = c;
    }
    return c;
  }

  GoProxyList proxyList() {
    return proxyList;
  }

  boolean hasNoProxyEntry() {
    return hasNoProxyEntry;
  }



  /** Returns a summary of the settings applied (no credentials). */
  @Override
  public String toString() {
    return "ProxyResolver[" + env + "]";
  }
}
