package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.testkit.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Query}: version queries resolved as {@code go list -m path@query} resolves them. */
class QueryTest {
  private static final ModulePath Q = ModulePath.parse("example.com/q");
  private static final String LATEST_MOD = "module example.com/q\n\n"
      + "retract (\n\tv1.1.1 // bad\n\tv1.3.0 // oops\n)\n";

  @TempDir Path tmp;
  FakeGoProxy proxy;

  private static FakeModule q(String version, String time, String goMod) {
    return FakeModule.builder("example.com/q", version).time(Instant.parse(time)).goMod(goMod)
        .file("q.go", "package q\n").build();
  }

  @BeforeEach
  void setUp() throws IOException {
    String plain = "module example.com/q\n";
    String pseudo = "v0.0.0-20220101000000-abcdefabcdef";
    proxy = FakeGoProxy.builder().noSumdb()
        .module(q("v1.0.0", "2020-01-01T00:00:00Z", plain))
        .module(q("v1.1.0", "2020-02-01T00:00:00Z", plain))
        .module(q("v1.1.1", "2020-03-01T00:00:00Z", plain))
        .module(q("v1.2.0-rc.1", "2020-04-01T00:00:00Z", plain))
        .module(q("v1.3.0", "2020-05-01T00:00:00Z",
            "// Deprecated: use example.com/r instead.\n" + LATEST_MOD))
        // Only prereleases; @latest is the highest of them.
        .module(FakeModule.builder("example.com/pre", "v0.1.0-alpha")
            .time(Instant.parse("2021-01-01T00:00:00Z")).build())
        .module(FakeModule.builder("example.com/pre", "v0.2.0-beta")
            .time(Instant.parse("2021-02-01T00:00:00Z")).build())
        // No tags at all: the list names no release, @latest a pseudo-version.
        .module(FakeModule.builder("example.com/untagged", pseudo)
            .time(Instant.parse("2022-01-01T00:00:00Z")).build())
        .start();
  }

  @AfterEach
  void tearDown() throws IOException {
    proxy.close();
    GoOs.removeAll(tmp);
  }

  private GoProxyClient client() {
    return GoProxyClient.builder().env(proxy.goEnv()).moduleCache(tmp.resolve("cache")).build();
  }

  private String goList(String arg, String... flags) throws IOException {
    Map<String, String> env = GoTool.hermeticEnv(tmp);
    env.put("GOPROXY", proxy.url().toString());
    env.put("GOMODCACHE", tmp.resolve("go-cache").toString());
    Path work = Files.createDirectories(tmp.resolve("work"));
    String[] args = new String[3 + flags.length];
    args[0] = "list";
    args[1] = "-m";
    args[2] = "-json";
    System.arraycopy(flags, 0, args, 3, flags.length);
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = arg;
    GoTool.Result r = GoTool.run(work, env, 60, all);
    return r.ok() ? r.stdout() : "ERROR " + r.stderr();
  }

  @Test
  void queriesAgreeWithGoList() throws Exception {
    GoTool.assumeGo();
    ObjectMapper om = new ObjectMapper();
    List<String> queries = List.of("example.com/q@latest", "example.com/q@v1", "example.com/q@v1.1",
        "example.com/q@<v1.1.1", "example.com/q@<=v1.1.1", "example.com/q@>v1.0.0",
        "example.com/q@>=v1.1.0", "example.com/q@v1.1.1", "example.com/q@v1.3.0",
        "example.com/q@<v1.3", "example.com/q@>v1.3.0", "example.com/q@v1.0.0+meta",
        "example.com/pre@latest", "example.com/pre@v0", "example.com/untagged@latest",
        "example.com/q@v9.9.9");
    try (GoProxyClient c = client()) {
      for (String q : queries) {
        String path = q.substring(0, q.indexOf('@'));
        String query = q.substring(q.indexOf('@') + 1);
        String go = goList(q);
        String ours;
        try {
          VersionInfo info = c.query(ModulePath.parse(path), query, Optional.empty());
          ours = info.version() + " " + GoJson.formatTime(info.offsetTime());
        } catch (GoProxyException e) {
          ours = "ERROR";
        }
        if (go.startsWith("ERROR")) {
          assertEquals("ERROR", ours, q + ": go said " + go);
        } else {
          JsonNode n = om.readTree(go);
          assertEquals(n.get("Version").asText() + " " + n.get("Time").asText(), ours, q);
        }
      }
    }
  }

  @Test
  void retractionAndDeprecationAsGoReportsThem() throws Exception {
    GoTool.assumeGo();
    JsonNode go = new ObjectMapper().readTree(goList("example.com/q@v1.1.1", "-retracted", "-u"));
    try (GoProxyClient c = client()) {
      VersionInfo info = c.query(Q, "v1.1.1", Optional.empty());
      assertTrue(info.isRetracted());
      assertEquals(go.get("Retracted").get(0).asText(), info.retraction().orElseThrow());
      assertEquals(go.get("Deprecated").asText(), info.deprecation().orElseThrow());
      VersionInfo latest = c.latest(Q);
      assertEquals("v1.1.0", latest.version());
      assertFalse(latest.isRetracted());
      assertTrue(latest.isDeprecated());
    }
  }

  @Test
  void upgradeAndPatchTakeTheCurrentVersion() throws Exception {
    try (GoProxyClient c = client()) {
      assertEquals("v1.1.0", c.query(Q, "upgrade", Optional.of(Version.parse("v1.0.0"))).version());
      // The current version is kept when it is newer than anything allowed.
      assertEquals("v1.2.0-rc.1",
          c.query(Q, "upgrade", Optional.of(Version.parse("v1.2.0-rc.1"))).version());
      assertEquals("v1.1.0", c.query(Q, "patch", Optional.of(Version.parse("v1.1.0"))).version());
      assertEquals("v1.0.0", c.query(Q, "patch", Optional.of(Version.parse("v1.0.0"))).version());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> c.query(Q, "patch", Optional.empty()));
      assertEquals("can't query version \"patch\" of module example.com/q: no existing version is required",
          e.getMessage());
      assertEquals("ambiguous semantic version \"v1.2\" in range \"<=v1.2\"",
          assertThrows(IllegalArgumentException.class, () -> c.query(Q, "<=v1.2", Optional.empty()))
              .getMessage());
      GoProxyException none = assertThrows(GoProxyException.class,
          () -> c.query(Q, ">v2.0.0", Optional.empty()));
      assertEquals("module example.com/q: no matching versions for query \">v2.0.0\"", none.getMessage());
    }
  }

  @Test
  void listFailureIsNotRescuedByLatest() throws Exception {
    proxy.addFault(Fault.status(404, "").forPath("/example.com/untagged/@v/list"));
    try (GoProxyClient c = client()) {
      GoProxyException e = assertThrows(ModuleNotFoundException.class,
          () -> c.latest(ModulePath.parse("example.com/untagged")));
      assertEquals("module example.com/untagged: reading " + proxy.url()
          + "/example.com/untagged/@v/list: 404 Not Found", e.getMessage());
    }
    assertEquals(0, proxy.requests().count(Endpoint.LATEST));
  }

  @Test
  void versionsAreTheFilteredSortedList() throws Exception {
    try (GoProxyClient c = client()) {
      assertEquals(List.of("v1.0.0", "v1.1.0", "v1.1.1", "v1.2.0-rc.1", "v1.3.0"),
          c.versions(Q).stream().map(Version::toString).toList());
    }
  }
}
