package io.github.goproxy4j.cli;

import io.github.goproxy4j.env.GoEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Whether the local zone a go command would run in (its time.Local, from the environment it is
 * handed) is UTC, as go's time package finds it on Linux: TZ unset, the zone of
 * {@code /etc/localtime} (none: UTC); TZ empty or {@code UTC}, UTC; TZ {@code /file} that file;
 * another name, the zone of that name in ZONEINFO or the system's zoneinfo directories, UTC when
 * none has it. A zone goproxy cannot judge (a zone file that is not a link into a zoneinfo
 * directory nor UTC's bytes, another system than Linux) counts as not UTC.
 */
final class GoLocalZone {
  private GoLocalZone() {}

  /** go's platformZoneSources on Linux. */
  private static final List<String> ZONE_SOURCES = List.of("/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/",
      "/usr/lib/locale/TZ/", "/etc/zoneinfo/");

  /**
   * Whether go's local zone under {@code env} is UTC.
   *
   * @param env the environment goproxy was handed
   * @return true where go's time.Local is UTC
   */
  static boolean isUtc(GoEnv env) {
    if (env.os() != GoEnv.Os.LINUX) {
      return false;
    }
    Map<String, String> vars = env.environment();
    String tz = vars.get("TZ");
    if (tz == null) {
      return fileIsUtc(Paths.get("/etc/localtime"));
    }
    if (tz.startsWith(":")) {
      tz = tz.substring(1);
    }
    if (tz.isEmpty() || tz.equals("UTC")) {
      return true;
    }
    try {
      if (tz.startsWith("/")) {
        return fileIsUtc(Paths.get(tz));
      }
      String zoneinfo = vars.getOrDefault("ZONEINFO", "");
      if (!zoneinfo.isEmpty()) {
        return false; // go reads the zone from that zip or directory first: not judged
      }
      for (String dir : ZONE_SOURCES) {
        Path f = Paths.get(dir + tz);
        if (Files.isRegularFile(f)) {
          return zoneIsUtc(tz);
        }
      }
    } catch (InvalidPathException e) {
      return true; // no file of that name: go falls back to UTC
    }
    return true; // no zone of that name: go falls back to UTC
  }

  /**
   * Whether the zone file {@code f} is UTC: none (go's fallback), a link into a zoneinfo directory
   * naming UTC, or UTC's bytes.
   */
  private static boolean fileIsUtc(Path f) {
    if (!Files.exists(f)) {
      return true;
    }
    try {
      if (Files.isSymbolicLink(f)) {
        String target = Files.readSymbolicLink(f).toString();
        int at = target.lastIndexOf("zoneinfo/");
        if (at >= 0) {
          return zoneIsUtc(target.substring(at + "zoneinfo/".length()));
        }
      }
      Path utc = Paths.get("/usr/share/zoneinfo/UTC");
      return Files.isRegularFile(utc) && Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(utc));
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the tz database's zone {@code name} is UTC (a fixed zero offset); false for one Java does not know. */
  private static boolean zoneIsUtc(String name) {
    try {
      ZoneRules r = ZoneId.of(name).getRules();
      return r.isFixedOffset() && r.getOffset(Instant.EPOCH).getTotalSeconds() == 0;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
