package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.internal.GoUtf8;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Version} against golang.org/x/mod (semver and module.EscapeVersion/UnescapeVersion):
 * x/mod v0.7.0's recorded answers ({@code xmod-vectors.tsv}, made by {@code tools/xmod-vectors}),
 * x/mod's own test tables ({@code xmod-test-tables.tsv}) and, where go and x/mod are installed,
 * the live x/mod on seeded random inputs.
 */
class VersionXModTest extends XModAgreementTest {
  VersionXModTest() {
    super("Version");
  }

  /** x/mod's own test table, with the assertion x/mod's test makes. */
  @Test
  void semverTable() {
    List<List<String>> tests = XModTables.table("tests", 30);
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
}
