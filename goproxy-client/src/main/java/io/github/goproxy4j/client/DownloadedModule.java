package io.github.goproxy4j.client;

import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ModuleHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A module version that is verified, in the module cache and extracted: where its files are
 * and the hashes they were checked against (the two lines go writes to go.sum).
 *
 * <pre>{@code
 * DownloadedModule d = client.download(ModuleVersion.parse("golang.org/x/text@v0.3.7"));
 * System.out.println(d.goSumLines());
 * Files.walk(d.dir()).forEach(System.out::println);
 * }</pre>
 *
 * <p>This is a value-based class.
 */
public final class DownloadedModule {
  private final ModuleVersion module;
  private final VersionInfo info;
  private final Path goModFile;
  private final Path zip;
  private final Path dir;
  private final ModuleHash zipHash;
  private final ModuleHash goModHash;

  private DownloadedModule(ModuleVersion module, VersionInfo info, Path goModFile, Path zip,
      Path dir, ModuleHash zipHash, ModuleHash goModHash) {
    this.module = Objects.requireNonNull(module, "module");
    this.info = Objects.requireNonNull(info, "info");
    this.goModFile = Objects.requireNonNull(goModFile, "goModFile");
    this.zip = Objects.requireNonNull(zip, "zip");
    this.dir = Objects.requireNonNull(dir, "dir");
    this.zipHash = Objects.requireNonNull(zipHash, "zipHash");
    this.goModHash = Objects.requireNonNull(goModHash, "goModHash");
  }

  /**
   * Creates the value.
   *
   * @param module the module version
   * @param info its info
   * @param goModFile the cached go.mod ({@code <v>.mod})
   * @param zip the cached zip
   * @param dir the extracted tree
   * @param zipHash the verified zip hash
   * @param goModHash the verified go.mod hash
   * @return the value
   */
  public static DownloadedModule of(ModuleVersion module, VersionInfo info, Path goModFile,
      Path zip, Path dir, ModuleHash zipHash, ModuleHash goModHash) {
    return new DownloadedModule(module, info, goModFile, zip, dir, zipHash, goModHash);
  }

  /**
   * Returns the module version.
   *
   * @return the module version
   */
  public ModuleVersion module() {
    return module;
  }

  /**
   * Returns the version's info.
   *
   * @return the info
   */
  public VersionInfo info() {
    return info;
  }

  /**
   * Returns the cached go.mod file ({@code cache/download/…/@v/<v>.mod}).
   *
   * @return the path
   */
  public Path goModFile() {
    return goModFile;
  }

  /**
   * Reads the go.mod bytes.
   *
   * @return a fresh copy of the bytes
   * @throws IOException if the cache file cannot be read
   */
  public byte[] goMod() throws IOException {
    return Files.readAllBytes(goModFile);
  }

  /**
   * Returns the cached zip ({@code cache/download/…/@v/<v>.zip}).
   *
   * @return the path
   */
  public Path zip() {
    return zip;
  }

  /**
   * Returns the extracted, read-only tree ({@code <path>@<v>} under the cache root).
   *
   * @return the directory
   */
  public Path dir() {
    return dir;
  }

  /**
   * Returns the verified {@code h1:} hash of the zip.
   *
   * @return the hash
   */
  public ModuleHash zipHash() {
    return zipHash;
  }

  /**
   * Returns the verified {@code h1:} hash of the go.mod.
   *
   * @return the hash
   */
  public ModuleHash goModHash() {
    return goModHash;
  }

  /**
   * Returns the two go.sum lines for this module, exactly as go writes them.
   *
   * @return {@code "<path> <v> <h1>\n<path> <v>/go.mod <h1>\n"}
   */
  public String goSumLines() {
    return module.path() + " " + module.version() + " " + zipHash + "\n"
        + module.path() + " " + module.version() + "/go.mod " + goModHash + "\n";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DownloadedModule)) {
      return false;
    }
    DownloadedModule d = (DownloadedModule) o;
    return module.equals(d.module) && info.equals(d.info) && goModFile.equals(d.goModFile)
        && zip.equals(d.zip) && dir.equals(d.dir) && zipHash.equals(d.zipHash)
        && goModHash.equals(d.goModHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(module, info, goModFile, zip, dir, zipHash, goModHash);
  }

  @Override
  public String toString() {
    return "DownloadedModule[" + module + " " + zipHash + " in " + dir + "]";
  }
}
