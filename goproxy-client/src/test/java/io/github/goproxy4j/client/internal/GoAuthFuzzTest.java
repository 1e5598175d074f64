package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link GoAuth#parseUserAuth}: a map of prefixes found in the input with valid header names, or {@code invalid format} / {@code could not parse URL}. Without {@code JAZZER_FUZZ=1} this replays the seeds under
 * {@code GoAuthFuzzTestInputs/}.
 */
class GoAuthFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void goAuthOutput(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    try {
      GoAuth.parseUserAuth(s).forEach((prefix, headers) -> {
        // one "https://" is removed here and one more when stored, as in Go
        assertTrue(s.contains(prefix + "\n"), prefix);
        headers.forEach((k, v) -> assertTrue(GoAuth.validHeaderName(k), k));
      });
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("invalid format: ")
          || e.getMessage().startsWith("could not parse URL "), e.getMessage());
    }
  }
}
