package io.github.goproxy4j.testkit;

/** Checks go.mod text given to the fake. */
final class GoModText {
  private GoModText() {}

  /** Throws InvalidFakeModuleException if the text is not a go.mod the go command can parse. */
  static void check(String source, String text) {
    // TODO(zipmod): parse with io.github.goproxy4j.modfile.GoModFile once it is on main.
  }
}
