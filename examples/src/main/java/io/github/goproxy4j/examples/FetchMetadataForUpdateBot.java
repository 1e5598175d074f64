package io.github.goproxy4j.examples;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.VersionInfo;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.Version;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Use case: a dependency-update bot asks what a {@code go get -u} would move a requirement to,
 * skipping retracted versions and flagging deprecated modules, without running go.
 *
 * <pre>{@code
 * java -cp examples/target/goproxy-examples.jar io.github.goproxy4j.examples.FetchMetadataForUpdateBot \
 *     golang.org/x/mod v0.7.0
 * }</pre>
 */
public final class FetchMetadataForUpdateBot {
  private FetchMetadataForUpdateBot() {}

  /**
   * Prints the proposed update for {@code module current}.
   *
   * @param args the module path and the current version
   * @throws GoProxyException if the proxies cannot answer
   */
  public static void main(String[] args) throws GoProxyException {
    if (args.length != 2) {
      System.err.println("usage: FetchMetadataForUpdateBot <module> <current-version>");
      System.exit(2);
    }
    try (GoProxyClient client = GoProxyClient.builder().env(GoEnv.fromSystem()).build()) {
      System.out.println(propose(client, ModulePath.parse(args[0]), Version.parse(args[1])));
    }
  }

  /**
   * Works out the update a bot would propose.
   *
   * @param client the client
   * @param module the required module
   * @param current the version required now
   * @return a one-line proposal
   * @throws GoProxyException if the proxies cannot answer
   */
  public static String propose(GoProxyClient client, ModulePath module, Version current) throws GoProxyException {
    VersionInfo upgrade = client.query(module, "upgrade", Optional.of(current));
    VersionInfo patch = client.query(module, "patch", Optional.of(current));
    StringBuilder b = new StringBuilder(module + " " + current);
    if (upgrade.version().equals(current.toString())) {
      b.append(": up to date");
    } else {
      b.append(": upgrade to ").append(upgrade.version()).append(" (").append(upgrade.time()).append(")");
      if (!patch.version().equals(current.toString()) && !patch.version().equals(upgrade.version())) {
        b.append(", or patch to ").append(patch.version());
      }
    }
    client.query(module, current.toString(), Optional.empty()).retraction()
        .ifPresent(r -> b.append("; the current version is retracted: ").append(r));
    VersionInfo latest = client.latest(module);
    latest.deprecation().ifPresent(d -> b.append("; module deprecated: ").append(d));
    return b.toString();
  }

  /**
   * Prints the proposal for one module.
   *
   * @param env Go's settings
   * @param module the module
   * @param current its current version
   * @param out where to print
   * @throws GoProxyException if the proxies cannot answer
   */
  public static void run(GoEnv env, String module, String current, PrintStream out) throws GoProxyException {
    try (GoProxyClient client = GoProxyClient.builder().env(env).build()) {
      out.println(propose(client, ModulePath.parse(module), Version.parse(current)));
    }
  }
}
