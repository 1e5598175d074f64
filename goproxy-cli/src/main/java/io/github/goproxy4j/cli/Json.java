package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.internal.json.GoJson;
import java.io.PrintStream;

/**
 * Prints {@code --json} output as the go command prints its own: Go's
 * {@code json.MarshalIndent(v, "", "\t")} (HTML-safe escaping, tabs) and a newline. Maps are
 * objects with their fields in insertion order, as Go structs.
 */
final class Json {
  private Json() {}

  static void print(PrintStream out, Object value) {
    out.println(GoJson.NEWEST.marshalIndent(value));
  }
}
