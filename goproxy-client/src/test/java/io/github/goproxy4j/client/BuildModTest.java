package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.mvs.ModuleGraphException;
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
    List<String> cmd = new ArrayList<>(List.of("list", "-m"));
    if (updates) {
      cmd.add("-u");
    }
    cmd.addAll(args);
    GoTool.Result theirs = go.run(main, env, 60, cmd.toArray(new String[0]));
    String out = "";
    String err = "";
    int status = 0;
    try (GoProxyClient client = GoProxyClient.builder()
        .env(GoEnv.builder().environment(env).noUserEnvFile().goVersion(go.release()).build()).build()) {
      StringBuilder lines = new StringBuilder();
      for (ListedModule m : client.listModules(main, args, updates, w -> {})) {
        lines.append(m).append('\n');
      }
      out = lines.toString();
    } catch (ModuleGraphException e) {
      err = e.goText() + "\n";
      status = 1;
    } catch (GoProxyException e) {
      err = "go: " + e.getMessage() + "\n";
      status = 1;
    }
    String ctx = go + " seed=" + seed + ": " + layout + "; GOFLAGS=" + goflags + " go " + String.join(" ", cmd);
    assertEquals(theirs.stderr(), err, ctx);
    assertEquals(theirs.stdout(), out, ctx);
    assertEquals(theirs.exitCode(), status, ctx);
  }
}
