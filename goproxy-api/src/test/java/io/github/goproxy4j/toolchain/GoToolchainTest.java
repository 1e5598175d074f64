package io.github.goproxy4j.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GoToolchain's names on seeded random input: an accepted name is {@code go} and a Go version
 * of ASCII letters, digits and dots that round-trips through its module version; a refused one
 * is an IllegalArgumentException quoting it.
 */
class GoToolchainTest {
  private static final String[] PIECES = {"go", "go", "1", ".", "21", "27", "3", "0", "01", "rc", "beta", "1", "-",
      "+", "custom", " ", "é", "\u0000", "", "x".repeat(200), "GO", "\uD800", "..", "v"};

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 40);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void ofAcceptsGoVersionsAndQuotesWhatItRefuses(long seed) {
    System.out.println("GoToolchainTest seed=" + seed);
    SplittableRandom r = new SplittableRandom(seed);
    Platform linux = Platform.parse("linux/amd64");
    int accepted = 0;
    for (int i = 0; i < 300; i++) {
      StringBuilder b = new StringBuilder(r.nextInt(4) == 0 ? "" : "go1");
      int n = r.nextInt(5);
      for (int k = 0; k < n; k++) {
        b.append(PIECES[r.nextInt(PIECES.length)]);
      }
      String name = b.toString();
      try {
        GoToolchain t = GoToolchain.of(name, linux);
        accepted++;
        assertTrue(name.matches("go[0-9][0-9a-z.]*"), "seed=" + seed + " accepted " + name);
        assertEquals(name, t.name());
        assertEquals(name.substring(2), t.version());
        Optional<GoToolchain> back = GoToolchain.fromModuleVersion(t.moduleVersion().version().toString());
        assertEquals(Optional.of(name), back.map(GoToolchain::name), "seed=" + seed + " " + name);
        assertEquals(Optional.of(linux), back.map(GoToolchain::platform));
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().contains("\"" + name + "\""), "seed=" + seed + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("want go and a Go version"), e.getMessage());
      } catch (RuntimeException e) {
        fail("seed=" + seed + " input " + name + ": " + e, e);
      }
    }
    assertTrue(accepted > 0, "seed=" + seed + ": no valid name generated");
  }
}
