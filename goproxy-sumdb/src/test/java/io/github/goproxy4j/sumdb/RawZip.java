package io.github.goproxy4j.sumdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal zip writer for tests that, unlike java.util.zip, can write what Go reads but Java
 * refuses or never writes: duplicate names, raw non-UTF-8 names, wrong CRCs, data descriptors.
 */
final class RawZip {
  /** One entry to write. */
  static final class Entry {
    byte[] name;
    byte[] content;
    boolean deflate = true;
    boolean dataDescriptor;
    boolean descriptorSignature = true;
    Long crcOverride;
    Long sizeOverride;
    int method = -1;

    Entry(String name, String content) {
      this(name.getBytes(StandardCharsets.UTF_8), content.getBytes(StandardCharsets.UTF_8));
    }

    Entry(byte[] name, byte[] content) {
      this.name = name;
      this.content = content;
    }

    Entry stored() {
      deflate = false;
      return this;
    }

    Entry descriptor(boolean withSignature) {
      dataDescriptor = true;
      descriptorSignature = withSignature;
      return this;
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  byte[] prefix = new byte[0];

  RawZip add(Entry e) {
    entries.add(e);
    return this;
  }

  RawZip add(String name, String content) {
    return add(new Entry(name, content));
  }

  static byte[] deflate(byte[] data, int level) {
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

  byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix);
    ByteArrayOutputStream cd = new ByteArrayOutputStream();
    for (Entry e : entries) {
      long offset = out.size() - prefix.length;
      CRC32 c = new CRC32();
      c.update(e.content);
      long crc = e.crcOverride != null ? e.crcOverride : c.getValue();
      byte[] data = e.deflate ? deflate(e.content, 6) : e.content;
      int method = e.method >= 0 ? e.method : (e.deflate ? 8 : 0);
      long usize = e.sizeOverride != null ? e.sizeOverride : e.content.length;
      int flags = (e.dataDescriptor ? 0x8 : 0) | 0x800;
      // local header
      le32(out, 0x04034b50L);
      le16(out, 20);
      le16(out, flags);
      le16(out, method);
      le16(out, 0);
      le16(out, 0x21);
      le32(out, e.dataDescriptor ? 0 : crc);
      le32(out, e.dataDescriptor ? 0 : data.length);
      le32(out, e.dataDescriptor ? 0 : usize);
      le16(out, e.name.length);
      le16(out, 0);
      out.writeBytes(e.name);
      out.writeBytes(data);
      if (e.dataDescriptor) {
        if (e.descriptorSignature) {
          le32(out, 0x08074b50L);
        }
        le32(out, crc);
        le32(out, data.length);
        le32(out, usize);
      }
      // central directory header
      le32(cd, 0x02014b50L);
      le16(cd, 20);
      le16(cd, 20);
      le16(cd, flags);
      le16(cd, method);
      le16(cd, 0);
      le16(cd, 0x21);
      le32(cd, crc);
      le32(cd, data.length);
      le32(cd, usize);
      le16(cd, e.name.length);
      le16(cd, 0);
      le16(cd, 0);
      le16(cd, 0);
      le16(cd, 0);
      le32(cd, 0);
      le32(cd, offset);
      cd.writeBytes(e.name);
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

  private static void le16(ByteArrayOutputStream o, int v) {
    o.write(v & 0xff);
    o.write((v >> 8) & 0xff);
  }

  private static void le32(ByteArrayOutputStream o, long v) {
    le16(o, (int) (v & 0xffff));
    le16(o, (int) ((v >> 16) & 0xffff));
  }
}
