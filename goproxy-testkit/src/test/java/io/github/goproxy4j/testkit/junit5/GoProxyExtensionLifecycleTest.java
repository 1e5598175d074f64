package io.github.goproxy4j.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.goproxy4j.testkit.FakeGoProxy;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs fixture classes with the JUnit launcher and checks afterwards that the extension stopped
 * every fake it started (it does not leave that to the ExtensionContext.Store).
 */
class GoProxyExtensionLifecycleTest {
  static final List<URI> SEEN = new ArrayList<>();

  /** Not run by surefire (nested, no @Nested): run below through the launcher. */
  static class StaticFixture {
    @RegisterExtension
    static final GoProxyExtension GOPROXY = GoProxyExtension.builder()
        .module("example.com/m", "v1.0.0").build();

    @Test
    void a(FakeGoProxy proxy) {
      SEEN.add(proxy.url());
    }

    @Test
    void b(FakeGoProxy proxy) {
      SEEN.add(proxy.url());
    }
  }

  /** Not run by surefire: the annotation form. */
  @WithFakeGoProxy(modules = "example.com/m@v1.0.0")
  static class AnnotatedFixture {
    @Test
    void a(FakeGoProxy proxy) {
      SEEN.add(proxy.url());
    }
  }

  private static TestExecutionSummary run(Class<?> c) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(c)).build(),
        listener);
    return listener.getSummary();
  }

  @Test
  void aStaticFakeServesAllTestsOfTheClassAndIsStoppedAfterIt() {
    SEEN.clear();
    TestExecutionSummary s = run(StaticFixture.class);
    assertEquals(2, s.getTestsSucceededCount(), () -> s.getFailures().toString());
    assertEquals(2, SEEN.size());
    assertEquals(SEEN.get(0), SEEN.get(1));
    assertThrows(ConnectException.class,
        () -> new Socket(SEEN.get(0).getHost(), SEEN.get(0).getPort()).close());
    assertThrows(IllegalStateException.class, StaticFixture.GOPROXY::proxy);
  }

  @Test
  void anAnnotatedClassGetsAFakeThatIsStoppedAfterIt() {
    SEEN.clear();
    TestExecutionSummary s = run(AnnotatedFixture.class);
    assertEquals(1, s.getTestsSucceededCount(), () -> s.getFailures().toString());
    assertNotNull(SEEN.get(0));
    assertThrows(ConnectException.class,
        () -> new Socket(SEEN.get(0).getHost(), SEEN.get(0).getPort()).close());
  }
}
