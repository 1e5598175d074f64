/**
 * Transparency-log hashing, tiles and proofs, as in golang.org/x/mod/sumdb/tlog.
 */
package io.github.goproxy4j.sumdb.tlog;
