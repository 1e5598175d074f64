package io.github.goproxy4j.testkit;

import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.note.Note;
import io.github.goproxy4j.sumdb.note.SignerKey;
import io.github.goproxy4j.sumdb.tlog.Tile;
import io.github.goproxy4j.sumdb.tlog.TreeHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checksum database built into a {@link FakeGoProxy}: a real Merkle tree (x/mod's tlog) over
 * the go.sum records of every module version the fake serves, with signed tree heads, record
 * lookups and hash and data tiles, served under {@code <proxy>/sumdb/<name>/} so that the go
 * command (with {@code GOSUMDB=<key>}) and {@code ChecksumDatabase} verify downloads against
 * it. Switches make it misbehave the ways a client must detect; they are thread-safe and take
 * effect for the next request.
 *
 * <pre>{@code
 * try (FakeGoProxy proxy = FakeGoProxy.builder().module(FakeModule.of("example.com/m", "v1.0.0")).start()) {
 *   FakeSumdb db = proxy.sumdb();
 *   db.serveWrongHash("example.com/m", "v1.0.0");   // go: SECURITY ERROR ... checksum mismatch
 *   db.serveHonest();
 *   db.serveFork();                                  // go: go.sum database server misbehavior detected!
 * }
 * }</pre>
 *
 * <p>Records are in the log in module path and version order, and are never added later: the
 * tree covers exactly the versions the fake was started with.
 */
public final class FakeSumdb {
  private static final Pattern LOOKUP =
      Pattern.compile("[^@]+@v[0-9]+\\.[0-9]+\\.[0-9]+(-[^@]*)?(\\+incompatible)?");
  private static final String TEXT = "text/plain; charset=UTF-8";

  /** A log as served: the log and how much of it the signed tree covers. */
  private static final class View {
    final SumdbLog log;
    final long size;
    final byte[] note;

    View(SumdbLog log, long size, SignerKey signer) {
      this.log = log;
      this.size = size;
      String tree = new TreeHead(size, log.treeHash(size)).format();
      this.note = Note.sign(tree, signer).getBytes(StandardCharsets.UTF_8);
    }
  }

  private final SignerKey signer;
  private final List<SumdbLog.Entry> honestEntries;
  private final SumdbLog honest;
  private final Set<String> wrong = new LinkedHashSet<>();
  private boolean forked;
  private long rollback = -1;
  private final List<String[]> initialWrong;
  private volatile View view;

  FakeSumdb(SignerKey signer, List<ServedVersion> versions, List<String[]> initialWrong) {
    this.signer = Objects.requireNonNull(signer, "signer");
    List<SumdbLog.Entry> entries = new ArrayList<>();
    for (ServedVersion sv : versions) {
      String text = recordText(sv);
      if (text != null) {
        entries.add(new SumdbLog.Entry(sv.key(), text.getBytes(StandardCharsets.UTF_8)));
      }
    }
    this.honestEntries = List.copyOf(entries);
    this.honest = SumdbLog.of(honestEntries);
    this.initialWrong = List.copyOf(initialWrong);
    reset();
  }

  /** Serves the honest log, then applies the builder's wrong-hash switches. */
  synchronized void reset() {
    wrong.clear();
    forked = false;
    rollback = -1;
    for (String[] w : initialWrong) {
      String key = w[0] + "@" + w[1];
      if (honest.id(key) < 0) {
        throw new IllegalArgumentException("the checksum database has no record for " + key);
      }
      wrong.add(key);
    }
    rebuild();
  }

  /** The go.sum lines for a served version, or null when it has neither zip nor go.mod. */
  static String recordText(ServedVersion sv) {
    StringBuilder sb = new StringBuilder();
    String zipHash = null;
    try {
      if (sv.zipFile() != null) {
        zipHash = ModuleHash.ofZip(sv.zipFile()).toString();
      } else if (sv.hasZip()) {
        zipHash = ModuleHash.ofZip(sv.zip()).toString();
      }
    } catch (IOException | RuntimeException e) {
      zipHash = null; // a deliberately broken zip: no zip line
    }
    if (zipHash == null && sv.zipHashHint != null && ModuleHash.isValid(sv.zipHashHint)) {
      zipHash = sv.zipHashHint;
    }
    if (zipHash != null) {
      sb.append(sv.path).append(' ').append(sv.version).append(' ').append(zipHash).append('\n');
    }
    if (sv.mod() != null) {
      sb.append(sv.path).append(' ').append(sv.version).append("/go.mod ")
          .append(ModuleHash.ofGoMod(sv.mod())).append('\n');
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /**
   * Returns the database name ({@code GOSUMDB}'s name and the path element after
   * {@code /sumdb/}).
   *
   * @return the name
   */
  public String name() {
    return signer.name();
  }

  /**
   * Returns the verifier key, the value to give {@code GOSUMDB}.
   *
   * @return {@code name+hash+key}
   */
  public String verifierKey() {
    return signer.verifierKey().toString();
  }

  /**
   * Returns the go.sum lines the honest database holds for a module version.
   *
   * @param path the module path
   * @param version the version
   * @return the record text, or empty when the fake does not serve that version
   */
  public Optional<String> record(String path, String version) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    long id = honest.id(path + "@" + version);
    return id < 0 ? Optional.empty()
        : Optional.of(new String(honest.record(id), StandardCharsets.UTF_8));
  }

  /**
   * Returns the size of the tree currently served.
   *
   * @return the number of records the served signed tree head covers
   */
  public long treeSize() {
    return view.size;
  }

  /**
   * Returns the signed tree head currently served (the body of {@code /latest}).
   *
   * @return the signed note
   */
  public String signedTree() {
    return new String(view.note, StandardCharsets.UTF_8);
  }

  /**
   * Serves a wrong zip hash ({@code h1:} of other content) in the record of this module
   * version, in a log that is otherwise the same; the go command reports
   * {@code verifying module: checksum mismatch} and {@code SECURITY ERROR}. A client that has
   * already seen the honest tree instead detects an inconsistent tree. Adds to earlier
   * wrong-hash switches.
   *
   * @param path the module path
   * @param version the version
   * @throws IllegalArgumentException if the fake does not serve that version
   */
  public synchronized void serveWrongHash(String path, String version) {
    String key = Objects.requireNonNull(path, "path") + "@"
        + Objects.requireNonNull(version, "version");
    if (honest.id(key) < 0) {
      throw new IllegalArgumentException("the checksum database has no record for " + key);
    }
    wrong.add(key);
    rebuild();
  }

  /**
   * Serves a correctly signed tree that is inconsistent with the honest one: a different
   * record is inserted before the last honest record, so every tree of the full size differs
   * and no later tree extends the honest one. A client that saw the honest tree reports
   * {@code SECURITY ERROR ... go.sum database server misbehavior detected!}. With no records
   * there is nothing to fork and the fork is just a tree of one other record.
   */
  public synchronized void serveFork() {
    forked = true;
    rebuild();
  }

  /**
   * Serves the signed tree head of an earlier, smaller tree (the first {@code size} records of
   * the log currently served). An older tree consistent with what a client has seen is not an
   * error for the go command; lookups of records beyond it answer 404. Combined with
   * {@link #serveFork()} it gives a smaller tree that is not a prefix of the honest one.
   *
   * @param size the tree size to serve (at least 0; larger than the log serves the whole log)
   */
  public synchronized void serveRollback(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size must not be negative: " + size);
    }
    rollback = size;
    rebuild();
  }

  /** Ends every misbehaviour: serves the honest log and its full tree again. */
  public synchronized void serveHonest() {
    wrong.clear();
    forked = false;
    rollback = -1;
    rebuild();
  }

  private void rebuild() {
    SumdbLog log = honest;
    if (!wrong.isEmpty() || forked) {
      List<SumdbLog.Entry> entries = new ArrayList<>();
      for (SumdbLog.Entry e : honestEntries) {
        entries.add(wrong.contains(e.key()) ? new SumdbLog.Entry(e.key(), wrongText(e)) : e);
      }
      if (forked) {
        byte[] other = ("example.invalid/fork v0.0.0 " + ModuleHash.ofDigest(sha256("fork"))
            + "\n").getBytes(StandardCharsets.UTF_8);
        entries.add(Math.max(0, entries.size() - 1), new SumdbLog.Entry(null, other));
      }
      log = SumdbLog.of(entries);
    }
    long size = rollback < 0 ? log.size() : Math.min(rollback, log.size());
    view = new View(log, size, signer);
  }

  private static byte[] wrongText(SumdbLog.Entry e) {
    String text = new String(e.text(), StandardCharsets.UTF_8);
    String[] lines = text.split("\n");
    int target = 0;
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].contains("/go.mod ")) {
        target = i;
        break;
      }
    }
    String line = lines[target];
    lines[target] = line.substring(0, line.lastIndexOf(' ') + 1)
        + ModuleHash.ofDigest(sha256("wrong " + e.key()));
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers a request below {@code /sumdb/<name>/}. */
  Answer answer(Endpoint endpoint, String rest) {
    View v = view;
    switch (endpoint) {
      case SUMDB_SUPPORTED:
        return Answer.ok(TEXT, new byte[0]);
      case SUMDB_LATEST:
        return Answer.ok(TEXT, v.note);
      case SUMDB_LOOKUP:
        return lookup(v, rest.substring("lookup/".length()));
      case SUMDB_TILE:
        return tile(v, rest);
      default:
        return Answer.text(404, "not found");
    }
  }

  private Answer lookup(View v, String mv) {
    if (!LOOKUP.matcher(mv).matches()) {
      return Answer.text(400, "invalid module@version syntax");
    }
    int at = mv.indexOf('@');
    String path;
    String version;
    try {
      path = ModulePath.unescape(mv.substring(0, at)).toString();
      version = Version.unescape(mv.substring(at + 1));
    } catch (IllegalArgumentException e) {
      return Answer.text(400, e.getMessage());
    }
    long id = v.log.id(path + "@" + version);
    if (id < 0 || id >= v.size) {
      return Answer.text(404, "not found: " + path + "@" + version);
    }
    byte[] rec = v.log.record(id);
    byte[] head = (id + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + rec.length + 1 + v.note.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(rec, 0, out, head.length, rec.length);
    out[head.length + rec.length] = '\n';
    System.arraycopy(v.note, 0, out, head.length + rec.length + 1, v.note.length);
    return Answer.ok(TEXT, out);
  }

  private Answer tile(View v, String rest) {
    Tile t;
    try {
      t = Tile.parse(rest);
    } catch (IllegalArgumentException e) {
      return Answer.text(400, "invalid tile syntax");
    }
    long start = t.number() << t.height();
    long end = start + t.width();
    if (t.isData()) {
      if (end > v.size) {
        return Answer.text(404, "not found: tile beyond the tree");
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (long id = start; id < end; id++) {
        byte[] r = v.log.record(id);
        out.write(r, 0, r.length);
        out.write('\n');
      }
      return Answer.ok("application/octet-stream", out.toByteArray());
    }
    long levelSize = (long) t.level() * t.height() >= 63 ? 0 : v.size >> (t.level() * t.height());
    if (end > levelSize) {
      return Answer.text(404, "not found: tile beyond the tree");
    }
    try {
      return Answer.ok("application/octet-stream", t.readTileData(v.log.reader()));
    } catch (IOException e) {
      return Answer.text(404, "not found: " + e.getMessage());
    }
  }
}
