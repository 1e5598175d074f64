package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Totality of txtar parsing and module-archive reading: for any bytes, the result is an archive
 * or an {@link InvalidFakeModuleException} whose message names the file. Under
 * {@code mvn verify} the seed inputs in {@code TxtarFuzzTestInputs/} are replayed;
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class TxtarFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse(byte[] data) {
    try {
      Txtar.Archive a = Txtar.parse("f.txt", data);
      for (Txtar.Section s : a.sections()) {
        assertTrue(s.line() >= 1 && !s.name().isEmpty());
        byte[] d = s.data();
        assertTrue(d.length == 0 || d[d.length - 1] == '\n');
      }
    } catch (InvalidFakeModuleException e) {
      assertTrue(e.getMessage().startsWith("f.txt:"), e.getMessage());
    }
    for (boolean lenient : new boolean[] {false, true}) {
      try {
        ServedVersion sv = ModuleSources.fromTxtar("example.com_m_v1.0.0.txt", data, lenient);
        assertTrue(sv.hasZip());
      } catch (InvalidFakeModuleException e) {
        assertTrue(e.getMessage().startsWith("example.com_m_v1.0.0.txt"), e.getMessage());
      }
    }
  }
}
