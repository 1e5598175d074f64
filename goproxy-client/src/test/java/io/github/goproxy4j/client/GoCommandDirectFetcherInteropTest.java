package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GoCommandDirectFetcher}: modules from version control through the installed go command,
 * against {@code go mod download} with {@code GOPROXY=direct} on a local git repository (reached
 * through git's {@code insteadOf}, so nothing leaves the machine).
 */
class GoCommandDirectFetcherInteropTest {
  private static final ModuleVersion REPO = ModuleVersion.parse("example.com/repo.git@v1.0.0");

  @TempDir Path tmp;

  @AfterEach
  void tearDown() throws IOException {
    ModuleCache.removeAll(tmp);
  }

  private GoProxyClient.Builder builder(Map<String, String> vars) {
    Map<String, String> all = new HashMap<>(vars);
    all.putIfAbsent("GOSUMDB", "off");
    all.put("GOPATH", tmp.resolve("gopath").toString());
    return GoProxyClient.builder().env(GoEnv.of(all)).moduleCache(tmp.resolve("cache"));
  }

  private static void git(Path dir, String... args) {
    String[] cmd = new String[args.length + 5];
    cmd[0] = "git";
    cmd[1] = "-c";
    cmd[2] = "user.email=t@example.com";
    cmd[3] = "-c";
    cmd[4] = "user.name=t";
    System.arraycopy(args, 0, cmd, 5, args.length);
    GoTool.exec(dir, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "HOME", dir.toString()), 60, null, cmd).requireOk();
  }

  @Test
  void goCommandFetcherDownloadsLikeGoDirect() throws Exception {
    GoTool.assumeGo();
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("go.mod"), "module example.com/repo.git\n");
    Files.writeString(src.resolve("r.go"), "package repo\n");
    git(src, "init", "-q");
    git(src, "add", ".");
    git(src, "commit", "-qm", "init");
    git(src, "tag", "v1.0.0");
    Path repos = Files.createDirectories(tmp.resolve("repos"));
    git(tmp, "clone", "-q", "--bare", src.toString(), repos.resolve("repo.git").toString());

    Map<String, String> goEnv = GoTool.hermeticEnv(tmp);
    goEnv.put("GOVCS", "*:git");
    goEnv.put("GIT_CONFIG_COUNT", "2");
    goEnv.put("GIT_CONFIG_KEY_0", "url.file://" + repos + "/.insteadOf");
    goEnv.put("GIT_CONFIG_VALUE_0", "https://example.com/");
    goEnv.put("GIT_CONFIG_KEY_1", "protocol.file.allow");
    goEnv.put("GIT_CONFIG_VALUE_1", "always");

    Map<String, String> plain = new HashMap<>(goEnv);
    plain.put("GOPROXY", "direct");
    plain.put("GOMODCACHE", tmp.resolve("go-cache").toString());
    Path work = Files.createDirectories(tmp.resolve("work"));
    GoTool.Result r = GoTool.run(work, plain, 120, "mod", "download", "-json", REPO.toString());
    assertTrue(r.ok(), r.stderr() + r.stdout());
    JsonNode go = new ObjectMapper().readTree(r.stdout());

    Path goBin = GoTool.goBinary().orElseThrow();
    try (GoCommandDirectFetcher direct = GoCommandDirectFetcher.create(goBin, goEnv, 120);
        GoProxyClient c = builder(Map.of("GOPROXY", "direct")).directFetcher(direct).build()) {
      DownloadedModule d = c.download(REPO);
      assertEquals(go.get("Sum").asText(), d.zipHash().toString());
      assertEquals(go.get("GoModSum").asText(), d.goModHash().toString());
      assertEquals(List.of(Version.parse("v1.0.0")), c.versions(REPO.path()));
      assertEquals("v1.0.0", c.latest(REPO.path()).version());
      assertThrows(ModuleNotFoundException.class,
          () -> c.query(REPO.path(), "v9.9.9", Optional.empty()));
    }
  }
}
