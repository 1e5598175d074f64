package io.github.goproxy4j.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.module.ModuleVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fuzzes what a checksum database answers: lookup bodies that are garbage, genuine records with
 * garbage notes, garbage records with genuine notes, and genuine answers with garbage tiles.
 * Whatever the bytes, {@link ChecksumDatabase#lookup} either verifies or throws a
 * {@link GoProxyException} (never an unchecked exception), and nothing unverified is cached.
 * Without {@code JAZZER_FUZZ=1} this replays the seeds under {@code ChecksumDatabaseFuzzTestInputs/}.
 */
class ChecksumDatabaseFuzzTest {
  private static SumdbFakeDb log;

  private static synchronized SumdbFakeDb log() throws IOException {
    if (log == null) {
      log = new SumdbFakeDb(SumdbFakeDb.newKey(), false);
      for (int i = 0; i < 5; i++) {
        log.add("example.com/m" + i, "v1.0.0", ChecksumDatabaseTest.Z1, ChecksumDatabaseTest.M1);
      }
    }
    return log;
  }

  @FuzzTest(maxDuration = "30s")
  void serverAnswers(FuzzedDataProvider data) throws IOException {
    SumdbFakeDb db = log();
    int mode = data.consumeInt(0, 3);
    byte[] tile = data.consumeBytes(data.consumeInt(0, 9000));
    byte[] rest = data.consumeRemainingAsBytes();
    byte[] genuine = db.lookupBody("example.com/m2@v1.0.0");
    String g = new String(genuine, StandardCharsets.UTF_8);
    int split = g.indexOf("\n\n") + 2;
    byte[] lookup;
    switch (mode) {
      case 1:
        lookup = concat(g.substring(0, split).getBytes(StandardCharsets.UTF_8), rest);
        break;
      case 2:
        lookup = concat(rest, g.substring(split).getBytes(StandardCharsets.UTF_8));
        break;
      case 3:
        lookup = genuine;
        break;
      default:
        lookup = rest;
        break;
    }
    Transport t = (uri, headers) -> {
      byte[] body = uri.getPath().contains("/lookup/") ? lookup : tile;
      return Transport.Response.of(200, Map.of(), new ByteArrayInputStream(body));
    };
    Path dir = Files.createTempDirectory("sumdbfuzz");
    try (ChecksumDatabase c = ChecksumDatabase.builder().checksumDb(db.checksumDb()).transport(t)
        .stateDir(dir.resolve("state")).cacheDir(dir.resolve("cache")).build()) {
      boolean ok;
      try {
        SumdbLookup l = c.lookup(ModuleVersion.of("example.com/m2", "v1.0.0"));
        assertEquals(2, l.recordId());
        ok = true;
      } catch (GoProxyException e) {
        assertNotNull(e.getMessage());
        ok = false;
      }
      Path cachedLookup = dir.resolve("cache/" + SumdbFakeDb.NAME + "/lookup/example.com/m2@v1.0.0");
      if (!ok) {
        assertFalse(Files.exists(cachedLookup));
      } else {
        assertEquals(new String(lookup, StandardCharsets.UTF_8), Files.readString(cachedLookup));
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
