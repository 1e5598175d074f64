package io.github.goproxy4j.modfile;

import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.zip.XModOracle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs x/mod's {@code modfile.Parse} / {@code ParseWork} (see {@code strictoracle.go.txt}) in one
 * process per batch: against Debian's x/mod v0.7.0 (built with go1.19) or against x/mod v0.42
 * (built with the newest installed go), whose modfile rules are those vendored in go1.27.
 */
final class StrictOracle {
  static final Path NEWEST_GOCODE = Paths.get("/opt/x-mod-newest/usr/share/gocode");
  static final Path NEWEST_GO = Paths.get("/usr/lib/go-1.27/bin/go");

  private StrictOracle() {}

  static boolean hasNewest() {
    return Files.isDirectory(NEWEST_GOCODE.resolve("src/golang.org/x/mod/modfile")) && Files.isExecutable(NEWEST_GO);
  }

  /** Builds the oracle; {@code newest} selects x/mod v0.42 and go1.27, else v0.7.0 and go1.19. */
  static Path build(boolean newest) {
    try (InputStream in = StrictOracle.class.getResourceAsStream("strictoracle.go.txt")) {
      String src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!newest) {
        src = src.replaceAll("(?s)// NEWEST-BEGIN.*?// NEWEST-END", "");
      }
      Path work = Files.createTempDirectory(XModOracle.work(), newest ? "strict-newest" : "strict-old");
      Path dir = work.resolve("gopath/src/strictoracle");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("main.go"), src, StandardCharsets.UTF_8);
      Path bin = work.resolve("strictoracle");
      Map<String, String> env = GoTool.hermeticEnv(work);
      env.put("GO111MODULE", "off");
      Path gocode = newest ? NEWEST_GOCODE : GoTool.DEBIAN_GOCODE;
      env.put("GOPATH", work.resolve("gopath") + java.io.File.pathSeparator + gocode);
      String go = newest ? NEWEST_GO.toString() : GoTool.goBinary().orElseThrow().toString();
      GoTool.exec(dir, env, 300, null, go, "build", "-o", bin.toString(), ".").requireOk();
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the oracle on each input ({@code kind} "mod" or "work") and returns its output lines
   * ({@code tag value}) per input.
   */
  static List<List<String>> run(Path bin, String kind, List<byte[]> inputs) {
    try {
      Path dir = Files.createTempDirectory(XModOracle.work(), "in");
      StringBuilder jobs = new StringBuilder();
      for (int i = 0; i < inputs.size(); i++) {
        Path p = dir.resolve("f" + i);
        Files.write(p, inputs.get(i));
        jobs.append(kind).append('\t').append(p).append('\n');
      }
      Path outFile = dir.resolve("out");
      Path jobFile = dir.resolve("jobs");
      Files.writeString(jobFile, jobs, StandardCharsets.UTF_8);
      GoTool.exec(dir, GoTool.hermeticEnv(dir), 300, null, "/bin/sh", "-c", "\"$0\" < \"$1\" > \"$2\"",
          bin.toString(), jobFile.toString(), outFile.toString()).requireOk();
      return parse(Files.readAllBytes(outFile), inputs.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<List<String>> parse(byte[] b, int n) {
    List<List<String>> all = new ArrayList<>();
    for (List<XModOracle.Field> fields : XModOracle.parse(b, n)) {
      List<String> lines = new ArrayList<>();
      fields.forEach(f -> lines.add(f.tag() + " " + f.value()));
      all.add(lines);
    }
    return all;
  }
}
