package io.github.goproxy4j.cli;

import io.github.goproxy4j.cli.template.ListContext;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoQuoted;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.toolchain.Platform;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build context {@code go list -f '{{context}}'} reports (cmd/go's cfg.BuildContext through
 * list's newContext), as go1.19-go1.27 set it from the environment and the build flags:
 *
 * <ul>
 *   <li>GOOS and GOARCH: the variables (environment, then the go env file), else the platform
 *       goproxy runs on, as a native go's own;
 *   <li>GOROOT: the one GoEnv finds (GOROOT, else the go on PATH); empty where there is none, as
 *       go/build leaves a GOROOT it cannot find;
 *   <li>GOPATH: GoEnv's (default {@code $HOME/go});
 *   <li>CgoEnabled: CGO_ENABLED when it is {@code 0} or {@code 1}; else false for another
 *       platform than this one; else true, but from go1.20 false when CC is unset and the default C
 *       compiler ({@code gcc}, {@code clang} on darwin, freebsd and openbsd) is not on PATH;
 *   <li>Compiler, BuildTags, InstallSuffix: {@code -compiler} (gc), {@code -tags} (nil when not
 *       given, go's tagsFlag: a comma list without empty words, or quoted.Split's words of a value
 *       with a space or a quote), {@code -installsuffix}, the last setting winning (GOFLAGS's first);
 *   <li>ReleaseTags: {@code go1.1} to the release's;
 *   <li>ToolTags: the tags of the release's toolchain, as go1.19, go1.21-go1.24, go1.26 and go1.27
 *       print them for linux/amd64 without GOEXPERIMENT (the experiments on by default, then from
 *       go1.21 {@code amd64.v1} up to GOAMD64's level). They depend on how that go was built and on
 *       the target; for another platform, release, GOEXPERIMENT or {@code -compiler=gccgo} goproxy
 *       does not know them and refuses to print them (the other fields still print).
 * </ul>
 *
 * <p>Under GOFLAGS's {@code -race}, {@code -msan}, {@code -asan}, {@code -linkshared} or
 * {@code -buildmode} (which go list -m takes and goproxy ignores) go changes the tool tags and the
 * install suffix, or fails; {@link #of} gives no context then and the function is refused, as on
 * a JVM platform Go has no name for.
 */
final class ListBuildContext {
  private ListBuildContext() {}

  /** The experiments go1.N's linux/amd64 toolchain has on by default, as its ToolTags name them. */
  private static final Map<Integer, List<String>> EXPERIMENTS = Map.of(
      19, List.of("regabiwrappers", "regabiargs"),
      21, List.of("regabiwrappers", "regabiargs", "coverageredesign"),
      22, List.of("regabiwrappers", "regabiargs", "coverageredesign", "allocheaders", "exectracer2"),
      23, List.of("regabiwrappers", "regabiargs", "coverageredesign"),
      24, List.of("regabiwrappers", "regabiargs", "coverageredesign", "aliastypeparams", "swissmap", "spinbitmutex",
          "synchashtriemap"),
      26, List.of("regabiwrappers", "regabiargs", "dwarf5", "greenteagc", "randomizedheapbase64"),
      27, List.of("regabiwrappers", "regabiargs", "dwarf5", "jsonv2", "greenteagc", "randomizedheapbase64",
          "sizespecializedmalloc"));

  /** GOFLAGS's flags that change the context in ways goproxy does not follow. */
  private static final List<String> CHANGING = List.of("race", "msan", "asan", "linkshared", "buildmode");

  /**
   * The context go list would report, or empty where goproxy cannot say (GOFLAGS's {@code -race}...).
   *
   * @param env the environment
   * @param release the go release followed
   * @param set the flags as go sets them ({@link BuildFlags#effective})
   * @return the context
   */
  static Optional<ListContext> of(GoEnv env, String release, List<Args.Given> set) {
    for (String word : env.goFlags()) {
      String name = word.replaceFirst("^--?", "").replaceFirst("=.*", "");
      if (CHANGING.contains(name)) {
        return Optional.empty();
      }
    }
    GoRelease r = GoRelease.modelled(release);
    int minor = Integer.parseInt(r.lang().substring(r.lang().indexOf('.') + 1));
    Platform host;
    try {
      host = Platform.current();
    } catch (IllegalStateException e) {
      return Optional.empty(); // a JVM platform without a Go name: no native go to follow
    }
    String goos = or(env.get("GOOS"), host.goos());
    String goarch = or(env.get("GOARCH"), host.goarch());
    String compiler = "gc";
    Optional<List<String>> tags = Optional.empty();
    String suffix = "";
    for (Args.Given g : set) {
      switch (g.name()) {
        case "compiler": compiler = g.value(); break;
        case "installsuffix": suffix = g.value(); break;
        case "tags": tags = Optional.of(tags(g.value())); break;
        default: break;
      }
    }
    String unknown = "";
    List<String> experiments = EXPERIMENTS.get(minor);
    String goamd64 = or(env.get("GOAMD64"), "v1");
    if (experiments == null) {
      unknown = "goproxy knows them for go1.19, go1.21-go1.24, go1.26 and go1.27, not go1." + minor;
    } else if (!goos.equals("linux") || !goarch.equals("amd64")) {
      unknown = "goproxy knows them for linux/amd64, not " + goos + "/" + goarch;
    } else if (!env.get("GOEXPERIMENT").isEmpty()) {
      unknown = "goproxy knows them without GOEXPERIMENT only";
    } else if (!compiler.equals("gc")) {
      unknown = "goproxy knows them for -compiler=gc only";
    } else if (!goamd64.matches("v[1-4]")) {
      unknown = "GOAMD64=" + goamd64 + " is not v1, v2, v3 or v4";
    }
    Optional<List<String>> toolTags = Optional.empty();
    if (unknown.isEmpty()) {
      List<String> t = new ArrayList<>();
      experiments.forEach(e -> t.add("goexperiment." + e));
      if (minor >= 21) {
        for (int level = 1; level <= goamd64.charAt(1) - '0'; level++) {
          t.add("amd64.v" + level);
        }
      }
      toolTags = Optional.of(t);
    }
    return Optional.of(new ListContext(goarch, goos, env.get("GOROOT"), env.get("GOPATH"),
        cgoEnabled(env, minor, host, goos, goarch), compiler, tags, toolTags, unknown, ListContext.releaseTags(minor),
        suffix));
  }

  private static String or(String v, String def) {
    return v.isEmpty() ? def : v;
  }

  /** go's tagsFlag: quoted.Split's words of a value with a space or a quote, else the comma list's non-empty words. */
  private static List<String> tags(String v) {
    if (v.contains(" ") || v.contains("'")) {
      return GoQuoted.split(v); // checked already (BuildFlags)
    }
    List<String> out = new ArrayList<>();
    for (String s : v.split(",", -1)) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * cmd/go's CgoEnabled: CGO_ENABLED's 0 or 1; else false for a target other than this platform;
   * else true (the platforms goproxy runs on all have cgo), from go1.20 only when CC is set or
   * the default C compiler is on PATH.
   */
  private static boolean cgoEnabled(GoEnv env, int minor, Platform host, String goos, String goarch) {
    String v = env.get("CGO_ENABLED");
    if (v.equals("0") || v.equals("1")) {
      return v.equals("1");
    }
    if (!goos.equals(host.goos()) || !goarch.equals(host.goarch())) {
      return false;
    }
    if (minor < 20 || !env.get("CC").isEmpty()) {
      return true;
    }
    String cc = List.of("darwin", "ios", "freebsd", "openbsd").contains(goos) ? "clang" : "gcc";
    return onPath(env, goos.equals("windows") ? cc + ".exe" : cc);
  }

  /** Whether an executable file {@code name} is in a directory of the environment's PATH. */
  private static boolean onPath(GoEnv env, String name) {
    String path = env.environment().getOrDefault(env.os() == GoEnv.Os.WINDOWS ? "Path" : "PATH", "");
    String sep = env.os() == GoEnv.Os.WINDOWS ? ";" : ":";
    for (String dir : path.split(java.util.regex.Pattern.quote(sep))) {
      if (dir.isEmpty()) {
        continue; // "." : go's LookPath refuses a relative result
      }
      try {
        Path p = Paths.get(dir, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return true;
        }
      } catch (InvalidPathException e) {
        // not a path: go's stat fails on it too
      }
    }
    return false;
  }
}
