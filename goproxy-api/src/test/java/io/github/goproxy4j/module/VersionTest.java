package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Version: the documented examples, ordering, Go's error texts and hostile input. */
class VersionTest {

  @Test
  void versionExamples() {
    Version v = Version.parse("v1.2.3-rc.1+meta");
    assertEquals("v1", v.major());
    assertEquals("v1.2", v.majorMinor());
    assertEquals("-rc.1", v.prerelease());
    assertEquals("+meta", v.build());
    assertTrue(v.isPrerelease());
    assertFalse(v.isIncompatible());
    assertFalse(v.isCanonical());
    assertEquals("v1.2.3-rc.1", v.canonical().toString());
    assertEquals("v1.2.0", Version.parse("v1.2").canonical().toString());
    assertEquals("v2.0", Version.parse("v2").majorMinor());
    assertEquals("v2.0.0+incompatible", Version.parse("v2.0.0+incompatible").canonical().toString());
    assertTrue(Version.parse("v2.0.0+incompatible").isCanonical());
    assertEquals("v1.0.0-!r!c1", Version.escape("v1.0.0-RC1"));
    assertEquals("v1.0.0-!r!c1", Version.parse("v1.0.0-RC1").escaped());
    assertEquals("v1.0.0-RC1", Version.unescape("v1.0.0-!r!c1"));
    assertEquals("master", Version.escape("master"));
    assertEquals(-1, Version.compare("v1.2.3", "v1.10.0"));
    assertEquals(-1, Version.compare("junk", "v0.0.1"));
    assertEquals(0, Version.compare("junk", null));
    assertEquals("version \"1.2.3\" invalid: not a semantic version",
        assertThrows(InvalidVersionException.class, () -> Version.parse("1.2.3")).getMessage());
    assertEquals("version \"a/b\" invalid: disallowed version string",
        assertThrows(InvalidVersionException.class, () -> Version.escape("a/b")).getMessage());
    assertEquals("invalid escaped version \"v1.0.0-RC1\"",
        assertThrows(InvalidVersionException.class, () -> Version.unescape("v1.0.0-RC1")).getMessage());
  }

  @Test
  void versionOrderingIsNotConsistentWithEquals() {
    Version a = Version.parse("v1.2");
    Version b = Version.parse("v1.2.0");
    Version c = Version.parse("v1.2.0+meta");
    assertEquals(0, a.compareTo(b));
    assertEquals(0, b.compareTo(c));
    assertNotEquals(a, b);
    assertNotEquals(b, c);
    assertEquals(Version.parse("v1.2"), a);
    assertEquals("v1.2".hashCode(), a.hashCode());
    List<String> list = new ArrayList<>(List.of("v1.10.0", "v1.2.0", "bad", "v1.2", "v1.2.0-pre"));
    Version.sortStrings(list);
    assertEquals(List.of("bad", "v1.2.0-pre", "v1.2", "v1.2.0", "v1.10.0"), list);
    List<Version> vs = new ArrayList<>(List.of(Version.parse("v1.2.0"), Version.parse("v1.2")));
    Version.sort(vs);
    assertEquals(List.of(Version.parse("v1.2"), Version.parse("v1.2.0")), vs);
  }

  @Test
  void nullAndHostileInputGiveTheDocumentedExceptions() {
    assertFalse(Version.isValid(null));
    assertThrows(InvalidVersionException.class, () -> Version.parse(null));
    assertThrows(InvalidVersionException.class, () -> Version.escape(null));
    assertThrows(InvalidVersionException.class, () -> Version.unescape(null));
    String hugeVersion = "v1.0.0-" + "9".repeat(1 << 20);
    assertTrue(Version.isValid(hugeVersion));
    assertEquals(1, Version.compare(hugeVersion, "v1.0.0-" + "9".repeat(1000)));
  }
}
