package io.github.goproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.Fault;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.toolchain.GoToolchain;
import io.github.goproxy4j.toolchain.Platform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code goproxy list -m [-u] [-versions] [-retracted] all} and {@code goproxy mod graph} print what go1.27 prints, with
 * its exit status, in a main module that go made tidy; and fail like go when go.sum lacks a line
 * (but for {@code list -m} without arguments, which reads go.mod only).
 *
 * <p>The methods run side by side (junit-platform.properties): each has its own temporary
 * directory, module caches and FakeGoProxy, and goproxy runs in-process with the environment it is
 * handed, never the JVM's.
 */
@Execution(ExecutionMode.CONCURRENT)
class ModuleGraphCommandsTest {
  private static final Path GO127 = Paths.get("/usr/lib/go-1.27/bin/go");

  record Run(int status, String out, String err) {}

  private static Run goproxy(Map<String, String> env, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Goproxy.standard().run(List.of(argv), o, e, env, false);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run go(Path dir, Map<String, String> env, String... args) {
    return go(GO127, dir, env, args);
  }

  private static Run go(Path go, Path dir, Map<String, String> env, String... args) {
    GoTool.Result r = GoTool.exec(dir, env, 180, null, prepend(go.toString(), args));
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }

  private static Path goFor(String release) {
    GoTool.assumeGo();
    if (release.equals("1.19")) {
      return GoTool.goBinary().orElseThrow();
    }
    Path go = Paths.get("/usr/lib/go-" + release + "/bin/go");
    assumeTrue(Files.isExecutable(go), "SKIPPED: go" + release + " is not installed at " + go);
    return go;
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  @Test
  void listAndGraphAsGo(@TempDir Path tmp) throws Exception {
    GoTool.assumeGo();
    assumeTrue(Files.isExecutable(GO127), "SKIPPED: go1.27 is not installed at " + GO127);
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.16\n\nrequire example.com/b v1.0.0\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build())
        .module(FakeModule.builder("example.com/a", "v1.1.0").goMod("// Deprecated: use c\nmodule example.com/a\n\ngo 1.16\n")
            .file("a.go", "package a\n").build())
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.21\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/b", "v1.2.0")
            .goMod("module example.com/b\n\ngo 1.21\n\nretract v1.0.0 // broken\n").file("b.go", "package b\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/a\"\n\nfunc main() {}\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      go(main, goEnv, "mod", "tidy");
      Map<String, String> ours = new HashMap<>(proxy.environment());
      ours.put("GOENV", "off");
      ours.put("PWD", main.toString());
      ours.put("GOPATH", goEnv.get("GOPATH")); // the same module cache: -json prints its paths
      for (String[] cmd : List.of(new String[] {"list", "-m", "all"}, new String[] {"list", "-m", "-u", "all"},
          new String[] {"list", "-m"}, new String[] {"mod", "graph"}, new String[] {"list", "-m", "-json", "all"},
          new String[] {"list", "-m", "-u", "-json", "all"}, new String[] {"list", "-m", "-json", "example.com/b"},
          new String[] {"list", "-m", "-versions", "example.com/b", "example.com/a"},
          new String[] {"list", "-m", "-versions", "-u", "example.com/a"},
          new String[] {"list", "-m", "-versions", "-json", "example.com/b", "example.com/nosuch"},
          new String[] {"list", "-m", "-versions", "all"}, new String[] {"list", "-m", "-retracted", "all"},
          new String[] {"list", "-m", "-retracted", "-versions", "-json", "example.com/b"},
          new String[] {"list", "-m", "example.com/a@latest", "example.com/b@v1.0.0", "example.com/b@upgrade"},
          new String[] {"list", "-m", "-json", "example.com/b@latest", "example.com/b@v9.0.0"},
          new String[] {"list", "-m", "-retracted", "example.com/b@v1.0.0"})) {
        assertEquals(go(main, goEnv, cmd), goproxy(ours, cmd), String.join(" ", cmd));
      }
      // go.sum without the line for b's go.mod: both fail with go's message
      List<String> sum = Files.readAllLines(main.resolve("go.sum"));
      sum.removeIf(l -> l.startsWith("example.com/b v1.0.0/go.mod "));
      Files.write(main.resolve("go.sum"), sum);
      // the list commands that load the graph fail; list -m without arguments reads go.mod only;
      // the mod commands run with -mod=mod and succeed
      for (String[] cmd : List.of(new String[] {"list", "-m", "all"}, new String[] {"list", "-m", "-json", "all"},
          new String[] {"list", "-m", "-u", "-json", "all"}, new String[] {"list", "-m"},
          new String[] {"list", "-m", "-json"}, new String[] {"mod", "graph"},
          new String[] {"mod", "download", "-json"}, new String[] {"mod", "verify"})) {
        Run theirs = go(main, goEnv, cmd);
        boolean loadsGraph = cmd[0].equals("list") && cmd[cmd.length - 1].equals("all");
        assertEquals(loadsGraph ? 1 : 0, theirs.status(), String.join(" ", cmd));
        assertEquals(theirs, goproxy(ours, cmd), String.join(" ", cmd));
      }
    }
  }

  /**
   * {@code list -m -f template} as go1.19, go1.21 and go1.27 (text/template over each listed
   * module's modinfo.ModulePublic): fields, {@code {{.}}} and {@code .Replace} through String,
   * {@code .Time} (fractional seconds, an offset), {@code .Error} with {@code -e}, {@code -u}'s
   * Update, {@code -versions}, {@code -retracted}, replacements by directory and by version, the
   * builtins and list's {@code join}, {{define}}/{{template}}/{{block}} (and go's template depth limit),
   * templates that fail to parse (before anything is loaded) or to
   * execute (after the output written so far), the newline go adds after each module that does not
   * end with one, {@code -f} with {@code -json}, GOFLAGS's {@code -f}, and list's {@code module}
   * function (the build's modules, a path not in it, the main module; {@code path@version} outside
   * the build). Standard output,
   * standard error and exit status byte for byte.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void listFormatAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = abcUniverse()
        .module(FakeModule.builder("example.com/a", "v1.1.0").goMod("// Deprecated: use c\nmodule example.com/a\n\ngo 1.16\n")
            .time(java.time.Instant.parse("2023-04-05T06:07:08.123400Z")).file("a.go", "package a\n").build())
        .module(FakeModule.builder("example.com/b", "v1.2.0").goMod("module example.com/b\n\ngo 1.16\n\nretract v1.1.0 // broken\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/d", "v1.1.0").goMod("module example.com/d\n\ngo 1.16\n")
            .file("d.go", "package d\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire (\n\texample.com/a v1.0.0\n"
          + "\texample.com/c v1.0.0\n\texample.com/d v1.0.0\n)\n\nreplace example.com/c => ./c\n\n"
          + "replace example.com/d v1.0.0 => example.com/d v1.1.0\n");
      Path c = Files.createDirectories(main.resolve("c"));
      Files.writeString(c.resolve("go.mod"), "module example.com/c\n\ngo 1.17\n");
      Files.writeString(c.resolve("c.go"), "package c\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport (\n\t_ \"example.com/a\"\n\t_ \"example.com/c\"\n"
          + "\t_ \"example.com/d\"\n)\n\nfunc main() {}\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      tidy(goBin, main, goEnv);
      Map<String, String> ours = oursBeside(proxy, goEnv);
      List<String> all = List.of("{{.Path}}", "{{.}}", "{{.Path}} {{.Version}}{{with .Replace}} => {{.Path}} {{.Version}}{{end}}",
          "{{if not (or .Main .Indirect)}}{{.Path}}{{end}}", "{{.Replace}}|{{.Update}}|{{.Error}}", "{{.Time}}", "{{printf \"%#v|%#v|%[1]T|%*[3]d|\" .Time .Retracted 4 7}}",
          "{{with .Time}}{{.Format \"2006-01-02T15:04:05.000Z07:00 Mon Jan _2 3PM\"}} {{.Unix}}{{end}}",
          "{{.Dir}} {{.GoMod}} {{.GoVersion}}", "{{printf \"%s@%s\" .Path .Version}}", "{{printf \"%-20s|%5v|%q\" .Path .Main .Version}}",
          "{{len .Versions}} {{eq .Path \"example.com/a\"}} {{ne .Indirect true}}", "{{$p := .Path}}{{range .Retracted}}{{$p}}: {{.}}{{end}}",
          "{{- if .Indirect -}}\n  {{.Path}}\n{{- end}}", "{{.Path}}\n", "{{/* nothing */}}", "{{.Sum}}", "{{.Replace.Path}}",
          "{{.Foo}}", "{{eq .Path 1}}", "{{printf \"%d\" .Path}} {{index .Versions 0}}", "{{if .Main}}{{.Path}}{{else}}",
          "{{range $i, $v := .Versions}}{{end", "{{join .Path \",\"}}", "{{.Time.Year}}",
          "{{define \"v\"}}{{.Path}}@{{.Version}}{{end}}{{template \"v\" .}}{{block \"r\" .Replace}}{{with .}} => "
              + "{{template \"v\" .}}{{end}}{{end}}", "{{define \"x\"}}{{template \"x\" .}}{{end}}{{template \"x\" .}}");
      for (String t : all) {
        assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-f", t, "all");
      }
      List<String[]> more = List.of(
          new String[] {"list", "-m", "-u", "-f", "{{if .Update}}{{.Path}}: {{.Version}} -> {{.Update.Version}}{{end}}", "all"},
          new String[] {"list", "-m", "-u", "-f", "{{.Path}} {{.Deprecated}} {{.Retracted}} {{with .Update}}{{.Time}}{{end}}", "all"},
          new String[] {"list", "-m", "-versions", "-f", "{{join .Versions \"\\n\"}}", "example.com/b"},
          new String[] {"list", "-m", "-versions", "-retracted", "-f", "{{.Path}}{{range .Versions}} {{.}}{{end}}", "example.com/b"},
          new String[] {"list", "-m", "-retracted", "-f", "{{.Path}} {{.Version}} {{range .Retracted}}[{{.}}]{{end}}",
              "example.com/b@v1.1.0", "example.com/b@latest"},
          new String[] {"list", "-m", "-e", "-f", "{{.Path}}: {{.Error}} {{with .Error}}{{.Err}}{{end}}", "example.com/nosuch",
              "example.com/a"},
          new String[] {"list", "-m", "-f", "{{.Path}}", "example.com/nosuch"},
          new String[] {"list", "-m", "-f", "{{.Path}} {{.Query}} {{.Origin}}", "example.com/a@latest"},
          new String[] {"list", "-m", "-json", "-f", "{{.Path}}", "all"},
          new String[] {"list", "-m", "-json=false", "-f", "{{.Path}}", "all"},
          new String[] {"list", "-m", "-f", "", "all"},
          new String[] {"list", "-m", "-f", "{{.Path}}"},
          // the parse after BuildInit's failures, before the refusals after modload.Init
          new String[] {"list", "-m", "-compiled", "-f", "{{"}, new String[] {"list", "-m", "-p", "0", "-f", "{{"},
          new String[] {"list", "-m", "-mod=bogus", "-f", "{{"}, new String[] {"list", "-m", "-test", "-f", "{{.}}"},
          new String[] {"list", "-m", "-mod=vendor", "-retracted", "-f", "{{"},
          new String[] {"list", "-f", "{{", "all"}, new String[] {"list", "-u", "-f", "{{.}}"},
          // list's module function: the build's module as go list -m PATH lists it, without -u's Update
          new String[] {"list", "-m", "-f", "{{module .Path}}|{{module \"example.com/d\"}}|{{module \"example.com/nosuch\"}}"
              + "|{{(module \"example.com/nosuch\").Error}}|{{(module \"example.com/main\").Dir}}|{{module \"example.com/b\"}}",
              "all"},
          new String[] {"list", "-m", "-u", "-f", "{{with module \"example.com/a\"}}{{.Version}} {{.Time}} {{.Dir}} {{.GoMod}} "
              + "{{.GoVersion}} {{.Indirect}} {{.Update}} {{.Deprecated}}{{end}}", "example.com/c"},
          // module of a path the listing holds: the build's module, not the listed one when -u adds to
          // it or a query lists another version (ListModuleInfo.seed takes neither)
          new String[] {"list", "-m", "-u", "-f", "{{.Update}}|{{(module .Path).Update}}", "example.com/a"},
          new String[] {"list", "-m", "-f", "{{.Version}}|{{(module .Path).Version}}", "example.com/a@v1.1.0"},
          // module of path@version: moduleInfo outside the build (no query, no replacement, not
          // indirect; a retracted or deprecated version as it is), its go.mod fetched for GoVersion
          new String[] {"list", "-m", "-f", "{{with module \"example.com/b@v1.2.0\"}}{{.Path}} {{.Version}} {{.Time}} "
              + "{{.Dir}} {{.GoMod}} {{.GoVersion}} {{.Indirect}} {{.Replace}} {{.Error}} {{.Query}} {{.Retracted}}{{end}}|"
              + "{{module \"example.com/d@v1.0.0\"}}|{{(module \"example.com/b@v1.1.0\").Version}}|"
              + "{{printf \"%q\" (module \"example.com/a@v1.1.0\").Deprecated}} {{(module \"example.com/a@v1.1.0\").Time}}",
              "all"},
          new String[] {"list", "-m", "-json", "-f", "{{module \"example.com/b@v1.2.0\"}}", "all"},
          new String[] {"list", "-m", "-f", "{{module \"example.com/b@v1.2.0\"}} {{(module \"example.com/d@v1.1.0\").GoMod}}",
              "example.com/d"});
      for (String[] cmd : more) {
        assertSameAsGo(release, goBin, main, goEnv, ours, cmd);
      }
      // module of path@version whose lookup of a canonical version fails: Query's text (more:
      // listModuleFunctionLookupFailuresAsGo)
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-f", "{{module \"example.com/b@v9.9.9\"}}", "all");
      // GOFLAGS's -f (no spaces: GOFLAGS splits on them), and the command line's after it
      goEnv.put("GOFLAGS", "-modcacherw -f={{.Path}}@{{.Version}}");
      ours.put("GOFLAGS", goEnv.get("GOFLAGS"));
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "all");
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-f", "{{.Main}}", "all");
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-json", "all");
      // GOPATH mode: the parse before list's refusal of it
      goEnv.put("GO111MODULE", "off");
      ours.put("GO111MODULE", "off");
      goEnv.put("GOFLAGS", "");
      ours.put("GOFLAGS", "");
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-f", "{{");
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-f", "{{.Path}}");
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-modcacherw", "-f", "{{");
    }
  }

  /**
   * {@code %#v} of a time the proxy wrote with a numeric zero offset ({@code +00:00},
   * {@code -00:00}) on a machine whose local zone is UTC, as go1.19, go1.21 and go1.27 print it:
   * {@code time.Local} in the run that reads the .info from the proxy (time.Parse takes the local
   * zone when its offset is the time's), {@code time.UTC} in later runs, which read the module
   * cache's copy (written with {@code Z}); a {@code Z} time and another offset as before. Go and
   * goproxy each on a fresh module cache and a copy of the main module, then again on their caches;
   * then in the local zone Europe/Berlin (an unnamed fixed zone, {@code +0000 +0000}) on fresh
   * caches; in Europe/London, where January's +00:00 is GMT, and for a +02:00 time in Berlin's
   * summer (CEST), goproxy's refusal.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void listTimeLocalAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    Map<String, String> times = Map.of("p", "2023-04-05T06:07:08+00:00", "m", "2023-04-05T06:07:08.5-00:00",
        "z", "2023-04-05T06:07:08Z", "o", "2023-04-05T06:07:08+02:00", "w", "2023-01-05T06:07:08+00:00");
    StringBuilder require = new StringBuilder();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(times).entrySet()) {
      String m = e.getKey();
      pb.txtar("example.com_" + m + "_v1.0.0.txt", "-- .info --\n{\"Version\":\"v1.0.0\",\"Time\":\"" + e.getValue()
          + "\"}\n-- .mod --\nmodule example.com/" + m + "\n\ngo 1.17\n-- go.mod --\nmodule example.com/" + m
          + "\n\ngo 1.17\n-- " + m + ".go --\npackage " + m + "\n");
      require.append("\texample.com/").append(m).append(" v1.0.0\n");
    }
    try (FakeGoProxy proxy = pb.start()) {
      String goMod = "module example.com/main\n\ngo 1.17\n\nrequire (\n" + require + ")\n";
      Path theirs = Files.createDirectories(tmp.resolve("theirs/main"));
      Path mine = Files.createDirectories(tmp.resolve("mine/main"));
      Files.writeString(theirs.resolve("go.mod"), goMod);
      Files.writeString(mine.resolve("go.mod"), goMod);
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("theirs"));
      goEnv.putAll(proxy.environment());
      goEnv.put("GOFLAGS", "-modcacherw -mod=mod");
      Map<String, String> ours = new HashMap<>(GoTool.hermeticEnv(tmp.resolve("mine")));
      ours.putAll(proxy.environment());
      ours.put("GOFLAGS", "-modcacherw -mod=mod");
      ours.put("PWD", mine.toString());
      String[] cmd = {"list", "-m", "-f", "{{.Path}}{{with .Time}} {{.}} {{printf \"%#v\" .}}|{{.Format \"Z07:00 MST\"}}"
          + "{{end}}", "all"};
      List<String> argv = new java.util.ArrayList<>(List.of(cmd));
      argv.addAll(List.of("--go-version", release));
      for (int round = 1; round <= 2; round++) {
        Run go = go(goBin, theirs, goEnv, cmd);
        assumeTrue(round == 2 || go.out().contains("time.Local"),
            "SKIPPED: go's local zone is not UTC here (a +00:00 time is then no time.Local): " + go.out());
        assertEquals(round == 1, go.out().contains("example.com/p 2023-04-05 06:07:08 +0000 UTC time.Date(2023, "
            + "time.April, 5, 6, 7, 8, 0, time.Local)"), go.out());
        assertEquals(go, goproxy(ours, argv.toArray(new String[0])), "go" + release + " round " + round);
      }
      // local zone Europe/Berlin (+01:00 in January, +02:00 in April): a +00:00 time is in an
      // unnamed fixed zone; fresh caches again
      goEnv.put("TZ", "Europe/Berlin");
      goEnv.put("GOPATH", tmp.resolve("theirs/berlin").toString());
      ours.put("TZ", "Europe/Berlin");
      ours.put("GOPATH", tmp.resolve("mine/berlin").toString());
      String[] some = {"list", "-m", "-f", cmd[3], "example.com/p", "example.com/m", "example.com/w", "example.com/z"};
      List<String> someArgv = new java.util.ArrayList<>(List.of(some));
      someArgv.addAll(List.of("--go-version", release));
      Run go = go(goBin, theirs, goEnv, some);
      assertTrue(go.out().contains("example.com/w 2023-01-05 06:07:08 +0000 +0000 time.Date(2023, time.January, 5, 6, 7, "
          + "8, 0, time.Location(\"\"))|Z +0000\n"), go.out());
      assertEquals(go, goproxy(ours, someArgv.toArray(new String[0])), "go" + release + " TZ=Europe/Berlin");
      // o's +02:00 is Berlin's in April: go names it CEST (time.Local), which goproxy refuses
      Run berlin = goproxy(ours, "list", "-m", "-f", cmd[3], "example.com/o", "--go-version", release);
      assertEquals(1, berlin.status(), berlin.toString());
      assertTrue(berlin.err().startsWith("goproxy list: a time in the local zone (go prints that zone's abbreviation)"),
          berlin.err());
      // Europe/London: w's offset is London's in January, so go names it GMT, which goproxy refuses
      ours.put("TZ", "Europe/London");
      ours.put("GOPATH", tmp.resolve("mine/london").toString());
      Run london = goproxy(ours, argv.toArray(new String[0]));
      assertEquals(1, london.status(), london.toString());
      assertTrue(london.err().startsWith("goproxy list: a time in the local zone (go prints that zone's abbreviation)"),
          london.err());
    }
  }

  /**
   * list's template function {@code context} ({@code *list.Context}) as go1.19, go1.21-go1.24,
   * go1.26 and go1.27 print it, goproxy handed go's own environment (the release's bin directory
   * first on PATH: GOROOT is that go's): the whole value ({@code {{context}}}, {@code %#v}), its
   * fields, CgoEnabled from CGO_ENABLED, the target and (from go1.20) the C compiler on PATH or CC,
   * GOAMD64's tool tags, GOOS for another system, {@code -tags} (the comma list, the quoted form,
   * an empty one, GOFLAGS's before the command line's), {@code -installsuffix}, a GOPATH list, a
   * field it lacks. Where goproxy does not know the tool tags (another platform, GOEXPERIMENT) or
   * the context (GOFLAGS's {@code -race}), its refusal.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.23", "1.24", "1.26", "1.27"})
  void listContextAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release).toRealPath();
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n");
    Map<String, String> base = GoTool.hermeticEnv(tmp);
    String bin = goBin.getParent().toString();
    base.put("PATH", bin + ":/usr/bin:/bin");
    String whole = "{{context}}";
    String fields = "{{context.GOARCH}}|{{context.GOOS}}|{{context.GOROOT}}|{{context.GOPATH}}|{{context.CgoEnabled}}|"
        + "{{context.UseAllFiles}}|{{context.Compiler}}|{{printf \"%#v\" context.BuildTags}}|{{context.InstallSuffix}}|"
        + "{{len context.ReleaseTags}} {{index context.ReleaseTags 0}}|{{.Path}}";
    String target = "{{context.GOOS}}/{{context.GOARCH}} {{context.CgoEnabled}} {{context.GOROOT}}";
    List<Object[]> cases = List.of(
        new Object[] {Map.of(), new String[] {"-f", whole}},
        new Object[] {Map.of(), new String[] {"-f", "{{printf \"%#v\" context}}"}},
        new Object[] {Map.of(), new String[] {"-f", fields}},
        new Object[] {Map.of(), new String[] {"-f", "{{with context}}{{.GOOS}} {{.ToolTags}}{{end}}"}},
        new Object[] {Map.of(), new String[] {"-f", "{{context.Nope}}"}},
        new Object[] {Map.of("CGO_ENABLED", "1"), new String[] {"-f", whole}},
        new Object[] {Map.of("CGO_ENABLED", ""), new String[] {"-f", target}},
        new Object[] {Map.of("CGO_ENABLED", "", "PATH", bin), new String[] {"-f", target}},
        new Object[] {Map.of("CGO_ENABLED", "", "PATH", bin, "CC", "gcc"), new String[] {"-f", target}},
        new Object[] {Map.of("CGO_ENABLED", "true", "PATH", bin), new String[] {"-f", target}},
        new Object[] {Map.of("CGO_ENABLED", "", "GOOS", "darwin"), new String[] {"-f", target}},
        new Object[] {Map.of("CGO_ENABLED", "1", "GOARCH", "arm64"), new String[] {"-f", target}},
        new Object[] {Map.of("CGO_ENABLED", "", "GOOS", "linux", "GOARCH", "amd64"), new String[] {"-f", target}},
        new Object[] {Map.of("GOAMD64", "v3"), new String[] {"-f", "{{context.ToolTags}}"}},
        new Object[] {Map.of("GOAMD64", "v4"), new String[] {"-f", "{{printf \"%q\" context.ToolTags}}"}},
        new Object[] {Map.of("GOPATH", tmp.resolve("p1") + ":" + tmp.resolve("p2")), new String[] {"-f", fields}},
        new Object[] {Map.of(), new String[] {"-tags=a,,b", "-installsuffix=foo", "-compiler=gc", "-f", fields}},
        new Object[] {Map.of(), new String[] {"-tags", "'a b' c", "-f", fields}},
        new Object[] {Map.of("GOFLAGS", "-modcacherw -tags=x,y"), new String[] {"-f", fields}},
        new Object[] {Map.of("GOFLAGS", "-modcacherw -tags=x,y"), new String[] {"-tags=", "-f", fields}});
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      Map<String, String> vars = (Map<String, String>) c[0];
      Map<String, String> env = new HashMap<>(base);
      env.putAll(vars);
      List<String> cmd = new java.util.ArrayList<>(List.of("list", "-m"));
      cmd.addAll(List.of((String[]) c[1]));
      assertSameAsGo(release, goBin, main, env, new HashMap<>(env), cmd.toArray(new String[0]));
    }
    // what goproxy does not know: the tool tags of another platform or with GOEXPERIMENT (the
    // other fields print), the context under GOFLAGS's -race, which goproxy ignores
    for (Map<String, String> vars : List.of(Map.of("GOOS", "darwin"), Map.of("GOARCH", "arm64"),
        Map.of("GOEXPERIMENT", "nodwarf5"))) {
      Map<String, String> env = new HashMap<>(base);
      env.putAll(vars);
      env.put("PWD", main.toString());
      Run r = goproxy(env, "list", "-m", "-f", "{{context.GOOS}} {{context.ToolTags}}", "--go-version", release);
      assertEquals(new Run(1, "", "goproxy list: context's ToolTags (" + (vars.containsKey("GOEXPERIMENT")
          ? "goproxy knows them without GOEXPERIMENT only" : "goproxy knows them for linux/amd64, not "
          + vars.getOrDefault("GOOS", "linux") + "/" + vars.getOrDefault("GOARCH", "amd64"))
          + ") in -f templates is not supported: goproxy does not do what go does with it\n"), r, vars.toString());
    }
    Map<String, String> env = new HashMap<>(base);
    env.put("GOFLAGS", "-race");
    env.put("PWD", main.toString());
    assertEquals(new Run(1, "", "goproxy list: the function context without the build context in -f templates is not "
        + "supported: goproxy does not do what go does with it\n"),
        goproxy(env, "list", "-m", "-f", "{{context.GOOS}}", "--go-version", release));
  }

  /**
   * {@code mod download [-json]} and {@code mod verify} as go1.19 and go1.27 (with
   * {@code --go-version}) in a tidy main module at go 1.16 (everything in the build list is
   * downloaded, the unimported c too) and at go 1.17 (only what go.mod requires): each fills its
   * own fresh module cache, the outputs are equal once the cache directory is renamed, then the
   * same file of each extracted tree is changed and mod verify reports it as go does.
   */
  @ParameterizedTest(name = "go{0} main go {1}")
  @CsvSource({"1.19, 1.16", "1.19, 1.17", "1.27, 1.16", "1.27, 1.17"})
  void modDownloadAndVerifyAsGo(String release, String mainGo, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.16\n\nrequire (\n\texample.com/b v1.0.0\n\texample.com/c v1.0.0\n)\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build())
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.16\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/c", "v1.0.0").goMod("module example.com/c\n")
            .file("c.go", "package c\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo " + mainGo
          + "\n\nrequire example.com/a v1.0.0\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/a\"\n\nfunc main() {}\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("theirs"));
      goEnv.putAll(proxy.environment());
      go(goBin, main, goEnv, "mod", "tidy");
      // a fresh cache for each side
      goEnv.put("GOPATH", tmp.resolve("theirs/fresh").toString());
      Map<String, String> ours = new HashMap<>(proxy.environment());
      ours.put("GOENV", "off");
      ours.put("GOFLAGS", "-modcacherw");
      ours.put("GOPATH", tmp.resolve("ours/fresh").toString());
      ours.put("PWD", main.toString());
      String theirDir = tmp.resolve("theirs").toString();
      String ourDir = tmp.resolve("ours").toString();
      Run theirs = go(goBin, main, goEnv, "mod", "download", "-json");
      Run mine = goproxy(ours, "--go-version", release, "mod", "download", "-json");
      assertEquals(theirs.status(), mine.status());
      assertEquals(theirs.out().replace(theirDir, ourDir), mine.out());
      assertEquals(theirs.err(), mine.err());
      assertEquals(mainGo.equals("1.16"), mine.out().contains("example.com/c"), mine.out());
      Run verifyTheirs = go(goBin, main, goEnv, "mod", "verify");
      assertEquals("all modules verified\n", verifyTheirs.out());
      assertEquals(verifyTheirs, goproxy(ours, "--go-version", release, "mod", "verify"));
      for (String root : List.of(theirDir, ourDir)) {
        Files.writeString(Path.of(root, "fresh/pkg/mod/example.com/a@v1.0.0/a.go"), "package a\n");
      }
      verifyTheirs = go(goBin, main, goEnv, "mod", "verify");
      assertEquals(1, verifyTheirs.status());
      Run verifyOurs = goproxy(ours, "--go-version", release, "mod", "verify");
      assertEquals(new Run(1, "", verifyTheirs.err().replace(theirDir, ourDir)), verifyOurs);
    }
  }

  /**
   * {@code mod download} and {@code mod download -json} when one module's zip is missing and
   * another's corrupt (and a third's .info carries an Origin, which go does not print here): every
   * module is still tried, go's error lines ({@code go: ...}) or its
   * objects with {@code Error}, exit status 1, as go1.19 and go1.27; and without requirements
   * go's {@code no module dependencies to download} with status 0.
   */
  @ParameterizedTest(name = "go{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1.19", "1.27"})
  void modDownloadFailuresAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    for (String m : List.of("a", "c")) {
      pb.module(FakeModule.builder("example.com/" + m, "v1.0.0").goMod("module example.com/" + m + "\n\ngo 1.17\n")
          .file(m + ".go", "package " + m + "\n").build());
    }
    // b's .info has an Origin: go mod download -json without arguments does not print it
    pb.txtar("example.com_b_v1.0.0.txt", "-- .info --\n{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-01T00:00:00Z\","
        + "\"Origin\":{\"VCS\":\"git\",\"URL\":\"https://example.com/b\",\"Hash\":\"0123456789abcdef0123456789abcdef01234567\"}}\n"
        + "-- .mod --\nmodule example.com/b\n\ngo 1.17\n-- go.mod --\nmodule example.com/b\n\ngo 1.17\n-- b.go --\npackage b\n");
    pb.fault(io.github.goproxy4j.testkit.Fault.status(404, "gone").forModule("example.com/a", "v1.0.0")
        .on(io.github.goproxy4j.testkit.Endpoint.ZIP));
    pb.fault(io.github.goproxy4j.testkit.Fault.corruptBody().forModule("example.com/c", "v1.0.0")
        .on(io.github.goproxy4j.testkit.Endpoint.ZIP));
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire (\n"
          + "\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n\texample.com/c v1.0.0\n)\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("theirs"));
      goEnv.putAll(proxy.environment());
      Map<String, String> ours = new HashMap<>(proxy.environment());
      ours.put("GOENV", "off");
      ours.put("GOFLAGS", "-modcacherw");
      ours.put("GOPATH", tmp.resolve("ours/gopath").toString());
      ours.put("PWD", main.toString());
      String theirDir = tmp.resolve("theirs").toString();
      String ourDir = tmp.resolve("ours").toString();
      for (String[] cmd : List.of(new String[] {"mod", "download"}, new String[] {"mod", "download", "-json"})) {
        Run theirs = go(goBin, main, goEnv, cmd);
        assertEquals(1, theirs.status(), theirs.toString());
        List<String> argv = new java.util.ArrayList<>(List.of("--go-version", release));
        argv.addAll(List.of(cmd));
        assertEquals(new Run(theirs.status(), theirs.out().replace(theirDir, ourDir), theirs.err()),
            goproxy(ours, argv.toArray(new String[0])), String.join(" ", cmd));
      }
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n");
      Run theirs = go(goBin, main, goEnv, "mod", "download", "-json");
      assertEquals(new Run(0, "", "go: no module dependencies to download\n"), theirs);
      assertEquals(theirs, goproxy(ours, "--go-version", release, "mod", "download", "-json"));
    }
  }

  /**
   * In a workspace, found from a module directory below go.work or through GOWORK:
   * {@code list -m} (the main modules in use order), {@code list -m all} and {@code mod graph}
   * print what go1.19 and go1.27 print; a relative GOWORK and GOFLAGS=-mod=mod fail with each
   * release's text.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "go{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1.19", "1.27"})
  void workspaceAsGo(String release, @TempDir Path tmp) throws Exception {
    GoTool.assumeGo();
    Path goBin = release.equals("1.19") ? GoTool.goBinary().orElseThrow() : GO127;
    assumeTrue(Files.isExecutable(goBin), "SKIPPED: go" + release + " is not installed at " + goBin);
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0").goMod("module example.com/a\n\ngo 1.17\n")
            .file("a.go", "package a\n").build())
        .module(FakeModule.builder("example.com/a", "v1.1.0").goMod("module example.com/a\n\ngo 1.17\n")
            .file("a.go", "package a\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path ws = writeWorkspace(tmp.resolve("ws"));
      Path z = ws.resolve("z");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      Map<String, String> ours = new HashMap<>(proxy.environment());
      ours.put("GOENV", "off");
      ours.put("GOPATH", tmp.resolve("our-gopath").toString());
      ours.put("PWD", z.toString());
      for (String[] cmd : List.of(new String[] {"list", "-m"}, new String[] {"list", "-m", "-json"},
          new String[] {"list", "-m", "all"}, new String[] {"mod", "graph"})) {
        GoTool.Result r = GoTool.exec(z, goEnv, 180, null, prepend(goBin.toString(), cmd));
        List<String> argv = new java.util.ArrayList<>(List.of(cmd));
        argv.addAll(List.of("--go-version", release));
        assertEquals(new Run(r.exitCode(), r.stdout(), r.stderr()), goproxy(ours, argv.toArray(new String[0])),
            String.join(" ", cmd));
      }
      // -mod=mod is refused in a workspace, in each release's words; mod graph takes no -mod
      goEnv.put("GOFLAGS", "-modcacherw -mod=mod");
      ours.put("GOFLAGS", "-modcacherw -mod=mod");
      assertSameAsGo(release, goBin, z, goEnv, ours, "list", "-m", "all");
      assertSameAsGo(release, goBin, z, goEnv, ours, "mod", "graph");
      goEnv.put("GOFLAGS", "-modcacherw");
      ours.remove("GOFLAGS");
      goEnv.put("GOWORK", "go.work");
      ours.put("GOWORK", "go.work");
      GoTool.Result r = GoTool.exec(z, goEnv, 180, null, goBin.toString(), "mod", "graph");
      assertEquals(new Run(r.exitCode(), r.stdout(), r.stderr()),
          goproxy(ours, "mod", "graph", "--go-version", release));
    }
  }

  /**
   * What {@code list -m} writes to go.work.sum in a workspace that has none yet when it lists the
   * build, answers queries and looks up versions and retractions: each command run by go and by goproxy on its own copy of the
   * workspace with its own module cache; output, exit status, go.work.sum and the modules'
   * go.sum files must be go's. go1.19 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void workspaceSumsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = workspaceUniverse().start()) {
      Path ws = writeWorkspace(tmp.resolve("ws"));
      // no go.work.sum, no go.sum: what each command writes
      String[][] cmds = {{"list", "-m", "example.com/q@v1.0.0"}, {"list", "-m", "-json", "example.com/q@latest"},
          {"list", "-m", "-versions", "example.com/q"}, {"list", "-m", "-retracted", "all"},
          {"list", "-m", "-u", "all"}, {"list", "-m", "example.com/q@v1.1.0", "example.com/a@v1.0.0"},
          {"list", "-m", "all"}, {"list", "-m", "-json", "example.com/a"}};
      int round = 0;
      int grew = 0;
      for (String[] cmd : cmds) {
        round++;
        Path[] sides = workspaceSideBySide(goBin, release, proxy, ws, tmp.resolve("round" + round), cmd);
        grew += readIfExists(sides[0].resolve("go.work.sum")).equals(readIfExists(ws.resolve("go.work.sum"))) ? 0 : 1;
      }
      assertTrue(grew > 0, "no command added to go.work.sum: the comparison saw no write");
    }
  }

  /**
   * {@code mod download [-json] args...} in a workspace without go.work.sum or go.sum files: the
   * arguments answered from the workspace's build list (a module's path, {@code all}, queries,
   * a workspace module itself, a version no proxy has), and go.work.sum gaining what go keeps;
   * each command by go and by goproxy on its own copy of the workspace with its own module cache:
   * output, exit status, go.work.sum, the modules' go.sum files and the module cache must be go's.
   * go1.19 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void modDownloadInWorkspaceAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = workspaceUniverse().start()) {
      Path ws = writeWorkspace(tmp.resolve("ws"));
      String[][] cmds = {{"mod", "download", "example.com/a"}, {"mod", "download", "-json", "all"},
          {"mod", "download", "example.com/q@v1.0.0", "example.com/a@v1.0.0"},
          {"mod", "download", "-json", "example.com/a@upgrade", "example.com/z", "example.com/b@upgrade"},
          {"mod", "download", "example.com/a@v9.9.9", "example.com/a"},
          {"mod", "download", "-json", "example.com/a@v9.9.9", "example.com/a@latest"}};
      int round = 0;
      int grew = 0;
      for (String[] cmd : cmds) {
        round++;
        Path[] sides = workspaceSideBySide(goBin, release, proxy, ws, tmp.resolve("round" + round), cmd);
        assertEquals(contents(sides[2].resolve("pkg/mod")), contents(sides[3].resolve("pkg/mod")),
            "go" + release + " " + String.join(" ", cmd) + ": the module cache");
        grew += Files.exists(sides[0].resolve("go.work.sum")) ? 1 : 0;
      }
      assertTrue(grew > 0, "no command wrote go.work.sum: the comparison saw no write");
    }
  }

  /**
   * A main go.mod without a go line under {@code -mod=mod}: go adds the running release's go line
   * (its language version before go1.21, its full version after), converts the requirements to a
   * pruned graph (loading the whole graph even for {@code list -m}) and rewrites go.mod, while
   * {@code mod graph} leaves it alone. Each command by go and by goproxy on its own copy with its
   * own module cache: output, exit status, go.sum and the rewritten go.mod (the go line, the
   * indirect requirement in its own block) must be go's. go1.19, go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void missingGoLineAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    Path full = goBin.toRealPath().getParent().getParent().resolve("VERSION");
    String goVersion = Files.readAllLines(full).get(0).trim().substring("go".length());
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\nrequire example.com/a v1.0.0\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/a\"\n\nfunc main() {}\n");
      String[][] cmds = {{"list", "-m"}, {"list", "-m", "-json"}, {"list", "-m", "all"}, {"list", "-m", "-json", "all"},
          {"list", "-m", "-json", "example.com/a"}, {"mod", "graph"}, {"mod", "download"}, {"mod", "download", "-json"}};
      int round = 0;
      for (String[] cmd : cmds) {
        round++;
        Path theirs = copyTree(main, tmp.resolve("theirs" + round));
        Path ours = copyTree(main, tmp.resolve("ours" + round));
        String what = "go" + release + " " + String.join(" ", cmd);
        sideBySide(goBin, goVersion, proxy, tmp.resolve("round" + round), theirs, ours, "-modcacherw -mod=mod", cmd);
        assertSameFiles(theirs, ours, what, "go.sum");
        assertEquals(!cmd[1].equals("graph"), Files.readString(theirs.resolve("go.mod")).contains("\ngo "),
            what + ": go adds a go line except for mod graph");
        assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(ours.resolve("go.mod")),
            what + ": go.mod");
      }
    }
  }

  /**
   * Runs {@code cmd} with go in {@code goDir} and with goproxy ({@code --go-version goVersion}) in
   * {@code ourDir}, each with its own GOPATH under {@code work} (GOFLAGS {@code goflags}, else the
   * hermetic default), and asserts equal output and exit status (goproxy's GOPATH and directory
   * read as go's, on standard output and standard error).
   *
   * @return go's GOPATH and goproxy's
   */
  private static Path[] sideBySide(Path goBin, String goVersion, FakeGoProxy proxy, Path work, Path goDir,
      Path ourDir, String goflags, String[] cmd) {
    return sideBySide(goBin, goVersion, proxy, work, goDir, ourDir, goflags, Map.of(), cmd);
  }

  /** {@link #sideBySide(Path, String, FakeGoProxy, Path, Path, Path, String, String[])} with more variables on both sides. */
  private static Path[] sideBySide(Path goBin, String goVersion, FakeGoProxy proxy, Path work, Path goDir,
      Path ourDir, String goflags, Map<String, String> vars, String[] cmd) {
    Map<String, String> goEnv = GoTool.hermeticEnv(work.resolve("go-home"));
    goEnv.putAll(proxy.environment());
    if (goflags != null) {
      goEnv.put("GOFLAGS", goflags);
    }
    goEnv.putAll(vars);
    GoTool.Result r = GoTool.exec(goDir, goEnv, 180, null, prepend(goBin.toString(), cmd));
    Path ourPath = work.resolve("our-gopath");
    Map<String, String> env = new HashMap<>(proxy.environment());
    env.put("GOENV", "off");
    env.put("GOPATH", ourPath.toString());
    env.put("GOFLAGS", goEnv.get("GOFLAGS"));
    env.putAll(vars);
    env.put("PWD", ourDir.toString());
    List<String> argv = new java.util.ArrayList<>(List.of(cmd));
    argv.addAll(List.of("--go-version", goVersion));
    Run o = goproxy(env, argv.toArray(new String[0]));
    String out = o.out().replace(ourPath.toString(), goEnv.get("GOPATH")).replace(ourDir.toString(), goDir.toString());
    String err = o.err().replace(ourPath.toString(), goEnv.get("GOPATH")).replace(ourDir.toString(), goDir.toString());
    assertEquals(new Run(r.exitCode(), r.stdout(), r.stderr()), new Run(o.status(), out, err),
        "go" + goVersion + " " + String.join(" ", cmd));
    return new Path[] {Path.of(goEnv.get("GOPATH")), ourPath};
  }

  /** example.com/a and example.com/q, v1.0.0 and v1.1.0 each, at go 1.17: what the workspace tests query. */
  private static FakeGoProxy.Builder workspaceUniverse() {
    return atV100AndV110("example.com/a", "example.com/q");
  }

  /** Each path at v1.0.0 and v1.1.0, go 1.17, one package named after the path's last element. */
  private static FakeGoProxy.Builder atV100AndV110(String... paths) {
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    for (String v : List.of("v1.0.0", "v1.1.0")) {
      for (String p : paths) {
        String name = p.substring(p.lastIndexOf('/') + 1);
        pb.module(FakeModule.builder(p, v).goMod("module " + p + "\n\ngo 1.17\n")
            .file(name + ".go", "package " + name + "\n").build());
      }
    }
    return pb;
  }

  /**
   * go and goproxy run {@code cmd} in module z of their own copies of the workspace {@code ws}
   * (below {@code work}), as {@link #sideBySide}; go.work.sum and the modules' go.sum files must
   * be go's too. Returns go's copy, ours, go's GOPATH and ours.
   */
  private static Path[] workspaceSideBySide(Path goBin, String release, FakeGoProxy proxy, Path ws, Path work,
      String[] cmd) throws java.io.IOException {
    Path theirs = copyTree(ws, work.resolve("theirs"));
    Path ours = copyTree(ws, work.resolve("ours"));
    Path[] gopaths = sideBySide(goBin, release, proxy, work, theirs.resolve("z"), ours.resolve("z"), null, cmd);
    for (String f : List.of("go.work.sum", "z/go.sum", "b/go.sum")) {
      assertEquals(readIfExists(theirs.resolve(f)), readIfExists(ours.resolve(f)),
          "go" + release + " " + String.join(" ", cmd) + ": " + f);
    }
    return new Path[] {theirs, ours, gopaths[0], gopaths[1]};
  }

  /** The workspace {@code ws}: go.work at go 1.18 using ./z (requires example.com/a v1.0.0) and ./b (v1.1.0). */
  private static Path writeWorkspace(Path ws) throws java.io.IOException {
    Path z = Files.createDirectories(ws.resolve("z"));
    Path b = Files.createDirectories(ws.resolve("b"));
    Files.writeString(z.resolve("go.mod"), "module example.com/z\n\ngo 1.17\n\nrequire example.com/a v1.0.0\n");
    Files.writeString(b.resolve("go.mod"), "module example.com/b\n\ngo 1.17\n\nrequire example.com/a v1.1.0\n");
    Files.writeString(ws.resolve("go.work"), "go 1.18\n\nuse ./z\nuse ./b\n");
    return ws;
  }

  private static String readIfExists(Path f) throws java.io.IOException {
    return Files.exists(f) ? Files.readString(f) : "(none)";
  }

  private static Path copyTree(Path from, Path to) throws java.io.IOException {
    try (java.util.stream.Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
    return to;
  }

  /** go (release) and goproxy (--go-version release) run {@code cmd} in {@code dir}; the results must be equal. */
  private static void assertSameAsGo(String release, Path goBin, Path dir, Map<String, String> goEnv,
      Map<String, String> ours, String... cmd) {
    GoTool.Result r = GoTool.exec(dir, goEnv, 180, null, prepend(goBin.toString(), cmd));
    List<String> argv = new java.util.ArrayList<>(List.of(cmd));
    argv.addAll(List.of("--go-version", release));
    Map<String, String> env = new HashMap<>(ours);
    env.put("PWD", dir.toString());
    assertEquals(new Run(r.exitCode(), r.stdout(), r.stderr()), goproxy(env, argv.toArray(new String[0])),
        "go" + release + " " + String.join(" ", cmd) + " (GOFLAGS=" + goEnv.get("GOFLAGS") + ")");
  }

  /**
   * {@link #assertSameAsGo} with goproxy's {@code --go-version release} before {@code cmd}, where a
   * last flag of {@code cmd} that takes a value cannot take it.
   *
   * @return go's run
   */
  private static Run assertSameAsGoReleaseFirst(String release, Path goBin, Path dir, Map<String, String> goEnv,
      Map<String, String> ours, String what, String... cmd) {
    Run theirs = go(goBin, dir, goEnv, cmd);
    List<String> argv = new java.util.ArrayList<>(List.of("--go-version", release));
    argv.addAll(List.of(cmd));
    Map<String, String> env = new HashMap<>(ours);
    env.put("PWD", dir.toString());
    assertEquals(theirs, goproxy(env, argv.toArray(new String[0])), what + " " + String.join(" ", cmd));
    return theirs;
  }

  /**
   * {@link #assertSameAsGoReleaseFirst} offline (GOPROXY=off, go's own GOPATH on both sides) with
   * {@code vars} (GOFLAGS, GO111MODULE...) set on both sides.
   */
  private static void assertOfflineSameAsGo(String release, Path goBin, Path tmp, Path dir, Map<String, String> vars,
      String what, String... cmd) {
    Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("go-home"));
    goEnv.put("GOPROXY", "off");
    goEnv.putAll(vars);
    Map<String, String> ours = new HashMap<>(vars);
    ours.put("GOENV", "off");
    ours.put("GOPROXY", "off");
    ours.put("GOPATH", goEnv.get("GOPATH"));
    assertSameAsGoReleaseFirst(release, goBin, dir, goEnv, ours, what, cmd);
  }

  /**
   * {@link #assertSameAsGo} for {@code cmd} ({@code list -m ...}) and for it with {@code -e} after
   * {@code -m}: each failing module listed with its error, a graph that loads in part listed
   * without its failure, exit status 0 where go lists.
   */
  private static void assertSameAsGoWithAndWithoutE(String release, Path goBin, Path dir, Map<String, String> goEnv,
      Map<String, String> ours, String... cmd) {
    assertSameAsGo(release, goBin, dir, goEnv, ours, cmd);
    List<String> withE = new java.util.ArrayList<>(List.of(cmd));
    withE.add(2, "-e");
    assertSameAsGo(release, goBin, dir, goEnv, ours, withE.toArray(new String[0]));
  }

  /** go mod tidy in {@code main} with {@code goBin}, which must succeed. */
  private static void tidy(Path goBin, Path main, Map<String, String> goEnv, String... more) {
    for (String[] cmd : List.of(new String[] {"mod", "tidy"}, more)) {
      if (cmd.length > 0) {
        GoTool.Result r = GoTool.exec(main, goEnv, 180, null, prepend(goBin.toString(), cmd));
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + ": " + r.stderr());
      }
    }
  }

  /** goproxy's environment beside go's: the proxy, no GOENV file, go's GOPATH and GOFLAGS. */
  private static Map<String, String> oursBeside(FakeGoProxy proxy, Map<String, String> goEnv) {
    Map<String, String> ours = new HashMap<>(proxy.environment());
    ours.put("GOENV", "off");
    ours.put("GOPATH", goEnv.get("GOPATH"));
    ours.put("GOFLAGS", goEnv.get("GOFLAGS"));
    return ours;
  }

  /**
   * list's {@code module} function with a {@code path@version} whose version is a query, not a
   * canonical version (modload.ModuleInfo's moduleInfo without the build: Query with no current
   * version and every version allowed, then go.mod read at a version): go1.19 and go1.21 answer the
   * resolved version's module, go1.22 on the resolved version and time only for a semantic version
   * that is not canonical and go's fatal {@code internal error} for a query that is no semantic
   * version, as every release for such a query that fails; a version that matches nothing is the
   * module's error as Query words it; from go1.26 a version starting with {@code -} or {@code /} is
   * ParsePathVersion's error in a module without a path; {@code upgrade} is {@code latest} up to
   * go1.21 (no current version), {@code patch} with none fails; {@code path@} naming a directory
   * with a go.mod holds its go version. Standard output, standard error and exit status byte for
   * byte, in a module and outside one.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.26", "1.27"})
  void listModuleFunctionQueriesAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = abcUniverse()
        .module(FakeModule.builder("example.com/b", "v1.2.0").goMod("module example.com/b\n\ngo 1.18\n\nretract v1.1.0\n")
            .time(java.time.Instant.parse("2023-04-05T06:07:08.123400Z")).file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/b", "v1.3.0-pre").goMod("module example.com/b\n\ngo 1.19\n")
            .file("b.go", "package b\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/b v1.0.0\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/b\"\n\nfunc main() {}\n");
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      tidy(goBin, main, goEnv);
      Map<String, String> ours = oursBeside(proxy, goEnv);
      String fields = "{{.Path}} {{.Version}} {{.Time}} {{.GoVersion}} {{.GoMod}} {{.Dir}} {{.Error}} {{.Query}} "
          + "{{.Retracted}} {{.Indirect}} {{.Replace}}";
      for (String arg : List.of("example.com/b@latest", "example.com/b@v1.1", "example.com/b@v1", "example.com/b@v1.9",
          "example.com/b@master", "example.com/b@-x", "example.com/b@/x", "example.com/b@>v1.0.0", "example.com/b@<v1.2",
          "example.com/b@v1.2", "example.com/b@v1.3.0-pre", "example.com/b@upgrade", "example.com/b@patch",
          "example.com/nosuch@v1", "example.com/b@", "example.com/main@", "example.com/nosuch@")) {
        String t = "{{module \"" + arg + "\"}}|{{with module \"" + arg + "\"}}" + fields + "{{end}}";
        assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-f", t, "example.com/b");
        assertSameAsGo(release, goBin, outside, goEnv, ours, "list", "-m", "-f", t, "example.com/b@v1.0.0");
      }
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-json", "-f",
          "{{module \"example.com/b@v1\"}}", "all");
      // path@ naming a directory with a go.mod: go reads its go line, as a directory replacement's
      // (relative to the main module's root, outside a module to the working directory)
      Files.createDirectories(main.resolve("c"));
      Files.writeString(main.resolve("c/go.mod"), "module example.com/c\n\ngo 1.20\n");
      Files.createDirectories(outside.resolve("c"));
      Files.writeString(outside.resolve("c/go.mod"), "module example.com/c\n\ngo 1.18\n");
      String t = "{{module \"c@\"}}|{{with module \"./c@\"}}" + fields + "{{end}}";
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-f", t, "example.com/b");
      assertSameAsGo(release, goBin, outside, goEnv, ours, "list", "-m", "-f", t, "example.com/b@v1.0.0");
    }
  }

  /**
   * list's {@code module} function with {@code path@query} where the main module's replace
   * directives name the path (go's replacementRepo answers moduleInfo's Query): a replaced version
   * the proxy lacks is listed and resolves without it (time zero), a higher replaced version wins
   * {@code latest} and the queries that list versions, a path replaced at every version resolves
   * any canonical version, and go.mod is then read at the version (the proxy's, not the
   * replacement's: no go version where the proxy lacks it). Standard output, standard error, exit
   * status and the module cache's files byte for byte.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.27"})
  void listModuleFunctionReplacedQueriesAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = abcUniverse()
        .module(FakeModule.builder("example.com/b", "v1.2.0").goMod("module example.com/b\n\ngo 1.18\n")
            .file("b.go", "package b\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/b v1.0.0\n\n"
          + "replace example.com/b v1.5.0 => ./bdir\n\nreplace example.com/b v1.1.0 => example.com/b v1.0.0\n\n"
          + "replace example.com/c => ./cdir\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/b\"\n\nfunc main() {}\n");
      for (String[] d : new String[][] {{"bdir", "example.com/b", "1.20"}, {"cdir", "example.com/c", "1.21"}}) {
        Files.createDirectories(main.resolve(d[0]));
        Files.writeString(main.resolve(d[0]).resolve("go.mod"), "module " + d[1] + "\n\ngo " + d[2] + "\n");
      }
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      tidy(goBin, main, goEnv);
      Path seed = Path.of(goEnv.get("GOPATH"));
      Map<String, String> ours = oursBeside(proxy, goEnv);
      String fields = "{{.Path}}|{{.Version}}|{{.Time}}|{{.GoVersion}}|{{.GoMod}}|{{.Dir}}|{{.Error}}|{{.Replace}}";
      int n = 0;
      for (String arg : List.of("example.com/b@latest", "example.com/b@v1.5.0", "example.com/b@v1.5", "example.com/b@v1",
          "example.com/b@upgrade", "example.com/b@patch", "example.com/b@>v1.2.0", "example.com/b@<v1.5.0",
          "example.com/b@v1.4.0", "example.com/b@v1.1.0", "example.com/c@latest", "example.com/c@v1.0.0",
          "example.com/c@v1.7.0", "example.com/c@v1", "example.com/c@upgrade", "example.com/c@master")) {
        String t = "{{with module \"" + arg + "\"}}" + fields + "{{end}}";
        assertSameAsGoOnFreshCache(release, goBin, main, goEnv, ours, seed, tmp.resolve("c" + n++), Map.of(),
            "list", "-m", "-f", t, "example.com/b");
      }
      // workspaces: go.work's directive makes the path a replacementRepo, but only a module's
      // go.mod directive (for any path) lets Stat answer a replaced version the proxy lacks
      for (String modReplace : List.of("", "replace other.org/d => ./ddir\n")) {
        Path ws = Files.createDirectories(tmp.resolve("ws" + n));
        Files.writeString(ws.resolve("go.work"), "go 1.18\n\nuse ./w1\n\nreplace example.com/c v1.5.0 => ./cdir\n");
        Files.createDirectories(ws.resolve("w1"));
        Files.writeString(ws.resolve("w1/go.mod"), "module example.com/w1\n\ngo 1.18\n\n" + modReplace);
        for (String arg : List.of("example.com/c@latest", "example.com/c@v1.5.0", "example.com/c@v1", "example.com/c@v1.0.0")) {
          String t = "{{with module \"" + arg + "\"}}" + fields + "{{end}}";
          assertSameAsGoOnFreshCache(release, goBin, ws, goEnv, ours, seed, tmp.resolve("c" + n++), Map.of(),
              "list", "-m", "-f", t);
        }
      }
    }
  }

  /**
   * list's {@code module} function with a main module's {@code upgrade} and {@code patch} in a
   * workspace: the query answers the module's empty version with a zero time, and go1.19 and
   * go1.21 read the module's own go.mod for the go line (rawGoModData: the main module's root),
   * with no panic on go1.21; from go1.22 go's fatal {@code internal error}. A workspace of two
   * modules (from its directory and from a module's) and one whose go.work sits in the module's
   * directory.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.27"})
  void listModuleFunctionMainModuleQueriesInWorkspaceAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path ws = Files.createDirectories(tmp.resolve("ws"));
      Files.writeString(ws.resolve("go.work"), "go 1.18\n\nuse (\n\t./m1\n\t./m2\n)\n");
      for (String[] m : new String[][] {{"m1", "go 1.18\n"}, {"m2", "go 1.17\n"}}) {
        Files.createDirectories(ws.resolve(m[0]));
        Files.writeString(ws.resolve(m[0]).resolve("go.mod"), "module example.com/" + m[0] + "\n\n" + m[1]);
      }
      Path single = Files.createDirectories(tmp.resolve("single"));
      Files.writeString(single.resolve("go.mod"), "module example.com/w\n\ngo 1.16\n");
      Files.writeString(single.resolve("go.work"), "go 1.18\n\nuse .\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      Map<String, String> ours = oursBeside(proxy, goEnv);
      String fields = "{{.Path}}|{{.Version}}|{{.Time}}|{{.GoVersion}}|{{.GoMod}}|{{.Dir}}|{{.Error}}|{{.Main}}";
      String t = "{{with module \"example.com/m1@upgrade\"}}" + fields + "{{end}} {{with module \"example.com/m2@patch\"}}"
          + fields + "{{end}}";
      assertSameAsGo(release, goBin, ws, goEnv, ours, "list", "-m", "-f", t);
      assertSameAsGo(release, goBin, ws.resolve("m2"), goEnv, ours, "list", "-m", "-f", t, "example.com/m1");
      assertSameAsGo(release, goBin, single, goEnv, ours, "list", "-m", "-f",
          "{{with module \"example.com/w@patch\"}}" + fields + "{{end}}");
    }
  }

  /**
   * list's {@code module} function where moduleInfo's query fails or answers without the proxy,
   * each run of go and of goproxy on a fresh copy of the module cache the main module's tidy left:
   * standard output, standard error, exit status and the cache's files after the run alike. A
   * failed lookup of a canonical version is the module's error in Query's words (the proxy's 404
   * and 410 name the module; GOPROXY=off's {@code module lookup disabled by GOPROXY=off}, vendor
   * mode's {@code cannot query module due to -mod=vendor} with its reason or none, module.CheckPath's
   * error do not), after which go still reads that version's go.mod (from the proxy where its
   * {@code .info} failed, from the cache alone in vendor mode) for its go version and names the
   * cached go.mod and directory; {@code upgrade} is {@code latest} up to go1.21 and, like every
   * query that is no semantic version, go's fatal {@code internal error} after the query from
   * go1.22, the query's {@code .info} left in the cache; a main module's {@code upgrade} and
   * {@code patch} its empty version with a zero time and the go line of a directory named as its
   * path on go1.19, a panic text/template reports on go1.21, the fatal error from go1.22; {@code path@} of a
   * directory holding a go.mod its go line (laxly parsed: a release candidate's name cut up to
   * go1.20, an unknown directive ignored), relative to the main module's root from a directory
   * below it too; in a module and outside one.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.26", "1.27"})
  void listModuleFunctionLookupFailuresAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.16\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/b", "v1.1.0").goMod("module example.com/b\n\ngo 1.17\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/b", "v1.2.0").goMod("module example.com/b\n\ngo 1.18\n\nretract v1.1.0\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/g", "v1.0.0").goMod("module example.com/g\n\ngo 1.19\n")
            .file("g.go", "package g\n").build())
        .module(FakeModule.builder("example.com/g", "v1.1.0").goMod("module example.com/g\n\ngo 1.20\n")
            .file("g.go", "package g\n").build())
        .fault(Fault.status(410, "gone").forModule("example.com/g", "v1.0.0").on(Endpoint.INFO))
        .fault(Fault.status(404, "not found").forModule("example.com/g", "v1.1.0").on(Endpoint.INFO))
        .fault(Fault.status(404, "not found").forModule("example.com/g", "v1.1.0").on(Endpoint.MOD));
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/b v1.0.0\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/b\"\n\nfunc main() {}\n");
      Files.createDirectories(main.resolve("sub"));
      for (String[] d : new String[][] {{"c", "go 1.20\n"}, {"d", ""}, {"e", "go 1.21rc1\n"}, {"f", "go 1.2.3.4\nbogus x\n"},
          {"sub/c", "go 1.16\n"}, {"example.com/main", "go 1.13\n"}}) {
        Files.createDirectories(main.resolve(d[0]));
        Files.writeString(main.resolve(d[0]).resolve("go.mod"), "module example.com/" + d[0] + "\n\n" + d[1]);
      }
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      Files.createDirectories(outside.resolve("c"));
      Files.writeString(outside.resolve("c/go.mod"), "module example.com/c\n\ngo 1.18\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      tidy(goBin, main, goEnv); // b v1.0.0's go.mod and zip in the cache
      Path vendored = copyTree(main, tmp.resolve("vendored"));
      tidy(goBin, vendored, goEnv, "mod", "vendor");
      Path seed = Path.of(goEnv.get("GOPATH"));
      Map<String, String> ours = oursBeside(proxy, goEnv);
      String fields = "{{.Path}}|{{.Version}}|{{.Time}}|{{.GoVersion}}|{{.GoMod}}|{{.Dir}}|{{.Error}}|{{.Main}}";
      java.util.function.Function<String, String> of = arg -> "{{with module \"" + arg + "\"}}" + fields + "{{end}}";
      String[] online = {"example.com/b@v1.9.0", "example.com/g@v1.0.0", "example.com/g@v1.1.0", "example.com/b@v1.2.0",
          "example.com/b@v1.1.0", "example.com/b@upgrade", "example.com/g@latest", "nosuch@v1.0.0", "nosuch@latest",
          "example.com/main@upgrade", "example.com/main@patch"};
      String[] offline = {"example.com/b@v1.9.0", "example.com/b@v1.0.0", "example.com/b@v1.2.0", "example.com/b@v1",
          "nosuch@v1.0.0", "example.com/b@latest"};
      int n = 0;
      for (String arg : online) {
        assertSameAsGoOnFreshCache(release, goBin, main, goEnv, ours, seed, tmp.resolve("c" + n++), Map.of(),
            "list", "-m", "-f", of.apply(arg), "example.com/b");
        assertSameAsGoOnFreshCache(release, goBin, outside, goEnv, ours, seed, tmp.resolve("c" + n++), Map.of(),
            "list", "-m", "-f", of.apply(arg), "example.com/b@v1.0.0");
      }
      for (String arg : offline) {
        assertSameAsGoOnFreshCache(release, goBin, main, goEnv, ours, seed, tmp.resolve("c" + n++),
            Map.of("GOPROXY", "off"), "list", "-m", "-f", of.apply(arg), "example.com/b");
        // vendor mode: go.mod's go 1.17 and the vendor directory (a reason), GOFLAGS's -mod=vendor (none)
        assertSameAsGoOnFreshCache(release, goBin, vendored, goEnv, ours, seed, tmp.resolve("c" + n++), Map.of(),
            "list", "-m", "-f", of.apply(arg), "example.com/b");
        assertSameAsGoOnFreshCache(release, goBin, vendored, goEnv, ours, seed, tmp.resolve("c" + n++),
            Map.of("GOFLAGS", "-modcacherw -mod=vendor"), "list", "-m", "-f", of.apply(arg) + of.apply("example.com/main@patch"),
            "example.com/b");
      }
      StringBuilder dirs = new StringBuilder();
      for (String arg : List.of("c@", "./c@", "d@", "e@", "f@", main.resolve("c") + "@", "nosuch@", "example.com/main@")) {
        dirs.append(of.apply(arg)).append(' ');
      }
      for (Path dir : List.of(main, main.resolve("sub"), outside)) {
        assertSameAsGoOnFreshCache(release, goBin, dir, goEnv, ours, seed, tmp.resolve("c" + n++), Map.of(),
            "list", "-m", "-f", dirs.toString(), dir.equals(outside) ? "example.com/b@v1.0.0" : "example.com/b");
      }
    }
  }

  /**
   * list's {@code module} function where the lookup of a canonical version fails and go then reads
   * that version's go.mod for its go line (modfetch.GoMod): the cached go.mod and the fetched one
   * are checked as go's checkGoMod checks them, against the main module's go.sum first (a line there
   * spares the checksum database, whose lookup go would cache) and else the checksum database; a
   * go.mod go.sum contradicts is never used (no go version; a fetched one is not cached, a cached
   * one still named), and a cached one that fails its check is fetched again (and, when that one
   * passes, written over it). Each run on a fresh copy of the module cache: output, exit status and
   * the cache's files alike.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.27"})
  void listModuleFunctionGoModChecksAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String gMod = "module example.com/g\n\ngo 1.19\n";
    String hMod = "module example.com/h\n\ngo 1.20\n";
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.16\n")
            .file("b.go", "package b\n").build());
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
      pb.module(FakeModule.builder("example.com/g", v).goMod(gMod).file("g.go", "package g\n").build())
          .module(FakeModule.builder("example.com/h", v).goMod(hMod).file("h.go", "package h\n").build())
          .fault(Fault.status(410, "gone").forModule("example.com/g", v).on(Endpoint.INFO))
          .fault(Fault.status(410, "gone").forModule("example.com/h", v).on(Endpoint.INFO));
    }
    // a go.mod declaring another path: rawGoModSummary does not check the module line
    pb.module(FakeModule.builder("example.com/g", "v1.3.0").goMod("module example.com/other\n\ngo 1.21\n")
            .file("g.go", "package g\n").build())
        .fault(Fault.status(410, "gone").forModule("example.com/g", "v1.3.0").on(Endpoint.INFO));
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/b v1.0.0\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/b\"\n\nfunc main() {}\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      tidy(goBin, main, goEnv);
      // go.sum: g's go.mod lines right, h's wrong
      String good = io.github.goproxy4j.sumdb.ModuleHash.ofGoMod(gMod.getBytes(StandardCharsets.UTF_8)).toString();
      String bad = io.github.goproxy4j.sumdb.ModuleHash.ofGoMod("module example.com/h\n".getBytes(StandardCharsets.UTF_8))
          .toString();
      StringBuilder sums = new StringBuilder(Files.readString(main.resolve("go.sum")));
      for (String v : List.of("v1.0.0", "v1.1.0")) {
        sums.append("example.com/g ").append(v).append("/go.mod ").append(good).append('\n');
        sums.append("example.com/h ").append(v).append("/go.mod ").append(bad).append('\n');
      }
      Files.writeString(main.resolve("go.sum"), sums.toString());
      Path seed = Path.of(goEnv.get("GOPATH"));
      // in the cache: g v1.1.0's go.mod altered (go.sum contradicts it), h v1.1.0's as the proxy has it
      // (go.sum contradicts it too), v1.2.0's of both altered (no go.sum line: the checksum database)
      Path download = seed.resolve("pkg/mod/cache/download/example.com");
      for (String[] f : new String[][] {{"g", "v1.1.0", "module example.com/g\n\ngo 1.10\n"}, {"h", "v1.1.0", hMod},
          {"g", "v1.2.0", "module example.com/g\n\ngo 1.11\n"}, {"h", "v1.2.0", hMod}}) {
        Path at = Files.createDirectories(download.resolve(f[0] + "/@v"));
        Files.writeString(at.resolve(f[1] + ".mod"), f[2]);
      }
      Map<String, String> ours = oursBeside(proxy, goEnv);
      String fields = "{{.Path}}|{{.Version}}|{{.GoVersion}}|{{.GoMod}}|{{.Dir}}|{{.Error}}";
      int n = 0;
      Path vendored = copyTree(main, tmp.resolve("vendored"));
      tidy(goBin, vendored, goEnv, "mod", "vendor");
      for (String mod : List.of("g", "h")) {
        for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0")) {
          String t = "{{with module \"example.com/" + mod + "@" + v + "\"}}" + fields + "{{end}}";
          assertSameAsGoOnFreshCache(release, goBin, main, goEnv, ours, seed, tmp.resolve("c" + n++), Map.of(),
              "list", "-m", "-f", t, "example.com/b");
          // vendor mode: no lookup, the cached go.mod alone, checked all the same
          assertSameAsGoOnFreshCache(release, goBin, vendored, goEnv, ours, seed, tmp.resolve("c" + n++), Map.of(),
              "list", "-m", "-f", t, "example.com/b");
        }
      }
    }
  }

  /**
   * {@link #assertSameAsGo} with {@code vars} set on both sides and each side on a copy of the
   * GOPATH {@code seed} of its own (under {@code scratch}): the outputs alike once goproxy's
   * GOPATH is named as go's, and the module cache's download directory holding the same files
   * after the runs.
   */
  private static void assertSameAsGoOnFreshCache(String release, Path goBin, Path dir, Map<String, String> goEnv,
      Map<String, String> ours, Path seed, Path scratch, Map<String, String> vars, String... cmd) throws Exception {
    Path theirs = copyTree(seed, scratch.resolve("go"));
    Path mine = copyTree(seed, scratch.resolve("goproxy"));
    Map<String, String> g = new HashMap<>(goEnv);
    g.putAll(vars);
    g.put("GOPATH", theirs.toString());
    Map<String, String> o = new HashMap<>(ours);
    o.putAll(vars);
    o.put("GOPATH", mine.toString());
    o.put("PWD", dir.toString());
    Run go = go(goBin, dir, g, cmd);
    List<String> argv = new java.util.ArrayList<>(List.of(cmd));
    argv.addAll(List.of("--go-version", release));
    Run r = goproxy(o, argv.toArray(new String[0]));
    String what = "go" + release + " " + String.join(" ", cmd) + " in " + dir + " " + vars;
    assertEquals(go, new Run(r.status(), r.out().replace(mine.toString(), theirs.toString()),
        r.err().replace(mine.toString(), theirs.toString())), what);
    assertEquals(downloadCache(theirs), downloadCache(mine), what + ": the module cache");
  }

  /** The files under a GOPATH's module download cache, relative to it, sorted. */
  private static List<String> downloadCache(Path gopath) throws java.io.IOException {
    Path root = gopath.resolve("pkg/mod/cache/download");
    try (java.util.stream.Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  /**
   * A module whose latest go.mod cannot be had (the proxy fails it, or serves bytes the checksum
   * database does not vouch for) while {@code -u} or {@code -retracted} looks up its retractions
   * and deprecation: go lists the failure as the module's error ("loading module retractions
   * for ..."; with {@code -e} in the listing) instead of taking the module as not retracted,
   * while queries and {@code -versions}, which only filter versions by retractions, go on
   * without them. Each command on a fresh module cache; go1.19 and go1.27.
   */
  @ParameterizedTest(name = "go{0} {1}")
  @CsvSource({"1.19, status", "1.19, corrupt", "1.27, status", "1.27, corrupt"})
  void retractionLoadFailuresAsGo(String release, String fault, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    Fault f = fault.equals("status") ? Fault.status(500, "broken") : Fault.corruptBody();
    FakeGoProxy.Builder pb = abcUniverse()
        .module(FakeModule.builder("example.com/c", "v1.1.0").goMod("module example.com/c\n\ngo 1.17\n")
            .file("c.go", "package c\n").build())
        .fault(f.forModule("example.com/c", "v1.1.0").on(Endpoint.MOD));
    try (FakeGoProxy proxy = pb.start()) {
      TidyMain t = tidyMain(goBin, tmp, proxy, "example.com/a v1.0.0", "example.com/c v1.0.0");
      Path main = t.main();
      Map<String, String> goEnv = t.goEnv();
      Map<String, String> ours = t.ours();
      String[][] cmds = {{"list", "-m", "-u", "all"}, {"list", "-m", "-retracted", "all"},
          {"list", "-m", "-e", "-u", "-json", "example.com/c"}, {"list", "-m", "-e", "-retracted", "example.com/c"},
          {"list", "-m", "-versions", "example.com/c"}, {"list", "-m", "-versions", "-retracted", "example.com/c"},
          {"list", "-m", "example.com/c@latest"}, {"list", "-m", "-retracted", "example.com/c@v1.0.0"},
          {"list", "-m", "-u", "example.com/c@v1.0.0"}};
      int round = 0;
      for (String[] cmd : cmds) {
        String gopath = tmp.resolve("gopath" + round++).toString();
        goEnv.put("GOPATH", gopath);
        ours.put("GOPATH", gopath);
        assertSameAsGo(release, goBin, main, goEnv, ours, cmd);
      }
    }
  }

  /**
   * A proxy whose {@code .info} files carry go's {@code Origin} (as proxy.golang.org's do):
   * {@code list -m -json path@query} prints it after the sums, as go does for a query's answer,
   * while the build's modules and {@code -u} leave it out; from go1.22 only a query answered by
   * one lookup (a complete version) keeps it, and {@code -versions} drops it. go1.19, go1.21
   * (the old rules), go1.22 (the new) and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.27"})
  void originAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = withOrigins(FakeGoProxy.builder(), "example.com/c").start()) {
      TidyMain t = tidyMain(goBin, tmp, proxy, "example.com/c v1.0.0");
      Path main = t.main();
      Map<String, String> goEnv = t.goEnv();
      Map<String, String> ours = t.ours();
      String[][] cmds = {{"list", "-m", "-json", "example.com/c@v1.0.0"}, {"list", "-m", "-json", "example.com/c@latest"},
          {"list", "-m", "-json", "-u", "all"}, {"list", "-m", "-json", "all"},
          {"list", "-m", "-json", "-versions", "example.com/c"}, {"list", "-m", "-json", "-u", "example.com/c@v1.0.0"},
          {"list", "-m", "-json", "-versions", "example.com/c@v1.0.0", "example.com/c@>v1.0.0"}};
      for (String[] cmd : cmds) {
        assertSameAsGo(release, goBin, main, goEnv, ours, cmd);
      }
    }
  }

  /**
   * GOFLAGS's {@code -modfile}: go reads the named file in place of the main module's go.mod and
   * its {@code .sum} in place of go.sum (go still finds the root by go.mod, which it does not
   * read); the main module's {@code GoMod} is the file as given. Every graph command with the file
   * relative, absolute and named from another directory, with {@code -mod=mod} (the .sum go
   * writes must be go's), and go's errors: a missing or malformed file, no {@code .mod}
   * extension, outside a module, in a workspace (refused from go1.21). go1.19, go1.21, go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void modFileAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      writeMain(main, "1.17", "example.com/a v1.0.0");
      Files.move(main.resolve("go.mod"), main.resolve("alt.mod"));
      Files.writeString(main.resolve("go.mod"), "module example.com/x\n\ngo 1.17\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      goEnv.put("GOFLAGS", "-modcacherw -modfile=alt.mod");
      tidy(goBin, main, goEnv);
      assertTrue(Files.exists(main.resolve("alt.sum")) && !Files.exists(main.resolve("go.sum")), "go wrote alt.sum");
      Files.writeString(main.resolve("bad.mod"), "module example.com/z\n\ngo 1.17\nrequire bad\n");
      // no go line: under -mod=mod go writes one (and the requirements) into this file, not go.mod
      Files.writeString(main.resolve("nogo.mod"), "module example.com/y\n\nrequire example.com/a v1.0.0\n");
      Files.copy(main.resolve("alt.sum"), main.resolve("nogo.sum"));
      Files.createDirectories(main.resolve("sub"));
      String[][] cmds = {{"list", "-m", "-json"}, {"list", "-m", "all"}, {"list", "-m", "-json", "-u", "all"},
          {"mod", "graph"}, {"mod", "download", "-json"}, {"mod", "verify"}};
      int round = 0;
      for (String file : List.of("alt.mod", main.resolve("alt.mod").toString(), "../main/alt.mod", "missing.mod",
          "bad.mod", "alt.txt", "nogo.mod")) {
        for (String flags : List.of("-modcacherw -modfile=" + file, "-modcacherw -mod=mod -modfile=" + file)) {
          for (String[] cmd : cmds) {
            round++;
            Path theirs = copyTree(main, tmp.resolve("theirs" + round));
            Path ours = copyTree(main, tmp.resolve("ours" + round));
            sideBySide(goBin, versionOf(goBin), proxy, tmp.resolve("round" + round), theirs, ours, flags, cmd);
            for (String f : List.of("alt.sum", "go.sum", "go.mod", "alt.mod", "nogo.mod", "nogo.sum")) {
              assertEquals(readIfExists(theirs.resolve(f)), readIfExists(ours.resolve(f)),
                  "go" + release + " GOFLAGS=" + flags + " " + String.join(" ", cmd) + ": " + f);
            }
          }
        }
      }
      // from a subdirectory (alt.mod is relative to it: missing), outside any module, in a workspace
      String[] query = {"list", "-m", "example.com/a@latest"};
      sideBySide(goBin, release, proxy, tmp.resolve("sub"), main.resolve("sub"), main.resolve("sub"),
          "-modcacherw -modfile=alt.mod", new String[] {"list", "-m"});
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      sideBySide(goBin, release, proxy, tmp.resolve("outside-run"), outside, outside, "-modfile=alt.mod", query);
      sideBySide(goBin, release, proxy, tmp.resolve("outside-dl"), outside, outside, "-modfile=alt.mod",
          new String[] {"mod", "download", "-json", "example.com/a@latest"});
      Path ws = writeWorkspace(tmp.resolve("ws"));
      sideBySide(goBin, release, proxy, tmp.resolve("ws-run"), ws.resolve("z"), ws.resolve("z"), "-modfile=alt.mod",
          new String[] {"list", "-m"});
    }
  }

  /**
   * go's system temp root rule (golang.org/issue/26708): a go.mod in {@code $TMPDIR} itself is
   * ignored with a warning, and a command run below it answers as outside any module. The root's
   * go.mod requires example.com/a, so taking it for the main module shows in every output. TMPDIR
   * is given as the directory, with a trailing slash (go prints it as given) and through a
   * symbolic link (go compares resolved paths); GO111MODULE on and auto. go1.19 (list and
   * download only: its mod graph and mod verify go on without a main module, a documented
   * departure), go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void systemTempRootGoModIsIgnoredAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path root = Files.createDirectories(tmp.resolve("tmproot"));
      Files.writeString(root.resolve("go.mod"), "module example.com/tmproot\n\ngo 1.17\n\nrequire example.com/a v1.0.0\n");
      Path sub = Files.createDirectories(root.resolve("sub"));
      Path link = Files.createSymbolicLink(tmp.resolve("tmplink"), root);
      List<String[]> cmds = new java.util.ArrayList<>(List.<String[]>of(new String[] {"list", "-m"},
          new String[] {"list", "-m", "all"}, new String[] {"list", "-m", "-json", "example.com/a@latest"},
          new String[] {"mod", "download"}, new String[] {"mod", "download", "-json", "example.com/b@v1.0.0"}));
      if (!release.equals("1.19")) {
        cmds.add(new String[] {"mod", "graph"});
        cmds.add(new String[] {"mod", "verify"});
      }
      // the set-up makes go apply the rule (else the comparisons below would prove nothing)
      Map<String, String> probe = GoTool.hermeticEnv(tmp.resolve("probe"));
      probe.put("TMPDIR", link.toString());
      GoTool.Result r = GoTool.exec(sub, probe, 60, null, goBin.toString(), "list", "-m");
      assertEquals("go: warning: ignoring go.mod in system temp root " + link + "\n", r.stderr());
      assertEquals("command-line-arguments\n", r.stdout());
      int round = 0;
      for (String tmpdir : List.of(root.toString(), root + "/", link.toString())) {
        for (String go111 : List.of("on", "auto")) {
          for (String[] cmd : cmds) {
            round++;
            Path[] gopaths = sideBySide(goBin, release, proxy, tmp.resolve("round" + round), sub, sub, null,
                Map.of("TMPDIR", tmpdir, "GO111MODULE", go111), cmd);
            String what = "go" + release + " " + String.join(" ", cmd) + " (TMPDIR=" + tmpdir + ", GO111MODULE="
                + go111 + ")";
            assertEquals(contents(gopaths[0].resolve("pkg/mod")), contents(gopaths[1].resolve("pkg/mod")),
                what + ": module cache");
          }
        }
      }
      // GOFLAGS -modfile there: go warns and goes on without a main module (no "-modfile cannot be
      // used to set the module root" refusal, which is for no go.mod at all), checking the extension
      for (String modFile : List.of("alt.mod", "alt.txt")) {
        for (String[] cmd : cmds) {
          round++;
          sideBySide(goBin, release, proxy, tmp.resolve("round" + round), sub, sub, "-modcacherw -modfile=" + modFile,
              Map.of("TMPDIR", root.toString()), cmd);
        }
      }
      assertFalse(Files.exists(root.resolve("go.sum")), "neither side treated the temp root as the main module");
    }
  }

  /** Adds {@code path} v1.0.0 and v1.1.0, whose .info files carry an Origin as proxy.golang.org's do. */
  private static FakeGoProxy.Builder withOrigins(FakeGoProxy.Builder pb, String path) {
    String origin = "\"Origin\":{\"VCS\":\"git\",\"URL\":\"https://" + path + ".git\","
        + "\"Hash\":\"0123456789abcdef0123456789abcdef01234567\",\"Ref\":\"refs/tags/%s\"}";
    for (String v : List.of("v1.0.0", "v1.1.0")) {
      pb.module(FakeModule.builder(path, v).goMod("module " + path + "\n\ngo 1.17\n")
          .file("o.go", "package o\n")
          .info("{\"Version\":\"" + v + "\",\"Time\":\"2023-01-02T03:04:05Z\"," + origin.formatted(v) + "}").build());
    }
    return pb;
  }

  /**
   * {@code mod download [-json] path@query...} outside a module, as a repository manager runs it
   * in an empty directory: exact versions, {@code @latest}, ranges, a version and a module no
   * proxy has, and go's refusals (no argument, a bare path, {@code all}, {@code @upgrade}); each
   * by go and by goproxy with its own module cache: output (Query, Origin per release), exit
   * status and the module cache file for file. go1.19, go1.22 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.22", "1.27"})
  void modDownloadOutsideModuleAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = withOrigins(abcUniverse(), "example.com/o").start()) {
      Path empty = Files.createDirectories(tmp.resolve("empty"));
      String[][] cmds = {{"mod", "download", "-json", "example.com/o@v1.0.0", "example.com/a@latest"},
          {"mod", "download", "-json", "example.com/o@latest", "example.com/b@>v1.0.0"},
          {"mod", "download", "example.com/b@v1.0.0"}, {"mod", "download", "-json", "nosuch.org/m@latest",
              "example.com/b@v9.9.9", "example.com/o@v1.1.0"}, {"mod", "download", "example.com/b@v9.9.9"},
          {"mod", "download"}, {"mod", "download", "example.com/b"}, {"mod", "download", "all"},
          {"mod", "download", "example.com/b@upgrade"}};
      int round = 0;
      for (String[] cmd : cmds) {
        round++;
        Path[] gopaths = sideBySide(goBin, release, proxy, tmp.resolve("round" + round), empty, empty, null, cmd);
        assertEquals(contents(gopaths[0].resolve("pkg/mod")), contents(gopaths[1].resolve("pkg/mod")),
            "go" + release + " " + String.join(" ", cmd) + ": the module cache");
      }
    }
  }

  /**
   * {@code mod download [-json] args...} inside a main module, differentially: a seeded random
   * universe (modules requiring each other at random versions, go lines 1.16 and 1.17, latest
   * versions retracting older ones, a module whose latest zip is missing), a main module at go
   * 1.16, 1.17 or 1.21 made tidy by the release (now and then replacing a module by another
   * version or a directory, for one version or all), go.sum with random lines dropped, go.mod
   * now and then requiring a module no proxy has, and random argument mixes (a module's path,
   * path@version, @latest, @upgrade, @patch, ranges, versions and modules no proxy has,
   * {@code all}, patterns, the main module itself), with and without {@code -json}. Each
   * command by go and by goproxy on its own copy of the
   * main module with its own fresh module cache: output, exit status, go.sum, go.mod (go rewrites
   * an untidy one: seed 137) and the module cache must be go's. Every installed release from
   * go1.19 to go1.27 (go1.21: the build list's go.mod sums kept).
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.19, 1", "1.19, 2", "1.21, 3", "1.21, 9", "1.22, 10", "1.23, 11", "1.24, 12", "1.26, 13", "1.27, 4",
      "1.27, 5", "1.27, 14", "1.24, 137"})
  @MethodSource("io.github.goproxy4j.testing.SeedSweep#releasesAndSeeds")
  void modDownloadInsideModuleAsGo(String release, long seed, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    java.util.Random rnd = new java.util.Random(seed);
    int count = 5;
    List<List<String>> versions = new java.util.ArrayList<>();
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    for (int i = 0; i < count; i++) {
      List<String> vs = new java.util.ArrayList<>(List.of("v1.0.0"));
      if (rnd.nextBoolean()) {
        vs.add("v1.0.1");
      }
      for (int minor = 1; minor <= rnd.nextInt(3); minor++) {
        vs.add("v1." + minor + ".0");
      }
      versions.add(vs);
      String path = "example.com/m" + i;
      for (String v : vs) {
        StringBuilder mod = new StringBuilder("module " + path + "\n\ngo 1." + (16 + rnd.nextInt(2)) + "\n");
        for (int j = 0; j < i; j++) {
          if (rnd.nextInt(3) == 0) {
            List<String> req = versions.get(j);
            mod.append("\nrequire example.com/m").append(j).append(' ').append(req.get(rnd.nextInt(req.size())))
                .append('\n');
          }
        }
        FakeModule.Builder fm = FakeModule.builder(path, v).goMod(mod.toString()).file("m.go", "package m" + i + "\n");
        if (v.equals(vs.get(vs.size() - 1)) && vs.size() > 1 && rnd.nextInt(3) == 0) {
          fm.retract(vs.get(rnd.nextInt(vs.size() - 1)), "broken"); // @latest, @upgrade and ranges skip it
        }
        pb.module(fm.build());
      }
    }
    // example.com/broken, which nothing requires: its v1.1.0 (its latest) has no zip
    for (String v : List.of("v1.0.0", "v1.1.0")) {
      pb.module(FakeModule.builder("example.com/broken", v).goMod("module example.com/broken\n\ngo 1.17\n")
          .file("b.go", "package broken\n").build());
    }
    pb.fault(Fault.status(404, "gone").forModule("example.com/broken", "v1.1.0").on(Endpoint.ZIP));
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      List<String> requires = new java.util.ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (rnd.nextInt(3) > 0) {
          requires.add("example.com/m" + i + " " + versions.get(i).get(rnd.nextInt(versions.get(i).size())));
        }
      }
      // go1.19's tidy refuses a go line above its own
      String mainGo = List.of("1.16", "1.17", "1.21").get(rnd.nextInt(release.equals("1.19") ? 2 : 3));
      writeMain(main, mainGo, requires.toArray(new String[0]));
      // a required module replaced by another of its versions, or by a directory
      if (!requires.isEmpty() && rnd.nextBoolean()) {
        String[] r = requires.get(rnd.nextInt(requires.size())).split(" ");
        int i = Integer.parseInt(r[0].substring("example.com/m".length()));
        String to;
        if (rnd.nextBoolean()) {
          to = r[0] + " " + versions.get(i).get(rnd.nextInt(versions.get(i).size()));
        } else {
          Path local = Files.createDirectories(main.resolve("local"));
          Files.writeString(local.resolve("go.mod"), "module " + r[0] + "\n\ngo 1.17\n");
          Files.writeString(local.resolve("m.go"), "package m" + i + "\n");
          to = "./local";
        }
        Files.writeString(main.resolve("go.mod"), Files.readString(main.resolve("go.mod")) + "\nreplace "
            + r[0] + (rnd.nextBoolean() ? "" : " " + r[1]) + " => " + to + "\n");
      }
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("tidy"));
      goEnv.putAll(proxy.environment());
      // -compat: no check that go 1.16 would select the same versions (a 1.17 main module may fail it)
      GoTool.Result tidied = GoTool.exec(main, goEnv, 180, null, goBin.toString(), "mod", "tidy", "-compat=" + mainGo);
      assertEquals(0, tidied.exitCode(), "mod tidy: " + tidied.stderr());
      String tidyMod = Files.readString(main.resolve("go.mod"));
      List<String> sum = Files.exists(main.resolve("go.sum")) ? Files.readAllLines(main.resolve("go.sum")) : List.of();
      int rounds = 10;
      int grew = 0;
      int rewritten = 0;
      for (int round = 1; round <= rounds; round++) {
        // go.sum as tidy left it, or with random lines dropped
        List<String> kept = new java.util.ArrayList<>(sum);
        if (rnd.nextBoolean()) {
          kept.removeIf(l -> rnd.nextInt(3) == 0);
        }
        Files.write(main.resolve("go.sum"), kept);
        // now and then a requirement no proxy has: the graph, where needed, loads only in part
        Files.writeString(main.resolve("go.mod"), tidyMod + (rnd.nextInt(5) == 0 ? "\nrequire missing.org/m v1.0.0\n" : ""));
        List<String> cmd = new java.util.ArrayList<>(List.of("mod", "download"));
        if (rnd.nextBoolean()) {
          cmd.add("-json");
        }
        for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
          cmd.add(randomDownloadArg(rnd, count, versions));
        }
        Path theirs = copyTree(main, tmp.resolve("theirs" + round));
        Path ours = copyTree(main, tmp.resolve("ours" + round));
        String what = "go" + release + " seed=" + seed + " main go " + mainGo + ": " + String.join(" ", cmd);
        Path[] gopaths = sideBySide(goBin, release, proxy, tmp.resolve("round" + round), theirs, ours, null,
            cmd.toArray(new String[0]));
        String before = "\ngo.mod:\n" + Files.readString(main.resolve("go.mod")) + "go.sum before:\n"
            + String.join("\n", kept);
        assertEquals(readIfExists(theirs.resolve("go.sum")), readIfExists(ours.resolve("go.sum")),
            what + ": go.sum" + before);
        String goMod = Files.readString(main.resolve("go.mod"));
        boolean rewrote = !Files.readString(theirs.resolve("go.mod")).equals(goMod);
        // go's mod commands rewrite a go.mod whose requirements the whole graph outgrew (seed 137,
        // go1.24: tidy left a replaced module below the version the graph selects), as goproxy4j does
        assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(ours.resolve("go.mod")),
            what + ": go.mod" + before);
        if (rewrote) {
          rewritten++;
        }
        Map<String, String> theirCache = contents(gopaths[0].resolve("pkg/mod"));
        Map<String, String> ourCache = contents(gopaths[1].resolve("pkg/mod"));
        if (rewrote) {
          // go took the side lock to write go.mod
          theirCache.remove("cache/lock");
          ourCache.remove("cache/lock");
        }
        assertEquals(theirCache, ourCache, what + ": the module cache");
        grew += Files.readAllLines(theirs.resolve("go.sum")).size() > kept.size() ? 1 : 0;
      }
      System.out.println("go" + release + " seed=" + seed + ": go.sum grew in " + grew + " of " + rounds
          + " rounds, go rewrote go.mod in " + rewritten);
    }
  }

  /** One argument of {@code mod download} in example.com/main for a universe of {@code count} modules. */
  private static String randomDownloadArg(java.util.Random rnd, int count, List<List<String>> versions) {
    int i = rnd.nextInt(count);
    String path = "example.com/m" + i;
    switch (rnd.nextInt(13)) {
      case 0:
      case 1:
        return path;
      case 2:
      case 3:
        return path + "@" + versions.get(i).get(rnd.nextInt(versions.get(i).size()));
      case 4:
        return path + "@latest";
      case 5:
        return path + "@" + List.of("upgrade", "patch").get(rnd.nextInt(2));
      case 6:
        return path + "@v9.9.9";
      case 7:
        return List.of("all", "example.com/...", "nomatch.org/...").get(rnd.nextInt(3));
      case 8:
        return List.of("example.com/main", "example.com/main@upgrade", "example.com/main@latest",
            "example.com/main@patch").get(rnd.nextInt(4));
      case 9:
        return List.of("nosuch.org/m@latest", "nosuch.org/m", "example.com/m" + i + "@v1").get(rnd.nextInt(3));
      case 10:
        return List.of("example.com/broken@v1.1.0", "example.com/broken@latest", "example.com/broken@v1.0.0",
            "example.com/broken").get(rnd.nextInt(4));
      default:
        return path + "@>v1.0.0";
    }
  }

  /** Every file below {@code root} (none when it does not exist) with its size and content hash. */
  private static Map<String, String> contents(Path root) throws java.io.IOException {
    Map<String, String> out = new java.util.TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (java.util.stream.Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p)) {
          byte[] b = Files.readAllBytes(p);
          out.put(root.relativize(p).toString(), b.length + " " + java.util.Arrays.hashCode(b));
        }
      }
    }
    return out;
  }

  /** The toolchain module the testkit serves as {@code target}: the installed go1.24 behind a {@code bin/go} that execs it. */
  private static FakeModule servedToolchain(Path go124, String target, Platform host) throws java.io.IOException {
    String script = "#!/bin/sh\n# the testkit's " + target + " toolchain: the installed one\nexec " + go124 + " \"$@\"\n";
    return FakeModule.builder(GoToolchain.MODULE_PATH, GoToolchain.of(target, host).moduleVersion().version().toString())
        .goMod("module " + GoToolchain.MODULE_PATH + "\n").goModInZip(false)
        .file("VERSION", target + "\ntime 2025-06-01T00:00:00Z\n")
        .file("go.env", Files.readString(go124.getParent().getParent().resolve("go.env")))
        .file("bin/go", script)
        .file("bin/gofmt", "#!/bin/sh\nexit 1\n")
        .file("pkg/tool/" + host.goos() + "_" + host.goarch() + "/compile", "#!/bin/sh\nexit 1\n")
        .file("lib/wasm/go_js_wasm_exec", "#!/bin/sh\nexit 1\n")
        .file("src/_go.mod", "module std\n\ngo 1.24\n").build();
  }

  /**
   * go mod download's toolchain switch after its downloads (go1.21 on): a module whose go line is
   * newer than the running release fails with go's TooNewError once downloaded and extracted (it
   * stays in the module cache; its entry has no Dir); with arguments, under GOTOOLCHAIN auto or
   * path, go then picks a newer toolchain (toolchain.NewerToolchain: the proxy's toolchains, or
   * the go1.X commands in PATH), prints why and runs the command again as it, which downloads the
   * module and writes go.sum; where it finds none it prints the download errors and why, and goes
   * on. go1.21 switches to the installed go1.24 (served as a toolchain module, or in PATH); go1.27
   * finds nothing for go 1.99. Outside a module and inside one (go.sum compared), text and JSON,
   * two modules needing newer releases, an argument whose listing fails beside them, a proxy whose
   * toolchain list fails (500) or is missing (404). go1.19
   * knows neither (it downloads the modules without a word).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void modDownloadToolchainSwitchAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    Path go124 = goFor("1.24");
    String local = versionOf(goBin);
    String need = release.equals("1.27") ? "1.99" : "1.24";
    FakeGoProxy.Builder universe = abcUniverse()
        .module(servedToolchain(go124, "go" + versionOf(go124), Platform.current()))
        .module(FakeModule.builder("example.com/new", "v1.0.0").goMod("module example.com/new\n\ngo " + need + "\n")
            .file("new.go", "package new\n").build())
        .module(FakeModule.builder("example.com/newer", "v1.0.0")
            .goMod("module example.com/newer\n\ngo " + need + ".1\n").file("newer.go", "package newer\n").build())
        .module(FakeModule.builder("example.com/older", "v1.0.0")
            .goMod("module example.com/older\n\ngo " + need + "rc1\n").file("older.go", "package older\n").build());
    try (FakeGoProxy proxy = universe.start()) {
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      Path bin = Files.createDirectories(tmp.resolve("bin"));
      Path emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
      Files.createSymbolicLink(bin.resolve("go" + versionOf(go124)), go124);
      String[] one = {"example.com/new@v1.0.0"};
      String[] three = {"example.com/older@v1.0.0", "example.com/none@v1.0.0", "example.com/newer@v1.0.0",
          "example.com/new@v1.0.0"};
      int n = 0;
      for (Map<String, String> vars : List.of(Map.of("GOTOOLCHAIN", "auto"), Map.of("GOTOOLCHAIN", "local"),
          Map.of("GOTOOLCHAIN", "path", "PATH", bin + ":/usr/bin:/bin"),
          Map.of("GOTOOLCHAIN", "local+path", "PATH", emptyBin + ":/usr/bin:/bin"))) {
        for (String[] targets : List.of(one, three)) {
          for (String json : List.of("", "-json")) {
            List<String> cmd = new java.util.ArrayList<>(List.of("mod", "download"));
            if (!json.isEmpty()) {
              cmd.add(json);
            }
            cmd.addAll(List.of(targets));
            Path work = tmp.resolve("out" + n++);
            sideBySide(goBin, local, proxy, work, outside, outside, null, vars, cmd.toArray(new String[0]));
          }
        }
      }
      // inside a module: the switched toolchain writes go.sum
      Path main = tidyMain(goBin, tmp, proxy, "example.com/a v1.0.0").main();
      for (Map<String, String> vars : List.of(Map.of("GOTOOLCHAIN", "auto"), Map.of("GOTOOLCHAIN", "local"))) {
        for (String json : List.of("", "-json")) {
          Path work = tmp.resolve("in" + n++);
          Path theirs = copyOf(main, work.resolve("theirs"));
          Path ours = copyOf(main, work.resolve("ours"));
          String[] cmd = json.isEmpty() ? new String[] {"mod", "download", "example.com/new@v1.0.0", "example.com/c"}
              : new String[] {"mod", "download", "-json", "example.com/new@v1.0.0", "example.com/c@v1.0.0"};
          sideBySide(goBin, local, proxy, work, theirs, ours, null, vars, cmd);
          assertEquals(Files.readString(theirs.resolve("go.sum")), Files.readString(ours.resolve("go.sum")),
              "go" + release + " " + vars + " " + String.join(" ", cmd) + ": go.sum");
          assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(ours.resolve("go.mod")),
              "go" + release + " " + vars + " " + String.join(" ", cmd) + ": go.mod");
        }
      }
      // the proxy's toolchain list fails (500), or it has no toolchain module (404): go prints the
      // download error, then why it cannot switch (the proxy's error), and goes on
      FakeModule tooNew = FakeModule.builder("example.com/new", "v1.0.0").goMod("module example.com/new\n\ngo " + need
          + "\n").file("new.go", "package new\n").build();
      for (boolean served : List.of(true, false)) {
        FakeGoProxy.Builder pb = abcUniverse().module(tooNew);
        if (served) {
          pb.module(servedToolchain(go124, "go" + versionOf(go124), Platform.current()))
              .fault(Fault.status(500, "broken").forModule(GoToolchain.MODULE_PATH).on(Endpoint.LIST));
        }
        try (FakeGoProxy failing = pb.start()) {
          for (String json : List.of("", "-json")) {
            List<String> cmd = new java.util.ArrayList<>(List.of("mod", "download"));
            if (!json.isEmpty()) {
              cmd.add(json);
            }
            cmd.add("example.com/new@v1.0.0");
            sideBySide(goBin, local, failing, tmp.resolve("failing" + n++), outside, outside, null,
                Map.of("GOTOOLCHAIN", "auto"), cmd.toArray(new String[0]));
          }
        }
      }
      // a main module requiring the module that needs a newer go: its graph does not load
      Path needy = Files.createDirectories(tmp.resolve("needy"));
      Files.writeString(needy.resolve("go.mod"), "module example.com/needy\n\ngo 1.17\n\nrequire example.com/new v1.0.0\n");
      for (Map<String, String> vars : List.of(Map.of("GOTOOLCHAIN", "auto"), Map.of("GOTOOLCHAIN", "local"))) {
        for (String[] cmd : new String[][] {{"mod", "download"}, {"mod", "download", "-json"},
            {"mod", "download", "all"}, {"mod", "download", "example.com/new"}, {"list", "-m", "all"},
            {"mod", "graph"}}) {
          Path work = tmp.resolve("needy" + n++);
          Path theirs = copyOf(needy, work.resolve("theirs"));
          Path ours = copyOf(needy, work.resolve("ours"));
          sideBySide(goBin, local, proxy, work, theirs, ours, "-modcacherw -mod=mod", vars, cmd);
          Map<String, String> theirFiles = contents(theirs);
          Map<String, String> ourFiles = contents(ours);
          assertEquals(theirFiles, ourFiles, "go" + release + " " + vars + " " + String.join(" ", cmd));
        }
      }
    }
  }

  /**
   * go's toolchain switch at startup (go1.21 on) before a graph command: a toolchain line newer
   * than the running release (GOTOOLCHAIN=auto), or GOTOOLCHAIN naming a release, makes go look
   * for that toolchain in PATH, else download it through the proxy ({@code go: downloading
   * go1.24.X (linux/amd64)}, once per module cache) and run it; goproxy does the same and answers
   * as that release. The toolchain the testkit serves is the installed go1.24 behind a
   * {@code bin/go} that execs it (go checks that the release it runs is the one it asked for).
   * Also: PATH only ({@code GOTOOLCHAIN=path}) without it there, the toolchain found in PATH
   * (no download), a release no proxy has, and a bad GOTOOLCHAIN. Each command's output, error
   * text and exit status must be go's.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.21", "1.27"})
  void toolchainSwitchAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    Path go124 = goFor("1.24");
    String local = versionOf(goBin);
    String target = "go" + versionOf(go124);
    Platform host = Platform.current();
    try (FakeGoProxy proxy = abcUniverse().module(servedToolchain(go124, target, host)).start()) {
      Path main = tidyMain(goBin, tmp, proxy, "example.com/a v1.0.0").main();
      Files.writeString(main.resolve("go.mod"), Files.readString(main.resolve("go.mod")).replace("go 1.17\n",
          "go 1.17\n\ntoolchain " + target + "\n"));
      // auto: the toolchain line asks for go1.24 (go1.21); GOTOOLCHAIN names it (go1.27, a downgrade)
      Map<String, String> vars = Map.of("GOTOOLCHAIN", release.equals("1.21") ? "auto" : target);
      Path work = tmp.resolve("switch");
      String[][] cmds = {{"list", "-m", "all"}, {"list", "-m", "-json", "all"}, {"mod", "graph"},
          {"mod", "download", "-json"}, {"mod", "verify"}};
      for (int i = 0; i < cmds.length; i++) {
        String[] cmd = cmds[i];
        Path[] gopaths = sideBySide(goBin, local, proxy, work, copyOf(main, work.resolve("theirs" + i)),
            copyOf(main, work.resolve("ours" + i)), null, vars, cmd);
        String installed = "golang.org/toolchain@" + GoToolchain.of(target, host).moduleVersion().version();
        assertTrue(Files.isRegularFile(gopaths[1].resolve("pkg/mod").resolve(installed).resolve("bin/go")), installed);
      }
      // a workspace: go.work's toolchain line decides (under GOTOOLCHAIN=auto)
      Path ws = writeWorkspace(tmp.resolve("ws"));
      Files.writeString(ws.resolve("go.work"), Files.readString(ws.resolve("go.work")) + "\ntoolchain " + target + "\n");
      Map<String, String> autoVars = Map.of("GOTOOLCHAIN", release.equals("1.21") ? "auto" : target);
      sideBySide(goBin, local, proxy, tmp.resolve("switch-ws"), ws.resolve("z"), ws.resolve("z"), null, autoVars,
          new String[] {"list", "-m", "-json"});
      // go mod download downloads the toolchain with its "go: downloading" line (go switches
      // before it knows the command, unlike a module zip's line)
      Path dl = tmp.resolve("switch-mod-download");
      sideBySide(goBin, local, proxy, dl, copyOf(main, dl.resolve("theirs")), copyOf(main, dl.resolve("ours")), null,
          vars, new String[] {"mod", "download"});
      // PATH only, not there; then found in PATH (no download: a fresh module cache stays empty)
      Path bin = Files.createDirectories(tmp.resolve("bin"));
      Map<String, String> pathOnly = new HashMap<>(Map.of("GOTOOLCHAIN", "path", "PATH", bin.toString()));
      sideBySide(goBin, local, proxy, tmp.resolve("path-missing"), main, copyOf(main, tmp.resolve("ours-pm")), null,
          pathOnly, new String[] {"list", "-m", "all"});
      Files.createSymbolicLink(bin.resolve(target), go124);
      Map<String, String> inPath = Map.of("GOTOOLCHAIN", "auto", "PATH", bin + ":/usr/bin:/bin");
      Path[] gopaths = sideBySide(goBin, local, proxy, tmp.resolve("in-path"), copyOf(main, tmp.resolve("theirs-ip")),
          copyOf(main, tmp.resolve("ours-ip")), null, inPath, new String[] {"list", "-m", "all"});
      assertFalse(Files.exists(gopaths[1].resolve("pkg/mod/golang.org/toolchain@v0.0.1-" + target + "." + host.goos()
          + "-" + host.goarch())), "found in PATH: nothing downloaded");
      // a release no proxy has; bad GOTOOLCHAIN values; module mode off (no switch) and auto
      // outside a module (none either)
      Path ours = copyOf(main, tmp.resolve("ours-bad"));
      for (String gotoolchain : List.of("go1.99.1", "go1.99.1+path", "bogus", "go1.21.0+local")) {
        sideBySide(goBin, local, proxy, tmp.resolve("bad"), main, ours, null,
            Map.of("GOTOOLCHAIN", gotoolchain), new String[] {"mod", "graph"});
      }
      sideBySide(goBin, local, proxy, tmp.resolve("bad"), main, ours, null,
          Map.of("GOTOOLCHAIN", "go1.99.1", "GO111MODULE", "off"), new String[] {"mod", "graph"});
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      sideBySide(goBin, local, proxy, tmp.resolve("bad"), outside, outside, null,
          Map.of("GOTOOLCHAIN", "go1.99.1", "GO111MODULE", "auto"), new String[] {"mod", "graph"});
    }
  }

  /**
   * {@code list -m -u} where the main module's replace directives name versions the proxy lacks:
   * go's upgrade query sees them as its replacementRepo does (a replaced version is a version of
   * the module), so a directory replacement of a higher version is an update, and a replacement
   * of every version of a path leaves only the proxy's. go1.19, go1.22 and go1.27, text and JSON.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.22", "1.27"})
  void updatesSeeReplacementsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      TidyMain t = tidyMain(goBin, tmp, proxy, "example.com/a v1.0.0", "example.com/c v1.0.0", "other.org/d v1.0.0");
      Path main = t.main();
      Path local = Files.createDirectories(main.resolve("localb"));
      Files.writeString(local.resolve("go.mod"), "module example.com/b\n\ngo 1.16\n");
      Path localC = Files.createDirectories(main.resolve("localc"));
      Files.writeString(localC.resolve("go.mod"), "module example.com/c\n\ngo 1.17\n");
      Files.writeString(main.resolve("go.mod"), Files.readString(main.resolve("go.mod"))
          + "\nreplace example.com/b v1.9.0 => ./localb\n"
          + "\nreplace example.com/c => ./localc\n"
          + "\nreplace other.org/d v1.0.0 => example.com/b v1.1.0\n");
      for (String[] cmd : new String[][] {{"list", "-m", "-u", "all"}, {"list", "-m", "-u", "-json", "all"},
          {"list", "-m", "-u", "example.com/b", "example.com/c"}, {"list", "-m", "-u", "-retracted", "all"}}) {
        assertSameAsGo(release, goBin, main, t.goEnv(), t.ours(), cmd);
      }
      // -mod=mod: go.sum gains what go's does (the latest go.mod files the -u queries verified)
      Path theirs = copyTree(main, tmp.resolve("theirs"));
      Path ours = copyTree(main, tmp.resolve("ours"));
      sideBySide(goBin, release, proxy, tmp.resolve("modmod"), theirs, ours, "-modcacherw -mod=mod",
          new String[] {"list", "-m", "-u", "all"});
      assertEquals(Files.readString(theirs.resolve("go.sum")), Files.readString(ours.resolve("go.sum")),
          "go" + release + " -mod=mod list -m -u all: go.sum");
    }
  }

  /**
   * A vendored workspace ({@code go work vendor}) whose replace directives go's makeMainModules
   * refuses: two modules replacing one version differently, and go.work replacing a workspace
   * module at every version. go reports that before it looks at vendor/modules.txt (which the new
   * directives also contradict), in vendor mode as in any other; go1.22 (the first release with
   * {@code go work vendor}) and go1.27 (go1.24 printed what both print in each of its 12 runs,
   * compared release by release 2026-12-07).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.22", "1.27"})
  void vendoredWorkspaceReplacementErrorsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path ws = tmp.resolve("ws");
      for (String m : List.of("z", "b", "r1", "r2")) {
        Path d = Files.createDirectories(ws.resolve(m));
        boolean repl = m.startsWith("r");
        Files.writeString(d.resolve("go.mod"), repl ? "module example.com/a\n\ngo 1.17\n"
            : "module example.com/" + m + "\n\ngo 1.17\n\nrequire example.com/a v1.0.0\n");
        Files.writeString(d.resolve(m + ".go"), repl ? "package a\n" : "package " + m + "\n\nimport _ \"example.com/a\"\n");
      }
      Files.writeString(ws.resolve("go.work"), "go 1.22\n\nuse ./z\nuse ./b\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      for (String m : List.of("z", "b")) {
        tidy(goBin, ws.resolve(m), goEnv);
      }
      GoTool.Result v = GoTool.exec(ws, goEnv, 180, null, goBin.toString(), "work", "vendor");
      assertEquals(0, v.exitCode(), v.stderr());
      Map<String, String> ours = oursBeside(proxy, goEnv);
      String[][] cmds = {{"list", "-m"}, {"list", "-m", "all"}, {"list", "-m", "-json", "example.com/a"}};
      Files.writeString(ws.resolve("z/go.mod"), Files.readString(ws.resolve("z/go.mod"))
          + "\nreplace example.com/a v1.0.0 => ../r1\n");
      for (String[] cmd : cmds) {
        assertSameAsGo(release, goBin, ws.resolve("z"), goEnv, ours, cmd); // vendor/modules.txt disagrees
      }
      Files.writeString(ws.resolve("b/go.mod"), Files.readString(ws.resolve("b/go.mod"))
          + "\nreplace example.com/a v1.0.0 => ../r2\n");
      for (String[] cmd : cmds) {
        assertSameAsGo(release, goBin, ws.resolve("z"), goEnv, ours, cmd); // conflicting replacements
      }
      Files.writeString(ws.resolve("go.work"), "go 1.22\n\nuse ./z\nuse ./b\n\nreplace example.com/z => ./r1\n");
      for (String[] cmd : cmds) {
        assertSameAsGo(release, goBin, ws.resolve("z"), goEnv, ours, cmd); // a workspace module replaced
      }
    }
  }

  /** The release of an installed go, from its GOROOT's VERSION file: {@code 1.24.4}. */
  private static String versionOf(Path goBin) throws java.io.IOException {
    Path file = goBin.toRealPath().getParent().getParent().resolve("VERSION");
    return Files.readAllLines(file).get(0).trim().substring("go".length());
  }

  private static FakeGoProxy.Builder abcUniverse() {
    return FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.1.0\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build())
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.16\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/b", "v1.1.0").goMod("module example.com/b\n\ngo 1.16\n")
            .file("b.go", "package b\n").build())
        .module(FakeModule.builder("example.com/c", "v1.0.0").goMod("module example.com/c\n\ngo 1.17\n")
            .file("c.go", "package c\n").build())
        .module(FakeModule.builder("other.org/d", "v1.0.0").goMod("module other.org/d\n\ngo 1.17\n")
            .file("d.go", "package d\n").build());
  }

  /**
   * In a module with a vendor directory ({@code go mod vendor}), go picks vendor mode for
   * {@code go list}: {@code list -m} and named modules answer from vendor/modules.txt, while
   * {@code all}, patterns and {@code -u} fail with go's message; GOFLAGS's {@code -mod} overrides
   * it; an edited modules.txt fails go's consistency check with each disagreement listed. Main
   * modules at go 1.17 (pruned) and go 1.16 (the vendored modules join the graph), as every
   * installed release from go1.19 to go1.27 (the rules change at 1.21, 1.22 and 1.24).
   */
  @ParameterizedTest(name = "go{0} main go {1}")
  @CsvSource({"1.19, 1.17", "1.19, 1.16", "1.21, 1.17", "1.22, 1.17", "1.23, 1.17", "1.24, 1.16", "1.26, 1.17",
      "1.27, 1.17", "1.27, 1.16"})
  void vendorModeAsGo(String release, String mainGo, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo " + mainGo
          + "\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/c v1.0.0\n)\n\nreplace example.com/c => ./c\n");
      Path c = Files.createDirectories(main.resolve("c"));
      Files.writeString(c.resolve("go.mod"), "module example.com/c\n\ngo 1.17\n");
      Files.writeString(c.resolve("c.go"), "package c\n");
      Files.writeString(main.resolve("main.go"),
          "package main\n\nimport (\n\t_ \"example.com/a\"\n\t_ \"example.com/c\"\n)\n\nfunc main() {}\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      tidy(goBin, main, goEnv, "mod", "vendor");
      Map<String, String> ours = oursBeside(proxy, goEnv);
      String[][] cmds = {{"list", "-m"}, {"list", "-m", "-json"}, {"list", "-m", "all"}, {"list", "-m", "-u", "all"},
          {"list", "-m", "example.com/..."}, {"list", "-m", "example.com/a"}, {"list", "-m", "example.com/b"},
          {"list", "-m", "-json", "example.com/a", "example.com/b", "example.com/c", "example.com/main"},
          {"list", "-m", "example.com/c"}, {"list", "-m", "example.com/zz", "example.com/a", "other.org/d"},
          {"list", "-m", "example.com/a@latest"}, {"list", "-m", "-e", "-json", "example.com/a@v1.0.0", "example.com/b"},
          {"list", "-m", "-e", "example.com/zz", "example.com/a"}};
      for (String[] cmd : cmds) {
        assertSameAsGo(release, goBin, main, goEnv, ours, cmd);
      }
      // from a directory below the module
      assertSameAsGo(release, goBin, c, goEnv, ours, "list", "-m", "-json", "example.com/a");
      // GOFLAGS's -mod wins over the vendor directory
      for (String flags : List.of("-modcacherw -mod=readonly", "-modcacherw -mod=mod", "-modcacherw -mod=vendor")) {
        goEnv.put("GOFLAGS", flags);
        ours.put("GOFLAGS", flags);
        for (String[] cmd : List.of(new String[] {"list", "-m", "all"}, new String[] {"list", "-m", "example.com/b"})) {
          assertSameAsGo(release, goBin, main, goEnv, ours, cmd);
        }
      }
      goEnv.put("GOFLAGS", "-modcacherw");
      ours.put("GOFLAGS", "-modcacherw");
      // modules.txt edited: no "## explicit" for a, c's replacement gone, a module go.mod never required
      Path txt = main.resolve("vendor/modules.txt");
      String good = Files.readString(txt);
      String bad = good.replaceFirst("(?m)^## explicit(; go [0-9.]+)?\n", "")
          .replace("# example.com/c v1.0.0 => ./c", "# example.com/c v1.0.0")
          + "# other.org/d v1.0.0\n## explicit\nother.org/d\n";
      Files.writeString(txt, bad);
      for (String[] cmd : List.of(new String[] {"list", "-m"}, new String[] {"list", "-m", "all"},
          new String[] {"list", "-m", "example.com/a"})) {
        assertSameAsGo(release, goBin, main, goEnv, ours, cmd);
      }
      assertSameAsGo(release, goBin, c, goEnv, ours, "list", "-m");
      // a vendored module go.mod does not require (pruned: go.mod needs updates, with vendor mode's reason)
      Files.writeString(txt, good + "# other.org/d v1.0.0\nother.org/d\n");
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "example.com/a");
      // go below 1.14: the vendor directory is not used (readonly), so all works
      Files.writeString(txt, good);
      Files.writeString(main.resolve("go.mod"), Files.readString(main.resolve("go.mod")).replace("go " + mainGo, "go 1.13"));
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "all");
    }
  }

  /**
   * {@code list -m} arguments outside vendor mode: {@code ...} patterns
   * (a module once across arguments, a warning for a pattern that adds none), several unknown
   * paths (every error printed), and an untidy go.mod under the default and an explicit
   * {@code -mod=readonly} (go's text names the flag), bad GOFLAGS, GO111MODULE off, auto and
   * unknown; every installed release from go1.19 to go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1.19", "1.21", "1.22", "1.23", "1.24", "1.26", "1.27"})
  void listArgumentsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      TidyMain t = tidyMain(goBin, tmp, proxy, "example.com/a v1.0.0", "other.org/d v1.0.0");
      Path main = t.main();
      Map<String, String> goEnv = t.goEnv();
      Map<String, String> ours = t.ours();
      String[][] cmds = {{"list", "-m", "example.com/..."}, {"list", "-m", "all", "example.com/..."},
          {"list", "-m", "example.com/a/..."}, {"list", "-m", "nothing.net/..."},
          {"list", "-m", "-json", "other.org/...", "example.com/b"}, {"list", "-m", "x.org/a", "example.com/a", "y.org/b"},
          {"list", "-m", "example.com/main", "all"}, {"list", "-m", "..."},
          {"list", "-m", "./a", "example.com/a@-v"}, {"list", "-m", "example.com/a@-v", "example.com\\a"},
          {"list", "-m", "-json", "example.com/main@upgrade", "example.com/main@patch", "example.com/a@latest"}};
      for (String[] cmd : cmds) {
        assertSameAsGo(release, goBin, main, goEnv, ours, cmd);
      }
      // bad GOFLAGS: go's text (the -mod value error without its "go: "); mod graph has no -mod flag
      for (String flags : List.of("-modcacherw -mod=bogus", "-modcacherw -zz")) {
        goEnv.put("GOFLAGS", flags);
        ours.put("GOFLAGS", flags);
        assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "all");
        assertSameAsGo(release, goBin, main, goEnv, ours, "mod", "graph");
      }
      goEnv.put("GOFLAGS", "-modcacherw");
      ours.put("GOFLAGS", "-modcacherw");
      // GO111MODULE: off disables modules (list -m has its own text), auto uses the go.mod found,
      // a value go does not know fails every command
      for (String go111 : List.of("off", "auto", "bogus")) {
        goEnv.put("GO111MODULE", go111);
        ours.put("GO111MODULE", go111);
        for (String[] cmd : new String[][] {{"list", "-m", "all"}, {"list", "-m", "-retracted", "example.com/a"},
            {"mod", "graph"}, {"mod", "verify"}, {"mod", "download"}}) {
          assertSameAsGo(release, goBin, main, goEnv, ours, cmd);
        }
      }
      goEnv.put("GO111MODULE", "on");
      ours.put("GO111MODULE", "on");
      // untidy: main requires b below the v1.1.0 a needs
      Files.writeString(main.resolve("go.mod"), Files.readString(main.resolve("go.mod"))
          .replace("example.com/b v1.1.0", "example.com/b v1.0.0"));
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "all");
      goEnv.put("GOFLAGS", "-modcacherw -mod=readonly");
      ours.put("GOFLAGS", "-modcacherw -mod=readonly");
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "all");
    }
  }

  /**
   * What go lists when the graph does not load, and when it need not load it. A main module
   * requires a module version the proxy lacks ({@code missing.org/m}): {@code list -m all} lists
   * the graph as far as it loaded (looking up each module's info) and prints each module's
   * failure before the graph's; a path the main go.mod requires (pruned, go 1.17) is answered from
   * go.mod alone, so {@code list -m example.com/a} succeeds, while at go 1.16 (unpruned) it needs
   * the graph and fails. A module whose info the proxy refuses fails {@code list -m} naming it,
   * in argument order with "not a known dependency", also before "updates to go.mod needed".
   * Relative paths and backslashes are refused. Each listing again with {@code -e}, which lists
   * the failing modules with their errors (text and JSON) and leaves out the graph's failure.
   * Under go's default mode and {@code -mod=mod}, on each side of each release that changed what
   * go prints here (go's outputs compared release by release, 2026-12-07): go1.19 and go1.21
   * (go1.21 names the go.mod checksum in {@code missing go.sum entry for go.mod file}), go1.22 and
   * go1.23 ({@code list -m -json} of a module with an error also prints its {@code Sum} and
   * {@code GoModSum}), and go1.27; go1.24 and go1.26 printed what go1.23 and go1.27 print in every
   * run.
   */
  @ParameterizedTest(name = "go{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1.19", "1.21", "1.22", "1.23", "1.27"})
  void incompleteGraphAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = abcUniverse()
        .fault(Fault.status(404, "no info here").forModule("example.com/c", "v1.0.0").on(Endpoint.INFO));
    try (FakeGoProxy proxy = pb.start()) {
      TidyMain t = tidyMain(goBin, tmp, proxy, "example.com/a v1.0.0", "example.com/c v1.0.0", "other.org/d v1.0.0");
      Path main = t.main();
      Map<String, String> goEnv = t.goEnv();
      Map<String, String> ours = t.ours();
      String[][] tidyCmds = {{"list", "-m", "all"}, {"list", "-m", "example.com/a", "x.org/none", "example.com/c"},
          {"list", "-m", "-json", "example.com/c"}, {"list", "-m", "example.com/main", "example.com/b"},
          {"list", "-m", "./a"}, {"list", "-m", "example.com\\a"}, {"list", "-m", "all", ".."}};
      for (String[] cmd : tidyCmds) {
        assertSameAsGoWithAndWithoutE(release, goBin, main, goEnv, ours, cmd);
      }
      // untidy (b below what a needs): the modules' failures, then updates to go.mod needed
      String tidied = Files.readString(main.resolve("go.mod"));
      Files.writeString(main.resolve("go.mod"), tidied.replace("example.com/b v1.1.0", "example.com/b v1.0.0"));
      assertSameAsGoWithAndWithoutE(release, goBin, main, goEnv, ours, "list", "-m", "all");
      assertSameAsGo(release, goBin, main, goEnv, ours, "list", "-m", "-e", "-json", "all");
      // a requirement the proxy does not have (no go.mod, no info)
      for (String goLine : List.of("1.17", "1.16")) {
        Files.writeString(main.resolve("go.mod"), tidied.replace("go 1.17", "go " + goLine)
            .replace("\tother.org/d v1.0.0\n", "\tother.org/d v1.0.0\n\tmissing.org/m v1.0.0\n"));
        for (String flags : List.of("-modcacherw", "-modcacherw -mod=mod")) {
          goEnv.put("GOFLAGS", flags);
          ours.put("GOFLAGS", flags);
          for (String[] cmd : new String[][] {{"list", "-m", "all"}, {"list", "-m", "example.com/a"},
              {"list", "-m", "-json", "example.com/..."}, {"list", "-m", "missing.org/m", "x.org/none"}}) {
            assertSameAsGoWithAndWithoutE(release, goBin, main, goEnv, ours, cmd);
          }
        }
      }
    }
  }

  /**
   * {@code mod download [-json]} where go.sum lacks lines and where the graph does not load, each
   * side in its own copy of the main module with its own module cache: go.sum gains the go.mod
   * checksums the graph load verified (go writes them before it downloads), not the zips'; a
   * main module below go 1.17 (which downloads {@code all}) requiring a module version the proxy
   * lacks downloads the rest of the graph as far as it loaded, prints each module (and the missing
   * one's error) and then the graph's failure; at go 1.17 go stops at the failure. go1.19 and
   * go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void modDownloadGoSumAndIncompleteGraphAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      Path tidied = tidiedMain(goBin, tmp, goEnv);
      String tidyMod = Files.readString(tidied.resolve("go.mod"));
      // go.sum with a's go.mod line only
      Path partialSum = copyOf(tidied, tmp.resolve("partialsum"));
      List<String> sum = Files.readAllLines(tidied.resolve("go.sum"));
      sum.removeIf(l -> !l.startsWith("example.com/a v1.0.0/go.mod "));
      Files.write(partialSum.resolve("go.sum"), sum);
      // a module version the proxy does not have, at go 1.16 (downloads all) and 1.17
      Path missing16 = copyOf(tidied, tmp.resolve("missing16"));
      Files.writeString(missing16.resolve("go.mod"), tidyMod.replace("go 1.17", "go 1.16")
          + "\nrequire missing.org/m v1.0.0\n");
      Path missing17 = copyOf(tidied, tmp.resolve("missing17"));
      Files.writeString(missing17.resolve("go.mod"), tidyMod + "\nrequire missing.org/m v1.0.0\n");
      int round = 0;
      for (Path main : List.of(partialSum, missing16, missing17)) {
        for (List<String> cmd : List.of(List.of("mod", "download"), List.of("mod", "download", "-json"))) {
          round++;
          Path theirs = copyOf(main, tmp.resolve("theirs" + round));
          Path ours = copyOf(main, tmp.resolve("ours" + round));
          goEnv.put("GOPATH", tmp.resolve("gopath" + round).toString());
          Map<String, String> env = new HashMap<>(proxy.environment());
          env.put("GOENV", "off");
          env.put("GOPATH", tmp.resolve("our-gopath" + round).toString());
          env.put("GOFLAGS", goEnv.get("GOFLAGS"));
          env.put("PWD", ours.toString());
          String what = "go" + release + " " + String.join(" ", cmd) + " in " + main.getFileName();
          GoTool.Result r = GoTool.exec(theirs, goEnv, 180, null, prepend(goBin.toString(),
              cmd.toArray(new String[0])));
          List<String> argv = new java.util.ArrayList<>(cmd);
          argv.addAll(List.of("--go-version", release));
          Run o = goproxy(env, argv.toArray(new String[0]));
          // -json names each side's own module cache
          String mine = tmp.resolve("our-gopath" + round).toString();
          assertEquals(new Run(r.exitCode(), r.stdout(), r.stderr()), new Run(o.status(),
              o.out().replace(mine, goEnv.get("GOPATH")), o.err().replace(mine, goEnv.get("GOPATH"))), what);
          assertEquals(Files.exists(theirs.resolve("go.sum")), Files.exists(ours.resolve("go.sum")), what);
          if (Files.exists(theirs.resolve("go.sum"))) {
            assertEquals(Files.readString(theirs.resolve("go.sum")), Files.readString(ours.resolve("go.sum")),
                what + ": go.sum");
          }
        }
      }
      assertTrue(Files.readAllLines(tmp.resolve("theirs1").resolve("go.sum")).size() > sum.size(),
          "go.sum gained lines");
    }
  }

  /**
   * {@code GOFLAGS=-mod=mod list -m all} with go.sum lines missing: go fetches and verifies the
   * go.mod files and writes the lines it keeps to go.sum; goproxy prints the same and leaves
   * go.sum byte-identical to go's (each side in its own copy of the main module). Main modules at
   * go 1.17 and 1.21 (go1.21 also keeps the build list's go.mod sums), as go1.19 and go1.27.
   */
  @ParameterizedTest(name = "go{0} main go {1}")
  @CsvSource({"1.19, 1.17", "1.27, 1.17", "1.27, 1.21"})
  void modModeWritesGoSumAsGo(String release, String mainGo, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path theirs = Files.createDirectories(tmp.resolve("theirs"));
      Files.writeString(theirs.resolve("go.mod"), "module example.com/main\n\ngo " + mainGo
          + "\n\nrequire example.com/a v1.0.0\n");
      Files.writeString(theirs.resolve("main.go"), "package main\n\nimport _ \"example.com/a\"\n\nfunc main() {}\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      tidy(goBin, theirs, goEnv);
      // keep only a's go.mod line: b's go.mod (and everything else) must be fetched and verified
      List<String> sum = Files.readAllLines(theirs.resolve("go.sum"));
      sum.removeIf(l -> !l.startsWith("example.com/a v1.0.0/go.mod "));
      Files.write(theirs.resolve("go.sum"), sum);
      Path ours = Files.createDirectories(tmp.resolve("ours"));
      for (String f : List.of("go.mod", "go.sum", "main.go")) {
        Files.copy(theirs.resolve(f), ours.resolve(f));
      }
      goEnv.put("GOFLAGS", "-modcacherw -mod=mod");
      Map<String, String> env = new HashMap<>(proxy.environment());
      env.put("GOENV", "off");
      env.put("GOPATH", tmp.resolve("our-gopath").toString());
      env.put("GOFLAGS", "-modcacherw -mod=mod");
      env.put("PWD", ours.toString());
      GoTool.Result r = GoTool.exec(theirs, goEnv, 180, null, goBin.toString(), "list", "-m", "all");
      assertEquals(new Run(r.exitCode(), r.stdout(), r.stderr()), goproxy(env, "list", "-m", "all", "--go-version", release));
      assertEquals(Files.readString(theirs.resolve("go.sum")), Files.readString(ours.resolve("go.sum")), "go.sum");
      assertTrue(Files.readAllLines(ours.resolve("go.sum")).size() > sum.size(), "go.sum gained lines");
      assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(ours.resolve("go.mod")), "go.mod");
    }
  }

  /**
   * A go.sum with a malformed line, as each release reads it: to go1.21 the lines before it are
   * used (and under {@code -mod=mod} the rewritten go.sum drops it and the lines after it); from
   * go1.22 go fails with {@code malformed go.sum} on its first checksum look-up, so {@code list -m}
   * without arguments, and {@code list -m all} in a module without requirements, still succeed.
   * Output, exit status and the go.sum left behind equal go's (each side in its own copy).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.27"})
  void malformedGoSumAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      Path tidied = tidiedMain(goBin, tmp, goEnv);
      // a's lines, then the bad line, then b's: to go1.21 b's lines are not read
      List<String> sum = new java.util.ArrayList<>(Files.readAllLines(tidied.resolve("go.sum")));
      sum.add(2, "not a go.sum line");
      Files.write(tidied.resolve("go.sum"), sum);
      Path noDeps = Files.createDirectories(tmp.resolve("nodeps"));
      Files.writeString(noDeps.resolve("go.mod"), "module example.com/nodeps\n\ngo 1.17\n");
      Files.writeString(noDeps.resolve("go.sum"), "garbage\n");
      int round = 0;
      for (String flags : List.of("-modcacherw", "-modcacherw -mod=mod")) {
        for (Path main : List.of(tidied, noDeps)) {
          for (List<String> cmd : List.of(List.of("list", "-m"), List.of("list", "-m", "all"))) {
            round++;
            Path theirs = copyOf(main, tmp.resolve("theirs" + round));
            Path ours = copyOf(main, tmp.resolve("ours" + round));
            goEnv.put("GOFLAGS", flags);
            goEnv.put("GOPATH", tmp.resolve("go-gopath" + round).toString());
            Map<String, String> env = new HashMap<>(proxy.environment());
            env.put("GOENV", "off");
            env.put("GOPATH", tmp.resolve("our-gopath" + round).toString());
            env.put("GOFLAGS", flags);
            env.put("PWD", ours.toString());
            String what = "go" + release + " " + String.join(" ", cmd) + " in " + main.getFileName() + " (GOFLAGS="
                + flags + ")";
            GoTool.Result r = GoTool.exec(theirs, goEnv, 180, null, prepend(goBin.toString(),
                cmd.toArray(new String[0])));
            List<String> argv = new java.util.ArrayList<>(cmd);
            argv.addAll(List.of("--go-version", release));
            Run o = goproxy(env, argv.toArray(new String[0]));
            // go names the file by its absolute path: each side's own copy
            String mine = ours.toString();
            assertEquals(new Run(r.exitCode(), r.stdout(), r.stderr()), new Run(o.status(),
                o.out().replace(mine, theirs.toString()), o.err().replace(mine, theirs.toString())), what);
            assertEquals(Files.readString(theirs.resolve("go.sum")), Files.readString(ours.resolve("go.sum")),
                what + ": go.sum");
          }
        }
      }
    }
  }

  /** tmp/tidied: a main module at go 1.17 whose main package imports example.com/a, made tidy by {@code goBin}. */
  private static Path tidiedMain(Path goBin, Path tmp, Map<String, String> goEnv) throws java.io.IOException {
    Path tidied = Files.createDirectories(tmp.resolve("tidied"));
    writeMain(tidied, "1.17", "example.com/a v1.0.0");
    tidy(goBin, tidied, goEnv);
    return tidied;
  }

  /** A tidy main module, go's environment for it and goproxy's beside it. */
  private record TidyMain(Path main, Map<String, String> goEnv, Map<String, String> ours) {}

  /**
   * The main module example.com/main in {@code tmp/main} at go 1.17 requiring (and importing) each
   * {@code "path version"}, made tidy by {@code goBin} through {@code proxy}.
   */
  private static TidyMain tidyMain(Path goBin, Path tmp, FakeGoProxy proxy, String... requires)
      throws java.io.IOException {
    Path main = Files.createDirectories(tmp.resolve("main"));
    writeMain(main, "1.17", requires);
    Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
    goEnv.putAll(proxy.environment());
    tidy(goBin, main, goEnv);
    return new TidyMain(main, goEnv, oursBeside(proxy, goEnv));
  }

  /**
   * Writes the main module example.com/main in {@code main}: a go.mod at go {@code go} requiring
   * each {@code "path version"}, and a main.go importing each path (so that go mod tidy keeps them).
   */
  private static void writeMain(Path main, String go, String... requires) throws java.io.IOException {
    StringBuilder mod = new StringBuilder("module example.com/main\n\ngo " + go + "\n\nrequire (\n");
    StringBuilder imports = new StringBuilder("package main\n\nimport (\n");
    for (String r : requires) {
      mod.append('\t').append(r).append('\n');
      imports.append("\t_ \"").append(r, 0, r.indexOf(' ')).append("\"\n");
    }
    Files.writeString(main.resolve("go.mod"), mod.append(")\n").toString());
    Files.writeString(main.resolve("main.go"), imports.append(")\n\nfunc main() {}\n").toString());
  }

  private static Path copyOf(Path dir, Path to) throws java.io.IOException {
    Files.createDirectories(to);
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  /**
   * go's {@code cannot find main module, but found .git/config in DIR} hint (modload's die) is
   * only for commands that reach die (go mod edit without a file: ModEditCommandTest's
   * altConfigHintAsGo): outside a module below a directory with {@code .git/config} and
   * {@code Gopkg.lock}, {@code mod graph} and {@code mod verify} (NeedRoot), {@code list -m all}
   * and {@code mod download all} ({@code cannot match "all"}), {@code mod download} without
   * arguments and {@code list -m} print go's own lines, without the hint; GO111MODULE on and auto,
   * go1.19, go1.21, go1.22 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.27"})
  void altConfigGivesNoHintAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.createDirectories(repo.resolve(".git"));
    Files.writeString(repo.resolve(".git/config"), "[core]\n");
    Files.writeString(repo.resolve("Gopkg.lock"), "\n");
    Path dir = Files.createDirectories(repo.resolve("sub"));
    String[][] cmds = {{"list", "-m"}, {"list", "-m", "all"}, {"list", "-m", "-u", "all"}, {"list", "-m", "-versions", "all"},
        {"list", "-m", "..."}, {"mod", "graph"}, {"mod", "verify"}, {"mod", "download"}, {"mod", "download", "all"},
        {"mod", "download", "-json"}};
    for (String go111 : List.of("on", "auto")) {
      for (String[] cmd : cmds) {
        assertOfflineSameAsGo(release, goBin, tmp, dir, Map.of("GO111MODULE", go111), "go" + release + " GO111MODULE="
            + go111, cmd);
      }
    }
  }

  /**
   * go's rule for a go.mod in GOPATH's first entry (modload.Init): up to go1.21 every graph
   * command in module mode fails with {@code $GOPATH/go.mod exists but should not} (no
   * {@code go: }, exit status 1); from go1.22 go warns ({@code go: warning: ignoring go.mod in
   * $GOPATH <dir>}), then {@code mod graph} and {@code mod verify}, which need a main module, fail
   * with go's no-main-modules error (even in a module or workspace; go1.26 names the workspace),
   * while {@code list -m} and {@code mod download} go on with the module found, GOPATH's own
   * go.mod included when run there. Each command by go and by goproxy, each with its own GOPATH
   * (with a go.mod requiring example.com/c) and module cache, in a tidy main module, outside any
   * module, in GOPATH itself and in a workspace; GO111MODULE on, and auto for {@code list -m} and
   * {@code mod download} (outside a module a listing then stays in GOPATH mode); {@code list -m
   * -p=0 all}, whose {@code -p must be a positive integer} BuildInit reports after modload.Init's
   * failure and warnings (and, in GOPATH mode, with nothing before it); GOPATH given with
   * a trailing slash (go prints it as given), and unset or empty (go's default
   * {@code $HOME/go}); and in a module that is also the system temp root (TMPDIR), whose rule
   * comes first. Output, error text, exit status, go.sum, go.work.sum and the module cache must
   * be go's.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.22", "1.26", "1.27"})
  void gopathGoModAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Map<String, String> tidyEnv = GoTool.hermeticEnv(tmp.resolve("tidy"));
      tidyEnv.putAll(proxy.environment());
      Path main = tidiedMain(goBin, tmp, tidyEnv);
      Path ws = Files.createDirectories(tmp.resolve("ws"));
      copyOf(main, ws.resolve("z"));
      Files.writeString(ws.resolve("go.work"), "go 1.18\n\nuse ./z\n");
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      String[][] cmds = {{"list", "-m"}, {"list", "-m", "all"}, {"list", "-m", "-json", "example.com/b@latest"},
          {"mod", "graph"}, {"mod", "verify"}, {"mod", "download"}, {"mod", "download", "-json", "example.com/b@v1.0.0"},
          {"list", "-m", "-p=0", "all"}};
      // the set-up makes go apply the rule (else the comparisons below would prove nothing)
      Run probe = gopathSideBySide(goBin, release, proxy, tmp.resolve("probe"), main, "module", "on", "", cmds[0]);
      boolean fatal = release.equals("1.19") || release.equals("1.21");
      assertEquals(fatal ? "$GOPATH/go.mod exists but should not\n" : "go: warning: ignoring go.mod in $GOPATH "
          + tmp.resolve("probe/go-home/gopath") + "\n", probe.err());
      int round = 0;
      for (String where : List.of("module", "outside", "gopath", "workspace")) {
        Path dir = where.equals("module") ? main : where.equals("workspace") ? ws : outside;
        for (String[] cmd : cmds) {
          for (String go111 : List.of("on", "auto")) {
            if (go111.equals("auto")
                && !List.of("list -m", "list -m all", "mod download", "list -m -p=0 all").contains(String.join(" ", cmd))) {
              continue;
            }
            gopathSideBySide(goBin, release, proxy, tmp.resolve("round" + ++round), dir, where, go111, "", cmd);
          }
        }
      }
      for (String gopath : List.of("trailing-slash", "unset", "empty")) {
        for (String[] cmd : List.of(cmds[0], cmds[3], cmds[5])) {
          gopathSideBySide(goBin, release, proxy, tmp.resolve("round" + ++round), main, "module", "on", gopath, cmd);
        }
      }
      // the system temp root rule first: its warning, then this rule's (go1.19 and go1.20 let mod
      // graph reach it; go1.21 on fails mod graph there first)
      for (String[] cmd : List.of(cmds[0], cmds[3], cmds[5], cmds[7])) {
        for (String go111 : List.of("on", "auto")) {
          gopathSideBySide(goBin, release, proxy, tmp.resolve("round" + ++round), main, "tmproot", go111, "", cmd);
        }
      }
    }
  }

  /**
   * go and goproxy run {@code cmd} (GO111MODULE {@code go111}), each with its own GOPATH below
   * {@code work} whose first entry holds a go.mod, in its own copy of {@code dir} ({@code where}:
   * {@code module}; {@code workspace}, run in its module z; {@code outside}, shared; {@code gopath},
   * each side's GOPATH itself; {@code tmproot}, a module copy that is the side's TMPDIR). {@code gopath} {@code trailing-slash} gives GOPATH with a trailing
   * slash, {@code unset} and {@code empty} leave it to go's {@code $HOME/go}. Each side's paths read as go's: output,
   * error text, exit status, go.sum (and go.work.sum) in the directory and the module cache must
   * be equal. Returns go's run.
   */
  private static Run gopathSideBySide(Path goBin, String release, FakeGoProxy proxy, Path work, Path dir,
      String where, String go111, String gopath, String[] cmd) throws java.io.IOException {
    Map<String, String> goEnv = GoTool.hermeticEnv(work.resolve("go-home"));
    goEnv.putAll(proxy.environment());
    goEnv.put("GO111MODULE", go111);
    Map<String, String> ours = oursBeside(proxy, goEnv);
    ours.put("GOPATH", work.resolve("our-gopath").toString());
    ours.put("HOME", work.resolve("our-home").toString());
    ours.put("GO111MODULE", go111);
    Path[] roots = new Path[2];
    Path[] dirs = new Path[2];
    int side = 0;
    for (Map<String, String> env : List.of(goEnv, ours)) {
      String name = side == 0 ? "theirs" : "ours";
      Path root = Path.of(env.get("GOPATH"));
      if (gopath.equals("unset") || gopath.equals("empty")) {
        root = Path.of(env.get("HOME"), "go");
        env.remove("GOPATH");
        if (gopath.equals("empty")) {
          env.put("GOPATH", ""); // as unset
        }
      } else if (gopath.equals("trailing-slash")) {
        env.put("GOPATH", root + "/");
      }
      Files.createDirectories(root);
      Files.writeString(root.resolve("go.mod"), "module example.com/gp\n\ngo 1.17\n\nrequire example.com/c v1.0.0\n");
      roots[side] = root;
      dirs[side] = where.equals("gopath") ? root : where.equals("outside") ? dir
          : where.equals("workspace") ? copyTree(dir, work.resolve(name)).resolve("z") : copyOf(dir, work.resolve(name));
      if (where.equals("tmproot")) {
        env.put("TMPDIR", dirs[side].toString());
      }
      side++;
    }
    GoTool.Result r = GoTool.exec(dirs[0], goEnv, 180, null, prepend(goBin.toString(), cmd));
    List<String> argv = new java.util.ArrayList<>(List.of(cmd));
    argv.addAll(List.of("--go-version", release));
    ours.put("PWD", dirs[1].toString());
    Run o = goproxy(ours, argv.toArray(new String[0]));
    String what = "go" + release + " " + String.join(" ", cmd) + " (" + where + ", GO111MODULE=" + go111
        + (gopath.isEmpty() ? "" : ", GOPATH " + gopath) + ")";
    java.util.function.UnaryOperator<String> asGo = t -> t.replace(dirs[1].toString(), dirs[0].toString())
        .replace(roots[1].toString(), roots[0].toString());
    Run theirs = new Run(r.exitCode(), r.stdout(), r.stderr());
    assertEquals(theirs, new Run(o.status(), asGo.apply(o.out()), asGo.apply(o.err())), what);
    for (String f : List.of("go.sum", "../go.work.sum")) {
      assertEquals(readIfExists(dirs[0].resolve(f)), readIfExists(dirs[1].resolve(f)), what + ": " + f);
    }
    assertEquals(contents(roots[0].resolve("pkg/mod")), contents(roots[1].resolve("pkg/mod")), what + ": module cache");
    return theirs;
  }

  /**
   * go's checks of GOPATH at start-up, before any graph command: an entry starting with {@code ~}
   * or a relative entry (any entry, the first empty one skipped) ends go with exit status 2 and
   * its message; GOPATH naming GOROOT (cleaned: a trailing slash too) is warned about, in
   * go1.24's new words from go1.24, and the command goes on; a relative default GOPATH (from a
   * relative HOME) is no error. {@code list -m} and {@code mod graph}
   * in a module without requirements (nothing is written); go1.19, go1.23, go1.24 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.23", "1.24", "1.27"})
  void gopathStartupChecksAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    Path main = Files.createDirectories(tmp.resolve("m"));
    Files.writeString(main.resolve("go.mod"), "module example.com/m\n\ngo 1.17\n");
    String goroot = goBin.getParent().getParent().toRealPath().toString();
    Path abs = Files.createDirectories(tmp.resolve("gp"));
    for (String gopath : List.of("~/gp", "gp", abs + ":gp", ":" + abs, goroot, goroot + "/", ":" + goroot, "")) {
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("home"));
      goEnv.put("GOPATH", gopath);
      if (gopath.isEmpty()) {
        goEnv.remove("GOPATH");
        // go's default $HOME/go is relative then: go forgets it (telemetry's mode file stays found)
        goEnv.put("XDG_CONFIG_HOME", goEnv.get("HOME") + "/.config");
        goEnv.put("HOME", "relative-home");
      }
      goEnv.put("GOROOT", goroot);
      goEnv.put("GOMODCACHE", tmp.resolve("modcache").toString());
      Map<String, String> ours = new HashMap<>(goEnv);
      for (String[] cmd : List.of(new String[] {"list", "-m"}, new String[] {"mod", "graph"})) {
        assertSameAsGo(release, goBin, main, goEnv, ours, cmd);
      }
    }
  }

  /**
   * GOPATH whose first entry is empty ({@code :/abs}, GOMODCACHE set): go has nowhere to keep the
   * checksum database's state, so a module it must verify there fails with its text
   * ({@code initializing sumdb.Client: could not locate sumdb file: missing $GOPATH: }) while
   * commands that need no checksum database work. {@code mod download [-json] path@version}
   * outside a module, go1.19 and go1.27, each side with its own module cache; also with GOPATH
   * and HOME unset (go's reason then: {@code HOME is not set}).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void emptyFirstGopathEntryAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      int round = 0;
      for (String[] cmd : List.of(new String[] {"mod", "download", "-json", "example.com/b@v1.0.0"},
          new String[] {"mod", "download", "example.com/c@v1.0.0"}, new String[] {"list", "-m"},
          new String[] {"mod", "download", "-json", "example.com/b@v1.1.0"})) {
        Path work = tmp.resolve("round" + ++round);
        Map<String, String> goEnv = GoTool.hermeticEnv(work);
        goEnv.putAll(proxy.environment());
        goEnv.put("GOPATH", ":" + work.resolve("gp"));
        if (round == 4) {
          // no GOPATH and no HOME: go's reason is that HOME is not set (its config dir kept)
          goEnv.put("XDG_CONFIG_HOME", goEnv.remove("HOME") + "/.config");
          goEnv.remove("GOPATH");
        }
        goEnv.put("GOMODCACHE", work.resolve("go-cache").toString());
        GoTool.Result r = GoTool.exec(outside, goEnv, 180, null, prepend(goBin.toString(), cmd));
        Map<String, String> ours = new HashMap<>(goEnv);
        ours.put("GOMODCACHE", work.resolve("our-cache").toString());
        ours.put("PWD", outside.toString());
        List<String> argv = new java.util.ArrayList<>(List.of(cmd));
        argv.addAll(List.of("--go-version", release));
        Run o = goproxy(ours, argv.toArray(new String[0]));
        assertEquals(new Run(r.exitCode(), r.stdout(), r.stderr()),
            new Run(o.status(), o.out().replace("our-cache", "go-cache"), o.err()),
            "go" + release + " " + String.join(" ", cmd));
        assertEquals(contents(work.resolve("go-cache")), contents(work.resolve("our-cache")), "module cache");
      }
    }
  }

  /**
   * A module cache go cannot use (cmd/go's checkCacheDir fails): GOMODCACHE and GOPATH unset (no
   * HOME), GOMODCACHE relative, or GOMODCACHE naming a file. go goes on without a cache: graph and
   * list commands fetch every go.mod and info again and write nothing, {@code -json} has no
   * {@code GoMod} or {@code Dir}, the checksum database's tiles are not kept; a download fails per
   * module with go's reason (the relative one ends in a newline that {@code -json}'s Error keeps),
   * and {@code mod verify} reports each module's ziphash missing as the file {@code hash} in its
   * current directory. goproxy refused the whole command instead. A tidy module (complete go.sum),
   * in each case the output, exit status, go.mod and go.sum must be go's; go1.19, go1.21 (GOROOT
   * set: Debian's go1.21 otherwise warns that the empty GOPATH is its empty GOROOT) and go1.27.
   * Then again with go.sum lines missing (none with GOMODCACHE unset or relative, the first
   * go.mod line alone with a file), the checksum database on (off with GOMODCACHE unset, where go
   * has no GOPATH for its state): go writes the go.sum lines it verified from memory (modfetch's
   * goSum.m), which goproxy read back from the cache and so left out; with a relative GOMODCACHE
   * go keeps the checksum database's tiles in {@code ./relc/cache/download/sumdb}, in its current
   * directory (the module copy), and so must goproxy (the CLI's PWD, not the JVM's directory),
   * also after a {@code -C ..} from a subdirectory (go1.21, go1.27).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void unusableModuleCacheAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    String[][] cmds = {{"list", "-m", "all"}, {"mod", "graph"}, {"list", "-m", "-json", "all"}, {"list", "-m", "-u", "all"},
        {"list", "-m", "-versions", "example.com/a"}, {"mod", "download", "-json", "example.com/a"}, {"mod", "download"},
        {"mod", "verify"}};
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path main = tidyMain(goBin, tmp.resolve("setup"), proxy, "example.com/a v1.0.0").main();
      Path file = Files.writeString(tmp.resolve("a-file"), "");
      String goroot = goBin.getParent().getParent().toRealPath().toString();
      int round = 0;
      List<String> differences = new java.util.ArrayList<>();
      // go.sum lines missing: none (GOMODCACHE unset, relative), or the first go.mod line alone
      Path bare = copyTree(main, tmp.resolve("bare"));
      Files.delete(bare.resolve("go.sum"));
      Path partial = copyTree(main, tmp.resolve("partial"));
      String firstGoMod = Files.readAllLines(main.resolve("go.sum")).stream().filter(l -> l.contains("/go.mod "))
          .findFirst().orElseThrow();
      Files.writeString(partial.resolve("go.sum"), firstGoMod + "\n");
      for (String sums : List.of("tidy", "missing")) {
        for (String cache : List.of("unset", "relative", "file")) {
          Path module = sums.equals("tidy") ? main : cache.equals("file") ? partial : bare;
          for (String[] cmd : cmds) {
            Path work = tmp.resolve("round" + ++round);
            Map<String, String> goEnv = GoTool.hermeticEnv(work.resolve("home"));
            goEnv.putAll(proxy.environment());
            goEnv.put("GOFLAGS", "-mod=mod");
            goEnv.put("GOROOT", goroot);
            switch (cache) {
              case "unset" -> {
                goEnv.put("XDG_CONFIG_HOME", goEnv.remove("HOME") + "/.config");
                goEnv.remove("GOPATH");
                goEnv.remove("GOMODCACHE");
                if (sums.equals("missing")) {
                  goEnv.put("GOSUMDB", "off"); // else go fails: missing $GOPATH: HOME is not set
                }
              }
              // go keeps the checksum database's tiles in ./relc/cache/download/sumdb
              case "relative" -> goEnv.put("GOMODCACHE", "relc");
              default -> goEnv.put("GOMODCACHE", file.toString());
            }
            String what = "go" + release + ", go.sum " + sums + ", GOMODCACHE " + cache + ": " + String.join(" ", cmd);
            compareInCopies(goVersion, goBin, module, work, goEnv, Map.of(), what, cmd).ifPresent(differences::add);
            assertEquals(0L, Files.size(file), what + ": the file named as GOMODCACHE is left alone");
          }
        }
      }
      if (!release.equals("1.19")) {
        // -C (go1.20 on): go's current directory is the one -C names, and so is that of the tiles
        // of a relative GOMODCACHE (./relc of the module, not of the directory the command started in)
        Path below = copyTree(bare, tmp.resolve("below"));
        Files.createDirectories(below.resolve("sub"));
        for (String[] cmd : List.of(new String[] {"list", "-C", "..", "-m", "all"},
            new String[] {"mod", "download", "-C", "..", "-json", "example.com/b@v1.1.0"})) {
          Path work = tmp.resolve("round" + ++round);
          Map<String, String> goEnv = GoTool.hermeticEnv(work.resolve("home"));
          goEnv.putAll(proxy.environment());
          goEnv.put("GOFLAGS", "-mod=mod");
          goEnv.put("GOROOT", goroot);
          goEnv.put("GOMODCACHE", "relc");
          String what = "go" + release + ", go.sum missing, GOMODCACHE relative, from sub: " + String.join(" ", cmd);
          compareInCopies(goVersion, goBin, below, "sub", work, goEnv, Map.of(), what, cmd).ifPresent(differences::add);
        }
      }
      System.out.println("go" + release + ": " + round + " runs compared, " + differences.size() + " differ");
      assertEquals(List.of(), differences, String.join("\n", differences));
    }
  }

  /**
   * GOPATH as go infers it from HOME, and GOPATH lists: go's default {@code $HOME/go} from a
   * relative HOME is forgotten at start-up (cmd/go's main: {@code go env GOPATH} prints nothing)
   * after GOMODCACHE ({@code rel/dir/go/pkg/mod}, a cache go refuses as relative) and the checksum
   * database's state directory ({@code rel/dir/go/pkg/sumdb}) were computed from it: go keeps its
   * tiles and state there, relative to its current directory (the module copy), and verifies;
   * an empty HOME is an unset one ({@code HOME is not set}); HOME={@code /} gives {@code /go}; a
   * GOPATH list keeps the module cache and the checksum database's state in its first entry, and
   * a relative entry anywhere ends go at start-up. Each side in its own module copy without
   * go.sum (but for HOME=/, whose go.sum is tidy so that nothing is written in {@code /go}),
   * the checksum database on; output, exit status, go.mod, go.sum, the copy's other files and
   * the module cache must be go's (go1.19 and go1.27: go1.21 printed and wrote what both do in each
   * of its 29 runs, compared release by release 2026-12-07). goproxy kept the relative default
   * as GOPATH and so refused the checksum database with {@code GOPATH entry is relative}.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void gopathFromHomeAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    String[][] cmds = {{"list", "-m", "all"}, {"mod", "download"}, {"mod", "download", "-json", "example.com/b@v1.1.0"},
        {"mod", "verify"}};
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path main = tidyMain(goBin, tmp.resolve("setup"), proxy, "example.com/a v1.0.0").main();
      Path bare = copyTree(main, tmp.resolve("bare"));
      Files.delete(bare.resolve("go.sum"));
      String goroot = goBin.getParent().getParent().toRealPath().toString();
      int round = 0;
      List<String> differences = new java.util.ArrayList<>();
      for (String home : List.of("relative", "relative+cache", "empty", "empty+cache", "root+cache", "list", "list-relative")) {
        for (String[] cmd : cmds) {
          Path work = tmp.resolve("round" + ++round);
          Map<String, String> goEnv = GoTool.hermeticEnv(work.resolve("home"));
          goEnv.putAll(proxy.environment());
          goEnv.put("GOFLAGS", "-mod=mod");
          goEnv.put("GOROOT", goroot);
          goEnv.put("XDG_CONFIG_HOME", goEnv.get("HOME") + "/.config"); // go's telemetry mode file
          goEnv.remove("GOMODCACHE");
          Map<String, String> ourVars = new HashMap<>();
          Path goCache = work.resolve("go-cache");
          if (home.endsWith("+cache")) {
            goEnv.put("GOMODCACHE", goCache.toString());
            ourVars.put("GOMODCACHE", work.resolve("our-cache").toString());
          }
          if (home.startsWith("list")) {
            goCache = work.resolve("go-gp1/pkg/mod");
            goEnv.put("GOPATH", work.resolve("go-gp1") + ":" + work.resolve("gp2") + (home.equals("list") ? "" : ":gp3"));
            ourVars.put("GOPATH", work.resolve("our-gp1") + ":" + work.resolve("gp2") + (home.equals("list") ? "" : ":gp3"));
            // read as go's in goproxy's output (-json's paths in the first entry's module cache)
            goEnv.put("GOPROXY4J_TEST_GP1", work.resolve("go-gp1").toString());
            ourVars.put("GOPROXY4J_TEST_GP1", work.resolve("our-gp1").toString());
          } else {
            goEnv.remove("GOPATH");
            goEnv.put("HOME", home.startsWith("relative") ? "rel/dir" : home.startsWith("empty") ? "" : "/");
          }
          String what = "go" + release + ", " + home + ": " + String.join(" ", cmd);
          compareInCopies(goVersion, goBin, home.startsWith("root") ? main : bare, work, goEnv, ourVars, what, cmd)
              .ifPresent(differences::add);
          Path ourCache = home.startsWith("list") ? work.resolve("our-gp1/pkg/mod") : work.resolve("our-cache");
          try {
            assertEquals(contents(goCache), contents(ourCache), what + ": module cache");
            if (home.startsWith("list")) {
              assertEquals(contents(work.resolve("go-gp1/pkg/sumdb")), contents(work.resolve("our-gp1/pkg/sumdb")),
                  what + ": checksum database state");
            }
          } catch (org.opentest4j.AssertionFailedError e) {
            differences.add(e.getMessage());
          }
        }
      }
      System.out.println("go" + release + ": " + round + " runs compared, " + differences.size() + " differ");
      assertEquals(List.of(), differences, String.join("\n", differences));
    }
  }

  /**
   * Module cache writes that fail (here a file where a module's {@code cache/download/.../@v}
   * directory belongs): go prints {@code go: writing go.mod cache: mkdir ...: not a directory} and
   * {@code go: writing stat cache: ...} and goes on; {@code mod verify} reports the ziphash it cannot
   * open (the zip's stat failing otherwise than "not exist"). goproxy failed the whole
   * command with a Java message. Output, exit status, go.mod and go.sum as go's, each side with its
   * own module cache; go1.19, go1.21 and go1.27. Then again without go.sum, the checksum database
   * on: go writes the go.mod lines it verified from memory, that of the module whose go.mod it could
   * not cache too, where goproxy read the lines back from the cache and left that one out.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void moduleCacheWriteFailuresAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    String[][] cmds = {{"list", "-m", "all"}, {"list", "-m", "-json", "example.com/a"}, {"mod", "graph"},
        {"mod", "verify"}, {"mod", "download", "example.com/a"}, {"mod", "download", "-json", "example.com/a"},
        {"mod", "download"}};
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path main = tidyMain(goBin, tmp.resolve("setup"), proxy, "example.com/a v1.0.0").main();
      Path bare = copyTree(main, tmp.resolve("bare"));
      Files.delete(bare.resolve("go.sum"));
      int round = 0;
      List<String> differences = new java.util.ArrayList<>();
      for (int i = 0; i < 2 * cmds.length; i++) {
        String[] cmd = cmds[i % cmds.length];
        Path module = i < cmds.length ? main : bare;
        Path work = tmp.resolve("round" + ++round);
        Path goCache = work.resolve("go-cache");
        Path ourCache = work.resolve("our-cache");
        for (Path c : List.of(goCache, ourCache)) {
          Files.createDirectories(c.resolve("cache/download/example.com/a"));
          Files.writeString(c.resolve("cache/download/example.com/a/@v"), "");
        }
        Map<String, String> goEnv = GoTool.hermeticEnv(work.resolve("home"));
        goEnv.putAll(proxy.environment());
        goEnv.put("GOFLAGS", "-mod=mod");
        goEnv.put("GOMODCACHE", goCache.toString());
        String what = "go" + release + (module == main ? "" : ", no go.sum") + ": " + String.join(" ", cmd);
        compareInCopies(goVersion, goBin, module, work, goEnv, Map.of("GOMODCACHE", ourCache.toString()), what, cmd)
            .ifPresent(differences::add);
        try {
          assertEquals(contents(goCache), contents(ourCache), what + ": module cache");
        } catch (org.opentest4j.AssertionFailedError e) {
          differences.add(e.getMessage());
        }
      }
      System.out.println("go" + release + ": " + round + " runs compared, " + differences.size() + " differ");
      assertEquals(List.of(), differences, String.join("\n", differences));
    }
  }

  /**
   * go runs {@code cmd} in its copy of {@code main} (below {@code work}) with {@code goEnv}, goproxy
   * ({@code --go-version goVersion}) in its own copy with {@code goEnv} and {@code ourVars} over it;
   * goproxy's output (its copy and each of {@code ourVars}' values read as go's), exit status, go.mod,
   * go.sum and the copy's other files must be go's.
   *
   * @return what differs, or empty
   */
  private static java.util.Optional<String> compareInCopies(String goVersion, Path goBin, Path main, Path work,
      Map<String, String> goEnv, Map<String, String> ourVars, String what, String... cmd) throws java.io.IOException {
    return compareInCopies(goVersion, goBin, main, "", work, goEnv, ourVars, what, cmd);
  }

  /** {@link #compareInCopies} run in the copies' directory {@code sub} (for a {@code -C} back up). */
  private static java.util.Optional<String> compareInCopies(String goVersion, Path goBin, Path main, String sub,
      Path work, Map<String, String> goEnv, Map<String, String> ourVars, String what, String... cmd)
      throws java.io.IOException {
    Path theirs = copyTree(main, work.resolve("theirs"));
    Path ours = copyTree(main, work.resolve("ours"));
    GoTool.Result r = GoTool.exec(theirs.resolve(sub), goEnv, 180, null, prepend(goBin.toString(), cmd));
    Map<String, String> env = new HashMap<>(goEnv);
    env.putAll(ourVars);
    env.put("PWD", ours.resolve(sub).toString());
    List<String> argv = new java.util.ArrayList<>(List.of(cmd));
    argv.addAll(List.of("--go-version", goVersion));
    Run o = goproxy(env, argv.toArray(new String[0]));
    String out = o.out().replace(ours.toString(), theirs.toString());
    String err = o.err().replace(ours.toString(), theirs.toString());
    for (Map.Entry<String, String> v : ourVars.entrySet()) {
      out = out.replace(v.getValue(), goEnv.get(v.getKey()));
      err = err.replace(v.getValue(), goEnv.get(v.getKey()));
    }
    try {
      assertEquals(new Run(r.exitCode(), r.stdout(), r.stderr()), new Run(o.status(), out, err), what);
      assertSameFiles(theirs, ours, what, "go.sum", "go.mod");
      assertEquals(contents(theirs), contents(ours), what + ": nothing else written in the module");
      return java.util.Optional.empty();
    } catch (org.opentest4j.AssertionFailedError e) {
      return java.util.Optional.of(what + ": " + e.getMessage());
    }
  }

  /**
   * An untidy go.mod with a go line under {@code -mod=mod}: go rewrites it from the roots it loads
   * (modload's commitRequirements when modFileIsDirty): a requirement below the selected version is
   * raised in a pruned go.mod (an unpruned one drops an implied indirect one), a path required twice
   * is kept once at its highest version (direct if any line was), the main module's own path and a
   * requirement on an excluded version are dropped (with go's {@code dropping requirement on
   * excluded version} line; go does not move to the next version, and {@code mod download} lists that
   * path as {@code not a known dependency}), from go1.21 the go line is raised
   * to a dependency's and a toolchain line the go line implies is dropped; a missing indirect
   * requirement, a wrong {@code // indirect} mark and a layout-only difference are left alone. Each
   * command by go and by goproxy on its own copy with its own module cache: output, exit status,
   * go.mod and go.sum must be go's. The list commands again without {@code -mod=mod} (with a go.sum
   * holding every line): where go would rewrite go.mod (but for {@code // indirect} marks) it fails
   * with {@code updates to go.mod needed}, and so must goproxy. go1.19, go1.21 and go1.24 (a go line
   * raised records the running toolchain) and go1.27 (it does not; a go.mod at go 1.27 is written in
   * at most two require blocks).
   *
   * <p>go1.24 runs the cases where go1.21, go1.24 and go1.27 do not all print the same (go's
   * outputs, go.mod and go.sum compared release by release, 2026-12-07): {@code go-raised} (the
   * toolchain line) and those whose {@code list -m -json all} without {@code -mod=mod} reports an
   * erring module, with its {@code Sum} and {@code GoModSum} from go1.23 ({@code duplicate},
   * {@code missing-indirect}, {@code wrong-marks}, {@code layout}); in the
   * {@link #UNTIDY_SAME_ON_GO121_TO_GO127} cases the three print and write the same in each run.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.24", "1.27"})
  void untidyGoModRewrittenAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    boolean go121 = !release.equals("1.19");
    String m = "module example.com/main\n\n";
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("raised", m + "go 1.17\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0 // indirect\n)\n");
    cases.put("unpruned-implied", m + "go 1.16\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0 // indirect\n)\n");
    cases.put("unpruned-direct", m + "go 1.16\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n)\n");
    cases.put("duplicate", m + "go 1.17\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/c v1.0.0\n)\n\n"
        + "require example.com/c v1.0.0 // indirect\n");
    cases.put("duplicate-versions", m + "go 1.17\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/a v1.1.0 // indirect\n)\n");
    cases.put("duplicate-unpruned", m + "go 1.16\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/a v1.1.0\n)\n");
    cases.put("excluded", m + "go 1.17\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.1.0 // indirect\n)\n\n"
        + "exclude example.com/b v1.1.0\n");
    cases.put("excluded-only", m + "go 1.17\n\nrequire example.com/c v1.0.0\n\nexclude example.com/c v1.0.0\n");
    cases.put("self", m + "go 1.17\n\nrequire (\n\texample.com/main v1.0.0\n\texample.com/c v1.0.0\n)\n");
    cases.put("missing-indirect", m + "go 1.17\n\nrequire example.com/a v1.0.0\n");
    cases.put("wrong-marks", m + "go 1.17\n\nrequire (\n\texample.com/a v1.0.0 // indirect\n\texample.com/b v1.1.0\n)\n");
    cases.put("layout", m + "go 1.17\nrequire example.com/c   v1.0.0\n");
    if (go121) {
      cases.put("go-raised", m + "go 1.21\n\nrequire example.com/g v1.0.0\n");
      cases.put("toolchain-implied", m + "go 1.21.0\n\ntoolchain go1.21.0\n\nrequire example.com/c v1.0.0\n");
    }
    if (release.equals("1.27")) {
      // go1.27's SetRequireAtMostTwo for a go line of 1.27 or later: every requirement (and each
      // block's comments) moves to the last direct or indirect block
      cases.put("at-most-two", m + "go 1.27\n\n// deps\nrequire (\n\texample.com/a v1.0.0\n"
          + "\texample.com/b v1.0.0 // indirect\n)\n\n// more\nrequire (\n\texample.com/c v1.0.0\n"
          + "\tother.org/d v1.0.0 // indirect\n)\n");
    }
    FakeGoProxy.Builder pb = abcUniverse()
        .module(FakeModule.builder("example.com/a", "v1.1.0")
            .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.1.0\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build());
    if (go121) {
      pb.module(FakeModule.builder("example.com/g", "v1.0.0").goMod("module example.com/g\n\ngo 1.21.0\n")
          .file("g.go", "package g\n").build());
    }
    try (FakeGoProxy proxy = pb.start()) {
      String[][] cmds = {{"list", "-m"}, {"list", "-m", "all"}, {"list", "-m", "-json", "all"}, {"mod", "graph"},
          {"mod", "download"}, {"mod", "download", "-json"}};
      // for -mod=readonly: a go.sum with every line the universe can need
      List<String> all = new java.util.ArrayList<>(List.of("example.com/a@v1.0.0", "example.com/a@v1.1.0",
          "example.com/b@v1.0.0", "example.com/b@v1.1.0", "example.com/c@v1.0.0", "other.org/d@v1.0.0"));
      if (go121) {
        all.add("example.com/g@v1.0.0");
      }
      String fullSum = fullGoSum(goBin, proxy, tmp.resolve("sums"), all);
      int round = 0;
      assertTrue(cases.keySet().containsAll(UNTIDY_SAME_ON_GO121_TO_GO127) || !go121, "skipped cases are cases");
      for (Map.Entry<String, String> c : cases.entrySet()) {
        if (release.equals("1.24") && UNTIDY_SAME_ON_GO121_TO_GO127.contains(c.getKey())) {
          continue;
        }
        Path main = Files.createDirectories(tmp.resolve(c.getKey()));
        Files.writeString(main.resolve("go.mod"), c.getValue());
        Path readonly = Files.createDirectories(tmp.resolve(c.getKey() + "-readonly"));
        Files.writeString(readonly.resolve("go.mod"), c.getValue());
        Files.writeString(readonly.resolve("go.sum"), fullSum);
        for (String[] cmd : cmds) {
          for (boolean modMode : new boolean[] {true, false}) {
            if (cmd[0].equals("mod") && !modMode) {
              continue; // the mod commands run with -mod=mod
            }
            round++;
            Path theirs = copyTree(modMode ? main : readonly, tmp.resolve("theirs" + round));
            Path ours = copyTree(modMode ? main : readonly, tmp.resolve("ours" + round));
            String what = "go" + release + " " + c.getKey() + (modMode ? " -mod=mod: " : ": ")
                + String.join(" ", cmd);
            sideBySide(goBin, goVersion, proxy, tmp.resolve("round" + round), theirs, ours,
                modMode ? "-modcacherw -mod=mod" : "-modcacherw", cmd);
            assertSameFiles(theirs, ours, what, "go.sum");
            assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(ours.resolve("go.mod")),
                what + ": go.mod");
          }
        }
      }
    }
  }

  /**
   * The cases of {@link #untidyGoModRewrittenAsGo} go1.24 skips: go1.21, go1.24 and go1.27 print and
   * write the same in each of their runs (recorded 2026-12-07).
   */
  private static final java.util.Set<String> UNTIDY_SAME_ON_GO121_TO_GO127 = java.util.Set.of("raised",
      "unpruned-implied", "unpruned-direct", "duplicate-versions", "duplicate-unpruned", "excluded", "excluded-only",
      "self", "toolchain-implied");

  /**
   * The go.sum lines (zip and go.mod) of each {@code path@version}, as {@code go mod download -json}
   * outside a module reports them through {@code proxy} (verified by its checksum database).
   */
  private static String fullGoSum(Path goBin, FakeGoProxy proxy, Path work, List<String> modules)
      throws java.io.IOException {
    Path outside = Files.createDirectories(work.resolve("outside"));
    Map<String, String> env = GoTool.hermeticEnv(work);
    env.putAll(proxy.environment());
    List<String> lines = new java.util.ArrayList<>();
    for (String mv : modules) {
      GoTool.Result r = GoTool.exec(outside, env, 180, null, goBin.toString(), "mod", "download", "-json", mv);
      assertEquals(0, r.exitCode(), mv + ": " + r.stderr());
      java.util.regex.Matcher sum = java.util.regex.Pattern.compile("\"Sum\": \"([^\"]+)\"").matcher(r.stdout());
      java.util.regex.Matcher mod = java.util.regex.Pattern.compile("\"GoModSum\": \"([^\"]+)\"").matcher(r.stdout());
      assertTrue(sum.find() && mod.find(), mv + ": " + r.stdout());
      String[] pv = mv.split("@");
      lines.add(pv[0] + " " + pv[1] + " " + sum.group(1));
      lines.add(pv[0] + " " + pv[1] + "/go.mod " + mod.group(1));
    }
    java.util.Collections.sort(lines);
    return String.join("\n", lines) + "\n";
  }

  /**
   * Seeded random untidy edits of a go.mod (requirements lowered, duplicated, marked or unmarked
   * indirect, excluded, the main module required, lines moved between blocks) under
   * {@code -mod=mod}: {@code list -m} and {@code list -m all} by go and by goproxy, each on its own
   * copy with its own module cache, must print the same and leave go.mod and go.sum as go does.
   * go1.19 and go1.27, a few go.mod files per seed (the seed is in the test name).
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.19, 20261206", "1.27, 20261206", "1.27, 7"})
  @MethodSource("io.github.goproxy4j.testing.SeedSweep#releasesAndSeeds")
  void randomUntidyGoModAsGo(String release, long seed, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    System.out.println("randomUntidyGoModAsGo go" + release + " seed=" + seed);
    java.util.Random rnd = new java.util.Random(seed);
    FakeGoProxy.Builder pb = abcUniverse()
        .module(FakeModule.builder("example.com/a", "v1.1.0")
            .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.1.0\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build());
    String[][] lines = {{"example.com/a", "v1.0.0", "v1.1.0"}, {"example.com/b", "v1.0.0", "v1.1.0"},
        {"example.com/c", "v1.0.0"}, {"other.org/d", "v1.0.0"}, {"example.com/main", "v1.0.0"}};
    try (FakeGoProxy proxy = pb.start()) {
      for (int file = 0; file < 4; file++) {
        String go = rnd.nextBoolean() ? "1.17" : rnd.nextBoolean() ? "1.16" : "1.18";
        StringBuilder mod = new StringBuilder("module example.com/main\n\ngo " + go + "\n");
        List<String> excludes = new java.util.ArrayList<>();
        int blocks = 1 + rnd.nextInt(2);
        for (int b = 0; b < blocks; b++) {
          mod.append("\nrequire (\n");
          for (String[] l : lines) {
            if (rnd.nextInt(3) == 0 || l[0].equals("example.com/main") && rnd.nextInt(3) != 0) {
              continue;
            }
            String v = l[1 + rnd.nextInt(l.length - 1)];
            mod.append('\t').append(l[0]).append(' ').append(v).append(rnd.nextBoolean() ? " // indirect" : "")
                .append('\n');
            if (rnd.nextInt(8) == 0 && !l[0].equals("example.com/main")) {
              excludes.add(l[0] + " " + v);
            }
          }
          mod.append(")\n");
        }
        for (String x : excludes) {
          mod.append("\nexclude ").append(x).append('\n');
        }
        Path main = Files.createDirectories(tmp.resolve("main" + file));
        Files.writeString(main.resolve("go.mod"), mod.toString());
        for (String[] cmd : new String[][] {{"list", "-m"}, {"list", "-m", "all"}}) {
          String id = file + String.join("", cmd).replace("-", "");
          Path theirs = copyTree(main, tmp.resolve("theirs" + id));
          Path ours = copyTree(main, tmp.resolve("ours" + id));
          String what = "go" + release + " seed=" + seed + " go.mod:\n" + mod + "\n" + String.join(" ", cmd);
          sideBySide(goBin, goVersion, proxy, tmp.resolve("round" + id), theirs, ours, "-modcacherw -mod=mod", cmd);
          assertSameFiles(theirs, ours, what, "go.sum");
          assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(ours.resolve("go.mod")),
              what + ": go.mod");
        }
      }
    }
  }

  // ---- go's -C flag (chdirflag)

  /** A -C round's tree: the tidy module as main, a file, and a symbolic link to main. */
  private static Path chdirTree(Path template, Path root) throws java.io.IOException {
    copyTree(template, root.resolve("main"));
    Files.writeString(root.resolve("afile"), "not a directory\n");
    Files.createSymbolicLink(root.resolve("link"), Path.of("main"));
    return root;
  }

  /**
   * go's flag package ends a command's flags at its first argument: what follows, a flag's
   * look-alike, {@code --} or {@code -C} included, is an argument ({@code go list -m all -json}:
   * {@code module -json: not a known dependency}; {@code list -m -e all -json} lists it as an
   * error). goproxy's own {@code --go-version}, which this test's commands end with, is taken
   * anywhere. In a tidy module (one module cache, go's run first): exit status, stdout and
   * stderr, go1.19 and go1.27 (go1.21 printed what both print in each of its 16 runs, compared
   * release by release 2026-12-07).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void flagsEndAtTheFirstArgumentAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      TidyMain t = tidyMain(goBin, tmp, proxy, "example.com/a v1.0.0");
      List<List<String>> cases = List.of(
          List.of("list", "-m", "all", "-json"),
          List.of("list", "-m", "-json", "all", "-u"),
          List.of("list", "-m", "-e", "all", "-json"),
          List.of("list", "-m", "example.com/b", "-versions"),
          List.of("list", "-m", "all", "-mod=mod"),
          List.of("list", "-m", "all", "-C", "sub"),
          List.of("list", "-m", "all", "--", "-u"),
          List.of("list", "-m", "--", "-json"),
          List.of("list", "-m", "all", "-", "-u"),
          List.of("list", "-m", "all", "-h"),
          List.of("list", "-m", "-u", "example.com/b", "-e"),
          List.of("mod", "download", "example.com/b@v1.0.0", "-json"),
          List.of("mod", "download", "example.com/c@v1.0.0", "-x", "-json"),
          List.of("mod", "graph", "x", "-json"),
          List.of("mod", "verify", "x", "-json"));
      for (List<String> c : cases) {
        assertSameAsGo(release, goBin, t.main(), t.goEnv(), t.ours(), c.toArray(new String[0]));
      }
    }
  }

  /**
   * {@code mod graph -go=version} as go prints it: below 1.17 the graph of a pruned main module
   * unpruned (a dependency's dependencies' requirements appear), the main module's requirements
   * as go.mod states them where plain {@code mod graph} updates a root to the version selected,
   * the flag's refusals ({@code expecting a Go version like ...}, {@code maximum supported Go
   * version is ...}, a missing value) with go's usage, GOFLAGS's {@code -go}, and from go1.21 a
   * main module at go 1.21 refusing an older version. Each release runs as itself
   * ({@code --go-version} its full version); exit status, stdout and stderr.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void modGraphGoFlagAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String full = versionOf(goBin);
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    for (String[] m : new String[][] {
        {"example.com/x", "v1.0.0", "require example.com/y v1.0.0\n"},
        {"example.com/y", "v1.0.0", "require example.com/z v1.1.0\n"},
        {"example.com/z", "v1.0.0", ""}, {"example.com/z", "v1.1.0", ""},
        {"example.com/u", "v1.0.0", "require example.com/w v1.1.0\n"},
        {"example.com/w", "v1.0.0", ""}, {"example.com/w", "v1.1.0", ""}}) {
      String name = m[0].substring(m[0].lastIndexOf('/') + 1);
      pb.module(FakeModule.builder(m[0], m[1]).goMod("module " + m[0] + "\n\ngo 1.17\n\n" + m[2])
          .file(name + ".go", "package " + name + "\n").build());
    }
    try (FakeGoProxy proxy = pb.start()) {
      TidyMain t = tidyMain(goBin, tmp, proxy, "example.com/x v1.0.0", "example.com/u v1.0.0");
      // w below the version u requires: plain mod graph prints the root raised, -go as written
      Path untidy = Files.createDirectories(tmp.resolve("untidy"));
      Files.writeString(untidy.resolve("go.mod"), Files.readString(t.main().resolve("go.mod"))
          .replace("require (", "require (\n\texample.com/w v1.0.0 // indirect"));
      Files.copy(t.main().resolve("go.sum"), untidy.resolve("go.sum"));
      Path go121 = Files.createDirectories(tmp.resolve("go121"));
      Files.writeString(go121.resolve("go.mod"), Files.readString(t.main().resolve("go.mod"))
          .replace("go 1.17", "go 1.21"));
      Files.copy(t.main().resolve("go.sum"), go121.resolve("go.sum"));
      List<String[]> cases = new java.util.ArrayList<>();
      for (Path dir : List.of(t.main(), untidy, go121)) {
        for (String flag : List.of("", "-go=1.16", "-go=1.17", "-go=1.20", "-go=1.21")) {
          cases.add(new String[] {dir.toString(), "", flag});
        }
      }
      for (String bad : List.of("-go=x", "-go=1.21.3", "-go=1.99", "-go=", "-go")) {
        cases.add(new String[] {t.main().toString(), "", bad});
      }
      cases.add(new String[] {t.main().toString(), "-go=1.16", ""});
      cases.add(new String[] {t.main().toString(), "-go=1.16", "-go=1.17"});
      cases.add(new String[] {t.main().toString(), "-go=x", ""});
      Map<String, String> goOut = new HashMap<>();
      for (String[] c : cases) {
        Path dir = Path.of(c[0]);
        List<String> cmd = new java.util.ArrayList<>(List.of("mod", "graph"));
        if (!c[2].isEmpty()) {
          cmd.add(c[2]);
        }
        Map<String, String> goEnv = new HashMap<>(t.goEnv());
        goEnv.put("GOFLAGS", ("-modcacherw " + c[1]).strip());
        Map<String, String> ours = new HashMap<>(t.ours());
        ours.put("GOFLAGS", goEnv.get("GOFLAGS"));
        // --go-version before the command: after it, a last bare -go would take it as its value
        Run r = assertSameAsGoReleaseFirst(full, goBin, dir, goEnv, ours,
            "go" + full + " in " + dir.getFileName() + " (GOFLAGS=" + goEnv.get("GOFLAGS") + ")", cmd.toArray(new String[0]));
        goOut.put(dir.getFileName() + " " + c[1] + " " + c[2], r.out());
      }
      // the cases tell the rules apart: -go=1.16 unprunes, -go keeps a root plain mod graph raises
      assertNotEquals(goOut.get("main  "), goOut.get("main  -go=1.16"), "go: -go=1.16 unpruned");
      assertNotEquals(goOut.get("untidy  "), goOut.get("untidy  -go=1.17"), "go: -go=1.17 keeps w v1.0.0");
    }
  }

  /**
   * {@code mod graph -go=version} where goproxy follows the release without its patch
   * ({@code --go-version 1.27}, as by default): the values go1.27.x takes ({@code 1.27},
   * {@code 1.27.0}, {@code 1.27rc1}; on go1.21 its own) taken, a newer language version refused;
   * go's messages name its full release ({@code 1.27.3}), goproxy's the release as given
   * ({@code 1.27}), and otherwise go's output byte for byte (exit status, stdout, stderr; on the
   * command line and in GOFLAGS). With the full release given ({@code --go-version 1.27.3}) go's
   * output exactly. A module without requirements, offline; go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.21", "1.27"})
  void modGraphGoFlagWithLanguageReleaseAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String full = versionOf(goBin);
    assertNotEquals(release, full, "go names a patch release");
    Path main = Files.createDirectories(tmp.resolve("m"));
    Files.writeString(main.resolve("go.mod"), "module example.com/m\n\ngo 1.17\n");
    String next = "1." + (Integer.parseInt(release.substring(2)) + 1);
    List<String> values = List.of("x", release, release + ".0", release + "rc1", release + ".1", next, next + "rc1",
        next + ".0", "1.99", "1.17");
    int n = 0;
    for (String v : values) {
      for (boolean inGoflags : List.of(false, true)) {
        Map<String, String> vars = new HashMap<>();
        List<String> cmd = new java.util.ArrayList<>(List.of("mod", "graph"));
        if (inGoflags) {
          vars.put("GOFLAGS", "-modcacherw -go=" + v);
        } else {
          cmd.add("-go=" + v);
        }
        Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("go-home"));
        goEnv.put("GOPROXY", "off");
        goEnv.putAll(vars);
        Run theirs = go(goBin, main, goEnv, cmd.toArray(new String[0]));
        for (String given : List.of(release, full)) {
          Map<String, String> ours = new HashMap<>(vars);
          ours.put("GOENV", "off");
          ours.put("GOPROXY", "off");
          ours.put("GOPATH", goEnv.get("GOPATH"));
          ours.put("PWD", main.toString());
          List<String> argv = new java.util.ArrayList<>(List.of("--go-version", given));
          argv.addAll(cmd);
          Run want = new Run(theirs.status(), theirs.out().replace(full, given), theirs.err().replace(full, given));
          assertEquals(want, goproxy(ours, argv.toArray(new String[0])),
              "go" + full + " (goproxy --go-version " + given + ") " + String.join(" ", cmd) + " " + vars);
        }
        n += theirs.status() == 0 ? 1 : 0;
      }
    }
    assertTrue(n > 0 && n < values.size() * 2, "go takes some values and refuses others");
  }

  /**
   * go list's {@code -p n}: its value parsed as go's flag package parses an int (strconv.ParseInt,
   * base 0: {@code 0x10}, {@code 1_0}; {@code parse error}, {@code value out of range} with go's
   * usage, exit status 2), then BuildInit's {@code -p must be a positive integer} (exit status 1),
   * on the command line and in GOFLAGS (the command line's wins), in module mode, with modules
   * off (after BuildInit's -mod refusal, before list's GOPATH-mode refusal) and under
   * GO111MODULE=auto. In a tidy module: exit status, stdout, stderr. After modload.Init's
   * refusals, as BuildInit checks it: {@code -modfile} without {@code .mod} in the module;
   * outside any module {@code -modfile} (GO111MODULE on and auto: Init's refusal), {@code -mod=mod}
   * (under auto: GOPATH mode's refusal), a {@code -f} template that does not parse (parsed after
   * BuildInit); go1.19, go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void parallelismFlagAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      TidyMain t = tidyMain(goBin, tmp, proxy, "example.com/a v1.0.0");
      // {GO111MODULE, GOFLAGS beyond -modcacherw, list's flags...}
      String[][] cases = {
          {"", "", "-p", "4"}, {"", "", "-p=0x10"}, {"", "", "-p=1_0"}, {"", "", "-p=0"}, {"", "", "-p=-1"},
          {"", "", "-p=x"}, {"", "", "-p", "99999999999999999999"}, {"", "", "-p=0", "-p=2"}, {"", "", "-p=2", "-p=0"},
          {"", "-p=0", ""}, {"", "-p=x", ""}, {"", "-p=0", "-p=3"}, {"", "-p=3", "-p=0"}, {"", "", "-p=0", "-mod=x"},
          {"off", "", "-p=0"}, {"off", "", "-p=0", "-mod=mod"}, {"off", "-p=0", ""}, {"auto", "", "-p=0"},
          {"", "", "-p=0", "-modfile=x"}, {"", "-modfile=x", "-p=0"}, {"auto", "", "-p=0", "-modfile=x"},
          {"outside", "", "-p=0", "-modfile=x.mod"}, {"outside", "-modfile=x", "-p=0"},
          {"auto outside", "", "-p=0", "-modfile=x.mod"}, {"auto outside", "", "-p=0", "-mod=mod"},
          {"outside", "", "-p=0", "-f={{.Path"}, {"outside", "", "-p=0", "-mod=x"}};
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      for (String[] c : cases) {
        Map<String, String> goEnv = new HashMap<>(t.goEnv());
        Map<String, String> ours = new HashMap<>(t.ours());
        goEnv.put("GOFLAGS", ("-modcacherw " + c[1]).strip());
        ours.put("GOFLAGS", goEnv.get("GOFLAGS"));
        String go111 = c[0].replace("outside", "").strip();
        if (!go111.isEmpty()) {
          goEnv.put("GO111MODULE", go111);
          ours.put("GO111MODULE", go111);
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("list", "-m"));
        for (String f : java.util.Arrays.copyOfRange(c, 2, c.length)) {
          if (!f.isEmpty()) {
            cmd.add(f);
          }
        }
        cmd.add("all");
        assertSameAsGo(release, goBin, c[0].contains("outside") ? outside : t.main(), goEnv, ours,
            cmd.toArray(new String[0]));
      }
    }
  }

  /**
   * go's {@code -x}, which traces each HTTP GET of its web package on standard error
   * ({@code # get URL}, then {@code # get URL: 200 OK (0.001s)} or {@code # get URL: <error>}),
   * as go1.19, go1.21 and go1.27 print it (goproxy with {@code --go-version}): mod download of one
   * module with an empty module cache and checksum-database state (the proxy's .info, .mod and
   * .zip, the checksum database's supported, lookup and tile requests through the proxy), the same
   * again with the cache warm (no request), a version the proxy lacks (404), two modules at once;
   * list -m of a query; in a tidy main module mod graph (go1.19 has no {@code -x}: its usage, exit
   * 2), list -m all and mod download; GOFLAGS's {@code -x} (mod verify lacks the flag and traces
   * nothing, as go1.19's mod graph), {@code -x=false} and the last
   * value winning, a value that is not a bool; list -m -versions and -retracted; a proxy URL with
   * a password over http (go's {@code insecure credentials}, the password as {@code xxxxx}), a
   * refused connection (go's error), a proxy that redirects each request (the URL asked for). Each
   * case runs with a fresh GOPATH on each side: exit status and stdout equal (each side's GOPATH
   * written {@code $GOPATH}), stderr equal once the elapsed seconds are {@code (Xs)}; where go
   * fetches modules in parallel (more than one module) as sorted lines.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void xFlagTracesRequestsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      TidyMain t = tidyMain(goBin, tmp, proxy, "example.com/a v1.0.0");
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      int[] n = {0};
      TraceCase one = (dir, goflags, gopaths, sorted, cmd) -> {
        Path[] g = gopaths != null ? gopaths
            : new Path[] {tmp.resolve("theirs-" + n[0]), tmp.resolve("ours-" + n[0]++)};
        Map<String, String> goEnv = new HashMap<>(t.goEnv());
        Map<String, String> ours = new HashMap<>(t.ours());
        goEnv.put("GOPATH", g[0].toString());
        ours.put("GOPATH", g[1].toString());
        goEnv.put("GOFLAGS", goflags);
        ours.put("GOFLAGS", goflags);
        String what = "go" + release + " " + String.join(" ", cmd) + " (GOFLAGS=" + goflags + ")";
        GoTool.Result r = GoTool.exec(dir, goEnv, 180, null, prepend(goBin.toString(), cmd));
        List<String> argv = new java.util.ArrayList<>(List.of(cmd));
        argv.addAll(List.of("--go-version", release));
        ours.put("PWD", dir.toString());
        Run mine = goproxy(ours, argv.toArray(new String[0]));
        assertEquals(r.exitCode(), mine.status(), what + "\n" + r.stderr() + "\n---\n" + mine.err());
        assertEquals(r.stdout().replace(g[0].toString(), "$GOPATH"), mine.out().replace(g[1].toString(), "$GOPATH"), what);
        assertEquals(traceLines(r.stderr().replace(g[0].toString(), "$GOPATH"), sorted),
            traceLines(mine.err().replace(g[1].toString(), "$GOPATH"), sorted), what);
        return g;
      };
      String rw = "-modcacherw";
      Path[] warm = one.run(outside, rw, null, false, "mod", "download", "-x", "example.com/c@v1.0.0");
      one.run(outside, rw, warm, false, "mod", "download", "-x", "example.com/c@v1.0.0");
      one.run(outside, rw, warm, false, "mod", "download", "-x", "example.com/nosuch@v1.0.0");
      one.run(outside, rw, null, false, "mod", "download", "-x", "example.com/nosuch@v1.0.0");
      one.run(outside, rw, null, true, "mod", "download", "-x", "example.com/a@v1.0.0", "example.com/b@v1.1.0");
      one.run(outside, rw, null, false, "list", "-m", "-x", "example.com/b@latest");
      one.run(t.main(), rw, null, true, "mod", "graph", "-x");
      one.run(t.main(), rw, null, true, "list", "-m", "-x", "all");
      one.run(t.main(), rw, null, true, "mod", "download", "-x");
      one.run(outside, rw + " -x", null, false, "mod", "download", "example.com/c@v1.0.0");
      one.run(outside, rw + " -x", null, false, "mod", "download", "-x=false", "example.com/c@v1.0.0");
      one.run(outside, rw + " -x=false", null, false, "mod", "download", "-x", "-x=0", "-x=t", "example.com/c@v1.0.0");
      one.run(t.main(), rw + " -x", null, true, "mod", "graph");
      one.run(t.main(), rw + " -x", null, true, "mod", "verify");
      one.run(t.main(), rw + " -x", null, true, "list", "-m", "all");
      one.run(outside, rw, null, false, "mod", "download", "-x=maybe", "example.com/c@v1.0.0");
      one.run(outside, rw + " -x=maybe", null, false, "mod", "download", "example.com/c@v1.0.0");
      one.run(outside, rw, null, false, "list", "-m", "-versions", "-x", "example.com/b");
      one.run(outside, rw, null, false, "list", "-m", "-retracted", "-x", "example.com/b@v1.0.0");
      // a password in a proxy URL over http: go refuses to send it and traces why, the password
      // masked; a proxy that refuses connections: the error traced
      String goproxy = proxy.environment().get("GOPROXY");
      int port;
      try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = closed.getLocalPort();
      }
      // and a proxy that redirects every request to the fake one: go traces the URL it asked for, once
      try (java.net.ServerSocket redirector = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
        Thread th = new Thread(() -> redirectEach(redirector, goproxy.replaceAll("/+$", "")));
        th.setDaemon(true);
        th.start();
        for (String p : List.of(goproxy.replace("http://", "http://user:secret@"), "http://127.0.0.1:" + port,
            "http://127.0.0.1:" + redirector.getLocalPort())) {
          t.goEnv().put("GOPROXY", p);
          t.ours().put("GOPROXY", p);
          one.run(outside, rw, null, false, "mod", "download", "-x", "example.com/c@v1.0.0");
        }
      } finally {
        t.goEnv().put("GOPROXY", goproxy);
        t.ours().put("GOPROXY", goproxy);
      }
    }
  }

  /**
   * go's cachingRepo: each module on each proxy is asked for its {@code @v/list} (per query prefix),
   * an {@code .info}, {@code @latest} and a {@code .mod} at most once in a run, a failure as well as
   * an answer, and goproxy asks the same: the multiset of go's {@code -x} request lines ({@code # get
   * URL} and {@code # get URL: 200 OK}, timings dropped, sorted), with exit status and stdout, equal
   * to go1.19's (list only: its mod download has no {@code -x}), go1.21's and go1.27's for list -m -u
   * (text, -json, -retracted), -versions, -retracted -versions of one module, queries of one module
   * at latest, upgrade and a prefix, two queries failing on one list (a module the proxy lacks; -u's
   * update query and retraction check failing on it: go remembers the 404), a
   * module with no tagged version (its {@code @latest}, no {@code .info} after it), and mod download
   * of queries outside and inside a module (one list per prefix: {@code v1} and {@code v1.0} each
   * ask again, as go's cache is per prefix), a retracted and deprecated module required, and a
   * module whose list has times (go asks the {@code .info} of the newest at the first list, and
   * again through its cache when a query picks it). Each command with a fresh GOPATH on each side.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void requestsOncePerCommandAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String pseudo = "v0.0.0-20190101000000-abcdefabcdef";
    FakeGoProxy.Builder universe = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.0.0\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build())
        .module(FakeModule.builder("example.com/a", "v1.1.0")
            .goMod("module example.com/a\n\ngo 1.17\n\nrequire example.com/b v1.1.0\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build());
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0-pre")) {
      universe.module(FakeModule.builder("example.com/b", v).goMod("module example.com/b\n\ngo 1.16\n")
          .file("b.go", "package b\n").build());
    }
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
      universe.module(FakeModule.builder("example.com/r", v).goMod("// Deprecated: use example.com/b\nmodule example.com/r\n\ngo 1.16\n"
          + (v.equals("v1.2.0") ? "\nretract v1.1.0 // broken\n" : "")).file("r.go", "package r\n").build());
    }
    universe.module(FakeModule.builder("example.com/p", pseudo).goMod("module example.com/p\n\ngo 1.16\n")
        .file("p.go", "package p\n").build());
    // a list with times: go's proxyRepo works out the latest version by time at its first
    // Versions and asks its .info then (not through the cache), used if @latest is missing
    for (String v : List.of("v1.0.0", "v1.1.0")) {
      universe.module(FakeModule.builder("example.com/q", v).goMod("module example.com/q\n\ngo 1.16\n")
          .file("q.go", "package q\n").build());
    }
    universe.fault(Fault.status(200, "v1.0.0 2019-01-01T00:00:00Z\nv1.1.0 2019-02-01T00:00:00Z\n")
        .forPath("/example.com/q/@v/list"));
    try (FakeGoProxy proxy = universe.start()) {
      TidyMain t = tidyMain(goBin, tmp, proxy, "example.com/a v1.0.0", "example.com/r v1.1.0",
          "example.com/p " + pseudo);
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      List<List<String>> cases = new java.util.ArrayList<>(List.of(
          List.of("main", "list", "-m", "-u", "-x", "all"),
          List.of("main", "list", "-m", "-u", "-json", "-x", "all"),
          List.of("main", "list", "-m", "-u", "-retracted", "-x", "all"),
          List.of("main", "list", "-m", "-versions", "-x", "all"),
          List.of("main", "list", "-m", "-retracted", "-versions", "-x", "example.com/r"),
          List.of("main", "list", "-m", "-x", "example.com/b@latest", "example.com/b@upgrade", "example.com/r@v1.0"),
          List.of("outside", "list", "-m", "-x", "example.com/r@latest", "example.com/r@upgrade", "example.com/r@v1.1.0"),
          List.of("outside", "list", "-m", "-e", "-x", "example.com/nosuch@latest", "example.com/nosuch@>v0.1"),
          List.of("outside", "list", "-m", "-u", "-e", "-x", "example.com/nosuch@v1.0.0"),
          List.of("outside", "list", "-m", "-u", "-e", "-x", "example.com/nosuch@v1"),
          List.of("outside", "list", "-m", "-u", "-x", "example.com/p@latest", "example.com/p@" + pseudo),
          List.of("outside", "list", "-m", "-x", "example.com/q@latest", "example.com/q@v1.0"),
          List.of("outside", "list", "-m", "-versions", "-x", "example.com/q")));
      if (!release.equals("1.19")) { // go1.19's mod download has no -x
        cases.add(List.of("outside", "mod", "download", "-x", "example.com/b@latest", "example.com/r@v1.0",
            "example.com/r@v1", "example.com/p@latest", "example.com/a@upgrade", "example.com/r@v1.1.0",
            "example.com/q@latest"));
        cases.add(List.of("outside", "mod", "download", "-json", "-x", "example.com/nosuch@latest", "example.com/nosuch@v1",
            "example.com/nosuch@<v2"));
        cases.add(List.of("main", "mod", "download", "-x", "example.com/r@latest", "example.com/b@v1"));
      }
      int n = 0;
      List<String> differ = new java.util.ArrayList<>();
      for (List<String> c : cases) {
        n++;
        Path dir = c.get(0).equals("main") ? t.main() : outside;
        String[] cmd = c.subList(1, c.size()).toArray(new String[0]);
        Map<String, String> goEnv = new HashMap<>(t.goEnv());
        Map<String, String> ours = new HashMap<>(t.ours());
        Path theirs = tmp.resolve("theirs-" + n);
        Path mine = tmp.resolve("ours-" + n);
        goEnv.put("GOPATH", theirs.toString());
        ours.put("GOPATH", mine.toString());
        goEnv.put("GOFLAGS", "-modcacherw");
        ours.put("GOFLAGS", "-modcacherw");
        ours.put("PWD", dir.toString());
        Path goSum = t.main().resolve("go.sum");
        Path goMod = t.main().resolve("go.mod");
        byte[] sum = Files.readAllBytes(goSum);
        byte[] mod = Files.readAllBytes(goMod);
        GoTool.Result r = GoTool.exec(dir, goEnv, 180, null, prepend(goBin.toString(), cmd));
        Files.write(goSum, sum);
        Files.write(goMod, mod);
        List<String> argv = new java.util.ArrayList<>(List.of(cmd));
        argv.addAll(List.of("--go-version", release));
        Run o = goproxy(ours, argv.toArray(new String[0]));
        Files.write(goSum, sum);
        Files.write(goMod, mod);
        String what = "go" + release + " in " + c.get(0) + ": " + String.join(" ", cmd);
        List<String> theirLines = requestLines(r.stderr());
        List<String> ourLines = requestLines(o.err());
        if (r.exitCode() != o.status()) {
          differ.add(what + ": exit " + r.exitCode() + " vs " + o.status() + "\n" + r.stderr() + "\n---\n" + o.err());
        } else if (!r.stdout().replace(theirs.toString(), "$GOPATH").equals(o.out().replace(mine.toString(), "$GOPATH"))) {
          differ.add(what + ": stdout\n" + r.stdout() + "\n---\n" + o.out());
        } else if (!theirLines.equals(ourLines)) {
          differ.add(what + ": go's requests not made " + multisetMinus(theirLines, ourLines)
              + ", made beyond go's " + multisetMinus(ourLines, theirLines));
        }
      }
      assertEquals(List.of(), differ, differ.size() + " of " + cases.size() + " differ");
    }
  }

  /** The lines of {@code a} not in {@code b}, as many times as {@code a} has them more often. */
  private static List<String> multisetMinus(List<String> a, List<String> b) {
    List<String> rest = new java.util.ArrayList<>(a);
    b.forEach(rest::remove);
    return rest;
  }

  /** go's {@code -x} request lines of standard error ({@code # get URL}, {@code # get URL: status}), timings dropped, sorted. */
  private static List<String> requestLines(String stderr) {
    List<String> out = new java.util.ArrayList<>();
    for (String line : stderr.split("\n")) {
      if (line.startsWith("# get ")) {
        out.add(line.replaceAll(" \\(\\d+\\.\\d{3}s\\)$", ""));
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  /** Answers each request on {@code server} with a 302 to the same path under {@code to}, until it is closed. */
  private static void redirectEach(java.net.ServerSocket server, String to) {
    while (!server.isClosed()) {
      try (java.net.Socket s = server.accept()) {
        java.io.BufferedReader in = new java.io.BufferedReader(
            new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        String request = in.readLine();
        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
          // the headers: nothing to do with them
        }
        String path = request == null ? "/" : request.split(" ")[1];
        s.getOutputStream().write(("HTTP/1.1 302 Found\r\nLocation: " + to + path
            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      } catch (java.io.IOException e) {
        // closed: the loop ends
      }
    }
  }

  /** One {@link #xFlagTracesRequestsAsGo} case: go and goproxy in {@code dir}; returns the GOPATHs used. */
  private interface TraceCase {
    Path[] run(Path dir, String goflags, Path[] gopaths, boolean sorted, String... cmd) throws Exception;
  }

  /** Standard error with go's {@code -x} timings as {@code (Xs)}, its lines sorted when go fetched in parallel. */
  private static String traceLines(String stderr, boolean sorted) {
    String s = stderr.replaceAll("\\(\\d+\\.\\d{3}s\\)", "(Xs)");
    if (!sorted) {
      return s;
    }
    List<String> lines = new java.util.ArrayList<>(List.of(s.split("\n", -1)));
    java.util.Collections.sort(lines);
    return String.join("\n", lines);
  }

  /**
   * go's {@code -C dir} in the graph commands, as go1.19 (no such flag: {@code flag provided but not
   * defined}, or {@code go mod -C: unknown command}), go1.21 and go1.27 print it (goproxy with
   * {@code --go-version}): the four spellings as the first flag after the command's name, after
   * {@code mod} and before the name (go1.19: its whole usage, exit 2, GOFLAGS not looked at); misplaced,
   * repeated and without a value ({@code -C flag must be first flag on command line}, go's usage,
   * exit 2); a missing directory, a file and an empty name (go's chdir errors, exit 1); a symbolic
   * link and a subdirectory (-json's Dir and GoMod as go's getcwd gives them); GOFLAGS -C (refused
   * with go's usage), GOFLAGS -modfile relative to the -C directory, a bad GOFLAGS reported before
   * a misplaced -C and before mod graph's and mod verify's refusal of arguments; and PWD naming a symbolic link, kept by {@code -C .} and not by {@code -C sub}.
   * Each command runs on a fresh copy of the tree on each side (one module cache): exit status,
   * stdout, stderr, and the files of the tree after.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void chdirFlagAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    try (FakeGoProxy proxy = abcUniverse().start()) {
      Path template = Files.createDirectories(tmp.resolve("template"));
      writeMain(template, "1.17", "example.com/a v1.0.0");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
      goEnv.putAll(proxy.environment());
      tidy(goBin, template, goEnv);
      Files.writeString(template.resolve("alt.mod"),
          Files.readString(template.resolve("go.mod")).replace("module example.com/main", "module example.com/alt"));
      Files.copy(template.resolve("go.sum"), template.resolve("alt.sum"));
      Files.createDirectories(template.resolve("sub"));
      // {directory (relative to the tree), GOFLAGS beyond -modcacherw, arguments...}
      List<List<String>> cases = new java.util.ArrayList<>(List.of(
          List.of(".", "", "list", "-C", "main", "-m"),
          List.of(".", "", "list", "-C=main", "-m", "-json", "all"),
          List.of(".", "", "list", "--C", "main", "-m", "all"),
          List.of(".", "", "list", "--C=main/sub", "-m", "-json"),
          List.of(".", "", "list", "-C", "main", "-m", "-json", "example.com/b@latest"),
          List.of(".", "", "list", "-m", "-C", "main"),
          List.of(".", "", "list", "-m", "-C=main", "all"),
          List.of(".", "", "list", "-m", "-C"),
          List.of(".", "", "list", "-C", "main", "-C", "main", "-m"),
          List.of(".", "", "list", "-C", "nosuch", "-m"),
          List.of(".", "", "list", "-C", "afile", "-m"),
          List.of(".", "", "list", "-C", "afile/x", "-m"),
          List.of(".", "", "list", "-C=", "-m"),
          List.of(".", "", "list", "-C", "link", "-m", "-json"),
          List.of(".", "", "mod", "-C", "main", "graph"),
          List.of(".", "", "mod", "-C=main", "verify"),
          List.of(".", "", "mod", "graph", "-C", "main"),
          List.of(".", "", "mod", "verify", "-C", "main"),
          List.of(".", "", "mod", "download", "-C", "main", "-json"),
          List.of(".", "", "mod", "download", "-json", "-C", "main"),
          List.of("main", "-C=main", "list", "-m"),
          List.of("main", "-C", "mod", "graph"),
          List.of("main", "--C=", "mod", "download"),
          List.of(".", "-C=main", "list", "-C", "main", "-m"),
          List.of(".", "-modfile=alt.mod", "list", "-C", "main", "-m", "-json"),
          List.of(".", "-modfile=alt.mod", "mod", "graph", "-C", "main"),
          List.of(".", "-modfile=main/alt.mod", "list", "-C", "main", "-m"),
          List.of(".", "-modcacherw=bad", "list", "-m", "-C", "main"),
          List.of(".", "-modcacherw=bad", "list", "-C", "main", "-m"),
          List.of("main", "-modcacherw=bad", "mod", "graph", "extra"),
          List.of("main", "-modcacherw=bad", "mod", "verify", "extra"),
          List.of(".", "-modcacherw=bad", "mod", "graph", "-C", "main", "extra"),
          List.of("main", "", "mod", "graph", "extra"),
          List.of("main", "", "mod", "verify", "extra"),
          List.of("link", "", "list", "-C", ".", "-m", "-json"),
          List.of("link", "", "list", "-C", "sub", "-m", "-json"),
          List.of("link", "", "list", "-m", "-json")));
      // go1.19 knows no -C before the command either: its whole usage, exit 2
      cases.add(List.of(".", "", "-C", "main", "list", "-m", "-u", "all"));
      cases.add(List.of(".", "", "-C=main", "mod", "graph"));
      cases.add(List.of(".", "-modcacherw=bad", "--C", "main", "mod", "verify"));
      int round = 0;
      for (List<String> c : cases) {
        round++;
        Path theirs = chdirTree(template, tmp.resolve("theirs" + round));
        Path ours = chdirTree(template, tmp.resolve("ours" + round));
        String goflags = ("-modcacherw " + c.get(1)).strip();
        String[] cmd = c.subList(2, c.size()).toArray(new String[0]);
        Map<String, String> theirEnv = new HashMap<>(goEnv);
        theirEnv.put("GOFLAGS", goflags);
        theirEnv.put("PWD", theirs.resolve(c.get(0)).normalize().toString()); // a link stays a link in PWD
        GoTool.Result r = GoTool.exec(theirs.resolve(c.get(0)), theirEnv, 180, null, prepend(goBin.toString(), cmd));
        Map<String, String> ourEnv = oursBeside(proxy, theirEnv);
        ourEnv.put("PWD", ours.resolve(c.get(0)).normalize().toString());
        List<String> argv = new java.util.ArrayList<>(List.of("--go-version", release));
        argv.addAll(List.of(cmd));
        Run o = goproxy(ourEnv, argv.toArray(new String[0]));
        String what = "go" + release + " in " + c.get(0) + " GOFLAGS=" + goflags + " " + String.join(" ", cmd);
        assertEquals(new Run(r.exitCode(), r.stdout(), r.stderr()),
            new Run(o.status(), o.out().replace(ours.toString(), theirs.toString()),
                o.err().replace(ours.toString(), theirs.toString())), what);
        assertEquals(contents(theirs.resolve("main")), contents(ours.resolve("main")), "files after; " + what);
      }
    }
  }

  /**
   * go changes to {@code -C}'s directory before its toolchain switch (handleChdirFlag runs before
   * toolchain.Select): run from a module at go 1.17 without a toolchain line, {@code -C main}
   * names a module below whose toolchain line asks for go1.24 under GOTOOLCHAIN=auto, so go1.21
   * downloads go1.24 ({@code go: downloading ...}) and answers as it, from main; goproxy does
   * the same. {@code list -m -json all}, {@code mod -C main graph} and a misplaced {@code -C}
   * (refused before any switch: no download), each with a fresh module cache per side.
   */
  @Test
  void chdirBeforeToolchainSwitchAsGo(@TempDir Path tmp) throws Exception {
    Path goBin = goFor("1.21");
    Path go124 = goFor("1.24");
    String target = "go" + versionOf(go124);
    Platform host = Platform.current();
    try (FakeGoProxy proxy = abcUniverse().module(servedToolchain(go124, target, host)).start()) {
      Path template = Files.createDirectories(tmp.resolve("template/main"));
      writeMain(template, "1.17", "example.com/a v1.0.0");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("tidy"));
      goEnv.putAll(proxy.environment());
      tidy(goBin, template, goEnv);
      Files.writeString(template.resolve("go.mod"), Files.readString(template.resolve("go.mod"))
          .replace("go 1.17\n", "go 1.17\n\ntoolchain " + target + "\n"));
      Files.writeString(template.getParent().resolve("go.mod"), "module example.com/outer\n\ngo 1.17\n");
      String[][] cmds = {{"list", "-C", "main", "-m", "-json", "all"}, {"mod", "-C", "main", "graph"},
          {"list", "-m", "-C", "main"}};
      for (int i = 0; i < cmds.length; i++) {
        Path work = tmp.resolve("round" + i);
        Path theirs = copyTree(template.getParent(), work.resolve("theirs"));
        Path ours = copyTree(template.getParent(), work.resolve("ours"));
        Path[] gopaths = sideBySide(goBin, versionOf(goBin), proxy, work, theirs, ours, null,
            Map.of("GOTOOLCHAIN", "auto"), cmds[i]);
        String installed = "golang.org/toolchain@" + GoToolchain.of(target, host).moduleVersion().version();
        assertEquals(i < 2, Files.isRegularFile(gopaths[1].resolve("pkg/mod").resolve(installed).resolve("bin/go")),
            installed + " after " + String.join(" ", cmds[i]));
      }
    }
  }

  // ---- go.sum after go converts a go.mod without a go line (gosumconvert)

  /**
   * A main go.mod without a go line under {@code -mod=mod}, on seeded random universes (modules
   * {@code example.com/m0..} at one to three versions, go lines none, 1.16, 1.17 and 1.21 (two
   * thirds pruned), random requirements, cycles included; the main module requiring a few of
   * them, now and then one replaced by another version, or an excluded version, mostly one it
   * requires): go adds its go line and converts the requirements to a pruned graph whose roots
   * are the old build list. go.sum then keeps what go's keepSums finds in those converted
   * requirements: the go.mod sums of the roots when the command never loads their graph
   * ({@code list -m}, {@code list -m path} of a root, {@code path@version} arguments), else the
   * go.mod sums of the pruned graph go loads from them, which drop a go.mod only the old unpruned
   * graph read. A requirement on an excluded version is no direct one (go.mod, {@code Indirect}),
   * and {@code mod download} lists it as not a known dependency. Each command by go and by
   * goproxy on its own copy (go.sum absent, or a random part of the lines go writes) with its own
   * module cache: stdout, stderr, exit status, go.sum and go.mod must be go's. The seed is in the
   * test name; each release's seeds fail if the converted graph is walked unpruned, if its graph
   * is taken as loaded for every command, if an excluded requirement counts as direct, or if
   * {@code mod download} skips it.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.19, 6", "1.19, 9", "1.19, 12", "1.21, 4", "1.21, 16", "1.27, 2", "1.27, 11", "1.27, 14"})
  @MethodSource("io.github.goproxy4j.testing.SeedSweep#releasesAndSeeds")
  void missingGoLineGoSumAsGo(String release, long seed, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    System.out.println("missingGoLineGoSumAsGo go" + release + " seed=" + seed);
    java.util.Random rnd = new java.util.Random(seed);
    int count = 6 + rnd.nextInt(4);
    List<List<String>> versions = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> vs = new java.util.ArrayList<>(List.of("v1.0.0"));
      for (int minor = 1; minor <= rnd.nextInt(3); minor++) {
        vs.add("v1." + minor + ".0");
      }
      versions.add(vs);
    }
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    // two thirds pruned: a pruned module's requirements stay unread in the converted graph
    String[] goLines = {"", "1.16", "1.17", "1.17", "1.21", "1.21"};
    for (int i = 0; i < count; i++) {
      for (String v : versions.get(i)) {
        String goLine = goLines[rnd.nextInt(goLines.length)];
        StringBuilder mod = new StringBuilder("module example.com/m" + i + "\n");
        if (!goLine.isEmpty()) {
          mod.append("\ngo ").append(goLine).append('\n');
        }
        for (int k = rnd.nextInt(4); k > 0; k--) {
          int j = rnd.nextInt(count);
          if (j != i) {
            List<String> req = versions.get(j);
            mod.append("\nrequire example.com/m").append(j).append(' ').append(req.get(rnd.nextInt(req.size())))
                .append('\n');
          }
        }
        pb.module(FakeModule.builder("example.com/m" + i, v).goMod(mod.toString()).file("m.go", "package m" + i + "\n")
            .build());
      }
    }
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      StringBuilder mod = new StringBuilder("module example.com/main\n\nrequire (\n");
      List<String> required = new java.util.ArrayList<>();
      List<String> requiredAt = new java.util.ArrayList<>(); // "path version"
      for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
        int j = rnd.nextInt(count);
        String path = "example.com/m" + j;
        if (!required.contains(path)) {
          required.add(path);
          List<String> vs = versions.get(j);
          requiredAt.add(path + " " + vs.get(rnd.nextInt(vs.size())));
          mod.append('\t').append(requiredAt.get(requiredAt.size() - 1))
              .append(rnd.nextInt(3) == 0 ? " // indirect" : "").append('\n');
        }
      }
      mod.append(")\n");
      int other = rnd.nextInt(count);
      List<String> otherVersions = versions.get(other);
      if (rnd.nextInt(4) == 0) {
        mod.append("\nreplace example.com/m").append(other).append(" => example.com/m").append(other).append(' ')
            .append(otherVersions.get(rnd.nextInt(otherVersions.size()))).append('\n');
      } else if (rnd.nextInt(3) > 0) {
        // mostly a version the main module requires: go drops that requirement (and does not
        // count it direct)
        String excluded = rnd.nextInt(3) > 0 ? requiredAt.get(rnd.nextInt(requiredAt.size()))
            : "example.com/m" + other + " " + otherVersions.get(rnd.nextInt(otherVersions.size()));
        mod.append("\nexclude ").append(excluded).append('\n');
      }
      Files.writeString(main.resolve("go.mod"), mod.toString());
      Files.writeString(main.resolve("main.go"), "package main\n\nfunc main() {}\n");
      // every line go may write: go's go.sum after downloading all of the (converted) build
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("full"));
      goEnv.putAll(proxy.environment());
      goEnv.put("GOFLAGS", "-mod=mod -modcacherw");
      Path full = copyTree(main, tmp.resolve("full-main"));
      GoTool.Result all = GoTool.exec(full, goEnv, 180, null, goBin.toString(), "mod", "download", "all");
      List<String> lines = Files.exists(full.resolve("go.sum")) ? Files.readAllLines(full.resolve("go.sum")) : List.of();
      String ctx = "go" + release + " seed=" + seed + " go.mod:\n" + mod + "(go mod download all: " + all.exitCode()
          + " " + all.stderr().trim() + ")\n";
      int differ = 0;
      for (int round = 0; round < 8; round++) {
        int j = rnd.nextInt(count);
        String path = "example.com/m" + j;
        String pathAt = path + "@" + versions.get(j).get(rnd.nextInt(versions.get(j).size()));
        int k = rnd.nextInt(count);
        String otherAt = "example.com/m" + k + "@" + versions.get(k).get(rnd.nextInt(versions.get(k).size()));
        String[][] cmds = {{"list", "-m"}, {"list", "-m", "all"}, {"list", "-m", "-json", path},
            {"list", "-m", pathAt}, {"mod", "download"}, {"mod", "download", "-json", pathAt, otherAt},
            {"mod", "download", path}, {"list", "-m", "-json", "all"}};
        String[] cmd = cmds[round];
        List<String> sum = new java.util.ArrayList<>(lines);
        boolean none = rnd.nextBoolean();
        sum.removeIf(l -> rnd.nextInt(3) == 0);
        Path theirs = copyTree(main, tmp.resolve("theirs" + round));
        Path ours = copyTree(main, tmp.resolve("ours" + round));
        if (!none) {
          Files.write(theirs.resolve("go.sum"), sum);
          Files.write(ours.resolve("go.sum"), sum);
        }
        String what = ctx + "go.sum before: " + (none ? "none" : String.join("\n", sum)) + "\n"
            + String.join(" ", cmd);
        sideBySide(goBin, goVersion, proxy, tmp.resolve("round" + round), theirs, ours, "-modcacherw -mod=mod", cmd);
        String theirSum = readIfExists(theirs.resolve("go.sum"));
        assertEquals(theirSum, readIfExists(ours.resolve("go.sum")), what + ": go.sum");
        assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(ours.resolve("go.mod")),
            what + ": go.mod");
        differ += theirSum.equals(none ? "(none)" : String.join("\n", sum) + (sum.isEmpty() ? "" : "\n")) ? 0 : 1;
      }
      System.out.println("missingGoLineGoSumAsGo go" + release + " seed=" + seed + ": go wrote go.sum in " + differ
          + " of 8 commands");
    }
  }

  /**
   * The cases of {@link #nonCanonicalVersionsAsGo} go1.21 skips: each query in them resolves (a
   * prefix, {@code v1}, build metadata, a branch, a commit, {@code latest}, a range and a quoted
   * prefix of example.com/a in require, exclude and replace's old side; {@code v1}, {@code latest}
   * and the range on the replacement's side, which has no v1.2 nor that branch or commit; a
   * requirement on an excluded version), and go1.19, go1.21 and go1.27 print and write the same.
   */
  private static final java.util.Set<String> NONCANON_SAME_ON_EACH_RELEASE = sameOnEachRelease();

  private static java.util.Set<String> sameOnEachRelease() {
    java.util.Set<String> keys = new java.util.HashSet<>(List.of("replace-new1", "replace-new6", "replace-new11",
        "require-excluded"));
    // the forms' indexes: v1.2, v1, v1.2.1+meta, master, abcdefabcdef, latest, <v1.3.0, "v1.2"
    for (int form : new int[] {0, 1, 2, 4, 5, 6, 11, 12}) {
      for (String place : List.of("require", "exclude", "replace-old")) {
        keys.add(place + form);
      }
    }
    return java.util.Set.copyOf(keys);
  }

  /** The pseudo-version a branch ({@code master}) and a commit ({@code abcdefabcdef}) of example.com/a resolve to. */
  private static final String NONCANON_PSEUDO = "v1.3.1-0.20261201000000-abcdefabcdef";

  /**
   * The universe of {@link #nonCanonicalVersionsAsGo}: example.com/a at v1.0.0, v1.2.0, v1.2.1,
   * v1.3.0 (which retracts v1.2.1) and the unlisted pseudo-version {@link #NONCANON_PSEUDO}, which the proxy also answers
   * for the branch {@code master} and the commit {@code abcdefabcdef} (as a proxy resolves a
   * revision's {@code .info}); example.com/r (a replacement) at v1.0.0, v1.1.0 and v1.1.1.
   */
  private static FakeGoProxy.Builder nonCanonicalUniverse() {
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    for (String v : List.of("v1.0.0", "v1.2.0", "v1.2.1", "v1.3.0", NONCANON_PSEUDO)) {
      FakeModule.Builder a = FakeModule.builder("example.com/a", v).goMod("module example.com/a\n\ngo 1.17\n")
          .file("a.go", "package a\n");
      if (v.equals("v1.3.0")) {
        a.retract("v1.2.1", "broken"); // fixVersion's query disallows nothing: v1.2 is still v1.2.1
      }
      pb.module(a.build());
    }
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.1.1")) {
      pb.module(FakeModule.builder("example.com/r", v).goMod("module example.com/r\n\ngo 1.17\n")
          .file("r.go", "package r\n").build());
    }
    String info = "{\"Version\":\"" + NONCANON_PSEUDO + "\",\"Time\":\"2026-12-01T00:00:00Z\"}";
    for (String rev : List.of("master", "abcdefabcdef")) {
      pb.fault(Fault.status(200, info).forModule("example.com/a", rev).on(Endpoint.INFO));
    }
    return pb;
  }

  /**
   * A version in the main go.mod that is not canonical semver, in each place modfile.Parse runs go's
   * fixVersion on (require, exclude, replace's old and new side, and with the module's own path
   * retract bounds): go resolves it with a query (a prefix such as {@code v1.2} or a range to its
   * highest version, a branch or commit to its pseudo-version, build metadata dropped, neither
   * an excluded nor a retracted version passed over) and then, the go.mod being dirty, rewrites go.mod with the versions
   * resolved under {@code -mod=mod} or fails with "updates to go.mod needed" outside it; a query
   * that fails is a go.mod error on the directive's line (a proxy error as the version's, no
   * matching versions alone); a canonical version is only checked against the path's major version
   * (also a replacement's and a retraction's). Also two canonical forms no query sees
   * ({@code +incompatible} on a v1 module, a pseudo-version's prefix) and a module the proxy lacks.
   * go and goproxy each run {@code list -m}, {@code list -m all}, {@code list -m -json all}
   * (with and without {@code -mod=mod}), {@code mod graph} and {@code mod download} on their own
   * copy with their own module cache; output, exit status, go.mod and go.sum must be go's.
   *
   * <p>go1.19 and go1.27 run every case, go1.21 those of them where go1.19, go1.21 and go1.27 do
   * not all print the same (go's outputs, go.mod and go.sum compared release by release,
   * 2026-12-07): a query that fails (go1.21 names the go.mod as {@code go.mod:7:}, go1.19 by its
   * path), {@code +incompatible} and a pseudo-version's prefix (go1.27's {@code list -m -json}
   * adds their {@code Sum}), the missing module and the retractions. In the
   * {@link #NONCANON_SAME_ON_EACH_RELEASE} cases every query resolves, and the three releases print
   * and write the same in each run but for {@code mod graph}'s {@code go@} nodes from go1.21 (which
   * the other cases' graphs and {@link #modGraphGoFlagAsGo} check on go1.21).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void nonCanonicalVersionsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    String m = "module example.com/main\n\ngo 1.17\n\n";
    List<String> forms = List.of("v1.2", "v1", "v1.2.1+meta", "v1.2+incompatible", "master", "abcdefabcdef",
        "latest", "v9.9", "nosuchbranch", "v1.2.1+incompatible", "v1.3.1-0.20261201000000", "<v1.3.0", "\"v1.2\"");
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    for (int i = 0; i < forms.size(); i++) {
      String v = forms.get(i);
      cases.put("require" + i, m + "require example.com/a " + v + "\n");
      cases.put("exclude" + i, m + "require example.com/a v1.0.0\n\nexclude example.com/a " + v + "\n");
      cases.put("replace-old" + i, m + "require example.com/a v1.2.1\n\nreplace example.com/a " + v
          + " => example.com/r v1.0.0\n");
      cases.put("replace-new" + i, m + "require example.com/a v1.2.1\n\nreplace example.com/a => example.com/r "
          + v.replace("example.com/a", "example.com/r") + "\n");
    }
    for (String v : List.of("v1.2", "master")) {
      cases.put("missing-" + v, m + "require example.com/nosuch " + v + "\n");
    }
    for (String v : List.of("v1.2", "master", "v2.0.0", "[v1.0.0, v1.2]")) {
      cases.put("retract-" + v, m + "retract " + v + "\n");
    }
    cases.put("retract-no-module", "go 1.17\n\nretract v1.0.0\n");
    cases.put("require-excluded", m + "require example.com/a v1.2\n\nexclude example.com/a v1.2.1\n");
    assertTrue(cases.keySet().containsAll(NONCANON_SAME_ON_EACH_RELEASE), "skipped cases are cases");
    try (FakeGoProxy proxy = nonCanonicalUniverse().start()) {
      String[][] cmds = {{"list", "-m"}, {"list", "-m", "all"}, {"list", "-m", "-json", "all"}, {"mod", "graph"},
          {"mod", "download"}};
      String fullSum = fullGoSum(goBin, proxy, tmp.resolve("sums"), List.of("example.com/a@v1.0.0",
          "example.com/a@v1.2.0", "example.com/a@v1.2.1", "example.com/a@v1.3.0", "example.com/a@" + NONCANON_PSEUDO,
          "example.com/r@v1.0.0", "example.com/r@v1.1.0", "example.com/r@v1.1.1"));
      int round = 0;
      List<String> differences = new java.util.ArrayList<>();
      for (Map.Entry<String, String> c : cases.entrySet()) {
        if (release.equals("1.21") && NONCANON_SAME_ON_EACH_RELEASE.contains(c.getKey())) {
          continue;
        }
        Path main = Files.createDirectories(tmp.resolve(c.getKey()));
        Files.writeString(main.resolve("go.mod"), c.getValue());
        Path readonly = Files.createDirectories(tmp.resolve(c.getKey() + "-readonly"));
        Files.writeString(readonly.resolve("go.mod"), c.getValue());
        Files.writeString(readonly.resolve("go.sum"), fullSum);
        for (String[] cmd : cmds) {
          for (boolean modMode : new boolean[] {true, false}) {
            if (cmd[0].equals("mod") && !modMode) {
              continue;
            }
            round++;
            Path theirs = copyTree(modMode ? main : readonly, tmp.resolve("theirs" + round));
            Path ours = copyTree(modMode ? main : readonly, tmp.resolve("ours" + round));
            String what = "go" + release + " " + c.getKey() + (modMode ? " -mod=mod: " : ": ") + String.join(" ", cmd);
            try {
              sideBySide(goBin, goVersion, proxy, tmp.resolve("round" + round), theirs, ours,
                  modMode ? "-modcacherw -mod=mod" : "-modcacherw", cmd);
              assertSameFiles(theirs, ours, what, "go.sum");
              assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(ours.resolve("go.mod")),
                  what + ": go.mod");
            } catch (org.opentest4j.AssertionFailedError e) {
              // every go.mod and command compared, then each difference reported with its go.mod
              differences.add(what + "\n  " + c.getValue().replace("\n", "\n  ") + e.getMessage());
            }
          }
        }
      }
      System.out.println("go" + release + ": " + round + " runs compared, " + differences.size() + " differ");
      assertEquals(List.of(), differences, String.join("\n", differences));
    }
  }

  /**
   * In a workspace go reads each module's go.mod with fixVersion too, but never rewrites it nor
   * fails for it being dirty: a query that fails is the go.mod's parse error, an exclude uses the
   * version resolved, and the requirements are the versions resolved from go1.26, while go1.19 to
   * go1.24 read them again without a fixer ({@code v1.2} is v1.2.0, a branch fails the graph load).
   * {@code list -m all}, {@code -json}, {@code mod graph}, {@code mod download}: output, exit status,
   * go.mod and the sum files as go's (go1.19, go1.21, go1.27).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void nonCanonicalVersionsInWorkspaceAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    Map<String, String> goMods = new java.util.LinkedHashMap<>();
    String z = "module example.com/z\n\ngo 1.17\n\n";
    goMods.put("require-prefix", z + "require example.com/a v1.2\n");
    goMods.put("exclude-branch", z + "require example.com/a v1.0.0\n\nexclude example.com/a master\n");
    goMods.put("require-branch", z + "require example.com/a master\n");
    goMods.put("failing", z + "require example.com/a nosuchbranch\n");
    try (FakeGoProxy proxy = nonCanonicalUniverse().start()) {
      String[][] cmds = {{"list", "-m", "all"}, {"list", "-m", "-json", "all"}, {"mod", "graph"}, {"mod", "download"}};
      int round = 0;
      for (Map.Entry<String, String> c : goMods.entrySet()) {
        Path ws = Files.createDirectories(tmp.resolve(c.getKey()));
        Files.createDirectories(ws.resolve("z"));
        Files.writeString(ws.resolve("z/go.mod"), c.getValue());
        Files.writeString(ws.resolve("go.work"), "go 1.18\n\nuse ./z\n");
        for (String[] cmd : cmds) {
          Path work = tmp.resolve("round" + ++round);
          Path theirs = copyTree(ws, work.resolve("theirs"));
          Path ours = copyTree(ws, work.resolve("ours"));
          sideBySide(goBin, versionOf(goBin), proxy, work, theirs.resolve("z"), ours.resolve("z"), null, cmd);
          for (String f : List.of("go.work.sum", "z/go.sum", "z/go.mod")) {
            assertEquals(readIfExists(theirs.resolve(f)), readIfExists(ours.resolve(f)),
                "go" + release + " " + c.getKey() + ": " + String.join(" ", cmd) + ": " + f);
          }
        }
      }
    }
  }

  /**
   * A module whose go.mod declares another path than the one it is fetched by. go's
   * modfetch.Download checks no module line (the proxy protocol cannot tell an explicit go.mod
   * from one the proxy made up); only the module graph does (goModSummary), accepting for a
   * replacement the replaced path too. So {@code mod download path@version} outside a module
   * downloads such a module; inside a module, {@code example.com/a} replaced by
   * {@code example.com/b}, whose go.mod declares {@code example.com/a}, loads and downloads; and a
   * module required by its own path whose go.mod declares another fails the graph with go's text.
   * Output, exit status, go.mod, go.sum and the module cache; go1.19, go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void moduleDeclaringAnotherPathAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/m", "v1.0.0").goMod("module example.com/other\n")
            .file("m.go", "package other\n").build())
        .module(FakeModule.builder("example.com/a", "v1.0.0").goMod("module example.com/a\n\ngo 1.17\n")
            .file("a.go", "package a\n").build())
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/a\n\ngo 1.17\n")
            .file("a.go", "package a\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      int round = 0;
      Path empty = Files.createDirectories(tmp.resolve("empty"));
      String[][] outside = {{"mod", "download", "-json", "example.com/m@v1.0.0"},
          {"mod", "download", "example.com/m@v1.0.0", "example.com/b@v1.0.0"},
          {"list", "-m", "-json", "example.com/m@v1.0.0"}};
      for (String[] cmd : outside) {
        Path[] gopaths = sideBySide(goBin, release, proxy, tmp.resolve("round" + ++round), empty, empty, null, cmd);
        assertEquals(contents(gopaths[0].resolve("pkg/mod")), contents(gopaths[1].resolve("pkg/mod")),
            "go" + release + " " + String.join(" ", cmd) + ": the module cache");
      }
      Map<String, String> mains = new java.util.LinkedHashMap<>();
      mains.put("replaced", "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.0.0\n\n"
          + "replace example.com/a v1.0.0 => example.com/b v1.0.0\n");
      mains.put("replaced-unpruned", "module example.com/main\n\ngo 1.16\n\nrequire example.com/a v1.0.0\n\n"
          + "replace example.com/a => example.com/b v1.0.0\n");
      mains.put("required", "module example.com/main\n\ngo 1.17\n\nrequire example.com/m v1.0.0\n");
      String[][] inside = {{"mod", "download"}, {"mod", "download", "-json"}, {"mod", "download", "-json", "example.com/a"},
          {"mod", "download", "example.com/b@v1.0.0"}, {"mod", "download", "-json", "example.com/m@v1.0.0"},
          {"list", "-m", "all"}, {"mod", "graph"}};
      for (Map.Entry<String, String> m : mains.entrySet()) {
        for (String[] cmd : inside) {
          Path work = tmp.resolve("round" + ++round);
          Path theirs = Files.createDirectories(work.resolve("theirs"));
          Path ours = Files.createDirectories(work.resolve("ours"));
          Files.writeString(theirs.resolve("go.mod"), m.getValue());
          Files.writeString(ours.resolve("go.mod"), m.getValue());
          String what = "go" + release + " " + m.getKey() + ": " + String.join(" ", cmd);
          Path[] gopaths = sideBySide(goBin, release, proxy, work, theirs, ours, "-mod=mod", cmd);
          assertSameFiles(theirs, ours, what, "go.mod", "go.sum");
          assertEquals(contents(gopaths[0].resolve("pkg/mod")), contents(gopaths[1].resolve("pkg/mod")),
              what + ": the module cache");
        }
      }
    }
  }

  /**
   * go list's build flags {@code -mod} and {@code -modfile} on the command line ({@code go list
   * -mod=mod -m all}, as dependency scanners run it), in each form go's flag package takes, alone
   * and against a GOFLAGS value (the command line wins), with go's errors for a bad mode, a
   * missing {@code -modfile} file and a {@code -mod=vendor} without a vendor directory. A main
   * module without go.sum, so that the mode decides: output, exit status, go.mod, go.sum and the
   * {@code -modfile}'s own pair of files. go1.19, go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void listModFlagsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goMod = "module example.com/main\n\ngo 1.17\n\nrequire example.com/c v1.0.0\n";
    String altMod = "module example.com/main\n\ngo 1.17\n\nrequire other.org/d v1.0.0\n";
    String[][] cmds = {{"list", "-m", "-mod=mod", "all"}, {"list", "-mod=mod", "-m", "all"},
        {"list", "-m", "-mod", "mod", "all"}, {"list", "-m", "--mod=mod", "-json", "all"},
        {"list", "-m", "-mod=readonly", "all"}, {"list", "-m", "-mod=bad", "all"}, {"list", "-m", "-mod=", "all"},
        {"list", "-m", "-mod=vendor", "all"}, {"list", "-m", "-modfile=alt.mod", "-mod=mod", "all"},
        {"list", "-m", "-modfile", "alt.mod", "all"}, {"list", "-m", "-modfile=nosuch.mod", "all"},
        {"list", "-m", "-modfile=alt.txt", "all"}};
    String[] goflags = {null, "-mod=readonly", "-mod=mod"};
    try (FakeGoProxy proxy = abcUniverse().start()) {
      int round = 0;
      for (String flags : goflags) {
        for (String[] cmd : cmds) {
          if (flags != null && cmd[2].equals("-mod=")) {
            // not modelled: go's -mod flag stays "explicit" once GOFLAGS set it, so an empty
            // command-line value leaves BuildMod "" with BuildModExplicit (go.sum writes refused
            // as "disabled by -mod=readonly"); goproxy takes the empty value as unset
            continue;
          }
          Path work = tmp.resolve("round" + ++round);
          Path theirs = Files.createDirectories(work.resolve("theirs"));
          Path ours = Files.createDirectories(work.resolve("ours"));
          for (Path d : List.of(theirs, ours)) {
            Files.writeString(d.resolve("go.mod"), goMod);
            Files.writeString(d.resolve("alt.mod"), altMod);
            Files.writeString(d.resolve("alt.txt"), altMod);
          }
          String what = "go" + release + " GOFLAGS=" + flags + " " + String.join(" ", cmd);
          sideBySide(goBin, release, proxy, work, theirs, ours, flags, cmd);
          assertSameFiles(theirs, ours, what, "go.mod", "go.sum", "alt.mod", "alt.sum");
        }
      }
    }
  }

  /**
   * A non-canonical version in go.mod when the query cannot reach a proxy that has the module:
   * GOPROXY=off, a proxy lacking the module and then {@code off} ({@code ,} and {@code |}), a
   * proxy that refuses connections. go's fixVersion error is modfile's: a module error (a proxy's
   * failure) as {@code go.mod:N: require path: text}, but errProxyOff, which is no module error,
   * as it is ({@code go.mod:N: module lookup disabled by GOPROXY=off}); goproxy prefixed it too.
   * {@code list -m all}, {@code list -m -json all} under {@code -mod=mod}, {@code mod download}:
   * output, exit status, go.mod and go.sum as go's (go1.19, go1.21, go1.27).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void nonCanonicalVersionWithoutProxyAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (FakeGoProxy proxy = nonCanonicalUniverse().start()) {
      String url = proxy.environment().get("GOPROXY");
      List<String> goproxies = List.of("off", url + ",off", url + "|off", "off," + url,
          "http://127.0.0.1:" + closedPort, "http://127.0.0.1:" + closedPort + "|off");
      String[][] cmds = {{"list", "-m", "all"}, {"list", "-m", "-json", "all"}, {"mod", "download"}};
      int round = 0;
      List<String> differences = new java.util.ArrayList<>();
      for (String goproxy : goproxies) {
        for (String require : List.of("example.com/a v1.2", "example.com/nosuch v1.2", "example.com/a master")) {
          Path main = Files.createDirectories(tmp.resolve("main" + round));
          Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire " + require + "\n");
          for (String[] cmd : cmds) {
            round++;
            Path theirs = copyTree(main, tmp.resolve("theirs" + round));
            Path ours = copyTree(main, tmp.resolve("ours" + round));
            String what = "go" + release + " GOPROXY=" + goproxy + ", require " + require + ": " + String.join(" ", cmd);
            try {
              sideBySide(goBin, goVersion, proxy, tmp.resolve("round" + round), theirs, ours, "-modcacherw -mod=mod",
                  Map.of("GOPROXY", goproxy), cmd);
              assertSameFiles(theirs, ours, what, "go.sum");
              assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(ours.resolve("go.mod")),
                  what + ": go.mod");
            } catch (org.opentest4j.AssertionFailedError e) {
              differences.add(what + ": " + e.getMessage());
            }
          }
        }
      }
      System.out.println("go" + release + ": " + round + " runs compared, " + differences.size() + " differ");
      assertEquals(List.of(), differences, String.join("\n", differences));
    }
  }

  /**
   * GOPROXY=off with an empty module cache, with go.mod files only (a graph load filled it), and
   * with the whole module (a download filled it), inside a module and outside one. go's {@code off}
   * entry is a cachingRepo like any other: a canonical version's .info and .mod in the cache are
   * answered (goproxy's walk skipped {@code off} without asking the cache, so {@code list -m
   * path@v1.2.0} and {@code mod download path@v1.2.0} failed offline with everything cached); what
   * still needs the network (a listed module's missing .info, {@code -u}'s and {@code -versions}'
   * lists, a zip) fails with go's errProxyOff, which go reports as it is, not as a module error
   * ({@code module lookup disabled by GOPROXY=off}, where goproxy said
   * {@code example.com/a@v1.2.0: ...} or {@code module example.com/main: ...}), while the graph's own
   * failures keep the module. Output, exit status, go.mod and go.sum as go's (go1.19, go1.21, go1.27).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void goproxyOffAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    String[][] inModule = {{"list", "-m", "all"}, {"list", "-m", "-u", "all"}, {"list", "-m", "-versions", "all"},
        {"list", "-m", "-e", "-json", "-u", "all"}, {"list", "-m", "-e", "-json", "-versions", "all"},
        {"list", "-m", "example.com/a@v1.2.0"}, {"mod", "download"}, {"mod", "download", "-json"},
        {"mod", "download", "-json", "example.com/a@v1.2"}};
    String[][] outside = {{"list", "-m", "example.com/a@v1.2.0"}, {"list", "-m", "-json", "-u", "example.com/a@v1.2.0"},
        {"list", "-m", "-versions", "example.com/a"}, {"mod", "download", "-json", "example.com/a@v1.2.0"},
        {"mod", "download", "example.com/a@latest"}};
    String[] goModsOnly = {"mod", "graph"};
    String[] wholeModule = {"mod", "download", "example.com/a@v1.2.0"};
    try (FakeGoProxy proxy = nonCanonicalUniverse().start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.2.0\n");
      Path empty = Files.createDirectories(tmp.resolve("empty"));
      int round = 0;
      List<String> differences = new java.util.ArrayList<>();
      for (boolean inMain : new boolean[] {true, false}) {
        for (String[] fill : inMain ? new String[][] {null, goModsOnly, wholeModule} : new String[][] {null, wholeModule}) {
          // the fill runs once (go's and goproxy's, compared), each round on a copy of what it left
          Path filled = fill == null ? null : fillOnce(goBin, goVersion, proxy, inMain ? main : empty,
              tmp.resolve((inMain ? "in-" : "out-") + String.join("-", fill)), fill, false, differences,
              "go" + release + (inMain ? " in a module, " : " outside a module, ") + String.join(" ", fill));
          for (String flags : fill == null ? List.of("-modcacherw") : List.of("-modcacherw", "-modcacherw -mod=mod")) {
            for (String[] cmd : inMain ? inModule : outside) {
              round++;
              Path work = tmp.resolve("round" + round);
              Path theirs = copyTree(fill != null ? filled.resolve("theirs") : inMain ? main : empty,
                  tmp.resolve("theirs" + round));
              Path ours = copyTree(fill != null ? filled.resolve("ours") : inMain ? main : empty,
                  tmp.resolve("ours" + round));
              String what = "go" + release + (inMain ? " in a module, " : " outside a module, ")
                  + (fill == null ? "empty cache" : String.join(" ", fill) + " first") + ", GOFLAGS=" + flags + ": "
                  + String.join(" ", cmd);
              try {
                if (fill != null) {
                  copyFilledCaches(filled, work);
                }
                sideBySide(goBin, goVersion, proxy, work, theirs, ours, flags, Map.of("GOPROXY", "off"), cmd);
                assertSameFiles(theirs, ours, what, "go.sum", "go.mod");
              } catch (org.opentest4j.AssertionFailedError e) {
                differences.add(what + ": " + e.getMessage());
              }
            }
          }
        }
      }
      System.out.println("go" + release + ": " + round + " runs compared, " + differences.size() + " differ");
      assertEquals(List.of(), differences, String.join("\n", differences));
    }
  }


  /**
   * go list's other build flags and the mod commands' {@code -modcacherw}/{@code -modfile} on
   * goproxy's command line, as go takes them: {@code -modcacherw} leaves the extracted trees
   * writable (the command line's value winning over GOFLAGS's), the flags that only change how
   * packages build are accepted and do nothing for {@code list -m}, and bad values fail as go's
   * flag package fails them (on the command line, and before them GOFLAGS's, in its own words), a
   * flag the release lacks ({@code -pgo}, {@code -cover} on go1.19) too. Under three GOFLAGS: the
   * output, exit status, go.mod, go.sum, alt.sum, and each file and directory of the module
   * cache's extracted trees with its permissions. go1.19, go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void buildFlagsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goMod = "module example.com/main\n\ngo 1.17\n\nrequire example.com/c v1.0.0\n";
    String altMod = "module example.com/main\n\ngo 1.17\n\nrequire other.org/d v1.0.0\n";
    String[][] cmds = {{"list", "-m", "-mod=mod", "-modcacherw", "all"},
        {"list", "-m", "-modcacherw=false", "-mod=mod", "-json", "all"}, {"list", "-m", "-modcacherw=x", "all"},
        {"list", "-m", "-mod=mod", "-trimpath", "-v", "-a", "-n", "-work", "-tags=a,b", "-buildvcs=false",
            "-ldflags=-s -w", "-gcflags=all=-N -l", "-asmflags=-I x", "-gccgoflags=", "-toolexec=echo x",
            "-compiler=gccgo", "-installsuffix=x", "-pkgdir=x", "-modcacherw=T", "all"},
        {"list", "-m", "-tags", "a b", "-buildvcs", "-trimpath=0", "all"}, {"list", "-m", "-tags='a", "all"},
        {"list", "-m", "-buildvcs=x", "all"}, {"list", "-m", "-buildvcs=auto", "-compiler=x", "all"},
        {"list", "-m", "-gcflags='-N", "all"}, {"list", "-m", "-gcflags==-N", "all"},
        {"list", "-m", "-ldflags=\"-s", "all"}, {"list", "-m", "-toolexec='x", "all"},
        {"list", "-m", "-pgo=off", "-cover", "-covermode=atomic", "-coverpkg=./...", "all"},
        {"list", "-m", "-covermode=x", "all"}, {"list", "-m", "-v=maybe", "all"},
        {"mod", "download"}, {"mod", "download", "-modcacherw"}, {"mod", "download", "-modcacherw=0", "-json"},
        {"mod", "download", "-modcacherw=x"}, {"mod", "download", "-modfile=alt.mod", "-modcacherw"},
        {"mod", "download", "-modcacherw", "-modfile", "alt.mod", "other.org/d@v1.0.0"},
        {"mod", "graph", "-modfile=alt.mod", "-modcacherw"}, {"mod", "graph", "-modfile=nosuch.mod"},
        {"mod", "verify", "-modcacherw", "-modfile=alt.mod"}, {"mod", "verify", "-modcacherw=F"}};
    // GOFLAGS empty (GoTool's hermetic environment sets -modcacherw), -modcacherw, bad values
    String[] goflags = {"", "-modcacherw", "-trimpath=x -compiler=gccgo"};
    try (FakeGoProxy proxy = abcUniverse().start()) {
      int round = 0;
      for (String flags : goflags) {
        for (String[] cmd : cmds) {
          Path work = tmp.resolve("round" + ++round);
          Path theirs = Files.createDirectories(work.resolve("theirs"));
          Path ours = Files.createDirectories(work.resolve("ours"));
          for (Path d : List.of(theirs, ours)) {
            Files.writeString(d.resolve("go.mod"), goMod);
            Files.writeString(d.resolve("alt.mod"), altMod);
          }
          String what = "go" + release + " GOFLAGS=" + flags + " " + String.join(" ", cmd);
          Path[] gopaths = sideBySide(goBin, release, proxy, work, theirs, ours, flags, cmd);
          assertSameFiles(theirs, ours, what, "go.mod", "go.sum", "alt.mod", "alt.sum");
          assertEquals(extractedTrees(gopaths[0]), extractedTrees(gopaths[1]), what + ": module cache");
        }
      }
    }
  }

  /** Each file and directory extracted into GOPATH's module cache (not its download cache), with its permissions. */
  private static List<String> extractedTrees(Path gopath) throws java.io.IOException {
    Path mod = gopath.resolve("pkg/mod");
    if (!Files.isDirectory(mod)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> all = Files.walk(mod)) {
      return all.filter(p -> !p.equals(mod) && !mod.relativize(p).startsWith("cache"))
          .map(p -> mod.relativize(p) + " " + permissions(p)).sorted().toList();
    }
  }

  private static String permissions(Path p) {
    try {
      return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * An explicit {@code -mod=vendor} (go list's flag or GOFLAGS's) while go reads a main go.mod
   * holding versions that are not canonical: go's mode is vendor during the read, so fixVersion's
   * query is refused and each such line fails ({@code go.mod:N: cannot query module due to
   * -mod=vendor}; go1.19 names go.mod by its absolute path), canonical lines (and an invalid path's
   * major-version check) as before; the command line's {@code -mod=mod} after GOFLAGS's vendor
   * resolves and rewrites, and the mod commands, which have no {@code -mod}, resolve under
   * GOFLAGS=-mod=vendor. Output, exit status, go.mod and go.sum, go1.19, go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void nonCanonicalVersionsUnderVendorFlagAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String head = "module example.com/main\n\ngo 1.17\n\n";
    String[] goMods = {head + "require example.com/a v1.2\n",
        head + "require (\n\texample.com/a master\n\texample.com/r v1.1.0\n)\n\nexclude example.com/r v1.1\n",
        head + "require example.com/a v1.2.0\n\nreplace example.com/a => example.com/r v1.1\n",
        head + "require example.com/a v1.0.0\n",
        head + "require example.com/a/v2 v1.2\n"};
    String[][] runs = {{"", "list", "-m", "-mod=vendor"}, {"", "list", "-mod=vendor", "-m", "all"},
        {"-mod=vendor", "list", "-m", "-json", "example.com/a"}, {"-mod=mod", "list", "-m", "-mod", "vendor", "all"},
        {"-mod=vendor", "list", "-m", "-mod=mod", "all"}, {"-mod=vendor", "list", "-m", "-mod=readonly", "all"},
        {"-mod=vendor", "mod", "graph"}, {"-mod=vendor", "mod", "download"}};
    try (FakeGoProxy proxy = nonCanonicalUniverse().start()) {
      int round = 0;
      for (String goMod : goMods) {
        for (String[] run : runs) {
          Path work = tmp.resolve("round" + ++round);
          Path theirs = Files.createDirectories(work.resolve("theirs"));
          Path ours = Files.createDirectories(work.resolve("ours"));
          Files.writeString(theirs.resolve("go.mod"), goMod);
          Files.writeString(ours.resolve("go.mod"), goMod);
          String[] cmd = java.util.Arrays.copyOfRange(run, 1, run.length);
          String what = "go" + release + " GOFLAGS=" + run[0] + " " + String.join(" ", cmd) + " in " + goMod;
          sideBySide(goBin, release, proxy, work, theirs, ours, ("-modcacherw " + run[0]).strip(), cmd);
          assertSameFiles(theirs, ours, what, "go.mod", "go.sum");
        }
      }
    }
  }

  /**
   * A GOSUMDB go cannot use (malformed key, none, too many fields, a bad URL): go parses it at the
   * first checksum-database lookup (dbDial), and checkSumDB words the failure as the module's
   * ({@code path@v1.2.0: verifying go.mod: invalid GOSUMDB: malformed verifier id}); goproxy
   * printed GOSUMDB's text alone. Outside a module and in one under {@code -mod=mod} (go.sum absent,
   * so go.mod files are checked against the database), and a command that needs no lookup:
   * output, exit status, go.mod and go.sum as go's (go1.19 and go1.27: go1.21 printed and wrote
   * what both do in each of its 28 runs, compared release by release 2026-12-07).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void invalidGosumdbAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    String[][] outside = {{"mod", "download", "example.com/a@v1.2.0"}, {"mod", "download", "-json", "example.com/a@v1.2.0"},
        {"list", "-m", "example.com/a@v1.2.0"}};
    String[][] inModule = {{"list", "-m", "all"}, {"mod", "graph"}, {"mod", "download"}, {"list", "-m"}};
    try (FakeGoProxy proxy = nonCanonicalUniverse().start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.2.0\n");
      Path empty = Files.createDirectories(tmp.resolve("empty"));
      int round = 0;
      List<String> differences = new java.util.ArrayList<>();
      for (String gosumdb : List.of("nosuchkey", " ", "a b c", "sum.golang.org ht%tp://x")) {
        for (boolean inMain : new boolean[] {false, true}) {
          for (String[] cmd : inMain ? inModule : outside) {
            round++;
            Path theirs = copyTree(inMain ? main : empty, tmp.resolve("theirs" + round));
            Path ours = copyTree(inMain ? main : empty, tmp.resolve("ours" + round));
            String what = "go" + release + " GOSUMDB='" + gosumdb + "'" + (inMain ? " in a module: " : ": ")
                + String.join(" ", cmd);
            try {
              sideBySide(goBin, goVersion, proxy, tmp.resolve("round" + round), theirs, ours, "-modcacherw -mod=mod",
                  Map.of("GOSUMDB", gosumdb), cmd);
              assertSameFiles(theirs, ours, what, "go.sum", "go.mod");
            } catch (org.opentest4j.AssertionFailedError e) {
              differences.add(what + ": " + e.getMessage());
            }
          }
        }
      }
      System.out.println("go" + release + ": " + round + " runs compared, " + differences.size() + " differ");
      assertEquals(List.of(), differences, String.join("\n", differences));
    }
  }

  /**
   * go's flag package on the build flags of {@code list} and the mod commands, where the order
   * counts: the first refused flag on the command line is the one reported (each occurrence of a
   * repeated flag checked), a last flag without its value fails with {@code flag needs an argument}
   * (or as not defined where the release lacks it), and GOFLAGS's refusals come before the
   * command line's. goproxy's {@code --go-version} stands first here, so nothing follows the
   * flag. Output and exit status, go1.19, go1.21 and go1.27 (no module is fetched: GOPROXY=off).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void buildFlagOrderAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n");
    String[][] cmds = {{"list", "-m", "-tags"}, {"list", "-m", "--mod"}, {"list", "-m", "-modfile"},
        {"list", "-m", "-pgo"}, {"list", "-m", "-json", "-covermode"}, {"list", "-m", "-trimpath=x", "-tags"},
        {"list", "-m", "-compiler=y", "-trimpath=x"}, {"list", "-m", "-trimpath=x", "-compiler=y"},
        {"list", "-m", "-tags=b", "-tags='a"}, {"list", "-m", "-tags='a", "-tags=b"},
        {"list", "-m", "-modcacherw=0", "-modcacherw=maybe", "-modcacherw"}, {"mod", "download", "-modfile"},
        {"mod", "graph", "-modcacherw", "-modfile"}, {"mod", "verify", "-modcacherw=x", "-modfile"}};
    for (String goflags : new String[] {"", "-trimpath=x", "-modcacherw=x", "-tags='a'"}) {
      for (String[] cmd : cmds) {
        assertOfflineSameAsGo(release, goBin, tmp, main, Map.of("GOFLAGS", goflags), "go" + release + " GOFLAGS=" + goflags,
            cmd);
      }
    }
  }

  /**
   * An empty {@code -mod=} after a non-empty one (later in GOFLAGS, or on the command line after
   * GOFLAGS's) leaves go's {@code -mod} explicit with an empty value (explicitStringFlag), which a
   * workspace refuses ({@code -mod may only be set to readonly ... but it is set to ""}); an empty
   * value alone, or a non-empty one last, is as before. Output and exit status in a workspace
   * module, go1.19, go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void emptyModFlagAfterExplicitInWorkspaceAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    Path a = Files.createDirectories(tmp.resolve("ws/a"));
    Files.writeString(tmp.resolve("ws/go.work"), "go 1.18\n\nuse ./a\n");
    Files.writeString(a.resolve("go.mod"), "module example.com/a\n\ngo 1.17\n");
    String[][] cmds = {{"list", "-m"}, {"list", "-m", "-mod="}, {"list", "-m", "-mod=readonly"}};
    for (String goflags : new String[] {"-mod=mod -mod=", "-mod=readonly -mod=", "-mod= -mod=readonly", "-mod=",
        "-mod=vendor --mod=", "-mod=readonly"}) {
      for (String[] cmd : cmds) {
        assertOfflineSameAsGo(release, goBin, tmp, a, Map.of("GOFLAGS", goflags), "go" + release + " GOFLAGS=" + goflags,
            cmd);
      }
    }
  }

  /**
   * {@code list -m} with modules off (GO111MODULE=off, or auto outside a module): go checks the
   * build flags first (BuildInit), so a {@code -mod}, {@code -modcacherw} or {@code -modfile} from
   * the command line fails with {@code build flag -X only valid when using modules} where GOFLAGS's
   * does not (but for GOFLAGS's {@code -modfile} without a {@code -mod}: go looks for {@code -mod}),
   * a bad {@code -mod} value before that, and under auto a {@code -modfile} with modload.Init's
   * {@code cannot find main module, but -modfile was set}; else list's own refusals. In a module
   * and outside one, output and exit status, go1.19 and go1.27: the rule has not changed between
   * them (go1.21 printed what both print in each of its 204 runs; go's outputs, go.mod and go.sum
   * compared release by release, 2026-12-07).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void buildFlagsWithModulesOffAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    Path inside = Files.createDirectories(tmp.resolve("m"));
    Files.writeString(inside.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n");
    Path outside = Files.createDirectories(tmp.resolve("nomod"));
    String[][] flagSets = {{}, {"-mod=mod"}, {"-modcacherw"}, {"-modcacherw=false"}, {"-modfile=x.mod"},
        {"-mod=bad"}, {"-retracted"}, {"-mod=readonly", "-modcacherw", "-retracted"}, {"-mod=vendor", "-retracted"}};
    for (Path dir : List.of(inside, outside)) {
      for (String go111 : List.of("off", "auto")) {
        for (String goflags : new String[] {"", "-mod=mod", "-modfile=x.mod", "-modcacherw", "-mod=bad",
            "-mod=readonly -modfile=x.mod"}) {
          for (String[] flags : flagSets) {
            String[] cmd = new String[flags.length + 2];
            cmd[0] = "list";
            cmd[1] = "-m";
            System.arraycopy(flags, 0, cmd, 2, flags.length);
            assertOfflineSameAsGo(release, goBin, tmp, dir, Map.of("GOFLAGS", goflags, "GO111MODULE", go111),
                "go" + release + " in " + dir.getFileName() + " GO111MODULE=" + go111 + " GOFLAGS=" + goflags, cmd);
          }
        }
      }
    }
  }

  /**
   * Two workspace modules replacing one module version differently (d replaces every version of x,
   * b then x v1.0.0 alone, with another replacement: modload's replacementFrom conflict, which go
   * prints without {@code go: } at each lookup of that version's replacement, goes on with d's,
   * and exits with status 1): {@code list -m} with and without {@code -e}, {@code -u}, {@code
   * -json}, {@code -retracted}, {@code -versions}, a path and a query, and {@code mod graph}, in
   * four layouts: x v1.0.0 selected (looked up by the graph load, the listing, and twice by
   * go.work.sum's keepSums), x v1.0.0 only required (v1.1.0 selected: the load and keepSums's walk
   * of the loaded go.mod files), x v1.1.0, the latest version, replaced by one directory named from
   * d and from b (a conflict for replacementFrom, which compares the directives as written, not for
   * makeMainModules, which compares them made absolute): what the retraction checks of -u,
   * -retracted and -versions look up (once per path), and the first layout with a requirement the
   * proxy lacks (the graph fails after the conflict). go runs in the workspace,
   * then goproxy in a fresh copy at the same path: standard output, standard error, exit status,
   * go.work.sum and the modules' go.sum files must be go's. go1.19, go1.21, go1.27. Every mismatch
   * is collected and reported (their count is what a mutation of the model changes).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void workspaceReplacementConflictPerLookupAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = atV100AndV110("example.com/x", "example.com/y");
    String[][] cmds = {{"list", "-m", "all"}, {"list", "-m", "-e", "all"}, {"list", "-m", "-u", "all"},
        {"list", "-m", "-e", "-u", "all"}, {"list", "-m", "-json", "all"}, {"list", "-m", "-e", "-json", "all"},
        {"list", "-m", "-retracted", "all"}, {"list", "-m", "-e", "-versions", "all"},
        {"list", "-m", "example.com/x"}, {"list", "-m", "example.com/x@v1.0.0"}, {"mod", "graph"}};
    List<String> mismatches = new java.util.ArrayList<>();
    int runs = 0;
    try (FakeGoProxy proxy = pb.start()) {
      int round = 0;
      for (int layout = 0; layout < 4; layout++) {
        for (String[] cmd : cmds) {
          round++;
          mismatches.addAll(conflictingWorkspaceAsGo(goBin, release, proxy, tmp.resolve("round" + round),
              CONFLICT_LAYOUTS[layout], "go" + release + " layout " + layout, cmd));
          runs++;
        }
      }
    }
    System.out.println("workspaceReplacementConflictPerLookupAsGo go" + release + ": " + runs + " runs, "
        + mismatches.size() + " differ");
    assertEquals(List.of(), mismatches, mismatches.size() + " of " + runs + " runs differ");
  }

  /**
   * The tails of d's go.mod and of b's in a workspace of the two whose directives for example.com/x
   * conflict (modload's replacementFrom): x v1.0.0 selected; x v1.0.0 only required (b selects
   * v1.1.0); x v1.1.0 replaced by one directory named from d and from b (a conflict for
   * replacementFrom, which compares the directives as written, not for makeMainModules, which
   * compares them made absolute); the first layout with a requirement the proxy lacks (the graph
   * fails after the conflict).
   */
  private static final String[][] CONFLICT_LAYOUTS = {
      {"require example.com/x v1.0.0\n\nreplace example.com/x => example.com/y v1.1.0\n",
          "replace example.com/x v1.0.0 => example.com/y v1.0.0\n"},
      {"require example.com/x v1.0.0\n\nreplace example.com/x => example.com/y v1.1.0\n",
          "require example.com/x v1.1.0\n\nreplace example.com/x v1.0.0 => example.com/y v1.0.0\n"},
      {"require example.com/x v1.0.0\n\nreplace example.com/x v1.1.0 => ./x\n",
          "replace example.com/x v1.1.0 => ../d/x\n"},
      {"require (\n\texample.com/gone v1.0.0\n\texample.com/x v1.0.0\n)\n\n"
          + "replace example.com/x => example.com/y v1.1.0\n",
          "replace example.com/x v1.0.0 => example.com/y v1.0.0\n"}};

  /**
   * Runs {@code cmds} in turn with go in a workspace of d and b (go 1.17, their go.mod files ending
   * in {@code layout}'s tails; d/x a directory module), then in a fresh copy at the same path with
   * goproxy (its own GOPATH): after each command, standard output, standard error (GOPATH as
   * {@code $GOPATH}), exit status, go.work.sum and the modules' go.sum files must be go's.
   *
   * @return one line per command that differs, with what each side did
   */
  private static List<String> conflictingWorkspaceAsGo(Path goBin, String release, FakeGoProxy proxy, Path work,
      String[] layout, String what, String[]... cmds) throws Exception {
    return conflictingWorkspaceAsGo(goBin, release, proxy, work, layout, Map.of(), what, cmds);
  }

  /** {@link #conflictingWorkspaceAsGo}, with {@code vars} set for both sides. */
  private static List<String> conflictingWorkspaceAsGo(Path goBin, String release, FakeGoProxy proxy, Path work,
      String[] layout, Map<String, String> vars, String what, String[]... cmds) throws Exception {
    Path ws = work.resolve("ws");
    Files.createDirectories(ws.resolve("d/x"));
    Files.createDirectories(ws.resolve("b"));
    Files.writeString(ws.resolve("d/go.mod"), "module example.com/d\n\ngo 1.17\n\n" + layout[0]);
    Files.writeString(ws.resolve("b/go.mod"), "module example.com/b\n\ngo 1.17\n\n" + layout[1]);
    Files.writeString(ws.resolve("d/x/go.mod"), "module example.com/x\n\ngo 1.17\n");
    Files.writeString(ws.resolve("go.work"), "go 1.18\n\nuse ./d\nuse ./b\n");
    Path pristine = copyTree(ws, work.resolve("pristine"));
    Map<String, String> goEnv = GoTool.hermeticEnv(work.resolve("go-home"));
    goEnv.putAll(proxy.environment());
    goEnv.putAll(vars);
    String goPath = goEnv.get("GOPATH");
    List<String> files = List.of("go.work.sum", "d/go.sum", "b/go.sum");
    List<String> theirs = new java.util.ArrayList<>();
    for (String[] cmd : cmds) {
      GoTool.Result r = GoTool.exec(ws, goEnv, 180, null, prepend(goBin.toString(), cmd));
      StringBuilder after = new StringBuilder(new Run(r.exitCode(), r.stdout().replace(goPath, "$GOPATH"),
          r.stderr().replace(goPath, "$GOPATH")).toString());
      for (String f : files) {
        after.append("\n").append(f).append(": ").append(readIfExists(ws.resolve(f)));
      }
      theirs.add(after.toString());
    }
    // goproxy in a fresh copy at the same path: the go.mod paths go prints are the same
    Files.move(ws, work.resolve("ws-go"));
    copyTree(pristine, ws);
    Path ourGoPath = work.resolve("our-gopath");
    Map<String, String> env = new HashMap<>(proxy.environment());
    env.put("GOENV", "off");
    env.put("GOPATH", ourGoPath.toString());
    env.put("GOFLAGS", goEnv.get("GOFLAGS"));
    env.put("PWD", ws.toString());
    env.putAll(vars);
    List<String> mismatches = new java.util.ArrayList<>();
    for (int i = 0; i < cmds.length; i++) {
      List<String> argv = new java.util.ArrayList<>(List.of(cmds[i]));
      argv.addAll(List.of("--go-version", release));
      Run o = goproxy(env, argv.toArray(new String[0]));
      StringBuilder after = new StringBuilder(new Run(o.status(), o.out().replace(ourGoPath.toString(), "$GOPATH"),
          o.err().replace(ourGoPath.toString(), "$GOPATH")).toString());
      for (String f : files) {
        after.append("\n").append(f).append(": ").append(readIfExists(ws.resolve(f)));
      }
      if (!theirs.get(i).equals(after.toString())) {
        mismatches.add(what + " " + String.join(" ", cmds[i]) + "\ngo:      " + theirs.get(i) + "\ngoproxy: " + after);
      }
    }
    return mismatches;
  }

  /**
   * An invalid GOPROXY as go reports it: go parses the list at the first lookup that walks it
   * (TryProxies) and each such lookup fails with the list's error, so what the module cache
   * answers first (a go.mod or .info read by modfetch, a zip already extracted) works and the rest
   * fails per module in go's words: without the module where go reports a query's or download's own
   * error ({@code go: invalid proxy URL missing scheme: ...}, {@code mod download -json}'s
   * {@code Error}), with it where the graph or a query names it ({@code example.com/a@v1.2.0: ...}).
   * A query (list's {@code .info} of a listed module, {@code -u}, {@code -versions}, an argument
   * {@code path@version}) walks the list before it reads the cache, so it fails even with the
   * module cached. GONOPROXY/GOPRIVATE modules fail the same way (the walk comes first), and
   * {@code off,<bad>} is GOPROXY=off (go stops parsing at off). Empty cache, go.mod files only and
   * the whole module cached, inside a module and outside, under {@code -mod=mod} too: output, exit
   * status, go.mod and go.sum as go's (go1.19, go1.21, go1.27).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void invalidGoproxyAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String goVersion = versionOf(goBin);
    String[][] inModule = {{"list", "-m", "all"}, {"list", "-m", "-json", "-u", "all"},
        {"list", "-m", "-e", "-json", "-u", "all"}, {"list", "-m", "-e", "-versions", "all"},
        {"list", "-m", "-versions", "example.com/a"}, {"list", "-m", "example.com/a@v1.2.0"}, {"mod", "download"},
        {"mod", "download", "-json"}, {"mod", "graph"}, {"mod", "verify"}};
    String[][] outside = {{"list", "-m", "example.com/a@v1.2.0"}, {"list", "-m", "-json", "-u", "example.com/a@v1.2.0"},
        {"list", "-m", "-versions", "example.com/a"}, {"mod", "download", "example.com/a@v1.2.0"},
        {"mod", "download", "-json", "example.com/a@v1.2.0"}, {"mod", "download", "example.com/a@latest"}};
    String[][] fewInModule = {{"list", "-m", "all"}, {"mod", "download", "-json"}, {"mod", "graph"}};
    String[][] fewOutside = {{"mod", "download", "-json", "example.com/a@v1.2.0"}};
    String[] goModsOnly = {"mod", "graph"};
    // the same fill, then the checksum database's caches removed: a go.mod go.sum lacks is looked up
    // remotely, and go's checksum database client walks GOPROXY (initBase) before it asks
    String[] goModsNoSumdbCache = {"mod", "graph"};
    String[] wholeModule = {"mod", "download", "example.com/a@v1.2.0"};
    String missingScheme = "/nonexistent/px";
    // the GOPROXY values (and GOPRIVATE) beyond the first are tried on an empty cache with fewer commands
    List<Map<String, String>> settings = List.of(Map.of("GOPROXY", missingScheme),
        Map.of("GOPROXY", "ftp://proxy.example/x"), Map.of("GOPROXY", ","),
        Map.of("GOPROXY", "file://host/x"), Map.of("GOPROXY", "https://proxy.example|" + missingScheme),
        Map.of("GOPROXY", "off," + missingScheme), Map.of("GOPROXY", missingScheme, "GOPRIVATE", "example.com"));
    try (FakeGoProxy proxy = nonCanonicalUniverse().start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.2.0\n");
      Path empty = Files.createDirectories(tmp.resolve("empty"));
      int round = 0;
      List<String> differences = new java.util.ArrayList<>();
      for (Map<String, String> vars : settings) {
        boolean first = vars.equals(settings.get(0));
        for (boolean inMain : new boolean[] {true, false}) {
          String[][] fills = !first ? new String[][] {null}
              : inMain ? new String[][] {null, goModsOnly, goModsNoSumdbCache, wholeModule}
              : new String[][] {null, wholeModule};
          for (String[] fill : fills) {
            // the fill runs once (go's and goproxy's, compared), each round on a copy of what it left
            Path filled = fill == null ? null : fillOnce(goBin, goVersion, proxy, inMain ? main : empty,
                tmp.resolve((inMain ? "in-" : "out-") + String.join("-", fill)
                    + (fill == goModsNoSumdbCache ? "-nosumdb" : "")), fill, fill == goModsNoSumdbCache, differences,
                "go" + release + (inMain ? " in a module, " : " outside a module, ") + String.join(" ", fill));
            for (String flags : fill == null ? List.of("-modcacherw") : List.of("-modcacherw", "-modcacherw -mod=mod")) {
              for (String[] cmd : inMain ? (first ? inModule : fewInModule) : (first ? outside : fewOutside)) {
                round++;
                Path work = tmp.resolve("round" + round);
                Path theirs = copyTree(fill != null ? filled.resolve("theirs") : inMain ? main : empty,
                    tmp.resolve("theirs" + round));
                Path ours = copyTree(fill != null ? filled.resolve("ours") : inMain ? main : empty,
                    tmp.resolve("ours" + round));
                String what = "go" + release + " " + vars + (inMain ? " in a module, " : " outside a module, ")
                    + (fill == null ? "empty cache" : String.join(" ", fill) + " first")
                    + (fill == goModsNoSumdbCache ? " (checksum database cache removed)" : "") + ", GOFLAGS=" + flags + ": "
                    + String.join(" ", cmd);
                try {
                  if (fill != null) {
                    copyFilledCaches(filled, work);
                  }
                  sideBySide(goBin, goVersion, proxy, work, theirs, ours, flags, vars, cmd);
                  assertSameFiles(theirs, ours, what, "go.sum", "go.mod");
                } catch (org.opentest4j.AssertionFailedError e) {
                  differences.add(what + ": " + e.getMessage());
                }
              }
            }
          }
        }
      }
      System.out.println("go" + release + ": " + round + " runs compared, " + differences.size() + " differ");
      assertEquals(List.of(), differences, String.join("\n", differences));
    }
  }

  /**
   * go and goproxy run {@code fill} (under {@code -mod=mod}) side by side in copies of {@code dir}
   * below {@code at}, as {@link #sideBySide}; with {@code dropSumdb} the checksum database's caches
   * are then removed from both GOPATHs. A failed comparison is added to {@code differences}.
   *
   * @return {@code at}, holding go's copy ({@code theirs}), goproxy's ({@code ours}), go's home
   *     with its GOPATH ({@code go-home}) and goproxy's GOPATH ({@code our-gopath}), for
   *     {@link #copyFilledCaches}
   */
  private static Path fillOnce(Path goBin, String goVersion, FakeGoProxy proxy, Path dir, Path at, String[] fill,
      boolean dropSumdb, List<String> differences, String what) throws java.io.IOException {
    Path theirs = copyTree(dir, at.resolve("theirs"));
    Path ours = copyTree(dir, at.resolve("ours"));
    try {
      Path[] gopaths = sideBySide(goBin, goVersion, proxy, at, theirs, ours, "-modcacherw -mod=mod", fill);
      if (dropSumdb) {
        for (Path gopath : gopaths) {
          deleteTree(gopath.resolve("pkg/sumdb"));
          deleteTree(gopath.resolve("pkg/mod/cache/download/sumdb"));
        }
      }
    } catch (org.opentest4j.AssertionFailedError e) {
      differences.add(what + " (the fill): " + e.getMessage());
    }
    return at;
  }

  /**
   * Copies the GOPATHs a {@link #fillOnce} left (go's home and goproxy's GOPATH) to where
   * {@link #sideBySide} in {@code work} puts them: go's run there sees the module cache and the
   * checksum database's state the fill left, as it did when each round ran the fill itself (the
   * cache holds no absolute path).
   */
  private static void copyFilledCaches(Path filled, Path work) throws java.io.IOException {
    for (String name : List.of("go-home", "our-gopath")) {
      if (Files.exists(filled.resolve(name))) {
        copyTree(filled.resolve(name), work.resolve(name));
      }
    }
  }

  /** Each named file of the two trees, which must hold the same bytes (or be absent from both). */
  private static void assertSameFiles(Path theirs, Path ours, String what, String... names) throws java.io.IOException {
    for (String name : names) {
      assertEquals(readIfExists(theirs.resolve(name)), readIfExists(ours.resolve(name)), what + ": " + name);
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      throw new java.io.IOException("no " + root + ": the fill did not use the checksum database");
    }
    try (java.util.stream.Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /**
   * The mod commands in a workspace whose modules' go.mod files replace one module version
   * differently (modload's replacementFrom conflict, printed bare at each lookup of that version's
   * replacement; go goes on with the earlier directive and exits with status 1), in the layouts of
   * {@link #workspaceReplacementConflictPerLookupAsGo}, one where a required module's zip is
   * missing, and that missing zip without a conflict: {@code mod download} without arguments, with {@code -json}, with a path, {@code all},
   * path@version arguments (which go answers without the graph's lookups), {@code mod verify}
   * with an empty cache and after {@code mod download -json}, and {@code mod graph -go=1.17}.
   * Without {@code -json} go prints the load's and the listing's conflicts, then each failed
   * module, and exits before it writes go.work.sum; with {@code -json} it goes on to write
   * go.work.sum, whose keepSums looks the replacement up again, then reports the graph's failure.
   * Standard output, standard error, exit status, go.work.sum and the go.sum files after each
   * command must be go's; every mismatch is collected and reported. go1.19, go1.21 and go1.27:
   * run on every installed release (2026-12-07), go changed what it prints here once, between
   * go1.19 and go1.21 (go1.19's {@code mod verify} reports the workspace module
   * {@code example.com/b : missing ziphash}, go1.21's prints {@code all modules verified}),
   * and go1.22, go1.23, go1.24 and go1.26 printed and wrote what go1.21 and go1.27 do in each of
   * the 78 runs.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void workspaceReplacementConflictInModCommandsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = atV100AndV110("example.com/x", "example.com/y", "example.com/z");
    pb.fault(Fault.status(404, "gone").forModule("example.com/z", "v1.0.0").on(Endpoint.ZIP));
    List<String[]> layouts = new java.util.ArrayList<>(List.of(CONFLICT_LAYOUTS));
    // x v1.0.0 selected, and a required module whose zip the proxy lacks
    layouts.add(new String[] {"require (\n\texample.com/x v1.0.0\n\texample.com/z v1.0.0\n)\n\n"
        + "replace example.com/x => example.com/y v1.1.0\n", CONFLICT_LAYOUTS[0][1]});
    // no conflict, that zip missing: without -json go exits before it writes go.work.sum
    layouts.add(new String[] {"require example.com/z v1.0.0\n", ""});
    String[][][] cases = {{{"mod", "download"}}, {{"mod", "download", "-json"}},
        {{"mod", "download", "example.com/x"}}, {{"mod", "download", "-json", "example.com/x"}},
        {{"mod", "download", "-json", "all"}}, {{"mod", "download", "all"}},
        {{"mod", "download", "example.com/x@v1.0.0"}}, {{"mod", "download", "-json", "example.com/x@v1.1.0"}},
        {{"mod", "download", "example.com/y@v1.0.0"}}, {{"mod", "verify"}},
        {{"mod", "download", "-json"}, {"mod", "verify"}}, {{"mod", "graph", "-go=1.17"}}};
    List<String> mismatches = new java.util.ArrayList<>();
    int runs = 0;
    try (FakeGoProxy proxy = pb.start()) {
      for (int layout = 0; layout < layouts.size(); layout++) {
        for (String[][] cmds : cases) {
          runs += cmds.length;
          mismatches.addAll(conflictingWorkspaceAsGo(goBin, release, proxy, tmp.resolve("round" + runs),
              layouts.get(layout), "go" + release + " layout " + layout, cmds));
        }
      }
    }
    System.out.println("workspaceReplacementConflictInModCommandsAsGo go" + release + ": " + runs + " runs, "
        + mismatches.size() + " differ");
    assertEquals(List.of(), mismatches, mismatches.size() + " of " + runs + " runs differ");
  }

  /**
   * The workspace of {@link #workspaceReplacementConflictInModCommandsAsGo} (x v1.0.0 selected, its
   * replacement conflicting) with a required module whose go.mod needs go 1.99, under
   * GOTOOLCHAIN=auto with no toolchain to be had (the proxy has no golang.org/toolchain): go's
   * Switcher prints the errors it had and {@code switching to go >= 1.99: ...}, goes on, and with
   * {@code -json} then writes go.work.sum, whose keepSums prints its conflicting-replacement lines
   * after the switch's (the load's and the listing's came before). {@code mod download -json},
   * {@code -json all}, {@code -json} of the module's version (no keepSums lines: the roots alone),
   * and without {@code -json} (go exits before go.work.sum). go1.21 (toolchain switching's first
   * release) and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.21", "1.27"})
  void workspaceReplacementConflictAfterFailedToolchainSwitchAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    FakeGoProxy.Builder pb = atV100AndV110("example.com/x", "example.com/y");
    pb.module(FakeModule.builder("example.com/n", "v1.0.0").goMod("module example.com/n\n\ngo 1.99\n")
        .file("n.go", "package n\n").build());
    String[] layout = {"require (\n\texample.com/n v1.0.0\n\texample.com/x v1.0.0\n)\n\n"
        + "replace example.com/x => example.com/y v1.1.0\n", CONFLICT_LAYOUTS[0][1]};
    String[][][] cases = {{{"mod", "download", "-json"}}, {{"mod", "download", "-json", "all"}},
        {{"mod", "download", "-json", "example.com/n@v1.0.0"}}, {{"mod", "download"}}};
    List<String> mismatches = new java.util.ArrayList<>();
    int runs = 0;
    try (FakeGoProxy proxy = pb.start()) {
      for (String[][] cmds : cases) {
        runs += cmds.length;
        // goproxy follows go's full version: the errors name it (running go 1.27.3)
        mismatches.addAll(conflictingWorkspaceAsGo(goBin, versionOf(goBin), proxy, tmp.resolve("round" + runs), layout,
            Map.of("GOTOOLCHAIN", "auto"), "go" + release, cmds));
      }
    }
    assertEquals(List.of(), mismatches, mismatches.size() + " of " + runs + " runs differ");
  }
}
