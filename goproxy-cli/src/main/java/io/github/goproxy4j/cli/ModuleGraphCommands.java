package io.github.goproxy4j.cli;

import io.github.goproxy4j.cli.template.Template;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.ListFlags;
import io.github.goproxy4j.client.ListedWithErrorsException;
import io.github.goproxy4j.client.ListedModule;
import io.github.goproxy4j.client.ModDownloadResult;
import io.github.goproxy4j.client.internal.ColdStart;
import io.github.goproxy4j.client.internal.GoLocalZone;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.toolchain.InvalidToolchainException;
import io.github.goproxy4j.toolchain.ToolchainSelection;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code list -m}, {@code mod graph}, {@code mod download} and {@code mod verify}: the build of
 * the main module in the current directory, or of the workspace whose go.work go finds from there
 * (GOWORK), as the go command prints it. Output, error text ({@code go: ...}) and exit status are
 * go's.
 */
final class ModuleGraphCommands {
  private ModuleGraphCommands() {}

  static Path workDir(Invocation ctx) {
    return ctx.workDir();
  }

  /** {@code goproxy list -m [-u] [-versions] [-retracted] [all|path|path@query...]}. */
  static final class ListModules implements Command {
    @Override
    public String name() {
      return "list";
    }

    @Override
    public String summary() {
      return "list the modules of the build (go list -m [-u] [-versions] [-retracted] [-e] [-json|-f template] all)";
    }

    @Override
    public String help() {
      return "goproxy list -m [-u] [-versions] [-retracted] [-e] [-json|-f template] [-mod=mode] [-modfile=file]"
          + " [-modcacherw] [build flags] [all|pattern|path|path@query...]\n\n"
          + "In a module directory, prints the main module (no argument), every module of the build\n"
          + "(all: minimal version selection over the go.mod files, fetched and verified like go),\n"
          + "the modules matching a ... pattern, or the named modules, exactly as go list -m does;\n"
          + "path@query resolves a version query (@latest, @upgrade, @patch, @v1.2.3, @v1, >v1.2.0...)\n"
          + "as go does, whether or not the build has the module (also outside a module, where\n"
          + "path@query and -versions path work as in go and the main module is command-line-arguments);\n"
          + "-u adds available updates, retractions and deprecations; -versions lists each module's\n"
          + "available versions instead (without retracted and excluded ones; a path the build lacks\n"
          + "is listed too); -retracted marks retracted versions (retracted) and lets -versions list\n"
          + "them; -e lists a module that fails with its error (-json's Error) instead of failing,\n"
          + "and a graph that loads only in part as far as it loaded; -json prints go's JSON objects\n"
          + "(Time, Dir, GoMod, GoVersion, Sum, GoModSum... as the selected go release prints them);\n"
          + "-f template formats each module with Go's text/template as go list does\n"
          + "('{{.Path}} {{.Version}}{{with .Replace}} => {{.Path}}{{end}}', {{join .Versions \"\\n\"}}...).\n"
          + "-mod=... (or GOFLAGS's; the command line's wins) and a vendor directory select go's mode\n"
          + "(vendor mode answers from vendor/modules.txt and refuses all, patterns and -u, as go does);\n"
          + "-modfile=file reads and writes file (and its .sum) in place of go.mod and go.sum;\n"
          + "-modcacherw leaves the directories extracted into the module cache writable; -x traces each\n"
          + "HTTP request on standard error as go does ('# get URL', then '# get URL: 200 OK (0.012s)').\n"
          + "go list's other build flags (-tags, -trimpath, -v, -a, -n, -work, -buildvcs, -gcflags, -ldflags,\n"
          + "-asmflags, -gccgoflags, -toolexec, -compiler, -installsuffix, -pkgdir, -pgo, -cover...)\n"
          + "are checked as go checks them and change nothing, as in go list -m. -reuse=old.json (outside a\n"
          + "module, with path@version arguments) reads the file as go does and changes nothing else: through\n"
          + "a proxy go never reuses.\n";
    }

    /** go list's build flags ({@code -mod}, {@code -modfile}, {@code -modcacherw}, {@code -tags}...). */
    @Override
    public BuildFlags buildFlags() {
      return BuildFlags.LIST;
    }

    @Override
    public String goUsage(int minor) {
      return "go list [-f format] [-json] [-m] [list flags] [build flags] [packages]";
    }

    /** The client's refusals of {@code list -m} in GOPATH mode (modules off). */
    private static final Set<String> GOPATH_MODE = Set.of("list -m cannot be used with GO111MODULE=off",
        ListRefusals.RETRACTED_GOPATH);

    @Override
    public int run(Invocation invocation) throws Exception {
      ColdStart.begin(); // before this method links its lambdas (see asGo)
      Invocation ctx = BuildFlags.LIST.applied(invocation);
      List<String> args = ctx.args().positional();
      return asGo(ctx, BuildFlags.LIST, ListRefusals.EARLY, (client, release) -> {
        // go's flags: GOFLAGS's, then the command line's
        List<Args.Given> set = BuildFlags.LIST.effective(ctx);
        String format = ListRefusals.value(ctx, Settings.goEnv(ctx), "f");
        // go parses -f's template after BuildInit, whose failures come first, and before
        // modload.Init (a parse error exits before anything is loaded or refused after Init)
        Template template = null;
        if (!format.isEmpty() && ListRefusals.buildInitFailure(invocation, ctx, client, workDir(ctx)).isEmpty()) {
          try {
            template = Template.parse(format, release);
          } catch (Template.ParseException e) {
            client.moduleInit(workDir(ctx), ctx.err()::println); // BuildInit's modload.Init first
            ctx.err().println(e.getMessage());
            return 1;
          }
        }
        // go's refusals of flag combinations after modload.Init (-compiled with -m, -u without it...)
        Optional<String> goRefusal = ListRefusals.afterInit(set, GoRelease.modelled(release).behaviourMinor());
        if (goRefusal.isPresent()) {
          client.moduleInit(workDir(ctx), ctx.err()::println); // BuildInit's modload.Init first
          Optional<String> first = ListRefusals.earlierFailure(invocation, ctx, client, workDir(ctx),
              BuildFlags.boolValue(set, "retracted"));
          ctx.err().println(first.orElse(goRefusal.get()));
          return 1;
        }
        if (!BuildFlags.boolValue(set, "m")) {
          throw new UsageException("only module listing (-m) is supported");
        }
        JsonFlag json = JsonFlag.of(set); // with -f: refused before (ListRefusals.beforeBuildInit)
        // go's rules: the -mod mode (vendor directory, GOFLAGS), all, ... patterns, paths
        ListFlags flags = ListFlags.builder().updates(BuildFlags.boolValue(set, "u"))
            .versions(BuildFlags.boolValue(set, "versions")).retracted(BuildFlags.boolValue(set, "retracted"))
            .allowErrors(BuildFlags.boolValue(set, "e")).build();
        List<ListedModule> out;
        int status = 0;
        // BuildInit's -p check, after modload.Init (its warnings, its failures) and buildModeInit's
        // -mod checks (in GOPATH mode those of the flags only modules take)
        String go111 = Settings.goEnv(ctx).get("GO111MODULE");
        Optional<String> badP = BuildFlags.nonPositiveP(ctx);
        if (badP.isPresent()) {
          boolean modules = client.moduleInit(workDir(ctx), ctx.err()::println);
          Optional<String> refused = modules ? BuildFlags.modFlagRefusal(ctx) : BuildFlags.buildModeRefusal(invocation, ctx);
          ctx.err().println(refused.orElse(badP.get()));
          return 1;
        }
        // -reuse (outside any module: ListRefusals refused it inside one); in GOPATH mode go refuses -m first
        String reuse = ListRefusals.value(ctx, Settings.goEnv(ctx), "reuse");
        if (!reuse.isEmpty() && !go111.equals("off") && !go111.equals("auto")) {
          if (args.isEmpty()) {
            ctx.err().println("go: list -m -reuse only has an effect with module@version arguments");
            return 1;
          }
          // modload.ListModules reads the file before anything else; -e drops its error, lists nothing
          Optional<String> unreadable = ReuseFile.check(workDir(ctx), reuse, GoRelease.modelled(release).behaviourMinor());
          if (unreadable.isPresent()) {
            if (flags.allowErrors()) {
              return 0;
            }
            ctx.err().println("go: " + unreadable.get());
            return 1;
          }
        }
        try {
          out = client.listModules(workDir(ctx), args, flags, ctx.err()::println);
        } catch (ListedWithErrorsException e) {
          // -e: go printed errors as it went on (base.Errorf), lists, and exits with status 1
          ctx.err().println(e.goText());
          out = e.modules();
          status = 1;
        } catch (ModuleGraphException e) {
          // GOPATH mode: GO111MODULE=off, or auto outside a module (go's HasModRoot)
          boolean gopathMode = go111.equals("off") || go111.equals("auto") && !client.hasModRoot(workDir(ctx));
          if (!GOPATH_MODE.contains(e.getMessage()) && !(gopathMode && e.getMessage().equals(ListRefusals.RETRACTED_VENDOR))) {
            throw e;
          }
          // modules off: go's BuildInit checks the build flags before list refuses GOPATH mode (and
          // -retracted under -mod=vendor, which the client refuses first)
          Optional<String> refused = BuildFlags.modulesOffRefusal(invocation, ctx, go111);
          if (refused.isEmpty()) {
            throw e;
          }
          ctx.err().println(refused.get());
          return 1;
        }
        if (template != null) {
          Template t = template.listingVersions(flags.versions());
          Optional<java.time.ZoneId> zone = GoLocalZone.of(Settings.goEnv(ctx));
          if (zone.isPresent()) {
            t = t.withLocalZone(zone.get());
          }
          Optional<io.github.goproxy4j.cli.template.ListContext> context =
              ListBuildContext.of(Settings.goEnv(ctx), release, set);
          if (context.isPresent()) {
            t = t.withContext(context.get());
          }
          return formatted(ctx, t, out, status,
              new ListModuleInfo(client, workDir(ctx), GoRelease.modelled(release).behaviourMinor()).seed(args, flags, out));
        }
        if (json.on()) {
          out.forEach(m -> ctx.out().print(m.toJson(release, json.fields())));
        } else if (flags.versions()) {
          out.forEach(m -> ctx.out().println(m.versionsText()));
        } else {
          out.forEach(m -> ctx.out().println(m));
        }
        return status;
      });
    }
  }

  /**
   * go list's {@code -f}: the template executed for each module, a newline after each execution
   * unless the last byte written so far is one (go's TrackingWriter starts as if after one, so a
   * module printing nothing adds nothing), the function {@code module} answered from the build
   * ({@link ListModuleInfo}); an execution error ends the listing after the output
   * written before it, with go's text and exit status 1.
   */
  private static int formatted(Invocation ctx, Template template, List<ListedModule> modules, int status,
      ListModuleInfo moduleInfo) throws Template.ExecException, GoProxyException {
    char last = '\n';
    for (ListedModule m : modules) {
      String text;
      try {
        text = template.execute(m, moduleInfo);
      } catch (ListModuleInfo.Failure e) {
        throw e.failure(); // go's base.Fatalf in modload.ModuleInfo
      } catch (Template.ExecException e) {
        ctx.out().print(e.output());
        ctx.out().flush();
        ctx.err().println(e.getMessage());
        return 1;
      }
      ctx.out().print(text);
      if (!text.isEmpty()) {
        last = text.charAt(text.length() - 1);
      }
      if (last != '\n') {
        ctx.out().print('\n');
        last = '\n';
      }
    }
    return status;
  }

  /** A graph command's work with the client, following the go release {@code release}; what it throws go would print as a failure. */
  interface GoWork {
    int run(GoProxyClient client, String release) throws Exception;
  }

  /**
   * Thrown by a command's work where go switches to a newer toolchain in the middle of the
   * command: {@link #asGo} then runs the work again as that toolchain.
   */
  static final class ToolchainSwitch extends Exception {
    private static final long serialVersionUID = 1L;
    final transient ModDownloadResult.ToolchainSwitch to;

    /** go's switch {@code to}, which found a toolchain. */
    ToolchainSwitch(ModDownloadResult.ToolchainSwitch to) {
      super(to.what() + " requires go >= " + to.goVersion() + "; switching to " + to.toolchain(), null, false, false);
      this.to = to;
    }
  }

  /**
   * go's refusal of a command's flags before it does anything (after its GOFLAGS checks, before
   * goproxy's own refusals of flags it does not do): go's line, printed alone, exit status 1.
   */
  interface EarlyRefusal {
    Optional<String> refusal(Invocation ctx, GoEnv env) throws GoProxyException;
  }

  /**
   * A command's refusal of any argument, which go makes first thing in its Run: after main's
   * checks (toolchain switch, GOPATH) and GOFLAGS's (SetFromGOFLAGS), whose failures come first.
   *
   * @param text go's line ({@code go: 'go mod graph' accepts no arguments})
   */
  static EarlyRefusal noArguments(String text) {
    return new EarlyRefusal() { // a class, not a lambda: it runs on the CLI's serial start
      @Override
      public Optional<String> refusal(Invocation ctx, GoEnv env) {
        return ctx.args().positional().isEmpty() ? Optional.empty() : Optional.of(text);
      }
    };
  }

  /** {@link #asGo(Invocation, BuildFlags, EarlyRefusal, GoWork)} without an early refusal. */
  static int asGo(Invocation ctx, BuildFlags flags, GoWork work) throws Exception {
    return asGo(ctx, flags, null, work);
  }

  /**
   * Runs {@code work} as go would: first go's toolchain switch (a go.mod or go.work whose go or
   * toolchain line asks for a newer release, or GOTOOLCHAIN naming one, under go1.21 on), then
   * the command with the release switched to; a load or fetch failure prints go's text, and so
   * does a bad environment ({@code go: parsing $GOFLAGS: ...}), with exit status 1.
   */
  static int asGo(Invocation ctx, BuildFlags flags, EarlyRefusal early, GoWork work) throws Exception {
    // the client's warm-up, here before the environment is read and the client built (each
    // command's run starts it even earlier: the JVM's first lambda, its GoWork, costs the thread
    // that links it several milliseconds, and the warm-up thread links one at once)
    ColdStart.begin();
    try {
      GoEnv env = Settings.switchToolchain(ctx, workDir(ctx));
      if (!gopathAccepted(ctx, env)) {
        return 2;
      }
      env.goFlags(); // GOFLAGS as go applies it to the command's flags (SetFromGOFLAGS), before the command
      flags.checkGoflags(env, env.goVersion());
      Optional<String> refused = early == null ? Optional.empty() : early.refusal(ctx, env);
      if (refused.isPresent()) {
        ctx.err().println(refused.get());
        return 1;
      }
      Optional<String> unsupported = flags.unsupported(ctx);
      if (unsupported.isPresent()) {
        throw new UsageException(unsupported.get());
      }
      ToolchainSwitch sw;
      try (GoProxyClient client = client(ctx, flags, env)) {
        return work.run(client, env.goVersion());
      } catch (ToolchainSwitch e) {
        sw = e;
      }
      // go's switch in the middle of the command (toolchain.Switcher.Switch, then Exec): the
      // toolchain switched to runs the command again from its start, without selecting again
      ToolchainSelection s = ToolchainSelection.switchingTo(env, sw.to.toolchain(), sw.to.what(), sw.to.goVersion());
      ctx.err().println(s.reason());
      env = Settings.execToolchain(ctx, env, s, true); // only go mod download switches here
      if (!gopathAccepted(ctx, env)) {
        return 2;
      }
      try (GoProxyClient client = client(ctx, flags, env)) {
        return work.run(client, env.goVersion());
      }
    } catch (GoProxyException e) {
      ctx.err().println(goText(e));
      return 1;
    } catch (GoEnvException | InvalidToolchainException e) {
      if (isFlagFromGoflags(e)) {
        throw new GoFlagException("go: " + e.getMessage());
      }
      ctx.err().println("go: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The client for {@code env}, printing go's warnings (a failed module cache write) on standard
   * error and tracing its HTTP requests there under go's {@code -x}.
   */
  private static GoProxyClient client(Invocation ctx, BuildFlags flags, GoEnv env) {
    java.io.PrintStream err = ctx.err();
    GoProxyClient.Builder b = GoProxyClient.builder().env(env).warnings(new java.util.function.Consumer<String>() {
      @Override
      public void accept(String line) {
        err.println(line); // an anonymous class: no lambda linked on the CLI's serial start
      }
    });
    if (flags.traced(env, GoRelease.modelled(env.goVersion()).behaviourMinor())) {
      b.httpTrace(ctx.err()::println);
    }
    return b.build();
  }

  /**
   * Whether a GOFLAGS failure is one of SetFromGOFLAGS (a flag's value the command refuses, each
   * worded {@code ... (from $GOFLAGS)}), after which go prints the command's usage and exits 2;
   * InitGOFLAGS's ({@code parsing $GOFLAGS: ...}) and the mode's exit 1 without it.
   */
  static boolean isFlagFromGoflags(RuntimeException e) {
    String m = e.getMessage();
    return m != null && (m.contains(" (from $GOFLAGS)") || m.contains(" (from %GOFLAGS%)"));
  }

  /**
   * go's checks of GOPATH at start-up (its main, after the toolchain switch, before any command):
   * GOPATH naming GOROOT's directory is warned about, in the release's words; an entry starting
   * with {@code ~}, or a relative entry GOPATH was given (not one go inferred from a relative home
   * directory, which it forgets), ends go with exit status 2. Empty entries are skipped.
   *
   * @return whether go goes on (else its lines are printed)
   */
  static boolean gopathAccepted(Invocation ctx, GoEnv env) {
    String gopath = env.get("GOPATH");
    String goroot = env.get("GOROOT");
    if (!goroot.isEmpty() && cleaned(gopath).equals(cleaned(goroot))) {
      ctx.err().println(GoRelease.modelled(env.goVersion()).behaviourMinor() < 24
          ? "warning: GOPATH set to GOROOT (" + gopath + ") has no effect"
          : "warning: both GOPATH and GOROOT are the same directory (" + gopath
              + "); see https://go.dev/wiki/InstallTroubleshooting");
      return true;
    }
    for (String p : env.gopathList()) {
      if (p.isEmpty()) {
        continue;
      }
      if (p.startsWith("~")) {
        ctx.err().println("go: GOPATH entry cannot start with shell metacharacter '~': " + GoQuote.quote(p));
        return false;
      }
      if (!isAbsolute(p) && env.source("GOPATH") != GoEnv.Source.DEFAULT) {
        ctx.err().println("go: GOPATH entry is relative; must be absolute path: " + GoQuote.quote(p)
            + ".\nFor more details see: 'go help gopath'");
        return false;
      }
    }
    return true;
  }

  /** A path as go's filepath.Clean writes it, for comparing two settings (Unix rules). */
  private static String cleaned(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    try {
      String c = Path.of(path).normalize().toString();
      return c.isEmpty() ? "." : c;
    } catch (InvalidPathException e) {
      return path;
    }
  }

  private static boolean isAbsolute(String path) {
    try {
      return Path.of(path).isAbsolute();
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** What go prints for a failure: {@code go: } and the message, bare for the few go1.19 messages without it. */
  static String goText(GoProxyException e) {
    return e instanceof ModuleGraphException ? ((ModuleGraphException) e).goText() : "go: " + e.getMessage();
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
      return "goproxy mod graph [-go=version] [-x] [-modcacherw] [-modfile=file]\n\n"
          + "In a module directory, prints each edge of the module requirement graph that go loads\n"
          + "(pruned for go 1.17 and later) as 'module requirement', exactly as go mod graph does.\n"
          + "-go=version: the graph as that Go version loads it (unpruned below 1.17).\n";
    }

    @Override
    public String goUsage(int minor) {
      return minor < 20 ? "go mod graph [-go=version]" : "go mod graph [-go=version] [-x]";
    }

    /** go's mod common flags ({@code -modcacherw}, {@code -modfile}) and {@code -go}. */
    @Override
    public BuildFlags buildFlags() {
      return BuildFlags.GRAPH;
    }

    @Override
    public int run(Invocation invocation) throws Exception {
      ColdStart.begin(); // before this method links its lambdas (see asGo)
      Invocation ctx = BuildFlags.GRAPH.applied(invocation);
      return asGo(ctx, BuildFlags.GRAPH, noArguments("go: 'go mod graph' accepts no arguments"), (client, release) -> {
        client.moduleModeWarnings(workDir(ctx), true).forEach(ctx.err()::println);
        // -go: the command line's, else GOFLAGS's (go sets its flags from GOFLAGS first)
        String go = ctx.args().option("go").orElseGet(() -> Settings.goEnv(ctx).goFlag("go").orElse(""));
        io.github.goproxy4j.mvs.ModuleGraph g = loadModGraph(ctx, client, go);
        ctx.out().print(g.graphText());
        return g.replacementErrors().isEmpty() ? 0 : 1;
      });
    }
  }

  /**
   * go's LoadModGraph for {@code mod graph} and {@code mod verify}: the graph, after the errors go
   * printed as the load went on (base.Errorf: a workspace's conflicting replacements), which make
   * its exit status 1; a load that fails part way fails after those.
   */
  private static io.github.goproxy4j.mvs.ModuleGraph loadModGraph(Invocation ctx, GoProxyClient client,
      String goVersion) throws Exception {
    io.github.goproxy4j.mvs.ModuleGraph g;
    try {
      g = client.modGraph(workDir(ctx), goVersion);
    } catch (ModuleGraphException e) {
      e.partialGraph().ifPresent(p -> p.replacementErrors().forEach(ctx.err()::println));
      throw e;
    }
    g.replacementErrors().forEach(ctx.err()::println);
    return g;
  }

  /** {@code goproxy mod download [-json]} (no arguments: go's rule for the main module). */
  static final class ModDownload implements Command {
    @Override
    public String name() {
      return "mod download";
    }

    @Override
    public String summary() {
      return "download the main module's dependencies into the module cache (go mod download)";
    }

    @Override
    public String help() {
      return "goproxy mod download [-json] [-x] [-modcacherw] [-modfile=file] [path@query...]\n\n"
          + "In a module directory, downloads what go mod download without arguments downloads: for a\n"
          + "main module at go 1.17 or later the modules its go.mod requires, else every module of the\n"
          + "build; verified against go.sum and the checksum database, extracted into GOMODCACHE so that\n"
          + "GOFLAGS=-mod=mod GOPROXY=off go build ./... works. go.sum gains the go.mod checksums go adds\n"
          + "(not the zips'). -json prints go's objects (Path, Version, Info, GoMod, Zip, Dir, Sum,\n"
          + "GoModSum).\n"
          + "With arguments (path@query: @latest, @v1.2.3, @v1, a revision...; in a module also a path,\n"
          + "meaning its selected version, all, patterns, @upgrade and @patch) downloads each module as go\n"
          + "does (-json adds Query and the proxy's Origin); in a module go.sum then gains the checksums\n"
          + "go adds for them (those of the build list's modules), unless a module failed without -json.\n"
          + "-x (or GOFLAGS's) traces each HTTP request to the proxy and checksum database on standard\n"
          + "error as go does ('# get URL', then '# get URL: 200 OK (0.012s)' or the error).\n"
          + "-reuse=old.json (outside a module) reads the file as go does and changes nothing else: through\n"
          + "a proxy go never reuses.\n";
    }

    @Override
    public String goUsage(int minor) {
      return "go mod download [-x] [-json] [-reuse=old.json] [modules]";
    }

    /** go's mod common flags ({@code -modcacherw}, {@code -modfile}). */
    @Override
    public BuildFlags buildFlags() {
      return BuildFlags.MOD_DOWNLOAD;
    }

    @Override
    public int run(Invocation invocation) throws Exception {
      ColdStart.begin(); // before this method links its lambdas (see asGo)
      Invocation ctx = BuildFlags.MOD_DOWNLOAD.applied(invocation);
      List<String> args = ctx.args().positional();
      return asGo(ctx, BuildFlags.MOD_DOWNLOAD, (client, release) -> {
        boolean json = BuildFlags.boolValue(BuildFlags.MOD_DOWNLOAD.effective(ctx), "json"); // GOFLAGS's, then the command line's
        client.moduleModeWarnings(workDir(ctx)).forEach(ctx.err()::println);
        String reuse = ListRefusals.value(ctx, Settings.goEnv(ctx), "reuse");
        if (!reuse.isEmpty() && !Settings.goEnv(ctx).get("GO111MODULE").equals("off")) {
          if (client.hasModRoot(workDir(ctx))) {
            if (args.isEmpty()) {
              // go first picks the modules to download (for a main module at go 1.17 or later it
              // loads the graph, and may fail or switch toolchains there), then refuses
              throw new UsageException("-reuse inside a module without arguments is not supported: go refuses it"
                  + " only after loading the module graph, which goproxy does not model");
            }
            // go reads go.mod (go.work), says which arguments name a main module, then refuses
            for (io.github.goproxy4j.client.ListedModule main : client.mainModules(workDir(ctx))) {
              for (String arg : args) {
                if (arg.equals(main.path()) || arg.equals(main.path() + "@upgrade") || arg.equals(main.path() + "@patch")) {
                  ctx.err().println("go: skipping download of " + arg + " that resolves to the main module");
                }
              }
            }
            ctx.err().println("go mod download -reuse cannot be used inside a module");
            return 1;
          }
          if (!args.isEmpty()) {
            // modload.ListModules reads the file first; go reports its error after the (no) downloads
            Optional<String> unreadable = ReuseFile.check(workDir(ctx), reuse, GoRelease.modelled(release).behaviourMinor());
            if (unreadable.isPresent()) {
              ctx.err().println("go: " + unreadable.get());
              return 1;
            }
          }
        }
        ModDownloadResult result;
        try {
          result = client.modDownloadResult(workDir(ctx), args, json, ctx.err()::println);
        } catch (ModuleGraphException e) {
          // toolchain.SwitchOrFatal on the graph's failure (a main module at go 1.17 or later): a
          // dependency needing a newer go makes go switch toolchains where GOTOOLCHAIN allows it
          Optional<ModDownloadResult.ToolchainSwitch> sw = client.toolchainSwitch(e);
          if (sw.isEmpty()) {
            throw e;
          }
          if (sw.get().toolchain().isEmpty()) {
            ctx.err().println(e.goText());
            ctx.err().println("go: " + GoStrings.logLine(sw.get().error()));
            return 1;
          }
          throw new ToolchainSwitch(sw.get());
        }
        if (result.noDependencies()) {
          ctx.err().println("go: no module dependencies to download");
          return 0;
        }
        // what go printed as the load and the listing went on (base.Errorf); go.work.sum's keepSums
        // prints its lines (with -json) after the downloads and the switches below
        List<String> printed = result.printedErrors();
        printed.subList(0, printed.size() - result.keptSumsErrors().size()).forEach(ctx.err()::println);
        Optional<ModDownloadResult.ToolchainSwitch> early = result.graphSwitch();
        if (early.isPresent()) {
          // go's switch on the graph's failure, before the downloads
          if (!early.get().toolchain().isEmpty()) {
            throw new ToolchainSwitch(early.get());
          }
          ctx.err().println(result.graphError());
          ctx.err().println("go: " + GoStrings.logLine(early.get().error()));
        }
        Optional<ModDownloadResult.ToolchainSwitch> sw = result.toolchainSwitch();
        if (sw.isPresent()) {
          if (!sw.get().toolchain().isEmpty()) {
            throw new ToolchainSwitch(sw.get());
          }
          // no toolchain to switch to: go prints the download errors, why, and goes on
          result.modules().stream().filter(d -> d.attempted() && !d.error().isEmpty())
              .forEach(d -> ctx.err().println("go: " + GoStrings.logLine(d.error())));
          ctx.err().println("go: " + GoStrings.logLine(sw.get().error()));
        }
        result.keptSumsErrors().forEach(ctx.err()::println);
        // go prints every module (-json) or every error, then exits 1 if any module failed; then
        // an incomplete graph's failure (in text form only when no module failed and nothing
        // was printed as go went on: go exits first, ExitIfErrors)
        boolean exitedFirst = !json && (!result.printedErrors().isEmpty()
            || result.modules().stream().anyMatch(m -> !m.error().isEmpty()));
        if (json) {
          result.modules().forEach(m -> ctx.out().print(m.toJson(release)));
        } else {
          result.modules().stream().filter(m -> !m.error().isEmpty())
              .forEach(m -> ctx.err().println("go: " + GoStrings.logLine(m.error())));
        }
        if (!result.graphError().isEmpty() && !exitedFirst) {
          ctx.err().println(result.graphError());
        }
        return result.failed() ? 1 : 0;
      });
    }
  }

  /** {@code goproxy mod verify}. */
  static final class ModVerify implements Command {
    @Override
    public String name() {
      return "mod verify";
    }

    @Override
    public String summary() {
      return "check that the cached modules of the build are unmodified (go mod verify)";
    }

    @Override
    public String help() {
      return "goproxy mod verify [-modcacherw] [-modfile=file]\n\n"
          + "In a module directory, checks that the zip and the extracted tree in GOMODCACHE of every\n"
          + "module of the build still hash to the .ziphash recorded at download, printing go's\n"
          + "'all modules verified' or one line per problem on standard error (exit status 1).\n";
    }

    @Override
    public String goUsage(int minor) {
      return "go mod verify";
    }

    /** go's mod common flags ({@code -modcacherw}, {@code -modfile}). */
    @Override
    public BuildFlags buildFlags() {
      return BuildFlags.MOD;
    }

    @Override
    public int run(Invocation invocation) throws Exception {
      ColdStart.begin(); // before this method links its lambdas (see asGo)
      Invocation ctx = BuildFlags.MOD.applied(invocation);
      return asGo(ctx, BuildFlags.MOD, noArguments("go: verify takes no arguments"), (client, release) -> {
        client.moduleModeWarnings(workDir(ctx), true).forEach(ctx.err()::println);
        io.github.goproxy4j.mvs.ModuleGraph g = loadModGraph(ctx, client, "");
        List<String> problems = client.modVerify(workDir(ctx), g);
        if (problems.isEmpty()) {
          ctx.out().println("all modules verified");
          return g.replacementErrors().isEmpty() ? 0 : 1;
        }
        problems.forEach(ctx.err()::println);
        return 1;
      });
    }
  }
}
