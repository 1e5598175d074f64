package io.github.goproxy4j.testkit;

import io.github.goproxy4j.module.ModulePath;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A failure a {@link FakeGoProxy} injects into its answers: an error status with a text body, a
 * delay, a connection dropped before the response or in the middle of the body, a truncated or
 * corrupted body, or a body that trickles in slowly. A fault applies to every request unless it
 * is aimed with {@link #forPath}, {@link #forModule(String)} / {@link #forModule(String, String)}
 * and {@link #on(Endpoint...)}, and it can be limited to the first {@link #times(int) n} matching
 * requests. Instances are immutable; the aiming methods return new instances.
 *
 * <pre>{@code
 * try (FakeGoProxy proxy = FakeGoProxy.builder()
 *     .module(FakeModule.of("example.com/m", "v1.0.0"))
 *     .fault(Fault.status(503, "try again later").forModule("example.com/m").on(Endpoint.ZIP).times(1))
 *     .start()) {
 *   // the first .zip request fails with 503, the next one succeeds
 * }
 * }</pre>
 *
 * <p>The body faults ({@link #truncateBody}, {@link #corruptBody}, {@link #trickle},
 * {@link #disconnectDuringBody}) change the answer the fake would otherwise give; on a request
 * the fake answers with an error they change that error's body.
 */
public final class Fault {

  /** What the fault does. */
  enum Kind {
    STATUS, DELAY, DISCONNECT_BEFORE_RESPONSE, DISCONNECT_AFTER_HEADERS, DISCONNECT_DURING_BODY,
    TRUNCATE, CORRUPT, TRICKLE
  }

  private final Kind kind;
  private final int status;
  private final String body;
  private final long amount; // bytes kept (TRUNCATE) or bytes per period (TRICKLE)
  private final Duration period; // TRICKLE period
  private final Duration delay;
  private final String path; // exact decoded path, or a prefix ending in '*'
  private final String modulePath;
  private final String version;
  private final Set<Endpoint> endpoints; // empty = all
  private final int times; // 0 = unlimited

  private Fault(Kind kind, int status, String body, long amount, Duration period, Duration delay,
      String path, String modulePath, String version, Set<Endpoint> endpoints, int times) {
    this.kind = kind;
    this.status = status;
    this.body = body;
    this.amount = amount;
    this.period = period;
    this.delay = delay;
    this.path = path;
    this.modulePath = modulePath;
    this.version = version;
    this.endpoints = endpoints;
    this.times = times;
  }

  private static Fault of(Kind kind, int status, String body, long amount, Duration period,
      Duration delay) {
    return new Fault(kind, status, body, amount, period, delay, null, null, null,
        Collections.unmodifiableSet(EnumSet.noneOf(Endpoint.class)), 0);
  }

  private Fault with(String path, String modulePath, String version, Set<Endpoint> endpoints,
      int times, Duration delay) {
    return new Fault(kind, status, body, amount, period, delay, path, modulePath, version,
        endpoints, times);
  }

  /**
   * Answers with this status and a {@code text/plain; charset=utf-8} body, which the go command
   * shows as {@code server response:} lines.
   *
   * @param status an HTTP status code, 100 to 599 (200 answers 200 with this body)
   * @param textBody the body (may be empty)
   * @return the fault
   */
  public static Fault status(int status, String textBody) {
    Objects.requireNonNull(textBody, "textBody");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status " + status + " is not in 100..599");
    }
    return of(Kind.STATUS, status, Objects.requireNonNull(textBody, "textBody"), 0, null,
        Duration.ZERO);
  }

  /**
   * Delays the response headers by this long, then answers normally.
   *
   * @param delay how long to wait (not negative)
   * @return the fault
   */
  public static Fault delay(Duration delay) {
    return of(Kind.DELAY, 0, null, 0, null, checkDuration(delay, "delay"));
  }

  /**
   * Closes the connection after reading the request, before any byte of the response.
   *
   * @return the fault
   */
  public static Fault disconnectBeforeResponse() {
    return of(Kind.DISCONNECT_BEFORE_RESPONSE, 0, null, 0, null, Duration.ZERO);
  }

  /**
   * Sends the status line and headers of the normal response (with its full
   * {@code Content-Length}), then closes the connection before the first body byte.
   *
   * @return the fault
   */
  public static Fault disconnectAfterHeaders() {
    return of(Kind.DISCONNECT_AFTER_HEADERS, 0, null, 0, null, Duration.ZERO);
  }

  /**
   * Sends the headers and the first half of the normal body, then closes the connection.
   *
   * @return the fault
   */
  public static Fault disconnectDuringBody() {
    return of(Kind.DISCONNECT_DURING_BODY, 0, null, 0, null, Duration.ZERO);
  }

  /**
   * Answers normally, but with only the first {@code keepBytes} bytes of the body (and a
   * matching {@code Content-Length}): a well-formed response carrying a truncated file.
   *
   * @param keepBytes how many bytes to keep (not negative)
   * @return the fault
   */
  public static Fault truncateBody(long keepBytes) {
    if (keepBytes < 0) {
      throw new IllegalArgumentException("keepBytes must not be negative: " + keepBytes);
    }
    return of(Kind.TRUNCATE, 0, null, keepBytes, null, Duration.ZERO);
  }

  /**
   * Answers normally, but with the byte in the middle of the body inverted (same length). On a
   * {@code .zip} this is a corrupted zip; on a {@code .mod} a go.mod whose hash does not match.
   *
   * @return the fault
   */
  public static Fault corruptBody() {
    return of(Kind.CORRUPT, 0, null, 0, null, Duration.ZERO);
  }

  /**
   * Answers normally, but sends the body {@code bytesPerPeriod} bytes at a time with a pause of
   * {@code period} after each chunk.
   *
   * @param bytesPerPeriod bytes per chunk (at least 1)
   * @param period pause between chunks (positive)
   * @return the fault
   */
  public static Fault trickle(long bytesPerPeriod, Duration period) {
    Objects.requireNonNull(period, "period");
    if (bytesPerPeriod < 1) {
      throw new IllegalArgumentException("bytesPerPeriod must be at least 1: " + bytesPerPeriod);
    }
    Duration p = checkDuration(period, "period");
    if (p.isZero()) {
      throw new IllegalArgumentException("period must be positive");
    }
    return of(Kind.TRICKLE, 0, null, bytesPerPeriod, p, Duration.ZERO);
  }

  /**
   * Returns this fault, applied only to requests whose decoded path (as in
   * {@link ProxyRequest#path()}, for example {@code /example.com/!foo/@v/list}) equals
   * {@code path}, or starts with it when it ends in {@code *}.
   *
   * @param path the path or path prefix
   * @return a new fault
   */
  public Fault forPath(String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("fault path must start with '/': " + path);
    }
    return with(path, modulePath, version, endpoints, times, delay);
  }

  /**
   * Returns this fault, applied only to requests about this module (any version), including
   * checksum-database lookups of it.
   *
   * @param modulePath the module path, unescaped ({@code github.com/Foo/bar})
   * @return a new fault
   * @throws IllegalArgumentException if {@code modulePath} is not a valid module path
   */
  public Fault forModule(String modulePath) {
    return with(path, checkModulePath(modulePath), null, endpoints, times, delay);
  }

  /**
   * Returns this fault, applied only to requests about this module version ({@code .info},
   * {@code .mod}, {@code .zip} and checksum-database lookups).
   *
   * @param modulePath the module path, unescaped
   * @param version the version, unescaped
   * @return a new fault
   * @throws IllegalArgumentException if {@code modulePath} is not a valid module path
   */
  public Fault forModule(String modulePath, String version) {
    return with(path, checkModulePath(modulePath),
        Objects.requireNonNull(version, "version"), endpoints, times, delay);
  }

  /** A malformed path would never match a request: the fault would silently never fire. */
  private static String checkModulePath(String modulePath) {
    Objects.requireNonNull(modulePath, "modulePath");
    try {
      ModulePath.parse(modulePath);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Fault.forModule: " + e.getMessage(), e);
    }
    return modulePath;
  }

  /**
   * Returns this fault, applied only to these kinds of request.
   *
   * @param kinds the endpoints (at least one)
   * @return a new fault
   */
  public Fault on(Endpoint... kinds) {
    Objects.requireNonNull(kinds, "kinds");
    if (kinds.length == 0) {
      throw new IllegalArgumentException("on() needs at least one endpoint");
    }
    EnumSet<Endpoint> set = EnumSet.noneOf(Endpoint.class);
    for (Endpoint e : kinds) {
      set.add(Objects.requireNonNull(e, "endpoint"));
    }
    return with(path, modulePath, version, Collections.unmodifiableSet(set), times, delay);
  }

  /**
   * Returns this fault, applied only to the first {@code n} matching requests; later ones are
   * answered normally.
   *
   * @param n how many times (at least 1)
   * @return a new fault
   */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + n);
    }
    return with(path, modulePath, version, endpoints, n, delay);
  }

  /**
   * Returns this fault with the response headers also delayed by {@code delay}.
   *
   * @param delay how long to wait (not negative)
   * @return a new fault
   */
  public Fault delayed(Duration delay) {
    return with(path, modulePath, version, endpoints, times, checkDuration(delay, "delay"));
  }

  Kind kind() {
    return kind;
  }

  int status() {
    return status;
  }

  String body() {
    return body;
  }

  long amount() {
    return amount;
  }

  Duration period() {
    return period;
  }

  Duration delay() {
    return delay;
  }

  int limit() {
    return times;
  }

  /** Returns true if this fault's aim covers the request. */
  boolean matches(ProxyRequest r) {
    if (!endpoints.isEmpty() && !endpoints.contains(r.endpoint())) {
      return false;
    }
    if (path != null) {
      boolean ok = path.endsWith("*")
          ? r.path().startsWith(path.substring(0, path.length() - 1))
          : r.path().equals(path);
      if (!ok) {
        return false;
      }
    }
    if (modulePath != null && !r.modulePath().map(modulePath::equals).orElse(false)) {
      return false;
    }
    return version == null || r.version().map(version::equals).orElse(false);
  }

  private static Duration checkDuration(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative: " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Fault[").append(kind.name().toLowerCase(java.util.Locale.ROOT));
    if (kind == Kind.STATUS) {
      sb.append(' ').append(status);
    } else if (kind == Kind.TRUNCATE) {
      sb.append(" to ").append(amount).append(" bytes");
    } else if (kind == Kind.TRICKLE) {
      sb.append(' ').append(amount).append(" bytes per ").append(period);
    }
    if (!delay.isZero()) {
      sb.append(" after ").append(delay);
    }
    if (path != null) {
      sb.append(" path=").append(path);
    }
    if (modulePath != null) {
      sb.append(" module=").append(modulePath);
      if (version != null) {
        sb.append('@').append(version);
      }
    }
    if (!endpoints.isEmpty()) {
      sb.append(" on=").append(endpoints);
    }
    if (times > 0) {
      sb.append(" times=").append(times);
    }
    return sb.append(']').toString();
  }
}
