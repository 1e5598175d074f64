package io.github.goproxy4j.examples;

import io.github.goproxy4j.client.DownloadedModule;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.ProgressListener;
import io.github.goproxy4j.client.VersionInfo;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The main example, run by the README's first command: starts an embedded fake proxy with a
 * checksum database and uses only the public API to resolve routes (including a GOPRIVATE
 * module), list versions, resolve {@code @latest}, download and verify modules into a temporary
 * module cache, check a go.sum, and refuse a tampered module.
 *
 * <pre>{@code
 * mvn -B -q -DskipTests package && java -jar examples/target/goproxy-examples.jar
 * }</pre>
 *
 * <p>The {@code goproxy} command-line tool is the goproxy-cli module
 * ({@code java -jar goproxy-cli/target/goproxy.jar}, or {@code ./goproxy}).
 */
public final class Main {
  private Main() {}

  /**
   * Runs the demo.
   *
   * @param args none (the goproxy command line is goproxy-cli's jar)
   * @throws Exception if the demo fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      System.err.println("goproxy-examples.jar runs the demo and takes no arguments; the goproxy command is"
          + " goproxy-cli/target/goproxy.jar (or ./goproxy in the repository)");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("goproxy4j-demo");
    try {
      run(System.out, work);
    } finally {
      Demo.deleteTree(work);
    }
  }

  /**
   * Runs the demo, printing to {@code out} and keeping every file under {@code work}.
   *
   * @param out where the story is told
   * @param work a scratch directory (the module cache goes there)
   * @throws Exception if a step does not behave as the demo expects
   */
  public static void run(PrintStream out, Path work) throws Exception {
    out.println("goproxy4j: the Go module proxy protocol, the way the go command speaks it");

    try (FakeGoProxy proxy = FakeGoProxy.builder()
        .module(hello("v1.0.0", "2024-01-10T10:00:00Z", "Hello"))
        .module(hello("v1.1.0", "2024-03-01T09:30:00Z", "Hello, world"))
        .module(FakeModule.builder("example.com/hello", "v1.2.0")
            .time(Instant.parse("2024-05-20T08:00:00Z"))
            .goMod("module example.com/hello\n\ngo 1.21\n\nretract v1.2.0 // broken greeting\n")
            .file("hello.go", "package hello\n\nfunc Greeting() string { return \"Helo\" }\n")
            .build())
        .module(FakeModule.builder("example.com/greetings/v2", "v2.0.1")
            .time(Instant.parse("2024-04-02T12:00:00Z"))
            .file("greetings.go", "package greetings\n\nconst Text = \"hi\"\n")
            .file("LICENSE", "Apache License 2.0 (demo)\n")
            .build())
        .module(FakeModule.builder("example.com/tampered", "v1.0.0")
            .file("t.go", "package tampered\n")
            .build())
        // The proxy serves this module's real zip, but the checksum database holds another
        // hash for it: exactly what a client sees when a proxy tampers with a module.
        .sumdbWrongHash("example.com/tampered", "v1.0.0")
        .start()) {
      step(out, 1, "A local module proxy with its own checksum database");
      out.println("   GOPROXY=" + proxy.url());
      out.println("   GOSUMDB=" + proxy.sumdbKey());
      out.println("   serving " + String.join(", ", proxy.moduleVersions()));

      Map<String, String> vars = new HashMap<>(proxy.environment());
      vars.put("GOPRIVATE", "corp.example.com/*");
      vars.put("GOFLAGS", "-modcacherw");
      vars.put("GOMODCACHE", work.resolve("modcache").toString());
      vars.put("GOPATH", work.resolve("gopath").toString());
      GoEnv env = GoEnv.of(vars);

      step(out, 2, "Where modules come from (GOPRIVATE=corp.example.com/*)");
      ProxyResolver resolver = ProxyResolver.of(env);
      for (String module : List.of("example.com/hello", "corp.example.com/secret")) {
        Route route = resolver.resolve(module);
        out.println("   " + module);
        out.println("     " + route.explain().replace("\n", "\n     "));
      }

      try (GoProxyClient client = GoProxyClient.builder()
          .env(env)
          .progressListener(new Progress(out))
          .build()) {
        ModulePath hello = ModulePath.parse("example.com/hello");

        step(out, 3, "Versions and @latest of " + hello);
        List<Version> versions = client.versions(hello);
        out.println("   versions: " + versions.stream().map(Version::toString).collect(Collectors.joining(" ")));
        VersionInfo latest = client.latest(hello);
        out.println("   @latest:  " + latest.version() + " (" + latest.time() + ")"
            + latest.retraction().map(r -> "  [retracted: " + r + "]").orElse(""));
        VersionInfo upgrade = client.query(hello, "upgrade", java.util.Optional.empty());
        out.println("   go get " + hello + "@upgrade would pick " + upgrade.version()
            + " (retracted versions are skipped, as the go command does)");

        step(out, 4, "Download and verify into a temporary module cache");
        List<DownloadedModule> downloaded = client.downloadAll(List.of(
            ModuleVersion.of("example.com/hello", upgrade.version()),
            ModuleVersion.of("example.com/greetings/v2", "v2.0.1")));
        StringBuilder goSumText = new StringBuilder();
        for (DownloadedModule m : downloaded) {
          out.println("   " + m.module() + "  " + m.zipHash() + "  -> " + work.relativize(m.dir()));
          goSumText.append(m.goSumLines());
        }

        step(out, 5, "Check a go.sum against what was served and the checksum database");
        GoSum goSum = GoSum.parse(goSumText.toString());
        try (GoProxyClient strict = GoProxyClient.builder().env(env).goSum(goSum)
            .moduleCache(work.resolve("second-cache")).build()) {
          for (DownloadedModule m : downloaded) {
            strict.download(m.module());
          }
        }
        out.println("   go.sum:");
        goSumText.toString().lines().forEach(l -> out.println("     " + l));
        out.println("   every line matches the proxy and the checksum database");

        step(out, 6, "A module that must come from version control");
        try {
          client.download(ModuleVersion.of("corp.example.com/secret", "v1.0.0"));
          throw new IllegalStateException("a GOPRIVATE module was fetched from a proxy");
        } catch (GoProxyException e) {
          out.println("   refused: " + e.getMessage().lines().findFirst().orElse(""));
        }

        step(out, 7, "A tampered module is refused");
        ModuleVersion tampered = ModuleVersion.of("example.com/tampered", "v1.0.0");
        try {
          client.download(tampered);
          throw new IllegalStateException("a module whose hash disagrees with the checksum database was accepted");
        } catch (GoProxyException e) {
          e.getMessage().lines().filter(l -> !l.isBlank()).limit(8).forEach(l -> out.println("   " + l));
        }
        boolean cached = Files.exists(client.moduleCache().root().resolve("cache/download/example.com/tampered/@v/v1.0.0.zip"));
        out.println("   tampered zip left in the cache: " + (cached ? "yes (BUG)" : "no"));
        if (cached) {
          throw new IllegalStateException("tampered bytes were cached");
        }
      }
    }
    out.println();
    out.println("Done. Every step used the public API of goproxy-api, -sumdb, -client and -testkit.");
  }

  private static FakeModule hello(String version, String time, String greeting) {
    return FakeModule.builder("example.com/hello", version)
        .time(Instant.parse(time))
        .goMod("module example.com/hello\n\ngo 1.21\n")
        .file("hello.go", "package hello\n\nfunc Greeting() string { return \"" + greeting + "\" }\n")
        .build();
  }

  private static void step(PrintStream out, int n, String title) {
    out.println();
    out.println(n + ". " + title);
  }

  /** Prints one line per finished module: the demo's output is read by a person. */
  private static final class Progress implements ProgressListener {
    private final PrintStream out;

    Progress(PrintStream out) {
      this.out = out;
    }

    @Override
    public void verified(ModuleVersion module, String zipHash) {
      out.println("   verified " + module + " " + zipHash);
    }
  }
}
