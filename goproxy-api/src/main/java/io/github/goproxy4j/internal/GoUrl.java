package io.github.goproxy4j.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A fresh Java rendering of the parts of Go's {@code net/url} that decide which GOPROXY/GOSUMDB
 * values are accepted and what the error says: {@code url.Parse}, the {@code URL} fields,
 * {@code String()} and {@code Redacted()}. The host rules follow the release ({@link Rules}):
 * go1.19–1.24.7 and 1.25.0–1.25.1 as go1.19; brackets must hold an IPv6 address from 1.24.8,
 * 1.25.2 and 1.26; a {@code [} elsewhere in the host is refused from 1.25.8 and 1.26.1; colons
 * in an http(s) host are refused from 1.26 (GODEBUG {@code urlstrictcolons=0} restores the old
 * rule).
 *
 * <p>Go works on bytes, so internally every string here is a "byte string": each char holds one
 * byte (0–255) of the UTF-8 form. {@link #parse(String)} converts on the way in and the
 * accessors convert back. The fields are Go's {@code url.URL} fields, as byte strings, and as
 * mutable as Go's struct (cmd/go's gitauth sets them one by one).
 *
 * <p>Used by the env package (GOPROXY, GOSUMDB) and by GOAUTH's git method
 * ({@link #parseRequestUri}); internal to goproxy4j, not API.
 */
public final class GoUrl {
  /** Scheme, lower-cased by the parser. */
  public String scheme = "";
  /** Opaque: what follows {@code scheme:} when no slash does. */
  public String opaque = "";
  /** Whether User is set. */
  public boolean hasUser;
  /** The user name. */
  public String username = "";
  /** The password. */
  public String password = "";
  /** Whether a password is set. */
  public boolean passwordSet;
  /** Host, or host:port. */
  public String host = "";
  /** Path, unescaped. */
  public String path = "";
  /** RawPath: the escaped path when it differs from the default escaping. */
  public String rawPath = "";
  /** OmitHost: no empty host written for {@code scheme:/path}. */
  public boolean omitHost;
  /** ForceQuery: a {@code ?} with no query. */
  public boolean forceQuery;
  /** RawQuery, escaped, without the {@code ?}. */
  public String rawQuery = "";
  /** Fragment, unescaped. */
  public String fragment = "";
  /** RawFragment: the escaped fragment when it differs from the default escaping. */
  public String rawFragment = "";

  private GoUrl() {}

  /** {@return an empty URL, as Go's {@code new(url.URL)}} */
  public static GoUrl empty() {
    return new GoUrl();
  }

  /** Thrown with Go's error text, e.g. {@code parse "x": missing ']' in host}. */
  public static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message, null, false, false);
    }
  }

  private static final int PATH = 1;
  private static final int PATH_SEGMENT = 2;
  private static final int HOST = 3;
  private static final int ZONE = 4;
  private static final int USER_PASSWORD = 5;
  private static final int QUERY_COMPONENT = 6;
  private static final int FRAGMENT = 7;

  /**
   * Converts a Java string to a byte string.
   *
   * @param s the string
   * @return each char one byte of {@code s}'s UTF-8 form
   */
  public static String toBytes(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /**
   * Converts a byte string back to a Java string.
   *
   * @param s the byte string
   * @return its bytes decoded as UTF-8
   */
  public static String fromBytes(String s) {
    return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  static String quoteBytes(String byteString) {
    return GoQuote.quoteCut(byteString.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * The net/url host rules of one go release.
   *
   * @param bracketsHoldIpv6 {@code [..]} must hold an IPv6 address (CVE-2025-47912)
   * @param bracketOnlyAtStart a {@code [} anywhere but the start of the host is refused
   *     (CVE-2026-25679)
   * @param strictColons an http(s) host:port may have one colon only (GODEBUG urlstrictcolons)
   */
  public record Rules(boolean bracketsHoldIpv6, boolean bracketOnlyAtStart, boolean strictColons) {
    /** The rules of the newest release modelled. */
    public static final Rules NEWEST = new Rules(true, true, true);

    /**
     * The rules of a release, with the process GODEBUG setting (read by the go command from its
     * environment only, never from the env file).
     *
     * @param release the go release
     * @param godebug the GODEBUG value ({@code ""} when unset)
     * @return the rules
     */
    public static Rules of(GoRelease release, String godebug) {
      boolean strict = release.atLeast(26) && !"0".equals(godebugValue(godebug, "urlstrictcolons"));
      return new Rules(release.includesFix("1.24.8", "1.25.2"), release.includesFix("1.25.8", "1.26.1"),
          strict);
    }

    /** A key's value in a GODEBUG list ({@code k=v,k2=v2}; a later setting overrides). */
    static String godebugValue(String godebug, String key) {
      String value = null;
      for (String kv : godebug.split(",", -1)) {
        int eq = kv.indexOf('=');
        if (eq > 0 && kv.substring(0, eq).trim().equals(key)) {
          value = kv.substring(eq + 1).trim();
        }
      }
      return value;
    }
  }

  /**
   * Go's url.Parse with the newest release's rules.
   *
   * @param raw the URL, as a Java string
   * @return the URL
   * @throws ParseException with Go's text
   */
  public static GoUrl parse(String raw) throws ParseException {
    return parse(raw, Rules.NEWEST);
  }

  /**
   * Go's url.Parse.
   *
   * @param raw the URL, as a Java string
   * @param rules the release's host rules
   * @return the URL
   * @throws ParseException with Go's text
   */
  public static GoUrl parse(String raw, Rules rules) throws ParseException {
    String rawBytes = toBytes(raw);
    int hash = rawBytes.indexOf('#');
    String u = hash < 0 ? rawBytes : rawBytes.substring(0, hash);
    String frag = hash < 0 ? "" : rawBytes.substring(hash + 1);
    GoUrl url;
    try {
      url = parseNoFragment(u, rules, false);
    } catch (Err e) {
      throw new ParseException("parse " + quoteBytes(Redaction.rawUrl(u)) + ": " + e.getMessage());
    }
    if (frag.isEmpty()) {
      return url;
    }
    try {
      url.fragment = unescape(frag, FRAGMENT);
      url.rawFragment = escape(url.fragment, FRAGMENT).equals(frag) ? "" : frag;
    } catch (Err e) {
      throw new ParseException("parse " + quoteBytes(Redaction.rawUrl(rawBytes)) + ": " + e.getMessage());
    }
    return url;
  }

  /**
   * Go's url.ParseRequestURI: the whole string as an absolute URI or an absolute path, no
   * fragment split off.
   *
   * @param raw the URI, as a Java string
   * @param rules the release's host rules
   * @return the URL
   * @throws ParseException with Go's text, e.g. {@code parse "x": invalid URI for request}
   */
  public static GoUrl parseRequestUri(String raw, Rules rules) throws ParseException {
    String rawBytes = toBytes(raw);
    try {
      return parseNoFragment(rawBytes, rules, true);
    } catch (Err e) {
      throw new ParseException("parse " + quoteBytes(Redaction.rawUrl(rawBytes)) + ": " + e.getMessage());
    }
  }

  private static final class Err extends Exception {
    private static final long serialVersionUID = 1L;

    Err(String message) {
      super(message, null, false, false);
    }
  }

  private static GoUrl parseNoFragment(String raw, Rules rules, boolean viaRequest) throws Err {
    for (int i = 0; i < raw.length(); i++) {
      char b = raw.charAt(i);
      if (b < ' ' || b == 0x7f) {
        throw new Err("net/url: invalid control character in URL");
      }
    }
    if (raw.isEmpty() && viaRequest) {
      throw new Err("empty url");
    }
    GoUrl url = new GoUrl();
    if (raw.equals("*")) {
      url.path = "*";
      return url;
    }
    String rest = raw;
    // getScheme
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          break;
        }
        continue;
      }
      if (c == ':') {
        if (i == 0) {
          throw new Err("missing protocol scheme");
        }
        url.scheme = raw.substring(0, i).toLowerCase(Locale.ROOT);
        rest = raw.substring(i + 1);
      }
      break;
    }
    int q = rest.indexOf('?');
    if (rest.endsWith("?") && q == rest.length() - 1) {
      url.forceQuery = true;
      rest = rest.substring(0, rest.length() - 1);
    } else if (q >= 0) {
      url.rawQuery = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    if (!rest.startsWith("/")) {
      if (!url.scheme.isEmpty()) {
        url.opaque = rest;
        return url;
      }
      if (viaRequest) {
        throw new Err("invalid URI for request");
      }
      int slash = rest.indexOf('/');
      String segment = slash < 0 ? rest : rest.substring(0, slash);
      if (segment.contains(":")) {
        throw new Err("first path segment in URL cannot contain colon");
      }
    }
    if ((!url.scheme.isEmpty() || !viaRequest && !rest.startsWith("///")) && rest.startsWith("//")) {
      String authority = rest.substring(2);
      rest = "";
      int i = authority.indexOf('/');
      if (i >= 0) {
        rest = authority.substring(i);
        authority = authority.substring(0, i);
      }
      parseAuthority(url, authority, rules);
    } else if (!url.scheme.isEmpty() && rest.startsWith("/")) {
      url.omitHost = true;
    }
    url.path = unescape(rest, PATH);
    url.rawPath = escape(url.path, PATH).equals(rest) ? "" : rest;
    return url;
  }

  private static void parseAuthority(GoUrl url, String authority, Rules rules) throws Err {
    int i = authority.lastIndexOf('@');
    url.host = parseHost(url.scheme, i < 0 ? authority : authority.substring(i + 1), rules);
    if (i < 0) {
      return;
    }
    String userinfo = authority.substring(0, i);
    for (int k = 0; k < userinfo.length(); k++) {
      char r = userinfo.charAt(k);
      boolean ok = (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
          || "-._:~!$&'()*+,;=%@".indexOf(r) >= 0;
      if (!ok) {
        throw new Err("net/url: invalid userinfo");
      }
    }
    url.hasUser = true;
    int colon = userinfo.indexOf(':');
    if (colon < 0) {
      url.username = unescape(userinfo, USER_PASSWORD);
    } else {
      url.username = unescape(userinfo.substring(0, colon), USER_PASSWORD);
      url.password = unescape(userinfo.substring(colon + 1), USER_PASSWORD);
      url.passwordSet = true;
    }
  }

  private static String parseHost(String scheme, String host, Rules rules) throws Err {
    if (rules.bracketOnlyAtStart() && host.lastIndexOf('[') > 0) {
      throw new Err("invalid IP-literal");
    }
    if (host.startsWith("[")) {
      int i = host.lastIndexOf(']');
      if (i < 0) {
        throw new Err("missing ']' in host");
      }
      String colonPort = host.substring(i + 1);
      if (!validOptionalPort(colonPort)) {
        throw new Err("invalid port " + quoteBytes(colonPort) + " after host");
      }
      if (rules.bracketsHoldIpv6()) {
        String port = unescape(colonPort, HOST);
        String name = host.substring(1, i);
        int zone = name.indexOf("%25");
        String unescaped = zone >= 0
            ? unescape(name.substring(0, zone), HOST) + unescape(name.substring(zone), ZONE)
            : unescape(name, HOST);
        NetipAddr addr;
        try {
          addr = NetipAddr.parse(unescaped);
        } catch (NetipAddr.Error e) {
          throw new Err("invalid host: " + e.getMessage());
        }
        if (addr.is4) {
          throw new Err("invalid IP-literal");
        }
        return "[" + unescaped + "]" + port;
      }
      int zone = host.substring(0, i).indexOf("%25");
      if (zone >= 0) {
        return unescape(host.substring(0, zone), HOST)
            + unescape(host.substring(zone, i), ZONE)
            + unescape(host.substring(i), HOST);
      }
    } else {
      int i = host.indexOf(':');
      int last = host.lastIndexOf(':');
      if (i >= 0 && last != i && !(rules.strictColons()
          && (scheme.equals("http") || scheme.equals("https")))) {
        i = last;
      }
      if (i >= 0) {
        String colonPort = host.substring(i);
        if (!validOptionalPort(colonPort)) {
          throw new Err("invalid port " + quoteBytes(colonPort) + " after host");
        }
      }
    }
    return unescape(host, HOST);
  }

  private static boolean validOptionalPort(String port) {
    if (port.isEmpty()) {
      return true;
    }
    if (port.charAt(0) != ':') {
      return false;
    }
    for (int i = 1; i < port.length(); i++) {
      char b = port.charAt(i);
      if (b < '0' || b > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean shouldEscape(char c, int mode) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return false;
    }
    if (mode == HOST || mode == ZONE) {
      if ("!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
        return false;
      }
    }
    switch (c) {
      case '-':
      case '_':
      case '.':
      case '~':
        return false;
      case '$':
      case '&':
      case '+':
      case ',':
      case '/':
      case ':':
      case ';':
      case '=':
      case '?':
      case '@':
        switch (mode) {
          case PATH:
            return c == '?';
          case PATH_SEGMENT:
            return c == '/' || c == ';' || c == ',' || c == '?';
          case USER_PASSWORD:
            return c == '@' || c == '/' || c == '?' || c == ':';
          case QUERY_COMPONENT:
            return true;
          case FRAGMENT:
            return false;
          default:
            break;
        }
        break;
      default:
        break;
    }
    if (mode == FRAGMENT && (c == '!' || c == '(' || c == ')' || c == '*')) {
      return false;
    }
    return true;
  }

  private static String unescape(String s, int mode) throws Err {
    int n = 0;
    boolean hasPlus = false;
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        n++;
        if (i + 2 >= s.length() || !HexFormat.isHexDigit(s.charAt(i + 1))
            || !HexFormat.isHexDigit(s.charAt(i + 2))) {
          String bad = s.substring(i);
          if (bad.length() > 3) {
            bad = bad.substring(0, 3);
          }
          throw new Err("invalid URL escape " + quoteBytes(bad));
        }
        if (mode == HOST && HexFormat.fromHexDigit(s.charAt(i + 1)) < 8 && !s.startsWith("%25", i)) {
          throw new Err("invalid URL escape " + quoteBytes(s.substring(i, i + 3)));
        }
        if (mode == ZONE) {
          char v = (char) HexFormat.fromHexDigits(s, i + 1, i + 3);
          if (!s.startsWith("%25", i) && v != ' ' && shouldEscape(v, HOST)) {
            throw new Err("invalid URL escape " + quoteBytes(s.substring(i, i + 3)));
          }
        }
        i += 3;
      } else if (c == '+') {
        hasPlus = mode == QUERY_COMPONENT;
        i++;
      } else {
        if ((mode == HOST || mode == ZONE) && c < 0x80 && shouldEscape(c, mode)) {
          throw new Err("invalid character " + quoteBytes(String.valueOf(c)) + " in host name");
        }
        i++;
      }
    }
    if (n == 0 && !hasPlus) {
      return s;
    }
    StringBuilder t = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        t.append((char) HexFormat.fromHexDigits(s, i + 1, i + 3));
        i += 2;
      } else if (c == '+' && mode == QUERY_COMPONENT) {
        t.append(' ');
      } else {
        t.append(c);
      }
    }
    return t.toString();
  }

  private static String escape(String s, int mode) {
    StringBuilder t = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (shouldEscape(c, mode)) {
        if (t == null) {
          t = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        if (c == ' ' && mode == QUERY_COMPONENT) {
          t.append('+');
        } else {
          t.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
        }
      } else if (t != null) {
        t.append(c);
      }
    }
    return t == null ? s : t.toString();
  }

  private static boolean validEncoded(String s, int mode) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("!$&'()*+,;=:@[]%".indexOf(c) >= 0) {
        continue;
      }
      if (shouldEscape(c, mode)) {
        return false;
      }
    }
    return true;
  }

  private String escapedPath() {
    if (!rawPath.isEmpty() && validEncoded(rawPath, PATH)) {
      try {
        if (unescape(rawPath, PATH).equals(path)) {
          return rawPath;
        }
      } catch (Err e) {
        // fall through to computing the escaping
      }
    }
    if (path.equals("*")) {
      return "*";
    }
    return escape(path, PATH);
  }

  private String escapedFragment() {
    if (!rawFragment.isEmpty() && validEncoded(rawFragment, FRAGMENT)) {
      try {
        if (unescape(rawFragment, FRAGMENT).equals(fragment)) {
          return rawFragment;
        }
      } catch (Err e) {
        // fall through
      }
    }
    return escape(fragment, FRAGMENT);
  }

  /**
   * Go's URL.String() (or Redacted()).
   *
   * @param redact whether the password is shown as {@code xxxxx}
   * @return the URL as a real (decoded) Java string
   */
  public String string(boolean redact) {
    StringBuilder b = new StringBuilder();
    if (!scheme.isEmpty()) {
      b.append(scheme).append(':');
    }
    if (!opaque.isEmpty()) {
      b.append(opaque);
    } else {
      if (!scheme.isEmpty() || !host.isEmpty() || hasUser) {
        if (!(omitHost && host.isEmpty() && !hasUser)) {
          if (!host.isEmpty() || !path.isEmpty() || hasUser) {
            b.append("//");
          }
          if (hasUser) {
            b.append(escape(username, USER_PASSWORD));
            if (passwordSet) {
              b.append(':').append(redact ? Redaction.MASK : escape(password, USER_PASSWORD));
            }
            b.append('@');
          }
          if (!host.isEmpty()) {
            b.append(escape(host, HOST));
          }
        }
      }
      String p = escapedPath();
      if (!p.isEmpty() && p.charAt(0) != '/' && !host.isEmpty()) {
        b.append('/');
      }
      if (b.length() == 0) {
        int slash = p.indexOf('/');
        if ((slash < 0 ? p : p.substring(0, slash)).contains(":")) {
          b.append("./");
        }
      }
      b.append(p);
    }
    if (forceQuery || !rawQuery.isEmpty()) {
      b.append('?').append(rawQuery);
    }
    if (!fragment.isEmpty()) {
      b.append('#').append(escapedFragment());
    }
    return fromBytes(b.toString());
  }

  /** {@return Go's URL.Redacted(): the password (if any) replaced by {@code xxxxx}} */
  public String redacted() {
    return string(true);
  }

  /** {@return whether only Scheme, Path and RawPath are set (Go's file:// proxy rule)} */
  public boolean onlySchemeAndPath() {
    return opaque.isEmpty() && !hasUser && host.isEmpty() && !omitHost && !forceQuery
        && rawQuery.isEmpty() && fragment.isEmpty() && rawFragment.isEmpty();
  }
}
