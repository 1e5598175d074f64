package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoRelease;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * go list's own refusals of flag combinations (cmd/go/internal/list's runList; the same texts in
 * go1.19 and go1.21-go1.27 but where named), which go makes before it loads anything: printed as
 * go prints them (base.Fatalf: the line alone on standard error, nothing on standard output),
 * exit status 1. In runList's order:
 * <ol>
 *   <li>first of all (go1.27): an empty argument, {@code go: invalid package: ""};</li>
 *   <li>before BuildInit ({@link #beforeBuildInit}): {@code -f} with {@code -json} (a field list
 *       too), {@code -reuse} without {@code -m}, {@code -reuse} inside a module;</li>
 *   <li>after BuildInit, modload.Init and the {@code -retracted} checks ({@link #afterInit}; what
 *       go refuses in between first: {@link #earlierFailure}): with {@code -m}, the first of
 *       {@code -compiled}, {@code -deps}, {@code -export}, {@code -find}, {@code -test} set;
 *       without it (package mode, which goproxy does not do), {@code -u}, {@code -versions}, and
 *       {@code -find} with {@code -deps}, {@code -test} or (go1.21 on) {@code -export}; a {@code -f}
 *       template that does not parse fails first.</li>
 * </ol>
 * The flags are those go ends with: GOFLAGS's, then the command line's ({@code -compiled=false}
 * is no refusal).
 */
final class ListRefusals {
  private ListRefusals() {}

  /** go list's {@code -retracted} refusal under {@code -mod=vendor} (modload.Init's mode, the flag only). */
  static final String RETRACTED_VENDOR = "go list -retracted cannot be used when vendoring is enabled";

  /** go list's {@code -retracted} refusal in GOPATH mode. */
  static final String RETRACTED_GOPATH = "go list -retracted can only be used in module-aware mode";

  /** The flags go list refuses with {@code -m}, in runList's order. */
  private static final List<String> NOT_WITH_M = List.of("compiled", "deps", "export", "find", "test");

  /**
   * {@link #beforeBuildInit} as {@link ModuleGraphCommands#asGo}'s early check (a class, not a
   * lambda: it runs on the CLI's serial start).
   */
  static final ModuleGraphCommands.EarlyRefusal EARLY = new ModuleGraphCommands.EarlyRefusal() {
    @Override
    public Optional<String> refusal(Invocation ctx, GoEnv env) throws GoProxyException {
      return beforeBuildInit(ctx, env);
    }
  };

  /**
   * runList's checks before BuildInit: go1.27's empty argument, then {@code -f} with {@code -json},
   * then {@code -reuse} without {@code -m}, then {@code -reuse} inside a module or workspace.
   *
   * @param ctx the invocation (its command line parsed, GOFLAGS checked)
   * @param env the environment after the toolchain switch (its release followed)
   * @return go's line, or empty
   * @throws GoProxyException for a GO111MODULE or GOWORK go refuses (HasModRoot's modload.Init)
   */
  static Optional<String> beforeBuildInit(Invocation ctx, GoEnv env) throws GoProxyException {
    if (GoRelease.modelled(env.goVersion()).behaviourMinor() >= 27) {
      for (String a : ctx.args().positional()) {
        if (a.isEmpty()) {
          return Optional.of("go: invalid package: " + GoQuote.quote(a));
        }
      }
    }
    List<Args.Given> set = BuildFlags.LIST.effective(ctx);
    if (!value(ctx, env, "f").isEmpty() && JsonFlag.of(set).on()) {
      return Optional.of("go list -f cannot be used with -json");
    }
    String reuse = value(ctx, env, "reuse");
    if (!reuse.isEmpty() && !BuildFlags.boolValue(set, "m")) {
      return Optional.of("go list -reuse cannot be used without -m");
    }
    if (!reuse.isEmpty() && hasModRoot(ctx, env)) {
      return Optional.of("go list -reuse cannot be used inside a module");
    }
    return Optional.empty();
  }

  /**
   * go's modload.HasModRoot in the invocation's directory, asked of a client of its own (made
   * only for a {@code -reuse}: the command's client comes after goproxy's own refusals).
   */
  static boolean hasModRoot(Invocation ctx, GoEnv env) throws GoProxyException {
    try (GoProxyClient c = GoProxyClient.builder().env(env).build()) {
      return c.hasModRoot(ctx.workDir());
    }
  }

  /** The value go ends with for the string flag {@code name}: the command line's last, else GOFLAGS's, else empty. */
  static String value(Invocation ctx, GoEnv env, String name) {
    // no lambda: this runs on the CLI's serial start (see DEVELOPING.md)
    Optional<String> v = ctx.args().option(name);
    return v.isPresent() ? v.get() : env.goFlag(name).orElse("");
  }

  /**
   * runList's refusals after modload.Init: with {@code -m} the first of {@code -compiled},
   * {@code -deps}, {@code -export}, {@code -find}, {@code -test} set; without {@code -m}
   * {@code -u}, {@code -versions}, then {@code -find} with {@code -deps}, {@code -test} or (from
   * go1.21) {@code -export}. A {@code -f} template go fails to parse is reported before these
   * (the caller parses it first).
   *
   * @param set the flags as go sets them ({@link BuildFlags#effective})
   * @param minor the go release's minor version
   * @return go's line, or empty
   */
  static Optional<String> afterInit(List<Args.Given> set, int minor) {
    if (BuildFlags.boolValue(set, "m")) {
      for (String name : NOT_WITH_M) {
        if (BuildFlags.boolValue(set, name)) {
          return Optional.of("go list -" + name + " cannot be used with -m");
        }
      }
      return Optional.empty();
    }
    for (String name : List.of("u", "versions")) {
      if (BuildFlags.boolValue(set, name)) {
        return Optional.of("go list -" + name + " can only be used with -m");
      }
    }
    if (BuildFlags.boolValue(set, "find")) {
      for (String name : minor >= 21 ? List.of("deps", "test", "export") : List.of("deps", "test")) {
        if (BuildFlags.boolValue(set, name)) {
          return Optional.of("go list -" + name + " cannot be used with -find");
        }
      }
    }
    return Optional.empty();
  }

  /**
   * What go refuses between BuildInit and {@link #afterInit}'s refusals, in go's order: in GOPATH
   * mode (GO111MODULE=off, or auto without a go.mod or go.work) the build flags only modules take
   * ({@link BuildFlags#modulesOffRefusal}), in module mode a {@code -mod} value go does not know;
   * a {@code -p} below 1; {@code -retracted} under {@code -mod=vendor}, then in GOPATH mode.
   * modload.Init's own failures and warnings (a {@code -modfile} without {@code .mod}, a go.mod
   * in the temp root or GOPATH), which go prints first, are the caller's
   * ({@code GoProxyClient.moduleInit}).
   *
   * @param given the invocation as given
   * @param applied the invocation with the command line's module flags in GOFLAGS ({@link BuildFlags#applied})
   * @param client the client, for go's HasModRoot
   * @param dir the directory the command runs in
   * @param retracted whether {@code -retracted} is set
   * @return go's line, or empty
   * @throws GoProxyException for a GO111MODULE or GOWORK go refuses (go's Init failure)
   */
  static Optional<String> earlierFailure(Invocation given, Invocation applied, GoProxyClient client, Path dir,
      boolean retracted) throws GoProxyException {
    Optional<String> buildInit = buildInitFailure(given, applied, client, dir);
    if (buildInit.isPresent()) {
      return buildInit;
    }
    GoEnv env = Settings.goEnv(applied);
    String go111 = env.get("GO111MODULE");
    boolean gopathMode = !client.hasModRoot(dir) && (go111.equals("off") || go111.equals("auto"));
    if (retracted && env.modFlag().filter("vendor"::equals).isPresent()) {
      return Optional.of(RETRACTED_VENDOR);
    }
    if (retracted && gopathMode) {
      return Optional.of(RETRACTED_GOPATH);
    }
    return Optional.empty();
  }

  /**
   * BuildInit's failures, the first part of {@link #earlierFailure}: in GOPATH mode the build flags
   * only modules take, in module mode a {@code -mod} value go does not know; a {@code -p} below 1.
   * go list parses its {@code -f} template after them.
   *
   * @param given the invocation as given
   * @param applied the invocation with the command line's module flags in GOFLAGS
   * @param client the client, for go's HasModRoot
   * @param dir the directory the command runs in
   * @return go's line, or empty
   * @throws GoProxyException for a GO111MODULE or GOWORK go refuses
   */
  static Optional<String> buildInitFailure(Invocation given, Invocation applied, GoProxyClient client, Path dir)
      throws GoProxyException {
    GoEnv env = Settings.goEnv(applied);
    String go111 = env.get("GO111MODULE");
    boolean gopathMode = !client.hasModRoot(dir) && (go111.equals("off") || go111.equals("auto"));
    if (gopathMode) {
      Optional<String> r = BuildFlags.modulesOffRefusal(given, applied, go111);
      if (r.isPresent()) {
        return r;
      }
      env.modFlag();
    } else {
      try {
        env.modFlag();
      } catch (GoEnvException e) {
        return Optional.of(e.getMessage()); // -mod=x not supported (can be ...)
      }
    }
    return BuildFlags.nonPositiveP(applied);
  }
}
