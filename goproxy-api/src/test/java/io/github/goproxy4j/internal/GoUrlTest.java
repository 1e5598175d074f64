package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.env.GoOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our port of net/url's Parse decides which GOPROXY/GOSUMDB values are accepted and what the
 * error says, so it is checked against go1.19's net/url on seeded random URL-like strings.
 */
class GoUrlTest {
  static final GoUrl.Rules GO119_RULES =
      GoUrl.Rules.of(io.github.goproxy4j.internal.GoRelease.modelled("1.19"), "");

  private static final String[] ATOMS = {
    "https://", "http://", "file://", "file:", "HTTPS://", "ftp://", "//", "/", ":", "::", "@",
    "u:p@", "user@", "host", "example.com", "127.0.0.1", "[::1]", "[::1", "[fe80::1%25en0]", ":80",
    ":x", "?", "?q=1", "#", "#frag", "%", "%2f", "%zz", "%41", " ", "\t", "\u00e9", "a", ".", "-",
    "+", "*", "[", "]", "<", ">", "\"", "'", "!", "$", ",", ";", "=", "~", "%25", "\u0000"
  };

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {11, 12, 13})
  void agreesWithNetUrl(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<List<String>> queries = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + rnd.nextInt(6);
      for (int k = 0; k < n; k++) {
        b.append(ATOMS[rnd.nextInt(ATOMS.length)]);
      }
      queries.add(List.of("url", b.toString()));
    }
    List<String> answers = GoOracle.ask(queries);
    for (int i = 0; i < queries.size(); i++) {
      String raw = queries.get(i).get(1);
      String[] go = answers.get(i).split(" ", -1);
      String ours;
      String expected;
      try {
        GoUrl u = GoUrl.parse(raw, GO119_RULES); // the oracle is go1.19's net/url
        ours = "ok " + u.scheme + " " + u.redacted() + " " + GoUrl.fromBytes(u.host) + " " + u.hasUser;
      } catch (GoUrl.ParseException e) {
        ours = "err " + e.getMessage();
      }
      if (go[0].equals("ok")) {
        expected = "ok " + GoOracle.hex(go[1]) + " " + GoOracle.hex(go[2]) + " " + GoOracle.hex(go[3]) + " " + go[4];
      } else {
        // Go quotes the password in parse errors; we redact it (a deliberate difference).
        String rawBytes = GoUrl.toBytes(raw);
        String noFragment = rawBytes.indexOf('#') < 0 ? rawBytes : rawBytes.substring(0, rawBytes.indexOf('#'));
        expected = "err " + GoOracle.hex(go[1])
            .replace(GoUrl.quoteBytes(noFragment), GoUrl.quoteBytes(Redaction.rawUrl(noFragment)))
            .replace(GoUrl.quoteBytes(rawBytes), GoUrl.quoteBytes(Redaction.rawUrl(rawBytes)));
      }
      assertEquals(expected, ours, "seed=" + seed + " url=" + GoQuote.quoteCut(raw));
    }
  }

  /**
   * {@link GoUrl#parseRequestUri} (GOAUTH git's {@code url=} line) against go's
   * url.ParseRequestURI: the same strings, also with a leading slash and with a fragment, which
   * a request URI keeps.
   */
  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {21, 22})
  void requestUriAgreesWithNetUrl(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<List<String>> queries = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      StringBuilder b = new StringBuilder(i % 3 == 0 ? "/" : i % 3 == 1 ? "https://" : "");
      int n = 1 + rnd.nextInt(6);
      for (int k = 0; k < n; k++) {
        b.append(ATOMS[rnd.nextInt(ATOMS.length)]);
      }
      if (i % 7 == 0) {
        b.append("#frag");
      }
      queries.add(List.of("requesturl", b.toString()));
    }
    queries.add(List.of("requesturl", ""));
    List<String> answers = GoOracle.ask(queries);
    int ok = 0;
    for (int i = 0; i < queries.size(); i++) {
      String raw = queries.get(i).get(1);
      String[] go = answers.get(i).split(" ", -1);
      String ours;
      try {
        GoUrl u = GoUrl.parseRequestUri(raw, GO119_RULES);
        ours = "ok " + u.scheme + " " + u.redacted() + " " + GoUrl.fromBytes(u.host) + " " + u.hasUser;
      } catch (GoUrl.ParseException e) {
        ours = "err";
      }
      // the error texts are not compared: GOAUTH git only needs whether it parses
      String expected = go[0].equals("ok")
          ? "ok " + GoOracle.hex(go[1]) + " " + GoOracle.hex(go[2]) + " " + GoOracle.hex(go[3]) + " " + go[4]
          : "err";
      assertEquals(expected, ours, "seed=" + seed + " url=" + GoQuote.quoteCut(raw));
      ok += expected.startsWith("ok") ? 1 : 0;
    }
    System.out.println("GoUrlTest.requestUriAgreesWithNetUrl seed=" + seed + ": " + ok + " of " + queries.size() + " parse");
    org.junit.jupiter.api.Assertions.assertTrue(ok > 100 && ok < queries.size() - 100, "both outcomes exercised: " + ok);
  }
}
