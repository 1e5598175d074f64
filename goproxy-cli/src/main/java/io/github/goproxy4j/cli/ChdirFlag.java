package io.github.goproxy4j.cli;

import io.github.goproxy4j.internal.GoQuote;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * go's {@code -C dir} flag (go1.20 on), for the commands that mirror a go command: cmd/go's
 * main takes it out of the command line before anything else (before the toolchain switch) when
 * it is the first word after the command's name ({@code go list -C dir -m}, {@code go mod -C dir
 * graph}) or before the name ({@code go -C dir list -m}), in the forms {@code -C dir},
 * {@code --C dir}, {@code -C=dir}, {@code --C=dir} ({@code -C} as the last word is not taken), and
 * changes to that directory. Every one of these commands registers the flag only to refuse it
 * anywhere else ({@link #misplaced}), also from GOFLAGS (GoEnv's GOFLAGS check). go1.19 knows no
 * {@code -C}: the flag is undefined there.
 */
final class ChdirFlag {
  private ChdirFlag() {}

  /** The first release with {@code -C}. */
  static final int FIRST_MINOR = 20;

  /**
   * What go1.19 prints on standard error (exit status 2) for a {@code -C} before the command's
   * name, which its main's flag.Parse does not know: the flag package's line, then base.Usage,
   * go's whole usage (go1.19's commands and help topics), byte for byte.
   */
  static final String GO119_MAIN_REFUSAL = "flag provided but not defined: -C\n"
      + "Go is a tool for managing Go source code.\n"
      + "\n"
      + "Usage:\n"
      + "\n"
      + "\tgo <command> [arguments]\n"
      + "\n"
      + "The commands are:\n"
      + "\n"
      + "\tbug         start a bug report\n"
      + "\tbuild       compile packages and dependencies\n"
      + "\tclean       remove object files and cached files\n"
      + "\tdoc         show documentation for package or symbol\n"
      + "\tenv         print Go environment information\n"
      + "\tfix         update packages to use new APIs\n"
      + "\tfmt         gofmt (reformat) package sources\n"
      + "\tgenerate    generate Go files by processing source\n"
      + "\tget         add dependencies to current module and install them\n"
      + "\tinstall     compile and install packages and dependencies\n"
      + "\tlist        list packages or modules\n"
      + "\tmod         module maintenance\n"
      + "\twork        workspace maintenance\n"
      + "\trun         compile and run Go program\n"
      + "\ttest        test packages\n"
      + "\ttool        run specified go tool\n"
      + "\tversion     print Go version\n"
      + "\tvet         report likely mistakes in packages\n"
      + "\n"
      + "Use \"go help <command>\" for more information about a command.\n"
      + "\n"
      + "Additional help topics:\n"
      + "\n"
      + "\tbuildconstraint build constraints\n"
      + "\tbuildmode       build modes\n"
      + "\tc               calling between Go and C\n"
      + "\tcache           build and test caching\n"
      + "\tenvironment     environment variables\n"
      + "\tfiletype        file types\n"
      + "\tgo.mod          the go.mod file\n"
      + "\tgopath          GOPATH environment variable\n"
      + "\tgopath-get      legacy GOPATH go get\n"
      + "\tgoproxy         module proxy protocol\n"
      + "\timportpath      import path syntax\n"
      + "\tmodules         modules, module versions, and more\n"
      + "\tmodule-get      module-aware go get\n"
      + "\tmodule-auth     module authentication using go.sum\n"
      + "\tpackages        package lists and patterns\n"
      + "\tprivate         configuration for downloading non-public code\n"
      + "\ttestflag        testing flags\n"
      + "\ttestfunc        testing functions\n"
      + "\tvcs             controlling version control with GOVCS\n"
      + "\n"
      + "Use \"go help <topic>\" for more information about that topic.\n"
      + "\n";

  /** {@return whether {@code word} is one of go's spellings of the flag ({@code -C}, {@code --C}, {@code -C=...}, {@code --C=...})} */
  static boolean isFlag(String word) {
    return word.equals("-C") || word.equals("--C") || word.startsWith("-C=") || word.startsWith("--C=");
  }

  /**
   * The directory the flag at {@code words.get(at)} names, as go's handleChdirFlag takes it, or
   * null when there is none there ({@code -C} without a next word is left to the flag parser).
   */
  static String valueAt(List<String> words, int at) {
    if (at >= words.size() || !isFlag(words.get(at))) {
      return null;
    }
    String w = words.get(at);
    int eq = w.indexOf('=');
    if (eq >= 0) {
      return w.substring(eq + 1);
    }
    return at + 1 < words.size() ? words.get(at + 1) : null;
  }

  /** {@return how many words the flag at {@code words.get(at)} takes (1 for {@code -C=dir}, 2 for {@code -C dir})} */
  static int width(List<String> words, int at) {
    return words.get(at).indexOf('=') >= 0 ? 1 : 2;
  }

  /**
   * The flag package's refusal of a {@code -C} met while parsing a go command's flags (not where
   * main takes it): undefined before go1.20, then ChdirFlag's error or a missing value.
   *
   * @param minor the release's minor version
   * @param value the value given ({@code -C=v} or the next word), null when there is none
   */
  static GoFlagException misplaced(int minor, String value) {
    if (minor < FIRST_MINOR) {
      return new GoFlagException("flag provided but not defined: -C");
    }
    if (value == null) {
      return new GoFlagException("flag needs an argument: -C");
    }
    return new GoFlagException("invalid value " + GoQuote.quote(value)
        + " for flag -C: -C flag must be first flag on command line");
  }

  /** The change of directory failed: go's {@code go: chdir dir: reason}, exit status 1. */
  static final class ChdirException extends Exception {
    private static final long serialVersionUID = 1L;

    ChdirException(String text) {
      super(text, null, false, false);
    }
  }

  /**
   * The working directory after go's {@code os.Chdir(dir)} from {@code cwd}, as go's
   * {@code os.Getwd} then gives it: {@code $PWD} (which go leaves as it was) when it names the
   * new directory, else the directory's real path (the kernel's getcwd: symbolic links resolved).
   *
   * @param cwd the directory the command started in
   * @param pwd the environment's PWD, or null
   * @param dir the flag's value, relative to {@code cwd} or absolute
   * @throws ChdirException with go's text when the directory cannot be entered
   */
  static Path chdir(Path cwd, String pwd, String dir) throws ChdirException {
    Path target;
    try {
      target = dir.isEmpty() || dir.indexOf('\0') >= 0 ? null : cwd.resolve(dir);
    } catch (InvalidPathException e) {
      target = null;
    }
    if (target == null) {
      throw new ChdirException(chdirError(dir, dir.isEmpty() ? "no such file or directory" : "invalid argument"));
    }
    if (!Files.isDirectory(target)) {
      throw new ChdirException(chdirError(dir, Files.exists(target) || blockedByFile(target)
          ? "not a directory" : "no such file or directory"));
    }
    if (!Files.isExecutable(target)) {
      throw new ChdirException(chdirError(dir, "permission denied"));
    }
    try {
      if (pwd != null && pwd.startsWith("/") && Files.isSameFile(Path.of(pwd), target)) {
        return Path.of(pwd);
      }
    } catch (java.io.IOException | InvalidPathException e) {
      // PWD names nothing usable: getcwd's answer below
    }
    try {
      return target.toRealPath();
    } catch (java.io.IOException e) {
      throw new ChdirException(chdirError(dir, "no such file or directory"));
    }
  }

  /** Whether a missing path fails because one of its parents is not a directory (ENOTDIR, not ENOENT). */
  private static boolean blockedByFile(Path target) {
    for (Path p = target.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return !Files.isDirectory(p);
      }
    }
    return false;
  }

  private static String chdirError(String dir, String reason) {
    return "go: chdir " + dir + ": " + reason;
  }
}
