package io.github.goproxy4j.client;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * What a proxy says about one version of a module: the {@code .info} document ({@code Version},
 * {@code Time}, optional {@code Origin}), plus what the client learned from the module's latest
 * go.mod (whether the version is retracted, whether the module is deprecated).
 *
 * <pre>{@code
 * VersionInfo info = client.info(ModuleVersion.parse("golang.org/x/text@v0.3.7"));
 * System.out.println(info.version() + " committed " + info.time());
 * }</pre>
 *
 * <p>This is a value-based class. The version is kept exactly as the proxy wrote it (for a
 * revision query it is whatever the proxy resolved the revision to). The time keeps the offset
 * the proxy wrote, so that it is cached byte-for-byte as go caches it.
 */
public final class VersionInfo {
  /** Go's zero {@code time.Time}, written for a missing {@code Time}. */
  static final OffsetDateTime ZERO_TIME = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final String version;
  private final OffsetDateTime time;
  private final Origin origin;
  private final Optional<String> retracted;
  private final Optional<String> deprecated;
  /**
   * Whether the time was read from a text that wrote its zero offset as a number ({@code +00:00}
   * or {@code -00:00}, not {@code Z}): go's time.Parse gives such a time the local zone where that
   * zone's offset is zero at that time, which {@code %#v} names {@code time.Local}. The module cache
   * holds it as {@code Z} (go writes it so too), so only a .info read from the proxy has it. Not
   * part of the value's equality.
   */
  private final boolean numericZeroOffset;

  private VersionInfo(
      String version,
      OffsetDateTime time,
      Origin origin,
      Optional<String> retracted,
      Optional<String> deprecated,
      boolean numericZeroOffset) {
    this.numericZeroOffset = numericZeroOffset;
    this.version = Objects.requireNonNull(version, "version");
    this.time = Objects.requireNonNull(time, "time");
    this.origin = origin;
    this.retracted = Objects.requireNonNull(retracted, "retracted");
    this.deprecated = Objects.requireNonNull(deprecated, "deprecated");
  }

  /**
   * Creates an info value.
   *
   * @param version the version string, as the proxy wrote it; never {@code null}
   * @param time the commit time, with its offset; never {@code null}
   * @param origin the provenance, or {@code null} when the proxy gave none
   * @return the value
   */
  public static VersionInfo of(String version, OffsetDateTime time, Origin origin) {
    return new VersionInfo(version, time, origin, Optional.empty(), Optional.empty(), false);
  }

  /** This info with its time read from a text with a numeric zero offset ({@link #numericZeroOffset()}). */
  VersionInfo withNumericZeroOffset() {
    return new VersionInfo(version, time, origin, retracted, deprecated, true);
  }

  /**
   * Whether the proxy wrote the time's zero offset as a number ({@code +00:00}), which go reads as
   * its local zone where that zone's offset is zero then.
   */
  boolean numericZeroOffset() {
    return numericZeroOffset;
  }

  /**
   * Returns the version, as the proxy wrote it.
   *
   * @return the version string; never {@code null}
   */
  public String version() {
    return version;
  }

  /**
   * Returns the commit time.
   *
   * @return the instant; Go's zero time ({@code 0001-01-01T00:00:00Z}) when the proxy gave none
   */
  public Instant time() {
    return time.toInstant();
  }

  /**
   * Returns the commit time with the UTC offset the proxy wrote.
   *
   * @return the time; never {@code null}
   */
  public OffsetDateTime offsetTime() {
    return time;
  }

  /**
   * Returns the provenance the proxy reported ({@code Origin}), if any.
   *
   * @return the origin, or empty
   */
  public Optional<Origin> origin() {
    return Optional.ofNullable(origin);
  }

  /**
   * Returns whether the module's latest go.mod retracts this version.
   *
   * @return true if retracted
   */
  public boolean isRetracted() {
    return retracted.isPresent();
  }

  /**
   * Returns the retraction rationale ({@code ""} when the author gave none), if the version is
   * retracted.
   *
   * @return the rationale, or empty when the version is not retracted
   */
  public Optional<String> retraction() {
    return retracted;
  }

  /**
   * Returns whether the module's latest go.mod carries a {@code // Deprecated:} comment.
   *
   * @return true if deprecated
   */
  public boolean isDeprecated() {
    return deprecated.isPresent();
  }

  /**
   * Returns the deprecation message, if the module is deprecated.
   *
   * @return the text after {@code Deprecated:}, or empty
   */
  public Optional<String> deprecation() {
    return deprecated;
  }

  /**
   * Returns a copy with the retraction and deprecation findings set.
   *
   * @param retraction the rationale if retracted, else empty; never {@code null}
   * @param deprecation the deprecation message if deprecated, else empty; never {@code null}
   * @return a new value
   */
  VersionInfo withStatus(Optional<String> retraction, Optional<String> deprecation) {
    return new VersionInfo(version, time, origin, retraction, deprecation, numericZeroOffset);
  }

  /**
   * Returns this info as go writes it into the module cache: {@code json.Marshal} of Go's
   * {@code RevInfo}, without a trailing newline. For a cache entry Go clears
   * {@code TagSum}/{@code TagPrefix}, and {@code Ref} for a pseudo-version; see
   * {@link ModuleCache}.
   *
   * @return the JSON text
   */
  public String toJson() {
    return InfoJson.marshal(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionInfo
        && ((VersionInfo) o).version.equals(version)
        && ((VersionInfo) o).time.equals(time)
        && Objects.equals(((VersionInfo) o).origin, origin)
        && ((VersionInfo) o).retracted.equals(retracted)
        && ((VersionInfo) o).deprecated.equals(deprecated);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, time, origin, retracted, deprecated);
  }

  @Override
  public String toString() {
    return "VersionInfo[" + toJson()
        + retracted.map(r -> ", retracted").orElse("")
        + deprecated.map(d -> ", deprecated").orElse("") + "]";
  }

  /**
   * Where a version came from ({@code Origin} in Go's {@code .info}): the version-control
   * system, repository URL, subdirectory, the ref and commit hash, and the checksums Go uses to
   * decide whether a cached answer can be reused. Empty strings mean "not given".
   *
   * @param vcs the version-control system, for example {@code "git"}
   * @param url the repository URL
   * @param subdir the module's subdirectory in the repository
   * @param tagPrefix the tag prefix the resolution depended on
   * @param tagSum the checksum of the matching tags
   * @param ref the ref the resolution depended on, for example {@code "refs/tags/v1.2.3"}
   * @param hash the commit hash
   * @param repoSum the checksum of all refs, for failed resolutions
   */
  public record Origin(
      String vcs,
      String url,
      String subdir,
      String tagPrefix,
      String tagSum,
      String ref,
      String hash,
      String repoSum) {
    /**
     * Validates the components: none may be {@code null} (use {@code ""}).
     *
     * @param vcs the version-control system
     * @param url the repository URL
     * @param subdir the subdirectory
     * @param tagPrefix the tag prefix
     * @param tagSum the tag checksum
     * @param ref the ref
     * @param hash the commit hash
     * @param repoSum the repository checksum
     */
    public Origin {
      Objects.requireNonNull(vcs, "vcs");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(subdir, "subdir");
      Objects.requireNonNull(tagPrefix, "tagPrefix");
      Objects.requireNonNull(tagSum, "tagSum");
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(repoSum, "repoSum");
    }
  }
}
