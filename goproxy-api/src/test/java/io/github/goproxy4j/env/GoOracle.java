package io.github.goproxy4j.env;

import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Asks real Go (x/mod v0.7.0 and go1.19's net/url, compiled once per JVM) for the answers our
 * Java ports must give: MatchPrefixPatterns, note.NewVerifier, url.Parse. Inputs travel
 * hex-encoded so any bytes survive; answers come back one line per query.
 */
public final class GoOracle {
  private static final String PROGRAM = String.join("\n",
      "package main",
      "",
      "import (",
      "\t\"bufio\"",
      "\t\"encoding/hex\"",
      "\t\"fmt\"",
      "\t\"net/url\"",
      "\t\"os\"",
      "\t\"strings\"",
      "",
      "\t\"golang.org/x/mod/module\"",
      "\t\"golang.org/x/mod/sumdb/note\"",
      ")",
      "",
      "func dec(s string) string {",
      "\tb, err := hex.DecodeString(s)",
      "\tif err != nil {",
      "\t\tpanic(err)",
      "\t}",
      "\treturn string(b)",
      "}",
      "",
      "func main() {",
      "\tin := bufio.NewScanner(os.Stdin)",
      "\tin.Buffer(make([]byte, 1<<20), 1<<24)",
      "\tout := bufio.NewWriter(os.Stdout)",
      "\tdefer out.Flush()",
      "\tfor in.Scan() {",
      "\t\tf := strings.Split(in.Text(), \" \")",
      "\t\tswitch f[0] {",
      "\t\tcase \"match\":",
      "\t\t\tfmt.Fprintln(out, module.MatchPrefixPatterns(dec(f[1]), dec(f[2])))",
      "\t\tcase \"vkey\":",
      "\t\t\tv, err := note.NewVerifier(dec(f[1]))",
      "\t\t\tif err != nil {",
      "\t\t\t\tfmt.Fprintf(out, \"err %s\\n\", err)",
      "\t\t\t} else {",
      "\t\t\t\tfmt.Fprintf(out, \"ok %x %08x\\n\", v.Name(), v.KeyHash())",
      "\t\t\t}",
      "\t\tcase \"url\", \"requesturl\":",
      "\t\t\tparse := url.Parse",
      "\t\t\tif f[0] == \"requesturl\" {",
      "\t\t\t\tparse = url.ParseRequestURI",
      "\t\t\t}",
      "\t\t\tu, err := parse(dec(f[1]))",
      "\t\t\tif err != nil {",
      "\t\t\t\tfmt.Fprintf(out, \"err %x\\n\", err.Error())",
      "\t\t\t} else {",
      "\t\t\t\tfmt.Fprintf(out, \"ok %x %x %x %t\\n\", u.Scheme, u.Redacted(), u.Host, u.User != nil)",
      "\t\t\t}",
      "\t\t}",
      "\t}",
      "}",
      "");

  private static Path binary;

  private GoOracle() {}

  /** Skips the calling test unless go and x/mod are installed; builds the program once. */
  public static synchronized Path binary() {
    GoTool.assumeXMod();
    if (binary == null) {
      try {
        Path work = Files.createTempDirectory("goproxy4j-oracle");
        // built once per test JVM and used until it exits: removed then, not left in /tmp
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            io.github.goproxy4j.internal.GoOs.removeAll(work);
          } catch (IOException e) {
            // best effort at exit
          }
        }));
        binary = GoTool.buildXModProgram(PROGRAM, work);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return binary;
  }

  /** Runs queries ({@code op arg...}, args as raw strings) and returns one answer line each. */
  public static List<String> ask(List<List<String>> queries) {
    Path bin = binary();
    StringBuilder in = new StringBuilder();
    for (List<String> q : queries) {
      in.append(q.get(0));
      for (String arg : q.subList(1, q.size())) {
        in.append(' ').append(HexFormat.of().formatHex(arg.getBytes(StandardCharsets.UTF_8)));
      }
      in.append('\n');
    }
    Path dir = bin.getParent();
    GoTool.Result r = GoTool.exec(dir, GoTool.hermeticEnv(dir), 120,
        in.toString().getBytes(StandardCharsets.UTF_8), bin.toString()).requireOk();
    List<String> out = new ArrayList<>(List.of(r.stdout().split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    if (out.size() != queries.size()) {
      throw new AssertionError("oracle answered " + out.size() + " of " + queries.size()
          + " queries; stderr:\n" + r.stderr());
    }
    return out;
  }

  /** Decodes a hex field of an answer. */
  public static String hex(String field) {
    return new String(HexFormat.of().parseHex(field), StandardCharsets.UTF_8);
  }
}
