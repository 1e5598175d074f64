package io.github.goproxy4j.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * The {@code .info} document: decoded as Go's {@code encoding/json} decodes it into
 * {@code RevInfo} (field names matched case-insensitively with Go's folding, unknown fields
 * ignored, {@code null} leaves a field unset, the last duplicate wins), and encoded as
 * {@code json.Marshal} encodes it (field order, omitempty, HTML-safe escaping, RFC 3339 time
 * with trailing zeros of the fraction dropped).
 */
final class InfoJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  private static final DateTimeFormatter RFC3339 =
      new DateTimeFormatterBuilder()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 2)
          .appendLiteral('-')
          .appendValue(ChronoField.DAY_OF_MONTH, 2)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT);

  private InfoJson() {}

  /** A document Go's decoder rejects; the message is Go's error text. */
  static final class MalformedInfoException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedInfoException(String message) {
      super(message);
    }
  }

  /**
   * Decodes an {@code .info} body.
   *
   * @param data the body
   * @return the info
   * @throws MalformedInfoException with Go's json error text when Go would reject it
   */
  static VersionInfo parse(byte[] data) throws MalformedInfoException {
    String text = decodeUtf8Leniently(data);
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new MalformedInfoException("unexpected end of JSON input");
      }
      String version = "";
      OffsetDateTime time = VersionInfo.ZERO_TIME;
      VersionInfo.Origin origin = null;
      String typeError = null;
      String timeError = null;
      if (t == JsonToken.START_OBJECT) {
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          if (goFoldEquals(name, "Version")) {
            if (v == JsonToken.VALUE_STRING) {
              version = p.getText();
            } else if (v != JsonToken.VALUE_NULL) {
              if (typeError == null) {
                typeError = typeError(v, "RevInfo.Version", "string");
              }
              p.skipChildren();
            }
          } else if (goFoldEquals(name, "Time")) {
            if (v == JsonToken.VALUE_STRING) {
              if (timeError == null) {
                try {
                  time = parseTime(p.getText());
                } catch (MalformedInfoException e) {
                  timeError = e.getMessage();
                }
              }
            } else if (v != JsonToken.VALUE_NULL && timeError == null) {
              String raw = rawText(p, v);
              timeError = "parsing time " + goQuote(raw)
                  + " as \"\\\"2006-01-02T15:04:05Z07:00\\\"\": cannot parse " + goQuote(raw)
                  + " as \"\\\"\"";
            } else if (v != JsonToken.VALUE_NULL) {
              p.skipChildren();
            }
          } else if (goFoldEquals(name, "Origin")) {
            if (v == JsonToken.START_OBJECT) {
              String[] f = {"", "", "", "", "", "", "", ""};
              String[] names = {"VCS", "URL", "Subdir", "TagPrefix", "TagSum", "Ref", "Hash", "RepoSum"};
              if (origin != null) {
                f[0] = origin.vcs();
                f[1] = origin.url();
                f[2] = origin.subdir();
                f[3] = origin.tagPrefix();
                f[4] = origin.tagSum();
                f[5] = origin.ref();
                f[6] = origin.hash();
                f[7] = origin.repoSum();
              }
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String on = p.currentName();
                JsonToken ov = p.nextToken();
                int idx = -1;
                for (int i = 0; i < names.length; i++) {
                  if (goFoldEquals(on, names[i])) {
                    idx = i;
                    break;
                  }
                }
                if (idx < 0) {
                  p.skipChildren();
                } else if (ov == JsonToken.VALUE_STRING) {
                  f[idx] = p.getText();
                } else if (ov != JsonToken.VALUE_NULL) {
                  if (typeError == null) {
                    typeError = typeError(ov, "Origin.Origin." + names[idx], "string");
                  }
                  p.skipChildren();
                }
              }
              origin = new VersionInfo.Origin(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
            } else if (v == JsonToken.VALUE_NULL) {
              origin = null;
            } else {
              if (typeError == null) {
                typeError = typeError(v, "RevInfo.Origin", "codehost.Origin");
              }
              p.skipChildren();
            }
          } else {
            p.skipChildren();
          }
        }
      } else if (t != JsonToken.VALUE_NULL) {
        p.skipChildren();
        typeError = "json: cannot unmarshal " + kind(t) + " into Go value of type modfetch.RevInfo";
      }
      JsonToken trailing;
      try {
        trailing = p.nextToken();
      } catch (JsonProcessingException e) {
        trailing = JsonToken.NOT_AVAILABLE;
      }
      if (trailing != null) {
        throw new MalformedInfoException(
            "invalid character " + quoteChar(text, firstNonSpaceAfterTopLevel(text, -1))
                + " after top-level value");
      }
      if (timeError != null) {
        throw new MalformedInfoException(timeError);
      }
      if (typeError != null) {
        throw new MalformedInfoException(typeError);
      }
      return VersionInfo.of(version, time, origin);
    } catch (JsonEOFException e) {
      throw new MalformedInfoException("unexpected end of JSON input");
    } catch (JsonProcessingException e) {
      throw new MalformedInfoException(
          "invalid character " + quoteChar(text, e.getLocation() == null ? -1
              : (int) e.getLocation().getCharOffset()) + " looking for beginning of value");
    } catch (IOException e) {
      throw new MalformedInfoException(String.valueOf(e.getMessage()));
    }
  }

  private static String rawText(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return t == JsonToken.START_OBJECT ? "{...}" : "[...]";
    }
    return p.getText();
  }

  private static String typeError(JsonToken t, String field, String goType) {
    return "json: cannot unmarshal " + kind(t) + " into Go struct field " + field + " of type "
        + goType;
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

  private static int firstNonSpaceAfterTopLevel(String text, int hint) {
    // Walk the text with a small scanner to find the end of the first top-level value.
    int depth = 0;
    boolean inString = false;
    boolean started = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
          if (depth == 0) {
            return nextNonSpace(text, i + 1);
          }
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (started && depth == 0) {
          return nextNonSpace(text, i);
        }
        continue;
      }
      if (c == '"') {
        inString = true;
        started = true;
      } else if (c == '{' || c == '[') {
        depth++;
        started = true;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return nextNonSpace(text, i + 1);
        }
      } else {
        started = true;
      }
    }
    return hint;
  }

  private static int nextNonSpace(String text, int i) {
    while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  private static String quoteChar(String text, int off) {
    if (off < 0 || off >= text.length()) {
      return "'?'";
    }
    int cp = text.codePointAt(off);
    if (cp == '\'') {
      return "'\\''";
    }
    if (cp == '"') {
      return "'\"'";
    }
    if (cp < 0x20) {
      return "'\\x" + String.format("%02x", cp) + "'";
    }
    return "'" + new String(Character.toChars(cp)) + "'";
  }

  private static OffsetDateTime parseTime(String s) throws MalformedInfoException {
    try {
      OffsetDateTime t = OffsetDateTime.parse(s, RFC3339);
      if (t.getOffset().getTotalSeconds() == 0) {
        t = t.withOffsetSameInstant(ZoneOffset.UTC);
      }
      return t;
    } catch (DateTimeParseException e) {
      throw new MalformedInfoException(
          "parsing time " + goQuote("\"" + s + "\"")
              + " as \"\\\"2006-01-02T15:04:05Z07:00\\\"\": cannot parse " + goQuote(s + "\"")
              + " as RFC 3339");
    }
  }

  /**
   * Reports whether a JSON key selects a Go struct field, as {@code encoding/json} does: an
   * exact match, else a case-insensitive match where the Kelvin sign folds to {@code k} and the
   * long s to {@code s}.
   */
  static boolean goFoldEquals(String key, String field) {
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
      int fa;
      if (a == 0x212A) {
        fa = 'k';
      } else if (a == 0x017F) {
        fa = 's';
      } else if (a < 0x80) {
        fa = Character.toLowerCase(a);
      } else {
        return false;
      }
      if (fa != Character.toLowerCase(b)) {
        return false;
      }
    }
    return i == key.length() && j == field.length();
  }

  private static String decodeUtf8Leniently(byte[] data) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data))
          .toString();
    } catch (CharacterCodingException e) {
      // Go's decoder replaces each invalid byte in a string with U+FFFD.
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  /**
   * Encodes as Go's {@code json.Marshal(RevInfo)}.
   *
   * @param info the info
   * @return the JSON text, no trailing newline
   */
  static String marshal(VersionInfo info) {
    StringBuilder b = new StringBuilder(128);
    b.append("{\"Version\":");
    appendString(b, info.version());
    b.append(",\"Time\":\"").append(formatTime(info.offsetTime())).append('"');
    info.origin().ifPresent(o -> {
      b.append(",\"Origin\":{");
      int start = b.length();
      field(b, start, "VCS", o.vcs());
      field(b, start, "URL", o.url());
      field(b, start, "Subdir", o.subdir());
      field(b, start, "TagPrefix", o.tagPrefix());
      field(b, start, "TagSum", o.tagSum());
      field(b, start, "Ref", o.ref());
      field(b, start, "Hash", o.hash());
      field(b, start, "RepoSum", o.repoSum());
      b.append('}');
    });
    b.append('}');
    return b.toString();
  }

  private static void field(StringBuilder b, int start, String name, String value) {
    if (value.isEmpty()) {
      return;
    }
    if (b.length() > start) {
      b.append(',');
    }
    b.append('"').append(name).append("\":");
    appendString(b, value);
  }

  /** Go's RFC3339Nano: trailing zeros of the fraction dropped, {@code Z} for a zero offset. */
  static String formatTime(OffsetDateTime t) {
    StringBuilder b = new StringBuilder(35);
    int year = t.getYear();
    pad(b, year, 4);
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
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (end > 0 && frac.charAt(end - 1) == '0') {
        end--;
      }
      b.append('.').append(frac, 0, end);
    }
    int off = t.getOffset().getTotalSeconds();
    if (off == 0) {
      b.append('Z');
    } else {
      b.append(off < 0 ? '-' : '+');
      int a = Math.abs(off) / 60;
      pad(b, a / 60, 2);
      b.append(':');
      pad(b, a % 60, 2);
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

  /** Go's JSON string encoding with HTML escaping (the default of {@code json.Marshal}). */
  static void appendString(StringBuilder b, String s) {
    final String hex = "0123456789abcdef";
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        case '<':
        case '>':
        case '&':
        case '\u2028':
        case '\u2029':
          b.append("\\u").append(String.format("%04x", (int) c));
          break;
        default:
          if (c < 0x20) {
            b.append("\\u00").append(hex.charAt(c >> 4)).append(hex.charAt(c & 0xF));
          } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
              b.append(c).append(s.charAt(++i));
            } else {
              b.append('\uFFFD');
            }
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
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
