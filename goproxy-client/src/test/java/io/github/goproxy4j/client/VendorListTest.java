package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.testing.GoTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VendorList} (with {@link BuildMod}'s choice of vendor mode) through
 * {@link GoProxyClient#listModules(Path, List, boolean, java.util.function.Consumer)} against every
 * installed go release: seeded random main modules (go lines on both sides of 1.14 and 1.17,
 * direct and indirect requirements, wildcard and versioned replacements by modules and
 * directories) with a vendor/modules.txt written as {@code go mod vendor} writes it, then
 * mutated as hand edits and stale vendor directories leave it (a lost {@code ## explicit}, a
 * changed version or replacement, an extra or unlisted module, a module without packages, a
 * {@code ## go} annotation newer than the release, lines go skips). {@code go list -m} with
 * random arguments must print what goproxy4j answers, or fail with the same text.
 * More cases: {@code -Dgoproxy4j.vendor.cases=N} per release.
 */
class VendorListTest {
  private static final List<String> POOL = List.of("example.com/a", "example.com/b", "example.com/c/v2",
      "golang.org/x/d", "example.com/e");

  static Stream<Arguments> cases() {
    int n = Integer.getInteger("goproxy4j.vendor.cases", 12);
    return GoTool.releases().flatMap(go -> LongStream.rangeClosed(1, n).mapToObj(seed -> Arguments.of(go, seed)));
  }

  /** One generated case: the files, GOFLAGS, the list arguments. */
  record Case(String goMod, String modulesTxt, String goflags, List<String> args, boolean updates) {
    @Override
    public String toString() {
      return "GOFLAGS=" + goflags + " go list -m" + (updates ? " -u " : " ") + String.join(" ", args)
          + "\n--- go.mod\n" + goMod + "--- vendor/modules.txt\n" + modulesTxt;
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("cases")
  void listInVendorModeAsGo(GoTool.Go go, long seed, @TempDir Path tmp) throws Exception {
    GoTool.assumeGo(go);
    Case c = generate(new SplittableRandom(seed), go.minor());
    Path main = Files.createDirectories(tmp.resolve("main"));
    Files.writeString(main.resolve("go.mod"), c.goMod());
    Files.createDirectories(main.resolve("vendor"));
    Files.writeString(main.resolve("vendor/modules.txt"), c.modulesTxt());
    Map<String, String> env = go.hermeticEnv(tmp);
    env.put("GOFLAGS", c.goflags());
    List<String> cmd = new ArrayList<>(List.of("list", "-m"));
    if (c.updates()) {
      cmd.add("-u");
    }
    cmd.addAll(c.args());
    GoTool.Result theirs = go.run(main, env, 60, cmd.toArray(new String[0]));
    String out = "";
    String err = "";
    int status = 0;
    try (GoProxyClient client = GoProxyClient.builder()
        .env(GoEnv.builder().environment(env).noUserEnvFile().goVersion(go.release()).build()).build()) {
      StringBuilder lines = new StringBuilder();
      for (ListedModule m : client.listModules(main, c.args(), c.updates(), w -> {})) {
        lines.append(m).append('\n');
      }
      out = lines.toString();
    } catch (ModuleGraphException e) {
      err = e.goText() + "\n";
      status = 1;
    }
    String ctx = go + " seed=" + seed + "\n" + c;
    assertEquals(theirs.stderr(), err, ctx);
    assertEquals(theirs.stdout(), out, ctx);
    assertEquals(theirs.exitCode(), status, ctx);
  }

  /** A main module as go.mod and a vendor/modules.txt for it, then mutations; random list arguments. */
  static Case generate(SplittableRandom r, int minor) {
    String[] goLines = {"1.13", "1.16", "1.17", "1.19"};
    String mainGo = goLines[r.nextInt(goLines.length)];
    // below 1.14 go uses the vendor directory only when told to
    String goflags = mainGo.equals("1.13") || r.nextBoolean() ? "-mod=vendor" : "";
    Map<String, String[]> req = new LinkedHashMap<>(); // path -> {version, "indirect"|""}
    for (String p : POOL) {
      if (r.nextInt(3) > 0) {
        req.put(p, new String[] {"v" + (p.endsWith("/v2") ? 2 : 1) + "." + r.nextInt(3) + ".0",
            r.nextInt(3) == 0 ? "indirect" : ""});
      }
    }
    // replacements: old path (version or "" for all) -> new path (version or "" for a directory)
    List<String[]> reps = new ArrayList<>();
    for (String p : POOL) {
      if (r.nextInt(4) == 0) {
        String oldV = req.containsKey(p) && r.nextBoolean() ? req.get(p)[0] : "";
        boolean dir = r.nextBoolean();
        reps.add(new String[] {p, oldV, dir ? "./local/" + p.replace('/', '_') : "example.com/fork",
            dir ? "" : "v1.0." + r.nextInt(2)});
      }
    }
    StringBuilder mod = new StringBuilder("module example.com/main\n\ngo " + mainGo + "\n");
    if (!req.isEmpty()) {
      mod.append("\nrequire (\n");
      req.forEach((p, v) -> mod.append('\t').append(p).append(' ').append(v[0])
          .append(v[1].isEmpty() ? "" : " // indirect").append('\n'));
      mod.append(")\n");
    }
    for (String[] rep : reps) {
      mod.append("\nreplace ").append(rep[0]).append(rep[1].isEmpty() ? "" : " " + rep[1]).append(" => ")
          .append(rep[2]).append(rep[3].isEmpty() ? "" : " " + rep[3]).append('\n');
    }
    // modules.txt as go mod vendor writes it for this go.mod, one block per requirement
    List<List<String>> blocks = new ArrayList<>();
    boolean annotate = mainGo.compareTo("1.14") >= 0;
    for (Map.Entry<String, String[]> e : req.entrySet()) {
      String p = e.getKey();
      String v = e.getValue()[0];
      String[] rep = applied(reps, p, v);
      List<String> b = new ArrayList<>();
      b.add("# " + p + " " + v + (rep == null ? "" : " => " + rep[2] + (rep[3].isEmpty() ? "" : " " + rep[3])));
      if (annotate) {
        b.add("## explicit" + (r.nextBoolean() ? "; go 1." + (11 + r.nextInt(6)) : ""));
      }
      b.add(r.nextInt(4) == 0 ? p + "/sub" : p);
      blocks.add(b);
    }
    for (String[] rep : reps) {
      if (!req.containsKey(rep[0]) || !rep[1].isEmpty() && !rep[1].equals(req.get(rep[0])[0])) {
        // a replacement of no vendored module: go records it on a line of its own
        blocks.add(new ArrayList<>(List.of("# " + rep[0] + (rep[1].isEmpty() ? "" : " " + rep[1]) + " => " + rep[2]
            + (rep[3].isEmpty() ? "" : " " + rep[3]))));
      }
    }
    int mutations = r.nextInt(3);
    for (int i = 0; i < mutations && !blocks.isEmpty(); i++) {
      List<String> b = blocks.get(r.nextInt(blocks.size()));
      switch (r.nextInt(8)) {
        case 0: // the explicit mark lost
          b.removeIf(l -> l.startsWith("## "));
          break;
        case 1: // another version vendored
          b.set(0, b.get(0).replaceFirst(" v(\\d)\\.\\d\\.0", " v$1.9.0"));
          break;
        case 2: // the replacement not (or no longer) recorded
          b.set(0, b.get(0).replaceFirst(" => .*", ""));
          break;
        case 3: // a replacement that go.mod does not have
          b.set(0, b.get(0).replaceFirst(" => .*", "") + " => example.com/other v1.2.3");
          break;
        case 4: // a module go.mod does not require
          blocks.add(new ArrayList<>(List.of("# example.com/extra v1.0.0", "## explicit", "example.com/extra")));
          break;
        case 5: // a module without packages
          b.removeIf(l -> !l.startsWith("#"));
          if (annotate && b.size() == 1 && r.nextBoolean()) {
            b.add("## explicit");
          }
          break;
        case 6: // a go annotation newer than every release
          b.add(Math.min(1, b.size()), "## explicit; go 1.99");
          break;
        default: // lines go skips
          b.add(r.nextBoolean() ? "# weird" : "#comment");
          break;
      }
    }
    StringBuilder txt = new StringBuilder();
    blocks.forEach(b -> b.forEach(l -> txt.append(l).append('\n')));
    List<String> args = new ArrayList<>();
    List<String> candidates = new ArrayList<>(POOL);
    candidates.addAll(List.of("example.com/main", "example.com/unknown", "example.com/extra"));
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      args.add(candidates.get(r.nextInt(candidates.size())));
    }
    if (r.nextInt(8) == 0) {
      args.add(r.nextBoolean() ? "all" : "example.com/...");
    }
    return new Case(mod.toString(), txt.toString(), goflags, args, r.nextInt(10) == 0);
  }

  /** The replacement go.mod applies to {@code path version}: the exact version's, else the wildcard. */
  private static String[] applied(List<String[]> reps, String path, String version) {
    String[] wildcard = null;
    for (String[] rep : reps) {
      if (rep[0].equals(path) && rep[1].equals(version)) {
        return rep;
      }
      if (rep[0].equals(path) && rep[1].isEmpty()) {
        wildcard = rep;
      }
    }
    return wildcard;
  }
}
