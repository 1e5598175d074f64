package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link InfoJson}: whatever the bytes, a value or a {@link InfoJson.MalformedInfoException} with one of the texts of Go's {@code encoding/json} / {@code time}, and accepted values re-marshal stably. Without {@code JAZZER_FUZZ=1} this replays the seeds under
 * {@code InfoJsonFuzzTestInputs/}.
 */
class InfoJsonFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void infoJson(FuzzedDataProvider data) {
    byte[] body = data.consumeRemainingAsBytes();
    VersionInfo info;
    try {
      info = InfoJson.parse(body);
    } catch (InfoJson.MalformedInfoException e) {
      // One of the errors Go's json.Unmarshal (or time.Parse for Time) gives, never a parser's own.
      String m = e.getMessage();
      assertTrue(m.equals("unexpected end of JSON input") || m.startsWith("invalid character ")
          || m.startsWith("json: cannot unmarshal ") || m.startsWith("parsing time "), m);
      return;
    }
    String json = info.toJson();
    try {
      VersionInfo again = InfoJson.parse(json.getBytes(StandardCharsets.UTF_8));
      assertEquals(json, again.toJson());
    } catch (InfoJson.MalformedInfoException e) {
      throw new AssertionError("re-marshalled JSON did not parse: " + json, e);
    }
  }
}
