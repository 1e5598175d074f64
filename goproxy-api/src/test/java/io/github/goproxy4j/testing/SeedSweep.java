package io.github.goproxy4j.testing;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Soak runs of the seeded differential tests (published in goproxy-api's test-jar): the seeds and
 * go releases a run asks for with {@code -Dgoproxy4j.sweep.seeds=FROM..TO} (inclusive; one seed:
 * {@code =N}) and {@code -Dgoproxy4j.sweep.releases=1.21,1.24} (default {@code 1.19,1.27}). A test
 * whose seeds are fixed ({@code @CsvSource}) adds {@link #releasesAndSeeds()} as a second source,
 * which yields nothing unless a sweep is asked for; a test drawing seeds 1..N uses the sweep in
 * their place when it is asked for. Run one test at a time:
 *
 * <pre>{@code
 * @ParameterizedTest(name = "go{0} seed={1}")
 * @CsvSource({"1.19, 6", "1.27, 2"})
 * @MethodSource("io.github.goproxy4j.testing.SeedSweep#releasesAndSeeds")
 * void someSeededTest(String release, long seed) { ... }
 *
 * mvn ... -Dtest='ModuleGraphCommandsTest#someSeededTest' -Dgoproxy4j.sweep.seeds=1..60
 * }</pre>
 */
public final class SeedSweep {
  /** The system property naming the seeds: {@code FROM..TO} or one seed. */
  public static final String SEEDS_PROPERTY = "goproxy4j.sweep.seeds";

  /** The system property naming the go releases (comma-separated language versions). */
  public static final String RELEASES_PROPERTY = "goproxy4j.sweep.releases";

  private SeedSweep() {}

  /**
   * Whether a sweep was asked for.
   *
   * @return {@code true} when {@value #SEEDS_PROPERTY} is set
   */
  public static boolean active() {
    return System.getProperty(SEEDS_PROPERTY) != null;
  }

  /**
   * The sweep's seeds.
   *
   * @return the seeds asked for, none when no sweep was asked for
   * @throws IllegalArgumentException when {@value #SEEDS_PROPERTY} is neither {@code FROM..TO} nor a seed
   */
  public static LongStream seeds() {
    String range = System.getProperty(SEEDS_PROPERTY);
    if (range == null) {
      return LongStream.empty();
    }
    int dots = range.indexOf("..");
    try {
      long from = Long.parseLong(range.substring(0, dots < 0 ? range.length() : dots).trim());
      long to = dots < 0 ? from : Long.parseLong(range.substring(dots + 2).trim());
      return LongStream.rangeClosed(from, to);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + SEEDS_PROPERTY + "=" + range + ": want FROM..TO or one seed", e);
    }
  }

  /**
   * The sweep's go releases.
   *
   * @return the language versions asked for, {@code 1.19} and {@code 1.27} by default
   */
  public static List<String> releases() {
    return Stream.of(System.getProperty(RELEASES_PROPERTY, "1.19,1.27").split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }

  /**
   * Every release with every seed of the sweep, seed by seed, for {@code @MethodSource}.
   *
   * @return {@code {release, seed}} rows; none when no sweep was asked for
   */
  public static Stream<Object[]> releasesAndSeeds() {
    List<String> releases = releases();
    return seeds().boxed().flatMap(seed -> releases.stream().map(release -> new Object[] {release, seed}));
  }
}
