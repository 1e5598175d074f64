package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.client.HttpSettings;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GOAUTH (Go 1.24+): netrc, commands and their protocol, the 4xx retry, malformed values. */
class GoAuthTest {
  @TempDir Path tmp;

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Writes an executable sh script; skips the test where there is no POSIX shell. */
  private Path script(String name, String body) throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to run GOAUTH commands");
    Path p = tmp.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body);
    assertTrue(p.toFile().setExecutable(true));
    return p;
  }

  private static String auth(Map<String, List<String>> h) {
    List<String> v = h.get("Authorization");
    return v == null ? null : String.join(",", v);
  }

  @Test
  void netrcEntriesAreKeyedByMachineIncludingPortAndFirstWins() throws IOException {
    Path netrc = tmp.resolve("netrc");
    Files.writeString(netrc, "machine h login a password 1\nmachine h login b password 2\n"
        + "machine h:8443 login c password 3\n");
    GoAuth a = GoAuth.create(env("NETRC", netrc.toString()), "1.25", false);
    assertEquals(GoAuth.basic("a", "1"), auth(a.initialHeaders(URI.create("https://h/x/y"))));
    assertEquals(GoAuth.basic("c", "3"), auth(a.initialHeaders(URI.create("https://h:8443/x"))));
    assertNull(auth(a.initialHeaders(URI.create("https://h:9443/x"))));
    assertNull(auth(a.initialHeaders(URI.create("http://h/x"))), "never on plain http");
    assertFalse(a.retriesOn4xx(), "netrc alone would retry with identical credentials");
  }

  @Test
  void offSendsNothing() throws IOException {
    Path netrc = tmp.resolve("netrc");
    Files.writeString(netrc, "machine h login a password 1\n");
    GoAuth a = GoAuth.create(env("NETRC", netrc.toString(), "GOAUTH", "off"), "1.25", false);
    assertEquals(Map.of(), a.initialHeaders(URI.create("https://h/")));
  }

  @Test
  void malformedGoAuthGivesGoMessages() throws IOException {
    String[][] cases = {
      {"off;netrc", "go: GOAUTH=off cannot be combined with other authentication commands"
          + " (GOAUTH=off;netrc)"},
      {"netrc;", "go: GOAUTH encountered an empty command (GOAUTH=netrc;)"},
      {"git relative/dir", "go: GOAUTH=git dir method requires an absolute path to the git working"
          + " directory, dir is not absolute"},
      {"git", "go: GOAUTH=git dir method requires an absolute path to the git working directory"},
    };
    for (String[] c : cases) {
      GoAuth a = GoAuth.create(env("GOAUTH", c[0]), "1.25", false);
      GoEnvException e = assertThrows(GoEnvException.class,
          () -> a.initialHeaders(URI.create("https://h/")));
      assertEquals(c[1], e.getMessage());
    }
    Path file = tmp.resolve("file");
    Files.writeString(file, "");
    String[][] dirs = {
      {"git " + file, "go: GOAUTH=git dir method requires an absolute path to the git working"
          + " directory, dir is not a directory"},
      {"git " + tmp.resolve("missing"), "go: GOAUTH=git encountered an error; cannot stat "
          + tmp.resolve("missing") + ": stat " + tmp.resolve("missing")
          + ": no such file or directory"},
    };
    for (String[] c : dirs) {
      GoAuth a = GoAuth.create(env("GOAUTH", c[0]), "1.25", false);
      GoEnvException e = assertThrows(GoEnvException.class,
          () -> a.initialHeaders(URI.create("https://h/")));
      assertEquals(c[1], e.getMessage());
    }
  }

  /** A git repository in tmp whose local config names {@code helper}; HOME is tmp/home. */
  private Path gitRepo(String name, String helper) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "needs git");
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.createDirectories(tmp.resolve("home"));
    git(dir, "init", "-q", ".");
    if (helper != null) {
      git(dir, "config", "credential.helper", helper);
    }
    return dir;
  }

  private void git(Path dir, String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).inheritIO();
    pb.environment().put("HOME", tmp.resolve("home").toString());
    assertEquals(0, pb.start().waitFor());
  }

  private Map<String, String> gitEnv(Path dir) {
    return env("GOAUTH", "git " + dir, "HOME", tmp.resolve("home").toString());
  }

  /**
   * GOAUTH=git runs only for the retry with a URL (go's first run skips it: git cannot list
   * credentials), then answers with the helper's credentials as Basic auth for the prefix git
   * names, matched as go matches prefixes.
   */
  @Test
  void gitCredentialFillGivesBasicAuthForItsPrefix() throws Exception {
    Path log = tmp.resolve("helper.log");
    Path dir = gitRepo("repo", "!f() { echo \"$1\" >> '" + log + "'; test \"$1\" = get"
        + " && { echo username=u; echo password=p; }; }; f");
    GoAuth a = GoAuth.create(gitEnv(dir), "1.27", false);
    assertEquals(Map.of(), a.initialHeaders(URI.create("https://h:1/m/@v/list")));
    assertFalse(Files.exists(log), "no git before a URL");
    assertTrue(a.retriesOn4xx());
    Map<String, List<String>> h = a.retryHeaders(URI.create("https://h:1/m/@v/list"),
        "HTTP/1.1 401 Unauthorized", Map.of());
    assertEquals(GoAuth.basic("u", "p"), auth(h));
    assertEquals(GoAuth.basic("u", "p"), auth(a.initialHeaders(URI.create("https://h:1/other"))));
    assertNull(auth(a.initialHeaders(URI.create("https://h:2/other"))));
    assertEquals("get\n", Files.readString(log), "no prober: neither approved nor rejected");
    assertFalse(a.toString().contains("p\"") || a.toString().contains("Og"), a.toString());
  }

  /**
   * go's follow-up on the transport: a HEAD request to git's prefix with its credentials, then
   * {@code git credential approve} after a 200 ({@code store} for the helpers) and {@code reject}
   * after a 401 ({@code erase}), run where this process runs, with the global config.
   */
  @Test
  void gitCredentialsAreApprovedOrRejectedAfterHead() throws Exception {
    Path dir = gitRepo("repo", "!f() { test \"$1\" = get && { echo username=u;"
        + " echo password=p; }; }; f");
    Path log = tmp.resolve("global.log");
    Files.writeString(tmp.resolve("home/.gitconfig"), "[credential]\n\thelper = \"!f() {"
        + " echo \\\"$1\\\" >> '" + log + "'; }; f\"\n");
    TestCerts certs = TestCerts.shared();
    for (int ok : new int[] {200, 401}) {
      Files.writeString(log, "");
      try (MockWebServer tls = new MockWebServer()) {
        tls.useHttps(certs.serverContext().getSocketFactory());
        tls.start(InetAddress.getLoopbackAddress(), 0);
        tls.enqueue(new MockResponse.Builder().code(401).build());
        tls.enqueue(new MockResponse.Builder().code(ok).build());
        tls.enqueue(new MockResponse.Builder().code(ok).build());
        Map<String, String> e = gitEnv(dir);
        e.put("SSL_CERT_FILE", certs.caPem.toString());
        try (JdkHttpTransport t = JdkHttpTransport.create(e, "1.27", HttpSettings.defaults());
            Transport.Response r = t.get(
                URI.create("https://localhost:" + tls.getPort() + "/m/@v/list"), Map.of())) {
          assertEquals(ok, r.status());
          String want = ok == 200 ? "get\nstore\n" : "get\nerase\n";
          for (int i = 0; i < 100 && !Files.readString(log).equals(want); i++) {
            Thread.sleep(100);
          }
          assertEquals(want, Files.readString(log));
        }
        List<String> methods = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
          RecordedRequest q = tls.takeRequest(5, TimeUnit.SECONDS);
          methods.add(q.getMethod() + " " + q.getTarget() + " "
              + (q.getHeaders().get("Authorization") != null));
        }
        java.util.Collections.sort(methods);
        assertEquals(List.of("GET /m/@v/list false", "GET /m/@v/list true", "HEAD / true"),
            methods);
      }
    }
  }

  /** go's texts when git fails or answers for another URL; nothing of the output's secrets. */
  @Test
  void gitCredentialFillFailuresGiveGoTexts() throws Exception {
    String url = "https://h:1/m/@v/list";
    Path empty = gitRepo("empty", "!f() { :; }; f");
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Files.createDirectories(tmp.resolve("home"));
    String prompt = "'git credential fill' failed (url=" + url + "): exit status 128\n"
        + "fatal: could not read Username for 'https://h:1': terminal prompts disabled\n";
    assertEquals(prompt, fillError(empty, url));
    assertEquals(prompt, fillError(plain, url), "not a repository: no helper either");
    Path other = gitRepo("other", "!f() { echo url=https://elsewhere/p; echo username=u;"
        + " echo password=s3cr3t; }; f");
    assertEquals("requested a credential for " + url + ", but 'git credential fill' provided one"
        + " for https://elsewhere/p\n", fillError(other, url));
    Path userInfo = gitRepo("userinfo", "!f() { echo url=https://u:s3cr3t@elsewhere/p;"
        + " echo username=u; echo password=s3cr3t; }; f");
    String e = fillError(userInfo, url);
    assertFalse(e.contains("s3cr3t"), e);
    // the retry still goes out, without credentials
    GoAuth a = GoAuth.create(gitEnv(empty), "1.27", false);
    assertEquals(Map.of(), a.retryHeaders(URI.create(url), "HTTP/1.1 401 Unauthorized", Map.of()));
  }

  private String fillError(Path dir, String url) {
    IOException e = assertThrows(IOException.class, () -> new GitAuth(gitEnv(dir), "1.27").fill(dir, url));
    return e.getMessage();
  }

  @Test
  void malformedGoAuthMessagesHideCommandArguments() {
    // go prints GOAUTH whole here; a command's arguments may carry a token, so they are masked
    String[][] cases = {
      {"/usr/bin/cred --token=s3cr3t;", "go: GOAUTH encountered an empty command (GOAUTH=/usr/bin/cred xxxxx;)"},
      {"off;cred s3cr3t 'more s3cr3t'", "go: GOAUTH=off cannot be combined with other authentication commands"
          + " (GOAUTH=off;cred xxxxx)"},
      {"git /abs;  ;netrc", "go: GOAUTH encountered an empty command (GOAUTH=git /abs;  ;netrc)"},
    };
    for (String[] c : cases) {
      GoAuth a = GoAuth.create(env("GOAUTH", c[0]), "1.25", false);
      GoEnvException e = assertThrows(GoEnvException.class,
          () -> a.initialHeaders(URI.create("https://h/")));
      assertEquals(c[1], e.getMessage());
      assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }
  }

  @Test
  void commandCredentialsMatchByPathPrefixFromGo125() throws IOException {
    Path cmd = script("cred.sh", "printf 'https://h/private\\n\\nAuthorization: Bearer tok\\n\\n'\n");
    GoAuth a = GoAuth.create(env("GOAUTH", cmd.toString()), "1.25", false);
    assertEquals("Bearer tok", auth(a.initialHeaders(URI.create("https://h/private/m/@v/list"))));
    assertEquals("Bearer tok", auth(a.initialHeaders(URI.create("https://h/private"))));
    assertNull(auth(a.initialHeaders(URI.create("https://h/privateer/m"))));
    assertNull(auth(a.initialHeaders(URI.create("https://h/public/m"))));
    assertTrue(a.retriesOn4xx());
    // Go 1.24 tried only the full URL and then the host, and did not trim a trailing slash
    // (cmd/go/internal/auth loadCredential with req.URL.String(); docs/spec/go-releases.md §2).
    GoAuth old = GoAuth.create(env("GOAUTH", cmd.toString()), "1.24", false);
    assertNull(auth(old.initialHeaders(URI.create("https://h/private/m/@v/list"))));
    assertEquals("Bearer tok", auth(old.initialHeaders(URI.create("https://h/private"))));
    assertNull(auth(old.initialHeaders(URI.create("https://h/private/"))));
  }

  @Test
  void earlierEntriesWinAndQuotedArgumentsAreSplitLikeGo() throws IOException {
    Path cmd = script("cred.sh", "printf 'https://h\\n\\nAuthorization: %s\\n\\n' \"$1\"\n");
    GoAuth a = GoAuth.create(
        env("GOAUTH", cmd + " 'Bearer first' ; " + cmd + " \"Bearer second\""), "1.25", false);
    assertEquals("Bearer first", auth(a.initialHeaders(URI.create("https://h/x"))));
  }

  @Test
  void userAuthOutputFormatErrors() {
    assertEquals(Map.of(), GoAuth.parseUserAuth(""));
    String[][] bad = {
      {"https://h\n", "invalid format: missing empty line after URLs"},
      {"https://h\n\nAuthorization: x\n", "invalid format: missing empty line after headers"},
      {"https://h\n\nAuthorization:x\n\n", "invalid format: invalid header line"},
      {"https://h\n\nBad Name: x\n\n", "invalid format: invalid header line"},
      {"not a url\n\n\n", "could not parse URL not a url"},
    };
    for (String[] b : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> GoAuth.parseUserAuth(b[0]));
      assertEquals(b[1], e.getMessage());
    }
    Map<String, Map<String, List<String>>> two = GoAuth.parseUserAuth(
        "https://a/\nhttps://b/p\n\nX-Key: 1\nx-key: 2\n\nhttps://a\n\nY: 3\n\n");
    assertEquals(List.of("1", "2"), two.get("b/p").get("X-Key"));
    assertEquals(List.of("3"), two.get("a").get("Y"));
  }

  /** The 4xx retry on the wire: the command gets the URL and the response, the retry succeeds. */
  @Test
  void unauthorizedResponseRerunsCommandWithUrlAndResponseThenRetriesOnce() throws Exception {
    Path log = tmp.resolve("calls.log");
    Path cmd = script("cred.sh", ""
        + "echo \"args:$#:$1\" >> '" + log + "'\n"
        + "if [ $# -eq 1 ]; then cat >> '" + log + "'; fi\n"
        + "if [ $# -eq 1 ]; then printf '%s\\n\\nAuthorization: Bearer fresh\\n\\n' \"$1\"; fi\n");
    TestCerts certs = TestCerts.shared();
    String plainUrl;
    try (MockWebServer tls = new MockWebServer()) {
      tls.useHttps(certs.serverContext().getSocketFactory());
      tls.start(InetAddress.getLoopbackAddress(), 0);
      tls.enqueue(new MockResponse.Builder().code(401)
          .addHeader("WWW-Authenticate", "Bearer realm=\"r\"").build());
      tls.enqueue(new MockResponse.Builder().code(200).body("secret module").build());
      URI uri = URI.create("https://user:pw@localhost:" + tls.getPort() + "/m/@v/list");
      plainUrl = "https://localhost:" + tls.getPort() + "/m/@v/list";
      Map<String, String> e = env("GOAUTH", cmd.toString(), "SSL_CERT_FILE", certs.caPem.toString());
      try (JdkHttpTransport t = JdkHttpTransport.create(e, "1.25", HttpSettings.defaults());
          Transport.Response r = t.get(uri, Map.of())) {
        assertEquals(200, r.status());
        assertEquals("secret module", new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
      }
      RecordedRequest first = tls.takeRequest(5, TimeUnit.SECONDS);
      assertEquals(GoAuth.basic("user", "pw"), first.getHeaders().get("Authorization"),
          "no GOAUTH credentials yet: the URL's user info is used");
      RecordedRequest second = tls.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("Bearer fresh", second.getHeaders().get("Authorization"));
      assertEquals(2, tls.getRequestCount());
    }
    String calls = Files.readString(log);
    assertTrue(calls.startsWith("args:0:\nargs:1:" + plainUrl + "\nHTTP/2.0 401 Unauthorized\n"),
        calls);
    assertTrue(calls.contains("Www-Authenticate: Bearer realm=\"r\"\n"), calls);
    assertFalse(calls.contains("pw"), "the URL given to the command carries no password");
  }

  @Test
  void failingCommandsAreNotFatalAndLeakNothing() throws IOException {
    Path cmd = script("fail.sh", "echo 'token=s3cr3t' >&2\nexit 3\n");
    GoAuth a = GoAuth.create(env("GOAUTH", cmd.toString()), "1.25", false);
    assertEquals(Map.of(), a.initialHeaders(URI.create("https://h/x")));
    assertFalse(a.toString().contains(cmd.toString()));
  }
}
