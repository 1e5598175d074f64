package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link GoModWriter} (go's commitRequirements: under {@code -mod=mod} a go.mod without a go line
 * gains one, and its requirements become the converted graph's roots) against the real go, on the
 * seeded universes of {@link GoUniverseFixture}.
 *
 * <p>go writes the main module's go.mod only through lockedfile: modload reads it under the shared
 * flock (lockedfile.Read) before the load, and commitRequirements rewrites it in place under the
 * exclusive flock (lockedfile.Transform), after taking the module cache's side lock
 * ({@code GOMODCACHE/cache/lock}, modfetch.SideLock). Under the lock it writes only when the file
 * still holds the bytes it loaded ("existing contents have changed since last read" otherwise, and
 * nothing written), so an edit another process makes during the load is never overwritten. The
 * tests here are go's rules for that, made observable: the go.mod, go.sum, output and exit status
 * each side leaves.
 *
 * <p>Layout: the shared helpers first, then one section per lane that adds tests (go.mod writes
 * racing go's own writes; the other rewrites under {@code -mod=mod}, appended at the end).
 */
class GoModWriterTest {
  // ---- helpers shared by the sections below

  /** The tidy main module's go.mod without its go line (what the writer gives one). */
  static String withoutGoLine(String goMod) {
    return goMod.replaceAll("(?m)^go [^\n]*\n", "");
  }

  /**
   * go's {@code -mod=mod} environment for the fixture: hermetic, through the fake proxy, GOPATH
   * and HOME under {@code work}, {@code modCache} as GOMODCACHE.
   */
  static Map<String, String> goModModEnv(GoUniverseFixture f, Path work, Path modCache) {
    Map<String, String> env = f.goEnv(work, modCache);
    env.put("GOFLAGS", "-mod=mod -modcacherw");
    return env;
  }

  /**
   * A client following the fixture's release under {@code GOFLAGS=-mod=mod}, {@code modCache} as
   * GOMODCACHE, as go's full release (the go line go1.21 and later add is it).
   */
  static GoProxyClient modModClient(GoUniverseFixture f, Path modCache) {
    Map<String, String> vars = new HashMap<>(f.proxy.environment());
    vars.put("GOPATH", f.tmp.resolve("our-gopath").toString());
    vars.put("GOMODCACHE", modCache.toString());
    vars.put("GOFLAGS", "-mod=mod -modcacherw");
    GoEnv env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion(fullRelease(f.release)).build();
    return GoProxyClient.builder().env(env).build();
  }

  /** The installed release's full version, {@code 1.27.3} for {@code 1.27}. */
  static String fullRelease(String release) {
    return GoTool.assumeRelease(release).release();
  }

  /** go's bytes for {@code goMod} after {@code go mod edit args...} (in a scratch directory under {@code work}). */
  static String goModEdit(GoUniverseFixture f, Path work, String goMod, String... args) throws IOException {
    Path dir = Files.createDirectories(Files.createTempDirectory(Files.createDirectories(work), "edit"));
    Files.writeString(dir.resolve("go.mod"), goMod);
    String[] argv = new String[args.length + 2];
    argv[0] = "mod";
    argv[1] = "edit";
    System.arraycopy(args, 0, argv, 2, args.length);
    f.go(dir, f.goEnv(work, work.resolve("edit-cache")), argv).requireOk();
    return Files.readString(dir.resolve("go.mod"));
  }

  /** A file's content, or {@code (none)}. */
  static String readOrNone(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "(none)";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts {@code go args...} in {@code dir} (stdout and stderr to files under {@code dir}'s parent). */
  static Process startGo(GoUniverseFixture f, Path dir, Map<String, String> env, Path outDir, String... args)
      throws IOException {
    Files.createDirectories(outDir);
    ProcessBuilder pb = new ProcessBuilder(prepend(f.go.toString(), args)).directory(dir.toFile())
        .redirectOutput(outDir.resolve("stdout").toFile()).redirectError(outDir.resolve("stderr").toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  /** The exit status, stdout and stderr of a process {@link #startGo} started, once it ends. */
  static GoTool.Result finish(Process p, Path outDir) throws IOException, InterruptedException {
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("go did not end");
    }
    return new GoTool.Result(p.exitValue(), Files.readString(outDir.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(outDir.resolve("stderr"), StandardCharsets.UTF_8));
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** What {@code go list -m} prints for these modules. */
  static String listing(List<ListedModule> modules) {
    StringBuilder text = new StringBuilder();
    modules.forEach(m -> text.append(m.path()).append(m.version().isEmpty() ? "" : " " + m.version()).append('\n'));
    return text.toString();
  }

  /** go's outcome: {@code ok:} and its standard output, or its exit status and standard error. */
  static String outcome(GoTool.Result r) {
    return r.exitCode() == 0 ? "ok:\n" + r.stdout() : r.exitCode() + "\n" + r.stderr();
  }

  /**
   * The client's outcome as go would show it ({@link #outcome(GoTool.Result)}): {@code ok:} and
   * what go prints ({@code run}'s result), or the exit status 1 and go's text of the failure.
   */
  static String outcome(Future<String> run) throws Exception {
    try {
      return "ok:\n" + run.get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GoProxyException)) {
        throw e;
      }
      return "1\n" + (e.getCause() instanceof ModuleGraphException
          ? ((ModuleGraphException) e.getCause()).goText() : "go: " + e.getCause().getMessage()) + "\n";
    }
  }

  /**
   * Runs {@code go args...} ({@code -mod=mod}) in {@code dir} with the side lock of {@code modCache}
   * held by a go process; once go waits for it (after its load), go.mod becomes {@code edited}
   * and the lock is released.
   */
  static GoTool.Result goEditedAtTheSideLock(GoUniverseFixture f, Path dir, Path work, Path modCache, String edited,
      String... args) throws Exception {
    Path side = Files.createDirectories(modCache.resolve("cache")).resolve("lock");
    try (GoFlock.Holder holder = GoFlock.hold(GoFlock.binary(), side, null)) {
      holder.awaitLocked();
      Path out = Files.createTempDirectory(Files.createDirectories(work), "out");
      Process p = startGo(f, dir, goModModEnv(f, work, modCache), out, args);
      GoFlock.awaitWaiter(side, Duration.ofSeconds(120), () -> !p.isAlive());
      Files.writeString(dir.resolve("go.mod"), edited);
      holder.release();
      return finish(p, out);
    }
  }

  // ---- go and the client writing one go.mod at the same time

  /**
   * go.mod edited while {@code -mod=mod list -m all} (or {@code mod download}, or {@code list -m -e
   * all}) loads: both go and the client are held at
   * the side lock (a go process holds {@code GOMODCACHE/cache/lock}; /proc/locks shows when each
   * waits there, after its load), another writer adds an exclude to go.mod, the lock is released.
   * go does not overwrite the edit: it fails with "updating go.mod: existing contents have changed
   * since last read" and writes neither go.mod nor go.sum (which lacks go.mod lines the load would
   * add); the client must leave the same go.mod
   * and go.sum and fail with go's text (a writer that rewrites whatever it finds under the lock
   * drops the exclude, one that writes without the lock or the check overwrites it). Under {@code
   * -e} go drops that failure: it lists the modules, exit status 0.
   */
  @ParameterizedTest(name = "go{0} seed={1} {2}")
  @CsvSource({"1.19, 20261206, list -m all", "1.27, 20261206, list -m all", "1.19, 20261207, mod download",
      "1.27, 20261207, mod download", "1.19, 20261206, list -m -e all", "1.27, 20261206, list -m -e all"})
  void editDuringTheLoadIsNeverOverwritten(String release, long seed, String command, @TempDir Path tmp)
      throws Exception {
    assumeTrue(GoFlock.flockPlatform() && GoFlock.canSeeWaiters(), "SKIPPED: needs flock and Linux's /proc/locks");
    System.out.println("GoModWriterTest go" + release + " seed=" + seed + " " + command);
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      String start = withoutGoLine(Files.readString(f.main.resolve("go.mod")));
      String edited = goModEdit(f, tmp.resolve("scratch"), start, "-exclude=example.com/edit@v1.0.0");
      // go.sum without every other go.mod line: what the load would add, if go.sum were written
      StringBuilder fewer = new StringBuilder();
      int goModLines = 0;
      for (String l : Files.readString(f.main.resolve("go.sum")).split("(?<=\n)")) {
        if (!l.contains("/go.mod ") || goModLines++ % 2 == 1) {
          fewer.append(l);
        }
      }
      String sum = fewer.toString();
      String ctx = "go" + release + " seed=" + seed + " " + command + " start go.mod:\n" + start + "edited:\n" + edited
          + "start go.sum:\n" + sum;
      Path bin = GoFlock.binary();

      // go
      Path theirs = tmp.resolve("theirs");
      ModDownloadTest.copyTree(f.main, theirs);
      Files.writeString(theirs.resolve("go.mod"), start);
      Files.writeString(theirs.resolve("go.sum"), sum);
      GoTool.Result r = goEditedAtTheSideLock(f, theirs, tmp.resolve("go-work"), tmp.resolve("go-cache"), edited,
          command.split(" "));
      assertEquals(edited, Files.readString(theirs.resolve("go.mod")), "go keeps the edit: " + ctx);

      // the client
      Path ours = tmp.resolve("ours");
      ModDownloadTest.copyTree(f.main, ours);
      Files.writeString(ours.resolve("go.mod"), start);
      Files.writeString(ours.resolve("go.sum"), sum);
      Path ourCache = tmp.resolve("our-cache");
      Path ourSide = Files.createDirectories(ourCache.resolve("cache")).resolve("lock");
      ExecutorService pool = Executors.newSingleThreadExecutor();
      String outcome;
      try (GoProxyClient c = modModClient(f, ourCache); GoFlock.Holder side = GoFlock.hold(bin, ourSide, null)) {
        side.awaitLocked();
        Future<String> run = pool.submit(() -> command.startsWith("list -m -e")
            ? listing(c.listModules(ours, List.of("all"), ListFlags.builder().allowErrors(true).build(), w -> { }))
            : command.startsWith("list") ? listing(c.listModules(ours, false))
            : c.modDownloadResult(ours).modules().isEmpty() ? "" : "(downloaded)");
        GoFlock.awaitWaiter(ourSide, Duration.ofSeconds(120), run::isDone);
        Files.writeString(ours.resolve("go.mod"), edited);
        side.release();
        outcome = outcome(run);
      } finally {
        pool.shutdownNow();
      }
      assertEquals(outcome(r), outcome, "go's outcome: " + ctx);
      assertEquals(edited, Files.readString(ours.resolve("go.mod")), "the edit is kept: " + ctx);
      assertEquals(readOrNone(theirs.resolve("go.sum")), readOrNone(ours.resolve("go.sum")), "go.sum: " + ctx);
    }
  }

  /**
   * The client's go line write ({@code -mod=mod list -m all} on a go.mod without a go line) racing
   * {@code go mod edit -exclude=example.com/gR_N@v1.0.0} processes on one go.mod with one module
   * cache (one side lock), seeded: round after round one to {@code maxEdits} edits start at random
   * moments around the client's previous read-to-write window. The client either writes go.mod or
   * fails with go's own failure for an edit made during its load (as go printed it, held at the
   * side lock); each go edit is written or refused by go; and the go.mod and go.sum left are what
   * go leaves running the same commands one after the other in some order: the edits written
   * before the client's read, go's own {@code -mod=mod list -m all}, the rest (or, when the client
   * failed, the written edits alone). An edit lost, or a go.mod torn or written from a stale read,
   * matches no order.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.19, 20261206", "1.27, 20261206"})
  void goLineWriteRacesGoModEdit(String release, long seed, @TempDir Path tmp) throws Exception {
    goLineWriteRace(release, seed, 4, 2, tmp);
  }

  /** {@link #goLineWriteRacesGoModEdit} with a new seed, 40 rounds and up to 3 edits a round. */
  @Tag("load")
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void goLineWriteRacesGoModEditManyRounds(String release, @TempDir Path tmp) throws Exception {
    goLineWriteRace(release, System.nanoTime(), 40, 3, tmp);
  }

  private static void goLineWriteRace(String release, long seed, int rounds, int maxEdits, Path tmp)
      throws Exception {
    assumeTrue(GoFlock.flockPlatform() && GoFlock.canSeeWaiters(), "SKIPPED: needs flock and Linux's /proc/locks");
    long started = System.nanoTime();
    System.out.println("GoModWriterTest race go" + release + " seed=" + seed + " rounds=" + rounds);
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      SplittableRandom r = f.random;
      String start = withoutGoLine(Files.readString(f.main.resolve("go.mod")));
      String tidySum = Files.readString(f.main.resolve("go.sum"));
      Path cache = tmp.resolve("shared-cache"); // the client's and the edits': one side lock
      Map<String, String> editEnv = f.goEnv(tmp.resolve("edit-work"), cache);
      // go's failure when go.mod changes during its load
      Path probe = tmp.resolve("probe");
      ModDownloadTest.copyTree(f.main, probe);
      Files.writeString(probe.resolve("go.mod"), start);
      GoTool.Result refusal = goEditedAtTheSideLock(f, probe, tmp.resolve("probe-work"), tmp.resolve("probe-cache"),
          goModEdit(f, tmp.resolve("scratch"), start, "-exclude=example.com/probe@v1.0.0"), "list", "-m", "all");
      String refused = outcome(refusal);
      assertEquals(1, refusal.exitCode(), "go refuses: " + refused);
      String refusedSum = Files.readString(probe.resolve("go.sum")); // what go's load left in go.sum
      ExecutorService pool = Executors.newFixedThreadPool(1 + maxEdits);
      int[] client = new int[2];
      int[] edits = new int[2];
      long window = 300;
      try (GoProxyClient c = modModClient(f, cache)) {
        for (int round = 0; round < rounds; round++) {
          Path dir = tmp.resolve("r" + round);
          ModDownloadTest.copyTree(f.main, dir);
          Files.writeString(dir.resolve("go.mod"), start);
          Files.writeString(dir.resolve("go.sum"), tidySum);
          List<String> excludes = new ArrayList<>();
          List<Long> delays = new ArrayList<>();
          for (int i = 0, k = 1 + r.nextInt(maxEdits); i < k; i++) {
            excludes.add("example.com/g" + round + "_" + i);
            delays.add((long) (r.nextDouble() * window * 3)); // before, during and after its load
          }
          String ctx = "go" + release + " seed=" + seed + " round=" + round + ": edits " + excludes + " from " + delays
              + " ms\nstart go.mod:\n" + start;
          CountDownLatch ready = new CountDownLatch(1 + excludes.size());
          List<Future<GoTool.Result>> goRuns = new ArrayList<>();
          for (int i = 0; i < excludes.size(); i++) {
            int k = i;
            goRuns.add(pool.submit(() -> {
              ready.countDown();
              ready.await();
              Thread.sleep(delays.get(k));
              return f.go(dir, editEnv, "mod", "edit", "-exclude=" + excludes.get(k) + "@v1.0.0");
            }));
          }
          long[] took = new long[1];
          Future<String> ours = pool.submit(() -> {
            ready.countDown();
            ready.await();
            long t = System.nanoTime();
            try {
              return listing(c.listModules(dir, false));
            } finally {
              took[0] = System.nanoTime() - t;
            }
          });
          String got = outcome(ours);
          window = Math.max(50, TimeUnit.NANOSECONDS.toMillis(took[0]));
          List<String> written = new ArrayList<>();
          StringBuilder outcomes = new StringBuilder("client: " + got + "\n");
          for (int i = 0; i < excludes.size(); i++) {
            GoTool.Result e = goRuns.get(i).get(120, TimeUnit.SECONDS);
            outcomes.append("go mod edit -exclude=").append(excludes.get(i)).append(": ").append(e.exitCode())
                .append(' ').append(e.stderr()).append('\n');
            if (e.exitCode() == 0) {
              written.add(excludes.get(i));
            }
            edits[e.exitCode() == 0 ? 0 : 1]++;
          }
          String after = Files.readString(dir.resolve("go.mod"));
          String sumAfter = Files.readString(dir.resolve("go.sum"));
          ctx += "outcomes:\n" + outcomes + "go.mod after:\n" + after;
          boolean wrote = got.startsWith("ok");
          if (!wrote) {
            assertEquals(refused, got, "the client's only failure is go's for a go.mod changed during the load: " + ctx);
          }
          client[wrote ? 0 : 1]++;
          // the serial orders: the written edits in the order go.mod shows them (each exclude is
          // appended as a line of its own), the first few before the client's read, then the
          // client as go (if it wrote), then the rest; a client that failed as go left go.sum as
          // go's failing load does
          written.sort(Comparator.comparingInt(p -> {
            int at = after.indexOf("exclude " + p + " ");
            return at < 0 ? Integer.MAX_VALUE : at;
          }));
          List<String> tried = new ArrayList<>();
          boolean matched = false;
          for (int split = 0; split <= (wrote ? written.size() : 0) && !matched; split++) {
            Path ref = tmp.resolve("ref" + round + "_" + split);
            ModDownloadTest.copyTree(f.main, ref);
            Files.writeString(ref.resolve("go.mod"), start);
            Files.writeString(ref.resolve("go.sum"), tidySum);
            for (int i = 0; i <= written.size(); i++) {
              if (i == split && wrote) {
                f.go(ref, goModModEnv(f, tmp.resolve("ref-work"), tmp.resolve("ref-cache")), "list", "-m", "all")
                    .requireOk();
              }
              if (i < written.size()) {
                f.go(ref, editEnv, "mod", "edit", "-exclude=" + written.get(i) + "@v1.0.0").requireOk();
              }
            }
            String want = Files.readString(ref.resolve("go.mod"));
            String wantSum = wrote ? Files.readString(ref.resolve("go.sum")) : refusedSum;
            matched = want.equals(after) && wantSum.equals(sumAfter);
            tried.add("go.mod:\n" + want + "go.sum " + (wantSum.equals(sumAfter) ? "equal" : "differs:\n" + wantSum));
          }
          assertTrue(matched, "go.mod and go.sum as go leaves them in some serial order: " + ctx
              + "go.sum after:\n" + sumAfter + "\nserial orders tried:\n" + String.join("\n", tried));
          System.out.println("  round " + round + ": client " + (wrote ? "wrote" : got.replace('\n', ' ').trim()) + " in " + window
              + " ms; edits " + written.size() + "/" + excludes.size() + " written");
        }
      } finally {
        pool.shutdownNow();
      }
      System.out.println("  the client wrote go.mod in " + client[0] + " rounds and failed as go in " + client[1]
          + "; go's edits: " + edits[0] + " written, " + edits[1] + " refused");
    }
    System.out.println("GoModWriterTest race go" + release + " seed=" + seed + " took "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
  }

  /**
   * A torn go.mod never becomes visible to go while the client writes it: the main module's
   * go.mod without a go line (padded with 3000 exclude lines, so each write moves many bytes) is
   * put back under go's lock over and over and {@code -mod=mod list -m all} adds the go line each
   * time, while go reads the file as lockedfile.Read does ({@link GoFlock#readLoop}); every read
   * must be the file put back or go's own bytes for it with the go line (what go's {@code -mod=mod
   * list -m all} writes).
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.19, 20261206", "1.27, 20261206"})
  void goSeesOnlyWholeGoModsWhileTheClientWrites(String release, long seed, @TempDir Path tmp) throws Exception {
    assumeTrue(GoFlock.flockPlatform(), "SKIPPED: go locks go.mod with flock only on Linux and macOS");
    System.out.println("GoModWriterTest go" + release + " seed=" + seed);
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      StringBuilder padded = new StringBuilder(withoutGoLine(Files.readString(f.main.resolve("go.mod"))));
      padded.append("\nexclude (\n");
      for (int i = 0; i < 3000; i++) {
        padded.append(String.format("\texample.com/pad/p%04d v1.0.0\n", i));
      }
      String start = padded.append(")\n").toString();
      String sum = Files.readString(f.main.resolve("go.sum"));
      // go's bytes with the go line
      Path ref = tmp.resolve("ref");
      ModDownloadTest.copyTree(f.main, ref);
      Files.writeString(ref.resolve("go.mod"), start);
      f.go(ref, goModModEnv(f, tmp.resolve("ref-work"), tmp.resolve("ref-cache")), "list", "-m", "all").requireOk();
      String withGoLine = Files.readString(ref.resolve("go.mod"));
      String ctx = "go" + release + " seed=" + seed;
      assertTrue(withGoLine.contains("\ngo "), "go adds a go line: " + ctx + "\n" + withGoLine);
      Map<String, String> names = Map.of(GoFlock.sha256Hex(start.getBytes(StandardCharsets.UTF_8)), "start",
          GoFlock.sha256Hex(withGoLine.getBytes(StandardCharsets.UTF_8)), "with go line");

      Path dir = tmp.resolve("main2");
      ModDownloadTest.copyTree(f.main, dir);
      Path gomod = dir.resolve("go.mod");
      Files.writeString(gomod, start);
      int writes = 0;
      Map<String, Integer> count = new TreeMap<>();
      try (GoProxyClient c = modModClient(f, tmp.resolve("our-cache"))) {
        c.listModules(dir, false); // warm
        assertEquals(withGoLine, Files.readString(gomod), "the client writes go's bytes: " + ctx);
        Process loop = GoFlock.readLoop(GoFlock.binary(), gomod, 2000);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2000);
        while (System.nanoTime() < end) {
          LockedFile.write(gomod, start.getBytes(StandardCharsets.UTF_8));
          Files.writeString(dir.resolve("go.sum"), sum);
          c.listModules(dir, false);
          writes++;
          // The rewritten go.mod stays a moment before the next round puts the old one back, so
          // that go's reader meets it even when a loaded machine makes the rounds few and slow
          // (CI with another build beside it: 7 rounds in the 2 s, every read "start").
          Thread.sleep(20);
        }
        for (String h : new String(loop.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
          count.merge(names.getOrDefault(h, "torn"), 1, Integer::sum);
        }
        assertTrue(loop.waitFor(60, TimeUnit.SECONDS) && loop.exitValue() == 0, "the reader ran");
      }
      System.out.println("  the client wrote go.mod " + writes + " times; go read " + count);
      assertEquals(null, count.get("torn"), "go's reads saw a torn go.mod: " + count + " " + ctx);
      assertTrue(writes > 1 && count.containsKey("start") && count.containsKey("with go line"),
          "the reads saw both files: " + count + ", " + writes + " writes");
    }
  }

  // ---- further go.mod rewrites under -mod=mod (appended by other lanes below)
}
