package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-or-nothing writes on a real file system. */
class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesTheContentAndLeavesNoTemporaryFile() throws IOException {
    Path f = dir.resolve("v1.0.0.info");
    AtomicFiles.write(f, "{\"Version\":\"v1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals("{\"Version\":\"v1.0.0\"}", Files.readString(f));
    AtomicFiles.write(f, "x".getBytes(StandardCharsets.UTF_8));
    assertEquals("x", Files.readString(f));
    assertEquals(List.of("v1.0.0.info"), names());
  }

  @Test
  void theTemporaryFileIsNewBesideTheTargetAndPrivate() throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path f = dir.resolve("go.sum");
    List<String> during = new ArrayList<>();
    AtomicFiles.write(f, out -> {
      out.write('a');
      during.addAll(names());
      if (posix) {
        Path tmp = dir.resolve(during.get(0));
        during.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)));
      }
    });
    assertTrue(during.get(0).matches("go\\.sum\\.[0-9]+\\.tmp"), during.toString());
    if (posix) {
      assertEquals("rw-------", during.get(1));
    }
    assertEquals(List.of("go.sum"), names());
  }

  @Test
  void readableByAllGivesRwRR() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path f = dir.resolve("list");
    AtomicFiles.write(f, new byte[] {'v'}, AtomicFiles.Option.READABLE_BY_ALL);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path f = dir.resolve("v1.0.0.mod");
    Files.writeString(f, "old");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(f));
    assertEquals(List.of("v1.0.0.mod"), names());
  }

  /** Concurrent writers of one file: every write lands whole, each on a temporary file of its own. */
  @Test
  void concurrentWritersEachLandWhole() throws Exception {
    Path f = dir.resolve("latest");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        byte[] data = new byte[100_000];
        java.util.Arrays.fill(data, (byte) ('a' + t));
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            AtomicFiles.write(f, data);
          }
          return null;
        }));
      }
      for (Future<?> x : fs) {
        x.get();
      }
    } finally {
      pool.shutdown();
    }
    byte[] got = Files.readAllBytes(f);
    byte[] want = new byte[100_000];
    java.util.Arrays.fill(want, got[0]);
    assertArrayEquals(want, got);
    assertEquals(List.of("latest"), names());
  }
}
