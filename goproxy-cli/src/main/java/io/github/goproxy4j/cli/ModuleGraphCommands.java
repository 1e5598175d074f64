package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.ListedModule;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code list -m} and {@code mod graph}: the build of the main module in the current directory,
 * or of the workspace whose go.work go finds from there (GOWORK), as the go command prints it. Output, error text ({@code go: ...}) and exit status are go's.
 */
final class ModuleGraphCommands {
  private ModuleGraphCommands() {}

  static Path workDir(Invocation ctx) {
    return Path.of(ctx.environment().getOrDefault("PWD", System.getProperty("user.dir")));
  }

  /** {@code goproxy list -m [-u] [all|path...]}. */
  static final class ListModules implements Command {
    @Override
    public String name() {
      return "list";
    }

    @Override
    public String summary() {
      return "list the modules of the build (go list -m [-u] all)";
    }

    @Override
    public String help() {
      return "goproxy list -m [-u] [all|path...]\n\n"
          + "In a module directory, prints the main module (no argument), every module of the build\n"
          + "(all: minimal version selection over the go.mod files, fetched and verified like go),\n"
          + "or the named modules, exactly as go list -m does; -u adds available updates,\n"
          + "retractions and deprecations.\n";
    }

    @Override
    public Set<String> flagOptions() {
      return Set.of("m", "u");
    }

    @Override
    public int run(Invocation ctx) throws Exception {
      if (!ctx.args().flag("m")) {
        throw new UsageException("only module listing (-m) is supported");
      }
      List<String> args = ctx.args().positional();
      try (GoProxyClient client = Settings.client(ctx)) {
        List<ListedModule> all;
        try {
          all = client.listModules(workDir(ctx), ctx.args().flag("u"));
          if (args.isEmpty()) {
            all = mainModulesInUseOrder(client, ctx, all);
          }
        } catch (GoProxyException e) {
          ctx.err().println(goText(e));
          return 1;
        }
        List<ListedModule> out = new ArrayList<>();
        if (args.isEmpty()) {
          out.addAll(all);
        }
        for (String a : args) {
          if (a.equals("all")) {
            out.addAll(all);
            continue;
          }
          ListedModule found = all.stream().filter(m -> m.path().equals(a)).findFirst().orElse(null);
          if (found == null) {
            ctx.err().println("go: module " + a + ": not a known dependency");
            return 1;
          }
          out.add(found);
        }
        out.forEach(m -> ctx.out().println(m));
      }
      return 0;
    }
  }

  /** What go prints for a failure: {@code go: } and the message, bare for the few go1.19 messages without it. */
  static String goText(GoProxyException e) {
    return e instanceof ModuleGraphException ? ((ModuleGraphException) e).goText() : "go: " + e.getMessage();
  }

  /** {@code go list -m} without arguments: the main modules, in a workspace in go.work's use order. */
  private static List<ListedModule> mainModulesInUseOrder(GoProxyClient client, Invocation ctx, List<ListedModule> all)
      throws GoProxyException {
    List<ListedModule> mains = new ArrayList<>();
    all.stream().filter(ListedModule::main).forEach(mains::add);
    if (mains.size() < 2) {
      return mains;
    }
    List<ListedModule> out = new ArrayList<>();
    for (ModuleGraph.MainModule m : client.moduleGraph(workDir(ctx)).mainModules()) {
      mains.stream().filter(l -> l.path().equals(m.path())).findFirst().ifPresent(out::add);
    }
    return out;
  }

  /** {@code goproxy mod graph}. */
  static final class ModGraph implements Command {
    @Override
    public String name() {
      return "mod graph";
    }

    @Override
    public String summary() {
      return "print the module requirement graph (go mod graph)";
    }

    @Override
    public String help() {
      return "goproxy mod graph\n\n"
          + "In a module directory, prints each edge of the module requirement graph that go loads\n"
          + "(pruned for go 1.17 and later) as 'module requirement', exactly as go mod graph does.\n";
    }

    @Override
    public int run(Invocation ctx) throws Exception {
      if (!ctx.args().positional().isEmpty()) {
        ctx.err().println("go: 'go mod graph' accepts no arguments");
        return 1;
      }
      try (GoProxyClient client = Settings.client(ctx)) {
        ModuleGraph g;
        try {
          g = client.moduleGraph(workDir(ctx));
        } catch (GoProxyException e) {
          ctx.err().println(goText(e));
          return 1;
        }
        ctx.out().print(g.graphText());
      }
      return 0;
    }
  }
}
