package io.github.goproxy4j.client.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoUtf8;
import io.github.goproxy4j.internal.UnicodeTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * encoding/json's syntax errors, as each release's scanner words them, for the syntax error
 * jackson-core reported reading the same text: one home for the CLI's {@code -reuse} files (go's
 * json.Decoder over ModulePublic values, {@code ReuseFile}) and the client's {@code .info} bodies
 * (json.Unmarshal into a RevInfo, {@code InfoJson}). They differ at the top level only: a number or
 * literal complete there is a whole value to a Decoder ({@code json: cannot unmarshal bool into Go
 * value of type T}, a {@code null} followed by the next value), where Unmarshal reports what follows
 * it ({@code invalid character 'x' after top-level value}).
 */
public final class JsonSyntax {
  private JsonSyntax() {}

  /**
   * The scanner's error for jackson-core's {@code e}.
   *
   * @param e jackson-core's error reading {@code text}
   * @param p the parser that raised it (its context: inside an object, an array, at the top)
   * @param text the document ({@link GoJson#decodeUtf8} of {@code data})
   * @param data the document's bytes
   * @param minor the go release's minor version
   * @param goType the Go type decoded into, as its errors name it ({@code modfetch.RevInfo})
   * @param decoder json.Decoder's view of the top level (else json.Unmarshal's)
   * @return go's error text
   * @throws NotModelled where the mapping does not know go's text
   */
  public static String error(JsonProcessingException e, JsonParser p, String text, byte[] data, int minor, String goType,
      boolean decoder) {
    return syntaxError(e, new Src(text, minor, data, goType, decoder), p);
  }

  /** An error whose go text is not modelled; the message says what it is. */
  public static final class NotModelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotModelled(String what) {
      super(what, null, false, false);
    }
  }

  private static NotModelled notModelled(String what) {
    return new NotModelled(what);
  }

  /** The document as go reads it, the release and the top level's reading. */
  private record Src(String text, int minor, byte[] data, String goType, boolean decoder) {
    /** The scanner's name for the character at {@code i} ({@link GoJson#quoteChar}). */
    String charName(int i) {
      return GoJson.quoteChar(data, text, i, minor);
    }

    /** The bytes of the text from {@code from} to {@code to} (indexes in {@link #text}). */
    byte[] bytes(int from, int to) {
      return java.util.Arrays.copyOfRange(data, GoJson.byteOffset(data, from), GoJson.byteOffset(data, to));
    }

    /**
     * The index of the character jackson-core names by {@code code} nearest its error's {@code
     * offset} (its locations point at, after or, in a number, before the character), or -1.
     */
    int indexOf(int code, int offset) {
      for (int d = 0; d <= 16; d++) {
        for (int i : new int[] {offset - d, offset + d}) {
          if (i >= 0 && i < text.length() && text.charAt(i) == code) {
            return i;
          }
        }
      }
      return -1;
    }

    /**
     * A {@code kind} (bool, number; null for {@code null}) value complete at the top level with the
     * character at {@code next} after it: a Decoder's type error (after {@code null} the next
     * value's beginning), Unmarshal's {@code after top-level value}.
     */
    String topLevel(String kind, int next) {
      if (!decoder) {
        if (next < 0 || next >= text.length()) {
          throw notModelled("a top-level value followed by more");
        }
        return "invalid character " + charName(next) + " after top-level value";
      }
      if (kind != null) {
        return "json: cannot unmarshal " + kind + " into Go value of type " + goType;
      }
      if (next >= text.length()) {
        throw notModelled("a literal followed by more");
      }
      return "invalid character " + charName(next) + " looking for beginning of value";
    }
  }

  /**
   * Whether {@code rest} (one value from its first character to the end of the file) is the
   * beginning of a JSON value, cut off by the end of the file: encoding/json's scanner finds no
   * error before the end, and go's Decoder reports {@code unexpected EOF}. jackson-core's
   * blocking parser words the end of the input differently by place (end-of-input inside an
   * array, an unrecognized token {@code tr}); its non-blocking parser answers exactly this,
   * {@code NOT_AVAILABLE} when it needs more input after accepting all it was given.
   *
   * @param rest the text from the value's first character to the end
   * @return whether it is a value cut off by the end
   * @throws IOException never (a byte array is read)
   */
  public static boolean validBeginning(String rest) throws IOException {
    byte[] b = rest.getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = ASYNC.createNonBlockingByteArrayParser()) {
      ((ByteArrayFeeder) p.getNonBlockingInputFeeder()).feedInput(b, 0, b.length);
      int depth = 0;
      while (true) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.NOT_AVAILABLE) {
          return true;
        }
        if (t == null) {
          return false;
        }
        depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
        if (depth == 0 && t != JsonToken.FIELD_NAME) {
          return false; // a whole value, and the blocking parser failed after it: not this case
        }
      }
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static final JsonFactory ASYNC = new JsonFactory();

  /** The code of the character a jackson-core message names ({@code (code 34)}), or -1. */
  private static final Pattern CODE = Pattern.compile("code (\\d+)( / 0x[0-9a-f]+)?\\)");

  /** A jackson-core close-marker message: the marker found and the one expected. */
  private static final Pattern CLOSE = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");

  /**
   * encoding/json's scanner error for the syntax error jackson-core reported, mapped by what its
   * message says was expected (jackson-core has no error codes: its messages are the only account
   * of the rule that broke): {@code invalid character 'c' <where>}, the character quoted as
   * encoding/json's quoteChar quotes it.
   *
   * @throws NotModelled where the mapping does not know go's text
   */
  private static String syntaxError(JsonProcessingException e, Src src, JsonParser p) {
    String text = src.text();
    int minor = src.minor();
    String msg = String.valueOf(e.getOriginalMessage());
    int offset = e.getLocation() == null ? -1 : (int) e.getLocation().getCharOffset();
    java.util.regex.Matcher code = CODE.matcher(msg);
    int c = code.find() ? Integer.parseInt(code.group(1)) : -1;
    String where = null;
    if (msg.contains("was expecting a colon to separate field name and value")) {
      where = "after object key";
    } else if (msg.contains("was expecting comma to separate Object entries")) {
      where = "after object key:value pair";
    } else if (msg.contains("was expecting double-quote to start field name")) {
      where = "looking for beginning of object key string";
    } else if (msg.contains("was expecting comma to separate Array entries")) {
      where = "after array element";
    } else if (msg.contains("expected a valid value") || msg.contains("JSON spec does not allow numbers to have plus signs")) {
      where = "looking for beginning of value";
    } else if (msg.contains("to follow minus sign")) {
      where = "in numeric literal";
    } else if (msg.contains("Decimal point not followed by a digit")) {
      where = minor >= 27 ? "in numeric literal" : "after decimal point in numeric literal";
    } else if (msg.contains("Exponent indicator not followed by a digit")) {
      where = minor >= 27 ? "in numeric literal" : "in exponent of numeric literal";
    } else if (msg.startsWith("Illegal unquoted character")) {
      where = minor >= 27 ? "in string" : "in string literal";
    } else if (msg.startsWith("Unrecognized character escape")) {
      if (minor >= 27 && c >= 0) {
        // json/v2: the backslash and the next byte
        int at = src.indexOf(c, offset);
        if (at < 0) {
          throw notModelled("a syntax error: " + msg);
        }
        return invalidText("escape sequence", new byte[] {'\\', src.data()[GoJson.byteOffset(src.data(), at)]}, src) + " in string";
      }
      where = "in string escape code";
    } else if (msg.contains("expected a hex-digit for character escape sequence")) {
      if (minor >= 27) {
        return unicodeEscapeError(src, c >= 0 ? src.indexOf(c, offset) : -1, offset, msg);
      }
      where = "in \\u hexadecimal character escape";
    } else if (CLOSE.matcher(msg).find()) {
      java.util.regex.Matcher m = CLOSE.matcher(msg);
      m.find();
      c = m.group(1).charAt(0);
      char before = before(text, offset);
      where = m.group(2).equals("}") ? (before == '{' ? "looking for beginning of object key string" : "after object key:value pair")
          : before == '[' ? "looking for beginning of value" : "after array element";
    } else if (msg.startsWith("Unrecognized token") && offset >= 0 && offset < text.length()) {
      return literalError(src, offset, p);
    } else if (msg.startsWith("Invalid numeric value: Leading zeroes not allowed") && offset >= 0 && offset < text.length()) {
      c = text.charAt(offset); // the number ended at its 0: this character follows a value
      where = afterValue(p);
      if (where == null) {
        return src.topLevel("number", offset); // the 0 was a whole value
      }
    } else if (msg.contains("Expected space separating root-level values")) {
      int at = c >= 0 ? src.indexOf(c, offset) : -1;
      return src.topLevel("number", at < 0 ? offset : at); // the number at the top level is a whole value to go
    }
    if (where == null || c < 0) {
      throw notModelled("a syntax error: " + msg);
    }
    if (c < 0x80) {
      return "invalid character " + quoteChar(c) + " " + where;
    }
    int at = src.indexOf(c, offset);
    if (at < 0) {
      throw notModelled("a syntax error: " + msg);
    }
    return "invalid character " + src.charName(at) + " " + where;
  }

  /**
   * go1.27's json/v2 on a Unicode escape (<code>&#92;u</code>) whose four bytes are not hexadecimal digits: {@code
   * invalid escape sequence} with the six bytes from the backslash (up to the end of the file when
   * fewer are left: there a beginning of an escape is {@code unexpected EOF}).
   */
  private static String unicodeEscapeError(Src src, int bad, int offset, String msg) {
    String text = src.text();
    int start = -1;
    // the escape begins at least two characters before the one that is no hexadecimal digit (which
    // may itself begin an escape, as a backslash does)
    int from = bad >= 0 ? bad - 2 : Math.min(offset, text.length() - 2);
    for (int i = from; i >= 0 && i >= from - 8; i--) {
      if (text.charAt(i) == '\\' && text.charAt(i + 1) == 'u' && !escaped(text, i)) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      throw notModelled("a syntax error: " + msg);
    }
    byte[] rest = src.bytes(start, text.length());
    byte[] what = java.util.Arrays.copyOf(rest, Math.min(6, rest.length));
    if (rest.length < 6) {
      boolean prefix = true;
      for (int i = 2; i < rest.length; i++) {
        prefix &= Character.digit(rest[i], 16) >= 0;
      }
      if (prefix) {
        return "unexpected EOF";
      }
    }
    return invalidText("escape sequence", what, src) + " in string";
  }

  /** Whether the backslash at {@code i} is itself escaped (an odd run of backslashes before it). */
  private static boolean escaped(String text, int i) {
    int n = 0;
    for (int k = i - 1; k >= 0 && text.charAt(k) == '\\'; k--) {
      n++;
    }
    return n % 2 == 1;
  }

  /**
   * json/v2's InvalidTextError's {@code invalid <label> <what>}: one character quoted as a rune, text
   * with a backquote, a byte that is not UTF-8 (or U+FFFD), white space or a character that is not
   * printable by strconv.Quote, else in backquotes.
   */
  private static String invalidText(String label, byte[] what, Src src) {
    UnicodeTables tables = UnicodeTables.forGoMinor(src.minor());
    int runes = 0;
    boolean needEscape = false;
    for (int i = 0; i < what.length; ) {
      long d = GoUtf8.decodeRune(what, i, what.length);
      int r = (int) (d >>> 3);
      needEscape |= r == '`' || r == GoUtf8.RUNE_ERROR || tables.isSpace(r) || !tables.isPrint(r);
      runes++;
      i += (int) (d & 7);
    }
    String quoted;
    if (runes == 1) {
      long d = GoUtf8.decodeRune(what, 0, what.length);
      quoted = (d >>> 3) == GoUtf8.RUNE_ERROR && (d & 7) == 1
          ? "'\\x" + Integer.toHexString(what[0] & 0xFF) + "'"
          : GoQuote.quoteRune((int) (d >>> 3), tables);
    } else if (needEscape) {
      quoted = GoQuote.quote(what, tables);
    } else {
      quoted = "`" + new String(what, StandardCharsets.UTF_8) + "`";
    }
    return "invalid " + label + " " + quoted;
  }


  /** The last character before {@code offset} that is not white space, or 0. */
  private static char before(String text, int offset) {
    for (int i = Math.min(offset, text.length()) - 1; i >= 0; i--) {
      if (" \t\r\n".indexOf(text.charAt(i)) < 0) {
        return text.charAt(i);
      }
    }
    return 0;
  }

  /** The scanner's words for a character after a complete value inside an object or array. */
  private static String afterValue(JsonParser p) {
    com.fasterxml.jackson.core.JsonStreamContext ctx = p.getParsingContext();
    if (ctx != null && ctx.inObject()) {
      return "after object key:value pair";
    }
    if (ctx != null && ctx.inArray()) {
      return "after array element";
    }
    return null; // top level: go's Decoder ends the value there (not modelled)
  }

  /** A word where a value begins that is not one: go's scanner's literal errors. */
  private static String literalError(Src src, int offset, JsonParser p) {
    String text = src.text();
    char first = text.charAt(offset);
    String literal = first == 't' ? "true" : first == 'f' ? "false" : first == 'n' ? "null" : null;
    if (literal == null) {
      return "invalid character " + src.charName(offset) + " looking for beginning of value";
    }
    for (int i = 1; i < literal.length(); i++) {
      if (offset + i >= text.length()) {
        return "unexpected EOF"; // the file ends inside the literal: io.ErrUnexpectedEOF
      }
      char c = text.charAt(offset + i);
      if (c != literal.charAt(i)) {
        return "invalid character " + src.charName(offset + i) + " in literal " + literal + " (expecting "
            + quoteChar(literal.charAt(i)) + ")";
      }
    }
    int after = offset + literal.length();
    String where = afterValue(p);
    if (where == null) {
      // at the top level a whole value (to a Decoder a null decodes to nothing: what follows begins the next value)
      return src.topLevel(literal.equals("null") ? null : "bool", after);
    }
    if (after >= text.length()) {
      throw notModelled("a literal followed by more");
    }
    return "invalid character " + src.charName(after) + " " + where;
  }

  /**
   * encoding/json's quoteChar of an ASCII character ({@code '\\''}, {@code '"'}, else strconv.Quote's
   * escape in single quotes), which for ASCII is strconv.QuoteRune's form; every caller has
   * checked the character is ASCII.
   */
  private static String quoteChar(int c) {
    return GoQuote.quoteRune(c);
  }

}
