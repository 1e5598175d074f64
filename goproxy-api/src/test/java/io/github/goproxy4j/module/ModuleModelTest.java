package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The documented behaviour of the public module model: examples, identity, hostile input. */
class ModuleModelTest {

  @Test
  void modulePathExamples() {
    ModulePath p = ModulePath.parse("github.com/Azure/azure-sdk/v2");
    assertEquals("github.com/!azure/azure-sdk/v2", p.escaped());
    assertEquals(Optional.of("/v2"), p.majorSuffix());
    assertEquals("github.com/Azure/azure-sdk", p.prefix());
    assertEquals("github.com/Azure/azure-sdk/v2", p.toString());
    ModulePath g = ModulePath.parse("gopkg.in/yaml.v2-unstable");
    assertEquals(Optional.of(".v2-unstable"), g.majorSuffix());
    assertEquals("gopkg.in/yaml", g.prefix());
    assertEquals(Optional.empty(), ModulePath.parse("golang.org/x/mod").majorSuffix());
    assertEquals("github.com/Azure/go-autorest",
        ModulePath.unescape("github.com/!azure/go-autorest").toString());
    InvalidModulePathException e =
        assertThrows(InvalidModulePathException.class, () -> ModulePath.parse("x"));
    assertEquals("malformed module path \"x\": missing dot in first path element", e.getMessage());
    assertEquals("x", e.input());
    assertEquals("malformed module path \"example.com/foo/v1\": invalid version",
        assertThrows(InvalidModulePathException.class, () -> ModulePath.parse("example.com/foo/v1"))
            .getMessage());
  }

  @Test
  void importAndFilePaths() {
    ModulePath.checkImportPath("example.com/pkg/c++");
    ModulePath.checkFilePath("internal/x.go");
    ModulePath.checkFilePath("dir/caf\u00e9 (1).go");
    assertEquals("malformed import path \"a//b\": double slash",
        assertThrows(InvalidModulePathException.class, () -> ModulePath.checkImportPath("a//b"))
            .getMessage());
    assertEquals("malformed file path \"aux.go\": \"aux\" disallowed as path element component on Windows",
        assertThrows(InvalidModulePathException.class, () -> ModulePath.checkFilePath("aux.go"))
            .getMessage());
  }

  /** Letters follow the selected Go release's Unicode tables (measured with go1.19, 1.26, 1.27). */
  @Test
  void filePathLettersFollowTheGoRelease() {
    String u1c8a = "a/\u1c8a.go";      // a letter since Unicode 16: only go1.27
    String u31350 = "a/\ud884\udf50.go"; // U+31350, a letter since Unicode 15: go1.21 on
    ModulePath.checkFilePath(u1c8a, "1.27");
    ModulePath.checkFilePath(u1c8a);     // the newest release by default
    assertEquals("malformed file path \"a/\\u1c8a.go\": invalid char '\\u1c8a'",
        assertThrows(InvalidModulePathException.class, () -> ModulePath.checkFilePath(u1c8a, "1.26"))
            .getMessage());
    ModulePath.checkFilePath(u31350, "go1.26.10");
    ModulePath.checkFilePath(u31350, "1.27");
    assertEquals("malformed file path \"a/\\U00031350.go\": invalid char '\\U00031350'",
        assertThrows(InvalidModulePathException.class, () -> ModulePath.checkFilePath(u31350, "1.19"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> ModulePath.checkFilePath("a.go", "1.18"));
  }

  @Test
  void checkPathMajor() {
    ModulePath.checkPathMajor(Version.parse("v2.0.0"), ModulePath.parse("example.com/m/v2"));
    ModulePath.checkPathMajor(Version.parse("v2.0.0+incompatible"), ModulePath.parse("example.com/m"));
    assertEquals("version \"v2.0.0\" invalid: should be v0 or v1, not v2",
        assertThrows(InvalidVersionException.class, () -> ModulePath.checkPathMajor(
            Version.parse("v2.0.0"), ModulePath.parse("example.com/m"))).getMessage());
    assertTrue(ModulePath.parse("gopkg.in/yaml.v1")
        .matchesMajor(Version.parse("v0.0.0-20190510104115-cbcb75029529")));
    assertFalse(ModulePath.parse("example.com/m/v3").matchesMajor(Version.parse("v2.0.0")));
    assertFalse(ModulePath.parse("example.com/m/v3").matchesMajor(null));
  }

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
  void moduleVersionExamples() {
    ModuleVersion mv = ModuleVersion.of("github.com/Azure/go-autorest", "v14.2.0+incompatible");
    assertEquals("github.com/!azure/go-autorest", mv.escapedPath());
    assertEquals("v14.2.0+incompatible", mv.escapedVersion());
    assertEquals("github.com/Azure/go-autorest@v14.2.0+incompatible", mv.toString());
    assertEquals(mv, ModuleVersion.parse(mv.toString()));
    assertNotEquals(ModuleVersion.parse("rsc.io/quote@v1.5"), ModuleVersion.parse("rsc.io/quote@v1.5.0"));
    assertEquals("v2", ModuleVersion.parse("example.com/m/v2@v2.1.0").version().major());
    assertEquals("example.com/m@v2.0.0: invalid version: should be v0 or v1, not v2",
        assertThrows(InvalidVersionException.class, () -> ModuleVersion.of("example.com/m", "v2.0.0"))
            .getMessage());
    assertEquals("rsc.io/quote@1.0: invalid version: not a semantic version",
        assertThrows(InvalidVersionException.class, () -> ModuleVersion.parse("rsc.io/quote@1.0"))
            .getMessage());
    assertEquals("malformed module version \"rsc.io/quote\": missing @version",
        assertThrows(InvalidVersionException.class, () -> ModuleVersion.parse("rsc.io/quote"))
            .getMessage());
    assertThrows(InvalidModulePathException.class, () -> ModuleVersion.parse("rsc@v1.0.0"));
  }

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
    InvalidModulePathException e =
        assertThrows(InvalidModulePathException.class, () -> ModulePath.parse(null));
    assertNull(e.input());
    assertFalse(ModulePath.isValid(null));
    assertFalse(Version.isValid(null));
    assertFalse(PseudoVersion.isPseudo(null));
    assertThrows(InvalidModulePathException.class, () -> ModulePath.unescape(null));
    assertThrows(InvalidModulePathException.class, () -> ModulePath.escape(null));
    assertThrows(InvalidModulePathException.class, () -> ModulePath.checkImportPath(null));
    assertThrows(InvalidModulePathException.class, () -> ModulePath.checkFilePath(null));
    assertThrows(InvalidVersionException.class, () -> ModulePath.checkPathMajor(null, null));
    assertThrows(InvalidVersionException.class, () -> Version.parse(null));
    assertThrows(InvalidVersionException.class, () -> Version.escape(null));
    assertThrows(InvalidVersionException.class, () -> Version.unescape(null));
    assertThrows(InvalidVersionException.class, () -> PseudoVersion.parse(null));
    assertThrows(InvalidVersionException.class, () -> PseudoVersion.of(null, null, null, null));
    assertThrows(InvalidVersionException.class, () -> ModuleVersion.parse(null));
    assertThrows(InvalidModulePathException.class, () -> ModuleVersion.of(null, "v1.0.0"));
    assertThrows(InvalidVersionException.class, () -> ModuleVersion.of("a.b", null));
    assertThrows(InvalidVersionException.class, () -> ModuleVersion.of((ModulePath) null, null));

    String lone = "example.com/x\ud800";
    assertEquals("malformed module path \"example.com/x\\xed\\xa0\\x80\": invalid UTF-8",
        assertThrows(InvalidModulePathException.class, () -> ModulePath.parse(lone)).getMessage());
    String huge = "example.com/" + "a".repeat(1 << 20);
    assertEquals(huge, ModulePath.parse(huge).toString());
    String hugeVersion = "v1.0.0-" + "9".repeat(1 << 20);
    assertTrue(Version.isValid(hugeVersion));
    assertEquals(1, Version.compare(hugeVersion, "v1.0.0-" + "9".repeat(1000)));
    assertEquals("malformed module path \"\\x00\": invalid char '\\x00'",
        assertThrows(InvalidModulePathException.class, () -> ModulePath.parse("\u0000")).getMessage());
  }
}
