package io.github.goproxy4j.zip;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of checking a module zip or a set of module files against x/mod's rules
 * ({@code zip.CheckedFiles}): which files are valid, which are omitted (and why) and which are
 * invalid (and why), plus a size error when the total is too large.
 *
 * <p>Every file appears in exactly one list; the lists keep input order. Immutable.
 */
public final class CheckedFiles {
  private final List<String> valid;
  private final List<FileError> omitted;
  private final List<FileError> invalid;
  private final String sizeError;

  CheckedFiles(List<String> valid, List<FileError> omitted, List<FileError> invalid, String sizeError) {
    this.valid = List.copyOf(valid);
    this.omitted = List.copyOf(omitted);
    this.invalid = List.copyOf(invalid);
    this.sizeError = sizeError;
  }

  /**
   * Returns the files that belong in the module zip: entry names for a zip, module-relative paths
   * for a file set.
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<String> valid() {
    return valid;
  }

  /**
   * Returns the files left out of a module zip on purpose (vendored packages, nested modules,
   * symbolic links, ...). Always empty for a zip check.
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<FileError> omitted() {
    return omitted;
  }

  /**
   * Returns the files that make the module zip invalid.
   *
   * @return an unmodifiable list, never {@code null}
   */
  public List<FileError> invalid() {
    return invalid;
  }

  /**
   * Returns the size error, when the files (or the zip) exceed x/mod's 500 MiB limit.
   *
   * @return Go's text, for example {@code total uncompressed size of module contents too large
   *     (max size is 524288000 bytes)}
   */
  public Optional<String> sizeError() {
    return Optional.ofNullable(sizeError);
  }

  /**
   * Returns Go's {@code CheckedFiles.Err()} text: the size error if any, else the invalid files,
   * one {@code path: reason} per line.
   *
   * @return the error text, empty when the files form a valid module zip
   */
  public Optional<String> error() {
    if (sizeError != null) {
      return Optional.of(sizeError);
    }
    if (!invalid.isEmpty()) {
      return Optional.of(invalid.stream().map(FileError::toString).collect(Collectors.joining("\n")));
    }
    return Optional.empty();
  }

  /**
   * Reports whether the files form a valid module zip.
   *
   * @return {@code error().isEmpty()}
   */
  public boolean isValid() {
    return sizeError == null && invalid.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CheckedFiles)) {
      return false;
    }
    CheckedFiles c = (CheckedFiles) o;
    return valid.equals(c.valid) && omitted.equals(c.omitted) && invalid.equals(c.invalid)
        && Objects.equals(sizeError, c.sizeError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(valid, omitted, invalid, sizeError);
  }

  @Override
  public String toString() {
    return "CheckedFiles{valid=" + valid + ", omitted=" + omitted + ", invalid=" + invalid
        + (sizeError == null ? "" : ", sizeError=" + sizeError) + "}";
  }
}
