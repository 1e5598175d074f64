package io.github.goproxy4j.cli;

import io.github.goproxy4j.cli.template.Template;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.client.ListFlags;
import io.github.goproxy4j.client.ListedModule;
import io.github.goproxy4j.client.ListedWithErrorsException;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.internal.PkgPattern;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * go list's template function {@code module} under {@code -m} (modload.ModuleInfo of a path): the
 * module of that path in the build, as {@code go list -m PATH} lists it without {@code -u},
 * {@code -versions} and {@code -retracted} (a main module; a selected module with its replacement,
 * its .info's version and time, its directory and go.mod in the module cache, its error), or none
 * when the build list lacks the path. Each path is looked up once a listing (go asks again for
 * each module, and gets the same answer).
 */
final class ListModuleInfo implements Template.ModuleInfo {
  /** A failure of the lookup (go's base.Fatalf), thrown through the template's execution. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(GoProxyException cause) {
      super(cause.getMessage(), cause, false, false);
    }

    GoProxyException failure() {
      return (GoProxyException) getCause();
    }
  }

  private static final ListFlags PLAIN = ListFlags.builder().allowErrors(true).build();

  private final GoProxyClient client;
  private final Path dir;
  private final Map<String, Optional<ListedModule>> seen = new HashMap<>();

  ListModuleInfo(GoProxyClient client, Path dir) {
    this.client = client;
    this.dir = dir;
  }

  @Override
  public Optional<ListedModule> lookUp(String path) {
    Optional<ListedModule> known = seen.get(path);
    if (known == null) {
      known = find(path);
      seen.put(path, known);
    }
    return known;
  }

  private Optional<ListedModule> find(String path) {
    // go asks the build list for the path as it is: "all", a pattern or nothing are no module's
    // path there (go list -m would take them as arguments of another kind)
    if (path.isEmpty() || path.equals("all") || PkgPattern.isPattern(path)) {
      return Optional.empty();
    }
    List<ListedModule> listed;
    try {
      listed = client.listModules(dir, List.of(path), PLAIN, warning -> { });
    } catch (ListedWithErrorsException e) {
      listed = e.modules();
    } catch (GoProxyException e) {
      throw new Failure(e);
    }
    if (listed.size() != 1 || listed.get(0).error().equals("module " + path + ": not a known dependency")) {
      return Optional.empty();
    }
    return Optional.of(listed.get(0));
  }
}
