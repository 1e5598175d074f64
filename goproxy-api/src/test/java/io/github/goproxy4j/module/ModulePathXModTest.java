package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ModulePath} against golang.org/x/mod (module.CheckPath, CheckImportPath, CheckFilePath,
 * EscapePath and UnescapePath): x/mod v0.7.0's recorded answers ({@code xmod-vectors.tsv}, made
 * by {@code tools/xmod-vectors}), x/mod's own test tables ({@code xmod-test-tables.tsv}) and,
 * where go and x/mod are installed, the live x/mod on seeded random inputs.
 */
class ModulePathXModTest extends XModAgreementTest {
  ModulePathXModTest() {
    super("ModulePath");
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void checkPathImportPathFilePath() {
    for (List<String> r : XModTables.table("checkPathTests", 90)) {
      String p = r.get(0);
      assertAll(p,
          () -> assertEquals(Boolean.parseBoolean(r.get(1)), ModulePath.isValid(p), "CheckPath"),
          () -> assertEquals(Boolean.parseBoolean(r.get(2)), ok(() -> ModulePath.checkImportPath(p)),
              "CheckImportPath"),
          () -> assertEquals(Boolean.parseBoolean(r.get(3)), ok(() -> ModulePath.checkFilePath(p)),
              "CheckFilePath"),
          () -> {
            int i = PathRules.splitPathVersion(p);
            // prefix + pathMajor always adds up to the input
            assertTrue(i < 0 || i <= p.length());
          },
          () -> {
            if (!Boolean.parseBoolean(r.get(1))) {
              assertThrows(InvalidModulePathException.class, () -> ModulePath.escape(p));
              assertThrows(InvalidModulePathException.class, () -> ModulePath.unescape(p));
            }
          });
    }
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void escapeAndUnescapePath() {
    for (List<String> r : XModTables.table("escapeTests", 2)) {
      String path = r.get(0);
      String esc = r.size() > 1 ? r.get(1) : path;
      assertEquals(esc, ModulePath.escape(path));
      assertEquals(esc, ModulePath.parse(path).escaped());
      assertEquals(path, ModulePath.unescape(esc).toString());
    }
    for (List<String> r : XModTables.table("badUnescape", 6)) {
      assertThrows(InvalidModulePathException.class, () -> ModulePath.unescape(r.get(0)), r.get(0));
    }
  }

  private static boolean ok(Runnable r) {
    try {
      r.run();
      return true;
    } catch (InvalidModulePathException e) {
      return false;
    }
  }
}
