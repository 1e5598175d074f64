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
 * Runs a process the way the client's callers of other programs need it (a GOAUTH command,
 * {@code git credential}, the go command for direct fetches): arguments, working directory,
 * environment and standard input given; standard input written and both outputs read whole, each
 * on a thread of its own (never a pool's: a caller's tasks may hold all of the common pool's
 * workers while the process blocks on a full pipe); bounded in time and output. Internal to
 * goproxy4j.
 */
public final class Subprocess {
  /** No bound on an output. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  private Subprocess() {}

  /**
   * A finished process.
   *
   * @param exit its exit status
   * @param stdout its standard output
   * @param stderr its standard error
   */
  public record Result(int exit, byte[] stdout, byte[] stderr) {
    /** {@return standard output as UTF-8 text} */
    public String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** {@return standard error as UTF-8 text} */
    public String stderrText() {
      return new String(stderr, StandardCharsets.UTF_8);
    }
  }

  /** The process ran longer than its bound and was stopped; the message is {@code timed out}. */
  public static final class TimedOut extends IOException {
    private static final long serialVersionUID = 1L;

    TimedOut() {
      super("timed out");
    }
  }

  private static final java.util.concurrent.atomic.AtomicInteger THREADS =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Runs a process to its end.
   *
   * @param argv the program and its arguments
   * @param dir the working directory, or null for this process's
   * @param env variables for the process
   * @param onlyEnv whether {@code env} is its whole environment (else it is set on top of this
   *     process's)
   * @param stdin the input, or null for none
   * @param timeoutSeconds how long it may run
   * @param maxOutput how many bytes of each output are read before it is stopped, or
   *     {@link #UNBOUNDED}
   * @return the exit status and outputs
   * @throws TimedOut if it ran longer than {@code timeoutSeconds} (it is stopped)
   * @throws java.io.InterruptedIOException if the calling thread is interrupted (it is stopped)
   * @throws IOException if it cannot start, writes more than {@code maxOutput} or its output
   *     cannot be read
   */
  public static Result run(List<String> argv, Path dir, Map<String, String> env, boolean onlyEnv,
      byte[] stdin, long timeoutSeconds, int maxOutput) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    if (onlyEnv) {
      pb.environment().clear();
    }
    pb.environment().putAll(env);
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
    ownThread(() -> readBounded(p, p.getInputStream(), maxOutput, out));
    ownThread(() -> readBounded(p, p.getErrorStream(), maxOutput, err));
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new TimedOut();
      }
      // Both outputs are awaited before either verdict: one over the bound stops the process,
      // and the other stream's reader may then fail on the closed pipe; the bound is the cause.
      byte[][] got = new byte[2][];
      Exception failure = null;
      boolean over = false;
      for (int i = 0; i < 2; i++) {
        try {
          got[i] = (i == 0 ? out : err).get(timeoutSeconds, TimeUnit.SECONDS);
          over |= got[i] == null;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          failure = e;
        }
      }
      if (over) {
        throw new IOException("output over " + (maxOutput % (1 << 20) == 0 ? (maxOutput >> 20) + " MiB"
            : maxOutput + " bytes"));
      }
      if (failure != null) {
        p.destroyForcibly();
        throw new IOException("reading its output failed", failure);
      }
      return new Result(p.exitValue(), got[0], got[1]);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted running " + argv.get(0));
    }
  }

  /**
   * Runs {@code r} on a new daemon thread.
   *
   * @param r the task
   */
  static void ownThread(Runnable r) {
    Thread t = new Thread(r, "goproxy4j-subprocess-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    t.start();
  }

  /** Reads a stream whole; completes with null (and stops the process) past {@code max} bytes. */
  private static void readBounded(Process p, InputStream s, int max,
      java.util.concurrent.CompletableFuture<byte[]> result) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (s) {
      byte[] b = new byte[8192];
      int n;
      while ((n = s.read(b)) > 0) {
        if ((long) buf.size() + n > max) {
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
