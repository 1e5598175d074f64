package io.github.goproxy4j.client;

import com.fasterxml.jackson.core.JsonParser;
import io.github.goproxy4j.client.internal.Subprocess;
import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An opt-in {@link DirectFetcher} that delegates version-control access to an installed go
 * command: {@code go list -m -json} for versions and revisions, {@code go mod download -json}
 * for go.mod files and zips. go runs with {@code GOPROXY=direct}, {@code GOSUMDB=off} (the
 * client verifies what comes back itself) and a private module cache, so it never touches the
 * user's cache; everything else (git credentials, GOVCS, GOINSECURE, HTTPS_PROXY) comes from the
 * environment given.
 *
 * <pre>{@code
 * try (GoCommandDirectFetcher direct = GoCommandDirectFetcher.create();
 *     GoProxyClient client = GoProxyClient.builder().directFetcher(direct).build()) {
 *   client.download(ModuleVersion.parse("corp.example/lib@v1.2.0"));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it to delete its private cache.
 */
public final class GoCommandDirectFetcher implements DirectFetcher, AutoCloseable {
  private final Path go;
  private final Map<String, String> env;
  private final Path work;
  private final long timeoutSeconds;

  private GoCommandDirectFetcher(Path go, Map<String, String> baseEnv, long timeoutSeconds)
      throws IOException {
    this.go = go;
    this.timeoutSeconds = timeoutSeconds;
    this.work = Files.createTempDirectory("goproxy4j-direct-");
    Map<String, String> e = new HashMap<>(baseEnv);
    e.put("GOPROXY", "direct");
    e.put("GOSUMDB", "off");
    e.put("GONOSUMDB", "");
    e.put("GOFLAGS", "-modcacherw -mod=mod");
    e.put("GO111MODULE", "on");
    e.put("GOMODCACHE", work.resolve("modcache").toString());
    e.putIfAbsent("GOTOOLCHAIN", "local");
    this.env = Map.copyOf(e);
  }

  /**
   * Creates a fetcher that runs {@code go} from {@code PATH} with this process's environment.
   *
   * @return the fetcher
   * @throws IOException if its private cache directory cannot be created
   */
  public static GoCommandDirectFetcher create() throws IOException {
    return create(Path.of("go"), System.getenv(), 600);
  }

  /**
   * Creates a fetcher with an explicit go binary, environment and time limit per command.
   *
   * @param goBinary the go command (a path, or {@code "go"} to search {@code PATH})
   * @param environment the environment for go (GOPROXY, GOSUMDB, GOFLAGS and GOMODCACHE are
   *     overridden)
   * @param timeoutSeconds how long one go command may run
   * @return the fetcher
   * @throws IOException if its private cache directory cannot be created
   */
  public static GoCommandDirectFetcher create(
      Path goBinary, Map<String, String> environment, long timeoutSeconds) throws IOException {
    Objects.requireNonNull(goBinary, "goBinary");
    Objects.requireNonNull(environment, "environment");
    if (timeoutSeconds <= 0) {
      throw new IllegalArgumentException("timeoutSeconds must be positive: " + timeoutSeconds);
    }
    return new GoCommandDirectFetcher(goBinary, environment, timeoutSeconds);
  }

  @Override
  public List<String> versions(ModulePath path) throws IOException {
    Map<String, Object> n = run("list", "-m", "-json", "-versions", path + "@latest");
    List<String> out = new ArrayList<>();
    if (n.get("Versions") instanceof List<?> vs) {
      vs.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  @Override
  public VersionInfo stat(ModulePath path, String revision) throws IOException {
    return info(run("list", "-m", "-json", path + "@" + revision));
  }

  @Override
  public VersionInfo latest(ModulePath path) throws IOException {
    return stat(path, "latest");
  }

  @Override
  public byte[] goMod(ModuleVersion module) throws IOException {
    Map<String, Object> n = run("mod", "download", "-json", module.toString());
    return Files.readAllBytes(Path.of(text(n, "GoMod")));
  }

  @Override
  public void zip(ModuleVersion module, Path target) throws IOException {
    Map<String, Object> n = run("mod", "download", "-json", module.toString());
    Files.copy(Path.of(text(n, "Zip")), target, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The RevInfo inside go's ModulePublic: its Version, Time and Origin, read as an .info. */
  private static VersionInfo info(Map<String, Object> n) throws IOException {
    Map<String, Object> revInfo = new LinkedHashMap<>();
    revInfo.put("Version", text(n, "Version"));
    for (String field : List.of("Time", "Origin")) {
      if (n.get(field) != null) {
        revInfo.put(field, n.get(field));
      }
    }
    try {
      return InfoJson.parse(GoJson.NEWEST.marshal(revInfo).getBytes(StandardCharsets.UTF_8));
    } catch (InfoJson.MalformedInfoException e) {
      throw new GoProxyException("go returned an unreadable answer: " + e.getMessage());
    }
  }

  private static String text(Map<String, Object> n, String field) throws GoProxyException {
    if (!(n.get(field) instanceof String v) || v.isEmpty()) {
      throw new GoProxyException("go did not report " + field + ": " + GoJson.NEWEST.marshal(n));
    }
    return v;
  }

  private Map<String, Object> run(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(go.toString());
    cmd.addAll(List.of(args));
    Path dir = Files.createDirectories(work.resolve("cwd"));
    Subprocess.Result r;
    try {
      r = Subprocess.run(cmd, dir, env, true, null, timeoutSeconds, Subprocess.UNBOUNDED);
    } catch (Subprocess.TimedOut e) {
      throw new GoProxyException("go " + String.join(" ", args) + ": timed out after "
          + timeoutSeconds + "s");
    } catch (java.io.InterruptedIOException e) {
      throw new GoProxyException("interrupted: go " + String.join(" ", args), e);
    }
    String stdout = r.stdoutText();
    Map<String, Object> n = stdout.isBlank() ? null : readObject(stdout);
    if (n != null && n.get("Error") != null) {
      Object error = n.get("Error");
      String msg = error instanceof String text ? text
          : error instanceof Map<?, ?> m && m.get("Err") instanceof String goErr ? goErr
          : GoJson.NEWEST.marshal(error);
      throw notFoundLike(msg)
          ? new ModuleNotFoundException(msg, null, List.of(attempt(msg)))
          : new ProxyUnavailableException(msg, null, List.of(attempt(msg)));
    }
    if (r.exit() != 0 || n == null) {
      String msg = r.stderrText().strip();
      throw notFoundLike(msg)
          ? new ModuleNotFoundException(msg, null, List.of(attempt(msg)))
          : new ProxyUnavailableException(msg, null, List.of(attempt(msg)));
    }
    return n;
  }

  /** go's JSON answer as an object, or null if it is not one. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> readObject(String json) {
    try (JsonParser p = GoJson.parser(json.getBytes(StandardCharsets.UTF_8))) {
      p.nextToken();
      return GoJson.readValue(p) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static GoProxyException.Attempt attempt(String msg) {
    return new GoProxyException.Attempt("direct", 0, msg);
  }

  /** go's not-found class for version control: unknown revisions, missing repositories. */
  private static boolean notFoundLike(String msg) {
    return msg.contains("unknown revision") || msg.contains("no matching versions")
        || msg.contains("unrecognized import path") || msg.contains("no commits")
        || msg.contains("not found") || msg.contains("does not contain package");
  }

  /** Deletes the private module cache. */
  @Override
  public void close() {
    try {
      GoOs.removeAll(work);
    } catch (IOException e) {
      // best effort
    }
  }

  @Override
  public String toString() {
    return "GoCommandDirectFetcher[" + go + "]";
  }
}
