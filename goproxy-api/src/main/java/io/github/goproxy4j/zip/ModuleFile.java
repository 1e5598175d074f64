package io.github.goproxy4j.zip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file offered to {@link ModuleZip#create(io.github.goproxy4j.module.ModuleVersion,
 * java.util.Collection, java.io.OutputStream)}: a slash-separated path relative to the module
 * root and its type (x/mod's {@code zip.File}). Only regular files can end up in a zip; the other
 * types exist so that the omission rules (symbolic links, irregular files) can be applied and
 * reported as Go does.
 *
 * <pre>{@code
 * ModuleFile.of("go.mod", "module example.com/m\n".getBytes(UTF_8));
 * ModuleFile.symlink("link.go");   // omitted: "file is a symbolic link"
 * }</pre>
 */
public final class ModuleFile {
  /** The kinds of file x/mod distinguishes. */
  public enum Type {
    /** A regular file: the only kind that is zipped. */
    REGULAR,
    /** A directory entry: omitted, but counts for collisions. */
    DIRECTORY,
    /** A symbolic link: omitted. */
    SYMLINK,
    /** Any other non-regular file (device, pipe, ...): omitted. */
    OTHER
  }

  private final String path;
  private final Type type;
  private final byte[] content;
  private final Path source;
  private final long size;

  private ModuleFile(String path, Type type, byte[] content, Path source, long size) {
    this.path = Objects.requireNonNull(path, "path");
    this.type = type;
    this.content = content;
    this.source = source;
    this.size = size;
  }

  /**
   * A regular file with the given content (not copied: do not modify the array afterwards).
   *
   * @param path the slash-separated path from the module root, never {@code null}
   * @param content the bytes, never {@code null}
   * @return the file
   */
  public static ModuleFile of(String path, byte[] content) {
    Objects.requireNonNull(content, "content");
    return new ModuleFile(path, Type.REGULAR, content, null, content.length);
  }

  /**
   * A regular file read from disk when the zip is written.
   *
   * @param path the slash-separated path from the module root, never {@code null}
   * @param source the file to read, never {@code null}
   * @param size its size now; more bytes at write time fail as in Go
   * @return the file
   */
  static ModuleFile fromDisk(String path, Path source, long size) {
    return new ModuleFile(path, Type.REGULAR, null, Objects.requireNonNull(source, "source"), size);
  }

  /**
   * A symbolic link (always omitted from zips).
   *
   * @param path the path, never {@code null}
   * @return the file
   */
  public static ModuleFile symlink(String path) {
    return new ModuleFile(path, Type.SYMLINK, null, null, 0);
  }

  /**
   * A directory entry (omitted from zips as {@code not a regular file}).
   *
   * @param path the path, never {@code null}
   * @return the file
   */
  public static ModuleFile directory(String path) {
    return new ModuleFile(path, Type.DIRECTORY, null, null, 0);
  }

  /**
   * Another non-regular file such as a named pipe (omitted as {@code not a regular file}).
   *
   * @param path the path, never {@code null}
   * @return the file
   */
  public static ModuleFile irregular(String path) {
    return new ModuleFile(path, Type.OTHER, null, null, 0);
  }

  /**
   * Returns the path from the module root.
   *
   * @return the path as given, never {@code null}
   */
  public String path() {
    return path;
  }

  /**
   * Returns the kind of file.
   *
   * @return the type, never {@code null}
   */
  public Type type() {
    return type;
  }

  /**
   * Returns the size in bytes (0 for non-regular files).
   *
   * @return the size
   */
  public long size() {
    return size;
  }

  InputStream open() throws IOException {
    if (content != null) {
      return new ByteArrayInputStream(content);
    }
    if (source != null) {
      return Files.newInputStream(source);
    }
    throw new IOException("not a regular file: " + path);
  }

  @Override
  public String toString() {
    return type == Type.REGULAR ? path + " (" + size + " bytes)" : path + " (" + type.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
