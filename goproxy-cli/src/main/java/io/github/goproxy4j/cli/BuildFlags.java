package io.github.goproxy4j.cli;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoQuoted;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoStrconv;
import io.github.goproxy4j.internal.GoVersionFlag;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The build flags of a go command that goproxy mirrors, on its command line and in GOFLAGS:
 * {@code go list}'s (cmd/go's AddBuildFlags and AddCoverFlags) and the mod commands' "mod common
 * flags" ({@code -modcacherw}, {@code -modfile}). Three of them change what a module command
 * does: {@code -mod}, {@code -modfile} and {@code -modcacherw}, which {@link #applied} appends to
 * GOFLAGS (go sets the flags from GOFLAGS first, then from the command line, so the command
 * line's value wins). The others change only how go builds packages, so {@code go list -m}
 * accepts them and does nothing with them; their values are checked as go's flag package checks
 * them ({@link #checkCommandLine}, {@link #checkGoflags}).
 *
 * <p>{@code -x} ({@code go list}, {@code go mod download}, and {@code go mod graph} from go1.20;
 * not {@code go mod verify}) traces each HTTP request on standard error as go does
 * ({@link #traced}, {@code GoProxyClient.Builder.httpTrace}); GOFLAGS's {@code -x} applies only
 * to those commands, as go's SetFromGOFLAGS skips a flag the command lacks.
 *
 * <p>Left out (refused as unknown options): {@code -buildmode},
 * {@code -race}, {@code -msan}, {@code -asan}, {@code -linkshared} (checked against the platform
 * and the C compiler), {@code -overlay} (it may replace go.mod), the debug flags (they write
 * files), and go list's own {@code -f}, {@code -compiled}, {@code -deps},
 * {@code -export}, {@code -find}, {@code -test}, {@code -reuse} and {@code -json=fields}.
 */
final class BuildFlags {
  /** How go's flag package sets one flag (the flag.Value go gives it). */
  private enum Kind {
    /** A bool: {@code -name} or {@code -name=value} (strconv.ParseBool). */
    BOOL,
    /** {@code -buildvcs}: a bool or {@code auto}. */
    BUILDVCS,
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
    INT
  }

  private record Flag(Kind kind, int since) {}

  /** go list's build flags that goproxy accepts. */
  static final BuildFlags LIST = new BuildFlags(listFlags());

  /** The mod commands' common flags ({@code -modcacherw}, {@code -modfile}): {@code go mod verify}'s. */
  static final BuildFlags MOD = modCommand(Map.of());

  /** {@code go mod download}'s: the mod common flags and {@code -x}. */
  static final BuildFlags MOD_DOWNLOAD = modCommand(Map.of("x", new Flag(Kind.BOOL, 19)));

  /** {@code go mod graph}'s: the mod common flags, {@code -go}, and {@code -x} from go1.20. */
  static final BuildFlags GRAPH = modCommand(Map.of("go", new Flag(Kind.GO_VERSION, 19), "x", new Flag(Kind.BOOL, 20)));

  /** A mod command's flags: go's base.AddModCommonFlags ({@code -modcacherw}, {@code -modfile}) and its own {@code extra}. */
  private static BuildFlags modCommand(Map<String, Flag> extra) {
    Map<String, Flag> m = new HashMap<>(extra);
    m.put("modcacherw", new Flag(Kind.BOOL, 19));
    m.put("modfile", new Flag(Kind.STRING, 19));
    return new BuildFlags(Map.copyOf(m));
  }

  private static Map<String, Flag> listFlags() {
    Map<String, Flag> m = new LinkedHashMap<>();
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
    // go1.20: -pgo, and the cover flags on every build command
    m.put("pgo", new Flag(Kind.STRING, 20));
    m.put("cover", new Flag(Kind.BOOL, 20));
    m.put("covermode", new Flag(Kind.COVERMODE, 20));
    m.put("coverpkg", new Flag(Kind.STRING, 20));
    return m;
  }

  private final Map<String, Flag> flags;

  private BuildFlags(Map<String, Flag> flags) {
    this.flags = flags;
  }

  /** {@return the names of the boolean flags, for {@link Args#parse}: {@code -name} or {@code -name=value}} */
  Set<String> bools() {
    return names(true);
  }

  /** {@return the names of the flags with a value, for {@link Args#parse}: {@code -name=value} or {@code -name value}} */
  Set<String> values() {
    return names(false);
  }

  private Set<String> names(boolean bool) {
    Map<String, Flag> out = new HashMap<>();
    for (Map.Entry<String, Flag> e : flags.entrySet()) {
      if ((e.getValue().kind == Kind.BOOL || e.getValue().kind == Kind.BUILDVCS) == bool) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return Set.copyOf(out.keySet());
  }

  /**
   * Checks the command line's build flags as go's flag package parses them (after GOFLAGS):
   * a flag the release lacks ({@code flag provided but not defined: -pgo}), a value the flag
   * refuses ({@code invalid boolean value "x" for -trimpath: parse error},
   * {@code invalid value "'a" for flag -tags: unterminated ' string}).
   *
   * @param args the parsed command line
   * @param release the go release followed
   * @throws GoFlagException with go's line (then go's usage, exit status 2)
   */
  void checkCommandLine(Args args, String release) {
    int minor = GoRelease.modelled(release).behaviourMinor();
    // in command-line order, each occurrence: go's flag package stops at the first refusal
    for (Args.Given g : args.given()) {
      Flag f = flags.get(g.name());
      if (f == null) {
        continue;
      }
      String name = "-" + g.name();
      if (f.since > minor) {
        throw new GoFlagException("flag provided but not defined: " + name);
      }
      if (g.value() == null) {
        throw new GoFlagException("flag needs an argument: " + name);
      }
      String refused = refusal(f.kind, g.value(), release);
      if (refused != null) {
        throw new GoFlagException(isBool(f.kind)
            ? "invalid boolean value " + GoQuote.quote(g.value()) + " for " + name + ": " + refused
            : "invalid value " + GoQuote.quote(g.value()) + " for flag " + name + ": " + refused);
      }
    }
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
      Flag f = flags.get(name.substring(1));
      if (f == null || f.since > minor) {
        continue;
      }
      if (eq < 0) {
        if (!isBool(f.kind)) {
          throw new GoFlagException("go: flag needs an argument: " + name + " (from " + where + ")");
        }
        continue;
      }
      String value = word.substring(eq + 1);
      String refused = refusal(f.kind, value, release);
      if (refused != null) {
        throw new GoFlagException("go: invalid " + (isBool(f.kind) ? "boolean " : "") + "value "
            + GoQuote.quote(value) + " for flag " + name + " (from " + where + "): " + refused);
      }
    }
  }

  private static boolean isBool(Kind kind) {
    return kind == Kind.BOOL || kind == Kind.BUILDVCS;
  }

  /** Why go's flag.Value refuses {@code value} (its error text) under {@code release}, or null. */
  private static String refusal(Kind kind, String value, String release) {
    switch (kind) {
      case BOOL:
        return GoStrconv.parseBool(value).isEmpty() ? "parse error" : null;
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
   * syntax checked already: {@link #checkCommandLine}, {@link #checkGoflags}).
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
   * Whether the {@code -mod} value go ends with is one modload.Init takes (else it fails with
   * {@code -mod=x not supported (...)} before BuildInit's own checks).
   *
   * @param ctx the invocation, the command line's flags applied ({@link #applied})
   * @return whether {@code -mod} is unset or valid
   */
  static boolean modFlagValid(Invocation ctx) {
    try {
      Settings.goEnv(ctx).modFlag();
      return true;
    } catch (GoEnvException e) {
      return false;
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
    GoEnv before = Settings.goEnv(given);
    GoEnv after = Settings.goEnv(applied);
    String modFile = after.goFlag("modfile").orElse("");
    if (go111.equals("auto") && !modFile.isEmpty()) {
      return Optional.of("go: cannot find main module, but -modfile was set.\n"
          + "\t-modfile cannot be used to set the module root directory.");
    }
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
   * @param ctx the invocation, its command line checked ({@link #checkCommandLine})
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
