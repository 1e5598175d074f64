package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.sumdb.internal.Ed25519;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModFetchTest {
  /**
   * The warm-up verifies RFC 8032's second test vector (a one-byte message): it must verify, so that the warm-up takes
   * the whole path a checksum database's signed tree head takes (a refused signature can stop
   * early).
   */
  @Test
  void theWarmUpSignatureVerifiesAsATreeHeadSignatureDoes() {
    assertTrue(Ed25519.verify(ModFetch.RFC8032_KEY, ModFetch.RFC8032_MESSAGE, ModFetch.RFC8032_SIGNATURE));
    assertFalse(Ed25519.verify(ModFetch.RFC8032_KEY, "x".getBytes(StandardCharsets.UTF_8),
        ModFetch.RFC8032_SIGNATURE));
  }
}
