package io.github.goproxy4j.cli;

import io.github.goproxy4j.env.ChecksumDb;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code goproxy explain <module>...}: where each module comes from and how it is verified. */
final class ExplainCommand implements Command {
  @Override
  public String name() {
    return "explain";
  }

  @Override
  public String summary() {
    return "say where a module is fetched from and whether its checksum is verified, and why";
  }

  @Override
  public String help() {
    return "goproxy explain <module>... [--json]\n\n"
        + "Applies GOPROXY, GONOPROXY, GOPRIVATE, GONOSUMDB, GOINSECURE and GOSUMDB from the\n"
        + "environment, the go env file and GOROOT/go.env exactly as the go command does, and\n"
        + "prints the route of each module: the proxies asked in order, whether it goes direct\n"
        + "to version control, and whether the checksum database is consulted.\n";
  }

  @Override
  public int run(Invocation ctx) {
    List<String> modules = ctx.args().positional();
    if (modules.isEmpty()) {
      throw new UsageException("name at least one module path");
    }
    var resolver = Settings.resolver(ctx);
    List<Object> json = new ArrayList<>();
    for (String module : modules) {
      Route route = resolver.resolve(module);
      if (ctx.json()) {
        json.add(toJson(route));
      } else {
        ctx.out().println(module + ":");
        ctx.out().println("  " + route.explain().replace("\n", "\n  "));
      }
    }
    if (ctx.json()) {
      Json.print(ctx.out(), json);
    }
    return 0;
  }

  static Map<String, Object> toJson(Route route) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("module", route.modulePath());
    try {
      m.put("proxies", route.proxies().stream().map(ProxyEntry::display).toList());
    } catch (GoEnvException e) {
      m.put("proxiesError", e.getMessage()); // an invalid GOPROXY: every lookup of the module fails with it
    }
    m.put("private", route.isPrivate());
    m.put("insecure", route.isInsecure());
    try {
      m.put("checksumDb", route.checksumDb().map(ChecksumDb::name).orElse(null));
    } catch (GoEnvException e) {
      m.put("checksumDbError", e.getMessage());
    }
    m.put("explanation", route.explain());
    return m;
  }
}
