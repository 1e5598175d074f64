package io.github.goproxy4j.module;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A comma-separated list of module path prefix globs, matched exactly as golang.org/x/mod
 * {@code module.MatchPrefixPatterns} matches {@code GOPRIVATE}, {@code GONOPROXY},
 * {@code GONOSUMDB} and {@code GOINSECURE}.
 *
 * <pre>{@code
 * ModulePatterns p = ModulePatterns.parse("*.corp.example.com,example.com/private");
 * p.matches("git.corp.example.com/tools");     // true
 * p.matches("example.com/private/x/v2");       // true: a glob matches a path prefix
 * p.matches("example.com/privateer");          // false: whole elements only
 * }</pre>
 *
 * <p>The rules: the list is split on {@code ,} only and entries are <b>not</b> trimmed (so
 * {@code " example.com"} never matches); one trailing {@code /} is removed from each entry and
 * empty entries are skipped; a glob with n slashes is matched with Go's {@code path.Match}
 * against the first n+1 elements of the path (a path with fewer elements does not match);
 * {@code *} and {@code ?} never match {@code /}; {@code [...]} classes and {@code \} escapes
 * work; matching is case-sensitive; a malformed glob (for example {@code [}) silently matches
 * nothing, as in Go.
 *
 * <p>Parsing never fails and never throws for any string. Globs are compiled once and indexed by
 * their first path element when it is literal, so a path is tried only against the globs filed
 * under its own first element and the few whose first element is a wildcard; matching uses no
 * regular expressions and, for the common literal globs, is a prefix comparison. Instances are
 * immutable and thread-safe.
 */
public final class ModulePatterns {
  private static final ModulePatterns NONE = new ModulePatterns("", new Glob[0]);

  private final String text;
  private final Glob[] globs;
  /** The globs whose first path element has a meta character: tried for every path. */
  private final int[] unindexed;
  /**
   * The other (well-formed) globs by their literal first element, which a path's first element
   * must equal: an open-addressing table (keys in byte form, hashed as String.hashCode) so that
   * a lookup hashes the path's first element in place without allocating.
   */
  private final String[] keys;
  private final int[][] indexed;

  private ModulePatterns(String text, Glob[] globs) {
    this.text = text;
    this.globs = globs;
    java.util.Map<String, List<Integer>> byFirst = new java.util.LinkedHashMap<>();
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < globs.length; i++) {
      Glob g = globs[i];
      if (g.bad) {
        continue;
      }
      String first = g.literalFirstElement();
      if (first == null) {
        rest.add(i);
      } else {
        // loops, not lambdas or streams: every client builds four of these on its cold path
        List<Integer> same = byFirst.get(first);
        if (same == null) {
          same = new ArrayList<>();
          byFirst.put(first, same);
        }
        same.add(i);
      }
    }
    this.unindexed = toInts(rest);
    int cap = Integer.highestOneBit(Math.max(1, byFirst.size()) * 2 + 1) << 1;
    this.keys = new String[cap];
    this.indexed = new int[cap][];
    for (java.util.Map.Entry<String, List<Integer>> e : byFirst.entrySet()) {
      int slot = e.getKey().hashCode() & (cap - 1);
      while (keys[slot] != null) {
        slot = (slot + 1) & (cap - 1);
      }
      keys[slot] = e.getKey();
      indexed[slot] = toInts(e.getValue());
    }
  }

  private static int[] toInts(List<Integer> l) {
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i);
    }
    return out;
  }

  /**
   * Parses a comma-separated glob list such as a {@code GOPRIVATE} value.
   *
   * @param commaList the list; null or empty gives a list that matches nothing
   * @return the compiled patterns
   */
  public static ModulePatterns parse(String commaList) {
    if (commaList == null || commaList.isEmpty()) {
      return NONE;
    }
    List<Glob> out = new ArrayList<>();
    int start = 0;
    while (start <= commaList.length()) {
      int comma = commaList.indexOf(',', start);
      int end = comma < 0 ? commaList.length() : comma;
      String glob = commaList.substring(start, end);
      if (glob.endsWith("/")) {
        glob = glob.substring(0, glob.length() - 1);
      }
      if (!glob.isEmpty()) {
        out.add(Glob.compile(glob));
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    return new ModulePatterns(commaList, out.toArray(new Glob[0]));
  }

  /**
   * Returns an empty list, which matches nothing.
   *
   * @return the empty patterns
   */
  public static ModulePatterns none() {
    return NONE;
  }

  /**
   * Reports whether any glob matches a prefix of the path ({@code MatchPrefixPatterns}).
   *
   * @param path a module path (any string is accepted; null matches nothing)
   * @return true if some glob matches
   */
  public boolean matches(String path) {
    if (path == null) {
      return false;
    }
    return indexOfMatch(path) >= 0;
  }

  /**
   * Index of the first matching glob, or -1: the globs filed under the path's first element and
   * the unindexed globs, merged in list order.
   */
  private int indexOfMatch(String path) {
    // One scan: the first element's hash and length, and whether the path is ASCII.
    int n = path.length();
    int h = 0;
    int firstLen = -1;
    char or = 0;
    for (int i = 0; i < n; i++) {
      char c = path.charAt(i);
      or |= c;
      if (firstLen < 0) {
        if (c == '/') {
          firstLen = i;
        } else {
          h = 31 * h + c;
        }
      }
    }
    if (firstLen < 0) {
      firstLen = n;
    }
    String t = path;
    if (or >= 0x80) {
      t = toBytes(path);
      h = 0;
      for (firstLen = 0; firstLen < t.length() && t.charAt(firstLen) != '/'; firstLen++) {
        h = 31 * h + t.charAt(firstLen);
      }
    }
    int[] cand = null;
    int mask = keys.length - 1;
    for (int slot = h & mask; keys[slot] != null; slot = (slot + 1) & mask) {
      String k = keys[slot];
      if (k.length() == firstLen && t.startsWith(k)) {
        cand = indexed[slot];
        break;
      }
    }
    int[] un = unindexed;
    if (cand == null) {
      for (int i : un) {
        if (globs[i].matches(t)) {
          return i;
        }
      }
      return -1;
    }
    int a = 0;
    int b = 0;
    while (a < cand.length || b < un.length) {
      int i = b >= un.length || (a < cand.length && cand[a] < un[b]) ? cand[a++] : un[b++];
      if (globs[i].matches(t)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reports whether any glob matches a prefix of the module path.
   *
   * @param path a module path
   * @return true if some glob matches
   */
  public boolean matches(ModulePath path) {
    return matches(Objects.requireNonNull(path, "path").toString());
  }

  /**
   * Returns the first glob (as written, without its trailing slash) that matches the path.
   *
   * @param path a module path (any string is accepted; null matches nothing)
   * @return the matching glob, or empty when none matches
   */
  public Optional<String> firstMatch(String path) {
    if (path == null) {
      return Optional.empty();
    }
    int i = indexOfMatch(path);
    return i < 0 ? Optional.empty() : Optional.of(globs[i].text);
  }

  /**
   * Returns the non-empty globs in order, each without its one stripped trailing slash.
   * Malformed globs are included (they match nothing).
   *
   * @return an immutable list
   */
  public List<String> patterns() {
    List<String> out = new ArrayList<>(globs.length);
    for (Glob g : globs) {
      out.add(g.text);
    }
    return List.copyOf(out);
  }

  /**
   * Returns the globs that Go's {@code path.Match} rejects as malformed; they never match.
   *
   * @return an immutable list, usually empty
   */
  public List<String> malformedPatterns() {
    List<String> out = new ArrayList<>();
    for (Glob g : globs) {
      if (g.bad) {
        out.add(g.text);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns whether the list has no (non-empty) glob.
   *
   * @return true if nothing can match
   */
  public boolean isEmpty() {
    return globs.length == 0;
  }

  /**
   * Returns the list exactly as given to {@link #parse(String)}.
   *
   * @return the original text
   */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModulePatterns && ((ModulePatterns) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(text);
  }

  /** One compiled glob. Internally works on UTF-8 "byte strings" (one char per byte). */
  private static final class Glob {
    final String text;
    /** The glob as a byte string. */
    final String pattern;
    /** Number of '/' in the glob. */
    final int slashes;
    /** No meta characters: match is a prefix comparison. */
    final boolean literal;
    /** Malformed per path.Match: never matches. */
    final boolean bad;
    /** The glob has non-ASCII characters (so targets are compared in byte form). */
    final boolean nonAscii;
    /** The literal text before the first meta character: every match starts with it. */
    final String literalPrefix;
    /** For globs without classes or escapes, the literal text after the last {@code *}/{@code ?}. */
    final String literalSuffix;
    /**
     * For globs whose only meta character is {@code *}: the literal chunks after the literal
     * prefix, one per star (the last may be empty: a trailing star); null for other globs, which
     * go through {@link GoPathMatch}.
     */
    final String[] starChunks;

    private Glob(String text, String pattern, int slashes, boolean literal, boolean bad,
        String literalPrefix) {
      this.text = text;
      this.pattern = pattern;
      this.slashes = slashes;
      this.literal = literal;
      this.bad = bad;
      this.nonAscii = pattern.length() != text.length();
      this.literalPrefix = literalPrefix;
      String suffix = "";
      if (!literal && pattern.indexOf('[') < 0 && pattern.indexOf('\\') < 0) {
        int last = Math.max(pattern.lastIndexOf('*'), pattern.lastIndexOf('?'));
        suffix = pattern.substring(last + 1);
      }
      this.literalSuffix = suffix;
      String[] chunks = null;
      if (!literal && !bad && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0
          && pattern.indexOf('\\') < 0) {
        List<String> list = new ArrayList<>();
        int i = literalPrefix.length(); // at the first star
        while (i < pattern.length()) {
          while (i < pattern.length() && pattern.charAt(i) == '*') {
            i++; // consecutive stars are one star, as in path.Match
          }
          int next = pattern.indexOf('*', i);
          int end = next < 0 ? pattern.length() : next;
          list.add(pattern.substring(i, end));
          i = end;
        }
        chunks = list.toArray(new String[0]);
      }
      this.starChunks = chunks;
    }

    /** The glob's first path element in byte form if it has no meta character, else null. */
    String literalFirstElement() {
      int slash = pattern.indexOf('/');
      String first = slash < 0 ? pattern : pattern.substring(0, slash);
      return first.length() <= literalPrefix.length() ? first : null;
    }

    static Glob compile(String glob) {
      String bytes = toBytes(glob);
      int slashes = 0;
      int firstMeta = -1;
      for (int i = 0; i < bytes.length(); i++) {
        char c = bytes.charAt(i);
        if (c == '/') {
          slashes++;
        } else if ((c == '*' || c == '?' || c == '[' || c == '\\') && firstMeta < 0) {
          firstMeta = i;
        }
      }
      boolean literal = firstMeta < 0;
      boolean bad = !literal && !GoPathMatch.isValid(bytes);
      return new Glob(glob, bytes, slashes, literal, bad,
          literal ? bytes : bytes.substring(0, firstMeta));
    }

    /** Matches a target already in the right form (byte form when either side is non-ASCII). */
    boolean matches(String t) {
      if (literal) {
        int n = pattern.length();
        return t.startsWith(pattern) && (t.length() == n || t.charAt(n) == '/');
      }
      if (!t.startsWith(literalPrefix)) {
        return false;
      }
      int end = t.length();
      int need = slashes;
      for (int i = 0; i < t.length(); i++) {
        if (t.charAt(i) == '/') {
          if (need == 0) {
            end = i;
            break;
          }
          need--;
        }
      }
      if (need > 0) {
        return false;
      }
      // The last chunk must match at the very end of the cut path.
      int sl = literalSuffix.length();
      if (sl > 0 && (end - literalPrefix.length() < sl
          || !t.regionMatches(end - sl, literalSuffix, 0, sl))) {
        return false;
      }
      if (starChunks != null) {
        return matchStars(t, literalPrefix.length(), end);
      }
      return GoPathMatch.match(pattern, t, literalPrefix.length(), end);
    }

    /**
     * path.Match for a glob made of literal text and stars, on {@code t[s:end]} after the literal
     * prefix: each star is followed by a literal chunk, placed as path.Match places it (the
     * leftmost position the star can reach without crossing a {@code /}; the last chunk only at
     * the very end; a trailing star takes the rest if it has no {@code /}), compared with
     * regionMatches instead of character by character.
     */
    private boolean matchStars(String t, int s, int end) {
      String[] chunks = starChunks;
      for (int k = 0; k < chunks.length; k++) {
        String chunk = chunks[k];
        int len = chunk.length();
        int slash = t.indexOf('/', s);
        int reach = slash < 0 || slash > end ? end : slash; // the star ends at or before this
        if (k == chunks.length - 1) {
          if (len == 0) {
            return reach == end;
          }
          int j = end - len;
          return j >= s && j <= reach && t.regionMatches(j, chunk, 0, len);
        }
        int j = s;
        while (j <= reach && (j + len > end || !t.regionMatches(j, chunk, 0, len))) {
          j++;
        }
        if (j > reach) {
          return false;
        }
        s = j + len;
      }
      return s == end;
    }
  }

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  static String toBytes(String s) {
    if (isAscii(s)) {
      return s;
    }
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}
