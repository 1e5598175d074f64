package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Txtar parsing (Go's internal/txtar rules) and txtar module archives. */
class TxtarTest {

  private static Txtar.Archive parse(String s) {
    return Txtar.parse("t.txt", s.getBytes(StandardCharsets.UTF_8));
  }

  private static String data(Txtar.Section s) {
    return new String(s.data(), StandardCharsets.UTF_8);
  }

  @Test
  void commentSectionsAndMarkers() {
    Txtar.Archive a = parse("comment\nmore\n-- a.go --\npackage a\n--  b/c.txt  --\nno newline");
    assertEquals("comment\nmore\n", new String(a.comment(), StandardCharsets.UTF_8));
    assertEquals(2, a.sections().size());
    assertEquals("a.go", a.sections().get(0).name());
    assertEquals(3, a.sections().get(0).line());
    assertEquals("package a\n", data(a.sections().get(0)));
    assertEquals("b/c.txt", a.sections().get(1).name()); // spaces trimmed
    assertEquals(5, a.sections().get(1).line());
    assertEquals("no newline\n", data(a.sections().get(1))); // a final newline is added
  }

  @Test
  void linesThatAreNotMarkers() {
    Txtar.Archive a = parse("-- a --\n-- --\n--b--\n -- c --\n-- d --\r\n-- e --x\n");
    assertEquals(1, a.sections().size());
    assertEquals("-- --\n--b--\n -- c --\n-- d --\r\n-- e --x\n", data(a.sections().get(0)));
  }

  @Test
  void emptyInputsAndEmptySections() {
    assertEquals(0, parse("").sections().size());
    Txtar.Archive a = parse("-- a --\n-- b --");
    assertEquals(List.of("a", "b"), a.sections().stream().map(Txtar.Section::name).toList());
    assertEquals("", data(a.sections().get(0)));
    assertEquals("", data(a.sections().get(1)));
  }

  @Test
  void duplicateNamesGiveBothLines() {
    InvalidFakeModuleException e = assertThrows(InvalidFakeModuleException.class,
        () -> parse("x\n-- a --\n1\n-- b --\n-- a --\n"));
    assertEquals("t.txt:5: duplicate file \"a\" (first at line 2)", e.getMessage());
    assertEquals(5, e.line());
    assertEquals("t.txt", e.source());
  }

  @Test
  void aNameThatIsNotUtf8IsAnError() {
    byte[] bad = "-- a\u00ff --\n".getBytes(StandardCharsets.ISO_8859_1);
    InvalidFakeModuleException e = assertThrows(InvalidFakeModuleException.class,
        () -> Txtar.parse("t.txt", bad));
    assertEquals("t.txt:1: file name is not valid UTF-8", e.getMessage());
  }

  @Test
  void moduleArchiveServesInfoModAndZip() throws IOException {
    String archive = "example.com/m@v1.0.0\n\n-- .mod --\nmodule example.com/m\n"
        + "-- .info --\n{\"Version\":\"v1.0.0\",\"Time\":\"2020-02-03T04:05:06Z\"}\n"
        + "-- go.mod --\nmodule example.com/m\n-- m.go --\npackage m\n-- .zip --\nignored\n";
    try (FakeGoProxy p = FakeGoProxy.builder().txtar("example.com_m_v1.0.0.txt", archive)
        .start()) {
      assertEquals("module example.com/m\n", Http.get(p, "/example.com/m/@v/v1.0.0.mod").text());
      assertEquals("{\"Version\":\"v1.0.0\",\"Time\":\"2020-02-03T04:05:06Z\"}\n",
          Http.get(p, "/example.com/m/@v/v1.0.0.info").text());
      assertEquals(Map.of("example.com/m@v1.0.0/go.mod", "module example.com/m\n",
              "example.com/m@v1.0.0/m.go", "package m\n"),
          FakeGoProxyTest.unzip(Http.get(p, "/example.com/m/@v/v1.0.0.zip").body()));
      assertEquals("v1.0.0\n", Http.get(p, "/example.com/m/@v/list").text());
    }
  }

  @Test
  void archiveWithoutInfoOrModAnswersNotFoundForThem() throws IOException {
    try (FakeGoProxy p = FakeGoProxy.builder()
        .txtar("example.com_!cap_v1.9.0.txt", "-- .info --\n{\"Version\":\"v1.9.0\"}\n").start()) {
      assertEquals(200, Http.get(p, "/example.com/!cap/@v/v1.9.0.info").status());
      assertEquals(404, Http.get(p, "/example.com/!cap/@v/v1.9.0.mod").status());
      assertEquals(List.of("example.com/Cap@v1.9.0"), p.moduleVersions());
    }
  }

  @Test
  void badFileNamesAreReportedWithTheirLine() {
    InvalidFakeModuleException e = assertThrows(InvalidFakeModuleException.class,
        () -> FakeGoProxy.builder().txtar("example.com_m_v1.0.0.txt",
            "-- .mod --\nmodule example.com/m\n-- ok.go --\npackage m\n-- x?y.go --\n").start());
    assertEquals("example.com_m_v1.0.0.txt:5: malformed file path \"x?y.go\": invalid char '?'"
        + " (allowInvalidZips() serves such archives zipped as given)", e.getMessage());
    assertEquals(5, e.line());
    e = assertThrows(InvalidFakeModuleException.class,
        () -> FakeGoProxy.builder().txtar("example.com_m_v1.0.0.txt",
            "-- a/B.go --\n-- a/b.go --\n").start());
    assertTrue(e.getMessage().startsWith("example.com_m_v1.0.0.txt:2: case-insensitive file name"
        + " collision: \"a/B.go\" and \"a/b.go\" (line 1)"), e.getMessage());
  }

  @Test
  void allowInvalidZipsZipsTheFilesAsGiven() throws IOException {
    try (FakeGoProxy p = FakeGoProxy.builder().allowInvalidZips()
        .txtar("example.com_m_v1.0.0.txt", "-- x?y.go --\npackage m\n-- /evil.txt --\nboo\n")
        .start()) {
      assertEquals(Map.of("example.com/m@v1.0.0/x?y.go", "package m\n", "evil.txt", "boo\n"),
          FakeGoProxyTest.unzip(Http.get(p, "/example.com/m/@v/v1.0.0.zip").body()));
    }
  }

  @Test
  void badArchiveNames() {
    for (String[] c : new String[][] {
        {"example.com_m_v1.0.0", "example.com_m_v1.0.0: txtar module archive name must end in .txt"},
        {"examplecom.txt", "examplecom.txt: txtar module archive name must be <escaped path with"
            + " / as _>_<version>.txt"},
        {"example.com_M_v1.0.0.txt", "example.com_M_v1.0.0.txt: invalid escaped module path"
            + " \"example.com/M\""},
        {"example.com_m_v1.0.txt", "example.com_m_v1.0.txt: version v1.0 is not canonical"}}) {
      InvalidFakeModuleException e = assertThrows(InvalidFakeModuleException.class,
          () -> FakeGoProxy.builder().txtar(c[0], "").start(), c[0]);
      assertEquals(c[1], e.getMessage());
    }
  }
}
