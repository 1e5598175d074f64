package io.github.goproxy4j.internal;

import io.github.goproxy4j.env.FallbackMode;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.ProxyWalk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Go's {@code TryProxies} over a list of GOPROXY entries: the walk behind
 * {@code ProxyWalk.tryProxies}, also used by the checksum database, which walks the GOPROXY list
 * rather than a module's route. Exported only to the other goproxy4j modules; not API.
 */
public final class TryProxies {
  private TryProxies() {}

  /**
   * Tries a list of entries in order like Go's TryProxies, with the rules of {@link ProxyWalk}.
   *
   * @param <T> the result type
   * @param proxies the effective entries, in order
   * @param call the request
   * @return the first success
   * @throws GoProxyException (or {@link NotFoundException}) carrying every attempt
   */
  public static <T> T run(List<ProxyEntry> proxies, ProxyWalk.ProxyCall<T> call)
      throws GoProxyException {
    Objects.requireNonNull(proxies, "proxies");
    Objects.requireNonNull(call, "call");
    List<GoProxyException.Attempt> attempts = new ArrayList<>();
    IOException best = null;
    int bestRank = 0; // 0 = not found, 1 = proxy, 2 = direct
    for (ProxyEntry entry : proxies) {
      IOException err;
      if (entry instanceof ProxyEntry.Off) {
        err = new NotFoundException(ProxyWalk.PROXY_OFF_MESSAGE);
        attempts.add(new GoProxyException.Attempt("off", 0, ProxyWalk.PROXY_OFF_MESSAGE));
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
