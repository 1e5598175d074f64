package io.github.goproxy4j.zip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A txtar archive (golang.org/x/tools/txtar format) read as bytes: comment, then named files. */
final class Txtar {
  /** One file: raw name bytes and data. */
  record File(byte[] rawName, String name, byte[] data) {}

  final byte[] comment;
  final List<File> files;

  private Txtar(byte[] comment, List<File> files) {
    this.comment = comment;
    this.files = files;
  }

  static Txtar resource(String path) {
    try (InputStream in = Txtar.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Txtar parse(byte[] data) {
    List<int[]> lines = new ArrayList<>(); // [start, end(excl. \n), next]
    int i = 0;
    while (i < data.length) {
      int j = i;
      while (j < data.length && data[j] != '\n') {
        j++;
      }
      lines.add(new int[] {i, j, Math.min(j + 1, data.length)});
      i = j + 1;
    }
    byte[] comment = null;
    List<File> files = new ArrayList<>();
    byte[] name = null;
    int dataStart = 0;
    for (int[] l : lines) {
      byte[] line = Arrays.copyOfRange(data, l[0], l[1]);
      byte[] marker = markerName(line);
      if (marker != null) {
        if (name == null) {
          comment = Arrays.copyOfRange(data, 0, l[0]);
        } else {
          files.add(file(name, Arrays.copyOfRange(data, dataStart, l[0])));
        }
        name = marker;
        dataStart = l[2];
      }
    }
    if (name == null) {
      comment = data;
    } else {
      byte[] last = Arrays.copyOfRange(data, Math.min(dataStart, data.length), data.length);
      if (last.length > 0 && last[last.length - 1] != '\n') {
        last = Arrays.copyOf(last, last.length + 1);
        last[last.length - 1] = '\n';
      }
      files.add(file(name, last));
    }
    return new Txtar(comment, files);
  }

  private static File file(byte[] name, byte[] data) {
    return new File(name, io.github.goproxy4j.zip.internal.GoZipReader.decodeName(name), data);
  }

  private static byte[] markerName(byte[] line) {
    String s = new String(line, StandardCharsets.ISO_8859_1);
    if (s.endsWith("\r")) {
      s = s.substring(0, s.length() - 1);
    }
    if (!s.startsWith("-- ") || !s.endsWith(" --") || s.length() < 7) {
      return null;
    }
    return s.substring(3, s.length() - 3).trim().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The key=value lines of the comment (x/mod's zip test header), '#' starting a comment. */
  java.util.Map<String, String> header() {
    java.util.Map<String, String> m = new java.util.HashMap<>();
    for (String line : new String(comment, StandardCharsets.UTF_8).split("\n")) {
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.trim();
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
    }
    return m;
  }
}
