package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.testing.RawZip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dirhash vectors (dirhash-vectors.txt) and Go's zip-reading rules. */
class ModuleHashTest {
  static final Map<String, String> V = load();

  static Map<String, String> load() {
    try (InputStream in = ModuleHashTest.class.getResourceAsStream("dirhash-vectors.txt")) {
      Map<String, String> m = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          int eq = line.indexOf('=');
          m.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String MOD = "example.com/m@v1.0.0/";

  static ModuleHash files(String... names) throws IOException {
    return ModuleHash.ofFiles(List.of(names),
        n -> new ByteArrayInputStream(("data for " + n.substring(n.lastIndexOf('/') + 1)).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void hash1Vectors() throws IOException {
    assertEquals(V.get("empty"), ModuleHash.ofFiles(List.of(), n -> null).toString());
    assertEquals(V.get("hash1"), files("xyz", "abc").toString());
    assertEquals(V.get("hashDirShape"), files("prefix/xyz", "prefix/abc").toString());
    assertEquals(V.get("hash1Prefix"), ModuleHash.ofFiles(List.of("prefix/xyz", "prefix/abc"),
        n -> new ByteArrayInputStream(("data for " + n).getBytes(StandardCharsets.UTF_8))).toString());
  }

  @Test
  void goModVectors() {
    assertEquals(V.get("goModEmpty"), ModuleHash.ofGoMod(new byte[0]).toString());
    assertEquals(V.get("goModEmpty"), GoSum.EMPTY_GO_MOD_HASH);
    assertEquals(V.get("goMod1"), ModuleHash.ofGoMod("module example.com/m\n".getBytes(StandardCharsets.UTF_8)).toString());
    assertEquals(V.get("goMod2"),
        ModuleHash.ofGoMod("module example.com/m\n\ngo 1.13\n".getBytes(StandardCharsets.UTF_8)).toString());
  }

  static RawZip basic() {
    return new RawZip().with(MOD + "go.mod", "module example.com/m\n").with(MOD + "a/x.go", "package a\n");
  }

  @Test
  void zipVectors(@TempDir Path tmp) throws IOException {
    assertEquals(V.get("zip"), ModuleHash.ofZip(basic().build()).toString());
    Path p = tmp.resolve("m.zip");
    Files.write(p, basic().build());
    assertEquals(V.get("zip"), ModuleHash.ofZip(p).toString());

    RawZip dirs = new RawZip().add(new RawZip.Entry(MOD, "").stored()).with(MOD + "go.mod", "module example.com/m\n")
        .add(new RawZip.Entry(MOD + "a/", "").stored()).with(MOD + "a/x.go", "package a\n");
    assertEquals(V.get("zipWithDirs"), ModuleHash.ofZip(dirs.build()).toString());

    RawZip dup = new RawZip().with(MOD + "go.mod", "module example.com/m\n").with(MOD + "a/x.go", "package a\n")
        .with(MOD + "a/x.go", "package b\n");
    assertEquals(V.get("zipDuplicate"), ModuleHash.ofZip(dup.build()).toString());
  }

  @Test
  void extractedDirectoryHashesWithoutDirectoryEntries(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve("a"));
    Files.writeString(tmp.resolve("go.mod"), "module example.com/m\n");
    Files.writeString(tmp.resolve("a/x.go"), "package a\n");
    assertEquals(V.get("zip"), ModuleHash.ofDir(tmp, "example.com/m@v1.0.0").toString());
  }

  @Test
  void entryOrderAndStorageDoNotMatter() throws IOException {
    RawZip z = new RawZip().add(new RawZip.Entry(MOD + "a/x.go", "package a\n").stored())
        .add(new RawZip.Entry(MOD + "go.mod", "module example.com/m\n").descriptor(true));
    assertEquals(V.get("zip"), ModuleHash.ofZip(z.build()).toString());
    RawZip z2 = new RawZip().add(new RawZip.Entry(MOD + "a/x.go", "package a\n").descriptor(false))
        .with(MOD + "go.mod", "module example.com/m\n");
    assertEquals(V.get("zip"), ModuleHash.ofZip(z2.build()).toString());
    RawZip prefixed = basic();
    prefixed.prefix = "#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(V.get("zip"), ModuleHash.ofZip(prefixed.build()).toString());
  }

  @Test
  void namesSortByUtf8BytesNotUtf16() throws IOException {
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
    String a = "\uFF21";
    String b = "\uD83D\uDE00";
    assertTrue(a.compareTo(b) > 0);
    ModuleHash h1 = ModuleHash.ofFiles(List.of(a, b), n -> new ByteArrayInputStream(new byte[] {1}));
    ModuleHash h2 = ModuleHash.ofFiles(List.of(b, a), n -> new ByteArrayInputStream(new byte[] {1}));
    assertEquals(h1, h2);
    byte[] zip = new RawZip().with(a, "x").with(b, "x").build();
    byte[] zip2 = new RawZip().with(b, "x").with(a, "x").build();
    assertEquals(h1.toString().length(), 47);
    assertEquals(ModuleHash.ofZip(zip), ModuleHash.ofZip(zip2));
  }

  @Test
  void rawNonUtf8NamesAreHashedAsBytes() throws IOException {
    byte[] name = {'a', (byte) 0xff, 'b'};
    byte[] zip = new RawZip().add(new RawZip.Entry(name, "x".getBytes(StandardCharsets.UTF_8))).build();
    assertEquals(V.get("zipRawName"), ModuleHash.ofZip(zip).toString());
  }

  @Test
  void newlineInNameFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> files("a\nb"));
    assertTrue(e.getMessage().startsWith("dirhash: filenames with newlines are not supported"), e.getMessage());
    ZipException z = assertThrows(ZipException.class, () -> ModuleHash.ofZip(new RawZip().with("a\nb", "x").build()));
    assertTrue(z.getMessage().startsWith("dirhash: filenames with newlines are not supported"), z.getMessage());
  }

  @Test
  void aZipBombIsRefusedOnItsDeclaredSizesBeforeInflating(@TempDir Path tmp) throws IOException {
    // 3 entries sharing one deflated run of 180 MiB of zeros: ~180 KB that inflate 540 MiB.
    byte[] bomb = RawZip.zeroBomb(180L << 20, "example.com/m@v1.0.0/a", "example.com/m@v1.0.0/b",
        "example.com/m@v1.0.0/c");
    assertTrue(bomb.length < 400_000, "bomb size " + bomb.length);
    ZipException e = assertThrows(ZipException.class, () -> ModuleHash.ofZip(bomb));
    assertEquals("total uncompressed size of module contents too large (max size is 524288000 bytes) (zip)",
        e.getMessage());
    Path file = Files.write(tmp.resolve("bomb.zip"), bomb);
    e = assertThrows(ZipException.class, () -> ModuleHash.ofZip(file));
    assertEquals("total uncompressed size of module contents too large (max size is 524288000 bytes) ("
        + file + ")", e.getMessage());
    // Within the limit the same zip is hashed, as dirhash does: 2 x 180 MiB.
    byte[] two = RawZip.zeroBomb(180L << 20, "example.com/m@v1.0.0/a", "example.com/m@v1.0.0/b");
    assertTrue(ModuleHash.ofZip(two).toString().startsWith("h1:"));
  }

  @Test
  void badCrcFails() {
    RawZip.Entry e = new RawZip.Entry(MOD + "go.mod", "module example.com/m\n");
    e.declaredCrc = 12345L;
    ZipException z = assertThrows(ZipException.class, () -> ModuleHash.ofZip(new RawZip().add(e).build()));
    assertTrue(z.getMessage().startsWith("zip: checksum error"), z.getMessage());
    RawZip.Entry d = new RawZip.Entry(MOD + "go.mod", "module example.com/m\n").descriptor(true);
    d.declaredCrc = 12345L;
    assertThrows(ZipException.class, () -> ModuleHash.ofZip(new RawZip().add(d).build()));
  }

  @Test
  void zeroCrcIsNotCheckedAsInGo() throws IOException {
    RawZip.Entry e = new RawZip.Entry(MOD + "go.mod", "module example.com/m\n");
    e.declaredCrc = 0L;
    ModuleHash.ofZip(new RawZip().add(e).with(MOD + "a/x.go", "package a\n").build());
  }

  @Test
  void wrongSizeFails() {
    RawZip.Entry shorter = new RawZip.Entry(MOD + "go.mod", "module example.com/m\n");
    shorter.declaredSize = 5L;
    ZipException z = assertThrows(ZipException.class, () -> ModuleHash.ofZip(new RawZip().add(shorter).build()));
    assertTrue(z.getMessage().startsWith("zip: not a valid zip file"), z.getMessage());
    RawZip.Entry longer = new RawZip.Entry(MOD + "go.mod", "module example.com/m\n").stored();
    longer.declaredSize = 500L;
    z = assertThrows(ZipException.class, () -> ModuleHash.ofZip(new RawZip().add(longer).build()));
    assertTrue(z.getMessage().startsWith("unexpected EOF"), z.getMessage());
  }

  @Test
  void unknownMethodFails() {
    RawZip.Entry e = new RawZip.Entry(MOD + "go.mod", "module example.com/m\n").stored();
    e.method = 12;
    ZipException z = assertThrows(ZipException.class, () -> ModuleHash.ofZip(new RawZip().add(e).build()));
    assertTrue(z.getMessage().startsWith("zip: unsupported compression algorithm"), z.getMessage());
  }

  @Test
  void directoryWithContentFails() {
    RawZip.Entry e = new RawZip.Entry(MOD + "a/", "oops").stored();
    ZipException z = assertThrows(ZipException.class, () -> ModuleHash.ofZip(new RawZip().add(e).build()));
    assertTrue(z.getMessage().startsWith("zip: not a valid zip file"), z.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 10, 21, 100})
  void truncatedOrGarbageFails(int cut) {
    byte[] zip = basic().build();
    byte[] trunc = java.util.Arrays.copyOf(zip, Math.max(0, zip.length - 22 - cut));
    assertThrows(ZipException.class, () -> ModuleHash.ofZip(trunc));
    byte[] garbage = new byte[cut * 37];
    assertThrows(ZipException.class, () -> ModuleHash.ofZip(garbage));
  }

  @Test
  void corruptDeflateFails() {
    byte[] zip = new RawZip().with(MOD + "big.txt", "hello world ".repeat(1000)).build();
    zip[40 + MOD.length() + 5] ^= 0x55;
    assertThrows(ZipException.class, () -> ModuleHash.ofZip(zip));
  }

  @Test
  void parseAndFormat() {
    ModuleHash h = ModuleHash.parse(V.get("zip"));
    assertEquals(V.get("zip"), h.toString());
    assertEquals(h, ModuleHash.ofDigest(h.digest()));
    assertNotEquals(h, ModuleHash.parse(V.get("hash1")));
    for (String bad : new String[] {"", "h1:", "h2:" + V.get("zip").substring(3), V.get("zip").substring(3),
        V.get("zip").replace("=", ""), V.get("zip") + "=", "h1:" + "A".repeat(44), V.get("zip") + " "}) {
      InvalidModuleHashException e = assertThrows(InvalidModuleHashException.class, () -> ModuleHash.parse(bad));
      assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
    }
    assertFalse(ModuleHash.isValid(null));
    assertThrows(InvalidModuleHashException.class, () -> ModuleHash.parse(null));
  }
}
