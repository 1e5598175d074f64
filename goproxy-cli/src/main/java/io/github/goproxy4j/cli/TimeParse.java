package io.github.goproxy4j.cli;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * go's {@code time.Parse} with the one layout time.Time's JSON decoding gives it, RFC 3339
 * ({@code 2006-01-02T15:04:05Z07:00}; go1.19's UnmarshalJSON the layout in double quotes, over the
 * value's JSON text), for its error text: which values it takes and how its {@code ParseError}
 * words the ones it does not. Written for goproxy: {@code java.time} takes another set of values
 * (go's parse takes a one-digit hour, a comma before the fraction, any number of fraction digits,
 * offsets up to 24:60, and checks the day of the month only at the end) and has no account of
 * where go's layout walk stopped. Each element as go's parse loop reads it (go1.19, go1.21 and
 * go1.27 sources, time/format.go): a literal prefix, else {@code cannot parse "rest" as "elem"};
 * a field out of range is {@code month|hour|minute|second out of range} where it is read; the
 * offset's hour and minute (from go1.23: more than 24 or 60) {@code time zone offset hour|minute out of
 * range}; text after the layout {@code extra text: "rest"}; then {@code day out of range}. go1.19
 * reads the offset's fields with atoi (a sign taken) and names the text after them when they
 * fail, go1.21 on two digits each and names the offset's start.
 */
final class TimeParse {
  private TimeParse() {}

  /** time.RFC3339. */
  static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

  private static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /**
   * Parse's error for {@code value}.
   *
   * @param value the bytes go parses
   * @param quoted go1.19's layout in double quotes
   * @param minor the go release's minor version
   * @return the error's text, or empty when go parses the value
   */
  static Optional<String> error(byte[] value, boolean quoted, int minor) {
    return new Walk(value, quoted ? "\"" + RFC3339 + "\"" : RFC3339, minor).run(quoted);
  }

  /** One parse: the value's bytes and the index of what is left of them. */
  private static final class Walk {
    private final byte[] v;
    private final String layout;
    private final int minor;
    private int p;

    Walk(byte[] v, String layout, int minor) {
      this.v = v;
      this.layout = layout;
      this.minor = minor;
    }

    Optional<String> run(boolean quoted) {
      if (quoted && !skip('"')) {
        return cannot("\"", p);
      }
      int hold = p;
      // stdLongYear: four bytes, the first a digit, atoi of them (a sign only at the first)
      if (v.length - p < 4 || !allDigits(p, 4)) {
        return cannot("2006", hold);
      }
      int year = num(p, 4);
      p += 4;
      if (!skip('-')) {
        return cannot("-", p);
      }
      hold = p;
      if (!digit(p) || !digit(p + 1)) {
        return cannot("01", hold);
      }
      int month = num(p, 2);
      p += 2;
      if (month <= 0 || month > 12) {
        return range("month");
      }
      if (!skip('-')) {
        return cannot("-", p);
      }
      hold = p;
      if (!digit(p) || !digit(p + 1)) {
        return cannot("02", hold);
      }
      int day = num(p, 2);
      p += 2;
      if (!skip('T')) {
        return cannot("T", p);
      }
      hold = p;
      if (!digit(p)) { // stdHour: one or two digits
        return cannot("15", hold);
      }
      int n = digit(p + 1) ? 2 : 1;
      int hour = num(p, n);
      p += n;
      if (hour >= 24) {
        return range("hour");
      }
      if (!skip(':')) {
        return cannot(":", p);
      }
      hold = p;
      if (!digit(p) || !digit(p + 1)) {
        return cannot("04", hold);
      }
      int min = num(p, 2);
      p += 2;
      if (min >= 60) {
        return range("minute");
      }
      if (!skip(':')) {
        return cannot(":", p);
      }
      hold = p;
      if (!digit(p) || !digit(p + 1)) {
        return cannot("05", hold);
      }
      int sec = num(p, 2);
      p += 2;
      if (sec >= 60) {
        return range("second");
      }
      // a fraction the layout does not name: '.' or ',' and any number of digits
      if (v.length - p >= 2 && (v[p] == '.' || v[p] == ',') && digit(p + 1)) {
        int k = p + 2;
        while (digit(k)) {
          k++;
        }
        p = k;
      }
      Optional<String> zone = zone();
      if (zone != null) {
        return zone;
      }
      if (quoted && !skip('"')) {
        return cannot("\"", p);
      }
      if (p < v.length) {
        return message(": extra text: " + quote(v, p, v.length));
      }
      int days = month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : DAYS[month - 1];
      if (day < 1 || day > days) {
        return message(": day out of range");
      }
      return Optional.empty();
    }

    /** stdISO8601ColonTZ: {@code Z}, or a sign, two bytes, ':' and two bytes; null when it parses. */
    private Optional<String> zone() {
      int hold = p;
      if (p < v.length && v[p] == 'Z') {
        p++;
        return null;
      }
      if (v.length - p < 6 || v[p + 3] != ':') {
        return cannot("Z07:00", hold);
      }
      byte sign = v[p];
      int hourAt = p + 1;
      int minAt = p + 4;
      p += 6;
      boolean ok;
      int hr = 0;
      int mm = 0;
      if (minor < 21) {
        // atoi: an optional sign, then digits only
        Integer h = atoi(hourAt, 2);
        Integer m = h == null ? null : atoi(minAt, 2);
        ok = h != null && m != null;
      } else {
        ok = digit(hourAt) && digit(hourAt + 1);
        if (ok) {
          hr = num(hourAt, 2);
          ok = digit(minAt) && digit(minAt + 1);
          if (ok) {
            mm = num(minAt, 2);
          }
        }
      }
      if (minor >= 23) {
        // go1.23's range test (more than 24 hours, 60 minutes) comes before the sign's
        if (hr > 24) {
          return range("time zone offset hour");
        }
        if (mm > 60) {
          return range("time zone offset minute");
        }
      }
      if (!ok || (sign != '+' && sign != '-')) {
        return cannot("Z07:00", minor < 21 ? p : hold); // go1.19 names what follows the offset
      }
      return null;
    }

    /** go's atoi of {@code len} (two) bytes: an optional sign, then digits only; null when it fails. */
    private Integer atoi(int at, int len) {
      int i = at;
      int end = at + len;
      boolean neg = false;
      if (v[i] == '+' || v[i] == '-') {
        neg = v[i] == '-';
        i++;
      }
      int x = 0;
      for (; i < end; i++) {
        if (!digit(i)) {
          return null;
        }
        x = x * 10 + (v[i] - '0');
      }
      return neg ? -x : x;
    }

    private boolean skip(char c) {
      if (p >= v.length || v[p] != c) {
        return false;
      }
      p++;
      return true;
    }

    private boolean digit(int i) {
      return i < v.length && v[i] >= '0' && v[i] <= '9';
    }

    private boolean allDigits(int at, int len) {
      for (int i = at; i < at + len; i++) {
        if (!digit(i)) {
          return false;
        }
      }
      return true;
    }

    private int num(int at, int len) {
      int x = 0;
      for (int i = at; i < at + len; i++) {
        x = x * 10 + (v[i] - '0');
      }
      return x;
    }

    private Optional<String> cannot(String elem, int at) {
      return Optional.of("parsing time " + quote(v, 0, v.length) + " as " + quote(layout) + ": cannot parse "
          + quote(v, at, v.length) + " as " + quote(elem));
    }

    private Optional<String> range(String what) {
      return message(": " + what + " out of range");
    }

    private Optional<String> message(String message) {
      return Optional.of("parsing time " + quote(v, 0, v.length) + message);
    }
  }

  private static String quote(String ascii) {
    byte[] b = ascii.getBytes(StandardCharsets.UTF_8);
    return quote(b, 0, b.length);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * time's own quote (not strconv's): each byte of a character outside printable ASCII as
   * {@code \xNN}, {@code "} and {@code \} after a backslash.
   */
  static String quote(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from + 2).append('"');
    for (int i = from; i < to; i++) {
      int c = b[i] & 0xFF;
      if (c >= 0x80 || c < ' ') {
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      } else {
        if (c == '"' || c == '\\') {
          sb.append('\\');
        }
        sb.append((char) c);
      }
    }
    return sb.append('"').toString();
  }
}
