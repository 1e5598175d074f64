package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.DownloadedModule;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.VersionInfo;
import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code versions}, {@code latest}, {@code info} and {@code download}: the protocol, from the shell. */
final class ModuleCommands {
  private ModuleCommands() {}

  /** The .info fields as go writes them (Time in RFC 3339 with nanoseconds), plus our findings. */
  static Map<String, Object> infoJson(VersionInfo info) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Version", info.version());
    m.put("Time", GoJson.formatTime(info.offsetTime()));
    info.retraction().ifPresent(r -> m.put("Retracted", r));
    info.deprecation().ifPresent(d -> m.put("Deprecated", d));
    return m;
  }

  static String infoLine(VersionInfo info) {
    return info.version() + "  " + info.time()
        + info.retraction().map(r -> "  (retracted: " + r + ")").orElse("")
        + info.deprecation().map(d -> "  (deprecated: " + d + ")").orElse("");
  }

  static ModuleVersion moduleVersion(String arg) {
    if (arg.indexOf('@') < 0) {
      throw new UsageException("expected module@version, got \"" + arg + "\"");
    }
    return ModuleVersion.parse(arg);
  }

  /** {@code goproxy versions <module>}. */
  static final class Versions implements Command {
    @Override
    public String name() {
      return "versions";
    }

    @Override
    public String summary() {
      return "list a module's released versions (the proxy's @v/list, as go list -m -versions)";
    }

    @Override
    public String help() {
      return "goproxy versions <module> [--json]\n\n"
          + "Asks the configured proxies for the module's version list with the go command's\n"
          + "fallback rules and prints the valid, non-pseudo versions in semver order.\n";
    }

    @Override
    public int run(Invocation ctx) throws Exception {
      List<String> args = ctx.args().positional();
      if (args.size() != 1) {
        throw new UsageException("name exactly one module path");
      }
      try (GoProxyClient client = Settings.client(ctx)) {
        List<Version> versions = client.versions(ModulePath.parse(args.get(0)));
        if (ctx.json()) {
          Json.print(ctx.out(), versions.stream().map(Version::toString).toList());
        } else {
          versions.forEach(v -> ctx.out().println(v));
        }
      }
      return 0;
    }
  }

  /** {@code goproxy latest <module>}. */
  static final class Latest implements Command {
    @Override
    public String name() {
      return "latest";
    }

    @Override
    public String summary() {
      return "resolve a module's latest version the way go get does (retractions honoured)";
    }

    @Override
    public String help() {
      return "goproxy latest <module> [--query Q] [--json]\n\n"
          + "Resolves @latest with the go command's order (the version list, then the proxy's\n"
          + "@latest), skipping retracted versions and reporting a deprecation. --query takes any\n"
          + "go get query instead: upgrade, patch, v1, v1.2, <v1.3, >=v1.2.0, an exact version.\n";
    }

    @Override
    public Set<String> valueOptions() {
      return Set.of("query");
    }

    @Override
    public int run(Invocation ctx) throws Exception {
      List<String> args = ctx.args().positional();
      if (args.size() != 1) {
        throw new UsageException("name exactly one module path");
      }
      ModulePath path = ModulePath.parse(args.get(0));
      try (GoProxyClient client = Settings.client(ctx)) {
        VersionInfo info = ctx.args().option("query").isPresent()
            ? client.query(path, ctx.args().option("query").get(), java.util.Optional.empty())
            : client.latest(path);
        if (ctx.json()) {
          Json.print(ctx.out(), infoJson(info));
        } else {
          ctx.out().println(infoLine(info));
        }
      }
      return 0;
    }
  }

  /** {@code goproxy info <module@version>}. */
  static final class Info implements Command {
    @Override
    public String name() {
      return "info";
    }

    @Override
    public String summary() {
      return "show a version's .info (time, origin), with retraction and deprecation";
    }

    @Override
    public String help() {
      return "goproxy info <module@version>... [--json]\n\n"
          + "Fetches each version's .info from the configured proxies and prints its canonical\n"
          + "version and time.\n";
    }

    @Override
    public int run(Invocation ctx) throws Exception {
      List<String> args = ctx.args().positional();
      if (args.isEmpty()) {
        throw new UsageException("name at least one module@version");
      }
      List<Object> json = new ArrayList<>();
      try (GoProxyClient client = Settings.client(ctx)) {
        for (String arg : args) {
          VersionInfo info = client.info(moduleVersion(arg));
          if (ctx.json()) {
            Map<String, Object> m = infoJson(info);
            m.put("Path", arg.substring(0, arg.indexOf('@')));
            json.add(m);
          } else {
            ctx.out().println(arg.substring(0, arg.indexOf('@')) + " " + infoLine(info));
          }
        }
      }
      if (ctx.json()) {
        Json.print(ctx.out(), json);
      }
      return 0;
    }
  }

  /** {@code goproxy download <module@version>...}. */
  static final class Download implements Command {
    @Override
    public String name() {
      return "download";
    }

    @Override
    public String summary() {
      return "download, verify and extract modules into the module cache go uses";
    }

    @Override
    public String help() {
      return "goproxy download <module@version>... [--json]\n\n"
          + "Downloads each module's .info, .mod and .zip, verifies them against go.sum rules and\n"
          + "the checksum database, and extracts them into GOMODCACHE (shared with go). Shows a\n"
          + "progress bar on a terminal and one line per module otherwise.\n";
    }

    @Override
    public int run(Invocation ctx) throws Exception {
      List<String> args = ctx.args().positional();
      if (args.isEmpty()) {
        throw new UsageException("name at least one module@version");
      }
      List<ModuleVersion> modules = args.stream().map(ModuleCommands::moduleVersion).toList();
      ProgressPrinter progress = new ProgressPrinter(ctx.err(), ctx.terminal() && !ctx.json());
      List<DownloadedModule> done;
      try (GoProxyClient client = Settings.clientBuilder(ctx).progressListener(progress).build()) {
        done = client.downloadAll(modules);
      } finally {
        progress.finish();
      }
      if (ctx.json()) {
        List<Object> json = new ArrayList<>();
        for (DownloadedModule m : done) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("Path", m.module().path().toString());
          o.put("Version", m.module().version().toString());
          o.put("Info", m.info().version());
          o.put("GoMod", m.goModFile().toString());
          o.put("Zip", m.zip().toString());
          o.put("Dir", m.dir().toString());
          o.put("Sum", m.zipHash().toString());
          o.put("GoModSum", m.goModHash().toString());
          json.add(o);
        }
        Json.print(ctx.out(), json);
      } else {
        for (DownloadedModule m : done) {
          ctx.out().println(m.module() + " " + m.zipHash() + " " + m.dir());
        }
      }
      return 0;
    }
  }
}
