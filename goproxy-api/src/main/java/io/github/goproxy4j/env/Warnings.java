package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.internal.GoUnicode;
import io.github.goproxy4j.internal.Redaction;
import io.github.goproxy4j.module.ModulePatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Computes {@link GoEnv#warnings()}. */
final class Warnings {
  private Warnings() {}

  /** internal/cfg.KnownEnv of 1.19 plus the names later releases added. */
  static final Set<String> KNOWN_ENV = Set.of(
      "AR", "CC", "CGO_CFLAGS", "CGO_CFLAGS_ALLOW", "CGO_CFLAGS_DISALLOW", "CGO_CPPFLAGS",
      "CGO_CPPFLAGS_ALLOW", "CGO_CPPFLAGS_DISALLOW", "CGO_CXXFLAGS", "CGO_CXXFLAGS_ALLOW",
      "CGO_CXXFLAGS_DISALLOW", "CGO_ENABLED", "CGO_FFLAGS", "CGO_FFLAGS_ALLOW",
      "CGO_FFLAGS_DISALLOW", "CGO_LDFLAGS", "CGO_LDFLAGS_ALLOW", "CGO_LDFLAGS_DISALLOW", "CXX",
      "FC", "GCCGO", "GO111MODULE", "GO386", "GOAMD64", "GOARCH", "GOARM", "GOARM64", "GOAUTH",
      "GOBIN", "GOCACHE", "GOCACHEPROG", "GODEBUG", "GOENV", "GOEXE", "GOEXPERIMENT",
      "GOFIPS140", "GOFLAGS", "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOINSECURE", "GOMIPS",
      "GOMIPS64", "GOMODCACHE", "GONOPROXY", "GONOSUMDB", "GOOS", "GOPATH", "GOPPC64",
      "GOPRIVATE", "GOPROXY", "GOROOT", "GORISCV64", "GOSUMDB", "GOTELEMETRY",
      "GOTELEMETRYDIR", "GOTMPDIR", "GOTOOLCHAIN", "GOTOOLDIR", "GOVCS", "GOWASM", "GOWORK",
      "GO_EXTLINK_ENABLED", "PKG_CONFIG");

  private static final List<String> PATTERN_KEYS =
      List.of("GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE");

  static List<GoEnv.Warning> compute(GoEnv env) {
    List<GoEnv.Warning> out = new ArrayList<>();
    String fileName = env.userEnvFile().orElse("the user go env file");

    // A release newer than the newest one modelled.
    if (env.goRelease().isNewerThanModelled()) {
      out.add(new GoEnv.Warning("goVersion " + env.goVersion(), "go" + env.goVersion()
          + " is newer than the newest release whose behaviour is known (go" + GoEnv.DEFAULT_GO_VERSION
          + "); go" + GoEnv.DEFAULT_GO_VERSION + "'s behaviour is followed", "check the release notes of go"
          + env.goVersion() + " for changes to module settings, or use a goproxy4j that knows it"));
    }

    // Names the go command never reads.
    for (String name : List.of("GONOSUMCHECK", "GONOVERIFY")) {
      boolean inEnv = !env.environment().getOrDefault(name, "").isEmpty();
      boolean inFile = env.userFileContents().values.containsKey(name);
      if (inEnv || inFile) {
        out.add(new GoEnv.Warning(name, name + " is not a Go setting; the go command never reads it,"
            + " so checksums are still verified", "use GONOSUMDB=<patterns> (or GOPRIVATE, which"
            + " also sets GONOPROXY)"));
      }
    }

    // Misspelled names (process environment), and quoted values there.
    String[][] typos = {{"GO_PROXY", "GOPROXY"}, {"GOPROXIES", "GOPROXY"}, {"GO_PRIVATE", "GOPRIVATE"},
        {"GO_NOPROXY", "GONOPROXY"}, {"GO_NOSUMDB", "GONOSUMDB"}, {"GO_SUMDB", "GOSUMDB"},
        {"GONOSUMDBS", "GONOSUMDB"}, {"GO_INSECURE", "GOINSECURE"}, {"GOFLAG", "GOFLAGS"}};
    for (String[] t : typos) {
      if (!env.environment().getOrDefault(t[0], "").isEmpty()) {
        out.add(new GoEnv.Warning(t[0], t[0] + " is not a Go setting; the go command never reads"
            + " it", "rename it to " + t[1]));
      }
    }
    for (String key : List.of("GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB",
        "GOINSECURE", "GOFLAGS")) {
      String v = env.environment().getOrDefault(key, "");
      if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\""))
          || (v.startsWith("'") && v.endsWith("'")))) {
        out.add(new GoEnv.Warning(key, "the environment value is quoted; the quotes are part of"
            + " the value (often from a docker --env-file or a .env file)", "remove the quotes: "
            + key + "=" + v.substring(1, v.length() - 1)));
      }
    }

    // Env file lines.
    for (EnvFile.Line line : env.userFileContents().lines) {
      String where = fileName + " line " + line.number();
      if (line.ignored()) {
        String t = line.text();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String stripped = GoStrings.trimSpace(t);
        int eq = stripped.indexOf('=');
        if (eq > 0 && !stripped.startsWith("#")) {
          String key = stripped.substring(0, eq).trim();
          if (!t.isEmpty() && GoUnicode.isSpace(t.charAt(0))) {
            out.add(new GoEnv.Warning(where, "the line starts with whitespace, so the go command"
                + " ignores it", "remove the leading whitespace: " + key + "=..."));
          } else if (!key.isEmpty() && KNOWN_ENV.contains(key.toUpperCase(java.util.Locale.ROOT))) {
            out.add(new GoEnv.Warning(where, "the key " + GoQuote.quoteCut(key) + " is not upper case,"
                + " so the go command ignores the line", "write "
                + key.toUpperCase(java.util.Locale.ROOT) + "=..."));
          }
        }
        continue;
      }
      String key = line.key();
      String value = line.value();
      String trimmedKey = GoStrings.trimSpace(key);
      if (!trimmedKey.equals(key)) {
        out.add(new GoEnv.Warning(where, "the key " + GoQuote.quoteCut(key) + " contains spaces, so it"
            + " never matches " + trimmedKey, "write " + trimmedKey + "=value with no spaces"
            + " around '=' (or use go env -w " + trimmedKey + "=value)"));
        continue;
      }
      if (value.endsWith("\r")) {
        out.add(new GoEnv.Warning(where, key + "'s value ends in a carriage return (CRLF line"
            + " endings); the go command keeps it as part of the value", "convert the file to LF"
            + " line endings"));
      }
      String v = value.endsWith("\r") ? value.substring(0, value.length() - 1) : value;
      if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\""))
          || (v.startsWith("'") && v.endsWith("'")))) {
        out.add(new GoEnv.Warning(where, key + "'s value is quoted; the go command keeps the"
            + " quotes as part of the value", "remove the quotes: " + key + "="
            + v.substring(1, v.length() - 1)));
      }
      if (key.equals("GOENV")) {
        out.add(new GoEnv.Warning(where, "GOENV is only read from the process environment",
            "set GOENV in the environment instead"));
      } else if (!KNOWN_ENV.contains(key) && !key.equals("GONOSUMCHECK")
          && !key.equals("GONOVERIFY")) {
        out.add(new GoEnv.Warning(where, key + " is not a setting the go command knows; it is"
            + " never read from the env file", "remove the line"));
      }
    }

    // Empty GOPROXY/GOSUMDB from the user file (1.21+).
    if (env.goMinor() >= 21) {
      for (String key : List.of("GOPROXY", "GOSUMDB")) {
        if (env.get(key).isEmpty()) {
          String cause = env.userFileContents().values.containsKey(key)
              ? "the line " + key + "= in " + fileName + " hides the $GOROOT/go.env default"
              : "$GOROOT/go.env does not set it";
          out.add(new GoEnv.Warning(key, key + " is empty because " + cause
              + (key.equals("GOPROXY")
                  ? "; every lookup fails with \"" + GoProxyList.NO_ENTRIES + "\""
                  : "; every checksum lookup fails with \"missing GOSUMDB\""),
              "run go env -u " + key + " (or set it, e.g. " + key + "="
                  + GoEnv.STANDARD_GO_ENV_VALUES.get(key) + ")"));
        }
      }
    }

    // Empty process variable meant to override.
    for (String key : List.of("GONOPROXY", "GONOSUMDB")) {
      String raw = env.environment().get(key);
      if (raw != null && raw.isEmpty() && !env.get("GOPRIVATE").isEmpty()) {
        out.add(new GoEnv.Warning(key, key + " is set to the empty string, which counts as unset,"
            + " so it still defaults to GOPRIVATE=" + env.get("GOPRIVATE"), "to send private"
            + " modules " + (key.equals("GONOPROXY") ? "through the proxy" : "to the checksum"
            + " database") + ", set " + key + "=none"));
      }
    }

    // Pattern lists.
    for (String key : PATTERN_KEYS) {
      String value = env.get(key);
      if (value.isEmpty()) {
        continue;
      }
      ModulePatterns p = ModulePatterns.parse(value);
      for (String glob : p.patterns()) {
        if (!GoStrings.trimSpace(glob).equals(glob)) {
          out.add(new GoEnv.Warning(key, "pattern " + GoQuote.quoteCut(glob) + " contains spaces;"
              + " patterns are not trimmed, so it never matches", "remove the spaces: "
              + key + "=" + String.join(",", trimmedAll(p.patterns()))));
          break;
        }
      }
      for (String bad : p.malformedPatterns()) {
        out.add(new GoEnv.Warning(key, "pattern " + GoQuote.quoteCut(bad) + " is malformed and"
            + " matches nothing", "fix the glob syntax (path.Match)"));
      }
      for (String glob : p.patterns()) {
        if (glob.contains("://")) {
          out.add(new GoEnv.Warning(key, "pattern " + GoQuote.quoteCut(glob) + " contains a URL"
              + " scheme; patterns match module paths, so it never matches", "write the module"
              + " path prefix, e.g. " + glob.substring(glob.indexOf("://") + 3)));
        }
      }
    }

    // GONOPROXY without GONOSUMDB.
    String gonoproxy = env.get("GONOPROXY");
    if (!gonoproxy.isEmpty() && env.source("GONOPROXY") != GoEnv.Source.DEFAULT
        && !env.get("GOSUMDB").equals("off")) {
      List<String> sum = ModulePatterns.parse(env.get("GONOSUMDB")).patterns();
      List<String> missing = new ArrayList<>();
      for (String g : ModulePatterns.parse(gonoproxy).patterns()) {
        if (!g.equals("none") && !sum.contains(g)) {
          missing.add(g);
        }
      }
      if (!missing.isEmpty()) {
        out.add(new GoEnv.Warning("GONOPROXY", "modules matching " + String.join(",", missing)
            + " are fetched directly but still verified against the checksum database "
            + (env.get("GOSUMDB").isEmpty() ? "" : env.get("GOSUMDB").split(" ")[0])
            + ", which cannot know private modules (verification fails)", "set GOPRIVATE="
            + gonoproxy + " (it sets both) or GONOSUMDB=" + gonoproxy));
      }
    }

    // GOPROXY entries never reached, and GOPROXY/GOSUMDB errors.
    GoProxyList list = GoProxyList.parse(env.get("GOPROXY"), env.os(), env.urlRules());
    if (!list.unreached.isEmpty()) {
      out.add(new GoEnv.Warning("GOPROXY", "entries after " + list.stoppedBy + " are never"
          + " used: " + Redaction.inSetting(String.join(",", list.unreached)),
          "put " + list.stoppedBy + " last, e.g. GOPROXY="
              + Redaction.inSetting(String.join(",", list.unreached)) + "," + list.stoppedBy));
    }
    if (list.error != null && !env.get("GOPROXY").isEmpty()) {
      out.add(new GoEnv.Warning("GOPROXY", "invalid: every module lookup fails with \""
          + list.error.getMessage() + "\"", "write comma- or |-separated https://, http:// or"
          + " file:// URLs, direct or off (lower case, no quotes)"));
    }
    for (String kw : new String[] {"Direct", "DIRECT", "Off", "OFF"}) {
      if (env.get("GOPROXY").contains(kw)) {
        out.add(new GoEnv.Warning("GOPROXY", "keywords are case-sensitive; " + kw + " is not "
            + kw.toLowerCase(java.util.Locale.ROOT), "write " + kw.toLowerCase(java.util.Locale.ROOT)));
        break;
      }
    }
    String gosumdb = env.get("GOSUMDB");
    if (!gosumdb.equals("off") && !gosumdb.isEmpty()) {
      try {
        ChecksumDb.parse(gosumdb, env.urlRules());
      } catch (GoEnvException e) {
        out.add(new GoEnv.Warning("GOSUMDB", "invalid: checksum verification fails with \""
            + e.getMessage() + "\"", "use sum.golang.org, off, or name+hash+key [url]"));
      }
    }

    // GOFLAGS.
    for (String f : GoStrings.fields(env.get("GOFLAGS"))) {
      String n = f.startsWith("--") ? f.substring(2) : f.startsWith("-") ? f.substring(1) : f;
      int eq = n.indexOf('=');
      if (eq >= 0) {
        n = n.substring(0, eq);
      }
      if (n.equals("insecure")) {
        out.add(new GoEnv.Warning("GOFLAGS", "-insecure was removed in Go 1.17; go get fails with"
            + " \"-insecure flag is no longer supported; use GOINSECURE instead\" and other"
            + " commands ignore it", "remove -insecure and set GOINSECURE=<patterns> for the"
            + " modules fetched directly over insecure connections"));
      }
    }
    try {
      env.goFlags();
    } catch (GoEnvException e) {
      out.add(new GoEnv.Warning("GOFLAGS", "go commands fail with \"" + e.getMessage() + "\"",
          "write each flag as -name or -name=value, separated by spaces"));
    }

    // GOMODCACHE.
    try {
      env.modCacheDir();
    } catch (GoEnvException e) {
      out.add(new GoEnv.Warning("GOMODCACHE", "downloads fail with \"" + e.getMessage().trim()
          + "\"", "set GOMODCACHE (or GOPATH) to an absolute path"));
    }

    // GOINSECURE does not affect proxies.
    if (!env.get("GOINSECURE").isEmpty() && list.error == null) {
      boolean anyProxy = list.entries.stream().anyMatch(e -> e instanceof ProxyEntry.Url);
      if (anyProxy) {
        out.add(new GoEnv.Warning("GOINSECURE", "applies only to direct (version control)"
            + " fetches; it does not relax TLS checks for GOPROXY URLs and does not disable the"
            + " checksum database", "for a proxy without valid TLS use an explicit http:// URL;"
            + " for checksums use GONOSUMDB"));
      }
    }

    // HTTP(S)_PROXY.
    if (list.error == null) {
      boolean https = false;
      boolean http = false;
      for (ProxyEntry e : list.entries) {
        if (e instanceof ProxyEntry.Url && !isLoopback(((ProxyEntry.Url) e).uri().getHost())) {
          // Go (net/http) never sends loopback requests through an HTTP proxy.
          String scheme = ((ProxyEntry.Url) e).uri().getScheme();
          https |= scheme.equals("https");
          http |= scheme.equals("http");
        }
      }
      boolean direct = list.entries.contains(ProxyEntry.DIRECT) || !gonoproxy.isEmpty();
      for (String var : new String[] {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"}) {
        String v = env.environment().get(var);
        if (v == null || v.isEmpty()) {
          continue;
        }
        boolean forHttps = var.equalsIgnoreCase("HTTPS_PROXY");
        String noProxy = env.environment().getOrDefault("NO_PROXY",
            env.environment().getOrDefault("no_proxy", ""));
        if (noProxy.strip().equals("*")) {
          break;
        }
        if ((forHttps && (https || direct)) || (!forHttps && http)) {
          out.add(new GoEnv.Warning(var, "the go command sends " + (forHttps ? "https" : "http")
              + " requests (GOPROXY" + (forHttps ? ", sumdb and direct fetches" : "")
              + ") through the HTTP proxy " + Redaction.inSetting(v)
              + (noProxy.isEmpty() ? "" : " except for NO_PROXY=" + noProxy), "if that is not"
              + " intended, add the proxy hosts to NO_PROXY or unset " + var));
          break;
        }
      }
    }
    return out;
  }

  private static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
  }

  private static List<String> trimmedAll(List<String> globs) {
    List<String> out = new ArrayList<>();
    for (String g : globs) {
      out.add(GoStrings.trimSpace(g));
    }
    return out;
  }
}
