package io.github.goproxy4j.sumdb.tlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the tile-path, tree-note and record parsers: only {@link TlogFormatException} escapes,
 * and accepted input round-trips. Without {@code JAZZER_FUZZ=1} this replays the seeds under
 * {@code TlogParsersFuzzTestInputs/}.
 */
class TlogParsersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void tilePath(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    Tile t;
    try {
      t = Tile.parse(s);
    } catch (TlogFormatException e) {
      assertTrue(e.getMessage().startsWith("malformed tile path "), e.getMessage());
      return;
    }
    assertEquals(s, t.path());
    assertEquals(t, Tile.parse(t.path()));
  }

  @FuzzTest(maxDuration = "30s")
  void treeNote(byte[] data) {
    TreeHead t;
    try {
      t = TreeHead.parse(data);
    } catch (TlogFormatException e) {
      assertEquals("malformed tree note", e.getMessage());
      return;
    }
    assertEquals(t, TreeHead.parse(t.format()));
  }

  @FuzzTest(maxDuration = "30s")
  void record(byte[] data) {
    Record r;
    try {
      r = Record.parse(data);
    } catch (TlogFormatException e) {
      assertEquals("malformed record data", e.getMessage());
      return;
    }
    assertTrue(Record.isValidRecordText(r.text()));
    byte[] again = Record.format(r.id(), r.text());
    Record back = Record.parse(again);
    assertEquals(r.id(), back.id());
    assertArrayEquals(r.text(), back.text());
  }
}
