package io.github.goproxy4j.zip;

import io.github.goproxy4j.internal.GoText;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs x/mod (Debian's v0.7.0, built with the installed go) on batches of jobs: the oracle of the
 * differential tests. See {@code xmodoracle.go.txt} for the job and output formats.
 */
public final class XModOracle {
  private static Path work;
  private static Path binary;

  private XModOracle() {}

  /** One output field: a tag and a value decoded from Go's bytes as Go decodes strings. */
  public record Field(String tag, String value) {
    /** @return the value split at NUL bytes */
    public String[] parts() {
      return value.split("\u0000", -1);
    }
  }

  /** @return a scratch directory that lives as long as the JVM */
  public static synchronized Path work() {
    if (work == null) {
      try {
        work = Files.createTempDirectory("goproxy4j-xmod-oracle");
        Path w = work;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ModuleZip.deleteTree(w)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return work;
  }

  private static synchronized Path binary() {
    if (binary == null) {
      try (InputStream in = XModOracle.class.getResourceAsStream("xmodoracle.go.txt")) {
        String src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        binary = GoTool.buildXModProgram(src, work().resolve("build"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return binary;
  }

  /**
   * Runs the jobs (one tab-separated line each) and returns each job's fields.
   *
   * @param jobs the job lines
   * @return one list of fields per job
   */
  public static List<List<Field>> run(List<String> jobs) {
    try {
      Path jobFile = Files.createTempFile(work(), "jobs", ".txt");
      Files.writeString(jobFile, String.join("\n", jobs) + "\n", StandardCharsets.UTF_8);
      Path outFile = Files.createTempFile(work(), "out", ".bin");
      GoTool.Result r = GoTool.exec(work(), GoTool.hermeticEnv(work()), 600, null, "/bin/sh", "-c",
          "\"$0\" \"$1\" > \"$2\"", binary().toString(), jobFile.toString(), outFile.toString());
      r.requireOk();
      return parse(Files.readAllBytes(outFile), jobs.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses the oracles' output format ({@code == <i>} per job, then {@code <tag> <len>} and the
   * value's bytes per field, {@code == end}).
   *
   * @param b the output
   * @param n the number of jobs
   * @return one list of fields per job
   */
  public static List<List<Field>> parse(byte[] b, int n) {
    List<List<Field>> all = new ArrayList<>();
    int i = 0;
    List<Field> cur = null;
    while (i < b.length) {
      int nl = i;
      while (b[nl] != '\n') {
        nl++;
      }
      String head = new String(b, i, nl - i, StandardCharsets.ISO_8859_1);
      i = nl + 1;
      if (head.startsWith("== ")) {
        if (cur != null) {
          all.add(cur);
        }
        if (head.equals("== end")) {
          break;
        }
        cur = new ArrayList<>();
        continue;
      }
      int sp = head.indexOf(' ');
      int len = Integer.parseInt(head.substring(sp + 1));
      cur.add(new Field(head.substring(0, sp), decode(b, i, i + len)));
      i += len + 1;
    }
    if (all.size() != n) {
      throw new AssertionError("oracle returned " + all.size() + " results for " + n + " jobs");
    }
    return all;
  }

  /** Decodes bytes as Go converts a string to runes: each invalid byte becomes U+FFFD. */
  public static String decode(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      long d = GoText.decodeRune(b, i, to);
      sb.appendCodePoint((int) (d >>> 3));
      i += (int) (d & 7);
    }
    return sb.toString();
  }
}
