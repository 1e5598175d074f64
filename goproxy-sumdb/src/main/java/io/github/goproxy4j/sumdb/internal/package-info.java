/**
 * Internal helpers of goproxy-sumdb, exported only to goproxy-client: Ed25519 verification and
 * {@link io.github.goproxy4j.sumdb.internal.LockedFile}, the file lock the go command takes.
 */
package io.github.goproxy4j.sumdb.internal;
