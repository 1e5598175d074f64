package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route: what it explains and prints, and that it is a value. */
class RouteTest {
  private static final String KEY = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

  private static Route route(String module, String... kv) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return ProxyResolver.of(GoEnv.of(m)).resolve(module);
  }

  /** Issue 14 defect 2: the GOSUMDB URL's password was printed in clear. */
  @Test
  void explainHidesTheGosumdbPasswordAsGoRedacted() {
    Route r = route("example.com/m",
        "GOPROXY", "https://bob:hunter2@proxy.example.com",
        "GOSUMDB", "sum.golang.org https://alice:s3cret@sumdb.example.com");
    String explain = r.explain();
    assertFalse(explain.contains("s3cret"), explain);
    assertFalse(explain.contains("hunter2"), explain);
    assertTrue(explain.contains("https://alice:xxxxx@sumdb.example.com"), explain);
    assertTrue(explain.contains("https://bob:xxxxx@proxy.example.com"), explain);
    assertFalse(r.toString().contains("s3cret"), r.toString());
    assertFalse(r.toString().contains("hunter2"), r.toString());
  }

  @Test
  void equalRoutesFromEqualSettings() {
    String[] env = {"GOPROXY", "https://proxy.example.com,direct", "GOPRIVATE", "corp.example/*"};
    Route a = route("corp.example/x", env);
    Route b = route("corp.example/x", env);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(a.equals(route("corp.example/y", env)));
    assertFalse(a.equals(route("other.example/x", env)));
  }

  @Test
  void explainNamesTheDecidingVariable() {
    assertTrue(route("corp.example/x", "GOPRIVATE", "corp.example").explain()
        .startsWith("corp.example/x matches GOPRIVATE pattern corp.example via GONOPROXY default"));
    assertTrue(route("corp.example/x", "GONOPROXY", "corp.example").explain()
        .startsWith("corp.example/x matches GONOPROXY pattern corp.example"));
    assertTrue(route("example.com/x", "GOSUMDB", "off").explain()
        .contains("checksum database off (GOSUMDB=off"));
    assertTrue(route("example.com/x", "GOSUMDB", KEY).explain()
        .contains("checksums verified by sum.golang.org"));
  }

  /** A URL without a scheme is https:// to go (GOPROXY) or http:// (HTTPS_PROXY): its password is one too. */
  @Test
  void explainHidesThePasswordOfAUrlWithoutScheme() {
    Route r = route("example.com/m", "GOPROXY", "bob:hunter2@proxy.example.com|direct");
    String explain = r.explain();
    assertFalse(explain.contains("hunter2"), explain);
    assertTrue(explain.contains("GOPROXY=bob:xxxxx@proxy.example.com|direct"), explain);
    assertTrue(explain.contains("proxy https://bob:xxxxx@proxy.example.com"), explain);
  }
}
