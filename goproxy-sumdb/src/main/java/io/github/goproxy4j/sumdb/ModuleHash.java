package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.internal.GoBase64;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoUtf8;
import io.github.goproxy4j.zip.internal.DirHash;
import io.github.goproxy4j.zip.internal.GoZipReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An {@code h1:} hash, as x/mod's {@code dirhash.Hash1}: the SHA-256 of a summary that lists, for
 * each file in UTF-8 byte order of its name, {@code hex(SHA-256(content))  name\n}. It is how the
 * go command identifies a module zip ({@link #ofZip(Path)}, names with their
 * {@code module@version/} prefix) and a go.mod file ({@link #ofGoMod}). {@link #equals} compares
 * in constant time.
 *
 * <pre>{@code
 * ModuleHash zip = ModuleHash.ofZip(Path.of("v1.5.2.zip"));
 * ModuleHash mod = ModuleHash.ofGoMod(Files.readAllBytes(Path.of("v1.5.2.mod")));
 * if (!zip.equals(ModuleHash.parse("h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y="))) { ... }
 * }</pre>
 */
public final class ModuleHash {
  static final String ERR_NEWLINE = DirHash.ERR_NEWLINE;
  private static final String PREFIX = "h1:";

  private final byte[] digest;

  private ModuleHash(byte[] digest) {
    this.digest = digest;
  }

  /**
   * Parses {@code h1:} followed by the padded standard base64 of 32 bytes.
   *
   * @param text the hash as written in go.sum;
   *     {@code null} is rejected as malformed, with the exception below
   * @return the hash
   * @throws InvalidModuleHashException naming the input
   */
  public static ModuleHash parse(String text) {
    if (text == null) {
      throw new InvalidModuleHashException("invalid module hash null: want h1:<base64 of 32 bytes>");
    }
    if (!text.startsWith(PREFIX)) {
      throw new InvalidModuleHashException("invalid module hash " + GoQuote.quoteCut(text)
          + ": does not start with \"h1:\"");
    }
    String b64 = text.substring(PREFIX.length());
    byte[] b = b64.length() == 44 ? GoBase64.decode(b64).orElse(null) : null;
    if (b == null || b.length != 32) {
      throw new InvalidModuleHashException("invalid module hash " + GoQuote.quoteCut(text)
          + ": want h1: and 44 characters of padded base64 (32 bytes)");
    }
    return new ModuleHash(b);
  }

  /**
   * Reports whether a string is a valid {@code h1:} hash.
   *
   * @param text a candidate; may be {@code null} (not valid)
   * @return whether {@link #parse} accepts it
   */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (InvalidModuleHashException e) {
      return false;
    }
  }

  /**
   * Wraps a 32-byte digest.
   *
   * @param digest the SHA-256 of the summary
   * @return the hash
   */
  public static ModuleHash ofDigest(byte[] digest) {
    if (Objects.requireNonNull(digest, "digest").length != 32) {
      throw new InvalidModuleHashException("invalid module hash: " + digest.length + " bytes, want 32");
    }
    return new ModuleHash(digest.clone());
  }

  /**
   * Hashes a module zip file as x/mod's {@code dirhash.HashZip}: every entry with its full
   * stored name (raw bytes, including the {@code module@version/} prefix and directory entries),
   * sorted by bytes; duplicates hash with the last entry's content. The zip is read as Go's
   * {@code archive/zip} reads it (one reader for hashing, checking and extracting): entry sizes and
   * CRC-32 are checked; directory entries read as empty (one that declares content is refused), as
   * since Go 1.20. Unlike dirhash, the declared sizes of the entries must total at most
   * {@link io.github.goproxy4j.zip.ModuleZip#MAX_ZIP_FILE} (x/mod's limit for any module zip)
   * before anything is inflated, and each entry is bounded by its declared size, so a zip bomb
   * costs nothing. The file is streamed: memory use is the central directory plus fixed buffers.
   *
   * @param zip the zip file
   * @return the hash
   * @throws java.util.zip.ZipException with Go's text ({@code zip: not a valid zip file},
   *     {@code zip: checksum error}, {@code total uncompressed size of module contents too large
   *     (max size is 524288000 bytes)}, ...) naming the file and entry
   * @throws IOException if reading fails
   */
  public static ModuleHash ofZip(Path zip) throws IOException {
    Objects.requireNonNull(zip, "zip");
    try (GoZipReader z = GoZipReader.open(zip)) {
      return new ModuleHash(DirHash.hashZip(z));
    } catch (GoZipReader.ZipError e) {
      throw located(e, zip.toString());
    }
  }

  /**
   * Hashes a module zip held in memory, as {@link #ofZip(Path)}.
   *
   * @param zip the zip bytes
   * @return the hash
   * @throws java.util.zip.ZipException with Go's text
   */
  public static ModuleHash ofZip(byte[] zip) throws java.util.zip.ZipException {
    Objects.requireNonNull(zip, "zip");
    try (GoZipReader z = GoZipReader.of(zip)) {
      return new ModuleHash(DirHash.hashZip(z));
    } catch (GoZipReader.ZipError e) {
      throw located(e, "zip");
    } catch (IOException e) {
      throw new IllegalStateException("reading memory failed", e);
    }
  }

  private static java.util.zip.ZipException located(GoZipReader.ZipError e, String label) {
    String where = e.entry().map(n -> "entry " + GoQuote.quoteCut(new String(n, StandardCharsets.UTF_8)) + " of ")
        .orElse("") + label;
    java.util.zip.ZipException z = new java.util.zip.ZipException(e.getMessage() + " (" + where + ")");
    z.initCause(e);
    return z;
  }

  /**
   * Hashes a go.mod file as the go command does: {@code Hash1} of one file named {@code go.mod}.
   *
   * @param goMod the go.mod content
   * @return the hash (go.sum's {@code <path> <version>/go.mod h1:...} line)
   */
  public static ModuleHash ofGoMod(byte[] goMod) {
    Objects.requireNonNull(goMod, "goMod");
    // ofFiles for the one file, without its stream and 64 KiB read buffer (a graph load hashes
    // hundreds of go.mod files; the buffer's zeroing was most of the time spent here)
    DirHash.Summary summary = new DirHash.Summary();
    summary.add(GO_MOD_NAME, sha256().digest(goMod));
    return new ModuleHash(summary.digest());
  }

  private static final byte[] GO_MOD_NAME = "go.mod".getBytes(StandardCharsets.UTF_8);

  /** Opens a file by name for {@link #ofFiles}. */
  @FunctionalInterface
  public interface FileOpener {
    /**
     * Opens a file.
     *
     * @param name the name as listed
     * @return its content; closed by the caller
     * @throws IOException if it cannot be opened
     */
    InputStream open(String name) throws IOException;
  }

  /**
   * x/mod's generic {@code dirhash.Hash1}: hashes the named files in UTF-8 byte order of their
   * names.
   *
   * @param names the file names (duplicates are hashed twice, as in Go)
   * @param opener opens each file
   * @return the hash
   * @throws IllegalArgumentException {@code dirhash: filenames with newlines are not supported},
   *     or for a name that is not well-formed Unicode
   * @throws IOException if a file cannot be read
   */
  public static ModuleHash ofFiles(Collection<String> names, FileOpener opener) throws IOException {
    Objects.requireNonNull(opener, "opener");
    List<String> sorted = new ArrayList<>(Objects.requireNonNull(names, "names"));
    List<byte[]> encoded = new ArrayList<>(sorted.size());
    for (String n : sorted) {
      if (n == null || !GoUtf8.validString(n)) {
        throw new IllegalArgumentException("dirhash: file name " + GoQuote.quoteCut(n) + " is not well-formed Unicode");
      }
    }
    sorted.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    for (String n : sorted) {
      encoded.add(n.getBytes(StandardCharsets.UTF_8));
    }
    DirHash.Summary summary = new DirHash.Summary();
    MessageDigest file = sha256();
    byte[] buf = new byte[1 << 16];
    for (int i = 0; i < sorted.size(); i++) {
      String name = sorted.get(i);
      if (name.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(ERR_NEWLINE + " (" + GoQuote.quoteCut(name) + ")");
      }
      file.reset();
      try (InputStream in = opener.open(name)) {
        if (in == null) {
          throw new IOException("file " + GoQuote.quote(name) + " not found");
        }
        for (int n; (n = in.read(buf)) > 0; ) {
          file.update(buf, 0, n);
        }
      }
      summary.add(encoded.get(i), file.digest());
    }
    return new ModuleHash(summary.digest());
  }

  /**
   * Hashes an extracted module directory as x/mod's {@code dirhash.HashDir}: the regular files
   * under {@code dir} named {@code prefix/relative/path} (the go command uses
   * {@code module@version} as the prefix). Directories themselves are not hashed.
   *
   * @param dir the directory
   * @param prefix the name prefix
   * @return the hash
   * @throws IOException if the tree cannot be read
   */
  public static ModuleHash ofDir(Path dir, String prefix) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(prefix, "prefix");
    List<String> names = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (!Files.isDirectory(p)) {
          String rel = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
          names.add(prefix.isEmpty() ? rel : prefix + "/" + rel);
        }
      }
    }
    String head = prefix.isEmpty() ? "" : prefix + "/";
    return ofFiles(names, name -> Files.newInputStream(dir.resolve(name.substring(head.length()))));
  }

  static MessageDigest sha256() {
    return DirHash.sha256();
  }

  /** {@return a copy of the 32-byte digest} */
  public byte[] digest() {
    return digest.clone();
  }

  /** Compares in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ModuleHash && MessageDigest.isEqual(digest, ((ModuleHash) o).digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  /** {@return {@code h1:} and the padded base64 of the digest, as in go.sum} */
  @Override
  public String toString() {
    return PREFIX + GoBase64.encode(digest);
  }
}
