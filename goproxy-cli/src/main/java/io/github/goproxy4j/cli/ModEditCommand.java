package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.ModuleCache;
import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.ModfileRE;
import io.github.goproxy4j.internal.GoStrconv;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.modfile.GoModEditor;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoModSyntaxException;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code goproxy mod edit}: go's {@code go mod edit} for the selected release (its flags, parsed
 * as Go's flag package parses them, its output, messages and exit status), writing go.mod with
 * {@link GoModEditor} under go's file lock.
 */
final class ModEditCommand implements Command {
  private static final String GO_USAGE_LINE = "go mod edit [editing flags] [-fmt|-print|-json] [go.mod]";
  private static final String GO_USAGE = "usage: " + GO_USAGE_LINE + "\n" + "Run 'go help mod edit' for details.\n";

  @Override
  public String name() {
    return "mod edit";
  }

  @Override
  public String summary() {
    return "edit go.mod as go mod edit does (-fmt, -require, -replace, -json...)";
  }

  @Override
  public String help() {
    return "goproxy mod edit [editing flags] [-fmt|-print|-json] [go.mod]\n\n"
        + "Edits go.mod (the main module's, or the file named) as the selected go release's\n"
        + "'go mod edit' does, byte for byte: -fmt -module -go -require -droprequire -exclude\n"
        + "-dropexclude -replace -dropreplace -retract -dropretract -print -json, and where the\n"
        + "release has them -toolchain (1.21), -godebug/-dropgodebug (1.23), -tool/-droptool (1.24),\n"
        + "-ignore/-dropignore (1.25). Flags are go's (single dash, -flag=value or -flag value).\n"
        + "Without a file argument, -modfile=file (or GOFLAGS's -modfile) names the file edited, as in go\n"
        + "(inside a module, ending in .mod); -C dir first runs in dir (go1.20 on).\n"
        + "--go-version 1.X selects the release (default: the newest).\n";
  }

  @Override
  public boolean goFlags() {
    return true;
  }

  @Override
  public String goUsage(int minor) {
    return GO_USAGE_LINE;
  }

  /** One editing flag, applied in order after the module, go and toolchain lines. */
  private record Edit(String flag, String arg, String a, String b, String c, String d) {}

  /** A go.mod edit failure go reports with {@code base.Fatalf}: the text, exit status 1. */
  private static final class Fatal extends Exception {
    private static final long serialVersionUID = 1L;

    Fatal(String text) {
      super(text, null, false, false);
    }
  }

  /** A flag-parsing failure: go prints it and its usage, exit status 2. */
  private static final class FlagError extends Exception {
    private static final long serialVersionUID = 1L;
    /** go's flag.ErrHelp: the usage lines alone. */
    private final boolean help;

    FlagError(String text) {
      this(text, false);
    }

    private FlagError(String text, boolean help) {
      super(text, null, false, false);
      this.help = help;
    }
  }

  private int minor;
  private String release;
  private boolean fmt;
  private boolean json;
  private boolean print;
  private String module = "";
  private String go = "";
  private String toolchain = "";
  /** -modfile (GOFLAGS's, then the command line's): the file edited when no file is named. */
  private String modFile = "";
  private final List<Edit> edits = new ArrayList<>();
  /** Whether GOFLAGS or the command line sets go's {@code -overlay}, which goproxy does not do. */
  private boolean overlay;

  @Override
  public int run(Invocation ctx) throws Exception {
    return new ModEditCommand().runOnce(ctx); // the flags' state is per run
  }

  private int runOnce(Invocation ctx) throws IOException {
    GoEnv env = Settings.goEnv(ctx);
    release = env.goVersion();
    minor = GoRelease.modelled(release).behaviourMinor();
    try {
      List<String> args;
      try {
        // GOFLAGS first, as go's SetFromGOFLAGS before the command line
        List<String> goflags;
        try {
          goflags = env.goFlags();
        } catch (GoEnvException e) {
          if (ModuleGraphCommands.isFlagFromGoflags(e)) {
            throw new FlagError("go: " + e.getMessage());
          }
          throw new Fatal("go: " + e.getMessage());
        }
        setFromGoflags(goflags, env.os() == GoEnv.Os.WINDOWS ? "%GOFLAGS%" : "$GOFLAGS");
        args = parseFlags(ctx.args().positional());
        if (overlay) {
          throw new UsageException("-overlay is not supported: goproxy does not do what go does with it");
        }
      } catch (FlagError e) {
        ctx.err().print((e.help ? "" : e.getMessage() + "\n") + GO_USAGE);
        return 2;
      }
      return edit(ctx, env, args);
    } catch (Fatal e) {
      ctx.err().println(e.getMessage());
      return 1;
    }
  }

  // ---- Go's flag package over go mod edit's flags

  private boolean isBool(String name) {
    switch (name) {
      case "fmt": case "json": case "print": case "n": case "x": case "modcacherw":
        return true;
      default:
        return false;
    }
  }

  private boolean isDefined(String name) {
    switch (name) {
      case "fmt": case "json": case "print": case "n": case "x": case "modcacherw": case "modfile": case "overlay":
      case "go": case "module": case "require": case "droprequire": case "exclude": case "dropexclude":
      case "replace": case "dropreplace": case "retract": case "dropretract":
        return true;
      case "toolchain":
        return minor >= 21;
      case "C":
        return minor >= ChdirFlag.FIRST_MINOR;
      case "godebug": case "dropgodebug":
        return minor >= 23;
      case "tool": case "droptool":
        return minor >= 24;
      case "ignore": case "dropignore":
        return minor >= 25;
      default:
        return false;
    }
  }

  /**
   * go's SetFromGOFLAGS over go mod edit's flags: each GOFLAGS word naming one of them sets it
   * before the command line does ({@code GOFLAGS=-json} prints JSON, {@code -go=1.16} edits the
   * go line, and either counts as a flag given), in order, a word naming another command's flag
   * skipped ({@code -C} was refused already); a refused value is go's {@code ... (from $GOFLAGS)}.
   */
  private void setFromGoflags(List<String> words, String where) throws FlagError, Fatal {
    for (String word : words) {
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      name = name.substring(name.startsWith("--") ? 2 : 1);
      if (!isDefined(name) || name.equals("C")) {
        continue;
      }
      if (isBool(name)) {
        Optional<Boolean> b = eq < 0 ? Optional.of(true) : GoStrconv.parseBool(word.substring(eq + 1));
        if (b.isEmpty()) {
          throw new FlagError("go: invalid boolean value " + GoQuote.quote(word.substring(eq + 1)) + " for flag -"
              + name + " (from " + where + "): parse error");
        }
        setBool(name, b.get());
      } else if (eq < 0) {
        throw new FlagError("go: flag needs an argument: -" + name + " (from " + where + ")");
      } else {
        set(name, word.substring(eq + 1));
      }
    }
  }

  private List<String> parseFlags(List<String> argv) throws FlagError, Fatal {
    int i = 0;
    while (i < argv.size()) {
      String s = argv.get(i);
      if (s.length() < 2 || s.charAt(0) != '-') {
        break;
      }
      int minuses = 1;
      if (s.charAt(1) == '-') {
        minuses = 2;
        if (s.length() == 2) {
          i++;
          break;
        }
      }
      String name = s.substring(minuses);
      if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
        throw new FlagError("bad flag syntax: " + s);
      }
      i++;
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!isDefined(name)) {
        if (name.equals("h") || name.equals("help")) {
          throw new FlagError("flag: help requested", true); // go's flag.ErrHelp
        }
        throw new FlagError("flag provided but not defined: -" + name);
      }
      if (isBool(name)) {
        boolean v = true;
        if (value != null) {
          Optional<Boolean> b = GoStrconv.parseBool(value);
          if (b.isEmpty()) {
            throw new FlagError("invalid boolean value " + GoQuote.quote(value) + " for -" + name + ": parse error");
          }
          v = b.get();
        }
        setBool(name, v);
        continue;
      }
      if (value == null) {
        if (i >= argv.size()) {
          throw new FlagError("flag needs an argument: -" + name);
        }
        value = argv.get(i++);
      }
      if (name.equals("C")) {
        throw new FlagError(ChdirFlag.misplaced(minor, value).getMessage()); // go's main took the first one
      }
      set(name, value);
    }
    return argv.subList(i, argv.size());
  }

  private void setBool(String name, boolean v) {
    switch (name) {
      case "fmt":
        fmt = v;
        break;
      case "json":
        json = v;
        break;
      case "print":
        print = v;
        break;
      default:
        break; // -n, -x, -modcacherw: nothing for go mod edit to do here
    }
  }

  /** A flag's value, checked as go checks it while parsing the flags (go exits at the first bad one). */
  private void set(String name, String arg) throws Fatal {
    switch (name) {
      case "go":
        go = arg;
        return;
      case "module":
        module = arg;
        return;
      case "toolchain":
        toolchain = arg;
        return;
      case "modfile":
        modFile = arg;
        return;
      case "overlay":
        overlay = true; // base.AddModCommonFlags's: refused once the flags are parsed
        return;
      case "require": {
        String[] pv = parsePathVersion(name, arg);
        edits.add(new Edit(name, arg, pv[0], pv[1], null, null));
        return;
      }
      case "droprequire":
      case "tool":
      case "droptool":
        edits.add(new Edit(name, arg, parsePath(name, arg), null, null, null));
        return;
      case "exclude":
      case "dropexclude": {
        String[] pv = parsePathVersion(name, arg);
        edits.add(new Edit(name, arg, pv[0], pv[1], null, null));
        return;
      }
      case "replace":
        addReplace(arg);
        return;
      case "dropreplace": {
        String[] pv = parsePathVersionOptional("old", arg, true, "go: -dropreplace=" + arg + ": ");
        edits.add(new Edit(name, arg, pv[0], pv[1], null, null));
        return;
      }
      case "retract":
      case "dropretract": {
        String[] vi = parseVersionInterval(arg);
        if (vi == null) {
          throw new Fatal("go: -" + name + "=" + arg + ": " + intervalError);
        }
        edits.add(new Edit(name, arg, vi[0], vi[1], null, null));
        return;
      }
      case "godebug": {
        int eq = arg.indexOf('=');
        if (eq < 0 || containsAny(arg, "\"`',")) {
          throw new Fatal("go: -godebug=" + arg + ": need key=value");
        }
        edits.add(new Edit(name, arg, arg.substring(0, eq), arg.substring(eq + 1), null, null));
        return;
      }
      case "dropgodebug":
      case "ignore":
      case "dropignore":
        edits.add(new Edit(name, arg, arg, null, null, null));
        return;
      default:
        throw new IllegalStateException(name);
    }
  }

  private static boolean containsAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static String importPathError(String path) {
    try {
      ModulePath.checkImportPath(path);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** The edit's allowedVersionArg: the version may stand in go.mod unquoted. */
  private static boolean allowedVersionArg(String v) {
    return !GoModEditor.mustQuote(v);
  }

  /** modload.ParsePathVersion (go1.26 on) or strings.Cut at "@": {path, version} or {arg} when there is no "@". */
  private String[] cutAt(String flagPrefix, String arg) throws Fatal {
    int at = arg.indexOf('@');
    if (at < 0) {
      return new String[] {arg};
    }
    String vers = arg.substring(at + 1);
    if (minor >= 26 && !vers.isEmpty() && (vers.charAt(0) == '-' || vers.charAt(0) == '/')) {
      throw new Fatal(flagPrefix + "invalid module version " + GoQuote.quote(vers));
    }
    return new String[] {arg.substring(0, at), vers};
  }

  private String[] parsePathVersion(String flag, String arg) throws Fatal {
    String prefix = "go: -" + flag + "=" + arg + ": ";
    String[] pv = cutAt(prefix, arg);
    if (pv.length == 1) {
      throw new Fatal(prefix + "need path@version");
    }
    String path = trimSpace(pv[0]);
    String version = trimSpace(pv[1]);
    String bad = importPathError(path);
    if (bad != null) {
      throw new Fatal(prefix + "invalid path: " + bad);
    }
    if (!allowedVersionArg(version)) {
      throw new Fatal(prefix + "invalid version " + GoQuote.quote(version));
    }
    return new String[] {path, version};
  }

  private static String parsePath(String flag, String arg) throws Fatal {
    String prefix = "go: -" + flag + "=" + arg + ": ";
    if (arg.contains("@")) {
      throw new Fatal(prefix + "need just path, not path@version");
    }
    String bad = importPathError(arg);
    if (bad != null) {
      throw new Fatal(prefix + "invalid path: " + bad);
    }
    return arg;
  }

  /** modfile.IsDirectoryPath as the release has it. */
  private boolean isDirectoryPath(String ns) {
    return GoModEditor.isDirectoryPath(ns, release);
  }

  private String[] parsePathVersionOptional(String adj, String arg, boolean allowDirPath, String prefix) throws Fatal {
    if (minor >= 22 && allowDirPath && isDirectoryPath(arg)) {
      return new String[] {arg, ""};
    }
    String[] pv = cutAt(prefix, arg);
    String path;
    String version = "";
    if (pv.length == 1) {
      path = arg;
    } else {
      path = trimSpace(pv[0]);
      version = trimSpace(pv[1]);
    }
    String bad = importPathError(path);
    if (bad != null && (minor >= 22 || !allowDirPath || !isDirectoryPath(path))) {
      throw new Fatal(prefix + "invalid " + adj + " path: " + bad);
    }
    if (!path.equals(arg) && !allowedVersionArg(version)) {
      throw new Fatal(prefix + "invalid " + adj + " version: " + GoQuote.quote(version));
    }
    return new String[] {path, version};
  }

  private void addReplace(String arg) throws Fatal {
    String prefix = "go: -replace=" + arg + ": ";
    int eq = arg.indexOf('=');
    if (eq < 0) {
      throw new Fatal(prefix + "need old[@v]=new[@w] (missing =)");
    }
    String old = trimSpace(arg.substring(0, eq));
    String neu = trimSpace(arg.substring(eq + 1));
    if (neu.startsWith(">")) {
      throw new Fatal(prefix + "separator between old and new is =, not =>");
    }
    String[] o = parsePathVersionOptional("old", old, false, prefix);
    String[] n = parsePathVersionOptional("new", neu, true, prefix);
    if (n[0].equals(neu) && !isDirectoryPath(neu)) {
      throw new Fatal(prefix + "unversioned new path must be local directory");
    }
    edits.add(new Edit("replace", arg, o[0], o[1], n[0], n[1]));
  }

  private String intervalError;

  /** The edit's parseVersionInterval: {low, high}, or null with {@link #intervalError} set. */
  private String[] parseVersionInterval(String arg) {
    if (!arg.startsWith("[")) {
      if (!allowedVersionArg(arg)) {
        intervalError = "invalid version: " + GoQuote.quote(arg);
        return null;
      }
      return new String[] {arg, arg};
    }
    intervalError = "invalid version interval: " + GoQuote.quote(arg);
    if (!arg.endsWith("]") || arg.length() < 2) {
      return null;
    }
    String s = arg.substring(1, arg.length() - 1);
    int comma = s.indexOf(',');
    if (comma < 0) {
      return null;
    }
    String low = trimSpace(s.substring(0, comma));
    String high = trimSpace(s.substring(comma + 1));
    if (!allowedVersionArg(low) || !allowedVersionArg(high)) {
      return null;
    }
    return new String[] {low, high};
  }

  private static String trimSpace(String s) {
    return GoStrings.trimSpace(s);
  }

  // ---- runEdit

  private int edit(Invocation ctx, GoEnv env, List<String> args) throws Fatal, IOException {
    boolean any = !module.isEmpty() || !go.isEmpty() || !toolchain.isEmpty() || json || print || fmt
        || !edits.isEmpty();
    if (!any) {
      throw new Fatal("go: no flags specified (see 'go help mod edit').");
    }
    if (json && print) {
      throw new Fatal("go: cannot use both -json and -print");
    }
    if (args.size() > 1) {
      throw new Fatal("go: too many arguments");
    }
    Path cwd = ModuleGraphCommands.workDir(ctx);
    Path gomod;
    String shown;
    // the file as go names it: the argument, else modload.ModFilePath (-modfile's file, as given)
    String given = args.size() == 1 ? args.get(0) : modFilePath(ctx, env, cwd);
    if (given != null) {
      gomod = cwd.resolve(given);
      shown = given;
      if (Path.of(shown).isAbsolute()) {
        shown = shortPath(cwd, gomod);
      }
    } else {
      gomod = findGoMod(cwd);
      shown = shortPath(cwd, gomod);
    }
    if (!module.isEmpty()) {
      String bad = importPathError(module);
      if (bad == null && minor >= 26 && isToolchainPath(module)) {
        bad = "module path is reserved";
      }
      if (bad != null) {
        throw new Fatal("go: invalid -module: " + bad);
      }
    }
    String local = minor >= 21 ? release : GoRelease.lang(release);
    if (!go.isEmpty() && !(minor >= 21 && go.equals("none"))) {
      if (!ModfileRE.isGoVersion(go, minor)) {
        throw new Fatal("go mod: invalid -go option; expecting something like \"-go " + local + "\"");
      }
    }
    if (!toolchain.isEmpty() && !toolchain.equals("none") && !ModfileRE.isToolchain(toolchain)) {
      throw new Fatal("go mod: invalid -toolchain option; expecting something like \"-toolchain go" + local + "\"");
    }
    byte[] data;
    try {
      data = LockedFile.read(gomod);
    } catch (NoSuchFileException e) {
      throw new Fatal("go: open " + args0(args, gomod) + ": no such file or directory");
    } catch (AccessDeniedException e) {
      throw new Fatal("go: open " + args0(args, gomod) + ": permission denied");
    } catch (IOException e) {
      if (Files.isDirectory(gomod)) {
        throw new Fatal("go: read " + args0(args, gomod) + ": is a directory");
      }
      throw new Fatal("go: " + e.getMessage());
    }
    GoModEditor editor;
    try {
      editor = GoModEditor.parse(shown, data, release);
    } catch (GoModSyntaxException e) {
      throw new Fatal("go: errors parsing " + shown + ":\n" + String.join("\n", e.errors()));
    }
    if (!module.isEmpty()) {
      editor.module(module);
    }
    if (go.equals("none") && minor >= 21) {
      editor.dropGo();
    } else if (!go.isEmpty()) {
      editor.go(go);
    }
    if (toolchain.equals("none")) {
      editor.dropToolchain();
    } else if (!toolchain.isEmpty()) {
      editor.toolchain(toolchain);
    }
    for (Edit e : edits) {
      try {
        apply(editor, e);
      } catch (IllegalArgumentException x) {
        throw new Fatal("go: -" + e.flag() + "=" + e.arg() + ": " + x.getMessage());
      }
    }
    editor.sortBlocks().cleanup();
    if (json) {
      ctx.out().print(toJson(editor.file(), editor.toolSlice(), editor.ignoreSlice()));
      return 0;
    }
    byte[] out = editor.format();
    if (print) {
      ctx.out().write(out);
      return 0;
    }
    // go's SideLock, best effort: none when go could not use the module cache (checkCacheDir)
    ModuleCache cache = ModuleCache.fromEnv(env);
    try {
      LockedFile.transformUnderSideLock(cache.problem().isEmpty() ? cache.root() : null, gomod, old -> {
        if (!Arrays.equals(old, data)) {
          throw new IOException("go.mod changed during editing; not overwriting");
        }
        return out;
      });
    } catch (IOException e) {
      throw new Fatal("go: " + e.getMessage());
    }
    return 0;
  }

  private String args0(List<String> args, Path gomod) {
    return !args.isEmpty() ? args.get(0) : !modFile.isEmpty() ? modFile : gomod.toString();
  }

  /**
   * modload.ModFilePath, which go mod edit asks for when no file is named: modload.Init as go runs
   * it for mod edit (module mode not forced, no main module needed, go.work never read), then its
   * die when no main module was found. In go's order: GO111MODULE (an unknown value fails,
   * {@code off} dies with go's modules-disabled line); no go.mod: {@code -modfile} refused, else
   * no main module; a go.mod in the system temp directory itself ignored with go's warning (no
   * main module); {@code -modfile} without {@code .mod} refused; a go.mod in GOPATH's first entry
   * a failure up to go1.21 ({@code $GOPATH/go.mod exists but should not}), from go1.22 a warning
   * after which the module found is edited. The temp-root and GOPATH rules are the client's
   * ({@link GoProxyClient#moduleInit}, asked with GOWORK off and without GOFLAGS, whose
   * {@code -modfile} this command checks itself, with the command line's).
   *
   * @return {@code -modfile}'s file as given, or null for the main module's go.mod ({@link #findGoMod})
   */
  private String modFilePath(Invocation ctx, GoEnv env, Path cwd) throws Fatal {
    String go111 = env.get("GO111MODULE");
    if (go111.equals("off")) {
      throw new Fatal("go: modules disabled by GO111MODULE=off; see 'go help modules'");
    }
    if (!go111.isEmpty() && !go111.equals("on") && !go111.equals("auto")) {
      throw new Fatal("go: unknown environment setting GO111MODULE=" + go111);
    }
    boolean rawRoot;
    try {
      findGoMod(cwd);
      rawRoot = true;
    } catch (Fatal e) {
      rawRoot = false;
    }
    if (!rawRoot && !modFile.isEmpty()) {
      throw new Fatal("go: cannot find main module, but -modfile was set.\n"
          + "\t-modfile cannot be used to set the module root directory.");
    }
    // the client's Init without -modfile (GOFLAGS emptied) and without go.work (GOWORK off):
    // the temp-root warning (then, under auto, GOPATH mode), the GOPATH rule
    Map<String, String> vars = new java.util.HashMap<>(ctx.environment());
    vars.put("GOWORK", "off");
    vars.put("GOFLAGS", "");
    Invocation plain = new Invocation(ctx.args(), ctx.out(), ctx.err(), vars, ctx.terminal(), ctx.workDir());
    List<String> warnings = new ArrayList<>();
    boolean modules;
    boolean hasRoot;
    io.github.goproxy4j.env.GoProxyException failure = null;
    try (GoProxyClient client = GoProxyClient.builder().env(Settings.goEnv(plain)).build()) {
      hasRoot = client.hasModRoot(cwd);
      try {
        modules = client.moduleInit(cwd, warnings::add);
      } catch (io.github.goproxy4j.env.GoProxyException e) {
        failure = e;
        modules = true;
      }
    } catch (io.github.goproxy4j.env.GoProxyException e) {
      throw new Fatal(ModuleGraphCommands.goText(e));
    }
    boolean tempRoot = rawRoot && !hasRoot;
    if (tempRoot && !warnings.isEmpty()) {
      ctx.err().println(warnings.remove(0)); // the temp root's, before -modfile's extension
    }
    if (!modules) {
      noMainModule(env, cwd);
    }
    if (!modFile.isEmpty() && !modFile.endsWith(".mod")) {
      throw new Fatal("go: -modfile=" + modFile + ": file does not have .mod extension");
    }
    warnings.forEach(ctx.err()::println);
    if (failure != null) {
      throw new Fatal(ModuleGraphCommands.goText(failure));
    }
    if (!hasRoot) {
      noMainModule(env, cwd);
    }
    return modFile.isEmpty() ? null : modFile;
  }

  /**
   * modload's die without a main module (GO111MODULE on or auto; mod edit is never in workspace
   * mode): when one of go's alternative configuration files is found from the working directory up
   * ({@link #findAltConfig}), go's {@code cannot find main module, but found NAME in DIR} with the
   * {@code go mod init} hint (a {@code cd} relative to the working directory when DIR is a
   * parent), else go's no-go.mod line.
   */
  private void noMainModule(GoEnv env, Path cwd) throws Fatal {
    Path dir = cwd.toAbsolutePath().normalize();
    String[] found = findAltConfig(env.get("GOROOT"), dir, minor);
    if (found != null) {
      String rel = dir.relativize(Path.of(found[0])).toString();
      String cd = rel.isEmpty() || rel.equals(".") ? "" : "cd " + rel + " && ";
      throw new Fatal("go: cannot find main module, but found " + found[1] + " in " + found[0]
          + "\n\tto create a module there, run:\n\t" + cd + "go mod init");
    }
    throw new Fatal("go: go.mod file not found in current directory or any parent directory; see 'go help modules'");
  }

  /**
   * modload's altConfigs: the files of older dependency managers (up to go1.21) and
   * {@code .git/config} (the only one from go1.22), in go's order within a directory.
   */
  private static final List<String> ALT_CONFIGS_GO121 = List.of("Gopkg.lock", "GLOCKFILE", "Godeps/Godeps.json",
      "dependencies.tsv", "glide.lock", "vendor.conf", "vendor.yml", "vendor/manifest", "vendor/vendor.json",
      ".git/config");

  /**
   * modload's findAltConfig: from {@code dir} (absolute, clean, as go's base.Cwd) up to the file
   * system root, the first directory holding one of the release's altConfigs that is not a
   * directory (links followed, as go's Stat); nothing when {@code dir} is in GOROOT (symbolic links
   * resolved, as search.InDir; golang.org/issue/34191).
   *
   * @return {directory, file name as go names it}, or null
   */
  static String[] findAltConfig(String goRoot, Path dir, int minor) {
    if (!goRoot.isEmpty() && inDir(dir, Path.of(goRoot))) {
      return null;
    }
    List<String> names = minor >= 22 ? List.of(".git/config") : ALT_CONFIGS_GO121;
    for (Path d = dir; d != null; d = d.getParent()) {
      for (String name : names) {
        Path f = d.resolve(name);
        if (Files.exists(f) && !Files.isDirectory(f)) {
          return new String[] {d.toString(), name};
        }
      }
    }
    return null;
  }

  /** search.InDir's yes or no: {@code dir} is {@code root} or below it, lexically or with links resolved. */
  private static boolean inDir(Path dir, Path root) {
    Path r = root.toAbsolutePath().normalize();
    if (dir.startsWith(r)) {
      return true;
    }
    try {
      return dir.toRealPath().startsWith(r.toRealPath());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** gover.IsToolchain: the module paths "go" and "toolchain" are reserved (go1.26 on). */
  private static boolean isToolchainPath(String path) {
    return path.equals("go") || path.equals("toolchain");
  }

  private static void apply(GoModEditor ed, Edit e) {
    switch (e.flag()) {
      case "require":
        ed.require(e.a(), e.b());
        break;
      case "droprequire":
        ed.dropRequire(e.a());
        break;
      case "exclude":
        ed.exclude(e.a(), e.b());
        break;
      case "dropexclude":
        ed.dropExclude(e.a(), e.b());
        break;
      case "replace":
        ed.replace(e.a(), e.b(), e.c(), e.d());
        break;
      case "dropreplace":
        ed.dropReplace(e.a(), e.b());
        break;
      case "retract":
        ed.retract(e.a(), e.b(), "");
        break;
      case "dropretract":
        ed.dropRetract(e.a(), e.b());
        break;
      case "godebug":
        ed.godebug(e.a(), e.b());
        break;
      case "dropgodebug":
        ed.dropGodebug(e.a());
        break;
      case "tool":
        ed.tool(e.a());
        break;
      case "droptool":
        ed.dropTool(e.a());
        break;
      case "ignore":
        ed.ignore(e.a());
        break;
      case "dropignore":
        ed.dropIgnore(e.a());
        break;
      default:
        throw new IllegalStateException(e.flag());
    }
  }

  /** base.ShortPath: the path relative to the working directory when that is shorter. */
  private static String shortPath(Path cwd, Path path) {
    String abs = path.toString();
    try {
      String rel = cwd.relativize(path).toString();
      return rel.length() < abs.length() ? rel : abs;
    } catch (IllegalArgumentException e) {
      return abs;
    }
  }

  /** modload.ModFilePath outside a workspace: the go.mod of the directory or its nearest parent. */
  private static Path findGoMod(Path cwd) throws Fatal {
    for (Path d = cwd.toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("go.mod");
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    throw new Fatal("go: go.mod file not found in current directory or any parent directory; see 'go help modules'");
  }



  // ---- -json

  /**
   * go's editPrintJSON of the edited file; {@code tools} and {@code ignores} as x/mod's slices
   * hold them (a dropped one is an empty path there, which go prints).
   */
  private String toJson(GoModFile f, List<String> tools, List<String> ignores) {
    boolean omitEmpty = minor >= 27;
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> mod = new LinkedHashMap<>();
    mod.put("Path", f.module().orElse(""));
    f.deprecated().filter(d -> !d.isEmpty()).ifPresent(d -> mod.put("Deprecated", d));
    m.put("Module", mod);
    f.goVersion().filter(v -> !v.isEmpty()).ifPresent(v -> m.put("Go", v));
    if (minor >= 21) {
      f.toolchain().filter(v -> !v.isEmpty()).ifPresent(v -> m.put("Toolchain", v));
    }
    if (minor >= 25 && !f.godebugs().isEmpty()) {
      List<Object> l = new ArrayList<>();
      for (GoModFile.Godebug g : f.godebugs()) {
        l.add(fields("Key", g.key(), "Value", g.value()));
      }
      m.put("GoDebug", l);
    }
    List<Object> req = new ArrayList<>();
    for (GoModFile.Require r : f.requires()) {
      Map<String, Object> x = version(r.path(), r.version());
      if (r.indirect()) {
        x.put("Indirect", true);
      }
      req.add(x);
    }
    putList(m, "Require", req, omitEmpty);
    List<Object> exc = new ArrayList<>();
    for (GoModFile.Exclude x : f.excludes()) {
      exc.add(version(x.path(), x.version()));
    }
    putList(m, "Exclude", exc, omitEmpty);
    List<Object> rep = new ArrayList<>();
    for (GoModFile.Replace r : f.replaces()) {
      rep.add(fields("Old", version(r.oldPath(), r.oldVersion()), "New", version(r.newPath(), r.newVersion())));
    }
    putList(m, "Replace", rep, omitEmpty);
    List<Object> ret = new ArrayList<>();
    for (GoModFile.Retraction r : f.retractions()) {
      Map<String, Object> x = new LinkedHashMap<>();
      putNonEmpty(x, "Low", r.low());
      putNonEmpty(x, "High", r.high());
      putNonEmpty(x, "Rationale", r.rationale());
      ret.add(x);
    }
    putList(m, "Retract", ret, omitEmpty);
    if (minor >= 24) {
      List<Object> tl = new ArrayList<>();
      for (String t : tools) {
        tl.add(fields("Path", t, null, null));
      }
      putList(m, "Tool", tl, omitEmpty);
    }
    if (minor >= 25) {
      List<Object> ign = new ArrayList<>();
      for (String t : ignores) {
        ign.add(fields("Path", t, null, null));
      }
      putList(m, "Ignore", ign, omitEmpty);
    }
    return GoJson.forGoRelease(release).marshalIndent(m) + "\n";
  }

  private static Map<String, Object> fields(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put(k1, v1);
    if (k2 != null) {
      x.put(k2, v2);
    }
    return x;
  }

  /** module.Version in JSON: Path, and Version when not empty. */
  private static Map<String, Object> version(String path, String version) {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("Path", path);
    putNonEmpty(x, "Version", version);
    return x;
  }

  private static void putNonEmpty(Map<String, Object> m, String k, String v) {
    if (!v.isEmpty()) {
      m.put(k, v);
    }
  }

  private static void putList(Map<String, Object> m, String k, List<Object> l, boolean omitEmpty) {
    if (l.isEmpty()) {
      if (!omitEmpty) {
        m.put(k, null);
      }
      return;
    }
    m.put(k, l);
  }
}
