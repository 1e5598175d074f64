package io.github.goproxy4j.examples;

import io.github.goproxy4j.env.ChecksumDb;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Route;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Use case: a build tool (a Maven or Gradle plugin, a repository manager) decides for each Go
 * module where it may be fetched from and whether its checksum must be verified, exactly as
 * the go command would with the developer's settings.
 *
 * <pre>{@code
 * java -cp examples/target/goproxy-examples.jar io.github.goproxy4j.examples.ResolveForBuildTool \
 *     golang.org/x/mod github.com/mycorp/private-lib
 * }</pre>
 */
public final class ResolveForBuildTool {
  private ResolveForBuildTool() {}

  /**
   * Prints the fetch policy of each module named on the command line.
   *
   * @param args module paths
   */
  public static void main(String[] args) {
    run(GoEnv.fromSystem(), List.of(args), System.out);
  }

  /**
   * Prints one policy line per module.
   *
   * @param env Go's settings
   * @param modules module paths
   * @param out where to print
   */
  public static void run(GoEnv env, List<String> modules, PrintStream out) {
    ProxyResolver resolver = ProxyResolver.of(env);
    for (String module : modules) {
      Route route = resolver.resolve(module);
      String sources = route.proxies().stream().map(ProxyEntry::display).collect(Collectors.joining(" then "));
      String verification = route.checksumDb().map(ChecksumDb::name).map(n -> "verify with " + n)
          .orElse("no checksum database");
      out.println(module + ": " + sources + "; " + verification + (route.isPrivate() ? "; private" : ""));
    }
  }
}
