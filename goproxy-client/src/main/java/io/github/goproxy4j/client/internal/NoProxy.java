package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.internal.GoStrings;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@code NO_PROXY} value with the rules of Go's golang.org/x/net/http/httpproxy: comma
 * separated entries; {@code *} matches everything; {@code ip}, {@code ip:port},
 * {@code [ipv6]:port} and CIDR blocks match IP literals; {@code example.com} matches the host and
 * its subdomains, {@code .example.com} and {@code *.example.com} only subdomains, each optionally
 * with {@code :port}. {@code localhost} and loopback addresses never use a proxy. Malformed
 * entries are ignored, as in Go.
 *
 * <pre>{@code
 * NoProxy np = NoProxy.parse("internal.example, 10.0.0.0/8");
 * np.useProxy("a.internal.example", "443")   // false
 * }</pre>
 */
public final class NoProxy {
  private final String raw;
  private final boolean all;
  private final List<IpLiteral.Cidr> cidrs;
  private final List<IpMatch> ips;
  private final List<DomainMatch> domains;

  private record IpMatch(byte[] ip, String port) {}

  private record DomainMatch(String host, String port, boolean matchHost) {}

  private NoProxy(
      String raw, boolean all, List<IpLiteral.Cidr> cidrs, List<IpMatch> ips,
      List<DomainMatch> domains) {
    this.raw = raw;
    this.all = all;
    this.cidrs = cidrs;
    this.ips = ips;
    this.domains = domains;
  }

  /**
   * Parses a {@code NO_PROXY} value. Never fails: malformed entries are skipped as in Go.
   *
   * @param value the value (empty means no exceptions)
   * @return the matcher
   */
  public static NoProxy parse(String value) {
    Objects.requireNonNull(value, "value");
    List<IpLiteral.Cidr> cidrs = new ArrayList<>();
    List<IpMatch> ips = new ArrayList<>();
    List<DomainMatch> domains = new ArrayList<>();
    for (String entry : value.split(",", -1)) {
      String p = GoStrings.trimSpace(entry).toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("*")) {
        return new NoProxy(value, true, List.of(), List.of(), List.of());
      }
      IpLiteral.Cidr cidr = IpLiteral.parseCidr(p);
      if (cidr != null) {
        cidrs.add(cidr);
        continue;
      }
      String phost;
      String pport = "";
      String[] hp = HostPort.split(p);
      if (hp != null) {
        phost = hp[0];
        pport = hp[1];
        if (phost.isEmpty()) {
          continue;
        }
        if (phost.length() >= 2 && phost.charAt(0) == '[' && phost.endsWith("]")) {
          phost = phost.substring(1, phost.length() - 1);
        }
      } else {
        phost = p;
      }
      byte[] ip = IpLiteral.parseIp(phost);
      if (ip != null) {
        ips.add(new IpMatch(ip, pport));
        continue;
      }
      if (phost.isEmpty()) {
        continue;
      }
      if (phost.startsWith("*.")) {
        phost = phost.substring(1);
      }
      boolean matchHost = false;
      if (phost.charAt(0) != '.') {
        matchHost = true;
        phost = "." + phost;
      }
      phost = idnaAscii(phost);
      domains.add(new DomainMatch(phost, pport, matchHost));
    }
    return new NoProxy(value, false, List.copyOf(cidrs), List.copyOf(ips), List.copyOf(domains));
  }

  /**
   * Reports whether a request to {@code host:port} goes through the proxy (httpproxy's
   * {@code useProxy}).
   *
   * @param host the request host as Go's {@code URL.Hostname()} gives it (IDNA applied)
   * @param port the port, explicit or the scheme's default (may be empty)
   * @return false when the host is localhost, a loopback address or matched by an entry
   */
  public boolean useProxy(String host, String port) {
    if (host.equals("localhost")) {
      return false;
    }
    byte[] ip = IpLiteral.parseAddr(host);
    if (ip != null && IpLiteral.isLoopback(ip)) {
      return false;
    }
    if (all) {
      return false;
    }
    String addr = GoStrings.trimSpace(host).toLowerCase(Locale.ROOT);
    if (ip != null) {
      for (IpLiteral.Cidr c : cidrs) {
        if (c.contains(ip)) {
          return false;
        }
      }
      for (IpMatch m : ips) {
        if (java.util.Arrays.equals(m.ip(), ip) && (m.port().isEmpty() || m.port().equals(port))) {
          return false;
        }
      }
      return true;
    }
    for (DomainMatch m : domains) {
      if (addr.endsWith(m.host()) || (m.matchHost() && addr.equals(m.host().substring(1)))) {
        if (m.port().isEmpty() || m.port().equals(port)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Go's {@code idnaASCII}: ASCII stays as is; otherwise IDNA ToASCII label by label (empty
   * labels, as in {@code .example.com}, are kept), or the input as is on error.
   */
  static String idnaAscii(String v) {
    boolean ascii = true;
    for (int i = 0; i < v.length() && ascii; i++) {
      ascii = v.charAt(i) < 0x80;
    }
    if (ascii) {
      return v;
    }
    String[] labels = v.split("[.\u3002\uff0e\uff61]", -1);
    try {
      for (int i = 0; i < labels.length; i++) {
        if (!labels[i].isEmpty()) {
          labels[i] = IDN.toASCII(labels[i], IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        }
      }
    } catch (IllegalArgumentException e) {
      return v;
    }
    return String.join(".", labels);
  }

  @Override
  public String toString() {
    return "NoProxy[" + raw + "]";
  }
}
