package io.github.goproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.zip.CheckedFiles;
import io.github.goproxy4j.zip.ModuleZip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random modules (mixed-case paths, prerelease versions, nested files) requested with random
 * spellings of the escaping ({@code !x} or {@code %21x}, any other byte percent-encoded): the
 * zip passes x/mod's checks for its module version, the bodies are what was defined, and the
 * sumdb record carries exactly their hashes.
 */
class FakeGoProxyPropertyTest {
  @TempDir Path tmp;

  static Stream<Arguments> seeds() {
    return LongStream.range(0, 12).mapToObj(i -> Arguments.of(0x5EED0000L + i));
  }

  private static String word(SplittableRandom r, boolean mixedCase) {
    String letters = mixedCase ? "abcdefgxyzABCXYZ" : "abcdefgxyz";
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append(letters.charAt(r.nextInt(letters.length())));
    }
    if (r.nextInt(4) == 0) {
      sb.append(r.nextBoolean() ? "-" : ".").append(r.nextInt(10));
    }
    return sb.toString();
  }

  private static String wire(SplittableRandom r, String escaped) {
    StringBuilder sb = new StringBuilder();
    for (char c : escaped.toCharArray()) {
      if (c == '!' && r.nextBoolean()) {
        sb.append("%21");
      } else if (c != '/' && r.nextInt(10) == 0) {
        sb.append(String.format("%%%02X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void servedModulesAreValidAndMatchTheSumdb(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    List<FakeModule> modules = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>();
    for (int i = 0; i < 4; i++) {
      String path = word(r, false) + ".example/" + word(r, true) + (r.nextBoolean() ? "/"
          + word(r, true) : "");
      String version = "v" + r.nextInt(2) + "." + r.nextInt(20) + "." + r.nextInt(20)
          + (r.nextBoolean() ? "-" + word(r, true) : "");
      if (!keys.add(path + "@" + version)) {
        continue;
      }
      FakeModule.Builder b = FakeModule.builder(path, version);
      Map<String, String> files = new LinkedHashMap<>();
      int n = 1 + r.nextInt(5);
      for (int f = 0; f < n; f++) {
        String name = (r.nextBoolean() ? word(r, false) + "/" : "") + word(r, false) + ".go";
        files.putIfAbsent(name, "package p // " + r.nextLong() + "\n");
      }
      files.forEach(b::file);
      modules.add(b.build());
    }
    FakeGoProxy.Builder pb = FakeGoProxy.builder();
    modules.forEach(pb::module);
    try (FakeGoProxy proxy = pb.start()) {
      for (FakeModule m : modules) {
        ModuleVersion mv = ModuleVersion.of(m.path(), m.version());
        String base = "/" + wire(r, mv.escapedPath()) + "/@v/" + wire(r, mv.escapedVersion());
        Http.Response zip = Http.raw(proxy, "GET", base + ".zip");
        assertEquals(200, zip.status(), base);
        Path file = tmp.resolve(seed + "-" + modules.indexOf(m) + ".zip");
        Files.write(file, zip.body());
        CheckedFiles checked = ModuleZip.check(mv, file);
        assertTrue(checked.isValid(), checked.toString());
        assertEquals(m.files().size(), checked.valid().size());
        Http.Response mod = Http.raw(proxy, "GET", base + ".mod");
        assertEquals(m.goMod(), mod.text());
        assertArrayEquals(m.zip(), zip.body());
        String record = proxy.sumdb().record(m.path(), m.version()).orElseThrow();
        assertEquals(m.path() + " " + m.version() + " " + ModuleHash.ofZip(file) + "\n"
            + m.path() + " " + m.version() + "/go.mod "
            + ModuleHash.ofGoMod(m.goMod().getBytes(StandardCharsets.UTF_8)) + "\n", record);
        Http.Response lookup = Http.raw(proxy, "GET", "/sumdb/" + proxy.sumdb().name()
            + "/lookup/" + wire(r, mv.escapedPath()) + "@" + wire(r, mv.escapedVersion()));
        assertEquals(200, lookup.status(), lookup.text());
        assertTrue(lookup.text().contains("\n" + record + "\n"), lookup.text());
        ProxyRequest last = proxy.requests().all().get(proxy.requests().size() - 1);
        assertEquals(m.path(), last.modulePath().orElseThrow());
        assertEquals(m.version(), last.version().orElseThrow());
      }
    }
  }
}
