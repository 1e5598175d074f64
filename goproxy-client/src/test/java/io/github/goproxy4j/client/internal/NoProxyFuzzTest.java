package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link NoProxy}: localhost is never proxied and {@code *} matches everything. Without {@code JAZZER_FUZZ=1} this replays the seeds under
 * {@code NoProxyFuzzTestInputs/}.
 */
class NoProxyFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void noProxy(FuzzedDataProvider data) {
    String host = data.consumeString(40);
    String port = data.consumeString(6);
    String value = data.consumeRemainingAsString();
    NoProxy np = NoProxy.parse(value);
    boolean use = np.useProxy(host, port);
    if (host.equals("localhost")) {
      assertFalse(use);
    }
    NoProxy star = NoProxy.parse(value + ",*");
    assertFalse(star.useProxy(host, port), "* matches everything");
  }
}
