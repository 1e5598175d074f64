package io.github.goproxy4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

// sets the goproxy.requireGo system property every go test reads: alone (junit-platform.properties)
@Isolated
class GoToolTest {
  @Test
  void buildsAndRunsAProgramAgainstXMod(@TempDir Path work) {
    GoTool.assumeXMod();
    Path bin = GoTool.buildXModProgram(
        "package main\nimport (\"fmt\"; \"golang.org/x/mod/semver\")\n"
            + "func main() { fmt.Println(semver.Canonical(\"v1.2\")) }\n", work);
    GoTool.Result r = GoTool.exec(work, GoTool.hermeticEnv(work), 60, null, bin.toString()).requireOk();
    assertTrue(r.stdout().trim().equals("v1.2.0"), r.stdout());
  }

  /** Each release found reports, through {@code go version}, the release we read for it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.goproxy4j.testing.GoTool#releases")
  void eachReleaseIsWhatGoVersionSays(GoTool.Go go, @TempDir Path work) {
    GoTool.assumeGo(go);
    GoTool.Result r = go.run(work, go.hermeticEnv(work), 60, "version").requireOk();
    assertTrue(r.stdout().startsWith("go version go" + go.release() + " "), r.stdout());
    assertTrue(go.hermeticEnv(work).get("PATH").startsWith(go.goRoot().resolve("bin").toString()));
  }

  /** Every /usr/lib/go-1.N/bin/go on this machine is found, each release once, oldest first. */
  @Test
  void findsEveryInstalledRelease() throws IOException {
    List<String> expected = new ArrayList<>();
    Path lib = Path.of("/usr/lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> dirs = Files.list(lib)) {
        dirs.map(d -> d.getFileName().toString()).filter(n -> n.matches("go-1\\.[0-9]+"))
            .filter(n -> Files.isExecutable(lib.resolve(n).resolve("bin/go")))
            .map(n -> n.substring(3)).forEach(expected::add);
      }
    }
    expected.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(2)), Integer.parseInt(b.substring(2))));
    List<String> found = GoTool.installed().stream().map(GoTool.Go::lang).collect(Collectors.toList());
    assertTrue(found.containsAll(expected), found + " should contain " + expected);
    assertEquals(found.stream().distinct().collect(Collectors.toList()), found);
    for (String lang : expected) {
      assertEquals(lang, GoTool.release(lang).orElseThrow().lang());
    }
  }

  @Test
  void placeholderSkipsWithoutRequirementAndFailsWithIt() {
    GoTool.Go none = new GoTool.Go(null, "");
    String old = System.getProperty(GoTool.REQUIRE_GO_PROPERTY);
    try {
      System.clearProperty(GoTool.REQUIRE_GO_PROPERTY);
      TestAbortedException skip = assertThrows(TestAbortedException.class, () -> GoTool.assumeGo(none));
      assertTrue(skip.getMessage().contains("SKIPPED: the go command is not installed"), skip.getMessage());
      assertThrows(TestAbortedException.class, () -> GoTool.assumeRelease("1.5"));

      System.setProperty(GoTool.REQUIRE_GO_PROPERTY, "");
      assertEquals(List.of(), GoTool.required());
      System.setProperty(GoTool.REQUIRE_GO_PROPERTY, " go1.19, 1.27 ");
      assertEquals(List.of("1.19", "1.27"), GoTool.required());
      System.setProperty(GoTool.REQUIRE_GO_PROPERTY, "1.5");
      AssertionError e = assertThrows(AssertionError.class, () -> GoTool.assumeGo(none));
      assertTrue(e.getMessage().startsWith("goproxy.requireGo=1.5 but go1.5 is not installed"), e.getMessage());
      assertThrows(AssertionError.class, GoTool::assumeGo);
      assertThrows(AssertionError.class, () -> GoTool.assumeRelease("1.5"));
    } finally {
      if (old == null) {
        System.clearProperty(GoTool.REQUIRE_GO_PROPERTY);
      } else {
        System.setProperty(GoTool.REQUIRE_GO_PROPERTY, old);
      }
    }
  }

  @Test
  void edgeReleasesAreOldestAndNewest() {
    List<GoTool.Go> all = GoTool.installed();
    List<GoTool.Go> edges = GoTool.edgeReleases().collect(Collectors.toList());
    if (all.isEmpty()) {
      assertEquals(1, edges.size());
      assertTrue(!edges.get(0).isInstalled());
    } else {
      assertEquals(all.get(0), edges.get(0));
      assertEquals(all.get(all.size() - 1), edges.get(edges.size() - 1));
    }
  }
}
