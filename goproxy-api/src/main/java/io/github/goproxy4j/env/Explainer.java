package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.Redaction;
import java.util.List;

/** Builds {@link Route#explain()}. */
final class Explainer {
  private Explainer() {}

  static String explain(ProxyResolver r, Route route) {
    GoEnv env = r.env();
    String path = route.modulePath();
    StringBuilder b = new StringBuilder();
    // Routing.
    String listError = route.proxyListErrorText();
    if (listError != null) {
      // go walks the list before it looks at GONOPROXY: every lookup fails, private modules' too
      b.append(path).append(" → GOPROXY=").append(Redaction.inSetting(env.get("GOPROXY")))
          .append(" (from ").append(env.source("GOPROXY").description())
          .append(") is invalid: ").append(Redaction.inText(listError))
          .append("; every lookup that is not answered from the module cache fails with this error");
    } else if (route.noProxyPattern() != null) {
      b.append(path).append(" matches ");
      if (env.source("GONOPROXY") == GoEnv.Source.DEFAULT) {
        b.append("GOPRIVATE pattern ").append(route.noProxyPattern())
            .append(" via GONOPROXY default");
      } else {
        b.append("GONOPROXY pattern ").append(route.noProxyPattern());
      }
      b.append(" → fetched directly from version control");
      if (!env.get("GOPROXY").equals("direct")) {
        b.append(" (GOPROXY is not used for it");
        if (r.proxyList().entries.size() == 1 && r.proxyList().entries.get(0) instanceof ProxyEntry.Off) {
          b.append(", not even GOPROXY=off");
        }
        b.append(')');
      }
    } else {
      b.append(path);
      String gonoproxy = env.get("GONOPROXY");
      if (!gonoproxy.isEmpty()) {
        b.append(" matches no GONOPROXY pattern (").append(gonoproxy).append(')');
      }
      b.append(" → GOPROXY=").append(Redaction.inSetting(env.get("GOPROXY")))
          .append(" (from ").append(env.source("GOPROXY").description()).append("): ");
      describeList(b, route.proxies());
    }
    b.append("; ");
    // Checksums.
    if (route.sumdbForced()) {
      b.append("checksums must be verified by the checksum database (golang.org/toolchain always is, from Go 1.21)");
      appendDb(b, route, env);
    } else if (route.sumdbOff()) {
      b.append("checksum database off (GOSUMDB=off from ").append(env.source("GOSUMDB").description())
          .append("): only go.sum protects the downloads");
    } else if (route.noSumDbPattern() != null) {
      b.append("checksum database skipped (");
      if (env.source("GONOSUMDB") == GoEnv.Source.DEFAULT) {
        b.append("GONOSUMDB default: GOPRIVATE pattern ").append(route.noSumDbPattern());
      } else {
        b.append("GONOSUMDB pattern ").append(route.noSumDbPattern());
      }
      b.append(')');
    } else {
      b.append("checksums verified");
      appendDb(b, route, env);
    }
    if (route.isInsecure()) {
      b.append("; GOINSECURE matches: direct fetches may use plain http and skip certificate"
          + " checks (proxies and the checksum database are not affected)");
    }
    if (route.isPrivate() && route.noProxyPattern() == null) {
      b.append("; private per GOPRIVATE (GOVCS private rules apply to direct fetches)");
    }
    return b.toString();
  }

  private static void appendDb(StringBuilder b, Route route, GoEnv env) {
    try {
      ChecksumDb db = route.checksumDb().orElseThrow();
      b.append(" by ").append(db.name()).append(" (GOSUMDB from ")
          .append(env.source("GOSUMDB").description()).append(')');
      if (db.url().isPresent()) {
        b.append(" at ").append(Redaction.redacted(db.url().get())).append(", bypassing the proxies");
      } else {
        b.append(", asked through each proxy's /sumdb/").append(db.name())
            .append("/supported first, else https://").append(db.name());
      }
    } catch (GoEnvException e) {
      b.append(", but GOSUMDB is invalid and verification will fail: ").append(e.getMessage());
    }
  }

  private static void describeList(StringBuilder b, List<ProxyEntry> proxies) {
    for (int i = 0; i < proxies.size(); i++) {
      ProxyEntry e = proxies.get(i);
      if (i > 0) {
        ProxyEntry prev = proxies.get(i - 1);
        boolean anyError = prev instanceof ProxyEntry.Url
            && ((ProxyEntry.Url) prev).fallback() == FallbackMode.ON_ANY_ERROR;
        b.append(anyError ? ", then on any error " : ", then on 404/410 ");
      }
      if (e instanceof ProxyEntry.Url) {
        b.append("proxy ").append(e.display());
      } else if (e instanceof ProxyEntry.Direct) {
        b.append(i == 0 ? "fetched directly from version control" : "direct from version control");
      } else {
        b.append(i == 0 ? "lookups disabled (GOPROXY=off)" : "stop (off)");
      }
    }
  }
}
