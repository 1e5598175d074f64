package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ModuleVersion} against golang.org/x/mod (module.Check): x/mod v0.7.0's recorded answers
 * ({@code xmod-vectors.tsv}, made by {@code tools/xmod-vectors}), x/mod's own test tables ({@code
 * xmod-test-tables.tsv}) and, where go and x/mod are installed, the live x/mod on seeded random
 * inputs.
 */
class ModuleVersionXModTest extends XModAgreementTest {
  ModuleVersionXModTest() {
    super("ModuleVersion");
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void check() {
    for (List<String> r : XModTables.table("checkTests", 20)) {
      boolean ok = Boolean.parseBoolean(r.get(2));
      if (ok) {
        assertDoesNotThrow(() -> ModuleVersion.of(r.get(0), r.get(1)), r.toString());
      } else {
        assertThrows(IllegalArgumentException.class, () -> ModuleVersion.of(r.get(0), r.get(1)),
            r.toString());
      }
    }
  }
}
