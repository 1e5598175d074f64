package io.github.goproxy4j.sumdb.tlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** x/mod tlog note_test.go: tree notes and records. */
class TreeHeadRecordTest {
  static final String HELLO = "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=";
  static final String TREE = "go.sum database tree\n123456789012\n" + HELLO + "\n";

  @Test
  void formatAndParseTree() {
    TreeHead t = new TreeHead(123456789012L, Hash.ofRecord("hello world".getBytes(StandardCharsets.UTF_8)));
    assertEquals(TREE, t.format());
    assertEquals(t, TreeHead.parse(TREE));
    assertEquals(t, TreeHead.parse(TREE + "JOE"));
    assertEquals(t, TreeHead.parse(TREE + "JOE\n"));
    assertEquals(t, TreeHead.parse(TREE + "JOE\n".repeat(1000)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "go.sum database tree\n0xabcdef\n" + HELLO + "\n",
      "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n",
      "go.sum database tree\n123456789012\n" + HELLO,
      "go.sum database tree\n0123\n" + HELLO + "\n",
      "go.sum database tree\n+123\n" + HELLO + "\n",
      "go.sum database tree\n-1\n" + HELLO + "\n",
      "go.sum database tree\n99999999999999999999\n" + HELLO + "\n",
      "go.sum database tree\n12\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0\n",
      "go.sum database tree v2\n12\n" + HELLO + "\n",
      ""})
  void malformedTrees(String text) {
    TlogFormatException e = assertThrows(TlogFormatException.class, () -> TreeHead.parse(text));
    assertEquals("malformed tree note", e.getMessage());
  }

  @Test
  void tooLargeTree() {
    assertThrows(TlogFormatException.class, () -> TreeHead.parse(TREE + "x".repeat(1_000_000)));
  }

  @Test
  void records() {
    assertEquals("123456789012\nhello, world\n\n",
        new String(Record.format(123456789012L, "hello, world\n".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    for (String bad : new String[] {"", "hello\nworld", "hello\n\nworld\n", "hello\u0001world\n"}) {
      assertThrows(TlogFormatException.class, () -> Record.format(1, bad.getBytes(StandardCharsets.UTF_8)), bad);
    }
    byte[] msg = "123456789012\nhello, world\n\njunk on end\u0001\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    Record r = Record.parse(msg);
    assertEquals(123456789012L, r.id());
    assertEquals("hello, world\n", r.textString());
    assertArrayEquals("junk on end\u0001\u00ff".getBytes(StandardCharsets.ISO_8859_1), r.rest());
    assertEquals(7, Record.parse("+007\nx\n\n".getBytes(StandardCharsets.UTF_8)).id(), "Go's lenient ParseInt");
    for (String bad : new String[] {"not-" + "123456789012\nhello, world\n\n", "123\nhello\u0001world\n\n",
        "123\nhello world\n", "0x123\nhello world\n\n", "123"}) {
      assertThrows(TlogFormatException.class, () -> Record.parse(bad.getBytes(StandardCharsets.UTF_8)), bad);
    }
    byte[] badUtf8 = "123\nhello\u00ffworld\n\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThrows(TlogFormatException.class, () -> Record.parse(badUtf8));
    assertTrue(Record.isValidRecordText("\n".getBytes(StandardCharsets.UTF_8)), "Go accepts a lone newline");
    assertFalse(Record.isValidRecordText(null));
  }

  @Test
  void hashParse() {
    assertEquals(HELLO, Hash.parse(HELLO).toString());
    for (String bad : new String[] {"", "AAAA", HELLO.replace("=", ""), HELLO + "AAAA", null}) {
      assertThrows(TlogFormatException.class, () -> Hash.parse(bad));
    }
  }
}
