package io.github.goproxy4j.cli;

/** A mistake on the command line: reported with the command's usage, exit status 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
