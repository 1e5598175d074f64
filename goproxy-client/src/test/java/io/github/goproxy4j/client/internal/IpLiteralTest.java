package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IP literals as Go's net.ParseIP / netip.ParseAddr / net.ParseCIDR read them. */
class IpLiteralTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "1.2.3.4|1.2.3.4",
    "255.255.255.255|255.255.255.255",
    "01.2.3.4|",
    "1.2.3|",
    "1.2.3.4.5|",
    "256.1.1.1|",
    "::|::",
    "::1|::1",
    "1:2:3:4:5:6:7:8|1:2:3:4:5:6:7:8",
    "1::2::3|",
    "1:2:3:4:5:6:7:8::|",
    "::ffff:1.2.3.4|1.2.3.4",
    "1:2:3:4:5:6:1.2.3.4|1:2:3:4:5:6:102:304",
    "1:2:3:4:5:6:7:1.2.3.4|",
    "00001::|",
    "fe80::1%eth0|",
    "[::1]|",
    "example.com|",
  })
  void parseIpAgreesWithInetAddressOnLiterals(String s, String want) throws Exception {
    byte[] ip = IpLiteral.parseIp(s);
    if (want == null) {
      assertNull(ip, s);
      return;
    }
    assertEquals(InetAddress.getByName(want).getHostAddress(),
        InetAddress.getByAddress(IpLiteral.isV4(ip) ? java.util.Arrays.copyOfRange(ip, 12, 16) : ip)
            .getHostAddress());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"fe80::1%eth0", "fe80::1%25", "::ffff:127.0.0.1"})
  void parseAddrAcceptsZones(String s) {
    assertTrue(IpLiteral.parseAddr(s) != null);
    assertNull(IpLiteral.parseAddr("fe80::1%"));
    assertNull(IpLiteral.parseAddr("1.2.3.4%eth0"));
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "10.0.0.0/30, 10.0.0.2, true",
    "10.0.0.0/30, 10.0.0.4, false",
    "10.0.0.1/30, 10.0.0.3, true",
    "10.0.0.0/30, ::ffff:10.0.0.1, true",
    "0.0.0.0/0, 8.8.8.8, true",
    "0.0.0.0/0, ::1, false",
    "2002:db8:a::45/64, 2002:db8:a::123, true",
    "2002:db8:a::45/64, 2002:db8:b::123, false",
    "::ffff:0:0/96, 10.0.0.1, false",
  })
  void cidrContainsLikeGo(String cidr, String ip, boolean want) {
    assertEquals(want, IpLiteral.parseCidr(cidr).contains(IpLiteral.parseIp(ip)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::/129", "example.com/8", "10.0.0.0"})
  void malformedCidrs(String s) {
    assertNull(IpLiteral.parseCidr(s));
    assertFalse(IpLiteral.parseCidr("10.0.0.0/08") == null, "Go's dtoi accepts leading zeros");
  }
}
