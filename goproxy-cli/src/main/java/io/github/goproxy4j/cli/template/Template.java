package io.github.goproxy4j.cli.template;

import io.github.goproxy4j.cli.template.GoValue.Func;
import io.github.goproxy4j.client.ListedModule;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoRelease;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * What list's template function {@code module} asks of the build (modload.ModuleInfo of a path
   * without a version): the module as {@code go list -m PATH} lists it without {@code -u},
   * {@code -versions} and {@code -retracted} (a main module, or the selected version of a module of
   * the build list with its replacement), or empty when the build list has no module of that path.
   */
  @FunctionalInterface
  public interface ModuleInfo {
    /**
     * The module of {@code path} in the build list.
     *
     * @param path the function's argument, which has no {@code @}
     * @return the module, or empty when the build list lacks the path
     */
    Optional<ListedModule> lookUp(String path);

    /**
     * The module {@code path@version} as modload.ModuleInfo answers it outside the build
     * (moduleInfo without requirements: the version queried as given, with no current version
     * and every version allowed; its .info's version and time, its go.mod's go version, its go.mod
     * and directory in the module cache, no replacement, not indirect; a failed query the
     * module's error), where goproxy can say: empty where it cannot, and the function is then
     * refused. It may throw go's fatal error (an invalid semantic version left to read go.mod at).
     *
     * @param path the module path
     * @param version the version or query; empty for {@code path@} (a main module, or a directory
     *     replacement's path)
     * @return the module, or empty
     */
    default Optional<ListedModule> lookUpAt(String path, String version) {
      return Optional.empty();
    }
  }

  /**
   * A failure of list's function {@code module} that text/template reports as the call's error
   * ({@code error calling module: MESSAGE}, as for a panic go recovers), for a {@link ModuleInfo}
   * to throw.
   *
   * @param message go's panic text
   * @return the exception to throw
   */
  public static RuntimeException moduleCallError(String message) {
    return Exec.callError(message);
  }

  /** A {@link ModuleInfo} for templates run without the build at hand: {@code module} refused. */
  private static final ModuleInfo NO_BUILD = path -> {
    throw new Unsupported("the function module without the build list");
  };

  private final Tree tree;
  private final int minor;
  private final boolean versionsListed;
  /** What the function {@code context} returns, or null: refused. */
  private final ListContext context;
  /** go's local zone (for a time the proxy wrote {@code +00:00}), or null: not known. */
  private final java.time.ZoneId localZone;

  private Template(Tree tree, int minor, boolean versionsListed, ListContext context, java.time.ZoneId localZone) {
    this.tree = tree;
    this.minor = minor;
    this.versionsListed = versionsListed;
    this.context = context;
    this.localZone = localZone;
  }

  /**
   * This template with go's local zone (time.Local) known: a time whose .info the proxy wrote
   * with a numeric zero offset ({@code +00:00}) in this run ({@link ListedModule#timeNumericZeroOffset()})
   * is then in go's local zone where its offset is zero at that time ({@code %#v}: {@code
   * time.Local}; refused for a local zone other than UTC, whose abbreviation goproxy does not
   * know), else in an unnamed fixed zone ({@code time.Location("")}, {@code +0000 +0000}).
   * Without it such a time is UTC.
   *
   * @param zone go's local zone
   * @return the template
   */
  public Template withLocalZone(java.time.ZoneId zone) {
    return new Template(tree, minor, versionsListed, context, java.util.Objects.requireNonNull(zone, "zone"));
  }

  /**
   * This template with list's function {@code context} returning {@code context} (without it the
   * function is refused: goproxy does not know go's build context).
   *
   * @param context the build context go list would report
   * @return the template
   */
  public Template withContext(ListContext context) {
    return new Template(tree, minor, versionsListed, java.util.Objects.requireNonNull(context, "context"), localZone);
  }

  /**
   * This template for a listing with {@code -versions} or without: go sets a module's Versions
   * only under {@code -versions} (a nil slice otherwise, an empty one where the proxy lists no
   * version), which {@code %#v} shows.
   *
   * @param on whether go list runs with {@code -versions}
   * @return the template
   */
  public Template listingVersions(boolean on) {
    return new Template(tree, minor, on, context, localZone);
  }

  /** list's functions beside the builtins, {@code module} answering from {@code modules}. */
  private Map<String, Func> funcs(ModuleInfo modules) {
    return Map.of(
        "join", new Func("join", List.of(GoValue.STRINGS, GoValue.STRING), false, false, a -> GoValue.of(
            String.join(a.get(1).asString(), a.get(0).elems().stream().map(GoValue::asString).toList()))),
        "context", new Func("context", List.of(), false, false, a -> {
          if (context == null) {
            throw new Unsupported("the function context without the build context");
          }
          return context.pointer();
        }),
        "module", new Func("module", List.of(GoValue.STRING), false, false, a -> module(modules, a.get(0).asString())));
  }

  /**
   * list's {@code module} function under {@code -m} (modload.ModuleInfo): the module of the build
   * list with that path, or a {@code *modinfo.ModulePublic} holding only the path and the error
   * {@code module not in current build}. A {@code path@version} argument is moduleInfo without the
   * build ({@link ModuleInfo#lookUpAt}: the version queried as given); from go1.26 a version
   * starting with {@code -} or {@code /} is ParsePathVersion's error in a module without a path.
   */
  private GoValue module(ModuleInfo modules, String path) {
    int at = path.indexOf('@');
    if (at >= 0) {
      String p = path.substring(0, at);
      String v = path.substring(at + 1);
      if (minor >= 26 && !v.isEmpty() && (v.charAt(0) == '-' || v.charAt(0) == '/')) {
        return ModulePublic.pointer(new ListedModule("", "", false, false, "", Optional.empty(), Optional.empty(),
            List.of(), "", "invalid module version " + GoQuote.quote(v)), minor, false, localZone);
      }
      ListedModule m = modules.lookUpAt(p, v).orElseThrow(() -> new Unsupported(
          "the function module with a path@version argument that goproxy cannot answer as go (" + path + ")"));
      return ModulePublic.pointer(m, minor, false, localZone);
    }
    ListedModule m = modules.lookUp(path).orElseGet(() -> new ListedModule(path, "", false, false, "",
        Optional.empty(), Optional.empty(), List.of(), "", NOT_IN_BUILD));
    return ModulePublic.pointer(m, minor, false, localZone);
  }

  /** modload.ModuleInfo's error for a path the build list lacks. */
  static final String NOT_IN_BUILD = "module not in current build";

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
      return new Template(new Tree(text, minor, names), minor, false, null, null);
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
    return execute(module, NO_BUILD);
  }

  /**
   * Executes the template with the module as dot ({@code *modinfo.ModulePublic}), the function
   * {@code module} answering from {@code modules}.
   *
   * @param module the listed module
   * @param modules the build's modules, for the template function {@code module}
   * @return what the template writes
   * @throws ExecException go's execution error, with the output written before it
   * @throws Unsupported where the template needs what goproxy does not model
   */
  public String execute(ListedModule module, ModuleInfo modules) throws ExecException {
    StringBuilder out = new StringBuilder();
    Map<String, Func> funcs = funcs(modules);
    Runnable run = () -> new Exec(tree, minor, funcs, out).execute(ModulePublic.pointer(module, minor, versionsListed, localZone));
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
