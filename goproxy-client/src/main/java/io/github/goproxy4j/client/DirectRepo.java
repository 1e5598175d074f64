package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.ProxyResolver;
import io.github.goproxy4j.env.Route;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import io.github.goproxy4j.sumdb.ChecksumMismatchException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code direct} entry of a route: the module fetched from version control through the
 * configured {@link DirectFetcher}, or {@link DirectAccessRequiredException} when there is none.
 * Its errors are the fetcher's as they are, so that a command's {@link CachingRepo} can remember
 * them for every caller; the caller's view of that memo ({@link CachingRepo#withContext}) puts
 * the caller's context in front ({@link #named}).
 */
final class DirectRepo implements Repo {
  private final DirectFetcher fetcher; // null: none configured
  private final ProxyResolver resolver;
  private final Route route;
  private final ModulePath path;

  DirectRepo(DirectFetcher fetcher, ProxyResolver resolver, Route route, ModulePath path) {
    this.fetcher = fetcher;
    this.resolver = resolver;
    this.route = route;
    this.path = path;
  }

  @Override
  public VersionList.ListResult versions() throws IOException {
    List<String> versions = new ArrayList<>();
    for (String v : fetcher().versions(path)) {
      if (Version.isValid(v) && !Version.parse(v).isPseudo()) {
        versions.add(v);
      }
    }
    Version.sortStrings(versions);
    return new VersionList.ListResult(List.copyOf(versions), List.of());
  }

  @Override
  public VersionInfo stat(String rev) throws IOException {
    return fetcher().stat(path, rev);
  }

  @Override
  public Optional<VersionInfo> latest() throws IOException {
    return Optional.of(fetcher().latest(path));
  }

  @Override
  public byte[] goMod(String version) throws IOException {
    return fetcher().goMod(ModuleVersion.of(path, Version.parse(version)));
  }

  @Override
  public void zip(String version, Path target, Received received) throws IOException {
    DirectFetcher f = fetcher();
    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
      ch.truncate(0); // the fetcher's contract: the file exists and is empty
    }
    f.zip(ModuleVersion.of(path, Version.parse(version)), target);
  }

  private DirectFetcher fetcher() throws DirectAccessRequiredException {
    if (fetcher != null) {
      return fetcher;
    }
    String setting = "GOPROXY";
    if (route.isDirectOnly() && !resolver.env().get("GOPROXY").strip().equals("direct")) {
      setting = resolver.env().source("GONOPROXY") == GoEnv.Source.DEFAULT
          ? "GOPRIVATE" : "GONOPROXY";
    }
    String why = setting.equals("GOPROXY")
        ? "GOPROXY lists \"direct\""
        : "the module path matches " + setting;
    throw new DirectAccessRequiredException("module " + path + ": must be fetched from version "
        + "control (" + why + "), and no DirectFetcher is configured", setting, List.of());
  }

  /**
   * A direct repo's error as one caller reports it: {@code context} (the request, go's {@code
   * modinfoError}) in front, keeping whether it was a not-found answer; the client's own exception
   * types as they are, their messages naming the module already.
   */
  static IOException named(IOException e, String context) {
    if (e instanceof ModuleNotFoundException || e instanceof ProxyUnavailableException
        || e instanceof DirectAccessRequiredException || e instanceof ChecksumMismatchException) {
      return e;
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    List<GoProxyException.Attempt> attempts =
        e instanceof GoProxyException && !((GoProxyException) e).attempts().isEmpty()
            ? ((GoProxyException) e).attempts()
            : List.of(new GoProxyException.Attempt(new ProxyEntry.Direct().display(), 0,
                detail));
    String message = context + detail;
    return e instanceof NotFoundException
        ? new NotFoundException(message, e, attempts)
        : new GoProxyException(message, e, attempts);
  }
}
