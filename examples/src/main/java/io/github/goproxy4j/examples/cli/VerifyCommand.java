package io.github.goproxy4j.examples.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ChecksumDatabase;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.SumdbLookup;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code goproxy verify [go.sum]}: checks every go.sum line against the checksum database. */
final class VerifyCommand implements Command {
  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String summary() {
    return "check every go.sum line against the checksum database (GONOSUMDB honoured)";
  }

  @Override
  public String help() {
    return "goproxy verify [go.sum] [--json]\n\n"
        + "Reads go.sum (default: ./go.sum) and looks up each module version in the checksum\n"
        + "database that the go command would use for it, verifying the signed tree and the\n"
        + "record's inclusion proof. Lines for modules matched by GONOSUMDB/GOPRIVATE, or with\n"
        + "GOSUMDB=off, are reported as skipped. Exits 1 if any line disagrees with the database.\n";
  }

  @Override
  public int run(Invocation ctx) throws Exception {
    List<String> args = ctx.args().positional();
    if (args.size() > 1) {
      throw new UsageException("name at most one go.sum file");
    }
    Path file = Paths.get(args.isEmpty() ? "go.sum" : args.get(0));
    GoSum goSum = GoSum.read(file);
    ProxyResolver resolver = Settings.resolver(ctx);
    int bad = 0;
    List<Object> json = new ArrayList<>();
    try (GoProxyClient client = Settings.client(ctx)) {
      for (String[] entry : goSum.entries()) {
        String path = entry[0];
        String version = entry[1];
        boolean goModLine = version.endsWith("/go.mod");
        String moduleVersion = goModLine ? version.substring(0, version.length() - "/go.mod".length()) : version;
        String status;
        String detail = "";
        Route route = resolver.resolve(path);
        Optional<ChecksumDatabase> db = client.checksumDatabase(ModulePath.parse(path));
        if (db.isEmpty()) {
          status = "skipped";
          detail = route.explain().lines().reduce((a, b) -> b).orElse("checksum database not used");
        } else {
          ModuleVersion mv = ModuleVersion.of(path, moduleVersion);
          SumdbLookup found = db.get().lookup(mv);
          ModuleHash expected = goModLine ? found.goModHash() : found.zipHash();
          List<String> listed = goSum.hashes(path, version);
          if (listed.contains(expected.toString())) {
            status = "ok";
          } else {
            status = "MISMATCH";
            detail = "go.sum has " + String.join(", ", listed) + "; " + db.get().checksumDb().name()
                + " has " + expected;
            bad++;
          }
        }
        if (ctx.json()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("Path", path);
          m.put("Version", version);
          m.put("Status", status);
          if (!detail.isEmpty()) {
            m.put("Detail", detail);
          }
          json.add(m);
        } else {
          ctx.out().println(Goproxy.pad(status, 9) + path + " " + version + (detail.isEmpty() ? "" : "  (" + detail + ")"));
        }
      }
    }
    if (ctx.json()) {
      Json.print(ctx.out(), json);
    } else {
      ctx.out().println(bad == 0 ? "all lines agree with the checksum database" : bad + " line(s) disagree: SECURITY ERROR");
    }
    return bad == 0 ? 0 : 1;
  }
}
