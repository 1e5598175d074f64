package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes through /bin/sh: input, outputs, environment, directory and the bounds. */
class SubprocessTest {
  @TempDir Path tmp;

  @BeforeEach
  void needsSh() {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "SKIPPED: no /bin/sh");
  }

  private static List<String> sh(String script) {
    return List.of("/bin/sh", "-c", script);
  }

  @Test
  void inputOutputsExitStatusAndDirectory() throws IOException {
    Subprocess.Result r = Subprocess.run(sh("cat; echo err >&2; pwd >&2; exit 3"), tmp, Map.of(), false,
        "in\n".getBytes(StandardCharsets.UTF_8), 30, Subprocess.UNBOUNDED);
    assertEquals(3, r.exit());
    assertEquals("in\n", r.stdoutText());
    assertEquals("err\n" + tmp.toRealPath() + "\n", r.stderrText());
  }

  @Test
  void environmentOnTopOrAlone() throws IOException {
    Map<String, String> env = Map.of("GOPROXY4J_SUBPROCESS", "x");
    String onTop = Subprocess.run(sh("echo \"$GOPROXY4J_SUBPROCESS:$PATH\""), null, env, false, null, 30,
        Subprocess.UNBOUNDED).stdoutText();
    assertEquals("x:" + System.getenv("PATH") + "\n", onTop);
    String alone = Subprocess.run(sh("echo \"$GOPROXY4J_SUBPROCESS:$HOME\""), null, env, true, null, 30,
        Subprocess.UNBOUNDED).stdoutText();
    assertEquals("x:\n", alone);
  }

  @Test
  void outputOverTheBoundStopsTheProcess() {
    IOException e = assertThrows(IOException.class, () -> Subprocess.run(
        sh("head -c 3000000 /dev/zero; sleep 30"), null, Map.of(), false, null, 30, 1 << 20));
    assertEquals("output over 1 MiB", e.getMessage());
    e = assertThrows(IOException.class, () -> Subprocess.run(
        sh("head -c 200 /dev/zero >&2"), null, Map.of(), false, null, 30, 100));
    assertEquals("output over 100 bytes", e.getMessage());
  }

  @Test
  void aProcessRunningTooLongIsStopped() {
    long t0 = System.nanoTime();
    IOException e = assertThrows(Subprocess.TimedOut.class, () -> Subprocess.run(
        sh("sleep 30"), null, Map.of(), false, null, 1, Subprocess.UNBOUNDED));
    assertEquals("timed out", e.getMessage());
    assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "stopped, not waited for");
  }

  @Test
  void aProgramThatCannotStartFails() {
    assertThrows(IOException.class, () -> Subprocess.run(List.of(tmp.resolve("missing").toString()), null,
        Map.of(), false, null, 30, Subprocess.UNBOUNDED));
  }
}
