package io.github.goproxy4j.testkit;

import io.github.goproxy4j.sumdb.tlog.Hash;
import io.github.goproxy4j.sumdb.tlog.HashReader;
import io.github.goproxy4j.sumdb.tlog.Tlog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only transparency log of go.sum records held in memory: the record texts, the
 * {@code path@version} index, and every stored hash (x/mod tlog layout). Immutable once built.
 */
final class SumdbLog {
  /** A record: its key ({@code path@version}) and its text. */
  record Entry(String key, byte[] text) {}

  private final List<byte[]> records;
  private final Map<String, Long> ids;
  private final List<Hash> hashes;

  private SumdbLog(List<byte[]> records, Map<String, Long> ids, List<Hash> hashes) {
    this.records = records;
    this.ids = ids;
    this.hashes = hashes;
  }

  static SumdbLog of(List<Entry> entries) {
    List<byte[]> records = new ArrayList<>(entries.size());
    Map<String, Long> ids = new HashMap<>();
    List<Hash> hashes = new ArrayList<>(entries.size() * 2);
    HashReader reader = readerOf(hashes);
    for (Entry e : entries) {
      long id = records.size();
      try {
        hashes.addAll(Tlog.storedHashesForRecordHash(id, Hash.ofRecord(e.text()), reader));
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      records.add(e.text().clone());
      if (e.key() != null) {
        ids.putIfAbsent(e.key(), id);
      }
    }
    return new SumdbLog(Collections.unmodifiableList(records), Collections.unmodifiableMap(ids),
        Collections.unmodifiableList(hashes));
  }

  private static HashReader readerOf(List<Hash> hashes) {
    return indexes -> {
      List<Hash> out = new ArrayList<>(indexes.length);
      for (long i : indexes) {
        if (i < 0 || i >= hashes.size()) {
          throw new IOException("stored hash " + i + " is not in the log");
        }
        out.add(hashes.get((int) i));
      }
      return out;
    };
  }

  HashReader reader() {
    return readerOf(hashes);
  }

  long size() {
    return records.size();
  }

  byte[] record(long id) {
    return records.get((int) id);
  }

  /** The record id for {@code path@version}, or -1. */
  long id(String key) {
    Long id = ids.get(key);
    return id == null ? -1 : id;
  }

  Hash treeHash(long n) {
    try {
      return Tlog.treeHash(n, reader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
