package io.github.goproxy4j.modfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads xmod-comment-vectors.txt: name → go.mod input, and name + ".want" → expected text. */
final class CommentVectors {
  private CommentVectors() {}

  /** @return the inputs only, keyed by kind/desc */
  static Map<String, byte[]> load() throws IOException {
    Map<String, byte[]> in = new LinkedHashMap<>();
    all().forEach((k, v) -> {
      if (k.endsWith(".in")) {
        in.put(k.substring(0, k.length() - 3), v.getBytes(StandardCharsets.UTF_8));
      }
    });
    return in;
  }

  /** @return every section, keyed by its txtar name */
  static Map<String, String> all() throws IOException {
    String text;
    try (InputStream in = CommentVectors.class.getResourceAsStream("xmod-comment-vectors.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> m = new LinkedHashMap<>();
    String name = null;
    StringBuilder cur = new StringBuilder();
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("-- ") && line.endsWith(" --")) {
        if (name != null) {
          m.put(name, cur.toString());
        }
        name = line.substring(3, line.length() - 3);
        cur.setLength(0);
      } else if (name != null) {
        cur.append(line).append('\n');
      }
    }
    if (name != null) {
      m.put(name, cur.toString());
    }
    return m;
  }
}
