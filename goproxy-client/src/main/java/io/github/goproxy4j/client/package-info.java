/**
 * The Go module proxy protocol client: {@link io.github.goproxy4j.client.GoProxyClient} fetches
 * versions, {@code .info}, go.mod files and zips through the proxies GOPROXY names, with the go
 * command's per-request fallback, error texts and query semantics; verifies go.mod and zip
 * hashes against go.sum and the checksum database before anything is cached; and keeps a
 * {@link io.github.goproxy4j.client.ModuleCache} in GOMODCACHE layout that go itself can use,
 * and vice versa.
 *
 * <pre>{@code
 * try (GoProxyClient client = GoProxyClient.builder().build()) {   // go's settings on this machine
 *   DownloadedModule d = client.download(ModuleVersion.parse("golang.org/x/text@v0.3.7"));
 *   System.out.print(d.goSumLines());
 * }
 * }</pre>
 *
 * <p>Failures are {@link io.github.goproxy4j.env.GoProxyException}s:
 * {@link io.github.goproxy4j.client.ModuleNotFoundException},
 * {@link io.github.goproxy4j.client.ProxyUnavailableException},
 * {@link io.github.goproxy4j.client.DirectAccessRequiredException} and the checksum database's
 * {@link io.github.goproxy4j.sumdb.ChecksumMismatchException}. Modules that must come from
 * version control need a {@link io.github.goproxy4j.client.DirectFetcher}, such as
 * {@link io.github.goproxy4j.client.GoCommandDirectFetcher}.
 */
package io.github.goproxy4j.client;
