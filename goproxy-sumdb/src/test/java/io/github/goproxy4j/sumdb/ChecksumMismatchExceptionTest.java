package io.github.goproxy4j.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoTool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which record a {@link ChecksumMismatchException} contradicts ({@link
 * ChecksumMismatchException#isGoSumMismatch()}): go.sum's, which the go command makes fatal, or
 * the checksum database's.
 */
class ChecksumMismatchExceptionTest {
  static final String H1 = "h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=";
  static final String H2 = "h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=";
  static final String WRONG = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  @TempDir Path tmp;

  static Stream<GoTool.Go> edgeReleases() {
    return GoTool.edgeReleases();
  }

  /**
   * go's own go.sum mismatch (haveModSumLocked's fatal text, printed bare) is our go.sum check's
   * message byte for byte; both say go.sum, and the public constructor reads it so from go's text.
   */
  @ParameterizedTest
  @MethodSource("edgeReleases")
  void goSumMismatchAsGo(GoTool.Go go) throws Exception {
    GoTool.assumeGo(go);
    Path proxy = tmp.resolve("proxy");
    ChecksumDatabaseInteropTest.writeModule(proxy, "example.com/m", "v1.0.0", "package m\n");
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), "module example.com/main\n\ngo 1.16\n\nrequire example.com/m v1.0.0\n");
    String goSum = "example.com/m v1.0.0 " + WRONG + "\n";
    Files.writeString(main.resolve("go.sum"), goSum);
    Map<String, String> env = go.hermeticEnv(tmp.resolve("go"));
    env.put("GOMODCACHE", tmp.resolve("modcache").toString());
    env.put("GOPROXY", proxy.toUri().toString());
    GoTool.Result r = go.run(main, env, 120, "mod", "download", "example.com/m");
    assertEquals(1, r.exitCode(), r.stderr());
    Matcher downloaded = Pattern.compile("\tdownloaded: (h1:\\S+)\n").matcher(r.stderr());
    assertTrue(downloaded.find(), r.stderr());

    ModuleVersion mv = ModuleVersion.of("example.com/m", "v1.0.0");
    ChecksumMismatchException ours = assertThrows(ChecksumMismatchException.class,
        () -> GoSum.read(main.resolve("go.sum")).checkZip(mv, ModuleHash.parse(downloaded.group(1))));
    assertEquals(r.stderr(), ours.getMessage());
    assertTrue(ours.isGoSumMismatch());
    assertEquals(WRONG, ours.expected());
    assertEquals(downloaded.group(1), ours.actual());

    ChecksumMismatchException fromGoText =
        new ChecksumMismatchException("example.com/m", "v1.0.0", WRONG, downloaded.group(1), r.stderr());
    assertTrue(fromGoText.isGoSumMismatch());
    assertEquals(r.stderr(), fromGoText.getMessage());
  }

  @Test
  void goSumFactoryContradictsTheSumFileWhateverItsLabel() {
    for (String label : new String[] {"go.sum", "go.work.sum", "/w/m/go.sum"}) {
      ChecksumMismatchException e = ChecksumMismatchException.goSumMismatch("example.com/m", "v1.0.0/go.mod", H1, H2,
          label);
      assertTrue(e.isGoSumMismatch(), label);
      assertEquals("verifying example.com/m@v1.0.0/go.mod: checksum mismatch\n\tdownloaded: " + H1 + "\n\t" + label
          + ":     " + H2 + ChecksumMismatchException.GO_SUM_MISMATCH, e.getMessage());
    }
  }

  /** The checksum database's answers, over loopback HTTP: a different hash, and none for the module. */
  @Test
  void checksumDatabaseMismatchAndMissingHashAreNotGoSums() throws Exception {
    try (SumdbFakeDb fake = new SumdbFakeDb(SumdbFakeDb.newKey());
        ChecksumDatabase db = ChecksumDatabase.builder().checksumDb(fake.checksumDb())
            .transport(new SumdbTestTransport()).stateDir(tmp.resolve("gopath/pkg/sumdb"))
            .cacheDir(tmp.resolve("modcache/cache/download/sumdb")).build()) {
      fake.add("example.com/m", "v1.0.0", H1, H2);
      fake.addRecord("example.com/b@v1.0.0", "example.com/other v1.0.0 " + H1 + "\n");
      ModuleVersion m = ModuleVersion.of("example.com/m", "v1.0.0");
      ChecksumMismatchException zip = assertThrows(ChecksumMismatchException.class,
          () -> db.verifyZip(m, ModuleHash.parse(WRONG)));
      assertFalse(zip.isGoSumMismatch());
      assertTrue(zip.getMessage().endsWith(ChecksumMismatchException.SUMDB_MISMATCH), zip.getMessage());
      ChecksumMismatchException mod = assertThrows(ChecksumMismatchException.class,
          () -> db.verifyGoMod(m, ModuleHash.parse(WRONG)));
      assertFalse(mod.isGoSumMismatch());
      assertEquals("v1.0.0/go.mod", mod.version());
      ChecksumMismatchException missing = assertThrows(ChecksumMismatchException.class,
          () -> db.verifyZip(ModuleVersion.of("example.com/b", "v1.0.0"), ModuleHash.parse(H1)));
      assertFalse(missing.isGoSumMismatch());
      assertTrue(missing.getMessage().contains("checksum missing from sumdb response"), missing.getMessage());
    }
    ChecksumMismatchException factory = ChecksumMismatchException.sumdbMismatch("example.com/m", "v1.0.0", WRONG,
        "sum.golang.org", H1);
    assertFalse(factory.isGoSumMismatch());
  }

  /** The public constructor takes the record from the message: go.sum's text at its end, else not. */
  @Test
  void constructorReadsTheRecordFromTheMessage() {
    String goSum = "verifying example.com/m@v1.0.0: checksum mismatch\n\tdownloaded: " + H1 + "\n\tgo.sum:     " + H2
        + ChecksumMismatchException.GO_SUM_MISMATCH;
    assertTrue(new ChecksumMismatchException("example.com/m", "v1.0.0", H2, H1, goSum).isGoSumMismatch());
    String sumdb = "example.com/m@v1.0.0: verifying module: checksum mismatch\n\tdownloaded: " + H1
        + "\n\tsum.golang.org: " + H2 + ChecksumMismatchException.SUMDB_MISMATCH;
    assertFalse(new ChecksumMismatchException("example.com/m", "v1.0.0", H2, H1, sumdb).isGoSumMismatch());
    // go.sum's explanation not at the end (something added after it): not taken as go.sum's
    assertFalse(new ChecksumMismatchException("example.com/m", "v1.0.0", H2, H1, goSum + "more\n").isGoSumMismatch());
    assertFalse(new ChecksumMismatchException("example.com/m", "v1.0.0", H2, H1, "mismatch").isGoSumMismatch());
    assertFalse(new ChecksumMismatchException("example.com/m", "v1.0.0", H2, H1, null).isGoSumMismatch());
  }

  @Test
  void serializationKeepsTheRecord() throws Exception {
    ChecksumMismatchException goSum = ChecksumMismatchException.goSumMismatch("example.com/m", "v1.0.0", H1, H2,
        "go.work.sum");
    ChecksumMismatchException sumdb = ChecksumMismatchException.sumdbMismatch("example.com/m", "v1.0.0", H1,
        "sum.golang.org", H2);
    for (ChecksumMismatchException e : new ChecksumMismatchException[] {goSum, sumdb}) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
        out.writeObject(e);
      }
      ChecksumMismatchException back;
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(buf.toByteArray()))) {
        back = (ChecksumMismatchException) in.readObject();
      }
      assertEquals(e.isGoSumMismatch(), back.isGoSumMismatch());
      assertEquals(e.getMessage(), back.getMessage());
      assertEquals(e.module(), back.module());
      assertEquals(e.expected(), back.expected());
      assertEquals(e.actual(), back.actual());
    }
  }
}
