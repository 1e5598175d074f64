package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GoProxyClient#moduleGraph(Path)} against the real go command (go1.19 and go1.27) on
 * seeded random module universes served by the testkit with its checksum database: go makes each
 * main module tidy ({@code go mod tidy}); then {@code go list -m all}, {@code go list -m -u all}
 * (updates, retractions, deprecations) and {@code go mod graph}
 * must equal the loaded graph's texts byte for byte, and go must load the same graph offline
 * ({@code GOPROXY=off}) from the module cache the client filled. More universes:
 * {@code -Dgoproxy4j.mvs.universes=N}.
 */
class ModuleGraphLoaderTest {
  private static final Path GO127 = Paths.get("/usr/lib/go-1.27/bin/go");

  static Stream<Arguments> universes() {
    int n = Integer.getInteger("goproxy4j.mvs.universes", 3);
    return LongStream.rangeClosed(1, n).boxed().flatMap(seed -> Stream.of(Arguments.of("1.19", seed),
        Arguments.of("1.27", seed)));
  }

  private static Path goFor(String release) {
    GoTool.assumeGo();
    if (release.equals("1.19")) {
      return GoTool.goBinary().orElseThrow();
    }
    assumeTrue(Files.isExecutable(GO127), "SKIPPED: go1.27 is not installed at " + GO127);
    return GO127;
  }

  private static Map<String, String> goEnv(FakeGoProxy proxy, Path tmp, Path modCache) {
    Map<String, String> env = GoTool.hermeticEnv(tmp);
    env.putAll(proxy.environment());
    env.put("GOMODCACHE", modCache.toString());
    env.put("GOFLAGS", "-modcacherw");
    return env;
  }

  private static GoProxyClient client(FakeGoProxy proxy, Path tmp, String release) {
    Map<String, String> vars = new HashMap<>(proxy.environment());
    vars.put("GOPATH", tmp.resolve("our-gopath").toString());
    vars.put("GOMODCACHE", tmp.resolve("our-cache").toString());
    GoEnv env;
    try {
      env = GoEnv.builder().environment(vars).noUserEnvFile().goVersion(release).build();
    } catch (IllegalArgumentException e) {
      // GoEnv does not know this release yet; module-graph rules have not changed since 1.21
      env = GoEnv.builder().environment(vars).noUserEnvFile().build();
    }
    return GoProxyClient.builder().env(env).build();
  }

  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("universes")
  void listAndGraphMatchGoAndGoWorksOfflineFromOurCache(String release, long seed, @TempDir Path tmp)
      throws Exception {
    Path go = goFor(release);
    GoModuleUniverse u = new GoModuleUniverse(new SplittableRandom(seed), release);
    try (FakeGoProxy proxy = u.proxyBuilder().start()) {
      Path main = u.writeMain(tmp.resolve("main"));
      Map<String, String> env = goEnv(proxy, tmp, tmp.resolve("go-cache"));
      GoTool.exec(main, env, 300, null, go.toString(), "mod", "tidy").requireOk();
      String ctx = "seed=" + seed + " go.mod:\n" + Files.readString(main.resolve("go.mod"));
      String list = GoTool.exec(main, env, 120, null, go.toString(), "list", "-m", "all").requireOk().stdout();
      String graph = GoTool.exec(main, env, 120, null, go.toString(), "mod", "graph").requireOk().stdout();
      ModuleGraph g;
      try (GoProxyClient c = client(proxy, tmp, release)) {
        g = c.moduleGraph(main);
      }
      assertEquals(list, g.listText(), ctx);
      assertEquals(graph, g.graphText(), ctx);
      String listU = GoTool.exec(main, env, 120, null, go.toString(), "list", "-m", "-u", "all").requireOk().stdout();
      StringBuilder ours = new StringBuilder();
      try (GoProxyClient c = client(proxy, tmp, release)) {
        c.listModules(main, true).forEach(m -> ours.append(m).append('\n'));
      }
      assertEquals(listU, ours.toString(), ctx);
      if (Boolean.getBoolean("goproxy4j.mvs.print")) {
        System.out.println("go" + release + " seed=" + seed + "\n" + listU);
      }
      // go loads the same graph from the go.mod files the client cached, without any network
      Map<String, String> offline = goEnv(proxy, tmp, tmp.resolve("our-cache"));
      offline.put("GOPROXY", "off");
      String offGraph = GoTool.exec(main, offline, 120, null, go.toString(), "mod", "graph").requireOk().stdout();
      assertEquals(graph, offGraph, ctx);
    }
  }

  @Test
  void goSumLineRemovedOrWrongModuleLineFailLikeGo(@TempDir Path tmp) throws Exception {
    Path go = goFor("1.27");
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0")
            .goMod("module example.com/a\n\ngo 1.21\n\nrequire example.com/b v1.0.0\n")
            .file("a.go", "package a\n\nimport _ \"example.com/b\"\n").build())
        .module(FakeModule.builder("example.com/b", "v1.0.0").goMod("module example.com/b\n\ngo 1.21\n")
            .file("b.go", "package b\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n");
      Files.writeString(main.resolve("main.go"), "package main\n\nimport _ \"example.com/a\"\n\nfunc main() {}\n");
      Map<String, String> env = goEnv(proxy, tmp, tmp.resolve("go-cache"));
      GoTool.exec(main, env, 300, null, go.toString(), "mod", "tidy").requireOk();
      // remove the go.sum line of b's go.mod
      List<String> lines = new ArrayList<>(Files.readAllLines(main.resolve("go.sum")));
      lines.removeIf(l -> l.startsWith("example.com/b v1.0.0/go.mod "));
      Files.write(main.resolve("go.sum"), lines);
      assertSameFailure(go, main, env, proxy, tmp);
      // a main go.mod that does not parse
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.21\n\nrequire example.com/a\nfoo bar\n");
      assertSameFailure(go, main, env, proxy, tmp);
      // requirements not tidy: a root below the selected version
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.16\n\nrequire example.com/a v1.0.0\n");
      assertSameFailure(go, main, env, proxy, tmp);
    }
  }

  private static void assertSameFailure(Path go, Path main, Map<String, String> env, FakeGoProxy proxy, Path tmp)
      throws IOException {
    GoTool.Result r = GoTool.exec(main, env, 120, null, go.toString(), "list", "-m", "all");
    assertEquals(1, r.exitCode(), r.stdout());
    try (GoProxyClient c = client(proxy, tmp, "1.27")) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> c.moduleGraph(main));
      assertEquals(r.stderr().trim(), "go: " + e.getMessage());
    }
  }

  @Test
  void missingGoSumLineFailsBeforeFetching(@TempDir Path tmp) throws Exception {
    FakeGoProxy.Builder pb = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/a", "v1.0.0").goMod("module example.com/a\n\ngo 1.17\n").build());
    try (FakeGoProxy proxy = pb.start()) {
      Path main = Files.createDirectories(tmp.resolve("main"));
      Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.0.0\n");
      try (GoProxyClient c = client(proxy, tmp, "1.27")) {
        Files.writeString(main.resolve("go.sum"), "");
        GoProxyException e = assertThrows(GoProxyException.class, () -> c.moduleGraph(main));
        assertEquals("example.com/a@v1.0.0: missing go.sum entry for go.mod file; to add it:\n"
            + "\tgo mod download example.com/a", e.getMessage());
      }
    }
  }
}
