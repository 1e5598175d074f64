/**
 * A fake Go module proxy and checksum database for tests.
 *
 * <p>{@link io.github.goproxy4j.testkit.FakeGoProxy} serves modules defined in code
 * ({@link io.github.goproxy4j.testkit.FakeModule}), txtar archives in the go command's
 * {@code cmd/go/testdata/mod} format, or a GOPROXY-layout directory, on loopback HTTP (or
 * HTTPS with required credentials, as a private proxy), with an integrated
 * {@link io.github.goproxy4j.testkit.FakeSumdb} (a real Merkle tree, signed tree heads, tiles)
 * that the go command and {@code ChecksumDatabase} verify against.
 * {@link io.github.goproxy4j.testkit.Fault}s inject failures; the
 * {@link io.github.goproxy4j.testkit.RequestJournal} records every request.
 *
 * <pre>{@code
 * try (FakeGoProxy proxy = FakeGoProxy.builder()
 *     .module(FakeModule.builder("example.com/m", "v1.0.0").file("m.go", "package m\n").build())
 *     .fault(Fault.status(503, "try later").on(Endpoint.ZIP).times(1))
 *     .start()) {
 *   Map<String, String> env = proxy.environment();   // GOPROXY, GOSUMDB, GONOSUMDB= ...
 *   // run `go get example.com/m@v1.0.0` with env, or a client with proxy.goEnv()
 *   proxy.requests().assertRequested("/example.com/m/@v/v1.0.0.zip");
 * }
 * }</pre>
 *
 * <p>No OkHttp, okio or Kotlin type appears in this API; the server underneath is OkHttp's
 * MockWebServer. A standalone server is in the {@code -standalone} jar:
 * {@code java -jar goproxy-testkit-<version>-standalone.jar DIR [--port N]} prints
 * {@code GOPROXY=...} and {@code GOSUMDB=...} and serves until its standard input closes.
 */
package io.github.goproxy4j.testkit;
