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

  /**
   * foldKey's ASCII shortcut (the lower-case string) is what the tables' SimpleFold orbits give:
   * every ASCII rune's orbit minimum, A-Z taken as a-z, is its ASCII lower-case form, in every
   * release's tables; and a string with a non-ASCII rune still folds through the tables.
   */
  @Test
  void asciiFoldKeyIsTheTablesLowerCase() {
    for (int minor = 19; minor <= UnicodeTables.newestGoMinor(); minor++) {
      UnicodeTables t = UnicodeTables.forGoMinor(minor);
      StringBuilder all = new StringBuilder();
      StringBuilder folded = new StringBuilder();
      for (int r = 0; r < 0x80; r++) {
        int lower = r >= 'A' && r <= 'Z' ? r + ('a' - 'A') : r;
        assertEquals(lower, GoUnicode.foldRune(r, t), "go1." + minor + " foldRune(" + r + ")");
        all.append((char) r);
        folded.append((char) GoUnicode.foldRune(r, t));
      }
      assertEquals(folded.toString(), GoUnicode.foldKey(all.toString(), t), "go1." + minor);
      assertEquals("go.mod", GoUnicode.foldKey("GO.MOD", t));
      assertEquals("go.mod", GoUnicode.foldKey("GO.MO\u0044", t));
      assertEquals("k/s", GoUnicode.foldKey("\u212A/\u017F", t), "go1." + minor + ": Kelvin sign and long s");
    }
  }
}
