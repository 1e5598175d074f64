package io.github.goproxy4j.testkit;

import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.toolchain.GoToolchain;
import io.github.goproxy4j.toolchain.Platform;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.PseudoVersion;
import io.github.goproxy4j.module.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One version of a module, defined in code, for a {@link FakeGoProxy} to serve: its
 * {@code go.mod}, its files (zipped under {@code path@version/} with Go's zip rules) and its
 * commit time. Immutable; the zip is built and checked when the module is built, so a file that
 * would make the zip invalid fails at once with an {@link InvalidFakeModuleException}.
 *
 * <pre>{@code
 * FakeModule m = FakeModule.builder("example.com/m", "v1.1.0")
 *     .goMod("module example.com/m\n\ngo 1.19\n")
 *     .file("m.go", "package m\n\nfunc Hello() string { return \"hello\" }\n")
 *     .time(Instant.parse("2023-01-02T03:04:05Z"))
 *     .retract("v1.0.0", "published by mistake")
 *     .build();
 * }</pre>
 */
public final class FakeModule {

  /** The commit time used when none is given (and the version is not a pseudo-version). */
  public static final Instant DEFAULT_TIME = Instant.parse("2019-01-01T00:00:00Z");

  private final ModuleVersion moduleVersion;
  private final String goMod;
  private final Map<String, byte[]> files;
  private final Instant time;
  private final byte[] info;
  private final byte[] zip;
  private final boolean listed;

  private FakeModule(Builder b, ModuleVersion mv, String goMod, Map<String, byte[]> files,
      Instant time, byte[] info, byte[] zip) {
    this.moduleVersion = mv;
    this.goMod = goMod;
    this.files = files;
    this.time = time;
    this.info = info;
    this.zip = zip;
    this.listed = b.listed;
  }

  /**
   * Returns a module version with a minimal {@code go.mod} ({@code module <path>}) and one Go
   * file declaring a package named after the last path element.
   *
   * @param path the module path
   * @param version a canonical semantic version that fits the path's major suffix
   * @return the module
   * @throws IllegalArgumentException if the path or version is invalid
   */
  public static FakeModule of(String path, String version) {
    return builder(path, version).build();
  }

  /**
   * A fake Go toolchain module, {@code golang.org/toolchain@v0.0.1-<name>.<goos>-<goarch>}, laid
   * out like a real one so that the go command (Go 1.21 on, GOTOOLCHAIN) and
   * {@code GoProxyClient.installToolchain} can download, unpack and run it: {@code bin/go} and
   * {@code bin/gofmt} are shell scripts ({@code go version} prints
   * {@code go version <name> <goos>/<goarch>}; any other command prints
   * {@code <name> (fake toolchain): <args>} and {@code GOROOT=<dir>}), plus
   * {@code pkg/tool/<goos>_<goarch>/compile}, {@code lib/wasm/go_js_wasm_exec},
   * {@code lib/time/README}, {@code src/_go.mod}, {@code src/cmd/_go.mod}, {@code VERSION} and
   * {@code go.env}. Like a real toolchain zip it has no {@code go.mod} (the proxy serves
   * {@code module golang.org/toolchain}) and no execute bits.
   *
   * <pre>{@code
   * FakeGoProxy proxy = FakeGoProxy.builder()
   *     .module(FakeModule.toolchain("go1.99.1", "linux", "amd64"))
   *     .start();
   * // GOTOOLCHAIN=go1.99.1 go version   ->  go version go1.99.1 linux/amd64
   * }</pre>
   *
   * @param name the toolchain name, such as {@code go1.99.1}
   * @param goos the GOOS, such as {@code linux}
   * @param goarch the GOARCH, such as {@code amd64}
   * @return the module version
   * @throws IllegalArgumentException if the name or platform is invalid
   */
  public static FakeModule toolchain(String name, String goos, String goarch) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(goos, "goos");
    Objects.requireNonNull(goarch, "goarch");
    GoToolchain t = GoToolchain.of(name,
        new Platform(goos, goarch));
    String plat = goos + "/" + goarch;
    String go = "#!/bin/sh\n"
        + "# A fake " + name + " toolchain served by the goproxy4j testkit.\n"
        + "if [ \"$1\" = version ]; then echo \"go version " + name + " " + plat + "\"; exit 0; fi\n"
        + "echo \"" + name + " (fake toolchain): $*\"\n"
        + "echo \"GOROOT=$(cd \"$(dirname \"$0\")/..\" && pwd -P)\"\n";
    String tool = "#!/bin/sh\necho \"" + name + " (fake toolchain) $(basename \"$0\"): $*\"\n";
    return builder(GoToolchain.MODULE_PATH, t.moduleVersion().version().toString())
        .goMod("module " + GoToolchain.MODULE_PATH + "\n")
        .goModInZip(false)
        .file("VERSION", name + "\ntime 2026-01-01T00:00:00Z\n")
        .file("go.env", "GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\n"
            + "GOTOOLCHAIN=auto\n")
        .file("bin/go", go)
        .file("bin/gofmt", tool)
        .file("pkg/tool/" + goos + "_" + goarch + "/compile", tool)
        .file("lib/wasm/go_js_wasm_exec", tool)
        .file("lib/time/README", "The fake toolchain has no time zone database.\n")
        .file("src/_go.mod", "module std\n\ngo " + GoRelease.lang(t.version()) + "\n")
        .file("src/cmd/_go.mod", "module cmd\n\ngo " + GoRelease.lang(t.version()) + "\n")
        .build();
  }

  /**
   * Starts a module version.
   *
   * @param path the module path
   * @param version a canonical semantic version that fits the path's major suffix
   * @return a builder
   */
  public static Builder builder(String path, String version) {
    return new Builder(path, version);
  }

  /**
   * Returns the module path.
   *
   * @return the path
   */
  public String path() {
    return moduleVersion.path().toString();
  }

  /**
   * Returns the version.
   *
   * @return the version
   */
  public String version() {
    return moduleVersion.version().toString();
  }

  /**
   * Returns the text served for {@code .mod}.
   *
   * @return the go.mod text
   */
  public String goMod() {
    return goMod;
  }

  /**
   * Returns the files of the module zip, by name relative to the module root.
   *
   * @return an immutable sorted map; the arrays are copies
   */
  public Map<String, byte[]> files() {
    Map<String, byte[]> copy = new TreeMap<>();
    files.forEach((k, v) -> copy.put(k, v.clone()));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Returns the commit time served in {@code .info}.
   *
   * @return the time
   */
  public Instant time() {
    return time;
  }

  /**
   * Returns the bytes of the module zip the fake serves.
   *
   * @return a copy of the zip
   */
  public byte[] zip() {
    return zip.clone();
  }

  ServedVersion toServed() {
    return ServedVersion.inMemory(path(), version(), info, goMod.getBytes(StandardCharsets.UTF_8),
        zip, listed, time);
  }

  @Override
  public String toString() {
    return "FakeModule[" + moduleVersion + ", " + files.size() + " files]";
  }

  /** Builds a {@link FakeModule}. Not thread-safe. */
  public static final class Builder {
    private final String path;
    private final String version;
    private String goMod;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<String> retractions = new ArrayList<>();
    private Instant time;
    private String info;
    private Boolean goModInZip;
    private boolean listed = true;

    private Builder(String path, String version) {
      this.path = Objects.requireNonNull(path, "path");
      this.version = Objects.requireNonNull(version, "version");
    }

    /**
     * Sets the {@code go.mod} text, served for {@code .mod} and put in the zip as
     * {@code go.mod}. Default: {@code module <path>\n}, or the content of a {@code go.mod}
     * given with {@link #file}.
     *
     * @param text the go.mod text
     * @return this builder
     */
    public Builder goMod(String text) {
      this.goMod = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Adds a file to the module zip.
     *
     * @param name a slash-separated path relative to the module root
     * @param content the text (stored as UTF-8)
     * @return this builder
     */
    public Builder file(String name, String content) {
      return file(name, Objects.requireNonNull(content, "content").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a file to the module zip.
     *
     * @param name a slash-separated path relative to the module root
     * @param content the bytes
     * @return this builder
     */
    public Builder file(String name, byte[] content) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(content, "content");
      if (files.containsKey(name)) {
        throw new InvalidFakeModuleException(path + "@" + version, 0,
            path + "@" + version + ": duplicate file \"" + name + "\"", null);
      }
      files.put(name, content.clone());
      return this;
    }

    /**
     * Sets the commit time served in {@code .info}. Default: the time in a pseudo-version,
     * else {@link FakeModule#DEFAULT_TIME}.
     *
     * @param time the time (served with second precision)
     * @return this builder
     */
    public Builder time(Instant time) {
      this.time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.SECONDS);
      return this;
    }

    /**
     * Adds a {@code retract} directive to this version's go.mod.
     *
     * @param versionOrInterval a version ({@code v1.0.0}) or an interval
     *     ({@code [v1.0.0, v1.2.0]})
     * @param rationale the comment shown by the go command (may be empty)
     * @return this builder
     */
    public Builder retract(String versionOrInterval, String rationale) {
      Objects.requireNonNull(versionOrInterval, "versionOrInterval");
      Objects.requireNonNull(rationale, "rationale");
      if (versionOrInterval.indexOf('\n') >= 0 || rationale.indexOf('\n') >= 0) {
        throw new InvalidFakeModuleException(path + "@" + version, 0,
            path + "@" + version + ": retraction must be on one line", null);
      }
      String spec = versionOrInterval.trim();
      List<String> versions = List.of(spec);
      if (spec.startsWith("[") && spec.endsWith("]") && spec.indexOf(',') > 0) {
        String[] lohi = spec.substring(1, spec.length() - 1).split(",", -1);
        versions = lohi.length == 2 ? List.of(lohi[0].trim(), lohi[1].trim()) : List.of(spec);
      }
      for (String v : versions) {
        if (!Version.isValid(v)) {
          throw new InvalidFakeModuleException(path + "@" + version, 0, path + "@" + version
              + ": retract " + spec + ": version \"" + v + "\" invalid: must be of the form"
              + " v1.2.3 (or an interval [v1.0.0, v1.2.0])", null);
        }
      }
      retractions.add("retract " + versionOrInterval
          + (rationale.isEmpty() ? "" : " // " + rationale) + "\n");
      return this;
    }

    /**
     * Replaces the generated {@code .info} JSON with this text, served as given.
     *
     * @param json the .info body
     * @return this builder
     */
    public Builder info(String json) {
      this.info = Objects.requireNonNull(json, "json");
      return this;
    }

    /**
     * Chooses whether the zip contains the go.mod. Default: yes, except for
     * {@code +incompatible} versions (which have no go.mod, so the proxy serves a synthesized
     * {@code module <path>} line for {@code .mod}, as Go's proxies do).
     *
     * @param include whether to put go.mod in the zip
     * @return this builder
     */
    public Builder goModInZip(boolean include) {
      this.goModInZip = include;
      return this;
    }

    /**
     * Chooses whether {@code @v/list} lists this version (pseudo-versions are never listed).
     * Default: true.
     *
     * @param listed whether to list it
     * @return this builder
     */
    public Builder listed(boolean listed) {
      this.listed = listed;
      return this;
    }

    /**
     * Checks everything and builds the zip.
     *
     * @return the module version
     * @throws InvalidFakeModuleException if the path or version is invalid or not canonical, or
     *     a file would make the module zip invalid (the message is x/mod's)
     */
    public FakeModule build() {
      String source = path + "@" + version;
      ModuleVersion mv;
      try {
        mv = ModuleVersion.of(path, version);
      } catch (IllegalArgumentException e) {
        throw new InvalidFakeModuleException(source, 0, e.getMessage(), e);
      }
      Version v = mv.version();
      if (!v.isCanonical()) {
        throw new InvalidFakeModuleException(source, 0, source
            + ": version is not canonical (should be " + v.canonical() + ")", null);
      }
      boolean incompatible = v.isIncompatible();
      Map<String, byte[]> zipFiles = new LinkedHashMap<>(files);
      String text = goMod;
      if (text == null && files.containsKey("go.mod")) {
        text = new String(files.get("go.mod"), StandardCharsets.UTF_8);
      }
      if (text == null) {
        text = "module " + path + "\n";
      }
      if (!retractions.isEmpty()) {
        StringBuilder sb = new StringBuilder(text);
        if (!text.endsWith("\n")) {
          sb.append('\n');
        }
        sb.append('\n');
        retractions.forEach(sb::append);
        text = sb.toString();
      }
      GoModText.check(source, text);
      boolean withGoMod = goModInZip != null ? goModInZip : !incompatible;
      if (withGoMod) {
        if (!files.containsKey("go.mod") || goMod != null || !retractions.isEmpty()) {
          zipFiles.put("go.mod", text.getBytes(StandardCharsets.UTF_8));
        }
      } else {
        zipFiles.remove("go.mod");
      }
      if (files.isEmpty()) {
        String pkg = packageName(mv.path());
        zipFiles.put(pkg + ".go", ("package " + pkg + "\n").getBytes(StandardCharsets.UTF_8));
      }
      byte[] zip = ZipMaker.create(source, mv, zipFiles);
      Instant t = time;
      if (t == null) {
        t = v.isPseudo() ? PseudoVersion.parse(version).time() : DEFAULT_TIME;
      }
      byte[] infoBytes = (info != null ? info : infoJson(version, t))
          .getBytes(StandardCharsets.UTF_8);
      Map<String, byte[]> copy = new LinkedHashMap<>();
      zipFiles.forEach(copy::put);
      return new FakeModule(this, mv, text, copy, t, infoBytes, zip);
    }
  }

  /** The .info JSON the go command writes: {@code {"Version":"v1.0.0","Time":"..."}}. */
  static String infoJson(String version, Instant time) {
    return "{\"Version\":\"" + version + "\",\"Time\":\""
        + DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)) + "\"}\n";
  }

  /** A Go identifier derived from the module path's last element (without a major suffix). */
  static String packageName(ModulePath path) {
    String p = path.prefix();
    String last = p.substring(p.lastIndexOf('/') + 1);
    int dot = last.indexOf(".v");
    if (path.toString().startsWith("gopkg.in/") && dot > 0) {
      last = last.substring(0, dot);
    }
    StringBuilder sb = new StringBuilder();
    for (char c : last.toCharArray()) {
      sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
    }
    if (sb.length() == 0 || Character.isDigit(sb.charAt(0))) {
      sb.insert(0, 'p');
    }
    return sb.toString();
  }
}
