package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.GoOracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModulePatternsTest {

  static Stream<Arguments> vectors() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (InputStream in = ModulePatternsTest.class.getResourceAsStream("match-prefix-patterns.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        out.add(Arguments.of(unescape(f[0]), unescape(f[1]), Boolean.parseBoolean(f[2])));
      }
    }
    return out.stream();
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
        b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  @ParameterizedTest(name = "MatchPrefixPatterns({0}, {1}) = {2}")
  @MethodSource("vectors")
  void goVectors(String globs, String target, boolean want) {
    assertEquals(want, ModulePatterns.parse(globs).matches(target));
    assertEquals(want, ModulePatterns.parse(globs).firstMatch(target).isPresent());
  }

  @Test
  void firstMatchNamesTheGlobWithoutItsTrailingSlash() {
    ModulePatterns p = ModulePatterns.parse("other.org,example.com/a/,example.com");
    assertEquals(Optional.of("example.com/a"), p.firstMatch("example.com/a/b"));
    assertEquals(List.of("other.org", "example.com/a", "example.com"), p.patterns());
    assertEquals("other.org,example.com/a/,example.com", p.toString());
  }

  @Test
  void malformedGlobsAreReportedAndNeverMatch() {
    ModulePatterns p = ModulePatterns.parse("[,a[,\\,ok.example/[a-]");
    assertEquals(List.of("[", "a[", "\\", "ok.example/[a-]"), p.malformedPatterns());
    assertFalse(p.matches("["));
    assertFalse(p.matches("a["));
    assertFalse(p.matches("ok.example/a"));
  }

  @Test
  void classesEscapesAndModulePath() {
    ModulePatterns p = ModulePatterns.parse("example.com/[a-c]*,ex\\*.org");
    assertTrue(p.matches("example.com/beta/x"));
    assertFalse(p.matches("example.com/delta"));
    assertTrue(p.matches("ex*.org/m"));
    assertFalse(p.matches("exx.org/m"));
    assertTrue(p.matches(ModulePath.parse("example.com/alpha")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ",", ",,,", "/", "/,/"})
  void emptyListsMatchNothing(String globs) {
    ModulePatterns p = ModulePatterns.parse(globs);
    assertTrue(p.isEmpty());
    assertFalse(p.matches("example.com"));
    assertFalse(p.matches(""));
  }

  @Test
  void nullIsSafe() {
    assertTrue(ModulePatterns.parse(null).isEmpty());
    assertFalse(ModulePatterns.parse("*").matches((String) null));
  }

  /** Differential test against x/mod's MatchPrefixPatterns on seeded random globs and paths. */
  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3, 20261126})
  void agreesWithXMod(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<List<String>> queries = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      queries.add(List.of("match", randomGlobs(rnd), randomPath(rnd)));
    }
    List<String> answers = GoOracle.ask(queries);
    for (int i = 0; i < queries.size(); i++) {
      String globs = queries.get(i).get(1);
      String target = queries.get(i).get(2);
      assertEquals(Boolean.parseBoolean(answers.get(i)), ModulePatterns.parse(globs).matches(target),
          () -> "seed=" + seed + " MatchPrefixPatterns(" + globs + ", " + target + ")");
    }
  }

  /**
   * Long lists, as the first-element index sees them: 20 globs that often share a first element
   * (literal, glob, malformed, with and without wildcards in the first element), against x/mod;
   * firstMatch names the first glob that matches on its own.
   */
  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {5, 6, 7})
  void longListsAgreeWithXMod(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] firsts = {"example.com", "a", "x", "*.com", "exa*", "a[b]", ""};
    List<List<String>> queries = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      StringBuilder list = new StringBuilder();
      for (int g = 0; g < 20; g++) {
        if (g > 0) {
          list.append(',');
        }
        list.append(firsts[rnd.nextInt(firsts.length)]);
        int parts = rnd.nextInt(3);
        for (int p = 0; p < parts; p++) {
          list.append('/').append(ATOMS[rnd.nextInt(ATOMS.length)]);
        }
      }
      String path = firsts[rnd.nextInt(3)] + (rnd.nextBoolean() ? "" : "/" + randomPath(rnd));
      queries.add(List.of("match", list.toString(), path));
    }
    List<String> answers = GoOracle.ask(queries);
    for (int i = 0; i < queries.size(); i++) {
      String globs = queries.get(i).get(1);
      String target = queries.get(i).get(2);
      ModulePatterns p = ModulePatterns.parse(globs);
      assertEquals(Boolean.parseBoolean(answers.get(i)), p.matches(target),
          () -> "seed=" + seed + " MatchPrefixPatterns(" + globs + ", " + target + ")");
      java.util.Optional<String> first = java.util.Optional.empty();
      for (String g : p.patterns()) {
        if (ModulePatterns.parse(g + "/").matches(target)) { // one slash is stripped again
          first = java.util.Optional.of(g);
          break;
        }
      }
      assertEquals(first, p.firstMatch(target), () -> "seed=" + seed + " firstMatch(" + globs + ", " + target + ")");
    }
  }

  /**
   * Globs of literal text and stars only (matched without path.Match's general loop), against
   * x/mod: stars next to slashes, repeated chunks, consecutive and trailing stars.
   */
  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {11, 12, 13})
  void starGlobsAgreeWithXMod(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] globAtoms = {"a", "b", "ab", "*", "**", "/", "/", "a/", "/b", ".", "é", "ba"};
    String[] pathAtoms = {"a", "b", "ab", "ba", "/", "/", ".", "é", "aab"};
    List<List<String>> queries = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      StringBuilder glob = new StringBuilder(rnd.nextBoolean() ? "*" : "a");
      int parts = 1 + rnd.nextInt(5);
      for (int k = 0; k < parts; k++) {
        glob.append(globAtoms[rnd.nextInt(globAtoms.length)]);
      }
      StringBuilder path = new StringBuilder();
      int pparts = rnd.nextInt(9);
      for (int k = 0; k < pparts; k++) {
        path.append(pathAtoms[rnd.nextInt(pathAtoms.length)]);
      }
      queries.add(List.of("match", glob.toString(), path.toString()));
    }
    List<String> answers = GoOracle.ask(queries);
    int hits = 0;
    for (int i = 0; i < queries.size(); i++) {
      String globs = queries.get(i).get(1);
      String target = queries.get(i).get(2);
      boolean want = Boolean.parseBoolean(answers.get(i));
      hits += want ? 1 : 0;
      assertEquals(want, ModulePatterns.parse(globs).matches(target),
          () -> "seed=" + seed + " MatchPrefixPatterns(" + globs + ", " + target + ")");
    }
    assertTrue(hits > 30, "seed=" + seed + ": too few matches to test anything: " + hits);
  }

  private static final String[] ATOMS = {
    "a", "b", "ab", "example.com", "x", "*", "?", "[a-c]", "[^a]", "\\*", "[", "]", "-", ".",
    "é", "[é]", "*.com", "v2", "\\", "[a-]", "[]a]", "[\\]]", "/", " ", "[^é]"
  };

  private static String randomGlobs(SplittableRandom rnd) {
    StringBuilder b = new StringBuilder();
    int globs = 1 + rnd.nextInt(3);
    for (int g = 0; g < globs; g++) {
      if (g > 0) {
        b.append(',');
      }
      int parts = rnd.nextInt(5);
      for (int p = 0; p < parts; p++) {
        b.append(ATOMS[rnd.nextInt(ATOMS.length)]);
      }
    }
    return b.toString();
  }

  private static final String[] PATH_ATOMS = {
    "a", "b", "ab", "example", ".com", "x", "/", "/", "é", "-", ".", "v2", "*", "]", "[", "\\", " "
  };

  private static String randomPath(SplittableRandom rnd) {
    StringBuilder b = new StringBuilder();
    int parts = rnd.nextInt(7);
    for (int p = 0; p < parts; p++) {
      b.append(PATH_ATOMS[rnd.nextInt(PATH_ATOMS.length)]);
    }
    return b.toString();
  }
}
