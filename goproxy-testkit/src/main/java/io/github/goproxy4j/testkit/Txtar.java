package io.github.goproxy4j.testkit;

import io.github.goproxy4j.internal.GoStrings;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The txtar archive format of the go command's test data ({@code cmd/go/testdata/mod}): an
 * optional comment, then file sections introduced by lines {@code -- NAME --}. Parsing follows
 * Go's {@code internal/txtar} (a marker is a line that starts with {@code "-- "}, ends with
 * {@code " --"} and names something after trimming spaces; a section that does not end in a
 * newline gets one) and adds the checks Go leaves to chance: names must be valid UTF-8 and
 * unique.
 */
final class Txtar {

  /** One file section: its name, its bytes, and the 1-based line of its marker. */
  record Section(String name, byte[] data, int line) {
    Section {
      Objects.requireNonNull(name, "name");
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Section s && s.name.equals(name) && s.line == line
          && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, line, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
      return "Section[" + name + " at line " + line + ", " + data.length + " bytes]";
    }
  }

  /** A parsed archive. */
  record Archive(String source, byte[] comment, List<Section> sections) {
    Archive {
      comment = comment.clone();
      sections = List.copyOf(sections);
    }

    @Override
    public byte[] comment() {
      return comment.clone();
    }

    /** Returns the section with this name, or null. */
    Section section(String name) {
      for (Section s : sections) {
        if (s.name().equals(name)) {
          return s;
        }
      }
      return null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Archive a && a.source.equals(source)
          && Arrays.equals(a.comment, comment) && a.sections.equals(sections);
    }

    @Override
    public int hashCode() {
      return Objects.hash(source, Arrays.hashCode(comment), sections);
    }
  }

  private Txtar() {}

  /**
   * Parses an archive.
   *
   * @param source the file name, for messages
   * @param data the archive bytes
   * @return the archive
   * @throws InvalidFakeModuleException for a marker whose name is not UTF-8 or repeats an
   *     earlier name (the message gives both line numbers)
   */
  static Archive parse(String source, byte[] data) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(data, "data");
    List<Section> sections = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    byte[] comment = null;
    String name = null;
    int nameLine = 0;
    int start = 0; // start of the current section's data
    int pos = 0;
    int line = 1;
    while (pos < data.length) {
      int nl = indexOf(data, (byte) '\n', pos);
      int end = nl < 0 ? data.length : nl;
      String marker = markerName(source, data, pos, end, line);
      if (marker != null) {
        byte[] body = fixNewline(Arrays.copyOfRange(data, start, pos));
        if (name == null) {
          comment = body;
        } else {
          sections.add(new Section(name, body, nameLine));
        }
        Integer previous = seen.putIfAbsent(marker, line);
        if (previous != null) {
          throw new InvalidFakeModuleException(source, line,
              source + ":" + line + ": duplicate file \"" + marker + "\" (first at line "
                  + previous + ")", null);
        }
        name = marker;
        nameLine = line;
        start = nl < 0 ? data.length : nl + 1;
      }
      pos = nl < 0 ? data.length : nl + 1;
      line++;
    }
    byte[] body = fixNewline(Arrays.copyOfRange(data, start, data.length));
    if (name == null) {
      comment = body;
    } else {
      sections.add(new Section(name, body, nameLine));
    }
    return new Archive(source, comment, sections);
  }

  /** Returns the marker name if bytes [from, to) form a marker line, else null. */
  private static String markerName(String source, byte[] data, int from, int to, int line) {
    int len = to - from;
    if (len < 6 || data[from] != '-' || data[from + 1] != '-' || data[from + 2] != ' '
        || data[to - 3] != ' ' || data[to - 2] != '-' || data[to - 1] != '-') {
      return null;
    }
    String name;
    try {
      name = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, from + 3, len - 6))
          .toString();
    } catch (CharacterCodingException e) {
      String trimmed = GoStrings.trimSpace(new String(data, from + 3, len - 6, StandardCharsets.UTF_8));
      if (trimmed.isEmpty()) {
        return null;
      }
      throw new InvalidFakeModuleException(source, line,
          source + ":" + line + ": file name is not valid UTF-8", e);
    }
    name = GoStrings.trimSpace(name);
    return name.isEmpty() ? null : name;
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] fixNewline(byte[] data) {
    if (data.length == 0 || data[data.length - 1] == '\n') {
      return data;
    }
    byte[] out = Arrays.copyOf(data, data.length + 1);
    out[data.length] = '\n';
    return out;
  }
}
