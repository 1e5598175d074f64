package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.client.internal.json.JsonSyntax;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
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
            || goMsg.startsWith("Time.UnmarshalJSON") || goMsg.startsWith("parsing time ")) {
          assertEquals("ERR " + goMsg, ours, "doc: " + doc);
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

  /**
   * Through a proxy: {@code go list -m -json M@v1.0.0} and {@code go mod download -json M@v1.0.0}
   * against the testkit's FakeGoProxy serving an {@code .info} with each of {@link #TIMES}, on
   * go1.19, go1.21 and go1.27, and {@link GoProxyClient#info} of the same module with that release:
   * go's error line is {@code go: } and the client's message, byte for byte ({@code mod download
   * -json}'s {@code Error} the same message), and a time go takes is the time the client reads.
   * Left out: an offset beyond java.time's 18 hours ({@code +24:61} up to go1.26).
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.21", "1.27"})
  void proxyTimeAsGo(String lang, @TempDir Path work) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(lang);
    FakeGoProxy.Builder pb = FakeGoProxy.builder().noSumdb();
    for (int i = 0; i < TIMES.length; i++) {
      pb.module(FakeModule.builder("example.com/t" + i, "v1.0.0")
          .info("{\"Version\":\"v1.0.0\",\"Time\":\"" + TIMES[i] + "\"}").build());
    }
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    int failed = 0;
    try (FakeGoProxy proxy = pb.start()) {
      Map<String, String> vars = new HashMap<>(proxy.environment());
      vars.put("GOPATH", work.resolve("gopath").toString());
      vars.put("GOMODCACHE", work.resolve("gomodcache").toString());
      vars.put("GOFLAGS", "-modcacherw");
      Map<String, String> goEnv = new HashMap<>(go.hermeticEnv(work));
      goEnv.putAll(vars);
      Path dir = Files.createDirectories(work.resolve("out"));
      try (GoProxyClient client = GoProxyClient.builder()
          .env(GoEnv.builder().environment(vars).noUserEnvFile().goVersion(go.release()).build()).build()) {
        for (int i = 0; i < TIMES.length; i++) {
          String m = "example.com/t" + i + "@v1.0.0";
          GoTool.Result list = go.run(dir, goEnv, 60, "list", "-m", "-json", m);
          GoTool.Result download = go.run(dir, goEnv, 60, "mod", "download", "-json", m);
          String ours;
          try {
            ours = "OK " + io.github.goproxy4j.client.internal.json.GoJson.formatTime(
                client.info(ModuleVersion.parse(m)).offsetTime());
          } catch (GoProxyException e) {
            ours = "ERR " + e.getMessage();
          }
          if (ours.contains("beyond java.time's 18 hours")) {
            // go takes the offset (go1.19 prints it, go1.21-go1.26 fail writing the cache's .info)
            assertTrue(list.ok() || list.stderr().contains("timezone hour outside of range"), list.toString());
            continue;
          }
          if (list.ok()) {
            String time = json.readTree(list.stdout()).get("Time").asText();
            assertEquals("OK " + time, ours, m + " " + TIMES[i]);
            assertTrue(download.ok(), download.toString());
          } else {
            failed++;
            assertEquals("go: " + ours.substring("ERR ".length()) + "\n", list.stderr(), m + " " + TIMES[i]);
            assertEquals(ours.substring("ERR ".length()), json.readTree(download.stdout()).get("Error").asText(),
                m + " " + TIMES[i]);
          }
        }
      }
    }
    System.out.println("go" + go.release() + ": " + TIMES.length + " times through a proxy, " + failed + " refused");
    assertTrue(failed > TIMES.length / 2, failed + " refused");
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

  /** Syntax errors in and around numbers, literals and strings (Java text, written as UTF-8). */
  private static final String[] SYNTAX = {
      "+", "-", "f", "t", "n", "+ ", "- ", "f ", "t ", "n ", "fa", "tru", "nul", "-1.", "1.", "1e", "1e+", "-x", "fx",
      "f\n", "-\n", "[-]", "[f]", "[+]", "{\"a\":-}", "{\"a\": f}", "{\"a\": +}", "{\"a\": t }", "{\"a\": -",
      "{\"a\": f", "{\"a\": 1.", "[1,-]", "[1,f ]", "-\u00e9", "f\u00e9", "{\"a\":-\u00e9}", "{\"a\":f\u00e9}", "- 1",
      "f,", "-]", "f]", "truex", "nullx", "01", "1x", "[01]", "{\"a\" 1}", "{\"a\":1 \"b\"}", "{1:2}", "[1 2]",
      "{\"a\":\"\\x\"}", "{\"a\":\"\\u12x4\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\u0001\"}", "{\"Time\":\"2023\\,\"}",
      "{\"Version\":\"v1\"x}", "{\"a\":[}", "{\"a\":]}", "[1,]", "{\"a\":1,}", "{,}", "\"abc", "{\"a", "[",
      "{\"a\":\"b\\", "\"\\u00", "{\"a\":tr", "{}}", "[1}]", "{\"a\":1]", "{\"Time\":\"2023-12-\u00f0\"1T00\"}",
      "{\"Time\":\"2020-0\\u00e 2\"}", "{\"Time\":\"20\\00e9\"}", "{\"a\":-01}", "{\"a\":1.e1}", "{\"a\":1e}",
      "{\"a\":nul}", "{\"a\":falsy}", "[true false]", "{\"a\":\"\\ud800\\u12\"}",
      "{\"a\":\"\\u0\\u00e9\"}"};

  /**
   * json.Unmarshal's syntax errors ({@link JsonSyntax}, go's scanner): each of {@link #SYNTAX} into
   * a RevInfo on go1.19, go1.21 and go1.27, byte for byte: a lone {@code -} or literal's first
   * letter (go1.19-go1.26 step the scanner over a space at the end: {@code invalid character ' '
   * in literal false (expecting 'a')}; go1.27 {@code unexpected end of JSON input}), a number,
   * literal or escape broken inside an object or array ({@code in numeric literal}, {@code in
   * string escape code}, go1.27's {@code invalid escape sequence}), a value complete at the top
   * level followed by more ({@code after top-level value}).
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.21", "1.27"})
  void syntaxErrorAsGo(String lang, @TempDir Path work) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(lang);
    List<byte[]> docs = new ArrayList<>();
    for (String c : SYNTAX) {
      docs.add(c.getBytes(StandardCharsets.UTF_8));
    }
    List<String> goSays = goUnmarshal(go, work, docs);
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < SYNTAX.length; i++) {
      String ours = ourUnmarshal(docs.get(i), go);
      if (!goSays.get(i).equals(ours)) {
        differ.add(SYNTAX[i] + ": go " + goSays.get(i) + ", goproxy " + ours);
      }
    }
    assertEquals(List.of(), differ, differ.size() + " of " + SYNTAX.length + " differ");
  }

  /** Times whose parse the releases report differently, or that java.time alone would not read. */
  private static final String[] TIMES = {
      "2023-01-02", "", "x", "2023-13-02T03:04:05Z", "2023-02-30T03:04:05Z", "2024-02-29T03:04:05Z",
      "2023-01-02T24:04:05Z", "2023-01-02T03:60:05Z", "2023-01-02T03:04:60Z", "2023-01-02T03:04:05",
      "2023-01-02T03:04:05Zx", "2023-01-02T03:04:05+01:60", "2023-01-02T03:04:05-18:00", "2023-01-02T03:04:05\\u005a",
      "2023-01-02T03:04:05.Z", "2023-01-02T3:04:05,5Z", "2023-01-02T03:04:05.1234567891Z", "2023-01-02T03:04:05\\u00e9Z",
      "2023-01-02T03:04:05\\\"Z", "2023-01-02t03:04:05z", "+023-01-02T03:04:05Z", "2023-01-02T03:04:05+1:00",
      "2023-01-02T03:04:05+-1:00", "2023-01-02T03:04:05+01:-5", "2023-01-02T03:04:05+24:61", "2023-01-02T03:04:05 Z",
      "2023-1-02T03:04:05Z", "2023-01-02T03:04:05.123456789012Z", "\\u0032023-01-02T03:04:05Z", "2023-01-02T03:04:05+00:00"};

  /** Characters {@link #mutatedTime} puts into a valid time (JSON escapes written as such). */
  private static final String[] TIME_PARTS = {"0", "1", "9", "-", ":", "T", "Z", ".", ",", "+", " ", "t", "\u00e9",
      "\\u00e9", "\\\"", "\\/", INVALID, "\ud83d\ude00", "99", "60", "24"};

  /** A valid time with one to three characters replaced, inserted or deleted. */
  private static String mutatedTime(SplittableRandom r) {
    StringBuilder b = new StringBuilder(new String[] {"2023-01-02T03:04:05Z", "2020-02-29T23:59:59.999+05:30",
        "2023-12-31T00:00:00.5-07:00"}[r.nextInt(3)]);
    for (int n = 1 + r.nextInt(3); n > 0; n--) {
      int at = r.nextInt(b.length() + 1);
      String part = TIME_PARTS[r.nextInt(TIME_PARTS.length)];
      switch (r.nextInt(3)) {
        case 0 -> b.insert(at, part);
        case 1 -> b.replace(at, Math.min(b.length(), at + 1), part);
        default -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(2)));
      }
    }
    return b.toString();
  }

  /**
   * A {@code .info} whose {@code Time} go's decoding rejects or reads: the error text byte for
   * byte (time.Parse's per release: go1.19 the JSON text with its quotes, go1.21 the text
   * between them, go1.27 the decoded string; {@code cannot parse "rest" as "elem"}, {@code ... out
   * of range}, {@code extra text}), or the time go makes of it ({@code Format(RFC3339Nano)}), for
   * {@link #TIMES} and 3000 seeded mutations of valid times (bytes that are not UTF-8 among them),
   * json.Unmarshal into a RevInfo on go1.19, go1.21 and go1.27. Left out: an offset beyond
   * java.time's 18 hours, which go takes (see DEVELOPING.md). A mutation that broke the JSON inside
   * the string (a bad escape, a quote) is go's syntax error, compared too.
   */
  @ParameterizedTest(name = "go{0}")
  @ValueSource(strings = {"1.19", "1.21", "1.27"})
  void timeAsGo(String lang, @TempDir Path work) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(lang);
    long seed = 0x1f3d7L;
    System.out.println("InfoJsonTest.timeAsGo seed=" + seed);
    SplittableRandom r = new SplittableRandom(seed);
    List<String> times = new ArrayList<>(List.of(TIMES));
    for (int i = 0; i < 3000; i++) {
      times.add(mutatedTime(r));
    }
    List<byte[]> docs = new ArrayList<>();
    for (String t : times) {
      docs.add(withInvalidUtf8("{\"Version\":\"v1.0.0\",\"Time\":\"" + t + "\"}", r));
    }
    List<String> goResults = goUnmarshal(go, work, docs);
    HexFormat hex = HexFormat.of();
    List<String> differ = new ArrayList<>();
    int errors = 0;
    int skipped = 0;
    int syntax = 0;
    for (int i = 0; i < docs.size(); i++) {
      String goSays = goResults.get(i);
      String ours = ourUnmarshal(docs.get(i), go);
      if (goSays.startsWith("OK ") && ours.contains("beyond java.time's 18 hours")) {
        skipped++;
        continue;
      }
      errors += goSays.startsWith("ERR parsing time") ? 1 : 0;
      syntax += goSays.startsWith("ERR ") && !goSays.startsWith("ERR parsing time") ? 1 : 0; // the JSON broken
      if (!goSays.equals(ours)) {
        differ.add(hex.formatHex(docs.get(i)) + " " + new String(docs.get(i), StandardCharsets.ISO_8859_1)
            + ": go " + goSays + ", goproxy " + ours);
      }
    }
    System.out.println("go" + go.release() + ": " + docs.size() + " documents, " + errors + " time errors, " + skipped
        + " offsets beyond java.time, " + syntax + " syntax errors");
    assertTrue(errors > 1000 && skipped < 100 && syntax < 100, errors + " time errors, " + skipped + " skipped, " + syntax
        + " syntax errors");
    assertEquals(List.of(), differ.subList(0, Math.min(20, differ.size())), differ.size() + " of " + docs.size() + " differ");
  }

  /**
   * Each document decoded by go's json.Unmarshal into a RevInfo (a go program run by {@code go}):
   * {@code OK} and the time in RFC3339Nano, or {@code ERR} and the error's text.
   */
  private static List<String> goUnmarshal(GoTool.Go go, Path work, List<byte[]> docs) throws Exception {
    HexFormat hex = HexFormat.of();
    StringBuilder in = new StringBuilder();
    for (byte[] doc : docs) {
      in.append(hex.formatHex(doc)).append('\n');
    }
    Files.writeString(work.resolve("cases.txt"), in);
    Files.writeString(work.resolve("main.go"), String.join("\n",
        "package main",
        "import (\"bufio\"; \"encoding/hex\"; \"encoding/json\"; \"fmt\"; \"os\"; \"time\")",
        "type RevInfo struct { Version string; Time time.Time }",
        "func main() {",
        "  f, _ := os.Open(\"cases.txt\"); sc := bufio.NewScanner(f)",
        "  for sc.Scan() {",
        "    data, _ := hex.DecodeString(sc.Text())",
        "    var info RevInfo",
        "    if err := json.Unmarshal(data, &info); err != nil {",
        "      fmt.Printf(\"ERR %s\\n\", hex.EncodeToString([]byte(err.Error())))",
        "    } else {",
        "      fmt.Printf(\"OK %s\\n\", hex.EncodeToString([]byte(info.Time.Format(time.RFC3339Nano))))",
        "    }",
        "  }",
        "}",
        ""));
    Map<String, String> env = new HashMap<>(go.hermeticEnv(work));
    env.put("GO111MODULE", "off");
    String[] lines = go.run(work, env, 120, "run", "main.go").requireOk().stdout().split("\n");
    assertEquals(docs.size(), lines.length);
    List<String> results = new ArrayList<>();
    for (String line : lines) {
      int space = line.indexOf(' ');
      results.add(line.substring(0, space + 1) + new String(hex.parseHex(line.substring(space + 1)), StandardCharsets.UTF_8));
    }
    return results;
  }

  /** {@link InfoJson#parse} of {@code doc} as {@code go}'s release, in {@link #goUnmarshal}'s form. */
  private static String ourUnmarshal(byte[] doc, GoTool.Go go) {
    try {
      return "OK " + io.github.goproxy4j.client.internal.json.GoJson.formatTime(InfoJson.parse(doc, go.minor()).offsetTime());
    } catch (InfoJson.MalformedInfoException e) {
      return "ERR " + e.getMessage();
    }
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
