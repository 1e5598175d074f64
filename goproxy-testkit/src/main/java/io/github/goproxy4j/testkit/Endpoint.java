package io.github.goproxy4j.testkit;

/**
 * The kind of a request a {@link FakeGoProxy} received, used to aim a {@link Fault} and to
 * filter the {@link RequestJournal}.
 *
 * <pre>{@code
 * Fault f = Fault.status(503, "maintenance").forModule("example.com/m").on(Endpoint.ZIP);
 * }</pre>
 */
public enum Endpoint {
  /** {@code <module>/@v/list}. */
  LIST,
  /** {@code <module>/@v/<version>.info}. */
  INFO,
  /** {@code <module>/@v/<version>.mod}. */
  MOD,
  /** {@code <module>/@v/<version>.zip}. */
  ZIP,
  /** {@code <module>/@latest}. */
  LATEST,
  /** {@code /sumdb/<name>/supported}. */
  SUMDB_SUPPORTED,
  /** {@code /sumdb/<name>/lookup/<module>@<version>}. */
  SUMDB_LOOKUP,
  /** {@code /sumdb/<name>/tile/...} (hash and data tiles). */
  SUMDB_TILE,
  /** {@code /sumdb/<name>/latest}. */
  SUMDB_LATEST,
  /** Anything else (answered 404 or 400). */
  OTHER;

  /** Returns true for the checksum-database endpoints. */
  boolean isSumdb() {
    return this == SUMDB_SUPPORTED || this == SUMDB_LOOKUP || this == SUMDB_TILE
        || this == SUMDB_LATEST;
  }
}
