package io.github.goproxy4j.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** go.sum reading and writing as the go command does it. */
class GoSumTest {
  static final String H1 = "h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=";
  static final String H2 = "h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=";
  static final String H3 = "h1:7uVkIFmeBqHfdjD+gZwtXXI+RODJ2Wc4O7MPEh/QiW4=";

  /** A go.sum in the go command's order: path, semver, then /go.mod; hashes sorted. */
  static final String CANONICAL = String.join("\n",
      "example.com/a v1.2.0 " + H1,
      "example.com/a v1.2.0/go.mod " + H2,
      "example.com/a v1.9.0/go.mod " + H2,
      "example.com/a v1.10.0-pre.1 " + H1,
      "example.com/a v1.10.0 " + H3,
      "example.com/a v1.10.0 " + H1,
      "example.com/a v1.10.0/go.mod " + H2,
      "example.com/a/v2 v2.0.0 " + H1,
      "example.com/ab v0.0.0-20170915032832-14c0d48ead0c " + H1,
      "example.com/ab v0.1.0 h2:xyzzy",
      "golang.org/x/text v0.3.0/go.mod " + H3,
      "rsc.io/Quote v1.5.2 " + H1,
      "rsc.io/quote v1.5.2 " + H1,
      "rsc.io/quote v1.5.2/go.mod " + H2,
      "") ;

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void shuffledDuplicatedInputFormatsCanonically(long seed) {
    List<String> lines = new ArrayList<>(Arrays.asList(CANONICAL.split("\n")));
    Random r = new Random(seed);
    List<String> noisy = new ArrayList<>(lines);
    noisy.add(lines.get(r.nextInt(lines.size())));          // duplicate
    noisy.add("");                                           // blank line
    noisy.add("  \t ");                                      // white-space-only line
    noisy.add("example.com/x v1.0.0/go.mod " + GoSum.EMPTY_GO_MOD_HASH); // dropped as in Go
    Collections.shuffle(noisy, r);
    String text = String.join(r.nextBoolean() ? "\n" : " \t\n", noisy);
    assertEquals(CANONICAL, GoSum.parse(text).format());
  }

  static Stream<Arguments> seeds() {
    return new Random(42).longs(8).mapToObj(Arguments::of);
  }

  @Test
  void fieldsSplitOnGoWhiteSpace() {
    GoSum s = GoSum.parse("rsc.io/quote\u00a0v1.5.2\u2003" + H1 + "\r\n");
    assertEquals(List.of(H1), s.hashes("rsc.io/quote", "v1.5.2"));
  }

  @Test
  void wrongNumberOfFields() {
    GoSumFormatException e = assertThrows(GoSumFormatException.class,
        () -> GoSum.parse("rsc.io/quote v1.5.2 " + H1 + "\n\nrsc.io/quote v1.5.2\n"));
    assertEquals("malformed go.sum:\ngo.sum:3: wrong number of fields 2", e.getMessage());
    assertEquals(3, e.line());
    e = assertThrows(GoSumFormatException.class, () -> GoSum.parse("/tmp/x/go.sum", "a b c d"));
    assertEquals("malformed go.sum:\n/tmp/x/go.sum:1: wrong number of fields 4", e.getMessage());
  }

  @Test
  void invalidUtf8NamesTheLine() {
    byte[] data = ("a b " + H1 + "\nx\u00e9 y z\n").getBytes(StandardCharsets.UTF_8);
    data[data.length - 7] = (byte) 0xff;
    GoSumFormatException e = assertThrows(GoSumFormatException.class, () -> GoSum.parse("go.sum", data));
    assertEquals(2, e.line());
  }

  @Test
  void checkAsTheGoCommand() throws Exception {
    GoSum s = GoSum.parse(CANONICAL);
    ModuleVersion q = ModuleVersion.of("rsc.io/quote", "v1.5.2");
    assertTrue(s.checkZip(q, ModuleHash.parse(H1)));
    assertTrue(s.checkGoMod(q, ModuleHash.parse(H2)));
    ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> s.checkZip(q, ModuleHash.parse(H3)));
    assertEquals("verifying rsc.io/quote@v1.5.2: checksum mismatch\n\tdownloaded: " + H3 + "\n\tgo.sum:     " + H1
        + "\n\nSECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.\n"
        + "The bits may have been replaced on the origin server, or an attacker may\n"
        + "have intercepted the download attempt.\n\nFor more information, see 'go help module-auth'.\n",
        e.getMessage());
    assertEquals("rsc.io/quote@v1.5.2", e.module());
    assertEquals(H1, e.expected());
    assertEquals(H3, e.actual());
    ChecksumMismatchException g = assertThrows(ChecksumMismatchException.class, () -> s.checkGoMod(q, ModuleHash.parse(H1)));
    assertTrue(g.getMessage().startsWith("verifying rsc.io/quote@v1.5.2/go.mod: checksum mismatch"), g.getMessage());
    // Unknown module: nothing recorded.
    assertFalse(s.checkZip(ModuleVersion.of("rsc.io/sampler", "v1.3.0"), ModuleHash.parse(H1)));
    // Only unknown-algorithm hashes: not a mismatch.
    assertFalse(s.check("example.com/ab", "v0.1.0", H1));
    // Several h1 hashes: scanned in file order, as Go's haveModSumLocked; the first differing
    // h1 hash is a mismatch even if a later one would match.
    assertTrue(s.check("example.com/a", "v1.10.0", H3));
    assertThrows(ChecksumMismatchException.class, () -> s.check("example.com/a", "v1.10.0", H1));
  }

  @Test
  void addAndWrite(@TempDir Path dir) throws IOException {
    ModuleVersion q = ModuleVersion.of("rsc.io/quote", "v1.5.2");
    GoSum s = GoSum.empty().with(q, ModuleHash.parse(H1), ModuleHash.parse(H2))
        .with("golang.org/x/text", "v0.3.0/go.mod", H3)
        .with(q, ModuleHash.parse(H1), ModuleHash.parse(H2));
    Path f = dir.resolve("go.sum");
    s.write(f);
    assertEquals("golang.org/x/text v0.3.0/go.mod " + H3 + "\nrsc.io/quote v1.5.2 " + H1 + "\nrsc.io/quote v1.5.2/go.mod "
        + H2 + "\n", Files.readString(f));
    assertEquals(s, GoSum.read(f));
    assertEquals(s.format(), GoSum.parse(f).format());
    assertEquals(3, GoSum.read(f).size());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
    assertEquals(GoSum.empty(), GoSum.read(dir.resolve("missing.sum")));
    assertEquals("", GoSum.empty().format());
    assertThrows(IllegalArgumentException.class, () -> GoSum.empty().with("a b", "v1.0.0", H1));
    assertThrows(IllegalArgumentException.class, () -> GoSum.empty().with("a", "", H1));
    assertThrows(NullPointerException.class, () -> GoSum.empty().with("a", "v1.0.0", null));
  }

  /** Defect 5: go.sum keeps its mode (it was left 0600) and its inode, as go's in-place edit. */
  @Test
  void writeKeepsTheFilesModeAndIdentity(@TempDir Path dir) throws IOException {
    assumeTrue(GoFlock.flockPlatform());
    Path f = dir.resolve("go.sum");
    Files.writeString(f, "example.com/a v1.0.0 " + H1 + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
    Object inode = Files.getAttribute(f, "unix:ino");
    GoSum.read(f).with("example.com/b", "v1.0.0", H2).write(f);
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertEquals(inode, Files.getAttribute(f, "unix:ino"));
    assertEquals(2, GoSum.read(f).size());
    GoSum.empty().with("example.com/c", "v1.0.0", H3).write(f);
    assertEquals("example.com/c v1.0.0 " + H3 + "\n", Files.readString(f));
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  /**
   * Defect 5: go.sum is written under go's lock. While a go process holds it (editing go.sum, as
   * lockedfile.Transform does), write waits, and goes after go's edit instead of being lost to it.
   */
  @Test
  void writeWaitsForGosLockOnGoSum(@TempDir Path dir) throws Exception {
    assumeTrue(GoFlock.flockPlatform());
    GoTool.assumeGo();
    Path f = dir.resolve("go.sum");
    Files.writeString(f, "");
    Path goEdit = dir.resolve("go-edit");
    Files.writeString(goEdit, "example.com/go v1.0.0 " + H1 + "\n");
    GoSum mine = GoSum.empty().with("example.com/java", "v1.0.0", H2);
    try (GoFlock.Holder go = GoFlock.hold(GoFlock.binary(), f, goEdit)) {
      go.assertBlocksUntilReleased(() -> {
        mine.write(f);
        return null;
      });
    }
    assertEquals(mine.format(), Files.readString(f));
  }

  @Test
  void builderNamesANullArgument() {
    GoSum.Builder b = GoSum.builder();
    NullPointerException e = assertThrows(NullPointerException.class, () -> b.add(null, null, null));
    assertEquals("mv", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> b.addAll(null));
    assertEquals("other", e.getMessage());
    assertEquals("", b.build().format());
  }
}
