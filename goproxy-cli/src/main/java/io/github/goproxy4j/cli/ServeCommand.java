package io.github.goproxy4j.cli;

import io.github.goproxy4j.testkit.FakeGoProxy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** {@code goproxy serve <dir|txtar...>}: a local module proxy with its own checksum database. */
final class ServeCommand implements Command {
  private final InputStream stdin;

  ServeCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public String name() {
    return "serve";
  }

  @Override
  public String summary() {
    return "serve modules from a directory or txtar archives as a proxy with a checksum database";
  }

  @Override
  public String help() {
    return "goproxy serve <dir | file.txt...> [--port N] [--json]\n\n"
        + "Serves modules on 127.0.0.1 with the go command's proxy protocol and a checksum\n"
        + "database over them (goproxy-testkit's FakeGoProxy). The argument is a GOPROXY-layout\n"
        + "directory (for example a copy of $GOMODCACHE/cache/download), a directory of txtar\n"
        + "archives in the go command's cmd/go/testdata/mod format, or txtar files. Prints\n"
        + "GOPROXY=... and GOSUMDB=... lines to use with go, and serves until standard input\n"
        + "is closed or the process is interrupted.\n";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("port");
  }

  @Override
  public int run(Invocation ctx) throws IOException {
    List<String> sources = ctx.args().positional();
    if (sources.isEmpty()) {
      throw new UsageException("name a directory or txtar files to serve");
    }
    int port;
    try {
      port = Integer.parseInt(ctx.args().option("port").orElse("0"));
    } catch (NumberFormatException e) {
      throw new UsageException("--port must be a number, not \"" + ctx.args().option("port").orElse("") + "\"");
    }
    FakeGoProxy.Builder builder = FakeGoProxy.builder().port(port);
    for (String s : sources) {
      Path p = Paths.get(s);
      if (Files.isDirectory(p)) {
        if (containsTxtar(p)) {
          builder.txtarDirectory(p);
        } else {
          builder.directory(p);
        }
      } else if (Files.isRegularFile(p)) {
        builder.txtar(p);
      } else {
        throw new IOException("no such file or directory: " + s);
      }
    }
    try (FakeGoProxy proxy = builder.start()) {
      if (ctx.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("GOPROXY", proxy.url().toString());
        m.put("GOSUMDB", proxy.sumdbKey());
        m.put("modules", proxy.moduleVersions());
        Json.print(ctx.out(), m);
      } else {
        ctx.out().println("GOPROXY=" + proxy.url());
        ctx.out().println("GOSUMDB=" + proxy.sumdbKey());
        ctx.err().println("serving " + proxy.moduleVersions().size() + " module versions; close standard input"
            + " (Ctrl-D) or interrupt to stop");
      }
      ctx.out().flush();
      byte[] buf = new byte[256];
      while (stdin.read(buf) >= 0) {
        // input is ignored; end of input stops the server
      }
    }
    return 0;
  }

  private static boolean containsTxtar(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p));
    }
  }
}
