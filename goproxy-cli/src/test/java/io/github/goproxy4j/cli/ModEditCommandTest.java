package io.github.goproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testing.RandomGoMod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
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
    String[] run = runOurs(go, dir, go.hermeticEnv(dir), args);
    return new String[] {run[0], run[1], run[2], read(dir)};
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
      // the real files are picked with a Random of their own, and the generated file is drawn
      // either way: a seed's generated cases are the same whether or not the real files exist
      Random pick = new Random(seed ^ 0x5EEDL);
      for (int i = 0; i < 4; i++) {
        boolean newer = go.minor() >= 21 && r.nextBoolean();
        byte[] content = RandomGoMod.file(r, newer).getBytes(StandardCharsets.UTF_8);
        String source = "generated";
        if (!real.isEmpty() && pick.nextInt(3) == 0) {
          Path p = real.get(pick.nextInt(real.size()));
          content = Files.readAllBytes(p);
          source = REAL.relativize(p).toString();
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

  // ---- go and goproxy editing one go.mod at the same time: go mod edit reads go.mod under the
  // shared flock (lockedfile.Read), edits, takes the module cache's side lock and rewrites go.mod
  // in place under the exclusive flock (lockedfile.Transform) only if it still holds the bytes read
  // ("go.mod changed during editing; not overwriting", exit 1, otherwise)

  /** {exit status, stdout, stderr} of goproxy mod edit following {@code go}'s release, in {@code dir} with {@code env}. */
  private static String[] runOurs(GoTool.Go go, Path dir, Map<String, String> env, List<String> args) {
    Map<String, String> e = new HashMap<>(env);
    e.put("PWD", dir.toString());
    List<String> argv = new ArrayList<>(List.of("--go-version", go.release(), "mod", "edit"));
    argv.addAll(args);
    ArgsTest.Run r = ArgsTest.goproxy(e, argv);
    return new String[] {Integer.toString(r.status()), r.out(), r.err()};
  }

  /** {exit status, stdout, stderr} of {@code go mod edit args...} in {@code dir} with {@code env}. */
  private static String[] runGo(GoTool.Go go, Path dir, Map<String, String> env, List<String> args) {
    List<String> a = new ArrayList<>(List.of("mod", "edit"));
    a.addAll(args);
    GoTool.Result r = go.run(dir, env, 120, a.toArray(new String[0]));
    return new String[] {Integer.toString(r.exitCode()), r.stdout(), r.stderr()};
  }

  /** go mod edit (or goproxy's, {@code ours}) with {@code args} in {@code dir}. */
  private static String[] runEdit(boolean ours, GoTool.Go go, Path dir, Map<String, String> env, List<String> args) {
    return ours ? runOurs(go, dir, env, args) : runGo(go, dir, env, args);
  }

  /** The module cache's side lock (modfetch.SideLock) of a hermetic environment, its directory created. */
  private static Path sideLock(Map<String, String> env) throws IOException {
    return Files.createDirectories(Paths.get(env.get("GOPATH"), "pkg", "mod", "cache")).resolve("lock");
  }

  /**
   * Runs the edit ({@code ours}: goproxy's, else go's) with the side lock held by a go process;
   * once /proc/locks shows the edit waiting for it (after its read of go.mod), another writer
   * replaces go.mod with {@code changed}, and the lock is released.
   *
   * @return {exit status, stdout, stderr}
   */
  private static String[] editWhileGoModChanges(boolean ours, GoTool.Go go, Path dir, Map<String, String> env,
      List<String> args, String changed) throws Exception {
    Path side = sideLock(env);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (GoFlock.Holder holder = GoFlock.hold(GoFlock.binary(), side, null)) {
      holder.awaitLocked();
      Future<String[]> run = pool.submit(() -> runEdit(ours, go, dir, env, args));
      GoFlock.awaitWaiter(side, Duration.ofSeconds(60), run::isDone);
      Files.writeString(dir.resolve("go.mod"), changed);
      holder.release();
      return run.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assumeLocksVisible() {
    assumeTrue(GoFlock.flockPlatform() && GoFlock.canSeeWaiters(), "SKIPPED: needs flock and Linux's /proc/locks");
  }

  /**
   * Dropped tools and ignore directives in {@code -json}: x/mod zeroes the entry and its Cleanup
   * keeps it, so go prints {@code {"Path": ""}}; SortBlocks's duplicate removal takes the zeroed
   * entries out once a second zeroed exclude, replacement, tool or ignore shares their null line
   * (each list filtered right after it is marked). Tools from go1.24, ignore from go1.25.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.24", "1.26", "1.27"})
  void droppedToolsAndIgnoresInJsonAsGo(String release) throws IOException {
    GoTool.Go go = GoTool.assumeRelease(release);
    String mod = "module example.com/m\n\ngo 1.24\n\nexclude (\n\texample.com/x v1.0.0\n\texample.com/y v1.0.0\n)\n\n"
        + "replace example.com/r => ../r\n\nreplace example.com/s => ../s\n\n"
        + "tool (\n\texample.com/t\n\texample.com/u\n\texample.com/v\n)\n"
        + (go.minor() >= 25 ? "\nignore (\n\t./a\n\t./b\n\t./c\n)\n" : "");
    List<List<String>> cases = new ArrayList<>(List.of(
        List.of("-droptool=example.com/t"),
        List.of("-droptool=example.com/t", "-droptool=example.com/u"),
        List.of("-dropexclude=example.com/x@v1.0.0", "-dropexclude=example.com/y@v1.0.0", "-droptool=example.com/t"),
        List.of("-dropreplace=example.com/r", "-dropreplace=example.com/s", "-droptool=example.com/u"),
        List.of("-droptool=example.com/t", "-tool=example.com/w"),
        List.of("-droptool=example.com/t", "-dropexclude=example.com/x@v1.0.0")));
    if (go.minor() >= 25) {
      cases.addAll(List.of(
          List.of("-dropignore=./a"),
          List.of("-droptool=example.com/t", "-dropignore=./a", "-dropignore=./b"),
          List.of("-dropignore=./a", "-droptool=example.com/t", "-droptool=example.com/u"),
          List.of("-dropignore=./b", "-ignore=./d")));
    }
    int k = 0;
    for (List<String> edit : cases) {
      for (String out : List.of("-json", "-print")) {
        List<String> args = new ArrayList<>(edit);
        args.add(out);
        args.add("go.mod");
        assertAsGo(go, "dropped-" + release + "-" + k++, mod.getBytes(StandardCharsets.UTF_8), args, "dropped entries");
      }
    }
  }

  /**
   * go.mod changed by another writer between the edit's read and its write: go refuses to write
   * (its message, exit 1) and the other writer's go.mod stays; goproxy must do the same (a
   * goproxy that rewrote go.mod under the lock without comparing would drop the other edit).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void editOfAGoModChangedMeanwhileFailsAsGo(String release) throws Exception {
    assumeLocksVisible();
    GoTool.Go go = GoTool.assumeRelease(release);
    String start = "module example.com/m\n\ngo 1.16\n\nrequire example.com/a v1.0.0\n";
    String changed = "module example.com/m\n\ngo 1.16\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/other v1.0.0\n)\n";
    List<String> args = List.of("-require=example.com/mine@v1.0.0");
    String[][] got = new String[2][];
    for (int side = 0; side < 2; side++) {
      Path dir = Files.createDirectories(work.resolve("changed-" + release + (side == 0 ? "-go" : "-ours")));
      Files.writeString(dir.resolve("go.mod"), start);
      String[] r = editWhileGoModChanges(side == 1, go, dir, go.hermeticEnv(dir.resolve("env")), args, changed);
      got[side] = new String[] {r[0], r[1], r[2], read(dir)};
    }
    assertEquals(String.join("|", got[0]), String.join("|", got[1]), go + ": status, stdout, stderr, go.mod");
    assertEquals(changed, got[0][3], go + " keeps the other writer's go.mod");
  }

  /**
   * go and goproxy adding requirements to one go.mod at the same time, seeded: round after round,
   * on a random go.mod, one to four {@code go mod edit -require=example.com/gR_N@v1.0.0} processes
   * and one to four in-process {@code goproxy mod edit -require=example.com/jR_N@v1.0.0}, each
   * from a random moment, sharing one module cache (so one side lock). Every edit either succeeds
   * (exit 0, no output) or fails with go's own refusal (as go prints it when go.mod changes
   * between its read and its write: no update is lost silently); the go.mod left holds exactly the
   * requirements of the edits that succeeded: byte for byte what go writes applying them one after
   * the other, which parses and {@code go mod edit -fmt} rewrites as it rewrites go's own file
   * (unchanged, but for comments in odd places of the random go.mod that go's edit output moves).
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.19, 20261206", "1.27, 20261206"})
  void goAndGoproxyEditOneGoModAtTheSameTime(String release, long seed) throws Exception {
    race(release, seed, 4);
  }

  /** {@link #goAndGoproxyEditOneGoModAtTheSameTime} with a new seed and 40 rounds. */
  @Tag("load")
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void goAndGoproxyEditOneGoModAtTheSameTimeManyRounds(String release) throws Exception {
    race(release, System.nanoTime(), 40);
  }

  private void race(String release, long seed, int rounds) throws Exception {
    assumeLocksVisible();
    GoTool.Go go = GoTool.assumeRelease(release);
    System.out.println("ModEditCommandTest race " + go + " seed=" + seed + " rounds=" + rounds);
    Random r = new Random(seed);
    Map<String, String> env = go.hermeticEnv(work.resolve("race-env"));
    // go's refusal, as go words it (and goproxy's, warmed up)
    Path probe = Files.createDirectories(work.resolve("race-probe"));
    String changed = "module example.com/m\n";
    Files.writeString(probe.resolve("go.mod"), "module example.com/m\n\ngo 1.16\n");
    String[] refusal = editWhileGoModChanges(false, go, probe, env, List.of("-require=example.com/x@v1.0.0"), changed);
    assertEquals("1", refusal[0], go + " refuses: " + String.join("|", refusal));
    Files.writeString(probe.resolve("go.mod"), "module example.com/m\n\ngo 1.16\n");
    assertEquals(String.join("|", refusal),
        String.join("|", editWhileGoModChanges(true, go, probe, env, List.of("-require=example.com/x@v1.0.0"), changed)),
        "goproxy refuses as go");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    int[] ok = new int[2];
    int[] refused = new int[2];
    try {
      for (int round = 0; round < rounds; round++) {
        // a random go.mod, and a block of many requirements: go's read-to-write window grows with
        // the file (parsing and formatting it), so edits overlap
        StringBuilder padded = new StringBuilder(RandomGoMod.file(r, go.minor() >= 21 && r.nextBoolean()));
        padded.append("\nrequire (\n");
        for (int i = 0, pad = 500 + r.nextInt(2500); i < pad; i++) {
          padded.append(String.format("\texample.com/pad/p%04d v1.0.0\n", i));
        }
        String start = padded.append(")\n").toString();
        Path dir = Files.createDirectories(work.resolve("race" + round));
        Files.writeString(dir.resolve("go.mod"), start);
        List<String> paths = new ArrayList<>();
        List<Boolean> sides = new ArrayList<>();
        List<Integer> delays = new ArrayList<>();
        int nGo = 1 + r.nextInt(4);
        int nOurs = 1 + r.nextInt(4);
        for (int i = 0; i < nGo + nOurs; i++) {
          boolean ours = i >= nGo;
          paths.add("example.com/" + (ours ? "j" : "g") + round + "_" + i);
          sides.add(ours);
          delays.add(r.nextInt(40));
        }
        String ctx = go + " seed=" + seed + " round=" + round + " edits " + paths + " from " + delays
            + " ms\nstart go.mod (" + start.length() + " bytes):\n" + start.substring(0, Math.min(start.length(), 800));
        CountDownLatch ready = new CountDownLatch(paths.size());
        List<Future<String[]>> runs = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
          int k = i;
          runs.add(pool.submit(() -> {
            ready.countDown();
            ready.await();
            Thread.sleep(delays.get(k));
            return runEdit(sides.get(k), go, dir, env, List.of("-require=" + paths.get(k) + "@v1.0.0"));
          }));
        }
        List<String> applied = new ArrayList<>();
        StringBuilder outcomes = new StringBuilder();
        for (int i = 0; i < paths.size(); i++) {
          String[] res = runs.get(i).get(120, TimeUnit.SECONDS);
          String what = (sides.get(i) ? "goproxy " : "go ") + paths.get(i) + ": " + String.join("|", res);
          outcomes.append(what).append('\n');
          int side = sides.get(i) ? 1 : 0;
          if (res[0].equals("0")) {
            assertEquals("0||", String.join("|", res), ctx);
            applied.add(paths.get(i));
            ok[side]++;
          } else {
            assertEquals(String.join("|", refusal), String.join("|", res), "only go's refusal: " + what + "\n" + ctx);
            refused[side]++;
          }
        }
        String after = read(dir);
        ctx += "\noutcomes:\n" + outcomes;
        assertTrue(!applied.isEmpty(), "the first writer's edit succeeds: " + ctx);
        // what go writes applying the successful edits one after the other
        Path serial = Files.createDirectories(work.resolve("serial" + round));
        Files.writeString(serial.resolve("go.mod"), start);
        applied.sort(null);
        for (String path : applied) {
          assertEquals("0||", String.join("|", runGo(go, serial, env, List.of("-require=" + path + "@v1.0.0"))), ctx);
        }
        assertEquals(read(serial), after, "go.mod holds every successful edit as go writes it: " + ctx);
        // go parses it, and -fmt leaves it as it leaves go's own file (go's edit output is not
        // always -fmt's fixed point: comments in odd places move)
        assertEquals("0||", String.join("|", runGo(go, dir, env, List.of("-fmt"))), "go parses it: " + ctx);
        assertEquals("0||", String.join("|", runGo(go, serial, env, List.of("-fmt"))), ctx);
        assertEquals(read(serial), read(dir), "go mod edit -fmt leaves it as go's own: " + ctx);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("  go: " + ok[0] + " edits written, " + refused[0] + " refused; goproxy: " + ok[1]
        + " written, " + refused[1] + " refused");
    assertTrue(ok[0] > 0 && ok[1] > 0, "both sides' edits were written in some round");
  }

  /** The version {@link #bigGoMod} requires {@code example.com/big/p0000} at: short or long. */
  private static String firstVersion(boolean longer) {
    return longer ? "v1.0.1-0.20200101000000-abcdefabcdef" : "v1.0.0";
  }

  /**
   * A go.mod of {@code n} requirements ({@code example.com/big/pN v1.0.0}, the first at {@link
   * #firstVersion}), in go's format: an edit of its first requirement rewrites the whole file,
   * every byte after it moved.
   */
  private static String bigGoMod(int n, boolean longer) {
    StringBuilder b = new StringBuilder("module example.com/m\n\ngo 1.16\n\nrequire (\n");
    for (int i = 0; i < n; i++) {
      b.append(String.format("\texample.com/big/p%04d %s\n", i, i == 0 ? firstVersion(longer) : "v1.0.0"));
    }
    return b.append(")\n").toString();
  }

  /** The edit that gives {@link #bigGoMod} its first requirement's {@code longer} version. */
  private static List<String> firstFlag(boolean longer) {
    return List.of("-require=example.com/big/p0000@" + firstVersion(longer));
  }

  /**
   * A torn go.mod never becomes visible to go: while goproxy rewrites a large go.mod over and over
   * (its first requirement's version longer, then shorter again: the file grows and shrinks, every
   * byte rewritten in place as go's lockedfile.Transform does), go reads it the way lockedfile.Read does (a reader
   * looping on the shared flock, thousands of reads) and with {@code go mod edit -print}; every
   * read must be one of the two whole files go itself writes for them (checked: go's own bytes).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void goSeesOnlyWholeGoModsWhileGoproxyRewrites(String release) throws Exception {
    assumeLocksVisible();
    GoTool.Go go = GoTool.assumeRelease(release);
    Path dir = Files.createDirectories(work.resolve("torn-go-reads"));
    Map<String, String> env = go.hermeticEnv(work.resolve("torn-env"));
    int n = 4000;
    String shorter = bigGoMod(n, false);
    String longer = bigGoMod(n, true);
    // both are go's bytes
    Files.writeString(dir.resolve("go.mod"), shorter);
    assertEquals("0|" + longer + "|", String.join("|", runGo(go, dir, env, withPrint(firstFlag(true)))), "go's longer");
    assertEquals("0|" + shorter + "|", String.join("|", runGo(go, dir, env, List.of("-print"))), "go's shorter");
    Map<String, String> names = Map.of(GoFlock.sha256Hex(shorter.getBytes(StandardCharsets.UTF_8)), "shorter",
        GoFlock.sha256Hex(longer.getBytes(StandardCharsets.UTF_8)), "longer");
    long millis = 2000;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      AtomicBoolean stop = new AtomicBoolean();
      Future<Integer> writer = pool.submit(() -> {
        int writes = 0;
        for (boolean grow = true; !stop.get(); grow = !grow) {
          assertEquals("0||", String.join("|", runOurs(go, dir, env, firstFlag(grow))), "goproxy's edit");
          assertEquals(grow ? longer : shorter, read(dir), "goproxy writes go's bytes");
          writes++;
        }
        return writes;
      });
      Future<List<String>> printer = pool.submit(() -> {
        List<String> seen = new ArrayList<>();
        for (long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis); System.nanoTime() < end; ) {
          String[] res = runGo(go, dir, env, List.of("-print"));
          seen.add(res[0].equals("0") && res[1].equals(shorter) ? "shorter" : res[0].equals("0") && res[1].equals(longer)
              ? "longer" : "torn: " + String.join("|", res));
        }
        return seen;
      });
      Process loop = GoFlock.readLoop(GoFlock.binary(), dir.resolve("go.mod"), millis);
      List<String> hashes = new String(loop.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertTrue(loop.waitFor(60, TimeUnit.SECONDS) && loop.exitValue() == 0, "the reader ran");
      List<String> prints = printer.get(120, TimeUnit.SECONDS);
      stop.set(true);
      int writes = writer.get(120, TimeUnit.SECONDS);
      Map<String, Integer> count = new TreeMap<>();
      for (String h : hashes) {
        count.merge(names.getOrDefault(h, "torn"), 1, Integer::sum);
      }
      for (String p : prints) {
        count.merge("print " + (p.startsWith("torn") ? "torn" : p), 1, Integer::sum);
      }
      System.out.println("ModEditCommandTest " + go + ": goproxy wrote go.mod " + writes + " times; go read " + count);
      assertEquals(List.of(), prints.stream().filter(p -> p.startsWith("torn")).toList(), "go mod edit -print saw a torn go.mod");
      assertEquals(null, count.get("torn"), "go's locked reads saw a torn go.mod: " + count);
      assertTrue(writes > 1 && count.containsKey("shorter") && count.containsKey("longer"),
          "the reads saw both files: " + count + ", " + writes + " writes");
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> withPrint(List<String> flags) {
    List<String> l = new ArrayList<>(flags);
    l.add("-print");
    return l;
  }

  /**
   * And the other way, made deterministic: a go process holds go.mod's exclusive flock, as go does
   * while lockedfile.Transform rewrites it in place, and the file is half written (the new file's
   * first half over the old one's). {@code go mod edit -print} then waits for the lock (/proc/locks
   * shows it) and prints the whole new file once the writer finishes and unlocks; goproxy's must
   * too (one that read go.mod without go's shared lock would print the torn file).
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void readWaitsForAWriteInProgressAsGo(String release) throws Exception {
    assumeLocksVisible();
    GoTool.Go go = GoTool.assumeRelease(release);
    String before = bigGoMod(400, false);
    String after = bigGoMod(400, true);
    String torn = after.substring(0, after.length() / 2) + before.substring(after.length() / 2);
    Path content = Files.writeString(work.resolve("after.mod"), after);
    String[][] got = new String[2][];
    for (int side = 0; side < 2; side++) {
      boolean ours = side == 1;
      Path dir = Files.createDirectories(work.resolve("inprogress-" + release + (ours ? "-ours" : "-go")));
      Path gomod = Files.writeString(dir.resolve("go.mod"), before);
      Map<String, String> env = go.hermeticEnv(dir.resolve("env"));
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try (GoFlock.Holder writer = GoFlock.hold(GoFlock.binary(), gomod, content)) {
        writer.awaitLocked();
        Files.writeString(gomod, torn); // the writer is half-way
        Future<String[]> run = pool.submit(() -> runEdit(ours, go, dir, env, List.of("-print")));
        GoFlock.awaitWaiter(gomod, Duration.ofSeconds(60), run::isDone);
        writer.release();
        got[side] = run.get(60, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }
    }
    assertEquals("0|" + after + "|", String.join("|", got[0]), go + " prints the whole new go.mod");
    assertEquals(String.join("|", got[0]), String.join("|", got[1]), "goproxy as " + go);
  }

  // ---- -h

  /**
   * go's flag.ErrHelp: {@code -h}, {@code -help} (a value too, two dashes too) where a flag may
   * stand prints mod edit's usage lines alone, exit status 2, after a flag error before it and a
   * bad GOFLAGS; after the file argument it is an argument. goproxy's {@code --help} is its own
   * help. go1.19, go1.21, go1.27: exit status, stdout, stderr, go.mod unchanged.
   */
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.21", "1.27"})
  void helpFlagAsGo(String release) throws Exception {
    GoTool.Go go = GoTool.assumeRelease(release);
    Path dir = Files.createDirectories(work.resolve("help-" + release));
    String goMod = "module example.com/m\n\ngo 1.17\n";
    Files.writeString(dir.resolve("go.mod"), goMod);
    Map<String, String> env = go.hermeticEnv(dir.resolve("env"));
    List<List<String>> cases = List.of(List.of("-h"), List.of("-help"), List.of("-print", "-h"), List.of("-h=false"),
        List.of("-bogus", "-h"), List.of("-help", "-bogus"), List.of("--h"), List.of("go.mod", "-h"),
        List.of("-require=example.com/x@v1.0.0", "-help"));
    for (String goflags : List.of("", "-bogus", "-x=maybe")) {
      env.put("GOFLAGS", goflags);
      for (List<String> c : cases) {
        String[] theirs = runGo(go, dir, env, c);
        assertEquals(goMod, Files.readString(dir.resolve("go.mod")), go + " " + c);
        String[] ours = runOurs(go, dir, env, c);
        assertEquals(String.join("|", theirs), String.join("|", ours), go + " GOFLAGS=" + goflags + " " + c);
        assertEquals(goMod, Files.readString(dir.resolve("go.mod")), go + " " + c);
      }
    }
    env.put("GOFLAGS", "");
    String[] own = runOurs(go, dir, env, List.of("-h", "--help"));
    assertEquals("0", own[0], String.join("|", own));
    assertTrue(own[1].startsWith("goproxy mod edit"), own[1]);
  }

  // ---- -modfile and -C (chdirflag)

  /** The files of a {@link #modFileAndChdirAsGo} tree, each file's bytes after a command ("<none>" when absent). */
  private static String treeFiles(Path root) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String f : List.of("m/go.mod", "m/alt.mod", "m/alt.txt", "m/broken.mod", "m/sub/go.mod", "outside/alt.mod")) {
      Path p = root.resolve(f);
      b.append("--- ").append(f).append(":\n")
          .append(Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "<none>\n");
    }
    return b.toString();
  }

  private static void modFileTree(Path root) throws IOException {
    Files.createDirectories(root.resolve("m/sub"));
    Files.createDirectories(root.resolve("outside"));
    Files.writeString(root.resolve("m/go.mod"), "module example.com/m\n\ngo 1.17\n\nrequire example.com/a v1.0.0\n");
    Files.writeString(root.resolve("m/alt.mod"), "module   example.com/alt\ngo 1.18\nrequire (\n\texample.com/a v1.1.0\n)\n");
    Files.writeString(root.resolve("m/alt.txt"), "module example.com/txt\n");
    Files.writeString(root.resolve("m/broken.mod"), "module example.com/broken\n\nrequire example.com/a\n");
    Files.writeString(root.resolve("outside/alt.mod"), "module example.com/outside\n");
    Files.writeString(root.resolve("afile"), "not a directory\n");
    Files.createDirectories(root.resolve("gp"));
    Files.writeString(root.resolve("gp/go.mod"), "module example.com/gp\n\ngo 1.17\n");
  }

  /**
   * go mod edit's {@code -modfile} (its own flag, from AddModCommonFlags in every release, and
   * GOFLAGS's; the command line's wins): without a file argument the file edited is modload's
   * ModFilePath, the -modfile file as given, relative to the working directory, after modload.Init's
   * refusals (no main module, no {@code .mod} extension); with one the argument is edited and
   * -modfile is not looked at; Init reads GO111MODULE first (off: no main module, an unknown value
   * fails), also without -modfile. And go's {@code -C dir} (go1.20 on; go1.19 knows no such flag):
   * only as the first flag, relative paths (also -modfile's) from the new directory, go's chdir
   * errors, and GOFLAGS=-C refused. Without a file argument, modload.Init's go.mod placement rules
   * in go's order: a go.mod in the system temp directory itself (TMPDIR) ignored with a warning,
   * then no main module (under GO111MODULE=auto too), before {@code -modfile}'s extension check;
   * a go.mod in GOPATH's first entry a failure up to go1.21, from go1.22 a warning after which the
   * module found is edited (GOPATH's own go.mod when run there), outside a module the no-go.mod
   * line; neither rule with a file argument. go1.19, go1.21, go1.22 and go1.27 with goproxy
   * following each: exit status, stdout, stderr and every file of the tree after each command,
   * each command on a fresh tree.
   */
  @ParameterizedTest(name = "go{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1.19", "1.21", "1.22", "1.27"})
  void modFileAndChdirAsGo(String release) throws IOException {
    GoTool.assumeGo();
    GoTool.Go go = GoTool.assumeRelease(release);
    // {directory the command runs in (relative to the tree), GOFLAGS beyond -modcacherw, arguments...}
    List<List<String>> cases = List.of(
        List.of("m", "", "-modfile=alt.mod", "-require=example.com/x@v1.0.0"),
        List.of("m", "", "-modfile", "alt.mod", "-json"),
        List.of("m", "", "-modfile=alt.mod", "-print", "-go=1.21"),
        List.of("m/sub", "", "-modfile=../alt.mod", "-fmt"),
        List.of("m", "", "-modfile=alt.txt", "-fmt"),
        List.of("m", "", "-modfile=nosuch.mod", "-fmt"),
        List.of("m", "", "-modfile=broken.mod", "-fmt"),
        List.of("m/sub", "", "-modfile=../broken.mod", "-json"),
        List.of("outside", "", "-modfile=alt.mod", "-fmt"),
        List.of("m", "", "-modfile=alt.txt", "-fmt", "alt.mod"),
        List.of("outside", "", "-modfile=alt.mod", "-fmt", "../m/alt.mod"),
        List.of("m", "-modfile=alt.mod", "-droprequire=example.com/a"),
        List.of("m", "-modfile=alt.txt", "-modfile=alt.mod", "-json"),
        List.of("m", "-modfile=alt.txt", "-json"),
        List.of("m", "-modfile=alt.mod", "-fmt", "go.mod"),
        List.of("outside", "-modfile=alt.mod", "-json"),
        List.of(".", "", "-C", "m", "-modfile=alt.mod", "-print"),
        List.of(".", "", "-C=m", "-require=example.com/y@v1.2.3"),
        List.of(".", "", "--C", "m/sub", "-fmt"),
        List.of(".", "", "-C", "m/sub", "-modfile=../alt.mod", "-exclude=example.com/a@v1.0.0"),
        List.of(".", "-modfile=alt.mod", "-C", "m", "-json"),
        List.of(".", "-modfile=m/alt.mod", "-C", "m", "-json"),
        List.of(".", "", "-print", "-C", "m"),
        List.of(".", "", "-C", "m", "-C", "m", "-print"),
        List.of(".", "", "-C", "m", "-print", "-C"),
        List.of(".", "", "-C", "nosuch", "-print"),
        List.of(".", "", "-C", "afile", "-print"),
        List.of(".", "", "-C=", "-print"),
        List.of(".", "", "-C", "outside", "-modfile=alt.mod", "-print"),
        List.of("m", "-C=m", "-print"),
        List.of("m", "-C", "-print"),
        List.of("m", "-modcacherw=maybe", "-print"),
        List.of("m", "GO111MODULE=off", "-modfile=alt.mod", "-json"),
        List.of("m", "GO111MODULE=off", "-json"),
        List.of("m", "GO111MODULE=off", "-json", "go.mod"),
        List.of("m", "GO111MODULE=bogus", "-modfile=alt.mod", "-fmt"),
        List.of("outside", "GO111MODULE=auto", "-modfile=alt.mod", "-fmt"),
        List.of("m", "GO111MODULE=auto", "-modfile=alt.mod", "-droprequire=example.com/a"),
        List.of("m/sub", "TMPDIR=m", "-print"),
        List.of("m/sub", "TMPDIR=m GO111MODULE=auto", "-print"),
        List.of("m/sub", "TMPDIR=m GO111MODULE=auto", "-modfile=../alt.txt", "-print"),
        List.of("m/sub", "TMPDIR=m", "-modfile=../alt.txt", "-print"),
        List.of("m/sub", "TMPDIR=m", "-modfile=../alt.mod", "-print"),
        List.of("m/sub", "TMPDIR=m", "-fmt", "../go.mod"),
        List.of("m/sub", "TMPDIR=m GOPATH=gp", "-print"),
        List.of("m", "GOPATH=gp", "-print"),
        List.of("m", "GOPATH=gp GO111MODULE=auto", "-droprequire=example.com/a"),
        List.of("m", "GOPATH=gp", "-modfile=alt.txt", "-print"),
        List.of("m", "GOPATH=gp", "-modfile=alt.mod", "-require=example.com/x@v1.0.0"),
        List.of("m", "GOPATH=gp", "-print", "go.mod"),
        List.of("outside", "GOPATH=gp", "-print"),
        List.of("outside", "GOPATH=gp GO111MODULE=auto", "-print"),
        List.of("gp", "GOPATH=gp", "-require=example.com/x@v1.0.0"));
    int n = 0;
    for (List<String> c : cases) {
      String name = "c" + release + "-" + n++;
      Path theirs = work.resolve(name + "-go");
      Path mine = work.resolve(name + "-ours");
      modFileTree(theirs);
      modFileTree(mine);
      List<String> args = c.subList(2, c.size());
      Settings set = Settings.parse(c.get(1));
      Map<String, String> goEnv = set.env(go, theirs);
      List<String> a = new ArrayList<>(List.of("mod", "edit"));
      a.addAll(args);
      GoTool.Result want = go.run(theirs.resolve(c.get(0)), goEnv, 60, a.toArray(new String[0]));
      Map<String, String> env = set.env(go, mine);
      env.put("PWD", mine.resolve(c.get(0)).normalize().toString());
      List<String> argv = new ArrayList<>(List.of("--go-version", go.release()));
      argv.addAll(a);
      ArgsTest.Run ours = ArgsTest.goproxy(env, argv);
      String what = go + " in " + c.get(0) + " " + set + " mod edit " + String.join(" ", args);
      assertEquals(want.exitCode() + "\n" + want.stderr(),
          ours.status() + "\n" + ours.err().replace(mine.toString(), theirs.toString()),
          "status and stderr; " + what);
      assertEquals(want.stdout(), ours.out(), "stdout; " + what);
      assertEquals(treeFiles(theirs), treeFiles(mine), "files after; " + what);
    }
  }

  /**
   * A case's settings column: GOFLAGS words ({@code -...}) and settings ({@code GO111MODULE=}, and
   * {@code TMPDIR=}, {@code GOPATH=}, {@code GOROOT=} naming a directory of the case's tree).
   */
  private record Settings(String go111, String goflags, Map<String, String> dirs) {
    static Settings parse(String column) {
      String go111 = "on";
      String goflags = "-modcacherw";
      Map<String, String> dirs = new java.util.TreeMap<>();
      for (String w : column.split(" ")) {
        if (w.startsWith("GO111MODULE=")) {
          go111 = w.substring("GO111MODULE=".length());
        } else if (w.matches("(TMPDIR|GOPATH|GOROOT)=.*")) {
          dirs.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
        } else if (!w.isEmpty()) {
          goflags += " " + w;
        }
      }
      return new Settings(go111, goflags, dirs);
    }

    /** {@code go}'s hermetic environment for {@code tree} with these settings (PWD left to the caller). */
    Map<String, String> env(GoTool.Go go, Path tree) {
      Map<String, String> env = go.hermeticEnv(tree);
      env.put("GOFLAGS", goflags);
      env.put("GO111MODULE", go111);
      dirs.forEach((k, v) -> env.put(k, tree.resolve(v).toString()));
      return env;
    }

    @Override
    public String toString() {
      return "GOFLAGS=" + goflags + " GO111MODULE=" + go111 + " " + dirs;
    }
  }

  /** modload's altConfigs up to go1.21 (go1.22 on: {@code .git/config} only). */
  private static final List<String> ALT_CONFIGS = List.of("Gopkg.lock", "GLOCKFILE", "Godeps/Godeps.json",
      "dependencies.tsv", "glide.lock", "vendor.conf", "vendor.yml", "vendor/manifest", "vendor/vendor.json",
      ".git/config");

  /**
   * A tree for {@link #altConfigHintAsGo}: each word a file (any content; a go.mod gets a module
   * line), {@code dir/} a directory, {@code link->target} a symbolic link (target relative to the
   * link's directory); {@code a/b} and {@code c} always exist.
   */
  private static void altTree(Path root, String spec) throws IOException {
    Files.createDirectories(root.resolve("a/b"));
    Files.createDirectories(root.resolve("c"));
    for (String w : spec.split(" ")) {
      if (w.isEmpty()) {
        continue;
      }
      if (w.contains("->")) {
        Path link = root.resolve(w.substring(0, w.indexOf("->")));
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(w.substring(w.indexOf("->") + 2)));
      } else if (w.endsWith("/")) {
        Files.createDirectories(root.resolve(w));
      } else {
        Path f = root.resolve(w);
        Files.createDirectories(f.getParent());
        Files.writeString(f, w.endsWith("go.mod") ? "module example.com/" + f.getParent().getFileName() + "\n" : "x\n");
      }
    }
  }

  /**
   * go's {@code cannot find main module, but found NAME in DIR} (modload's die, which go mod edit
   * reaches through ModFilePath when no file is named and no main module is found): each of
   * modload's altConfigs of the release (go1.19 and go1.21: ten files; go1.22 on: .git/config),
   * at the working directory (no {@code cd}) and a parent ({@code cd ..}), the first in go's order
   * within a directory and the nearest directory winning; a directory of that name, a {@code .git}
   * file and a dangling link not counted, a link to a file counted; a logical working directory
   * (PWD through a link) named as go names it; GO111MODULE=auto (GOPATH mode), off (go's
   * modules-disabled line first), inside $GOPATH/src; {@code -modfile} (flag or GOFLAGS) refused
   * first; a go.mod in the system temp root ignored (the warning, then the hint); a go.mod in
   * GOPATH's first entry (up to go1.21 its failure, from go1.22 that module edited); no hint in
   * GOROOT; none with a file argument. Exit status, stdout, stderr and the tree's go.mod files,
   * byte for byte, each case on a fresh tree.
   */
  @ParameterizedTest(name = "go{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1.19", "1.21", "1.22", "1.27"})
  void altConfigHintAsGo(String release) throws IOException {
    GoTool.assumeGo();
    GoTool.Go go = GoTool.assumeRelease(release);
    // {working directory, settings (GO111MODULE=, GOPATH=, TMPDIR=, GOROOT= naming a directory of
    // the tree; other words GOFLAGS), tree (altTree), mod edit's arguments}
    List<List<String>> cases = new ArrayList<>();
    for (String name : ALT_CONFIGS) {
      cases.add(List.of("a/b", "", "a/b/" + name, "-fmt"));
      cases.add(List.of("a/b", "", "a/" + name, "-json"));
    }
    cases.addAll(List.of(
        List.of("a/b", "", ".git/config", "-fmt"),
        List.of("a/b", "", "a/.git/config a/Gopkg.lock", "-fmt"),
        List.of("a/b", "", "a/.git/config a/b/glide.lock", "-print"),
        List.of("a/b", "", "a/vendor.conf/ a/Godeps/Godeps.json/ a/.git/config/", "-fmt"),
        List.of("a/b", "", "a/.git .git/config", "-fmt"),
        List.of("a/b", "", "a/.git/config->nosuch", "-fmt"),
        List.of("a/b", "", "a/.git/config->../../c/target c/target", "-fmt"),
        List.of("a/b", "", "a/.git/config->../../c c/vendor.yml", "-fmt"),
        List.of("l/b", "", "l->a a/.git/config", "-fmt"),
        List.of("a/b", "GO111MODULE=auto", "a/.git/config", "-fmt"),
        List.of("a/b", "GO111MODULE=off", "a/.git/config", "-fmt"),
        List.of("a/b", "", "a/.git/config", "-modfile=x.mod", "-fmt"),
        List.of("a/b", "-modfile=x.mod", "a/.git/config", "-fmt"),
        List.of("a/b", "", "a/.git/config", "-fmt", "x.mod"),
        List.of("gp/src/x", "GOPATH=gp GO111MODULE=auto", "gp/src/x/ gp/.git/config", "-fmt"),
        List.of("gp/src/x", "GOPATH=gp", "gp/src/x/ gp/.git/config", "-fmt"),
        List.of("a/b", "TMPDIR=a", "a/go.mod a/.git/config", "-fmt"),
        List.of("a/b", "TMPDIR=a GO111MODULE=auto", "a/go.mod .git/config", "-print"),
        List.of("a/b", "GOPATH=a", "a/go.mod .git/config", "-require=example.com/x@v1.0.0"),
        List.of("c", "GOPATH=a", "a/go.mod .git/config", "-fmt"),
        List.of("a/b", "GOROOT=a", ".git/config", "-fmt"),
        List.of("a/b", "GOROOT=a/b/c", ".git/config a/b/c/", "-fmt")));
    int n = 0;
    for (List<String> c : cases) {
      String name = "h" + release + "-" + n++;
      Path theirs = work.resolve(name + "-go");
      Path mine = work.resolve(name + "-ours");
      altTree(theirs, c.get(2));
      altTree(mine, c.get(2));
      List<String> args = c.subList(3, c.size());
      Settings set = Settings.parse(c.get(1));
      List<String> a = new ArrayList<>(List.of("mod", "edit"));
      a.addAll(args);
      Map<String, String> goEnv = set.env(go, theirs);
      goEnv.put("PWD", theirs.resolve(c.get(0)).toString());
      GoTool.Result want = go.run(theirs.resolve(c.get(0)), goEnv, 60, a.toArray(new String[0]));
      Map<String, String> env = set.env(go, mine);
      env.put("PWD", mine.resolve(c.get(0)).toString());
      List<String> argv = new ArrayList<>(List.of("--go-version", go.release()));
      argv.addAll(a);
      ArgsTest.Run ours = ArgsTest.goproxy(env, argv);
      String what = go + " in " + c.get(0) + " tree " + c.get(2) + " " + set + " mod edit " + String.join(" ", args);
      assertEquals(want.exitCode() + "\n" + want.stderr(),
          ours.status() + "\n" + ours.err().replace(mine.toString(), theirs.toString()),
          "status and stderr; " + what);
      assertEquals(want.stdout().replace(theirs.toString(), "<tree>"),
          ours.out().replace(mine.toString(), "<tree>"), "stdout; " + what);
      assertEquals(goMods(theirs), goMods(mine), "go.mod files after; " + what);
    }
  }

  /** The go.mod files of an {@link #altTree}, each with its bytes. */
  private static String goMods(Path root) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String f : List.of("a/go.mod", "a/b/go.mod", "gp/go.mod")) {
      Path p = root.resolve(f);
      b.append("--- ").append(f).append(":\n")
          .append(Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "<none>\n");
    }
    return b.toString();
  }

  /**
   * go mod edit's {@code -go} and {@code -toolchain} refusals name go's full release
   * ({@code expecting something like "-go 1.27.3"}; go1.19 its language version); goproxy names the
   * release followed as given: {@code 1.27} for {@code --go-version 1.27} (and by default),
   * {@code 1.27.3} when given so; otherwise go's output byte for byte (exit status, stdout,
   * stderr, go.mod), on the command line and in GOFLAGS, a newer {@code -go} edited as go edits
   * it. go1.19, go1.21 and go1.27.
   */
  @ParameterizedTest(name = "go{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1.19", "1.21", "1.27"})
  void goFlagRefusalsNameTheReleaseAsGo(String release) throws IOException {
    GoTool.assumeGo();
    GoTool.Go go = GoTool.assumeRelease(release);
    String full = go.release();
    String lang = go.lang();
    assertTrue(!full.equals(lang), "go names a patch release: " + full);
    // {GOFLAGS beyond -modcacherw, arguments...}
    List<List<String>> cases = List.of(
        List.of("", "-go=x", "-print"),
        List.of("-go=x", "-print"),
        List.of("", "-go=1.99", "-print"),
        List.of("", "-go=" + lang + ".0", "-print"),
        List.of("", "-toolchain=x", "-print"),
        List.of("", "-toolchain=go1.99.1", "-print"),
        List.of("", "-go=1.2.3.4", "-fmt"));
    int n = 0;
    for (List<String> c : cases) {
      List<String> a = new ArrayList<>(List.of("mod", "edit"));
      a.addAll(c.subList(1, c.size()));
      String goflags = ("-modcacherw " + c.get(0)).strip();
      Path theirs = Files.createDirectories(work.resolve("v" + n + "-go"));
      Files.writeString(theirs.resolve("go.mod"), "module example.com/m\n\ngo 1.17\n");
      Map<String, String> goEnv = go.hermeticEnv(theirs);
      goEnv.put("GOFLAGS", goflags);
      GoTool.Result want = go.run(theirs, goEnv, 60, a.toArray(new String[0]));
      for (String given : List.of(lang, full)) {
        Path mine = Files.createDirectories(work.resolve("v" + n++ + "-ours"));
        Files.writeString(mine.resolve("go.mod"), "module example.com/m\n\ngo 1.17\n");
        Map<String, String> env = go.hermeticEnv(mine);
        env.put("GOFLAGS", goflags);
        env.put("PWD", mine.toString());
        List<String> argv = new ArrayList<>(List.of("--go-version", given));
        argv.addAll(a);
        ArgsTest.Run ours = ArgsTest.goproxy(env, argv);
        String what = go + " (goproxy --go-version " + given + ") GOFLAGS=" + goflags + " " + String.join(" ", a);
        assertEquals(want.exitCode() + "\n" + want.stderr().replace(full, given),
            ours.status() + "\n" + ours.err(), "status and stderr; " + what);
        assertEquals(want.stdout(), ours.out(), "stdout; " + what);
        assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(mine.resolve("go.mod")),
            "go.mod; " + what);
      }
    }
  }
}
