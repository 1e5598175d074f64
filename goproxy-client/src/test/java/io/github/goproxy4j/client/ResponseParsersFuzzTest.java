package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.module.Version;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes what the client reads from proxies: {@code .info} JSON, {@code @v/list} bodies and
 * error bodies. Whatever the bytes, only the documented outcome happens (a value, or
 * {@link InfoJson.MalformedInfoException} for JSON), and accepted values are stable. Without
 * {@code JAZZER_FUZZ=1} this replays the seeds under {@code ResponseParsersFuzzTestInputs/}.
 */
class ResponseParsersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void infoJson(FuzzedDataProvider data) {
    byte[] body = data.consumeRemainingAsBytes();
    VersionInfo info;
    try {
      info = InfoJson.parse(body);
    } catch (InfoJson.MalformedInfoException e) {
      assertNotNull(e.getMessage());
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

  @FuzzTest(maxDuration = "30s")
  void versionList(FuzzedDataProvider data) {
    String body = data.consumeRemainingAsString();
    VersionList.ListResult r = VersionList.parse(body);
    for (String v : r.versions()) {
      assertTrue(Version.isValid(v) && !Version.parse(v).isPseudo(), v);
    }
    for (int i = 1; i < r.versions().size(); i++) {
      assertTrue(Version.compare(r.versions().get(i - 1), r.versions().get(i)) <= 0);
    }
    VersionList.latestFromList(r.lines());
  }

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
