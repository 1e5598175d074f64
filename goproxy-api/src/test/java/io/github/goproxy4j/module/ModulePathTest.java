package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ModulePath: the documented examples, Go's error texts and hostile input. */
class ModulePathTest {

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
  void nullAndHostileInputGiveTheDocumentedExceptions() {
    InvalidModulePathException e =
        assertThrows(InvalidModulePathException.class, () -> ModulePath.parse(null));
    assertNull(e.input());
    assertFalse(ModulePath.isValid(null));
    assertThrows(InvalidModulePathException.class, () -> ModulePath.unescape(null));
    assertThrows(InvalidModulePathException.class, () -> ModulePath.escape(null));
    assertThrows(InvalidModulePathException.class, () -> ModulePath.checkImportPath(null));
    assertThrows(InvalidModulePathException.class, () -> ModulePath.checkFilePath(null));
    assertThrows(InvalidVersionException.class, () -> ModulePath.checkPathMajor(null, null));
    String lone = "example.com/x\ud800";
    assertEquals("malformed module path \"example.com/x\\xed\\xa0\\x80\": invalid UTF-8",
        assertThrows(InvalidModulePathException.class, () -> ModulePath.parse(lone)).getMessage());
    String huge = "example.com/" + "a".repeat(1 << 20);
    assertEquals(huge, ModulePath.parse(huge).toString());
  }
}
