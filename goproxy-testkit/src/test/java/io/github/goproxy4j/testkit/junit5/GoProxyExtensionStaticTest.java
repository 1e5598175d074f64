package io.github.goproxy4j.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.goproxy4j.testkit.Endpoint;
import io.github.goproxy4j.testkit.FakeGoProxy;
import io.github.goproxy4j.testkit.FakeModule;
import io.github.goproxy4j.testkit.FakeSumdb;
import io.github.goproxy4j.testkit.Fault;
import io.github.goproxy4j.testkit.RequestJournal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fake registered on a static field: one per class, reset between tests, stopped after. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoProxyExtensionStaticTest {
  @RegisterExtension
  static final GoProxyExtension GOPROXY = GoProxyExtension.builder()
      .module(FakeModule.builder("example.com/m", "v1.0.0").file("m.go", "package m\n").build())
      .module("example.com/other", "v0.1.0")
      .fault(Fault.status(503, "once").forModule("example.com/other").times(1))
      .build();

  private static FakeGoProxy seenInBeforeAll;
  private static URI url;

  static int get(URI uri) throws IOException, InterruptedException {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @BeforeAll
  static void beforeAll(FakeGoProxy proxy) {
    seenInBeforeAll = proxy;
    url = proxy.url();
  }

  @AfterAll
  static void stoppedAfterTheClass() {
    // afterAll of the extension runs after this method: still running here
    assertSame(seenInBeforeAll, GOPROXY.proxy());
  }

  @Test
  @Order(1)
  void injectsTheSameRunningFake(FakeGoProxy proxy, FakeSumdb sumdb, RequestJournal journal)
      throws Exception {
    assertSame(seenInBeforeAll, proxy);
    assertSame(proxy, GOPROXY.proxy());
    assertSame(proxy.sumdb(), sumdb);
    assertSame(proxy.requests(), journal);
    assertEquals(200, get(URI.create(proxy.url() + "/example.com/m/@v/list")));
    assertEquals(503, get(URI.create(proxy.url() + "/example.com/other/@v/list")));
    assertEquals(200, get(URI.create(proxy.url() + "/example.com/other/@v/list")));
    proxy.addFault(Fault.status(500, "runtime").on(Endpoint.LIST));
    proxy.sumdb().serveFork();
  }

  @Test
  @Order(2)
  void isResetBeforeEachTest(FakeGoProxy proxy) throws Exception {
    assertEquals(0, proxy.requests().size());
    assertEquals(2 + 1, proxy.sumdb().treeSize() + 1); // honest again (2 records, not a fork)
    assertEquals(200, get(URI.create(proxy.url() + "/example.com/m/@v/list")));
    // the builder's fault counts from zero again
    assertEquals(503, get(URI.create(proxy.url() + "/example.com/other/@v/list")));
  }

  @Nested
  class Inner {
    @Test
    void nestedClassesShareTheOuterFake(FakeGoProxy proxy) {
      assertSame(seenInBeforeAll, proxy);
    }
  }
}
