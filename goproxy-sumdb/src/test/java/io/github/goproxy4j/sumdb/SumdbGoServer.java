package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.testing.GoTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A checksum database served by x/mod's own {@code sumdb.Server} over {@code sumdb.TestServer}
 * (the Go program {@code src/test/go/sumdbserver}, built once per JVM against Debian's x/mod in
 * GOPATH mode) on loopback HTTP. Callers must have called {@link GoTool#assumeXMod()}.
 */
final class SumdbGoServer implements AutoCloseable {
  private static Path binary;

  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final Path work;
  private final String vkey;
  private final String skey;
  private final URI url;
  private int files;
  private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
  private final StringBuilder stderr = new StringBuilder();

  private SumdbGoServer(Process process, Path work) throws IOException {
    this.process = process;
    this.work = work;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String v = null;
    String s = null;
    String u = null;
    for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
      if (line.startsWith("vkey ")) {
        v = line.substring(5);
      } else if (line.startsWith("skey ")) {
        s = line.substring(5);
      } else if (line.startsWith("url ")) {
        u = line.substring(4);
      }
    }
    Thread drain = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = err.readLine()) != null; ) {
          if (line.startsWith("request ")) {
            requests.add(line.substring("request ".length()));
          } else {
            synchronized (stderr) {
              stderr.append(line).append('\n');
            }
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "sumdbserver-stderr");
    drain.setDaemon(true);
    drain.start();
    if (v == null || s == null || u == null) {
      process.destroyForcibly();
      throw new IOException("sumdbserver did not start: " + stderr());
    }
    this.vkey = v;
    this.skey = s;
    this.url = URI.create(u);
  }

  /** Builds (once) the server program. */
  static synchronized Path binary() {
    if (binary == null) {
      try {
        String main = Files.readString(Paths.get("src/test/go/sumdbserver/main.go"));
        Path work = Paths.get("target/sumdbserver-build").toAbsolutePath();
        Files.createDirectories(work);
        binary = GoTool.buildXModProgram(main, work);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return binary;
  }

  /**
   * Starts a server.
   *
   * @param work a scratch directory for records files
   * @param signerKey the signer key, or null to generate one
   * @param proxyDir a GOPROXY directory layout to compute records from and serve under /mod, or null
   * @param records blocks to add at start (see main.go), or null
   */
  static SumdbGoServer start(Path work, String signerKey, Path proxyDir, String records) throws IOException {
    Files.createDirectories(work);
    List<String> cmd = new ArrayList<>(List.of(binary().toString()));
    if (signerKey != null) {
      cmd.add("-skey=" + signerKey);
    }
    if (proxyDir != null) {
      cmd.add("-proxydir=" + proxyDir);
    }
    if (records != null) {
      Path f = Files.createTempFile(work, "records", ".txt");
      Files.writeString(f, records);
      cmd.add("-records=" + f);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
    pb.environment().clear();
    pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin"));
    return new SumdbGoServer(pb.start(), work);
  }

  /** Paths requested so far, in order. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** What the server printed to standard error, other than request lines. */
  String stderr() {
    synchronized (stderr) {
      return stderr.toString();
    }
  }

  /** The verifier key of the database. */
  String vkey() {
    return vkey;
  }

  /** The signer key of the database (to start a second server that signs as this one). */
  String skey() {
    return skey;
  }

  /** The database's base URL ({@code http://127.0.0.1:port}). */
  URI url() {
    return url;
  }

  /** The base URL to use as GOPROXY: it answers {@code /sumdb/<name>/supported} with 200. */
  URI proxyUrl() {
    return URI.create(url + "/mod");
  }

  /** Adds records (blocks, see main.go) in order and returns the new tree size. */
  synchronized long add(String records) throws IOException {
    Path f = work.resolve("add" + (files++) + ".txt");
    Files.writeString(f, records);
    return command("add " + f);
  }

  /** Returns the current tree size. */
  synchronized long size() throws IOException {
    return command("size");
  }

  private long command(String c) throws IOException {
    in.write(c + "\n");
    in.flush();
    String answer = out.readLine();
    if (answer == null || !answer.startsWith("ok ")) {
      throw new IOException("sumdbserver: " + c + ": " + answer);
    }
    return Long.parseLong(answer.substring(3));
  }

  /** A record block for path@version with the given hashes. */
  static String block(String path, String version, String zipHash, String modHash) {
    return path + "@" + version + "\n"
        + path + " " + version + " " + zipHash + "\n"
        + path + " " + version + "/go.mod " + modHash + "\n\n";
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // the process is going away anyway
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
