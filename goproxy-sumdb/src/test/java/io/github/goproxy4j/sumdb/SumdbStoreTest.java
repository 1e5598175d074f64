package io.github.goproxy4j.sumdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SumdbStore: the go-compatible file rules of the checksum database cache. */
class SumdbStoreTest {
  @TempDir Path tmp;

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void latestIsCompareAndSwappedLikeGoWriteConfig() throws Exception {
    SumdbStore s = new SumdbStore(tmp.resolve("state"), tmp.resolve("cache"), "sum.example.org/db");
    assertEquals(tmp.resolve("state/sum.example.org/db/latest").toAbsolutePath(), s.latestFile());
    assertEquals(0, s.readLatest().length); // missing reads as empty
    assertTrue(s.compareAndSwapLatest(new byte[0], b("one")));
    assertFalse(s.compareAndSwapLatest(b("other"), b("two"))); // write conflict
    assertArrayEquals(b("one"), s.readLatest());
    assertTrue(s.compareAndSwapLatest(b("one"), b("two")));
    assertArrayEquals(b("two"), s.readLatest());
    Files.write(s.latestFile(), new byte[0]);
    assertTrue(s.compareAndSwapLatest(b("anything"), b("three"))); // an empty file is no value
    try (Stream<Path> files = Files.list(s.latestFile().getParent())) {
      assertEquals(1, files.count(), "temporary files left behind");
    }
  }

  @Test
  void cacheFilesMirrorRemotePathsAndEmptyMeansMissing() throws Exception {
    SumdbStore s = new SumdbStore(tmp.resolve("state"), tmp.resolve("cache"), "sum.golang.org");
    s.writeCache("tile/8/0/x001/234.p/5", b("data"));
    assertArrayEquals(b("data"), Files.readAllBytes(tmp.resolve("cache/sum.golang.org/tile/8/0/x001/234.p/5")));
    assertArrayEquals(b("data"), s.readCache("tile/8/0/x001/234.p/5").orElseThrow());
    s.writeCache("lookup/example.com/!m@v1.0.0", new byte[0]);
    assertTrue(s.readCache("lookup/example.com/!m@v1.0.0").isEmpty());
    assertTrue(s.readCache("lookup/nothing@v1.0.0").isEmpty());
    for (String bad : new String[] {"../x", "tile/../../x", "a//b", "/abs", "a\\b"}) {
      assertThrows(IllegalArgumentException.class, () -> s.readCache(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new SumdbStore(tmp, tmp, "../evil"));
  }
}
