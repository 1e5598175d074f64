package io.github.goproxy4j.sumdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.env.ChecksumDb;
import io.github.goproxy4j.env.FallbackMode;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.note.SignerKey;
import io.github.goproxy4j.testing.GoFlock;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChecksumDatabase} against an in-memory checksum database on loopback: verification, the
 * on-disk layout go uses, proxy discovery, and one test per attack.
 */
class ChecksumDatabaseTest {
  static final String Z1 = "h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=";
  static final String M1 = "h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=";
  static final String Z2 = "h1:Bu8L9ONsPfKTKMM/WMrSxrBBdmMNrPZOmXF0Rnq/XU0=";

  @TempDir Path tmp;
  SignerKey key;
  SumdbFakeDb fake;
  SumdbTestTransport transport = new SumdbTestTransport();

  @BeforeEach
  void start() throws IOException {
    key = SumdbFakeDb.newKey();
    fake = new SumdbFakeDb(key);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  ChecksumDatabase client(SumdbFakeDb db) {
    return client(db.checksumDb());
  }

  ChecksumDatabase client(ChecksumDb db) {
    return ChecksumDatabase.builder().checksumDb(db).transport(transport)
        .stateDir(tmp.resolve("gopath/pkg/sumdb"))
        .cacheDir(tmp.resolve("modcache/cache/download/sumdb")).build();
  }

  Path latestFile() {
    return tmp.resolve("gopath/pkg/sumdb/" + SumdbFakeDb.NAME + "/latest");
  }

  Path cached(String rel) {
    return tmp.resolve("modcache/cache/download/sumdb/" + SumdbFakeDb.NAME + "/" + rel);
  }

  /** Every file under the lookup and tile cache, relative. */
  List<String> cacheFiles() throws IOException {
    Path root = tmp.resolve("modcache/cache/download/sumdb/" + SumdbFakeDb.NAME);
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
    }
  }

  static ModuleVersion mv(String p, String v) {
    return ModuleVersion.of(p, v);
  }

  void addThree() {
    fake.add("rsc.io/quote", "v1.5.2", Z1, M1);
    fake.add("example.com/a", "v1.0.0", Z2, M1);
    fake.add("github.com/Azure/kubelogin", "v0.1.7", Z1, M1);
  }

  @Test
  void lookupVerifiesAndCachesInGoLayout() throws Exception {
    addThree();
    try (ChecksumDatabase db = client(fake)) {
      SumdbLookup l = db.lookup(mv("rsc.io/quote", "v1.5.2"));
      assertEquals(Z1, l.zipHash().toString());
      assertEquals(M1, l.goModHash().toString());
      assertEquals(0, l.recordId());
      assertEquals(3, l.treeSize());
      assertEquals(List.of("rsc.io/quote v1.5.2 " + Z1, "rsc.io/quote v1.5.2/go.mod " + M1), l.lines());
    }
    assertEquals(fake.signedTree(), Files.readString(latestFile()));
    assertArrayEquals(fake.lookupBody("rsc.io/quote@v1.5.2"), Files.readAllBytes(cached("lookup/rsc.io/quote@v1.5.2")));
    assertArrayEquals(fake.tileData("tile/8/0/000.p/3"), Files.readAllBytes(cached("tile/8/0/000.p/3")));
    assertEquals(List.of("lookup/rsc.io/quote@v1.5.2", "tile/8/0/000.p/3"), cacheFiles());
    assertEquals(2, transport.total());
  }

  @Test
  void escapesUpperCaseInPathAndVersion() throws Exception {
    addThree();
    try (ChecksumDatabase db = client(fake)) {
      db.verifyZip(mv("github.com/Azure/kubelogin", "v0.1.7"), ModuleHash.parse(Z1));
    }
    assertTrue(transport.counts().containsKey("/lookup/github.com/!azure/kubelogin@v0.1.7"), transport.counts().toString());
    assertTrue(Files.exists(cached("lookup/github.com/!azure/kubelogin@v0.1.7")));
  }

  @Test
  void secondInstanceAnswersFromTheCacheWithoutNetwork() throws Exception {
    addThree();
    try (ChecksumDatabase db = client(fake)) {
      db.lookup(mv("rsc.io/quote", "v1.5.2"));
    }
    transport.reset();
    try (ChecksumDatabase db = client(fake)) {
      db.verifyGoMod(mv("rsc.io/quote", "v1.5.2"), ModuleHash.parse(M1));
      db.verifyZip(mv("rsc.io/quote", "v1.5.2"), ModuleHash.parse(Z1));
    }
    assertEquals(0, transport.total(), transport.counts().toString());
  }

  @Test
  void oneLookupServesGoModAndZip() throws Exception {
    addThree();
    try (ChecksumDatabase db = client(fake)) {
      db.verifyGoMod(mv("example.com/a", "v1.0.0"), ModuleHash.parse(M1));
      db.verifyZip(mv("example.com/a", "v1.0.0"), ModuleHash.parse(Z2));
      db.lookup(mv("example.com/a", "v1.0.0"));
    }
    assertEquals(1, transport.lookupRequests());
  }

  @Test
  void treeGrowthIsCheckedAndStored() throws Exception {
    addThree();
    try (ChecksumDatabase db = client(fake)) {
      db.lookup(mv("rsc.io/quote", "v1.5.2"));
      for (int i = 0; i < 300; i++) {
        fake.add("example.com/m" + i, "v1.0.0", Z2, M1);
      }
      SumdbLookup l = db.lookup(mv("example.com/m299", "v1.0.0"));
      assertEquals(302, l.recordId());
      assertEquals(303, l.treeSize());
      assertEquals(303, db.latestTreeSize());
    }
    assertEquals(fake.signedTree(), Files.readString(latestFile()));
  }

  @Test
  void verifyZipMismatchHasGoText() throws Exception {
    addThree();
    try (ChecksumDatabase db = client(fake)) {
      ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
          () -> db.verifyZip(mv("rsc.io/quote", "v1.5.2"), ModuleHash.parse(Z2)));
      assertEquals("rsc.io/quote@v1.5.2: verifying module: checksum mismatch\n"
          + "\tdownloaded: " + Z2 + "\n"
          + "\t" + SumdbFakeDb.NAME + ": " + Z1 + "\n\n"
          + "SECURITY ERROR\n"
          + "This download does NOT match the one reported by the checksum server.\n"
          + "The bits may have been replaced on the origin server, or an attacker may\n"
          + "have intercepted the download attempt.\n\n"
          + "For more information, see 'go help module-auth'.\n", e.getMessage());
      ChecksumMismatchException g = assertThrows(ChecksumMismatchException.class,
          () -> db.verifyGoMod(mv("rsc.io/quote", "v1.5.2"), ModuleHash.parse(Z2)));
      assertTrue(g.getMessage().startsWith("rsc.io/quote@v1.5.2: verifying go.mod: checksum mismatch\n"
          + "\tdownloaded: " + Z2 + "\n\t" + SumdbFakeDb.NAME + ": " + M1 + "\n\nSECURITY ERROR\n"), g.getMessage());
    }
  }

  @Test
  void recordMissingTheModuleIsRefusedAndNotCached() throws Exception {
    fake.add("rsc.io/quote", "v1.5.2", Z1, M1);
    fake.addRecord("example.com/b@v1.0.0", "example.com/other v1.0.0 " + Z1 + "\n");
    try (ChecksumDatabase db = client(fake)) {
      SumdbSecurityException s = assertThrows(SumdbSecurityException.class,
          () -> db.lookup(mv("example.com/b", "v1.0.0")));
      assertTrue(s.getMessage().startsWith("SECURITY ERROR\nexample.com/b@v1.0.0: checksum missing from sumdb response"), s.getMessage());
      ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
          () -> db.verifyZip(mv("example.com/b", "v1.0.0"), ModuleHash.parse(Z1)));
      assertTrue(e.getMessage().startsWith("example.com/b@v1.0.0: verifying module: checksum missing from sumdb response\n\n"
          + "SECURITY ERROR\nThis download does NOT match one reported by the checksum server.\n"), e.getMessage());
    }
    assertFalse(Files.exists(cached("lookup/example.com/b@v1.0.0")));
  }

  @Test
  void notFoundIs404WithGoMessageAnd500IsNot() throws Exception {
    addThree();
    try (ChecksumDatabase db = client(fake)) {
      NotFoundException e = assertThrows(NotFoundException.class,
          () -> db.lookup(mv("example.com/nope", "v1.0.0")));
      assertEquals("example.com/nope@v1.0.0: reading " + fake.url() + "/lookup/example.com/nope@v1.0.0: 404 Not Found\n"
          + "\tserver response: not found: example.com/nope@v1.0.0", e.getMessage());
      NotFoundException g = assertThrows(NotFoundException.class,
          () -> db.verifyGoMod(mv("example.com/nope", "v1.0.0"), ModuleHash.parse(M1)));
      assertTrue(g.getMessage().startsWith("example.com/nope@v1.0.0: verifying go.mod: example.com/nope@v1.0.0/go.mod: reading "), g.getMessage());

      fake.fault = p -> p.startsWith("/lookup/") ? SumdbFakeDb.text(500, "database on fire\n") : null;
      GoProxyException f = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertFalse(f instanceof NotFoundException);
      assertEquals("rsc.io/quote@v1.5.2: reading " + fake.url() + "/lookup/rsc.io/quote@v1.5.2: 500 Internal Server Error\n"
          + "\tserver response: database on fire", f.getMessage());
      assertEquals(500, f.attempts().get(0).status());
    }
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void wrongVerifierKeyIsRefusedAndNothingIsStored() throws Exception {
    addThree();
    SignerKey other = SignerKey.generate(SumdbFakeDb.NAME);
    try (ChecksumDatabase db = client(ChecksumDb.of(other.verifierKey(), fake.url()))) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(e.getMessage().startsWith("rsc.io/quote@v1.5.2: reading tree note: note has no verifiable signatures"),
          e.getMessage());
      assertFalse(e instanceof SumdbSecurityException);
    }
    assertFalse(Files.exists(latestFile()));
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void badSignatureIsRefused() throws Exception {
    addThree();
    byte[] body = fake.lookupBody("rsc.io/quote@v1.5.2");
    String s = new String(body, StandardCharsets.UTF_8);
    int sig = s.lastIndexOf(' ') + 10; // inside the signature's base64, past the key hash
    char c = s.charAt(sig);
    String forged = s.substring(0, sig) + (c == 'A' ? 'B' : 'A') + s.substring(sig + 1);
    fake.fault = p -> p.startsWith("/lookup/") ? SumdbFakeDb.text(200, forged) : null;
    try (ChecksumDatabase db = client(fake)) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(e.getMessage().startsWith("rsc.io/quote@v1.5.2: reading tree note: invalid signature for key "
          + SumdbFakeDb.NAME + "+"), e.getMessage());
    }
    assertFalse(Files.exists(latestFile()));
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void noteTooLargeOrMalformedIsRefused() throws Exception {
    addThree();
    String body = new String(fake.lookupBody("rsc.io/quote@v1.5.2"), StandardCharsets.UTF_8);
    String record = body.substring(0, body.indexOf("\n\n") + 2);
    String huge = record + "go.sum database tree\n3\n" + "x".repeat(ChecksumDatabase.MAX_LOOKUP_RESPONSE) + "\n";
    fake.fault = p -> p.startsWith("/lookup/") ? SumdbFakeDb.text(200, huge) : null;
    try (ChecksumDatabase db = client(fake)) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(e.getMessage().contains("response body larger than " + ChecksumDatabase.MAX_LOOKUP_RESPONSE + " bytes"),
          e.getMessage());
      fake.fault = p -> p.startsWith("/lookup/") ? SumdbFakeDb.text(200, record + "go.sum database tree\n3\nno signature\n") : null;
      GoProxyException m = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(m.getMessage().startsWith("rsc.io/quote@v1.5.2: reading tree note: malformed note"), m.getMessage());
      fake.fault = p -> p.startsWith("/lookup/") ? SumdbFakeDb.text(200, "12\nno blank line") : null;
      GoProxyException r = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertEquals("rsc.io/quote@v1.5.2: malformed record data", r.getMessage());
    }
    assertFalse(Files.exists(latestFile()));
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void tileWithFlippedBitIsRefusedAndNotCached() throws Exception {
    addThree();
    byte[] tile = fake.tileData("tile/8/0/000.p/3");
    tile[40] ^= 0x10;
    fake.fault = p -> p.equals("/tile/8/0/000.p/3") ? SumdbFakeDb.bytes(200, tile) : null;
    try (ChecksumDatabase db = client(fake)) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertEquals("rsc.io/quote@v1.5.2: downloaded inconsistent tile", e.getMessage());
      assertFalse(e instanceof SumdbSecurityException);
    }
    assertEquals(List.of(), cacheFiles());
  }

  /**
   * Defect 7: a tile that once failed authentication is not kept in memory; once the server is
   * fixed the same instance verifies (it used to fail until restart).
   */
  @Test
  void tileThatFailedAuthenticationIsFetchedAgainLater() throws Exception {
    addThree();
    byte[] tile = fake.tileData("tile/8/0/000.p/3");
    tile[40] ^= 0x10;
    fake.fault = p -> p.equals("/tile/8/0/000.p/3") ? SumdbFakeDb.bytes(200, tile) : null;
    try (ChecksumDatabase db = client(fake)) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertEquals("rsc.io/quote@v1.5.2: downloaded inconsistent tile", e.getMessage());
      fake.fault = p -> null;
      assertEquals(Z1, db.lookup(mv("rsc.io/quote", "v1.5.2")).zipHash().toString());
      assertEquals(Z2, db.lookup(mv("example.com/a", "v1.0.0")).zipHash().toString());
    }
    assertArrayEquals(fake.tileData("tile/8/0/000.p/3"), Files.readAllBytes(cached("tile/8/0/000.p/3")));
  }

  @Test
  void tileOfWrongSizeIsRefusedAndNotCached() throws Exception {
    addThree();
    byte[] tile = fake.tileData("tile/8/0/000.p/3");
    fake.fault = p -> p.equals("/tile/8/0/000.p/3") ? SumdbFakeDb.bytes(200, Arrays.copyOf(tile, 95)) : null;
    try (ChecksumDatabase db = client(fake)) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(e.getMessage().startsWith("rsc.io/quote@v1.5.2: TileReader returned bad result slice"), e.getMessage());
    }
    fake.fault = p -> p.equals("/tile/8/0/000.p/3") ? SumdbFakeDb.bytes(200, Arrays.copyOf(tile, 128)) : null;
    try (ChecksumDatabase db = client(fake)) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(e.getMessage().contains("tile/8/0/000.p/3: response body larger than 96 bytes"), e.getMessage());
    }
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void truncatedResponsesAreRefused() throws Exception {
    addThree();
    byte[] body = fake.lookupBody("rsc.io/quote@v1.5.2");
    byte[] cut = Arrays.copyOf(body, body.length - 30);
    fake.fault = p -> p.startsWith("/lookup/") ? SumdbFakeDb.bytes(200, cut) : null;
    try (ChecksumDatabase db = client(fake)) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(e.getMessage().startsWith("rsc.io/quote@v1.5.2: reading tree note: "), e.getMessage());
      // A body cut off by the connection closing before Content-Length bytes arrived.
      fake.fault = p -> p.startsWith("/lookup/")
          ? new MockResponse.Builder().code(200).body(new Buffer().write(cut))
              .setHeader("Content-Length", body.length)
              .onResponseEnd(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build()
          : null;
      GoProxyException t = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(t.getMessage().startsWith("rsc.io/quote@v1.5.2: reading "), t.getMessage());
    }
    assertFalse(Files.exists(latestFile()));
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void endlessResponsesAreCutOff() throws Exception {
    addThree();
    fake.fault = p -> p.startsWith("/lookup/") || p.startsWith("/tile/")
        ? new MockResponse.Builder().code(200).body(new SumdbEndlessBody()).build() : null;
    try (ChecksumDatabase db = client(fake)) {
      long t0 = System.nanoTime();
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(e.getMessage().contains("response body larger than"), e.getMessage());
      assertTrue(System.nanoTime() - t0 < 20_000_000_000L);
    }
    fake.fault = p -> p.startsWith("/tile/")
        ? new MockResponse.Builder().code(200).body(new SumdbEndlessBody()).build() : null;
    try (ChecksumDatabase db = client(fake)) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(e.getMessage().contains("tile/8/0/000.p/3: response body larger than 96 bytes"), e.getMessage());
    }
    assertEquals(List.of(), cacheFiles());
  }

  /** A second database signing with the same key: a fork of {@link #fake}'s log. */
  SumdbFakeDb forkOf(int sameRecords, int otherRecords) throws IOException {
    SumdbFakeDb other = new SumdbFakeDb(key);
    for (int i = 0; i < sameRecords; i++) {
      other.add("example.com/m" + i, "v1.0.0", Z1, M1);
    }
    for (int i = 0; i < otherRecords; i++) {
      other.add("evil.example/m" + i, "v1.0.0", Z2, M1);
    }
    return other;
  }

  void addSame(int n) {
    for (int i = 0; i < n; i++) {
      fake.add("example.com/m" + i, "v1.0.0", Z1, M1);
    }
  }

  @Test
  void forkOfTheSameSizeIsASecurityError() throws Exception {
    addSame(3);
    try (ChecksumDatabase db = client(fake)) {
      db.lookup(mv("example.com/m0", "v1.0.0"));
    }
    String stored = Files.readString(latestFile());
    List<String> cachedBefore = cacheFiles();
    try (SumdbFakeDb forked = forkOf(2, 1); ChecksumDatabase db = client(forked)) {
      SumdbSecurityException e = assertThrows(SumdbSecurityException.class,
          () -> db.lookup(mv("example.com/m1", "v1.0.0")));
      String m = e.getMessage();
      assertTrue(m.startsWith("SECURITY ERROR\ngo.sum database server misbehavior detected!\n\n"
          + "old database:\n\tgo.sum database tree\n\t3\n"), m);
      assertTrue(m.contains("new database:\n\t" + forked.signedTree().replace("\n", "\n\t")), m);
      assertTrue(m.contains("signed two different trees of the same size 3"), m);
      // Refused for good: even a lookup that would verify fails now.
      assertThrows(SumdbSecurityException.class, () -> db.lookup(mv("example.com/m1", "v1.0.0")));
    }
    assertEquals(stored, Files.readString(latestFile()));
    assertEquals(cachedBefore, cacheFiles());
  }

  @Test
  void forkThatGrowsIsASecurityErrorWithProof() throws Exception {
    addSame(5);
    try (ChecksumDatabase db = client(fake)) {
      db.lookup(mv("example.com/m0", "v1.0.0"));
    }
    String stored = Files.readString(latestFile());
    // No tiles cached: go would only say "downloaded inconsistent tile" here.
    for (String f : cacheFiles()) {
      Files.delete(cached(f));
    }
    try (SumdbFakeDb forked = forkOf(4, 2); ChecksumDatabase db = client(forked)) {
      SumdbSecurityException e = assertThrows(SumdbSecurityException.class,
          () -> db.lookup(mv("evil.example/m1", "v1.0.0")));
      String m = e.getMessage();
      assertTrue(m.startsWith("SECURITY ERROR\ngo.sum database server misbehavior detected!\n\nold database:\n\t"
          + stored.replace("\n", "\n\t") + "\nnew database:\n\t" + forked.signedTree().replace("\n", "\n\t")
          + "\nproof of misbehavior:\n\t"), m);
      assertTrue(m.contains("The tree of size 6 just received does not extend the tree of size 5 verified earlier"), m);
    }
    assertEquals(stored, Files.readString(latestFile()));
    assertEquals(List.of(), cacheFiles()); // not even the forked tree's tiles
  }

  @Test
  void smallerTreeThatIsNotAPrefixIsASecurityError() throws Exception {
    addSame(10);
    try (ChecksumDatabase db = client(fake)) {
      db.lookup(mv("example.com/m0", "v1.0.0"));
    }
    String stored = Files.readString(latestFile());
    try (SumdbFakeDb forked = forkOf(3, 2); ChecksumDatabase db = client(forked)) {
      SumdbSecurityException e = assertThrows(SumdbSecurityException.class,
          () -> db.lookup(mv("evil.example/m0", "v1.0.0")));
      assertTrue(e.getMessage().contains("The tree of size 5 just received is not a prefix of the tree of size 10"
          + " verified earlier"), e.getMessage());
      assertTrue(e.getMessage().startsWith("SECURITY ERROR\n"));
    }
    assertEquals(stored, Files.readString(latestFile()));
    assertFalse(Files.exists(cached("lookup/evil.example/m0@v1.0.0")));
  }

  @Test
  void smallerPrefixTreeFromAStaleMirrorIsAccepted() throws Exception {
    addSame(10);
    try (ChecksumDatabase db = client(fake)) {
      db.lookup(mv("example.com/m9", "v1.0.0"));
    }
    String stored = Files.readString(latestFile());
    fake.signedSize = 5; // the same log, as a mirror that is behind sees it
    try (ChecksumDatabase db = client(fake)) {
      SumdbLookup l = db.lookup(mv("example.com/m2", "v1.0.0"));
      assertEquals(2, l.recordId());
      assertEquals(10, l.treeSize()); // proven against the newer tree verified before
    }
    assertEquals(stored, Files.readString(latestFile()));
    assertTrue(Files.exists(cached("lookup/example.com/m2@v1.0.0")));
  }

  @Test
  void discoveryUsesAProxyThatSupportsTheDatabase() throws Exception {
    addThree();
    List<ProxyEntry> proxies = List.of(new ProxyEntry.Url(fake.proxyUrl(), FallbackMode.ON_NOT_FOUND));
    try (ChecksumDatabase db = ChecksumDatabase.builder().checksumDb(fake.checksumDbNoUrl())
        .proxies(proxies).transport(transport).stateDir(tmp.resolve("s")).cacheDir(tmp.resolve("c")).build()) {
      db.lookup(mv("rsc.io/quote", "v1.5.2"));
      db.lookup(mv("example.com/a", "v1.0.0"));
    }
    String p = "/proxy/sumdb/" + SumdbFakeDb.NAME;
    assertEquals(1, transport.counts().get(p + "/supported"));
    assertEquals(1, transport.counts().get(p + "/lookup/rsc.io/quote@v1.5.2"));
    assertEquals(1, transport.counts().get(p + "/tile/8/0/000.p/3"));
  }

  @Test
  void discoveryFallsBackToDirectOnlyWhenNoProxySupportsTheDatabase() throws Exception {
    addThree();
    fake.supported = false;
    List<ProxyEntry> proxies = List.of(new ProxyEntry.Url(fake.proxyUrl(), FallbackMode.ON_NOT_FOUND));
    try (ChecksumDatabase db = ChecksumDatabase.builder().checksumDb(fake.checksumDbNoUrl())
        .proxies(proxies).transport(transport).stateDir(tmp.resolve("s")).cacheDir(tmp.resolve("c")).build()) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      // https://<name> is tried (and refused by the loopback-only test transport).
      assertTrue(e.getMessage().contains("reading https://" + SumdbFakeDb.NAME + "/lookup/rsc.io/quote@v1.5.2"),
          e.getMessage());
    }
    fake.supported = true;
    fake.fault = p -> p.endsWith("/supported") ? SumdbFakeDb.text(500, "broken\n") : null;
    URI second = URI.create(fake.url() + "/proxy2");
    // "," stops at a 500: the database is unavailable.
    try (ChecksumDatabase db = ChecksumDatabase.builder().checksumDb(fake.checksumDbNoUrl())
        .proxies(List.of(new ProxyEntry.Url(fake.proxyUrl(), FallbackMode.ON_NOT_FOUND),
            new ProxyEntry.Url(second, FallbackMode.ON_NOT_FOUND)))
        .transport(transport).stateDir(tmp.resolve("s")).cacheDir(tmp.resolve("c")).build()) {
      GoProxyException e = assertThrows(GoProxyException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
      assertTrue(e.getMessage().contains("/proxy/sumdb/" + SumdbFakeDb.NAME + "/supported: 500 Internal Server Error"),
          e.getMessage());
      assertInstanceOf(GoProxyException.class, e);
      assertFalse(transport.counts().containsKey("/proxy2/sumdb/" + SumdbFakeDb.NAME + "/supported"));
    }
  }

  @Test
  void partialTileMissingOnTheServerIsCutFromTheFullTile() throws Exception {
    addSame(600);
    fake.signedSize = 300; // the client sees tree 300; the server's log already has 600
    fake.fault = p -> p.equals("/tile/8/0/001.p/44") ? SumdbFakeDb.text(404, "gone\n") : null;
    try (ChecksumDatabase db = client(fake)) {
      assertEquals(299, db.lookup(mv("example.com/m299", "v1.0.0")).recordId());
    }
    assertEquals(1, transport.counts().get("/tile/8/0/001.p/44"));
    assertEquals(1, transport.counts().get("/tile/8/0/001"));
    // Saved under the partial tile's name, as go does.
    assertArrayEquals(Arrays.copyOf(fake.tileData("tile/8/0/001"), 44 * 32), Files.readAllBytes(cached("tile/8/0/001.p/44")));
    assertFalse(Files.exists(cached("tile/8/0/001")));
  }

  @Test
  void cachedFullTileServesAPartialTile() throws Exception {
    addSame(600);
    Files.createDirectories(cached("tile/8/0"));
    Files.write(cached("tile/8/0/001"), fake.tileData("tile/8/0/001"));
    fake.signedSize = 300;
    try (ChecksumDatabase db = client(fake)) {
      db.lookup(mv("example.com/m299", "v1.0.0"));
    }
    assertFalse(transport.counts().containsKey("/tile/8/0/001.p/44"), transport.counts().toString());
  }

  @Test
  void closedInstanceRefusesWork() throws Exception {
    addThree();
    ChecksumDatabase db = client(fake);
    db.close();
    assertThrows(IllegalStateException.class, () -> db.lookup(mv("rsc.io/quote", "v1.5.2")));
  }

  @Test
  void builderRequiresTransportAndDatabase() {
    assertThrows(IllegalStateException.class, () -> ChecksumDatabase.builder().checksumDb(fake.checksumDb()).build());
    assertThrows(IllegalStateException.class, () -> ChecksumDatabase.builder().transport(transport).build());
  }

  /**
   * Defect 9: while a go process holds its lock on {@code latest} to store a newer tree, a lookup
   * that saw an older (but newer than stored) tree waits, then keeps go's newer tree instead of
   * replacing it: the stored tree never goes backwards.
   */
  @Test
  void storedTreeNeverGoesBackwardsWhenGoUpdatesItAtTheSameTime() throws Exception {
    assumeTrue(GoFlock.flockPlatform());
    GoTool.assumeGo();
    addThree();
    try (ChecksumDatabase db = client(fake)) {
      db.lookup(mv("rsc.io/quote", "v1.5.2"));
    }
    for (int i = 0; i < 10; i++) {
      fake.add("example.com/n" + i, "v1.0.0", Z2, M1);
    }
    for (int i = 0; i < 10; i++) {
      fake.add("example.com/o" + i, "v1.0.0", Z2, M1);
    }
    Path goWrites = tmp.resolve("go-latest");
    Files.writeString(goWrites, fake.signedTree(23));
    fake.signedSize = 13;
    try (GoFlock.Holder go = GoFlock.hold(GoFlock.binary(), latestFile(), goWrites)) {
      SumdbLookup found = go.assertBlocksUntilReleased(() -> {
        try (ChecksumDatabase db = client(fake)) {
          return db.lookup(mv("example.com/n5", "v1.0.0"));
        }
      });
      assertEquals(8, found.recordId());
    }
    assertEquals(fake.signedTree(23), Files.readString(latestFile()));
  }

  @Test
  void builderNamesANullArgument() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> ChecksumDatabase.builder().proxies((List<ProxyEntry>) null));
    assertEquals("proxies", e.getMessage());
  }
}
