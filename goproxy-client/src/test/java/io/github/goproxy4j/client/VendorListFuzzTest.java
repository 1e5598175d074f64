package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.modfile.GoModFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes {@link VendorList} with arbitrary vendor/modules.txt bytes against a go.mod with
 * requirements and replacements, for an old and a new release: reading, the consistency and
 * root checks and the selected versions either answer or fail with go's error
 * ({@link GoProxyException}), never with another exception. Without {@code JAZZER_FUZZ=1} this
 * replays the seeds under {@code VendorListFuzzTestInputs/}.
 */
class VendorListFuzzTest {
  private static final GoModFile GO_MOD = GoModFile.parse("go.mod", ("module example.com/main\n\ngo 1.17\n\n"
      + "require (\n\texample.com/a v1.2.0\n\texample.com/c/v2 v2.0.0 // indirect\n)\n\n"
      + "replace example.com/a => example.com/fork v1.0.1\n\nreplace example.com/c/v2 v2.0.0 => ./local\n")
      .getBytes(StandardCharsets.UTF_8));

  @FuzzTest(maxDuration = "30s")
  void vendorList(FuzzedDataProvider data) throws IOException {
    String release = data.consumeBoolean() ? "1.19" : "1.27";
    byte[] text = data.consumeRemainingAsBytes();
    Path dir = Files.createTempDirectory("vendorfuzz");
    try {
      Files.write(dir.resolve("modules.txt"), text);
      VendorList v;
      try {
        v = VendorList.read(dir, "vendor/modules.txt", release, "local");
      } catch (GoProxyException e) {
        assertFalse(e.getMessage().isEmpty());
        return;
      }
      try {
        v.checkConsistency(GO_MOD, dir, "go.mod", release);
        v.checkRoots(GO_MOD, "updates to go.mod needed");
      } catch (GoProxyException e) {
        assertFalse(e.getMessage().isEmpty());
      }
      v.selected(GO_MOD, "example.com/a");
      v.selected(GO_MOD, "example.com/zzz");
    } finally {
      Files.deleteIfExists(dir.resolve("modules.txt"));
      Files.delete(dir);
    }
  }
}
