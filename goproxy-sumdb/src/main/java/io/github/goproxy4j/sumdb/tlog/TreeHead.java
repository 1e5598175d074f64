package io.github.goproxy4j.sumdb.tlog;

import io.github.goproxy4j.internal.GoBase64;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A tree head: the size of the log and its root hash, as x/mod's {@code tlog.Tree}. Its text is
 * the body of the signed tree note:
 *
 * <pre>
 * go.sum database tree
 * 35119576
 * wsMRe8ItLbtt7dNXFrBSnNrHQKXt78Vs8j/BvAbgfCk=
 * </pre>
 *
 * <pre>{@code
 * TreeHead tree = TreeHead.parse(verifiedNote.text());
 * String body = tree.format();   // "go.sum database tree\n<N>\n<hash>\n"
 * }</pre>
 *
 * @param size the number of records, ≥ 0
 * @param hash the root hash
 */
public record TreeHead(long size, Hash hash) {
  private static final String PREFIX = "go.sum database tree\n";
  private static final int MAX_TEXT = 1_000_000;

  /**
   * Validates the components.
   *
   * @param size the number of records
   * @param hash the root hash
   */
  public TreeHead {
    Objects.requireNonNull(hash, "hash");
    if (size < 0) {
      throw new TlogFormatException("malformed tree note: negative size " + size);
    }
  }

  /**
   * Formats the note text: {@code go.sum database tree\n<size>\n<base64 hash>\n}.
   *
   * @return the text to sign
   */
  public String format() {
    return PREFIX + size + "\n" + hash + "\n";
  }

  /**
   * Parses a tree note text (x/mod's {@code ParseTree}); lines after the third are ignored.
   *
   * @param text the note text (without signatures);
   *     {@code null} is rejected as malformed, with the exception below
   * @return the tree head
   * @throws TlogFormatException {@code malformed tree note}
   */
  public static TreeHead parse(String text) {
    if (text == null) {
      throw new TlogFormatException("malformed tree note");
    }
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses a tree note text given as bytes.
   *
   * @param text the note text; {@code null} is rejected as malformed, with the exception below
   * @return the tree head
   * @throws TlogFormatException {@code malformed tree note}
   */
  public static TreeHead parse(byte[] text) {
    if (text == null || text.length > MAX_TEXT) {
      throw new TlogFormatException("malformed tree note");
    }
    String s = new String(text, StandardCharsets.ISO_8859_1); // byte-exact view
    if (!s.startsWith(PREFIX)) {
      throw new TlogFormatException("malformed tree note");
    }
    String[] lines = s.split("\n", -1);
    if (lines.length < 4) {
      throw new TlogFormatException("malformed tree note");
    }
    long n = parseCanonical(lines[1]);
    byte[] h = GoBase64.decode(lines[2]).orElse(null);
    if (n < 0 || h == null || h.length != Hash.SIZE) {
      throw new TlogFormatException("malformed tree note");
    }
    return new TreeHead(n, Hash.of(h));
  }

  /** Canonical non-negative decimal int64, else -1. */
  private static long parseCanonical(String s) {
    if (s.isEmpty() || s.length() > 19 || (s.length() > 1 && s.charAt(0) == '0')) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
      if (v < 0) {
        return -1;
      }
    }
    return v;
  }
}
