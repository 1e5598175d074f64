package io.github.goproxy4j.client;

/**
 * The flags of {@code go list -m} that change what is listed (modload's ListMode): {@code -u}
 * (available updates, retractions, deprecations), {@code -versions} (each module's available
 * versions, without the retracted and excluded ones) and {@code -retracted} (retractions, and
 * the retracted versions listed by {@code -versions}), and {@code -e} (modules that fail are
 * listed with their error instead of failing the listing). Immutable.
 *
 * <pre>{@code
 * ListFlags flags = ListFlags.builder().versions(true).build();
 * client.listModules(Path.of("."), List.of("golang.org/x/..."), flags, System.err::println)
 *     .forEach(m -> System.out.println(m.versionsText()));   // go list -m -versions golang.org/x/...
 * // not "all": as go, -versions fails on the main module, which has no versions to list
 * }</pre>
 */
public final class ListFlags {
  private static final ListFlags NONE = new ListFlags(false, false, false, false);

  private final boolean updates;
  private final boolean versions;
  private final boolean retracted;
  private final boolean allowErrors;

  private ListFlags(boolean updates, boolean versions, boolean retracted, boolean allowErrors) {
    this.updates = updates;
    this.versions = versions;
    this.retracted = retracted;
    this.allowErrors = allowErrors;
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

  /**
   * Returns whether {@code -e} is set.
   *
   * @return the flag
   */
  public boolean allowErrors() {
    return allowErrors;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ListFlags)) {
      return false;
    }
    ListFlags f = (ListFlags) o;
    return f.updates == updates && f.versions == versions && f.retracted == retracted && f.allowErrors == allowErrors;
  }

  @Override
  public int hashCode() {
    return (updates ? 1 : 0) + (versions ? 2 : 0) + (retracted ? 4 : 0) + (allowErrors ? 8 : 0);
  }

  @Override
  public String toString() {
    return "ListFlags[" + (updates ? " -u" : "") + (versions ? " -versions" : "") + (retracted ? " -retracted" : "")
        + (allowErrors ? " -e" : "") + " ]";
  }

  /** Sets the flags; {@link #build()} makes the immutable value. */
  public static final class Builder {
    private boolean updates;
    private boolean versions;
    private boolean retracted;
    private boolean allowErrors;

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
     * Sets {@code -e}: a module go cannot answer for (a version or query that does not resolve, a
     * path the build lacks, an update or retraction that cannot be looked up) is listed with its
     * {@link ListedModule#error()} instead of failing the listing, and a module graph that loads
     * only in part is listed as far as it loaded, without its failure, as {@code go list -m -e}
     * does. What go refuses before it lists (a bad argument, an unreadable go.mod, vendor mode's
     * refusals) still throws.
     *
     * @param on the flag
     * @return this builder
     */
    public Builder allowErrors(boolean on) {
      this.allowErrors = on;
      return this;
    }

    /**
     * Returns the flags.
     *
     * @return the immutable value
     */
    public ListFlags build() {
      return new ListFlags(updates, versions, retracted, allowErrors);
    }
  }
}
