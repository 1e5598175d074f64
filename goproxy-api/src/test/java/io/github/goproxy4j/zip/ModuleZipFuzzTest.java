package io.github.goproxy4j.zip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Zip totality: for any bytes, {@link ModuleZip#check} returns or throws the documented
 * {@link InvalidModuleZipException}; {@link ModuleZip#unzip} additionally never writes outside
 * its target and leaves nothing behind when it fails. Seeds: {@code ModuleZipFuzzTestInputs/}.
 */
class ModuleZipFuzzTest {
  private static final ModuleVersion MV = ModuleVersion.of("example.com/m", "v1.0.0");

  @FuzzTest(maxDuration = "30s")
  void checkAndUnzip(byte[] data) throws IOException {
    Path root = Files.createTempDirectory("goproxy4j-zipfuzz");
    try {
      Path zip = Files.write(root.resolve("m.zip"), data);
      boolean valid;
      try {
        ModuleZip.check(MV, zip);
        valid = true;
      } catch (InvalidModuleZipException e) {
        valid = false;
        assertFalse(e.getMessage().isEmpty());
      }
      Path out = root.resolve("out/example.com/m@v1.0.0");
      try {
        ModuleZip.unzip(MV, zip, out);
        assertTrue(valid, "unzip accepted a zip that check rejected");
      } catch (InvalidModuleZipException e) {
        assertTrue(e.getMessage().startsWith("unzip " + zip + ": "), e.getMessage());
        assertFalse(Files.exists(out), "a failed unzip left files behind");
      }
      try (Stream<Path> s = Files.walk(root)) {
        s.forEach(p -> assertTrue(p.equals(root) || p.equals(zip) || p.startsWith(root.resolve("out")),
            () -> "written outside the target: " + p));
      }
      if (Files.isDirectory(out.getParent())) {
        try (Stream<Path> s = Files.list(out.getParent())) {
          assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "a temporary tree was left");
        }
      }
    } finally {
      ModuleZip.deleteTree(root);
    }
  }
}
