package io.github.goproxy4j.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.zip.ZipException;

/**
 * Fuzzes the go.sum parser, the h1 parser and the zip hasher: whatever the input, only the
 * documented exception escapes, and accepted input round-trips. Without {@code JAZZER_FUZZ=1}
 * this replays the seeds under {@code SumdbParsersFuzzTestInputs/}.
 */
class SumdbParsersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void goSum(byte[] data) {
    GoSum s;
    try {
      s = GoSum.parse("go.sum", data);
    } catch (GoSumFormatException e) {
      assertTrue(e.getMessage().startsWith("malformed go.sum:\ngo.sum:" + e.line() + ": "), e.getMessage());
      assertTrue(e.line() >= 1);
      return;
    }
    String formatted = s.format();
    assertEquals(formatted, GoSum.parse(formatted).format(), "format is a fixed point");
    assertTrue(formatted.isEmpty() || formatted.endsWith("\n"));
  }

  @FuzzTest(maxDuration = "30s")
  void moduleHash(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    ModuleHash h;
    try {
      h = ModuleHash.parse(s);
    } catch (InvalidModuleHashException e) {
      assertTrue(e.getMessage().startsWith("invalid module hash "), e.getMessage());
      return;
    }
    assertEquals(s, h.toString());
  }

  @FuzzTest(maxDuration = "30s")
  void zip(byte[] data) {
    try {
      ModuleHash h = ModuleHash.ofZip(data);
      assertEquals(47, h.toString().length());
    } catch (ZipException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
    }
  }
}
