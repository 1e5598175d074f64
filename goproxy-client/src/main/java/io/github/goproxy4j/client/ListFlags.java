package io.github.goproxy4j.client;

/**
 * The flags of {@code go list -m} that change what is listed (modload's ListMode): {@code -u}
 * (available updates, retractions, deprecations) and {@code -versions} (each module's available
 * versions, without the retracted and excluded ones). Immutable.
 *
 * <pre>{@code
 * ListFlags flags = ListFlags.builder().versions(true).build();
 * client.listModules(Path.of("."), List.of("all"), flags, System.err::println)
 *     .forEach(m -> System.out.println(m.versionsText()));   // go list -m -versions all
 * }</pre>
 */
public final class ListFlags {
  private static final ListFlags NONE = new ListFlags(false, false);

  private final boolean updates;
  private final boolean versions;

  private ListFlags(boolean updates, boolean versions) {
    this.updates = updates;
    this.versions = versions;
  }

  /**
   * Returns no flags: {@code go list -m}.
   *
   * @return the flags
   */
  public static ListFlags none() {
    return NONE;
  }

  /**
   * Returns a builder, every flag off.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns whether {@code -u} is set.
   *
   * @return the flag
   */
  public boolean updates() {
    return updates;
  }

  /**
   * Returns whether {@code -versions} is set.
   *
   * @return the flag
   */
  public boolean versions() {
    return versions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListFlags && ((ListFlags) o).updates == updates && ((ListFlags) o).versions == versions;
  }

  @Override
  public int hashCode() {
    return (updates ? 1 : 0) + (versions ? 2 : 0);
  }

  @Override
  public String toString() {
    return "ListFlags[" + (updates ? " -u" : "") + (versions ? " -versions" : "") + " ]";
  }

  /** Sets the flags; {@link #build()} makes the immutable value. */
  public static final class Builder {
    private boolean updates;
    private boolean versions;

    private Builder() {}

    /**
     * Sets {@code -u}: each module's available update, retraction and deprecation.
     *
     * @param on the flag
     * @return this builder
     */
    public Builder updates(boolean on) {
      this.updates = on;
      return this;
    }

    /**
     * Sets {@code -versions}: each module's available versions, oldest first, without the
     * versions its latest go.mod retracts or a main module excludes.
     *
     * @param on the flag
     * @return this builder
     */
    public Builder versions(boolean on) {
      this.versions = on;
      return this;
    }

    /**
     * Returns the flags.
     *
     * @return the immutable value
     */
    public ListFlags build() {
      return new ListFlags(updates, versions);
    }
  }
}
