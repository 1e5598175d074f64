package io.github.goproxy4j.testkit;

import io.github.goproxy4j.module.Version;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The module versions a fake serves, indexed by path and version. Immutable. */
final class ModuleStore {
  /** Semver order, then string order (so v1.0.0 and v1.0.0+meta are distinct). */
  static final Comparator<String> VERSION_ORDER =
      ((Comparator<String>) Version::compare).thenComparing(Comparator.naturalOrder());

  private final Map<String, TreeMap<String, ServedVersion>> modules = new TreeMap<>();
  private final Map<String, byte[]> lists;

  ModuleStore(List<ServedVersion> versions, Map<String, byte[]> lists) {
    for (ServedVersion sv : versions) {
      ServedVersion old = modules.computeIfAbsent(sv.path, k -> new TreeMap<>(VERSION_ORDER))
          .putIfAbsent(sv.version, sv);
      if (old != null) {
        throw new InvalidFakeModuleException(sv.source, 0, sv.key() + " is defined twice: in "
            + old.source + " and in " + sv.source, null);
      }
    }
    this.lists = new HashMap<>(lists);
    for (String p : lists.keySet()) {
      modules.computeIfAbsent(p, k -> new TreeMap<>(VERSION_ORDER));
    }
  }

  boolean hasModule(String path) {
    return modules.containsKey(path);
  }

  ServedVersion get(String path, String version) {
    TreeMap<String, ServedVersion> m = modules.get(path);
    return m == null ? null : m.get(version);
  }

  /** The @v/list body: the verbatim list file, else the listed non-pseudo versions. */
  byte[] list(String path) {
    byte[] given = lists.get(path);
    if (given != null) {
      return given;
    }
    StringBuilder sb = new StringBuilder();
    for (ServedVersion sv : modules.get(path).values()) {
      if (sv.listed && !Version.parse(sv.version).isPseudo()) {
        sb.append(sv.version).append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The version @latest reports: the highest release, else the highest prerelease, else the
   * highest pseudo-version, among listed versions with an .info; null if none.
   */
  ServedVersion latest(String path) {
    TreeMap<String, ServedVersion> m = modules.get(path);
    if (m == null) {
      return null;
    }
    ServedVersion release = null;
    ServedVersion pre = null;
    ServedVersion pseudo = null;
    for (ServedVersion sv : m.values()) { // ascending, so the last one of each kind wins
      if (sv.info() == null || !sv.listed) {
        continue;
      }
      Version v = Version.parse(sv.version);
      if (v.isPseudo()) {
        pseudo = sv;
      } else if (v.isPrerelease()) {
        pre = sv;
      } else {
        release = sv;
      }
    }
    return release != null ? release : pre != null ? pre : pseudo;
  }

  /** Every version, by path then semver. */
  List<ServedVersion> all() {
    List<ServedVersion> out = new ArrayList<>();
    modules.values().forEach(m -> out.addAll(m.values()));
    return Collections.unmodifiableList(out);
  }

  /** Module paths. */
  List<String> paths() {
    return List.copyOf(modules.keySet());
  }
}
