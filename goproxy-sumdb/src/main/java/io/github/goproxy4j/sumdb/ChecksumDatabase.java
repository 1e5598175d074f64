package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.env.ChecksumDb;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.ProxyWalk;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.internal.Redaction;
import io.github.goproxy4j.internal.TryProxies;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.note.Note;
import io.github.goproxy4j.sumdb.tlog.Hash;
import io.github.goproxy4j.sumdb.tlog.Record;
import io.github.goproxy4j.sumdb.tlog.TileHashReader;
import io.github.goproxy4j.sumdb.tlog.Tlog;
import io.github.goproxy4j.sumdb.tlog.TreeHead;
import io.github.goproxy4j.sumdb.tlog.TreeProof;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a Go checksum database (such as {@code sum.golang.org}) that verifies module hashes
 * exactly as the go command does: it looks a module version up
 * ({@code /lookup/<escaped path>@<escaped version>}), checks the signed tree head with the
 * database's verifier key, proves the record is in that tree by reading authenticated Merkle tiles
 * ({@code /tile/8/...}), and checks every new tree head against the latest one it has verified so
 * that a database that shows different histories to different users is caught.
 *
 * <pre>{@code
 * Route route = ProxyResolver.fromSystem().resolve("rsc.io/quote");
 * try (ChecksumDatabase db = ChecksumDatabase.builder()
 *     .route(route)                        // checksum database and proxies for discovery
 *     .transport(httpTransport)            // your Transport: any GET over java.net.http will do
 *     .build()) {
 *   ModuleVersion mv = ModuleVersion.of("rsc.io/quote", "v1.5.2");
 *   db.verifyGoMod(mv, ModuleHash.ofGoMod(goModBytes));   // before fetching the zip
 *   db.verifyZip(mv, ModuleHash.ofZip(zipPath));
 * }
 * }</pre>
 *
 * <p>With goproxy-client, {@code GoProxyClient.checksumDatabase(path)} returns one already built
 * on the client's HTTP transport (proxy settings, credentials, timeouts), its route and go's
 * state and cache directories; build one yourself only without goproxy-client.
 *
 * <p><b>State shared with go.</b> The latest verified signed tree head is kept where go keeps it,
 * {@code $GOPATH/pkg/sumdb/<name>/latest}, and lookup answers and tiles are cached in go's layout
 * under {@code $GOMODCACHE/cache/download/sumdb/<name>/}, so go and this library reuse each other's
 * work and check each other's tree heads. Only verified data is written, in place under go's
 * lock on the file, as go writes it.
 *
 * <p><b>Reaching the database.</b> With an explicit URL ({@link ChecksumDb#url()}) the database is
 * used directly. Otherwise each proxy of the route is asked for
 * {@code <proxy>/sumdb/<name>/supported}, in order and with go's fallback rules; the first that
 * answers 200 serves the database at {@code <proxy>/sumdb/<name>}; when none does, the database is
 * reached at {@code https://<name>}.
 *
 * <p><b>Failures.</b> A hash that disagrees with the database: {@link ChecksumMismatchException}
 * with go's {@code SECURITY ERROR} text. Two correctly signed tree heads that cannot both be true
 * (a fork, or a smaller tree that is not a prefix of the one verified earlier):
 * {@link SumdbSecurityException}, whose message starts with {@code SECURITY ERROR}, shows both
 * signed heads and the proof, and explains what was seen; after one, this instance refuses every
 * further request. A module version the database does not know (404 or 410 from {@code /lookup}):
 * {@link NotFoundException}. Anything else the server gets wrong (bad signature, malformed note,
 * tile that does not authenticate, response too large): {@link GoProxyException} with go's text.
 * An older tree head that is consistent with the latest one (a stale mirror) is accepted.
 *
 * <p>Instances are thread-safe. Lookups of the same module version and downloads of the same tile
 * by concurrent threads are shared, so no tile is downloaded twice by one instance.
 *
 * <p><b>Deliberate differences from go.</b> (1) go re-reads tiles at start-up to check the stored
 * tree head against itself; this client instead checks it against the first tree the server
 * presents, so that a forked server is reported as a {@code SECURITY ERROR} with a proof rather
 * than as go's {@code downloaded inconsistent tile}; a same-size fork needs no tiles at all. (2)
 * Tiles read only to check a tree that has not been accepted are cached only once it is. (3) A
 * damaged cached lookup answer is fetched again instead of failing. (4) A record that does not
 * mention the module version is refused, as newer go does (go 1.19 accepted it silently).
 *
 * <p><b>Shared with go, for real.</b> The {@code latest} file and the cached lookups and tiles are
 * read and written under the locks go takes on them ({@code flock(2)}, as
 * cmd/go/internal/lockedfile), and {@code latest} is compare-and-swapped inside its lock, so when
 * go, other processes and this JVM update it at once the stored tree never goes backwards.
 */
public final class ChecksumDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChecksumDatabase.class);

  /** The largest lookup answer accepted: a record plus a note of at most {@link Note#MAX_SIZE}. */
  static final int MAX_LOOKUP_RESPONSE = Note.MAX_SIZE + (64 << 10);

  private static final String MISSING_TEXT = "\n\nSECURITY ERROR\n"
      + "This download does NOT match one reported by the checksum server.\n"
      + "The checksum server has provided checksums, but the checksums do\n"
      + "not contain an entry for the download.\n"
      + "The checksum server may be malfunctioning, or an attacker may have\n"
      + "intercepted the checksum request.\n"
      + "The download cannot be verified.\n\n"
      + "For more information, see 'go help module-auth'.\n";

  /** The latest verified tree head and its signed note, replaced as a unit. */
  private record Latest(TreeHead tree, byte[] note) {}

  /** A verified lookup: the record's id and text and the tree it was proven in. */
  private record Verified(long id, String text, long treeSize) {}

  private final ChecksumDb db;
  private final List<ProxyEntry> proxies;
  /** An invalid GOPROXY's error, raised by the first request that needs the proxies; or null. */
  private final GoEnvException proxiesError;
  private final SumdbHttp http;
  private final SumdbStore store;
  private final SumdbTiles tiles;
  private final Clock clock;
  private final Object baseLock = new Object();
  private volatile URI base;
  private final Object initLock = new Object();
  /** Held while a new tree note is verified and merged (taken inside {@code initLock}, never around it). */
  private final Object mergeLock = new Object();
  private volatile boolean initialized;
  private final AtomicReference<Latest> latest =
      new AtomicReference<>(new Latest(new TreeHead(0, Hash.EMPTY_TREE), new byte[0]));
  private final ConcurrentMap<String, CompletableFuture<Verified>> lookups = new ConcurrentHashMap<>();
  private final AtomicReference<SumdbSecurityException> securityFailure = new AtomicReference<>();
  private volatile boolean closed;

  private ChecksumDatabase(Builder b, ChecksumDb db, Path stateDir, Path cacheDir) {
    this.db = db;
    this.proxies = b.proxies == null ? List.of() : List.copyOf(b.proxies);
    this.proxiesError = b.proxiesError;
    this.http = new SumdbHttp(b.transport);
    this.store = new SumdbStore(stateDir, cacheDir, db.name());
    this.tiles = new SumdbTiles(store, http, this::base);
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
  }

  /**
   * Starts building a client.
   *
   * <pre>{@code
   * ChecksumDatabase db = ChecksumDatabase.builder()
   *     .checksumDb(ChecksumDb.parse("sum.golang.org"))
   *     .proxies(List.of(new ProxyEntry.Url(URI.create("https://proxy.golang.org"), FallbackMode.ON_NOT_FOUND)))
   *     .transport(transport)
   *     .build();
   * }</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the database this client talks to.
   *
   * @return the checksum database's name, key and optional URL
   */
  public ChecksumDb checksumDb() {
    return db;
  }

  /**
   * Returns the file holding the latest verified signed tree head ({@code <stateDir>/<name>/latest}).
   *
   * @return the path (it may not exist yet)
   */
  public Path latestFile() {
    return store.latestFile();
  }

  /**
   * Returns the directory holding this database's cached lookups and tiles
   * ({@code <cacheDir>/<name>}).
   *
   * @return the path (it may not exist yet)
   */
  public Path cacheDir() {
    return store.cacheRoot();
  }

  /**
   * Returns the size of the latest tree head verified by this instance (0 before the first lookup,
   * unless a stored head has been read).
   *
   * @return the tree size
   */
  public long latestTreeSize() {
    return latest.get().tree().size();
  }

  /**
   * Looks a module version up and returns what the database says, verified: the record is proven
   * to be in the latest signed tree, and that tree is consistent with every tree seen before.
   *
   * @param module the module version (without a {@code /go.mod} suffix)
   * @return the hashes of its zip and go.mod
   * @throws NotFoundException if the database does not know the module version (404 or 410)
   * @throws SumdbSecurityException if the database is caught showing inconsistent trees, or its
   *     record does not list both hashes of the module version
   * @throws GoProxyException if the database cannot be reached or its answer does not verify
   * @throws IllegalStateException if this instance is closed
   */
  public SumdbLookup lookup(ModuleVersion module) throws GoProxyException {
    Objects.requireNonNull(module, "module");
    String path = module.path().toString();
    String vers = module.version().toString();
    Verified v = verified(module, path + "@" + vers + ": ");
    List<String> lines = new ArrayList<>();
    String zip = null;
    String mod = null;
    for (String line : v.text().split("\n")) {
      if (line.startsWith(path + " " + vers + " ")) {
        lines.add(line);
        if (zip == null && line.startsWith(path + " " + vers + " h1:")) {
          zip = line.substring(path.length() + vers.length() + 2);
        }
      } else if (line.startsWith(path + " " + vers + "/go.mod ")) {
        lines.add(line);
        if (mod == null && line.startsWith(path + " " + vers + "/go.mod h1:")) {
          mod = line.substring(path.length() + vers.length() + "/go.mod ".length() + 1);
        }
      }
    }
    if (zip == null || mod == null) {
      throw new SumdbSecurityException(path + "@" + vers + ": checksum missing from sumdb response\n"
          + "The checksum server " + db.name() + " answered with record " + v.id()
          + ", which has no " + (zip == null ? "h1: line for the module zip" : "h1: line for its go.mod")
          + " of " + path + "@" + vers + ". Its record text is:\n\t"
          + v.text().stripTrailing().replace("\n", "\n\t") + "\n"
          + "The checksum server may be malfunctioning, or an attacker may have intercepted the"
          + " checksum request.");
    }
    try {
      return new SumdbLookup(module, ModuleHash.parse(zip), ModuleHash.parse(mod), v.id(),
          v.treeSize(), lines);
    } catch (IllegalArgumentException e) {
      throw new GoProxyException(path + "@" + vers + ": malformed hash in sumdb record: "
          + e.getMessage(), e);
    }
  }

  /**
   * Checks a go.mod hash against the database, as the go command does before it fetches the zip.
   *
   * @param module the module version
   * @param goModHash the hash of the downloaded go.mod ({@link ModuleHash#ofGoMod(byte[])})
   * @throws ChecksumMismatchException if the database lists a different {@code h1:} hash, or none
   *     for this go.mod (go's {@code SECURITY ERROR} texts)
   * @throws NotFoundException if the database does not know the module version
   * @throws SumdbSecurityException if the database is caught showing inconsistent trees
   * @throws GoProxyException if the database cannot be reached or its answer does not verify
   * @throws IllegalStateException if this instance is closed
   */
  public void verifyGoMod(ModuleVersion module, ModuleHash goModHash) throws GoProxyException {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(goModHash, "goModHash");
    verify(module, goModHash, true);
  }

  /**
   * Checks a module zip's hash against the database.
   *
   * @param module the module version
   * @param zipHash the hash of the downloaded zip ({@link ModuleHash#ofZip(Path)})
   * @throws ChecksumMismatchException if the database lists a different {@code h1:} hash, or none
   *     for this zip (go's {@code SECURITY ERROR} texts)
   * @throws NotFoundException if the database does not know the module version
   * @throws SumdbSecurityException if the database is caught showing inconsistent trees
   * @throws GoProxyException if the database cannot be reached or its answer does not verify
   * @throws IllegalStateException if this instance is closed
   */
  public void verifyZip(ModuleVersion module, ModuleHash zipHash) throws GoProxyException {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(zipHash, "zipHash");
    verify(module, zipHash, false);
  }

  private void verify(ModuleVersion module, ModuleHash hash, boolean goMod) throws GoProxyException {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(hash, "hash");
    String path = module.path().toString();
    String vers = module.version().toString();
    String noun = goMod ? "go.mod" : "module";
    String lookupVers = goMod ? vers + "/go.mod" : vers;
    Verified v = verified(module, path + "@" + vers + ": verifying " + noun + ": " + path + "@"
        + lookupVers + ": ");
    String prefix = path + " " + lookupVers + " ";
    String want = prefix + hash;
    String dbHash = null;
    for (String line : v.text().split("\n")) {
      if (line.equals(want)) {
        return;
      }
      if (dbHash == null && line.startsWith(prefix + "h1:")) {
        dbHash = line.substring(prefix.length());
      }
    }
    if (dbHash != null) {
      throw ChecksumMismatchException.sumdbMismatch(path, lookupVers, hash.toString(), db.name(), dbHash);
    }
    throw new ChecksumMismatchException(path, lookupVers, "", hash.toString(),
        path + "@" + vers + ": verifying " + noun + ": checksum missing from sumdb response"
            + MISSING_TEXT, false);
  }

  /** Looks up (once per process per module version) and verifies; errors carry {@code prefix}. */
  private Verified verified(ModuleVersion module, String prefix) throws GoProxyException {
    if (closed) {
      throw new IllegalStateException("ChecksumDatabase is closed");
    }
    checkNotPoisoned();
    String remote = "lookup/" + module.escapedPath() + "@" + module.escapedVersion();
    CompletableFuture<Verified> f = lookups.get(remote);
    if (f == null) {
      CompletableFuture<Verified> mine = new CompletableFuture<>();
      f = lookups.putIfAbsent(remote, mine);
      if (f == null) {
        f = mine;
        try {
          mine.complete(doLookup(module, remote));
        } catch (IOException | RuntimeException e) {
          lookups.remove(remote, mine); // failures are not remembered: a later call retries
          mine.completeExceptionally(e);
        }
      }
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GoProxyException(prefix + "interrupted", new InterruptedIOException());
    } catch (ExecutionException e) {
      throw withPrefix(prefix, e.getCause());
    }
  }

  private void checkNotPoisoned() throws SumdbSecurityException {
    SumdbSecurityException s = securityFailure.get();
    if (s != null) {
      throw new SumdbSecurityException(s.getMessage(), s);
    }
  }

  private static GoProxyException withPrefix(String prefix, Throwable t) {
    if (t instanceof SumdbSecurityException) {
      return new SumdbSecurityException(t.getMessage(), t);
    }
    if (t instanceof NotFoundException) {
      NotFoundException n = (NotFoundException) t;
      return new NotFoundException(prefix + n.getMessage(), n, n.attempts());
    }
    if (t instanceof SumdbHttp.StatusException && ((SumdbHttp.StatusException) t).isNotFound()) {
      GoProxyException g = (GoProxyException) t;
      return new NotFoundException(prefix + g.getMessage(), g, g.attempts());
    }
    if (t instanceof GoProxyException) {
      GoProxyException g = (GoProxyException) t;
      return new GoProxyException(prefix + g.getMessage(), g, g.attempts());
    }
    String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new GoProxyException(prefix + msg, t);
  }

  private Verified doLookup(ModuleVersion module, String remote) throws IOException {
    init();
    Optional<byte[]> cached = store.readCache(remote);
    if (cached.isPresent()) {
      try {
        Verified v = check(cached.get());
        LOG.debug("{}: verified from cache", remote);
        return v;
      } catch (SumdbSecurityException e) {
        throw e;
      } catch (IOException | IllegalArgumentException e) {
        // go would fail here; a damaged cache entry is instead fetched again
        LOG.debug("{}: ignoring cached answer: {}", remote, e.toString());
      }
    }
    long start = clock.millis();
    byte[] data = http.get(SumdbTiles.resolve(base(), remote), MAX_LOOKUP_RESPONSE);
    LOG.debug("{}: fetched in {} ms", remote, clock.millis() - start);
    Verified v;
    try {
      v = check(data);
    } catch (IllegalArgumentException e) {
      throw new GoProxyException(e.getMessage(), e);
    }
    if (mentions(v.text(), module)) {
      store.writeCache(remote, data);
    } else {
      LOG.debug("{}: record {} does not mention the module; not cached", remote, v.id());
    }
    return v;
  }

  /** Whether a record has a line for the module version (its zip or its go.mod). */
  private static boolean mentions(String text, ModuleVersion module) {
    String p = module.path() + " " + module.version();
    for (String line : text.split("\n")) {
      if (line.startsWith(p + " ") || line.startsWith(p + "/go.mod ")) {
        return true;
      }
    }
    return false;
  }

  /** ParseRecord, mergeLatest, checkRecord. */
  private Verified check(byte[] data) throws IOException {
    Record r = Record.parse(data);
    mergeLatest(r.rest());
    Latest cur = latest.get();
    long id = r.id();
    if (id < 0 || id >= cur.tree().size()) {
      throw new GoProxyException("cannot validate record " + id + " in tree of size "
          + cur.tree().size());
    }
    SumdbTiles.Tracked reader = tiles.tracked(tiles);
    Hash leaf;
    try {
      leaf = new TileHashReader(cur.tree(), reader)
          .readHashes(new long[] {Tlog.storedHashIndex(0, id)}).get(0);
    } catch (IOException | RuntimeException e) {
      reader.forgetUnsaved();
      throw e;
    }
    if (!leaf.equals(Hash.ofRecord(r.text()))) {
      reader.forgetUnsaved();
      throw new GoProxyException("cannot authenticate record data in server response");
    }
    return new Verified(id, new String(r.text(), StandardCharsets.UTF_8), cur.tree().size());
  }

  /** Reads the stored latest tree head, once. */
  private void init() throws IOException {
    if (initialized) {
      return;
    }
    synchronized (initLock) {
      if (initialized) {
        return;
      }
      byte[] stored = store.readLatest();
      if (stored.length > 0) {
        try {
          mergeLatestMem(stored);
        } catch (SumdbSecurityException e) {
          throw poison(e);
        } catch (GoProxyException e) {
          throw new GoProxyException("initializing sumdb.Client: " + e.getMessage() + "\n(the tree"
              + " head stored in " + store.latestFile() + " is not usable)", e, e.attempts());
        }
      }
      initialized = true;
    }
  }

  private SumdbSecurityException poison(SumdbSecurityException e) {
    securityFailure.compareAndSet(null, e);
    return e;
  }

  /** Merges a tree note into memory and, if it is newer, into the stored latest file. */
  private void mergeLatest(byte[] msg) throws IOException {
    int when = mergeLatestMem(msg);
    if (when <= 0) {
      return;
    }
    // A newer tree: store it unless the stored one is newer still (then check against it).
    for (int attempt = 0; attempt < 100; attempt++) {
      byte[] stored = store.readLatest();
      int storedWhen = mergeLatestMem(stored);
      if (storedWhen > 0) {
        return; // someone (go, another instance) stored a newer, consistent tree
      }
      Latest cur = latest.get();
      if (storedWhen == 0 && Arrays.equals(stored, cur.note())) {
        return;
      }
      if (store.compareAndSwapLatest(stored, cur.note())) {
        LOG.debug("stored tree#{} in {}", cur.tree().size(), store.latestFile());
        return;
      }
    }
    throw new GoProxyException("cannot update " + store.latestFile() + ": write conflict");
  }

  /**
   * Go's mergeLatestMem: returns &lt;0 if msg is an older tree, 0 if the same, &gt;0 if it became
   * the new latest. Checks consistency in every case.
   */
  private int mergeLatestMem(byte[] msg) throws IOException {
    if (msg.length == 0) {
      return latest.get().tree().size() == 0 ? 0 : -1;
    }
    if (Arrays.equals(msg, latest.get().note())) {
      return 0; // the very note verified before: the same tree
    }
    // One merge at a time: the first lookups of a bulk download all arrive at once carrying the
    // same new note, and each would otherwise verify its signature (in a cold JVM 10-200 ms of
    // CPU each, measured: six verifications where one suffices). The waiters then find the note
    // verified and return above.
    synchronized (mergeLock) {
      if (Arrays.equals(msg, latest.get().note())) {
        return 0;
      }
      return mergeNewNote(msg);
    }
  }

  /** {@link #mergeLatestMem} for a note other than the latest one, under {@code mergeLock}. */
  private int mergeNewNote(byte[] msg) throws IOException {
    Note note;
    try {
      note = Note.open(msg, List.of(db.verifierKey()));
    } catch (IllegalArgumentException e) {
      throw new GoProxyException("reading tree note: " + e.getMessage() + "\nnote:\n"
          + printable(msg), e);
    }
    TreeHead tree;
    try {
      tree = TreeHead.parse(note.text());
    } catch (IllegalArgumentException e) {
      throw new GoProxyException("reading tree: " + e.getMessage() + "\ntree:\n" + note.text(), e);
    }
    while (true) {
      Latest cur = latest.get();
      if (tree.size() <= cur.tree().size()) {
        checkTrees(tree, msg, cur.tree(), cur.note(), false);
        return tree.size() == cur.tree().size() ? 0 : -1;
      }
      checkTrees(cur.tree(), cur.note(), tree, msg, true);
      if (latest.compareAndSet(cur, new Latest(tree, msg.clone()))) {
        LOG.debug("latest tree is now #{}", tree.size());
        return 1;
      }
    }
  }

  /**
   * Checks that {@code older} is a prefix of {@code newer}: the hash of the first older.size
   * records, computed from tiles authenticated against {@code newer}, must be older's hash.
   *
   * @param olderIsLatest whether {@code older} is the latest tree (so {@code newer} is the one
   *     just received), for the explanation
   */
  private void checkTrees(TreeHead older, byte[] olderNote, TreeHead newer, byte[] newerNote,
      boolean olderIsLatest) throws IOException {
    if (older.size() == 0) {
      return; // the empty tree is a prefix of every tree
    }
    if (older.size() == newer.size()) {
      if (older.hash().equals(newer.hash())) {
        return;
      }
      // Show the tree verified earlier as the old one and the one just received as the new one.
      TreeHead stored = olderIsLatest ? older : newer;
      byte[] storedNote = olderIsLatest ? olderNote : newerNote;
      TreeHead received = olderIsLatest ? newer : older;
      byte[] receivedNote = olderIsLatest ? newerNote : olderNote;
      throw poison(securityError(stored, storedNote, received, receivedNote, received.hash(),
          List.of(), "The checksum database " + db.name() + " signed two different trees of the"
              + " same size " + older.size() + ": the one verified earlier has root hash "
              + stored.hash() + ", the one just received has root hash " + received.hash()
              + ". A log never"
              + " changes its history, so the database is showing different histories to"
              + " different users (a fork)."));
    }
    SumdbTiles.Deferred deferred = tiles.deferred();
    SumdbTiles.Tracked tracked = tiles.tracked(deferred);
    TileHashReader reader = new TileHashReader(newer, tracked);
    Hash h;
    try {
      h = Tlog.treeHash(older.size(), reader);
    } catch (SumdbSecurityException e) {
      tracked.forgetUnsaved();
      throw e;
    } catch (GoProxyException e) {
      tracked.forgetUnsaved();
      throw new GoProxyException("checking tree#" + older.size() + " against tree#" + newer.size()
          + ": " + e.getMessage(), e, e.attempts());
    } catch (IOException | IllegalArgumentException e) {
      tracked.forgetUnsaved();
      throw new GoProxyException("checking tree#" + older.size() + " against tree#" + newer.size()
          + ": " + e.getMessage(), e);
    }
    if (h.equals(older.hash())) {
      deferred.commit();
      return;
    }
    List<Hash> proof;
    try {
      proof = TreeProof.prove(newer.size(), older.size(), reader).hashes();
    } catch (IOException | IllegalArgumentException e) {
      proof = List.of(); // the mismatch itself is the evidence; the proof is a courtesy
    }
    tracked.forgetUnsaved();
    String seen = olderIsLatest
        ? "The tree of size " + newer.size() + " just received does not extend the tree of size "
            + older.size() + " verified earlier"
        : "The tree of size " + older.size() + " just received is not a prefix of the tree of size "
            + newer.size() + " verified earlier (it is not an older state of the same log)";
    throw poison(securityError(older, olderNote, newer, newerNote, h, proof, seen
        + ": the first " + older.size() + " records of the larger tree hash to " + h
        + ", but the smaller tree's root hash is " + older.hash() + ". Both trees are signed by "
        + db.name() + ", so the database is showing different histories to different users"
        + " (a fork)."));
  }

  private SumdbSecurityException securityError(TreeHead older, byte[] olderNote, TreeHead newer,
      byte[] newerNote, Hash h, List<Hash> proof, String explanation) {
    StringBuilder b = new StringBuilder();
    b.append("SECURITY ERROR\n");
    b.append("go.sum database server misbehavior detected!\n\n");
    b.append("old database:\n\t").append(indent(olderNote)).append('\n');
    b.append("new database:\n\t").append(indent(newerNote)).append('\n');
    b.append("proof of misbehavior:\n\t").append(h);
    for (Hash q : proof) {
      b.append("\n\t").append(q);
    }
    b.append("\n\n").append(explanation).append('\n');
    b.append("Do not trust modules verified against this database until this is explained. The"
        + " latest tree verified before is kept in ").append(store.latestFile()).append('.');
    LOG.debug("security error: tree#{} vs tree#{}", older.size(), newer.size());
    return new SumdbSecurityException(b.toString());
  }

  private static String indent(byte[] note) {
    return new String(note, StandardCharsets.UTF_8).replace("\n", "\n\t");
  }

  private static String printable(byte[] msg) {
    int n = Math.min(msg.length, 4096);
    String s = new String(msg, 0, n, StandardCharsets.UTF_8);
    return n < msg.length ? s + "[... " + (msg.length - n) + " more bytes]" : s;
  }

  /** The base URL of the database: explicit, through a proxy that supports it, or direct. */
  private URI base() throws GoProxyException {
    URI b = base;
    if (b != null) {
      return b;
    }
    synchronized (baseLock) {
      if (base != null) {
        return base;
      }
      Optional<URI> explicit = db.url();
      if (explicit.isPresent()) {
        base = explicit.get();
      } else if (proxiesError != null) {
        // go's dbClient.initBase walks GOPROXY first (TryProxies): an invalid list fails it, and
        // with it every lookup the cache does not answer
        throw new GoProxyException(proxiesError.getMessage(), proxiesError);
      } else if (proxies.isEmpty()) {
        base = db.directUrl();
      } else {
        try {
          base = TryProxies.run(proxies, this::supported);
        } catch (NotFoundException e) {
          base = db.directUrl();
        }
      }
      LOG.debug("checksum database {} at {}", db.name(), Redaction.redacted(base));
      return base;
    }
  }

  private URI supported(ProxyEntry entry) throws IOException {
    if (!(entry instanceof ProxyEntry.Url)) {
      throw new NotFoundException(ProxyWalk.PROXY_OFF_MESSAGE);
    }
    URI root = SumdbTiles.resolve(((ProxyEntry.Url) entry).uri(), "sumdb/" + db.name());
    try {
      http.get(SumdbTiles.resolve(root, "supported"), 64 << 10);
      return root;
    } catch (SumdbHttp.StatusException e) {
      if (e.isNotFound()) {
        throw new NotFoundException(e.getMessage(), e, e.attempts());
      }
      throw e;
    }
  }

  /** The number of HTTP requests this instance has sent (lookups, tiles and proxy discovery). */
  long requestCount() {
    return http.requests();
  }

  /** Releases memory held for shared downloads; later calls fail. */
  @Override
  public void close() {
    closed = true;
    tiles.clear();
    lookups.clear();
  }

  @Override
  public String toString() {
    return "ChecksumDatabase[" + db.name() + "]";
  }

  /**
   * Builds a {@link ChecksumDatabase}. A transport and a checksum database (directly or from a
   * route) are required; every location defaults to where go keeps it.
   *
   * <pre>{@code
   * ChecksumDatabase db = ChecksumDatabase.builder()
   *     .checksumDb(ChecksumDb.parse(vkey + " http://127.0.0.1:8080"))
   *     .transport(transport)
   *     .stateDir(tmp.resolve("sumdb-state"))
   *     .cacheDir(tmp.resolve("sumdb-cache"))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private ChecksumDb checksumDb;
    private List<ProxyEntry> proxies;
    private GoEnvException proxiesError;
    private Route route;
    private Transport transport;
    private Path stateDir;
    private Path cacheDir;
    private Clock clock;

    private Builder() {}

    /**
     * Sets the checksum database (name, verifier key, optional URL), as GOSUMDB names it.
     *
     * @param checksumDb the database
     * @return this
     */
    public Builder checksumDb(ChecksumDb checksumDb) {
      this.checksumDb = Objects.requireNonNull(checksumDb, "checksumDb");
      return this;
    }

    /**
     * Sets the route whose proxies are asked whether they serve the database (and whose checksum
     * database is used when {@link #checksumDb(ChecksumDb)} is not called). A route of an invalid
     * GOPROXY is taken as {@link #proxies(ProxyResolver)} takes one: its error is raised by the
     * first request that needs the proxies.
     *
     * @param route the route
     * @return this
     */
    public Builder route(Route route) {
      this.route = Objects.requireNonNull(route, "route");
      return this;
    }

    /**
     * Sets the proxies asked whether they serve the database (GOPROXY's list), instead of a
     * route's.
     *
     * @param proxies the entries in order; empty to reach the database directly
     * @return this
     */
    public Builder proxies(List<ProxyEntry> proxies) {
      this.proxies = List.copyOf(Objects.requireNonNull(proxies, "proxies"));
      this.proxiesError = null;
      return this;
    }

    /**
     * Sets the proxies asked whether they serve the database to the resolver's GOPROXY list, the
     * one go's checksum database client walks for every module (a GONOPROXY match does not make
     * it direct), instead of a route's. When GOPROXY is invalid the database is still built: what
     * its cache answers is answered, and the first request that needs the proxies fails with the
     * list's error (Go's text), as go's client does.
     *
     * @param resolver the resolver whose {@link ProxyResolver#proxies()} are asked
     * @return this
     */
    public Builder proxies(ProxyResolver resolver) {
      Objects.requireNonNull(resolver, "resolver");
      try {
        return proxies(resolver.proxies());
      } catch (GoEnvException e) {
        this.proxies = List.of();
        this.proxiesError = e;
        return this;
      }
    }

    /**
     * Sets how requests are sent (required).
     *
     * @param transport the transport
     * @return this
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Sets the directory holding {@code <name>/latest}; default {@code $GOPATH/pkg/sumdb}.
     *
     * @param stateDir the directory
     * @return this
     */
    public Builder stateDir(Path stateDir) {
      this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
      return this;
    }

    /**
     * Sets the directory holding {@code <name>/lookup/...} and {@code <name>/tile/...}; default
     * {@code $GOMODCACHE/cache/download/sumdb}.
     *
     * @param cacheDir the directory
     * @return this
     */
    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
      return this;
    }

    /**
     * Sets the clock used to time requests in debug logs; default the system clock.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalStateException if no transport or no checksum database was given
     * @throws io.github.goproxy4j.env.GoEnvException if a default location is needed and the go
     *     environment does not give one, or if the route's GOSUMDB is invalid
     */
    public ChecksumDatabase build() {
      if (transport == null) {
        throw new IllegalStateException("ChecksumDatabase.builder(): transport(...) is required");
      }
      ChecksumDb db = checksumDb;
      if (db == null && route != null) {
        db = route.checksumDb().orElse(null);
      }
      if (db == null) {
        throw new IllegalStateException("ChecksumDatabase.builder(): checksumDb(...) is required"
            + (route != null ? " (the route uses no checksum database: GOSUMDB=off or GONOSUMDB)" : ""));
      }
      if (proxies == null && route != null) {
        try {
          proxies = route.proxies();
        } catch (GoEnvException e) {
          proxies = List.of();
          proxiesError = e; // raised by the first request that needs the proxies
        }
      }
      Path state = stateDir;
      Path cache = cacheDir;
      if (state == null || cache == null) {
        GoEnv env = GoEnv.fromSystem();
        if (state == null) {
          state = env.sumdbDir();
        }
        if (cache == null) {
          cache = env.modCacheDir().resolve("cache").resolve("download").resolve("sumdb");
        }
      }
      return new ChecksumDatabase(this, db, state, cache);
    }
  }
}
