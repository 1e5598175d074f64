package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.ProgressListener;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.toolchain.GoToolchain;
import io.github.goproxy4j.toolchain.ToolchainSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads Go's settings for a command the way the go command does. */
final class Settings {
  private Settings() {}

  /**
   * @return Go's settings from the invocation's environment, user env file and GOROOT/go.env, with
   *     the behaviour of the release {@code --go-version} names (default: the newest)
   */
  static GoEnv goEnv(Invocation ctx) {
    // PWD: go's current directory after its -C, against which a relative GOMODCACHE is taken
    // (ModuleCache.fromEnv: the checksum database's tiles)
    java.util.Map<String, String> environment = new java.util.HashMap<>(ctx.environment());
    environment.put("PWD", ctx.workDir().toString());
    GoEnv.Builder b = GoEnv.builder().environment(environment);
    Optional<String> release = ctx.args().option("go-version");
    if (release.isPresent()) {
      b.goVersion(release.get());
    }
    return b.build();
  }

  /**
   * go's toolchain switch at startup ({@code toolchain.Select}, then {@code Exec} without the
   * exec, Go 1.21 on): when GOTOOLCHAIN and the go.work or go.mod governing {@code dir} select
   * another toolchain, finds it in PATH or installs it through the proxy (printing go's
   * {@code go: downloading go1.X.Y (goos/goarch)} when it downloads), and returns the settings
   * of that release, as the go command it would exec has them (its GOROOT, hence its go.env);
   * else the invocation's settings.
   *
   * @throws io.github.goproxy4j.toolchain.InvalidToolchainException go's message for a bad
   *     GOTOOLCHAIN or toolchain line
   * @throws io.github.goproxy4j.env.GoProxyException go's message when the toolchain cannot be had
   */
  static GoEnv switchToolchain(Invocation ctx, Path dir) throws IOException, GoProxyException {
    GoEnv env = goEnv(ctx);
    ToolchainSelection s = ToolchainSelection.forDirectory(env, dir);
    if (s.isLocal()) {
      return env;
    }
    return execToolchain(ctx, env, s, false);
  }

  /**
   * go's {@code toolchain.Exec} without the exec: finds the selected toolchain in PATH or installs
   * it through the proxy (printing go's {@code go: downloading go1.X.Y (goos/goarch)} when it
   * downloads, unless {@code quiet}: modfetch prints none during {@code go mod download}, where go
   * switches in the middle of the command), and returns the settings the go command it would exec has: {@code env}'s
   * environment with that toolchain's GOROOT (none for one found in PATH), following its release.
   *
   * @param env the settings of the go command that switches
   * @param s a selection that is not local
   * @param quiet whether the download line is left out
   * @throws io.github.goproxy4j.env.GoProxyException go's message when the toolchain cannot be had
   */
  static GoEnv execToolchain(Invocation ctx, GoEnv env, ToolchainSelection s, boolean quiet) throws GoProxyException {
    Path go;
    try (GoProxyClient client = GoProxyClient.builder().env(env).progressListener(new ProgressListener() {
          @Override
          public void started(ModuleVersion module) {
            GoToolchain.fromModuleVersion(module.version().toString()).filter(t -> !quiet).ifPresent(t ->
                ctx.err().println("go: downloading " + t.name() + " (" + t.platform() + ")"));
          }
        }).build()) {
      go = client.toolchainCommand(s).orElseThrow();
    }
    Map<String, String> vars = new HashMap<>(env.environment());
    Optional<Path> goRoot = installedGoRoot(s, go);
    if (goRoot.isEmpty()) {
      vars.remove("GOROOT"); // go execs a toolchain found in PATH without GOROOT
    } else {
      vars.put("GOROOT", goRoot.get().toString());
    }
    return GoEnv.builder().environment(vars).goVersion(s.release()).build();
  }

  /**
   * The GOROOT of the go command {@code GoProxyClient.toolchainCommand(s)} returned: the
   * installed toolchain's directory ({@code <root>/bin/go}), empty for a command found in PATH
   * (named like the toolchain).
   */
  static Optional<Path> installedGoRoot(ToolchainSelection s, Path go) {
    return go.getFileName().toString().equals(s.toolchain()) ? Optional.empty()
        : Optional.of(go.getParent().getParent());
  }

  static GoProxyClient.Builder clientBuilder(Invocation ctx) {
    return GoProxyClient.builder().env(goEnv(ctx));
  }

  static GoProxyClient client(Invocation ctx) {
    return clientBuilder(ctx).build();
  }

  static ProxyResolver resolver(Invocation ctx) {
    return ProxyResolver.of(goEnv(ctx));
  }
}
