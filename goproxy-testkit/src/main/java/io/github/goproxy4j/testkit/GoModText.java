package io.github.goproxy4j.testkit;

import io.github.goproxy4j.modfile.GoModFile;

/** Checks go.mod text given to the fake in code. */
final class GoModText {
  private GoModText() {}

  /**
   * Parses the text as the go command would.
   *
   * @throws InvalidFakeModuleException with Go's message when it is not a valid go.mod
   */
  static void check(String source, String text) {
    try {
      GoModFile.parse("go.mod", text);
    } catch (IllegalArgumentException e) {
      throw new InvalidFakeModuleException(source, 0, source + ": " + e.getMessage(), e);
    }
  }
}
