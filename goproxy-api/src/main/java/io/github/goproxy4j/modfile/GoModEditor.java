package io.github.goproxy4j.modfile;

import io.github.goproxy4j.internal.GoRelease;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoUnicode;
import io.github.goproxy4j.internal.ModfileRE;
import io.github.goproxy4j.modfile.ModSyntax.Block;
import io.github.goproxy4j.modfile.ModSyntax.Comment;
import io.github.goproxy4j.modfile.ModSyntax.Line;
import io.github.goproxy4j.modfile.ModSyntax.Node;
import io.github.goproxy4j.modfile.ModSyntax.Token;
import io.github.goproxy4j.module.InvalidVersionException;
import io.github.goproxy4j.module.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Edits a go.mod file as x/mod's modfile does for {@code go mod edit}, and writes it back byte for
 * byte as Go writes it ({@code modfile.Format}): comments, blocks and layout are kept, a new line
 * goes next to the lines of its kind (a single line becomes a block when a second one joins it).
 *
 * <p>An editor is a mutable builder over one parsed file and is not thread-safe; each edit returns
 * the editor, {@link #format()} returns new bytes and leaves the editor usable. The rules are those
 * of the x/mod vendored in the chosen Go release (from Go 1.21 the printer never writes two blank
 * lines in a row and excludes sort by version when the go line is 1.21 or later).
 *
 * <pre>{@code
 * byte[] updated = GoModEditor.parse("go.mod", Files.readAllBytes(gomod), "1.27")
 *     .require("example.com/a", "v1.4.0")           // -require=example.com/a@v1.4.0
 *     .dropReplace("example.com/b", "")             // -dropreplace=example.com/b
 *     .sortBlocks()
 *     .cleanup()
 *     .format();                                    // what go mod edit writes
 * byte[] tidy = GoModEditor.format("go.mod", bytes, "1.27");   // go mod edit -fmt
 * }</pre>
 */
public final class GoModEditor {
  private final int goMinor;
  private final ModSyntax syntax;
  private final String fileName;
  private final String deprecated;
  private Entry moduleEntry;
  private Entry go;
  private Entry toolchain;
  private final List<Entry> godebugs = new ArrayList<>();
  private final List<Entry> requires = new ArrayList<>();
  private final List<Entry> excludes = new ArrayList<>();
  private final List<Entry> replaces = new ArrayList<>();
  private final List<Entry> retracts = new ArrayList<>();
  private final List<Entry> tools = new ArrayList<>();
  private final List<Entry> ignores = new ArrayList<>();

  /** One directive: its values and its line (x/mod's Require, Exclude, ... with Syntax). */
  private static final class Entry {
    String path;
    String version;
    String newPath;
    String newVersion;
    boolean indirect;
    Line line;

    Entry(String path, String version, Line line) {
      this.path = path;
      this.version = version;
      this.line = line;
    }

    /** Marks the directive removed (x/mod zeroes the struct and the line's tokens). */
    void remove() {
      if (line != null) {
        line.tokens = null;
        line.suffix.clear();
      }
      path = "";
      version = "";
      newPath = "";
      newVersion = "";
      line = null;
    }

    boolean removed() {
      return line == null;
    }
  }

  private GoModEditor(String fileName, GoModFile.Interpreter in, int goMinor) {
    this.fileName = fileName;
    this.goMinor = goMinor;
    this.syntax = in.syntax;
    this.deprecated = in.deprecated;
    this.moduleEntry = in.moduleLine == null ? null : new Entry(in.module, "", in.moduleLine);
    if (in.goLine != null) {
      go = new Entry("", in.goVersion, in.goLine);
    }
    if (in.toolchainLine != null) {
      toolchain = new Entry("", in.toolchain, in.toolchainLine);
    }
    for (int i = 0; i < in.godebugs.size(); i++) {
      godebugs.add(new Entry(in.godebugs.get(i).key(), in.godebugs.get(i).value(), in.godebugSyntax.get(i)));
    }
    for (int i = 0; i < in.requires.size(); i++) {
      GoModFile.Require r = in.requires.get(i);
      Entry e = new Entry(r.path(), r.version(), in.requireLines.get(i));
      e.indirect = r.indirect();
      requires.add(e);
    }
    for (int i = 0; i < in.excludes.size(); i++) {
      excludes.add(new Entry(in.excludes.get(i).path(), in.excludes.get(i).version(), in.excludeLines.get(i)));
    }
    for (int i = 0; i < in.replaces.size(); i++) {
      GoModFile.Replace r = in.replaces.get(i);
      Entry e = new Entry(r.oldPath(), r.oldVersion(), in.replaceLines.get(i));
      e.newPath = r.newPath();
      e.newVersion = r.newVersion();
      replaces.add(e);
    }
    for (int i = 0; i < in.retractions.size(); i++) {
      GoModFile.Retraction r = in.retractions.get(i);
      Entry e = new Entry(r.low(), r.high(), in.retractLines.get(i));
      e.newPath = r.rationale();
      retracts.add(e);
    }
    for (int i = 0; i < in.tools.size(); i++) {
      tools.add(new Entry(in.tools.get(i), "", in.toolLines.get(i)));
    }
    for (int i = 0; i < in.ignores.size(); i++) {
      ignores.add(new Entry(in.ignores.get(i), "", in.ignoreLines.get(i)));
    }
    normalizeTokens();
    if (goMinor >= 26) {
      // from go1.26 the parser drops a lone blank line before a block's closing parenthesis
      for (Node stmt : syntax.stmts) {
        if (stmt instanceof Block) {
          List<Comment> c = ((Block) stmt).rparen.before;
          if (c.size() == 1 && c.get(0).token().isEmpty()) {
            c.clear();
          }
        }
      }
    }
  }

  /**
   * modfile.Parse rewrites the tokens it reads: a path or other string auto-quoted (unquoted when
   * it need not be quoted), a version canonical, a retraction bound unquoted; Format prints them so.
   */
  private void normalizeTokens() {
    if (moduleEntry != null) {
      setArg(moduleEntry.line, 0, autoQuote(moduleEntry.path));
    }
    for (Entry e : requires) {
      setArg(e.line, 0, autoQuote(e.path));
      setArg(e.line, 1, e.version);
    }
    for (Entry e : excludes) {
      setArg(e.line, 0, autoQuote(e.path));
      setArg(e.line, 1, e.version);
    }
    for (Entry e : replaces) {
      int arrow = e.version.isEmpty() ? 1 : 2;
      setArg(e.line, 0, autoQuote(e.path));
      if (arrow == 2) {
        setArg(e.line, 1, e.version);
      }
      setArg(e.line, arrow + 1, autoQuote(e.newPath));
      if (!e.newVersion.isEmpty()) {
        setArg(e.line, arrow + 2, e.newVersion);
      }
    }
    for (Entry e : retracts) {
      if (args(e.line).get(0).is("[")) {
        setArg(e.line, 1, e.path);
        setArg(e.line, 3, e.version);
      } else {
        setArg(e.line, 0, e.path);
      }
    }
    for (List<Entry> l : List.of(tools, ignores)) {
      for (Entry e : l) {
        setArg(e.line, 0, autoQuote(e.path));
      }
    }
  }

  private static List<Token> args(Line line) {
    return line.inBlock ? line.tokens : line.tokens.subList(1, line.tokens.size());
  }

  private static void setArg(Line line, int i, String text) {
    List<Token> a = args(line);
    if (!a.get(i).is(text)) {
      a.set(i, Token.of(text));
    }
  }

  /**
   * Parses a go.mod for editing as the given release's {@code go mod edit} does ({@code modfile.Parse}:
   * every directive the release knows is checked).
   *
   * @param fileName the name used in error messages (go uses the path it was given), never {@code null}
   * @param content the file content, never {@code null}
   * @param goRelease a Go release such as {@code "1.19"} or {@code "1.27"}, never {@code null}
   * @return an editor over the file, never {@code null}
   * @throws GoModSyntaxException with Go's messages when the file is malformed
   * @throws IllegalArgumentException when {@code goRelease} is not a Go release from 1.19 on
   */
  public static GoModEditor parse(String fileName, byte[] content, String goRelease) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    int minor = ModRules.releaseMinor(goRelease);
    return new GoModEditor(fileName, GoModFile.interpretStrict(fileName, content, minor), minor);
  }

  /**
   * {@link #parse(String, byte[], String)} with a version fixer, as the go command reads a main
   * module's go.mod before it rewrites it ({@link GoModFile#parseStrict(String, byte[], String,
   * VersionFixer)}): every version is what {@code fix} returns, and the file prints so.
   *
   * @param fileName the name used in error messages, never {@code null}
   * @param content the file content, never {@code null}
   * @param goRelease a Go release such as {@code "1.19"} or {@code "1.27"}, never {@code null}
   * @param fix the fixer, never {@code null}
   * @return an editor over the file, never {@code null}
   * @throws GoModSyntaxException with Go's messages when the file is malformed or a version cannot be fixed
   * @throws IllegalArgumentException when {@code goRelease} is not a Go release from 1.19 on
   */
  public static GoModEditor parse(String fileName, byte[] content, String goRelease, VersionFixer fix) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fix, "fix");
    int minor = ModRules.releaseMinor(goRelease);
    return new GoModEditor(fileName, GoModFile.interpretStrict(fileName, content, minor, fix), minor);
  }

  /**
   * {@code go mod edit -fmt}: the file parsed, its blocks sorted and cleaned up, and printed.
   *
   * @param fileName the name used in error messages, never {@code null}
   * @param content the file content, never {@code null}
   * @param goRelease a Go release such as {@code "1.19"} or {@code "1.27"}, never {@code null}
   * @return the formatted file
   * @throws GoModSyntaxException with Go's messages when the file is malformed
   */
  public static byte[] format(String fileName, byte[] content, String goRelease) {
    return parse(fileName, content, goRelease).sortBlocks().cleanup().format();
  }

  /**
   * Prints the file as it stands ({@code modfile.Format}); edits not yet cleaned up print as x/mod
   * prints them (a dropped line leaves its place).
   *
   * @return the go.mod bytes, a new array
   */
  public byte[] format() {
    return ModPrinter.format(syntax, goMinor);
  }

  // ---- the module, go and toolchain lines

  /**
   * Sets the module path ({@code AddModuleStmt}; {@code -module}). The path is not checked.
   *
   * @param path the module path, never {@code null}
   * @return this editor
   */
  public GoModEditor module(String path) {
    Objects.requireNonNull(path, "path");
    if (moduleEntry == null) {
      moduleEntry = new Entry(path, "", addLine(null, "module", autoQuote(path)));
    } else {
      moduleEntry.path = path;
      updateLine(moduleEntry.line, "module", autoQuote(path));
    }
    return this;
  }

  /**
   * Sets the go line ({@code AddGoStmt}; {@code -go=version}); a new one goes after the module line.
   *
   * @param version a Go version the release accepts, such as {@code 1.21} or (from 1.21) {@code 1.21.3}
   * @return this editor
   * @throws InvalidGoModEditException when the version does not match the release's format
   */
  public GoModEditor go(String version) {
    Objects.requireNonNull(version, "version");
    if (!ModfileRE.isGoVersion(version, goMinor)) {
      throw new InvalidGoModEditException((goMinor >= 21 ? "invalid language version " : "invalid language version string ")
          + GoQuote.quote(version));
    }
    if (go == null) {
      Node hint = moduleEntry != null ? moduleEntry.line : null;
      go = new Entry("", version, addLine(hint, "go", version));
    } else {
      go.version = version;
      updateLine(go.line, "go", version);
    }
    return this;
  }

  /**
   * Drops the go line ({@code DropGoStmt}; {@code -go=none}, Go 1.21 on).
   *
   * @return this editor
   */
  public GoModEditor dropGo() {
    if (go != null) {
      go.remove();
      go = null;
    }
    return this;
  }

  /**
   * Sets the toolchain line ({@code AddToolchainStmt}; {@code -toolchain=name}); a new one goes after
   * the go line (else the module line).
   *
   * @param name a toolchain name such as {@code go1.23.1} or {@code default}
   * @return this editor
   * @throws InvalidGoModEditException when the name is not a toolchain name
   */
  public GoModEditor toolchain(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.equals("default") && !name.equals("go1") && !name.startsWith("go1.")) {
      throw new InvalidGoModEditException("invalid toolchain name " + GoQuote.quote(name));
    }
    if (toolchain == null) {
      Node hint = go != null ? go.line : moduleEntry != null ? moduleEntry.line : null;
      toolchain = new Entry("", name, addLine(hint, "toolchain", name));
    } else {
      toolchain.version = name;
      updateLine(toolchain.line, "toolchain", name);
    }
    return this;
  }

  /**
   * Drops the toolchain line ({@code DropToolchainStmt}; {@code -toolchain=none}).
   *
   * @return this editor
   */
  public GoModEditor dropToolchain() {
    if (toolchain != null) {
      toolchain.remove();
      toolchain = null;
    }
    return this;
  }

  // ---- godebug, require, exclude, replace, retract, tool, ignore

  /**
   * Sets a godebug key ({@code AddGodebug}; {@code -godebug=key=value}): the first line with the key
   * gets the value, later ones are dropped.
   *
   * @param key the key
   * @param value the value
   * @return this editor
   */
  public GoModEditor godebug(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    boolean need = true;
    for (Entry g : godebugs) {
      if (!g.removed() && g.path.equals(key)) {
        if (need) {
          g.version = value;
          updateLine(g.line, "godebug", key + "=" + value);
          need = false;
        } else {
          g.remove();
        }
      }
    }
    if (need) {
      godebugs.add(new Entry(key, value, addLine(null, "godebug", key + "=" + value)));
    }
    return this;
  }

  /**
   * Drops every godebug line with the key ({@code DropGodebug}; {@code -dropgodebug=key}).
   *
   * @param key the key
   * @return this editor
   */
  public GoModEditor dropGodebug(String key) {
    Objects.requireNonNull(key, "key");
    dropWhere(godebugs, e -> e.path.equals(key));
    return this;
  }

  /**
   * Requires a module version ({@code AddRequire}; {@code -require=path@version}): the first
   * requirement on the path gets the version, later ones are dropped; a new one goes after the last
   * require line or block. The version is written as given.
   *
   * @param path the module path
   * @param version the version
   * @return this editor
   */
  public GoModEditor require(String path, String version) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    boolean need = true;
    for (Entry r : requires) {
      if (!r.removed() && r.path.equals(path)) {
        if (need) {
          r.version = version;
          updateLine(r.line, "require", autoQuote(path), version);
          need = false;
        } else {
          r.remove();
        }
      }
    }
    if (need) {
      Entry r = new Entry(path, version, addLine(null, "require", autoQuote(path), version));
      requires.add(r);
    }
    return this;
  }

  /**
   * Makes the requirements exactly {@code req} ({@code SetRequire}): a requirement kept in place
   * gets its version and {@code // indirect} mark, the others are dropped, new ones join the last
   * require line or block; blocks are sorted afterwards.
   *
   * @param req the requirements, one version per path
   * @return this editor
   * @throws InvalidGoModEditException when {@code req} names a path at two versions
   */
  public GoModEditor setRequire(List<GoModFile.Require> req) {
    Objects.requireNonNull(req, "req");
    Map<String, GoModFile.Require> need = new LinkedHashMap<>();
    for (GoModFile.Require r : req) {
      GoModFile.Require prev = need.get(r.path());
      if (prev != null && !prev.version().equals(r.version())) {
        throw new InvalidGoModEditException("SetRequire called with conflicting versions for path " + r.path()
            + " (" + prev.version() + " and " + r.version() + ")");
      }
      need.put(r.path(), r);
    }
    for (Entry r : requires) {
      if (r.removed()) {
        continue;
      }
      GoModFile.Require e = need.remove(r.path);
      if (e != null) {
        setVersion(r, e.version());
        setIndirect(r, e.indirect());
      } else {
        r.remove();
      }
    }
    for (GoModFile.Require e : need.values()) {
      Entry r = new Entry(e.path(), e.version(), addLine(null, "require", autoQuote(e.path()), e.version()));
      setIndirect(r, e.indirect());
      requires.add(r);
    }
    return sortBlocks();
  }

  /**
   * Makes the requirements exactly {@code req}, direct and indirect ones in separate blocks as
   * go writes a go.mod at go 1.17 or later ({@code SetRequireSeparateIndirect}): a requirement
   * moves to the other block when its mark changes (or when the file had one uncommented require
   * block), new ones go to the last all-direct or all-indirect block (made when missing), commented
   * lines and blocks stay where they are; blocks are sorted afterwards.
   *
   * @param req the requirements
   * @return this editor
   */
  public GoModEditor setRequireSeparateIndirect(List<GoModFile.Require> req) {
    Objects.requireNonNull(req, "req");
    return setRequireSeparateIndirect(req, false);
  }

  /**
   * {@link #setRequireSeparateIndirect} that consolidates every requirement into at most two
   * blocks, one direct and one indirect, whatever blocks and comments the file had (x/mod's
   * {@code SetRequireAtMostTwo}, which go1.27 uses for a go.mod at go 1.27 or later): each
   * require block's own leading comments move to the block its lines go to (separated by an
   * empty {@code //} line), each requirement goes to the last all-direct or all-indirect block.
   *
   * <pre>{@code
   * GoModEditor.parse("go.mod", bytes, "1.27").setRequireAtMostTwo(roots).cleanup().format();
   * }</pre>
   *
   * @param req the requirements
   * @return this editor
   */
  public GoModEditor setRequireAtMostTwo(List<GoModFile.Require> req) {
    Objects.requireNonNull(req, "req");
    return setRequireSeparateIndirect(req, true);
  }

  private GoModEditor setRequireSeparateIndirect(List<GoModFile.Require> req, boolean simplify) {
    Map<String, GoModFile.Require> need = new LinkedHashMap<>();
    for (GoModFile.Require r : req) {
      need.put(r.path(), r);
    }
    List<Node> stmts = syntax.stmts;
    int lastDirect = -1;
    int lastIndirect = -1;
    int lastRequire = -1;
    int count = 0;
    Map<Line, Block> lineToBlock = new IdentityHashMap<>();
    // the marks the requirements will have, by the line that holds them now
    Map<Line, Boolean> lineIndirect = new IdentityHashMap<>();
    for (Entry r : requires) {
      GoModFile.Require n = r.removed() || r.line == null ? null : need.get(r.path);
      if (n != null) {
        lineIndirect.put(r.line, n.indirect());
      }
    }
    List<Comment> directBlockComments = new ArrayList<>();
    List<Comment> indirectBlockComments = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Node stmt = stmts.get(i);
      if (stmt instanceof Line) {
        Line l = (Line) stmt;
        if (l.tokens == null || l.tokens.isEmpty() || !l.tokens.get(0).is("require")) {
          continue;
        }
        lastRequire = i;
        count++;
        if (!hasComments(l)) {
          if (GoModFile.isIndirect(l)) {
            lastIndirect = i;
          } else {
            lastDirect = i;
          }
        }
      } else if (stmt instanceof Block) {
        Block b = (Block) stmt;
        if (b.tokens.isEmpty() || !b.tokens.get(0).is("require")) {
          continue;
        }
        lastRequire = i;
        count++;
        boolean allDirect = !b.lines.isEmpty() && !hasComments(b);
        boolean allIndirect = allDirect;
        for (Line l : b.lines) {
          lineToBlock.put(l, b);
          if (hasComments(l)) {
            allDirect = false;
            allIndirect = false;
          } else if (GoModFile.isIndirect(l)) {
            allDirect = false;
          } else {
            allIndirect = false;
          }
        }
        if (allDirect) {
          lastDirect = i;
        }
        if (allIndirect) {
          lastIndirect = i;
        }
        if (simplify) {
          // the block's own comments go with its lines: to the indirect block when none stays direct
          boolean anyDirect = false;
          for (Line l : b.lines) {
            if (Boolean.FALSE.equals(lineIndirect.get(l))) {
              anyDirect = true;
              break;
            }
          }
          List<Comment> target = !anyDirect && !b.lines.isEmpty() ? indirectBlockComments : directBlockComments;
          if (!target.isEmpty() && !b.before.isEmpty()) {
            target.add(new Comment(null, "//", false));
          }
          target.addAll(b.before);
          b.before.clear();
        }
      }
    }
    boolean oneFlatUncommentedBlock = count == 1 && !hasComments(stmts.get(lastRequire));
    Block directBlock;
    if (lastDirect < 0) {
      if (lastIndirect >= 0) {
        lastDirect = lastIndirect;
        lastIndirect++;
      } else if (lastRequire >= 0) {
        lastDirect = lastRequire + 1;
      } else {
        lastDirect = stmts.size();
      }
      directBlock = insertRequireBlock(lastDirect);
    } else {
      directBlock = ensureRequireBlock(lastDirect);
    }
    Block indirectBlock;
    if (lastIndirect < 0) {
      lastIndirect = lastDirect + 1;
      indirectBlock = insertRequireBlock(lastIndirect);
    } else {
      indirectBlock = ensureRequireBlock(lastIndirect);
    }
    if (simplify) {
      directBlock.before.addAll(directBlockComments);
      indirectBlock.before.addAll(indirectBlockComments);
    }
    Set<String> have = new HashSet<>();
    for (Entry r : new ArrayList<>(requires)) {
      if (r.removed()) {
        continue;
      }
      GoModFile.Require n = need.get(r.path);
      if (n == null || have.contains(r.path)) {
        r.remove();
        continue;
      }
      have.add(r.path);
      setVersion(r, n.version());
      setIndirect(r, n.indirect());
      if (n.indirect() && (simplify || oneFlatUncommentedBlock || lineToBlock.get(r.line) == directBlock)) {
        moveRequire(r, indirectBlock);
      } else if (!n.indirect() && (simplify || oneFlatUncommentedBlock || lineToBlock.get(r.line) == indirectBlock)) {
        moveRequire(r, directBlock);
      }
    }
    for (GoModFile.Require n : need.values()) {
      if (!have.contains(n.path())) {
        Entry r = new Entry(n.path(), n.version(), null);
        r.indirect = n.indirect();
        moveRequire(r, n.indirect() ? indirectBlock : directBlock);
        requires.add(r);
      }
    }
    return sortBlocks();
  }

  /** setRequireSeparateIndirect's hasComments: comments other than a lone {@code // indirect}. */
  private static boolean hasComments(Node n) {
    if (!n.before.isEmpty() || n.suffix.size() > 1) {
      return true;
    }
    return n.suffix.size() == 1 && !ModRules.trimSpace(trimSlashes(n.suffix.get(0).token())).equals("indirect");
  }

  private static String trimSlashes(String token) {
    return token.startsWith("//") ? token.substring(2) : token;
  }

  private Block insertRequireBlock(int i) {
    Block b = new Block(null, new ArrayList<>(List.of(Token.of("require"))));
    syntax.stmts.add(i, b);
    return b;
  }

  private Block ensureRequireBlock(int i) {
    Node stmt = syntax.stmts.get(i);
    if (stmt instanceof Block) {
      return (Block) stmt;
    }
    Line l = (Line) stmt;
    Block b = new Block(null, new ArrayList<>(List.of(Token.of("require"))));
    b.lines.add(l);
    l.tokens = new ArrayList<>(l.tokens.subList(1, l.tokens.size()));
    l.inBlock = true;
    syntax.stmts.set(i, b);
    return b;
  }

  /** moveReq: the requirement's line copied into the block, the old one left for Cleanup. */
  private void moveRequire(Entry r, Block block) {
    Line line;
    if (r.line == null) {
      line = newLine(tokens(autoQuote(r.path), r.version), false);
      r.line = line;
      if (r.indirect) {
        setIndirect(r, true);
      }
    } else {
      Line old = r.line;
      List<Token> toks = new ArrayList<>(old.tokens);
      if (!old.inBlock && !toks.isEmpty() && toks.get(0).is("require")) {
        toks.remove(0);
      }
      line = newLine(toks, old.inBlock);
      line.before.addAll(old.before);
      line.suffix.addAll(old.suffix);
      old.tokens = null;
      r.line = line;
    }
    line.inBlock = true;
    block.lines.add(line);
  }

  /** Require.setVersion: a lone blank line before a block line goes too. */
  private static void setVersion(Entry r, String v) {
    r.version = v;
    Line line = r.line;
    if (line.tokens == null || line.tokens.isEmpty()) {
      return;
    }
    if (line.inBlock) {
      if (line.before.size() == 1 && line.before.get(0).token().isEmpty()) {
        line.before.clear();
      }
      if (line.tokens.size() >= 2) {
        line.tokens.set(1, Token.of(v));
      }
    } else if (line.tokens.size() >= 3) {
      line.tokens.set(2, Token.of(v));
    }
  }

  /** Require.setIndirect: adds or removes the {@code // indirect} mark, keeping other comment text. */
  private static void setIndirect(Entry r, boolean indirect) {
    r.indirect = indirect;
    Line line = r.line;
    if (GoModFile.isIndirect(line) == indirect) {
      return;
    }
    if (indirect) {
      if (line.suffix.isEmpty()) {
        line.suffix.add(new Comment(null, "// indirect", true));
        return;
      }
      Comment com = line.suffix.get(0);
      String text = ModRules.trimSpace(trimSlashes(com.token()));
      line.suffix.set(0, new Comment(com.start(), text.isEmpty() ? "// indirect" : "// indirect; " + text, com.suffix()));
      return;
    }
    String f = ModRules.trimSpace(trimSlashes(line.suffix.get(0).token()));
    if (f.equals("indirect")) {
      line.suffix.clear();
      return;
    }
    Comment com = line.suffix.get(0);
    int i = com.token().indexOf("indirect;");
    line.suffix.set(0, new Comment(com.start(), "//" + com.token().substring(i + "indirect;".length()), com.suffix()));
  }

  /**
   * Drops every requirement on the path ({@code DropRequire}; {@code -droprequire=path}).
   *
   * @param path the module path
   * @return this editor
   */
  public GoModEditor dropRequire(String path) {
    Objects.requireNonNull(path, "path");
    dropWhere(requires, e -> e.path.equals(path));
    return this;
  }

  /**
   * Excludes a module version ({@code AddExclude}; {@code -exclude=path@version}); nothing happens
   * when the exclusion exists.
   *
   * @param path the module path
   * @param version a canonical version that fits the path's major version
   * @return this editor
   * @throws InvalidVersionException with x/mod's message when the version is not canonical or does
   *     not fit the path
   */
  public GoModEditor exclude(String path, String version) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    checkCanonicalVersion(path, version);
    Line hint = null;
    for (Entry x : excludes) {
      if (x.removed()) {
        continue;
      }
      if (x.path.equals(path) && x.version.equals(version)) {
        return this;
      }
      if (x.path.equals(path)) {
        hint = x.line;
      }
    }
    excludes.add(new Entry(path, version, addLineOrAppend(hint, "exclude", autoQuote(path), version)));
    return this;
  }

  /**
   * Drops an exclusion ({@code DropExclude}; {@code -dropexclude=path@version}).
   *
   * @param path the module path
   * @param version the version
   * @return this editor
   */
  public GoModEditor dropExclude(String path, String version) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    dropWhere(excludes, e -> e.path.equals(path) && e.version.equals(version));
    return this;
  }

  /**
   * Replaces a module ({@code AddReplace}; {@code -replace=old[@v]=new[@w]}): the first replacement
   * of {@code oldPath} (at {@code oldVersion}, or at any version when it is empty) is rewritten, the
   * others dropped; a new one goes after the last replacement of the same path.
   *
   * @param oldPath the replaced module path
   * @param oldVersion the replaced version, or empty for every version
   * @param newPath the replacement module path or directory
   * @param newVersion the replacement version, or empty for a directory
   * @return this editor
   */
  public GoModEditor replace(String oldPath, String oldVersion, String newPath, String newVersion) {
    Objects.requireNonNull(oldPath, "oldPath");
    Objects.requireNonNull(oldVersion, "oldVersion");
    Objects.requireNonNull(newPath, "newPath");
    Objects.requireNonNull(newVersion, "newVersion");
    List<String> tokens = new ArrayList<>(List.of("replace", autoQuote(oldPath)));
    if (!oldVersion.isEmpty()) {
      tokens.add(oldVersion);
    }
    tokens.add("=>");
    tokens.add(autoQuote(newPath));
    if (!newVersion.isEmpty()) {
      tokens.add(newVersion);
    }
    String[] toks = tokens.toArray(new String[0]);
    boolean need = true;
    Line hint = null;
    for (Entry r : replaces) {
      if (r.removed()) {
        continue;
      }
      if (r.path.equals(oldPath) && (oldVersion.isEmpty() || r.version.equals(oldVersion))) {
        if (need) {
          r.newPath = newPath;
          r.newVersion = newVersion;
          updateLine(r.line, toks);
          need = false;
          continue;
        }
        r.remove();
      }
      if (r.path.equals(oldPath)) {
        hint = r.line;
      }
    }
    if (need) {
      Entry e = new Entry(oldPath, oldVersion, addLineOrAppend(hint, toks));
      e.newPath = newPath;
      e.newVersion = newVersion;
      replaces.add(e);
    }
    return this;
  }

  /**
   * Drops a replacement ({@code DropReplace}; {@code -dropreplace=old[@v]}); an empty version drops
   * the replacement of every version only.
   *
   * @param oldPath the replaced module path
   * @param oldVersion the replaced version, or empty
   * @return this editor
   */
  public GoModEditor dropReplace(String oldPath, String oldVersion) {
    Objects.requireNonNull(oldPath, "oldPath");
    Objects.requireNonNull(oldVersion, "oldVersion");
    dropWhere(replaces, e -> e.path.equals(oldPath) && e.version.equals(oldVersion));
    return this;
  }

  /**
   * Retracts a version or interval ({@code AddRetract}; {@code -retract=v} or
   * {@code -retract=[low,high]}), with the rationale as comment lines above it. As in x/mod the new
   * retraction is written but not added to the file's list of retractions (so a later
   * {@link #dropRetract} in the same edit does not see it, and {@link #file()} does not list it).
   *
   * @param low the lowest retracted version
   * @param high the highest retracted version (equal to {@code low} for one version)
   * @param rationale the comment, may be empty
   * @return this editor
   * @throws InvalidVersionException with x/mod's message when a bound is not canonical or does not
   *     fit the module path
   */
  public GoModEditor retract(String low, String high, String rationale) {
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(high, "high");
    Objects.requireNonNull(rationale, "rationale");
    String path = moduleEntry != null ? moduleEntry.path : "";
    checkCanonicalVersion(path, high);
    checkCanonicalVersion(path, low);
    Line line = low.equals(high)
        ? addLine(null, "retract", autoQuote(low))
        : addLine(null, "retract", "[", autoQuote(low), ",", autoQuote(high), "]");
    if (!rationale.isEmpty()) {
      for (String l : rationale.split("\n", -1)) {
        line.before.add(new Comment(null, "// " + l, false));
      }
    }
    return this;
  }

  /**
   * Drops a retraction ({@code DropRetract}; {@code -dropretract=...}).
   *
   * @param low the interval's low bound as written
   * @param high the interval's high bound as written
   * @return this editor
   */
  public GoModEditor dropRetract(String low, String high) {
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(high, "high");
    dropWhere(retracts, e -> e.path.equals(low) && e.version.equals(high));
    return this;
  }

  /**
   * Adds a tool ({@code AddTool}; {@code -tool=path}, Go 1.24 on) unless present; blocks are sorted
   * afterwards, as x/mod does.
   *
   * @param path the package path
   * @return this editor
   */
  public GoModEditor tool(String path) {
    Objects.requireNonNull(path, "path");
    for (Entry t : tools) {
      if (!t.removed() && t.path.equals(path)) {
        return this;
      }
    }
    tools.add(new Entry(path, "", addLine(null, "tool", path)));
    return sortBlocks();
  }

  /**
   * Drops a tool ({@code DropTool}; {@code -droptool=path}).
   *
   * @param path the package path
   * @return this editor
   */
  public GoModEditor dropTool(String path) {
    Objects.requireNonNull(path, "path");
    dropWhere(tools, e -> e.path.equals(path));
    return this;
  }

  /**
   * Adds an ignore directive ({@code AddIgnore}; {@code -ignore=path}, Go 1.25 on) unless present;
   * blocks are sorted afterwards, as x/mod does.
   *
   * @param path the directory
   * @return this editor
   */
  public GoModEditor ignore(String path) {
    Objects.requireNonNull(path, "path");
    for (Entry t : ignores) {
      if (!t.removed() && t.path.equals(path)) {
        return this;
      }
    }
    ignores.add(new Entry(path, "", addLine(null, "ignore", path)));
    return sortBlocks();
  }

  /**
   * Drops an ignore directive ({@code DropIgnore}; {@code -dropignore=path}).
   *
   * @param path the directory
   * @return this editor
   */
  public GoModEditor dropIgnore(String path) {
    Objects.requireNonNull(path, "path");
    dropWhere(ignores, e -> e.path.equals(path));
    return this;
  }

  private interface Match {
    boolean test(Entry e);
  }

  private static void dropWhere(List<Entry> entries, Match m) {
    for (Entry e : entries) {
      if (!e.removed() && m.test(e)) {
        e.remove();
      }
    }
  }

  // ---- SortBlocks and Cleanup

  /**
   * Drops duplicate excludes (the first stays), replacements (the last stays), tools and ignores,
   * and sorts the lines of each block ({@code SortBlocks}): by their tokens, retractions newest
   * first, excludes by version from go 1.21 on.
   *
   * @return this editor
   */
  public GoModEditor sortBlocks() {
    removeDups();
    boolean semanticExclude = goMinor >= 21 && go != null && Version.compare("v" + go.version, "v1.21") >= 0;
    for (Node stmt : syntax.stmts) {
      if (!(stmt instanceof Block)) {
        continue;
      }
      Block b = (Block) stmt;
      Comparator<Line> cmp = GoModEditor::compareLine;
      if (b.tokens.get(0).is("exclude") && semanticExclude) {
        cmp = GoModEditor::compareLineExclude;
      } else if (b.tokens.get(0).is("retract")) {
        cmp = GoModEditor::compareLineRetract;
      }
      b.lines.sort(cmp); // List.sort is stable
    }
    return this;
  }

  private void removeDups() {
    // x/mod's one kill set, keyed by line; a dropped (zeroed) entry's line is null, so a second
    // dropped entry kills the null line, and with it every dropped entry of that list and of the
    // lists filtered after it (each list is filtered right after it is marked, as in x/mod)
    Set<Line> kill = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Set<List<String>> seen = new HashSet<>();
    for (Entry x : excludes) {
      if (!seen.add(List.of(x.path, x.version))) {
        kill.add(x.line);
      }
    }
    excludes.removeIf(x -> kill.contains(x.line));
    seen.clear();
    for (int i = replaces.size() - 1; i >= 0; i--) {
      Entry x = replaces.get(i);
      if (!seen.add(List.of(x.path, x.version))) {
        kill.add(x.line);
      }
    }
    replaces.removeIf(x -> kill.contains(x.line));
    for (List<Entry> l : List.of(tools, ignores)) {
      seen.clear();
      for (Entry x : l) {
        if (!seen.add(List.of(x.path))) {
          kill.add(x.line);
        }
      }
      l.removeIf(x -> kill.contains(x.line));
    }
    if (kill.isEmpty()) {
      return;
    }
    List<Node> stmts = new ArrayList<>();
    for (Node stmt : syntax.stmts) {
      if (stmt instanceof Line && kill.contains(stmt)) {
        continue;
      }
      if (stmt instanceof Block) {
        Block b = (Block) stmt;
        b.lines.removeIf(kill::contains);
        if (b.lines.isEmpty()) {
          continue;
        }
      }
      stmts.add(stmt);
    }
    syntax.stmts.clear();
    syntax.stmts.addAll(stmts);
  }

  /**
   * The tool paths as x/mod's {@code File.Tool} slice holds them: a tool {@link #dropTool dropped}
   * stays there as an empty path, since x/mod's DropTool zeroes the entry and neither
   * {@link #cleanup} nor {@link #sortBlocks} removes it (SortBlocks does when a second zeroed
   * exclude, replacement, tool or ignore makes the zero line a duplicate). {@code go mod edit -json}
   * prints such an entry as {@code {"Path": ""}} (go1.24-1.27); {@link #file()} leaves it out.
   *
   * @return the paths, {@code ""} for a dropped tool still in the slice
   */
  public List<String> toolSlice() {
    return slice(tools);
  }

  /**
   * The ignore directives as x/mod's {@code File.Ignore} slice holds them: as {@link #toolSlice()}
   * for {@link #dropIgnore dropped} ones (go1.25-1.27).
   *
   * @return the paths, {@code ""} for a dropped directive still in the slice
   */
  public List<String> ignoreSlice() {
    return slice(ignores);
  }

  private static List<String> slice(List<Entry> entries) {
    List<String> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.path);
    }
    return List.copyOf(out);
  }

  /** A dropped line's tokens are nil in x/mod: no tokens. */
  private static List<Token> tokensOf(Line l) {
    return l.tokens == null ? List.of() : l.tokens;
  }

  private static int compareLine(Line a, Line b) {
    List<Token> ta = tokensOf(a);
    List<Token> tb = tokensOf(b);
    for (int k = 0; k < ta.size() && k < tb.size(); k++) {
      int c = Arrays.compareUnsigned(ta.get(k).raw(), tb.get(k).raw());
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ta.size(), tb.size());
  }

  private static int compareLineExclude(Line a, Line b) {
    List<Token> ta = tokensOf(a);
    List<Token> tb = tokensOf(b);
    if (ta.size() != 2 || tb.size() != 2) {
      return compareLine(a, b);
    }
    int c = Arrays.compareUnsigned(ta.get(0).raw(), tb.get(0).raw());
    if (c != 0) {
      return c;
    }
    return Version.compare(ta.get(1).text(), tb.get(1).text());
  }

  private static String[] interval(Line l) {
    List<Token> t = tokensOf(l);
    if (t.size() == 1) {
      return new String[] {t.get(0).text(), t.get(0).text()};
    }
    if (t.size() == 5 && t.get(0).is("[") && t.get(2).is(",") && t.get(4).is("]")) {
      return new String[] {t.get(1).text(), t.get(3).text()};
    }
    return new String[] {"", ""};
  }

  private static int compareLineRetract(Line a, Line b) {
    String[] x = interval(a);
    String[] y = interval(b);
    int c = Version.compare(x[0], y[0]);
    if (c != 0) {
      return -c;
    }
    return -Version.compare(x[1], y[1]);
  }

  /**
   * Removes the dropped lines, and turns a block left with one line into a single line
   * ({@code Cleanup}); from Go 1.23 a block with a comment before its closing parenthesis stays.
   *
   * @return this editor
   */
  public GoModEditor cleanup() {
    // x/mod's Cleanup leaves dropped tools and ignores in its slices (zeroed), as go1.24-1.27 do:
    // see toolSlice()
    for (List<Entry> l : List.of(godebugs, requires, excludes, replaces, retracts)) {
      l.removeIf(Entry::removed);
    }
    List<Node> out = new ArrayList<>();
    for (Node stmt : syntax.stmts) {
      if (stmt instanceof Line) {
        if (((Line) stmt).tokens == null) {
          continue;
        }
      } else if (stmt instanceof Block) {
        Block b = (Block) stmt;
        b.lines.removeIf(l -> l.tokens == null);
        if (b.lines.isEmpty()) {
          continue;
        }
        // up to go1.22's x/mod a comment before the closing parenthesis does not keep the block
        if (b.lines.size() == 1 && (goMinor < 23 || b.rparen.before.isEmpty())) {
          Line l = b.lines.get(0);
          List<Comment> before = new ArrayList<>(b.before);
          before.addAll(l.before);
          l.before.clear();
          l.before.addAll(before);
          l.suffix.addAll(b.suffix);
          List<Token> tokens = new ArrayList<>(b.tokens);
          tokens.addAll(l.tokens);
          l.tokens = tokens;
          l.inBlock = false;
          out.add(l);
          continue;
        }
      }
      out.add(stmt);
    }
    syntax.stmts.clear();
    syntax.stmts.addAll(out);
    return this;
  }

  // ---- the syntax edits of read.go

  private static List<Token> tokens(String... words) {
    List<Token> out = new ArrayList<>(words.length);
    for (String w : words) {
      out.add(Token.of(w));
    }
    return out;
  }

  private static void updateLine(Line line, String... words) {
    List<Token> t = tokens(words);
    line.tokens = line.inBlock ? new ArrayList<>(t.subList(1, t.size())) : t;
  }

  private static Line newLine(List<Token> tokens, boolean inBlock) {
    return new Line(null, tokens, null, inBlock);
  }

  /** FileSyntax.addLine: a new line next to the hint, else after the last statement of its verb. */
  private Line addLine(Node hint, String... words) {
    List<Token> toks = tokens(words);
    Token verb = toks.get(0);
    List<Node> stmts = syntax.stmts;
    if (hint == null) {
      for (int i = stmts.size() - 1; i >= 0; i--) {
        Node s = stmts.get(i);
        if (s instanceof Line && ((Line) s).tokens != null && ((Line) s).tokens.get(0).sameAs(verb)
            || s instanceof Block && ((Block) s).tokens.get(0).sameAs(verb)) {
          hint = s;
          break;
        }
      }
    }
    if (hint != null) {
      for (int i = 0; i < stmts.size(); i++) {
        Node s = stmts.get(i);
        if (s instanceof Line && s == hint) {
          Line l = (Line) s;
          if (l.tokens == null || !l.tokens.get(0).sameAs(verb)) {
            return lineAfter(i, toks);
          }
          l.inBlock = true;
          Block block = new Block(null, new ArrayList<>(l.tokens.subList(0, 1)));
          block.lines.add(l);
          l.tokens = new ArrayList<>(l.tokens.subList(1, l.tokens.size()));
          stmts.set(i, block);
          Line n = newLine(new ArrayList<>(toks.subList(1, toks.size())), true);
          block.lines.add(n);
          return n;
        }
        if (s instanceof Block) {
          Block b = (Block) s;
          if (s == hint) {
            if (!b.tokens.get(0).sameAs(verb)) {
              return lineAfter(i, toks);
            }
            Line n = newLine(new ArrayList<>(toks.subList(1, toks.size())), true);
            b.lines.add(n);
            return n;
          }
          for (int j = 0; j < b.lines.size(); j++) {
            if (b.lines.get(j) == hint) {
              if (!b.tokens.get(0).sameAs(verb)) {
                return lineAfter(i, toks);
              }
              Line n = newLine(new ArrayList<>(toks.subList(1, toks.size())), true);
              b.lines.add(j + 1, n);
              return n;
            }
          }
        }
      }
    }
    Line n = newLine(toks, false);
    stmts.add(n);
    return n;
  }

  /**
   * addLine with a hint x/mod passes as a {@code *Line} variable: when that is nil the interface
   * value is not, so the new line goes at the end of the file rather than after its kind.
   */
  private Line addLineOrAppend(Line hint, String... words) {
    if (hint != null) {
      return addLine(hint, words);
    }
    Line n = newLine(tokens(words), false);
    syntax.stmts.add(n);
    return n;
  }

  private Line lineAfter(int i, List<Token> toks) {
    Line n = newLine(toks, false);
    syntax.stmts.add(i + 1, n);
    return n;
  }

  // ---- quoting and version checks

  /**
   * Whether a replacement's new path is a directory rather than a module path
   * ({@code modfile.IsDirectoryPath}): it starts with {@code ./}, {@code ../}, {@code /}, their
   * backslash forms or a drive letter, and from go1.22 it may be {@code .} or {@code ..} alone.
   *
   * <pre>{@code
   * GoModEditor.isDirectoryPath("../fork", "1.27");   // true
   * GoModEditor.isDirectoryPath("..", "1.21");        // false (true from go1.22)
   * }</pre>
   *
   * @param path the path
   * @param goRelease the release whose rule applies
   * @return whether x/mod takes it for a directory
   */
  public static boolean isDirectoryPath(String path, String goRelease) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(goRelease, "goRelease");
    return ModRules.isDirectoryPath(path, GoRelease.modelled(goRelease).behaviourMinor());
  }

  /**
   * Whether a string must be quoted to stand as one token in go.mod ({@code modfile.MustQuote}):
   * it is empty, holds a space, a quote, a non-printing character, {@code //} or {@code /*}, or is
   * longer than one character and holds a bracket or comma.
   *
   * <pre>{@code
   * GoModEditor.mustQuote("example.com/a");   // false
   * GoModEditor.mustQuote("../with space");   // true
   * }</pre>
   *
   * @param s the string
   * @return whether x/mod quotes it
   */
  public static boolean mustQuote(String s) {
    Objects.requireNonNull(s, "s");
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      switch (r) {
        case ' ': case '"': case '\'': case '`':
          return true;
        case '(': case ')': case '[': case ']': case '{': case '}': case ',':
          if (s.length() > 1) {
            return true;
          }
          break;
        default:
          if (!GoUnicode.isPrint(r)) {
            return true;
          }
      }
    }
    return s.isEmpty() || s.contains("//") || s.contains("/*");
  }

  /** modfile.AutoQuote. */
  static String autoQuote(String s) {
    return mustQuote(s) ? GoQuote.quote(s) : s;
  }

  /** modfile's checkCanonicalVersion, throwing module.InvalidVersionError's message. */
  private static void checkCanonicalVersion(String path, String vers) {
    String pathMajor = ModRules.pathMajor(path);
    boolean ok = pathMajor != null;
    if (!ok) {
      pathMajor = "";
    }
    String canonical = Version.isValid(vers) ? Version.parse(vers).canonical().toString() : "";
    if (vers.isEmpty() || !vers.equals(canonical)) {
      String prefix = pathMajor.isEmpty() ? "v1" : pathMajor.substring(1).replace("-unstable", "");
      throw invalidVersion(vers, "must be of the form " + prefix + ".2.3");
    }
    if (ok) {
      String bad = ModRules.checkPathMajor(vers, pathMajor);
      if (bad != null) {
        if (pathMajor.isEmpty()) {
          String major = Version.parse(vers).major();
          throw invalidVersion(vers, "should be " + vers + "+incompatible (or module " + path + "/" + major + ")");
        }
        throw invalidVersion(vers, bad);
      }
    }
  }

  private static InvalidVersionException invalidVersion(String vers, String why) {
    return new InvalidVersionException(vers, "version " + GoQuote.quote(vers) + " invalid: " + why);
  }

  // ---- the directives as they stand

  /**
   * The directives as they stand after the edits: x/mod's {@code File} fields, which
   * {@code go mod edit -json} prints. A dropped directive is gone only after {@link #cleanup()}
   * (before, it is not listed either); a retraction added by {@link #retract} is not listed, as in x/mod.
   *
   * @return the file's directives, never {@code null}
   */
  public GoModFile file() {
    GoModFile.Interpreter in = new GoModFile.Interpreter(fileName, goMinor, true);
    if (moduleEntry != null) {
      in.module = moduleEntry.path;
      in.deprecated = deprecated == null ? "" : deprecated;
    }
    in.goVersion = go == null ? null : go.version;
    in.toolchain = toolchain == null ? null : toolchain.version;
    for (Entry e : godebugs) {
      if (!e.removed()) {
        in.godebugs.add(new GoModFile.Godebug(e.path, e.version));
        in.godebugLines.add(0);
      }
    }
    for (Entry e : requires) {
      if (!e.removed()) {
        in.requires.add(new GoModFile.Require(e.path, e.version, e.indirect));
      }
    }
    for (Entry e : excludes) {
      if (!e.removed()) {
        in.excludes.add(new GoModFile.Exclude(e.path, e.version));
      }
    }
    for (Entry e : replaces) {
      if (!e.removed()) {
        in.replaces.add(new GoModFile.Replace(e.path, e.version, e.newPath, e.newVersion));
      }
    }
    for (Entry e : retracts) {
      if (!e.removed()) {
        in.retractions.add(new GoModFile.Retraction(e.path, e.version, e.newPath));
      }
    }
    for (Entry e : tools) {
      if (!e.removed()) {
        in.tools.add(e.path);
      }
    }
    for (Entry e : ignores) {
      if (!e.removed()) {
        in.ignores.add(e.path);
      }
    }
    return GoModFile.of(in);
  }
}
