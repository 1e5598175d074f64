package io.github.goproxy4j.sumdb.tlog;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoUtf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record as the checksum database's {@code /lookup} endpoint serves it: its id, its text (the
 * go.sum lines) and whatever follows (the signed tree note), as x/mod's {@code tlog.ParseRecord}
 * and {@code FormatRecord}.
 *
 * <pre>{@code
 * Record r = Record.parse(lookupResponseBytes);
 * Hash leaf = Hash.ofRecord(r.text());
 * byte[] signedTree = r.rest();
 * }</pre>
 */
public final class Record {
  private final long id;
  private final byte[] text;
  private final byte[] rest;

  private Record(long id, byte[] text, byte[] rest) {
    this.id = id;
    this.text = text;
    this.rest = rest;
  }

  /** {@return the record id (its index in the log)} */
  public long id() {
    return id;
  }

  /** {@return a copy of the record text: non-empty lines, each ending in {@code \n}} */
  public byte[] text() {
    return text.clone();
  }

  /** {@return the record text as a string} */
  public String textString() {
    return new String(text, StandardCharsets.UTF_8);
  }

  /** {@return a copy of the bytes after the record's terminating blank line} */
  public byte[] rest() {
    return rest.clone();
  }

  /**
   * Formats a record for the lookup endpoint: {@code id\n} + text + {@code \n}.
   *
   * @param id the record id
   * @param text valid record text
   * @return the bytes
   * @throws TlogFormatException {@code malformed record data}
   */
  public static byte[] format(long id, byte[] text) {
    Objects.requireNonNull(text, "text");
    if (!isValidRecordText(text)) {
      throw new TlogFormatException("malformed record data");
    }
    byte[] head = (id + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(head, head.length + text.length + 1);
    System.arraycopy(text, 0, out, head.length, text.length);
    out[out.length - 1] = '\n';
    return out;
  }

  /**
   * Parses a lookup response: the id line (Go's lenient {@code ParseInt}: a sign and leading
   * zeros are accepted), the text up to the first blank line, and the rest.
   *
   * @param msg the response body; {@code null} is rejected as malformed, with the exception below
   * @return the record
   * @throws TlogFormatException {@code malformed record data}
   */
  public static Record parse(byte[] msg) {
    if (msg == null) {
      throw new TlogFormatException("malformed record data");
    }
    int nl = indexOf(msg, (byte) '\n', 0);
    if (nl < 0) {
      throw new TlogFormatException("malformed record data");
    }
    long id = parseInt64(new String(msg, 0, nl, StandardCharsets.ISO_8859_1));
    if (id == Long.MIN_VALUE) {
      throw new TlogFormatException("malformed record data");
    }
    int start = nl + 1;
    int split = -1;
    for (int i = start; i + 1 < msg.length; i++) {
      if (msg[i] == '\n' && msg[i + 1] == '\n') {
        split = i;
        break;
      }
    }
    if (split < 0) {
      throw new TlogFormatException("malformed record data");
    }
    byte[] text = Arrays.copyOfRange(msg, start, split + 1);
    if (!isValidRecordText(text)) {
      throw new TlogFormatException("malformed record data");
    }
    return new Record(id, text, Arrays.copyOfRange(msg, split + 2, msg.length));
  }

  /** Go's strconv.ParseInt(s, 10, 64); Long.MIN_VALUE on error (MIN itself is not a valid id). */
  static long parseInt64(String s) {
    if (s.isEmpty()) {
      return Long.MIN_VALUE;
    }
    int i = 0;
    boolean neg = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      neg = s.charAt(0) == '-';
      i = 1;
      if (s.length() == 1) {
        return Long.MIN_VALUE;
      }
    }
    long v = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return Long.MIN_VALUE;
      }
      if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + (c - '0');
    }
    return neg ? -v : v;
  }

  /**
   * Reports whether the bytes are valid record text: non-empty valid UTF-8, no control
   * characters other than newline, no blank line, ending in a newline.
   *
   * @param text candidate record text; may be {@code null} (not valid)
   * @return whether x/mod accepts it
   */
  public static boolean isValidRecordText(byte[] text) {
    if (text == null || text.length == 0 || text[text.length - 1] != '\n') {
      return false;
    }
    String s = GoUtf8.decode(text).orElse(null);
    if (s == null) {
      return false;
    }
    char prev = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\n') || (c == '\n' && prev == '\n')) {
        return false;
      }
      prev = c;
    }
    return true;
  }

  private static int indexOf(byte[] b, byte v, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "Record[id=" + id + ", text=" + GoQuote.quoteCut(textString()) + "]";
  }
}
