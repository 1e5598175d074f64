package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.env.Transport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go's HTTP error text (cmd/go/internal/web HTTPError and formatErrorDetail). */
class HttpErrorTest {
  private static final String URL = "https://proxy.example/example.com/m/@v/list";

  private static Transport.Response resp(int status, String contentType, String body) {
    return Transport.Response.of(status,
        contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType)),
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void plainStatus() {
    assertEquals("reading " + URL + ": 404 Not Found",
        HttpError.message(URL, resp(404, null, "not found")));
    assertEquals("reading " + URL + ": 410 Gone",
        HttpError.message(URL, resp(410, "text/html", "<html>gone</html>")));
  }

  @Test
  void singleLineDetail() {
    assertEquals("reading " + URL + ": 403 Forbidden\n\tserver response: go away",
        HttpError.message(URL, resp(403, "text/plain; charset=utf-8", "go away\n")));
  }

  @Test
  void multiLineDetailStopsAtBlankLine() {
    assertEquals("reading " + URL + ": 500 Internal Server Error\n\tserver response:\n\ta\n\tb",
        HttpError.message(URL, resp(500, "text/plain", "a\nb\n\nc\n")));
  }

  @Test
  void tooManyLinesAndTooLong() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      many.append("l").append(i).append('\n');
    }
    assertEquals("reading " + URL + ": 502 Bad Gateway\n\tserver response:\n\tl0\n\tl1\n\tl2\n\tl3"
            + "\n\tl4\n\tl5\n\tl6\n\tl7\n\t[Truncated: too many lines.]",
        HttpError.message(URL, resp(502, "text/plain", many.toString())));
    String longLine = "x".repeat(700);
    assertEquals("reading " + URL + ": 502 Bad Gateway\n\tserver response: [Truncated: too long.]",
        HttpError.message(URL, resp(502, "text/plain", longLine)));
  }

  @Test
  void controlCharactersAndOtherCharsetsAreNotShown() {
    assertEquals("reading " + URL + ": 400 Bad Request",
        HttpError.message(URL, resp(400, "text/plain", "\u001b[31mred")));
    assertEquals("reading " + URL + ": 400 Bad Request",
        HttpError.message(URL, resp(400, "text/plain; charset=iso-8859-1", "hello")));
  }

  @Test
  void fileProxyErrors() {
    assertEquals("reading file:///tmp/p/m/@v/list: no such file or directory",
        HttpError.message("file:///tmp/p/m/@v/list", resp(404, null, "")));
  }

  @Test
  void checksumDatabaseAnswersGetTheSameDetail() {
    assertEquals("not found: example.com/m@v1.0.0",
        HttpError.detail(resp(404, "text/plain", "not found: example.com/m@v1.0.0\n")));
    assertEquals("line1\n\tline2",
        HttpError.detail(resp(404, "text/plain", "line1\nline2\n\nignored after blank line\n")));
    assertEquals("", HttpError.detail(resp(404, "text/plain", "bell\u0007")));
    assertEquals("", HttpError.detail(Transport.Response.of(404,
        Map.of("Content-Type", List.of("text/plain")),
        new ByteArrayInputStream(new byte[] {(byte) 0xff, 'a'}))));
    assertEquals("[Truncated: too long.]", HttpError.detail(resp(404, "text/plain", "x".repeat(700))));
  }

  @Test
  void statusLinesAsNetHttpPrintsThem() {
    assertEquals("404 Not Found", StatusText.line(404));
    assertEquals("410 Gone", StatusText.line(410));
    assertEquals("599 status code 599", StatusText.line(599));
    assertEquals("", StatusText.of(599));
  }
}
