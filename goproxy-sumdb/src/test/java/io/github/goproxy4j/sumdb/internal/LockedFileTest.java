package io.github.goproxy4j.sumdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

// counts the JVM's in-process locks (LockedFile.jvmLockCount), which any other class locking a
// file through the channel mechanism (Windows) would change: alone (junit-platform.properties)
@Isolated
@SuppressWarnings("try")
class LockedFileTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();

  @TempDir Path tmp;

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  @Test
  void usesFlockOnLinuxAndMac() {
    assumeTrue(GoFlock.flockPlatform());
    assertEquals("flock", LockedFile.mechanism());
  }

  /** flock locks belong to an open file description: two threads of one JVM exclude each other. */
  @Test
  void twoThreadsExcludeEachOther() throws Exception {
    Path f = tmp.resolve("v1.0.0.lock");
    LockedFile first = LockedFile.mutex(f);
    Future<Long> second = POOL.submit(() -> {
      try (LockedFile l = LockedFile.mutex(f)) {
        return System.nanoTime();
      }
    });
    assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS));
    long released = System.nanoTime();
    first.close();
    assertTrue(second.get(10, TimeUnit.SECONDS) >= released);
  }

  /** Defect 6: the same file through a symbolic link is the same lock (it used to throw). */
  @Test
  void symlinkedPathIsTheSameLock() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    LockedFile first = LockedFile.mutex(real.resolve("m.lock"));
    Future<?> second = POOL.submit(() -> {
      try (LockedFile l = LockedFile.mutex(link.resolve("m.lock"))) {
        return null;
      }
    });
    assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS));
    first.close();
    second.get(10, TimeUnit.SECONDS);
  }

  @Test
  void sharedLocksCoexistAndExcludeWriters() throws Exception {
    Path f = tmp.resolve("latest");
    LockedFile.write(f, "x".getBytes(StandardCharsets.UTF_8));
    LockedFile r1 = LockedFile.openShared(f);
    LockedFile r2 = LockedFile.openShared(f);
    assertArrayEquals(r1.readAll(), r2.readAll());
    Future<?> writer = POOL.submit(() -> {
      LockedFile.write(f, "y".getBytes(StandardCharsets.UTF_8));
      return null;
    });
    assertThrows(TimeoutException.class, () -> writer.get(300, TimeUnit.MILLISECONDS));
    r1.close();
    assertThrows(TimeoutException.class, () -> writer.get(100, TimeUnit.MILLISECONDS));
    r2.close();
    writer.get(10, TimeUnit.SECONDS);
    assertEquals("y", Files.readString(f));
  }

  @Test
  void editCreatesAMissingFileWithTheModeOfAnyNewFile() throws Exception {
    Path f = tmp.resolve("list");
    try (LockedFile lf = LockedFile.edit(f)) {
      assertEquals(0, lf.size());
      lf.writeAt("v1.0.0\n".getBytes(StandardCharsets.UTF_8), 0);
    }
    assertEquals("v1.0.0\n", Files.readString(f));
    // go's OpenFile(O_CREATE, 0666) less the umask, as the JDK creates a file
    Path other = Files.createFile(tmp.resolve("other"));
    assertEquals(Files.getPosixFilePermissions(other), Files.getPosixFilePermissions(f));
  }

  @Test
  void editInAMissingDirectoryIsNoSuchFile() {
    Path f = tmp.resolve("absent").resolve("list");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> LockedFile.edit(f));
    assertEquals("open " + f + ": No such file or directory", e.getReason());
  }

  @Test
  void readOfMissingFileIsNoSuchFile() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> LockedFile.read(tmp.resolve("absent")));
    assertTrue(e.getMessage().contains("absent"), e.getMessage());
  }

  @Test
  void transformIsSerializedAndLosesNoUpdate() throws Exception {
    Path f = tmp.resolve("counter");
    int threads = 8;
    int each = 50;
    CountDownLatch start = new CountDownLatch(1);
    CompletableFuture<?>[] all = new CompletableFuture<?>[threads];
    for (int t = 0; t < threads; t++) {
      all[t] = CompletableFuture.runAsync(() -> {
        try {
          start.await();
          for (int i = 0; i < each; i++) {
            LockedFile.transform(f, old -> {
              long n = old.length == 0 ? 0 : Long.parseLong(new String(old, StandardCharsets.UTF_8));
              return Long.toString(n + 1).getBytes(StandardCharsets.UTF_8);
            });
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      }, POOL);
    }
    start.countDown();
    CompletableFuture.allOf(all).get(60, TimeUnit.SECONDS);
    assertEquals(Integer.toString(threads * each), Files.readString(f));
  }

  @Test
  void transformShrinksAndGrowsInPlaceKeepingTheMode() throws Exception {
    assumeTrue(GoFlock.flockPlatform());
    Path f = tmp.resolve("go.sum");
    Files.writeString(f, "a long first line\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
    Object inode = Files.getAttribute(f, "unix:ino");
    LockedFile.transform(f, old -> "short\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("short\n", Files.readString(f));
    LockedFile.transform(f, old -> (new String(old, StandardCharsets.UTF_8) + "and a much longer tail\n")
        .getBytes(StandardCharsets.UTF_8));
    assertEquals("short\nand a much longer tail\n", Files.readString(f));
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertEquals(inode, Files.getAttribute(f, "unix:ino"));
  }

  @Test
  void failedTransformLeavesTheFile() throws Exception {
    Path f = tmp.resolve("f");
    Files.writeString(f, "old");
    assertThrows(IOException.class, () -> LockedFile.transform(f, old -> {
      throw new IOException("no");
    }));
    assertEquals("old", Files.readString(f));
  }

  @Test
  void writeOnSharedLockIsRefused() throws Exception {
    Path f = tmp.resolve("f");
    Files.writeString(f, "old");
    try (LockedFile r = LockedFile.openShared(f)) {
      assertThrows(IOException.class, () -> r.writeAt(new byte[1], 0));
    }
  }

  @Test
  void closeTwiceIsHarmless() throws Exception {
    LockedFile l = LockedFile.mutex(tmp.resolve("l"));
    l.close();
    l.close();
    try (LockedFile again = LockedFile.mutex(tmp.resolve("l"))) {
      assertFalse(again.toString().contains("closed"));
    }
  }

  /** go's flock and ours exclude each other, both ways. */
  @Test
  void excludesTheGoCommandsFlock() throws Exception {
    assumeTrue(GoFlock.flockPlatform());
    GoTool.assumeGo();
    Path bin = GoFlock.binary();
    Path f = tmp.resolve("v1.0.0.lock");
    try (LockedFile mine = LockedFile.mutex(f)) {
      assertEquals("busy", GoFlock.probe(bin, f));
    }
    assertEquals("free", GoFlock.probe(bin, f));
    try (GoFlock.Holder go = GoFlock.hold(bin, f, null)) {
      go.assertBlocksUntilReleased(() -> {
        try (LockedFile l = LockedFile.mutex(f)) {
          return null;
        }
      });
    }
  }

  /** The descriptor is close-on-exec: a child process started while we hold it keeps no lock. */
  @Test
  void childProcessesDoNotInheritTheLock() throws Exception {
    assumeTrue(GoFlock.flockPlatform());
    GoTool.assumeGo();
    Path bin = GoFlock.binary();
    Path f = tmp.resolve("v1.0.0.lock");
    Process child;
    try (LockedFile mine = LockedFile.mutex(f)) {
      child = new ProcessBuilder("sleep", "30").start();
    }
    try {
      assertEquals("free", GoFlock.probe(bin, f));
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The FileChannel.lock mechanism (Windows) keys its in-JVM lock by real path and forgets it. */
  @Test
  void channelMechanismForgetsReleasedLocks() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    int before = LockedFile.jvmLockCount();
    AtomicInteger[] inside = new AtomicInteger[5];
    for (int i = 0; i < inside.length; i++) {
      inside[i] = new AtomicInteger();
    }
    CompletableFuture<?>[] all = new CompletableFuture<?>[4];
    for (int t = 0; t < all.length; t++) {
      Path dir = t % 2 == 0 ? real : link;
      all[t] = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 50; i++) {
          try (LockedFile l = LockedFile.openChannel(dir.resolve("v" + (i % 5) + ".lock"), true,
              true)) {
            if (inside[i % 5].incrementAndGet() != 1) {
              throw new AssertionError("two holders of one lock");
            }
            Thread.yield();
            inside[i % 5].decrementAndGet();
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        }
      }, POOL);
    }
    CompletableFuture.allOf(all).get(60, TimeUnit.SECONDS);
    assertEquals(before, LockedFile.jvmLockCount());
  }
}
