package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.internal.GoQuote;

/**
 * Fuzzes the four parsers of the module model: whatever the input, only the documented
 * exception escapes, its message names the input, and accepted inputs round-trip. Without
 * {@code JAZZER_FUZZ=1} this replays the seeds under {@code ModuleParsersFuzzTestInputs/}.
 */
class ModuleParsersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void modulePath(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    ModulePath p;
    try {
      p = ModulePath.parse(s);
    } catch (InvalidModulePathException e) {
      assertTrue(e.getMessage().startsWith("malformed module path " + GoQuote.quote(s) + ": "),
          e.getMessage());
      assertEquals(s, e.input());
      return;
    }
    assertEquals(s, p.toString());
    assertEquals(p, ModulePath.unescape(p.escaped()));
    assertEquals(s, p.prefix() + p.majorSuffix().orElse(""));
  }

  @FuzzTest(maxDuration = "30s")
  void version(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    Version v;
    try {
      v = Version.parse(s);
    } catch (InvalidVersionException e) {
      assertEquals("version " + GoQuote.quote(s) + " invalid: not a semantic version", e.getMessage());
      return;
    }
    assertEquals(s, v.toString());
    assertEquals(0, v.compareTo(v.canonical()));
    assertEquals(s, Version.unescape(v.escaped()));
    assertNotNull(v.majorMinor());
  }

  @FuzzTest(maxDuration = "30s")
  void pseudoVersion(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    PseudoVersion p;
    try {
      p = PseudoVersion.parse(s);
    } catch (InvalidVersionException e) {
      assertTrue(e.getMessage().startsWith("pseudo-version " + GoQuote.quote(s) + " invalid: "),
          e.getMessage());
      return;
    }
    assertEquals(s, p.toString());
    assertTrue(p.version().isPseudo());
    assertEquals(p.revision(), s.substring(s.lastIndexOf('-', s.length() - p.version().build().length()) + 1,
        s.length() - p.version().build().length()));
  }

  @FuzzTest(maxDuration = "30s")
  void moduleVersion(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    ModuleVersion mv;
    try {
      mv = ModuleVersion.parse(s);
    } catch (InvalidModulePathException | InvalidVersionException e) {
      assertNotNull(e.getMessage());
      assertTrue(!e.getMessage().isEmpty());
      return;
    }
    assertEquals(s, mv.toString());
    assertEquals(mv, ModuleVersion.of(mv.path(), mv.version()));
  }
}
