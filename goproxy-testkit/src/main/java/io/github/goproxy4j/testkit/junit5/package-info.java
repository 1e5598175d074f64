/**
 * JUnit 5 integration for the fake Go module proxy (JUnit 5.13 and later, and JUnit 6):
 * {@link io.github.goproxy4j.testkit.junit5.GoProxyExtension} for {@code @RegisterExtension},
 * and {@link io.github.goproxy4j.testkit.junit5.WithFakeGoProxy} to declare modules and faults
 * by annotation. {@code junit-jupiter-api} is an optional dependency of the testkit: add it to
 * your test classpath (any JUnit 5.13+ or 6 test setup has it).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GoProxyExtension GOPROXY = GoProxyExtension.builder()
 *     .module("example.com/m", "v1.0.0", "v1.1.0")
 *     .build();
 *
 * @Test
 * void lists(FakeGoProxy proxy) { ... }
 * }</pre>
 */
package io.github.goproxy4j.testkit.junit5;
