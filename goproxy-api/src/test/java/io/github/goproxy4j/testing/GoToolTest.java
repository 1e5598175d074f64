package io.github.goproxy4j.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoToolTest {
  @Test
  void buildsAndRunsAProgramAgainstXMod(@TempDir Path work) {
    GoTool.assumeXMod();
    Path bin = GoTool.buildXModProgram(
        "package main\nimport (\"fmt\"; \"golang.org/x/mod/semver\")\n"
            + "func main() { fmt.Println(semver.Canonical(\"v1.2\")) }\n", work);
    GoTool.Result r = GoTool.exec(work, GoTool.hermeticEnv(work), 60, null, bin.toString()).requireOk();
    assertTrue(r.stdout().trim().equals("v1.2.0"), r.stdout());
  }
}
