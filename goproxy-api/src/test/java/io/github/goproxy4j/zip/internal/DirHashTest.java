package io.github.goproxy4j.zip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dirhash's Hash1 summary: the SHA-256 of the text {@code hex(sha256)  name\n} per file, here
 * written out and hashed by the test itself, for summaries from empty to several of the
 * summary's 64 KB batches, with names up to longer than a batch.
 */
class DirHashTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void summaryIsTheSha256OfItsLines(long seed) throws Exception {
    Random rnd = new Random(seed);
    int files = new int[] {0, 1, 900, 3000}[(int) (seed - 1)];
    StringBuilder text = new StringBuilder();
    DirHash.Summary summary = new DirHash.Summary();
    for (int i = 0; i < files; i++) {
      byte[] digest = new byte[32];
      rnd.nextBytes(digest);
      int nameLen = rnd.nextInt(20) == 0 ? 70_000 : 1 + rnd.nextInt(120);
      StringBuilder name = new StringBuilder();
      for (int k = 0; k < nameLen; k++) {
        name.append((char) ('a' + rnd.nextInt(26)));
      }
      summary.add(name.toString().getBytes(StandardCharsets.US_ASCII), digest);
      text.append(HexFormat.of().formatHex(digest)).append("  ").append(name).append('\n');
    }
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(expected, summary.digest());
  }
}
