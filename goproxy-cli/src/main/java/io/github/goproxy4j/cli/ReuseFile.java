package io.github.goproxy4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.internal.GoPathError;
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
 * where one should begin ({@code invalid character 'x' looking for beginning of value}). Not
 * modelled, refused with goproxy's message ({@link UsageException}): other syntax errors, a
 * field of the wrong type and a Time go does not parse, whose texts differ between releases (go1.27's
 * encoding/json runs on json/v2).
 */
final class ReuseFile {
  private ReuseFile() {}

  /** How ModulePublic's field decodes. */
  private enum Kind {
    STRING, STRINGS, BOOL, TIME, MODULE, ERROR, ORIGIN
  }

  /** What the parser read: a JSON object's members in document order, duplicates kept. */
  private record Members(List<Map.Entry<String, Object>> list) {}

  /** A JSON number (never a valid ModulePublic field). */
  private static final Object NUMBER = new Object();

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
          if (c > ' ' && c < 0x7f && c != '\'' && c != '\\') {
            return Optional.of("invalid character '" + c + "' looking for beginning of value");
          }
          throw notModelled("a value starting with U+" + String.format("%04X", (int) c));
        }
        Object value;
        try {
          p.nextToken();
          value = read(p);
        } catch (JsonProcessingException e) {
          if (validBeginning(text.substring(pos))) {
            return Optional.of("unexpected EOF"); // io.ErrUnexpectedEOF: the file ends inside a value
          }
          throw notModelled("a syntax error: " + e.getOriginalMessage());
        }
        String kind = value instanceof Members ? null : value == NULL ? null : value instanceof List ? "array"
            : value == NUMBER ? "number" : value instanceof String ? "string" : "bool";
        if (kind != null) {
          return Optional.of("json: cannot unmarshal " + kind + " into Go value of type modinfo.ModulePublic");
        }
        if (value instanceof Members m) {
          checkModule(m, minor);
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
        return NUMBER;
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

  private static void checkModule(Members m, int minor) {
    for (Map.Entry<String, Object> e : m.list()) {
      String f = field(e.getKey(), FIELDS);
      Kind k = f == null ? null : kind(f, minor);
      if (k != null) {
        check(k, f, e.getValue(), minor);
      }
    }
  }

  private static void check(Kind kind, String field, Object v, int minor) {
    if (v == NULL) {
      return;
    }
    switch (kind) {
      case STRING:
        if (v instanceof String) {
          return;
        }
        break;
      case STRINGS:
        if (v instanceof List<?> items && items.stream().allMatch(i -> i instanceof String || i == NULL)) {
          return;
        }
        break;
      case BOOL:
        if (v instanceof Boolean) {
          return;
        }
        break;
      case TIME:
        if (v instanceof String s && validTime(s)) {
          return;
        }
        break;
      case MODULE:
        if (v instanceof Members m) {
          checkModule(m, minor);
          return;
        }
        break;
      case ERROR:
        if (v instanceof String) {
          return; // ModuleError's UnmarshalJSON: "text" too
        }
        if (v instanceof Members m) {
          for (Map.Entry<String, Object> e : m.list()) {
            if (field(e.getKey(), List.of("Err")) != null) {
              check(Kind.STRING, "Error.Err", e.getValue(), minor);
            }
          }
          return;
        }
        break;
      case ORIGIN:
        if (v instanceof Members m) {
          for (Map.Entry<String, Object> e : m.list()) {
            String f = field(e.getKey(), ORIGIN_FIELDS);
            if (f != null) {
              check(Kind.STRING, "Origin." + f, e.getValue(), minor);
            }
          }
          return;
        }
        break;
      default:
        break;
    }
    throw notModelled("a value go cannot decode into " + field);
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
