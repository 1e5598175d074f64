package io.github.goproxy4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip files byte by byte for tests, so that entries can be anything a hostile server could
 * send and Go reads but java.util.zip refuses or never writes: duplicate or non-UTF-8 names, sizes
 * and CRCs that lie, symlink modes, any method, data descriptors, bytes before the first entry.
 * Shared with goproxy-sumdb's tests through goproxy-api's test-jar.
 */
public final class RawZip {
  /** One entry to write. */
  public static final class Entry {
    /** The raw name bytes. */
    public byte[] name;
    /** The uncompressed content. */
    public byte[] data = new byte[0];
    /** Deflate the content (method 8), else store it (method 0). */
    public boolean deflate = true;
    /** The uncompressed size to declare; {@code null}: the real size. */
    public Long declaredSize;
    /** The CRC-32 to declare; {@code null}: the real CRC. */
    public Long declaredCrc;
    /** The central directory's external attributes (a Unix mode in the high 16 bits). */
    public int externalAttrs;
    /** The method to declare; -1: 8 or 0 according to {@link #deflate}. */
    public int method = -1;
    /** Write sizes and CRC in a data descriptor after the data (flag bit 3). */
    public boolean dataDescriptor;
    /** Whether the data descriptor starts with its optional signature. */
    public boolean descriptorSignature = true;
    /** The central directory header's extra field, written as is. */
    public byte[] centralExtra = new byte[0];
    /** The local-header offset to declare in the central directory; {@code null}: the real one. */
    public Long declaredOffset;

    /**
     * An empty entry.
     *
     * @param name the name, written as UTF-8
     */
    public Entry(String name) {
      this.name = name.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An entry with content.
     *
     * @param name the name, written as UTF-8
     * @param content the content, written as UTF-8
     */
    public Entry(String name, String content) {
      this(name.getBytes(StandardCharsets.UTF_8), content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An entry with a raw name and content.
     *
     * @param name the raw name bytes
     * @param content the content
     */
    public Entry(byte[] name, byte[] content) {
      this.name = name;
      this.data = content;
    }

    /**
     * Sets the content.
     *
     * @param d the content
     * @return this entry
     */
    public Entry data(byte[] d) {
      data = d;
      return this;
    }

    /**
     * Sets the content.
     *
     * @param s the content, written as UTF-8
     * @return this entry
     */
    public Entry data(String s) {
      return data(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores the content instead of deflating it.
     *
     * @return this entry
     */
    public Entry stored() {
      deflate = false;
      return this;
    }

    /**
     * Writes sizes and CRC in a data descriptor.
     *
     * @param withSignature whether the descriptor has its optional signature
     * @return this entry
     */
    public Entry descriptor(boolean withSignature) {
      dataDescriptor = true;
      descriptorSignature = withSignature;
      return this;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  /** Bytes written before the first entry (offsets in the zip stay relative to the first entry). */
  public byte[] prefix = new byte[0];

  /** An empty zip. */
  public RawZip() {}

  /**
   * Adds an entry.
   *
   * @param name the name, written as UTF-8
   * @param content the content, written as UTF-8
   * @return the new entry, to adjust
   */
  public Entry add(String name, String content) {
    Entry e = new Entry(name).data(content);
    entries.add(e);
    return e;
  }

  /**
   * Adds an entry with a raw name.
   *
   * @param rawName the raw name bytes
   * @param content the content
   * @return the new entry, to adjust
   */
  public Entry add(byte[] rawName, byte[] content) {
    Entry e = new Entry(rawName, content);
    entries.add(e);
    return e;
  }

  /**
   * Adds an entry.
   *
   * @param e the entry
   * @return this zip
   */
  public RawZip add(Entry e) {
    entries.add(e);
    return this;
  }

  /**
   * Adds an entry (chaining form of {@link #add(String, String)}).
   *
   * @param name the name, written as UTF-8
   * @param content the content, written as UTF-8
   * @return this zip
   */
  public RawZip with(String name, String content) {
    add(name, content);
    return this;
  }

  /**
   * Raw deflate (no zlib header) at a level.
   *
   * @param data bytes
   * @param level the {@link Deflater} level
   * @return the compressed bytes
   */
  public static byte[] deflate(byte[] data, int level) {
    Deflater d = new Deflater(level, true);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      int n = d.deflate(buf);
      out.write(buf, 0, n);
    }
    d.end();
    return out.toByteArray();
  }

  /**
   * The zip file's bytes.
   *
   * @return the bytes
   */
  public byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix);
    ByteArrayOutputStream cd = new ByteArrayOutputStream();
    for (Entry e : entries) {
      long offset = out.size() - prefix.length;
      CRC32 c = new CRC32();
      c.update(e.data);
      long crc = e.declaredCrc != null ? e.declaredCrc : c.getValue();
      int method = e.method >= 0 ? e.method : (e.deflate ? 8 : 0);
      byte[] body = method == 8 ? deflate(e.data, Deflater.DEFAULT_COMPRESSION) : e.data;
      long usize = e.declaredSize != null ? e.declaredSize : e.data.length;
      int flags = (e.dataDescriptor ? 0x8 : 0) | 0x800;
      // local file header
      le32(out, 0x04034b50L);
      le16(out, 20);
      le16(out, flags);
      le16(out, method);
      le16(out, 0);
      le16(out, 0x21);
      le32(out, e.dataDescriptor ? 0 : crc);
      le32(out, e.dataDescriptor ? 0 : body.length);
      le32(out, e.dataDescriptor ? 0 : usize);
      le16(out, e.name.length);
      le16(out, 0);
      out.writeBytes(e.name);
      out.writeBytes(body);
      if (e.dataDescriptor) {
        if (e.descriptorSignature) {
          le32(out, 0x08074b50L);
        }
        le32(out, crc);
        le32(out, body.length);
        le32(out, usize);
      }
      // central directory header
      le32(cd, 0x02014b50L);
      le16(cd, 0x031e);
      le16(cd, 20);
      le16(cd, flags);
      le16(cd, method);
      le16(cd, 0);
      le16(cd, 0x21);
      le32(cd, crc);
      le32(cd, body.length);
      le32(cd, usize);
      le16(cd, e.name.length);
      le16(cd, e.centralExtra.length);
      le16(cd, 0);
      le16(cd, 0);
      le16(cd, 0);
      le32(cd, e.externalAttrs);
      le32(cd, e.declaredOffset != null ? e.declaredOffset : offset);
      cd.writeBytes(e.name);
      cd.writeBytes(e.centralExtra);
    }
    long cdOffset = out.size() - prefix.length;
    byte[] cdBytes = cd.toByteArray();
    out.writeBytes(cdBytes);
    le32(out, 0x06054b50L);
    le16(out, 0);
    le16(out, 0);
    le16(out, entries.size());
    le16(out, entries.size());
    le32(out, cdBytes.length);
    le32(out, cdOffset);
    le16(out, 0);
    return out.toByteArray();
  }

  /**
   * The zip file's bytes (same as {@link #build()}).
   *
   * @return the bytes
   * @throws IOException never; kept for callers that declare it
   */
  public byte[] bytes() throws IOException {
    return build();
  }

  /**
   * Writes the zip to a file.
   *
   * @param file the file
   * @return {@code file}
   * @throws IOException if writing fails
   */
  public Path write(Path file) throws IOException {
    Files.write(file, build());
    return file;
  }

  /**
   * A zip bomb: one deflated run of {@code size} zero bytes, shared by one central-directory
   * entry per name (each declares the true size and CRC, and points at the same local header),
   * so the zip is a few hundred KiB and inflates {@code names.length * size} bytes.
   *
   * @param size the zeros per entry
   * @param names the entry names
   * @return the zip's bytes
   */
  public static byte[] zeroBomb(long size, String... names) {
    java.util.zip.Deflater d = new java.util.zip.Deflater(Deflater.BEST_COMPRESSION, true);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 16];
    byte[] buf = new byte[1 << 16];
    CRC32 crc = new CRC32();
    for (long left = size; left > 0; ) {
      int n = (int) Math.min(zeros.length, left);
      crc.update(zeros, 0, n);
      d.setInput(zeros, 0, n);
      left -= n;
      while (!d.needsInput()) {
        body.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      body.write(buf, 0, d.deflate(buf));
    }
    d.end();
    byte[] data = body.toByteArray();
    byte[] first = names[0].getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    le32(out, 0x04034b50L);
    le16(out, 20);
    le16(out, 0x800);
    le16(out, 8);
    le16(out, 0);
    le16(out, 0x21);
    le32(out, crc.getValue());
    le32(out, data.length);
    le32(out, size);
    le16(out, first.length);
    le16(out, 0);
    out.writeBytes(first);
    out.writeBytes(data);
    long cdOffset = out.size();
    for (String name : names) {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      le32(out, 0x02014b50L);
      le16(out, 0x031e);
      le16(out, 20);
      le16(out, 0x800);
      le16(out, 8);
      le16(out, 0);
      le16(out, 0x21);
      le32(out, crc.getValue());
      le32(out, data.length);
      le32(out, size);
      le16(out, n.length);
      le16(out, 0);
      le16(out, 0);
      le16(out, 0);
      le16(out, 0);
      le32(out, 0);
      le32(out, 0);
      out.writeBytes(n);
    }
    long cdLen = out.size() - cdOffset;
    le32(out, 0x06054b50L);
    le16(out, 0);
    le16(out, 0);
    le16(out, names.length);
    le16(out, names.length);
    le32(out, cdLen);
    le32(out, cdOffset);
    le16(out, 0);
    return out.toByteArray();
  }

  private static void le16(ByteArrayOutputStream o, int v) {
    o.write(v & 0xFF);
    o.write((v >>> 8) & 0xFF);
  }

  private static void le32(ByteArrayOutputStream o, long v) {
    le16(o, (int) (v & 0xFFFF));
    le16(o, (int) ((v >>> 16) & 0xFFFF));
  }
}
