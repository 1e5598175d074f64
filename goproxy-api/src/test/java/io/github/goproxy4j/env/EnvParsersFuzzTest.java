package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.module.ModulePatterns;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzzes the settings parsers: GOPROXY, GOSUMDB, the env file, module patterns and verifier keys.
 * Whatever the input, only the documented exception escapes and results are self-consistent.
 * Without {@code JAZZER_FUZZ=1} this replays the seeds under {@code EnvParsersFuzzTestInputs/}.
 */
class EnvParsersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void goproxy(FuzzedDataProvider data) {
    String goproxy = data.consumeString(200);
    String gonoproxy = data.consumeRemainingAsString();
    ProxyResolver r = ProxyResolver.of(GoEnv.of(Map.of("GOPROXY", goproxy, "GONOPROXY", gonoproxy)));
    Route route = r.resolve("example.com/m"); // an invalid GOPROXY is the route's proxies()' error
    try {
      route.proxies();
    } catch (GoEnvException e) {
      assertNotNull(e.getMessage());
      assertFalse(route.isDirectOnly());
      assertTrue(route.explain().contains(") is invalid: "), route.explain());
      return;
    }
    assertFalse(route.proxies().isEmpty());
    for (int i = 0; i < route.proxies().size(); i++) {
      ProxyEntry p = route.proxies().get(i);
      if (p instanceof ProxyEntry.Url) {
        String scheme = ((ProxyEntry.Url) p).uri().getScheme();
        assertTrue(scheme.equals("http") || scheme.equals("https") || scheme.equals("file"), scheme);
      } else {
        assertEquals(route.proxies().size() - 1, i, "direct/off end the list");
      }
    }
    String explain = route.explain();
    for (ProxyEntry p : route.proxies()) {
      if (p instanceof ProxyEntry.Url) {
        assertNoPassword(((ProxyEntry.Url) p).uri(), explain);
        assertNoPassword(((ProxyEntry.Url) p).uri(), route.toString());
      }
    }
    // The explanation names the variable that decided the route.
    if (route.noProxyPattern() != null) {
      assertTrue(explain.contains(" matches GONOPROXY pattern ")
          || explain.contains(" matches GOPRIVATE pattern "), explain);
    } else {
      assertTrue(explain.contains(" → GOPROXY="), explain);
    }
  }

  /** The URI's password (when it has one) appears in none of the texts. */
  private static void assertNoPassword(URI uri, String text) {
    String ui = uri.getRawUserInfo();
    if (ui == null || ui.indexOf(':') < 0) {
      return;
    }
    String secret = ui.substring(ui.indexOf(':')) + "@";
    if (!secret.equals(":xxxxx@") && secret.length() > 2) {
      assertFalse(text.contains(secret), text);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void gosumdb(FuzzedDataProvider data) {
    String gosumdb = data.consumeRemainingAsString();
    Route route = ProxyResolver.of(GoEnv.of(Map.of("GOSUMDB", gosumdb))).resolve("example.com/m");
    String explain = route.explain();
    try {
      route.checksumDb().ifPresent(db -> {
        assertEquals(db.name(), db.verifierKey().name());
        assertEquals(db.verifierKey(), VerifierKey.parse(db.verifierKey().toString()));
        assertEquals("https://" + db.name(), db.directUrl().toString());
        db.url().ifPresent(u -> {
          assertNoPassword(u, explain);
          assertNoPassword(u, db.toString());
        });
        assertTrue(explain.contains("checksums verified by " + db.name() + " (GOSUMDB from "),
            explain);
      });
    } catch (GoEnvException e) {
      assertNotNull(e.getMessage());
      assertTrue(explain.contains("but GOSUMDB is invalid and verification will fail: "
          + e.getMessage()), explain);
    }
    if (!route.usesChecksumDb()) {
      assertTrue(explain.contains("GOSUMDB=off"), explain);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void envFile(FuzzedDataProvider data) throws IOException {
    byte[] content = data.consumeRemainingAsBytes();
    Path file = Files.createTempFile("goenv-fuzz", "");
    try {
      Files.write(file, content);
      GoEnv env = GoEnv.builder().environment(Map.of("HOME", "/home/fuzz")).userEnvFile(file).build();
      EnvFile parsed = EnvFile.parse(content);
      parsed.values.forEach((k, v) -> {
        if (!k.equals("GOENV") && !k.equals("GOROOT") && !k.equals("GOPATH") && !k.equals("GOMODCACHE")
            && !(v.isEmpty() && (k.equals("GONOPROXY") || k.equals("GONOSUMDB") || k.equals("GOAUTH")))) {
          assertEquals(v, env.get(k), k);
        }
      });
      for (GoEnv.Warning w : env.warnings()) {
        assertFalse(w.setting().isEmpty() || w.problem().isEmpty(), w.toString());
      }
      try {
        ProxyResolver.of(env).resolve("example.com/m").explain();
      } catch (GoEnvException e) {
        assertNotNull(e.getMessage());
      }
    } finally {
      Files.delete(file);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void patterns(FuzzedDataProvider data) {
    String globs = data.consumeString(100);
    String path = data.consumeRemainingAsString();
    ModulePatterns p = ModulePatterns.parse(globs);
    assertEquals(p.matches(path), p.firstMatch(path).isPresent());
    for (String g : p.patterns()) {
      boolean literal = g.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\')
          && !g.endsWith("/"); // parse(g) would strip that slash again
      if (literal) {
        assertTrue(ModulePatterns.parse(g).matches(g), g);
        assertTrue(ModulePatterns.parse(g).matches(g + "/x"), g);
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void verifierKey(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    try {
      VerifierKey k = VerifierKey.parse(s);
      assertEquals(k, VerifierKey.parse(k.toString()));
      assertEquals(32, k.publicKeyBytes().length);
    } catch (InvalidVerifierKeyException e) {
      assertTrue(e.getMessage().startsWith(e.goMessage()));
    }
  }
}
