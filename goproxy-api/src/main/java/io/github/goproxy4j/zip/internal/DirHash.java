package io.github.goproxy4j.zip.internal;

import io.github.goproxy4j.zip.ModuleZip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * x/mod's {@code sumdb/dirhash}: {@code Hash1} (the SHA-256 of a summary that lists, per file in
 * byte order of its name, {@code hex(SHA-256(content))  name\n}) and {@code HashZip} over a
 * {@link GoZipReader}. The one home of that algorithm; {@code ModuleHash} wraps its digests.
 * Internal to goproxy4j.
 */
public final class DirHash {
  /** x/mod's error for a name holding a newline. */
  public static final String ERR_NEWLINE = "dirhash: filenames with newlines are not supported";

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final int BUFFER = 64 * 1024;

  private DirHash() {}

  /**
   * {@return a fresh SHA-256 digest}: a copy of one made once, which skips the provider look-up
   * of {@code MessageDigest.getInstance} (a search of the providers and a reflective constructor
   * call each time; a graph load hashes two strings per go.mod it fetches).
   */
  public static MessageDigest sha256() {
    try {
      // the prototype is never updated, so copying it from several threads at once is safe
      return (MessageDigest) Sha256.PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  /** The prototype, made on first use. */
  private static final class Sha256 {
    static final MessageDigest PROTOTYPE = newSha256();
  }

  /** Slice size of {@link #update}. */
  static final int SLICE = 4096;

  /**
   * {@code sha.update(b, off, len)} in slices of {@link #SLICE} bytes. The JDK's SHA-256 runs
   * on the CPU's SHA instructions only in code the C2 compiler made from a caller of its block
   * loop ({@code DigestBase.engineUpdate}); until then every 64-byte block runs as Java, several
   * times slower. C2 compiles a method once it has been called often enough, so slicing 64 KB
   * reads into 4 KB updates gets there 16 times sooner in a cold JVM (a bulk download measured:
   * the SHA instructions in use after 2.8 s instead of 5.1 s of a 5.9 s profiled run), for a few
   * nanoseconds per slice afterwards.
   *
   * @param sha the digest
   * @param b the bytes
   * @param off where they start
   * @param len how many
   */
  public static void update(MessageDigest sha, byte[] b, int off, int len) {
    for (int end = off + len; off < end; off += SLICE) {
      sha.update(b, off, Math.min(SLICE, end - off));
    }
  }

  /** How many updates {@link #warmUp} makes: about 2 MB of SHA-256. */
  static final int WARM_UP_BLOCKS = 32 * 1024;

  /**
   * Makes the JIT compile SHA-256's update path early, in a cold JVM, before the first large
   * zip is hashed: that path uses the CPU's SHA instructions only once C2 has compiled
   * {@code DigestBase.engineUpdate} (or a caller of its block loop), which it does after some
   * thousands of calls, and sooner the faster they come. With 4 KB slices the downloads
   * themselves got there after about two thirds of a cold bulk download (PrintCompilation);
   * before that every block ran as Java, several times slower. This makes 32,768 small updates
   * (2 MB): a few milliseconds, on a thread that would otherwise wait. Nothing observable
   * changes.
   *
   * <p>The updates are shaped like a download's, so that what C2 compiles from their profile
   * holds for the real ones: mostly one block, now and then a file's odd-sized tail (leaving a
   * partial block for the next update to fill), a whole 4 KB slice, a digest (which resets) and
   * now and then a new digest, as each file and zip has.
   * Among them go a few SHA-512 and SHA-1 updates: the checksum database's Ed25519 signature
   * check hashes with SHA-512, and {@code SecureRandom} (JNA names the file it unpacks its
   * native library into with it) with SHA-1, both through the same {@code MessageDigest} call
   * sites. Warmed with SHA-256 alone, the compiled update path met those later and was thrown
   * away and compiled again (a cold bulk download's compilation log: four type-check traps in
   * {@code MessageDigest$Delegate.engineUpdate}, each followed by C2 recompilations).
   */
  public static void warmUp() {
    MessageDigest sha512 = other("SHA-512");
    MessageDigest sha1 = other("SHA-1");
    MessageDigest sha = sha256();
    byte[] block = new byte[SLICE];
    for (int i = 1; i <= WARM_UP_BLOCKS; i++) {
      int len = (i & 63) == 0 ? 1 + (i >>> 6) % 63 : (i & 1023) == 512 ? SLICE : 64;
      sha.update(block, 0, len);
      if ((i & 255) == 0) {
        sha.digest();
        if ((i & 1023) == 0) {
          sha = sha256(); // a new digest's first block allocates its schedule (SHA2.implCompress0)
        }
      }
      if ((i & 63) == 32) {
        (((i >>> 6) & 1) == 0 ? sha512 : sha1).update(block, 0, 64);
      }
    }
    sha.digest();
    sha512.digest();
    sha1.digest();
  }

  /** Another digest for {@link #warmUp}; SHA-256 again where the JDK lacks it (none does). */
  private static MessageDigest other(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      return sha256();
    }
  }

  /**
   * The Hash1 summary, fed one file at a time in name order. The lines are collected and hashed
   * in 64 KB batches (one digest update per 4 KB instead of three per file: in profiles of a cold
   * bulk download the per-line digest calls made {@code add} one of the JIT's costliest
   * compilations, the JDK's SHA-256 inlined into it).
   */
  public static final class Summary {
    private static final int BATCH = 64 * 1024;

    private byte[] lines = new byte[256];
    private int len;
    private MessageDigest sha;

    /** Starts a summary with no files in it. */
    public Summary() {}

    /**
     * Adds one file's line.
     *
     * @param name the file name's bytes (no newline)
     * @param sha256 the SHA-256 of its content
     */
    public void add(byte[] name, byte[] sha256) {
      int lineLen = 64 + 2 + name.length + 1;
      if (len + lineLen > lines.length) {
        if (len >= BATCH) {
          flush();
        }
        if (len + lineLen > lines.length) {
          lines = Arrays.copyOf(lines, Math.max(len + lineLen, lines.length * 2));
        }
      }
      byte[] l = lines;
      int o = len;
      for (int i = 0; i < 32; i++) {
        l[o++] = HEX[(sha256[i] >> 4) & 0xf];
        l[o++] = HEX[sha256[i] & 0xf];
      }
      l[o++] = ' ';
      l[o++] = ' ';
      System.arraycopy(name, 0, l, o, name.length);
      o += name.length;
      l[o++] = '\n';
      len = o;
    }

    private void flush() {
      if (sha == null) {
        sha = sha256();
      }
      update(sha, lines, 0, len);
      len = 0;
    }

    /** {@return the 32-byte h1 digest} */
    public byte[] digest() {
      flush();
      return sha.digest();
    }
  }

  /**
   * Reports whether a name holds a newline (dirhash refuses it).
   *
   * @param name the name's bytes
   * @return whether it has a {@code \n}
   */
  public static boolean hasNewline(byte[] name) {
    for (byte c : name) {
      if (c == '\n') {
        return true;
      }
    }
    return false;
  }

  /**
   * HashZip: every entry with its full stored name (raw bytes, including directory entries),
   * sorted by bytes; duplicates hash with the last entry's content. Before anything is inflated,
   * the declared sizes of the entries to be read must total at most {@link ModuleZip#MAX_ZIP_FILE}
   * (x/mod's limit for module contents; dirhash has none), so a zip bomb is refused without
   * inflating it; each entry is then bounded by its declared size.
   *
   * @param z the zip
   * @return the 32-byte h1 digest
   * @throws GoZipReader.ZipError with Go's text, {@link #ERR_NEWLINE} or the size error; {@link
   *     GoZipReader.ZipError#entry()} names the entry when one is at fault
   * @throws IOException when reading fails
   */
  public static byte[] hashZip(GoZipReader z) throws IOException {
    List<GoZipReader.Entry> entries = z.entries();
    Map<Name, GoZipReader.Entry> last = new HashMap<>();
    Name[] names = new Name[entries.size()];
    for (int i = 0; i < names.length; i++) {
      GoZipReader.Entry e = entries.get(i);
      names[i] = new Name(e.rawName);
      last.put(names[i], e);
    }
    long total = 0;
    for (GoZipReader.Entry e : last.values()) {
      long sz = e.uncompressedSize;
      if (e.isDirectory()) {
        continue;
      }
      if (sz < 0 || ModuleZip.MAX_ZIP_FILE - total < sz) {
        throw new GoZipReader.ZipError(ZipCheck.ERR_TOTAL_SIZE);
      }
      total += sz;
    }
    Arrays.sort(names);
    Summary summary = new Summary();
    Map<GoZipReader.Entry, byte[]> done = new HashMap<>();
    byte[] buf = new byte[BUFFER];
    MessageDigest file = sha256();
    for (Name n : names) {
      if (hasNewline(n.b)) {
        throw new GoZipReader.ZipError(ERR_NEWLINE, n.b);
      }
      GoZipReader.Entry e = last.get(n);
      byte[] digest = done.get(e);
      if (digest == null) {
        file.reset();
        try (InputStream in = z.open(e)) {
          for (int k; (k = in.read(buf)) >= 0; ) {
            update(file, buf, 0, k);
          }
        } catch (GoZipReader.ZipError ze) {
          throw ze.withEntry(e);
        }
        digest = file.digest();
        done.put(e, digest);
      }
      summary.add(n.b, digest);
    }
    return summary.digest();
  }

  /** A raw name as a map key, ordered by unsigned bytes. */
  private static final class Name implements Comparable<Name> {
    final byte[] b;
    final int h;

    Name(byte[] b) {
      this.b = b;
      this.h = Arrays.hashCode(b);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Name && Arrays.equals(((Name) o).b, b);
    }

    @Override
    public int hashCode() {
      return h;
    }

    @Override
    public int compareTo(Name o) {
      return Arrays.compareUnsigned(b, o.b);
    }
  }
}
