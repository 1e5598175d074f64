package io.github.goproxy4j.testkit.junit5;

import io.github.goproxy4j.testkit.Endpoint;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fault declared in {@link WithFakeGoProxy#faults()}; the annotation form of
 * {@link io.github.goproxy4j.testkit.Fault}. Give either a {@link #status()} or a
 * {@link #disconnect()} (or only a {@link #delayMillis()}), and aim it with the other members.
 *
 * <pre>{@code
 * @WithFakeGoProxy(
 *     modules = "example.com/m@v1.0.0",
 *     faults = @GoProxyFault(status = 503, body = "down", module = "example.com/m",
 *         endpoints = Endpoint.ZIP, times = 1))
 * class RetryTest { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface GoProxyFault {

  /** How a connection is dropped. */
  enum Disconnect {
    /** The connection is not dropped. */
    NONE,
    /** Dropped before any byte of the response. */
    BEFORE_RESPONSE,
    /** Dropped after the headers, before the body. */
    AFTER_HEADERS,
    /** Dropped in the middle of the body. */
    DURING_BODY
  }

  /**
   * The status to answer with, or 0 for none.
   *
   * @return the status
   */
  int status() default 0;

  /**
   * The text body sent with {@link #status()}.
   *
   * @return the body
   */
  String body() default "";

  /**
   * How the connection is dropped instead of answering.
   *
   * @return the disconnect kind
   */
  Disconnect disconnect() default Disconnect.NONE;

  /**
   * A delay before the response headers, in milliseconds.
   *
   * @return the delay
   */
  long delayMillis() default 0;

  /**
   * The decoded request path it applies to (a trailing {@code *} matches a prefix), or empty
   * for any.
   *
   * @return the path
   */
  String path() default "";

  /**
   * The module path it applies to, or empty for any.
   *
   * @return the module path
   */
  String module() default "";

  /**
   * The version it applies to (needs {@link #module()}), or empty for any.
   *
   * @return the version
   */
  String version() default "";

  /**
   * The kinds of request it applies to, or empty for all.
   *
   * @return the endpoints
   */
  Endpoint[] endpoints() default {};

  /**
   * How many matching requests it applies to, or 0 for all.
   *
   * @return the count
   */
  int times() default 0;
}
