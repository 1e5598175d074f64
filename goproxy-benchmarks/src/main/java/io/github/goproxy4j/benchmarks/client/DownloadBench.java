package io.github.goproxy4j.benchmarks.client;

import io.github.goproxy4j.client.DownloadedModule;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testkit.FakeGoProxy;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Wall-time comparison of {@code go mod download} and {@link GoProxyClient#downloadAll} (download,
 * verify against a checksum database, extract) into empty caches from the same loopback proxy,
 * and the client's peak heap for one 400 MB zip. Run by {@code goproxy-benchmarks/bench-download.sh};
 * not part of {@code mvn verify}.
 *
 * <pre>
 * java -cp goproxy-benchmarks.jar io.github.goproxy4j.benchmarks.client.DownloadBench compare WORK [MODULES] [ROUNDS]
 * java -cp goproxy-benchmarks.jar io.github.goproxy4j.benchmarks.client.DownloadBench heap WORK [MB]
 * </pre>
 */
public final class DownloadBench {
  private DownloadBench() {}

  /**
   * Entry point.
   *
   * @param args {@code compare WORK [MODULES] [ROUNDS]}, {@code heap WORK [MB]}, or the
   *     internal {@code client GOPROXY GOSUMDB CACHE GOPATH MODULE...}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: DownloadBench compare WORK [MODULES] [ROUNDS] | heap WORK [MB]");
      System.exit(2);
    }
    switch (args[0]) {
      case "compare":
        compare(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 60,
            args.length > 3 ? Integer.parseInt(args[3]) : 3);
        break;
      case "heap":
        heap(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 400);
        break;
      case "client":
        clientOnly(args);
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  // ------------------------------------------------------------------ module generation

  /** Writes one module version in the GOPROXY layout with about {@code bytes} of content. */
  static String writeModule(Path proxyDir, String path, String version, long bytes,
      boolean incompressible, SplittableRandom rnd) throws IOException {
    Path v = Files.createDirectories(proxyDir.resolve(path).resolve("@v"));
    String goMod = "module " + path + "\n\ngo 1.19\n";
    Files.writeString(v.resolve(version + ".mod"), goMod);
    Files.writeString(v.resolve(version + ".info"),
        "{\"Version\":\"" + version + "\",\"Time\":\"2023-01-02T03:04:05Z\"}");
    Files.writeString(v.resolve("list"), version + "\n");
    String prefix = path + "@" + version + "/";
    try (OutputStream fo = new BufferedOutputStream(Files.newOutputStream(v.resolve(version + ".zip")), 1 << 16);
        ZipOutputStream z = new ZipOutputStream(fo)) {
      z.setLevel(incompressible ? Deflater.NO_COMPRESSION : Deflater.DEFAULT_COMPRESSION);
      z.putNextEntry(new ZipEntry(prefix + "go.mod"));
      z.write(goMod.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
      long written = 0;
      int file = 0;
      byte[] raw = new byte[48 * 1024];
      while (written < bytes) {
        int dir = file / 20;
        z.putNextEntry(new ZipEntry(prefix + "pkg" + dir + "/f" + file + (incompressible ? ".bin" : ".go")));
        long size = Math.min(bytes - written, incompressible ? 8L << 20 : 16 + rnd.nextInt(96 * 1024));
        long n = 0;
        while (n < size) {
          rnd.nextBytes(raw);
          byte[] chunk = incompressible ? raw : Base64.getMimeEncoder().encode(raw);
          int len = (int) Math.min(chunk.length, size - n);
          z.write(chunk, 0, len);
          n += len;
        }
        z.closeEntry();
        written += size;
        file++;
      }
    }
    return path + "@" + version;
  }

  /** A realistic mix: mostly 20 KB–2 MB, a few of 10–30 MB. */
  static List<String> generate(Path proxyDir, int count) throws IOException {
    SplittableRandom rnd = new SplittableRandom(42);
    List<String> mods = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long size;
      if (i % 12 == 5) {
        size = (10L + rnd.nextInt(21)) << 20;
      } else if (i % 3 == 0) {
        size = (256L + rnd.nextInt(1792)) << 10;
      } else {
        size = (20L + rnd.nextInt(300)) << 10;
      }
      mods.add(writeModule(proxyDir, "bench.example/mod" + i, "v1." + (i % 7) + "." + (i % 5),
          size, false, rnd));
    }
    return mods;
  }

  // ------------------------------------------------------------------ compare

  private static void compare(Path work, int count, int rounds) throws Exception {
    Path proxyDir = work.resolve("proxy");
    if (Files.exists(proxyDir)) {
      GoOs.removeAll(proxyDir);
    }
    long t0 = System.nanoTime();
    List<String> mods = generate(proxyDir, count);
    long total = 0;
    try (var s = Files.walk(proxyDir)) {
      total = s.filter(p -> p.toString().endsWith(".zip")).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf("generated %d modules, %.1f MB of zips, in %.1fs%n", mods.size(),
        total / 1e6, (System.nanoTime() - t0) / 1e9);
    try (FakeGoProxy fake = FakeGoProxy.builder().directory(proxyDir).start()) {
      List<Double> goTimes = new ArrayList<>();
      List<Double> ourTimes = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        goTimes.add(runGo(work, fake, mods));
        ourTimes.add(runClient(work, fake, mods));
        System.out.printf("round %d: go %.2fs, client %.2fs%n", r + 1, goTimes.get(r), ourTimes.get(r));
      }
      double go = median(goTimes);
      double ours = median(ourTimes);
      System.out.printf("median wall time: go mod download %.2fs, GoProxyClient.downloadAll %.2fs,"
          + " ratio %.2fx (target <= 0.5x)%n", go, ours, ours / go);
    }
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a[a.length / 2];
  }

  private static Map<String, String> goEnv(Path work, FakeGoProxy fake, Path cache) {
    Map<String, String> env = new HashMap<>(fake.environment());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", work.resolve("home").toString());
    env.put("GOPATH", work.resolve("gopath-go").toString());
    env.put("GOCACHE", work.resolve("gocache").toString());
    env.put("GOMODCACHE", cache.toString());
    env.put("GOFLAGS", "-modcacherw");
    env.put("GOTOOLCHAIN", "local");
    env.put("GO111MODULE", "on");
    env.put("GOVCS", "*:off");
    env.put("HTTPS_PROXY", "http://127.0.0.1:9");
    env.put("HTTP_PROXY", "http://127.0.0.1:9");
    return env;
  }

  private static double runGo(Path work, FakeGoProxy fake, List<String> mods) throws Exception {
    Path cache = work.resolve("go-cache");
    GoOs.removeAll(cache);
    GoOs.removeAll(work.resolve("gopath-go"));
    Path cwd = Files.createDirectories(work.resolve("cwd"));
    List<String> cmd = new ArrayList<>(List.of("go", "mod", "download", "-json"));
    cmd.addAll(mods);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(work.resolve("go-stderr.txt").toFile());
    pb.environment().clear();
    pb.environment().putAll(goEnv(work, fake, cache));
    long t0 = System.nanoTime();
    int rc = pb.start().waitFor();
    double s = (System.nanoTime() - t0) / 1e9;
    if (rc != 0) {
      throw new IllegalStateException("go mod download failed: "
          + Files.readString(work.resolve("go-stderr.txt")));
    }
    return s;
  }

  private static double runClient(Path work, FakeGoProxy fake, List<String> mods) throws Exception {
    Path cache = work.resolve("our-cache");
    GoOs.removeAll(cache);
    GoOs.removeAll(work.resolve("gopath-java"));
    Map<String, String> vars = new HashMap<>(fake.environment());
    vars.put("GOPATH", work.resolve("gopath-java").toString());
    List<ModuleVersion> mvs = mods.stream().map(ModuleVersion::parse).toList();
    long t0 = System.nanoTime();
    try (GoProxyClient c = GoProxyClient.builder().env(GoEnv.of(vars)).moduleCache(cache)
        .parallelism(16).build()) {
      List<DownloadedModule> done = c.downloadAll(mvs);
      if (done.size() != mvs.size()) {
        throw new IllegalStateException("downloaded " + done.size());
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  // ------------------------------------------------------------------ heap

  private static void heap(Path work, int megabytes) throws Exception {
    Path proxyDir = work.resolve("big-proxy");
    String mod = "bench.example/big@v1.0.0";
    if (!Files.exists(proxyDir.resolve("bench.example/big/@v/v1.0.0.zip"))) {
      writeModule(proxyDir, "bench.example/big", "v1.0.0", (long) megabytes << 20, true,
          new SplittableRandom(7));
    }
    System.out.printf("zip: %.1f MB%n",
        Files.size(proxyDir.resolve("bench.example/big/@v/v1.0.0.zip")) / 1e6);
    try (FakeGoProxy fake = FakeGoProxy.builder().directory(proxyDir).start()) {
      Path cache = work.resolve("big-cache");
      GoOs.removeAll(cache);
      // Each fake signs with a new key: an earlier run's checksum-database state is unusable.
      GoOs.removeAll(work.resolve("gopath-big"));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd = new ArrayList<>(Arrays.asList(java, "-Xmx128m", "-cp",
          System.getProperty("java.class.path"), DownloadBench.class.getName(), "client",
          fake.environment().get("GOPROXY"), fake.environment().get("GOSUMDB"), cache.toString(),
          work.resolve("gopath-big").toString(), mod));
      // The fake's checksum database hashes a zip on its first lookup: pay that before timing.
      fake.sumdb().record("bench.example/big", "v1.0.0").orElseThrow();
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      int rc = p.waitFor();
      System.out.println("client JVM (-Xmx128m) exit code " + rc);
      GoOs.removeAll(cache);
      if (rc != 0) {
        System.exit(rc);
      }
      System.out.printf("go mod download of the same zip, same fake: %.1fs%n",
          runGo(work, fake, List.of(mod)));
      GoOs.removeAll(work.resolve("go-cache"));
    }
  }

  private static void clientOnly(String[] args) throws Exception {
    Map<String, String> vars = new HashMap<>();
    vars.put("GOPROXY", args[1]);
    vars.put("GOSUMDB", args[2]);
    vars.put("GOPATH", args[4]);
    List<ModuleVersion> mvs = new ArrayList<>();
    for (int i = 5; i < args.length; i++) {
      mvs.add(ModuleVersion.parse(args[i]));
    }
    long t0 = System.nanoTime();
    try (GoProxyClient c = GoProxyClient.builder().env(GoEnv.of(vars))
        .moduleCache(Path.of(args[3])).build()) {
      c.downloadAll(mvs);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("downloaded %s in %.1fs; peak heap (sum of heap pools' peaks) %.1f MB%n",
        mvs, (System.nanoTime() - t0) / 1e9, peak / 1e6);
  }

}
