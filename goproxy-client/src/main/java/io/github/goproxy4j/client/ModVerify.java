package io.github.goproxy4j.client;

import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.zip.internal.GoZipReader;
import io.github.goproxy4j.internal.GoOs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code go mod verify} (cmd/go's modcmd runVerify and verifyMod, the same from go1.19 to
 * go1.27): for every module of the build list, the cached zip and the extracted directory must
 * still hash to the {@code .ziphash} recorded when they were downloaded. A module with neither zip
 * nor complete directory is skipped; one with either but no ziphash is reported. The reports are
 * the lines go prints on standard error, in build-list order.
 */
final class ModVerify {
  private ModVerify() {}

  static List<String> verify(ModuleCache cache, ModuleGraph g, Path cwd, int parallelism) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, 8)),
        new GoProxyClient.DaemonThreads("goproxy4j-verify-"));
    try {
      List<CompletableFuture<List<String>>> futures = new ArrayList<>();
      for (ModuleVersion m : g.buildList()) {
        futures.add(CompletableFuture.supplyAsync(() -> verify(cache, m, cwd), pool));
      }
      List<String> out = new ArrayList<>();
      if (g.isWorkspace() && GoRelease.modelled(g.goRelease()).behaviourMinor() < 21) {
        // go1.19 verifies BuildList()[1:]: in a workspace every main module but the first (in
        // go.work order) is verified as a module version "", which has no cache path, so go
        // reports its ziphash missing as the file "hash" in the current directory
        List<ModuleGraph.MainModule> mains = g.mainModules();
        for (int i = 1; i < mains.size(); i++) {
          out.add(mains.get(i).path() + " : missing ziphash: open hash: no such file or directory");
        }
      }
      for (CompletableFuture<List<String>> f : futures) {
        out.addAll(f.join());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * verifyMod: the problems of one module version, each as {@code path version: what}. {@code dir}
   * {@code cwd} is go's current directory, where go looks for the ziphash of a cache it cannot use.
   */
  static List<String> verify(ModuleCache cache, ModuleVersion m, Path cwd) {
    String name = m.path() + " " + m.version();
    if (cache.problem().isPresent()) {
      return List.of(name + ": " + withoutCache(cwd));
    }
    Path zip = cache.file(m, "zip");
    // go's zipErr: only a zip that does not exist counts as absent; another stat failure (a
    // non-directory in its path) makes go read the ziphash and report it missing
    boolean haveZip = !notExist(zip);
    boolean haveDir = cache.isExtracted(m);
    Path zipHash = zip.resolveSibling(zip.getFileName() + "hash");
    String h;
    try {
      h = new String(Files.readAllBytes(zipHash), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      if (!haveZip && !haveDir) {
        return List.of(); // nothing downloaded yet
      }
      return List.of(name + ": missing ziphash: " + osError("open", zipHash, e));
    }
    List<String> errs = new ArrayList<>();
    if (haveZip) {
      try {
        if (!ModuleHash.ofZip(zip).toString().equals(h)) {
          errs.add(name + ": zip has been modified (" + zip + ")");
        }
      } catch (IOException e) {
        errs.add(name + ": " + zipError(zip, e));
        return errs;
      }
    }
    if (haveDir) {
      Path dir = cache.extractedDir(m);
      try {
        if (!ModuleHash.ofDir(dir, m.path() + "@" + m.version()).toString().equals(h)) {
          errs.add(name + ": dir has been modified (" + dir + ")");
        }
      } catch (IOException e) {
        errs.add(name + ": " + e.getMessage());
        return errs;
      }
    }
    return errs;
  }

  /**
   * verifyMod with a cache go cannot use: the zip's cache path is then "" (its error is not
   * "not exist"), so go reads the ziphash from the file {@code hash} in its current directory;
   * missing, that is a missing ziphash; present, go goes on to hash the zip "", which it cannot
   * open.
   */
  private static String withoutCache(Path cwd) {
    Path hash = cwd.resolve("hash");
    if (Files.isDirectory(hash)) {
      return "missing ziphash: read hash: is a directory";
    }
    try {
      Files.readAllBytes(hash);
    } catch (IOException e) {
      return "missing ziphash: " + GoOs.pathError("open", "hash", e);
    }
    return "open : no such file or directory";
  }

  /** Whether stat(2) of {@code f} fails with ENOENT (Go's {@code errors.Is(err, fs.ErrNotExist)}). */
  private static boolean notExist(Path f) {
    try {
      Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
      return false;
    } catch (java.nio.file.NoSuchFileException e) {
      return !io.github.goproxy4j.internal.GoPathError.underNonDirectory(f); // JDK 25's ENOTDIR
    } catch (IOException e) {
      return false;
    }
  }

  /** Go's os.PathError text for a failed file operation. */
  private static String osError(String op, Path file, IOException e) {
    return GoOs.pathError(op, file.toString(), e);
  }

  /** dirhash.HashZip's error: archive/zip's text (ModuleHash adds where; go does not). */
  private static String zipError(Path zip, IOException e) {
    if (e.getCause() instanceof GoZipReader.ZipError) {
      return e.getCause().getMessage();
    }
    if (e instanceof GoZipReader.ZipError) {
      return e.getMessage();
    }
    return osError("open", zip, e);
  }
}
