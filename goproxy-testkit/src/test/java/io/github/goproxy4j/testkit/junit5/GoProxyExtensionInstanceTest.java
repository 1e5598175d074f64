package io.github.goproxy4j.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.goproxy4j.testkit.FakeGoProxy;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fake registered on an instance field: a fresh one per test, stopped after each. */
class GoProxyExtensionInstanceTest {
  private static final List<URI> URLS = new ArrayList<>();

  @RegisterExtension
  final GoProxyExtension goproxy = GoProxyExtension.builder()
      .configure(b -> b.module("example.com/m", "v1.0.0").notFoundStatus(410))
      .build();

  @RepeatedTest(2)
  void freshFakePerTest(FakeGoProxy proxy) throws Exception {
    assertEquals(0, proxy.requests().size());
    assertEquals(410, GoProxyExtensionStaticTest.get(URI.create(proxy.url() + "/x.example/@v/list")));
    for (URI previous : URLS) {
      assertNotEquals(previous, proxy.url());
      assertThrows(ConnectException.class,
          () -> new Socket(previous.getHost(), previous.getPort()).close());
    }
    URLS.add(proxy.url());
  }

  @AfterAll
  static void allStopped() {
    assertEquals(2, URLS.size());
    for (URI u : URLS) {
      assertThrows(ConnectException.class, () -> new Socket(u.getHost(), u.getPort()).close());
    }
  }
}
