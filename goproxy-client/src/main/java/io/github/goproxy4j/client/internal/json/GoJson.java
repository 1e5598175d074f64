package io.github.goproxy4j.client.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.core.util.Separators;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoUtf8;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as Go's {@code encoding/json} writes and reads it, on jackson-core's streaming generator
 * and parser. Not API: exported only to goproxy4j's own modules (the CLI).
 *
 * <p>Writing follows {@code json.Marshal}: HTML-safe escaping ({@code <}, {@code >}, {@code &}
 * as <code>&#92;u003c &#92;u003e &#92;u0026</code>), U+2028 and U+2029 escaped, other control
 * characters as <code>&#92;u00XX</code> with lower-case hex, {@code \b} and {@code \f} as short
 * escapes from Go 1.22 on (<code>&#92;u0008</code>, <code>&#92;u000c</code> before), a lone UTF-16 surrogate (which no Go string can
 * hold) as U+FFFD, floats in Go's format. {@link #indentedGenerator} is
 * {@code json.MarshalIndent(v, "", "\t")}: one tab per level, {@code ": "} after a name,
 * {@code []} and {@code {}} for empty values.
 *
 * <p>Reading follows {@code json.Unmarshal}'s input rules: strict JSON, invalid UTF-8 replaced
 * by U+FFFD byte by byte, lone surrogate escapes (<code>"&#92;ud800"</code>) decoded to U+FFFD. Field
 * names are matched with {@link #fieldNameMatches} (Go's case folding); duplicates are left to
 * the caller reading tokens in order, so the last one wins as in Go.
 *
 * <p>Writing a struct the way {@code go list -m -json} does (cmd/go's json.Encoder with
 * SetIndent("", "\t") over modinfo.ModulePublic: fields in declaration order, {@code omitempty}
 * fields left out, nested structs such as Replace and Update as nested objects, each module's
 * object followed by a newline). The CLI may use this package (qualified export to
 * io.github.goproxy4j.cli):
 *
 * <pre>{@code
 * Writer out = ...;
 * try (JsonGenerator g = GoJson.NEWEST.indentedGenerator(out)) {
 *   for (Module m : modules) {
 *     g.writeStartObject();
 *     g.writeStringField("Path", m.path());                     // no omitempty
 *     GoJson.writeStringOmitEmpty(g, "Version", m.version());
 *     GoJson.writeStringsOmitEmpty(g, "Versions", m.versions()); // []string
 *     GoJson.writeTimeOmitEmpty(g, "Time", m.time());            // *time.Time, RFC 3339 with nanoseconds
 *     GoJson.writeBooleanOmitEmpty(g, "Indirect", m.indirect());
 *     g.writeEndObject();                                        // the root separator is a newline
 *   }
 * }
 * out.write('\n');
 * }</pre>
 *
 * <p>Plain values ({@link Map} in insertion order standing for a struct, {@link Collection},
 * {@link String}, {@link Boolean}, integers, floats, {@code null}) are written with
 * {@link #writeValue}, {@link #marshal} and {@link #marshalIndent}.
 */
public final class GoJson {
  /** The newest behaviour ({@code \b} and {@code \f} as short escapes, Go 1.22 on). */
  public static final GoJson NEWEST = new GoJson(true);

  /** Go 1.21 and earlier: {@code \b} and {@code \f} written as <code>&#92;u0008</code> and <code>&#92;u000c</code>. */
  public static final GoJson GO_1_21 = new GoJson(false);

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      .build();

  private final GoEscapes escapes;

  private GoJson(boolean shortBackspaceAndFormFeed) {
    this.escapes = new GoEscapes(shortBackspaceAndFormFeed);
  }

  /**
   * The behaviour of a Go release.
   *
   * @param goMinor the minor release number (21 for Go 1.21)
   * @return {@link #GO_1_21} up to Go 1.21, {@link #NEWEST} after
   */
  public static GoJson forGoMinor(int goMinor) {
    return goMinor < 22 ? GO_1_21 : NEWEST;
  }

  /**
   * The behaviour of a Go release given as the go command's {@code -json} output names it.
   *
   * @param goRelease the release, {@code 1.N} or {@code 1.N.P}
   * @return {@link #GO_1_21} before Go 1.22, {@link #NEWEST} from it
   * @throws IllegalArgumentException if {@code goRelease} is not a Go version
   */
  public static GoJson forGoRelease(String goRelease) {
    if (!GoRelease.isValid(goRelease)) {
      throw new IllegalArgumentException("invalid Go release " + goRelease);
    }
    return forGoMinor(GoRelease.compare(goRelease, "1.22") >= 0 ? 22 : 21);
  }

  /** Writes one JSON value to a generator, for {@link #marshalIndent(ValueWriter)}. */
  @FunctionalInterface
  public interface ValueWriter {
    /**
     * Writes the value.
     *
     * @param g the generator
     * @throws IOException as the generator throws it
     */
    void write(JsonGenerator g) throws IOException;
  }

  /** Go's escaping: the characters jackson-core escapes in standard JSON, plus Go's own. */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    private final int[] ascii;

    GoEscapes(boolean shortBackspaceAndFormFeed) {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
      if (!shortBackspaceAndFormFeed) {
        ascii['\b'] = ESCAPE_STANDARD;
        ascii['\f'] = ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == 0x2028) {
        return LINE_SEPARATOR;
      }
      return ch == 0x2029 ? PARAGRAPH_SEPARATOR : null;
    }
  }

  /**
   * A generator writing {@code json.Marshal}'s compact form.
   *
   * @param out where the JSON goes (not closed by the generator)
   * @return the generator
   */
  public JsonGenerator generator(Writer out) {
    try {
      JsonGenerator g = FACTORY.createGenerator(out);
      g.setCharacterEscapes(escapes);
      return new GoStrings(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A generator writing {@code json.MarshalIndent(v, "", "\t")}'s form (no trailing newline;
   * several root values are separated by a newline, as {@code json.Encoder} does).
   *
   * @param out where the JSON goes (not closed by the generator)
   * @return the generator
   */
  public JsonGenerator indentedGenerator(Writer out) {
    JsonGenerator g = generator(out);
    DefaultIndenter tab = new DefaultIndenter("\t", "\n");
    g.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("")
            .withRootSeparator("\n"))
        .withObjectIndenter(tab)
        .withArrayIndenter(tab));
    return g;
  }

  /**
   * Encodes a plain value as {@code json.Marshal} does.
   *
   * @param value see {@link #writeValue}
   * @return the JSON text
   */
  public String marshal(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = generator(out)) {
      writeValue(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Encodes a plain value as {@code json.MarshalIndent(v, "", "\t")} does.
   *
   * @param value see {@link #writeValue}
   * @return the JSON text, no trailing newline
   */
  public String marshalIndent(Object value) {
    return marshalIndent(g -> writeValue(g, value));
  }

  /**
   * Encodes what {@code value} writes as {@code json.MarshalIndent(v, "", "\t")} does (a Go
   * struct written field by field).
   *
   * @param value writes one value
   * @return the JSON text, no trailing newline
   */
  public String marshalIndent(ValueWriter value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = indentedGenerator(out)) {
      value.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes a plain value: a {@link Map} is an object with its entries in iteration order (a Go
   * struct; Go sorts the keys of a map, so pass a sorted map for one), a {@link Collection} an
   * array, a {@link CharSequence} a string, {@link Boolean}, integral numbers, {@code float} and
   * {@code double} in Go's format, {@code null}.
   *
   * @param g the generator
   * @param value the value
   * @throws IOException if writing fails
   * @throws IllegalArgumentException for other types, and for NaN and infinities (which Go
   *     refuses to encode)
   */
  public static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Collection<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof CharSequence s) {
      g.writeString(s.toString());
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Double || value instanceof Float) {
      writeFloat(g, ((Number) value).doubleValue());
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger) {
      g.writeNumber(value.toString());
    } else {
      throw new IllegalArgumentException("GoJson cannot write a " + value.getClass().getName());
    }
  }

  /**
   * Writes a {@code float64} as Go does: the shortest decimal that reads back as the same
   * number, plain for magnitudes in [1e-6, 1e21), else with an exponent ({@code 1e+21},
   * {@code 1.5e-7}). Hand-written: jackson-core writes Java's {@code Double.toString} form
   * ({@code 1.0}, {@code 1.0E-7}), which Go never produces.
   *
   * @param g the generator
   * @param f the number
   * @throws IOException if writing fails
   * @throws IllegalArgumentException for NaN and infinities, which Go refuses to encode
   */
  public static void writeFloat(JsonGenerator g, double f) throws IOException {
    g.writeNumber(formatFloat(f));
  }

  static String formatFloat(double f) {
    if (Double.isNaN(f) || Double.isInfinite(f)) {
      throw new IllegalArgumentException("json: unsupported value: " + f);
    }
    if (f == 0) {
      return 1 / f < 0 ? "-0" : "0";
    }
    BigDecimal d = shortest(f);
    double abs = Math.abs(f);
    if (abs >= 1e-6 && abs < 1e21) {
      return d.toPlainString();
    }
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale();
    StringBuilder b = new StringBuilder();
    if (f < 0) {
      b.append('-');
    }
    b.append(digits.charAt(0));
    if (digits.length() > 1) {
      b.append('.').append(digits, 1, digits.length());
    }
    b.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    return b.toString();
  }

  /**
   * The shortest decimal that reads back as {@code f}, the closest to it among those (what Go's
   * {@code strconv.FormatFloat(f, 'f' or 'e', -1, 64)} prints). Computed here because
   * {@code Double.toString} on Java 17 is not always the shortest (fixed in Java 19).
   */
  private static BigDecimal shortest(double f) {
    BigDecimal exact = new BigDecimal(f);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == f) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /**
   * Writes a string field unless the value is empty ({@code json:",omitempty"}).
   *
   * @param g the generator
   * @param name the field name
   * @param value the value
   * @throws IOException if writing fails
   */
  public static void writeStringOmitEmpty(JsonGenerator g, String name, String value) throws IOException {
    if (value != null && !value.isEmpty()) {
      g.writeStringField(name, value);
    }
  }

  /**
   * Writes a string array field unless it is empty ({@code []string} with {@code omitempty}).
   *
   * @param g the generator
   * @param name the field name
   * @param values the values
   * @throws IOException if writing fails
   */
  public static void writeStringsOmitEmpty(JsonGenerator g, String name, List<String> values) throws IOException {
    if (values != null && !values.isEmpty()) {
      g.writeArrayFieldStart(name);
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
  }

  /**
   * Writes a boolean field unless it is false ({@code json:",omitempty"}).
   *
   * @param g the generator
   * @param name the field name
   * @param value the value
   * @throws IOException if writing fails
   */
  public static void writeBooleanOmitEmpty(JsonGenerator g, String name, boolean value) throws IOException {
    if (value) {
      g.writeBooleanField(name, true);
    }
  }

  /**
   * Writes a {@code *time.Time} field unless it is null ({@code json:",omitempty"}), in
   * {@link #formatTime}'s form.
   *
   * @param g the generator
   * @param name the field name
   * @param time the time, or null
   * @throws IOException if writing fails
   */
  public static void writeTimeOmitEmpty(JsonGenerator g, String name, OffsetDateTime time) throws IOException {
    if (time != null) {
      g.writeStringField(name, formatTime(time));
    }
  }

  /**
   * Go's {@code time.RFC3339Nano} layout, as {@code time.Time} marshals itself: trailing zeros
   * of the fraction dropped, {@code Z} for a zero offset.
   *
   * @param t the time
   * @return the text
   */
  public static String formatTime(OffsetDateTime t) {
    StringBuilder b = new StringBuilder(35);
    pad(b, t.getYear(), 4);
    b.append('-');
    pad(b, t.getMonthValue(), 2);
    b.append('-');
    pad(b, t.getDayOfMonth(), 2);
    b.append('T');
    pad(b, t.getHour(), 2);
    b.append(':');
    pad(b, t.getMinute(), 2);
    b.append(':');
    pad(b, t.getSecond(), 2);
    int nanos = t.getNano();
    if (nanos != 0) {
      StringBuilder frac = new StringBuilder();
      pad(frac, nanos, 9);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      b.append('.').append(frac, 0, end);
    }
    int off = t.getOffset().getTotalSeconds();
    if (off == 0) {
      b.append('Z');
    } else {
      b.append(off < 0 ? '-' : '+');
      int minutes = Math.abs(off) / 60;
      pad(b, minutes / 60, 2);
      b.append(':');
      pad(b, minutes % 60, 2);
    }
    return b.toString();
  }

  private static void pad(StringBuilder b, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    b.append(s);
  }

  /**
   * A parser over {@code data} with Go's input rules: invalid UTF-8 becomes U+FFFD byte by byte
   * before parsing, and string values and names ({@code getText}, {@code getValueAsString},
   * {@code currentName}) have lone surrogates replaced by U+FFFD.
   *
   * <p>Hand-written decoding: jackson-core rejects invalid UTF-8 ("Invalid UTF-8 start byte")
   * where Go's decoder replaces each invalid byte inside a string with U+FFFD; the JDK's
   * decoder replaces a maximal invalid sequence with one U+FFFD, Go one per byte
   * ({@link GoUtf8#decodeRune}).
   *
   * @param data the document
   * @return the parser
   */
  public static JsonParser parser(byte[] data) {
    return parser(decodeUtf8(data));
  }

  /**
   * A parser over text already decoded (for example with {@link #decodeUtf8}); string values
   * and names have lone surrogates replaced by U+FFFD, as {@link #parser(byte[])}.
   *
   * @param text the document
   * @return the parser
   */
  public static JsonParser parser(String text) {
    try {
      return new GoParser(FACTORY.createParser(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the value at the parser's current token as {@code json.Unmarshal} into an
   * {@code any} does: objects as {@link Map} (in document order; a duplicate name keeps its
   * first position and its last value), arrays as {@link List}, strings, {@link Boolean},
   * numbers as {@link Double} (Go's float64), {@code null}. Leaves the parser on the value's
   * last token.
   *
   * @param p a parser from {@link #parser}, positioned on a value's first token
   * @return the value
   * @throws IOException if the document is not JSON
   */
  public static Object readValue(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new JsonParseException(p, "unexpected end of JSON input");
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, readValue(p));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(readValue(p));
        }
        return l;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new JsonParseException(p, "unexpected token " + t);
    }
  }

  /**
   * Decodes UTF-8 as Go does when it reads text: each invalid byte becomes U+FFFD.
   *
   * @param data bytes
   * @return the text
   */
  public static String decodeUtf8(byte[] data) {
    if (GoUtf8.valid(data)) {
      return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }
    StringBuilder b = new StringBuilder(data.length);
    for (int i = 0; i < data.length; ) {
      long d = GoUtf8.decodeRune(data, i, data.length);
      b.appendCodePoint((int) (d >>> 3));
      i += (int) (d & 7);
    }
    return b.toString();
  }

  /**
   * encoding/json's scanner's quoteChar of the character at {@code off} of {@code text} ({@link
   * #decodeUtf8}'s text of {@code data}), as each release names it in a syntax error: an ASCII
   * character as strconv.QuoteRune ({@code '\a'}, {@code '\x01'}, {@code '\''}: every release);
   * any other up to Go 1.26 the first byte of its UTF-8 as a rune ({@code 'Ã'} for é, U+0080
   * for a byte 0x80), from Go 1.27 (json/v2) the rune ({@code 'é'}) or {@code '\xff'}
   * for a byte that is not UTF-8. Measured with go1.19, go1.21 and go1.27 ({@code
   * InfoJsonTest.invalidCharacterAsGo}, {@code ReuseFileTest.reuseAsGo}).
   *
   * @param data the bytes
   * @param text their text
   * @param off an index in {@code text}
   * @param goMinor the Go release's minor version
   * @return the quoted character ({@code '?'} when {@code off} is outside the text)
   */
  public static String quoteChar(byte[] data, String text, int off, int goMinor) {
    if (off < 0 || off >= text.length()) {
      return "'?'";
    }
    int cp = text.codePointAt(off);
    if (cp < 0x80) {
      return GoQuote.quoteRune(cp);
    }
    int at = Math.min(byteOffset(data, off), data.length - 1);
    if (goMinor < 27) {
      return GoQuote.quoteRune(data[at] & 0xFF);
    }
    long d = GoUtf8.decodeRune(data, at, data.length);
    if ((d & 7) == 1 && (int) (d >>> 3) == GoUtf8.RUNE_ERROR) {
      return "'\\x" + String.format("%02x", data[at] & 0xFF) + "'";
    }
    return GoQuote.quoteRune((int) (d >>> 3));
  }

  /**
   * Where the character at {@code off} of {@link #decodeUtf8}'s text of {@code data} begins in
   * {@code data} ({@code data.length} for the text's end).
   *
   * @param data the bytes
   * @param off an index in their text
   * @return the index in {@code data}
   */
  public static int byteOffset(byte[] data, int off) {
    int at = 0;
    for (int chars = 0; chars < off && at < data.length; ) {
      long d = GoUtf8.decodeRune(data, at, data.length);
      chars += Character.charCount((int) (d >>> 3));
      at += (int) (d & 7);
    }
    return at;
  }

  /**
   * Replaces each UTF-16 surrogate without its partner by U+FFFD: what Go's decoder makes of
   * <code>"&#92;ud800"</code>, and what a Go string holds where a Java string has a lone surrogate.
   * Hand-written: jackson-core passes lone surrogates through when reading and writing.
   *
   * @param s text
   * @return text that is valid UTF-16
   */
  public static String replaceLoneSurrogates(String s) {
    if (GoUtf8.validString(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  /**
   * Reports whether a JSON object key selects a Go struct field, as {@code encoding/json} does:
   * an exact match, else a case-insensitive one where the Kelvin sign K folds to {@code k} and
   * the long s to {@code s}. Hand-written: jackson-core's streaming parser has no field
   * matching, and jackson-databind's case-insensitive matching uses Java's folding rules.
   *
   * @param key the key in the document
   * @param field the Go field's name (ASCII)
   * @return whether Go would store the value in that field
   */
  public static boolean fieldNameMatches(String key, String field) {
    if (key.equals(field)) {
      return true;
    }
    int i = 0;
    int j = 0;
    while (i < key.length() && j < field.length()) {
      int a = key.codePointAt(i);
      i += Character.charCount(a);
      int b = field.charAt(j++);
      if (a == b) {
        continue;
      }
      int folded;
      if (a == 0x212A) {
        folded = 'k';
      } else if (a == 0x017F) {
        folded = 's';
      } else if (a < 0x80) {
        folded = Character.toLowerCase(a);
      } else {
        return false;
      }
      if (folded != Character.toLowerCase(b)) {
        return false;
      }
    }
    return i == key.length() && j == field.length();
  }

  /** Strings written as a Go string would be: lone surrogates as U+FFFD. */
  private static final class GoStrings extends JsonGeneratorDelegate {
    GoStrings(JsonGenerator g) {
      super(g, false);
    }

    @Override
    public void writeString(String text) throws IOException {
      super.writeString(text == null ? null : replaceLoneSurrogates(text));
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
      writeString(new String(text, offset, len));
    }

    @Override
    public void writeFieldName(String name) throws IOException {
      super.writeFieldName(replaceLoneSurrogates(name));
    }
  }

  /** Strings read as Go's decoder reads them: lone surrogate escapes as U+FFFD. */
  private static final class GoParser extends JsonParserDelegate {
    GoParser(JsonParser p) {
      super(p);
    }

    @Override
    public String getText() throws IOException {
      String t = super.getText();
      return t == null ? null : replaceLoneSurrogates(t);
    }

    @Override
    public String getValueAsString() throws IOException {
      String t = super.getValueAsString();
      return t == null ? null : replaceLoneSurrogates(t);
    }

    @Override
    public String getValueAsString(String defaultValue) throws IOException {
      String t = super.getValueAsString(defaultValue);
      return t == null ? null : replaceLoneSurrogates(t);
    }

    @Override
    public String currentName() throws IOException {
      String n = super.currentName();
      return n == null ? null : replaceLoneSurrogates(n);
    }
  }
}
