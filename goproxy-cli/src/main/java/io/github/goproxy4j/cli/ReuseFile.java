package io.github.goproxy4j.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.client.internal.json.JsonSyntax;
import io.github.goproxy4j.client.internal.json.TimeParse;
import io.github.goproxy4j.internal.GoPathError;
import io.github.goproxy4j.internal.GoUtf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.IdentityHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * says which rule broke ({@link JsonSyntax}: after an object key, a key:value pair or an array
 * element, where a key or a value begins, in a literal, a number or a string), and a field of the
 * wrong type to encoding/json's UnmarshalTypeError as each release words it ({@link #typeErrors}:
 * go1.19-go1.26's innermost struct and Go field names, go1.27's json/v2 the keys as written and an
 * element's index; go1.19-go1.26 report a Time's or an Error's failure, which aborts the decoding,
 * before the first type error, go1.27 the first of them); a Time as each release's decoding
 * parses it ({@link TimeParse}: go1.19 its JSON text, a string's quotes and escapes as written or
 * an object or array, against the layout in quotes; go1.21-go1.26 the text between the quotes, a
 * non-string refused; go1.27 the decoded string, a non-string a type error); a character other
 * than ASCII, or a byte that is not UTF-8, where the scanner fails (go1.19-go1.26 scan bytes and
 * quote the first as a Latin-1 character, go1.27 quotes the character, a bad byte in hex) and
 * go1.27's escape texts (the six bytes of a cut-off Unicode escape, quoted by strconv.Quote when
 * they hold white space, a backquote, a bad byte or an unprintable character). What the mapping
 * does not know (a jackson-core message it has no rule for) is refused with goproxy's message
 * ({@link UsageException}).
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
      return decode(GoJson.decodeUtf8(data), minor, data).map(r -> "parsing " + name + ": " + r);
    } catch (JsonSyntax.NotModelled e) {
      throw new UsageException("-reuse=" + name + ": go fails on this file (" + e.getMessage()
          + ") with an encoding/json error goproxy does not model");
    }
  }

  /**
   * json.Decoder's errors over {@code text} decoding ModulePublic values until EOF.
   *
   * @return encoding/json's error text, or empty when every value decodes
   * @throws JsonSyntax.NotModelled for an error whose text is not modelled
   */
  static Optional<String> decode(String text, int minor) {
    return decode(text, minor, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@link #decode(String, int)} of a file: its bytes and their text (each byte that is not UTF-8
   * U+FFFD, as {@link GoJson#decodeUtf8}); go1.19-go1.26 scan the bytes, so such a byte is reported
   * as itself, and so is it in a Time they parse.
   */
  static Optional<String> decode(String text, int minor, byte[] data) {
    Source src = new Source(text, minor, data, GoUtf8.valid(data), new IdentityHashMap<>());
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
          return Optional.of("invalid character " + src.charName(pos) + " looking for beginning of value");
        }
        Object value;
        try {
          p.nextToken();
          value = read(p, src);
        } catch (JsonProcessingException e) {
          if (!String.valueOf(e.getOriginalMessage()).startsWith("Unrecognized token") // a literal: literalError
              && JsonSyntax.validBeginning(text.substring(pos))) {
            return Optional.of("unexpected EOF"); // io.ErrUnexpectedEOF: the file ends inside a value
          }
          return Optional.of(JsonSyntax.error(e, p, text, data, minor, "modinfo.ModulePublic", true));
        }
        if (value != NULL && !(value instanceof Members)) {
          return Optional.of("json: cannot unmarshal " + kindName(value) + " into Go value of type modinfo.ModulePublic");
        }
        if (value instanceof Members m) {
          Optional<String> error = typeErrors(m, src);
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
   * The file as go reads it: its text, the release, whether its bytes were UTF-8, and the JSON text
   * of each string, object and array value read (by identity), which go1.19-go1.26 hand a Time.
   */
  private record Source(String text, int minor, byte[] data, boolean validUtf8, Map<Object, int[]> raw) {
    /**
     * The scanner's name for the character at {@code i}: go1.19-go1.26 scan bytes and quote the
     * first byte of its UTF-8 form as a rune ({@code 'Ã'} for é, {@code 'ï'} for a byte order
     * mark), go1.27's json/v2 quotes the character ({@code 'é'}, U+FEFF escaped by strconv.QuoteRune).
     */
    String charName(int i) {
      return GoJson.quoteChar(data, text, i, minor);
    }

    /** The bytes of the file's text from {@code from} to {@code to} (indexes in {@link #text}). */
    byte[] bytes(int from, int to) {
      return java.util.Arrays.copyOfRange(data, GoJson.byteOffset(data, from), GoJson.byteOffset(data, to));
    }
  }

  /** The value at the parser's current token, read whole (every string read, so every error raised). */
  private static Object read(JsonParser p, Source src) throws IOException {
    int start = (int) p.currentTokenLocation().getCharOffset();
    Object v = readValue(p, src);
    if (v instanceof String || v instanceof Members || v instanceof List) {
      src.raw().put(v, new int[] {start, (int) p.currentLocation().getCharOffset()});
    }
    return v;
  }

  private static Object readValue(JsonParser p, Source src) throws IOException {
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
          members.add(new AbstractMap.SimpleImmutableEntry<>(name, read(p, src)));
        }
        return new Members(members);
      }
      case START_ARRAY: {
        List<Object> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, src));
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
  private static Optional<String> typeErrors(Members m, Source src) {
    int minor = src.minor();
    List<Problem> problems = new ArrayList<>();
    checkModule(m, minor, new At("ModulePublic", List.of(), List.of()), problems, src);
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

  private static void checkModule(Members m, int minor, At at, List<Problem> out, Source src) {
    for (Map.Entry<String, Object> e : m.list()) {
      String f = field(e.getKey(), FIELDS);
      Kind k = f == null ? null : kind(f, minor);
      if (k != null) {
        check(k, at.field(f, e.getKey()), e.getValue(), minor, out, src);
      }
    }
  }

  private static String typeError(Object v, At at, String goType, int minor) {
    return "json: cannot unmarshal " + kindName(v) + " into Go struct field " + at.structField(minor) + " of type " + goType;
  }

  private static void check(Kind kind, At at, Object v, int minor, List<Problem> out, Source src) {
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
        timeError(v, at, src).ifPresent(t -> out.add(new Problem(t, true)));
        return;
      case MODULE:
        if (v instanceof Members m) {
          checkModule(m, minor, at.in("ModulePublic"), out, src);
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
            check(Kind.STRING, at.in("Origin").field(f, e.getKey()), e.getValue(), minor, out, src);
          }
        }
        return;
      default:
        throw new IllegalStateException("kind " + kind);
    }
  }

  /**
   * time.Time's JSON decoding's error for a Time value, empty when it parses: go1.19's
   * UnmarshalJSON parses the value's JSON text (a string with its quotes and escapes as written, or
   * an object, array, number or bool) with the RFC 3339 layout in quotes; go1.21-go1.26's refuses a
   * non-string and parses the text between the quotes (escapes as written); go1.27's json/v2
   * reports a non-string as a type error and parses the decoded string ({@link TimeParse}).
   */
  private static Optional<String> timeError(Object v, At at, Source src) {
    int minor = src.minor();
    if (minor < 21) {
      byte[] raw = v instanceof Num n ? n.raw().getBytes(StandardCharsets.US_ASCII)
          : v instanceof Boolean b ? b.toString().getBytes(StandardCharsets.US_ASCII) : rawBytes(v, src);
      return TimeParse.error(raw, true, minor);
    }
    if (!(v instanceof String s)) {
      return Optional.of(minor >= 27 ? typeError(v, at, "time.Time", minor)
          : "Time.UnmarshalJSON: input is not a JSON string");
    }
    if (minor >= 27) {
      return TimeParse.error(s.getBytes(StandardCharsets.UTF_8), false, minor); // decoded, U+FFFD for a bad byte
    }
    byte[] raw = rawBytes(v, src);
    return TimeParse.error(java.util.Arrays.copyOfRange(raw, 1, raw.length - 1), false, minor);
  }

  /** A string's, object's or array's JSON text as the file's bytes hold it. */
  private static byte[] rawBytes(Object v, Source src) {
    int[] span = src.raw().get(v);
    return src.bytes(span[0], span[1]);
  }
}
