package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.TryProxies;
import java.io.IOException;
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
 * kept only while nothing better was seen (so the last not-found wins). A GONOPROXY/GOPRIVATE
 * module whose GOPROXY lists {@code direct} is walked as go walks it
 * ({@link Route#retriesDirect()}): the call is made for {@link ProxyEntry.Direct} and, after a
 * {@link NotFoundException}, made for it again; the second error is the one reported.
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
   *     succeeded; for an invalid GOPROXY, before any call, with the list's error as go's
   *     TryProxies returns it (Go's text as the message, the {@link GoEnvException} of
   *     {@link Route#proxies()} as the cause, no attempts)
   */
  public static <T> T tryProxies(Route route, ProxyCall<T> call) throws GoProxyException {
    Objects.requireNonNull(route, "route");
    List<ProxyEntry> entries;
    try {
      entries = route.proxies();
    } catch (GoEnvException e) {
      throw new GoProxyException(e.getMessage(), e, List.of());
    }
    if (route.retriesDirect()) {
      // go's implicit noproxy entry, then GOPROXY's own direct: version control twice
      entries = List.of(ProxyEntry.DIRECT, ProxyEntry.DIRECT);
    }
    return TryProxies.run(entries, call);
  }
}
