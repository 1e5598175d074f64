package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Installs a toolchain module as cmd/go's {@code toolchain.Exec} does after downloading it:
 * execute bits on {@code pkg/tool}, then {@code lib}'s {@code go_*_*_exec} (Go 1.24 on), then
 * {@code bin/gofmt}, then {@code bin}, and every {@code _go.mod} copied to {@code go.mod}
 * ({@code src/_go.mod} last, the signal that the tree is complete).
 */
final class ToolchainInstaller {
  private ToolchainInstaller() {}

  /**
   * Maps a failed download to go's toolchain messages. Security failures (checksum mismatch,
   * inconsistent checksum database) keep their type and text: go prefixes them with
   * {@code download go1.X.Y: }.
   */
  static GoProxyException downloadFailure(GoToolchain t, GoProxyException e) {
    if (e instanceof io.github.goproxy4j.sumdb.ChecksumMismatchException
        || e instanceof io.github.goproxy4j.sumdb.SumdbSecurityException) {
      return e;
    }
    if (e instanceof NotFoundException) {
      String v = t.version();
      if (GoRelease.isLang(v) && GoRelease.compare(v, "1.21") >= 0) {
        return new ToolchainNotAvailableException("invalid toolchain: " + t.name()
            + " is a language version but not a toolchain version (" + t.name() + ".x)", e, e.attempts());
      }
      return new ToolchainNotAvailableException("download " + t.name() + " for " + t.platform()
          + ": toolchain not available", e, e.attempts());
    }
    return new GoProxyException("download " + t.name() + ": " + e.getMessage(), e, e.attempts());
  }

  /**
   * Sets execute bits and writes the go.mod copies, unless already done.
   *
   * @param t the toolchain
   * @param dir its extracted module directory (the GOROOT)
   * @param libExec whether {@code lib/go_*_*_exec} gets execute bits (Go 1.24 on)
   */
  static void finish(GoToolchain t, Path dir, boolean libExec) throws GoProxyException {
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Path goBin = dir.resolve("bin/go");
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(goBin);
        if (!mode.contains(PosixFilePermission.OWNER_EXECUTE)
            && !mode.contains(PosixFilePermission.GROUP_EXECUTE)
            && !mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          allowExec(dir.resolve("pkg/tool"), null);
          if (libExec) {
            allowExec(dir.resolve("lib"), FileSystems.getDefault().getPathMatcher("glob:go_?*_?*_exec"));
          }
          allowExec(dir.resolve("bin/gofmt"), null);
          allowExec(dir.resolve("bin"), null);
        }
      }
      copyGoMods(dir);
    } catch (IOException e) {
      throw new GoProxyException("download " + t.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * exec.LookPath for a toolchain name, as {@code toolchain.Exec} uses it: the first executable
   * regular file of that name in the directories of the environment's PATH. A hit in a relative
   * directory (an empty element means {@code .}) is exec.ErrDot since Go 1.19, which go takes as
   * not found, without looking further.
   */
  static Optional<Path> lookPath(GoEnv env, String name) {
    String path = env.environment().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator, -1)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p.isAbsolute() ? Optional.of(p) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * toolchain.pathToolchains: the Go versions of the {@code go1.X...} commands in PATH's absolute
   * directories (a relative one is skipped, exec.ErrDot), each once, oldest first in Go's order:
   * an executable regular file (a symbolic link to one counts) whose name is a toolchain name
   * ({@code go1.24.4}, {@code go1.25rc1}; a suffix such as {@code -custom} is dropped).
   */
  static List<String> pathReleases(GoEnv env) {
    java.util.Set<String> have = new java.util.HashSet<>();
    List<String> out = new ArrayList<>();
    String path = env.environment().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator, -1)) {
      if (dir.isEmpty() || !Path.of(dir).isAbsolute()) {
        continue;
      }
      try (Stream<Path> entries = Files.list(Path.of(dir))) {
        entries.forEach(p -> {
          String name = p.getFileName().toString();
          if (!name.startsWith("go1.") || Files.isDirectory(p) || !Files.isExecutable(p)) {
            return;
          }
          String v = GoRelease.fromToolchain(name);
          if (v.startsWith("1.") && have.add(v)) {
            out.add(v);
          }
        });
      } catch (IOException | java.io.UncheckedIOException e) {
        // an unreadable directory offers nothing (go skips it)
      }
    }
    out.sort(GoRelease::compare);
    return out;
  }

  /** Adds u+x, g+x, o+x to every file under {@code root} (whose name matches, if given). */
  private static void allowExec(Path root, PathMatcher names) throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("lstat " + root + ": no such file or directory");
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> names == null || names.matches(p.getFileName()))
          .forEach(files::add);
    }
    for (Path f : files) {
      Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
      perms.addAll(Files.getPosixFilePermissions(f));
      perms.add(PosixFilePermission.OWNER_EXECUTE);
      perms.add(PosixFilePermission.GROUP_EXECUTE);
      perms.add(PosixFilePermission.OTHERS_EXECUTE);
      Files.setPosixFilePermissions(f, perms);
    }
  }

  /** Go's _go.mod to go.mod copies (the zip cannot hold nested go.mod files). */
  private static void copyGoMods(Path dir) throws IOException {
    Path srcU = dir.resolve("src/_go.mod");
    Path src = dir.resolve("src/go.mod");
    if (size(src) == size(srcU)) {
      return;
    }
    List<Path> copies = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("_go.mod"))
          .filter(p -> !p.equals(srcU))
          .forEach(copies::add);
    }
    for (Path p : copies) {
      copy(p, p.resolveSibling("go.mod"));
    }
    copy(srcU, src);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  /** raceSafeCopy: makes the directory writable for the copy, then restores both modes. */
  private static void copy(Path from, Path to) throws IOException {
    if (Files.exists(to) && size(to) == size(from)) {
      return;
    }
    byte[] data = Files.readAllBytes(from);
    Path dir = to.getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Set<PosixFilePermission> dirMode = posix ? Files.getPosixFilePermissions(dir) : null;
    if (posix) {
      Set<PosixFilePermission> w = EnumSet.copyOf(dirMode);
      w.add(PosixFilePermission.OWNER_WRITE);
      Files.setPosixFilePermissions(dir, w);
    }
    try {
      Files.write(to, data);
      if (posix) {
        Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
      }
    } finally {
      if (posix) {
        Files.setPosixFilePermissions(dir, dirMode);
      }
    }
  }
}
