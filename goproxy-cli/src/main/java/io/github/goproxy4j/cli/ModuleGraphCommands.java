package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.ListedModule;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.mvs.ModuleGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code list -m} and {@code mod graph}: the build of the main module in the current directory,
 * as the go command prints it. Output, error text ({@code go: ...}) and exit status are go's.
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
      return "list the modules of the build (go list -m [-u] [-json] all)";
    }

    @Override
    public String help() {
      return "goproxy list -m [-u] [-json] [all|path...]\n\n"
          + "In a module directory, prints the main module (no argument), every module of the build\n"
          + "(all: minimal version selection over the go.mod files, fetched and verified like go),\n"
          + "or the named modules, exactly as go list -m does; -u adds available updates,\n"
          + "retractions and deprecations; -json prints go's JSON objects (Time, Dir, GoMod, GoVersion,\n"
          + "Sum, GoModSum... as the selected go release prints them).\n";
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
        } catch (GoProxyException e) {
          ctx.err().println("go: " + e.getMessage());
          return 1;
        }
        List<ListedModule> out = new ArrayList<>();
        if (args.isEmpty()) {
          out.add(all.get(0));
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
        if (ctx.json()) {
          String release = Settings.goEnv(ctx).goVersion();
          out.forEach(m -> ctx.out().print(m.toJson(release)));
        } else {
          out.forEach(m -> ctx.out().println(m));
        }
      }
      return 0;
    }
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
          ctx.err().println("go: " + e.getMessage());
          return 1;
        }
        ctx.out().print(g.graphText());
      }
      return 0;
    }
  }
}
