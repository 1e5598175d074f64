package io.github.goproxy4j.zip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testing.RawZip;
import io.github.goproxy4j.zip.InvalidModuleZipException;
import io.github.goproxy4j.zip.ModuleZip;
import io.github.goproxy4j.zip.XModOracle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one zip reader gives one verdict: every zip of the fuzz corpus, a list of malformed cases
 * and seeded mutations of valid zips is hashed ({@link DirHash#hashZip}, what
 * {@code ModuleHash.ofZip} runs), checked ({@link ModuleZip#check}), extracted
 * ({@link ModuleZip#unzip}) and run through the cache writer's {@link UnzipPass}; the four agree
 * with each other and with x/mod's {@code dirhash.HashZip}, {@code CheckZip} and {@code Unzip}
 * built with the installed go.
 */
class GoZipReaderTest {
  private static final ModuleVersion MV = ModuleVersion.of("example.com/m", "v1.0.0");
  private static final String P = "example.com/m@v1.0.0/";
  private static final int SEEDS = 6;
  private static final int MUTANTS_PER_SEED = 25;

  /** What one side said about one zip. */
  record Verdicts(String hash, String check, String unzip) {}

  private static final Map<String, Path> zips = new LinkedHashMap<>();
  private static Path work;

  @BeforeAll
  static void corpus() throws IOException {
    work = Files.createTempDirectory(XModOracle.work(), "reader");
    for (Map.Entry<String, byte[]> e : malformed().entrySet()) {
      add(e.getKey(), e.getValue());
    }
    Path seeds = Path.of("src/test/resources/io/github/goproxy4j/zip/ModuleZipFuzzTestInputs/checkAndUnzip");
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(seeds)) {
      for (Path p : ds) {
        add("fuzz seed " + p.getFileName(), Files.readAllBytes(p));
      }
    }
    for (int seed = 1; seed <= SEEDS; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < MUTANTS_PER_SEED; i++) {
        add("seed=" + seed + " mutant " + i, mutant(r));
      }
    }
  }

  private static void add(String name, byte[] zip) throws IOException {
    Path p = work.resolve("z" + zips.size() + ".zip");
    Files.write(p, zip);
    zips.put(name, p);
  }

  private static byte[] le(long v, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  static RawZip valid() {
    RawZip z = new RawZip();
    z.add(P + "go.mod", "module example.com/m\n");
    z.add(P + "a.go", "package a\n".repeat(20));
    z.add(P + "sub/b.go", "package sub\n").stored();
    return z;
  }

  /** The cases from the issue and the other ways a zip can lie. */
  static Map<String, byte[]> malformed() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("valid", valid().build());
    RawZip z = valid();
    z.add(P + "c.go", "package a\n").centralExtra = concat(le(1, 2), le(4, 2), le(0, 4));
    m.put("zip64 extra block of size 4 on a small entry", z.build());
    z = valid();
    z.add(P + "c.go", "package a\n").centralExtra = concat(le(0xCAFE, 2), le(100, 2), le(0, 4));
    m.put("unknown extra tag whose length runs past the extra field", z.build());
    z = valid();
    RawZip.Entry far = z.add(P + "far.go", "package a\n");
    far.declaredOffset = 0xFFFFFFFFL;
    far.centralExtra = concat(le(1, 2), le(8, 2), le(Long.MAX_VALUE - 3, 8));
    m.put("zip64 local-header offset near Long.MAX_VALUE", z.build());
    z = valid();
    z.add(P + "crc.go", "package a\n").declaredCrc = 1L;
    m.put("wrong CRC", z.build());
    z = valid();
    z.add(P + "long.go", "package a\n").declaredSize = 3L;
    m.put("longer than declared (deflated)", z.build());
    z = valid();
    z.add(P + "long.go", "package a\n").stored().declaredSize = 3L;
    m.put("longer than declared (stored)", z.build());
    z = valid();
    z.add(P + "short.go", "package a\n").declaredSize = 30L;
    m.put("shorter than declared", z.build());
    z = valid();
    z.add(P + "bz.go", "package a\n").method = 12;
    m.put("unsupported method", z.build());
    z = valid();
    z.add(P + "dd.go", "package a\n").descriptor(true);
    z.add(P + "dd2.go", "package b\n").descriptor(false);
    m.put("data descriptors", z.build());
    z = valid();
    z.add(P + "dd.go", "package a\n").descriptor(true).declaredCrc = 7L;
    m.put("data descriptor with a wrong CRC", z.build());
    z = valid();
    z.add(P + "sub/", "");
    z.add(P + "sub/", "");
    z.add(P, "");
    m.put("directory entries, repeated", z.build());
    z = valid();
    z.add(P + "bad.go", "package a\n").declaredOffset = 5L;
    m.put("local header offset into data", z.build());
    z = valid();
    z.prefix = "#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.US_ASCII);
    m.put("prepended data", z.build());
    z = valid();
    z.add("example.com/other@v1.0.0/x.go", "package x\n");
    m.put("an entry without the prefix", z.build());
    z = valid();
    z.add(P + "A.go", "package a\n");
    z.add(P + "a.GO", "package a\n");
    m.put("case collision", z.build());
    z = valid();
    z.add(P + "a.go", "package b\n");
    m.put("duplicate file", z.build());
    z = valid();
    z.add(P + "big.txt", "x").declaredSize = ModuleZip.MAX_ZIP_FILE + 1;
    m.put("declared size over MaxZipFile", z.build());
    byte[] v = valid().build();
    m.put("truncated", java.util.Arrays.copyOf(v, v.length / 2));
    m.put("empty", new byte[0]);
    return m;
  }

  /** A valid zip with 1 to 3 bytes changed, or cut, or a run of bytes repeated. */
  private static byte[] mutant(SplittableRandom r) {
    RawZip z = new RawZip();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      byte[] data = new byte[r.nextInt(80)];
      for (int j = 0; j < data.length; j++) {
        data[j] = (byte) ('a' + r.nextInt(4));
      }
      RawZip.Entry e = z.add((P + "f" + i + ".go").getBytes(StandardCharsets.UTF_8), data);
      e.deflate = r.nextBoolean();
      if (r.nextInt(5) == 0) {
        e.descriptor(r.nextBoolean());
      }
    }
    byte[] b = z.build();
    int kind = r.nextInt(6);
    if (kind == 0) {
      return java.util.Arrays.copyOf(b, r.nextInt(b.length));
    }
    int flips = 1 + r.nextInt(3);
    for (int i = 0; i < flips; i++) {
      // Mostly in the headers and the directory, where the readers could disagree.
      int at = r.nextInt(3) == 0 ? r.nextInt(b.length) : b.length - 1 - r.nextInt(Math.min(b.length, 120));
      b[at] ^= (byte) (1 + r.nextInt(255));
    }
    return b;
  }

  // ------------------------------------------------------------------ our side

  private static String ok(String s) {
    return s;
  }

  private static String err(String msg) {
    return "E " + msg.replaceAll("flate: corrupt input before offset [0-9]+", "flate: corrupt input");
  }

  private static String hash(Path zip) {
    try (GoZipReader z = GoZipReader.open(zip)) {
      return ok("h1:" + Base64.getEncoder().encodeToString(DirHash.hashZip(z)));
    } catch (GoZipReader.ZipError e) {
      return err(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String check(Path zip) {
    try {
      ModuleZip.check(MV, zip);
      return ok("valid");
    } catch (InvalidModuleZipException e) {
      return err(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unzip(Path zip, Path dir) {
    try {
      ModuleZip.unzip(MV, zip, dir);
      return ok(tree(dir));
    } catch (InvalidModuleZipException e) {
      return err(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The regular files under dir, sorted, with their contents. */
  static String tree(Path dir) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "tree " + files;
  }

  /**
   * The pass's verdicts, in the terms of the three separate steps; null where the pass stops
   * before the step (it hashes nothing after a prefix or size failure).
   */
  private static Verdicts pass(Path zip, Path dir) {
    String wrap = "unzip " + zip + ": ";
    try {
      UnzipPass.Result r = UnzipPass.run(MV, zip, dir);
      String hash = r.hash().map(h -> "h1:" + Base64.getEncoder().encodeToString(h)).orElse(null);
      if (r.unexpectedFile().isPresent()) {
        assertTrue(isEmpty(dir), "the pass wrote files for a zip with an unexpected file");
        return new Verdicts(null, "unexpected file " + r.unexpectedFile().get(), null);
      }
      Optional<String> e = r.verdict().error();
      if (e.isPresent()) {
        assertTrue(isEmpty(dir), "the pass wrote files for an invalid zip");
        return new Verdicts(hash, err(e.get()), err(wrap + e.get()));
      }
      assertTrue(r.extracted());
      return new Verdicts(hash, ok("valid"), ok(tree(dir)));
    } catch (GoZipReader.ZipError e) {
      // Either the directory (all steps fail alike) or an entry's data: then hashing fails, and
      // so does unzip if the zip passed its check (null: the pass does not say).
      if (e.entry().isPresent()) {
        return new Verdicts(err(e.getMessage()), null, err(wrap + e.getMessage()));
      }
      return new Verdicts(err(e.getMessage()), err(e.getMessage()), err(wrap + e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ the tests

  @Test
  void hashingCheckingExtractingAndThePassAgree() throws IOException {
    int agreedValid = 0;
    for (Map.Entry<String, Path> c : zips.entrySet()) {
      Path zip = c.getValue();
      Path base = Files.createTempDirectory(work, "x");
      Verdicts sep = new Verdicts(hash(zip), check(zip), unzip(zip, base.resolve("unzip")));
      Verdicts one = pass(zip, base.resolve("pass"));
      String what = c.getKey() + ": separate " + sep + ", pass " + one;
      if (one.check() != null && one.check().startsWith("unexpected file ")) {
        assertTrue(sep.check().contains("path does not have prefix"), what);
        continue;
      }
      if (one.hash() != null) {
        assertEquals(sep.hash(), one.hash(), what);
      } else {
        // Stopped on the declared sizes, before inflating anything.
        assertTrue(sep.check().contains("too large"), what);
      }
      if (one.check() != null) {
        assertEquals(sep.check(), one.check(), what);
        assertEquals(sep.unzip(), one.unzip(), what);
      } else if (sep.check().equals("valid")) {
        assertEquals(sep.unzip(), one.unzip(), what);
      }
      if (!sep.unzip().startsWith("E ")) {
        agreedValid++;
        assertEquals("valid", sep.check(), what);
        assertTrue(sep.hash().startsWith("h1:"), what);
      }
    }
    assertTrue(agreedValid >= 5, "too few valid zips in the corpus: " + agreedValid);
  }

  @Test
  void theIssueZipsPassEverywhere() throws IOException {
    for (String name : List.of("zip64 extra block of size 4 on a small entry",
        "unknown extra tag whose length runs past the extra field")) {
      Path zip = zips.get(name);
      Path base = Files.createTempDirectory(work, "issue");
      assertTrue(hash(zip).startsWith("h1:"), name + ": " + hash(zip));
      assertEquals("valid", check(zip), name);
      assertTrue(unzip(zip, base.resolve("u")).startsWith("tree {a.go="), name);
      try (GoZipReader z = GoZipReader.open(zip)) {
        assertEquals(Optional.empty(), ZipCheck.unexpectedFile(MV, z).map(GoZipReader.Entry::name), name);
      }
      UnzipPass.Result r = UnzipPass.run(MV, zip, base.resolve("p"));
      assertTrue(r.extracted(), name);
    }
  }

  @Test
  void aLocalHeaderOffsetNearLongMaxIsGosReadErrorNotAnIndexError(@TempDir Path tmp) throws IOException {
    Path zip = zips.get("zip64 local-header offset near Long.MAX_VALUE");
    assertEquals("valid", check(zip));
    InvalidModuleZipException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidModuleZipException.class,
        () -> ModuleZip.unzip(MV, zip, tmp.resolve("out")));
    assertEquals("unzip " + zip + ": read " + zip + ": invalid argument", e.getMessage());
    GoZipReader.ZipError z = org.junit.jupiter.api.Assertions.assertThrows(GoZipReader.ZipError.class,
        () -> UnzipPass.run(MV, zip, tmp.resolve("pass")));
    assertEquals("read " + zip + ": invalid argument", z.getMessage());
    assertEquals(P + "far.go", new String(z.entry().orElseThrow(), StandardCharsets.UTF_8));
  }

  // ------------------------------------------------------------------ against x/mod

  static Stream<String> goCases() {
    return Stream.of("all");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goCases")
  void everyVerdictIsXMods(String ignored) throws IOException {
    GoTool.assumeXMod();
    List<String> jobs = new ArrayList<>();
    List<String> names = new ArrayList<>(zips.keySet());
    for (String n : names) {
      Path zip = zips.get(n);
      Path base = Files.createTempDirectory(work, "go");
      jobs.add("hashzip\t" + zip);
      jobs.add("checkzip\t" + MV.path() + "\t" + MV.version() + "\t" + zip);
      jobs.add("unzip\t" + MV.path() + "\t" + MV.version() + "\t" + zip + "\t" + base.resolve("go"));
    }
    List<List<XModOracle.Field>> go = XModOracle.run(jobs);
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      Path zip = zips.get(n);
      Path base = Files.createTempDirectory(work, "java");
      String ourHash = hash(zip);
      List<XModOracle.Field> hf = go.get(3 * i);
      String goHash = field(hf, "H").orElseGet(() -> err(field(hf, "E").orElseThrow()));
      if (!ourHash.equals(err(ZipCheck.ERR_TOTAL_SIZE)) && !declaresDirectoryContent(zip)) {
        // (dirhash has no size limit; go1.19 reads directory content that Go 1.20+ refuses)
        assertEquals(goHash, ourHash, n + ": hash");
      }
      String goCheck = field(go.get(3 * i + 1), "E").map(GoZipReaderTest::err).orElse("valid");
      assertEquals(goCheck, check(zip), n + ": check");
      Optional<String> goUnzipErr = field(go.get(3 * i + 2), "E");
      String ours = unzip(zip, base.resolve("u"));
      if (goUnzipErr.isPresent()) {
        assertEquals(err(goUnzipErr.get()), ours, n + ": unzip");
      } else {
        assertEquals(goTree(go.get(3 * i + 2)), ours, n + ": unzip");
      }
    }
  }

  private static boolean declaresDirectoryContent(Path zip) {
    try (GoZipReader z = GoZipReader.open(zip)) {
      return z.entries().stream().anyMatch(e -> e.isDirectory() && e.uncompressedSize() != 0);
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<String> field(List<XModOracle.Field> fields, String tag) {
    return fields.stream().filter(f -> f.tag().equals(tag)).map(XModOracle.Field::value).findFirst();
  }

  private static String goTree(List<XModOracle.Field> fields) {
    Map<String, String> files = new TreeMap<>();
    for (XModOracle.Field f : fields) {
      if (f.tag().equals("F")) {
        String[] p = f.value().split("\u0000", 2);
        files.put(p[0], new String(p[1].getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
      }
    }
    return "tree " + files;
  }

  @Test
  void readsEntriesAsStreams() throws IOException {
    try (GoZipReader z = GoZipReader.of(valid().build())) {
      assertEquals(3, z.entries().size());
      try (InputStream in = z.open(z.entries().get(2))) {
        assertEquals("package sub\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }
}
