package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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

  private static final int MAX_ERROR_DETAIL_LINES = 8;
  private static final int MAX_ERROR_DETAIL_BYTES = MAX_ERROR_DETAIL_LINES * 81;

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
    String shown = redact(uri);
    requests.incrementAndGet();
    try (Transport.Response r = transport.get(uri, Map.of())) {
      if (r.status() != 200) {
        String status = statusLine(r.status());
        String detail = "";
        boolean textPlain = r.header("Content-Type")
            .map(ct -> ct.toLowerCase(Locale.ROOT).split(";", 2)[0].trim().equals("text/plain"))
            .orElse(false);
        if (textPlain) {
          detail = errorDetail(r.body().readNBytes(MAX_ERROR_DETAIL_BYTES + 200));
        }
        String msg = detail.isEmpty()
            ? "reading " + shown + ": " + status
            : "reading " + shown + ": " + status + "\n\tserver response:"
                + (detail.indexOf('\n') >= 0 ? "\n\t" : " ") + detail;
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

  /** A URI for messages: without user info, query or fragment. */
  static String redact(URI uri) {
    if (uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
      return uri.toString();
    }
    StringBuilder b = new StringBuilder();
    if (uri.getScheme() != null) {
      b.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      b.append(uri.getHost());
      if (uri.getPort() >= 0) {
        b.append(':').append(uri.getPort());
      }
    }
    if (uri.getRawPath() != null) {
      b.append(uri.getRawPath());
    }
    return b.toString();
  }

  /** Go's formatting of a text/plain error body: at most 8 lines, graphic text only. */
  static String errorDetail(byte[] raw) {
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      return "";
    }
    int cut = 0;
    int lines = 0;
    for (; cut < s.length() && lines <= MAX_ERROR_DETAIL_LINES; cut++) {
      if (s.charAt(cut) == '\n') {
        lines++;
      }
    }
    s = s.substring(0, cut);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!isGraphic(cp) && !isSpace(cp)) {
        return "";
      }
      i += Character.charCount(cp);
    }
    StringBuilder detail = new StringBuilder();
    String[] parts = s.split("\n", -1);
    for (int i = 0; i < parts.length; i++) {
      String line = parts[i];
      if (line.strip().isEmpty()) {
        break;
      }
      if (i > 0) {
        detail.append("\n\t");
      }
      if (i >= MAX_ERROR_DETAIL_LINES) {
        detail.append("[Truncated: too many lines.]");
        break;
      }
      if (detail.length() + line.length() > MAX_ERROR_DETAIL_BYTES) {
        detail.append("[Truncated: too long.]");
        break;
      }
      detail.append(line);
    }
    return detail.toString();
  }

  private static boolean isSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0d) || cp == 0x20 || cp == 0x85 || cp == 0xa0 || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f
        || cp == 0x205f || cp == 0x3000;
  }

  private static boolean isGraphic(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return false;
      default:
        return true;
    }
  }

  /** "404 Not Found", as go prints an HTTP status. */
  static String statusLine(int code) {
    String text;
    switch (code) {
      case 400: text = "Bad Request"; break;
      case 401: text = "Unauthorized"; break;
      case 403: text = "Forbidden"; break;
      case 404: text = "Not Found"; break;
      case 405: text = "Method Not Allowed"; break;
      case 408: text = "Request Timeout"; break;
      case 410: text = "Gone"; break;
      case 429: text = "Too Many Requests"; break;
      case 500: text = "Internal Server Error"; break;
      case 501: text = "Not Implemented"; break;
      case 502: text = "Bad Gateway"; break;
      case 503: text = "Service Unavailable"; break;
      case 504: text = "Gateway Timeout"; break;
      case 204: text = "No Content"; break;
      case 301: text = "Moved Permanently"; break;
      case 302: text = "Found"; break;
      default: text = ""; break;
    }
    return text.isEmpty() ? Integer.toString(code) : code + " " + text;
  }
}
