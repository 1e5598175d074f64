package io.github.goproxy4j.internal;

import io.github.goproxy4j.env.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The text of Go's {@code cmd/go/internal/web} {@code HTTPError} for a non-200 answer, as the go
 * command prints it for proxy and checksum-database requests alike: {@code reading <url>: <status>}
 * with the {@code server response:} detail taken from short {@code text/plain} bodies
 * ({@code formatErrorDetail}). Exported only to the other goproxy4j modules; not API.
 */
public final class HttpError {
  private static final int MAX_DETAIL_LINES = 8;
  private static final int MAX_DETAIL_BYTES = MAX_DETAIL_LINES * 81;

  private HttpError() {}

  /**
   * Builds Go's message for a non-200 answer and consumes the body as needed.
   *
   * @param redactedUrl the request URL without credentials
   * @param response the answer
   * @return {@code reading <url>: <status>[\n\tserver response:…]}
   */
  public static String message(String redactedUrl, Transport.Response response) {
    if (redactedUrl.startsWith("file:")) {
      // A file:// proxy: Go shows the file error without the redundant path.
      if (response.status() == 404) {
        return "reading " + redactedUrl + ": no such file or directory";
      }
      if (response.status() == 403) {
        return "reading " + redactedUrl + ": permission denied";
      }
    }
    String detail = detail(response);
    String status = StatusText.line(response.status());
    if (!detail.isEmpty()) {
      String sep = detail.indexOf('\n') >= 0 ? "\n\t" : " ";
      return "reading " + redactedUrl + ": " + status + "\n\tserver response:" + sep + detail;
    }
    return "reading " + redactedUrl + ": " + status;
  }

  /**
   * The {@code server response} detail of a text/plain error body, or "".
   *
   * @param response the answer; its body is read (a bounded prefix)
   * @return the detail lines joined by {@code \n\t}, or "" when Go shows none
   */
  public static String detail(Transport.Response response) {
    String contentType = response.header("Content-Type").orElse("");
    if (!isPlainTextUtf8(contentType)) {
      return "";
    }
    byte[] prefix;
    try {
      prefix = readDetailPrefix(response.body());
    } catch (IOException e) {
      prefix = new byte[0];
    }
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(prefix)).toString();
    } catch (CharacterCodingException e) {
      return "";
    }
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (!GoUnicode.isGraphic(cp) && !GoUnicode.isSpace(cp)) {
        return "";
      }
    }
    StringBuilder detail = new StringBuilder();
    String[] lines = s.split("\n", -1);
    int detailBytes = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (isAllGoSpace(line)) {
        break;
      }
      if (i > 0) {
        detail.append("\n\t");
        detailBytes += 2;
      }
      if (i >= MAX_DETAIL_LINES) {
        detail.append("[Truncated: too many lines.]");
        break;
      }
      int lineBytes = line.getBytes(StandardCharsets.UTF_8).length;
      if (detailBytes + lineBytes > MAX_DETAIL_BYTES) {
        detail.append("[Truncated: too long.]");
        break;
      }
      detail.append(line);
      detailBytes += lineBytes;
    }
    return detail.toString();
  }

  private static boolean isAllGoSpace(String line) {
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      i += Character.charCount(cp);
      if (!GoUnicode.isSpace(cp)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the body as Go's errorDetailBuffer keeps it: the first lines up to and including the
   * ninth newline; the rest is drained (bounded) and dropped.
   */
  private static byte[] readDetailPrefix(InputStream in) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    int lines = 0;
    long drained = 0;
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      for (int i = 0; i < n; i++) {
        if (lines <= MAX_DETAIL_LINES) {
          kept.write(buf[i]);
          if (buf[i] == '\n') {
            lines++;
          }
        }
      }
      drained += n;
      if (lines > MAX_DETAIL_LINES || drained > (1 << 20)) {
        break;
      }
    }
    return kept.toByteArray();
  }

  private static boolean isPlainTextUtf8(String contentType) {
    String[] parts = contentType.split(";");
    if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("text/plain")) {
      return false;
    }
    String charset = "";
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        charset = p.substring(eq + 1).strip();
        if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
          charset = charset.substring(1, charset.length() - 1);
        }
        charset = charset.toLowerCase(Locale.ROOT);
      }
    }
    return charset.equals("") || charset.equals("us-ascii") || charset.equals("utf-8");
  }
}
