package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.toolchain.GoToolchain;
import io.github.goproxy4j.toolchain.Platform;
import io.github.goproxy4j.toolchain.ToolchainSelection;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code goproxy toolchain [go1.X.Y]}: installs a Go toolchain through the proxy, as the go
 * command does for GOTOOLCHAIN, and prints its GOROOT. Without an argument, the toolchain the
 * current directory's go.mod/go.work and GOTOOLCHAIN select.
 */
final class ToolchainCommand implements Command {
  @Override
  public String name() {
    return "toolchain";
  }

  @Override
  public String summary() {
    return "install a Go toolchain through the proxy (sumdb-verified, shared with go) and print its GOROOT";
  }

  @Override
  public String help() {
    return "goproxy toolchain [go1.X.Y] [--platform GOOS/GOARCH] [--json]\n\n"
        + "Downloads golang.org/toolchain@v0.0.1-go1.X.Y.<goos>-<goarch> through GOPROXY, verifies it\n"
        + "against the checksum database even when GONOSUMDB or GOPRIVATE match it (refused with\n"
        + "GOSUMDB=off), unpacks it into GOMODCACHE with go's execute bits and prints its GOROOT; go\n"
        + "then runs it from the same cache. Without an argument: the toolchain GOTOOLCHAIN and the\n"
        + "go and toolchain lines of the current go.work or go.mod select (the local go's GOROOT when\n"
        + "they select the local toolchain). The platform defaults to this machine's.\n";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("platform");
  }

  @Override
  public int run(Invocation ctx) throws Exception {
    List<String> args = ctx.args().positional();
    if (args.size() > 1) {
      throw new UsageException("name at most one toolchain, such as go1.27.3");
    }
    GoEnv env = Settings.goEnv(ctx);
    Platform platform;
    try {
      platform = ctx.args().option("platform").map(Platform::parse).orElseGet(Platform::current);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (args.isEmpty()) {
      ToolchainSelection s = ToolchainSelection.forDirectory(env, Path.of(""));
      if (s.isLocal()) {
        return print(ctx, s.toolchain(), env.get("GOROOT"), s.reason());
      }
      if (platform.equals(Platform.current())) {
        // what go runs: the toolchain's name in PATH, else its install through the proxy
        try (GoProxyClient client = Settings.client(ctx)) {
          Path go = client.toolchainCommand(s).orElseThrow();
          Optional<Path> goRoot = Settings.installedGoRoot(s, go);
          if (goRoot.isEmpty()) {
            return print(ctx, s.toolchain(), go.toString(), s.reason() + "; found in PATH");
          }
          return print(ctx, s.toolchain(), goRoot.get().toString(), s.reason());
        }
      }
      return install(ctx, s.toolchain(), platform, s.reason());
    }
    return install(ctx, args.get(0), platform, "named on the command line");
  }

  private static int install(Invocation ctx, String name, Platform platform, String reason) throws Exception {
    GoToolchain t;
    try {
      t = GoToolchain.of(name, platform);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    try (GoProxyClient client = Settings.client(ctx)) {
      Path goRoot = client.installToolchain(t);
      return print(ctx, t.name(), goRoot.toString(), reason);
    }
  }

  private static int print(Invocation ctx, String toolchain, String goRoot, String reason) {
    if (ctx.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Toolchain", toolchain);
      m.put("GOROOT", goRoot);
      m.put("Reason", reason);
      Json.print(ctx.out(), m);
    } else {
      ctx.out().println(goRoot);
    }
    return 0;
  }
}
