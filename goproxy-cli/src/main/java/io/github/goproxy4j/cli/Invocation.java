package io.github.goproxy4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command runs with: its arguments, output streams, environment and terminal state.
 *
 * @param args the parsed arguments
 * @param out standard output
 * @param err standard error
 * @param environment the process environment the command reads Go's settings from
 * @param terminal whether standard output is an interactive terminal (progress bars)
 * @param workDir the directory the command runs in, as go's {@code os.Getwd} gives it: PWD (else
 *     the JVM's {@code user.dir}), or the directory go's {@code -C} changed to ({@link ChdirFlag})
 */
record Invocation(Args args, PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal,
    Path workDir) {
  boolean json() {
    return args.flag("json");
  }
}
