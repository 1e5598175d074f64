package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.env.GoEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GoLocalZone}: go's time.Local from TZ on Linux (unset: /etc/localtime; empty, {@code UTC}
 * or a zone no zoneinfo directory has: UTC; a name or a file: that zone). go's own answer for
 * the default zone is compared in goproxy-cli's {@code ModuleGraphCommandsTest.listTimeLocalAsGo}.
 */
class GoLocalZoneTest {
  private static String zone(Map<String, String> vars) {
    assumeTrue(GoEnv.Os.current() == GoEnv.Os.LINUX, "SKIPPED: go's Linux rules");
    Map<String, String> env = new HashMap<>(vars);
    env.put("GOENV", "off");
    return GoLocalZone.of(GoEnv.of(env)).map(Object::toString).orElse("unknown");
  }

  @Test
  void readsTzAsGo(@TempDir Path tmp) throws Exception {
    assertEquals("Z", zone(Map.of("TZ", "")));
    assertEquals("Z", zone(Map.of("TZ", "UTC")));
    assertEquals("Z", zone(Map.of("TZ", ":UTC")));
    assertEquals("Z", zone(Map.of("TZ", "No/Such_Zone")));
    assertEquals("Z", zone(Map.of("TZ", tmp.resolve("none").toString())));
    assumeTrue(Files.isRegularFile(Paths.get("/usr/share/zoneinfo/Europe/Berlin")), "SKIPPED: no zoneinfo");
    assertEquals("Z", zone(Map.of("TZ", "Etc/UTC")));
    assertEquals("Europe/Berlin", zone(Map.of("TZ", "Europe/Berlin")));
    assertEquals("Europe/Berlin", zone(Map.of("TZ", ":Europe/Berlin")));
    Path link = Files.createSymbolicLink(tmp.resolve("localtime"), Paths.get("/usr/share/zoneinfo/Europe/Berlin"));
    assertEquals("Europe/Berlin", zone(Map.of("TZ", link.toString())));
    assertEquals("Europe/Berlin", zone(Map.of("TZ", "/usr/share/zoneinfo/Europe/Berlin")));
    assertEquals("Europe/Berlin", zone(Map.of("TZ", ":/usr/share/zoneinfo/Europe/Berlin")));
    Path named = Files.createDirectories(tmp.resolve("zoneinfo/Europe"));
    Files.copy(Paths.get("/usr/share/zoneinfo/Europe/Berlin"), named.resolve("Berlin"));
    assertEquals("Europe/Berlin", zone(Map.of("TZ", named.resolve("Berlin").toString())));
    Files.copy(Paths.get("/usr/share/zoneinfo/Europe/Paris"), named.resolve("Rome"));
    assertEquals("unknown", zone(Map.of("TZ", named.resolve("Rome").toString())));
    Path copy = Files.copy(Paths.get("/usr/share/zoneinfo/Etc/UTC"), tmp.resolve("utc"));
    assertEquals("Z", zone(Map.of("TZ", copy.toString())));
    Path other = Files.copy(Paths.get("/usr/share/zoneinfo/Europe/Berlin"), tmp.resolve("berlin"));
    assertEquals("unknown", zone(Map.of("TZ", other.toString())));
    assertEquals("unknown", zone(Map.of("TZ", "Europe/Berlin", "ZONEINFO", tmp.toString())));
  }
}
