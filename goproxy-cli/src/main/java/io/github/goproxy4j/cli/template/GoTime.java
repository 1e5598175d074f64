package io.github.goproxy4j.cli.template;

import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Go's {@code time.Time.Format} for a module's time ({@code {{.Time.Format "2006-01-02"}}}): go's
 * layout elements (2006 06 01 1 Jan January 02 2 _2 002 __2 15 03 3 04 4 05 5 PM pm Mon Monday
 * MST -0700 -07:00 -07 Z0700 Z07:00 Z07 and the seconds forms, .000 .999 ,000 ,999), every other
 * byte as it is. java.time's formatter has another layout language, so it cannot read go's. The
 * zone's name is {@code UTC} for a zero offset (go parses a {@code Z} time as UTC) and empty
 * otherwise (go's fixed zone for an offset that is not the local zone's).
 */
final class GoTime {
  private GoTime() {}

  /**
   * time.Time's GoString ({@code %#v}): {@code time.Date(2023, time.April, 5, 6, 7, 8, 123400000,
   * time.UTC)}, the zone as {@link #format} names it ({@code time.UTC} for a zero offset, go's
   * unnamed fixed zone {@code time.Location("")} otherwise), or {@code location} where given
   * ({@code time.Local}).
   *
   * @param location go's Go syntax for the time's location, or null: by the offset
   */
  static String goString(OffsetDateTime t, String location) {
    String loc = location != null ? location : t.getOffset().getTotalSeconds() == 0 ? "time.UTC" : "time.Location(\"\")";
    return "time.Date(" + t.getYear() + ", time." + t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", "
        + t.getDayOfMonth() + ", " + t.getHour() + ", " + t.getMinute() + ", " + t.getSecond() + ", " + t.getNano()
        + ", " + loc + ")";
  }

  /** time.Time.Format of {@code t} with go's {@code layout}, its zone named as the offset gives ({@code UTC} for zero). */
  static String format(OffsetDateTime t, String layout) {
    return format(t, layout, t.getOffset().getTotalSeconds() == 0 ? "UTC" : "");
  }

  /** time.Time.Format of {@code t} with go's {@code layout}, its zone named {@code name} ({@code ""}: none). */
  static String format(OffsetDateTime t, String layout, String name) {
    StringBuilder b = new StringBuilder();
    int off = t.getOffset().getTotalSeconds();
    int i = 0;
    int start = 0;
    while (i < layout.length()) {
      int[] std = std(layout, i); // {length consumed, code, frac digits, separator}
      if (std == null) {
        i++;
        continue;
      }
      b.append(layout, start, i + (std[1] == LONG_YEAR_UNDERSCORE ? 1 : 0));
      i += std[0];
      start = i;
      element(b, t, std, off, name);
    }
    b.append(layout, start, layout.length());
    return b.toString();
  }

  private static final int LONG_MONTH = 1;
  private static final int MONTH = 2;
  private static final int NUM_MONTH = 3;
  private static final int ZERO_MONTH = 4;
  private static final int LONG_WEEKDAY = 5;
  private static final int WEEKDAY = 6;
  private static final int DAY = 7;
  private static final int UNDER_DAY = 8;
  private static final int ZERO_DAY = 9;
  private static final int UNDER_YEARDAY = 10;
  private static final int ZERO_YEARDAY = 11;
  private static final int HOUR = 12;
  private static final int HOUR12 = 13;
  private static final int ZERO_HOUR12 = 14;
  private static final int MINUTE = 15;
  private static final int ZERO_MINUTE = 16;
  private static final int SECOND = 17;
  private static final int ZERO_SECOND = 18;
  private static final int LONG_YEAR = 19;
  private static final int LONG_YEAR_UNDERSCORE = 20;
  private static final int YEAR = 21;
  private static final int PM_UPPER = 22;
  private static final int PM_LOWER = 23;
  private static final int TZ = 24;
  private static final int ISO_SECONDS = 25;
  private static final int ISO_COLON_SECONDS = 26;
  private static final int ISO = 27;
  private static final int ISO_COLON = 28;
  private static final int ISO_SHORT = 29;
  private static final int NUM_SECONDS = 30;
  private static final int NUM_COLON_SECONDS = 31;
  private static final int NUM = 32;
  private static final int NUM_COLON = 33;
  private static final int NUM_SHORT = 34;
  private static final int FRAC0 = 35;
  private static final int FRAC9 = 36;

  private static boolean at(String s, int i, String what) {
    return s.startsWith(what, i);
  }

  private static boolean startsWithLowerCase(String s, int i) {
    return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
  }

  /** go's nextStdChunk at {@code i}: the element there, or null for a literal byte. */
  private static int[] std(String l, int i) {
    char c = l.charAt(i);
    switch (c) {
      case 'J':
        if (at(l, i, "Jan")) {
          if (at(l, i, "January")) {
            return new int[] {7, LONG_MONTH};
          }
          if (!startsWithLowerCase(l, i + 3)) {
            return new int[] {3, MONTH};
          }
        }
        return null;
      case 'M':
        if (at(l, i, "Mon")) {
          if (at(l, i, "Monday")) {
            return new int[] {6, LONG_WEEKDAY};
          }
          if (!startsWithLowerCase(l, i + 3)) {
            return new int[] {3, WEEKDAY};
          }
        }
        if (at(l, i, "MST")) {
          return new int[] {3, TZ};
        }
        return null;
      case '0':
        if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
          int[] zero = {ZERO_MONTH, ZERO_DAY, ZERO_HOUR12, ZERO_MINUTE, ZERO_SECOND, YEAR};
          return new int[] {2, zero[l.charAt(i + 1) - '1']};
        }
        if (at(l, i, "002")) {
          return new int[] {3, ZERO_YEARDAY};
        }
        return null;
      case '1':
        if (at(l, i, "15")) {
          return new int[] {2, HOUR};
        }
        return new int[] {1, NUM_MONTH};
      case '2':
        if (at(l, i, "2006")) {
          return new int[] {4, LONG_YEAR};
        }
        return new int[] {1, DAY};
      case '_':
        if (at(l, i, "_2")) {
          if (at(l, i, "_2006")) {
            return new int[] {5, LONG_YEAR_UNDERSCORE}; // a literal _ then the year
          }
          return new int[] {2, UNDER_DAY};
        }
        if (at(l, i, "__2")) {
          return new int[] {3, UNDER_YEARDAY};
        }
        return null;
      case '3':
        return new int[] {1, HOUR12};
      case '4':
        return new int[] {1, MINUTE};
      case '5':
        return new int[] {1, SECOND};
      case 'P':
        return at(l, i, "PM") ? new int[] {2, PM_UPPER} : null;
      case 'p':
        return at(l, i, "pm") ? new int[] {2, PM_LOWER} : null;
      case '-':
        if (at(l, i, "-070000")) {
          return new int[] {7, NUM_SECONDS};
        }
        if (at(l, i, "-07:00:00")) {
          return new int[] {9, NUM_COLON_SECONDS};
        }
        if (at(l, i, "-0700")) {
          return new int[] {5, NUM};
        }
        if (at(l, i, "-07:00")) {
          return new int[] {6, NUM_COLON};
        }
        if (at(l, i, "-07")) {
          return new int[] {3, NUM_SHORT};
        }
        return null;
      case 'Z':
        if (at(l, i, "Z070000")) {
          return new int[] {7, ISO_SECONDS};
        }
        if (at(l, i, "Z07:00:00")) {
          return new int[] {9, ISO_COLON_SECONDS};
        }
        if (at(l, i, "Z0700")) {
          return new int[] {5, ISO};
        }
        if (at(l, i, "Z07:00")) {
          return new int[] {6, ISO_COLON};
        }
        if (at(l, i, "Z07")) {
          return new int[] {3, ISO_SHORT};
        }
        return null;
      case '.': case ',':
        if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
          char ch = l.charAt(i + 1);
          int j = i + 1;
          while (j < l.length() && l.charAt(j) == ch) {
            j++;
          }
          if (!(j < l.length() && l.charAt(j) >= '0' && l.charAt(j) <= '9')) {
            return new int[] {j - i, ch == '0' ? FRAC0 : FRAC9, j - (i + 1), c};
          }
        }
        return null;
      default:
        return null;
    }
  }

  private static void appendInt(StringBuilder b, long x, int width) {
    if (x < 0) {
      b.append('-');
      x = -x;
    }
    String s = Long.toString(x);
    for (int k = s.length(); k < width; k++) {
      b.append('0');
    }
    b.append(s);
  }

  private static void element(StringBuilder b, OffsetDateTime t, int[] std, int off, String name) {
    int hour = t.getHour();
    switch (std[1]) {
      case YEAR: appendInt(b, Math.abs(t.getYear()) % 100, 2); break;
      case LONG_YEAR: case LONG_YEAR_UNDERSCORE: appendInt(b, t.getYear(), 4); break;
      case MONTH: b.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), 0, 3); break;
      case LONG_MONTH: b.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)); break;
      case NUM_MONTH: appendInt(b, t.getMonthValue(), 0); break;
      case ZERO_MONTH: appendInt(b, t.getMonthValue(), 2); break;
      case WEEKDAY: b.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), 0, 3); break;
      case LONG_WEEKDAY: b.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)); break;
      case DAY: appendInt(b, t.getDayOfMonth(), 0); break;
      case UNDER_DAY:
        if (t.getDayOfMonth() < 10) {
          b.append(' ');
        }
        appendInt(b, t.getDayOfMonth(), 0);
        break;
      case ZERO_DAY: appendInt(b, t.getDayOfMonth(), 2); break;
      case UNDER_YEARDAY:
        if (t.getDayOfYear() < 100) {
          b.append(t.getDayOfYear() < 10 ? "  " : " ");
        }
        appendInt(b, t.getDayOfYear(), 0);
        break;
      case ZERO_YEARDAY: appendInt(b, t.getDayOfYear(), 3); break;
      case HOUR: appendInt(b, hour, 2); break;
      case HOUR12: appendInt(b, hour % 12 == 0 ? 12 : hour % 12, 0); break;
      case ZERO_HOUR12: appendInt(b, hour % 12 == 0 ? 12 : hour % 12, 2); break;
      case MINUTE: appendInt(b, t.getMinute(), 0); break;
      case ZERO_MINUTE: appendInt(b, t.getMinute(), 2); break;
      case SECOND: appendInt(b, t.getSecond(), 0); break;
      case ZERO_SECOND: appendInt(b, t.getSecond(), 2); break;
      case PM_UPPER: b.append(hour >= 12 ? "PM" : "AM"); break;
      case PM_LOWER: b.append(hour >= 12 ? "pm" : "am"); break;
      case TZ:
        if (!name.isEmpty()) {
          b.append(name);
        } else {
          int zone = off / 60;
          b.append(zone < 0 ? '-' : '+');
          appendInt(b, Math.abs(zone) / 60, 2);
          appendInt(b, Math.abs(zone) % 60, 2);
        }
        break;
      case FRAC0: case FRAC9: {
        int n = std[2];
        int nano = t.getNano();
        boolean trim = std[1] == FRAC9;
        if (trim && (n == 0 || nano == 0)) {
          break;
        }
        StringBuilder f = new StringBuilder().append((char) std[3]);
        appendInt(f, nano, 9);
        if (n < 9) {
          f.setLength(f.length() - 9 + n);
        }
        if (trim) {
          while (f.length() > 0 && f.charAt(f.length() - 1) == '0') {
            f.setLength(f.length() - 1);
          }
          if (f.length() > 0 && f.charAt(f.length() - 1) == std[3]) {
            f.setLength(f.length() - 1);
          }
        }
        b.append(f);
        break;
      }
      default: {
        boolean iso = std[1] >= ISO_SECONDS && std[1] <= ISO_SHORT;
        if (off == 0 && iso) {
          b.append('Z');
          break;
        }
        int zone = off / 60;
        int abs = Math.abs(off);
        b.append(zone < 0 ? '-' : '+');
        zone = Math.abs(zone);
        appendInt(b, zone / 60, 2);
        boolean colon = std[1] == ISO_COLON || std[1] == NUM_COLON || std[1] == ISO_COLON_SECONDS
            || std[1] == NUM_COLON_SECONDS;
        if (colon) {
          b.append(':');
        }
        if (std[1] != NUM_SHORT && std[1] != ISO_SHORT) {
          appendInt(b, zone % 60, 2);
        }
        if (std[1] == ISO_SECONDS || std[1] == NUM_SECONDS || std[1] == NUM_COLON_SECONDS
            || std[1] == ISO_COLON_SECONDS) {
          if (std[1] == NUM_COLON_SECONDS || std[1] == ISO_COLON_SECONDS) {
            b.append(':');
          }
          appendInt(b, abs % 60, 2);
        }
      }
    }
  }
}
