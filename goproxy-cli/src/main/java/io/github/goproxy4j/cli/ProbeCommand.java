package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.VersionInfo;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.internal.Redaction;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.sumdb.ChecksumDatabase;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.SumdbLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code goproxy probe [modules...]}: measures proxies side by side — availability, latency,
 * whether {@code @latest} agrees (staleness) and whether served go.mod hashes agree with the
 * checksum database.
 */
final class ProbeCommand implements Command {
  @Override
  public String name() {
    return "probe";
  }

  @Override
  public String summary() {
    return "compare proxies side by side: availability, latency, staleness, hash agreement";
  }

  @Override
  public String help() {
    return "goproxy probe [module...] [--proxies URL,URL...] [--rounds N] [--json]\n\n"
        + "For each proxy (the GOPROXY entries, or --proxies) and each module (the arguments,\n"
        + "or the requirements of ./go.mod), fetches the version list and @latest N times\n"
        + "(default 3) and the latest go.mod once, then reports per proxy: availability,\n"
        + "latency p50/p95, modules whose @latest is behind the newest any proxy reported\n"
        + "(stale), and go.mod hashes that disagree with the checksum database.\n";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("proxies", "rounds");
  }

  /** What one proxy did. */
  static final class ProxyStats {
    /** The URL as given, passed to the client. */
    final String proxy;
    /** The URL as printed: a password masked as go's url.Redacted masks it. */
    final String display;
    final List<Long> latencies = new ArrayList<>();
    int requests;
    int failures;
    final Map<String, String> latest = new LinkedHashMap<>();
    final List<String> stale = new ArrayList<>();
    final List<String> hashMismatches = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    ProxyStats(String proxy) {
      this.proxy = proxy;
      this.display = Redaction.inSetting(proxy);
    }

    long percentile(int p) {
      if (latencies.isEmpty()) {
        return -1;
      }
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("proxy", display);
      m.put("requests", requests);
      m.put("failures", failures);
      m.put("availability", requests == 0 ? 0.0 : (requests - failures) / (double) requests);
      m.put("p50Millis", percentile(50));
      m.put("p95Millis", percentile(95));
      m.put("latest", latest);
      m.put("stale", stale);
      m.put("hashMismatches", hashMismatches);
      m.put("errors", errors);
      return m;
    }
  }

  @Override
  public int run(Invocation ctx) throws Exception {
    GoEnv env = Settings.goEnv(ctx);
    int rounds;
    try {
      rounds = Integer.parseInt(ctx.args().option("rounds").orElse("3"));
    } catch (NumberFormatException e) {
      throw new UsageException("--rounds must be a number");
    }
    if (rounds < 1 || rounds > 1000) {
      throw new UsageException("--rounds must be between 1 and 1000");
    }
    List<String> proxies = ctx.args().option("proxies")
        .map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList())
        .orElseGet(() -> ProxyResolver.of(env).proxies().stream()
            .filter(p -> p instanceof ProxyEntry.Url)
            .map(p -> ((ProxyEntry.Url) p).uri().toString())
            .toList());
    if (proxies.isEmpty()) {
      throw new UsageException("no proxy URLs to probe: GOPROXY has none; pass --proxies");
    }
    List<ModulePath> modules = modules(ctx);

    List<ProxyStats> all = new ArrayList<>();
    try (Probes probes = new Probes()) {
      measure(probes, env, proxies, modules, rounds, all);
    }
    print(ctx, all);
    boolean bad = all.stream().anyMatch(s -> !s.hashMismatches.isEmpty());
    return bad ? 1 : 0;
  }

  private static void measure(Probes probes, GoEnv env, List<String> proxies, List<ModulePath> modules,
      int rounds, List<ProxyStats> all) {
    for (String proxy : proxies) {
      ProxyStats stats = new ProxyStats(proxy);
      all.add(stats);
      try (GoProxyClient client = probes.singleProxyClient(env, proxy)) {
        for (ModulePath module : modules) {
          for (int i = 0; i < rounds; i++) {
            timed(stats, module + " list", () -> client.versions(module));
            VersionInfo info = timed(stats, module + " @latest", () -> client.latest(module));
            if (info != null) {
              stats.latest.put(module.toString(), info.version());
            }
          }
        }
      }
    }
    // Staleness: behind the newest @latest any proxy reported.
    for (ModulePath module : modules) {
      Optional<Version> newest = all.stream()
          .map(s -> s.latest.get(module.toString()))
          .filter(v -> v != null)
          .map(Version::parse)
          .max(Version::compareTo);
      for (ProxyStats s : all) {
        String v = s.latest.get(module.toString());
        if (v != null && newest.isPresent() && Version.parse(v).compareTo(newest.get()) < 0) {
          s.stale.add(module + ": @latest " + v + ", another proxy has " + newest.get());
        }
      }
    }
    // Hash agreement with the checksum database, for each proxy's latest go.mod.
    try (GoProxyClient verifier = probes.client(env)) {
      for (ProxyStats s : all) {
        try (GoProxyClient client = probes.singleProxyClient(env, s.proxy)) {
          for (Map.Entry<String, String> e : s.latest.entrySet()) {
            ModulePath path = ModulePath.parse(e.getKey());
            Optional<ChecksumDatabase> db = verifier.checksumDatabase(path);
            if (db.isEmpty()) {
              continue;
            }
            ModuleVersion mv = ModuleVersion.of(e.getKey(), e.getValue());
            try {
              ModuleHash served = ModuleHash.ofGoMod(client.goMod(mv));
              SumdbLookup record = db.get().lookup(mv);
              if (!served.equals(record.goModHash())) {
                s.hashMismatches.add(mv + "/go.mod: served " + served + ", " + db.get().checksumDb().name() + " has "
                    + record.goModHash());
              }
            } catch (Exception ex) {
              s.errors.add(mv + " hash check: " + Goproxy.oneLine(ex));
            }
          }
        }
      }
    }
  }

  private static List<ModulePath> modules(Invocation ctx) throws java.io.IOException {
    List<String> args = ctx.args().positional();
    if (!args.isEmpty()) {
      return args.stream().map(ModulePath::parse).toList();
    }
    Path goMod = Paths.get("go.mod");
    if (!Files.isRegularFile(goMod)) {
      throw new UsageException("name modules to probe, or run in a directory with a go.mod");
    }
    GoModFile file = GoModFile.parse("go.mod", Files.readAllBytes(goMod));
    List<ModulePath> out = file.requires().stream().map(r -> ModulePath.parse(r.path())).distinct().toList();
    if (out.isEmpty()) {
      throw new UsageException("go.mod requires no modules; name modules to probe");
    }
    return out;
  }

  interface Call<T> {
    T call() throws Exception;
  }

  private static <T> T timed(ProxyStats stats, String what, Call<T> call) {
    long start = System.nanoTime();
    stats.requests++;
    try {
      T result = call.call();
      stats.latencies.add(Probes.millis(start));
      return result;
    } catch (Exception e) {
      stats.failures++;
      if (stats.errors.size() < 20) {
        stats.errors.add(what + ": " + Goproxy.oneLine(e));
      }
      return null;
    }
  }

  private static void print(Invocation ctx, List<ProxyStats> all) {
    if (ctx.json()) {
      Json.print(ctx.out(), all.stream().map(ProxyStats::toJson).toList());
      return;
    }
    int width = all.stream().mapToInt(s -> s.display.length()).max().orElse(10) + 2;
    ctx.out().println(Goproxy.pad("proxy", width) + "avail   p50ms  p95ms  stale  bad-hash");
    for (ProxyStats s : all) {
      double avail = s.requests == 0 ? 0 : 100.0 * (s.requests - s.failures) / s.requests;
      ctx.out().println(Goproxy.pad(s.display, width)
          + Goproxy.pad(String.format(java.util.Locale.ROOT, "%.0f%%", avail), 8)
          + Goproxy.pad(Long.toString(s.percentile(50)), 7)
          + Goproxy.pad(Long.toString(s.percentile(95)), 7)
          + Goproxy.pad(Integer.toString(s.stale.size()), 7)
          + s.hashMismatches.size());
    }
    for (ProxyStats s : all) {
      s.stale.forEach(x -> ctx.out().println("stale     " + s.display + ": " + x));
      s.hashMismatches.forEach(x -> ctx.out().println("MISMATCH  " + s.display + ": " + x));
      s.errors.forEach(x -> ctx.out().println("error     " + s.display + ": " + x));
    }
  }
}
