package io.github.goproxy4j.testkit;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.sumdb.note.SignerKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import mockwebserver3.MockWebServer;

/**
 * A fake Go module proxy on loopback HTTP, with an integrated fake checksum database: it serves
 * {@code @v/list}, {@code .info}, {@code .mod}, {@code .zip} and {@code @latest} for the modules
 * it was given (in code, as txtar archives in the go command's {@code cmd/go/testdata/mod}
 * format, or as a GOPROXY-layout directory such as a copy of
 * {@code $GOMODCACHE/cache/download}), and {@code /sumdb/<name>/...} for the
 * {@link FakeSumdb} over them. Requests are recorded in {@link #requests()}; {@link Fault}s make
 * it fail in controlled ways. Thread-safe; close it to stop the server.
 *
 * <pre>{@code
 * try (FakeGoProxy proxy = FakeGoProxy.builder()
 *     .module(FakeModule.builder("example.com/m", "v1.0.0").file("m.go", "package m\n").build())
 *     .module("example.com/other", "v0.1.0", "v0.2.0")
 *     .start()) {
 *   GoEnv env = proxy.goEnv();          // GOPROXY = the fake, GOSUMDB = its key
 *   // ... run the code under test, or the go command with proxy.environment() ...
 *   proxy.requests().assertRequested("/example.com/m/@v/v1.0.0.zip");
 * }
 * }</pre>
 *
 * <p>As a private proxy: {@link Builder#https()} serves TLS with a certificate made for this
 * fake (trust it with {@link #certificatePem()} in {@code SSL_CERT_FILE}, which
 * {@link #environment()} sets, or {@link #sslContext()}), and {@link Builder#basicAuth(String,
 * String)} or {@link Builder#bearerToken(String)} answers every request without exactly those
 * credentials {@code 401 Unauthorized} with a {@code WWW-Authenticate} challenge. The go command
 * sends credentials (from {@code .netrc}, or from {@code GOAUTH} since go1.24) only over https.
 *
 * <pre>{@code
 * try (FakeGoProxy proxy = FakeGoProxy.builder().https().basicAuth("ci", "s3cret")
 *     .module("corp.example/lib", "v1.0.0")
 *     .start()) {
 *   Map<String, String> env = proxy.environment();  // GOPROXY=https://127.0.0.1:port,
 *                                                    // SSL_CERT_FILE=its PEM, NETRC=a netrc file
 *   // run go with env, or a client built from proxy.goEnv(); without the netrc go gets
 *   // "reading https://127.0.0.1:port/corp.example/lib/@v/list: 401 Unauthorized"
 * }
 * }</pre>
 *
 * <p>Answers follow real proxies: only 200 is success; an unknown module or version answers
 * 404 (or 410, see {@link Builder#notFoundStatus(int)}) with a {@code text/plain} body the go
 * command shows as {@code server response:}; a path that cannot be decoded answers 400. No
 * request ever produces a stack trace.
 */
public final class FakeGoProxy implements AutoCloseable {

  /** The default checksum database name. */
  public static final String DEFAULT_SUMDB_NAME = "sumdb.goproxy4j.test";

  private final MockWebServer server;
  private final ProxyDispatcher dispatcher;
  private final RequestJournal journal;
  private final FakeSumdb sumdb;
  private final ModuleStore store;
  private final URI url;
  private Path privateGoPath;
  private final List<String> skipped;
  private final ServerCertificate certificate; // null: plain http
  private final RequiredCredentials credentials; // null: no authentication
  /** The files {@link #environment()} names (certificate, netrc); null when there are none. */
  private final Path filesDir;
  private final Map<String, String> fileSettings;

  private FakeGoProxy(MockWebServer server, ProxyDispatcher dispatcher, RequestJournal journal,
      FakeSumdb sumdb, ModuleStore store, URI url, List<String> skipped,
      ServerCertificate certificate, RequiredCredentials credentials, Path filesDir,
      Map<String, String> fileSettings) {
    this.skipped = List.copyOf(skipped);
    this.certificate = certificate;
    this.credentials = credentials;
    this.filesDir = filesDir;
    this.fileSettings = Collections.unmodifiableMap(new LinkedHashMap<>(fileSettings));
    this.server = server;
    this.dispatcher = dispatcher;
    this.journal = journal;
    this.sumdb = sumdb;
    this.store = store;
    this.url = url;
  }

  /**
   * Starts configuring a fake proxy.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the proxy URL, the value for {@code GOPROXY}.
   *
   * @return for example {@code http://127.0.0.1:41234}, or {@code https://127.0.0.1:41234}
   *     with {@link Builder#https()} (no trailing slash, never with credentials)
   */
  public URI url() {
    return url;
  }

  /**
   * Returns whether this fake serves https ({@link Builder#https()}).
   *
   * @return true for https
   */
  public boolean isHttps() {
    return certificate != null;
  }

  /**
   * Returns the fake's self-signed certificate, PEM-encoded (no private key): the content of a
   * file for go's {@code SSL_CERT_FILE} (as {@link #environment()} writes one), or for any
   * client's trust store.
   *
   * @return {@code -----BEGIN CERTIFICATE-----\n...-----END CERTIFICATE-----\n}
   * @throws IllegalStateException if the fake serves plain http
   */
  public String certificatePem() {
    return requireHttps().pem();
  }

  /**
   * Returns a client TLS context that trusts this fake's certificate and nothing else, for
   * {@code java.net.http.HttpClient.Builder.sslContext} or goproxy-client's
   * {@code HttpSettings.Builder.sslContext}.
   *
   * @return a new context each call, initialized
   * @throws IllegalStateException if the fake serves plain http
   */
  public SSLContext sslContext() {
    return requireHttps().clientContext();
  }

  /**
   * Returns a trust manager that trusts this fake's certificate and nothing else.
   *
   * @return the trust manager
   * @throws IllegalStateException if the fake serves plain http
   */
  public X509TrustManager trustManager() {
    return requireHttps().trustManager();
  }

  private ServerCertificate requireHttps() {
    if (certificate == null) {
      throw new IllegalStateException("this fake proxy serves plain http: build it with https()");
    }
    return certificate;
  }

  /**
   * Returns the checksum database.
   *
   * @return the fake sumdb
   * @throws IllegalStateException if the fake was built with {@link Builder#noSumdb()}
   */
  public FakeSumdb sumdb() {
    if (sumdb == null) {
      throw new IllegalStateException("this fake proxy was built without a checksum database");
    }
    return sumdb;
  }

  /**
   * Returns the checksum database's verifier key, the value for {@code GOSUMDB}.
   *
   * @return {@code name+hash+key}
   * @throws IllegalStateException if the fake was built with {@link Builder#noSumdb()}
   */
  public String sumdbKey() {
    return sumdb().verifierKey();
  }

  /**
   * Returns the Go settings that use only this fake: {@code GOPROXY} = {@link #url()},
   * {@code GOSUMDB} = {@link #sumdbKey()} (reached through the proxy's
   * {@code /sumdb/<name>/supported}; {@code off} without a sumdb), and {@code GOPRIVATE},
   * {@code GONOPROXY}, {@code GONOSUMDB}, {@code GOINSECURE} empty. With {@link Builder#https()}
   * also {@code SSL_CERT_FILE}, a file holding {@link #certificatePem()} (go then trusts this
   * certificate only); with {@link Builder#basicAuth(String, String)} also {@code NETRC}, a
   * file with the credentials for {@code 127.0.0.1} and for {@code 127.0.0.1:port} (go1.19-go1.23
   * match a netrc machine to the host, go1.24 and later to host and port), left out when they
   * cannot be written in a netrc (a user or password that is empty or holds white space or
   * {@code #}). Both files live until {@link #close()}. A bearer token is never in these
   * settings: give go a {@code GOAUTH} command (go1.24 and later).
   *
   * @return an immutable map
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GOPROXY", url.toString());
    env.put("GOSUMDB", sumdb == null ? "off" : sumdb.verifierKey());
    env.put("GOPRIVATE", "");
    env.put("GONOPROXY", "");
    env.put("GONOSUMDB", "");
    env.put("GOINSECURE", "");
    env.putAll(fileSettings);
    return Collections.unmodifiableMap(env);
  }

  /**
   * Returns a {@link GoEnv} made of {@link #environment()} only: no process environment, no
   * go env file, so a test never depends on the machine's settings. {@code GOPATH} and
   * {@code GOMODCACHE} point into a private temporary directory (created on first call, deleted
   * by {@link #close()}), so a client built from it never reads or writes the machine's module
   * cache or checksum-database state ({@code $GOPATH/pkg/sumdb}).
   *
   * @return the settings
   */
  public GoEnv goEnv() {
    Map<String, String> env = new LinkedHashMap<>(environment());
    Path gopath = privateGoPath();
    env.put("GOPATH", gopath.toString());
    env.put("GOMODCACHE", gopath.resolve("pkg").resolve("mod").toString());
    return GoEnv.of(env);
  }

  private synchronized Path privateGoPath() {
    if (privateGoPath == null) {
      try {
        privateGoPath = Files.createTempDirectory("goproxy-testkit-gopath");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a private GOPATH for goEnv()", e);
      }
    }
    return privateGoPath;
  }

  private static void deleteTree(Path root) {
    try {
      GoOs.removeAll(root);
    } catch (IOException | UncheckedIOException e) {
      // best effort: a temporary directory left behind is harmless
    }
  }


  /**
   * Returns the journal of requests received.
   *
   * @return the journal (live; thread-safe)
   */
  public RequestJournal requests() {
    return journal;
  }

  /**
   * Adds a fault while running; it applies from the next request, after the faults already
   * present.
   *
   * @param fault the fault
   */
  public void addFault(Fault fault) {
    dispatcher.addFault(Objects.requireNonNull(fault, "fault"));
  }

  /** Removes every fault, including those given to the builder. */
  public void clearFaults() {
    dispatcher.clearFaults();
  }

  /**
   * Returns to the state after {@link Builder#start()}: forgets recorded requests, removes
   * faults added with {@link #addFault}, restarts the counts of the builder's faults, and makes
   * the checksum database honest again (then applies the builder's wrong-hash switches).
   */
  public void reset() {
    journal.clear();
    dispatcher.resetFaults();
    if (sumdb != null) {
      sumdb.reset();
    }
  }

  /**
   * Returns the module versions served.
   *
   * @return {@code path@version} strings, by path then version
   */
  public List<String> moduleVersions() {
    List<String> out = new ArrayList<>();
    store.all().forEach(sv -> out.add(sv.key()));
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the txtar files that {@link Builder#txtarDirectory(Path)} skipped because their
   * names do not name a valid module version, each with the reason.
   *
   * @return {@code "<file name>: <reason>"} strings
   */
  public List<String> skippedFiles() {
    return skipped;
  }

  /** Stops the server; in-flight connections are closed. */
  @Override
  public void close() {
    server.close();
    if (filesDir != null) {
      deleteTree(filesDir);
    }
    Path dir;
    synchronized (this) {
      dir = privateGoPath;
      privateGoPath = null;
    }
    if (dir != null) {
      deleteTree(dir);
    }
  }

  @Override
  public String toString() {
    return "FakeGoProxy[" + url + ", " + store.all().size() + " module versions"
        + (credentials == null ? "" : ", " + credentials) + "]";
  }

  /** Configures and starts a {@link FakeGoProxy}. Not thread-safe. */
  public static final class Builder {
    /** What the sources add to while the fake starts. */
    private static final class Loading {
      final List<ServedVersion> versions = new ArrayList<>();
      final Map<String, byte[]> lists = new HashMap<>();
      final List<String> skipped = new ArrayList<>();
      final boolean allowInvalidZips;

      Loading(boolean allowInvalidZips) {
        this.allowInvalidZips = allowInvalidZips;
      }
    }

    private final List<Consumer<Loading>> sources = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<String[]> wrongHashes = new ArrayList<>();
    private String sumdbName = DEFAULT_SUMDB_NAME;
    private SignerKey signerKey;
    private boolean withSumdb = true;
    private boolean allowInvalidZips;
    private int notFoundStatus = 404;
    private int port;
    private boolean https;
    private RequiredCredentials credentials;

    private Builder() {}

    /**
     * Serves a module version defined in code.
     *
     * @param module the module version
     * @return this builder
     */
    public Builder module(FakeModule module) {
      ServedVersion sv = Objects.requireNonNull(module, "module").toServed();
      sources.add(l -> l.versions.add(sv));
      return this;
    }

    /**
     * Serves versions of a module, each with {@link FakeModule#of(String, String)}'s minimal
     * content.
     *
     * @param path the module path
     * @param versions canonical versions
     * @return this builder
     * @throws InvalidFakeModuleException if the path or a version is invalid
     */
    public Builder module(String path, String... versions) {
      Objects.requireNonNull(path, "path");
      for (String v : Objects.requireNonNull(versions, "versions")) {
        module(FakeModule.of(path, v));
      }
      return this;
    }

    /**
     * Serves the module version in a txtar archive file named as in cmd/go's testdata
     * ({@code example.com_m_v1.0.0.txt}); read when the fake starts.
     *
     * @param file the archive
     * @return this builder
     */
    public Builder txtar(Path file) {
      Objects.requireNonNull(file, "file");
      sources.add(l -> l.versions.add(ModuleSources.fromTxtar(file.getFileName().toString(),
          ModuleSources.read(file), l.allowInvalidZips)));
      return this;
    }

    /**
     * Serves the module version in a txtar archive given as text; parsed when the fake starts.
     *
     * @param fileName the archive's name, which names the module version
     *     ({@code example.com_m_v1.0.0.txt})
     * @param content the archive
     * @return this builder
     */
    public Builder txtar(String fileName, String content) {
      Objects.requireNonNull(fileName, "fileName");
      byte[] data = Objects.requireNonNull(content, "content").getBytes(StandardCharsets.UTF_8);
      sources.add(l -> l.versions.add(ModuleSources.fromTxtar(fileName, data,
          l.allowInvalidZips)));
      return this;
    }

    /**
     * Serves every txtar archive ({@code *.txt}) in a directory, such as the go command's own
     * {@code src/cmd/go/testdata/mod}; read when the fake starts. Files whose names do not name
     * a valid module version are skipped, as the go command's test proxy skips them (see
     * {@link FakeGoProxy#skippedFiles()}).
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder txtarDirectory(Path dir) {
      Objects.requireNonNull(dir, "dir");
      sources.add(l -> l.versions.addAll(ModuleSources.fromTxtarDirectory(dir, l.skipped,
          l.allowInvalidZips)));
      return this;
    }

    /**
     * Serves a GOPROXY-layout directory ({@code <escaped path>/@v/list}, {@code .info},
     * {@code .mod}, {@code .zip}), for example a copy of {@code $GOMODCACHE/cache/download};
     * read when the fake starts. List files are served as they are; zips are read from disk on
     * each request.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder directory(Path dir) {
      Objects.requireNonNull(dir, "dir");
      sources.add(l -> {
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException("not a directory: " + dir);
        }
        ModuleSources.Layout layout = ModuleSources.fromLayout(dir);
        l.versions.addAll(layout.versions());
        l.lists.putAll(layout.lists());
      });
      return this;
    }

    /**
     * Zips txtar archives whose files break x/mod's zip rules (invalid names, case-insensitive
     * collisions) exactly as given, as the go command's test proxy does, so that a client's
     * rejection of such zips can be tested. Without it such an archive fails {@link #start()}
     * with the rule it broke. Modules defined in code are always checked.
     *
     * @return this builder
     */
    public Builder allowInvalidZips() {
      this.allowInvalidZips = true;
      return this;
    }

    /**
     * Sets the checksum database name. Default: {@value #DEFAULT_SUMDB_NAME}.
     *
     * @param name a note signer name (no spaces or {@code +})
     * @return this builder
     */
    public Builder sumdbName(String name) {
      this.sumdbName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Signs tree heads with this key (its name becomes the database name). Default: a new key
     * for each fake.
     *
     * @param key the signer key
     * @return this builder
     */
    public Builder sumdbSignerKey(SignerKey key) {
      this.signerKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Serves no checksum database: {@code /sumdb/...} answers 404 and {@link #environment()}
     * has {@code GOSUMDB=off}.
     *
     * @return this builder
     */
    public Builder noSumdb() {
      this.withSumdb = false;
      return this;
    }

    /**
     * Starts with {@link FakeSumdb#serveWrongHash(String, String)} for this module version
     * (and again after {@link FakeGoProxy#reset()}).
     *
     * @param path the module path
     * @param version the version
     * @return this builder
     */
    public Builder sumdbWrongHash(String path, String version) {
      wrongHashes.add(new String[] {Objects.requireNonNull(path, "path"),
          Objects.requireNonNull(version, "version")});
      return this;
    }

    /**
     * Sets the status for unknown modules and versions: 404 (default) or 410, as real proxies
     * answer.
     *
     * @param status 404 or 410
     * @return this builder
     */
    public Builder notFoundStatus(int status) {
      if (status != 404 && status != 410) {
        throw new IllegalArgumentException("not-found status must be 404 or 410: " + status);
      }
      this.notFoundStatus = status;
      return this;
    }

    /**
     * Adds a fault, applied from the first request. Faults are tried in the order added; the
     * first whose aim matches (and whose {@link Fault#times(int) count} is not used up) applies.
     *
     * @param fault the fault
     * @return this builder
     */
    public Builder fault(Fault fault) {
      faults.add(Objects.requireNonNull(fault, "fault"));
      return this;
    }

    /**
     * Serves https with a self-signed certificate made for this fake (for {@code 127.0.0.1},
     * {@code ::1} and {@code localhost}, valid 30 days): {@link FakeGoProxy#url()} is then
     * {@code https://...}, and {@link FakeGoProxy#certificatePem()},
     * {@link FakeGoProxy#sslContext()} and {@link FakeGoProxy#environment()}'s
     * {@code SSL_CERT_FILE} let clients trust it. HTTP/2 and HTTP/1.1 are offered by ALPN.
     *
     * @return this builder
     */
    public Builder https() {
      this.https = true;
      return this;
    }

    /**
     * Requires HTTP Basic credentials on every request: one without exactly
     * {@code Authorization: Basic base64(user:password)} (the user and password as UTF-8) gets
     * {@code 401 Unauthorized} with {@code WWW-Authenticate: Basic realm="goproxy4j-testkit"} and
     * a {@code text/plain} body, recorded in the journal with its status. The journal and every
     * text the fake prints hide the credentials ({@code Authorization: Basic xxxxx}). The go
     * command sends credentials only over https: combine with {@link #https()}. Replaces a
     * {@link #bearerToken(String)}.
     *
     * @param user the user name (no {@code :}, as RFC 7617 requires)
     * @param password the password
     * @return this builder
     * @throws IllegalArgumentException if the user name contains {@code :}
     */
    public Builder basicAuth(String user, String password) {
      this.credentials = RequiredCredentials.basic(user, password);
      return this;
    }

    /**
     * Requires {@code Authorization: Bearer token} on every request, as a private proxy taking
     * tokens does (go1.24 and later send one that a {@code GOAUTH} command prints); otherwise as
     * {@link #basicAuth(String, String)}, with the challenge
     * {@code WWW-Authenticate: Bearer realm="goproxy4j-testkit"}. Replaces a
     * {@link #basicAuth(String, String)}.
     *
     * @param token the token: printable ASCII, no spaces
     * @return this builder
     * @throws IllegalArgumentException if the token is empty or not printable ASCII
     */
    public Builder bearerToken(String token) {
      this.credentials = RequiredCredentials.bearer(token);
      return this;
    }

    /**
     * Listens on this loopback port. Default: 0, any free port.
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Builds the checksum database and starts the server on loopback.
     *
     * @return the running fake
     * @throws InvalidFakeModuleException if a module version is defined twice
     * @throws IOException if the server cannot listen
     */
    public FakeGoProxy start() throws IOException {
      Loading loading = new Loading(allowInvalidZips);
      for (Consumer<Loading> source : sources) {
        source.accept(loading);
      }
      ModuleStore store = new ModuleStore(loading.versions, loading.lists);
      FakeSumdb sumdb = null;
      if (withSumdb) {
        SignerKey key = signerKey != null ? signerKey : SignerKey.generate(sumdbName);
        sumdb = new FakeSumdb(key, store.all(), wrongHashes);
      }
      RequestJournal journal = new RequestJournal();
      ProxyDispatcher dispatcher =
          new ProxyDispatcher(store, sumdb, journal, faults, notFoundStatus, credentials);
      ServerCertificate certificate = https ? ServerCertificate.generate() : null;
      MockWebServer server = new MockWebServer();
      server.setServerSocketFactory(new NoDelayServerSocketFactory());
      if (certificate != null) {
        server.useHttps(certificate.serverSocketFactory());
      }
      server.setDispatcher(dispatcher);
      dispatcher.serving(server);
      InetAddress loopback = InetAddress.getLoopbackAddress();
      String hostAddress = loopback.getHostAddress();
      server.start(loopback, port);
      String host = hostAddress.indexOf(':') >= 0 ? "[" + hostAddress + "]" : hostAddress;
      URI url = URI.create((certificate != null ? "https://" : "http://") + host + ":"
          + server.getPort());
      Map<String, String> fileSettings = new LinkedHashMap<>();
      Path filesDir = null;
      try {
        // go1.19-go1.23 match a netrc machine to the host without its port, go1.24 and later
        // (GOAUTH=netrc) to the URL's host and port: one line for each
        String netrc = credentials == null || credentials.netrcLine(hostAddress) == null ? null
            : credentials.netrcLine(hostAddress) + credentials.netrcLine(url.getAuthority());
        if (certificate != null || netrc != null) {
          filesDir = Files.createTempDirectory("goproxy-testkit-files");
          if (certificate != null) {
            Path pem = filesDir.resolve("cert.pem");
            Files.writeString(pem, certificate.pem(), StandardCharsets.US_ASCII);
            fileSettings.put("SSL_CERT_FILE", pem.toString());
          }
          if (netrc != null) {
            Path file = filesDir.resolve("netrc");
            Files.writeString(file, netrc, StandardCharsets.UTF_8);
            fileSettings.put("NETRC", file.toString());
          }
        }
      } catch (IOException | RuntimeException e) {
        server.close();
        if (filesDir != null) {
          deleteTree(filesDir);
        }
        throw e;
      }
      return new FakeGoProxy(server, dispatcher, journal, sumdb, store, url, loading.skipped,
          certificate, credentials, filesDir, fileSettings);
    }
  }
}
