package io.github.goproxy4j.internal;

import java.util.regex.Pattern;

/**
 * x/mod modfile's exported patterns, as the vendored x/mod of each go release has them: the
 * syntax of a Go version ({@code GoVersionRE}: the go and toolchain lines, {@code go mod edit -go},
 * {@code go mod graph -go}, {@code go mod tidy -go}) and of a toolchain name ({@code ToolchainRE}).
 * Exported only to the other goproxy4j modules; not API.
 */
public final class ModfileRE {
  /** GoVersionRE of the x/mod that go1.20 and earlier vendor: {@code 1.21}, never {@code 1.21.3}. */
  private static final Pattern OLD_GO_VERSION = Pattern.compile("^([1-9][0-9]*)\\.(0|[1-9][0-9]*)$");
  /** GoVersionRE from go1.21: {@code 1.21}, {@code 1.21.3}, {@code 1.21rc1}. */
  private static final Pattern GO_VERSION =
      Pattern.compile("^([1-9][0-9]*)\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$");
  /** ToolchainRE: {@code default} or a name starting {@code go1}, then its end or a dot. */
  private static final Pattern TOOLCHAIN = Pattern.compile("^default$|^go1($|\\.)");

  private ModfileRE() {}

  /**
   * Whether {@code v} matches modfile.GoVersionRE as the given release's x/mod has it.
   *
   * <pre>{@code
   * ModfileRE.isGoVersion("1.21.3", 21);  // true
   * ModfileRE.isGoVersion("1.21.3", 19);  // false: go1.19's x/mod takes 1.21 only
   * }</pre>
   *
   * @param v the text
   * @param minor the go release's minor version
   * @return whether it is a Go version there
   */
  public static boolean isGoVersion(String v, int minor) {
    return (minor >= 21 ? GO_VERSION : OLD_GO_VERSION).matcher(v).matches();
  }

  /**
   * Whether {@code v} matches modfile.ToolchainRE ({@code go1.21.0}, {@code default}; searched,
   * not matched whole, as go's MatchString does).
   *
   * @param v the text
   * @return whether it is a toolchain name
   */
  public static boolean isToolchain(String v) {
    return TOOLCHAIN.matcher(v).find();
  }
}
