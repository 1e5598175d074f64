package io.github.goproxy4j.modfile;

import io.github.goproxy4j.internal.GoUnicode;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.ModfileRE;
import io.github.goproxy4j.modfile.ModSyntax.Block;
import io.github.goproxy4j.modfile.ModSyntax.Comment;
import io.github.goproxy4j.modfile.ModSyntax.Line;
import io.github.goproxy4j.modfile.ModSyntax.Node;
import io.github.goproxy4j.modfile.ModSyntax.Pos;
import io.github.goproxy4j.modfile.ModSyntax.Token;
import io.github.goproxy4j.module.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The directive rules that go.mod and go.work share (x/mod modfile's rule.go and work.go): quoted
 * strings, versions, the {@code go}, {@code toolchain}, {@code godebug} and {@code replace}
 * directives, and the error list with Go's {@code file:line: message} positions, for the Go
 * release whose vendored x/mod is followed.
 */
final class ModRules {

  private ModRules() {}

  /** The minor release whose rules apply to a Go release such as {@code 1.19}, {@code go1.27} or {@code 1.22.3}. */
  static int releaseMinor(String goRelease) {
    Objects.requireNonNull(goRelease, "goRelease");
    return GoRelease.modelled(goRelease).behaviourMinor();
  }

  /** modfile.Error's position prefix. */
  static String position(String fileName, Pos pos) {
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

  /** Parses the syntax, turning a lexical error into Go's one-line exception. */
  static ModSyntax syntax(String fileName, byte[] content) {
    try {
      return ModSyntax.parse(fileName, content);
    } catch (ModSyntax.SyntaxError e) {
      throw new GoModSyntaxException(fileName, e.pos.line(), List.of(position(fileName, e.pos) + e.getMessage()));
    }
  }

  /** modfile.ErrorList: every error of one file, in statement order. */
  static final class Errors {
    private final String fileName;
    private final List<String> list = new ArrayList<>();
    private int firstLine;

    Errors(String fileName) {
      this.fileName = fileName;
    }

    void add(Pos pos, String msg) {
      if (list.isEmpty()) {
        firstLine = pos.line();
      }
      list.add(position(fileName, pos) + msg);
    }

    void add(Line line, String msg) {
      add(line.start, msg);
    }

    void throwIfAny() {
      if (!list.isEmpty()) {
        throw new GoModSyntaxException(fileName, firstLine, list);
      }
    }
  }

  /** An unquoted token: text and bytes. */
  static final class Str {
    final String text;
    final byte[] raw;

    Str(String text, byte[] raw) {
      this.text = text;
      this.raw = raw;
    }
  }

  /** modfile.parseString's error; the message is Go's. */
  static final class BadString extends Exception {
    private static final long serialVersionUID = 1L;

    BadString(String msg) {
      super(msg, null, false, false);
    }
  }

  /** A directive error with Go's message (modfile.Error without its position). */
  static final class BadDirective extends Exception {
    private static final long serialVersionUID = 1L;

    BadDirective(String msg) {
      super(msg, null, false, false);
    }
  }

  static Str parseString(Token t) throws BadString {
    byte[] raw = t.raw();
    if (raw.length > 0 && raw[0] == '"') {
      byte[] u = GoQuote.unquote(raw);
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

  /** The "verb path: " or "verb: " prefix of modfile.Error. */
  static String directive(String verb, String path) {
    return path.isEmpty() ? verb + ": " : verb + " " + path + ": ";
  }

  /**
   * modfile.parseVersion without a fixer: the canonical version, or Go's error (already
   * prefixed with the directive).
   */
  static String parseVersion(String verb, String path, Token t) throws BadDirective {
    Str v;
    try {
      v = parseString(t);
    } catch (BadString e) {
      throw new BadDirective(directive(verb, path) + "version " + GoQuote.quote(t.raw()) + " invalid: " + e.getMessage());
    }
    String cv = Version.isValid(v.text) ? Version.parse(v.text).canonical().toString() : "";
    if (cv.isEmpty()) {
      throw new BadDirective(directive(verb, path) + "version " + GoQuote.quote(v.raw) + " invalid: must be of the form v1.2.3");
    }
    return cv;
  }

  /**
   * modfile.parseVersion: without a fixer ({@code null}) {@link #parseVersion(String, String,
   * Token)}, else the version {@code fix} returns for the unquoted text, its failure reported as
   * parseVersion reports it (a module error after the directive, any other alone).
   */
  static String parseVersion(String verb, String path, Token t, VersionFixer fix) throws BadDirective {
    if (fix == null) {
      return parseVersion(verb, path, t);
    }
    Str v;
    try {
      v = parseString(t);
    } catch (BadString e) {
      throw new BadDirective(directive(verb, path) + "version " + GoQuote.quote(t.raw()) + " invalid: " + e.getMessage());
    }
    try {
      return fix.fix(path, v.text);
    } catch (VersionFixer.Failure e) {
      throw new BadDirective((e.aboutModule() ? directive(verb, path) : "") + e.getMessage());
    }
  }

  /** The {@code go} directive's value check; returns the error text or {@code null}. */
  static String checkGo(String v, int minor, boolean workFile) {
    if (ModfileRE.isGoVersion(v, minor)) {
      return null;
    }
    boolean longForm = workFile ? minor >= 23 : minor >= 22;
    return "invalid go version '" + v + "': must match format " + (longForm ? "1.23.0" : "1.23");
  }

  /** The {@code toolchain} directive's value check (Go ≥ 1.21); returns the error text or {@code null}. */
  static String checkToolchain(String v, int minor, boolean workFile) {
    if (ModfileRE.isToolchain(v)) {
      return null;
    }
    String format;
    if (minor >= 23) {
      format = "go1.23.0 or default";
    } else if (minor == 22 && !workFile) {
      format = "go1.23.0 or local";
    } else {
      format = "go1.23 or local";
    }
    return "invalid toolchain version '" + v + "': must match format " + format;
  }

  /** A {@code godebug key=value} directive (Go ≥ 1.23). */
  static GoModFile.Godebug parseGodebug(List<Token> args) throws BadDirective {
    if (args.size() != 1) {
      throw new BadDirective("usage: godebug key=value");
    }
    String a = args.get(0).text();
    for (int i = 0; i < a.length(); i++) {
      char c = a.charAt(i);
      if (c == '"' || c == '`' || c == '\'' || c == ',') {
        throw new BadDirective("usage: godebug key=value");
      }
    }
    int eq = a.indexOf('=');
    if (eq < 0) {
      throw new BadDirective("usage: godebug key=value");
    }
    return new GoModFile.Godebug(a.substring(0, eq), a.substring(eq + 1));
  }

  /** modfile.IsDirectoryPath, by release (from Go 1.22 {@code .} and {@code ..} alone count). */
  static boolean isDirectoryPath(String ns, int minor) {
    if (minor >= 22 && (ns.equals(".") || ns.equals(".."))) {
      return true;
    }
    return ns.startsWith("./") || ns.startsWith(".\\") || ns.startsWith("../") || ns.startsWith("..\\")
        || ns.startsWith("/") || ns.startsWith("\\")
        || ns.length() >= 2 && (ns.charAt(0) >= 'A' && ns.charAt(0) <= 'Z' || ns.charAt(0) >= 'a' && ns.charAt(0) <= 'z')
            && ns.charAt(1) == ':';
  }

  /** modfile.parseReplace for go.mod and go.work. */
  static GoModFile.Replace parseReplace(List<Token> args, int minor) throws BadDirective {
    return parseReplace(args, minor, null);
  }

  /** modfile.parseReplace for go.mod and go.work, each version through {@code fix} ({@code null}: none). */
  static GoModFile.Replace parseReplace(List<Token> args, int minor, VersionFixer fix) throws BadDirective {
    String verb = "replace";
    int arrow = 2;
    if (args.size() >= 2 && args.get(1).text().equals("=>")) {
      arrow = 1;
    }
    if (args.size() < arrow + 2 || args.size() > arrow + 3 || !args.get(arrow).text().equals("=>")) {
      throw new BadDirective("usage: " + verb + " module/path [v1.2.3] => other/module v1.4\n\t or " + verb
          + " module/path [v1.2.3] => ../local/directory");
    }
    String s = quotedString(args.get(0));
    String pathMajor = pathMajor(s);
    if (pathMajor == null) {
      throw new BadDirective(directive(verb, s) + "invalid module path");
    }
    String v = "";
    if (arrow == 2) {
      v = parseVersion(verb, s, args.get(1), fix);
      String bad = checkPathMajor(v, pathMajor);
      if (bad != null) {
        throw new BadDirective(directive(verb, s) + "version " + GoQuote.quote(v) + " invalid: " + bad);
      }
    }
    String ns = quotedString(args.get(arrow + 1));
    String nv = "";
    if (args.size() == arrow + 2) {
      if (!isDirectoryPath(ns, minor)) {
        if (minor >= 21 && ns.contains("@")) {
          throw new BadDirective("replacement module must match format 'path version', not 'path@version'");
        }
        throw new BadDirective("replacement module without version must be directory path (rooted or starting with "
            + (minor >= 22 ? ". or ..)" : "./ or ../)"));
      }
      if (ns.contains("\\")) {
        // filepath.Separator is '/' on the systems this check runs on in Go; we follow that rule everywhere
        throw new BadDirective("replacement directory appears to be Windows path (on a non-windows system)");
      }
    }
    if (args.size() == arrow + 3) {
      nv = parseVersion(verb, ns, args.get(arrow + 2), fix);
      if (isDirectoryPath(ns, minor)) {
        throw new BadDirective("replacement module directory path " + GoQuote.quote(ns) + " cannot have version");
      }
    }
    return new GoModFile.Replace(s, v, ns, nv);
  }

  /** parseString with Go's "invalid quoted string" directive error. */
  static String quotedString(Token t) throws BadDirective {
    try {
      return parseString(t).text;
    } catch (BadString e) {
      throw new BadDirective("invalid quoted string: " + e.getMessage());
    }
  }

  /** modfile.parseDirectiveComment: the comments on a line, or on its block when it has none. */
  static String directiveComment(Block block, Line line) {
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

  /** strings.TrimSpace with Go's unicode.IsSpace. */
  static String trimSpace(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && GoUnicode.isSpace(s.codePointAt(a))) {
      a += Character.charCount(s.codePointAt(a));
    }
    while (b > a && GoUnicode.isSpace(s.codePointBefore(b))) {
      b -= Character.charCount(s.codePointBefore(b));
    }
    return s.substring(a, b);
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
