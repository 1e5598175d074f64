package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoModSyntaxException;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleGraphException;
import io.github.goproxy4j.mvs.ModuleSource;
import io.github.goproxy4j.sumdb.GoSum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads the module graph of a main module directory the way the go command does (modload's
 * LoadModFile + LoadModGraph): finds go.mod upwards from the directory, reads it strictly and
 * its go.sum, and fetches dependency go.mod files through {@link GoProxyClient}'s go.mod path
 * (each module's route, verified against that go.sum, else the checksum database, cached in
 * GOMODCACHE), many at once.
 */
final class ModuleGraphLoader {
  private ModuleGraphLoader() {}

  /** A main module found on disk: its directory, go.mod and go.sum. */
  record MainModule(Path dir, GoModFile goMod, GoSum goSum) {}

  static MainModule findMainModule(Path start, String release) throws GoProxyException {
    Path dir = start.toAbsolutePath().normalize();
    while (dir != null && !Files.isRegularFile(dir.resolve("go.mod"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new ModuleGraphException(
          "go.mod file not found in current directory or any parent directory; see 'go help modules'", null);
    }
    String name = dir.equals(start.toAbsolutePath().normalize()) ? "go.mod" : dir.resolve("go.mod").toString();
    GoModFile goMod;
    try {
      goMod = GoModFile.parseStrict(name, Files.readAllBytes(dir.resolve("go.mod")), release);
    } catch (GoModSyntaxException e) {
      throw new ModuleGraphException("errors parsing " + name + ":\n" + e.getMessage(), e);
    } catch (IOException e) {
      throw new ModuleGraphException("reading " + name + ": " + e.getMessage(), e);
    }
    if (goMod.module().isEmpty()) {
      throw new ModuleGraphException("error reading " + name + ": missing module declaration. To specify the module"
          + " path:\n\tgo mod edit -module=example/mod", null);
    }
    GoSum goSum;
    try {
      goSum = Files.isRegularFile(dir.resolve("go.sum")) ? GoSum.read(dir.resolve("go.sum")) : GoSum.empty();
    } catch (IOException e) {
      throw new ModuleGraphException("reading go.sum: " + e.getMessage(), e);
    }
    return new MainModule(dir, goMod, goSum);
  }

  /**
   * Loads the graph.
   *
   * @param modMode follow {@code -mod=mod} (else go's default, {@code -mod=readonly}: go.sum must
   *     have a line for every go.mod loaded, and the requirements must be consistent)
   */
  static ModuleGraph load(GoProxyClient client, String release, Path start, boolean modMode, int parallelism)
      throws GoProxyException {
    return load(client, release, findMainModule(start, release), modMode, parallelism);
  }

  /** Loads the graph of a main module already found. */
  static ModuleGraph load(GoProxyClient client, String release, MainModule main, boolean modMode, int parallelism)
      throws GoProxyException {
    ModFetch fetch = client.fetchWith(main.goSum());
    ModuleSource source = new ModuleSource() {
      @Override
      public byte[] goMod(ModuleVersion module) throws IOException {
        return fetch.goMod(fetch.lookup().route(module.path()), module).data();
      }

      @Override
      public byte[] goModInDirectory(String directory) throws IOException {
        Path file = main.dir().resolve(directory).resolve("go.mod");
        try {
          return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
          throw new IOException("reading " + file + ": open " + file + ": no such file or directory", e);
        }
      }
    };
    ModuleGraph.Builder b = ModuleGraph.builder().goRelease(release).modMode(modMode).mainModule(main.goMod())
        .source(source).parallelism(parallelism);
    if (!modMode) {
      b.requireGoModSums(mv -> !main.goSum().goModHashes(mv).isEmpty());
    }
    return b.build();
  }
}
