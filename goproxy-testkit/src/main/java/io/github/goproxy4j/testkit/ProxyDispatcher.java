package io.github.goproxy4j.testkit;

import io.github.goproxy4j.internal.Redaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/** Routes every request of a fake: proxy endpoints, sumdb endpoints, faults, the journal. */
final class ProxyDispatcher extends Dispatcher {

  /** A fault and how often it has fired. */
  static final class Rule {
    final Fault fault;
    final boolean fromBuilder;
    final AtomicInteger used = new AtomicInteger();

    Rule(Fault fault, boolean fromBuilder) {
      this.fault = fault;
      this.fromBuilder = fromBuilder;
    }
  }

  private final ModuleStore store;
  private final FakeSumdb sumdb; // null when disabled
  private final RequestJournal journal;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final int notFoundStatus;
  private final RequiredCredentials credentials; // null: no authentication
  private final Clock clock = Clock.systemUTC();
  /** The server this dispatcher answers for (set once it exists), whose own request queue is drained. */
  private volatile MockWebServer server;

  ProxyDispatcher(ModuleStore store, FakeSumdb sumdb, RequestJournal journal, List<Fault> faults,
      int notFoundStatus, RequiredCredentials credentials) {
    this.store = store;
    this.credentials = credentials;
    this.sumdb = sumdb;
    this.journal = journal;
    this.notFoundStatus = notFoundStatus;
    for (Fault f : faults) {
      rules.add(new Rule(f, true));
    }
  }

  /**
   * The server whose requests this dispatcher answers. MockWebServer queues every request it
   * reads for its {@code takeRequest}, which the fake never calls (it keeps its own journal):
   * {@link #dispatch} empties that queue, so a long-running fake (a benchmark's tens of thousands
   * of requests) does not keep a second copy of every request alive, each one more object for
   * every young collection to copy while the clients wait.
   */
  void serving(MockWebServer s) {
    this.server = s;
  }

  /** Drops the requests MockWebServer has queued for takeRequest (see {@link #serving}). */
  private void dropQueued() {
    MockWebServer s = server;
    if (s == null) {
      return;
    }
    try {
      while (s.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // nothing reads them
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void addFault(Fault f) {
    rules.add(new Rule(f, false));
  }

  /** Removes the faults added at run time and resets the counters of the others. */
  void resetFaults() {
    rules.removeIf(r -> !r.fromBuilder);
    rules.forEach(r -> r.used.set(0));
  }

  void clearFaults() {
    rules.clear();
  }

  @Override
  public MockResponse dispatch(RecordedRequest rr) {
    String target = rr.getTarget();
    Route route = Route.parse(target == null ? "" : target, sumdb == null ? null : sumdb.name());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Headers h = rr.getHeaders();
    for (String name : h.names()) {
      List<String> values = new ArrayList<>();
      h.values(name).forEach(v -> values.add(Redaction.headerValue(name, v)));
      headers.put(name, values); // the journal never holds credentials
    }
    ProxyRequest req = new ProxyRequest(clock.instant(), rr.getMethod(),
        target == null ? "" : target, route.path(), headers, route.endpoint(),
        route.modulePath(), route.version(), 0, null);
    if (credentials != null && !credentials.accepts(h.values("Authorization"))) {
      // checked before faults, as a private proxy checks credentials before anything else
      journal.add(req.answered(401, null));
      dropQueued();
      return unauthorized(credentials);
    }
    Rule rule = match(req);
    Fault fault = rule == null ? null : rule.fault;
    MockResponse response;
    try {
      Answer answer = answer(rr.getMethod(), route);
      response = build(fault == null ? answer : answer.inMemory(), fault); // faults rewrite the body
    } catch (RuntimeException | IOException e) {
      response = build(Answer.text(500, "internal error in the fake proxy: " + e), fault);
    }
    int status = rule != null && rule.fault.kind() == Fault.Kind.DISCONNECT_BEFORE_RESPONSE
        ? 0 : response.getCode();
    journal.add(req.answered(status, rule == null ? null : rule.fault.toString()));
    dropQueued();
    return response;
  }

  /** 401 with a challenge, as a private proxy answers a request without its credentials. */
  static MockResponse unauthorized(RequiredCredentials credentials) {
    return new MockResponse.Builder().code(401).status(Answer.statusLine(401))
        .setHeader("WWW-Authenticate", credentials.challenge())
        .setHeader("Content-Type", Answer.TEXT)
        .body(new Buffer().writeUtf8("unauthorized\n"))
        .build();
  }

  private Rule match(ProxyRequest req) {
    for (Rule r : rules) {
      if (r.fault.matches(req)) {
        int limit = r.fault.limit();
        if (limit == 0 || r.used.getAndIncrement() < limit) {
          return r;
        }
      }
    }
    return null;
  }

  Answer answer(String method, Route route) throws IOException {
    if (!"GET".equals(method)) {
      return Answer.text(405, "method not allowed: the Go module proxy protocol uses GET only");
    }
    if (route.badRequest() != null) {
      return Answer.text(400, route.badRequest());
    }
    if (route.endpoint().isSumdb()) {
      if (sumdb == null || route.sumdbName() == null) {
        return Answer.text(404, "not found: no checksum database at " + route.path());
      }
      return sumdb.answer(route.endpoint(), route.sumdbRest());
    }
    String path = route.modulePath();
    switch (route.endpoint()) {
      case LIST:
        if (!store.hasModule(path)) {
          return notFound("not found: module " + path + ": no matching versions");
        }
        return Answer.ok(Answer.TEXT, store.list(path));
      case LATEST: {
        ServedVersion sv = store.latest(path);
        if (sv == null) {
          return notFound("not found: module " + path + ": no matching versions");
        }
        return Answer.ok("application/json", sv.info());
      }
      case INFO:
      case MOD:
      case ZIP: {
        String v = route.version();
        ServedVersion sv = store.get(path, v);
        if (sv == null) {
          return notFound("not found: " + path + "@" + v + ": invalid version: unknown revision "
              + v);
        }
        if (route.endpoint() == Endpoint.INFO) {
          return sv.info() == null ? notFound("not found: " + sv.key() + ": no .info file")
              : Answer.ok("application/json", sv.info());
        }
        if (route.endpoint() == Endpoint.MOD) {
          return sv.mod() == null ? notFound("not found: " + sv.key() + ": no .mod file")
              : Answer.ok(Answer.TEXT, sv.mod());
        }
        if (sv.zipFile() != null) {
          return Answer.okFile("application/zip", sv.zipFile());
        }
        byte[] zip = sv.zip();
        return zip == null ? notFound("not found: " + sv.key() + ": no .zip file")
            : Answer.ok("application/zip", zip);
      }
      default:
        return Answer.text(404, "not found: " + Route.printable(route.path())
            + " is not a Go module proxy path");
    }
  }

  private Answer notFound(String text) {
    return Answer.text(notFoundStatus, text);
  }

  /** A body streamed from a file as it is written to the socket. */
  private static final class FileBody implements MockResponseBody {
    private final Path file;
    private final long size;

    FileBody(Path file) {
      this.file = file;
      long n;
      try {
        n = Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      this.size = n;
    }

    @Override
    public long getContentLength() {
      return size;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try (Source in = Okio.source(file)) {
        sink.writeAll(in);
      }
    }
  }

  /**
   * Turns an answer into a MockResponse, with the fault applied (a fault needs the body in
   * memory: {@link Answer#inMemory()}).
   */
  static MockResponse build(Answer a, Fault f) {
    Answer answer = a;
    if (f != null && f.kind() == Fault.Kind.STATUS) {
      answer = Answer.text(f.status(), f.body());
    }
    byte[] body = answer.body();
    MockResponse.Builder b = new MockResponse.Builder().code(answer.status())
        .status(Answer.statusLine(answer.status()));
    if (f == null) {
      b.setHeader("Content-Type", answer.contentType());
      return (answer.file() != null ? b.body(new FileBody(answer.file())) : b.body(new Buffer().write(body)))
          .build();
    }
    switch (f.kind()) {
      case TRUNCATE:
        body = Arrays.copyOf(body, (int) Math.min(body.length, f.amount()));
        break;
      case CORRUPT:
        if (body.length > 0) {
          body = body.clone();
          body[body.length / 2] ^= (byte) 0xFF;
        }
        break;
      default:
        break;
    }
    b.setHeader("Content-Type", answer.contentType());
    switch (f.kind()) {
      case DISCONNECT_BEFORE_RESPONSE:
        b.body(new Buffer().write(body)).onResponseStart(new SocketEffect.CloseSocket());
        break;
      case DISCONNECT_AFTER_HEADERS:
        b.body(new Buffer()).setHeader("Content-Length", body.length)
            .onResponseEnd(new SocketEffect.CloseSocket());
        break;
      case DISCONNECT_DURING_BODY:
        b.body(new Buffer().write(body)).onResponseBody(new SocketEffect.CloseSocket());
        break;
      case TRICKLE:
        b.body(new Buffer().write(body))
            .throttleBody(f.amount(), f.period().toNanos(), TimeUnit.NANOSECONDS);
        break;
      default:
        b.body(new Buffer().write(body));
        break;
    }
    if (!f.delay().isZero()) {
      b.headersDelay(f.delay().toNanos(), TimeUnit.NANOSECONDS);
    }
    return b.build();
  }
}
