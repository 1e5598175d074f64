package io.github.goproxy4j.api;

import io.github.goproxy4j.env.ChecksumDb;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.env.VerifierKey;
import io.github.goproxy4j.modfile.GoModEditor;
import io.github.goproxy4j.modfile.GoModFile;
import io.github.goproxy4j.modfile.GoWorkFile;
import io.github.goproxy4j.module.InvalidModulePathException;
import io.github.goproxy4j.module.InvalidVersionException;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModulePatterns;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.PseudoVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.mvs.ModuleGraph;
import io.github.goproxy4j.mvs.ModuleSource;
import io.github.goproxy4j.testing.NullArguments;
import io.github.goproxy4j.toolchain.GoToolchain;
import io.github.goproxy4j.toolchain.Platform;
import io.github.goproxy4j.toolchain.ToolchainSelection;
import io.github.goproxy4j.zip.CheckedFiles;
import io.github.goproxy4j.zip.InvalidModuleZipException;
import io.github.goproxy4j.zip.ModuleFile;
import io.github.goproxy4j.zip.ModuleZip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A null argument at goproxy-api's public API (the exported packages, not {@code internal}) is an
 * NPE naming the parameter, thrown at the call: {@link NullArguments} (Guava's NullPointerTester)
 * over every public constructor and static method of every public type, and the instance methods
 * of a sample of each value type. One class for the module rather than a method in each of its ~45
 * types' test classes: the defaults and samples the check needs are the same for all of them, and a
 * new public type or method is checked here without a test written for it.
 */
class PublicApiNullTest {
  /** A module source for a graph of the main module alone: never asked. */
  static final ModuleSource NO_MODULES = new ModuleSource() {
    @Override
    public byte[] goMod(ModuleVersion module) throws IOException {
      throw new IOException("no modules in this test");
    }

    @Override
    public byte[] goModInDirectory(String directory) throws IOException {
      throw new IOException("no modules in this test");
    }
  };

  static final String KEY = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

  @Test
  void nullArguments(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("go.mod"), "module example.com/m\n\ngo 1.21\n");
    GoEnv env = GoEnv.builder().environment(Map.of("GOPATH", dir.resolve("gopath").toString(),
        "GOFLAGS", "-mod=mod", "GOTOOLCHAIN", "local")).noUserEnvFile().build();
    ModulePath path = ModulePath.parse("example.com/m");
    Version version = Version.parse("v1.2.3");
    GoModFile goMod = GoModFile.parse("go.mod", "module example.com/m\n\ngo 1.21\n");
    Platform platform = Platform.parse("linux/amd64");
    Route route = ProxyResolver.of(env).resolve("example.com/m");
    NullArguments.of(ModulePath.class, "io.github.goproxy4j.module", "io.github.goproxy4j.env",
            "io.github.goproxy4j.modfile", "io.github.goproxy4j.zip", "io.github.goproxy4j.mvs",
            "io.github.goproxy4j.toolchain")
        .setDefault(ModulePath.class, path)
        .setDefault(Version.class, version)
        .setDefault(ModuleVersion.class, ModuleVersion.of(path, version))
        .setDefault(GoEnv.class, env)
        .setDefault(GoModFile.class, goMod)
        .setDefault(Platform.class, platform)
        .setDefault(Route.class, route)
        .setDefault(Path.class, file)
        .setDefault(URI.class, URI.create("https://sum.golang.org"))
        .setDefault(Instant.class, Instant.parse("2023-01-02T03:04:05Z"))
        .setDefault(OutputStream.class, new ByteArrayOutputStream())
        .setDefault(VerifierKey.class, VerifierKey.parse(KEY))
        .setDefault(String.class, "v1.2.3")
        .setDefault(GoWorkFile.class, GoWorkFile.parse("go.work", "go 1.21\n\nuse .\n".getBytes(StandardCharsets.UTF_8), "1.21"))
        .setDefault(CheckedFiles.class, ModuleZip.checkFiles(List.of(ModuleFile.of("go.mod", "module example.com/m\n".getBytes(StandardCharsets.UTF_8)))))
        // null documented as a value (a predicate's false, an unset setting, an exception's
        // unknown input) or as invalid input, rejected with the type's own exception
        .nullAllowed(ModulePath.class, "parse", "path")
        .nullAllowed(ModulePath.class, "isValid", "path")
        .nullAllowed(ModulePath.class, "escape", "path")
        .nullAllowed(ModulePath.class, "unescape", "escaped")
        .nullAllowed(ModulePath.class, "checkImportPath", "path")
        .nullAllowed(ModulePath.class, "checkFilePath", "path")
        .nullAllowed(ModulePath.class, "checkPathMajor", "version")
        .nullAllowed(ModulePath.class, "checkPathMajor", "path")
        .nullAllowed(ModulePath.class, "matchesMajor", "version")
        .nullAllowed(ModuleVersion.class, "of", "path")
        .nullAllowed(ModuleVersion.class, "of", "version")
        .nullAllowed(ModuleVersion.class, "parse", "pathAtVersion")
        .nullAllowed(PseudoVersion.class, "isPseudo", "version")
        .nullAllowed(PseudoVersion.class, "parse", "version")
        .nullAllowed(PseudoVersion.class, "zero", "major")
        .nullAllowed(PseudoVersion.class, "of", "major")
        .nullAllowed(PseudoVersion.class, "of", "older")
        .nullAllowed(PseudoVersion.class, "of", "time")
        .nullAllowed(PseudoVersion.class, "of", "revision")
        .nullAllowed(Version.class, "parse", "version")
        .nullAllowed(Version.class, "isValid", "version")
        .nullAllowed(Version.class, "escape", "version")
        .nullAllowed(Version.class, "unescape", "escaped")
        .nullAllowed(Version.class, "compare", "v")
        .nullAllowed(Version.class, "compare", "w")
        .nullAllowed(Version.class, "sort", "versions")
        .nullAllowed(Version.class, "sortStrings", "versions")
        .nullAllowed(ModulePatterns.class, "parse", "commaList")
        .nullAllowed(ModulePatterns.class, "matches(String)", "path")
        .nullAllowed(ModulePatterns.class, "firstMatch", "path")
        .nullAllowed(InvalidModulePathException.class, "new", "input")
        .nullAllowed(InvalidVersionException.class, "new", "input")
        .nullAllowed(InvalidModuleZipException.class, "new", "checkedFiles")
        .nullAllowed(VerifierKey.class, "isValid", "key")
        .nullAllowed(VerifierKey.class, "parse", "key")
        .nullAllowed(VerifierKey.class, "of", "name")
        .nullAllowed(ChecksumDb.class, "parse", "gosumdb")
        .nullAllowed(ChecksumDb.class, "of", "url")
        .nullAllowed(ToolchainSelection.class, "select", "file")
        .nullAllowed(ToolchainSelection.class, "select", "fileContent")
        .publicTypes()
        .instance(path)
        .instance(version)
        .instance(ModuleVersion.of(path, version))
        .instance(PseudoVersion.parse("v0.0.0-20230102030405-0123456789ab"))
        .instance(ModulePatterns.parse("example.com/*"))
        .instance(env)
        .instance(ProxyResolver.of(env))
        .instance(route)
        .instance(ChecksumDb.parse(KEY))
        .instance(VerifierKey.parse(KEY))
        .instance(goMod)
        .instance(GoModEditor.parse("go.mod", "module example.com/m\n".getBytes(StandardCharsets.UTF_8), "1.21"))
        .instance(GoWorkFile.parse("go.work", "go 1.21\n\nuse .\n".getBytes(StandardCharsets.UTF_8), "1.21"))
        .instance(ModuleFile.of("go.mod", "module example.com/m\n".getBytes(StandardCharsets.UTF_8)))
        .instance(ModuleGraph.builder())
        .instance(ModuleGraph.builder().mainModule(goMod).source(NO_MODULES).build())
        .instance(ModuleZip.checkFiles(List.of(ModuleFile.of("go.mod", "module example.com/m\n".getBytes(StandardCharsets.UTF_8)))))
        .instance(GoEnv.builder())
        .instance(platform)
        .instance(GoToolchain.of("go1.21.0", platform))
        .instance(ToolchainSelection.select("local", "go1.21.0", null, null))
        .assertNone();
  }
}
