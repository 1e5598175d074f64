package io.github.goproxy4j.modfile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Parse totality: for any bytes, {@link GoModFile#parse} either returns a file or throws the
 * documented {@link GoModSyntaxException} whose message starts with the file name and a line.
 * Under {@code mvn verify} the seed inputs in {@code GoModFileFuzzTestInputs/} are replayed;
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class GoModFileFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse(byte[] data) {
    for (String release : new String[] {"1.19", "1.25"}) {
      try {
        GoModFile f = GoModFile.parse("go.mod", data, release);
        f.requires().forEach(r -> assertFalse(r.version().isEmpty()));
        f.retractions().forEach(r -> r.contains("v1.0.0"));
        f.deprecated().ifPresent(d -> assertFalse(d.isEmpty()));
      } catch (GoModSyntaxException e) {
        assertTrue(e.getMessage().startsWith("go.mod:"), e.getMessage());
        assertFalse(e.errors().isEmpty());
      }
    }
  }
}
