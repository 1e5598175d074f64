package io.github.goproxy4j.mvs;

import io.github.goproxy4j.mvs.ModuleGraph.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One graph as readModGraph builds it: mvs.Graph's requirement edges and selected versions. */
final class Graph {
  final List<Node> roots;
  final Map<Node, List<Node>> required = new HashMap<>();
  final Map<String, String> selected = new HashMap<>();
  final Map<Node, String> errors = new HashMap<>();

  Graph(List<Node> roots) {
    this.roots = roots;
  }

  /** mvs.Graph.Require. */
  void require(Node m, List<Node> reqs) {
    required.put(m, reqs);
    for (Node dep : reqs) {
      String cur = selected.get(dep.path());
      if (cur == null || GoVersions.cmpVersion(dep.path(), cur, dep.version()) < 0) {
        selected.put(dep.path(), dep.version());
      }
    }
  }

  String selected(String path) {
    return selected.getOrDefault(path, "none");
  }

  /** mvs.NewGraph with several roots (the workspace modules): each root is selected at least at its version. */
  static Graph withRoots(List<Node> roots) {
    Graph g = new Graph(roots);
    for (Node m : roots) {
      String cur = g.selected.get(m.path());
      if (cur == null || GoVersions.cmpVersion(m.path(), cur, m.version()) < 0) {
        g.selected.put(m.path(), m.version());
      }
    }
    return g;
  }

  /** mvs.Graph.BuildList after the main module: the selected versions sorted by path. */
  List<Node> buildListAfterMain(String mainPath) {
    List<Node> list = new ArrayList<>();
    selected.forEach((p, v) -> {
      if (!p.equals(mainPath)) {
        list.add(new Node(p, v));
      }
    });
    list.sort(Comparator.comparing(Node::path));
    return list;
  }
}
