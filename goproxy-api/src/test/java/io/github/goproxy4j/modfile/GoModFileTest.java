package io.github.goproxy4j.modfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.module.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GoModFile on x/mod's comment vectors and on the rules that differ between Go releases. */
class GoModFileTest {
  static Stream<String> vectors() throws IOException {
    return CommentVectors.load().keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void rationaleAndDeprecationMatchXModVectors(String name) throws IOException {
    Map<String, String> all = CommentVectors.all();
    String in = all.get(name + ".in");
    String want = all.get(name + ".want");
    want = want.substring(0, want.length() - 1); // the format's trailing newline
    GoModFile f = GoModFile.parse("in", in);
    if (name.startsWith("retract/")) {
      assertEquals(1, f.retractions().size());
      assertEquals(want, f.retractions().get(0).rationale());
    } else {
      assertEquals(want.isEmpty() ? Optional.empty() : Optional.of(want), f.deprecated());
    }
  }

  @Test
  void parsesTheDirectivesTheProxyProtocolNeeds() {
    GoModFile f = GoModFile.parse("go.mod", String.join("\n",
        "// Deprecated: use example.com/m/v2",
        "module example.com/m",
        "",
        "go 1.21.0",
        "",
        "require (",
        "\tgolang.org/x/mod v0.7 // indirect",
        "\trsc.io/quote/v3 v3.1.0",
        ")",
        "exclude example.com/bad v1.0.0",
        "replace example.com/a => ../a",
        "toolchain go1.22.1",
        "// broken",
        "retract [v1.0.0, v1.0.5]",
        "retract v1.1.0 // oops",
        ""));
    assertEquals(Optional.of("example.com/m"), f.module());
    assertEquals(Optional.of("use example.com/m/v2"), f.deprecated());
    assertEquals(Optional.of("1.21.0"), f.goVersion());
    assertEquals(List.of(new GoModFile.Require("golang.org/x/mod", "v0.7.0", true),
        new GoModFile.Require("rsc.io/quote/v3", "v3.1.0", false)), f.requires());
    assertEquals(List.of(new GoModFile.Retraction("v1.0.0", "v1.0.5", "broken"),
        new GoModFile.Retraction("v1.1.0", "v1.1.0", "oops")), f.retractions());
    assertTrue(f.isRetracted(Version.parse("v1.0.3")));
    assertTrue(f.isRetracted("v1.1.0"));
    assertFalse(f.isRetracted(Version.parse("v1.0.6")));
    assertEquals("broken", f.retractionsOf("v1.0.5").get(0).rationale());
  }

  @Test
  void retractionMessagesAreTheGoCommands() {
    GoModFile f = GoModFile.parse("go.mod", String.join("\n",
        "module m",
        "retract v1.0.0",
        "// first line",
        "// second line",
        "retract [v1.0.0, v1.2.0]",
        "retract v1.5.0 // \u0007bell",
        ""));
    assertEquals(Optional.of("retracted by module author: first line"), f.retractionMessage(Version.parse("v1.0.0")));
    assertEquals(Optional.of("retracted by module author: (message omitted: contains non-printable characters)"),
        f.retractionMessage(Version.parse("v1.5.0")));
    assertEquals(Optional.empty(), f.retractionMessage(Version.parse("v1.3.0")));
    assertEquals("(message omitted: too long)", GoModFile.shortMessage("x".repeat(501), "d"));
    assertEquals("x".repeat(500), GoModFile.shortMessage("x".repeat(500), "d"));
    assertEquals("d", GoModFile.shortMessage("  \n more", "d"));
    assertEquals("a\u00a0b", GoModFile.shortMessage("a\u00a0b", "d"));
    GoModFile bare = GoModFile.parse("go.mod", "module m\nretract v1.0.0\n");
    assertEquals(Optional.of("retracted by module author"), bare.retractionMessage(Version.parse("v1.0.0")));
  }

  @Test
  void isExcludedMatchesExactlyTheExcludeLines() {
    byte[] mod = String.join("\n",
        "module m",
        "go 1.21",
        "exclude (",
        "\texample.com/a v1.1.0",
        "\texample.com/a v1.1.0", // go accepts a repeated line
        "\texample.com/b/v2 v2.0.0+incompatible",
        ")",
        "exclude example.com/c v0.0.0-20200101000000-abcdefabcdef",
        "").getBytes(StandardCharsets.UTF_8);
    GoModFile f = GoModFile.parseStrict("go.mod", mod, "1.27");
    assertEquals(4, f.excludes().size());
    assertTrue(f.isExcluded("example.com/a", "v1.1.0"));
    assertTrue(f.isExcluded("example.com/b/v2", "v2.0.0+incompatible"));
    assertTrue(f.isExcluded("example.com/c", "v0.0.0-20200101000000-abcdefabcdef"));
    assertFalse(f.isExcluded("example.com/a", "v1.1.1"));
    assertFalse(f.isExcluded("example.com/a", "v1.1"));
    assertFalse(f.isExcluded("example.com/b/v2", "v2.0.0"));
    assertFalse(f.isExcluded("example.com/b", "v2.0.0+incompatible"));
    // the lax parse of a dependency's go.mod keeps no exclude lines, as go's modfile.ParseLax
    assertFalse(GoModFile.parse("go.mod", mod).isExcluded("example.com/a", "v1.1.0"));
  }

  @Test
  void goLineRulesFollowTheRelease() {
    byte[] mod = "module m\ngo 1.21.0\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(Optional.of("1.21.0"), GoModFile.parse("go.mod", mod).goVersion());
    assertEquals(Optional.of("1.21"), GoModFile.parse("go.mod", mod, "1.19").goVersion());
    byte[] bad = "module m\ngo 1.x\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("go.mod:2: invalid go version '1.x': must match format 1.23.0",
        assertThrows(GoModSyntaxException.class, () -> GoModFile.parse("go.mod", bad)).getMessage());
    assertEquals("go.mod:2: invalid go version '1.x': must match format 1.23",
        assertThrows(GoModSyntaxException.class, () -> GoModFile.parse("go.mod", bad, "1.20")).getMessage());
    assertEquals("go.mod:2: invalid go version '1.x': must match format 1.23",
        assertThrows(GoModSyntaxException.class, () -> GoModFile.parse("go.mod", bad, "1.21.13")).getMessage());
    assertEquals("go.mod:2: invalid go version '1.x': must match format 1.23.0",
        assertThrows(GoModSyntaxException.class, () -> GoModFile.parse("go.mod", bad, "go1.22")).getMessage());
    assertEquals("go.mod:2: invalid go version '1.x': must match format 1.23.0",
        assertThrows(GoModSyntaxException.class, () -> GoModFile.parse("go.mod", bad, "1.30")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> GoModFile.parse("go.mod", bad, "1.18"));
  }

  @Test
  void ignoreDirectiveIsCheckedFromGo125() {
    byte[] mod = "module m\nignore a b\n".getBytes(StandardCharsets.UTF_8);
    GoModSyntaxException e = assertThrows(GoModSyntaxException.class, () -> GoModFile.parse("go.mod", mod));
    assertEquals("go.mod:2: ignore directive expects exactly one argument", e.getMessage());
    assertEquals(2, e.line());
    assertEquals("go.mod", e.fileName());
    assertEquals(Optional.of("m"), GoModFile.parse("go.mod", mod, "1.24").module());
  }

  @Test
  void errorsCarryGoPositionsAndAllMessages() {
    GoModSyntaxException e = assertThrows(GoModSyntaxException.class, () -> GoModFile.parse("go.mod",
        "module m\nrequire (\n\tx.com/a\n\tx.com/b/v2 v1.0.0\n)\n"));
    assertEquals(List.of("go.mod:3:2: usage: require module/path v1.2.3",
        "go.mod:4:2: require x.com/b/v2: version \"v1.0.0\" invalid: should be v2, not v1"), e.errors());
    assertEquals(3, e.line());
    GoModSyntaxException lex = assertThrows(GoModSyntaxException.class,
        () -> GoModFile.parse("go.mod", "module m\n  \u0001\n"));
    assertEquals("go.mod:2:3: unexpected input character '\\x01'", lex.getMessage());
  }

  @Test
  void badArgumentsAreRejectedClearly() {
    assertThrows(NullPointerException.class, () -> GoModFile.parse(null, new byte[0]));
    assertThrows(NullPointerException.class, () -> GoModFile.parse("go.mod", (byte[]) null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GoModFile.parse("go.mod", new byte[0], "2.0"));
    assertTrue(e.getMessage().contains("\"2.0\""), e.getMessage());
    GoModFile empty = GoModFile.parse("go.mod", new byte[0]);
    assertEquals(Optional.empty(), empty.module());
    assertTrue(empty.requires().isEmpty());
    assertTrue(empty.toString().startsWith("GoModFile{"));
  }
}
