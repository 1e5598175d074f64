package io.github.goproxy4j.env;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code readEnvFile}: the parser for the user go env file and {@code $GOROOT/go.env}.
 * Also records the lines Go ignores or reads surprisingly, for {@link GoEnv#warnings()}.
 */
final class EnvFile {
  /** A line and what Go makes of it. */
  record Line(int number, String text, String key, String value, boolean ignored) {}

  final Map<String, String> values = new LinkedHashMap<>();
  final List<Line> lines = new ArrayList<>();

  private EnvFile() {}

  static EnvFile parse(byte[] data) {
    EnvFile f = new EnvFile();
    int start = 0;
    int number = 0;
    while (start < data.length) {
      int nl = indexOf(data, (byte) '\n', start);
      int end = nl < 0 ? data.length : nl;
      number++;
      // Go works on bytes; a UTF-8 decode keeps every ASCII byte where it was.
      String line = new String(data, start, end - start, StandardCharsets.UTF_8);
      start = nl < 0 ? data.length : nl + 1;
      int eq = line.indexOf('=');
      if (eq < 0 || line.charAt(0) < 'A' || line.charAt(0) > 'Z') {
        f.lines.add(new Line(number, line, null, null, true));
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      f.values.put(key, value);
      f.lines.add(new Line(number, line, key, value, false));
    }
    return f;
  }

  static EnvFile empty() {
    return new EnvFile();
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
