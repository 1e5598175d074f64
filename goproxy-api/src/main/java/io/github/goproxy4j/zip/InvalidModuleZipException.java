package io.github.goproxy4j.zip;

import java.io.IOException;
import java.util.Optional;

/**
 * Thrown when a module zip breaks x/mod's rules or cannot be read as a zip. The message is the
 * text Go's {@code zip.CheckZip} or {@code zip.Unzip} returns, for example
 * {@code example.com/m@v1.0.0/sub/go.mod: go.mod file not in module root directory} or
 * {@code unzip /tmp/m.zip: zip: not a valid zip file}.
 */
public class InvalidModuleZipException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The check's outcome, when the zip could be listed. */
  private final transient CheckedFiles checkedFiles;

  /**
   * Creates the exception.
   *
   * @param message Go's error text, never {@code null}
   * @param checkedFiles the check's outcome, or {@code null} when the zip could not be listed
   */
  public InvalidModuleZipException(String message, CheckedFiles checkedFiles) {
    super(message);
    this.checkedFiles = checkedFiles;
  }

  /**
   * Returns the lists of valid and invalid entries, when the zip could be listed.
   *
   * @return the check's outcome, or empty when the zip could not be read or was too large
   */
  public Optional<CheckedFiles> checkedFiles() {
    return Optional.ofNullable(checkedFiles);
  }
}
