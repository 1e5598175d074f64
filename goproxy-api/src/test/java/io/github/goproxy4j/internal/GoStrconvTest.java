package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Go's strconv rules the flag package applies. The int cases were checked against go1.27's
 * {@code go list -m -p VALUE}: accepted values list, refused ones print go's
 * {@code invalid value "VALUE" for flag -p: parse error} or {@code value out of range}
 * (ModuleGraphCommandsTest compares the command with go).
 */
class GoStrconvTest {
  @Test
  void parseIntTakesGoIntegerLiterals() {
    Object[][] ok = {
        {"4", 4L}, {"+4", 4L}, {"-1", -1L}, {"0", 0L}, {"010", 8L}, {"0o10", 8L}, {"0O10", 8L},
        {"0x1f", 31L}, {"0X1F", 31L}, {"0b101", 5L}, {"1_000", 1000L}, {"0x_1_0", 16L}, {"0_7", 7L},
        {"9223372036854775807", Long.MAX_VALUE}, {"-9223372036854775808", Long.MIN_VALUE}};
    for (Object[] c : ok) {
      assertEquals(c[1], GoStrconv.parseInt((String) c[0]), (String) c[0]);
    }
  }

  @Test
  void parseIntRefusesAsGo() {
    String[][] bad = {
        {"", "parse error"}, {"+", "parse error"}, {"x", "parse error"}, {"0x", "parse error"},
        {"08", "parse error"}, {"1__0", "parse error"}, {"_1", "parse error"}, {"1_", "parse error"},
        {"0b2", "parse error"}, {" 1", "parse error"}, {"\u0663", "parse error"}, {"1.0", "parse error"},
        {"9223372036854775808", "value out of range"}, {"-9223372036854775809", "value out of range"},
        {"99999999999999999999", "value out of range"}, {"99999999999999999999x", "value out of range"}};
    for (String[] c : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoStrconv.parseInt(c[0]), c[0]);
      assertEquals(c[1], e.getMessage(), c[0]);
    }
  }

  @Test
  void parseBoolTakesGoSpellingsOnly() {
    assertEquals(Optional.of(true), GoStrconv.parseBool("T"));
    assertEquals(Optional.of(false), GoStrconv.parseBool("False"));
    assertEquals(Optional.empty(), GoStrconv.parseBool("yes"));
  }
}
