package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PseudoVersion} against golang.org/x/mod (module.PseudoVersion and its parts): x/mod
 * v0.7.0's recorded answers ({@code xmod-vectors.tsv}, made by {@code tools/xmod-vectors}),
 * x/mod's own test tables ({@code xmod-test-tables.tsv}) and, where go and x/mod are installed,
 * the live x/mod on seeded random inputs.
 */
class PseudoVersionXModTest extends XModAgreementTest {
  private static final Instant PSEUDO_TIME = Instant.parse("2006-01-02T15:04:05Z");

  PseudoVersionXModTest() {
    super("PseudoVersion");
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void pseudoVersions() {
    for (List<String> r : XModTables.table("pseudoTests", 13)) {
      String major = r.get(0);
      String older = r.get(1);
      String version = r.get(2);
      assertEquals(version, PseudoVersion.of(major, older, PSEUDO_TIME, "hash").toString());
      assertTrue(PseudoVersion.isPseudo(version), version);
      assertFalse(PseudoVersion.isPseudo(older), older);
      PseudoVersion p = PseudoVersion.parse(version);
      assertEquals(PSEUDO_TIME, p.time());
      assertEquals("hash", p.revision());
      assertEquals(older, p.base().map(Version::toString).orElse(""));
      assertThrows(InvalidVersionException.class, () -> PseudoVersion.parse(older));
    }
    assertThrows(InvalidVersionException.class, () -> PseudoVersion.parse("---"));
    for (List<String> r : XModTables.table("TestInvalidPseudoVersionBase", 7)) {
      assertThrows(InvalidVersionException.class, () -> PseudoVersion.parse(r.get(0)), r.get(0));
    }
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void incAndDecDecimal() {
    for (List<String> r : XModTables.table("TestIncDecimal", 5)) {
      assertEquals(r.get(1), PseudoVersion.incDecimal(r.get(0)));
    }
    for (List<String> r : XModTables.table("TestDecDecimal", 8)) {
      assertEquals(r.get(1), PseudoVersion.decDecimal(r.get(0)));
    }
  }
}
