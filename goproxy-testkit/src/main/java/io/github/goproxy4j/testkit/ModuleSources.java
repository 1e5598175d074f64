package io.github.goproxy4j.testkit;

import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.PseudoVersion;
import io.github.goproxy4j.module.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads module versions from txtar archives and GOPROXY-layout directories. */
final class ModuleSources {
  private ModuleSources() {}

  private static final Pattern TIME =
      Pattern.compile("\"(?i:time)\"\\s*:\\s*\"([^\"]*)\"");

  /**
   * A module path and version decoded from a txtar file name; {@code checked} tells whether
   * they pass module.Check (cmd/go's test data has versions such as {@code v2.0.0} of a path
   * without {@code /v2}, served so that the go command's rejection can be tested, but not
   * listed).
   */
  record ArchiveName(String path, String version, boolean checked) {}

  /**
   * Decodes a txtar file name in cmd/go's testdata style ({@code rsc.io_quote_v1.5.2.txt}:
   * escaped path with slashes as underscores, an underscore, the escaped version).
   *
   * @throws InvalidFakeModuleException if the name does not decode to a valid module version
   */
  static ArchiveName decodeArchiveName(String fileName) {
    String name = fileName;
    if (!name.endsWith(".txt")) {
      throw new InvalidFakeModuleException(fileName, 0,
          fileName + ": txtar module archive name must end in .txt", null);
    }
    name = name.substring(0, name.length() - 4);
    int i = name.lastIndexOf("_v");
    if (i < 0) {
      throw new InvalidFakeModuleException(fileName, 0, fileName
          + ": txtar module archive name must be <escaped path with / as _>_<version>.txt", null);
    }
    try {
      ModulePath path = ModulePath.unescape(name.substring(0, i).replace('_', '/'));
      String version = Version.unescape(name.substring(i + 1));
      Version v = Version.parse(version);
      if (!v.isCanonical()) {
        throw new InvalidFakeModuleException(fileName, 0, fileName + ": version " + version
            + " is not canonical", null);
      }
      boolean checked = true;
      try {
        ModuleVersion.of(path, v);
      } catch (IllegalArgumentException e) {
        checked = false;
      }
      return new ArchiveName(path.toString(), version, checked);
    } catch (InvalidFakeModuleException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidFakeModuleException(fileName, 0, fileName + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads one txtar module archive: {@code .info} and {@code .mod} sections are served as
   * given, every other section goes into the zip under {@code path@version/} (a name starting
   * with {@code /} is written into the zip exactly as given, as cmd/go's test proxy does, to
   * make deliberately bad zips).
   */
  static ServedVersion fromTxtar(String fileName, byte[] data, boolean allowInvalidZips) {
    ArchiveName an = decodeArchiveName(fileName);
    Txtar.Archive a = Txtar.parse(fileName, data);
    try {
      return fromArchive(fileName, an, a, allowInvalidZips);
    } catch (InvalidFakeModuleException e) {
      if (!allowInvalidZips) {
        throw new InvalidFakeModuleException(e.source(), e.line(), e.getMessage()
            + " (allowInvalidZips() serves such archives zipped as given)", e.getCause());
      }
      throw e;
    }
  }

  private static ServedVersion fromArchive(String fileName, ArchiveName an, Txtar.Archive a,
      boolean lenient) {
    byte[] info = null;
    byte[] mod = null;
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, byte[]> raw = new LinkedHashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    Map<String, String> folded = new HashMap<>();
    for (Txtar.Section s : a.sections()) {
      String n = s.name();
      if (n.equals(".info")) {
        info = s.data();
      } else if (n.equals(".mod")) {
        mod = s.data();
      } else if (n.equals(".zip")) {
        continue; // cmd/go's test proxy ignores it too
      } else if (n.startsWith("/")) {
        raw.put(n.substring(1), s.data());
      } else if (lenient) {
        files.put(n, s.data());
      } else {
        try {
          ModulePath.checkFilePath(n);
        } catch (IllegalArgumentException e) {
          throw new InvalidFakeModuleException(fileName, s.line(),
              fileName + ":" + s.line() + ": " + e.getMessage(), e);
        }
        String f = n.toLowerCase(Locale.ROOT);
        String other = folded.putIfAbsent(f, n);
        if (other != null) {
          throw new InvalidFakeModuleException(fileName, s.line(), fileName + ":" + s.line()
              + ": case-insensitive file name collision: \"" + other + "\" and \"" + n
              + "\" (line " + lines.get(other) + ")", null);
        }
        files.put(n, s.data());
        lines.put(n, s.line());
      }
    }
    byte[] zip = null;
    if (raw.isEmpty() && an.checked()) {
      ModuleVersion mv = ModuleVersion.of(an.path(), an.version());
      try {
        zip = ZipMaker.create(fileName, mv, files);
      } catch (InvalidFakeModuleException e) {
        if (!lenient) {
          throw e;
        }
      }
    }
    if (zip == null) {
      Map<String, byte[]> entries = new LinkedHashMap<>();
      String prefix = an.path() + "@" + an.version() + "/";
      files.forEach((k, v) -> entries.put(prefix + k, v));
      entries.putAll(raw);
      zip = ZipMaker.raw(entries);
    }
    return ServedVersion.inMemory(an.path(), an.version(), info, mod, zip, an.checked(),
        timeOf(info, an.version()), fileName);
  }

  /**
   * Reads every {@code *.txt} archive in a directory (not recursive). Files whose names do not
   * decode to a valid module version are skipped, as cmd/go's test proxy skips them; their
   * names are added to {@code skipped}.
   */
  static List<ServedVersion> fromTxtarDirectory(Path dir, List<String> skipped,
      boolean allowInvalidZips) {
    List<ServedVersion> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".txt"))
          .filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("reading txtar directory " + dir + ": " + e.getMessage(), e);
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      try {
        decodeArchiveName(name);
      } catch (InvalidFakeModuleException e) {
        skipped.add(e.getMessage());
        continue;
      }
      out.add(fromTxtar(name, read(f), allowInvalidZips));
    }
    return out;
  }

  /** A GOPROXY-layout directory: the versions and the verbatim list files. */
  record Layout(List<ServedVersion> versions, Map<String, byte[]> lists) {}

  /**
   * Reads a GOPROXY-layout directory ({@code <escaped path>/@v/list}, {@code <escaped
   * version>.info}, {@code .mod}, {@code .zip}, {@code .ziphash}), such as a copy of
   * {@code $GOMODCACHE/cache/download}. Info and mod files are read now; zips are served from
   * disk.
   */
  static Layout fromLayout(Path root) {
    Map<String, Map<String, Map<String, Path>>> found = new TreeMap<>(); // path -> ver -> ext
    Map<String, byte[]> lists = new HashMap<>();
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("reading GOPROXY directory " + root + ": " + e.getMessage(),
          e);
    }
    for (Path f : all) {
      String rel = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
      int at = rel.lastIndexOf("/@v/");
      if (at < 0 || rel.startsWith("sumdb/")) {
        continue;
      }
      String file = rel.substring(at + 4);
      String escPath = rel.substring(0, at);
      String ext = null;
      for (String e : new String[] {".info", ".mod", ".zip", ".ziphash"}) {
        if (file.endsWith(e)) {
          ext = e;
        }
      }
      if (!file.equals("list") && ext == null) {
        continue; // .lock, .partial, temporary files
      }
      String path;
      try {
        path = ModulePath.unescape(escPath).toString();
      } catch (IllegalArgumentException e) {
        throw new InvalidFakeModuleException(rel, 0, rel + ": " + e.getMessage(), e);
      }
      if (file.equals("list")) {
        lists.put(path, read(f));
        found.computeIfAbsent(path, k -> new TreeMap<>());
        continue;
      }
      String version;
      try {
        version = Version.unescape(file.substring(0, file.length() - ext.length()));
        ModuleVersion.of(path, version);
      } catch (IllegalArgumentException e) {
        throw new InvalidFakeModuleException(rel, 0, rel + ": " + e.getMessage(), e);
      }
      found.computeIfAbsent(path, k -> new TreeMap<>())
          .computeIfAbsent(version, k -> new HashMap<>()).put(ext, f);
    }
    List<ServedVersion> versions = new ArrayList<>();
    found.forEach((path, byVersion) -> byVersion.forEach((version, exts) -> {
      byte[] info = exts.containsKey(".info") ? read(exts.get(".info")) : null;
      byte[] mod = exts.containsKey(".mod") ? read(exts.get(".mod")) : null;
      String hint = null;
      if (exts.containsKey(".ziphash")) {
        hint = new String(read(exts.get(".ziphash")), StandardCharsets.UTF_8).trim();
      }
      if (info == null && mod == null && !exts.containsKey(".zip")) {
        return; // only a .ziphash
      }
      Path any = exts.values().iterator().next();
      versions.add(ServedVersion.onDisk(path, version, info, mod, exts.get(".zip"), hint,
          info != null, timeOf(info, version), root.relativize(any).toString()));
    }));
    return new Layout(versions, lists);
  }

  /** The Time field of .info JSON, else a pseudo-version's time, else null. */
  static Instant timeOf(byte[] info, String version) {
    if (info != null) {
      Matcher m = TIME.matcher(new String(info, StandardCharsets.UTF_8));
      if (m.find()) {
        try {
          return java.time.OffsetDateTime.parse(m.group(1)).toInstant();
        } catch (DateTimeParseException e) {
          // fall through
        }
      }
    }
    if (PseudoVersion.isPseudo(version)) {
      try {
        return PseudoVersion.parse(version).time();
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + f + ": " + e.getMessage(), e);
    }
  }
}
