package io.github.goproxy4j.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testing.GoTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ModuleHash against the real go command: our h1 hashes equal those {@code go mod download -json}
 * reports for modules served from a {@code file://} GOPROXY.
 */
class ModuleHashInteropTest {
  record Mod(String path, String escaped, String version, String goMod, String[] files) {}

  static final List<Mod> MODS = List.of(
      new Mod("example.com/a", "example.com/a", "v1.9.0", "module example.com/a\n\ngo 1.16\n",
          new String[] {"a.go", "package a\n\nconst V = 9\n"}),
      new Mod("example.com/a", "example.com/a", "v1.10.0", "module example.com/a\n\ngo 1.16\n",
          new String[] {"a.go", "package a\n\nconst V = 10\n", "sub/s.go", "package sub\n", "LICENSE", "MIT\n"}),
      new Mod("example.com/b", "example.com/b", "v1.0.0", "module example.com/b\n\nrequire example.com/a v1.9.0\n",
          new String[] {"b.go", "package b\n\nimport _ \"example.com/a\"\n"}),
      new Mod("example.com/Upper", "example.com/!upper", "v1.0.0", "module example.com/Upper\n",
          new String[] {"u.go", "package upper\n", "dir/\u00e9t\u00e9.txt", "\u00e9t\u00e9\n"}));

  static void publish(Path proxy, Mod m) throws IOException {
    Path dir = proxy.resolve(m.escaped).resolve("@v");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(m.version + ".info"), "{\"Version\":\"" + m.version + "\",\"Time\":\"2020-01-01T00:00:00Z\"}");
    Files.writeString(dir.resolve(m.version + ".mod"), m.goMod);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      String prefix = m.path + "@" + m.version + "/";
      z.putNextEntry(new ZipEntry(prefix + "go.mod"));
      z.write(m.goMod.getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < m.files.length; i += 2) {
        z.putNextEntry(new ZipEntry(prefix + m.files[i]));
        z.write(m.files[i + 1].getBytes(StandardCharsets.UTF_8));
      }
    }
    Files.write(dir.resolve(m.version + ".zip"), bytes.toByteArray());
    Path list = dir.resolve("list");
    Files.writeString(list, (Files.exists(list) ? Files.readString(list) : "") + m.version + "\n");
  }

  /** The modules published to a file:// GOPROXY and a main module that go has tidied. */
  record Tidied(Path proxy, Path main, Map<String, String> env, String goSum) {}

  static Tidied tidy(Path work) throws IOException {
    GoTool.assumeGo();
    Path proxy = work.resolve("proxy");
    for (Mod m : MODS) {
      publish(proxy, m);
    }
    Path main = work.resolve("main");
    Files.createDirectories(main);
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.17\n\nrequire (\n"
        + "\texample.com/Upper v1.0.0\n\texample.com/a v1.10.0\n\texample.com/b v1.0.0\n)\n");
    Files.writeString(main.resolve("main.go"), "package main\n\nimport (\n\t_ \"example.com/Upper\"\n"
        + "\t_ \"example.com/a\"\n\t_ \"example.com/a/sub\"\n\t_ \"example.com/b\"\n)\n\nfunc main() {}\n");
    Map<String, String> env = GoTool.hermeticEnv(work);
    env.put("GOPROXY", proxy.toUri().toString().replaceAll("/$", ""));
    env.put("GOFLAGS", "-mod=mod -modcacherw");
    GoTool.Result tidy = GoTool.run(main, env, 120, "mod", "tidy").requireOk();
    String goWrote = Files.readString(main.resolve("go.sum"));
    assertTrue(goWrote.contains("example.com/a v1.9.0/go.mod"), goWrote + tidy.stderr());
    return new Tidied(proxy, main, env, goWrote);
  }

  @Test
  void hashesMatchWhatGoModDownloadReports(@TempDir Path work) throws IOException {
    Tidied t = tidy(work);
    GoSum sums = GoSum.parse(t.goSum());
    for (Mod m : MODS) {
      String json = GoTool.run(t.main(), t.env(), 120, "mod", "download", "-json",
          m.path + "@" + m.version).requireOk().stdout();
      String zipPath = field(json, "Zip");
      assertEquals(field(json, "Sum"), ModuleHash.ofZip(Path.of(zipPath)).toString(), m.path + "@" + m.version);
      assertEquals(field(json, "Sum"), ModuleHash.ofZip(t.proxy().resolve(m.escaped + "/@v/" + m.version + ".zip")).toString());
      assertEquals(field(json, "GoModSum"), ModuleHash.ofGoMod(m.goMod.getBytes(StandardCharsets.UTF_8)).toString());
      assertEquals(field(json, "Sum"), ModuleHash.ofDir(Path.of(field(json, "Dir")), m.path + "@" + m.version).toString());
      List<String> zipSums = sums.hashes(m.path, m.version);
      if (!zipSums.isEmpty()) {
        assertEquals(List.of(field(json, "Sum")), zipSums);
      }
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    assertTrue(m.find(), name + " in " + json);
    return m.group(1).replace("\\\\", "\\");
  }
}
