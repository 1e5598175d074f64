package io.github.goproxy4j.zip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** dirhash's h1: of a zip, for the hash vectors in x/mod's zip testdata (test-only, minimal). */
final class Hash1 {
  private Hash1() {}

  static String ofZip(Path zip) throws IOException {
    List<String[]> files = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (var en = z.entries(); en.hasMoreElements(); ) {
        ZipEntry e = en.nextElement();
        try (InputStream in = z.getInputStream(e)) {
          files.add(new String[] {e.getName(), HexFormat.of().formatHex(sha256(in.readAllBytes()))});
        }
      }
    }
    files.sort((a, b) -> java.util.Arrays.compareUnsigned(
        a[0].getBytes(StandardCharsets.UTF_8), b[0].getBytes(StandardCharsets.UTF_8)));
    StringBuilder sb = new StringBuilder();
    for (String[] f : files) {
      sb.append(f[1]).append("  ").append(f[0]).append('\n');
    }
    return "h1:" + Base64.getEncoder().encodeToString(sha256(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static String ofDir(Path dir, String prefix) throws IOException {
    List<String[]> files = new ArrayList<>();
    try (var walk = java.nio.file.Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (java.nio.file.Files.isRegularFile(p)) {
          String rel = dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
          files.add(new String[] {prefix + rel, HexFormat.of().formatHex(sha256(java.nio.file.Files.readAllBytes(p)))});
        }
      }
    }
    files.sort((a, b) -> java.util.Arrays.compareUnsigned(
        a[0].getBytes(StandardCharsets.UTF_8), b[0].getBytes(StandardCharsets.UTF_8)));
    StringBuilder sb = new StringBuilder();
    for (String[] f : files) {
      sb.append(f[1]).append("  ").append(f[0]).append('\n');
    }
    return "h1:" + Base64.getEncoder().encodeToString(sha256(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
