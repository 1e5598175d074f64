package io.github.goproxy4j.client;

import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.toolchain.ToolchainSelection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code go mod download} did, without arguments in a main module or workspace, or with
 * arguments there or outside a module: one
 * {@link Module} per module version it tried, in go's order, each with where its files are or
 * the error that stopped it; a failed module does not stop the others (go's exit status is then
 * 1). {@link #noDependencies()} is go's {@code go: no module dependencies to download} case.
 *
 * <pre>{@code
 * ModDownloadResult r = client.modDownloadResult(Path.of("."));
 * r.printedErrors().forEach(System.err::println);                 // a workspace's conflicting replacements
 * r.modules().forEach(m -> System.out.print(m.toJson("1.27")));   // go mod download -json
 * if (r.failed()) System.exit(1);
 * }</pre>
 *
 * @param modules the module versions go tried, in its order
 * @param noDependencies whether the main module requires nothing, so that go did not try to
 *     download anything and said so ({@code modules} is then empty)
 * @param graphError go's text (with its {@code go: } prefix) for a module graph that did not load
 *     completely, {@code ""} when it did: where go downloads the whole build list (a main module
 *     below go 1.17, a workspace, {@code all} or a path the roots lack as an argument) it goes on
 *     with the graph as far as it loaded, and reports this after the modules (when none of them
 *     failed, in its text form); with arguments in a module, a failed update of go.sum is
 *     reported here too, before the graph's failure (one line each)
 * @param toolchainSwitch go's toolchain switch after the downloads, when it tries one (see
 *     {@link ToolchainSwitch}); when it found a toolchain, nothing was written after the downloads
 *     (go execs that toolchain, which runs the command again and writes then)
 * @param graphSwitch go's toolchain switch before the downloads, when it tries one: where go
 *     goes on with a graph that did not load completely ({@code graphError}) and its failure is a
 *     dependency needing a newer go; when it found a toolchain, {@code modules} is empty (go
 *     switches before downloading); when it did not, go printed {@code graphError}, then
 *     {@code go: } and the switch's error, before anything else
 * @param printedErrors the errors go printed on standard error as it met them and went on
 *     (base.Errorf: in a workspace whose modules' go.mod files replace one module version
 *     differently, modload's {@code conflicting replacements found for ...}, once for each lookup
 *     of that version's replacement: the graph load's, the listing's of each module, and with
 *     {@code -json} go.work.sum's keepSums), in order, without {@code go: }; go prints them before
 *     the modules' errors and {@code graphError}, and with any its exit status is 1. Without
 *     {@code -json} go then exits after reporting the failed modules, before it writes go.work.sum
 *     or reports {@code graphError}
 * @param keptSumsErrorCount how many of the last of {@code printedErrors} go.work.sum's keepSums
 *     printed ({@link #keptSumsErrors()})
 */
public record ModDownloadResult(List<Module> modules, boolean noDependencies, String graphError,
    Optional<ToolchainSwitch> toolchainSwitch, Optional<ToolchainSwitch> graphSwitch, List<String> printedErrors,
    int keptSumsErrorCount) {
  /**
   * Validates the components.
   *
   * @param modules never {@code null}
   * @param noDependencies the flag
   * @param graphError never {@code null}
   * @param toolchainSwitch never {@code null}
   * @param graphSwitch never {@code null}
   * @param printedErrors never {@code null}
   * @param keptSumsErrorCount from 0 to the size of {@code printedErrors}
   * @throws IllegalArgumentException if {@code keptSumsErrorCount} is out of that range
   */
  public ModDownloadResult {
    modules = List.copyOf(Objects.requireNonNull(modules, "modules"));
    Objects.requireNonNull(graphError, "graphError");
    Objects.requireNonNull(toolchainSwitch, "toolchainSwitch");
    Objects.requireNonNull(graphSwitch, "graphSwitch");
    printedErrors = List.copyOf(Objects.requireNonNull(printedErrors, "printedErrors"));
    if (keptSumsErrorCount < 0 || keptSumsErrorCount > printedErrors.size()) {
      throw new IllegalArgumentException("keptSumsErrorCount " + keptSumsErrorCount + " is not from 0 to the "
          + printedErrors.size() + " printedErrors");
    }
  }

  /**
   * A result whose printed errors end with those go.work.sum's keepSums printed.
   *
   * @param modules never {@code null}
   * @param noDependencies the flag
   * @param graphError never {@code null}
   * @param toolchainSwitch never {@code null}
   * @param graphSwitch never {@code null}
   * @param printedErrors never {@code null}
   * @param keptSumsErrors never {@code null}; the last lines of {@code printedErrors}
   * @throws IllegalArgumentException if {@code keptSumsErrors} is not where {@code printedErrors} ends
   */
  public ModDownloadResult(List<Module> modules, boolean noDependencies, String graphError,
      Optional<ToolchainSwitch> toolchainSwitch, Optional<ToolchainSwitch> graphSwitch, List<String> printedErrors,
      List<String> keptSumsErrors) {
    this(modules, noDependencies, graphError, toolchainSwitch, graphSwitch, printedErrors,
        tailSize(printedErrors, keptSumsErrors));
  }

  /** The size of {@code tail}, which must be where {@code lines} ends. */
  private static int tailSize(List<String> lines, List<String> tail) {
    Objects.requireNonNull(lines, "printedErrors");
    Objects.requireNonNull(tail, "keptSumsErrors");
    if (tail.size() > lines.size() || !lines.subList(lines.size() - tail.size(), lines.size()).equals(tail)) {
      throw new IllegalArgumentException("keptSumsErrors " + tail + " are not the last of printedErrors " + lines);
    }
    return tail.size();
  }

  /**
   * The last of {@link #printedErrors()}: those go.work.sum's keepSums printed (with {@code -json},
   * after the downloads). go prints them after what a toolchain switch that found no toolchain
   * printed ({@code toolchainSwitch}, {@code graphSwitch}), the rest of {@code printedErrors} before.
   *
   * @return the lines, unmodifiable
   */
  public List<String> keptSumsErrors() {
    return printedErrors.subList(printedErrors.size() - keptSumsErrorCount, printedErrors.size());
  }

  /**
   * A result none of whose printed errors keepSums printed.
   *
   * @param modules the module versions go tried, in its order
   * @param noDependencies whether the main module requires nothing
   * @param graphError go's text for a graph that did not load completely, or {@code ""}
   * @param toolchainSwitch go's toolchain switch after the downloads, if it tries one
   * @param graphSwitch go's toolchain switch before the downloads, if it tries one
   * @param printedErrors the errors go printed as it met them and went on
   */
  public ModDownloadResult(List<Module> modules, boolean noDependencies, String graphError,
      Optional<ToolchainSwitch> toolchainSwitch, Optional<ToolchainSwitch> graphSwitch, List<String> printedErrors) {
    this(modules, noDependencies, graphError, toolchainSwitch, graphSwitch, printedErrors, 0);
  }

  /**
   * A result without errors go printed as it went on.
   *
   * @param modules the module versions go tried, in its order
   * @param noDependencies whether the main module requires nothing
   * @param graphError go's text for a graph that did not load completely, or {@code ""}
   * @param toolchainSwitch go's toolchain switch after the downloads, if it tries one
   * @param graphSwitch go's toolchain switch before the downloads, if it tries one
   */
  public ModDownloadResult(List<Module> modules, boolean noDependencies, String graphError,
      Optional<ToolchainSwitch> toolchainSwitch, Optional<ToolchainSwitch> graphSwitch) {
    this(modules, noDependencies, graphError, toolchainSwitch, graphSwitch, List.of());
  }

  /**
   * A result without a toolchain switch.
   *
   * @param modules the module versions go tried, in its order
   * @param noDependencies whether the main module requires nothing
   * @param graphError go's text for a graph that did not load completely, or {@code ""}
   */
  public ModDownloadResult(List<Module> modules, boolean noDependencies, String graphError) {
    this(modules, noDependencies, graphError, Optional.empty(), Optional.empty());
  }

  /**
   * A result whose module graph loaded completely.
   *
   * @param modules the module versions go tried, in its order
   * @param noDependencies whether the main module requires nothing
   */
  public ModDownloadResult(List<Module> modules, boolean noDependencies) {
    this(modules, noDependencies, "");
  }

  /**
   * Returns whether any module failed, the module graph did not load completely, or go printed
   * errors as it went on ({@link #printedErrors()}).
   *
   * @return true when go's exit status is 1
   */
  public boolean failed() {
    return !graphError.isEmpty() || !printedErrors.isEmpty() || modules.stream().anyMatch(m -> !m.error().isEmpty());
  }

  /**
   * go's toolchain switch in the middle of a command (toolchain.Switcher, Go 1.21 on): where
   * something needs a newer go than the release followed (go's TooNewError) and GOTOOLCHAIN allows
   * switching ({@code auto}, {@code path}, {@code +auto}, {@code +path}), go picks a newer toolchain
   * ({@link GoProxyClient#newerToolchain(String)}) for what needs the newest go. With one, go
   * prints {@code go: <what> requires go >= <goVersion>; switching to <toolchain>} and runs the
   * command again as that toolchain ({@link ToolchainSelection#switchingTo}); without, it prints
   * the errors it had, then {@code go: } and {@link #error()}. {@code go mod download} switches
   * after its downloads (with arguments or in a workspace: a module needing a newer go,
   * {@link Module#needsGo()}) and on a module graph that does not load
   * ({@link GoProxyClient#toolchainSwitch(ModuleGraphException)}).
   *
   * <pre>{@code
   * r.toolchainSwitch().ifPresent(s -> System.err.println(s.toolchain().isEmpty() ? "go: " + s.error()
   *     : "go: " + s.what() + " requires go >= " + s.goVersion() + "; switching to " + s.toolchain()));
   * }</pre>
   *
   * @param what what needs a newer go ({@code example.com/m@v1.0.0}, {@code module example.com/m@v1.0.0})
   * @param goVersion the Go version it needs
   * @param toolchain the toolchain go switches to ({@code go1.24.4}), {@code ""} when it found none
   * @param error go's text when it found none ({@code switching to go >= 1.99: no releases found
   *     for go >= 1.99}), else {@code ""}
   */
  public record ToolchainSwitch(String what, String goVersion, String toolchain, String error) {
    /**
     * Validates the components.
     *
     * @param what never {@code null} or empty
     * @param goVersion never {@code null} or empty
     * @param toolchain never {@code null}
     * @param error never {@code null}; exactly one of {@code toolchain} and {@code error} is empty
     */
    public ToolchainSwitch {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(goVersion, "goVersion");
      Objects.requireNonNull(toolchain, "toolchain");
      Objects.requireNonNull(error, "error");
      if (what.isEmpty() || goVersion.isEmpty() || toolchain.isEmpty() == error.isEmpty()) {
        throw new IllegalArgumentException("a toolchain switch needs what needs a newer go, its version and either"
            + " a toolchain or an error: " + what);
      }
    }
  }

  /** The Switcher's TooNew: of the modules needing a newer go, the newest go, then the first path@version. */
  static Optional<Module> newestGoNeeded(List<Module> modules) {
    Module best = null;
    for (Module m : modules) {
      if (m.needsGo().isEmpty()) {
        continue;
      }
      if (best == null) {
        best = m;
        continue;
      }
      int c = GoRelease.compare(m.needsGo(), best.needsGo());
      if (c > 0 || c == 0 && (m.path() + "@" + m.version()).compareTo(best.path() + "@" + best.version()) < 0) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * One module version of {@code go mod download} (cmd/go's modcmd ModuleJSON): the files go
   * reports for it as far as it got (info, then go.mod and its hash, then zip, hash and
   * directory), or the error that stopped it. Empty strings stand for what go leaves out.
   *
   * @param path the module path
   * @param version the version
   * @param error the error, {@code ""} when it was downloaded
   * @param info the cached {@code .info} file
   * @param goMod the cached {@code .mod} file
   * @param zip the cached {@code .zip} file
   * @param dir the extracted directory
   * @param sum the zip's {@code h1:} hash
   * @param goModSum the go.mod's {@code h1:} hash
   * @param query the {@code path@query} argument's query when it is not the version itself, else
   *     {@code ""}
   * @param origin the proxy's {@code Origin} for a query's answer, as the release reports it
   * @param attempted whether go tried to download it: false when its argument's query or listing
   *     failed first (its {@code error} is then that failure)
   * @param needsGo the Go version its go line asks for when that is what failed (go's TooNewError,
   *     Go 1.21 on: the module was downloaded and extracted, but is newer than the release
   *     followed; {@code error} says so), else {@code ""}
   */
  public record Module(String path, String version, String error, String info, String goMod, String zip, String dir,
      String sum, String goModSum, String query, Optional<VersionInfo.Origin> origin, boolean attempted,
      String needsGo) {
    /**
     * Validates the components.
     *
     * @param path never {@code null}
     * @param version never {@code null}
     * @param error never {@code null}
     * @param info never {@code null}
     * @param goMod never {@code null}
     * @param zip never {@code null}
     * @param dir never {@code null}
     * @param sum never {@code null}
     * @param goModSum never {@code null}
     * @param query never {@code null}
     * @param origin never {@code null}
     * @param attempted whether go tried to download it
     * @param needsGo never {@code null}
     */
    public Module {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(info, "info");
      Objects.requireNonNull(goMod, "goMod");
      Objects.requireNonNull(zip, "zip");
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(sum, "sum");
      Objects.requireNonNull(goModSum, "goModSum");
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(needsGo, "needsGo");
    }

    /**
     * A module go tried to download, its go line not in question.
     *
     * @param path the module path
     * @param version the version
     * @param error the error
     * @param info the cached {@code .info} file
     * @param goMod the cached {@code .mod} file
     * @param zip the cached {@code .zip} file
     * @param dir the extracted directory
     * @param sum the zip's hash
     * @param goModSum the go.mod's hash
     * @param query the query
     * @param origin the origin
     */
    public Module(String path, String version, String error, String info, String goMod, String zip, String dir,
        String sum, String goModSum, String query, Optional<VersionInfo.Origin> origin) {
      this(path, version, error, info, goMod, zip, dir, sum, goModSum, query, origin, true, "");
    }

    /**
     * A module downloaded without a query (go mod download without arguments).
     *
     * @param path the module path
     * @param version the version
     * @param error the error
     * @param info the cached {@code .info} file
     * @param goMod the cached {@code .mod} file
     * @param zip the cached {@code .zip} file
     * @param dir the extracted directory
     * @param sum the zip's hash
     * @param goModSum the go.mod's hash
     */
    public Module(String path, String version, String error, String info, String goMod, String zip, String dir,
        String sum, String goModSum) {
      this(path, version, error, info, goMod, zip, dir, sum, goModSum, "", Optional.empty());
    }

    /** This module as the answer to a {@code path@query} argument, with its origin. */
    Module answering(String q, Optional<VersionInfo.Origin> o) {
      return new Module(path, version, error, info, goMod, zip, dir, sum, goModSum, q, o, attempted, needsGo);
    }

    /**
     * Returns the object {@code go mod download -json} of a Go release prints for this module:
     * Path, Version, Query, Error, Info, GoMod, Zip, Dir, Sum, GoModSum, Origin, empty ones left
     * out, tab-indented, followed by a newline. (Query and Origin are set only for
     * {@code path@query} arguments; go's Reuse, for {@code -reuse}, is not built.)
     *
     * @param goRelease the release, {@code 1.N}
     * @return the JSON text
     * @throws IllegalArgumentException if {@code goRelease} is not a Go version
     */
    public String toJson(String goRelease) {
      Objects.requireNonNull(goRelease, "goRelease");
      return GoJson.forGoRelease(goRelease).marshalIndent(g -> {
        g.writeStartObject();
        GoJson.writeStringOmitEmpty(g, "Path", path);
        GoJson.writeStringOmitEmpty(g, "Version", version);
        GoJson.writeStringOmitEmpty(g, "Query", query);
        GoJson.writeStringOmitEmpty(g, "Error", error);
        GoJson.writeStringOmitEmpty(g, "Info", info);
        GoJson.writeStringOmitEmpty(g, "GoMod", goMod);
        GoJson.writeStringOmitEmpty(g, "Zip", zip);
        GoJson.writeStringOmitEmpty(g, "Dir", dir);
        GoJson.writeStringOmitEmpty(g, "Sum", sum);
        GoJson.writeStringOmitEmpty(g, "GoModSum", goModSum);
        if (origin.isPresent()) {
          InfoJson.writeOrigin(g, origin.get(), GoRelease.modelled(goRelease).behaviourMinor());
        }
        g.writeEndObject();
      }) + "\n";
    }
  }
}
