package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoEnvException;
import io.github.goproxy4j.internal.GoCwd;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.internal.GoPathError;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.sumdb.internal.LockedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The module cache in the go command's {@code GOMODCACHE} layout, byte-compatible with what
 * go 1.19+ writes, so that go and this library can share one cache:
 *
 * <pre>
 * cache/download/&lt;escaped path&gt;/@v/list             versions with a .mod, sorted, one per line
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.info          JSON as go re-marshals it
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.mod           the go.mod, verified
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.zip           the module zip, verified
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.ziphash       "h1:…" with no newline
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.lock          lock file (empty)
 * cache/download/&lt;escaped path&gt;/@v/&lt;v&gt;.partial       present only while extracting
 * &lt;escaped path&gt;@&lt;v&gt;/                                   the extracted tree, read-only
 * </pre>
 *
 * <pre>{@code
 * ModuleCache cache = ModuleCache.at(Path.of(System.getProperty("user.home"), "go/pkg/mod"));
 * ModuleVersion m = ModuleVersion.parse("golang.org/x/text@v0.3.7");
 * if (cache.isExtracted(m)) {
 *   System.out.println(cache.extractedDir(m));
 * }
 * }</pre>
 *
 * <p><b>Sharing with go.</b> Every file appears whole or not at all, and the cache takes the
 * locks the go command takes (cmd/go/internal/lockedfile: {@code flock(2)} on Linux and macOS,
 * {@code LockFileEx} on Windows), on the same files and around the same critical sections, so a
 * running go, other JVMs and other threads can fill one cache at the same time:
 *
 * <ul>
 *   <li>{@code <v>.lock} serializes the download of a version's zip (stale {@code <v>.zip*.tmp}
 *       cleanup, the temporary {@code <v>.zip<random>.tmp}, its check, hash and verification,
 *       {@code <v>.ziphash}, the rename to {@code <v>.zip}) and its extraction (stale
 *       {@code <dir>.tmp-*} trees and half-extracted trees behind {@code <v>.partial} removed,
 *       the tree written into a private {@code <dir>.tmp-<random>} and renamed into place
 *       whole, so a reader never sees a half tree; go instead writes in place behind
 *       {@code .partial}, which this cache honours). Temporary files, markers and trees another
 *       process may be writing are only ever removed while holding it, as go does.
 *   <li>{@code <v>.ziphash} is written and read under its own lock, in place, as go does;
 *       {@code list} is rewritten in place under its own lock after a zero-fill, so a torn write
 *       shows as NUL bytes that readers ignore.
 *   <li>{@code .info} and {@code .mod} files are written to {@code <name><random>.tmp} and
 *       renamed into place, without a lock, as go does.
 *   <li>go rewrites {@code list} after each go.mod it caches; a module graph load rewrites it
 *       once per module when the load ends (also when it fails), so a reader during the load
 *       can find a go.mod that {@code list} does not name yet, as it can between go's two
 *       steps. Afterwards the file is what go writes.
 * </ul>
 *
 * <p>Extracted trees are made read-only (directories {@code r-x}, files {@code r--}) unless
 * {@link #withWritableTrees(boolean)} is set, like go's {@code -modcacherw}.
 *
 * <p><b>A cache go cannot use.</b> {@link #fromEnv} returns a cache even when GOMODCACHE is
 * unset (no GOPATH either, as with HOME unset) or relative, and {@link #at} one whose root is not
 * a directory and cannot be made one. go then goes on without a module cache (cmd/go's
 * checkCacheDir): nothing is read from it or written to it, so go.mod files and version infos are
 * fetched each time, while a download, which must store the module, fails with go's reason. Such a
 * cache reports that reason through {@link #problem()}; its readers find nothing and its
 * {@code .info} and {@code .mod} writers write nothing, as go's.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ModuleCache {
  private static final byte[] OLD_VGO_PREFIX = "//vgo 0.0.".getBytes(StandardCharsets.US_ASCII);

  /**
   * The root; for a GOMODCACHE unset or relative (envProblem), that value against go's current
   * directory ({@link GoCwd}: the environment's PWD, which the CLI sets after its -C), where go
   * keeps the checksum database's tiles although it refuses the cache.
   */
  private final Path root;
  private final String envProblem;
  private final boolean writableTrees;
  /** checkCacheDir's stat of the root, made once (go's statCacheOnce): "" when usable. */
  private volatile String rootProblem;

  private ModuleCache(Path root, String envProblem, boolean writableTrees) {
    this.root = root;
    this.envProblem = envProblem;
    this.writableTrees = writableTrees;
  }

  /**
   * Returns the cache rooted at a directory (a {@code GOMODCACHE}).
   *
   * @param root the cache root; never {@code null}; need not exist yet
   * @return the cache
   */
  public static ModuleCache at(Path root) {
    Objects.requireNonNull(root, "root");
    return new ModuleCache(root.toAbsolutePath().normalize(), null, false);
  }

  /**
   * Returns the cache the go command would use with these settings ({@code GOMODCACHE}, by
   * default {@code GOPATH[0]/pkg/mod}); trees are left writable when {@code GOFLAGS} contains
   * {@code -modcacherw}. When GOMODCACHE is unset (and GOPATH with it) or relative, the cache is
   * one go cannot use: {@link #problem()} gives go's reason, as {@link GoEnv#modCacheDir()} words
   * it, and the cache holds nothing.
   *
   * <pre>{@code
   * ModuleCache cache = ModuleCache.fromEnv(GoEnv.fromSystem());
   * cache.problem().ifPresent(why -> System.err.println("go: " + why));
   * }</pre>
   *
   * @param env the Go settings; never {@code null}
   * @return the cache
   */
  public static ModuleCache fromEnv(GoEnv env) {
    Objects.requireNonNull(env, "env");
    Path dir;
    try {
      dir = env.modCacheDir();
    } catch (GoEnvException e) {
      Path given;
      try {
        given = Path.of(env.get("GOMODCACHE"));
      } catch (java.nio.file.InvalidPathException x) {
        given = Path.of("");
      }
      // go's checkCacheDir words the relative case with a newline at the end, which mod
      // download -json's Error keeps (the log line has it once)
      String why = e.getMessage() + (env.get("GOMODCACHE").isEmpty() ? "" : "\n");
      return new ModuleCache(GoCwd.resolve(env.environment(), given), why, env.modCacheRw());
    }
    return at(dir).withWritableTrees(env.modCacheRw());
  }

  /**
   * Returns a copy that leaves extracted trees writable ({@code true}, go's
   * {@code -modcacherw}) or makes them read-only ({@code false}, the default).
   *
   * @param writable whether extracted trees stay writable
   * @return a cache on the same directory
   */
  public ModuleCache withWritableTrees(boolean writable) {
    return new ModuleCache(root, envProblem, writable);
  }

  /**
   * Returns the cache root.
   *
   * @return the absolute root directory
   * @throws IllegalStateException with go's reason, for a cache {@link #fromEnv} made from an
   *     unset or relative GOMODCACHE, which has no root
   */
  public Path root() {
    if (envProblem != null) {
      throw new IllegalStateException(envProblem);
    }
    return root;
  }

  /**
   * Returns why go could not use this cache, as cmd/go's checkCacheDir words it, or empty when
   * it can: {@code module cache not found: neither GOMODCACHE nor GOPATH is set}, {@code GOMODCACHE
   * entry is relative; must be absolute path: "x".}, or, for a root that is missing and cannot be
   * created or that is not a directory, {@code could not create module cache: ...}. As go does on
   * its first use of the cache, the first call creates a missing root (mode {@code 0777} minus
   * the umask); its answer is kept.
   *
   * @return the reason, or empty when the cache is usable
   */
  public Optional<String> problem() {
    if (envProblem != null) {
      return Optional.of(envProblem);
    }
    String p = rootProblem;
    if (p == null) {
      p = statRoot(root);
      rootProblem = p;
    }
    return p.isEmpty() ? Optional.empty() : Optional.of(p);
  }

  /**
   * Where go keeps the checksum database's tiles and lookups: {@code cache/download/sumdb} under
   * GOMODCACHE as go joins it (cmd/go's dbClient.ReadCache/WriteCache), which for an unset or
   * relative GOMODCACHE is relative to the current directory, as it is for go.
   */
  Path sumdbTileDir() {
    return root.resolve("cache").resolve("download").resolve("sumdb");
  }

  /**
   * The cache whose best-effort SideLock ({@code cache/lock}) go takes before it rewrites go.mod
   * or go.sum ({@link LockedFile#transformUnderSideLock}): this root, or null when the cache is
   * one go cannot use (its checkCacheDir fails first and go takes no side lock).
   */
  Path sideLockRoot() {
    return usable() ? root : null;
  }

  /** Whether {@link #problem()} is empty: the cache can be read and written. */
  boolean usable() {
    return problem().isEmpty();
  }

  /** go's reason as an IOException, for the writers that a cache go cannot use must refuse. */
  private void checkUsable() throws IOException {
    checkUsable(IOException::new);
  }

  /**
   * go's checkCacheDir where the cache is needed: throws {@link #problem()}'s reason, made into
   * the caller's exception, when go could not use this cache.
   *
   * @param <X> the caller's exception type
   * @param error makes the exception from go's reason
   * @throws X when the cache is one go cannot use
   */
  <X extends Exception> void checkUsable(java.util.function.Function<String, X> error) throws X {
    Optional<String> p = problem();
    if (p.isPresent()) {
      throw error.apply(p.get());
    }
  }

  /** checkCacheDir's stat: "" for a directory, made if missing; else go's error text. */
  private static String statRoot(Path root) {
    String why = "could not create module cache: ";
    try {
      if (Files.readAttributes(root, java.nio.file.attribute.BasicFileAttributes.class).isDirectory()) {
        return "";
      }
      return why + GoQuote.quote(root.toString()) + " is not a directory";
    } catch (NoSuchFileException e) {
      if (GoPathError.underNonDirectory(root)) { // stat's ENOTDIR, as JDK 25 reports it
        return why + GoOs.pathError("stat", root.toString(), e);
      }
      try {
        GoOs.mkdirAll(root);
        return "";
      } catch (IOException m) {
        return why + (m instanceof GoPathError ? m.getMessage() : GoOs.pathError("mkdir", root.toString(), m));
      }
    } catch (IOException e) {
      return why + GoOs.pathError("stat", root.toString(), e);
    }
  }

  /**
   * Returns whether extracted trees are left writable.
   *
   * @return true for {@code -modcacherw} behaviour
   */
  public boolean writableTrees() {
    return writableTrees;
  }

  /**
   * Returns the {@code cache/download/<escaped path>/@v} directory of a module. Its layout is the
   * proxy protocol's, so {@code GOPROXY=file://<root>/cache/download} serves it.
   *
   * @param path the module path; never {@code null}
   * @return the directory (it may not exist)
   */
  public Path versionsDir(ModulePath path) {
    Objects.requireNonNull(path, "path");
    return root().resolve("cache").resolve("download").resolve(path.escaped()).resolve("@v");
  }

  /**
   * Returns the cache file of a module version with a suffix such as {@code "info"},
   * {@code "mod"}, {@code "zip"}, {@code "ziphash"}, {@code "lock"} or {@code "partial"}.
   *
   * @param module the module version; its version must be canonical
   * @param suffix the file suffix without the dot
   * @return the path (it may not exist)
   * @throws IllegalArgumentException {@code non-canonical module version "<v>"} if the version
   *     is not canonical
   */
  public Path file(ModuleVersion module, String suffix) {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(suffix, "suffix");
    return versionsDir(module.path()).resolve(checkCanonical(module) + "." + suffix);
  }

  /**
   * Returns the directory a module version is extracted to: {@code <escaped path>@<escaped
   * version>} under the root.
   *
   * @param module the module version; its version must be canonical
   * @return the directory (it may not exist)
   */
  public Path extractedDir(ModuleVersion module) {
    Objects.requireNonNull(module, "module");
    return root().resolve(module.path().escaped() + "@" + checkCanonical(module));
  }

  private static String checkCanonical(ModuleVersion module) {
    Version v = module.version();
    if (!v.isCanonical()) {
      throw new IllegalArgumentException(
          "non-canonical module version " + InfoJson.goQuote(v.toString()));
    }
    return v.escaped();
  }

  // ---------------------------------------------------------------- .info

  /**
   * Reads a cached {@code .info}. A missing or corrupt file counts as not cached, as in go.
   *
   * @param module the module version
   * @return the info, or empty
   */
  public Optional<VersionInfo> readInfo(ModuleVersion module) {
    return readInfo(module, Integer.MAX_VALUE);
  }

  /**
   * {@link #readInfo(ModuleVersion)} as the go release 1.{@code goMinor} reads it: its
   * json.Unmarshal, whose time parsing takes different {@code Time} texts per release (go1.19 a
   * fraction after a bad seconds field and a signed offset hour, go1.27 an escaped character;
   * from go1.23 no offset minute above 60). A file the release cannot decode is not cached, as
   * go's readDiskStat counts it (its error is never shown).
   */
  Optional<VersionInfo> readInfo(ModuleVersion module, int goMinor) {
    if (!usable()) {
      return Optional.empty();
    }
    Optional<byte[]> data = readIfPresent(file(module, "info"));
    if (data.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InfoJson.parse(data.get(), goMinor));
    } catch (InfoJson.MalformedInfoException e) {
      return Optional.empty();
    }
  }

  /**
   * A cache file's bytes, or empty when it is missing or unreadable (go's readers count both as
   * not cached). A cold cache misses on most probes: one failing stat, where reading would throw
   * and catch two exceptions per miss.
   */
  private static Optional<byte[]> readIfPresent(Path f) {
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(f));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes an {@code .info} under the info's own version, cleaned as go cleans it (no
   * {@code TagSum}/{@code TagPrefix}; no {@code Ref} for a pseudo-version) and re-marshalled.
   * Nothing is written when that version is not a canonical version of the module, nor when
   * the cache is one go cannot use ({@link #problem()}), as go's writeDiskStat writes nothing then.
   *
   * @param path the module path
   * @param info the info
   * @return the file written, or empty when the version cannot be cached
   * @throws IOException if the file cannot be written
   */
  public Optional<Path> writeInfo(ModulePath path, VersionInfo info) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(info, "info");
    return writeInfo(path, info, Integer.MAX_VALUE);
  }

  /**
   * {@link #writeInfo(ModulePath, VersionInfo)} as the go release 1.{@code goMinor} writes it (its
   * {@code Origin} field order: go1.22 moved {@code Hash}).
   */
  Optional<Path> writeInfo(ModulePath path, VersionInfo info, int goMinor) throws IOException {
    if (!Version.isValid(info.version()) || !usable()) {
      return Optional.empty();
    }
    Version v = Version.parse(info.version());
    if (!v.isCanonical()) {
      return Optional.empty();
    }
    ModuleVersion mv;
    try {
      mv = ModuleVersion.of(path, v);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Path f = file(mv, "info");
    writeAtomically(f, InfoJson.marshal(cleanForCache(info), goMinor).getBytes(StandardCharsets.UTF_8));
    return Optional.of(f);
  }

  static VersionInfo cleanForCache(VersionInfo info) {
    Optional<VersionInfo.Origin> o = info.origin();
    if (o.isEmpty()) {
      return VersionInfo.of(info.version(), info.offsetTime(), null);
    }
    VersionInfo.Origin x = o.get();
    boolean pseudo = Version.isValid(info.version()) && Version.parse(info.version()).isPseudo();
    return VersionInfo.of(info.version(), info.offsetTime(),
        new VersionInfo.Origin(x.vcs(), x.url(), x.subdir(), "", "", pseudo ? "" : x.ref(),
            x.hash(), x.repoSum()));
  }

  // ---------------------------------------------------------------- .mod and list

  /**
   * Reads a cached go.mod. A file written by pre-release vgo ({@code //vgo 0.0.} prefix) counts
   * as not cached, as in go. The caller re-verifies it against go.sum, as go does.
   *
   * @param module the module version
   * @return the bytes, or empty
   */
  public Optional<byte[]> readGoMod(ModuleVersion module) {
    if (!usable()) {
      return Optional.empty();
    }
    return readIfPresent(file(module, "mod")).filter(data -> !startsWith(data, OLD_VGO_PREFIX));
  }

  /**
   * Writes a (verified) go.mod into the cache and rewrites the module's {@code list} file.
   *
   * @param module the module version
   * @param goMod the go.mod bytes
   * @return the file written
   * @throws IOException if it cannot be written, go's reason ({@link #problem()}) for a cache go
   *     cannot use
   */
  public Path writeGoMod(ModuleVersion module, byte[] goMod) throws IOException {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(goMod, "goMod");
    Path f = writeGoModOnly(module, goMod);
    rewriteVersionList(f.getParent());
    return f;
  }

  /**
   * {@link #writeGoMod} without the {@code list} rewrite, for a caller that caches many go.mod
   * files and then calls {@link #rewriteVersionList(ModulePath)} once per module (the graph load).
   */
  Path writeGoModOnly(ModuleVersion module, byte[] goMod) throws IOException {
    checkUsable();
    Path f = file(module, "mod");
    writeAtomically(f, goMod);
    return f;
  }

  /** go's rewriteVersionList for a module: its {@code list} names every cached go.mod version. */
  void rewriteVersionList(ModulePath path) throws IOException {
    if (!usable()) {
      return;
    }
    rewriteVersionList(versionsDir(path));
  }

  /**
   * Returns the versions listed in a module's cached {@code list} file, in file order (go keeps
   * it sorted). Lines with NUL bytes (a torn write) are ignored.
   *
   * @param path the module path
   * @return the versions; empty when there is no list
   */
  public List<String> cachedVersions(ModulePath path) {
    if (!usable()) {
      return List.of();
    }
    Optional<byte[]> data = readIfPresent(versionsDir(path).resolve("list"));
    if (data.isEmpty()) {
      return List.of();
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(data.get())).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return List.of(); // not UTF-8: unreadable, as before
    }
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && t.indexOf('\0') < 0) {
        out.add(t);
      }
    }
    return out;
  }

  /** go's rewriteVersionList: the list file is edited in place under its own lock. */
  private void rewriteVersionList(Path dir) throws IOException {
    try (LockedFile f = LockedFile.edit(dir.resolve("list"))) {
      List<Version> versions = new ArrayList<>();
      // go's rewriteVersionList takes every name ending in ".mod"; java.io.File.list is one
      // opendir/getdents/close (a DirectoryStream adds a dup, a stat and two fcntl per call)
      for (String name : listNames(dir)) {
        if (!name.endsWith(".mod")) {
          continue;
        }
        String v = name.substring(0, name.length() - ".mod".length());
        // Like go, the escaped file name itself must be a canonical version
        // (so versions with upper-case letters are never listed).
        if (!v.isEmpty() && Version.isValid(v) && Version.parse(v).isCanonical()) {
          versions.add(Version.parse(v));
        }
      }
      versions.sort(Comparator.<Version>naturalOrder().thenComparing(Version::toString));
      StringBuilder b = new StringBuilder();
      for (Version v : versions) {
        b.append(v).append('\n');
      }
      byte[] want = b.toString().getBytes(StandardCharsets.UTF_8);
      long size = f.size();
      if (size == want.length && Arrays.equals(f.readAll(), want)) {
        return;
      }
      // Reserve the final size zero-filled, then write: a torn write leaves NUL bytes.
      // (An empty file, as a new list is, needs no truncation to zero first.)
      if (size > 0) {
        f.truncate(0);
      }
      f.truncate(want.length);
      try {
        f.writeAt(want, 0);
      } catch (IOException e) {
        f.truncate(0);
        throw e;
      }
    }
  }

  /** The names in a directory; a directory that cannot be read fails as NIO reports it. */
  private static String[] listNames(Path dir) throws IOException {
    String[] names = dir.toFile().list();
    if (names == null) {
      Files.newDirectoryStream(dir).close(); // throws the reason
      throw new IOException("reading directory " + dir + ": cannot list it");
    }
    return names;
  }

  // ---------------------------------------------------------------- .zip and .ziphash

  /**
   * Returns the cached zip of a module version if both it and its {@code .ziphash} exist (go's
   * test for "already downloaded").
   *
   * @param module the module version
   * @return the zip file, or empty
   */
  public Optional<Path> zip(ModuleVersion module) {
    if (!usable()) {
      return Optional.empty();
    }
    Path z = file(module, "zip");
    Path h = file(module, "ziphash");
    return Files.isRegularFile(z) && Files.isRegularFile(h) ? Optional.of(z) : Optional.empty();
  }

  /**
   * Reads a cached {@code .ziphash} under its shared lock, as go does. As in go, a value is
   * usable only if it has no NUL byte and is 47 characters long after trimming spaces; otherwise
   * it counts as missing.
   *
   * @param module the module version
   * @return the hash, or empty
   * @throws IOException {@code unexpected ziphash: "<v>"} for a well-formed value that is not an
   *     {@code h1:} hash
   */
  public Optional<ModuleHash> readZipHash(ModuleVersion module) throws IOException {
    if (!usable()) {
      return Optional.empty();
    }
    byte[] data;
    try {
      data = LockedFile.read(file(module, "ziphash"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    for (byte b : data) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    String s = new String(data, StandardCharsets.UTF_8).strip();
    if (s.length() != 47) {
      return Optional.empty();
    }
    if (!s.startsWith("h1:")) {
      throw new IOException("unexpected ziphash: " + InfoJson.goQuote(s));
    }
    try {
      return Optional.of(ModuleHash.parse(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Creates an empty temporary file beside a cache file ({@code <v>.<suffix><random>.tmp}, mode
   * {@code 0666} minus the umask, as go's tempFile). Call with the version lock held when the
   * file is a zip: go removes stale ones under that lock.
   */
  Path newTempFile(ModuleVersion module, String suffix) throws IOException {
    Path target = file(module, suffix);
    GoOs.mkdirAll(target.getParent());
    return createTemp(target, new byte[0]);
  }

  /**
   * go's hashZip tail: writes {@code <v>.ziphash} (no newline) in place under its own lock, as go
   * does (truncate, reserve the size zero-filled, write). Call with the version lock held.
   */
  void writeZipHash(ModuleVersion module, ModuleHash hash) throws IOException {
    byte[] data = hash.toString().getBytes(StandardCharsets.US_ASCII);
    Path f = file(module, "ziphash");
    GoOs.mkdirAll(f.getParent());
    try (LockedFile lf = LockedFile.edit(f)) {
      lf.truncate(0);
      lf.truncate(data.length);
      lf.writeAt(data, 0);
    }
  }

  /** Renames a verified temporary zip into place. Call with the version lock held. */
  Path commitZip(ModuleVersion module, Path tempZip) throws IOException {
    Path zip = file(module, "zip");
    move(tempZip, zip);
    return zip;
  }

  /**
   * go's stale temp-file cleanup: deletes {@code <v>.zip*.tmp} files of earlier runs. Only safe
   * with the version lock held (their writers then are no longer active).
   */
  void deleteStaleTemps(ModuleVersion module) {
    Path z = file(module, "zip");
    String prefix = z.getFileName().toString();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(z.getParent())) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.startsWith(prefix) && n.endsWith(".tmp")) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // best effort, as in go
    }
  }

  // ---------------------------------------------------------------- extraction

  /**
   * Reports whether a module version is completely extracted: its directory exists, no
   * {@code .partial} marker exists, and its {@code .ziphash} exists (go's rule).
   *
   * @param module the module version
   * @return true if the extracted tree can be used
   */
  public boolean isExtracted(ModuleVersion module) {
    if (!usable()) {
      return false;
    }
    Path dir = extractedDir(module);
    // The link-following check first: on JDK 17 it answers a missing directory (every version
    // a cold cache is asked about) without the two exceptions the NOFOLLOW_LINKS check throws
    // and catches inside; a directory is one for both checks.
    return Files.isDirectory(dir) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(file(module, "partial"), LinkOption.NOFOLLOW_LINKS)
        && Files.exists(file(module, "ziphash"));
  }

  /**
   * Starts the extraction of a module version, with the version lock held: go's clean-up (stale
   * {@code <dir>.tmp-*} trees of old go releases and of crashed runs; a half-extracted
   * {@code <dir>}, removed with {@code .partial} present so that no reader takes it for whole;
   * a stray {@code .partial}), then a new empty private directory {@code <dir>.tmp-<random>}
   * beside {@code <dir>} (mode {@code 0777} minus the umask, as go's {@code MkdirAll}) to extract
   * into. Afterwards {@code <dir>} is either missing or complete, and no {@code .partial} exists.
   * Only go's stale clean-up ever touches {@code <dir>.tmp-*} names, under this same lock, so
   * the private tree is invisible to go until {@link #commitTree} renames it into place.
   *
   * @return the private directory
   */
  Path beginExtraction(ModuleVersion module) throws IOException {
    Path dir = extractedDir(module);
    Path parent = dir.getParent();
    String tmpPrefix = dir.getFileName().toString() + ".tmp-";
    GoOs.mkdirAll(parent);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
      for (Path p : ds) {
        if (p.getFileName().toString().startsWith(tmpPrefix)) {
          try {
            GoOs.removeAll(p);
          } catch (IOException | UncheckedIOException e) {
            // best effort, as in go
          }
        }
      }
    }
    Path partial = file(module, "partial");
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !isExtracted(module)) {
      // go's DownloadDirPartialError case: its writer held this lock, so it is gone.
      Files.createDirectories(partial.getParent());
      Files.write(partial, new byte[0]);
      GoOs.removeAll(dir);
    }
    Files.deleteIfExists(partial);
    for (int i = 0; ; i++) {
      Path p = parent.resolve(tmpPrefix + ThreadLocalRandom.current().nextInt(1_000_000_000));
      try {
        return Files.createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        if (i > 10_000) {
          throw e;
        }
      }
    }
  }

  /**
   * Moves a complete, verified tree from {@link #beginExtraction} into place, with the version
   * lock held: its directories are made read-only first (go's {@code makeDirsReadOnly}: mode
   * less the write bits, children before parents; skipped for writable trees), then one
   * {@code rename(2)} makes the whole tree appear at once. If another writer completed
   * {@code <dir>} meanwhile (possible only when {@code .ziphash} outlived the zip), that tree is
   * kept and this one removed.
   *
   * @param tree the private tree
   * @param dirs every directory of the tree, parents before children (the tree first)
   * @return the extracted directory
   */
  Path commitTree(ModuleVersion module, Path tree, List<Path> dirs) throws IOException {
    Path dir = extractedDir(module);
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      GoOs.removeAll(tree);
      return dir;
    }
    if (!writableTrees) {
      makeReadOnly(dirs);
    }
    // Same parent: rename needs no write permission on the (now read-only) tree itself.
    Files.move(tree, dir, StandardCopyOption.ATOMIC_MOVE);
    return dir;
  }

  /**
   * go's makeDirsReadOnly (best effort) over directories all created with the same fresh mode:
   * one stat, then one chmod per directory, children before parents, no walk.
   */
  private static void makeReadOnly(List<Path> dirs) throws IOException {
    if (dirs.isEmpty()) {
      return;
    }
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(dirs.get(0));
    } catch (UnsupportedOperationException e) {
      for (int i = dirs.size() - 1; i >= 0; i--) {
        dirs.get(i).toFile().setWritable(false, false);
      }
      return;
    }
    perms.removeAll(EnumSet.of(PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
    for (int i = dirs.size() - 1; i >= 0; i--) {
      try {
        Files.setPosixFilePermissions(dirs.get(i), perms);
      } catch (IOException e) {
        // best effort, as go's makeDirsReadOnly
      }
    }
  }

  // ---------------------------------------------------------------- locking and writing

  /**
   * Takes go's lock on a module version: an exclusive lock on {@code <v>.lock}, the file go's
   * {@code lockVersion} locks around the download and extraction of that version. It excludes
   * go, other processes and other threads alike (even through another path to the same cache).
   * Like go's, it is not reentrant: a thread that already holds it waits forever.
   *
   * <pre>{@code
   * try (ModuleCache.CacheLock lock = cache.lock(mv)) {
   *   // go cannot download or extract mv meanwhile
   * }
   * }</pre>
   *
   * @param module the module version
   * @return the held lock; close it to release
   * @throws IOException if the lock file cannot be created or locked; go's reason
   *     ({@link #problem()}) for a cache go cannot use
   */
  CacheLock lock(ModuleVersion module) throws IOException {
    checkUsable();
    Path lockFile = file(module, "lock");
    GoOs.mkdirAll(lockFile.getParent());
    return new CacheLock(LockedFile.mutex(lockFile));
  }

  /** A held module-version lock; {@link #close()} releases it. */
  static final class CacheLock implements AutoCloseable {
    private final LockedFile file;

    private CacheLock(LockedFile file) {
      this.file = file;
    }

    /**
     * Releases the lock.
     *
     * @throws IOException if the lock cannot be released
     */
    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  /** Writes a file as go's writeDiskCache does: temp file in the same directory, then rename. */
  static void writeAtomically(Path target, byte[] data) throws IOException {
    GoOs.mkdirAll(target.getParent());
    Path tmp = createTemp(target, data);
    try {
      move(tmp, target);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /**
   * go's tempFile: a new file with a random name next to the target, holding {@code data} written
   * through the handle that created it (one open, as go's), removed again if writing fails.
   */
  private static Path createTemp(Path target, byte[] data) throws IOException {
    for (int i = 0; ; i++) {
      Path p = tempName(target);
      OutputStream out;
      try {
        out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (i > 10_000) {
          throw e;
        }
        continue;
      } catch (IOException e) {
        throw GoPathError.of("open", p.toString(), e); // go's tempFile: os.OpenFile's error
      }
      try (out) {
        out.write(data);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(p);
        throw e;
      }
      return p;
    }
  }

  /** go's tempFile name: the target's name, a random number, {@code .tmp}. */
  private static Path tempName(Path target) {
    return target.resolveSibling(
        target.getFileName().toString() + ThreadLocalRandom.current().nextInt(1_000_000_000) + ".tmp");
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "ModuleCache[" + (envProblem == null ? root : envProblem) + (writableTrees ? ", writable trees" : "") + "]";
  }
}
