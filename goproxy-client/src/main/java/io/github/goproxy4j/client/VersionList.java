package io.github.goproxy4j.client;

import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.module.Version;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code @v/list} answer read with go's rules (proxy.go {@code Versions}, {@code latestFromList}). */
final class VersionList {
  private static final DateTimeFormatter PSEUDO_TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  private VersionList() {}

  /** The answer to {@code @v/list}: the filtered, sorted versions and the raw lines. */
  record ListResult(List<String> versions, List<String> lines) {}

  /** Go's list rules: field 1 of each line, valid semver, not a pseudo-version, kept as written, sorted. */
  static ListResult parse(String data) {
    List<String> lines = List.of(data.split("\n", -1));
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      List<String> f = GoStrings.fields(line);
      if (!f.isEmpty() && Version.isValid(f.get(0)) && !Version.parse(f.get(0)).isPseudo()) {
        out.add(f.get(0));
      }
    }
    Version.sortStrings(out);
    return new ListResult(List.copyOf(out), lines);
  }


  /**
   * Go's latestFromList: the newest line by its timestamp (field 2) or its pseudo-version time;
   * tagged versions without a timestamp are ignored.
   */
  static Optional<String> latestFromList(List<String> lines) {
    OffsetDateTime best = VersionInfo.ZERO_TIME;
    String bestVersion = "";
    for (String line : lines) {
      List<String> f = GoStrings.fields(line);
      if (f.isEmpty() || !Version.isValid(f.get(0))) {
        continue;
      }
      OffsetDateTime t;
      if (f.size() >= 2) {
        t = parseRfc3339OrZero(f.get(1));
      } else if (Version.parse(f.get(0)).isPseudo()) {
        t = pseudoTime(f.get(0));
      } else {
        continue;
      }
      if (best.isBefore(t)) {
        best = t;
        bestVersion = f.get(0);
      }
    }
    return bestVersion.isEmpty() ? Optional.empty() : Optional.of(bestVersion);
  }

  private static OffsetDateTime parseRfc3339OrZero(String s) {
    try {
      return InfoJson.parseTime(s);
    } catch (InfoJson.MalformedInfoException e) {
      return VersionInfo.ZERO_TIME;
    }
  }

  static OffsetDateTime pseudoTime(String v) {
    String s = v;
    int plus = s.indexOf('+');
    if (plus >= 0) {
      s = s.substring(0, plus);
    }
    int dash = s.lastIndexOf('-');
    if (dash < 14) {
      return VersionInfo.ZERO_TIME;
    }
    String ts = s.substring(dash - 14, dash);
    try {
      return LocalDateTime.parse(ts, PSEUDO_TIME).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return VersionInfo.ZERO_TIME;
    }
  }

}
