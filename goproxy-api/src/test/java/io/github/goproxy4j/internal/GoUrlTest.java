package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.Redaction;
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
}
