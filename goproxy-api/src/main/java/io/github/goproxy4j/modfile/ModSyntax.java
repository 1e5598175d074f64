package io.github.goproxy4j.modfile;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoUnicode;
import io.github.goproxy4j.internal.GoUtf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The go.mod lexer and parser: the file's syntax tree (lines, blocks, comments) with the lexical
 * rules of x/mod's modfile (read.go), written afresh. Tokens keep their raw bytes so that quoted
 * strings and invalid UTF-8 behave as in Go.
 */
final class ModSyntax {
  /** A position: line (from 1), rune in line (from 1), byte offset (from 0). */
  record Pos(int line, int lineRune, int offset) {
    Pos plusOneByte() {
      return new Pos(line, lineRune + 1, offset + 1);
    }
  }

  /** A {@code //} comment; {@code token} has no trailing newline; an empty token marks a blank line. */
  record Comment(Pos start, String token, boolean suffix, byte[] raw) {
    /** A comment written by an edit: its bytes are the token's UTF-8. */
    Comment(Pos start, String token, boolean suffix) {
      this(start, token, suffix, null);
    }

    /** The comment's bytes as in the file (invalid UTF-8 kept), or as an edit wrote it. */
    byte[] bytes() {
      return raw != null ? raw : token.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Any node that comments attach to. */
  abstract static class Node {
    final List<Comment> before = new ArrayList<>();
    final List<Comment> suffix = new ArrayList<>();

    abstract Pos start();

    abstract Pos end();
  }

  /** A token: its decoded text and raw bytes. */
  record Token(String text, byte[] raw) {
    /** A token written by an edit (its text as UTF-8). */
    static Token of(String text) {
      return new Token(text, text.getBytes(StandardCharsets.UTF_8));
    }

    boolean is(String s) {
      return text.equals(s) && raw.length == s.length();
    }

    boolean sameAs(Token o) {
      return java.util.Arrays.equals(raw, o.raw);
    }
  }

  /** A line; an edit may change its tokens, and marks it removed with {@code null} tokens. */
  static final class Line extends Node {
    final Pos start;
    List<Token> tokens;
    final Pos end;
    boolean inBlock;

    Line(Pos start, List<Token> tokens, Pos end, boolean inBlock) {
      this.start = start;
      this.tokens = tokens;
      this.end = end;
      this.inBlock = inBlock;
    }

    @Override
    Pos start() {
      return start;
    }

    @Override
    Pos end() {
      return end;
    }
  }

  static final class Paren extends Node {
    Pos pos;

    @Override
    Pos start() {
      return pos;
    }

    @Override
    Pos end() {
      return pos.plusOneByte();
    }
  }

  static final class Block extends Node {
    final Pos start;
    final List<Token> tokens;
    final Paren lparen = new Paren();
    final List<Line> lines = new ArrayList<>();
    final Paren rparen = new Paren();

    Block(Pos start, List<Token> tokens) {
      this.start = start;
      this.tokens = tokens;
    }

    @Override
    Pos start() {
      return start;
    }

    @Override
    Pos end() {
      return rparen.pos.plusOneByte();
    }
  }

  static final class CommentBlock extends Node {
    final Pos start;

    CommentBlock(Pos start) {
      this.start = start;
    }

    @Override
    Pos start() {
      return start;
    }

    @Override
    Pos end() {
      return start;
    }
  }

  /** A lexical or syntax error: Go reports the first one and stops. */
  static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Pos pos;

    SyntaxError(Pos pos, String message) {
      super(message, null, false, false);
      this.pos = pos;
    }
  }

  // Token kinds (punctuation tokens use their ASCII code).
  static final int EOF = -1;
  static final int EOLCOMMENT = -2;
  static final int IDENT = -3;
  static final int STRING = -4;
  static final int COMMENT = -5;

  private final String fileName;
  private final byte[] data;
  private int off;
  private int line = 1;
  private int lineRune = 1;
  private final List<Comment> comments = new ArrayList<>();
  final List<Node> stmts = new ArrayList<>();

  // the look-ahead token
  private int kind;
  private Pos tokPos;
  private Pos tokEnd;
  private int tokStartOff;
  private int tokEndOff;
  private String tokText;

  private ModSyntax(String fileName, byte[] data) {
    this.fileName = fileName;
    this.data = data;
  }

  /**
   * Parses the syntax of a go.mod file.
   *
   * @throws SyntaxError on the first lexical or syntax error
   */
  static ModSyntax parse(String fileName, byte[] data) {
    ModSyntax in = new ModSyntax(fileName, data);
    in.readToken();
    in.parseFile();
    in.assignComments();
    return in;
  }

  private Pos pos() {
    return new Pos(line, lineRune, off);
  }

  private SyntaxError error(String msg) {
    return new SyntaxError(pos(), msg);
  }

  private boolean eof() {
    return off >= data.length;
  }

  private int peekRune() {
    if (eof()) {
      return 0;
    }
    return (int) (GoUtf8.decodeRune(data, off, data.length) >>> 3);
  }

  private boolean peekPrefix(char a, char b) {
    return off + 1 < data.length && data[off] == a && data[off + 1] == b;
  }

  private int readRune() {
    long d = GoUtf8.decodeRune(data, off, data.length);
    int r = (int) (d >>> 3);
    off += (int) (d & 7);
    if (r == '\n') {
      line++;
      lineRune = 1;
    } else {
      lineRune++;
    }
    return r;
  }

  private void startToken() {
    tokStartOff = off;
    tokPos = pos();
  }

  private void endToken(int k) {
    kind = k;
    int end = off;
    if (k == COMMENT || k == EOLCOMMENT) {
      if (end - tokStartOff >= 2 && data[end - 2] == '\r' && data[end - 1] == '\n') {
        end -= 2;
      } else if (end > tokStartOff && data[end - 1] == '\n') {
        end -= 1;
      }
    }
    tokText = decode(data, tokStartOff, end);
    tokEndOff = end;
    tokEnd = pos();
  }

  /** Decodes like Go's string conversion of runes: each invalid byte becomes U+FFFD. */
  static String decode(byte[] b, int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
    StringBuilder sb = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      long d = GoUtf8.decodeRune(b, i, to);
      sb.appendCodePoint((int) (d >>> 3));
      i += (int) (d & 7);
    }
    return sb.toString();
  }

  private static boolean isIdent(int c) {
    switch (c) {
      case ' ': case '(': case ')': case '[': case ']': case '{': case '}': case ',':
        return false;
      default:
        return !GoUnicode.isSpace(c) && GoUnicode.isPrint(c);
    }
  }

  private void readToken() {
    while (!eof()) {
      int c = peekRune();
      if (c == ' ' || c == '\t' || c == '\r') {
        readRune();
        continue;
      }
      if (peekPrefix('/', '/')) {
        startToken();
        // A comment is a suffix comment unless only white space precedes it on its line.
        boolean suffix = false;
        for (int i = off - 1; i >= 0 && data[i] != '\n'; i--) {
          byte x = data[i];
          if (x != ' ' && x != '\t' && x != '\r') {
            suffix = true;
            break;
          }
        }
        readRune();
        readRune();
        while (!eof() && readRune() != '\n') {
          // consume the comment
        }
        if (!suffix) {
          endToken(COMMENT);
          return;
        }
        endToken(EOLCOMMENT);
        comments.add(new Comment(tokPos, tokText, true, java.util.Arrays.copyOfRange(data, tokStartOff, tokEndOff)));
        return;
      }
      if (peekPrefix('/', '*')) {
        throw error("mod files must use // comments (not /* */ comments)");
      }
      break;
    }
    startToken();
    if (eof()) {
      endToken(EOF);
      return;
    }
    int c = peekRune();
    switch (c) {
      case '\n': case '(': case ')': case '[': case ']': case '{': case '}': case ',':
        readRune();
        endToken(c);
        return;
      case '"': case '`': {
        int quote = c;
        readRune();
        while (true) {
          if (eof()) {
            throw new SyntaxError(tokPos, "unexpected EOF in string");
          }
          if (peekRune() == '\n') {
            throw error("unexpected newline in string");
          }
          int r = readRune();
          if (r == quote) {
            break;
          }
          if (r == '\\' && quote != '`') {
            if (eof()) {
              throw new SyntaxError(tokPos, "unexpected EOF in string");
            }
            readRune();
          }
        }
        endToken(STRING);
        return;
      }
      default:
        break;
    }
    if (!isIdent(c)) {
      throw error("unexpected input character " + GoQuote.quoteRune(c));
    }
    while (isIdent(peekRune())) {
      if (peekPrefix('/', '/')) {
        break;
      }
      if (peekPrefix('/', '*')) {
        throw error("mod files must use // comments (not /* */ comments)");
      }
      readRune();
    }
    endToken(IDENT);
  }

  private static boolean isEol(int k) {
    return k == EOF || k == EOLCOMMENT || k == '\n';
  }

  /** The current token, consumed; the next one is read ahead. */
  private record Lexed(int kind, Pos pos, Pos end, Token token) {}

  private Lexed lex() {
    Lexed t = new Lexed(kind, tokPos, tokEnd,
        new Token(tokText, java.util.Arrays.copyOfRange(data, tokStartOff, tokStartOff + rawLength())));
    readToken();
    return t;
  }

  private int rawLength() {
    // the raw bytes of the token text (a comment's without its newline)
    if (kind == COMMENT || kind == EOLCOMMENT) {
      return tokEndOff - tokStartOff;
    }
    if (kind == EOF) {
      return 0;
    }
    return tokEnd.offset() - tokStartOff;
  }

  private void parseFile() {
    CommentBlock cb = null;
    while (true) {
      switch (kind) {
        case '\n':
          lex();
          if (cb != null) {
            stmts.add(cb);
            cb = null;
          }
          break;
        case COMMENT: {
          Lexed t = lex();
          if (cb == null) {
            cb = new CommentBlock(t.pos());
          }
          cb.before.add(new Comment(t.pos(), t.token().text(), false, t.token().raw()));
          break;
        }
        case EOF:
          if (cb != null) {
            stmts.add(cb);
          }
          return;
        default:
          parseStmt();
          if (cb != null) {
            Node last = stmts.get(stmts.size() - 1);
            last.before.clear();
            last.before.addAll(cb.before);
            cb = null;
          }
      }
    }
  }

  private void parseStmt() {
    Lexed first = lex();
    Pos start = first.pos();
    Pos end = first.end();
    List<Token> tokens = new ArrayList<>();
    tokens.add(first.token());
    while (true) {
      Lexed t = lex();
      if (isEol(t.kind())) {
        stmts.add(new Line(start, tokens, end, false));
        return;
      }
      if (t.kind() == '(') {
        if (isEol(kind)) {
          stmts.add(parseLineBlock(start, tokens, t));
          return;
        } else if (kind == ')') {
          Lexed rparen = lex();
          if (isEol(kind)) {
            lex();
            Block b = new Block(start, tokens);
            b.lparen.pos = t.pos();
            b.rparen.pos = rparen.pos();
            stmts.add(b);
            return;
          }
          tokens.add(t.token());
          tokens.add(rparen.token());
        } else {
          tokens.add(t.token());
        }
      } else {
        tokens.add(t.token());
        end = t.end();
      }
    }
  }

  private Block parseLineBlock(Pos start, List<Token> tokens, Lexed lparen) {
    Block x = new Block(start, tokens);
    x.lparen.pos = lparen.pos();
    List<Comment> pending = new ArrayList<>();
    while (true) {
      switch (kind) {
        case EOLCOMMENT:
          lex();
          break;
        case '\n':
          lex();
          if (pending.isEmpty() && !x.lines.isEmpty()
              || !pending.isEmpty() && !pending.get(pending.size() - 1).token().isEmpty()) {
            pending.add(new Comment(null, "", false));
          }
          break;
        case COMMENT: {
          Lexed t = lex();
          pending.add(new Comment(t.pos(), t.token().text(), false, t.token().raw()));
          break;
        }
        case EOF:
          throw error("syntax error (unterminated block started at " + fileName + ":" + x.start.line() + ":"
              + x.start.lineRune() + ")");
        case ')': {
          Lexed rparen = lex();
          x.rparen.before.addAll(pending);
          x.rparen.pos = rparen.pos();
          if (!isEol(kind)) {
            throw error("syntax error (expected newline after closing paren)");
          }
          lex();
          return x;
        }
        default: {
          Line l = parseLine();
          x.lines.add(l);
          l.before.addAll(pending);
          pending = new ArrayList<>();
        }
      }
    }
  }

  private Line parseLine() {
    Lexed first = lex();
    Pos start = first.pos();
    Pos end = first.end();
    List<Token> tokens = new ArrayList<>();
    tokens.add(first.token());
    while (true) {
      Lexed t = lex();
      if (isEol(t.kind())) {
        return new Line(start, tokens, end, true);
      }
      tokens.add(t.token());
      end = t.end();
    }
  }

  /** Attaches each end-of-line comment to the nearest single-line node that ends before it. */
  private void assignComments() {
    List<Node> post = new ArrayList<>();
    for (Node s : stmts) {
      if (s instanceof Block) {
        Block b = (Block) s;
        post.add(b.lparen);
        post.addAll(b.lines);
        post.add(b.rparen);
      }
      post.add(s);
    }
    int n = comments.size(); // all are suffix comments; whole-line ones were parsed as COMMENT tokens
    for (int i = post.size() - 1; i >= 0; i--) {
      Node x = post.get(i);
      Pos start = x.start();
      Pos end = x.end();
      if (start.line() != end.line()) {
        continue;
      }
      int from = n;
      while (n > 0 && end.offset() <= comments.get(n - 1).start().offset()) {
        n--;
      }
      // Go appends them in reverse and then reverses the list: document order.
      x.suffix.addAll(comments.subList(n, from));
    }
  }
}
