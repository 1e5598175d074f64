package io.github.goproxy4j.zip;

import io.github.goproxy4j.testing.RawZip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.module.ModuleVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ModuleZip's safety properties and API contract on real files. */
class ModuleZipTest {
  private static final ModuleVersion MV = ModuleVersion.of("example.com/m", "v1.0.0");
  private static final String P = "example.com/m@v1.0.0/";

  @TempDir
  Path tmp;

  private List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !Files.isDirectory(p)).toList();
    }
  }

  /** U+1C89/U+1C8A became a case pair (and letters) in Unicode 16: go1.27 only. */
  @Test
  void collisionsFollowTheGoReleasesCaseFolding() throws IOException {
    List<ModuleFile> files = List.of(ModuleFile.of("a/\u1c89", new byte[0]), ModuleFile.of("a/\u1c8a", new byte[0]));
    CheckedFiles go127 = ModuleZip.checkFiles(files, "1.27");
    assertEquals(List.of(new FileError("a/\u1c8a",
        "case-insensitive file name collision: \"a/\u1c89\" and \"a/\u1c8a\"")), go127.invalid());
    assertEquals(go127, ModuleZip.checkFiles(files));
    CheckedFiles go126 = ModuleZip.checkFiles(files, "1.26");
    assertEquals(List.of(new FileError("a/\u1c89", "malformed file path \"a/\\u1c89\": invalid char '\\u1c89'"),
        new FileError("a/\u1c8a", "malformed file path \"a/\\u1c8a\": invalid char '\\u1c8a'")), go126.invalid());
    // Kelvin sign and K fold together in every release.
    assertEquals(1, ModuleZip.checkFiles(List.of(ModuleFile.of("K", new byte[0]),
        ModuleFile.of("\u212a", new byte[0])), "1.19").invalid().size());
  }

  @Test
  void zipSlipEntriesAreRejectedAndNothingIsWritten() throws IOException {
    String[] hostile = {"../evil", "a/../../evil", "/etc/evil", "..\\evil", "C:/evil", "a//b", "./x"};
    for (String h : hostile) {
      RawZip z = new RawZip();
      z.add(P + "ok.go", "package ok\n");
      z.add(P + h, "pwned");
      Path zip = z.write(tmp.resolve("slip.zip"));
      Path target = tmp.resolve("area/out");
      InvalidModuleZipException e = assertThrows(InvalidModuleZipException.class, () -> ModuleZip.unzip(MV, zip, target));
      assertTrue(e.getMessage().startsWith("unzip " + zip + ": " + P + h + ": "), e.getMessage());
      assertEquals(List.of(P + "ok.go"), e.checkedFiles().orElseThrow().valid());
      assertFalse(Files.exists(tmp.resolve("area")), "nothing is written for a rejected zip: " + h);
      assertEquals(List.of(zip), filesUnder(tmp), h);
    }
    // entries outside the prefix are rejected too, whatever they say
    RawZip z = new RawZip();
    z.add("../../etc/passwd", "x");
    Path zip = z.write(tmp.resolve("noprefix.zip"));
    assertEquals("unzip " + zip + ": ../../etc/passwd: path does not have prefix \"example.com/m@v1.0.0/\"",
        assertThrows(InvalidModuleZipException.class, () -> ModuleZip.unzip(MV, zip, tmp.resolve("o"))).getMessage());
  }

  @Test
  void symlinkEntriesAreExtractedAsPlainFiles() throws IOException {
    RawZip z = new RawZip();
    z.add(P + "link", "/etc/passwd").externalAttrs = 0120777 << 16;
    Path zip = z.write(tmp.resolve("link.zip"));
    Path out = tmp.resolve("out");
    ModuleZip.unzip(MV, zip, out);
    Path link = out.resolve("link");
    assertFalse(Files.isSymbolicLink(link));
    assertEquals("/etc/passwd", Files.readString(link));
    assertFalse(Files.isWritable(link) && !"root".equals(System.getProperty("user.name")), "files are read-only");
    assertEquals("r--r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(link)));
  }

  @Test
  void zipBombIsStoppedAtTheDeclaredSizeAndLeavesNothing() throws IOException {
    RawZip z = new RawZip();
    z.add(P + "go.mod", "module example.com/m\n");
    RawZip.Entry bomb = z.add(P + "bomb", "");
    bomb.data = new byte[32 << 20]; // 32 MiB of zeros deflate to ~32 KiB
    bomb.declaredSize = 1000L;
    Path zip = z.write(tmp.resolve("bomb.zip"));
    assertTrue(Files.size(zip) < 1 << 20);
    ModuleZip.check(MV, zip); // the directory alone is fine
    Path out = tmp.resolve("out");
    InvalidModuleZipException e = assertThrows(InvalidModuleZipException.class, () -> ModuleZip.unzip(MV, zip, out));
    assertEquals("unzip " + zip + ": zip: not a valid zip file", e.getMessage());
    assertEquals(List.of(zip), filesUnder(tmp));
  }

  @Test
  void declaredTotalsOverTheLimitFailBeforeAnyDataIsRead() throws IOException {
    RawZip z = new RawZip();
    for (int i = 0; i < 3; i++) {
      z.add(P + "f" + i, "tiny").declaredSize = 200L << 20;
    }
    Path zip = z.write(tmp.resolve("big.zip"));
    InvalidModuleZipException e = assertThrows(InvalidModuleZipException.class, () -> ModuleZip.check(MV, zip));
    assertEquals("total uncompressed size of module contents too large (max size is 524288000 bytes)", e.getMessage());
    assertEquals(Optional.of(e.getMessage()), e.checkedFiles().orElseThrow().sizeError());
  }

  @Test
  void largeFilesAreStreamedWithBoundedMemory() throws IOException {
    byte[] big = new byte[48 << 20];
    big[big.length - 1] = 7;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModuleZip.create(MV, Map.of("big.bin", big), out);
    Path zip = Files.write(tmp.resolve("m.zip"), out.toByteArray());
    Path dir = tmp.resolve("x");
    long before = allocatedBytes();
    ModuleZip.unzip(MV, zip, dir);
    long allocated = allocatedBytes() - before;
    assertTrue(allocated < 2 << 20, "extracting 48 MiB allocated " + allocated + " bytes: not streamed");
    assertEquals(big.length, Files.size(dir.resolve("big.bin")));
    try (InputStream in = Files.newInputStream(dir.resolve("big.bin"))) {
      assertEquals(big.length - 1, in.skip(big.length - 1));
      assertEquals(7, in.read());
    }
  }

  /** The current thread's allocation counter (HotSpot's ThreadMXBean, reached reflectively). */
  private static long allocatedBytes() {
    try {
      Object mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      java.lang.reflect.Method m = Class.forName("com.sun.management.ThreadMXBean")
          .getMethod("getCurrentThreadAllocatedBytes");
      return (long) m.invoke(mx);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("this test needs HotSpot's thread allocation counter", e);
    }
  }

  @Test
  void unzipTargetRules() throws IOException {
    Path zip = tmp.resolve("m.zip");
    ModuleZip.create(MV, Map.of("go.mod", "module example.com/m\n".getBytes(StandardCharsets.UTF_8),
        "sub/x.go", "package sub\n".getBytes(StandardCharsets.UTF_8)), zip);
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    ModuleZip.unzip(MV, zip, empty);
    assertEquals("package sub\n", Files.readString(empty.resolve("sub/x.go")));
    IOException e = assertThrows(IOException.class, () -> ModuleZip.unzip(MV, zip, empty));
    assertEquals("unzip " + zip + ": target directory " + empty + " exists and is not empty", e.getMessage());
    Path deep = tmp.resolve("a/b/c/example.com/m@v1.0.0");
    ModuleZip.unzip(MV, zip, deep);
    assertTrue(Files.isRegularFile(deep.resolve("go.mod")));
    try (Stream<Path> s = Files.list(deep.getParent())) {
      assertEquals(List.of(deep), s.toList(), "no temporary directory is left beside the target");
    }
    assertThrows(io.github.goproxy4j.module.InvalidVersionException.class,
        () -> ModuleZip.unzip(ModuleVersion.of("example.com/m", "v1.0"), zip, tmp.resolve("v")));
    assertThrows(NullPointerException.class, () -> ModuleZip.unzip(MV, zip, null));
  }

  @Test
  void concurrentUnzipsIntoOneTargetLeaveOneWholeTree() throws Exception {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    for (int i = 0; i < 200; i++) {
      files.put("d" + (i % 7) + "/f" + i + ".go", ("package d\n// " + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Path zip = tmp.resolve("m.zip");
    ModuleZip.create(MV, files, zip);
    Path target = tmp.resolve("cache/example.com/m@v1.0.0");
    int threads = 4;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      results.add(pool.submit(() -> {
        start.await();
        try {
          ModuleZip.unzip(MV, zip, target);
          return true;
        } catch (IOException e) {
          assertTrue(e.getMessage().contains("exists and is not empty"), e.getMessage());
          return false;
        }
      }));
    }
    start.countDown();
    int winners = 0;
    for (var f : results) {
      winners += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, winners, "exactly one extraction is moved into place");
    assertEquals(files.size(), filesUnder(target).size());
    assertEquals(Hash1.ofZip(zip), Hash1.ofDir(target, P));
    try (Stream<Path> s = Files.list(target.getParent())) {
      assertEquals(List.of(target), s.toList(), "losers leave no temporary trees");
    }
  }

  @Test
  void createToPathIsAtomicAndRejectsInvalidSets() throws IOException {
    Path zip = tmp.resolve("out/m.zip");
    ModuleZip.create(MV, Map.of("a.go", new byte[] {1}), zip);
    byte[] first = Files.readAllBytes(zip);
    InvalidModuleFilesException e = assertThrows(InvalidModuleFilesException.class,
        () -> ModuleZip.create(MV, Map.of("a.go", new byte[] {2}, "A.GO", new byte[] {3}), zip));
    assertEquals("create zip: a.go: case-insensitive file name collision: \"A.GO\" and \"a.go\"", e.getMessage());
    assertEquals(List.of("A.GO"), e.checkedFiles().valid());
    assertArrayEquals(first, Files.readAllBytes(zip), "a failed create leaves the old file");
    try (Stream<Path> s = Files.list(zip.getParent())) {
      assertEquals(List.of(zip), s.toList(), "no temporary file is left");
    }
    // created zips are deterministic
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ModuleZip.create(MV, Map.of("a.go", new byte[] {1}), a);
    ModuleZip.create(MV, Map.of("a.go", new byte[] {1}), b);
    assertArrayEquals(a.toByteArray(), b.toByteArray());
  }

  @Test
  void createFromDirSkipsVcsNestedModulesAndLinks() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("go.mod"), "module example.com/m\n");
    Files.createDirectories(src.resolve(".git"));
    Files.writeString(src.resolve(".git/config"), "x");
    Files.createDirectories(src.resolve("nested"));
    Files.writeString(src.resolve("nested/go.mod"), "module example.com/m/nested\n");
    Files.writeString(src.resolve("nested/n.go"), "package n\n");
    Files.createSymbolicLink(src.resolve("link.go"), src.resolve("go.mod"));
    Files.writeString(src.resolve("m.go"), "package m\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModuleZip.createFromDir(MV, src, out);
    Path zip = Files.write(tmp.resolve("m.zip"), out.toByteArray());
    assertEquals(List.of(P + "go.mod", P + "m.go"), ModuleZip.check(MV, zip).valid());
  }

  static Stream<String[]> sizeLimits() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = ModuleZipTest.class.getResourceAsStream("xmod-size-limits.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split(" \\| "));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sizeLimits")
  void sizeLimitsMatchXMod(String desc, String files, String filesErr, String zipErr) throws IOException {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (String f : files.split(",")) {
      String[] kv = f.split("=");
      sizes.put(kv[0], Long.parseLong(kv[1]));
    }
    Path tiny = Files.writeString(tmp.resolve("tiny"), "");
    List<ModuleFile> mf = new ArrayList<>();
    RawZip z = new RawZip();
    sizes.forEach((name, size) -> {
      mf.add(ModuleFile.fromDisk(name, tiny, size));
      z.add(P + name, "").declaredSize = size;
    });
    CheckedFiles cf = ModuleZip.checkFiles(mf);
    assertEquals(filesErr.equals("-"), cf.isValid(), () -> cf.toString());
    if (!filesErr.equals("-")) {
      assertTrue(cf.error().orElseThrow().contains(filesErr), cf.toString());
      IllegalArgumentException e = assertThrows(InvalidModuleFilesException.class,
          () -> ModuleZip.create(MV, mf, new ByteArrayOutputStream()));
      assertTrue(e.getMessage().contains(filesErr));
    }
    Path zip = z.write(tmp.resolve(desc + ".zip"));
    if (zipErr.equals("-")) {
      assertEquals(sizes.size(), ModuleZip.check(MV, zip).valid().size());
    } else {
      assertTrue(assertThrows(InvalidModuleZipException.class, () -> ModuleZip.check(MV, zip)).getMessage()
          .contains(zipErr));
      assertTrue(assertThrows(InvalidModuleZipException.class, () -> ModuleZip.unzip(MV, zip, tmp.resolve("o")))
          .getMessage().contains(zipErr));
    }
  }

  @Test
  void aZipFileOverTheLimitIsRejectedByItsSize() throws IOException {
    Path zip = tmp.resolve("huge.zip");
    try (var ch = java.nio.channels.FileChannel.open(zip, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {0}), ModuleZip.MAX_ZIP_FILE); // sparse
    }
    InvalidModuleZipException e = assertThrows(InvalidModuleZipException.class, () -> ModuleZip.check(MV, zip));
    assertEquals("module zip file is too large (524288001 bytes; limit is 524288000 bytes)", e.getMessage());
  }

  @Test
  void notAZip() throws IOException {
    Path zip = Files.writeString(tmp.resolve("x.zip"), "hello");
    assertEquals("zip: not a valid zip file",
        assertThrows(InvalidModuleZipException.class, () -> ModuleZip.check(MV, zip)).getMessage());
    assertThrows(java.nio.file.NoSuchFileException.class, () -> ModuleZip.check(MV, tmp.resolve("missing.zip")));
  }
}
