package io.github.goproxy4j.modfile;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.internal.GoUnicode;
import io.github.goproxy4j.modfile.ModSyntax.Block;
import io.github.goproxy4j.modfile.ModSyntax.Line;
import io.github.goproxy4j.modfile.ModSyntax.Node;
import io.github.goproxy4j.modfile.ModSyntax.Token;
import io.github.goproxy4j.module.Version;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A go.mod file, parsed exactly as the go command parses it: {@link #parse(String, byte[], String)}
 * is x/mod's {@code modfile.ParseLax(name, data, nil)}, used for the go.mod of a dependency;
 * {@link #parseStrict(String, byte[], String)} is {@code modfile.Parse(name, data, nil)}, used for
 * the main module's go.mod.
 *
 * <p>That mode keeps the {@code module} (with its {@code // Deprecated:} comment), {@code go},
 * {@code require} and {@code retract} directives (and, from Go 1.25, checks {@code ignore}); it
 * silently ignores every other directive ({@code exclude}, {@code replace}, {@code toolchain},
 * {@code godebug}, {@code tool}, unknown ones) and retractions whose interval it cannot parse. The
 * lexical rules are modfile's: {@code //} comments only, quoted strings, blocks such as
 * {@code require ( ... )}. Versions in {@code require} lines must be valid semantic versions and are
 * canonicalized ({@code v1.2} becomes {@code v1.2.0}); retraction bounds are kept as written, as Go
 * does in this mode. A module path is kept as written too: Go does not validate it here.
 *
 * <pre>{@code
 * GoModFile mod = GoModFile.parse("go.mod", bytes);
 * mod.module();                       // Optional[example.com/m]
 * mod.deprecated();                   // Optional[use example.com/m/v2 instead]
 * mod.isRetracted(Version.parse("v1.0.1"));   // true if a retract directive covers it
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GoModFile {
  /** The newest Go release whose rules are implemented, and the default. */
  public static final String NEWEST_GO_RELEASE = GoRelease.NEWEST;

  private static final Pattern LAX_GO_VERSION =
      Pattern.compile("^v?(([1-9][0-9]*)\\.(0|[1-9][0-9]*))([^0-9].*)$", Pattern.DOTALL);

  private final String module;
  private final String deprecated;
  private final String goVersion;
  private final String toolchain;
  private final List<Godebug> godebugs;
  private final List<Integer> godebugLines;
  private final List<Require> requires;
  private final List<Exclude> excludes;
  /** {@link #excludes} as a set, for {@link #isExcluded}. */
  private final Set<Exclude> excluded;
  private final List<Replace> replaces;
  private final List<Retraction> retractions;
  private final List<String> tools;
  private final List<String> ignores;
  private final boolean needsFix;

  private GoModFile(Interpreter in) {
    this.needsFix = in.fixed;
    this.module = in.module;
    this.deprecated = in.deprecated;
    this.goVersion = in.goVersion;
    this.toolchain = in.toolchain;
    this.godebugs = List.copyOf(in.godebugs);
    this.godebugLines = List.copyOf(in.godebugLines);
    this.requires = List.copyOf(in.requires);
    this.excludes = List.copyOf(in.excludes);
    this.excluded = Set.copyOf(in.excludes);
    this.replaces = List.copyOf(in.replaces);
    this.retractions = List.copyOf(in.retractions);
    this.tools = List.copyOf(in.tools);
    this.ignores = List.copyOf(in.ignores);
  }

  /**
   * A {@code godebug key=value} directive (go.mod and go.work, Go 1.23 and later).
   *
   * @param key the setting
   * @param value its value (may be empty)
   */
  public record Godebug(String key, String value) {
    /**
     * Validates the components.
     *
     * @param key never {@code null}
     * @param value never {@code null}
     */
    public Godebug {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * An {@code exclude} directive of the main module.
   *
   * @param path the module path as written (unquoted)
   * @param version the canonical version
   */
  public record Exclude(String path, String version) {
    /**
     * Validates the components.
     *
     * @param path never {@code null}
     * @param version never {@code null}
     */
    public Exclude {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(version, "version");
    }
  }

  /**
   * A {@code replace} directive (go.mod of the main module, or go.work): {@code oldPath
   * [oldVersion] => newPath [newVersion]}. Without a new version the replacement is a directory
   * ({@link #isDirectory()}) whose go.mod is read from disk.
   *
   * @param oldPath the replaced module path
   * @param oldVersion the replaced canonical version, or {@code ""} for every version
   * @param newPath the replacement module path, or a directory path
   * @param newVersion the replacement's canonical version, or {@code ""} for a directory
   */
  public record Replace(String oldPath, String oldVersion, String newPath, String newVersion) {
    /**
     * Validates the components.
     *
     * @param oldPath never {@code null}
     * @param oldVersion never {@code null}
     * @param newPath never {@code null}
     * @param newVersion never {@code null}
     */
    public Replace {
      Objects.requireNonNull(oldPath, "oldPath");
      Objects.requireNonNull(oldVersion, "oldVersion");
      Objects.requireNonNull(newPath, "newPath");
      Objects.requireNonNull(newVersion, "newVersion");
    }

    /**
     * Reports whether the replacement is a local directory.
     *
     * @return whether {@link #newVersion()} is empty
     */
    public boolean isDirectory() {
      return newVersion.isEmpty();
    }
  }

  /**
   * A {@code require} directive.
   *
   * @param path the module path as written (unquoted; not validated beyond its major suffix)
   * @param version the canonical version ({@code module.CanonicalVersion} of what was written)
   * @param indirect whether the line has a {@code // indirect} comment
   */
  public record Require(String path, String version, boolean indirect) {
    /**
     * Validates the components.
     *
     * @param path never {@code null}
     * @param version never {@code null}
     * @param indirect the flag
     */
    public Require {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(version, "version");
    }
  }

  /**
   * A {@code retract} directive: the closed interval {@code [low, high]} (equal bounds for a single
   * version) and the rationale from its comments.
   *
   * <p>The bounds are the strings as written: in the mode the go command uses for dependencies
   * they are not validated, and {@link #contains(String)} compares with {@code semver.Compare},
   * where an invalid version sorts before every valid one.
   *
   * @param low the lower bound as written
   * @param high the upper bound as written
   * @param rationale the comment text ({@code //} stripped, lines trimmed and joined by
   *     {@code \n}); empty when there is none
   */
  public record Retraction(String low, String high, String rationale) {
    /**
     * Validates the components.
     *
     * @param low never {@code null}
     * @param high never {@code null}
     * @param rationale never {@code null}
     */
    public Retraction {
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
      Objects.requireNonNull(rationale, "rationale");
    }

    /**
     * Reports whether this retraction covers {@code version}: {@code low <= version <= high} in
     * semver order, as the go command decides it.
     *
     * @param version a version, never {@code null}
     * @return whether the version is retracted by this directive
     */
    public boolean contains(Version version) {
      Objects.requireNonNull(version, "version");
      return contains(version.toString());
    }

    /**
     * Reports whether this retraction covers {@code version}, given as a string that may be
     * invalid (an invalid version is never covered unless a bound is invalid too, as in Go).
     *
     * @param version a version string, never {@code null}
     * @return whether the version is retracted by this directive
     */
    public boolean contains(String version) {
      Objects.requireNonNull(version, "version");
      return Version.compare(low, version) <= 0 && Version.compare(version, high) <= 0;
    }
  }

  /**
   * Parses a go.mod file with the rules of the newest Go release ({@value #NEWEST_GO_RELEASE}).
   *
   * @param fileName the name used in error messages (Go uses {@code go.mod}), never {@code null}
   * @param content the file content, never {@code null}
   * @return the parsed file, never {@code null}
   * @throws GoModSyntaxException with Go's message when the file is malformed
   */
  public static GoModFile parse(String fileName, byte[] content) {
    return parse(fileName, content, NEWEST_GO_RELEASE);
  }

  /**
   * Parses go.mod text (encoded as UTF-8) with the rules of the newest Go release.
   *
   * @param fileName the name used in error messages, never {@code null}
   * @param content the file content, never {@code null}
   * @return the parsed file, never {@code null}
   * @throws GoModSyntaxException with Go's message when the file is malformed
   */
  public static GoModFile parse(String fileName, String content) {
    Objects.requireNonNull(content, "content");
    return parse(fileName, content.getBytes(StandardCharsets.UTF_8), NEWEST_GO_RELEASE);
  }

  /**
   * Parses a go.mod file as the given Go release's go command does (the x/mod vendored in that
   * release). Rules that changed: from Go 1.21 a {@code go} line may name a release such as
   * {@code 1.21.0} or {@code 1.21rc1} (before, such text was cut to {@code 1.21}); from Go 1.22
   * the error for a bad {@code go} line says {@code must match format 1.23.0} (before,
   * {@code 1.23}); from Go 1.25 {@code ignore} directives are checked. A release newer than
   * {@value #NEWEST_GO_RELEASE} follows {@value #NEWEST_GO_RELEASE}'s rules.
   *
   * @param fileName the name used in error messages, never {@code null}
   * @param content the file content, never {@code null}
   * @param goRelease a Go release such as {@code "1.19"}, {@code "1.21.3"} or {@code "go1.27"},
   *     never {@code null}
   * @return the parsed file, never {@code null}
   * @throws GoModSyntaxException with Go's message when the file is malformed
   * @throws IllegalArgumentException when {@code goRelease} is not a Go release from 1.19 on
   */
  public static GoModFile parse(String fileName, byte[] content, String goRelease) {
    return parse(fileName, content, goRelease, false);
  }

  /**
   * Parses the go.mod of the main module as the given Go release's go command does: x/mod's
   * {@code modfile.Parse(name, data, nil)}. Unlike {@link #parse(String, byte[], String)} every
   * directive counts: {@code exclude}, {@code replace}, {@code toolchain} (Go 1.21),
   * {@code godebug} (1.23), {@code tool} (1.24) and {@code ignore} (1.25) are read, each accepted
   * only from the release that introduced it; unknown directives and block types, a malformed
   * {@code go} line and a malformed retraction are errors. Versions must be canonical-izable
   * semantic versions (the go command resolves a branch name or a version prefix here with a module
   * query: {@link #parseStrict(String, byte[], String, VersionFixer)}).
   *
   * <pre>{@code
   * GoModFile main = GoModFile.parseStrict("go.mod", Files.readAllBytes(dir.resolve("go.mod")), "1.27");
   * main.replaces();   // [Replace[oldPath=example.com/a, oldVersion=, newPath=../a, newVersion=]]
   * }</pre>
   *
   * @param fileName the name used in error messages (go prints the file's path), never {@code null}
   * @param content the file content, never {@code null}
   * @param goRelease a Go release such as {@code "1.19"} or {@code "1.27"}, never {@code null}
   * @return the parsed file, never {@code null}
   * @throws GoModSyntaxException with Go's message (every error, one per line) when the file is malformed
   * @throws IllegalArgumentException when {@code goRelease} is not a Go release from 1.19 on
   */
  public static GoModFile parseStrict(String fileName, byte[] content, String goRelease) {
    return parse(fileName, content, goRelease, true);
  }

  /**
   * {@link #parseStrict(String, byte[], String)} with a version fixer: x/mod's
   * {@code modfile.Parse(name, data, fix)}, as the go command reads its main modules' go.mod files
   * (modload's fixVersion: {@link VersionFixer#resolving}). Every version in {@code require},
   * {@code exclude} and {@code replace} lines is what {@code fix} returns for it, and, once the file
   * is read, every {@code retract} bound is too (with the {@code module} path; a retraction without
   * a {@code module} directive is an error then); {@link #needsFix()} tells whether one changed.
   *
   * @param fileName the name used in error messages, never {@code null}
   * @param content the file content, never {@code null}
   * @param goRelease a Go release such as {@code "1.19"} or {@code "1.27"}, never {@code null}
   * @param fix the fixer, never {@code null}
   * @return the parsed file, never {@code null}
   * @throws GoModSyntaxException with Go's message (every error, one per line) when the file is
   *     malformed or a version cannot be fixed
   * @throws IllegalArgumentException when {@code goRelease} is not a Go release from 1.19 on
   */
  public static GoModFile parseStrict(String fileName, byte[] content, String goRelease, VersionFixer fix) {
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    return new GoModFile(interpretStrict(fileName, content, ModRules.releaseMinor(goRelease), fix));
  }

  /**
   * Whether the version fixer given to {@link #parseStrict(String, byte[], String, VersionFixer)}
   * returned a version other than the one written (go's {@code dataNeedsFix}: the go command then
   * takes go.mod as needing an update). Always {@code false} without a fixer.
   *
   * @return whether a version was fixed
   */
  public boolean needsFix() {
    return needsFix;
  }

  static GoModFile of(Interpreter in) {
    return new GoModFile(in);
  }

  /** modfile.Parse keeping the syntax tree and each directive's line, for {@link GoModEditor}. */
  static Interpreter interpretStrict(String fileName, byte[] content, int minor) {
    return interpretStrict(fileName, content, minor, null);
  }

  /** {@link #interpretStrict(String, byte[], int)} with a version fixer ({@code null}: none). */
  static Interpreter interpretStrict(String fileName, byte[] content, int minor, VersionFixer fix) {
    ModSyntax syntax = ModRules.syntax(fileName, content);
    Interpreter in = new Interpreter(fileName, minor, true);
    in.fixWith(fix);
    in.run(syntax);
    in.syntax = syntax;
    return in;
  }

  private static GoModFile parse(String fileName, byte[] content, String goRelease, boolean strict) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    int minor = ModRules.releaseMinor(goRelease);
    ModSyntax syntax = ModRules.syntax(fileName, content);
    Interpreter in = new Interpreter(fileName, minor, strict);
    in.run(syntax);
    return new GoModFile(in);
  }

  /**
   * Returns the module path from the {@code module} directive.
   *
   * @return the path as written (unquoted), or empty when there is no {@code module} directive
   */
  public Optional<String> module() {
    return Optional.ofNullable(module);
  }

  /**
   * Returns the deprecation message: the paragraph that starts with {@code Deprecated:} in the
   * comments on the {@code module} directive, without that prefix, exactly as
   * {@code modfile.parseDeprecation} extracts it.
   *
   * @return the message, or empty when the module is not deprecated (an empty message counts as
   *     not deprecated, as in the go command)
   */
  public Optional<String> deprecated() {
    return deprecated == null || deprecated.isEmpty() ? Optional.empty() : Optional.of(deprecated);
  }

  /**
   * Returns the version from the {@code go} directive.
   *
   * @return for example {@code "1.21"} or {@code "1.21.0"}; empty when there is no {@code go} line
   */
  public Optional<String> goVersion() {
    return Optional.ofNullable(goVersion);
  }

  /**
   * Returns the toolchain from the {@code toolchain} directive (strict parsing, Go 1.21 and later).
   *
   * @return for example {@code "go1.21.3"} or {@code "default"}; empty when there is none
   */
  public Optional<String> toolchain() {
    return Optional.ofNullable(toolchain);
  }

  /**
   * Returns the {@code godebug} directives in file order (strict parsing, Go 1.23 and later).
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<Godebug> godebugs() {
    return godebugs;
  }

  /**
   * Returns the line of a {@code godebug} directive, as go's messages about it name it.
   *
   * @param index the directive's index in {@link #godebugs()}
   * @return its 1-based line number in the file
   * @throws IndexOutOfBoundsException when there is no such directive
   */
  public int godebugLine(int index) {
    return godebugLines.get(index);
  }

  /**
   * Returns the {@code exclude} directives in file order (strict parsing only).
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<Exclude> excludes() {
    return excludes;
  }

  /**
   * Reports whether an {@code exclude} directive names exactly this module version (go's
   * {@code modFileIndex.exclude}): a requirement on it is left out of the main module's roots
   * (with go's {@code ignoring}/{@code dropping requirement on excluded version} line) and the
   * version is skipped when a query picks one.
   *
   * <pre>{@code
   * GoModFile f = GoModFile.parseStrict("go.mod", bytes, "1.27");
   * for (GoModFile.Require r : f.requires()) {
   *   if (f.isExcluded(r.path(), r.version())) { ... }
   * }
   * }</pre>
   *
   * @param path a module path, never {@code null}
   * @param version a version as written in go.mod, never {@code null}
   * @return whether {@code path version} is excluded (strict parsing only; a lax parse has none)
   */
  public boolean isExcluded(String path, String version) {
    return excluded.contains(new Exclude(path, version));
  }

  /**
   * Returns the {@code replace} directives in file order (strict parsing only).
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<Replace> replaces() {
    return replaces;
  }

  /**
   * Returns the package paths of the {@code tool} directives (strict parsing, Go 1.24 and later).
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<String> tools() {
    return tools;
  }

  /**
   * Returns the paths of the {@code ignore} directives (Go 1.25 and later).
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<String> ignores() {
    return ignores;
  }

  /**
   * Returns the {@code require} directives in file order.
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<Require> requires() {
    return requires;
  }

  /**
   * Returns the {@code retract} directives in file order.
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<Retraction> retractions() {
    return retractions;
  }

  /**
   * Reports whether any {@code retract} directive covers {@code version}.
   *
   * @param version a version such as {@code v1.2.3}, never {@code null}
   * @return whether the module author retracted it
   */
  public boolean isRetracted(Version version) {
    Objects.requireNonNull(version, "version");
    return !retractionsOf(version.toString()).isEmpty();
  }

  /**
   * Reports whether any {@code retract} directive covers {@code version}, given as a string.
   *
   * @param version a version string such as {@code v1.2.3}, never {@code null}
   * @return whether the module author retracted it
   */
  public boolean isRetracted(String version) {
    return !retractionsOf(version).isEmpty();
  }

  /**
   * Returns the retractions that cover {@code version}, in file order. The go command reports the
   * first one's rationale ({@code retracted by module author: <rationale>}).
   *
   * @param version a version, never {@code null}
   * @return an unmodifiable list, empty when the version is not retracted
   */
  public List<Retraction> retractionsOf(String version) {
    Objects.requireNonNull(version, "version");
    List<Retraction> out = new ArrayList<>();
    for (Retraction r : retractions) {
      if (r.contains(version)) {
        out.add(r);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the go command's message for a retracted version: {@code retracted by module author},
   * followed by {@code ": "} and the short form (modload's {@code ShortMessage}) of the first non-empty
   * rationale among the retractions that cover it (modload's {@code ModuleRetractedError}).
   *
   * <pre>{@code
   * mod.retractionMessage(Version.parse("v1.0.1"));  // Optional[retracted by module author: broken build]
   * }</pre>
   *
   * @param version a version, never {@code null}
   * @return the message, or empty when the version is not retracted
   */
  public Optional<String> retractionMessage(Version version) {
    Objects.requireNonNull(version, "version");
    List<Retraction> covering = retractionsOf(version.toString());
    if (covering.isEmpty()) {
      return Optional.empty();
    }
    String msg = "retracted by module author";
    for (Retraction r : covering) {
      if (!r.rationale().isEmpty()) {
        return Optional.of(msg + ": " + shortMessage(r.rationale(), msg));
      }
    }
    return Optional.of(msg);
  }

  /**
   * Makes a message from a go.mod (a retraction rationale or deprecation) safe to print, exactly
   * as the go command's {@code modload.ShortMessage} does: only the first line, trimmed;
   * {@code emptyDefault} when that is empty; {@code (message omitted: too long)} above 500 bytes;
   * {@code (message omitted: contains non-printable characters)} when a character is neither
   * graphic nor space.
   *
   * @param message the text, never {@code null}
   * @param emptyDefault what to return for an empty message, never {@code null}
   * @return the printable message
   */
  static String shortMessage(String message, String emptyDefault) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(emptyDefault, "emptyDefault");
    int nl = message.indexOf('\n');
    if (nl >= 0) {
      message = message.substring(0, nl);
    }
    message = ModRules.trimSpace(message);
    if (message.isEmpty()) {
      return emptyDefault;
    }
    if (message.getBytes(StandardCharsets.UTF_8).length > 500) {
      return "(message omitted: too long)";
    }
    for (int i = 0; i < message.length(); ) {
      int r = message.codePointAt(i);
      i += Character.charCount(r);
      if (!GoUnicode.isGraphic(r) && !GoUnicode.isSpace(r)) {
        return "(message omitted: contains non-printable characters)";
      }
    }
    return message;
  }

  @Override
  public String toString() {
    return "GoModFile{module=" + module + ", go=" + goVersion + ", requires=" + requires.size()
        + ", retractions=" + retractions.size() + (deprecated().isPresent() ? ", deprecated" : "") + "}";
  }

  /** Applies modfile's rules (lax for dependencies, strict for the main module) to the syntax tree. */
  static final class Interpreter {
    final int goMinor;
    final boolean strict;
    final ModRules.Errors errors;
    boolean haveModule;
    String module;
    String deprecated;
    boolean haveGo;
    String goVersion;
    boolean haveToolchain;
    String toolchain;
    final List<Godebug> godebugs = new ArrayList<>();
    final List<Integer> godebugLines = new ArrayList<>();
    final List<Require> requires = new ArrayList<>();
    final List<Exclude> excludes = new ArrayList<>();
    final List<Replace> replaces = new ArrayList<>();
    final List<Retraction> retractions = new ArrayList<>();
    final List<String> tools = new ArrayList<>();
    final List<String> ignores = new ArrayList<>();
    // the syntax of each directive kept (for GoModEditor)
    ModSyntax syntax;
    Line moduleLine;
    Line goLine;
    Line toolchainLine;
    final List<Line> godebugSyntax = new ArrayList<>();
    final List<Line> requireLines = new ArrayList<>();
    final List<Line> excludeLines = new ArrayList<>();
    final List<Line> replaceLines = new ArrayList<>();
    final List<Line> retractLines = new ArrayList<>();
    // each retraction's arguments (the bounds the fixer sees once the file is read)
    final List<List<Token>> retractArgs = new ArrayList<>();
    // the version fixer (null: none), and whether it changed a version
    VersionFixer fix;
    boolean fixed;
    final List<Line> toolLines = new ArrayList<>();
    final List<Line> ignoreLines = new ArrayList<>();

    Interpreter(String fileName, int goMinor, boolean strict) {
      this.errors = new ModRules.Errors(fileName);
      this.goMinor = goMinor;
      this.strict = strict;
    }

    /** Uses {@code f} (null: none) for every version read, recording whether it changed one. */
    void fixWith(VersionFixer f) {
      fix = f == null ? null : new Recording(f);
    }

    /** A fixer that records whether it returned a version other than the one written (go's {@code fixed}). */
    private final class Recording implements VersionFixer {
      private final VersionFixer f;

      Recording(VersionFixer f) {
        this.f = f;
      }

      @Override
      public String fix(String path, String version) throws Failure {
        String v = f.fix(path, version);
        if (!v.equals(version)) {
          fixed = true;
        }
        return v;
      }
    }

    /**
     * modfile's fixRetract, once every line is read: each retraction's bounds through the fixer with
     * the module's path (its errors after all others; without a module directive only the first
     * retraction fails).
     */
    private void fixRetract() {
      if (fix == null) {
        return;
      }
      for (int i = 0; i < retractions.size(); i++) {
        Line line = retractLines.get(i);
        if (module == null) {
          error(line, "no module directive found, so retract cannot be used");
          return;
        }
        List<Token> args = retractArgs.get(i);
        boolean interval = args.get(0).text().equals("[");
        try {
          String low = ModRules.parseVersion("retract", module, args.get(interval ? 1 : 0), fix);
          String high = interval ? ModRules.parseVersion("retract", module, args.get(3), fix) : low;
          retractions.set(i, new Retraction(low, high, retractions.get(i).rationale()));
        } catch (ModRules.BadDirective e) {
          error(line, e.getMessage());
        }
      }
    }

    /** The block types the release's x/mod knows. */
    private boolean knownBlock(String verb) {
      switch (verb) {
        case "module": case "require": case "exclude": case "replace": case "retract":
          return true;
        case "godebug":
          return goMinor >= 23;
        case "tool":
          return goMinor >= 24;
        case "ignore":
          return goMinor >= 25;
        default:
          return false;
      }
    }

    void run(ModSyntax syntax) {
      for (Node x : syntax.stmts) {
        if (x instanceof Line) {
          Line l = (Line) x;
          add(null, l, l.tokens.get(0).text(), l.tokens.subList(1, l.tokens.size()));
        } else if (x instanceof Block) {
          Block b = (Block) x;
          if (b.tokens.size() != 1 || !knownBlock(b.tokens.get(0).text())) {
            if (strict) {
              List<String> words = new ArrayList<>();
              b.tokens.forEach(t -> words.add(t.text()));
              errors.add(b.start, "unknown block type: " + String.join(" ", words));
            }
            continue;
          }
          for (Line l : b.lines) {
            add(b, l, b.tokens.get(0).text(), l.tokens);
          }
        }
      }
      fixRetract();
      errors.throwIfAny();
    }

    private void error(Line line, String msg) {
      errors.add(line, msg);
    }

    private void add(Block block, Line line, String verb, List<Token> args) {
      if (!strict) {
        switch (verb) {
          case "go": case "module": case "retract": case "require":
            break;
          case "ignore":
            if (goMinor < 25) {
              return;
            }
            break;
          default:
            return; // lax mode: every other directive is ignored in a dependency's go.mod
        }
      }
      try {
        switch (verb) {
          case "go":
            addGo(line, args);
            return;
          case "module":
            addModule(block, line, args);
            return;
          case "require":
          case "exclude":
            addRequireOrExclude(line, verb, args);
            return;
          case "replace":
            replaces.add(ModRules.parseReplace(args, goMinor, fix));
            replaceLines.add(line);
            return;
          case "retract":
            addRetract(block, line, args);
            return;
          case "toolchain":
            if (goMinor >= 21) {
              addToolchain(line, args);
              return;
            }
            break;
          case "godebug":
            if (goMinor >= 23) {
              godebugs.add(ModRules.parseGodebug(args));
              godebugLines.add(line.start.line());
              godebugSyntax.add(line);
              return;
            }
            break;
          case "tool":
            if (goMinor >= 24) {
              if (args.size() != 1) {
                error(line, "tool directive expects exactly one argument");
                return;
              }
              tools.add(ModRules.quotedString(args.get(0)));
              toolLines.add(line);
              return;
            }
            break;
          case "ignore":
            if (goMinor >= 25) {
              if (args.size() != 1) {
                error(line, "ignore directive expects exactly one argument");
                return;
              }
              ignores.add(ModRules.quotedString(args.get(0)));
              ignoreLines.add(line);
              return;
            }
            break;
          default:
            break;
        }
        error(line, "unknown directive: " + verb);
      } catch (ModRules.BadDirective e) {
        error(line, e.getMessage());
      }
    }

    private void addModule(Block block, Line line, List<Token> args) throws ModRules.BadDirective {
      if (haveModule) {
        error(line, "repeated module statement");
        return;
      }
      haveModule = true;
      deprecated = parseDeprecation(ModRules.directiveComment(block, line));
      if (args.size() != 1) {
        error(line, "usage: module module/path");
        return;
      }
      module = ModRules.quotedString(args.get(0));
      moduleLine = line;
    }

    private void addGo(Line line, List<Token> args) {
      if (haveGo) {
        error(line, "repeated go statement");
        return;
      }
      if (args.size() != 1) {
        error(line, "go directive expects exactly one argument");
        return;
      }
      String v = args.get(0).text();
      String bad = ModRules.checkGo(v, goMinor, false);
      if (bad != null) {
        Matcher m = LAX_GO_VERSION.matcher(v);
        if (strict || !m.matches()) {
          error(line, bad);
          return;
        }
        v = m.group(1);
      }
      haveGo = true;
      goVersion = v;
      goLine = line;
    }

    private void addToolchain(Line line, List<Token> args) {
      if (haveToolchain) {
        error(line, "repeated toolchain statement");
        return;
      }
      if (args.size() != 1) {
        error(line, "toolchain directive expects exactly one argument");
        return;
      }
      String v = args.get(0).text();
      String bad = ModRules.checkToolchain(v, goMinor, false);
      if (bad != null) {
        error(line, bad);
        return;
      }
      haveToolchain = true;
      toolchain = v;
      toolchainLine = line;
    }

    private void addRequireOrExclude(Line line, String verb, List<Token> args) throws ModRules.BadDirective {
      if (args.size() != 2) {
        error(line, "usage: " + verb + " module/path v1.2.3");
        return;
      }
      String path = ModRules.quotedString(args.get(0));
      String cv = ModRules.parseVersion(verb, path, args.get(1), fix);
      String pathMajor = ModRules.pathMajor(path);
      if (pathMajor == null) {
        error(line, "invalid module path");
        return;
      }
      String bad = ModRules.checkPathMajor(cv, pathMajor);
      if (bad != null) {
        error(line, ModRules.directive(verb, path) + "version " + GoQuote.quote(cv) + " invalid: " + bad);
        return;
      }
      if (verb.equals("require")) {
        requires.add(new Require(path, cv, isIndirect(line)));
        requireLines.add(line);
      } else {
        excludes.add(new Exclude(path, cv));
        excludeLines.add(line);
      }
    }

    /** modfile.parseVersionInterval with the no-op fixer Parse uses for retractions: bounds stay as written. */
    private void addRetract(Block block, Line line, List<Token> args) throws ModRules.BadDirective {
      String rationale = ModRules.directiveComment(block, line);
      int n = args.size();
      String low;
      String high;
      int next;
      if (n == 0 || args.get(0).text().equals("(")) {
        retractError(line, "expected '[' or version");
        return;
      }
      if (!args.get(0).text().equals("[")) {
        low = retractVersion(args.get(0));
        if (low == null) {
          return;
        }
        high = low;
        next = 1;
      } else {
        if (n < 2) {
          retractError(line, "expected version after '['");
          return;
        }
        low = retractVersion(args.get(1));
        if (low == null) {
          return;
        }
        if (n < 3 || !args.get(2).text().equals(",")) {
          retractError(line, "expected ',' after version");
          return;
        }
        if (n < 4) {
          retractError(line, "expected version after ','");
          return;
        }
        high = retractVersion(args.get(3));
        if (high == null) {
          return;
        }
        if (n < 5 || !args.get(4).text().equals("]")) {
          retractError(line, "expected ']' after version");
          return;
        }
        next = 5;
      }
      if (next < n && strict) {
        error(line, "unexpected token after version: " + GoQuote.quote(args.get(next).raw()));
        return;
      }
      retractions.add(new Retraction(low, high, rationale));
      retractLines.add(line);
      retractArgs.add(args);
    }

    private String retractVersion(Token t) throws ModRules.BadDirective {
      try {
        return ModRules.parseString(t).text;
      } catch (ModRules.BadString e) {
        if (!strict) {
          return null; // lax mode: an unparsable retraction is ignored
        }
        throw new ModRules.BadDirective("retract: version " + GoQuote.quote(t.raw()) + " invalid: " + e.getMessage());
      }
    }

    private void retractError(Line line, String msg) {
      if (strict) {
        error(line, msg);
      }
    }
  }


  private static String parseDeprecation(String text) {
    int start;
    if (text.startsWith("Deprecated:")) {
      start = "Deprecated:".length();
    } else {
      int i = text.indexOf("\n\nDeprecated:");
      if (i < 0) {
        return "";
      }
      start = i + "\n\nDeprecated:".length();
    }
    while (start < text.length() && text.charAt(start) == ' ') {
      start++;
    }
    int end = text.indexOf("\n\n", start);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  static boolean isIndirect(Line line) {
    if (line.suffix.isEmpty()) {
      return false;
    }
    String t = line.suffix.get(0).token();
    if (t.startsWith("//")) {
      t = t.substring(2);
    }
    List<String> f = GoStrings.fields(t);
    return f.size() == 1 && f.get(0).equals("indirect") || f.size() > 1 && f.get(0).equals("indirect;");
  }

  private static List<String> fields(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && GoUnicode.isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      int start = i;
      while (i < s.length() && !GoUnicode.isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }
}
