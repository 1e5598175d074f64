package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ChecksumDatabase;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code goproxy verify [go.sum]}: checks every go.sum line against the checksum database. */
final class VerifyCommand implements Command {
  private static final String GO_MOD_SUFFIX = "/go.mod";

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

  /**
   * The verdict on one go.sum line.
   *
   * @param path the module path
   * @param version the version as written in go.sum (may end in {@code /go.mod})
   * @param status OK, MISMATCH (go would fail with a SECURITY ERROR) or SKIPPED (no database applies)
   * @param detail why, for MISMATCH and SKIPPED
   */
  record Verdict(String path, String version, String status, String detail) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-9s%s %s%s", status, path, version,
          detail.isEmpty() ? "" : "  (" + detail + ")");
    }
  }

  @Override
  public int run(Invocation ctx) throws Exception {
    List<String> args = ctx.args().positional();
    if (args.size() > 1) {
      throw new UsageException("name at most one go.sum file");
    }
    Path file = Paths.get(args.isEmpty() ? "go.sum" : args.get(0));
    if (!Files.exists(file)) {
      // GoSum.read takes a missing go.sum as empty, as go does inside a module; here it is the
      // file asked about, and "all lines agree" would pass a mistyped path
      throw new FileNotFoundException("open " + file + ": no such file or directory");
    }
    GoSum goSum = GoSum.read(file);
    List<Verdict> verdicts;
    try (GoProxyClient client = Settings.client(ctx)) {
      verdicts = check(client, goSum);
    }
    long bad = verdicts.stream().filter(v -> v.status().equals("MISMATCH")).count();
    if (ctx.json()) {
      Json.print(ctx.out(), verdicts.stream().map(v -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Path", v.path());
        m.put("Version", v.version());
        m.put("Status", v.status());
        m.put("Detail", v.detail());
        return m;
      }).toList());
    } else {
      verdicts.forEach(v -> ctx.out().println(v));
      ctx.out().println(bad == 0 ? "all lines agree with the checksum database"
          : bad + " line(s) disagree with the checksum database: SECURITY ERROR");
    }
    return bad == 0 ? 0 : 1;
  }

  /** Looks each go.sum line up in the database the client would consult for its module. */
  private static List<Verdict> check(GoProxyClient client, GoSum goSum) throws IOException {
    List<Verdict> verdicts = new ArrayList<>();
    for (String[] line : goSum.entries()) {
      String path = line[0];
      String version = line[1];
      Optional<ChecksumDatabase> db = client.checksumDatabase(ModulePath.parse(path));
      if (db.isEmpty()) {
        verdicts.add(new Verdict(path, version, "SKIPPED", "no checksum database for this module"));
        continue;
      }
      boolean goMod = version.endsWith(GO_MOD_SUFFIX);
      var record = db.get().lookup(ModuleVersion.of(path,
          goMod ? version.substring(0, version.length() - GO_MOD_SUFFIX.length()) : version));
      ModuleHash want = goMod ? record.goModHash() : record.zipHash();
      List<String> have = goSum.hashes(path, version);
      verdicts.add(have.contains(want.toString())
          ? new Verdict(path, version, "OK", "")
          : new Verdict(path, version, "MISMATCH", "go.sum has " + String.join(", ", have) + "; "
              + db.get().checksumDb().name() + " has " + want));
    }
    return verdicts;
  }
}
