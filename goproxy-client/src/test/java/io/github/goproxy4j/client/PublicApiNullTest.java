package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.testing.NullArguments;
import io.github.goproxy4j.toolchain.GoToolchain;
import io.github.goproxy4j.toolchain.Platform;
import io.github.goproxy4j.toolchain.ToolchainSelection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A null argument at goproxy-client's public API is an NPE naming the parameter, thrown at the
 * call: {@link NullArguments} (Guava's NullPointerTester) over every public constructor and static
 * method of the public types of io.github.goproxy4j.client and the instance methods of a sample of
 * each (a client with {@code GOPROXY=off} and its caches in a temporary directory, so that a call
 * that goes past a missing check fails without the network). One class for the module, as
 * goproxy-api's: the defaults and samples are shared, and a new public method is checked without a
 * test written for it.
 */
class PublicApiNullTest {
  @Test
  void nullArguments(@TempDir Path dir) throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(work.resolve("go.mod"), "module example.com/m\n\ngo 1.21\n");
    GoEnv env = GoEnv.builder().environment(Map.of("GOPATH", dir.resolve("gopath").toString(),
        "GOPROXY", "off", "GOSUMDB", "off", "GOFLAGS", "-mod=mod", "GOTOOLCHAIN", "local"))
        .noUserEnvFile().build();
    ModulePath path = ModulePath.parse("example.com/m");
    Version version = Version.parse("v1.0.0");
    ModuleVersion mv = ModuleVersion.of(path, version);
    VersionInfo info = VersionInfo.of("v1.0.0", OffsetDateTime.of(2023, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
        new VersionInfo.Origin("git", "https://example.com/m", "", "", "", "", "", ""));
    Platform platform = Platform.parse("linux/amd64");
    ModuleCache cache = ModuleCache.at(dir.resolve("gopath/pkg/mod"));
    try (GoProxyClient client = GoProxyClient.builder().env(env).moduleCache(cache).build()) {
      NullArguments.of(GoProxyClient.class, "io.github.goproxy4j.client")
          .setDefault(GoEnv.class, env)
          .setDefault(ProxyResolver.class, ProxyResolver.of(env))
          .setDefault(ModulePath.class, path)
          .setDefault(Version.class, version)
          .setDefault(ModuleVersion.class, mv)
          .setDefault(VersionInfo.class, info)
          .setDefault(Platform.class, platform)
          .setDefault(GoToolchain.class, GoToolchain.of("go1.21.0", platform))
          .setDefault(ToolchainSelection.class, ToolchainSelection.select("local", "go1.21.0", null, null))
          .setDefault(ModuleGraphException.class, ModuleGraphException.goModDirty())
          .setDefault(ModuleCache.class, cache)
          .setDefault(GoSum.class, GoSum.empty())
          .setDefault(HttpSettings.class, HttpSettings.defaults())
          .setDefault(ListFlags.class, ListFlags.none())
          .setDefault(OffsetDateTime.class, OffsetDateTime.of(2023, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))
          .setDefault(Path.class, work)
          .setDefault(String.class, "v1.0.0")
          .setDefault(ModuleHash.class, ModuleHash.ofGoMod("module example.com/m\n".getBytes(StandardCharsets.UTF_8)))
          .setDefault(ModuleGraph.class, client.moduleGraph(work))
          .setDefault(VersionInfo.Origin.class, new VersionInfo.Origin("git", "https://example.com/m", "", "", "", "", "", ""))
          // null documented as a value: no provenance, the environment's proxy selection, the
          // default TLS context
          .nullAllowed(VersionInfo.class, "of", "origin")
          .nullAllowed(HttpSettings.Builder.class, "proxySelector", "selector")
          .nullAllowed(HttpSettings.Builder.class, "sslContext", "context")
          .publicTypes()
          .instance(client)
          .instance(GoProxyClient.builder())
          .instance(cache)
          .instance(info)
          .instance(HttpSettings.defaults())
          .instance(HttpSettings.builder())
          .instance(ListFlags.none())
          .instance(ListFlags.builder())
          .instance(new ModDownloadResult(List.of(), false))
          .instance(info.origin().orElseThrow())
          .instance(client.mainModules(work).get(0))
          .instance(new ModDownloadResult.Module("example.com/m", "v1.0.0", "", "", "", "", "", "", ""))
          .assertNone();
    }
  }
}
