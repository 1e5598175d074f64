package io.github.goproxy4j.sumdb.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Parsing a tlog hash from its base64 form. */
class HashTest {
  static final String HELLO = "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=";

  @Test
  void hashParse() {
    assertEquals(HELLO, Hash.parse(HELLO).toString());
    for (String bad : new String[] {"", "AAAA", HELLO.replace("=", ""), HELLO + "AAAA", null}) {
      assertThrows(TlogFormatException.class, () -> Hash.parse(bad));
    }
  }
}
