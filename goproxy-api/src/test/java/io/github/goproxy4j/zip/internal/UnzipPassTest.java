package io.github.goproxy4j.zip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testing.RawZip;
import io.github.goproxy4j.zip.ModuleZip;
import io.github.goproxy4j.zip.XModOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cache writer's one pass: check, hash and extract, each entry inflated once. */
class UnzipPassTest {
  private static final ModuleVersion MV = ModuleVersion.of("example.com/m", "v1.0.0");
  private static final String P = "example.com/m@v1.0.0/";

  private static RawZip nested() {
    RawZip z = new RawZip();
    z.add(P + "go.mod", "module example.com/m\n");
    z.add(P + "a/b/c.go", "package b\n");
    z.add(P + "a/d.go", "package a\n").stored();
    z.add(P + "a/", "");
    z.add(P + "e/f.go", "package e\n".repeat(1000));
    return z;
  }

  @Test
  void extractsWhatUnzipExtractsWithGosModesAndHashesAsDirhash(@TempDir Path tmp) throws IOException {
    GoTool.assumeXMod();
    Path zip = nested().write(tmp.resolve("m.zip"));
    Path dir = tmp.resolve("pass");
    UnzipPass.Result r = UnzipPass.run(MV, zip, dir);
    assertTrue(r.extracted());
    assertTrue(r.verdict().isValid());
    assertEquals(List.of(dir, dir.resolve("a"), dir.resolve("a/b"), dir.resolve("e")), r.directories());

    String goHash = XModOracle.run(List.of("hashzip\t" + zip)).get(0).get(0).value();
    assertEquals(goHash, "h1:" + Base64.getEncoder().encodeToString(r.hash().orElseThrow()));

    Path unzipped = tmp.resolve("unzip");
    ModuleZip.unzip(MV, zip, unzipped);
    assertEquals(GoZipReaderTest.tree(unzipped), GoZipReaderTest.tree(dir));
    assertEquals("tree {a/b/c.go=package b\n, a/d.go=package a\n, e/f.go=" + "package e\n".repeat(1000)
        + ", go.mod=module example.com/m\n}", GoZipReaderTest.tree(dir));

    // x/mod's Unzip: files 0444 from their creation; directories as MkdirAll(0777) leaves them.
    Path fresh = Files.createDirectory(tmp.resolve("fresh"));
    String dirMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh));
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertEquals(Files.isDirectory(p) ? dirMode : "r--r--r--", mode, p.toString());
      }
    }
  }

  @Test
  void aZipBombStopsOnItsDeclaredSizesWithoutInflatingOrWriting(@TempDir Path tmp) throws IOException {
    Path zip = Files.write(tmp.resolve("bomb.zip"), RawZip.zeroBomb(180L << 20, P + "a", P + "b", P + "c"));
    Path dir = tmp.resolve("out");
    UnzipPass.Result r = UnzipPass.run(MV, zip, dir);
    assertTrue(r.verdict().sizesExceeded());
    assertEquals("total uncompressed size of module contents too large (max size is 524288000 bytes)",
        r.verdict().error().orElseThrow());
    assertTrue(r.hash().isEmpty());
    assertFalse(r.extracted());
    assertFalse(Files.exists(dir));

    // Far less data than declared: had anything been inflated, this would be an unexpected EOF
    // rather than the size verdict.
    RawZip g = new RawZip();
    g.add(P + "go.mod", "module example.com/m\n");
    RawZip.Entry big = g.add(P + "LICENSE", "short");
    big.declaredSize = ModuleZip.MAX_LICENSE + 1;
    UnzipPass.Result r2 = UnzipPass.run(MV, g.write(tmp.resolve("license.zip")), tmp.resolve("out2"));
    assertEquals(P + "LICENSE: LICENSE file too large (max size is 16777216 bytes)", r2.verdict().error().orElseThrow());
    assertTrue(r2.hash().isEmpty());
  }

  @Test
  void anInvalidZipIsHashedButNotExtracted(@TempDir Path tmp) throws IOException {
    RawZip z = nested();
    z.add(P + "A/x.go", "package x\n");
    Path zip = z.write(tmp.resolve("m.zip"));
    Path dir = tmp.resolve("out");
    UnzipPass.Result r = UnzipPass.run(MV, zip, dir);
    assertFalse(r.extracted());
    assertEquals(P + "A/x.go: case-insensitive file name collision: \"a\" and \"A\"", r.verdict().error().orElseThrow());
    try (GoZipReader reader = GoZipReader.open(zip)) {
      assertArrayEquals(DirHash.hashZip(reader), r.hash().orElseThrow());
    }
    assertFalse(Files.exists(dir));
    assertTrue(r.directories().isEmpty());
  }

  @Test
  void anEntryWithoutThePrefixStopsThePass(@TempDir Path tmp) throws IOException {
    RawZip z = nested();
    z.add("example.com/m@v1.0.1/x.go", "package x\n");
    UnzipPass.Result r = UnzipPass.run(MV, z.write(tmp.resolve("m.zip")), tmp.resolve("out"));
    assertEquals("example.com/m@v1.0.1/x.go", r.unexpectedFile().orElseThrow());
    assertTrue(r.hash().isEmpty());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void badDataNamesItsEntry(@TempDir Path tmp) throws IOException {
    RawZip z = nested();
    z.add(P + "crc.go", "package a\n").declaredCrc = 1L;
    GoZipReader.ZipError e = assertThrows(GoZipReader.ZipError.class,
        () -> UnzipPass.run(MV, z.write(tmp.resolve("m.zip")), tmp.resolve("out")));
    assertEquals("zip: checksum error", e.getMessage());
    assertEquals(P + "crc.go", new String(e.entry().orElseThrow(), StandardCharsets.UTF_8));
  }

  /**
   * A zip large enough to be extracted on several threads (over 4 MiB of content in many
   * entries), with a directory entry and files in nested directories; {@code files} receives
   * what each file must contain, {@code added} the file entries in directory order.
   */
  private static RawZip large(Random random, Map<String, String> files, List<RawZip.Entry> added) {
    RawZip z = new RawZip();
    z.add(P + "go.mod", "module example.com/m\n");
    files.put("go.mod", "module example.com/m\n");
    z.add(P + "d1/", "");
    int n = 150 + random.nextInt(100);
    for (int i = 0; i < n; i++) {
      String name = "d" + random.nextInt(4) + "/s" + random.nextInt(3) + "/f" + i + ".txt";
      StringBuilder sb = new StringBuilder();
      int lines = random.nextInt(10) == 0 ? 20_000 : 1 + random.nextInt(3_000);
      for (int l = 0; l < lines; l++) {
        sb.append("line ").append(random.nextInt(1000)).append('\n');
      }
      RawZip.Entry e = z.add(P + name, sb.toString());
      if (random.nextInt(5) == 0) {
        e.stored();
      }
      added.add(e);
      files.put(name, sb.toString());
    }
    return z;
  }

  private static String tree(Map<String, String> files) {
    return "tree " + new TreeMap<>(files);
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void withHelpersTheTreeHashAndDirectoriesAreThoseOfOneThread(long seed, @TempDir Path tmp) throws IOException {
    Random random = new Random(seed);
    Map<String, String> files = new TreeMap<>();
    Path zip = large(random, files, new ArrayList<>()).write(tmp.resolve("m.zip"));
    assertTrue(Files.size(zip) > 0);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      int helpers = 1 + random.nextInt(3);
      UnzipPass.Result alone = UnzipPass.run(MV, zip, tmp.resolve("alone"));
      AtomicInteger offered = new AtomicInteger();
      UnzipPass.Result helped = UnzipPass.run(MV, zip, tmp.resolve("helped"), "1.22", task -> {
        offered.incrementAndGet();
        pool.execute(task);
      }, helpers);
      assertEquals(helpers, offered.get());
      assertTrue(helped.extracted());
      assertEquals(tree(files), GoZipReaderTest.tree(tmp.resolve("helped")));
      assertArrayEquals(alone.hash().orElseThrow(), helped.hash().orElseThrow());
      assertEquals(alone.directories().stream().map(tmp.resolve("alone")::relativize).toList(),
          helped.directories().stream().map(tmp.resolve("helped")::relativize).toList());
      if (GoTool.hasXMod()) {
        String goHash = XModOracle.run(List.of("hashzip\t" + zip)).get(0).get(0).value();
        assertEquals(goHash, "h1:" + Base64.getEncoder().encodeToString(helped.hash().orElseThrow()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withHelpersTheFirstBadEntryInDirectoryOrderIsTheOneReported(@TempDir Path tmp) throws IOException {
    Map<String, String> files = new TreeMap<>();
    List<RawZip.Entry> all = new ArrayList<>();
    RawZip z = large(new Random(7), files, all);
    // Two bad entries far apart (different chunks): the earlier one is reported, every time.
    all.get(all.size() / 4).declaredCrc = 1L;
    all.get(all.size() - 2).declaredCrc = 1L;
    String first = new String(all.get(all.size() / 4).name, StandardCharsets.UTF_8);
    Path zip = z.write(tmp.resolve("m.zip"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        int r = round;
        GoZipReader.ZipError e = assertThrows(GoZipReader.ZipError.class,
            () -> UnzipPass.run(MV, zip, tmp.resolve("out" + r), "1.22", pool, 2));
        assertEquals("zip: checksum error", e.getMessage());
        assertEquals(first, new String(e.entry().orElseThrow(), StandardCharsets.UTF_8));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void helpersThatCannotStartOrStartLateChangeNothing(@TempDir Path tmp) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Path zip = large(new Random(11), files, new ArrayList<>()).write(tmp.resolve("m.zip"));

    AtomicInteger offered = new AtomicInteger();
    UnzipPass.Result rejected = UnzipPass.run(MV, zip, tmp.resolve("rejected"), "1.22", task -> {
      offered.incrementAndGet();
      throw new RejectedExecutionException("busy");
    }, 3);
    assertTrue(offered.get() > 1, "after a rejection help is asked for again: " + offered.get());
    assertEquals(tree(files), GoZipReaderTest.tree(tmp.resolve("rejected")));

    // Helper tasks that start only after the pass returned find nothing to do.
    List<Runnable> late = new ArrayList<>();
    UnzipPass.Result r = UnzipPass.run(MV, zip, tmp.resolve("late"), "1.22", late::add, 2);
    assertEquals(2, late.size());
    late.forEach(Runnable::run);
    assertEquals(tree(files), GoZipReaderTest.tree(tmp.resolve("late")));
    assertArrayEquals(rejected.hash().orElseThrow(), r.hash().orElseThrow());
  }

  @Test
  void aHelperBusyWhenThePassStartsIsAskedAgainAfterAChunk(@TempDir Path tmp) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Path zip = large(new Random(13), files, new ArrayList<>()).write(tmp.resolve("m.zip"));
    // The pool's only helper is busy at first (another zip), then idle.
    List<Runnable> accepted = new ArrayList<>();
    AtomicInteger asked = new AtomicInteger();
    UnzipPass.Result r = UnzipPass.run(MV, zip, tmp.resolve("out"), "1.22", task -> {
      if (asked.incrementAndGet() == 1) {
        throw new RejectedExecutionException("busy");
      }
      accepted.add(task);
    }, 1);
    assertEquals(2, asked.get(), "asked again once, then no more: one helper wanted");
    assertEquals(1, accepted.size());
    accepted.forEach(Runnable::run); // started late: finds nothing left
    assertEquals(tree(files), GoZipReaderTest.tree(tmp.resolve("out")));
    assertArrayEquals(UnzipPass.run(MV, zip, tmp.resolve("alone")).hash().orElseThrow(), r.hash().orElseThrow());
  }

  @Test
  void aSmallZipIsExtractedWithoutHelpers(@TempDir Path tmp) throws IOException {
    List<Runnable> offered = new ArrayList<>();
    UnzipPass.Result r = UnzipPass.run(MV, nested().write(tmp.resolve("m.zip")), tmp.resolve("out"), "1.22",
        offered::add, 2);
    assertTrue(r.extracted());
    assertEquals(List.of(), offered);
  }
}
