package io.github.goproxy4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The requests a {@link FakeGoProxy} has received, in arrival order, with assertion helpers that
 * throw {@link AssertionError} (so they work with any test framework). Thread-safe; a request
 * is recorded before its response is written, so once a client call has returned, its requests
 * are here.
 *
 * <pre>{@code
 * proxy.requests().assertRequested("/example.com/m/@v/v1.0.0.zip");
 * proxy.requests().assertNotRequested("/example.com/m/@latest");
 * assertEquals(1, proxy.requests().count(Endpoint.SUMDB_LOOKUP));
 * }</pre>
 */
public final class RequestJournal {
  private final List<ProxyRequest> requests = new ArrayList<>();

  RequestJournal() {}

  synchronized void add(ProxyRequest r) {
    requests.add(r);
  }

  /**
   * Returns every request so far.
   *
   * @return an immutable snapshot, oldest first
   */
  public synchronized List<ProxyRequest> all() {
    return List.copyOf(requests);
  }

  /**
   * Returns the requests that satisfy a condition.
   *
   * @param condition the filter
   * @return an immutable snapshot, oldest first
   */
  public List<ProxyRequest> matching(Predicate<? super ProxyRequest> condition) {
    Objects.requireNonNull(condition, "condition");
    return all().stream().filter(condition).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the decoded paths of every request so far.
   *
   * @return an immutable snapshot, oldest first
   */
  public List<String> paths() {
    return all().stream().map(ProxyRequest::path).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the number of requests so far.
   *
   * @return the count
   */
  public synchronized int size() {
    return requests.size();
  }

  /**
   * Counts the requests for a decoded path.
   *
   * @param path for example {@code /example.com/m/@v/list}
   * @return the count
   */
  public int count(String path) {
    Objects.requireNonNull(path, "path");
    return matching(r -> r.path().equals(path)).size();
  }

  /**
   * Counts the requests of one kind.
   *
   * @param endpoint the kind
   * @return the count
   */
  public int count(Endpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    return matching(r -> r.endpoint() == endpoint).size();
  }

  /** Forgets every request recorded so far. */
  public synchronized void clear() {
    requests.clear();
  }

  /**
   * Asserts that the path was requested at least once.
   *
   * @param path the decoded path
   * @throws AssertionError if it was not
   */
  public void assertRequested(String path) {
    if (count(path) == 0) {
      throw new AssertionError("expected a request for " + path + "; " + describe());
    }
  }

  /**
   * Asserts that the path was never requested.
   *
   * @param path the decoded path
   * @throws AssertionError if it was
   */
  public void assertNotRequested(String path) {
    int n = count(path);
    if (n != 0) {
      throw new AssertionError("expected no request for " + path + " but got " + n + "; "
          + describe());
    }
  }

  /**
   * Asserts how often the path was requested.
   *
   * @param path the decoded path
   * @param times the expected count
   * @throws AssertionError if the count differs
   */
  public void assertRequestedTimes(String path, int times) {
    int n = count(path);
    if (n != times) {
      throw new AssertionError("expected " + times + " request(s) for " + path + " but got " + n
          + "; " + describe());
    }
  }

  /**
   * Asserts that every request so far satisfies a condition.
   *
   * @param description what the condition means, for the message
   * @param condition the condition
   * @throws AssertionError naming the first request that does not satisfy it
   */
  public void assertAll(String description, Predicate<? super ProxyRequest> condition) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(condition, "condition");
    for (ProxyRequest r : all()) {
      if (!condition.test(r)) {
        throw new AssertionError("request " + r + " is not " + description + "; " + describe());
      }
    }
  }

  private String describe() {
    List<ProxyRequest> all = all();
    if (all.isEmpty()) {
      return "no requests were received";
    }
    StringBuilder sb = new StringBuilder("received ").append(all.size()).append(" request(s):");
    int shown = 0;
    for (ProxyRequest r : all) {
      if (shown++ == 50) {
        sb.append("\n  ...");
        break;
      }
      sb.append("\n  ").append(r);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "RequestJournal[" + size() + " requests]";
  }
}
