package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoOsTest {
  @TempDir Path tmp;

  @Test
  void mkdirAllCreatesEveryMissingLevelWithTheModeOfAnyNewDirectory() throws Exception {
    Path d = tmp.resolve("cache/download/example.com/m/@v");
    GoOs.mkdirAll(d);
    assertTrue(Files.isDirectory(d));
    Path other = Files.createDirectory(tmp.resolve("other"));
    assertEquals(Files.getPosixFilePermissions(other), Files.getPosixFilePermissions(d));
    assertEquals(Files.getPosixFilePermissions(other), Files.getPosixFilePermissions(tmp.resolve("cache")));
  }

  @Test
  void mkdirAllOfAnExistingDirectoryDoesNothing() throws Exception {
    Path d = Files.createDirectories(tmp.resolve("a/b"));
    Files.writeString(d.resolve("f"), "x");
    GoOs.mkdirAll(d);
    assertEquals("x", Files.readString(d.resolve("f")));
  }

  @Test
  void mkdirAllWithAFileInTheWayFails() throws Exception {
    // os.MkdirAll's error names the path that exists and is not a directory (go1.27 prints
    // "mkdir /tmp/x/a: not a directory" for both)
    Path f = Files.writeString(tmp.resolve("a"), "x");
    assertEquals("mkdir " + f + ": not a directory",
        assertThrows(GoPathError.class, () -> GoOs.mkdirAll(f)).getMessage());
    assertEquals("mkdir " + f + ": not a directory",
        assertThrows(GoPathError.class, () -> GoOs.mkdirAll(f.resolve("b"))).getMessage());
  }
}
