package io.github.goproxy4j.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.internal.GoText;
import io.github.goproxy4j.internal.UnicodeTables;
import io.github.goproxy4j.module.InvalidModulePathException;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two x/mod rules that depend on Unicode — {@code module.CheckFilePath} ({@code IsLetter}) and
 * the zip's case-insensitive collision check ({@code SimpleFold}), with their quoted messages
 * ({@code strconv.IsPrint}) — against x/mod built by the real go of the oldest and the newest
 * installed release, with {@code goVersion} set to that release. Inputs: every
 * code point whose letterhood or printability differs between Go's Unicode versions, every fold
 * pair of every version, and seeded random code points.
 */
class ModuleZipGoReleasesTest {
  private static final long SEED = 20261205L;

  @TempDir static Path work;

  /**
   * The oldest and the newest installed go (go1.19 and go1.27 here: Unicode 13 and 17). Building
   * x/mod costs a standard-library compile per release; every release's tables are checked
   * code point by code point in {@code UnicodeTablesTest}.
   */
  static Stream<Path> releases() throws IOException {
    List<Path> gos = new ArrayList<>();
    Path system = Paths.get("/usr/bin/go");
    if (Files.isExecutable(system)) {
      gos.add(system);
    }
    try (Stream<Path> dirs = Files.list(Paths.get("/usr/lib"))) {
      dirs.filter(d -> d.getFileName().toString().matches("go-1\\.\\d+") && Files.isExecutable(d.resolve("bin/go")))
          .sorted((a, b) -> Integer.compare(minorOf(a), minorOf(b)))
          .forEach(d -> gos.add(d.resolve("bin/go")));
    } catch (IOException e) {
      // only /usr/bin/go
    }
    Map<String, Path> byVersion = new LinkedHashMap<>();
    for (Path go : gos) {
      byVersion.putIfAbsent(version(go).replaceFirst("^(go1\\.\\d+).*$", "$1"), go);
    }
    List<Path> distinct = new ArrayList<>(byVersion.values());
    distinct.sort((a, b) -> Integer.compare(minorOfGo(a), minorOfGo(b)));
    return distinct.isEmpty() ? Stream.empty()
        : distinct.size() == 1 ? Stream.of(distinct.get(0))
        : Stream.of(distinct.get(0), distinct.get(distinct.size() - 1));
  }

  private static int minorOfGo(Path go) {
    return Integer.parseInt(version(go).replaceFirst("^go1\\.(\\d+).*$", "$1"));
  }

  private static int minorOf(Path goDir) {
    String n = goDir.getFileName() == null ? "" : goDir.getFileName().toString();
    return n.matches("go-1\\.\\d+") ? Integer.parseInt(n.substring(5)) : -1;
  }

  private static String version(Path go) {
    return GoTool.exec(Paths.get("."), Map.of("PATH", "/usr/bin:/bin", "HOME", "/nonexistent"), 60, null,
        go.toString(), "env", "GOVERSION").requireOk().stdout().trim();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void filePathsAndCollisionsAnswerAsXModBuiltByThatRelease(Path go) throws IOException {
    GoTool.assumeXMod();
    String goVersion = version(go).substring(2).replaceFirst("^(1\\.\\d+).*$", "$1");
    UnicodeTables[] all = {UnicodeTables.forGoMinor(19), UnicodeTables.forGoMinor(21), UnicodeTables.newest()};

    Set<Integer> runes = new LinkedHashSet<>(List.of(0x1C8A, 0x1C89, 0x31350, 0x212A, 0x130, 0x131, 0xDF));
    for (int r = 0x80; r <= 0x10FFFF; r++) {
      for (UnicodeTables t : all) {
        if (t.isLetter(r) != all[0].isLetter(r) || t.strconvIsPrint(r) != all[0].strconvIsPrint(r)
            || t.simpleFold(r) != all[0].simpleFold(r)) {
          runes.add(r);
        }
      }
    }
    SplittableRandom random = new SplittableRandom(SEED);
    for (int k = 0; k < 3000; k++) {
      int r = random.nextInt(0x80, 0x110000);
      if (r < 0xD800 || r > 0xDFFF) {
        runes.add(r);
      }
    }
    List<String[]> jobs = new ArrayList<>();
    for (int r : runes) {
      jobs.add(new String[] {"F", "a/" + new String(Character.toChars(r)) + ".go"});
    }
    Set<List<Integer>> pairs = new LinkedHashSet<>();
    for (UnicodeTables t : all) {
      for (int r = 0; r <= 0x10FFFF; r++) {
        if (t.simpleFold(r) != r) {
          pairs.add(List.of(r, t.simpleFold(r)));
        }
      }
    }
    for (int k = 0; k < 500; k++) {
      pairs.add(List.of(random.nextInt(0x80, 0x3000), random.nextInt(0x80, 0x3000)));
    }
    for (List<Integer> p : pairs) {
      if (!Character.isSurrogate((char) (int) p.get(0)) && !Character.isSurrogate((char) (int) p.get(1))) {
        jobs.add(new String[] {"C", "a/" + new String(Character.toChars(p.get(0))),
            "a/" + new String(Character.toChars(p.get(1)))});
      }
    }

    List<String> answers = runOracle(go, jobs);
    assertEquals(jobs.size(), answers.size());
    int differences = 0;
    StringBuilder report = new StringBuilder();
    for (int i = 0; i < jobs.size(); i++) {
      String[] job = jobs.get(i);
      String theirs = answers.get(i);
      String ours = job[0].equals("F") ? checkFilePath(job[1], goVersion) : collision(job[1], job[2], goVersion);
      if (!theirs.equals(ours)) {
        if (differences++ < 5) {
          report.append('\n').append(String.join(" ", job[0], GoText.quote(job[1]),
              job.length > 2 ? GoText.quote(job[2]) : "")).append("\n  go:   ").append(GoText.quote(theirs))
              .append("\n  ours: ").append(GoText.quote(ours));
        }
      }
    }
    assertEquals(0, differences, "go" + goVersion + ": " + differences + " of " + jobs.size() + " differ" + report);
    assertTrue(jobs.size() > 5000, "jobs " + jobs.size());
  }

  private static String checkFilePath(String path, String goVersion) {
    try {
      ModulePath.checkFilePath(path, goVersion);
      return "ok";
    } catch (InvalidModulePathException e) {
      return e.getMessage();
    }
  }

  private static String collision(String a, String b, String goVersion) {
    try {
      CheckedFiles cf = ModuleZip.checkFiles(
          List.of(ModuleFile.of(a, new byte[0]), ModuleFile.of(b, new byte[0])), goVersion);
      if (cf.invalid().isEmpty()) {
        return "ok";
      }
      FileError e = cf.invalid().get(0);
      return e.path() + ": " + e.message();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> runOracle(Path go, List<String[]> jobs) throws IOException {
    Path dir = work.resolve(version(go));
    Path src = dir.resolve("gopath/src/unicoderules");
    Files.createDirectories(src);
    try (InputStream in = ModuleZipGoReleasesTest.class.getResourceAsStream("unicode-rules-oracle.go.txt")) {
      Files.write(src.resolve("main.go"), in.readAllBytes());
    }
    Map<String, String> env = GoTool.hermeticEnv(dir);
    env.put("GO111MODULE", "off");
    env.put("GOPATH", dir.resolve("gopath") + java.io.File.pathSeparator + GoTool.DEBIAN_GOCODE);
    Path bin = dir.resolve("unicode-rules-oracle");
    GoTool.exec(src, env, 300, null, go.toString(), "build", "-o", bin.toString(), ".").requireOk();
    StringBuilder in = new StringBuilder();
    for (String[] job : jobs) {
      in.append(job[0]);
      for (int i = 1; i < job.length; i++) {
        in.append('\t').append(GoText.quote(job[i]));
      }
      in.append('\n');
    }
    String out = GoTool.exec(dir, env, 300, in.toString().getBytes(StandardCharsets.UTF_8), bin.toString())
        .requireOk().stdout();
    List<String> answers = new ArrayList<>();
    for (String line : out.split("\n")) {
      answers.add(line.equals("ok") ? line
          : new String(GoText.unquoteDoubleQuoted(line.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }
    return answers;
  }
}
