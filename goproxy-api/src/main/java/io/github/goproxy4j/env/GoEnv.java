package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.GoUrl;
import io.github.goproxy4j.internal.GoCwd;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of the go command's settings, read exactly as the go command reads them.
 *
 * <pre>{@code
 * GoEnv env = GoEnv.fromSystem();
 * env.get("GOPROXY");    // "https://proxy.golang.org,direct" unless configured otherwise
 * env.get("GONOSUMDB");  // GOPRIVATE when GONOSUMDB is unset or empty
 * env.warnings().forEach(w -> System.err.println(w));
 *
 * GoEnv ci = GoEnv.builder()
 *     .environment(Map.of("GOPRIVATE", "example.com/*", "HOME", "/home/ci"))
 *     .goVersion("1.19")
 *     .build();
 * }</pre>
 *
 * <p><b>Precedence</b> (Go's {@code cfg.Getenv}): a <i>non-empty</i> process variable; else the
 * user go env file ({@code $GOENV}, or {@code go/env} under the OS config directory:
 * {@code $XDG_CONFIG_HOME} or {@code $HOME/.config} on Linux and BSD,
 * {@code $HOME/Library/Application Support} on macOS, {@code %AppData%} on Windows;
 * {@code GOENV=off} disables it); else, from Go 1.21, {@code $GOROOT/go.env} (only for keys the
 * user file does not contain at all); else the built-in default. An empty process variable counts
 * as unset. From 1.21 a user-file line {@code GOPROXY=} hides the go.env value and leaves GOPROXY
 * empty (Go's "contains no entries" error); in 1.19 and 1.20 it falls back to the default.
 *
 * <p><b>Env file format</b> (Go's {@code readEnvFile}): split on {@code \n} only (a {@code \r} stays
 * in the value); lines without {@code =} or whose first byte is not {@code A}–{@code Z} are
 * ignored; the key is everything before the first {@code =} and the value everything after it,
 * with no trimming and no quote removal; the last duplicate wins. An unreadable file is ignored
 * silently, as in Go, so {@link #fromSystem()} never throws because of a file.
 *
 * <p><b>GOROOT and "no Go installed".</b> {@code $GOROOT/go.env} is looked for in the GOROOT the
 * go command would use (the user file's GOROOT, else {@code $GOROOT}, else the directory of the
 * {@code go} binary found on {@code PATH}). When no go.env is found that way the standard
 * contents every release since 1.21 ships are used ({@code GOPROXY=https://proxy.golang.org,direct},
 * {@code GOSUMDB=sum.golang.org}, {@code GOTOOLCHAIN=auto}). Only a GOROOT given with
 * {@link Builder#goRoot(Path)} is taken literally: if its go.env is missing or lacks a key, the
 * key is empty, as with a distribution that ships no go.env (golang/go#61928).
 *
 * <p><b>Derived values</b> returned by {@link #get(String)}: GONOPROXY and GONOSUMDB default to
 * GOPRIVATE; GOPATH defaults to {@code $HOME/go} ({@code %USERPROFILE%\go} on Windows) unless
 * that is GOROOT or relative (a relative home: go forgets the GOPATH it inferred, though its
 * GOMODCACHE default, relative then, stays); GOMODCACHE defaults to {@code GOPATH[0]/pkg/mod};
 * GOENV is the env file used;
 * GOAUTH defaults to {@code netrc} from 1.24.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GoEnv {

  /** The operating system whose conventions apply (config directory, path syntax, home). */
  public enum Os {
    /** Linux, and the BSDs and other Unix systems (XDG rules). */
    LINUX("linux"),
    /** macOS ({@code Library/Application Support}). */
    MACOS("darwin"),
    /** Windows ({@code %AppData%}, {@code %USERPROFILE%}, {@code ;} lists, case-insensitive names). */
    WINDOWS("windows"),
    /** Plan 9 ({@code $home/lib}). */
    PLAN9("plan9");

    private final String goos;

    Os(String goos) {
      this.goos = goos;
    }

    /**
     * Returns Go's GOOS name.
     *
     * @return for example {@code linux} or {@code darwin}
     */
    public String goos() {
      return goos;
    }

    /**
     * Returns the OS this JVM runs on.
     *
     * @return the current OS ({@link #LINUX} for any Unix that is not macOS)
     */
    public static Os current() {
      String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      if (name.startsWith("windows")) {
        return WINDOWS;
      }
      if (name.startsWith("mac") || name.startsWith("darwin")) {
        return MACOS;
      }
      if (name.startsWith("plan9") || name.startsWith("plan 9")) {
        return PLAN9;
      }
      return LINUX;
    }
  }

  /** Where a value came from. */
  public enum Source {
    /** A non-empty process environment variable. */
    ENVIRONMENT("environment"),
    /** The user go env file. */
    USER_ENV_FILE("user go env file"),
    /** {@code $GOROOT/go.env} (Go 1.21+). */
    GOROOT_ENV_FILE("$GOROOT/go.env"),
    /** The standard go.env contents, used because no Go installation was found. */
    STANDARD_GO_ENV("standard go.env defaults: no $GOROOT/go.env found"),
    /** Computed by the go command (default or derived from another setting). */
    DEFAULT("default");

    private final String description;

    Source(String description) {
      this.description = description;
    }

    /**
     * Returns a short description for messages.
     *
     * @return for example {@code user go env file}
     */
    public String description() {
      return description;
    }
  }

  /**
   * A setting that will not do what its author probably expects, with the fix.
   *
   * @param setting the variable or env-file line concerned
   * @param problem what the go command does with it
   * @param fix how to get the intended behaviour
   */
  public record Warning(String setting, String problem, String fix) {
    /**
     * Validates the components.
     *
     * @param setting the setting
     * @param problem the problem
     * @param fix the fix
     */
    public Warning {
      Objects.requireNonNull(setting, "setting");
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(fix, "fix");
    }

    /** Returns {@code setting: problem. Fix: fix}. */
    @Override
    public String toString() {
      return setting + ": " + problem + ". Fix: " + fix;
    }
  }

  /** The default goVersion: the newest release whose behaviour is modelled. */
  public static final String DEFAULT_GO_VERSION = GoRelease.NEWEST;

  /** What every go release since 1.21 ships as $GOROOT/go.env. */
  static final Map<String, String> STANDARD_GO_ENV_VALUES;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("GOPROXY", "https://proxy.golang.org,direct");
    m.put("GOSUMDB", "sum.golang.org");
    m.put("GOTOOLCHAIN", "auto");
    STANDARD_GO_ENV_VALUES = Collections.unmodifiableMap(m);
  }

  private final Map<String, String> environment;
  private final EnvFile userFile;
  private final String userFilePath; // "" when none
  private final EnvFile goRootFile;
  private final boolean standardGoEnv;
  private final String goRoot; // "" when unknown
  private final GoRelease release;
  private final int minor;
  private final Os os;
  private final Map<String, String> derived = new HashMap<>();
  private final Map<String, Source> sources = new HashMap<>();
  /**
   * The default GOPATH go inferred from a relative home directory and then forgot (GOPATH is
   * empty): go still keeps its checksum database state below it, relative to its current
   * directory ({@link #sumdbDir}). "" otherwise. Set once, while the constructor derives values.
   */
  private String uninferredGopath = "";
  /** {@link #warnings()}, computed on first use: most callers never ask (see there). */
  private volatile List<Warning> warnings;

  private GoEnv(Builder b) {
    this.os = b.os;
    this.release = b.release;
    this.minor = b.release.behaviourMinor();
    Map<String, String> env = os == Os.WINDOWS
        ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER)
        : new HashMap<>();
    // plain loops on this path: a lambda costs its first caller its bootstrap (about half a
    // millisecond interpreted in a fresh JVM, several times that for the JVM's first)
    for (Map.Entry<String, String> e : b.environment.entrySet()) {
      if (e.getKey() != null && e.getValue() != null) {
        env.put(e.getKey(), e.getValue());
      }
    }
    this.environment = Collections.unmodifiableMap(env);

    // The user env file.
    String file = "";
    if (b.readFiles) {
      if (b.userEnvFile != null) {
        file = b.userEnvFile.toString();
      } else if (!b.noUserEnvFile) {
        file = envFileLocation();
      }
    }
    this.userFilePath = file;
    this.userFile = file.isEmpty() ? EnvFile.empty() : readEnvFile(file);

    // GOROOT and go.env.
    String root = "";
    boolean rootExplicit = false;
    if (b.goRoot != null) {
      root = b.goRoot.toString();
      rootExplicit = true;
    } else {
      String fromFile = minor >= 21 ? userFile.values.getOrDefault("GOROOT", "") : "";
      String fromEnv = env.getOrDefault("GOROOT", "");
      String pick = !fromFile.isEmpty() ? fromFile
          : !fromEnv.isEmpty() ? fromEnv
          : minor < 21 ? userFile.values.getOrDefault("GOROOT", "") : "";
      if (!pick.isEmpty()) {
        root = GoFilePath.clean(os, pick);
      } else if (b.readFiles) {
        root = discoverGoRoot();
      }
    }
    this.goRoot = root;
    EnvFile rootFile = EnvFile.empty();
    boolean standard = false;
    if (minor >= 21) {
      boolean found = false;
      if (b.readFiles && !root.isEmpty()) {
        String goEnvPath = GoFilePath.join(os, root, "go.env");
        Optional<byte[]> data = read(goEnvPath);
        if (data.isPresent()) {
          rootFile = EnvFile.parse(data.get());
          found = true;
        }
      }
      if (!found && !rootExplicit) {
        standard = true;
      }
    }
    this.goRootFile = rootFile;
    this.standardGoEnv = standard;

    computeDerived();
  }

  /**
   * Reads the settings of this process as the go command would: the process environment, the
   * user go env file and {@code $GOROOT/go.env}, for the current OS and the default go version.
   * Never throws because of an unreadable or odd file.
   *
   * <pre>{@code
   * String goproxy = GoEnv.fromSystem().get("GOPROXY");
   * }</pre>
   *
   * @return the snapshot
   */
  public static GoEnv fromSystem() {
    return builder().build();
  }

  /**
   * Uses only the given variables plus the defaults: no user env file and no GOROOT/go.env
   * (from 1.21 the standard go.env contents apply).
   *
   * <pre>{@code
   * GoEnv env = GoEnv.of(Map.of("GOPROXY", "https://goproxy.example", "GOSUMDB", "off"));
   * }</pre>
   *
   * @param variables the environment (empty values count as unset, as in Go)
   * @return the snapshot
   */
  public static GoEnv of(Map<String, String> variables) {
    Objects.requireNonNull(variables, "variables");
    Builder b = builder().environment(variables);
    b.readFiles = false;
    return b.build();
  }

  /**
   * Starts a builder. Without further calls it is {@link #fromSystem()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a setting's effective value as {@code go env KEY} prints it: derived values (GONOPROXY,
   * GONOSUMDB, GOPATH, GOMODCACHE, GOENV, GOROOT, GOPROXY, GOSUMDB, ...) are computed as the go
   * command computes them; any other key is looked up with Go's precedence.
   *
   * @param key the variable name, for example {@code GOPROXY}
   * @return the value, or {@code ""} when unset
   */
  public String get(String key) {
    Objects.requireNonNull(key, "key");
    String d = derived.get(key);
    if (d != null) {
      return d;
    }
    return lookup(key);
  }

  /**
   * Returns where {@link #get(String)}'s value came from.
   *
   * @param key the variable name
   * @return the source; {@link Source#DEFAULT} for computed or unset values
   */
  public Source source(String key) {
    Objects.requireNonNull(key, "key");
    Source s = sources.get(key);
    return s != null ? s : rawSource(key);
  }

  /**
   * Returns the settings that the go command silently ignores or that usually mean a mistake,
   * each with its fix: unknown names such as {@code GONOSUMCHECK}, quotes or a {@code \r} in an
   * env-file value, env-file lines Go ignores, {@code GOFLAGS=-insecure}, GONOPROXY without a
   * matching GONOSUMDB, GOPROXY entries after {@code off}/{@code direct} that are never reached,
   * an invalid GOPROXY or GOSUMDB, and HTTP(S)_PROXY variables that will carry proxy traffic.
   *
   * <p>Computed on the first call (a few milliseconds of cold code: the GOPROXY, GOSUMDB and
   * GOFLAGS parsers), not when the snapshot is built, since most uses never ask; the snapshot
   * does not change, so every call returns the same list.
   *
   * @return an immutable list, empty when nothing looks wrong
   */
  public List<Warning> warnings() {
    List<Warning> w = warnings;
    if (w == null) {
      // computed from immutable state: two racing threads compute equal lists
      w = List.copyOf(Warnings.compute(this));
      warnings = w;
    }
    return w;
  }

  /**
   * Returns the go release whose behaviour this snapshot follows, as given to
   * {@link Builder#goVersion(String)} without a {@code go} prefix (default
   * {@value #DEFAULT_GO_VERSION}). A release newer than {@value #DEFAULT_GO_VERSION} is returned
   * as given; it behaves as {@value #DEFAULT_GO_VERSION} and is reported by {@link #warnings()}.
   *
   * @return for example {@code "1.27"}, {@code "1.21.3"} or {@code "1.22rc1"}
   */
  public String goVersion() {
    return release.toString();
  }

  int goMinor() {
    return minor;
  }

  GoRelease goRelease() {
    return release;
  }

  /** net/url's host rules for this release and the process's GODEBUG. */
  GoUrl.Rules urlRules() {
    return GoUrl.Rules.of(release, environment.getOrDefault("GODEBUG", ""));
  }

  /**
   * Returns the OS whose conventions apply.
   *
   * @return the OS
   */
  public Os os() {
    return os;
  }

  /**
   * Returns the user go env file that was read (or would have been, if it does not exist).
   *
   * @return the path, or empty when there is none ({@code GOENV=off}, no config directory)
   */
  public Optional<String> userEnvFile() {
    return userFilePath.isEmpty() ? Optional.empty() : Optional.of(userFilePath);
  }

  /**
   * Returns the process environment this snapshot was built from.
   *
   * @return an unmodifiable map (case-insensitive names for Windows)
   */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * Returns the GOFLAGS words, split and checked as the go command checks them before every
   * command (cmd/go's {@code InitGOFLAGS}): split at white space (1.19: any Unicode space; from
   * 1.20 at ASCII space, tab, CR and LF with {@code '...'} and {@code "..."} quoting, as
   * {@code cmd/internal/quoted.Split}); each word must look like a flag, and its name must be a
   * flag of some go command of this release.
   *
   * @return the flags in order
   * @throws GoEnvException with Go's text (without its {@code go: } prefix):
   *     {@code parsing $GOFLAGS: non-flag "x"}, {@code parsing $GOFLAGS: unknown flag -x} or
   *     {@code parsing $GOFLAGS: unterminated ' string}
   */
  public List<String> goFlags() {
    return goFlagsParser().flags();
  }

  private GoFlags goFlagsParser() {
    return new GoFlags(get("GOFLAGS"), minor, os);
  }

  /**
   * Returns the value GOFLAGS gives a flag, as the go command applies it ({@code -name=value},
   * {@code --name=value}, or {@code -name} meaning {@code true} for a boolean flag); the last
   * occurrence wins.
   *
   * @param name the flag name without dashes, for example {@code modcacherw}
   * @return the value ({@code "true"} for a bare flag), or empty when GOFLAGS does not set it
   * @throws GoEnvException if GOFLAGS is malformed
   */
  public Optional<String> goFlag(String name) {
    return goFlagsParser().flag(name);
  }

  /**
   * Returns whether GOFLAGS contains {@code -modcacherw}: extracted module directories are left
   * writable instead of read-only.
   *
   * @return true if set
   * @throws GoEnvException for a bad value, with Go's text
   *     ({@code invalid boolean value "x" for flag -modcacherw (from $GOFLAGS): parse error})
   */
  public boolean modCacheRw() {
    return goFlagsParser().modCacheRw();
  }

  /**
   * Returns the {@code -mod} mode GOFLAGS sets ({@code mod}, {@code readonly} or {@code vendor}).
   * With {@code vendor} the go command makes no module lookups.
   *
   * @return the mode, or empty when GOFLAGS does not set one
   * @throws GoEnvException {@code -mod=x not supported (can be '', 'mod', 'readonly', or 'vendor')}
   */
  public Optional<String> modFlag() {
    return goFlagsParser().modFlag();
  }

  /**
   * Returns the module cache directory (GOMODCACHE), checked as the go command checks it.
   *
   * @return the absolute directory
   * @throws GoEnvException {@code module cache not found: neither GOMODCACHE nor GOPATH is set}
   *     or {@code GOMODCACHE entry is relative; must be absolute path: "x".}
   */
  public Path modCacheDir() {
    String dir = get("GOMODCACHE");
    if (dir.isEmpty()) {
      throw new GoEnvException("module cache not found: neither GOMODCACHE nor GOPATH is set");
    }
    if (!GoFilePath.isAbs(os, dir)) {
      throw new GoEnvException(
          "GOMODCACHE entry is relative; must be absolute path: " + GoQuote.quoteCut(dir) + ".");
    }
    return toPath(dir);
  }

  /**
   * Returns GOPATH's entries as the go command splits them ({@code filepath.SplitList}: on
   * {@code :}, on {@code ;} outside double quotes on Windows), each as given: not cleaned, an
   * empty entry kept. go's module set-up looks at the first one alone (a go.mod there is refused
   * or ignored).
   *
   * <pre>{@code
   * String first = env.gopathList().isEmpty() ? "" : env.gopathList().get(0);
   * }</pre>
   *
   * @return the entries, empty when GOPATH is empty
   */
  public List<String> gopathList() {
    return List.copyOf(GoFilePath.splitList(os, get("GOPATH")));
  }

  /**
   * Returns where the go command keeps checksum-database state ({@code GOPATH[0]/pkg/sumdb},
   * holding {@code <name>/latest}); not under GOMODCACHE. Where go inferred GOPATH from a
   * relative home directory and forgot it ({@link #get get("GOPATH")} is empty), go still keeps
   * the state below that inferred GOPATH, relative to its current directory: the environment's
   * {@code PWD} when absolute, else this process's directory.
   *
   * @return the directory
   * @throws GoEnvException if GOPATH is empty or relative
   */
  public Path sumdbDir() {
    boolean uninferred = !uninferredGopath.isEmpty();
    List<String> list = GoFilePath.splitList(os, uninferred ? uninferredGopath : get("GOPATH"));
    if (list.isEmpty() || list.get(0).isEmpty()) {
      throw new GoEnvException("missing $GOPATH");
    }
    String first = list.get(0);
    if (uninferred) {
      // cfg.SumdbDir was computed before go forgot the GOPATH it inferred from a relative home
      return GoCwd.resolve(environment, toPath(GoFilePath.join(os, first, "pkg", "sumdb")));
    }
    if (!GoFilePath.isAbs(os, first)) {
      throw new GoEnvException("GOPATH entry is relative; must be absolute path: "
          + GoQuote.quoteCut(first) + ".");
    }
    return toPath(GoFilePath.join(os, first, "pkg", "sumdb"));
  }

  private static Path toPath(String s) {
    try {
      return Paths.get(s);
    } catch (InvalidPathException e) {
      throw new GoEnvException("not a valid path on this system: " + GoQuote.quoteCut(s), e);
    }
  }

  /** Returns the keys and values that differ from an empty environment, for diagnostics. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("GoEnv[go").append(goVersion()).append(' ').append(os.goos());
    for (String k : List.of("GOPROXY", "GONOPROXY", "GOPRIVATE", "GONOSUMDB", "GOSUMDB", "GOINSECURE")) {
      b.append(", ").append(k).append('=').append(Redaction.inSetting(get(k)));
    }
    return b.append(']').toString();
  }


  // ---------------------------------------------------------------------------------------------

  /** Go's Getenv: non-empty process variable, else user file, else (1.21+) go.env. */
  String lookup(String key) {
    String v = environment.get(key);
    if (v != null && !v.isEmpty()) {
      return v;
    }
    String f = userFile.values.get(key);
    if (f != null) {
      return f;
    }
    if (minor >= 21) {
      String r = standardGoEnv ? STANDARD_GO_ENV_VALUES.get(key) : goRootFile.values.get(key);
      if (r != null) {
        return r;
      }
    }
    return "";
  }

  Source rawSource(String key) {
    String v = environment.get(key);
    if (v != null && !v.isEmpty()) {
      return Source.ENVIRONMENT;
    }
    if (userFile.values.containsKey(key)) {
      return Source.USER_ENV_FILE;
    }
    if (minor >= 21) {
      if (standardGoEnv && STANDARD_GO_ENV_VALUES.containsKey(key)) {
        return Source.STANDARD_GO_ENV;
      }
      if (!standardGoEnv && goRootFile.values.containsKey(key)) {
        return Source.GOROOT_ENV_FILE;
      }
    }
    return Source.DEFAULT;
  }

  private String envOr(String key, String def) {
    String v = lookup(key);
    if (v.isEmpty()) {
      sources.put(key, Source.DEFAULT);
      return def;
    }
    sources.put(key, rawSource(key));
    return v;
  }

  private void computeDerived() {
    if (minor < 21) {
      derived.put("GOPROXY", envOr("GOPROXY", "https://proxy.golang.org,direct"));
      derived.put("GOSUMDB", envOr("GOSUMDB", "sum.golang.org"));
    } else {
      derived.put("GOPROXY", envOr("GOPROXY", ""));
      derived.put("GOSUMDB", envOr("GOSUMDB", ""));
      if (lookup("GOPROXY").isEmpty() || lookup("GOSUMDB").isEmpty()) {
        // An empty value still came from somewhere (a user-file line or a go.env without it).
        if (userFile.values.containsKey("GOPROXY") && lookup("GOPROXY").isEmpty()) {
          sources.put("GOPROXY", Source.USER_ENV_FILE);
        }
        if (userFile.values.containsKey("GOSUMDB") && lookup("GOSUMDB").isEmpty()) {
          sources.put("GOSUMDB", Source.USER_ENV_FILE);
        }
      }
    }
    String goprivate = lookup("GOPRIVATE");
    derived.put("GOPRIVATE", goprivate);
    sources.put("GOPRIVATE", rawSource("GOPRIVATE"));
    derived.put("GONOPROXY", envOr("GONOPROXY", goprivate));
    derived.put("GONOSUMDB", envOr("GONOSUMDB", goprivate));
    if (minor >= 24) {
      derived.put("GOAUTH", envOr("GOAUTH", "netrc"));
    }
    derived.put("GOROOT", goRoot);
    sources.put("GOROOT", environment.getOrDefault("GOROOT", "").isEmpty()
        ? Source.DEFAULT : Source.ENVIRONMENT);
    derived.put("GOENV", userFilePath);
    sources.put("GOENV", environment.getOrDefault("GOENV", "").isEmpty()
        ? Source.DEFAULT : Source.ENVIRONMENT);
    // GOPATH: Getenv, else $HOME/go unless that is GOROOT.
    String gopath = lookup("GOPATH");
    if (gopath.isEmpty()) {
      sources.put("GOPATH", Source.DEFAULT);
      String home = environment.getOrDefault(homeVariable(), "");
      if (!home.isEmpty()) {
        String def = GoFilePath.join(os, home, "go");
        if (!goRoot.isEmpty() && GoFilePath.clean(os, def).equals(GoFilePath.clean(os, goRoot))) {
          def = "";
        }
        gopath = def;
      }
    } else {
      sources.put("GOPATH", rawSource("GOPATH"));
    }
    // cmd/go's cfg computes GOMODCACHE and its checksum database directory from GOPATH as
    // go/build inferred it; its main then forgets an inferred GOPATH with a relative entry (a
    // relative HOME: "uninfer it"), which go env GOPATH prints empty and modload no longer sees
    List<String> list = GoFilePath.splitList(os, gopath);
    String modDefault = list.isEmpty() || list.get(0).isEmpty()
        ? "" : GoFilePath.join(os, list.get(0), "pkg/mod");
    derived.put("GOMODCACHE", envOr("GOMODCACHE", modDefault));
    if (sources.get("GOPATH") == Source.DEFAULT && inferredRelative(list)) {
      uninferredGopath = gopath;
      gopath = "";
    }
    derived.put("GOPATH", gopath);
  }

  /**
   * Whether go's start-up check of an inferred GOPATH's entries forgets it: the first non-empty
   * entry that is not absolute, unless an entry before it starts with {@code ~} (go exits then).
   */
  private boolean inferredRelative(List<String> entries) {
    for (String p : entries) {
      if (p.isEmpty()) {
        continue;
      }
      if (p.startsWith("~")) {
        return false;
      }
      if (!GoFilePath.isAbs(os, p)) {
        return true;
      }
    }
    return false;
  }

  String homeVariable() {
    return os == Os.WINDOWS ? "USERPROFILE" : os == Os.PLAN9 ? "home" : "HOME";
  }

  /** Go's cfg.EnvFile (GOENV from the process only) with os.UserConfigDir. */
  private String envFileLocation() {
    String goenv = environment.getOrDefault("GOENV", "");
    if (!goenv.isEmpty()) {
      return goenv.equals("off") ? "" : goenv;
    }
    String dir = userConfigDir();
    if (dir.isEmpty()) {
      return "";
    }
    return GoFilePath.join(os, dir, "go/env");
  }

  /** Go's os.UserConfigDir; "" where Go returns an error. */
  String userConfigDir() {
    switch (os) {
      case WINDOWS:
        return environment.getOrDefault("AppData", "");
      case MACOS: {
        String home = environment.getOrDefault("HOME", "");
        return home.isEmpty() ? "" : home + "/Library/Application Support";
      }
      case PLAN9: {
        String home = environment.getOrDefault("home", "");
        return home.isEmpty() ? "" : home + "/lib";
      }
      default: {
        String xdg = environment.getOrDefault("XDG_CONFIG_HOME", "");
        if (!xdg.isEmpty()) {
          if (minor >= 24 && !GoFilePath.isAbs(os, xdg)) {
            return ""; // path in $XDG_CONFIG_HOME is relative
          }
          return xdg;
        }
        String home = environment.getOrDefault("HOME", "");
        if (home.isEmpty()) {
          return "";
        }
        return home + "/.config";
      }
    }
  }

  /** Looks for the go binary on PATH and returns its GOROOT ("" if none). */
  private String discoverGoRoot() {
    String path = environment.getOrDefault("PATH", "");
    if (path.isEmpty()) {
      return "";
    }
    String exe = os == Os.WINDOWS ? "go.exe" : "go";
    for (String dir : GoFilePath.splitList(os, path)) {
      if (dir.isEmpty()) {
        continue;
      }
      try {
        Path bin = Paths.get(dir, exe);
        if (!Files.isRegularFile(bin) || !Files.isExecutable(bin)) {
          continue;
        }
        Path[] candidates = {bin.toAbsolutePath(), bin.toRealPath()};
        for (Path c : candidates) {
          Path root = c.getParent() == null ? null : c.getParent().getParent();
          if (root != null && Files.isDirectory(root.resolve("pkg").resolve("tool"))) {
            return root.toString();
          }
        }
      } catch (IOException | InvalidPathException | SecurityException e) {
        // Go ignores what it cannot stat; so do we.
      }
    }
    return "";
  }

  private static EnvFile readEnvFile(String file) {
    Optional<byte[]> data = read(file);
    return data.isPresent() ? EnvFile.parse(data.get()) : EnvFile.empty();
  }

  private static Optional<byte[]> read(String file) {
    try {
      Path p = Paths.get(file);
      if (!Files.isRegularFile(p)) {
        return Optional.empty();
      }
      long size = Files.size(p);
      if (size > 16L << 20) {
        return Optional.empty(); // not an env file; Go would read it, but we refuse to load it
      }
      return Optional.of(Files.readAllBytes(p));
    } catch (IOException | InvalidPathException | SecurityException | OutOfMemoryError e) {
      return Optional.empty();
    }
  }

  EnvFile userFileContents() {
    return userFile;
  }



  /** Builds a {@link GoEnv}. Not thread-safe. */
  public static final class Builder {
    private Map<String, String> environment = System.getenv();
    private Path userEnvFile;
    private boolean noUserEnvFile;
    private Path goRoot;
    private Os os = Os.current();
    private GoRelease release = GoRelease.modelled(GoRelease.NEWEST);
    private boolean readFiles = true;

    private Builder() {}

    /**
     * Sets the process environment to use instead of {@link System#getenv()}. The user env file
     * location (GOENV, XDG_CONFIG_HOME, HOME, AppData) and the go binary (PATH) are found from it.
     *
     * @param environment the variables
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(withoutNulls(Objects.requireNonNull(environment, "environment")));
      return this;
    }

    private static Map<String, String> withoutNulls(Map<String, String> m) {
      Map<String, String> out = new HashMap<>();
      for (Map.Entry<String, String> e : m.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) {
          out.put(e.getKey(), e.getValue());
        }
      }
      return out;
    }

    /**
     * Reads this file as the user go env file instead of locating it from GOENV or the OS config
     * directory. A missing or unreadable file is ignored, as in Go.
     *
     * @param file the env file
     * @return this builder
     */
    public Builder userEnvFile(Path file) {
      this.userEnvFile = Objects.requireNonNull(file, "file");
      this.noUserEnvFile = false;
      return this;
    }

    /**
     * Reads no user env file (like {@code GOENV=off}).
     *
     * @return this builder
     */
    public Builder noUserEnvFile() {
      this.userEnvFile = null;
      this.noUserEnvFile = true;
      return this;
    }

    /**
     * Uses this GOROOT literally: from 1.21 its {@code go.env} supplies the defaults, and a missing
     * go.env (or key) leaves the value empty, exactly as the go command behaves.
     *
     * @param goRoot the Go installation directory
     * @return this builder
     */
    public Builder goRoot(Path goRoot) {
      this.goRoot = Objects.requireNonNull(goRoot, "goRoot");
      return this;
    }

    /**
     * Sets the OS whose conventions apply (default: the current one).
     *
     * @param os the OS
     * @return this builder
     */
    public Builder os(Os os) {
      this.os = Objects.requireNonNull(os, "os");
      return this;
    }

    /**
     * Selects the go release whose behaviour is followed: {@code "1.19"} to
     * {@value #DEFAULT_GO_VERSION} in Go's version syntax, with or without {@code go}
     * ({@code 1.21}, {@code 1.21.3}, {@code go1.22rc1}). A newer release is accepted with the
     * newest known behaviour and reported by {@link GoEnv#warnings()}.
     *
     * @param version the release
     * @return this builder
     * @throws IllegalArgumentException if the version is not a Go release from 1.19 on
     */
    public Builder goVersion(String version) {
      this.release = GoRelease.modelled(version);
      return this;
    }

    /**
     * Builds the snapshot, reading files as configured. Never throws because of a file.
     *
     * @return the snapshot
     */
    public GoEnv build() {
      return new GoEnv(this);
    }
  }
}
