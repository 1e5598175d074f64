package io.github.goproxy4j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What the fake serves for one module version: the .info, .mod and .zip bodies (each may be
 * missing, which answers not-found), whether @v/list shows it, and its time for @latest.
 */
final class ServedVersion {
  final String path;
  final String version;
  private final byte[] info;
  private final byte[] mod;
  private final byte[] zip;
  private final Path zipFile;
  /** The h1: zip hash from a .ziphash file, used when the zip itself is absent. */
  final String zipHashHint;
  final boolean listed;
  final Instant time;
  /** Where it came from, for messages. */
  final String source;

  private ServedVersion(String path, String version, byte[] info, byte[] mod, byte[] zip,
      Path zipFile, String zipHashHint, boolean listed, Instant time, String source) {
    this.path = Objects.requireNonNull(path);
    this.version = Objects.requireNonNull(version);
    this.info = info;
    this.mod = mod;
    this.zip = zip;
    this.zipFile = zipFile;
    this.zipHashHint = zipHashHint;
    this.listed = listed;
    this.time = time;
    this.source = source;
  }

  static ServedVersion inMemory(String path, String version, byte[] info, byte[] mod, byte[] zip,
      boolean listed, Instant time) {
    return new ServedVersion(path, version, info, mod, zip, null, null, listed, time,
        path + "@" + version);
  }

  static ServedVersion inMemory(String path, String version, byte[] info, byte[] mod, byte[] zip,
      boolean listed, Instant time, String source) {
    return new ServedVersion(path, version, info, mod, zip, null, null, listed, time, source);
  }

  static ServedVersion onDisk(String path, String version, byte[] info, byte[] mod, Path zipFile,
      String zipHashHint, boolean listed, Instant time, String source) {
    return new ServedVersion(path, version, info, mod, null, zipFile, zipHashHint, listed, time,
        source);
  }

  String key() {
    return path + "@" + version;
  }

  byte[] info() {
    return info;
  }

  byte[] mod() {
    return mod;
  }

  boolean hasZip() {
    return zip != null || zipFile != null;
  }

  /** Returns the zip bytes, or null when there is no zip. */
  byte[] zip() throws IOException {
    if (zip != null) {
      return zip;
    }
    return zipFile == null ? null : Files.readAllBytes(zipFile);
  }

  /** Returns the zip file on disk, or null. */
  Path zipFile() {
    return zipFile;
  }

  @Override
  public String toString() {
    return "ServedVersion[" + key() + " from " + source + "]";
  }
}
