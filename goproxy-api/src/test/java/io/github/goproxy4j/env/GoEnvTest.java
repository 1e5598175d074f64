package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoEnvTest {
  @TempDir Path dir;

  static Map<String, String> map(String... kv) {
    return ProxyResolverTest.map(kv);
  }

  private Path envFile(String content) throws Exception {
    Path f = dir.resolve("env-" + content.hashCode());
    Files.write(f, content.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  private GoEnv withFile(String content, String version) throws Exception {
    return GoEnv.builder().environment(Map.of()).userEnvFile(envFile(content)).goVersion(version).build();
  }

  @Test
  void precedenceEnvThenUserFileThenGoEnvThenDefault() throws Exception {
    Path root = dir.resolve("goroot");
    Files.createDirectories(root);
    Files.writeString(root.resolve("go.env"), "GOPROXY=https://goroot.example\nGOPRIVATE=goroot.example\n");
    Path file = envFile("GOPROXY=https://file.example\nGONOSUMDB=file.example\n");
    GoEnv env = GoEnv.builder().environment(map("GOPROXY", "https://env.example", "GOINSECURE", ""))
        .userEnvFile(file).goRoot(root).build();
    assertEquals("https://env.example", env.get("GOPROXY"));
    assertEquals(GoEnv.Source.ENVIRONMENT, env.source("GOPROXY"));
    assertEquals("file.example", env.get("GONOSUMDB"));
    assertEquals(GoEnv.Source.USER_ENV_FILE, env.source("GONOSUMDB"));
    assertEquals("goroot.example", env.get("GOPRIVATE"));
    assertEquals(GoEnv.Source.GOROOT_ENV_FILE, env.source("GOPRIVATE"));
    assertEquals("goroot.example", env.get("GONOPROXY"));
    assertEquals(GoEnv.Source.DEFAULT, env.source("GONOPROXY"));
    assertEquals("", env.get("GOINSECURE"));
    assertEquals("", env.get("GOSUMDB")); // explicit GOROOT whose go.env lacks it
    // 1.19 ignores go.env entirely.
    GoEnv old = GoEnv.builder().environment(Map.of()).userEnvFile(file).goRoot(root).goVersion("1.19").build();
    assertEquals("https://file.example", old.get("GOPROXY"));
    assertEquals("", old.get("GOPRIVATE"));
    assertEquals("sum.golang.org", old.get("GOSUMDB"));
  }

  @Test
  void v79_v80_v81_envFileFormat() throws Exception {
    GoEnv env = withFile("# c\n GOPROXY=https://lead.example\ngoproxy=https://lower.example\n"
        + "GOPROXY = https://spaced.example\nGOPRIVATE=first.example\nGOPRIVATE=second.example\r\n"
        + "GONOSUMDB=\"quoted.example\"\nGOINSECURE=a=b\nnoequals\n\nGOFLAGS=-mod=mod", "1.25");
    assertEquals("https://proxy.golang.org,direct", env.get("GOPROXY"));
    assertEquals("second.example\r", env.get("GOPRIVATE"));
    assertEquals("\"quoted.example\"", env.get("GONOSUMDB"));
    assertEquals("a=b", env.get("GOINSECURE"));
    assertEquals("-mod=mod", env.get("GOFLAGS"));
    assertEquals(" https://spaced.example", env.get("GOPROXY "));
    List<String> settings = env.warnings().stream().map(GoEnv.Warning::toString).toList();
    String all = String.join("\n", settings);
    assertTrue(all.contains("line 2: the line starts with whitespace"), all);
    assertTrue(all.contains("line 3: the key \"goproxy\" is not upper case"), all);
    assertTrue(all.contains("line 4: the key \"GOPROXY \" contains spaces"), all);
    assertTrue(all.contains("line 6: GOPRIVATE's value ends in a carriage return"), all);
    assertTrue(all.contains("line 7: GONOSUMDB's value is quoted") && all.contains("GONOSUMDB=quoted.example"), all);
    // The CR makes the GOPRIVATE pattern useless: second.example/m is not private.
    assertFalse(ProxyResolver.of(env).resolve("second.example/m").isPrivate());
  }

  @Test
  void v78_quotedGoproxyFailsWithGosText() throws Exception {
    GoEnv env = withFile("GOPROXY=\"https://a\"\n", "1.19");
    assertEquals("parse \"\\\"https://a\\\"\": first path segment in URL cannot contain colon",
        assertThrows(GoEnvException.class, () -> ProxyResolver.of(env).resolve("x.example/m").proxies()).getMessage());
  }

  @Test
  void unreadableOrOddFilesNeverThrow() throws Exception {
    assertEquals("https://proxy.golang.org,direct",
        GoEnv.builder().environment(Map.of()).userEnvFile(dir.resolve("missing")).build().get("GOPROXY"));
    assertEquals("https://proxy.golang.org,direct",
        GoEnv.builder().environment(Map.of()).userEnvFile(dir).build().get("GOPROXY"));
    Path binary = dir.resolve("binary");
    Files.write(binary, new byte[] {0, (byte) 0xff, '\n', 'G', 'O', 'P', 'R', 'O', 'X', 'Y', '=', (byte) 0xc3, '\n', '='});
    GoEnv env = GoEnv.builder().environment(Map.of("GOENV", binary.toString())).build();
    assertEquals("\ufffd", env.get("GOPROXY"));
    Path secret = envFile("GOPROXY=https://a.example\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    GoEnv.builder().environment(Map.of("GOENV", secret.toString())).build().warnings();
  }

  @Test
  void v82_goenvOffSkipsUserFileButNotGoEnv() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root);
    Files.writeString(root.resolve("go.env"), "GOPROXY=https://goroot.example\n");
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve(".config/go"));
    Files.writeString(home.resolve(".config/go/env"), "GOPROXY=https://user.example\n");
    GoEnv on = GoEnv.builder().os(GoEnv.Os.LINUX).environment(map("HOME", home.toString()))
        .goRoot(root).build();
    assertEquals("https://user.example", on.get("GOPROXY"));
    assertEquals(Optional.of(home.resolve(".config/go/env").toString()), on.userEnvFile());
    assertEquals(home.resolve(".config/go/env").toString(), on.get("GOENV"));
    GoEnv off = GoEnv.builder().os(GoEnv.Os.LINUX).environment(map("HOME", home.toString(), "GOENV", "off"))
        .goRoot(root).build();
    assertEquals("https://goroot.example", off.get("GOPROXY"));
    assertEquals(Optional.empty(), off.userEnvFile());
    assertEquals("", off.get("GOENV"));
  }

  @Test
  void goenvInTheUserFileIsIgnored() throws Exception {
    Path other = envFile("GOPROXY=https://other.example\n");
    GoEnv env = withFile("GOENV=" + other + "\n", "1.25");
    assertEquals("https://proxy.golang.org,direct", env.get("GOPROXY"));
    assertTrue(env.warnings().stream().anyMatch(w -> w.problem().contains("only read from the process")));
  }

  @Test
  void userConfigDirPerOs() {
    assertEquals(Optional.of("/x/go/env"), location(GoEnv.Os.LINUX, "XDG_CONFIG_HOME", "/x", "HOME", "/h"));
    assertEquals(Optional.of("/h/.config/go/env"), location(GoEnv.Os.LINUX, "HOME", "/h"));
    assertEquals(Optional.empty(), location(GoEnv.Os.LINUX));
    assertEquals(Optional.of("/Users/u/Library/Application Support/go/env"),
        location(GoEnv.Os.MACOS, "HOME", "/Users/u", "XDG_CONFIG_HOME", "/ignored"));
    assertEquals(Optional.of("C:\\Users\\u\\AppData\\Roaming\\go\\env"),
        location(GoEnv.Os.WINDOWS, "APPDATA", "C:\\Users\\u\\AppData\\Roaming", "HOME", "/h"));
    assertEquals(Optional.empty(), location(GoEnv.Os.WINDOWS, "HOME", "/h"));
    assertEquals(Optional.of("/usr/glenda/lib/go/env"), location(GoEnv.Os.PLAN9, "home", "/usr/glenda"));
    assertEquals(Optional.of("/explicit"), location(GoEnv.Os.WINDOWS, "GOENV", "/explicit"));
  }

  @Test
  void v83_relativeXdgConfigHomeDependsOnVersion() {
    assertEquals(Optional.of("rel/go/env"), location("1.19", GoEnv.Os.LINUX, "XDG_CONFIG_HOME", "rel", "HOME", "/h"));
    assertEquals(Optional.of("rel/go/env"), location("1.23", GoEnv.Os.LINUX, "XDG_CONFIG_HOME", "rel", "HOME", "/h"));
    assertEquals(Optional.empty(), location("1.24", GoEnv.Os.LINUX, "XDG_CONFIG_HOME", "rel", "HOME", "/h"));
  }

  private static Optional<String> location(GoEnv.Os os, String... kv) {
    return location("1.25", os, kv);
  }

  private static Optional<String> location(String version, GoEnv.Os os, String... kv) {
    return GoEnv.builder().os(os).goVersion(version).environment(map(kv)).build().userEnvFile();
  }

  @Test
  void derivedGopathAndGomodcache() {
    GoEnv linux = GoEnv.builder().os(GoEnv.Os.LINUX).environment(map("HOME", "/home/u")).noUserEnvFile().build();
    assertEquals("/home/u/go", linux.get("GOPATH"));
    assertEquals("/home/u/go/pkg/mod", linux.get("GOMODCACHE"));
    assertEquals(Path.of("/home/u/go/pkg/mod"), linux.modCacheDir());
    assertEquals(Path.of("/home/u/go/pkg/sumdb"), linux.sumdbDir());
    GoEnv list = GoEnv.of(map("GOPATH", "/a:/b", "HOME", "/h"));
    assertEquals("/a/pkg/mod", list.get("GOMODCACHE"));
    GoEnv explicit = GoEnv.of(map("GOMODCACHE", "/cache", "GOPATH", "/a"));
    assertEquals("/cache", explicit.get("GOMODCACHE"));
    GoEnv windows = GoEnv.builder().os(GoEnv.Os.WINDOWS).environment(map("USERPROFILE", "C:\\Users\\u"))
        .noUserEnvFile().build();
    assertEquals("C:\\Users\\u\\go", windows.get("GOPATH"));
    assertEquals("C:\\Users\\u\\go\\pkg\\mod", windows.get("GOMODCACHE"));
    GoEnv plan9 = GoEnv.builder().os(GoEnv.Os.PLAN9).environment(map("home", "/usr/glenda")).noUserEnvFile().build();
    assertEquals("/usr/glenda/go", plan9.get("GOPATH"));
    GoEnv none = GoEnv.of(Map.of());
    assertEquals("", none.get("GOPATH"));
    assertEquals("module cache not found: neither GOMODCACHE nor GOPATH is set",
        assertThrows(GoEnvException.class, none::modCacheDir).getMessage());
  }

  @Test
  void gopathIsNotDefaultedToGoroot() throws Exception {
    Path home = dir.resolve("h");
    GoEnv env = GoEnv.builder().environment(map("HOME", home.toString())).goRoot(home.resolve("go"))
        .noUserEnvFile().build();
    assertEquals("", env.get("GOPATH"));
  }

  /**
   * go's default GOPATH from a relative home: cmd/go's main forgets it ({@code go env GOPATH}
   * prints nothing, modload sees no GOPATH), while GOMODCACHE and the checksum database directory,
   * computed from it before, stay relative (to go's current directory: PWD here). An inferred
   * entry starting with {@code ~} is kept (go exits at start-up then), as is an explicit relative
   * GOPATH (refused at start-up) and a home of {@code /}.
   */
  @Test
  void relativeHomeGopathIsForgotten() {
    GoEnv rel = GoEnv.builder().environment(map("HOME", "rel/dir", "PWD", "/work")).noUserEnvFile().build();
    assertEquals("", rel.get("GOPATH"));
    assertEquals(GoEnv.Source.DEFAULT, rel.source("GOPATH"));
    assertEquals(List.of(), rel.gopathList());
    assertEquals("rel/dir/go/pkg/mod", rel.get("GOMODCACHE"));
    assertEquals("GOMODCACHE entry is relative; must be absolute path: \"rel/dir/go/pkg/mod\".",
        assertThrows(GoEnvException.class, rel::modCacheDir).getMessage());
    assertEquals(Path.of("/work/rel/dir/go/pkg/sumdb"), rel.sumdbDir());
    GoEnv noPwd = GoEnv.builder().environment(map("HOME", "rel/dir")).noUserEnvFile().build();
    assertEquals(Path.of("rel/dir/go/pkg/sumdb"), noPwd.sumdbDir());
    GoEnv colon = GoEnv.builder().environment(map("HOME", "/abs:rel")).noUserEnvFile().build();
    assertEquals("", colon.get("GOPATH"));
    assertEquals("/abs/pkg/mod", colon.get("GOMODCACHE"));
    assertEquals(Path.of("/abs/pkg/sumdb"), colon.sumdbDir());
    GoEnv tilde = GoEnv.builder().environment(map("HOME", "~u")).noUserEnvFile().build();
    assertEquals("~u/go", tilde.get("GOPATH"));
    GoEnv root = GoEnv.builder().environment(map("HOME", "/")).noUserEnvFile().build();
    assertEquals("/go", root.get("GOPATH"));
    assertEquals("/go/pkg/mod", root.get("GOMODCACHE"));
    GoEnv empty = GoEnv.builder().environment(map("HOME", "")).noUserEnvFile().build();
    assertEquals("", empty.get("GOPATH"));
    assertEquals("", empty.get("GOMODCACHE"));
    assertEquals("missing $GOPATH", assertThrows(GoEnvException.class, empty::sumdbDir).getMessage());
    GoEnv explicit = GoEnv.builder().environment(map("HOME", "/h", "GOPATH", "rel")).noUserEnvFile().build();
    assertEquals("rel", explicit.get("GOPATH"));
    assertEquals("GOPATH entry is relative; must be absolute path: \"rel\".",
        assertThrows(GoEnvException.class, explicit::sumdbDir).getMessage());
    GoEnv several = GoEnv.builder().environment(map("HOME", "/h", "GOPATH", "/a:/b")).noUserEnvFile().build();
    assertEquals(Path.of("/a/pkg/sumdb"), several.sumdbDir());
    assertEquals("/a/pkg/mod", several.get("GOMODCACHE"));
  }

  @Test
  void v90_relativeGomodcache() {
    GoEnvException e = assertThrows(GoEnvException.class,
        () -> GoEnv.of(map("GOMODCACHE", "relative/dir")).modCacheDir());
    assertEquals("GOMODCACHE entry is relative; must be absolute path: \"relative/dir\".", e.getMessage());
  }

  @Test
  void goflags() {
    GoEnv env = GoEnv.of(map("GOFLAGS", " -modcacherw  --mod=vendor -tags=a,b -insecure"));
    assertEquals(List.of("-modcacherw", "--mod=vendor", "-tags=a,b", "-insecure"), env.goFlags());
    assertTrue(env.modCacheRw());
    assertEquals(Optional.of("vendor"), env.modFlag());
    assertEquals(Optional.of("a,b"), env.goFlag("tags"));
    assertTrue(env.warnings().stream().anyMatch(w -> w.setting().equals("GOFLAGS")
        && w.problem().contains("removed in Go 1.17") && w.fix().contains("GOINSECURE")));
    assertFalse(GoEnv.of(map("GOFLAGS", "-modcacherw=false")).modCacheRw());
    assertFalse(GoEnv.of(Map.of()).modCacheRw());
    assertEquals("invalid boolean value \"yes\" for flag -modcacherw (from $GOFLAGS): parse error",
        assertThrows(GoEnvException.class, () -> GoEnv.of(map("GOFLAGS", "-modcacherw=yes")).modCacheRw()).getMessage());
    assertEquals("parsing $GOFLAGS: non-flag \"mod=mod\"",
        assertThrows(GoEnvException.class, () -> GoEnv.of(map("GOFLAGS", "mod=mod")).goFlags()).getMessage());
    assertEquals("-mod=foo not supported (can be '', 'mod', 'readonly', or 'vendor')",
        assertThrows(GoEnvException.class, () -> GoEnv.of(map("GOFLAGS", "-mod=foo")).modFlag()).getMessage());
    assertEquals("flag needs an argument: -mod (from $GOFLAGS)",
        assertThrows(GoEnvException.class, () -> GoEnv.of(map("GOFLAGS", "-mod")).modFlag()).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.19", "go1.21.3", "1.25", "1.20.0", "1.26", "1.27", "go1.27.1", "1.21rc1"})
  void supportedVersions(String v) {
    GoEnv env = GoEnv.builder().environment(Map.of()).noUserEnvFile().goVersion(v).build();
    assertEquals(v.replaceFirst("^go", ""), env.goVersion());
    assertTrue(env.warnings().stream().noneMatch(w -> w.setting().startsWith("goVersion")), env.warnings().toString());
  }

  @Test
  void defaultIsNewestRelease() {
    assertEquals("1.27", GoEnv.DEFAULT_GO_VERSION);
    assertEquals("1.27", GoEnv.of(Map.of()).goVersion());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.18", "2.0", "", "1", "1.x", "go", "1.21-rc1", "v1.21"})
  void unsupportedVersions(String v) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoEnv.builder().goVersion(v));
    assertTrue(e.getMessage().startsWith("unsupported go version \"" + v + "\": must be a Go release 1.19 or later"),
        e.getMessage());
  }

  @Test
  void newerReleaseBehavesAsNewestAndIsReported() {
    GoEnv env = GoEnv.builder().environment(Map.of("HOME", "/home/u")).noUserEnvFile().goVersion("go1.28.2").build();
    assertEquals("1.28.2", env.goVersion());
    assertEquals("netrc", env.get("GOAUTH"));
    assertEquals(List.of(new GoEnv.Warning("goVersion 1.28.2", "go1.28.2 is newer than the newest release whose"
        + " behaviour is known (go1.27); go1.27's behaviour is followed", "check the release notes of go1.28.2"
        + " for changes to module settings, or use a goproxy4j that knows it")), env.warnings());
  }

  @Test
  void goaufFrom124() {
    assertEquals("netrc", GoEnv.of(Map.of()).get("GOAUTH"));
    assertEquals("", GoEnv.builder().environment(Map.of()).noUserEnvFile().goVersion("1.23").build().get("GOAUTH"));
  }

  @Test
  void goRootIsDiscoveredFromPath() throws Exception {
    Path root = dir.resolve("go-install");
    Files.createDirectories(root.resolve("pkg/tool"));
    Files.createDirectories(root.resolve("bin"));
    Path go = root.resolve("bin/go");
    Files.writeString(go, "#!/bin/sh\n");
    go.toFile().setExecutable(true);
    Path linkDir = dir.resolve("usr-bin");
    Files.createDirectories(linkDir);
    Files.createSymbolicLink(linkDir.resolve("go"), go);
    Files.writeString(root.resolve("go.env"), "GOPROXY=https://installed.example\nGOSUMDB=off\n");
    GoEnv env = GoEnv.builder().environment(map("PATH", "/nonexistent:" + linkDir)).noUserEnvFile().build();
    assertEquals(root.toRealPath().toString(), env.get("GOROOT"));
    assertEquals("https://installed.example", env.get("GOPROXY"));
    assertEquals("", env.get("GOTOOLCHAIN"));
    // A discovered GOROOT without go.env (a 1.19 install, say) gets the standard defaults.
    Files.delete(root.resolve("go.env"));
    GoEnv noGoEnv = GoEnv.builder().environment(map("PATH", linkDir.toString())).noUserEnvFile().build();
    assertEquals("https://proxy.golang.org,direct", noGoEnv.get("GOPROXY"));
    assertEquals("auto", noGoEnv.get("GOTOOLCHAIN"));
  }

  @Test
  void windowsNamesAreCaseInsensitive() {
    GoEnv env = GoEnv.builder().os(GoEnv.Os.WINDOWS).environment(map("goproxy", "https://w.example"))
        .noUserEnvFile().build();
    assertEquals("https://w.example", env.get("GOPROXY"));
    // go's InitGOFLAGS says $GOFLAGS on every OS (only the flag-value errors say %GOFLAGS%).
    assertEquals("parsing $GOFLAGS: non-flag \"x\"", assertThrows(GoEnvException.class,
        () -> GoEnv.builder().os(GoEnv.Os.WINDOWS).environment(map("GOFLAGS", "x")).build().goFlags()).getMessage());
  }

  @Test
  void fromSystemWorks() {
    GoEnv env = GoEnv.fromSystem();
    assertEquals(env.get("GOPROXY"), GoEnv.fromSystem().get("GOPROXY"));
    ProxyResolver.fromSystem();
  }

  @Test
  void warningsForCommonMistakes() {
    Map<String, String> m = new HashMap<>();
    m.put("GOPROXY", "https://a.example,direct,https://b.example");
    m.put("GONOPROXY", "corp.example");
    m.put("GOPRIVATE", " spaced.example,[bad");
    m.put("GOINSECURE", "https://insecure.example");
    m.put("HTTPS_PROXY", "http://user:pw@proxy.corp:3128");
    m.put("GOSUMDB", "nonsense");
    GoEnv env = GoEnv.of(m);
    String all = env.warnings().toString();
    assertTrue(all.contains("entries after direct are never used: https://b.example"), all);
    assertTrue(all.contains("GONOPROXY: modules matching corp.example are fetched directly but still verified"), all);
    assertTrue(all.contains("pattern \" spaced.example\" contains spaces"), all);
    assertTrue(all.contains("pattern \"[bad\" is malformed"), all);
    assertTrue(all.contains("contains a URL scheme"), all);
    assertTrue(all.contains("HTTPS_PROXY: the go command sends https requests"), all);
    assertTrue(all.contains("invalid GOSUMDB: malformed verifier id"), all);
    assertTrue(all.contains("GOINSECURE: applies only to direct"), all);
    assertFalse(all.contains(":pw@"), all);
    assertEquals(List.of(), GoEnv.of(map("HOME", "/home/u")).warnings());
    String typo = GoEnv.of(map("GO_PROXY", "https://x", "GOPRIVATE", "'example.com'", "HOME", "/h"))
        .warnings().toString();
    assertTrue(typo.contains("GO_PROXY is not a Go setting") && typo.contains("rename it to GOPROXY"), typo);
    assertTrue(typo.contains("GOPRIVATE: the environment value is quoted"), typo);
    // Loopback proxies are never reached through HTTP(S)_PROXY.
    assertEquals(List.of(), GoEnv.of(map("HOME", "/h", "GOPROXY", "http://127.0.0.1:1", "GOSUMDB", "off",
        "HTTPS_PROXY", "http://127.0.0.1:9", "HTTP_PROXY", "http://127.0.0.1:9")).warnings());
  }

  /**
   * GOPATH's entries as go's filepath.SplitList gives them (what modload.Init's $GOPATH/go.mod rule
   * reads the first of): as given (a trailing slash kept), empty entries kept, ';' and quotes on
   * Windows, the default $HOME/go when unset, none when GOPATH is empty.
   */
  @Test
  void gopathListSplitsAsGo() {
    assertEquals(List.of("/a/", "", "/b"), GoEnv.of(map("GOPATH", "/a/::/b", "HOME", "/h")).gopathList());
    assertEquals(List.of("", "/b"), GoEnv.of(map("GOPATH", ":/b", "HOME", "/h")).gopathList());
    assertEquals(List.of("/h/go"), GoEnv.builder().os(GoEnv.Os.LINUX).environment(map("HOME", "/h")).noUserEnvFile()
        .build().gopathList());
    assertEquals(List.of(), GoEnv.builder().os(GoEnv.Os.LINUX).environment(map()).noUserEnvFile().build().gopathList());
    assertEquals(List.of("C:\\a;b", "D:\\c"), GoEnv.builder().os(GoEnv.Os.WINDOWS)
        .environment(map("GOPATH", "\"C:\\a;b\";D:\\c", "USERPROFILE", "C:\\u")).noUserEnvFile().build().gopathList());
  }

  @Test
  void toStringAndWarningsHidePasswordsOfUrlsWithoutScheme() {
    GoEnv env = GoEnv.of(Map.of("GOPROXY", "alice:s3cret@proxy.example.com,https://bob:hunter2@p2.example",
        "HTTPS_PROXY", "erin:pw4erin@corp-proxy:3128", "HOME", "/home/u"));
    String all = env + "\n" + env.warnings();
    for (String secret : List.of("s3cret", "hunter2", "pw4erin")) {
      assertFalse(all.contains(secret), all);
    }
    assertTrue(all.contains("GOPROXY=alice:xxxxx@proxy.example.com,https://bob:xxxxx@p2.example"), all);
    assertTrue(all.contains("through the HTTP proxy erin:xxxxx@corp-proxy:3128"), all);
  }
}
