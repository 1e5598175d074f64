package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PathRules} against golang.org/x/mod (module.SplitPathVersion and CheckPathMajor): x/mod
 * v0.7.0's recorded answers ({@code xmod-vectors.tsv}, made by {@code tools/xmod-vectors}),
 * x/mod's own test tables ({@code xmod-test-tables.tsv}) and, where go and x/mod are installed,
 * the live x/mod on seeded random inputs.
 */
class PathRulesXModTest extends XModAgreementTest {
  PathRulesXModTest() {
    super("PathRules");
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void splitPathVersion() {
    for (List<String> r : XModTables.table("splitPathVersionTests", 8)) {
      String path = r.get(0) + r.get(1);
      assertEquals(r.get(0).length(), PathRules.splitPathVersion(path), path);
      ModulePath p = ModulePath.parse(path);
      assertEquals(r.get(0), p.prefix());
      assertEquals(r.get(1), p.majorSuffix().orElse(""));
    }
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void matchPathMajor() {
    for (List<String> r : XModTables.table("TestMatchPathMajor", 11)) {
      assertEquals(Boolean.parseBoolean(r.get(2)),
          PathRules.checkPathMajorReason(r.get(0), r.get(1)) == null, r.toString());
    }
  }
}
