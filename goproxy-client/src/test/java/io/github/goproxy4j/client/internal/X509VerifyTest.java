package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/**
 * go's texts for a rejected leaf (crypto/x509's CertificateInvalidError and HostnameError of
 * go1.19, go1.21, go1.24, go1.26 and go1.27), exactly, on fixed times; what a live go prints is
 * JdkHttpTransportInteropTest's.
 */
class X509VerifyTest {
  private static final Instant NOT_BEFORE = Instant.parse("2026-01-02T03:04:05Z");
  private static final Instant NOT_AFTER = Instant.parse("2026-02-03T04:05:06Z");

  private static X509Certificate cert(String cn, String... sans) {
    HeldCertificate.Builder b = new HeldCertificate.Builder().commonName(cn)
        .validityInterval(NOT_BEFORE.toEpochMilli(), NOT_AFTER.toEpochMilli());
    for (String s : sans) {
      b.addSubjectAlternativeName(s);
    }
    return b.build().certificate();
  }

  @Test
  void validityPeriodInGosRfc3339() {
    X509Certificate c = cert("x", "127.0.0.1");
    // the current time in go's local zone, truncated to the second; the bound in UTC
    assertEquals("x509: certificate has expired or is not yet valid: current time"
        + " 2026-03-01T10:20:30+01:00 is after 2026-02-03T04:05:06Z",
        X509Verify.validityError(c, Instant.parse("2026-03-01T09:20:30.999Z"),
            ZoneId.of("Europe/Berlin")));
    assertEquals("x509: certificate has expired or is not yet valid: current time"
        + " 2025-12-31T23:59:59Z is before 2026-01-02T03:04:05Z",
        X509Verify.validityError(c, Instant.parse("2025-12-31T23:59:59.5Z"), ZoneOffset.UTC));
    assertEquals("x509: certificate has expired or is not yet valid: current time"
        + " 2025-12-31T18:29:59-05:30 is before 2026-01-02T03:04:05Z",
        X509Verify.validityError(c, Instant.parse("2025-12-31T23:59:59Z"),
            ZoneOffset.ofHoursMinutes(-5, -30)));
    // go's bounds are inclusive: NotBefore and NotAfter themselves are valid
    assertNull(X509Verify.validityError(c, NOT_BEFORE, ZoneOffset.UTC));
    assertNull(X509Verify.validityError(c, NOT_AFTER, ZoneOffset.UTC));
    assertEquals("x509: certificate has expired or is not yet valid: current time"
        + " 2026-02-03T04:05:06Z is after 2026-02-03T04:05:06Z",
        X509Verify.validityError(c, NOT_AFTER.plusMillis(1), ZoneOffset.UTC));
    // expiry is checked before the host name
    assertEquals(X509Verify.validityError(c, NOT_AFTER.plusSeconds(1), ZoneOffset.UTC),
        X509Verify.leafError(c, "other.example", NOT_AFTER.plusSeconds(1), ZoneOffset.UTC, 27));
    assertNull(X509Verify.leafError(c, "127.0.0.1", NOT_AFTER, ZoneOffset.UTC, 19));
  }

  @Test
  void hostnameErrorsAsGo() {
    X509Certificate dns = cert("x", "example.org", "*.Example.NET");
    assertEquals("x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any"
        + " IP SANs", X509Verify.hostnameError(dns, "127.0.0.1", 19));
    assertEquals("x509: certificate is valid for example.org, *.Example.NET, not localhost",
        X509Verify.hostnameError(dns, "localhost", 27));
    // a left-most wildcard matches one label, case-insensitively; a trailing dot is ignored
    assertNull(X509Verify.hostnameError(dns, "proxy.example.net", 19));
    assertNull(X509Verify.hostnameError(dns, "EXAMPLE.org.", 27));
    assertEquals("x509: certificate is valid for example.org, *.Example.NET, not a.b.example.net",
        X509Verify.hostnameError(dns, "a.b.example.net", 27));
    X509Certificate ips = cert("x", "10.0.0.1", "2001:db8:0:0:1:0:0:1", "::ffff:10.0.0.2");
    assertEquals("x509: certificate is valid for 10.0.0.1, 2001:db8::1:0:0:1, 10.0.0.2, not ::1",
        X509Verify.hostnameError(ips, "::1", 19));
    assertNull(X509Verify.hostnameError(ips, "[2001:db8::1:0:0:1]", 19));
    // go1.27 names the address as net.IP prints it (netip.ParseAddr), go1.26 as written
    assertEquals("x509: certificate is valid for 10.0.0.1, 2001:db8::1:0:0:1, 10.0.0.2, not ::1",
        X509Verify.hostnameError(ips, "0:0::1", 27));
    assertEquals("x509: certificate is valid for 10.0.0.1, 2001:db8::1:0:0:1, 10.0.0.2, not 0:0::1",
        X509Verify.hostnameError(ips, "0:0::1", 26));
    assertEquals("x509: certificate is not valid for any names, but wanted to match localhost",
        X509Verify.hostnameError(ips, "localhost", 19));
  }

  @Test
  void commonNameWithoutSansIsLegacyAsGo() {
    X509Certificate cn = cert("*.example.org");
    assertEquals("x509: certificate relies on legacy Common Name field, use SANs instead",
        X509Verify.hostnameError(cn, "proxy.example.org", 19));
    assertEquals("x509: certificate is not valid for any names, but wanted to match other.test",
        X509Verify.hostnameError(cn, "other.test", 27));
    assertEquals("*.example.org", X509Verify.commonName(cn));
    assertEquals("a,b+c\\d é", X509Verify.commonName(cert("a,b+c\\d é")));
  }

  @Test
  void manyNamesAreCountedFromGo126() {
    List<String> names = new ArrayList<>();
    List<String> addrs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      names.add("n" + i + ".example");
      addrs.add("10.1." + (i / 250) + "." + (i % 250 + 1));
    }
    X509Certificate many = cert("x", names.toArray(String[]::new));
    assertEquals("x509: certificate is valid for 100 names, but none matched localhost",
        X509Verify.hostnameError(many, "localhost", 26));
    assertEquals("x509: certificate is valid for " + String.join(", ", names) + ", not localhost",
        X509Verify.hostnameError(many, "localhost", 24));
    X509Certificate manyIps = cert("x", addrs.toArray(String[]::new));
    assertEquals("x509: certificate is valid for 100 IP SANs, but none matched 127.0.0.1",
        X509Verify.hostnameError(manyIps, "127.0.0.1", 27));
    X509Certificate fewer = cert("x", addrs.subList(0, 99).toArray(String[]::new));
    assertEquals("x509: certificate is valid for " + String.join(", ", addrs.subList(0, 99))
        + ", not 127.0.0.1", X509Verify.hostnameError(fewer, "127.0.0.1", 27));
  }

  @Test
  void ipFormatAsGosNetIp() {
    String[][] cases = {
      {"127.0.0.1", "127.0.0.1"}, {"::ffff:1.2.3.4", "1.2.3.4"}, {"::1", "::1"}, {"::", "::"},
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"}, {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},
      {"1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0"}, {"FD00:0:0:0:0:0:0:ABCD", "fd00::abcd"},
      {"1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0"}, {"0:0:1:2:3:4:5:6", "::1:2:3:4:5:6"},
    };
    for (String[] c : cases) {
      assertEquals(c[1], IpLiteral.format(IpLiteral.parseIp(c[0])), c[0]);
    }
  }
}
