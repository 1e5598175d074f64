package io.github.goproxy4j.testkit.junit5;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.testkit.Fault;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.testkit.FakeSumdb;
import io.github.goproxy4j.testkit.RequestJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension (JUnit 5.13 and later, and JUnit 6) that runs a
 * {@link FakeGoProxy} for tests and injects it, its {@link FakeSumdb} or its
 * {@link RequestJournal} into test and lifecycle method parameters.
 *
 * <p>Registered on a {@code static} field, the fake starts before all tests of the class and
 * stops after them, and is {@link FakeGoProxy#reset() reset} before each test (unless
 * {@link Builder#resetBetweenTests(boolean) turned off}); registered on an instance field, a
 * fresh fake runs for each test. The extension stops the fake itself in {@code afterAll} /
 * {@code afterEach}; it does not rely on the {@code ExtensionContext.Store} closing resources.
 * Used through {@link WithFakeGoProxy}, it takes its configuration from that annotation.
 *
 * <pre>{@code
 * class ClientTest {
 *   @RegisterExtension
 *   static final GoProxyExtension GOPROXY = GoProxyExtension.builder()
 *       .module(FakeModule.builder("example.com/m", "v1.0.0").file("m.go", "package m\n").build())
 *       .module("example.com/other", "v0.1.0")
 *       .build();
 *
 *   @Test
 *   void downloads(FakeGoProxy proxy) {
 *     // ... use proxy.goEnv() ...
 *     proxy.requests().assertRequested("/example.com/m/@v/v1.0.0.zip");
 *   }
 * }
 * }</pre>
 *
 * <p>Tests of one class that run concurrently share the class's fake; turn off
 * {@link Builder#resetBetweenTests(boolean)} for them.
 */
public final class GoProxyExtension implements BeforeAllCallback, AfterAllCallback,
    BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /** What the store holds: the fake and the context that owns it (not AutoCloseable). */
  private static final class Running {
    final FakeGoProxy proxy;
    final String owner;

    Running(FakeGoProxy proxy, String owner) {
      this.proxy = proxy;
      this.owner = owner;
    }
  }

  private static final String KEY = "fake-go-proxy";

  private final List<Consumer<FakeGoProxy.Builder>> configuration;
  private final boolean resetBetweenTests;
  private final boolean fromAnnotation;
  private volatile FakeGoProxy current;

  /**
   * Creates the extension for {@code @ExtendWith} / {@link WithFakeGoProxy}: it reads its
   * configuration from the test class's {@link WithFakeGoProxy} annotation, if any.
   */
  public GoProxyExtension() {
    this.configuration = List.of();
    this.resetBetweenTests = true;
    this.fromAnnotation = true;
  }

  private GoProxyExtension(Builder b) {
    this.configuration = List.copyOf(b.configuration);
    this.resetBetweenTests = b.resetBetweenTests;
    this.fromAnnotation = false;
  }

  /**
   * Starts configuring an extension for {@code @RegisterExtension}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the running fake.
   *
   * @return the fake
   * @throws IllegalStateException outside the tests of the class that registered the extension
   */
  public FakeGoProxy proxy() {
    FakeGoProxy p = current;
    if (p == null) {
      throw new IllegalStateException("the fake Go proxy is not running (outside a test?)");
    }
    return p;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (find(context) == null) {
      start(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Running r = find(context);
    if (r == null) {
      start(context);
    } else if (resetBetweenTests) {
      r.proxy.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopIfOwner(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopIfOwner(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext,
      ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == FakeGoProxy.class || type == FakeSumdb.class || type == RequestJournal.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext,
      ExtensionContext extensionContext) {
    Running r = find(extensionContext);
    if (r == null) {
      throw new ParameterResolutionException("the fake Go proxy is not running for "
          + extensionContext.getDisplayName());
    }
    Class<?> type = parameterContext.getParameter().getType();
    if (type == FakeSumdb.class) {
      try {
        return r.proxy.sumdb();
      } catch (IllegalStateException e) {
        throw new ParameterResolutionException(e.getMessage(), e);
      }
    }
    return type == RequestJournal.class ? r.proxy.requests() : r.proxy;
  }

  private ExtensionContext.Namespace namespace() {
    return ExtensionContext.Namespace.create(GoProxyExtension.class, this);
  }

  private Running find(ExtensionContext context) {
    return context.getStore(namespace()).get(KEY, Running.class);
  }

  private void start(ExtensionContext context) {
    FakeGoProxy.Builder b = FakeGoProxy.builder();
    if (fromAnnotation) {
      Class<?> testClass = context.getTestClass().orElse(null);
      WithFakeGoProxy a = testClass == null ? null
          : testClass.getAnnotation(WithFakeGoProxy.class);
      if (a != null) {
        configure(b, a, testClass);
      }
    } else {
      configuration.forEach(c -> c.accept(b));
    }
    FakeGoProxy proxy;
    try {
      proxy = b.start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting the fake Go proxy: " + e.getMessage(), e);
    }
    context.getStore(namespace()).put(KEY, new Running(proxy, context.getUniqueId()));
    current = proxy;
  }

  private void stopIfOwner(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(namespace());
    Running r = store.get(KEY, Running.class);
    if (r != null && r.owner.equals(context.getUniqueId())) {
      store.remove(KEY);
      if (current == r.proxy) {
        current = null;
      }
      r.proxy.close();
    }
  }

  /** Applies the annotation's configuration to a fake's builder. */
  static void configure(FakeGoProxy.Builder b, WithFakeGoProxy a, Class<?> testClass) {
    for (String mv : a.modules()) {
      ModuleVersion m;
      try {
        m = ModuleVersion.parse(mv);
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException("@WithFakeGoProxy modules: " + e.getMessage(),
            e);
      }
      b.module(FakeModule.of(m.path().toString(), m.version().toString()));
    }
    for (String t : a.txtar()) {
      Path p = locate(t, testClass);
      if (Files.isDirectory(p)) {
        b.txtarDirectory(p);
      } else {
        b.txtar(p);
      }
    }
    for (String d : a.directory()) {
      b.directory(locate(d, testClass));
    }
    for (GoProxyFault f : a.faults()) {
      b.fault(fault(f));
    }
    if (!a.sumdb()) {
      b.noSumdb();
    }
    if (a.allowInvalidZips()) {
      b.allowInvalidZips();
    }
    for (String w : a.wrongSumdbHash()) {
      int at = w.lastIndexOf('@');
      if (at <= 0) {
        throw new ExtensionConfigurationException(
            "@WithFakeGoProxy wrongSumdbHash: expected path@version, got " + w);
      }
      b.sumdbWrongHash(w.substring(0, at), w.substring(at + 1));
    }
    b.notFoundStatus(a.notFoundStatus());
    if (a.https()) {
      b.https();
    }
    if (!a.basicAuth().isEmpty() && !a.bearerToken().isEmpty()) {
      throw new ExtensionConfigurationException(
          "@WithFakeGoProxy: give basicAuth or bearerToken, not both");
    }
    try {
      if (!a.basicAuth().isEmpty()) {
        int colon = a.basicAuth().indexOf(':');
        if (colon < 0) {
          throw new ExtensionConfigurationException(
              "@WithFakeGoProxy basicAuth: expected user:password (no ':' given)");
        }
        b.basicAuth(a.basicAuth().substring(0, colon), a.basicAuth().substring(colon + 1));
      }
      if (!a.bearerToken().isEmpty()) {
        b.bearerToken(a.bearerToken());
      }
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException("@WithFakeGoProxy: " + e.getMessage(), e);
    }
  }

  /** Converts the annotation form of a fault. */
  static Fault fault(GoProxyFault f) {
    Fault fault;
    if (f.status() != 0 && f.disconnect() != GoProxyFault.Disconnect.NONE) {
      throw new ExtensionConfigurationException(
          "@GoProxyFault: give a status or a disconnect, not both");
    }
    if (f.status() != 0) {
      fault = Fault.status(f.status(), f.body());
    } else {
      switch (f.disconnect()) {
        case BEFORE_RESPONSE:
          fault = Fault.disconnectBeforeResponse();
          break;
        case AFTER_HEADERS:
          fault = Fault.disconnectAfterHeaders();
          break;
        case DURING_BODY:
          fault = Fault.disconnectDuringBody();
          break;
        default:
          fault = Fault.delay(Duration.ZERO);
          break;
      }
    }
    if (f.delayMillis() > 0) {
      fault = fault.delayed(Duration.ofMillis(f.delayMillis()));
    }
    if (!f.path().isEmpty()) {
      fault = fault.forPath(f.path());
    }
    if (!f.module().isEmpty()) {
      fault = f.version().isEmpty() ? fault.forModule(f.module())
          : fault.forModule(f.module(), f.version());
    } else if (!f.version().isEmpty()) {
      throw new ExtensionConfigurationException("@GoProxyFault: version needs a module");
    }
    if (f.endpoints().length > 0) {
      fault = fault.on(f.endpoints());
    }
    if (f.times() > 0) {
      fault = fault.times(f.times());
    }
    return fault;
  }

  private static Path locate(String name, Class<?> testClass) {
    URL url = testClass.getClassLoader().getResource(name.startsWith("/") ? name.substring(1)
        : name);
    if (url != null && "file".equals(url.getProtocol())) {
      try {
        return Paths.get(url.toURI());
      } catch (URISyntaxException e) {
        throw new ExtensionConfigurationException("cannot use resource " + url, e);
      }
    }
    Path p = Paths.get(name);
    if (!Files.exists(p)) {
      throw new ExtensionConfigurationException("@WithFakeGoProxy: no class-path resource or file "
          + name);
    }
    return p;
  }

  /** Configures a {@link GoProxyExtension}. Not thread-safe. */
  public static final class Builder {
    private final List<Consumer<FakeGoProxy.Builder>> configuration = new ArrayList<>();
    private boolean resetBetweenTests = true;

    private Builder() {}

    /**
     * Serves a module version defined in code.
     *
     * @param module the module version
     * @return this builder
     */
    public Builder module(FakeModule module) {
      Objects.requireNonNull(module, "module");
      configuration.add(b -> b.module(module));
      return this;
    }

    /**
     * Serves versions of a module with minimal content.
     *
     * @param path the module path
     * @param versions canonical versions
     * @return this builder
     * @throws IllegalArgumentException if the path or a version is invalid (here, not when the fake
     *     starts)
     */
    public Builder module(String path, String... versions) {
      Objects.requireNonNull(path, "path");
      List<FakeModule> modules = new ArrayList<>();
      for (String v : Objects.requireNonNull(versions, "versions")) {
        modules.add(FakeModule.of(path, Objects.requireNonNull(v, "a null in versions")));
      }
      configuration.add(b -> modules.forEach(b::module));
      return this;
    }

    /**
     * Serves a txtar archive, or every archive in a directory.
     *
     * @param fileOrDirectory the archive or directory
     * @return this builder
     */
    public Builder txtar(Path fileOrDirectory) {
      Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
      configuration.add(b -> {
        if (Files.isDirectory(fileOrDirectory)) {
          b.txtarDirectory(fileOrDirectory);
        } else {
          b.txtar(fileOrDirectory);
        }
      });
      return this;
    }

    /**
     * Serves a GOPROXY-layout directory.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder directory(Path dir) {
      Objects.requireNonNull(dir, "dir");
      configuration.add(b -> b.directory(dir));
      return this;
    }

    /**
     * Adds a fault.
     *
     * @param fault the fault
     * @return this builder
     */
    public Builder fault(Fault fault) {
      Objects.requireNonNull(fault, "fault");
      configuration.add(b -> b.fault(fault));
      return this;
    }

    /**
     * Serves https with a self-signed certificate made for the fake
     * ({@link FakeGoProxy.Builder#https()}).
     *
     * <pre>{@code
     * @RegisterExtension
     * static final GoProxyExtension PRIVATE = GoProxyExtension.builder()
     *     .https().basicAuth("ci", "s3cret").module("corp.example/lib", "v1.0.0").build();
     * // a test's FakeGoProxy: environment() has SSL_CERT_FILE and NETRC for the go command,
     * // sslContext() trusts it from java.net.http or goproxy-client's HttpSettings
     * }</pre>
     *
     * @return this builder
     */
    public Builder https() {
      configuration.add(FakeGoProxy.Builder::https);
      return this;
    }

    /**
     * Requires Basic credentials on every request
     * ({@link FakeGoProxy.Builder#basicAuth(String, String)}).
     *
     * @param user the user name (no {@code :})
     * @param password the password
     * @return this builder
     * @throws IllegalArgumentException if the user name contains {@code :} (here, not when the
     *     fake starts)
     */
    public Builder basicAuth(String user, String password) {
      FakeGoProxy.builder().basicAuth(user, password); // checks them now
      configuration.add(b -> b.basicAuth(user, password));
      return this;
    }

    /**
     * Requires a bearer token on every request ({@link FakeGoProxy.Builder#bearerToken(String)}).
     *
     * @param token the token: printable ASCII, no spaces
     * @return this builder
     * @throws IllegalArgumentException if the token is not (here, not when the fake starts)
     */
    public Builder bearerToken(String token) {
      FakeGoProxy.builder().bearerToken(token); // checks it now
      configuration.add(b -> b.bearerToken(token));
      return this;
    }

    /**
     * Applies any other {@link FakeGoProxy.Builder} setting, in order with the others.
     *
     * @param configurer receives the fake's builder
     * @return this builder
     */
    public Builder configure(Consumer<FakeGoProxy.Builder> configurer) {
      configuration.add(Objects.requireNonNull(configurer, "configurer"));
      return this;
    }

    /**
     * Chooses whether a fake shared by a class is reset before each test. Default: true.
     *
     * @param reset whether to reset
     * @return this builder
     */
    public Builder resetBetweenTests(boolean reset) {
      this.resetBetweenTests = reset;
      return this;
    }

    /**
     * Builds the extension.
     *
     * @return the extension
     */
    public GoProxyExtension build() {
      return new GoProxyExtension(this);
    }
  }
}
