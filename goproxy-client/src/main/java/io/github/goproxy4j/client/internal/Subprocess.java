package io.github.goproxy4j.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs GOAUTH's processes (a credential command, {@code git credential}) the way the go command's
 * auth package does: arguments, working directory, environment and standard input given, both
 * outputs read whole. Internal to goproxy4j.
 */
final class AuthProcess {
  /** How long a process may run. */
  static final long TIMEOUT_SECONDS = 120;
  /** How much of each output is read before the process is stopped. */
  static final int MAX_OUTPUT = 1 << 20;

  private AuthProcess() {}

  /** A finished process: exit status, standard output, standard error (empty unless kept). */
  record Result(int exit, byte[] stdout, String stderr) {}

  private static final java.util.concurrent.atomic.AtomicInteger THREADS =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * The one runner of GOAUTH's processes (commands and git): stdin written and stdout and stderr
   * read on threads of its own (never a pool's), each output bounded to 1 MiB, the process
   * stopped after two minutes or when the calling thread is interrupted.
   *
   * @param argv the program and its arguments
   * @param dir the working directory, or null for this process's
   * @param extraEnv variables set on top of this process's environment
   * @param stdin the input, or null for none
   * @param keepStderr whether to keep standard error (else it is read and dropped)
   * @return the exit status and outputs
   * @throws IOException if the process cannot start, times out or writes over 1 MiB
   */
  static Result run(List<String> argv, Path dir, Map<String, String> extraEnv, byte[] stdin,
      boolean keepStderr) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    java.util.concurrent.CompletableFuture<byte[]> out = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<byte[]> err = new java.util.concurrent.CompletableFuture<>();
    ownThread(() -> {
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      } catch (IOException e) {
        // the process need not read its input
      }
    });
    ownThread(() -> readBounded(p, p.getInputStream(), out));
    ownThread(() -> readBounded(p, p.getErrorStream(), err));
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out");
      }
      byte[] o = out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      byte[] e = err.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (o == null || e == null) {
        throw new IOException("output over 1 MiB");
      }
      return new Result(p.exitValue(), o,
          keepStderr ? new String(e, StandardCharsets.UTF_8) : "");
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted running " + argv.get(0));
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      p.destroyForcibly();
      throw new IOException("reading its output failed", e);
    }
  }

  static void ownThread(Runnable r) {
    Thread t = new Thread(r, "goproxy4j-goauth-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    t.start();
  }

  /** Reads a stream whole; completes with null (and stops the process) past 1 MiB. */
  private static void readBounded(Process p, InputStream s,
      java.util.concurrent.CompletableFuture<byte[]> result) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (s) {
      byte[] b = new byte[8192];
      int n;
      while ((n = s.read(b)) > 0) {
        if (buf.size() + n > MAX_OUTPUT) {
          p.destroyForcibly();
          result.complete(null);
          return;
        }
        buf.write(b, 0, n);
      }
      result.complete(buf.toByteArray());
    } catch (IOException e) {
      result.completeExceptionally(e);
    }
  }
}
