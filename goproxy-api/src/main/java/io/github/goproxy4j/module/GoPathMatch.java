package io.github.goproxy4j.module;

/**
 * Go's {@code path.Match} written fresh in Java, over "byte strings" (one char per UTF-8 byte)
 * so that results agree with Go byte for byte, including for non-ASCII input.
 */
final class GoPathMatch {
  private GoPathMatch() {}

  private static final int RUNE_ERROR = 0xFFFD;
  /** Marks a syntax error from matchChunk. */
  private static final int BAD = -2;
  /** Marks "chunk did not match". */
  private static final int NO = -1;

  /** Whether path.Match would never report ErrBadPattern for this pattern. */
  static boolean isValid(String pattern) {
    int p = 0;
    int n = pattern.length();
    while (p < n) {
      while (p < n && pattern.charAt(p) == '*') {
        p++;
      }
      int chunkEnd = scanChunkEnd(pattern, p);
      if (matchChunk(pattern, p, chunkEnd, "", 0, 0, false) == BAD) {
        return false;
      }
      p = chunkEnd;
    }
    return true;
  }

  /**
   * Go's path.Match(pattern, name[0:nameEnd]) for a pattern known to be valid.
   */
  static boolean match(String pattern, String name, int nameEnd) {
    return match(pattern, name, 0, nameEnd);
  }

  /**
   * path.Match(pattern, name[0:nameEnd]) for a valid pattern whose first {@code from} characters
   * are literal (no meta character) and already known to equal {@code name}'s: matching resumes
   * there, which is the same as matching from the start because path.Match compares a chunk's
   * literal characters one after another.
   */
  static boolean match(String pattern, String name, int from, int nameEnd) {
    int p = from;
    int pn = pattern.length();
    int s = from;
    outer:
    while (p < pn) {
      boolean star = false;
      while (p < pn && pattern.charAt(p) == '*') {
        p++;
        star = true;
      }
      int chunkStart = p;
      int chunkEnd = scanChunkEnd(pattern, p);
      p = chunkEnd;
      if (star && chunkStart == chunkEnd) {
        // Trailing * matches the rest unless it has a '/'.
        for (int i = s; i < nameEnd; i++) {
          if (name.charAt(i) == '/') {
            return false;
          }
        }
        return true;
      }
      int t = matchChunk(pattern, chunkStart, chunkEnd, name, s, nameEnd, true);
      if (t >= 0 && (t == nameEnd || p < pn)) {
        s = t;
        continue;
      }
      if (t == BAD) {
        return false;
      }
      if (star) {
        for (int i = s; i < nameEnd && name.charAt(i) != '/'; i++) {
          int t2 = matchChunk(pattern, chunkStart, chunkEnd, name, i + 1, nameEnd, true);
          if (t2 >= 0) {
            if (p == pn && t2 < nameEnd) {
              continue;
            }
            s = t2;
            continue outer;
          }
          if (t2 == BAD) {
            return false;
          }
        }
      }
      return false;
    }
    return s == nameEnd;
  }

  private static int scanChunkEnd(String pattern, int start) {
    boolean inrange = false;
    int i;
    for (i = start; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 < pattern.length()) {
          i++;
        }
      } else if (c == '[') {
        inrange = true;
      } else if (c == ']') {
        inrange = false;
      } else if (c == '*' && !inrange) {
        break;
      }
    }
    return i;
  }

  /**
   * Go's matchChunk: returns the index in s after the match, NO, or BAD (syntax error).
   */
  private static int matchChunk(String chunk, int c, int ce, String str, int s, int se, boolean valid) {
    boolean failed = false;
    while (c < ce) {
      if (failed && valid) {
        // The pattern is known to be well-formed: nothing left to check.
        return NO;
      }
      if (!failed && s >= se) {
        failed = true;
      }
      char ch = chunk.charAt(c);
      if (ch == '[') {
        int r = 0;
        if (!failed) {
          long dr = decodeRune(str, s, se);
          r = (int) (dr >> 32);
          s += (int) dr;
        }
        c++;
        boolean negated = false;
        if (c < ce && chunk.charAt(c) == '^') {
          negated = true;
          c++;
        }
        boolean match = false;
        int nrange = 0;
        while (true) {
          if (c < ce && chunk.charAt(c) == ']' && nrange > 0) {
            c++;
            break;
          }
          long lo = getEsc(chunk, c, ce);
          if (lo < 0) {
            return BAD;
          }
          int loRune = (int) (lo >> 32);
          c = (int) lo;
          int hiRune = loRune;
          if (chunk.charAt(c) == '-') {
            long hi = getEsc(chunk, c + 1, ce);
            if (hi < 0) {
              return BAD;
            }
            hiRune = (int) (hi >> 32);
            c = (int) hi;
          }
          if (loRune <= r && r <= hiRune) {
            match = true;
          }
          nrange++;
        }
        if (match == negated) {
          failed = true;
        }
      } else if (ch == '?') {
        if (!failed) {
          if (str.charAt(s) == '/') {
            failed = true;
          }
          s += (int) decodeRune(str, s, se);
        }
        c++;
      } else {
        if (ch == '\\') {
          c++;
          if (c >= ce) {
            return BAD;
          }
          ch = chunk.charAt(c);
        }
        if (!failed) {
          if (ch != str.charAt(s)) {
            failed = true;
          }
          s++;
        }
        c++;
      }
    }
    return failed ? NO : s;
  }

  /* getEsc: returns (rune shifted left 32, or-ed with the next index), or -1 on a syntax error. */
  private static long getEsc(String chunk, int c, int ce) {
    if (c >= ce || chunk.charAt(c) == '-' || chunk.charAt(c) == ']') {
      return -1;
    }
    if (chunk.charAt(c) == '\\') {
      c++;
      if (c >= ce) {
        return -1;
      }
    }
    long dr = decodeRune(chunk, c, ce);
    int r = (int) (dr >> 32);
    int n = (int) dr;
    boolean err = r == RUNE_ERROR && n == 1;
    int next = c + n;
    if (next >= ce) {
      err = true;
    }
    return err ? -1 : ((long) r << 32) | next;
  }

  /* utf8.DecodeRuneInString over a byte string: returns (rune shifted left 32, or-ed with the width). */
  static long decodeRune(String s, int i, int end) {
    if (i >= end) {
      return ((long) RUNE_ERROR << 32);
    }
    int b0 = s.charAt(i) & 0xFF;
    if (b0 < 0x80) {
      return ((long) b0 << 32) | 1;
    }
    int need;
    int min;
    int r;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      need = 1;
      min = 0x80;
      r = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      need = 2;
      min = 0x800;
      r = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      need = 3;
      min = 0x10000;
      r = b0 & 0x07;
    } else {
      return ((long) RUNE_ERROR << 32) | 1;
    }
    if (i + need >= end) {
      // Not enough bytes: Go checks each continuation byte as it goes; a short sequence is
      // always RuneError of width 1.
      return ((long) RUNE_ERROR << 32) | 1;
    }
    for (int k = 1; k <= need; k++) {
      int b = s.charAt(i + k) & 0xFF;
      if ((b & 0xC0) != 0x80) {
        return ((long) RUNE_ERROR << 32) | 1;
      }
      r = (r << 6) | (b & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
      return ((long) RUNE_ERROR << 32) | 1;
    }
    return ((long) r << 32) | (need + 1);
  }
}
