package io.github.goproxy4j.benchmarks.env;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.module.ModulePatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code ProxyResolver.resolve} and {@code ModulePatterns.matches} with 20 GOPRIVATE/GONOPROXY
 * patterns (a mix of literal prefixes and globs, as real configurations have). Targets: resolve
 * under 1 µs, matches under 100 ns.
 *
 * <pre>{@code
 * java -jar goproxy-benchmarks/target/benchmarks.jar ResolveBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResolveBenchmark {
  private ProxyResolver resolver;
  private ModulePatterns patterns;
  private String[] paths;
  private String[] prefixes;
  private int next;

  /** Builds 20 patterns and a mix of matching and non-matching module paths. */
  @Setup
  public void setup() {
    List<String> globs = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      globs.add("git" + i + ".corp.example.com/team" + i);
    }
    globs.add("*.internal.example.org");
    globs.add("github.com/acme-*/*");
    globs.add("gitlab.example.net/group/*/sub");
    globs.add("example.com/priv[0-9]");
    globs.add("bitbucket.org/acme");
    globs.add("go.acme.io");
    String list = String.join(",", globs);
    resolver = ProxyResolver.of(GoEnv.of(Map.of(
        "GOPRIVATE", list,
        "GONOPROXY", list,
        "GOPROXY", "https://proxy.example.com|https://proxy.golang.org,direct")));
    patterns = ModulePatterns.parse(list);
    prefixes = globs.toArray(new String[0]);
    paths = new String[] {
        "golang.org/x/text",                       // public: every pattern checked
        "github.com/stretchr/testify",             // public, close to a glob
        "go.acme.io/tools/v2",                     // literal match (last pattern)
        "github.com/acme-labs/widget/v3",          // glob match
        "git13.corp.example.com/team13/repo",      // literal match
        "rsc.io/quote/v3",
    };
  }

  /**
   * Resolves a route (patterns precompiled; no parsing per call).
   *
   * @return the route
   */
  @Benchmark
  public Route resolve() {
    String p = paths[next++ % paths.length];
    return resolver.resolve(p);
  }

  /**
   * One MatchPrefixPatterns over the 20 patterns.
   *
   * @return whether a pattern matched
   */
  @Benchmark
  public boolean matches() {
    String p = paths[next++ % paths.length];
    return patterns.matches(p);
  }

  /**
   * Baseline for a loaded machine: 20 plain {@code String.startsWith} calls, the least any
   * prefix matcher over 20 patterns must do.
   *
   * @return whether a prefix matched
   */
  @Benchmark
  public boolean baselineStartsWith20() {
    String p = paths[next++ % paths.length];
    for (String prefix : prefixes) {
      if (p.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Worst case for matching: a public path against all 20 patterns.
   *
   * @return false
   */
  @Benchmark
  public boolean matchesNoHit() {
    return patterns.matches("golang.org/x/text");
  }
}
