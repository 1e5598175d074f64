package io.github.goproxy4j.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The extension's builder: bad input is reported at the call, not when the fake starts. */
class GoProxyExtensionTest {
  @Test
  void moduleRejectsABadPathOrVersionAtTheCall() {
    GoProxyExtension.Builder b = GoProxyExtension.builder();
    IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
        () -> b.module("no-dot/m", "v1.0.0"));
    assertTrue(path.getMessage().contains("no-dot/m"), path.getMessage());
    IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
        () -> b.module("example.com/m", "v1.0.0", "1.0"));
    assertTrue(version.getMessage().contains("1.0"), version.getMessage());
    b.module("example.com/m", "v1.0.0").build();
  }
}
