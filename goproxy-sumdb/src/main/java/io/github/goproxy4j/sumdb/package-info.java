/**
 * Module checksums: {@code h1:} hashes ({@link io.github.goproxy4j.sumdb.ModuleHash}), go.sum
 * files ({@link io.github.goproxy4j.sumdb.GoSum}) and the checksum-database client
 * ({@link io.github.goproxy4j.sumdb.ChecksumDatabase}), which verifies signed tree heads and
 * inclusion proofs, shares Go's on-disk state and detects a forked or rolled-back log.
 *
 * <pre>{@code
 * ModuleHash zip = ModuleHash.ofZip(Path.of("v1.0.0.zip"));
 * GoSum goSum = GoSum.read(Path.of("go.sum"));
 * goSum.checkZip(ModuleVersion.parse("example.com/m@v1.0.0"), zip); // ChecksumMismatchException
 * }</pre>
 *
 * <p>Security failures ({@link io.github.goproxy4j.sumdb.ChecksumMismatchException},
 * {@link io.github.goproxy4j.sumdb.SumdbSecurityException}) carry Go's {@code SECURITY ERROR}
 * text and are never downgraded; nothing unverified is cached.
 */
package io.github.goproxy4j.sumdb;
