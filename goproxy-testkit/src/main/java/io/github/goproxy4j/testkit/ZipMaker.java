package io.github.goproxy4j.testkit;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.zip.ModuleZip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds module zips for the fake. */
final class ZipMaker {
  private ZipMaker() {}

  /**
   * Builds the zip of a module version with x/mod's rules ({@code zip.Create}: files in vendor
   * directories and submodules are left out, as Go leaves them out).
   *
   * @throws InvalidFakeModuleException naming the source, with x/mod's message, when a file
   *     breaks a rule
   */
  static byte[] create(String source, ModuleVersion mv, Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ModuleZip.create(mv, files, out);
    } catch (IllegalArgumentException e) {
      throw new InvalidFakeModuleException(source, 0, source + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the entries as given, without any check (txtar sections named "/..."). */
  static byte[] raw(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry ze = new ZipEntry(e.getKey());
        ze.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0));
        z.putNextEntry(ze);
        z.write(e.getValue());
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
