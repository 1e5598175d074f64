package io.github.goproxy4j.benchmarks.sumdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A large, real-world-shaped module zip (about 50 MB: mostly compressible source-like text, some
 * incompressible binary, a few thousand entries), generated once from a fixed seed into
 * {@code $TMPDIR/goproxy4j-bench/large-module.zip} and reused by the JMH benchmark and by
 * {@code bench-hash.sh}'s Go program.
 */
public final class LargeZip {
  private LargeZip() {}

  /**
   * Returns the zip, generating it if absent.
   *
   * @return the path
   * @throws IOException if it cannot be written
   */
  public static Path get() throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "goproxy4j-bench");
    Path zip = dir.resolve("large-module.zip");
    if (Files.isRegularFile(zip)) {
      return zip;
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "large-module", ".tmp");
    Random r = new Random(20261126);
    String[] words = ("func return if else for range package import type struct interface map chan go defer "
        + "select case switch default var const nil err error string int byte := = { } ( ) [ ] , . ; // "
        + "fmt.Println ctx context.Context io.Reader bytes.Buffer strings.Builder t.Run t.Errorf").split(" ");
    long total = 0;
    try (OutputStream fo = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(fo)) {
      String prefix = "example.com/large/module@v1.2.3/";
      z.putNextEntry(new ZipEntry(prefix + "go.mod"));
      z.write("module example.com/large/module\n\ngo 1.21\n".getBytes());
      for (int i = 0; total < 50_000_000L; i++) {
        String name = prefix + "pkg" + (i % 97) + "/file" + i + (i % 11 == 0 ? ".bin" : ".go");
        z.putNextEntry(new ZipEntry(name));
        byte[] content;
        if (i % 11 == 0) {
          content = new byte[r.nextInt(200_000)];
          r.nextBytes(content);
        } else {
          StringBuilder b = new StringBuilder();
          int size = r.nextInt(60_000);
          while (b.length() < size) {
            b.append(words[r.nextInt(words.length)]).append(r.nextInt(8) == 0 ? '\n' : ' ');
          }
          content = b.toString().getBytes();
        }
        z.write(content);
        total += content.length;
      }
    }
    Files.move(tmp, zip, StandardCopyOption.ATOMIC_MOVE);
    return zip;
  }

  /**
   * Generates the zip and prints its path (used by bench-hash.sh).
   *
   * @param args ignored
   * @throws IOException if it cannot be written
   */
  public static void main(String[] args) throws IOException {
    System.out.println(get());
  }
}
