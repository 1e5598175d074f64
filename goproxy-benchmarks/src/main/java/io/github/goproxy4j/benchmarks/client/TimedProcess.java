package io.github.goproxy4j.benchmarks.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One side of a side-by-side benchmark run as its own process under {@code /usr/bin/time}: its
 * wall time and peak RSS, with stdout and stderr kept in {@code <side>-stdout.txt} and
 * {@code <side>-stderr.txt} under the work directory. A non-zero exit fails the benchmark.
 *
 * @param wallSeconds elapsed wall time
 * @param peakRssKb maximum resident set size
 * @param cpuSeconds user plus system CPU time of the process and its children (on a shared
 *     machine a fairer yardstick than the wall time)
 * @param userSeconds the user part of {@code cpuSeconds} (the system part also follows the file
 *     system's state: see DEVELOPING.md)
 * @param stdout the file holding the process's standard output
 */
record TimedProcess(double wallSeconds, long peakRssKb, double cpuSeconds, double userSeconds, Path stdout) {

  /**
   * Runs {@code cmd} in {@code cwd} with exactly {@code env}.
   *
   * @param cmd the command
   * @param env its whole environment
   * @param cwd its working directory
   * @param work where the time, stdout and stderr files go
   * @param side the name of the side, for those files and errors
   * @return the measurement
   * @throws Exception when the process cannot start or fails
   */
  static TimedProcess run(List<String> cmd, Map<String, String> env, Path cwd, Path work, String side)
      throws Exception {
    Path timeOut = work.resolve(side + "-time.txt");
    Path stdout = work.resolve(side + "-stdout.txt");
    Path stderr = work.resolve(side + "-stderr.txt");
    List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-o", timeOut.toString(), "-f", "%e %M %U %S"));
    full.addAll(cmd);
    ProcessBuilder pb = new ProcessBuilder(full).directory(cwd.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    int rc = pb.start().waitFor();
    if (rc != 0) {
      throw new IllegalStateException(side + " failed (" + rc + "): " + Files.readString(stderr));
    }
    // the last line: "time" may put "Command exited with non-zero status" before it
    String[] t = Files.readString(timeOut).trim().split("\\s+");
    int n = t.length;
    return new TimedProcess(Double.parseDouble(t[n - 4]), Long.parseLong(t[n - 3]),
        Double.parseDouble(t[n - 2]) + Double.parseDouble(t[n - 1]), Double.parseDouble(t[n - 2]), stdout);
  }
}
