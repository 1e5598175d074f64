package io.github.goproxy4j.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A loopback module proxy for tests: files in the GOPROXY layout served from memory, per-path
 * faults, and a log of the request targets as sent on the wire.
 */
final class TestProxy implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final Map<String, Function<RecordedRequest, MockResponse>> faults = new ConcurrentHashMap<>();
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<String>> lists = new TreeMap<>();

  TestProxy() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        requests.add(target);
        String path = URLDecoder.decode(target.replace("+", "%2B"), StandardCharsets.UTF_8);
        Function<RecordedRequest, MockResponse> fault = faults.get(path);
        if (fault != null) {
          return fault.apply(request);
        }
        byte[] body = files.get(path);
        if (body == null) {
          return new MockResponse.Builder().status("HTTP/1.1 404 Not Found")
              .setHeader("Content-Type", "text/plain; charset=utf-8")
              .body("not found: " + path.substring(1)).build();
        }
        return new MockResponse.Builder().code(200).body(new Buffer().write(body)).build();
      }
    });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Requests whose target contains {@code s}. */
  List<String> requestsMatching(String s) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.contains(s)).toList();
    }
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c >= 'A' && c <= 'Z') {
        b.append('!').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Adds a module version with the given files (go.mod defaults to "module <path>\n"). */
  TestProxy module(String path, String version, String time, Map<String, String> contents) {
    Map<String, String> all = new TreeMap<>(contents);
    all.putIfAbsent("go.mod", "module " + path + "\n");
    String base = "/" + escape(path) + "/@v/";
    String ev = escape(version);
    files.put(base + ev + ".info",
        ("{\"Version\":\"" + version + "\",\"Time\":\"" + time + "\"}").getBytes(StandardCharsets.UTF_8));
    files.put(base + ev + ".mod", all.get("go.mod").getBytes(StandardCharsets.UTF_8));
    files.put(base + ev + ".zip", zip(path + "@" + version + "/", all));
    synchronized (lists) {
      lists.computeIfAbsent(path, k -> new ArrayList<>()).add(version);
      files.put(base + "list",
          (String.join("\n", lists.get(path)) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  TestProxy module(String path, String version) {
    return module(path, version, "2023-01-02T03:04:05Z",
        Map.of("a.go", "package m\n\nconst V = \"" + version + "\"\n"));
  }

  static byte[] zip(String prefix, Map<String, String> contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> e : contents.entrySet()) {
        z.putNextEntry(new ZipEntry(prefix + e.getKey()));
        z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Serves {@code path} (decoded, e.g. "/example.com/m/@v/list") with a custom response. */
  TestProxy fault(String path, Function<RecordedRequest, MockResponse> response) {
    faults.put(path, response);
    return this;
  }

  /** A response with the standard reason phrase, as real servers send (go prints it). */
  static MockResponse.Builder status(int code) {
    return new MockResponse.Builder().status("HTTP/1.1 " + HttpStatus.line(code));
  }

  TestProxy fault(String path, MockResponse response) {
    return fault(path, r -> response);
  }

  @Override
  public void close() {
    server.close();
  }
}
