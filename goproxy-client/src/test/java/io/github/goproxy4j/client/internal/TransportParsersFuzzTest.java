package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.internal.GoUnicode;
import io.github.goproxy4j.internal.Redaction;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes the transport's parsers: netrc, NO_PROXY, proxy URLs, IP literals and GOAUTH command
 * output. Whatever the input, nothing but the documented exception escapes, and the results keep
 * their invariants. Without {@code JAZZER_FUZZ=1} this replays the seeds under
 * {@code TransportParsersFuzzTestInputs/}.
 */
class TransportParsersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void netrc(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    List<Netrc.Entry> entries = Netrc.parse(s);
    for (Netrc.Entry e : entries) {
      for (String field : List.of(e.machine(), e.login(), e.password())) {
        assertFalse(field.isEmpty());
        assertTrue(field.codePoints().noneMatch(GoUnicode::isSpace), field);
        assertTrue(s.contains(field));
      }
      assertTrue(e.toString().endsWith(", password=***]"), e.toString());
    }
  }

  @FuzzTest(maxDuration = "30s")
  void noProxy(FuzzedDataProvider data) {
    String host = data.consumeString(40);
    String port = data.consumeString(6);
    String value = data.consumeRemainingAsString();
    NoProxy np = NoProxy.parse(value);
    boolean use = np.useProxy(host, port);
    if (host.equals("localhost")) {
      assertFalse(use);
    }
    NoProxy star = NoProxy.parse(value + ",*");
    assertFalse(star.useProxy(host, port), "* matches everything");
    assertNotNull(np.toString());
  }

  @FuzzTest(maxDuration = "30s")
  void ipLiteralsAndProxyUrls(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    byte[] ip = IpLiteral.parseIp(s);
    if (ip != null) {
      assertFalse(s.contains("%"));
      assertArrayEquals(ip, IpLiteral.parseAddr(s));
      assertTrue(ip.length == 16);
    }
    IpLiteral.Cidr c = IpLiteral.parseCidr(s);
    if (c != null) {
      assertTrue(c.bits() >= 0 && c.bits() <= (c.v4() ? 32 : 128));
    }
    HostPort.split(s);
    HostPort.ofAuthority(s);
    Optional<EnvProxySelector.ProxyUrl> p = EnvProxySelector.ProxyUrl.parse(s);
    if (p.isPresent() && p.get().userInfo() != null && p.get().userInfo().indexOf(':') >= 0) {
      String ui = p.get().userInfo();
      String shown = p.get().toString();
      assertTrue(shown.startsWith(
          p.get().scheme() + "://" + ui.substring(0, ui.indexOf(':')) + ":***@"), shown);
    }
    String masked = Redaction.netHttpText(s);
    if (s.indexOf('@') < 0) {
      assertEquals(s, masked);
    }
    assertEquals(masked, Redaction.netHttpText(masked)); // masking is idempotent
  }

  @FuzzTest(maxDuration = "30s")
  void goAuthOutput(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    try {
      GoAuth.parseUserAuth(s).forEach((prefix, headers) -> {
        // one "https://" is removed here and one more when stored, as in Go
        assertTrue(s.contains(prefix + "\n"), prefix);
        headers.forEach((k, v) -> assertTrue(GoAuth.validHeaderName(k), k));
      });
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("invalid format: ")
          || e.getMessage().startsWith("could not parse URL "), e.getMessage());
    }
  }
}
