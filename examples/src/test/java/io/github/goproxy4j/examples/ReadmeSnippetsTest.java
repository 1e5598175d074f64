package io.github.goproxy4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.client.DownloadedModule;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.VersionInfo;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.modfile.GoModEditor;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.sumdb.ChecksumDatabase;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.testkit.FakeGoProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's code snippets, run for real, so that the README stays true. */
class ReadmeSnippetsTest {
  @Test
  void goModEditorSnippet(@TempDir Path work) throws Exception {
    Path gomod = work.resolve("go.mod");
    Files.writeString(gomod, "module example.com/m\n\ngo 1.21\n\nrequire golang.org/x/text v0.3.0 // indirect\n");
    byte[] bytes = Files.readAllBytes(gomod);
    // README: editing go.mod
    byte[] updated = GoModEditor.parse("go.mod", Files.readAllBytes(gomod), "1.27")
        .require("golang.org/x/text", "v0.14.0")
        .replace("example.com/fork", "", "../fork", "")
        .sortBlocks().cleanup()
        .format();
    byte[] tidy = GoModEditor.format("go.mod", bytes, "1.19");
    assertEquals("module example.com/m\n\ngo 1.21\n\nrequire golang.org/x/text v0.14.0 // indirect\n\n"
        + "replace example.com/fork => ../fork\n", new String(updated, StandardCharsets.UTF_8));
    assertEquals(new String(bytes, StandardCharsets.UTF_8), new String(tidy, StandardCharsets.UTF_8));
  }

  @Test
  void apiSnippet() {
    ModuleVersion mv = ModuleVersion.parse("github.com/Azure/azure-sdk-for-go/v68@v68.0.0");
    assertEquals("github.com/!azure/azure-sdk-for-go/v68", mv.path().escaped());
    assertTrue(Version.parse("v1.2.0-rc.1").compareTo(Version.parse("v1.2.0")) < 0);
    Route route = ProxyResolver.of(GoEnv.of(Map.of("GOPRIVATE", "corp.example.com"))).resolve("corp.example.com/lib");
    assertEquals("direct", route.proxies().get(0).display());
    assertTrue(route.checksumDb().isEmpty());
    assertTrue(route.explain().contains("GOPRIVATE"));
  }

  @Test
  void clientAndSumdbSnippets(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("golang.org/x/mod", "v0.6.0", "v0.7.0").start()) {
      Map<String, String> vars = new HashMap<>(proxy.environment());
      vars.put("GOPATH", work.resolve("gopath").toString());
      vars.put("GOMODCACHE", work.resolve("modcache").toString());
      vars.put("GOFLAGS", "-modcacherw");
      GoEnv env = GoEnv.of(vars);

      // README: goproxy-client
      DownloadedModule m;
      try (GoProxyClient client = GoProxyClient.builder().env(env).build()) {
        List<Version> versions = client.versions(ModulePath.parse("golang.org/x/mod"));
        VersionInfo latest = client.latest(ModulePath.parse("golang.org/x/mod"));
        m = client.download(ModuleVersion.of("golang.org/x/mod", latest.version()));
        assertEquals(2, versions.size());
        assertTrue(m.goSumLines().startsWith("golang.org/x/mod v0.7.0 h1:"), m.goSumLines());

        // README: goproxy-sumdb
        ModuleVersion mv = m.module();
        ModuleHash h = ModuleHash.ofZip(m.zip());
        Path goSumFile = work.resolve("go.sum");
        Files.writeString(goSumFile, m.goSumLines());
        GoSum goSum = GoSum.read(goSumFile);
        assertTrue(goSum.checkZip(mv, h));
        Optional<ChecksumDatabase> db = client.checksumDatabase(mv.path());
        if (db.isPresent()) {
          db.get().verifyZip(mv, h);
        }
        assertTrue(db.isPresent());
        ModuleHash wrong = ModuleHash.ofGoMod("module tampered\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThrows(ChecksumMismatchException.class, () -> goSum.checkZip(mv, wrong));
        assertThrows(ChecksumMismatchException.class, () -> db.get().verifyZip(mv, wrong));
      }
    }
  }

  @Test
  void moduleGraphSnippet(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("golang.org/x/mod", "v0.6.0", "v0.7.0").start()) {
      Map<String, String> vars = new HashMap<>(proxy.environment());
      vars.put("GOPATH", work.resolve("gopath").toString());
      vars.put("GOMODCACHE", work.resolve("modcache").toString());
      vars.put("GOFLAGS", "-modcacherw");
      try (GoProxyClient client = GoProxyClient.builder().env(GoEnv.of(vars)).build()) {
        Path dir = Files.createDirectories(work.resolve("main"));
        Files.writeString(dir.resolve("go.mod"),
            "module example.com/main\n\ngo 1.21\n\nrequire golang.org/x/mod v0.7.0\n");
        String sums = client.download(ModuleVersion.of("golang.org/x/mod", "v0.7.0")).goSumLines();
        Files.writeString(dir.resolve("go.sum"), sums);

        // README: whole builds
        ModuleGraph g = client.moduleGraph(dir);
        assertEquals(List.of(ModuleVersion.of("golang.org/x/mod", "v0.7.0")), g.buildList());
        assertEquals("example.com/main\ngolang.org/x/mod v0.7.0\n", g.listText());
        assertTrue(g.graphText().contains("example.com/main golang.org/x/mod@v0.7.0\n"), g.graphText());
        List<io.github.goproxy4j.client.DownloadedModule> downloaded = client.modDownload(dir);
        assertEquals(List.of(ModuleVersion.of("golang.org/x/mod", "v0.7.0")),
            downloaded.stream().map(io.github.goproxy4j.client.DownloadedModule::module).collect(java.util.stream.Collectors.toList()));
        assertEquals(List.of(), client.modVerify(dir));
        io.github.goproxy4j.client.ModDownloadResult result = client.modDownloadResult(dir);
        assertEquals(1, result.modules().size());
        assertEquals("golang.org/x/mod", result.modules().get(0).path());
        assertEquals("", result.modules().get(0).error());
        assertTrue(!result.failed());
        List<String> warnings = new java.util.ArrayList<>();
        assertEquals(List.of("golang.org/x/mod v0.7.0"), client.listModules(dir, List.of("golang.org/x/..."), false,
            warnings::add).stream().map(Object::toString).collect(java.util.stream.Collectors.toList()));
        client.listModules(dir, List.of("example.net/..."), false, warnings::add);
        assertEquals(List.of("warning: pattern \"example.net/...\" matched no module dependencies"), warnings);
        assertEquals("example.com/main", client.mainModules(dir).get(0).path());

        // without the go.sum line go refuses; so do we, with go's text
        Files.writeString(dir.resolve("go.sum"), "");
        GoProxyException e = assertThrows(GoProxyException.class, () -> client.moduleGraph(dir));
        assertTrue(e.getMessage().contains("missing go.sum entry for go.mod file"), e.getMessage());
        // go mod graph loads with -mod=mod: the go.mod is verified against the checksum database instead
        assertEquals(g.graphText(), client.modGraph(dir).graphText());
      }
    }
  }

  @Test
  void toolchainSnippet(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module(io.github.goproxy4j.testkit.FakeModule.toolchain("go1.99.1",
            io.github.goproxy4j.toolchain.Platform.current().goos(), io.github.goproxy4j.toolchain.Platform.current().goarch()))
        .start()) {
      Map<String, String> vars = new HashMap<>(proxy.environment());
      vars.put("GOPATH", work.resolve("gopath").toString());
      vars.put("GOMODCACHE", work.resolve("modcache").toString());
      vars.put("GOFLAGS", "-modcacherw");
      vars.put("PATH", work.resolve("empty-path").toString());
      GoEnv env = GoEnv.of(vars);
      Path dir = Files.createDirectories(work.resolve("main"));
      Files.writeString(dir.resolve("go.mod"), "module example.com/main\n\ngo 1.99.1\n");
      try (GoProxyClient client = GoProxyClient.builder().env(env).build()) {
        // README: Go toolchains through the proxy (Path.of(".") is dir here)
        io.github.goproxy4j.toolchain.GoToolchain t = io.github.goproxy4j.toolchain.GoToolchain.of("go1.99.1",
            io.github.goproxy4j.toolchain.Platform.current());
        Path goRoot = client.installToolchain(t);
        io.github.goproxy4j.toolchain.ToolchainSelection s =
            io.github.goproxy4j.toolchain.ToolchainSelection.forDirectory(env, dir);
        Optional<Path> go = client.toolchainCommand(s);
        assertTrue(Files.isRegularFile(goRoot.resolve("bin/go")), goRoot.toString());
        assertEquals("go1.99.1", s.toolchain());
        assertEquals(Optional.of(goRoot.resolve("bin/go")), go);
        // README: in code, follow that release with GoEnv.Builder.goVersion(s.release())
        GoEnv switched = GoEnv.builder().environment(env.environment()).goVersion(s.release()).build();
        assertTrue(switched.warnings().stream().anyMatch(w -> w.toString().contains("1.99")), switched.warnings().toString());
      }
    }
  }

  @Test
  void moduleGraphListingSnippets(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("golang.org/x/mod", "v0.6.0", "v0.7.0").start()) {
      Map<String, String> vars = new HashMap<>(proxy.environment());
      vars.put("GOPATH", work.resolve("gopath").toString());
      vars.put("GOMODCACHE", work.resolve("modcache").toString());
      vars.put("GOFLAGS", "-modcacherw");
      List<String> trace = new java.util.ArrayList<>();
      try (GoProxyClient client = GoProxyClient.builder().env(GoEnv.of(vars)).httpTrace(trace::add).build()) {
        Path dir = Files.createDirectories(work.resolve("main"));
        Files.writeString(dir.resolve("go.mod"),
            "module example.com/main\n\ngo 1.16\n\nrequire golang.org/x/mod v0.6.0\n");
        Files.writeString(dir.resolve("go.sum"),
            client.download(ModuleVersion.of("golang.org/x/mod", "v0.6.0")).goSumLines());
        assertTrue(trace.stream().anyMatch(l -> l.startsWith("# get http://127.0.0.1:")), trace.toString());

        // README: whole builds
        List<io.github.goproxy4j.client.ListedModule> u = client.listModules(dir, true);
        assertEquals("golang.org/x/mod v0.6.0 [v0.7.0]", u.get(1).toString());
        assertTrue(u.get(1).toJson("1.27").contains("\"Update\""), u.get(1).toJson("1.27"));
        assertTrue(client.modGraph(dir, "1.16").graphText().contains("example.com/main golang.org/x/mod@v0.6.0\n"));
        List<String> versions = new java.util.ArrayList<>();
        client.listModules(dir, List.of("golang.org/x/..."),
            io.github.goproxy4j.client.ListFlags.builder().versions(true).build(), System.err::println)
            .forEach(m -> versions.add(m.versionsText()));
        assertEquals(List.of("golang.org/x/mod v0.6.0 v0.7.0"), versions);
        // the README says why not `all`: go's -versions fails on the main module (no versions)
        GoProxyException e = assertThrows(GoProxyException.class, () -> client.listModules(dir, List.of("all"),
            io.github.goproxy4j.client.ListFlags.builder().versions(true).build(), System.err::println));
        assertTrue(e.getMessage().contains("example.com/main"), e.getMessage());
      }
    }
  }

  @Test
  void privateProxySnippet(@TempDir Path home) throws Exception {
    // README: the testkit as a private proxy
    try (FakeGoProxy proxy = FakeGoProxy.builder().https().basicAuth("ci", "s3cret")
        .module("corp.example/lib", "v1.0.0").start()) {
      Map<String, String> env = proxy.environment();
      assertTrue(env.get("GOPROXY").startsWith("https://127.0.0.1:"), env.toString());
      assertTrue(env.containsKey("SSL_CERT_FILE") && env.containsKey("NETRC"), env.toString());
      assertEquals("TLS", proxy.sslContext().getProtocol());
      try (GoProxyClient client = GoProxyClient.builder().env(proxy.goEnv()).build()) {
        assertEquals(List.of(Version.parse("v1.0.0")), client.versions(ModulePath.parse("corp.example/lib")));
      }
      // without the netrc: go's text, and no secret in it
      Map<String, String> noNetrc = new HashMap<>(proxy.goEnv().environment());
      noNetrc.remove("NETRC");
      noNetrc.put("HOME", home.toString()); // no ~/.netrc either
      try (GoProxyClient client = GoProxyClient.builder().env(GoEnv.of(noNetrc)).build()) {
        GoProxyException e = assertThrows(GoProxyException.class,
            () -> client.versions(ModulePath.parse("corp.example/lib")));
        assertEquals("module corp.example/lib: reading " + proxy.url() + "/corp.example/lib/@v/list: 401 Unauthorized\n"
            + "\tserver response: unauthorized", e.getMessage());
        assertTrue(!e.toString().contains("s3cret") && !proxy.toString().contains("s3cret"));
      }
    }
  }
}
