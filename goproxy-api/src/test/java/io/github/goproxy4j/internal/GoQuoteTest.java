package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.goproxy4j.testing.GoTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoQuoteTest {
  private static final long SEED = 20261207L;
  private static final char[] QUOTES = {'\'', '"', '`', 0};

  @TempDir static Path work;

  @Test
  void quoteCutOfBytesCutsLongUtf8LikeQuoteCutOfText() {
    String longText = "a".repeat(400);
    assertEquals("\"" + "a".repeat(300) + "\"...",
        GoQuote.quoteCut(longText.getBytes(StandardCharsets.UTF_8)));
    assertEquals("\"h\u00e9\\n\"", GoQuote.quoteCut("h\u00e9\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void quoteCutOfInvalidUtf8EscapesOnlyTheBadBytes() {
    byte[] b = {'a', (byte) 0xff, (byte) 0xc3, (byte) 0xa9};
    assertEquals("\"a\\xff\u00e9\"", GoQuote.quoteCut(b));
  }

  /** Go's unhex takes ASCII hex digits only (Character.digit would take U+0663 and U+FF21). */
  @Test
  void unquoteCharTakesAsciiHexDigitsOnly() {
    assertEquals(new GoQuote.UnquotedChar(0x33, false, 4), GoQuote.unquoteChar(bytes("\\x33"), 0, '"'));
    assertNull(GoQuote.unquoteChar(bytes("\\x\u0663\u0663"), 0, '"'));
    assertNull(GoQuote.unquoteChar(bytes("\\u\uff21\uff21\uff21\uff21"), 0, '\''));
    assertNull(GoQuote.unquote(bytes("\"\\x\u0663\u0663\"")));
  }

  static Stream<GoTool.Go> edgeReleases() {
    return GoTool.edgeReleases();
  }

  /**
   * strconv.UnquoteChar (every quote kind, every escape letter, x, u and U escapes with short,
   * non-ASCII and boundary digits, every three-digit octal, surrogates, invalid UTF-8) and
   * strconv.Unquote of generated double-quoted strings, against {@code unquote-oracle.go} run with the oldest and
   * the newest installed go.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("edgeReleases")
  void unquoteCharAndUnquoteAnswerAsGo(GoTool.Go go) throws IOException {
    GoTool.assumeGo(go);
    System.out.println("GoQuoteTest seed=" + SEED);
    List<byte[]> pieces = pieces();
    List<String> queries = new ArrayList<>();
    List<String> ours = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    for (byte[] p : pieces) {
      for (byte[] s : List.of(p, concat(p, bytes("7")))) {
        for (char q : QUOTES) {
          queries.add("char " + (int) q + " " + hex.formatHex(s));
          GoQuote.UnquotedChar c = GoQuote.unquoteChar(concat(bytes("p"), s), 1, q);
          ours.add(c == null ? "err" : "ok " + c.value() + " " + c.multibyte() + " " + (c.end() - 1));
        }
      }
    }
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int i = 0; i < 4000; i++) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write('"');
      for (int k = rnd.nextInt(5); k > 0; k--) {
        b.writeBytes(pieces.get(rnd.nextInt(pieces.size())));
      }
      int end = rnd.nextInt(10);
      if (end > 0) {
        b.write('"'); // else unterminated
      }
      if (end == 1) {
        b.writeBytes(bytes("x")); // text after the closing quote
      }
      byte[] s = b.toByteArray();
      queries.add("str " + hex.formatHex(s));
      byte[] u = GoQuote.unquote(s);
      ours.add(u == null ? "err" : "ok " + hex.formatHex(u));
    }
    List<String> theirs = runOracle(go, queries);
    assertEquals(queries.size(), theirs.size(), "answers");
    int differ = 0;
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < queries.size(); i++) {
      if (!theirs.get(i).equals(ours.get(i))) {
        if (differ++ < 10) {
          first.append('\n').append(queries.get(i)).append(": go ").append(theirs.get(i))
              .append(", ours ").append(ours.get(i));
        }
      }
    }
    System.out.println("GoQuoteTest " + go.release() + ": " + queries.size() + " queries");
    assertEquals(0, differ, differ + " of " + queries.size() + " answers differ from " + go.release() + first);
  }

  /** The escapes and characters the corpus is made of. */
  private static List<byte[]> pieces() {
    List<String> s = new ArrayList<>();
    for (int c = 0; c < 0x80; c++) {
      s.add("\\" + (char) c);
    }
    s.add("\\");
    s.add("");
    String[] digits = {"0", "7", "9", "a", "F", "g", "\u0663", "\uff21"};
    for (String d : digits) {
      s.add("\\x" + d);
      s.add("\\x" + d + d);
      s.add("\\u" + d.repeat(3));
      s.add("\\u" + d.repeat(4));
      s.add("\\U" + d.repeat(7));
      s.add("\\U" + d.repeat(8));
    }
    for (String v : new String[] {"00", "41", "7f", "80", "ff", "FF", "fF"}) {
      s.add("\\x" + v);
    }
    for (String v : new String[] {"0000", "0041", "007f", "0080", "00e9", "d7ff", "d800", "dbff", "dc00", "DFFF",
        "e000", "fffd", "FFFF"}) {
      s.add("\\u" + v);
    }
    for (String v : new String[] {"00000000", "00000041", "0000d800", "0000dfff", "0001f600", "0010ffff",
        "0010FFFF", "00110000", "7fffffff", "80000000", "ffffffff", "FFFFFFFF"}) {
      s.add("\\U" + v);
    }
    for (int d = 0; d < 1000; d++) {
      s.add("\\" + String.format("%03d", d));
    }
    s.add("\\1");
    s.add("\\12");
    List<byte[]> out = new ArrayList<>();
    for (String t : s) {
      out.add(bytes(t));
    }
    for (String t : new String[] {"a", "'", "\"", "`", "\n", "\r", "\t", "\u0000", "\u007f", "\u00e9", "\u20ac",
        "\ud83d\ude00", "\\\\", "\\'", "\\\""}) {
      out.add(bytes(t));
    }
    int[][] invalid = {{0xff}, {0x80}, {0xc3}, {0xc3, 0x41}, {0xe2, 0x82}, {0xf0, 0x9f, 0x98}, {0xc0, 0x80},
        {0xed, 0xa0, 0x80}, {0xf4, 0x90, 0x80, 0x80}, {0xf8, 0x88, 0x80, 0x80, 0x80}};
    for (int[] v : invalid) {
      byte[] b = new byte[v.length];
      for (int i = 0; i < v.length; i++) {
        b[i] = (byte) v[i];
      }
      out.add(b);
    }
    return out;
  }

  private static List<String> runOracle(GoTool.Go go, List<String> queries) throws IOException {
    Path dir = work.resolve(go.release());
    Files.createDirectories(dir);
    try (InputStream in = GoQuoteTest.class.getResourceAsStream("unquote-oracle.go")) {
      Files.write(dir.resolve("unquote-oracle.go"), in.readAllBytes());
    }
    Map<String, String> env = GoTool.hermeticEnv(dir);
    env.put("GO111MODULE", "off");
    String out = GoTool.exec(dir, env, 300, (String.join("\n", queries) + "\n").getBytes(StandardCharsets.UTF_8),
        go.binary().toString(), "run", "unquote-oracle.go").requireOk().stdout();
    return List.of(out.split("\n"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
