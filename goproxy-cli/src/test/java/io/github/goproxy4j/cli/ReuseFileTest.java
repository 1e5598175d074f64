package io.github.goproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

  /** Files go fails on with a text goproxy does not model: refused with goproxy's message. */
  private static Map<String, String> notModelled(int minor) {
    Map<String, String> m = new LinkedHashMap<>(Map.of(
        "time.json", "{\"Time\": \"2020-13-01T00:00:00Z\"}",
        "bom.json", "\uFEFF{}"));
    if (minor >= 27) {
      m.put("unicode.json", "{\"Path\": \"\\u12\"}"); // go1.27: invalid escape sequence `\\u12"}` in string
    }
    return m;
  }

  /**
   * Files whose syntax errors and type errors goproxy maps to encoding/json's texts: named contents
   * and the middle releases (of reuseAsGo's) that run them besides go1.19 and go1.27, those on
   * each side of a change of the text (measured on go1.19, go1.21-go1.24, go1.26, go1.27,
   * 2026-12-07): go1.21 time.Parse's error without quotes and Time.UnmarshalJSON's refusal of a
   * non-string; go1.24 an Error's Err named {@code ModulePublic.Error.Err} (go1.23 and go1.26
   * run it); go1.27 json/v2's texts (go1.26 runs those).
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
      for (Map.Entry<String, String[]> f : decodeErrors().entrySet()) {
        boolean runs = (release.equals("1.19") || release.equals("1.27")
            || List.of(f.getValue()[1].split(",")).contains(release))
            && !(f.getKey().equals("t-sum.json") && minor < 23); // before go1.23 readable()'s sum.json
        if (runs) {
          Files.writeString(out.resolve(f.getKey()), f.getValue()[0]);
          Run theirs = assertSameAsGo(goBin, full, out, goEnv, List.of("list", "-m", "-reuse=" + f.getKey(),
              "example.com/a@v1.0.0"));
          assertTrue(theirs.status() == 1 && theirs.err().startsWith("go: parsing " + f.getKey() + ": "), theirs.toString());
          decoded++;
        }
      }
      assertTrue(decoded > 0 || !List.of("1.19", "1.27").contains(release));
      // not modelled: go fails, goproxy refuses with its own message (exit status 2)
      for (Map.Entry<String, String> f : notModelled(minor).entrySet()) {
        Files.writeString(out.resolve(f.getKey()), f.getValue());
        for (List<String> c : List.of(List.of("list", "-m", "-reuse=" + f.getKey(), "example.com/a@v1.0.0"),
            List.of("mod", "download", "-reuse=" + f.getKey(), "example.com/a@v1.0.0"))) {
          Run theirs = ArgsTest.go(goBin, out, goEnv, c);
          assertTrue(theirs.status() == 1 && theirs.err().startsWith("go: parsing " + f.getKey() + ": "), theirs.toString());
          Run ours = goproxy(full, out, goEnv, c);
          assertEquals(2, ours.status(), ours.toString());
          assertTrue(ours.err().contains("-reuse=" + f.getKey() + ": go fails on this file"), ours.err());
        }
      }
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
    assertThrows(ReuseFile.NotModelled.class, () -> ReuseFile.decode("{\"Time\": \"2023-01-02\"}", 27));
    assertThrows(ReuseFile.NotModelled.class, () -> ReuseFile.decode("{\"a\": \u00e9}", 27));
    assertEquals(Optional.empty(), ReuseFile.decode(new String("{\"Dir\": \"\u00e9\"}".getBytes(StandardCharsets.UTF_8),
        StandardCharsets.UTF_8), 27));
  }
}
