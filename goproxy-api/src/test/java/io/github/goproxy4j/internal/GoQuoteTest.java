package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoQuoteTest {
  @Test
  void quoteCutOfBytesCutsLongUtf8LikeQuoteCutOfText() {
    String longText = "a".repeat(400);
    assertEquals("\"" + "a".repeat(300) + "\"...",
        GoQuote.quoteCut(longText.getBytes(StandardCharsets.UTF_8)));
    assertEquals("\"h\u00e9\\n\"", GoQuote.quoteCut("h\u00e9\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void quoteCutOfInvalidUtf8EscapesOnlyTheBadBytes() {
    byte[] b = {'a', (byte) 0xff, (byte) 0xc3, (byte) 0xa9};
    assertEquals("\"a\\xff\u00e9\"", GoQuote.quoteCut(b));
  }
}
