package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The setup the differential tests of the module commands share (ModDownloadTest, ModVerifyTest,
 * ModuleListerTest, ModuleGraphLoaderTest): the go release's binary (the test is skipped when it
 * is not installed), a seeded {@link GoModuleUniverse} served by a {@link FakeGoProxy} with its
 * checksum database, and its main module written under {@code tmp/main} and made tidy by that go
 * with {@code tmp/tidy-cache} as module cache and {@code tmp/tidy} as GOPATH (so later go runs
 * start from a fresh module cache and checksum-database state). Each test keeps only its
 * assertions.
 *
 * <pre>{@code
 * try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
 *   GoTool.Result r = f.go(f.main, f.goEnv(tmp.resolve("go-cache")), "mod", "download");
 *   try (GoProxyClient c = f.client(tmp.resolve("our-cache"))) { ... }
 * }
 * }</pre>
 */
final class GoUniverseFixture implements AutoCloseable {
  /** The go release followed, {@code 1.N}. */
  final String release;
  /** The seed of the universe. */
  final long seed;
  /** The go binary of the release. */
  final Path go;
  /** Which universe of the seed this is: 1, or more when go could not set up the ones before ({@link #tidy}). */
  final int number;
  /** The random source after generating the universe (tests draw their own choices from it). */
  final SplittableRandom random;
  /** The universe. */
  final GoModuleUniverse universe;
  /** The fake proxy serving it. */
  final FakeGoProxy proxy;
  /** The test's temporary directory. */
  final Path tmp;
  /** The tidy main module's directory. */
  final Path main;

  private GoUniverseFixture(String release, long seed, int number, Path go, SplittableRandom random,
      GoModuleUniverse universe, FakeGoProxy proxy, Path tmp, Path main) {
    this.release = release;
    this.seed = seed;
    this.number = number;
    this.go = go;
    this.random = random;
    this.universe = universe;
    this.proxy = proxy;
    this.tmp = tmp;
    this.main = main;
  }

  /** The universe of {@code seed} served, with its main module written but not yet tidy. */
  static GoUniverseFixture start(String release, long seed, Path tmp) throws IOException {
    Path go = GoModuleUniverse.goFor(release);
    SplittableRandom r = new SplittableRandom(seed);
    GoModuleUniverse u = new GoModuleUniverse(r, release);
    Path main = u.writeMain(tmp.resolve("main"));
    return new GoUniverseFixture(release, seed, 1, go, r, u, u.proxyBuilder().start(), tmp, main);
  }

  /** How many universes of one seed {@link #tidy} offers go before it fails the test. */
  static final int UNIVERSES_PER_SEED = 5;

  /**
   * {@link #start}, then go makes the main module tidy ({@link GoModuleUniverse#tidy}: a refusal of
   * go's {@code -compat} check is printed and go's remedy {@code -compat=<go line>} taken). A
   * universe go cannot make tidy either way tests nothing of the client: it is printed (seed, go's
   * messages, the main go.mod), its files are moved under {@code tmp/refused-N}, and the next
   * universe drawn from the same random source is offered instead (so a seed still names one
   * fixture); after {@link #UNIVERSES_PER_SEED} such universes the test fails with go's messages,
   * having compared nothing.
   */
  static GoUniverseFixture tidy(String release, long seed, Path tmp) throws IOException {
    Path go = GoModuleUniverse.goFor(release);
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder refusals = new StringBuilder();
    for (int universe = 1; universe <= UNIVERSES_PER_SEED; universe++) {
      GoModuleUniverse u = new GoModuleUniverse(r, release);
      Path main = u.writeMain(tmp.resolve("main"));
      GoUniverseFixture f = new GoUniverseFixture(release, seed, universe, go, r, u, u.proxyBuilder().start(), tmp,
          main);
      try {
        GoTool.Result tidied = GoModuleUniverse.tidy(go, f.main, f.goEnv(f.tmp.resolve("tidy"), f.tidyCache()),
            f.name(), refusals);
        if (tidied.ok()) {
          if (universe > 1) {
            System.out.println("GoUniverseFixture " + f.name() + ": the universe tested");
          }
          return f;
        }
      } catch (RuntimeException | Error e) {
        f.close();
        throw e;
      }
      f.close();
      Path aside = tmp.resolve("refused-" + universe);
      Files.createDirectories(aside);
      for (String dir : new String[] {"main", "tidy", "tidy-cache"}) {
        if (Files.exists(tmp.resolve(dir))) {
          Files.move(tmp.resolve(dir), aside.resolve(dir));
        }
      }
    }
    throw new AssertionError("go could make none of the " + UNIVERSES_PER_SEED + " universes of go" + release
        + " seed=" + seed + " tidy; nothing compared:\n" + refusals);
  }

  /**
   * Writes a workspace of the universe under {@code tmp/ws} ({@link GoModuleUniverse#writeWorkspace}),
   * its modules made tidy by go with {@code tmp/tidy-cache} as module cache.
   */
  GoModuleUniverse.Workspace workspace() throws IOException {
    return universe.writeWorkspace(random, release, tmp.resolve("ws"), go,
        goEnv(tmp.resolve("tidy"), tidyCache()));
  }

  /** The module cache go filled making the main module (or the workspace's modules) tidy. */
  Path tidyCache() {
    return tmp.resolve("tidy-cache");
  }

  /** go's hermetic environment through the proxy, GOPATH under {@code tmp}, {@code modCache} as GOMODCACHE. */
  Map<String, String> goEnv(Path modCache) {
    return GoModuleUniverse.goEnv(proxy, tmp, modCache);
  }

  /** {@link #goEnv(Path)} with GOPATH and HOME under {@code work}. */
  Map<String, String> goEnv(Path work, Path modCache) {
    return GoModuleUniverse.goEnv(proxy, work, modCache);
  }

  /** Runs go in {@code dir}. */
  GoTool.Result go(Path dir, Map<String, String> env, String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = go.toString();
    System.arraycopy(args, 0, argv, 1, args.length);
    return GoTool.exec(dir, env, 300, null, argv);
  }

  /** A client following the release through the proxy, with {@code modCache} as GOMODCACHE. */
  GoProxyClient client(Path modCache) {
    return GoModuleUniverse.client(proxy, tmp, release, modCache);
  }

  /** A client call that loads a build. */
  interface Load {
    void run(GoProxyClient c) throws Exception;
  }

  /**
   * go failed to load the build ({@code r}): the client's {@code load} with {@code cache} must
   * fail with go's text.
   */
  void assertFailsAsGo(GoTool.Result r, Path cache, Load load, String ctx) {
    try (GoProxyClient c = client(cache)) {
      ModuleGraphException e = assertThrows(ModuleGraphException.class, () -> load.run(c), ctx);
      assertEquals(r.stderr().trim(), e.goText(), ctx);
    }
  }

  /**
   * go's workspace and ours hold the same go.work.sum, or neither has one.
   *
   * @param theirWs the workspace go ran in
   * @param ourWs the copy the client ran in
   * @param ctx the assertion message
   */
  static void assertSameGoWorkSum(Path theirWs, Path ourWs, String ctx) throws IOException {
    Path theirSum = theirWs.resolve("go.work.sum");
    Path ourSum = ourWs.resolve("go.work.sum");
    assertEquals(Files.exists(theirSum) ? Files.readString(theirSum) : "(none)",
        Files.exists(ourSum) ? Files.readString(ourSum) : "(none)", ctx);
  }

  /** The release, the seed and a workspace's files, for assertion messages. */
  String context(GoModuleUniverse.Workspace w) {
    return name() + " " + w.description();
  }

  /** The release, the seed and the main module's go.mod, for assertion messages. */
  String context() throws IOException {
    return name() + " go.mod:\n" + Files.readString(main.resolve("go.mod"));
  }

  /** The release, the seed, and the universe's number when it is not the seed's first. */
  String name() {
    return "go" + release + " seed=" + seed + (number > 1 ? " universe " + number : "");
  }

  @Override
  public void close() {
    proxy.close();
  }
}
