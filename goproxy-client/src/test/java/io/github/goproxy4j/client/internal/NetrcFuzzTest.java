package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.internal.GoUnicode;
import java.util.List;

/**
 * Fuzzes {@link Netrc#parse}: entries have non-empty fields without spaces, taken from the input, and never show the password. Without {@code JAZZER_FUZZ=1} this replays the seeds under
 * {@code NetrcFuzzTestInputs/}.
 */
class NetrcFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void netrc(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    List<Netrc.Entry> entries = Netrc.parse(s);
    for (Netrc.Entry e : entries) {
      for (String field : List.of(e.machine(), e.login(), e.password())) {
        assertFalse(field.isEmpty());
        assertTrue(field.codePoints().noneMatch(GoUnicode::isSpace), field);
        assertTrue(s.contains(field));
      }
      assertTrue(e.toString().endsWith(", password=***]"), e.toString());
    }
  }
}
