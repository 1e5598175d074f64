package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.testing.RawZip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against x/mod's own {@code dirhash.HashZip} (built from Debian's x/mod with
 * the installed go): seeded random zips — odd names, directory entries, duplicates, stored and
 * deflated entries, data descriptors, prepended bytes, some corrupted — must hash identically, and
 * fail exactly when Go fails.
 */
class ModuleHashXModTest {
  static final long SEED = 0x5eed_d1ffL;
  static final int ZIPS = 120;

  static final String PROGRAM = String.join("\n",
      "package main",
      "",
      "import (",
      "\t\"bufio\"",
      "\t\"fmt\"",
      "\t\"os\"",
      "",
      "\t\"golang.org/x/mod/sumdb/dirhash\"",
      ")",
      "",
      "func main() {",
      "\tin := bufio.NewScanner(os.Stdin)",
      "\tfor in.Scan() {",
      "\t\th, err := dirhash.HashZip(in.Text(), dirhash.Hash1)",
      "\t\tif err != nil {",
      "\t\t\tfmt.Println(\"error\", err)",
      "\t\t} else {",
      "\t\t\tfmt.Println(h)",
      "\t\t}",
      "\t}",
      "}",
      "");

  static final String[] PARTS = {"a", "b", "go.mod", "x.go", "dir", "Z", "\u00e9", "\uFF21", "\uD83D\uDE00",
      "\u4e2d", "-", "_", ".", "LICENSE", "v2", " ", "~"};

  static String randomName(Random r, String prefix) {
    StringBuilder b = new StringBuilder(prefix);
    int depth = 1 + r.nextInt(3);
    for (int d = 0; d < depth; d++) {
      if (d > 0) {
        b.append('/');
      }
      int n = 1 + r.nextInt(3);
      for (int i = 0; i < n; i++) {
        b.append(PARTS[r.nextInt(PARTS.length)]);
      }
    }
    return b.toString();
  }

  static byte[] randomContent(Random r) {
    int size = r.nextInt(10) == 0 ? r.nextInt(200_000) : r.nextInt(300);
    byte[] b = new byte[size];
    if (r.nextBoolean()) {
      r.nextBytes(b);
    } else {
      for (int i = 0; i < size; i++) {
        b[i] = (byte) "package main\n\tfunc() {}\n".charAt(r.nextInt(24));
      }
    }
    return b;
  }

  static byte[] randomZip(Random r) {
    RawZip z = new RawZip();
    String prefix = r.nextInt(4) == 0 ? "" : "example.com/m" + r.nextInt(3) + "@v1.0." + r.nextInt(3) + "/";
    int n = r.nextInt(12);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name;
      if (!names.isEmpty() && r.nextInt(8) == 0) {
        name = names.get(r.nextInt(names.size())); // duplicate
      } else if (r.nextInt(6) == 0) {
        name = randomName(r, prefix) + "/"; // directory entry
      } else {
        name = randomName(r, prefix);
      }
      names.add(name);
      byte[] content = name.endsWith("/") ? new byte[0] : randomContent(r);
      RawZip.Entry e = new RawZip.Entry(name.getBytes(StandardCharsets.UTF_8), content);
      if (r.nextInt(3) == 0) {
        e.stored();
      }
      if (r.nextInt(4) == 0) {
        e.descriptor(r.nextBoolean());
      }
      // Directory entries are read as empty without a CRC check since Go 1.20 (our behaviour);
      // the installed go1.19 checks their CRC, so only files get a wrong one here.
      if (r.nextInt(25) == 0 && !name.endsWith("/")) {
        e.declaredCrc = (long) r.nextInt(1 << 30);
      }
      if (r.nextInt(40) == 0) {
        e.name = new byte[] {'a', (byte) (0x80 + r.nextInt(0x7f)), 'z'}; // raw non-UTF-8 name
      }
      z.add(e);
    }
    if (r.nextInt(10) == 0) {
      z.prefix = "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8);
    }
    byte[] zip = z.build();
    if (r.nextInt(20) == 0 && zip.length > 30) {
      zip[r.nextInt(zip.length)] ^= (byte) (1 << r.nextInt(8)); // random corruption
    }
    return zip;
  }

  @Test
  void randomZipsHashAsXModDoes(@TempDir Path work) throws IOException {
    GoTool.assumeXMod();
    Path bin = GoTool.buildXModProgram(PROGRAM, work.resolve("build"));
    Random r = new Random(SEED);
    List<Path> zips = new ArrayList<>();
    StringBuilder stdin = new StringBuilder();
    for (int i = 0; i < ZIPS; i++) {
      Path p = work.resolve("z" + i + ".zip");
      Files.write(p, randomZip(r));
      zips.add(p);
      stdin.append(p).append('\n');
    }
    // A zip64 archive (more than 65535 entries), written by java.util.zip.
    Path zip64 = work.resolve("zip64.zip");
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip64))) {
      for (int i = 0; i < 70_000; i++) {
        z.putNextEntry(new java.util.zip.ZipEntry("example.com/big@v1.0.0/f" + i));
        z.write(i % 7 == 0 ? new byte[0] : Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      }
    }
    zips.add(zip64);
    stdin.append(zip64).append('\n');
    GoTool.Result go = GoTool.exec(work, GoTool.hermeticEnv(work), 120,
        stdin.toString().getBytes(StandardCharsets.UTF_8), bin.toString()).requireOk();
    String[] want = go.stdout().split("\n");
    assertEquals(ZIPS + 1, want.length);
    assertTrue(want[ZIPS].startsWith("h1:"), "go reads the zip64 archive: " + want[ZIPS]);
    int errors = 0;
    for (int i = 0; i < zips.size(); i++) {
      String got;
      try {
        got = ModuleHash.ofZip(zips.get(i)).toString();
      } catch (ZipException e) {
        got = "error";
        errors++;
      }
      String w = want[i].startsWith("error") ? "error" : want[i];
      assertEquals(w, got, "seed=" + SEED + " zip #" + i + " (go: " + want[i] + ")");
    }
    System.out.println("differential: " + ZIPS + " zips, " + errors + " refused by both");
  }
}
