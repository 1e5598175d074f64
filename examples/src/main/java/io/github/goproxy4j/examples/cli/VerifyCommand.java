package io.github.goproxy4j.examples.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.examples.VerifyGoSum;
import io.github.goproxy4j.sumdb.GoSum;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    GoSum goSum = GoSum.read(Paths.get(args.isEmpty() ? "go.sum" : args.get(0)));
    List<VerifyGoSum.Line> lines;
    try (GoProxyClient client = Settings.client(ctx)) {
      lines = VerifyGoSum.check(client, goSum);
    }
    long bad = lines.stream().filter(l -> l.status() == VerifyGoSum.Status.MISMATCH).count();
    if (ctx.json()) {
      Json.print(ctx.out(), lines.stream().map(l -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Path", l.path());
        m.put("Version", l.version());
        m.put("Status", l.status().name());
        m.put("Detail", l.detail());
        return m;
      }).toList());
    } else {
      lines.forEach(l -> ctx.out().println(l));
      ctx.out().println(bad == 0 ? "all lines agree with the checksum database"
          : bad + " line(s) disagree with the checksum database: SECURITY ERROR");
    }
    return bad == 0 ? 0 : 1;
  }
}
