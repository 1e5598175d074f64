package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.testing.GoTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code go list -m [-u] [-versions] [-retracted] [-e] [-json] args} against {@link GoProxyClient#listModules(Path,
 * List, ListFlags, java.util.function.Consumer)} in one directory with one environment: standard output (each
 * module's line), the error text and the exit status must be go's.
 */
final class GoListM {
  private GoListM() {}

  /**
   * Runs both and asserts they agree.
   *
   * @param what what the failure message says first (seed, layout)
   */
  static void assertSameAsGo(GoTool.Go go, Path dir, Map<String, String> env, List<String> args, boolean updates,
      String what) throws Exception {
    assertSameAsGo(go, dir, env, args, ListFlags.builder().updates(updates).build(), false, what);
  }

  /**
   * Runs {@code go list -m} with the flags ({@code -u}, {@code -versions}, and {@code -json} when
   * {@code json}) and the client, and asserts they agree: each module's go line
   * ({@link ListedModule#versionsText()} with {@code -versions}) or JSON object.
   *
   * @param what what the failure message says first (seed, layout)
   * @return go's result
   */
  static GoTool.Result assertSameAsGo(GoTool.Go go, Path dir, Map<String, String> env, List<String> args,
      ListFlags flags, boolean json, String what) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("list", "-m"));
    if (flags.updates()) {
      cmd.add("-u");
    }
    if (flags.versions()) {
      cmd.add("-versions");
    }
    if (flags.retracted()) {
      cmd.add("-retracted");
    }
    if (flags.allowErrors()) {
      cmd.add("-e");
    }
    if (json) {
      cmd.add("-json");
    }
    cmd.addAll(args);
    GoTool.Result theirs = go.run(dir, env, 60, cmd.toArray(new String[0]));
    String out = "";
    StringBuilder warnings = new StringBuilder();
    String err = "";
    int status = 0;
    try (GoProxyClient client = GoProxyClient.builder()
        .env(GoEnv.builder().environment(env).noUserEnvFile().goVersion(go.release()).build()).build()) {
      StringBuilder lines = new StringBuilder();
      for (ListedModule m : client.listModules(dir, args, flags, w -> warnings.append(w).append('\n'))) {
        lines.append(json ? m.toJson(go.release()) : (flags.versions() ? m.versionsText() : m) + "\n");
      }
      out = lines.toString();
    } catch (ListedWithErrorsException e) {
      StringBuilder lines = new StringBuilder();
      for (ListedModule m : e.modules()) {
        lines.append(json ? m.toJson(go.release()) : (flags.versions() ? m.versionsText() : m) + "\n");
      }
      out = lines.toString();
      err = e.goText() + "\n";
      status = 1;
    } catch (ModuleGraphException e) {
      err = e.goText() + "\n";
      status = 1;
    } catch (GoProxyException e) {
      err = "go: " + e.getMessage() + "\n";
      status = 1;
    }
    String ctx = go + " " + what + "\nGOFLAGS=" + env.get("GOFLAGS") + " go " + String.join(" ", cmd) + " in " + dir;
    assertEquals(theirs.stderr(), warnings + err, ctx);
    assertEquals(theirs.stdout(), out, ctx);
    assertEquals(theirs.exitCode(), status, ctx);
    return theirs;
  }
}
