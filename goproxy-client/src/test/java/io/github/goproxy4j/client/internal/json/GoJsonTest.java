package io.github.goproxy4j.client.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParser;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GoJson} against Go's encoding/json: values written by json.Marshal and
 * json.MarshalIndent(v, "", "\t"), documents read by json.Unmarshal into an {@code any}.
 */
class GoJsonTest {
  /**
   * Decodes each hex line into an {@code any} and prints Marshal and MarshalIndent of it.
   * Go's maps print sorted by key: the Java side sorts its maps the same way (UTF-8 order).
   */
  private static final String GO_PROGRAM = String.join("\n",
      "package main",
      "import (\"bufio\"; \"encoding/hex\"; \"encoding/json\"; \"fmt\"; \"os\")",
      "func main() {",
      "  sc := bufio.NewScanner(os.Stdin); sc.Buffer(make([]byte, 1<<20), 1<<24)",
      "  w := bufio.NewWriter(os.Stdout); defer w.Flush()",
      "  for sc.Scan() {",
      "    data, _ := hex.DecodeString(sc.Text())",
      "    var v interface{}",
      "    if err := json.Unmarshal(data, &v); err != nil { fmt.Fprintf(w, \"ERR\\n\"); continue }",
      "    c, err1 := json.Marshal(v)",
      "    i, err2 := json.MarshalIndent(v, \"\", \"\\t\")",
      "    if err1 != nil || err2 != nil { fmt.Fprintf(w, \"ERR\\n\"); continue }",
      "    fmt.Fprintf(w, \"OK %s %s\\n\", hex.EncodeToString(c), hex.EncodeToString(i))",
      "  }",
      "}",
      "");

  @TempDir static Path shared;
  private static Path program;
  private static int goMinor;

  private static synchronized Path goProgram() {
    if (program == null) {
      program = GoTool.buildXModProgram(GO_PROGRAM, shared);
      String version = GoTool.run(shared, GoTool.hermeticEnv(shared), 60, "env", "GOVERSION").requireOk().stdout().strip();
      goMinor = Integer.parseInt(version.replaceFirst("^go1\\.(\\d+).*", "$1"));
    }
    return program;
  }

  @Test
  void writesGoEscapesAndIndentation() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Path", "a<b>&c\u2028\u2029\u0001\u007f\t\b\f\"\\é😀");
    m.put("Empty", List.of());
    m.put("EmptyObject", Map.of());
    m.put("List", List.of(1, true, 0.5));
    m.put("Null", null);
    assertEquals("{\"Path\":\"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\u0001\u007f\\t\\b\\f\\\"\\\\é😀\","
        + "\"Empty\":[],\"EmptyObject\":{},\"List\":[1,true,0.5],\"Null\":null}", GoJson.NEWEST.marshal(m));
    assertEquals("{\n\t\"Path\": \"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\u0001\u007f\\t\\u0008\\u000c\\\"\\\\é😀\",\n"
        + "\t\"Empty\": [],\n\t\"EmptyObject\": {},\n\t\"List\": [\n\t\t1,\n\t\ttrue,\n\t\t0.5\n\t],\n"
        + "\t\"Null\": null\n}", GoJson.GO_1_21.marshalIndent(m));
  }

  @Test
  void writesStructsLikeGoListMJson() throws IOException {
    java.io.StringWriter out = new java.io.StringWriter();
    try (com.fasterxml.jackson.core.JsonGenerator g = GoJson.NEWEST.indentedGenerator(out)) {
      for (String path : List.of("example.com/a", "example.com/b")) {
        g.writeStartObject();
        g.writeStringField("Path", path);
        GoJson.writeStringOmitEmpty(g, "Version", path.endsWith("a") ? "v1.0.0" : "");
        GoJson.writeStringsOmitEmpty(g, "Versions", path.endsWith("a") ? List.of("v0.1.0", "v1.0.0") : List.of());
        GoJson.writeTimeOmitEmpty(g, "Time", path.endsWith("a") ? OffsetDateTime.parse("2023-01-02T03:04:05Z") : null);
        GoJson.writeBooleanOmitEmpty(g, "Main", path.endsWith("b"));
        GoJson.writeBooleanOmitEmpty(g, "Indirect", false);
        g.writeEndObject();
      }
    }
    assertEquals("{\n\t\"Path\": \"example.com/a\",\n\t\"Version\": \"v1.0.0\",\n\t\"Versions\": [\n"
        + "\t\t\"v0.1.0\",\n\t\t\"v1.0.0\"\n\t],\n\t\"Time\": \"2023-01-02T03:04:05Z\"\n}\n"
        + "{\n\t\"Path\": \"example.com/b\",\n\t\"Main\": true\n}", out.toString());
  }

  @Test
  void writesFloatsInGoForm() {
    assertEquals("[1,0.1,-2.5,1e+21,1.5e-7,0.000001,123456789,-0,100000000000000000000]",
        GoJson.NEWEST.marshal(List.of(1.0, 0.1, -2.5, 1e21, 1.5e-7, 1e-6, 123456789.0, -0.0, 1e20)));
    assertEquals("json: unsupported value: NaN",
        assertThrows(IllegalArgumentException.class, () -> GoJson.NEWEST.marshal(List.of(Double.NaN))).getMessage());
  }

  @Test
  void readsInvalidUtf8AndLoneSurrogatesAsReplacementCharacters() throws IOException {
    byte[] doc = {'[', '"', 'a', (byte) 0xE2, (byte) 0x82, 'b', (byte) 0xFF, '"', ',', '"', '\\', 'u', 'd', '8', '0', '0',
        'x', '"', ']'};
    try (JsonParser p = GoJson.parser(doc)) {
      p.nextToken();
      assertEquals(List.of("a\uFFFD\uFFFDb\uFFFD", "\uFFFDx"), GoJson.readValue(p));
    }
  }

  @Test
  void timesAreRfc3339Nano() {
    assertEquals("2023-01-02T03:04:05.12+01:00", GoJson.formatTime(OffsetDateTime.parse("2023-01-02T03:04:05.120+01:00")));
    assertEquals("0001-01-01T00:00:00Z", GoJson.formatTime(OffsetDateTime.parse("0001-01-01T00:00:00Z")));
  }

  @Test
  void fieldNamesFoldLikeGo() {
    assertEquals(true, GoJson.fieldNameMatches("vErSiOn", "Version"));
    assertEquals(true, GoJson.fieldNameMatches("Ver\u017fion", "Version"));
    assertEquals(true, GoJson.fieldNameMatches("\u212aey", "Key"));
    assertEquals(false, GoJson.fieldNameMatches("Versio", "Version"));
    assertEquals(false, GoJson.fieldNameMatches("V\u00e9rsion", "Version"));
  }

  static Stream<Arguments> seeds() {
    return LongStream.of(1, 2).mapToObj(s -> Arguments.of("seed=" + s, s));
  }

  /** Values written by us and by Go's Marshal and MarshalIndent of the same value. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void writesLikeGo(String name, long seed, @TempDir Path work) {
    GoTool.assumeGo();
    Path bin = goProgram();
    SplittableRandom r = new SplittableRandom(seed);
    List<Object> values = new ArrayList<>();
    List<byte[]> docs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Object v = randomValue(r, 0);
      values.add(v);
      docs.add(asciiJson(v).getBytes(StandardCharsets.US_ASCII));
    }
    List<String> go = runGo(bin, work, docs);
    GoJson json = GoJson.forGoMinor(goMinor);
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      String[] f = go.get(i).split(" ");
      assertEquals("OK", f[0], "go rejected " + new String(docs.get(i), StandardCharsets.US_ASCII));
      assertEquals(unhex(f[1]), json.marshal(v), "Marshal of " + new String(docs.get(i), StandardCharsets.US_ASCII));
      assertEquals(unhex(f[2]), json.marshalIndent(v), "MarshalIndent of " + new String(docs.get(i), StandardCharsets.US_ASCII));
    }
  }

  /** Documents (with invalid UTF-8, duplicate names, bad syntax) read by us and by Go's Unmarshal. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void readsLikeGo(String name, long seed, @TempDir Path work) {
    GoTool.assumeGo();
    Path bin = goProgram();
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> docs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      docs.add(randomDocument(r));
    }
    List<String> go = runGo(bin, work, docs);
    for (int i = 0; i < docs.size(); i++) {
      String ours;
      try (JsonParser p = GoJson.parser(docs.get(i))) {
        p.nextToken();
        Object v = GoJson.readValue(p);
        ours = p.nextToken() != null ? "ERR" : "OK " + GoJson.NEWEST.marshal(sortedLikeGo(v));
      } catch (IOException | IllegalArgumentException e) {
        ours = "ERR";
      }
      String[] f = go.get(i).split(" ");
      String theirs = f[0].equals("OK") ? "OK " + unhex(f[1]) : f[0];
      assertEquals(theirs, ours, "document " + HexFormat.of().formatHex(docs.get(i)));
    }
  }

  private static List<String> runGo(Path bin, Path work, List<byte[]> docs) {
    StringBuilder in = new StringBuilder();
    for (byte[] d : docs) {
      in.append(HexFormat.of().formatHex(d)).append('\n');
    }
    GoTool.Result res = GoTool.exec(work, GoTool.hermeticEnv(work), 60,
        in.toString().getBytes(StandardCharsets.US_ASCII), bin.toString()).requireOk();
    List<String> lines = res.stdout().lines().toList();
    assertEquals(docs.size(), lines.size());
    return lines;
  }

  private static String unhex(String s) {
    return new String(HexFormat.of().parseHex(s), StandardCharsets.UTF_8);
  }

  private static final String[] PIECES = {"a", "Z", "0", " ", "<", ">", "&", "\"", "\\", "/", "\u2028", "\u2029",
      "\u0000", "\u0001", "\b", "\f", "\n", "\r", "\t", "\u001f", "\u007f", "\u0080", "\u00e9", "\u00a0", "\ufeff",
      "\ufffd", "\ud83d\ude00", "\ud800", "\udc00", "\u212a", "\u4e16"};
  private static final double[] NUMBERS = {0, -0.0, 1, -1, 0.1, 0.5, 1.5, 100, 1e20, 1e21, 1.5e21, 1e-6, 9.99e-7,
      1e-7, 123456789.125, 2.5e-300, 1.7976931348623157e308, 4.9e-324, 12345678901234567890.0, 0.3};

  private static String randomString(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  /** A value with maps keyed in Go's order (keys without lone surrogates, which Go would replace). */
  private static Object randomValue(SplittableRandom r, int depth) {
    int kind = r.nextInt(depth > 2 ? 5 : 7);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return r.nextBoolean();
      case 2:
        return NUMBERS[r.nextInt(NUMBERS.length)] * (r.nextBoolean() ? 1 : -1);
      case 3:
      case 4:
        return randomString(r);
      case 5: {
        List<Object> l = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          l.add(randomValue(r, depth + 1));
        }
        return l;
      }
      default: {
        Map<String, Object> m = new TreeMap<>(GoJsonTest::compareUtf8);
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          String key = randomString(r).replaceAll("[\ud800-\udfff]", "");
          m.put(key, randomValue(r, depth + 1));
        }
        return m;
      }
    }
  }

  /** The value as JSON with every non-alphanumeric character escaped, so no writer rule matters. */
  private static String asciiJson(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean || v instanceof Double) {
      return v.toString();
    }
    if (v instanceof String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (Character.isLetterOrDigit(c) && c < 0x80) {
          b.append(c);
        } else {
          b.append(String.format("\\u%04x", (int) c));
        }
      }
      return b.append('"').toString();
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(x -> parts.add(asciiJson(x)));
      return "[" + String.join(",", parts) + "]";
    }
    List<String> parts = new ArrayList<>();
    ((Map<?, ?>) v).forEach((k, x) -> parts.add(asciiJson(k) + ":" + asciiJson(x)));
    return "{" + String.join(",", parts) + "}";
  }

  private static final String[] RAW = {"{", "}", "[", "]", ",", ":", " ", "\"", "\"k\"", "\"K\"", "\"a\"", "1", "-0",
      "1e400", "0.5e-3", "01", "true", "null", "nul", "\\", "\\u00e9", "\\ud800", "\\ud83d\\ude00", "\\x", "é"};
  private static final byte[][] INVALID_UTF8 = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};

  /** Mostly valid documents with invalid UTF-8 inside strings, duplicates, and some broken syntax. */
  private static byte[] randomDocument(SplittableRandom r) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    if (r.nextInt(4) == 0) {
      int n = 1 + r.nextInt(8);
      for (int i = 0; i < n; i++) {
        out.writeBytes(RAW[r.nextInt(RAW.length)].getBytes(StandardCharsets.UTF_8));
      }
      return out.toByteArray();
    }
    out.writeBytes("{".getBytes(StandardCharsets.UTF_8));
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(new String[] {"\"k\"", "\"K\"", "\"\u212a\"", "\"a\""}[r.nextInt(4)].getBytes(StandardCharsets.UTF_8));
      out.write(':');
      out.write('"');
      int m = r.nextInt(4);
      for (int j = 0; j < m; j++) {
        if (r.nextBoolean()) {
          out.writeBytes(INVALID_UTF8[r.nextInt(INVALID_UTF8.length)]);
        } else {
          out.writeBytes(new String[] {"x", "\\ud800", "\\udc00x", "\\u0041", "é", "\\\"", "<"}[r.nextInt(7)]
              .getBytes(StandardCharsets.UTF_8));
        }
      }
      out.write('"');
    }
    out.write('}');
    return out.toByteArray();
  }

  private static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Go prints a map's keys in byte order of their UTF-8 form. */
  private static Object sortedLikeGo(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>(GoJsonTest::compareUtf8);
      m.forEach((k, x) -> sorted.put((String) k, sortedLikeGo(x)));
      return sorted;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(sortedLikeGo(x)));
      return out;
    }
    return v;
  }
}
