package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link GoSumFiles}: how the main module's go.sum is read, against the real go. */
class GoSumFilesTest {
  /**
   * go rewrites go.sum in place under its lock (lockedfile.Transform: a growing file gets its
   * new tail first, then the old bytes are overwritten), so between those writes the file holds
   * the old head and the new tail; go's readers take the shared lock (lockedfile.Read) and never
   * see that. Here a process holds go's lock on a go.sum left in that torn state (the tidy go.sum
   * with one go.mod line missing, plus the tidy file's last bytes) and on release writes the
   * tidy go.sum: {@code go list -m all} (readonly mode) waits for it and lists the build, and so
   * must the client's {@code listModules}, with the same modules, leaving go.sum as written.
   */
  @ParameterizedTest(name = "go{0} seed={1}")
  @CsvSource({"1.19, 20261206", "1.27, 20261206"})
  void readWaitsWhileGoRewritesGoSum(String release, long seed, @TempDir Path tmp) throws Exception {
    assumeTrue(GoFlock.flockPlatform(), "SKIPPED: go locks go.sum with flock only on Linux and macOS");
    System.out.println("GoSumFilesTest go" + release + " seed=" + seed);
    try (GoUniverseFixture f = GoUniverseFixture.tidy(release, seed, tmp)) {
      Path goSum = f.main.resolve("go.sum");
      String tidy = Files.readString(goSum);
      List<String> goModLines = new ArrayList<>();
      for (String l : tidy.split("\n")) {
        if (l.split(" ")[1].endsWith("/go.mod") && !tidy.endsWith(l + "\n")) {
          goModLines.add(l + "\n");
        }
      }
      String missing = goModLines.get(f.random.nextInt(goModLines.size()));
      String old = tidy.replace(missing, "");
      String torn = old + tidy.substring(old.length());
      String ctx = "go" + release + " seed=" + seed + " go.sum while go rewrites it:\n" + torn + "\n" + f.context();
      Path content = tmp.resolve("tidy.sum");
      Files.writeString(content, tidy);
      Path bin = GoFlock.binary();

      Map<String, String> goEnv = f.goEnv(tmp.resolve("go-cache"));
      Files.writeString(goSum, torn);
      GoTool.Result listed;
      try (GoFlock.Holder go = GoFlock.hold(bin, goSum, content)) {
        listed = go.assertBlocksUntilReleased(() -> f.go(f.main, goEnv, "list", "-m", "all"));
      }
      assertEquals(0, listed.exitCode(), ctx + "\n" + listed.stderr());
      assertEquals(tidy, Files.readString(goSum), ctx);

      Files.writeString(goSum, torn);
      List<ListedModule> ours;
      try (GoProxyClient c = f.client(tmp.resolve("our-cache"));
          GoFlock.Holder go = GoFlock.hold(bin, goSum, content)) {
        ours = go.assertBlocksUntilReleased(() -> c.listModules(f.main, false));
      }
      StringBuilder text = new StringBuilder();
      ours.forEach(m -> text.append(m.path()).append(m.version().isEmpty() ? "" : " " + m.version()).append('\n'));
      assertEquals(listed.stdout(), text.toString(), ctx);
      assertEquals(tidy, Files.readString(goSum), ctx);
    }
  }
}
