package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.internal.Redaction;
import java.util.Optional;

/**
 * Fuzzes proxy URLs ({@link EnvProxySelector.ProxyUrl}), the IP literals and host:port splitting they rest on, and password masking. Without {@code JAZZER_FUZZ=1} this replays the seeds under
 * {@code EnvProxySelectorFuzzTestInputs/}.
 */
class EnvProxySelectorFuzzTest {

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
    assertEquals(masked, Redaction.netHttpText(masked), "masking is stable");
    if (s.indexOf('@') < 0) {
      assertEquals(s, masked);
    }
  }
}
