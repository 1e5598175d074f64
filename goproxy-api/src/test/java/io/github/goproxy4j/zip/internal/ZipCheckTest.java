package io.github.goproxy4j.zip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.goproxy4j.internal.UnicodeTables;
import org.junit.jupiter.api.Test;

/**
 * x/mod's collisionChecker as {@link ZipCheck.Collisions} runs it: x/mod checks every parent of
 * every path again, so a parent that failed once fails again for each later path under it,
 * while a parent that passed keeps passing. (The differential tests against x/mod cover random
 * zips; this pins the cases a shortcut over passed parents must keep.)
 */
class ZipCheckTest {

  @Test
  void aParentThatFailedFailsAgainForEveryPathUnderIt() {
    ZipCheck.Collisions c = new ZipCheck.Collisions(UnicodeTables.newest());
    assertNull(c.check("a/b/c.go", false));
    assertEquals("case-insensitive file name collision: \"a\" and \"A\"", c.check("A/d.go", false));
    assertEquals("case-insensitive file name collision: \"a\" and \"A\"", c.check("A/e.go", false));
    assertEquals("case-insensitive file name collision: \"a/b\" and \"a/B\"", c.check("a/B/x/y.go", false));
    assertEquals("case-insensitive file name collision: \"a/b\" and \"a/B\"", c.check("a/B/x/z.go", false));
  }

  @Test
  void aParentThatPassedStillMeetsFilesAndDuplicates() {
    ZipCheck.Collisions c = new ZipCheck.Collisions(UnicodeTables.newest());
    assertNull(c.check("a/b/c.go", false));
    assertNull(c.check("a/b/d.go", false));
    assertNull(c.check("a/b", true));
    assertEquals("entry \"a/b\" is both a file and a directory", c.check("a/b", false));
    assertEquals("multiple entries for file \"a/b/c.go\"", c.check("a/b/c.go", false));
    assertEquals("case-insensitive file name collision: \"a/b/c.go\" and \"a/b/C.go\"", c.check("a/b/C.go", false));
    assertEquals("entry \"a/b/c.go\" is both a file and a directory", c.check("a/b/c.go/x", false));
    assertNull(c.check("a/x/y.go", false));
  }
}
