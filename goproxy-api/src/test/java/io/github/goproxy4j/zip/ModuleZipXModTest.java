package io.github.goproxy4j.zip;

import io.github.goproxy4j.testing.RawZip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test against x/mod's zip package (v0.7.0 with go1.19): seeded random module file
 * sets are zipped by both {@code zip.Create} and {@link ModuleZip#create}; seeded random raw zips
 * (hostile names, case collisions, duplicate entries, sizes and CRCs that lie, unsupported
 * methods, corrupted directories) are checked and extracted by both sides. Results, error texts
 * and extracted contents must be the same.
 */
class ModuleZipXModTest {
  private static final int SEEDS = 8;
  private static final int CREATE_PER_SEED = 40;
  private static final int RAW_PER_SEED = 60;

  private static final String[] ELEMENTS = {"a.go", "b", "sub", "vendor", "go.mod", "GO.MOD", "Go.mod", "LICENSE",
      "M.go", "m.go", "x", "\u00df", "\u1e9e", "\u212a", "k", "K", "s", "\u017f", "\u00e9", "\u00c9",
      ".hg_archival.txt", "con", "aux.go", "bad'", "a b", "..", ".", "", "x.", "-x", "~", "\u01c5", "\u01c6",
      "\u0131", "i", "\u0130", "modules.txt", "pkg", "\u03a3", "\u03c2", "\u03c3", "\u0007", "\u200b",
      "\u00a0x", "\ud83d\ude00", "e\u0301", "\u2028", "x\u007f", "lpt1.txt", "COM9", "a~1", "\t"};
  private static final String[][] MODULES = {{"example.com/m", "v1.0.0"}, {"example.com/m", "v1.0.0"},
      {"example.com/m/v2", "v2.1.0"}, {"example.com/m", "v1.0.0+meta"}, {"example.com/m", "v1.2"},
      {"gopkg.in/yaml.v2", "v2.4.0"}};

  /** One comparison: what Go said and what we said, with a description of the input. */
  record Case(String seedKey, String input, List<String> go, List<String> java) {}

  private static final List<Case> cases = new ArrayList<>();

  @BeforeAll
  static void runBoth() throws IOException {
    GoTool.assumeXMod();
    Path work = Files.createTempDirectory(XModOracle.work(), "zip");
    List<String> jobs = new ArrayList<>();
    List<Runnable> javaSide = new ArrayList<>();
    List<String[]> meta = new ArrayList<>(); // seedKey, input description, kind

    for (int seed = 1; seed <= SEEDS; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < CREATE_PER_SEED; i++) {
        String[] mod = MODULES[r.nextInt(MODULES.length)];
        List<ModuleFile> files = randomFiles(r);
        Path dir = Files.createDirectories(work.resolve("c" + seed + "_" + i));
        Path manifest = writeManifest(dir.resolve("manifest"), files);
        Path goZip = dir.resolve("go.zip");
        Path javaZip = dir.resolve("java.zip");
        jobs.add("create\t" + mod[0] + "\t" + mod[1] + "\t" + manifest + "\t" + goZip);
        List<String> javaResult = new ArrayList<>();
        javaSide.add(() -> javaResult.addAll(javaCreate(mod, files, javaZip)));
        meta.add(new String[] {"seed=" + seed, "create " + mod[0] + "@" + mod[1] + " " + files, "create"});
        cases.add(new Case("seed=" + seed, meta.get(meta.size() - 1)[1], null, javaResult));
        // Go's view of our zip (when we wrote one) and our view of Go's zip come below
      }
      for (int i = 0; i < RAW_PER_SEED; i++) {
        String[] mod = MODULES[r.nextInt(3)];
        Path dir = Files.createDirectories(work.resolve("r" + seed + "_" + i));
        Path zip = dir.resolve("t.zip");
        String desc = writeRandomZip(r, mod, zip);
        jobs.add("checkzip\t" + mod[0] + "\t" + mod[1] + "\t" + zip);
        List<String> javaCheck = new ArrayList<>();
        javaSide.add(() -> javaCheck.addAll(javaCheck(mod, zip)));
        cases.add(new Case("seed=" + seed, "check " + desc, null, javaCheck));
        jobs.add("unzip\t" + mod[0] + "\t" + mod[1] + "\t" + zip + "\t" + dir.resolve("go-out"));
        List<String> javaUnzip = new ArrayList<>();
        javaSide.add(() -> javaUnzip.addAll(javaUnzip(mod, zip, dir.resolve("java-out"))));
        cases.add(new Case("seed=" + seed, "unzip " + desc, null, javaUnzip));
      }
    }
    List<List<XModOracle.Field>> goResults = XModOracle.run(jobs);
    javaSide.forEach(Runnable::run);
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      List<String> go = new ArrayList<>();
      goResults.get(i).forEach(f -> go.add(f.tag() + " " + normalize(f.value())));
      cases.set(i, new Case(c.seedKey(), c.input(), go, c.java()));
    }
  }

  /** flate's error offsets are not reproduced (Java's zlib reports no offset); see ModuleZip docs. */
  private static String normalize(String s) {
    return s.replaceAll("flate: corrupt input before offset [0-9]+", "flate: corrupt input");
  }

  private static List<ModuleFile> randomFiles(SplittableRandom r) {
    List<ModuleFile> files = new ArrayList<>();
    int n = r.nextInt(8);
    if (r.nextInt(3) > 0) {
      String go = r.nextBoolean() ? "go 1.13\n" : r.nextBoolean() ? "go 1.21\n" : "";
      files.add(ModuleFile.of("go.mod", ("module example.com/m\n\n" + go).getBytes(StandardCharsets.UTF_8)));
    }
    for (int i = 0; i < n; i++) {
      String p = randomPath(r);
      int t = r.nextInt(12);
      if (t == 0) {
        files.add(ModuleFile.symlink(p));
      } else if (t == 1) {
        files.add(ModuleFile.directory(p));
      } else if (t == 2) {
        files.add(ModuleFile.irregular(p));
      } else {
        byte[] data = new byte[r.nextInt(40)];
        r.nextBytes(data);
        files.add(ModuleFile.of(p, data));
      }
      if (r.nextInt(10) == 0) {
        files.add(ModuleFile.of(p, new byte[] {1}));
      }
    }
    return files;
  }

  private static String randomPath(SplittableRandom r) {
    int depth = 1 + r.nextInt(3);
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < depth; d++) {
      if (d > 0) {
        sb.append('/');
      }
      sb.append(ELEMENTS[r.nextInt(ELEMENTS.length)]);
    }
    return sb.toString();
  }

  private static Path writeManifest(Path p, List<ModuleFile> files) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (ModuleFile f : files) {
      char kind = f.type() == ModuleFile.Type.REGULAR ? 'f' : f.type() == ModuleFile.Type.SYMLINK ? 'l'
          : f.type() == ModuleFile.Type.DIRECTORY ? 'd' : 'o';
      o.write(kind);
      byte[] name = f.path().getBytes(StandardCharsets.UTF_8);
      le32(o, name.length);
      o.write(name);
      byte[] data = f.type() == ModuleFile.Type.REGULAR ? f.open().readAllBytes() : new byte[0];
      le32(o, data.length);
      o.write(data);
    }
    return Files.write(p, o.toByteArray());
  }

  private static void le32(ByteArrayOutputStream o, int v) {
    for (int i = 0; i < 4; i++) {
      o.write((v >>> (8 * i)) & 0xFF);
    }
  }

  private static List<String> describe(CheckedFiles cf) {
    List<String> out = new ArrayList<>();
    cf.valid().forEach(v -> out.add("V " + v));
    cf.omitted().forEach(v -> out.add("O " + v.path() + "\0" + v.message()));
    cf.invalid().forEach(v -> out.add("I " + v.path() + "\0" + v.message()));
    cf.sizeError().ifPresent(s -> out.add("S " + s));
    return out;
  }

  private static List<String> javaCreate(String[] mod, List<ModuleFile> files, Path zip) {
    List<String> out = new ArrayList<>();
    try {
      out.addAll(describe(ModuleZip.checkFiles(files)));
      ModuleVersion mv = ModuleVersion.of(mod[0], mod[1]);
      try (OutputStream o = Files.newOutputStream(zip)) {
        ModuleZip.create(mv, files, o);
      }
    } catch (IllegalArgumentException e) {
      out.add("C " + e.getMessage());
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  private static List<String> javaCheck(String[] mod, Path zip) {
    ModuleVersion mv = ModuleVersion.of(mod[0], mod[1]);
    try {
      return describe(ModuleZip.check(mv, zip));
    } catch (InvalidModuleZipException e) {
      List<String> out = new ArrayList<>(e.checkedFiles().map(ModuleZipXModTest::describe).orElse(List.of()));
      out.add("E " + normalize(e.getMessage()));
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> javaUnzip(String[] mod, Path zip, Path dir) {
    ModuleVersion mv = ModuleVersion.of(mod[0], mod[1]);
    List<String> out = new ArrayList<>();
    try {
      ModuleZip.unzip(mv, zip, dir);
    } catch (IOException e) {
      out.add("E " + normalize(e.getMessage()));
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<String> names = new ArrayList<>();
      walk.filter(Files::isRegularFile).forEach(p -> names.add(dir.relativize(p).toString()));
      names.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
          b.getBytes(StandardCharsets.UTF_8)));
      for (String n : names) {
        out.add("F " + n + "\0" + XModOracle.decode(Files.readAllBytes(dir.resolve(n)), 0,
            Files.readAllBytes(dir.resolve(n)).length));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  /** A random zip for {@code mod}; returns a description for failure messages. */
  private static String writeRandomZip(SplittableRandom r, String[] mod, Path zip) throws IOException {
    String prefix = mod[0] + "@" + mod[1] + "/";
    RawZip z = new RawZip();
    StringBuilder desc = new StringBuilder("[");
    int n = r.nextInt(7);
    boolean stored = r.nextInt(4) == 0;
    for (int i = 0; i < n; i++) {
      String name;
      int k = r.nextInt(20);
      if (k == 0) {
        name = randomPath(r);
      } else if (k == 1) {
        name = mod[0] + "@" + mod[1];
      } else if (k == 2) {
        name = prefix;
      } else if (k == 3) {
        name = prefix + randomPath(r) + "/";
      } else if (k == 4) {
        name = "example.com/other@v1.0.0/" + randomPath(r);
      } else {
        name = prefix + randomPath(r);
      }
      byte[] data = new byte[r.nextInt(60)];
      r.nextBytes(data);
      RawZip.Entry e = name.endsWith("/") ? z.add(name, "") : z.add(name.getBytes(StandardCharsets.UTF_8), data);
      e.deflate = !stored && r.nextBoolean();
      int lie = r.nextInt(30);
      if (lie == 0) {
        e.declaredSize = (long) data.length + 1 + r.nextInt(5);
      } else if (lie == 1 && data.length > 0) {
        e.declaredSize = (long) r.nextInt(data.length);
      } else if (lie == 2) {
        e.declaredCrc = (long) r.nextInt();
        e.declaredCrc &= 0xFFFFFFFFL;
      } else if (lie == 3) {
        e.method = 12;
      } else if (lie == 4) {
        e.declaredSize = name.endsWith("go.mod") ? ModuleZip.MAX_GO_MOD + 1 : 0xFFFFFFF0L;
      } else if (lie == 5) {
        e.externalAttrs = 0120777 << 16; // a symbolic link mode: ignored, as in Go
      }
      if (r.nextInt(12) == 0) {
        e.name = java.util.Arrays.copyOf(e.name, e.name.length + 1);
        e.name[e.name.length - 1] = (byte) 0xFF;
      }
      desc.append(GoQuote.of(e.name)).append(e.deflate ? "" : "(stored)").append(lie < 6 ? "(lie" + lie + ")" : "")
          .append(' ');
    }
    byte[] bytes = z.bytes();
    int damage = r.nextInt(12);
    if (damage == 0 && bytes.length > 0) {
      bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length));
      desc.append("truncated ");
    } else if (damage == 1 && stored) {
      // flip a byte in the central directory or end record (no deflate data to reinterpret)
      int at = bytes.length - 1 - r.nextInt(Math.min(bytes.length, 60));
      bytes[at] ^= (byte) (1 + r.nextInt(255));
      desc.append("flipped@").append(at).append(' ');
    } else if (damage == 2) {
      bytes = new byte[r.nextInt(100)];
      r.nextBytes(bytes);
      desc.append("garbage ");
    }
    Files.write(zip, bytes);
    return desc.append(']').toString();
  }

  /** Quotes raw names for descriptions. */
  static final class GoQuote {
    static String of(byte[] b) {
      return io.github.goproxy4j.internal.GoText.quote(b);
    }
  }

  static Stream<Integer> seeds() {
    return IntStream.rangeClosed(1, SEEDS).boxed();
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void createCheckAndUnzipAgreeWithXMod(int seed) {
    for (Case c : cases) {
      if (c.seedKey().equals("seed=" + seed)) {
        assertEquals(c.go(), c.java(), () -> c.seedKey() + " " + c.input());
      }
    }
  }

  @Test
  void collisionKeysPartitionRunesAsGoSimpleFoldDoes() {
    String table = XModOracle.run(List.of("fold")).get(0).get(0).value();
    // The oracle is built by the go on PATH: compare with that release's tables.
    String goVersion = GoTool.run(XModOracle.work(), GoTool.hermeticEnv(XModOracle.work()), 60, "env", "GOVERSION")
        .requireOk().stdout().trim();
    io.github.goproxy4j.internal.UnicodeTables unicode =
        io.github.goproxy4j.internal.UnicodeTables.forGoVersion(goVersion);
    int[] go = new int[0x110000];
    for (int r = 0; r < go.length; r++) {
      go[r] = r;
    }
    for (String line : table.split("\n")) {
      String[] p = line.split(" ");
      go[Integer.parseInt(p[0], 16)] = Integer.parseInt(p[1], 16);
    }
    // The two keys must induce the same partition: map each class of one to a class of the other.
    int[] oursToGo = new int[0x110000];
    int[] goToOurs = new int[0x110000];
    java.util.Arrays.fill(oursToGo, -1);
    java.util.Arrays.fill(goToOurs, -1);
    int checked = 0;
    for (int r = 0; r < go.length; r++) {
      if (r >= 0xD800 && r <= 0xDFFF) {
        continue;
      }
      int ours = io.github.goproxy4j.internal.GoText.foldRune(r, unicode);
      int goKey = go[r];
      if (oursToGo[ours] < 0) {
        oursToGo[ours] = goKey;
      }
      if (goToOurs[goKey] < 0) {
        goToOurs[goKey] = ours;
      }
      if (oursToGo[ours] != goKey || goToOurs[goKey] != ours) {
        throw new AssertionError(Integer.toHexString(r) + ": our fold class differs from " + goVersion + "'s");
      }
      checked++;
    }
    assertTrue(checked > 1_000_000);
  }

  @Test
  void theRandomCasesCoverSuccessAndFailure() {
    long failures = cases.stream().filter(c -> c.go().stream().anyMatch(s -> s.startsWith("E ") || s.startsWith("C ")))
        .count();
    long extracted = cases.stream().filter(c -> c.go().stream().anyMatch(s -> s.startsWith("F "))).count();
    long omitted = cases.stream().filter(c -> c.go().stream().anyMatch(s -> s.startsWith("O "))).count();
    assertTrue(failures > cases.size() / 10 && failures < cases.size() * 9 / 10, "failures " + failures);
    assertTrue(extracted > 30, "extracted " + extracted);
    assertTrue(omitted > 10, "omitted " + omitted);
  }
}
