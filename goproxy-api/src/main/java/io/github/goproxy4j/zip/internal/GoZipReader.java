package io.github.goproxy4j.zip.internal;

import io.github.goproxy4j.internal.GoUtf8;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The one zip reader of goproxy4j: reads a zip file the way Go's {@code archive/zip} does, for
 * hashing ({@code dirhash.HashZip}), the go command's prefix check and x/mod's
 * {@code CheckZip}/{@code Unzip}. The central directory is found and parsed with Go's tolerance
 * and Go's errors ({@code zip: not a valid zip file}, {@code unexpected EOF}, ...): unknown extra
 * fields are skipped, an extra field whose length runs past the extra block ends the block, a
 * zip64 extra block is read only for the sizes and offset that are saturated. Entry names are kept
 * as raw bytes. Entry data is checked against the declared size and CRC-32 as Go's checksum
 * reader does: an entry that inflates past its declared size fails ({@code zip: not a valid zip
 * file}) as soon as it does, so inflation is bounded by the declared sizes. A directory entry
 * (name ending in {@code /}) reads as empty and fails if it declares content, as since Go 1.20.
 * Only stored and deflated entries can be read ({@code zip: unsupported compression algorithm}).
 *
 * <p>Internal to goproxy4j (exported only to its other modules).
 *
 * <pre>{@code
 * try (GoZipReader z = GoZipReader.open(zipPath)) {
 *   for (GoZipReader.Entry e : z.entries()) {
 *     try (InputStream in = z.open(e)) { ... }   // ZipError with Go's text on bad data
 *   }
 * }
 * }</pre>
 */
public final class GoZipReader implements Closeable {
  /** Go's {@code zip.ErrFormat}. */
  public static final String ERR_FORMAT = "zip: not a valid zip file";
  /** Go's {@code zip.ErrAlgorithm}. */
  public static final String ERR_ALGORITHM = "zip: unsupported compression algorithm";
  /** Go's {@code zip.ErrChecksum}. */
  public static final String ERR_CHECKSUM = "zip: checksum error";
  /** Go's {@code io.EOF}. */
  public static final String EOF = "EOF";
  /** Go's {@code io.ErrUnexpectedEOF}. */
  public static final String UNEXPECTED_EOF = "unexpected EOF";

  private static final int FILE_HEADER_SIG = 0x04034b50;
  private static final int DIR_HEADER_SIG = 0x02014b50;
  private static final int DIR64_LOC_SIG = 0x07064b50;
  private static final int DIR64_END_SIG = 0x06064b50;
  private static final int DATA_DESCRIPTOR_SIG = 0x08074b50;
  private static final int FILE_HEADER_LEN = 30;
  private static final int DIR_HEADER_LEN = 46;
  private static final int DIR_END_LEN = 22;
  private static final int DIR64_LOC_LEN = 20;
  private static final int DIR64_END_LEN = 56;
  private static final int ZIP64_EXTRA_ID = 0x0001;
  private static final int BUFFER = 64 * 1024;

  /** A Go error reading a zip: the message is Go's error text. */
  public static final class ZipError extends ZipException {
    private static final long serialVersionUID = 1L;

    private final byte[] entry;

    /**
     * Creates the error with no entry named.
     *
     * @param goText Go's error text
     */
    public ZipError(String goText) {
      this(goText, null);
    }

    /**
     * Creates the error naming the entry at fault.
     *
     * @param goText Go's error text
     * @param entry the raw name of the entry at fault, or null
     */
    public ZipError(String goText, byte[] entry) {
      super(goText);
      this.entry = entry == null ? null : entry.clone();
    }

    /**
     * Names the entry this error happened in, unless one is named already.
     *
     * @param e the entry being read
     * @return this error naming that entry
     */
    public ZipError withEntry(Entry e) {
      if (entry != null) {
        return this;
      }
      ZipError z = new ZipError(getMessage(), e.rawName);
      z.initCause(this);
      return z;
    }

    /** {@return the raw name of the entry at fault, if known} */
    public java.util.Optional<byte[]> entry() {
      return java.util.Optional.ofNullable(entry).map(byte[]::clone);
    }
  }

  /** One central-directory entry (Go's {@code zip.File} header fields that matter here). */
  public static final class Entry {
    byte[] rawName;
    String name;
    int flags;
    int method;
    long crc32;
    long compressedSize;
    long uncompressedSize;
    long headerOffset;

    /** Only the reader fills entries in, from the central directory. */
    Entry() {}

    /** {@return the name's bytes (a copy)} */
    public byte[] rawName() {
      return rawName.clone();
    }

    /** {@return the name decoded as Go would print it (invalid UTF-8 as U+FFFD)} */
    public String name() {
      return name;
    }

    /** {@return the declared uncompressed size, as Go's {@code int64(UncompressedSize64)} (may be negative)} */
    public long uncompressedSize() {
      return uncompressedSize;
    }

    /** {@return whether the name ends in {@code /}} */
    public boolean isDirectory() {
      return rawName.length > 0 && rawName[rawName.length - 1] == '/';
    }

    /**
     * Reports whether the raw name starts with the given bytes.
     *
     * @param prefix bytes
     * @return whether the raw name starts with them
     */
    public boolean hasPrefix(byte[] prefix) {
      return rawName.length >= prefix.length
          && Arrays.equals(rawName, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Bytes of the raw name from {@code from} on. */
    byte[] rawNameFrom(int from) {
      return Arrays.copyOfRange(rawName, from, rawName.length);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Random-access bytes: a file or an array. */
  private interface Source extends Closeable {
    /** Reads up to len bytes at pos (pos may be past the end: 0 bytes); short only at the end. */
    int readAt(byte[] b, int off, int len, long pos) throws IOException;

    /** The file's name for Go's errors; null for memory. */
    String file();
  }

  private final Source src;
  private final long size;
  private final List<Entry> entries;
  private final List<Entry> view;
  /** Whether closing this reader closes the source (false for a {@link #fork()}). */
  private final boolean ownsSource;

  private GoZipReader(Source src, long size) {
    this(src, size, new ArrayList<>(), true);
  }

  private GoZipReader(Source src, long size, List<Entry> entries, boolean ownsSource) {
    this.src = src;
    this.size = size;
    this.entries = entries;
    this.view = Collections.unmodifiableList(entries);
    this.ownsSource = ownsSource;
  }

  /**
   * A second reader of the same zip for another thread: it shares this reader's file and
   * central directory (read once) and has its own buffers and inflater. A reader is not
   * thread-safe; a fork and its origin may be used at the same time. Closing the fork leaves
   * the file open; close the fork before its origin.
   *
   * @return the fork
   */
  public GoZipReader fork() {
    return new GoZipReader(src, size, entries, false);
  }

  /**
   * Opens a zip file and reads its central directory.
   *
   * @param zip the file
   * @return the reader; close it
   * @throws ZipError with Go's text when the directory is not valid
   * @throws IOException when the file cannot be read
   */
  public static GoZipReader open(Path zip) throws IOException {
    FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ);
    try {
      long size = ch.size();
      GoZipReader r = new GoZipReader(new Source() {
        @Override
        public int readAt(byte[] b, int off, int len, long pos) throws IOException {
          ByteBuffer bb = ByteBuffer.wrap(b, off, len);
          long p = pos;
          while (bb.hasRemaining()) {
            int n = ch.read(bb, p);
            if (n < 0) {
              break;
            }
            p += n;
          }
          return bb.position() - off;
        }

        @Override
        public void close() throws IOException {
          ch.close();
        }

        @Override
        public String file() {
          return zip.toString();
        }
      }, size);
      r.init();
      return r;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Reads the central directory of a zip held in memory.
   *
   * @param zip the bytes (not copied; do not change them while reading)
   * @return the reader
   * @throws ZipError with Go's text when the directory is not valid
   */
  public static GoZipReader of(byte[] zip) throws ZipError {
    GoZipReader r = new GoZipReader(new Source() {
      @Override
      public int readAt(byte[] b, int off, int len, long pos) {
        int n = (int) Math.max(0, Math.min(len, zip.length - pos));
        System.arraycopy(zip, (int) pos, b, off, n);
        return n;
      }

      @Override
      public void close() {}

      @Override
      public String file() {
        return null;
      }
    }, zip.length);
    try {
      r.init();
    } catch (ZipError e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("reading memory failed", e);
    }
    return r;
  }

  /** {@return the size of the zip in bytes} */
  public long size() {
    return size;
  }

  /** {@return the central-directory entries, in directory order (unmodifiable)} */
  public List<Entry> entries() {
    return view;
  }

  @Override
  public void close() throws IOException {
    if (spareInflater != null) {
      spareInflater.end();
      spareInflater = null;
    }
    if (ownsSource) {
      src.close();
    }
  }

  // The inflater and input buffer of the last closed entry stream, for the next one.
  private Inflater spareInflater;
  private byte[] spareIn;

  // A read-ahead window for the central directory, which is read header by header.
  private final byte[] window = new byte[BUFFER];
  private long windowStart = -1;
  private int windowLen;

  /**
   * ReadAt: fills {@code buf} from {@code off}; returns the bytes read (short only at the end of
   * the file, 0 at or past it).
   */
  private int readAt(byte[] buf, int len, long off) throws IOException {
    if (off < 0) {
      throw negativeOffset();
    }
    if (off > Long.MAX_VALUE - len && src.file() != null) {
      // pread(2) refuses a range past the largest offset: Go reports the EINVAL.
      throw new ZipError("read " + src.file() + ": invalid argument");
    }
    if (off >= size) {
      return 0;
    }
    int avail = (int) Math.min(len, size - off);
    if (len <= window.length / 2) {
      if (windowStart < 0 || off < windowStart || off - windowStart > windowLen - avail) {
        windowStart = off;
        windowLen = src.readAt(window, 0, (int) Math.min(window.length, size - off), off);
      }
      int n = (int) Math.max(0, Math.min(avail, windowStart + windowLen - off));
      System.arraycopy(window, (int) (off - windowStart), buf, 0, n);
      return n;
    }
    return src.readAt(buf, 0, avail, off);
  }

  /** Go's error for a ReadAt at a negative offset, from os.File or bytes.Reader. */
  private ZipError negativeOffset() {
    return new ZipError(src.file() != null ? "readat " + src.file() + ": negative offset"
        : "bytes.Reader.ReadAt: negative offset");
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
    int n = readAt(h, h.length, pos);
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
      int m = readAt(d, dlen, pos + DIR_HEADER_LEN);
      if (m == 0) {
        return EOF;
      }
      if (m < dlen) {
        return UNEXPECTED_EOF;
      }
    }
    e.rawName = Arrays.copyOf(d, nameLen);
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

  /**
   * Decodes a name as Go would print it: ASCII as is, invalid UTF-8 bytes as U+FFFD.
   *
   * @param raw the name's bytes
   * @return the decoded name
   */
  public static String decodeName(byte[] raw) {
    boolean ascii = true;
    for (byte c : raw) {
      if (c < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(raw, StandardCharsets.ISO_8859_1);
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
      throw negativeOffset();
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
   * Opens an entry's content like Go's {@code File.Open}: reads fail with Go's error texts (as
   * {@link ZipError}) when the data is longer or shorter than declared or its CRC-32 is wrong.
   * Close the stream (it holds an {@link Inflater}).
   *
   * @param e an entry of this reader
   * @return its content
   * @throws ZipError with Go's text when the local header is bad or the method unsupported
   * @throws IOException when the file cannot be read
   */
  public InputStream open(Entry e) throws IOException {
    byte[] lh = new byte[FILE_HEADER_LEN];
    if (readAt(lh, lh.length, e.headerOffset) < lh.length) {
      throw new ZipError(EOF);
    }
    if ((int) u32(lh, 0) != FILE_HEADER_SIG) {
      throw new ZipError(ERR_FORMAT);
    }
    long bodyOffset = FILE_HEADER_LEN + u16(lh, 26) + u16(lh, 28);
    if (e.isDirectory()) {
      // Go 1.20+: a directory has no content; one that declares some cannot be read.
      return new DirStream(e.uncompressedSize != 0 ? ERR_FORMAT : null);
    }
    if (e.method != 0 && e.method != 8) {
      throw new ZipError(ERR_ALGORITHM);
    }
    // The local header was read, so headerOffset < size and this cannot overflow.
    long start = e.headerOffset + bodyOffset;
    long csize = e.compressedSize < 0 ? 0 : e.compressedSize;
    return new EntryStream(e, start, csize);
  }

  private static final class DirStream extends InputStream {
    private final String err;

    DirStream(String err) {
      this.err = err;
    }

    @Override
    public int read() throws IOException {
      return read(new byte[1], 0, 1);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (err != null) {
        throw new ZipError(err);
      }
      return -1;
    }
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
    private boolean closed;

    EntryStream(Entry e, long start, long csize) {
      this.e = e;
      this.start = start;
      this.csize = csize;
      if (e.method == 8) {
        // Entries are usually read one after another: reuse the last stream's inflater.
        this.inflater = spareInflater != null ? spareInflater : new Inflater(true);
        this.in = spareIn != null ? spareIn : new byte[BUFFER];
        spareInflater = null;
        spareIn = null;
      } else {
        this.inflater = null;
        this.in = null;
      }
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
      long pos = start + cpos;
      if (left <= 0 || pos < 0 || pos >= size) {
        return -1;
      }
      int want = (int) Math.min(len, Math.min(left, size - pos));
      int n;
      if (windowStart >= 0 && pos >= windowStart && pos - windowStart <= windowLen - want) {
        // A small entry's data follows its local header, which open() read through the window
        // (64 KB from there): copied from it, where a read of the file took a system call and
        // two copies of the same bytes again (most entries of a module zip are small).
        System.arraycopy(window, (int) (pos - windowStart), b, off, want);
        n = want;
      } else {
        n = src.readAt(b, off, want, pos);
      }
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
      if (closed) {
        throw new IOException("read of a closed zip entry stream");
      }
      if (closed) {
        throw new IOException("read of a closed zip entry stream");
      }
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
        int got = ddOff < 0 ? 0 : readAt(dd, 16, ddOff);
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
      if (inflater == null || closed) {
        return;
      }
      closed = true;
      if (spareInflater == null) {
        inflater.reset();
        spareInflater = inflater;
        spareIn = in;
      } else {
        inflater.end();
      }
    }
  }
}
