package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.ProxyWalk;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * go's {@code modfetch.Lookup} and {@code TryProxies}: one request for one module, tried on the
 * entries of the module's route in order ({@link ProxyWalk}), each entry seen as a {@link Repo}.
 * The failure of the whole walk is mapped once to the client's exception types.
 */
final class Lookup {
  private final ProxyResolver resolver;
  private final Transport transport;
  private final DirectFetcher directFetcher; // null: none
  private final long maxZip;
  private final int goMinor;

  /**
   * Whether a lookup failed with go's errProxyOff: the walk reached GOPROXY's {@code off} and kept
   * its error. go reports that error without the module (it is no {@code module.ModuleError}: an
   * {@code off} entry is an {@code errRepo}, not a {@code proxyRepo}), where it wraps every proxy's.
   */
  static boolean isProxyOff(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NotFoundException && ProxyWalk.PROXY_OFF_MESSAGE.equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The error of an invalid GOPROXY when a lookup failed with it (go's TryProxies returns the proxy
   * list's parse error before it calls any repo), or null. Like errProxyOff, go reports it without
   * the module where it reports a query's or download's own error.
   */
  static GoEnvException proxyListError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProxyListFailure) {
        return (GoEnvException) t.getCause();
      }
    }
    return null;
  }

  /**
   * The text go gives a failed lookup of one module where it reports the query's or download's own
   * error (a listed module's {@code Error}, {@code mod download}'s): the exception's message (a
   * proxy's failure, worded with the module as go's {@code module.ModuleError}), but errProxyOff
   * ({@link #isProxyOff}) and an invalid GOPROXY's error ({@link #proxyListError}) as they are.
   */
  static String errorText(Throwable e) {
    if (isProxyOff(e)) {
      return ProxyWalk.PROXY_OFF_MESSAGE;
    }
    GoEnvException list = proxyListError(e);
    return list != null ? list.getMessage() : String.valueOf(e.getMessage());
  }

  /**
   * A lookup failed because GOPROXY is invalid: its message has the caller's context in front of
   * go's text, as an error the walk makes itself; its cause is {@link Route#proxies()}'s error.
   */
  static final class ProxyListFailure extends ProxyUnavailableException {
    private static final long serialVersionUID = 1L;

    ProxyListFailure(String context, GoEnvException cause) {
      super(context + cause.getMessage(), cause, List.of());
    }
  }

  Lookup(ProxyResolver resolver, Transport transport, DirectFetcher directFetcher, long maxZip) {
    this.resolver = resolver;
    // the release ProxyRepo answers as (cmd/go/internal/modfetch/proxy.go: go1.22 names the
    // response URL in body read errors, go1.19-1.21 path.Join(base URL without the module path,
    // "@v/…"); a .info's decoding errors)
    this.goMinor = GoRelease.modelled(resolver.env().goVersion()).behaviourMinor();
    this.transport = transport;
    this.directFetcher = directFetcher;
    this.maxZip = maxZip;
    this.routes = new ConcurrentHashMap<>();
    this.repos = null;
  }

  private Lookup(Lookup of) {
    this.resolver = of.resolver;
    this.goMinor = of.goMinor;
    this.transport = of.transport;
    this.directFetcher = of.directFetcher;
    this.maxZip = of.maxZip;
    this.routes = of.routes;
    this.repos = new ConcurrentHashMap<>();
  }

  /**
   * This lookup for one command (or one client call), as go's {@code modfetch.Lookup} is for one
   * run of the go command: each module on each proxy URL, and on version control ({@code direct}),
   * is one {@link CachingRepo} for as long as
   * the returned lookup is used, so a request go makes once in a run is made once. The lookup
   * itself remembers nothing of the proxies' answers: a long-lived client sees new versions at its
   * next call, as a new run of go does.
   */
  Lookup perCommand() {
    return new Lookup(this);
  }

  /**
   * The route of a module. Routes depend only on the path and the client's settings, and a
   * graph load asks for each path once per version (resolving builds the route's explanation
   * text each time), so they are kept, up to {@link #MAX_ROUTES} paths.
   */
  Route route(ModulePath path) {
    Route r = routes.get(path);
    if (r == null) {
      r = resolver.resolve(path);
      if (routes.size() >= MAX_ROUTES) {
        routes.clear();
      }
      routes.put(path, r);
    }
    return r;
  }

  /**
   * Fails as go's TryProxies does before it calls any repo when GOPROXY is invalid: go's
   * {@code modload.Query} walks the list before its cachingRepo reads the module cache, so a query
   * of a cached version fails with the list's error where {@code GOPROXY=off} answers it.
   *
   * @throws ProxyListFailure with {@code context} in front of go's text when GOPROXY is invalid
   */
  void checkProxyList(ModulePath path, String context) throws ProxyListFailure {
    proxies(route(path), context);
  }

  /** The route's proxy list; an invalid GOPROXY fails as go's TryProxies fails, with {@code context} in front. */
  private static List<ProxyEntry> proxies(Route route, String context) throws ProxyListFailure {
    try {
      return route.proxies();
    } catch (GoEnvException e) {
      throw new ProxyListFailure(context, e);
    }
  }

  /** Bound on {@link #routes}: the paths of a large build list, not every path a server ever names. */
  private static final int MAX_ROUTES = 4096;
  private final ConcurrentHashMap<ModulePath, Route> routes;
  /** The repos of one command (go's lookupCache: per proxy URL, or {@code direct}, and module path); null: none kept. */
  private final ConcurrentHashMap<RepoKey, CachingRepo> repos;

  /** A {@link #repos} key: a proxy URL and a module path. */
  private record RepoKey(String proxy, ModulePath path) {}

  /** One request on one repo. */
  @FunctionalInterface
  interface RepoCall<T> {
    T call(Repo repo) throws IOException;
  }

  /**
   * Runs {@code call} on the route's entries like go's TryProxies. Errors from a repo name the
   * module already; an error the walk makes itself ({@code GOPROXY=off}) gets {@code context} in
   * front, as go's {@code modinfoError} does.
   *
   * @throws ModuleNotFoundException when the reported error is a not-found one
   * @throws DirectAccessRequiredException when a {@code direct} entry was reached without a
   *     {@link DirectFetcher}
   * @throws ChecksumMismatchException when verification failed inside the call
   * @throws ProxyUnavailableException otherwise; a {@link ProxyListFailure} when GOPROXY is
   *     invalid (go's TryProxies fails with the list's error before anything, the cache included)
   */
  <T> T tryProxies(Route route, ModulePath path, String context, RepoCall<T> call)
      throws GoProxyException {
    List<ProxyEntry> entries = proxies(route, context);
    if (entries.get(0) instanceof ProxyEntry.Off) {
      // go's off entry is a cachingRepo too: what the module cache holds for it (a canonical
      // version's .info, through ModFetch.stat's cache read) is answered with GOPROXY=off; the
      // rest fails in the walk below with errProxyOff
      try {
        return call.call(OffRepo.INSTANCE);
      } catch (IOException e) {
        // not in the cache
      }
    }
    Set<Throwable> fromRepos = Collections.newSetFromMap(new IdentityHashMap<>());
    try {
      // a class, not a lambda: the first requests of a graph load come from several threads at
      // once, and each thread that links a lambda at the same moment may spin a class of its own
      return ProxyWalk.tryProxies(route, new ProxyWalk.ProxyCall<T>() {
        /** The direct entries called so far: under {@link Route#retriesDirect()} the first is go's noproxy. */
        private int directCalls;

        @Override
        public T call(ProxyEntry entry) throws IOException {
          String directKey = DIRECT;
          if (entry instanceof ProxyEntry.Direct && directCalls++ == 0 && route.retriesDirect()) {
            directKey = NOPROXY;
          }
          try {
            return call.call(repo(route, entry, path, context, directKey));
          } catch (IOException e) {
            fromRepos.add(e);
            throw e;
          }
        }
      });
    } catch (GoProxyException walk) {
      throw mapped(walk, fromRepos.contains(walk.getCause()) ? "" : context);
    }
  }

  private Repo repo(Route route, ProxyEntry entry, ModulePath path, String context, String directKey) {
    if (entry instanceof ProxyEntry.Url) {
      ProxyEntry.Url url = (ProxyEntry.Url) entry;
      if (repos == null) {
        return new ProxyRepo(transport, url, path, maxZip, goMinor);
      }
      return repos.computeIfAbsent(new RepoKey(url.uri().toString(), path),
          k -> new CachingRepo(new ProxyRepo(transport, url, path, maxZip, goMinor)));
    }
    DirectRepo direct = new DirectRepo(directFetcher, resolver, route, path);
    if (repos == null) {
      return new CachingRepo(direct).withContext(context); // remembers nothing past this call
    }
    // go's Lookup wraps a direct repo in a cachingRepo too, keyed by "direct" (or "noproxy") and the path
    return repos.computeIfAbsent(new RepoKey(directKey, path), k -> new CachingRepo(direct)).withContext(context);
  }

  /** The {@link #repos} key of a direct repo: go's lookupCache key, never a proxy URL. */
  private static final String DIRECT = "direct";
  /**
   * The {@link #repos} key of the first direct attempt of a route that {@linkplain
   * Route#retriesDirect() retries direct}: go's implicit {@code noproxy} entry, a cachingRepo of
   * its own beside GOPROXY's {@code direct}, so a not-found answer is asked for again there.
   */
  private static final String NOPROXY = "noproxy";

  /** The walk's failure as the client reports it: the reported error decides the type. */
  private static GoProxyException mapped(GoProxyException walk, String context) {
    Throwable reported = walk.getCause();
    if (reported instanceof ChecksumMismatchException) {
      return (ChecksumMismatchException) reported; // a security error keeps its type and text
    }
    String message = context + walk.getMessage();
    if (reported instanceof DirectAccessRequiredException) {
      return new DirectAccessRequiredException(message,
          ((DirectAccessRequiredException) reported).setting(), walk.attempts());
    }
    if (walk instanceof NotFoundException) {
      return new ModuleNotFoundException(message, reported, walk.attempts());
    }
    return new ProxyUnavailableException(message, reported, walk.attempts());
  }

  /** The repo of GOPROXY's {@code off}: every request fails with go's errProxyOff. */
  private static final class OffRepo implements Repo {
    static final OffRepo INSTANCE = new OffRepo();

    @Override
    public VersionList.ListResult versions() throws IOException {
      throw off();
    }

    @Override
    public VersionInfo stat(String rev) throws IOException {
      throw off();
    }

    @Override
    public Optional<VersionInfo> latest() throws IOException {
      throw off();
    }

    @Override
    public byte[] goMod(String version) throws IOException {
      throw off();
    }

    @Override
    public void zip(String version, Path target, Received received) throws IOException {
      throw off();
    }

    private static NotFoundException off() {
      return new NotFoundException(ProxyWalk.PROXY_OFF_MESSAGE);
    }
  }
}
