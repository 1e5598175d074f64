package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  // ---- go and the client writing one go.mod at the same time

  /**
   * go.mod edited while {@code -mod=mod list -m all} (or {@code mod download}) loads: both go and the client are held at
   * the side lock (a go process holds {@code GOMODCACHE/cache/lock}; /proc/locks shows when each
   * waits there, after its load), another writer adds an exclude to go.mod, the lock is released.
   * go does not overwrite the edit: it fails with "updating go.mod: existing contents have changed
   * since last read" and writes neither go.mod nor go.sum; the client must leave the same go.mod
   * and go.sum and fail with go's text (a writer that rewrites whatever it finds under the lock
   * drops the exclude, one that writes without the lock or the check overwrites it).
   */
  @ParameterizedTest(name = "go{0} seed={1} {2}")
  @CsvSource({"1.19, 20261206, list -m all", "1.27, 20261206, list -m all", "1.19, 20261207, mod download",
      "1.27, 20261207, mod download"})
  void editDuringTheLoadIsNeverOverwritten(String release, long seed, String command, @TempDir Path tmp)
      throws Exception {
    assumeTrue(GoFlock.flockPlatform() && GoFlock.canSeeWaiters(), "SKIPPED: needs flock and Linux's /proc/locks");
    System.out.println("GoModWriterTest go" + release + " seed=" + seed + " " + command);
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      String start = withoutGoLine(Files.readString(f.main.resolve("go.mod")));
      String edited = goModEdit(f, tmp.resolve("scratch"), start, "-exclude=example.com/edit@v1.0.0");
      String ctx = "go" + release + " seed=" + seed + " " + command + " start go.mod:\n" + start + "edited:\n" + edited;
      Path bin = GoFlock.binary();

      // go
      Path theirs = tmp.resolve("theirs");
      ModDownloadTest.copyTree(f.main, theirs);
      Files.writeString(theirs.resolve("go.mod"), start);
      Path goCache = tmp.resolve("go-cache");
      Path goSide = Files.createDirectories(goCache.resolve("cache")).resolve("lock");
      GoTool.Result r;
      try (GoFlock.Holder side = GoFlock.hold(bin, goSide, null)) {
        side.awaitLocked();
        Process p = startGo(f, theirs, goModModEnv(f, tmp.resolve("go-work"), goCache), tmp.resolve("go-out"),
            command.split(" "));
        GoFlock.awaitWaiter(goSide, Duration.ofSeconds(120), () -> !p.isAlive());
        Files.writeString(theirs.resolve("go.mod"), edited);
        side.release();
        r = finish(p, tmp.resolve("go-out"));
      }
      assertEquals(edited, Files.readString(theirs.resolve("go.mod")), "go keeps the edit: " + ctx);

      // the client
      Path ours = tmp.resolve("ours");
      ModDownloadTest.copyTree(f.main, ours);
      Files.writeString(ours.resolve("go.mod"), start);
      Path ourCache = tmp.resolve("our-cache");
      Path ourSide = Files.createDirectories(ourCache.resolve("cache")).resolve("lock");
      ExecutorService pool = Executors.newSingleThreadExecutor();
      String outcome;
      try (GoProxyClient c = modModClient(f, ourCache); GoFlock.Holder side = GoFlock.hold(bin, ourSide, null)) {
        side.awaitLocked();
        Future<Integer> run = pool.submit(() -> command.startsWith("list")
            ? c.listModules(ours, false).size() : c.modDownloadResult(ours).modules().size());
        GoFlock.awaitWaiter(ourSide, Duration.ofSeconds(120), run::isDone);
        Files.writeString(ours.resolve("go.mod"), edited);
        side.release();
        try {
          outcome = "ok: " + run.get(120, TimeUnit.SECONDS) + " modules";
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof GoProxyException)) {
            throw e;
          }
          outcome = "1\n" + (e.getCause() instanceof ModuleGraphException
              ? ((ModuleGraphException) e.getCause()).goText() : "go: " + e.getCause().getMessage()) + "\n";
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(r.exitCode() + "\n" + r.stderr(), outcome, "go's failure: " + ctx);
      assertEquals(edited, Files.readString(ours.resolve("go.mod")), "the edit is kept: " + ctx);
      assertEquals(readOrNone(theirs.resolve("go.sum")), readOrNone(ours.resolve("go.sum")), "go.sum: " + ctx);
    }
  }
}
