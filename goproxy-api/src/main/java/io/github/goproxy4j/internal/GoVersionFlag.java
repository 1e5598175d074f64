package io.github.goproxy4j.internal;

import java.util.Optional;

/**
 * go's {@code -go=version} flag of its mod commands (cmd/go's modcmd goVersionFlag, as
 * {@code go mod graph -go} and {@code go mod tidy -go} take it): a Go version in the release's
 * modfile syntax ({@link ModfileRE#isGoVersion}), no newer than the release itself. Exported only
 * to the other goproxy4j modules; not API.
 */
public final class GoVersionFlag {
  private GoVersionFlag() {}

  /**
   * Why go refuses {@code -go=v}: the text its flag package prints after
   * {@code invalid value "v" for flag -go: }, or empty when go takes it ({@code ""} included).
   *
   * <pre>{@code
   * GoVersionFlag.refusal("1.16", "1.27.3");  // Optional.empty
   * GoVersionFlag.refusal("x", "1.27.3");     // expecting a Go version like "1.27.3"
   * GoVersionFlag.refusal("1.20", "1.19.8");  // maximum supported Go version is 1.19
   * }</pre>
   *
   * @param v the flag's value
   * @param release the go release followed ({@code 1.19.8}, {@code 1.27}, {@code 1.27.3})
   * @return go's reason, or empty
   */
  public static Optional<String> refusal(String v, String release) {
    if (v.isEmpty()) {
      return Optional.empty();
    }
    int minor = GoRelease.modelled(release).behaviourMinor();
    // the newest version this go knows: go1.19's LatestGoVersion (its language version), from
    // go1.21 gover.Local (the toolchain's own version)
    String latest = minor >= 21 ? release : GoRelease.lang(release);
    if (!ModfileRE.isGoVersion(v, minor)) {
      return Optional.of("expecting a Go version like " + GoQuote.quote(latest));
    }
    if (GoRelease.compare(v, latest) > 0) {
      return Optional.of("maximum supported Go version is " + latest);
    }
    return Optional.empty();
  }
}
