package io.github.goproxy4j.client.internal;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * The text go prints when crypto/x509's Certificate.Verify rejects a server's certificate for
 * the reasons it checks on the leaf before any chain is built, in its order: the validity period
 * (CertificateInvalidError with reason Expired), then the host name (HostnameError). The JDK
 * rejects the same certificates but words it its own way ({@code NotAfter: ...}, {@code No
 * subject alternative names matching IP address ...}), and checks the chain before the host name,
 * so its message neither reads as go's nor names the same first failure: the text is made here
 * from the leaf itself, as go makes it (crypto/x509/verify.go of go1.19, go1.21, go1.24, go1.26
 * and go1.27).
 */
final class X509Verify {
  /** Go's time.RFC3339 layout: seconds, {@code Z} for UTC, else {@code +hh:mm}. */
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private X509Verify() {}

  /**
   * go's error for the leaf certificate of a server reached as {@code host}, or null when go
   * checks the leaf's validity period and host name and finds nothing wrong.
   *
   * @param leaf the server's certificate
   * @param host the URL's host without brackets (go's tls.Config.ServerName)
   * @param now the current time (go's time.Now)
   * @param zone go's local time zone, in which it prints the current time
   * @param goMinor the go release whose text is made
   */
  static String leafError(X509Certificate leaf, String host, Instant now, ZoneId zone, int goMinor) {
    String expired = validityError(leaf, now, zone);
    if (expired != null) {
      return expired;
    }
    return hostnameError(leaf, host, goMinor);
  }

  /** CertificateInvalidError (Expired) of crypto/x509's isValid, or null. */
  static String validityError(X509Certificate leaf, Instant now, ZoneId zone) {
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    String relation;
    Instant bound;
    if (now.isBefore(notBefore)) {
      relation = "before";
      bound = notBefore;
    } else if (now.isAfter(notAfter)) {
      relation = "after";
      bound = notAfter;
    } else {
      return null;
    }
    // go prints the current time in its local zone and the certificate's time in UTC (as x509
    // parses it), both truncated to the second
    return "x509: certificate has expired or is not yet valid: current time "
        + RFC3339.format(now.atZone(zone)) + " is " + relation + " "
        + RFC3339.format(bound.atZone(ZoneOffset.UTC));
  }

  /** HostnameError of crypto/x509's VerifyHostname, or null when the certificate matches. */
  static String hostnameError(X509Certificate leaf, String host, int goMinor) {
    List<byte[]> ips = new ArrayList<>();
    List<String> dnsNames = new ArrayList<>();
    Collection<List<?>> sans;
    try {
      sans = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      sans = null;
    }
    boolean hasSanExtension = leaf.getExtensionValue("2.5.29.17") != null;
    if (sans != null) {
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        if (type == SAN_DNS) {
          dnsNames.add((String) san.get(1));
        } else if (type == SAN_IP) {
          byte[] ip = IpLiteral.parseIp((String) san.get(1));
          if (ip != null) {
            ips.add(ip);
          }
        }
      }
    }
    String candidateIp = host;
    if (host.length() >= 3 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
      candidateIp = host.substring(1, host.length() - 1);
    }
    // go1.27 parses the address with netip.ParseAddr (a zone allowed) and names it as net.IP
    // prints it; before, net.ParseIP and the host as written
    byte[] ip = goMinor >= 27 ? IpLiteral.parseAddr(candidateIp) : IpLiteral.parseIp(candidateIp);
    String name;
    if (ip != null) {
      for (byte[] san : ips) {
        if (Arrays.equals(san, ip)) {
          return null;
        }
      }
      name = goMinor >= 27 ? IpLiteral.format(ip) : candidateIp;
    } else {
      String lower = lowerAscii(host);
      boolean validInput = validHostname(lower, false);
      List<String> hostParts = splitHostname(lower);
      for (String pattern : dnsNames) {
        if (validInput && validHostname(pattern, true)
            ? matchHostnames(pattern, hostParts) : matchExactly(pattern, lower)) {
          return null;
        }
      }
      name = host;
    }
    return hostnameErrorText(hasSanExtension, commonName(leaf), ips, dnsNames, name, goMinor);
  }

  /** HostnameError.Error. */
  private static String hostnameErrorText(boolean hasSanExtension, String commonName,
      List<byte[]> ips, List<String> dnsNames, String host, int goMinor) {
    if (!hasSanExtension && matchHostnames(commonName, splitHostname(lowerAscii(host)))) {
      return "x509: certificate relies on legacy Common Name field, use SANs instead";
    }
    // go1.26 (and the security releases go1.24.11, go1.25.5, which goMinor cannot tell apart)
    // stops listing at 100 names
    int maxNames = goMinor >= 26 ? 100 : Integer.MAX_VALUE;
    String valid;
    if (IpLiteral.parseIp(host) != null) {
      if (ips.isEmpty()) {
        return "x509: cannot validate certificate for " + host
            + " because it doesn't contain any IP SANs";
      }
      if (ips.size() >= maxNames) {
        return "x509: certificate is valid for " + ips.size() + " IP SANs, but none matched " + host;
      }
      List<String> shown = new ArrayList<>();
      for (byte[] san : ips) {
        shown.add(IpLiteral.format(san));
      }
      valid = String.join(", ", shown);
    } else {
      if (dnsNames.size() >= maxNames) {
        return "x509: certificate is valid for " + dnsNames.size() + " names, but none matched "
            + host;
      }
      valid = String.join(", ", dnsNames);
    }
    if (valid.isEmpty()) {
      return "x509: certificate is not valid for any names, but wanted to match " + host;
    }
    return "x509: certificate is valid for " + valid + ", not " + host;
  }

  /**
   * The subject's common name as go's pkix.Name keeps it: the last CN of the DER sequence (empty
   * without one). RFC 2253 writes the sequence last first, so that is the first CN there; its
   * escapes are undone here (javax.naming's LdapName would add a module to the client's
   * start-up for this one rare message).
   */
  static String commonName(X509Certificate c) {
    String dn = c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    int i = 0;
    while (i < dn.length()) {
      boolean atStart = i == 0 || dn.charAt(i - 1) == ',' || dn.charAt(i - 1) == '+';
      if (atStart && dn.regionMatches(true, i, "CN=", 0, 3) && (i == 0 || !escaped(dn, i - 1))) {
        StringBuilder v = new StringBuilder();
        for (int j = i + 3; j < dn.length(); j++) {
          char ch = dn.charAt(j);
          if (ch == '\\' && j + 1 < dn.length()) {
            char n = dn.charAt(j + 1);
            if (j + 2 < dn.length() && Character.digit(n, 16) >= 0
                && Character.digit(dn.charAt(j + 2), 16) >= 0) {
              // a hex pair: one byte of the UTF-8 value
              java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
              while (j + 2 < dn.length() && dn.charAt(j) == '\\'
                  && Character.digit(dn.charAt(j + 1), 16) >= 0
                  && Character.digit(dn.charAt(j + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(dn.substring(j + 1, j + 3), 16));
                j += 3;
              }
              v.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
              j--;
              continue;
            }
            v.append(n);
            j++;
            continue;
          }
          if (ch == ',' || ch == '+') {
            break;
          }
          v.append(ch);
        }
        return v.toString();
      }
      i++;
    }
    return "";
  }

  private static boolean escaped(String s, int i) {
    int n = 0;
    for (int k = i - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
      n++;
    }
    return n % 2 == 1;
  }

  /** go's validHostname (RFC 6125 2.2 with go's leniency: {@code _}, a left-most {@code *}). */
  static boolean validHostname(String host, boolean pattern) {
    if (!pattern && host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty() || host.equals("*")) {
      return false;
    }
    String[] parts = host.split("\\.", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        return false;
      }
      if (pattern && i == 0 && part.equals("*")) {
        continue;
      }
      for (int j = 0; j < part.length(); j++) {
        char c = part.charAt(j);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || (c == '-' && j != 0) || c == '_';
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matchExactly(String a, String b) {
    if (a.isEmpty() || a.equals(".") || b.isEmpty() || b.equals(".")) {
      return false;
    }
    return lowerAscii(a).equals(lowerAscii(b));
  }

  /** go's matchHostnames: label by label, a left-most {@code *} matching any one label. */
  private static boolean matchHostnames(String pattern, List<String> hostParts) {
    pattern = lowerAscii(pattern);
    if (pattern.isEmpty() || hostParts.isEmpty() || (hostParts.size() == 1
        && hostParts.get(0).isEmpty())) {
      return false;
    }
    String[] parts = pattern.split("\\.", -1);
    if (parts.length != hostParts.size()) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      if (i == 0 && parts[i].equals("*")) {
        continue;
      }
      if (!parts[i].equals(hostParts.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> splitHostname(String lowerHost) {
    String h = lowerHost.endsWith(".") ? lowerHost.substring(0, lowerHost.length() - 1) : lowerHost;
    return Arrays.asList(h.split("\\.", -1));
  }

  private static String lowerAscii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return b.toString();
  }
}
