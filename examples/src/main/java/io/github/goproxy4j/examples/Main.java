package io.github.goproxy4j.examples;

/** Entry point of the examples jar. */
public final class Main {
  private Main() {}

  /**
   * Runs the main example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("goproxy4j examples");
  }
}
