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
 * {@code %!(EXTRA ...)}). A non-nil pointer printed as an address, {@code %#v}, {@code %p} and
 * argument indexes are refused ({@link Template.Unsupported}): goproxy cannot print go's
 * addresses.
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

  /** fmt.Sprintf. */
  static String sprintf(String format, List<GoValue> args) {
    StringBuilder b = new StringBuilder();
    int argNum = 0;
    int end = format.length();
    int i = 0;
    while (i < end) {
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
      if (i < end && format.charAt(i) == '[') {
        throw new Template.Unsupported("printf's explicit argument indexes ([n])");
      }
      if (i < end && format.charAt(i) == '*') {
        throw new Template.Unsupported("printf's * width");
      }
      int start = i;
      while (i < end && Character.isDigit(format.charAt(i))) {
        i++;
      }
      if (i > start) {
        f.width = Integer.parseInt(format.substring(start, i));
        f.widPresent = true;
      }
      if (i + 1 <= end && i < end && format.charAt(i) == '.') {
        i++;
        if (i < end && format.charAt(i) == '*') {
          throw new Template.Unsupported("printf's * precision");
        }
        start = i;
        while (i < end && Character.isDigit(format.charAt(i))) {
          i++;
        }
        f.prec = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
        f.precPresent = true;
      }
      if (i >= end) {
        b.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      if (verb == '%') {
        b.append('%');
        continue;
      }
      if (argNum >= args.size()) {
        b.append("%!").appendCodePoint(verb).append("(MISSING)");
        continue;
      }
      if (verb == 'w') {
        verb = 'v'; // Sprintf treats %w as %v (errors aside)
      }
      if (verb == 'v' && f.sharp) {
        throw new Template.Unsupported("printf's %#v");
      }
      if (verb == 'v' && f.plus) {
        f.plus = false;
        f.plusV = true;
      }
      printArg(b, f, args.get(argNum), verb);
      argNum++;
    }
    if (argNum < args.size()) {
      b.append("%!(EXTRA ");
      for (int k = argNum; k < args.size(); k++) {
        if (k > argNum) {
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
    boolean minus;
    boolean space;
    boolean widPresent;
    boolean precPresent;
    int width;
    int prec;
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
        if ("vsxXq".indexOf(verb) >= 0) {
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
      if (handleMethods(b, f, v, verb)) {
        return;
      }
    }
    switch (v.kind()) {
      case BOOL: case INT: case UINT8: case FLOAT64: case STRING:
        printBasic(b, f, v, verb);
        return;
      case STRUCT: {
        if (!(v.x() instanceof ModulePublic) && !(v.type().name().equals("modinfo.ModuleError"))) {
          throw new Template.Unsupported("printing a " + v.type().name() + " as a struct");
        }
        b.append('{');
        List<String> names = v.type().fields();
        GoValue.Struct s = (GoValue.Struct) v.x();
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            b.append(' ');
          }
          if (f.plusV) {
            b.append(names.get(i)).append(':');
          }
          printValue(b, f, s.field(names.get(i)), verb, depth + 1);
        }
        b.append('}');
        return;
      }
      case SLICE: {
        b.append('[');
        List<GoValue> es = v.elems();
        for (int i = 0; i < es.size(); i++) {
          if (i > 0) {
            b.append(' ');
          }
          printValue(b, f, es.get(i), verb, depth + 1);
        }
        b.append(']');
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
          throw new Template.Unsupported("printing a " + v.type().name() + " as an address");
        }
        switch (verb) {
          case 'v':
            pad(b, f, "<nil>");
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

  /** fmt's badVerb: the value printed with %v and the verb's flags (width, precision), its methods off. */
  private static void badVerb(StringBuilder b, Flags f, int verb, GoValue v) {
    b.append("%!").appendCodePoint(verb).append('(');
    if (v == null) {
      b.append("<nil>");
    } else {
      b.append(v.type().name()).append('=');
      if (v.kind() == Kind.POINTER && v.x() == null) {
        pad(b, f, "<nil>");
      } else if (v.kind() == Kind.POINTER || v.kind() == Kind.STRUCT) {
        throw new Template.Unsupported("printf's bad verb %" + new String(Character.toChars(verb)) + " for a "
            + v.type().name());
      } else {
        printValue(b, f, v, 'v', 0);
      }
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

  private static void integer(StringBuilder b, Flags f, long v, int base, boolean upper, String prefix) {
    boolean neg = v < 0;
    String digits = neg ? Long.toString(v, base).substring(1) : Long.toString(v, base);
    if (upper) {
      digits = digits.toUpperCase(Locale.ROOT);
    }
    if (f.precPresent) {
      if (f.prec == 0 && v == 0) {
        digits = "";
      }
      while (digits.length() < f.prec) {
        digits = "0" + digits;
      }
    }
    String sign = neg ? "-" : f.plus ? "+" : f.space ? " " : "";
    String body = prefix + digits;
    if (f.zero && f.widPresent && !f.minus && !f.precPresent) {
      int n = f.width - sign.length() - body.length();
      if (n > 0) {
        body = prefix + "0".repeat(n) + digits;
      }
      b.append(sign).append(body);
      return;
    }
    Flags noZero = new Flags();
    noZero.widPresent = f.widPresent;
    noZero.width = f.width;
    noZero.minus = f.minus;
    pad(b, noZero, sign + body);
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
