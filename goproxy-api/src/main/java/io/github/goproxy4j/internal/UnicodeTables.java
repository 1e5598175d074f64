package io.github.goproxy4j.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Unicode tables of one Go release: {@code unicode.IsLetter}, {@code IsPrint},
 * {@code IsGraphic}, {@code IsSpace}, {@code SimpleFold} and {@code strconv.IsPrint}, answered from
 * data generated from that release's own tables ({@code tools/unicode-tables}; resources
 * {@code unicode-*.txt} beside this class, {@code unicode-releases.txt} maps each release to its
 * data). The JDK's {@link Character} tables are not used: they follow the JDK's Unicode version,
 * which is not Go's (JDK 17 has Unicode 13, JDK 25 Unicode 16; go1.19 has 13, go1.21 to go1.26
 * have 15, go1.27 has 17).
 *
 * <pre>{@code
 * UnicodeTables t = UnicodeTables.forGoMinor(27);
 * t.isLetter(0x1C8A);   // true: a letter since Unicode 16, known to go1.27 only
 * }</pre>
 *
 * <p>Instances are immutable and shared; a lookup is two array reads (a two-level table, built
 * when a release's data are first used: a program that meets only ASCII never parses any).
 * Exported only to the other goproxy4j modules; not API.
 */
public final class UnicodeTables {
  private static final String INDEX = "unicode-releases.txt";
  /** Go minor release → data file name, from the index. */
  private static final TreeMap<Integer, String> FILES = readIndex();
  private static final Map<String, UnicodeTables> LOADED = new HashMap<>();
  /** {goVersion, tables} of the last {@link #forGoVersion} call. */
  private static volatile Object[] lastGoVersion;

  /** The data file behind these tables. */
  private final String file;
  /** Parsed on first use, so that a program that meets no non-ASCII text never parses any. */
  private volatile Data data;

  private UnicodeTables(String file) {
    this.file = file;
  }

  /** One release's parsed tables. */
  private static final class Data {
    final String unicodeVersion;
    final Property letter;
    final Property print;
    final Property graphic;
    final Property space;
    final Property strconvPrint;
    /** unicode.SimpleFold, and each code point's orbit minimum. */
    final RuneMap foldNext;
    final RuneMap foldMin;

    Data(String unicodeVersion, Map<String, Property> props, int[][] fold) {
      this.unicodeVersion = unicodeVersion;
      this.letter = require(props, "IsLetter");
      this.print = require(props, "IsPrint");
      this.graphic = require(props, "IsGraphic");
      this.space = require(props, "IsSpace");
      this.strconvPrint = require(props, "strconv.IsPrint");
      this.foldNext = new RuneMap(fold[0], fold[1]);
      this.foldMin = new RuneMap(fold[0], fold[2]);
    }
  }

  private Data data() {
    Data d = data;
    if (d == null) {
      synchronized (this) {
        d = data;
        if (d == null) {
          d = parse(file);
          data = d;
        }
      }
    }
    return d;
  }

  /**
   * The tables of the newest Go release we have data for.
   *
   * @return the shared instance
   */
  public static UnicodeTables newest() {
    return Newest.TABLES;
  }

  /**
   * The tables of Go release 1.{@code minor}. A release newer than the newest known gets the
   * newest tables, an older one the oldest (goVersion validation happens in GoEnv).
   *
   * @param minor the minor release number, 19 for go1.19
   * @return the shared instance
   */
  public static UnicodeTables forGoMinor(int minor) {
    Map.Entry<Integer, String> e = FILES.floorEntry(minor);
    return load(e != null ? e.getValue() : FILES.firstEntry().getValue());
  }

  /**
   * The tables of a Go release as {@code goVersion} names it.
   *
   * @param release the release (its behaviour minor picks the tables)
   * @return the shared instance
   */
  public static UnicodeTables forRelease(GoRelease release) {
    return forGoMinor(release.behaviourMinor());
  }

  /**
   * The tables of the release a {@code goVersion} string names ({@link GoRelease#modelled}).
   *
   * @param goVersion for example {@code "1.21"}, {@code "1.21.3"} or {@code "go1.27"}
   * @return the shared instance
   * @throws IllegalArgumentException naming the input when it is not a Go release from 1.19 on
   */
  public static UnicodeTables forGoVersion(String goVersion) {
    // Callers such as the zip check ask once per file with the same string: remember the last.
    Object[] last = lastGoVersion;
    if (last != null && last[0].equals(goVersion)) {
      return (UnicodeTables) last[1];
    }
    UnicodeTables t = forRelease(GoRelease.modelled(goVersion));
    lastGoVersion = new Object[] {goVersion, t};
    return t;
  }

  /**
   * The newest Go release we have tables for.
   *
   * @return its minor number, 27 for go1.27
   */
  public static int newestGoMinor() {
    return FILES.lastKey();
  }

  /**
   * The Unicode version of these tables ({@code unicode.Version}).
   *
   * @return for example "15.0.0"
   */
  public String unicodeVersion() {
    return data().unicodeVersion;
  }

  /**
   * {@code unicode.IsLetter}.
   *
   * @param r a rune
   * @return whether the rune is a letter (category L)
   */
  public boolean isLetter(int r) {
    return data().letter.contains(r);
  }

  /**
   * {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space.
   *
   * @param r a rune
   * @return whether Go's unicode package calls it printable
   */
  public boolean isPrint(int r) {
    return data().print.contains(r);
  }

  /**
   * {@code unicode.IsGraphic}: as {@link #isPrint(int)} plus the Zs spaces.
   *
   * @param r a rune
   * @return whether Go calls it graphic
   */
  public boolean isGraphic(int r) {
    return data().graphic.contains(r);
  }

  /**
   * {@code unicode.IsSpace}.
   *
   * @param r a rune
   * @return whether Go calls it white space
   */
  public boolean isSpace(int r) {
    return data().space.contains(r);
  }

  /**
   * {@code strconv.IsPrint}, from strconv's own tables (which Go generates separately from
   * unicode's; they agree in every release we have data for, and the tests check both).
   *
   * @param r a rune
   * @return whether {@code strconv.Quote} prints the rune as itself
   */
  public boolean strconvIsPrint(int r) {
    return data().strconvPrint.contains(r);
  }

  /**
   * {@code unicode.SimpleFold}: the next larger rune of {@code r}'s case-folding orbit, or the
   * smallest one when {@code r} is the largest; {@code r} itself when it folds to nothing.
   *
   * @param r a rune
   * @return the next rune of the orbit
   */
  public int simpleFold(int r) {
    return data().foldNext.apply(r);
  }

  /**
   * The smallest rune of {@code r}'s {@link #simpleFold(int)} orbit ({@code r} when it has none):
   * equal for two runes exactly when Go's {@code SimpleFold} connects them.
   *
   * @param r a rune
   * @return the orbit's smallest rune
   */
  public int orbitMin(int r) {
    return data().foldMin.apply(r);
  }

  @Override
  public String toString() {
    return "UnicodeTables[" + unicodeVersion() + "]";
  }

  // ---- data ----------------------------------------------------------------------------------

  /** Code points per block of the two-level tables. */
  private static final int BLOCK_BITS = 8;
  /** Blocks covering U+0000..U+10FFFF. */
  private static final int BLOCKS = 0x110000 >> BLOCK_BITS;

  /**
   * A set of code points as a two-level table: the block of a code point (its high bits) selects
   * a 256-bit bitmap; identical bitmaps (most are all-clear or all-set) are stored once. A lookup
   * is two array reads, like the JDK's own tables.
   */
  private static final class Property {
    private final char[] blockOf = new char[BLOCKS];
    private final long[] bitmaps;

    Property(int[] ranges) {
      long[] all = new long[BLOCKS * 4];
      for (int i = 0; i < ranges.length; i += 2) {
        for (int c = ranges[i]; c < ranges[i + 1]; c++) {
          all[c >> 6] |= 1L << c;
        }
      }
      Map<Bitmap, Character> seen = new HashMap<>();
      long[] out = new long[BLOCKS * 4];
      int n = 0;
      for (int b = 0; b < BLOCKS; b++) {
        Bitmap key = new Bitmap(all, b * 4);
        Character k = seen.get(key);
        if (k == null) {
          k = (char) n++;
          seen.put(key, k);
          System.arraycopy(all, b * 4, out, k * 4, 4);
        }
        blockOf[b] = k;
      }
      this.bitmaps = Arrays.copyOf(out, n * 4);
    }

    /**
     * One block's 256 bits as a map key. Its hash mixes the four words: a list of the boxed
     * words hashed all-clear and all-set words alike (each {@code Long.hashCode} 0), so most
     * blocks of a table fell into one bin of the map, which then searched a tree of
     * incomparable keys from end to end (a few tens of milliseconds of a cold JVM per release's
     * tables, and a C2 compilation of {@code HashMap.TreeNode.find}).
     */
    private static final class Bitmap {
      private final long[] words;
      private final int from;
      private final int hash;

      Bitmap(long[] words, int from) {
        this.words = words;
        this.from = from;
        long h = 0;
        for (int i = from; i < from + 4; i++) {
          h = (h + words[i]) * 0x9E3779B97F4A7C15L;
          h ^= h >>> 29;
        }
        this.hash = (int) (h ^ (h >>> 32));
      }

      @Override
      public boolean equals(Object o) {
        if (!(o instanceof Bitmap)) {
          return false;
        }
        Bitmap other = (Bitmap) o;
        return Arrays.equals(words, from, from + 4, other.words, other.from, other.from + 4);
      }

      @Override
      public int hashCode() {
        return hash;
      }
    }

    boolean contains(int r) {
      int b = r >>> BLOCK_BITS; // negative r gives a huge block number
      if (b >= BLOCKS) {
        return false;
      }
      return (bitmaps[blockOf[b] * 4 + ((r >> 6) & 3)] & (1L << r)) != 0;
    }
  }

  /**
   * A function from code points to code points that is the identity almost everywhere, as a
   * two-level table of differences: blocks without a change share one all-zero block.
   */
  private static final class RuneMap {
    private final char[] blockOf = new char[BLOCKS];
    private final int[] deltas;

    RuneMap(int[] keys, int[] values) {
      int[] out = new int[1 << BLOCK_BITS]; // block 0: all zero
      int n = 1;
      int[] blockNumber = new int[BLOCKS];
      for (int i = 0; i < keys.length; i++) {
        int b = keys[i] >>> BLOCK_BITS;
        if (blockNumber[b] == 0) {
          blockNumber[b] = n++;
          if (out.length < n << BLOCK_BITS) {
            out = Arrays.copyOf(out, out.length * 2);
          }
        }
        out[(blockNumber[b] << BLOCK_BITS) | (keys[i] & 0xFF)] = values[i] - keys[i];
      }
      for (int b = 0; b < BLOCKS; b++) {
        blockOf[b] = (char) blockNumber[b];
      }
      this.deltas = Arrays.copyOf(out, n << BLOCK_BITS);
    }

    int apply(int r) {
      int b = r >>> BLOCK_BITS;
      if (b >= BLOCKS) {
        return r;
      }
      return r + deltas[(blockOf[b] << BLOCK_BITS) | (r & 0xFF)];
    }
  }

  private static final class Newest {
    static final UnicodeTables TABLES = forGoMinor(newestGoMinor());
  }

  private static Property require(Map<String, Property> props, String name) {
    Property p = props.get(name);
    if (p == null) {
      throw new IllegalStateException("Unicode data lacks " + name);
    }
    return p;
  }

  private static TreeMap<Integer, String> readIndex() {
    TreeMap<Integer, String> files = new TreeMap<>();
    for (String line : readLines(INDEX)) {
      String[] f = line.split(" ");
      files.put(Integer.parseInt(f[0]), f[1]);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException(INDEX + " is empty");
    }
    return files;
  }

  private static UnicodeTables load(String file) {
    synchronized (LOADED) {
      return LOADED.computeIfAbsent(file, UnicodeTables::new);
    }
  }

  /** Parses the format tools/unicode-tables/main.go writes (its comment describes it). */
  private static Data parse(String file) {
    List<String> lines = readLines(file);
    String version = null;
    Map<String, Property> props = new HashMap<>();
    int[][] fold = null;
    int i = 0;
    while (i < lines.size()) {
      String[] head = lines.get(i++).split(" ");
      if (head[0].equals("unicode")) {
        version = head[1];
        continue;
      }
      int count = Integer.parseInt(head[1]);
      List<String> words = new ArrayList<>(count);
      while (words.size() < count) {
        words.addAll(Arrays.asList(lines.get(i++).split(" ")));
      }
      if (words.size() != count) {
        throw new IllegalStateException(file + ": " + head[0] + " has " + words.size() + " entries, not " + count);
      }
      if (head[0].equals("SimpleFold")) {
        fold = parseFolds(words);
      } else {
        props.put(head[0], new Property(parseRanges(words)));
      }
    }
    if (version == null || fold == null) {
      throw new IllegalStateException(file + ": incomplete Unicode data");
    }
    return new Data(version, props, fold);
  }

  /** "gap:len" words → alternating starts and exclusive ends. */
  private static int[] parseRanges(List<String> words) {
    int[] out = new int[words.size() * 2];
    int next = 0;
    int k = 0;
    for (String w : words) {
      int colon = w.indexOf(':');
      int lo = next + Integer.parseInt(w, 0, colon, 16);
      next = lo + Integer.parseInt(w, colon + 1, w.length(), 16);
      out[k++] = lo;
      out[k++] = next;
    }
    return out;
  }

  /**
   * "first,d1,d2" words → {keys, next, min} over every member of every orbit, sorted by key (a
   * rune listed twice keeps its last orbit). Primitive arrays sorted once: a map of boxed runes
   * cost a cold JVM an OSR compilation of {@code TreeMap.put} for some 2,900 runes.
   */
  private static int[][] parseFolds(List<String> words) {
    int[] rune = new int[64];
    int[] next = new int[64];
    int[] min = new int[64];
    int n = 0;
    int prevMin = 0;
    for (String w : words) {
      String[] parts = w.split(",");
      int m = prevMin + Integer.parseInt(parts[0], 16);
      int[] orbit = new int[parts.length];
      orbit[0] = m;
      for (int j = 1; j < parts.length; j++) {
        orbit[j] = m + Integer.parseInt(parts[j], 16);
      }
      if (n + orbit.length > rune.length) {
        int cap = Math.max(n + orbit.length, rune.length * 2);
        rune = Arrays.copyOf(rune, cap);
        next = Arrays.copyOf(next, cap);
        min = Arrays.copyOf(min, cap);
      }
      for (int j = 0; j < orbit.length; j++) {
        rune[n] = orbit[j];
        next[n] = orbit[(j + 1) % orbit.length];
        min[n] = m;
        n++;
      }
      prevMin = m;
    }
    // runes are non-negative: (rune, position) packed into one long sorts by rune, then position
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = (long) rune[i] << 32 | i;
    }
    Arrays.sort(order);
    int[][] out = new int[3][n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (i + 1 < n && order[i + 1] >>> 32 == order[i] >>> 32) {
        continue; // the same rune again later: the later orbit wins
      }
      int at = (int) order[i];
      out[0][k] = rune[at];
      out[1][k] = next[at];
      out[2][k] = min[at];
      k++;
    }
    if (k < n) {
      for (int r = 0; r < 3; r++) {
        out[r] = Arrays.copyOf(out[r], k);
      }
    }
    return out;
  }

  private static List<String> readLines(String name) {
    try (InputStream in = UnicodeTables.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside " + UnicodeTables.class.getName());
      }
      List<String> lines = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isEmpty() && line.charAt(0) != '#') {
          lines.add(line);
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
