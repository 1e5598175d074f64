package io.github.goproxy4j.testkit.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class with a {@link io.github.goproxy4j.testkit.FakeGoProxy}, started
 * once for the class and stopped after it; test methods, constructors and lifecycle methods
 * receive it (or its {@code FakeSumdb} or {@code RequestJournal}) as a parameter. Between tests
 * the fake is {@link io.github.goproxy4j.testkit.FakeGoProxy#reset() reset}. For configuration
 * in code, register a {@link GoProxyExtension} with {@code @RegisterExtension} instead.
 *
 * <pre>{@code
 * @WithFakeGoProxy(modules = {"example.com/m@v1.0.0", "example.com/m@v1.1.0"},
 *     txtar = "goproxy/rsc.io_quote_v1.5.2.txt")
 * class ResolveTest {
 *   @Test
 *   void lists(FakeGoProxy proxy) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(GoProxyExtension.class)
public @interface WithFakeGoProxy {

  /**
   * Module versions with minimal content ({@code FakeModule.of}), as {@code path@version}.
   *
   * @return the module versions
   */
  String[] modules() default {};

  /**
   * Txtar archives, or directories of them: class-path resource names first, else file paths.
   *
   * @return the archives
   */
  String[] txtar() default {};

  /**
   * GOPROXY-layout directories: class-path resource names first, else file paths.
   *
   * @return the directories
   */
  String[] directory() default {};

  /**
   * Whether txtar archives whose files break x/mod's zip rules are zipped as given (see
   * {@code FakeGoProxy.Builder#allowInvalidZips()}).
   *
   * @return true to allow them
   */
  boolean allowInvalidZips() default false;

  /**
   * Faults, applied from the first request.
   *
   * @return the faults
   */
  GoProxyFault[] faults() default {};

  /**
   * Whether to serve a checksum database.
   *
   * @return true to serve one
   */
  boolean sumdb() default true;

  /**
   * Module versions ({@code path@version}) whose checksum-database record carries a wrong hash.
   *
   * @return the module versions
   */
  String[] wrongSumdbHash() default {};

  /**
   * The status for unknown modules and versions: 404 or 410.
   *
   * @return the status
   */
  int notFoundStatus() default 404;

  /**
   * Whether to serve https with a self-signed certificate made for the fake (see
   * {@code FakeGoProxy.Builder#https()}; trust it with {@code FakeGoProxy#sslContext()} or the
   * {@code SSL_CERT_FILE} of {@code FakeGoProxy#environment()}).
   *
   * @return true for https
   */
  boolean https() default false;

  /**
   * Basic credentials every request must carry, as {@code user:password} (split at the first
   * {@code :}); empty for none. See {@code FakeGoProxy.Builder#basicAuth(String, String)}.
   *
   * @return the credentials, or empty
   */
  String basicAuth() default "";

  /**
   * A bearer token every request must carry; empty for none. See
   * {@code FakeGoProxy.Builder#bearerToken(String)}.
   *
   * @return the token, or empty
   */
  String bearerToken() default "";
}
