package io.github.goproxy4j.cli.template;

import io.github.goproxy4j.cli.template.GoValue.Func;
import io.github.goproxy4j.cli.template.GoValue.GoType;
import io.github.goproxy4j.cli.template.GoValue.Kind;
import io.github.goproxy4j.cli.template.Tree.ActionNode;
import io.github.goproxy4j.cli.template.Tree.BoolNode;
import io.github.goproxy4j.cli.template.Tree.BranchNode;
import io.github.goproxy4j.cli.template.Tree.ChainNode;
import io.github.goproxy4j.cli.template.Tree.CommandNode;
import io.github.goproxy4j.cli.template.Tree.DotNode;
import io.github.goproxy4j.cli.template.Tree.FieldNode;
import io.github.goproxy4j.cli.template.Tree.IdentifierNode;
import io.github.goproxy4j.cli.template.Tree.ListNode;
import io.github.goproxy4j.cli.template.Tree.LoopControlNode;
import io.github.goproxy4j.cli.template.Tree.NilNode;
import io.github.goproxy4j.cli.template.Tree.Node;
import io.github.goproxy4j.cli.template.Tree.NumberNode;
import io.github.goproxy4j.cli.template.Tree.PipeNode;
import io.github.goproxy4j.cli.template.Tree.StringNode;
import io.github.goproxy4j.cli.template.Tree.TextNode;
import io.github.goproxy4j.cli.template.Tree.VariableNode;
import io.github.goproxy4j.internal.GoUtf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * text/template's execution (exec.go and funcs.go) of a parsed {@link Tree} over a
 * {@link GoValue}: go's walk of the tree, its evaluation of fields, methods, variables and
 * functions with reflect's typing rules, the builtins and list's {@code join}, and go's error
 * texts ({@code template: main:1:2: executing "main" at <.Foo>: ...}) as go1.{@code minor} has them.
 */
final class Exec {
  /** An execution failure: go's text (after the output written before it). */
  static final class ExecError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExecError(String message) {
      super(message, null, false, false);
    }
  }

  /** A failure inside a called function: go wraps it as {@code error calling NAME: ...}. */
  private static final class CallError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallError(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Break extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Break() {
      super(null, null, false, false);
    }
  }

  private static final class Continue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Continue() {
      super(null, null, false, false);
    }
  }

  /** reflect's missingVal: no value piped into a command. */
  private static final GoValue MISSING = new GoValue(new GoType(Kind.STRUCT, "template.missingValType", null,
      List.of(), List.of()), "missing", false);

  private record Var(String name, GoValue value) {}

  private final Tree tree;
  private final int minor;
  private final Map<String, Func> funcs;
  private final StringBuilder out;
  private List<Var> vars = new ArrayList<>();
  private Node node;
  /** The template being run (go's s.tmpl), which execution errors name. */
  private String name = "main";
  /** How many {{template}} calls deep the walk is (go's s.depth). */
  private int depth;

  private final Map<String, Func> builtins;

  /** text/template's maxExecDepth: how deep {{template}} calls may nest. */
  static final int MAX_EXEC_DEPTH = 100000;

  Exec(Tree tree, int minor, Map<String, Func> funcs, StringBuilder out) {
    this.tree = tree;
    this.minor = minor;
    this.funcs = funcs;
    this.out = out;
    Map<String, Func> b = new java.util.HashMap<>(Builtins.FUNCS);
    b.putAll(comparisons());
    this.builtins = b;
  }

  /** Executes the tree with {@code data} as dot and $, appending to the output. */
  void execute(GoValue data) {
    vars.add(new Var("$", data));
    walk(data, tree.templates.get("main"));
  }

  // --- errors and variables

  private ExecError errorf(String message) {
    if (node == null) {
      throw new ExecError("template: main: " + message);
    }
    throw new ExecError("template: " + tree.location(node) + ": executing " + Fmt.quote(name) + " at <" + node + ">: "
        + message);
  }

  private void at(Node n) {
    node = n;
  }

  private int mark() {
    return vars.size();
  }

  private void pop(int mark) {
    while (vars.size() > mark) {
      vars.remove(vars.size() - 1);
    }
  }

  private void setVar(String name, GoValue value) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name().equals(name)) {
        vars.set(i, new Var(name, value));
        return;
      }
    }
    throw errorf("undefined variable: " + name);
  }

  private void setTopVar(int n, GoValue value) {
    int i = vars.size() - n;
    vars.set(i, new Var(vars.get(i).name(), value));
  }

  private GoValue varValue(String name) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name().equals(name)) {
        return vars.get(i).value();
      }
    }
    throw errorf("undefined variable: " + name);
  }

  // --- the walk

  private void walk(GoValue dot, Node n) {
    at(n);
    if (n instanceof ActionNode) {
      ActionNode a = (ActionNode) n;
      GoValue val = evalPipeline(dot, a.pipe);
      if (a.pipe.decl.isEmpty()) {
        at(n);
        out.append(Fmt.print(printableValue(val)));
      }
    } else if (n instanceof LoopControlNode) {
      throw ((LoopControlNode) n).isBreak ? new Break() : new Continue();
    } else if (n instanceof BranchNode) {
      BranchNode b = (BranchNode) n;
      if (b.kind.equals("range")) {
        walkRange(dot, b);
      } else {
        walkIfOrWith(b.kind.equals("with"), dot, b);
      }
    } else if (n instanceof ListNode) {
      for (Node c : ((ListNode) n).nodes) {
        walk(dot, c);
      }
    } else if (n instanceof Tree.TemplateNode) {
      walkTemplate(dot, (Tree.TemplateNode) n);
    } else if (n instanceof TextNode) {
      out.append(((TextNode) n).text);
    } else {
      throw errorf("unknown node: " + n);
    }
  }

  /**
   * {{template "name" pipeline}}: the named template runs with the pipeline's value as dot and $
   * (no other variables: go has no dynamic scoping), at most {@value #MAX_EXEC_DEPTH} calls deep.
   */
  private void walkTemplate(GoValue dot, Tree.TemplateNode t) {
    at(t);
    ListNode body = tree.templates.get(t.name);
    if (body == null) {
      throw errorf("template " + Fmt.quote(t.name) + " not defined");
    }
    if (depth == MAX_EXEC_DEPTH) {
      throw errorf("exceeded maximum template depth (" + MAX_EXEC_DEPTH + ")");
    }
    GoValue value = evalPipeline(dot, t.pipe); // its variables stay declared here
    List<Var> callerVars = vars;
    String caller = name;
    vars = new ArrayList<>(List.of(new Var("$", value)));
    name = t.name;
    depth++;
    try {
      walk(value, body);
    } finally {
      depth--;
      name = caller;
      vars = callerVars;
      node = t;
    }
  }

  private void walkIfOrWith(boolean with, GoValue dot, BranchNode b) {
    int mark = mark();
    try {
      GoValue val = evalPipeline(dot, b.pipe);
      if (isTrue(val)) {
        walk(with ? val : dot, b.list);
      } else if (b.elseList != null) {
        walk(dot, b.elseList);
      }
    } finally {
      pop(mark);
    }
  }

  /** go's isTrue for the kinds this engine has (all of which it can judge). */
  static boolean isTrue(GoValue v) {
    if (v == null) {
      return false;
    }
    switch (v.kind()) {
      case SLICE:
        return !v.elems().isEmpty();
      case STRING:
        return !v.asString().isEmpty();
      case BOOL:
        return (Boolean) v.x();
      case INT: case UINT8:
        return v.asLong() != 0;
      case FLOAT64:
        return (Double) v.x() != 0;
      case POINTER:
        return v.x() != null;
      case INTERFACE:
        return false;
      default:
        return true;
    }
  }

  private void walkRange(GoValue dot, BranchNode r) {
    at(r);
    int outer = mark();
    try {
      GoValue val = indirect(evalPipeline(dot, r.pipe));
      int mark = mark();
      boolean ran = false;
      if (val != null && (val.kind() == Kind.INT || val.kind() == Kind.UINT8) && minor >= 24) {
        if (r.pipe.decl.size() > 1) {
          throw errorf("can't use " + Fmt.print(val) + " to iterate over more than one variable");
        }
        for (long i = 0; i < val.asLong(); i++) {
          ran = true;
          oneIteration(r, mark, null, new GoValue(val.type(), i, false));
        }
      } else if (val != null && val.kind() == Kind.SLICE) {
        List<GoValue> es = val.elems();
        for (int i = 0; i < es.size(); i++) {
          ran = true;
          oneIteration(r, mark, GoValue.ofInt(i), es.get(i));
        }
      } else if (val != null && !val.isNilInterface()) {
        throw errorf("range can't iterate over " + Fmt.print(val));
      }
      if (!ran && r.elseList != null) {
        walk(dot, r.elseList);
      }
    } catch (Break b) {
      // {{break}}: the range ends
    } finally {
      pop(outer);
    }
  }

  private void oneIteration(BranchNode r, int mark, GoValue index, GoValue elem) {
    List<VariableNode> decl = r.pipe.decl;
    boolean assign = r.pipe.isAssign && minor >= 21;
    if (!decl.isEmpty()) {
      if (assign) {
        setVar(decl.get(0).ident.get(0), decl.size() > 1 ? index : elem);
      } else {
        setTopVar(1, elem);
      }
    }
    if (decl.size() > 1) {
      if (assign) {
        setVar(decl.get(1).ident.get(0), elem);
      } else {
        setTopVar(2, index);
      }
    }
    try {
      walk(elem, r.list);
    } catch (Continue c) {
      // {{continue}}: the next iteration
    } finally {
      pop(mark);
    }
  }

  // --- evaluation

  private GoValue evalPipeline(GoValue dot, PipeNode pipe) {
    if (pipe == null) {
      return null;
    }
    at(pipe);
    GoValue value = MISSING;
    for (CommandNode cmd : pipe.cmds) {
      value = evalCommand(dot, cmd, value);
    }
    for (VariableNode v : pipe.decl) {
      if (pipe.isAssign) {
        setVar(v.ident.get(0), value);
      } else {
        vars.add(new Var(v.ident.get(0), value));
      }
    }
    return value;
  }

  private void notAFunction(List<Node> args, GoValue fin) {
    if ((args != null && args.size() > 1) || fin != MISSING) {
      throw errorf("can't give argument to non-function " + args.get(0));
    }
  }

  private GoValue evalCommand(GoValue dot, CommandNode cmd, GoValue fin) {
    Node first = cmd.args.get(0);
    if (first instanceof FieldNode) {
      return evalFieldNode(dot, (FieldNode) first, cmd.args, fin);
    }
    if (first instanceof ChainNode) {
      return evalChainNode(dot, (ChainNode) first, cmd.args, fin);
    }
    if (first instanceof IdentifierNode) {
      return evalFunction(dot, (IdentifierNode) first, cmd, cmd.args, fin);
    }
    if (first instanceof PipeNode) {
      notAFunction(cmd.args, fin);
      return evalPipeline(dot, (PipeNode) first);
    }
    if (first instanceof VariableNode) {
      return evalVariableNode(dot, (VariableNode) first, cmd.args, fin);
    }
    at(first);
    notAFunction(cmd.args, fin);
    if (first instanceof BoolNode) {
      return GoValue.of(((BoolNode) first).value);
    }
    if (first instanceof DotNode) {
      return dot;
    }
    if (first instanceof NilNode) {
      throw errorf("nil is not a command");
    }
    if (first instanceof NumberNode) {
      return idealConstant((NumberNode) first);
    }
    if (first instanceof StringNode) {
      return GoValue.of(((StringNode) first).text);
    }
    throw errorf("can't evaluate command " + Fmt.quote(first.toString()));
  }

  private GoValue idealConstant(NumberNode c) {
    at(c);
    if (c.isComplex) {
      throw new Template.Unsupported("complex constants");
    }
    String t = c.text;
    boolean hexInt = t.length() > 2 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')
        && t.indexOf('p') < 0 && t.indexOf('P') < 0;
    boolean runeInt = t.startsWith("'");
    if (c.isFloat && !hexInt && !runeInt && t.matches(".*[.eEpP].*")) {
      return new GoValue(GoValue.FLOAT64, c.float64, false);
    }
    if (c.isInt) {
      return GoValue.ofInt(c.int64);
    }
    if (c.isUint) {
      throw errorf(t + " overflows int");
    }
    return null;
  }

  private GoValue evalFieldNode(GoValue dot, FieldNode f, List<Node> args, GoValue fin) {
    at(f);
    return evalFieldChain(dot, dot, f, f.ident, args, fin);
  }

  private GoValue evalChainNode(GoValue dot, ChainNode c, List<Node> args, GoValue fin) {
    at(c);
    if (c.field.isEmpty()) {
      throw errorf("internal error: no fields in evalChainNode");
    }
    if (c.node instanceof NilNode) {
      throw errorf("indirection through explicit nil in " + c);
    }
    GoValue pipe = evalArg(dot, null, c.node);
    return evalFieldChain(dot, pipe, c, c.field, args, fin);
  }

  private GoValue evalVariableNode(GoValue dot, VariableNode v, List<Node> args, GoValue fin) {
    at(v);
    GoValue value = varValue(v.ident.get(0));
    if (v.ident.size() == 1) {
      notAFunction(args, fin);
      return value;
    }
    return evalFieldChain(dot, value, v, v.ident.subList(1, v.ident.size()), args, fin);
  }

  private GoValue evalFieldChain(GoValue dot, GoValue receiver, Node n, List<String> ident, List<Node> args,
      GoValue fin) {
    GoValue r = receiver;
    for (int i = 0; i < ident.size() - 1; i++) {
      r = evalField(dot, ident.get(i), n, null, MISSING, r);
    }
    return evalField(dot, ident.get(ident.size() - 1), n, args, fin, r);
  }

  private GoValue evalFunction(GoValue dot, IdentifierNode n, Node cmd, List<Node> args, GoValue fin) {
    at(n);
    String name = n.ident;
    Func f = funcs.get(name);
    boolean builtin = false;
    if (f == null) {
      f = builtins.get(name);
      builtin = true;
    }
    if (f == null) {
      throw errorf(Fmt.quote(name) + " is not a defined function");
    }
    return evalCall(dot, f, builtin, cmd, name, args, fin);
  }

  /** reflect's indirect: through pointers to the first nil one (kept) or the value. */
  static GoValue indirect(GoValue v) {
    GoValue r = v;
    while (r != null && r.kind() == Kind.POINTER && r.x() != null) {
      r = r.elem();
    }
    return r;
  }

  private GoValue evalField(GoValue dot, String fieldName, Node n, List<Node> args, GoValue fin, GoValue receiver) {
    if (receiver == null) {
      return null;
    }
    GoType typ = receiver.type();
    if (receiver.isNilInterface()) {
      throw errorf("nil pointer evaluating " + typ + "." + fieldName);
    }
    GoValue r = indirect(receiver);
    boolean isNil = r.isNilPointer();
    Func method = method(r, fieldName);
    if (method != null) {
      return evalCall(dot, method, false, n, fieldName, args, fin);
    }
    boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
    if (r.kind() == Kind.STRUCT) {
      if (r.x() instanceof ModulePublic.TimeValue && List.of("wall", "ext", "loc").contains(fieldName)) {
        throw errorf(fieldName + " is an unexported field of struct type " + typ);
      }
      GoValue field = ((GoValue.Struct) r.x()).field(fieldName);
      if (field != null) {
        if (hasArgs) {
          throw errorf(fieldName + " has arguments but cannot be invoked as function");
        }
        return field;
      }
    } else if (r.kind() == Kind.POINTER) {
      GoType etyp = r.type().elem();
      boolean known = etyp.kind() != Kind.STRUCT || etyp.fields().contains(fieldName)
          || etyp.name().equals("time.Time") && List.of("wall", "ext", "loc").contains(fieldName);
      if (known && isNil) {
        throw errorf("nil pointer evaluating " + typ + "." + fieldName);
      }
    }
    throw errorf("can't evaluate field " + fieldName + " in type " + typ);
  }

  /** The method {@code name} of {@code r} (a struct reached through a pointer, or a nil pointer), or null. */
  private Func method(GoValue r, String name) {
    List<String> methods;
    if (r.kind() == Kind.POINTER) {
      methods = r.type().methods();
    } else if (r.kind() == Kind.STRUCT && r.x() instanceof ModulePublic) {
      methods = List.of("String");
    } else if (r.kind() == Kind.STRUCT && r.x() instanceof ModulePublic.TimeValue) {
      methods = ModulePublic.TIME_METHODS;
    } else if (r.kind() == Kind.STRUCT && r.type().name().equals("modinfo.ModuleError")) {
      methods = List.of("UnmarshalJSON");
    } else if (r.kind() == Kind.STRUCT && r.x() instanceof ModulePublic.Opaque) {
      throw new Template.Unsupported(".Origin's fields");
    } else {
      return null;
    }
    if (!methods.contains(name)) {
      return null;
    }
    boolean timePointer = r.kind() == Kind.POINTER && r.type() == ModulePublic.TIME_PTR;
    if (timePointer || r.x() instanceof ModulePublic.TimeValue) {
      return timeMethod(timePointer ? null : (ModulePublic.TimeValue) r.x(), name);
    }
    if (!name.equals("String")) {
      throw new Template.Unsupported("the method " + name + " of " + r.type());
    }
    if (r.kind() == Kind.POINTER) { // nil: String dereferences its receiver
      return new Func("String", List.of(), false, false, a -> {
        throw new CallError("runtime error: invalid memory address or nil pointer dereference");
      });
    }
    return ModulePublic.stringMethod((ModulePublic) r.x());
  }

  /**
   * time.Time's method {@code name} on {@code t} (null: a nil {@code *time.Time}, on which go's
   * value methods fail), for the methods taking no argument and returning one integer, bool or
   * string value; the others are not modelled.
   */
  private static Func timeMethod(ModulePublic.TimeValue t, String name) {
    GoType result;
    switch (name) {
      case "Year": case "Day": case "Hour": case "Minute": case "Second": case "Nanosecond": case "YearDay":
        result = GoValue.INT;
        break;
      case "Unix": case "UnixMilli": case "UnixMicro": case "UnixNano":
        result = GoValue.INT64;
        break;
      case "IsZero":
        result = GoValue.BOOL;
        break;
      case "String":
        result = GoValue.STRING;
        break;
      case "Format":
        return new Func(name, List.of(GoValue.STRING), false, false, a -> {
          if (t == null) {
            throw new CallError("value method time.Time.Format called using nil *Time pointer");
          }
          return GoValue.of(GoTime.format(t.t(), a.get(0).asString(), t.zoneName()));
        });
      default:
        throw new Template.Unsupported("the method " + name + " of time.Time");
    }
    return new Func(name, List.of(), false, false, a -> {
      if (t == null) {
        throw new CallError("value method time.Time." + name + " called using nil *Time pointer");
      }
      if (result == GoValue.STRING) {
        return GoValue.of(t.string());
      }
      if (result == GoValue.BOOL) {
        return GoValue.of(false); // a listed module's time is never the zero time
      }
      return new GoValue(result, t.integer(name), false);
    });
  }

  private GoValue evalCall(GoValue dot, Func fun, boolean builtin, Node n, String name, List<Node> argNodes,
      GoValue fin) {
    List<Node> args = argNodes == null ? List.of() : argNodes.subList(1, argNodes.size());
    List<GoType> params = fun.params();
    int numIn = args.size() + (fin != MISSING ? 1 : 0);
    int numFixed = args.size();
    if (fun.variadic()) {
      numFixed = params.size() - 1;
      if (numIn < numFixed) {
        throw errorf("wrong number of args for " + name + ": want at least " + (params.size() - 1) + " got "
            + args.size());
      }
    } else if (numIn != params.size()) {
      throw errorf("wrong number of args for " + name + ": want " + params.size() + " got " + numIn);
    }
    if (builtin && (name.equals("and") || name.equals("or"))) {
      GoValue v = null;
      for (Node a : args) {
        v = evalArg(dot, GoValue.REFLECT_VALUE, a);
        if (isTrue(v) == name.equals("or")) {
          return v;
        }
      }
      if (fin != MISSING) {
        v = validateType(fin, GoValue.REFLECT_VALUE);
      }
      return v;
    }
    List<GoValue> argv = new ArrayList<>();
    int i = 0;
    for (; i < numFixed && i < args.size(); i++) {
      argv.add(evalArg(dot, params.get(i), args.get(i)));
    }
    if (fun.variadic()) {
      GoType t = params.get(params.size() - 1);
      for (; i < args.size(); i++) {
        argv.add(evalArg(dot, t, args.get(i)));
      }
    }
    if (fin != MISSING) {
      GoType t = params.get(params.size() - 1);
      if (fun.variadic() && numIn - 1 < numFixed) {
        t = params.get(numIn - 1);
      }
      argv.add(validateType(fin, t));
    }
    try {
      if (builtin && name.equals("call")) {
        String callee = args.isEmpty() ? "" : args.get(0).toString();
        return Builtins.call(minor, callee, argv);
      }
      return fun.body().apply(argv);
    } catch (CallError e) {
      at(n);
      throw errorf("error calling " + name + ": " + e.getMessage());
    }
  }

  /** A failure of a function the template calls (go's error result or a recovered panic). */
  static RuntimeException callError(String message) {
    return new CallError(message);
  }

  private static boolean canBeNil(GoType t) {
    switch (t.kind()) {
      case SLICE: case POINTER: case INTERFACE: case FUNC:
        return true;
      case STRUCT:
        return t == GoValue.REFLECT_VALUE;
      default:
        return false;
    }
  }

  private static GoValue zero(GoType t) {
    if (t == GoValue.REFLECT_VALUE) {
      return null;
    }
    if (t.kind() == Kind.SLICE) {
      return new GoValue(t, List.of(), false);
    }
    return new GoValue(t, null, false);
  }

  private GoValue validateType(GoValue value, GoType typ) {
    if (value == null) {
      if (typ == null) {
        return null;
      }
      if (canBeNil(typ)) {
        return zero(typ);
      }
      throw errorf("invalid value; expected " + typ);
    }
    if (typ == null || typ == GoValue.REFLECT_VALUE || typ == GoValue.ANY || value.type().sameAs(typ)) {
      return value;
    }
    if (value.kind() == Kind.POINTER && value.type().elem().sameAs(typ)) {
      if (value.x() == null) {
        throw errorf("dereference of nil pointer of type " + typ);
      }
      return value.elem();
    }
    throw errorf("wrong type for value; expected " + typ + "; got " + value.type());
  }

  private GoValue evalArg(GoValue dot, GoType typ, Node n) {
    at(n);
    if (n instanceof DotNode) {
      return validateType(dot, typ);
    }
    if (n instanceof NilNode) {
      if (typ != null && canBeNil(typ)) {
        return zero(typ);
      }
      throw errorf("cannot assign nil to " + typ);
    }
    if (n instanceof FieldNode) {
      return validateType(evalFieldNode(dot, (FieldNode) n, List.of(n), MISSING), typ);
    }
    if (n instanceof VariableNode) {
      return validateType(evalVariableNode(dot, (VariableNode) n, null, MISSING), typ);
    }
    if (n instanceof PipeNode) {
      return validateType(evalPipeline(dot, (PipeNode) n), typ);
    }
    if (n instanceof IdentifierNode) {
      return validateType(evalFunction(dot, (IdentifierNode) n, n, null, MISSING), typ);
    }
    if (n instanceof ChainNode) {
      return validateType(evalChainNode(dot, (ChainNode) n, null, MISSING), typ);
    }
    if (typ == null) {
      throw new Template.Unsupported("a constant before a field");
    }
    switch (typ.kind()) {
      case BOOL:
        if (n instanceof BoolNode) {
          return GoValue.of(((BoolNode) n).value);
        }
        throw errorf("expected bool; found " + n);
      case STRING:
        if (n instanceof StringNode) {
          return GoValue.of(((StringNode) n).text);
        }
        throw errorf("expected string; found " + n);
      case INTERFACE:
        return evalEmptyInterface(dot, n);
      default:
        if (typ == GoValue.REFLECT_VALUE) {
          return evalEmptyInterface(dot, n);
        }
        throw errorf("can't handle " + n + " for arg of type " + typ);
    }
  }

  private GoValue evalEmptyInterface(GoValue dot, Node n) {
    at(n);
    if (n instanceof BoolNode) {
      return GoValue.of(((BoolNode) n).value);
    }
    if (n instanceof NumberNode) {
      return idealConstant((NumberNode) n);
    }
    if (n instanceof StringNode) {
      return GoValue.of(((StringNode) n).text);
    }
    throw errorf("can't handle assignment of " + n + " to empty interface argument");
  }

  /** text/template's printableValue: what an action prints for {@code v}. */
  static GoValue printableValue(GoValue v) {
    if (v == null) {
      return GoValue.of("<no value>");
    }
    if (v.kind() == Kind.POINTER && v.x() != null) {
      GoValue e = indirect(v);
      if (e.x() instanceof ModulePublic) {
        return v; // *ModulePublic: its String method
      }
      return e;
    }
    return v;
  }

  /** The builtin functions of text/template, typed as go's. */
  static final class Builtins {
    private Builtins() {}

    private static final GoType RV = GoValue.REFLECT_VALUE;

    static final Map<String, Func> FUNCS = Map.ofEntries(
        Map.entry("and", new Func("and", List.of(RV, RV), true, false, a -> null)),
        Map.entry("or", new Func("or", List.of(RV, RV), true, false, a -> null)),
        Map.entry("not", new Func("not", List.of(RV), false, false, a -> GoValue.of(!isTrue(a.get(0))))),
        Map.entry("len", new Func("len", List.of(RV), false, true, Builtins::length)),
        Map.entry("index", new Func("index", List.of(RV, RV), true, true, Builtins::index)),
        Map.entry("slice", new Func("slice", List.of(RV, RV), true, true, a -> null)),
        Map.entry("print", new Func("print", List.of(GoValue.ANY), true, false, a -> GoValue.of(Fmt.sprint(a)))),
        Map.entry("println", new Func("println", List.of(GoValue.ANY), true, false,
            a -> GoValue.of(Fmt.sprintln(a)))),
        Map.entry("printf", new Func("printf", List.of(GoValue.STRING, GoValue.ANY), true, false,
            a -> GoValue.of(Fmt.sprintf(a.get(0).asString(), a.subList(1, a.size()))))),
        Map.entry("html", new Func("html", List.of(GoValue.ANY), true, false,
            a -> GoValue.of(html(evalArgs(a))))),
        Map.entry("js", new Func("js", List.of(GoValue.ANY), true, false, a -> GoValue.of(js(evalArgs(a))))),
        Map.entry("urlquery", new Func("urlquery", List.of(GoValue.ANY), true, false,
            a -> GoValue.of(queryEscape(evalArgs(a))))),
        Map.entry("call", new Func("call", List.of(RV, RV), true, true, a -> null)),
        Map.entry("eq", new Func("eq", List.of(RV, RV), true, true, a -> null)),
        Map.entry("ne", new Func("ne", List.of(RV, RV), false, true, a -> null)),
        Map.entry("lt", new Func("lt", List.of(RV, RV), false, true, a -> null)),
        Map.entry("le", new Func("le", List.of(RV, RV), false, true, a -> null)),
        Map.entry("gt", new Func("gt", List.of(RV, RV), false, true, a -> null)),
        Map.entry("ge", new Func("ge", List.of(RV, RV), false, true, a -> null)));

    static GoValue call(int minor, String callee, List<GoValue> argv) {
      GoValue fn = argv.get(0);
      if (fn == null || fn.isNilInterface()) {
        throw callError("call of nil");
      }
      throw callError(minor >= 23 ? "non-function " + callee + " of type " + fn.type()
          : "non-function of type " + fn.type());
    }

    private static GoValue length(List<GoValue> a) {
      GoValue item = indirect(a.get(0));
      if (item == null || item.isNilInterface()) {
        throw callError("reflect: call of reflect.Value.Type on zero Value");
      }
      if (item.isNilPointer()) {
        throw callError("len of nil pointer");
      }
      switch (item.kind()) {
        case SLICE:
          return GoValue.ofInt(item.elems().size());
        case STRING:
          return GoValue.ofInt(item.asString().getBytes(StandardCharsets.UTF_8).length);
        default:
          throw callError("len of type " + item.type());
      }
    }

    static long indexArg(GoValue index, int cap) {
      if (index == null || index.isNilInterface()) {
        throw callError("cannot index slice/array with nil");
      }
      if (index.kind() != Kind.INT && index.kind() != Kind.UINT8) {
        throw callError("cannot index slice/array with type " + index.type());
      }
      long x = index.asLong();
      if (x < 0 || x > cap) {
        throw callError("index out of range: " + x);
      }
      return x;
    }

    private static GoValue index(List<GoValue> a) {
      GoValue item = a.get(0);
      if (item == null || item.isNilInterface()) {
        throw callError("index of untyped nil");
      }
      for (GoValue index : a.subList(1, a.size())) {
        item = indirect(item);
        if (item.isNilPointer()) {
          throw callError("index of nil pointer");
        }
        switch (item.kind()) {
          case SLICE: {
            long x = indexArg(index, item.elems().size());
            if (x == item.elems().size()) {
              throw callError("reflect: slice index out of range");
            }
            item = item.elems().get((int) x);
            break;
          }
          case STRING: {
            byte[] b = item.asString().getBytes(StandardCharsets.UTF_8);
            long x = indexArg(index, b.length);
            if (x == b.length) {
              throw callError("reflect: string index out of range");
            }
            item = new GoValue(GoValue.UINT8, (long) (b[(int) x] & 0xFF), false);
            break;
          }
          default:
            throw callError("can't index item of type " + item.type());
        }
      }
      return item;
    }


    private static String evalArgs(List<GoValue> args) {
      if (args.size() == 1 && args.get(0) != null && args.get(0).type() == GoValue.STRING) {
        return args.get(0).asString();
      }
      List<GoValue> p = new ArrayList<>();
      for (GoValue v : args) {
        p.add(printableValue(v == null || v.isNilInterface() ? null : v));
      }
      return Fmt.sprint(p);
    }

    /** url.QueryEscape: unreserved bytes kept, space as +, the others %XX. */
    private static String queryEscape(String s) {
      StringBuilder b = new StringBuilder();
      for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
        int c = x & 0xFF;
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
            || c == '~') {
          b.append((char) c);
        } else if (c == ' ') {
          b.append('+');
        } else {
          b.append('%').append(String.format("%02X", c));
        }
      }
      return b.toString();
    }

    private static String html(String s) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case 0: b.append('\uFFFD'); break;
          case '"': b.append("&#34;"); break;
          case '\'': b.append("&#39;"); break;
          case '&': b.append("&amp;"); break;
          case '<': b.append("&lt;"); break;
          case '>': b.append("&gt;"); break;
          default: b.append(c);
        }
      }
      return b.toString();
    }

    private static String js(String s) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < s.length(); ) {
        int c = s.codePointAt(i);
        i += Character.charCount(c);
        switch (c) {
          case '\\': b.append("\\\\"); break;
          case '\'': b.append("\\'"); break;
          case '"': b.append("\\\""); break;
          case '<': b.append("\\u003C"); break;
          case '>': b.append("\\u003E"); break;
          case '&': b.append("\\u0026"); break;
          case '=': b.append("\\u003D"); break;
          default:
            if (c < ' ') {
              b.append(String.format("\\u00%02X", c));
            } else if (c >= 0x80 && !io.github.goproxy4j.internal.GoUnicode.isPrint(c)) {
              b.append(String.format("\\u%04X", c));
            } else {
              b.appendCodePoint(c);
            }
        }
      }
      return b.toString();
    }
  }

  // --- comparisons (funcs.go's eq, lt...), whose error texts depend on the release

  /** go's basicKind: 0 invalid, 1 bool, 2 complex, 3 int, 4 float, 5 string, 6 uint. */
  private static int basicKind(GoValue v) {
    if (v == null) {
      return 0;
    }
    switch (v.kind()) {
      case BOOL: return 1;
      case COMPLEX: return 2;
      case INT: return 3;
      case FLOAT64: return 4;
      case STRING: return 5;
      case UINT8: return 6;
      default: return 0;
    }
  }

  private String incompatible(GoValue a, GoValue b) {
    return minor >= 26 ? "incompatible types for comparison: " + a.type() + " and " + b.type()
        : "incompatible types for comparison";
  }

  static GoValue unwrapNil(GoValue v) {
    return v == null || v.isNilInterface() ? null : v;
  }

  boolean eq(GoValue arg1In, List<GoValue> arg2) {
    GoValue arg1 = unwrapNil(arg1In);
    if (arg2.isEmpty()) {
      throw callError("missing argument for comparison");
    }
    int k1 = basicKind(arg1);
    for (GoValue argIn : arg2) {
      GoValue arg = unwrapNil(argIn);
      int k2 = basicKind(arg);
      boolean truth = false;
      if (k1 != k2) {
        if (k1 == 3 && k2 == 6 || k1 == 6 && k2 == 3) {
          truth = arg1.asLong() == arg.asLong();
        } else if (arg1 != null && arg != null) {
          throw callError(incompatible(arg1, arg));
        }
      } else {
        switch (k1) {
          case 1: case 3: case 6: case 4:
            truth = arg1.x().equals(arg.x());
            break;
          case 5:
            truth = arg1.asString().equals(arg.asString());
            break;
          default:
            if (arg1 != null && arg != null && arg1.kind() != arg.kind()) {
              throw new Template.Unsupported("eq of a " + arg1.type() + " and a " + arg.type());
            }
            boolean n1 = isNil(arg1);
            boolean n2 = isNil(arg);
            if (n1 || n2) {
              truth = n1 == n2;
            } else if (arg.kind() == Kind.SLICE || arg.kind() == Kind.STRUCT) {
              throw new Template.Unsupported("eq of a " + arg.type());
            } else {
              truth = arg1.type().sameAs(arg.type()) && arg1.x() == arg.x();
            }
        }
      }
      if (truth) {
        return true;
      }
    }
    return false;
  }

  /** go's isNil: no value, a nil pointer, or a nil slice (go list leaves empty lists nil). */
  private static boolean isNil(GoValue v) {
    return v == null || v.isNilPointer() || v.kind() == Kind.SLICE && v.elems().isEmpty();
  }

  boolean lt(GoValue a1, GoValue a2) {
    GoValue arg1 = unwrapNil(a1);
    int k1 = basicKind(arg1);
    if (k1 == 0) {
      throw callError("invalid type for comparison");
    }
    GoValue arg2 = unwrapNil(a2);
    int k2 = basicKind(arg2);
    if (k2 == 0) {
      throw callError("invalid type for comparison");
    }
    if (k1 != k2) {
      if (k1 == 3 && k2 == 6 || k1 == 6 && k2 == 3) {
        return arg1.asLong() < arg2.asLong();
      }
      throw callError(incompatible(arg1, arg2));
    }
    switch (k1) {
      case 1: case 2:
        throw callError("invalid type for comparison");
      case 4:
        return (Double) arg1.x() < (Double) arg2.x();
      case 5:
        return GoUtf8.compare(arg1.asString(), arg2.asString()) < 0;
      default:
        return arg1.asLong() < arg2.asLong();
    }
  }

  /**
   * The slice builtin: go1.26 on looks through a pointer first ({@code slice of nil pointer}); a
   * slice's capacity is taken as its length (go's, past the length, depends on how go built it).
   */
  private GoValue slice(List<GoValue> a) {
    GoValue item = unwrapNil(a.get(0));
    if (item == null) {
      throw callError("slice of untyped nil");
    }
    if (minor >= 26) {
      item = indirect(item);
      if (item.isNilPointer()) {
        throw callError("slice of nil pointer");
      }
    }
    List<GoValue> indexes = a.subList(1, a.size());
    if (indexes.size() > 3) {
      throw callError("too many slice indexes: " + indexes.size());
    }
    byte[] bytes = null;
    int len;
    if (item.kind() == Kind.STRING) {
      if (indexes.size() == 3) {
        throw callError("cannot 3-index slice a string");
      }
      bytes = item.asString().getBytes(StandardCharsets.UTF_8);
      len = bytes.length;
    } else if (item.kind() == Kind.SLICE) {
      len = item.elems().size();
    } else {
      throw callError("can't slice item of type " + item.type());
    }
    long[] idx = {0, len, len};
    for (int i = 0; i < indexes.size(); i++) {
      idx[i] = Builtins.indexArg(indexes.get(i), len);
    }
    if (idx[0] > idx[1]) {
      throw callError("invalid slice index: " + idx[0] + " > " + idx[1]);
    }
    if (indexes.size() == 3 && idx[1] > idx[2]) {
      throw callError("invalid slice index: " + idx[1] + " > " + idx[2]);
    }
    if (bytes != null) {
      return GoValue.of(new String(bytes, (int) idx[0], (int) (idx[1] - idx[0]), StandardCharsets.UTF_8));
    }
    return new GoValue(item.type(), item.elems().subList((int) idx[0], (int) idx[1]), false);
  }

  /** The comparison builtins and slice of this execution (their errors depend on the release). */
  Map<String, Func> comparisons() {
    GoType rv = GoValue.REFLECT_VALUE;
    return Map.of(
        "slice", new Func("slice", List.of(rv, rv), true, true, this::slice),
        "eq", new Func("eq", List.of(rv, rv), true, true, a -> GoValue.of(eq(a.get(0), a.subList(1, a.size())))),
        "ne", new Func("ne", List.of(rv, rv), false, true, a -> GoValue.of(!eq(a.get(0), a.subList(1, 2)))),
        "lt", new Func("lt", List.of(rv, rv), false, true, a -> GoValue.of(lt(a.get(0), a.get(1)))),
        "le", new Func("le", List.of(rv, rv), false, true,
            a -> GoValue.of(lt(a.get(0), a.get(1)) || eq(a.get(0), a.subList(1, 2)))),
        "gt", new Func("gt", List.of(rv, rv), false, true,
            a -> GoValue.of(!(lt(a.get(0), a.get(1)) || eq(a.get(0), a.subList(1, 2))))),
        "ge", new Func("ge", List.of(rv, rv), false, true, a -> GoValue.of(!lt(a.get(0), a.get(1)))));
  }
}
