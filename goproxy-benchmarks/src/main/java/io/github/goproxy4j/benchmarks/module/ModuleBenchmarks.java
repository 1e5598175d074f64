package io.github.goproxy4j.benchmarks.module;

import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModulePatterns;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.PseudoVersion;
import io.github.goproxy4j.module.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The module model against x/mod: the Go side is {@code goproxy-benchmarks/go/module}, on the
 * same inputs ({@link ModuleBenchData}); {@code goproxy-benchmarks/bench-module.sh} runs both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ModuleBenchmarks {
  private static final int MASK = 8191;

  private String[] versions;
  private Version[] parsed;
  private List<String> sortInput;
  private List<Version> sortParsedInput;
  private String[] pseudos;
  private ModulePatterns patterns;
  private int i;

  /** Builds the inputs. */
  @Setup
  public void setup() {
    versions = ModuleBenchData.versions(ModuleBenchData.SORT_SIZE);
    parsed = new Version[versions.length];
    for (int k = 0; k < versions.length; k++) {
      parsed[k] = Version.parse(versions[k]);
    }
    sortInput = Arrays.asList(versions);
    sortParsedInput = Arrays.asList(parsed);
    List<String> ps = new ArrayList<>();
    for (String v : versions) {
      if (PseudoVersion.isPseudo(v) && ps.size() < 1024) {
        ps.add(v);
      }
    }
    pseudos = ps.toArray(new String[0]);
    patterns = ModulePatterns.parse(ModuleBenchData.PATTERNS);
    if (pseudos.length != 1024) {
      throw new IllegalStateException("expected 1024 pseudo-versions, got " + pseudos.length);
    }
  }

  /**
   * module.MatchPrefixPatterns over 20 GOPRIVATE globs (parsed once here; x/mod splits the list
   * on every call). Target: under 100 ns.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public boolean matchPrefixPatterns() {
    return patterns.matches(ModuleBenchData.PATTERN_PATHS[i++ & 7]);
  }

  /**
   * module.CheckPath.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public ModulePath modulePathParse() {
    return ModulePath.parse(ModuleBenchData.PATHS[i++ & 7]);
  }

  /**
   * module.CheckFilePath on paths with non-ASCII letters (every letter is a Unicode table lookup).
   *
   * @return the path, consumed by JMH
   */
  @Benchmark
  public String checkFilePathUnicode() {
    String p = ModuleBenchData.FILE_PATHS[i++ & 7];
    ModulePath.checkFilePath(p);
    return p;
  }

  /**
   * module.EscapePath.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public String modulePathEscape() {
    return ModulePath.escape(ModuleBenchData.PATHS[i++ & 7]);
  }

  /**
   * module.Check.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public ModuleVersion moduleCheck() {
    String[] c = ModuleBenchData.CHECKS[i++ & 7];
    return ModuleVersion.of(c[0], c[1]);
  }

  /**
   * semver.IsValid (Java builds the parsed value).
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public Version versionParse() {
    return Version.parse(versions[i++ & MASK]);
  }

  /**
   * semver.Compare on strings.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public int versionCompareStrings() {
    int k = i++;
    return Version.compare(versions[k & MASK], versions[(k + 1) & MASK]);
  }

  /**
   * Comparing parsed versions (Go has no parsed form; no Go counterpart).
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public int versionCompareParsed() {
    int k = i++;
    return parsed[k & MASK].compareTo(parsed[(k + 1) & MASK]);
  }

  /**
   * semver.Sort of 10,000 strings (including the copy).
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public List<String> versionSortStrings10k() {
    List<String> copy = new ArrayList<>(sortInput);
    Version.sortStrings(copy);
    return copy;
  }

  /**
   * Sorting 10,000 parsed versions (including the copy; no Go counterpart).
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public List<Version> versionSortParsed10k() {
    List<Version> copy = new ArrayList<>(sortParsedInput);
    Version.sort(copy);
    return copy;
  }

  /**
   * module.IsPseudoVersion.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public boolean pseudoIsPseudo() {
    return PseudoVersion.isPseudo(versions[i++ & MASK]);
  }

  /**
   * module.PseudoVersionTime + PseudoVersionBase + PseudoVersionRev.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public PseudoVersion pseudoParse() {
    return PseudoVersion.parse(pseudos[i++ & 1023]);
  }
}
