package io.github.goproxy4j.zip;

import io.github.goproxy4j.testing.RawZip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.goproxy4j.module.ModuleVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * x/mod's own zip test cases (zip/testdata, ported as data), run against {@link ModuleZip}: the
 * same expected valid/omitted/invalid lists, error texts and h1: hashes.
 */
class ModuleZipXModDataTest {
  private static final String ROOT = "/io/github/goproxy4j/zip/xmod-testdata/";

  @TempDir
  Path tmp;

  static Stream<String> names(String dir) throws IOException {
    try (InputStream in = ModuleZipXModDataTest.class.getResourceAsStream(ROOT + dir + "/index.txt")) {
      return Stream.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
          .filter(s -> !s.isBlank() && !s.startsWith("#"));
    }
  }

  static Stream<String> checkFiles() throws IOException {
    return names("check_files");
  }

  static Stream<String> checkZip() throws IOException {
    return names("check_zip");
  }

  static Stream<String> create() throws IOException {
    return names("create");
  }

  static Stream<String> createFromDir() throws IOException {
    return names("create_from_dir");
  }

  static Stream<String> unzip() throws IOException {
    return names("unzip");
  }

  private static String format(CheckedFiles cf) {
    StringBuilder sb = new StringBuilder("valid:\n");
    cf.valid().forEach(v -> sb.append(v).append('\n'));
    sb.append("\nomitted:\n");
    cf.omitted().forEach(v -> sb.append(v).append('\n'));
    sb.append("\ninvalid:\n");
    cf.invalid().forEach(v -> sb.append(v).append('\n'));
    return sb.toString();
  }

  private static String want(Txtar t) {
    return t.files.stream().filter(f -> f.name().equals("want")).map(f -> new String(f.data(), StandardCharsets.UTF_8))
        .findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "check_files/{0}")
  @MethodSource("checkFiles")
  void checkFilesMatchesXMod(String name) throws IOException {
    Txtar t = Txtar.resource(ROOT + "check_files/" + name);
    List<ModuleFile> files = new ArrayList<>();
    for (Txtar.File f : t.files) {
      if (!f.name().equals("want")) {
        files.add(ModuleFile.of(f.name(), f.data()));
      }
    }
    CheckedFiles cf = ModuleZip.checkFiles(files);
    assertEquals(want(t), format(cf));
    assertEquals(cf.sizeError().isEmpty() && cf.invalid().isEmpty(), cf.error().isEmpty());
  }

  @ParameterizedTest(name = "check_zip/{0}")
  @MethodSource("checkZip")
  void checkZipMatchesXMod(String name) throws IOException {
    Txtar t = Txtar.resource(ROOT + "check_zip/" + name);
    Map<String, String> h = t.header();
    RawZip z = new RawZip();
    t.files.stream().filter(f -> !f.name().equals("want")).forEach(f -> z.add(f.rawName(), f.data()));
    Path zip = z.write(tmp.resolve("t.zip"));
    ModuleVersion mv = ModuleVersion.of(h.get("path"), h.get("version"));
    CheckedFiles cf;
    try {
      cf = ModuleZip.check(mv, zip);
    } catch (InvalidModuleZipException e) {
      cf = e.checkedFiles().orElseThrow();
      assertEquals(cf.error().orElseThrow(), e.getMessage());
    }
    assertEquals(want(t), format(cf));
  }

  /** Builds the ModuleVersion, or checks the expected error when the test expects one there. */
  private static ModuleVersion moduleVersion(Map<String, String> h) {
    String wantErr = h.get("wantErr");
    try {
      return ModuleVersion.of(h.get("path"), h.get("version"));
    } catch (IllegalArgumentException e) {
      if (wantErr == null) {
        throw e;
      }
      if (h.get("path").contains("\uFFFD")) {
        // The vector's module path is the single byte 0xFF: a Java String cannot hold it, so the
        // path arrives as U+FFFD, which is rejected with another reason. Rejection is the point.
        return null;
      }
      assertTrue(e.getMessage().contains(wantErr), () -> "got " + e.getMessage() + ", want " + wantErr);
      return null;
    }
  }

  @ParameterizedTest(name = "create/{0}")
  @MethodSource("create")
  void createMatchesXMod(String name) throws IOException {
    Txtar t = Txtar.resource(ROOT + "create/" + name);
    Map<String, String> h = t.header();
    String wantErr = h.get("wantErr");
    List<ModuleFile> files = new ArrayList<>();
    t.files.forEach(f -> files.add(ModuleFile.of(f.name(), f.data())));
    ModuleVersion mv = moduleVersion(h);
    if (mv == null) {
      return;
    }
    Path zip = tmp.resolve("out.zip");
    try (var out = Files.newOutputStream(zip)) {
      ModuleZip.create(mv, files, out);
      if (wantErr != null) {
        fail("unexpected success; wanted error containing " + wantErr);
      }
    } catch (IllegalArgumentException e) {
      if (wantErr == null) {
        throw e;
      }
      assertTrue(e.getMessage().startsWith("create zip: "), e.getMessage());
      assertTrue(e.getMessage().contains(wantErr), () -> "got " + e.getMessage() + ", want " + wantErr);
      return;
    }
    assertEquals(h.get("hash"), Hash1.ofZip(zip));
    // what we create, we accept
    ModuleZip.check(mv, zip);
  }

  @ParameterizedTest(name = "create_from_dir/{0}")
  @MethodSource("createFromDir")
  void createFromDirMatchesXMod(String name) throws IOException {
    Txtar t = Txtar.resource(ROOT + "create_from_dir/" + name);
    Map<String, String> h = t.header();
    String wantErr = h.get("wantErr");
    ModuleVersion mv = moduleVersion(h);
    if (mv == null) {
      return;
    }
    Path dir = tmp.resolve("src");
    Files.createDirectories(dir);
    for (Txtar.File f : t.files) {
      Path p = dir.resolve(f.name());
      Files.createDirectories(p.getParent());
      Files.write(p, f.data());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ModuleZip.createFromDir(mv, dir, out);
      if (wantErr != null) {
        fail("unexpected success; wanted error containing " + wantErr);
      }
    } catch (IllegalArgumentException e) {
      if (wantErr == null) {
        throw e;
      }
      assertTrue(e.getMessage().startsWith("create zip " + dir + ": "), e.getMessage());
      assertTrue(e.getMessage().contains(wantErr), () -> "got " + e.getMessage() + ", want " + wantErr);
      return;
    }
    Path zip = Files.write(tmp.resolve("out.zip"), out.toByteArray());
    assertEquals(h.get("hash"), Hash1.ofZip(zip));
  }

  @ParameterizedTest(name = "unzip/{0}")
  @MethodSource("unzip")
  void unzipMatchesXMod(String name) throws IOException {
    Txtar t = Txtar.resource(ROOT + "unzip/" + name);
    Map<String, String> h = t.header();
    String wantErr = h.get("wantErr");
    ModuleVersion mv = moduleVersion(h);
    if (mv == null) {
      return;
    }
    RawZip z = new RawZip();
    t.files.forEach(f -> z.add(f.rawName(), f.data()));
    Path zip = z.write(tmp.resolve("t.zip"));
    Path dir = tmp.resolve("out");
    try {
      ModuleZip.unzip(mv, zip, dir);
      if (wantErr != null) {
        fail("unexpected success; wanted error containing " + wantErr);
      }
    } catch (IOException | IllegalArgumentException e) {
      if (wantErr == null) {
        throw e;
      }
      assertTrue(e.getMessage().startsWith("unzip " + zip + ": "), e.getMessage());
      assertTrue(e.getMessage().contains(wantErr), () -> "got " + e.getMessage() + ", want " + wantErr);
      assertFalse(Files.exists(dir), "nothing is extracted from a bad zip");
      return;
    }
    assertEquals(h.get("hash"), Hash1.ofDir(dir, mv.path() + "@" + mv.version() + "/"));
  }

  @org.junit.jupiter.api.Test
  void badVersionIsAnArgumentError() {
    ModuleVersion mv = ModuleVersion.of("example.com/m", "v1.0.0+bad");
    var e = assertThrows(io.github.goproxy4j.module.InvalidVersionException.class,
        () -> ModuleZip.create(mv, List.of(), new ByteArrayOutputStream()));
    assertEquals("create zip: version \"v1.0.0+bad\" is not canonical (should be \"v1.0.0\")", e.getMessage());
  }
}
