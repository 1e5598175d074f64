package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Go's unicode/utf8 rules and Go's string order. */
class GoUtf8Test {

  /**
   * A lone surrogate sorts as its WTF-8 bytes (U+D800 is ED A0 80): after ASCII and a paired
   * supplementary character's F0 lead byte sorts after it. The expected order is what go1.19's
   * {@code sort.Strings} prints for the same byte strings.
   */
  @Test
  void compareSortsLikeGoIncludingLoneSurrogates() {
    List<String> s = new ArrayList<>(List.of("\uE000", "\uD800", "?", "\uD83D\uDE00", "\uFFFF",
        "a\uDC00", "a\uD800\uDC00", "z"));
    Collections.shuffle(s, new java.util.Random(1));
    s.sort(GoUtf8::compare);
    assertEquals(List.of("?", "a\uDC00", "a\uD800\uDC00", "z", "\uD800", "\uE000", "\uFFFF",
        "\uD83D\uDE00"), s);
  }

  @Test
  void compareIsConsistentWithEquality() {
    assertEquals(0, GoUtf8.compare("a\uD800", "a\uD800"));
    assertTrue(GoUtf8.compare("a", "ab") < 0);
    assertTrue(GoUtf8.compare("\uDBFF\uDFFF", "\uD800\uDC00") > 0);
  }

  @Test
  void validity() {
    assertTrue(GoUtf8.valid(new byte[] {'a', (byte) 0xC3, (byte) 0xA9}));
    assertFalse(GoUtf8.valid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})); // surrogate
    assertFalse(GoUtf8.valid(new byte[] {(byte) 0xC0, (byte) 0x80})); // overlong
    assertTrue(GoUtf8.validString("\uD83D\uDE00"));
    assertFalse(GoUtf8.validString("x\uD800"));
    assertFalse(GoUtf8.validString("\uDC00x"));
  }

  @Test
  void quotingALoneSurrogateShowsItsWtf8Bytes() {
    assertEquals("\"a\\xed\\xa0\\x80b\"", GoQuote.quote("a\uD800b"));
  }
}
