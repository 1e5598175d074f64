package io.github.goproxy4j.benchmarks.client;

import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.module.ModuleVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code go mod download} against {@link GoProxyClient#downloadAll} on real modules (a GOPROXY
 * tree made from Debian's golang-*-dev sources), served on loopback together with x/mod's own
 * checksum-database server; run by {@code goproxy-benchmarks/bench-download-real.sh}, not part of
 * {@code mvn verify}.
 *
 * <p>Method: one untimed {@code go mod download} first (the reference server computes each
 * module's record on its first lookup, which would otherwise be charged to whichever side runs
 * first); then N rounds, each timing go and a fresh client JVM on fresh caches, alternately, with
 * dirty pages written out ({@code sync}) and, as root, the page cache recycled ({@link Recycle})
 * before every timed run. Both run under
 * {@code /usr/bin/time} for the whole-process wall time, CPU time (user + system) and peak RSS;
 * the client JVM also reports the wall and CPU time of {@code downloadAll} itself. At the end the
 * last round's two caches are compared byte for byte (lock files aside).
 *
 * <p>Every run writes into a directory of its own ({@code WORK/runs/<side>-<round>}) and nothing
 * is deleted until all rounds are done: deleting a previous round's cache of some 12,000 files
 * just before a timed run made each round slower than the one before, on both sides (ext4 then
 * skips recently freed inodes when it allocates, and the file system is mounted with
 * {@code discard}), so the noise outgrew the differences being measured. Leftovers of an earlier
 * invocation are deleted before the untimed warm-up; the runs' directories after the last
 * round. Both sides are treated the same way. This needs about 1 GB of disk per round.
 *
 * <p>After the rounds, one informational run (not a target, not in the medians): downloadAll timed
 * the same way in a JVM that first did an untimed downloadAll of the same modules into a
 * throwaway cache, to show how much of the cold child's time is the JVM warming up.
 *
 * <pre>
 * java -cp goproxy-benchmarks.jar io.github.goproxy4j.benchmarks.client.RealModulesBench compare SERVER PROXYDIR MODULES WORK ROUNDS
 * java -cp goproxy-benchmarks.jar io.github.goproxy4j.benchmarks.client.RealModulesBench ab SERVER PROXYDIR MODULES WORK ROUNDS JAR_A JAR_B
 * </pre>
 *
 * <p>{@code ab} compares two builds of the client (two copies of this benchmark jar, say the old
 * and the new one) the same way, without go: per round one fresh-cache downloadAll with each jar,
 * the first one alternating, and the medians of the in-process wall and CPU time and of the
 * whole process's wall, user and system time. On a shared machine compare CPU times: the wall
 * time follows the load. To compare JVMs or JVM options instead (the same jar twice), give
 * {@code -Dgoproxy4j.bench.a.java=/path/to/bin/java} and {@code -Dgoproxy4j.bench.a.jvmArgs="-XX:..."}
 * (and {@code b.}) to the benchmark's own JVM. {@code -Dgoproxy4j.bench.keepRuns=true} leaves the
 * runs' caches in place (delete them later: deleting ~100,000 files slows this machine's file
 * creation for minutes, so one {@code ab} right after another would measure that).
 */
public final class RealModulesBench {
  static final String VKEY = "localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6";

  private RealModulesBench() {}

  /**
   * Entry point.
   *
   * @param args {@code compare SERVER PROXYDIR MODULES WORK ROUNDS} (SERVER: the sumdbserver
   *     binary; MODULES: a file of path@version lines), or the internal
   *     {@code child GOPROXY GOSUMDB CACHE MODULES}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 6 && args[0].equals("compare")) {
      compare(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]), Integer.parseInt(args[5]));
    } else if (args.length == 8 && args[0].equals("ab")) {
      ab(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]), Integer.parseInt(args[5]),
          Path.of(args[6]), Path.of(args[7]));
    } else if (args.length == 5 && args[0].equals("child")) {
      child(args);
    } else if (args.length == 5 && args[0].equals("child-warmed")) {
      childWarmed(args);
    } else {
      System.err.println("usage: RealModulesBench compare SERVER PROXYDIR MODULES WORK ROUNDS\n"
          + "       RealModulesBench ab SERVER PROXYDIR MODULES WORK ROUNDS JAR_A JAR_B");
      System.exit(2);
    }
  }

  /**
   * One timed run: wall, CPU and user seconds of the whole process, peak RSS in KB, in-process wall and
   * CPU seconds (NaN for go).
   */
  record Run(double wall, double cpu, double user, long rssKb, double inProcess, double inProcessCpu) {}

  private static void compare(Path server, Path proxyDir, Path modulesFile, Path work, int rounds) throws Exception {
    List<String> mods = Files.readAllLines(modulesFile).stream().filter(s -> !s.isBlank()).toList();
    long zipBytes = 0;
    for (String m : mods) {
      ModuleVersion mv = ModuleVersion.parse(m);
      zipBytes += Files.size(proxyDir.resolve(mv.path().escaped()).resolve("@v")
          .resolve(mv.version().escaped() + ".zip"));
    }
    System.out.printf("%d modules, %.1f MB of zips; %s; load average %s%n", mods.size(), zipBytes / 1e6, goVersion(),
        loadAverage());
    recycle = Recycle.of(proxyDir);
    try (Server srv = new Server(server, proxyDir)) {
      String goproxy = srv.goproxy;
      String gosumdb = srv.gosumdb;
      // leftovers of an earlier invocation (and of the layout before runs/)
      for (String old : List.of("runs", "go-cache", "java-cache", "gopath-go", "gopath-java")) {
        GoOs.removeAll(work.resolve(old));
      }
      Run warm = runGo(work, "warm", goproxy, gosumdb, mods);
      System.out.printf("warm-up (untimed for the ratio): go %.2fs%n", warm.wall());
      List<Run> go = new ArrayList<>();
      List<Run> client = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        String round = String.valueOf(r + 1);
        boolean goFirst = r % 2 == 0;
        if (goFirst) {
          go.add(runGo(work, round, goproxy, gosumdb, mods));
          client.add(runClient(work, round, goproxy, gosumdb, modulesFile));
        } else {
          client.add(runClient(work, round, goproxy, gosumdb, modulesFile));
          go.add(runGo(work, round, goproxy, gosumdb, mods));
        }
        Run g = go.get(r);
        Run c = client.get(r);
        System.out.printf("round %d: go %.2fs (CPU %.2fs, RSS %d MB); client process %.2fs (CPU %.2fs), downloadAll"
            + " %.2fs (CPU %.2fs) (RSS %d MB); load average %s%n", r + 1, g.wall(), g.cpu(), g.rssKb() / 1024,
            c.wall(), c.cpu(), c.inProcess(), c.inProcessCpu(), c.rssKb() / 1024, loadAverage());
      }
      double g = median(go.stream().map(Run::wall).toList());
      double cp = median(client.stream().map(Run::wall).toList());
      double ci = median(client.stream().map(Run::inProcess).toList());
      System.out.printf("median wall time: go mod download %.2fs; GoProxyClient.downloadAll %.2fs (ratio %.2fx, target"
          + " <= 0.5x); whole java process %.2fs (ratio %.2fx, target <= 0.8x)%n", g, ci, ci / g, cp, cp / g);
      double gc = median(go.stream().map(Run::cpu).toList());
      double cpc = median(client.stream().map(Run::cpu).toList());
      double cic = median(client.stream().map(Run::inProcessCpu).toList());
      System.out.printf("median CPU time (user + sys): go mod download %.2fs; downloadAll %.2fs (ratio %.2fx); whole"
          + " java process %.2fs (ratio %.2fx)%n", gc, cic, cic / gc, cpc, cpc / gc);
      System.out.printf("peak RSS (max over rounds): go %d MB, java %d MB%n",
          go.stream().mapToLong(Run::rssKb).max().orElse(0) / 1024,
          client.stream().mapToLong(Run::rssKb).max().orElse(0) / 1024);
      Run w = runClient(work, "warmed-jvm", goproxy, gosumdb, modulesFile, "child-warmed");
      System.out.printf("informational, not a target (one run): downloadAll in a JVM already warmed by an untimed"
          + " downloadAll of the same modules into a throwaway cache and GOPATH: %.2fs (CPU %.2fs)%n",
          w.inProcess(), w.inProcessCpu());
      String last = String.valueOf(rounds);
      compareCaches(runDir(work, "go", last).resolve("cache"), runDir(work, "java", last).resolve("cache"));
      System.out.printf("load average after: %s%n", loadAverage());
      GoOs.removeAll(work.resolve("runs"));
    }
  }

  /** The loopback server: x/mod's checksum-database server and the GOPROXY tree, until closed. */
  private static final class Server implements AutoCloseable {
    private final Process process;
    final String goproxy;
    final String gosumdb;

    Server(Path server, Path proxyDir) throws IOException, InterruptedException {
      process = new ProcessBuilder(server.toString(), "serve", proxyDir.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String ready = out.readLine();
      if (ready == null || !ready.startsWith("READY ")) {
        close();
        throw new IllegalStateException("server did not start: " + ready);
      }
      String base = ready.substring("READY ".length());
      goproxy = base + "/proxy";
      gosumdb = VKEY + " " + base + "/sumdb/localhost.localdev/sumdb";
    }

    @Override
    public void close() throws IOException {
      process.getOutputStream().close(); // the server exits when its stdin closes
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Two builds of the client side by side: per round one fresh-cache downloadAll in a JVM on
   * each jar, which one first alternating, after one untimed downloadAll (the server computes
   * each module's record on its first lookup).
   */
  private static void ab(Path server, Path proxyDir, Path modulesFile, Path work, int rounds, Path jarA, Path jarB)
      throws Exception {
    System.out.printf("A %s %s %s, B %s %s %s; load average %s%n", jarA,
        System.getProperty("goproxy4j.bench.a.java", "java"), System.getProperty("goproxy4j.bench.a.jvmArgs", ""),
        jarB, System.getProperty("goproxy4j.bench.b.java", "java"), System.getProperty("goproxy4j.bench.b.jvmArgs", ""),
        loadAverage());
    recycle = Recycle.of(proxyDir);
    try (Server srv = new Server(server, proxyDir)) {
      GoOs.removeAll(work.resolve("runs"));
      runClient(work, "warm", "0", srv.goproxy, srv.gosumdb, modulesFile, "child", jarA, "a");
      List<Run> a = new ArrayList<>();
      List<Run> b = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        String round = String.valueOf(r + 1);
        for (int k = 0; k < 2; k++) {
          boolean isA = (k == 0) == (r % 2 == 0);
          Run run = runClient(work, isA ? "a" : "b", round, srv.goproxy, srv.gosumdb, modulesFile, "child",
              isA ? jarA : jarB, isA ? "a" : "b");
          (isA ? a : b).add(run);
          System.out.printf("round %d %s: downloadAll %.2fs (CPU %.2fs); process %.2fs (user %.2fs, sys %.2fs, RSS"
              + " %d MB); load average %s%n", r + 1, isA ? "A" : "B", run.inProcess(), run.inProcessCpu(), run.wall(),
              run.user(), run.cpu() - run.user(), run.rssKb() / 1024, loadAverage());
        }
      }
      System.out.printf("medians over %d rounds, A -> B (B/A):%n", rounds);
      printMedian("downloadAll wall", a, b, Run::inProcess);
      printMedian("downloadAll CPU", a, b, Run::inProcessCpu);
      printMedian("process wall", a, b, Run::wall);
      printMedian("process user", a, b, Run::user);
      printMedian("process sys", a, b, r -> r.cpu() - r.user());
      compareCaches(runDir(work, "a", String.valueOf(rounds)).resolve("cache"),
          runDir(work, "b", String.valueOf(rounds)).resolve("cache"));
      System.out.printf("load average after: %s%n", loadAverage());
      if (!Boolean.getBoolean("goproxy4j.bench.keepRuns")) {
        GoOs.removeAll(work.resolve("runs"));
      }
    }
  }

  private static void printMedian(String what, List<Run> a, List<Run> b, java.util.function.ToDoubleFunction<Run> f) {
    double ma = median(a.stream().map(f::applyAsDouble).toList());
    double mb = median(b.stream().map(f::applyAsDouble).toList());
    System.out.printf("  %-17s %6.2fs -> %6.2fs (%.2fx)%n", what, ma, mb, mb / ma);
  }

  private static String goVersion() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("go", "version").redirectErrorStream(true).start();
    String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return v;
  }

  /** The machine's load average (1, 5, 15 minutes), to judge how quiet the run was. */
  static String loadAverage() throws IOException {
    Path p = Path.of("/proc/loadavg");
    if (!Files.isReadable(p)) {
      return "unknown";
    }
    String[] f = Files.readString(p).trim().split("\\s+");
    return f[0] + " " + f[1] + " " + f[2];
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  /** A run's own directory: its module cache ({@code cache}) and GOPATH ({@code gopath}). */
  private static Path runDir(Path work, String side, String round) {
    return work.resolve("runs").resolve(side + "-" + round);
  }

  private static Map<String, String> env(Path work, Path run, String goproxy, String gosumdb) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", work.resolve("home").toString());
    env.put("GOPATH", run.resolve("gopath").toString());
    env.put("GOMODCACHE", run.resolve("cache").toString());
    env.put("GOCACHE", work.resolve("gocache").toString());
    env.put("GOPROXY", goproxy);
    env.put("GOSUMDB", gosumdb);
    env.put("GOFLAGS", "");
    env.put("GOTOOLCHAIN", "local");
    env.put("GO111MODULE", "on");
    env.put("GOVCS", "*:off");
    env.put("HTTPS_PROXY", "http://127.0.0.1:9");
    env.put("HTTP_PROXY", "http://127.0.0.1:9");
    return env;
  }

  /** A run's directory, new (nothing deleted: see the class comment), with dirty pages written out. */
  private static Path fresh(Path work, String side, String round) throws IOException, InterruptedException {
    Path run = runDir(work, side, round);
    if (Files.exists(run)) {
      throw new IllegalStateException(run + " exists");
    }
    Files.createDirectories(run);
    new ProcessBuilder("sync").inheritIO().start().waitFor();
    if (recycle != null) {
      recycle.run();
    }
    return run;
  }

  /** The page-cache recycling before each timed run, or null when it is off (see {@link Recycle}). */
  private static Recycle recycle;

  /**
   * Before each timed run (after {@code sync}): the kernel's clean page cache is dropped
   * ({@code /proc/sys/vm/drop_caches}, root only), then the files both sides read are read back
   * in (the GOPROXY tree the server serves, the go binary, the JDK's class image and this jar),
   * so that each run writes its ~400 MB of files into memory the kernel has used before.
   *
   * <p>Why: in a virtual machine the first touch of a guest page is paid to the host. Writing
   * 400 MB with {@code dd} into fresh memory took 0.92 s of system time here, the same write into
   * recycled memory 0.12 s; a bulk download writes that much into the page cache, so without this
   * step both sides' system time, and the ratio, measured mostly how much never-touched memory
   * the kernel handed out that round. Both sides get the same treatment. Off with
   * {@code -Dgoproxy4j.bench.recycle=false} (the method of the first measurement), and
   * off, with a note, when not root.
   */
  private static final class Recycle {
    private final List<Path> reads;

    Recycle(List<Path> reads) {
      this.reads = reads;
    }

    /** The recycling for this machine, or null (with the reason printed) when it cannot run. */
    static Recycle of(Path proxyDir) throws IOException, InterruptedException {
      if (!Boolean.parseBoolean(System.getProperty("goproxy4j.bench.recycle", "true"))) {
        System.out.println("page cache: not recycled between runs (-Dgoproxy4j.bench.recycle=false)");
        return null;
      }
      Path drop = Path.of("/proc/sys/vm/drop_caches");
      if (!Files.isWritable(drop)) {
        System.out.println("page cache: not recycled between runs (" + drop + " is not writable: not root)");
        return null;
      }
      List<Path> reads = new ArrayList<>();
      try (java.util.stream.Stream<Path> s = Files.walk(proxyDir)) {
        s.filter(Files::isRegularFile).forEach(reads::add);
      }
      Path goBin = goBinary();
      if (goBin != null) {
        reads.add(goBin);
      }
      reads.add(Path.of(System.getProperty("java.home"), "lib", "modules"));
      reads.add(Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]));
      System.out.println("page cache: dropped and the served files read back in before every timed run"
          + " (both sides write into recycled memory; -Dgoproxy4j.bench.recycle=false to skip)");
      return new Recycle(reads);
    }

    void run() throws IOException {
      Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "1");
      byte[] buf = new byte[1 << 16];
      for (Path p : reads) {
        if (Files.isRegularFile(p)) {
          try (java.io.InputStream in = Files.newInputStream(p)) {
            while (in.read(buf) >= 0) {
              // reading is the point
            }
          }
        }
      }
    }

    private static Path goBinary() throws IOException, InterruptedException {
      Process p = new ProcessBuilder("go", "env", "GOROOT").redirectErrorStream(true).start();
      String root = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0 || root.isEmpty()) {
        return null;
      }
      Path bin = Path.of(root, "bin", "go");
      return Files.isRegularFile(bin) ? bin.toRealPath() : null;
    }
  }

  private static Run timed(List<String> cmd, Map<String, String> env, Path work, String side) throws Exception {
    TimedProcess t = TimedProcess.run(cmd, env, Files.createDirectories(work.resolve("cwd")), work, side);
    double inProcess = Double.NaN;
    double inProcessCpu = Double.NaN;
    for (String line : Files.readAllLines(t.stdout())) {
      if (line.startsWith("IN_PROCESS ")) {
        String[] f = line.split(" ");
        inProcess = Double.parseDouble(f[1]);
        inProcessCpu = Double.parseDouble(f[2]);
      }
    }
    return new Run(t.wallSeconds(), t.cpuSeconds(), t.userSeconds(), t.peakRssKb(), inProcess, inProcessCpu);
  }

  private static Run runGo(Path work, String round, String goproxy, String gosumdb, List<String> mods)
      throws Exception {
    Path run = fresh(work, "go", round);
    List<String> cmd = new ArrayList<>(List.of("go", "mod", "download"));
    cmd.addAll(mods);
    return timed(cmd, env(work, run, goproxy, gosumdb), work, "go");
  }

  private static Run runClient(Path work, String round, String goproxy, String gosumdb, Path modulesFile)
      throws Exception {
    return runClient(work, round, goproxy, gosumdb, modulesFile, "child");
  }

  private static Run runClient(Path work, String round, String goproxy, String gosumdb, Path modulesFile,
      String mode) throws Exception {
    return runClient(work, "java", round, goproxy, gosumdb, modulesFile, mode,
        Path.of(System.getProperty("java.class.path")));
  }

  private static Run runClient(Path work, String side, String round, String goproxy, String gosumdb,
      Path modulesFile, String mode, Path classPath) throws Exception {
    return runClient(work, side, round, goproxy, gosumdb, modulesFile, mode, classPath, "");
  }

  /**
   * One client JVM. {@code config} is "" (this JVM's java, no options) or, in {@code ab} mode, the
   * suffix of the {@code goproxy4j.bench.<config>.java} (a java binary) and
   * {@code goproxy4j.bench.<config>.jvmArgs} (space-separated JVM options) system properties.
   */
  private static Run runClient(Path work, String side, String round, String goproxy, String gosumdb,
      Path modulesFile, String mode, Path classPath, String config) throws Exception {
    Path run = fresh(work, side, round);
    String java = config.isEmpty() ? null : System.getProperty("goproxy4j.bench." + config + ".java");
    if (java == null) {
      java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
    String cp = classPath.toAbsolutePath().toString();
    List<String> cmd = new ArrayList<>(List.of(java));
    String jvmArgs = config.isEmpty() ? null : System.getProperty("goproxy4j.bench." + config + ".jvmArgs");
    if (jvmArgs != null && !jvmArgs.isBlank()) {
      cmd.addAll(List.of(jvmArgs.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-cp", cp, RealModulesBench.class.getName(),
        mode, goproxy, gosumdb, run.resolve("cache").toString(), modulesFile.toString()));
    return timed(cmd, env(work, run, goproxy, gosumdb), work, "java");
  }

  /** The client JVM: downloadAll with the default settings, timed in-process. */
  private static void child(String[] args) throws Exception {
    Map<String, String> vars = new HashMap<>();
    vars.put("GOPROXY", args[1]);
    vars.put("GOSUMDB", args[2]);
    vars.put("GOPATH", System.getenv("GOPATH"));
    List<ModuleVersion> mvs = modules(Path.of(args[4]));
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    GoProxyClient.Builder b = GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(Path.of(args[3]));
    Integer parallelism = Integer.getInteger("goproxy4j.bench.parallelism");
    if (parallelism != null) {
      b.parallelism(parallelism);
    }
    try (GoProxyClient c = b.build()) {
      c.downloadAll(mvs);
    }
    long t1 = System.nanoTime();
    System.out.printf("IN_PROCESS %.3f %.3f%n", (t1 - t0) / 1e9, (cpuNanos() - cpu0) / 1e9);
  }

  /**
   * The informational warmed-JVM run: one untimed downloadAll of the same modules into a
   * throwaway cache and GOPATH (so the timed one starts with an empty cache and checksum-database
   * state, as every other run), then the timed one, like {@link #child}.
   */
  private static void childWarmed(String[] args) throws Exception {
    Path cache = Path.of(args[3]);
    Path throwaway = cache.resolveSibling("throwaway");
    Map<String, String> vars = new HashMap<>();
    vars.put("GOPROXY", args[1]);
    vars.put("GOSUMDB", args[2]);
    vars.put("GOPATH", throwaway.resolve("gopath").toString());
    List<ModuleVersion> mvs = modules(Path.of(args[4]));
    try (GoProxyClient c = GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(throwaway.resolve("cache")).build()) {
      c.downloadAll(mvs);
    }
    child(args);
  }

  /** The module versions of a MODULES file (path@version lines). */
  private static List<ModuleVersion> modules(Path file) throws IOException {
    List<ModuleVersion> mvs = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        mvs.add(ModuleVersion.parse(line.trim()));
      }
    }
    return mvs;
  }

  /** This process's CPU time so far (user + system; java.base only, read from /proc on Linux). */
  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  /** Byte-for-byte comparison of two module caches, lock files aside. */
  static void compareCaches(Path a, Path b) throws IOException {
    Map<String, Path> fa = files(a);
    Map<String, Path> fb = files(b);
    List<String> diffs = new ArrayList<>();
    int same = 0;
    for (Map.Entry<String, Path> e : fa.entrySet()) {
      Path other = fb.get(e.getKey());
      if (other == null) {
        diffs.add("only in go's cache: " + e.getKey());
      } else if (Files.mismatch(e.getValue(), other) != -1) {
        diffs.add("differs: " + e.getKey());
      } else {
        same++;
      }
    }
    for (String k : fb.keySet()) {
      if (!fa.containsKey(k)) {
        diffs.add("only in the client's cache: " + k);
      }
    }
    System.out.printf("caches: %d files identical, %d differences%s%n", same, diffs.size(),
        diffs.isEmpty() ? " (byte-identical)" : "");
    diffs.stream().limit(20).forEach(d -> System.out.println("  " + d));
  }

  private static Map<String, Path> files(Path root) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !p.toString().endsWith(".lock")) {
          out.put(root.relativize(p).toString(), p);
        }
      }
    }
    return out;
  }
}
