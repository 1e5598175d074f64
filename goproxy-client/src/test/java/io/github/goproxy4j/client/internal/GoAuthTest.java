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
  void malformedGoAuthGivesGoMessages() {
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
    GoAuth git = GoAuth.create(env("GOAUTH", "git " + tmp), "1.25", false);
    GoEnvException e = assertThrows(GoEnvException.class,
        () -> git.initialHeaders(URI.create("https://h/")));
    assertTrue(e.getMessage().contains("not supported"), e.getMessage());
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
