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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test support shared by every module (published as goproxy-api's test-jar): finds the real
 * {@code go} command and x/mod's source, runs go hermetically, and builds small Go programs
 * against x/mod in GOPATH mode. Interop tests call {@link #assumeGo()} / {@link #assumeXMod()},
 * which skip the test with a clear message when Go is not installed.
 */
public final class GoTool {
  /** Where Debian's golang-golang-x-mod-dev puts x/mod's source (a GOPATH root). */
  public static final Path DEBIAN_GOCODE = Paths.get("/usr/share/gocode");

  /**
   * The go build cache every hermetic run shares: {@code -Dgoproxy.gocache=DIR}, else
   * {@code goproxy4j-gocache} under the temporary directory.
   */
  public static final Path SHARED_GOCACHE =
      Paths.get(System.getProperty("goproxy.gocache",
          Paths.get(System.getProperty("java.io.tmpdir"), "goproxy4j-gocache").toString()));

  private static final String INSTALL_HINT =
      "install Debian's golang-go and golang-golang-x-mod-dev (bash .ci/run does) to run it";

  private GoTool() {}

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

  /** Skips the calling test unless the go command is installed. */
  public static void assumeGo() {
    assumeTrue(goBinary().isPresent(), "SKIPPED: the go command is not installed; " + INSTALL_HINT);
  }

  /** Skips the calling test unless both go and x/mod's source are installed. */
  public static void assumeXMod() {
    assumeGo();
    assumeTrue(hasXMod(), "SKIPPED: x/mod source not found under " + DEBIAN_GOCODE + "; " + INSTALL_HINT);
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
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
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
