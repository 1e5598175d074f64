package io.github.goproxy4j.env;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flag names each go release accepts in GOFLAGS: cmd/go's {@code hasFlag(Go, name)}, true when
 * any go command or subcommand of that release defines the flag ({@code go: parsing $GOFLAGS:
 * unknown flag -x} otherwise).
 *
 * <p>Measured, not read: every candidate name found in cmd/go's sources of go1.19 to go1.27 was
 * tried as {@code GOFLAGS=-name=1 go version} against the installed go1.19.8, 1.21.13, 1.22.12,
 * 1.23.5, 1.24.4, 1.26.10 and 1.27.3 (the {@code test.} forms too). Go 1.20 and 1.25 are not
 * installed: their additions are assigned from the release notes (1.20: {@code -C},
 * {@code -pgo}, {@code go test -skip}; 1.25: {@code go test -artifacts}, the {@code ignore}
 * directive's {@code go mod edit -ignore}/{@code -dropignore}). Releases only ever added names.
 */
final class GoFlagNames {
  private GoFlagNames() {}

  /** The names go1.19 knows. */
  private static final String GO119 =
      "a asan asmflags bench benchmem benchtime blockprofile blockprofilerate buildmode " +
      "buildvcs c cache compat compiled compiler count cover covermode coverpkg " +
      "coverprofile cpu cpuprofile d debug-actiongraph debug-trace deps dropexclude " +
      "dropreplace droprequire dropretract dropuse e exclude exec export f failfast " +
      "find fix fmt fuzz fuzzcache fuzzminimizetime fuzztime gccgoflags gcflags go i " +
      "insecure installsuffix json ldflags linkshared list m memprofile memprofilerate " +
      "mod modcache modcacherw modfile module msan mutexprofile mutexprofilefraction n " +
      "o outputdir overlay p parallel pkgdir print r race replace require retract " +
      "retracted reuse run short shuffle t tags test test.bench test.benchmem " +
      "test.benchtime test.blockprofile test.blockprofilerate test.count " +
      "test.coverprofile test.cpu test.cpuprofile test.failfast test.fuzz " +
      "test.fuzzminimizetime test.fuzztime test.list test.memprofile " +
      "test.memprofilerate test.mutexprofile test.mutexprofilefraction test.outputdir " +
      "test.parallel test.run test.short test.shuffle test.timeout test.trace test.v " +
      "testcache timeout toolexec trace trimpath u use v vendor versions vet vettool w " +
      "work x";

  /** Names added by each later release. */
  private static final Map<Integer, String> ADDED = Map.of(
      20, "C pgo skip test.skip",
      21, "debug-runtime-trace fullpath test.fullpath toolchain",
      23, "changed diff dropgodebug godebug",
      24, "droptool tool",
      25, "artifacts dropignore ignore test.artifacts",
      26, "fixtool");

  private static final Map<String, Integer> SINCE = new HashMap<>();

  static {
    for (String n : GO119.split(" ")) {
      SINCE.put(n, 19);
    }
    // loops, not lambdas: this runs on every command's cold path (GOFLAGS is checked first)
    for (Map.Entry<Integer, String> e : ADDED.entrySet()) {
      for (String n : e.getValue().split(" ")) {
        SINCE.put(n, e.getKey());
      }
    }
  }

  /**
   * Whether go1.{@code minor} knows a flag of this name.
   *
   * @param minor the release, 19 to 27
   * @param name the name without dashes or value
   * @return whether GOFLAGS may name it
   */
  static boolean known(int minor, String name) {
    Integer since = SINCE.get(name);
    return since != null && since <= minor;
  }

  /** Every name known to go1.{@code minor}, for tests. */
  static List<String> names(int minor) {
    return SINCE.entrySet().stream().filter(e -> e.getValue() <= minor).map(Map.Entry::getKey)
        .sorted().toList();
  }
}
