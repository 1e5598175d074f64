package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * x/mod's own test tables (module_test.go, pseudo_test.go, semver_test.go), extracted as data
 * by {@code tools/xmod-vectors tables} into {@code xmod-test-tables.tsv}; the
 * {@code <Class>XModTest} classes make the assertions x/mod's tests make about each table.
 */
final class XModTables {
  private static final Map<String, List<List<String>>> TABLES = load();

  private XModTables() {}

  private static Map<String, List<List<String>>> load() {
    Map<String, List<List<String>>> m = new LinkedHashMap<>();
    for (String line : XMod.resourceLines("xmod-test-tables.tsv")) {
      String[] f = line.split("\t", -1);
      List<String> row = new ArrayList<>();
      for (int i = 1; i < f.length; i++) {
        if (f[i].endsWith("=")) {
          continue; // key of a keyed field; the value follows
        }
        row.add(f[i].startsWith("\"") ? XMod.unquote(f[i]) : f[i]);
      }
      m.computeIfAbsent(f[0], k -> new ArrayList<>()).add(row);
    }
    return m;
  }

  static List<List<String>> table(String name, int minRows) {
    List<List<String>> t = TABLES.get(name);
    assertTrue(t != null && t.size() >= minRows, () -> "table " + name + " missing or short");
    return t;
  }
}
