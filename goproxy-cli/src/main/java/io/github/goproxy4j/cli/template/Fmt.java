package io.github.goproxy4j.cli.template;

import io.github.goproxy4j.cli.template.GoValue.Kind;
import io.github.goproxy4j.internal.GoQuote;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Go's fmt for the values a {@code go list -m} template prints (print, printf, println and an
 * action's value): the verbs {@code %v %s %q %d %t %x %X %c %o %b %T %f %e %g}, flags, width and
 * precision, Stringers ({@code *modinfo.ModulePublic}, time), structs, slices, nil pointers
 * ({@code <nil>}) and fmt's error forms ({@code %!d(string=x)}, {@code %!s(MISSING)},
 * {@code %!(EXTRA ...)}, {@code %!(BADINDEX)}, {@code %!(BADWIDTH)}, {@code %!(BADPREC)}),
 * explicit argument indexes ({@code %[2]s}), {@code *} widths and precisions, and {@code %#v}'s Go
 * syntax ({@code "x"}, {@code []string{"a"}}, {@code []string(nil)}, {@code (*modinfo.ModulePublic)(nil)},
 * {@code &modinfo.ModuleError{Err:"x"}}, time.Time's {@code time.Date(...)}), a bad verb's pointer
 * ({@code %!w(*modinfo.ModulePublic=&{./r ...})}). A non-nil pointer printed as an address
 * ({@code %p}, one inside a struct or inside a bad verb's value) is refused
 * ({@link Template.Unsupported}): go prints where the value lies in its memory, which goproxy cannot know.
 */
final class Fmt {
  private Fmt() {}

  /** strconv.Quote. */
  static String quote(String s) {
    return GoQuote.quote(s);
  }

  /** {@code %#U}: {@code U+0029 ')'}. */
  static String unicodeFormat(int r) {
    String u = String.format("U+%04X", r);
    if (io.github.goproxy4j.internal.GoUnicode.isPrint(r)) {
      u += " '" + new String(Character.toChars(r)) + "'";
    }
    return u;
  }

  /** fmt.Sprint. */
  static String sprint(List<GoValue> args) {
    StringBuilder b = new StringBuilder();
    boolean prevString = false;
    for (int i = 0; i < args.size(); i++) {
      GoValue a = args.get(i);
      boolean isString = a != null && a.kind() == Kind.STRING;
      if (i > 0 && !isString && !prevString) {
        b.append(' ');
      }
      printArg(b, new Flags(), a, 'v');
      prevString = isString;
    }
    return b.toString();
  }

  /** fmt.Sprintln. */
  static String sprintln(List<GoValue> args) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        b.append(' ');
      }
      printArg(b, new Flags(), args.get(i), 'v');
    }
    return b.append('\n').toString();
  }

  /** fmt's bound on a width, precision or argument index (tooLarge): past it the number is not one. */
  private static final int TOO_LARGE = 1_000_000;

  /**
   * fmt's parsenum: the decimal number at {@code start} ({@code [num, isNum, next]}); one growing
   * past {@link #TOO_LARGE} is no number and ends the format ({@code next} its end).
   */
  private static int[] parseNum(String s, int start, int end) {
    if (start >= end) {
      return new int[] {0, 0, end};
    }
    int num = 0;
    boolean isNum = false;
    int i = start;
    for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
      if (num > TOO_LARGE || num < -TOO_LARGE) {
        return new int[] {0, 0, end};
      }
      num = num * 10 + (s.charAt(i) - '0');
      isNum = true;
    }
    return new int[] {num, isNum ? 1 : 0, i};
  }

  /** One Sprintf's state: the argument taken next and whether the indexes so far were good. */
  private static final class Printf {
    final String format;
    final List<GoValue> args;
    int argNum;
    boolean goodArgNum;
    /** Whether an explicit index was seen (then no EXTRA check). */
    boolean reordered;
    /** Whether the last item was an index like [3]. */
    boolean afterIndex;

    Printf(String format, List<GoValue> args) {
      this.format = format;
      this.args = args;
    }

    /**
     * fmt's argNumber: at {@code i}, an explicit index {@code [n]} selects argument n-1 (when in
     * range; else the verb is a bad index); returns where the format goes on.
     */
    int argNumber(int i) {
      afterIndex = false;
      if (i >= format.length() || format.charAt(i) != '[') {
        return i;
      }
      reordered = true;
      // parseArgNumber: at least "[n]", the number up to the first ']'
      int index = 0;
      int wid = 1;
      boolean ok = false;
      if (format.length() - i >= 3) {
        for (int j = i + 1; j < format.length(); j++) {
          if (format.charAt(j) == ']') {
            int[] n = parseNum(format, i + 1, j);
            wid = j - i + 1;
            if (n[1] == 1 && n[2] == j) {
              index = n[0] - 1;
              ok = true;
            }
            break;
          }
        }
      }
      if (ok && index >= 0 && index < args.size()) {
        argNum = index;
        afterIndex = true;
        return i + wid;
      }
      goodArgNum = false;
      afterIndex = ok;
      return i + wid;
    }

    /** fmt's intFromArg: the argument as a * width or precision ({@code [num, isInt]}), taken. */
    int[] intFromArg() {
      if (argNum >= args.size()) {
        return new int[] {0, 0};
      }
      GoValue a = args.get(argNum++);
      if (a == null || (a.kind() != Kind.INT && a.kind() != Kind.UINT8)) {
        return new int[] {0, 0};
      }
      long n = a.asLong();
      if (n > TOO_LARGE || n < -TOO_LARGE) {
        return new int[] {0, 0};
      }
      return new int[] {(int) n, 1};
    }
  }

  /** fmt.Sprintf (doPrintf): flags, explicit argument indexes, * widths and precisions, verbs. */
  static String sprintf(String format, List<GoValue> args) {
    StringBuilder b = new StringBuilder();
    Printf p = new Printf(format, args);
    int end = format.length();
    int i = 0;
    while (i < end) {
      p.goodArgNum = true;
      int lasti = i;
      while (i < end && format.charAt(i) != '%') {
        i++;
      }
      b.append(format, lasti, i);
      if (i >= end) {
        break;
      }
      i++; // the %
      Flags f = new Flags();
      boolean flags = true;
      while (flags && i < end) {
        switch (format.charAt(i)) {
          case '#': f.sharp = true; i++; break;
          case '0': f.zero = !f.minus; i++; break;
          case '+': f.plus = true; i++; break;
          case '-': f.minus = true; f.zero = false; i++; break;
          case ' ': f.space = true; i++; break;
          default: flags = false;
        }
      }
      i = p.argNumber(i);
      if (i < end && format.charAt(i) == '*') {
        i++;
        int[] w = p.intFromArg();
        f.width = w[0];
        f.widPresent = w[1] == 1;
        if (!f.widPresent) {
          b.append("%!(BADWIDTH)");
        }
        if (f.width < 0) { // a negative width pads on the right
          f.width = -f.width;
          f.minus = true;
          f.zero = false;
        }
        p.afterIndex = false;
      } else {
        int[] n = parseNum(format, i, end);
        f.width = n[0];
        f.widPresent = n[1] == 1;
        i = n[2];
        if (p.afterIndex && f.widPresent) { // "%[3]2d"
          p.goodArgNum = false;
        }
      }
      if (i + 1 < end && format.charAt(i) == '.') {
        i++;
        if (p.afterIndex) { // "%[3].2d"
          p.goodArgNum = false;
        }
        i = p.argNumber(i);
        if (i < end && format.charAt(i) == '*') {
          i++;
          int[] n = p.intFromArg();
          f.prec = n[0];
          f.precPresent = n[1] == 1;
          if (f.prec < 0) { // a negative precision is none
            f.prec = 0;
            f.precPresent = false;
          }
          if (!f.precPresent) {
            b.append("%!(BADPREC)");
          }
          p.afterIndex = false;
        } else {
          int[] n = parseNum(format, i, end);
          f.prec = n[0];
          f.precPresent = true; // "%.d": precision 0
          i = n[2];
        }
      }
      if (!p.afterIndex) {
        i = p.argNumber(i);
      }
      if (i >= end) {
        b.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      if (verb == '%') { // no operand, no width
        b.append('%');
        continue;
      }
      if (!p.goodArgNum) {
        b.append("%!").appendCodePoint(verb).append("(BADINDEX)");
        continue;
      }
      if (p.argNum >= args.size()) {
        b.append("%!").appendCodePoint(verb).append("(MISSING)");
        continue;
      }
      if (verb == 'w' && (f.sharp || f.plus)) {
        // go1.19 keeps # and + as they are for %w, go1.20 on makes them %v's #v and +v
        throw new Template.Unsupported("printf's %#w and %+w");
      }
      if (verb == 'v' || verb == 'w') {
        f.sharpV = f.sharp;
        f.sharp = false;
        f.plusV = f.plus;
        f.plus = false;
      }
      printArg(b, f, args.get(p.argNum), verb);
      p.argNum++;
    }
    if (!p.reordered && p.argNum < args.size()) {
      b.append("%!(EXTRA ");
      for (int k = p.argNum; k < args.size(); k++) {
        if (k > p.argNum) {
          b.append(", ");
        }
        GoValue a = args.get(k);
        if (a == null) {
          b.append("<nil>");
        } else {
          b.append(a.type().name()).append('=');
          printArg(b, new Flags(), a, 'v');
        }
      }
      b.append(')');
    }
    return b.toString();
  }

  /** fmt's flags for one verb. */
  static final class Flags {
    boolean sharp;
    boolean zero;
    boolean plus;
    boolean plusV;
    /** {@code %#v}: Go syntax. */
    boolean sharpV;
    boolean minus;
    boolean space;
    boolean widPresent;
    boolean precPresent;
    int width;
    int prec;
    /** fmt's erroring: inside a bad verb's value, where fmt calls no String or GoString method. */
    boolean erroring;

    Flags copy() {
      Flags c = new Flags();
      c.sharp = sharp;
      c.zero = zero;
      c.plus = plus;
      c.plusV = plusV;
      c.sharpV = sharpV;
      c.minus = minus;
      c.space = space;
      c.widPresent = widPresent;
      c.precPresent = precPresent;
      c.width = width;
      c.prec = prec;
      c.erroring = erroring;
      return c;
    }
  }

  /** fmt.Fprint of one value: what an action prints. */
  static String print(GoValue v) {
    StringBuilder b = new StringBuilder();
    printArg(b, new Flags(), v, 'v');
    return b.toString();
  }

  private static void printArg(StringBuilder b, Flags f, GoValue a, int verb) {
    if (a == null || a.isNilInterface()) {
      if (verb == 'T' || verb == 'v') {
        pad(b, f, "<nil>");
      } else {
        badVerb(b, f, verb, null);
      }
      return;
    }
    if (verb == 'T') {
      fmtString(b, f, a.type().name(), 's');
      return;
    }
    if (verb == 'p') {
      throw new Template.Unsupported("printf's %p (an address)");
    }
    switch (a.kind()) {
      case BOOL: case INT: case UINT8: case FLOAT64: case STRING:
        printBasic(b, f, a, verb);
        return;
      default:
        if (handleMethods(b, f, a, verb)) {
          return;
        }
        printValue(b, f, a, verb, 0);
    }
  }

  private static void printBasic(StringBuilder b, Flags f, GoValue a, int verb) {
    switch (a.kind()) {
      case BOOL:
        if (verb == 't' || verb == 'v') {
          pad(b, f, a.x().toString());
        } else {
          badVerb(b, f, verb, a);
        }
        return;
      case INT: case UINT8:
        fmtInteger(b, f, a, verb);
        return;
      case FLOAT64:
        fmtFloat(b, f, a, verb);
        return;
      case STRING:
        if (verb == 'v' && f.sharpV) {
          fmtString(b, f, a.asString(), 'q'); // Go syntax: quoted
        } else if ("vsxXq".indexOf(verb) >= 0) {
          fmtString(b, f, a.asString(), verb);
        } else {
          badVerb(b, f, verb, a);
        }
        return;
      default:
        throw new IllegalStateException(a.type().name());
    }
  }

  /** A Stringer's String for the verbs fmt calls it for; whether it did. */
  private static boolean handleMethods(StringBuilder b, Flags f, GoValue a, int verb) {
    if (verb == 'w') { // %w outside Errorf, or of a value that is no error
      badVerb(b, f, verb, a);
      return true;
    }
    if (f.sharpV) {
      // Go syntax: a GoStringer's GoString (time.Time's, through *time.Time too), no String
      if (!isTime(a)) {
        return false;
      }
      if (a.kind() == Kind.POINTER && a.x() == null) {
        b.append("<nil>"); // GoString panics on the nil receiver: fmt's catchPanic
        return true;
      }
      ModulePublic.TimeValue t = (ModulePublic.TimeValue) (a.kind() == Kind.POINTER ? a.elem().x() : a.x());
      fmtString(b, f, t.goString(), 's');
      return true;
    }
    if ("vsxXq".indexOf(verb) < 0) {
      return false;
    }
    String s = stringer(a);
    if (s == null) {
      return false;
    }
    if (a.kind() == Kind.POINTER && a.x() == null) {
      b.append("<nil>"); // String panics on the nil receiver: fmt's catchPanic writes <nil> as it is
      return true;
    }
    fmtString(b, f, s, verb);
    return true;
  }

  /**
   * The String method's result for a Stringer ({@code *modinfo.ModulePublic}, {@code time.Time} and
   * its pointer; {@code <nil>} for a nil pointer, whose String panics and fmt says so), else null.
   */
  static String stringer(GoValue a) {
    if (a.kind() == Kind.POINTER && (a.type().methods().contains("String"))) {
      if (a.x() == null) {
        return "<nil>";
      }
      return stringOf(a.elem());
    }
    if (a.kind() == Kind.STRUCT && a.x() instanceof ModulePublic.TimeValue) {
      return ((ModulePublic.TimeValue) a.x()).string();
    }
    return null;
  }

  /** Whether {@code a} is a time.Time or a {@code *time.Time}. */
  private static boolean isTime(GoValue a) {
    return a.type() == ModulePublic.TIME_PTR || a.kind() == Kind.STRUCT && a.x() instanceof ModulePublic.TimeValue;
  }

  private static String stringOf(GoValue struct) {
    if (struct.x() instanceof ModulePublic) {
      return ((ModulePublic) struct.x()).string();
    }
    return ((ModulePublic.TimeValue) struct.x()).string();
  }

  private static void printValue(StringBuilder b, Flags f, GoValue v, int verb, int depth) {
    if (depth > 0) {
      if (v == null) {
        if (verb == 'v') {
          b.append("<nil>");
        } else {
          badVerb(b, f, verb, null);
        }
        return;
      }
      if (!f.erroring && handleMethods(b, f, v, verb)) {
        return;
      }
    }
    switch (v.kind()) {
      case BOOL: case INT: case UINT8: case FLOAT64: case STRING:
        printBasic(b, f, v, verb);
        return;
      case STRUCT: {
        if (!(v.x() instanceof ModulePublic) && !v.type().name().equals("modinfo.ModuleError")
            && !v.type().name().equals("list.Context")) {
          throw new Template.Unsupported("printing a " + v.type().name() + " as a struct");
        }
        if (f.sharpV) {
          b.append(v.type().name());
        }
        b.append('{');
        List<String> names = v.type().fields();
        GoValue.Struct s = (GoValue.Struct) v.x();
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            b.append(f.sharpV ? ", " : " ");
          }
          if (f.plusV || f.sharpV) {
            b.append(names.get(i)).append(':');
          }
          printValue(b, f, s.field(names.get(i)), verb, depth + 1);
        }
        b.append('}');
        return;
      }
      case SLICE: {
        List<GoValue> es = v.elems();
        if (f.sharpV) {
          b.append(v.type().name());
          if (v.isNilSlice()) {
            b.append("(nil)");
            return;
          }
          if (es.isEmpty() && !v.isKnownEmptySlice()) {
            // go's value may be nil ([]string(nil)) or not ([]string{}): which, goproxy does not track
            throw new Template.Unsupported("printf's %#v of an empty " + v.type().name() + " (nil or not)");
          }
        }
        b.append(f.sharpV ? '{' : '[');
        for (int i = 0; i < es.size(); i++) {
          if (i > 0) {
            b.append(f.sharpV ? ", " : " ");
          }
          printValue(b, f, es.get(i), verb, depth + 1);
        }
        b.append(f.sharpV ? '}' : ']');
        return;
      }
      case POINTER:
        if (depth == 0 && v.x() != null && v.elem().kind() == Kind.STRUCT) {
          if (v.x() instanceof ModulePublic.Opaque || v.elem().x() instanceof ModulePublic.Opaque) {
            throw new Template.Unsupported("printing .Origin");
          }
          b.append('&');
          printValue(b, f, v.elem(), verb, depth + 1);
          return;
        }
        if (v.x() != null) {
          if ("vbodxX".indexOf(verb) >= 0) {
            throw new Template.Unsupported("printing a " + v.type().name() + " as an address");
          }
          badVerb(b, f, verb, v); // fmtPointer's other verbs: the pointer's value, as %v prints it at the top
          return;
        }
        switch (verb) {
          case 'v':
            if (f.sharpV) {
              b.append('(').append(v.type().name()).append(")(nil)");
            } else {
              pad(b, f, "<nil>");
            }
            return;
          case 'b': case 'o': case 'd': case 'x': case 'X':
            fmtInteger(b, f, new GoValue(GoValue.INT, 0L, false), verb);
            return;
          default:
            badVerb(b, f, verb, v);
            return;
        }
      default:
        throw new Template.Unsupported("printing a " + v.type().name());
    }
  }

  /**
   * fmt's badVerb: the value printed with %v as at the top level (a non-nil pointer to a struct as
   * {@code &{...}}) with the verb's flags (width, precision), no method called on it or inside it
   * (fmt's erroring state); a pointer inside it that is not nil is an address, which goproxy refuses.
   */
  private static void badVerb(StringBuilder b, Flags f, int verb, GoValue v) {
    b.append("%!").appendCodePoint(verb).append('(');
    if (v == null) {
      b.append("<nil>");
    } else {
      b.append(v.type().name()).append('=');
      Flags erroring = f.copy();
      erroring.erroring = true;
      printValue(b, erroring, v, 'v', 0);
    }
    b.append(')');
  }

  /** Pads {@code s} to the width (in runes), left or right. */
  private static void pad(StringBuilder b, Flags f, String s) {
    int n = s.codePointCount(0, s.length());
    if (!f.widPresent || f.width <= n) {
      b.append(s);
      return;
    }
    String padding = String.valueOf(f.zero ? '0' : ' ').repeat(f.width - n);
    if (f.minus) {
      b.append(s).append(padding);
    } else {
      b.append(padding).append(s);
    }
  }

  private static void fmtString(StringBuilder b, Flags f, String s, int verb) {
    switch (verb) {
      case 'v': case 's': {
        String t = s;
        if (f.precPresent && t.codePointCount(0, t.length()) > f.prec) {
          t = t.substring(0, t.offsetByCodePoints(0, f.prec));
        }
        pad(b, f, t);
        return;
      }
      case 'q': {
        if (f.plus) {
          throw new Template.Unsupported("printf's %+q");
        }
        String t = s;
        if (f.precPresent && t.codePointCount(0, t.length()) > f.prec) {
          t = t.substring(0, t.offsetByCodePoints(0, f.prec));
        }
        if (f.sharp && canBackquote(t)) {
          pad(b, f, "`" + t + "`");
        } else {
          pad(b, f, GoQuote.quote(t));
        }
        return;
      }
      case 'x': case 'X': {
        if (f.space) {
          throw new Template.Unsupported("printf's % x");
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int len = f.precPresent ? Math.min(f.prec, bytes.length) : bytes.length;
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < len; i++) {
          h.append(String.format(verb == 'x' ? "%02x" : "%02X", bytes[i] & 0xFF));
        }
        if (f.sharp && h.length() > 0) {
          h.insert(0, verb == 'x' ? "0x" : "0X"); // one prefix for the whole string
        }
        pad(b, f, h.toString());
        return;
      }
      default:
        throw new IllegalStateException();
    }
  }

  private static boolean canBackquote(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '`' || c == '\uFFFD' || (c < ' ' && c != '\t') || c == 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static void fmtInteger(StringBuilder b, Flags f, GoValue a, int verb) {
    long v = a.asLong();
    switch (verb) {
      case 'v': case 'd':
        if (verb == 'v' && f.sharpV && a.kind() == Kind.UINT8) {
          integer(b, f, v, 16, false, "0x"); // Go syntax of an unsigned integer: hexadecimal
          return;
        }
        integer(b, f, v, 10, false, "");
        return;
      case 'b':
        integer(b, f, v, 2, false, f.sharp ? "0b" : "");
        return;
      case 'o':
        integer(b, f, v, 8, false, f.sharp ? "0" : "");
        return;
      case 'O':
        integer(b, f, v, 8, false, "0o");
        return;
      case 'x':
        integer(b, f, v, 16, false, f.sharp ? "0x" : "");
        return;
      case 'X':
        integer(b, f, v, 16, true, f.sharp ? "0X" : "");
        return;
      case 'c':
        pad(b, f, new String(Character.toChars(validRune(v))));
        return;
      case 'q':
        pad(b, f, GoQuote.quoteRune(validRune(v)));
        return;
      case 'U': {
        String u = String.format("U+%04X", v);
        if (f.sharp && v >= 0 && v <= 0x10FFFF && io.github.goproxy4j.internal.GoUnicode.isPrint((int) v)) {
          u += " '" + new String(Character.toChars((int) v)) + "'";
        }
        pad(b, f, u);
        return;
      }
      default:
        badVerb(b, f, verb, a);
    }
  }

  private static int validRune(long v) {
    return v < 0 || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000) ? 0xFFFD : (int) v;
  }

  /**
   * fmt's fmtInteger: the digits zero-filled to the precision, or with the 0 flag (no precision,
   * not left-justified) to the width less the sign; then the prefix ({@code %#o}'s 0 only where the
   * digits do not already begin with one), the sign, and spaces to the width.
   */
  private static void integer(StringBuilder b, Flags f, long v, int base, boolean upper, String prefix) {
    Flags noZero = new Flags();
    noZero.widPresent = f.widPresent;
    noZero.width = f.width;
    noZero.minus = f.minus;
    if (f.precPresent && f.prec == 0 && v == 0) {
      pad(b, noZero, ""); // precision 0 and value 0: nothing but the padding
      return;
    }
    boolean neg = v < 0;
    String digits = neg ? Long.toString(v, base).substring(1) : Long.toString(v, base);
    if (upper) {
      digits = digits.toUpperCase(Locale.ROOT);
    }
    String sign = neg ? "-" : f.plus ? "+" : f.space ? " " : "";
    int prec = 0;
    if (f.precPresent) {
      prec = f.prec;
    } else if (f.zero && !f.minus && f.widPresent) {
      prec = f.width - sign.length();
    }
    if (digits.length() < prec) { // up to fmt's bound of a million digits
      digits = "0".repeat(prec - digits.length()) + digits;
    }
    String p = prefix.equals("0") && digits.startsWith("0") ? "" : prefix;
    pad(b, noZero, sign + p + digits);
  }

  private static void fmtFloat(StringBuilder b, Flags f, GoValue a, int verb) {
    double d = (Double) a.x();
    String s;
    switch (verb) {
      case 'v': case 'g':
        if (f.precPresent) {
          throw new Template.Unsupported("printf's %g with a precision");
        }
        s = shortest(d);
        break;
      case 'f': case 'F':
        s = new BigDecimal(d).setScale(f.precPresent ? f.prec : 6, RoundingMode.HALF_EVEN).toPlainString();
        break;
      default:
        if ("beEGxX".indexOf(verb) >= 0) {
          throw new Template.Unsupported("printf's %" + (char) verb + " of a float");
        }
        badVerb(b, f, verb, a);
        return;
    }
    if (!s.startsWith("-") && (f.plus || f.space)) {
      s = (f.plus ? "+" : " ") + s;
    }
    if (f.zero && f.widPresent && !f.minus) {
      String sign = s.startsWith("-") || s.startsWith("+") || s.startsWith(" ") ? s.substring(0, 1) : "";
      String rest = s.substring(sign.length());
      int n = f.width - s.length();
      b.append(sign).append(n > 0 ? "0".repeat(n) : "").append(rest);
      return;
    }
    pad(b, f, s);
  }

  /** strconv.FormatFloat(d, 'g', -1, 64): the shortest digits, %e form for exponents below -4 or from 6. */
  static String shortest(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int exp = digits.length() - bd.scale() - 1; // decimal exponent of the first digit
    String sign = d < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return sign + bd.toPlainString();
  }
}
