package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.env.ChecksumDb;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.env.VerifierKey;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.note.Note;
import io.github.goproxy4j.sumdb.note.SignerKey;
import io.github.goproxy4j.sumdb.tlog.Hash;
import io.github.goproxy4j.sumdb.tlog.HashReader;
import io.github.goproxy4j.sumdb.tlog.Record;
import io.github.goproxy4j.sumdb.tlog.Tile;
import io.github.goproxy4j.sumdb.tlog.TileHashReader;
import io.github.goproxy4j.sumdb.tlog.TileReader;
import io.github.goproxy4j.sumdb.tlog.TreeHead;
import io.github.goproxy4j.testing.NullArguments;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A null argument at goproxy-sumdb's public API (sumdb, note, tlog) is an NPE naming the
 * parameter, thrown at the call: {@link NullArguments} (Guava's NullPointerTester) over every
 * public constructor and static method of its public types and the instance methods of a sample
 * of each value type, a checksum database client whose transport fails every request among them.
 * One class for the module, as goproxy-api's: the defaults and samples are shared, and a new
 * public method is checked without a test written for it.
 */
class PublicApiNullTest {
  @Test
  void nullArguments(@TempDir Path dir) throws Exception {
    SignerKey signer = SignerKey.generate("sumdb.example");
    VerifierKey verifier = signer.verifierKey();
    Hash hash = Hash.ofRecord("x".getBytes(StandardCharsets.UTF_8));
    TreeHead tree = new TreeHead(1, hash);
    Note note = Note.open(Note.sign(tree.format(), signer), List.of(verifier));
    ModuleVersion mv = ModuleVersion.of("example.com/m", "v1.0.0");
    ModuleHash modHash = ModuleHash.ofGoMod("module example.com/m\n".getBytes(StandardCharsets.UTF_8));
    Transport failing = (uri, headers) -> {
      throw new IOException("no network in this test");
    };
    HashReader hashes = indexes -> List.of();
    TileReader tiles = new TileReader() {
      @Override
      public int height() {
        return 8;
      }

      @Override
      public List<byte[]> readTiles(List<Tile> list) {
        return List.of();
      }

      @Override
      public void saveTiles(List<Tile> list, List<byte[]> data) {}
    };
    ChecksumDb db = ChecksumDb.of(verifier, URI.create("http://127.0.0.1:9"));
    ChecksumDatabase client = ChecksumDatabase.builder().checksumDb(db).transport(failing)
        .stateDir(dir.resolve("state")).cacheDir(dir.resolve("cache")).build();
    Path file = Files.writeString(dir.resolve("go.sum"), "");
    try {
      NullArguments.of(GoSum.class, "io.github.goproxy4j.sumdb", "io.github.goproxy4j.sumdb.note",
              "io.github.goproxy4j.sumdb.tlog")
          .setDefault(ModuleVersion.class, mv)
          .setDefault(ModuleHash.class, modHash)
          .setDefault(Hash.class, hash)
          .setDefault(TreeHead.class, tree)
          .setDefault(Note.class, note)
          .setDefault(SignerKey.class, signer)
          .setDefault(VerifierKey.class, verifier)
          .setDefault(ChecksumDb.class, db)
          .setDefault(Transport.class, failing)
          .setDefault(HashReader.class, hashes)
          .setDefault(TileReader.class, tiles)
          .setDefault(Tile.class, Tile.parse("tile/8/0/000"))
          .setDefault(GoSum.class, GoSum.empty())
          .setDefault(Clock.class, Clock.systemUTC())
          .setDefault(Path.class, file)
          .setDefault(String.class, "example.com/m")
          // null documented as a value (no such line, not valid) or as malformed input, rejected
          // with the type's own exception
          .nullAllowed(GoSum.class, "with(ModuleVersion, ModuleHash, ModuleHash)", "zip")
          .nullAllowed(GoSum.class, "with(ModuleVersion, ModuleHash, ModuleHash)", "goMod")
          .nullAllowed(GoSum.Builder.class, "add", "zip")
          .nullAllowed(GoSum.Builder.class, "add", "goMod")
          .nullAllowed(ModuleHash.class, "parse", "text")
          .nullAllowed(ModuleHash.class, "isValid", "text")
          .nullAllowed(Note.class, "open", "message")
          .nullAllowed(SignerKey.class, "parse", "skey")
          .nullAllowed(SignerKey.class, "generate", "name")
          .nullAllowed(Record.class, "parse", "msg")
          .nullAllowed(Record.class, "isValidRecordText", "text")
          .nullAllowed(Tile.class, "parse", "path")
          .nullAllowed(TreeHead.class, "parse", "text")
          .nullAllowed(Hash.class, "parse", "s")
          .publicTypes()
          .instance(GoSum.parse("example.com/m v1.0.0/go.mod " + modHash + "\n"))
          .instance(GoSum.builder())
          .instance(modHash)
          .instance(client)
          .instance(ChecksumDatabase.builder())
          .instance(note)
          .instance(note.signatures().get(0))
          .instance(signer)
          .instance(hash)
          .instance(tree)
          .instance(Record.parse(Record.format(0, "example.com/m v1.0.0 h1:x\n".getBytes(StandardCharsets.UTF_8))))
          .instance(Tile.parse("tile/8/0/000"))
          .instance(new TileHashReader(tree, tiles))
          .assertNone();
    } finally {
      client.close();
    }
  }
}
