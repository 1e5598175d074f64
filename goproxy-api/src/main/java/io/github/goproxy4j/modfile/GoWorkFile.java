package io.github.goproxy4j.modfile;

import io.github.goproxy4j.modfile.ModSyntax.Block;
import io.github.goproxy4j.modfile.ModSyntax.Line;
import io.github.goproxy4j.modfile.ModSyntax.Node;
import io.github.goproxy4j.modfile.ModSyntax.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A go.work file, parsed exactly as the given Go release's go command parses it (x/mod's
 * {@code modfile.ParseWork(name, data, nil)}): {@code go}, {@code toolchain} (Go 1.21),
 * {@code godebug} (Go 1.23), {@code use} and {@code replace} directives, with Go's
 * {@code file:line: message} errors. The lexical rules are go.mod's.
 *
 * <pre>{@code
 * GoWorkFile work = GoWorkFile.parse("go.work", Files.readAllBytes(dir.resolve("go.work")), "1.27");
 * work.uses();       // [./a, ./b]
 * work.replaces();   // replacements that apply to every module of the workspace
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GoWorkFile {
  private final String goVersion;
  private final String toolchain;
  private final List<GoModFile.Godebug> godebugs;
  private final List<String> uses;
  private final List<Integer> useLines;
  private final List<Integer> godebugLines;
  private final List<GoModFile.Replace> replaces;

  private GoWorkFile(String goVersion, String toolchain, List<GoModFile.Godebug> godebugs, List<String> uses,
      List<Integer> useLines, List<Integer> godebugLines, List<GoModFile.Replace> replaces) {
    this.useLines = List.copyOf(useLines);
    this.godebugLines = List.copyOf(godebugLines);
    this.goVersion = goVersion;
    this.toolchain = toolchain;
    this.godebugs = List.copyOf(godebugs);
    this.uses = List.copyOf(uses);
    this.replaces = List.copyOf(replaces);
  }

  /**
   * Parses a go.work file with the rules of the given Go release.
   *
   * @param fileName the name used in error messages (go prints the file's path), never {@code null}
   * @param content the file content, never {@code null}
   * @param goRelease a Go release such as {@code "1.19"} or {@code "1.27"}, never {@code null}
   * @return the parsed file, never {@code null}
   * @throws GoModSyntaxException with Go's message (every error, one per line) when the file is malformed
   * @throws IllegalArgumentException when {@code goRelease} is not of the form {@code 1.N}
   */
  public static GoWorkFile parse(String fileName, byte[] content, String goRelease) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    int minor = ModRules.releaseMinor(goRelease);
    ModSyntax syntax = ModRules.syntax(fileName, content);
    ModRules.Errors errors = new ModRules.Errors(fileName);
    State st = new State(minor, errors);
    for (Node x : syntax.stmts) {
      if (x instanceof Line) {
        Line l = (Line) x;
        st.add(l, l.tokens.get(0).text(), l.tokens.subList(1, l.tokens.size()));
      } else if (x instanceof Block) {
        Block b = (Block) x;
        String verb = b.tokens.get(0).text();
        boolean known = verb.equals("use") || verb.equals("replace") || verb.equals("godebug") && minor >= 23;
        if (b.tokens.size() != 1 || !known) {
          List<String> words = new ArrayList<>();
          b.tokens.forEach(t -> words.add(t.text()));
          errors.add(b.start, "unknown block type: " + String.join(" ", words));
          continue;
        }
        for (Line l : b.lines) {
          st.add(l, verb, l.tokens);
        }
      }
    }
    errors.throwIfAny();
    return new GoWorkFile(st.goVersion, st.toolchain, st.godebugs, st.uses, st.useLines, st.godebugLines,
        st.replaces);
  }

  /** The directives read so far. */
  private static final class State {
    private final int minor;
    private final ModRules.Errors errors;
    private String goVersion;
    private String toolchain;
    private final List<GoModFile.Godebug> godebugs = new ArrayList<>();
    private final List<String> uses = new ArrayList<>();
    private final List<Integer> useLines = new ArrayList<>();
    private final List<Integer> godebugLines = new ArrayList<>();
    private final List<GoModFile.Replace> replaces = new ArrayList<>();

    State(int minor, ModRules.Errors errors) {
      this.minor = minor;
      this.errors = errors;
    }

    void add(Line line, String verb, List<Token> args) {
      try {
        switch (verb) {
          case "go":
            if (goVersion != null) {
              errors.add(line, "repeated go statement");
            } else if (args.size() != 1) {
              errors.add(line, "go directive expects exactly one argument");
            } else {
              String bad = ModRules.checkGo(args.get(0).text(), minor, true);
              if (bad != null) {
                errors.add(line, bad);
              } else {
                goVersion = args.get(0).text();
              }
            }
            return;
          case "toolchain":
            if (minor < 21) {
              break;
            }
            if (toolchain != null) {
              errors.add(line, "repeated toolchain statement");
            } else if (args.size() != 1) {
              errors.add(line, "toolchain directive expects exactly one argument");
            } else {
              String bad = ModRules.checkToolchain(args.get(0).text(), minor, true);
              if (bad != null) {
                errors.add(line, bad);
              } else {
                toolchain = args.get(0).text();
              }
            }
            return;
          case "godebug":
            if (minor < 23) {
              break;
            }
            godebugs.add(ModRules.parseGodebug(args));
            godebugLines.add(line.start.line());
            return;
          case "use":
            if (args.size() != 1) {
              errors.add(line, "usage: use local/dir");
              return;
            }
            uses.add(ModRules.quotedString(args.get(0)));
            useLines.add(line.start.line());
            return;
          case "replace":
            replaces.add(ModRules.parseReplace(args, minor));
            return;
          default:
            break;
        }
        errors.add(line, "unknown directive: " + verb);
      } catch (ModRules.BadDirective e) {
        errors.add(line, e.getMessage());
      }
    }
  }

  /**
   * Returns the version from the {@code go} directive.
   *
   * @return for example {@code "1.22.0"}; empty when there is no {@code go} line
   */
  public Optional<String> goVersion() {
    return Optional.ofNullable(goVersion);
  }

  /**
   * Returns the toolchain from the {@code toolchain} directive (Go 1.21 and later).
   *
   * @return for example {@code "go1.22.3"}; empty when there is none
   */
  public Optional<String> toolchain() {
    return Optional.ofNullable(toolchain);
  }

  /**
   * Returns the {@code godebug} directives in file order (Go 1.23 and later).
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<GoModFile.Godebug> godebugs() {
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
   * Returns the directories of the {@code use} directives, as written (unquoted), in file order.
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<String> uses() {
    return uses;
  }

  /**
   * Returns the line of a {@code use} directive, as go's messages about it name it.
   *
   * @param index the directive's index in {@link #uses()}
   * @return its 1-based line number in the file
   * @throws IndexOutOfBoundsException when there is no such directive
   */
  public int useLine(int index) {
    return useLines.get(index);
  }

  /**
   * Returns the {@code replace} directives in file order.
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<GoModFile.Replace> replaces() {
    return replaces;
  }

  @Override
  public String toString() {
    return "GoWorkFile{go=" + goVersion + ", use=" + uses + ", replaces=" + replaces.size() + "}";
  }
}
