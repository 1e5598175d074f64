package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.internal.GoQuoted;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.internal.Redaction;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials the go command adds to https requests, per Go version.
 *
 * <p><b>Go 1.19–1.23</b>: the first complete {@code .netrc} entry whose machine equals the
 * request's host name (without port) is sent as Basic auth.
 *
 * <p><b>Go 1.24+</b>: {@code GOAUTH} (default {@code netrc}) is a {@code ;}-separated list of
 * {@code off}, {@code netrc}, {@code git <dir>} or a command. Entries run in reverse order so that
 * earlier ones win; they run once before the first https request without arguments, and again
 * with the URL as argument (the response status line and headers on stdin) when a response is a
 * 4xx, after which the request is retried once. Credentials are keyed by URL prefix without
 * {@code https://} (a netrc machine, or a command's URL lines) and looked up from the full request
 * URL up to the host, each shorter {@code /}-prefix in turn (Go 1.24.0 only tried the full URL and
 * the host). A host-only netrc machine therefore no longer matches a URL with an explicit port.
 *
 * <p>{@code git <dir>} (Go 1.24+) runs only for the 4xx retry, when the URL is known: {@code git
 * credential fill} in {@code dir} with {@code url=<URL>} on stdin and {@code GIT_TERMINAL_PROMPT=0}
 * and {@code GCM_INTERACTIVE=never} unless set (go's modload sets both). The prefix built from its
 * {@code url=} or {@code protocol=}/{@code host=}/{@code path=} lines must be a prefix of the URL;
 * its {@code username=}/{@code password=} are sent as Basic auth for that prefix. Then, as go does,
 * a HEAD request with them to the prefix on a thread of its own (up to three tries) and {@code git
 * credential approve} (200) or {@code reject} (401) with fill's output on stdin, in the working
 * directory of the process (go runs it in its own, not in {@code dir}). git is run with the
 * process environment, and PATH, HOME, XDG_CONFIG_HOME and the GIT_* variables of the settings
 * where they are set (go's process environment is the settings).
 *
 * <p>Differences from Go, on purpose: the URL given to commands and to git never carries user
 * info; a command or git is stopped after two minutes; the output of a failing {@code git
 * credential fill} is logged without its standard output (go logs both under {@code -x}; ours
 * could hold the credentials); and a 4xx is retried only when a command could change the answer
 * (with {@code off} or only {@code netrc} the retry would repeat the identical request).
 *
 * <pre>{@code
 * GoAuth auth = GoAuth.create(System.getenv(), "1.27", false);
 * Map<String, List<String>> h = auth.initialHeaders(URI.create("https://proxy.corp/m/@v/list"));
 * }</pre>
 */
public final class GoAuth {
  private static final Logger LOG = LoggerFactory.getLogger(GoAuth.class);
  /** How long a GOAUTH command or git may run. */
  static final long COMMAND_TIMEOUT_SECONDS = 120;
  /** How much of each of their outputs is read before they are stopped. */
  static final int MAX_OUTPUT = 1 << 20;

  private final Map<String, String> env;
  private final String goVersion;
  private final boolean windows;
  private final String goAuth;
  private final Map<String, Map<String, List<String>>> cache = new ConcurrentHashMap<>();
  private final GitAuth git;
  private final Object initLock = new Object();
  private volatile boolean initialized;
  private volatile List<Netrc.Entry> netrc;
  private volatile Prober prober;

  /** Sends go's validating HEAD request for {@code git credential fill}'s credentials. */
  @FunctionalInterface
  interface Prober {
    /**
     * Sends a HEAD request.
     *
     * @param uri the prefix git's credentials are for
     * @param headers the credential headers
     * @return the response status
     * @throws IOException if no response arrives
     */
    int head(URI uri, Map<String, List<String>> headers) throws IOException;
  }

  private GoAuth(Map<String, String> env, String goVersion, boolean windows) {
    this.env = Map.copyOf(env);
    this.goVersion = goVersion;
    this.git = new GitAuth(this.env, goVersion);
    this.windows = windows;
    String g = env.get("GOAUTH");
    this.goAuth = g == null || g.isEmpty() ? "netrc" : g;
  }

  /**
   * Creates the credential source.
   *
   * @param env the environment (GOAUTH, NETRC, HOME / USERPROFILE are read)
   * @param goVersion the Go release whose rules apply, for example "1.19" or "1.27"
   * @param windows whether to follow the go command's Windows file rules
   * @return the source; nothing is read before the first request
   */
  public static GoAuth create(Map<String, String> env, String goVersion, boolean windows) {
    return new GoAuth(env, goVersion, windows);
  }

  /**
   * Sets how go's HEAD request validating git's credentials is sent (the transport's client);
   * without one, git's credentials are used but neither approved nor rejected.
   *
   * @param p the prober
   */
  void probeWith(Prober p) {
    this.prober = p;
  }

  private boolean usesGoAuth() {
    return GoRelease.modelled(goVersion).atLeast(24);
  }

  /**
   * Returns the credential headers for the first request to an https URI.
   *
   * @param uri the request URI
   * @return header name to values (empty when no credentials apply or the URI is not https)
   * @throws IOException if the netrc file exists but cannot be read (Go 1.19–1.23)
   * @throws GoEnvException if GOAUTH is malformed, with Go's message
   */
  public Map<String, List<String>> initialHeaders(URI uri) throws IOException {
    if (!"https".equals(uri.getScheme())) {
      return Map.of();
    }
    if (!usesGoAuth()) {
      String host = HostPort.ofAuthority(uri.getRawAuthority())[0];
      for (Netrc.Entry e : netrcEntries()) {
        if (e.machine().equals(host)) {
          return Map.of("Authorization", List.of(basic(e.login(), e.password())));
        }
      }
      return Map.of();
    }
    if (goAuth.equals("off")) {
      return Map.of();
    }
    if (!initialized) {
      synchronized (initLock) {
        if (!initialized) {
          run(null, null);
          initialized = true;
        }
      }
    }
    return load(uri);
  }

  /**
   * Reports whether a 4xx answer to an https request should be retried once with fresh
   * credentials (Go 1.24+ with a GOAUTH command).
   *
   * @return true when a retry could send different credentials
   */
  public boolean retriesOn4xx() {
    if (!usesGoAuth() || goAuth.equals("off")) {
      return false;
    }
    for (String c : goAuth.split(";", -1)) {
      List<String> w = GoStrings.fields(GoStrings.trimSpace(c));
      if (!w.isEmpty() && !w.get(0).equals("netrc")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Re-runs GOAUTH for a URL whose request got a 4xx answer and returns the headers for the retry.
   *
   * @param uri the request URI (user info is removed before it is given to commands)
   * @param statusLine the response status line, for example {@code HTTP/1.1 401 Unauthorized}
   * @param responseHeaders the response headers
   * @return the credential headers for the retry
   * @throws IOException if a netrc file cannot be read
   */
  public Map<String, List<String>> retryHeaders(
      URI uri, String statusLine, Map<String, List<String>> responseHeaders) throws IOException {
    initialHeaders(uri);
    StringBuilder stdin = new StringBuilder(statusLine).append('\n');
    new TreeMap<>(responseHeaders).forEach((k, v) -> {
      // java.net.http lists HTTP/2's :status among the headers; go's res.Header never has a
      // pseudo-header
      if (!k.startsWith(":")) {
        stdin.append(canonicalHeaderKey(k)).append(": ").append(String.join(", ", v)).append('\n');
      }
    });
    stdin.append('\n');
    synchronized (initLock) {
      run(Redaction.withoutUserInfo(uri).toString(), stdin.toString());
    }
    return load(uri);
  }

  private void run(String url, String stdin) throws IOException {
    List<String> cmds = new ArrayList<>(List.of(goAuth.split(";", -1)));
    Collections.reverse(cmds);
    List<String> errors = new ArrayList<>();
    for (String raw : cmds) {
      String command = GoStrings.trimSpace(raw);
      List<String> words = GoStrings.fields(command);
      if (words.isEmpty()) {
        throw new GoEnvException("go: GOAUTH encountered an empty command (GOAUTH=" + shownGoAuth() + ")");
      }
      switch (words.get(0)) {
        case "off":
          if (cmds.size() != 1) {
            throw new GoEnvException("go: GOAUTH=off cannot be combined with other authentication"
                + " commands (GOAUTH=" + shownGoAuth() + ")");
          }
          return;
        case "netrc":
          List<Netrc.Entry> lines = netrcEntries();
          for (int i = lines.size() - 1; i >= 0; i--) {
            Netrc.Entry l = lines.get(i);
            store(l.machine(), Map.of("Authorization", List.of(basic(l.login(), l.password()))));
          }
          break;
        case "git":
          checkGit(words);
          if (url == null) {
            // git credential cannot list credentials: go waits for a URL
            break;
          }
          try {
            GitAuth.Credential c = git.fill(Path.of(words.get(1)), url);
            Map<String, List<String>> h = Map.of("Authorization", List.of(basic(c.username(), c.password())));
            store(c.prefix(), h);
            git.validate(c, h, prober);
          } catch (IOException e) {
            errors.add("GOAUTH=" + command + ": " + e.getMessage());
          }
          break;
        default:
          try {
            parseUserAuth(runCommand(command, url, stdin)).forEach(this::store);
          } catch (IOException | IllegalArgumentException e) {
            // the program name only: arguments may carry tokens
            errors.add("GOAUTH command " + words.get(0) + ": " + Redaction.netHttpText(e.getMessage()));
          }
      }
    }
    if (!errors.isEmpty()) {
      LOG.warn("GOAUTH encountered errors{}: {}", url == null ? "" : " for " + url, errors);
    }
  }

  /**
   * GOAUTH as go's messages quote it, but with the arguments of each user command replaced by
   * {@code xxxxx}: they may carry a token (go prints them; we never print credentials). The
   * built-in methods ({@code off}, {@code netrc}, {@code git dir}) are shown as written.
   */
  private String shownGoAuth() {
    List<String> parts = new ArrayList<>();
    for (String part : goAuth.split(";", -1)) {
      List<String> words = GoStrings.fields(part);
      if (words.size() <= 1 || words.get(0).equals("off") || words.get(0).equals("netrc")
          || words.get(0).equals("git")) {
        parts.add(part);
      } else {
        int end = part.indexOf(words.get(0)) + words.get(0).length();
        parts.add(part.substring(0, end) + " xxxxx");
      }
    }
    return String.join(";", parts);
  }

  private static void checkGit(List<String> words) {
    if (words.size() != 2) {
      throw new GoEnvException(
          "go: GOAUTH=git dir method requires an absolute path to the git working directory");
    }
    Path dir = Path.of(words.get(1));
    if (!dir.isAbsolute()) {
      throw new GoEnvException("go: GOAUTH=git dir method requires an absolute path to the git"
          + " working directory, dir is not absolute");
    }
    if (!Files.exists(dir)) {
      // go prints os.Stat's error, which names the path again
      throw new GoEnvException("go: GOAUTH=git encountered an error; cannot stat " + dir
          + ": stat " + dir + ": no such file or directory");
    }
    if (!Files.isDirectory(dir)) {
      throw new GoEnvException("go: GOAUTH=git dir method requires an absolute path to the git"
          + " working directory, dir is not a directory");
    }
  }

  private String runCommand(String command, String url, String stdin) throws IOException {
    List<String> words;
    try {
      words = GoQuoted.split(command);
    } catch (IllegalArgumentException e) {
      throw new IOException("cannot parse GOAUTH command: " + e.getMessage(), e);
    }
    String program = words.isEmpty() ? "" : words.get(0);
    List<String> argv = new ArrayList<>(words);
    if (url != null) {
      argv.add(url);
    }
    Subprocess.Result r;
    try {
      r = Subprocess.run(argv, null, Map.of(), false,
          stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), COMMAND_TIMEOUT_SECONDS, MAX_OUTPUT);
    } catch (IOException e) {
      throw new IOException("could not run command " + program + ": " + e.getMessage(), e);
    }
    if (r.exit() != 0) {
      throw new IOException("could not run command " + program + ": exit status " + r.exit());
    }
    return r.stdoutText();
  }

  /**
   * Parses a GOAUTH command's output: blocks of URL lines, an empty line, {@code Name: value}
   * header lines, an empty line.
   *
   * @param data the output
   * @return prefix (without {@code https://}) to headers; later blocks override earlier ones
   * @throws IllegalArgumentException with Go's message when the format is wrong
   */
  static Map<String, Map<String, List<String>>> parseUserAuth(String data) {
    Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
    int pos = 0;
    while (pos < data.length()) {
      List<String> urls = new ArrayList<>();
      while (true) {
        int nl = data.indexOf('\n', pos);
        if (nl < 0) {
          throw new IllegalArgumentException("invalid format: missing empty line after URLs");
        }
        String line = data.substring(pos, nl);
        pos = nl + 1;
        if (line.isEmpty()) {
          break;
        }
        if (!isRequestUri(line)) {
          throw new IllegalArgumentException("could not parse URL " + Redaction.netHttpText(line));
        }
        urls.add(line);
      }
      Map<String, List<String>> header = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      while (true) {
        int nl = data.indexOf('\n', pos);
        if (nl < 0) {
          throw new IllegalArgumentException("invalid format: missing empty line after headers");
        }
        String line = data.substring(pos, nl);
        pos = nl + 1;
        if (line.isEmpty()) {
          break;
        }
        int sep = line.indexOf(": ");
        String name = sep < 0 ? line : line.substring(0, sep);
        String value = sep < 0 ? "" : GoStrings.trimSpace(line.substring(sep + 2));
        if (sep < 0 || !validHeaderName(name) || !validHeaderValue(value)) {
          throw new IllegalArgumentException("invalid format: invalid header line");
        }
        header.computeIfAbsent(canonicalHeaderKey(name), k -> new ArrayList<>()).add(value);
      }
      for (String u : urls) {
        String p = u.startsWith("https://") ? u.substring("https://".length()) : u;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        header.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        out.put(p, copy);
      }
    }
    return out;
  }

  private static boolean isRequestUri(String s) {
    if (s.startsWith("/")) {
      return true;
    }
    try {
      URI u = new URI(s);
      return u.isAbsolute();
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private void store(String prefix, Map<String, List<String>> header) {
    String p = prefix.startsWith("https://") ? prefix.substring("https://".length()) : prefix;
    // go1.24 keeps a trailing slash in stored prefixes (and in the URL it looks up); 1.25 trims it.
    if (p.endsWith("/") && !isGo124()) {
      p = p.substring(0, p.length() - 1);
    }
    if (header.isEmpty()) {
      cache.remove(p);
    } else {
      cache.put(p, header);
    }
  }

  private Map<String, List<String>> load(URI uri) {
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    int at = authority.lastIndexOf('@');
    String host = authority.substring(at + 1);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String prefix = host + path;
    boolean buggy124 = isGo124();
    if (prefix.endsWith("/") && !buggy124) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    while (true) {
      Map<String, List<String>> h = cache.get(prefix);
      if (h != null) {
        return h;
      }
      int slash = prefix.lastIndexOf('/');
      if (slash < 0) {
        return Map.of();
      }
      prefix = buggy124 ? host : prefix.substring(0, slash);
      if (buggy124 && cache.get(prefix) == null) {
        return Map.of();
      }
    }
  }

  /** go1.24's GOAUTH cache: prefixes kept with a trailing slash, lookups only of the host. */
  private boolean isGo124() {
    return GoRelease.modelled(goVersion).behaviourMinor() == 24;
  }

  private List<Netrc.Entry> netrcEntries() throws IOException {
    List<Netrc.Entry> n = netrc;
    if (n == null) {
      synchronized (this) {
        n = netrc;
        if (n == null) {
          Optional<Path> p = Netrc.path(env, windows, goVersion);
          n = p.isPresent() ? Netrc.read(p.get()) : List.of();
          netrc = n;
        }
      }
    }
    return n;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Go's {@code textproto.CanonicalMIMEHeaderKey} for valid names. */
  static String canonicalHeaderKey(String k) {
    if (!validHeaderName(k)) {
      return k;
    }
    StringBuilder sb = new StringBuilder(k.length());
    boolean upper = true;
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return sb.toString();
  }

  static boolean validHeaderName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 0x80 || !(Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  static boolean validHeaderValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "GoAuth[go" + goVersion + ", " + (usesGoAuth() ? "GOAUTH" : "netrc")
        + ", cached prefixes=" + cache.size() + "]";
  }
}
