package io.github.goproxy4j.modfile;

import io.github.goproxy4j.internal.GoUnicode;
import io.github.goproxy4j.internal.GoUtf8;
import io.github.goproxy4j.modfile.ModSyntax.Block;
import io.github.goproxy4j.modfile.ModSyntax.Comment;
import io.github.goproxy4j.modfile.ModSyntax.CommentBlock;
import io.github.goproxy4j.modfile.ModSyntax.Line;
import io.github.goproxy4j.modfile.ModSyntax.Node;
import io.github.goproxy4j.modfile.ModSyntax.Paren;
import io.github.goproxy4j.modfile.ModSyntax.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints a go.mod syntax tree as x/mod's {@code modfile.Format} does (print.go): statements one a
 * line, a blank line between statements that were apart, block lines indented by a tab, comments
 * trimmed, pending end-of-line comments written before the line ends. From the x/mod of Go 1.21 a
 * line break never makes a second blank line and the output ends in one newline; the x/mod of
 * Go 1.19 writes every break it is asked for.
 */
final class ModPrinter {
  private byte[] buf = new byte[512];
  private int len;
  private final List<Comment> pending = new ArrayList<>();
  private int margin;
  private final boolean collapseBreaks;

  private ModPrinter(int goMinor) {
    this.collapseBreaks = goMinor >= 21;
  }

  /** modfile.Format of the syntax tree, as the release's x/mod prints it. */
  static byte[] format(ModSyntax syntax, int goMinor) {
    ModPrinter p = new ModPrinter(goMinor);
    p.file(syntax.stmts);
    int n = p.len;
    if (p.collapseBreaks) {
      while (n > 0 && p.buf[n - 1] == '\n' && (n == 1 || p.buf[n - 2] == '\n')) {
        n--;
      }
    }
    return Arrays.copyOf(p.buf, n);
  }

  private void write(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private void write(char c) {
    ensure(1);
    buf[len++] = (byte) c;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  /** A comment's bytes without leading and trailing white space (strings.TrimSpace, invalid UTF-8 kept). */
  private void writeComment(Comment c) {
    byte[] b = c.bytes();
    int from = 0;
    int to = b.length;
    while (from < to) {
      long d = GoUtf8.decodeRune(b, from, to);
      int size = (int) (d & 7);
      if (!GoUnicode.isSpace((int) (d >>> 3))) {
        break;
      }
      from += size;
    }
    while (to > from) {
      int j = to - 1;
      while (j > from && j > to - 4 && (b[j] & 0xC0) == 0x80) {
        j--;
      }
      long d = GoUtf8.decodeRune(b, j, to);
      if ((int) (d & 7) != to - j || !GoUnicode.isSpace((int) (d >>> 3))) {
        break;
      }
      to = j;
    }
    ensure(to - from);
    System.arraycopy(b, from, buf, len, to - from);
    len += to - from;
  }


  private void tabs() {
    for (int i = 0; i < margin; i++) {
      write('\t');
    }
  }

  /** Bytes written since the last newline. */
  private int indent() {
    int n = 0;
    while (n < len && buf[len - 1 - n] != '\n') {
      n++;
    }
    return n;
  }

  private void trim() {
    while (len > 0 && (buf[len - 1] == '\t' || buf[len - 1] == ' ')) {
      len--;
    }
  }

  private void newline() {
    if (!pending.isEmpty()) {
      write(' ');
      for (int i = 0; i < pending.size(); i++) {
        if (i > 0) {
          trim();
          write('\n');
          tabs();
        }
        writeComment(pending.get(i));
      }
      pending.clear();
    }
    trim();
    boolean skip = collapseBreaks && (len == 0 || len >= 2 && buf[len - 1] == '\n' && buf[len - 2] == '\n');
    if (!skip) {
      write('\n');
    }
    tabs();
  }

  private void file(List<Node> stmts) {
    for (int i = 0; i < stmts.size(); i++) {
      Node stmt = stmts.get(i);
      expr(stmt);
      if (!(stmt instanceof CommentBlock)) {
        newline();
      }
      if (i + 1 < stmts.size()) {
        newline();
      }
    }
  }

  private void expr(Node x) {
    before(x);
    if (x instanceof Line) {
      tokens(((Line) x).tokens);
    } else if (x instanceof Block) {
      Block b = (Block) x;
      tokens(b.tokens);
      write(' ');
      paren(b.lparen, '(');
      margin++;
      for (Line l : b.lines) {
        newline();
        expr(l);
      }
      margin--;
      newline();
      paren(b.rparen, ')');
    }
    pending.addAll(x.suffix);
  }

  private void paren(Paren p, char c) {
    before(p);
    write(c);
    pending.addAll(p.suffix);
  }

  private void before(Node x) {
    if (!x.before.isEmpty()) {
      trim();
      if (indent() > 0) {
        write('\n');
      }
      tabs();
      for (Comment c : x.before) {
        writeComment(c);
        newline();
      }
    }
  }

  private void tokens(List<Token> tokens) {
    String sep = "";
    for (Token t : tokens) {
      if (t.is(",") || t.is(")") || t.is("]") || t.is("}")) {
        sep = "";
      }
      for (int i = 0; i < sep.length(); i++) {
        write(sep.charAt(i));
      }
      write(t.raw());
      sep = " ";
      if (t.is("(") || t.is("[") || t.is("{")) {
        sep = "";
      }
    }
  }
}
