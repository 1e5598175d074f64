package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.client.HttpSettings;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.Redaction;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code http://} request and its answer on {@link HttpURLConnection}, the synchronous
 * client of {@code java.base}: the hop {@link JdkHttpTransport} sends for plain-HTTP URLs.
 *
 * <p>Why not {@code java.net.http} here: a command-line process that fetches a few hundred small
 * files from a loopback or intranet proxy spends more CPU warming {@code java.net.http}'s
 * asynchronous machinery (selector thread, completable futures, flow subscribers, all running as
 * cold code) than on the requests; {@code HttpURLConnection} blocks the calling thread, which the
 * transport's callers do anyway, and keeps idle connections in the JDK's keep-alive cache.
 * Redirects, credentials, proxy choice and error texts stay in {@link JdkHttpTransport}; this
 * class only sends one request with the headers it was given, through the proxy the transport
 * chose, with the transport's timeouts:
 *
 * <ul>
 *   <li>connect: {@link HttpSettings#connectTimeout()} (bounded by the request timeout);
 *   <li>response headers: the socket's read timeout is fixed when it connects, and it is the
 *       only way to end a blocked read of the body, so it is the stall timeout for the whole
 *       exchange. Headers that take longer than that, but less than {@link
 *       HttpSettings#requestTimeout()}, are no timeout: {@link #send} then returns null and the
 *       transport asks again on {@code java.net.http}, which waits the rest of the request
 *       timeout (a proxy may take minutes to answer for a module it has not seen before);
 *   <li>body: {@link HttpSettings#readStallTimeout()} without data and {@link
 *       HttpSettings#bodyTimeout()} for the whole body, counted from the headers.
 * </ul>
 */
final class UrlConnectionHop {
  /**
   * The request headers java.net.http refuses (jdk.internal.net.http.common.Utils); the same
   * refusal here, as HttpURLConnection would silently drop most of them.
   */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private UrlConnectionHop() {}

  /** The answer to one hop: status, headers (names as sent) and the streamed body. */
  record Answer(int status, Map<String, List<String>> headers, InputStream body) {}

  /**
   * Checks the header names as java.net.http does, so both hops refuse the same headers.
   *
   * @param headers the request headers
   * @throws IllegalArgumentException naming the refused header
   */
  static void checkHeaders(Map<String, List<String>> headers) {
    for (String k : headers.keySet()) {
      if (RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("request header not allowed by java.net.http: restricted header name: \""
            + k + "\"");
      }
    }
  }

  /**
   * Sends a GET.
   *
   * @param target the URL without user info or fragment
   * @param headers the request headers
   * @param proxy the proxy the transport chose, or {@link Proxy#NO_PROXY}
   * @param s the timeouts
   * @param shown the URL as messages show it
   * @param redacted the URL as body errors show it
   * @return the answer
   * @throws IOException if no answer arrived; a {@link GoProxyException} with go's text
   */
  static Answer send(URI target, Map<String, List<String>> headers, Proxy proxy,
      HttpSettings s, String shown, String redacted) throws IOException {
    HttpURLConnection c;
    try {
      c = (HttpURLConnection) target.toURL().openConnection(proxy);
    } catch (IllegalArgumentException e) {
      throw new GoProxyException("Get \"" + shown + "\": invalid URL: " + e.getMessage(), e);
    }
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setConnectTimeout(millis(min(s.connectTimeout(), s.requestTimeout())));
    // one read timeout for the whole exchange: HttpURLConnection fixes it when it connects, and
    // only the socket's timeout can end a read that blocks
    Duration readTimeout = min(s.readStallTimeout(), s.requestTimeout());
    c.setReadTimeout(millis(readTimeout));
    try {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        for (String v : e.getValue()) {
          c.addRequestProperty(e.getKey(), v);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("request header not allowed: "
          + Redaction.netHttpText(String.valueOf(e.getMessage())), e);
    }
    if (c.getRequestProperty("Accept") == null) {
      // go sends no Accept header; HttpURLConnection cannot omit one and would send its
      // browser-style default (text/html first), which a repository manager may answer with an
      // HTML page; */* asks for nothing in particular, as go's request does
      c.setRequestProperty("Accept", "*/*");
    }
    int status;
    long start = System.nanoTime();
    try {
      status = c.getResponseCode();
    } catch (SocketTimeoutException e) {
      c.disconnect();
      if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
        throw JdkHttpTransport.connectTimeout(shown, target, s, e);
      }
      if (System.nanoTime() - start < s.requestTimeout().toNanos()) {
        return null; // a slow answer, not yet a timeout: the caller asks again on java.net.http
      }
      throw JdkHttpTransport.headersTimeout(shown, s, e);
    } catch (ConnectException e) {
      throw JdkHttpTransport.connectionRefused(shown, target, e);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      c.disconnect();
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new GoProxyException("Get \"" + shown + "\": " + Redaction.netHttpText(msg), e);
    }
    if (status < 0) {
      c.disconnect();
      throw new GoProxyException("Get \"" + shown + "\": malformed HTTP response");
    }
    Map<String, List<String>> h = new LinkedHashMap<>();
    c.getHeaderFields().forEach((k, v) -> {
      if (k != null) {
        h.put(k, v);
      }
    });
    InputStream raw;
    try {
      raw = status >= 400 ? c.getErrorStream() : c.getInputStream();
    } catch (IOException e) {
      raw = null;
    }
    InputStream body = raw == null ? InputStream.nullInputStream() : new TimedBody(raw, c, s, redacted);
    return new Answer(status, h, body);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static int millis(Duration d) {
    long ms = Math.max(1, d.toMillis());
    return ms > Integer.MAX_VALUE ? 0 : (int) ms;
  }


  /**
   * The body with the whole-body limit and go-style errors; the stall limit is the socket's read
   * timeout. Closing the body before its end lets the JDK keep the connection when the rest is
   * small, else closes it.
   */
  private static final class TimedBody extends FilterInputStream {
    private final HttpURLConnection conn;
    private final Duration stall;
    private final Duration total;
    private final long deadline;
    private final String url;
    /** The Content-Length, or -1: HttpURLConnection ends such a body early without an error. */
    private final long length;
    private long count;
    private boolean closed;

    TimedBody(InputStream in, HttpURLConnection conn, HttpSettings s, String url) {
      super(in);
      this.conn = conn;
      this.length = conn.getContentLengthLong();
      this.stall = s.readStallTimeout();
      this.total = s.bodyTimeout();
      this.deadline = System.nanoTime() + total.toNanos();
      this.url = url;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("stream closed");
      }
      if (deadline - System.nanoTime() <= 0) {
        throw fail(true, null);
      }
      int n;
      try {
        n = in.read(b, off, len);
      } catch (SocketTimeoutException e) {
        throw fail(deadline - System.nanoTime() <= 0, e);
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new GoProxyException("reading " + url + ": " + Redaction.netHttpText(msg), e);
      }
      if (n > 0) {
        count += n;
      } else if (n < 0 && length >= 0 && count < length && len > 0) {
        // net/http: a body shorter than its Content-Length is io.ErrUnexpectedEOF
        closed = true;
        conn.disconnect();
        throw new GoProxyException("reading " + url + ": unexpected EOF");
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // through read, so that the length check sees every byte
      byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
      long left = n;
      while (left > 0) {
        int r = read(buf, 0, (int) Math.min(left, buf.length));
        if (r < 0) {
          break;
        }
        left -= r;
      }
      return n - Math.max(left, 0);
    }

    private GoProxyException fail(boolean bodyTimeout, Exception cause) {
      closed = true;
      conn.disconnect();
      return new GoProxyException("reading " + url + ": " + (bodyTimeout
          ? "body not complete after " + Durations.go(total) + " (body timeout)"
          : "no data received for " + Durations.go(stall) + " (read stall timeout)"), cause);
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        in.close();
      }
    }
  }
}
