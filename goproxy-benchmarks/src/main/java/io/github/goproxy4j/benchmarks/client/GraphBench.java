package io.github.goproxy4j.benchmarks.client;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.testkit.FakeGoProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Cold module-graph loading, side by side with go: {@code go list -m all} (fresh GOMODCACHE,
 * {@code GOFLAGS=-mod=mod}) against {@link GoProxyClient#moduleGraph} in a warmed JVM (client
 * built outside the timing, fresh module cache each round) and against the whole CLI process
 * ({@code goproxy list -m all}), all three from one loopback {@link FakeGoProxy} with its
 * checksum database. The universe is generated: about 400 module versions over 150 paths, all
 * {@code go 1.16} (unpruned graph, so every reachable go.mod is loaded), whose build list is the
 * 150 paths. Run by {@code goproxy-benchmarks/bench-graph.sh}; not part of {@code mvn verify}.
 *
 * <p>Method: one untimed {@code go list -m all} (under {@code GOFLAGS=-mod=mod}) per universe
 * writes the main module's go.sum (so every side verifies go.mod files against go.sum, as a
 * checked-out project does) and
 * warms the server; the in-process JVM loads another universe of the same shape first
 * ({@link #WARMUPS} times, each on a fresh cache). Then N
 * rounds alternate the order of the three sides; go and the CLI run under
 * {@code /usr/bin/time} (wall time, peak RSS). The three outputs are compared byte for byte.
 *
 * <pre>
 * java -cp goproxy-benchmarks.jar io.github.goproxy4j.benchmarks.client.GraphBench compare WORK GOPROXY-LAUNCHER|CLIJAR [ROUNDS]
 * </pre>
 */
public final class GraphBench {
  /** Paths in the build list. */
  static final int PATHS = 150;
  /** Requirements on main's go.mod. */
  static final int ROOTS = 20;
  /**
   * Untimed loads of the other universe before the timed rounds (system property
   * {@code graphbench.warmups}). With 3 the JIT was still compiling (C2 threads took 20-30% of
   * the process's CPU during a timed load); with 10 the warm-up loads still fell from 0.83 s to
   * 0.23 s, and in a 30-load run they kept falling until about the 25th. A warmed JVM, as the
   * issue defines the in-process figure, is one whose load time has settled.
   */
  static final int WARMUPS = Integer.getInteger("graphbench.warmups", 30);

  private GraphBench() {}

  /**
   * Entry point.
   *
   * @param args {@code compare WORK CLIJAR [ROUNDS]}, or the internal {@code inproc GOPROXY GOSUMDB}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("compare")) {
      compare(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 5);
    } else if (args.length == 3 && args[0].equals("inproc")) {
      inProcess(args[1], args[2]);
    } else {
      System.err.println("usage: GraphBench compare WORK CLIJAR [ROUNDS]");
      System.exit(2);
    }
  }

  // ------------------------------------------------------------------ the universe

  /**
   * Writes a universe under {@code proxyDir} and its main module in {@code mainDir}: paths
   * {@code <host>/mNNN}, each with two to four versions; every version of module i requires a
   * few modules j &gt; i at random versions, and every version of some earlier module requires
   * module i, so all {@link #PATHS} paths are in the build list.
   *
   * @return the number of module versions written
   */
  static int generate(Path proxyDir, Path mainDir, String host, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] versions = new int[PATHS];
    for (int i = 0; i < PATHS; i++) {
      versions[i] = 2 + rnd.nextInt(3);
    }
    // cover[i]: the earlier module whose every version requires i (roots come from main)
    int[] cover = new int[PATHS];
    for (int i = ROOTS; i < PATHS; i++) {
      cover[i] = Math.max(0, i - 1 - rnd.nextInt(Math.min(i, 25)));
    }
    int count = 0;
    for (int i = 0; i < PATHS; i++) {
      String path = host + "/m" + String.format("%03d", i);
      StringBuilder list = new StringBuilder();
      for (int v = 0; v < versions[i]; v++) {
        Map<Integer, Integer> req = new java.util.TreeMap<>();
        for (int j = i + 1; j < PATHS; j++) {
          if (cover[j] == i && j >= ROOTS) {
            req.put(j, rnd.nextInt(versions[j]));
          }
        }
        int extra = i + 1 < PATHS ? 1 + rnd.nextInt(4) : 0;
        for (int k = 0; k < extra; k++) {
          int j = i + 1 + rnd.nextInt(Math.min(30, PATHS - i - 1));
          req.merge(j, rnd.nextInt(versions[j]), Math::max);
        }
        String version = "v1." + v + ".0";
        writeVersion(proxyDir, path, version, goMod(path, host, req));
        list.append(version).append('\n');
        count++;
      }
      Files.writeString(proxyDir.resolve(path).resolve("@v").resolve("list"), list);
    }
    Map<Integer, Integer> roots = new java.util.TreeMap<>();
    for (int i = 0; i < ROOTS; i++) {
      roots.put(i, rnd.nextInt(versions[i]));
    }
    Files.createDirectories(mainDir);
    Files.writeString(mainDir.resolve("go.mod"), goMod(host + "/main", host, roots));
    Files.deleteIfExists(mainDir.resolve("go.sum"));
    return count;
  }

  private static String goMod(String path, String host, Map<Integer, Integer> req) {
    StringBuilder b = new StringBuilder("module ").append(path).append("\n\ngo 1.16\n");
    if (!req.isEmpty()) {
      b.append("\nrequire (\n");
      req.forEach((j, v) -> b.append('\t').append(host).append("/m").append(String.format("%03d", j))
          .append(" v1.").append(v).append(".0\n"));
      b.append(")\n");
    }
    return b.toString();
  }

  private static void writeVersion(Path proxyDir, String path, String version, String goMod) throws IOException {
    Path v = Files.createDirectories(proxyDir.resolve(path).resolve("@v"));
    Files.writeString(v.resolve(version + ".mod"), goMod);
    Files.writeString(v.resolve(version + ".info"),
        "{\"Version\":\"" + version + "\",\"Time\":\"2023-01-02T03:04:05Z\"}");
    String prefix = path + "@" + version + "/";
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(v.resolve(version + ".zip")))) {
      z.putNextEntry(new ZipEntry(prefix + "go.mod"));
      z.write(goMod.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
      z.putNextEntry(new ZipEntry(prefix + "m.go"));
      z.write(("package m\n\nconst V = \"" + version + "\"\n").getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
  }

  // ------------------------------------------------------------------ compare

  /** One timed run: wall seconds, peak RSS in KB (0 if not measured), the output file. */
  record Run(double wall, long rssKb, Path out) {}

  private static void compare(Path work, Path cliJar, int rounds) throws Exception {
    // the previous invocation's caches go first, long before any timed run (see fresh)
    GoOs.removeAll(work.resolve("runs"));
    Path proxyDir = work.resolve("proxy");
    GoOs.removeAll(proxyDir);
    int n = generate(proxyDir, work.resolve("main"), "graph.example", 42);
    int nw = generate(proxyDir, work.resolve("main-warm"), "warm.example", 7);
    System.out.printf("universe: %d module versions over %d paths (and %d more for warming the JVM); %s%n",
        n, PATHS, nw, goVersion());
    try (FakeGoProxy fake = FakeGoProxy.builder().directory(proxyDir).start()) {
      Map<String, String> baseEnv = new HashMap<>(fake.environment());
      baseEnv.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      baseEnv.put("HOME", work.resolve("home").toString());
      baseEnv.put("GOPATH", work.resolve("gopath").toString());
      baseEnv.put("GOCACHE", work.resolve("gocache").toString());
      baseEnv.put("GOFLAGS", "-mod=mod");
      baseEnv.put("GOTOOLCHAIN", "local");
      baseEnv.put("GO111MODULE", "on");
      baseEnv.put("GOVCS", "*:off");
      baseEnv.put("HTTPS_PROXY", "http://127.0.0.1:9");
      baseEnv.put("HTTP_PROXY", "http://127.0.0.1:9");
      // untimed: go writes each main module's go.sum and warms the server
      for (String m : List.of("main", "main-warm")) {
        Run r = runGo(work, baseEnv, m);
        System.out.printf("setup (untimed): go list -m all in %s %.2fs, %d lines%n", m, r.wall(),
            Files.readAllLines(r.out()).size());
        Files.copy(work.resolve(m).resolve("go.mod"), work.resolve(m + ".go.mod"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(work.resolve(m).resolve("go.sum"), work.resolve(m + ".go.sum"), StandardCopyOption.REPLACE_EXISTING);
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> icmd = new ArrayList<>(List.of(java));
      // for profiling the in-process side, e.g. -Dgraphbench.childJvmArgs=-XX:+FlightRecorder... (space-separated)
      String childArgs = System.getProperty("graphbench.childJvmArgs", "").trim();
      if (!childArgs.isEmpty()) {
        icmd.addAll(List.of(childArgs.split(" +")));
      }
      icmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GraphBench.class.getName(), "inproc",
          baseEnv.get("GOPROXY"), baseEnv.get("GOSUMDB")));
      ProcessBuilder ipb = new ProcessBuilder(icmd).redirectError(work.resolve("inproc-stderr.txt").toFile());
      ipb.environment().clear();
      ipb.environment().putAll(baseEnv);
      Process child = ipb.start();
      try (PrintStream toChild = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
          BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(),
              StandardCharsets.UTF_8))) {
        // warm the JVM on the other universe (fresh caches each time)
        for (int w = 0; w < WARMUPS; w++) {
          fake.requests().clear(); // see below
          Run r = runInProcess(work, toChild, fromChild, "main-warm");
          System.out.printf("JVM warm-up %d (untimed, other universe): moduleGraph %.2fs%n", w + 1, r.wall());
        }
        List<Run> go = new ArrayList<>();
        List<Run> cli = new ArrayList<>();
        List<Run> in = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          for (int k = 0; k < 3; k++) {
            // the fake's journal would keep every request of every run alive in this JVM, the
            // server's: more to copy in each young collection, a pause any side's run may wait out
            fake.requests().clear();
            switch ((r + k) % 3) {
              case 0:
                go.add(runGo(work, baseEnv, "main"));
                break;
              case 1:
                cli.add(runCli(work, baseEnv, cliJar));
                break;
              default:
                in.add(runInProcess(work, toChild, fromChild, "main"));
                break;
            }
          }
          System.out.printf("round %d: go list -m all %.2fs (RSS %d MB); client moduleGraph %.2fs; goproxy list -m all"
              + " %.2fs (RSS %d MB); load average %s%n", r + 1, go.get(r).wall(), go.get(r).rssKb() / 1024,
              in.get(r).wall(), cli.get(r).wall(), cli.get(r).rssKb() / 1024, RealModulesBench.loadAverage());
          same(go.get(r).out(), cli.get(r).out(), "goproxy list -m all");
          same(go.get(r).out(), in.get(r).out(), "moduleGraph(dir).listText()");
        }
        toChild.println("rss");
        long inRss = Long.parseLong(fromChild.readLine().trim());
        double g = median(go.stream().map(Run::wall).toList());
        double c = median(cli.stream().map(Run::wall).toList());
        double i = median(in.stream().map(Run::wall).toList());
        System.out.printf("median of %d rounds: go list -m all %.2fs; GoProxyClient.moduleGraph in-process %.2fs"
            + " (ratio %.2fx, target <= 0.5x); goproxy list -m all process %.2fs (ratio %.2fx, target <= 1.5x)%n",
            rounds, g, i, i / g, c, c / g);
        System.out.printf("peak RSS: go %d MB, goproxy CLI %d MB, in-process JVM %d MB (whole benchmark child,"
            + " warm-ups included)%n", go.stream().mapToLong(Run::rssKb).max().orElse(0) / 1024,
            cli.stream().mapToLong(Run::rssKb).max().orElse(0) / 1024, inRss / 1024);
        System.out.printf("outputs: %d lines, byte-identical on all three sides in every round%n",
            Files.readAllLines(go.get(0).out()).size());
        System.out.printf("load average after: %s%n", RealModulesBench.loadAverage());
        toChild.println("quit");
      } finally {
        child.waitFor();
      }
    }
    GoOs.removeAll(work.resolve("runs"));
  }

  private static void same(Path a, Path b, String what) throws IOException {
    if (Files.mismatch(a, b) != -1) {
      throw new IllegalStateException(what + " differs from go list -m all: see " + a + " and " + b);
    }
  }

  private static String goVersion() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("go", "version").redirectErrorStream(true).start();
    String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return v;
  }

  static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  /** Runs so far: each gets directories of its own. */
  private static int runCount;

  /**
   * A new module cache and GOPATH for one run, never used before; the main module's files as go's
   * setup left them. Nothing is deleted until all rounds are done: on ext4 each new inode is
   * allocated past the inodes freed in the last seconds (minutes while their table block is
   * dirty), so deleting the previous run's ~900-file cache just before a run made file creation,
   * for go and for the client alike, the larger part of the measured time.
   */
  private static Map<String, String> fresh(Path work, Map<String, String> base, String side, String main)
      throws IOException {
    Path run = work.resolve("runs").resolve(side + "-" + (++runCount));
    Path cache = run.resolve("cache");
    Path gopath = run.resolve("gopath");
    if (Files.exists(work.resolve(main + ".go.sum"))) {
      Files.copy(work.resolve(main + ".go.mod"), work.resolve(main).resolve("go.mod"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(work.resolve(main + ".go.sum"), work.resolve(main).resolve("go.sum"), StandardCopyOption.REPLACE_EXISTING);
    }
    Map<String, String> env = new HashMap<>(base);
    env.put("GOMODCACHE", cache.toString());
    env.put("GOPATH", gopath.toString());
    env.put("PWD", work.resolve(main).toString());
    return env;
  }

  private static Run timed(List<String> cmd, Map<String, String> env, Path work, String side, String main)
      throws Exception {
    TimedProcess t = TimedProcess.run(cmd, env, work.resolve(main), work, side);
    return new Run(t.wallSeconds(), t.peakRssKb(), t.stdout());
  }

  private static Run runGo(Path work, Map<String, String> base, String main) throws Exception {
    return timed(List.of("go", "list", "-m", "all"), fresh(work, base, "go", main), work, "go", main);
  }

  private static Run runCli(Path work, Map<String, String> base, Path cliJar) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (cliJar.toString().endsWith(".jar")) {
      cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar"));
    }
    cmd.add(cliJar.toString());
    cmd.addAll(List.of("list", "-m", "all"));
    return timed(cmd, fresh(work, base, "cli", "main"), work, "cli", "main");
  }

  private static Run runInProcess(Path work, PrintStream toChild, BufferedReader fromChild, String main)
      throws IOException {
    Map<String, String> env = fresh(work, Map.of(), "inproc", main);
    Path out = work.resolve("inproc-stdout.txt");
    toChild.println("run\t" + env.get("PWD") + "\t" + env.get("GOMODCACHE") + "\t" + env.get("GOPATH") + "\t" + out);
    String line = fromChild.readLine();
    if (line == null || !line.startsWith("TIME ")) {
      throw new IllegalStateException("in-process run failed: " + line + "; see "
          + work.resolve("inproc-stderr.txt"));
    }
    return new Run(Double.parseDouble(line.substring(5)), 0, out);
  }

  /**
   * The in-process side: a long-lived JVM that, per {@code run} line on stdin, builds a client
   * on a fresh cache (untimed), then times {@code moduleGraph(dir)} and writes its listText.
   */
  private static void inProcess(String goproxy, String gosumdb) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] f = line.split("\t");
      if (f[0].equals("quit")) {
        return;
      }
      if (f[0].equals("rss")) {
        out.println(peakRssKb());
        continue;
      }
      Map<String, String> vars = new HashMap<>();
      vars.put("GOPROXY", goproxy);
      vars.put("GOSUMDB", gosumdb);
      vars.put("GOPATH", f[3]);
      vars.put("GOMODCACHE", f[2]);
      try (GoProxyClient c = GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(Path.of(f[2])).build()) {
        long t0 = System.nanoTime();
        ModuleGraph g = c.moduleGraph(Path.of(f[1]));
        long t1 = System.nanoTime();
        Files.writeString(Path.of(f[4]), g.listText());
        out.printf("TIME %.4f%n", (t1 - t0) / 1e9);
      } catch (Exception e) {
        e.printStackTrace();
        out.println("FAILED " + e);
      }
    }
  }

  private static long peakRssKb() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith("VmHWM:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }
}
