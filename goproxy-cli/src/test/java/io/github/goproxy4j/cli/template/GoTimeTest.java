package io.github.goproxy4j.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link GoTime}: time.Time's Format and String as a Go program printed them (go1.19 and go1.27). */
class GoTimeTest {
  static List<String[]> vectors() throws IOException {
    List<String[]> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        GoTimeTest.class.getResourceAsStream("time-format-vectors.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.startsWith("#")) {
          JsonNode n = json.readTree(line);
          out.add(new String[] {n.get("time").asText(), n.get("layout").asText(), n.get("out").asText()});
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("vectors")
  void formatsAsGo(String time, String layout, String expected) {
    OffsetDateTime t = OffsetDateTime.parse(time);
    String got = layout.equals("String()") ? new ModulePublic.TimeValue(t, ModulePublic.Loc.BY_OFFSET).string() : GoTime.format(t, layout);
    assertEquals(expected, got);
  }
}
