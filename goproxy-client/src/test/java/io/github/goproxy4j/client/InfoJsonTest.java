package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testing.GoTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code .info} codec against Go's encoding/json (decode into RevInfo, re-marshal). */
class InfoJsonTest {

  /**
   * Go's RevInfo (cmd/go/internal/modfetch) decoded and re-marshalled by encoding/json; the
   * Origin struct (cmd/go/internal/modfetch/codehost) has its fields in the order of the go
   * that builds the program: Go 1.22 moved Hash after Subdir.
   */
  private static String goProgram(int goMinor) {
    String originFields = goMinor < 22
        ? "VCS URL Subdir TagPrefix TagSum Ref Hash RepoSum"
        : "VCS URL Subdir Hash TagPrefix TagSum Ref RepoSum";
    StringBuilder origin = new StringBuilder();
    for (String f : originFields.split(" ")) {
      origin.append("  ").append(f).append(" string `json:\",omitempty\"`\n");
    }
    return String.join("\n",
      "package main",
      "import (\"bufio\"; \"encoding/hex\"; \"encoding/json\"; \"fmt\"; \"os\"; \"time\")",
      "type Origin struct {",
      origin.toString(),
      "}",
      "type RevInfo struct {",
      "  Version string; Time time.Time",
      "  Name string `json:\"-\"`; Short string `json:\"-\"`",
      "  Origin *Origin `json:\",omitempty\"`",
      "}",
      "func main() {",
      "  sc := bufio.NewScanner(os.Stdin); sc.Buffer(make([]byte, 1<<20), 1<<24)",
      "  w := bufio.NewWriter(os.Stdout); defer w.Flush()",
      "  for sc.Scan() {",
      "    data, _ := hex.DecodeString(sc.Text())",
      "    info := new(RevInfo)",
      "    if err := json.Unmarshal(data, info); err != nil {",
      "      fmt.Fprintf(w, \"ERR %s\\n\", hex.EncodeToString([]byte(err.Error()))); continue",
      "    }",
      "    js, err := json.Marshal(info)",
      "    if err != nil { fmt.Fprintf(w, \"MERR\\n\"); continue }",
      "    fmt.Fprintf(w, \"OK %s\\n\", hex.EncodeToString(js))",
      "  }",
      "}",
      "");
  }

  @TempDir static Path shared;
  private static Path program;
  private static int goMinor;

  /** Builds the Go side once for all seeds. */
  private static synchronized Path goProgram() {
    if (program == null) {
      String version = GoTool.run(shared, GoTool.hermeticEnv(shared), 60, "env", "GOVERSION").requireOk().stdout().strip();
      goMinor = Integer.parseInt(version.replaceFirst("^go1\\.(\\d+).*", "$1"));
      program = GoTool.buildXModProgram(goProgram(goMinor), shared);
    }
    return program;
  }

  @Test
  void decodesCaseInsensitivelyAndIgnoresUnknownFields() throws Exception {
    VersionInfo info = InfoJson.parse(
        "{\"version\":\"v1.0.0\",\"TIME\":\"2023-01-02T03:04:05.120+01:00\",\"Name\":\"x\",\"Extra\":[1,{}]}"
            .getBytes(StandardCharsets.UTF_8));
    assertEquals("v1.0.0", info.version());
    assertEquals("{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-02T03:04:05.12+01:00\"}", info.toJson());
  }

  @Test
  void keepsOriginAndEscapesLikeGo() throws Exception {
    VersionInfo info = InfoJson.parse(
        ("{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-02T03:04:05Z\",\"Origin\":"
            + "{\"vcs\":\"git\",\"URL\":\"https://x/<a>&\",\"Ref\":\"refs/tags/v1.0.0\",\"Hash\":\"abc\",\"Other\":1}}")
            .getBytes(StandardCharsets.UTF_8));
    assertEquals("{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-02T03:04:05Z\",\"Origin\":"
        + "{\"VCS\":\"git\",\"URL\":\"https://x/\\u003ca\\u003e\\u0026\",\"Hash\":\"abc\","
        + "\"Ref\":\"refs/tags/v1.0.0\"}}", info.toJson());
    assertEquals("{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-02T03:04:05Z\",\"Origin\":"
        + "{\"VCS\":\"git\",\"URL\":\"https://x/\\u003ca\\u003e\\u0026\",\"Ref\":\"refs/tags/v1.0.0\","
        + "\"Hash\":\"abc\"}}", InfoJson.marshal(info, 21));
  }

  @Test
  void reportsGoMessages() {
    assertEquals("unexpected end of JSON input",
        assertThrows(InfoJson.MalformedInfoException.class,
            () -> InfoJson.parse(new byte[0])).getMessage());
    assertEquals("json: cannot unmarshal number into Go struct field RevInfo.Version of type string",
        assertThrows(InfoJson.MalformedInfoException.class,
            () -> InfoJson.parse("{\"Version\":1}".getBytes(StandardCharsets.UTF_8))).getMessage());
    assertEquals("invalid character 'x' after top-level value",
        assertThrows(InfoJson.MalformedInfoException.class,
            () -> InfoJson.parse("{} x".getBytes(StandardCharsets.UTF_8))).getMessage());
  }

  static Stream<Arguments> seeds() {
    return LongStream.of(1, 2, 3).mapToObj(s -> Arguments.of("seed=" + s, s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void agreesWithGoEncodingJson(String name, long seed, @TempDir Path work) {
    GoTool.assumeGo();
    Path bin = goProgram();
    SplittableRandom r = new SplittableRandom(seed);
    List<String> docs = new ArrayList<>();
    List<byte[]> bytes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      docs.add(randomDoc(r));
      bytes.add(withInvalidUtf8(docs.get(i), r));
    }
    StringBuilder in = new StringBuilder();
    HexFormat hex = HexFormat.of();
    for (byte[] d : bytes) {
      in.append(hex.formatHex(d)).append('\n');
    }
    GoTool.Result res = GoTool.exec(work, GoTool.hermeticEnv(work), 60,
        in.toString().getBytes(StandardCharsets.UTF_8), bin.toString()).requireOk();
    String[] lines = res.stdout().split("\n");
    assertEquals(docs.size(), lines.length);
    for (int i = 0; i < docs.size(); i++) {
      String doc = docs.get(i) + " as " + hex.formatHex(bytes.get(i));
      String go = lines[i];
      String ours;
      try {
        ours = "OK " + InfoJson.marshal(InfoJson.parse(bytes.get(i), goMinor), goMinor);
      } catch (InfoJson.MalformedInfoException e) {
        ours = "ERR " + e.getMessage();
      }
      if (go.startsWith("OK ")) {
        assertEquals("OK " + new String(hex.parseHex(go.substring(3)), StandardCharsets.UTF_8),
            ours, "doc: " + doc);
      } else if (go.startsWith("ERR ")) {
        String goMsg = new String(hex.parseHex(go.substring(4)), StandardCharsets.UTF_8)
            .replace("main.RevInfo", "modfetch.RevInfo").replace("main.Origin", "codehost.Origin");
        assertTrue(ours.startsWith("ERR "), "go rejected (" + goMsg + ") but we accepted: " + doc);
        if (goMsg.startsWith("json: cannot unmarshal") || goMsg.startsWith("unexpected end")
            || goMsg.startsWith("Time.UnmarshalJSON")) {
          assertEquals("ERR " + goMsg, ours, "doc: " + doc);
        } else if (goMsg.startsWith("parsing time ")) {
          // The detail after the layout (which element of it failed, and how) is not Go's.
          assertEquals("ERR " + upToLayout(goMsg), upToLayout(ours), "doc: " + doc);
        }
      }
    }
  }

  /**
   * The character a syntax error names ({@code invalid character 'c' looking for beginning of
   * value}, {@code ... after top-level value}): each of the 256 bytes, and a few UTF-8 characters,
   * first and after a value, decoded by go's encoding/json into a RevInfo on go1.19, go1.21 and
   * go1.27 (json/v2 underneath: it quotes the rune, not its first byte). Left out: a lone {@code +},
   * {@code -} or first letter of a literal, whose errors are not about the character (go1.19 {@code
   * invalid character ' ' in literal false (expecting 'a')}, go1.27 {@code unexpected end of JSON
   * input}) and which InfoJson words as jackson-core sees them.
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.21", "1.27"})
  void invalidCharacterAsGo(String lang, @TempDir Path work) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(lang);
    Files.writeString(work.resolve("main.go"), String.join("\n",
        "package main",
        "import (\"encoding/hex\"; \"encoding/json\"; \"fmt\"; \"strings\"; \"time\")",
        "type RevInfo struct { Version string; Time time.Time }",
        "func main() {",
        "  var cases []string",
        "  for b := 0; b < 256; b++ {",
        "    if !strings.ContainsRune(\"+-ftn\", rune(b)) { cases = append(cases, string([]byte{byte(b)})) }",
        "    cases = append(cases, \"{} \"+string([]byte{byte(b)}))",
        "  }",
        "  for _, s := range []string{\"\\u00e9\", \"\\u2028\", \"\\U0001F600\", \"\\u0085\", \"\\u00ad\", \"\\xc3\\x28\"} {",
        "    cases = append(cases, s, \"{} \"+s, \"{\\\"Version\\\":\\\"v1\\\"}\"+s)",
        "  }",
        "  for _, c := range cases {",
        "    var info RevInfo",
        "    msg := \"\"",
        "    if err := json.Unmarshal([]byte(c), &info); err != nil { msg = err.Error() }",
        "    fmt.Printf(\"%s %s\\n\", hex.EncodeToString([]byte(c)), hex.EncodeToString([]byte(msg)))",
        "  }",
        "}",
        ""));
    Map<String, String> env = new HashMap<>(go.hermeticEnv(work));
    env.put("GO111MODULE", "off");
    String out = go.run(work, env, 120, "run", "main.go").requireOk().stdout();
    HexFormat hex = HexFormat.of();
    List<String> differ = new ArrayList<>();
    int compared = 0;
    for (String line : out.split("\n")) {
      String[] f = line.split(" ", -1);
      byte[] doc = hex.parseHex(f[0]);
      String goMsg = new String(hex.parseHex(f[1]), StandardCharsets.UTF_8);
      if (!goMsg.startsWith("invalid character ")) {
        continue;
      }
      compared++;
      String ours;
      try {
        InfoJson.parse(doc, go.minor());
        ours = "<nil>";
      } catch (InfoJson.MalformedInfoException e) {
        ours = e.getMessage();
      }
      if (!goMsg.equals(ours)) {
        differ.add(f[0] + ": go " + goMsg + ", goproxy " + ours);
      }
    }
    assertTrue(compared > 250, "compared " + compared);
    assertEquals(List.of(), differ, compared + " compared");
  }

  /** A time error up to the layout it names: {@code parsing time "x" as "2006-01-02T15:04:05Z07:00"}. */
  private static String upToLayout(String message) {
    int layout = message.indexOf("Z07:00");
    return layout < 0 ? message : message.substring(0, message.indexOf("\": ", layout) + 1);
  }

  /** Marks where {@link #withInvalidUtf8} puts a byte sequence that is not UTF-8. */
  private static final String INVALID = "\ue000";
  private static final byte[][] INVALID_UTF8 = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};

  /** The document's UTF-8 with each {@link #INVALID} mark replaced by an invalid sequence. */
  private static byte[] withInvalidUtf8(String doc, SplittableRandom r) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    String[] parts = doc.split(INVALID, -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.writeBytes(INVALID_UTF8[r.nextInt(INVALID_UTF8.length)]);
      }
      out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static final String[] VERSION_KEYS = {"Version", "version", "VERSION", "Ver\u017fion", "vErSiOn", "Versio"};
  private static final String[] TIME_KEYS = {"Time", "time", "TIME", "Tim"};
  private static final String[] ORIGIN_KEYS = {"Origin", "origin", "ORIGIN"};
  private static final String[] ORIGIN_FIELDS = {"VCS", "vcs", "URL", "url", "Subdir", "TagPrefix", "TagSum", "Ref", "Hash", "RepoSum", "Other"};

  static String randomDoc(SplittableRandom r) {
    int kind = r.nextInt(20);
    if (kind == 0) {
      return new String[] {"", "null", "[]", "\"x\"", "5", "{", "{}", "{} {}", "{\"Version\":}", " {\"Version\":\"v1.0.0\"} "}[r.nextInt(10)];
    }
    List<String> members = new ArrayList<>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(4)) {
        case 0:
          members.add(q(VERSION_KEYS[r.nextInt(VERSION_KEYS.length)]) + ":" + value(r, true));
          break;
        case 1:
          members.add(q(TIME_KEYS[r.nextInt(TIME_KEYS.length)]) + ":" + timeValue(r));
          break;
        case 2:
          members.add(q(ORIGIN_KEYS[r.nextInt(ORIGIN_KEYS.length)]) + ":" + origin(r));
          break;
        default:
          members.add(q(r.nextBoolean() ? "Name" : "Unknown") + ":" + value(r, false));
      }
    }
    return "{" + String.join(r.nextInt(10) == 0 ? " , " : ",", members) + "}";
  }

  private static String origin(SplittableRandom r) {
    if (r.nextInt(8) == 0) {
      return r.nextBoolean() ? "null" : "\"str\"";
    }
    List<String> m = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      m.add(q(ORIGIN_FIELDS[r.nextInt(ORIGIN_FIELDS.length)]) + ":" + value(r, true));
    }
    return "{" + String.join(",", m) + "}";
  }

  private static String timeValue(SplittableRandom r) {
    String[] times = {"\"2019-10-02T15:04:05Z\"", "\"2019-10-02T15:04:05.000000001Z\"",
        "\"2019-10-02T15:04:05.5-07:30\"", "\"2019-10-02T15:04:05+00:00\"", "\"2019-10-02T15:04:05.120000Z\"",
        "\"0001-01-01T00:00:00Z\"", "\"2019-13-02T15:04:05Z\"", "\"not a time\"", "null", "5",
        "\"2019-10-02T15:04:05\"", "\"2019-02-29T00:00:00Z\"", "\"2020-02-29T23:59:59.999999999+14:00\""};
    return times[r.nextInt(times.length)];
  }

  private static String value(SplittableRandom r, boolean mostlyStrings) {
    if (mostlyStrings && r.nextInt(4) != 0) {
      return q(randomString(r));
    }
    String[] v = {"1", "-2.5e3", "true", "false", "null", "[1,\"a\"]", "{\"a\":{}}", q(randomString(r))};
    return v[r.nextInt(v.length)];
  }

  private static String randomString(SplittableRandom r) {
    String[] parts = {"v1.0.0", "v2.3.4-pre", "master", "<>&", "\\u2028", "\\\"", "\\\\", "\\n", "\\t",
        "\\u0001", "\u00e9", "\ud83d\ude00", "\\ud83d\\ude00", "\\ud800", "/", "\\/", " ", "\\b", "\\f",
        "\u2029", INVALID};
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.append(parts[r.nextInt(parts.length)]);
    }
    return b.toString();
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }
  /** java.time's reading of RFC 3339, as InfoJson used it for every time before parseCommon. */
  private static final java.time.format.DateTimeFormatter RFC3339 =
      new java.time.format.DateTimeFormatterBuilder()
          .appendValue(java.time.temporal.ChronoField.YEAR, 4).appendLiteral('-')
          .appendValue(java.time.temporal.ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
          .appendValue(java.time.temporal.ChronoField.DAY_OF_MONTH, 2).appendLiteral('T')
          .appendValue(java.time.temporal.ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
          .appendValue(java.time.temporal.ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
          .appendValue(java.time.temporal.ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter()
          .withResolverStyle(java.time.format.ResolverStyle.STRICT);

  static Stream<Arguments> timeSeeds() {
    return LongStream.of(11, 12, 13, 14).mapToObj(s -> Arguments.of("seed=" + s, s));
  }

  /**
   * The short path reads every time java.time's formatter reads, to the same value, and no
   * other: times of random fields (some out of range), fractions of 0 to 10 digits, offsets
   * (some out of range) and single-character damage.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("timeSeeds")
  void parseCommonAgreesWithJavaTime(String name, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int shortPath = 0;
    for (int n = 0; n < 3000; n++) {
      StringBuilder b = new StringBuilder();
      b.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", r.nextInt(10000), r.nextInt(14),
          r.nextInt(33), r.nextInt(26), r.nextInt(62), r.nextInt(62)));
      int frac = r.nextInt(12) - 1;
      if (frac >= 0) {
        b.append('.');
        for (int k = 0; k < frac; k++) {
          b.append((char) ('0' + r.nextInt(10)));
        }
      }
      switch (r.nextInt(4)) {
        case 0:
          b.append('Z');
          break;
        case 1:
          b.append(r.nextBoolean() ? '+' : '-').append(String.format("%02d:%02d", r.nextInt(25), r.nextInt(62)));
          break;
        case 2:
          b.append(r.nextBoolean() ? "+00:00" : "-00:00");
          break;
        default:
          b.append(new String[] {"z", "", "+0700", "+07:00Z", "Z ", "UTC"}[r.nextInt(6)]);
          break;
      }
      if (r.nextInt(8) == 0) {
        String damage = "0123456789-:T.+Zx\u0660 ";
        b.setCharAt(r.nextInt(b.length()), damage.charAt(r.nextInt(damage.length())));
      }
      String s = b.toString();
      java.time.OffsetDateTime expected;
      try {
        expected = java.time.OffsetDateTime.parse(s, RFC3339);
      } catch (java.time.format.DateTimeParseException e) {
        expected = null;
      }
      java.time.OffsetDateTime got = InfoJson.parseCommon(s);
      // every time the formatter reads has the common shape: nothing is left to the formatter
      // but errors
      assertEquals(expected, got, s);
      shortPath += got == null ? 0 : 1;
    }
    assertTrue(shortPath > 300, "the short path read only " + shortPath + " times");
  }
}
