package io.github.goproxy4j.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request a {@link FakeGoProxy} received, as recorded in its {@link RequestJournal}: the
 * method, the percent-decoded path, the headers, what the fake understood the request to be,
 * and the status it answered with.
 *
 * <pre>{@code
 * for (ProxyRequest r : proxy.requests().all()) {
 *   System.out.println(r.method() + " " + r.path() + " -> " + r.status());
 * }
 * }</pre>
 */
public final class ProxyRequest {
  private final Instant time;
  private final String method;
  private final String target;
  private final String path;
  private final Map<String, List<String>> headers;
  private final Endpoint endpoint;
  private final String modulePath;
  private final String version;
  private final int status;
  private final String fault;

  ProxyRequest(Instant time, String method, String target, String path,
      Map<String, List<String>> headers, Endpoint endpoint, String modulePath, String version,
      int status, String fault) {
    this.time = Objects.requireNonNull(time);
    this.method = Objects.requireNonNull(method);
    this.target = Objects.requireNonNull(target);
    this.path = Objects.requireNonNull(path);
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(h);
    this.endpoint = Objects.requireNonNull(endpoint);
    this.modulePath = modulePath;
    this.version = version;
    this.status = status;
    this.fault = fault;
  }

  /** Returns a copy with the answer filled in. */
  ProxyRequest answered(int newStatus, String newFault) {
    return new ProxyRequest(time, method, target, path, headers, endpoint, modulePath, version,
        newStatus, newFault);
  }

  /** Returns a copy that names the module and version it was about. */
  ProxyRequest about(Endpoint newEndpoint, String newModulePath, String newVersion) {
    return new ProxyRequest(time, method, target, path, headers, newEndpoint, newModulePath,
        newVersion, status, fault);
  }

  /**
   * Returns when the request arrived.
   *
   * @return the arrival time
   */
  public Instant time() {
    return time;
  }

  /**
   * Returns the HTTP method.
   *
   * @return for example {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the request target exactly as sent (still percent-encoded, with any query).
   *
   * @return for example {@code /example.com/%21foo/@v/list}
   */
  public String target() {
    return target;
  }

  /**
   * Returns the path with percent-encoding decoded and no query; module paths in it are still
   * case-encoded, as on the wire.
   *
   * @return for example {@code /example.com/!foo/@v/list}
   */
  public String path() {
    return path;
  }

  /**
   * Returns the request headers; names are matched case-insensitively.
   *
   * @return an immutable map from header name to its values
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, any case
   * @return the value, or empty
   */
  public Optional<String> header(String name) {
    Objects.requireNonNull(name, "name");
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * Returns what the fake understood the request to be.
   *
   * @return the endpoint ({@link Endpoint#OTHER} when it matched none)
   */
  public Endpoint endpoint() {
    return endpoint;
  }

  /**
   * Returns the module path the request was about, decoded ({@code github.com/Foo/bar}).
   *
   * @return the module path, or empty when the request named none or an invalid one
   */
  public Optional<String> modulePath() {
    return Optional.ofNullable(modulePath);
  }

  /**
   * Returns the version the request was about, decoded.
   *
   * @return the version, or empty (list and latest requests, invalid versions)
   */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /**
   * Returns the status the fake answered with (0 when a fault dropped the connection before a
   * status was sent).
   *
   * @return the HTTP status
   */
  public int status() {
    return status;
  }

  /**
   * Returns the fault applied to this request, described.
   *
   * @return the fault's {@code toString()}, or empty
   */
  public Optional<String> fault() {
    return Optional.ofNullable(fault);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add(method + " " + path);
    parts.add(endpoint.name().toLowerCase(Locale.ROOT));
    parts.add(status == 0 ? "no response" : String.valueOf(status));
    if (fault != null) {
      parts.add(fault);
    }
    return String.join(" ", parts);
  }
}
