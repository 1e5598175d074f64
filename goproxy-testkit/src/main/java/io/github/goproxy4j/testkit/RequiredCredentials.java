package io.github.goproxy4j.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The {@code Authorization} a fake requires on every request, and the challenge it answers
 * without it. The secret is held only here and never printed ({@link #toString()} names the
 * scheme and, for Basic, the user).
 */
final class RequiredCredentials {
  /** The realm of the {@code WWW-Authenticate} challenge. */
  static final String REALM = "goproxy4j-testkit";

  private final String scheme;
  private final String user; // null for a bearer token
  private final String password; // null for a bearer token
  private final byte[] expected;

  private RequiredCredentials(String scheme, String user, String password, String credentials) {
    this.scheme = scheme;
    this.user = user;
    this.password = password;
    this.expected = (scheme + " " + credentials).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** RFC 7617 Basic with user and password, as go's SetBasicAuth sends them (UTF-8 bytes). */
  static RequiredCredentials basic(String user, String password) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "a Basic user name cannot contain ':' (RFC 7617): the user given has one");
    }
    String pair = user + ":" + password;
    return new RequiredCredentials("Basic", user, password,
        Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  /** RFC 6750 Bearer with a token. */
  static RequiredCredentials bearer(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isEmpty() || !token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      throw new IllegalArgumentException(
          "a bearer token must be non-empty printable ASCII without spaces (RFC 6750)");
    }
    return new RequiredCredentials("Bearer", null, null, token);
  }

  /** Whether the request's Authorization values are exactly the one required. */
  boolean accepts(List<String> values) {
    if (values == null || values.size() != 1) {
      return false;
    }
    return MessageDigest.isEqual(expected, values.get(0).getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The {@code WWW-Authenticate} value of a 401. */
  String challenge() {
    return scheme + " realm=\"" + REALM + "\"";
  }

  /**
   * The netrc line go would read these credentials from for {@code host}, or null when they
   * cannot be written in one: a bearer token, or a user or password that is empty or holds
   * white space or {@code #} (go's netrc reader splits fields at white space and drops a line
   * from its {@code #}, with no quoting).
   */
  String netrcLine(String host) {
    if (user == null || !netrcField(user) || !netrcField(password)) {
      return null;
    }
    return "machine " + host + " login " + user + " password " + password + "\n";
  }

  private static boolean netrcField(String s) {
    return !s.isEmpty() && s.indexOf('#') < 0 && s.chars().noneMatch(Character::isWhitespace);
  }

  @Override
  public String toString() {
    return user != null ? "Basic auth as " + user : "Bearer token";
  }
}
