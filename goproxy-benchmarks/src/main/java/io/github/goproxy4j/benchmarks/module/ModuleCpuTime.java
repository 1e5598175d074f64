package io.github.goproxy4j.benchmarks.module;

import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModulePatterns;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.PseudoVersion;
import io.github.goproxy4j.module.Version;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A cross-check for JMH on a loaded machine: the same operations as {@link ModuleBenchmarks},
 * timed by this thread's CPU time rather than wall time (best of several rounds), exactly as the
 * Go side's {@code TestCPUTime} does. JIT compilation and GC run on other threads, so their CPU
 * is not counted (the Go side's GC is not counted either). Prints {@code cpu <name> <ns/op>}.
 */
public final class ModuleCpuTime {
  private static long sink;

  private ModuleCpuTime() {}

  /**
   * Runs every operation and prints its best CPU ns/op.
   *
   * @param args optional: rounds (default 5)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String[] versions = ModuleBenchData.versions(ModuleBenchData.SORT_SIZE);
    List<String> pseudos = new ArrayList<>();
    for (String v : versions) {
      if (PseudoVersion.isPseudo(v) && pseudos.size() < 1024) {
        pseudos.add(v);
      }
    }
    String[] ps = pseudos.toArray(new String[0]);
    List<String> sortInput = Arrays.asList(versions);
    String[] paths = ModuleBenchData.PATHS;
    String[][] checks = ModuleBenchData.CHECKS;
    Map<String, IntFunction<Object>> ops = new LinkedHashMap<>();
    ops.put("baseline (harness only)", i -> versions[i & 8191]);
    ops.put("modulePathParse", i -> ModulePath.parse(paths[i & 7]));
    ops.put("modulePathEscape", i -> ModulePath.escape(paths[i & 7]));
    ops.put("moduleCheck", i -> ModuleVersion.of(checks[i & 7][0], checks[i & 7][1]));
    ops.put("versionParse", i -> Version.parse(versions[i & 8191]));
    ops.put("versionCompareStrings", i -> Version.compare(versions[i & 8191], versions[(i + 1) & 8191]));
    ops.put("pseudoIsPseudo", i -> PseudoVersion.isPseudo(versions[i & 8191]));
    ops.put("pseudoParse", i -> PseudoVersion.parse(ps[i & 1023]));
    ModulePatterns patterns = ModulePatterns.parse(ModuleBenchData.PATTERNS);
    String[] patternPaths = ModuleBenchData.PATTERN_PATHS;
    ops.put("matchPrefixPatterns", i -> patterns.matches(patternPaths[i & 7]));
    ops.put("versionSortStrings10k", i -> {
      List<String> copy = new ArrayList<>(sortInput);
      Version.sortStrings(copy);
      return copy;
    });
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (Map.Entry<String, IntFunction<Object>> e : ops.entrySet()) {
      IntFunction<Object> op = e.getValue();
      boolean sort = e.getKey().startsWith("versionSort");
      int n = sort ? 20 : 200_000;
      for (int w = 0; w < 10; w++) {
        run(op, n);
      }
      double best = Double.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        long t0 = mx.getCurrentThreadCpuTime();
        run(op, n);
        long t1 = mx.getCurrentThreadCpuTime();
        best = Math.min(best, (t1 - t0) / (double) n);
      }
      System.out.printf("cpu %s %.1f%n", e.getKey().replace(' ', '_'), best);
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private static void run(IntFunction<Object> op, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
      s += op.apply(i).hashCode();
    }
    sink += s;
  }
}
