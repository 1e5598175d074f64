package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.ProxyWalk;
import io.github.goproxy4j.modfile.VersionFixer;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.sumdb.GoSum;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * go's fixVersion for the main modules' go.mod files (modload's {@code ReadModFile(gomod,
 * fixVersion(ctx, &fixed))}): a version that is not canonical semver is resolved with a module
 * query ({@link Query}, as go's {@code Query(ctx, path, vers, "", nil)}: nothing excluded nor
 * retracted, no replacements yet), and its failure worded as modfile.parseVersion words it. Each
 * answer is remembered, so go.mod read again before it is rewritten ({@link GoModWriter}) asks
 * nothing twice.
 */
final class MainGoModFixer implements VersionFixer {
  private final GoProxyClient client;
  private final GoSum goSum;
  private final Map<String, Object> answers = new ConcurrentHashMap<>();
  private final VersionFixer fixer = VersionFixer.resolving(this);
  private final boolean vendor;
  private Query query; // made on the first query: most go.mod files need none

  /** A fixer whose queries go through {@code client}, verifying a go.mod they read against {@code goSum}'s lines. */
  MainGoModFixer(GoProxyClient client, GoSum goSum) {
    this(client, goSum, false);
  }

  /**
   * {@link #MainGoModFixer(GoProxyClient, GoSum)}, or with {@code vendor} one that queries
   * nothing: go's queryProxy refuses every query while {@code cfg.BuildMod} is {@code vendor},
   * which it is while go.mod is read only when {@code -mod=vendor} was given (GOFLAGS or go
   * list's command line: go decides a default mode after the read), so each version that is not
   * canonical fails its line with {@code cannot query module due to -mod=vendor}.
   */
  MainGoModFixer(GoProxyClient client, GoSum goSum, boolean vendor) {
    this.client = client;
    this.goSum = goSum;
    this.vendor = vendor;
  }

  /** {@return the fixer to parse the main go.mod with} */
  VersionFixer fixer() {
    return fixer;
  }

  /** The query of a version {@link VersionFixer#resolving} does not keep as it is. */
  @Override
  public String fix(String path, String version) throws VersionFixer.Failure {
    String key = path + " " + version;
    Object answer = answers.get(key);
    if (answer == null) {
      answer = ask(path, version);
      answers.putIfAbsent(key, answer);
    }
    if (answer instanceof VersionFixer.Failure) {
      VersionFixer.Failure f = (VersionFixer.Failure) answer;
      throw f.aboutModule() ? VersionFixer.Failure.aboutModule(f.getMessage()) : VersionFixer.Failure.other(f.getMessage());
    }
    return (String) answer;
  }

  /** The query's version, or its failure in parseVersion's shape. */
  private Object ask(String path, String version) {
    if (vendor) {
      // errQueryDisabled, before queryProxy looks at the path (no mode reason: the flag was explicit)
      return VersionFixer.Failure.other("cannot query module due to -mod=vendor");
    }
    ModulePath mp;
    try {
      mp = ModulePath.parse(path);
    } catch (IllegalArgumentException e) {
      return VersionFixer.Failure.other(e.getMessage()); // go's module.CheckPath error, as it is
    }
    try {
      return query().query(mp, version, "", v -> false, true).version();
    } catch (Query.NoMatchingVersionException e) {
      return noMatch(version);
    } catch (GoProxyException e) {
      if (e.getCause() instanceof Query.NoMatchingVersionException) {
        return noMatch(version);
      }
      if (Lookup.isProxyOff(e)) {
        // go's errProxyOff is no module error: modfile words it as it is, without "verb path: "
        return VersionFixer.Failure.other(ProxyWalk.PROXY_OFF_MESSAGE);
      }
      return failure(path, version, String.valueOf(e.getMessage()));
    }
  }

  private synchronized Query query() {
    if (query == null) {
      query = new Query(client.fetchWith(goSum));
    }
    return query;
  }

  private static VersionFixer.Failure noMatch(String version) {
    return VersionFixer.Failure.other("no matching versions for query " + InfoJson.goQuote(version));
  }

  /**
   * go's proxy errors are module errors: about the version asked for when it is not canonical
   * ({@code version "V" invalid: ...}), else about the module; the text without the
   * {@code path@version: } (and {@code invalid version: }) or {@code module path: } that goproxy's
   * message starts with, as go's ModuleError prints it.
   */
  private static VersionFixer.Failure failure(String path, String version, String message) {
    String inner = message;
    String about = "";
    if (message.startsWith(path + "@")) {
      int colon = message.indexOf(": ", path.length() + 1);
      if (colon > 0) {
        about = message.substring(path.length() + 1, colon);
        inner = message.substring(colon + 2);
      }
    } else if (message.startsWith("module " + path + ": ")) {
      inner = message.substring(("module " + path + ": ").length());
    }
    // go's ModuleError around an InvalidVersionError prints "path@V: invalid version: ..."
    for (String noun : new String[] {"invalid version: ", "invalid pseudo-version: "}) {
      if (!about.isEmpty() && inner.startsWith(noun)) {
        return VersionFixer.Failure.invalidVersion(about, inner.substring(noun.length()));
      }
    }
    return VersionFixer.Failure.aboutModule(inner);
  }
}
