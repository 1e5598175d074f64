package io.github.goproxy4j.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.client.internal.json.JsonSyntax;
import io.github.goproxy4j.client.internal.json.TimeParse;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoUtf8;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code .info} document: decoded as Go's {@code encoding/json} decodes it into
 * {@code RevInfo} (field names matched case-insensitively with Go's folding, unknown fields
 * ignored, {@code null} leaves a field unset, the last duplicate wins, invalid UTF-8 read as
 * U+FFFD), and encoded as {@code json.Marshal} encodes it (field order, omitempty, HTML-safe
 * escaping, RFC 3339 time with trailing zeros of the fraction dropped). Both on jackson-core
 * through {@link GoJson}; what is hand-written here is Go's error text, which jackson-core's
 * messages do not resemble.
 */
final class InfoJson {
  /** Go's {@code codehost.Origin} fields in declaration order up to Go 1.21. */
  private static final List<String> ORIGIN_FIELDS_GO_1_21 =
      List.of("VCS", "URL", "Subdir", "TagPrefix", "TagSum", "Ref", "Hash", "RepoSum");

  /** Go 1.22 moved {@code Hash} after {@code Subdir}. */
  private static final List<String> ORIGIN_FIELDS =
      List.of("VCS", "URL", "Subdir", "Hash", "TagPrefix", "TagSum", "Ref", "RepoSum");

  private InfoJson() {}

  /** A document Go's decoder rejects; the message is Go's error text. */
  static final class MalformedInfoException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedInfoException(String message) {
      super(message);
    }
  }

  /**
   * Decodes an {@code .info} body as the newest Go does.
   *
   * @param data the body
   * @return the info
   * @throws MalformedInfoException with Go's json error text when Go would reject it
   */
  static VersionInfo parse(byte[] data) throws MalformedInfoException {
    return parse(data, Integer.MAX_VALUE);
  }

  /**
   * Decodes an {@code .info} body as Go 1.{@code goMinor} does. Which documents are accepted
   * and what they decode to is the same in every release; the error reported differs:
   * <ul>
   *   <li>a {@code Time} that is not a string: Go 1.19 reports time's parse error, 1.20 to 1.26
   *       "Time.UnmarshalJSON: input is not a JSON string", 1.27 a type error;
   *   <li>up to 1.26 an error about {@code Time} wins over type errors of other fields; 1.27
   *       (encoding/json on json/v2) reports the first error of the document;
   *   <li>type errors name the field by its Go name up to 1.26 ({@code RevInfo.Version},
   *       {@code Origin.Origin.VCS}), by the names written in the document from 1.27
   *       ({@code RevInfo.version}, {@code RevInfo.origin.vcs}).
   * </ul>
   *
   * @param data the body
   * @param goMinor the Go release's minor number
   * @return the info
   * @throws MalformedInfoException with Go's json error text when Go would reject it
   */
  static VersionInfo parse(byte[] data, int goMinor) throws MalformedInfoException {
    String text = GoJson.decodeUtf8(data);
    DecodeErrors errors = new DecodeErrors(goMinor);
    try (JsonParser p = GoJson.parser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new MalformedInfoException("unexpected end of JSON input");
      }
      String version = "";
      OffsetDateTime time = VersionInfo.ZERO_TIME;
      boolean numericZeroOffset = false;
      Map<String, String> origin = null;
      if (t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          if (GoJson.fieldNameMatches(name, "Version")) {
            if (v == JsonToken.VALUE_STRING) {
              version = p.getText();
            } else if (v != JsonToken.VALUE_NULL) {
              errors.typeMismatch(v, errors.field(name, "Version"), "string");
              p.skipChildren();
            }
          } else if (GoJson.fieldNameMatches(name, "Time")) {
            if (v == JsonToken.VALUE_STRING) {
              int start = (int) p.currentTokenLocation().getCharOffset();
              String value = p.getText();
              int end = (int) p.currentLocation().getCharOffset();
              try {
                if (!errors.timeFailed()) {
                  time = parseTime(value, data, text, start, end, goMinor);
                  numericZeroOffset = value.endsWith("+00:00") || value.endsWith("-00:00");
                }
              } catch (MalformedInfoException e) {
                errors.time(e.getMessage());
              }
            } else if (v != JsonToken.VALUE_NULL) {
              errors.timeNotString(v, rawText(p, v), errors.field(name, "Time"));
            }
          } else if (GoJson.fieldNameMatches(name, "Origin")) {
            if (v == JsonToken.START_OBJECT) {
              // Decoding into an existing *Origin keeps the fields an earlier "Origin" set.
              origin = origin == null ? new HashMap<>() : origin;
              readOrigin(p, origin, name, errors);
            } else if (v == JsonToken.VALUE_NULL) {
              origin = null;
            } else {
              errors.typeMismatch(v, errors.field(name, "Origin"), "codehost.Origin");
              p.skipChildren();
            }
          } else {
            p.skipChildren();
          }
        }
      } else if (t != JsonToken.VALUE_NULL) {
        if (t == JsonToken.VALUE_STRING) {
          p.getText(); // read it whole: a string cut off or broken is the document's syntax error
        }
        p.skipChildren();
        errors.report("json: cannot unmarshal " + kind(t) + " into Go value of type modfetch.RevInfo");
      }
      int end = (int) p.currentLocation().getCharOffset();
      JsonToken trailing;
      try {
        trailing = p.nextToken();
      } catch (JsonProcessingException e) {
        trailing = JsonToken.NOT_AVAILABLE;
      }
      if (trailing != null) {
        throw new MalformedInfoException(
            "invalid character " + GoJson.quoteChar(data, text, nextNonSpace(text, end), goMinor) + " after top-level value");
      }
      if (errors.reported() != null) {
        throw new MalformedInfoException(errors.reported());
      }
      VersionInfo info = VersionInfo.of(version, time, origin == null ? null : new VersionInfo.Origin(
          origin.getOrDefault("VCS", ""), origin.getOrDefault("URL", ""), origin.getOrDefault("Subdir", ""),
          origin.getOrDefault("TagPrefix", ""), origin.getOrDefault("TagSum", ""), origin.getOrDefault("Ref", ""),
          origin.getOrDefault("Hash", ""), origin.getOrDefault("RepoSum", "")));
      return numericZeroOffset ? info.withNumericZeroOffset() : info;
    } catch (JsonProcessingException e) {
      throw new MalformedInfoException(syntaxError(data, text, e, goMinor));
    } catch (IOException e) {
      throw new MalformedInfoException(String.valueOf(e.getMessage()));
    }
  }

  /**
   * json.Unmarshal's syntax error for a document whose first value jackson-core failed to read
   * ({@link JsonSyntax}, as the CLI's -reuse files): encoding/json's scanner validates the whole
   * document first, and at its end go1.19-go1.26 step it over a space, so that a number or literal
   * cut off there is {@code invalid character ' ' in numeric literal} ({@code in literal false
   * (expecting 'a')}), anything else cut off {@code unexpected end of JSON input}, go1.27's json/v2
   * the latter for every value cut off.
   */
  private static String syntaxError(byte[] data, String text, JsonProcessingException first, int goMinor) {
    String doc = goMinor < 27 ? text + " " : text;
    byte[] bytes = data;
    if (goMinor < 27) {
      bytes = Arrays.copyOf(data, data.length + 1);
      bytes[data.length] = ' ';
    }
    int pos = nextNonSpace(doc, 0);
    if (pos < doc.length() && "{[\"-0123456789tfn".indexOf(doc.charAt(pos)) < 0) {
      return "invalid character " + GoJson.quoteChar(bytes, doc, pos, goMinor) + " looking for beginning of value";
    }
    JsonParser p = null;
    try {
      p = GoJson.parser(doc);
      int depth = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_STRING) {
          p.getText(); // a string's escapes are read when its text is
        }
        depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
        if (depth == 0) {
          break;
        }
      }
      return scannerFallback(data, text, first, goMinor); // the second reading found no error
    } catch (JsonProcessingException e) {
      try {
        if (!String.valueOf(e.getOriginalMessage()).startsWith("Unrecognized token") // a literal: JsonSyntax's
            && JsonSyntax.validBeginning(doc.substring(pos))) {
          return "unexpected end of JSON input"; // the document ends inside the value
        }
        String msg = JsonSyntax.error(e, p, doc, bytes, goMinor, "modfetch.RevInfo", false);
        return msg.equals("unexpected EOF") ? "unexpected end of JSON input" : msg;
      } catch (JsonSyntax.NotModelled | IOException notModelled) {
        return scannerFallback(data, text, first, goMinor);
      }
    } catch (IOException e) {
      return String.valueOf(e.getMessage());
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException e) {
          // a String source: nothing to release
        }
      }
    }
  }

  /**
   * Where {@link JsonSyntax} has no rule for jackson-core's message: the character it names,
   * {@code looking for beginning of value} (goproxy's approximation).
   */
  private static String scannerFallback(byte[] data, String text, JsonProcessingException e, int goMinor) {
    if (e instanceof JsonEOFException) {
      return "unexpected end of JSON input";
    }
    int off = e.getLocation() == null ? -1 : (int) e.getLocation().getCharOffset();
    if (off > 0 && text.charAt(off - 1) < 0x20 && " \t\n\r".indexOf(text.charAt(off - 1)) < 0) {
      off--; // jackson-core reports a control character with the offset after it
    }
    return "invalid character " + GoJson.quoteChar(data, text, off, goMinor) + " looking for beginning of value";
  }

  /** Reads an {@code Origin} object's members into {@code fields} (last duplicate wins). */
  private static void readOrigin(JsonParser p, Map<String, String> fields, String originKey, DecodeErrors errors)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken v = p.nextToken();
      String field = ORIGIN_FIELDS.stream().filter(f -> GoJson.fieldNameMatches(key, f)).findFirst().orElse(null);
      if (field == null) {
        p.skipChildren();
      } else if (v == JsonToken.VALUE_STRING) {
        fields.put(field, p.getText());
      } else if (v != JsonToken.VALUE_NULL) {
        errors.typeMismatch(v, errors.originField(originKey, key, field), "string");
        p.skipChildren();
      }
    }
  }

  /** The decoding errors of one document and the one Go 1.{@code goMinor} reports. */
  private static final class DecodeErrors {
    private final int goMinor;
    /** An error that ends decoding (a Time that does not decode, before Go 1.27). */
    private String fatal;
    /** The first error that decoding continues after (type errors; every error from Go 1.27). */
    private String saved;

    DecodeErrors(int goMinor) {
      this.goMinor = goMinor;
    }

    private boolean jsonV2() {
      return goMinor >= 27;
    }

    /** How a type error names a RevInfo field written as {@code key}. */
    String field(String key, String goName) {
      return "RevInfo." + (jsonV2() ? key : goName);
    }

    /** How a type error names an Origin field written as {@code key} inside {@code originKey}. */
    String originField(String originKey, String key, String goName) {
      return jsonV2() ? "RevInfo." + originKey + "." + key : "Origin.Origin." + goName;
    }

    void report(String message) {
      if (saved == null) {
        saved = message;
      }
    }

    void typeMismatch(JsonToken t, String field, String goType) {
      report("json: cannot unmarshal " + kind(t) + " into Go struct field " + field + " of type " + goType);
    }

    boolean timeFailed() {
      return fatal != null;
    }

    void time(String message) {
      if (jsonV2()) {
        report(message);
      } else if (fatal == null) {
        fatal = message;
      }
    }

    void timeNotString(JsonToken t, String raw, String field) {
      if (jsonV2()) {
        typeMismatch(t, field, "time.Time");
      } else if (goMinor >= 20) {
        time("Time.UnmarshalJSON: input is not a JSON string");
      } else {
        time("parsing time " + goQuote(raw) + " as \"\\\"2006-01-02T15:04:05Z07:00\\\"\": cannot parse "
            + goQuote(raw) + " as \"\\\"\"");
      }
    }

    String reported() {
      return fatal != null ? fatal : saved;
    }
  }

  private static String rawText(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return t == JsonToken.START_OBJECT ? "{...}" : "[...]";
    }
    return p.getText();
  }

  private static String kind(JsonToken t) {
    switch (t) {
      case START_OBJECT:
        return "object";
      case START_ARRAY:
        return "array";
      case VALUE_STRING:
        return "string";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "bool";
      default:
        return "number";
    }
  }

  private static int nextNonSpace(String text, int i) {
    while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  /**
   * Go's {@code time.Time.UnmarshalJSON} of a JSON string's content, as the newest Go parses it.
   *
   * @param s the text
   * @return the time (a zero offset as UTC)
   * @throws MalformedInfoException with Go's error text
   */
  static OffsetDateTime parseTime(String s) throws MalformedInfoException {
    OffsetDateTime t = parseCommon(s);
    if (t != null) {
      return t;
    }
    byte[] value = s.getBytes(StandardCharsets.UTF_8);
    return parseTime(s, value, value, Integer.MAX_VALUE);
  }

  /**
   * The Time member whose string {@code value} is {@code text} from {@code start} to {@code end}
   * (the quotes included), as Go 1.{@code goMinor}'s UnmarshalJSON parses it ({@link TimeParse}):
   * Go 1.19 the JSON text with its quotes against the layout in quotes, Go 1.20 to 1.26 the text
   * between the quotes (escapes as written), Go 1.27 the decoded string.
   */
  private static OffsetDateTime parseTime(String value, byte[] data, String text, int start, int end, int goMinor)
      throws MalformedInfoException {
    OffsetDateTime t = parseCommon(value);
    if (t != null && end - start == value.length() + 2) {
      return t; // no escape: the same text to every release, and one go takes
    }
    byte[] decoded = value.getBytes(StandardCharsets.UTF_8);
    byte[] parsed = decoded;
    if (goMinor < 27) {
      int from = GoJson.byteOffset(data, start);
      int to = GoJson.byteOffset(data, end);
      parsed = goMinor < 20 ? Arrays.copyOfRange(data, from, to) : Arrays.copyOfRange(data, from + 1, to - 1);
    }
    return parseTime(value, decoded, parsed, goMinor);
  }

  private static OffsetDateTime parseTime(String value, byte[] decoded, byte[] parsed, int goMinor)
      throws MalformedInfoException {
    Optional<String> error = TimeParse.error(parsed, goMinor < 20, goMinor);
    if (error.isPresent()) {
      throw new MalformedInfoException(error.get());
    }
    Optional<OffsetDateTime> t = TimeParse.value(decoded, goMinor);
    if (t.isEmpty()) {
      // Go parses it; java.time's offsets end at 18 hours.
      throw new MalformedInfoException("parsing time " + TimeParse.quote(decoded, 0, decoded.length)
          + ": time zone offset beyond java.time's 18 hours (go takes it; goproxy4j cannot)");
    }
    return t.get();
  }

  /**
   * The times proxies send, {@code 2006-01-02T15:04:05[.999999999](Z|-07:00)} with fields in
   * range, read without java.time's formatter, whose first parses cost a command-line JVM more
   * than the rest of a .info file; null for anything else, which {@link TimeParse} then reads or
   * rejects as go does.
   */
  static OffsetDateTime parseCommon(String s) {
    int n = s.length();
    if (n < 20 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 2) || s.charAt(7) != '-'
        || !digits(s, 8, 2) || s.charAt(10) != 'T' || !digits(s, 11, 2) || s.charAt(13) != ':'
        || !digits(s, 14, 2) || s.charAt(16) != ':' || !digits(s, 17, 2)) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == start || i - start > 9) {
        return null;
      }
      nano = Integer.parseInt(s, start, i, 10);
      for (int k = i - start; k < 9; k++) {
        nano *= 10;
      }
    }
    try {
      ZoneOffset offset;
      if (i == n - 1 && s.charAt(i) == 'Z') {
        offset = ZoneOffset.UTC;
      } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && digits(s, i + 1, 2)
          && s.charAt(i + 3) == ':' && digits(s, i + 4, 2)) {
        int sign = s.charAt(i) == '-' ? -1 : 1;
        int mm = Integer.parseInt(s, i + 4, i + 6, 10);
        if (mm > 59) {
          return null;
        }
        offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(s, i + 1, i + 3, 10), sign * mm);
      } else {
        return null;
      }
      return OffsetDateTime.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10),
          Integer.parseInt(s, 8, 10, 10), Integer.parseInt(s, 11, 13, 10), Integer.parseInt(s, 14, 16, 10),
          Integer.parseInt(s, 17, 19, 10), nano, offset); // a zero offset is ZoneOffset.UTC
    } catch (java.time.DateTimeException e) {
      return null; // a field out of range: TimeParse's error
    }
  }

  private static boolean digits(String s, int from, int count) {
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Encodes as the newest Go's {@code json.Marshal(RevInfo)}.
   *
   * @param info the info
   * @return the JSON text, no trailing newline
   */
  static String marshal(VersionInfo info) {
    return marshal(info, Integer.MAX_VALUE);
  }

  /**
   * Encodes as {@code json.Marshal(RevInfo)} of Go 1.{@code goMinor}: the escaping of that
   * release and the field order of its {@code codehost.Origin}.
   *
   * @param info the info
   * @param goMinor the Go release's minor number
   * @return the JSON text, no trailing newline
   */
  static String marshal(VersionInfo info, int goMinor) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = GoJson.forGoMinor(goMinor).generator(out)) {
      g.writeStartObject();
      g.writeStringField("Version", info.version());
      g.writeStringField("Time", GoJson.formatTime(info.offsetTime()));
      if (info.origin().isPresent()) {
        writeOrigin(g, info.origin().get(), goMinor);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes an {@code "Origin"} member as {@code json.Marshal} of Go 1.{@code goMinor} writes a
   * {@code codehost.Origin} (its field order, empty fields left out).
   */
  static void writeOrigin(JsonGenerator g, VersionInfo.Origin o, int goMinor) throws IOException {
    Map<String, String> values = Map.of("VCS", o.vcs(), "URL", o.url(), "Subdir", o.subdir(),
        "TagPrefix", o.tagPrefix(), "TagSum", o.tagSum(), "Ref", o.ref(), "Hash", o.hash(), "RepoSum", o.repoSum());
    g.writeObjectFieldStart("Origin");
    for (String field : goMinor < 22 ? ORIGIN_FIELDS_GO_1_21 : ORIGIN_FIELDS) {
      GoJson.writeStringOmitEmpty(g, field, values.get(field));
    }
    g.writeEndObject();
  }

  /** Go's {@code %q} for ASCII-ish text (enough for error messages). */
  static String goQuote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
