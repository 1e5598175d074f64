package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.module.ModulePatterns;
import java.io.IOException;
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
    Route route;
    try {
      route = r.resolve("example.com/m");
    } catch (GoEnvException e) {
      assertNotNull(e.getMessage());
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
    assertNotNull(route.explain());
    assertNotNull(route.toString());
  }

  @FuzzTest(maxDuration = "30s")
  void gosumdb(FuzzedDataProvider data) {
    String gosumdb = data.consumeRemainingAsString();
    Route route = ProxyResolver.of(GoEnv.of(Map.of("GOSUMDB", gosumdb))).resolve("example.com/m");
    try {
      route.checksumDb().ifPresent(db -> {
        assertEquals(db.name(), db.verifierKey().name());
        assertEquals(db.verifierKey(), VerifierKey.parse(db.verifierKey().toString()));
        assertNotNull(db.directUrl());
      });
    } catch (GoEnvException e) {
      assertNotNull(e.getMessage());
    }
    assertNotNull(route.explain());
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
      assertNotNull(env.warnings());
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
