package io.github.goproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The graph commands' warm-up thread. */
class WarmUpTest {
  @Test
  void lockedFileNamesTheClientsFlockWrapper() throws Exception {
    // named as a string (its package is not exported to the CLI): a rename must not silently
    // turn the warm-up into a ClassNotFoundException it ignores
    Class<?> c = Class.forName(WarmUp.LOCKED_FILE, false, WarmUp.class.getClassLoader());
    Method mechanism = c.getMethod("mechanism");
    assertEquals(String.class, mechanism.getReturnType());
    assertEquals(true, Modifier.isStatic(mechanism.getModifiers()));
  }

  @Test
  void runReturnsNormallyWithoutAnyProxy() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), WarmUp::run);
  }
}
