package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.GoUrl;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.internal.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checksum database as named by {@code GOSUMDB}: its name, its verifier key and, when the
 * setting gives one, the URL to reach it directly.
 *
 * <pre>{@code
 * ChecksumDb db = ChecksumDb.parse("sum.golang.org");
 * db.name();         // "sum.golang.org"
 * db.verifierKey();  // the built-in sum.golang.org key
 * db.url();          // empty: through the proxies (/sumdb/sum.golang.org/supported), else https://sum.golang.org
 * }</pre>
 *
 * <p>{@link #parse(String)} follows cmd/go's {@code dbDial}: {@code sum.golang.google.cn} is an
 * alias of {@code sum.golang.org https://sum.golang.google.cn}; the value is split into
 * whitespace-separated fields (Go's {@code strings.Fields}); a first field of
 * {@code sum.golang.org} is replaced by its built-in key; the key is parsed by
 * {@link VerifierKey#parse(String)}; the name must form {@code https://<name>} with only a host and
 * an optional path; a second field is the database URL (no scheme check, as in Go: an
 * {@code http://} URL is allowed), used directly, bypassing the proxies.
 */
public final class ChecksumDb {
  /** The key built into the go command for {@code sum.golang.org}. */
  public static final String SUM_GOLANG_ORG_KEY =
      "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

  private final VerifierKey verifierKey;
  private final URI url;

  private ChecksumDb(VerifierKey verifierKey, URI url) {
    this.verifierKey = verifierKey;
    this.url = url;
  }

  /**
   * Creates a database from a key and an optional direct URL.
   *
   * @param verifierKey the verifier key (its name is the database name)
   * @param url the URL to use directly, or null to go through the proxies
   * @return the database
   * @throws GoEnvException if the key's name cannot be a database name
   *     ({@code invalid sumdb name (must be host[/path]): ...})
   */
  public static ChecksumDb of(VerifierKey verifierKey, URI url) {
    Objects.requireNonNull(verifierKey, "verifierKey");
    checkName(verifierKey.name());
    return new ChecksumDb(verifierKey, url);
  }

  /**
   * Parses a {@code GOSUMDB} value other than {@code off}, as the go command does when it first
   * needs the database.
   *
   * @param gosumdb the value, for example {@code sum.golang.org} or {@code name+hash+key url}; may be
   *     {@code null}, which is read as unset ({@code ""})
   * @return the database
   * @throws GoEnvException with Go's text: {@code missing GOSUMDB},
   *     {@code invalid GOSUMDB: too many fields}, {@code invalid GOSUMDB: malformed verifier id},
   *     {@code invalid sumdb name (must be host[/path]): ...}, {@code invalid GOSUMDB URL: ...},
   *     or {@code checksum database disabled by GOSUMDB=off} for {@code off}
   */
  public static ChecksumDb parse(String gosumdb) {
    return parse(gosumdb, GoUrl.Rules.NEWEST);
  }

  /** {@link #parse(String)} with the URL rules of a go release. */
  static ChecksumDb parse(String gosumdb, GoUrl.Rules rules) {
    String value = gosumdb == null ? "" : gosumdb;
    if (value.equals("sum.golang.google.cn")) {
      value = "sum.golang.org https://sum.golang.google.cn";
    }
    if (value.equals("off")) {
      throw new GoEnvException("checksum database disabled by GOSUMDB=off");
    }
    List<String> key = new java.util.ArrayList<>(GoStrings.fields(value));
    if (!key.isEmpty() && key.get(0).equals("sum.golang.org")) {
      key.set(0, SUM_GOLANG_ORG_KEY);
    }
    if (key.isEmpty()) {
      throw new GoEnvException("missing GOSUMDB");
    }
    if (key.size() > 2) {
      throw new GoEnvException("invalid GOSUMDB: too many fields");
    }
    VerifierKey vkey;
    try {
      vkey = VerifierKey.parse(key.get(0));
    } catch (InvalidVerifierKeyException e) {
      throw new GoEnvException("invalid GOSUMDB: " + e.goMessage(), e);
    }
    String name = vkey.name();
    checkName(name, rules);
    URI base = null;
    if (key.size() == 2) {
      GoUrl u;
      try {
        u = GoUrl.parse(key.get(1), rules);
      } catch (GoUrl.ParseException e) {
        throw new GoEnvException("invalid GOSUMDB URL: " + e.getMessage(), e);
      }
      base = toUri(u, "invalid GOSUMDB URL: ");
    }
    return new ChecksumDb(vkey, base);
  }

  private static void checkName(String name) {
    checkName(name, GoUrl.Rules.NEWEST);
  }

  private static void checkName(String name, GoUrl.Rules rules) {
    GoUrl direct;
    try {
      direct = GoUrl.parse("https://" + name, rules);
    } catch (GoUrl.ParseException e) {
      // Go 1.19 dereferences a nil URL here and crashes; report the parse error instead.
      throw new GoEnvException(
          "invalid sumdb name (must be host[/path]): " + name + " (" + e.getMessage() + ")", e);
    }
    boolean ok = !name.endsWith("/")
        && direct.scheme.equals("https")
        && direct.opaque.isEmpty()
        && !direct.hasUser
        && !direct.omitHost
        && !direct.forceQuery
        && direct.rawQuery.isEmpty()
        && direct.fragment.isEmpty()
        && direct.rawFragment.isEmpty()
        && direct.rawPath.isEmpty()
        && !direct.host.isEmpty();
    if (!ok) {
      throw new GoEnvException(
          "invalid sumdb name (must be host[/path]): " + name + " " + structString(direct));
    }
  }

  /** Go's {@code %+v} of a url.URL (user info shown only as set/unset, never its value). */
  private static String structString(GoUrl u) {
    return "{Scheme:" + u.scheme + " Opaque:" + GoUrl.fromBytes(u.opaque)
        + " User:" + (u.hasUser ? "(set)" : "<nil>")
        + " Host:" + GoUrl.fromBytes(u.host) + " Path:" + GoUrl.fromBytes(u.path)
        + " RawPath:" + GoUrl.fromBytes(u.rawPath) + " OmitHost:" + u.omitHost
        + " ForceQuery:" + u.forceQuery + " RawQuery:" + GoUrl.fromBytes(u.rawQuery)
        + " Fragment:" + GoUrl.fromBytes(u.fragment)
        + " RawFragment:" + GoUrl.fromBytes(u.rawFragment) + "}";
  }

  static URI toUri(GoUrl u, String errorPrefix) {
    String s = u.string(false);
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      throw new GoEnvException(
          errorPrefix + u.redacted() + " is accepted by Go but cannot be represented as a"
              + " java.net.URI (" + e.getReason() + ")");
    }
  }

  /**
   * Returns the database name, for example {@code sum.golang.org}.
   *
   * @return the verifier key's name
   */
  public String name() {
    return verifierKey.name();
  }

  /**
   * Returns the verifier key used to check the database's signed tree heads.
   *
   * @return the key
   */
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  /**
   * Returns the URL given in GOSUMDB (or implied by {@code sum.golang.google.cn}). Empty means
   * the go command first asks each proxy for {@code <proxy>/sumdb/<name>/supported} and
   * otherwise connects to {@link #directUrl()}.
   *
   * @return the explicit URL, used directly without the proxies
   */
  public Optional<URI> url() {
    return Optional.ofNullable(url);
  }

  /**
   * Returns {@code https://<name>}, where the database is reached when no proxy serves it.
   *
   * @return the direct URL
   */
  public URI directUrl() {
    try {
      return toUri(GoUrl.parse("https://" + verifierKey.name()), "invalid sumdb name: ");
    } catch (GoUrl.ParseException e) {
      throw new GoEnvException("invalid sumdb name (must be host[/path]): " + verifierKey.name(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChecksumDb
        && ((ChecksumDb) o).verifierKey.equals(verifierKey)
        && Objects.equals(((ChecksumDb) o).url, url);
  }

  @Override
  public int hashCode() {
    return verifierKey.hashCode() * 31 + Objects.hashCode(url);
  }

  /**
   * Returns the GOSUMDB form: the key, then the URL if there is one, its password replaced by
   * {@code xxxxx} as Go's {@code url.Redacted} prints it.
   */
  @Override
  public String toString() {
    return url == null ? verifierKey.toString() : verifierKey + " " + Redaction.redacted(url);
  }
}
