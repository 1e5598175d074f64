package io.github.goproxy4j.env;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Go's {@code TryProxies}: runs one request against the entries of a {@link Route} in order,
 * with Go's per-request fallback and Go's choice of which error to report.
 *
 * <pre>{@code
 * byte[] mod = ProxyWalk.tryProxies(route, entry -> {
 *   if (entry instanceof ProxyEntry.Direct) {
 *     throw new GoProxyException("direct fetching is not supported here");
 *   }
 *   URI base = ((ProxyEntry.Url) entry).uri();
 *   ... GET base + "/example.com/m/@v/v1.0.0.mod"; 404/410 -> throw new NotFoundException(...)
 * });
 * }</pre>
 *
 * <p>Rules, per request (not per module): the call is made for each {@link ProxyEntry.Url} and
 * {@link ProxyEntry.Direct} entry in order and the first success is returned. After a
 * {@link NotFoundException} the walk moves on; after any other {@link IOException} it moves on
 * only if the entry's fallback is {@link FallbackMode#ON_ANY_ERROR} ({@code |}). Reaching
 * {@link ProxyEntry.Off} counts as the not-found error
 * {@code module lookup disabled by GOPROXY=off} (the call is not made). When every tried entry
 * failed, the reported error is chosen as Go does: an error from {@code direct} always wins; a
 * non-not-found proxy error replaces any earlier proxy or not-found error; a not-found error is
 * kept only while nothing better was seen (so the last not-found wins).
 *
 * <p>The thrown exception is a {@link NotFoundException} when the reported error is a not-found
 * error, otherwise a {@link GoProxyException}; its message is the reported error's message, its
 * cause is the reported error itself, and its {@link GoProxyException#attempts()} list every
 * entry tried: the attempts recorded in a {@link GoProxyException} thrown by the call are copied
 * as they are; for any other exception one attempt is recorded with the entry's redacted URL
 * ({@code direct} for direct mode), status 0 (unknown) and the message.
 */
public final class ProxyWalk {
  /** Go's errProxyOff text. */
  public static final String PROXY_OFF_MESSAGE = "module lookup disabled by GOPROXY=off";

  private ProxyWalk() {}

  /**
   * One request against one entry.
   *
   * @param <T> the result type
   */
  @FunctionalInterface
  public interface ProxyCall<T> {
    /**
     * Makes the request against one entry.
     *
     * @param entry a {@link ProxyEntry.Url} or {@link ProxyEntry.Direct}
     * @return the result
     * @throws NotFoundException for 404/410 (or Go's equivalent not-found)
     * @throws IOException for any other failure
     */
    T call(ProxyEntry entry) throws IOException;
  }

  /**
   * Tries {@code route.proxies()} in order like Go's TryProxies.
   *
   * @param <T> the result type
   * @param route the route of the module
   * @param call the request
   * @return the first success
   * @throws GoProxyException (or {@link NotFoundException}) carrying every attempt when no entry
   *     succeeded
   */
  public static <T> T tryProxies(Route route, ProxyCall<T> call) throws GoProxyException {
    Objects.requireNonNull(route, "route");
    return tryProxies(route.proxies(), call);
  }

  /**
   * Tries a list of entries in order like Go's TryProxies (for callers that hold a list rather
   * than a {@link Route}).
   *
   * @param <T> the result type
   * @param proxies the effective entries, in order
   * @param call the request
   * @return the first success
   * @throws GoProxyException (or {@link NotFoundException}) carrying every attempt
   */
  public static <T> T tryProxies(List<ProxyEntry> proxies, ProxyCall<T> call)
      throws GoProxyException {
    Objects.requireNonNull(proxies, "proxies");
    Objects.requireNonNull(call, "call");
    List<GoProxyException.Attempt> attempts = new ArrayList<>();
    IOException best = null;
    int bestRank = 0; // 0 = not found, 1 = proxy, 2 = direct
    for (ProxyEntry entry : proxies) {
      IOException err;
      if (entry instanceof ProxyEntry.Off) {
        err = new NotFoundException(PROXY_OFF_MESSAGE);
        attempts.add(new GoProxyException.Attempt("off", 0, PROXY_OFF_MESSAGE));
      } else {
        try {
          return call.call(entry);
        } catch (IOException e) {
          err = e;
          record(attempts, entry, e);
        }
      }
      boolean notFound = err instanceof NotFoundException;
      if (entry instanceof ProxyEntry.Direct) {
        best = err;
        bestRank = 2;
      } else if (bestRank <= 1 && !notFound) {
        best = err;
        bestRank = 1;
      } else if (bestRank == 0) {
        best = err;
      }
      boolean fallBackOnError =
          entry instanceof ProxyEntry.Url
              && ((ProxyEntry.Url) entry).fallback() == FallbackMode.ON_ANY_ERROR;
      if (!fallBackOnError && !notFound) {
        break;
      }
    }
    if (best == null) {
      throw new GoProxyException(
          "GOPROXY list is not the empty string, but contains no entries", null, attempts);
    }
    String message = best.getMessage() == null ? best.toString() : best.getMessage();
    if (best instanceof NotFoundException) {
      throw new NotFoundException(message, best, attempts);
    }
    throw new GoProxyException(message, best, attempts);
  }

  private static void record(
      List<GoProxyException.Attempt> attempts, ProxyEntry entry, IOException e) {
    if (e instanceof GoProxyException && !((GoProxyException) e).attempts().isEmpty()) {
      attempts.addAll(((GoProxyException) e).attempts());
      return;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    attempts.add(new GoProxyException.Attempt(entry.display(), 0, message));
  }
}
