package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link GoSumWriter} against the real go (go1.19 and the newest), both rewriting one main
 * module's go.sum: go updates it with lockedfile.Transform (go's exclusive flock on go.sum
 * itself, the file re-read under the lock, its lines merged with the ones go checked, rewritten
 * in place), and so must the client, or one side's lines are lost.
 */
class GoSumWriterTest {
  private static final Pattern LINE =
      Pattern.compile("[^ \n]+ v[^ \n]+ h1:[A-Za-z0-9+/]{43}=\n");

  /**
   * On a seeded {@link GoModuleUniverse}, round after round, the tidy go.sum loses a random set
   * of lines; then, started together on that main module, go runs one to three {@code go mod download path@version...} commands for random
   * modules of the build, one after the other from a random moment within the client's previous
   * run (go.sum gains their zip and go.mod lines), while the client runs {@code -mod=mod list -m
   * all} in go's module cache (both writing the graph's .mod, .info and list files) or {@code mod
   * download} in a fresh one of its own (go.sum gains the go.mod lines of the graph it loaded). Each
   * side adds lines the other does not, so a writer that skipped go's lock, or wrote what it read
   * at the start instead of merging with the file as it is under the lock, loses the other's
   * lines. The go.sum left must be well formed (go's sorted lines, each once, none torn) and
   * hold exactly the union of what go leaves running each side's commands alone from the same
   * start (less a go.mod line go itself drops: one it checked and does not keep, which go's
   * tidyGoSum leaves out even when another writer added it meanwhile); {@code go mod verify} must pass on the module caches, and go must load the graph
   * offline from a shared one.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.19, 20261206", "1.27, 20261206"})
  void goAndClientRewriteOneGoSumAtTheSameTime(String release, long seed, @TempDir Path tmp) throws Exception {
    race(release, seed, 5, tmp);
  }

  /** {@link #goAndClientRewriteOneGoSumAtTheSameTime} with a new seed and 40 rounds. */
  @Tag("load")
  @ParameterizedTest(name = "go{0}")
  @CsvSource({"1.19", "1.27"})
  void goAndClientRewriteOneGoSumAtTheSameTimeManyRounds(String release, @TempDir Path tmp) throws Exception {
    race(release, System.nanoTime(), 40, tmp);
  }

  private static void race(String release, long seed, int rounds, Path tmp) throws Exception {
    long started = System.nanoTime();
    System.out.println("GoSumWriterTest go" + release + " seed=" + seed + " rounds=" + rounds);
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      SplittableRandom r = f.random;
      List<String> tidy = lines(Files.readString(f.main.resolve("go.sum")));
      List<String> zipped = new ArrayList<>(); // path@version of the tidy go.sum's zip lines
      for (String l : tidy) {
        String[] field = l.split(" ");
        if (!field[1].endsWith("/go.mod")) {
          zipped.add(field[0] + "@" + field[1]);
        }
      }
      assertTrue(!zipped.isEmpty(), "the main module builds with some module: " + f.context());
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        long window = 150; // ms the client took the round before (about its read-to-write window)
        int goOnlyRounds = 0;
        int dropsByGo = 0;
        int sharedRounds = 0;
        for (int round = 0; round < rounds; round++) {
          // the start: the tidy go.sum without a random set of its lines, the modules go
          // downloads always without their zip line
          List<List<String>> goCommands = new ArrayList<>();
          Set<String> downloaded = new LinkedHashSet<>();
          for (int n = 1 + r.nextInt(3); n > 0; n--) {
            List<String> cmd = new ArrayList<>(List.of("mod", "download"));
            for (int k = 1 + r.nextInt(2); k > 0; k--) {
              String mv = zipped.get(r.nextInt(zipped.size()));
              if (!cmd.contains(mv)) {
                cmd.add(mv);
              }
              downloaded.add(mv);
            }
            goCommands.add(cmd);
          }
          StringBuilder startText = new StringBuilder();
          for (String l : tidy) {
            String[] field = l.split(" ");
            if (!downloaded.contains(field[0] + "@" + field[1]) && r.nextInt(3) != 0) {
              startText.append(l);
            }
          }
          String start = startText.toString();
          boolean clientDownloads = r.nextBoolean();
          // a listing client shares go's module cache (both write the graph's .mod, .info and list
          // files): it downloads no zip, so go checks every zip it downloads as it would alone
          boolean sharedCache = !clientDownloads;
          // go starts within the client's read-to-write window (one draw, so the seed replays the
          // same choices whatever the timings)
          long goDelayMs = (long) (r.nextDouble() * window);
          String ctx = "go" + release + " seed=" + seed + " round=" + round + ": go " + goCommands
              + " one after the other from " + goDelayMs + " ms, the client "
              + (clientDownloads ? "mod download" : "-mod=mod list -m all")
              + (sharedCache ? " (one module cache)" : "")
              + "\nstart go.sum:\n" + start + "\n" + f.context();

          // what each side leaves alone from the start (each with a fresh module cache, as in the
          // race: go1.19 checks no zip it finds extracted); the union is what both must leave
          Set<String> byGo = new TreeSet<>();
          Path ref = tmp.resolve("ref" + round);
          ModDownloadTest.copyTree(f.main, ref);
          Files.writeString(ref.resolve("go.sum"), start);
          Map<String, String> refEnv = f.goEnv(tmp.resolve("ref-work"), tmp.resolve("ref-go-cache" + round));
          for (List<String> cmd : goCommands) {
            f.go(ref, refEnv, cmd.toArray(String[]::new)).requireOk();
          }
          byGo.addAll(lines(Files.readString(ref.resolve("go.sum"))));
          Files.writeString(ref.resolve("go.sum"), start);
          Map<String, String> refClientEnv =
              f.goEnv(tmp.resolve("ref-work"), tmp.resolve("ref-client-cache" + round));
          if (clientDownloads) {
            f.go(ref, refClientEnv, "mod", "download").requireOk();
          } else {
            refClientEnv.put("GOFLAGS", "-mod=mod -modcacherw");
            f.go(ref, refClientEnv, "list", "-m", "all").requireOk();
          }
          Set<String> byClient = new TreeSet<>(lines(Files.readString(ref.resolve("go.sum"))));
          Set<String> union = new TreeSet<>(byGo);
          union.addAll(byClient);
          Set<String> goOnly = new TreeSet<>(byGo);
          goOnly.removeAll(byClient);
          Set<String> clientOnly = new TreeSet<>(byClient);
          clientOnly.removeAll(byGo);
          goOnlyRounds += goOnly.isEmpty() ? 0 : 1;

          // both at once on the main module's go.sum, each with a fresh module cache of its own
          // or sharing one
          Files.writeString(f.main.resolve("go.sum"), start);
          Path goCache = tmp.resolve("go-cache" + round);
          Path ourCache = sharedCache ? goCache : tmp.resolve("our-cache" + round);
          Map<String, String> goEnv = f.goEnv(tmp.resolve("race-work"), goCache);
          CountDownLatch ready = new CountDownLatch(2);
          long[] times = new long[4];
          CompletableFuture<String> goRun = CompletableFuture.supplyAsync(() -> {
            ready.countDown();
            await(ready);
            times[0] = System.nanoTime();
            sleep(goDelayMs);
            for (List<String> cmd : goCommands) {
              GoTool.Result res = f.go(f.main, goEnv, cmd.toArray(String[]::new));
              if (!res.ok()) {
                return cmd + ": " + res.stderr();
              }
            }
            times[1] = System.nanoTime();
            return "";
          }, pool);
          CompletableFuture<Void> ourRun = CompletableFuture.runAsync(() -> {
            try (GoProxyClient c = client(f, ourCache)) {
              ready.countDown();
              await(ready);
              times[2] = System.nanoTime();
              if (clientDownloads) {
                c.modDownload(f.main);
              } else {
                c.listModules(f.main, false);
              }
              times[3] = System.nanoTime();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }, pool);
          try {
            ourRun.get(300, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            throw new AssertionError("the client failed: " + ctx, e.getCause());
          }
          assertEquals("", goRun.get(300, TimeUnit.SECONDS), ctx);
          window = ms(times[2], times[3]);
          System.out.println("  round " + round + ": start " + lines(start).size() + " lines; go adds "
              + goOnly.size() + " the client does not, the client " + clientOnly.size() + "; go ran "
              + ms(times[2], times[0]) + "+" + goDelayMs + "-" + ms(times[2], times[1]) + " ms, the client 0-"
              + window + " ms");

          String after = Files.readString(f.main.resolve("go.sum"));
          assertWellFormed(after, ctx);
          // every line either side added is kept, but for go's own rule (tidyGoSum): go drops a
          // line it had to check itself and does not keep (the go.mod line of a module it
          // downloads by argument, outside go1.19's roots-only keep set) even when another
          // writer added it between go's read and its write, as it would another go's line
          Set<String> kept = new TreeSet<>(union);
          Set<String> got = new TreeSet<>(lines(after));
          for (String l : union) {
            if (!got.contains(l) && clientOnly.contains(l) && l.contains("/go.mod ")
                && downloaded.contains(l.substring(0, l.indexOf("/go.mod ")).replace(' ', '@'))) {
              kept.remove(l);
              dropsByGo++;
            }
          }
          assertEquals(GoSum.parse(String.join("", kept)).format(), after,
              "go.sum holds the union of both sides' lines: " + ctx);
          for (Path cache : sharedCache ? List.of(goCache) : List.of(goCache, ourCache)) {
            GoTool.Result v = f.go(f.main, f.goEnv(tmp.resolve("race-work"), cache), "mod", "verify");
            assertEquals("all modules verified\n", v.stdout(), ctx + "\n" + v.stderr());
            assertEquals(0, v.exitCode(), ctx + "\n" + v.stderr());
          }
          if (sharedCache) {
            // and go loads the graph offline from what both left in the cache
            Map<String, String> offline = f.goEnv(tmp.resolve("race-work"), goCache);
            offline.put("GOPROXY", "off");
            GoTool.Result l = f.go(f.main, offline, "list", "-m", "all");
            assertEquals(0, l.exitCode(), ctx + "\n" + l.stderr());
            sharedRounds++;
          }
        }
        assertTrue(goOnlyRounds > 0, "in some round go adds lines the client does not");
        System.out.println("  go dropped " + dropsByGo + " go.mod lines of its arguments the client had added; "
            + sharedRounds + " rounds shared one module cache");
      } finally {
        pool.shutdownNow();
      }
    }
    System.out.println("GoSumWriterTest go" + release + " seed=" + seed + " took "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
  }

  /**
   * The client's go.sum update waits for go's lock and merges what go wrote under it: the client
   * ({@code -mod=mod list -m all}, go.sum missing go.mod lines) reads go.sum, and while its first
   * go.mod fetch is held back by the proxy a process takes go's lock on go.sum; the client must
   * still be waiting well after its load could have ended, and once the process writes go.sum
   * with a line of its own (a zip line) and releases the lock, the client's lines must join it:
   * go.sum ends as go leaves it running {@code -mod=mod list -m all} on the file the process
   * wrote.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.19, 20261206", "1.27, 20261206"})
  void writeWaitsForGosLockAndKeepsWhatGoWrote(String release, long seed, @TempDir Path tmp) throws Exception {
    assumeTrue(GoFlock.flockPlatform(), "SKIPPED: go locks go.sum with flock only on Linux and macOS");
    System.out.println("GoSumWriterTest go" + release + " seed=" + seed);
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      SplittableRandom r = f.random;
      List<String> tidy = lines(Files.readString(f.main.resolve("go.sum")));
      List<String> zipLines = new ArrayList<>();
      List<String> goModLines = new ArrayList<>();
      for (String l : tidy) {
        (l.split(" ")[1].endsWith("/go.mod") ? goModLines : zipLines).add(l);
      }
      String goLine = zipLines.get(r.nextInt(zipLines.size()));
      Set<String> dropped = new LinkedHashSet<>(List.of(goLine, goModLines.get(r.nextInt(goModLines.size()))));
      for (String l : goModLines) {
        if (r.nextBoolean()) {
          dropped.add(l);
        }
      }
      StringBuilder start = new StringBuilder();
      StringBuilder goWrites = new StringBuilder();
      for (String l : tidy) {
        if (!dropped.contains(l)) {
          start.append(l);
        }
        if (!dropped.contains(l) || l.equals(goLine)) {
          goWrites.append(l);
        }
      }
      String ctx = "go" + release + " seed=" + seed + " start go.sum:\n" + start + "go writes:\n" + goWrites
          + "\n" + f.context();
      Path content = tmp.resolve("go-writes.sum");
      Files.writeString(content, goWrites);

      // what go leaves listing under -mod=mod from the file the process writes
      Path ref = tmp.resolve("ref");
      ModDownloadTest.copyTree(f.main, ref);
      Files.writeString(ref.resolve("go.sum"), goWrites);
      Map<String, String> refEnv = f.goEnv(tmp.resolve("ref-work"), tmp.resolve("ref-cache"));
      refEnv.put("GOFLAGS", "-mod=mod -modcacherw");
      f.go(ref, refEnv, "list", "-m", "all").requireOk();
      String expected = Files.readString(ref.resolve("go.sum"));
      assertTrue(expected.length() > goWrites.length(), "the client has lines to add: " + ctx);

      Path bin = GoFlock.binary();
      Path goSum = f.main.resolve("go.sum");
      Files.writeString(goSum, start);
      long holdMs = 1000;
      f.proxy.requests().clear();
      f.proxy.addFault(Fault.delay(Duration.ofMillis(holdMs)).on(Endpoint.MOD).times(1));
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try (GoProxyClient c = client(f, tmp.resolve("our-cache"))) {
        Future<List<ListedModule>> ours = pool.submit(() -> c.listModules(f.main, false));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (f.proxy.requests().count(Endpoint.MOD) == 0 && !ours.isDone() && System.nanoTime() < until) {
          Thread.sleep(2);
        }
        assertTrue(f.proxy.requests().count(Endpoint.MOD) > 0, "the client fetches a go.mod: " + ctx);
        try (GoFlock.Holder go = GoFlock.hold(bin, goSum, content)) {
          go.awaitLocked();
          // the held-back fetch is answered, the load ends, and the client waits for the lock
          Thread.sleep(holdMs + 1000);
          assertFalse(ours.isDone(), "the client wrote go.sum while go held its lock: " + ctx);
          go.release();
        }
        assertTrue(!ours.get(60, TimeUnit.SECONDS).isEmpty(), ctx);
      } finally {
        pool.shutdownNow();
      }
      String after = Files.readString(goSum);
      assertWellFormed(after, ctx);
      assertEquals(expected, after, "go.sum keeps go's line and gains the client's: " + ctx);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long ms(long zero, long t) {
    return TimeUnit.NANOSECONDS.toMillis(t - zero);
  }

  /** go's format: every line complete and well formed, each once, in go's order. */
  private static void assertWellFormed(String text, String ctx) {
    Set<String> seen = new TreeSet<>();
    for (String l : lines(text)) {
      assertTrue(LINE.matcher(l).matches(), "well-formed line " + l + ": " + ctx + "\ngo.sum:\n" + text);
      assertTrue(seen.add(l), "line " + l + " once: " + ctx + "\ngo.sum:\n" + text);
    }
    assertEquals(GoSum.parse(text).format(), text, "go's order: " + ctx);
  }

  /** The lines of a file, each with its newline (a last line without one kept as it is). */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (from < text.length()) {
      int nl = text.indexOf('\n', from);
      int end = nl < 0 ? text.length() : nl + 1;
      out.add(text.substring(from, end));
      from = end;
    }
    return out;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * go.sum after go converts a main go.mod without a go line ({@code -mod=mod}): on a seeded
   * {@link GoModuleUniverse} whose tidy main module lost its go line, go adds its go line, takes
   * the whole unpruned graph's build list as the roots of a pruned graph, and keeps in go.sum
   * what its keepSums finds in those converted requirements: the roots' go.mod sums when the
   * command does not load their graph ({@code list -m}, {@code mod download path@version}), else
   * those of the pruned graph it loads ({@code list -m all}, {@code mod download}), which leaves
   * out a go.mod only the unpruned graph read (seed 31269628762576, go1.27: {@code
   * example.com/mod21 v1.1.0/go.mod}, which the client kept). Each command by go and by the
   * client on its own copy (the tidy go.sum, or with random lines dropped) with its own module
   * cache: go.mod, go.sum and what go prints (the listing, {@code mod download -json}'s objects)
   * must be go's.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.27, 31269628762576", "1.19, 20261206", "1.27, 20261206", "1.19, 2", "1.27, 3"})
  @org.junit.jupiter.params.provider.MethodSource("io.github.goproxy4j.testing.SeedSweep#releasesAndSeeds")
  void goSumAfterGoLineConversionAsGo(String release, long seed, @TempDir Path tmp) throws Exception {
    System.out.println("GoSumWriterTest conversion go" + release + " seed=" + seed);
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      SplittableRandom r = f.random;
      String start = GoModWriterTest.withoutGoLine(Files.readString(f.main.resolve("go.mod")));
      List<String> tidySum = Files.readAllLines(f.main.resolve("go.sum"));
      List<String> commands = List.of("list -m all", "list -m", "mod download", "mod download -json A", "list -m A");
      int gained = 0;
      for (int round = 0; round < commands.size() * 2; round++) {
        String command = commands.get(round % commands.size());
        io.github.goproxy4j.testkit.FakeModule any = f.universe.modules.get(r.nextInt(f.universe.modules.size()));
        String arg = any.path() + "@" + any.version();
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.replaceAll(a -> a.equals("A") ? arg : a);
        List<String> sum = new ArrayList<>(tidySum);
        if (round >= commands.size()) {
          sum.removeIf(l -> r.nextInt(3) == 0);
        }
        Path theirs = tmp.resolve("theirs" + round);
        Path ours = tmp.resolve("ours" + round);
        for (Path d : List.of(theirs, ours)) {
          ModDownloadTest.copyTree(f.main, d);
          Files.writeString(d.resolve("go.mod"), start);
          Files.write(d.resolve("go.sum"), sum);
        }
        String ctx = "go" + release + " seed=" + seed + " " + String.join(" ", args) + "\ngo.mod:\n" + start
            + "go.sum before:\n" + String.join("\n", sum);
        Path theirCache = tmp.resolve("go-cache" + round);
        GoTool.Result go = f.go(theirs, GoModWriterTest.goModModEnv(f, tmp.resolve("go-work" + round), theirCache),
            args.toArray(new String[0]));
        Path ourCache = tmp.resolve("our-cache" + round);
        String printed;
        try (GoProxyClient c = GoModWriterTest.modModClient(f, ourCache)) {
          List<String> rest = args.subList(args.indexOf(args.get(0).equals("list") ? "-m" : "download") + 1,
              args.size());
          if (args.get(0).equals("list")) {
            printed = GoModWriterTest.listing(c.listModules(ours, rest, ListFlags.builder().build(), w -> { }));
          } else {
            ModDownloadResult d = rest.isEmpty() ? c.modDownloadResult(ours)
                : c.modDownloadResult(ours, rest.subList(1, rest.size()), true, w -> { });
            StringBuilder json = new StringBuilder();
            d.modules().forEach(m -> json.append(m.toJson(release)));
            printed = rest.isEmpty() ? "" : json.toString().replace(ourCache.toString(), theirCache.toString());
          }
        }
        assertEquals(0, go.exitCode(), ctx + "\n" + go.stderr());
        assertEquals(go.stdout(), printed, ctx);
        assertEquals(Files.readString(theirs.resolve("go.mod")), Files.readString(ours.resolve("go.mod")),
            "go.mod: " + ctx);
        String theirSum = Files.readString(theirs.resolve("go.sum"));
        assertEquals(theirSum, Files.readString(ours.resolve("go.sum")), "go.sum: " + ctx);
        gained += lines(theirSum).size() > sum.size() ? 1 : 0;
      }
      System.out.println("  go.sum gained lines in " + gained + " of " + commands.size() * 2 + " commands");
    }
  }

  /** A client following the release under {@code GOFLAGS=-mod=mod}, {@code cache} as GOMODCACHE. */
  private static GoProxyClient client(GoUniverseFixture f, Path cache) {
    Map<String, String> vars = new HashMap<>(f.proxy.environment());
    vars.put("GOPATH", f.tmp.resolve("our-gopath").toString());
    vars.put("GOMODCACHE", cache.toString());
    vars.put("GOFLAGS", "-mod=mod -modcacherw");
    GoEnv env;
    try {
      env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion(f.release).build();
    } catch (IllegalArgumentException e) {
      env = GoEnv.builder().environment(vars).noUserEnvFile().build();
    }
    return GoProxyClient.builder().env(env).build();
  }
}
