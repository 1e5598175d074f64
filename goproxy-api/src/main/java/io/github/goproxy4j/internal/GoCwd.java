package io.github.goproxy4j.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * go's current directory for a relative path go opens as it is (a relative GOMODCACHE's checksum
 * database tiles, the checksum database state under a GOPATH inferred from a relative HOME): the
 * environment's {@code PWD} when it is absolute (the CLI sets it to the directory its {@code -C}
 * chose), else this process's. Exported only to the other goproxy4j modules; not API.
 */
public final class GoCwd {
  private GoCwd() {}

  /**
   * {@code p} against go's current directory: unchanged when absolute, or when the environment
   * names no absolute {@code PWD} (the process's directory then resolves it).
   *
   * @param environment the process environment the settings were read from
   * @param p a path
   * @return the path go's file operations would open
   */
  public static Path resolve(Map<String, String> environment, Path p) {
    if (p.isAbsolute()) {
      return p;
    }
    try {
      Path cwd = Path.of(environment.getOrDefault("PWD", ""));
      return cwd.isAbsolute() ? cwd.resolve(p) : p;
    } catch (InvalidPathException e) {
      return p;
    }
  }
}
