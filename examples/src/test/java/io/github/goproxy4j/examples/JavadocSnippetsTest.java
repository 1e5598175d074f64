package io.github.goproxy4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.client.DownloadedModule;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.HttpSettings;
import io.github.goproxy4j.client.ListFlags;
import io.github.goproxy4j.client.ListedModule;
import io.github.goproxy4j.client.ModuleCache;
import io.github.goproxy4j.client.VersionInfo;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoWorkFile;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.PseudoVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.sumdb.ChecksumDatabase;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.note.Note;
import io.github.goproxy4j.sumdb.note.SignerKey;
import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.testkit.FakeSumdb;
import io.github.goproxy4j.testkit.Fault;
import io.github.goproxy4j.toolchain.GoToolchain;
import io.github.goproxy4j.toolchain.Platform;
import io.github.goproxy4j.toolchain.ToolchainSelection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage examples in the javadoc of the public entry points, held here as close to verbatim
 * as Java allows and run against FakeGoProxy, so that an API change breaks the build instead of
 * the documentation. Each method names the class whose javadoc it copies; values the javadoc
 * claims in comments are asserted.
 */
class JavadocSnippetsTest {

  private static GoEnv env(FakeGoProxy proxy, Path work) {
    Map<String, String> vars = new HashMap<>(proxy.environment());
    vars.put("GOPATH", work.resolve("gopath").toString());
    vars.put("GOMODCACHE", work.resolve("modcache").toString());
    vars.put("GOFLAGS", "-modcacherw");
    return GoEnv.of(vars);
  }

  /** {@code GoProxyClient}'s class javadoc and {@code client/package-info}. */
  @Test
  void goProxyClient(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("golang.org/x/text", "v0.3.0", "v0.3.7").start()) {
      GoEnv env = env(proxy, work);
      try (GoProxyClient client = GoProxyClient.builder().env(env).build()) {
        ModulePath text = ModulePath.parse("golang.org/x/text");
        VersionInfo latest = client.latest(text);
        DownloadedModule d = client.download(ModuleVersion.of(text, Version.parse(latest.version())));
        assertTrue(Files.isDirectory(d.dir()));
        assertTrue(d.goSumLines().startsWith("golang.org/x/text v0.3.7 h1:"), d.goSumLines());

        // VersionInfo's and DownloadedModule's javadoc
        VersionInfo info = client.info(ModuleVersion.parse("golang.org/x/text@v0.3.7"));
        assertEquals("v0.3.7", info.version());
        DownloadedModule d2 = client.download(ModuleVersion.parse("golang.org/x/text@v0.3.7"));
        assertEquals(d.goSumLines(), d2.goSumLines());
        assertEquals(d.zipHash(), d2.zipHash());
      }
    }
  }

  /** {@code GoProxyClient.builder()}'s javadoc. */
  @Test
  void goProxyClientBuilder(@TempDir Path work) throws Exception {
    Files.writeString(work.resolve("go.sum"), "");
    GoSum goSum = GoSum.parse(Files.readString(work.resolve("go.sum")));
    try (GoProxyClient client = GoProxyClient.builder()
        .env(GoEnv.of(Map.of("GOPROXY", "https://proxy.golang.org,direct")))
        .moduleCache(work.resolve("modcache"))
        .goSum(goSum)
        .parallelism(8)
        .build()) {
      assertEquals(work.resolve("modcache"), client.moduleCache().root());
    }
    HttpSettings http = HttpSettings.builder()
        .connectTimeout(Duration.ofSeconds(5))
        .readStallTimeout(Duration.ofSeconds(30))
        .build();
    assertEquals(Duration.ofSeconds(5), http.connectTimeout());
  }

  /** {@code GoProxyClient.listModules(dir, args, ListFlags, warnings)} and {@code ListFlags}. */
  @Test
  void listModulesVersions(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("golang.org/x/text", "v0.1.0", "v0.2.0").start()) {
      try (GoProxyClient client = GoProxyClient.builder().env(env(proxy, work)).build()) {
        Path dir = Files.createDirectories(work.resolve("main"));
        Files.writeString(dir.resolve("go.mod"), "module example.com/main\n\ngo 1.21\n\nrequire golang.org/x/text v0.1.0\n");
        Files.writeString(dir.resolve("go.sum"),
            client.download(ModuleVersion.parse("golang.org/x/text@v0.1.0")).goSumLines());
        List<String> out = new ArrayList<>();
        ListFlags versions = ListFlags.builder().versions(true).build();
        for (ListedModule m : client.listModules(dir, List.of("golang.org/x/text"), versions, w -> {})) {
          out.add(m.versionsText());   // golang.org/x/text v0.1.0 v0.2.0 ...
        }
        assertEquals(List.of("golang.org/x/text v0.1.0 v0.2.0"), out);
        List<ListedModule> updates = client.listModules(dir, true);
        assertEquals("golang.org/x/text v0.1.0 [v0.2.0]", updates.get(1).toString());
      }
    }
  }

  /** {@code ProxyResolver}'s, {@code GoEnv}'s and {@code env/package-info}'s javadoc. */
  @Test
  void proxyResolverAndGoEnv() {
    ProxyResolver r = ProxyResolver.of(GoEnv.of(Map.of("GOPRIVATE", "*.corp.example.com")));
    Route route = r.resolve("git.corp.example.com/lib");
    assertEquals("[direct]", route.proxies().toString());
    assertTrue(route.explain().contains("GOPRIVATE"), route.explain());

    GoEnv env = GoEnv.of(Map.of("GOPRIVATE", "example.com/private"));
    assertEquals("https://proxy.golang.org,direct", env.get("GOPROXY"));
    assertEquals("example.com/private", env.get("GONOSUMDB"));
    assertEquals("[direct]", ProxyResolver.of(env).resolve("example.com/private/lib").proxies().toString());

    GoEnv ci = GoEnv.builder()
        .environment(Map.of("GOPRIVATE", "example.com/*", "HOME", "/home/ci"))
        .goVersion("1.19")
        .build();
    assertEquals("example.com/*", ci.get("GONOSUMDB"));
    GoEnv off = GoEnv.of(Map.of("GOPROXY", "https://goproxy.example", "GOSUMDB", "off"));
    assertEquals("off", off.get("GOSUMDB"));
    String first = env.gopathList().isEmpty() ? "" : env.gopathList().get(0);
    assertTrue(first.isEmpty() || first.endsWith("go"), first);
  }

  /** {@code module/package-info}'s javadoc. */
  @Test
  void modulePackage() {
    ModuleVersion mv = ModuleVersion.parse("github.com/Azure/go-autorest@v14.2.0+incompatible");
    String url = mv.escapedPath() + "/@v/" + mv.escapedVersion() + ".info";
    assertEquals("github.com/!azure/go-autorest/@v/v14.2.0+incompatible.info", url);
    assertEquals(0, Version.parse("v1.2").compareTo(Version.parse("v1.2.0")));
    assertEquals(Instant.parse("2019-11-09T02:19:31Z"), PseudoVersion.parse("v0.0.0-20191109021931-daa7c04131f5").time());
  }

  /** {@code GoToolchain}'s, {@code ToolchainSelection}'s and {@code toolchain/package-info}'s javadoc. */
  @Test
  void toolchain() {
    GoToolchain t = GoToolchain.of("go1.27.3", Platform.parse("linux/amd64"));
    assertEquals("golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64", t.moduleVersion().toString());
    assertEquals("1.27.3", t.version());
    ToolchainSelection s = ToolchainSelection.select("auto", "go1.27.3", Path.of("go.mod"),
        "module m\ngo 1.28.1\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("go1.28.1", s.toolchain());
    assertEquals(Optional.of("go1.22.12"),
        ToolchainSelection.newerToolchain("1.22", List.of("1.21.13", "1.22.0", "1.22.12", "1.23.5")));
    assertEquals(Optional.empty(), ToolchainSelection.newerToolchain("1.99", List.of("1.23.5")));
  }

  /** {@code GoModFile}'s and {@code GoWorkFile}'s javadoc, and {@code ModuleGraph}'s. */
  @Test
  void goModAndGoWork(@TempDir Path dir) throws Exception {
    byte[] bytes = ("// Deprecated: use example.com/m/v2 instead\nmodule example.com/m\n\ngo 1.21\n\n"
        + "retract v1.0.1 // broken build\n").getBytes(StandardCharsets.UTF_8);
    GoModFile mod = GoModFile.parse("go.mod", bytes);
    assertEquals("Optional[example.com/m]", mod.module().toString());
    assertEquals(Optional.of("use example.com/m/v2 instead"), mod.deprecated());
    assertTrue(mod.isRetracted(Version.parse("v1.0.1")));
    assertEquals(Optional.of("retracted by module author: broken build"),
        mod.retractionMessage(Version.parse("v1.0.1")));

    Files.writeString(dir.resolve("go.mod"), "module example.com/m\n\ngo 1.21\n\nreplace example.com/a => ../a\n");
    GoModFile main = GoModFile.parseStrict("go.mod", Files.readAllBytes(dir.resolve("go.mod")), "1.27");
    assertEquals("[Replace[oldPath=example.com/a, oldVersion=, newPath=../a, newVersion=]]",
        main.replaces().toString());

    Files.writeString(dir.resolve("go.work"), "go 1.21\n\nuse (\n\t./a\n\t./b\n)\n");
    GoWorkFile work = GoWorkFile.parse("go.work", Files.readAllBytes(dir.resolve("go.work")), "1.27");
    assertEquals("[./a, ./b]", work.uses().toString());
    assertEquals(List.of(), work.replaces());
  }

  /** {@code ModuleCache}'s javadoc. */
  @Test
  void moduleCache(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("golang.org/x/text", "v0.3.7").start()) {
      GoEnv env = env(proxy, work);
      try (GoProxyClient client = GoProxyClient.builder().env(env).build()) {
        client.download(ModuleVersion.parse("golang.org/x/text@v0.3.7"));
      }
      ModuleCache cache = ModuleCache.at(work.resolve("modcache"));
      ModuleVersion m = ModuleVersion.parse("golang.org/x/text@v0.3.7");
      assertTrue(cache.isExtracted(m));
      assertEquals(work.resolve("modcache/golang.org/x/text@v0.3.7"), cache.extractedDir(m));
      ModuleCache fromEnv = ModuleCache.fromEnv(env);
      assertEquals(Optional.empty(), fromEnv.problem());
    }
  }

  /** {@code sumdb/package-info}'s, {@code GoSum}'s and {@code ModuleHash}'s javadoc. */
  @Test
  void goSumAndModuleHash(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("example.com/m", "v1.0.0").start()) {
      DownloadedModule d;
      try (GoProxyClient client = GoProxyClient.builder().env(env(proxy, work)).build()) {
        d = client.download(ModuleVersion.parse("example.com/m@v1.0.0"));
      }
      ModuleHash zip = ModuleHash.ofZip(d.zip());
      Files.writeString(work.resolve("go.sum"), d.goSumLines());
      GoSum goSum = GoSum.read(work.resolve("go.sum"));
      goSum.checkZip(ModuleVersion.parse("example.com/m@v1.0.0"), zip);
      ModuleHash other = ModuleHash.ofGoMod("module x\n".getBytes(StandardCharsets.UTF_8));
      assertThrows(ChecksumMismatchException.class,
          () -> goSum.checkZip(ModuleVersion.parse("example.com/m@v1.0.0"), other));
      GoSum more = GoSum.parse("").with(ModuleVersion.parse("example.com/m@v1.0.0"), zip, d.goModHash());
      more.write(work.resolve("go.sum2"));
      assertEquals(d.goSumLines(), Files.readString(work.resolve("go.sum2")));
      assertEquals(zip, ModuleHash.parse(zip.toString()));
    }
  }

  /** {@code sumdb/note/package-info}'s javadoc. */
  @Test
  void note() throws Exception {
    SignerKey signer = SignerKey.generate("sum.example.com");
    String signed = Note.sign("hello\n", signer);
    Note note = Note.open(signed, List.of(signer.verifierKey()));
    assertEquals("hello\n", note.text());
  }

  /** {@code FakeGoProxy}'s, {@code testkit/package-info}'s, {@code Fault}'s, {@code FakeModule}'s and {@code FakeSumdb}'s javadoc. */
  @Test
  void testkit(@TempDir Path work) throws Exception {
    FakeModule built = FakeModule.builder("example.com/m", "v1.1.0")
        .goMod("module example.com/m\n\ngo 1.19\n")
        .file("m.go", "package m\n\nfunc Hello() string { return \"hello\" }\n")
        .time(Instant.parse("2023-01-02T03:04:05Z"))
        .retract("v1.0.0", "published by mistake")
        .build();
    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module(FakeModule.builder("example.com/m", "v1.0.0").file("m.go", "package m\n").build())
        .module(built)
        .module("example.com/other", "v0.1.0", "v0.2.0")
        .fault(Fault.status(503, "try later").on(Endpoint.ZIP).times(1))
        .start()) {
      GoEnv env = proxy.goEnv();
      Map<String, String> vars = new HashMap<>(proxy.environment());
      vars.putAll(env(proxy, work).environment());
      try (GoProxyClient client = GoProxyClient.builder().env(GoEnv.of(vars)).build()) {
        assertThrows(Exception.class, () -> client.download(ModuleVersion.parse("example.com/m@v1.0.0")));
        client.download(ModuleVersion.parse("example.com/m@v1.0.0"));   // the fault fired once
        assertEquals("v1.1.0", client.latest(ModulePath.parse("example.com/m")).version());
      }
      assertTrue(env.get("GOPROXY").startsWith("http://127.0.0.1:"), env.get("GOPROXY"));
      proxy.requests().assertRequested("/example.com/m/@v/v1.0.0.zip");

      FakeSumdb db = proxy.sumdb();
      db.serveWrongHash("example.com/other", "v0.1.0");
      db.serveHonest();
      db.serveFork();
    }
  }

  /** {@code GoProxyClient.installToolchain} and {@code FakeModule.toolchain}'s javadoc. */
  @Test
  void installToolchain(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module(FakeModule.toolchain("go1.99.1", "linux", "amd64"))
        .start()) {
      try (GoProxyClient client = GoProxyClient.builder().env(env(proxy, work)).build()) {
        Path goRoot = client.installToolchain(GoToolchain.of("go1.99.1", Platform.parse("linux/amd64")));
        assertTrue(Files.isRegularFile(goRoot.resolve("bin/go")), goRoot.toString());
        assertEquals("go1.99.1", client.newerToolchain("1.99"));
      }
    }
  }

  /** {@code ModuleGraph}'s class javadoc (a source over a FakeGoProxy through the client). */
  @Test
  void moduleGraphSelected(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("golang.org/x/text", "v0.14.0").start()) {
      try (GoProxyClient client = GoProxyClient.builder().env(env(proxy, work)).build()) {
        Path dir = Files.createDirectories(work.resolve("main"));
        Files.writeString(dir.resolve("go.mod"), "module example.com/main\n\ngo 1.20\n\nrequire golang.org/x/text v0.14.0\n");
        Files.writeString(dir.resolve("go.sum"),
            client.download(ModuleVersion.parse("golang.org/x/text@v0.14.0")).goSumLines());
        ModuleGraph g = client.moduleGraph(dir);
        assertEquals("Optional[v0.14.0]", g.selected(ModulePath.parse("golang.org/x/text")).toString());
        assertFalse(client.modGraph(dir, "1.16").graphText().isEmpty());
      }
    }
  }

  /** {@code ChecksumDatabase}'s class javadoc, with a Transport over java.net.http as it suggests. */
  @Test
  void checksumDatabase(@TempDir Path work) throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.builder().module("rsc.io/quote", "v1.5.2").start()) {
      DownloadedModule d;
      try (GoProxyClient client = GoProxyClient.builder().env(env(proxy, work)).build()) {
        d = client.download(ModuleVersion.parse("rsc.io/quote@v1.5.2"));
      }
      byte[] goModBytes = Files.readAllBytes(d.goModFile());
      Path zipPath = d.zip();
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      Transport httpTransport = (uri, headers) -> {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(uri);
        headers.forEach(b::header);
        try {
          java.net.http.HttpResponse<java.io.InputStream> r =
              http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
          return Transport.Response.of(r.statusCode(), r.headers().map(), r.body());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted");
        }
      };

      Route route = ProxyResolver.of(proxy.goEnv()).resolve("rsc.io/quote");
      try (ChecksumDatabase db = ChecksumDatabase.builder()
          .route(route)
          .transport(httpTransport)
          .stateDir(work.resolve("sumdb-state"))
          .cacheDir(work.resolve("sumdb-cache"))
          .build()) {
        ModuleVersion mv = ModuleVersion.of("rsc.io/quote", "v1.5.2");
        db.verifyGoMod(mv, ModuleHash.ofGoMod(goModBytes));
        db.verifyZip(mv, ModuleHash.ofZip(zipPath));
        assertThrows(ChecksumMismatchException.class,
            () -> db.verifyZip(mv, ModuleHash.ofGoMod("module x\n".getBytes(StandardCharsets.UTF_8))));
      }
    }
  }

  /** The class javadoc of Version, ModulePath, ModuleVersion, PseudoVersion and ModulePatterns. */
  @Test
  void moduleTypes() {
    Version v = Version.parse("v1.2.3-rc.1");
    assertEquals("v1", v.major());
    assertEquals("-rc.1", v.prerelease());
    assertTrue(v.compareTo(Version.parse("v1.2.3")) < 0);
    assertEquals("v1.2.0", Version.parse("v1.2").canonical().toString());
    assertEquals("v1.0.0-!r!c1", Version.escape("v1.0.0-RC1"));
    assertEquals("master", Version.escape("master"));
    assertEquals("v1.0.0-RC1", Version.unescape("v1.0.0-!r!c1"));
    assertTrue(Version.parse("v2.0.0+incompatible").isIncompatible());
    assertEquals(-1, Version.compare("v1.2.3", "v1.10.0"));
    assertEquals(-1, Version.compare("junk", "v0.0.1"));
    List<String> list = new ArrayList<>(List.of("v1.10.0", "v1.2.0", "v1.2"));
    Version.sortStrings(list);
    assertEquals(List.of("v1.2", "v1.2.0", "v1.10.0"), list);

    ModulePath p = ModulePath.parse("github.com/Azure/azure-sdk/v2");
    assertEquals("github.com/!azure/azure-sdk/v2", p.escaped());
    assertEquals(Optional.of("/v2"), p.majorSuffix());
    assertEquals("github.com/Azure/azure-sdk", p.prefix());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModulePath.parse("x"));
    assertEquals("malformed module path \"x\": missing dot in first path element", e.getMessage());
    assertEquals("github.com/Azure/go-autorest", ModulePath.unescape("github.com/!azure/go-autorest").toString());
    ModulePath.checkImportPath("example.com/pkg/c++");
    ModulePath.checkFilePath("internal/x.go");
    assertThrows(IllegalArgumentException.class, () -> ModulePath.checkFilePath("aux.go"));
    String name = "a/" + Character.toString(0x1C8A) + ".go";
    ModulePath.checkFilePath(name, "1.27");
    assertThrows(IllegalArgumentException.class, () -> ModulePath.checkFilePath(name, "1.26"));
    ModulePath.checkPathMajor(Version.parse("v2.0.0"), ModulePath.parse("example.com/m/v2"));

    ModuleVersion mv = ModuleVersion.of("github.com/Azure/go-autorest", "v14.2.0+incompatible");
    assertEquals("github.com/!azure/go-autorest", mv.escapedPath());
    assertEquals("v2", ModuleVersion.parse("example.com/m/v2@v2.1.0").version().major());
    e = assertThrows(IllegalArgumentException.class, () -> ModuleVersion.of("example.com/m", "v2.0.0"));
    assertEquals("example.com/m@v2.0.0: invalid version: should be v0 or v1, not v2", e.getMessage());

    PseudoVersion pv = PseudoVersion.parse("v1.2.4-0.20191109021931-daa7c04131f5");
    assertEquals("Optional[v1.2.3]", pv.base().toString());
    assertEquals(Instant.parse("2019-11-09T02:19:31Z"), pv.time());
    assertEquals("daa7c04131f5", pv.revision());
    assertEquals("v1.2.4-0.20191109021931-daa7c04131f5",
        PseudoVersion.of("v1", "v1.2.3", Instant.parse("2019-11-09T02:19:31Z"), "daa7c04131f5").toString());
    Instant t = Instant.parse("2006-01-02T15:04:05Z");
    assertEquals("v2.0.0-20060102150405-abcdefabcdef", PseudoVersion.of("v2", "", t, "abcdefabcdef").toString());
    assertEquals("v1.2.3-pre.0.20060102150405-abcdefabcdef",
        PseudoVersion.of("", "v1.2.3-pre", t, "abcdefabcdef").toString());

    io.github.goproxy4j.module.ModulePatterns pats =
        io.github.goproxy4j.module.ModulePatterns.parse("*.corp.example.com,example.com/private");
    assertTrue(pats.matches("git.corp.example.com/tools"));
    assertTrue(pats.matches("example.com/private/x/v2"));
    assertFalse(pats.matches("example.com/privateer"));
  }

  /** The class javadoc of VerifierKey, ChecksumDb, Tile and Hash. */
  @Test
  void sumdbTypes() {
    io.github.goproxy4j.env.VerifierKey key = io.github.goproxy4j.env.VerifierKey.parse(
        "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
    assertEquals("sum.golang.org", key.name());
    assertEquals(0x033de0ae, key.keyHash());
    assertEquals(32, key.publicKeyBytes().length);
    io.github.goproxy4j.env.ChecksumDb db = io.github.goproxy4j.env.ChecksumDb.parse("sum.golang.org");
    assertEquals("sum.golang.org", db.name());
    assertEquals(key, db.verifierKey());
    assertEquals(Optional.empty(), db.url());

    io.github.goproxy4j.sumdb.tlog.Tile tile = io.github.goproxy4j.sumdb.tlog.Tile.parse("tile/8/0/x001/234.p/5");
    assertEquals(new io.github.goproxy4j.sumdb.tlog.Tile(8, 0, 1234, 5), tile);
    assertEquals("tile/8/0/x001/234.p/5", tile.path());
    io.github.goproxy4j.sumdb.tlog.Hash leaf = io.github.goproxy4j.sumdb.tlog.Hash.ofRecord("hello world".getBytes(StandardCharsets.UTF_8));
    io.github.goproxy4j.sumdb.tlog.Hash root = io.github.goproxy4j.sumdb.tlog.Hash.ofNode(leaf, leaf);
    assertEquals(root, io.github.goproxy4j.sumdb.tlog.Hash.parse(root.toString()));
  }
}
