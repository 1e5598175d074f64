package io.github.goproxy4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test support shared by every module (published as goproxy-api's test-jar): finds the real
 * {@code go} command of every installed release and x/mod's source, runs go hermetically, and
 * builds small Go programs against x/mod in GOPATH mode. Interop tests call {@link #assumeGo()} /
 * {@link #assumeXMod()} / {@link #assumeGo(Go)}, which skip the test with a clear message when Go
 * is not installed.
 *
 * <p><b>Every release.</b> {@link #installed()} finds {@code /usr/lib/go-1.*}{@code /bin/go} and
 * {@code /usr/bin/go} (plus {@code go} on PATH), each with its release read from
 * {@code $GOROOT/VERSION}. Tests that compare go with our code for a release take a {@link Go}
 * from {@link #releases()} (every installed release) or {@link #edgeReleases()} (the oldest and
 * the newest, for expensive tests) and set {@code goVersion} to {@link Go#release()}:
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @MethodSource("io.github.goproxy4j.testing.GoTool#releases")
 * void sameErrorAsGo(GoTool.Go go, @TempDir Path work) {
 *   GoTool.assumeGo(go);
 *   GoEnv ours = GoEnv.builder().environment(go.hermeticEnv(work)).goVersion(go.release()).build();
 *   GoTool.Result r = go.run(work, go.hermeticEnv(work), 60, "env", "GOPROXY");
 * }
 * }</pre>
 *
 * <p><b>CI never passes by skipping.</b> With the system property
 * {@code goproxy.requireGo=1.19,1.27} (set by {@code .ci/run}) a missing go, a missing required
 * release or a missing x/mod fails the test instead of skipping it. Without it (the README's
 * {@code mvn -B verify}) such tests are skipped.
 */
public final class GoTool {
  /** Where Debian's golang-golang-x-mod-dev puts x/mod's source (a GOPATH root). */
  public static final Path DEBIAN_GOCODE = Paths.get("/usr/share/gocode");

  /** The system property listing the releases that must be installed (comma-separated). */
  public static final String REQUIRE_GO_PROPERTY = "goproxy.requireGo";

  /**
   * The go build cache every hermetic run shares: {@code -Dgoproxy.gocache=DIR}, else
   * {@code goproxy4j-gocache} under the temporary directory.
   */
  public static final Path SHARED_GOCACHE =
      Paths.get(System.getProperty("goproxy.gocache",
          Paths.get(System.getProperty("java.io.tmpdir"), "goproxy4j-gocache").toString()));

  private static final String INSTALL_HINT =
      "install Debian's golang-go and golang-golang-x-mod-dev (bash .ci/run does) to run it";

  private static volatile List<Go> installed;

  private GoTool() {}

  /**
   * One installed go release.
   *
   * @param binary the go command
   * @param release its release without {@code go}, for example {@code 1.27.3}; {@code ""} for the
   *     placeholder {@link #releases()} yields when no go is installed
   */
  public record Go(Path binary, String release) {
    /** @return the language version, for example {@code 1.27} */
    public String lang() {
      String[] p = release.split("\\.");
      return p.length < 2 ? release : p[0] + "." + p[1].replaceAll("[^0-9].*", "");
    }

    /** @return the minor number, for example 27 (0 for the placeholder) */
    public int minor() {
      String l = lang();
      return l.startsWith("1.") ? Integer.parseInt(l.substring(2)) : 0;
    }

    /** @return whether this is a real installation (not the "no go installed" placeholder) */
    public boolean isInstalled() {
      return binary != null;
    }

    /** @return the GOROOT of this release */
    public Path goRoot() {
      return binary.getParent().getParent();
    }

    /**
     * {@link GoTool#hermeticEnv(Path)} with this release's {@code bin} first on PATH, so that
     * anything that looks for go on PATH (GoEnv's GOROOT discovery, toolchain switching) finds
     * this release.
     *
     * @param work a scratch directory
     * @return a mutable map
     */
    public Map<String, String> hermeticEnv(Path work) {
      Map<String, String> env = GoTool.hermeticEnv(work);
      env.put("PATH", binary.getParent() + java.io.File.pathSeparator + env.get("PATH"));
      return env;
    }

    /**
     * Runs {@code go args...} of this release in {@code dir} with exactly the given environment.
     *
     * @param dir working directory
     * @param env the complete environment
     * @param timeoutSeconds kill go after this long
     * @param args arguments after {@code go}
     * @return exit code and output
     */
    public Result run(Path dir, Map<String, String> env, long timeoutSeconds, String... args) {
      return exec(dir, env, timeoutSeconds, null, prepend(binary.toString(), args));
    }

    /** @return {@code go1.27.3}, or {@code no go installed} */
    @Override
    public String toString() {
      return isInstalled() ? "go" + release : "no go installed";
    }
  }

  /**
   * Every installed go release, oldest first, one per release: {@code /usr/lib/go-1.*}{@code /bin/go},
   * {@code /usr/bin/go} and the go on PATH, deduplicated by release.
   *
   * @return the releases (empty when go is not installed)
   */
  public static List<Go> installed() {
    List<Go> list = installed;
    if (list == null) {
      list = findInstalled();
      installed = list;
    }
    return list;
  }

  private static List<Go> findInstalled() {
    List<Path> candidates = new ArrayList<>();
    Path lib = Paths.get("/usr/lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> dirs = Files.list(lib)) {
        dirs.filter(d -> d.getFileName().toString().startsWith("go-1."))
            .map(d -> d.resolve("bin/go")).forEach(candidates::add);
      } catch (IOException e) {
        // nothing listed: no releases from /usr/lib
      }
    }
    candidates.add(Paths.get("/usr/bin/go"));
    goBinary().ifPresent(candidates::add);
    Map<String, Go> byRelease = new LinkedHashMap<>();
    for (Path bin : candidates) {
      if (!Files.isExecutable(bin)) {
        continue;
      }
      try {
        Path real = bin.toRealPath();
        Path version = real.getParent().getParent().resolve("VERSION");
        String release = Files.isRegularFile(version)
            ? Files.readAllLines(version, StandardCharsets.UTF_8).get(0).trim()
            : goEnvVersion(real);
        if (release.startsWith("go")) {
          byRelease.putIfAbsent(release.substring(2), new Go(real, release.substring(2)));
        }
      } catch (IOException | RuntimeException e) {
        // not a usable go: ignored
      }
    }
    return byRelease.values().stream()
        .sorted(Comparator.comparingInt(Go::minor).thenComparing(Go::release))
        .collect(Collectors.toUnmodifiableList());
  }

  private static String goEnvVersion(Path bin) {
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
    Map<String, String> env = hermeticEnv(dir);
    return exec(dir, env, 60, null, bin.toString(), "env", "GOVERSION").stdout().trim();
  }

  /**
   * Every installed release, for {@code @MethodSource}. When none is installed it yields one
   * placeholder, so that the test runs once and {@link #assumeGo(Go)} skips it (or fails it under
   * {@value #REQUIRE_GO_PROPERTY}).
   *
   * @return the releases, oldest first
   */
  public static Stream<Go> releases() {
    List<Go> list = installed();
    return list.isEmpty() ? Stream.of(new Go(null, "")) : list.stream();
  }

  /**
   * The oldest and the newest installed release (one when only one is installed), for tests too
   * expensive to run against every release; placeholder as in {@link #releases()}.
   *
   * @return one or two releases
   */
  public static Stream<Go> edgeReleases() {
    List<Go> list = installed();
    if (list.size() <= 2) {
      return releases();
    }
    return Stream.of(list.get(0), list.get(list.size() - 1));
  }

  /**
   * The installed release of a language version.
   *
   * @param lang for example {@code 1.27}
   * @return the newest installed {@code 1.27.x}, if any
   */
  public static Optional<Go> release(String lang) {
    Go found = null;
    for (Go g : installed()) {
      if (g.lang().equals(lang)) {
        found = g;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The installed releases of these language versions, in the order given: go1.19 and go1.27
   * (the oldest and newest this project is tested against) through {@link #assumeRelease(String)},
   * so that the test is skipped (or failed under {@value #REQUIRE_GO_PROPERTY}) without them, the
   * others only when installed.
   *
   * @param langs for example {@code "1.19", "1.24", "1.27"}
   * @return those installed
   */
  public static List<Go> releasesOf(String... langs) {
    List<Go> out = new ArrayList<>();
    for (String lang : langs) {
      if (lang.equals("1.19") || lang.equals("1.27")) {
        out.add(assumeRelease(lang));
      } else {
        release(lang).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * Skips the calling test unless the release of {@code lang} is installed (fails instead when
   * {@value #REQUIRE_GO_PROPERTY} requires it).
   *
   * @param lang for example {@code 1.27}
   * @return that release
   */
  public static Go assumeRelease(String lang) {
    Optional<Go> g = release(lang);
    if (g.isEmpty()) {
      missing("go" + lang + " is not installed (installed: " + installed() + ")",
          required().contains(lang) || requiredAny());
    }
    return g.orElseThrow();
  }

  /**
   * Skips the calling test when {@code go} is the "no go installed" placeholder; under
   * {@value #REQUIRE_GO_PROPERTY} fails instead.
   *
   * @param go a release from {@link #releases()}
   */
  public static void assumeGo(Go go) {
    checkRequired();
    if (!go.isInstalled()) {
      missing("the go command is not installed", requiredAny());
    }
  }

  /** The releases {@value #REQUIRE_GO_PROPERTY} lists ("" and unset: none). */
  static List<String> required() {
    String v = System.getProperty(REQUIRE_GO_PROPERTY, "").trim();
    if (v.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty())
        .map(x -> x.startsWith("go") ? x.substring(2) : x).collect(Collectors.toUnmodifiableList());
  }

  private static boolean requiredAny() {
    return !required().isEmpty();
  }

  /** Fails when a release that {@value #REQUIRE_GO_PROPERTY} lists is not installed. */
  private static void checkRequired() {
    for (String lang : required()) {
      if (release(lang).isEmpty()) {
        throw new AssertionError(REQUIRE_GO_PROPERTY + "=" + String.join(",", required())
            + " but go" + lang + " is not installed (installed: " + installed() + "); " + INSTALL_HINT);
      }
    }
  }

  private static void missing(String what, boolean fail) {
    if (fail) {
      throw new AssertionError(what + " but " + REQUIRE_GO_PROPERTY + "="
          + System.getProperty(REQUIRE_GO_PROPERTY) + " requires it; " + INSTALL_HINT);
    }
    assumeTrue(false, "SKIPPED: " + what + "; " + INSTALL_HINT);
  }

  /** The result of one go invocation. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** @return whether go exited 0 */
    public boolean ok() {
      return exitCode == 0;
    }

    /**
     * Fails unless go exited 0.
     *
     * @return this
     */
    public Result requireOk() {
      if (exitCode != 0) {
        throw new AssertionError("go exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
      }
      return this;
    }
  }

  /** @return the go binary, if one is installed */
  public static Optional<Path> goBinary() {
    String path = System.getenv("PATH");
    List<Path> candidates = new ArrayList<>();
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Paths.get(dir, "go"));
        }
      }
    }
    candidates.add(Paths.get("/usr/lib/go/bin/go"));
    candidates.add(Paths.get("/usr/local/go/bin/go"));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /** @return whether x/mod's source is installed where Debian puts it */
  public static boolean hasXMod() {
    return Files.isDirectory(DEBIAN_GOCODE.resolve("src/golang.org/x/mod/module"));
  }

  /**
   * Skips the calling test unless the go command is installed (fails instead under
   * {@value #REQUIRE_GO_PROPERTY}).
   */
  public static void assumeGo() {
    checkRequired();
    if (goBinary().isEmpty()) {
      missing("the go command is not installed", requiredAny());
    }
  }

  /**
   * Skips the calling test unless both go and x/mod's source are installed (fails instead under
   * {@value #REQUIRE_GO_PROPERTY}).
   */
  public static void assumeXMod() {
    assumeGo();
    if (!hasXMod()) {
      missing("x/mod source not found under " + DEBIAN_GOCODE, requiredAny());
    }
  }

  /**
   * A hermetic environment for the go command: private GOPATH, HOME and GOENV under {@code work};
   * the build cache shared by every test run ({@link #SHARED_GOCACHE}: go's build cache is
   * content-addressed, keyed by release and safe for concurrent use, and holds no module state,
   * so sharing it only saves recompiling the standard library per test); no module proxy, no sumdb, no VCS; and HTTP(S)_PROXY pointing at a closed
   * loopback port so that nothing can reach a real host (go does not proxy loopback, so loopback
   * fakes still work). Callers override entries (for example GOPROXY) as they need.
   *
   * @param work a scratch directory
   * @return a mutable map
   */
  public static Map<String, String> hermeticEnv(Path work) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", work.resolve("home").toString());
    env.put("GOPATH", work.resolve("gopath").toString());
    env.put("GOCACHE", SHARED_GOCACHE.toString());
    env.put("GOENV", work.resolve("home/goenv").toString());
    env.put("GOPROXY", "off");
    env.put("GOSUMDB", "off");
    env.put("GOFLAGS", "-modcacherw");
    env.put("GOVCS", "*:off");
    env.put("GOTOOLCHAIN", "local");
    env.put("GO111MODULE", "on");
    env.put("CGO_ENABLED", "0");
    env.put("HTTPS_PROXY", "http://127.0.0.1:9");
    env.put("HTTP_PROXY", "http://127.0.0.1:9");
    env.put("NO_PROXY", "");
    // go1.23+ collects telemetry under the config dir and may start a child process that outlives
    // the command (and races @TempDir cleanup); its mode file turns that off.
    try {
      Path telemetry = work.resolve("home/.config/go/telemetry");
      Files.createDirectories(telemetry);
      Files.writeString(telemetry.resolve("mode"), "off");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return env;
  }

  /**
   * Runs {@code go args...} in {@code dir} with exactly the given environment.
   *
   * @param dir working directory
   * @param env the complete environment (see {@link #hermeticEnv(Path)})
   * @param timeoutSeconds kill go after this long
   * @param args arguments after {@code go}
   * @return exit code and output
   */
  public static Result run(Path dir, Map<String, String> env, long timeoutSeconds, String... args) {
    return exec(dir, env, timeoutSeconds, null, prepend(goBinary().orElseThrow().toString(), args));
  }

  /**
   * Builds a Go program that may import golang.org/x/mod, in GOPATH mode against Debian's x/mod
   * source, and returns the binary.
   *
   * @param mainGo the source of package main
   * @param work a scratch directory
   * @return the executable
   */
  public static Path buildXModProgram(String mainGo, Path work) {
    try {
      Path src = work.resolve("gopath/src/goproxy4jtool");
      Files.createDirectories(src);
      Files.writeString(src.resolve("main.go"), mainGo, StandardCharsets.UTF_8);
      Path bin = work.resolve("goproxy4jtool");
      Map<String, String> env = hermeticEnv(work);
      env.put("GO111MODULE", "off");
      env.put("GOPATH", work.resolve("gopath") + java.io.File.pathSeparator + DEBIAN_GOCODE);
      run(src, env, 300, "build", "-o", bin.toString(), ".").requireOk();
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs each task on a new daemon thread. */
  private static final java.util.concurrent.Executor OWN_THREAD = task -> {
    Thread t = new Thread(task, "gotool-output");
    t.setDaemon(true);
    t.start();
  };

  /**
   * Runs any program, feeding {@code stdin} (may be null).
   *
   * @param dir working directory
   * @param env the complete environment
   * @param timeoutSeconds kill the program after this long
   * @param stdin bytes for standard input, or null
   * @param command the program and its arguments
   * @return exit code and output
   */
  public static Result exec(Path dir, Map<String, String> env, long timeoutSeconds, byte[] stdin, String... command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      // each stream on a thread of its own, never on the common pool: a test's own long task can
      // hold its only worker on 2 cores (JDK 25's CompletableFuture uses it even then), and these
      // joins would wait forever after the program ended
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), OWN_THREAD);
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), OWN_THREAD);
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out after " + timeoutSeconds + "s: " + Arrays.toString(command));
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
