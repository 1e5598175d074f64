package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.internal.HttpError;
import io.github.goproxy4j.internal.Redaction;
import io.github.goproxy4j.internal.StatusText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GETs through a {@link Transport} with bounded reads and go's error texts
 * ({@code reading <url>: 404 Not Found\n\tserver response: ...}).
 */
final class SumdbHttp {
  /** Thrown for a non-200 answer; carries the status so callers can tell 404/410 from others. */
  static final class StatusException extends GoProxyException {
    private static final long serialVersionUID = 1L;
    private final int status;

    StatusException(String message, int status, List<Attempt> attempts) {
      super(message, null, attempts);
      this.status = status;
    }

    int status() {
      return status;
    }

    /** Whether go counts this answer as "not found" (404 or 410 only). */
    boolean isNotFound() {
      return status == 404 || status == 410;
    }
  }

  private final Transport transport;
  private final AtomicLong requests = new AtomicLong();

  SumdbHttp(Transport transport) {
    this.transport = transport;
  }

  /** The number of GETs sent so far. */
  long requests() {
    return requests.get();
  }

  /**
   * GETs {@code uri} and returns its body if the status is 200.
   *
   * @param uri the URI (credentials, if any, never appear in messages)
   * @param limit the most bytes accepted; a longer body fails
   * @return the body
   * @throws StatusException for any status other than 200
   * @throws GoProxyException when no answer arrived or the body was too long or cut short
   */
  byte[] get(URI uri, int limit) throws GoProxyException {
    String shown = Redaction.redacted(uri);
    requests.incrementAndGet();
    try (Transport.Response r = transport.get(uri, Map.of())) {
      if (r.status() != 200) {
        String status = StatusText.line(r.status());
        String msg = HttpError.message(shown, r);
        throw new StatusException(msg, r.status(),
            List.of(new GoProxyException.Attempt(shown, r.status(), status)));
      }
      InputStream body = r.body();
      byte[] data = body.readNBytes(limit + 1);
      if (data.length > limit) {
        throw new GoProxyException("reading " + shown + ": response body larger than " + limit
            + " bytes", null, List.of(new GoProxyException.Attempt(shown, 200, "body too large")));
      }
      return data;
    } catch (GoProxyException e) {
      throw e;
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new GoProxyException("reading " + shown + ": " + why, e,
          List.of(new GoProxyException.Attempt(shown, 0, why)));
    }
  }

}
