package io.github.goproxy4j.cli;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoQuoted;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoStrconv;
import io.github.goproxy4j.internal.GoVersionFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags of a go command that goproxy mirrors, as that command defines them in each release
 * (measured: every name go knows tried on each command of go1.19, 1.21, 1.22, 1.23, 1.24, 1.26
 * and 1.27): {@code go list}'s own flags, its build flags (cmd/go's AddBuildFlags and
 * AddCoverFlags), and the mod commands' "mod common flags" ({@code -modcacherw}, {@code -modfile},
 * {@code -overlay}) with each command's own. {@link Args#parseGo} parses a command line with them
 * as go's flag package does: a name the command does not define in the release fails with
 * {@code flag provided but not defined: -q}, a value the flag refuses with go's text
 * ({@code invalid boolean value "x" for -trimpath: parse error}, {@code invalid value "'a" for
 * flag -tags: unterminated ' string}), a last flag without its value with {@code flag needs an
 * argument: -tags}; GOFLAGS's words for the command's flags are checked as go's SetFromGOFLAGS
 * sets them ({@link #checkGoflags}, words naming a flag the command lacks skipped, as in go) and
 * come before the command line's ({@link #effective}).
 *
 * <p>Three build flags change what a module command does: {@code -mod}, {@code -modfile} and
 * {@code -modcacherw}, which {@link #applied} appends to GOFLAGS (go sets the flags from GOFLAGS
 * first, then from the command line, so the command line's value wins). The other build flags
 * change only how go builds packages, so {@code go list -m} accepts them and does nothing with
 * them.
 *
 * <p>{@code -x} ({@code go list}, {@code go mod download}, and {@code go mod graph} from go1.20;
 * not {@code go mod verify}) traces each HTTP request on standard error as go does
 * ({@link #traced}, {@code GoProxyClient.Builder.httpTrace}); GOFLAGS's {@code -x} applies only
 * to those commands, as go's SetFromGOFLAGS skips a flag the command lacks.
 *
 * <p>Defined by go but not done by goproxy ({@link #unsupported}: parsed as go parses them, then
 * refused with goproxy's usage, exit status 2): {@code -buildmode}, {@code -race}, {@code -msan},
 * {@code -asan}, {@code -linkshared} (checked against the platform and the C compiler) and the
 * debug flags (they write files), which change nothing else for these commands and are ignored
 * in GOFLAGS; and, refused in GOFLAGS too, {@code -overlay} (it may replace go.mod) and go list's
 * {@code -f}. {@code -reuse} (go list's and go mod download's) is read as go reads it
 * ({@link ReuseFile}; refused inside a module by go; go mod download without arguments there by
 * goproxy). go list's package-mode flags ({@code -compiled}, {@code -deps}, {@code -export},
 * {@code -find}, {@code -test}) are go's refusal with {@code -m} ({@link ListRefusals}) and
 * nothing when false.
 */
final class BuildFlags {
  /** How go's flag package sets one flag (the flag.Value go gives it). */
  private enum Kind {
    /** A bool: {@code -name} or {@code -name=value} (strconv.ParseBool). */
    BOOL,
    /** {@code -buildvcs}: a bool or {@code auto}. */
    BUILDVCS,
    /** go list's {@code -json}: a bool flag whose value is a bool or a comma list of fields ({@link JsonFlag}). */
    JSON,
    /** A plain string, never refused. */
    STRING,
    /** {@code -tags}: a comma list, or go1.12's quoted form when it holds a space or a quote. */
    TAGS,
    /** A quoted.Split list ({@code -toolexec}). */
    STRINGS,
    /** {@code [pattern=]flags} ({@code -gcflags}, {@code -ldflags}...). */
    PER_PACKAGE,
    /** {@code gc} or {@code gccgo}. */
    COMPILER,
    /** {@code set}, {@code count}, {@code atomic} or empty. */
    COVERMODE,
    /** A Go version no newer than the release (modcmd's goVersionFlag: {@code mod graph -go}). */
    GO_VERSION,
    /** An int ({@code -p}: strconv.ParseInt with base 0). */
    INT,
    /** go's {@code -C}, refused past the command's first flag ({@link ChdirFlag#misplaced}). */
    CHDIR
  }

  /** What goproxy does with a flag go defines. */
  private enum Use {
    /** What go does (or, for a build flag, nothing, as go list -m). */
    DONE,
    /**
     * Nothing, though go checks it against the platform or the C compiler ({@code -race},
     * {@code -buildmode}...) or writes files ({@code -debug-trace}): refused on the command line,
     * ignored in GOFLAGS.
     */
    BUILD_ONLY,
    /** Not done, and it changes what go prints ({@code -overlay}...): refused from either. */
    REFUSED
  }

  /**
   * One flag: how go sets it, the first release (minor version) whose command defines it, and
   * what goproxy does with it ({@link #unsupported}).
   */
  private record Flag(Kind kind, int since, Use use) {
    Flag(Kind kind, int since) {
      this(kind, since, Use.DONE);
    }

    boolean bool() {
      return kind == Kind.BOOL || kind == Kind.BUILDVCS || kind == Kind.JSON;
    }
  }

  /** go list's flags. */
  static final BuildFlags LIST = new BuildFlags(listFlags());

  /** The mod commands' common flags ({@code -modcacherw}, {@code -modfile}, {@code -overlay}, {@code -C}): {@code go mod verify}'s. */
  static final BuildFlags MOD = modCommand(Map.of());

  /** {@code go mod download}'s: the mod common flags, {@code -json}, {@code -reuse} and {@code -x}. */
  static final BuildFlags MOD_DOWNLOAD = modCommand(Map.of("x", new Flag(Kind.BOOL, 19),
      "json", new Flag(Kind.BOOL, 19), "reuse", new Flag(Kind.STRING, 19)));

  /** {@code go mod graph}'s: the mod common flags, {@code -go}, and {@code -x} from go1.20. */
  static final BuildFlags GRAPH = modCommand(Map.of("go", new Flag(Kind.GO_VERSION, 19), "x", new Flag(Kind.BOOL, 20)));

  /**
   * A mod command's flags: go's base.AddModCommonFlags ({@code -modcacherw}, {@code -modfile},
   * {@code -overlay}), base.AddChdirFlag ({@code -C}, go1.20) and its own {@code extra}.
   */
  private static BuildFlags modCommand(Map<String, Flag> extra) {
    Map<String, Flag> m = new HashMap<>(extra);
    m.put("modcacherw", new Flag(Kind.BOOL, 19));
    m.put("modfile", new Flag(Kind.STRING, 19));
    m.put("overlay", new Flag(Kind.STRING, 19, Use.REFUSED));
    m.put("C", new Flag(Kind.CHDIR, ChdirFlag.FIRST_MINOR));
    return new BuildFlags(Map.copyOf(m));
  }

  private static Map<String, Flag> listFlags() {
    Map<String, Flag> m = new LinkedHashMap<>();
    // list's own
    for (String b : List.of("m", "u", "versions", "retracted", "e")) {
      m.put(b, new Flag(Kind.BOOL, 19));
    }
    m.put("json", new Flag(Kind.JSON, 19));
    // package mode's: go's refusal with -m (ListRefusals), goproxy's without it
    for (String b : List.of("compiled", "deps", "export", "find", "test")) {
      m.put(b, new Flag(Kind.BOOL, 19));
    }
    m.put("f", new Flag(Kind.STRING, 19));
    m.put("reuse", new Flag(Kind.STRING, 19));
    // build flags
    for (String b : List.of("a", "n", "v", "x", "work", "trimpath", "modcacherw")) {
      m.put(b, new Flag(Kind.BOOL, 19));
    }
    m.put("buildvcs", new Flag(Kind.BUILDVCS, 19));
    for (String s : List.of("mod", "modfile", "installsuffix", "pkgdir")) {
      m.put(s, new Flag(Kind.STRING, 19));
    }
    m.put("tags", new Flag(Kind.TAGS, 19));
    m.put("toolexec", new Flag(Kind.STRINGS, 19));
    for (String p : List.of("gcflags", "ldflags", "asmflags", "gccgoflags")) {
      m.put(p, new Flag(Kind.PER_PACKAGE, 19));
    }
    m.put("compiler", new Flag(Kind.COMPILER, 19));
    m.put("p", new Flag(Kind.INT, 19));
    for (String b : List.of("race", "msan", "asan", "linkshared")) {
      m.put(b, new Flag(Kind.BOOL, 19, Use.BUILD_ONLY));
    }
    for (String s : List.of("buildmode", "debug-actiongraph", "debug-trace")) {
      m.put(s, new Flag(Kind.STRING, 19, Use.BUILD_ONLY));
    }
    m.put("overlay", new Flag(Kind.STRING, 19, Use.REFUSED));
    // go1.20: -C, -pgo, and the cover flags on every build command; go1.21: -debug-runtime-trace
    m.put("C", new Flag(Kind.CHDIR, ChdirFlag.FIRST_MINOR));
    m.put("pgo", new Flag(Kind.STRING, 20));
    m.put("cover", new Flag(Kind.BOOL, 20));
    m.put("covermode", new Flag(Kind.COVERMODE, 20));
    m.put("coverpkg", new Flag(Kind.STRING, 20));
    m.put("debug-runtime-trace", new Flag(Kind.STRING, 21, Use.BUILD_ONLY));
    return m;
  }

  private final Map<String, Flag> flags;

  private BuildFlags(Map<String, Flag> flags) {
    this.flags = flags;
  }

  /**
   * The flag {@code name} as the command of go1.{@code minor} defines it, or null when it does not.
   */
  private Flag defined(String name, int minor) {
    Flag f = flags.get(name);
    return f == null || f.since > minor ? null : f;
  }

  /**
   * {@return whether the command of go1.{@code minor} defines {@code name} as a boolean flag
   * ({@code -name} alone, or {@code -name=value}); null when it does not define it}
   */
  Boolean isBool(String name, int minor) {
    Flag f = defined(name, minor);
    return f == null ? null : f.bool();
  }

  /**
   * go's flag package setting the flag {@code name} (defined: {@link #isBool}) to {@code value}
   * on the command line: its refusal, worded as the flag package words it, or empty.
   *
   * @param name the flag's name, without dashes
   * @param value the value given ({@code "true"} for a boolean flag given alone)
   * @param release the go release followed
   * @return {@code invalid boolean value "x" for -trimpath: parse error}, {@code invalid value
   *     "'a" for flag -tags: unterminated ' string}, or {@code -C}'s refusal
   */
  Optional<String> commandLineRefusal(String name, String value, String release) {
    Flag f = flags.get(name);
    if (f.kind == Kind.CHDIR) {
      return Optional.of(ChdirFlag.misplaced(GoRelease.modelled(release).behaviourMinor(), value).getMessage());
    }
    String refused = refusal(f.kind, value, release);
    if (refused == null) {
      return Optional.empty();
    }
    return Optional.of(f.bool()
        ? "invalid boolean value " + GoQuote.quote(value) + " for -" + name + ": " + refused
        : "invalid value " + GoQuote.quote(value) + " for flag -" + name + ": " + refused);
  }

  /**
   * goproxy's refusal of a flag go defines and goproxy does not do, after go's parse and its
   * GOFLAGS checks: GOFLAGS's {@code -f}, {@code -overlay}... first, then the
   * command line's, those and the build-only ones ({@code -race}...) too.
   *
   * @param ctx the invocation (GOFLAGS checked already)
   * @return {@code -f is not supported...} (reported with goproxy's usage), or empty
   */
  Optional<String> unsupported(Invocation ctx) {
    GoEnv env = Settings.goEnv(ctx);
    int minor = GoRelease.modelled(env.goVersion()).behaviourMinor();
    for (String word : env.goFlags()) {
      String name = goflagName(word);
      Flag f = defined(name, minor);
      if (f != null && f.use == Use.REFUSED) {
        return Optional.of("-" + name + " (from " + (env.os() == GoEnv.Os.WINDOWS ? "%GOFLAGS%" : "$GOFLAGS")
            + ") is not supported: goproxy does not do what go does with it");
      }
    }
    for (Args.Given g : ctx.args().given()) {
      Flag f = flags.get(g.name());
      if (f != null && f.use != Use.DONE) {
        return Optional.of("-" + g.name() + " is not supported: goproxy does not do what go does with it");
      }
    }
    return Optional.empty();
  }

  /** The flag name of a GOFLAGS word ({@code -name}, {@code --name}, {@code -name=value}). */
  private static String goflagName(String word) {
    int eq = word.indexOf('=');
    return (eq < 0 ? word : word.substring(0, eq)).substring(word.startsWith("--") ? 2 : 1);
  }

  /**
   * The command's flags as go sets them: GOFLAGS's words for flags the command defines (go's
   * SetFromGOFLAGS, first; a boolean flag alone as {@code "true"}; those goproxy does not do
   * left out: {@link #unsupported}), then the command line's.
   *
   * @param ctx the invocation (GOFLAGS read as {@link Settings#goEnv} reads it, already checked)
   * @return every setting in order, a repeated flag each time
   */
  List<Args.Given> effective(Invocation ctx) {
    GoEnv env = Settings.goEnv(ctx);
    int minor = GoRelease.modelled(env.goVersion()).behaviourMinor();
    List<Args.Given> out = new ArrayList<>();
    for (String word : env.goFlags()) {
      int eq = word.indexOf('=');
      String name = goflagName(word);
      Flag f = defined(name, minor);
      if (f != null && f.use == Use.DONE && f.kind != Kind.CHDIR) {
        out.add(new Args.Given(name, eq < 0 ? "true" : word.substring(eq + 1)));
      }
    }
    out.addAll(ctx.args().given());
    return out;
  }

  /**
   * The value of the boolean flag {@code name} go ends with: its last setting in
   * {@code settings} ({@link #effective}), false when none.
   */
  static boolean boolValue(List<Args.Given> settings, String name) {
    boolean v = false;
    for (Args.Given g : settings) {
      if (g.name().equals(name)) {
        v = GoStrconv.parseBool(g.value()).orElse(false);
      }
    }
    return v;
  }

  /**
   * Checks GOFLAGS's words for the command's build flags as go's SetFromGOFLAGS sets them, in
   * order (words naming a flag the command lacks are skipped, as in go).
   *
   * @param env the environment (its GOFLAGS already split and checked: {@link GoEnv#goFlags()})
   * @param release the go release followed
   * @throws GoFlagException {@code go: invalid boolean value "x" for flag -trimpath (from $GOFLAGS): parse error},
   *     {@code go: invalid value "x" for flag -compiler (from $GOFLAGS): unknown compiler "x"},
   *     {@code go: flag needs an argument: -tags (from $GOFLAGS)}
   */
  void checkGoflags(GoEnv env, String release) {
    int minor = GoRelease.modelled(release).behaviourMinor();
    String where = env.os() == GoEnv.Os.WINDOWS ? "%GOFLAGS%" : "$GOFLAGS";
    for (String word : env.goFlags()) {
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      if (name.startsWith("--")) {
        name = name.substring(1);
      }
      Flag f = defined(name.substring(1), minor);
      if (f == null || f.kind == Kind.CHDIR) {
        continue; // -C: GoEnv's GOFLAGS check refused it already
      }
      if (eq < 0) {
        if (!f.bool()) {
          throw new GoFlagException("go: flag needs an argument: " + name + " (from " + where + ")");
        }
        continue;
      }
      String value = word.substring(eq + 1);
      String refused = refusal(f.kind, value, release);
      if (refused != null) {
        throw new GoFlagException("go: invalid " + (f.bool() ? "boolean " : "") + "value "
            + GoQuote.quote(value) + " for flag " + name + " (from " + where + "): " + refused);
      }
    }
  }

  /** Why go's flag.Value refuses {@code value} (its error text) under {@code release}, or null. */
  private static String refusal(Kind kind, String value, String release) {
    switch (kind) {
      case BOOL:
        return GoStrconv.parseBool(value).isEmpty() ? "parse error" : null;
      case JSON:
        return null; // a bool, else the fields
      case BUILDVCS:
        return value.isEmpty() || value.equals("auto") || GoStrconv.parseBool(value).isPresent() ? null
            : "value is neither 'auto' nor a valid bool";
      case TAGS:
        return value.contains(" ") || value.contains("'") ? splitRefusal(value) : null;
      case STRINGS:
        return splitRefusal(value);
      case PER_PACKAGE:
        return perPackageRefusal(value);
      case COMPILER:
        return value.equals("gc") || value.equals("gccgo") ? null : "unknown compiler " + GoQuote.quote(value);
      case COVERMODE:
        return List.of("", "set", "count", "atomic").contains(value) ? null
            : "valid modes are \"set\", \"count\", or \"atomic\"";
      case GO_VERSION:
        return GoVersionFlag.refusal(value, release).orElse(null);
      case INT:
        try {
          GoStrconv.parseInt(value);
          return null;
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      default:
        return null;
    }
  }

  private static String splitRefusal(String value) {
    try {
      GoQuoted.split(value);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** load.PerPackageFlag's set: {@code flags} or {@code pattern=flags}, the flags quoted.Split. */
  private static String perPackageRefusal(String raw) {
    String v = raw.strip();
    if (v.isEmpty()) {
      return null;
    }
    if (!v.startsWith("-")) {
      int i = v.indexOf('=');
      if (i < 0) {
        return "missing =<value> in <pattern>=<value>";
      }
      if (i == 0) {
        return "missing <pattern> in <pattern>=<value>";
      }
      if (v.charAt(0) == '\'' || v.charAt(0) == '"') {
        return "parameter may not start with quote character " + v.charAt(0);
      }
      v = v.substring(i + 1);
    }
    return splitRefusal(v);
  }

  /**
   * go's BuildInit refusal of a {@code -p} below 1 (the command line's last, else GOFLAGS's; its
   * syntax checked already: {@link Args#parseGo}, {@link #checkGoflags}).
   *
   * @param ctx the invocation
   * @return {@code go: -p must be a positive integer: 0} (exit status 1), or empty
   */
  static Optional<String> nonPositiveP(Invocation ctx) {
    Optional<String> p = ctx.args().option("p");
    if (p.isEmpty()) {
      p = Settings.goEnv(ctx).goFlag("p");
    }
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long n = GoStrconv.parseInt(p.get());
    return n > 0 ? Optional.empty() : Optional.of("go: -p must be a positive integer: " + n);
  }

  /**
   * buildModeInit's refusal of a {@code -mod} value go does not know, in module mode (after
   * modload.Init, before BuildInit's {@code -p} check).
   *
   * @param ctx the invocation, the command line's flags applied ({@link #applied})
   * @return {@code -mod=x not supported (can be '', 'mod', 'readonly', or 'vendor')}, or empty
   */
  static Optional<String> modFlagRefusal(Invocation ctx) {
    try {
      Settings.goEnv(ctx).modFlag();
      return Optional.empty();
    } catch (GoEnvException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * go list's build-flag checks when modules are off (GO111MODULE=off, or auto outside a module),
   * which go makes in BuildInit before list's own refusals of GOPATH mode: under auto a
   * {@code -modfile} fails modload.Init first; then a {@code -mod} value go does not know; then
   * {@code -mod}, {@code -modcacherw} or {@code -modfile} given where go's InGOFLAGS does not find
   * them in GOFLAGS (go looks for {@code -mod} when it checks {@code -modfile}, so GOFLAGS's
   * {@code -modfile} alone fails too).
   *
   * @param given the invocation as given (GOFLAGS without the command line's flags)
   * @param applied the invocation with them ({@link #applied})
   * @param go111 GO111MODULE as go reads it
   * @return go's line (printed as it is, exit status 1), or empty where go goes on to list's own refusal
   */
  static Optional<String> modulesOffRefusal(Invocation given, Invocation applied, String go111) {
    String modFile = Settings.goEnv(applied).goFlag("modfile").orElse("");
    if (go111.equals("auto") && !modFile.isEmpty()) {
      return Optional.of("go: cannot find main module, but -modfile was set.\n"
          + "\t-modfile cannot be used to set the module root directory.");
    }
    return buildModeRefusal(given, applied);
  }

  /**
   * buildModeInit's checks of the module flags when modules are off (after modload.Init, which
   * {@link #modulesOffRefusal} stands in for under auto): a {@code -mod} value go does not know;
   * then {@code -mod}, {@code -modcacherw} or {@code -modfile} given where go's InGOFLAGS does not
   * find them in GOFLAGS.
   *
   * @param given the invocation as given (GOFLAGS without the command line's flags)
   * @param applied the invocation with them ({@link #applied})
   * @return go's line (printed as it is, exit status 1), or empty
   */
  static Optional<String> buildModeRefusal(Invocation given, Invocation applied) {
    GoEnv before = Settings.goEnv(given);
    GoEnv after = Settings.goEnv(applied);
    String modFile = after.goFlag("modfile").orElse("");
    Optional<String> mod; // the last -mod value (a bare -mod failed earlier), empty for none or ""
    try {
      mod = after.modFlag();
    } catch (GoEnvException e) {
      return Optional.of(e.getMessage()); // -mod=X not supported (can be '', 'mod', 'readonly', or 'vendor')
    }
    // go's base.InGOFLAGS: a GOFLAGS word names the flag, with or without a value
    if (mod.isPresent() && before.goFlag("mod").isEmpty()) {
      return Optional.of("build flag -mod=" + mod.get() + " only valid when using modules");
    }
    if (after.modCacheRw() && before.goFlag("modcacherw").isEmpty()) {
      return Optional.of("build flag -modcacherw only valid when using modules");
    }
    if (!modFile.isEmpty() && before.goFlag("mod").isEmpty()) {
      return Optional.of("build flag -modfile only valid when using modules");
    }
    return Optional.empty();
  }

  /**
   * The invocation with the command line's {@code -mod}, {@code -modfile}, {@code -modcacherw} and
   * {@code -x} after GOFLAGS's own words (everything below reads them from GoEnv's GOFLAGS), quoted for
   * go1.20's GOFLAGS syntax when a value holds white space (go1.19 splits GOFLAGS at white space
   * and cannot carry one); {@code -modcacherw} and {@code -x} as {@code true} or {@code false}.
   *
   * @param ctx the invocation, its command line checked ({@link Args#parseGo})
   * @return {@code ctx}, or a copy with GOFLAGS extended
   */
  Invocation applied(Invocation ctx) {
    StringBuilder words = new StringBuilder();
    for (String name : List.of("mod", "modfile", "modcacherw", "x")) {
      if (!flags.containsKey(name)) {
        continue;
      }
      Optional<String> v = ctx.args().option(name);
      if (v.isPresent()) {
        String value = !name.startsWith("mod") ? String.valueOf(GoStrconv.parseBool(v.get()).orElseThrow()) : v.get();
        words.append(' ').append(goFlagWord(name, value));
      }
    }
    if (words.length() == 0) {
      return ctx;
    }
    // GOFLAGS as go reads it: the environment's, else the user's go env file's or GOROOT/go.env's
    Map<String, String> env = new HashMap<>(ctx.environment());
    env.put("GOFLAGS", (Settings.goEnv(ctx).get("GOFLAGS") + words).strip());
    return new Invocation(ctx.args(), ctx.out(), ctx.err(), env, ctx.terminal(), ctx.workDir());
  }

  /**
   * Whether go traces its HTTP requests ({@code -x}): the command has the flag in the release and
   * its last value, GOFLAGS's then the command line's ({@link #applied} appends those), is true.
   *
   * @param env the settings of the invocation {@link #applied} gave
   * @param minor the go release's minor version
   * @return true to trace
   */
  boolean traced(GoEnv env, int minor) {
    Flag f = flags.get("x");
    if (f == null || f.since > minor) {
      return false;
    }
    return env.goFlag("x").flatMap(GoStrconv::parseBool).orElse(false);
  }

  /** {@code -name=value} as one GOFLAGS word. */
  private static String goFlagWord(String name, String value) {
    String word = "-" + name + "=" + value;
    boolean space = false;
    for (int i = 0; i < word.length(); i++) {
      space |= Character.isWhitespace(word.charAt(i));
    }
    return space && word.indexOf('\'') < 0 ? "'" + word + "'" : word;
  }
}
