package io.github.goproxy4j.internal;

import java.util.Optional;

/**
 * Go's {@code strconv} parsing where go's flags and settings need its exact rules. Exported only to
 * the other goproxy4j modules; not API.
 */
public final class GoStrconv {
  private GoStrconv() {}

  /**
   * Go's {@code strconv.ParseBool}: {@code 1 t T TRUE true True} and {@code 0 f F FALSE false False},
   * nothing else (the flag package's boolean values and GOFLAGS's).
   *
   * <pre>{@code
   * GoStrconv.parseBool("T");    // Optional[true]
   * GoStrconv.parseBool("yes");  // Optional.empty: go's "parse error"
   * }</pre>
   *
   * @param s the text
   * @return the value, or empty where go's fails
   */
  public static Optional<Boolean> parseBool(String s) {
    switch (s) {
      case "1": case "t": case "T": case "TRUE": case "true": case "True":
        return Optional.of(Boolean.TRUE);
      case "0": case "f": case "F": case "FALSE": case "false": case "False":
        return Optional.of(Boolean.FALSE);
      default:
        return Optional.empty();
    }
  }
}
