package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PkgPattern#matcher}: go's MatchPattern rules for {@code ...}, a trailing {@code /...} and vendor
 * elements (a leading {@code vendor/...} matches only {@code /vendor} in go's translation).
 */
class PkgPatternTest {
  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
      "..., example.com/a, true",
      "..., '', true",
      "example.com/..., example.com/a, true",
      "example.com/..., example.com, true",
      "example.com/..., example.community/a, false",
      "example.com..., example.community/a, true",
      "example.com/.../b, example.com/a/x/b, true",
      "example.com/.../b, example.com/a/x/c, false",
      "net/..., net, true",
      "net/..., netchan, false",
      "a.b/c, a.b/c, true",
      "a.b/c, axb/c, false",
      "a+b/..., a+b/c, true",
      "a+b/..., aab/c, false",
      "x/..., x/vendor/y, false",
      "x/vendor/..., x/vendor/y, true",
      "x/vendor/..., x/vendor, true",
      "x/..., x/vendor, true",
      "vendor/..., vendor/y, false",
      "vendor/..., vendor, false",
  })
  void matchesAsGo(String pattern, String name, boolean want) {
    assertEquals(want, PkgPattern.matcher(pattern).test(name));
  }
}
