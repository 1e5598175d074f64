package io.github.goproxy4j.zip;

import java.util.Objects;

/**
 * A file that a module zip check rejected or omitted, with x/mod's reason
 * ({@code zip.FileError}).
 *
 * @param path the file's path: the full entry name for zip checks, the path relative to the
 *     module root for file sets
 * @param message the reason, for example {@code file is in vendor directory} or
 *     {@code multiple entries for file "a.go"}
 */
public record FileError(String path, String message) {
  /**
   * Validates the components.
   *
   * @param path never {@code null}
   * @param message never {@code null}
   */
  public FileError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Returns Go's text for this error.
   *
   * @return {@code path + ": " + message}
   */
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
