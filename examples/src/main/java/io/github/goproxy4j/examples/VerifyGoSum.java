package io.github.goproxy4j.examples;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ChecksumDatabase;
import io.github.goproxy4j.sumdb.GoSum;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.SumdbLookup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Use case: an SBOM or licence scanner trusts a go.sum only after checking it against the
 * checksum database, as {@code go mod download} would (private modules skipped per GONOSUMDB).
 *
 * <pre>{@code
 * java -cp examples/target/goproxy-examples.jar io.github.goproxy4j.examples.VerifyGoSum path/to/go.sum
 * }</pre>
 */
public final class VerifyGoSum {
  private VerifyGoSum() {}

  /**
   * Verifies the go.sum named on the command line (default {@code ./go.sum}).
   *
   * @param args an optional go.sum path
   * @throws IOException if the file cannot be read or the database cannot be reached
   */
  public static void main(String[] args) throws IOException {
    Path file = Paths.get(args.length > 0 ? args[0] : "go.sum");
    int bad = run(GoEnv.fromSystem(), file, System.out);
    System.exit(bad == 0 ? 0 : 1);
  }

  /**
   * Checks every line of a go.sum file.
   *
   * @param env Go's settings
   * @param file the go.sum file
   * @param out where to print a line per module version
   * @return the number of lines that disagree with the checksum database
   * @throws IOException if the file cannot be read or the database cannot be reached
   */
  public static int run(GoEnv env, Path file, PrintStream out) throws IOException {
    try (GoProxyClient client = GoProxyClient.builder().env(env).build()) {
      List<Line> lines = check(client, GoSum.read(file));
      lines.forEach(l -> out.println(l));
      return (int) lines.stream().filter(l -> l.status() == Status.MISMATCH).count();
    }
  }

  /** What became of one go.sum line. */
  public enum Status {
    /** The checksum database has the same hash. */
    OK,
    /** The checksum database has a different hash: the go command would fail with a SECURITY ERROR. */
    MISMATCH,
    /** No checksum database applies to the module (GOSUMDB=off, GONOSUMDB or GOPRIVATE match). */
    SKIPPED
  }

  /**
   * The verdict on one go.sum line.
   *
   * @param path the module path
   * @param version the version as written in go.sum (may end in {@code /go.mod})
   * @param status the verdict
   * @param detail why, for MISMATCH and SKIPPED
   */
  public record Line(String path, String version, Status status, String detail) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%-9s%s %s%s", status, path, version,
          detail.isEmpty() ? "" : "  (" + detail + ")");
    }
  }

  /**
   * Checks every line of a go.sum against the checksum database the client uses for its module.
   *
   * @param client the client (its settings decide which database applies to each module)
   * @param goSum the parsed go.sum
   * @return one verdict per (module, version) line, in file order
   * @throws IOException if a database cannot be reached or its answer cannot be verified
   */
  public static List<Line> check(GoProxyClient client, GoSum goSum) throws IOException {
    List<Line> out = new ArrayList<>();
    for (String[] entry : goSum.entries()) {
      String path = entry[0];
      boolean goModLine = entry[1].endsWith("/go.mod");
      String version = goModLine ? entry[1].substring(0, entry[1].length() - "/go.mod".length()) : entry[1];
      Optional<ChecksumDatabase> db = client.checksumDatabase(ModulePath.parse(path));
      if (db.isEmpty()) {
        out.add(new Line(path, entry[1], Status.SKIPPED, "no checksum database for this module"));
        continue;
      }
      ModuleVersion mv = ModuleVersion.of(path, version);
      SumdbLookup record = db.get().lookup(mv);
      ModuleHash expected = goModLine ? record.goModHash() : record.zipHash();
      List<String> listed = goSum.hashes(path, entry[1]);
      if (listed.contains(expected.toString())) {
        out.add(new Line(path, entry[1], Status.OK, ""));
      } else {
        out.add(new Line(path, entry[1], Status.MISMATCH, "go.sum has " + String.join(", ", listed) + "; "
            + db.get().checksumDb().name() + " has " + expected));
      }
    }
    return out;
  }
}
