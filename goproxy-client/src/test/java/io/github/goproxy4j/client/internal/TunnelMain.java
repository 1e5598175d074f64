package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.client.HttpSettings;
import io.github.goproxy4j.env.Transport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Run in a fresh JVM by {@link JdkHttpTransportTest.ThroughOutgoingProxies}: fetches
 * {@code args[0]} with the environment {@code args[1..]} ({@code KEY=value}) and prints {@code status=N body=...} or
 * {@code error=...}. A fresh JVM is needed because the JDK reads
 * {@code jdk.http.auth.tunneling.disabledSchemes} once, at its first use of java.net.http.
 */
public final class TunnelMain {
  private TunnelMain() {}

  public static void main(String[] args) {
    Map<String, String> env = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      env.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    try (JdkHttpTransport t = JdkHttpTransport.create(env, "1.25", HttpSettings.defaults());
        Transport.Response r = t.get(URI.create(args[0]), Map.of())) {
      System.out.println("status=" + r.status() + " body="
          + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      System.out.println("error=" + e.getMessage());
    }
  }
}
