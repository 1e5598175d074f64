package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.env.ChecksumDb;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.sumdb.note.Note;
import io.github.goproxy4j.sumdb.note.SignerKey;
import io.github.goproxy4j.sumdb.tlog.Hash;
import io.github.goproxy4j.sumdb.tlog.HashReader;
import io.github.goproxy4j.sumdb.tlog.Record;
import io.github.goproxy4j.sumdb.tlog.Tile;
import io.github.goproxy4j.sumdb.tlog.Tlog;
import io.github.goproxy4j.sumdb.tlog.TreeHead;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * An in-memory checksum database on a loopback {@link MockWebServer}, for attack tests that need
 * no Go: a log of records signed with a test key, served at {@code /lookup/}, {@code /tile/} and
 * (for proxy discovery) {@code /proxy/sumdb/<name>/...}. A {@link #fault} hook can replace any
 * answer.
 */
final class SumdbFakeDb implements AutoCloseable {
  static final String NAME = "localhost.localdev/sumdb";

  private final SignerKey signer;
  private final List<byte[]> records = new ArrayList<>();
  private final List<Hash> hashes = new ArrayList<>();
  private final Map<String, Long> ids = new HashMap<>();
  private final MockWebServer server;
  /** Replaces the answer for a request path when it returns non-null. */
  volatile Function<String, MockResponse> fault = p -> null;
  /** When set, lookups answer with this tree size (an older signed tree), not the current one. */
  volatile long signedSize = -1;
  /** Whether /proxy/sumdb/NAME/supported answers 200. */
  volatile boolean supported = true;

  SumdbFakeDb(SignerKey signer) throws IOException {
    this(signer, true);
  }

  /** With {@code serve} false, only the in-memory log (no HTTP server, nothing of OkHttp loaded). */
  SumdbFakeDb(SignerKey signer, boolean serve) throws IOException {
    this.signer = signer;
    if (!serve) {
      this.server = null;
      return;
    }
    this.server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request.getUrl().encodedPath());
      }
    });
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
  }

  /** A fresh test key. */
  static SignerKey newKey() {
    return SignerKey.generate(NAME);
  }

  /** The database as a client sees it, reached directly at {@link #url()}. */
  ChecksumDb checksumDb() {
    return ChecksumDb.of(signer.verifierKey(), url());
  }

  /** The same database with no URL (reached through proxies, else https://name). */
  ChecksumDb checksumDbNoUrl() {
    return ChecksumDb.parse(signer.verifierKey().toString());
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + (server == null ? 9 : server.getPort()));
  }

  /** A proxy base whose {@code /sumdb/<name>/supported} answers 200 (see {@link #supported}). */
  URI proxyUrl() {
    return URI.create(url() + "/proxy");
  }

  /** Adds a standard two-line record and returns its id. */
  synchronized long add(String path, String version, String zipHash, String modHash) {
    return addRecord(path + "@" + version, path + " " + version + " " + zipHash + "\n"
        + path + " " + version + "/go.mod " + modHash + "\n");
  }

  /** Adds a record with arbitrary text, looked up under {@code key} (path@version). */
  synchronized long addRecord(String key, String text) {
    long id = records.size();
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    try {
      hashes.addAll(Tlog.storedHashes(id, data, reader()));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    records.add(data);
    ids.put(key, id);
    return id;
  }

  synchronized long size() {
    return records.size();
  }

  private HashReader reader() {
    List<Hash> snapshot = hashes;
    return indexes -> {
      List<Hash> out = new ArrayList<>();
      for (long i : indexes) {
        out.add(snapshot.get((int) i));
      }
      return out;
    };
  }

  /** The signed note of the tree of the first {@code n} records. */
  private final Map<Long, String> signed = new HashMap<>();

  synchronized String signedTree(long n) {
    String cached = signed.get(n);
    if (cached != null) {
      return cached;
    }
    try {
      TreeHead head = new TreeHead(n, Tlog.treeHash(n, reader()));
      String note = Note.sign(head.format(), signer);
      signed.put(n, note);
      return note;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  synchronized String signedTree() {
    return signedTree(signedSize >= 0 ? signedSize : records.size());
  }

  /** The lookup body go's server would send for {@code key}. */
  synchronized byte[] lookupBody(String key) {
    Long id = ids.get(key);
    byte[] rec = Record.format(id, records.get(id.intValue()));
    byte[] note = signedTree().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[rec.length + note.length];
    System.arraycopy(rec, 0, out, 0, rec.length);
    System.arraycopy(note, 0, out, rec.length, note.length);
    return out;
  }

  /** The bytes of a tile of the log (whatever {@link #signedSize} says), or null. */
  synchronized byte[] tileData(String tilePath) {
    Tile t;
    try {
      t = Tile.parse(tilePath);
    } catch (IllegalArgumentException e) {
      return null;
    }
    long size = records.size();
    if (t.level() < 0 || t.height() != 8
        || (t.number() << t.height()) + t.width() > (size >> (t.level() * t.height()))) {
      return null;
    }
    try {
      return t.readTileData(reader());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private MockResponse answer(String path) {
    MockResponse f = fault.apply(path);
    if (f != null) {
      return f;
    }
    String p = path;
    String prefix = "/proxy/sumdb/" + NAME;
    if (p.startsWith("/proxy/")) {
      if (!p.startsWith(prefix + "/")) {
        return text(404, "not found\n");
      }
      if (!supported) {
        return text(404, "not found\n");
      }
      p = p.substring(prefix.length());
      if (p.equals("/supported")) {
        return new MockResponse.Builder().code(200).build();
      }
    }
    if (p.startsWith("/lookup/")) {
      String mod = p.substring("/lookup/".length());
      int at = mod.indexOf('@');
      if (at < 0) {
        return text(400, "invalid module@version syntax\n");
      }
      String key;
      try {
        key = ModulePath.unescape(mod.substring(0, at)) + "@" + Version.unescape(mod.substring(at + 1));
      } catch (IllegalArgumentException e) {
        return text(400, "invalid escaping\n");
      }
      synchronized (this) {
        if (!ids.containsKey(key)) {
          return text(404, "not found: " + key + "\n");
        }
        return new MockResponse.Builder().code(200)
            .setHeader("Content-Type", "text/plain; charset=UTF-8")
            .body(new Buffer().write(lookupBody(key))).build();
      }
    }
    if (p.startsWith("/tile/")) {
      byte[] data = tileData(p.substring(1));
      if (data == null) {
        return text(404, "not found\n");
      }
      return new MockResponse.Builder().code(200)
          .setHeader("Content-Type", "application/octet-stream")
          .body(new Buffer().write(data)).build();
    }
    if (p.equals("/latest")) {
      return text(200, signedTree());
    }
    return text(404, "not found\n");
  }

  static MockResponse text(int code, String body) {
    return new MockResponse.Builder().code(code)
        .setHeader("Content-Type", "text/plain; charset=UTF-8").body(body).build();
  }

  static MockResponse bytes(int code, byte[] body) {
    return new MockResponse.Builder().code(code)
        .setHeader("Content-Type", "application/octet-stream").body(new Buffer().write(body)).build();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
