package io.github.goproxy4j.zip;

/**
 * Thrown when a set of files cannot become a module zip ({@code zip.Create}'s errors), for example
 * {@code create zip: GO.MOD: go.mod files must have lowercase names}. The files are the caller's
 * input, so this is an {@link IllegalArgumentException}.
 */
public class InvalidModuleFilesException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The check's outcome. */
  private final transient CheckedFiles checkedFiles;

  /**
   * Creates the exception.
   *
   * @param message Go's error text, never {@code null}
   * @param checkedFiles the check's outcome, never {@code null}
   */
  public InvalidModuleFilesException(String message, CheckedFiles checkedFiles) {
    super(message);
    this.checkedFiles = java.util.Objects.requireNonNull(checkedFiles, "checkedFiles");
  }

  /**
   * Returns which files are valid, omitted and invalid.
   *
   * @return the check's outcome, never {@code null}
   */
  public CheckedFiles checkedFiles() {
    return checkedFiles;
  }
}
