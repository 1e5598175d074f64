package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.testing.GoTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For a matrix of environments and env files, the installed go command ({@code go env}, go1.19)
 * and {@link GoEnv} with {@code goVersion} set to that release must derive the same values, for
 * every installed release (all cases against the oldest and newest, release-sensitive ones
 * against every release).
 */
class GoEnvInteropTest {
  static final List<String> KEYS = List.of("GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY",
      "GONOSUMDB", "GOINSECURE", "GOVCS", "GOPATH", "GOMODCACHE", "GOENV", "GOFLAGS", "GOROOT");

  /** Cases whose answer changed between releases: they run against every installed release. */
  static final List<String> BY_RELEASE = List.of("defaults", "file-empty-goproxy-1.19", "xdg-relative",
      "gosumdb-cn", "goflags-file", "home-relative", "home-empty", "home-unset", "home-root", "home-colon");

  /** Every case against the oldest and newest release, the BY_RELEASE ones against all. */
  static Stream<Arguments> matrix() {
    List<Arguments> out = new ArrayList<>();
    List<Arguments> cases = cases().collect(java.util.stream.Collectors.toList());
    List<GoTool.Go> edges = GoTool.edgeReleases().collect(java.util.stream.Collectors.toList());
    GoTool.releases().forEach(go -> {
      for (Arguments a : cases) {
        Object[] c = a.get();
        if (edges.contains(go) || BY_RELEASE.contains((String) c[0])) {
          out.add(Arguments.of(go, c[0], c[1], c[2], c[3]));
        }
      }
    });
    return out.stream();
  }

  /** name, env additions (null value = remove), env file content (null = none), where the file goes. */
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of("defaults", env(), null, "GOENV"));
    out.add(Arguments.of("goprivate", env("GOPRIVATE", "example.com/*,*.corp.example"), null, "GOENV"));
    out.add(Arguments.of("gonoproxy-none", env("GOPRIVATE", "example.com", "GONOPROXY", "none"), null, "GOENV"));
    out.add(Arguments.of("gonoproxy-empty", env("GOPRIVATE", "example.com", "GONOPROXY", "", "GONOSUMDB", ""), null, "GOENV"));
    out.add(Arguments.of("empty-env-var-uses-file", env("GOPROXY", ""), "GOPROXY=https://a.example\n", "GOENV"));
    out.add(Arguments.of("file-empty-goproxy-1.19", env(), "GOPROXY=\nGOSUMDB=\n", "GOENV"));
    out.add(Arguments.of("file-quirks", env(),
        "# comment\n GOPRIVATE=lead.example\ngoprivate=lower.example\nGONOSUMDB = spaced.example\n"
            + "GOPROXY=\"https://q.example\"\nGOINSECURE=first.example\nGOINSECURE=second.example\r\n"
            + "GOVCS=private:all=x\nnoequals\n\n=GOSUMDB\nGONOPROXY=a.example", "GOENV"));
    out.add(Arguments.of("env-beats-file", env("GOPRIVATE", "env.example"),
        "GOPRIVATE=file.example\nGONOSUMDB=file-sum.example\n", "GOENV"));
    out.add(Arguments.of("gopath-list", env("GOPATH", "/tmp/a:/tmp/b"), null, "GOENV"));
    out.add(Arguments.of("gomodcache", env("GOMODCACHE", "/tmp/cache", "GOPATH", "/tmp/a"), null, "GOENV"));
    out.add(Arguments.of("gopath-from-file", env("GOPATH", null), "GOPATH=/tmp/from-file\n", "GOENV"));
    out.add(Arguments.of("gopath-default-home", env("GOPATH", null), null, "GOENV"));
    // go's default GOPATH from a relative, empty or missing home, or /: a relative one is
    // forgotten (go env GOPATH prints nothing) while GOMODCACHE keeps the relative default
    // (@config: the hermetic home's config directory, kept absolute for go's telemetry)
    out.add(Arguments.of("home-relative", env("GOPATH", null, "HOME", "rel/dir", "XDG_CONFIG_HOME", "@config"), null,
        "GOENV"));
    out.add(Arguments.of("home-colon", env("GOPATH", null, "HOME", "/abs:rel", "XDG_CONFIG_HOME", "@config"), null,
        "GOENV"));
    out.add(Arguments.of("home-empty", env("GOPATH", null, "HOME", "", "XDG_CONFIG_HOME", "@config"), null, "GOENV"));
    out.add(Arguments.of("home-unset", env("GOPATH", null, "HOME", null, "XDG_CONFIG_HOME", "@config"), null, "GOENV"));
    out.add(Arguments.of("home-root", env("GOPATH", null, "HOME", "/", "XDG_CONFIG_HOME", "@config"), null, "GOENV"));
    out.add(Arguments.of("goenv-off", env("GOENV", "off"), "GOPROXY=https://ignored.example\n", "HOME"));
    out.add(Arguments.of("home-config", env("GOENV", null), "GOPROXY=https://home.example|direct\n", "HOME"));
    out.add(Arguments.of("xdg-absolute", env("GOENV", null), "GONOSUMDB=xdg.example\n", "XDG"));
    out.add(Arguments.of("xdg-relative", env("GOENV", null), "GONOSUMDB=rel.example\n", "XDG_RELATIVE"));
    out.add(Arguments.of("goflags", env("GOFLAGS", "-modcacherw -mod=mod"), null, "GOENV"));
    out.add(Arguments.of("goflags-file", env("GOFLAGS", null), "GOFLAGS=-insecure\n", "GOENV"));
    out.add(Arguments.of("gosumdb-cn", env("GOSUMDB", "sum.golang.google.cn", "GOPROXY", " https://a , direct "), null, "GOENV"));
    out.add(Arguments.of("space-values", env("GOPROXY", " ", "GOSUMDB", " "), null, "GOENV"));
    return out.stream();
  }

  static Map<String, String> env(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("matrix")
  void goEnvAgrees(GoTool.Go go, String name, Map<String, String> changes, String file, String where,
      @TempDir Path work) throws Exception {
    GoTool.assumeGo(go);
    Map<String, String> env = go.hermeticEnv(work);
    env.remove("GOPROXY");
    env.remove("GOSUMDB");
    env.remove("GOFLAGS");
    Path cwd = work;
    if (file != null) {
      Path target;
      switch (where) {
        case "HOME":
          target = Paths.get(env.get("HOME"), ".config/go/env");
          break;
        case "XDG":
          env.put("XDG_CONFIG_HOME", work.resolve("xdg").toString());
          target = work.resolve("xdg/go/env");
          // go1.23+ keeps telemetry under the config dir, now here: off, as hermeticEnv does
          // under HOME, or its child process races the @TempDir cleanup ("directory not empty").
          Files.createDirectories(work.resolve("xdg/go/telemetry"));
          Files.writeString(work.resolve("xdg/go/telemetry/mode"), "off");
          break;
        case "XDG_RELATIVE":
          // Relative to the working directory: go runs where this JVM runs.
          cwd = Paths.get("").toAbsolutePath();
          Path rel = Paths.get("target", "xdg-" + name + "-" + System.nanoTime());
          env.put("XDG_CONFIG_HOME", rel.toString());
          target = rel.resolve("go/env").toAbsolutePath();
          break;
        default:
          target = Paths.get(env.get("GOENV"));
      }
      Files.createDirectories(target.getParent());
      Files.write(target, file.getBytes(StandardCharsets.UTF_8));
    }
    String config = Paths.get(env.get("HOME"), ".config").toString();
    changes.forEach((k, v) -> {
      if (v == null) {
        env.remove(k);
      } else {
        env.put(k, v.equals("@config") ? config : v);
      }
    });
    String[] args = new String[KEYS.size() + 1];
    args[0] = "env";
    for (int i = 0; i < KEYS.size(); i++) {
      args[i + 1] = KEYS.get(i);
    }
    GoTool.Result r = go.run(cwd, env, 60, args).requireOk();
    List<String> goValues = Arrays.asList(r.stdout().split("\n", -1)).subList(0, KEYS.size());
    GoEnv ours = GoEnv.builder().environment(env).goVersion(go.release()).build();
    for (int i = 0; i < KEYS.size(); i++) {
      String key = KEYS.get(i);
      assertEquals(goValues.get(i), ours.get(key), go + " " + name + ": " + key);
    }
  }
}
