package io.github.goproxy4j.client;

import io.github.goproxy4j.mvs.ModuleGraphException;
import java.util.List;

/**
 * {@code go list -m -e} printed errors as it met them and went on (go's base.Errorf: two workspace
 * modules replacing a module version differently, printed at each lookup of its replacement), so
 * go lists the modules and then exits with status 1. {@link #goText()} is what go printed on
 * standard error, {@link #modules()} what it lists on standard output.
 *
 * <pre>{@code
 * try {
 *   list = client.listModules(dir, List.of("all"), ListFlags.builder().allowErrors(true).build(), System.err::println);
 * } catch (ListedWithErrorsException e) {
 *   System.err.println(e.goText());
 *   e.modules().forEach(System.out::println);
 *   System.exit(1);
 * }
 * }</pre>
 */
public final class ListedWithErrorsException extends ModuleGraphException {
  private static final long serialVersionUID = 1L;
  /** The listing (not serialized). */
  private final transient List<ListedModule> modules;

  ListedWithErrorsException(String message, List<ListedModule> modules) {
    super(message, null, false);
    this.modules = List.copyOf(modules);
  }

  /**
   * Returns the modules go lists in spite of the errors.
   *
   * @return the listing, as {@link GoProxyClient#listModules(java.nio.file.Path, List, ListFlags,
   *     java.util.function.Consumer)} would have returned it
   */
  public List<ListedModule> modules() {
    return modules == null ? List.of() : modules;
  }
}
