package io.github.goproxy4j.sumdb.tlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** x/mod tlog note_test.go: records. */
class RecordTest {
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
}
