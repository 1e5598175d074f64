package io.github.goproxy4j.cli.template;

import io.github.goproxy4j.cli.template.GoValue.Func;
import io.github.goproxy4j.client.ListedModule;
import io.github.goproxy4j.internal.GoRelease;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code go list -m -f}'s template: Go's text/template as cmd/go's list uses it (the template
 * "main" with list's functions {@code join}, {@code context} and {@code module} beside the
 * builtins), parsed and executed over each listed module ({@code *modinfo.ModulePublic}) with
 * go's output and error texts, as the Go release followed parses and runs it.
 *
 * <p>A template engine of its own because no JVM library has text/template's grammar (pipelines,
 * {@code $} variables, trim markers, range/else, break/continue), its reflection-based typing and
 * error texts ({@code template: main:1:2: executing "main" at <.Foo>: can't evaluate field Foo in
 * type *modinfo.ModulePublic}) or fmt's formatting of Go values, all of which a script parsing
 * {@code go list -m -f} output depends on.
 *
 * <pre>{@code
 * Template t = Template.parse("{{.Path}} {{.Version}}", "1.27");
 * String line = t.execute(module);   // "example.com/a v1.0.0"
 * }</pre>
 */
public final class Template {
  /** What goproxy does not model: refused with goproxy's message, where go would succeed or fail otherwise. */
  public static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String what) {
      super(what + " in -f templates is not supported: goproxy does not do what go does with it", null, false, false);
    }
  }

  /** go's parse error ({@code template: main:1: ...}), which go list prints and exits 1 with. */
  public static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String goText) {
      super(goText, null, false, false);
    }
  }

  /** go's execution error, after the output the template wrote before it. */
  public static final class ExecException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String output;

    ExecException(String goText, String output) {
      super(goText, null, false, false);
      this.output = output;
    }

    /** {@return what the execution wrote before it failed} */
    public String output() {
      return output;
    }
  }

  private static final Set<String> BUILTINS = Set.of("and", "call", "html", "index", "slice", "js", "len", "not",
      "or", "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne");

  /** The stack of a thread running templates that call templates (see {@link #onDeepStack}). */
  private static final long DEEP_STACK = 1L << 30;

  private final Tree tree;
  private final int minor;
  private final Map<String, Func> funcs;

  private Template(Tree tree, int minor) {
    this.tree = tree;
    this.minor = minor;
    this.funcs = Map.of(
        "join", new Func("join", List.of(GoValue.STRINGS, GoValue.STRING), false, false, a -> GoValue.of(
            String.join(a.get(1).asString(), a.get(0).elems().stream().map(GoValue::asString).toList()))),
        "context", new Func("context", List.of(), false, false, a -> {
          throw new Unsupported("the function context");
        }),
        "module", new Func("module", List.of(GoValue.STRING), false, false, a -> {
          throw new Unsupported("the function module");
        }));
  }

  /**
   * Parses {@code text} as go list's template "main" of the Go release {@code goRelease}.
   *
   * @param text the {@code -f} argument
   * @param goRelease the release followed ({@code 1.N...})
   * @return the template
   * @throws ParseException go's parse error
   * @throws Unsupported where the text needs what goproxy does not model
   */
  public static Template parse(String text, String goRelease) throws ParseException {
    int minor = GoRelease.modelled(goRelease).behaviourMinor();
    Set<String> names = new HashSet<>(BUILTINS);
    names.addAll(List.of("join", "context", "module"));
    try {
      return new Template(new Tree(text, minor, names), minor);
    } catch (Tree.ParseError e) {
      throw new ParseException(e.getMessage());
    }
  }

  /**
   * Executes the template with the module as dot ({@code *modinfo.ModulePublic}).
   *
   * @param module the listed module
   * @return what the template writes
   * @throws ExecException go's execution error, with the output written before it
   * @throws Unsupported where the template needs what goproxy does not model
   */
  public String execute(ListedModule module) throws ExecException {
    StringBuilder out = new StringBuilder();
    Runnable run = () -> new Exec(tree, minor, funcs, out).execute(ModulePublic.pointer(module, minor));
    try {
      if (tree.callsTemplates) {
        onDeepStack(run);
      } else {
        run.run();
      }
    } catch (Exec.ExecError e) {
      throw new ExecException(e.getMessage(), out.toString());
    } catch (StackOverflowError e) {
      throw new Unsupported("{{template}} calls nested deeper than this JVM's stack allows");
    }
    return out.toString();
  }

  /**
   * Runs {@code run} on a thread whose stack holds go's {@value Exec#MAX_EXEC_DEPTH} nested
   * {@code {{template}}} calls (the walk recurses a few frames a call; a default stack overflows
   * at a few thousand), rethrowing what it throws.
   */
  private static void onDeepStack(Runnable run) {
    Throwable[] thrown = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        run.run();
      } catch (Throwable e) {
        thrown[0] = e;
      }
    }, "goproxy-template", DEEP_STACK);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while executing the -f template", e);
    }
    if (thrown[0] instanceof RuntimeException) {
      throw (RuntimeException) thrown[0];
    }
    if (thrown[0] instanceof Error) {
      throw (Error) thrown[0];
    }
  }
}
