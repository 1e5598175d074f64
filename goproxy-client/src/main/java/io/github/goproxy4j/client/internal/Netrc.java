package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.internal.GoRelease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code .netrc} file read with the go command's rules (cmd/go/internal/auth/netrc.go): tokens
 * are separated by white space and never quoted, taken in pairs; {@code machine}, {@code login}
 * and {@code password} are recognised; an entry counts once it has all three; {@code macdef}
 * skips the following lines up to the next empty line; a {@code default} entry is never used
 * and a {@code default} left alone at the end of a line stops the parse.
 *
 * <pre>{@code
 * List<Netrc.Entry> entries = Netrc.parse("machine example.com login u password p\n");
 * }</pre>
 */
public final class Netrc {
  private Netrc() {}

  /**
   * One complete {@code machine} entry. Its {@link #toString()} hides the password.
   *
   * @param machine the machine name, as written (may include a port)
   * @param login the login
   * @param password the password
   */
  public record Entry(String machine, String login, String password) {
    /**
     * Validates the components.
     *
     * @param machine the machine name
     * @param login the login
     * @param password the password
     */
    public Entry {
      Objects.requireNonNull(machine, "machine");
      Objects.requireNonNull(login, "login");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Netrc.Entry[machine=" + machine + ", login=" + login + ", password=***]";
    }
  }

  /**
   * Parses netrc text. Never fails: text that is not a valid netrc gives fewer entries, as in Go.
   *
   * @param data the file contents
   * @return the complete entries, in file order
   */
  public static List<Entry> parse(String data) {
    Objects.requireNonNull(data, "data");
    List<Entry> out = new ArrayList<>();
    String machine = "";
    String login = "";
    String password = "";
    boolean inMacro = false;
    int start = 0;
    while (start <= data.length()) {
      int nl = data.indexOf('\n', start);
      int end = nl < 0 ? data.length() : nl;
      String line = data.substring(start, end);
      start = end + 1;
      if (inMacro) {
        if (line.isEmpty()) {
          inMacro = false;
        }
        continue;
      }
      List<String> f = GoStrings.fields(line);
      int i = 0;
      for (; i < f.size() - 1; i += 2) {
        String value = f.get(i + 1);
        switch (f.get(i)) {
          case "machine":
            machine = value;
            login = "";
            password = "";
            break;
          case "login":
            login = value;
            break;
          case "password":
            password = value;
            break;
          case "macdef":
            inMacro = true;
            break;
          default:
            break;
        }
        if (!machine.isEmpty() && !login.isEmpty() && !password.isEmpty()) {
          out.add(new Entry(machine, login, password));
          machine = "";
          login = "";
          password = "";
        }
      }
      if (i < f.size() && f.get(i).equals("default")) {
        break;
      }
      if (nl < 0) {
        break;
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the file the go command reads: {@code $NETRC} when non-empty; otherwise in the home
   * directory {@code .netrc}, or on Windows {@code _netrc} (before Go 1.24 always {@code _netrc};
   * from 1.24 {@code _netrc} if it exists, else {@code .netrc}).
   *
   * @param env the environment (NETRC, HOME, USERPROFILE are read)
   * @param windows whether the go command would run on Windows
   * @param goVersion the Go release whose rules apply, for example "1.19"
   * @return the path, or empty when no home directory is known
   */
  public static Optional<Path> path(Map<String, String> env, boolean windows, String goVersion) {
    String netrc = env.get("NETRC");
    if (netrc != null && !netrc.isEmpty()) {
      return Optional.of(Path.of(netrc));
    }
    String home = env.get(windows ? "USERPROFILE" : "HOME");
    if (home == null || home.isEmpty()) {
      return Optional.empty();
    }
    Path dir = Path.of(home);
    if (windows) {
      Path legacy = dir.resolve("_netrc");
      if (GoRelease.modelled(goVersion).atLeast(24) && !Files.exists(legacy)) {
        return Optional.of(dir.resolve(".netrc"));
      }
      return Optional.of(legacy);
    }
    return Optional.of(dir.resolve(".netrc"));
  }

  /**
   * Reads and parses a netrc file; a missing file has no entries.
   *
   * @param file the file
   * @return the entries
   * @throws IOException if the file exists but cannot be read
   */
  public static List<Entry> read(Path file) throws IOException {
    try {
      return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }
}
