package io.github.goproxy4j.zip;

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
 * send: duplicate or non-UTF-8 names, sizes that lie, symlink modes, any method.
 */
final class RawZip {
  static final class Entry {
    byte[] name;
    byte[] data = new byte[0];
    boolean deflate = true;
    Long declaredSize; // null: the real size
    Long declaredCrc; // null: the real CRC
    int externalAttrs;
    int method = -1; // -1: 8 or 0 according to deflate

    Entry(String name) {
      this.name = name.getBytes(StandardCharsets.UTF_8);
    }

    Entry data(byte[] d) {
      data = d;
      return this;
    }

    Entry data(String s) {
      return data(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  Entry add(String name, String content) {
    Entry e = new Entry(name).data(content);
    entries.add(e);
    return e;
  }

  Entry add(byte[] rawName, byte[] content) {
    Entry e = new Entry("");
    e.name = rawName;
    e.data = content;
    entries.add(e);
    return e;
  }

  byte[] bytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream cd = new ByteArrayOutputStream();
    for (Entry e : entries) {
      byte[] body;
      int method = e.method >= 0 ? e.method : e.deflate ? 8 : 0;
      if (method == 8) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(e.data);
        d.finish();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
          int n = d.deflate(buf);
          b.write(buf, 0, n);
        }
        d.end();
        body = b.toByteArray();
      } else {
        body = e.data;
      }
      CRC32 crc = new CRC32();
      crc.update(e.data);
      long crcv = e.declaredCrc != null ? e.declaredCrc : crc.getValue();
      long usize = e.declaredSize != null ? e.declaredSize : e.data.length;
      int offset = out.size();
      // local header
      le32(out, 0x04034b50);
      le16(out, 20);
      le16(out, 0x800);
      le16(out, method);
      le16(out, 0);
      le16(out, 0x21);
      le32(out, crcv);
      le32(out, body.length);
      le32(out, usize);
      le16(out, e.name.length);
      le16(out, 0);
      out.write(e.name);
      out.write(body);
      // central directory header
      le32(cd, 0x02014b50);
      le16(cd, 0x031e);
      le16(cd, 20);
      le16(cd, 0x800);
      le16(cd, method);
      le16(cd, 0);
      le16(cd, 0x21);
      le32(cd, crcv);
      le32(cd, body.length);
      le32(cd, usize);
      le16(cd, e.name.length);
      le16(cd, 0);
      le16(cd, 0);
      le16(cd, 0);
      le16(cd, 0);
      le32(cd, e.externalAttrs);
      le32(cd, offset);
      cd.write(e.name);
    }
    int cdOffset = out.size();
    out.write(cd.toByteArray());
    le32(out, 0x06054b50);
    le16(out, 0);
    le16(out, 0);
    le16(out, entries.size());
    le16(out, entries.size());
    le32(out, cd.size());
    le32(out, cdOffset);
    le16(out, 0);
    return out.toByteArray();
  }

  Path write(Path file) throws IOException {
    Files.write(file, bytes());
    return file;
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
