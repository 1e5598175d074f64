package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.testing.GoTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import java.util.stream.Stream;

/**
 * Runs the real go command ({@code go mod download}, go1.19) against two loopback proxies A and
 * B and checks that the {@link Route} predicts what go did: which proxies it asked and in which
 * order, whether it tried direct (version control), and whether it asked a proxy for
 * {@code /sumdb/<name>/supported}. Nothing leaves the machine: go gets HTTP(S)_PROXY at a closed
 * loopback port and GOVCS=*:off.
 */
class RoutingInteropTest {
  static final String MODULE = "example.com/m";
  static final String INFO = "/" + MODULE + "/@v/v1.0.0.info";

  private final MockWebServer a = new MockWebServer();
  private final MockWebServer b = new MockWebServer();
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    a.start();
    b.start();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  /** A proxy that answers module requests with {@code status} (200 = serve the module). */
  private void behave(MockWebServer server, String name, int status) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        synchronized (log) {
          log.add(name + " " + target);
        }
        if (target.startsWith("/sumdb/")) {
          return new MockResponse(404, Headers.of(), "not here");
        }
        if (status != 200) {
          return new MockResponse(status, Headers.of(), "status " + status);
        }
        if (target.endsWith(".info")) {
          return new MockResponse(200, Headers.of(), "{\"Version\":\"v1.0.0\",\"Time\":\"2020-01-01T00:00:00Z\"}");
        }
        if (target.endsWith(".mod")) {
          return new MockResponse(200, Headers.of(), "module " + MODULE + "\n");
        }
        if (target.endsWith(".zip")) {
          return new MockResponse.Builder().code(200).body(new Buffer().write(zip())).build();
        }
        return new MockResponse(404, Headers.of(), "not found");
      }
    });
  }

  private static byte[] zip() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream z = new ZipOutputStream(bytes)) {
        z.putNextEntry(new ZipEntry(MODULE + "@v1.0.0/go.mod"));
        z.write(("module " + MODULE + "\n").getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
        z.putNextEntry(new ZipEntry(MODULE + "@v1.0.0/m.go"));
        z.write("package m\n".getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Scenarios: GOPROXY # settings # status of A # status of B. */
  static final List<String> SCENARIOS = List.of(
      "A,B             # GOSUMDB=off                                  # 404 # 404",
      "A,B             # GOSUMDB=off                                  # 410 # 200",
      "A,B             # GOSUMDB=off                                  # 500 # 200",
      "A|B             # GOSUMDB=off                                  # 500 # 404",
      "A|,B            # GOSUMDB=off                                  # 500 # 200",
      "A,|B            # GOSUMDB=off                                  # 500 # 200",
      "A,direct        # GOSUMDB=off                                  # 404 # 404",
      "A,off,B         # GOSUMDB=off                                  # 404 # 200",
      "direct,A        # GOSUMDB=off                                  # 200 # 200",
      "off             # GOSUMDB=off                                  # 200 # 200",
      "A               # GOPRIVATE=example.com                        # 200 # 200",
      "off             # GOPRIVATE=example.com                        # 200 # 200",
      "off             # GOPRIVATE=example.org;GOSUMDB=off            # 200 # 200",
      "A,B             # GONOPROXY=example.com;GOSUMDB=off            # 200 # 200",
      "A               # GOPRIVATE=example.com;GONOPROXY=none         # 200 # 200",
      "A               # GOPRIVATE=example.com;GONOPROXY=             # 200 # 200",
      "A,B             # GOSUMDB=sum.golang.org                       # 404 # 200",
      "A               # GOSUMDB=sum.golang.google.cn                 # 200 # 200",
      "A               # GONOSUMDB=example.com                        # 200 # 200",
      "A               # GONOSUMDB=example.com/*                      # 200 # 200",
      "A               # GOINSECURE=example.com;GOSUMDB=off           # 200 # 200",
      "A|B             # GOPRIVATE=*.example.com;GONOSUMCHECK=*       # 500 # 200");

  /** Every scenario against the oldest and the newest installed release. */
  static Stream<Arguments> scenarios() {
    List<Arguments> out = new ArrayList<>();
    GoTool.edgeReleases().forEach(go -> {
      for (String sc : SCENARIOS) {
        String[] f = sc.split("#");
        out.add(Arguments.of(go, f[0].strip(), f[1].strip(), Integer.parseInt(f[2].strip()),
            Integer.parseInt(f[3].strip())));
      }
    });
    return out.stream();
  }

  /**
   * One scenario: GOPROXY (with A and B standing for the two servers), other settings as
   * KEY=VALUE pairs separated by ';', and the module status of A and B.
   */
  @ParameterizedTest(name = "{0} GOPROXY={1} {2} A={3} B={4}")
  @MethodSource("scenarios")
  void goCommandFollowsTheRoute(GoTool.Go go, String goproxy, String settings, int statusA, int statusB,
      @TempDir Path work) throws Exception {
    GoTool.assumeGo(go);
    behave(a, "A", statusA);
    behave(b, "B", statusB);
    Map<String, String> env = go.hermeticEnv(work);
    env.remove("GOSUMDB");
    String baseA = "http://127.0.0.1:" + a.getPort();
    String baseB = "http://127.0.0.1:" + b.getPort();
    env.put("GOPROXY", goproxy.strip().replace("A", baseA).replace("B", baseB));
    for (String kv : settings.strip().split(";")) {
      int eq = kv.indexOf('=');
      env.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    Files.createDirectories(work.resolve("run"));
    GoTool.Result r = go.run(work.resolve("run"), env, 120, "mod", "download", "-json", MODULE + "@v1.0.0");
    String output = r.stdout() + r.stderr();
    boolean triedDirect = output.contains("?go-get=1");

    Route route = ProxyResolver.of(GoEnv.builder().environment(env).goVersion(go.release()).build()).resolve(MODULE);
    Map<String, Integer> status = Map.of(baseA, statusA, baseB, statusB);
    Map<String, String> names = Map.of(baseA, "A", baseB, "B");

    // Predict the walk for the first request (.info).
    List<String> expectedInfo = new ArrayList<>();
    boolean expectDirect = false;
    String servedBy = null;
    for (ProxyEntry e : route.proxies()) {
      if (e instanceof ProxyEntry.Direct) {
        expectDirect = true;
        break;
      }
      if (e instanceof ProxyEntry.Off) {
        break;
      }
      String base = ((ProxyEntry.Url) e).uri().toString();
      expectedInfo.add(names.get(base));
      int s = status.get(base);
      if (s == 200) {
        servedBy = names.get(base);
        break;
      }
      boolean notFound = s == 404 || s == 410;
      if (!notFound && ((ProxyEntry.Url) e).fallback() == FallbackMode.ON_NOT_FOUND) {
        break;
      }
    }
    List<String> actualInfo = new ArrayList<>();
    List<String> sumdbProbes = new ArrayList<>();
    synchronized (log) {
      for (String line : log) {
        if (line.endsWith(INFO)) {
          actualInfo.add(line.substring(0, 1));
        } else if (line.contains("/sumdb/")) {
          sumdbProbes.add(line);
        }
      }
    }
    String context = "GOPROXY=" + env.get("GOPROXY") + " " + settings + "\nroute: " + route
        + "\nrequests: " + log + "\ngo said: " + output;
    assertEquals(expectedInfo, actualInfo, context);
    assertEquals(expectDirect, triedDirect, context);

    // The sumdb is probed through the proxies only when the route verifies against a database
    // without an explicit URL, and only once go has a go.mod to verify (a proxy served it).
    List<String> expectedProbes = new ArrayList<>();
    if (servedBy != null && route.usesChecksumDb() && route.checksumDb().orElseThrow().url().isEmpty()) {
      for (ProxyEntry e : route.proxies()) {
        if (!(e instanceof ProxyEntry.Url)) {
          break;
        }
        String base = ((ProxyEntry.Url) e).uri().toString();
        expectedProbes.add(names.get(base) + " /sumdb/" + route.checksumDb().orElseThrow().name() + "/supported");
        // Our fake answers 404, so go moves on along the list like any not-found.
      }
    }
    assertEquals(expectedProbes, sumdbProbes, context);
    if (servedBy != null && !route.usesChecksumDb()) {
      assertEquals(0, r.exitCode(), context);
    }
  }
}
