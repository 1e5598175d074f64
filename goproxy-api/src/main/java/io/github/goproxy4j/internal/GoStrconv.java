package io.github.goproxy4j.internal;

import java.util.Optional;

/**
 * Go's {@code strconv} parsing where go's flags and settings need its exact rules. Exported only to
 * the other goproxy4j modules; not API.
 */
public final class GoStrconv {
  private GoStrconv() {}

  /**
   * Go's {@code strconv.ParseBool}: {@code 1 t T TRUE true True} and {@code 0 f F FALSE false False},
   * nothing else (the flag package's boolean values and GOFLAGS's).
   *
   * <pre>{@code
   * GoStrconv.parseBool("T");    // Optional[true]
   * GoStrconv.parseBool("yes");  // Optional.empty: go's "parse error"
   * }</pre>
   *
   * @param s the text
   * @return the value, or empty where go's fails
   */
  public static Optional<Boolean> parseBool(String s) {
    switch (s) {
      case "1": case "t": case "T": case "TRUE": case "true": case "True":
        return Optional.of(Boolean.TRUE);
      case "0": case "f": case "F": case "FALSE": case "false": case "False":
        return Optional.of(Boolean.FALSE);
      default:
        return Optional.empty();
    }
  }

  /**
   * Go's {@code strconv.ParseInt(s, 0, 64)}, as the flag package parses an int flag's value:
   * an optional sign, then a decimal number, or one with a {@code 0x}, {@code 0o}, {@code 0b} or
   * bare {@code 0} (octal) prefix, with underscores between digits as in Go's literals.
   *
   * <pre>{@code
   * GoStrconv.parseInt("0x1_0");   // 16
   * GoStrconv.parseInt("x");       // IllegalArgumentException("parse error")
   * GoStrconv.parseInt("9".repeat(20));  // IllegalArgumentException("value out of range")
   * }</pre>
   *
   * @param s the text
   * @return the value
   * @throws IllegalArgumentException with the flag package's words for strconv's error:
   *     {@code parse error} (ErrSyntax) or {@code value out of range} (ErrRange)
   */
  public static long parseInt(String s) {
    String t = s;
    boolean negative = false;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      negative = t.charAt(0) == '-';
      t = t.substring(1);
    }
    int base = 10;
    int i = 0;
    if (t.length() >= 2 && t.charAt(0) == '0') {
      char p = Character.toLowerCase(t.charAt(1));
      base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 8;
      i = p == 'x' || p == 'o' || p == 'b' ? 2 : 1;
    }
    if (i >= t.length() && !(base == 8 && i == 1)) {
      throw new IllegalArgumentException("parse error");
    }
    // ParseUint's loop: the magnitude, at most 2^63 for a negative number and 2^63-1 else
    java.math.BigInteger limit = java.math.BigInteger.ONE.shiftLeft(63);
    if (!negative) {
      limit = limit.subtract(java.math.BigInteger.ONE);
    }
    java.math.BigInteger n = java.math.BigInteger.ZERO;
    java.math.BigInteger b = java.math.BigInteger.valueOf(base);
    java.math.BigInteger uintMax = java.math.BigInteger.ONE.shiftLeft(64);
    boolean underscores = false;
    for (; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '_') {
        underscores = true;
        continue;
      }
      int d = Character.digit(c, 36);
      if (d < 0 || d >= base || c > 'z') {
        throw new IllegalArgumentException("parse error");
      }
      n = n.multiply(b).add(java.math.BigInteger.valueOf(d));
      if (n.compareTo(uintMax) >= 0) {
        throw new IllegalArgumentException("value out of range");
      }
    }
    if (underscores && !underscoreOk(s)) {
      throw new IllegalArgumentException("parse error");
    }
    if (n.compareTo(limit) > 0) {
      throw new IllegalArgumentException("value out of range");
    }
    return negative ? n.negate().longValue() : n.longValue();
  }

  /**
   * strconv's underscoreOK: each underscore between two digits (a base prefix counts as one), a
   * leading sign allowed. For the callers that parse Go number literals with underscores
   * ({@link #parseInt}, the CLI's template numbers).
   *
   * @param s the literal, with its sign and base prefix
   * @return whether its underscores are where Go allows them
   */
  public static boolean underscoreOk(String s) {
    char saw = '^';
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      s = s.substring(1);
    }
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char p = Character.toLowerCase(s.charAt(1));
      if (p == 'b' || p == 'o' || p == 'x') {
        i = 2;
        saw = '0';
        hex = p == 'x';
      }
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char l = Character.toLowerCase(c);
      if (c >= '0' && c <= '9' || hex && l >= 'a' && l <= 'f') {
        saw = '0';
        continue;
      }
      if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
        continue;
      }
      if (saw == '_') {
        return false;
      }
      saw = '!';
    }
    return saw != '_';
  }
}
