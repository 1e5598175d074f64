package io.github.goproxy4j.cli.template;

import io.github.goproxy4j.cli.template.GoValue.GoType;
import io.github.goproxy4j.cli.template.GoValue.Kind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What go list's template function {@code context} returns: cmd/go's {@code *list.Context}, the
 * build context go would build with (go/build's Context as cmd/go's cfg sets it from the
 * environment and the build flags), the same fields from go1.19 to go1.27.
 *
 * @param goarch the target architecture (GOARCH)
 * @param goos the target operating system (GOOS)
 * @param goroot the Go root go runs from; empty where goproxy finds no go installation
 * @param gopath GOPATH as go reads it (a list, joined as the OS joins it)
 * @param cgoEnabled whether cgo can be used
 * @param compiler {@code -compiler}'s value, {@code gc} by default
 * @param buildTags {@code -tags}'s list; empty when the flag was not given (go's nil slice,
 *     which {@code %#v} prints {@code []string(nil)}), an empty list for {@code -tags=}
 * @param toolTags the toolchain's tags ({@code goexperiment.*}, {@code amd64.v1}...), or empty
 *     where goproxy does not know them: reading them is then refused with {@code toolTagsUnknown}
 * @param toolTagsUnknown why the tool tags are unknown (empty when known)
 * @param releaseTags {@code go1.1} to the release's {@code go1.N}
 * @param installSuffix {@code -installsuffix}'s value
 */
public record ListContext(String goarch, String goos, String goroot, String gopath, boolean cgoEnabled, String compiler,
    Optional<List<String>> buildTags, Optional<List<String>> toolTags, String toolTagsUnknown, List<String> releaseTags,
    String installSuffix) {
  /**
   * Validates the parts.
   *
   * @param goarch never {@code null}
   * @param goos never {@code null}
   * @param goroot never {@code null}
   * @param gopath never {@code null}
   * @param cgoEnabled the value
   * @param compiler never {@code null}
   * @param buildTags never {@code null}
   * @param toolTags never {@code null}
   * @param toolTagsUnknown never {@code null}
   * @param releaseTags never {@code null}
   * @param installSuffix never {@code null}
   * @throws IllegalArgumentException unless exactly one of {@code toolTags} and {@code toolTagsUnknown} is given
   */
  public ListContext {
    Objects.requireNonNull(goarch, "goarch");
    Objects.requireNonNull(goos, "goos");
    Objects.requireNonNull(goroot, "goroot");
    Objects.requireNonNull(gopath, "gopath");
    Objects.requireNonNull(compiler, "compiler");
    buildTags = Objects.requireNonNull(buildTags, "buildTags").map(List::copyOf);
    toolTags = Objects.requireNonNull(toolTags, "toolTags").map(List::copyOf);
    Objects.requireNonNull(toolTagsUnknown, "toolTagsUnknown");
    releaseTags = List.copyOf(Objects.requireNonNull(releaseTags, "releaseTags"));
    Objects.requireNonNull(installSuffix, "installSuffix");
    if (toolTags.isEmpty() == toolTagsUnknown.isEmpty()) {
      throw new IllegalArgumentException("a list context needs its tool tags or the reason they are unknown, not "
          + (toolTags.isEmpty() ? "neither" : "both"));
    }
  }

  /**
   * go/build's release tags of Go 1.{@code minor}: {@code go1.1} to {@code go1.minor}.
   *
   * @param minor the release's minor version (1 or more)
   * @return the tags
   * @throws IllegalArgumentException when {@code minor} is below 1
   */
  public static List<String> releaseTags(int minor) {
    if (minor < 1) {
      throw new IllegalArgumentException("release tags of go1." + minor + ": the minor version must be 1 or more");
    }
    return java.util.stream.IntStream.rangeClosed(1, minor).mapToObj(i -> "go1." + i).toList();
  }

  private static final List<String> FIELDS = List.of("GOARCH", "GOOS", "GOROOT", "GOPATH", "CgoEnabled",
      "UseAllFiles", "Compiler", "BuildTags", "ToolTags", "ReleaseTags", "InstallSuffix");
  private static final GoType TYPE = new GoType(Kind.STRUCT, "list.Context", null, FIELDS, List.of());
  static final GoType POINTER = GoValue.pointerTo(TYPE, List.of());

  /** This context as the function returns it: a {@code *list.Context}. */
  GoValue pointer() {
    GoValue.Struct s = this::field;
    return new GoValue(POINTER, new GoValue(TYPE, s, true), false);
  }

  /** The struct's field {@code name} (addressable, as reached through the pointer), or null. */
  private GoValue field(String name) {
    GoValue v;
    switch (name) {
      case "GOARCH": v = GoValue.of(goarch); break;
      case "GOOS": v = GoValue.of(goos); break;
      case "GOROOT": v = GoValue.of(goroot); break;
      case "GOPATH": v = GoValue.of(gopath); break;
      case "CgoEnabled": v = GoValue.of(cgoEnabled); break;
      case "UseAllFiles": v = GoValue.of(false); break;
      case "Compiler": v = GoValue.of(compiler); break;
      case "BuildTags": v = buildTags.map(GoValue::knownStrings).orElse(GoValue.nilStrings()); break;
      case "ToolTags":
        v = GoValue.knownStrings(toolTags.orElseThrow(() -> new Template.Unsupported("context's ToolTags ("
            + toolTagsUnknown + ")")));
        break;
      case "ReleaseTags": v = GoValue.knownStrings(releaseTags); break;
      case "InstallSuffix": v = GoValue.of(installSuffix); break;
      default: return null;
    }
    return new GoValue(v.type(), v.x(), true);
  }
}
