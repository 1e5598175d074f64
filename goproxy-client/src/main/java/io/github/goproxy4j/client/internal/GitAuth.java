package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.internal.GoUrl;
import io.github.goproxy4j.internal.Redaction;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GOAUTH's {@code git <dir>} method, as the go command's gitauth.go (Go 1.24 on): {@code git
 * credential fill} for a URL, its answer parsed into a URL prefix and Basic credentials, and the
 * follow-up that approves or rejects them. {@link GoAuth} decides when it runs and keys what it
 * returns. Internal to goproxy4j.
 */
final class GitAuth {
  private static final Logger LOG = LoggerFactory.getLogger(GitAuth.class);

  private final Map<String, String> env;
  private final String goVersion;

  /**
   * @param env the settings (go's process environment)
   * @param goVersion the go release whose net/url rules parse git's answer
   */
  GitAuth(Map<String, String> env, String goVersion) {
    this.env = env;
    this.goVersion = goVersion;
  }

  /** {@code git credential fill}'s answer: the prefix it is for and the Basic credentials. */
  record Credential(String prefix, String username, String password, byte[] output) {
    @Override
    public String toString() {
      return "Credential[" + Redaction.netHttpText(prefix) + "]";
    }
  }

  /** The variables go's git sees beyond this process's: the settings' git-related ones. */
  private Map<String, String> gitEnv() {
    Map<String, String> e = new java.util.HashMap<>();
    env.forEach((k, v) -> {
      if (k.equals("HOME") || k.equals("XDG_CONFIG_HOME") || k.startsWith("GIT_")
          || k.equals("GCM_INTERACTIVE") || k.equals("PATH")) {
        e.put(k, v);
      }
    });
    // go's modload.Init: no prompts from git unless asked for
    for (String[] d : new String[][] {{"GIT_TERMINAL_PROMPT", "0"}, {"GCM_INTERACTIVE", "never"}}) {
      String v = e.containsKey(d[0]) ? e.get(d[0]) : System.getenv(d[0]);
      if (v == null || v.isEmpty()) {
        e.put(d[0], d[1]);
      }
    }
    return e;
  }

  /**
   * Runs {@code git credential fill} in {@code dir} for {@code url}, as go's runGitAuth.
   *
   * @throws IOException with go's text when git fails or answers for another URL
   */
  Credential fill(Path dir, String url) throws IOException {
    Subprocess.Result r;
    try {
      r = Subprocess.run(List.of("git", "credential", "fill"), dir, gitEnv(), false,
          ("url=" + url + "\n").getBytes(StandardCharsets.UTF_8), GoAuth.COMMAND_TIMEOUT_SECONDS, GoAuth.MAX_OUTPUT);
    } catch (IOException e) {
      throw new IOException("'git credential fill' failed (url=" + url + "): " + e.getMessage(), e);
    }
    if (r.exit() != 0) {
      // go appends git's combined output; only standard error here (stdout may hold credentials)
      throw new IOException("'git credential fill' failed (url=" + url + "): exit status " + r.exit()
          + "\n" + Redaction.netHttpText(r.stderrText()));
    }
    String[] parsed = parseGitAuth(r.stdoutText(),
        GoUrl.Rules.of(GoRelease.modelled(goVersion), env.getOrDefault("GODEBUG", "")));
    if (parsed[0].isEmpty()) {
      throw new IOException("'git credential fill' failed for url=" + url + ", could not parse url\n");
    }
    if (!url.startsWith(parsed[0])) {
      throw new IOException("requested a credential for " + url + ", but 'git credential fill'"
          + " provided one for " + Redaction.netHttpText(parsed[0]) + "\n");
    }
    return new Credential(parsed[0], parsed[1], parsed[2], r.stdout());
  }

  /**
   * Go's validation of git's credentials: a HEAD request to the prefix with them (up to three
   * tries while it fails or answers other than 200 or 401), then {@code git credential approve}
   * (200) or {@code reject} (401) with fill's output, all on a thread of its own.
   */
  void validate(Credential c, Map<String, List<String>> headers, GoAuth.Prober p) {
    if (p == null) {
      return;
    }
    URI target;
    try {
      target = new URI(c.prefix());
    } catch (java.net.URISyntaxException e) {
      return;
    }
    Map<String, String> gitEnv = gitEnv();
    Subprocess.ownThread(() -> {
      for (int i = 0; i < 3; i++) {
        int status;
        try {
          status = p.head(target, headers);
        } catch (IOException | RuntimeException e) {
          continue;
        }
        if (status == 200 || status == 401) {
          String action = status == 200 ? "approve" : "reject";
          try {
            Subprocess.run(List.of("git", "credential", action), null, gitEnv, false, c.output(),
                GoAuth.COMMAND_TIMEOUT_SECONDS, GoAuth.MAX_OUTPUT);
          } catch (IOException e) {
            // go ignores the outcome
          }
          LOG.debug("git credential {} for {}", action, Redaction.netHttpText(c.prefix()));
          return;
        }
      }
    });
  }

  /**
   * {@link #parseGitAuth(String, GoUrl.Rules)} with the newest release's URL rules.
   *
   * @param data git's output
   * @return prefix (empty when none), username, password (each possibly empty)
   */
  static String[] parseGitAuth(String data) {
    return parseGitAuth(data, GoUrl.Rules.NEWEST);
  }

  /**
   * Parses {@code git credential fill}'s output as go's parseGitAuth: {@code key=value} lines
   * (space-trimmed; the last of each key wins), the prefix from a {@code url=} line that parses as
   * a request URI (net/url's ParseRequestURI), changed by {@code protocol=}, {@code host=} and
   * {@code path=} lines, printed by net/url's String().
   *
   * @param data git's output
   * @param rules the release's net/url host rules
   * @return prefix (empty when none), username, password (each possibly empty)
   */
  static String[] parseGitAuth(String data, GoUrl.Rules rules) {
    GoUrl prefix = GoUrl.empty();
    String username = "";
    String password = "";
    for (String raw : data.split("\n", -1)) {
      String line = GoStrings.trimSpace(raw);
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      switch (key) {
        case "protocol" -> prefix.scheme = GoUrl.toBytes(value);
        case "host" -> prefix.host = GoUrl.toBytes(value);
        case "path" -> prefix.path = GoUrl.toBytes(value);
        case "username" -> username = value;
        case "password" -> password = value;
        case "url" -> {
          try {
            prefix = GoUrl.parseRequestUri(value, rules);
          } catch (GoUrl.ParseException e) {
            LOG.debug("malformed URL from 'git credential fill'");
          }
        }
        default -> { }
      }
    }
    return new String[] {prefix.string(false), username, password};
  }
}
