package io.github.goproxy4j.cli;

import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The training run of the start-up archive the build makes next to {@code goproxy.jar}
 * (goproxy-cli/pom.xml): the JVM records the classes (JDK 17-24: an AppCDS archive,
 * {@code -XX:ArchiveClassesAtExit}) or the classes, their linking and method profiles (JDK 25+:
 * an AOT cache, {@code -XX:AOTCacheOutput}) that the real commands use, so that {@code ./goproxy}
 * starts with them already loaded.
 *
 * <p>The run is the real command path, not a stand-in: a generated universe of modules is served
 * on loopback by goproxy-testkit's {@link FakeGoProxy} with its checksum database, in a child JVM
 * ({@code ArchiveTraining --serve WORKDIR}), so that the archive holds the classes of the commands
 * and not those of the server (a JDK 25 AOT cache loads and links every class it holds when the
 * JVM starts: with the server's classes it was 30 MB instead of 26 MB, and {@code goproxy help}
 * took 0.30 s of CPU instead of 0.27 s). The commands run through {@link Goproxy#run} with an
 * environment of their own (nothing of the machine's Go settings or module cache is read or
 * written): {@code download} (checksum database lookups, zip verification and extraction), {@code
 * list -m all} on a fresh module cache several times (go.mod fetches, go.sum checks, minimal
 * version selection; the path the module-graph benchmark times), {@code mod graph}, {@code list
 * -m -json} and {@code -u}, {@code mod download}, {@code mod verify} and {@code explain}. Any
 * command that fails fails the run, so an archive is never trained on an error path by accident.
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=goproxy.jsa -cp goproxy.jar io.github.goproxy4j.cli.ArchiveTraining WORKDIR
 * </pre>
 */
public final class ArchiveTraining {
  private static final String HOST = "training.goproxy4j.test";
  /** Module paths in the universe (all in the build list). */
  private static final int PATHS = 40;
  /** Cold {@code list -m all} runs: the more, the fuller the method profiles of a JDK 25 cache. */
  private static final int GRAPH_RUNS = 4;

  private ArchiveTraining() {}

  /**
   * Runs the training in {@code args[0]} (created; its previous content is replaced).
   *
   * @param args the work directory
   * @throws Exception when the universe cannot be written or served
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--serve")) {
      serve(Path.of(args[1]));
      System.exit(0);
    }
    if (args.length != 1) {
      System.err.println("usage: ArchiveTraining WORKDIR");
      System.exit(2);
    }
    Goproxy.skipJnaLibrarySearch(); // as Goproxy.main does
    int failed = train(Path.of(args[0]));
    System.out.flush();
    System.exit(failed == 0 ? 0 : 1);
  }

  /** {@return the number of commands that failed (their output is on standard error)} */
  static int train(Path work) throws IOException {
    GoOs.removeAll(work);
    Path main = Files.createDirectories(work.resolve("main"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ArchiveTraining.class.getName(), "--serve", work.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int failed = 0;
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      Map<String, String> env = new HashMap<>();
      for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
        int eq = line.indexOf('=');
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
      if (!env.containsKey("GOPROXY")) {
        throw new IOException("the training server did not start: see its standard error");
      }
      env.put("GOENV", "off");
      env.put("GOFLAGS", "-mod=mod");
      env.put("GOTOOLCHAIN", "local");
      env.put("HOME", work.resolve("home").toString());
      env.put("GOPATH", work.resolve("gopath").toString());
      env.put("PWD", main.toString());
      String first = HOST + "/m000@v1.0.0";
      String[][] commands = {
          {"explain", HOST + "/m000"},
          {"download", first, HOST + "/m001@v1.0.0"},
          {"list", "-m", "all"},
          {"mod", "graph"},
          {"list", "-m", "-json", "all"},
          {"list", "-m", "-u", "all"},
          {"list", "-m", "-f", "{{.Path}} {{printf \"%s\" .Version}}{{with .Replace}} => {{.}}{{end}}{{range .Versions}}{{end}}",
              "all"},
          {"mod", "download"},
          {"mod", "verify"},
          {"mod", "edit", "-require=" + HOST + "/m000@v1.0.0", "-exclude=" + HOST + "/m001@v1.0.0", "-json"},
          {"mod", "edit", "-fmt", "-print"},
          // last: it adds to main's go.sum (arguments in a module: ListModules.answer, queries)
          {"mod", "download", "-json", HOST + "/m000", HOST + "/m001@latest"},
      };
      for (int run = 0; run < GRAPH_RUNS; run++) {
        failed += run(env, work, run, "list", "-m", "all");
      }
      for (String[] c : commands) {
        failed += run(env, work, GRAPH_RUNS, c);
      }
      env.put("PWD", main.resolveSibling("main-pruned").toString());
      failed += run(env, work, GRAPH_RUNS + 1, "list", "-m", "all");
      failed += run(env, work, GRAPH_RUNS + 1, "mod", "graph");
    } finally {
      server.getOutputStream().close(); // the server's signal to stop
      try {
        if (!server.waitFor(1, TimeUnit.MINUTES)) {
          server.destroyForcibly();
        }
      } catch (InterruptedException e) {
        server.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    return failed;
  }

  /**
   * The child JVM of {@link #train}: writes the universe and the main modules into {@code work},
   * serves the universe, prints the environment that reaches it ({@code NAME=value} lines, then
   * an empty line) and serves until its standard input ends.
   */
  private static void serve(Path work) throws IOException {
    Path main = work.resolve("main");
    FakeGoProxy.Builder builder = FakeGoProxy.builder();
    List<String[]> served = universe(builder, main);
    try (FakeGoProxy proxy = builder.start()) {
      StringBuilder sum = new StringBuilder();
      for (String[] mv : served) {
        sum.append(proxy.sumdb().record(mv[0], mv[1]).orElseThrow());
      }
      Files.writeString(main.resolve("go.sum"), sum);
      Files.writeString(main.resolveSibling("main-pruned").resolve("go.sum"), sum);
      StringBuilder env = new StringBuilder();
      proxy.environment().forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
      System.out.print(env.append('\n'));
      System.out.flush();
      System.in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** Runs one command on the module cache {@code cache-N} (fresh when first used). */
  private static int run(Map<String, String> base, Path work, int cache, String... argv) {
    Map<String, String> env = new HashMap<>(base);
    env.put("GOMODCACHE", work.resolve("cache-" + cache).toString());
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    int status = Goproxy.standard().run(List.of(argv), quiet, System.err, env, false);
    if (status != 0) {
      System.err.println("training command failed (" + status + "): goproxy " + String.join(" ", argv));
      return 1;
    }
    return 0;
  }

  /**
   * Declares {@link #PATHS} modules of two or three versions each, {@code go 1.16} (unpruned: every
   * reachable go.mod is loaded), each version requiring a few later modules, and two main modules
   * that require the first five: {@code main} at {@code go 1.16} (an unpruned graph, as in the
   * module-graph benchmark) and {@code main-pruned} at {@code go 1.21} (graph pruning, lazy
   * loading, the go and toolchain nodes).
   *
   * @return the served versions as {path, version}
   */
  private static List<String[]> universe(FakeGoProxy.Builder builder, Path main) throws IOException {
    // a fixed pseudo-random shape (a linear congruential sequence), so every build trains alike
    long state = 42;
    List<String[]> served = new ArrayList<>();
    for (int i = 0; i < PATHS; i++) {
      String path = HOST + "/m" + String.format("%03d", i);
      int versions = 2 + (i % 2);
      for (int v = 0; v < versions; v++) {
        Map<String, String> req = new TreeMap<>();
        for (int k = 0; k < 3 && i + 1 < PATHS; k++) {
          state = state * 6364136223846793005L + 1442695040888963407L;
          int j = i + 1 + (int) ((state >>> 33) % Math.min(8, PATHS - i - 1));
          req.put(HOST + "/m" + String.format("%03d", j), "v1." + (j % 2) + ".0");
        }
        String version = "v1." + v + ".0";
        String goMod = goMod(path, "1.16", req);
        builder.module(FakeModule.builder(path, version).goMod(goMod)
            .file("m.go", "package m\n\nconst V = \"" + version + "\"\n").build());
        served.add(new String[] {path, version});
      }
    }
    Map<String, String> roots = new TreeMap<>();
    for (int i = 0; i < 5; i++) {
      roots.put(HOST + "/m" + String.format("%03d", i), "v1.1.0");
    }
    Files.writeString(main.resolve("go.mod"), goMod(HOST + "/main", "1.16", roots));
    Path pruned = Files.createDirectories(main.resolveSibling("main-pruned"));
    Files.writeString(pruned.resolve("go.mod"), goMod(HOST + "/main-pruned", "1.21", roots));
    return served;
  }

  private static String goMod(String path, String go, Map<String, String> req) {
    StringBuilder b = new StringBuilder("module ").append(path).append("\n\ngo ").append(go).append('\n');
    if (!req.isEmpty()) {
      b.append("\nrequire (\n");
      req.forEach((p, v) -> b.append('\t').append(p).append(' ').append(v).append('\n'));
      b.append(")\n");
    }
    return b.toString();
  }
}
