package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client's warm-up. */
class ColdStartTest {
  @Test
  void runReturnsNormallyWithNothingListening() {
    // port 9 (discard) on loopback: nothing is connected, nothing may be sent or thrown
    assertTimeoutPreemptively(Duration.ofSeconds(30), ColdStart::run);
  }

  @Test
  void beginReturnsAtOnceHoweverOftenCalled() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      for (int i = 0; i < 1000; i++) {
        ColdStart.begin();
      }
      done.countDown();
    });
    caller.start();
    // a thousand calls start one thread at most: far under the warm-up's own time each
    assertEquals(true, done.await(10, TimeUnit.SECONDS));
    long warmUps = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("goproxy4j-warm-up")).count();
    assertEquals(true, warmUps <= 1, "warm-up threads alive: " + warmUps);
  }
}
