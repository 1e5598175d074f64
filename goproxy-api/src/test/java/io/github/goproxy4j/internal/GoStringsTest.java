package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Go's strings.Fields and TrimSpace: white space is unicode.IsSpace, not Java's. */
class GoStringsTest {

  @Test
  void fieldsSplitOnUnicodeSpace() {
    assertEquals(List.of("a", "b", "c"), GoStrings.fields("\u00a0a\tb\u2003c\u0085"));
    assertEquals(List.of(), GoStrings.fields(" \u3000\u205f "));
    // U+200B (zero width space) and U+FEFF are not white space in Go.
    assertEquals(List.of("a\u200bb\ufeff"), GoStrings.fields("a\u200bb\ufeff"));
    assertEquals(List.of("\uD83D\uDE00", "x"), GoStrings.fields("\uD83D\uDE00\u1680x"));
  }

  @Test
  void trimSpaceTrimsGoSpaceOnly() {
    assertEquals("a b", GoStrings.trimSpace("\u0085\u00a0a b\u2028\u2029\u202f"));
    assertEquals("\u200ba\u200b", GoStrings.trimSpace(" \u200ba\u200b "));
    assertEquals("", GoStrings.trimSpace("\t\n\u000b\f\r "));
  }
}
