/**
 * The Go module proxy protocol client: {@code @v/list}, {@code .info}, {@code .mod},
 * {@code .zip} and {@code @latest} through the configured proxies with the go command's
 * fallback rules, go.sum and checksum-database verification, and a module cache in Go's
 * {@code GOMODCACHE} layout that the go command itself can share.
 *
 * <pre>{@code
 * try (GoProxyClient client = GoProxyClient.builder().env(GoEnv.fromSystem()).build()) {
 *   VersionInfo latest = client.latest(ModulePath.parse("golang.org/x/mod"));
 *   DownloadedModule m = client.download(ModuleVersion.of("golang.org/x/mod", latest.version()));
 *   System.out.println(m.dir() + " " + m.zipHash());
 * }
 * }</pre>
 *
 * <p>Unlike the go command, requests have finite timeouts ({@link
 * io.github.goproxy4j.client.HttpSettings}); modules that must come from version control raise
 * {@link io.github.goproxy4j.client.DirectAccessRequiredException} unless a
 * {@link io.github.goproxy4j.client.DirectFetcher} (such as
 * {@link io.github.goproxy4j.client.GoCommandDirectFetcher}) is configured.
 *
 * <p>Failures are {@link io.github.goproxy4j.env.GoProxyException}s with go's messages:
 * {@link io.github.goproxy4j.client.ModuleNotFoundException},
 * {@link io.github.goproxy4j.client.ProxyUnavailableException},
 * {@link io.github.goproxy4j.client.DirectAccessRequiredException} and the checksum database's
 * {@link io.github.goproxy4j.sumdb.ChecksumMismatchException}.
 */
package io.github.goproxy4j.client;
