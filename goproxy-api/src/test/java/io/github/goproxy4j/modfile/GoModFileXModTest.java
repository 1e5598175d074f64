package io.github.goproxy4j.modfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.testing.GoTool;
import io.github.goproxy4j.zip.XModOracle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test against x/mod's {@code modfile.ParseLax(name, data, nil)} (v0.7.0, as the
 * installed go1.19 uses it): x/mod's own modfile test inputs and seeded random go.mod files must
 * give the same module path, deprecation, go version, requirements, retractions (with rationale)
 * and the same error text.
 */
class GoModFileXModTest {
  private static final int SEEDS = 12;
  private static final int FILES_PER_SEED = 120;
  private static final String[] DATA_FILES = {"block.in", "comment.in", "empty.in", "goline.in", "issue70632.in",
      "module.in", "replace.in", "replace2.in", "retract.in"};

  private static final Map<String, byte[]> inputs = new LinkedHashMap<>();
  private static final Map<String, List<String>> expected = new LinkedHashMap<>();

  @BeforeAll
  static void runOracle() throws IOException {
    GoTool.assumeXMod();
    for (String f : DATA_FILES) {
      try (InputStream in = GoModFileXModTest.class.getResourceAsStream("xmod-testdata/" + f)) {
        inputs.put("data/" + f, in.readAllBytes());
      }
    }
    for (Map.Entry<String, byte[]> v : CommentVectors.load().entrySet()) {
      inputs.put("vector/" + v.getKey(), v.getValue());
    }
    for (int seed = 1; seed <= SEEDS; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < FILES_PER_SEED; i++) {
        inputs.put("seed=" + seed + "/" + i, RandomGoMod.generate(r));
      }
    }
    Path dir = Files.createTempDirectory(XModOracle.work(), "gomod");
    List<String> jobs = new ArrayList<>();
    int n = 0;
    for (byte[] data : inputs.values()) {
      Path p = dir.resolve("f" + n++);
      Files.write(p, data);
      jobs.add("modfile\t" + p);
    }
    List<List<XModOracle.Field>> results = XModOracle.run(jobs);
    int i = 0;
    for (String key : inputs.keySet()) {
      List<String> lines = new ArrayList<>();
      results.get(i++).forEach(f -> lines.add(f.tag() + " " + f.value()));
      expected.put(key, lines);
    }
  }

  /** Our result in the oracle's format. */
  static List<String> describe(byte[] data) {
    List<String> lines = new ArrayList<>();
    GoModFile f;
    try {
      f = GoModFile.parse("go.mod", data, "1.19");
    } catch (GoModSyntaxException e) {
      lines.add("E " + e.getMessage());
      return lines;
    }
    f.module().ifPresent(m -> lines.add("M " + m));
    f.deprecated().ifPresent(d -> lines.add("D " + d));
    f.goVersion().ifPresent(g -> lines.add("G " + g));
    for (GoModFile.Require r : f.requires()) {
      lines.add("R " + r.path() + "\0" + r.version() + "\0" + (r.indirect() ? "1" : "0"));
    }
    for (GoModFile.Retraction r : f.retractions()) {
      lines.add("X " + r.low() + "\0" + r.high() + "\0" + r.rationale());
    }
    return lines;
  }

  private static void compare(String key) {
    byte[] data = inputs.get(key);
    assertEquals(expected.get(key), describe(data),
        () -> key + ": input:\n" + new String(data, StandardCharsets.UTF_8));
  }

  @Test
  void xmodTestdataAndVectorsParseAlike() {
    inputs.keySet().stream().filter(k -> !k.startsWith("seed=")).forEach(GoModFileXModTest::compare);
  }

  static Stream<Integer> seeds() {
    return IntStream.rangeClosed(1, SEEDS).boxed();
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void randomGoModsParseAlike(int seed) {
    inputs.keySet().stream().filter(k -> k.startsWith("seed=" + seed + "/")).forEach(GoModFileXModTest::compare);
  }

  @Test
  void someRandomFilesParseAndSomeFail() {
    // the generator must exercise both outcomes, or the comparison proves little
    long errors = expected.values().stream().filter(l -> !l.isEmpty() && l.get(0).startsWith("E ")).count();
    long withRequires = expected.values().stream().filter(l -> l.stream().anyMatch(s -> s.startsWith("R "))).count();
    long withRetract = expected.values().stream().filter(l -> l.stream().anyMatch(s -> s.startsWith("X "))).count();
    long deprecated = expected.values().stream().filter(l -> l.stream().anyMatch(s -> s.startsWith("D "))).count();
    int total = expected.size();
    org.junit.jupiter.api.Assertions.assertTrue(errors > total / 10 && errors < total * 9 / 10,
        "errors: " + errors + " of " + total);
    org.junit.jupiter.api.Assertions.assertTrue(withRequires > total / 10, "requires: " + withRequires);
    org.junit.jupiter.api.Assertions.assertTrue(withRetract > total / 20, "retract: " + withRetract);
    org.junit.jupiter.api.Assertions.assertTrue(deprecated > total / 50, "deprecated: " + deprecated);
  }

  /** Seeded random go.mod text built from fragments that matter to modfile's lexer and rules. */
  static final class RandomGoMod {
    private static final String[] PATHS = {"example.com/m", "\"example.com/m\"", "example.com/m/v2", "gopkg.in/yaml.v2",
        "gopkg.in/yaml", "example.com/m/v1", "foo", "\"\"", "\"a\\x41b\"", "\"bad\\q\"", "a'b", "`raw`",
        "example.com/m/v02", "gopkg.in/x.v0", "example.com/\u00e9", "rsc.io/quote/v3", "\"sp ace\""};
    private static final String[] VERSIONS = {"v1.2.3", "v1.2", "v1", "v2.0.0", "v2.0.0+incompatible",
        "v1.2.3+meta", "v1.2.3-pre.1", "1.2.3", "v0.0.0-20200101000000-abcdefabcdef", "\"v1.0.0\"", "junk",
        "v3.1.0", "v1.2.3-01", "\"v1.\\x32.0\"", "v01.2.3", "latest"};
    private static final String[] GO = {"1.13", "1.21", "1.21.0", "1.21rc1", "v1.2x", "1.2.3.4", "1", "1.013",
        "2.0", "1.24", "1.19", "1.x", "go1.17", "1.17beta"};
    private static final String[] COMMENTS = {"// Deprecated: use v2", "//Deprecated:x", "// indirect",
        "// indirect; because", "// why", "//", "// Deprecated:", "// deprecated: no", "//  spaced  ",
        "// Deprecated: a\u00a0b"};
    private static final String[] JUNK = {"\u0001", "\u00a0", "/*", "*/", "\"unterminated", "(", ")", "[", "]",
        ",", "{", "}", "\u200b", "\\", "`x", "\ufffd"};

    private static final String[] GOOD_PATHS = {"example.com/m", "\"example.com/m\"", "example.com/m/v2",
        "gopkg.in/yaml.v2", "rsc.io/quote/v3", "golang.org/x/mod"};
    private static final String[] GOOD_VERSIONS = {"v1.2.3", "v1.2", "v1.2.3+meta", "v1.2.3-pre.1", "v0.1.0",
        "v0.0.0-20200101000000-abcdefabcdef", "\"v1.0.0\"", "v2.0.0+incompatible"};

    static byte[] generate(SplittableRandom r) {
      if (r.nextBoolean()) {
        return generateMostlyValid(r);
      }
      StringBuilder sb = new StringBuilder();
      int lines = 1 + r.nextInt(9);
      for (int i = 0; i < lines; i++) {
        if (r.nextInt(5) == 0) {
          sb.append(pick(r, COMMENTS)).append(eol(r));
        }
        if (r.nextInt(8) == 0) {
          sb.append(eol(r));
        }
        int kind = r.nextInt(12);
        String indent = r.nextInt(6) == 0 ? "\t" : r.nextInt(8) == 0 ? "  " : "";
        switch (kind) {
          case 0: case 1:
            sb.append(indent).append("module ").append(pick(r, PATHS));
            break;
          case 2:
            sb.append(indent).append("go ").append(pick(r, GO));
            break;
          case 3: case 4:
            sb.append(indent).append("require ").append(pick(r, PATHS)).append(' ').append(pick(r, VERSIONS));
            break;
          case 5: case 6:
            block(r, sb, pick(r, new String[] {"require", "retract", "module", "exclude", "replace", "tool", "go",
                "require foo"}));
            continue;
          case 7: case 8:
            sb.append(indent).append("retract ").append(retractArgs(r));
            break;
          case 9:
            sb.append(indent).append(pick(r, new String[] {"exclude x v1", "replace a => b", "toolchain go1.21",
                "godebug x=1", "ignore ./x", "foo bar", "replace", "unknown (", "tool x"}));
            break;
          default:
            sb.append(pick(r, JUNK)).append(pick(r, PATHS));
        }
        if (r.nextInt(4) == 0) {
          sb.append(' ').append(pick(r, COMMENTS));
        }
        if (r.nextInt(15) == 0) {
          sb.append(' ').append(pick(r, JUNK));
        }
        sb.append(eol(r));
      }
      byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
      if (r.nextInt(25) == 0 && b.length > 0) {
        // an invalid UTF-8 byte somewhere
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int at = r.nextInt(b.length);
        o.write(b, 0, at);
        o.write(0xFF);
        o.write(b, at, b.length - at);
        b = o.toByteArray();
      }
      if (r.nextInt(10) == 0 && b.length > 0) {
        b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
      }
      return b;
    }

    /** Files that usually parse: good tokens, comments, blocks, retractions. */
    private static byte[] generateMostlyValid(SplittableRandom r) {
      StringBuilder sb = new StringBuilder();
      if (r.nextInt(3) == 0) {
        sb.append(pick(r, COMMENTS)).append('\n');
      }
      sb.append("module ").append(pick(r, GOOD_PATHS));
      if (r.nextInt(4) == 0) {
        sb.append(' ').append(pick(r, COMMENTS));
      }
      sb.append(eol(r));
      if (r.nextBoolean()) {
        sb.append(eol(r)).append("go ").append(pick(r, new String[] {"1.13", "1.17", "1.21", "1.21.0"})).append(eol(r));
      }
      int n = r.nextInt(6);
      for (int i = 0; i < n; i++) {
        switch (r.nextInt(4)) {
          case 0:
            sb.append("require ").append(pick(r, GOOD_PATHS)).append(' ').append(pick(r, GOOD_VERSIONS));
            if (r.nextInt(3) == 0) {
              sb.append(' ').append(pick(r, COMMENTS));
            }
            sb.append(eol(r));
            break;
          case 1:
            if (r.nextInt(3) == 0) {
              sb.append(pick(r, COMMENTS)).append(eol(r));
            }
            sb.append("require (").append(eol(r));
            for (int j = r.nextInt(4); j > 0; j--) {
              if (r.nextInt(4) == 0) {
                sb.append('\t').append(pick(r, COMMENTS)).append(eol(r));
              }
              sb.append('\t').append(pick(r, GOOD_PATHS)).append(' ').append(pick(r, GOOD_VERSIONS));
              if (r.nextInt(3) == 0) {
                sb.append(' ').append(pick(r, COMMENTS));
              }
              sb.append(eol(r));
            }
            sb.append(')').append(eol(r));
            break;
          case 2:
            if (r.nextInt(2) == 0) {
              sb.append(pick(r, COMMENTS)).append(eol(r));
            }
            sb.append("retract ").append(retractArgs(r));
            if (r.nextInt(3) == 0) {
              sb.append(' ').append(pick(r, COMMENTS));
            }
            sb.append(eol(r));
            break;
          default:
            block(r, sb, "retract");
            sb.append(eol(r));
        }
      }
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void block(SplittableRandom r, StringBuilder sb, String verb) {
      if (r.nextInt(8) == 0) {
        sb.append(verb).append(" ()").append(eol(r));
        return;
      }
      if (r.nextInt(4) == 0) {
        sb.append(pick(r, COMMENTS)).append(eol(r));
      }
      sb.append(verb).append(" (");
      if (r.nextInt(4) == 0) {
        sb.append(' ').append(pick(r, COMMENTS));
      }
      sb.append(eol(r));
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        if (r.nextInt(4) == 0) {
          sb.append('\t').append(pick(r, COMMENTS)).append(eol(r));
        }
        if (r.nextInt(6) == 0) {
          sb.append(eol(r));
        }
        sb.append('\t');
        if (verb.startsWith("retract")) {
          sb.append(retractArgs(r));
        } else if (verb.equals("module")) {
          sb.append(pick(r, PATHS));
        } else {
          sb.append(pick(r, PATHS)).append(' ').append(pick(r, VERSIONS));
        }
        if (r.nextInt(3) == 0) {
          sb.append(' ').append(pick(r, COMMENTS));
        }
        sb.append(eol(r));
      }
      if (r.nextInt(5) == 0) {
        sb.append('\t').append(pick(r, COMMENTS)).append(eol(r));
      }
      if (r.nextInt(20) != 0) {
        sb.append(')');
        if (r.nextInt(15) == 0) {
          sb.append(" x");
        }
      }
    }

    private static String retractArgs(SplittableRandom r) {
      switch (r.nextInt(5)) {
        case 0: case 1:
          return pick(r, VERSIONS);
        case 2:
          return "[" + pick(r, VERSIONS) + ", " + pick(r, VERSIONS) + "]";
        case 3:
          return "[ " + pick(r, VERSIONS) + " , " + pick(r, VERSIONS) + " ]";
        default:
          return pick(r, new String[] {"[v1.0.0", "[v1.0.0,", "[v1.0.0, v1.1.0", "(v1, v2)", "v1.0.0 extra", "[", "",
              "[ , ]"});
      }
    }

    private static String eol(SplittableRandom r) {
      return r.nextInt(10) == 0 ? "\r\n" : "\n";
    }

    private static String pick(SplittableRandom r, String[] a) {
      return a[r.nextInt(a.length)];
    }
  }
}
