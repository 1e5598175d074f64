package io.github.goproxy4j.modfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.module.InvalidVersionException;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testing.RandomGoMod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GoModEditor against {@code go mod edit} of the installed go releases. */
class GoModEditorTest {
  @TempDir Path work;

  static Stream<Arguments> seeds() {
    return IntStream.range(0, 40).mapToObj(i -> Arguments.of(1000L + i));
  }

  /** go mod edit [flags] go.mod with the given release; the file's bytes after it, or null and the error. */
  private static String[] goModEdit(GoTool.Go go, Path dir, byte[] content, List<String> flags) throws IOException {
    Files.write(dir.resolve("go.mod"), content);
    List<String> args = new ArrayList<>(List.of("mod", "edit"));
    args.addAll(flags);
    args.add("go.mod");
    Map<String, String> env = go.hermeticEnv(dir);
    GoTool.Result res = go.run(dir, env, 60, args.toArray(new String[0]));
    if (res.exitCode() != 0) {
      return new String[] {null, res.stderr()};
    }
    return new String[] {new String(Files.readAllBytes(dir.resolve("go.mod")), StandardCharsets.ISO_8859_1), null};
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** -fmt of random files: go's bytes, or go's parse errors. */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void fmtAsGo(long seed) throws IOException {
    GoTool.assumeGo();
    for (String lang : List.of("1.19", "1.27")) {
      GoTool.Go go = GoTool.assumeRelease(lang);
      Random r = new Random(seed);
      for (int i = 0; i < 4; i++) {
        boolean newer = go.minor() >= 21 && r.nextBoolean();
        byte[] text = RandomGoMod.file(r, newer).getBytes(StandardCharsets.UTF_8);
        Path dir = Files.createDirectories(work.resolve("s" + seed + "-" + lang + "-" + i));
        String[] want = goModEdit(go, dir, text, List.of("-fmt"));
        String what = "seed=" + seed + " go" + lang + " file " + i + ":\n" + latin1(text);
        if (want[0] == null) {
          GoModSyntaxException e = assertThrows(GoModSyntaxException.class,
              () -> GoModEditor.format("go.mod", text, lang), what + "\ngo failed: " + want[1]);
          assertEquals(want[1], "go: errors parsing go.mod:\n" + String.join("\n", e.errors()) + "\n", what);
        } else {
          assertEquals(want[0], latin1(GoModEditor.format("go.mod", text, lang)), what);
        }
      }
    }
  }

  /** Edits through the API, as go mod edit applies the flags that call them. */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void editsAsGo(long seed) throws IOException {
    GoTool.assumeGo();
    for (String lang : List.of("1.19", "1.27")) {
      GoTool.Go go = GoTool.assumeRelease(lang);
      Random r = new Random(seed);
      for (int i = 0; i < 3; i++) {
        byte[] text = RandomGoMod.file(r, false).getBytes(StandardCharsets.UTF_8);
        String p = RandomGoMod.PATHS.get(r.nextInt(RandomGoMod.PATHS.size()));
        String q = RandomGoMod.PATHS.get(r.nextInt(RandomGoMod.PATHS.size()));
        String v = RandomGoMod.version(r, p);
        String w = RandomGoMod.version(r, q);
        Path dir = Files.createDirectories(work.resolve("e" + seed + "-" + lang + "-" + i));
        String[] want = goModEdit(go, dir, text, List.of("-require=" + p + "@" + v, "-droprequire=" + q,
            "-replace=" + q + "=" + p + "@" + v, "-dropreplace=" + p + "@" + v, "-require=" + q + "@" + w));
        String what = "seed=" + seed + " go" + lang + " file " + i + ":\n" + latin1(text);
        if (want[0] == null) {
          assertThrows(GoModSyntaxException.class, () -> GoModEditor.parse("go.mod", text, lang), what);
          continue;
        }
        byte[] got = GoModEditor.parse("go.mod", text, lang)
            .require(p, v).dropRequire(q).replace(q, "", p, v).dropReplace(p, v).require(q, w)
            .sortBlocks().cleanup().format();
        assertEquals(want[0], latin1(got), what);
      }
    }
  }

  private static final String SET_REQUIRE_GO = String.join("\n",
      "package main",
      "",
      "import (",
      "\t\"fmt\"",
      "\t\"io\"",
      "\t\"os\"",
      "\t\"strings\"",
      "",
      "\t\"golang.org/x/mod/modfile\"",
      "\t\"golang.org/x/mod/module\"",
      ")",
      "",
      "// stdin: set|sep, one 'path version 0|1' line per requirement, ----, go.mod",
      "func main() {",
      "\tdata, _ := io.ReadAll(os.Stdin)",
      "\tparts := strings.SplitN(string(data), \"----\\n\", 2)",
      "\thead := strings.Split(strings.TrimSpace(parts[0]), \"\\n\")",
      "\tf, err := modfile.Parse(\"go.mod\", []byte(parts[1]), nil)",
      "\tif err != nil {",
      "\t\tfmt.Print(\"ERR \", err)",
      "\t\treturn",
      "\t}",
      "\tvar req []*modfile.Require",
      "\tfor _, l := range head[1:] {",
      "\t\tfs := strings.Fields(l)",
      "\t\treq = append(req, &modfile.Require{Mod: module.Version{Path: fs[0], Version: fs[1]}, Indirect: fs[2] == \"1\"})",
      "\t}",
      "\tif head[0] == \"sep\" {",
      "\t\tf.SetRequireSeparateIndirect(req)",
      "\t} else {",
      "\t\tf.SetRequire(req)",
      "\t}",
      "\tf.Cleanup()",
      "\tout, _ := f.Format()",
      "\tos.Stdout.Write(out)",
      "}",
      "");

  /** The SetRequire program against Debian's x/mod (go1.19's rules) and against go1.27's vendored x/mod. */
  private static Map<String, Path> setRequirePrograms(Path work) throws IOException {
    GoTool.assumeXMod();
    Path old = GoTool.buildXModProgram(SET_REQUIRE_GO, work.resolve("xmod-debian"));
    GoTool.Go go = GoTool.assumeRelease("1.27");
    Path gopath = work.resolve("xmod-127/gopath");
    Path src = Files.createDirectories(gopath.resolve("src/setrequire"));
    Files.createDirectories(gopath.resolve("src/golang.org/x"));
    Files.createSymbolicLink(gopath.resolve("src/golang.org/x/mod"),
        go.goRoot().resolve("src/cmd/vendor/golang.org/x/mod"));
    Files.writeString(src.resolve("main.go"), SET_REQUIRE_GO);
    Path bin = work.resolve("xmod-127/setrequire");
    Map<String, String> env = go.hermeticEnv(work.resolve("xmod-127"));
    env.put("GO111MODULE", "off");
    env.put("GOPATH", gopath.toString());
    env.put("GOFLAGS", "");
    GoTool.Result r = go.run(src, env, 300, "build", "-o", bin.toString(), ".");
    assertEquals(0, r.exitCode(), r.stderr());
    return Map.of("1.19", old, "1.27", bin);
  }

  /** SetRequire and SetRequireSeparateIndirect (then Cleanup) against x/mod's, on random files and lists. */
  @Test
  void setRequireAsXMod() throws IOException {
    GoTool.assumeGo();
    Map<String, Path> programs = setRequirePrograms(work);
    int compared = 0;
    for (long seed = 3000; seed < 3150; seed++) {
      Random r = new Random(seed);
      for (String lang : List.of("1.19", "1.27")) {
        String text = RandomGoMod.file(r, lang.equals("1.27") && r.nextBoolean());
        boolean sep = r.nextInt(3) != 0;
        List<GoModFile.Require> req = new ArrayList<>();
        StringBuilder in = new StringBuilder(sep ? "sep\n" : "set\n");
        List<String> paths = new ArrayList<>(RandomGoMod.PATHS);
        java.util.Collections.shuffle(paths, r);
        for (String p : paths.subList(0, r.nextInt(paths.size()))) {
          String v = RandomGoMod.version(r, p);
          boolean ind = r.nextBoolean();
          req.add(new GoModFile.Require(p, v, ind));
          in.append(p).append(' ').append(v).append(ind ? " 1\n" : " 0\n");
        }
        in.append("----\n").append(text);
        GoTool.Result res = GoTool.exec(work, Map.of(), 60, in.toString().getBytes(StandardCharsets.UTF_8),
            programs.get(lang).toString());
        String what = "seed=" + seed + " x/mod of go" + lang + " " + (sep ? "SetRequireSeparateIndirect" : "SetRequire")
            + " " + req + " on\n" + text;
        if (res.stdout().startsWith("ERR ")) {
          assertThrows(GoModSyntaxException.class, () -> GoModEditor.parse("go.mod", text.getBytes(StandardCharsets.UTF_8), lang), what);
          continue;
        }
        GoModEditor e = GoModEditor.parse("go.mod", text.getBytes(StandardCharsets.UTF_8), lang);
        if (sep) {
          e.setRequireSeparateIndirect(req);
        } else {
          e.setRequire(req);
        }
        assertEquals(res.stdout(), new String(e.cleanup().format(), StandardCharsets.UTF_8), what);
        compared++;
      }
    }
    assertTrue(compared > 200, "compared " + compared);
  }

  /** Blank lines: a dropped first line's blank line, a blank line before ')', by release. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.goproxy4j.testing.GoTool#releases")
  void blankLinesAsGo(GoTool.Go go) throws IOException {
    GoTool.assumeGo(go);
    String lang = go.lang();
    List<String[]> cases = List.of(
        new String[] {"module m\n\nrequire (\n\tx.y/a v1.0.0\n\n\tx.y/b v1.0.0\n)\n", "-droprequire=x.y/a"},
        new String[] {"module m\n\nrequire (\n\tx.y/a v1.0.0\n\n)\n", "-fmt"},
        new String[] {"module m\n\nrequire (\n\tx.y/a v1.0.0\n\tx.y/b v1.0.0\n\n)\n", "-fmt"},
        new String[] {"module m\n\nrequire (\n\tx.y/a v1.0.0\n\t// c\n)\n", "-fmt"},
        new String[] {"require (\n\tx.y/a v1.0.0\n\n\tx.y/b v1.0.0\n)\n", "-droprequire=x.y/a"});
    int i = 0;
    for (String[] c : cases) {
      Path dir = Files.createDirectories(work.resolve("b" + i++));
      byte[] text = c[0].getBytes(StandardCharsets.UTF_8);
      String[] want = goModEdit(go, dir, text, List.of(c[1]));
      GoModEditor e = GoModEditor.parse("go.mod", text, lang);
      if (c[1].startsWith("-droprequire=")) {
        e.dropRequire(c[1].substring("-droprequire=".length()));
      }
      assertEquals(want[0], latin1(e.sortBlocks().cleanup().format()), go + " " + c[1] + " of\n" + c[0]);
    }
  }

  /** Bytes that are not UTF-8 in tokens and comments, and white space around comments, kept as go keeps them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.goproxy4j.testing.GoTool#edgeReleases")
  void rawBytesAsGo(GoTool.Go go) throws IOException {
    GoTool.assumeGo(go);
    byte[] text = "module exXample.com/m // cafY\n\n//\u00a0 YZ comment \u2003\nrequire x.y/z v1.0.0 //\tok\u00a0\n"
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < text.length; i++) {
      if (text[i] == 'X' || text[i] == 'Y') {
        text[i] = (byte) 0xff;
      } else if (text[i] == 'Z') {
        text[i] = (byte) 0xe9;
      }
    }
    String[] want = goModEdit(go, Files.createDirectories(work.resolve("raw")), text, List.of("-fmt"));
    assertEquals(want[0], latin1(GoModEditor.format("go.mod", text, go.lang())), go.toString());
  }

  @Test
  void newLinesGoNextToTheirKind() {
    byte[] in = "module m\n\ngo 1.19\n\nrequire a.b/c v1.0.0\n\nexclude a.b/c v1.1.0\n".getBytes(StandardCharsets.UTF_8);
    byte[] out = GoModEditor.parse("go.mod", in, "1.27").require("a.b/d", "v1.2.0").exclude("a.b/c", "v1.0.9")
        .retract("v1.0.0", "v1.0.0", "oops\nsecond line").sortBlocks().cleanup().format();
    assertEquals("module m\n\ngo 1.19\n\nrequire (\n\ta.b/c v1.0.0\n\ta.b/d v1.2.0\n)\n\n"
        + "exclude (\n\ta.b/c v1.0.9\n\ta.b/c v1.1.0\n)\n\n// oops\n// second line\nretract v1.0.0\n",
        new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void badEditsThrowGoMessages() {
    GoModEditor e = GoModEditor.parse("go.mod", "module example.com/m/v2\n".getBytes(StandardCharsets.UTF_8), "1.27");
    assertEquals("version \"v1.2\" invalid: must be of the form v1.2.3",
        assertThrows(InvalidVersionException.class, () -> e.exclude("example.com/a", "v1.2")).getMessage());
    assertEquals("version \"v2.0.0\" invalid: should be v2.0.0+incompatible (or module example.com/a/v2)",
        assertThrows(InvalidVersionException.class, () -> e.exclude("example.com/a", "v2.0.0")).getMessage());
    assertEquals("version \"v1.0.0\" invalid: should be v2, not v1",
        assertThrows(InvalidVersionException.class, () -> e.retract("v1.0.0", "v1.0.0", "")).getMessage());
    assertEquals("version \"v2.1\" invalid: must be of the form v2.2.3",
        assertThrows(InvalidVersionException.class, () -> e.retract("v2.1", "v2.1", "")).getMessage());
    assertEquals("invalid language version \"bogus\"",
        assertThrows(InvalidGoModEditException.class, () -> e.go("bogus")).getMessage());
    assertEquals("invalid toolchain name \"1.21\"",
        assertThrows(InvalidGoModEditException.class, () -> e.toolchain("1.21")).getMessage());
    assertArrayEquals("module example.com/m/v2\n".getBytes(StandardCharsets.UTF_8), e.format());
  }
}
