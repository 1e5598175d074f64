package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.ProxyResolver;
import java.util.Optional;

/** Reads Go's settings for a command the way the go command does. */
final class Settings {
  private Settings() {}

  /**
   * @return Go's settings from the invocation's environment, user env file and GOROOT/go.env, with
   *     the behaviour of the release {@code --go-version} names (default: the newest)
   */
  static GoEnv goEnv(Invocation ctx) {
    GoEnv.Builder b = GoEnv.builder().environment(ctx.environment());
    Optional<String> release = ctx.args().option("go-version");
    if (release.isPresent()) {
      b.goVersion(release.get());
    }
    return b.build();
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
