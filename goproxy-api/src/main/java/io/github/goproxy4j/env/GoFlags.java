package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoQuoted;
import io.github.goproxy4j.internal.GoStrconv;
import io.github.goproxy4j.internal.GoStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * GOFLAGS as the go command reads it (cmd/go/internal/base's {@code InitGOFLAGS} and the flag
 * package's parsing of the values): the words, checked before every command, and the value one
 * flag gets. {@link GoEnv#goFlags()} and its neighbours answer through this class.
 */
final class GoFlags {
  private final String value;
  private final int minor;
  private final String variable;

  /**
   * @param value GOFLAGS
   * @param minor the behaviour release's minor version
   * @param os whose spelling of a variable appears in messages ({@code $GOFLAGS}, {@code %GOFLAGS%})
   */
  GoFlags(String value, int minor, GoEnv.Os os) {
    this.value = value;
    this.minor = minor;
    this.variable = os == GoEnv.Os.WINDOWS ? "%GOFLAGS%" : "$GOFLAGS";
  }

  /** {@link GoEnv#goFlags()}. */
  List<String> flags() {
    List<String> words;
    if (minor >= 20) {
      words = split(value);
    } else {
      words = GoStrings.fields(value);
    }
    List<String> out = new ArrayList<>();
    for (String f : words) {
      if (!f.startsWith("-") || f.equals("-") || f.equals("--") || f.startsWith("---")
          || f.startsWith("-=") || f.startsWith("--=")) {
        throw new GoEnvException("parsing $GOFLAGS: non-flag " + GoQuote.quoteCut(f));
      }
      String name = f.substring(f.startsWith("--") ? 2 : 1);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        name = name.substring(0, eq);
      }
      if (!GoFlagNames.known(minor, name)) {
        throw new GoEnvException("parsing $GOFLAGS: unknown flag -" + name);
      }
      out.add(f);
    }
    // From 1.20 every command has -C, and setting it from GOFLAGS always fails.
    for (String f : out) {
      String flag = f.startsWith("--") ? f.substring(1) : f;
      int eq = flag.indexOf('=');
      if (minor >= 20 && (eq < 0 ? flag : flag.substring(0, eq)).equals("-C")) {
        throw new GoEnvException(eq < 0
            ? "flag needs an argument: -C (from " + variable + ")"
            : "invalid value " + GoQuote.quoteCut(flag.substring(eq + 1)) + " for flag -C (from "
                + variable + "): -C flag must be first flag on command line");
      }
    }
    return List.copyOf(out);
  }

  /** cmd/internal/quoted.Split, its error in $GOFLAGS's words. */
  private static List<String> split(String value) {
    try {
      return GoQuoted.split(value);
    } catch (IllegalArgumentException e) {
      throw new GoEnvException("parsing $GOFLAGS: " + e.getMessage(), e);
    }
  }

  /** {@link GoEnv#goFlag(String)}. */
  Optional<String> flag(String name) {
    String[] v = raw(name);
    return v == null ? Optional.empty() : Optional.of(v[0] == null ? "true" : v[0]);
  }

  private String[] raw(String name) {
    Objects.requireNonNull(name, "name");
    String[] found = null;
    for (String f : flags()) {
      int eq = f.indexOf('=');
      String n = eq < 0 ? f : f.substring(0, eq);
      if (n.startsWith("--")) {
        n = n.substring(1);
      }
      if (n.substring(1).equals(name)) {
        found = new String[] {eq < 0 ? null : f.substring(eq + 1)};
      }
    }
    return found;
  }

  /** {@link GoEnv#modCacheRw()}. */
  boolean modCacheRw() {
    String[] v = raw("modcacherw");
    if (v == null || v[0] == null) {
      return v != null;
    }
    Optional<Boolean> b = GoStrconv.parseBool(v[0]); // no lambda: GOFLAGS is read on the CLI's cold path
    if (b.isEmpty()) {
      throw new GoEnvException("invalid boolean value " + GoQuote.quoteCut(v[0]) + " for flag -modcacherw (from "
          + variable + "): parse error");
    }
    return b.get();
  }

  /** {@link GoEnv#modFlag()}. */
  Optional<String> modFlag() {
    String[] raw = raw("mod");
    if (raw != null && raw[0] == null) {
      throw new GoEnvException("flag needs an argument: -mod (from " + variable + ")");
    }
    Optional<String> v = raw == null ? Optional.empty() : Optional.of(raw[0]);
    if (v.isPresent()) {
      switch (v.get()) {
        case "":
        case "mod":
        case "readonly":
        case "vendor":
          break;
        default:
          throw new GoEnvException("-mod=" + v.get()
              + " not supported (can be '', 'mod', 'readonly', or 'vendor')");
      }
      if (v.get().isEmpty()) {
        return Optional.empty();
      }
    }
    return v;
  }
}
