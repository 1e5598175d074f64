package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Modules defined in code: defaults, and bad input failing when the module is built. */
class FakeModuleTest {

  @Test
  void defaults() throws IOException {
    FakeModule m = FakeModule.of("example.com/foo-bar/v2", "v2.3.4");
    assertEquals("module example.com/foo-bar/v2\n", m.goMod());
    assertEquals(FakeModule.DEFAULT_TIME, m.time());
    assertEquals(Map.of("example.com/foo-bar/v2@v2.3.4/go.mod", "module example.com/foo-bar/v2\n",
            "example.com/foo-bar/v2@v2.3.4/foo_bar.go", "package foo_bar\n"),
        FakeGoProxyTest.unzip(m.zip()));
    assertEquals(Instant.parse("2021-02-03T04:05:06Z"),
        FakeModule.of("example.com/p", "v0.0.0-20210203040506-0123456789ab").time());
    assertEquals("package yaml\n", new String(FakeModule.of("gopkg.in/yaml.v2", "v2.0.0")
        .files().get("yaml.go"), StandardCharsets.UTF_8));
    assertEquals("package p9lives\n", new String(FakeModule.of("example.com/9lives", "v1.0.0")
        .files().get("p9lives.go"), StandardCharsets.UTF_8));
  }

  @Test
  void aGoModFileInTheFilesIsTheModFile() throws IOException {
    FakeModule m = FakeModule.builder("example.com/m", "v1.0.0")
        .file("go.mod", "module example.com/m\n\ngo 1.21\n").file("a.go", "package m\n").build();
    assertEquals("module example.com/m\n\ngo 1.21\n", m.goMod());
    assertEquals("module example.com/m\n\ngo 1.21\n",
        FakeGoProxyTest.unzip(m.zip()).get("example.com/m@v1.0.0/go.mod"));
    FakeModule noMod = FakeModule.builder("example.com/m", "v1.0.0").goModInZip(false).build();
    assertEquals(1, FakeGoProxyTest.unzip(noMod.zip()).size());
  }

  @Test
  void infoCanBeGivenVerbatim() throws IOException {
    try (FakeGoProxy p = FakeGoProxy.builder().module(FakeModule.builder("example.com/m", "v1.0.0")
        .info("{\"version\":\"v1.0.0\"}").listed(false).build()).start()) {
      assertEquals("{\"version\":\"v1.0.0\"}", Http.get(p, "/example.com/m/@v/v1.0.0.info").text());
      assertEquals("", Http.get(p, "/example.com/m/@v/list").text());
    }
  }

  @ParameterizedTest(name = "{0}@{1}")
  @CsvSource(delimiter = '|', value = {
      "example.com/m|v1.0|example.com/m@v1.0: version is not canonical (should be v1.0.0)",
      "example.com/m|1.0.0|example.com/m@1.0.0: invalid version: not a semantic version",
      "example.com/m/v2|v1.0.0|example.com/m/v2@v1.0.0: invalid version: should be v2, not v1",
      "example.com/m|v2.0.0|example.com/m@v2.0.0: invalid version: should be v0 or v1, not v2",
      "Example|v1.0.0|malformed module path \"Example\": missing dot in first path element"})
  void invalidPathsAndVersions(String path, String version, String message) {
    InvalidFakeModuleException e = assertThrows(InvalidFakeModuleException.class,
        () -> FakeModule.of(path, version));
    assertEquals(message, e.getMessage());
    assertEquals(path + "@" + version, e.source());
  }

  @Test
  void filesThatWouldMakeAnInvalidZipFailAtBuildTime() {
    InvalidFakeModuleException e = assertThrows(InvalidFakeModuleException.class,
        () -> FakeModule.builder("example.com/m", "v1.0.0").file("a/../b.go", "x").build());
    assertTrue(e.getMessage().startsWith("example.com/m@v1.0.0: create zip: "), e.getMessage());
    assertTrue(e.getMessage().contains("a/../b.go"), e.getMessage());
    e = assertThrows(InvalidFakeModuleException.class,
        () -> FakeModule.builder("example.com/m", "v1.0.0").file("A.go", "x").file("a.go", "y")
            .build());
    assertTrue(e.getMessage().contains("case-insensitive file name collision"), e.getMessage());
    e = assertThrows(InvalidFakeModuleException.class,
        () -> FakeModule.builder("example.com/m", "v1.0.0").file("x.go", "a").file("x.go", "b"));
    assertEquals("example.com/m@v1.0.0: duplicate file \"x.go\"", e.getMessage());
  }

  @Test
  void anInvalidGoModFailsAtBuildTime() {
    InvalidFakeModuleException e = assertThrows(InvalidFakeModuleException.class,
        () -> FakeModule.builder("example.com/m", "v1.0.0").goMod("module example.com/m\nrequire (\n")
            .build());
    assertEquals("example.com/m@v1.0.0: go.mod:3: syntax error (unterminated block started at"
        + " go.mod:2:1)", e.getMessage());
    e = assertThrows(InvalidFakeModuleException.class,
        () -> FakeModule.builder("example.com/m", "v1.0.0").retract("not-a-version", "x"));
    assertEquals("example.com/m@v1.0.0: retract not-a-version: version \"not-a-version\" invalid:"
        + " must be of the form v1.2.3 (or an interval [v1.0.0, v1.2.0])", e.getMessage());
    assertThrows(InvalidFakeModuleException.class,
        () -> FakeModule.builder("example.com/m", "v1.0.0").retract("[v1.0.0, x]", "x"));
    assertThrows(InvalidFakeModuleException.class,
        () -> FakeModule.builder("example.com/m", "v1.0.0").retract("v1.0.0\nx", ""));
  }
}
