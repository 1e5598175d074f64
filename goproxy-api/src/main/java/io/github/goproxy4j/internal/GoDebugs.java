package io.github.goproxy4j.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * cmd/go's modload.CheckGodebug (go1.23 on, when {@code godebug} lines came to go.mod and go.work)
 * over the GODEBUG table of each release (internal/godebugs, in {@code godebugs.txt}): a key must
 * be one the release knows, {@code default} must name a Go version not newer than the release;
 * go1.26 refuses a removed setting, go1.27 only its old values. Releases between the tables
 * (go1.25) use the older table.
 */
public final class GoDebugs {
  private GoDebugs() {}

  /** A removed setting: the minor release that removed it and its refused values (null: all). */
  private record Removed(int minor, Set<String> oldValues) {}

  private record Table(Set<String> all, Map<String, Removed> removed) {}

  private static final Map<Integer, Table> TABLES = load();

  private static Map<Integer, Table> load() {
    Map<Integer, Table> out = new HashMap<>();
    try (InputStream in = GoDebugs.class.getResourceAsStream("godebugs.txt")) {
      if (in == null) {
        throw new IllegalStateException("godebugs.txt missing from goproxy-api");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        int minor = Integer.parseInt(f[1].substring(2));
        Table t = out.computeIfAbsent(minor, m -> new Table(new HashSet<>(), new HashMap<>()));
        if (f[0].equals("all")) {
          t.all().addAll(List.of(f).subList(2, f.length));
        } else {
          t.removed().put(f[2], new Removed(Integer.parseInt(f[3]), f[4].equals("-") ? null : Set.of(f[4].split(","))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Checks one {@code godebug key=value} setting as the go command of {@code release} does.
   *
   * @param verb the word go names the setting with ({@code godebug})
   * @param key the key
   * @param value the value
   * @param release the go release followed ({@code 1.27}, {@code 1.27.3})
   * @return go's error text (without the {@code file:line: } go adds), empty when go accepts it
   */
  public static Optional<String> check(String verb, String key, String value, String release) {
    if (key.contains(" ") || key.contains("\t")) {
      return Optional.of("key contains space");
    }
    if (value.contains(" ") || value.contains("\t")) {
      return Optional.of("value contains space");
    }
    if (key.contains(",")) {
      return Optional.of("key contains comma");
    }
    if (value.contains(",")) {
      return Optional.of("value contains comma");
    }
    if (key.equals("default")) {
      if (!value.startsWith("go") || !GoRelease.isValid(value.substring(2))) {
        return Optional.of("value for default= must be goVERSION");
      }
      if (GoRelease.newerThanRunning(value.substring(2), release)) {
        return Optional.of("default=" + value + " too new (toolchain is go" + release + ")");
      }
      return Optional.empty();
    }
    int minor = GoRelease.modelled(release).behaviourMinor();
    Table t = null;
    for (int m = minor; t == null && m >= 23; m--) {
      t = TABLES.get(m);
    }
    if (t == null) {
      return Optional.empty(); // before go1.23 go has no godebug lines to check
    }
    if (t.all().contains(key)) {
      return Optional.empty();
    }
    Removed r = t.removed().get(key);
    if (r != null) {
      if (r.oldValues() == null) {
        return Optional.of("use of removed " + verb + " " + GoQuote.quote(key) + ", see https://go.dev/doc/godebug#go-1"
            + r.minor());
      }
      if (r.oldValues().contains(value)) {
        return Optional.of("removed GODEBUG " + GoQuote.quote(key) + " set to old value " + GoQuote.quote(value)
            + " (https://go.dev/doc/godebug#go-1" + r.minor() + ")");
      }
      return Optional.empty();
    }
    return Optional.of("unknown " + verb + " " + GoQuote.quote(key));
  }
}
