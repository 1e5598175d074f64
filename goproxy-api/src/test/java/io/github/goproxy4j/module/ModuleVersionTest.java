package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** ModuleVersion: the documented examples, Go's error texts and hostile input. */
class ModuleVersionTest {

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
  void nullAndHostileInputGiveTheDocumentedExceptions() {
    assertThrows(InvalidVersionException.class, () -> ModuleVersion.parse(null));
    assertThrows(InvalidModulePathException.class, () -> ModuleVersion.of(null, "v1.0.0"));
    assertThrows(InvalidVersionException.class, () -> ModuleVersion.of("a.b", null));
    assertThrows(InvalidVersionException.class, () -> ModuleVersion.of((ModulePath) null, null));
  }
}
