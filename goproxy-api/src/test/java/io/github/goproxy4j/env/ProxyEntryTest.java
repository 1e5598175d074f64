package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProxyEntryTest {
  /** direct and off are values: every instance equals every other of its kind, and only those. */
  @Test
  void directAndOffAreEqualByKind() {
    assertEquals(new ProxyEntry.Direct(), new ProxyEntry.Direct());
    assertEquals(new ProxyEntry.Off(), new ProxyEntry.Off());
    assertEquals(new ProxyEntry.Direct().hashCode(), new ProxyEntry.Direct().hashCode());
    assertNotEquals(new ProxyEntry.Direct(), new ProxyEntry.Off());
    assertNotEquals(new ProxyEntry.Off(), new ProxyEntry.Direct());
    assertNotEquals(new ProxyEntry.Direct(), "direct");
    Set<ProxyEntry> set = new HashSet<>(List.of(new ProxyEntry.Direct(), new ProxyEntry.Off(),
        new ProxyEntry.Direct(), new ProxyEntry.Off()));
    assertEquals(2, set.size());
  }
}
