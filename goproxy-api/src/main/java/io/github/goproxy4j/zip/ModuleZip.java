package io.github.goproxy4j.zip;

import io.github.goproxy4j.internal.AtomicFiles;
import io.github.goproxy4j.internal.GoPath;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.zip.internal.GoZipReader;
import io.github.goproxy4j.zip.internal.UnzipPass;
import io.github.goproxy4j.zip.internal.ZipCheck;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.internal.GoUnicode;
import io.github.goproxy4j.internal.GoUtf8;
import io.github.goproxy4j.internal.UnicodeTables;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.module.InvalidModulePathException;
import io.github.goproxy4j.module.InvalidVersionException;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Module zip files with the rules of golang.org/x/mod/zip: checking a zip downloaded for a module
 * version ({@code CheckZip}), extracting it safely ({@code Unzip}), and creating one from files
 * ({@code Create}, {@code CreateFromDir}).
 *
 * <p>The rules: every entry name starts with {@code <module>@<version>/}; the rest is a clean,
 * valid file path ({@link ModulePath#checkFilePath(String)}); no two paths are equal under Unicode
 * case folding, and no path is both a file and a directory; {@code go.mod} may appear only at the
 * root and only in lower case; the root {@code go.mod} and {@code LICENSE} hold at most 16 MiB
 * each; the zip and the declared total of its contents are at most 500 MiB. File modes are
 * ignored, as in Go: an entry marked as a symbolic link is extracted as a regular file holding the
 * link text; no symbolic link is ever created.
 *
 * <pre>{@code
 * ModuleVersion mv = ModuleVersion.of("example.com/m", "v1.0.0");
 * ModuleZip.create(mv, Map.of("go.mod", "module example.com/m\n".getBytes(UTF_8)), zipPath);
 * CheckedFiles files = ModuleZip.check(mv, zipPath);   // throws InvalidModuleZipException if bad
 * ModuleZip.unzip(mv, zipPath, targetDir);             // all files appear at once, or none
 * }</pre>
 *
 * <p>Messages are Go's, so that a user sees the same text as from the go command. Zip files are
 * read as Go 1.19's archive/zip reads them (same tolerance, same errors such as
 * {@code zip: not a valid zip file}, {@code zip: checksum error}, {@code unexpected EOF}). Known
 * differences, all in failure texts only: a corrupt deflate stream is reported as
 * {@code flate: corrupt input before offset N} with an offset that may differ from Go's; and an
 * entry name that is not UTF-8 is shown with U+FFFD where Go would print the raw bytes (quoted
 * forms use {@code \xNN} escapes exactly as Go does). {@link #create} and {@link #checkFiles}
 * apply the newest x/mod vendor rule, which depends on the root go.mod's {@code go} line (Go 1.24
 * and later omit {@code vendor/modules.txt} and fixed the nested {@code vendor/} offset).
 *
 * <p>Memory: entries are streamed through a 64 KiB buffer; the central directory and the
 * collision table take memory proportional to the number of entries, as in Go.
 */
public final class ModuleZip {
  /** The largest module zip, and the largest total of its uncompressed contents: 500 MiB. */
  public static final long MAX_ZIP_FILE = 500L << 20;

  /** The largest root go.mod in a module zip: 16 MiB. */
  public static final long MAX_GO_MOD = 16L << 20;

  /** The largest root LICENSE in a module zip: 16 MiB. */
  public static final long MAX_LICENSE = 16L << 20;

  private static final String ERR_NOT_RELATIVE = "file path is not relative";
  private static final String ERR_VENDORED = "file is in vendor directory";
  private static final String ERR_SUBMODULE_FILE = "file is in another module";
  private static final String ERR_HG_ARCHIVAL = "file is inserted by 'hg archive' and is always omitted";
  private static final String ERR_SYMLINK = "file is a symbolic link";
  private static final String ERR_NOT_REGULAR = "not a regular file";

  private static final int BUFFER = 64 * 1024;

  /** The release whose rules the methods without a {@code goVersion} follow: the newest. */
  private static final String NEWEST = GoRelease.NEWEST;

  private ModuleZip() {}

  // ---------------------------------------------------------------------------------------------
  // CheckZip

  /**
   * Checks that a zip file is a valid module zip for {@code mv} ({@code zip.CheckZip}). Only the
   * central directory is read; entry contents are checked by {@link #unzip}.
   *
   * <pre>{@code
   * CheckedFiles ok = ModuleZip.check(ModuleVersion.of("example.com/m", "v1.0.0"), zip);
   * ok.valid();   // [example.com/m@v1.0.0/go.mod, ...]
   * }</pre>
   *
   * @param mv the module version the zip must hold; its version must be canonical
   * @param zip the zip file
   * @return the entries, all valid
   * @throws InvalidVersionException when the version is not canonical ({@code version "v1.2" is
   *     not canonical (should be "v1.2.0")})
   * @throws InvalidModuleZipException with Go's text when the zip breaks a rule or is not a zip;
   *     {@link InvalidModuleZipException#checkedFiles()} then lists the valid and invalid entries
   * @throws IOException when the file cannot be read
   */
  public static CheckedFiles check(ModuleVersion mv, Path zip) throws IOException {
    return check(mv, zip, NEWEST);
  }

  /**
   * {@link #check(ModuleVersion, Path)} as a given Go release decides it: which non-ASCII file
   * names are letters, which names collide under case folding, and the quoting in messages
   * follow that release's Unicode tables ({@code GoEnv}'s {@code goVersion}).
   *
   * <pre>{@code
   * ModuleZip.check(mv, zip, env.goVersion());
   * }</pre>
   *
   * @param mv the module version the zip must hold; its version must be canonical
   * @param zip the zip file
   * @param goVersion the Go release, for example {@code "1.21"} or {@code "1.27.3"}
   * @return the entries, all valid
   * @throws InvalidVersionException when the version is not canonical
   * @throws InvalidModuleZipException with Go's text when the zip breaks a rule or is not a zip
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when {@code goVersion} is not a Go release from 1.19 on
   */
  public static CheckedFiles check(ModuleVersion mv, Path zip, String goVersion) throws IOException {
    Objects.requireNonNull(mv, "mv");
    Objects.requireNonNull(zip, "zip");
    Objects.requireNonNull(goVersion, "goVersion");
    UnicodeTables unicode = UnicodeTables.forGoVersion(goVersion);
    requireCanonical(mv, "");
    try (GoZipReader z = openChecked(zip, "")) {
      CheckedFiles cf = checkEntries(mv, z, goVersion, unicode);
      throwIfInvalid(cf, "");
      return cf;
    }
  }

  private static void requireCanonical(ModuleVersion mv, String wrap) {
    Version v = mv.version();
    if (!v.isCanonical()) {
      throw new InvalidVersionException(v.toString(), wrap + "version " + GoQuote.quote(v.toString())
          + " is not canonical (should be " + GoQuote.quote(v.canonical().toString()) + ")");
    }
  }

  private static GoZipReader openChecked(Path zip, String wrap) throws IOException {
    long size = Files.size(zip);
    if (size > MAX_ZIP_FILE) {
      String msg = "module zip file is too large (" + size + " bytes; limit is " + MAX_ZIP_FILE + " bytes)";
      throw new InvalidModuleZipException(wrap + msg, new CheckedFiles(List.of(), List.of(), List.of(), msg));
    }
    try {
      return GoZipReader.open(zip);
    } catch (GoZipReader.ZipError e) {
      throw new InvalidModuleZipException(wrap + e.getMessage(), null);
    }
  }

  private static void throwIfInvalid(CheckedFiles cf, String wrap) throws InvalidModuleZipException {
    if (!cf.isValid()) {
      throw new InvalidModuleZipException(wrap + cf.error().orElseThrow(), cf);
    }
  }

  private static CheckedFiles checkEntries(ModuleVersion mv, GoZipReader z, String goVersion,
      UnicodeTables unicode) {
    ZipCheck.Verdict v = ZipCheck.check(mv, z, goVersion, unicode);
    return new CheckedFiles(v.valid(), List.of(), v.invalid(), v.sizeError());
  }

  private static String prefix(ModuleVersion mv) {
    return mv.path() + "@" + mv.version() + "/";
  }

  // ---------------------------------------------------------------------------------------------
  // Unzip

  /**
   * Checks a module zip and extracts it into {@code dir} ({@code zip.Unzip}), safely: the zip is
   * fully checked first; entries are streamed with a fixed buffer; no entry can be written outside
   * {@code dir}; no entry may produce more bytes than it declares (so the total written is at most
   * 500 MiB); files are created read-only (0444), as Go creates them.
   *
   * <p><b>Atomicity.</b> Go's {@code Unzip} writes into {@code dir} directly and relies on the
   * module cache's {@code .partial} marker. This method instead extracts into a fresh sibling
   * directory {@code <dir>.tmp-<random>} and renames it to {@code dir} only when every file is
   * complete; on any failure the temporary tree is deleted and {@code dir} is left as it was. A
   * caller that maintains Go's module cache should still create the {@code .partial} file before
   * calling and delete it afterwards, as the go command does, so that a concurrent go process
   * sees the same protocol.
   *
   * <pre>{@code
   * ModuleZip.unzip(ModuleVersion.of("example.com/m", "v1.0.0"), zip, cacheDir.resolve("example.com/m@v1.0.0"));
   * }</pre>
   *
   * @param mv the module version the zip must hold; its version must be canonical
   * @param zip the zip file
   * @param dir the target directory: it must be missing or empty
   * @throws InvalidVersionException when the version is not canonical
   * @throws InvalidModuleZipException with Go's text ({@code unzip <zip>: ...}) when the zip breaks
   *     a rule, cannot be read, or an entry's data disagrees with its header
   * @throws IOException when {@code dir} is not empty ({@code unzip <zip>: target directory <dir>
   *     exists and is not empty}) or the file system fails
   */
  public static void unzip(ModuleVersion mv, Path zip, Path dir) throws IOException {
    unzip(mv, zip, dir, NEWEST);
  }

  /**
   * {@link #unzip(ModuleVersion, Path, Path)} as a given Go release decides the file-name rules
   * (its Unicode tables: letters, case folding, quoting; {@code GoEnv}'s {@code goVersion}).
   *
   * @param mv the module version the zip must hold; its version must be canonical
   * @param zip the zip file
   * @param dir the target directory: it must be missing or empty
   * @param goVersion the Go release, for example {@code "1.21"} or {@code "1.27.3"}
   * @throws InvalidVersionException when the version is not canonical
   * @throws InvalidModuleZipException with Go's text when the zip breaks a rule
   * @throws IOException when {@code dir} is not empty or the file system fails
   * @throws IllegalArgumentException when {@code goVersion} is not a Go release from 1.19 on
   */
  public static void unzip(ModuleVersion mv, Path zip, Path dir, String goVersion) throws IOException {
    Objects.requireNonNull(mv, "mv");
    Objects.requireNonNull(zip, "zip");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(goVersion, "goVersion");
    UnicodeTables unicode = UnicodeTables.forGoVersion(goVersion);
    Objects.requireNonNull(zip, "zip");
    Objects.requireNonNull(dir, "dir");
    String wrap = "unzip " + zip + ": ";
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        if (ds.iterator().hasNext()) {
          throw new IOException(wrap + "target directory " + dir + " exists and is not empty");
        }
      }
    } else if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(wrap + "mkdir " + dir + ": not a directory");
    }
    requireCanonical(mv, wrap);
    try (GoZipReader z = openChecked(zip, wrap)) {
      CheckedFiles cf = checkEntries(mv, z, goVersion, unicode);
      throwIfInvalid(cf, wrap);
      Path abs = dir.toAbsolutePath().normalize();
      Path parent = abs.getParent();
      if (parent == null) {
        throw new IOException(wrap + "cannot extract into the root directory");
      }
      Files.createDirectories(parent);
      Path tmp = Files.createTempDirectory(parent, abs.getFileName() + ".tmp-");
      boolean done = false;
      try {
        extract(mv, z, tmp, wrap);
        moveIntoPlace(tmp, abs, wrap);
        done = true;
      } finally {
        if (!done) {
          deleteTree(tmp);
        }
      }
    }
  }

  private static void extract(ModuleVersion mv, GoZipReader z, Path tmp, String wrap) throws IOException {
    try {
      UnzipPass.extract(mv, z, tmp);
    } catch (GoZipReader.ZipError ze) {
      throw new InvalidModuleZipException(wrap + ze.getMessage(), null);
    } catch (FileAlreadyExistsException fe) {
      throw new IOException(wrap + "open " + fe.getFile() + ": file exists", fe);
    }
  }

  private static void moveIntoPlace(Path tmp, Path dir, String wrap) throws IOException {
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(wrap + "cannot rename " + tmp + " to " + dir + " atomically", e);
    } catch (IOException e) {
      throw new IOException(wrap + "target directory " + dir + " exists and is not empty", e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      List<Path> all = new ArrayList<>();
      s.forEach(all::add);
      all.sort(Comparator.reverseOrder());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      // best effort: the temporary directory has a unique name and is never read
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Create

  /**
   * Classifies files as x/mod's {@code CheckFiles} does: valid, omitted (vendored packages,
   * nested modules, {@code .hg_archival.txt}, symbolic links, irregular files) or invalid. The
   * vendor rule follows the {@code go} line of the root {@code go.mod} (Go 1.24 changed it).
   *
   * @param files the files, paths relative to the module root, never {@code null}
   * @return the classification; {@link CheckedFiles#error()} is what {@link #create} would report
   * @throws IOException when a root go.mod read from disk cannot be read
   */
  public static CheckedFiles checkFiles(Collection<ModuleFile> files) throws IOException {
    return classify(files, NEWEST).checked;
  }

  /**
   * {@link #checkFiles(Collection)} as a given Go release decides the file-name rules (its
   * Unicode tables: letters, case folding, quoting; {@code GoEnv}'s {@code goVersion}).
   *
   * @param files the files, paths relative to the module root, never {@code null}
   * @param goVersion the Go release, for example {@code "1.21"} or {@code "1.27.3"}
   * @return the classification
   * @throws IOException when a root go.mod read from disk cannot be read
   * @throws IllegalArgumentException when {@code goVersion} is not a Go release from 1.19 on
   */
  public static CheckedFiles checkFiles(Collection<ModuleFile> files, String goVersion) throws IOException {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(goVersion, "goVersion");
    return classify(files, goVersion).checked;
  }

  private static final class Classified {
    CheckedFiles checked;
    List<ModuleFile> validFiles = new ArrayList<>();
  }

  private static Classified classify(Collection<ModuleFile> files, String goVersion) throws IOException {
    Objects.requireNonNull(files, "files");
    UnicodeTables unicode = UnicodeTables.forGoVersion(goVersion);
    List<String> valid = new ArrayList<>();
    List<FileError> omitted = new ArrayList<>();
    List<FileError> invalid = new ArrayList<>();
    Set<String> errPaths = new HashSet<>();
    Classified out = new Classified();

    Set<String> haveGoMod = new HashSet<>();
    boolean vendor124 = false;
    for (ModuleFile f : files) {
      Objects.requireNonNull(f, "file");
      String p = f.path();
      int slash = p.lastIndexOf('/');
      String dir = p.substring(0, slash + 1);
      String base = p.substring(slash + 1);
      if (ZipCheck.equalFold(base, "go.mod", unicode) && f.type() == ModuleFile.Type.REGULAR) {
        haveGoMod.add(dir);
        if (base.equals("go.mod") && dir.isEmpty()) {
          vendor124 = goAtLeast124(f);
        }
      }
    }

    String sizeError = null;
    long maxSize = MAX_ZIP_FILE;
    ZipCheck.Collisions collisions = new ZipCheck.Collisions(unicode);
    for (ModuleFile f : files) {
      String p = f.path();
      String err = null;
      boolean omit = false;
      if (!GoPath.isClean(p)) {
        err = ZipCheck.ERR_NOT_CLEAN;
      } else if (p.startsWith("/")) {
        err = ERR_NOT_RELATIVE;
      } else if (isVendoredPackage(p, vendor124)) {
        err = ERR_VENDORED;
        omit = true;
      } else if (inSubmodule(p, haveGoMod)) {
        err = ERR_SUBMODULE_FILE;
        omit = true;
      } else if (p.equals(".hg_archival.txt")) {
        err = ERR_HG_ARCHIVAL;
        omit = true;
      } else if ((err = ZipCheck.checkFilePath(p, null, goVersion, unicode)) != null) {
        omit = false;
      } else if (lowerIsGoMod(p) && !p.equals("go.mod")) {
        err = ZipCheck.ERR_GO_MOD_CASE;
      } else if ((err = collisions.check(p, f.type() == ModuleFile.Type.DIRECTORY)) != null) {
        omit = false;
      } else if (f.type() == ModuleFile.Type.SYMLINK) {
        err = ERR_SYMLINK;
        omit = true;
      } else if (f.type() != ModuleFile.Type.REGULAR) {
        err = ERR_NOT_REGULAR;
        omit = true;
      } else {
        long size = f.size();
        if (size >= 0 && size <= maxSize) {
          maxSize -= size;
        } else if (sizeError == null) {
          sizeError = "module source tree too large (max size is " + MAX_ZIP_FILE + " bytes)";
        }
        if (p.equals("go.mod") && size > MAX_GO_MOD) {
          err = ZipCheck.ERR_GO_MOD_SIZE;
        } else if (p.equals("LICENSE") && size > MAX_LICENSE) {
          err = ZipCheck.ERR_LICENSE_SIZE;
        }
      }
      if (err != null) {
        if (errPaths.add(p)) {
          (omit ? omitted : invalid).add(new FileError(p, err));
        }
        continue;
      }
      valid.add(p);
      out.validFiles.add(f);
    }
    out.checked = new CheckedFiles(valid, omitted, invalid, sizeError);
    return out;
  }

  /**
   * Whether Go's {@code strings.ToLower(p) == "go.mod"}: no non-ASCII rune lowers to an ASCII
   * letter other than k and i (the Kelvin sign, U+0130), so only ASCII case matters here.
   */
  private static boolean lowerIsGoMod(String p) {
    if (p.length() != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      char c = p.charAt(i);
      if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != "go.mod".charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean goAtLeast124(ModuleFile goMod) throws IOException {
    byte[] data;
    try (InputStream in = goMod.open()) {
      data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_GO_MOD + 1));
    } catch (IOException e) {
      return false;
    }
    String v;
    try {
      v = GoModFile.parse("go.mod", data).goVersion().orElse("");
    } catch (IllegalArgumentException e) {
      return false;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([1-9][0-9]*)\\.(0|[1-9][0-9]*)").matcher(v);
    if (!m.find()) {
      return false;
    }
    String major = m.group(1);
    String minor = m.group(2);
    if (!major.equals("1")) {
      return true;
    }
    return minor.length() > 2 || Integer.parseInt(minor) >= 24;
  }

  /** x/mod's isVendoredPackage (including its pre-1.24 offset bug). */
  static boolean isVendoredPackage(String name, boolean go124) {
    if (go124 && name.equals("vendor/modules.txt")) {
      return true;
    }
    int i;
    if (name.startsWith("vendor/")) {
      i = "vendor/".length();
    } else {
      int j = name.indexOf("/vendor/");
      if (j < 0) {
        return false;
      }
      i = go124 ? j + "/vendor/".length() : "/vendor/".length();
    }
    return name.indexOf('/', i) >= 0;
  }

  private static boolean inSubmodule(String p, Set<String> haveGoMod) {
    while (true) {
      int slash = p.lastIndexOf('/');
      if (slash < 0) {
        return false;
      }
      String dir = p.substring(0, slash + 1);
      if (haveGoMod.contains(dir)) {
        return true;
      }
      p = dir.substring(0, dir.length() - 1);
    }
  }

  /**
   * Writes a module zip for {@code mv} from the given files ({@code zip.Create}). Omitted files
   * (see {@link #checkFiles}) are left out silently; any invalid file fails the whole call. The
   * output stream is not closed.
   *
   * <pre>{@code
   * ModuleZip.create(mv, List.of(ModuleFile.of("go.mod", goMod), ModuleFile.of("m.go", src)), out);
   * }</pre>
   *
   * @param mv the module version; its version must be canonical
   * @param files the files, paths relative to the module root
   * @param out where the zip is written
   * @throws InvalidVersionException when the version is not canonical ({@code create zip: version
   *     ... is not canonical ...})
   * @throws InvalidModuleFilesException with Go's text ({@code create zip: ...}) when a file is
   *     invalid or the files are too large
   * @throws IOException when writing fails or a file from disk grew ({@code create zip: file "x"
   *     is larger than declared size})
   */
  public static void create(ModuleVersion mv, Collection<ModuleFile> files, OutputStream out) throws IOException {
    create(mv, files, out, "create zip: ");
  }

  private static void create(ModuleVersion mv, Collection<ModuleFile> files, OutputStream out, String wrap)
      throws IOException {
    Objects.requireNonNull(mv, "mv");
    Objects.requireNonNull(out, "out");
    requireCanonical(mv, wrap);
    Classified c = classify(files, NEWEST);
    if (!c.checked.isValid()) {
      throw new InvalidModuleFilesException(wrap + c.checked.error().orElseThrow(), c.checked);
    }
    String prefix = prefix(mv);
    ZipOutputStream zos = new ZipOutputStream(new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    }, StandardCharsets.UTF_8);
    byte[] buf = new byte[BUFFER];
    for (ModuleFile f : c.validFiles) {
      ZipEntry ze = new ZipEntry(prefix + f.path());
      ze.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0));
      zos.putNextEntry(ze);
      long left = f.size() + 1;
      try (InputStream in = f.open()) {
        int n;
        while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0) {
          zos.write(buf, 0, n);
          left -= n;
        }
      }
      if (left <= 0) {
        throw new IOException(wrap + "file " + GoQuote.quote(f.path()) + " is larger than declared size");
      }
      zos.closeEntry();
    }
    zos.finish();
    zos.flush();
  }

  /**
   * Writes a module zip from an in-memory file map (all regular files).
   *
   * @param mv the module version; its version must be canonical
   * @param files path relative to the module root → content
   * @param out where the zip is written (not closed)
   * @throws InvalidModuleFilesException with Go's text when a file is invalid
   * @throws IOException when writing fails
   */
  public static void create(ModuleVersion mv, Map<String, byte[]> files, OutputStream out) throws IOException {
    create(mv, toFiles(files), out);
  }

  /**
   * Writes a module zip file from an in-memory file map; the file appears whole (temporary file
   * and atomic rename) or not at all.
   *
   * @param mv the module version; its version must be canonical
   * @param files path relative to the module root → content
   * @param zip the zip file to write (replaced if it exists)
   * @throws InvalidModuleFilesException with Go's text when a file is invalid
   * @throws IOException when writing fails
   */
  public static void create(ModuleVersion mv, Map<String, byte[]> files, Path zip) throws IOException {
    Objects.requireNonNull(mv, "mv");
    Objects.requireNonNull(zip, "zip");
    List<ModuleFile> list = toFiles(files);
    writeAtomically(zip, out -> create(mv, list, out));
  }

  private static List<ModuleFile> toFiles(Map<String, byte[]> files) {
    Objects.requireNonNull(files, "files");
    List<ModuleFile> list = new ArrayList<>(files.size());
    files.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> list.add(ModuleFile.of(e.getKey(), e.getValue())));
    return list;
  }

  private static void writeAtomically(Path target, AtomicFiles.Content w) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    AtomicFiles.write(target, w, AtomicFiles.Option.ATOMIC_ONLY);
  }

  /**
   * Writes a module zip from a directory tree ({@code zip.CreateFromDir}): like
   * {@link #create(ModuleVersion, Collection, OutputStream)}, and in addition directories named
   * {@code .bzr}, {@code .git}, {@code .hg} or {@code .svn} and directories holding a
   * {@code go.mod} (nested modules) are skipped; symbolic links are never followed.
   *
   * @param mv the module version; its version must be canonical
   * @param dir the module root directory
   * @param out where the zip is written (not closed)
   * @throws InvalidModuleFilesException with Go's text ({@code create zip <dir>: ...})
   * @throws IOException when reading or writing fails
   */
  public static void createFromDir(ModuleVersion mv, Path dir, OutputStream out) throws IOException {
    Objects.requireNonNull(mv, "mv");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(out, "out");
    boolean go124 = false;
    Path rootGoMod = dir.resolve("go.mod");
    if (Files.isRegularFile(rootGoMod)) {
      go124 = goAtLeast124(ModuleFile.fromDisk("go.mod", rootGoMod, Files.size(rootGoMod)));
    }
    List<ModuleFile> files = new ArrayList<>();
    walk(dir, "", go124, files);
    create(mv, files, out, "create zip " + dir + ": ");
  }

  private static void walk(Path dir, String slashPrefix, boolean go124, List<ModuleFile> files) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(children::add);
    }
    children.sort((a, b) -> GoUtf8.compare(a.getFileName().toString(), b.getFileName().toString()));
    for (Path child : children) {
      String name = child.getFileName().toString();
      String slashPath = slashPrefix + name;
      if (isVendoredPackage(slashPath, go124)) {
        continue;
      }
      BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attrs.isDirectory()) {
        if (name.equals(".bzr") || name.equals(".git") || name.equals(".hg") || name.equals(".svn")) {
          continue;
        }
        Path goMod = child.resolve("go.mod");
        if (Files.exists(goMod, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(goMod, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        walk(child, slashPath + "/", go124, files);
      } else if (attrs.isRegularFile()) {
        files.add(ModuleFile.fromDisk(slashPath, child, attrs.size()));
      }
    }
  }

}
