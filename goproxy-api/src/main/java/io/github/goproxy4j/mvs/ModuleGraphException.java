package io.github.goproxy4j.mvs;

import io.github.goproxy4j.env.GoProxyException;
import java.util.Optional;

/**
 * The module graph cannot be built: a go.mod that cannot be fetched or parsed, or declares
 * another module path, or the main module's requirements are inconsistent. The message is the
 * go command's text without its {@code go: } prefix, including the chain of requirements that
 * led to the failing module ({@code example.com/a@v1.0.0 requires\n\texample.com/b@v1.1.0: ...}).
 */
public class ModuleGraphException extends GoProxyException {
  private static final long serialVersionUID = 1L;

  /** Whether go prints the message after {@code go: } (a few messages of old releases have no prefix). */
  private final boolean goPrefix;
  /** Whether this is go's errGoModDirty. */
  private boolean goModDirty;
  /** The graph as far as it loaded, when go goes on with it (not serialized). */
  private transient ModuleGraph partialGraph;
  /** What needs a newer go, when this is go's TooNewError (or reports one), else null. */
  private TooNew tooNew;

  /**
   * Creates the exception.
   *
   * @param message go's text
   * @param cause the underlying failure, or {@code null}
   */
  public ModuleGraphException(String message, Throwable cause) {
    this(message, cause, true);
  }

  /**
   * Creates the exception for a message that go prints with or without its {@code go: } prefix.
   *
   * @param message go's text
   * @param cause the underlying failure, or {@code null}
   * @param goPrefix whether go prints {@code go: } before the message
   */
  public ModuleGraphException(String message, Throwable cause, boolean goPrefix) {
    super(message, cause);
    this.goPrefix = goPrefix;
  }

  /**
   * The main module's requirements are not the versions the graph selects, and go may not update
   * go.mod: go's {@code updates to go.mod needed} (its text under go's default {@code -mod}).
   *
   * @return the exception; {@link #isGoModDirty()} is true
   */
  public static ModuleGraphException goModDirty() {
    ModuleGraphException e = new ModuleGraphException("updates to go.mod needed; to update it:\n\tgo mod tidy", null);
    e.goModDirty = true;
    return e;
  }

  /**
   * go's TooNewError (Go 1.21 on): {@code what} needs a newer go than the release followed, in
   * go's words, {@code <what> requires go >= <goVersion> (running go <release>[; GOTOOLCHAIN=<setting>])}
   * (the setting named unless it is empty or {@code auto}). {@link #tooNew()} carries the parts,
   * from which a caller that switches toolchains as go does picks the release to switch to.
   *
   * <pre>{@code
   * throw ModuleGraphException.tooNew("go.mod", "1.99", "1.27.3", "local");
   * // go: go.mod requires go >= 1.99 (running go 1.27.3; GOTOOLCHAIN=local)
   * }</pre>
   *
   * @param what what needs it: a file ({@code go.mod}), {@code module <path@version>}, ...
   * @param goVersion the Go version it needs
   * @param release the release followed
   * @param gotoolchain the GOTOOLCHAIN setting go started with
   * @return the exception
   */
  public static ModuleGraphException tooNew(String what, String goVersion, String release, String gotoolchain) {
    java.util.Objects.requireNonNull(what, "what");
    java.util.Objects.requireNonNull(goVersion, "goVersion");
    java.util.Objects.requireNonNull(release, "release");
    java.util.Objects.requireNonNull(gotoolchain, "gotoolchain");
    String explain = gotoolchain.isEmpty() || gotoolchain.equals("auto") ? "" : "; GOTOOLCHAIN=" + gotoolchain;
    ModuleGraphException e = new ModuleGraphException(what + " requires go >= " + goVersion + " (running go " + release
        + explain + ")", null);
    return e.withTooNew(new TooNew(what, goVersion));
  }

  /**
   * Returns what needs a newer go and the Go version it needs, when this failure is go's
   * TooNewError or reports one (a dependency's go.mod in the chain of a graph failure): go
   * switches toolchains on it where its commands do ({@code go mod download}).
   *
   * @return the parts, or empty
   */
  public Optional<TooNew> tooNew() {
    return Optional.ofNullable(tooNew);
  }

  /** Records the TooNewError this failure is or reports; returns this. */
  ModuleGraphException withTooNew(TooNew t) {
    this.tooNew = t;
    return this;
  }

  /**
   * The parts of go's TooNewError.
   *
   * @param what what needs a newer go ({@code go.mod}, {@code module example.com/m@v1.0.0})
   * @param goVersion the Go version it needs
   */
  public record TooNew(String what, String goVersion) implements java.io.Serializable {
    /**
     * Checks the components.
     *
     * @param what never {@code null}
     * @param goVersion never {@code null}
     */
    public TooNew {
      java.util.Objects.requireNonNull(what, "what");
      java.util.Objects.requireNonNull(goVersion, "goVersion");
    }
  }

  /**
   * Returns whether this is {@link #goModDirty()}'s failure: go.mod needs updates (go says why in
   * its text when a {@code -mod} flag or a vendor directory forbids them).
   *
   * @return whether go.mod's requirements are inconsistent with the selected versions
   */
  public boolean isGoModDirty() {
    return goModDirty;
  }

  /**
   * Returns what the go command prints on standard error for this failure: usually
   * {@code go: } and the message; a few messages of Go 1.19 (about go.work) go prints bare.
   *
   * @return the line(s) go prints, without a trailing newline
   */
  public String goText() {
    return goPrefix ? "go: " + getMessage() : getMessage();
  }

  /**
   * Returns the module graph as far as it loaded, when the failure came after go had a graph to
   * go on with: a dependency's go.mod that could not be loaded while go expanded the graph (the
   * failed modules are in it at their selected versions, without requirements), or requirements
   * that need updating (the whole graph). {@code go list -m all} lists the modules of that graph
   * before it reports the failure. Empty for failures before any graph (the main module's files,
   * go.sum, replacements) and for exceptions that were serialized.
   *
   * <pre>{@code
   * try {
   *   client.moduleGraph(dir);
   * } catch (ModuleGraphException e) {
   *   e.partialGraph().ifPresent(g -> g.buildList().forEach(System.out::println));
   * }
   * }</pre>
   *
   * @return the partial graph, or empty
   */
  public Optional<ModuleGraph> partialGraph() {
    return Optional.ofNullable(partialGraph);
  }

  /** Attaches the graph as far as it loaded; returns this. */
  ModuleGraphException withPartialGraph(ModuleGraph g) {
    this.partialGraph = g;
    return this;
  }
}
