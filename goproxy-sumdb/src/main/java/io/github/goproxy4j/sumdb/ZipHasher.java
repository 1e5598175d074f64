package io.github.goproxy4j.sumdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Streams x/mod's {@code dirhash.HashZip} over a zip: reads the central directory as Go's
 * {@code archive/zip} does (raw name bytes, zip64, prepended data), then inflates and hashes each
 * entry in name order, checking sizes and CRC-32 like Go. Memory use is bounded by the central
 * directory plus two fixed buffers.
 */
final class ZipHasher {
  static final String ERR_FORMAT = "zip: not a valid zip file";
  static final String ERR_ALGORITHM = "zip: unsupported compression algorithm";
  static final String ERR_CHECKSUM = "zip: checksum error";
  static final String ERR_EOF = "unexpected EOF";

  private static final int BUF = 1 << 16;
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Random-access bytes. */
  interface Source {
    long size();

    /** Reads up to len bytes at pos; returns the count, or -1 at the end. */
    int read(long pos, byte[] dst, int off, int len) throws IOException;
  }

  static Source of(FileChannel ch) throws IOException {
    long size = ch.size();
    return new Source() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public int read(long pos, byte[] dst, int off, int len) throws IOException {
        if (pos >= size) {
          return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(dst, off, (int) Math.min(len, size - pos));
        int total = 0;
        while (b.hasRemaining()) {
          int n = ch.read(b, pos + total);
          if (n < 0) {
            break;
          }
          total += n;
        }
        return total == 0 ? -1 : total;
      }
    };
  }

  static Source of(byte[] data) {
    return new Source() {
      @Override
      public long size() {
        return data.length;
      }

      @Override
      public int read(long pos, byte[] dst, int off, int len) {
        if (pos >= data.length) {
          return -1;
        }
        int n = (int) Math.min(len, data.length - pos);
        System.arraycopy(data, (int) pos, dst, off, n);
        return n;
      }
    };
  }

  /** One central-directory entry. */
  static final class Entry {
    byte[] name;
    int flags;
    int method;
    long crc;
    long compressedSize;
    long uncompressedSize;
    long headerOffset;
  }

  private final Source src;
  private final String label;
  private final byte[] in = new byte[BUF];
  private final byte[] out = new byte[BUF];
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final MessageDigest fileDigest = ModuleHash.sha256();

  ZipHasher(Source src, String label) {
    this.src = src;
    this.label = label;
  }

  private ZipException fail(String go, Entry e) {
    String where = e == null ? label : "entry " + quoteBytes(e.name) + " of " + label;
    return new ZipException(go + " (" + where + ")");
  }

  static String quoteBytes(byte[] b) {
    return io.github.goproxy4j.internal.GoQuote.quote(b);
  }

  /** Computes the h1 digest (32 bytes). */
  byte[] hash() throws IOException {
    try {
      List<Entry> entries = readDirectory();
      Map<NameKey, Entry> last = new HashMap<>();
      List<byte[]> names = new ArrayList<>(entries.size());
      for (Entry e : entries) {
        last.put(new NameKey(e.name), e);
        names.add(e.name);
      }
      names.sort(Arrays::compareUnsigned);
      MessageDigest summary = ModuleHash.sha256();
      Map<Entry, byte[]> done = new HashMap<>();
      byte[] line = new byte[64 + 2];
      for (byte[] name : names) {
        for (byte c : name) {
          if (c == '\n') {
            throw new ZipException(ModuleHash.ERR_NEWLINE + " (" + quoteBytes(name) + " in " + label + ")");
          }
        }
        Entry e = last.get(new NameKey(name));
        byte[] digest = done.get(e);
        if (digest == null) {
          digest = hashEntry(e);
          done.put(e, digest);
        }
        for (int i = 0; i < 32; i++) {
          line[2 * i] = HEX[(digest[i] >> 4) & 0xf];
          line[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        line[64] = ' ';
        line[65] = ' ';
        summary.update(line);
        summary.update(name);
        summary.update((byte) '\n');
      }
      return summary.digest();
    } finally {
      inflater.end();
    }
  }

  private static final class NameKey {
    final byte[] b;
    final int h;

    NameKey(byte[] b) {
      this.b = b;
      this.h = Arrays.hashCode(b);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NameKey && Arrays.equals(((NameKey) o).b, b);
    }

    @Override
    public int hashCode() {
      return h;
    }
  }

  // ---- reading primitives

  private void readFully(long pos, byte[] dst, int off, int len, Entry e) throws IOException {
    int done = 0;
    while (done < len) {
      int n = src.read(pos + done, dst, off + done, len - done);
      if (n < 0) {
        throw fail(done == 0 ? "EOF" : ERR_EOF, e);
      }
      done += n;
    }
  }

  private static int u16(byte[] b, int o) {
    return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
  }

  private static long u32(byte[] b, int o) {
    return (u16(b, o) | (long) u16(b, o + 2) << 16) & 0xffffffffL;
  }

  private static long u64(byte[] b, int o) {
    return u32(b, o) | u32(b, o + 4) << 32;
  }

  // ---- central directory, as Go's archive/zip

  private List<Entry> readDirectory() throws IOException {
    long size = src.size();
    byte[] buf = null;
    int p = -1;
    long bufStart = 0;
    for (long bLen : new long[] {1024, 65 * 1024}) {
      if (bLen > size) {
        bLen = size;
      }
      buf = new byte[(int) bLen];
      bufStart = size - bLen;
      readFully(bufStart, buf, 0, (int) bLen, null);
      p = findSignatureInBlock(buf);
      if (p >= 0 || bLen == size) {
        break;
      }
    }
    if (p < 0) {
      throw fail(ERR_FORMAT, null);
    }
    long directoryEndOffset = bufStart + p;
    int o = p + 4;
    long records = u16(buf, o + 6);
    long dirSize = u32(buf, o + 8);
    long dirOffset = u32(buf, o + 12);
    int commentLen = u16(buf, o + 16);
    if (commentLen > buf.length - (o + 18)) {
      throw new ZipException("zip: invalid comment length (" + label + ")");
    }
    // Go compares the 32-bit size with 0xffff here; we do the same.
    if (records == 0xffff || dirSize == 0xffff || dirOffset == 0xffffffffL) {
      long loc = directoryEndOffset - 20;
      if (loc >= 0) {
        byte[] l = new byte[20];
        readFully(loc, l, 0, 20, null);
        if (u32(l, 0) == 0x07064b50L && u32(l, 4) == 0 && u32(l, 16) == 1) {
          long end64 = u64(l, 8);
          byte[] d = new byte[56];
          if (end64 < 0) {
            throw fail(ERR_FORMAT, null);
          }
          readFully(end64, d, 0, 56, null);
          if (u32(d, 0) != 0x06064b50L) {
            throw fail(ERR_FORMAT, null);
          }
          directoryEndOffset = end64;
          records = u64(d, 32);
          dirSize = u64(d, 40);
          dirOffset = u64(d, 48);
        }
      }
    }
    long baseOffset = directoryEndOffset - dirSize - dirOffset;
    long start = baseOffset + dirOffset;
    if (dirSize < 0 || dirOffset < 0 || start < 0 || start >= size) {
      throw fail(ERR_FORMAT, null);
    }
    List<Entry> entries = new ArrayList<>();
    DirReader r = new DirReader(start);
    String err = null;
    while (true) {
      Entry e = new Entry();
      String result = readDirectoryHeader(e, r);
      if (ERR_FORMAT.equals(result) && baseOffset != 0 && entries.isEmpty()) {
        baseOffset = 0;
        r = new DirReader(dirOffset);
        continue;
      }
      if (result != null) {
        err = result;
        break;
      }
      e.headerOffset += baseOffset;
      entries.add(e);
    }
    if ((entries.size() & 0xffff) != (records & 0xffff)) {
      throw fail(err, null);
    }
    return entries;
  }

  private static int findSignatureInBlock(byte[] b) {
    for (int i = b.length - 22; i >= 0; i--) {
      if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
        int n = u16(b, i + 20);
        if (n + 22 + i <= b.length) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Sequential buffered reads of the central directory. */
  private final class DirReader {
    long pos;
    final byte[] b = new byte[BUF];
    int bPos;
    int bLen;

    DirReader(long pos) {
      this.pos = pos;
    }

    /** Reads exactly len bytes; returns false at a clean or partial end (Go: EOF / unexpected EOF). */
    boolean read(byte[] dst, int len) throws IOException {
      int done = 0;
      while (done < len) {
        if (bPos == bLen) {
          int n = pos < 0 ? -1 : src.read(pos, b, 0, b.length);
          if (n < 0) {
            return false;
          }
          pos += n;
          bPos = 0;
          bLen = n;
        }
        int k = Math.min(len - done, bLen - bPos);
        System.arraycopy(b, bPos, dst, done, k);
        bPos += k;
        done += k;
      }
      return true;
    }
  }

  /** Returns null on success, else the Go error text that ends the directory. */
  private String readDirectoryHeader(Entry f, DirReader r) throws IOException {
    byte[] h = new byte[46];
    if (!r.read(h, 46)) {
      return ERR_EOF;
    }
    if (u32(h, 0) != 0x02014b50L) {
      return ERR_FORMAT;
    }
    f.flags = u16(h, 8);
    f.method = u16(h, 10);
    f.crc = u32(h, 16);
    long cs = u32(h, 20);
    long us = u32(h, 24);
    int nameLen = u16(h, 28);
    int extraLen = u16(h, 30);
    int commentLen = u16(h, 32);
    long off = u32(h, 42);
    byte[] d = new byte[nameLen + extraLen + commentLen];
    if (!r.read(d, d.length)) {
      return ERR_EOF;
    }
    f.name = Arrays.copyOf(d, nameLen);
    f.compressedSize = cs;
    f.uncompressedSize = us;
    f.headerOffset = off;
    boolean needU = us == 0xffffffffL;
    boolean needC = cs == 0xffffffffL;
    boolean needO = off == 0xffffffffL;
    int x = nameLen;
    int end = nameLen + extraLen;
    while (end - x >= 4) {
      int tag = u16(d, x);
      int sz = u16(d, x + 2);
      x += 4;
      if (end - x < sz) {
        break;
      }
      if (tag == 0x0001) {
        int fx = x;
        int fend = x + sz;
        if (needU) {
          needU = false;
          if (fend - fx < 8) {
            return ERR_FORMAT;
          }
          f.uncompressedSize = u64(d, fx);
          fx += 8;
        }
        if (needC) {
          needC = false;
          if (fend - fx < 8) {
            return ERR_FORMAT;
          }
          f.compressedSize = u64(d, fx);
          fx += 8;
        }
        if (needO) {
          needO = false;
          if (fend - fx < 8) {
            return ERR_FORMAT;
          }
          f.headerOffset = u64(d, fx);
        }
      }
      x += sz;
    }
    if (needC || needO) {
      return ERR_FORMAT;
    }
    return null;
  }

  // ---- entry content

  private byte[] hashEntry(Entry e) throws IOException {
    byte[] lh = new byte[30];
    if (e.headerOffset < 0) {
      throw fail(ERR_FORMAT, e);
    }
    readFully(e.headerOffset, lh, 0, 30, e);
    if (u32(lh, 0) != 0x04034b50L) {
      throw fail(ERR_FORMAT, e);
    }
    long body = e.headerOffset + 30 + u16(lh, 26) + u16(lh, 28);
    fileDigest.reset();
    if (e.name.length > 0 && e.name[e.name.length - 1] == '/') {
      // Go (since 1.20) reads a directory entry as empty, and refuses one with content.
      if (e.uncompressedSize != 0) {
        throw fail(ERR_FORMAT, e);
      }
      return fileDigest.digest();
    }
    if (e.method != 0 && e.method != 8) {
      throw fail(ERR_ALGORITHM, e);
    }
    if (e.compressedSize < 0 || e.uncompressedSize < 0) {
      throw fail(ERR_FORMAT, e);
    }
    crc.reset();
    long sectionEnd = body + e.compressedSize;
    if (sectionEnd < body) {
      throw fail(ERR_FORMAT, e);
    }
    long nread = e.method == 0 ? copyStored(e, body, sectionEnd) : inflate(e, body, sectionEnd);
    if (nread != e.uncompressedSize) {
      throw fail(ERR_EOF, e);
    }
    long sum = crc.getValue();
    if ((e.flags & 0x8) != 0) {
      byte[] dd = new byte[16];
      int have = readUpTo(sectionEnd, dd, 16);
      int o = 0;
      if (have < 4) {
        throw fail(ERR_EOF, e);
      }
      if (u32(dd, 0) == 0x08074b50L) {
        o = 4;
      }
      if (have < o + 12) {
        throw fail(ERR_EOF, e);
      }
      if (u32(dd, o) != e.crc || sum != e.crc) {
        throw fail(ERR_CHECKSUM, e);
      }
    } else if (e.crc != 0 && sum != e.crc) {
      throw fail(ERR_CHECKSUM, e);
    }
    return fileDigest.digest();
  }

  private int readUpTo(long pos, byte[] dst, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = src.read(pos + done, dst, done, len - done);
      if (n < 0) {
        break;
      }
      done += n;
    }
    return done;
  }

  private long copyStored(Entry e, long pos, long end) throws IOException {
    long nread = 0;
    while (pos < end) {
      int n = src.read(pos, in, 0, (int) Math.min(in.length, end - pos));
      if (n < 0) {
        break;
      }
      pos += n;
      nread += n;
      if (nread > e.uncompressedSize) {
        throw fail(ERR_FORMAT, e);
      }
      crc.update(in, 0, n);
      fileDigest.update(in, 0, n);
    }
    return nread;
  }

  private long inflate(Entry e, long pos, long end) throws IOException {
    inflater.reset();
    long nread = 0;
    try {
      while (true) {
        int n = inflater.inflate(out, 0, out.length);
        if (n > 0) {
          nread += n;
          if (nread > e.uncompressedSize) {
            throw fail(ERR_FORMAT, e);
          }
          crc.update(out, 0, n);
          fileDigest.update(out, 0, n);
          continue;
        }
        if (inflater.finished()) {
          return nread;
        }
        if (inflater.needsDictionary() || !inflater.needsInput()) {
          throw fail("flate: corrupt input", e);
        }
        {
          if (pos >= end) {
            throw fail(ERR_EOF, e);
          }
          int k = src.read(pos, in, 0, (int) Math.min(in.length, end - pos));
          if (k < 0) {
            throw fail(ERR_EOF, e);
          }
          pos += k;
          inflater.setInput(in, 0, k);
        }
      }
    } catch (DataFormatException ex) {
      ZipException z = fail("flate: corrupt input", e);
      z.initCause(ex);
      throw z;
    }
  }

}
