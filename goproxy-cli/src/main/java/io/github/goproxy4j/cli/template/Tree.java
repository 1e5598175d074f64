package io.github.goproxy4j.cli.template;

import io.github.goproxy4j.cli.template.Lexer.Item;
import io.github.goproxy4j.cli.template.Lexer.Type;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoStrconv;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.internal.GoUtf8;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * text/template's parser and parse tree (text/template/parse's parse.go and node.go): go's
 * grammar, its node positions and texts (what an execution error quotes) and its parse errors
 * ({@code template: main:1: ...}), as go1.{@code minor} parses.
 */
final class Tree {
  /** A parse failure: go's text. */
  static final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParseError(String message) {
      super(message, null, false, false);
    }
  }

  /** A node of the tree: its position (an index into the text) and go's String form. */
  abstract static class Node {
    final int pos;

    Node(int pos) {
      this.pos = pos;
    }

    abstract void writeTo(StringBuilder sb);

    @Override
    public final String toString() {
      StringBuilder sb = new StringBuilder();
      writeTo(sb);
      return sb.toString();
    }
  }

  static final class ListNode extends Node {
    final List<Node> nodes = new ArrayList<>();

    ListNode(int pos) {
      super(pos);
    }

    @Override
    void writeTo(StringBuilder sb) {
      nodes.forEach(n -> n.writeTo(sb));
    }
  }

  static final class TextNode extends Node {
    final String text;

    TextNode(int pos, String text) {
      super(pos);
      this.text = text;
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append(text);
    }
  }

  static final class PipeNode extends Node {
    final int line;
    boolean isAssign;
    final List<VariableNode> decl = new ArrayList<>();
    final List<CommandNode> cmds = new ArrayList<>();

    PipeNode(int pos, int line) {
      super(pos);
      this.line = line;
    }

    @Override
    void writeTo(StringBuilder sb) {
      if (!decl.isEmpty()) {
        for (int i = 0; i < decl.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          decl.get(i).writeTo(sb);
        }
        sb.append(isAssign ? " = " : " := ");
      }
      for (int i = 0; i < cmds.size(); i++) {
        if (i > 0) {
          sb.append(" | ");
        }
        cmds.get(i).writeTo(sb);
      }
    }
  }

  static final class ActionNode extends Node {
    final PipeNode pipe;

    ActionNode(int pos, PipeNode pipe) {
      super(pos);
      this.pipe = pipe;
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append("{{");
      pipe.writeTo(sb);
      sb.append("}}");
    }
  }

  static final class CommandNode extends Node {
    final List<Node> args = new ArrayList<>();

    CommandNode(int pos) {
      super(pos);
    }

    @Override
    void writeTo(StringBuilder sb) {
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        Node a = args.get(i);
        if (a instanceof PipeNode) {
          sb.append('(');
          a.writeTo(sb);
          sb.append(')');
        } else {
          a.writeTo(sb);
        }
      }
    }
  }

  static final class IdentifierNode extends Node {
    final String ident;

    IdentifierNode(int pos, String ident) {
      super(pos);
      this.ident = ident;
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append(ident);
    }
  }

  static final class VariableNode extends Node {
    final List<String> ident;

    VariableNode(int pos, String ident) {
      super(pos);
      this.ident = List.of(ident.split("\\.", -1));
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append(String.join(".", ident));
    }
  }

  static final class DotNode extends Node {
    DotNode(int pos) {
      super(pos);
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append('.');
    }
  }

  static final class NilNode extends Node {
    NilNode(int pos) {
      super(pos);
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append("nil");
    }
  }

  static final class FieldNode extends Node {
    final List<String> ident;

    FieldNode(int pos, String ident) {
      super(pos);
      this.ident = List.of(ident.substring(1).split("\\.", -1));
    }

    @Override
    void writeTo(StringBuilder sb) {
      ident.forEach(id -> sb.append('.').append(id));
    }
  }

  static final class ChainNode extends Node {
    final Node node;
    final List<String> field = new ArrayList<>();

    ChainNode(int pos, Node node) {
      super(pos);
      this.node = node;
    }

    void add(String f) {
      if (f.isEmpty() || f.charAt(0) != '.') {
        throw new IllegalStateException("no dot in field");
      }
      field.addAll(Arrays.asList(f.substring(1).split("\\.", -1)));
    }

    @Override
    void writeTo(StringBuilder sb) {
      if (node instanceof PipeNode) {
        sb.append('(');
        node.writeTo(sb);
        sb.append(')');
      } else {
        node.writeTo(sb);
      }
      field.forEach(f -> sb.append('.').append(f));
    }
  }

  static final class BoolNode extends Node {
    final boolean value;

    BoolNode(int pos, boolean value) {
      super(pos);
      this.value = value;
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append(value);
    }
  }

  static final class NumberNode extends Node {
    final String text;
    boolean isInt;
    boolean isUint;
    boolean isFloat;
    boolean isComplex;
    long int64;
    long uint64;
    double float64;

    NumberNode(int pos, String text) {
      super(pos);
      this.text = text;
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append(text);
    }
  }

  static final class StringNode extends Node {
    final String quoted;
    final String text;

    StringNode(int pos, String quoted, String text) {
      super(pos);
      this.quoted = quoted;
      this.text = text;
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append(quoted);
    }
  }

  /** {{end}} and {{else}}: returned by itemList, never in the tree. */
  static final class EndNode extends Node {
    final boolean isElse;

    EndNode(int pos, boolean isElse) {
      super(pos);
      this.isElse = isElse;
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append(isElse ? "{{else}}" : "{{end}}");
    }
  }

  /** if, range and with. */
  static final class BranchNode extends Node {
    final String kind;
    final PipeNode pipe;
    final ListNode list;
    final ListNode elseList;

    BranchNode(String kind, PipeNode pipe, ListNode list, ListNode elseList) {
      super(pipe.pos);
      this.kind = kind;
      this.pipe = pipe;
      this.list = list;
      this.elseList = elseList;
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append("{{").append(kind).append(' ');
      pipe.writeTo(sb);
      sb.append("}}");
      list.writeTo(sb);
      if (elseList != null) {
        sb.append("{{else}}");
        elseList.writeTo(sb);
      }
      sb.append("{{end}}");
    }
  }

  /** {{template "name" pipeline}}. */
  static final class TemplateNode extends Node {
    final String name;
    final PipeNode pipe;

    TemplateNode(int pos, String name, PipeNode pipe) {
      super(pos);
      this.name = name;
      this.pipe = pipe;
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append("{{template ").append(Fmt.quote(name));
      if (pipe != null) {
        sb.append(' ');
        pipe.writeTo(sb);
      }
      sb.append("}}");
    }
  }

  /** {{break}} or {{continue}}. */
  static final class LoopControlNode extends Node {
    final boolean isBreak;

    LoopControlNode(int pos, boolean isBreak) {
      super(pos);
      this.isBreak = isBreak;
    }

    @Override
    void writeTo(StringBuilder sb) {
      sb.append(isBreak ? "{{break}}" : "{{continue}}");
    }
  }

  final String text;
  private final int minor;
  private final Set<String> funcs;
  private final Lexer lex;
  /**
   * The template set (text/template's treeSet): each {{define}} and {{block}} body and "main" by
   * name, shared by the tree of "main" and those of the bodies parsed inside it.
   */
  final Map<String, ListNode> templates;
  /** The tree of "main", which the trees of the bodies parsed inside it report to. */
  private final Tree top;
  /** Whether the text has a {{template}} or {{block}} action (set on the tree of "main"). */
  boolean callsTemplates;
  private final Item[] token = new Item[3];
  private int peekCount;
  private final List<String> vars = new ArrayList<>(List.of("$"));
  private int actionLine;
  private int rangeDepth;
  private int stackDepth;
  /** This tree's own nodes (for "main", the text outside {{define}}s); what runs is in {@link #templates}. */
  ListNode root;

  /**
   * Parses {@code text} as go1.{@code minor}'s template "main" with the functions {@code funcs},
   * with the templates it defines.
   *
   * @throws ParseError go's parse error
   * @throws Template.Unsupported what goproxy does not model
   */
  Tree(String text, int minor, Set<String> funcs) {
    this.text = text;
    this.minor = minor;
    this.funcs = funcs;
    this.lex = new Lexer(text, minor);
    this.templates = new LinkedHashMap<>();
    this.top = this;
    this.root = parse();
    add("main");
  }

  /**
   * The tree of a {{define}} or {{block}} body (go's New plus startParse): it reads on from the
   * outer tree's lexer with its own lookahead, variables ($ only) and range depth, into the same
   * template set.
   */
  private Tree(Tree outer) {
    this.text = outer.text;
    this.minor = outer.minor;
    this.funcs = outer.funcs;
    this.lex = outer.lex;
    this.templates = outer.templates;
    this.top = outer.top;
  }

  /**
   * go's Tree.add: this tree becomes template {@code name} unless a non-empty one has that name;
   * then this one must be empty (a body of spaces is no redefinition).
   */
  private void add(String name) {
    ListNode old = templates.get(name);
    if (old == null || isEmptyTree(old)) {
      templates.put(name, root);
      return;
    }
    if (!isEmptyTree(root)) {
      throw errorf("template: multiple definition of template " + Fmt.quote(name));
    }
  }

  /** go's IsEmptyTree: only lists of text that is white space (unicode.IsSpace) are empty. */
  private static boolean isEmptyTree(Node n) {
    if (n instanceof ListNode) {
      for (Node c : ((ListNode) n).nodes) {
        if (!isEmptyTree(c)) {
          return false;
        }
      }
      return true;
    }
    return n instanceof TextNode && GoStrings.trimSpace(((TextNode) n).text).isEmpty();
  }

  // --- the token buffer: go's three-token lookahead

  private Item next() {
    if (peekCount > 0) {
      peekCount--;
    } else {
      token[0] = lex.nextItem();
    }
    return token[peekCount];
  }

  private void backup() {
    peekCount++;
  }

  private void backup2(Item t1) {
    token[1] = t1;
    peekCount = 2;
  }

  private void backup3(Item t2, Item t1) {
    token[1] = t1;
    token[2] = t2;
    peekCount = 3;
  }

  private Item peek() {
    if (peekCount > 0) {
      return token[peekCount - 1];
    }
    peekCount = 1;
    token[0] = lex.nextItem();
    return token[0];
  }

  private Item nextNonSpace() {
    Item t;
    do {
      t = next();
    } while (t.type() == Type.SPACE);
    return t;
  }

  private Item peekNonSpace() {
    Item t = nextNonSpace();
    backup();
    return t;
  }

  // --- errors

  private ParseError errorf(String message) {
    throw new ParseError("template: main:" + token[0].line() + ": " + message);
  }

  private Item expect(Type expected, String context) {
    Item t = nextNonSpace();
    if (t.type() != expected) {
      unexpected(t, context);
    }
    return t;
  }

  private void unexpected(Item t, String context) {
    if (t.type() == Type.ERROR) {
      String extra = "";
      if (actionLine != 0 && actionLine != t.line()) {
        extra = " in action started at main:" + actionLine;
        if (t.val().endsWith(" action")) {
          extra = extra.substring(" in action".length());
        }
      }
      throw errorf(t + extra);
    }
    throw errorf("unexpected " + t + " in " + context);
  }

  // --- the grammar

  private ListNode parse() {
    ListNode r = new ListNode(peek().pos());
    while (peek().type() != Type.EOF) {
      if (peek().type() == Type.LEFT_DELIM) {
        Item delim = next();
        if (nextNonSpace().type() == Type.DEFINE) {
          new Tree(this).parseDefinition();
          continue;
        }
        backup2(delim);
      }
      Node n = textOrAction();
      if (n instanceof EndNode) {
        throw errorf("unexpected " + n);
      }
      r.nodes.add(n);
    }
    return r;
  }

  /** {{define "name"}} ... {{end}}, "define" read: the body becomes template "name". */
  private void parseDefinition() {
    String context = "define clause";
    Item t = nextNonSpace();
    if (t.type() != Type.STRING && t.type() != Type.RAW_STRING) {
      unexpected(t, context);
    }
    String name = unquote(t.val());
    expect(Type.RIGHT_DELIM, context);
    Object[] l = itemList();
    root = (ListNode) l[0];
    if (((EndNode) l[1]).isElse) {
      throw errorf("unexpected " + l[1] + " in " + context);
    }
    add(name);
  }

  /** The nodes up to {{end}} or {{else}}: the list and that node. */
  private Object[] itemList() {
    ListNode list = new ListNode(peekNonSpace().pos());
    while (peekNonSpace().type() != Type.EOF) {
      Node n = textOrAction();
      if (n instanceof EndNode) {
        return new Object[] {list, n};
      }
      list.nodes.add(n);
    }
    throw errorf("unexpected EOF");
  }

  private Node textOrAction() {
    Item t = nextNonSpace();
    switch (t.type()) {
      case TEXT:
        return new TextNode(t.pos(), t.val());
      case LEFT_DELIM:
        actionLine = t.line();
        try {
          return action();
        } finally {
          actionLine = 0;
        }
      default:
        unexpected(t, "input");
        return null;
    }
  }

  private Node action() {
    Item t = nextNonSpace();
    switch (t.type()) {
      case BLOCK:
        return blockControl();
      case BREAK:
        return loopControl(t.pos(), true);
      case CONTINUE:
        return loopControl(t.pos(), false);
      case ELSE:
        return elseControl();
      case END:
        return new EndNode(expect(Type.RIGHT_DELIM, "end").pos(), false);
      case IF:
        return control("if");
      case RANGE:
        return control("range");
      case TEMPLATE:
        return templateControl();
      case WITH:
        return control("with");
      default:
        break;
    }
    backup();
    Item first = peek();
    return new ActionNode(first.pos(), pipeline("command", Type.RIGHT_DELIM));
  }

  /**
   * {{block "name" pipeline}} body {{end}}: the body becomes template "name" (parsed by a tree of
   * its own) and the action is {{template "name" pipeline}}. An {{else}} ending the body is
   * reported on this tree's line, as go's blockControl does.
   */
  private Node blockControl() {
    String context = "block clause";
    Item t = nextNonSpace();
    String name = templateName(t, context);
    PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
    Tree block = new Tree(this);
    Object[] l = block.itemList();
    block.root = (ListNode) l[0];
    if (((EndNode) l[1]).isElse) {
      throw errorf("unexpected " + l[1] + " in " + context);
    }
    block.add(name);
    top.callsTemplates = true;
    return new TemplateNode(t.pos(), name, pipe);
  }

  private String templateName(Item t, String context) {
    if (t.type() != Type.STRING && t.type() != Type.RAW_STRING) {
      unexpected(t, context);
    }
    return unquote(t.val());
  }

  /** {{template "name" pipeline}}; the pipeline's variables stay declared, as go's do. */
  private Node templateControl() {
    String context = "template clause";
    Item t = nextNonSpace();
    String name = templateName(t, context);
    PipeNode pipe = null;
    if (nextNonSpace().type() != Type.RIGHT_DELIM) {
      backup();
      pipe = pipeline(context, Type.RIGHT_DELIM);
    }
    top.callsTemplates = true;
    return new TemplateNode(t.pos(), name, pipe);
  }

  private Node loopControl(int pos, boolean isBreak) {
    String name = isBreak ? "{{break}}" : "{{continue}}";
    Item t = nextNonSpace();
    if (t.type() != Type.RIGHT_DELIM) {
      unexpected(t, name);
    }
    if (rangeDepth == 0) {
      throw errorf(name + " outside {{range}}");
    }
    return new LoopControlNode(pos, isBreak);
  }

  private PipeNode pipeline(String context, Type end) {
    Item first = peekNonSpace();
    PipeNode pipe = new PipeNode(first.pos(), first.line());
    boolean decls = true;
    while (decls) {
      decls = false;
      Item v = peekNonSpace();
      if (v.type() != Type.VARIABLE) {
        break;
      }
      next();
      Item afterVariable = peek();
      Item nxt = peekNonSpace();
      if (nxt.type() == Type.ASSIGN || nxt.type() == Type.DECLARE) {
        pipe.isAssign = nxt.type() == Type.ASSIGN;
        nextNonSpace();
        pipe.decl.add(new VariableNode(v.pos(), v.val()));
        vars.add(v.val());
      } else if (nxt.type() == Type.CHAR && nxt.val().equals(",")) {
        nextNonSpace();
        pipe.decl.add(new VariableNode(v.pos(), v.val()));
        vars.add(v.val());
        if (context.equals("range") && pipe.decl.size() < 2) {
          Type p = peekNonSpace().type();
          if (p == Type.VARIABLE || p == Type.RIGHT_DELIM || p == Type.RIGHT_PAREN) {
            decls = true;
            continue;
          }
          throw errorf("range can only initialize variables");
        }
        throw errorf("too many declarations in " + context);
      } else if (afterVariable.type() == Type.SPACE) {
        backup3(v, afterVariable);
      } else {
        backup2(v);
      }
    }
    while (true) {
      Item t = nextNonSpace();
      if (t.type() == end) {
        checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type()) {
        case BOOL: case CHAR_CONSTANT: case COMPLEX: case DOT: case FIELD: case IDENTIFIER: case NUMBER: case NIL:
        case RAW_STRING: case STRING: case VARIABLE: case LEFT_PAREN:
          backup();
          pipe.cmds.add(command());
          break;
        default:
          unexpected(t, context);
      }
    }
  }

  private void checkPipeline(PipeNode pipe, String context) {
    if (pipe.cmds.isEmpty()) {
      throw errorf("missing value for " + context);
    }
    for (int i = 1; i < pipe.cmds.size(); i++) {
      Node a = pipe.cmds.get(i).args.get(0);
      if (a instanceof BoolNode || a instanceof DotNode || a instanceof NilNode || a instanceof NumberNode
          || a instanceof StringNode) {
        throw errorf("non executable command in pipeline stage " + (i + 1));
      }
    }
  }

  private Node control(String context) {
    int mark = vars.size();
    try {
      PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
      if (context.equals("range")) {
        rangeDepth++;
      }
      Object[] l = itemList();
      if (context.equals("range")) {
        rangeDepth--;
      }
      ListNode list = (ListNode) l[0];
      EndNode nxt = (EndNode) l[1];
      ListNode elseList = null;
      if (nxt.isElse) {
        if (context.equals("if") && peek().type() == Type.IF) {
          next();
          elseList = new ListNode(nxt.pos);
          elseList.nodes.add(control("if"));
        } else if (minor >= 23 && context.equals("with") && peek().type() == Type.WITH) {
          next();
          elseList = new ListNode(nxt.pos);
          elseList.nodes.add(control("with"));
        } else {
          Object[] e = itemList();
          elseList = (ListNode) e[0];
          EndNode end = (EndNode) e[1];
          if (end.isElse) {
            throw errorf("expected end; found " + end);
          }
        }
      }
      return new BranchNode(context, pipe, list, elseList);
    } finally {
      while (vars.size() > mark) {
        vars.remove(vars.size() - 1);
      }
    }
  }

  private Node elseControl() {
    Item p = peekNonSpace();
    if (p.type() == Type.IF || (minor >= 23 && p.type() == Type.WITH)) {
      return new EndNode(p.pos(), true);
    }
    return new EndNode(expect(Type.RIGHT_DELIM, "else").pos(), true);
  }

  private CommandNode command() {
    CommandNode cmd = new CommandNode(peekNonSpace().pos());
    while (true) {
      peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        cmd.args.add(operand);
      }
      Item t = next();
      if (t.type() == Type.SPACE) {
        continue;
      }
      if (t.type() == Type.RIGHT_DELIM || t.type() == Type.RIGHT_PAREN) {
        backup();
      } else if (t.type() != Type.PIPE) {
        unexpected(t, "operand");
      }
      break;
    }
    if (cmd.args.isEmpty()) {
      throw errorf("empty command");
    }
    return cmd;
  }

  private Node operand() {
    Node node = term();
    if (node == null) {
      return null;
    }
    if (peek().type() == Type.FIELD) {
      ChainNode chain = new ChainNode(peek().pos(), node);
      while (peek().type() == Type.FIELD) {
        chain.add(next().val());
      }
      if (node instanceof FieldNode) {
        return new FieldNode(chain.pos, chain.toString());
      }
      if (node instanceof VariableNode) {
        return new VariableNode(chain.pos, chain.toString());
      }
      if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
          || node instanceof NilNode || node instanceof DotNode) {
        throw errorf("unexpected . after term " + Fmt.quote(node.toString()));
      }
      return chain;
    }
    return node;
  }

  private Node term() {
    Item t = nextNonSpace();
    switch (t.type()) {
      case IDENTIFIER:
        if (!funcs.contains(t.val())) {
          throw errorf("function " + Fmt.quote(t.val()) + " not defined");
        }
        return new IdentifierNode(t.pos(), t.val());
      case DOT:
        return new DotNode(t.pos());
      case NIL:
        return new NilNode(t.pos());
      case VARIABLE:
        return useVar(t.pos(), t.val());
      case FIELD:
        return new FieldNode(t.pos(), t.val());
      case BOOL:
        return new BoolNode(t.pos(), t.val().equals("true"));
      case CHAR_CONSTANT: case COMPLEX: case NUMBER:
        return number(t);
      case LEFT_PAREN:
        if (stackDepth >= 10000 && minor >= 21) {
          throw errorf("max expression depth exceeded");
        }
        stackDepth++;
        try {
          return pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
        } finally {
          stackDepth--;
        }
      case STRING: case RAW_STRING:
        return new StringNode(t.pos(), t.val(), unquote(t.val()));
      default:
        backup();
        return null;
    }
  }

  private Node useVar(int pos, String name) {
    VariableNode v = new VariableNode(pos, name);
    if (vars.contains(v.ident.get(0))) {
      return v;
    }
    throw errorf("undefined variable " + Fmt.quote(v.ident.get(0)));
  }

  /** strconv.Unquote of a string token; go's error is {@code invalid syntax}. */
  private String unquote(String quoted) {
    if (quoted.startsWith("`")) {
      String s = quoted.substring(1, quoted.length() - 1);
      if (s.indexOf('\r') >= 0) {
        s = s.replace("\r", ""); // strconv.Unquote drops carriage returns from raw strings
      }
      return s;
    }
    byte[] b = GoQuote.unquote(quoted.getBytes(StandardCharsets.UTF_8));
    if (b == null) {
      throw errorf("invalid syntax");
    }
    if (!GoUtf8.valid(b)) {
      // a \x or octal escape made bytes that are not UTF-8: go keeps them, a Java string cannot
      throw new Template.Unsupported("a string constant that is not valid UTF-8 (" + quoted + ")");
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  private NumberNode number(Item t) {
    String text = t.val();
    NumberNode n = new NumberNode(t.pos(), text);
    if (t.type() == Type.CHAR_CONSTANT) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      GoQuote.UnquotedChar c = GoQuote.unquoteChar(b, 1, '\'');
      if (c == null) {
        throw errorf("invalid syntax");
      }
      if (c.end() != b.length - 1 || b[c.end()] != '\'') {
        throw errorf("malformed character constant: " + text);
      }
      n.isInt = n.isUint = n.isFloat = true;
      n.int64 = c.value();
      n.uint64 = c.value();
      n.float64 = c.value();
      return n;
    }
    if (t.type() == Type.COMPLEX || text.endsWith("i")) {
      n.isComplex = true; // executed as unsupported (go would print a complex128)
      return n;
    }
    BigInteger u = parseInteger(text);
    if (u != null) {
      if (u.signum() >= 0 && u.bitLength() <= 64) {
        n.isUint = true;
        n.uint64 = u.longValue();
      }
      if (u.bitLength() <= 63) {
        n.isInt = true;
        n.int64 = u.longValue();
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = n.int64;
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = new BigInteger(Long.toUnsignedString(n.uint64)).doubleValue();
    } else {
      Double f = parseFloat(text);
      if (f != null) {
        if (!containsAny(text, ".eEpP")) {
          throw errorf("integer overflow: " + Fmt.quote(text));
        }
        n.isFloat = true;
        n.float64 = f;
        if (!Double.isInfinite(f) && f == Math.rint(f)) {
          BigInteger bi = new BigDecimal(f).toBigInteger();
          if (bi.bitLength() <= 63) {
            n.isInt = true;
            n.int64 = bi.longValue();
          }
          if (bi.signum() >= 0 && bi.bitLength() <= 64) {
            n.isUint = true;
            n.uint64 = bi.longValue();
          }
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) {
      throw errorf("illegal number syntax: " + Fmt.quote(text));
    }
    return n;
  }

  private static boolean containsAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** strconv.ParseInt/ParseUint with base 0 (prefixes, underscores), as a big integer; null where go fails. */
  static BigInteger parseInteger(String text) {
    String s = text;
    boolean neg = false;
    if (s.startsWith("+") || s.startsWith("-")) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    int base = 10;
    boolean prefixed = false;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char c = Character.toLowerCase(s.charAt(1));
      if (c == 'x') {
        base = 16;
      } else if (c == 'o') {
        base = 8;
      } else if (c == 'b') {
        base = 2;
      } else {
        base = 8;
        s = s.substring(1);
      }
      if (base != 8 || c == 'o') {
        s = s.substring(2);
      }
      prefixed = true;
    }
    if (s.contains("_")) {
      if (!GoStrconv.underscoreOk(text)) {
        return null;
      }
      s = s.replace("_", "");
    }
    if (s.isEmpty()) {
      return prefixed && base == 8 ? BigInteger.ZERO : null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), base) < 0) {
        return null;
      }
    }
    BigInteger v = new BigInteger(s, base);
    return neg ? v.negate() : v;
  }

  /** strconv.ParseFloat(text, 64) for decimal forms; null where go fails (hex floats: not modelled, null). */
  private static Double parseFloat(String text) {
    String s = text;
    if (s.contains("_")) {
      if (!GoStrconv.underscoreOk(s)) {
        return null;
      }
      s = s.replace("_", "");
    }
    if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      return null;
    }
    double d = Double.parseDouble(s);
    if (Double.isInfinite(d)) {
      return null; // go: value out of range
    }
    return d;
  }

  /** go's ErrorContext: {@code main:line:column} (column in bytes) for {@code n}. */
  String location(Node n) {
    String before = text.substring(0, Math.min(n.pos, text.length()));
    int nl = before.lastIndexOf('\n');
    int line = 1;
    for (int i = 0; i < before.length(); i++) {
      if (before.charAt(i) == '\n') {
        line++;
      }
    }
    int col = before.substring(nl + 1).getBytes(StandardCharsets.UTF_8).length;
    return "main:" + line + ":" + col;
  }
}
