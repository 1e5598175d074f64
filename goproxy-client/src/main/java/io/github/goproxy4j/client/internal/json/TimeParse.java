package io.github.goproxy4j.client.internal.json;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * fail (after the year's four bytes too), go1.21 on two digits each and names the field's start. One home for the client's
 * {@code .info} decoding ({@code InfoJson}) and the CLI's {@code -reuse} files ({@code ReuseFile}).
 */
public final class TimeParse {
  private TimeParse() {}

  /** time.RFC3339. */
  public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

  private static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /**
   * Parse's error for {@code value}.
   *
   * @param value the bytes go parses
   * @param quoted go1.19's layout in double quotes
   * @param minor the go release's minor version
   * @return the error's text, or empty when go parses the value
   */
  public static Optional<String> error(byte[] value, boolean quoted, int minor) {
    return new Walk(value, quoted ? "\"" + RFC3339 + "\"" : RFC3339, minor).run(quoted);
  }

  /**
   * The time go's parse makes of {@code value} (the decoded string, no quotes), for the values
   * java.time's RFC 3339 does not read and go takes: a one-digit hour, a comma before the
   * fraction, more than nine fraction digits (go keeps nine, truncated). A zero offset is UTC.
   *
   * @param value the bytes go parses
   * @param minor the go release's minor version
   * @return the time; empty when go rejects the value ({@link #error}) or its offset is beyond
   *     java.time's ±18:00 (go takes up to 24:60 and keeps it as a fixed zone)
   */
  public static Optional<OffsetDateTime> value(byte[] value, int minor) {
    Walk w = new Walk(value, RFC3339, minor);
    if (w.run(false).isPresent()) {
      return Optional.empty();
    }
    try {
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(w.offset);
      OffsetDateTime t = OffsetDateTime.of(w.year, w.month, w.day, w.hour, w.min, w.sec, w.nanos, offset);
      return Optional.of(w.offset == 0 ? t.withOffsetSameInstant(ZoneOffset.UTC) : t);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** One parse: the value's bytes and the index of what is left of them. */
  private static final class Walk {
    private final byte[] v;
    private final String layout;
    private final int minor;
    private int p;
    /** The fields read, once {@link #run} found no error; the offset in seconds. */
    int year;
    int month;
    int day;
    int hour;
    int min;
    int sec;
    int nanos;
    int offset;

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
      // stdLongYear: four bytes, the first a digit, atoi of them (a sign only at the first);
      // go1.19 names what follows the four bytes when atoi fails (go1.21 the field's start)
      if (v.length - p < 4 || !digit(p)) {
        return cannot("2006", hold);
      }
      if (!allDigits(p, 4)) {
        return cannot("2006", minor < 21 ? p + 4 : hold);
      }
      year = num(p, 4);
      p += 4;
      if (!skip('-')) {
        return cannot("-", p);
      }
      hold = p;
      if (!digit(p) || !digit(p + 1)) {
        return cannot("01", hold);
      }
      month = num(p, 2);
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
      day = num(p, 2);
      p += 2;
      if (!skip('T')) {
        return cannot("T", p);
      }
      hold = p;
      if (!digit(p)) { // stdHour: one or two digits
        return cannot("15", hold);
      }
      int n = digit(p + 1) ? 2 : 1;
      hour = num(p, n);
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
      min = num(p, 2);
      p += 2;
      if (min >= 60) {
        return range("minute");
      }
      if (!skip(':')) {
        return cannot(":", p);
      }
      hold = p;
      if (!digit(p) || !digit(p + 1)) {
        // go1.19 goes on to the fraction after a seconds field that failed, and a fraction there
        // drops the field's error (the seconds are 0)
        if (minor >= 21 || !fraction()) {
          return cannot("05", hold);
        }
      } else {
        sec = num(p, 2);
        p += 2;
        if (sec >= 60) {
          return range("second");
        }
      }
      // a fraction the layout does not name: '.' or ',' and any number of digits
      if (fraction()) {
        int k = p + 1;
        int scale = 100_000_000;
        for (; digit(k); k++) {
          nanos += (v[k] - '0') * scale; // go's parseNanoseconds keeps nine digits
          scale /= 10;
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
      if (minor < 21) {
        hr = atoi(hourAt, 2);
        mm = atoi(minAt, 2);
      }
      offset = (hr * 60 + mm) * 60 * (sign == '-' ? -1 : 1);
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

    /** Whether a fraction begins here: '.' or ',' and a digit. */
    private boolean fraction() {
      return v.length - p >= 2 && (v[p] == '.' || v[p] == ',') && digit(p + 1);
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
   *
   * @param b the bytes
   * @param from the first byte quoted
   * @param to the end of the bytes quoted
   * @return the quoted text
   */
  public static String quote(byte[] b, int from, int to) {
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
