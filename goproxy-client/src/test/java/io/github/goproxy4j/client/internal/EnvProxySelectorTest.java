package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** httpproxy's test vectors (x/net proxy_test.go) and the JDK view of the selector. */
class EnvProxySelectorTest {
  static final String STD_NO_PROXY = "foobar.com, .barbaz.net, *.wildcard.io, 192.168.1.1,"
      + " 192.168.1.2:81, 192.168.1.3:80, 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:2]:443,"
      + " [2001:db8::52:0:3]:80, 2002:db8:a::45/64";

  static List<JsonNode> vectors(String kind) throws IOException {
    ObjectMapper om = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    try (InputStream in = EnvProxySelectorTest.class.getResourceAsStream("httpproxy-go-vectors.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        JsonNode n = om.readTree(line);
        if (n.get("kind").asText().equals(kind)) {
          out.add(n);
        }
      }
    }
    return out;
  }

  static Stream<Arguments> proxyForUrl() throws IOException {
    return vectors("proxyForURL").stream().map(n -> Arguments.of(n.toString(), n));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void proxyForUrl(String name, JsonNode v) {
    EnvProxySelector s = EnvProxySelector.of(
        v.path("http").asText(""), v.path("https").asText(""), v.path("noProxy").asText(""),
        v.path("cgi").asBoolean(false));
    String req = v.path("req").asText("");
    URI uri = URI.create(req.isEmpty() ? "http://example.com" : req);
    String got;
    String err = "<nil>";
    try {
      got = s.proxyFor(uri).map(Object::toString).orElse("<nil>");
    } catch (IOException e) {
      got = "<nil>";
      err = e.getMessage();
    }
    assertEquals(v.path("want").asText(), got);
    assertEquals(v.path("err").asText("<nil>"), err);
  }

  static Stream<Arguments> useProxy() throws IOException {
    return vectors("useProxy").stream().map(n -> Arguments.of(n.toString(), n));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void useProxy(String name, JsonNode v) {
    String np = v.get("noProxy").asText();
    boolean std = np.equals("STD");
    String[] hp = HostPort.split(v.get("host").asText() + ":80");
    assertEquals(v.get("use").asBoolean(),
        NoProxy.parse(std ? STD_NO_PROXY : np).useProxy(hp[0], hp[1]));
    if (std) {
      assertFalse(NoProxy.parse("*").useProxy(hp[0], hp[1]), "TestAllNoProxy");
    }
  }

  @Test
  void environmentPrecedenceUpperCaseFirstEmptyMeansUnset() throws IOException {
    URI https = URI.create("https://proxy.golang.org/");
    URI http = URI.create("http://example.com/");
    assertEquals("http://upper:1", EnvProxySelector.fromEnvironment(
        Map.of("HTTPS_PROXY", "upper:1", "https_proxy", "lower:2")).proxyFor(https).get().toString());
    assertEquals("http://lower:2", EnvProxySelector.fromEnvironment(
        Map.of("HTTPS_PROXY", "", "https_proxy", "lower:2")).proxyFor(https).get().toString());
    assertEquals(Optional.empty(), EnvProxySelector.fromEnvironment(
        Map.of("HTTP_PROXY", "p:1")).proxyFor(https));
    assertEquals("http://p:1", EnvProxySelector.fromEnvironment(
        Map.of("http_proxy", "p:1")).proxyFor(http).get().toString());
    assertEquals(Optional.empty(), EnvProxySelector.fromEnvironment(
        Map.of("http_proxy", "p:1", "no_proxy", "example.com")).proxyFor(http));
  }

  @Test
  void jdkViewIsAnUnresolvedHttpProxyOrDirect() {
    EnvProxySelector s = EnvProxySelector.fromEnvironment(
        Map.of("HTTPS_PROXY", "http://u:secret@proxy.corp:3128", "HTTP_PROXY", "socks5://s:1080"));
    List<Proxy> p = s.select(URI.create("https://proxy.golang.org/"));
    assertEquals(Proxy.Type.HTTP, p.get(0).type());
    InetSocketAddress a = (InetSocketAddress) p.get(0).address();
    assertTrue(a.isUnresolved());
    assertEquals("proxy.corp", a.getHostString());
    assertEquals(3128, a.getPort());
    assertEquals(List.of(Proxy.NO_PROXY), s.select(URI.create("http://example.com/")));
    assertEquals(List.of(Proxy.NO_PROXY), s.select(URI.create("https://localhost:8443/")));
    assertFalse(s.toString().contains("secret"), s.toString());
    assertTrue(s.toString().contains("u:***@proxy.corp"), s.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "http://[::1]:8080/", "http://127.9.9.9/", "http://localhost/", "http://[::ffff:127.0.0.1]/"})
  void loopbackIsNeverProxiedEvenWithStar(String url) throws IOException {
    assertEquals(Optional.empty(), EnvProxySelector.of("proxy:1", "", "", false)
        .proxyFor(URI.create(url)));
  }

  static Stream<Arguments> seeds() {
    return new SplittableRandom(20261126).longs(20).mapToObj(s -> Arguments.of("seed=" + s, s));
  }

  /** Property: a domain entry matches exactly the host and its subdomains, whatever the labels. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void domainEntriesMatchHostAndSubdomains(String name, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String domain = label(r) + "." + label(r);
    String sub = label(r) + "." + domain;
    String other = label(r) + domain;
    NoProxy plainEntry = NoProxy.parse(" " + domain.toUpperCase(java.util.Locale.ROOT) + " ");
    NoProxy dotEntry = NoProxy.parse("." + domain);
    NoProxy portEntry = NoProxy.parse(domain + ":8443");
    assertFalse(plainEntry.useProxy(domain, "443"));
    assertFalse(plainEntry.useProxy(sub, "443"));
    assertTrue(plainEntry.useProxy(other, "443"));
    assertTrue(dotEntry.useProxy(domain, "443"));
    assertFalse(dotEntry.useProxy(sub, "443"));
    assertFalse(portEntry.useProxy(sub, "8443"));
    assertTrue(portEntry.useProxy(sub, "443"));
  }

  private static String label(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(10);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }
}
