package io.github.goproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.cli.ArgsTest.Run;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code -reuse=old.json} on {@code go list -m} and {@code go mod download} ({@link ReuseFile},
 * {@link ListRefusals}): compared with the real go of each release, byte for byte (stdout,
 * stderr, exit status), outside any module through a loopback proxy (where go never reuses, so a
 * file it reads changes nothing) and inside one (go's refusal).
 */
class ReuseFileTest {
  /** Files go reads: named contents ({@code =LIST} and {@code =DOWNLOAD}: go's own -json output). */
  private static Map<String, String> readable() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("list.json", "=LIST");
    m.put("download.json", "=DOWNLOAD");
    m.put("empty.json", "");
    m.put("spaces.json", " \n\t\r\n");
    m.put("nulls.json", "null\nnull {}");
    m.put("exotic.json", "{\"path\": \"example.com/a\", \"VERSION\": \"v1.0.0\", \"Sum\": \"h1:x\", \"Error\": {\"Err\": \"x\","
        + " \"More\": 1}, \"Update\": {\"Path\": \"u\", \"Time\": \"2020-02-29T23:59:59.5+01:00\"}, \"Retracted\": [\"r\","
        + " null], \"Deprecated\": \"d\", \"Indirect\": false, \"Dir\": null, \"GoVersion\": \"1.2\", \"Query\": \"q\","
        + " \"Reuse\": true, \"GoModSum\": \"x\", \"x\": [1, {\"y\": null}], \"Main\": true, \"Versions\": null,"
        + " \"Replace\": {\"Path\": \"b\", \"Origin\": null}}{\"Error\": \"text\", \"Origin\": {\"vcs\": \"git\","
        + " \"Hash\": \"abc\", \"Other\": 2}}");
    return m;
  }

  /** Files go fails on with a text goproxy models: named contents ({@code DIR}: a directory). */
  private static Map<String, String> failing() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nosuch.json", null);
    m.put("adir", "DIR");
    m.put("truncated.json", "=LIST20");
    m.put("cut.json", "{\"Path\": \"a\"} {\"Origin\": {\"VCS\": \"git\"");
    m.put("cutstring.json", "{\"Path\": \"a");
    m.put("cutliteral.json", "{\"Path\": tr");
    m.put("open.json", "{");
    m.put("junk.json", "=LIST x");
    m.put("close.json", "{\"Path\": \"a\"}}");
    m.put("comma.json", "null,");
    m.put("array.json", "[]");
    m.put("number.json", " 1");
    m.put("string.json", "\"s\"");
    m.put("bool.json", "true");
    return m;
  }

  /**
   * Files whose syntax errors and type errors goproxy maps to encoding/json's texts: named contents
   * and the middle releases (of reuseAsGo's) that run them besides go1.19 and go1.27, those on
   * each side of a change of the text (measured on go1.19, go1.21-go1.24, go1.26, go1.27,
   * 2026-12-07): go1.21 time.Parse's error without quotes and Time.UnmarshalJSON's refusal of a
   * non-string; go1.24 an Error's Err named {@code ModulePublic.Error.Err} (go1.23 and go1.26
   * run it); go1.27 json/v2's texts (go1.26 runs those); a Time's parse ({@link io.github.goproxy4j.client.internal.json.TimeParse}): go1.21
   * the text between the quotes, go1.23 the offset's range (go1.22 and go1.23 run those), go1.27
   * the decoded string; a character other than ASCII: go1.27 quotes the character, not its first
   * byte. Each of the Time, non-ASCII and escape files printed the same on go1.21-go1.26 but where
   * go1.23 changed it (2026-12-07, 109 files over go1.19, go1.21-go1.24, go1.26, go1.27).
   */
  private static Map<String, String[]> decodeErrors() {
    Map<String, String[]> m = new LinkedHashMap<>();
    // syntax: after an object key, a key:value pair, an array element; where a key or a value
    // begins; in literals and numbers; close markers; a second value
    m.put("s-key.json", new String[] {"{\"Path\" \"x\"}", ""});
    m.put("s-pair.json", new String[] {"{\"Path\": \"x\" \"Version\": \"y\"}", ""});
    m.put("s-bare.json", new String[] {"{Path: 1}", ""});
    m.put("s-comma.json", new String[] {"{\"Path\": \"x\",}", ""});
    m.put("s-elem.json", new String[] {"[1 2]", ""});
    m.put("s-true.json", new String[] {"{\"Path\": tru}", ""});
    m.put("s-null.json", new String[] {"{\"Path\": nul}", ""});
    m.put("s-truex.json", new String[] {"{\"Path\": truex}", ""});
    m.put("s-falsy.json", new String[] {"[fals ]", ""});
    m.put("s-word.json", new String[] {"{\"Path\": x}", ""});
    m.put("s-zero.json", new String[] {"{\"Path\": 01}", ""});
    m.put("s-zeros.json", new String[] {"[-00]", ""});
    m.put("s-minus.json", new String[] {"-x", ""});
    m.put("s-minus2.json", new String[] {"{\"Path\": -}", ""});
    m.put("s-exp.json", new String[] {"{\"Path\": 1e}", ""});
    m.put("s-plus.json", new String[] {"{\"Path\": +1}", ""});
    m.put("s-dot.json", new String[] {"{\"Path\": .5}", ""});
    m.put("s-quote.json", new String[] {"{\"Path\": 'x'}", ""});
    m.put("s-second.json", new String[] {"{\"Path\": \"x\"} {\"Path\" 1}", ""});
    m.put("s-trailing.json", new String[] {"{\"Path\": [1,]}", ""});
    m.put("s-close.json", new String[] {"{\"Path\": \"x\"]", ""});
    m.put("s-close2.json", new String[] {"[}", ""});
    m.put("s-close3.json", new String[] {"{]", ""});
    m.put("s-close4.json", new String[] {"[1}", ""});
    m.put("s-top-true.json", new String[] {"truex", ""});
    m.put("s-top-null.json", new String[] {"null nullx", ""});
    m.put("s-top-zero.json", new String[] {"01", ""});
    m.put("s-top-hex.json", new String[] {"{} 0x", ""});
    m.put("s-top-exp.json", new String[] {"1e}", ""});
    m.put("s-exp-sign.json", new String[] {"[1e+]", ""});
    m.put("s-after-type.json", new String[] {"{\"Path\": 1, \"Version\" \"x\"}", ""});
    m.put("s-escape.json", new String[] {"{\"Path\": \"a\\qb\"}", "1.26"});
    m.put("s-ctrl.json", new String[] {"{\"Path\": \"a\tb\"}", "1.26"});
    m.put("s-decimal.json", new String[] {"{\"Path\": 1.e5}", "1.26"});
    // types: each kind of field, nested modules, the first of several, Time and Error
    m.put("t-string.json", new String[] {"{\"Path\": 1}", ""});
    m.put("t-bool.json", new String[] {"{\"Main\": \"yes\"}", ""});
    m.put("t-strings.json", new String[] {"{\"Versions\": \"v1\"}", ""});
    m.put("t-object.json", new String[] {"{\"Versions\": {}}", ""});
    m.put("t-module.json", new String[] {"{\"Replace\": \"x\"}", ""});
    m.put("t-nested.json", new String[] {"{\"Replace\": {\"Path\": 1}, \"Main\": \"x\"}", ""});
    m.put("t-update.json", new String[] {"{\"Update\": {\"Versions\": \"x\", \"Path\": true}}", ""});
    m.put("t-kinds.json", new String[] {"{\"Path\": {}} {\"Path\": []}", ""});
    m.put("t-first.json", new String[] {"{\"Version\": 1.5e3, \"Path\": 2}", ""});
    m.put("t-dup.json", new String[] {"{\"Path\": \"x\", \"Path\": false}", ""});
    m.put("t-then-syntax.json", new String[] {"{\"Path\": 1} {\"Path\": \"x\" \"y\"}", ""});
    m.put("t-origin-kind.json", new String[] {"{\"Origin\": 1}", ""});
    m.put("t-reuse.json", new String[] {"{\"Reuse\": \"no\"}", ""});
    m.put("t-sum.json", new String[] {"{\"Sum\": 1}", "1.23"});
    m.put("t-folded.json", new String[] {"{\"PATH\": 1}", "1.26"});
    m.put("t-element.json", new String[] {"{\"Versions\": [\"a\", 1]}", "1.26"});
    m.put("t-origin.json", new String[] {"{\"Origin\": {\"Hash\": [1]}}", "1.26"});
    m.put("t-error.json", new String[] {"{\"Error\": 5}", "1.26"});
    m.put("t-error-array.json", new String[] {"{\"Error\": []}", "1.26"});
    m.put("t-error-err.json", new String[] {"{\"Error\": {\"Err\": 1}}", "1.23,1.26"});
    m.put("t-time.json", new String[] {"{\"Time\": \"yesterday\"}", "1.21"});
    m.put("t-time-number.json", new String[] {"{\"Time\": 5}", "1.21,1.26"});
    m.put("t-time-bool.json", new String[] {"{\"Replace\": {\"Time\": true}}", "1.21,1.26"});
    m.put("t-abort.json", new String[] {"{\"Path\": 1, \"Time\": \"bad\"}", "1.21,1.26"});
    m.put("t-abort-error.json", new String[] {"{\"Path\": 1, \"Error\": 5}", "1.26"});
    // a Time's layout walk (time.Parse of RFC 3339): go1.19 the JSON text with the layout in
    // quotes, go1.21-go1.26 the text between the quotes, go1.27 the decoded string; the offset's
    // range from go1.23; "r-": a file some release reads
    m.put("p-month.json", new String[] {"{\"Time\": \"2020-13-01T00:00:00Z\"}", "1.21"});
    m.put("p-month0.json", new String[] {"{\"Time\": \"2023-00-02T03:04:05Z\"}", "1.21"});
    m.put("p-date.json", new String[] {"{\"Time\": \"2023-01-02\"}", "1.21"});
    m.put("p-nozone.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05\"}", "1.21"});
    m.put("p-day.json", new String[] {"{\"Time\": \"2023-01-32T00:00:00Z\"}", "1.21"});
    m.put("p-day0.json", new String[] {"{\"Time\": \"2023-01-00T03:04:05Z\"}", "1.21"});
    m.put("p-feb.json", new String[] {"{\"Time\": \"2023-02-29T00:00:00Z\"}", "1.21"});
    m.put("p-hour.json", new String[] {"{\"Time\": \"2024-02-29T24:00:00Z\"}", "1.21"});
    m.put("p-minute.json", new String[] {"{\"Time\": \"2023-01-02T03:60:05Z\"}", "1.21"});
    m.put("p-second.json", new String[] {"{\"Time\": \"2023-01-02T03:04:60Z\"}", "1.21"});
    m.put("p-extra.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05Zjunk\"}", "1.21"});
    m.put("p-extra-day.json", new String[] {"{\"Time\": \"2024-02-30T00:00:00Zx\"}", "1.21"});
    m.put("p-extra-offset.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05.123+01:00x\"}", "1.21"});
    m.put("p-space.json", new String[] {"{\"Time\": \"2023-01-02 03:04:05Z\"}", "1.21"});
    m.put("p-lower.json", new String[] {"{\"Time\": \"2023-01-02t03:04:05z\"}", "1.21"});
    m.put("p-month1.json", new String[] {"{\"Time\": \"2023-1-02T03:04:05Z\"}", "1.21"});
    m.put("p-dot.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05.Z\"}", "1.21"});
    m.put("p-fraction.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05.5\"}", "1.21"});
    m.put("p-offset4.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05+0100\"}", "1.21"});
    m.put("p-offset2.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05+01\"}", "1.21"});
    m.put("p-offset-letter.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05+0a:00\"}", "1.21"});
    m.put("p-offset-sign.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05*01:00\"}", "1.21"});
    m.put("p-empty.json", new String[] {"{\"Time\": \"\"}", "1.21"});
    m.put("p-year5.json", new String[] {"{\"Time\": \"20230-01-02T03:04:05Z\"}", "1.21"});
    m.put("p-year-sign.json", new String[] {"{\"Time\": \"+023-01-02T03:04:05Z\"}", "1.21"});
    m.put("p-quote.json", new String[] {"{\"Time\": \"2023-01-0\\\"2\"}", "1.21,1.26"});
    m.put("p-escape.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05\\u00e9Z\"}", "1.21,1.26"});
    m.put("p-tab.json", new String[] {"{\"Time\": \"a\\tb\"}", "1.21,1.26"});
    m.put("p-offset-range.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05+25:0x\"}", "1.21,1.22,1.23"});
    m.put("r-offset-hour.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05+25:00\"}", "1.22,1.23"});
    m.put("r-offset-minute.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05+01:61\"}", "1.22,1.23"});
    m.put("r-offset-atoi.json", new String[] {"{\"Time\": \"2023-01-02T03:04:05+-1:00\"}", "1.21"});
    m.put("r-times.json", new String[] {"{\"Time\": \"2023-01-02T3:04:05,5Z\"} {\"Time\": \"2023-01-02T03:04:05.1234567891+24:00\"}"
        + " {\"Time\": \"2024-02-29T00:00:00-00:00\"} {\"Replace\": {\"Time\": \"2023-01-02T03:04:05+01:60\"}} null", ""});
    // a Time object or array: go1.19 parses its JSON text, go1.21-go1.26 refuse it, go1.27 a type error
    m.put("p-object.json", new String[] {"{\"Time\": {}}", "1.21,1.26"});
    m.put("p-array.json", new String[] {"{\"Time\": [1, 2]}", "1.21,1.26"});
    m.put("p-object-text.json", new String[] {"{\"Time\": {\n \"a\" :\t[1, \"x\\n\"]\n}}", "1.21,1.26"});
    m.put("p-object-after.json", new String[] {"{\"Path\": 1, \"Time\": {}}", "1.21,1.26"});
    m.put("p-array-nested.json", new String[] {"{\"Replace\": {\"Time\": []}}", "1.21,1.26"});
    // a character other than ASCII where the scanner fails: go1.19-go1.26 its first byte, go1.27
    // the character (json/v2's escape texts quoted when not printable)
    m.put("n-bom.json", new String[] {"\uFEFF{}", "1.26"});
    m.put("n-value.json", new String[] {"{\"a\": \u00e9}", "1.26"});
    m.put("n-key.json", new String[] {"{\"Path\"\u00e9: 1}", "1.26"});
    m.put("n-element.json", new String[] {"[1\u00e9]", "1.26"});
    m.put("n-keystart.json", new String[] {"{\u00e9}", "1.26"});
    m.put("n-literal.json", new String[] {"{\"a\": tr\u00e9}", "1.26"});
    m.put("n-number.json", new String[] {"{\"a\": 1\u00e9}", "1.26"});
    m.put("n-decimal.json", new String[] {"{\"a\": 1.\u00e9}", "1.26"});
    m.put("n-exponent.json", new String[] {"{\"a\": 1e\u00e9}", "1.26"});
    m.put("n-top.json", new String[] {"null \u00e9", "1.26"});
    m.put("n-emoji.json", new String[] {"{\"a\": \uD83D\uDE00}", "1.26"});
    m.put("n-nbsp.json", new String[] {"{\"a\": \u00a0}", "1.26"});
    m.put("n-c1.json", new String[] {"{\"a\": \u0080}", "1.26"});
    m.put("n-escape.json", new String[] {"{\"a\": \"\\\u00e9\"}", "1.26"});
    m.put("n-hex.json", new String[] {"{\"a\": \"\\u12\u00e94\"}", "1.26"});
    // go1.27's cut-off Unicode escape: the six bytes from the backslash, or to the end of the file
    m.put("u-quote.json", new String[] {"{\"Path\": \"\\u12\"}", "1.26"});
    m.put("u-letter.json", new String[] {"{\"Path\": \"\\u12x4\"}", "1.26"});
    m.put("u-none.json", new String[] {"{\"Path\": \"\\u\"}", "1.26"});
    m.put("u-three.json", new String[] {"{\"Path\": \"\\u123\"}", "1.26"});
    m.put("u-eof.json", new String[] {"{\"Path\": \"a\\u1\"}", "1.26"});
    m.put("u-utf8.json", new String[] {"{\"Path\": \"\\u12\u00e9\"}", "1.26"});
    m.put("u-cut-utf8.json", new String[] {"{\"Path\": \"\\u123\u00e9\"}", "1.26"});
    m.put("u-tab.json", new String[] {"{\"Path\": \"\\u12\t\"}", "1.26"});
    m.put("u-space.json", new String[] {"{\"Path\": \"\\u12 4\"}", "1.26"});
    m.put("u-backquote.json", new String[] {"{\"Path\": \"\\u`abc\"}", "1.26"});
    m.put("e-space.json", new String[] {"{\"Path\": \"a\\ b\"}", "1.26"});
    m.put("e-backquote.json", new String[] {"{\"Path\": \"\\`\"}", "1.26"});
    return m;
  }

  /**
   * Files that are not UTF-8 (as {@link #decodeErrors()}): go1.19-go1.26 scan bytes and name a bad
   * one as a Latin-1 character ({@code 'ÿ'}), go1.27 in hex ({@code '\xff'}); a Time holds the byte
   * (go1.19-go1.26) or U+FFFD (go1.27).
   */
  private static Map<String, Object[]> badUtf8() {
    Map<String, Object[]> m = new LinkedHashMap<>();
    m.put("b-value.json", new Object[] {new byte[] {'{', '"', 'a', '"', ':', ' ', (byte) 0xff, '}'}, "1.26"});
    m.put("b-c1.json", new Object[] {new byte[] {(byte) 0x80}, "1.26"});
    m.put("b-key.json", new Object[] {new byte[] {'{', '"', 'a', '"', (byte) 0xff, ':', ' ', '1', '}'}, "1.26"});
    m.put("b-lead.json", new Object[] {new byte[] {'[', '1', (byte) 0xc3, ']'}, "1.26"});
    m.put("b-escape.json", new Object[] {new byte[] {'{', '"', 'a', '"', ':', ' ', '"', '\\', (byte) 0xff, '"', '}'}, "1.26"});
    m.put("b-hex.json", new Object[] {new byte[] {'{', '"', 'a', '"', ':', ' ', '"', '\\', 'u', '1', '2', (byte) 0xff, '4', '"', '}'},
        "1.26"});
    m.put("b-time.json", new Object[] {"{\"Time\": \"2023-01-02T03:04:05\u00ffZ\"}".getBytes(StandardCharsets.ISO_8859_1), "1.21,1.26"});
    m.put("b-time-extra.json", new Object[] {"{\"Time\": \"2023-01-02T03:04:05Z\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1),
        "1.21,1.26"});
    m.put("b-string.json", new Object[] {"{\"Path\": \"\u00ff\"} \u0080".getBytes(StandardCharsets.ISO_8859_1), "1.26"});
    return m;
  }

  private static void write(Path dir, String name, String content, Map<String, String> outputs) throws Exception {
    if (content == null) {
      return;
    }
    if (content.equals("DIR")) {
      Files.createDirectories(dir.resolve(name));
      return;
    }
    String text = content;
    if (content.startsWith("=LIST20")) {
      text = outputs.get("LIST").substring(0, 20);
    } else if (content.startsWith("=LIST")) {
      text = outputs.get("LIST") + content.substring("=LIST".length());
    } else if (content.equals("=DOWNLOAD")) {
      text = outputs.get("DOWNLOAD");
    }
    Files.writeString(dir.resolve(name), text);
  }

  /**
   * Outside any module: {@code list -m [-json|-u|-versions|-e] -reuse=F args}, {@code mod download
   * [-json] -reuse=F args} for each file of {@link #readable()} and {@link #failing()} (go's
   * output, byte for byte), the refusals without arguments, and GOFLAGS's {@code -reuse}; inside a
   * module {@code list -m -reuse} is go's refusal. On each side of each release that changed what
   * go prints here (go's outputs compared release by release, 2026-12-07): go1.19, go1.21 (time.Parse's
   * error without the quotes, a go.mod error naming {@code go.mod:3}), go1.22 ({@code Origin}'s
   * fields in another order), go1.23 ({@code Sum} a field of ModulePublic), go1.26 and go1.27 (an
   * unmarshal error names {@code ModulePublic.Origin.Hash}); go1.24 printed what go1.23 and go1.26
   * print in each of its 169 runs. Of the files' loop (each file under seven commands), go1.21 runs
   * the two {@code -json} commands of {@code example.com/a@v1.0.0} (the {@code Origin} go1.22
   * reorders) and go1.26 none: the other runs printed the same on go1.19, go1.21 and go1.22, and
   * on go1.23, go1.26 and go1.27, in each of their runs. Then {@code list -m} of each file of
   * {@link #decodeErrors()} (encoding/json's syntax and type errors) on the releases it names.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.23", "1.26", "1.27"})
  void reuseAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = ArgsTest.goFor(release);
    String full = ArgsTest.versionOf(goBin);
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    pb.module(FakeModule.builder("example.com/a", "v1.0.0").goMod("module example.com/a\n\ngo 1.17\n")
        .info("{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-02T03:04:05Z\",\"Origin\":{\"VCS\":\"git\","
            + "\"URL\":\"https://example.com/a\",\"Ref\":\"refs/tags/v1.0.0\",\"Hash\":\"0123456789abcdef0123456789abcdef01234567\"}}")
        .file("a.go", "package a\n").build());
    pb.module(FakeModule.builder("example.com/a", "v1.1.0").goMod("module example.com/a\n\ngo 1.17\n")
        .file("a.go", "package a\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path out = Files.createDirectories(tmp.resolve("out"));
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("home"));
      goEnv.putAll(proxy.environment());
      goEnv.put("GOFLAGS", "-modcacherw");
      // go's own outputs, to be read back
      Map<String, String> outputs = new HashMap<>();
      Run list = ArgsTest.go(goBin, out, goEnv, List.of("list", "-m", "-json", "example.com/a@v1.0.0"));
      assertEquals(0, list.status(), list.err());
      assertTrue(list.out().contains("\"Origin\""), list.out());
      outputs.put("LIST", list.out());
      Run download = ArgsTest.go(goBin, out, goEnv, List.of("mod", "download", "-json", "example.com/a@v1.0.0"));
      assertEquals(0, download.status(), download.err());
      outputs.put("DOWNLOAD", download.out());
      int minor = Integer.parseInt(release.substring(2));
      Map<String, String> files = new LinkedHashMap<>(readable());
      if (minor < 23) {
        files.put("sum.json", "{\"Sum\": 1}");
      }
      files.putAll(failing());
      for (Map.Entry<String, String> f : files.entrySet()) {
        write(out, f.getKey(), f.getValue(), outputs);
      }
      List<List<String>> commands = List.of(
          List.of("list", "-m", "-json", "-reuse=F", "example.com/a@v1.0.0"),
          List.of("list", "-m", "-u", "-reuse=F", "example.com/a@v1.0.0"),
          List.of("list", "-m", "-u", "-reuse=F", "all"),
          List.of("list", "-m", "-reuse=F", "-versions", "example.com/a"),
          List.of("list", "-m", "-e", "-json", "-reuse=F", "example.com/nosuch@v1.0.0"),
          List.of("mod", "download", "-json", "-reuse=F", "example.com/a@v1.0.0"),
          List.of("mod", "download", "-reuse=F", "example.com/a@latest"));
      // the loop's commands this release runs (see the javadoc): go1.21 the -json ones of example.com/a@v1.0.0
      List<List<String>> run = release.equals("1.26") ? List.of()
          : release.equals("1.21")
              ? commands.stream().filter(c -> c.contains("-json") && c.contains("example.com/a@v1.0.0")).toList()
              : commands;
      int compared = 0;
      int failed = 0;
      for (String name : files.keySet()) {
        boolean fails = failing().containsKey(name);
        for (List<String> c : run) {
          List<String> cmd = new ArrayList<>();
          c.forEach(w -> cmd.add(w.replace("-reuse=F", "-reuse=" + name)));
          Run theirs = assertSameAsGo(goBin, full, out, goEnv, cmd);
          compared++;
          if (fails && !cmd.contains("-e")) {
            assertTrue(theirs.status() == 1 && theirs.out().isEmpty() && theirs.err().contains(name),
                "go fails on " + name + ": " + theirs);
            failed++;
          }
        }
      }
      assertEquals(failing().size() * run.stream().filter(c -> !c.contains("-e")).count(), failed);
      // refused before the file is read: no arguments (list), inside a module (list); GOFLAGS's -reuse
      assertSameAsGo(goBin, full, out, goEnv, List.of("list", "-m", "-reuse=nosuch.json"));
      assertSameAsGo(goBin, full, out, goEnv, List.of("list", "-m", "-json", "-reuse=list.json"));
      assertSameAsGo(goBin, full, out, goEnv, List.of("mod", "download", "-reuse=nosuch.json"));
      assertSameAsGo(goBin, full, out, goEnv, List.of("mod", "download", "-json", "-reuse=junk.json"));
      assertSameAsGo(goBin, full, main, goEnv, List.of("list", "-m", "-reuse=nosuch.json", "all"));
      assertSameAsGo(goBin, full, main, goEnv, List.of("list", "-m", "-json", "-reuse", "x", "example.com/a@v1.0.0"));
      assertSameAsGo(goBin, full, main, goEnv, List.of("list", "-u", "-reuse=x"));
      Map<String, String> withGoflags = new HashMap<>(goEnv);
      withGoflags.put("GOFLAGS", "-modcacherw -reuse=" + out.resolve("truncated.json"));
      assertSameAsGo(goBin, full, out, withGoflags, List.of("list", "-m", "-json", "example.com/a@v1.0.0"));
      assertSameAsGo(goBin, full, out, withGoflags, List.of("mod", "download", "-json", "example.com/a@v1.1.0"));
      assertSameAsGo(goBin, full, main, withGoflags, List.of("list", "-m", "all"));
      withGoflags.put("GOFLAGS", "-modcacherw -reuse=" + out.resolve("list.json"));
      assertSameAsGo(goBin, full, out, withGoflags, List.of("list", "-m", "-json", "example.com/a@v1.0.0"));
      assertTrue(compared >= files.size() * run.size());
      // syntax and type errors: go list -m on each file of decodeErrors (go's failure is printed
      // the same by every command, as the loop above shows)
      int decoded = 0;
      Map<String, Object[]> decodeFiles = new LinkedHashMap<>();
      decodeErrors().forEach((name, f) -> decodeFiles.put(name, new Object[] {f[0].getBytes(StandardCharsets.UTF_8), f[1]}));
      decodeFiles.putAll(badUtf8());
      for (Map.Entry<String, Object[]> f : decodeFiles.entrySet()) {
        boolean runs = (release.equals("1.19") || release.equals("1.27")
            || List.of(((String) f.getValue()[1]).split(",")).contains(release))
            && !(f.getKey().equals("t-sum.json") && minor < 23); // before go1.23 readable()'s sum.json
        if (runs) {
          Files.write(out.resolve(f.getKey()), (byte[]) f.getValue()[0]);
          Run theirs = assertSameAsGo(goBin, full, out, goEnv, List.of("list", "-m", "-reuse=" + f.getKey(),
              "example.com/a@v1.0.0"));
          assertTrue(f.getKey().startsWith("r-") || theirs.status() == 1 && theirs.err().startsWith("go: parsing " + f.getKey() + ": "),
              theirs.toString());
          decoded++;
        }
      }
      assertTrue(decoded > 0 || !List.of("1.19", "1.27").contains(release));
      // mod download -reuse inside a module with arguments: go reads go.mod, names the arguments
      // that are the main module, refuses
      assertSameAsGo(goBin, full, main, goEnv, List.of("mod", "download", "-reuse=x", "example.com/a@v1.0.0"));
      assertSameAsGo(goBin, full, main, goEnv, List.of("mod", "download", "-json", "-reuse=nosuch.json",
          "example.com/main", "example.com/main@upgrade", "example.com/a@v1.0.0", "example.com/main@patch",
          "example.com/main@latest", "example.com/main@upgrade"));
      assertSameAsGo(goBin, full, main, withGoflags, List.of("mod", "download", "example.com/main@patch"));
      Path bad = Files.createDirectories(tmp.resolve("bad"));
      Files.writeString(bad.resolve("go.mod"), "module example.com/bad\n\nrequire example.com/a\n");
      assertSameAsGo(goBin, full, bad, goEnv, List.of("mod", "download", "-reuse=x", "example.com/bad"));
      // without arguments go loads the graph first: goproxy refuses
      Run ours = goproxy(full, main, goEnv, List.of("mod", "download", "-reuse=x"));
      assertEquals(2, ours.status(), ours.toString());
      assertTrue(ours.err().contains("-reuse inside a module without arguments is not supported"), ours.err());
    }
  }

  private static Run goproxy(String full, Path dir, Map<String, String> goEnv, List<String> cmd) {
    Map<String, String> env = new HashMap<>(goEnv);
    env.put("PWD", dir.toString());
    List<String> argv = new ArrayList<>(List.of("--go-version", full));
    argv.addAll(cmd);
    return ArgsTest.goproxy(env, argv);
  }

  private static Run assertSameAsGo(Path goBin, String full, Path dir, Map<String, String> goEnv, List<String> cmd) {
    Run theirs = ArgsTest.go(goBin, dir, goEnv, cmd);
    assertEquals(theirs, goproxy(full, dir, goEnv, cmd), "go" + full + " GOFLAGS=" + goEnv.get("GOFLAGS") + " " + cmd);
    return theirs;
  }

  /** Unit: the decoder's verdicts, without go. */
  @Test
  void decodesAsEncodingJson() {
    assertEquals(Optional.empty(), ReuseFile.decode("", 27));
    assertEquals(Optional.empty(), ReuseFile.decode("{\"Sum\": 1}", 21)); // no Sum field before go1.23
    assertEquals(Optional.of("unexpected EOF"), ReuseFile.decode("{} {\"Versions\": [\"a\",", 27));
    assertEquals(Optional.of("invalid character ']' looking for beginning of value"), ReuseFile.decode("{}]", 27));
    assertEquals(Optional.of("json: cannot unmarshal bool into Go value of type modinfo.ModulePublic"),
        ReuseFile.decode("null false", 19));
    assertEquals(Optional.of("json: cannot unmarshal number into Go struct field ModulePublic.Sum of type string"),
        ReuseFile.decode("{\"Sum\": 1}", 23));
    assertEquals(Optional.of("json: cannot unmarshal string into Go struct field ModulePublic.Replace.Main of type bool"),
        ReuseFile.decode("{\"Replace\": {\"Main\": \"x\"}}", 27));
    assertEquals(Optional.of("json: cannot unmarshal number into Go struct field Origin.Origin.VCS of type string"),
        ReuseFile.decode("{\"Origin\": {\"vcs\": 1}}", 26));
    assertEquals(Optional.of("json: cannot unmarshal number into Go struct field ModulePublic.Origin.vcs of type string"),
        ReuseFile.decode("{\"Origin\": {\"vcs\": 1}}", 27));
    assertEquals(Optional.of("invalid character '1' after object key:value pair"), ReuseFile.decode("{\"a\": 01}", 27));
    assertEquals(Optional.of("invalid character '\\\\' looking for beginning of value"), ReuseFile.decode("\\", 27));
    assertEquals(Optional.of("invalid character '\\'' in literal true (expecting 'r')"), ReuseFile.decode("[t']", 19));
    assertEquals(Optional.of("invalid character '\\x01' in string literal"), ReuseFile.decode("{\"a\": \"\u0001\"}", 19));
    assertEquals(Optional.of("unexpected EOF"), ReuseFile.decode("{} fals", 19));
    assertEquals(Optional.of("parsing time \"2023-01-02\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\""),
        ReuseFile.decode("{\"Time\": \"2023-01-02\"}", 27));
    assertEquals(Optional.of("parsing time \"\\\"2023-01-02\\\"\" as \"\\\"2006-01-02T15:04:05Z07:00\\\"\": cannot parse \"\\\"\" as \"T\""),
        ReuseFile.decode("{\"Time\": \"2023-01-02\"}", 19));
    assertEquals(Optional.empty(), ReuseFile.decode("{\"Time\": \"2023-01-02T3:04:05,5+24:00\"}", 27));
    assertEquals(Optional.of("invalid character '\u00e9' looking for beginning of value"), ReuseFile.decode("{\"a\": \u00e9}", 27));
    assertEquals(Optional.of("invalid character '\u00c3' looking for beginning of value"), ReuseFile.decode("{\"a\": \u00e9}", 26));
    assertEquals(Optional.empty(), ReuseFile.decode(new String("{\"Dir\": \"\u00e9\"}".getBytes(StandardCharsets.UTF_8),
        StandardCharsets.UTF_8), 27));
  }
}
