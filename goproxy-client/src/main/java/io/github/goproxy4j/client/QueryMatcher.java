package io.github.goproxy4j.client;

import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import java.util.function.Predicate;

/**
 * A parsed version query with go's meaning ({@code newQueryMatcher} in modload/query.go):
 * {@code latest}, {@code upgrade}, {@code patch}, {@code v1}/{@code v1.2} prefixes,
 * {@code <v}, {@code <=v}, {@code >v}, {@code >=v} ranges, an exact version, or a revision.
 */
final class QueryMatcher {
  final String query;
  final String current;
  /** The version prefix versions must have ("" for none). */
  String prefix = "";
  Predicate<String> filter;
  /** The query is an exact version: resolve with a single {@code .info} request. */
  boolean canStat;
  /** The query names a revision (branch, tag, hash), not a version. */
  boolean revision;
  boolean preferLower;
  boolean mayUseLatest;
  boolean preferIncompatible;

  private QueryMatcher(String query, String current) {
    this.query = query;
    this.current = current;
  }

  /**
   * Parses a query.
   *
   * @param path the module path
   * @param query the query
   * @param current the current version, or "" for none
   * @throws IllegalArgumentException with go's message for an invalid query
   */
  static QueryMatcher parse(ModulePath path, String query, String current) {
    if (!current.isEmpty() && !current.equals("none") && !Version.isValid(current)) {
      throw new InvalidQueryException("invalid previous version " + InfoJson.goQuote(current));
    }
    QueryMatcher qm = new QueryMatcher(query, current);
    qm.preferIncompatible = current.endsWith("+incompatible");
    boolean noCurrent = current.isEmpty() || current.equals("none");
    if (query.equals("latest")) {
      qm.mayUseLatest = true;
    } else if (query.equals("upgrade")) {
      if (noCurrent) {
        qm.mayUseLatest = true;
      } else {
        qm.mayUseLatest = Version.parse(current).isPseudo();
        qm.filter = mv -> Version.compare(mv, current) >= 0;
      }
    } else if (query.equals("patch")) {
      if (noCurrent) {
        throw new InvalidQueryException("can't query version \"patch\" of module " + path
            + ": no existing version is required");
      }
      qm.mayUseLatest = Version.parse(current).isPseudo();
      qm.prefix = Version.parse(current).majorMinor() + ".";
      qm.filter = mv -> Version.compare(mv, current) >= 0;
    } else if (query.startsWith("<=")) {
      String v = range(query, 2, true);
      qm.filter = mv -> Version.compare(mv, v) <= 0;
      qm.preferIncompatible |= !matchesMajor(path, v);
    } else if (query.startsWith("<")) {
      String v = range(query, 1, false);
      qm.filter = mv -> Version.compare(mv, v) < 0;
      qm.preferIncompatible |= !matchesMajor(path, v);
    } else if (query.startsWith(">=")) {
      String v = range(query, 2, false);
      qm.filter = mv -> Version.compare(mv, v) >= 0;
      qm.preferLower = true;
      qm.preferIncompatible |= !matchesMajor(path, v);
    } else if (query.startsWith(">")) {
      String v = range(query, 1, true);
      qm.filter = mv -> Version.compare(mv, v) > 0;
      qm.preferLower = true;
      qm.preferIncompatible |= !matchesMajor(path, v);
    } else if (Version.isValid(query)) {
      if (isSemverPrefix(query)) {
        qm.prefix = query + ".";
        qm.filter = mv -> Version.compare(mv, query) >= 0;
      } else {
        qm.canStat = true;
        qm.filter = mv -> Version.compare(mv, query) == 0;
        qm.prefix = Version.parse(query).canonical().toString();
      }
      qm.preferIncompatible |= !matchesMajor(path, query);
    } else {
      qm.revision = true;
    }
    return qm;
  }

  private static String range(String query, int skip, boolean rejectPrefix) {
    String v = query.substring(skip);
    if (!Version.isValid(v)) {
      throw new InvalidQueryException("invalid semantic version " + InfoJson.goQuote(v)
          + " in range " + InfoJson.goQuote(query));
    }
    if (rejectPrefix && isSemverPrefix(v)) {
      throw new InvalidQueryException("ambiguous semantic version " + InfoJson.goQuote(v)
          + " in range " + InfoJson.goQuote(query));
    }
    return v;
  }

  private static boolean matchesMajor(ModulePath path, String v) {
    try {
      ModuleVersion.of(path, Version.parse(v));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A valid semver with at most one dot and no prerelease or build: {@code v1}, {@code v1.2}. */
  static boolean isSemverPrefix(String v) {
    int dots = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '-' || c == '+') {
        return false;
      }
      if (c == '.' && ++dots >= 2) {
        return false;
      }
    }
    return true;
  }

  /** Prefix and filter, without the retraction check. */
  boolean matches(String v) {
    if (!prefix.isEmpty() && !v.startsWith(prefix)) {
      return false;
    }
    return filter == null || filter.test(v);
  }

  /** An invalid query, with go's message. */
  static final class InvalidQueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidQueryException(String message) {
      super(message);
    }
  }
}
