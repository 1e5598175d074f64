package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PseudoVersion: the documented examples, Go's error texts and hostile input. */
class PseudoVersionTest {

  @Test
  void pseudoVersionExamples() {
    PseudoVersion p = PseudoVersion.parse("v1.2.4-0.20191109021931-daa7c04131f5");
    assertEquals(Optional.of(Version.parse("v1.2.3")), p.base());
    assertEquals(Instant.parse("2019-11-09T02:19:31Z"), p.time());
    assertEquals("daa7c04131f5", p.revision());
    assertTrue(p.version().isPseudo());
    Instant t = Instant.parse("2006-01-02T15:04:05.999Z");
    assertEquals("v2.0.0-20060102150405-abcdefabcdef", PseudoVersion.of("v2", "", t, "abcdefabcdef").toString());
    assertEquals("v1.2.3-pre.0.20060102150405-abcdefabcdef",
        PseudoVersion.of("", "v1.2.3-pre", t, "abcdefabcdef").toString());
    assertEquals("v0.0.0-00010101000000-000000000000", PseudoVersion.zero("").toString());
    assertEquals("pseudo-version \"v1.2.3\" invalid: syntax error",
        assertThrows(InvalidVersionException.class, () -> PseudoVersion.parse("v1.2.3")).getMessage());
    assertEquals("pseudo-version \"v0.0.0-20191309021931-abc\" invalid: malformed time \"20191309021931\"",
        assertThrows(InvalidVersionException.class,
            () -> PseudoVersion.parse("v0.0.0-20191309021931-abc")).getMessage());
    assertEquals("pseudo-version \"v1.0.0-0.20191109021931-abc\" invalid: "
            + "version before v1.0.0 would have negative patch number",
        assertThrows(InvalidVersionException.class,
            () -> PseudoVersion.parse("v1.0.0-0.20191109021931-abc")).getMessage());
    assertThrows(InvalidVersionException.class, () -> PseudoVersion.of("v2", "", t, "not-alnum"));
    assertThrows(InvalidVersionException.class, () -> PseudoVersion.of("2", "", t, "abc"));
    assertThrows(InvalidVersionException.class, () -> PseudoVersion.of("", "1.0", t, "abc"));
    assertThrows(InvalidVersionException.class,
        () -> PseudoVersion.of("", "", Instant.parse("+10000-01-01T00:00:00Z"), "abc"));
    assertThrows(InvalidVersionException.class, () -> PseudoVersion.of("", "", Instant.MAX, "abc"));
  }

  @Test
  void nullAndHostileInputGiveTheDocumentedExceptions() {
    assertFalse(PseudoVersion.isPseudo(null));
    assertThrows(InvalidVersionException.class, () -> PseudoVersion.parse(null));
    assertThrows(InvalidVersionException.class, () -> PseudoVersion.of(null, null, null, null));
  }
}
