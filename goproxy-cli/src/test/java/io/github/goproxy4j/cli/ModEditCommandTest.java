package io.github.goproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testing.RandomGoMod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code goproxy mod edit} against {@code go mod edit}: output, messages, exit status and go.mod bytes. */
class ModEditCommandTest {
  /** The real modules' go.mod files bench-download-real.sh leaves (used when present). */
  private static final Path REAL = Paths.get(System.getProperty("java.io.tmpdir"), "goproxy4j-bench-real", "proxy");

  @TempDir Path work;

  static Stream<Arguments> seeds() {
    return IntStream.range(0, 30).mapToObj(i -> Arguments.of(2000L + i));
  }

  private static List<Path> realFiles() throws IOException {
    if (!Files.isDirectory(REAL)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(REAL)) {
      return s.filter(p -> p.toString().endsWith(".mod")).sorted().collect(Collectors.toList());
    }
  }

  /** {exit status, stdout, stderr, go.mod after} of go. */
  private static String[] go(GoTool.Go go, Path dir, List<String> args) throws IOException {
    List<String> a = new ArrayList<>(List.of("mod", "edit"));
    a.addAll(args);
    GoTool.Result r = go.run(dir, go.hermeticEnv(dir), 60, a.toArray(new String[0]));
    return new String[] {Integer.toString(r.exitCode()), r.stdout(), r.stderr(), read(dir)};
  }

  /** {exit status, stdout, stderr, go.mod after} of goproxy following the release. */
  private static String[] ours(GoTool.Go go, Path dir, List<String> args) throws IOException {
    Map<String, String> env = go.hermeticEnv(dir);
    env.put("PWD", dir.toString());
    List<String> argv = new ArrayList<>(List.of("--go-version", go.release(), "mod", "edit"));
    argv.addAll(args);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Goproxy.standard().run(argv, o, e, env, false);
    }
    return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), read(dir)};
  }

  private static String read(Path dir) throws IOException {
    Path f = dir.resolve("go.mod");
    return Files.exists(f) ? new String(Files.readAllBytes(f), StandardCharsets.UTF_8) : "<none>";
  }

  private void assertAsGo(GoTool.Go go, String name, byte[] content, List<String> args, String what)
      throws IOException {
    Path a = Files.createDirectories(work.resolve(name + "-go"));
    Path b = Files.createDirectories(work.resolve(name + "-ours"));
    if (content != null) {
      Files.write(a.resolve("go.mod"), content);
      Files.write(b.resolve("go.mod"), content);
    }
    String[] want = go(go, a, args);
    String[] got = ours(go, b, args);
    String ctx = what + "\n" + go + " mod edit " + String.join(" ", args)
        + (content == null ? "" : "\n--- go.mod:\n" + new String(content, StandardCharsets.UTF_8));
    assertEquals(want[0] + "\n" + want[2], got[0] + "\n" + got[2], "status and stderr; " + ctx);
    assertEquals(want[1], got[1], "stdout; " + ctx);
    assertEquals(want[3], got[3], "go.mod after; " + ctx);
  }

  private static List<GoTool.Go> edgeReleases() {
    GoTool.assumeGo();
    return List.of(GoTool.assumeRelease("1.19"), GoTool.assumeRelease("1.27"));
  }

  /** Random editing flags (a few bad ones) and -print/-json on random and real go.mod files. */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void editsAsGo(long seed) throws IOException {
    List<Path> real = realFiles();
    for (GoTool.Go go : edgeReleases()) {
      Random r = new Random(seed);
      for (int i = 0; i < 4; i++) {
        boolean newer = go.minor() >= 21 && r.nextBoolean();
        byte[] content;
        String source;
        if (!real.isEmpty() && r.nextInt(3) == 0) {
          Path p = real.get(r.nextInt(real.size()));
          content = Files.readAllBytes(p);
          source = REAL.relativize(p).toString();
        } else {
          content = RandomGoMod.file(r, newer).getBytes(StandardCharsets.UTF_8);
          source = "generated";
        }
        List<String> args = RandomGoMod.editFlags(r, newer);
        int out = r.nextInt(4);
        if (out == 0) {
          args.add("-print");
        } else if (out == 1) {
          args.add("-json");
        }
        args.add("go.mod");
        assertAsGo(go, "s" + seed + "-" + go.minor() + "-" + i, content, args, "seed=" + seed + " (" + source + ")");
      }
    }
  }

  static Stream<Arguments> errorCases() {
    return Stream.of(
        List.of(),
        List.of("go.mod"),
        List.of("-json", "-print", "go.mod"),
        List.of("-fmt", "go.mod", "extra"),
        List.of("-fmt", "missing.mod"),
        List.of("-bogus", "go.mod"),
        List.of("-require"),
        List.of("-fmt=maybe", "go.mod"),
        List.of("-fmt=false", "go.mod"),
        List.of("--fmt", "go.mod"),
        List.of("-fmt", "--", "go.mod"),
        List.of("---fmt", "go.mod"),
        List.of("-go=bogus", "go.mod"),
        List.of("-go=1.21.0", "go.mod"),
        List.of("-go", "1.18", "-print", "go.mod"),
        List.of("-go=none", "go.mod"),
        List.of("-toolchain=bogus", "go.mod"),
        List.of("-toolchain=go1.22.1", "-print", "go.mod"),
        List.of("-module=Bad Path", "go.mod"),
        List.of("-module=go", "go.mod"),
        List.of("-module", "example.com/n", "-print", "go.mod"),
        List.of("-require=example.com/a", "go.mod"),
        List.of("-require=example.com/a@v1.2", "-print", "go.mod"),
        List.of("-require=example.com/a@-x", "go.mod"),
        List.of("-require=EXAMPLE/a@v1.0.0", "go.mod"),
        List.of("-require=example.com/a@v1.0.0 x", "go.mod"),
        List.of("-droprequire=example.com/a@v1.0.0", "go.mod"),
        List.of("-exclude=example.com/a@v1.2", "go.mod"),
        List.of("-exclude=example.com/a@v2.0.0", "go.mod"),
        List.of("-exclude=example.com/a/v2@v1.0.0", "go.mod"),
        List.of("-exclude=example.com/a@latest", "go.mod"),
        List.of("-replace=example.com/a", "go.mod"),
        List.of("-replace=example.com/a=>../x", "go.mod"),
        List.of("-replace=example.com/a=example.com/b", "go.mod"),
        List.of("-replace=example.com/a=.", "-print", "go.mod"),
        List.of("-replace=example.com/a=../x@v1.0.0", "go.mod"),
        List.of("-replace=./x=example.com/b@v1.0.0", "go.mod"),
        List.of("-replace=example.com/a@v1.0.0=example.com/b@v1.2.3", "-print", "go.mod"),
        List.of("-dropreplace=../x", "go.mod"),
        List.of("-dropreplace=example.com/a@-v", "go.mod"),
        List.of("-retract=v1", "go.mod"),
        List.of("-retract=[v1.0.0", "go.mod"),
        List.of("-retract=[v1.0.0]", "go.mod"),
        List.of("-retract=[v1.0.0,v1.0.1]", "-retract=v1.0.0", "-print", "go.mod"),
        List.of("-retract=v1.0", "go.mod"),
        List.of("-dropretract=v1.0.0", "-json", "go.mod"),
        List.of("-godebug=nokey", "go.mod"),
        List.of("-godebug=a=\"b\"", "go.mod"),
        List.of("-godebug=panicnil=1", "-json", "go.mod"),
        List.of("-tool=example.com/a@v1", "go.mod"),
        List.of("-tool=example.com/a/cmd", "-print", "go.mod"),
        List.of("-ignore=./x", "-json", "go.mod"),
        List.of("-json", "go.mod")).map(Arguments::of);
  }

  /** go's messages and exit status for bad flags and arguments, on every installed release. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("errorCases")
  void errorsAsGo(List<String> args) throws IOException {
    GoTool.assumeGo();
    byte[] content = ("// Deprecated: use n\nmodule example.com/m\n\ngo 1.16\n\nrequire example.com/a v1.0.0 // indirect\n\n"
        + "retract v1.0.0 // oops\n").getBytes(StandardCharsets.UTF_8);
    int i = 0;
    for (GoTool.Go go : GoTool.installed()) {
      assertAsGo(go, "e" + i++, content, args, "error case");
    }
  }

  /** Without a file argument: the go.mod of the directory or a parent; none at all. */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void findsGoModAsGo(long seed) throws IOException {
    if (seed > 2001) {
      return;
    }
    for (GoTool.Go go : edgeReleases()) {
      String name = "f" + seed + "-" + go.minor();
      Path a = Files.createDirectories(work.resolve(name + "-go/sub"));
      Path b = Files.createDirectories(work.resolve(name + "-ours/sub"));
      if (seed == 2000) {
        byte[] content = "module  example.com/m\ngo 1.17\n".getBytes(StandardCharsets.UTF_8);
        Files.write(a.getParent().resolve("go.mod"), content);
        Files.write(b.getParent().resolve("go.mod"), content);
      }
      String[] want = go(go, a, List.of("-require=example.com/x@v1.0.0", "-print"));
      String[] got = ours(go, b, List.of("-require=example.com/x@v1.0.0", "-print"));
      assertEquals(String.join("|", want), String.join("|", got), go.toString());
    }
  }
}
