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
   * GoVersionFlag.refusal("1.27.0", "1.27");  // Optional.empty: 1.27 is any go1.27.x
   * GoVersionFlag.refusal("1.27.4", "1.27.3"); // maximum supported Go version is 1.27.3
   * }</pre>
   *
   * <p>go names its own full release ({@code 1.27.3}) in both messages; goproxy4j names the
   * release followed as given ({@link io.github.goproxy4j.env.GoEnv#goVersion()}: {@code 1.27}
   * for {@code --go-version 1.27} and by default, {@code 1.27.3} when given so), as it does
   * wherever go prints gover.Local (go lines it adds, {@code list -m} outside a module).
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
    // from go1.21 gover.Compare(v, gover.Local()) > 0, the running release given without a patch
    // (1.27) standing for any go1.27.x, as elsewhere (GoRelease.newerThanRunning): -go=1.27.0 is
    // no newer than it, while the messages name the release as given
    if (minor >= 21 ? GoRelease.newerThanRunning(v, latest) : GoRelease.compare(v, latest) > 0) {
      return Optional.of("maximum supported Go version is " + latest);
    }
    return Optional.empty();
  }
}
