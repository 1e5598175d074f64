package io.github.goproxy4j.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Platform's parser on seeded random input: a platform that reads back, or a message naming the input. */
class PlatformTest {
  private static final String[] PIECES = {"linux", "amd64", "darwin", "arm64", "386", "/", "/", "-", ".", " ", "\t",
      "A", "é", "\u0000", "", "x".repeat(300), "Linux", "_", "\uD800", "windows"};

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 40);
  }

  private static String generate(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static boolean goName(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void parseAcceptsGoNamesAndNamesWhatItRefuses(long seed) {
    System.out.println("PlatformTest seed=" + seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 200; i++) {
      String s = generate(r);
      int slash = s.indexOf('/');
      boolean valid = slash >= 0 && s.indexOf('/', slash + 1) < 0
          && goName(s.substring(0, slash)) && goName(s.substring(slash + 1));
      try {
        Platform p = Platform.parse(s);
        assertTrue(valid, "seed=" + seed + " accepted " + s);
        assertEquals(s, p.toString());
        assertEquals(p, Platform.parse(p.toString()));
      } catch (IllegalArgumentException e) {
        assertTrue(!valid, "seed=" + seed + " refused " + s + ": " + e.getMessage());
        String m = e.getMessage();
        boolean named = m.contains("\"" + s + "\"")
            || (slash >= 0 && (m.contains("GOOS \"" + s.substring(0, slash) + "\"")
                || m.contains("GOARCH \"" + s.substring(slash + 1) + "\"")));
        assertTrue(named, "seed=" + seed + " input " + s + ": " + m);
        assertTrue(m.contains("want GOOS/GOARCH") || m.contains("lower-case letters and digits"), m);
      } catch (RuntimeException e) {
        fail("seed=" + seed + " input " + s + ": " + e, e);
      }
    }
  }

  @Test
  void nullIsNamed() {
    NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
        () -> Platform.parse(null));
    assertEquals("platform", e.getMessage());
  }
}
