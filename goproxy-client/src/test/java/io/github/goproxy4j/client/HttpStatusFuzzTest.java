package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.env.Transport;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes {@link HttpStatus#message}: any error body gives {@code reading <url>: <status>} with a bounded detail. Without {@code JAZZER_FUZZ=1} this replays the seeds under
 * {@code HttpStatusFuzzTestInputs/}.
 */
class HttpStatusFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void errorDetail(FuzzedDataProvider data) {
    int status = data.consumeInt(100, 599);
    String type = data.consumeBoolean() ? "text/plain; charset=utf-8" : data.consumeString(40);
    byte[] body = data.consumeRemainingAsBytes();
    String msg = HttpStatus.message("https://p.example/m/@v/list", Transport.Response.of(status,
        Map.of("Content-Type", List.of(type)), new ByteArrayInputStream(body)));
    assertTrue(msg.startsWith("reading https://p.example/m/@v/list: " + status), msg);
    assertTrue(msg.length() < 1000, msg);
  }
}
