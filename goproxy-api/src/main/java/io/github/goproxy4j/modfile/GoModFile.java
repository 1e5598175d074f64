package io.github.goproxy4j.modfile;

import io.github.goproxy4j.modfile.ModSyntax.Block;
import io.github.goproxy4j.modfile.ModSyntax.Comment;
import io.github.goproxy4j.modfile.ModSyntax.Line;
import io.github.goproxy4j.modfile.ModSyntax.Node;
import io.github.goproxy4j.modfile.ModSyntax.Pos;
import io.github.goproxy4j.modfile.ModSyntax.Token;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoText;
import io.github.goproxy4j.module.Version;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a go.mod file that the module proxy protocol needs, parsed exactly as the go
 * command parses the go.mod of a dependency: x/mod's {@code modfile.ParseLax(name, data, nil)}.
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

  private static final Pattern OLD_GO_VERSION = Pattern.compile("^([1-9][0-9]*)\\.(0|[1-9][0-9]*)$");
  private static final Pattern GO_VERSION =
      Pattern.compile("^([1-9][0-9]*)\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$");
  private static final Pattern LAX_GO_VERSION =
      Pattern.compile("^v?(([1-9][0-9]*)\\.(0|[1-9][0-9]*))([^0-9].*)$", Pattern.DOTALL);

  private final String module;
  private final String deprecated;
  private final String goVersion;
  private final List<Require> requires;
  private final List<Retraction> retractions;

  private GoModFile(String module, String deprecated, String goVersion, List<Require> requires,
      List<Retraction> retractions) {
    this.module = module;
    this.deprecated = deprecated;
    this.goVersion = goVersion;
    this.requires = Collections.unmodifiableList(requires);
    this.retractions = Collections.unmodifiableList(retractions);
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
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(goRelease, "goRelease");
    int minor = GoRelease.modelled(goRelease).behaviourMinor();
    ModSyntax syntax;
    try {
      syntax = ModSyntax.parse(fileName, content);
    } catch (ModSyntax.SyntaxError e) {
      throw new GoModSyntaxException(fileName, e.pos.line(),
          List.of(position(fileName, e.pos) + e.getMessage()));
    }
    return new Interpreter(fileName, minor).run(syntax);
  }

  private static String position(String fileName, Pos pos) {
    if (pos == null) {
      return fileName.isEmpty() ? "" : fileName + ": ";
    }
    if (pos.lineRune() > 1) {
      return fileName + ":" + pos.line() + ":" + pos.lineRune() + ": ";
    }
    if (pos.line() > 0) {
      return fileName + ":" + pos.line() + ": ";
    }
    return fileName.isEmpty() ? "" : fileName + ": ";
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
   * followed by {@code ": "} and the {@linkplain #shortMessage short form} of the first non-empty
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
  public static String shortMessage(String message, String emptyDefault) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(emptyDefault, "emptyDefault");
    int nl = message.indexOf('\n');
    if (nl >= 0) {
      message = message.substring(0, nl);
    }
    message = trimSpace(message);
    if (message.isEmpty()) {
      return emptyDefault;
    }
    if (message.getBytes(StandardCharsets.UTF_8).length > 500) {
      return "(message omitted: too long)";
    }
    for (int i = 0; i < message.length(); ) {
      int r = message.codePointAt(i);
      i += Character.charCount(r);
      boolean graphic = GoText.isPrint(r) || Character.getType(r) == Character.SPACE_SEPARATOR;
      if (!graphic && !GoText.isSpace(r)) {
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

  /** Applies modfile's lax rules to the syntax tree. */
  private static final class Interpreter {
    private final String fileName;
    private final int goMinor;
    private final List<String> errors = new ArrayList<>();
    private int firstErrorLine;
    private boolean haveModule;
    private String module;
    private String deprecated;
    private boolean haveGo;
    private String goVersion;
    private final List<Require> requires = new ArrayList<>();
    private final List<Retraction> retractions = new ArrayList<>();

    Interpreter(String fileName, int goMinor) {
      this.fileName = fileName;
      this.goMinor = goMinor;
    }

    GoModFile run(ModSyntax syntax) {
      for (Node x : syntax.stmts) {
        if (x instanceof Line) {
          Line l = (Line) x;
          add(null, l, l.tokens.get(0).text(), l.tokens.subList(1, l.tokens.size()));
        } else if (x instanceof Block) {
          Block b = (Block) x;
          if (b.tokens.size() != 1) {
            continue;
          }
          switch (b.tokens.get(0).text()) {
            case "module": case "require": case "exclude": case "replace": case "retract":
            case "godebug": case "tool": case "ignore":
              for (Line l : b.lines) {
                add(b, l, b.tokens.get(0).text(), l.tokens);
              }
              break;
            default:
              break;
          }
        }
      }
      if (!errors.isEmpty()) {
        throw new GoModSyntaxException(fileName, firstErrorLine, errors);
      }
      return new GoModFile(module, deprecated, goVersion, requires, retractions);
    }

    private void error(Line line, String msg) {
      if (errors.isEmpty()) {
        firstErrorLine = line.start.line();
      }
      errors.add(position(fileName, line.start) + msg);
    }

    private void add(Block block, Line line, String verb, List<Token> args) {
      switch (verb) {
        case "go":
          addGo(line, args);
          break;
        case "module":
          if (haveModule) {
            error(line, "repeated module statement");
            return;
          }
          haveModule = true;
          deprecated = parseDeprecation(directiveComment(block, line));
          if (args.size() != 1) {
            error(line, "usage: module module/path");
            return;
          }
          try {
            module = parseString(args.get(0)).text;
          } catch (BadString e) {
            error(line, "invalid quoted string: " + e.getMessage());
          }
          break;
        case "require":
          addRequire(line, args);
          break;
        case "retract":
          addRetract(block, line, args);
          break;
        case "ignore":
          if (goMinor < 25) {
            return;
          }
          if (args.size() != 1) {
            error(line, "ignore directive expects exactly one argument");
            return;
          }
          try {
            parseString(args.get(0));
          } catch (BadString e) {
            error(line, "invalid quoted string: " + e.getMessage());
          }
          break;
        default:
          // lax mode: every other directive is ignored in a dependency's go.mod
      }
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
      Pattern strict = goMinor >= 21 ? GO_VERSION : OLD_GO_VERSION;
      if (!strict.matcher(v).matches()) {
        Matcher m = LAX_GO_VERSION.matcher(v);
        if (!m.matches()) {
          error(line, "invalid go version '" + v + "': must match format " + (goMinor >= 22 ? "1.23.0" : "1.23"));
          return;
        }
        v = m.group(1);
      }
      haveGo = true;
      goVersion = v;
    }

    private void addRequire(Line line, List<Token> args) {
      if (args.size() != 2) {
        error(line, "usage: require module/path v1.2.3");
        return;
      }
      Str path;
      try {
        path = parseString(args.get(0));
      } catch (BadString e) {
        error(line, "invalid quoted string: " + e.getMessage());
        return;
      }
      String prefix = "require " + path.text + ": ";
      if (path.text.isEmpty()) {
        prefix = "require: ";
      }
      Str v;
      try {
        v = parseString(args.get(1));
      } catch (BadString e) {
        error(line, prefix + "version " + GoText.quote(args.get(1).raw()) + " invalid: " + e.getMessage());
        return;
      }
      String cv = Version.isValid(v.text) ? Version.parse(v.text).canonical().toString() : "";
      if (cv.isEmpty()) {
        error(line, prefix + "version " + GoText.quote(v.raw) + " invalid: must be of the form v1.2.3");
        return;
      }
      String pathMajor = pathMajor(path.text);
      if (pathMajor == null) {
        error(line, "invalid module path");
        return;
      }
      String bad = checkPathMajor(cv, pathMajor);
      if (bad != null) {
        error(line, prefix + "version " + GoText.quote(cv) + " invalid: " + bad);
        return;
      }
      requires.add(new Require(path.text, cv, isIndirect(line)));
    }

    private void addRetract(Block block, Line line, List<Token> args) {
      String rationale = directiveComment(block, line);
      int n = args.size();
      if (n == 0 || args.get(0).text().equals("(")) {
        return;
      }
      try {
        if (!args.get(0).text().equals("[")) {
          String v = parseString(args.get(0)).text;
          retractions.add(new Retraction(v, v, rationale));
          return;
        }
        if (n < 2) {
          return;
        }
        String low = parseString(args.get(1)).text;
        if (n < 3 || !args.get(2).text().equals(",")) {
          return;
        }
        if (n < 4) {
          return;
        }
        String high = parseString(args.get(3)).text;
        if (n < 5 || !args.get(4).text().equals("]")) {
          return;
        }
        retractions.add(new Retraction(low, high, rationale));
      } catch (BadString e) {
        // lax mode: an unparsable retraction is ignored
      }
    }
  }

  /** An unquoted token: text and bytes. */
  private static final class Str {
    final String text;
    final byte[] raw;

    Str(String text, byte[] raw) {
      this.text = text;
      this.raw = raw;
    }
  }

  /** modfile.parseString's error. */
  private static final class BadString extends Exception {
    private static final long serialVersionUID = 1L;

    BadString(String msg) {
      super(msg, null, false, false);
    }
  }

  private static Str parseString(Token t) throws BadString {
    byte[] raw = t.raw();
    if (raw.length > 0 && raw[0] == '"') {
      byte[] u = GoText.unquoteDoubleQuoted(raw);
      if (u == null) {
        throw new BadString("invalid syntax");
      }
      return new Str(ModSyntax.decode(u, 0, u.length), u);
    }
    for (byte b : raw) {
      if (b == '"' || b == '\'' || b == '`') {
        throw new BadString("unquoted string cannot contain quote");
      }
    }
    return new Str(t.text(), raw);
  }

  private static String directiveComment(Block block, Line line) {
    Node c = line;
    if (block != null && line.before.isEmpty() && line.suffix.isEmpty()) {
      c = block;
    }
    List<String> lines = new ArrayList<>();
    for (List<Comment> g : List.of(c.before, c.suffix)) {
      for (Comment com : g) {
        if (!com.token().startsWith("//")) {
          continue;
        }
        lines.add(trimSpace(com.token().substring(2)));
      }
    }
    return String.join("\n", lines);
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

  /** strings.TrimSpace with Go's unicode.IsSpace. */
  static String trimSpace(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && GoText.isSpace(s.codePointAt(a))) {
      a += Character.charCount(s.codePointAt(a));
    }
    while (b > a && GoText.isSpace(s.codePointBefore(b))) {
      b -= Character.charCount(s.codePointBefore(b));
    }
    return s.substring(a, b);
  }

  private static boolean isIndirect(Line line) {
    if (line.suffix.isEmpty()) {
      return false;
    }
    String t = line.suffix.get(0).token();
    if (t.startsWith("//")) {
      t = t.substring(2);
    }
    List<String> f = fields(t);
    return f.size() == 1 && f.get(0).equals("indirect") || f.size() > 1 && f.get(0).equals("indirect;");
  }

  private static List<String> fields(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && GoText.isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      int start = i;
      while (i < s.length() && !GoText.isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  /** module.SplitPathVersion's pathMajor, or {@code null} when it reports !ok. */
  static String pathMajor(String path) {
    if (path.startsWith("gopkg.in/")) {
      int i = path.length();
      if (path.endsWith("-unstable")) {
        i -= "-unstable".length();
      }
      while (i > 0 && path.charAt(i - 1) >= '0' && path.charAt(i - 1) <= '9') {
        i--;
      }
      if (i <= 1 || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '.') {
        return null;
      }
      String major = path.substring(i - 2);
      if (major.length() <= 2 || major.charAt(2) == '0' && !major.equals(".v0")) {
        return null;
      }
      return major;
    }
    int i = path.length();
    boolean dot = false;
    while (i > 0 && (path.charAt(i - 1) >= '0' && path.charAt(i - 1) <= '9' || path.charAt(i - 1) == '.')) {
      if (path.charAt(i - 1) == '.') {
        dot = true;
      }
      i--;
    }
    if (i <= 1 || i == path.length() || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '/') {
      return "";
    }
    String major = path.substring(i - 2);
    if (dot || major.length() <= 2 || major.charAt(2) == '0' || major.equals("/v1")) {
      return null;
    }
    return major;
  }

  /** module.CheckPathMajor's reason, or {@code null} when the version fits. */
  static String checkPathMajor(String v, String pathMajor) {
    if (pathMajor.startsWith(".v") && pathMajor.endsWith("-unstable")) {
      pathMajor = pathMajor.substring(0, pathMajor.length() - "-unstable".length());
    }
    if (v.startsWith("v0.0.0-") && pathMajor.equals(".v1")) {
      return null;
    }
    Version parsed = Version.isValid(v) ? Version.parse(v) : null;
    String m = parsed == null ? "" : parsed.major();
    String want;
    if (pathMajor.isEmpty()) {
      if (m.equals("v0") || m.equals("v1") || parsed != null && parsed.build().equals("+incompatible")) {
        return null;
      }
      want = "v0 or v1";
    } else {
      if (m.equals(pathMajor.substring(1))) {
        return null;
      }
      want = pathMajor.substring(1);
    }
    return "should be " + want + ", not " + m;
  }
}
