package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's path.Clean, and isClean (whether Clean leaves a path unchanged), against Go. */
class GoPathTest {

  static Stream<String[]> goVectors() throws IOException {
    try (InputStream in = GoPathTest.class.getResourceAsStream("path-clean-vectors.tsv")) {
      List<String[]> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        out.add(new String[] {f[0].equals("\"\"") ? "" : f[0], f[1]});
      }
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("goVectors")
  void cleanMatchesGoVectors(String path, String clean) {
    assertEquals(clean, GoPath.clean(path));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("goVectors")
  void isCleanTellsWhetherCleanChangesThePath(String path, String clean) {
    assertEquals(path.equals(clean), GoPath.isClean(path), path);
    assertEquals(true, GoPath.isClean(clean), clean);
  }

  /** A Go program printing, per line of input, whether path.Clean leaves it unchanged. */
  private static final String ORACLE = String.join("\n",
      "package main",
      "import (\"bufio\"; \"fmt\"; \"os\"; \"path\")",
      "func main() {",
      "  s := bufio.NewScanner(os.Stdin)",
      "  for s.Scan() { p := s.Text()[1:]; fmt.Println(path.Clean(p) == p) }",
      "}",
      "");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void isCleanAgreesWithGoOnRandomPaths(long seed, @TempDir Path work) {
    GoTool.assumeGo();
    Random rnd = new Random(seed);
    String[] pieces = {"a", "b", ".", "..", "...", "/", "/", ".a", "a."};
    List<String> paths = new ArrayList<>();
    StringBuilder stdin = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      StringBuilder p = new StringBuilder();
      for (int k = rnd.nextInt(7); k > 0; k--) {
        p.append(pieces[rnd.nextInt(pieces.length)]);
      }
      paths.add(p.toString());
      stdin.append('>').append(p).append('\n'); // a prefix keeps the empty path a line
    }
    Path bin = GoTool.buildXModProgram(ORACLE, work);
    String out = GoTool.exec(work, GoTool.hermeticEnv(work), 60, stdin.toString().getBytes(StandardCharsets.UTF_8),
        bin.toString()).requireOk().stdout();
    String[] go = out.split("\n");
    assertEquals(paths.size(), go.length);
    for (int i = 0; i < go.length; i++) {
      assertEquals(Boolean.parseBoolean(go[i]), GoPath.isClean(paths.get(i)), "isClean(\"" + paths.get(i) + "\")");
    }
  }
}
