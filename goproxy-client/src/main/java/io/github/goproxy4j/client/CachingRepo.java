package io.github.goproxy4j.client;

import io.github.goproxy4j.env.NotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * go's {@code cachingRepo} around one module on one proxy ({@code proxyRepo}) or on version
 * control ({@link DirectRepo}, go's {@code codeRepo}: go's {@code Lookup} wraps every repo, direct
 * ones included), for one command: a
 * {@code Versions} (per prefix, as go keys it), {@code Stat} (per revision), {@code Latest} and
 * {@code GoMod} (per version) asks the proxy once, and answers again what it got, an error as well
 * as an answer (go's {@code par.ErrCache}); a zip is not remembered. A {@code Stat} that resolves a
 * revision to another version, and a {@code Latest}, answer a later {@code Stat} of that version.
 *
 * <p>Over a proxy it also keeps what go's {@code proxyRepo} keeps for its lifetime (the
 * command's): the latest version the {@code @v/list} names by time ({@code latestFromList}, for a
 * proxy without
 * {@code @latest}), worked out, with an {@code .info} request of that version, at the first
 * {@code Versions} (or the first {@code Latest} that needs it, with a {@code @v/list} request of
 * its own).
 *
 * <p>{@link Lookup#perCommand()} makes one per module and proxy URL; the module cache in front
 * ({@link ModFetch}) is read before it, as go's {@code cachingRepo} reads its disk cache first.
 */
final class CachingRepo implements Repo {
  private final Repo repo;
  /** {@link #repo} when it is a proxy's (go's proxyRepo keeps listLatest); null for a direct repo. */
  private final ProxyRepo proxy;
  /** A direct repo's caller's context, put in front of its errors ({@link DirectRepo#named}); null: none. */
  private final String context;
  private final ConcurrentHashMap<String, Once<VersionList.ListResult>> versions;
  private final ConcurrentHashMap<String, Once<VersionInfo>> stats;
  private final ConcurrentHashMap<String, Once<byte[]>> goMods;
  private final Once<Optional<VersionInfo>> latest;
  /** proxyRepo's listLatest: the list's latest version by time, its info (go's listLatestOnce). */
  private final Once<VersionInfo> listLatest;

  CachingRepo(ProxyRepo repo) {
    this(repo, repo);
  }

  /**
   * A direct repo's: its answers and failures remembered under the same keys, without a proxy's
   * listLatest (go's codeRepo has none). The failures are the fetcher's as they came; each
   * caller sees them with its context through {@link #withContext}.
   */
  CachingRepo(DirectRepo repo) {
    this(repo, null);
  }

  private CachingRepo(Repo repo, ProxyRepo proxy) {
    this.repo = repo;
    this.proxy = proxy;
    this.context = null;
    this.versions = new ConcurrentHashMap<>();
    this.stats = new ConcurrentHashMap<>();
    this.goMods = new ConcurrentHashMap<>();
    this.latest = new Once<>();
    this.listLatest = new Once<>();
  }

  private CachingRepo(CachingRepo of, String context) {
    this.repo = of.repo;
    this.proxy = of.proxy;
    this.context = context;
    this.versions = of.versions;
    this.stats = of.stats;
    this.goMods = of.goMods;
    this.latest = of.latest;
    this.listLatest = of.listLatest;
  }

  /**
   * This memo as one caller sees it: the same answers and failures, a direct repo's failures with
   * {@code context} in front (go's modinfoError), as {@link DirectRepo#named} words them.
   */
  CachingRepo withContext(String context) {
    return new CachingRepo(this, context);
  }

  /** A call on the memo or repo whose failure this view's caller sees with its context in front. */
  @FunctionalInterface
  private interface Call<T> {
    T call() throws IOException;
  }

  /** {@code call}'s answer; its failure as this view's caller sees it. */
  private <T> T named(Call<T> call) throws IOException {
    try {
      return call.call();
    } catch (IOException e) {
      throw context == null ? e : DirectRepo.named(e, context);
    }
  }

  /** One remembered answer or failure (go's par.ErrCache entry): callers of the same key wait for the first. */
  private static final class Once<T> {
    private boolean done;
    private T value;
    private IOException ioError;
    private RuntimeException runtimeError;
    /** A seeded answer the module cache has not been given yet (a {@code Latest}'s, see {@link #get}). */
    private boolean seededUnwritten;

    synchronized T get(Lookup.RepoCall<T> call, Repo repo) throws IOException {
      return get(call, repo, null);
    }

    /**
     * The answer, asked of {@code repo} the first time; {@code fetched} runs in the call that
     * asked, and in the first call after a {@code Latest} seeded it, which is when go's
     * cachingRepo writes its disk cache (once per command).
     */
    synchronized T get(Lookup.RepoCall<T> call, Repo repo, Runnable fetched) throws IOException {
      if (!done) {
        try {
          value = call.call(repo);
          if (fetched != null) {
            fetched.run();
          }
        } catch (IOException e) {
          ioError = e;
        } catch (RuntimeException e) {
          runtimeError = e;
        }
        done = true;
      } else if (seededUnwritten && fetched != null) {
        seededUnwritten = false;
        fetched.run();
      }
      return answer();
    }

    /**
     * Sets the answer unless one is set (go's {@code Do} of a value already known); {@code
     * unwritten}: the module cache has not been given it yet.
     */
    synchronized void seed(T v, boolean unwritten) {
      if (!done) {
        value = v;
        done = true;
        seededUnwritten = unwritten;
      }
    }

    /** Sets the failure unless an answer is set. */
    synchronized void fail(IOException e) {
      if (!done) {
        ioError = e;
        done = true;
      }
    }

    private T answer() throws IOException {
      if (ioError != null) {
        throw ioError;
      }
      if (runtimeError != null) {
        throw runtimeError;
      }
      return value;
    }
  }

  private static <T> Once<T> once(ConcurrentHashMap<String, Once<T>> map, String key) {
    Once<T> o = map.get(key);
    if (o == null) {
      Once<T> fresh = new Once<>();
      o = map.putIfAbsent(key, fresh);
      if (o == null) {
        o = fresh;
      }
    }
    return o;
  }

  @Override
  public VersionList.ListResult versions() throws IOException {
    return versions("");
  }

  @Override
  public VersionList.ListResult versions(String prefix) throws IOException {
    if (proxy == null) {
      return named(() -> once(versions, prefix).get(Repo::versions, repo));
    }
    return once(versions, prefix).get(r -> {
      VersionList.ListResult l;
      try {
        l = repo.versions();
      } catch (IOException e) {
        listLatest.fail(e);
        throw e;
      }
      try {
        listLatest.get(x -> latestFromList(l), repo);
      } catch (IOException | RuntimeException e) {
        // kept for a later Latest; the list itself was had
      }
      return l;
    }, repo);
  }

  /** go's latestFromList: the list's newest version by time, its info asked of the proxy (not the module cache). */
  private VersionInfo latestFromList(VersionList.ListResult l) throws IOException {
    Optional<String> best = VersionList.latestFromList(l.lines());
    if (best.isEmpty()) {
      throw proxy.versionError("", new NotFoundException("no commits"));
    }
    return repo.stat(best.get());
  }

  @Override
  public VersionInfo stat(String rev) throws IOException {
    return stat(rev, null);
  }

  /**
   * {@link #stat(String)}, running {@code fetched} when this call asked the proxy (or takes a
   * {@code Latest}'s answer first): the caller then writes the module cache, as go's cachingRepo
   * does once per command. The answer under another version (a revision resolved) needs no write
   * of its own: the caller writes it under that version.
   */
  VersionInfo stat(String rev, Runnable fetched) throws IOException {
    VersionInfo info = named(() -> once(stats, rev).get(r -> r.stat(rev), repo, fetched));
    if (!info.version().equals(rev)) {
      once(stats, info.version()).seed(info, false);
    }
    return info;
  }

  /**
   * The proxy's {@code @latest}, else (404 or 410) the latest version its list names by time
   * (never empty: {@code no commits}, a not-found error, when the list names none).
   */
  @Override
  public Optional<VersionInfo> latest() throws IOException {
    Optional<VersionInfo> info = named(() -> latest.get(r -> {
      Optional<VersionInfo> l = repo.latest();
      return l.isPresent() || proxy == null ? l
          : Optional.of(listLatest.get(x -> latestFromList(repo.versions()), repo));
    }, repo));
    if (info.isPresent()) {
      once(stats, info.get().version()).seed(info.get(), true);
    }
    return info;
  }

  @Override
  public byte[] goMod(String version) throws IOException {
    return goMod(version, null);
  }

  /** {@link #goMod(String)}, running {@code fetched} when this call asked the proxy (see {@link #stat(String, Runnable)}). */
  byte[] goMod(String version, Runnable fetched) throws IOException {
    return named(() -> once(goMods, version).get(r -> r.goMod(version), repo, fetched)).clone();
  }

  @Override
  public void zip(String version, Path target, Received received) throws IOException {
    named(() -> {
      repo.zip(version, target, received);
      return null;
    });
  }
}
