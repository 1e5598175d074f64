package io.github.goproxy4j.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.function.Executable;

/**
 * A small Go program, built by the test with the installed go, that takes the same
 * {@code flock(2)} lock the go command takes on its cache files (cmd/go/internal/lockedfile uses
 * {@code syscall.Flock} with {@code LOCK_EX}/{@code LOCK_SH}): it can hold a lock while the test
 * watches what Java does, write a file in place while holding it (as {@code lockedfile.Edit}
 * users do), or probe whether a lock is free.
 *
 * <pre>{@code
 * Path bin = GoFlock.binary();
 * try (GoFlock.Holder go = GoFlock.hold(bin, lockFile, null)) {
 *   go.assertBlocksUntilReleased(() -> cache.lock(m)); // Java waits while go holds the lock
 * }
 * assertEquals("free", GoFlock.probe(bin, lockFile));
 * }</pre>
 */
public final class GoFlock {
  private GoFlock() {}

  private static final String SOURCE = String.join("\n",
      "package main",
      "",
      "import (",
      "\t\"bufio\"",
      "\t\"crypto/sha256\"",
      "\t\"fmt\"",
      "\t\"io\"",
      "\t\"os\"",
      "\t\"strconv\"",
      "\t\"syscall\"",
      "\t\"time\"",
      ")",
      "",
      "// flock hold FILE [CONTENT]: lock FILE exclusively, print \"locked\", wait for a line on",
      "// stdin, write CONTENT's bytes over FILE in place if given, print \"done\", unlock.",
      "// flock try FILE: print \"free\" or \"busy\" (a non-blocking exclusive lock).",
      "// flock readloop FILE MILLIS: for MILLIS ms read FILE as lockedfile.Read does (open, shared",
      "// lock, read to EOF, close), printing each read's SHA-256 in hex, one a line.",
      "func main() {",
      "\tf, err := os.OpenFile(os.Args[2], os.O_RDWR|os.O_CREATE, 0o666)",
      "\tif err != nil {",
      "\t\tfmt.Fprintln(os.Stderr, err)",
      "\t\tos.Exit(2)",
      "\t}",
      "\tfd := int(f.Fd())",
      "\tswitch os.Args[1] {",
      "\tcase \"readloop\":",
      "\t\tms, _ := strconv.Atoi(os.Args[3])",
      "\t\tout := bufio.NewWriter(os.Stdout)",
      "\t\tfor end := time.Now().Add(time.Duration(ms) * time.Millisecond); time.Now().Before(end); {",
      "\t\t\tr, err := os.Open(os.Args[2])",
      "\t\t\tif err == nil {",
      "\t\t\t\terr = syscall.Flock(int(r.Fd()), syscall.LOCK_SH)",
      "\t\t\t}",
      "\t\t\tvar data []byte",
      "\t\t\tif err == nil {",
      "\t\t\t\tdata, err = io.ReadAll(r)",
      "\t\t\t\tr.Close()",
      "\t\t\t}",
      "\t\t\tif err != nil {",
      "\t\t\t\tfmt.Fprintln(os.Stderr, err)",
      "\t\t\t\tos.Exit(2)",
      "\t\t\t}",
      "\t\t\tfmt.Fprintf(out, \"%x\\n\", sha256.Sum256(data))",
      "\t\t}",
      "\t\tout.Flush()",
      "\tcase \"try\":",
      "\t\tif err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB); err != nil {",
      "\t\t\tfmt.Println(\"busy\")",
      "\t\t\treturn",
      "\t\t}",
      "\t\tfmt.Println(\"free\")",
      "\tcase \"hold\":",
      "\t\tif err := syscall.Flock(fd, syscall.LOCK_EX); err != nil {",
      "\t\t\tfmt.Fprintln(os.Stderr, err)",
      "\t\t\tos.Exit(2)",
      "\t\t}",
      "\t\tfmt.Println(\"locked\")",
      "\t\tbufio.NewReader(os.Stdin).ReadString('\\n')",
      "\t\tif len(os.Args) > 3 {",
      "\t\t\tdata, err := os.ReadFile(os.Args[3])",
      "\t\t\tif err == nil {",
      "\t\t\t\terr = f.Truncate(0)",
      "\t\t\t}",
      "\t\t\tif err == nil {",
      "\t\t\t\t_, err = f.WriteAt(data, 0)",
      "\t\t\t}",
      "\t\t\tif err != nil {",
      "\t\t\t\tfmt.Fprintln(os.Stderr, err)",
      "\t\t\t\tos.Exit(2)",
      "\t\t\t}",
      "\t\t}",
      "\t\tfmt.Println(\"done\")",
      "\t\tsyscall.Flock(fd, syscall.LOCK_UN)",
      "\t}",
      "}",
      "");

  private static Path built;

  /**
   * Whether go locks its files with {@code flock(2)} here (Linux and macOS; go's lockedfile uses
   * {@code LockFileEx} on Windows), so the program's locks and ours can be compared.
   *
   * @return true on Linux and macOS
   */
  public static boolean flockPlatform() {
    String os = System.getProperty("os.name");
    return os.startsWith("Linux") || os.startsWith("Mac");
  }

  /**
   * Returns the program, built once per JVM into a temporary directory removed at exit (skip the
   * test first with {@link GoTool#assumeGo()}).
   *
   * @return the executable
   */
  public static synchronized Path binary() {
    if (built == null) {
      try {
        Path work = Files.createTempDirectory("goflock");
        built = build(work);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(work)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return built;
  }

  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        p.toFile().setWritable(true);
        p.toFile().delete();
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit
    }
  }

  /**
   * Builds the program into a directory (skip the test first with {@link GoTool#assumeGo()}).
   *
   * @param work a scratch directory
   * @return the executable
   */
  public static Path build(Path work) {
    try {
      Path src = work.resolve("goflock-src");
      Files.createDirectories(src);
      Files.writeString(src.resolve("main.go"), SOURCE, StandardCharsets.UTF_8);
      Files.writeString(src.resolve("go.mod"), "module goflock\n\ngo 1.19\n", StandardCharsets.UTF_8);
      Path bin = work.resolve("goflock");
      GoTool.run(src, GoTool.hermeticEnv(work.resolve("goflock-env")), 300, "build", "-o",
          bin.toString(), ".").requireOk();
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Tries to take the lock without waiting.
   *
   * @param bin the program from {@link #build}
   * @param file the lock file
   * @return {@code "free"} or {@code "busy"}
   */
  public static String probe(Path bin, Path file) {
    GoTool.Result r = GoTool.exec(file.getParent(), System.getenv(), 60, null, bin.toString(),
        "try", file.toString());
    r.requireOk();
    return r.stdout().strip();
  }

  /** Linux's table of the file locks held and waited for. */
  private static final Path PROC_LOCKS = Path.of("/proc/locks");

  /**
   * Whether {@link #awaitWaiter} can see who waits for a lock here (Linux's {@code /proc/locks}).
   *
   * @return true where {@code /proc/locks} is readable
   */
  public static boolean canSeeWaiters() {
    return Files.isReadable(PROC_LOCKS);
  }

  /**
   * Waits until some process (this JVM included) waits for a {@code flock(2)} lock on
   * {@code file}: Linux lists a blocked request in {@code /proc/locks} as {@code ->} followed by
   * the lock's kind, pid and {@code major:minor:inode} of the file. So a test can hold a lock
   * (with {@link #hold}) and know, without sleeping on a guess, that the go command or the client
   * has reached the point where it takes that lock.
   *
   * @param file the locked file
   * @param timeout how long to wait
   * @param ended whether the process or task expected to wait has ended (it then never will)
   * @throws AssertionError if nobody waits for it within {@code timeout}, or {@code ended} says so first
   */
  public static void awaitWaiter(Path file, Duration timeout, BooleanSupplier ended) {
    long inode;
    try {
      inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long until = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        for (String line : Files.readAllLines(PROC_LOCKS)) {
          String[] f = line.trim().split("\\s+");
          // "N: -> FLOCK ADVISORY WRITE pid maj:min:ino start end"
          if (f.length > 6 && f[1].equals("->") && f[2].equals("FLOCK")) {
            String[] dev = f[6].split(":");
            if (dev.length == 3 && Long.parseLong(dev[2]) == inode) {
              return;
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (ended.getAsBoolean()) {
        throw new AssertionError("ended without waiting for the lock on " + file);
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("nobody waited for the lock on " + file + " within " + timeout);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /**
   * Starts a process that reads {@code file} over and over for {@code millis} ms as go's
   * {@code lockedfile.Read} does (open, shared {@code flock(2)}, read to the end, close); its
   * standard output is the hex SHA-256 of each read, one a line (see {@link #sha256Hex}), so a test
   * can check that every read saw a whole file.
   *
   * @param bin the program from {@link #build}
   * @param file the file to read (it must exist)
   * @param millis how long to go on reading
   * @return the running process
   */
  public static Process readLoop(Path bin, Path file, long millis) {
    try {
      return new ProcessBuilder(bin.toString(), "readloop", file.toString(), Long.toString(millis))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The hex SHA-256 of some bytes, as {@link #readLoop} prints it.
   *
   * @param data the bytes
   * @return 64 lower-case hex digits
   */
  public static String sha256Hex(byte[] data) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts a process that locks {@code file} and holds the lock until {@link Holder#release()}.
   *
   * @param bin the program from {@link #build}
   * @param file the file to lock (created if missing)
   * @param content if not null, a file whose bytes are written over {@code file}, in place,
   *     after release is asked for and before the lock is dropped
   * @return the running holder
   */
  public static Holder hold(Path bin, Path file, Path content) {
    List<String> cmd = new ArrayList<>(List.of(bin.toString(), "hold", file.toString()));
    if (content != null) {
      cmd.add(content.toString());
    }
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      return new Holder(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A running lock holder; closing it releases the lock and ends the process. */
  public static final class Holder implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final OutputStream in;

    private Holder(Process process) {
      this.process = process;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      this.in = process.getOutputStream();
    }

    /** Blocks until the process holds the lock. */
    public void awaitLocked() {
      expect("locked");
    }

    /**
     * Waits until go holds the lock, runs {@code action} on another thread, requires it to be
     * still waiting after 700 ms, releases the lock and requires the action to finish within 30
     * seconds.
     *
     * @param action something that must wait while go holds the lock
     * @param <T> the action's result
     * @return the action's result
     * @throws Exception the action's failure
     */
    public <T> T assertBlocksUntilReleased(Callable<T> action) throws Exception {
      return assertBlocksUntilReleased(action, () -> { });
    }

    /**
     * {@link #assertBlocksUntilReleased(Callable)}, also running {@code whileBlocked} (checks of
     * what must not have happened yet) after the 700 ms and before the lock is released.
     *
     * @param action something that must wait while go holds the lock
     * @param whileBlocked assertions made while the action waits
     * @param <T> the action's result
     * @return the action's result
     * @throws Exception the action's failure
     */
    public <T> T assertBlocksUntilReleased(Callable<T> action, Executable whileBlocked) throws Exception {
      awaitLocked();
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<T> java = pool.submit(action);
        try {
          java.get(700, TimeUnit.MILLISECONDS);
          throw new AssertionError("the action finished while go held the lock");
        } catch (TimeoutException expected) {
          // still waiting for go's lock, as it should
        }
        try {
          whileBlocked.execute();
        } catch (Exception | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new AssertionError(t);
        }
        release();
        try {
          return java.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Exception) {
            throw (Exception) e.getCause();
          }
          throw e;
        }
      } finally {
        pool.shutdownNow();
      }
    }

    /** Asks the process to (write and) release the lock, and waits until it has. */
    public void release() {
      try {
        in.write('\n');
        in.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      expect("done");
      waitFor();
    }

    private void expect(String line) {
      try {
        String got = out.readLine();
        if (!line.equals(got)) {
          throw new AssertionError("goflock printed " + got + ", want " + line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void waitFor() {
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          throw new AssertionError("goflock did not exit");
        }
        if (process.exitValue() != 0) {
          throw new AssertionError("goflock exited " + process.exitValue());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
      try {
        process.waitFor(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
