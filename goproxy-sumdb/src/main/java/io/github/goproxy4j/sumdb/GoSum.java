package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import io.github.goproxy4j.internal.AtomicFiles;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoStrings;
import io.github.goproxy4j.internal.GoUtf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A go.sum file, read and written exactly as the go command does: lines
 * {@code <path> <version>[/go.mod] <hash>}; blank lines skipped; lines with the hash of an empty
 * go.mod dropped (an old go bug); written sorted by module path, then semantic version, then the
 * {@code /go.mod} suffix, each module's hashes sorted and de-duplicated, every line ending in a
 * newline. Instances are immutable; {@link #with} and {@link Builder} add lines.
 *
 * <pre>{@code
 * GoSum sums = GoSum.read(Path.of("go.sum"));
 * ModuleVersion mv = ModuleVersion.of("rsc.io/quote", "v1.5.2");
 * sums.checkZip(mv, ModuleHash.ofZip(zip));       // throws ChecksumMismatchException if go.sum disagrees
 * GoSum more = sums.with(mv, zipHash, goModHash);
 * more.write(Path.of("go.sum"));
 * }</pre>
 */
public final class GoSum {
  /** The hash of an empty go.mod, which the go command drops when reading go.sum. */
  public static final String EMPTY_GO_MOD_HASH = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=";

  private static final String GO_MOD = "/go.mod";

  /** (path, version) in insertion order, each with its hashes in file order. */
  private final Map<Key, List<String>> sums;

  private GoSum(Map<Key, List<String>> sums) {
    this.sums = sums;
  }

  private record Key(String path, String version) {
    // equals and hashCode written out, with the values the generated ones have: a record's own are
    // bound on first call by an invokedynamic bootstrap (java.lang.runtime.ObjectMethods), which
    // costs a cold command-line JVM the set-up of its method handles per record class
    @Override
    public boolean equals(Object o) {
      return o instanceof Key && path.equals(((Key) o).path) && version.equals(((Key) o).version);
    }

    @Override
    public int hashCode() {
      return 31 * path.hashCode() + version.hashCode();
    }
  }

  /** {@return a go.sum with no lines} */
  public static GoSum empty() {
    return new GoSum(Collections.emptyMap());
  }

  /**
   * Parses go.sum text, naming the file {@code go.sum} in errors.
   *
   * @param text the content
   * @return the sums
   * @throws GoSumFormatException Go's {@code malformed go.sum} error
   */
  public static GoSum parse(String text) {
    return parse("go.sum", text);
  }

  /**
   * Parses go.sum text.
   *
   * @param fileName the name used in error messages
   * @param text the content
   * @return the sums
   * @throws GoSumFormatException {@code malformed go.sum:\n<file>:<line>: wrong number of fields <n>}
   */
  public static GoSum parse(String fileName, String text) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(text, "text");
    Builder b = builder();
    int lineNo = 0;
    int pos = 0;
    while (pos < text.length()) {
      lineNo++;
      int nl = text.indexOf('\n', pos);
      String line = nl < 0 ? text.substring(pos) : text.substring(pos, nl);
      pos = nl < 0 ? text.length() : nl + 1;
      List<String> f = GoStrings.fields(line);
      if (f.isEmpty()) {
        continue;
      }
      if (f.size() != 3) {
        throw new GoSumFormatException(fileName, lineNo,
            "malformed go.sum:\n" + fileName + ":" + lineNo + ": wrong number of fields " + f.size());
      }
      if (f.get(2).equals(EMPTY_GO_MOD_HASH)) {
        continue;
      }
      if (GoUtf8.validString(line)) {
        // fields() made each part non-empty and free of white space, and the line has no lone
        // surrogate: addLine's checks hold, and are skipped (a main go.sum has hundreds of lines,
        // read before a graph load starts)
        b.put(f.get(0), f.get(1), f.get(2));
      } else {
        b.addLine(f.get(0), f.get(1), f.get(2));
      }
    }
    return b.build();
  }

  /**
   * Parses go.sum bytes (UTF-8).
   *
   * @param fileName the name used in error messages
   * @param data the content
   * @return the sums
   * @throws GoSumFormatException for a malformed line, or bytes that are not UTF-8
   */
  public static GoSum parse(String fileName, byte[] data) {
    Objects.requireNonNull(data, "data");
    String text = GoUtf8.decode(data).orElse(null);
    if (text == null) {
      int line = 1;
      String prefix = new String(data, StandardCharsets.UTF_8);
      int bad = prefix.indexOf('\uFFFD');
      for (int i = 0; i < bad; i++) {
        if (prefix.charAt(i) == '\n') {
          line++;
        }
      }
      throw new GoSumFormatException(fileName, line,
          "malformed go.sum:\n" + fileName + ":" + line + ": invalid UTF-8");
    }
    return parse(fileName, text);
  }

  /**
   * Reads a go.sum file; the same as {@link #read(Path)}.
   *
   * @param file the file
   * @return the sums (empty for a missing file)
   * @throws IOException if the file cannot be read
   * @throws GoSumFormatException for a malformed line
   */
  public static GoSum parse(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return read(file);
  }

  /**
   * Reads a go.sum file; a missing file reads as empty, as in the go command.
   *
   * @param file the file
   * @return the sums
   * @throws IOException if the file cannot be read
   * @throws GoSumFormatException for a malformed line (named by the file's path)
   */
  public static GoSum read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return empty();
    }
    return parse(file.toString(), data);
  }

  /**
   * Returns the hashes recorded for a module version, in file order.
   *
   * @param path the module path
   * @param version the version, with a {@code /go.mod} suffix for go.mod hashes
   * @return the hashes (empty if none)
   */
  public List<String> hashes(String path, String version) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    List<String> l = sums.get(new Key(path, version));
    return l == null ? List.of() : List.copyOf(l);
  }

  /**
   * Returns the hashes recorded for a module's zip.
   *
   * @param mv the module version
   * @return the hashes, in file order
   */
  public List<String> zipHashes(ModuleVersion mv) {
    Objects.requireNonNull(mv, "mv");
    return hashes(mv.path().toString(), mv.version().toString());
  }

  /**
   * Returns the hashes recorded for a module's go.mod ({@code <version>/go.mod} lines).
   *
   * @param mv the module version
   * @return the hashes, in file order
   */
  public List<String> goModHashes(ModuleVersion mv) {
    Objects.requireNonNull(mv, "mv");
    return hashes(mv.path().toString(), mv.version() + GO_MOD);
  }

  /**
   * Checks a zip hash against go.sum, as the go command's {@code checkModSum} does with go.sum.
   *
   * @param mv the module version
   * @param hash the hash of the downloaded zip
   * @return true if go.sum lists this hash, false if it lists no {@code h1:} hash for the module
   * @throws ChecksumMismatchException if go.sum lists a different {@code h1:} hash (Go's
   *     {@code SECURITY ERROR} text)
   */
  public boolean checkZip(ModuleVersion mv, ModuleHash hash) throws ChecksumMismatchException {
    Objects.requireNonNull(mv, "mv");
    Objects.requireNonNull(hash, "hash");
    return check(mv.path().toString(), mv.version().toString(), hash.toString());
  }

  /**
   * Checks a go.mod hash against go.sum (the {@code <version>/go.mod} line).
   *
   * @param mv the module version
   * @param hash the hash of the downloaded go.mod
   * @return true if go.sum lists this hash, false if it lists no {@code h1:} hash for it
   * @throws ChecksumMismatchException if go.sum lists a different {@code h1:} hash
   */
  public boolean checkGoMod(ModuleVersion mv, ModuleHash hash) throws ChecksumMismatchException {
    Objects.requireNonNull(mv, "mv");
    Objects.requireNonNull(hash, "hash");
    return check(mv.path().toString(), mv.version() + GO_MOD, hash.toString());
  }

  /**
   * Checks a hash as the go command's {@code haveModSumLocked}: the recorded hashes are scanned
   * in file order; an equal one passes, a different {@code h1:} one fails.
   *
   * @param path the module path
   * @param version the version, {@code /go.mod} suffix for go.mod hashes
   * @param hash the downloaded hash
   * @return whether the hash is recorded (false: nothing known with {@code h1:})
   * @throws ChecksumMismatchException on a different {@code h1:} hash
   */
  public boolean check(String path, String version, String hash) throws ChecksumMismatchException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(hash, "hash");
    for (String vh : hashes(path, version)) {
      if (vh.equals(hash)) {
        return true;
      }
      if (vh.startsWith("h1:")) {
        throw ChecksumMismatchException.goSumMismatch(path, version, hash, vh, "go.sum");
      }
    }
    return false;
  }

  /** {@return the (path, version) pairs listed, in file order; versions may end in {@code /go.mod}} */
  public List<String[]> entries() {
    List<String[]> out = new ArrayList<>();
    for (Key k : sums.keySet()) {
      out.add(new String[] {k.path, k.version});
    }
    return out;
  }

  /** {@return the number of distinct lines the file would have when written} */
  public int size() {
    int n = 0;
    for (List<String> l : sums.values()) {
      n += new TreeSet<>(l).size();
    }
    return n;
  }

  /**
   * Returns a go.sum with one more line (no change if it is already present).
   *
   * @param path the module path
   * @param version the version, with {@code /go.mod} for a go.mod hash
   * @param hash the hash, such as {@code h1:...}
   * @return the new sums
   */
  public GoSum with(String path, String version, String hash) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(hash, "hash");
    return toBuilder().addLine(path, version, hash).build();
  }

  /**
   * Returns a go.sum with the module's zip and go.mod hashes added.
   *
   * @param mv the module version
   * @param zip the zip hash, or null to add only the go.mod line
   * @param goMod the go.mod hash, or null to add only the zip line
   * @return the new sums
   */
  public GoSum with(ModuleVersion mv, ModuleHash zip, ModuleHash goMod) {
    return toBuilder().add(mv, zip, goMod).build();
  }

  /** {@return a builder holding these lines} */
  public Builder toBuilder() {
    Builder b = builder();
    sums.forEach((k, v) -> b.sums.put(k, new ArrayList<>(v)));
    return b;
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats the file as the go command writes it.
   *
   * @return the text; empty for no lines, else every line ends in a newline
   */
  public String format() {
    List<Key> keys = new ArrayList<>(sums.keySet());
    keys.sort(MODULE_ORDER);
    StringBuilder out = new StringBuilder();
    for (Key k : keys) {
      Set<String> hs = new TreeSet<>(GoSum::compareBytes);
      hs.addAll(sums.get(k));
      for (String h : hs) {
        out.append(k.path).append(' ').append(k.version).append(' ').append(h).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Writes {@link #format()} to a file as the go command updates go.sum
   * ({@code lockedfile.Transform}): under go's exclusive lock on the file ({@code flock(2)} on
   * Linux and macOS, {@code LockFileEx} on Windows), rewritten in place, so the file keeps its
   * mode and owner and a go command editing it at the same time is serialized with this write
   * rather than lost. A new file gets mode {@code 0666} minus the umask, as go's. A growing file
   * gets its new tail first and a failed write puts the old content back, as in go.
   *
   * @param file the go.sum file; its directory must exist
   * @throws IOException if writing fails
   */
  public void write(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    byte[] data = format().getBytes(StandardCharsets.UTF_8);
    LockedFile.transform(file, old -> data);
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** x/mod's module.Sort; ties that Go leaves unordered are broken by the strings. */
  private static final Comparator<Key> MODULE_ORDER = new ModuleOrder();

  /**
   * {@link #MODULE_ORDER}: a class, not a lambda, as the class's initialisation runs on a
   * command's cold path (the main go.sum is read before a graph load starts).
   */
  private static final class ModuleOrder implements Comparator<Key> {
    @Override
    public int compare(Key a, Key b) {
      int c = compareBytes(a.path, b.path);
      if (c != 0) {
        return c;
      }
      String vi = a.version;
      String vj = b.version;
      String fi = "";
      String fj = "";
      int k = vi.indexOf('/');
      if (k >= 0) {
        fi = vi.substring(k);
        vi = vi.substring(0, k);
      }
      k = vj.indexOf('/');
      if (k >= 0) {
        fj = vj.substring(k);
        vj = vj.substring(0, k);
      }
      if (!vi.equals(vj)) {
        c = Version.compare(vi, vj);
        if (c != 0) {
          return c;
        }
      }
      c = compareBytes(fi, fj);
      return c != 0 ? c : compareBytes(vi, vj);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GoSum && ((GoSum) o).format().equals(format());
  }

  @Override
  public int hashCode() {
    return format().hashCode();
  }

  @Override
  public String toString() {
    return "GoSum[" + size() + " lines]";
  }

  /** Collects go.sum lines; not thread-safe. */
  public static final class Builder {
    private final Map<Key, List<String>> sums = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a line {@code <path> <version> <hash>}. Each part must be a single go.sum field
     * (non-empty, no white space).
     *
     * @param path the module path
     * @param version the version, with {@code /go.mod} for a go.mod hash
     * @param hash the hash
     * @return this
     * @throws IllegalArgumentException if a part is empty or contains white space
     */
    public Builder addLine(String path, String version, String hash) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(hash, "hash");
      checkField("path", path);
      checkField("version", version);
      checkField("hash", hash);
      return put(path, version, hash);
    }

    /** {@link #addLine} of parts already checked. */
    private Builder put(String path, String version, String hash) {
      Key k = new Key(path, version);
      List<String> l = sums.get(k);
      if (l == null) {
        l = new ArrayList<>(2);
        sums.put(k, l);
      }
      if (!l.contains(hash)) {
        l.add(hash);
      }
      return this;
    }

    /**
     * Adds the zip and go.mod lines of a module version.
     *
     * @param mv the module version
     * @param zip the zip hash, or null to add only the go.mod line
     * @param goMod the go.mod hash, or null to add only the zip line
     * @return this
     */
    public Builder add(ModuleVersion mv, ModuleHash zip, ModuleHash goMod) {
      Objects.requireNonNull(mv, "mv");
      if (zip != null) {
        addLine(mv.path().toString(), mv.version().toString(), zip.toString());
      }
      if (goMod != null) {
        addLine(mv.path().toString(), mv.version() + GO_MOD, goMod.toString());
      }
      return this;
    }

    /**
     * Adds every line of another go.sum.
     *
     * @param other the lines to add
     * @return this
     */
    public Builder addAll(GoSum other) {
      Objects.requireNonNull(other, "other").sums.forEach((k, v) -> v.forEach(h -> addLine(k.path, k.version, h)));
      return this;
    }

    private static void checkField(String what, String s) {
      if (s == null || s.isEmpty() || GoStrings.fields(s).size() != 1 || !GoStrings.fields(s).get(0).equals(s)
          || !GoUtf8.validString(s)) {
        throw new IllegalArgumentException("go.sum " + what + " " + GoQuote.quoteCut(s)
            + " is not a single field (empty or contains white space)");
      }
    }

    /** {@return the immutable go.sum} */
    public GoSum build() {
      Map<Key, List<String>> copy = new LinkedHashMap<>();
      for (Map.Entry<Key, List<String>> e : sums.entrySet()) {
        copy.put(e.getKey(), List.copyOf(e.getValue()));
      }
      return new GoSum(Collections.unmodifiableMap(copy));
    }
  }
}
