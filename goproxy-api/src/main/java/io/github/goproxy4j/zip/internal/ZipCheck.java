package io.github.goproxy4j.zip.internal;

import io.github.goproxy4j.internal.GoUtf8;
import io.github.goproxy4j.internal.GoPath;
import io.github.goproxy4j.internal.GoUnicode;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.UnicodeTables;
import io.github.goproxy4j.module.InvalidModulePathException;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.zip.FileError;
import io.github.goproxy4j.zip.ModuleZip;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * x/mod's {@code checkZip} over the central directory of a {@link GoZipReader}: every entry has
 * the {@code module@version/} prefix and a clean, valid, collision-free path; {@code go.mod} only
 * at the root in lower case; the declared sizes within {@code MaxZipFile}, {@code MaxGoMod} and
 * {@code MaxLICENSE}. Also the go command's own prefix check of a downloaded zip
 * ({@link #unexpectedFile}). Reads no entry data. Internal to goproxy4j.
 */
public final class ZipCheck {
  /** x/mod's errPathNotClean. */
  public static final String ERR_NOT_CLEAN = "file path is not clean";
  /** x/mod's errGoModCase. */
  public static final String ERR_GO_MOD_CASE = "go.mod files must have lowercase names";
  /** x/mod's go.mod size error. */
  public static final String ERR_GO_MOD_SIZE = "go.mod file too large (max size is " + ModuleZip.MAX_GO_MOD + " bytes)";
  /** x/mod's LICENSE size error. */
  public static final String ERR_LICENSE_SIZE = "LICENSE file too large (max size is " + ModuleZip.MAX_LICENSE + " bytes)";
  /** x/mod's error for a zip whose declared contents are too large. */
  public static final String ERR_TOTAL_SIZE =
      "total uncompressed size of module contents too large (max size is " + ModuleZip.MAX_ZIP_FILE + " bytes)";

  private ZipCheck() {}

  /**
   * The outcome of {@link #check}.
   *
   * @param valid the names of the valid file entries, in directory order
   * @param invalid the invalid entries with Go's reason
   * @param sizeError x/mod's SizeError, or null
   * @param sizesExceeded whether a declared size breaks a limit (total, go.mod or LICENSE): such a
   *     zip is refused before any entry is inflated
   */
  public record Verdict(List<String> valid, List<FileError> invalid, String sizeError, boolean sizesExceeded) {
    /** {@return whether the zip is a valid module zip} */
    public boolean isValid() {
      return sizeError == null && invalid.isEmpty();
    }

    /** {@return x/mod's {@code CheckedFiles.Err()} text, if invalid} */
    public Optional<String> error() {
      if (sizeError != null) {
        return Optional.of(sizeError);
      }
      if (invalid.isEmpty()) {
        return Optional.empty();
      }
      StringBuilder sb = new StringBuilder();
      for (FileError f : invalid) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(f);
      }
      return Optional.of(sb.toString());
    }
  }

  /**
   * Returns the prefix every file name in the module's zip starts with.
   *
   * @param mv the module version
   * @return the bytes of {@code <path>@<version>/}
   */
  public static byte[] prefix(ModuleVersion mv) {
    return (mv.path() + "@" + mv.version() + "/").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The go command's check of a downloaded zip (modfetch's downloadZip): the first entry without
   * the {@code module@version/} prefix, if any (go fails with {@code zip for <m@v> has unexpected
   * file <name>}).
   *
   * @param mv the module version
   * @param z the zip
   * @return the first entry without the prefix
   */
  public static Optional<GoZipReader.Entry> unexpectedFile(ModuleVersion mv, GoZipReader z) {
    byte[] prefix = prefix(mv);
    for (GoZipReader.Entry e : z.entries()) {
      if (!e.hasPrefix(prefix)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * x/mod's checkZip after the zip was opened (the caller checks the file size), as a given Go
   * release decides it (its Unicode tables: letters in file names, case folding, quoting).
   *
   * @param mv the module version
   * @param z the zip
   * @param goVersion the Go release, for example {@code "1.21"}
   * @param unicode that release's tables
   * @return the verdict
   */
  public static Verdict check(ModuleVersion mv, GoZipReader z, String goVersion, UnicodeTables unicode) {
    byte[] prefix = prefix(mv);
    List<String> valid = new ArrayList<>();
    List<FileError> invalid = new ArrayList<>();
    String sizeError = null;
    boolean exceeded = false;
    Collisions collisions = new Collisions(unicode);
    long size = 0;
    for (GoZipReader.Entry e : z.entries()) {
      if (!e.hasPrefix(prefix)) {
        invalid.add(new FileError(e.name, "path does not have prefix " + GoQuote.quote(prefix, unicode)));
        continue;
      }
      byte[] rest = e.rawNameFrom(prefix.length);
      if (rest.length == 0) {
        continue;
      }
      boolean isDir = rest[rest.length - 1] == '/';
      if (isDir) {
        rest = java.util.Arrays.copyOf(rest, rest.length - 1);
      }
      String name = GoZipReader.decodeName(rest);
      String err;
      if (!GoPath.isClean(name)) {
        err = ERR_NOT_CLEAN;
      } else {
        err = checkFilePath(name, rest, goVersion, unicode);
      }
      if (err == null) {
        err = collisions.check(name, isDir);
      }
      if (err != null) {
        invalid.add(new FileError(e.name, err));
        continue;
      }
      if (isDir) {
        continue;
      }
      String base = name.substring(name.lastIndexOf('/') + 1);
      if (equalFold(base, "go.mod", unicode)) {
        if (!base.equals(name)) {
          invalid.add(new FileError(e.name, "go.mod file not in module root directory"));
          continue;
        }
        if (!name.equals("go.mod")) {
          invalid.add(new FileError(e.name, ERR_GO_MOD_CASE));
          continue;
        }
      }
      long sz = e.uncompressedSize;
      if (sz >= 0 && ModuleZip.MAX_ZIP_FILE - size >= sz) {
        size += sz;
      } else if (sizeError == null) {
        sizeError = ERR_TOTAL_SIZE;
        exceeded = true;
      }
      if (name.equals("go.mod") && (sz < 0 || sz > ModuleZip.MAX_GO_MOD)) {
        invalid.add(new FileError(e.name, ERR_GO_MOD_SIZE));
        exceeded = true;
        continue;
      }
      if (name.equals("LICENSE") && (sz < 0 || sz > ModuleZip.MAX_LICENSE)) {
        invalid.add(new FileError(e.name, ERR_LICENSE_SIZE));
        exceeded = true;
        continue;
      }
      valid.add(e.name);
    }
    return new Verdict(List.copyOf(valid), List.copyOf(invalid), sizeError, exceeded);
  }

  /**
   * module.CheckFilePath, with Go's "invalid UTF-8" for names that are not UTF-8.
   *
   * @param name the decoded path
   * @param raw its bytes, or null when it came from a Java string
   * @param goVersion the Go release whose rules apply
   * @param unicode that release's tables
   * @return Go's error text, or null when valid
   */
  public static String checkFilePath(String name, byte[] raw, String goVersion, UnicodeTables unicode) {
    if (raw != null && !GoUtf8.valid(raw)) {
      return "malformed file path " + GoQuote.quote(raw, unicode) + ": invalid UTF-8";
    }
    try {
      ModulePath.checkFilePath(name, goVersion);
      return null;
    } catch (InvalidModulePathException e) {
      return e.getMessage();
    }
  }

  /**
   * strings.EqualFold for an ASCII target such as "go.mod" (also folds the Kelvin sign, as Go does).
   *
   * @param s a string
   * @param ascii the lower-case ASCII target
   * @param unicode the Go release's tables
   * @return whether they are equal under Unicode case folding
   */
  public static boolean equalFold(String s, String ascii, UnicodeTables unicode) {
    return GoUnicode.foldKey(s, unicode).equals(ascii);
  }

  /**
   * x/mod's collisionChecker: case-fold collisions and paths that are both file and directory.
   * x/mod checks every parent directory of every path again; a directory whose own check and
   * its parents' all passed is remembered here, and checking it again stops there with the same
   * answer (its entry, and its parents' entries, are in the map unchanged: entries are never
   * replaced).
   */
  public static final class Collisions {
    private record Info(String path, boolean isDir) {}

    private final Map<String, Info> seen = new HashMap<>();
    /** Directories (clean paths) whose check, parents included, passed. */
    private final Set<String> passed = new HashSet<>();
    private final List<String> pending = new ArrayList<>();
    private final UnicodeTables unicode;

    /**
     * Creates a checker using one Go release's tables.
     *
     * @param unicode the Go release's tables (its case folding and quoting)
     */
    public Collisions(UnicodeTables unicode) {
      this.unicode = unicode;
    }

    /**
     * Checks one path against the ones seen so far.
     *
     * @param p a clean path
     * @param isDir whether it names a directory
     * @return Go's error text, or null
     */
    public String check(String p, boolean isDir) {
      pending.clear();
      while (true) {
        if (isDir && passed.contains(p)) {
          break;
        }
        String fold = GoUnicode.foldKey(p, unicode);
        Info other = seen.get(fold);
        if (other != null) {
          if (!p.equals(other.path)) {
            return "case-insensitive file name collision: " + GoQuote.quote(other.path, unicode) + " and "
                + GoQuote.quote(p, unicode);
          }
          if (isDir != other.isDir) {
            return "entry " + GoQuote.quote(p, unicode) + " is both a file and a directory";
          }
          if (!isDir) {
            return "multiple entries for file " + GoQuote.quote(p, unicode);
          }
        } else {
          seen.put(fold, new Info(p, isDir));
        }
        if (isDir) {
          pending.add(p);
        }
        int slash = p.lastIndexOf('/');
        String parent = slash < 0 ? "." : GoPath.clean(p.substring(0, slash));
        if (parent.equals(".")) {
          break;
        }
        p = parent;
        isDir = true;
      }
      passed.addAll(pending);
      return null;
    }
  }
}
