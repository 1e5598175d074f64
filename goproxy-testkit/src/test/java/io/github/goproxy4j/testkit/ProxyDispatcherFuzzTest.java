package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.sumdb.note.SignerKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@link ProxyDispatcher} gives any request target a deliberate answer: 200, 400, 404 or 405
 * with a text body for errors, never a 500 or an exception. Under {@code mvn verify} the seed
 * inputs in
 * {@code ProxyDispatcherFuzzTestInputs/} are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ProxyDispatcherFuzzTest {
  private static final ModuleStore STORE = new ModuleStore(List.of(
      FakeModule.of("example.com/m", "v1.0.0").toServed(),
      FakeModule.of("github.com/Up/x", "v1.0.0-RC1").toServed()), java.util.Map.of());
  private static final FakeSumdb SUMDB = new FakeSumdb(SignerKey.generate("sum.test"),
      STORE.all(), List.of());
  private static final ProxyDispatcher DISPATCHER = new ProxyDispatcher(STORE, SUMDB,
      new RequestJournal(), List.of(), 404, null);

  @FuzzTest(maxDuration = "30s")
  void answer(byte[] data) throws IOException {
    String target = new String(data, StandardCharsets.UTF_8);
    Route route = Route.parse(target, SUMDB.name());
    Answer a = DISPATCHER.answer("GET", route);
    assertTrue(Set.of(200, 400, 404).contains(a.status()), a.status() + " for " + target);
    if (a.status() != 200) {
      assertEquals(Answer.TEXT, a.contentType());
      String body = new String(a.body(), StandardCharsets.UTF_8);
      assertTrue(!body.isEmpty() && !body.contains("Exception"), body);
    }
    assertEquals(405, DISPATCHER.answer("PUT", route).status());
  }
}
