package io.github.goproxy4j.client;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.goproxy4j.client.internal.json.GoJson;
import io.github.goproxy4j.internal.GoRelease;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One module as {@code go list -m} reports it (cmd/go's modinfo.ModulePublic): the main module,
 * or a selected dependency with its replacement and, with {@code -u}, its available update,
 * retraction and deprecation. {@link #toString()} is go's text form, {@link #toJson(String)} its
 * {@code -json} form.
 *
 * <pre>{@code
 * for (ListedModule m : client.listModules(Path.of("."), true)) {
 *   System.out.println(m);   // example.com/a v1.0.0 [v1.1.0] (deprecated)
 *   System.out.print(m.toJson("1.27"));
 * }
 * }</pre>
 *
 * @param path the module path (for a directory replacement: the directory)
 * @param version the version, {@code ""} for the main module and directory replacements
 * @param main whether this is the main module
 * @param indirect whether the main module's go.mod does not require it directly
 * @param goVersion the go version its go.mod declares, {@code ""} when unknown
 * @param replace the replacement, when the main module replaces this module
 * @param update the newer version {@code -u} found, if any
 * @param retracted the retraction rationales ({@code -u}), empty when not retracted
 * @param deprecated the deprecation message ({@code -u}), {@code ""} when not deprecated
 * @param error the error go prints for the module ({@code -json}'s Error), {@code ""} when none
 * @param time when the version was published (its {@code .info}); empty for the main module and
 *     for a replaced module (go does not look it up)
 * @param dir the directory holding the module's files: the main module's root, a directory
 *     replacement, or the extracted module in GOMODCACHE when it is complete there and go.sum
 *     has its hash; {@code ""} otherwise
 * @param goMod the go.mod file describing the module (in GOMODCACHE for a version, when cached
 *     and go.sum has its hash); {@code ""} otherwise
 * @param sum the module's go.sum hash ({@code h1:...}), {@code ""} when go.sum has none
 * @param goModSum its go.mod's go.sum hash, {@code ""} when go.sum has none
 * @param query the query a {@code path@query} argument named, when it is not the version itself;
 *     {@code ""} otherwise
 * @param versions the module's available versions ({@code -versions}), oldest first; empty
 *     otherwise
 * @param origin where the version came from ({@code Origin} of its {@code .info}), for the
 *     answer to a {@code path@query} argument as the release reports it; empty otherwise
 * @param timeNumericZeroOffset whether {@code time} was read, in this run, from a .info that wrote its
 *     zero offset as {@code +00:00} (not {@code Z}): go's time.Parse gives such a time its local
 *     zone where that zone's offset is zero then ({@code %#v}: {@code time.Local}); the module
 *     cache holds it as {@code Z}, so later runs read it as UTC
 */
public record ListedModule(String path, String version, boolean main, boolean indirect, String goVersion,
    Optional<ListedModule> replace, Optional<ListedModule> update, List<String> retracted, String deprecated,
    String error, Optional<OffsetDateTime> time, String dir, String goMod, String sum, String goModSum,
    String query, List<String> versions, Optional<VersionInfo.Origin> origin, boolean timeNumericZeroOffset) {
  /**
   * Validates the components.
   *
   * @param path never {@code null}
   * @param version never {@code null}
   * @param main the flag
   * @param indirect the flag
   * @param goVersion never {@code null}
   * @param replace never {@code null}
   * @param update never {@code null}
   * @param retracted never {@code null}
   * @param deprecated never {@code null}
   * @param error never {@code null}
   * @param time never {@code null}
   * @param dir never {@code null}
   * @param goMod never {@code null}
   * @param sum never {@code null}
   * @param goModSum never {@code null}
   * @param query never {@code null}
   * @param versions never {@code null}
   * @param origin never {@code null}
   * @param timeNumericZeroOffset whether the time's zero offset was written {@code +00:00}
   */
  public ListedModule {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(goVersion, "goVersion");
    Objects.requireNonNull(replace, "replace");
    Objects.requireNonNull(update, "update");
    retracted = List.copyOf(Objects.requireNonNull(retracted, "retracted"));
    Objects.requireNonNull(deprecated, "deprecated");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(goMod, "goMod");
    Objects.requireNonNull(sum, "sum");
    Objects.requireNonNull(goModSum, "goModSum");
    Objects.requireNonNull(query, "query");
    versions = List.copyOf(Objects.requireNonNull(versions, "versions"));
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * A module whose time, if any, was not read with a numeric zero offset.
   *
   * @param path the module path
   * @param version the version
   * @param main whether this is the main module
   * @param indirect whether it is only indirectly required
   * @param goVersion the go version of its go.mod
   * @param replace the replacement
   * @param update the available update
   * @param retracted the retraction rationales
   * @param deprecated the deprecation message
   * @param error the error
   * @param time the version's time
   * @param dir its directory
   * @param goMod its go.mod file
   * @param sum its go.sum hash
   * @param goModSum its go.mod's go.sum hash
   * @param query the query it answers
   * @param versions its available versions
   * @param origin its origin
   */
  public ListedModule(String path, String version, boolean main, boolean indirect, String goVersion,
      Optional<ListedModule> replace, Optional<ListedModule> update, List<String> retracted, String deprecated,
      String error, Optional<OffsetDateTime> time, String dir, String goMod, String sum, String goModSum,
      String query, List<String> versions, Optional<VersionInfo.Origin> origin) {
    this(path, version, main, indirect, goVersion, replace, update, retracted, deprecated, error, time, dir, goMod,
        sum, goModSum, query, versions, origin, false);
  }

  /**
   * A module without an origin.
   *
   * @param path the module path
   * @param version the version
   * @param main whether this is the main module
   * @param indirect whether it is only indirectly required
   * @param goVersion the go version of its go.mod
   * @param replace the replacement
   * @param update the available update
   * @param retracted the retraction rationales
   * @param deprecated the deprecation message
   * @param error the error
   * @param time the version's time
   * @param dir its directory
   * @param goMod its go.mod file
   * @param sum its go.sum hash
   * @param goModSum its go.mod's go.sum hash
   * @param query the query it answers
   * @param versions its available versions
   */
  public ListedModule(String path, String version, boolean main, boolean indirect, String goVersion,
      Optional<ListedModule> replace, Optional<ListedModule> update, List<String> retracted, String deprecated,
      String error, Optional<OffsetDateTime> time, String dir, String goMod, String sum, String goModSum,
      String query, List<String> versions) {
    this(path, version, main, indirect, goVersion, replace, update, retracted, deprecated, error, time, dir, goMod,
        sum, goModSum, query, versions, Optional.empty());
  }

  /**
   * A module without a query or a version list.
   *
   * @param path the module path
   * @param version the version
   * @param main whether this is the main module
   * @param indirect whether it is only indirectly required
   * @param goVersion the go version of its go.mod
   * @param replace the replacement
   * @param update the available update
   * @param retracted the retraction rationales
   * @param deprecated the deprecation message
   * @param error the error
   * @param time the version's time
   * @param dir its directory
   * @param goMod its go.mod file
   * @param sum its go.sum hash
   * @param goModSum its go.mod's go.sum hash
   */
  public ListedModule(String path, String version, boolean main, boolean indirect, String goVersion,
      Optional<ListedModule> replace, Optional<ListedModule> update, List<String> retracted, String deprecated,
      String error, Optional<OffsetDateTime> time, String dir, String goMod, String sum, String goModSum) {
    this(path, version, main, indirect, goVersion, replace, update, retracted, deprecated, error, time, dir, goMod,
        sum, goModSum, "", List.of());
  }

  /**
   * A module without time, files or sums (what {@code go list -m} without {@code -json} shows).
   *
   * @param path the module path
   * @param version the version
   * @param main whether this is the main module
   * @param indirect whether it is only indirectly required
   * @param goVersion the go version of its go.mod
   * @param replace the replacement
   * @param update the available update
   * @param retracted the retraction rationales
   * @param deprecated the deprecation message
   * @param error the error
   */
  public ListedModule(String path, String version, boolean main, boolean indirect, String goVersion,
      Optional<ListedModule> replace, Optional<ListedModule> update, List<String> retracted, String deprecated,
      String error) {
    this(path, version, main, indirect, goVersion, replace, update, retracted, deprecated, error, Optional.empty(),
        "", "", "", "");
  }

  /** This module with the version list {@code -versions} found, and its error when it has none yet. */
  ListedModule withVersions(List<String> found, String versionsError) {
    return new ListedModule(path, version, main, indirect, goVersion, replace, update, retracted, deprecated,
        error.isEmpty() ? versionsError : error, time, dir, goMod, sum, goModSum, query, found, origin,
        timeNumericZeroOffset);
  }

  /** This module as the answer to {@code path@query}. */
  ListedModule withQuery(String q) {
    return new ListedModule(path, version, main, indirect, goVersion, replace, update, retracted, deprecated, error,
        time, dir, goMod, sum, goModSum, q, versions, origin, timeNumericZeroOffset);
  }

  /** This module with other retraction rationales. */
  ListedModule withRetracted(List<String> rationales) {
    return new ListedModule(path, version, main, indirect, goVersion, replace, update, rationales, deprecated, error,
        time, dir, goMod, sum, goModSum, query, versions, origin, timeNumericZeroOffset);
  }

  /** This module with another error ({@code ""}: none). */
  ListedModule withError(String e) {
    return e.equals(error) ? this : new ListedModule(path, version, main, indirect, goVersion, replace, update,
        retracted, deprecated, e, time, dir, goMod, sum, goModSum, query, versions, origin, timeNumericZeroOffset);
  }

  /** This module with another replacement. */
  ListedModule withReplace(Optional<ListedModule> r) {
    return new ListedModule(path, version, main, indirect, goVersion, r, update, retracted, deprecated, error, time,
        dir, goMod, sum, goModSum, query, versions, origin, timeNumericZeroOffset);
  }

  /** This module with another go version. */
  ListedModule withGoVersion(String v) {
    return new ListedModule(path, version, main, indirect, v, replace, update, retracted, deprecated, error, time, dir,
        goMod, sum, goModSum, query, versions, origin, timeNumericZeroOffset);
  }

  /** This module with another go.mod file name (GOFLAGS -modfile's, for the main module). */
  ListedModule withGoMod(String file) {
    return new ListedModule(path, version, main, indirect, goVersion, replace, update, retracted, deprecated, error,
        time, dir, file, sum, goModSum, query, versions, origin, timeNumericZeroOffset);
  }

  /** This module with another origin. */
  ListedModule withOrigin(Optional<VersionInfo.Origin> o) {
    return new ListedModule(path, version, main, indirect, goVersion, replace, update, retracted, deprecated, error,
        time, dir, goMod, sum, goModSum, query, versions, o, timeNumericZeroOffset);
  }

  /**
   * Returns the line {@code go list -m -versions} prints: the path, each available version and
   * {@code (deprecated)} when {@code -u} found a deprecation.
   *
   * <pre>{@code
   * System.out.println(m.versionsText());   // example.com/a v1.0.0 v1.1.0
   * }</pre>
   *
   * @return the text, without a newline
   */
  public String versionsText() {
    StringBuilder s = new StringBuilder(path);
    versions.forEach(v -> s.append(' ').append(v));
    if (!deprecated.isEmpty()) {
      s.append(" (deprecated)");
    }
    return s.toString();
  }

  private String versionString() {
    return retracted.isEmpty() ? version : version + " (retracted)";
  }

  /**
   * Returns the line {@code go list -m} prints: {@code path version [update] (deprecated) =>
   * replacement}, with {@code (retracted)} after a retracted version. Like go's, the line leaves
   * the {@link #error()} out ({@code go list -m -e} prints a failed module's path, and its version
   * or query).
   *
   * @return the text, without a newline
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(path);
    if (!version.isEmpty()) {
      s.append(' ').append(versionString());
      update.ifPresent(u -> s.append(" [").append(u.versionString()).append(']'));
    }
    if (!deprecated.isEmpty()) {
      s.append(" (deprecated)");
    }
    replace.ifPresent(r -> {
      s.append(" => ").append(r.path);
      if (!r.version.isEmpty()) {
        s.append(' ').append(r.versionString());
        r.update.ifPresent(u -> s.append(" [").append(u.versionString()).append(']'));
      }
      if (!r.deprecated.isEmpty()) {
        s.append(" (deprecated)");
      }
    });
    return s.toString();
  }

  /**
   * Returns what {@code go list -m -json} of the newest Go release prints for this module.
   *
   * @return the JSON object, tab-indented, followed by a newline
   */
  public String toJson() {
    return toJson(GoRelease.NEWEST);
  }

  /**
   * Returns what {@code go list -m -json} of a Go release prints for this module: modinfo's
   * ModulePublic fields in go's order (Path, Version, Query, Versions, Replace, Time, Update, Main,
   * Indirect, Dir, GoMod, GoVersion, Retracted, Deprecated, Error, then Sum and GoModSum from Go
   * 1.23 on, Origin), empty ones left out, tab-indented, followed by a newline.
   *
   * <pre>{@code
   * System.out.print(module.toJson("1.19"));
   * }</pre>
   *
   * @param goRelease the release, {@code 1.N}
   * @return the JSON text
   * @throws IllegalArgumentException if {@code goRelease} is not a Go version
   */
  public String toJson(String goRelease) {
    Objects.requireNonNull(goRelease, "goRelease");
    return toJson(goRelease, Set.of());
  }

  /**
   * Returns what {@code go list -m -json=Field,...} of a Go release prints for this module: the
   * object of {@link #toJson(String)} with only the named fields of modinfo's ModulePublic (go
   * clears the others, so they are left out; {@code Replace} and {@code Update}, when named, are
   * printed whole). A name no field has selects nothing ({@code -json=x} prints {@code {}}).
   *
   * <pre>{@code
   * System.out.print(module.toJson("1.27", Set.of("Path", "Version")));
   * }</pre>
   *
   * @param goRelease the release, {@code 1.N}
   * @param fields the field names, case-sensitive as go's; empty for every field ({@link #toJson(String)})
   * @return the JSON text
   * @throws IllegalArgumentException if {@code goRelease} is not a Go version
   */
  public String toJson(String goRelease, Set<String> fields) {
    Objects.requireNonNull(goRelease, "goRelease");
    Objects.requireNonNull(fields, "fields");
    GoJson json = GoJson.forGoRelease(goRelease);
    boolean sums = GoRelease.compare(goRelease, "1.23") >= 0;
    int minor = GoRelease.modelled(goRelease).behaviourMinor();
    Set<String> only = Set.copyOf(fields);
    return json.marshalIndent(g -> write(g, sums, minor, only)) + "\n";
  }

  private void write(JsonGenerator g, boolean sums, int minor, Set<String> only) throws IOException {
    g.writeStartObject();
    if (want(only, "Path")) {
      GoJson.writeStringOmitEmpty(g, "Path", path);
    }
    if (want(only, "Version")) {
      GoJson.writeStringOmitEmpty(g, "Version", version);
    }
    if (want(only, "Query")) {
      GoJson.writeStringOmitEmpty(g, "Query", query);
    }
    if (want(only, "Versions")) {
      GoJson.writeStringsOmitEmpty(g, "Versions", versions);
    }
    if (replace.isPresent() && want(only, "Replace")) {
      g.writeFieldName("Replace");
      replace.get().write(g, sums, minor, Set.of());
    }
    if (want(only, "Time")) {
      GoJson.writeTimeOmitEmpty(g, "Time", time.orElse(null));
    }
    if (update.isPresent() && want(only, "Update")) {
      g.writeFieldName("Update");
      update.get().write(g, sums, minor, Set.of());
    }
    if (want(only, "Main")) {
      GoJson.writeBooleanOmitEmpty(g, "Main", main);
    }
    if (want(only, "Indirect")) {
      GoJson.writeBooleanOmitEmpty(g, "Indirect", indirect);
    }
    if (want(only, "Dir")) {
      GoJson.writeStringOmitEmpty(g, "Dir", dir);
    }
    if (want(only, "GoMod")) {
      GoJson.writeStringOmitEmpty(g, "GoMod", goMod);
    }
    if (want(only, "GoVersion")) {
      GoJson.writeStringOmitEmpty(g, "GoVersion", goVersion);
    }
    if (want(only, "Retracted")) {
      GoJson.writeStringsOmitEmpty(g, "Retracted", retracted);
    }
    if (want(only, "Deprecated")) {
      GoJson.writeStringOmitEmpty(g, "Deprecated", deprecated);
    }
    if (!error.isEmpty() && want(only, "Error")) {
      g.writeObjectFieldStart("Error");
      g.writeStringField("Err", error);
      g.writeEndObject();
    }
    if (sums) {
      if (want(only, "Sum")) {
        GoJson.writeStringOmitEmpty(g, "Sum", sum);
      }
      if (want(only, "GoModSum")) {
        GoJson.writeStringOmitEmpty(g, "GoModSum", goModSum);
      }
    }
    if (origin.isPresent() && want(only, "Origin")) {
      InfoJson.writeOrigin(g, origin.get(), minor);
    }
    g.writeEndObject();
  }

  /** Whether go's needAny keeps the field {@code name}: every field when none is named. */
  private static boolean want(Set<String> only, String name) {
    return only.isEmpty() || only.contains(name);
  }
}
