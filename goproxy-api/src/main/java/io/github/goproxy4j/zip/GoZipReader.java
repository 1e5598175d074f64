package io.github.goproxy4j.zip;

import io.github.goproxy4j.internal.GoUtf8;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a zip file the way Go's archive/zip (Go 1.19) does: the central directory is found and
 * parsed with the same tolerance and the same errors ({@code zip: not a valid zip file},
 * {@code unexpected EOF}, ...), entry names are kept as raw bytes, and entry data is checked
 * against the declared size and CRC-32 as Go's checksum reader does. Only stored and deflated
 * entries can be read ({@code zip: unsupported compression algorithm} otherwise).
 */
final class GoZipReader implements Closeable {
  static final String ERR_FORMAT = "zip: not a valid zip file";
  static final String ERR_ALGORITHM = "zip: unsupported compression algorithm";
  static final String ERR_CHECKSUM = "zip: checksum error";
  static final String EOF = "EOF";
  static final String UNEXPECTED_EOF = "unexpected EOF";

  private static final int FILE_HEADER_SIG = 0x04034b50;
  private static final int DIR_HEADER_SIG = 0x02014b50;
  private static final int DIR_END_SIG = 0x06054b50;
  private static final int DIR64_LOC_SIG = 0x07064b50;
  private static final int DIR64_END_SIG = 0x06064b50;
  private static final int DATA_DESCRIPTOR_SIG = 0x08074b50;
  private static final int FILE_HEADER_LEN = 30;
  private static final int DIR_HEADER_LEN = 46;
  private static final int DIR_END_LEN = 22;
  private static final int DIR64_LOC_LEN = 20;
  private static final int DIR64_END_LEN = 56;
  private static final int ZIP64_EXTRA_ID = 0x0001;

  /** A Go error: the message is Go's error text. */
  static final class ZipError extends IOException {
    private static final long serialVersionUID = 1L;

    ZipError(String goText) {
      super(goText);
    }
  }

  /** One central-directory entry. */
  static final class Entry {
    byte[] rawName;
    String name;
    int flags;
    int method;
    long crc32;
    long compressedSize;
    long uncompressedSize;
    long headerOffset;
  }

  private final FileChannel ch;
  private final long size;
  final List<Entry> entries = new ArrayList<>();

  private GoZipReader(FileChannel ch, long size) {
    this.ch = ch;
    this.size = size;
  }

  static GoZipReader open(Path zip) throws IOException {
    FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ);
    try {
      GoZipReader r = new GoZipReader(ch, ch.size());
      r.init();
      return r;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  long size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }

  // A read-ahead window for the central directory, which is read header by header.
  private final byte[] window = new byte[64 * 1024];
  private long windowStart = -1;
  private int windowLen;

  /** ReadAt: fills {@code buf} from {@code off}; returns bytes read (short only at end of file). */
  private int readAt(byte[] buf, int len, long off) throws IOException {
    if (off < 0) {
      throw new ZipError("readat: negative offset");
    }
    if (len <= window.length / 2) {
      if (windowStart < 0 || off < windowStart || off + len > windowStart + windowLen) {
        windowStart = off;
        windowLen = readDirect(window, (int) Math.min(window.length, Math.max(0, size - off)), off);
      }
      int n = (int) Math.max(0, Math.min(len, windowStart + windowLen - off));
      System.arraycopy(window, (int) (off - windowStart), buf, 0, n);
      return n;
    }
    return readDirect(buf, len, off);
  }

  private int readDirect(byte[] buf, int len, long off) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
    long pos = off;
    while (bb.hasRemaining()) {
      int n = ch.read(bb, pos);
      if (n < 0) {
        break;
      }
      pos += n;
    }
    return bb.position();
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int i) {
    return (u16(b, i) | (long) u16(b, i + 2) << 16) & 0xFFFFFFFFL;
  }

  private static long u64(byte[] b, int i) {
    return u32(b, i) | u32(b, i + 4) << 32;
  }

  private void init() throws IOException {
    // readDirectoryEnd: look for the end record in the last 1 KiB, then in the last 65 KiB.
    byte[] buf = null;
    int p = -1;
    long endOffset = 0;
    long[] lens = {1024, 65 * 1024};
    for (int i = 0; i < 2; i++) {
      long bLen = Math.min(lens[i], size);
      buf = new byte[(int) bLen];
      readAt(buf, buf.length, size - bLen);
      p = findSignature(buf);
      if (p >= 0) {
        endOffset = size - bLen + p;
        break;
      }
      if (i == 1 || bLen == size) {
        throw new ZipError(ERR_FORMAT);
      }
    }
    int b = p + 4;
    long directoryRecords = u16(buf, b + 6);
    long directorySize = u32(buf, b + 8);
    long directoryOffset = u32(buf, b + 12);
    int commentLen = u16(buf, b + 16);
    if (commentLen > buf.length - (b + 18)) {
      throw new ZipError("zip: invalid comment length");
    }
    if (directoryRecords == 0xFFFF || directorySize == 0xFFFF || directoryOffset == 0xFFFFFFFFL) {
      long p64 = findDirectory64End(endOffset);
      if (p64 >= 0) {
        endOffset = p64;
        byte[] e64 = new byte[DIR64_END_LEN];
        if (readAt(e64, e64.length, p64) < e64.length) {
          throw new ZipError(EOF);
        }
        if ((int) u32(e64, 0) != DIR64_END_SIG) {
          throw new ZipError(ERR_FORMAT);
        }
        directoryRecords = u64(e64, 32);
        directorySize = u64(e64, 40);
        directoryOffset = u64(e64, 48);
      }
    }
    long baseOffset = endOffset - directorySize - directoryOffset;
    long o = baseOffset + directoryOffset;
    if (o < 0 || o >= size) {
      throw new ZipError(ERR_FORMAT);
    }
    // Read headers until a bad one; only a wrong count (mod 65536) makes that an error.
    long pos = o;
    String stop;
    while (true) {
      Object res = readDirectoryHeader(pos);
      if (res instanceof String) {
        stop = (String) res;
        if (stop.equals(ERR_FORMAT) && baseOffset != 0 && entries.isEmpty()) {
          baseOffset = 0;
          pos = directoryOffset;
          if (pos < 0) {
            throw new ZipError("Seek: invalid offset");
          }
          continue;
        }
        if (stop.equals(ERR_FORMAT) || stop.equals(UNEXPECTED_EOF)) {
          break;
        }
        throw new ZipError(stop);
      }
      Entry e = (Entry) res;
      pos = nextPos;
      e.headerOffset += baseOffset;
      entries.add(e);
    }
    if ((entries.size() & 0xFFFF) != (directoryRecords & 0xFFFF)) {
      throw new ZipError(stop);
    }
  }

  /** Where the directory header after the last one read starts. */
  private long nextPos;

  /** Returns an Entry or Go's error text. */
  private Object readDirectoryHeader(long pos) throws IOException {
    byte[] h = new byte[DIR_HEADER_LEN];
    int n = pos >= size ? 0 : readAt(h, h.length, pos);
    if (n == 0) {
      return EOF;
    }
    if (n < h.length) {
      return UNEXPECTED_EOF;
    }
    if ((int) u32(h, 0) != DIR_HEADER_SIG) {
      return ERR_FORMAT;
    }
    Entry e = new Entry();
    e.flags = u16(h, 8);
    e.method = u16(h, 10);
    e.crc32 = u32(h, 16);
    long csize32 = u32(h, 20);
    long usize32 = u32(h, 24);
    e.compressedSize = csize32;
    e.uncompressedSize = usize32;
    int nameLen = u16(h, 28);
    int extraLen = u16(h, 30);
    int commentLen = u16(h, 32);
    long off32 = u32(h, 42);
    long headerOffset = off32;
    int dlen = nameLen + extraLen + commentLen;
    byte[] d = new byte[dlen];
    if (dlen > 0) {
      int m = pos + DIR_HEADER_LEN >= size ? 0 : readAt(d, dlen, pos + DIR_HEADER_LEN);
      if (m == 0) {
        return EOF;
      }
      if (m < dlen) {
        return UNEXPECTED_EOF;
      }
    }
    e.rawName = java.util.Arrays.copyOf(d, nameLen);
    e.name = decodeName(e.rawName);
    boolean needU = usize32 == 0xFFFFFFFFL;
    boolean needC = csize32 == 0xFFFFFFFFL;
    boolean needOff = off32 == 0xFFFFFFFFL;
    int x = nameLen;
    int xend = nameLen + extraLen;
    while (xend - x >= 4) {
      int tag = u16(d, x);
      int fsize = u16(d, x + 2);
      x += 4;
      if (xend - x < fsize) {
        break;
      }
      int f = x;
      int fend = x + fsize;
      x = fend;
      if (tag == ZIP64_EXTRA_ID) {
        if (needU) {
          needU = false;
          if (fend - f < 8) {
            return ERR_FORMAT;
          }
          e.uncompressedSize = u64(d, f);
          f += 8;
        }
        if (needC) {
          needC = false;
          if (fend - f < 8) {
            return ERR_FORMAT;
          }
          e.compressedSize = u64(d, f);
          f += 8;
        }
        if (needOff) {
          needOff = false;
          if (fend - f < 8) {
            return ERR_FORMAT;
          }
          headerOffset = u64(d, f);
        }
      }
    }
    if (needC || needOff) {
      return ERR_FORMAT;
    }
    e.headerOffset = headerOffset;
    nextPos = pos + DIR_HEADER_LEN + dlen;
    return e;
  }

  /** Names are Go strings (bytes); we decode them as Go would print them. */
  static String decodeName(byte[] raw) {
    boolean ascii = true;
    for (byte c : raw) {
      if (c < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    StringBuilder sb = new StringBuilder(raw.length);
    int i = 0;
    while (i < raw.length) {
      long dr = GoUtf8.decodeRune(raw, i, raw.length);
      sb.appendCodePoint((int) (dr >>> 3));
      i += (int) (dr & 7);
    }
    return sb.toString();
  }

  private long findDirectory64End(long directoryEndOffset) throws IOException {
    long loc = directoryEndOffset - DIR64_LOC_LEN;
    if (loc < 0) {
      return -1;
    }
    byte[] b = new byte[DIR64_LOC_LEN];
    if (readAt(b, b.length, loc) < b.length) {
      throw new ZipError(EOF);
    }
    if ((int) u32(b, 0) != DIR64_LOC_SIG) {
      return -1;
    }
    if (u32(b, 4) != 0) {
      return -1;
    }
    long p = u64(b, 8);
    if (u32(b, 16) != 1) {
      return -1;
    }
    if (p < 0) {
      throw new ZipError("readat: negative offset");
    }
    return p;
  }

  private static int findSignature(byte[] b) {
    for (int i = b.length - DIR_END_LEN; i >= 0; i--) {
      if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
        int n = u16(b, i + DIR_END_LEN - 2);
        if (n + DIR_END_LEN + i <= b.length) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Opens an entry's content like Go's {@code File.Open}: reads fail with Go's error texts
   * (as {@link ZipError}) when the data is longer or shorter than declared or its CRC-32 is wrong.
   */
  InputStream open(Entry e) throws IOException {
    byte[] lh = new byte[FILE_HEADER_LEN];
    if (readAt(lh, lh.length, e.headerOffset) < lh.length) {
      throw new ZipError(EOF);
    }
    if ((int) u32(lh, 0) != FILE_HEADER_SIG) {
      throw new ZipError(ERR_FORMAT);
    }
    long bodyOffset = FILE_HEADER_LEN + u16(lh, 26) + u16(lh, 28);
    long start = e.headerOffset + bodyOffset;
    long csize = e.compressedSize < 0 ? 0 : e.compressedSize;
    if (e.method != 0 && e.method != 8) {
      throw new ZipError(ERR_ALGORITHM);
    }
    return new EntryStream(e, start, csize);
  }

  private final class EntryStream extends InputStream {
    private final Entry e;
    private final long start;
    private final long csize;
    private long cpos; // compressed bytes consumed from the section
    private final Inflater inflater;
    private final byte[] in;
    private final CRC32 crc = new CRC32();
    private long nread;
    private String err;
    private boolean eof;

    EntryStream(Entry e, long start, long csize) {
      this.e = e;
      this.start = start;
      this.csize = csize;
      this.inflater = e.method == 8 ? new Inflater(true) : null;
      this.in = e.method == 8 ? new byte[16 * 1024] : null;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    /** Reads compressed bytes of the section; -1 at its end. */
    private int readSection(byte[] b, int off, int len) throws IOException {
      long left = csize - cpos;
      if (left <= 0) {
        return -1;
      }
      int want = (int) Math.min(len, left);
      ByteBuffer bb = ByteBuffer.wrap(b, off, want);
      int n = ch.read(bb, start + cpos);
      if (n <= 0) {
        return -1;
      }
      cpos += n;
      return n;
    }

    private int rawRead(byte[] b, int off, int len) throws IOException {
      if (inflater == null) {
        return readSection(b, off, len);
      }
      try {
        while (true) {
          int n = inflater.inflate(b, off, len);
          if (n > 0) {
            return n;
          }
          if (inflater.finished()) {
            return -1;
          }
          if (inflater.needsDictionary()) {
            throw new ZipError("flate: corrupt input before offset " + cpos);
          }
          if (inflater.needsInput()) {
            int m = readSection(in, 0, in.length);
            if (m < 0) {
              throw new ZipError(UNEXPECTED_EOF);
            }
            inflater.setInput(in, 0, m);
          }
        }
      } catch (DataFormatException ex) {
        throw new ZipError("flate: corrupt input before offset " + (cpos - inflater.getRemaining()));
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (err != null) {
        throw new ZipError(err);
      }
      if (eof) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int n;
      try {
        n = rawRead(b, off, len);
      } catch (ZipError z) {
        err = z.getMessage();
        throw z;
      }
      if (n > 0) {
        crc.update(b, off, n);
        nread += n;
        if (Long.compareUnsigned(nread, e.uncompressedSize) > 0) {
          err = ERR_FORMAT;
          throw new ZipError(err);
        }
        return n;
      }
      // end of data
      if (nread != e.uncompressedSize) {
        err = UNEXPECTED_EOF;
        throw new ZipError(err);
      }
      if ((e.flags & 0x8) != 0) {
        byte[] dd = new byte[16];
        long ddOff = start + csize;
        int got = ddOff >= size ? 0 : readAt(dd, 16, ddOff);
        if (got < 4) {
          err = UNEXPECTED_EOF;
          throw new ZipError(err);
        }
        boolean sig = (int) u32(dd, 0) == DATA_DESCRIPTOR_SIG;
        int o = sig ? 4 : 0;
        if (got < (sig ? 16 : 12)) {
          err = UNEXPECTED_EOF;
          throw new ZipError(err);
        }
        if (u32(dd, o) != e.crc32 || crc.getValue() != e.crc32) {
          err = ERR_CHECKSUM;
          throw new ZipError(err);
        }
      } else if (e.crc32 != 0 && crc.getValue() != e.crc32) {
        err = ERR_CHECKSUM;
        throw new ZipError(err);
      }
      eof = true;
      return -1;
    }

    @Override
    public void close() {
      if (inflater != null) {
        inflater.end();
      }
    }
  }
}
