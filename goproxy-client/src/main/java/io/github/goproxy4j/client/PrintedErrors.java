package io.github.goproxy4j.client;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.mvs.ModuleGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The errors a command prints as go meets them and goes on from (go's base.Errorf, after which the
 * command exits with status 1): modload's replacementFrom's conflicting replacements of a module
 * version by two workspace modules ({@link ModuleGraph#replacementConflict}), once for each lookup
 * of that version's replacement go makes, and once per module path for the lookup of a latest
 * version's replacement that go caches per path (queryLatestVersionIgnoringRetractions).
 */
final class PrintedErrors {
  /** Nothing to look up: outside a workspace. */
  static final PrintedErrors NONE = new PrintedErrors(null);

  private final ModuleGraph graph;
  private final List<String> lines = new ArrayList<>();
  private final Set<String> latestLookedUp = ConcurrentHashMap.newKeySet();
  /** Where {@link #lookUpKeptSums}'s lines begin in {@link #lines}; -1: it has not run. */
  private int keptSumsFrom = -1;

  /** The lookups of the build whose graph is {@code graph}; the graph's own load's errors first. */
  PrintedErrors(ModuleGraph graph) {
    this.graph = graph;
    if (graph != null) {
      lines.addAll(graph.replacementErrors());
    }
  }

  /** go's Replacement of {@code module}: its conflict, if any, printed. */
  void lookUp(ModuleVersion module) {
    if (graph != null) {
      graph.replacementConflict(module).ifPresent(this::add);
    }
  }

  /** {@link #lookUp(ModuleVersion)} of a version as a query names it (nothing for a non-canonical one). */
  void lookUp(String path, String version) {
    if (graph == null || version.isEmpty()) {
      return;
    }
    try {
      lookUp(ModuleVersion.of(path, version));
    } catch (IllegalArgumentException e) {
      // not a module version: go's lookup finds no directive naming it
    }
  }

  /** The lookup of a path's latest version's replacement: the first for the path only. */
  void lookUpLatest(String path, String version) {
    if (latestLookedUp.add(path)) {
      lookUp(path, version);
    }
  }

  /**
   * keepSums, as a workspace's commitRequirements runs it before it writes go.work.sum: the
   * replacement of each module whose requirements {@code build}'s graph holds, then of each module
   * of its build list; nothing outside a workspace, nor for a graph of the roots alone (keepSums
   * then walks the roots, which in a workspace are the main modules).
   */
  void lookUpKeptSums(ModuleGraphLoader.Build build) {
    synchronized (this) {
      keptSumsFrom = lines.size();
    }
    if (build.workFile() != null && !build.graph().isRootsOnly()) {
      build.graph().loadedModules().forEach(this::lookUp);
      build.graph().buildList().forEach(this::lookUp);
    }
  }

  /** {@return whether nothing was printed so far} */
  synchronized boolean isEmpty() {
    return lines.isEmpty();
  }

  private synchronized void add(String line) {
    lines.add(line);
  }

  /** {@return the errors printed so far, in order} */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** {@return the last of {@link #lines()}: those {@link #lookUpKeptSums} printed (none before it ran)} */
  synchronized List<String> keptSumsLines() {
    return keptSumsFrom < 0 ? List.of() : List.copyOf(lines.subList(keptSumsFrom, lines.size()));
  }
}
