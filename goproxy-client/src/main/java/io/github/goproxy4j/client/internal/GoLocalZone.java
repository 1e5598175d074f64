package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.env.GoEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local zone a go command would run in (its time.Local) under the environment goproxy is
 * handed, as go's time package finds it on Linux: TZ unset, the zone of {@code /etc/localtime}
 * (none: UTC); TZ empty or {@code UTC}, UTC; TZ {@code /file} (or {@code :/file}) that file's zone;
 * another name, the zone of that name when a zoneinfo directory has it, UTC when none does. A zone
 * goproxy cannot tell (a zone file that is neither a link into a zoneinfo directory nor UTC's
 * bytes, ZONEINFO set, a name the JDK's tz database lacks, another system than Linux) is none.
 *
 * <p>The one home of this rule: the CLI's {@code list -m -f} times and the transport's
 * certificate-expiry text (which prints the current time in go's zone) both ask it.
 */
public final class GoLocalZone {
  private GoLocalZone() {}

  /** go's platformZoneSources on Linux. */
  private static final List<String> ZONE_SOURCES = List.of("/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/",
      "/usr/lib/locale/TZ/", "/etc/zoneinfo/");

  /**
   * go's local zone under {@code env}.
   *
   * @param env the environment goproxy was handed
   * @return the zone ({@link ZoneOffset#UTC} for UTC), or empty where goproxy cannot tell
   */
  public static Optional<ZoneId> of(GoEnv env) {
    if (env.os() != GoEnv.Os.LINUX) {
      return Optional.empty();
    }
    return onLinux(env.environment());
  }

  /**
   * go's local zone on Linux under the environment variables {@code vars} ({@code TZ},
   * {@code ZONEINFO}; missing ones are unset).
   *
   * @param vars the environment
   * @return the zone ({@link ZoneOffset#UTC} for UTC), or empty where goproxy cannot tell
   */
  static Optional<ZoneId> onLinux(Map<String, String> vars) {
    String tz = vars.get("TZ");
    if (tz == null) {
      return fileZone(Paths.get("/etc/localtime"));
    }
    if (tz.startsWith(":")) {
      tz = tz.substring(1);
    }
    if (tz.isEmpty() || tz.equals("UTC")) {
      return Optional.of(ZoneOffset.UTC);
    }
    try {
      if (tz.startsWith("/")) {
        return fileZone(Paths.get(tz));
      }
      if (!vars.getOrDefault("ZONEINFO", "").isEmpty()) {
        return Optional.empty(); // go reads the zone from that zip or directory first: not judged
      }
      for (String dir : ZONE_SOURCES) {
        if (Files.isRegularFile(Paths.get(dir + tz))) {
          return named(tz);
        }
      }
    } catch (InvalidPathException e) {
      return Optional.of(ZoneOffset.UTC); // no file of that name: go falls back to UTC
    }
    return Optional.of(ZoneOffset.UTC); // no zone of that name: go falls back to UTC
  }

  /**
   * The zone of the zone file {@code f}: UTC when there is none (go's fallback), the zone a link
   * into a zoneinfo directory names, the zone a file of the system's zoneinfo directory (or a copy
   * of one at a path ending in the same name) is, UTC for UTC's bytes; else none.
   */
  private static Optional<ZoneId> fileZone(Path f) {
    if (!Files.exists(f)) {
      return Optional.of(ZoneOffset.UTC);
    }
    try {
      if (Files.isSymbolicLink(f)) {
        String target = Files.readSymbolicLink(f).toString();
        int at = target.lastIndexOf("zoneinfo/");
        if (at >= 0) {
          return named(target.substring(at + "zoneinfo/".length()));
        }
      }
      // a zone file named by its own path in a zoneinfo directory (TZ=/usr/share/zoneinfo/Asia/Kolkata)
      String own = f.toString();
      int at = own.lastIndexOf("zoneinfo/");
      if (at >= 0) {
        String name = own.substring(at + "zoneinfo/".length());
        Path system = Paths.get(ZONE_SOURCES.get(0) + name);
        if (Files.isRegularFile(system)
            && (Files.isSameFile(f, system) || Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(system)))) {
          return named(name);
        }
      }
      Path utc = Paths.get("/usr/share/zoneinfo/UTC");
      return Files.isRegularFile(utc) && Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(utc))
          ? Optional.of(ZoneOffset.UTC) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The tz database's zone {@code name} ({@link ZoneOffset#UTC} for a fixed zero offset), or none the JDK knows. */
  private static Optional<ZoneId> named(String name) {
    try {
      ZoneId z = ZoneId.of(name);
      boolean utc = z.getRules().isFixedOffset() && z.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() == 0;
      return Optional.of(utc ? ZoneOffset.UTC : z);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
