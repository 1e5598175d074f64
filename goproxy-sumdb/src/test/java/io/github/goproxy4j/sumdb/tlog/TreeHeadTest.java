package io.github.goproxy4j.sumdb.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** x/mod tlog note_test.go: tree notes. */
class TreeHeadTest {

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
}
