package io.github.goproxy4j.testkit.internal;

import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.toolchain.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The standalone fake proxy: {@code java -jar goproxy-testkit-<v>-standalone.jar [DIR] [--port N]
 * [--sumdb-name NAME] [--allow-invalid-zips] [--toolchain go1.X.Y[/GOOS/GOARCH]]... [--https]
 * [--basic-auth USER:PASSWORD | --bearer-token TOKEN] [--wait-for-signal]}.
 * DIR is a directory of txtar module archives (cmd/go testdata style) or a GOPROXY-layout
 * directory; each {@code --toolchain} serves a fake toolchain ({@code FakeModule.toolchain}) for
 * this machine's platform or the one given; {@code --https} and the credentials make it a
 * private proxy ({@code FakeGoProxy.Builder#https()}, {@code #basicAuth}, {@code #bearerToken}).
 * Prints {@code GOPROXY=<url>} and {@code GOSUMDB=<key>} on standard output, and
 * {@code SSL_CERT_FILE=<pem>} / {@code NETRC=<file>} when the fake made them (never a credential),
 * then serves until standard input is closed (or, with {@code --wait-for-signal}, until the
 * process is signalled).
 */
public final class StandaloneMain {
  private StandaloneMain() {}

  private static final String USAGE = "usage: java -jar goproxy-testkit-standalone.jar [DIR]"
      + " [--port N] [--sumdb-name NAME] [--allow-invalid-zips] [--toolchain go1.X.Y[/GOOS/GOARCH]]..."
      + " [--https] [--basic-auth USER:PASSWORD | --bearer-token TOKEN] [--wait-for-signal]\n"
      + "  DIR: a directory of txtar module archives (example.com_m_v1.0.0.txt) or a"
      + " GOPROXY-layout directory (example.com/m/@v/v1.0.0.zip ...)\n"
      + "  --allow-invalid-zips: zip txtar files that break x/mod's rules as given (as cmd/go's"
      + " test proxy does)\n"
      + "  --toolchain: serve a fake Go toolchain module (bin/go is a script) for GOTOOLCHAIN;"
      + " default platform: this machine's\n"
      + "  --https: serve TLS with a self-signed certificate; prints SSL_CERT_FILE= (its PEM) for"
      + " go\n"
      + "  --basic-auth, --bearer-token: answer 401 to requests without these credentials;"
      + " --basic-auth prints NETRC= (a netrc file for go)\n"
      + "  Serves on 127.0.0.1 until standard input is closed (or until signalled with"
      + " --wait-for-signal).";

  /**
   * Runs the server.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the server with the given streams; returns the exit code.
   *
   * @param args the command line
   * @param stdin closes to stop the server
   * @param out receives the GOPROXY and GOSUMDB lines
   * @param err receives messages
   * @return 0 after a clean stop, 1 for bad module data, 2 for a usage error
   */
  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    Path dir = null;
    int port = 0;
    String sumdbName = null;
    boolean waitForSignal = false;
    boolean allowInvalidZips = false;
    boolean https = false;
    String basicAuth = null;
    String bearerToken = null;
    java.util.List<FakeModule> toolchains = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      try {
        if ((a.equals("--toolchain") && i + 1 < args.length) || a.startsWith("--toolchain=")) {
          String spec = a.startsWith("--toolchain=") ? a.substring("--toolchain=".length()) : args[++i];
          String[] parts = spec.split("/", -1);
          Platform p = parts.length == 3 ? new Platform(parts[1], parts[2]) : Platform.current();
          if (parts.length != 1 && parts.length != 3) {
            throw new IllegalArgumentException("want go1.X.Y or go1.X.Y/GOOS/GOARCH");
          }
          toolchains.add(FakeModule.toolchain(parts[0], p.goos(), p.goarch()));
        } else if (a.equals("--port") && i + 1 < args.length) {
          port = Integer.parseInt(args[++i]);
        } else if (a.startsWith("--port=")) {
          port = Integer.parseInt(a.substring("--port=".length()));
        } else if (a.equals("--sumdb-name") && i + 1 < args.length) {
          sumdbName = args[++i];
        } else if (a.equals("--https")) {
          https = true;
        } else if (a.equals("--basic-auth") && i + 1 < args.length) {
          basicAuth = args[++i];
        } else if (a.startsWith("--basic-auth=")) {
          basicAuth = a.substring("--basic-auth=".length());
        } else if (a.equals("--bearer-token") && i + 1 < args.length) {
          bearerToken = args[++i];
        } else if (a.startsWith("--bearer-token=")) {
          bearerToken = a.substring("--bearer-token=".length());
        } else if (a.equals("--allow-invalid-zips")) {
          allowInvalidZips = true;
        } else if (a.equals("--wait-for-signal")) {
          waitForSignal = true;
        } else if (a.equals("-h") || a.equals("--help")) {
          out.println(USAGE);
          return 0;
        } else if (a.startsWith("-") || dir != null) {
          err.println("unexpected argument: " + a + "\n" + USAGE);
          return 2;
        } else {
          dir = Paths.get(a);
        }
      } catch (NumberFormatException e) {
        err.println("invalid port: " + args[i] + "\n" + USAGE);
        return 2;
      } catch (IllegalArgumentException | IllegalStateException e) {
        err.println("invalid --toolchain " + args[i] + ": " + e.getMessage() + "\n" + USAGE);
        return 2;
      }
    }
    if (dir == null && toolchains.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    if (dir != null && !Files.isDirectory(dir)) {
      err.println("not a directory: " + dir);
      return 2;
    }
    if (basicAuth != null && bearerToken != null) {
      err.println("give --basic-auth or --bearer-token, not both\n" + USAGE);
      return 2;
    }
    if (basicAuth != null && basicAuth.indexOf(':') < 0) {
      err.println("invalid --basic-auth: want USER:PASSWORD\n" + USAGE); // never echo it
      return 2;
    }
    FakeGoProxy proxy;
    try {
      FakeGoProxy.Builder b = FakeGoProxy.builder().port(port);
      try {
        if (https) {
          b.https();
        }
        if (basicAuth != null) {
          int colon = basicAuth.indexOf(':');
          b.basicAuth(basicAuth.substring(0, colon), basicAuth.substring(colon + 1));
        }
        if (bearerToken != null) {
          b.bearerToken(bearerToken);
        }
      } catch (IllegalArgumentException e) {
        err.println("invalid credentials: " + e.getMessage() + "\n" + USAGE);
        return 2;
      }
      if (allowInvalidZips) {
        b.allowInvalidZips();
      }
      if (sumdbName != null) {
        b.sumdbName(sumdbName);
      }
      if (dir == null) {
        // only toolchains
      } else if (hasTxtar(dir)) {
        b.txtarDirectory(dir);
      } else {
        b.directory(dir);
      }
      for (FakeModule t : toolchains) {
        b.module(t);
      }
      proxy = b.start();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IOException | java.io.UncheckedIOException e) {
      err.println("cannot start: " + e.getMessage());
      return 1;
    }
    for (String s : proxy.skippedFiles()) {
      err.println("skipped " + s);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      proxy.close();
      stopped.countDown();
    }, "goproxy-testkit-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("GOPROXY=" + proxy.url());
    out.println("GOSUMDB=" + proxy.sumdbKey());
    for (String key : new String[] {"SSL_CERT_FILE", "NETRC"}) {
      String value = proxy.environment().get(key);
      if (value != null) {
        out.println(key + "=" + value);
      }
    }
    out.flush();
    err.println("serving " + proxy.moduleVersions().size() + " module versions"
        + (dir == null ? "" : " from " + dir)
        + (waitForSignal ? "; stop with a signal" : "; close standard input to stop"));
    try {
      if (waitForSignal) {
        stopped.await();
      } else {
        byte[] buf = new byte[256];
        while (stdin.read(buf) >= 0) {
          // ignore input; EOF stops the server
        }
      }
    } catch (IOException | InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down; the hook closes the proxy
      return 0;
    }
    proxy.close();
    return 0;
  }

  private static boolean hasTxtar(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".txt")
          && Files.isRegularFile(p));
    } catch (IOException e) {
      return false;
    }
  }
}
