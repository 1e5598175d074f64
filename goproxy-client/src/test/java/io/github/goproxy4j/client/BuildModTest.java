package io.github.goproxy4j.client;


import io.github.goproxy4j.testing.GoTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BuildMod}: the {@code -mod} mode {@code go list -m} runs in, against every installed go
 * release, on seeded random layouts of a main module without requirements: go lines on both
 * sides of 1.14 (or none), no vendor directory or one whose modules.txt is for a module or for a
 * workspace, a go.work using the module or none, and GOFLAGS's {@code -mod} unset, valid or
 * bogus. {@code go list -m [-u] [all]} shows the mode (vendor mode refuses {@code all} and
 * {@code -u}; a workspace refuses most flags; a bad flag is an error): goproxy4j must answer what
 * go prints, or fail with the same text. More cases: {@code -Dgoproxy4j.buildmod.cases=N} per
 * release.
 */
class BuildModTest {
  static Stream<Arguments> cases() {
    int n = Integer.getInteger("goproxy4j.buildmod.cases", 12);
    return GoTool.releases().flatMap(go -> LongStream.rangeClosed(1, n).mapToObj(seed -> Arguments.of(go, seed)));
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("cases")
  void listChoosesTheModeAsGo(GoTool.Go go, long seed, @TempDir Path tmp) throws Exception {
    GoTool.assumeGo(go);
    SplittableRandom r = new SplittableRandom(seed);
    String[] goLines = {"", "1.13", "1.14", "1.17", "1.21"};
    String mainGo = goLines[r.nextInt(goLines.length)];
    Path main = Files.createDirectories(tmp.resolve("main"));
    StringBuilder layout = new StringBuilder();
    boolean workspace = r.nextInt(4) == 0;
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n" + (mainGo.isEmpty() ? "" : "\ngo " + mainGo
        + "\n"));
    layout.append("go.mod go ").append(mainGo.isEmpty() ? "(none)" : mainGo);
    switch (r.nextInt(3)) {
      case 0:
        break;
      case 1:
        Files.createDirectories(main.resolve("vendor"));
        Files.writeString(main.resolve("vendor/modules.txt"), "");
        layout.append(", vendor/modules.txt for the module");
        break;
      default:
        Files.createDirectories(main.resolve("vendor"));
        Files.writeString(main.resolve("vendor/modules.txt"), "## workspace\n");
        layout.append(", vendor/modules.txt for a workspace");
        break;
    }
    if (workspace) {
      Files.writeString(main.resolve("go.work"), "go 1.19\n\nuse .\n");
      layout.append(", go.work");
    }
    String[] flags = {"", "", "-mod=mod", "-mod=readonly", "-mod=vendor", "-mod=bogus"};
    String goflags = flags[r.nextInt(flags.length)];
    List<String> args = new ArrayList<>();
    boolean updates = r.nextInt(3) == 0;
    if (r.nextBoolean()) {
      args.add("all");
    }
    Map<String, String> env = go.hermeticEnv(tmp);
    env.put("GOFLAGS", goflags);
    GoListM.assertSameAsGo(go, main, env, args, updates, "seed=" + seed + ": " + layout);
  }
}
