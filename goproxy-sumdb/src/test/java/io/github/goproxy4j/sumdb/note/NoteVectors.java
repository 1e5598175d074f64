package io.github.goproxy4j.sumdb.note;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads note-vectors.txt. */
final class NoteVectors {
  private static final Map<String, String> VALUES = load();

  private NoteVectors() {}

  static String get(String name) {
    String v = VALUES.get(name);
    if (v == null) {
      throw new IllegalStateException("no vector " + name);
    }
    return v;
  }

  private static Map<String, String> load() {
    try (InputStream in = NoteVectors.class.getResourceAsStream("note-vectors.txt")) {
      Map<String, String> m = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int eq = line.indexOf('=');
        m.put(line.substring(0, eq), line.substring(eq + 1).replace("\\n", "\n"));
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
