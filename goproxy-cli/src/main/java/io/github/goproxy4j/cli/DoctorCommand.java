package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.VersionInfo;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ChecksumDatabase;
import io.github.goproxy4j.sumdb.SumdbLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code goproxy doctor}: every Go setting that will not do what its author expects, plus a live
 * check of each proxy and of the checksum database, each finding with its fix.
 */
final class DoctorCommand implements Command {
  static final String DEFAULT_PROBE_MODULE = "golang.org/x/mod";

  @Override
  public String name() {
    return "doctor";
  }

  @Override
  public String summary() {
    return "find proxy settings that will not do what you expect, and check each proxy live";
  }

  @Override
  public String help() {
    return "goproxy doctor [--module M] [--offline] [--json]\n\n"
        + "Reads the environment, the go env file and GOROOT/go.env like the go command, then:\n"
        + "  - lists every setting Go ignores or that usually means a mistake, with the fix\n"
        + "    (misspelt variables, quotes or CR in the env file, unreachable GOPROXY entries,\n"
        + "    GONOPROXY without GONOSUMDB, HTTP(S)_PROXY carrying proxy traffic, ...);\n"
        + "  - asks each GOPROXY entry for module M's version list (default " + DEFAULT_PROBE_MODULE + ")\n"
        + "    and checks that the checksum database answers with a correctly signed tree.\n"
        + "--offline skips the live checks. Exits 1 if a live check fails or a setting is invalid.\n";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("module");
  }

  @Override
  public Set<String> flagOptions() {
    return Set.of("offline");
  }

  /** One finding: what, how bad, and the fix. */
  record Finding(String level, String subject, String problem, String fix) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("level", level);
      m.put("subject", subject);
      m.put("problem", problem);
      m.put("fix", fix);
      return m;
    }
  }

  @Override
  public int run(Invocation ctx) throws java.io.IOException {
    List<Finding> findings = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    GoEnv env = Settings.goEnv(ctx);
    for (GoEnv.Warning w : env.warnings()) {
      findings.add(new Finding("warning", w.setting(), w.problem(), w.fix()));
    }
    ModulePath probe = ModulePath.parse(ctx.args().option("module").orElse(DEFAULT_PROBE_MODULE));
    ProxyResolver resolver = ProxyResolver.of(env);
    List<ProxyEntry> proxies;
    try {
      proxies = resolver.proxies();
    } catch (GoEnvException e) {
      findings.add(new Finding("error", "GOPROXY", e.getMessage(),
          "set GOPROXY to a comma- or pipe-separated list of https:// URLs, \"direct\" or \"off\""));
      proxies = List.of();
    }
    if (!ctx.args().flag("offline")) {
      try (Probes probes = new Probes()) {
        for (ProxyEntry entry : proxies) {
          if (entry instanceof ProxyEntry.Url url) {
            checkProxy(probes, env, url, probe, findings, passed);
          }
        }
        checkChecksumDb(probes, env, probe, findings, passed);
      }
    }
    boolean failed = findings.stream().anyMatch(f -> f.level().equals("error"));
    if (ctx.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("findings", findings.stream().map(Finding::toJson).toList());
      m.put("passed", passed);
      Json.print(ctx.out(), m);
    } else {
      passed.forEach(p -> ctx.out().println("ok       " + p));
      for (Finding f : findings) {
        ctx.out().println(Goproxy.pad(f.level(), 9) + f.subject() + ": " + f.problem());
        ctx.out().println("         fix: " + f.fix());
      }
      ctx.out().println(findings.isEmpty() ? "no problems found"
          : findings.size() + " finding(s)" + (failed ? "; some checks failed" : ""));
    }
    return failed ? 1 : 0;
  }

  private static void checkProxy(Probes probes, GoEnv env, ProxyEntry.Url url, ModulePath probe,
      List<Finding> findings, List<String> passed) {
    long start = System.nanoTime();
    try (GoProxyClient client = probes.singleProxyClient(env, url.uri().toString())) {
      int n = client.versions(probe).size();
      passed.add("proxy " + url.display() + " answered the version list of " + probe + " (" + n + " versions, "
          + Probes.millis(start) + " ms)");
    } catch (NotFoundException e) {
      passed.add("proxy " + url.display() + " answers (it does not serve " + probe + ": "
          + Goproxy.oneLine(e) + ")");
    } catch (GoProxyException | RuntimeException e) {
      findings.add(new Finding("error", "GOPROXY entry " + url.display(), Goproxy.oneLine(e),
          "check the URL and your network; if you need an outgoing HTTP proxy set HTTPS_PROXY"
              + " (and NO_PROXY for internal hosts); use '|' after this entry to fall back on any error"));
    }
  }

  private static void checkChecksumDb(Probes probes, GoEnv env, ModulePath probe,
      List<Finding> findings, List<String> passed) {
    try (GoProxyClient client = probes.client(env)) {
      Optional<ChecksumDatabase> db = client.checksumDatabase(probe);
      if (db.isEmpty()) {
        passed.add("checksum database not used for " + probe + " (GOSUMDB=off or GONOSUMDB matches)");
        return;
      }
      VersionInfo latest = client.latest(probe);
      SumdbLookup found = db.get().lookup(ModuleVersion.of(probe.toString(), latest.version()));
      passed.add("checksum database " + db.get().checksumDb().name() + " verified " + probe + "@"
          + latest.version() + " in a signed tree of " + found.treeSize() + " records");
    } catch (GoEnvException e) {
      findings.add(new Finding("error", "GOSUMDB", e.getMessage(),
          "set GOSUMDB to sum.golang.org, to name+key[ url] of your database, or to off"));
    } catch (RuntimeException | java.io.IOException e) {
      findings.add(new Finding("error", "checksum database", Goproxy.oneLine(e),
          "make sure the proxies serve /sumdb/<name>/supported or the database host is reachable;"
              + " for private modules set GONOSUMDB (or GOPRIVATE) instead of turning GOSUMDB off"));
    }
  }
}
