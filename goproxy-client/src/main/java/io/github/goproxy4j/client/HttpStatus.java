package io.github.goproxy4j.client;

import io.github.goproxy4j.client.internal.StatusText;
import io.github.goproxy4j.env.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Go's view of an HTTP answer ({@code cmd/go/internal/web}): the status line as net/http shows
 * it, and the {@code reading <url>: <status>} message with the {@code server response:} detail
 * taken from short {@code text/plain} bodies.
 */
final class HttpStatus {
  static final int MAX_DETAIL_LINES = 8;
  static final int MAX_DETAIL_BYTES = MAX_DETAIL_LINES * 81;

  private HttpStatus() {}

  /** The status as Go prints it: {@code "404 Not Found"}. */
  static String line(int status) {
    return StatusText.line(status);
  }

  static boolean isNotFound(int status) {
    return status == 404 || status == 410;
  }

  /**
   * Builds Go's message for a non-200 answer and consumes the body as needed.
   *
   * @param redactedUrl the request URL without credentials
   * @param response the answer
   * @return {@code reading <url>: <status>[\n\tserver response:…]}
   */
  static String message(String redactedUrl, Transport.Response response) {
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
    String status = line(response.status());
    if (!detail.isEmpty()) {
      String sep = detail.indexOf('\n') >= 0 ? "\n\t" : " ";
      return "reading " + redactedUrl + ": " + status + "\n\tserver response:" + sep + detail;
    }
    return "reading " + redactedUrl + ": " + status;
  }

  /** The {@code server response} detail of a text/plain error body, or "". */
  static String detail(Transport.Response response) {
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
      if (!isGoGraphic(cp) && !isGoSpace(cp)) {
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
      if (!isGoSpace(cp)) {
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
    java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
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

  static boolean isPlainTextUtf8(String contentType) {
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

  /** unicode.IsSpace. */
  static boolean isGoSpace(int cp) {
    switch (cp) {
      case '\t': case '\n': case 0x0B: case '\f': case '\r': case ' ': case 0x85: case 0xA0:
        return true;
      default:
        return cp > 0xff && Character.isSpaceChar(cp) || cp == 0x1680 || cp == 0x2028
            || cp == 0x2029;
    }
  }

  /** unicode.IsGraphic: letters, marks, numbers, punctuation, symbols and Zs spaces. */
  static boolean isGoGraphic(int cp) {
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER: case Character.LOWERCASE_LETTER:
      case Character.TITLECASE_LETTER: case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER: case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK: case Character.COMBINING_SPACING_MARK:
      case Character.DECIMAL_DIGIT_NUMBER: case Character.LETTER_NUMBER:
      case Character.OTHER_NUMBER: case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION: case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION: case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION: case Character.OTHER_PUNCTUATION:
      case Character.MATH_SYMBOL: case Character.CURRENCY_SYMBOL:
      case Character.MODIFIER_SYMBOL: case Character.OTHER_SYMBOL:
      case Character.SPACE_SEPARATOR:
        return true;
      default:
        return false;
    }
  }
}
