package io.github.goproxy4j.modfile;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.module.Version;

/**
 * modload's {@code fixVersion} around a query ({@link VersionFixer#resolving}): a class, not a
 * lambda, since every main go.mod read on the CLI's cold start builds one.
 */
final class FixVersion implements VersionFixer {
  private final VersionFixer query;

  FixVersion(VersionFixer query) {
    this.query = query;
  }

  @Override
  public String fix(String path, String version) throws Failure {
    String v = version;
    int hack = v.indexOf("-gopkgin-");
    if (path.startsWith("gopkg.in/") && hack >= 0) {
      v = v.substring(hack + "-gopkgin-".length());
    }
    String pathMajor = ModRules.pathMajor(path);
    if (pathMajor == null) {
      throw Failure.invalidVersion(v, "malformed module path " + GoQuote.quote(path));
    }
    if (!v.isEmpty() && Version.isValid(v) && Version.parse(v).isCanonical()) {
      String bad = ModRules.checkPathMajor(v, pathMajor);
      if (bad != null) {
        throw Failure.invalidVersion(v, bad);
      }
      return v;
    }
    return query.fix(path, v);
  }
}
