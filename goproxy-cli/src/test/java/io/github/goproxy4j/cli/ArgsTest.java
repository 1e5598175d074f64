package io.github.goproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command lines of goproxy's commands that mirror go's ({@code list}, {@code mod download},
 * {@code mod graph}, {@code mod verify}, {@code mod edit}) parsed as go's flag package parses
 * them in each release ({@link Args#parseGo}, {@link BuildFlags}), with GOFLAGS applied before
 * them as go's SetFromGOFLAGS applies it: compared with the real go of the release, byte for
 * byte (stdout, stderr, exit status).
 */
class ArgsTest {
  record Run(int status, String out, String err) {}

  /**
   * Each command's flag errors and accepted flags, run in a module without dependencies
   * (GOPROXY=off). Flags go defines and goproxy does not do ({@code -f}, {@code -race},
   * {@code -reuse}, {@code -overlay}...) stand before an undefined flag or without their value,
   * so that go's parse fails there too.
   */
  private static final List<List<String>> CASES = List.of(
      // list: undefined flags, refused values, syntax, order, release differences
      List.of("list", "-m", "-q"),
      List.of("list", "-q", "-m"),
      List.of("list", "-m", "-u=3"),
      List.of("list", "-m", "-e=x"),
      List.of("list", "-m", "-versions=maybe"),
      List.of("list", "-m", "-retracted=2"),
      List.of("list", "-m=no", "-e"),
      List.of("list", "-m", "-mod"),
      List.of("list", "-m", "-=x"),
      List.of("list", "-m", "---x"),
      List.of("list", "-m", "--=x"),
      List.of("list", "-m", "-json", "-q"),
      List.of("list", "-m", "-trimpath=x", "-q"),
      List.of("list", "-m", "-q", "-trimpath=x"),
      List.of("list", "-m", "-C", "x"),
      List.of("list", "-m", "-json", "-C"),
      List.of("list", "-m", "-pgo=off", "-q"),
      List.of("list", "-m", "-cover=2"),
      List.of("list", "-m", "-debug-runtime-trace=x", "-q"),
      List.of("list", "-m", "-f", "x", "-q"),
      List.of("list", "-m", "-f"),
      List.of("list", "-m", "-f", "{{.Path}} {{.GoVersion}} {{.Main}}"),
      List.of("list", "-m", "-json", "-f", "x"),
      List.of("list", "-m", "-f={{.Main}}", "-f", ""),
      List.of("list", "-m", "-f", "{{.Nope}}", "-json=false"),
      List.of("list", "-m", "-race=maybe"),
      List.of("list", "-m", "-buildmode=x", "-deps=1", "-q"),
      List.of("list", "-m", "-compiled", "-export", "-find", "-test", "-asan", "-msan", "-linkshared", "-q"),
      List.of("list", "-m", "-debug-trace=x", "-debug-actiongraph=y", "-overlay=z", "-reuse=w", "-q"),
      List.of("list", "-m", "-reuse"),
      List.of("list", "-m", "--json=Path", "--q"),
      List.of("list", "-m", "-e", "-p", "x"),
      List.of("list", "-m", "all", "-q"),
      List.of("list", "-m", "--", "-q"),
      // list: accepted, -json's fields
      List.of("list", "-m"),
      List.of("list", "--m", "--e=true"),
      List.of("list", "-m=1", "-e=T", "-json=Path"),
      List.of("list", "-m", "-json=Path,Main"),
      List.of("list", "-m", "-json=Path,GoVersion,Dir"),
      List.of("list", "-m", "-json="),
      List.of("list", "-m", "-json=Pathx"),
      List.of("list", "-m", "-json=Path", "-json=false"),
      List.of("list", "-m", "-json=false", "-json=GoVersion"),
      List.of("list", "-m", "-json=Path", "-json=Dir"),
      List.of("list", "-m", "-json=Path", "-json", "-json=1"),
      List.of("list", "-m", "-json=0"),
      List.of("list", "-m", "-json", "Path"),
      // mod download
      List.of("mod", "download", "-bogus"),
      List.of("mod", "download", "-json=Path"),
      List.of("mod", "download", "-x=2"),
      List.of("mod", "download", "-reuse"),
      List.of("mod", "download", "-reuse=x", "-bogus"),
      List.of("mod", "download", "-json=false"),
      List.of("mod", "download", "-json", "-overlay"),
      List.of("mod", "download", "-json", "-C"),
      List.of("mod", "download", "-u"),
      List.of("mod", "download", "-modfile"),
      List.of("mod", "download", "-m"),
      // mod graph
      List.of("mod", "graph", "-json"),
      List.of("mod", "graph", "-x"),
      List.of("mod", "graph", "-x=false"),
      List.of("mod", "graph", "-go"),
      List.of("mod", "graph", "-u"),
      List.of("mod", "graph", "-go=1.16", "-e"),
      List.of("mod", "graph", "--go=1.17"),
      List.of("mod", "graph", "-modcacherw=2", "-bogus"),
      // mod verify
      List.of("mod", "verify", "-x"),
      List.of("mod", "verify", "-json"),
      List.of("mod", "verify", "-modcacherw=2"),
      List.of("mod", "verify", "-overlay"),
      List.of("mod", "verify", "-e"),
      List.of("mod", "verify", "-modcacherw", "-x"),
      List.of("mod", "verify", "-modcacherw", "-C"),
      List.of("mod", "verify", "-modfile=go.mod"),
      List.of("mod", "graph", "extra"),
      List.of("mod", "verify", "-modcacherw", "x"),
      // -C before the command: go1.19's main knows no such flag (its whole usage)
      List.of("-C", ".", "list", "-m"),
      List.of("--C=.", "mod", "graph"),
      List.of("-C", ".", "mod", "edit", "-print"),
      // mod edit
      List.of("mod", "edit", "-overlay"),
      List.of("mod", "edit", "-print", "-x=2"),
      List.of("mod", "edit", "-bogus", "-print"),
      List.of("mod", "edit", "-print", "-overlay=x", "-bogus"),
      List.of("mod", "edit", "-print", "-u"));

  /** The commands run under each GOFLAGS of {@link #GOFLAGS}. */
  private static final List<List<String>> UNDER_GOFLAGS = List.of(
      List.of("list", "-m"), List.of("list", "-m", "-q"), List.of("list", "-m", "-json=Dir"),
      List.of("list", "-m", "-json=false"), List.of("mod", "download"), List.of("mod", "download", "-json"),
      List.of("mod", "graph"), List.of("mod", "verify"), List.of("mod", "verify", "-x"), List.of("mod", "edit", "-print"),
      List.of("mod", "graph", "extra"), List.of("mod", "verify", "extra"), List.of("-C", ".", "mod", "graph"),
      List.of("mod", "edit"), List.of("mod", "edit", "-fmt"));

  /**
   * GOFLAGS go applies to each command's own flags first (a word naming a flag the command lacks
   * skipped, a bad value refused {@code (from $GOFLAGS)} before the command line's errors).
   */
  private static final List<String> GOFLAGS = List.of("", "-trimpath=x", "-u=3", "-x=maybe", "-json=Path -e",
      "-json", "-json=Version", "-json=Path -json=false", "-m=x", "-bogus", "-go=1.16", "-print", "-fmt",
      "-modcacherw=2 -x=maybe", "-x=maybe -modcacherw=2", "-e -versions -retracted", "-linkshared -buildmode=pie", "-f={{.Path}}");

  static Path goFor(String release) {
    GoTool.assumeGo();
    if (release.equals("1.19")) {
      return GoTool.goBinary().orElseThrow();
    }
    Path go = Paths.get("/usr/lib/go-" + release + "/bin/go");
    assumeTrue(Files.isExecutable(go), "SKIPPED: go" + release + " is not installed at " + go);
    return go;
  }

  /** The release the go binary is ({@code 1.27.3}), for goproxy's {@code --go-version}. */
  static String versionOf(Path goBin) throws java.io.IOException {
    Path file = goBin.toRealPath().getParent().getParent().resolve("VERSION");
    return Files.readAllLines(file).get(0).trim().substring("go".length());
  }

  static Run goproxy(Map<String, String> env, List<String> argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Goproxy.standard().run(argv, o, e, env, false);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run go(Path goBin, Path dir, Map<String, String> env, List<String> cmd) {
    List<String> argv = new ArrayList<>();
    argv.add(goBin.toString());
    argv.addAll(cmd);
    GoTool.Result r = GoTool.exec(dir, env, 180, null, argv.toArray(new String[0]));
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }

  /**
   * go in {@code dir}, then goproxy ({@code --go-version} the go's release, first) in
   * {@code dir}: the same stdout, stderr and exit status; go.mod as it was before (go.mod
   * restored after each run, as {@code mod edit} under GOFLAGS may write it).
   */
  private static void assertSameAsGo(Path goBin, String full, Path dir, Map<String, String> goEnv, List<String> cmd)
      throws java.io.IOException {
    String goMod = Files.readString(dir.resolve("go.mod"));
    Run theirs = go(goBin, dir, goEnv, cmd);
    String theirGoMod = Files.readString(dir.resolve("go.mod"));
    Files.writeString(dir.resolve("go.mod"), goMod);
    Map<String, String> env = new HashMap<>(goEnv);
    env.put("PWD", dir.toString());
    List<String> argv = new ArrayList<>(List.of("--go-version", full));
    argv.addAll(cmd);
    Run ours = goproxy(env, argv);
    String ourGoMod = Files.readString(dir.resolve("go.mod"));
    Files.writeString(dir.resolve("go.mod"), goMod);
    String what = "go" + full + " GOFLAGS=" + goEnv.get("GOFLAGS") + " " + String.join(" ", cmd);
    assertEquals(theirs, ours, what);
    assertEquals(theirGoMod, ourGoMod, what + ": go.mod");
  }

  /**
   * Every case of {@link #CASES}, then each command of {@link #UNDER_GOFLAGS} under each
   * GOFLAGS of {@link #GOFLAGS}: flag errors with go's text and the command's usage lines of
   * the release ({@code flag provided but not defined: -x}, {@code invalid boolean value},
   * {@code flag needs an argument}, {@code bad flag syntax}; {@code -x} on {@code mod graph}
   * and {@code -C}, {@code -pgo}, {@code -cover} undefined in go1.19), exit status 2, and what
   * the accepted flags print ({@code -json=fields}, GOFLAGS's {@code -json}, {@code -e},
   * {@code -go}, {@code -print}...). In a module without dependencies, GOPROXY=off.
   *
   * <p>go1.19 and go1.27 run every command, go1.21 those {@link #differsAroundGo121} picks: go's
   * outputs recorded release by release (2026-12-07) differ between go1.19, go1.21 and go1.27 in
   * 34 of the 298 runs, each of them picked (45 in all); the other 264 print and leave go.mod the
   * same on the three.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void flagsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String full = versionOf(goBin);
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n");
    Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("home"));
    goEnv.put("GOFLAGS", "");
    boolean go121 = release.equals("1.21");
    for (List<String> c : CASES) {
      if (!go121 || differsAroundGo121("", c)) {
        assertSameAsGo(goBin, full, main, goEnv, c);
      }
    }
    for (String goflags : GOFLAGS) {
      goEnv.put("GOFLAGS", goflags);
      for (List<String> c : UNDER_GOFLAGS) {
        if (!go121 || differsAroundGo121(goflags, c)) {
          assertSameAsGo(goBin, full, main, goEnv, c);
        }
      }
    }
    // GOFLAGS's -m makes go list list modules
    for (String goflags : List.of("-m", "-m -json=Path", "-m=true -e -m=1")) {
      goEnv.put("GOFLAGS", goflags);
      assertSameAsGo(goBin, full, main, goEnv, List.of("list"));
    }
  }

  /**
   * go's flag.ErrHelp: {@code -h} or {@code -help} (with a value too) where a flag may stand prints
   * the command's usage lines alone (cmd/go's base.Command.Usage), exit status 2, on list, mod
   * download, mod graph and mod verify; a flag error before it and a bad GOFLAGS come first; after
   * the first argument it is an argument. go1.19, go1.21 and go1.27 (mod graph's usage changed in
   * go1.21), in a module without dependencies, GOPROXY=off. goproxy's {@code --help} is its own help.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void helpFlagAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String full = versionOf(goBin);
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n");
    Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("home"));
    goEnv.put("GOPROXY", "off");
    List<List<String>> cases = List.of(List.of("list", "-h"), List.of("list", "-m", "-help"),
        List.of("list", "-m", "-json", "-h=false"), List.of("list", "-m", "-help=x", "-bogus"),
        List.of("list", "-m", "-bogus", "-h"), List.of("list", "-m", "-e", "-h", "all"),
        List.of("list", "-m", "all", "-h"), List.of("mod", "download", "-h"), List.of("mod", "download", "-json", "-help"),
        List.of("mod", "graph", "-h"), List.of("mod", "graph", "-go=1.17", "-help"), List.of("mod", "verify", "-h"),
        List.of("mod", "verify", "-modfile=x.mod", "-h"));
    for (String goflags : List.of("", "-mod=mod", "-bogus", "-e=x")) {
      goEnv.put("GOFLAGS", goflags);
      for (List<String> c : cases) {
        assertSameAsGo(goBin, full, main, goEnv, c);
      }
    }
    Map<String, String> env = new HashMap<>(goEnv);
    env.put("GOFLAGS", "");
    env.put("PWD", main.toString());
    Run own = goproxy(env, List.of("--go-version", full, "list", "-m", "--help"));
    assertEquals(0, own.status(), own.toString());
    assertTrue(own.out().startsWith("goproxy list"), own.out());
  }

  /**
   * The commands of {@link #flagsAsGo} whose output is not the same on go1.19, go1.21 and go1.27:
   * {@code mod graph} (go1.21 has its {@code -x} and prints the {@code go@} nodes), a flag go1.19
   * lacks ({@code -C}, {@code -pgo}, {@code -cover}, {@code -debug-runtime-trace}), and
   * {@code mod edit} under a GOFLAGS {@code -json} (go1.27 prints the file without its null fields).
   *
   * @param goflags the GOFLAGS the command runs under
   * @param cmd the command line after {@code go}
   * @return whether go1.21 runs it
   */
  private static boolean differsAroundGo121(String goflags, List<String> cmd) {
    if (cmd.size() >= 2 && cmd.get(0).equals("mod")
        && (cmd.get(1).equals("graph") || cmd.get(1).equals("edit") && goflags.contains("-json"))) {
      return true;
    }
    for (String arg : cmd) {
      String name = arg.startsWith("-") ? arg.replaceFirst("^-+", "").replaceFirst("=.*", "") : "";
      if (List.of("C", "pgo", "cover", "debug-runtime-trace").contains(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * go list's refusals of flag combinations ({@link ListRefusals}): {environment, arguments...},
   * the environment's words {@code NAME=value} ({@code DIR=out}: run outside any module;
   * {@code ACCEPTED}: go lists, as the flags set are false).
   */
  private static final List<List<String>> LIST_REFUSALS = List.of(
      // before BuildInit: -f with -json, -reuse without -m (go1.27: an empty argument first)
      List.of("", "list", "-m", "-f", "x", "-json"),
      List.of("", "list", "-f", "x", "-json=Path"),
      List.of("", "list", "-m", "-json", "-f", "{{", "-compiled"),
      List.of("GOFLAGS=-json", "list", "-m", "-f", "x"),
      List.of("GOFLAGS=-f=x", "list", "-m", "-json=Path"),
      List.of("", "list", "-reuse=x"),
      List.of("", "list", "-reuse=x", "-f", "{{", "-u"),
      List.of("GOFLAGS=-reuse=x", "list", "-u"),
      List.of("GOFLAGS=-m", "list", "-m=false", "-reuse", "x"),
      List.of("", "list", "-m", "-compiled", ""),
      List.of("", "list", "-m", "-f", "x", "-json", ""),
      // after modload.Init, with -m
      List.of("", "list", "-m", "-compiled"),
      List.of("", "list", "-m", "-deps", "-test"),
      List.of("", "list", "-m", "-find", "-export"),
      List.of("", "list", "-m", "-export", "-find", "all"),
      List.of("", "list", "-m", "-e", "-test", "example.com/nosuch"),
      List.of("", "list", "-m", "-u", "-versions", "-test=true"),
      List.of("ACCEPTED", "list", "-m", "-compiled=false", "-deps=0", "-export=F", "-find=false", "-test=f"),
      List.of("GOFLAGS=-test", "list", "-m"),
      List.of("ACCEPTED GOFLAGS=-test", "list", "-m", "-test=false"),
      List.of("GOFLAGS=-deps -find", "list", "-m", "-deps=false"),
      List.of("GOFLAGS=-m", "list", "-export"),
      // what go refuses first: -mod, -p, -retracted
      List.of("", "list", "-m", "-mod=bad", "-compiled"),
      List.of("", "list", "-m", "-p", "0", "-compiled"),
      List.of("GOFLAGS=-p=0", "list", "-u"),
      List.of("", "list", "-m", "-mod=vendor", "-u", "-compiled"),
      List.of("", "list", "-m", "-mod=vendor", "-retracted", "-compiled"),
      List.of("GOFLAGS=-mod=vendor", "list", "-retracted", "-versions"),
      List.of("GO111MODULE=off", "list", "-m", "-compiled"),
      List.of("GO111MODULE=off", "list", "-m", "-retracted", "-test"),
      List.of("GO111MODULE=off", "list", "-mod=mod", "-u"),
      List.of("GO111MODULE=off", "list", "-modcacherw", "-m", "-deps"),
      List.of("GO111MODULE=off", "list", "-p", "0", "-versions"),
      List.of("GO111MODULE=off GOFLAGS=-mod=vendor", "list", "-retracted", "-u"),
      List.of("GO111MODULE=auto", "list", "-retracted", "-u"),
      List.of("GO111MODULE=auto DIR=out", "list", "-retracted", "-u"),
      List.of("GO111MODULE=auto DIR=out", "list", "-m", "-mod=mod", "-find"),
      List.of("GO111MODULE=auto DIR=out", "list", "-m", "-modfile=x.mod", "-find"),
      List.of("DIR=out", "list", "-m", "-find"),
      List.of("DIR=out", "list", "-m", "-mod=mod", "-find"),
      // without -m (package mode)
      List.of("", "list", "-u"),
      List.of("", "list", "-versions", "-u"),
      List.of("", "list", "-e", "-versions"),
      List.of("", "list", "-find", "-deps"),
      List.of("", "list", "-test", "-find", "-compiled"),
      List.of("", "list", "-retracted", "-u", "all"),
      List.of("GOFLAGS=-u", "list", "./..."));

  /**
   * go list's refusals of flag combinations, go's text, stdout empty, exit status 1
   * ({@link #LIST_REFUSALS}), in a module without dependencies and outside any module; go1.21 on
   * also {@code -find} with {@code -export} (go1.19 lists packages there). On each side of each
   * release that changed what go prints here (go's outputs compared release by release,
   * 2026-12-07): go1.19 and go1.21 (that refusal), go1.26 and go1.27 ({@code -compiled} with
   * {@code -m}: go1.27 reports {@code invalid package: ""} first); go1.22, go1.23 and go1.24
   * printed what go1.21 and go1.26 print in each of the 48 runs.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.26", "1.27"})
  void listRefusalsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String full = versionOf(goBin);
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n");
    Path out = Files.createDirectories(tmp.resolve("out"));
    List<List<String>> cases = new ArrayList<>(LIST_REFUSALS);
    if (!release.equals("1.19")) {
      cases.add(List.of("", "list", "-find", "-export"));
    }
    int accepted = 0;
    int refused = 0;
    for (List<String> c : cases) {
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("home"));
      goEnv.put("GOFLAGS", "");
      Path dir = main;
      for (String word : c.get(0).split(" (?=[A-Z][A-Z0-9_]*=)|(?<=ACCEPTED) ")) {
        if (word.equals("ACCEPTED")) {
          accepted++;
        } else if (word.equals("DIR=out")) {
          dir = out;
        } else if (!word.isEmpty()) {
          goEnv.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
        }
      }
      List<String> cmd = c.subList(1, c.size());
      Run theirs = go(goBin, dir, goEnv, cmd);
      Map<String, String> env = new HashMap<>(goEnv);
      env.put("PWD", dir.toString());
      List<String> argv = new ArrayList<>(List.of("--go-version", full));
      argv.addAll(cmd);
      assertEquals(theirs, goproxy(env, argv), "go" + full + " " + c);
      refused += theirs.status() == 1 && theirs.out().isEmpty() ? 1 : 0;
    }
    assertEquals(cases.size() - accepted, refused, "every case but the accepted ones is one of go's refusals");
  }

  /**
   * goproxy's own {@code --go-version} and {@code --debug} stay accepted among go's flags, before
   * and after the arguments, where go itself has neither: the output is go's without them.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void goproxysOwnOptionsAmongGoFlags(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String full = versionOf(goBin);
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n");
    Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("home"));
    goEnv.put("GOFLAGS", "");
    Map<String, String> env = new HashMap<>(goEnv);
    env.put("PWD", main.toString());
    // {command words, flags}
    List<List<List<String>>> cases = List.of(List.of(List.of("list"), List.of("-m", "-json=Path")),
        List.of(List.of("list"), List.of("-m", "-q")), List.of(List.of("mod", "verify"), List.of("-x")),
        List.of(List.of("mod", "graph"), List.of()), List.of(List.of("list"), List.of("-m", "all", "-e")));
    for (List<List<String>> c : cases) {
      Run theirs = go(goBin, main, goEnv, join(c.get(0), c.get(1)));
      List<List<String>> spellings = List.of(
          join(c.get(0), List.of("--debug", "-go-version=" + full), c.get(1)),
          join(c.get(0), c.get(1), List.of("--go-version", full, "--debug")),
          join(List.of("--debug", "--go-version=" + full), c.get(0), c.get(1)));
      for (List<String> argv : spellings) {
        assertEquals(theirs, goproxy(env, argv), String.join(" ", argv));
      }
    }
  }

  @SafeVarargs
  private static List<String> join(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return all;
  }

  /**
   * {@code list -m -json=Field,...} in a tidy module with a dependency, an available update, a
   * replacement and a failing module ({@code -e}): only the named top-level fields of each object
   * (a named {@code Replace}, {@code Update} or {@code Error} printed whole), GOFLAGS's
   * {@code -json=} fields before the command line's; go's objects byte for byte, go1.19, go1.21
   * and go1.27 (Sum and GoModSum exist from go1.23).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void jsonFieldsAsGo(String release, @TempDir Path tmp) throws Exception {
    Path goBin = goFor(release);
    String full = versionOf(goBin);
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    for (String v : List.of("v1.0.0", "v1.1.0")) {
      for (String p : List.of("example.com/a", "example.com/b")) {
        String name = p.substring(p.lastIndexOf('/') + 1);
        pb.module(FakeModule.builder(p, v).goMod("module " + p + "\n\ngo 1.17\n")
            .file(name + ".go", "package " + name + "\n").build());
      }
    }
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Path local = Files.createDirectories(tmp.resolve("local"));
      Files.writeString(local.resolve("go.mod"), "module example.com/b\n\ngo 1.17\n");
      Files.writeString(local.resolve("b.go"), "package b\n");
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire (\n"
          + "\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n)\n\nreplace example.com/b => ../local\n");
      Files.writeString(main.resolve("main.go"),
          "package main\n\nimport (\n\t_ \"example.com/a\"\n\t_ \"example.com/b\"\n)\n\nfunc main() {}\n");
      Map<String, String> goEnv = GoTool.hermeticEnv(tmp.resolve("home"));
      goEnv.putAll(proxy.environment());
      goEnv.put("GOFLAGS", "-modcacherw");
      Run tidy = go(goBin, main, goEnv, List.of("mod", "tidy"));
      assertEquals(0, tidy.status(), tidy.err());
      List<List<String>> cases = List.of(
          List.of("list", "-m", "-json=Path,Version", "all"),
          List.of("list", "-m", "-json=Path,Replace", "all"),
          List.of("list", "-m", "-json=Replace", "example.com/b"),
          List.of("list", "-m", "-u", "-json=Path,Update", "all"),
          List.of("list", "-m", "-u", "-json=Update", "-json=Indirect", "all"),
          List.of("list", "-m", "-json=Time,Dir,GoMod,GoVersion,Sum,GoModSum,Main,Indirect,Query", "all"),
          List.of("list", "-m", "-json=Path,Version,Query", "example.com/a@latest"),
          List.of("list", "-m", "-versions", "-json=Versions", "example.com/a"),
          List.of("list", "-m", "-e", "-json=Path,Error", "example.com/nosuch@v1.0.0"),
          List.of("list", "-m", "-e", "-json=Path", "example.com/nosuch@v1.0.0"),
          List.of("list", "-m", "-json=Origin,Path", "example.com/a@v1.1.0"),
          List.of("list", "-m", "-json=Retracted,Deprecated,Reuse", "-u", "all"),
          List.of("list", "-m", "-json=", "all"));
      for (String goflags : List.of("-modcacherw", "-modcacherw -json=Version", "-modcacherw -json=Path -json=false")) {
        goEnv.put("GOFLAGS", goflags);
        for (List<String> c : cases) {
          assertSameAsGo(goBin, full, main, goEnv, c);
        }
      }
    }
  }

  /** Unit: go's flag package over go list's flags, without go. */
  @Test
  void parseGoFollowsTheFlagPackage() {
    Args a = Args.parseGo(List.of("-m", "--json=Path", "-mod", "mod", "all", "-u", "--go-version", "1.21"),
        BuildFlags.LIST, "1.27");
    assertEquals(List.of("all", "-u"), a.positional());
    assertEquals(List.of(new Args.Given("m", "true"), new Args.Given("json", "Path"), new Args.Given("mod", "mod")),
        a.given());
    assertEquals("1.21", a.option("go-version").orElseThrow());
    assertEquals("flag provided but not defined: -x",
        assertThrows(GoFlagException.class, () -> Args.parseGo(List.of("-x"), BuildFlags.MOD, "1.27")).getMessage());
    assertEquals("flag provided but not defined: -x",
        assertThrows(GoFlagException.class, () -> Args.parseGo(List.of("-x"), BuildFlags.GRAPH, "1.19")).getMessage());
    assertEquals(List.of(new Args.Given("x", "true")), Args.parseGo(List.of("-x"), BuildFlags.GRAPH, "1.21").given());
    assertEquals("bad flag syntax: ---m",
        assertThrows(GoFlagException.class, () -> Args.parseGo(List.of("---m"), BuildFlags.LIST, "1.27")).getMessage());
    assertEquals("invalid boolean value \"3\" for -u: parse error",
        assertThrows(GoFlagException.class, () -> Args.parseGo(List.of("-u=3", "-q"), BuildFlags.LIST, "1.27"))
            .getMessage());
    assertEquals("flag needs an argument: -reuse",
        assertThrows(GoFlagException.class, () -> Args.parseGo(List.of("-json", "-reuse"), BuildFlags.MOD_DOWNLOAD,
            "1.27")).getMessage());
  }

  /** Unit: go list's -json settings in order. */
  @Test
  void jsonFlagAsGoListSetsIt() {
    assertEquals(new JsonFlag(false, java.util.Set.of()), JsonFlag.of(List.of()));
    assertEquals(new JsonFlag(true, java.util.Set.of()), JsonFlag.of(List.of(new Args.Given("json", "true"))));
    assertEquals(new JsonFlag(false, java.util.Set.of("Path")),
        JsonFlag.of(List.of(new Args.Given("json", "Path"), new Args.Given("json", "0"))));
    assertEquals(new JsonFlag(true, java.util.Set.of("Path", "Dir", "")),
        JsonFlag.of(List.of(new Args.Given("json", "Path,Dir"), new Args.Given("m", "true"),
            new Args.Given("json", ""))));
  }
}
