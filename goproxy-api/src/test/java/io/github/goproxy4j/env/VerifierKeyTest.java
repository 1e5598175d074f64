package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.NoteKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerifierKeyTest {
  static final String SUM_GOLANG_ORG = ChecksumDb.SUM_GOLANG_ORG_KEY;
  static final String PETER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

  static Stream<Arguments> vectors() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (InputStream in = VerifierKeyTest.class.getResourceAsStream("verifier-keys.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#") && !line.isEmpty()) {
          String[] f = line.split("\t");
          out.add(Arguments.of(f[0], f[1]));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("vectors")
  void goVectors(String key, String expected) {
    assertEquals(expected, describe(key));
  }

  static String describe(String key) {
    try {
      VerifierKey k = VerifierKey.parse(key);
      return "ok " + k.name() + " " + String.format("%08x", k.keyHash());
    } catch (InvalidVerifierKeyException e) {
      assertTrue(e.getMessage().startsWith(e.goMessage()));
      return e.goMessage();
    }
  }

  @Test
  void sumGolangOrgKeyBytesAndRoundTrip() {
    VerifierKey k = VerifierKey.parse(SUM_GOLANG_ORG);
    assertEquals("ce3372d75ad1ee5ecdaf8727293d4b111d87eb37531d7c86d4d3003f0eb809fc",
        HexFormat.of().formatHex(k.publicKeyBytes()));
    assertEquals(0x033de0aeL, k.keyHashUnsigned());
    assertEquals(VerifierKey.ALGORITHM_ED25519, k.algorithm());
    assertEquals(SUM_GOLANG_ORG, k.toString());
    assertEquals(k, VerifierKey.of("sum.golang.org", k.publicKeyBytes()));
    assertEquals(SUM_GOLANG_ORG, VerifierKey.of("sum.golang.org", k.publicKeyBytes()).toString());
    byte[] copy = k.publicKeyBytes();
    copy[0] ^= 1;
    assertNotEquals(copy[0], k.publicKeyBytes()[0]);
  }

  @Test
  void upperCaseHashIsAcceptedAndPrintedLowerCase() {
    VerifierKey k = VerifierKey.parse(PETER.replace("c74f20a3", "C74F20A3"));
    assertEquals(PETER, k.toString());
    assertEquals(VerifierKey.parse(PETER), k);
  }

  /** The note tests: every proper prefix and every single-byte increment must fail. */
  @Test
  void everyPrefixAndEveryByteIncrementIsRejected() {
    for (int i = 0; i < PETER.length(); i++) {
      String prefix = PETER.substring(0, i);
      assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.parse(prefix), prefix);
      char[] c = PETER.toCharArray();
      c[i]++;
      String bumped = new String(c);
      assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.parse(bumped), bumped);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Peter Neumann", "Peter\u00a0Neumann", "Peter\u2028N", "Peter\u3000N",
      "Peter\u0085N", "Peter\tN"})
  void namesWithGoSpacesAreMalformed(String name) {
    String key = keyFor(name);
    InvalidVerifierKeyException e =
        assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.parse(key));
    assertEquals(InvalidVerifierKeyException.MALFORMED, e.goMessage());
  }

  @Test
  void javaWhitespaceThatGoDoesNotCountIsAllowedInNames() {
    // U+001C is Java whitespace but not unicode.IsSpace; U+200B is neither.
    assertEquals("a\u001cb", VerifierKey.parse(keyFor("a\u001cb")).name());
    assertEquals("a\u200bb", VerifierKey.parse(keyFor("a\u200bb")).name());
  }

  @Test
  void base64QuirksFollowGo() {
    String b64 = PETER.substring(PETER.lastIndexOf('+') + 1);
    // Go skips CR and LF inside base64.
    assertEquals(VerifierKey.parse(PETER),
        VerifierKey.parse(PETER.replace(b64, b64.substring(0, 10) + "\r\n" + b64.substring(10))));
    // Unpadded or URL-safe base64 is rejected by StdEncoding.
    String unpadded = keyFor("x").replaceAll("=+$", "");
    if (!unpadded.equals(keyFor("x"))) {
      assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.parse(unpadded));
    }
    assertThrows(InvalidVerifierKeyException.class,
        () -> VerifierKey.parse(PETER.replace('/', '_')));
  }

  @Test
  void badInputNeverEscapesAsAnotherException() {
    assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.parse(null));
    assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.parse(""));
    assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.parse("+++"));
    assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.parse("a+0000000g+AA=="));
    assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.parse("\ud800+12345678+AA=="));
    assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.of("a+b", new byte[32]));
    assertThrows(InvalidVerifierKeyException.class, () -> VerifierKey.of("a", new byte[31]));
  }

  /** A valid key for any name (algorithm 1, random key), computed with our keyHash. */
  static String keyFor(String name) {
    byte[] key = new byte[33];
    key[0] = 1;
    for (int i = 1; i < 33; i++) {
      key[i] = (byte) (i * 7);
    }
    return name + "+" + String.format("%08x", NoteKeys.keyHash(name, key)) + "+"
        + Base64.getEncoder().encodeToString(key);
  }

  /** Differential test against note.NewVerifier with seeded random mutations of valid keys. */
  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {7, 8, 9})
  void agreesWithXModNote(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] bases = {SUM_GOLANG_ORG, PETER, keyFor("a\u00e9b/c"), keyFor("x"),
        "localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6"};
    String alphabet = "+/=aZ09 \n\r\t\u00a0\u00e9-.:x";
    List<List<String>> queries = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      StringBuilder k = new StringBuilder(bases[rnd.nextInt(bases.length)]);
      int edits = rnd.nextInt(3);
      for (int e = 0; e < edits && k.length() > 0; e++) {
        int pos = rnd.nextInt(k.length());
        switch (rnd.nextInt(3)) {
          case 0:
            k.deleteCharAt(pos);
            break;
          case 1:
            k.insert(pos, alphabet.charAt(rnd.nextInt(alphabet.length())));
            break;
          default:
            k.setCharAt(pos, alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
      }
      queries.add(List.of("vkey", k.toString()));
    }
    List<String> answers = GoOracle.ask(queries);
    for (int i = 0; i < queries.size(); i++) {
      String key = queries.get(i).get(1);
      String go = answers.get(i);
      String expected = go.startsWith("ok ")
          ? "ok " + GoOracle.hex(go.split(" ")[1]) + " " + go.split(" ")[2]
          : go.substring(4);
      assertEquals(expected, describe(key), "seed=" + seed + " key=" + GoQuote.quoteCut(key));
    }
  }
}
