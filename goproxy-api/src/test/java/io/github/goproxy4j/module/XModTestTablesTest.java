package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.internal.GoUtf8;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * x/mod's own test tables (module_test.go, pseudo_test.go, semver_test.go), extracted as data
 * by {@code tools/xmod-vectors tables} into {@code xmod-test-tables.tsv}, with the assertions
 * x/mod's tests make about each table.
 */
class XModTestTablesTest {
  private static final Map<String, List<List<String>>> TABLES = load();
  private static final Instant PSEUDO_TIME = Instant.parse("2006-01-02T15:04:05Z");

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

  private static List<List<String>> table(String name, int minRows) {
    List<List<String>> t = TABLES.get(name);
    assertTrue(t != null && t.size() >= minRows, () -> "table " + name + " missing or short");
    return t;
  }

  @Test
  void check() {
    for (List<String> r : table("checkTests", 20)) {
      boolean ok = Boolean.parseBoolean(r.get(2));
      if (ok) {
        assertDoesNotThrow(() -> ModuleVersion.of(r.get(0), r.get(1)), r.toString());
      } else {
        assertThrows(IllegalArgumentException.class, () -> ModuleVersion.of(r.get(0), r.get(1)),
            r.toString());
      }
    }
  }

  @Test
  void checkPathImportPathFilePath() {
    for (List<String> r : table("checkPathTests", 90)) {
      String p = r.get(0);
      assertAll(p,
          () -> assertEquals(Boolean.parseBoolean(r.get(1)), ModulePath.isValid(p), "CheckPath"),
          () -> assertEquals(Boolean.parseBoolean(r.get(2)), ok(() -> ModulePath.checkImportPath(p)),
              "CheckImportPath"),
          () -> assertEquals(Boolean.parseBoolean(r.get(3)), ok(() -> ModulePath.checkFilePath(p)),
              "CheckFilePath"),
          () -> {
            int i = PathRules.splitPathVersion(p);
            // prefix + pathMajor always adds up to the input
            assertTrue(i < 0 || i <= p.length());
          },
          () -> {
            if (!Boolean.parseBoolean(r.get(1))) {
              assertThrows(InvalidModulePathException.class, () -> ModulePath.escape(p));
              assertThrows(InvalidModulePathException.class, () -> ModulePath.unescape(p));
            }
          });
    }
  }

  @Test
  void splitPathVersion() {
    for (List<String> r : table("splitPathVersionTests", 8)) {
      String path = r.get(0) + r.get(1);
      assertEquals(r.get(0).length(), PathRules.splitPathVersion(path), path);
      ModulePath p = ModulePath.parse(path);
      assertEquals(r.get(0), p.prefix());
      assertEquals(r.get(1), p.majorSuffix().orElse(""));
    }
  }

  @Test
  void escapeAndUnescapePath() {
    for (List<String> r : table("escapeTests", 2)) {
      String path = r.get(0);
      String esc = r.size() > 1 ? r.get(1) : path;
      assertEquals(esc, ModulePath.escape(path));
      assertEquals(esc, ModulePath.parse(path).escaped());
      assertEquals(path, ModulePath.unescape(esc).toString());
    }
    for (List<String> r : table("badUnescape", 6)) {
      assertThrows(InvalidModulePathException.class, () -> ModulePath.unescape(r.get(0)), r.get(0));
    }
  }

  @Test
  void matchPathMajor() {
    for (List<String> r : table("TestMatchPathMajor", 11)) {
      assertEquals(Boolean.parseBoolean(r.get(2)),
          PathRules.checkPathMajorReason(r.get(0), r.get(1)) == null, r.toString());
    }
  }

  @Test
  void semverTable() {
    List<List<String>> tests = table("tests", 30);
    for (List<String> t : tests) {
      String in = t.get(0);
      String out = t.get(1);
      boolean valid = !out.isEmpty();
      assertEquals(valid, Version.isValid(in), in);
      if (!valid) {
        assertThrows(InvalidVersionException.class, () -> Version.parse(in));
        continue;
      }
      Version v = Version.parse(in);
      assertEquals(out, v.semverCanonical(), in);
      assertEquals(out.substring(0, out.indexOf('.')), v.major(), in);
      String mm = in;
      if (mm.indexOf('+') >= 0) {
        mm = mm.substring(0, mm.indexOf('+'));
      }
      if (mm.indexOf('-') >= 0) {
        mm = mm.substring(0, mm.indexOf('-'));
      }
      long dots = mm.chars().filter(c -> c == '.').count();
      mm = dots == 0 ? mm + ".0" : dots == 2 ? mm.substring(0, mm.lastIndexOf('.')) : mm;
      assertEquals(mm, v.majorMinor(), in);
      assertEquals(out.indexOf('-') >= 0 ? out.substring(out.indexOf('-')) : "", v.prerelease(), in);
      assertEquals(in.indexOf('+') >= 0 ? in.substring(in.indexOf('+')) : "", v.build(), in);
    }
    // TestCompare: the table is in ascending order; equal canonical forms compare equal.
    for (int i = 0; i < tests.size(); i++) {
      for (int j = 0; j < tests.size(); j++) {
        int want = tests.get(i).get(1).equals(tests.get(j).get(1)) ? 0 : i < j ? -1 : 1;
        assertEquals(want, Version.compare(tests.get(i).get(0), tests.get(j).get(0)),
            tests.get(i).get(0) + " vs " + tests.get(j).get(0));
      }
    }
    // TestSort: a shuffled copy sorts back into an order consistent with Compare.
    List<String> versions = new ArrayList<>();
    tests.forEach(t -> versions.add(t.get(0)));
    Collections.shuffle(versions, new Random(1));
    Version.sortStrings(versions);
    for (int i = 1; i < versions.size(); i++) {
      int c = Version.compare(versions.get(i - 1), versions.get(i));
      assertTrue(c < 0 || (c == 0 && GoUtf8.compare(versions.get(i - 1), versions.get(i)) <= 0),
          versions.toString());
    }
  }

  @Test
  void pseudoVersions() {
    for (List<String> r : table("pseudoTests", 13)) {
      String major = r.get(0);
      String older = r.get(1);
      String version = r.get(2);
      assertEquals(version, PseudoVersion.of(major, older, PSEUDO_TIME, "hash").toString());
      assertTrue(PseudoVersion.isPseudo(version), version);
      assertFalse(PseudoVersion.isPseudo(older), older);
      PseudoVersion p = PseudoVersion.parse(version);
      assertEquals(PSEUDO_TIME, p.time());
      assertEquals("hash", p.revision());
      assertEquals(older, p.base().map(Version::toString).orElse(""));
      assertThrows(InvalidVersionException.class, () -> PseudoVersion.parse(older));
    }
    assertThrows(InvalidVersionException.class, () -> PseudoVersion.parse("---"));
    for (List<String> r : table("TestInvalidPseudoVersionBase", 7)) {
      assertThrows(InvalidVersionException.class, () -> PseudoVersion.parse(r.get(0)), r.get(0));
    }
  }

  @Test
  void incAndDecDecimal() {
    for (List<String> r : table("TestIncDecimal", 5)) {
      assertEquals(r.get(1), PseudoVersion.incDecimal(r.get(0)));
    }
    for (List<String> r : table("TestDecDecimal", 8)) {
      assertEquals(r.get(1), PseudoVersion.decDecimal(r.get(0)));
    }
  }

  private static boolean ok(Runnable r) {
    try {
      r.run();
      return true;
    } catch (InvalidModulePathException e) {
      return false;
    }
  }
}
