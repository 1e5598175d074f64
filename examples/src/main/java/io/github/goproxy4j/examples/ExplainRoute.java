package io.github.goproxy4j.examples;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Route;

/**
 * {@code goproxy explain <module>...}: prints, for the current environment, where the go command
 * would fetch each module from and how its checksum is verified, followed by any settings that
 * probably do not do what their author intended.
 *
 * <pre>{@code
 * java -cp examples.jar io.github.goproxy4j.examples.ExplainRoute example.com/private/lib
 * }</pre>
 */
public final class ExplainRoute {
  private ExplainRoute() {}

  /**
   * Explains the route of each module path given.
   *
   * @param args module paths
   */
  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: goproxy explain <module path>...");
      System.exit(2);
    }
    int status = 0;
    ProxyResolver resolver = ProxyResolver.fromSystem();
    for (String module : args) {
      try {
        Route route = resolver.resolve(module);
        route.proxies(); // an invalid GOPROXY: every lookup of the module fails with its error
        System.out.println(route.explain());
      } catch (GoEnvException e) {
        System.out.println(module + ": go would fail: " + e.getMessage());
        status = 1;
      }
    }
    GoEnv env = resolver.env();
    if (!env.warnings().isEmpty()) {
      System.out.println();
      System.out.println("Settings that may not do what you expect:");
      env.warnings().forEach(w -> System.out.println("  - " + w));
    }
    System.exit(status);
  }
}
