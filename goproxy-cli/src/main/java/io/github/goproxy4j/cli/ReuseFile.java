package io.github.goproxy4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.internal.GoPathError;
import io.github.goproxy4j.internal.GoQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * go's reading of the {@code -reuse=old.json} file of {@code go list -m} and {@code go mod
 * download} (modload.ListModules, go1.19-go1.27): os.ReadFile, then an encoding/json Decoder
 * over the data decoding modinfo.ModulePublic values until EOF. Through a module proxy go never
 * reuses what the file holds (the proxy's CheckReuse always fails), so a file go reads changes
 * nothing; a file it cannot read fails the command before anything else, {@code go: open F: no
 * such file or directory}, {@code go: read F: is a directory}, {@code go: parsing F: unexpected
 * EOF}.
 *
 * <p>Modelled: the file's open and read errors; a stream of JSON objects (and nulls) whose fields
 * have the types ModulePublic gives them (names matched as encoding/json matches them, unknown
 * ones skipped, {@code Error} a string too, as ModuleError's UnmarshalJSON takes it), a
 * {@code Time} in RFC 3339 as go prints it; a value cut off by the end of the file
 * ({@code unexpected EOF}); a value of another kind ({@code json: cannot unmarshal array into Go
 * value of type modinfo.ModulePublic}); a printable ASCII character that cannot begin a value
 * where one should begin ({@code invalid character 'x' looking for beginning of value}). The
 * syntax errors jackson-core reports are mapped to encoding/json's scanner texts where its message
 * says which rule broke ({@link #syntaxError}: after an object key, a key:value pair or an array
 * element, where a key or a value begins, in a literal, a number or a string), and a field of the
 * wrong type to encoding/json's UnmarshalTypeError as each release words it ({@link #typeErrors}:
 * go1.19-go1.26's innermost struct and Go field names, go1.27's json/v2 the keys as written and an
 * element's index; go1.19-go1.26 report a Time's or an Error's failure, which aborts the decoding,
 * before the first type error, go1.27 the first of them; a Time that is not a string, or whose
 * year does not parse, in each release's words). Not modelled, refused with goproxy's message
 * ({@link UsageException}): the rest (a Time that fails later in its layout, a non-ASCII character
 * where the scanner fails, a Unicode escape cut short on go1.27, a Time object or array, a
 * character other than ASCII after a literal).
 */
final class ReuseFile {
  private ReuseFile() {}

  /** How ModulePublic's field decodes. */
  private enum Kind {
    STRING, STRINGS, BOOL, TIME, MODULE, ERROR, ORIGIN
  }

  /** What the parser read: a JSON object's members in document order, duplicates kept. */
  private record Members(List<Map.Entry<String, Object>> list) {}

  /** A JSON number as written (never a valid ModulePublic field). */
  private record Num(String raw) {}

  /** A JSON null. */
  private static final Object NULL = new Object();

  /** The shape go list -json prints times in; java.time checks the fields' ranges. */
  private static final Pattern TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

  /** codehost.Origin's fields (all strings). */
  private static final List<String> ORIGIN_FIELDS =
      List.of("VCS", "URL", "Subdir", "Hash", "TagPrefix", "TagSum", "Ref", "RepoSum");

  /**
   * Reads the file as go does.
   *
   * @param dir the directory go runs in (a relative name is read from there)
   * @param name the flag's value
   * @param minor the go release's minor version
   * @return go's error text without its {@code go: } prefix, or empty when go reads the file
   * @throws UsageException when go fails on the file with a text goproxy does not model
   */
  static Optional<String> check(Path dir, String name, int minor) {
    Path file = dir.resolve(name);
    byte[] data;
    if (Files.isDirectory(file)) {
      return Optional.of("read " + name + ": is a directory"); // os.ReadFile opens it, its read fails (EISDIR)
    }
    try {
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      return Optional.of(GoPathError.of("open", name, e).getMessage());
    }
    try {
      return decode(GoJson.decodeUtf8(data), minor).map(r -> "parsing " + name + ": " + r);
    } catch (NotModelled e) {
      throw new UsageException("-reuse=" + name + ": go fails on this file (" + e.getMessage()
          + ") with an encoding/json error goproxy does not model");
    }
  }

  /**
   * json.Decoder's errors over {@code text} decoding ModulePublic values until EOF.
   *
   * @return encoding/json's error text, or empty when every value decodes
   * @throws NotModelled for an error whose text is not modelled
   */
  static Optional<String> decode(String text, int minor) {
    try (JsonParser p = GoJson.parser(text)) {
      int pos = 0;
      while (true) {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
          pos++;
        }
        if (pos == text.length()) {
          return Optional.empty();
        }
        char c = text.charAt(pos);
        if ("{[\"-0123456789tfn".indexOf(c) < 0) {
          if (c < 0x80) {
            return Optional.of("invalid character " + quoteChar(c) + " looking for beginning of value");
          }
          throw notModelled("a value starting with U+" + String.format("%04X", (int) c));
        }
        Object value;
        try {
          p.nextToken();
          value = read(p);
        } catch (JsonProcessingException e) {
          if (!String.valueOf(e.getOriginalMessage()).startsWith("Unrecognized token") // a literal: literalError
              && validBeginning(text.substring(pos))) {
            return Optional.of("unexpected EOF"); // io.ErrUnexpectedEOF: the file ends inside a value
          }
          return Optional.of(syntaxError(e, text, p, minor));
        }
        if (value != NULL && !(value instanceof Members)) {
          return Optional.of(NOT_A_MODULE + kindName(value) + INTO_MODULE);
        }
        if (value instanceof Members m) {
          Optional<String> error = typeErrors(m, minor);
          if (error.isPresent()) {
            return error;
          }
        }
        pos = (int) p.currentLocation().getCharOffset();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a String source does not fail to read
    }
  }

  /**
   * Whether {@code rest} (one value from its first character to the end of the file) is the
   * beginning of a JSON value, cut off by the end of the file: encoding/json's scanner finds no
   * error before the end, and go's Decoder reports {@code unexpected EOF}. jackson-core's
   * blocking parser words the end of the input differently by place (end-of-input inside an
   * array, an unrecognized token {@code tr}); its non-blocking parser answers exactly this,
   * {@code NOT_AVAILABLE} when it needs more input after accepting all it was given.
   */
  private static boolean validBeginning(String rest) throws IOException {
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

  /** The value at the parser's current token, read whole (every string read, so every error raised). */
  private static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new JsonEOFException(p, null, "end of input");
    }
    switch (t) {
      case START_OBJECT: {
        List<Map.Entry<String, Object>> members = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          members.add(new AbstractMap.SimpleImmutableEntry<>(name, read(p)));
        }
        return new Members(members);
      }
      case START_ARRAY: {
        List<Object> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p));
        }
        return items;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Num(p.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new IllegalStateException("unexpected token " + t);
    }
  }

  private static Kind kind(String field, int minor) {
    switch (field) {
      case "Path": case "Version": case "Query": case "Dir": case "GoMod": case "GoVersion": case "Deprecated":
        return Kind.STRING;
      case "Sum": case "GoModSum":
        return minor >= 23 ? Kind.STRING : null;
      case "Versions": case "Retracted":
        return Kind.STRINGS;
      case "Main": case "Indirect": case "Reuse":
        return Kind.BOOL;
      case "Time":
        return Kind.TIME;
      case "Replace": case "Update":
        return Kind.MODULE;
      case "Error":
        return Kind.ERROR;
      case "Origin":
        return Kind.ORIGIN;
      default:
        return null;
    }
  }

  /** ModulePublic's fields in declaration order (for the name a document key selects). */
  private static final List<String> FIELDS = List.of("Path", "Version", "Query", "Versions", "Replace", "Time",
      "Update", "Main", "Indirect", "Dir", "GoMod", "GoVersion", "Retracted", "Deprecated", "Error", "Sum",
      "GoModSum", "Origin", "Reuse");

  /** The field a key selects (an exact match first, else encoding/json's folded match), or null. */
  private static String field(String key, List<String> fields) {
    if (fields.contains(key)) {
      return key;
    }
    for (String f : fields) {
      if (GoJson.fieldNameMatches(key, f)) {
        return f;
      }
    }
    return null;
  }

  /** encoding/json's name for a value's kind in its errors. */
  private static String kindName(Object v) {
    return v instanceof Members ? "object" : v instanceof List ? "array" : v instanceof Num ? "number"
        : v instanceof String ? "string" : "bool";
  }

  /**
   * One decoding failure: its text, and whether it aborts the decoding in go1.19-go1.26 (an
   * UnmarshalJSON method's error: Time's, ModuleError's), where a type error is only saved and
   * the decoding goes on.
   */
  private record Problem(String text, boolean aborts) {}

  /**
   * Where a field is: the innermost struct type's name (go1.19-go1.26 name it), the Go field names
   * from ModulePublic down (go1.19-go1.26) and the keys as written (go1.27's json/v2).
   */
  private record At(String struct, List<String> goNames, List<String> keys) {
    At field(String goName, String key) {
      List<String> g = new ArrayList<>(goNames);
      g.add(goName);
      List<String> k = new ArrayList<>(keys);
      k.add(key);
      return new At(struct, g, k);
    }

    At in(String structName) {
      return new At(structName, goNames, keys);
    }

    /** UnmarshalTypeError's {@code Go struct field S.F}: per release. */
    String structField(int minor) {
      return minor >= 27 ? "ModulePublic." + String.join(".", keys) : struct + "." + String.join(".", goNames);
    }
  }

  /**
   * The error go reports for a decoded object's fields (empty: none): go1.27 the first in document
   * order, go1.19-go1.26 the first that aborts, else the first type error.
   */
  static Optional<String> typeErrors(Members m, int minor) {
    List<Problem> problems = new ArrayList<>();
    checkModule(m, minor, new At("ModulePublic", List.of(), List.of()), problems);
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    if (minor < 27) {
      for (Problem p : problems) {
        if (p.aborts()) {
          return Optional.of(p.text());
        }
      }
    }
    return Optional.of(problems.get(0).text());
  }

  private static void checkModule(Members m, int minor, At at, List<Problem> out) {
    for (Map.Entry<String, Object> e : m.list()) {
      String f = field(e.getKey(), FIELDS);
      Kind k = f == null ? null : kind(f, minor);
      if (k != null) {
        check(k, at.field(f, e.getKey()), e.getValue(), minor, out);
      }
    }
  }

  private static String typeError(Object v, At at, String goType, int minor) {
    return "json: cannot unmarshal " + kindName(v) + " into Go struct field " + at.structField(minor) + " of type " + goType;
  }

  private static void check(Kind kind, At at, Object v, int minor, List<Problem> out) {
    if (v == NULL) {
      return;
    }
    switch (kind) {
      case STRING:
        if (!(v instanceof String)) {
          out.add(new Problem(typeError(v, at, "string", minor), false));
        }
        return;
      case BOOL:
        if (!(v instanceof Boolean)) {
          out.add(new Problem(typeError(v, at, "bool", minor), false));
        }
        return;
      case STRINGS:
        if (!(v instanceof List<?> items)) {
          out.add(new Problem(typeError(v, at, "[]string", minor), false));
          return;
        }
        for (int i = 0; i < items.size(); i++) {
          Object item = items.get(i);
          if (item != NULL && !(item instanceof String)) {
            // go1.27 names the element by its index, without "Go struct field"
            out.add(new Problem(minor >= 27
                ? "json: cannot unmarshal " + kindName(item) + " into ModulePublic." + String.join(".", at.keys())
                    + "." + i + " of type string"
                : typeError(item, at, "string", minor), false));
          }
        }
        return;
      case TIME:
        timeError(v, at, minor).ifPresent(t -> out.add(new Problem(t, true)));
        return;
      case MODULE:
        if (v instanceof Members m) {
          checkModule(m, minor, at.in("ModulePublic"), out);
        } else {
          out.add(new Problem(typeError(v, at, "modinfo.ModulePublic", minor), false));
        }
        return;
      case ERROR:
        if (v instanceof String) {
          return; // ModuleError's UnmarshalJSON: "text" too
        }
        if (!(v instanceof Members m)) {
          // ModuleError's UnmarshalJSON decodes into moduleErrorNoMethods and returns its error
          out.add(new Problem(minor >= 27
              ? "json: cannot unmarshal " + kindName(v) + " into Go value of type modinfo.moduleErrorNoMethods"
              : typeError(v, at, "modinfo.moduleErrorNoMethods", minor), true));
          return;
        }
        for (Map.Entry<String, Object> e : m.list()) {
          Object err = e.getValue();
          if (field(e.getKey(), List.of("Err")) != null && err != NULL && !(err instanceof String)) {
            // the inner error's field: go1.19-go1.23 replace it by the outer one, go1.24-go1.26
            // append it, go1.27 names the inner struct alone
            String where = minor >= 27 ? "moduleErrorNoMethods." + e.getKey()
                : minor >= 24 ? at.structField(minor) + ".Err" : at.structField(minor);
            out.add(new Problem("json: cannot unmarshal " + kindName(err) + " into Go struct field " + where
                + " of type string", true));
            return; // the inner decoding's first error is the one returned
          }
        }
        return;
      case ORIGIN:
        if (!(v instanceof Members m)) {
          out.add(new Problem(typeError(v, at, "codehost.Origin", minor), false));
          return;
        }
        for (Map.Entry<String, Object> e : m.list()) {
          String f = field(e.getKey(), ORIGIN_FIELDS);
          if (f != null) {
            check(Kind.STRING, at.in("Origin").field(f, e.getKey()), e.getValue(), minor, out);
          }
        }
        return;
      default:
        throw new IllegalStateException("kind " + kind);
    }
  }

  /** RFC 3339 in Go's reference time, the layout time.Time's UnmarshalJSON parses with. */
  private static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

  /** The year at the start of a time string, as time.Parse's atoi takes four bytes of it. */
  private static final Pattern YEAR = Pattern.compile("[0-9]{4}|[+-][0-9]{3}");

  /**
   * time.Time's UnmarshalJSON's error for a Time value, empty when it parses: go1.19 parses the
   * JSON text with the layout in quotes, go1.21-go1.26 refuse a non-string, go1.27 reports a
   * non-string as a type error; a string whose year does not parse fails at {@code 2006} in every
   * release (go1.19 with the closing quote). Other failures are not modelled.
   */
  private static Optional<String> timeError(Object v, At at, int minor) {
    if (v instanceof String s) {
      if (validTime(s)) {
        return Optional.empty();
      }
      if (!s.chars().allMatch(c -> c >= ' ' && c < 0x7f && c != '"' && c != '\\')) {
        throw notModelled("a Time go does not parse: " + s);
      }
      if (s.length() >= 4 && YEAR.matcher(s.substring(0, 4)).matches()) {
        throw notModelled("a Time go does not parse after its year: " + s);
      }
      return Optional.of(minor < 21
          ? "parsing time \"\\\"" + s + "\\\"\" as \"\\\"" + RFC3339 + "\\\"\": cannot parse \"" + s + "\\\"\" as \"2006\""
          : "parsing time \"" + s + "\" as \"" + RFC3339 + "\": cannot parse \"" + s + "\" as \"2006\"");
    }
    if (minor >= 27) {
      if (v instanceof Members || v instanceof List) {
        throw notModelled("a Time that is an " + kindName(v));
      }
      return Optional.of(typeError(v, at, "time.Time", minor));
    }
    if (minor >= 21) {
      return Optional.of("Time.UnmarshalJSON: input is not a JSON string");
    }
    String raw = v instanceof Num n ? n.raw() : v instanceof Boolean b ? b.toString() : null;
    if (raw == null) {
      throw notModelled("a Time that is an " + kindName(v));
    }
    return Optional.of("parsing time \"" + raw + "\" as \"\\\"" + RFC3339 + "\\\"\": cannot parse \"" + raw
        + "\" as \"\\\"\"");
  }

  /** The code of the character a jackson-core message names ({@code (code 34)}), or -1. */
  private static final Pattern CODE = Pattern.compile("code (\\d+)\\)");

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
  static String syntaxError(JsonProcessingException e, String text, JsonParser p, int minor) {
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
      if (minor >= 27 && c >= 0 && c < 0x80) {
        return "invalid escape sequence `\\" + (char) c + "` in string";
      }
      where = "in string escape code";
    } else if (msg.contains("expected a hex-digit for character escape sequence") && minor < 27) {
      where = "in \\u hexadecimal character escape";
    } else if (CLOSE.matcher(msg).find()) {
      java.util.regex.Matcher m = CLOSE.matcher(msg);
      m.find();
      c = m.group(1).charAt(0);
      char before = before(text, offset);
      where = m.group(2).equals("}") ? (before == '{' ? "looking for beginning of object key string" : "after object key:value pair")
          : before == '[' ? "looking for beginning of value" : "after array element";
    } else if (msg.startsWith("Unrecognized token") && offset >= 0 && offset < text.length()) {
      return literalError(text, offset, p);
    } else if (msg.startsWith("Invalid numeric value: Leading zeroes not allowed") && offset >= 0 && offset < text.length()) {
      c = text.charAt(offset); // the number ended at its 0: this character follows a value
      where = afterValue(p);
      if (where == null) {
        return NOT_A_MODULE + "number" + INTO_MODULE; // go's Decoder took the 0 as a whole value
      }
    } else if (msg.contains("Expected space separating root-level values")) {
      return NOT_A_MODULE + "number" + INTO_MODULE; // the number at the top level is a whole value to go
    }
    if (where == null || c < 0 || c >= 0x80) {
      throw notModelled("a syntax error: " + msg);
    }
    return "invalid character " + quoteChar(c) + " " + where;
  }

  private static final String NOT_A_MODULE = "json: cannot unmarshal ";
  private static final String INTO_MODULE = " into Go value of type modinfo.ModulePublic";

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
  private static String literalError(String text, int offset, JsonParser p) {
    char first = text.charAt(offset);
    String literal = first == 't' ? "true" : first == 'f' ? "false" : first == 'n' ? "null" : null;
    if (literal == null) {
      if (first >= 0x80) {
        throw notModelled("a value starting with U+" + String.format("%04X", (int) first));
      }
      return "invalid character " + quoteChar(first) + " looking for beginning of value";
    }
    for (int i = 1; i < literal.length(); i++) {
      if (offset + i >= text.length()) {
        return "unexpected EOF"; // the file ends inside the literal: io.ErrUnexpectedEOF
      }
      char c = text.charAt(offset + i);
      if (c != literal.charAt(i)) {
        if (c >= 0x80) {
          throw notModelled("a literal with U+" + String.format("%04X", (int) c));
        }
        return "invalid character " + quoteChar(c) + " in literal " + literal + " (expecting "
            + quoteChar(literal.charAt(i)) + ")";
      }
    }
    int after = offset + literal.length();
    String where = afterValue(p);
    if (where == null && !literal.equals("null")) {
      return NOT_A_MODULE + "bool" + INTO_MODULE; // at the top level go's Decoder takes it as a whole value
    }
    if (after >= text.length() || text.charAt(after) >= 0x80) {
      throw notModelled("a literal followed by more");
    }
    // a top-level null decodes to nothing: what follows begins the next value
    return "invalid character " + quoteChar(text.charAt(after)) + " "
        + (where == null ? "looking for beginning of value" : where);
  }

  /**
   * encoding/json's quoteChar of an ASCII character ({@code '\\''}, {@code '"'}, else strconv.Quote's
   * escape in single quotes), which for ASCII is strconv.QuoteRune's form; every caller has
   * checked the character is ASCII.
   */
  private static String quoteChar(int c) {
    return GoQuote.quoteRune(c);
  }

  /** A time as go list -json prints it (RFC 3339, fields in range), which every release parses. */
  private static boolean validTime(String s) {
    if (!TIME.matcher(s).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static NotModelled notModelled(String what) {
    return new NotModelled(what);
  }

  /** A file go fails to decode with an error whose text goproxy does not model; the message says what is wrong. */
  static final class NotModelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotModelled(String what) {
      super(what, null, false, false);
    }
  }
}
