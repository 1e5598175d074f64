package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.env.GoProxyException;
import java.util.Objects;

/**
 * A downloaded module's hash does not match the hash on record — in go.sum or in the checksum
 * database ({@link #isGoSumMismatch()} says which). The message is the go command's, including its
 * {@code SECURITY ERROR} explanation.
 *
 * <pre>{@code
 * try {
 *   db.verifyZip(mv, ModuleHash.ofZip(zip));
 * } catch (ChecksumMismatchException e) {
 *   System.err.println(e.module() + ": expected " + e.expected() + ", got " + e.actual());
 * }
 * }</pre>
 */
public class ChecksumMismatchException extends GoProxyException {
  private static final long serialVersionUID = 1L;

  /** Go's explanation after a mismatch with go.sum (after a blank line). */
  public static final String GO_SUM_MISMATCH = "\n\nSECURITY ERROR\n"
      + "This download does NOT match an earlier download recorded in go.sum.\n"
      + "The bits may have been replaced on the origin server, or an attacker may\n"
      + "have intercepted the download attempt.\n\n"
      + "For more information, see 'go help module-auth'.\n";

  /** Go's explanation after a mismatch with the checksum database (after a blank line). */
  public static final String SUMDB_MISMATCH = "\n\nSECURITY ERROR\n"
      + "This download does NOT match the one reported by the checksum server.\n"
      + "The bits may have been replaced on the origin server, or an attacker may\n"
      + "have intercepted the download attempt.\n\n"
      + "For more information, see 'go help module-auth'.\n";

  private final String modulePath;
  private final String version;
  private final String expected;
  private final String actual;
  private final boolean goSumMismatch;

  /**
   * Creates the exception with a complete message. The record it contradicts is taken from the
   * message: go.sum's ({@link #isGoSumMismatch()}) when it ends with {@link #GO_SUM_MISMATCH},
   * else the checksum database's.
   *
   * @param modulePath the module path
   * @param version the version, with a {@code /go.mod} suffix when the go.mod was checked
   * @param expected the hash on record
   * @param actual the hash of the downloaded bytes
   * @param message the full message (Go's text)
   */
  public ChecksumMismatchException(String modulePath, String version, String expected, String actual,
      String message) {
    this(modulePath, version, expected, actual, message,
        message != null && message.endsWith(GO_SUM_MISMATCH));
  }

  /** The exception with the record it contradicts given: go.sum's, or the checksum database's. */
  ChecksumMismatchException(String modulePath, String version, String expected, String actual,
      String message, boolean goSumMismatch) {
    super(message);
    this.modulePath = Objects.requireNonNull(modulePath, "modulePath");
    this.version = Objects.requireNonNull(version, "version");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.actual = Objects.requireNonNull(actual, "actual");
    this.goSumMismatch = goSumMismatch;
  }

  /**
   * The go command's error when a download disagrees with go.sum:
   * {@code verifying PATH@VERSION: checksum mismatch\n\tdownloaded: H\n\tgo.sum:     OLD} and
   * the {@code SECURITY ERROR} text.
   *
   * @param modulePath the module path
   * @param version the version ({@code /go.mod} suffix for a go.mod hash)
   * @param downloaded the hash of the download
   * @param recorded the hash in the file
   * @param sumFileLabel {@code go.sum}, {@code go.work.sum} or a file path
   * @return the exception
   */
  public static ChecksumMismatchException goSumMismatch(String modulePath, String version,
      String downloaded, String recorded, String sumFileLabel) {
    Objects.requireNonNull(modulePath, "modulePath");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(downloaded, "downloaded");
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(sumFileLabel, "sumFileLabel");
    String msg = "verifying " + modulePath + "@" + version + ": checksum mismatch\n\tdownloaded: "
        + downloaded + "\n\t" + sumFileLabel + ":     " + recorded + GO_SUM_MISMATCH;
    return new ChecksumMismatchException(modulePath, version, recorded, downloaded, msg, true);
  }

  /**
   * The go command's error when a download disagrees with the checksum database:
   * {@code PATH@VERSION: verifying module: checksum mismatch\n\tdownloaded: H\n\tDB: DBHASH} and
   * the {@code SECURITY ERROR} text. The noun is {@code go.mod} for a version ending in
   * {@code /go.mod}, and that suffix is left out of the prefix.
   *
   * @param modulePath the module path
   * @param version the version ({@code /go.mod} suffix for a go.mod hash)
   * @param downloaded the hash of the download
   * @param dbName the checksum database's name, such as {@code sum.golang.org}
   * @param dbHash the hash the database reports
   * @return the exception
   */
  public static ChecksumMismatchException sumdbMismatch(String modulePath, String version,
      String downloaded, String dbName, String dbHash) {
    Objects.requireNonNull(modulePath, "modulePath");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(downloaded, "downloaded");
    Objects.requireNonNull(dbName, "dbName");
    Objects.requireNonNull(dbHash, "dbHash");
    String noun = "module";
    String v = version;
    if (v.endsWith("/go.mod")) {
      noun = "go.mod";
      v = v.substring(0, v.length() - "/go.mod".length());
    }
    String msg = modulePath + "@" + v + ": verifying " + noun + ": checksum mismatch\n\tdownloaded: "
        + downloaded + "\n\t" + dbName + ": " + dbHash + SUMDB_MISMATCH;
    return new ChecksumMismatchException(modulePath, version, dbHash, downloaded, msg, false);
  }

  /** {@return the module path} */
  public String modulePath() {
    return modulePath;
  }

  /** {@return the version, with {@code /go.mod} when a go.mod hash was checked} */
  public String version() {
    return version;
  }

  /** {@return {@code path@version}} */
  public String module() {
    return modulePath + "@" + version;
  }

  /**
   * Returns which record the download contradicts: a sum file (go.sum, go.work.sum or another file;
   * {@link #goSumMismatch(String, String, String, String, String)}), which go's haveModSumLocked
   * makes fatal at once, or the checksum database (a different hash:
   * {@link #sumdbMismatch(String, String, String, String, String)}, or none in its answer for the
   * module), an error go's checkSumDB returns to its caller.
   *
   * @return true for a sum file's record, false for the checksum database's
   */
  public boolean isGoSumMismatch() {
    return goSumMismatch;
  }

  /** {@return the hash on record (go.sum or the checksum database)} */
  public String expected() {
    return expected;
  }

  /** {@return the hash of the downloaded bytes} */
  public String actual() {
    return actual;
  }
}
