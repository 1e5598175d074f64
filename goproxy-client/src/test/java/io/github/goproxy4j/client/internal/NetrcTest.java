package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetrcTest {
  @Test
  void goParseNetrcVectors() throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream("netrc-go-vectors.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int n = text.indexOf("-- netrc --\n");
    int w = text.indexOf("-- want --\n");
    String netrc = text.substring(n + "-- netrc --\n".length(), w);
    List<String> want = text.substring(w + "-- want --\n".length()).lines().collect(Collectors.toList());
    List<String> got = Netrc.parse(netrc).stream()
        .map(e -> e.machine() + " " + e.login() + " " + e.password()).collect(Collectors.toList());
    assertEquals(want, got);
  }

  @Test
  void defaultStopsOnlyWhenLeftAloneAtTheEndOfALine() {
    assertEquals(List.of(), Netrc.parse("login x default\nmachine m login l password p\n"));
    assertEquals(1, Netrc.parse("x default\nmachine m login l password p\n").size());
    assertEquals(1, Netrc.parse("default x\nmachine m login l password p\n").size());
  }

  @Test
  void macroEndsOnlyAtATrulyEmptyLine() {
    // "\r" is not an empty line for Go: the macro goes on over CRLF files.
    assertEquals(List.of(), Netrc.parse("macdef m\r\nx\r\n\r\nmachine a login b password c\r\n"));
    assertEquals(List.of(new Netrc.Entry("a", "b", "c")),
        Netrc.parse("macdef m\nx\n\nmachine a login b password c\n"));
  }

  @Test
  void tokensAreSplitOnUnicodeSpaceAndNeverUnquoted() {
    assertEquals(List.of(new Netrc.Entry("h", "\"u", "p\"")),
        Netrc.parse("machine\u00a0h\u2003login \"u\tpassword p\"\r\n"));
  }

  @Test
  void firstCompleteEntryWinsAndLoginOnlyEntriesAreIgnored() {
    List<Netrc.Entry> e = Netrc.parse(
        "machine h login only\nmachine h login a password 1\nmachine h login b password 2\n");
    assertEquals(List.of(new Netrc.Entry("h", "a", "1"), new Netrc.Entry("h", "b", "2")), e);
  }

  @Test
  void toStringHidesThePassword() {
    String s = new Netrc.Entry("h", "u", "hunter2").toString();
    assertFalse(s.contains("hunter2"), s);
    assertTrue(s.contains("***"), s);
  }

  @Test
  void pathFollowsGoPerVersionAndOs(@TempDir Path home) throws IOException {
    Map<String, String> env = Map.of("HOME", home.toString(), "USERPROFILE", home.toString());
    assertEquals(Optional.of(Path.of("/x/netrc")),
        Netrc.path(Map.of("NETRC", "/x/netrc", "HOME", "/h"), false, "1.19"));
    assertEquals(Optional.of(home.resolve(".netrc")), Netrc.path(env, false, "1.25"));
    assertEquals(Optional.of(home.resolve("_netrc")), Netrc.path(env, true, "1.19"));
    assertEquals(Optional.of(home.resolve(".netrc")), Netrc.path(env, true, "1.24"));
    Files.writeString(home.resolve("_netrc"), "");
    assertEquals(Optional.of(home.resolve("_netrc")), Netrc.path(env, true, "1.24"));
    assertEquals(Optional.empty(), Netrc.path(Map.of(), false, "1.25"));
    assertEquals(List.of(), Netrc.read(home.resolve("missing")));
  }

  static Stream<Arguments> seeds() {
    return new SplittableRandom(7).longs(25).mapToObj(s -> Arguments.of("seed=" + s, s));
  }

  /** Property: entries rendered in any layout Go accepts parse back to the same list. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void renderedEntriesRoundTrip(String name, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Netrc.Entry> entries = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    // within a pair only same-line white space: Go takes pairs line by line
    String[] seps = {" ", "\t", "  \t", "\u00a0", "\u3000"};
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      Netrc.Entry e = new Netrc.Entry(token(r), token(r), token(r));
      entries.add(e);
      String[] pairs = {"login " + e.login(), "password " + e.password()};
      if (r.nextBoolean()) {
        pairs = new String[] {pairs[1], pairs[0]};
      }
      sb.append("machine").append(seps[r.nextInt(seps.length)]).append(e.machine());
      for (String p : pairs) {
        sb.append(r.nextBoolean() ? "\n" : " ").append(p.replace(" ", seps[r.nextInt(seps.length)]));
      }
      sb.append('\n');
      if (r.nextInt(4) == 0) {
        sb.append("macdef init\nmachine skipped login x password y\n\n");
      }
    }
    if (r.nextBoolean()) {
      sb.append("default\nmachine late login l password p\n");
    }
    assertEquals(entries, Netrc.parse(sb.toString()));
  }

  private static String token(SplittableRandom r) {
    String alphabet = "abcxyz019.-_:@!\"'#$%é漢";
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    String t = sb.toString();
    return Stream.of("machine", "login", "password", "macdef", "default").anyMatch(t::equals)
        ? t + "x" : t;
  }
}
