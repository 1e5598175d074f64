package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GoUnicodeTest {
  /** Go's unicode.IsPrint and IsGraphic on ASCII: the space and 0x21-0x7E, no control character. */
  @Test
  void asciiPrintAndGraphicAsGoDefinesThem() {
    for (int r = 0; r < 0x80; r++) {
      boolean printable = r == ' ' || (r >= '!' && r <= '~');
      assertEquals(printable, GoUnicode.isPrint(r), "IsPrint(" + r + ")");
      assertEquals(printable, GoUnicode.isGraphic(r), "IsGraphic(" + r + ")");
    }
  }

  /** Past ASCII the tables answer: U+00A0 is graphic (Zs) but not printable; é is both. */
  @Test
  void beyondAsciiTheTablesAnswer() {
    assertFalse(GoUnicode.isPrint(0xA0));
    assertTrue(GoUnicode.isGraphic(0xA0));
    assertTrue(GoUnicode.isPrint(0xE9));
    assertTrue(GoUnicode.isGraphic(0xE9));
    assertFalse(GoUnicode.isPrint(0x90)); // a C1 control
  }
}
