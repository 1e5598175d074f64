package io.github.goproxy4j.client;

/**
 * The flags of {@code go list -m} that change what is listed (modload's ListMode): {@code -u}
 * (available updates, retractions, deprecations), {@code -versions} (each module's available
 * versions, without the retracted and excluded ones) and {@code -retracted} (retractions, and
 * the retracted versions listed by {@code -versions}). Immutable.
 *
 * <pre>{@code
 * ListFlags flags = ListFlags.builder().versions(true).build();
 * client.listModules(Path.of("."), List.of("all"), flags, System.err::println)
 *     .forEach(m -> System.out.println(m.versionsText()));   // go list -m -versions all
 * }</pre>
 */
public final class ListFlags {
  private static final ListFlags NONE = new ListFlags(false, false, false);

  private final boolean updates;
  private final boolean versions;
  private final boolean retracted;

  private ListFlags(boolean updates, boolean versions, boolean retracted) {
    this.updates = updates;
    this.versions = versions;
    this.retracted = retracted;
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

  /**
   * Returns whether {@code -retracted} is set.
   *
   * @return the flag
   */
  public boolean retracted() {
    return retracted;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ListFlags)) {
      return false;
    }
    ListFlags f = (ListFlags) o;
    return f.updates == updates && f.versions == versions && f.retracted == retracted;
  }

  @Override
  public int hashCode() {
    return (updates ? 1 : 0) + (versions ? 2 : 0) + (retracted ? 4 : 0);
  }

  @Override
  public String toString() {
    return "ListFlags[" + (updates ? " -u" : "") + (versions ? " -versions" : "") + (retracted ? " -retracted" : "")
        + " ]";
  }

  /** Sets the flags; {@link #build()} makes the immutable value. */
  public static final class Builder {
    private boolean updates;
    private boolean versions;
    private boolean retracted;

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
     * Sets {@code -retracted}: each listed version's retraction (its rationales, shown as
     * {@code (retracted)}), and with {@code -versions} the retracted versions listed too.
     *
     * @param on the flag
     * @return this builder
     */
    public Builder retracted(boolean on) {
      this.retracted = on;
      return this;
    }

    /**
     * Returns the flags.
     *
     * @return the immutable value
     */
    public ListFlags build() {
      return new ListFlags(updates, versions, retracted);
    }
  }
}
