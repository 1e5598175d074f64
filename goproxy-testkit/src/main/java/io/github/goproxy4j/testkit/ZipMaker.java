package io.github.goproxy4j.testkit;

import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds module zips for the fake. */
final class ZipMaker {
  private ZipMaker() {}

  /**
   * Builds the zip of a module version with x/mod's rules.
   *
   * @throws InvalidFakeModuleException naming the source when a file breaks a rule
   */
  static byte[] create(String source, ModuleVersion mv, Map<String, byte[]> files) {
    // TODO(zipmod): use io.github.goproxy4j.zip.ModuleZip.create once it is on main.
    for (String name : files.keySet()) {
      try {
        ModulePath.checkFilePath(name);
      } catch (IllegalArgumentException e) {
        throw new InvalidFakeModuleException(source, 0, source + ": " + e.getMessage(), e);
      }
    }
    String prefix = mv.path() + "@" + mv.version() + "/";
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    files.forEach((k, v) -> entries.put(prefix + k, v));
    return raw(entries);
  }

  /** Writes the entries as given, without any check (txtar sections named "/..."). */
  static byte[] raw(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry ze = new ZipEntry(e.getKey());
        ze.setTime(FakeModule.DEFAULT_TIME.toEpochMilli());
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
